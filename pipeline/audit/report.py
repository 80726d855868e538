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
        raise ValueError(
            f"unknown status(es) {', '.join(unknown)}; allowed: {', '.join(SCHEDULE_STATUSES)}"
        )
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


# --- HTML ------------------------------------------------------------------------------------

CSS = """
:root { --ink: #1c2833; --muted: #5d6d7e; --rule: #d5d8dc; --bg: #fbfcfc; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: var(--ink); background: var(--bg); margin: 0 auto; padding: 1.5rem;
       max-width: 1400px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--rule); }
p.meta { color: var(--muted); margin: .2rem 0; }
ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
ul.counts li { border-radius: 4px; padding: .25rem .6rem; color: #fff; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: 14px; table-layout: fixed; }
th, td { border-bottom: 1px solid var(--rule); padding: .4rem .5rem; vertical-align: top;
         text-align: left; overflow-wrap: anywhere; }
th { background: #eaeded; position: sticky; top: 0; }
td.num { text-align: right; }
span.status { display: inline-block; border-radius: 3px; padding: 0 .4rem; color: #fff;
              font-weight: 600; white-space: nowrap; }
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
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Status", 9), ("When", 9), ("Due", 10), ("Made", 8), ("Department", 11),
    ("Commitment", 25), ("Evidence", 28),
)  # fmt: skip
SVG_NS = "http://www.w3.org/2000/svg"


def _attrs(attrs: dict[str, object]) -> str:
    """Attributes, values escaped; ``class_`` -> ``class``, ``data_status`` -> ``data-status``."""
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in attrs.items()
    )


def _el(name: str, content: str = "", **attrs: object) -> str:
    """An element whose ``content`` is already HTML (escape text first); attributes are escaped."""
    return f"<{name}{_attrs(attrs)}>{content}</{name}>"


def _void(name: str, **attrs: object) -> str:
    """A self-closing (SVG) element."""
    return f"<{name}{_attrs(attrs)}/>"


def _status_badge(status: str) -> str:
    colour = STATUS_COLOURS.get(status, "#555")
    return _el(
        "span", escape(status), class_=f"status status-{status}", style=f"background:{colour}"
    )


def _month_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of months between ``start`` and ``end``, thinned to at most ~14 ticks."""
    months = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = dt.date(day.year + (day.month // 12), day.month % 12 + 1, 1)
    step = max(1, -(-len(months) // 14))
    return [m for i, m in enumerate(months) if i % step == 0]


def _lanes(rows: Sequence[DeadlineRow]) -> dict[str, list[DeadlineRow]]:
    """Dated rows by department, departments with the most overdue rows first."""
    by_department: dict[str, list[DeadlineRow]] = defaultdict(list)
    for row in rows:
        by_department[row.department or "(no department)"].append(row)
    order = sorted(
        by_department,
        key=lambda d: (-sum(r.schedule_status == "overdue" for r in by_department[d]), d),
    )
    return {
        d: sorted(by_department[d], key=lambda r: (r.due or dt.date.min, r.commitment_id))
        for d in order
    }


def timeline_svg(
    rows: Sequence[DeadlineRow],
    as_of: dt.date,
    *,
    width: int = 1200,
    lane_height: int = 46,
    horizon_years: int = 5,
) -> str:
    """An inline SVG: one lane per department, a dot at each due date coloured by status, a line
    from an original due date to a slipped one or to the delivery date, ticks at the dates of the
    evidence, and a dashed line at ``as_of``. Due dates more than ``horizon_years`` after
    ``as_of`` are hollow dots at the right edge. Every label and tooltip is escaped.
    """
    dated = [r for r in rows if r.due is not None]
    if not dated:
        text = _el("text", "No dated commitments to plot.", x=10, y=25)
        return _el("svg", text, xmlns=SVG_NS, role="img", width=600, height=40)
    dates = [as_of]
    for row in dated:
        dates += [d for d in (row.due, row.current_due, row.delivered_on, row.date_answered) if d]
        dates += [e.date for e in row.evidence]
    first = dt.date(min(dates).year, min(dates).month, 1)
    horizon = as_of.replace(year=as_of.year + horizon_years, day=min(as_of.day, 28))
    last = min(max(dates), horizon) + dt.timedelta(days=15)
    span = max((last - first).days, 1)
    lanes = _lanes(dated)
    label_width, top = 260, 10
    plot_width = width - label_width - 20
    axis_y = top + lane_height * len(lanes) + 4
    height = axis_y + 26

    def x(day: dt.date) -> float:
        """The x of a date; dates past the horizon sit at the right edge."""
        return round(label_width + plot_width * min((day - first).days, span) / span, 1)

    parts = [_el("title", "Due dates and evidence per department")]
    for lane, (department, members) in enumerate(lanes.items()):
        y0 = top + lane * lane_height
        parts.append(
            _void(
                "rect",
                class_="lane",
                x=label_width,
                y=y0 + 2,
                width=plot_width,
                height=lane_height - 4,
            )
        )
        label = department if len(department) <= 32 else department[:31] + "…"
        ty = y0 + lane_height / 2 + 4
        parts.append(_el("text", escape(label), x=label_width - 8, y=ty, text_anchor="end"))
        for index, row in enumerate(members):
            y = y0 + 8 + (index * 7) % (lane_height - 16)
            colour = STATUS_COLOURS.get(row.schedule_status, "#555")
            due = row.current_due or row.due or as_of
            end = row.delivered_on or row.new_due
            if row.due is not None and end is not None and end != row.due:
                line = {"x1": x(row.due), "y1": y, "x2": x(end), "y2": y}
                parts.append(_void("line", **line, stroke=colour, stroke_width=2))
            for item in row.evidence:
                tip = escape(f"{item.date} {item.relation}: {item.quote}")
                mark = {"x1": x(item.date), "y1": y - 4, "x2": x(item.date), "y2": y + 4}
                parts.append(
                    _el(
                        "line",
                        _el("title", tip),
                        class_="evidence",
                        **mark,
                        stroke=colour,
                        stroke_width=1.5,
                    )
                )
            tip = f"{row.schedule_status}, due {due} ({row.department}): {row.quote}"
            parts.append(
                _el(
                    "circle",
                    _el("title", escape(tip)),
                    class_=f"due status-{row.schedule_status}",
                    cx=x(due),
                    cy=y,
                    r=4.5,
                    fill=colour if due <= horizon else "none",
                    stroke=colour,
                )
            )
    parts.append(
        _void(
            "line", class_="axis", x1=label_width, y1=axis_y, x2=label_width + plot_width, y2=axis_y
        )
    )
    for tick in _month_ticks(first, last):
        parts.append(_void("line", class_="axis", x1=x(tick), y1=axis_y, x2=x(tick), y2=axis_y + 5))
        parts.append(_el("text", f"{tick:%b %Y}", x=x(tick), y=axis_y + 18, text_anchor="middle"))
    parts.append(_void("line", class_="asof", x1=x(as_of), y1=top, x2=x(as_of), y2=axis_y))
    parts.append(
        _el("text", f"as of {as_of.isoformat()}", x=x(as_of) + 4, y=top + 10, fill="#c0392b")
    )
    return _el(
        "svg",
        "".join(parts),
        xmlns=SVG_NS,
        role="img",
        id="timeline-chart",
        width=width,
        height=height,
        viewBox=f"0 0 {width} {height}",
        aria_label="Due dates and evidence per department",
    )


def _evidence_html(row: DeadlineRow) -> str:
    checked = _iso(row.evidence_checked_through)
    if not row.evidence:
        return _el("span", f"none found (answers checked through {checked})", class_="muted")
    items = []
    for e in row.evidence:
        items.append(
            _el(
                "li",
                f"{_iso(e.date)} "
                + _el("span", escape(e.relation), class_=f"rel rel-{e.relation}")
                + " "
                + _el("a", f"#{e.id}", href=answer_url(e.id))
                + f": “{escape(e.quote)}” "
                + _el("span", escape(f"({e.reason}; score {e.score:.2f})"), class_="muted"),
            )
        )
    return _el("ol", "".join(items), class_="evidence") + _el(
        "span", f"checked through {checked}", class_="muted"
    )


def _row_html(index: int, row: DeadlineRow) -> str:
    """One table row of the report."""
    due = _iso(row.due)
    if row.new_due:
        due += f"<br>→ {_iso(row.new_due)}"
    if row.due_basis == "assurance_default":
        due += " " + _el("span", "(default for an assurance)", class_="muted")
    status = _status_badge(row.schedule_status)
    if row.downgraded:
        status += " " + _el("span", "downgraded", class_="muted")
    about = " · ".join(
        escape(part) for part in (row.actor or "", ", ".join(row.initiatives)) if part
    )
    cells = [
        _el("td", status),
        _el("td", escape(when_text(row)), class_="num"),
        _el("td", due + "<br>" + _el("span", escape(row.due_text or ""), class_="muted")),
        _el(
            "td", f"{_iso(row.date_answered)}<br>" + _el("a", f"#{row.id}", href=answer_url(row.id))
        ),
        _el("td", escape(row.department or "")),
        _el("td", _el("blockquote", f"“{escape(row.quote)}”") + _el("span", about, class_="muted")),
        _el("td", _evidence_html(row)),
    ]
    status_class = f"row status-{row.schedule_status}"
    return _el(
        "tr", "".join(cells), id=f"c{index}", class_=status_class, data_status=row.schedule_status
    )


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
    counts: Counter[str] = Counter(r.schedule_status for r in rows)
    count_items = "".join(
        _el("li", escape(f"{s}: {counts.get(s, 0)}"), style=f"background:{STATUS_COLOURS[s]}")
        for s in SCHEDULE_STATUSES
    )
    meta = [f"{len(rows)} commitments"]
    if checked_through:
        meta.append(f"evidence checked through {checked_through.isoformat()}")
    if filters:
        meta.append(filters)
    title = f"Commitments audit as of {as_of.isoformat()}"
    header = (
        _el("h1", title)
        + _el("p", escape(" · ".join(meta)), class_="meta")
        + _el(
            "p",
            f"Generated {generated_at:%Y-%m-%d %H:%M} UTC by the policy-commitment tracker.",
            class_="meta",
        )
        + _el("ul", count_items, class_="counts")
    )
    legend = (
        "Dots: due dates (slipped commitments at their new date), coloured by status; lines: from "
        "the original due date to the new one or to the delivery; ticks: dated evidence; dashed "
        "line: the audit date."
    )
    timeline = (
        _el("h2", "Due dates and evidence by department")
        + _el("figure", timeline_svg(rows, as_of))
        + _el("p", legend, class_="meta")
    )
    colgroup = _el("colgroup", "".join(_void("col", style=f"width:{w}%") for _, w in COLUMNS))
    thead = _el("thead", _el("tr", "".join(_el("th", name) for name, _ in COLUMNS)))
    tbody = _el("tbody", "".join(_row_html(i, row) for i, row in enumerate(rows)))
    table = _el("h2", "Commitments, most overdue first") + _el("table", colgroup + thead + tbody)
    head = (
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        + _el("title", title)
        + _el("style", CSS)
    )
    body = (
        _el("header", header)
        + _el("section", timeline, id="timeline")
        + _el("section", table, id="commitments")
        + _el("footer", _el("p", escape(ATTRIBUTION)))
    )
    return (
        "<!DOCTYPE html>\n" + _el("html", _el("head", head) + _el("body", body), lang="en") + "\n"
    )
