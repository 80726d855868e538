"""Run summaries: the outcome line, Markdown that cannot render an answer's HTML, artifact rows."""

from __future__ import annotations

import datetime as dt

import pytest

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
    md_text,
    outcome,
    overdue_rows,
    summary_markdown,
)
from pipeline.ingest.window import Window

D = dt.date
WINDOW = Window(D(2024, 9, 1), D(2024, 9, 30))


def report(*writes: TableWrite, read: int = 40, new: int = 0) -> WindowReport:
    return WindowReport(
        WINDOW, "ingest-1", "extract-1", records_read=read, answers_inserted=new, writes=writes
    )


def summary(**kwargs: object) -> RunSummary:
    base: dict[str, object] = {
        "flow": "nightly",
        "lake": "/lake",
        "source": "api",
        "window": WINDOW,
    }
    return RunSummary(**{**base, **kwargs})  # type: ignore[arg-type]


def test_outcome_says_the_lake_is_up_to_date() -> None:
    line = outcome(summary(window=None, watermark=Window(D(2024, 9, 1), D(2024, 9, 30))))
    assert line == "lake up to date through 2024-09-30: nothing to ingest, nothing new written"


def test_outcome_says_a_rerun_wrote_nothing_new() -> None:
    unchanged = report(TableWrite("answers", 3, 0, 0, 0), TableWrite("commitments", 3, 0, 0, 0))
    line = outcome(summary(windows=(unchanged,)))
    assert "nothing new written" in line and "40 records read" in line


def test_outcome_counts_what_was_written() -> None:
    written = report(
        TableWrite("answers", 1, 12, 1, 0), TableWrite("commitments", 1, 30, 0, 2), new=12
    )
    line = outcome(summary(windows=(written,)))
    assert "12 new answer versions" in line and "45 data rows written" in line
    assert "nothing new" not in line


def test_outcome_ignores_bookkeeping_writes() -> None:
    bookkeeping = report(
        TableWrite("deadlines", 4, 10, 0, 0), TableWrite("initiatives", 2, 3, 0, 0)
    )
    assert summary(windows=(bookkeeping,)).wrote_nothing_new


def test_outcome_mentions_a_changed_deadline_snapshot() -> None:
    audit = AuditReport(D(2024, 10, 1), {"overdue": 1}, (), rows_changed=7)
    line = outcome(summary(window=None, audit=audit))
    assert line.endswith("deadline snapshot as of 2024-10-01: 7 rows written")


def test_outcome_says_every_window_was_done_before() -> None:
    line = outcome(summary(skipped=(WINDOW,)))
    assert "completed by earlier runs" in line and "nothing new written" in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("£1 | £2", "£1 \\| £2"),
        ("line one\n\nline two", "line one line two"),
        ("*bold* and [link](x)", "\\*bold\\* and \\[link\\](x)"),
        (None, ""),
    ],
)
def test_md_text_makes_answer_text_inert(text: str | None, expected: str) -> None:
    assert md_text(text) == expected


def test_md_text_truncates_long_quotes() -> None:
    assert md_text("word " * 100, limit=20) == "word word word word…"


def test_summary_markdown_lists_counts_quarantine_deadlines_and_tables() -> None:
    deadline = NewDeadline(
        1,
        1,
        "2024-09-10",
        "Home Office",
        "We will publish <b>it</b>",
        "2025-03-31",
        "by March 2025",
        "firm",
    )
    bad = QuarantinedRecord("file.jsonl:3", "parse", "missing field(s): dateAnswered")
    tables = (
        TableLocation("answers", "/lake/answers", 1, 5),
        TableLocation("deadlines", "/lake/deadlines", -1, 0),
    )
    text = summary_markdown(
        summary(
            windows=(report(TableWrite("answers", 1, 5, 0, 0), new=5),),
            new_deadlines=(deadline,),
            quarantined=(bad,),
            audit=AuditReport(D(2024, 10, 1), {"overdue": 2, "not_due": 1}, (), rows_changed=3),
            tables=tables,
        )
    )
    assert text.startswith("# nightly run: 2024-09-01..2024-09-30")
    assert "| new answer versions | 5 |" in text
    assert "## Newly quarantined records (1)" in text and "missing field(s): dateAnswered" in text
    assert (
        "| 2025-03-31 | Home Office | We will publish &lt;b&gt;it&lt;/b&gt; | 1 | 2024-09-10 |"
        in text
    )
    assert "<b>" not in text
    assert "## Deadlines as of 2024-10-01" in text and "| overdue | 2 |" in text
    assert "/lake/answers" in text and "/lake/deadlines" not in text


def test_summary_markdown_of_a_run_with_nothing_to_do() -> None:
    text = summary_markdown(summary(window=None))
    assert text.startswith("# nightly run: nothing to do")
    assert "## Counts" not in text and "New commitments" not in text


def test_artifact_rows_name_their_columns() -> None:
    deadline = NewDeadline(7, 2, "2024-09-10", None, "We will act", "2025-01-31", None, "soft")
    overdue = OverdueItem("7:2:0-11", "Treasury", "We will act", "2025-01-31", 300, "2024-09-10")
    assert deadline_rows((deadline,)) == [
        {
            "due": "2025-01-31",
            "department": "",
            "commitment": "We will act",
            "due_text": "",
            "strength": "soft",
            "question_id": 7,
            "answer_version": 2,
            "answered": "2024-09-10",
        }
    ]
    assert overdue_rows((overdue,))[0]["days_overdue"] == 300
    assert overdue_rows((overdue,))[0]["commitment_id"] == "7:2:0-11"
