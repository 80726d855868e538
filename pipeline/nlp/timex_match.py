"""The algorithm of the ``pct_timex`` component, as small pure functions over text and offsets.

:func:`find_timexes` runs the whole chain; each step is its own function so tests can call it:

1. :func:`find_candidates` runs each pattern rule over the lines of the text that hold its
   trigger words (:func:`~pipeline.nlp.timex_rules.text_lines`) and keeps matches whose context
   conditions hold and whose words make sense (a "financial year" 2024-27 does not); a part of a
   period written before a date ("the end of", "early") joins it (:func:`join_part`);
2. :func:`blocked_regions` and :func:`drop_blocked` remove matches inside an Act's name or a
   quoted title;
3. :func:`select` keeps the longest of overlapping matches (then the higher priority);
4. :func:`normalise` resolves each against the anchor and the clause's tense (:func:`tense_at`);
   "the previous year" and "this date" count from the date last mentioned
   (:func:`resolve_anaphor`);
5. :func:`join_ranges` joins "April" + "to" + "June 2024" into one range, or lends a year;
6. :func:`role_of` gives each its role from its governing preposition.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import re._constants as sre  # parsed patterns: first characters, lower-cased twins
import re._parser as sre_parse
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, overload

from pipeline.nlp import calendar as cal
from pipeline.nlp import dates
from pipeline.nlp.calendar import governing_preposition
from pipeline.nlp.dates import DateSpec, Resolution, Tense
from pipeline.nlp.rules import IGNORECASE_ASCII_LETTERS, folds_alike
from pipeline.nlp.timex_rules import (
    ANAPHORIC_OFFSET_WORDS,
    DAYPARTS,
    OFFSET_WORDS,
    PART_WORDS,
    RangeRule,
    Requires,
    RoleRule,
    TenseRule,
    TextLine,
    TimexRule,
    TimexRuleSet,
    implied_words,
    requires_met,
    text_lines,
)
from pipeline.types import Timex

CONTEXT_WINDOW = 60
"""Characters of context a rule's ``before``/``after`` conditions see."""

TENSE_REACH = 120
"""How far (characters) a tense marker may be from the expression it dates."""

UNIT_WORDS: Mapping[str, str] = {
    "year": "year",
    "yr": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "quarter": "quarter",
    "decade": "decade",
    "century": "century",
    "weekend": "weekend",
    "season": "season",
    "half": "half",
    "financial year": "fin_year",
    "fiscal year": "fin_year",
    "academic year": "acad_year",
    "school year": "acad_year",
    "annum": "year",
}
"""Unit words of relative dates ("next year", "this financial year") to DateSpec units."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pattern match that may be a time expression.

    Attributes:
        start: Offset of the expression's first character.
        end: Offset one past its last character.
        rule: The rule that matched.
        groups: The match's named groups that took part, as written.
        text: The expression as written.
        spec: The date fields the words give (date and time rules), else None.
        spec_to: The second half of a range written as one pattern, else None.
    """

    start: int
    end: int
    rule: TimexRule
    groups: Mapping[str, str]
    text: str = ""
    spec: DateSpec | None = None
    spec_to: DateSpec | None = None

    @property
    def length(self) -> int:
        """Characters covered."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Found:
    """A selected expression with its resolution, before its role is known.

    Attributes:
        start: Offset of the first character.
        end: Offset one past the last character.
        type: ``date``, ``duration``, ``set`` or ``time``.
        rule: Rule id (ranges: ``<first>+<range rule>+<second>``).
        resolution: Value and interval.
        spec: The date fields, for dates (used to lend years across ranges).
    """

    start: int
    end: int
    type: str
    rule: str
    resolution: Resolution
    spec: DateSpec | None = None


_SPEC_FIELDS = frozenset(f.name for f in fields(DateSpec))


class SpecError(ValueError):
    """The words of a match do not make a date (a "financial year" 2024-27, a 31 February)."""


IGNORECASE_FOLDS = str.maketrans(dict(IGNORECASE_ASCII_LETTERS))
"""The non-ASCII characters that a case-insensitive pattern matches for an ASCII letter, as that
letter (:data:`~pipeline.nlp.rules.IGNORECASE_ASCII_LETTERS`): a rule's words matched with them
("ſpring", "ſeptember") then name what they name in the rules' tables."""


def _word(value: str) -> str:
    """The words of a match as the rules' tables key them: folded to ASCII where the pattern
    matched a letter case-insensitively (:data:`IGNORECASE_FOLDS`), lower case, points and
    hyphens as spaces, single spaces."""
    folded = value.translate(IGNORECASE_FOLDS).lower()
    return " ".join(folded.replace(".", " ").replace("-", " ").split())


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _int(value: str) -> int:
    digits = re.sub(r"\D", "", value)
    if not digits:
        word = _word(value)
        ordinal = dates.parse_ordinal(word)
        if ordinal is not None:
            return ordinal
        number = dates.parse_number(word)
        if number is None:
            raise SpecError(f"not a number: {value!r}")
        return int(number)
    return int(digits)


def _month(value: str) -> int:
    word = _word(value)
    if word in dates.MONTHS:
        return dates.MONTHS[word]
    month = _int(value)
    if not 1 <= month <= 12:
        raise SpecError(f"not a month: {value!r}")
    return month


def _year(value: str) -> int:
    year = dates.parse_year(value)
    if year is None:
        raise SpecError(f"not a year: {value!r}")
    return year


def _split_year(first: str, second: str) -> int:
    start = _year(first)
    if dates.second_year(start, second) is None:
        raise SpecError(f"{first}-{second} is not two consecutive years")
    return start


def _check_short_year_range(month: str, year_short: str, month_to: str, year_to: int) -> None:
    """Accept "April 25 to March 26" as April 2025 to March 2026 only for twelve months across
    the year end, the second year the next one and its month the one before the first's (a
    financial or academic year): "June 10 to July 11" and "December 10 to January 11" are days.

    Raises:
        SpecError: For any other pair.
    """
    year = _year("'" + year_short[-2:])
    if year_to != year + 1 or _month(month_to) != _month(month) - 1:
        raise SpecError(f"{month} {year_short} to {month_to} is not a year across its end")


def parse_part(value: str) -> str:
    """The part of a period a phrase names: "the end of" -> ``end``, "mid-" -> ``mid``.

    Raises:
        SpecError: For a phrase that names no part.
    """
    word = " ".join(w for w in _word(value).split() if w not in ("the", "of", "in"))
    if word not in PART_WORDS:
        raise SpecError(f"not a part of a period: {value!r}")
    return PART_WORDS[word]


def build_spec(
    groups: Mapping[str, str], fields: Mapping[str, Any], suffix: str = ""
) -> DateSpec | None:
    """The date fields named groups and constant fields give.

    Args:
        groups: Named groups of the match, as written.
        fields: The rule's constant fields.
        suffix: ``""`` for the expression (or a range's first half), ``"_to"`` for the second
            half of a range written as one pattern.

    Returns:
        The spec, or None when no date field is present.

    Raises:
        SpecError: When the words cannot be the date they claim to be.
    """
    g = {
        k[: len(k) - len(suffix)] if suffix else k: v
        for k, v in groups.items()
        if (k.endswith(suffix) if suffix else not k.endswith("_to")) and v is not None
    }
    values: dict[str, Any] = {}
    if suffix == "":
        values.update({k: v for k, v in fields.items() if k in _SPEC_FIELDS})
    if "year" in g:
        values["year"] = _year(g["year"])
    if "year_short" in g:
        values["year"] = _year("'" + g["year_short"][-2:])
        if suffix and "year_short" in groups and "month" in g and "month" in groups:
            _check_short_year_range(
                groups["month"], groups["year_short"], g["month"], values["year"]
            )
    if "month" in g:
        values["month"] = _month(g["month"])
    if "day" in g:
        day = _int(g["day"])
        if not 1 <= day <= 31:
            raise SpecError(f"not a day of the month: {g['day']!r}")
        values["day"] = day
    if "weekday" in g:
        word = _word(g["weekday"])
        key = word if word in dates.WEEKDAYS else word[:3]
        if key not in dates.WEEKDAYS:
            raise SpecError(f"not a weekday: {g['weekday']!r}")
        values["weekday"] = dates.WEEKDAYS[key]
    if "season" in g:
        values["season"] = dates.SEASON_WORDS[_word(g["season"])]
    if "quarter" in g:
        values["quarter"] = _int(g["quarter"])
    if "half" in g:
        values["half"] = 1 if _word(g["half"]) in ("first", "1", "h1") else 2
    if "fy" in g:
        values["fin_year"] = _split_year(g["fy"], g["fy2"]) if "fy2" in g else _year(g["fy"])
    if "fy_short" in g:  # "22-23", "31/32": two consecutive two-digit years, 2000-2039
        values["fin_year"] = _split_year(str(2000 + int(g["fy_short"][-2:])), g.get("fy2", ""))
    if "fy_last" in g:  # "2021-26" ("fy_last_to"): its last financial year, 2025-26
        last = dates.span_end_year(_year(groups.get("fy", "")), g["fy_last"])
        if last is None:
            raise SpecError(f"{groups.get('fy')}-{g['fy_last']} is not a span of years")
        values["fin_year"] = last - 1
    if "season_fy" in g:  # "winter 2024-25": a season of a split year
        first = _split_year(g["season_fy"], g.get("fy2", ""))
        values["year"] = dates.season_year_in_split(values["season"], first)
    if "ay" in g:
        values["acad_year"] = _split_year(g["ay"], g["ay2"]) if "ay2" in g else _year(g["ay"])
    if "ay_end" in g:
        values["acad_year"] = _year(g["ay_end"]) - 1
    if "decade" in g:
        year = int(re.sub(r"\D", "", g["decade"]))
        if year < 100:
            year += 1900 if year >= 30 else 2000
        values["decade"] = year - year % 10
    if "century" in g:
        values["century"] = _int(g["century"])
    if "offset" in g:
        word = _word(g["offset"])
        if word not in OFFSET_WORDS:
            raise SpecError(f"not a relative word: {g['offset']!r}")
        values["offset"] = OFFSET_WORDS[word]
        if word in ANAPHORIC_OFFSET_WORDS:
            values["anaphoric"] = True
    if "ago" in g:
        amount = dates.parse_number(g["ago"])
        if amount is None:
            raise SpecError(f"not an amount: {g['ago']!r}")
        values["offset"] = -int(amount)
    if "unit" in g:
        word = _singular(_word(g["unit"]))
        if word not in UNIT_WORDS:
            raise SpecError(f"not a unit: {g['unit']!r}")
        values["unit"] = UNIT_WORDS[word]
    if "part" in g:
        values["part"] = parse_part(g["part"])
    if "event" in g:
        values["event"] = " ".join(g["event"].split())
    if "holiday" in g:
        if cal.holiday_date(g["holiday"], 2000) is None:
            raise SpecError(f"not a known holiday: {g['holiday']!r}")
        values["holiday"] = " ".join(g["holiday"].lower().replace("’", "'").split())
    if not values:
        return None
    return DateSpec(**values)


