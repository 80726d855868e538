"""The jobs end to end: API (real local server) or replay files -> lake -> engine -> lake."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from fixtures.api.fake_api import FakeApi, Fault
from spacy.language import Language
from support import FIXTURES, SAMPLES

from pipeline.ingest.client import ApiError, ClientConfig
from pipeline.ingest.sources import ApiSource
from pipeline.ingest.window import Window
from pipeline.lake import (
    STALE_AFTER,
    RunRecord,
    extract_answers,
    ingest_window,
    last_completed_window,
    mark_abandoned_runs,
    read_table,
    record_run,
)
from pipeline.lake.io import read_arrow, table_info
from pipeline.lake.jobs import (
    abandoned_reason,
    proc_start_ticks,
    process_alive,
    process_start,
    this_host,
)
from pipeline.settings import PROJECT_ROOT

API = FIXTURES / "api"
D9, D10 = dt.date(2024, 9, 9), dt.date(2024, 9, 10)
CORRECTED = 1725706


def api_source(api: FakeApi, **config: object) -> ApiSource:
    settings = {"base_url": api.base_url, "page_size": 10, "backoff_initial": 0.01, **config}
    return ApiSource(ClientConfig(**settings), sleep=lambda seconds: None)  # type: ignore[arg-type]


def keyed(lake: Path, table: str) -> set[tuple[object, ...]]:
    """Every row of a table as (key..., row_hash): equal sets mean equal content."""
    from pipeline.lake.schemas import TABLES

    spec = TABLES[table]
    data = read_arrow(table, lake, columns=[*spec.merge_keys, "row_hash"]).to_pylist()
    return {tuple(row.values()) for row in data}


def run_row(lake: Path, run_id: str) -> dict[str, object]:
    [row] = read_arrow("runs", lake, filter=pc.field("run_id") == run_id).to_pylist()
    return row


def uncorrect(api: FakeApi, qid: int) -> str:
    """Put the API back to the day before ``qid`` was corrected; return the corrected HTML."""
    detail = api.details[qid]
    corrected_html = detail["answerText"]
    original = dict(
        detail, answerIsCorrection=False, dateAnswerCorrected=None, correctingMemberId=None
    )
    original["answerText"] = corrected_html.replace("</p>", " (Figures as first published.)</p>", 1)
    api.add(original)
    return str(corrected_html)


def test_ingest_window_from_the_api_archives_and_records_the_run(
    fake_api: FakeApi, tmp_path: Path
) -> None:
    lake, archive = tmp_path / "lake", tmp_path / "archive"
    result = ingest_window(api_source(fake_api), D9, D9, lake=lake, archive=archive)
    assert (result.records_read, result.answers_inserted, result.quarantined) == (27, 27, 0)
    assert (
        result.archive_path is not None
        and result.archive_path.parent == archive / "2024-09-09_2024-09-09"
    )
    answers = read_table("answers", lake)
    assert len(answers) == answers["id"].nunique() == 27
    assert not answers["clipped"].any()
    assert (answers["answered_month"] == "2024-09").all()
    row = run_row(lake, result.run_id)
    assert row["status"] == "completed" and row["kind"] == "ingest" and row["source"] == "api"
    assert (row["window_start"], row["window_end"]) == (D9, D9)
    assert row["answers_inserted"] == 27 and row["archive_path"] == str(result.archive_path)
    assert [w["table"] for w in row["writes"]] == ["answers"]  # type: ignore[index]
    assert row["writes"][0]["version"] == table_info("answers", lake).version  # type: ignore[index]


def test_ingest_window_rerun_and_archive_replay_give_the_same_table(
    fake_api: FakeApi, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    first = ingest_window(api_source(fake_api), D9, D9, lake=lake, archive=tmp_path / "archive")
    version = table_info("answers", lake).version
    again = ingest_window(api_source(fake_api), D9, D9, lake=lake, archive=tmp_path / "archive")
    assert (again.answers_inserted, again.answers_unchanged) == (0, 27)
    assert table_info("answers", lake).version == version
    assert first.archive_path is not None
    replayed = tmp_path / "replayed"
    result = ingest_window(first.archive_path, D9, D9, lake=replayed)
    assert result.answers_inserted == 27
    assert keyed(replayed, "answers") == keyed(lake, "answers")


def test_ingest_window_survives_a_flaky_server(fake_api: FakeApi, tmp_path: Path) -> None:
    fake_api.fail_next("list", Fault(500, {"status": 500, "title": "An error occurred"}))
    fake_api.fail_next("detail", Fault(429, {"status": 429}, headers={"Retry-After": "1"}))
    fake_api.fail_next("detail", Fault(200, {"status": 500}))
    fake_api.fail_next("list", Fault(200, None, delay=0.8))
    result = ingest_window(
        api_source(fake_api, timeout=0.3), D9, D9, lake=tmp_path, archive=tmp_path / "a"
    )
    assert result.answers_inserted == 27
    assert len(read_table("answers", tmp_path)) == 27


def test_ingest_window_correction_a_day_later_keeps_both_versions(
    fake_api: FakeApi, tmp_path: Path
) -> None:
    corrected_html = uncorrect(fake_api, CORRECTED)
    day1 = ingest_window(api_source(fake_api), D9, D9, lake=tmp_path, archive=tmp_path / "a")
    after_day1 = table_info("answers", tmp_path).version
    fake_api.correct(CORRECTED, corrected_html, D10)
    day2 = ingest_window(api_source(fake_api), D10, D10, lake=tmp_path, archive=tmp_path / "a")
    assert (day1.answers_inserted, day2.answers_inserted) == (27, 1)
    history = (
        read_table("answers", tmp_path).query(f"id == {CORRECTED}").sort_values("answer_version")
    )
    assert history["answer_version"].tolist() == [1, 2]
    assert history["is_correction"].tolist() == [False, True]
    assert history["date_corrected"].tolist()[1] == D10
    assert "(Figures as first published.)" in history["answer_text"].tolist()[0]
    current = read_table("answers", tmp_path, current_only=True)
    assert len(current) == 27
    assert current.set_index("id").loc[CORRECTED, "answer_version"] == 2
    then = read_table("answers", tmp_path, as_of=after_day1, current_only=True)
    assert then.set_index("id").loc[CORRECTED, "answer_version"] == 1
    assert last_completed_window(tmp_path) == Window(D10, D10)


def test_ingest_window_list_item_then_detail_upgrades_in_place(
    fake_api: FakeApi, tmp_path: Path
) -> None:
    first = ingest_window(
        api_source(fake_api, detail="never"), D9, D9, lake=tmp_path, archive=tmp_path / "a"
    )
    assert read_table("answers", tmp_path)["clipped"].sum() == 21
    second = ingest_window(api_source(fake_api), D9, D9, lake=tmp_path, archive=tmp_path / "a")
    # 21 clipped items and 6 short ones whose list text had lost its HTML paragraphs.
    assert (first.answers_inserted, second.answers_upgraded, second.answers_inserted) == (27, 27, 0)
    answers = read_table("answers", tmp_path)
    assert len(answers) == 27 and not answers["clipped"].any()
    versions = answers.set_index("id")["answer_version"]
    assert versions.loc[CORRECTED] == 2  # a real correction: version 2 from the start
    assert set(versions.drop(CORRECTED)) == {1}


def test_ingest_window_failed_run_is_recorded_and_not_the_watermark(
    fake_api: FakeApi, tmp_path: Path
) -> None:
    ingest_window(api_source(fake_api), D9, D9, lake=tmp_path, archive=tmp_path / "a")
    fake_api.fail_next("list", Fault(503, {"status": 503}), times=20)
    with pytest.raises(ApiError):
        ingest_window(
            api_source(fake_api, max_retries=2), D10, D10, lake=tmp_path, archive=tmp_path / "a"
        )
    runs = read_table("runs", tmp_path)
    failed = runs[runs["status"] == "failed"]
    assert len(failed) == 1 and "ApiError" in failed["error"].iloc[0]
    assert last_completed_window(tmp_path) == Window(D9, D9)
    assert last_completed_window(tmp_path, kind="extract") is None


def bad_input(tmp_path: Path) -> Path:
    """A replay file with every kind of bad record between good ones."""
    good = json.loads((API / "aws-samples-detail.json").read_text(encoding="utf-8"))
    value = good["value"]
    missing = {"value": {k: v for k, v in value.items() if k != "answerText"}}
    extra = {
        "value": {**value, "id": value["id"] + 1, "sentimentScore": 0.7, "aiSummary": "x"},
        "links": [],
    }
    lines = [
        json.dumps(good).encode(),
        b'{"value": {"id": 5, "dateAnswered": "2024-01-10T00:00:00", "answerText": "<p>cut',
        json.dumps(missing).encode(),
        json.dumps(extra).encode(),
        json.dumps({"value": {**value, "id": value["id"] + 2}})
        .encode()
        .replace(b"flexi-job", b"flexi\xe9job"),
        json.dumps({"value": {**value, "id": value["id"] + 3}}).encode(),
    ]
    path = tmp_path / "bad.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b"\n".join(lines) + b"\n")
    return path


def test_ingest_window_quarantines_bad_records_and_goes_on(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    result = ingest_window(bad_input(tmp_path), lake=lake)
    assert (result.records_read, result.answers_inserted, result.quarantined) == (6, 3, 3)
    assert result.unknown_fields == {"aiSummary": 1, "sentimentScore": 1}
    quarantine = read_table("quarantine", lake).sort_values("source")
    errors = quarantine["error"].tolist()
    assert any(e.startswith("malformed JSON") for e in errors)
    assert any("missing field(s): answerText" in e for e in errors)
    assert any(e.startswith("not UTF-8") for e in errors)
    assert quarantine["stage"].unique().tolist() == ["parse"]
    assert quarantine["id"].dropna().tolist() == [1679416]
    assert set(quarantine["run_id"]) == {result.run_id}
    row = run_row(lake, result.run_id)
    assert row["quarantined"] == 3 and row["unknown_fields"] == ["aiSummary", "sentimentScore"]
    kept = read_table("answers", lake).set_index("id")
    assert kept.loc[1679417, "unknown_fields"].tolist() == ["aiSummary", "sentimentScore"]
    again = ingest_window(bad_input(tmp_path), lake=lake)
    assert again.quarantined == 3 and len(read_table("quarantine", lake)) == 3
    assert run_row(lake, again.run_id)["quarantined"] == 3


def test_ingest_window_filters_replays_by_window(tmp_path: Path) -> None:
    result = ingest_window(API / "commons-2024-09-list.json", D9, D9, lake=tmp_path)
    assert result.answers_inserted + result.skipped_out_of_window == 35
    assert result.skipped_out_of_window == 8
    with pytest.raises(ValueError, match="both"):
        ingest_window(API, D9, None, lake=tmp_path)
    with pytest.raises(ValueError, match="needs a window"):
        ingest_window("api", lake=tmp_path)
    assert len(read_table("runs", tmp_path)) == 1  # usage errors record no run


def test_ingest_window_page_text_and_unanswered_questions(tmp_path: Path) -> None:
    page = ingest_window(API / "pages", lake=tmp_path)
    assert page.answers_inserted == 1
    [row] = read_table("answers", tmp_path).to_dict("records")
    assert (
        row["shape"] == "page"
        and row["id"] < 0
        and row["answering_body"] == "Department for Education"
    )


def test_extract_answers_writes_rows_that_point_into_the_text(
    fake_api: FakeApi, tmp_path: Path, nlp: Language
) -> None:
    ingest_window(api_source(fake_api), D9, D9, lake=tmp_path, archive=tmp_path / "a")
    result = extract_answers(tmp_path, nlp=nlp)
    assert result.answers_selected == result.answers_extracted == 27
    assert result.extractor_version.startswith("commitments-")
    texts = read_table("answers", tmp_path).set_index(["id", "answer_version"])["answer_text"]
    for table, column in (
        ("commitments", "quote"),
        ("time_expressions", "text"),
        ("quantities", "text"),
    ):
        rows = read_table(table, tmp_path)
        assert len(rows) == getattr(result, table)
        for row in rows.itertuples():
            assert texts.loc[(row.id, row.answer_version)][
                row.char_start : row.char_end
            ] == getattr(row, column)
        assert (rows["extractor_version"] == result.extractor_version).all()
    row = run_row(tmp_path, result.run_id)
    assert row["status"] == "completed" and row["answers_extracted"] == 27
    assert table_info("commitments", tmp_path).extractor_version == result.extractor_version


def test_extract_answers_rerun_commits_nothing(
    fake_api: FakeApi, tmp_path: Path, nlp: Language
) -> None:
    ingest_window(api_source(fake_api), D9, D9, lake=tmp_path, archive=tmp_path / "a")
    extract_answers(tmp_path, nlp=nlp)
    before = {
        t: table_info(t, tmp_path).version
        for t in ("commitments", "time_expressions", "quantities")
    }
    again = extract_answers(tmp_path, nlp=nlp)
    assert {t: table_info(t, tmp_path).version for t in before} == before
    assert all(
        w.rows_inserted == w.rows_updated == w.rows_deleted == 0
        for w in again.writes
        if w.table != "runs"
    )


def test_extract_answers_window_picks_corrected_answers_and_all_their_versions(
    fake_api: FakeApi, tmp_path: Path, nlp: Language
) -> None:
    corrected_html = uncorrect(fake_api, CORRECTED)
    ingest_window(api_source(fake_api), D9, D9, lake=tmp_path, archive=tmp_path / "a")
    fake_api.correct(CORRECTED, corrected_html, D10)
    ingest_window(api_source(fake_api), D10, D10, lake=tmp_path, archive=tmp_path / "a")
    result = extract_answers(tmp_path, D10, D10, nlp=nlp)
    assert result.answers_selected == 2  # versions 1 and 2 of the corrected question
    quantities = read_table("quantities", tmp_path)
    assert set(quantities["id"]) <= {CORRECTED}
    current = read_table("quantities", tmp_path, current_only=True)
    assert set(current["answer_version"]) <= {2}


def test_extract_answers_replaces_rows_the_model_no_longer_produces(
    fake_api: FakeApi, tmp_path: Path, nlp: Language
) -> None:
    from pipeline.lake.io import merge_rows
    from pipeline.lake.rows import extraction_rows
    from pipeline.types import Extraction, Quantity

    ingest_window(api_source(fake_api), D9, D9, lake=tmp_path, archive=tmp_path / "a")
    extract_answers(tmp_path, nlp=nlp)
    answer = read_table("answers", tmp_path).iloc[0]
    stale = Extraction(
        text=answer["answer_text"],
        anchor=D9,
        model_version="old",
        quantities=[Quantity("x", 0, 1, 1.0, "thing", "count")],
    )
    stale_rows = extraction_rows(
        answer_id=int(answer["id"]),
        answer_version=1,
        date_answered=D9,
        extraction=stale,
        run_id="old",
        extracted_at=dt.datetime.now(dt.UTC),
    )["quantities"]
    merge_rows("quantities", stale_rows, tmp_path)
    assert (
        (read_table("quantities", tmp_path)["rule"] == "")
        & (read_table("quantities", tmp_path)["char_end"] == 1)
    ).any()
    extract_answers(tmp_path, nlp=nlp)
    again = read_table("quantities", tmp_path)
    assert not (
        (again["id"] == answer["id"])
        & (again["char_start"] == 0)
        & (again["char_end"] == 1)
        & (again["text"] == "x")
    ).any()


def test_extract_answers_quarantines_an_answer_the_engine_fails_on(
    fake_api: FakeApi, tmp_path: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.engine as engine

    ingest_window(api_source(fake_api), D9, D9, lake=tmp_path, archive=tmp_path / "a")
    victim = int(read_table("answers", tmp_path)["id"].iloc[3])
    real_doc_to_extraction = engine.doc_to_extraction
    texts = read_table("answers", tmp_path).set_index("id")["answer_text"]

    def flaky(doc, version=""):  # type: ignore[no-untyped-def]
        if doc.text == texts.loc[victim]:
            raise RuntimeError("boom")
        return real_doc_to_extraction(doc, version)

    monkeypatch.setattr(engine, "doc_to_extraction", flaky)
    result = extract_answers(tmp_path, nlp=nlp)
    assert (result.answers_extracted, result.quarantined) == (26, 1)
    [row] = read_table("quarantine", tmp_path).to_dict("records")
    assert (row["id"], row["answer_version"], row["stage"]) == (victim, 1, "extract")
    assert "boom" in row["error"]


def test_extract_answers_needs_answers(tmp_path: Path, nlp: Language) -> None:
    from pipeline.lake import LakeError

    with pytest.raises(LakeError, match="no table 'answers'"):
        extract_answers(tmp_path, nlp=nlp)
    assert read_table("runs", tmp_path)["status"].tolist() == ["failed"]


@pytest.mark.shared
@pytest.mark.slow
def test_whole_corpus_one_row_per_id_and_stable_counts(
    corpus_path: Path, tmp_path: Path, nlp: Language
) -> None:
    first = ingest_window(corpus_path, lake=tmp_path)
    answers = read_table("answers", tmp_path, columns=["id", "answer_version"])
    assert len(answers) == answers["id"].nunique() == first.answers_inserted == 4431
    extracted = extract_answers(tmp_path, nlp=nlp)
    counts = {
        t: table_info(t, tmp_path).rows
        for t in ("answers", "commitments", "time_expressions", "quantities")
    }
    versions = {t: table_info(t, tmp_path).version for t in counts}
    again = ingest_window(corpus_path, lake=tmp_path)
    extract_answers(tmp_path, nlp=nlp)
    assert (again.answers_inserted, again.answers_unchanged) == (0, 4431)
    assert {t: table_info(t, tmp_path).rows for t in counts} == counts
    assert {t: table_info(t, tmp_path).version for t in counts} == versions
    assert counts["quantities"] == extracted.quantities - sum(
        w.rows_dropped for w in extracted.writes if w.table == "quantities"
    )


KILL_SCRIPT = """
import sys
from pipeline.lake import extract_answers, ingest_window
lake = sys.argv[1]
ingest_window(sys.argv[2], lake=lake, batch_size=30)
extract_answers(lake, write_every=40)
"""
SAMPLE = SAMPLES / "answers-sample.jsonl.gz"


def run_script(lake: Path, model: Path) -> subprocess.Popen[bytes]:
    # One model snapshot and one hash seed for every run: the comparison is about the lake, and
    # the engine's output must not change between the runs (the rule files are edited while the
    # project is developed, and the commitment component's output depends on set order).
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "PCT_MODEL": str(model),
        "PYTHONHASHSEED": "0",
    }
    command = [sys.executable, "-c", KILL_SCRIPT, str(lake), str(SAMPLE)]
    return subprocess.Popen(command, env=env, cwd=PROJECT_ROOT)


def delta_commits(lake: Path, table: str) -> int:
    log = lake / table / "_delta_log"
    return len(list(log.glob("*.json"))) if log.exists() else 0


@pytest.fixture(scope="module")
def reference_lake(tmp_path_factory: pytest.TempPathFactory, model_snapshot: Path) -> Path:
    """The sample ingested and extracted by an uninterrupted run."""
    lake = tmp_path_factory.mktemp("reference")
    assert run_script(lake, model_snapshot).wait() == 0
    return lake


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize(("table", "commits"), [("answers", 4), ("commitments", 3)])
def test_killed_run_leaves_readable_tables_and_the_rerun_completes_them(
    table: str, commits: int, tmp_path: Path, reference_lake: Path, model_snapshot: Path
) -> None:
    killed = tmp_path / "killed"
    process = run_script(killed, model_snapshot)
    deadline = time.monotonic() + 120
    while (
        delta_commits(killed, table) < commits
        and process.poll() is None
        and time.monotonic() < deadline
    ):
        time.sleep(0.002)
    assert process.poll() is None, "the run finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    # Readable at whatever version the kill left, and short of the reference.
    partial = read_table(table, killed)
    assert len(partial) < table_info(table, reference_lake).rows
    runs = read_table("runs", killed)
    [dead] = runs.loc[runs["status"] == "running", "run_id"]
    assert run_script(killed, model_snapshot).wait() == 0
    # The re-run's first job found the dead run's process gone and marked it.
    assert run_row(killed, dead)["status"] == "abandoned"
    for name in ("answers", "commitments", "time_expressions", "quantities"):
        assert keyed(killed, name) == keyed(reference_lake, name), (
            f"{name} differs after the re-run"
        )


# --- runs killed outright: abandoned ----------------------------------------------------------

HOST = "this-host"
NOW = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.UTC)
FRESH, STALE = NOW - dt.timedelta(minutes=1), NOW - dt.timedelta(hours=2)
LIVE_PID, DEAD_PID = 100, 200
LIVE_START, EARLIER_START = "boot-a:5000", "boot-a:10"


def running(**fields: object) -> dict[str, object]:
    return {"status": "running", "started_at": STALE, **fields}


ABANDONED_CASES = [
    (running(host=HOST, pid=DEAD_PID, updated_at=FRESH), "its process 200 on this-host is gone"),
    (running(host=HOST, pid=LIVE_PID, updated_at=FRESH), None),
    (running(host=HOST, pid=LIVE_PID, updated_at=FRESH, process_start=LIVE_START), None),
    (
        running(host=HOST, pid=LIVE_PID, updated_at=FRESH, process_start=EARLIER_START),
        "its process 100 on this-host is gone (the pid was reused by a later process)",
    ),
    (running(host=HOST, pid=DEAD_PID, updated_at=FRESH, process_start=EARLIER_START), "its pro"),
    (running(host="other-host", pid=LIVE_PID, updated_at=FRESH, process_start="x:1"), None),
    (running(host="other-host", pid=DEAD_PID, updated_at=FRESH), None),  # not our pid table
    (running(host="other-host", pid=LIVE_PID, updated_at=STALE), "no heartbeat since"),
    (running(host=HOST, pid=LIVE_PID, updated_at=STALE), "no heartbeat since"),  # hung or reused
    (running(), "no heartbeat since 2026-11-29 10:00:00 UTC"),  # schema 1: started_at only
    (running(started_at=FRESH), None),
    ({"status": "completed", "started_at": STALE, "host": HOST, "pid": DEAD_PID}, None),
    ({"status": "failed", "started_at": STALE}, None),
]


@pytest.mark.parametrize(("run", "expected"), ABANDONED_CASES)
def test_abandoned_reason_never_a_live_run(run: dict[str, object], expected: str | None) -> None:
    reason = abandoned_reason(
        run,
        now=NOW,
        host=HOST,
        stale_after=STALE_AFTER,
        alive=lambda pid: pid == LIVE_PID,
        started=lambda pid: LIVE_START if pid == LIVE_PID else None,
    )
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(expected)


def test_process_alive_tells_a_reaped_child_from_this_process() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert process_alive(os.getpid())
    assert not process_alive(child.pid)
    assert not process_alive(0) and not process_alive(-1)


def test_process_alive_counts_a_zombie_as_gone() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while process_alive(child.pid) and time.monotonic() < deadline:  # exited, not yet reaped
        time.sleep(0.01)
    assert not process_alive(child.pid)
    child.wait()


STAT_LINES = [
    ("1234 (python3) S 1 1234 1234 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 98765 1 2", 98765),
    ("77 (a ) b (c) R 1 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 4242 0 0 0", 4242),  # odd name
]


@pytest.mark.parametrize(("line", "ticks"), STAT_LINES)
def test_proc_start_ticks_reads_field_22(line: str, ticks: int) -> None:
    assert proc_start_ticks(line) == ticks


def test_proc_start_ticks_refuses_a_short_line() -> None:
    with pytest.raises(ValueError, match="not a /proc/<pid>/stat line"):
        proc_start_ticks("1 (x) S 1 1")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="no /proc (Linux only)")
def test_process_start_tells_a_live_child_from_a_later_process_on_its_pid(
    tmp_path: Path,
) -> None:
    """A real child's pid with its recorded start: alive and the same process; the same pid
    with a start time of another process (as if the OS reused the pid): dead at once, although
    its heartbeat is fresh."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        start = process_start(child.pid)
        assert start is not None and start == process_start(child.pid)
        assert start != process_start(os.getpid())
        boot, _, ticks = start.rpartition(":")
        assert boot == Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        now = dt.datetime.now(dt.UTC)
        host = this_host()
        same = run_record("same", host=host, pid=child.pid, updated_at=now, process_start=start)
        reused = dataclasses.replace(
            same, run_id="reused", process_start=f"{boot}:{int(ticks) - 1}"
        )
        rebooted = dataclasses.replace(same, run_id="rebooted", process_start=f"old-boot:{ticks}")
        for record in (same, reused, rebooted):
            record_run(record, tmp_path)
        marked = mark_abandoned_runs(tmp_path)
        assert [(m.run_id, m.reason) for m in marked] == [
            (run_id, f"its process {child.pid} on {host} is gone (the pid was reused by a later "
             "process)")
            for run_id in ("rebooted", "reused")
        ]  # fmt: skip
        assert run_row(tmp_path, "same")["status"] == "running"
    finally:
        child.kill()
        child.wait()
    assert process_start(child.pid) is None  # reaped: no such process
    [gone] = mark_abandoned_runs(tmp_path)
    assert (gone.run_id, gone.reason) == ("same", f"its process {child.pid} on {host} is gone")


