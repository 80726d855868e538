"""Lake commands: ``ingest``, ``extract``, ``tables``, ``runs`` and ``export`` (thin, over
pipeline.lake)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from pipeline.cli.app import UserError, app
from pipeline.ingest.client import DETAIL_POLICIES, ApiError, ClientConfig
from pipeline.ingest.window import parse_day
from pipeline.lake.io import Lake, LakeError, LakeStorageError, WriteResult, resolve_lake
from pipeline.settings import PROJECT_ROOT, SettingsError, get_settings, positive_minutes

console = Console()
err_console = Console(stderr=True)

LakeOption = Annotated[
    str | None,
    typer.Option(
        "--lake",
        help="Lake root: a folder (default data/lake, or $PCT_LAKE) or an object-store URL.",
        show_default=False,
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option("--from", help="First day of the window, YYYY-MM-DD (answered or corrected)."),
]
ToOption = Annotated[
    str | None, typer.Option("--to", help="Last day of the window, YYYY-MM-DD (included).")
]
StaleOption = Annotated[
    float | None,
    typer.Option(
        "--stale-after",
        help="Minutes without a heartbeat after which a `running` run is marked abandoned "
        "(a run whose process is gone from this machine is marked at once). "
        "Default: $PCT_STALE_AFTER_MINUTES, else 30.",
        show_default=False,
    ),
]


def _stale_after(minutes: float | None) -> dt.timedelta:
    """The staleness limit: ``--stale-after`` when given, else the configured one.

    Raises:
        UserError: When the option or ``PCT_STALE_AFTER_MINUTES`` is not a positive number.
    """
    try:
        if minutes is None:
            return get_settings().stale_after
        return positive_minutes(minutes, name="--stale-after")
    except SettingsError as err:
        raise UserError(str(err)) from err


def _mark_abandoned(target: Lake, stale_minutes: float | None) -> None:
    """Mark dead runs ``abandoned`` and say so on stderr (one line each).

    On a lake this user may read but not write, the dead runs are only named (and a lake that
    cannot be read raises, for the command to report).

    Args:
        target: The lake.
        stale_minutes: ``--stale-after``; None for the configured limit.
    """
    from pipeline.lake.jobs import mark_abandoned_runs

    stale_after = _stale_after(stale_minutes)
    try:
        marked = mark_abandoned_runs(target, stale_after=stale_after)
        verb = "marked"
    except (LakeError, LakeStorageError) as err:
        marked = mark_abandoned_runs(target, stale_after=stale_after, record=False)
        verb = "found (not recorded)"
        err_console.print(f"cannot record abandoned runs: {err}", markup=False, soft_wrap=True)
    for run in marked:
        err_console.print(
            f"run {run.run_id} {verb} abandoned: {run.reason}", markup=False, soft_wrap=True
        )


def _day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as err:
        raise UserError(f"{option}: {err}") from err


def _window(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    first, last = _day(start, "--from"), _day(end, "--to")
    if (first is None) != (last is None):
        raise UserError("give both --from and --to, or neither")
    if first is not None and last is not None and last < first:
        raise UserError(f"--to ({last}) is before --from ({first})")
    return first, last


def _lake(root: str | None) -> str:
    """The lake root as given (a folder or an object-store URL, kept as typed), or the
    configured one. (Not a ``Path``: that would turn ``s3://bucket/lake`` into the local
    folder ``s3:/bucket/lake``.)"""
    if root is not None:
        return root
    try:
        return get_settings().lake
    except SettingsError as err:
        raise UserError(str(err)) from err


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int | None], None]]:
    """A rich progress bar on stderr; yields the jobs' progress hook."""
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    # No bar when stderr is not a terminal (nightly logs, pipes): it would only leave a blank
    # line before an error message.
    disable = not err_console.is_terminal
    with Progress(*columns, console=err_console, transient=True, disable=disable) as progress:
        task = progress.add_task(label, total=None)

        def hook(advance: int, total: int | None) -> None:
            if total is not None:
                progress.update(task, total=total)
            progress.advance(task, advance)

        yield hook


