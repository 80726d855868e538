"""The nightly flow: everything answered or corrected since the last completed run, up to
yesterday; then the deadline snapshot as of today, and the run's artifacts.

Steps (each a task of :mod:`flows.tasks` over one library call): read the watermark from
``runs`` -> ingest the window (answered and corrected) -> extract -> compute the deadline
snapshot -> publish a Markdown summary, the new deadlines and the overdue list. When the lake is
already up to date through yesterday the run ingests nothing and says so; re-running a window
writes nothing new (keyed merges) and says so too.

``python -m flows.nightly`` runs it once with no server (Prefect's ephemeral mode), replaying
the bundled sample unless ``--source`` says otherwise; ``commitments run`` is the same with a
printed summary, and ``flows.deploy`` schedules it.
"""

from __future__ import annotations

import argparse
import datetime as dt

from prefect import flow, get_run_logger

from flows.summary import NewDeadline, QuarantinedRecord, RunSummary, WindowReport, outcome
from flows.tasks import (
    API_SOURCE,
    audit,
    audit_available,
    ensure_api_concurrency_limit,
    extract,
    ingest,
    new_deadlines,
    prepare_lake,
    publish,
    quarantined_records,
    read_watermark,
    resolve_lake_root,
    resolve_source,
    scan_start,
    source_first_day,
    table_locations,
    window_report,
)
from flows.windows import explicit_window, nightly_window


@flow(name="nightly", validate_parameters=True)
def nightly(
    lake: str | None = None,
    source: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    run_date: dt.date | None = None,
    n_process: int = 1,
    run_audit: bool = True,
) -> RunSummary:
    """Ingest, extract and audit everything new since the last completed run.

    Args:
        lake: Lake root (path or URL); the configured one (``PCT_LAKE``, ``data/lake``) when None.
        source: ``api``, or a replay file or folder; the bundled sample when None.
        start: First day of an explicit window (with ``end``), instead of the watermark.
        end: Last day of an explicit window.
        run_date: The date the run is for (today when None): the window ends the day before,
            and deadlines are audited as of this date.
        n_process: Processes that run the extraction (``extract_batch``).
        run_audit: Compute the deadline snapshot (when the audit module is installed).

    Returns:
        What the run did; its one-line outcome is also logged.
    """
    logger = get_run_logger()
    lake_root = resolve_lake_root(lake)
    src = resolve_source(source)
    today = run_date or dt.date.today()
    window = explicit_window(start, end)
    watermark = read_watermark(lake_root, src)
    if window is None:
        first_day = source_first_day(src) if watermark is None else None
        window = nightly_window(watermark.end if watermark else None, today, first_day=first_day)

    reports: tuple[WindowReport, ...] = ()
    deadlines: tuple[NewDeadline, ...] = ()
    quarantine: tuple[QuarantinedRecord, ...] = ()
    if window is not None:
        logger.info("window %s from %s into %s", window, src, lake_root)
        if src == API_SOURCE:
            ensure_api_concurrency_limit()
        prepare_lake(lake_root)  # a first window with no answers still leaves readable tables
        since = scan_start()
        ingested = ingest(src, window, lake_root)
        extracted = extract(lake_root, window, n_process)
        reports = (window_report(ingested, extracted),)
        deadlines = new_deadlines(lake_root, [extracted.run_id], since)
        quarantine = quarantined_records(lake_root, [ingested.run_id, extracted.run_id])

    audit_report = None
    if run_audit and audit_available():
        audit_report = audit(lake_root, today)
    elif run_audit:
        logger.info("no audit module installed: deadline snapshot skipped")

    summary = RunSummary(
        flow="nightly",
        lake=lake_root,
        source=src,
        window=window,
        watermark=watermark,
        windows=reports,
        new_deadlines=deadlines,
        quarantined=quarantine,
        audit=audit_report,
        tables=table_locations(lake_root),
    )
    publish(summary)
    logger.info(outcome(summary))
    return summary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m flows.nightly", description=__doc__)
    parser.add_argument("--lake", default=None, help="lake root (default: data/lake)")
    parser.add_argument("--source", default=None, help="'api' or a replay file/folder")
    parser.add_argument("--from", dest="start", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--to", dest="end", type=dt.date.fromisoformat, default=None)
    parser.add_argument(
        "--n-process", type=int, default=1, help="processes per extraction (N-1 workers)"
    )
    return parser


def main(argv: list[str] | None = None) -> RunSummary:
    """Run the nightly flow once from the command line and print its outcome."""
    args = _parser().parse_args(argv)
    summary = nightly(
        lake=args.lake, source=args.source, start=args.start, end=args.end, n_process=args.n_process
    )
    print(outcome(summary))
    return summary


if __name__ == "__main__":
    main()
