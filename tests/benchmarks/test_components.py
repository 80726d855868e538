"""The per-step benchmark script (``benchmarks/components.py``) runs on the bundled sample and
prints its tables; no timing is asserted (figures are recorded in ``docs/performance.md``)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from support import load_benchmark

STEPS = ["make_doc", "sentencizer", "pct_timex", "pct_quantity", "pct_commitment", "rows"]


@pytest.fixture(scope="module")
def components() -> ModuleType:
    return load_benchmark("components")


def _rows(output: str) -> dict[str, list[str]]:
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in output.splitlines()]
    return {row[0]: row[1:] for row in cells if row and row[0] in [*STEPS, "total"]}


def test_components_prints_the_best_pass_per_step(
    components: ModuleType, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert components.main([str(sample_path), "--passes", "1"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert list(rows) == [*STEPS, "total"]
    seconds = {step: float(cells[0]) for step, cells in rows.items()}
    assert seconds["total"] == pytest.approx(sum(seconds[s] for s in STEPS), abs=0.05)


def test_components_first_pass_compares_a_fresh_model_with_its_second_pass(
    components: ModuleType, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert components.main([str(sample_path), "--first-pass", "--warmup", "5"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert list(rows) == [*STEPS, "total"]
    for first, warm, extra in rows.values():
        assert float(extra) == pytest.approx(float(first) - float(warm), abs=0.0015)


def test_components_first_pass_uses_a_fresh_vocabulary(
    components: ModuleType, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first pass is a first pass: its model is not the cached one, whose vocabulary other
    runs have filled."""
    cached = components.load_model()
    used: list[object] = []
    monkeypatch.setattr(components, "one_pass", lambda items, nlp=None: used.append(nlp) or {})
    components.first_and_warm(components.read_items(sample_path)[:3], 1)
    assert len(used) == 3 and used[0] is used[1] is used[2]
    assert used[0] is not cached and used[0].vocab is not cached.vocab
