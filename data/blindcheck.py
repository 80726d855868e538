"""The checker shared by the blind test sets (``data/blind*/check.py``).

Every row is checked with the held-out checker's ``check_rows`` (``data/heldout/check.py``: no
duplicate ids, keys and types, ISO dates, every quote and text an exact substring of the answer's
plain text, due/due_text rules, interval/value rules, occurrence counts). On top of that: the ids
are exactly the set's ``selection.json`` ids; every id satisfies the set's parity rule (``PARITY``
of its ``select.py``); no id belongs to one of its ``select.py``'s ``EXCLUDED_SETS`` or the
vectors files (only their ids are read).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from data.draw import excluded

ROOT = Path(__file__).resolve().parents[1]


def load_module(name: str, path: Path) -> ModuleType:
    """Load a data-folder script by path (these folders are not packages)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_blind_set(folder: Path, argv: list[str]) -> int:
    """Check the set in ``folder`` (its ``<folder name>.jsonl``, or ``argv[0]``); print every
    error and a summary; return the exit status (1 on any error)."""
    heldout_check = load_module("heldout_check", ROOT / "data" / "heldout" / "check.py")
    blind_select = load_module(f"{folder.name}_select", folder / "select.py")
    path = Path(argv[0]) if argv else folder / f"{folder.name}.jsonl"
    rows = heldout_check.read(path)
    ids = [row.get("id") for row in rows]
    texts = heldout_check.load_texts(set(ids))
    errors: list[str] = heldout_check.check_rows(path, rows, texts)
    selection = json.loads((folder / "selection.json").read_text(encoding="utf-8"))
    if sorted(ids) != sorted(selection["ids"]):
        errors.append("selection: ids differ from selection.json")
    errors.extend(f"parity: id {i} is odd" for i in ids if i % 2 != blind_select.PARITY)
    excluded_ids, _ = excluded(blind_select.EXCLUDED_SETS)
    errors.extend(f"leak: id {i} is in an excluded set" for i in ids if i in excluded_ids)
    for e in errors:
        print("ERROR", e)
    kinds: dict[str, int] = {}
    for row in rows:
        for c in row.get("commitments", []):
            kinds[c.get("kind")] = kinds.get(c.get("kind"), 0) + 1
    with_due = sum(1 for row in rows for c in row.get("commitments", []) if c.get("due"))
    sections = ("commitments", "timexes", "quantities")
    totals = {s: sum(len(r.get(s, [])) for r in rows) for s in sections}
    print(
        f"checked {path.name}: {len(rows)} answers; {totals}; "
        f"kinds {dict(sorted(kinds.items()))}; with due {with_due}; {len(errors)} error(s)"
    )
    return 1 if errors else 0
