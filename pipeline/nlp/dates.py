"""Pure date logic for time expressions: the words' meanings, partial dates, and their resolution.

A rule that finds a time expression fills a :class:`DateSpec` (what the words say: "September"
-> month 9, "next year" -> one year after the anchor's, "2024-25" -> the financial year starting
in 2024) and :func:`resolve_date` turns it into a :class:`Resolution` (the TimeML value and the
interval of days) against the anchor date and the tense of the sentence, which decides whether a
month without a year is the last one or the next one. Durations and sets are built by
:func:`duration_value`. Nothing here looks at text beyond the words a rule matched.

dateparser is wrapped in :func:`parse_with_dateparser`, one pure cached function that takes every
setting explicitly; the rules bypass it for every common shape.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from pipeline.nlp import calendar as cal

Tense = Literal["past", "present", "future"]
TENSES: tuple[str, ...] = ("past", "present", "future")

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""Full month names, January first."""

MONTHS: Mapping[str, int] = {
    **{name: i for i, name in enumerate(MONTH_NAMES, start=1)},
    **{
        abbr: i
        for i, abbrs in enumerate(
            (
                ("jan",),
                ("feb",),
                ("mar",),
                ("apr",),
                (),
                ("jun",),
                ("jul",),
                ("aug",),
                ("sep", "sept"),
                ("oct",),
                ("nov",),
                ("dec",),
            ),
            start=1,
        )
        for abbr in abbrs
    },
}
"""Month names and abbreviations (lower case) to month numbers."""

