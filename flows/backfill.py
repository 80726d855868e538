"""The back-fill flow: a date range split into windows, processed in parallel, resumable.

The range is split into windows of at most ``window_days`` days that never straddle a calendar
month (:func:`flows.windows.split_windows`), so parallel windows write different answer-month
partitions. Windows that an earlier run completed (ingested from the same source *and*
extracted, per the ``runs`` table) are skipped, so a back-fill that failed or was stopped is
resumed by running it again. Each remaining window is an ingest task followed by an extract
task, submitted to the task runner chosen by ``dask`` (:mod:`flows.runners`): a thread pool by
default, or a Dask cluster (an existing scheduler, or a temporary ``LocalCluster``).

``python -m flows.backfill --from 2024-01-01 --to 2024-06-30 [--dask local:2]`` runs it once;
``commitments backfill`` is the same with a printed summary; ``flows.deploy`` serves it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture, wait

from flows.api import shared_api
from flows.runners import make_task_runner
from flows.summary import RunSummary, WindowReport, outcome
from flows.tasks import (
    API_SOURCE,
    ensure_api_concurrency_limit,
    extract,
    finished_windows,
    ingest,
    new_deadlines,
    prepare_lake,
    publish,
    quarantined_records,
    resolve_lake_root,
    resolve_source,
    scan_start,
    table_locations,
    window_report,
)
from flows.windows import split_windows
from pipeline.ingest.window import Window

DEFAULT_WINDOW_DAYS = 7


class BackfillError(RuntimeError):
    """Some windows failed after their retries; the others are complete and will be skipped
    when the back-fill is run again."""


@flow(name="backfill-windows")
def process_windows(
    source: str, windows: list[Window], lake: str, n_process: int = 1
) -> tuple[list[WindowReport], list[str]]:
    """Ingest then extract each window, windows in parallel on this flow's task runner.

    Returns:
        The reports of the windows that completed, in date order, and one message per window
        that failed.
    """
    submitted: list[tuple[Window, PrefectFuture, PrefectFuture]] = []
    for window in windows:
        ingested = ingest.submit(source, window, lake)
        extracted = extract.submit(lake, window, n_process, wait_for=[ingested])  # type: ignore[call-overload]
        submitted.append((window, ingested, extracted))
    wait([f for _, i, e in submitted for f in (i, e)])
    reports: list[WindowReport] = []
    failures: list[str] = []
    for window, ingested, extracted in submitted:
        if ingested.state.is_completed() and extracted.state.is_completed():
            reports.append(window_report(ingested.result(), extracted.result()))
        else:
            state = ingested.state if not ingested.state.is_completed() else extracted.state
            failures.append(f"{window}: {state.name}: {state.message}")
    return reports, failures


@flow(name="backfill", validate_parameters=True)
def backfill(
    start: dt.date,
    end: dt.date,
    lake: str | None = None,
    source: str | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    dask: str | None = None,
    max_workers: int = 4,
    n_process: int = 1,
    rerun: bool = False,
) -> RunSummary:
    """Back-fill ``start``..``end`` window by window; windows already complete are skipped.

    Args:
        start: First day.
        end: Last day (included).
        lake: Lake root; the configured one when None.
        source: ``api``, or a replay file or folder; the bundled sample when None.
        window_days: Longest window, in days (windows also end at month ends).
        dask: A Dask scheduler address or ``local[:N]`` (see :mod:`flows.runners`); a thread
            pool of ``max_workers`` when None.
        max_workers: Threads of the default thread pool.
        n_process: Processes per extraction (``extract_batch``; keep 1 on Dask: its workers are
            daemon processes and cannot start their own).
        rerun: Process every window, even those an earlier run completed.

    Raises:
        BackfillError: When windows failed after their retries (after the others completed
            and the artifacts were published).
    """
    logger = get_run_logger()
    lake_root = resolve_lake_root(lake)
    src = resolve_source(source)
    whole = Window(start, end)
    windows = split_windows(whole, window_days)
    done = set() if rerun else set(finished_windows(lake_root, src))
    todo = [w for w in windows if w not in done]
    skipped = tuple(w for w in windows if w in done)
    logger.info(
        "%s: %d windows, %d already complete, %d to do",
        whole,
        len(windows),
        len(skipped),
        len(todo),
    )
    reports: list[WindowReport] = []
    failures: list[str] = []
    since = scan_start()
    if todo:
        if src == API_SOURCE:
            ensure_api_concurrency_limit()
        prepare_lake(lake_root)
        runner = make_task_runner(dask, max_workers=max_workers)
        # Dask workers must report to the API this run uses (not start servers of their own).
        with shared_api() if dask else contextlib.nullcontext():
            reports, failures = process_windows.with_options(task_runner=runner)(
                src, todo, lake_root, n_process
            )
    summary = RunSummary(
        flow="backfill",
        lake=lake_root,
        source=src,
        window=whole,
        windows=tuple(reports),
        skipped=skipped,
        new_deadlines=new_deadlines(lake_root, [r.extract_run for r in reports], since),
        quarantined=quarantined_records(
            lake_root, [run for r in reports for run in (r.ingest_run, r.extract_run)]
        ),
        tables=table_locations(lake_root),
    )
    publish(summary)
    logger.info(outcome(summary))
    if failures:
        raise BackfillError(
            f"{len(failures)} of {len(todo)} windows failed (run the back-fill again to resume): "
            + "; ".join(failures)
        )
    return summary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m flows.backfill", description=__doc__)
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, required=True)
    parser.add_argument("--lake", default=None, help="lake root (default: data/lake)")
    parser.add_argument("--source", default=None, help="'api' or a replay file/folder")
    parser.add_argument("--window-days", type=int, default=DEFAULT_WINDOW_DAYS)
    parser.add_argument("--dask", default=None, help="scheduler address or local[:N]")
    parser.add_argument("--max-workers", type=int, default=4, help="threads without Dask")
    parser.add_argument(
        "--n-process", type=int, default=1, help="processes per extraction (N-1 workers)"
    )
    parser.add_argument("--rerun", action="store_true", help="redo completed windows too")
    return parser


def main(argv: list[str] | None = None) -> RunSummary:
    """Run the back-fill once from the command line and print its outcome."""
    args = _parser().parse_args(argv)
    summary = backfill(
        start=args.start,
        end=args.end,
        lake=args.lake,
        source=args.source,
        window_days=args.window_days,
        dask=args.dask,
        max_workers=args.max_workers,
        n_process=args.n_process,
        rerun=args.rerun,
    )
    print(outcome(summary))
    return summary


if __name__ == "__main__":
    main()
