"""Flow commands: ``run`` (the nightly flow once), ``backfill`` and ``serve`` (deployments).

``run`` and ``backfill`` need no server: Prefect starts a temporary one for the run (ephemeral
mode); with ``PREFECT_API_URL`` set they report to that server instead. ``serve`` needs one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.cli.app import UserError, app

if TYPE_CHECKING:
    from flows.summary import RunSummary

console = Console()
err_console = Console(stderr=True)

LakeOption = Annotated[
    str | None,
    typer.Option("--lake", help="Lake root: a folder or object-store URL (default: data/lake)."),
]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="'api' (the Written Questions API) or a replay file/folder "
        "(default: the bundled sample in data/samples/).",
    ),
]
FromOption = Annotated[
    str | None, typer.Option("--from", help="First day of the window (YYYY-MM-DD).")
]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day of the window (YYYY-MM-DD).")]


def parse_day(value: str | None, option: str) -> dt.date | None:
    """``YYYY-MM-DD`` -> date (None stays None); else a :class:`UserError` naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"{option}: not a date (expected YYYY-MM-DD): {value!r}") from None


def require_day(value: str, option: str) -> dt.date:
    """:func:`parse_day` for a required option."""
    day = parse_day(value, option)
    if day is None:
        raise UserError(f"{option} is required")
    return day


def check_window(start: dt.date | None, end: dt.date | None) -> None:
    """Both ends or neither, in order; a :class:`UserError` otherwise."""
    if (start is None) != (end is None):
        raise UserError("give both --from and --to, or neither")
    if start is not None and end is not None and end < start:
        raise UserError(f"--to ({end}) is before --from ({start})")


def check_source(source: str | None) -> str | None:
    """``api``, an existing replay path, or None (the bundled sample)."""
    if source is None or source == "api":
        return source
    if not Path(source).exists():
        raise UserError(f"--source: no such file or folder: {source} (or use 'api')")
    return source


def check_dask(dask: str | None) -> str | None:
    """A parseable ``--dask`` value, or None."""
    if dask is None:
        return None
    from flows.runners import parse_dask_target

    try:
        parse_dask_target(dask)
    except ValueError as err:
        raise UserError(str(err)) from None
    return dask


def summary_tables(summary: RunSummary) -> list[Table]:
    """The run summary as rich tables: counts, new deadlines, deadline statuses, tables."""
    from flows.summary import WINDOW_COUNTS

    tables: list[Table] = []
    counts = Table(
        title=f"{summary.flow}: {summary.window or 'nothing to do'}", title_justify="left"
    )
    counts.add_column("what")
    counts.add_column("count", justify="right")
    for label, name in WINDOW_COUNTS:
        counts.add_row(label, str(summary.total(name)))
    if summary.skipped:
        counts.add_row("windows already complete (skipped)", str(len(summary.skipped)))
    counts.add_row("[bold]data rows written[/bold]", f"[bold]{summary.rows_changed}[/bold]")
    tables.append(counts)
    if summary.new_deadlines:
        new = Table(title="New commitments with due dates", title_justify="left")
        for column in ("due", "department", "commitment"):
            new.add_column(column, overflow="fold")
        for item in summary.new_deadlines[:10]:
            new.add_row(Text(item.due), Text(item.department or ""), Text(item.quote[:120]))
        if len(summary.new_deadlines) > 10:
            new.caption = (
                f"... and {len(summary.new_deadlines) - 10} more (see the Prefect artifact)"
            )
        tables.append(new)
    if summary.audit is not None:
        statuses = Table(
            title=f"Deadlines as of {summary.audit.as_of.isoformat()}", title_justify="left"
        )
        statuses.add_column("status")
        statuses.add_column("commitments", justify="right")
        for status, count in summary.audit.counts.items():
            statuses.add_row(status, str(count))
        tables.append(statuses)
    where = Table(title=f"Tables in {summary.lake}", title_justify="left")
    for column in ("table", "rows", "version", "path"):
        where.add_column(column, justify="right" if column in ("rows", "version") else "left")
    for info in summary.tables:
        if info.version >= 0:
            where.add_row(info.name, str(info.rows), str(info.version), info.path)
    tables.append(where)
    return tables


#: Prefect's message when its temporary local server does not answer within
#: ``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`` (20 s by default), which a slow or busy
#: machine can exceed.
EPHEMERAL_TIMEOUT = "Timed out while attempting to connect to ephemeral Prefect API server"


def failure_hint(err: BaseException) -> str | None:
    """What to do about a failure the user can fix by configuration, or None."""
    if EPHEMERAL_TIMEOUT in str(err):
        return (
            "Prefect's temporary server did not start in time; on a slow or busy machine set "
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS higher (default 20), or point "
            "PREFECT_API_URL at a running server (docs/operations.md)"
        )
    return None


def _fail(what: str, err: BaseException) -> None:
    """A failed flow as one plain line on stderr (no markup, no wrapping: the error text can
    quote answers or API bodies), and a second line with what to do when the cause is known."""
    message = " ".join(f"{type(err).__name__}: {err}".split())
    err_console.print(
        f"commitments: {what} failed: {message}", markup=False, highlight=False, soft_wrap=True
    )
    hint = failure_hint(err)
    if hint:
        err_console.print(f"commitments: {hint}", markup=False, highlight=False, soft_wrap=True)


