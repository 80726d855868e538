"""Check the eighth extra development set against the answer texts, GUIDELINES.md 4a and its
selection.

    .venv/bin/python data/devextra8/check.py [FILE]

Default file: devextra8.jsonl beside this script. The checks are ``data/blindcheck.py``'s (the
held-out checker's row checks; no duplicate ids; the ids of ``selection.json``; the parity rule
``id % 2 == 1``; no id of dev.jsonl, the vectors files or any set drawn before it). Exit status 1
on any error.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# Keep this folder off the import path: its select.py would shadow the standard library's select.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from data.blindcheck import check_blind_set  # noqa: E402

if __name__ == "__main__":
    sys.exit(check_blind_set(HERE, sys.argv[1:]))
