"""Check devextra2.jsonl against the answer texts, GUIDELINES.md section 4a and its selection.

    .venv/bin/python data/devextra2/check.py [FILE]

Each line is checked by ``data/heldout/check.py``'s ``check_row`` (keys and types, ISO dates, every
quote and text an exact substring of the answer's plain text, due/due_text rules, intervals and
ISO 8601 values, units, counts of repeated texts). On top of that, for this set: no duplicate ids;
the ids are exactly those of ``selection.json``; every id is odd (the parity rule that keeps this
set disjoint from the even-id blind set built the same day); no id is in dev.jsonl, the vectors
files, the held-out set or the first devextra set. Exit status 1 on any error.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PARITY = 1
# This folder holds a ``select.py`` that would shadow the standard library's ``select``: keep it off
# the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from data.draw import GOLD, excluded  # noqa: E402

# Every gold file this set must not share an answer with (and the vectors files, by default).
EXCLUDED = (
    GOLD / "dev.jsonl",
    ROOT / "data" / "heldout" / "heldout.jsonl",
    ROOT / "data" / "devextra" / "devextra.jsonl",
)


def heldout_check() -> ModuleType:
    """``data/heldout/check.py``, loaded by path (its folder is not a package)."""
    spec = importlib.util.spec_from_file_location(
        "heldout_check", ROOT / "data" / "heldout" / "check.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    check = heldout_check()
    path = Path(argv[0]) if argv else HERE / "devextra2.jsonl"
    rows = check.read(path)
    ids = [row.get("id") for row in rows]
    texts = check.load_texts({i for i in ids if isinstance(i, int)})
    errors: list[str] = []
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")
    selection = json.loads((HERE / "selection.json").read_text(encoding="utf-8"))
    if sorted(ids) != selection["ids"]:
        errors.append(f"ids differ from selection.json: {sorted(set(ids) ^ set(selection['ids']))}")
    if ids != sorted(ids):
        errors.append("rows are not in ascending id order")
    errors.extend(
        f"id {i}: even id (parity rule id % 2 == {PARITY})" for i in ids if i % 2 != PARITY
    )
    errors.extend(
        f"id {i}: in an excluded gold file" for i in sorted(set(ids) & excluded(EXCLUDED)[0])
    )
    for row in rows:
        where = f"{path.name} id {row.get('id')}"
        if row.get("id") not in texts:
            errors.append(f"{where}: id not in corpus")
            continue
        text, date = texts[row["id"]]
        errors.extend(check.check_row(row, text, date, where))
    for e in errors:
        print("ERROR", e)
    totals = {s: sum(len(r[s]) for r in rows) for s in ("commitments", "timexes", "quantities")}
    future = [c for r in rows for c in r["commitments"] if c["kind"] == "future"]
    print(
        f"checked {len(rows)} answers: {totals}; future {len(future)} "
        f"(with due {sum(c['due'] is not None for c in future)}); {len(errors)} error(s)"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
