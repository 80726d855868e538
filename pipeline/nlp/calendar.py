"""The UK government calendar, and the latest date a deadline expression allows.

Pure functions over :class:`datetime.date`; no state, no I/O. The calendar facts:

- financial year ``2024-25``: 1 April 2024 to 31 March 2025;
- academic year ``2024/25``: 1 September 2024 to 31 August 2025;
- seasons (GUIDELINES.md section 2): spring 1 March-31 May, summer 1 June-31 August, autumn
  1 September-30 November, winter 1 December-end of February (the winter of 2023 runs into 2024);
- fiscal events named with a year: an Autumn Budget or Statement is that year's autumn, a Spring
  Budget or Statement its spring, a Budget or Spending Review without a season the whole year;
- Parliaments: under the Dissolution and Calling of Parliament Act 2022 a Parliament dissolves at
  the latest at the start of the fifth anniversary of the day it first met, so the Parliament that
  first met on 9 July 2024 runs at the latest to 8 July 2029, the one that met on 17 December
  2019 to 16 December 2024.

:func:`deadline_of` is what the commitment component calls to turn a time expression and its
governing preposition into a ``due`` date (GUIDELINES.md section 1).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.nlp.rules import prefix_tree
from pipeline.types import Timex

OUT_OF_CALENDAR: tuple[type[Exception], ...] = (ValueError, OverflowError)
"""What :mod:`datetime` raises for a day it cannot hold: ``ValueError`` for a year outside 1 to
9999 ("year 10000 is out of range") or a month or day that does not exist, ``OverflowError`` for
arithmetic past either end ("date value out of range") or a count too large for C ("Python int
too large to convert to C int"). Text can name such days ("the 0th century", "Easter 9999" in the
year after, "within 999999999 days", "2025 years ago"); they resolve to nothing, never a crash."""

SEASONS: tuple[str, ...] = ("SP", "SU", "FA", "WI")
"""TimeML season codes: spring, summer, autumn (fall), winter."""

_SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}


@dataclass(frozen=True, slots=True)
class Period:
    """A closed interval of days.

    Attributes:
        start: The first day.
        end: The last day (inclusive).
    """

    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls inside the period."""
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Parliament:
    """One Parliament of the United Kingdom.

    Attributes:
        first_met: The day it first met.
        dissolved: The day it was dissolved, or None while it sits.
    """

    first_met: dt.date
    dissolved: dt.date | None = None

    @property
    def latest_end(self) -> dt.date:
        """The last day it can sit: the day before the fifth anniversary of its first meeting."""
        return add_years(self.first_met, 5) - dt.timedelta(days=1)

    @property
    def end(self) -> dt.date:
        """The day it was dissolved, or the latest day it can sit when it still sits."""
        return self.dissolved or self.latest_end


PARLIAMENTS: tuple[Parliament, ...] = (
    Parliament(dt.date(2015, 5, 18), dt.date(2017, 5, 3)),
    Parliament(dt.date(2017, 6, 13), dt.date(2019, 11, 6)),
    Parliament(dt.date(2019, 12, 17), dt.date(2024, 5, 30)),
    Parliament(dt.date(2024, 7, 9)),
)
"""Recent Parliaments, oldest first (first meeting and dissolution, from parliament.uk)."""


def last_day_of_month(year: int, month: int) -> dt.date:
    """The last day of ``month`` in ``year`` (December's is found without the next year, which
    for 9999 the calendar cannot hold)."""
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, last_day_of_month(year, month + 1).day))


def year_period(year: int) -> Period:
    """The calendar year."""
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))


def month_period(year: int, month: int) -> Period:
    """The calendar month."""
    return Period(dt.date(year, month, 1), last_day_of_month(year, month))


def quarter_period(year: int, quarter: int) -> Period:
    """The calendar quarter (1-4)."""
    first = 3 * (quarter - 1) + 1
    return Period(dt.date(year, first, 1), last_day_of_month(year, first + 2))


