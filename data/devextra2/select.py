"""Select the second extra development set (fixed seed, stratified, odd ids).

Run from the repository root:

    .venv/bin/python data/devextra2/select.py > data/devextra2/selection.json

The same pool as ``data/heldout/select.py`` (holding, empty, over-400-word and duplicate answers
left out), and further excluded: every id of ../shared/gold/dev.jsonl, of the three vectors files,
of data/heldout/heldout.jsonl and of data/devextra/devextra.jsonl; any answer whose plain text
equals the text of one of those answers or contains a vectors sentence (grouped questions share an
answer under other ids). Only odd ids (``id % 2 == 1``), so that this set and the blind set built
the same day from even ids are disjoint. Stratified: 24 answers drawn from those that contain at
least one cue (the held-out set's cue pattern), 6 from the rest, with seed 20261202
(``random.Random(seed)`` over the sorted ids).
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

EXCLUDED_GOLD = drawn_before("devextra2")
SEED = 20261202
N_CUE, N_REST = 24, 6
PARITY = 1  # keep ids with id % 2 == PARITY


def main() -> None:
    cue, rest, chosen = draw(EXCLUDED_GOLD, SEED, N_CUE, N_REST, PARITY)
    print(json.dumps(selection(cue, rest, chosen, SEED, PARITY), indent=1))


if __name__ == "__main__":
    main()
