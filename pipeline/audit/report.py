"""Reports of an audit: a terminal table, CSV for spreadsheets, a self-contained HTML page.

Every function takes deadline rows (already filtered and sorted) and returns text or a rich
renderable; nothing prints. The HTML page has no external assets (inline CSS, an inline SVG
timeline of due dates and evidence per department) and escapes every string that came from an
answer, so a ``<script>`` in an answer is shown as text, never run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from html import escape

from rich.table import Table
from rich.text import Text

from pipeline.audit.records import SCHEDULE_STATUSES, DeadlineRow
from pipeline.settings import API_BASE, ATTRIBUTION

STATUS_COLOURS: dict[str, str] = {
    "overdue": "#c0392b",
    "due_soon": "#d35400",
    "slipped": "#b7950b",
    "not_due": "#2471a3",
    "met_late": "#7d3c98",
    "met_on_time": "#1e8449",
    "no_deadline": "#717d7e",
}
RICH_STYLES: dict[str, str] = {
    "overdue": "bold red",
    "due_soon": "dark_orange",
    "slipped": "yellow",
    "not_due": "blue",
    "met_late": "magenta",
    "met_on_time": "green",
    "no_deadline": "dim",
}
CSV_COLUMNS: tuple[str, ...] = (
    "as_of", "schedule_status", "days_overdue", "days_to_due", "due", "current_due", "new_due",
    "due_basis", "due_text", "delivered_on", "delivered_basis", "downgraded", "department", "id",
    "answer_version", "date_answered", "actor", "strength", "assurance", "quote", "initiatives",
    "evidence_count", "evidence", "evidence_checked_through", "commitment_id", "source_url",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def answer_url(answer_id: int) -> str:
    """Where an answer can be read: the Written Questions API's detail response."""
    return f"{API_BASE}/api/writtenquestions/questions/{answer_id}"


def filter_rows(
    rows: Iterable[DeadlineRow],
    *,
    departments: Sequence[str] = (),
    statuses: Sequence[str] = (),
) -> list[DeadlineRow]:
    """Rows of the given departments (case-insensitive substrings) and statuses (all when empty).

    Raises:
        ValueError: For a status that does not exist (naming the allowed ones).
    """
    unknown = [s for s in statuses if s not in SCHEDULE_STATUSES]
    if unknown:
        raise ValueError(f"unknown status(es) {', '.join(unknown)}; allowed: {', '.join(SCHEDULE_STATUSES)}")
    wanted = [d.lower() for d in departments]
    return [
        row
        for row in rows
        if (not statuses or row.schedule_status in statuses)
        and (not wanted or any(w in (row.department or "").lower() for w in wanted))
    ]


def when_text(row: DeadlineRow) -> str:
    """How far the row is from its due date, in words ("412 days overdue", "due in 20 days")."""
    if row.schedule_status == "overdue":
        return f"{row.days_overdue} days overdue"
    if row.schedule_status in ("met_on_time", "met_late") and row.delivered_on:
        return f"delivered by {row.delivered_on.isoformat()}"
    if row.days_to_due is not None:
        return f"due in {row.days_to_due} days"
    return ""


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def rich_table(rows: Sequence[DeadlineRow], *, title: str = "", max_quote: int = 90) -> Table:
    """A rich table of the rows, in their order (most overdue first when sorted by the audit).

    Answer-derived strings are :class:`rich.text.Text`, so square brackets in an answer are not
    read as console markup.
    """
    table = Table(title=title or None, show_lines=False, expand=False)
    for name, justify in (
        ("status", "left"), ("when", "right"), ("due", "left"), ("made", "left"),
        ("department", "left"), ("commitment", "left"), ("evidence", "left"),
    ):  # fmt: skip
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        due = _iso(row.current_due or row.due)
        if row.new_due:
            due = f"{_iso(row.due)} → {_iso(row.new_due)}"
        quote = row.quote if len(row.quote) <= max_quote else row.quote[: max_quote - 1] + "…"
        relations = Counter(e.relation for e in row.evidence)
        evidence = ", ".join(f"{n} {r}" for r, n in relations.most_common()) or "none"
        evidence += f" (to {_iso(row.evidence_checked_through)})"
        table.add_row(
            Text(row.schedule_status, style=RICH_STYLES.get(row.schedule_status, "")),
            Text(when_text(row)),
            Text(due),
            Text(f"{_iso(row.date_answered)} #{row.id}"),
            Text(row.department or ""),
            Text(quote),
            Text(evidence),
        )
    return table


