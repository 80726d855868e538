"""Reports: filters, CSV, the self-contained HTML page (escaping, chart), the page in Chromium."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from audit.builders import answer, commitment, timeline_answers
from rich.console import Console

from pipeline.audit import run_audit
from pipeline.audit.records import DeadlineRow
from pipeline.audit.report import (
    CSV_COLUMNS,
    csv_text,
    filter_rows,
    html_report,
    rich_table,
    timeline_svg,
)

AS_OF = dt.date(2026, 11, 29)
PAYLOAD = "<script>document.body.setAttribute('data-pwned','yes')</script>"


@pytest.fixture(scope="module")
def rows() -> list[DeadlineRow]:
    """The real timeline as of 2026-11-29, plus an answer carrying a script in its text."""
    text = f"We will publish the Harbour Safety Plan {PAYLOAD} by March 2026."
    hostile = answer(
        99,
        "2025-01-10",
        text,
        (
            commitment(
                text,
                text.rstrip("."),
                due="2026-03-31",
                due_text="by March 2026",
                actor="We [bold]",
            ),
        ),
        department=f"Department of {PAYLOAD}",
    )
    return list(run_audit([*timeline_answers(), hostile], AS_OF).rows)


def test_filter_rows_by_department_and_status(rows: list[DeadlineRow]) -> None:
    defence = filter_rows(rows, departments=["defence"])
    assert {r.department for r in defence} == {"Ministry of Defence"} and len(defence) == 5
    overdue = filter_rows(rows, statuses=["overdue"])
    assert overdue and all(r.schedule_status == "overdue" for r in overdue)
    both = filter_rows(
        rows, departments=["health", "treasury"], statuses=["met_late", "met_on_time"]
    )
    assert sorted((r.id, r.schedule_status) for r in both) == [
        (1739379, "met_late"),
        (1827146, "met_on_time"),
    ]
    with pytest.raises(ValueError, match=r"unknown status.*late; allowed: overdue"):
        filter_rows(rows, statuses=["late"])


def test_csv_text_one_line_per_row_with_evidence(rows: list[DeadlineRow]) -> None:
    parsed = list(csv.DictReader(io.StringIO(csv_text(rows))))
    assert list(parsed[0]) == list(CSV_COLUMNS) and len(parsed) == len(rows)
    health = next(r for r in parsed if r["id"] == "1739379" and r["schedule_status"] == "met_late")
    assert (health["due"], health["delivered_on"], health["evidence_count"]) == (
        "2025-05-31",
        "2025-07-03",
        "3",
    )
    assert (
        '2025-07-09 delivered #1818456: "10-Year Health Plan published on 3 July"'
        in health["evidence"]
    )
    assert health["source_url"].endswith("/api/writtenquestions/questions/1739379")


def test_csv_text_guards_cells_against_spreadsheet_formulas(rows: list[DeadlineRow]) -> None:
    formula = dataclasses.replace(
        rows[0], quote='=HYPERLINK("http://x")', actor="+1", department="@dept"
    )
    (parsed,) = list(csv.DictReader(io.StringIO(csv_text([formula]))))
    assert (parsed["quote"], parsed["actor"], parsed["department"]) == (
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'@dept",
    )


def test_html_report_is_self_contained_and_escapes_answer_text(rows: list[DeadlineRow]) -> None:
    page = html_report(
        rows, as_of=AS_OF, checked_through=dt.date(2025, 11, 12), filters="statuses: all"
    )
    assert "<script" not in page.lower()
    assert (
        "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;,&#x27;yes&#x27;)&lt;/script&gt;"
        in page
    )
    for external in ("<link", "src=", "@import", "url("):
        assert external not in page
    assert page.count('data-status="overdue"') == sum(r.schedule_status == "overdue" for r in rows)
    assert (
        "Commitments audit as of 2026-11-29" in page
        and "evidence checked through 2025-11-12" in page
    )
    assert "Open Parliament Licence" in page


def test_timeline_svg_lanes_dots_and_ticks(rows: list[DeadlineRow]) -> None:
    svg = timeline_svg(rows, AS_OF)
    dated = [r for r in rows if r.due is not None]
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count('<circle class="due') == len(dated)
    assert svg.count('class="evidence"') == sum(len(r.evidence) for r in dated)
    assert "as of 2026-11-29" in svg and "Ministry of Defence" in svg and "<script" not in svg
    assert "No dated commitments" in timeline_svg([r for r in rows if r.due is None], AS_OF)


def test_timeline_svg_due_dates_past_the_horizon_sit_hollow_at_the_edge(
    rows: list[DeadlineRow],
) -> None:
    far = dataclasses.replace(
        rows[0], due=dt.date(2099, 12, 31), current_due=dt.date(2099, 12, 31), evidence=()
    )
    near = dataclasses.replace(
        rows[0], due=dt.date(2027, 1, 31), current_due=dt.date(2027, 1, 31), evidence=()
    )
    svg = timeline_svg([far, near], AS_OF, width=1200, horizon_years=5)
    circles = re.findall(r'<circle class="due[^"]*" cx="([\d.]+)"[^>]*fill="([^"]+)"', svg)
    assert len(circles) == 2
    (far_x, far_fill), (near_x, near_fill) = sorted(circles, key=lambda c: c[1] != "none")
    assert far_fill == "none" and near_fill != "none"
    assert float(far_x) == 1180.0 and float(near_x) < float(far_x)


def test_rich_table_does_not_read_answer_text_as_markup(rows: list[DeadlineRow]) -> None:
    console = Console(record=True, width=400, color_system=None)
    console.print(rich_table(rows, title="audit"))
    rendered = console.export_text()
    assert "<script>document.body" in rendered and "333 days overdue" in rendered


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.integration
def test_html_report_renders_in_headless_chromium(rows: list[DeadlineRow], tmp_path: Path) -> None:
    """Chromium opens the page: the overdue rows and the chart are there, the script is text."""
    browser = _browser()
    if browser is None:
        pytest.skip("no Chromium on PATH: install Debian's chromium (.ci/run does when it can)")
    page = tmp_path / "audit.html"
    page.write_text(
        html_report(rows, as_of=AS_OF, checked_through=dt.date(2025, 11, 12)), encoding="utf-8"
    )
    base = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--window-size=1400,2200",
    ]  # fmt: skip
    shot = tmp_path / "audit.png"
    screenshot = subprocess.run(
        [*base, f"--user-data-dir={tmp_path / 'profile-shot'}", f"--screenshot={shot}",
         page.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert shot.exists(), screenshot.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    dumped = subprocess.run(
        [*base, f"--user-data-dir={tmp_path / 'profile-dom'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    dom = dumped.stdout
    assert "</html>" in dom, dumped.stderr[-2000:]
    (tmp_path / "audit.dom.html").write_text(dom, encoding="utf-8")
    overdue = [r for r in rows if r.schedule_status == "overdue"]
    assert len(re.findall(r'<tr [^>]*data-status="overdue"', dom)) == len(overdue)
    for row in overdue:
        assert f"{row.days_overdue} days overdue" in dom
    assert "The National Cancer Plan, due to be published in the second half of this year" in dom
    assert re.search(r'<svg[^>]*id="timeline-chart"', dom) and dom.count("<circle") == sum(
        r.due is not None for r in rows
    )
    assert 'data-pwned="yes"' not in dom and "<script" not in dom
    assert "&lt;script&gt;document.body.setAttribute" in dom
