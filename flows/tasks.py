"""The flows' tasks: each a thin ``@task`` over one library call, typed, with its retry policy.

Retries with exponential backoff (and jitter) are on the I/O tasks, and only for failures that a
retry can fix (:func:`is_transient`): API outages after the client's own retries, a concurrent
Delta commit, a dropped connection; never a missing file or a bad window. Every library job is
idempotent (keyed merges), so a retried task ends with the same tables.

The task that talks to the Written Questions API holds a slot of the global concurrency limit
:data:`flows.api.API_LIMIT_NAME` for its whole run, so parallel back-fill windows (threads or
Dask workers) use one API client at a time and the client's own rate limit holds overall.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.client.schemas.objects import TaskRun
from prefect.concurrency.sync import concurrency
from prefect.context import TaskRunContext
from prefect.exceptions import MissingContextError
from prefect.states import State
from prefect.tasks import Task, exponential_backoff

from flows.api import API_LIMIT_NAME, ensure_api_limit
from flows.summary import (
    AuditReport,
    NewDeadline,
    OverdueItem,
    QuarantinedRecord,
    RunSummary,
    TableLocation,
    TableWrite,
    WindowReport,
    deadline_rows,
    outcome,
    overdue_rows,
    summary_markdown,
)
from pipeline.ingest.window import Window
from pipeline.settings import get_settings

if TYPE_CHECKING:
    from pipeline.lake import ExtractResult, IngestResult, WriteResult

API_SOURCE = "api"
RETRY_JITTER = 1.0
#: How far before a run's start the scan for its new rows begins (clock skew between hosts).
SCAN_MARGIN = dt.timedelta(hours=1)
MAX_LISTED = 500


# --- pure helpers -------------------------------------------------------------------------------


def run_logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    """Prefect's run logger inside a run; this module's logger when a task body is called
    directly (``task.fn(...)``, as the tests do)."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger(__name__)


def resolve_source(source: str | None) -> str:
    """``api``, or a replay path made absolute (it is recorded in ``runs.source``).

    None is the bundled sample (``data/samples/``): fully offline.

    Raises:
        FileNotFoundError: When a replay path does not exist.
    """
    if source == API_SOURCE:
        return API_SOURCE
    path = Path(source) if source is not None else get_settings().samples
    if not path.exists():
        raise FileNotFoundError(f"replay source not found: {path}")
    return str(path.resolve())


def scan_start() -> dt.datetime:
    """Where a run's scan for the rows it writes begins: now, less :data:`SCAN_MARGIN`."""
    return dt.datetime.now(dt.UTC) - SCAN_MARGIN


def resolve_lake_root(lake: str | None) -> str:
    """The lake root as the library resolves it (absolute path or URL)."""
    from pipeline.lake import resolve_lake

    return resolve_lake(lake).root


def is_transient(exc: BaseException) -> bool:
    """True for failures a retry can fix: API outages, concurrent Delta commits, lost I/O."""
    from deltalake.exceptions import CommitFailedError

    from pipeline.ingest.client import ApiError

    if isinstance(exc, ApiError):
        return exc.status is None or exc.status >= 500 or exc.status == 429
    if isinstance(exc, CommitFailedError) or isinstance(exc.__cause__, CommitFailedError):
        return True
    if isinstance(
        exc, FileNotFoundError | IsADirectoryError | NotADirectoryError | PermissionError
    ):
        return False
    return isinstance(exc, OSError | TimeoutError)


