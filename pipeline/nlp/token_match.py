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
from dataclasses import dataclass, field
from typing import Any, TypeVar

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
from spacy.vocab import Vocab

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

COLUMN_INDEX: Mapping[int, int] = {attr: i for i, attr in enumerate(COLUMNS)}
"""An attribute id's index in :data:`COLUMNS` (the key :class:`TokenColumns` keeps it under)."""

_COLUMN = COLUMN_INDEX
_STRING_PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})


V = TypeVar("V")


class BoundedMemo(dict[int, V]):
    """The values of a pure function of an id (a word form's ``ORTH`` or ``LOWER`` id), each
    computed the first time its id is asked for and kept. It forgets everything when it holds
    ``limit`` ids, so it stays bounded over a long backfill.

    Args:
        compute: The function.
        limit: Most ids kept.
    """

    __slots__ = ("compute", "limit")

    def __init__(self, compute: Callable[[int], V], limit: int = 200_000) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: int) -> V:
        if len(self) >= self.limit:
            self.clear()
        value = self.compute(key)
        self[key] = value
        return value


def lexeme_flags(vocab: Vocab, limit: int = 200_000) -> BoundedMemo[int]:
    """The lexical flag bits of word forms (``Lexeme.flags``: bit ``1 << IS_ALPHA`` and so on,
    what ``Doc.to_array(IS_ALPHA)`` reads per token), by ``ORTH`` id, from ``vocab``."""
    return BoundedMemo(lambda orth: vocab[orth].flags, limit)


def lexeme_texts(strings: StringStore, limit: int = 200_000) -> BoundedMemo[str]:
    """The strings of lexeme ids (``ORTH``, ``LOWER``) in ``strings`` (``StringStore`` builds a
    new ``str`` on every lookup)."""
    return BoundedMemo(strings.__getitem__, limit)


def regex_memo(
    regex: re.Pattern[str], strings: StringStore, limit: int = 200_000
) -> BoundedMemo[bool]:
    """Whether ``regex`` is found in a string, by the string's id in ``strings``."""
    return BoundedMemo(lambda key: regex.search(strings[key]) is not None, limit)


class TokenColumns(dict[int, list[int]]):
    """A Doc's token attributes as lists of integers (lexeme string ids and 0/1 flags), keyed by
    their index in :data:`COLUMNS`; each is read with ``Doc.to_array`` the first time a pattern
    asks for it. The compiled finders read flags through :attr:`flags` instead.

    Args:
        doc: The Doc.
        flags: The flag bits of word forms, shared between Docs of one vocabulary (a new memo
            for this Doc when None).
    """

    __slots__ = ("doc", "flags", "length", "strings")

    def __init__(self, doc: Doc, flags: BoundedMemo[int] | None = None) -> None:
        super().__init__()
        self.doc = doc
        self.length = len(doc)
        self.strings: StringStore = doc.vocab.strings
        self.flags = flags if flags is not None else lexeme_flags(doc.vocab)

    def __missing__(self, index: int) -> list[int]:
        values: list[int] = self.doc.to_array(COLUMNS[index]).tolist() if self.length else []
        self[index] = values
        return values

    def read(self, indexes: Iterable[int]) -> None:
        """Read the columns at these :data:`COLUMNS` indexes that are not read yet, with one
        ``Doc.to_array`` call (the same values as reading them one by one)."""
        wanted = [i for i in indexes if i not in self]
        if not wanted or not self.length:
            for i in wanted:
                self[i] = []
            return
        if len(wanted) == 1:  # to_array of a one-item list gives a flat array: read it alone
            self.__missing__(wanted[0])
            return
        array = self.doc.to_array([COLUMNS[i] for i in wanted])
        for i, values in zip(wanted, array.T.tolist(), strict=True):
            self[i] = values

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
        find: The same pattern compiled into one Python function (see :func:`compile_finder`):
            ``find(cols, position, lo, hi)`` gives what :func:`matches_at` gives.
        columns: The :data:`COLUMNS` indexes :attr:`find` reads (``ORTH`` for a flag).
    """

    before: tuple[TokenSpec, ...]
    anchor: TokenTest
    after: tuple[TokenSpec, ...]
    find: Finder | None = field(default=None, compare=False, repr=False)
    columns: frozenset[int] = field(default=frozenset(), compare=False, repr=False)


Finder = Callable[[TokenColumns, int, int, int], list[tuple[int, int]]]
"""A compiled pattern: ``(columns, anchor position, lo, hi)`` to its matches there."""


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
    checks = token_checks(token, strings)
    if checks is None:
        return None
    tests = [_check_test(check) for check in checks]
    if len(tests) == 1:
        return tests[0]
    return _all_test(tuple(tests))


Check = tuple[str, int, Any]
"""One condition of a pattern token: ``(kind, column, value)``; kinds ``flag`` and ``equal``
compare the column's integer with ``value``, ``in`` and ``not_in`` test membership of the
frozenset ``value``, ``regex`` searches the compiled ``value`` in the column's string."""


