"""The audit fixtures are derived data: they fail here when they drift from their sources."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from audit.builders import FIXTURES
from support import shared_path


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_timeline", FIXTURES / "make_timeline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_timeline_fixture_matches_its_generator_and_the_corpus(corpus_path: Path) -> None:
    generator = _generator()
    expected = generator.render(generator.fixture_records(corpus_path))
    assert (FIXTURES / "timeline.jsonl").read_text(encoding="utf-8") == expected, (
        "run `python tests/fixtures/audit/make_timeline.py` and commit the result"
    )


@pytest.mark.shared
def test_seed_fixture_is_the_shared_seed_answer() -> None:
    shared = shared_path("gold", "seed-answer.txt").read_text(encoding="utf-8")
    assert (FIXTURES / "seed-answer.txt").read_text(encoding="utf-8") == shared


def test_timeline_fixture_quotes_sit_at_their_offsets() -> None:
    from audit.builders import timeline_answers

    answers = timeline_answers()
    assert len(answers) == 12
    for record in answers:
        for row in (*record.commitments, *record.timexes):
            words = getattr(row, "quote", None) or getattr(row, "text", "")
            assert record.text[row.char_start : row.char_end] == words
