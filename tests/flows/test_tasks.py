"""Task bodies, called directly with ``.fn()`` over a lake the library builds in a temp folder
(no Prefect server needed)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from deltalake.exceptions import CommitFailedError
from prefect.states import Completed, Failed

from flows.tasks import (
    RETRY_JITTER,
    _source_key,
    audit,
    audit_available,
    extract,
    finished_windows,
    ingest,
    is_transient,
    new_deadlines,
    prepare_lake,
    quarantined_records,
    read_watermark,
    resolve_lake_root,
    resolve_source,
    retry_if_transient,
    source_first_day,
    table_locations,
    window_report,
)
from pipeline.ingest.client import ApiError
from pipeline.ingest.window import Window
from pipeline.lake import (
    ExtractResult,
    IngestResult,
    LakeError,
    extract_answers,
    ingest_window,
    lake_tables,
    read_table,
)
from pipeline.settings import get_settings

SEP = Window(dt.date(2024, 9, 1), dt.date(2024, 9, 30))
OCT = Window(dt.date(2024, 10, 1), dt.date(2024, 10, 31))


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, replay_slice: Path
) -> dict[str, IngestResult | ExtractResult | str]:
    """A lake with September and October ingested from the slice, only September extracted."""
    lake = str(tmp_path_factory.mktemp("lake"))
    source = resolve_source(str(replay_slice))
    ingested_sep = ingest_window(source, SEP.start, SEP.end, lake=lake)
    ingested_oct = ingest_window(source, OCT.start, OCT.end, lake=lake)
    extracted_sep = extract_answers(lake, SEP.start, SEP.end)
    return {
        "lake": lake,
        "source": source,
        "ingested_sep": ingested_sep,
        "ingested_oct": ingested_oct,
        "extracted_sep": extracted_sep,
    }


def test_resolve_source_defaults_to_the_bundled_sample() -> None:
    assert resolve_source(None) == str(get_settings().samples.resolve())
    assert resolve_source("api") == "api"


def test_resolve_source_makes_replay_paths_absolute(
    replay_slice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(replay_slice.parent)
    assert resolve_source(replay_slice.name) == str(replay_slice)


def test_resolve_source_rejects_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="replay source not found"):
        resolve_source(str(tmp_path / "nope.jsonl"))


def test_resolve_lake_root_is_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_lake_root("lake") == str(tmp_path / "lake")
    assert resolve_lake_root("s3://bucket/lake") == "s3://bucket/lake"


def _conflict() -> LakeError:
    err = LakeError("merge into 'runs' failed")
    err.__cause__ = CommitFailedError("a concurrent transaction added new data")
    return err


@pytest.mark.parametrize(
    ("exc", "transient"),
    [
        (ApiError("down", status=503), True),
        (ApiError("rate limited", status=429), True),
        (ApiError("no response", status=None), True),
        (ApiError("bad request", status=400), False),
        (ApiError("refused host", status=None, url="https://elsewhere/"), True),
        (_conflict(), True),
        (LakeError("table 'answers' has no column(s) ['x']"), False),
        (ConnectionResetError("reset by peer"), True),
        (TimeoutError("timed out"), True),
        (FileNotFoundError("replay source not found"), False),
        (PermissionError("denied"), False),
        (ValueError("give both the start and the end"), False),
    ],
)
def test_is_transient_retries_only_what_a_retry_can_fix(
    exc: BaseException, transient: bool
) -> None:
    assert is_transient(exc) is transient


def test_retry_if_transient_reads_the_failed_state() -> None:
    assert retry_if_transient(None, None, Failed(data=ApiError("down", status=502)))  # type: ignore[arg-type]
    assert not retry_if_transient(None, None, Failed(data=ValueError("bad window")))  # type: ignore[arg-type]
    assert not retry_if_transient(None, None, Completed(data=1))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("io_task", "retries"),
    [
        (read_watermark, 3),
        (finished_windows, 3),
        (prepare_lake, 3),
        (ingest, 4),
        (extract, 4),
        (new_deadlines, 3),
        (quarantined_records, 3),
        (audit, 3),
    ],
    ids=lambda v: v.name if hasattr(v, "name") else str(v),
)
def test_io_tasks_retry_only_transient_failures_with_backoff(io_task: Any, retries: int) -> None:
    assert io_task.retries == retries
    assert io_task.retry_condition_fn is retry_if_transient
    assert io_task.retry_jitter_factor == RETRY_JITTER
    assert io_task.retry_delay_seconds == [2 * 2**i for i in range(retries)]  # backoff_factor=2


def test_source_first_day_is_the_earliest_answer_of_a_replay_file(replay_slice: Path) -> None:
    dates = []
    for line in replay_slice.read_text(encoding="utf-8").splitlines():
        try:
            value = json.loads(line)["value"]
        except json.JSONDecodeError:
            continue
        if value.get("dateAnswered"):
            dates.append(dt.date.fromisoformat(value["dateAnswered"][:10]))
    assert source_first_day.fn(str(replay_slice)) == min(dates)
    assert source_first_day.fn("api") is None


def test_source_first_day_cache_key_follows_the_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.jsonl"
    path.write_text('{"value": {}}\n', encoding="utf-8")
    first = _source_key(None, {"source": str(path)})  # type: ignore[arg-type]
    assert first == _source_key(None, {"source": str(path)})  # type: ignore[arg-type]
    path.write_text('{"value": {}}\n{"value": {}}\n', encoding="utf-8")
    os.utime(path, ns=(1, 1))
    assert _source_key(None, {"source": str(path)}) != first  # type: ignore[arg-type]
    assert _source_key(None, {"source": "api"}) is None  # type: ignore[arg-type]


def test_read_watermark_needs_both_ingest_and_extract(built: dict[str, object]) -> None:
    # October was ingested but not extracted: the watermark stays at September.
    assert read_watermark.fn(built["lake"], built["source"]) == SEP
    assert read_watermark.fn(built["lake"], "api") is None


def test_read_watermark_of_an_empty_lake(tmp_path: Path) -> None:
    assert read_watermark.fn(str(tmp_path), "api") is None


def test_finished_windows_are_ingested_and_extracted(built: dict[str, object]) -> None:
    assert finished_windows.fn(built["lake"], built["source"]) == [SEP]
    assert finished_windows.fn(built["lake"], "/some/other/source.jsonl") == []
    assert finished_windows.fn(str(Path(str(built["lake"])) / "absent"), "api") == []


def test_window_report_counts_the_jobs_writes(built: dict[str, object]) -> None:
    ingested, extracted = built["ingested_sep"], built["extracted_sep"]
    assert isinstance(ingested, IngestResult) and isinstance(extracted, ExtractResult)
    report = window_report(ingested, extracted)
    assert report.window == SEP
    assert report.answers_inserted == ingested.answers_inserted > 0
    assert report.commitments == extracted.commitments > 0
    assert report.quarantined == ingested.quarantined == 2  # the slice's two bad lines
    assert all(w.table != "runs" for w in report.writes)
    answers_written = sum(w.inserted for w in report.writes if w.table == "answers")
    assert answers_written == ingested.answers_inserted
    assert report.rows_changed >= ingested.answers_inserted + extracted.commitments


def test_new_deadlines_are_the_runs_dated_future_commitments(built: dict[str, object]) -> None:
    extracted = built["extracted_sep"]
    assert isinstance(extracted, ExtractResult)
    deadlines = new_deadlines.fn(built["lake"], [extracted.run_id])
    rows = read_table("commitments", built["lake"])
    expected = rows[
        (rows.run_id == extracted.run_id)
        & rows.due.notna()
        & (rows.kind == "future")
        & ~rows.negated.astype(bool)
    ]
    assert len(deadlines) == len(expected) > 0
    assert [d.due for d in deadlines] == sorted(d.due for d in deadlines)
    answers = read_table("answers", built["lake"]).set_index(["id", "answer_version"])
    for item in deadlines:
        assert item.department == answers.loc[(item.id, item.answer_version), "answering_body"]
    assert new_deadlines.fn(built["lake"], ["extract-not-a-run"]) == ()
    assert new_deadlines.fn(built["lake"], []) == ()


def test_quarantined_records_are_those_of_the_runs(built: dict[str, object]) -> None:
    ingested = built["ingested_sep"]
    assert isinstance(ingested, IngestResult)
    records = quarantined_records.fn(built["lake"], [ingested.run_id])
    assert len(records) == 2
    assert {r.stage for r in records} <= {"read", "parse"}
    assert any("dateAnswered" in r.error for r in records)
    assert quarantined_records.fn(built["lake"], ["ingest-other"]) == ()


def test_prepare_lake_creates_the_tables_the_jobs_write(tmp_path: Path) -> None:
    names = prepare_lake.fn(str(tmp_path))
    created = {t.name: t for t in lake_tables(str(tmp_path))}
    assert {"answers", "commitments", "time_expressions", "quantities", "runs"} <= set(names)
    for name in names:
        assert created[name].exists and created[name].rows == 0
    assert prepare_lake.fn(str(tmp_path)) == names  # idempotent


def test_table_locations_describe_every_table(built: dict[str, object]) -> None:
    locations = {t.name: t for t in table_locations.fn(built["lake"])}
    answers = read_table("answers", built["lake"])
    assert locations["answers"].rows == len(answers)
    assert locations["answers"].path.endswith("/answers")
    assert locations["answers"].version >= 0


@pytest.mark.skipif(not audit_available(), reason="the audit module is not installed")
def test_audit_computes_the_snapshot_and_the_overdue_list(built: dict[str, object]) -> None:
    as_of = dt.date(2026, 11, 29)
    report = audit.fn(built["lake"], as_of)
    snapshot = read_table("deadlines", built["lake"])
    assert report.as_of == as_of
    assert sum(report.counts.values()) == len(
        snapshot[snapshot.as_of == pd.Timestamp(as_of).date()]
    )
    assert len(report.overdue) == report.counts["overdue"]
    days = [o.days_overdue for o in report.overdue]
    assert days == sorted(days, reverse=True)
    assert audit.fn(built["lake"], as_of).rows_changed == 0  # the same snapshot again


def test_new_deadlines_scan_only_rows_extracted_since(built: dict[str, object]) -> None:
    extracted = built["extracted_sep"]
    assert isinstance(extracted, ExtractResult)
    everything = new_deadlines.fn(built["lake"], [extracted.run_id])
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    assert new_deadlines.fn(built["lake"], [extracted.run_id], an_hour_ago) == everything
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    assert new_deadlines.fn(built["lake"], [extracted.run_id], later) == ()
