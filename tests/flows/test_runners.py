"""The task-runner option: a thread pool, an existing Dask scheduler, or a local Dask cluster."""

from __future__ import annotations

import pytest
from prefect.task_runners import ThreadPoolTaskRunner

from flows.runners import DaskTarget, make_task_runner, parse_dask_target


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("local", DaskTarget(address=None, local_workers=2)),
        ("local:3", DaskTarget(address=None, local_workers=3)),
        ("tcp://10.0.0.5:8786", DaskTarget(address="tcp://10.0.0.5:8786")),
        ("10.0.0.5:8786", DaskTarget(address="tcp://10.0.0.5:8786")),
        (" tls://scheduler.internal:8786 ", DaskTarget(address="tls://scheduler.internal:8786")),
    ],
)
def test_parse_dask_target_accepts_addresses_and_local(value: str, expected: DaskTarget) -> None:
    assert parse_dask_target(value) == expected


@pytest.mark.parametrize("value", ["", "local:0", "local:two", "local:-1", "scheduler"])
def test_parse_dask_target_rejects_garbage(value: str) -> None:
    with pytest.raises(ValueError, match="--dask"):
        parse_dask_target(value)


def test_make_task_runner_defaults_to_a_thread_pool() -> None:
    runner = make_task_runner(None, max_workers=3)
    assert isinstance(runner, ThreadPoolTaskRunner)


def test_make_task_runner_connects_to_a_scheduler_address() -> None:
    from prefect_dask import DaskTaskRunner

    runner = make_task_runner("tcp://127.0.0.1:8786")
    assert isinstance(runner, DaskTaskRunner)
    assert runner.address == "tcp://127.0.0.1:8786"


def test_make_task_runner_starts_a_local_cluster_of_n_processes() -> None:
    from prefect_dask import DaskTaskRunner

    runner = make_task_runner("local:2")
    assert isinstance(runner, DaskTaskRunner)
    assert runner.address is None
    assert runner.cluster_kwargs["n_workers"] == 2
    assert runner.cluster_kwargs["processes"] is True
