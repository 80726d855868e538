"""Select the eighth extra development set: 20 odd-id answers, seed 20261211.

    .venv/bin/python data/devextra8/select.py > data/devextra8/selection.json

The draw is ``data.draw.blind_selection`` (its docstring and ``data/draw.py``'s have the pool,
the exclusions and the repeat rule): from every answer of the shared pool with ``id % 2 ==
1`` that no set drawn before this one holds (``drawn_before("devextra8")``), 16 with a
cue and 4 without. Odd ids are the ones rule writers may read: development data, annotated blind
before any prediction on it was made.
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

EXCLUDED_SETS = drawn_before("devextra8")
SEED = 20261211
N_CUE, N_REST = 16, 4
PARITY = 1


if __name__ == "__main__":
    print(json.dumps(blind_selection(EXCLUDED_SETS, SEED, N_CUE, N_REST, PARITY), indent=1))
