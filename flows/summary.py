"""What a flow run did, as named rows, and how it reads in a Prefect artifact or a terminal.

The flows fill :class:`RunSummary` from the library's results (``IngestResult``,
``ExtractResult``, the audit's ``AuditResult``); everything here is pure and tested directly.
Text that comes from answers (quotes, errors) is escaped before it goes into Markdown, so an
answer's HTML can never render in the Prefect UI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from pipeline.ingest.window import Window

#: Tables whose writes count as "new data" (``runs`` and the audit's snapshots are bookkeeping).
DATA_TABLES = ("answers", "commitments", "time_expressions", "quantities", "quarantine")
QUOTE_CHARS = 160
MARKDOWN_ROWS = 25


@dataclass(frozen=True, slots=True)
class TableWrite:
    """One table write, as the library reported it.

    Attributes:
        table: Table name.
        version: Delta version after the write.
        inserted: Rows added.
        updated: Rows rewritten because their content changed.
        deleted: Rows removed.
    """

    table: str
    version: int
    inserted: int
    updated: int
    deleted: int

    @property
    def changed(self) -> int:
        """Rows this write changed."""
        return self.inserted + self.updated + self.deleted


WINDOW_COUNTS: tuple[tuple[str, str], ...] = (
    ("records read", "records_read"),
    ("new answer versions", "answers_inserted"),
    ("upgraded answer versions", "answers_upgraded"),
    ("unchanged answer versions", "answers_unchanged"),
    ("answers extracted", "answers_extracted"),
    ("quarantined records", "quarantined"),
    ("commitments", "commitments"),
    ("time expressions", "time_expressions"),
    ("quantities", "quantities"),
)
"""The counts of :class:`WindowReport` a run summary shows, ``(label, field)``, in order (the
Markdown artifact and the CLI's table)."""


@dataclass(frozen=True, slots=True)
class WindowReport:
    """What ingesting and extracting one window did.

    Attributes:
        window: The window.
        ingest_run: ``runs.run_id`` of the ingestion.
        extract_run: ``runs.run_id`` of the extraction.
        records_read: Raw records read from the source.
        answers_inserted: New answer versions.
        answers_upgraded: Stored versions replaced by a fuller view.
        answers_unchanged: Records that matched a stored version.
        answers_extracted: Answer versions run through the engine.
        quarantined: Records quarantined by ingestion and extraction.
        commitments: Commitment rows produced by the extraction.
        time_expressions: Time-expression rows produced.
        quantities: Quantity rows produced.
        writes: Every data-table write of the two jobs.
    """

    window: Window
    ingest_run: str
    extract_run: str
    records_read: int = 0
    answers_inserted: int = 0
    answers_upgraded: int = 0
    answers_unchanged: int = 0
    answers_extracted: int = 0
    quarantined: int = 0
    commitments: int = 0
    time_expressions: int = 0
    quantities: int = 0
    writes: tuple[TableWrite, ...] = ()

    @property
    def rows_changed(self) -> int:
        """Data-table rows inserted, updated or deleted."""
        return sum(w.changed for w in self.writes if w.table in DATA_TABLES)


@dataclass(frozen=True, slots=True)
class NewDeadline:
    """A dated future commitment written by this run.

    Attributes:
        id: Question id.
        answer_version: Answer version.
        date_answered: When it was made (ISO).
        department: Answering body, when known.
        quote: The commitment's words.
        due: Due date (ISO).
        due_text: The words that gave it.
        strength: ``firm`` or ``soft``.
    """

    id: int
    answer_version: int
    date_answered: str
    department: str | None
    quote: str
    due: str
    due_text: str | None
    strength: str


@dataclass(frozen=True, slots=True)
class OverdueItem:
    """One overdue commitment from the audit.

    Attributes:
        commitment_id: ``<id>:<answer_version>:<start>-<end>``.
        department: Answering body.
        quote: The commitment's words.
        due: Current due date (ISO).
        days_overdue: Days past it.
        date_answered: When it was made (ISO).
    """

    commitment_id: str
    department: str | None
    quote: str
    due: str | None
    days_overdue: int | None
    date_answered: str


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The deadline snapshot a run computed.

    Attributes:
        as_of: The date statuses hold for.
        counts: Commitments per schedule status.
        overdue: The overdue commitments, most overdue first.
        rows_changed: Snapshot rows inserted, updated or deleted.
        evidence_checked_through: Last answer date searched for evidence.
    """

    as_of: dt.date
    counts: dict[str, int]
    overdue: tuple[OverdueItem, ...]
    rows_changed: int
    evidence_checked_through: dt.date | None = None


@dataclass(frozen=True, slots=True)
class TableLocation:
    """Where a table is and how big it is after the run.

    Attributes:
        name: Table name.
        path: Table URI.
        version: Delta version (-1 when absent).
        rows: Row count.
    """

    name: str
    path: str
    version: int
    rows: int


@dataclass(frozen=True, slots=True)
class QuarantinedRecord:
    """A record a run quarantined.

    Attributes:
        source: File and line, URL or lake row.
        stage: ``read``, ``parse`` or ``extract``.
        error: Why.
    """

    source: str
    stage: str
    error: str


@dataclass(frozen=True, slots=True)
class RunSummary:
    """Everything one flow run did.

    Attributes:
        flow: ``nightly`` or ``backfill``.
        lake: Lake root.
        source: ``api`` or the replay path.
        window: The days covered; None when there was nothing to do.
        watermark: The last completed window before the run, None when none.
        windows: One report per window processed.
        skipped: Windows left alone because an earlier run completed them.
        new_deadlines: Dated future commitments written by this run.
        quarantined: Records this run put into ``quarantine`` first (a record met again is
            counted in the window reports, not listed again).
        audit: The deadline snapshot, None when not computed (no audit module, or turned off).
        tables: Every table's location and size after the run.
    """

    flow: str
    lake: str
    source: str
    window: Window | None
    watermark: Window | None = None
    windows: tuple[WindowReport, ...] = ()
    skipped: tuple[Window, ...] = ()
    new_deadlines: tuple[NewDeadline, ...] = ()
    quarantined: tuple[QuarantinedRecord, ...] = ()
    audit: AuditReport | None = None
    tables: tuple[TableLocation, ...] = field(default=())

    @property
    def rows_changed(self) -> int:
        """Data-table rows inserted, updated or deleted by the whole run."""
        return sum(w.rows_changed for w in self.windows)

    @property
    def wrote_nothing_new(self) -> bool:
        """True when no data table changed (the audit snapshot aside)."""
        return self.rows_changed == 0

    def total(self, name: str) -> int:
        """Sum of one :class:`WindowReport` count over the windows."""
        return sum(int(getattr(w, name)) for w in self.windows)


def outcome(summary: RunSummary) -> str:
    """One line saying what the run did, or that it wrote nothing new and why."""
    line = _data_outcome(summary)
    if summary.audit is not None and summary.audit.rows_changed:
        line += (
            f"; deadline snapshot as of {summary.audit.as_of.isoformat()}: "
            f"{summary.audit.rows_changed} rows written"
        )
    return line


def _data_outcome(summary: RunSummary) -> str:
    if summary.window is None:
        through = f" through {summary.watermark.end.isoformat()}" if summary.watermark else ""
        return f"lake up to date{through}: nothing to ingest, nothing new written"
    if not summary.windows and summary.skipped:
        return (
            f"all {len(summary.skipped)} windows of {summary.window} were completed by earlier "
            "runs: nothing new written"
        )
    if summary.wrote_nothing_new:
        return (
            f"{summary.window}: {summary.total('records_read')} records read, all already in "
            "the lake: nothing new written"
        )
    return (
        f"{summary.window}: {summary.total('answers_inserted')} new answer versions, "
        f"{summary.total('answers_upgraded')} upgraded, {summary.total('quarantined')} "
        f"quarantined; {summary.rows_changed} data rows written"
    )


def md_text(value: Any, limit: int | None = None) -> str:
    """``value`` as inert Markdown table-cell text: HTML and Markdown escaped, one line."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|#":
        text = text.replace(char, "\\" + char)
    return text


def _md_table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(md_text(c, QUOTE_CHARS) for c in row) + " |" for row in rows]
    return lines


