"""Select the extra development answers (fixed seed, stratified). Run from the repository root:

    .venv/bin/python data/devextra/select.py > data/devextra/selection.json

The same pool as ``data/heldout/select.py`` (holding, empty, over-400-word and duplicate answers
left out), and further excluded: every id of ../shared/gold/dev.jsonl, of the three vectors files
and of data/heldout/heldout.jsonl; any answer whose plain text equals the text of one of those
answers or contains a vectors sentence (grouped questions share an answer under other ids).
Stratified: 28 answers drawn from those that contain at least one cue (the held-out set's cue
pattern), 8 from the rest, with seed 20261130 (``random.Random(seed)`` over the sorted ids).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# This file's name shadows the standard library's ``select``: drop its folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from data.draw import draw, drawn_before, selection  # noqa: E402

SEED = 20261130
N_CUE, N_REST = 28, 8


def main() -> None:
    cue, rest, chosen = draw(drawn_before("devextra"), SEED, N_CUE, N_REST, parity=None)
    print(json.dumps(selection(cue, rest, chosen, SEED), indent=1))


if __name__ == "__main__":
    main()
