"""The instruction-count benchmark (``benchmarks/instructions.py``): callgrind's dumps are read
in order, a missing tool is a one-line error, and a real run under valgrind counts the passes
of the bundled sample (skipped, with the reason, where valgrind or a C compiler is missing).
No count is asserted beyond its shape (figures are recorded in ``docs/performance.md``)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from support import load_benchmark


@pytest.fixture(scope="module")
def instructions() -> ModuleType:
    return load_benchmark("instructions")


def _dump(path: Path, label: str, total: int) -> None:
    path.write_text(
        f"version: 1\ncreator: callgrind-3.19.0\ndesc: Trigger: Client Request: {label}\n"
        f"events: Ir\nsummary: {total}\n\nfn=(1) main\n1 {total}\ntotals: {total}\n",
        encoding="utf-8",
    )


def test_read_counts_takes_the_dumps_in_their_numbered_order(
    instructions: ModuleType, tmp_path: Path
) -> None:
    _dump(tmp_path / "cg.out.10", "engine, second pass [gc 2/0/0]", 900)
    _dump(tmp_path / "cg.out.2", "engine, first pass [gc 3/1/1]", 1200)
    (tmp_path / "cg.out.3").write_text("not a dump\n", encoding="utf-8")
    counts = instructions.read_counts(tmp_path, "cg.out")
    assert [(c.label, c.instructions, c.collections) for c in counts] == [
        ("engine, first pass", 1200, "3/1/1"),
        ("engine, second pass", 900, "2/0/0"),
    ]


def test_a_missing_valgrind_is_a_one_line_error(
    instructions: ModuleType,
    sample_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert instructions.main([str(sample_path), "--answers", "1"]) == 2
    err = capsys.readouterr().err
    assert "needs valgrind" in err and len(err.strip().splitlines()) == 1


@pytest.mark.skipif(
    shutil.which("valgrind") is None
    or shutil.which("cc") is None
    or not Path("/usr/include/valgrind/callgrind.h").exists(),
    reason="needs valgrind with its headers and a C compiler",
)
def test_a_real_run_counts_both_passes_of_the_sample(
    instructions: ModuleType, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert instructions.main([str(sample_path), "--answers", "2", "--warmup", "1"]) == 0
    out = capsys.readouterr().out
    assert "2 answers (" in out
    counted = {}
    for label in ("engine, first pass", "engine, second pass"):
        row = re.search(rf"^\| {label} \| ([\d,.]+) \|", out, re.M)
        assert row is not None, out
        counted[label] = float(row.group(1).replace(",", ""))
    # the first pass meets the sample's words for the first time (new lexemes): more work
    assert counted["engine, first pass"] > counted["engine, second pass"] > 0
