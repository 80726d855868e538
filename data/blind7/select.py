"""Select the seventh blind test set: 24 even-id answers, seed 20261207.

    .venv/bin/python data/blind7/select.py > data/blind7/selection.json

The draw is ``data.draw.blind_selection`` (its docstring and ``data/draw.py``'s have the pool,
the exclusions and the repeat rule): from every answer of the shared pool with ``id % 2 ==
0`` that no set drawn before this one holds (``drawn_before("blind7")``), 18 with a
cue and 6 without. Even ids are never read by rule writers: a test set.
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
PARITY = 0


if __name__ == "__main__":
    print(json.dumps(blind_selection(EXCLUDED_SETS, SEED, N_CUE, N_REST, PARITY), indent=1))
