"""Select the 24 answers of the third blind test set (fixed seed, stratified, even ids only).

Run from the repository root:

    .venv/bin/python data/blind3/select.py > data/blind3/selection.json

The pool is the held-out set's pool (plain text by ``html_to_text``; holding, empty, over-400-word
and duplicate answers left out; ``data/draw.py``), restricted to ids with ``id % 2 == 0`` (the
parity rule: rule writers only ever read odd-id answers) and excluding every id of
../shared/gold/dev.jsonl, of the three vectors files, of data/heldout/heldout.jsonl, of
data/devextra/devextra.jsonl, of data/devextra2/devextra2.jsonl and of data/blind2/blind2.jsonl,
and any answer whose plain text equals the text of one of those answers or contains a vectors
sentence (grouped questions share an answer under other ids). Stratified: 18 answers drawn from
those that contain at least one cue (``data.draw.CUE``), 6 from the rest, with seed 20261130
(``random.Random(seed)`` over the sorted ids). Only the ids of the excluded files are read, never
their annotations.
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

EXCLUDED_SETS = drawn_before("blind3")
SEED = 20261130
N_CUE, N_REST = 18, 6
PARITY = 0  # even ids only


def main() -> None:
    cue, rest, chosen = draw(EXCLUDED_SETS, SEED, N_CUE, N_REST, PARITY)
    print(json.dumps(selection(cue, rest, chosen, SEED, "id % 2 == 0"), indent=1))


if __name__ == "__main__":
    main()