WEEKDAYS: Mapping[str, int] = {
    name: i
    for i, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
"""Weekday names and abbreviations (lower case) to ``date.weekday()`` numbers."""

SEASON_WORDS: Mapping[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
"""Season words to TimeML season codes."""

NUMBER_WORDS: Mapping[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "couple": 2,
    "dozen": 12,
    "half": 0,
}
"""Cardinal words to numbers (compounds such as "twenty-four" are summed)."""

ORDINAL_WORDS: Mapping[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "last": -1,
    "final": -1,
}
"""Ordinal words to numbers ("last" is -1: the last quarter of a year is its fourth)."""

VAGUE_AMOUNTS: frozenset[str] = frozenset(
    {
        "several",
        "few",
        "a few",
        "some",
        "many",
        "recent",
        "coming",
        "past",
        "next",
        "last",
        "number of",
        "a number of",
        "the",
        "more",
        "multiple",
        "various",
        "those",
    }
)
"""Words that stand for an unknown amount in a duration ("several years" -> ``PXY``)."""

UNITS: Mapping[str, str] = {
    "second": "S",
    "sec": "S",
    "minute": "MIN",
    "min": "MIN",
    "hour": "H",
    "hr": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "fortnight": "FN",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "yr": "Y",
    "decade": "DE",
    "century": "CE",
    "annum": "Y",
    "term": "TERM",
    "season": "SEASON",
    "weekend": "WE",
}
"""Unit words (singular, lower case) to duration unit codes."""

FREQUENCY_WORDS: Mapping[str, str] = {
    "annually": "Y",
    "annual": "Y",
    "yearly": "Y",
    "monthly": "M",
    "weekly": "W",
    "daily": "D",
    "quarterly": "Q",
    "fortnightly": "FN",
    "hourly": "H",
    "nightly": "D",
    "termly": "TERM",
}
"""Frequency adverbs and adjectives ("annually", "on a quarterly basis") to unit codes."""

_UNIT_TO_ISO: Mapping[str, tuple[str, float]] = {
    "S": ("S", 1),
    "MIN": ("M", 1),
    "H": ("H", 1),
    "D": ("D", 1),
    "W": ("W", 1),
    "FN": ("W", 2),
    "M": ("M", 1),
    "Q": ("M", 3),
    "Y": ("Y", 1),
    "DE": ("Y", 10),
    "CE": ("Y", 100),
    "WE": ("WE", 1),
    "SEASON": ("M", 3),
    "TERM": ("M", 4),
}
_TIME_UNITS = frozenset({"S", "MIN", "H"})
_SMALLER: Mapping[str, tuple[str, int, bool]] = {
    "Y": ("M", 12, False),
    "M": ("D", 30, False),
    "W": ("D", 7, False),
    "D": ("H", 24, True),
    "H": ("M", 60, False),
    "MIN": ("S", 60, False),
}
"""The next smaller unit, for fractions: "2 1/2 years" -> ``P2Y6M``, "5 1/2 hours" ->
``PT5H30M``."""

PARTS: tuple[str, ...] = (
    "start",
    "end",
    "early",
    "mid",
    "late",
    "first_half",
    "second_half",
    "earlier",
    "later",
)
"""Parts of a period that a date expression can pick ("early 2026", "the end of the year")."""

_PART_MOD: Mapping[str, str] = {
    "start": "START",
    "early": "START",
    "end": "END",
    "late": "END",
    "mid": "MID",
}

UNIT_NAMES: tuple[str, ...] = (
    "day",
    "week",
    "weekend",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "fin_year",
    "acad_year",
    "decade",
    "century",
    "new_year",
)
"""Relative units a :class:`DateSpec` can count in ("next year", "last week", "this financial
year"); ``new_year`` is the year about to begin or just begun ("the new year", see
:func:`new_year_of`)."""

NEW_YEAR_GRACE = dt.timedelta(days=59)
"""How long after 1 January a year is still "the new year" (to the end of February)."""


def new_year_of(anchor: dt.date) -> int:
    """The year "the new year" names on ``anchor``: the next one, unless the anchor falls in the
    first two months of its own year ("early in the new year" written on 9 January 2024 is
    2024; in September or December 2024 it is 2025)."""
    return (anchor - NEW_YEAR_GRACE).year + 1


@dataclass(frozen=True, slots=True)
class DateSpec:
    """What the words of a date expression say, before resolution against the anchor.

    Every field is optional; a rule's named groups and constant fields fill them.

    Attributes:
        year: The year, when written ("2024", "'98").
        month: 1-12.
        day: Day of the month.
        weekday: 0 (Monday) to 6 (Sunday).
        season: ``SP``, ``SU``, ``FA`` or ``WI``.
        quarter: 1-4 (-1 for "the last quarter").
        half: 1 or 2.
        fin_year: Start year of a financial year ("2024-25" -> 2024).
        acad_year: Start year of an academic year.
        decade: The decade's first year ("the 1990s" -> 1990).
        century: The century's number ("the 20th century" -> 20).
        unit: The unit of a relative expression ("next year" -> ``year``).
        offset: How many units from the anchor's (0 this, 1 next, -1 last, -2 "two ... ago").
        part: Which part of the period (one of :data:`PARTS`).
        event: A fiscal event's name ("Autumn Budget"), resolved through the UK calendar.
        anaphoric: The expression counts from the date last mentioned ("the previous year",
            "this date"), which the matcher then passes as the anchor.
        holiday: A named day ("Christmas", "Easter Monday"; see
            :data:`~pipeline.nlp.calendar.HOLIDAYS`).
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    fin_year: int | None = None
    acad_year: int | None = None
    decade: int | None = None
    century: int | None = None
    unit: str | None = None
    offset: int | None = None
    part: str | None = None
    event: str | None = None
    anaphoric: bool = False
    holiday: str | None = None

    @property
    def needs_year(self) -> bool:
        """True when the year must come from the anchor (a month, day, season or quarter
        written without a year and without a relative unit)."""
        return (
            self.year is None
            and self.unit is None
            and self.fin_year is None
            and self.acad_year is None
            and self.decade is None
            and self.century is None
            and any(
                v is not None
                for v in (self.month, self.season, self.quarter, self.half, self.holiday)
            )
        )


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolved time expression.

    Attributes:
        timex3: The TimeML value, or None when it cannot be resolved.
        start: First day of the interval named, or None.
        end: Last day of the interval named, or None.
        mod: TimeML ``mod`` or None.
    """

    timex3: str | None
    start: dt.date | None = None
    end: dt.date | None = None
    mod: str | None = None


def parse_number(text: str) -> float | None:
    """The number a cardinal written in digits or words stands for.

    "15" -> 15, "1,200" -> 1200, "2 1/2" -> 2.5, "twenty-four" -> 24, "a" -> 1, "a couple of" -> 2;
    vague amounts ("several", "a few"), digits beyond a float's range (from about 309 of them) and
    anything else -> None.
    """
    words = text.lower().replace("-", " ").replace(",", "").split()
    if not words:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", "".join(words)):
        number = float("".join(words))
        return number if math.isfinite(number) else None
    if len(words) == 2 and words[0].isdigit() and re.fullmatch(r"\d/\d", words[1]):
        num, den = words[1].split("/")
        return int(words[0]) + int(num) / int(den)
    if words[-1] == "of":
        words = words[:-1]
    total = 0
    seen = False
    for word in words:
        if word in ("and",):
            continue
        if word == "a" and seen:
            continue
        if word not in NUMBER_WORDS:
            return None
        value = NUMBER_WORDS[word]
        if word == "hundred":
            total = max(total, 1) * 100
        elif word in ("couple", "dozen") and total == 1:
            total = value
        else:
            total += value
        seen = True
    return float(total) if seen and total > 0 else None


def parse_ordinal(text: str) -> int | None:
    """The number an ordinal stands for: "3rd" -> 3, "twenty-first" -> 21, "last" -> -1."""
    words = text.lower().replace("-", " ").split()
    if len(words) == 1 and re.fullmatch(r"\d+(?:st|nd|rd|th)?", words[0]):
        return int(re.sub(r"\D", "", words[0]))
    if not words or words[-1] not in ORDINAL_WORDS:
        return None
    head = parse_number(" ".join(words[:-1])) if len(words) > 1 else 0.0
    if head is None:
        return None
    return int(head) + ORDINAL_WORDS[words[-1]]


def parse_year(text: str) -> int | None:
    """A written year: "2024" -> 2024, "'98" -> 1998, "25" (as in "2024-25") -> None.

    Two-digit years after an apostrophe are read as 19xx above 30, else 20xx.
    """
    digits = text.strip().lstrip("'’")
    if not digits.isdigit():
        return None
    if len(digits) == 4:
        return int(digits)
    if len(digits) == 2 and text.strip()[:1] in ("'", "’"):
        n = int(digits)
        return 1900 + n if n > 30 else 2000 + n
    return None


def second_year(first: int, text: str) -> int | None:
    """The second year of a split year ("2024-25", "2023/2024", "2024/5"): it must follow
    ``first``. Returns the full year, or None when ``text`` cannot be the year after."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) not in (1, 2, 4):
        return None
    if len(digits) == 4:
        year = int(digits)
    else:
        base = first - first % 10 ** len(digits)
        year = base + int(digits)
        if year <= first:
            year += 10 ** len(digits)
    return year if year == first + 1 else None


def span_end_year(first: int, text: str, most: int = 15) -> int | None:
    """The last year of a span of years written with its two last digits ("2021-26" -> 2026,
    "2026-31" -> 2031, "1998-02" -> 2002): the first year after ``first`` that ends in them,
    two to ``most`` years on (the year after is a split year: :func:`second_year`). None when
    ``text`` is not two digits or names no such year."""
    digits = text.strip()
    if not digits.isdigit() or len(digits) != 2:
        return None
    year = first - first % 100 + int(digits)
    if year <= first:
        year += 100
    return year if 2 <= year - first <= most else None


def season_year_in_split(season: str, first: int) -> int:
    """The year of a season named with a split year ("winter 2024-25", "the winter of 2023/24",
    "autumn 2023/24"): such a year runs from September, so autumn and winter are of its first
    year (the winter of 2024-25 is December 2024 to February 2025) and spring and summer of its
    second. ``season`` is a TimeML season code (``SP``, ``SU``, ``FA``, ``WI``)."""
    return first if season in ("FA", "WI") else first + 1


FAR_DAYS = 183
"""A candidate this far from the anchor is implausible when another one is near (see _pick)."""

NEAR_DAYS = 45
"""... where near means within this many days."""


def _distance(period: cal.Period, anchor: dt.date) -> int:
    if period.contains(anchor):
        return 0
    return min(abs((period.start - anchor).days), abs((period.end - anchor).days))


def _pick(candidates: list[cal.Period], anchor: dt.date, tense: Tense | None) -> int:
    """Index of the candidate period meant, given the tense.

    Future: the first that has not ended. Past: the last that has started. Otherwise, or when
    the tense's choice lies more than :data:`FAR_DAYS` away while another candidate lies within
    :data:`NEAR_DAYS` ("gave no reason for the Jan. 14 deadline" on 5 January), the closest to
    the anchor (one that contains it is closest).
    """
    closest = min(range(len(candidates)), key=lambda i: (_distance(candidates[i], anchor), -i))
    chosen: int | None = None
    if tense == "future":
        chosen = next((i for i, p in enumerate(candidates) if p.end >= anchor), None)
    elif tense == "past":
        chosen = next(
            (i for i in range(len(candidates) - 1, -1, -1) if candidates[i].start <= anchor), None
        )
    if chosen is None:
        return closest
    if (
        _distance(candidates[chosen], anchor) > FAR_DAYS
        and _distance(candidates[closest], anchor) <= NEAR_DAYS
    ):
        return closest
    return chosen


def _week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _week_value(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _base_period(
    spec: DateSpec, anchor: dt.date | None, tense: Tense | None
) -> tuple[str, cal.Period] | None:
    """The TimeML value and interval of the whole period a spec names, before its part."""
    offset = spec.offset or 0
    unit = spec.unit
    if spec.event is not None:
        if spec.year is None:
            return None
        period = cal.fiscal_event_period(spec.event, spec.year)
        code = next((c for w, c in SEASON_WORDS.items() if w in spec.event.lower()), None)
        return (f"{spec.year}-{code}" if code else str(spec.year)), period
    if spec.fin_year is not None and spec.quarter is not None:
        q = 4 if spec.quarter < 0 else spec.quarter
        return f"FY{spec.fin_year}-Q{q}", cal.financial_quarter(spec.fin_year, q)
    if spec.fin_year is not None:
        return f"FY{spec.fin_year}", cal.financial_year(spec.fin_year)
    if spec.acad_year is not None:
        return f"AY{spec.acad_year}", cal.academic_year(spec.acad_year)
    if spec.decade is not None:
        start = spec.decade
        return str(start // 10), cal.Period(dt.date(start, 1, 1), dt.date(start + 9, 12, 31))
    if spec.century is not None:
        first = (spec.century - 1) * 100
        return f"{spec.century - 1:02d}", cal.Period(
            dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31)
        )

    if unit == "new_year":
        if anchor is None:
            return None
        new_year = new_year_of(anchor)
        return str(new_year), cal.year_period(new_year)

    year = spec.year
    if year is None and unit == "year" and anchor is not None:
        year = anchor.year + offset
        unit = (
            None
            if any(
                v is not None for v in (spec.month, spec.season, spec.quarter, spec.half, spec.day)
            )
            else "year"
        )
        if unit == "year":
            return str(year), cal.year_period(year)

    if year is not None:
        if spec.holiday is not None:
            holiday = cal.holiday_date(spec.holiday, year)
            return (holiday.isoformat(), cal.Period(holiday, holiday)) if holiday else None
        if spec.month is not None:
            if spec.day is not None:
                try:
                    day = dt.date(year, spec.month, spec.day)
                except ValueError:
                    return None
                return day.isoformat(), cal.Period(day, day)
            return f"{year}-{spec.month:02d}", cal.month_period(year, spec.month)
        if spec.season is not None:
            return f"{year}-{spec.season}", cal.season_period(year, spec.season)
        if spec.quarter is not None:
            q = 4 if spec.quarter < 0 else spec.quarter
            return f"{year}-Q{q}", cal.quarter_period(year, q)
        if spec.half is not None:
            return f"{year}-H{spec.half}", cal.half_period(year, spec.half)
        return str(year), cal.year_period(year)

    if anchor is None:
        return None

    if spec.needs_year or (spec.season is not None and unit is None):
        years = (anchor.year - 1, anchor.year, anchor.year + 1)
        periods: list[tuple[str, cal.Period]] = []
        for y in years:
            if spec.holiday is not None:
                holiday = cal.holiday_date(spec.holiday, y)
                if holiday is not None:
                    periods.append((holiday.isoformat(), cal.Period(holiday, holiday)))
            elif spec.month is not None and spec.day is not None:
                try:
                    day = dt.date(y, spec.month, spec.day)
                except ValueError:
                    continue
                periods.append((day.isoformat(), cal.Period(day, day)))
            elif spec.month is not None:
                periods.append((f"{y}-{spec.month:02d}", cal.month_period(y, spec.month)))
            elif spec.season is not None:
                periods.append((f"{y}-{spec.season}", cal.season_period(y, spec.season)))
            elif spec.quarter is not None:
                q = 4 if spec.quarter < 0 else spec.quarter
                periods.append((f"{y}-Q{q}", cal.quarter_period(y, q)))
            elif spec.half is not None:
                periods.append((f"{y}-H{spec.half}", cal.half_period(y, spec.half)))
        if not periods:
            return None
        if spec.offset is not None and (
            spec.season is not None or spec.month is not None or spec.holiday is not None
        ):
            return _relative_instance(periods, anchor, spec.offset)
        if spec.quarter is not None or spec.half is not None:
            # A reporting period is the one under way or the one just ended, whatever the
            # tense ("expects third-quarter profit to fall" in October is the quarter just ended).
            return periods[_pick([p for _, p in periods], anchor, None)]
        return periods[_pick([p for _, p in periods], anchor, tense)]

    if spec.weekday is not None:
        return _weekday(spec.weekday, spec.offset, anchor, tense)

    if unit == "day":
        day = anchor + dt.timedelta(days=offset)
        return day.isoformat(), cal.Period(day, day)
    if unit in ("week", "weekend"):
        monday = _week_monday(anchor) + dt.timedelta(weeks=offset)
        if unit == "weekend":
            saturday = monday + dt.timedelta(days=5)
            return f"{_week_value(monday)}-WE", cal.Period(
                saturday, saturday + dt.timedelta(days=1)
            )
        return _week_value(monday), cal.Period(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        month_start = cal.add_months(anchor.replace(day=1), offset)
        return (
            f"{month_start.year}-{month_start.month:02d}",
            cal.month_period(month_start.year, month_start.month),
        )
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + offset
        y, q = divmod(index, 4)
        return f"{y}-Q{q + 1}", cal.quarter_period(y, q + 1)
    if unit == "half":
        index = anchor.year * 2 + (anchor.month - 1) // 6 + offset
        y, h = divmod(index, 2)
        return f"{y}-H{h + 1}", cal.half_period(y, h + 1)
    if unit == "season":
        y = cal.season_year_of(anchor)
        code = cal.season_of(anchor)
        index = y * 4 + cal.SEASONS.index(code) + offset
        y, s = divmod(index, 4)
        return f"{y}-{cal.SEASONS[s]}", cal.season_period(y, cal.SEASONS[s])
    if unit == "fin_year":
        start = cal.financial_year_of(anchor) + offset
        return f"FY{start}", cal.financial_year(start)
    if unit == "acad_year":
        start = cal.academic_year_of(anchor) + offset
        return f"AY{start}", cal.academic_year(start)
    if unit == "decade":
        start = anchor.year - anchor.year % 10 + 10 * offset
        return str(start // 10), cal.Period(dt.date(start, 1, 1), dt.date(start + 9, 12, 31))
    if unit == "century":
        start = anchor.year - anchor.year % 100 + 100 * offset
        return f"{start // 100:02d}", cal.Period(dt.date(start, 1, 1), dt.date(start + 99, 12, 31))
    return None


def _relative_instance(
    periods: list[tuple[str, cal.Period]], anchor: dt.date, offset: int
) -> tuple[str, cal.Period]:
    """The instance of a recurring period (a season) meant by "this" (0), "next" (1) or "last"
    (-1): this = the one that contains the anchor, else the one that starts in the anchor's year;
    next = the first that starts after the anchor; last = the last that ended before it."""
    if offset > 0:
        later = [p for p in periods if p[1].start > anchor]
        return later[0] if later else periods[-1]
    if offset < 0:
        earlier = [p for p in periods if p[1].end < anchor]
        return earlier[-1] if earlier else periods[0]
    for p in periods:
        if p[1].contains(anchor):
            return p
    same = [p for p in periods if p[1].start.year == anchor.year]
    return same[0] if same else periods[_pick([p for _, p in periods], anchor, None)]


def _weekday(
    weekday: int, offset: int | None, anchor: dt.date, tense: Tense | None
) -> tuple[str, cal.Period]:
    """The day a weekday name means: "last Friday" the one before the anchor, "next Friday" the
    one after, a bare "Friday" the anchor itself when it is one, else the previous one (or the
    next one in a future-tense sentence)."""
    delta = (weekday - anchor.weekday()) % 7
    following = anchor + dt.timedelta(days=delta or 7)
    previous = anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7 or 7)
    if offset is not None and offset > 0:
        day = following
    elif offset is not None and offset < 0:
        day = previous
    elif delta == 0:
        day = anchor
    elif offset == 0 or tense == "future":
        day = following
    else:
        day = previous
    return day.isoformat(), cal.Period(day, day)


def _apply_part(value: str, period: cal.Period, part: str, anchor: dt.date | None) -> Resolution:
    """Narrow a period to the part named ("early", "the end of", "later", ...)."""
    start, end = period.start, period.end
    length = (end - start).days + 1
    if part == "start":
        return Resolution(value, start, start, "START")
    if part == "end":
        return Resolution(value, end, end, "END")
    if part in ("first_half", "second_half"):
        middle = start + dt.timedelta(days=length // 2)
        if length >= 365:
            middle = cal.add_months(start, 6)
        if part == "first_half":
            half_value = f"{value}-H1" if re.fullmatch(r"\d{4}", value) else value
            return Resolution(half_value, start, middle - dt.timedelta(days=1))
        half_value = f"{value}-H2" if re.fullmatch(r"\d{4}", value) else value
        return Resolution(half_value, middle, end)
    if part in ("early", "late", "mid"):
        if length >= 365:  # a quarter of the period's months: early 2025 is January-March,
            months = (length // 365) * 12  # the early 2030s 2030 to mid-2032
            first_end = cal.add_months(start, months // 4) - dt.timedelta(days=1)
            last_start = cal.add_months(start, months - months // 4)
        else:
            third = length // 3
            first_end = start + dt.timedelta(days=third - 1)
            last_start = end - dt.timedelta(days=length - 2 * third - 1)
        if part == "early":
            return Resolution(value, start, first_end, "START")
        if part == "late":
            return Resolution(value, last_start, end, "END")
        return Resolution(
            value, first_end + dt.timedelta(days=1), last_start - dt.timedelta(days=1), "MID"
        )
    if part == "later" and anchor is not None:
        return Resolution(value, max(start, min(anchor, end)), end)
    if part == "earlier" and anchor is not None:
        return Resolution(value, start, min(end, max(anchor, start)))
    return Resolution(value, start, end)


def resolve_date(spec: DateSpec, anchor: dt.date | None, tense: Tense | None = None) -> Resolution:
    """Resolve what a date expression says against the anchor date.

    Args:
        spec: The expression's fields.
        anchor: The answer date (or a TimeML document's creation time); None leaves relative
            expressions unresolved.
        tense: The tense of the clause, which decides whether a month, season or day written
            without a year is the last one (past), the next one (future) or the closest one.

    Returns:
        The TimeML value and the interval; a Resolution of Nones when the fields do not name a
        period (an impossible date, a relative expression without an anchor) or name one the
        calendar cannot hold (before the year 1 or after 9999: "the 0th century", "2025 years
        ago", "next year" on an anchor in 9999; see :data:`~pipeline.nlp.calendar.OUT_OF_CALENDAR`).
    """
    try:
        base = _base_period(spec, anchor, tense)
        if base is None:
            return Resolution(None)
        value, period = base
        if spec.part is None:
            return Resolution(value, period.start, period.end)
        return _apply_part(value, period, spec.part, anchor)
    except cal.OUT_OF_CALENDAR:
        return Resolution(None)


def duration_value(amount: float | None, unit: str) -> str | None:
    """The ISO 8601 duration for an amount of a unit.

    Args:
        amount: How many (None for an unknown amount: "several years" -> ``PXY``).
        unit: A code of :data:`UNITS` (``Y``, ``M``, ``W``, ``D``, ``H``, ``MIN``, ``S``, ``DE``,
            ``CE``, ``Q``, ``FN``).

    Returns:
        ``P15Y``, ``P12W``, ``PT5H``, ``P10Y`` (a decade), ``P3M`` (a quarter), ``PXY``, ``P2Y6M``
        (fractions go to the next smaller unit); None for an unknown unit.
    """
    if unit not in _UNIT_TO_ISO:
        return None
    iso, factor = _UNIT_TO_ISO[unit]
    prefix = "PT" if unit in _TIME_UNITS else "P"
    if amount is None:
        return f"{prefix}X{iso}"
    number = amount * factor
    if float(number).is_integer():
        return f"{prefix}{int(number)}{iso}"
    whole = int(number)
    if unit in _SMALLER:
        smaller, per, time_part = _SMALLER[unit]
        rest = (number - whole) * per
        if abs(rest - round(rest)) < 1e-9:
            head = f"{whole}{iso}" if whole else ""
            if time_part and prefix == "P":
                return f"P{head}T{round(rest)}{smaller}"
            return f"{prefix}{head}{round(rest)}{smaller}"
    return f"{prefix}{number:g}{iso}"


def set_value(amount: float | None, unit: str) -> str | None:
    """The TimeML value of a set ("each year" -> ``P1Y``, "every three years" -> ``P3Y``,
    "quarterly" -> ``P3M``): the duration between recurrences, one when no amount is given."""
    return duration_value(1.0 if amount is None else amount, unit)


def shift_year(spec: DateSpec, year: int) -> DateSpec:
    """``spec`` with its year filled in (a range's first half takes its second half's year)."""
    return replace(spec, year=year, unit=None, offset=None)


@dataclass(frozen=True, slots=True)
class DateparserSettings:
    """Every dateparser setting the wrapper passes, explicitly (dateparser mutates and merges
    the settings dict it is given, so the wrapper never hands it shared state).

    Attributes:
        languages: Languages to try.
        date_order: ``DMY`` for British dates.
        prefer_dates_from: ``past``, ``future`` or ``current_period``.
        prefer_day_of_month: ``first``, ``last`` or ``current`` for month-only dates.
        strict_parsing: Require day, month and year.
    """

    languages: tuple[str, ...] = ("en",)
    date_order: str = "DMY"
    prefer_dates_from: str = "current_period"
    prefer_day_of_month: str = "first"
    strict_parsing: bool = False


NUMERIC_DATE = re.compile(
    r"(?P<day>0?[1-9]|[12][0-9]|3[01])(?P<sep>[./])(?P<month>0?[1-9]|1[0-2])(?P=sep)"
    r"(?P<year>(?:19|20)[0-9]{2}|[0-9]{2})"
)
"""A day-first numeric date ("14.03.2024", "11.06.25", "31/3/26"): the shapes
:func:`parse_numeric_date` reads without dateparser."""

TWO_DIGIT_YEAR_PIVOT = 69
"""Two-digit years below it are 20xx, the others 19xx (dateparser's reading, as ``%y``)."""


def parse_numeric_date(text: str) -> dt.date | None:
    """The calendar date of a day-first numeric date (:data:`NUMERIC_DATE`, the whole text),
    as :func:`parse_with_dateparser` reads it with its default settings; None when ``text`` is
    not of that shape or names no calendar day (31/02/25).

    The equivalence was checked against dateparser for every day and month form with a
    dozen years, and every two- and four-digit year (00-99, 1900-2099) with several days and
    months, both separators, several anchors (``tests/nlp/test_timex_dates.py`` keeps a sample):
    the anchor does not matter for a full date.
    """
    match = NUMERIC_DATE.fullmatch(text)
    if match is None:
        return None
    year = int(match.group("year"))
    if len(match.group("year")) == 2:
        year += 2000 if year < TWO_DIGIT_YEAR_PIVOT else 1900
    try:
        return dt.date(year, int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def parse_with_dateparser(
    text: str, anchor: dt.date, settings: DateparserSettings = DateparserSettings()
) -> dt.date | None:
    """Normalise a date expression that the rules already found, with dateparser.

    dateparser never searches raw text here (it reads "We" as Wednesday and "by 2025" as 25
    March); it only reads a span a rule delimited, as a fallback for rare shapes. Pure and
    cached: the same inputs give the same date, and no caller's settings are touched. Under
    the default settings a day-first numeric date is read by :func:`parse_numeric_date`, which
    gives the date dateparser gives, without importing it.

    Args:
        text: The expression, as found.
        anchor: The date relative expressions resolve against.
        settings: Every setting passed to dateparser.

    Returns:
        The date, or None when dateparser cannot read it.
    """
    if settings == _DEFAULT_DATEPARSER_SETTINGS:
        day = parse_numeric_date(text)
        if day is not None:  # the common numeric shapes, without importing dateparser (0.13 s)
            return day
    import dateparser

    base = dt.datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(
        text,
        languages=list(settings.languages),
        settings={
            "DATE_ORDER": settings.date_order,
            "PREFER_DATES_FROM": settings.prefer_dates_from,
            "PREFER_DAY_OF_MONTH": settings.prefer_day_of_month,
            "RELATIVE_BASE": base,
            "STRICT_PARSING": settings.strict_parsing,
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed.date() if parsed is not None else None


_DEFAULT_DATEPARSER_SETTINGS = DateparserSettings()