def test_jobs_record_their_process_start(tmp_path: Path) -> None:
    result = ingest_window(API / "commons-2024-09-list.json", lake=tmp_path)
    row = run_row(tmp_path, result.run_id)
    assert (row["pid"], row["process_start"]) == (os.getpid(), process_start(os.getpid()))


def test_mark_abandoned_runs_reads_a_schema_2_lake(tmp_path: Path) -> None:
    """Rows written before runs had process_start: a live pid is judged by the heartbeat, a
    dead one at once; the table gains the column with the write."""
    from deltalake import write_deltalake

    from pipeline.lake.rows import record_row
    from pipeline.lake.schemas import TABLES

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    host, now = this_host(), dt.datetime.now(dt.UTC)
    old_schema = pa.schema([f for f in TABLES["runs"].schema if f.name != "process_start"])
    rows = [
        dict({k: v for k, v in record_row(run).items() if k != "process_start"}, row_hash=f"h{i}")
        for i, run in enumerate(
            (
                run_record("v2-alive", host=host, pid=os.getpid(), updated_at=now),
                run_record("v2-dead", host=host, pid=child.pid, updated_at=now),
            )
        )
    ]
    write_deltalake(str(tmp_path / "runs"), pa.Table.from_pylist(rows, schema=old_schema))
    assert [m.run_id for m in mark_abandoned_runs(tmp_path)] == ["v2-dead"]
    runs = read_table("runs", tmp_path).set_index("run_id")
    assert runs.loc["v2-alive", "status"] == "running"
    assert "process_start" in runs.columns and runs["process_start"].isna().all()


