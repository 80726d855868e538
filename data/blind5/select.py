"""Select the 24 answers of the fifth blind test set (fixed seed, stratified, even ids only).

Run from the repository root:

    .venv/bin/python data/blind5/select.py > data/blind5/selection.json

The pool is the held-out set's pool (plain text by ``html_to_text``; holding, empty, over-400-word
and duplicate answers left out; ``data/draw.py``), restricted to ids with ``id % 2 == 0`` (the
parity rule: rule writers only ever read odd-id answers) and excluding every id of
../shared/gold/dev.jsonl, of the three vectors files, of data/heldout/heldout.jsonl, of
data/devextra/devextra.jsonl, of data/devextra2/devextra2.jsonl, of data/blind2/blind2.jsonl, of
data/blind3/blind3.jsonl and of data/blind4/blind4.jsonl, and any answer whose plain text equals
the text of one of those answers or contains a vectors sentence (grouped questions share an answer
under other ids).
Stratified: 18 answers drawn from those that contain at least one cue (``data.draw.CUE``), 6 from
the rest, with seed 20261203 (``random.Random(seed)`` over the sorted ids). Only the ids of the
excluded files are read, never their annotations.

One rule on top of the shared draw (blind4's, kept from the start): a drawn answer that repeats an
excluded answer, i.e. at least half of its sentences of 8+ words occur verbatim in the texts of the
excluded answers, is replaced by the first answer of the same stratum, in the order of
``random.Random(seed + 1)``, that is neither drawn nor such a repeat.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
# This file's name shadows the standard library's ``select``: drop its folder from the path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(ROOT))

from data.draw import GOLD, excluded, pools, read_corpus, sample, selection  # noqa: E402
from pipeline.ingest.html import html_to_text  # noqa: E402  (HTML to text only, not the engine)

EXCLUDED_SETS = (
    GOLD / "dev.jsonl",
    ROOT / "data" / "heldout" / "heldout.jsonl",
    ROOT / "data" / "devextra" / "devextra.jsonl",
    ROOT / "data" / "devextra2" / "devextra2.jsonl",
    ROOT / "data" / "blind2" / "blind2.jsonl",
    ROOT / "data" / "blind3" / "blind3.jsonl",
    ROOT / "data" / "blind4" / "blind4.jsonl",
)
SEED = 20261203
N_CUE, N_REST = 18, 6
PARITY = 0  # even ids only
MIN_WORDS = 8  # sentences shorter than this are standard phrases, not evidence of a repeat


def sentences(text: str, min_words: int = MIN_WORDS) -> list[str]:
    """The sentences of ``text`` (split after . ! ? and at line breaks) of ``min_words``+ words."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [s.strip() for s in parts if len(s.split()) >= min_words]


def is_repeat(text: str, known: set[str]) -> bool:
    """Whether at least half of ``text``'s long sentences are among the ``known`` sentences."""
    own = sentences(text)
    return bool(own) and 2 * sum(s in known for s in own) >= len(own)


def replace_repeats(
    chosen: list[int], stratum: Iterable[int], texts: dict[int, str], known: set[str], seed: int
) -> tuple[list[int], list[int]]:
    """``chosen`` with each repeat swapped for the next non-repeat of ``stratum``; and the repeats.

    The replacements come in the order of ``random.Random(seed)`` over the sorted stratum.
    """
    repeats = [i for i in chosen if is_repeat(texts[i], known)]
    kept = [i for i in chosen if i not in repeats]
    order = sorted(set(stratum) - set(chosen))
    random.Random(seed).shuffle(order)
    spare = (i for i in order if not is_repeat(texts[i], known))
    return sorted(kept + [next(spare) for _ in repeats]), repeats


def main() -> None:
    answers = read_corpus()
    ids, vector_sentences = excluded(EXCLUDED_SETS)
    cue, rest = pools(answers, ids, vector_sentences, parity=PARITY)
    chosen_cue, chosen_rest = sample(cue, rest, SEED, N_CUE, N_REST)
    texts = {a["id"]: html_to_text(a["answerText"] or "").text for a in answers}
    known = {s for i in ids if i in texts for s in sentences(texts[i])}
    chosen_cue, repeats_cue = replace_repeats(chosen_cue, cue, texts, known, SEED + 1)
    chosen_rest, repeats_rest = replace_repeats(chosen_rest, rest, texts, known, SEED + 1)
    chosen = (chosen_cue, chosen_rest)
    repeats = sorted(repeats_cue + repeats_rest)
    record = selection(cue, rest, chosen, SEED, "id % 2 == 0", replaced_repeats=repeats)
    print(json.dumps(record, indent=1))


if __name__ == "__main__":
    main()