def _writes_table(title: str, writes: tuple[WriteResult, ...]) -> Table:
    """One line per table: its version after the run, commits made and rows changed."""
    totals: dict[str, list[int]] = {}
    paths: dict[str, str] = {}
    for w in writes:
        if w.table == "runs":
            continue
        total = totals.setdefault(w.table, [0, 0, 0, 0, 0, 0])
        total[0] = w.version
        total[1] += 1
        for i, value in enumerate(
            (w.rows_source, w.rows_inserted, w.rows_updated, w.rows_deleted), 2
        ):
            total[i] += value
        paths[w.table] = w.path
    table = Table(title=title)
    for column in (
        "table",
        "version",
        "writes",
        "rows in",
        "inserted",
        "updated",
        "deleted",
        "path",
    ):
        table.add_column(column, justify="left" if column in ("table", "path") else "right")
    for name, total in totals.items():
        table.add_row(name, *(str(v) for v in total), paths[name])
    return table


@app.command()
def ingest(
    start: FromOption = None,
    end: ToOption = None,
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help="`api` (the Written Questions API; needs --from/--to) or a replay path: an "
            "API-shaped JSONL(.gz)/JSON file, a raw archive, a page-text .txt, or a folder.",
        ),
    ] = "api",
    lake: LakeOption = None,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive", help="Raw archive root for API responses (default data/archive)."
        ),
    ] = None,
    detail: Annotated[
        str,
        typer.Option(
            "--detail",
            help="API: fetch each detail `always`, only when the list `clipped` it, or `never`.",
        ),
    ] = "always",
    house: Annotated[
        str | None, typer.Option("--house", help="API: Commons or Lords (both when omitted).")
    ] = None,
    answering_body: Annotated[
        list[int] | None,
        typer.Option("--answering-body", help="API: answering body id to keep (repeatable)."),
    ] = None,
    rate: Annotated[
        float,
        typer.Option("--rate", min=0.1, max=10.0, help="API: requests per second (at most 10)."),
    ] = 10.0,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Answer rows per Delta commit.")
    ] = 2000,
) -> None:
    """Read answers (API or replay files) for a window into the lake's answers table."""
    from pipeline.lake.jobs import ingest_window

    first, last = _window(start, end)
    if source == "api":
        if first is None:
            raise UserError("the API source needs a window: --from YYYY-MM-DD --to YYYY-MM-DD")
        if detail not in DETAIL_POLICIES:
            raise UserError(f"--detail must be one of {', '.join(DETAIL_POLICIES)}, got {detail!r}")
        try:
            config = ClientConfig(
                detail=detail,  # type: ignore[arg-type]
                house=house,
                answering_bodies=tuple(answering_body or ()),
                requests_per_second=rate,
            )
        except ValueError as err:
            raise UserError(str(err)) from err
        from pipeline.ingest.sources import ApiSource

        src: ApiSource | Path = ApiSource(config)
    else:
        src = Path(source)
        if not src.exists():
            raise UserError(f"--source: no such file or folder: {src}")
    try:
        with _progress(f"ingesting from {source}") as hook:
            result = ingest_window(
                src,
                first,
                last,
                lake=_lake(lake),
                archive=archive,
                batch_size=batch_size,
                progress=hook,
            )
    except (ApiError, LakeError, LakeStorageError, ValueError) as err:
        raise UserError(str(err)) from err
    summary = Table(title=f"ingest {result.run_id} ({result.window or 'everything'})")
    summary.add_column("what")
    summary.add_column("count", justify="right")
    for label, value in (
        ("records read", result.records_read),
        ("answer versions inserted", result.answers_inserted),
        ("upgraded (list item -> detail)", result.answers_upgraded),
        ("unchanged", result.answers_unchanged),
        ("skipped: unanswered", result.skipped_unanswered),
        ("skipped: outside the window", result.skipped_out_of_window),
        ("quarantined", result.quarantined),
    ):
        summary.add_row(label, str(value))
    console.print(summary)
    console.print(_writes_table("writes", result.writes))
    if result.unknown_fields:
        fields = ", ".join(f"{k} ({v})" for k, v in result.unknown_fields.items())
        console.print(f"unknown API fields kept out of the tables: {fields}", markup=False)
    if result.archive_path:
        console.print(f"raw archive: {result.archive_path}")
    console.print(f"done in {result.duration_s:.1f} s")


