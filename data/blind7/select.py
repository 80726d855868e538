"""Select the seventh blind test set (fixed seed, stratified, even ids only).

Run from the repository root:

    .venv/bin/python data/blind7/select.py > data/blind7/selection.json

The pool is the held-out set's pool (plain text by ``html_to_text``; holding, empty, over-400-word
and duplicate answers left out; ``data/draw.py``), restricted to ids with ``id % 2 == 0``
(the parity rule: rule writers only ever read odd-id answers, so a test set is even),
and excluding every id of ../shared/gold/dev.jsonl, of the three vectors files and of every set
drawn before this one (``data.draw.drawn_before("blind7")``), and any answer whose plain text
equals the text of one of those answers or contains a vectors sentence (grouped questions share an
answer under other ids).
Stratified: 18 answers drawn from those that contain at least one cue (``data.draw.CUE``),
6 from the rest, with seed 20261207 (``random.Random(seed)`` over the sorted ids). Only the ids
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

EXCLUDED_SETS = drawn_before("blind7")
SEED = 20261207
N_CUE, N_REST = 18, 6
PARITY = 0  # even ids only


def main() -> None:
    record = blind_selection(EXCLUDED_SETS, SEED, N_CUE, N_REST, PARITY)
    print(json.dumps(record, indent=1))


if __name__ == "__main__":
    main()
