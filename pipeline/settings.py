"""The environment, chosen in one place: paths, lake root, API base, model.

Every setting has a default that works from a checkout and can be overridden by one
environment variable (``PCT_<NAME>``); nothing else in the project reads the environment.
A value that cannot be used raises :class:`SettingsError` naming the variable.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_NAME = "en_commitments"
API_BASE = "https://questions-statements-api.parliament.uk"
ATTRIBUTION = "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."
#: A ``running`` run whose heartbeat is older than this is abandoned (``PCT_STALE_AFTER_MINUTES``):
#: far above the heartbeat and any one step (a merge, a batch of the engine, an API page).
DEFAULT_STALE_AFTER = dt.timedelta(minutes=30)


class SettingsError(ValueError):
    """A setting (a ``PCT_*`` variable or the option that overrides it) with an unusable value."""


def positive_minutes(value: str | float, *, name: str) -> dt.timedelta:
    """``value`` minutes as a duration, refusing anything but a finite number above 0.

    Args:
        value: The number of minutes, as typed (``"45"``, ``"0.5"``) or as a number.
        name: The variable or option the value came from, for the error message.

    Raises:
        SettingsError: When ``value`` is not a number, not finite, zero or negative, or too
            large for a duration.
    """
    problem = f"{name} must be a positive number of minutes, got {value!r}"
    try:
        minutes = float(value)
    except (TypeError, ValueError):
        raise SettingsError(problem) from None
    if not math.isfinite(minutes) or minutes <= 0:
        raise SettingsError(problem)
    try:
        return dt.timedelta(minutes=minutes)
    except OverflowError:
        raise SettingsError(f"{problem} (too large)") from None


def _model_dir(name: str) -> Path:
    """The rule model ``name``: in the checkout's ``models/``, else the copy in the wheel."""
    for base in (PROJECT_ROOT / "models", Path(__file__).resolve().parent / "_models"):
        if (base / name / "config.cfg").exists():
            return base / name
    return PROJECT_ROOT / "models" / name


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings.

    Attributes:
        lake: Root of the Delta Lake tables (a local path or an object-store URL).
        archive: Where raw API responses are archived (gzip JSONL per window).
        samples: The bundled sample corpus folder.
        model: Path to the rule model directory.
        api_base: Base URL of the Written Questions API.
        shared: The read-only shared material (present in development and CI only).
        stale_after: How long a ``running`` run may go without a heartbeat before it is marked
            ``abandoned`` (:func:`pipeline.lake.jobs.mark_abandoned_runs`).
    """

    lake: str
    archive: Path
    samples: Path
    model: Path
    api_base: str
    shared: Path
    stale_after: dt.timedelta = DEFAULT_STALE_AFTER


def get_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from the environment (``PCT_LAKE``, ``PCT_MODEL``, ...).

    Args:
        env: The variables to read; ``os.environ`` when None.

    Raises:
        SettingsError: When a variable's value cannot be used (``PCT_STALE_AFTER_MINUTES``
            that is not a positive number).
    """
    env = os.environ if env is None else env
    stale = env.get("PCT_STALE_AFTER_MINUTES")
    return Settings(
        lake=env.get("PCT_LAKE", str(PROJECT_ROOT / "data" / "lake")),
        archive=Path(env.get("PCT_ARCHIVE", PROJECT_ROOT / "data" / "archive")),
        samples=Path(env.get("PCT_SAMPLES", PROJECT_ROOT / "data" / "samples")),
        model=Path(env["PCT_MODEL"]) if "PCT_MODEL" in env else _model_dir(DEFAULT_MODEL_NAME),
        api_base=env.get("PCT_API_BASE", API_BASE),
        shared=Path(env.get("PCT_SHARED", PROJECT_ROOT.parent / "shared")),
        stale_after=(
            DEFAULT_STALE_AFTER
            if stale is None
            else positive_minutes(stale, name="PCT_STALE_AFTER_MINUTES")
        ),
    )