def run_record(run_id: str, **fields: Any) -> RunRecord:
    return RunRecord(run_id, "ingest", "running", "test", D9, D9, **{"started_at": STALE, **fields})


def test_mark_abandoned_runs_marks_dead_runs_only(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    host = this_host()
    for record in (
        run_record("dead-here", host=host, pid=child.pid, updated_at=now),
        run_record("stale-elsewhere", host="other-host", pid=1, updated_at=now - STALE_AFTER * 2),
        run_record("fresh-elsewhere", host="other-host", pid=child.pid, updated_at=now),
        run_record("alive-here", host=host, pid=os.getpid(), updated_at=now),
        dataclasses.replace(run_record("done", host=host, pid=child.pid), status="completed"),
    ):
        record_run(record, tmp_path)
    before = table_info("runs", tmp_path).version
    found = mark_abandoned_runs(tmp_path, record=False)  # a lake one may not write
    assert table_info("runs", tmp_path).version == before
    marked = mark_abandoned_runs(tmp_path)
    assert marked == found
    assert [(m.run_id, m.kind) for m in marked] == [
        ("dead-here", "ingest"),
        ("stale-elsewhere", "ingest"),
    ]
    statuses = dict(read_table("runs", tmp_path)[["run_id", "status"]].itertuples(index=False))
    assert statuses == {
        "dead-here": "abandoned",
        "stale-elsewhere": "abandoned",
        "fresh-elsewhere": "running",
        "alive-here": "running",
        "done": "completed",
    }
    error = run_row(tmp_path, "dead-here")["error"]
    assert error == f"abandoned: its process {child.pid} on {host} is gone"
    version = table_info("runs", tmp_path).version
    assert mark_abandoned_runs(tmp_path) == []  # nothing more: no commit
    assert table_info("runs", tmp_path).version == version
    assert mark_abandoned_runs(tmp_path / "empty") == []


def test_mark_abandoned_runs_takes_its_limit_from_pct_stale_after_minutes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run elsewhere, silent for 10 minutes: alive under the default 30, dead under 5; an
    explicit limit wins over the setting, and every job's start uses the setting too."""
    quiet = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
    record_run(run_record("quiet", host="other-host", pid=1, updated_at=quiet), tmp_path)
    monkeypatch.delenv("PCT_STALE_AFTER_MINUTES", raising=False)
    assert mark_abandoned_runs(tmp_path, record=False) == []
    monkeypatch.setenv("PCT_STALE_AFTER_MINUTES", "5")
    assert mark_abandoned_runs(tmp_path, stale_after=dt.timedelta(minutes=15)) == []
    [found] = mark_abandoned_runs(tmp_path, record=False)
    assert found.reason.endswith("(limit 0:05:00)")
    ingest_window(API / "commons-2024-09-list.json", lake=tmp_path)  # what the flows call
    row = run_row(tmp_path, "quiet")
    assert row["status"] == "abandoned" and "(limit 0:05:00)" in str(row["error"])


def test_jobs_refuse_a_bad_pct_stale_after_minutes_before_recording_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PCT_STALE_AFTER_MINUTES", "soon")
    with pytest.raises(ValueError, match="PCT_STALE_AFTER_MINUTES must be a positive number"):
        ingest_window(API / "commons-2024-09-list.json", lake=tmp_path)
    assert not (tmp_path / "runs").exists()


def test_mark_abandoned_runs_reads_a_schema_1_lake(tmp_path: Path) -> None:
    """A lake written before runs had host, pid and updated_at: judged by started_at, and the
    table gains the columns with the write."""
    from deltalake import write_deltalake

    from pipeline.lake.rows import record_row
    from pipeline.lake.schemas import TABLES

    new = {"host", "pid", "updated_at", "process_start"}
    old_schema = pa.schema([f for f in TABLES["runs"].schema if f.name not in new])
    rows = [
        {k: v for k, v in record_row(run).items() if k not in new}
        for run in (
            run_record("old-killed", started_at=dt.datetime.now(dt.UTC) - STALE_AFTER * 2),
            run_record("old-fresh", started_at=dt.datetime.now(dt.UTC)),
        )
    ]
    rows = [dict(row, row_hash=f"h{i}") for i, row in enumerate(rows)]
    write_deltalake(str(tmp_path / "runs"), pa.Table.from_pylist(rows, schema=old_schema))
    marked = mark_abandoned_runs(tmp_path)
    assert [m.run_id for m in marked] == ["old-killed"]
    runs = read_table("runs", tmp_path).set_index("run_id")
    assert runs.loc["old-killed", "status"] == "abandoned"
    assert runs.loc["old-fresh", "status"] == "running"
    assert new <= set(runs.columns) and runs["host"].isna().all()
    result = ingest_window(API / "commons-2024-09-list.json", lake=tmp_path)
    row = run_row(tmp_path, result.run_id)
    assert (row["status"], row["host"], row["pid"]) == ("completed", this_host(), os.getpid())


def test_heartbeat_refreshes_updated_at_during_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pipeline.lake.jobs.HEARTBEAT_EVERY", dt.timedelta(milliseconds=1))
    result = ingest_window(SAMPLE, lake=tmp_path, batch_size=100)
    row = run_row(tmp_path, result.run_id)
    assert row["updated_at"] == row["finished_at"] and row["status"] == "completed"
    # Versions: 0 creates the table, 1 records the start, the last records the end; the
    # heartbeats come in between, while the run is still running.
    last = table_info("runs", tmp_path).version
    assert last > 2
    [beat] = read_table("runs", tmp_path, as_of=last - 1).to_dict("records")
    assert beat["status"] == "running"
    assert row["started_at"] < beat["updated_at"] < row["finished_at"]


KILL_INGEST = """
import sys
from pipeline.lake import ingest_window
ingest_window(sys.argv[2], lake=sys.argv[1], batch_size=20)
"""


@pytest.mark.integration
def test_killed_ingest_is_reported_abandoned_by_the_runs_command(tmp_path: Path) -> None:

    lake = tmp_path / "lake"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", KILL_INGEST, str(lake), str(SAMPLE)], env=env, cwd=PROJECT_ROOT
    )
    deadline = time.monotonic() + 120
    while delta_commits(lake, "answers") < 3 and process.poll() is None:
        assert time.monotonic() < deadline, "the ingest wrote nothing in 2 minutes"
        time.sleep(0.002)
    assert process.poll() is None, "the ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    [killed] = read_table("runs", lake).to_dict("records")
    assert (killed["status"], killed["pid"]) == ("running", process.pid)
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pipeline.cli import main; main()",
            "runs",
            "--lake",
            str(lake),
        ],
        capture_output=True,
        text=True,
        env={**env, "COLUMNS": "250"},
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert f"run {killed['run_id']} marked abandoned: its process {process.pid} on" in shown.stderr
    [line] = [line for line in shown.stdout.splitlines() if killed["run_id"] in line]
    cells = [cell.strip() for cell in line.strip("│ ").split("│")]
    assert cells[:3] == [killed["run_id"], "ingest", "abandoned"]
    row = run_row(lake, killed["run_id"])
    assert row["status"] == "abandoned" and row["finished_at"] is None
    assert last_completed_window(lake) is None
