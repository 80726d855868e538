"""Where a flow's tasks run: a thread pool on this machine, or a Dask cluster.

``--dask`` (a flow parameter and a CLI option) takes one string:

- ``tcp://10.0.0.5:8786`` (or ``10.0.0.5:8786``): an existing Dask scheduler. Every worker must
  be able to import this package and reach the lake, and driver and workers must share one
  Prefect server (set ``PREFECT_API_URL`` for all of them), otherwise each worker starts its own
  temporary server on the same SQLite file.
- ``local`` or ``local:N``: a temporary ``distributed.LocalCluster`` of N single-threaded worker
  processes (2 by default) started for the run and torn down after it.

Without it, tasks run on a thread pool in the flow's process; on one machine the engine's own
``nlp.pipe(n_process=...)`` is the way to use several cores.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

LOCAL_PREFIX = "local"
DEFAULT_LOCAL_WORKERS = 2


@dataclass(frozen=True, slots=True)
class DaskTarget:
    """A parsed ``--dask`` value.

    Attributes:
        address: Scheduler address of an existing cluster, or None for a temporary local one.
        local_workers: Worker processes of the temporary local cluster (0 with an address).
    """

    address: str | None
    local_workers: int = 0


def parse_dask_target(value: str) -> DaskTarget:
    """Parse a ``--dask`` value (``local``, ``local:N``, ``tcp://host:port``, ``host:port``).

    Raises:
        ValueError: When the value is empty, or ``local:N`` does not give a positive integer.
    """
    value = value.strip()
    if not value:
        raise ValueError("--dask: expected a scheduler address or 'local[:N]', got an empty value")
    if value == LOCAL_PREFIX or value.startswith(LOCAL_PREFIX + ":"):
        _, _, count = value.partition(":")
        try:
            workers = int(count) if count else DEFAULT_LOCAL_WORKERS
        except ValueError:
            workers = 0
        if workers < 1:
            raise ValueError(f"--dask: expected 'local:N' with N a positive integer, got {value!r}")
        return DaskTarget(address=None, local_workers=workers)
    if "://" not in value and ":" not in value:
        raise ValueError(
            f"--dask: expected a scheduler address (tcp://host:port) or 'local[:N]', got {value!r}"
        )
    return DaskTarget(address=value if "://" in value else f"tcp://{value}")


def make_task_runner(dask: str | None = None, *, max_workers: int = 4) -> TaskRunner[Any]:
    """The task runner for a flow run.

    Args:
        dask: A ``--dask`` value (see the module docstring), or None for a thread pool.
        max_workers: Threads of the thread pool (ignored with Dask).

    Raises:
        ValueError: When ``dask`` cannot be parsed.
    """
    if dask is None:
        return ThreadPoolTaskRunner(max_workers=max_workers)
    from prefect_dask import DaskTaskRunner  # optional dependency: the [dask] extra

    target = parse_dask_target(dask)
    if target.address is not None:
        return DaskTaskRunner(address=target.address)
    return DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={
            "n_workers": target.local_workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        },
    )
