"""The naive baseline the rule model must beat (issue 4): keywords and dateparser.

A sentence with "will", "committed to", "plans to" or "aims to" is one future commitment (the
whole sentence is its quote); dateparser's ``search_dates`` finds the time expressions (each a
one-day interval) and the first one in a committing sentence is its due date. It writes the
gold format (GUIDELINES.md section 4a), so ``score_records`` scores it like the engine.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
TRIGGER = re.compile(r"\b(?:will|committed to|plans? to|aims? to)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date dateparser found.

    Attributes:
        text: The words it read, as written.
        char_start: Offset of the first character in the text searched.
        char_end: Offset one past the last character.
        date: The day it resolved them to.
    """

    text: str
    char_start: int
    char_end: int
    date: dt.date


def find_dates(text: str, anchor: dt.date) -> list[FoundDate]:
    """Every date ``dateparser.search.search_dates`` finds in ``text``, relative to ``anchor``.

    The one place the baseline calls dateparser: every setting is passed explicitly in a fresh
    dictionary (dateparser's search writes to the settings it is given).

    Args:
        text: Plain text.
        anchor: The answer date, for relative expressions ("next year").
    """
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = search_dates(text, languages=["en"], settings=settings) or []
    out = []
    cursor = 0
    for words, when in found:
        start = text.find(words, cursor)
        if start < 0:
            continue
        cursor = start + len(words)
        out.append(FoundDate(words, start, cursor, when.date()))
    return out


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text`` (split after . ! ? and at newlines)."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def baseline_record(answer_id: Any, text: str, anchor: dt.date) -> dict[str, Any]:
    """The baseline's prediction for one answer, in the gold format.

    Args:
        answer_id: The answer's id.
        text: The answer's plain text.
        anchor: The answer date.
    """
    dates = find_dates(text, anchor)
    commitments = []
    for start, end in sentences(text):
        sentence = text[start:end].strip()
        if not TRIGGER.search(sentence):
            continue
        inside = [d for d in dates if start <= d.char_start and d.char_end <= end]
        first = inside[0] if inside else None
        commitments.append(
            {
                "quote": sentence,
                "kind": "future",
                "actor": None,
                "due": first.date.isoformat() if first else None,
                "due_text": first.text if first else None,
            }
        )
    return {
        "id": answer_id,
        "date_answered": anchor.isoformat(),
        "commitments": commitments,
        "timexes": [
            {
                "text": d.text,
                "type": "date",
                "start": d.date.isoformat(),
                "end": d.date.isoformat(),
                "value": None,
            }
            for d in dates
        ],
        "quantities": [],
    }


def baseline_records(answers: Iterable[tuple[Any, str, dt.date]]) -> list[dict[str, Any]]:
    """The baseline's predictions for ``(id, text, answer date)`` triples."""
    return [baseline_record(answer_id, text, anchor) for answer_id, text, anchor in answers]
