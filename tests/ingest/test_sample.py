"""The bundled sample must match its generator run over the shared corpus."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from support import SAMPLES

from pipeline.ingest.replay import Rejected, read_answers


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_sample", SAMPLES / "make_sample.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_matches_generator(corpus_path: Path, sample_path: Path) -> None:
    assert _generator().make_sample(corpus_path) == sample_path.read_bytes()


def test_sample_has_a_few_hundred_real_answers(sample_path: Path) -> None:
    items = list(read_answers(sample_path))
    assert not [i for i in items if isinstance(i, Rejected)]
    assert 250 <= len(items) <= 400
    assert len({i.id for i in items}) == len(items)
