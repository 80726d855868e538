"""spaCy ``Matcher`` token patterns, matched outward from one required token (the anchor).

The commitment rules are ``Matcher`` patterns. spaCy's ``Matcher`` tries every pattern at every
token of what it is given and evaluates ``IN``/``NOT_IN`` sets through Python callbacks, token
by token; even on small windows around each rule's anchor word that was half of the
``pct_commitment`` component's time. Every match of a pattern holds its anchor token (a token
without ``?``/``*``, see :func:`~pipeline.nlp.commitment_rules.anchor_token`) at a known
position, so the matches are found by walking the pattern's tokens forwards and backwards from
each occurrence of an anchor word: the ends reachable after it times the starts reachable
before it. Token attributes are read once per Doc into :class:`TokenColumns` (lexeme ids and
flags, compared as integers).

The results are those of spaCy's ``Matcher`` on the same window (``tests/nlp/test_token_match.py``
compares the two on every model rule): all ``(start, end)`` pairs whose tokens match, then,
like ``greedy="LONGEST"``, the longest first and no two sharing a token
(:func:`longest_first`).

Supported: ``LOWER``, ``ORTH``/``TEXT`` and ``NORM`` with a string, or a dict of ``IN``,
``NOT_IN`` and ``REGEX``; the boolean lexical flags of :data:`FLAG_ATTRS`; quantifiers ``?``,
``*``, ``+`` and ``{n}``, ``{n,m}``, ``{n,}``, ``{,m}``. :func:`compile_anchored` returns None
for any other pattern, which the caller then hands to spaCy's ``Matcher``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import (
    IS_ALPHA,
    IS_ASCII,
    IS_DIGIT,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    IS_TITLE,
    IS_UPPER,
    LIKE_NUM,
    LOWER,
    NORM,
    ORTH,
    SPACY,
)
from spacy.strings import StringStore
from spacy.tokens import Doc

STRING_ATTRS: Mapping[str, int] = {"LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH, "NORM": NORM}
"""Pattern keys compared as strings, to the attribute ids ``Doc.to_array`` reads."""

FLAG_ATTRS: Mapping[str, int] = {
    "IS_ALPHA": IS_ALPHA,
    "IS_ASCII": IS_ASCII,
    "IS_DIGIT": IS_DIGIT,
    "IS_LOWER": IS_LOWER,
    "IS_UPPER": IS_UPPER,
    "IS_TITLE": IS_TITLE,
    "IS_PUNCT": IS_PUNCT,
    "IS_SPACE": IS_SPACE,
    "LIKE_NUM": LIKE_NUM,
}
"""Boolean lexical flags a pattern may test."""

COLUMNS: tuple[int, ...] = (LOWER, ORTH, NORM, *FLAG_ATTRS.values(), SPACY)
"""The attributes :class:`TokenColumns` reads, in column order (``SPACY``: 1 when whitespace
follows the token)."""

_COLUMN = {attr: i for i, attr in enumerate(COLUMNS)}
_STRING_PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})


class TokenColumns(dict[int, list[int]]):
    """A Doc's token attributes as lists of integers (lexeme string ids and 0/1 flags), keyed by
    their index in :data:`COLUMNS`; each is read with ``Doc.to_array`` the first time a pattern
    asks for it.

    Args:
        doc: The Doc.
    """

    __slots__ = ("doc", "length", "strings")

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc
        self.length = len(doc)
        self.strings: StringStore = doc.vocab.strings

    def __missing__(self, index: int) -> list[int]:
        values: list[int] = self.doc.to_array(COLUMNS[index]).tolist() if self.length else []
        self[index] = values
        return values

    def attr(self, attr: int) -> list[int]:
        """The values of ``attr`` (one of :data:`COLUMNS`), one per token."""
        return self[_COLUMN[attr]]


TokenTest = Callable[[TokenColumns, int], bool]


@dataclass(frozen=True, slots=True)
class TokenSpec:
    """One token of a pattern: what it must be and how often it repeats.

    Attributes:
        test: Whether the token at a position satisfies the token's conditions.
        least: Fewest repetitions (0 for ``?`` and ``*``).
        most: Most repetitions, None for unbounded (``*``, ``+``).
    """

    test: TokenTest
    least: int
    most: int | None


@dataclass(frozen=True, slots=True)
class AnchoredPattern:
    """A pattern split at its anchor token.

    Attributes:
        before: The tokens before the anchor, nearest first (walked backwards).
        anchor: The anchor token (exactly once).
        after: The tokens after the anchor, in order.
    """

    before: tuple[TokenSpec, ...]
    anchor: TokenTest
    after: tuple[TokenSpec, ...]


def quantifier(op: Any) -> tuple[int, int | None] | None:
    """The repetitions an ``OP`` value allows, or None for one this module does not handle."""
    if op is None:
        return 1, 1
    if not isinstance(op, str):
        return None
    fixed = {"?": (0, 1), "*": (0, None), "+": (1, None)}
    if op in fixed:
        return fixed[op]
    found = re.fullmatch(r"\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}", op)
    if found is None:
        return None
    low, comma, high = found.groups()
    if not comma:
        return (int(low), int(low)) if low else None
    least = int(low) if low else 0
    most = int(high) if high else None
    if most is not None and most < least:
        return None
    return least, most


def compile_token(token: Mapping[str, Any], strings: StringStore) -> TokenTest | None:
    """The test of one pattern token's conditions (``OP`` aside), or None when unsupported.

    Args:
        token: The pattern token (a dict of attribute conditions).
        strings: The vocabulary's string store (string values become lexeme ids).
    """
    checks: list[TokenTest] = []
    for key, value in token.items():
        if key == "OP":
            continue
        if key in FLAG_ATTRS:
            if not isinstance(value, bool):
                return None
            checks.append(_flag_test(_COLUMN[FLAG_ATTRS[key]], int(value)))
        elif key in STRING_ATTRS:
            column = _COLUMN[STRING_ATTRS[key]]
            if isinstance(value, str):
                checks.append(_equal_test(column, strings.add(value)))
            elif isinstance(value, Mapping) and value and set(value) <= _STRING_PREDICATES:
                for predicate, argument in value.items():
                    test = _predicate_test(column, predicate, argument, strings)
                    if test is None:
                        return None
                    checks.append(test)
            else:
                return None
        else:
            return None
    if not checks:
        return None  # {} matches any token; spaCy's handling of it is left to spaCy
    if len(checks) == 1:
        return checks[0]
    return _all_test(tuple(checks))


def _flag_test(column: int, value: int) -> TokenTest:
    def test(cols: TokenColumns, i: int) -> bool:
        return cols[column][i] == value

    return test


def _equal_test(column: int, value: int) -> TokenTest:
    def test(cols: TokenColumns, i: int) -> bool:
        return cols[column][i] == value

    return test


def _predicate_test(
    column: int, predicate: str, argument: Any, strings: StringStore
) -> TokenTest | None:
    if predicate in ("IN", "NOT_IN"):
        if not isinstance(argument, list | tuple) or not all(isinstance(v, str) for v in argument):
            return None
        values = frozenset(strings.add(v) for v in argument)
        if predicate == "IN":

            def inside(cols: TokenColumns, i: int) -> bool:
                return cols[column][i] in values

            return inside

        def outside(cols: TokenColumns, i: int) -> bool:
            return cols[column][i] not in values

        return outside
    if not isinstance(argument, str):
        return None
    regex = re.compile(argument)

    def search(cols: TokenColumns, i: int) -> bool:
        return regex.search(cols.strings[cols[column][i]]) is not None

    return search


def _all_test(checks: tuple[TokenTest, ...]) -> TokenTest:
    def test(cols: TokenColumns, i: int) -> bool:
        return all(check(cols, i) for check in checks)

    return test


def compile_anchored(
    pattern: Sequence[Mapping[str, Any]], position: int, strings: StringStore
) -> AnchoredPattern | None:
    """Compile ``pattern`` split at the token at ``position``, or None when some token uses a
    feature this module does not handle or the anchor token is not required exactly once.

    Args:
        pattern: A spaCy ``Matcher`` token pattern.
        position: The anchor token's index in ``pattern``.
        strings: The vocabulary's string store.
    """
    specs: list[TokenSpec] = []
    for token in pattern:
        test = compile_token(token, strings)
        bounds = quantifier(token.get("OP"))
        if test is None or bounds is None:
            return None
        specs.append(TokenSpec(test, bounds[0], bounds[1]))
    if not 0 <= position < len(specs) or (specs[position].least, specs[position].most) != (1, 1):
        return None
    return AnchoredPattern(
        before=tuple(reversed(specs[:position])),
        anchor=specs[position].test,
        after=tuple(specs[position + 1 :]),
    )


def _reach(
    specs: Sequence[TokenSpec], cols: TokenColumns, cursor: int, forward: bool, bound: int
) -> set[int]:
    """Where a run of ``specs`` that starts at ``cursor`` can stop.

    Forwards, ``cursor`` is the first token to consume and the results are end positions (one
    past the last token), all ``<= bound``; backwards, ``cursor - 1`` is the first token to
    consume and the results are start positions, all ``>= bound``.
    """
    frontier = {cursor}
    for spec in specs:
        test, least, most = spec.test, spec.least, spec.most
        reached: set[int] = set()
        for c in frontier:
            count = 0
            while True:
                if count >= least:
                    reached.add(c)
                if most is not None and count >= most:
                    break
                if forward:
                    if c >= bound or not test(cols, c):
                        break
                    c += 1
                else:
                    if c <= bound or not test(cols, c - 1):
                        break
                    c -= 1
                count += 1
        if not reached:
            return reached
        frontier = reached
    return frontier


def matches_at(
    pattern: AnchoredPattern, cols: TokenColumns, position: int, lo: int, hi: int
) -> list[tuple[int, int]]:
    """Every ``(start, end)`` match of ``pattern`` whose anchor token is at ``position``, inside
    ``[lo, hi)``, in no particular order."""
    if not lo <= position < hi or not pattern.anchor(cols, position):
        return []
    ends = _reach(pattern.after, cols, position + 1, True, hi) if pattern.after else (position + 1,)
    if not ends:
        return []
    starts = _reach(pattern.before, cols, position, False, lo) if pattern.before else (position,)
    return [(s, e) for s in starts for e in ends]


def longest_first(matches: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """spaCy's ``greedy="LONGEST"`` filter: the longest matches first (ties: the earlier one),
    each kept unless it shares a token with one kept before; in the order kept."""
    ordered = sorted(set(matches), key=lambda m: (m[1] - m[0], -m[0]), reverse=True)
    taken: set[int] = set()
    kept = []
    for start, end in ordered:
        if taken.isdisjoint(range(start, end)):
            kept.append((start, end))
            taken.update(range(start, end))
    return kept
