"""The nightly flow under one session-scoped Prefect test harness: a replay slice of real
answers into a temp lake, the watermark, re-runs that write nothing new, the artifacts, the API
source against a local fake API, and (with the shared material) a slice of the corpus."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fixtures.api.fake_api import FakeApi, api_server, fake_api  # noqa: F401  (fixtures)
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

from flows.api import API_LIMIT_NAME
from flows.nightly import nightly
from flows.summary import RunSummary, outcome
from flows.tasks import audit_available
from pipeline.ingest.window import Window
from pipeline.lake import read_table

pytestmark = pytest.mark.usefixtures("prefect_harness")

D = dt.date
DATA_TABLES = ("answers", "commitments", "time_expressions", "quantities", "quarantine")


def slice_ids(path: Path, start: dt.date, end: dt.date) -> set[int]:
    """Ids of the answers a replay file holds answered or corrected within ``start``..``end``."""
    ids = set()
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        for line in handle:
            try:
                value = json.loads(line)["value"]
            except (json.JSONDecodeError, KeyError):
                continue
            days = [value.get("dateAnswered"), value.get("dateAnswerCorrected")]
            if any(d and start.isoformat() <= d[:10] <= end.isoformat() for d in days):
                ids.add(int(value["id"]))
    return ids


def run_nightly(**parameters: Any) -> tuple[RunSummary, UUID]:
    """Run the flow; return its summary and flow-run id."""
    state = nightly(return_state=True, **parameters)
    assert state.is_completed(), state.message
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    return state.result(), flow_run_id


def artifacts_of(flow_run_id: UUID) -> dict[str, Any]:
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {a.key: a for a in found}


def test_nightly_replays_a_source_into_the_lake(tmp_path: Path, replay_slice: Path) -> None:
    lake = tmp_path / "lake"
    summary, _ = run_nightly(lake=str(lake), source=str(replay_slice), run_date=D(2025, 1, 1))

    assert summary.window is not None and summary.window.end == D(2024, 12, 31)
    answers = read_table("answers", lake)
    assert set(answers.id) == slice_ids(replay_slice, summary.window.start, summary.window.end)
    assert summary.total("answers_inserted") == len(answers) > 50
    assert summary.total("commitments") == len(read_table("commitments", lake)) > 0
    assert summary.total("time_expressions") == len(read_table("time_expressions", lake)) > 0
    assert summary.total("quarantined") == 2 and len(summary.quarantined) == 2
    assert len(read_table("quarantine", lake)) == 2
    assert {t.name: t.rows for t in summary.tables}["answers"] == len(answers)
    assert summary.source == str(replay_slice) and summary.lake == str(lake)
    runs = read_table("runs", lake)
    assert sorted(runs.kind) == ["extract", "ingest"] and set(runs.status) == {"completed"}


@pytest.mark.skipif(not audit_available(), reason="the audit module is not installed")
def test_nightly_audits_deadlines_as_of_the_run_date(tmp_path: Path, replay_slice: Path) -> None:
    lake = tmp_path / "lake"
    summary, _ = run_nightly(lake=str(lake), source=str(replay_slice), run_date=D(2025, 6, 1))
    assert summary.audit is not None and summary.audit.as_of == D(2025, 6, 1)
    deadlines = read_table("deadlines", lake)
    assert sum(summary.audit.counts.values()) == len(deadlines) > 0
    assert len(summary.audit.overdue) == summary.audit.counts["overdue"]
    for item in summary.audit.overdue:
        assert item.due is not None and D.fromisoformat(item.due) < D(2025, 6, 1)


def test_nightly_over_a_window_without_answers_leaves_readable_tables(
    tmp_path: Path, replay_slice: Path
) -> None:
    lake = tmp_path / "lake"
    august = {"start": D(2024, 8, 1), "end": D(2024, 8, 31), "run_audit": False}
    summary, _ = run_nightly(lake=str(lake), source=str(replay_slice), **august)
    assert summary.total("answers_inserted") == summary.total("answers_extracted") == 0
    assert summary.total("records_read") > 0 and summary.new_deadlines == ()
    assert read_table("answers", lake).empty and read_table("commitments", lake).empty


def test_nightly_publishes_summary_deadlines_and_overdue_artifacts(
    tmp_path: Path, replay_slice: Path
) -> None:
    summary, flow_run_id = run_nightly(
        lake=str(tmp_path / "lake"), source=str(replay_slice), run_date=D(2025, 1, 1)
    )
    artifacts = artifacts_of(flow_run_id)
    markdown = artifacts["nightly-summary"]
    assert markdown.type == "markdown"
    assert outcome(summary).split(":")[0] in markdown.data
    assert "## Newly quarantined records (2)" in markdown.data
    assert f"## New commitments with due dates ({len(summary.new_deadlines)})" in markdown.data
    deadlines = json.loads(artifacts["nightly-new-deadlines"].data)
    assert len(deadlines) == len(summary.new_deadlines) > 0
    assert {d["due"] for d in deadlines} == {d.due for d in summary.new_deadlines}
    if summary.audit is not None:
        overdue = json.loads(artifacts["nightly-overdue"].data)
        assert len(overdue) == len(summary.audit.overdue)


def test_nightly_twice_writes_nothing_new_the_second_time(
    tmp_path: Path,
    replay_slice: Path,
    lake_versions: Callable[[Path], dict[str, int]],
) -> None:
    lake = tmp_path / "lake"
    first, _ = run_nightly(lake=str(lake), source=str(replay_slice), run_date=D(2025, 1, 1))
    before = lake_versions(lake)
    second, flow_run_id = run_nightly(
        lake=str(lake), source=str(replay_slice), run_date=D(2025, 1, 1)
    )

    assert first.rows_changed > 0
    assert second.window is None and second.watermark == first.window
    assert second.wrote_nothing_new and not second.windows
    assert outcome(second).startswith("lake up to date through 2024-12-31: nothing to ingest")
    assert lake_versions(lake) == before  # not one commit, not even to runs or deadlines
    assert "nothing new written" in artifacts_of(flow_run_id)["nightly-summary"].data


def test_nightly_rerun_of_a_window_writes_nothing_new(
    tmp_path: Path,
    replay_slice: Path,
    lake_versions: Callable[[Path], dict[str, int]],
    lake_content: Callable[[Path, str], list[dict[str, object]]],
) -> None:
    lake = tmp_path / "lake"
    window = {"start": D(2024, 10, 1), "end": D(2024, 10, 31), "run_audit": False}
    first, _ = run_nightly(lake=str(lake), source=str(replay_slice), **window)
    before = {name: lake_content(lake, name) for name in DATA_TABLES}
    versions = lake_versions(lake)
    again, _ = run_nightly(lake=str(lake), source=str(replay_slice), **window)

    assert first.window == again.window == Window(D(2024, 10, 1), D(2024, 10, 31))
    assert again.total("records_read") == first.total("records_read")
    assert again.total("answers_inserted") == 0
    assert again.total("answers_unchanged") == first.total("answers_inserted") > 0
    assert again.wrote_nothing_new
    assert outcome(again).endswith("all already in the lake: nothing new written")
    after = lake_versions(lake)
    assert {t: after[t] for t in DATA_TABLES} == {t: versions[t] for t in DATA_TABLES}
    assert {name: lake_content(lake, name) for name in DATA_TABLES} == before


def test_nightly_resumes_from_the_watermark(
    tmp_path: Path,
    replay_slice: Path,
    lake_content: Callable[[Path, str], list[dict[str, object]]],
) -> None:
    stepwise, at_once = tmp_path / "stepwise", tmp_path / "at-once"
    options = {"source": str(replay_slice), "run_audit": False}
    early, _ = run_nightly(lake=str(stepwise), run_date=D(2024, 10, 16), **options)
    late, _ = run_nightly(lake=str(stepwise), run_date=D(2025, 1, 1), **options)
    run_nightly(lake=str(at_once), run_date=D(2025, 1, 1), **options)

    assert early.window is not None and early.window.end == D(2024, 10, 15)
    assert late.watermark == early.window
    assert late.window == Window(D(2024, 10, 16), D(2024, 12, 31))
    for name in ("answers", "commitments", "time_expressions", "quantities"):
        assert lake_content(stepwise, name) == lake_content(at_once, name), name


def test_nightly_from_the_api_holds_the_api_limit(
    tmp_path: Path,
    fake_api: FakeApi,  # noqa: F811  (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PCT_API_BASE", fake_api.base_url)
    monkeypatch.setenv("PCT_ARCHIVE", str(tmp_path / "archive"))
    day = D(2024, 9, 9)
    summary, _ = run_nightly(
        lake=str(tmp_path / "lake"), source="api", start=day, end=day, run_audit=False
    )

    answers = read_table("answers", tmp_path / "lake")
    served = {
        qid
        for qid, v in fake_api.details.items()
        if day.isoformat()
        in (str(v.get("dateAnswered"))[:10], str(v.get("dateAnswerCorrected"))[:10])
    }
    assert set(answers.id) == served and served
    assert summary.source == "api" and summary.total("records_read") >= len(served)
    assert list((tmp_path / "archive").rglob("*.jsonl.gz")), "raw responses were archived"
    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name(API_LIMIT_NAME)
    assert limit.limit == 1 and limit.active_slots == 0  # created, and released after the run


@pytest.mark.shared
def test_nightly_on_a_corpus_slice(tmp_path: Path, corpus_path: Path) -> None:
    october = {"start": D(2024, 10, 1), "end": D(2024, 10, 31)}
    summary, _ = run_nightly(
        lake=str(tmp_path / "lake"), source=str(corpus_path), run_audit=False, **october
    )
    answers = read_table("answers", tmp_path / "lake")
    expected = slice_ids(corpus_path, october["start"], october["end"])
    assert set(answers.id) == expected and len(expected) > 50
    assert summary.total("records_read") == 4431
    assert summary.total("answers_extracted") == len(answers)
    assert summary.total("commitments") == len(read_table("commitments", tmp_path / "lake"))
