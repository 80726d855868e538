"""Select the 24 answers of the fourth blind test set (fixed seed, stratified, even ids only).

Run from the repository root:

    .venv/bin/python data/blind4/select.py > data/blind4/selection.json

The pool is the held-out set's pool (plain text by ``html_to_text``; holding, empty, over-400-word
and duplicate answers left out; ``data/draw.py``), restricted to ids with ``id % 2 == 0`` (the
parity rule: rule writers only ever read odd-id answers) and excluding every id of
../shared/gold/dev.jsonl, of the three vectors files, of data/heldout/heldout.jsonl, of
data/devextra/devextra.jsonl, of data/devextra2/devextra2.jsonl, of data/blind2/blind2.jsonl and
of data/blind3/blind3.jsonl, and any answer whose plain text equals the text of one of those answers or contains a vectors
sentence (grouped questions share an answer under other ids). Stratified: 18 answers drawn from
those that contain at least one cue (``data.draw.CUE``), 6 from the rest, with seed 20261202
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

from data.draw import GOLD, excluded, pools, read_corpus, sample  # noqa: E402

EXCLUDED_SETS = (
    GOLD / "dev.jsonl",
    ROOT / "data" / "heldout" / "heldout.jsonl",
    ROOT / "data" / "devextra" / "devextra.jsonl",
    ROOT / "data" / "devextra2" / "devextra2.jsonl",
    ROOT / "data" / "blind2" / "blind2.jsonl",
    ROOT / "data" / "blind3" / "blind3.jsonl",
)
SEED = 20261202
N_CUE, N_REST = 18, 6
PARITY = 0  # even ids only


def main() -> None:
    cue, rest = pools(read_corpus(), *excluded(EXCLUDED_SETS), parity=PARITY)
    chosen_cue, chosen_rest = sample(cue, rest, SEED, N_CUE, N_REST)
    draw = {
        "seed": SEED,
        "parity": "id % 2 == 0",
        "pool_cue": len(cue),
        "pool_rest": len(rest),
        "cue": chosen_cue,
        "rest": chosen_rest,
        "ids": sorted(chosen_cue + chosen_rest),
    }
    print(json.dumps(draw, indent=1))


if __name__ == "__main__":
    main()