def half_period(year: int, half: int) -> Period:
    """The first (1) or second (2) half of the calendar year."""
    return (
        Period(dt.date(year, 1, 1), dt.date(year, 6, 30))
        if half == 1
        else Period(dt.date(year, 7, 1), dt.date(year, 12, 31))
    )


def financial_year(start_year: int) -> Period:
    """The UK government financial year that starts on 1 April of ``start_year`` ("2024-25")."""
    return Period(dt.date(start_year, 4, 1), dt.date(start_year + 1, 3, 31))


def financial_quarter(start_year: int, quarter: int) -> Period:
    """Quarter 1-4 of the financial year that starts on 1 April of ``start_year`` ("the first
    quarter of 2023-24" is April to June 2023; the fourth is January to March 2024)."""
    first = dt.date(start_year, 4, 1)
    month = first.month + 3 * (quarter - 1)
    year = start_year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return Period(dt.date(year, month, 1), last_day_of_month(year, month + 2))


def academic_year(start_year: int) -> Period:
    """The academic year that starts on 1 September of ``start_year`` ("2024/25")."""
    return Period(dt.date(start_year, 9, 1), dt.date(start_year + 1, 8, 31))


def season_period(year: int, season: str) -> Period:
    """The season (``SP``, ``SU``, ``FA``, ``WI``) of ``year``; winter runs into the next year.

    Raises:
        ValueError: For an unknown season code.
    """
    if season not in _SEASON_MONTHS:
        raise ValueError(f"unknown season {season!r}; allowed: {', '.join(SEASONS)}")
    first, last = _SEASON_MONTHS[season]
    end_year = year + 1 if last < first else year
    return Period(dt.date(year, first, 1), last_day_of_month(end_year, last))


def financial_year_of(day: dt.date) -> int:
    """The start year of the financial year containing ``day``."""
    return day.year if day.month >= 4 else day.year - 1


def academic_year_of(day: dt.date) -> int:
    """The start year of the academic year containing ``day``."""
    return day.year if day.month >= 9 else day.year - 1


def season_year_of(day: dt.date) -> int:
    """The year whose winter, spring, summer or autumn contains ``day`` (January and February
    belong to the previous year's winter)."""
    return day.year - 1 if day.month <= 2 else day.year


def season_of(day: dt.date) -> str:
    """The season code of ``day``."""
    for code, (first, last) in _SEASON_MONTHS.items():
        if first <= last and first <= day.month <= last:
            return code
    return "WI"


def parliament_on(day: dt.date) -> Parliament | None:
    """The Parliament sitting on ``day``; between a dissolution and the next first meeting, the
    next Parliament; None before the first one known, and after the latest possible end of the
    last one known (a Parliament not in :data:`PARLIAMENTS` is sitting then)."""
    for parliament in reversed(PARLIAMENTS):
        if parliament.first_met <= day:
            if parliament.dissolved is not None and day > parliament.dissolved:
                later = [p for p in PARLIAMENTS if p.first_met > day]
                return later[0] if later else None
            return parliament if day <= parliament.latest_end else None
    return None


