"""Typed rules of the ``pct_timex`` component, built ``from_dict`` and validated on load.

The rule files live in ``models/<model>/pct_timex/``, one JSONL file per kind:

- ``macros.jsonl`` (:class:`Macro`): named sub-patterns (``{MONTH}``, ``{YEAR}``) that patterns
  use; the calendar's word lists provide built-in ones (``{MONTH_NAME}``, ``{MONTH_FULL}``,
  ``{WEEKDAY_NAME}``, ``{SEASON_NAME}``, ``{NUMBER_WORD}``, ``{ORDINAL_WORD}``, ``{UNIT_WORD}``,
  ``{DAYPART}``). A ``{PART}`` macro, when defined, says how a part of a period is written before
  a date ("the end of", "early", "later in"); the matcher joins it to date expressions.
- ``patterns.jsonl`` (:class:`TimexRule`): a regular expression whose named groups fill a
  :class:`~pipeline.nlp.dates.DateSpec` (or a duration, set, time or deictic value), with optional
  context conditions on the text before and after the match.
- ``blocks.jsonl`` (:class:`BlockRule`): places where nothing is a time expression (the year of
  "the Children Act 1989", a quoted publication title).
- ``ranges.jsonl`` (:class:`RangeRule`): what may join two dates into one range ("April to June
  2024", "between 2011 and 2023").
- ``tenses.jsonl`` (:class:`TenseRule`): words that set the tense of a clause, which decides
  whether "in September" is the last September or the next one.
- ``roles.jsonl`` (:class:`RoleRule`): which governing prepositions make an expression a
  ``deadline``, a ``horizon`` or an ``event``.

Every ``from_dict`` rejects unknown and missing keys (PCT102/PCT103), bad enum values (PCT104,
naming the field, the value and the allowed values), wrong types (PCT105) and bad regexes
(PCT106); an unknown macro or a group no normaliser reads is PCT110.
"""

from __future__ import annotations

import re
import re._constants as sre  # a pattern's parsed form: the words its matches hold
import re._parser as sre_parse
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.nlp.calendar import PREPOSITIONS
from pipeline.nlp.dates import (
    MONTH_NAMES,
    MONTHS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    PARTS,
    SEASON_WORDS,
    TENSES,
    UNIT_NAMES,
    UNITS,
    WEEKDAYS,
)
from pipeline.nlp.rules import (
    RuleError,
    check_enum,
    check_keys,
    check_regex,
    check_type,
    prefix_tree,
    read_jsonl,
    write_jsonl,
)
from pipeline.types import TIMEX_ROLES, TIMEX_TYPES

NORMALISERS: tuple[str, ...] = ("date", "duration", "set", "time", "deictic", "dateparser")
"""How a rule's match becomes a value: ``date`` fills a DateSpec from the named groups,
``duration``/``set`` an amount and a unit, ``time`` a clock time or part of a day on a date,
``deictic`` a fixed reference (``PRESENT_REF``), ``dateparser`` the wrapped fallback."""

DEICTIC_INTERVALS: tuple[str, ...] = ("anchor", "none")
"""What interval a deictic expression names: the anchor day ("now", "currently") or none
("recently", "in due course")."""

GROUPS: Mapping[str, tuple[str, ...]] = {
    "date": (
        "year",
        "year_short",
        "month",
        "day",
        "weekday",
        "season",
        "quarter",
        "half",
        "fy",
        "fy_short",
        "fy2",
        "fy_last",
        "season_fy",
        "ay",
        "ay2",
        "ay_end",
        "decade",
        "century",
        "offset",
        "ago",
        "unit",
        "part",
        "event",
        "holiday",
        "x",
    ),
    "duration": ("amount", "unit", "x"),
    "set": ("amount", "unit", "x"),
    "time": (
        "hour",
        "minute",
        "ampm",
        "daypart",
        "year",
        "month",
        "day",
        "weekday",
        "offset",
        "unit",
        "x",
    ),
    "deictic": ("x",),
    "dateparser": ("x",),
}
"""Named groups each normaliser reads; ``x`` marks the expression's extent inside a larger
match (context the expression itself leaves out). A range inside one pattern names its second
half's groups with the suffix ``_to`` ("April to June 2024": ``month``, ``month_to``,
``year_to``)."""

FIELD_KEYS: Mapping[str, tuple[str, ...]] = {
    "date": (
        "year",
        "month",
        "season",
        "quarter",
        "half",
        "unit",
        "offset",
        "part",
        "event",
        "weekday",
        "day",
        "anaphoric",
    ),
    "duration": ("amount", "unit"),
    "set": ("amount", "unit"),
    "time": ("hour", "minute", "daypart", "unit", "offset"),
    "deictic": ("value", "interval"),
    "dateparser": (),
}
"""Constant fields each normaliser accepts in a rule's ``fields``."""

CASES: tuple[str, ...] = ("insensitive", "sensitive")

PART_MACRO = "PART"
"""The macro that says how a part of a period is written before a date ("the end of", "early",
"later in"); its group ``part`` names the part (see :data:`PART_WORDS`)."""

PROFILES: tuple[str, ...] = ("answers", "timeml")
"""Annotation schemes: ``answers`` follows GUIDELINES.md (ranges are one expression, adjectives
are not annotated); ``timeml`` follows the TimeML guidelines of the TempEval-3 data."""

DAYPARTS: Mapping[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "midday": "T12:00",
    "noon": "T12:00",
    "midnight": "T24:00",
    "overnight": "NI",
}
"""Parts of the day to TimeML time values."""

