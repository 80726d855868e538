"""The pool and the draw shared by the gold-set selection scripts (``data/*/select.py``).

Every set is drawn from the same pool (holding, empty, over-``max_words`` and duplicate answers
left out), minus the ids of the sets drawn before it and any answer whose plain text equals one
of theirs or contains a vectors sentence (grouped questions share an answer under other ids),
stratified into answers with a cue (:data:`CUE`) and the rest, sampled with
``random.Random(seed)`` over the sorted ids. Only the ids (and the vectors' sentences) of the
excluded files are read, never their annotations.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pipeline.ingest.html import html_to_text  # HTML to text only, not the engine

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "commons-written-answers-2023-2025.jsonl.gz"
GOLD = SHARED / "gold"
VECTORS = tuple(
    GOLD / name
    for name in ("vectors-timex.jsonl", "vectors-quantity.jsonl", "vectors-commitment.jsonl")
)
DRAWN_IN_ORDER = (
    "heldout",
    "devextra",
    "devextra2",
    "blind2",
    "blind3",
    "blind4",
    "blind5",
    "blind6",
    "devextra3",
    "devextra4",
    "blind7",
    "devextra5",
    "devextra6",
    "devextra7",
    "devextra8",
)
"""The sets of ``data/`` in the order they were drawn (``dev.jsonl`` of the shared gold first):
each excludes every set drawn before it (:func:`drawn_before`), but blind2, drawn the same day
as devextra2 from the other parity, which lists its own."""
MAX_WORDS = 400
CUE = re.compile(
    r"\bwill\b|\bcommitted\b|\bplan|\baim|\bintend|\bby 20\d\d|\blaunched\b|\bpublished\b|£"
    r"|\bper cent\b",
    re.IGNORECASE,
)
"""A commitment cue (will / committed / plan / aim / intend / by 20.. / launched / published / £ /
per cent): the strata of every draw."""


def excluded(
    gold_sets: Iterable[Path], vectors: Iterable[Path] = VECTORS
) -> tuple[set[int], list[str]]:
    """The ids of the gold sets and vectors files, and the vectors' sentences.

    A set drawn but not yet annotated (no gold file yet) gives the ids of its ``selection.json``,
    which its checker holds equal to its gold file's ids: sets can be drawn one after another
    and annotated at the same time."""
    ids: set[int] = set()
    sentences: list[str] = []
    for path in gold_sets:
        if not path.exists() and (path.parent / "selection.json").exists():
            selected = json.loads((path.parent / "selection.json").read_text(encoding="utf-8"))
            ids.update(selected["ids"])
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["id"])
    for path in vectors:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            ids.add(row["id"])
            sentences.append(row["sentence"])
    return ids, sentences


def gold_set(name: str) -> Path:
    """The gold file of the set drawn into ``data/<name>/`` (``data/<name>/<name>.jsonl``)."""
    return ROOT / "data" / name / f"{name}.jsonl"


def drawn_before(name: str) -> tuple[Path, ...]:
    """The gold files of ``dev.jsonl`` and of every set of :data:`DRAWN_IN_ORDER` before
    ``name``: what a set drawn after all of them excludes."""
    earlier = DRAWN_IN_ORDER[: DRAWN_IN_ORDER.index(name)]
    return (GOLD / "dev.jsonl", *(gold_set(n) for n in earlier))


def read_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The corpus's answers (the API's ``value`` objects)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line)["value"] for line in f]


def pools(
    answers: Sequence[dict[str, Any]],
    ids: set[int],
    sentences: Sequence[str],
    *,
    parity: int | None = None,
    max_words: int = MAX_WORDS,
) -> tuple[list[int], list[int]]:
    """The ids that may be drawn, with a cue and without, in id order.

    Args:
        answers: The corpus's answers.
        ids: Ids never to draw (and whose texts are never drawn under another id).
        sentences: Sentences no drawn text may contain.
        parity: Only ids with ``id % 2 == parity``; every id when None. A text is remembered
            before this test, so a drawn id never repeats a text of the other parity.
        max_words: Longer answers are left out.
    """
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
        if len(text.split()) > max_words:
            continue
        seen.add(text)
        if parity is not None and a["id"] % 2 != parity:
            continue
        (cue if CUE.search(text) else rest).append(a["id"])
    return cue, rest


def sample(
    cue: list[int], rest: list[int], seed: int, n_cue: int, n_rest: int
) -> tuple[list[int], list[int]]:
    """``n_cue`` ids with a cue and ``n_rest`` without, each sorted (one ``Random(seed)``)."""
    rng = random.Random(seed)
    return sorted(rng.sample(cue, n_cue)), sorted(rng.sample(rest, n_rest))


def selection(
    cue: list[int],
    rest: list[int],
    chosen: tuple[list[int], list[int]],
    seed: int,
    parity: Any = None,
    **extra: Any,
) -> dict[str, Any]:
    """A draw as a set's ``selection.json`` records it: the seed, the parity rule (left out when
    None: the sets drawn from every id), the pools' sizes, the ids chosen from each (``chosen``:
    cue ids, rest ids), any ``extra`` fields, and all the ids, sorted."""
    chosen_cue, chosen_rest = chosen
    return {
        "seed": seed,
        **({"parity": parity} if parity is not None else {}),
        "pool_cue": len(cue),
        "pool_rest": len(rest),
        "cue": chosen_cue,
        "rest": chosen_rest,
        **extra,
        "ids": sorted(chosen_cue + chosen_rest),
    }


def draw(
    excluded_sets: Iterable[Path], seed: int, n_cue: int, n_rest: int, parity: int | None
) -> tuple[list[int], list[int], tuple[list[int], list[int]]]:
    """The cue and rest pools of the corpus without ``excluded_sets``' answers (ids with
    ``id % 2 == parity``; every id when None), and the ids :func:`sample` draws from them."""
    cue, rest = pools(read_corpus(), *excluded(excluded_sets), parity=parity)
    return cue, rest, sample(cue, rest, seed, n_cue, n_rest)


MIN_WORDS = 8
"""Sentences shorter than this are standard phrases, not evidence of a repeat."""


def long_sentences(text: str, min_words: int = MIN_WORDS) -> list[str]:
    """The sentences of ``text`` (split after . ! ? and at line breaks) of ``min_words``+ words."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [s.strip() for s in parts if len(s.split()) >= min_words]


