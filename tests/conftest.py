"""Shared fixtures: the rule model (session-scoped) and the shared material (skipped with a
visible reason when ``../shared/`` is absent, as it is for a user with only the repo)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.settings import PROJECT_ROOT, get_settings

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

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


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The project's rule model, loaded once per session."""
    from pipeline.engine import load_model

    return load_model()


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    return shared_path("corpus", "commons-written-answers-2023-2025.jsonl.gz")


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return shared_path("gold")


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLES / "answers-sample.jsonl.gz"
