"""The lake commands of the ``commitments`` CLI (pipeline/cli/lake_commands.py)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from support import FIXTURES
from typer.testing import CliRunner

from pipeline.cli import UserError, app
from pipeline.lake import read_table
from pipeline.settings import ATTRIBUTION, PROJECT_ROOT

API = FIXTURES / "api"
runner = CliRunner()


def commitments(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real entry point (``main``), as a user would."""
    code = "from pipeline.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )


@pytest.mark.parametrize("command", ["ingest", "extract", "tables", "runs", "export"])
def test_lake_commands_have_help_for_every_option(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--lake" in result.output and "data/lake" in result.output


def test_ingest_tables_export_from_replay_files(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    result = runner.invoke(
        app, ["ingest", "--source", str(API / "commons-2024-09-list.json"), "--lake", str(lake)]
    )
    assert result.exit_code == 0, result.output
    assert "answer versions inserted" in result.output and "35" in result.output
    tables = runner.invoke(app, ["tables", "--lake", str(lake)])
    assert tables.exit_code == 0 and "answers" in tables.output and "35" in tables.output
    out = tmp_path / "out"
    exported = runner.invoke(app, ["export", "--lake", str(lake), "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert sorted(p.name for p in out.iterdir()) == ["answers.parquet", "runs.parquet"]
    meta = pq.read_schema(out / "answers.parquet").metadata
    assert meta[b"pct.attribution"].decode() == ATTRIBUTION


def test_ingest_window_of_a_replay(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "ingest",
            "--source",
            str(API / "commons-2024-09-list.json"),
            "--from",
            "2024-09-09",
            "--to",
            "2024-09-09",
            "--lake",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "outside the window" in result.output


BAD_INPUT = [
    (["ingest", "--from", "2024-13-01", "--to", "2024-12-02"], "--from: not a date"),
    (["ingest", "--from", "2024-12-02"], "give both --from and --to"),
    (["ingest", "--from", "2024-12-02", "--to", "2024-12-01"], "is before --from"),
    (["ingest"], "the API source needs a window"),
    (["ingest", "--source", "no/such/file.jsonl"], "no such file or folder"),
    (
        ["ingest", "--from", "2024-12-01", "--to", "2024-12-02", "--detail", "sometimes"],
        "--detail must be one of",
    ),
    (["extract", "--from", "2024-12-01", "--to", "2024-12-02"], "no table 'answers'"),
    (["export", "--table", "answer"], "no table answer"),
]


@pytest.mark.parametrize(("args", "message"), BAD_INPUT)
def test_lake_commands_bad_input_raises_a_user_error(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = runner.invoke(app, [*args, "--lake", str(tmp_path / "lake")])
    assert isinstance(result.exception, UserError), result.exception
    assert message in str(result.exception) and "\n" not in str(result.exception)


@pytest.mark.integration
@pytest.mark.parametrize(("args", "message"), [BAD_INPUT[0], BAD_INPUT[6]])
def test_lake_commands_bad_input_is_one_readable_line(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = commitments(*args, "--lake", str(tmp_path / "lake"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert (
        len(lines) == 1 and lines[0].startswith("commitments: error: ") and message in lines[0]
    ), result.stderr


def test_runs_lists_the_latest_runs_newest_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake = tmp_path / "lake"
    lake.mkdir()
    assert "no runs recorded" in runner.invoke(app, ["runs", "--lake", str(lake)]).output
    for _ in range(2):
        ingest = ["ingest", "--source", str(API / "commons-2024-09-list.json"), "--lake", str(lake)]
        assert runner.invoke(app, ingest).exit_code == 0
    [newest] = read_table("runs", lake).nlargest(1, "started_at")["run_id"]
    monkeypatch.setenv("COLUMNS", "250")  # one table row a line
    shown = commitments("runs", "--lake", str(lake), "--limit", "1")
    assert shown.returncode == 0, shown.stderr
    assert "(latest 1 of 2)" in shown.stdout
    [line] = [line for line in shown.stdout.splitlines() if "ingest-" in line]
    cells = [cell.strip() for cell in line.strip("│ ").split("│")]
    assert cells[:4] == [newest, "ingest", "completed", "everything"]
    assert cells[6:] == [f"{socket.gethostname()}:{os.getpid()}", "-"]  # ingested in-process


def quiet_run(lake: Path, minutes: float) -> str:
    """A ``running`` row of another machine whose heartbeat is ``minutes`` old."""
    import datetime as dt

    from pipeline.lake import RunRecord, record_run

    beat = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)
    run = RunRecord(
        "ingest-quiet", "ingest", "running", "test", None, None, beat, host="elsewhere", pid=1,
        updated_at=beat,
    )  # fmt: skip
    record_run(run, lake)
    return run.run_id


@pytest.mark.parametrize("command", ["runs", "tables"])
def test_stale_after_defaults_to_pct_stale_after_minutes(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_id = quiet_run(tmp_path, minutes=10)
    monkeypatch.delenv("PCT_STALE_AFTER_MINUTES", raising=False)
    assert runner.invoke(app, [command, "--lake", str(tmp_path)]).exit_code == 0
    assert read_table("runs", tmp_path)["status"].tolist() == ["running"]  # 10 < 30 minutes
    monkeypatch.setenv("PCT_STALE_AFTER_MINUTES", "5")
    kept = runner.invoke(app, [command, "--lake", str(tmp_path), "--stale-after", "20"])
    assert kept.exit_code == 0 and read_table("runs", tmp_path)["status"].tolist() == ["running"]
    marked = runner.invoke(app, [command, "--lake", str(tmp_path)])
    assert marked.exit_code == 0, marked.output
    assert f"run {run_id} marked abandoned: no heartbeat since" in marked.output
    assert read_table("runs", tmp_path)["status"].tolist() == ["abandoned"]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("env", "args", "message"),
    [
        ({"PCT_STALE_AFTER_MINUTES": "half an hour"}, [], "PCT_STALE_AFTER_MINUTES must be"),
        ({"PCT_STALE_AFTER_MINUTES": "-1"}, [], "got '-1'"),
        ({}, ["--stale-after", "0"], "--stale-after must be a positive number of minutes"),
    ],
)
def test_a_bad_stale_after_is_one_readable_line(
    env: dict[str, str],
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    quiet_run(tmp_path, minutes=600)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = commitments("runs", "--lake", str(tmp_path), *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("commitments: error: "), result.stderr
    assert message in lines[0]
    assert read_table("runs", tmp_path)["status"].tolist() == ["running"]  # nothing marked