@app.command()
def extract(
    start: FromOption = None,
    end: ToOption = None,
    lake: LakeOption = None,
    n_process: Annotated[
        int,
        typer.Option("--n-process", min=1, help="Extraction processes: this one and N-1 workers."),
    ] = 1,
    write_every: Annotated[
        int, typer.Option("--write-every", min=1, help="Answer versions per Delta commit.")
    ] = 500,
) -> None:
    """Run the engine over ingested answers (all, or given/corrected in a window) into the
    commitments, time_expressions and quantities tables."""
    from pipeline.lake.jobs import extract_answers

    first, last = _window(start, end)
    try:
        with _progress("extracting") as hook:
            result = extract_answers(
                _lake(lake),
                first,
                last,
                n_process=n_process,
                write_every=write_every,
                progress=hook,
            )
    except (LakeError, LakeStorageError, ValueError) as err:
        raise UserError(str(err)) from err
    summary = Table(title=f"extract {result.run_id} ({result.window or 'every answer'})")
    summary.add_column("what")
    summary.add_column("count", justify="right")
    for label, value in (
        ("answer versions selected", result.answers_selected),
        ("extracted", result.answers_extracted),
        ("skipped: clipped list views", result.skipped_clipped),
        ("quarantined (engine failed)", result.quarantined),
        ("commitments", result.commitments),
        ("time expressions", result.time_expressions),
        ("quantities", result.quantities),
    ):
        summary.add_row(label, str(value))
    console.print(summary)
    console.print(_writes_table("writes", result.writes))
    console.print(f"extractor {result.extractor_version}; done in {result.duration_s:.1f} s")


@app.command()
def tables(
    lake: LakeOption = None,
    compact: Annotated[
        bool,
        typer.Option(
            "--compact",
            help="First rewrite each table's small files into fewer large ones (Delta OPTIMIZE; "
            "rows unchanged, history kept).",
        ),
    ] = False,
    stale_after: StaleOption = None,
) -> None:
    """Each table's row count, Delta version, files and path (dead runs marked abandoned)."""
    from pipeline.lake.io import compact_table
    from pipeline.lake.jobs import lake_tables, last_completed_window

    target = resolve_lake(_lake(lake))
    try:  # an unreachable object store is one readable line, not a traceback
        _mark_abandoned(target, stale_after)
        if compact:
            existing = [info.name for info in lake_tables(target) if info.exists]
            with _progress("compacting") as hook:
                for name in existing:
                    result = compact_table(name, target)
                    hook(1, len(existing))
                    if result.files_removed:
                        console.print(
                            f"{name}: {result.files_removed} files into {result.files_added}"
                        )
        infos = lake_tables(target)
        watermark = last_completed_window(target)
    except (LakeError, LakeStorageError) as err:
        raise UserError(str(err)) from err
    table = Table(title=f"lake {target.root}")
    for column in ("table", "rows", "version", "files", "schema", "extractor", "path"):
        table.add_column(
            column, justify="right" if column in ("rows", "version", "files") else "left"
        )
    for info in infos:
        if not info.exists:
            table.add_row(info.name, "-", "-", "-", "-", "-", f"{info.path} (not written yet)")
            continue
        table.add_row(
            info.name, str(info.rows), str(info.version), str(info.files),
            info.schema_version or "-", info.extractor_version or "-", info.path,
        )  # fmt: skip
    console.print(table)
    console.print(f"last completed ingest window: {watermark or 'none'}")


