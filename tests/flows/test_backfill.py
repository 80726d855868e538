"""The back-fill flow: parallel windows on a thread pool and on a local Dask cluster give the
same tables as a serial run; finished windows are skipped on re-run; a failed window is
reported and completed by the next run."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import pipeline.lake
from flows.backfill import backfill
from flows.summary import RunSummary, outcome
from pipeline.ingest.window import Window

pytestmark = pytest.mark.usefixtures("prefect_harness")

D = dt.date
TABLES = ("answers", "commitments", "time_expressions", "quantities", "quarantine")
RANGE = {"start": D(2024, 9, 1), "end": D(2024, 12, 31), "window_days": 31}
MONTHS = [
    Window(D(2024, 9, 1), D(2024, 9, 30)),
    Window(D(2024, 10, 1), D(2024, 10, 31)),
    Window(D(2024, 11, 1), D(2024, 11, 30)),
    Window(D(2024, 12, 1), D(2024, 12, 31)),
]
Content = Callable[[Path, str], list[dict[str, object]]]


def run_backfill(**parameters: Any) -> RunSummary:
    state = backfill(return_state=True, **parameters)
    assert state.is_completed(), state.message
    summary: RunSummary = state.result()
    return summary


@pytest.fixture(scope="module")
def serial_lake(tmp_path_factory: pytest.TempPathFactory, replay_slice: Path) -> Path:
    """The slice back-filled one window at a time (a one-thread pool): the reference."""
    lake = tmp_path_factory.mktemp("serial")
    summary = run_backfill(lake=str(lake), source=str(replay_slice), max_workers=1, **RANGE)
    assert [r.window for r in summary.windows] == MONTHS
    return lake


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[str]:
    """A local Dask cluster of two single-threaded worker processes; its scheduler address."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_backfill_in_parallel_threads_matches_the_serial_run(
    tmp_path: Path, replay_slice: Path, serial_lake: Path, lake_content: Content
) -> None:
    summary = run_backfill(lake=str(tmp_path), source=str(replay_slice), max_workers=4, **RANGE)
    assert [r.window for r in summary.windows] == MONTHS
    for name in TABLES:
        assert lake_content(tmp_path, name) == lake_content(serial_lake, name), name


def serial_in_a_subprocess(lake: Path, source: Path) -> None:
    """``python -m flows.backfill`` with one thread, reporting to the harness's server.

    A fresh process loads the engine from disk as the Dask workers do, so the two runs compare
    the same code and rules (in a shared checkout the rule files may change during a session).
    """
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value())}
    args = ["--lake", str(lake), "--source", str(source), "--max-workers", "1"]
    args += ["--from", str(RANGE["start"]), "--to", str(RANGE["end"]), "--window-days", "31"]
    done = subprocess.run(
        [sys.executable, "-m", "flows.backfill", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "data rows written" in done.stdout


@pytest.mark.slow
def test_backfill_on_a_local_dask_cluster_matches_the_serial_run(
    tmp_path: Path,
    replay_slice: Path,
    dask_cluster: str,
    lake_content: Content,
) -> None:
    from distributed import Client, get_task_stream

    serial_in_a_subprocess(tmp_path / "serial", replay_slice)
    with Client(dask_cluster) as client, get_task_stream(client) as stream:
        summary = run_backfill(
            lake=str(tmp_path / "dask"), source=str(replay_slice), dask=dask_cluster, **RANGE
        )
        workers = set(client.scheduler_info()["workers"])
    assert [r.window for r in summary.windows] == MONTHS
    for name in TABLES:
        dask_rows, serial_rows = (
            lake_content(tmp_path / "dask", name),
            lake_content(tmp_path / "serial", name),
        )
        only_dask = [r for r in dask_rows if r not in serial_rows]
        only_serial = [r for r in serial_rows if r not in dask_rows]
        assert dask_rows == serial_rows, (name, only_dask[:2], only_serial[:2])
    ran = [t for t in stream.data if t["key"].startswith(("ingest", "extract"))]
    assert len(ran) >= 2 * len(MONTHS)  # every task ran on the cluster (retries add more)
    assert len(workers) == 2 and {t["worker"] for t in ran} <= workers


def test_backfill_skips_finished_windows_on_rerun(
    tmp_path: Path,
    replay_slice: Path,
    serial_lake: Path,
    lake_content: Content,
    lake_versions: Callable[[Path], dict[str, int]],
) -> None:
    source = str(replay_slice)
    first = run_backfill(lake=str(tmp_path), source=source, **{**RANGE, "end": D(2024, 10, 31)})
    resumed = run_backfill(lake=str(tmp_path), source=source, **RANGE)
    assert [r.window for r in first.windows] == MONTHS[:2]
    assert list(resumed.skipped) == MONTHS[:2]
    assert [r.window for r in resumed.windows] == MONTHS[2:]
    for name in TABLES:
        assert lake_content(tmp_path, name) == lake_content(serial_lake, name), name

    versions = lake_versions(tmp_path)
    again = run_backfill(lake=str(tmp_path), source=source, **RANGE)
    assert list(again.skipped) == MONTHS and not again.windows
    assert outcome(again).startswith("all 4 windows of 2024-09-01..2024-12-31 were completed")
    assert lake_versions(tmp_path) == versions


def test_backfill_rerun_redoes_every_window_and_writes_nothing_new(
    tmp_path: Path, replay_slice: Path, serial_lake: Path, lake_content: Content
) -> None:
    run_backfill(lake=str(tmp_path), source=str(replay_slice), **RANGE)
    again = run_backfill(lake=str(tmp_path), source=str(replay_slice), rerun=True, **RANGE)
    assert [r.window for r in again.windows] == MONTHS and not again.skipped
    assert again.wrote_nothing_new and "nothing new written" in outcome(again)
    for name in TABLES:
        assert lake_content(tmp_path, name) == lake_content(serial_lake, name), name


def test_backfill_reports_a_failed_window_and_the_next_run_completes_it(
    tmp_path: Path,
    replay_slice: Path,
    serial_lake: Path,
    lake_content: Content,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = pipeline.lake.extract_answers

    def broken_in_october(lake: str, start: dt.date, end: dt.date, **kwargs: Any) -> Any:
        if start.month == 10:
            raise RuntimeError("engine exploded")  # not transient: no retry
        return real(lake, start, end, **kwargs)

    monkeypatch.setattr(pipeline.lake, "extract_answers", broken_in_october)
    state = backfill(return_state=True, lake=str(tmp_path), source=str(replay_slice), **RANGE)
    assert state.is_failed()
    assert "1 of 4 windows failed" in str(state.message)
    assert "2024-10-01..2024-10-31" in str(state.message)

    monkeypatch.setattr(pipeline.lake, "extract_answers", real)
    resumed = run_backfill(lake=str(tmp_path), source=str(replay_slice), **RANGE)
    assert [r.window for r in resumed.windows] == [MONTHS[1]]
    for name in TABLES:
        assert lake_content(tmp_path, name) == lake_content(serial_lake, name), name