def fiscal_event_period(event: str, year: int) -> Period:
    """The period a fiscal event named with a year stands for.

    Args:
        event: The event's name as written ("Autumn Budget", "Spending Review", "Spring
            Statement", "Budget").
        year: The year in its name.

    Returns:
        The season it is held in for a seasonal event (Autumn Budget 2024 -> 1 September to 30
        November 2024), else the whole year.
    """
    lowered = event.lower()
    for word, code in (("spring", "SP"), ("summer", "SU"), ("autumn", "FA"), ("winter", "WI")):
        if word in lowered:
            return season_period(year, code)
    return year_period(year)


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of ``year`` (Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (0 = Monday) of ``month`` in ``year``."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


HOLIDAYS: dict[str, str] = {
    "christmas": "12-25",
    "christmas day": "12-25",
    "christmas eve": "12-24",
    "boxing day": "12-26",
    "new year's day": "01-01",
    "new year's eve": "12-31",
    "armistice day": "11-11",
    "st patrick's day": "03-17",
    "easter": "easter",
    "easter sunday": "easter",
    "easter monday": "easter+1",
    "good friday": "easter-2",
    "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving",
    "remembrance sunday": "remembrance",
}
"""Named days (lower case) to how they fall: a fixed ``MM-DD``, or a movable rule."""


def holiday_date(name: str, year: int) -> dt.date | None:
    """The day a named holiday (a key of :data:`HOLIDAYS`) falls on in ``year``, or None."""
    rule = HOLIDAYS.get(" ".join(name.lower().replace("’", "'").split()))
    if rule is None:
        return None
    if rule.startswith("easter"):
        return easter_sunday(year) + dt.timedelta(days=int(rule[6:] or 0))
    if rule == "thanksgiving":
        return nth_weekday(year, 11, 3, 4)
    if rule == "remembrance":
        return nth_weekday(year, 11, 6, 2)
    month, day = (int(x) for x in rule.split("-"))
    return dt.date(year, month, day)


_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)([YMWD]))+$")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([YMWD])")
_PARLIAMENT = re.compile(r"\bparliament\b", re.IGNORECASE)
_NEXT_PARLIAMENT = re.compile(r"\b(?:next|following)\s+parliament\b", re.IGNORECASE)
_WORKING_DAYS = re.compile(r"\b(?:working|business)\s+days?\b", re.IGNORECASE)
"""A duration counted in working days: no calendar date without the bank holidays of the
year, and in answers a turnaround standard ("responding ... within 20 working days")."""

BEFORE_PREPOSITIONS: frozenset[str] = frozenset({"before", "prior to", "ahead of", "in advance of"})
"""Prepositions whose deadline is the day before the period starts."""


def is_before_preposition(preposition: str) -> bool:
    """True for a :data:`BEFORE_PREPOSITIONS` word, alone or opening the noun phrase of the
    event the time expression dates ("ahead of the next SJEG meeting on" 6 March 2024: due the
    day before). ``preposition``: lower-cased, spaces normalised."""
    return preposition in BEFORE_PREPOSITIONS or any(
        preposition.startswith(p + " ") for p in BEFORE_PREPOSITIONS
    )


_END_OF = re.compile(r"^(?:the\s+)?(?:very\s+)?(?:end|close)\s+of\b", re.IGNORECASE)
"""A period's end ("the end of the year", "the close of 2025"): a boundary, so "before" it allows
the period's last day, as "by" it does."""

PREPOSITIONS: tuple[str, ...] = (
    "no later than",
    "not later than",
    "at the latest by",
    "prior to",
    "ahead of",
    "up to",
    "as of",
    "by",
    "before",
    "within",
    "over",
    "across",
    "during",
    "throughout",
    "in",
    "at",
    "on",
    "from",
    "since",
    "until",
    "till",
    "to",
    "for",
    "after",
    "between",
    "into",
    "through",
    "starting",
    "beginning",
    "following",
    "around",
    "towards",
    "of",
    "under",
    "per",
)
"""Words that can govern a time expression (the expression's text leaves them out)."""

_HEDGES = r"(?:(?:around|about|approximately|roughly|at\s+least|at\s+most|some)\s+)?"
GOVERNOR_PATTERN = (
    r"\b(?P<prep>"
    + "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(PREPOSITIONS, key=len, reverse=True)
    )
    + r")\s+"
    + _HEDGES
    + r"$"
)
"""The governing preposition, longest first, right before the end of the searched text (the
readable form of :func:`governor`)."""


GOVERNOR = re.compile(
    r"\b(?P<prep>"
    + prefix_tree(sorted(PREPOSITIONS, key=len, reverse=True))
    + r")\s+"
    + _HEDGES
    + r"$",
    re.IGNORECASE,
)
""":data:`GOVERNOR_PATTERN` with its prepositions as a prefix tree
(:func:`~pipeline.nlp.rules.prefix_tree`, same order of preference, so the same matches): the
regex engine tries one branch per first letter instead of all 35 words at every position, half
the time."""