def token_checks(token: Mapping[str, Any], strings: StringStore) -> list[Check] | None:
    """The conditions of one pattern token (``OP`` aside), or None when some is unsupported or
    there is none (``{}`` matches any token; spaCy's handling of it is left to spaCy).

    Args:
        token: The pattern token (a dict of attribute conditions).
        strings: The vocabulary's string store (string values become lexeme ids).
    """
    checks: list[Check] = []
    for key, value in token.items():
        if key == "OP":
            continue
        if key in FLAG_ATTRS:
            if not isinstance(value, bool):
                return None
            checks.append(("flag", _COLUMN[FLAG_ATTRS[key]], int(value)))
        elif key in STRING_ATTRS:
            column = _COLUMN[STRING_ATTRS[key]]
            if isinstance(value, str):
                checks.append(("equal", column, strings.add(value)))
            elif isinstance(value, Mapping) and value and set(value) <= _STRING_PREDICATES:
                for predicate, argument in value.items():
                    check = _predicate_check(column, predicate, argument, strings)
                    if check is None:
                        return None
                    checks.append(check)
            else:
                return None
        else:
            return None
    return checks or None


def _predicate_check(
    column: int, predicate: str, argument: Any, strings: StringStore
) -> Check | None:
    if predicate in ("IN", "NOT_IN"):
        if not isinstance(argument, list | tuple) or not all(isinstance(v, str) for v in argument):
            return None
        values = frozenset(strings.add(v) for v in argument)
        return ("in" if predicate == "IN" else "not_in", column, values)
    if not isinstance(argument, str):
        return None
    return ("regex", column, re.compile(argument))


def _check_test(check: Check) -> TokenTest:
    kind, column, value = check
    if kind in ("flag", "equal"):
        return _equal_test(column, value)
    if kind == "in":
        return _inside_test(column, value)
    if kind == "not_in":
        return _outside_test(column, value)
    return _search_test(column, value)


def _equal_test(column: int, value: int) -> TokenTest:
    def test(cols: TokenColumns, i: int) -> bool:
        return cols[column][i] == value

    return test


def _inside_test(column: int, values: frozenset[int]) -> TokenTest:
    def inside(cols: TokenColumns, i: int) -> bool:
        return cols[column][i] in values

    return inside


def _outside_test(column: int, values: frozenset[int]) -> TokenTest:
    def outside(cols: TokenColumns, i: int) -> bool:
        return cols[column][i] not in values

    return outside


def _search_test(column: int, regex: re.Pattern[str]) -> TokenTest:
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
    checks: list[list[Check]] = []
    for token in pattern:
        found = token_checks(token, strings)
        bounds = quantifier(token.get("OP"))
        if found is None or bounds is None:
            return None
        test = (
            _check_test(found[0])
            if len(found) == 1
            else _all_test(tuple(_check_test(c) for c in found))
        )
        specs.append(TokenSpec(test, bounds[0], bounds[1]))
        checks.append(found)
    if not 0 <= position < len(specs) or (specs[position].least, specs[position].most) != (1, 1):
        return None
    bounds_of = [(spec.least, spec.most) for spec in specs]
    return AnchoredPattern(
        before=tuple(reversed(specs[:position])),
        anchor=specs[position].test,
        after=tuple(specs[position + 1 :]),
        columns=frozenset(
            _COLUMN[ORTH] if kind == "flag" else column
            for found in checks
            for kind, column, _ in found
        ),
        find=compile_finder(
            list(zip(reversed(checks[:position]), reversed(bounds_of[:position]), strict=True)),
            checks[position],
            list(zip(checks[position + 1 :], bounds_of[position + 1 :], strict=True)),
            strings,
        ),
    )


