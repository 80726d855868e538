"""The UK government calendar and ``deadline_of`` (GUIDELINES.md section 1, ``due``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from pipeline.engine import extract
from pipeline.nlp import calendar as cal
from pipeline.nlp.calendar import (
    GOVERNOR,
    GOVERNOR_PATTERN,
    deadline_of,
    governing_preposition,
)
from pipeline.types import Timex

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (cal.financial_year(2024), "2024-04-01", "2025-03-31"),
        (cal.academic_year(2024), "2024-09-01", "2025-08-31"),
        (cal.season_period(2024, "SP"), "2024-03-01", "2024-05-31"),
        (cal.season_period(2024, "SU"), "2024-06-01", "2024-08-31"),
        (cal.season_period(2024, "FA"), "2024-09-01", "2024-11-30"),
        (cal.season_period(2023, "WI"), "2023-12-01", "2024-02-29"),
        (cal.season_period(2024, "WI"), "2024-12-01", "2025-02-28"),
        (cal.quarter_period(2024, 2), "2024-04-01", "2024-06-30"),
        (cal.financial_quarter(2023, 1), "2023-04-01", "2023-06-30"),
        (cal.financial_quarter(2023, 3), "2023-10-01", "2023-12-31"),
        (cal.financial_quarter(2023, 4), "2024-01-01", "2024-03-31"),
        (cal.half_period(2025, 2), "2025-07-01", "2025-12-31"),
        (cal.month_period(2024, 2), "2024-02-01", "2024-02-29"),
        (cal.fiscal_event_period("Autumn Budget", 2024), "2024-09-01", "2024-11-30"),
        (cal.fiscal_event_period("Spring Statement", 2025), "2025-03-01", "2025-05-31"),
        (cal.fiscal_event_period("Spending Review", 2025), "2025-01-01", "2025-12-31"),
    ],
)
def test_calendar_periods(period: cal.Period, start: str, end: str) -> None:
    assert (period.start, period.end) == (D(start), D(end))


@pytest.mark.parametrize(
    ("period_of", "args", "start", "end"),
    [
        (cal.month_period, (9999, 12), "9999-12-01", "9999-12-31"),
        (cal.quarter_period, (9999, 4), "9999-10-01", "9999-12-31"),
        (cal.financial_quarter, (9998, 3), "9998-10-01", "9998-12-31"),
        (cal.month_period, (1, 1), "0001-01-01", "0001-01-31"),
    ],
)
def test_calendar_periods_at_the_ends_of_the_calendar(
    period_of: Callable[..., cal.Period], args: tuple[int, ...], start: str, end: str
) -> None:
    """December 9999 ends on its 31st (its end was found as the day before January 10000,
    which raised ValueError: mutation fuzzing, docs/reliability.md)."""
    period = period_of(*args)
    assert (period.start, period.end) == (D(start), D(end))


@pytest.mark.parametrize(
    ("day", "financial", "academic", "season_year", "season"),
    [
        ("2024-03-31", 2023, 2023, 2024, "SP"),
        ("2024-04-01", 2024, 2023, 2024, "SP"),
        ("2024-09-01", 2024, 2024, 2024, "FA"),
        ("2025-01-15", 2024, 2024, 2024, "WI"),
        ("2024-12-09", 2024, 2024, 2024, "WI"),
    ],
)
def test_calendar_year_of(
    day: str, financial: int, academic: int, season_year: int, season: str
) -> None:
    assert cal.financial_year_of(D(day)) == financial
    assert cal.academic_year_of(D(day)) == academic
    assert cal.season_year_of(D(day)) == season_year
    assert cal.season_of(D(day)) == season


def test_calendar_unknown_season_raises() -> None:
    with pytest.raises(ValueError, match="unknown season 'XX'"):
        cal.season_period(2024, "XX")


@pytest.mark.parametrize(
    ("day", "first_met", "latest_end"),
    [
        ("2025-01-13", "2024-07-09", "2029-07-08"),
        ("2024-07-09", "2024-07-09", "2029-07-08"),
        ("2023-12-13", "2019-12-17", "2024-12-16"),
        ("2024-06-15", "2024-07-09", "2029-07-08"),
    ],
    ids=["sitting-2024", "first-day", "sitting-2019", "between-parliaments"],
)
def test_calendar_parliament_on(day: str, first_met: str, latest_end: str) -> None:
    parliament = cal.parliament_on(D(day))
    assert parliament is not None
    assert (parliament.first_met, parliament.latest_end) == (D(first_met), D(latest_end))


def test_calendar_parliament_before_records_is_none() -> None:
    assert cal.parliament_on(D("2001-01-01")) is None


@pytest.mark.parametrize(
    ("day", "duration", "expected"),
    [
        ("2024-03-25", "P12W", "2024-06-17"),
        ("2024-03-25", "P15Y", "2039-03-25"),
        ("2024-02-29", "P1Y", "2025-02-28"),
        ("2024-01-31", "P1M", "2024-02-29"),
        ("2024-03-25", "P1Y6M", "2025-09-25"),
        ("2024-03-25", "PXY", None),
        ("2024-03-25", "PT5H", None),
        ("2024-03-25", "P2.5Y", None),
        # past the calendar's end (the year 9999): nothing, never OverflowError or ValueError
        ("2024-03-25", "P999999999D", None),
        ("2024-03-25", "P99999999999999999999Y", None),
        ("2024-03-25", "P999999999999999999999999999999M", None),
        ("2024-03-25", "P9999999999999W", None),
        ("9999-12-31", "P1D", None),
        ("9999-06-01", "P1Y", None),
        ("9999-12-31", "P0D", "9999-12-31"),
    ],
)
def test_calendar_add_duration(day: str, duration: str, expected: str | None) -> None:
    result = cal.add_duration(D(day), duration)
    assert (result.isoformat() if result else None) == expected


DEADLINES: list[tuple[str, str, str | None, str | None]] = [
    ("We will do it by 2025.", "2024-03-25", "by", "2025-12-31"),
    ("We will do it by the end of March 2026.", "2024-03-25", "by", "2026-03-31"),
    ("We will publish it in the spring.", "2024-11-20", "in", "2025-05-31"),
    ("We will publish it in the spring.", "2024-03-25", "in", "2024-05-31"),
    ("We will publish it later this year.", "2024-03-25", None, "2024-12-31"),
    ("We will respond within 12 weeks.", "2024-03-25", "within", "2024-06-17"),
    ("It will be complete by 2029-30.", "2024-03-25", "by", "2030-03-31"),
    ("It will open in 2029-30.", "2024-03-25", "in", "2030-03-31"),
    ("It will start in the 2025/26 academic year.", "2024-03-25", "in", "2026-08-31"),
    ("It will be ready in early 2026.", "2024-03-25", "in", "2026-03-31"),
    ("It will be ready in late 2025.", "2024-03-25", "in", "2025-12-31"),
    ("It will be ready in the second half of 2025.", "2024-03-25", "in", "2025-12-31"),
    ("We will decide by October.", "2024-03-25", "by", "2024-10-31"),
    ("We will invest over the next 15 years.", "2024-03-25", "over", "2039-03-25"),
    ("From January 2025 the duty applies.", "2024-03-25", "from", "2025-01-31"),
    ("From 2026 we will report on progress.", "2024-03-25", "from", "2026-12-31"),
    ("We will halve it by the end of this Parliament.", "2025-01-13", "by", "2029-07-08"),
    ("We will halve it by the end of this Parliament.", "2023-12-13", "by", "2024-12-16"),
    ("We will deliver 1.5 million homes over this Parliament.", "2024-09-09", "over", "2029-07-08"),
    ("It will be decided before April 2025.", "2024-03-25", "before", "2025-03-31"),
    # a period's end is a boundary: "before" it allows the last day, as "by" does
    ("It will be decided before the end of the year.", "2024-03-25", "before", "2024-12-31"),
    ("It will be decided before the close of 2025.", "2024-03-25", "before", "2025-12-31"),
    ("We will publish the results shortly.", "2024-03-25", None, None),
    ("We will publish it in due course.", "2024-03-25", "in", None),
    ("We will report on it each year.", "2024-03-25", None, None),
    ("We will publish it at Autumn Budget 2025.", "2025-09-10", "at", "2025-11-30"),
    # a century names an era, not a deadline (answer 1727162)
    (
        "The Strategic Defence Review will determine the roles, capabilities and reforms required by UK Defence to meet the challenges, threats and opportunities of the twenty-first century.",
        "2024-09-09",
        "of",
        None,
    ),
    # "the new year" is its first quarter (answer 1678456)
    ("The Committee will publish a report in the new year.", "2024-02-14", "in", "2024-03-31"),
]
"""GUIDELINES.md section 1's ``due`` examples: (sentence, answer date, preposition, due)."""


