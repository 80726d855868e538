"""Check the held-out gold files against the answer texts and GUIDELINES.md section 4a.

    .venv/bin/python data/heldout/check.py [FILE ...]

Default files: heldout.jsonl, heldout-tune.jsonl, heldout-test.jsonl beside this script. For each
line: the keys and their types; dates in ISO form; every commitment ``quote`` and every time
expression / quantity ``text`` an exact substring of the answer's plain text (the corpus HTML
through ``pipeline.ingest.html.html_to_text``); ``due_text`` a substring of its ``quote`` and null
exactly when ``due`` is null, no ``due`` unless ``kind`` is ``future``; ``date`` expressions with
``start <= end`` (both or neither null) and no ``value``; ``duration``/``set`` with an ISO 8601
``value`` and no interval; quantities with a number ``value`` and a lower-case ``unit``; each time
expression and quantity text occurring in the text at least as often as it is annotated. For the
split files: tune and test disjoint, their union the combined file, the split rule of README.md
respected. Exit status 1 on any error.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
# Keep this folder (it holds select.py, which would shadow the standard library's ``select``) off
# the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from pipeline.ingest.html import html_to_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "commons-written-answers-2023-2025.jsonl.gz"
KINDS = {"future", "ongoing", "done"}
TYPES = {"date", "duration", "set"}
DURATION = re.compile(r"^P(?:\d+(?:\.\d+)?[YMWD])+$|^PT\d+[HMS]$")
UNIT = re.compile(r"^(GBP|USD|EUR|percent|[a-z0-9’'\- ]+)$")


def iso(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def load_texts(ids: set[int]) -> dict[int, tuple[str, str]]:
    out: dict[int, tuple[str, str]] = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            v = json.loads(line)["value"]
            if v["id"] in ids:
                out[v["id"]] = (html_to_text(v["answerText"] or "").text, v["dateAnswered"][:10])
    return out


def check_row(row: dict, text: str, date: str, where: str) -> list[str]:
    errors: list[str] = []

    def err(message: str) -> None:
        errors.append(f"{where}: {message}")

    if set(row) != {"id", "date_answered", "commitments", "timexes", "quantities"}:
        err(f"keys {sorted(row)}")
    if row.get("date_answered") != date:
        err(f"date_answered {row.get('date_answered')} != corpus {date}")
    for n, c in enumerate(row.get("commitments", [])):
        w = f"commitment {n}"
        if set(c) != {"quote", "kind", "actor", "due", "due_text"}:
            err(f"{w} keys {sorted(c)}")
            continue
        if not isinstance(c["quote"], str) or c["quote"] not in text:
            err(f"{w} quote not in text: {c['quote']!r}")
        if c["quote"] != c["quote"].strip() or c["quote"].endswith((".", ",", ";")):
            err(f"{w} quote has edge whitespace or punctuation: {c['quote']!r}")
        if c["kind"] not in KINDS:
            err(f"{w} kind {c['kind']!r}")
        if c["actor"] is not None and (not isinstance(c["actor"], str) or not c["actor"]):
            err(f"{w} actor {c['actor']!r}")
        if (c["due"] is None) != (c["due_text"] is None):
            err(f"{w} due and due_text must be null together")
        if c["due"] is not None:
            if not iso(c["due"]):
                err(f"{w} due {c['due']!r}")
            if c["kind"] != "future":
                err(f"{w} due on a {c['kind']} commitment")
            if isinstance(c["due_text"], str) and c["due_text"] not in c["quote"]:
                err(f"{w} due_text {c['due_text']!r} not in quote")
    for n, t in enumerate(row.get("timexes", [])):
        w = f"timex {n}"
        if set(t) != {"text", "type", "start", "end", "value"}:
            err(f"{w} keys {sorted(t)}")
            continue
        if not isinstance(t["text"], str) or t["text"] not in text:
            err(f"{w} text not in text: {t['text']!r}")
        if t["type"] not in TYPES:
            err(f"{w} type {t['type']!r}")
        elif t["type"] == "date":
            if t["value"] is not None:
                err(f"{w} date with a value")
            if (t["start"] is None) != (t["end"] is None):
                err(f"{w} start/end: both or neither")
            elif t["start"] is not None:
                if not (iso(t["start"]) and iso(t["end"])):
                    err(f"{w} start/end not ISO: {t['start']!r} {t['end']!r}")
                elif t["start"] > t["end"]:
                    err(f"{w} start after end")
        else:
            if t["start"] is not None or t["end"] is not None:
                err(f"{w} {t['type']} with an interval")
            if not isinstance(t["value"], str) or not DURATION.match(t["value"]):
                err(f"{w} value {t['value']!r}")
    for n, q in enumerate(row.get("quantities", [])):
        w = f"quantity {n}"
        if set(q) != {"text", "value", "unit"}:
            err(f"{w} keys {sorted(q)}")
            continue
        if not isinstance(q["text"], str) or q["text"] not in text:
            err(f"{w} text not in text: {q['text']!r}")
        if isinstance(q["value"], bool) or not isinstance(q["value"], (int, float)):
            err(f"{w} value {q['value']!r}")
        if not isinstance(q["unit"], str) or not UNIT.match(q["unit"]):
            err(f"{w} unit {q['unit']!r}")
    for section in ("timexes", "quantities"):
        counts: dict[str, int] = {}
        for item in row.get(section, []):
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                counts[item["text"]] = counts.get(item["text"], 0) + 1
        for s, k in counts.items():
            if text.count(s) < k:
                err(f"{section}: {s!r} annotated {k} times, found {text.count(s)}")
    return errors


def read(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def check_rows(path: Path, rows: list[dict], texts: dict) -> list[str]:
    """The errors of one gold file's rows: duplicate ids, ids not in the corpus, and every row's
    :func:`check_row` against its answer's text and date (``texts``, from :func:`load_texts`)."""
    errors: list[str] = []
    seen: set[int] = set()
    for row in rows:
        where = f"{path.name} id {row.get('id')}"
        if row.get("id") in seen:
            errors.append(f"{where}: duplicate id")
        seen.add(row.get("id"))
        if row.get("id") not in texts:
            errors.append(f"{where}: id not in corpus")
            continue
        text, date = texts[row["id"]]
        errors.extend(check_row(row, text, date, where))
    return errors


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [
        HERE / "heldout.jsonl",
        HERE / "heldout-tune.jsonl",
        HERE / "heldout-test.jsonl",
    ]
    files = {p: read(p) for p in paths if p.exists()}
    missing = [p for p in paths if not p.exists()]
    ids = {row["id"] for rows in files.values() for row in rows}
    texts = load_texts(ids)
    errors = [f"{p}: missing" for p in missing]
    for path, rows in files.items():
        errors.extend(check_rows(path, rows, texts))
    names = {p.name: rows for p, rows in files.items()}
    if {"heldout.jsonl", "heldout-tune.jsonl", "heldout-test.jsonl"} <= set(names):
        combined = sorted(r["id"] for r in names["heldout.jsonl"])
        tune = [r["id"] for r in names["heldout-tune.jsonl"]]
        test = [r["id"] for r in names["heldout-test.jsonl"]]
        # Split rule (README.md): sort ids; positions 0, 2, 4, ... -> tune, 1, 3, 5, ... -> test.
        if tune != combined[0::2] or test != combined[1::2]:
            errors.append("split: tune/test are not the alternate halves of the sorted ids")
        by_id = {r["id"]: r for r in names["heldout.jsonl"]}
        for r in names["heldout-tune.jsonl"] + names["heldout-test.jsonl"]:
            if by_id.get(r["id"]) != r:
                errors.append(f"split: id {r['id']} differs from the combined file")
    for e in errors:
        print("ERROR", e)
    n = {p.name: len(rows) for p, rows in files.items()}
    totals = {
        s: sum(len(r[s]) for r in files.get(paths[0], []))
        for s in ("commitments", "timexes", "quantities")
    }
    print(f"checked {n}; {paths[0].name}: {totals}; {len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