def compile_finder(
    before: Sequence[tuple[Sequence[Check], tuple[int, int | None]]],
    anchor: Sequence[Check],
    after: Sequence[tuple[Sequence[Check], tuple[int, int | None]]],
    strings: StringStore,
) -> Finder:
    """One Python function that does what :func:`matches_at` does for a pattern, written out
    with the pattern's tests inline (columns as local lists, sets as constants).

    :func:`matches_at` interprets the pattern: a call per token test, a loop per token spec;
    for the commitment rules' ~200k anchor positions over the shared corpus that was most of
    the matching time, and three calls in four find nothing. The generated code walks the same
    frontiers (the equivalence is tested on every model rule, :func:`_reach` being the
    reference), with three economies:

    - while the frontier is one position (from the anchor through tokens required exactly
      once, the usual way a match fails) it is a local integer, not a set;
    - a lexical flag is read from the lexeme's flag bits (:attr:`TokenColumns.flags`, one
      lookup per word form) instead of a column of its own;
    - a ``REGEX`` is searched once per lexeme id (:func:`regex_memo`), not once per token.

    Args:
        before: The tokens before the anchor, nearest first: each token's checks and its
            ``(least, most)`` repetitions.
        anchor: The anchor token's checks.
        after: The tokens after the anchor, in order, as ``before``.
        strings: The string store of the vocabulary the Docs use (for the regexes' strings).
    """
    constants: dict[str, Any] = {}
    columns: set[int] = set()
    uses_flags = False

    def expression(checks: Sequence[Check], index: str) -> str:
        nonlocal uses_flags
        parts = []
        for kind, column, value in checks:
            name = f"V{len(constants)}"
            if kind == "flag":
                uses_flags = True
                columns.add(_COLUMN[ORTH])
                bit = 1 << COLUMNS[column]
                parts.append(f"F[K{_COLUMN[ORTH]}[{index}]] & {bit} {'!=' if value else '=='} 0")
                continue
            columns.add(column)
            cell = f"K{column}[{index}]"
            if kind == "equal":
                parts.append(f"{cell} == {int(value)}")
            elif kind == "regex":
                constants[name] = regex_memo(value, strings)
                parts.append(f"{name}[{cell}]")
            else:
                constants[name] = value
                parts.append(f"{cell} {'in' if kind == 'in' else 'not in'} {name}")
        return " and ".join(f"({p})" for p in parts)

    check = [
        f"    if not (lo <= position < hi and {expression(anchor, 'position')}):",
        "        return []",
    ]
    slow = check + _walk(after, expression, forward=True)
    slow += _walk(before, expression, forward=False)
    slow.append(_product(before, after))
    fast = check + _walk_single(after, expression, forward=True)
    fast += _walk_single(before, expression, forward=False)
    fast.append("    return [(b, a)]")
    head = [f"    K{c} = cols[{c}]" for c in sorted(columns)]
    if uses_flags:
        head.append("    F = cols.flags")
    source = ["def walk(cols, position, lo, hi):", *head, *slow]
    source += ["", "def find(cols, position, lo, hi):", *head, *fast]
    namespace = dict(constants)
    exec("\n".join(source), namespace)  # source built here from the checks
    return namespace["find"]


def _walk_single(
    specs: Sequence[tuple[Sequence[Check], tuple[int, int | None]]],
    expression: Callable[[Sequence[Check], str], str],
    *,
    forward: bool,
) -> list[str]:
    """Source lines that walk ``specs`` from the anchor while the frontier is one position,
    kept in the integer ``a`` (ends) or ``b`` (starts): each token's least repetitions are
    consumed (or ``[]`` is returned); where it could repeat once more the frontier would grow,
    and the whole match is handed to ``walk`` (the general set-walking function) instead."""
    cursor = "a" if forward else "b"
    lines = [f"    {cursor} = position + 1" if forward else f"    {cursor} = position"]
    limit = "a < hi" if forward else "b > lo"
    move = f"    {cursor} {'+' if forward else '-'}= 1"
    for checks, (least, most) in specs:
        test = expression(checks, "a" if forward else "b - 1")
        for _ in range(least):
            lines += [f"    if not ({limit} and {test}):", "        return []", move]
        if most is None or most > least:
            lines += [f"    if {limit} and {test}:", "        return walk(cols, position, lo, hi)"]
    return lines