@pytest.mark.parametrize(("sentence", "anchor", "preposition", "due"), DEADLINES)
def test_deadline_of_guideline_examples(
    nlp: object, sentence: str, anchor: str, preposition: str | None, due: str | None
) -> None:
    result = extract(sentence, D(anchor))
    timex = result.timexes[-1]
    assert governing_preposition(sentence, timex.char_start) == preposition
    latest = deadline_of(timex, D(anchor), preposition)
    assert (latest.isoformat() if latest else None) == due


@pytest.mark.parametrize(
    ("timex", "preposition", "expected"),
    [
        (Timex("2025", 0, 4, "date", "2025", "2025-01-01", "2025-12-31"), "BY", "2025-12-31"),
        (
            Timex("2025", 0, 4, "date", "2025", "2025-01-01", "2025-12-31"),
            "prior  to",
            "2024-12-31",
        ),
        (Timex("recently", 0, 8, "date", "PAST_REF"), "by", None),
        (Timex("the next Parliament", 0, 19, "date"), "over", None),
        (Timex("several years", 0, 13, "duration", "PXY"), "within", None),
        (Timex("12 weeks", 0, 8, "duration"), "within", None),
        (Timex("12 weeks", 0, 8, "duration", "P12W"), "within", "2024-06-17"),
        (Timex("20 working days", 0, 15, "duration", "P20D"), "within", None),
        (Timex("five Business Days", 0, 18, "duration", "P5D"), "within", None),
        (Timex("annually", 0, 8, "set", "P1Y"), None, None),
        (Timex("this century", 0, 12, "date", "20", "2000-01-01", "2099-12-31"), "in", None),
        (Timex("the 2030s", 0, 9, "date", "203", "2030-01-01", "2039-12-31"), "by", "2039-12-31"),
        # the day before the calendar's first day: none (was OverflowError)
        (Timex("0001", 0, 4, "date", "0001", "0001-01-01", "0001-12-31"), "before", None),
        (Timex("999999999 days", 0, 14, "duration", "P999999999D"), "within", None),
        # "ahead of" the event a time dates: the day before it (1677307, 1677779)
        (
            Timex("6 March 2024", 0, 12, "date", "2024-03-06", "2024-03-06", "2024-03-06"),
            "ahead of the next Service Justice Executive Group (SJEG) meeting on",
            "2024-03-05",
        ),
        (
            Timex("March 2024", 0, 10, "date", "2024-03", "2024-03-01", "2024-03-31"),
            "ahead of Allocation Round 6 in",
            "2024-02-29",
        ),
        (
            Timex("2027", 0, 4, "date", "2027", "2027-01-01", "2027-12-31"),
            "in advance of the launch in",
            "2026-12-31",
        ),
        # a preposition that only begins like one is not one
        (
            Timex("2025", 0, 4, "date", "2025", "2025-01-01", "2025-12-31"),
            "beforehand in",
            "2025-12-31",
        ),
    ],
)
def test_deadline_of_edge_cases(
    timex: Timex, preposition: str | None, expected: str | None
) -> None:
    latest = deadline_of(timex, D("2024-03-25"), preposition)
    assert (latest.isoformat() if latest else None) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2000-01-01", "2099-12-31", True),
        ("1900-01-01", "1999-12-31", True),
        ("2030-01-01", "2039-12-31", False),
        ("2000-01-01", "2098-12-31", False),
        ("2001-01-01", "2100-12-31", False),
    ],
)
def test_is_century(start: str, end: str, expected: bool) -> None:
    assert cal.is_century(D(start), D(end)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("published by around late 2025", "by"),
        ("no later than 31 March 2025", "no later than"),
        ("By\n2030", "by"),
        ("ready in spring", "in"),
        ("the 2025 review", None),
        ("", None),
    ],
)
def test_governing_preposition(text: str, expected: str | None) -> None:
    words = {
        "published by around late 2025": "late 2025",
        "no later than 31 March 2025": "31 March 2025",
        "By\n2030": "2030",
        "ready in spring": "spring",
        "the 2025 review": "2025 review",
        "": "",
    }
    start = text.rfind(words[text]) if text else 0
    assert governing_preposition(text, start) == expected


def test_governor_matches_what_its_readable_form_matches() -> None:
    flat = re.compile(GOVERNOR_PATTERN, re.IGNORECASE)
    text = (
        "We will report no later than 31 March 2025, at the latest by June, and Up To around "
        "2030; from  April, prior to\nthe review, ahead of autumn, as of today, starting from "
        "at least 2026, in between 2024 and 2025, per year, towards the end, following it. "
        "Not later than 2027, on at most two days, until spring, across THROUGHOUT 2028."
    )
    for end in range(len(text) + 1):
        for start in (0, max(0, end - 40)):
            a, b = flat.search(text, start, end), GOVERNOR.search(text, start, end)
            assert (a and (a.span(), a.group("prep"))) == (b and (b.span(), b.group("prep")))
