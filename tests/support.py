"""Constants and helpers shared by the tests (importable as ``support``: tests/ is on the path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.settings import PROJECT_ROOT, get_settings

SHARED = get_settings().shared
FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = PROJECT_ROOT / "data" / "samples"
SEED_ANCHOR = dt.date(2024, 3, 25)


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, skipping the test (with the reason shown) when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs the shared material: {path} is absent (CI has it)")
    return path