def summary_markdown(summary: RunSummary) -> str:
    """The run's Markdown summary: outcome, counts, quarantine, new deadlines, overdue, tables."""
    title = f"# {summary.flow} run: {summary.window or 'nothing to do'}"
    lines = [title, "", f"**{md_text(outcome(summary))}**", ""]
    lines += [f"- source: `{md_text(summary.source)}`", f"- lake: `{md_text(summary.lake)}`"]
    if summary.watermark is not None:
        lines.append(f"- watermark before the run: {summary.watermark}")
    if summary.skipped:
        lines.append(f"- windows already complete, skipped: {len(summary.skipped)}")
    lines.append("")
    if summary.windows:
        lines += ["## Counts", ""]
        lines += _md_table(
            ["what", "count"], [[label, summary.total(n)] for label, n in WINDOW_COUNTS]
        )
        lines.append("")
    if summary.quarantined:
        lines += [f"## Newly quarantined records ({len(summary.quarantined)})", ""]
        bad_cells: list[list[Any]] = [
            [q.stage, q.source, q.error] for q in summary.quarantined[:MARKDOWN_ROWS]
        ]
        lines += _md_table(["stage", "source", "error"], bad_cells)
        lines.append("")
    elif summary.total("quarantined"):
        lines += [
            f"{summary.total('quarantined')} bad records met again; already in quarantine.",
            "",
        ]
    if summary.windows:
        lines += [f"## New commitments with due dates ({len(summary.new_deadlines)})", ""]
        if summary.new_deadlines:
            deadline_cells: list[list[Any]] = [
                [d.due, d.department, d.quote, d.id, d.date_answered]
                for d in summary.new_deadlines[:MARKDOWN_ROWS]
            ]
            headers = ["due", "department", "commitment", "question", "answered"]
            lines += _md_table(headers, deadline_cells)
            if len(summary.new_deadlines) > MARKDOWN_ROWS:
                lines.append(f"\n… and {len(summary.new_deadlines) - MARKDOWN_ROWS} more")
        else:
            lines.append("none")
        lines.append("")
    if summary.audit is not None:
        audit = summary.audit
        lines += [f"## Deadlines as of {audit.as_of.isoformat()}", ""]
        lines += _md_table(["status", "commitments"], [[k, v] for k, v in audit.counts.items()])
        lines += ["", f"Overdue: {len(audit.overdue)}", ""]
    if summary.tables:
        lines += ["## Tables", ""]
        table_cells: list[list[Any]] = [
            [t.name, t.rows, t.version, t.path] for t in summary.tables if t.version >= 0
        ]
        lines += _md_table(["table", "rows", "version", "path"], table_cells)
    return "\n".join(lines).rstrip() + "\n"


def deadline_rows(deadlines: tuple[NewDeadline, ...]) -> list[dict[str, Any]]:
    """The new deadlines as rows of a Prefect table artifact.

    Prefect's UI renders table-artifact cells as Markdown, so answer-derived text is escaped.
    """
    return [
        {
            "due": d.due,
            "department": md_text(d.department),
            "commitment": md_text(d.quote),
            "due_text": md_text(d.due_text),
            "strength": d.strength,
            "question_id": d.id,
            "answer_version": d.answer_version,
            "answered": d.date_answered,
        }
        for d in deadlines
    ]


def overdue_rows(overdue: tuple[OverdueItem, ...]) -> list[dict[str, Any]]:
    """The overdue list as rows of a Prefect table artifact (answer text escaped, as above)."""
    return [
        {
            "days_overdue": o.days_overdue,
            "due": o.due or "",
            "department": md_text(o.department),
            "commitment": md_text(o.quote),
            "answered": o.date_answered,
            "commitment_id": o.commitment_id,
        }
        for o in overdue
    ]
