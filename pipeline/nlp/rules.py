"""Rule files: JSONL data validated on load, with coded, readable errors.

Each component keeps its rules as typed objects built ``from_dict``. This module holds the
shared checks (unknown keys, missing keys, enum values, types) and the JSONL reader/writer,
so that every rule file in ``models/`` fails the same way: naming the file, the line, the
field, the bad value and what is allowed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class RuleError(ValueError):
    """A malformed rule. ``code`` is stable (``PCT1xx``) so that tests and users can rely on it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"[{code}] {message}")
        self.code = code


def check_keys(
    data: Mapping[str, Any],
    *,
    required: Iterable[str],
    optional: Iterable[str] = (),
    where: str,
) -> None:
    """Reject unknown and missing keys.

    Args:
        data: The rule as read from JSON.
        required: Keys that must be present.
        optional: Keys that may be present.
        where: Where the rule came from, for the message ("timex.jsonl line 3").

    Raises:
        RuleError: PCT101 for a rule that is not an object, PCT102 for a missing key, PCT103
            for an unknown key.
    """
    if not isinstance(data, Mapping):
        raise RuleError(
            "PCT101", f"{where}: a rule must be a JSON object, got {type(data).__name__}"
        )
    required = tuple(required)
    allowed = set(required) | set(optional)
    missing = [k for k in required if k not in data]
    if missing:
        raise RuleError("PCT102", f"{where}: missing field(s) {', '.join(map(repr, missing))}")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RuleError(
            "PCT103",
            f"{where}: unknown field(s) {', '.join(map(repr, unknown))}; "
            f"allowed: {', '.join(sorted(allowed))}",
        )


def check_enum(value: Any, allowed: Iterable[str], *, field: str, where: str) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise PCT104 naming field and values."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise RuleError(
            "PCT104",
            f"{where}: field {field!r} has value {value!r}; allowed: {', '.join(allowed)}",
        )
    return str(value)


def check_type(value: Any, expected: type | tuple[type, ...], *, field: str, where: str) -> Any:
    """Return ``value`` if it is an instance of ``expected``, else raise PCT105."""
    if not isinstance(value, expected) or (isinstance(value, bool) and expected in (int, float)):
        names = (
            expected.__name__
            if isinstance(expected, type)
            else " or ".join(t.__name__ for t in expected)
        )
        raise RuleError(
            "PCT105",
            f"{where}: field {field!r} must be {names}, got {type(value).__name__} {value!r}",
        )
    return value


def check_regex(pattern: str, *, field: str, where: str, flags: int = 0) -> re.Pattern[str]:
    """Compile ``pattern`` or raise PCT106 with the regex error."""
    check_type(pattern, str, field=field, where=where)
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise RuleError("PCT106", f"{where}: field {field!r} is not a valid regex: {err}") from err


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line_number, object)`` for each non-blank, non-comment line of ``path``.

    Raises:
        RuleError: PCT107 when a line is not valid JSON.
    """
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("//"):
                continue
            try:
                yield number, json.loads(stripped)
            except json.JSONDecodeError as err:
                raise RuleError(
                    "PCT107", f"{path.name} line {number}: invalid JSON: {err}"
                ) from err


def load_rules(path: Path, from_dict: Callable[[dict[str, Any], str], T]) -> list[T]:
    """Read a JSONL rule file into typed rules, validating each line.

    Args:
        path: The JSONL file.
        from_dict: Builds a rule from one object; its second argument names the place
            ("patterns.jsonl line 3") for error messages.

    Returns:
        The rules in file order.
    """
    return [from_dict(obj, f"{path.name} line {n}") for n, obj in read_jsonl(path)]


def write_jsonl(path: Path, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write ``rows`` as canonical JSONL (one object per line, UTF-8, key order kept)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


IGNORECASE_ASCII_LETTERS: Mapping[str, str] = {
    "\u0130": "i",  # İ, capital I with a dot
    "\u0131": "i",  # ı, dotless i
    "\u017f": "s",  # ſ, long s
    "\u212a": "k",  # K, the Kelvin sign
}
"""The non-ASCII characters that a pattern compiled with ``re.IGNORECASE`` matches for an ASCII
letter, with that letter (every code point tested in ``tests/nlp/test_timex_rules.py``). Only
the Kelvin sign lower-cases to its letter with ``str.lower``."""

FOLDS_APART = "".join(c for c, letter in IGNORECASE_ASCII_LETTERS.items() if c.lower() != letter)
"""The characters ``re.IGNORECASE`` equates with an ASCII letter that ``str.lower`` does not map
to it (İ, ı, ſ)."""


def folds_alike(text: str, lowered: str) -> bool:
    """Whether ``lowered`` (``text.lower()``) stands for ``text`` under case-insensitive
    matching of ASCII letters: each character lower-cased to one (the offsets carry over) and
    none of :data:`FOLDS_APART`. Then a pattern lower-cased and compiled without
    ``re.IGNORECASE`` can be matched on ``lowered`` for the original on ``text``
    (``timex_match.lowered_twin``, ``quantity_rules.lower_twin``). (``in`` answers at once for
    a character wider than any of the text's.)"""
    return len(lowered) == len(text) and not any(c in text for c in FOLDS_APART)


def prefix_tree(words: Sequence[str]) -> str:
    """The alternation of ``words`` (in order of preference, no duplicates) as a regex over a
    tree of shared prefixes; a space matches ``\\s+``. The empty word matches nothing more.

    Words sharing a first character keep their relative order, and a word that is a prefix of
    another comes after it in ``words`` when ``words`` is longest first, so the tree prefers
    what the flat alternation prefers.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    parts = []
    for first, rests in groups.items():
        if not first:
            continue
        head = r"\s+" if first == " " else re.escape(first)
        parts.append(head if rests == [""] else head + prefix_tree(rests))
    if not parts:
        return ""
    body = "|".join(parts)
    if "" in groups:
        if next(iter(groups)) == "":
            raise ValueError("prefix_tree: the empty word must come after the words it prefixes")
        return f"(?:{body})?"
    return f"(?:{body})" if len(parts) > 1 else body