def governing_preposition(text: str, char_start: int) -> str | None:
    """The preposition just before the expression starting at ``char_start`` in ``text``
    (lower case, spaces normalised; a hedge between them is skipped: "by around late 2025" ->
    "by"), or None. Pass it to :func:`deadline_of`."""
    match = GOVERNOR.search(text, max(0, char_start - 40), char_start)
    if match is None:
        return None
    return " ".join(match.group("prep").lower().split())


def add_duration(day: dt.date, value: str) -> dt.date | None:
    """``day`` moved forward by an ISO 8601 duration of whole calendar units (``P15Y``, ``P12W``,
    ``P6M``, ``P1Y6M``); None for durations with unknown amounts (``PXY``) or time parts, and
    for a day past the end of the calendar (year 9999: "within 99999999999 days")."""
    if not _DURATION.match(value):
        return None
    result = day
    for amount, unit in _DURATION_PART.findall(value):
        number = float(amount)
        if not number.is_integer():
            return None
        n = int(number)
        try:
            if unit == "Y":
                result = add_years(result, n)
            elif unit == "M":
                result = add_months(result, n)
            elif unit == "W":
                result += dt.timedelta(weeks=n)
            else:
                result += dt.timedelta(days=n)
        except OUT_OF_CALENDAR:
            return None
    return result


def is_century(start: dt.date, end: dt.date) -> bool:
    """True when ``[start, end]`` is a whole century (1 January 2000 to 31 December 2099)."""
    return (
        start.month == 1
        and start.day == 1
        and start.year % 100 == 0
        and end == dt.date(start.year + 99, 12, 31)
    )


def deadline_of(timex: Timex, anchor: dt.date, preposition: str | None) -> dt.date | None:
    """The latest date a deadline expression allows (GUIDELINES.md section 1, ``due``).

    Args:
        timex: The time expression (as the ``pct_timex`` component found it).
        anchor: The answer date.
        preposition: The words governing it, lower-cased ("by", "by the end of", "within",
            "over", "in", "from", "before"), or None.

    Returns:
        The last day of the period named ("by 2025" -> 2025-12-31, "in the spring" -> 31 May,
        "by 2029-30" -> 2030-03-31, "later this year" -> 31 December, "from January 2025" ->
        2025-01-31); the anchor plus the duration for "within 12 weeks" or "over the next 15
        years"; the day before the Parliament's latest dissolution for "by the end of this
        Parliament"; the day before the period starts after "before" (or "ahead of" the event
        it dates: "ahead of the meeting on 6 March 2024" -> 5 March), except before a
        period's end ("before the end of the year" -> 31 December, as "by"); None for sets, for
        vague expressions ("shortly", "in due course"), for a duration in working days
        ("within 20 working days": a turnaround standard, and no calendar date without the
        year's bank holidays), for a century ("the twenty-first century" names an era, not a
        deadline; a decade, "by the 2030s", still is one) and for a day the calendar cannot hold
        (a duration past the year 9999, the day before 1 January of the year 1).
    """
    prep = " ".join((preposition or "").lower().split()) or None
    if timex.type == "set":
        return None
    if timex.type == "duration":
        if timex.timex3 is None or _WORKING_DAYS.search(timex.text):
            return None
        return add_duration(anchor, timex.timex3)
    if _PARLIAMENT.search(timex.text):
        if _NEXT_PARLIAMENT.search(timex.text):
            return None
        parliament = parliament_on(anchor)
        return parliament.latest_end if parliament is not None else None
    if timex.start is None or timex.end is None:
        return None
    start, end = dt.date.fromisoformat(timex.start), dt.date.fromisoformat(timex.end)
    if is_century(start, end):
        return None  # "the twenty-first century" is an era, not a deadline
    if prep is not None and is_before_preposition(prep) and not _END_OF.match(timex.text):
        return start - dt.timedelta(days=1) if start > dt.date.min else None
    return end