def find_candidates(
    text: str,
    rules: Sequence[TimexRule],
    profile: str = "answers",
    part_prefix: re.Pattern[str] | None = None,
    lines: Sequence[TextLine] | None = None,
    lowered: str | None = None,
    readings: MatchReadings | None = None,
) -> list[Candidate]:
    """Every match of every rule of ``profile`` whose context holds and whose words make sense.

    A rule is run over each line of the text whose trigger words meet its ``requires``; a match
    is searched within its line (its context conditions see the whole text).

    Args:
        text: The text to search.
        rules: Pattern rules.
        profile: ``answers`` or ``timeml``; rules of the other profile are skipped.
        part_prefix: When given, a date whose words name no part takes a part written just
            before it ("the end of" + "March 2029"), extent included (see :func:`join_part`).
        lines: The text's lines (:func:`~pipeline.nlp.timex_rules.text_lines`), computed
            when None.
        lowered: ``text.lower()``, when the caller has it.
        readings: When given, what a match's groups give (:func:`read_groups`) is kept there
            and looked up by the rule and the groups' words instead of worked out again.

    Returns:
        Candidates in no particular order (overlaps included).
    """
    out: list[Candidate] = []
    lowered = text.lower() if lowered is None else lowered
    if lines is None:
        lines = text_lines(text, lowered)
    same_length = len(lowered) == len(text)
    plan = _plan_of(rules, profile)
    gate = plan.bits if same_length else plan.bits_folded  # words every match holds too
    by_line, by_rule = _gate_lines(lines, gate)
    kept = readings.of(plan) if readings is not None else None
    scanned: dict[int, list[re.Match[str]]] = {}
    for scan in plan.scans:
        if scan.case == "sensitive":
            scan_led_rules(scan, plan.rules, text, by_line, scanned)
        elif same_length:
            scan_led_rules(scan, plan.rules, lowered, by_line, scanned)
    for i in sorted(by_rule):
        rule, spans = plan.rules[i], by_rule[i]
        lead = plan.leads[i]
        if rule.case == "sensitive":
            regex, searched = rule.regex, text
        elif same_length:
            regex, searched = rule.regex, lowered
        else:
            regex, searched, lead = rule.regex_ignorecase, text, None
        matches: Iterable[re.Match[str]] | None = scanned.get(i)
        if matches is None:
            matches = (
                _matches_in(regex, searched, spans)
                if lead is None
                else led_matches_in(lead, regex, searched, spans)
            )
        has_x, has_to, has_context, dated = plan.traits[i]
        for found in matches:
            match: re.Match[str] | None = found
            if not _on_word_boundaries(text, found.start(), found.end()):
                match = hidden_match(regex, searched, text, found, spans)
            if match is None:
                continue
            start, end = match.span("x") if has_x and match.group("x") is not None else match.span()
            if start == end:
                continue
            if has_context and not _context_holds(rule, text, match.start(), match.end()):
                continue
            if kept is None:
                reading = read_groups(match, rule, has_to, dated)
            else:
                key = (i, match.groups())
                reading = kept.get(key, _UNREAD)
                if reading is _UNREAD:
                    reading = kept[key] = read_groups(match, rule, has_to, dated)
            if reading is None:
                continue
            groups, spec, spec_to = reading
            if rule.article:
                start = _with_article(text, start)
            cand = Candidate(start, end, rule, groups, text[start:end], spec, spec_to)
            out.append(join_part(cand, text, part_prefix) if part_prefix is not None else cand)
    return out


Reading = tuple[Mapping[str, str], DateSpec | None, DateSpec | None]
"""What a match's groups give: the named groups that took part (``x`` left out), the date
fields (:func:`build_spec`) and those of a range's second half."""