def is_repeat(text: str, known: set[str]) -> bool:
    """Whether at least half of ``text``'s long sentences are among the ``known`` sentences."""
    own = long_sentences(text)
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


def blind_selection(
    excluded_sets: Iterable[Path], seed: int, n_cue: int, n_rest: int, parity: int
) -> dict[str, Any]:
    """A blind set's draw (blind4's rule, which later sets keep): :func:`sample` from the pools
    without ``excluded_sets``' answers (ids with ``id % 2 == parity``), each drawn answer that
    repeats an excluded one (:func:`is_repeat`: at least half of its long sentences occur verbatim
    in their texts) replaced by the first non-repeat of its stratum in the order of
    ``random.Random(seed + 1)``; as :func:`selection` records it, with ``replaced_repeats``."""
    answers = read_corpus()
    ids, vector_sentences = excluded(excluded_sets)
    cue, rest = pools(answers, ids, vector_sentences, parity=parity)
    chosen_cue, chosen_rest = sample(cue, rest, seed, n_cue, n_rest)
    texts = {a["id"]: html_to_text(a["answerText"] or "").text for a in answers}
    known = {s for i in ids if i in texts for s in long_sentences(texts[i])}
    chosen_cue, repeats_cue = replace_repeats(chosen_cue, cue, texts, known, seed + 1)
    chosen_rest, repeats_rest = replace_repeats(chosen_rest, rest, texts, known, seed + 1)
    repeats = sorted(repeats_cue + repeats_rest)
    rule = f"id % 2 == {parity}"
    return selection(cue, rest, (chosen_cue, chosen_rest), seed, rule, replaced_repeats=repeats)
