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

import gzip
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
SEED = 20261129
N_CUE, N_REST = 30, 10
MAX_WORDS = 400
CUE = re.compile(
    r"\bwill\b|\bcommitted\b|\bplan|\baim|\bintend|\bby 20\d\d|\blaunched\b|\bpublished\b|£"
    r"|\bper cent\b",
    re.IGNORECASE,
)


def excluded() -> tuple[set, list[str]]:
    """Ids of dev.jsonl and the vectors files, and the vectors sentences."""
    ids: set = set()
    sentences: list[str] = []
    for line in open(GOLD / "dev.jsonl", encoding="utf-8"):
        ids.add(json.loads(line)["id"])
    for name in ("vectors-timex.jsonl", "vectors-quantity.jsonl", "vectors-commitment.jsonl"):
        for line in open(GOLD / name, encoding="utf-8"):
            row = json.loads(line)
            ids.add(row["id"])
            sentences.append(row["sentence"])
    return ids, sentences


def main() -> None:
    ids, sentences = excluded()
    answers = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            answers.append(json.loads(line)["value"])
    texts = {a["id"]: html_to_text(a["answerText"] or "") for a in answers}
    dev_texts = {texts[i].text for i in ids if i in texts}
    cue, rest, seen = [], [], set()
    for a in sorted(answers, key=lambda a: a["id"]):
        plain = texts[a["id"]]
        text = plain.text
        if a["id"] in ids or not text.strip() or plain.is_holding or a["answerIsHolding"]:
            continue
        if text in dev_texts or text in seen or any(s in text for s in sentences):
            continue
        if len(text.split()) > MAX_WORDS:
            continue
        seen.add(text)
        (cue if CUE.search(text) else rest).append(a["id"])
    rng = random.Random(SEED)
    chosen_cue = sorted(rng.sample(cue, N_CUE))
    chosen_rest = sorted(rng.sample(rest, N_REST))
    print(json.dumps({"seed": SEED, "pool_cue": len(cue), "pool_rest": len(rest),
                      "cue": chosen_cue, "rest": chosen_rest,
                      "ids": sorted(chosen_cue + chosen_rest)}, indent=1))


if __name__ == "__main__":
    main()
