"""The flow commands of ``commitments`` (``pipeline/cli/flow_commands.py``): user mistakes give
one readable line and exit 2; ``run`` and ``backfill`` run the flows and print the summary and
where the tables are. (Kept with the flow tests: they share the session's Prefect harness.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings
from typer.testing import CliRunner

from pipeline.cli import UserError, app

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["run", "--from", "2024-01-01"], "give both --from and --to"),
        (["run", "--from", "2024-13-01", "--to", "2024-12-31"], "--from: not a date"),
        (["run", "--from", "2024-02-01", "--to", "2024-01-01"], "is before --from"),
        (["run", "--source", "/no/such/file.jsonl"], "--source: no such file or folder"),
        (["backfill", "--from", "2024-01-01", "--to", "2024-x"], "--to: not a date"),
        (["backfill", "--from", "2024-01-01", "--to", "2024-02-01", "--dask", "local:0"], "--dask"),
        (["serve", "--timezone", "Mars/Olympus"], "unknown time zone"),
        (["serve", "--cron", "every night"], "invalid cron expression"),
    ],
)
def test_flow_commands_reject_user_mistakes(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert isinstance(result.exception, UserError), result.output
    assert message in str(result.exception)


def test_serve_without_a_server_says_how_to_start_one() -> None:
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        result = runner.invoke(app, ["serve"])
    assert isinstance(result.exception, UserError)
    assert "prefect server start" in str(result.exception)


def test_commitments_run_user_mistake_is_one_line_and_exit_2() -> None:
    command = [str(Path(sys.executable).parent / "commitments"), "run"]
    done = subprocess.run(
        [*command, "--from", "yesterday", "--to", "x"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "commitments: error: --from: not a date (expected YYYY-MM-DD): 'yesterday'"
    ]


@pytest.mark.usefixtures("prefect_harness")
def test_commitments_run_prints_the_summary_and_where_the_tables_are(
    tmp_path: Path, replay_slice: Path
) -> None:
    lake = tmp_path / "lake"
    args = ["run", "--lake", str(lake), "--source", str(replay_slice), "--no-audit"]
    first = runner.invoke(app, args, env=WIDE)
    assert first.exit_code == 0, first.output
    assert "new answer versions" in first.output and "data rows written" in first.output
    assert f"Tables in {lake}" in first.output
    for table in ("answers", "commitments", "time_expressions", "quantities", "runs"):
        assert str(lake / table) in first.output

    second = runner.invoke(app, args, env=WIDE)
    assert second.exit_code == 0, second.output
    assert "lake up to date through" in second.output
    assert "nothing new written" in second.output


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_commitments_backfill_on_a_temporary_local_dask_cluster(
    tmp_path: Path, replay_slice: Path
) -> None:
    args = ["backfill", "--from", "2024-09-01", "--to", "2024-10-31", "--window-days", "31"]
    args += ["--lake", str(tmp_path / "lake"), "--source", str(replay_slice), "--dask", "local:2"]
    result = runner.invoke(app, args, env=WIDE)
    assert result.exit_code == 0, result.output
    assert "backfill: 2024-09-01..2024-10-31" in result.output
    again = runner.invoke(app, args, env=WIDE)
    assert "windows already complete (skipped)" in again.output
    assert "were completed by earlier runs: nothing new written" in again.output


@pytest.mark.parametrize(
    ("error", "hinted"),
    [
        (
            RuntimeError("Timed out while attempting to connect to ephemeral Prefect API server."),
            True,
        ),
        (RuntimeError("the lake is locked"), False),
        (ValueError("Timed out"), False),
    ],
)
def test_failure_hint_names_the_setting_for_a_slow_ephemeral_server(
    error: Exception, hinted: bool
) -> None:
    from pipeline.cli.flow_commands import failure_hint

    hint = failure_hint(error)
    assert (hint is not None) == hinted
    if hint:
        assert "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS" in hint
