"""Deployments: the nightly schedule (02:00 Europe/London), the back-fill's parameters, and an
integration test against a real ``prefect server start``: serve the deployments in a
subprocess, trigger a run with ``prefect deployment run``, wait for Completed, read the Parquet
it wrote; every process started is stopped by its PID."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.deploy import (
    BACKFILL_DEPLOYMENT,
    NIGHTLY_DEPLOYMENT,
    ServeError,
    ServeOptions,
    backfill_deployment,
    nightly_deployment,
    nightly_schedule,
    serve_deployments,
)
from pipeline.lake import read_table

TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def test_nightly_schedule_is_two_in_the_morning_london_time() -> None:
    schedule = nightly_schedule()
    assert (schedule.cron, schedule.timezone) == ("0 2 * * *", "Europe/London")
    assert nightly_schedule("30 1 * * 1-5", "UTC").cron == "30 1 * * 1-5"


@pytest.mark.parametrize(
    ("cron", "timezone", "message"),
    [("61 2 * * *", "Europe/London", "invalid cron"), ("0 2 * * *", "Mars/Olympus", "time zone")],
)
def test_nightly_schedule_rejects_bad_settings(cron: str, timezone: str, message: str) -> None:
    with pytest.raises(ServeError, match=message):
        nightly_schedule(cron, timezone)


def test_nightly_deployment_runs_the_flow_on_its_schedule_one_at_a_time() -> None:
    deployment = nightly_deployment(ServeOptions(lake="/srv/lake", source="api", n_process=2))
    assert deployment.name == NIGHTLY_DEPLOYMENT
    assert deployment.entrypoint == "flows.nightly.nightly"  # importable from any directory
    [schedule] = deployment.schedules
    assert schedule.active
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 2 * * *", "Europe/London")
    assert deployment.parameters == {"lake": "/srv/lake", "source": "api", "n_process": 2}
    assert deployment.concurrency_limit == 1


def test_backfill_deployment_takes_its_range_per_run() -> None:
    deployment = backfill_deployment(ServeOptions(dask="tcp://10.0.0.5:8786"))
    assert deployment.name == BACKFILL_DEPLOYMENT
    assert deployment.entrypoint == "flows.backfill.backfill"
    assert deployment.schedules == []
    assert deployment.parameters["dask"] == "tcp://10.0.0.5:8786"
    assert set(deployment._parameter_openapi_schema.required or []) == {"start", "end"}


def test_serve_deployments_needs_a_server() -> None:
    with (
        temporary_settings(restore_defaults={PREFECT_API_URL}),
        pytest.raises(ServeError, match="PREFECT_API_URL"),
    ):
        serve_deployments(ServeOptions())


def _slice_ids(path: Path) -> set[int]:
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            value = json.loads(line)["value"]
        except json.JSONDecodeError:
            continue
        if value.get("dateAnswered"):
            ids.add(int(value["id"]))
    return ids


def _wait_for_run(server: Any, flow_run_id: str, log: Path) -> dict[str, object]:
    state: dict[str, object] = {}

    def finished() -> bool:
        nonlocal state
        state = server.get(f"/flow_runs/{flow_run_id}").json()["state"] or {}
        return state.get("type") in TERMINAL

    server.wait_until(finished, timeout=240, what=f"flow run {flow_run_id}", log=log)
    return state


@pytest.mark.integration
@pytest.mark.slow
def test_served_nightly_deployment_runs_on_a_real_server(
    prefect_server: Any, replay_slice: Path, tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    log = tmp_path / "serve.log"
    serve = prefect_server.spawn(
        [str(prefect_server.bin / "commitments"), "serve", "--lake", str(lake),
         "--source", str(replay_slice)],
        log=log,
        cwd=tmp_path,
    )  # fmt: skip
    deployment_path = f"/deployments/name/nightly/{NIGHTLY_DEPLOYMENT}"
    try:
        prefect_server.wait_until(
            lambda: prefect_server.get(deployment_path).status_code == 200,
            timeout=120,
            what="commitments serve",
            proc=serve,
            log=log,
        )
        deployment = prefect_server.get(deployment_path).json()
        [schedule] = deployment["schedules"]
        assert schedule["schedule"]["cron"] == "0 2 * * *"
        assert schedule["schedule"]["timezone"] == "Europe/London"

        triggered = prefect_server.run(
            [str(prefect_server.bin / "prefect"), "deployment", "run",
             f"nightly/{NIGHTLY_DEPLOYMENT}", "--param", "run_date=2025-01-01"],
            timeout=120,
        )  # fmt: skip
        assert triggered.returncode == 0, triggered.stdout + triggered.stderr
        match = re.search(r"UUID: ([0-9a-f-]{36})", triggered.stdout)
        assert match, triggered.stdout
        state = _wait_for_run(prefect_server, match.group(1), log)
        assert state["type"] == "COMPLETED", (state, log.read_text(errors="replace")[-4000:])

        # The Parquet files of the current table versions hold what the run wrote.
        commitments = DeltaTable(str(lake / "commitments"))
        parquet_rows = sum(pq.read_metadata(uri).num_rows for uri in commitments.file_uris())
        assert parquet_rows == commitments.count() == len(read_table("commitments", lake)) > 0
        answers = read_table("answers", lake)
        assert set(answers.id) == _slice_ids(replay_slice)
        runs = read_table("runs", lake)
        assert set(runs.status) == {"completed"} and set(runs.window_end) == {dt.date(2024, 12, 31)}
        artifacts = prefect_server.post(
            "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [match.group(1)]}}}
        ).json()
        assert "nightly-summary" in {a["key"] for a in artifacts}
    finally:
        prefect_server.stop(serve)
    assert serve.returncode is not None
    # pause_on_shutdown=False: stopping the server process leaves the schedule active.
    deployment = prefect_server.get(deployment_path).json()
    assert not deployment["paused"] and deployment["schedules"][0]["active"]


@pytest.mark.integration
@pytest.mark.slow
def test_python_m_flows_nightly_just_works(
    prefect_server: Any, replay_slice: Path, tmp_path: Path
) -> None:
    args = [str(prefect_server.bin / "python"), "-m", "flows.nightly"]
    args += ["--lake", str(tmp_path / "lake"), "--source", str(replay_slice)]
    first = prefect_server.run(args, cwd=tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "data rows written" in first.stdout
    second = prefect_server.run(args, cwd=tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "nothing to ingest, nothing new written" in second.stdout
