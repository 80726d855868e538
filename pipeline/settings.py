"""The environment, chosen in one place: paths, lake root, API base, model.

Every setting has a default that works from a checkout and can be overridden by one
environment variable (``PCT_<NAME>``); nothing else in the project reads the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL_NAME = "en_commitments"
API_BASE = "https://questions-statements-api.parliament.uk"
ATTRIBUTION = "Contains Parliamentary information licensed under the Open Parliament Licence v3.0."


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
    """

    lake: str
    archive: Path
    samples: Path
    model: Path
    api_base: str
    shared: Path


def get_settings() -> Settings:
    """Read the settings from the environment (``PCT_LAKE``, ``PCT_MODEL``, ...)."""
    env = os.environ
    return Settings(
        lake=env.get("PCT_LAKE", str(PROJECT_ROOT / "data" / "lake")),
        archive=Path(env.get("PCT_ARCHIVE", PROJECT_ROOT / "data" / "archive")),
        samples=Path(env.get("PCT_SAMPLES", PROJECT_ROOT / "data" / "samples")),
        model=Path(env["PCT_MODEL"]) if "PCT_MODEL" in env else _model_dir(DEFAULT_MODEL_NAME),
        api_base=env.get("PCT_API_BASE", API_BASE),
        shared=Path(env.get("PCT_SHARED", PROJECT_ROOT.parent / "shared")),
    )
