"""The settings (pipeline/settings.py): one place, one ``PCT_*`` variable per setting."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.settings import (
    DEFAULT_STALE_AFTER,
    SettingsError,
    get_settings,
    positive_minutes,
)


def test_get_settings_stale_after_defaults_to_30_minutes() -> None:
    assert get_settings({}).stale_after == DEFAULT_STALE_AFTER == dt.timedelta(minutes=30)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("45", dt.timedelta(minutes=45)),
        ("0.5", dt.timedelta(seconds=30)),
        (" 90 ", dt.timedelta(hours=1, minutes=30)),
        ("1e3", dt.timedelta(minutes=1000)),
    ],
)
def test_get_settings_reads_stale_after_minutes(value: str, expected: dt.timedelta) -> None:
    assert get_settings({"PCT_STALE_AFTER_MINUTES": value}).stale_after == expected


def test_get_settings_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PCT_STALE_AFTER_MINUTES", "7")
    assert get_settings().stale_after == dt.timedelta(minutes=7)


@pytest.mark.parametrize("value", ["", "thirty", "30m", "0", "-5", "nan", "inf", "1e300"])
def test_get_settings_refuses_a_stale_after_that_is_not_a_positive_number(value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        get_settings({"PCT_STALE_AFTER_MINUTES": value})
    message = str(caught.value)
    assert message.startswith("PCT_STALE_AFTER_MINUTES must be a positive number of minutes")
    assert repr(value) in message and "\n" not in message
    assert isinstance(caught.value, ValueError)  # callers that catch ValueError still do


def test_positive_minutes_names_the_option_it_checks() -> None:
    assert positive_minutes(2.5, name="--stale-after") == dt.timedelta(minutes=2, seconds=30)
    with pytest.raises(SettingsError, match=r"^--stale-after must be .* got 0\.0$"):
        positive_minutes(0.0, name="--stale-after")


SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "answers-sample.jsonl.gz"


@pytest.mark.parametrize("command", [["predict", str(SAMPLE), "--out", "y.jsonl"], ["tables"]])
def test_a_bad_setting_is_one_line_and_exit_2_from_any_command(
    command: list[str], tmp_path: Path
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from pipeline.cli import main; main()", *command],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PCT_STALE_AFTER_MINUTES": "abc", "PCT_LAKE": str(tmp_path / "lake")},
        timeout=300,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "commitments: error: PCT_STALE_AFTER_MINUTES must be a positive number of minutes, "
        "got 'abc'\n"
    )
