"""Crash safety: a process killed with SIGKILL in the middle of a Delta commit, of an API
ingest or of an export leaves every table readable at its last committed version (nothing of
the interrupted commit is visible), and running the job again gives the same tables as an
uninterrupted run (compared by content hashes).

``tests/lake/test_jobs.py`` already kills a run *between* commits (after N commits of
``answers`` or ``commitments``); these tests kill it *during* one: the moment the commit's
Parquet files are on disk but its ``_delta_log`` entry is not (checked after the kill: data
files that no log entry names are left behind).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pyarrow.parquet as pq
import pytest
from fixtures.api.fake_api import FakeApi
from reliability.faults import FaultyProxy, Rule, Slow, faulty_proxy
from reliability.helpers import commits, data_files, digests, logged_files, runs
from spacy.language import Language
from support import SAMPLES

from pipeline.ingest.archive import iter_lines
from pipeline.ingest.replay import iter_source
from pipeline.lake import read_table
from pipeline.lake.io import open_table
from pipeline.lake.jobs import WRITE_ORDER
from pipeline.lake.schemas import EXTRACTION_TABLES
from pipeline.settings import PROJECT_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SAMPLE = SAMPLES / "answers-sample.jsonl.gz"
JOBS = """
import sys
from pipeline.lake import extract_answers, ingest_window
lake = sys.argv[1]
ingest_window(sys.argv[2], lake=lake, batch_size=30)
extract_answers(lake, write_every=40)
"""
API_INGEST = """
import datetime as dt, sys
from pipeline.ingest.client import ClientConfig
from pipeline.ingest.sources import ApiSource
from pipeline.lake import ingest_window
lake, base_url, archive = sys.argv[1:4]
config = ClientConfig(base_url=base_url, page_size=10, backoff_initial=0.001, backoff_max=0.01,
                      requests_per_second=1000.0)
day = dt.date(2024, 9, 9)
ingest_window(ApiSource(config), day, day, lake=lake, archive=archive)
"""
EXPORTS = """
import sys
from pipeline.lake import export_lake
for _ in range(200):
    export_lake(sys.argv[2], sys.argv[1], tables=["answers"])
"""


def environment(model: Path) -> dict[str, str]:
    # One model snapshot and one hash seed for every run: the comparison is about the lake, and
    # the engine's output must not change between runs (see tests/lake/test_jobs.py).
    return {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "PCT_MODEL": str(model),
        "PYTHONHASHSEED": "0",
    }


def start(script: str, model: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        env=environment(model),
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, model_snapshot: Path) -> dict[str, str]:
    """Content hashes of the tables after an uninterrupted ingest and extract of the sample."""
    lake = tmp_path_factory.mktemp("reference")
    assert start(JOBS, model_snapshot, str(lake), str(SAMPLE)).wait() == 0
    return digests(lake)


# -- kills inside a commit ----------------------------------------------------------------------


@dataclass(frozen=True)
class Kill:
    """Where a kill landed: the table's committed versions and the orphaned files."""

    commits: int
    orphans: frozenset[str]


def kill_during_commit(
    lake: Path, table: str, model: Path, *, after: int, attempts: int = 8
) -> Kill:
    """Run the jobs and SIGKILL them while a commit to ``table`` is under way (its data files
    written, its log entry not), once the table has ``after`` commits; retried until a kill
    lands inside a commit (checked afterwards: files no log entry names are left)."""
    folder = lake / table
    for _ in range(attempts):
        shutil.rmtree(lake, ignore_errors=True)
        process = start(JOBS, model, str(lake), str(SAMPLE))
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if commits(folder) >= after and data_files(folder) - logged_files(folder):
                process.send_signal(signal.SIGKILL)
                process.wait()
                orphans = data_files(folder) - logged_files(folder)
                if orphans:
                    return Kill(commits(folder), frozenset(orphans))
                break
        else:
            process.kill()
            process.wait()
    pytest.fail(f"no kill landed inside a commit to {table} in {attempts} attempts")


def assert_readable_without_orphans(lake: Path, table: str, kill: Kill) -> None:
    """The table reads at its last committed version and none of its files is an orphan."""
    delta = open_table(table, lake)
    assert delta is not None and delta.version() == kill.commits - 1
    live = {unquote(uri).split(f"/{table}/", 1)[1] for uri in delta.file_uris()}
    assert not live & kill.orphans
    rows = read_table(table, lake)
    assert len(rows) == delta.count()


def ordinals(lake: Path, table: str) -> set[tuple[int, int, int]]:
    """``(id, answer_version, ordinal)`` of every row of an extraction table."""
    rows = read_table(table, lake, columns=["id", "answer_version", "ordinal"])
    return {(int(r.id), int(r.answer_version), int(r.ordinal)) for r in rows.itertuples()}


def test_kill_during_the_answers_commit_leaves_the_last_version_and_rerun_completes(
    tmp_path: Path, reference: dict[str, str], model_snapshot: Path
) -> None:
    lake = tmp_path / "lake"
    kill = kill_during_commit(lake, "answers", model_snapshot, after=4)
    assert_readable_without_orphans(lake, "answers", kill)
    answers = read_table("answers", lake)
    assert len(answers) == answers[["id", "answer_version"]].drop_duplicates().shape[0]
    assert [r["status"] for r in runs(lake)] == ["running"]
    assert start(JOBS, model_snapshot, str(lake), str(SAMPLE)).wait() == 0
    assert digests(lake) == reference


def test_extraction_write_order_covers_every_extraction_table() -> None:
    assert sorted(WRITE_ORDER) == sorted(EXTRACTION_TABLES)
    assert WRITE_ORDER[-1] == "commitments"


