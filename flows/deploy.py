"""Deployments: ``nightly`` on a cron schedule and ``backfill`` on demand, served by one process.

``python -m flows.deploy`` (or ``commitments serve``) registers both deployments with the Prefect
server named by ``PREFECT_API_URL`` and runs their flow runs in subprocesses of this process
until it is stopped. Scheduled runs need the process to be running; the schedule stays active
when it stops (``pause_on_shutdown=False``) so a restart picks up where it left off. See
``docs/operations.md`` for how the data team starts it and triggers runs.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron, Schedule
from prefect.types.entrypoint import EntrypointType

from flows.api import configured_api_url

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TIMEZONE = "Europe/London"
NIGHTLY_DEPLOYMENT = "scheduled"
BACKFILL_DEPLOYMENT = "on-demand"
TAGS = ("commitments",)


class ServeError(RuntimeError):
    """The deployments cannot be served as configured (no server, bad schedule)."""


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """How the deployments are scheduled and what their runs read and write.

    Attributes:
        cron: Cron expression of the nightly run.
        timezone: IANA time zone the cron expression is read in (Prefect's default is UTC).
        lake: Lake root the runs write to; the configured default when None.
        source: ``api`` or a replay file/folder the runs read.
        dask: ``--dask`` value for back-fill runs (see :mod:`flows.runners`), or None.
        n_process: Processes per extraction (``extract_batch``).
        paused: Register the nightly schedule paused.
        limit: Most flow runs this process runs at once (None: no limit).
        extra_parameters: Further default parameters of the nightly deployment.
    """

    cron: str = DEFAULT_CRON
    timezone: str = DEFAULT_TIMEZONE
    lake: str | None = None
    source: str = "api"
    dask: str | None = None
    n_process: int = 1
    paused: bool = False
    limit: int | None = None
    extra_parameters: dict[str, Any] = field(default_factory=dict)


def nightly_schedule(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE) -> Schedule:
    """The nightly run's schedule: ``cron`` read in ``timezone`` (so 02:00 stays 02:00 local
    time across daylight-saving changes).

    Raises:
        ServeError: When the cron expression or the time zone is not valid.
    """
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ServeError(f"unknown time zone {timezone!r} (expected e.g. Europe/London)") from err
    try:
        return Cron(cron, timezone=timezone)
    except ValueError as err:
        raise ServeError(f"invalid cron expression {cron!r} (expected e.g. '0 2 * * *')") from err


def nightly_deployment(options: ServeOptions) -> RunnerDeployment:
    """The ``nightly/scheduled`` deployment: one run a night, never two at once."""
    from flows.nightly import nightly

    deployment = nightly.to_deployment(
        name=NIGHTLY_DEPLOYMENT,
        schedules=[nightly_schedule(options.cron, options.timezone)],
        paused=options.paused,
        parameters={
            "lake": options.lake,
            "source": options.source,
            "n_process": options.n_process,
            **options.extra_parameters,
        },
        concurrency_limit=1,
        description="Ingest, extract and audit everything answered since the last completed run.",
        tags=list(TAGS),
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    return cast(RunnerDeployment, deployment)  # sync call: never the coroutine variant


def backfill_deployment(options: ServeOptions) -> RunnerDeployment:
    """The ``backfill/on-demand`` deployment: unscheduled, ``start`` and ``end`` given per run."""
    from flows.backfill import backfill

    deployment = backfill.to_deployment(
        name=BACKFILL_DEPLOYMENT,
        parameters={
            "lake": options.lake,
            "source": options.source,
            "dask": options.dask,
            "n_process": options.n_process,
        },
        description="Back-fill a date range, window by window; finished windows are skipped.",
        tags=list(TAGS),
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
    return cast(RunnerDeployment, deployment)  # sync call: never the coroutine variant


def serve_deployments(options: ServeOptions) -> None:
    """Register both deployments and run their flow runs until interrupted.

    Raises:
        ServeError: When the schedule is invalid, or no Prefect server is configured
            (``PREFECT_API_URL`` unset): a temporary server would vanish with this process,
            and nothing could trigger runs.
    """
    deployments = [nightly_deployment(options), backfill_deployment(options)]
    if not configured_api_url():
        raise ServeError(
            "serving deployments needs a Prefect server: start one with `prefect server start` "
            "and set PREFECT_API_URL (e.g. http://127.0.0.1:4200/api)"
        )
    serve(*deployments, pause_on_shutdown=False, limit=options.limit)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m flows.deploy", description=__doc__)
    parser.add_argument("--cron", default=DEFAULT_CRON, help="nightly schedule (cron)")
    parser.add_argument("--timezone", default=DEFAULT_TIMEZONE, help="time zone of --cron")
    parser.add_argument("--lake", default=None, help="lake root (default: configured)")
    parser.add_argument("--source", default="api", help="'api' or a replay file/folder")
    parser.add_argument("--dask", default=None, help="Dask scheduler address or local[:N]")
    parser.add_argument(
        "--n-process", type=int, default=1, help="processes per extraction (N-1 workers)"
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point of ``python -m flows.deploy``."""
    args = _parser().parse_args(argv)
    try:
        serve_deployments(
            ServeOptions(
                cron=args.cron,
                timezone=args.timezone,
                lake=args.lake,
                source=args.source,
                dask=args.dask,
                n_process=args.n_process,
            )
        )
    except ServeError as err:
        raise SystemExit(f"flows.deploy: error: {err}") from err


if __name__ == "__main__":
    main()