def retry_if_transient(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Prefect ``retry_condition_fn``: retry only :func:`is_transient` failures."""
    exc = state.result(raise_on_failure=False)
    return isinstance(exc, BaseException) and is_transient(exc)


IO_RETRY_POLICY: Mapping[str, Any] = {
    "retry_delay_seconds": exponential_backoff(backoff_factor=2),
    "retry_jitter_factor": RETRY_JITTER,
    "retry_condition_fn": retry_if_transient,
}
"""How an I/O task retries (its ``@task`` keywords besides ``retries``): exponential backoff with
jitter, and only for :func:`is_transient` failures."""


def table_writes(writes: tuple[WriteResult, ...]) -> tuple[TableWrite, ...]:
    """The library's write results as summary rows (``runs`` bookkeeping left out)."""
    return tuple(
        TableWrite(w.table, w.version, w.rows_inserted, w.rows_updated, w.rows_deleted)
        for w in writes
        if w.table != "runs"
    )


def window_report(ingested: IngestResult, extracted: ExtractResult) -> WindowReport:
    """One window's report from its ingestion and extraction results."""
    window = ingested.window or extracted.window
    if window is None:
        raise ValueError("a window report needs a windowed run")
    return WindowReport(
        window=window,
        ingest_run=ingested.run_id,
        extract_run=extracted.run_id,
        records_read=ingested.records_read,
        answers_inserted=ingested.answers_inserted,
        answers_upgraded=ingested.answers_upgraded,
        answers_unchanged=ingested.answers_unchanged,
        answers_extracted=extracted.answers_extracted,
        quarantined=ingested.quarantined + extracted.quarantined,
        commitments=extracted.commitments,
        time_expressions=extracted.time_expressions,
        quantities=extracted.quantities,
        writes=table_writes(ingested.writes) + table_writes(extracted.writes),
    )


def _source_key(context: TaskRunContext, parameters: dict[str, Any]) -> str | None:
    """Cache key of a replay source: path, size and modification time (None: do not cache)."""
    source = parameters["source"]
    if source == API_SOURCE:
        return None
    stats = [os.stat(p) for p in sorted(_replay_files(Path(source)))]
    stamp = ",".join(f"{s.st_size}:{s.st_mtime_ns}" for s in stats)
    return f"replay-first-day:{source}:{stamp}"


def _replay_files(path: Path) -> list[Path]:
    from pipeline.ingest.replay import replay_files

    return replay_files(path)


# --- tasks --------------------------------------------------------------------------------------


@task(
    name="first-day-of-source",
    cache_key_fn=_source_key,
    cache_expiration=dt.timedelta(days=30),
    persist_result=True,
)
def source_first_day(source: str) -> dt.date | None:
    """The earliest answer (or correction) date a replay source holds; None for the API.

    Reading a large replay file takes seconds; the result is cached on the files' paths, sizes
    and modification times, so repeated nightly runs over the same file skip the scan.
    """
    if source == API_SOURCE:
        return None
    from pipeline.ingest.records import Answer
    from pipeline.ingest.replay import read_records

    first: dt.date | None = None
    for item in read_records(Path(source)):
        if isinstance(item, Answer):
            day = min(d for d in (item.date_answered, item.date_corrected) if d is not None)
            first = day if first is None or day < first else first
    return first


@task(
    name="read-watermark",
    retries=3,
    **IO_RETRY_POLICY,
)
def read_watermark(lake: str, source: str) -> Window | None:
    """The last window both ingested from ``source`` and extracted (the earlier of the two).

    A window ingested but not extracted (a run that failed in between) is not complete, so
    the next nightly run covers it again.
    """
    from pipeline.lake import last_completed_window

    ingested = last_completed_window(lake, kind="ingest", source=source)
    extracted = last_completed_window(lake, kind="extract")
    if ingested is None or extracted is None:
        return None
    return ingested if ingested.end <= extracted.end else extracted


@task(
    name="finished-windows",
    retries=3,
    **IO_RETRY_POLICY,
)
def finished_windows(lake: str, source: str) -> list[Window]:
    """Windows of completed runs that were both ingested from ``source`` and extracted."""
    import pyarrow.compute as pc

    from pipeline.lake import LakeError, read_arrow

    columns = ["kind", "status", "source", "window_start", "window_end"]
    try:
        table = read_arrow("runs", lake, columns=columns)
    except LakeError:
        return []
    rows = table.filter(pc.equal(table["status"], "completed")).to_pylist()
    ingested = {
        (r["window_start"], r["window_end"])
        for r in rows
        if r["kind"] == "ingest" and r["source"] == source and r["window_start"] is not None
    }
    extracted = {
        (r["window_start"], r["window_end"])
        for r in rows
        if r["kind"] == "extract" and r["window_start"] is not None
    }
    return sorted(Window(start, end) for start, end in ingested & extracted)


@task(
    name="prepare-lake",
    retries=3,
    **IO_RETRY_POLICY,
)
def prepare_lake(lake: str) -> list[str]:
    """Create the tables the jobs write, before parallel windows would race to create them."""
    from pipeline.lake.io import ensure_table
    from pipeline.lake.schemas import EXTRACTION_TABLES

    names = ["runs", "answers", "quarantine", *EXTRACTION_TABLES]
    for name in names:
        ensure_table(name, lake)
    return names


@task(
    name="ensure-api-limit",
    retries=3,
    retry_delay_seconds=exponential_backoff(backoff_factor=2),
    retry_jitter_factor=RETRY_JITTER,
)
def ensure_api_concurrency_limit() -> bool:
    """Create the API's global concurrency limit unless it exists (True when created)."""
    created = ensure_api_limit()
    if created:
        run_logger().info("created global concurrency limit %r (1 slot)", API_LIMIT_NAME)
    return created


@contextlib.contextmanager
def _api_slot(source: str) -> Iterator[None]:
    if source != API_SOURCE:
        yield
        return
    with concurrency(API_LIMIT_NAME, occupy=1, strict=False):
        yield


@task(
    name="ingest-window",
    task_run_name="ingest {window}",
    retries=4,
    **IO_RETRY_POLICY,
)
def ingest(source: str, window: Window, lake: str) -> IngestResult:
    """Ingest one window from ``source`` into ``answers`` (and ``quarantine``)."""
    from pipeline.lake import ingest_window

    logger = run_logger()
    with _api_slot(source):
        result = ingest_window(source, window.start, window.end, lake=lake)
    logger.info(
        "ingested %s: %d records read, %d new, %d upgraded, %d unchanged, %d quarantined",
        window,
        result.records_read,
        result.answers_inserted,
        result.answers_upgraded,
        result.answers_unchanged,
        result.quarantined,
    )
    return result


@task(
    name="extract-window",
    task_run_name="extract {window}",
    retries=4,
    **IO_RETRY_POLICY,
)
def extract(lake: str, window: Window, n_process: int = 1) -> ExtractResult:
    """Run the engine over the window's answers and merge the extraction tables."""
    from pipeline.lake import extract_answers

    result = extract_answers(lake, window.start, window.end, n_process=n_process)
    run_logger().info(
        "extracted %s: %d answer versions, %d commitments, %d time expressions, %d quantities",
        window,
        result.answers_extracted,
        result.commitments,
        result.time_expressions,
        result.quantities,
    )
    return result


@task(
    name="new-deadlines",
    retries=3,
    **IO_RETRY_POLICY,
)
def new_deadlines(
    lake: str, extract_runs: list[str], since: dt.datetime | None = None
) -> tuple[NewDeadline, ...]:
    """Dated, non-negated future commitments that the given extraction runs wrote.

    Args:
        lake: Lake root.
        extract_runs: ``run_id`` of the extraction runs.
        since: A time before the runs started: only rows extracted since then are scanned
            (Delta skips the older files), so the cost follows the run, not the lake's size.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from pipeline.lake import LakeError, read_arrow

    if not extract_runs:
        return ()
    columns = ["id", "answer_version", "date_answered", "quote", "due", "due_text", "strength"]
    recent = None
    if since is not None:
        recent = pc.field("extracted_at") >= pa.scalar(since, pa.timestamp("us", tz="UTC"))
    try:
        table = read_arrow(
            "commitments", lake, columns=[*columns, "run_id", "kind", "negated"], filter=recent
        )
    except LakeError:
        return ()
    # Filtered in memory: a scan filter on a string column fails on these Delta datasets
    # (pyarrow 26 compares their string statistics as string_view and raises).
    wanted = functools.reduce(
        pc.and_kleene,
        [
            pc.is_in(table["run_id"], value_set=pa.array(extract_runs, pa.string())),
            pc.is_valid(table["due"]),
            pc.equal(table["kind"], "future"),
            pc.invert(pc.fill_null(table["negated"], False)),
        ],
    )
    rows = table.filter(wanted).select(columns).to_pylist()
    ids = pa.array(sorted({r["id"] for r in rows}), pa.int64())
    answers = read_arrow(
        "answers", lake, columns=["id", "answer_version", "answering_body"],
        filter=pc.field("id").isin(ids),
    ).to_pylist()  # fmt: skip
    body = {(a["id"], a["answer_version"]): a["answering_body"] for a in answers}
    out = [
        NewDeadline(
            id=r["id"],
            answer_version=r["answer_version"],
            date_answered=_iso(r["date_answered"]),
            department=body.get((r["id"], r["answer_version"])),
            quote=r["quote"],
            due=_iso(r["due"]),
            due_text=r["due_text"],
            strength=r["strength"],
        )
        for r in rows
    ]
    out.sort(key=lambda d: (d.due, d.id, d.answer_version, d.quote))
    return tuple(out[:MAX_LISTED])


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@task(
    name="quarantined-records",
    retries=3,
    **IO_RETRY_POLICY,
)
def quarantined_records(lake: str, run_ids: list[str]) -> tuple[QuarantinedRecord, ...]:
    """The records the given runs put into ``quarantine`` first (source, stage, error).

    A bad record met again by a later run is the same row (keyed on its content), still
    carrying the run that quarantined it first; the later run only counts it.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from pipeline.lake import LakeError, read_arrow

    if not run_ids:
        return ()
    try:
        table = read_arrow("quarantine", lake, columns=["source", "stage", "error", "run_id"])
    except LakeError:
        return ()
    mine = pc.is_in(table["run_id"], value_set=pa.array(run_ids, pa.string()))
    rows = table.filter(mine).to_pylist()
    out = sorted(
        (QuarantinedRecord(r["source"], r["stage"], r["error"]) for r in rows),
        key=lambda q: (q.stage, q.source, q.error),
    )
    return tuple(out[:MAX_LISTED])


def audit_available() -> bool:
    """True when the audit module (``pipeline.audit.store.compute_deadlines``) is installed."""
    try:
        from pipeline.audit.store import compute_deadlines  # noqa: F401
    except ImportError:
        return False
    return True


@task(
    name="compute-deadlines",
    retries=3,
    **IO_RETRY_POLICY,
)
def audit(lake: str, as_of: dt.date) -> AuditReport:
    """Compute and write the deadline snapshot as of ``as_of``; the overdue list with it."""
    from pipeline.audit.store import compute_deadlines

    result = compute_deadlines(lake, as_of)
    changed = sum(
        int(w.get("inserted", 0)) + int(w.get("updated", 0)) + int(w.get("deleted", 0))
        for w in result.written.values()
    )
    overdue = tuple(
        OverdueItem(
            commitment_id=r.commitment_id,
            department=r.department,
            quote=r.quote,
            due=_iso(r.current_due) if r.current_due is not None else None,
            days_overdue=r.days_overdue,
            date_answered=_iso(r.date_answered),
        )
        for r in result.overdue
    )
    run_logger().info(
        "deadlines as of %s: %d commitments audited, %d overdue, %d snapshot rows changed",
        as_of,
        len(result.rows),
        len(overdue),
        changed,
    )
    return AuditReport(
        as_of=as_of,
        counts=result.counts(),
        overdue=overdue,
        rows_changed=changed,
        evidence_checked_through=result.evidence_checked_through,
    )


@task(name="describe-tables", retries=2, retry_delay_seconds=exponential_backoff(2))
def table_locations(lake: str) -> tuple[TableLocation, ...]:
    """Every table's path, version and row count."""
    from pipeline.lake import lake_tables

    return tuple(TableLocation(t.name, t.path, t.version, t.rows) for t in lake_tables(lake))


@task(name="publish-artifacts")
def publish(summary: RunSummary) -> list[str]:
    """Publish the run's artifacts; returns their keys.

    ``<flow>-summary`` (Markdown: outcome, counts, quarantined records, new deadlines, status
    counts, tables), ``<flow>-new-deadlines`` (table) and, with an audit, ``<flow>-overdue``
    (table, most overdue first).
    """
    keys = [f"{summary.flow}-summary"]
    create_markdown_artifact(
        markdown=summary_markdown(summary), key=keys[0], description=outcome(summary)
    )
    if summary.windows:
        keys.append(f"{summary.flow}-new-deadlines")
        create_table_artifact(
            table=deadline_rows(summary.new_deadlines),
            key=keys[-1],
            description=f"Dated future commitments written by this run ({summary.window})",
        )
    if summary.audit is not None:
        keys.append(f"{summary.flow}-overdue")
        create_table_artifact(
            table=overdue_rows(summary.audit.overdue),
            key=keys[-1],
            description=f"Overdue commitments as of {summary.audit.as_of.isoformat()}",
        )
    return keys