def _print_summary(summary: RunSummary) -> None:
    from flows.summary import outcome

    for table in summary_tables(summary):
        console.print(table)
    console.print(outcome(summary), soft_wrap=True, markup=False)
    console.print(
        "Read them with [bold]pipeline.lake.read_table(name, lake=...)[/bold] "
        "or [bold]commitments tables[/bold]."
    )


@app.command()
def run(
    lake: LakeOption = None,
    source: SourceOption = None,
    start: FromOption = None,
    end: ToOption = None,
    n_process: Annotated[
        int,
        typer.Option("--n-process", min=1, help="Extraction processes: this one and N-1 workers."),
    ] = 1,
    audit: Annotated[
        bool, typer.Option("--audit/--no-audit", help="Compute the deadline snapshot.")
    ] = True,
) -> None:
    """Run the nightly flow once: ingest since the last run (or --from/--to), extract, audit.

    With no --source it replays the bundled sample (offline) into data/lake. No Prefect server
    is needed; with PREFECT_API_URL set, the run reports to that server.
    """
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    check_window(first, last)
    from flows.nightly import nightly

    try:
        summary = nightly(
            lake=lake,
            source=check_source(source),
            start=first,
            end=last,
            n_process=n_process,
            run_audit=audit,
        )
    except (UserError, FileNotFoundError):
        raise
    except Exception as err:
        _fail("run", err)
        raise typer.Exit(1) from None
    _print_summary(summary)


@app.command()
def backfill(
    start: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")],
    end: Annotated[str, typer.Option("--to", help="Last day (YYYY-MM-DD).")],
    lake: LakeOption = None,
    source: SourceOption = None,
    window_days: Annotated[
        int, typer.Option("--window-days", min=1, help="Longest window in days.")
    ] = 7,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Spread windows over Dask: a scheduler address (tcp://host:8786) or "
            "'local[:N]' for a temporary local cluster of N processes.",
        ),
    ] = None,
    max_workers: Annotated[
        int, typer.Option("--max-workers", min=1, help="Windows at once without --dask.")
    ] = 4,
    n_process: Annotated[
        int,
        typer.Option(
            "--n-process", min=1, help="Processes per extraction (N-1 workers; 1 with --dask)."
        ),
    ] = 1,
    rerun: Annotated[
        bool, typer.Option("--rerun", help="Redo windows that earlier runs completed.")
    ] = False,
) -> None:
    """Back-fill a date range window by window, in parallel; completed windows are skipped.

    Without --dask, windows share a thread pool in this process (extraction is CPU-bound: use
    --n-process for several cores, or --dask local:N for N worker processes).
    """
    first, last = require_day(start, "--from"), require_day(end, "--to")
    check_window(first, last)
    from flows.backfill import backfill as backfill_flow

    try:
        summary = backfill_flow(
            start=first,
            end=last,
            lake=lake,
            source=check_source(source),
            window_days=window_days,
            dask=check_dask(dask),
            max_workers=max_workers,
            n_process=n_process,
            rerun=rerun,
        )
    except (UserError, FileNotFoundError):
        raise
    except Exception as err:
        _fail("back-fill", err)
        raise typer.Exit(1) from None
    _print_summary(summary)


@app.command()
def serve(
    cron: Annotated[
        str, typer.Option("--cron", help="When the nightly run starts (cron expression).")
    ] = "0 2 * * *",
    timezone: Annotated[
        str, typer.Option("--timezone", help="Time zone the cron expression is read in.")
    ] = "Europe/London",
    lake: LakeOption = None,
    source: Annotated[
        str, typer.Option("--source", help="'api' or a replay file/folder the runs read.")
    ] = "api",
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Dask scheduler address or 'local[:N]' for back-fills."),
    ] = None,
    n_process: Annotated[
        int,
        typer.Option(
            "--n-process", min=1, help="Processes per extraction (the task and N-1 workers)."
        ),
    ] = 1,
    paused: Annotated[
        bool, typer.Option("--paused", help="Register the nightly schedule paused.")
    ] = False,
) -> None:
    """Serve the deployments: nightly on a cron schedule, backfill on demand.

    Needs a Prefect server (PREFECT_API_URL); runs flow runs in subprocesses until stopped.
    Trigger runs with `prefect deployment run nightly/scheduled` or
    `prefect deployment run backfill/on-demand --param start=... --param end=...`.
    """
    from flows.deploy import ServeError, ServeOptions, serve_deployments
    from flows.tasks import resolve_lake_root, resolve_source

    # Absolute paths: flow runs start in subprocesses that need not share this directory.
    options = ServeOptions(
        cron=cron,
        timezone=timezone,
        lake=resolve_lake_root(lake),
        source=resolve_source(check_source(source)),
        dask=check_dask(dask),
        n_process=n_process,
        paused=paused,
    )
    try:
        serve_deployments(options)
    except ServeError as err:
        raise UserError(str(err)) from None