def read_groups(match: re.Match[str], rule: TimexRule, has_to: bool, dated: bool) -> Reading | None:
    """The :data:`Reading` of a match of ``rule`` (``has_to``: its pattern has ``_to`` groups;
    ``dated``: its normaliser reads date fields, :attr:`RulePlan.traits`), or None when its
    words cannot be the date they claim to be (:class:`SpecError`). A function of the rule and
    ``match.groups()`` alone (the named groups are among them, by the pattern's group index)."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None and k != "x"}
    try:
        spec = build_spec(groups, rule.fields) if dated else None
        spec_to = (
            build_spec(groups, {}, "_to")
            if has_to and any(k.endswith("_to") for k in groups)
            else None
        )
    except SpecError:
        return None
    return groups, spec, spec_to


_UNREAD: Any = object()


class MatchReadings:
    """What the matches' groups gave (:func:`read_groups`), by the rule's index in its
    :class:`RulePlan` and ``match.groups()``, for one component: the same date words recur
    (10,786 readings over the shared corpus's first pass, 1,153 distinct), and reading them
    (the groups as a dict, :func:`build_spec`, a :class:`~pipeline.nlp.dates.DateSpec`) is
    most of the Python a match costs. Kept for one plan at a time, forgotten when another is
    asked for or when ``limit`` readings are held at the start of a text (bounded over a long
    backfill: a reading takes about 0.8 kB, the corpus's first pass keeps 1,387). The readings
    are immutable but for the groups' dict, which nothing writes to.

    Args:
        limit: Most readings kept.
    """

    __slots__ = ("_kept", "_plan", "limit")

    def __init__(self, limit: int = 20_000) -> None:
        self.limit = limit
        self._plan: RulePlan | None = None
        self._kept: dict[tuple[int, tuple[str | Any, ...]], Reading | None] = {}

    def of(self, plan: RulePlan) -> dict[tuple[int, tuple[str | Any, ...]], Reading | None]:
        """The readings kept for ``plan`` (emptied first when it is not the last one asked
        for, or when full)."""
        if self._plan is not plan or len(self._kept) >= self.limit:
            self._kept = {}
            self._plan = plan
        return self._kept


DIGIT = "\\d"
"""In :func:`first_chars`' sets: any decimal digit (``\\d``)."""

_DIGITS = frozenset("0123456789") | {DIGIT}


def _first_of(items: Any) -> tuple[frozenset[str], bool] | None:
    """Over a parsed sequence (``re._parser``): the characters its matches can start with
    (:data:`DIGIT` for ``\\d``) and whether it can match the empty string; None when a
    first character is not one of a known few (a negated set, any character, a category
    other than digits, a reference)."""
    chars: set[str] = set()
    for op, av in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
            continue  # zero width: the next element starts the match
        if op is sre.LITERAL:
            return frozenset(chars | {chr(av)}), False
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    chars.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < 64:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                    chars.add(DIGIT)
                else:
                    return None
            return frozenset(chars), False
        if op is sre.SUBPATTERN:
            inner = _first_of(av[3])
        elif op is sre.ATOMIC_GROUP:
            inner = _first_of(av)
        elif op is sre.BRANCH:
            branches = [_first_of(branch) for branch in av[1]]
            if any(b is None for b in branches):
                return None
            inner = (
                frozenset().union(*(b[0] for b in branches)),  # type: ignore[index]
                any(b[1] for b in branches),  # type: ignore[index]
            )
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            repeated = _first_of(av[2])
            inner = None if repeated is None else (repeated[0], repeated[1] or av[0] == 0)
        else:
            return None
        if inner is None:
            return None
        chars.update(inner[0])
        if not inner[1]:
            return frozenset(chars), False
    return frozenset(chars), True


def first_chars(regex: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of ``regex`` starts with (:data:`DIGIT` standing for any
    decimal digit), when it cannot match the empty string and they are known; else None."""
    try:
        found = _first_of(sre_parse.parse(regex.pattern, regex.flags))
    except re.error:  # pragma: no cover - the rule compiled
        return None
    if found is None or found[1] or not found[0]:
        return None
    return found[0]


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def plain_pattern(regex: re.Pattern[str]) -> str | None:
    """``regex``'s pattern with its named groups made non-capturing, or None when it sets
    flags (it could not be embedded in a larger pattern), refers to its groups or keeps a
    group (the same matches, without groups)."""
    if regex.flags & ~re.UNICODE or "(?P=" in regex.pattern or "(?(" in regex.pattern:
        return None
    plain = _NAMED_GROUP.sub("(?:", regex.pattern)
    try:
        compiled = re.compile(plain)
    except re.error:
        return None
    return plain if compiled.groups == 0 else None


def _lead_pattern(regex: re.Pattern[str], *, unless_fast: bool = False) -> re.Pattern[str] | None:
    """A pattern that finds where matches of ``regex`` can start, quickly: a character of
    :func:`first_chars` (with ``regex``'s flags, so that case-insensitive letters fold the
    same way), then a look-behind over it holding a look-ahead of ``regex``'s pattern (its
    named groups made non-capturing). The regex engine scans quickly for a set of first
    characters but not for a pattern that opens with ``\\b`` or an assertion, which it tries
    at every position. None when the first characters are not known or the pattern cannot
    be embedded, and when ``regex`` does not open with an assertion (``unless_fast``: when the
    engine finds its starts quickly itself, :func:`_scans_fast`)."""
    chars = first_chars(regex)
    if chars is None or "(?P=" in regex.pattern or "(?(" in regex.pattern:
        return None
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    if _scans_fast(parsed) if unless_fast else not _opens_with_assertion(parsed):
        return None  # the engine already scans quickly for its first character
    lead = "".join(DIGIT if c == DIGIT else re.escape(c) for c in sorted(chars))
    plain = _NAMED_GROUP.sub("(?:", regex.pattern)
    try:
        return re.compile(f"[{lead}](?<=(?={plain})(?s:.))", regex.flags)
    except re.error:  # a pattern with flags of its own cannot be embedded
        return None


def _scans_fast(items: Any) -> bool:
    """Whether the regex engine scans quickly for where a parsed pattern can match: it opens
    (inside groups) with a literal, a character set, or an alternation whose branches each open
    with a literal; CPython's compiler gives such a pattern a prefix or a character set to
    look for. Any other pattern (a repeat, ``\\d{1,3}`` or a branch opening with one, an
    assertion) is tried at every position."""
    while items:
        op, av = items[0]
        if op is sre.SUBPATTERN:
            items = av[3]
            continue
        if op in (sre.LITERAL, sre.IN):
            return True
        if op is sre.BRANCH:
            return all(branch and branch[0][0] is sre.LITERAL for branch in av[1])
        return False
    return False


def _opens_with_assertion(items: Any) -> bool:
    """Whether a parsed sequence opens with a zero-width assertion (``\\b``, ``^``, a
    look-around), inside groups too: the regex engine then tries it at every position."""
    while items:
        op, av = items[0]
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return True
        if op is not sre.SUBPATTERN:
            return False
        items = av[3]
    return False


_LEADS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
_MAX_LEADS = 1024
"""Patterns kept by :func:`lead_of` and :func:`ends_at`, by identity (a compiled pattern's hash
reads its whole compiled code each time: 0.3-1 µs for the tense and context patterns)."""


def lead_of(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """:func:`_lead_pattern` of ``regex``, kept per pattern (by identity)."""
    entry = _LEADS.get(id(regex))
    if entry is not None and entry[0] is regex:
        return entry[1]
    if len(_LEADS) >= _MAX_LEADS:
        _LEADS.clear()
    lead = _lead_pattern(regex)
    _LEADS[id(regex)] = (regex, lead)
    return lead


def lead_search(regex: re.Pattern[str], text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """``regex.search(text, pos, endpos)``, found through :func:`lead_of`: the first place
    from ``pos`` where a match can start and ``regex`` matches, matched there."""
    lead = lead_of(regex)
    if lead is None:
        return regex.search(text, pos, endpos)
    hit = lead.search(text, pos, endpos)
    return None if hit is None else regex.match(text, hit.start(), endpos)


def lead_finditer(
    regex: re.Pattern[str], text: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text, pos, endpos)`` through :func:`lead_of`: each place where a
    match can start, from the end of the previous match on, matched there."""
    lead = lead_of(regex)
    if lead is None:
        yield from regex.finditer(text, pos, endpos)
        return
    yield from _led_finditer(lead, regex, text, pos, endpos)


def _led_finditer(
    lead: re.Pattern[str], regex: re.Pattern[str], text: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """``regex``'s matches in ``text[pos:endpos]`` from its lead pattern ``lead``: each place
    where a match can start, from the end of the previous match on, matched there."""
    last = pos
    for hit in lead.finditer(text, pos, endpos):
        start = hit.start()
        if start >= last:
            match = regex.match(text, start, endpos)
            if match is not None:  # pragma: no branch - the look-ahead matched there
                yield match
                last = match.end()


@dataclass(frozen=True, slots=True)
class LeadScan:
    """Rules whose matches all start with a character of one rare class (a digit), tried
    together in one pass over a line instead of one pass each.

    ``regex`` matches one character of the class where at least one of the rules matches
    (a look-behind over that character holding a look-ahead of the rules' alternation). Each
    such place is tried with the rules running on the line, and a rule's match is kept when
    it starts at or after the end of its previous one: what the rule's own ``finditer`` over
    the line gives, since it can only match where a character of the class is.

    Attributes:
        case: The ``case`` of the rules (``sensitive``: run over the text as written).
        rules: Indexes (in :attr:`RulePlan.rules`) of the rules, in order.
        members: ``rules`` as a set.
        regex: The combined pattern.
    """

    case: str
    rules: tuple[int, ...]
    members: frozenset[int]
    regex: re.Pattern[str]


def lead_scan(case: str, lead: str, rules: Mapping[int, str]) -> LeadScan:
    """The :class:`LeadScan` of ``rules`` (index to pattern without groups, see
    :func:`plain_pattern`) whose matches start with a character of the class ``lead``. The
    look-ahead holds the rules' alternation as a tree of shared leading parts
    (:func:`alternation_tree`): it only asks whether one of them matches there."""
    regex = re.compile(f"{lead}(?<=(?={alternation_tree(list(rules.values()))})(?s:.))")
    return LeadScan(case, tuple(rules), frozenset(rules), regex)


def alternation_tree(patterns: Sequence[str]) -> str:
    """A pattern that matches at a position exactly when one of ``patterns`` does: their
    alternation with the leading parts they share written once, ``P(?:Q|R)`` for ``PQ|PR``
    (:func:`pattern_parts`). Not the same matches (a different branch may win, with a different
    length), but the same places where one starts, which is all a look-ahead asks; the regex
    engine then tries ``P`` once instead of once per pattern (the digit-led rules share their
    day and year numbers). Concatenation distributes over alternation, and a backtracking
    match of ``P(?:Q|R)`` tries each way ``P`` matches with each of ``Q`` and ``R``.
    A pattern that cannot be split stays whole."""
    tree: dict[str, Any] = {}
    for pattern in patterns:
        node = tree
        for part in pattern_parts(pattern) or [f"(?:{pattern})"]:
            node = node.setdefault(part, {})
        node[""] = {}  # a pattern ends here
    return _tree_pattern(tree)


def _tree_pattern(node: Mapping[str, Any]) -> str:
    alternatives = []
    for part, below in node.items():
        rest = _tree_pattern(below)
        if len(below) > 1:
            rest = f"(?:{rest})"
        alternatives.append(part + rest)
    return "|".join(alternatives)


_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d*(?:,\d*)?\})[?+]?")
_SPLIT_ESCAPES = frozenset("xuUN0123456789")


def pattern_parts(pattern: str) -> list[str] | None:
    """``pattern`` as the sequence of its top-level parts, each with its quantifier (a group,
    a character set, an escape or a character): their concatenation is ``pattern`` and each
    is a pattern of its own. None for a pattern with a top-level ``|``, an escape longer than
    two characters (``\\x41``, ``\\1``...) or an unbalanced group or set."""
    parts: list[str] = []
    i, size = 0, len(pattern)
    while i < size:
        char = pattern[i]
        if char == "|":
            return None
        if char == "\\":
            if i + 1 >= size or pattern[i + 1] in _SPLIT_ESCAPES:
                return None
            j = i + 2
        elif char == "[":
            j = _set_end(pattern, i)
        elif char == "(":
            j = _group_end(pattern, i)
        else:
            j = i + 1
        if j < 0:
            return None
        quantifier = _QUANTIFIER.match(pattern, j)
        if quantifier is not None:
            j = quantifier.end()
        parts.append(pattern[i:j])
        i = j
    return parts


def _set_end(pattern: str, i: int) -> int:
    """The offset after the character set opening at ``pattern[i]`` ("["), or -1."""
    j = i + 1
    if pattern.startswith("^", j):
        j += 1
    if pattern.startswith("]", j):
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        if pattern[j] == "\\" and j + 1 < len(pattern) and pattern[j + 1] in _SPLIT_ESCAPES:
            return -1
        j += 2 if pattern[j] == "\\" else 1
    return j + 1 if j < len(pattern) else -1


def _group_end(pattern: str, i: int) -> int:
    """The offset after the group opening at ``pattern[i]`` ("("), or -1."""
    depth, j = 0, i
    while j < len(pattern):
        char = pattern[j]
        if char == "\\":
            if j + 1 < len(pattern) and pattern[j + 1] in _SPLIT_ESCAPES:
                return -1
            j += 2
            continue
        if char == "[":
            j = _set_end(pattern, j)
            if j < 0:
                return -1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


def scan_led_rules(
    scan: LeadScan,
    rules: Sequence[TimexRule],
    searched: str,
    lines: Sequence[tuple[int, int, Collection[int]]],
    out: dict[int, list[re.Match[str]]],
) -> None:
    """Add to ``out`` the matches in ``searched`` of each rule of ``scan`` that runs on some
    line (``lines``: each line's span and the indexes of the rules that run on it), in order:
    what ``rules[i].regex.finditer`` over each of the rule's lines gives."""
    members = scan.rules
    for start, end, chosen in lines:
        active = [i for i in members if i in chosen]
        if not active:
            continue
        found = [out.setdefault(i, []) for i in active]
        if len(active) == 1:
            found[0].extend(rules[active[0]].regex.finditer(searched, start, end))
            continue
        last = [start] * len(active)
        regexes = [rules[i].regex for i in active]
        for hit in scan.regex.finditer(searched, start, end):
            pos = hit.start()
            for k, regex in enumerate(regexes):
                if pos >= last[k]:
                    match = regex.match(searched, pos, end)
                    if match is not None:
                        found[k].append(match)
                        last[k] = match.end()


@dataclass(frozen=True, slots=True)
class GateBits:
    """A gate (:attr:`RulePlan.gated`) as bits of one integer, so that a line's rules come from
    one OR per trigger word and one addition instead of a set test per rule and word group.

    Each rule has a field of bits, one per word group it needs (its first group of
    ``requires``, then the groups of ``gated``), and a guard bit just above the field. A line's
    words OR together the bits of the groups they meet; adding :attr:`low` (a 1 at the lowest
    bit of each field) carries into a field's guard bit exactly when every bit of the field is
    set (a rule with no groups has an empty field: its guard bit is its lowest bit, always
    set), and no carry passes a guard bit, which no word sets.

    Attributes:
        words: Trigger word to the bits of the groups that hold it.
        low: The lowest bit of each rule's field.
        guard: Every rule's guard bit.
        rule_at: Rule index by a guard bit's ``bit_length()`` (-1 where no guard bit is).
    """

    words: Mapping[str, int]
    low: int
    guard: int
    rule_at: tuple[int, ...]


_NO_GATE = GateBits({}, 0, 0, (-1,))
"""The :class:`GateBits` of no rules (what :func:`gate_bits` gives for none)."""


@dataclass(frozen=True, slots=True)
class RulePlan:
    """Which rules of a profile can run on a text, found from its trigger words in one pass.

    Attributes:
        rules: The profile's rules, in order.
        by_word: Trigger word to the indexes (in ``rules``) of the rules whose first group of
            ``requires`` holds it.
        always: Indexes of the rules with no ``requires``.
        several: Indexes of the rules with more than one group (their other groups are checked
            when the first is met).
        words: Every trigger word of ``by_word``.
        traits: Per rule, whether its pattern has an ``x`` group, has ``_to`` groups, it has
            context conditions, and its normaliser reads date fields (``date``, ``time``).
        scans: Rules whose matches start with a digit, tried together (a :class:`LeadScan`
            per ``case`` that has two or more; capital letters, the other rare first
            character, were measured and gave nothing).
        gated: For :func:`find_candidates`, the rules to check further once met (``several``
            and the rules with :func:`~pipeline.nlp.timex_rules.implied_words`), and per rule
            the groups to check: ``requires`` after the first, then the words every match
            holds. A line without them holds no match of the rule, so it is not run there.
        gated_folded: The same for a text matched with ``re.IGNORECASE`` (its lower-cased
            form is not as long): a case-insensitive rule's implied words are left out there.
        leads: Per rule, the lead pattern (:func:`_lead_pattern`) that finds where its matches
            can start when the regex engine would try it at every position (a pattern opening
            with a repeat such as ``{AMOUNT}``'s ``\\d{1,3}``), else None; rules of ``scans``
            have none.
        bits: ``gated`` as :class:`GateBits`, what :func:`_gate_lines` reads.
        bits_folded: ``gated_folded`` as :class:`GateBits`.
    """

    rules: tuple[TimexRule, ...]
    by_word: Mapping[str, tuple[int, ...]]
    always: tuple[int, ...]
    several: frozenset[int]
    words: frozenset[str]
    traits: tuple[tuple[bool, bool, bool, bool], ...] = ()
    scans: tuple[LeadScan, ...] = ()
    leads: tuple[re.Pattern[str] | None, ...] = ()
    gated: tuple[frozenset[int], tuple[Requires, ...]] = (frozenset(), ())
    gated_folded: tuple[frozenset[int], tuple[Requires, ...]] = (frozenset(), ())
    bits: GateBits = _NO_GATE
    bits_folded: GateBits = _NO_GATE


def gate_bits(
    rules: Sequence[TimexRule], gated: tuple[frozenset[int], tuple[Requires, ...]]
) -> GateBits:
    """The :class:`GateBits` of ``rules`` gated by ``gated`` (:func:`_gates`)."""
    words: dict[str, int] = {}
    low = guard = offset = 0
    at: dict[int, int] = {}
    for i, rule in enumerate(rules):
        groups = (*rule.requires[:1], *gated[1][i])
        for j, group in enumerate(groups):
            for word in group:
                words[word] = words.get(word, 0) | 1 << (offset + j)
        low |= 1 << offset
        offset += len(groups)
        guard |= 1 << offset
        at[offset + 1] = i  # the guard bit's bit_length()
        offset += 1
    return GateBits(words, low, guard, tuple(at.get(n, -1) for n in range(offset + 1)))


def rule_plan(rules: Sequence[TimexRule], profile: str) -> RulePlan:
    """The :class:`RulePlan` of ``rules`` for ``profile``."""
    kept = tuple(rule for rule in rules if rule.profile in ("all", profile))
    by_word: dict[str, list[int]] = {}
    always, several = [], []
    for i, rule in enumerate(kept):
        if not rule.requires:
            always.append(i)
            continue
        if len(rule.requires) > 1:
            several.append(i)
        for word in dict.fromkeys(rule.requires[0]):
            by_word.setdefault(word, []).append(i)
    led: dict[str, dict[int, str]] = {}
    for i, rule in enumerate(kept):
        chars, pattern = first_chars(rule.regex), plain_pattern(rule.regex)
        if chars is not None and chars <= _DIGITS and pattern is not None:
            led.setdefault(rule.case, {})[i] = pattern
    scans = [lead_scan(case, DIGIT, group) for case, group in led.items() if len(group) > 1]
    scanned = frozenset().union(*(scan.members for scan in scans))
    leads = tuple(
        None if i in scanned else _lead_pattern(rule.regex, unless_fast=True)
        for i, rule in enumerate(kept)
    )
    implied = [implied_words(rule.regex, on_word_boundaries=True) for rule in kept]
    folded = [
        words if rule.case == "sensitive" else () for rule, words in zip(kept, implied, strict=True)
    ]
    gates, gates_folded = _gates(kept, implied), _gates(kept, folded)
    return RulePlan(
        kept,
        {word: tuple(indexes) for word, indexes in by_word.items()},
        tuple(always),
        frozenset(several),
        frozenset(by_word),
        tuple(_traits(rule) for rule in kept),
        tuple(scans),
        leads,
        gates,
        gates_folded,
        gate_bits(kept, gates),
        gate_bits(kept, gates_folded),
    )


def _gates(
    rules: Sequence[TimexRule], implied: Sequence[Requires]
) -> tuple[frozenset[int], tuple[Requires, ...]]:
    """:attr:`RulePlan.gated` from each rule's implied word groups."""
    rest = tuple(
        tuple(dict.fromkeys((*rule.requires[1:], *words)))
        for rule, words in zip(rules, implied, strict=True)
    )
    return frozenset(i for i, groups in enumerate(rest) if groups), rest


def _traits(rule: TimexRule) -> tuple[bool, bool, bool, bool]:
    """:attr:`RulePlan.traits` of one rule."""
    names = rule.regex.groupindex
    contexts = (rule.before_re, rule.not_before_re, rule.after_re, rule.not_after_re)
    return (
        "x" in names,
        any(name.endswith("_to") for name in names),
        any(regex is not None for regex in contexts),
        rule.normaliser in ("date", "time"),
    )


_PLANS: dict[tuple[int, str], tuple[tuple[TimexRule, ...], RulePlan]] = {}
_MAX_PLANS = 16


def rules_to_run(
    rules: Sequence[TimexRule], profile: str, words: frozenset[str]
) -> list[TimexRule]:
    """The rules of ``profile`` whose ``requires`` ``words`` meet, in their order: what
    checking :func:`~pipeline.nlp.timex_rules.requires_met` rule by rule gives, from the
    rules indexed by trigger word (the index is kept per rule tuple, by identity; a list is
    indexed on each call).

    Args:
        rules: Pattern rules.
        profile: ``answers`` or ``timeml``.
        words: The text's trigger words.
    """
    plan = _plan_of(rules, profile)
    return [plan.rules[i] for i in sorted(_chosen(plan, words))]


def rules_by_line(
    rules: Sequence[TimexRule], profile: str, lines: Sequence[TextLine]
) -> list[tuple[TimexRule, list[tuple[int, int]]]]:
    """The rules of ``profile`` to run on a text, each with the spans of the lines whose trigger
    words meet its ``requires`` (:func:`rules_to_run` line by line), in rule order."""
    plan = _plan_of(rules, profile)
    spans = _spans_by_rule([(line.start, line.end, _chosen(plan, line.words)) for line in lines])
    return [(plan.rules[i], spans[i]) for i in sorted(spans)]


def _spans_by_rule(
    lines: Sequence[tuple[int, int, set[int]]],
) -> dict[int, list[tuple[int, int]]]:
    """Index of each rule to run to the spans of the lines it runs on, from each line's span
    and the indexes of the rules that run on it (:func:`_chosen`)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for start, end, chosen in lines:
        for i in chosen:
            found = spans.get(i)
            if found is None:
                spans[i] = [(start, end)]
            else:
                found.append((start, end))
    return spans


def compile_plan(rules: Sequence[TimexRule], profile: str) -> RulePlan:
    """The :class:`RulePlan` kept for the rule tuple ``rules`` and ``profile``, built now: the
    component calls it when its rules are set, so that the first text does not pay for the
    plan's combined patterns (30 ms)."""
    return _plan_of(rules, profile)


def _plan_of(rules: Sequence[TimexRule], profile: str) -> RulePlan:
    """The :class:`RulePlan` of ``rules``, kept per rule tuple (by identity)."""
    if not isinstance(rules, tuple):
        return rule_plan(rules, profile)
    key = (id(rules), profile)
    entry = _PLANS.get(key)
    if entry is None or entry[0] is not rules:
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        entry = (rules, rule_plan(rules, profile))
        _PLANS[key] = entry
    return entry[1]


def _gate_lines(
    lines: Sequence[TextLine], gate: GateBits
) -> tuple[list[tuple[int, int, list[int]]], dict[int, list[tuple[int, int]]]]:
    """Each line that runs a rule with the indexes of the rules it runs (:func:`_chosen` with
    the plan's ``gated`` groups, as :class:`GateBits`), and each rule's lines
    (:func:`_spans_by_rule`), in one pass: the per-line gate is ~10k lines a corpus pass, a
    third of them running no rule."""
    by_line: list[tuple[int, int, list[int]]] = []
    by_rule: dict[int, list[tuple[int, int]]] = {}
    bits, low, guard, rule_at = gate.words.get, gate.low, gate.guard, gate.rule_at
    for line in lines:
        met = 0
        for word in line.words:
            met |= bits(word, 0)
        hits = (met + low) & guard
        if not hits:
            continue
        span = (line.start, line.end)
        chosen = []
        while hits:
            n = hits.bit_length()
            hits ^= 1 << (n - 1)
            i = rule_at[n]
            chosen.append(i)
            found = by_rule.get(i)
            if found is None:
                by_rule[i] = [span]
            else:
                found.append(span)
        by_line.append((line.start, line.end, chosen))
    return by_line, by_rule


def _chosen(plan: RulePlan, words: frozenset[str]) -> set[int]:
    """Indexes (in ``plan.rules``) of the rules whose ``requires`` ``words`` meet (the matcher
    gates lines further, by the words the patterns imply: :func:`_gate_lines`)."""
    chosen = set(plan.always)
    by_word = plan.by_word
    for word in plan.words.intersection(words):
        chosen.update(by_word[word])
    kept = plan.rules
    for i in plan.several.intersection(chosen):
        if not requires_met(kept[i].requires[1:], words):
            chosen.discard(i)
    return chosen


def _matches_in(
    regex: re.Pattern[str], text: str, spans: Sequence[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """The matches of ``regex`` inside each of ``spans`` of ``text``, in order."""
    for start, end in spans:
        yield from regex.finditer(text, start, end)


def led_matches_in(
    lead: re.Pattern[str], regex: re.Pattern[str], text: str, spans: Sequence[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """:func:`_matches_in` through ``regex``'s lead pattern (:func:`_lead_pattern`): each place
    in a span where a match can start, from the end of the previous match on, matched there
    (what ``regex.finditer`` over the span gives; ``regex`` cannot match the empty string)."""
    for start, end in spans:
        yield from _led_finditer(lead, regex, text, start, end)


_ARTICLE = re.compile(r"\bthe\s+$", re.IGNORECASE)


def _with_article(text: str, start: int) -> int:
    match = _ARTICLE.search(text, max(0, start - 8), start)
    return match.start() if match else start


def join_part(cand: Candidate, text: str, part_prefix: re.Pattern[str]) -> Candidate:
    """``cand`` extended over a part of a period written just before it ("early" 2026, "the end
    of" March 2029, "later" this year), when it is a date whose words name no part."""
    if (
        cand.rule.normaliser != "date"
        or cand.spec is None
        or cand.spec.part is not None
        or cand.spec_to is not None
    ):
        return cand
    lo = max(0, cand.start - CONTEXT_WINDOW)
    if not ends_at(part_prefix, text, lo, cand.start):  # most dates: no part before them
        return cand
    match = lead_search(part_prefix, text, lo, cand.start)
    if match is None:  # pragma: no cover - ends_at found one
        return cand
    try:
        part = parse_part(match.group("part"))
    except SpecError:
        return cand
    return replace(
        cand,
        start=match.start(),
        text=text[match.start() : cand.end],
        spec=replace(cand.spec, part=part),
    )


def hidden_match(
    regex: re.Pattern[str],
    searched: str,
    text: str,
    dropped: re.Match[str],
    spans: Sequence[tuple[int, int]],
) -> re.Match[str] | None:
    """The first match of ``regex`` on word boundaries that starts inside ``dropped`` (a match
    that starts or ends inside a word), or None.

    A rule's scan resumes after each match, so a match dropped for its boundaries would hide one
    that starts inside it: in "It took often two years", "ten two years" (inside "often") is
    dropped and "two years" never tried. A match starting at or after ``dropped``'s end is left
    to the scan, which finds it itself.

    Args:
        regex: The rule's pattern.
        searched: The text it is matched on (``text`` or its lower-cased form).
        text: The text, for the word-boundary test.
        dropped: The dropped match.
        spans: The spans (lines) the rule runs on, sorted; the search stays in ``dropped``'s.
    """
    k = bisect.bisect_right(spans, (dropped.start(), len(searched))) - 1
    end = spans[k][1] if k >= 0 else len(searched)
    pos = dropped.start() + 1
    while pos < dropped.end():
        again = regex.search(searched, pos, end)
        if again is None or again.start() >= dropped.end():
            return None
        if _on_word_boundaries(text, again.start(), again.end()):
            return again
        pos = again.start() + 1
    return None


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whether a match starts and ends on word boundaries (patterns leave out a leading
    ``\\b``, which would stop the regex engine's fast scan for the first character)."""
    if start == end:
        return False
    if start > 0 and _is_word(text[start - 1]) and _is_word(text[start]):
        return False
    return not (end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]))


_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}


def _char(code: int) -> str:
    return re.escape(chr(code))  # escapes "-", "]", "^" and "\\" too


def _reversed(items: Any, final: bool = False) -> str | None:
    """A pattern whose matches are the reversed matches of a parsed sequence, or None when it
    holds something this does not reverse (a look-around, a back-reference, an anchor other
    than ``\\b``/``\\B``, an atomic group or possessive repeat, a flag group). ``final``: the
    sequence ends where the whole match ends, which ends with ``$``; a ``$`` there says
    nothing more and is left out (a rule's ``before`` written with its own ``$``)."""
    out = []
    tail = final
    for op, av in reversed(list(items)):
        if op is sre.AT and av is sre.AT_END and tail:
            continue
        if op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
            out.append(r"\b" if av is sre.AT_BOUNDARY else r"\B")
            continue
        if op is sre.LITERAL:
            out.append(_char(av))
        elif op is sre.NOT_LITERAL:
            out.append(f"[^{_char(av)}]")
        elif op is sre.ANY:
            out.append(".")
        elif op is sre.IN:
            parts: list[str] = []
            for kind, value in av:
                if kind is sre.NEGATE:
                    parts.insert(0, "^")
                elif kind is sre.LITERAL:
                    parts.append(_char(value))
                elif kind is sre.RANGE:
                    parts.append(f"{_char(value[0])}-{_char(value[1])}")
                elif kind is sre.CATEGORY and value in _CATEGORIES:
                    parts.append(_CATEGORIES[value])
                else:
                    return None
            out.append(f"[{''.join(parts)}]")
        elif op is sre.BRANCH:
            branches = [_reversed(branch, tail) for branch in av[1]]
            if any(b is None for b in branches):
                return None
            out.append(f"(?:{'|'.join(branches)})")  # type: ignore[arg-type]
        elif op is sre.SUBPATTERN:
            if av[1] or av[2]:
                return None
            inner = _reversed(av[3], tail)
            if inner is None:
                return None
            out.append(f"(?:{inner})")
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, item = av
            inner = _reversed(item)
            if inner is None:
                return None
            bound = "" if high is sre.MAXREPEAT else str(high)
            out.append(f"(?:{inner}){{{low},{bound}}}")
        else:
            return None
        tail = False
    return "".join(out)


@dataclass(frozen=True, slots=True)
class EndCheck:
    """A regex anchored at the end (``(?:X)$``, a rule's ``before`` condition) turned around:
    ``X`` reversed, matched once at the start of the reversed window instead of searched for
    at every position of it.

    Attributes:
        inner: ``X`` reversed, where the window is the text's start.
        bounded: ``X`` reversed, followed by a look-ahead for one more character: the match
            may look at the character before the window (``\\b``) but not take it.
    """

    inner: re.Pattern[str]
    bounded: re.Pattern[str]


def end_check(regex: re.Pattern[str]) -> EndCheck | None:
    """The :class:`EndCheck` of a regex that ends with ``$`` (not in multi-line mode), or None
    when it is not one or its body cannot be reversed (:func:`_reversed`)."""
    if regex.flags & (re.MULTILINE | re.VERBOSE):
        return None
    try:
        items = list(sre_parse.parse(regex.pattern, regex.flags))
    except re.error:  # pragma: no cover - the rule compiled
        return None
    if not items or items[-1] != (sre.AT, sre.AT_END):
        return None
    body = _reversed(items[:-1], final=True)
    if body is None:
        return None
    flags = regex.flags
    return EndCheck(re.compile(body, flags), re.compile(f"(?:{body})(?=(?s:.))", flags))


_END_CHECKS: dict[int, tuple[re.Pattern[str], EndCheck | None]] = {}


def ends_at(regex: re.Pattern[str], text: str, lo: int, end: int) -> bool:
    """Whether ``regex.search(text, lo, end)`` finds a match, for a regex that ends with ``$``:
    whether its body matches some ``text[p:end]`` (or ``text[p:end - 1]`` before a final
    newline, as ``$`` allows) with ``lo <= p``, checked by one match of the reversed body
    (:func:`end_check`) at the start of the reversed window. A ``\\b`` at the match's far
    end sees the character before ``lo``, as the search's does."""
    entry = _END_CHECKS.get(id(regex))
    if entry is not None and entry[0] is regex:
        check = entry[1]
    else:
        if len(_END_CHECKS) >= _MAX_LEADS:
            _END_CHECKS.clear()
        check = end_check(regex)
        _END_CHECKS[id(regex)] = (regex, check)
    if check is None:
        return regex.search(text, lo, end) is not None
    if lo > 0:  # the window with the character before it, reversed; the match leaves it
        window, pattern = (
            text[end - 1 : lo - 2 : -1] if lo > 1 else text[end - 1 :: -1],
            check.bounded,
        )
    else:
        window, pattern = text[end - 1 :: -1] if end > 0 else "", check.inner
    if pattern.match(window) is not None:
        return True
    return end > lo and text[end - 1] == "\n" and pattern.match(window, 1) is not None


def _context_holds(rule: TimexRule, text: str, start: int, end: int) -> bool:
    lo = max(0, start - CONTEXT_WINDOW)
    hi = min(len(text), end + CONTEXT_WINDOW)
    if rule.before_re is not None and not ends_at(rule.before_re, text, lo, start):
        return False
    if rule.not_before_re is not None and ends_at(rule.not_before_re, text, lo, start):
        return False
    if rule.after_re is not None and not rule.after_re.match(text, end, hi):
        return False
    return not (rule.not_after_re is not None and rule.not_after_re.match(text, end, hi))


def blocked_regions(
    text: str, rules: TimexRuleSet, lines: Sequence[TextLine] | None = None
) -> list[tuple[int, int]]:
    """Spans where nothing is a time expression (block rules' matches or their ``block``
    group), sorted. A block rule runs on the lines (:func:`~pipeline.nlp.timex_rules.text_lines`,
    computed when None) whose trigger words meet its ``requires``."""
    regions = []
    if lines is None:
        lines = text_lines(text)
    for rule in rules.blocks:
        spans = [(ln.start, ln.end) for ln in lines if requires_met(rule.requires, ln.words)]
        for match in _matches_in(rule.regex, text, spans):
            if rule.unless_re is not None and rule.unless_re.match(text, match.start()):
                continue
            if "block" in rule.regex.groupindex and match.group("block") is not None:
                regions.append(match.span("block"))
            else:
                regions.append(match.span())
    return sorted(regions)


def lines_holding(lines: Sequence[TextLine], offsets: Sequence[int]) -> list[TextLine]:
    """The ``lines`` (in order) that hold one of ``offsets``: where block rules need to run,
    since a block rule's match, like a candidate, lies within one line, and only a region
    holding a candidate matters."""
    starts = [line.start for line in lines]
    held = set()
    for offset in offsets:
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and offset < lines[i].end:
            held.add(i)
    return [lines[i] for i in sorted(held)]


def drop_blocked(
    candidates: Sequence[Candidate], regions: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """Candidates that do not lie inside a blocked region."""
    if not regions:
        return list(candidates)
    starts = [r[0] for r in regions]
    kept = []
    for cand in candidates:
        i = bisect.bisect_right(starts, cand.start)
        inside = any(
            regions[j][0] <= cand.start and cand.end <= regions[j][1]
            for j in range(max(0, i - 8), i)
        )
        if not inside:
            kept.append(cand)
    return kept


def select(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The longest non-overlapping candidates (ties: higher priority, then earlier rule match),
    in text order."""
    ranked = sorted(candidates, key=lambda c: (-c.length, -c.rule.priority, c.start))
    taken: list[tuple[int, int]] = []
    chosen: list[Candidate] = []
    for cand in ranked:
        i = bisect.bisect_left(taken, (cand.start, cand.end))
        clash = (i > 0 and taken[i - 1][1] > cand.start) or (
            i < len(taken) and taken[i][0] < cand.end
        )
        if clash:
            continue
        taken.insert(i, (cand.start, cand.end))
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def tense_at(
    text: str,
    start: int,
    end: int,
    sentence: tuple[int, int],
    rules: Sequence[TenseRule],
    lowered: str | None = None,
) -> Tense | None:
    """The tense of the clause around ``text[start:end]``: that of the nearest tense marker
    before it in its sentence (within :data:`TENSE_REACH` characters), else of the nearest one
    after it, or None when there is none. At equal distance the earlier rule wins.

    ``lowered`` is ``text.lower()`` when the caller has it: the markers are then looked for
    through their lower-cased twins (:func:`lowered_twin`) when the text allows it
    (:func:`folds_alike`), the same matches without case-insensitive matching."""
    lo = max(sentence[0], start - TENSE_REACH)
    hi = min(sentence[1], end + TENSE_REACH)
    best: tuple[int, int, int] | None = None
    tense: Tense | None = None
    folded = lowered if lowered is not None and folds_alike(text, lowered) else None
    for order, match in _tense_matches(rules, text, lo, hi, folded):
        if match.end() <= start:
            key = (0, start - match.end(), order)
        elif match.start() >= end:
            key = (1, match.start() - end, order)
        else:
            continue
        if best is None or key < best:  # keys differ: one rule's matches do not overlap
            best = key
            tense = rules[order].tense  # type: ignore[assignment]
    return tense


_TenseScan = tuple[list[re.Pattern[str]], re.Pattern[str] | None]
"""The tense rules' patterns (or their twins) and their joined scan (:func:`_joined_scan`)."""

_TENSE_SCANS: dict[int, tuple[Sequence[TenseRule], _TenseScan, _TenseScan | None]] = {}


def _tense_matches(
    rules: Sequence[TenseRule], text: str, lo: int, hi: int, folded: str | None = None
) -> Iterator[tuple[int, re.Match[str]]]:
    """Each tense rule's index with each of its matches in ``text[lo:hi]`` (what
    ``rule.regex.finditer`` gives), found in one pass for all of them: the places where one
    of them matches (a look-behind over a first character holding a look-ahead of their
    alternation), each tried with every rule from the end of its previous match on, as
    :func:`scan_led_rules` does for the digit-led rules. Rule by rule (:func:`lead_finditer`)
    when their patterns cannot be joined.

    ``folded``: ``text`` lower-cased, given only when :func:`folds_alike` holds; then, when
    every rule has a lower-cased twin (:func:`lowered_twin`), the twins are matched on it
    instead, which gives the same spans."""
    entry = _TENSE_SCANS.get(id(rules))
    if entry is None or entry[0] is not rules:
        if len(_TENSE_SCANS) >= _MAX_LEADS:
            _TENSE_SCANS.clear()
        regexes = [rule.regex for rule in rules]
        twins = [lowered_twin(regex) for regex in regexes]
        lowered_scan: _TenseScan | None = None
        if all(twin is not None for twin in twins):
            twinned = [twin for twin in twins if twin is not None]
            lowered_scan = (twinned, _joined_scan(twinned))
        entry = (rules, (regexes, _joined_scan(regexes)), lowered_scan)
        _TENSE_SCANS[id(rules)] = entry
    if folded is not None and entry[2] is not None:
        (regexes, scan), text = entry[2], folded
    else:
        regexes, scan = entry[1]
    if scan is None:
        for order, regex in enumerate(regexes):
            for match in lead_finditer(regex, text, lo, hi):
                yield order, match
        return
    last = [lo] * len(regexes)
    for hit in scan.finditer(text, lo, hi):
        pos = hit.start()
        for order, regex in enumerate(regexes):
            if pos >= last[order]:
                found = regex.match(text, pos, hi)
                if found is not None:
                    yield order, found
                    last[order] = found.end()


def lowered_twin(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive pattern that matches a lower-cased text (:func:`folds_alike`) where
    ``regex``, compiled with ``re.IGNORECASE``, matches the text as written, with the same
    spans; None when that is not known to hold.

    The twin is ``regex``'s pattern lower-cased, kept when its parsed form is ``regex``'s with
    each literal lower-cased (:func:`_lowered_alike`): its literals ASCII characters or
    characters without case, its character ranges within ``a-z``, ``A-Z`` or holding no
    letter, its other parts (``\\b``, ``\\w``, ``\\s``, ``\\d`` and their negations, ``.``,
    groups without flags, repeats, alternations, look-arounds) the same. On such a text the
    regex engine compares each character lower-cased under ``re.IGNORECASE``, and the
    lower-cased text holds each character lower-cased; a character is a word, space or digit
    character exactly when its lower-cased form is, only the Kelvin sign lower-cases into
    ASCII, and ``re.IGNORECASE`` equates no other non-ASCII character with an ASCII one than
    the Kelvin sign and :data:`~pipeline.nlp.rules.FOLDS_APART` (every code point tested in
    ``tests/nlp/test_timex_dates.py``)."""
    if not regex.flags & re.IGNORECASE:
        return None
    flags = regex.flags & ~re.IGNORECASE
    try:
        twin = re.compile(regex.pattern.lower(), flags)
        ours = sre_parse.parse(regex.pattern, regex.flags)
        theirs = sre_parse.parse(twin.pattern, flags)
    except re.error:
        return None
    if twin.flags != flags or not _lowered_alike(list(ours), list(theirs)):
        return None
    return twin


_TWIN_CATEGORIES = frozenset(
    {
        sre.CATEGORY_DIGIT,
        sre.CATEGORY_NOT_DIGIT,
        sre.CATEGORY_SPACE,
        sre.CATEGORY_NOT_SPACE,
        sre.CATEGORY_WORD,
        sre.CATEGORY_NOT_WORD,
    }
)
_TWIN_SAME = frozenset({sre.AT, sre.ANY, sre.NEGATE})
_TWIN_NESTED = frozenset(
    {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT, sre.ASSERT, sre.ASSERT_NOT}
)


def _lowered_alike(ours: Sequence[tuple[Any, Any]], theirs: Sequence[tuple[Any, Any]]) -> bool:
    """Whether a parsed pattern (``theirs``) is the parsed ``ours`` with each literal
    lower-cased, made only of the parts :func:`lowered_twin` allows."""
    if len(ours) != len(theirs):
        return False
    for (op, av), (their_op, their_av) in zip(ours, theirs, strict=True):
        if op is not their_op:
            return False
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            char = chr(av)
            if not (char.isascii() or char.lower() == char == char.upper()):
                return False
            if their_av != ord(char.lower()):
                return False
        elif op is sre.RANGE:
            low, high = chr(av[0]), chr(av[1])
            one_case = "a" <= low <= high <= "z" or "A" <= low <= high <= "Z"
            no_letter = high.isascii() and not any(
                chr(c).isalpha() for c in range(av[0], av[1] + 1)
            )
            if not (one_case or no_letter) or their_av != (ord(low.lower()), ord(high.lower())):
                return False
        elif op is sre.CATEGORY:
            if av not in _TWIN_CATEGORIES or their_av is not av:
                return False
        elif op in _TWIN_SAME:
            if their_av != av:
                return False
        elif op is sre.IN:
            if not _lowered_alike(av, their_av):
                return False
        elif op is sre.BRANCH:
            branches, their_branches = av[1], their_av[1]
            if len(branches) != len(their_branches) or not all(
                _lowered_alike(list(a), list(b))
                for a, b in zip(branches, their_branches, strict=True)
            ):
                return False
        elif op is sre.SUBPATTERN:
            if av[1] or av[2] or their_av[:3] != av[:3]:  # a group's own flags: none
                return False
            if not _lowered_alike(list(av[3]), list(their_av[3])):
                return False
        elif op is sre.ATOMIC_GROUP:
            if not _lowered_alike(list(av), list(their_av)):
                return False
        elif op in _TWIN_NESTED:
            if their_av[:-1] != av[:-1] or not _lowered_alike(list(av[-1]), list(their_av[-1])):
                return False
        else:  # a back reference, a conditional group...
            return False
    return True


def _joined_scan(regexes: Sequence[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that finds the places where one of ``regexes`` (same flags, none matching
    the empty string) matches, or None when they cannot be joined."""
    if not regexes or len({regex.flags for regex in regexes}) != 1:
        return None
    chars: set[str] = set()
    patterns = []
    for regex in regexes:
        first = first_chars(regex)  # known only for a pattern that cannot match ""
        if first is None or "(?P=" in regex.pattern or "(?(" in regex.pattern:
            return None
        chars |= first
        patterns.append(f"(?:{_NAMED_GROUP.sub('(?:', regex.pattern)})")
    lead = "".join(DIGIT if c == DIGIT else re.escape(c) for c in sorted(chars))
    try:
        return re.compile(f"[{lead}](?<=(?={'|'.join(patterns)})(?s:.))", regexes[0].flags)
    except re.error:  # pragma: no cover - each compiled alone
        return None


def _duration_parts(cand: Candidate) -> tuple[float | None, str | None]:
    groups, fields = cand.groups, cand.rule.fields
    amount: float | None = fields.get("amount")
    if "amount" in groups:
        word = _word(groups["amount"])
        amount = None if word in dates.VAGUE_AMOUNTS else dates.parse_number(groups["amount"])
    unit: str | None = fields.get("unit")
    if "unit" in groups:
        word = _word(groups["unit"])
        unit = (
            dates.FREQUENCY_WORDS.get(word)
            or dates.UNITS.get(_singular(word))
            or dates.UNITS.get(_singular(word.rsplit(" ", 1)[-1]))  # "each financial year"
        )
    return amount, unit


def normalise(cand: Candidate, anchor: dt.date | None, tense: Tense | None) -> Resolution:
    """The value and interval of a selected candidate.

    Args:
        cand: The candidate.
        anchor: The answer date (None leaves relative expressions unresolved).
        tense: The tense of its clause (see :func:`tense_at`).

    Returns:
        The resolution; ``timex3`` None when it cannot be resolved.
    """
    rule = cand.rule
    if rule.normaliser == "date":
        if cand.spec is None:
            return Resolution(None)
        first = dates.resolve_date(cand.spec, anchor, tense)
        if cand.spec_to is None:
            return first
        spec_to = cand.spec_to
        if spec_to.unit is None and cand.spec.unit is not None and spec_to.offset is not None:
            spec_to = replace(spec_to, unit=cand.spec.unit)
        second = dates.resolve_date(spec_to, anchor, tense)
        if cand.spec.needs_year and second.start is not None:
            first = dates.resolve_date(
                _lend_year(cand.spec, second.start.year, spec_to), anchor, tense
            )
        return range_resolution(first, second)
    if rule.normaliser in ("duration", "set"):
        amount, unit = _duration_parts(cand)
        if unit is None:
            return Resolution(None)
        value = (
            dates.duration_value(amount, unit)
            if rule.normaliser == "duration"
            else dates.set_value(amount, unit)
        )
        return Resolution(value)
    if rule.normaliser == "deictic":
        value = rule.fields.get("value")
        if rule.fields.get("interval", "none") == "anchor" and anchor is not None:
            return Resolution(value, anchor, anchor)
        return Resolution(value)
    if rule.normaliser == "time":
        return _time(cand, anchor, tense)
    if anchor is None:
        return Resolution(None)
    day = dates.parse_with_dateparser(" ".join(cand.text.split()), anchor)
    return Resolution(day.isoformat(), day, day) if day else Resolution(None)


def _lend_year(spec: DateSpec, year: int, other: DateSpec | None) -> DateSpec:
    """A range's first half takes its second half's year ("April to June 2024"; "November 2023
    to February" is written the other way), a year earlier when its month, or the month its
    season starts in, comes later ("winter and spring 2025": the winter of 2024-25)."""
    if other is not None and _first_month(spec) > _first_month(other) > 0:
        year -= 1
    return dates.shift_year(spec, year)


def _first_month(spec: DateSpec) -> int:
    """The month of ``spec``, or the month its season starts in; 0 for neither."""
    if spec.month is not None:
        return spec.month
    if spec.season is not None:
        return cal.season_period(2000, spec.season).start.month
    return 0


def range_resolution(first: Resolution, second: Resolution) -> Resolution:
    """One interval from the start of ``first`` to the end of ``second`` (TimeML has no range
    value; ``timex3`` is the ISO 8601 interval of the two values). A range written backwards,
    whose second part ends before the first begins ("this year and last", "2025-2023"), is
    read in order: from the earlier part to the later."""
    if first.start is None or second.end is None or first.timex3 is None or second.timex3 is None:
        return Resolution(None)
    if second.end < first.start:
        if second.start is None or first.end is None:
            return Resolution(None)
        first, second = second, first
    return Resolution(f"{first.timex3}/{second.timex3}", first.start, second.end)


def _time(cand: Candidate, anchor: dt.date | None, tense: Tense | None) -> Resolution:
    groups, fields = cand.groups, cand.rule.fields
    spec = cand.spec
    day: dt.date | None = None
    if spec is not None and (
        spec.unit is not None or spec.weekday is not None or spec.month is not None
    ):
        resolved = dates.resolve_date(spec, anchor, tense)
        day = resolved.start if resolved.start == resolved.end else None
    elif anchor is not None:
        day = anchor
    if day is None:
        return Resolution(None)
    clock = ""
    if "hour" in groups or "hour" in fields:
        hour = _int(groups["hour"]) if "hour" in groups else int(fields["hour"])
        minute = _int(groups["minute"]) if "minute" in groups else int(fields.get("minute", 0))
        ampm = _word(groups.get("ampm", ""))
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        if not (0 <= hour <= 24 and 0 <= minute < 60):
            return Resolution(None)
        clock = f"T{hour:02d}:{minute:02d}"
    elif "daypart" in groups or "daypart" in fields:
        part = (
            DAYPARTS.get(_word(groups["daypart"]))
            if "daypart" in groups
            else str(fields["daypart"])
        )
        if part is None:
            return Resolution(None)
        clock = part if part.startswith("T") else f"T{part}"
    return Resolution(f"{day.isoformat()}{clock}", day, day)


def join_ranges(
    found: Sequence[Found],
    text: str,
    sentences: Sequence[tuple[int, int]],
    rules: Sequence[RangeRule],
    anchor: dt.date | None,
    *,
    merge: bool = True,
) -> list[Found]:
    """Join neighbouring dates into ranges, or lend the second one's year to the first.

    Args:
        found: Expressions in text order.
        text: The text.
        sentences: Sentence spans, in order.
        rules: Range rules; the first whose gap, ``before`` and ``unless`` conditions hold
            decides.
        anchor: The anchor date.
        merge: False never joins (TimeML annotates a range's ends separately) but still lends
            years.

    Returns:
        The expressions, ranges joined.
    """
    out: list[Found] = []
    starts: list[int] = []  # read when a pair first needs its sentence (see _range_rule)
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        rule = _range_rule(a, b, text, sentences, rules, starts) if b is not None else None
        if b is None or rule is None:
            out.append(a)
            i += 1
            continue
        first = a.resolution
        if a.spec is not None and a.spec.needs_year and b.resolution.start is not None:
            lent = _lend_year(a.spec, b.resolution.start.year, b.spec)
            first = dates.resolve_date(lent, anchor, None)
            a = replace(a, resolution=first, spec=lent)
        joined = range_resolution(first, b.resolution) if rule.merge and merge else None
        if (
            joined is None
            or joined.start is None
            or joined.end is None
            or joined.start > joined.end
        ):
            out.append(a)
            i += 1
            continue
        out.append(Found(a.start, b.end, "date", f"{a.rule}+{rule.id}+{b.rule}", joined, None))
        i += 2
    return out


def _range_rule(
    a: Found,
    b: Found,
    text: str,
    sentences: Sequence[tuple[int, int]],
    rules: Sequence[RangeRule],
    starts: list[int] | None = None,
) -> RangeRule | None:
    """The first range rule that joins ``a`` and ``b``, or None. ``starts``: the sentences'
    starts, or an empty list the first pair that needs them fills (None: worked out here)."""
    if a.type != "date" or b.type != "date" or a.spec is None or b.spec is None:
        return None
    if b.resolution.start is None or (a.resolution.start is None and not a.spec.needs_year):
        return None
    gap = text[a.end : b.start]
    if len(gap) > 30:
        return None
    if starts is not None and not starts:
        starts.extend(start for start, _ in sentences)  # the caller's list, filled once
    sentence_start = _sentence_of(sentences, a.start, starts)[0]
    for rule in rules:
        if not rule.gap_re.fullmatch(gap):
            continue
        if rule.before_re is not None and not ends_at(
            rule.before_re, text, max(0, a.start - 40), a.start
        ):
            continue
        if rule.unless_re is not None and rule.unless_re.search(text, sentence_start, a.start):
            continue
        if not rule.merge and not a.spec.needs_year:
            continue
        return rule
    return None


def _sentence_of(
    sentences: Sequence[tuple[int, int]], pos: int, starts: Sequence[int] | None = None
) -> tuple[int, int]:
    """The sentence span holding offset ``pos`` (``starts``: the spans' starts, precomputed)."""
    if starts is None:
        starts = [s for s, _ in sentences]
    i = bisect.bisect_right(starts, pos) - 1
    return sentences[i] if i >= 0 else (0, 0)


def role_of(text: str, found: Found, rules: Sequence[RoleRule]) -> str:
    """The role its governing preposition gives an expression (first matching rule), else
    ``reference``."""
    prep = governing_preposition(text, found.start)
    if prep is None:
        return "reference"
    words = text[found.start : found.end]
    for rule in rules:
        if prep not in rule.prepositions:
            continue
        if rule.types and found.type not in rule.types:
            continue
        if rule.text_re is not None and not rule.text_re.search(words):
            continue
        return rule.role
    return "reference"


def needs_tense(cand: Candidate) -> bool:
    """Whether the candidate's resolution depends on the tense of its clause."""
    spec = cand.spec
    if spec is None:
        return False
    return (
        spec.needs_year
        or (spec.weekday is not None and spec.offset is None)
        or (
            spec.season is not None
            and spec.year is None
            and spec.unit is None
            and spec.offset is None
        )
    )


def is_reference(item: Found) -> bool:
    """Whether a later "the previous year" or "this date" can count from ``item``: a resolved
    date whose own words give its year."""
    spec = item.spec
    return (
        item.type == "date"
        and item.resolution.start is not None
        and spec is not None
        and not spec.anaphoric
        and any(v is not None for v in (spec.year, spec.fin_year, spec.acad_year))
    )


def resolve_anaphor(
    cand: Candidate, reference: Found | None, text: str, anchor: dt.date | None, tense: Tense | None
) -> Resolution:
    """Resolve an expression that counts from the date last mentioned in its paragraph ("in
    2023 ... the previous year" -> 2022; "before April 2025 ... after this date" -> April 2025);
    with no such date, against the anchor ("the following year" in a lone sentence)."""
    assert cand.spec is not None
    spec = replace(cand.spec, anaphoric=False)
    if (
        reference is None
        or "\n\n" in text[reference.end : cand.start]
        or reference.resolution.start is None
    ):
        return (
            normalise(replace(cand, spec=spec), anchor, tense)
            if spec.unit is not None
            else Resolution(None)
        )
    if spec.unit is None or _same_split_year(spec, reference.spec):
        return reference.resolution
    split = _offset_split_year(spec, reference.spec)
    if split is not None:
        return dates.resolve_date(split, anchor, tense)
    return dates.resolve_date(spec, reference.resolution.start, tense)


def _counts_split_year(spec: DateSpec, reference: DateSpec | None) -> bool:
    return (
        reference is not None
        and spec.unit == "year"
        and spec.part is None
        and spec.month is None
        and spec.season is None
        and (reference.fin_year is not None or reference.acad_year is not None)
    )


def _same_split_year(spec: DateSpec, reference: DateSpec | None) -> bool:
    """True when ``spec`` is "that year" / "the same year" after a financial or academic year
    ("allocations ... for the 2025/26 financial year ... for that year" is 2025/26, not 2025)."""
    return not spec.offset and _counts_split_year(spec, reference)


def _offset_split_year(spec: DateSpec, reference: DateSpec | None) -> DateSpec | None:
    """The financial or academic year that "the previous year" / "the following year" names
    after one ("In 2022/23 ... 47% ..., compared to 44% in the previous year" is 2021/22, not
    the calendar year 2021), or None when ``spec`` does not count from one."""
    if reference is None or not spec.offset or not _counts_split_year(spec, reference):
        return None
    if reference.fin_year is not None:
        return DateSpec(fin_year=reference.fin_year + spec.offset)
    assert reference.acad_year is not None
    return DateSpec(acad_year=reference.acad_year + spec.offset)


class LazySpans(Sequence[tuple[int, int]]):
    """Spans computed by ``compute`` when first read (``[(0, size)]`` when it gives None or
    none): the component's sentence spans, which most answers never need (only an expression
    whose reading depends on its tense, or two dates that might make a range, looks at its
    sentence), and which cost 12 µs a Doc to read off the token array.

    Args:
        compute: Gives the spans, or None.
        size: The text's length.
    """

    __slots__ = ("_compute", "_size", "_spans")

    def __init__(self, compute: Callable[[], Sequence[tuple[int, int]] | None], size: int) -> None:
        self._compute = compute
        self._size = size
        self._spans: list[tuple[int, int]] | None = None

    def _read(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = list(self._compute() or ()) or [(0, self._size)]
        return self._spans

    def __len__(self) -> int:
        return len(self._read())

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self._read())  # not Sequence's, which reads one index at a time

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        return self._read()[index]


def find_timexes(
    text: str,
    anchor: dt.date | None,
    rules: TimexRuleSet,
    sentences: Sequence[tuple[int, int]] | None = None,
    *,
    profile: str = "answers",
    readings: MatchReadings | None = None,
) -> list[Timex]:
    """Find and resolve every time expression in ``text``.

    Args:
        text: The text.
        anchor: The date relative expressions resolve against (None leaves them unresolved).
        rules: The component's rules.
        sentences: Sentence spans (``(start, end)`` offsets, in order); the whole text when None
            or empty. A :class:`LazySpans` is read only if an expression needs its sentence.
        profile: ``answers`` (GUIDELINES.md: ranges joined) or ``timeml``.
        readings: The caller's :class:`MatchReadings` (a component's), else none kept.

    Returns:
        The expressions in text order, without overlaps, offsets into ``text``.
    """
    if not text or not rules.patterns:
        return []
    spans: Sequence[tuple[int, int]]
    if isinstance(sentences, LazySpans):
        spans = sentences
    else:
        spans = list(sentences) if sentences else [(0, len(text))]
    starts: list[int] | None = None  # read when an expression first needs its sentence
    lowered = text.lower()
    lines = text_lines(text, lowered, rules.vocabulary)  # only the words gates read
    candidates = find_candidates(
        text, rules.patterns, profile, rules.part_prefix, lines, lowered=lowered, readings=readings
    )
    if candidates:
        held = lines_holding(lines, [cand.start for cand in candidates])
        candidates = drop_blocked(candidates, blocked_regions(text, rules, held))
    found: list[Found] = []
    reference: Found | None = None
    for cand in select(candidates):
        tense = None
        if needs_tense(cand):
            if starts is None:
                starts = [start for start, _ in spans]
            sentence = _sentence_of(spans, cand.start, starts)
            tense = tense_at(text, cand.start, cand.end, sentence, rules.tenses, lowered)
        if cand.spec is not None and cand.spec.anaphoric:
            resolution = resolve_anaphor(cand, reference, text, anchor, tense)
        else:
            resolution = normalise(cand, anchor, tense)
        unread = resolution.timex3 is None and anchor is not None
        if cand.rule.normaliser == "dateparser" and unread:
            continue  # a shape only dateparser can vouch for, and it could not read it
        item = Found(cand.start, cand.end, cand.rule.type, cand.rule.id, resolution, cand.spec)
        if is_reference(item):
            reference = item
        found.append(item)
    found = join_ranges(found, text, spans, rules.ranges, anchor, merge=profile == "answers")
    out = []
    for item in found:
        res = item.resolution
        out.append(
            Timex(
                text=text[item.start : item.end],
                char_start=item.start,
                char_end=item.end,
                type=item.type,  # type: ignore[arg-type]
                timex3=res.timex3,
                start=res.start.isoformat() if res.start else None,
                end=res.end.isoformat() if res.end else None,
                role=role_of(text, item, rules.roles),  # type: ignore[arg-type]
                mod=res.mod,
                rule=item.rule,
            )
        )
    return out
