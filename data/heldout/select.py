"""Select the 40 held-out answers (fixed seed, stratified). Run from the repository root:

    .venv/bin/python data/heldout/select.py > data/heldout/selection.json

Excluded: every id of ../shared/gold/dev.jsonl and of the three vectors files; any answer whose
plain text equals a dev answer's text or contains a vectors sentence (grouped questions share an
answer text under other ids); holding answers (flag of ``html_to_text``, or the API's flag);
empty answers; answers over 400 words; duplicate texts (first id kept).
Stratified: 30 answers drawn from those that contain at least one cue (will / committed / plan /
aim / intend / by 20.. / launched / published / £ / per cent), 10 from the rest.
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

SEED = 20261129
N_CUE, N_REST = 30, 10


def main() -> None:
    cue, rest, chosen = draw(drawn_before("heldout"), SEED, N_CUE, N_REST, parity=None)
    print(json.dumps(selection(cue, rest, chosen, SEED), indent=1))


if __name__ == "__main__":
    main()
