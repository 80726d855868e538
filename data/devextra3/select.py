"""Select the third extra development set (fixed seed, stratified, odd ids only).

Run from the repository root:

    .venv/bin/python data/devextra3/select.py > data/devextra3/selection.json

The pool is the held-out set's pool (plain text by ``html_to_text``; holding, empty, over-400-word
and duplicate answers left out; ``data/draw.py``), restricted to ids with ``id % 2 == 1``
(the parity rule: odd ids are the ones rule writers may read, so this set is development data),
and excluding every id of ../shared/gold/dev.jsonl, of the three vectors files and of every set
drawn before this one (``data.draw.drawn_before("devextra3")``), and any answer whose plain text
equals the text of one of those answers or contains a vectors sentence (grouped questions share an
answer under other ids).
Stratified: 16 answers drawn from those that contain at least one cue (``data.draw.CUE``),
4 from the rest, with seed 20261205 (``random.Random(seed)`` over the sorted ids). Only the ids
of the excluded files are read, never their annotations.

One rule on top of the shared draw (blind4's, kept by every later set): a drawn answer that repeats
an excluded answer, i.e. at least half of its sentences of 8+ words occur verbatim in the texts of
the excluded answers, is replaced by the first answer of the same stratum, in the order of
``random.Random(seed + 1)``, that is neither drawn nor such a repeat.
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

from data.draw import blind_selection, drawn_before  # noqa: E402

EXCLUDED_SETS = drawn_before("devextra3")
SEED = 20261205
N_CUE, N_REST = 16, 4
PARITY = 1  # odd ids only


def main() -> None:
    record = blind_selection(EXCLUDED_SETS, SEED, N_CUE, N_REST, PARITY)
    print(json.dumps(record, indent=1))


if __name__ == "__main__":
    main()
