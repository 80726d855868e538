"""The rule language of ``pct_timex`` (:mod:`pipeline.nlp.timex_rules`): word-list macros written as
prefix trees, and the case check of insensitive patterns."""

from __future__ import annotations

import random
import re

import pytest

from pipeline.nlp.dates import MONTH_NAMES, MONTHS, NUMBER_WORDS, UNITS, WEEKDAYS
from pipeline.nlp.rules import IGNORECASE_ASCII_LETTERS, prefix_tree
from pipeline.nlp.timex_rules import BUILTIN_MACROS, case_folded_part


def _flat(words: list[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


WORD_LISTS = {
    "number words": [w for w in NUMBER_WORDS if w not in ("a", "an", "half")],
    "units": list(UNITS),
    "months": list(MONTHS),
    "month names": [f for w in MONTH_NAMES for f in (w.capitalize(), w.upper())],
    "weekdays": [f for w in WEEKDAYS for f in (w.capitalize(), w.upper(), w)],
    "prefixes": ["seven", "seventeen", "seventy", "six", "sixteen", "on", "one", "financial year"],
}


@pytest.mark.parametrize("name", sorted(WORD_LISTS))
def test_prefix_tree_matches_what_the_flat_alternation_matches(name: str) -> None:
    words = WORD_LISTS[name]
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    tree = re.compile(rf"(?:{prefix_tree(ordered)})(?P<rest>\w*)")
    flat = re.compile(rf"{_flat(words)}(?P<rest>\w*)")
    rng = random.Random(len(words))
    samples = [*words, *(w + "s" for w in words), *(w[:-1] for w in words if len(w) > 1)]
    samples += [
        "".join(rng.choice("aeinorstuvwxy ") for _ in range(rng.randint(1, 12))) for _ in range(500)
    ]
    for text in samples:
        for pos in range(len(text)):
            a, b = tree.match(text, pos), flat.match(text, pos)
            assert (a and (a.span(), a.group("rest"))) == (b and (b.span(), b.group("rest"))), text


def test_prefix_tree_shape() -> None:
    assert prefix_tree(["seventeen", "seventy", "seven", "six"]) == "s(?:even(?:t(?:een|y))?|ix)"
    assert prefix_tree(["ab"]) == "ab"
    assert prefix_tree([]) == ""
    with pytest.raises(ValueError, match="empty word"):
        prefix_tree(["", "a"])


def test_builtin_macros_compile() -> None:
    for name, pattern in BUILTIN_MACROS.items():
        assert re.compile(pattern), name


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?P<m>(?-i:(?:S(?:EP|ep)|D)))\s+of", ")+of"),
        (r"in (?-i:(?:J(?:AN|an)))\.? \(X\)", "in ? X"),
        (r"the\s+new\s+year", "the+new+year"),
        ("in " + BUILTIN_MACROS["MONTH_NAME"], "in "),
    ],
)
def test_case_folded_part_drops_nested_case_sensitive_groups(pattern: str, expected: str) -> None:
    """What is left is matched against lower-cased text: its upper-case letters are errors."""
    assert case_folded_part(pattern) == expected


# Patterns written for the regex engine's fast scan, with the readable form they stand for.
FAST_FORMS = [
    (r"(?:1\d?|2\d?|3[01]?|0[1-9]|4|5|6|7|8|9)", r"(?:[12]\d|3[01]|0[1-9]|[1-9])"),
    (r"(?P<day>1\d?|2\d?|3[01]?|0[1-9]|4|5|6|7|8|9)", r"(?P<day>[12]\d|3[01]|0[1-9]|[1-9])"),
    (r"(?P<hour>1[0-2]?|0[1-9]|2|3|4|5|6|7|8|9)", r"(?P<hour>1[0-2]|0[1-9]|[1-9])"),
    (r"(?P<offset>This|this|Next|next|Last|last)", r"(?P<offset>[Tt]his|[Nn]ext|[Ll]ast)"),
    (
        r"(?P<part>the\s+(?:end|beginning|start|middle|close|first\s+half|second\s+half|latter\s+part|early\s+part)\s+of|end\s+of|beginning\s+of|start\s+of|middle\s+of|close\s+of|first\s+half\s+of|second\s+half\s+of|latter\s+part\s+of|early\s+part\s+of|later\s+in|earlier\s+in)",
        r"(?P<part>(?:the\s+)?(?:end|beginning|start|middle|close|first\s+half|second\s+half|latter\s+part|early\s+part)\s+of|later\s+in|earlier\s+in)",
    ),
]
PIECES = [
    *"0123456789", "/", ".", ":", "-", " ", ",", "st", "th", "am", "p.m.", " of ", " March ",
    " September ", "Sept.", " this ", "Next ", "last ", "2024", "31", "12", "the end of the ",
    "later in the ", "first half of the ", "year", "month", " 2025", "10:30", "9pm",
]  # fmt: skip


def test_fast_patterns_match_what_their_readable_forms_match(nlp: object) -> None:
    from pipeline.engine import load_model

    rules = load_model().get_pipe("pct_timex").rules.patterns
    rng = random.Random(7)
    texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    rewritten = 0
    for rule in rules:
        readable = rule.regex.pattern
        for fast, slow in FAST_FORMS:
            readable = readable.replace(fast, slow)
        if readable == rule.regex.pattern:
            continue
        rewritten += 1
        slow_regex = re.compile(readable, rule.regex.flags)
        for text in texts:
            subject = text if rule.case == "sensitive" else text.lower()
            fast_found = [(m.span(), m.groupdict()) for m in rule.regex.finditer(subject)]
            slow_found = [(m.span(), m.groupdict()) for m in slow_regex.finditer(subject)]
            assert fast_found == slow_found, (rule.id, text)
    assert rewritten >= 10


def test_ignorecase_ascii_letters_are_every_character_re_folds_to_one() -> None:
    """Every non-ASCII code point a case-insensitive pattern matches for an ASCII letter, with
    its letter (the four found by testing them all)."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(cp) for cp in range(128, 0x110000) if letter.fullmatch(chr(cp))}
    assert found == set(IGNORECASE_ASCII_LETTERS)
    for char, ascii_letter in IGNORECASE_ASCII_LETTERS.items():
        assert re.fullmatch(ascii_letter, char, re.IGNORECASE)
