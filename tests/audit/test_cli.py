"""``commitments audit``: table, CSV and HTML from records or the lake; user errors in one line."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from audit.builders import FIXTURES, write_timeline_lake
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.cli.app import UserError

TIMELINE = str(FIXTURES / "timeline.jsonl")
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, BaseException | None]:
    result = runner.invoke(app, ["audit", *args])
    return result.exit_code, result.stdout, result.exception


def test_audit_table_sorted_most_overdue_first() -> None:
    code, out, error = invoke("--as-of", "2026-11-29", "--records", TIMELINE)
    assert code == 0, error
    assert (
        "Commitments as of 2026-11-29 (16 rows; evidence checked through 2025-11-12)"
        in " ".join(out.split())
    )
    statuses = [
        line.split("│")[1].strip()
        for line in out.splitlines()
        if line.startswith("│") and line.split("│")[1].strip()
    ]
    assert statuses[:7] == ["overdue"] * 7 and "met_late" in statuses


def test_audit_csv_with_filters() -> None:
    code, out, error = invoke(
        "--as-of",
        "2025-12-09",
        "--records",
        TIMELINE,
        "--format",
        "csv",
        "--status",
        "slipped,met_on_time",
        "--department",
        "defence",
        "--department",
        "treasury",
    )
    assert code == 0, error
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted((r["id"], r["schedule_status"]) for r in rows) == [
        ("1819271", "slipped"), ("1827146", "met_on_time"), ("1830743", "slipped"),
    ]  # fmt: skip


def test_audit_html_to_file(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "audit.html"
    code, _, error = invoke(
        "--as-of", "2026-11-29", "--records", TIMELINE, "--format", "html", "--out", str(out)
    )
    assert code == 0, error
    page = out.read_text(encoding="utf-8")
    assert (
        page.startswith("<!DOCTYPE html>")
        and page.count('data-status="overdue"') == 7
        and 'id="timeline-chart"' in page
    )


def test_audit_due_soon_days_option() -> None:
    code, out, _ = invoke(
        "--as-of",
        "2025-10-01",
        "--records",
        TIMELINE,
        "--format",
        "csv",
        "--status",
        "due_soon",
        "--due-soon-days",
        "95",
    )
    assert code == 0
    assert "1827146" in out
    _, narrower, _ = invoke(
        "--as-of", "2025-10-01", "--records", TIMELINE, "--format", "csv", "--status", "due_soon"
    )
    assert "1827146" not in narrower


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "2026-13-01", "--records", TIMELINE), "--as-of: not a date"),
        (
            ("--as-of", "2026-11-29", "--records", TIMELINE, "--status", "late"),
            "unknown status(es) late",
        ),
        (
            ("--as-of", "2026-11-29", "--records", TIMELINE, "--stored"),
            "--stored and --write-snapshot need the lake",
        ),
    ],
)
def test_audit_user_errors(args: tuple[str, ...], message: str) -> None:
    _, _, error = invoke(*args)
    assert isinstance(error, UserError) and message in str(error)


def test_audit_missing_lake_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from pipeline.cli import main; main()",
         "audit", "--as-of", "2026-11-29", "--lake", str(tmp_path / "none")],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert (
        done.stderr.startswith("commitments: error: no table 'answers'")
        and len(done.stderr.strip().splitlines()) == 1
    )


def test_audit_lake_write_snapshot_then_stored(tmp_path: Path) -> None:
    root = write_timeline_lake(tmp_path / "lake")
    code, _, error = invoke(
        "--as-of", "2026-11-29", "--lake", str(root), "--write-snapshot", "--format", "csv"
    )
    assert code == 0, error
    code, out, error = invoke(
        "--as-of",
        "2026-11-29",
        "--lake",
        str(root),
        "--stored",
        "--format",
        "csv",
        "--status",
        "overdue",
    )
    assert code == 0, error
    assert len(list(csv.DictReader(io.StringIO(out)))) == 7
    _, _, missing = invoke("--as-of", "2026-01-01", "--lake", str(root), "--stored")
    assert isinstance(missing, UserError) and "no deadlines snapshot for 2026-01-01" in str(missing)
