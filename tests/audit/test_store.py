"""The audit over a real (temporary) Delta lake: reads and writes through pipeline.lake.io."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from audit.builders import write_timeline_lake

from pipeline.audit.store import compute_deadlines, load_answers, read_snapshot
from pipeline.lake.io import merge_rows, read_table, table_info

D = dt.date.fromisoformat


@pytest.fixture
def lake(tmp_path: Path) -> Path:
    """A lake holding the real-corpus timeline: answers and their extracted rows."""
    return write_timeline_lake(tmp_path / "lake")


def test_load_answers_reads_the_lake_up_to_as_of(lake: Path) -> None:
    everything = load_answers(lake)
    assert len(everything) == 12 and sum(len(a.commitments) for a in everything) == 25
    assert {a.model_version for a in everything} == {"hand-annotated"}
    assert {a.id for a in load_answers(lake, D("2024-12-31"))} == {1739379, 1746163}
    (health,) = [a for a in everything if a.id == 1818456]
    assert [t.text for t in health.timexes][:1] == ["3 July"]


def test_compute_deadlines_writes_the_snapshot_and_returns_the_overdue_list(lake: Path) -> None:
    result = compute_deadlines(lake, D("2026-11-29"))
    overdue = result.overdue
    assert [r.id for r in overdue][:1] == [1818456] and len(overdue) == 7
    assert all(r.schedule_status == "overdue" for r in overdue)
    assert [r.days_overdue for r in overdue] == sorted(
        (r.days_overdue for r in overdue), reverse=True
    )
    assert result.written["deadlines"]["rows"] == len(result.rows) == 16
    assert result.written["deadlines"]["inserted"] == 16
    stored = read_snapshot(lake, D("2026-11-29"))
    assert stored == list(result.rows)
    frame = read_table("deadlines", lake)
    assert set(frame["as_of"]) == {D("2026-11-29")}
    assert frame["lexicon_version"].str.startswith("audit-lexicon-").all()
    assert table_info("deadlines", lake).partition_by == ("as_of",)


def test_compute_deadlines_again_writes_nothing(lake: Path) -> None:
    first = compute_deadlines(lake, D("2025-12-09"))
    second = compute_deadlines(lake, D("2025-12-09"))
    for name in ("deadlines", "initiatives"):
        assert second.written[name]["version"] == first.written[name]["version"]
        assert (
            second.written[name]["inserted"],
            second.written[name]["updated"],
            second.written[name]["deleted"],
        ) == (0, 0, 0)


def test_snapshots_are_partitions_and_a_rerun_replaces_only_its_own(lake: Path) -> None:
    compute_deadlines(lake, D("2025-12-09"))
    compute_deadlines(lake, D("2026-11-29"))
    merge_rows(
        "commitments", [], lake, scope={"id": [1818456]}
    )  # the engine no longer finds these two
    rerun = compute_deadlines(lake, D("2026-11-29"))
    assert rerun.written["deadlines"]["deleted"] == 2
    counts = read_table("deadlines", lake).groupby("as_of").size().to_dict()
    assert counts == {D("2025-12-09"): 16, D("2026-11-29"): 14}
    assert read_snapshot(lake)[0].as_of == D("2026-11-29")
    # what was known before the rerun is still in the table's history
    before = read_table("deadlines", lake, as_of=rerun.written["deadlines"]["version"] - 1)
    assert (before["as_of"] == D("2026-11-29")).sum() == 16


def test_initiatives_table_rows(lake: Path) -> None:
    compute_deadlines(lake, D("2025-12-09"))
    frame = read_table("initiatives", lake)
    health = frame[frame["key"] == "10 year health plan"]
    assert sorted(health["id"].unique()) == [1739379, 1746163, 1818456, 1848372]
    assert set(health["answered_month"]) == {"2024-11", "2024-12", "2025-07", "2025-11"}
    row = health[health["id"] == 1818456].iloc[0]
    assert (row["text"], row["category"], row["char_end"] - row["char_start"]) == (
        "10-Year Health Plan",
        "plan",
        19,
    )


def test_compute_deadlines_without_write_leaves_the_lake_alone(lake: Path) -> None:
    result = compute_deadlines(lake, D("2025-12-09"), write=False)
    assert result.written == {} and len(result.rows) == 16
    assert not table_info("deadlines", lake).exists