OFFSET_WORDS: Mapping[str, int] = {
    "this": 0,
    "current": 0,
    "present": 0,
    "same": 0,
    "next": 1,
    "coming": 1,
    "following": 1,
    "forthcoming": 1,
    "upcoming": 1,
    "last": -1,
    "previous": -1,
    "past": -1,
    "preceding": -1,
    "prior": -1,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
    "tonight": 0,
}
"""Relative words to offsets from the anchor's period."""

ANAPHORIC_OFFSET_WORDS: frozenset[str] = frozenset(
    {"previous", "following", "same", "preceding", "prior"}
)
"""Relative words that count from the date last mentioned, not from the anchor ("in 2023,
compared with the previous year")."""

PART_WORDS: Mapping[str, str] = {
    "early": "early",
    "beginning": "start",
    "start": "start",
    "outset": "start",
    "mid": "mid",
    "middle": "mid",
    "late": "late",
    "end": "end",
    "close": "end",
    "later": "later",
    "earlier": "earlier",
    "first half": "first_half",
    "second half": "second_half",
    "latter half": "second_half",
    "latter part": "late",
    "early part": "early",
    "first part": "early",
    "h1": "first_half",
    "h2": "second_half",
}
"""Words naming a part of a period to :data:`~pipeline.nlp.dates.PARTS`."""

_MACRO_REF = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_MACRO_NAME = re.compile(r"[A-Z][A-Z0-9_]*")


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace.

    It is written as a tree of shared prefixes (``s(?:even(?:t(?:een|y))?|ix(?:teen)?)``) that
    keeps the longest-first order among words sharing a prefix: it matches what the flat
    ``seventeen|seventy|sixteen|seven|six`` matches, in the same order of preference, but the
    regex engine tries one branch per first character instead of every word at every position
    (``tests/nlp/test_timex.py`` checks the two agree).
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + prefix_tree(ordered) + ")"


def _capitalised(words: Iterable[str]) -> str:
    """Case-sensitive alternation of capitalised or upper-case forms (months, weekdays)."""
    forms = [f for w in words for f in (w.capitalize(), w.upper())]
    return "(?-i:" + _alternation(forms)[3:]


BUILTIN_MACROS: Mapping[str, str] = {
    "MONTH_NAME": _capitalised(MONTHS),
    "MONTH_FULL": _capitalised(MONTH_NAMES),
    "WEEKDAY_NAME": _capitalised(WEEKDAYS),
    "SEASON_NAME": _alternation(SEASON_WORDS),
    "NUMBER_WORD": _alternation(w for w in NUMBER_WORDS if w not in ("a", "an", "half")),
    "ORDINAL_WORD": _alternation(ORDINAL_WORDS),
    "UNIT_WORD": _alternation(UNITS),
    "DAYPART": _alternation(DAYPARTS),
}
"""Macros built from the calendar's word lists, so that patterns and lookups cannot drift."""