def _scalar_prefix(specs: Sequence[tuple[Sequence[Check], tuple[int, int | None]]]) -> int:
    """How many of ``specs``, from the anchor, are required exactly once (the frontier stays
    one position through them)."""
    count = 0
    for _, bounds in specs:
        if bounds != (1, 1):
            break
        count += 1
    return count


def _product(
    before: Sequence[tuple[Sequence[Check], tuple[int, int | None]]],
    after: Sequence[tuple[Sequence[Check], tuple[int, int | None]]],
) -> str:
    """The source line returning every ``(start, end)`` pair of the walked frontiers."""
    starts = "b" if _scalar_prefix(before) == len(before) else None
    ends = "a" if _scalar_prefix(after) == len(after) else None
    if starts and ends:
        return "    return [(b, a)]"
    return (
        f"    return [(s, e) for s in {f'({starts},)' if starts else 'f_before'}"
        f" for e in {f'({ends},)' if ends else 'f_after'}]"
    )


def _walk(
    specs: Sequence[tuple[Sequence[Check], tuple[int, int | None]]],
    expression: Callable[[Sequence[Check], str], str],
    *,
    forward: bool,
) -> list[str]:
    """Source lines that walk ``specs`` from the anchor (as :func:`_reach`), leaving the
    reachable ends or starts: in the integer ``a`` (ends) or ``b`` (starts) while every token
    so far is required exactly once, then in the set ``f_after`` or ``f_before``; an empty
    frontier returns ``[]``."""
    cursor = "a" if forward else "b"
    lines = [f"    {cursor} = position + 1" if forward else f"    {cursor} = position"]
    if not specs:
        return lines
    inside = "c < hi" if forward else "c > lo"
    step = "c + 1" if forward else "c - 1"
    at = "c" if forward else "c - 1"
    scalar = _scalar_prefix(specs)
    for checks, _ in specs[:scalar]:
        test = expression(checks, "a" if forward else "b - 1")
        limit = "a < hi" if forward else "b > lo"
        lines.append(f"    if not ({limit} and {test}):")
        lines.append("        return []")
        lines.append(f"    {cursor} {'+' if forward else '-'}= 1")
    if scalar == len(specs):
        return lines
    name = "f_after" if forward else "f_before"
    lines.append(f"    {name} = ({cursor},)")
    for checks, (least, most) in specs[scalar:]:
        test = expression(checks, at)
        if (least, most) == (1, 1):
            lines += [
                "    r = set()",
                f"    for c in {name}:",
                f"        if {inside} and {test}:",
                f"            r.add({step})",
            ]
        elif (least, most) == (0, 1):
            lines += [
                f"    r = set({name})",
                f"    for c in {name}:",
                f"        if {inside} and {test}:",
                f"            r.add({step})",
            ]
        elif (least, most) == (0, None):
            lines += [
                "    r = set()",
                f"    for c in {name}:",
                "        r.add(c)",
                f"        while {inside} and {test}:",
                f"            c = {step}",
                "            r.add(c)",
            ]
        elif (least, most) == (1, None):
            lines += [
                "    r = set()",
                f"    for c in {name}:",
                f"        while {inside} and {test}:",
                f"            c = {step}",
                "            r.add(c)",
            ]
        else:
            limit = "" if most is None else f"n < {most} and "
            lines += [
                "    r = set()",
                f"    for c in {name}:",
                "        n = 0",
                "        while True:",
                f"            if n >= {least}:",
                "                r.add(c)",
                f"            if not ({limit}{inside} and {test}):",
                "                break",
                f"            c = {step}",
                "            n += 1",
            ]
        lines += ["    if not r:", "        return []", f"    {name} = r"]
    return lines


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
    ``[lo, hi)``, in no particular order (the pattern's compiled :attr:`AnchoredPattern.find`
    when it has one, else the pattern interpreted)."""
    if pattern.find is not None:
        return pattern.find(cols, position, lo, hi)
    return interpret_at(pattern, cols, position, lo, hi)


def interpret_at(
    pattern: AnchoredPattern, cols: TokenColumns, position: int, lo: int, hi: int
) -> list[tuple[int, int]]:
    """:func:`matches_at` by interpreting the pattern's token specs (the reference the compiled
    finders are tested against)."""
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
