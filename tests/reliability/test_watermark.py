"""The watermark never advances past a failed window: ``last_completed_window`` over ``runs``
tables holding failed, killed (``running``) and completed windows in every arrangement a
back-fill or a sequence of nightly runs can leave. The API-level version of this is
``test_api_faults.py::test_api_failed_window_holds_the_watermark_back_until_it_is_covered``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.ingest.window import Window
from pipeline.lake import RunRecord, last_completed_window, record_run

D = dt.date.fromisoformat
T0 = dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC)


def window(text: str) -> Window:
    start, _, end = text.partition("..")
    return Window(D(start), D(end or start))


def write_runs(lake: Path, runs: list[tuple[str, str]], *, source: str = "api") -> None:
    """``(status, "first..last")`` pairs, in the order they ran."""
    for n, (status, days) in enumerate(runs):
        w = window(days)
        started = T0 + dt.timedelta(minutes=n)
        finished = None if status == "running" else started + dt.timedelta(seconds=30)
        record_run(
            RunRecord(
                f"ingest-{source}-{n}", "ingest", status, source, w.start, w.end, started, finished
            ),
            lake,
        )


CASES = {
    "nothing failed": ([("completed", "2024-01-01..2024-01-31"),
                        ("completed", "2024-02-01..2024-02-29")], "2024-02-01..2024-02-29"),
    "failed after the last completed": ([("completed", "2024-01-01..2024-01-31"),
                                         ("failed", "2024-02-01..2024-02-29")],
                                        "2024-01-01..2024-01-31"),
    "failed between completed (a back-fill)": ([("completed", "2024-01-01..2024-01-31"),
                                                ("failed", "2024-02-01..2024-02-29"),
                                                ("completed", "2024-03-01..2024-03-31")],
                                               "2024-01-01..2024-01-31"),
    "killed between completed": ([("completed", "2024-01-01..2024-01-31"),
                                  ("running", "2024-02-01..2024-02-29"),
                                  ("completed", "2024-03-01..2024-03-31")],
                                 "2024-01-01..2024-01-31"),
    "failed, then covered by a later run": ([("completed", "2024-01-01..2024-01-31"),
                                             ("failed", "2024-02-01..2024-02-29"),
                                             ("completed", "2024-03-01..2024-03-31"),
                                             ("completed", "2024-02-01..2024-02-29")],
                                            "2024-03-01..2024-03-31"),
    "failed, covered by a wider window": ([("failed", "2024-02-10"),
                                           ("completed", "2024-02-01..2024-03-31")],
                                          "2024-02-01..2024-03-31"),
    "failed, half covered": ([("failed", "2024-02-01..2024-02-29"),
                              ("completed", "2024-02-01..2024-02-14"),
                              ("completed", "2024-03-01..2024-03-31")],
                             "2024-02-01..2024-02-14"),
    "failed before anything completed": ([("failed", "2024-01-01..2024-01-31"),
                                          ("completed", "2024-02-01..2024-02-29")], None),
    "a week of a back-fill month": ([("completed", "2024-03-01..2024-03-07"),
                                     ("failed", "2024-03-08..2024-03-14"),
                                     ("completed", "2024-03-15..2024-03-21"),
                                     ("completed", "2024-03-22..2024-03-31")],
                                    "2024-03-01..2024-03-07"),
    "a failed re-run of a window completed before": ([("completed", "2024-01-01..2024-01-31"),
                                                      ("completed", "2024-02-01..2024-02-29"),
                                                      ("failed", "2024-01-10..2024-01-20")],
                                                     "2024-02-01..2024-02-29"),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_watermark_never_advances_past_a_failed_window(case: str, tmp_path: Path) -> None:
    runs, expected = CASES[case]
    write_runs(tmp_path, runs)
    assert last_completed_window(tmp_path) == (window(expected) if expected else None)


def test_watermark_of_another_source_ignores_its_failures(tmp_path: Path) -> None:
    write_runs(tmp_path, [("completed", "2024-01-01..2024-01-31"),
                          ("completed", "2024-03-01..2024-03-31")])  # fmt: skip
    write_runs(tmp_path, [("failed", "2024-02-01..2024-02-29")], source="/replay/file.jsonl")
    assert last_completed_window(tmp_path, source="api") == window("2024-03-01..2024-03-31")
    assert last_completed_window(tmp_path) == window("2024-01-01..2024-01-31")