@dataclass(frozen=True, slots=True)
class Macro:
    """A named sub-pattern, used in patterns as ``{NAME}``.

    Attributes:
        name: Upper-case name.
        pattern: The regular expression it stands for (may use earlier macros).
        note: What it is for.
    """

    name: str
    pattern: str
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str) -> Macro:
        """Build and validate a macro."""
        check_keys(data, required=("name", "pattern"), optional=("note",), where=where)
        name = check_type(data["name"], str, field="name", where=where)
        if not _MACRO_NAME.fullmatch(name):
            raise RuleError(
                "PCT104",
                f"{where}: field 'name' has value {name!r}; allowed: upper-case names like MONTH",
            )
        check_type(data["pattern"], str, field="pattern", where=where)
        return cls(
            name,
            data["pattern"],
            str(check_type(data.get("note", ""), str, field="note", where=where)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form."""
        return {
            "name": self.name,
            "pattern": self.pattern,
            **({"note": self.note} if self.note else {}),
        }


def expand_macros(pattern: str, macros: Mapping[str, str], *, where: str) -> str:
    """Replace ``{NAME}`` references by their (non-capturing) patterns, recursively.

    Raises:
        RuleError: PCT110 for an unknown macro or a cycle.
    """

    def expand(text: str, depth: int) -> str:
        if depth > 10:
            raise RuleError("PCT110", f"{where}: macros nest too deep (a cycle?) in {pattern!r}")

        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in macros:
                raise RuleError(
                    "PCT110",
                    f"{where}: unknown macro {{{name}}}; known: {', '.join(sorted(macros))}",
                )
            return "(?:" + expand(macros[name], depth + 1) + ")"

        return _MACRO_REF.sub(one, text)

    return expand(pattern, 0)


def _optional_regex(
    data: Mapping[str, Any], key: str, where: str, flags: int
) -> re.Pattern[str] | None:
    value = data.get(key)
    if value is None:
        return None
    return check_regex(value, field=key, where=where, flags=flags)


@dataclass(frozen=True, slots=True)
class TimexRule:
    """A pattern that finds time expressions of one shape.

    Attributes:
        id: Unique identifier (recorded in each row's ``rule``).
        pattern: The regular expression, with ``{MACRO}`` references and named groups.
        type: The TimeML type of what it finds (``date``, ``duration``, ``set``, ``time``).
        normaliser: How the match becomes a value (one of :data:`NORMALISERS`).
        fields: Constant values for the normaliser ("next year": ``{"unit": "year"}``).
        priority: Breaks ties between overlapping matches of the same length (higher wins).
        before: The text just before the match must end with this regex.
        not_before: The text just before the match must not end with this regex.
        after: The text just after the match must start with this regex.
        not_after: The text just after the match must not start with this regex.
        case: ``insensitive`` (default: the pattern is written in lower case and matched against
            the lower-cased text, which keeps the regex engine's fast first-character scan) or
            ``sensitive`` (matched against the text as written: month names are capitalised).
        profile: ``all`` (default), or the one annotation scheme it belongs to: ``answers``
            (GUIDELINES.md) or ``timeml`` (which also marks adjectives such as "current").
        requires: Trigger words (lower case; ``<number>`` for any digit): the rule only runs on
            a text that contains one of them (empty: always runs); a list of lists asks for one
            word of each list. Keeps the whole corpus fast.
        article: A "the" just before the match belongs to the expression ("the summer", "the
            1990s"), unlike the "the" of "the 2026 revaluation".
        note: Example and reason.
        regex: The compiled pattern (macros expanded), for the text it runs on.
        regex_ignorecase: The same, case-insensitive, for a text whose lower-cased form has a
            different length (a few Unicode letters), where offsets would not carry over.
    """

    id: str
    pattern: str
    type: str
    normaliser: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    priority: int = 0
    before: str | None = None
    not_before: str | None = None
    after: str | None = None
    not_after: str | None = None
    case: str = "insensitive"
    profile: str = "all"
    requires: Requires = ()
    article: bool = False
    note: str = ""
    regex: re.Pattern[str] = field(default=re.compile(""), compare=False, repr=False)
    regex_ignorecase: re.Pattern[str] = field(default=re.compile(""), compare=False, repr=False)
    before_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    not_before_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    after_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    not_after_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    KEYS = ("id", "pattern", "type", "normaliser")
    OPTIONAL = (
        "fields",
        "priority",
        "before",
        "not_before",
        "after",
        "not_after",
        "case",
        "profile",
        "requires",
        "article",
        "note",
    )

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], where: str, macros: Mapping[str, str] | None = None
    ) -> TimexRule:
        """Build and validate a rule, expanding macros and compiling its regexes."""
        check_keys(data, required=cls.KEYS, optional=cls.OPTIONAL, where=where)
        rule_id = check_type(data["id"], str, field="id", where=where)
        where = f"{where} ({rule_id})"
        kind = check_enum(data["type"], TIMEX_TYPES, field="type", where=where)
        normaliser = check_enum(data["normaliser"], NORMALISERS, field="normaliser", where=where)
        case = check_enum(data.get("case", "insensitive"), CASES, field="case", where=where)
        known = {**BUILTIN_MACROS, **(macros or {})}
        expanded = expand_macros(
            check_type(data["pattern"], str, field="pattern", where=where), known, where=where
        )
        if case == "insensitive" and _UPPER.search(case_folded_part(expanded)):
            raise RuleError(
                "PCT112",
                f"{where}: field 'pattern' has upper-case letters but 'case' is 'insensitive' "
                f"(such patterns are matched against the lower-cased text): write it in lower "
                f"case or set 'case': 'sensitive'",
            )
        regex = check_regex(expanded, field="pattern", where=where)
        regex_ignorecase = check_regex(expanded, field="pattern", where=where, flags=re.IGNORECASE)
        allowed = set(GROUPS[normaliser]) | {f"{g}_to" for g in GROUPS[normaliser]}
        unknown = sorted(set(regex.groupindex) - allowed)
        if unknown:
            raise RuleError(
                "PCT110",
                f"{where}: pattern group(s) {', '.join(unknown)} are not read by normaliser "
                f"{normaliser!r}; allowed: {', '.join(GROUPS[normaliser])} (and their _to forms)",
            )
        fields_ = check_type(data.get("fields", {}), dict, field="fields", where=where)
        for key, value in fields_.items():
            check_enum(key, FIELD_KEYS[normaliser], field="fields", where=where)
            _check_field_value(key, value, where)
        priority = check_type(data.get("priority", 0), int, field="priority", where=where)
        contexts = {
            key: _optional_regex(data, key, where, re.IGNORECASE)
            for key in ("before", "not_before", "after", "not_after")
        }
        return cls(
            id=rule_id,
            pattern=data["pattern"],
            type=kind,
            normaliser=normaliser,
            fields=dict(fields_),
            priority=priority,
            before=data.get("before"),
            not_before=data.get("not_before"),
            after=data.get("after"),
            not_after=data.get("not_after"),
            case=case,
            profile=check_enum(
                data.get("profile", "all"), ("all", *PROFILES), field="profile", where=where
            ),
            requires=_requires(data, where),
            article=check_type(data.get("article", False), bool, field="article", where=where),
            note=str(check_type(data.get("note", ""), str, field="note", where=where)),
            regex=regex,
            regex_ignorecase=regex_ignorecase,
            before_re=_anchor_end(contexts["before"]),
            not_before_re=_anchor_end(contexts["not_before"]),
            after_re=contexts["after"],
            not_after_re=contexts["not_after"],
        )

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form (defaults left out)."""
        out: dict[str, Any] = {
            "id": self.id,
            "pattern": self.pattern,
            "type": self.type,
            "normaliser": self.normaliser,
        }
        if self.fields:
            out["fields"] = dict(self.fields)
        if self.priority:
            out["priority"] = self.priority
        for key in ("before", "not_before", "after", "not_after"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.case != "insensitive":
            out["case"] = self.case
        if self.profile != "all":
            out["profile"] = self.profile
        if self.requires:
            out["requires"] = _requires_json(self.requires)
        if self.article:
            out["article"] = True
        if self.note:
            out["note"] = self.note
        return out


NUMBER_TRIGGER = "<number>"
"""The trigger word that stands for any digit in a text."""

_TRIGGER = re.compile(r"[a-z]+|<number>")


Requires = tuple[tuple[str, ...], ...]


def _requires(data: Mapping[str, Any], where: str) -> Requires:
    """``requires`` as groups of trigger words: a list of words is one group (any of them), a
    list of lists several groups (one word of each)."""
    value = check_type(data.get("requires", []), list, field="requires", where=where)
    groups = value if value and all(isinstance(v, list) for v in value) else [value]
    out = []
    for group in groups:
        check_type(group, list, field="requires", where=where)
        for word in group:
            check_type(word, str, field="requires", where=where)
            if not _TRIGGER.fullmatch(word):
                raise RuleError(
                    "PCT104",
                    f"{where}: field 'requires' has value {word!r}; allowed: lower-case words "
                    f"(letters only) or {NUMBER_TRIGGER!r}",
                )
        if group:
            out.append(tuple(group))
    return tuple(out)


def requires_met(requires: Requires, words: frozenset[str]) -> bool:
    """Whether a text with these trigger words has one word of every group."""
    for group in requires:  # noqa: SIM110  (a loop, not all(): runs for every rule of every text)
        if words.isdisjoint(group):
            return False
    return True


def _requires_json(requires: Requires) -> list[Any]:
    return list(requires[0]) if len(requires) == 1 else [list(group) for group in requires]


_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_ASCII_NON_LETTERS = str.maketrans({chr(i): " " for i in range(128) if not chr(i).isalpha()})
_COMMON_NON_WORD = ("\u2019", "\u2018", "\u201c", "\u201d", "\u2013", "\u2014", "\u00a3", "\u00a0")
"""Characters that are not word characters and make most non-ASCII lines of answers (curly
quotes, dashes, the pound sign, the no-break space)."""
_NUMBER_ONLY = frozenset((NUMBER_TRIGGER,))


def trigger_words(
    text: str,
    lowered: str | None = None,
    start: int = 0,
    end: int | None = None,
    vocabulary: frozenset[str] | None = None,
) -> frozenset[str]:
    """The lower-cased words of ``text[start:end]`` (letters only), with :data:`NUMBER_TRIGGER`
    when it has a digit: what rules' ``requires`` are checked against.

    Args:
        text: The text.
        lowered: ``text.lower()``, when the caller has it; read at ``text``'s offsets only when it
            is as long as ``text``.
        start: Offset of the first character to read.
        end: Offset after the last character to read; the end of ``text`` when None.
        vocabulary: When given, only the words in it are kept (the rules' trigger words,
            :attr:`TimexRuleSet.vocabulary`: what ``requires`` can ask for), without building
            the set of every word of the text first.
    """
    end = len(text) if end is None else end
    if lowered is not None and len(lowered) == len(text):
        segment = lowered[start:end]
    else:
        segment = text[start:end].lower()
    if not segment.isascii():
        for char in _COMMON_NON_WORD:  # not word characters: a space separates words alike
            if char in segment:
                segment = segment.replace(char, " ")
    if segment.isascii():  # ASCII letters are a-z (lower-cased): the rest become spaces
        found = segment.translate(_ASCII_NON_LETTERS).split()
    else:
        found = _WORD.findall(segment)
    if vocabulary is not None:
        words = vocabulary.intersection(found)
        if NUMBER_TRIGGER in vocabulary and _DIGIT.search(text, start, end):
            return words | _NUMBER_ONLY
        return words
    if _DIGIT.search(text, start, end):
        found.append(NUMBER_TRIGGER)
    return frozenset(found)


_MAX_WORDS = 128
"""The most words :func:`implied_words` lists for one part of a pattern."""


def _language(items: Any) -> set[str] | None:
    """The strings a parsed sequence can match, when they are few (at most :data:`_MAX_WORDS`)
    and it is made of literals, alternations, groups, optional parts and look-arounds (which
    match no characters); else None."""
    out = {""}
    for op, av in items:
        if op is sre.LITERAL:
            part: set[str] | None = {chr(av)}
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        elif op is sre.BRANCH:
            branches = [_language(branch) for branch in av[1]]
            part = None if any(b is None for b in branches) else set().union(*branches)  # type: ignore[arg-type]
        elif op is sre.SUBPATTERN and _plain_group(av):
            part = _language(av[3])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            inner = _language(av[2])
            part = None if inner is None else inner | {""}
        else:
            return None
        if part is None:
            return None
        out = {a + b for a in out for b in part}
        if len(out) > _MAX_WORDS:
            return None
    return out


def _plain_group(av: Any) -> bool:
    """Whether a parsed group (``SUBPATTERN``) sets no flag but may turn case-insensitive
    matching off (``(?-i:...)``): in a pattern compiled without ``re.IGNORECASE``, which is all
    :func:`implied_words` reads, it matches what its contents match."""
    return not av[1] and not av[2] & ~re.IGNORECASE


def _flat(items: Any) -> list[tuple[Any, Any]]:
    """A parsed sequence with its (flag-less) groups opened: the same sequence of parts."""
    out = []
    for op, av in items:
        if op is sre.SUBPATTERN and _plain_group(av):
            out.extend(_flat(av[3]))
        else:
            out.append((op, av))
    return out


def _ends_apart(item: tuple[Any, Any]) -> bool:
    """Whether a parsed part always matches at least one character and only characters that
    are not letters (``\\s``, ``\\s+``, ``-``, ``[-/]``…), or is ``\\b``: a word beside it
    is a whole word."""
    op, av = item
    if op is sre.AT:
        return av is sre.AT_BOUNDARY
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return (
            av[0] >= 1 and len(av[2]) == 1 and _ends_apart(av[2][0]) and av[2][0][0] is not sre.AT
        )
    if op is sre.LITERAL:
        return not chr(av).isalpha()
    if op is sre.IN:
        for kind, value in av:
            if kind is sre.LITERAL and not chr(value).isalpha():
                continue
            if kind is sre.CATEGORY and value in (sre.CATEGORY_SPACE, sre.CATEGORY_DIGIT):
                continue
            return False
        return bool(av)
    return False


def _letters(item: tuple[Any, Any]) -> bool:
    """Whether a parsed part matches one of a few strings of letters (or nothing)."""
    words = _language([item])
    return words is not None and all(w.isalpha() or not w for w in words)


def _apart_after(items: Sequence[tuple[Any, Any]], j: int, edge: bool = False) -> bool:
    """Whether the character after ``items[:j]``'s match is not a letter: ``items[j]`` matches
    no letter (:func:`_ends_apart`), or is optional and opens with such a part, and so on;
    ``edge``: the end of the pattern counts too."""
    while j < len(items):
        if _ends_apart(items[j]):
            return True
        if not _apart_when_there(items[j], 0):
            return False
        j += 1
    return edge


def _apart_before(items: Sequence[tuple[Any, Any]], i: int, edge: bool = False) -> bool:
    """Whether the character before ``items[i:]``'s match is not a letter (as
    :func:`_apart_after`, leftwards; ``edge``: the start of the pattern counts too)."""
    while i > 0:
        if _ends_apart(items[i - 1]):
            return True
        if not _apart_when_there(items[i - 1], -1):
            return False
        i -= 1
    return edge


def _apart_when_there(item: tuple[Any, Any], end: int) -> bool:
    """Whether ``item`` is optional and, when it matches, its first (``end`` 0) or last
    (``end`` -1) part matches no letter."""
    op, av = item
    if op not in (sre.MAX_REPEAT, sre.MIN_REPEAT) or av[0] != 0:
        return False
    inner = _flat(av[2])
    return bool(inner) and inner[end][0] is not sre.AT and _ends_apart(inner[end])


def implied_words(regex: re.Pattern[str], *, on_word_boundaries: bool = False) -> Requires:
    """Groups of trigger words every match of ``regex`` holds one word of: each a run of
    ``regex``'s top-level parts that matches one of a few letter-only words (lower-cased:
    trigger words are) and stands between parts that match no letter, or ``\\b``. Such a word
    is a whole run of letters of the text, so a line without one of them in its trigger words
    (:func:`trigger_words`) holds no match of ``regex``. Empty for a pattern compiled
    case-insensitively (under ``re.IGNORECASE`` "\u017f" matches "s": the words of the text
    lower-cased could miss it).

    Args:
        regex: A rule's pattern.
        on_word_boundaries: The matches that start or end inside a word are dropped (as the
            matcher drops them): a run at the pattern's start or end counts too, since a
            match whose word there is not a whole word of the line starts or ends inside one.
            Then a line without the words yields no match that is kept.
    """
    if regex.flags & re.IGNORECASE:
        return ()
    try:
        items = _flat(sre_parse.parse(regex.pattern, regex.flags))
    except re.error:  # pragma: no cover - the rule compiled
        return ()
    groups: list[tuple[str, ...]] = []
    i = 0
    while i < len(items):
        j = i
        while j < len(items) and _letters(items[j]):
            j += 1
        if j == i:
            i += 1
            continue
        words = _language(items[i:j])
        if (
            words
            and all(w.isascii() and w.isalpha() for w in words)
            and _apart_before(items, i, on_word_boundaries)
            and _apart_after(items, j, on_word_boundaries)
        ):
            groups.append(tuple(sorted({w.lower() for w in words})))
        i = j
    return tuple(dict.fromkeys(groups))


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of a text (a paragraph of an answer) with its trigger words.

    Attributes:
        start: Offset of its first character.
        end: Offset just after its last character (its newline left out).
        words: Its trigger words (:func:`trigger_words`).
    """

    start: int
    end: int
    words: frozenset[str]


def text_lines(
    text: str, lowered: str | None = None, vocabulary: frozenset[str] | None = None
) -> list[TextLine]:
    """The non-empty lines of ``text`` (split at ``\\n``) with their trigger words: rules run
    line by line, only where their trigger words are (no time expression spans a line break).

    Args:
        text: The text.
        lowered: ``text.lower()``, when the caller has it; its offsets are used only when it is
            as long as ``text``.
        vocabulary: When given, each line keeps only its trigger words in it (see
            :func:`trigger_words`).
    """
    if vocabulary is not None:
        letters = _ascii_letters(text, lowered)
        if letters is not None:
            return _ascii_lines(text, letters, vocabulary)
    out = []
    start = 0
    size = len(text)
    while start <= size:
        end = text.find("\n", start)
        if end == -1:
            end = size
        if end > start:
            out.append(TextLine(start, end, trigger_words(text, lowered, start, end, vocabulary)))
        start = end + 1
    return out


_DIGIT_MARK = "\x1f"
"""What :func:`_ascii_letters` makes of a digit: a character ``str.split`` splits at, as at a
space, and that no ASCII text read there holds otherwise, so that a line has a digit when it
holds one (``in``, instead of a ``\\d`` search of the line)."""
_ASCII_LINES = str.maketrans(
    {
        chr(i): _DIGIT_MARK if chr(i).isdigit() else " "
        for i in range(128)
        if not chr(i).isalpha() and chr(i) != "\n"
    }
)


def _ascii_letters(text: str, lowered: str | None) -> str | None:
    """``text`` lower-cased with every character but ASCII letters and newlines made a space
    (a digit :data:`_DIGIT_MARK`), when that is what :func:`trigger_words` reads in each of its
    lines (the text is ASCII once the common non-word characters are spaces,
    :data:`_COMMON_NON_WORD`; a non-ASCII digit would not be); else None."""
    low = lowered if lowered is not None and len(lowered) == len(text) else text.lower()
    if len(low) != len(text):
        return None
    if not low.isascii():
        for char in _COMMON_NON_WORD:
            if char in low:
                low = low.replace(char, " ")
        if not low.isascii():
            return None
    return low.translate(_ASCII_LINES)


def _ascii_lines(text: str, letters: str, vocabulary: frozenset[str]) -> list[TextLine]:
    """:func:`text_lines` from :func:`_ascii_letters`: one translation of the whole text, then
    each line's words split off it (a digit is a :data:`_DIGIT_MARK`, which splits words as a
    space does)."""
    out = []
    start = 0
    number = NUMBER_TRIGGER in vocabulary
    for line in letters.split("\n"):
        end = start + len(line)
        if end > start:
            words = vocabulary.intersection(line.split())
            if number and _DIGIT_MARK in line:
                words = words | _NUMBER_ONLY
            out.append(TextLine(start, end, words))
        start = end + 1
    return out


_ESCAPES = re.compile(r"\\.|\(\?P<\w+>")
_UPPER = re.compile(r"[A-Z]")


def case_folded_part(pattern: str) -> str:
    """``pattern`` without escapes, group names and case-sensitive ``(?-i:...)`` groups (nested
    groups included): the letters a lower-cased text is matched against."""
    text = _ESCAPES.sub("", pattern)
    out = []
    i = 0
    while i < len(text):
        if text.startswith("(?-i:", i):
            depth, i = 1, i + 5
            while i < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def _anchor_end(regex: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """A context regex that must match at the end of the preceding text."""
    if regex is None:
        return None
    return re.compile(f"(?:{regex.pattern})$", regex.flags)


_FIELD_ENUMS: Mapping[str, tuple[str, ...]] = {
    "unit": tuple(sorted(set(UNIT_NAMES) | set(UNITS.values()))),
    "part": PARTS,
    "season": tuple(SEASON_WORDS.values()),
    "interval": DEICTIC_INTERVALS,
    "value": ("PRESENT_REF", "PAST_REF", "FUTURE_REF"),
    "daypart": tuple(sorted(set(DAYPARTS.values()))),
}


def _check_field_value(key: str, value: Any, where: str) -> None:
    if key in _FIELD_ENUMS:
        check_enum(value, _FIELD_ENUMS[key], field=f"fields.{key}", where=where)
    elif key == "event":
        check_type(value, str, field=f"fields.{key}", where=where)
    elif key == "anaphoric":
        check_type(value, bool, field=f"fields.{key}", where=where)
    else:
        check_type(value, (int, float), field=f"fields.{key}", where=where)


@dataclass(frozen=True, slots=True)
class BlockRule:
    """A place where nothing is a time expression.

    Attributes:
        id: Unique identifier.
        pattern: Regex; expressions inside its match (or inside its group ``block``) are dropped.
        case: ``insensitive`` or ``sensitive`` (default: names are capitalised).
        requires: Trigger words, as for :class:`TimexRule`.
        unless: A match is void when this regex matches at its start (the excepted words).
        note: Example and reason.
        regex: The compiled pattern.
    """

    id: str
    pattern: str
    case: str = "sensitive"
    requires: Requires = ()
    unless: str | None = None
    note: str = ""
    regex: re.Pattern[str] = field(default=re.compile(""), compare=False, repr=False)
    unless_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], where: str, macros: Mapping[str, str] | None = None
    ) -> BlockRule:
        """Build and validate a block rule."""
        check_keys(
            data,
            required=("id", "pattern"),
            optional=("case", "requires", "unless", "note"),
            where=where,
        )
        rule_id = check_type(data["id"], str, field="id", where=where)
        where = f"{where} ({rule_id})"
        case = check_enum(data.get("case", "sensitive"), CASES, field="case", where=where)
        known = {**BUILTIN_MACROS, **(macros or {})}
        regex = check_regex(
            expand_macros(
                check_type(data["pattern"], str, field="pattern", where=where), known, where=where
            ),
            field="pattern",
            where=where,
            flags=re.IGNORECASE if case == "insensitive" else 0,
        )
        unless = data.get("unless")
        unless_re = (
            check_regex(unless, field="unless", where=where, flags=regex.flags)
            if unless is not None
            else None
        )
        return cls(
            rule_id,
            data["pattern"],
            case,
            _requires(data, where),
            unless,
            str(data.get("note", "")),
            regex,
            unless_re,
        )

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form."""
        out: dict[str, Any] = {"id": self.id, "pattern": self.pattern}
        if self.case != "sensitive":
            out["case"] = self.case
        if self.requires:
            out["requires"] = _requires_json(self.requires)
        if self.unless is not None:
            out["unless"] = self.unless
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class RangeRule:
    """What joins two date expressions into one range.

    Attributes:
        id: Unique identifier.
        gap: Regex the whole text between the two expressions must match ("to", "–").
        before: When set, the text before the first expression must end with it ("between").
        unless: The range is not made when the sentence before the first expression matches
            this (a change of date: "delayed from 2030 to 2035").
        merge: True joins the two into one expression; False only lends the second one's year
            to a first one written without ("January and May 2024").
        note: Example and reason.
    """

    id: str
    gap: str
    before: str | None = None
    unless: str | None = None
    merge: bool = True
    note: str = ""
    gap_re: re.Pattern[str] = field(default=re.compile(""), compare=False, repr=False)
    before_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    unless_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], where: str, macros: Mapping[str, str] | None = None
    ) -> RangeRule:
        """Build and validate a range rule."""
        check_keys(
            data,
            required=("id", "gap"),
            optional=("before", "unless", "merge", "note"),
            where=where,
        )
        rule_id = check_type(data["id"], str, field="id", where=where)
        where = f"{where} ({rule_id})"
        gap_re = check_regex(data["gap"], field="gap", where=where, flags=re.IGNORECASE)
        before_re = _anchor_end(_optional_regex(data, "before", where, re.IGNORECASE))
        unless_re = _optional_regex(data, "unless", where, re.IGNORECASE)
        merge = check_type(data.get("merge", True), bool, field="merge", where=where)
        return cls(
            rule_id,
            data["gap"],
            data.get("before"),
            data.get("unless"),
            merge,
            str(data.get("note", "")),
            gap_re,
            before_re,
            unless_re,
        )

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form."""
        out: dict[str, Any] = {"id": self.id, "gap": self.gap}
        for key in ("before", "unless"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if not self.merge:
            out["merge"] = False
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class TenseRule:
    """Words that set the tense of the clause they are in.

    Attributes:
        id: Unique identifier.
        pattern: Regex of the words.
        tense: ``past``, ``present`` or ``future``.
        note: Example and reason.
    """

    id: str
    pattern: str
    tense: str
    note: str = ""
    regex: re.Pattern[str] = field(default=re.compile(""), compare=False, repr=False)

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], where: str, macros: Mapping[str, str] | None = None
    ) -> TenseRule:
        """Build and validate a tense rule."""
        check_keys(data, required=("id", "pattern", "tense"), optional=("note",), where=where)
        rule_id = check_type(data["id"], str, field="id", where=where)
        where = f"{where} ({rule_id})"
        tense = check_enum(data["tense"], TENSES, field="tense", where=where)
        regex = check_regex(data["pattern"], field="pattern", where=where, flags=re.IGNORECASE)
        return cls(rule_id, data["pattern"], tense, str(data.get("note", "")), regex)

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form."""
        out: dict[str, Any] = {"id": self.id, "pattern": self.pattern, "tense": self.tense}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class RoleRule:
    """Which governing prepositions give an expression a role.

    Attributes:
        id: Unique identifier.
        role: ``deadline``, ``horizon``, ``event`` (``reference`` is the default).
        prepositions: The governing prepositions (lower case, from
            :data:`~pipeline.nlp.calendar.PREPOSITIONS`).
        types: The expression types it applies to (all when empty).
        text: When set, the expression's text must match this regex.
        note: Example and reason.
    """

    id: str
    role: str
    prepositions: tuple[str, ...]
    types: tuple[str, ...] = ()
    text: str | None = None
    note: str = ""
    text_re: re.Pattern[str] | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], where: str, macros: Mapping[str, str] | None = None
    ) -> RoleRule:
        """Build and validate a role rule."""
        check_keys(
            data,
            required=("id", "role", "prepositions"),
            optional=("types", "text", "note"),
            where=where,
        )
        rule_id = check_type(data["id"], str, field="id", where=where)
        where = f"{where} ({rule_id})"
        role = check_enum(data["role"], TIMEX_ROLES, field="role", where=where)
        preps = check_type(data["prepositions"], list, field="prepositions", where=where)
        for prep in preps:
            check_enum(prep, PREPOSITIONS, field="prepositions", where=where)
        types = check_type(data.get("types", []), list, field="types", where=where)
        for kind in types:
            check_enum(kind, TIMEX_TYPES, field="types", where=where)
        text_re = _optional_regex(data, "text", where, re.IGNORECASE)
        return cls(
            rule_id,
            role,
            tuple(preps),
            tuple(types),
            data.get("text"),
            str(data.get("note", "")),
            text_re,
        )

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form."""
        out: dict[str, Any] = {
            "id": self.id,
            "role": self.role,
            "prepositions": list(self.prepositions),
        }
        if self.types:
            out["types"] = list(self.types)
        if self.text is not None:
            out["text"] = self.text
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class TimexRuleSet:
    """All the rules of the component.

    Attributes:
        macros: Named sub-patterns.
        patterns: Expression rules, in file order.
        blocks: Places where nothing is an expression.
        ranges: Range joiners.
        tenses: Tense markers.
        roles: Role rules, first match wins.
        part_prefix: The ``{PART}`` macro anchored at the end of a text: a part of a period
            ("the end of", "early", "later in") written before a date expression, which the
            matcher joins to it.
        vocabulary: Every trigger word the pattern and block rules' ``requires`` name, and
            the words every match of a pattern holds (:func:`implied_words`): the only words of
            a line that the rule gates read (see :func:`text_lines`).
    """

    macros: tuple[Macro, ...] = ()
    patterns: tuple[TimexRule, ...] = ()
    blocks: tuple[BlockRule, ...] = ()
    ranges: tuple[RangeRule, ...] = ()
    tenses: tuple[TenseRule, ...] = ()
    roles: tuple[RoleRule, ...] = ()
    part_prefix: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    vocabulary: frozenset[str] = field(default=frozenset(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        gates = [rule.requires for rule in self.patterns] + [rule.requires for rule in self.blocks]
        gates += [implied_words(rule.regex, on_word_boundaries=True) for rule in self.patterns]
        words = {word for requires in gates for group in requires for word in group}
        object.__setattr__(self, "vocabulary", frozenset(words))
        table = _macro_table(self.macros)
        if PART_MACRO in table and self.part_prefix is None:
            pattern = expand_macros(table[PART_MACRO], table, where=f"macro {PART_MACRO}")
            regex = check_regex(
                f"(?:{pattern})$", field="pattern", where=f"macro {PART_MACRO}", flags=re.IGNORECASE
            )
            if "part" not in regex.groupindex:
                raise RuleError("PCT110", f"macro {PART_MACRO}: needs a group named 'part'")
            object.__setattr__(self, "part_prefix", regex)

    FILES = (
        ("macros", "macros.jsonl"),
        ("patterns", "patterns.jsonl"),
        ("blocks", "blocks.jsonl"),
        ("ranges", "ranges.jsonl"),
        ("tenses", "tenses.jsonl"),
        ("roles", "roles.jsonl"),
    )

    def __len__(self) -> int:
        return len(self.patterns)

    @classmethod
    def from_dicts(
        cls, data: Mapping[str, Sequence[dict[str, Any]]], source: str = "rules"
    ) -> TimexRuleSet:
        """Build a rule set from plain objects per kind (``{"patterns": [...], ...}``).

        Raises:
            RuleError: PCT103 for an unknown kind, PCT111 for a duplicate id, or any rule error.
        """
        kinds = dict(cls.FILES)
        unknown = sorted(set(data) - set(kinds))
        if unknown:
            raise RuleError(
                "PCT103",
                f"{source}: unknown rule kind(s) {', '.join(unknown)}; allowed: {', '.join(kinds)}",
            )
        return cls._from_numbered(lambda kind: enumerate(data.get(kind, ()), 1))

    @classmethod
    def from_disk(cls, path: Path) -> TimexRuleSet:
        """Read and validate every rule file in ``path`` (missing files are empty)."""
        path = Path(path)
        files = dict(cls.FILES)

        def numbered(kind: str) -> Iterable[tuple[int, dict[str, Any]]]:
            file = path / files[kind]
            return read_jsonl(file) if file.exists() else ()

        return cls._from_numbered(numbered)

    @classmethod
    def _from_numbered(
        cls, numbered: Callable[[str], Iterable[tuple[int, dict[str, Any]]]]
    ) -> TimexRuleSet:
        """Build and validate the set from each kind's ``(line number, object)`` pairs
        (``numbered(kind)``): the macros first, then every other kind with their table; errors
        name the kind's file and the line.

        Raises:
            RuleError: PCT111 for a duplicate id, or any rule error.
        """
        files = dict(cls.FILES)
        macros = tuple(
            Macro.from_dict(obj, f"{files['macros']} line {n}") for n, obj in numbered("macros")
        )
        known = _macro_table(macros)
        built: dict[str, tuple[Any, ...]] = {"macros": macros}
        for kind, builder in _BUILT_WITH_MACROS:
            build = _builder(builder, known)
            built[kind] = tuple(build(obj, f"{files[kind]} line {n}") for n, obj in numbered(kind))
        _check_unique(built)
        return cls._from_built(built)

    @classmethod
    def _from_built(cls, built: Mapping[str, tuple[Any, ...]]) -> TimexRuleSet:
        return cls(
            macros=built.get("macros", ()),
            patterns=built.get("patterns", ()),
            blocks=built.get("blocks", ()),
            ranges=built.get("ranges", ()),
            tenses=built.get("tenses", ()),
            roles=built.get("roles", ()),
        )

    def to_disk(self, path: Path) -> None:
        """Write every rule file in canonical form."""
        for kind, name in self.FILES:
            write_jsonl(Path(path) / name, (rule.to_dict() for rule in getattr(self, kind)))


_BUILT_WITH_MACROS: tuple[tuple[str, type], ...] = (
    ("patterns", TimexRule),
    ("blocks", BlockRule),
    ("ranges", RangeRule),
    ("tenses", TenseRule),
    ("roles", RoleRule),
)
"""The rule kinds other than the macros, in the order they are built (each with the macro table)."""


def _builder(builder: type, known: Mapping[str, str]) -> Callable[[dict[str, Any], str], Any]:
    """``builder.from_dict`` with the macro table bound."""

    def build(obj: dict[str, Any], where: str) -> Any:
        return builder.from_dict(obj, where, known)  # type: ignore[attr-defined]

    return build


def _macro_table(macros: Sequence[Macro]) -> dict[str, str]:
    table = dict(BUILTIN_MACROS)
    for macro in macros:
        table[macro.name] = macro.pattern
    return table


def _check_unique(built: Mapping[str, Sequence[Any]]) -> None:
    for kind, rules in built.items():
        seen: set[str] = set()
        for rule in rules:
            key = rule.name if kind == "macros" else rule.id
            if key in seen:
                raise RuleError("PCT111", f"{kind}: duplicate id {key!r}")
            seen.add(key)
