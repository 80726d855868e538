"""The Prefect flows, unattended: a nightly run that the API fails leaves the watermark where it
was and the next nightly run covers the same window; a nightly flow process killed (SIGKILL,
with its temporary Prefect server) inside an extraction commit leaves readable tables, and the
next run gives the same tables as an uninterrupted one.

The flows run as a user runs them (``python -m flows.nightly``, or ``nightly(...)`` under a
temporary Prefect server) in subprocesses started in their own session, so a kill reaches the
flow process and the server it started, as a crash of the machine would.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.api.fake_api import FakeApi
from reliability.faults import FaultyProxy, Rule, Status, faulty_proxy
from reliability.helpers import commits, data_files, digests, logged_files, runs
from support import SAMPLES

from pipeline.lake import read_table
from pipeline.lake.io import open_table
from pipeline.settings import PROJECT_ROOT, get_settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SAMPLE = SAMPLES / "answers-sample.jsonl.gz"


def environment(tmp: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PREFECT_API_URL") and key != "PREFECT_HOME"
    }
    env.update(
        PYTHONPATH=str(PROJECT_ROOT),
        PYTHONHASHSEED="0",
        PREFECT_HOME=str(tmp / "prefect-home"),
        DO_NOT_TRACK="1",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        # As the in-process harness's server_startup_timeout=90: Prefect's 20 s default is
        # exceeded on a slow or busy machine (a CI run on 2026-11-30 timed out at start-up).
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90",
        PCT_ARCHIVE=str(tmp / "archive"),
        **extra,
    )
    return env


def stop_group(process: subprocess.Popen[bytes], sig: int = signal.SIGKILL) -> None:
    """Signal a process started with ``start_new_session=True`` and everything it started (its
    process group, by the process's id); reaped."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    process.wait()


# -- a nightly run the API fails, then the next nightly run --------------------------------------

RESUME = r"""
import datetime as dt, json, sys
from prefect.testing.utilities import prefect_test_harness
from flows.nightly import nightly
from flows.summary import outcome

lake, out = sys.argv[1], {}
with prefect_test_harness(server_startup_timeout=90):
    for name in ("first", "second", "third"):
        try:
            summary = nightly(lake=lake, source="api", run_date=dt.date(2024, 9, 10),
                              run_audit=False)
            out[name] = ["completed", str(summary.window), outcome(summary)]
        except BaseException as err:
            out[name] = ["failed", type(err).__name__, str(err)]
print("RESULT " + json.dumps(out))
"""


@pytest.fixture
def proxy(fake_api: FakeApi) -> Iterator[FaultyProxy]:
    with faulty_proxy(fake_api.base_url) as running:
        yield running


def test_nightly_failed_by_the_api_is_covered_again_by_the_next_nightly(
    proxy: FaultyProxy, tmp_path: Path
) -> None:
    """The first nightly run meets a permanent API error (no retry can fix a 400) halfway
    through its window: it fails with the API's message, writes no answer and records a failed
    ingest. The next nightly run, the same day, covers the same window and completes it; the
    one after says the lake is up to date."""
    proxy.add(Rule("detail", Status(400, {"status": 400, "title": "Bad Request"}), after=9))
    lake = tmp_path / "lake"
    env = environment(tmp_path, PCT_API_BASE=proxy.base_url)
    done = subprocess.run(
        [sys.executable, "-c", RESUME, str(lake)], env=env, cwd=PROJECT_ROOT,
        capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    lines = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")]
    assert lines, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(lines[0].removeprefix("RESULT "))
    assert result["first"][:2] == ["failed", "ApiError"] and "HTTP 400" in result["first"][2]
    assert result["second"][:2] == ["completed", "2024-09-09..2024-09-09"]
    assert "27 new answer versions" in result["second"][2]
    assert result["third"][0] == "completed"
    assert result["third"][2].startswith("lake up to date through 2024-09-09")
    statuses = [(r["kind"], r["status"]) for r in runs(lake)]
    assert statuses == [
        ("ingest", "failed"), ("ingest", "completed"), ("extract", "completed"),
    ]  # fmt: skip
    assert len(read_table("answers", lake)) == 27


# -- a nightly flow process killed inside an extraction commit -----------------------------------


@pytest.fixture(scope="module")
def model_snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("model") / "en_commitments"
    shutil.copytree(get_settings().model, target)
    return target


def nightly_command(lake: Path) -> list[str]:
    return [sys.executable, "-m", "flows.nightly", "--lake", str(lake), "--source", str(SAMPLE),
            "--from", "2023-12-01", "--to", "2025-12-31"]  # fmt: skip


def run_nightly(lake: Path, tmp: Path, model: Path) -> subprocess.Popen[bytes]:
    """Start the nightly flow in its own session; its stderr goes to ``tmp/nightly.err``
    (appended), which :func:`stderr_tail` shows when a run fails."""
    with (tmp / "nightly.err").open("ab") as errors:
        return subprocess.Popen(
            nightly_command(lake),
            env=environment(tmp, PCT_MODEL=str(model)),
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )


def stderr_tail(tmp: Path, lines: int = 15) -> str:
    """The last lines the nightly runs under ``tmp`` wrote to stderr."""
    path = tmp / "nightly.err"
    text = path.read_text(errors="replace") if path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="module")
def nightly_reference(
    tmp_path_factory: pytest.TempPathFactory, model_snapshot: Path
) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("nightly-reference")
    process = run_nightly(tmp / "lake", tmp, model_snapshot)
    try:
        assert process.wait(timeout=600) == 0, stderr_tail(tmp)
    finally:
        stop_group(process)
    return digests(tmp / "lake")


def test_nightly_flow_killed_inside_an_extraction_commit_resumes_to_the_same_tables(
    tmp_path: Path, nightly_reference: dict[str, str], model_snapshot: Path
) -> None:
    lake = tmp_path / "lake"
    folder = lake / "quantities"
    landed = False
    for _ in range(8):  # the window is a few milliseconds wide; a loaded machine may miss it
        shutil.rmtree(lake, ignore_errors=True)
        process = run_nightly(lake, tmp_path, model_snapshot)
        deadline = time.monotonic() + 300
        while process.poll() is None and time.monotonic() < deadline:
            if commits(folder) >= 1 and data_files(folder) - logged_files(folder):
                stop_group(process)
                landed = bool(data_files(folder) - logged_files(folder))
                break
        stop_group(process)
        if landed:
            break
    assert landed, "no kill landed inside the quantities commit"
    # Readable at the last committed version: the empty table the flow prepared, and no
    # commitment yet (the tables a commitment points into are committed first).
    table = open_table("quantities", lake)
    assert table is not None and table.version() == 0 and len(read_table("quantities", lake)) == 0
    assert len(read_table("commitments", lake)) == 0
    assert len(read_table("answers", lake)) > 0
    assert {(r["kind"], r["status"]) for r in runs(lake)} == {
        ("ingest", "completed"), ("extract", "running"),
    }  # fmt: skip
    rerun = run_nightly(lake, tmp_path, model_snapshot)
    try:
        assert rerun.wait(timeout=600) == 0, stderr_tail(tmp_path)
    finally:
        stop_group(rerun)
    assert digests(lake) == nightly_reference
