"""Small pure functions over answer text: sentence offsets and content terms.

The audit works on the plain text the engine's offsets point into. It needs sentences only to
know which initiative a commitment's clause sits with, so a linear regex splitter is enough (the
plain text keeps paragraphs apart with blank lines, and answers are edited prose).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9£])|\n+")
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:hon|Hon|No|no|Nos|Dr|Mr|Mrs|Ms|St|Rt|e\.g|i\.e|etc|vs|para|paras|cf|approx|Co|Ltd|Gov)\.)$"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
ANAPHORS = re.compile(
    r"^\s*(?:this|these|it|they|that|those|such"
    r"|the (?:work|plan|programme|strategy|review|group|board|scheme|fund))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[char_start:char_end]``."""

    char_start: int
    char_end: int


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences at terminal punctuation and line breaks.

    A full stop after a common abbreviation ("hon.", "No.", "e.g.") does not end a sentence.
    Offsets cover the text without surrounding whitespace; empty pieces are dropped.
    """
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        before = text[max(start, match.start() - 8) : match.start()]
        if "\n" not in match.group(0) and _ABBREVIATION_END.search(before):
            continue
        _append(sentences, text, start, match.start())
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end))


def sentence_index(sentences: Sequence[Sentence], offset: int) -> int:
    """Index of the sentence holding ``offset`` (the nearest one before it when between two)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].char_start <= offset:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


def stem(word: str) -> str:
    """A light, deterministic normal form: lower case, possessive and plural endings removed."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_terms(text: str, *, exclude: Iterable[str] = ()) -> frozenset[str]:
    """The content words of ``text`` in their :func:`stem` form.

    Args:
        text: Any text.
        exclude: Further words to leave out (compared after lower-casing, before stemming).

    Returns:
        Stems of the words that are neither English stop words nor in ``exclude``.
    """
    skip = set(exclude)
    terms = set()
    for match in _WORD.finditer(text):
        word = match.group(0).lower().replace("’", "'")
        if word in STOP_WORDS or word in skip or len(word) < 2:
            continue
        stemmed = stem(word)
        if stemmed in STOP_WORDS or stemmed in skip:
            continue
        terms.add(stemmed)
    return frozenset(terms)


def starts_with_anaphor(text: str) -> bool:
    """True when ``text`` opens with a pronoun or description pointing back ("This ...")."""
    return bool(ANAPHORS.match(text))