def _cell(value: str) -> str:
    """A CSV text cell that a spreadsheet will not read as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def evidence_text(row: DeadlineRow) -> str:
    """The evidence as one line: ``date relation #id: "quote"`` items joined by `` | ``."""
    return " | ".join(f'{_iso(e.date)} {e.relation} #{e.id}: "{e.quote}"' for e in row.evidence)


def csv_text(rows: Sequence[DeadlineRow]) -> str:
    """The rows as CSV (header + one line per row; text cells guarded against formulas)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = {
            "as_of": _iso(row.as_of),
            "schedule_status": row.schedule_status,
            "days_overdue": "" if row.days_overdue is None else row.days_overdue,
            "days_to_due": "" if row.days_to_due is None else row.days_to_due,
            "due": _iso(row.due),
            "current_due": _iso(row.current_due),
            "new_due": _iso(row.new_due),
            "due_basis": row.due_basis or "",
            "due_text": _cell(row.due_text or ""),
            "delivered_on": _iso(row.delivered_on),
            "delivered_basis": row.delivered_basis or "",
            "downgraded": str(row.downgraded).lower(),
            "department": _cell(row.department or ""),
            "id": row.id,
            "answer_version": row.answer_version,
            "date_answered": _iso(row.date_answered),
            "actor": _cell(row.actor or ""),
            "strength": row.strength,
            "assurance": str(row.assurance).lower(),
            "quote": _cell(row.quote),
            "initiatives": _cell("; ".join(row.initiatives)),
            "evidence_count": len(row.evidence),
            "evidence": _cell(evidence_text(row)),
            "evidence_checked_through": _iso(row.evidence_checked_through),
            "commitment_id": row.commitment_id,
            "source_url": answer_url(row.id),
        }
        writer.writerow([values[c] for c in CSV_COLUMNS])
    return out.getvalue()


# --- HTML ------------------------------------------------------------------------------------------

CSS = """
:root { --ink: #1c2833; --muted: #5d6d7e; --rule: #d5d8dc; --bg: #fbfcfc; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: var(--ink); background: var(--bg); margin: 0 auto; padding: 1.5rem; max-width: 1400px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); }
p.meta { color: var(--muted); margin: .2rem 0; }
ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
ul.counts li { border-radius: 4px; padding: .25rem .6rem; color: #fff; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 14px; table-layout: fixed; }
td { overflow-wrap: anywhere; }
th, td { border-bottom: 1px solid var(--rule); padding: .4rem .5rem; vertical-align: top; text-align: left; }
th { background: #eaeded; position: sticky; top: 0; }
td.num { text-align: right; }
span.status { display: inline-block; border-radius: 3px; padding: 0 .4rem; color: #fff; font-weight: 600; white-space: nowrap; }
blockquote { margin: 0; font-style: italic; }
ol.evidence { margin: 0; padding-left: 1.1rem; }
ol.evidence li { margin-bottom: .25rem; }
.rel { font-weight: 600; }
.muted { color: var(--muted); }
figure { margin: 0; overflow-x: auto; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .lane { fill: #f2f3f4; }
svg .axis { stroke: #909497; }
svg .asof { stroke: #c0392b; stroke-dasharray: 4 3; }
footer { margin-top: 2rem; color: var(--muted); font-size: 13px; }
"""


def _status_badge(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#555")
    return f'<span class="status status-{escape(status)}" style="background:{colour}">{escape(status)}</span>'


def _month_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of months between ``start`` and ``end``, thinned to at most ~14 ticks."""
    months = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = dt.date(day.year + (day.month // 12), day.month % 12 + 1, 1)
    step = max(1, -(-len(months) // 14))
    return [m for i, m in enumerate(months) if i % step == 0]


def timeline_svg(rows: Sequence[DeadlineRow], as_of: dt.date, *, width: int = 1200, lane_height: int = 46) -> str:
    """An inline SVG: one lane per department, a dot at each due date coloured by status, a line
    from an original due date to a slipped one or to the delivery date, ticks at the dates of the
    evidence, and a dashed line at ``as_of``. Every label and tooltip is escaped.
    """
    dated = [r for r in rows if r.due is not None]
    if not dated:
        return '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="600" height="40" aria-label="no dated commitments"><text x="10" y="25">No dated commitments to plot.</text></svg>'
    dates = [as_of]
    for row in dated:
        dates += [d for d in (row.due, row.current_due, row.delivered_on, row.date_answered) if d]
        dates += [e.date for e in row.evidence]
    first, last = min(dates), max(dates)
    first = dt.date(first.year, first.month, 1)
    last = last + dt.timedelta(days=15)
    span = max((last - first).days, 1)
    by_department: dict[str, list[DeadlineRow]] = defaultdict(list)
    for row in dated:
        by_department[row.department or "(no department)"].append(row)
    order = sorted(by_department, key=lambda d: (-sum(r.schedule_status == "overdue" for r in by_department[d]), d))
    label_width, top, axis_height = 260, 10, 30
    plot_width = width - label_width - 20
    height = top + lane_height * len(order) + axis_height

    def x(day: dt.date) -> float:
        return round(label_width + plot_width * (day - first).days / span, 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" id="timeline-chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="Due dates and evidence per department">',
        "<title>Due dates and evidence per department</title>",
    ]
    for lane, department in enumerate(order):
        y0 = top + lane * lane_height
        parts.append(f'<rect class="lane" x="{label_width}" y="{y0 + 2}" width="{plot_width}" height="{lane_height - 4}"/>')
        label = department if len(department) <= 36 else department[:35] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y0 + lane_height / 2 + 4}" text-anchor="end">{escape(label)}</text>')
        for index, row in enumerate(sorted(by_department[department], key=lambda r: (r.due or as_of, r.commitment_id))):
            y = y0 + 8 + (index * 7) % (lane_height - 16)
            colour = STATUS_COLOURS.get(row.schedule_status, "#555")
            due = row.current_due or row.due or as_of
            end = row.delivered_on or row.new_due
            if row.due is not None and end is not None and end != row.due:
                parts.append(f'<line x1="{x(row.due)}" y1="{y}" x2="{x(end)}" y2="{y}" stroke="{colour}" stroke-width="2"/>')
            for item in row.evidence:
                parts.append(
                    f'<line class="evidence" x1="{x(item.date)}" y1="{y - 4}" x2="{x(item.date)}" y2="{y + 4}" '
                    f'stroke="{colour}" stroke-width="1.5"><title>{escape(f"{item.date} {item.relation}: {item.quote}")}</title></line>'
                )
            tip = f"{row.schedule_status}, due {row.current_due or row.due} ({row.department}): {row.quote}"
            parts.append(
                f'<circle class="due status-{escape(row.schedule_status)}" cx="{x(due)}" cy="{y}" r="4.5" fill="{colour}">'
                f"<title>{escape(tip)}</title></circle>"
            )
    axis_y = top + lane_height * len(order) + 4
    parts.append(f'<line class="axis" x1="{label_width}" y1="{axis_y}" x2="{label_width + plot_width}" y2="{axis_y}"/>')
    for tick in _month_ticks(first, last):
        parts.append(f'<line class="axis" x1="{x(tick)}" y1="{axis_y}" x2="{x(tick)}" y2="{axis_y + 5}"/>')
        parts.append(f'<text x="{x(tick)}" y="{axis_y + 18}" text-anchor="middle">{tick:%b %Y}</text>')
    parts.append(f'<line class="asof" x1="{x(as_of)}" y1="{top}" x2="{x(as_of)}" y2="{axis_y}"/>')
    parts.append(f'<text x="{x(as_of) + 4}" y="{top + 10}" fill="#c0392b">as of {as_of.isoformat()}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _evidence_html(row: DeadlineRow) -> str:
    if not row.evidence:
        return f'<span class="muted">none found (answers checked through {_iso(row.evidence_checked_through)})</span>'
    items = []
    for e in row.evidence:
        items.append(
            f'<li><span class="date">{_iso(e.date)}</span> <span class="rel rel-{escape(e.relation)}">{escape(e.relation)}</span> '
            f'<a href="{escape(answer_url(e.id))}">#{e.id}</a>: “{escape(e.quote)}”'
            f' <span class="muted">({escape(e.reason)}; score {e.score:.2f})</span></li>'
        )
    return f'<ol class="evidence">{"".join(items)}</ol><span class="muted">checked through {_iso(row.evidence_checked_through)}</span>'


def html_report(
    rows: Sequence[DeadlineRow],
    *,
    as_of: dt.date,
    checked_through: dt.date | None = None,
    filters: str = "",
    generated_at: dt.datetime | None = None,
) -> str:
    """A self-contained HTML page: counts, the timeline chart and one table row per commitment.

    Args:
        rows: Deadline rows in display order.
        as_of: The date the statuses hold for.
        checked_through: The last answer date searched for evidence.
        filters: A description of the filters applied, shown under the title.
        generated_at: When the report was made (now when None).
    """
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    counts = Counter(r.schedule_status for r in rows)
    count_items = "".join(
        f'<li style="background:{STATUS_COLOURS[s]}">{escape(s)}: {counts.get(s, 0)}</li>' for s in SCHEDULE_STATUSES
    )
    body_rows = []
    for index, row in enumerate(rows):
        due = _iso(row.due)
        if row.new_due:
            due += f"<br>→ {_iso(row.new_due)}"
        if row.due_basis == "assurance_default":
            due += ' <span class="muted">(default for an assurance)</span>'
        initiatives = ", ".join(escape(i) for i in row.initiatives)
        flag = ' <span class="muted">downgraded</span>' if row.downgraded else ""
        body_rows.append(
            f'<tr id="c{index}" class="row status-{escape(row.schedule_status)}" data-status="{escape(row.schedule_status)}">'
            f"<td>{_status_badge(row.schedule_status)}{flag}</td>"
            f'<td class="num">{escape(when_text(row))}</td>'
            f'<td class="date">{due}<br><span class="muted">{escape(row.due_text or "")}</span></td>'
            f'<td class="date">{_iso(row.date_answered)}<br><a href="{escape(answer_url(row.id))}">#{row.id}</a></td>'
            f"<td>{escape(row.department or '')}</td>"
            f"<td><blockquote>“{escape(row.quote)}”</blockquote>"
            f'<span class="muted">{escape(row.actor or "")}{" · " if row.actor and initiatives else ""}{initiatives}</span></td>'
            f"<td>{_evidence_html(row)}</td>"
            "</tr>"
        )
    checked = f" · evidence checked through {checked_through.isoformat()}" if checked_through else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Commitments audit as of {as_of.isoformat()}</title>"
        f"<style>{CSS}</style></head><body>"
        f"<header><h1>Commitments audit as of {as_of.isoformat()}</h1>"
        f'<p class="meta">{len(rows)} commitments{escape(checked)}{" · " + escape(filters) if filters else ""}</p>'
        f'<p class="meta">Generated {generated_at:%Y-%m-%d %H:%M} UTC by the policy-commitment tracker.</p>'
        f'<ul class="counts">{count_items}</ul></header>'
        '<section id="timeline"><h2>Due dates and evidence by department</h2>'
        f"<figure>{timeline_svg(rows, as_of)}</figure>"
        '<p class="meta">Dots: due dates (slipped commitments at their new date), coloured by status; '
        "lines: from the original due date to the new one or to the delivery; ticks: dated evidence; "
        "dashed line: the audit date.</p></section>"
        '<section id="commitments"><h2>Commitments, most overdue first</h2>'
        "<table><colgroup><col style=\"width:9%\"><col style=\"width:9%\"><col style=\"width:10%\">"
        "<col style=\"width:8%\"><col style=\"width:11%\"><col style=\"width:25%\"><col style=\"width:28%\"></colgroup>"
        "<thead><tr><th>Status</th><th>When</th><th>Due</th><th>Made</th><th>Department</th>"
        "<th>Commitment</th><th>Evidence</th></tr></thead>"
        f"<tbody>{''.join(body_rows)}</tbody></table></section>"
        f"<footer><p>{escape(ATTRIBUTION)}</p></footer>"
        "</body></html>\n"
    )
