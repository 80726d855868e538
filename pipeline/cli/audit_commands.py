"""The ``audit`` command: deadline statuses as of a date, as a table, CSV or HTML."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pipeline.cli.app import UserError, app

console = Console()
err_console = Console(stderr=True)


class ReportFormat(StrEnum):
    """Output formats of ``commitments audit``."""

    table = "table"
    csv = "csv"
    html = "html"


def _parse_date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as err:
        raise UserError(f"{option}: not a date (YYYY-MM-DD): {value!r}") from err


def _split(values: list[str] | None) -> list[str]:
    """Repeated and comma-separated option values, flattened."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


@app.command()
def audit(
    as_of: Annotated[
        str, typer.Option("--as-of", help="The date the statuses hold for (YYYY-MM-DD).")
    ],
    department: Annotated[
        list[str] | None,
        typer.Option(
            "--department",
            help="Keep departments whose name contains this (case-insensitive); repeatable.",
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="Keep these statuses (overdue, due_soon, slipped, not_due, met_late, "
            "met_on_time, no_deadline); repeatable or comma-separated.",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option("--format", help="table (terminal), csv or html (self-contained page)."),
    ] = ReportFormat.table,
    lake: Annotated[
        str | None,
        typer.Option(
            "--lake",
            help="Lake root (a folder or an object-store URL); the configured one (data/lake) "
            "when omitted.",
        ),
    ] = None,
    records: Annotated[
        Path | None,
        typer.Option(
            "--records",
            help="Audit these answer records (JSONL, e.g. `commitments predict --full` "
            "output) instead of the lake.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the report here instead of standard output."),
    ] = None,
    stored: Annotated[
        bool,
        typer.Option(
            "--stored",
            help="Show the deadlines snapshot stored in the lake for --as-of instead of "
            "recomputing it.",
        ),
    ] = False,
    write_snapshot: Annotated[
        bool,
        typer.Option(
            "--write-snapshot", help="Also write the deadlines and initiatives tables to the lake."
        ),
    ] = False,
    due_soon_days: Annotated[
        int,
        typer.Option(
            "--due-soon-days", min=0, help="A commitment due within this many days is due_soon."
        ),
    ] = 90,
    assurance_months: Annotated[
        int,
        typer.Option(
            "--assurance-months",
            min=0,
            help="Default due date of an undated assurance, in months after the answer.",
        ),
    ] = 3,
) -> None:
    """Which commitments are due, overdue, met, slipped or restated as of a date, with evidence."""
    from pipeline.audit.core import AuditConfig, run_audit
    from pipeline.audit.inputs import InputError, read_records
    from pipeline.audit.report import csv_text, filter_rows, html_report, rich_table
    from pipeline.audit.store import compute_deadlines, read_snapshot
    from pipeline.lake.io import LakeError

    day = _parse_date(as_of, "--as-of")
    statuses = _split(status)
    departments = _split(department)
    config = AuditConfig(due_soon_days=due_soon_days, assurance_default_months=assurance_months)
    if records is not None and (stored or write_snapshot):
        raise UserError("--records audits a file; --stored and --write-snapshot need the lake")
    checked: dt.date | None
    try:
        if records is not None:
            result = run_audit(read_records(records), day, config=config)
            result_rows, checked = list(result.rows), result.evidence_checked_through
        elif stored:
            result_rows = read_snapshot(lake, day)
            if not result_rows:
                raise UserError(
                    f"no deadlines snapshot for {day} in the lake (run with --write-snapshot first)"
                )
            checked = result_rows[0].evidence_checked_through
        else:
            result = compute_deadlines(lake, day, config=config, write=write_snapshot)
            result_rows, checked = list(result.rows), result.evidence_checked_through
            for name, info in result.written.items():
                where = f"version {info['version']}, {info['rows']} rows at {info['path']}"
                err_console.print(f"wrote {name}: {where}", markup=False)
    except (LakeError, InputError) as err:
        raise UserError(str(err)) from err
    try:
        rows = filter_rows(result_rows, departments=departments, statuses=statuses)
    except ValueError as err:
        raise UserError(str(err)) from err
    filters = "; ".join(
        part
        for part in (
            f"departments: {', '.join(departments)}" if departments else "",
            f"statuses: {', '.join(statuses)}" if statuses else "",
        )
        if part
    )
    if fmt is ReportFormat.table:
        title = (
            f"Commitments as of {day} ({len(rows)} rows"
            + (f"; evidence checked through {checked}" if checked else "")
            + ")"
        )
        table = rich_table(rows, title=title)
        if out is None:
            console.print(table)
        else:
            with out.open("w", encoding="utf-8") as handle:
                Console(file=handle, width=200, color_system=None).print(table)
        return
    text = (
        csv_text(rows)
        if fmt is ReportFormat.csv
        else html_report(rows, as_of=day, checked_through=checked, filters=filters)
    )
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    err_console.print(f"wrote {len(rows)} rows to {out}", markup=False)
