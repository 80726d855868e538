"""Numerals as written in English prose: digits with grouping commas, and number words.

Pure functions, no state: ``parse_digits("1,618")`` -> 1618.0, ``parse_number_words("forty-nine")``
-> 49.0, ``parse_number_words("one hundred and twenty")`` -> 120.0. The quantity finder calls
them on the spans its patterns found; they never search text themselves.
"""

from __future__ import annotations

import math
import re

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
HUNDRED = {"hundred": 100}
SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
DOZEN = {"dozen": 12}

NUMBER_WORDS: frozenset[str] = (
    frozenset(UNITS) | frozenset(TENS) | frozenset(HUNDRED) | frozenset(SCALES) | frozenset(DOZEN)
)

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_WORD_SPLIT = re.compile(r"[\s\-‐‑–]+")


def parse_digits(text: str) -> float | None:
    """The value of a digit numeral with optional grouping commas and decimals.

    Args:
        text: ``"1,618"``, ``"2.6"``, ``"0.75"``; no sign, no spaces.

    Returns:
        The value, or None when ``text`` is not such a numeral (``"1,23"``, ``"1.2.3"``) or its
        value is beyond a float's range (from about 309 digits: ``float`` gives infinity).
    """
    if not _DIGITS.match(text):
        return None
    value = float(text.replace(",", ""))
    return value if math.isfinite(value) else None


def parse_number_words(text: str) -> float | None:
    """The value of a cardinal written in words.

    Handles units, teens, tens, hyphenated tens ("forty-nine"), "hundred", scale words
    ("three million", "one hundred and twenty thousand") and "a dozen"/"two dozen". Plural scale
    words ("thousands") are vague amounts and give None, as do ordinals and anything else; a
    scale word alone ("a million dollar house") is one of it.

    Args:
        text: The words, separated by spaces or hyphens; "and" may join parts; case ignored.

    Returns:
        The value, or None when ``text`` is not a cardinal in words.
    """
    parts = [p for p in _WORD_SPLIT.split(text.lower().strip()) if p]
    if not parts or parts[0] == "and" or parts[-1] == "and":
        return None
    total = 0.0
    current = 0.0
    seen = False
    last: str | None = None
    for part in parts:
        if part == "and":
            if last not in HUNDRED and last not in SCALES:
                return None
            last = part
            continue
        if part in UNITS:
            if last in UNITS or (last in TENS and UNITS[part] >= 10):
                return None
            current += UNITS[part]
        elif part in TENS:
            if last in UNITS or last in TENS:
                return None
            current += TENS[part]
        elif part in HUNDRED:
            if last in HUNDRED:
                return None
            current = (current or 1) * 100
        elif part in DOZEN:
            current = (current or 1) * 12
        elif part in SCALES:
            if last in SCALES:
                return None
            total += (current or 1) * SCALES[part]
            current = 0.0
        else:
            return None
        seen = True
        last = part
    if not seen:
        return None
    return total + current


def format_value(value: float) -> str:
    """A compact text form of ``value`` for messages (``2.6e9`` -> ``"2600000000"``)."""
    return str(int(value)) if value == int(value) else repr(value)