@pytest.mark.parametrize("table", WRITE_ORDER)
def test_kill_during_an_extraction_commit_shows_no_dangling_reference_and_rerun_completes(
    table: str, tmp_path: Path, reference: dict[str, str], model_snapshot: Path
) -> None:
    """Killed while one extraction table commits a flush: every commitment visible then points
    at time expressions and quantities that are visible too (the tables a commitment points
    into are committed before it), and the re-run completes all three tables."""
    lake = tmp_path / "lake"
    kill = kill_during_commit(lake, table, model_snapshot, after=4)
    assert_readable_without_orphans(lake, table, kill)
    quantities, timexes = ordinals(lake, "quantities"), ordinals(lake, "time_expressions")
    commitments = read_table(
        "commitments", lake, columns=["id", "answer_version", "timexes", "quantities"]
    )
    assert len(commitments) > 0
    for row in commitments.itertuples():
        key = (row.id, row.answer_version)
        assert all((*key, int(i)) in quantities for i in row.quantities), key
        assert all((*key, int(i)) in timexes for i in row.timexes), key
    statuses = {r["kind"]: r["status"] for r in runs(lake)}
    assert statuses == {"ingest": "completed", "extract": "running"}
    assert start(JOBS, model_snapshot, str(lake), str(SAMPLE)).wait() == 0
    assert digests(lake) == reference


# -- a kill while the API is being read ----------------------------------------------------------


@pytest.fixture
def proxy(fake_api: FakeApi) -> Iterator[FaultyProxy]:
    with faulty_proxy(fake_api.base_url) as running:
        yield running


def test_kill_during_an_api_ingest_leaves_a_readable_archive_and_rerun_completes(
    proxy: FaultyProxy, tmp_path: Path, model_snapshot: Path
) -> None:
    clean = tmp_path / "clean"
    clean_run = start(API_INGEST, model_snapshot, str(clean), proxy.base_url, str(tmp_path / "a0"))
    assert clean_run.wait() == 0
    proxy.log.clear()
    proxy.add(Rule("detail", Slow(0.2), times=None))  # a slow server: the kill lands mid-fetch
    lake, archive = tmp_path / "lake", tmp_path / "archive"
    process = start(API_INGEST, model_snapshot, str(lake), proxy.base_url, str(archive))
    deadline = time.monotonic() + 60
    while proxy.count("detail") < 8 and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    # Nothing reached the answers table; the run stays 'running', so it is not the watermark.
    assert open_table("answers", lake) is None or len(read_table("answers", lake)) == 0
    assert [r["status"] for r in runs(lake)] == ["running"]
    # The raw archive holds every response received before the kill, readable and replayable.
    [written] = list(archive.rglob("*.jsonl.gz"))
    lines = [line for line in iter_lines(written) if line.data is not None]
    assert len(lines) >= 8
    replayed = [r for r in iter_source(written) if r.value is not None]
    assert len({r.value["id"] for r in replayed}) >= 7
    proxy.rules.clear()
    assert start(API_INGEST, model_snapshot, str(lake), proxy.base_url, str(archive)).wait() == 0
    assert digests(lake, ("answers", "quarantine")) == digests(clean, ("answers", "quarantine"))


# -- a kill while exporting ----------------------------------------------------------------------


def test_kill_during_an_export_never_leaves_a_partial_file(
    tmp_path: Path, model_snapshot: Path
) -> None:
    from pipeline.lake import ingest_window

    lake, out = tmp_path / "lake", tmp_path / "out"
    ingest_window(SAMPLE, lake=lake)
    expected = len(read_table("answers", lake))
    process = start(EXPORTS, model_snapshot, str(lake), str(out))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if (out / "answers.parquet").exists() and list(out.glob(".answers.*.tmp")):
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert pq.read_table(out / "answers.parquet").num_rows == expected
    assert sorted(p.name for p in out.glob("*.parquet")) == ["answers.parquet"]


# -- a write that fails (disk, store, conflict) instead of a kill --------------------------------


def test_write_failure_mid_extraction_fails_the_run_cleanly_and_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language
) -> None:
    """The second flush's quantities merge fails (a full disk, an object store error): the run
    is recorded failed with the error, no visible commitment lacks its quantities, and the
    re-run completes to the same tables as a run that never failed."""
    import pipeline.lake.jobs as jobs
    from pipeline.lake import LakeError, extract_answers, ingest_window

    reference = tmp_path / "reference"
    ingest_window(SAMPLE, lake=reference)
    extract_answers(reference, nlp=nlp, write_every=100)

    lake = tmp_path / "lake"
    ingest_window(SAMPLE, lake=lake)
    real_merge = jobs.merge_rows
    calls = {"quantities": 0}

    def failing_merge(table: str, *args: object, **kwargs: object) -> object:
        if table == "quantities":
            calls["quantities"] += 1
            if calls["quantities"] == 2:
                raise LakeError(
                    "merge into 'quantities' failed (table left at version 1): disk full"
                )
        return real_merge(table, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jobs, "merge_rows", failing_merge)
    with pytest.raises(LakeError, match="disk full"):
        extract_answers(lake, nlp=nlp, write_every=100, run_id="extract-failed")
    monkeypatch.setattr(jobs, "merge_rows", real_merge)
    [failed] = [r for r in runs(lake) if r["run_id"] == "extract-failed"]
    assert failed["status"] == "failed" and "disk full" in str(failed["error"])
    quantities = ordinals(lake, "quantities")
    for row in read_table(
        "commitments", lake, columns=["id", "answer_version", "quantities"]
    ).itertuples():
        assert all((row.id, row.answer_version, int(i)) in quantities for i in row.quantities)
    extract_answers(lake, nlp=nlp, write_every=100)
    assert digests(lake) == digests(reference)
