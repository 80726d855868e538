"""Shared fixtures: the rule model (session-scoped) and the shared material (skipped with a
visible reason when ``../shared/`` is absent, as it is for a user with only the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from spacy.language import Language
from support import FIXTURES, SAMPLES, SEED_ANCHOR, SHARED, shared_path

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

__all__ = ["FIXTURES", "SAMPLES", "SEED_ANCHOR", "SHARED", "shared_path"]


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
