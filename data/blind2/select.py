"""Select the 24 answers of the final blind test set (fixed seed, stratified, even ids only).

Run from the repository root:

    .venv/bin/python data/blind2/select.py > data/blind2/selection.json

The pool is the held-out set's pool (plain text by ``html_to_text``; holding, empty, over-400-word
and duplicate answers left out), further restricted to ids with ``id % 2 == 0`` (the parity rule
that keeps this set disjoint from the other set drawn on the same day) and excluding every id of
../shared/gold/dev.jsonl, of the three vectors files, of data/heldout/heldout.jsonl and of
data/devextra/devextra.jsonl, and any answer whose plain text equals the text of one of those
answers or contains a vectors sentence (grouped questions share an answer under other ids).
Stratified: 18 answers drawn from those that contain at least one cue (the held-out set's cue
pattern), 6 from the rest, with seed 20261201 (``random.Random(seed)`` over the sorted ids).
Only the ids of the excluded files are read, never their annotations.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# This file's name shadows the standard library's ``select``: drop its folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from pipeline.ingest.html import html_to_text  # noqa: E402  (HTML to text only, not the engine)

SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "commons-written-answers-2023-2025.jsonl.gz"
GOLD = SHARED / "gold"
EXCLUDED_SETS = (
    GOLD / "dev.jsonl",
    ROOT / "data" / "heldout" / "heldout.jsonl",
    ROOT / "data" / "devextra" / "devextra.jsonl",
)
VECTORS = ("vectors-timex.jsonl", "vectors-quantity.jsonl", "vectors-commitment.jsonl")
SEED = 20261201
N_CUE, N_REST = 18, 6
MAX_WORDS = 400


def parity_ok(answer_id: int) -> bool:
    """The parity rule of this set: even ids only."""
    return answer_id % 2 == 0


def cue_pattern() -> re.Pattern[str]:
    """The held-out selection's cue pattern, so that all the pools are built the same way."""
    path = ROOT / "data" / "heldout" / "select.py"
    spec = importlib.util.spec_from_file_location("heldout_select", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CUE


def excluded() -> tuple[set[int], list[str]]:
    """Ids of dev.jsonl, the held-out set, devextra and the vectors files; the vectors sentences."""
    ids: set[int] = set()
    sentences: list[str] = []
    for path in EXCLUDED_SETS:
        with open(path, encoding="utf-8") as f:
            ids.update(json.loads(line)["id"] for line in f if line.strip())
    for name in VECTORS:
        with open(GOLD / name, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                ids.add(row["id"])
                sentences.append(row["sentence"])
    return ids, sentences


def main() -> None:
    cue_re = cue_pattern()
    ids, sentences = excluded()
    answers = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            answers.append(json.loads(line)["value"])
    texts = {a["id"]: html_to_text(a["answerText"] or "") for a in answers}
    known_texts = {texts[i].text for i in ids if i in texts}
    cue: list[int] = []
    rest: list[int] = []
    seen: set[str] = set()
    for a in sorted(answers, key=lambda a: a["id"]):
        plain = texts[a["id"]]
        text = plain.text
        if a["id"] in ids or not text.strip() or plain.is_holding or a["answerIsHolding"]:
            continue
        if text in known_texts or text in seen or any(s in text for s in sentences):
            continue
        if len(text.split()) > MAX_WORDS:
            continue
        seen.add(text)  # before the parity test, so an even id never repeats an odd id's text
        if not parity_ok(a["id"]):
            continue
        (cue if cue_re.search(text) else rest).append(a["id"])
    rng = random.Random(SEED)
    chosen_cue = sorted(rng.sample(cue, N_CUE))
    chosen_rest = sorted(rng.sample(rest, N_REST))
    draw = {"seed": SEED, "parity": "id % 2 == 0", "pool_cue": len(cue), "pool_rest": len(rest),
            "cue": chosen_cue, "rest": chosen_rest, "ids": sorted(chosen_cue + chosen_rest)}
    print(json.dumps(draw, indent=1))


if __name__ == "__main__":
    main()