@app.command()
def runs(
    lake: LakeOption = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="How many runs to show, newest first.")
    ] = 20,
    stale_after: StaleOption = None,
) -> None:
    """The latest ingest and extract runs: status, window, times, host and process, error.

    First marks `running` runs that died (killed, out of memory, machine lost) as abandoned:
    their process is gone from this machine, or they wrote no heartbeat for --stale-after.
    """
    import pyarrow.compute as pc

    from pipeline.lake.io import open_table, read_arrow

    target = resolve_lake(_lake(lake))
    if target.is_local and not Path(target.root.removeprefix("file://")).is_dir():
        raise UserError(f"--lake: no lake at {target.root} (no such folder)")
    try:
        _mark_abandoned(target, stale_after)
        if open_table("runs", target) is None:
            console.print(f"no runs recorded in {target.root}")
            return
        data = read_arrow("runs", target)
    except (LakeError, LakeStorageError) as err:
        raise UserError(str(err)) from err
    order = pc.sort_indices(data, [("started_at", "descending"), ("run_id", "descending")])
    rows = data.take(order[:limit]).to_pylist()
    table = Table(title=f"runs in {target.root} (latest {len(rows)} of {data.num_rows})")
    for column in ("run", "kind", "status", "window", "started", "heartbeat", "host:pid", "error"):
        table.add_column(column, overflow="fold")
    for row in rows:
        window = (
            f"{row['window_start'] or row['window_end']} to {row['window_end']}"
            if row["window_end"]
            else "everything"
        )
        # Rows of schema 1 have no host, pid or updated_at.
        heartbeat = row.get("updated_at") or row["finished_at"]
        table.add_row(
            row["run_id"], row["kind"], row["status"], window, _cell(row["started_at"]),
            _cell(heartbeat), f"{row.get('host') or '?'}:{row.get('pid') or '?'}",
            _cell(row["error"]),
        )  # fmt: skip
    console.print(table)


def _cell(value: object) -> str:
    """A value as a table cell: times to the second, None as '-'."""
    if value is None:
        return "-"
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}"
    return str(value)


@app.command()
def export(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Folder for <table>.parquet snapshots (default data/out)."
        ),
    ] = None,
    lake: LakeOption = None,
    table: Annotated[
        list[str] | None,
        typer.Option("--table", help="Table to export (repeatable); all when omitted."),
    ] = None,
    all_versions: Annotated[
        bool,
        typer.Option(
            "--all-versions/--current-only",
            help="Keep superseded answer versions (default: each question's current version only).",
        ),
    ] = False,
) -> None:
    """Write single-file Parquet snapshots of the tables (atomic; with licence metadata)."""
    from pipeline.lake.jobs import export_lake
    from pipeline.lake.schemas import TABLES

    unknown = [t for t in table or [] if t not in TABLES]
    if unknown:
        raise UserError(f"--table: no table {', '.join(unknown)}; tables: {', '.join(TABLES)}")
    out_dir = out or (PROJECT_ROOT / "data" / "out")
    try:
        with _progress("exporting") as hook:
            results = export_lake(out_dir, _lake(lake), tables=table, current_only=not all_versions)
            hook(len(results), len(results))
    except (LakeError, LakeStorageError) as err:
        raise UserError(str(err)) from err
    summary = Table(title=f"export to {out_dir}")
    for column in ("table", "rows", "delta version", "current only", "file"):
        summary.add_column(
            column, justify="right" if column in ("rows", "delta version") else "left"
        )
    for r in results:
        summary.add_row(
            r.table, str(r.rows), str(r.delta_version), str(r.current_only).lower(), str(r.path)
        )
    console.print(summary)
    if not results:
        console.print("nothing to export: the lake has no tables yet")
