"""The pure functions under ``pct_timex``: word meanings, resolution against the anchor and the
tense, durations, dateparser's wrapper, and the matcher's steps."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.ingest.records import Answer
from pipeline.ingest.replay import read_answers
from pipeline.nlp import dates, timex_rules
from pipeline.nlp import timex_match as tm
from pipeline.nlp.dates import DateparserSettings, DateSpec, Resolution
from pipeline.nlp.rules import RuleError
from pipeline.nlp.timex_match import (
    DIGIT,
    Candidate,
    Found,
    SpecError,
    build_spec,
    end_check,
    ends_at,
    find_candidates,
    first_chars,
    join_ranges,
    lead_finditer,
    lead_of,
    lead_search,
    led_matches_in,
    lines_holding,
    parse_part,
    plain_pattern,
    rule_plan,
    rules_by_line,
    rules_to_run,
    scan_led_rules,
    select,
    tense_at,
)
from pipeline.nlp.timex_rules import (
    BUILTIN_MACROS,
    RangeRule,
    TenseRule,
    TimexRule,
    expand_macros,
    implied_words,
    requires_met,
    text_lines,
    trigger_words,
)

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15", 15),
        ("1,200", 1200),
        ("2 1/2", 2.5),
        ("fifteen", 15),
        ("twenty-four", 24),
        ("twenty four", 24),
        ("a", 1),
        ("an", 1),
        ("a couple of", 2),
        ("one hundred", 100),
        ("several", None),
        ("a few", None),
        ("", None),
        ("many", None),
        ("9" * 400, None),  # was inf: "within 99...9 years" crashed making its ISO duration
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert dates.parse_number(text) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (2024, "25", 2025),
        (2024, "2025", 2025),
        (2024, "5", 2025),
        (2019, "20", 2020),
        (2099, "00", 2100),
        (2024, "27", None),
        (2024, "2026", None),
        (2024, "x", None),
    ],
)
def test_second_year_must_follow(first: int, second: str, expected: int | None) -> None:
    assert dates.second_year(first, second) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (2021, "26", 2026),  # "the 2021-26 Affordable Homes Programme" (1725815)
        (2026, "31", 2031),  # "the period 2026-31" (1741440)
        (1998, "02", 2002),
        (2024, "25", None),  # the year after: a split year
        (2024, "24", None),
        (2010, "40", None),  # too far to be a span
        (2021, "6", None),
    ],
)
def test_span_end_year_reads_two_digits_after_the_first(
    first: int, last: str, expected: int | None
) -> None:
    assert dates.span_end_year(first, last) == expected


@pytest.mark.parametrize(
    ("season", "expected"), [("FA", 2023), ("WI", 2023), ("SP", 2024), ("SU", 2024)]
)
def test_season_year_in_split_year_2023_24(season: str, expected: int) -> None:
    assert dates.season_year_in_split(season, 2023) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (15, "Y", "P15Y"),
        (12, "W", "P12W"),
        (18, "M", "P18M"),
        (5, "H", "PT5H"),
        (None, "M", "PXM"),
        (2, "DE", "P20Y"),
        (3, "Q", "P9M"),
        (2.5, "Y", "P2Y6M"),
        (5.5, "H", "PT5H30M"),
        (1.5, "D", "P1DT12H"),
        (1, "FN", "P2W"),
        (1, "parsec", None),
    ],
)
def test_duration_value(amount: float | None, unit: str, expected: str | None) -> None:
    assert dates.duration_value(amount, unit) == expected


def test_set_value_defaults_to_one() -> None:
    assert dates.set_value(None, "Y") == "P1Y"
    assert dates.set_value(3, "Y") == "P3Y"
    assert dates.set_value(None, "Q") == "P3M"


def _r(res: Resolution) -> tuple[str | None, str | None, str | None]:
    return (
        res.timex3,
        res.start.isoformat() if res.start else None,
        res.end.isoformat() if res.end else None,
    )


@pytest.mark.parametrize(
    ("spec", "anchor", "tense", "expected"),
    [
        (DateSpec(year=2023, month=9), "2024-03-25", None, ("2023-09", "2023-09-01", "2023-09-30")),
        (DateSpec(month=9), "2025-01-15", "past", ("2024-09", "2024-09-01", "2024-09-30")),
        (DateSpec(month=9), "2025-01-15", "future", ("2025-09", "2025-09-01", "2025-09-30")),
        (
            DateSpec(month=10, day=30),
            "2024-09-09",
            "future",
            ("2024-10-30", "2024-10-30", "2024-10-30"),
        ),
        (
            DateSpec(month=1, day=14),
            "2000-01-05",
            "past",
            ("2000-01-14", "2000-01-14", "2000-01-14"),
        ),
        (DateSpec(season="SP"), "2023-12-15", None, ("2024-SP", "2024-03-01", "2024-05-31")),
        (
            DateSpec(season="SP", offset=0),
            "2025-01-14",
            None,
            ("2025-SP", "2025-03-01", "2025-05-31"),
        ),
        (
            DateSpec(season="WI", offset=0),
            "2023-12-07",
            None,
            ("2023-WI", "2023-12-01", "2024-02-29"),
        ),
        (
            DateSpec(season="FA", offset=-1),
            "2025-01-09",
            None,
            ("2024-FA", "2024-09-01", "2024-11-30"),
        ),
        (DateSpec(month=4, offset=-1), "1998-04-10", None, ("1997-04", "1997-04-01", "1997-04-30")),
        (DateSpec(unit="year", offset=1), "2024-11-19", None, ("2025", "2025-01-01", "2025-12-31")),
        (
            DateSpec(unit="fin_year", offset=0),
            "2024-11-13",
            None,
            ("FY2024", "2024-04-01", "2025-03-31"),
        ),
        (
            DateSpec(unit="acad_year", offset=0),
            "2024-01-10",
            None,
            ("AY2023", "2023-09-01", "2024-08-31"),
        ),
        (
            DateSpec(unit="week", offset=-1),
            "2013-03-22",
            None,
            ("2013-W11", "2013-03-11", "2013-03-17"),
        ),
        (
            DateSpec(unit="day", offset=-1),
            "2024-03-01",
            None,
            ("2024-02-29", "2024-02-29", "2024-02-29"),
        ),
        (
            DateSpec(unit="year", offset=0, part="later"),
            "2024-09-04",
            None,
            ("2024", "2024-09-04", "2024-12-31"),
        ),
        (
            DateSpec(unit="year", offset=0, part="earlier"),
            "2023-12-12",
            None,
            ("2023", "2023-01-01", "2023-12-12"),
        ),
        (
            DateSpec(year=2026, part="early"),
            "2024-01-01",
            None,
            ("2026", "2026-01-01", "2026-03-31"),
        ),
        (
            DateSpec(year=2025, part="late"),
            "2024-01-01",
            None,
            ("2025", "2025-10-01", "2025-12-31"),
        ),
        (
            DateSpec(year=2025, part="second_half"),
            "2024-01-01",
            None,
            ("2025-H2", "2025-07-01", "2025-12-31"),
        ),
        (
            DateSpec(year=2029, month=3, part="end"),
            "2025-11-11",
            None,
            ("2029-03", "2029-03-31", "2029-03-31"),
        ),
        (
            DateSpec(acad_year=2024, part="end"),
            "2024-11-15",
            None,
            ("AY2024", "2025-08-31", "2025-08-31"),
        ),
        (DateSpec(fin_year=2024), "2024-01-01", None, ("FY2024", "2024-04-01", "2025-03-31")),
        (DateSpec(decade=1990), "2024-01-01", None, ("199", "1990-01-01", "1999-12-31")),
        (
            DateSpec(event="Autumn Budget", year=2024),
            "2025-09-05",
            None,
            ("2024-FA", "2024-09-01", "2024-11-30"),
        ),
        (DateSpec(weekday=4), "2013-03-22", "past", ("2013-03-22", "2013-03-22", "2013-03-22")),
        (DateSpec(weekday=1), "2013-03-22", "past", ("2013-03-19", "2013-03-19", "2013-03-19")),
        (DateSpec(weekday=1), "2013-03-22", "future", ("2013-03-26", "2013-03-26", "2013-03-26")),
        (DateSpec(quarter=3), "1989-10-25", "future", ("1989-Q3", "1989-07-01", "1989-09-30")),
        (DateSpec(year=2024, month=2, day=30), "2024-01-01", None, (None, None, None)),
        (DateSpec(unit="year", offset=1), None, None, (None, None, None)),
        # periods the calendar cannot hold (before the year 1, after 9999) resolve to nothing;
        # each raised ValueError or OverflowError (mutation fuzzing, docs/reliability.md)
        (DateSpec(century=0), "2024-07-22", None, (None, None, None)),  # "the 0th century"
        (DateSpec(unit="year", offset=-2025), "2024-07-22", None, (None, None, None)),
        (DateSpec(season="SP", year=0), "2024-07-22", None, (None, None, None)),  # "spring 0000"
        (DateSpec(unit="year", offset=1), "9999-12-31", None, (None, None, None)),  # "next year"
        (DateSpec(unit="new_year"), "9999-12-31", None, (None, None, None)),
        (DateSpec(month=9), "9999-12-31", "future", (None, None, None)),
        (DateSpec(holiday="christmas"), "9999-12-31", "future", (None, None, None)),
        (DateSpec(weekday=4, offset=1), "9999-12-31", None, (None, None, None)),
        (DateSpec(unit="day", offset=-1), "0001-01-01", None, (None, None, None)),
        (DateSpec(fin_year=9999), "2024-07-22", None, (None, None, None)),
        (
            DateSpec(year=9999, month=12),
            "2024-07-22",
            None,
            ("9999-12", "9999-12-01", "9999-12-31"),
        ),
    ],
)
def test_resolve_date(
    spec: DateSpec, anchor: str | None, tense: dates.Tense | None, expected: tuple[str | None, ...]
) -> None:
    assert _r(dates.resolve_date(spec, D(anchor) if anchor else None, tense)) == expected


def test_parse_with_dateparser_is_pure_and_cached() -> None:
    settings = DateparserSettings()
    first = dates.parse_with_dateparser("Wed 13 Dec 2023", D("2024-03-25"), settings)
    assert first == D("2023-12-13")
    assert dates.parse_with_dateparser("Wed 13 Dec 2023", D("2024-03-25"), settings) == first
    assert settings == DateparserSettings()
    assert dates.parse_with_dateparser("no date here at all", D("2024-03-25")) is None


@pytest.mark.parametrize("sep", [".", "/"])
@pytest.mark.parametrize("year", ["24", "00", "68", "69", "99", "1999", "2025", "2099"])
def test_parse_numeric_date_reads_what_dateparser_reads(sep: str, year: str) -> None:
    import dateparser

    settings = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "current_period"}
    days = ["1", "01", "9", "12", "28", "29", "30", "31"]
    for day in days:
        for month in ["1", "02", "2", "4", "09", "12"]:
            text = f"{day}{sep}{month}{sep}{year}"
            parsed = dateparser.parse(text, languages=["en"], settings=dict(settings))
            expected = parsed.date() if parsed is not None else None
            assert dates.parse_numeric_date(text) == expected, text
            assert dates.parse_with_dateparser(text, D("2024-09-18")) == expected, text


@pytest.mark.parametrize("text", ["13/31/25", "1.1.1850", "2024-01-05", "1/2/3", "01.12.2025 "])
def test_parse_numeric_date_leaves_other_shapes(text: str) -> None:
    assert dates.parse_numeric_date(text) is None


@pytest.mark.parametrize(
    ("groups", "fields", "expected"),
    [
        (
            {"day": "25th", "month": "Jan.", "year": "2024"},
            {},
            DateSpec(year=2024, month=1, day=25),
        ),
        ({"fy": "2024", "fy2": "25"}, {}, DateSpec(fin_year=2024)),
        ({"ay": "2019", "ay_end_to": "2022"}, {}, DateSpec(acad_year=2019)),
        ({"offset": "next", "unit": "financial year"}, {}, DateSpec(unit="fin_year", offset=1)),
        ({"ago": "two", "unit": "years"}, {}, DateSpec(unit="year", offset=-2)),
        (
            {"part": "the end of the", "unit": "year"},
            {"offset": 0},
            DateSpec(unit="year", offset=0, part="end"),
        ),
        ({"decade": "1990"}, {}, DateSpec(decade=1990)),
        ({}, {}, None),
    ],
)
def test_build_spec(
    groups: dict[str, str], fields: dict[str, object], expected: DateSpec | None
) -> None:
    assert build_spec(groups, fields) == expected


@pytest.mark.parametrize(
    "groups",
    [
        {"fy": "2024", "fy2": "27"},
        {"month": "13"},
        {"day": "32", "month": "May"},
        {"weekday": "Funday"},
        {"part": "middling"},
    ],
)
def test_build_spec_rejects_impossible_words(groups: dict[str, str]) -> None:
    with pytest.raises(SpecError):
        build_spec(groups, {})


def test_parse_part_reads_the_phrase() -> None:
    assert parse_part("the end of the") == "end"
    assert parse_part("mid") == "mid"
    assert parse_part("Later in") == "later"


TENSES = [
    TenseRule.from_dict({"id": "f", "pattern": r"\bwill\s+(?:be\s+)?\w+", "tense": "future"}, "t"),
    TenseRule.from_dict({"id": "p", "pattern": r"\b\w+ed\b", "tense": "past"}, "t"),
]


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("It will be published in March.", "March", "future"),
        ("It was announced in March.", "March", "past"),
        ("In March it will open.", "March", "future"),
        ("In March, nothing.", "March", None),
        ("It opened. In March.", "March", None),
    ],
)
def test_tense_at_nearest_marker_in_the_sentence(
    text: str, target: str, expected: str | None
) -> None:
    start = text.index(target)
    sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
    assert (
        tense_at(text, start, start + len(target), (sentence_start, len(text)), TENSES) == expected
    )


def _rule(rule_id: str, priority: int = 0) -> TimexRule:
    return TimexRule.from_dict(
        {"id": rule_id, "pattern": "x", "type": "date", "normaliser": "date", "priority": priority},
        "t",
    )


def test_select_prefers_longest_then_priority() -> None:
    cands = [
        Candidate(0, 4, _rule("short"), {}),
        Candidate(0, 10, _rule("long"), {}),
        Candidate(12, 16, _rule("low"), {}),
        Candidate(12, 16, _rule("high", 5), {}),
        Candidate(9, 13, _rule("overlap"), {}),
    ]
    assert [c.rule.id for c in select(cands)] == ["long", "high"]


def test_join_ranges_lends_the_year_and_joins() -> None:
    text = "from April to June 2024 and in January and May 2024"
    april = Found(
        5,
        10,
        "date",
        "m",
        dates.resolve_date(DateSpec(month=4), D("2025-01-15"), None),
        DateSpec(month=4),
    )
    june = Found(
        14,
        23,
        "date",
        "my",
        dates.resolve_date(DateSpec(month=6, year=2024), D("2025-01-15")),
        DateSpec(month=6, year=2024),
    )
    jan = Found(
        31,
        38,
        "date",
        "m",
        dates.resolve_date(DateSpec(month=1), D("2025-01-15")),
        DateSpec(month=1),
    )
    may = Found(
        43,
        51,
        "date",
        "my",
        dates.resolve_date(DateSpec(month=5, year=2024), D("2025-01-15")),
        DateSpec(month=5, year=2024),
    )
    rules = [
        RangeRule.from_dict({"id": "to", "gap": r"\s+to\s+"}, "r"),
        RangeRule.from_dict({"id": "and", "gap": r"\s+and\s+", "merge": False}, "r"),
    ]
    out = join_ranges([april, june, jan, may], text, [(0, len(text))], rules, D("2025-01-15"))
    assert [(text[f.start : f.end], f.resolution.start, f.resolution.end) for f in out] == [
        ("April to June 2024", D("2024-04-01"), D("2024-06-30")),
        ("January", D("2024-01-01"), D("2024-01-31")),
        ("May 2024", D("2024-05-01"), D("2024-05-31")),
    ]


def test_expand_macros_nests_and_rejects_unknown() -> None:
    table = {**BUILTIN_MACROS, "A": "a{B}", "B": "b"}
    assert expand_macros("{A}!", table, where="t") == "(?:a(?:b))!"
    with pytest.raises(RuleError, match="PCT110"):
        expand_macros("{C}", table, where="t")
    with pytest.raises(RuleError, match="PCT110"):
        expand_macros("{L}", {"L": "{L}"}, where="t")


def test_trigger_words_and_requires() -> None:
    words = trigger_words("By March 2025, the Department…")
    assert {"by", "march", "the", "department", "<number>"} <= words
    assert requires_met((), words)
    assert requires_met((("march", "april"),), words)
    assert requires_met((("march",), ("<number>",)), words)
    assert not requires_met((("march",), ("quarter",)), words)


@pytest.mark.parametrize(
    "text",
    [
        "By March 2025, the Department\u2019s (DfE) work\u2014in 2024-25\u2026 x_y 3rd Q2",
        "na\u00efve caf\u00e9 \u00bd \u00b2 \u2167 \u01c5 \u0130stanbul STRASSE stra\u00dfe \u0661\u0662 \u00aa",
        "line one\n\n  line\ttwo\u00a0with\u2003spaces\r\nend-of-line; 'quoted' \"too\"",
        "\ufb01nancial year \u212aelvin \u03a3\u0399\u03a3 _under_score_ a1b2c3",
        "\u201cthe 2024\u201325 year\u201d \u2018a\u2019s \u00a35\u00a0million \u2013 caf\u00e9\u2014done",
        "only ASCII: (2024/25) it's 3rd-quarter_data; \tend",
        "",
        "   ",
    ],
)
def test_trigger_words_are_the_letter_runs_of_the_text(text: str) -> None:
    assert not any(re.fullmatch(r"[^\W\d_]", c) for c in timex_rules._COMMON_NON_WORD)

    def readable(lowered: str) -> frozenset[str]:  # the definition: letter runs, a digit
        words = set(re.findall(r"[^\W\d_]+", lowered))
        return frozenset(words | ({"<number>"} if re.search(r"\d", lowered) else set()))

    lowered = text.lower()  # "ΣΙΣ" -> "σις": read at the text's offsets when as long
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1, 3):
            alone = readable(text[start:end].lower())
            assert trigger_words(text, None, start, end) == alone
            given = readable(lowered[start:end]) if len(lowered) == len(text) else alone
            assert trigger_words(text, lowered, start, end) == given
            for vocabulary in VOCABULARIES:  # only the words a gate reads, when given
                kept = trigger_words(text, lowered, start, end, vocabulary)
                assert kept == given & vocabulary


VOCABULARIES = [
    frozenset(),
    frozenset({"<number>"}),
    frozenset({"by", "march", "year", "the", "caf\u00e9", "stra\u00dfe", "line", "<number>"}),
]


@pytest.mark.parametrize(
    "text",
    [
        "By March 2025, the Department\u2019s (DfE) work\u2014in 2024-25\u2026 x_y 3rd Q2\n\nnext year",
        "\u00a35\u00a0million \u2013 the 2024/25 year\n  \n\nin spring\nand\n",
        "only ASCII: (2024/25) it's 3rd-quarter_data; \tend\r\nthe year 2025\r\n",
        "caf\u00e9 in May\nthe year",  # not ASCII: line by line
        "\u0130n May\nthe year",  # lower-cases to another length
        "",
        "\n\n",
    ],
)
def test_text_lines_of_a_text_read_at_once_are_its_lines_read_one_by_one(text: str) -> None:
    vocabulary = frozenset({"may", "year", "the", "next", "spring", "in", "end", "<number>"})
    for lowered in (None, text.lower()):
        lines = text_lines(text, lowered, vocabulary)
        assert [(line.start, line.end) for line in lines] == [
            (line.start, line.end) for line in text_lines(text, lowered)
        ]
        for line in lines:
            assert line.words == trigger_words(text, lowered, line.start, line.end, vocabulary)


def test_a_rule_sets_vocabulary_is_every_word_its_gates_name(nlp: Language) -> None:
    rules = nlp.get_pipe("pct_timex").rules
    named = {w for r in (*rules.patterns, *rules.blocks) for group in r.requires for w in group}
    named |= {
        w
        for r in rules.patterns
        for group in implied_words(r.regex, on_word_boundaries=True)
        for w in group
    }
    assert rules.vocabulary == named and "<number>" in named
    text = "By March 2025, the Department\u2026 will\n\nreport in the new year (2026-27)."
    lines = text_lines(text, text.lower(), rules.vocabulary)
    assert [line.words for line in lines] == [
        line.words & rules.vocabulary for line in text_lines(text, text.lower())
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We will publish the strategy in spring 2025 and report annually.",
        "Over the last three financial years (2021-22 to 2023-24), 1,200 staff were trained.",
        "The Department does not hold this information.",
        "At the Autumn Budget the Chancellor announced £5 billion over the next decade.",
        "",
    ],
)
@pytest.mark.parametrize("profile", ["answers", "timeml"])
def test_rules_to_run_is_requires_met_rule_by_rule(nlp: Language, text: str, profile: str) -> None:
    rules = nlp.get_pipe("pct_timex").rules.patterns
    words = trigger_words(text)
    expected = [
        r for r in rules if r.profile in ("all", profile) and requires_met(r.requires, words)
    ]
    assert rules_to_run(rules, profile, words) == expected
    assert rules_to_run(list(rules), profile, words) == expected  # a list: not kept
    assert rules_to_run(rules, profile, words) == expected  # the kept index, again


def test_text_lines_give_each_line_its_offsets_and_trigger_words() -> None:
    text = "We will publish it in spring.\n\nBy March 2025, the Department…\n  \nNo dates"
    lines = text_lines(text)
    assert [text[line.start : line.end] for line in lines] == [
        "We will publish it in spring.",
        "By March 2025, the Department…",
        "  ",
        "No dates",
    ]
    assert lines[0].words == trigger_words("We will publish it in spring.")
    assert "<number>" in lines[1].words and "<number>" not in lines[0].words
    assert lines[2].words == frozenset()
    assert text_lines("") == []
    assert text_lines("\n\n") == []
    # a lower-cased form of another length ("İ" lower-cases to two characters) is not used
    odd = "İstanbul in May\nThe spring"
    assert [(x.start, x.end) for x in text_lines(odd, odd.lower())] == [(0, 15), (16, 26)]
    assert "may" in text_lines(odd, odd.lower())[0].words


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?P<year>(?:1[6-9]|20)\d\d)(?!\w)", {"1", "2"}),
        (r"\d+(?:\.\d+)?", {DIGIT}),
        (r"(?=\d)(?:\b[0-3]\d|4)-", {"0", "1", "2", "3", "4"}),
        (r"x?\d", {"x", DIGIT}),
        (r"(?:a|b)*c", {"a", "b", "c"}),
        (r"\d?", None),  # can match the empty string
        (r"[^a]b", None),
        (r".b", None),
        (r"\wb", None),
        (r"(?P<a>x)(?P=a)", {"x"}),
    ],
)
def test_first_chars(pattern: str, expected: set[str] | None) -> None:
    found = first_chars(re.compile(pattern))
    assert (set(found) if found is not None else None) == expected


def test_plain_pattern_leaves_out_groups_or_declines() -> None:
    assert plain_pattern(re.compile(r"(?P<day>\d\d?)/(?P<month>\d\d?)")) == r"(?:\d\d?)/(?:\d\d?)"
    assert plain_pattern(re.compile(r"(?P<a>x)(?P=a)")) is None
    assert plain_pattern(re.compile(r"(x)\1")) is None
    assert plain_pattern(re.compile(r"x", re.IGNORECASE)) is None


LEAD_TEXTS = [
    "In 2023-24, 1,200 staff (12%) were trained; by 31 March 2025 and 1/4/2025 another 300.",
    "12019-20 1/2/2024 2024-25-26 3.4.55 10am 10 am 2023\u201324 1990s 9:30pm 14.03.2024",
    "99999-99 2024/25/26 31/12/2024/5 2024 2025 2026 \u0661\u0669\u0669\u0660 the 1920s",
    "The Budget 2024 set out plans for 2025 to 2030, the 2024/25 financial year and 2024-2025.",
    "No digits at all here.\n\n2024\n5 June 2024 to 7 July 2025, 22-23 and 23/24 academic year",
]


@pytest.mark.parametrize("profile", ["answers", "timeml"])
def test_a_lead_scan_gives_each_rule_what_its_own_finditer_gives(
    nlp: Language, profile: str
) -> None:
    plan = rule_plan(nlp.get_pipe("pct_timex").rules.patterns, profile)
    assert plan.scans, "the model's digit-led rules are scanned together"
    every = set(range(len(plan.rules)))
    for text in LEAD_TEXTS:
        lowered = text.lower()
        for lines in (
            [(line.start, line.end, every) for line in text_lines(text)],
            [(0, len(text), every)],
            [(0, len(text), {i}) for i in plan.scans[0].rules[:1]],  # one rule: its own scan
        ):
            for scan in plan.scans:
                searched = text if scan.case == "sensitive" else lowered
                found: dict[int, list[re.Match[str]]] = {}
                scan_led_rules(scan, plan.rules, searched, lines, found)
                for i in scan.rules:
                    expected = [
                        m.span()
                        for start, end, chosen in lines
                        if i in chosen
                        for m in plan.rules[i].regex.finditer(searched, start, end)
                    ]
                    assert [m.span() for m in found.get(i, [])] == expected, plan.rules[i].id


@pytest.mark.parametrize("profile", ["answers", "timeml"])
def test_a_rule_with_a_lead_gives_what_its_own_finditer_gives(nlp: Language, profile: str) -> None:
    plan = rule_plan(nlp.get_pipe("pct_timex").rules.patterns, profile)
    led = [i for i, lead in enumerate(plan.leads) if lead is not None]
    ids = {plan.rules[i].id for i in led}
    assert {"duration.amount_unit", "duration.hyphenated"} <= ids  # {AMOUNT}, \\d+|… first
    assert "date.month" not in ids  # the engine scans for its first letters itself
    texts = [
        *LEAD_TEXTS,
        "For the next three years, often two years; a five-year plan, 10-year-olds, 12 months "
        "ago, an 18 month wait, a couple of weeks, several decades, ten working days.\n"
        "At noon on Next Monday, Parliament rose; now, in the 21st century, Budget 2024 \u2013",
    ]
    for text in texts:
        lowered = text.lower()
        spans = [(line.start, line.end) for line in text_lines(text)] + [(0, len(text))]
        for i in led:
            rule, lead = plan.rules[i], plan.leads[i]
            assert lead is not None
            searched = text if rule.case == "sensitive" else lowered
            for span in spans:
                found = [m.span() for m in led_matches_in(lead, rule.regex, searched, [span])]
                assert found == [m.span() for m in rule.regex.finditer(searched, *span)], rule.id


def test_a_lead_scan_keeps_each_rules_own_reading_of_dot_and_overlaps() -> None:
    rules = [
        TimexRule.from_dict(
            {"id": f"r{i}", "pattern": p, "type": "date", "normaliser": "date"}, "t"
        )
        for i, p in enumerate([r"\d.x", r"\d+", r"\d\d-\d\d", r"(?P<year>\d{4})(?!\d)"])
    ]
    plan = rule_plan(rules, "answers")
    (scan,) = plan.scans
    text = "1\nx 2ax 2024-25-26 12345 99-99-99 2025"
    found: dict[int, list[re.Match[str]]] = {}
    scan_led_rules(scan, plan.rules, text, [(0, len(text), set(range(len(rules))))], found)
    for i, rule in enumerate(plan.rules):
        assert [m.span() for m in found[i]] == [m.span() for m in rule.regex.finditer(text)]


def test_a_case_insensitive_character_class_takes_what_its_letter_takes() -> None:
    # _lead_pattern's first-character class is compiled with the pattern's flags
    cased = [
        chr(c) for c in range(0x110000) if chr(c).lower() != chr(c) or chr(c).upper() != chr(c)
    ]
    for letter in "abcdefghijklmnopqrstuvwxyz":
        literal, single = re.compile(f"(?i){letter}"), re.compile(f"(?i)[{letter}]")
        assert all(single.match(c) for c in cased if literal.match(c)), letter


def test_lead_search_and_finditer_give_what_search_and_finditer_give(nlp: Language) -> None:
    rules = nlp.get_pipe("pct_timex").rules
    regexes = [rule.regex for rule in rules.tenses] + [rules.part_prefix]
    assert all(lead_of(regex) is not None for regex in regexes)
    assert lead_of(re.compile("2024")) is None  # the engine scans for a literal itself
    text = (
        "It was published at the end of\nMarch; we will, as set out, publish it later in the "
        "year. The figures for 2023 would have SHOWN it: they’ll be ready by early-2025, "
        "as planned. Mid 2026 is expected to be the start of the second half of it. "
        "Ministers met in the Summer; ſtill, the data \u212aept coming in the latter part of"
    )
    for regex in regexes:
        for start in range(0, len(text) + 1, 7):
            for end in range(start, len(text) + 1, 11):
                found = lead_search(regex, text, start, end)
                expected = regex.search(text, start, end)
                assert (found and found.span()) == (expected and expected.span())
                assert [m.span() for m in lead_finditer(regex, text, start, end)] == [
                    m.span() for m in regex.finditer(text, start, end)
                ]


END_TEXTS = [
    "It was set out in No. 12 of the 2023 Act, para 3, at the end of\nMarch 2025 and between "
    "the 2024 and 2025 reports; up to 2026 as of 2027, aged between 16 and 18 for 3 days.",
    "\u00a3 2024 No 5, Question 2025\n\n 12 2026 the\nearly 2027 (later in the year) 1/2028",
    "ab\nb\n\nb a b\u212a \u0130 \u017f 2024\n",
]


def test_an_end_anchored_regex_is_found_at_the_end_as_search_finds_it(nlp: Language) -> None:
    rules = nlp.get_pipe("pct_timex").rules
    regexes = [
        regex
        for rule in rules.patterns
        for regex in (rule.before_re, rule.not_before_re)
        if regex is not None
    ]
    regexes += [rules.part_prefix, *(r.before_re for r in rules.ranges if r.before_re)]
    turned = [regex for regex in regexes if end_check(regex) is not None]
    assert len(turned) >= len(regexes) - 1  # "\\A" is not turned around; searched as before
    for regex in dict.fromkeys(regexes):
        for text in END_TEXTS:
            for end in range(len(text) + 1):
                for lo in {0, 1, max(0, end - 60), max(0, end - 2), end}:
                    lo = min(lo, end)
                    expected = regex.search(text, lo, end) is not None
                    assert ends_at(regex, text, lo, end) == expected, (regex.pattern, lo, end)


@pytest.mark.parametrize(
    ("pattern", "turned"),
    [
        (r"(?:\bb)$", True),
        (r"(?:(?:a|bc)+\s*)$", True),
        (r"(?:x[^a-c\d]?\B)$", True),
        (r"(?:\bup\s+$)$", True),  # a rule's own "$" at the end
        (r"(?:(?<=a)b)$", False),  # a look-behind
        (r"(?:\Ab)$", False),
        (r"(?:a$b)$", False),  # "$" before the end
        (r"(?-i:B)$", False),
        (r"ab", False),  # not anchored
    ],
)
def test_end_checks_turn_around_what_they_can(pattern: str, turned: bool) -> None:
    regex = re.compile(pattern, re.IGNORECASE)
    assert (end_check(regex) is not None) == turned
    for text in ["b", "ab", "a b", "abc b\n", "bcbc \n", "x", "xd", "xe", "up \n", "cup ", ""]:
        for end in range(len(text) + 1):
            for lo in range(end + 1):
                expected = regex.search(text, lo, end) is not None
                assert ends_at(regex, text, lo, end) == expected, (pattern, text, lo, end)


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\bspring\b", 0, (("spring",),)),
        (r"spring\b", 0, ()),  # may start inside a word ("offspring")
        (r"\s+(?P<unit>year|month)s?\b", 0, (("month", "months", "year", "years"),)),
        (r"-(?:year|month)(?:\s+\d+)?\b", 0, (("month", "year"),)),
        (r"\d(?:year)s?", 0, ()),  # may end inside a word ("years" of "yearsx")
        (r"x(?:year)\b", 0, ()),  # a letter before it
        (r"\bBudget\s+(?P<year>\d{4})", 0, (("budget",),)),
        (r"\b(?i:budget)\s", 0, ()),  # a case-insensitive group
        (r"\b(?-i:Mon|TUE)\.?,?\s", 0, (("mon", "tue"),)),  # "Mon." and "TUE" as words
        (r"\bbudget\s", re.IGNORECASE, ()),  # "\u017f" matches "s" under IGNORECASE
        (
            r"\b(?:the|a)\s+(?:next|last)\s+(?:few\s+)?(?:days|weeks)\b",
            0,
            (("a", "the"), ("last", "next"), ("days", "weeks")),  # past an optional "few "
        ),
        (r"\bcaf\u00e9\b", 0, ()),  # not ASCII
        (r"\b(?:\w+|year)\b", 0, ()),
    ],
)
def test_implied_words(pattern: str, flags: int, expected: tuple[tuple[str, ...], ...]) -> None:
    assert implied_words(re.compile(pattern, flags)) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"spring\b", (("spring",),)),  # a match inside "offspring" is dropped
        (r"(?:annually|yearly)", (("annually", "yearly"),)),
        (r"(?P<season>spring|summer)\s+(?:of\s+)?(?P<year>\d{4})", (("spring", "summer"),)),
        (r"\d+\s*(?:am|pm)", (("am", "pm"),)),
        (r"x?spring\b", (("spring", "xspring"),)),
        (r"\d(?:year)s?", (("year", "years"),)),  # "5yearly": its match "5year" is dropped
        (r"\d(?:year)s?(?:\w|-)", ()),
    ],
)
def test_implied_words_of_matches_on_word_boundaries(
    pattern: str, expected: tuple[tuple[str, ...], ...]
) -> None:
    assert implied_words(re.compile(pattern), on_word_boundaries=True) == expected


IMPLIED_TEXTS = [
    "It will be, as set out, what we would have done; had been due; is expected to; the data "
    "show it was published last year and will be reviewed. They\u2019ll plan to; won't",
    "offspring and summer; springs and summers 2024; the spring and summer 2025 terms",
    "Offspring 2024 midsummer 2025, Remonday 5 June, biannually and thisyear; the 3 pm and 4am",
    "5-years, a five-year plan, 10-year-olds, the 2024spring_and_summer, \u017fpring and summer",
    "in the next few days, the last weeks; Budget 2024 and budget 2025, BUDGET 2026",
    "over the past decade, this year\u2019s; the end of the month\n\nthat year, the same week",
]


def test_no_rule_matches_on_a_line_without_its_implied_words(
    nlp: Language, sample_path: Path
) -> None:
    rules = nlp.get_pipe("pct_timex").rules
    assert rules.vocabulary >= {
        w for r in rules.patterns for g in implied_words(r.regex) for w in g
    }
    implied = [(rule, implied_words(rule.regex)) for rule in rules.patterns]
    assert sum(bool(words) for _, words in implied) > 30
    bounded = [implied_words(rule.regex, on_word_boundaries=True) for rule in rules.patterns]
    texts = [a.answer_text for a in read_answers(sample_path) if isinstance(a, Answer)]
    met = kept = 0
    for text in [*IMPLIED_TEXTS, *LEAD_TEXTS, *END_TEXTS, *texts]:
        lowered = text.lower()
        for line in text_lines(text, lowered):
            for (rule, words), words_kept in zip(implied, bounded, strict=True):
                searched = text if rule.case == "sensitive" else lowered
                matches = list(rule.regex.finditer(searched, line.start, line.end))
                if matches:
                    assert requires_met(words, line.words), (rule.id, text[line.start : line.end])
                    met += bool(words)
                # on_word_boundaries: without the words, every match starts or ends in a word
                if not requires_met(words_kept, line.words):
                    assert not any(tm._on_word_boundaries(text, *m.span()) for m in matches)
                    kept += bool(matches)
    assert met > 100 and kept > 0


@pytest.mark.parametrize("profile", ["answers", "timeml"])
def test_the_gate_bits_choose_the_rules_whose_word_groups_a_line_meets(
    nlp: Language, profile: str
) -> None:
    plan = rule_plan(nlp.get_pipe("pct_timex").rules.patterns, profile)
    words = sorted({w for r in plan.rules for g in r.requires for w in g})
    texts = [*IMPLIED_TEXTS, *LEAD_TEXTS, *END_TEXTS]
    lines = [line for text in texts for line in text_lines(text, text.lower())]
    lines += [  # lines holding every word but one of each rule's first group
        timex_rules.TextLine(0, 1, frozenset(words) - {rule.requires[0][0]})
        for rule in plan.rules
        if rule.requires
    ]
    for (several, rest), bits in ((plan.gated, plan.bits), (plan.gated_folded, plan.bits_folded)):
        assert bits is not None
        by_line, by_rule = tm._gate_lines(lines, bits)
        expected: dict[int, list[tuple[int, int]]] = {}
        chosen = []
        for line in lines:
            met = [
                i
                for i, rule in enumerate(plan.rules)
                if requires_met(rule.requires[:1], line.words)
                and (i not in several or requires_met(rest[i], line.words))
            ]
            for i in met:
                expected.setdefault(i, []).append((line.start, line.end))
            if met:
                chosen.append((line.start, line.end, set(met)))
        assert by_rule == expected
        assert [(start, end, set(rules)) for start, end, rules in by_line] == chosen


def test_a_plan_built_without_gates_has_the_gate_bits_of_no_rules() -> None:
    """``RulePlan``'s default gate is what ``gate_bits`` gives for no rules: it lets no line
    through."""
    assert tm.gate_bits([], (frozenset(), ())) == tm._NO_GATE
    line = timex_rules.TextLine(0, 4, frozenset({"year"}))
    assert tm._gate_lines([line], tm._NO_GATE) == ([], {})


def test_a_case_insensitive_rule_keeps_no_implied_words_on_a_text_matched_ignoring_case(
    nlp: Language,
) -> None:
    plan = rule_plan(nlp.get_pipe("pct_timex").rules.patterns, "answers")
    (several, rest), (folded, folded_rest) = plan.gated, plan.gated_folded
    assert folded <= several and plan.several <= folded
    for i, rule in enumerate(plan.rules):
        assert rest[i][: len(rule.requires) - 1] == rule.requires[1:]
        assert folded_rest[i] == (rest[i] if rule.case == "sensitive" else rule.requires[1:])
    # "\u0130" lower-cases to two characters: such a text is matched ignoring case, where
    # "\u017f" matches "s", and the words of the line hold no season ("midwinter" is one word)
    text = "\u0130n midwinter and \u017fpring 2025 we will"
    lines = text_lines(text, text.lower())
    seasons = next(i for i, r in enumerate(plan.rules) if r.id == "date.contiguous_seasons")
    assert plan.rules[seasons].regex_ignorecase.search(text) and "spring" not in lines[0].words
    assert plan.bits is not None and plan.bits_folded is not None
    assert seasons in tm._gate_lines(lines, plan.bits_folded)[1]
    assert seasons not in tm._gate_lines(lines, plan.bits)[1]


def test_the_tense_markers_found_together_are_each_rules_own_matches(nlp: Language) -> None:
    rules = nlp.get_pipe("pct_timex").rules.tenses
    assert tm._joined_scan([rule.regex for rule in rules]) is not None
    for text in [*END_TEXTS, *IMPLIED_TEXTS, *LEAD_TEXTS]:
        for lo in range(0, len(text) + 1, 5):
            for hi in range(lo, len(text) + 1, 17):
                found = sorted(
                    (order, m.span()) for order, m in tm._tense_matches(rules, text, lo, hi)
                )
                expected = sorted(
                    (order, m.span())
                    for order, rule in enumerate(rules)
                    for m in rule.regex.finditer(text, lo, hi)
                )
                assert found == expected


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        (
            r"(?:a|b)\d{1,2}[x\]y(]+?c\s*(?<=c)",
            ["(?:a|b)", r"\d{1,2}", r"[x\]y(]+?", "c", r"\s*", "(?<=c)"],
        ),
        (r"(?:(?:1[0-9]|20)\d\d)-(?!\d)", [r"(?:(?:1[0-9]|20)\d\d)", "-", r"(?!\d)"]),
        ("a|b", None),  # a top-level alternation
        (r"\x41b", None),  # an escape longer than two characters
        (r"[\u2019]", None),
        ("(a", None),
    ],
)
def test_pattern_parts_split_a_pattern_at_its_top_level(
    pattern: str, parts: list[str] | None
) -> None:
    assert tm.pattern_parts(pattern) == parts


def test_an_alternation_tree_matches_where_the_alternation_does(nlp: Language) -> None:
    """The digit-led rules' look-ahead as a tree of shared parts finds the places the flat
    alternation finds, on the test texts and on random digit runs."""
    assert tm.alternation_tree(["ab", "ac", "a", "d|e", "abx"]) == "a(?:b(?:|x)|c|)|(?:d|e)"
    plan = rule_plan(nlp.get_pipe("pct_timex").rules.patterns, "answers")
    rng = random.Random(8)
    randoms = ["".join(rng.choice("0123456789 -/–.:,'’stndrhapmofSMJ\n") for _ in range(60))]
    randoms += ["".join(rng.choice("0123456789 -/–.") for _ in range(40)) for _ in range(300)]
    for scan in plan.scans:
        patterns = [plain_pattern(plan.rules[i].regex) or "" for i in scan.rules]
        flat = re.compile("|".join(f"(?:{p})" for p in patterns))
        tree = re.compile(tm.alternation_tree(patterns))
        for text in [*LEAD_TEXTS, *randoms]:
            for searched in (text, text.lower()):
                for pos in range(len(searched)):
                    assert bool(flat.match(searched, pos)) == bool(tree.match(searched, pos))


TWIN_TEXTS = [
    "It WAS Announced and We EXPECTED it; As I Set Out, Figures For May Will Be Published.",
    "The \u212aelvin \u03a3igma Caf\u00c9 WON\u2019T Open; they\u2019LL BE READY; UNITED and ReD.",
    "\u00c9T\u00c9 was held, \u039f\u03a3 were met ago; SHOULD NOT HAVE GONE; TO BE SEEN.",
]


def test_tense_markers_twins_match_where_the_markers_do(nlp: Language) -> None:
    """Each model tense marker has a lower-cased twin, and the twins matched on a lower-cased
    text (:func:`folds_alike`) give the markers' own matches on the text as written."""
    rules = nlp.get_pipe("pct_timex").rules.tenses
    assert all(tm.lowered_twin(rule.regex) is not None for rule in rules)
    rng = random.Random(14)
    alphabet = "aAbBdDeEiIkKlLnNsStTwW \u212a\u03a3\u03c3\u00c9\u00e9\u2019'_1-\n"
    randoms = ["".join(rng.choice(alphabet) for _ in range(80)) for _ in range(200)]
    twinned = 0
    for text in [*TWIN_TEXTS, *END_TEXTS, *IMPLIED_TEXTS, *LEAD_TEXTS, *randoms]:
        lowered = text.lower()
        folded = lowered if tm.folds_alike(text, lowered) else None
        twinned += folded is not None
        for lo in range(0, len(text) + 1, 7):
            for hi in range(lo, len(text) + 1, 19):
                found = sorted(
                    (order, m.span()) for order, m in tm._tense_matches(rules, text, lo, hi, folded)
                )
                expected = sorted(
                    (order, m.span())
                    for order, rule in enumerate(rules)
                    for m in rule.regex.finditer(text, lo, hi)
                )
                assert found == expected
    assert twinned >= 200


def test_folds_alike_refuses_what_lower_casing_moves_or_folds_apart() -> None:
    for text in ("\u0130n spring", "\u017fpring", "r\u0131ses", "It was set."):
        assert tm.folds_alike(text, text.lower()) == (text == "It was set.")


@pytest.mark.parametrize(
    ("pattern", "twin"),
    [
        (r"\bWill\s+(?:be\s+)?\w+", r"\bwill\s+(?:be\s+)?\w+"),
        (r"(?<!\bwas\s)[A-Z]{2,}ed\b|won[\u2019']t", r"(?<!\bwas\s)[a-z]{2,}ed\b|won[\u2019']t"),
        (r"(?:As|\.)\d*[^0-9]+$", r"(?:as|\.)\d*[^0-9]+$"),
        (r"(?P<word>as)", None),  # lower-cased, "(?P<" is no group
        (r"\Bed\b", None),  # lower-cased, \B would be \b
        (r"(?-i:May)", None),  # a case-sensitive group
        (r"caf\u00c9", None),  # a non-ASCII letter
        (r"[0-z]", None),  # a range over letters and other characters
        (r"(a)\1", None),  # a back reference
        (r"\x41", None),  # an upper-case letter lower-casing would not change
    ],
)
def test_lowered_twin_only_for_patterns_it_is_known_to_match_alike(
    pattern: str, twin: str | None
) -> None:
    made = tm.lowered_twin(re.compile(pattern, re.IGNORECASE))
    assert (made.pattern if made is not None else None) == twin
    assert tm.lowered_twin(re.compile(pattern)) is None  # case-sensitive already


def test_lowered_characters_keep_their_class_and_only_the_kelvin_sign_enters_ascii() -> None:
    """What :func:`~pipeline.nlp.timex_match.lowered_twin` relies on, over every code point
    that lower-cases to one character: it is a word, space or digit character exactly when its
    lower-cased form is; only the Kelvin sign lower-cases from outside ASCII into it; no
    character with case lower-cases to one without; and a case-insensitive pattern matches a
    character without case only as itself. (``str.lower`` also gives "\u03c2" for a final
    "\u03a3": a word character as "\u03c3" is.)"""
    classes = [re.compile(c) for c in (r"\w", r"\s", r"\d")]
    into_ascii = set()
    for cp in range(0x110000):
        char = chr(cp)
        low = char.lower()
        if len(low) != 1 or low == char:
            continue
        for regex in classes:
            assert bool(regex.match(char)) == bool(regex.match(low)), hex(cp)
        assert low.upper() != low or low.title() != low, hex(cp)
        if not char.isascii() and low.isascii():
            into_ascii.add(char)
    assert into_ascii == {"\u212a"}
    uncased = re.compile("[\u2019'\\-]", re.IGNORECASE)
    assert {chr(cp) for cp in range(0x110000) if uncased.match(chr(cp))} == {"\u2019", "'", "-"}
    assert re.match(r"\w", "\u03c2") and re.match(r"\w", "\u03c3")


def test_match_readings_give_what_reading_each_match_gives(
    nlp: Language, sample_path: Path
) -> None:
    """A component's kept readings (one :class:`MatchReadings` over many texts, each text twice:
    the second time every match's reading is a kept one) give the rows of reading each match
    afresh."""
    rules = nlp.get_pipe("pct_timex").rules
    answers = [a for a in read_answers(sample_path) if isinstance(a, Answer)]
    items = [(a.answer_text, a.date_answered) for a in answers]
    edge = "İn winter and ſpring 2025, in ſeptember 2025; ſpring 2025 and spring 2025"
    items += [(text, dt.date(2024, 3, 25)) for text in [*IMPLIED_TEXTS, *LEAD_TEXTS, edge]]
    readings = tm.MatchReadings()
    for profile in ("answers", "timeml"):
        for text, anchor in items * 2:
            kept = tm.find_timexes(text, anchor, rules, profile=profile, readings=readings)
            assert kept == tm.find_timexes(text, anchor, rules, profile=profile)
    assert len(readings._kept) > 100


def test_match_readings_are_kept_per_rule() -> None:
    """Two rules whose matches have the same groups read them with their own fields."""
    rules = tuple(
        TimexRule.from_dict(
            {
                "id": f"date.{part}_of_year",
                "pattern": r"(?P<year>20\d\d) \?",
                "type": "date",
                "normaliser": "date",
                "fields": {"part": part},
            },
            where="test",
        )
        for part in ("early", "late")
    )
    readings = tm.MatchReadings()
    for _ in range(2):
        found = find_candidates("2024 ?", rules, readings=readings)
        assert sorted((c.rule.id, c.spec) for c in found) == [
            ("date.early_of_year", DateSpec(year=2024, part="early")),
            ("date.late_of_year", DateSpec(year=2024, part="late")),
        ]


def test_match_readings_forget_another_plan_and_when_full(nlp: Language) -> None:
    patterns = nlp.get_pipe("pct_timex").rules.patterns
    answers, timeml = rule_plan(patterns, "answers"), rule_plan(patterns, "timeml")
    readings = tm.MatchReadings(limit=2)
    kept = readings.of(answers)
    kept[(0, ("2024",))] = None
    assert readings.of(answers) is kept
    kept[(1, ("2024",))] = None
    assert readings.of(answers) == {}  # full: forgotten
    readings.of(answers)[(0, ("2024",))] = None
    assert readings.of(timeml) == {} and readings.of(answers) == {}


def test_lazy_spans_are_read_once_when_first_needed() -> None:
    calls = []

    def compute() -> list[tuple[int, int]]:
        calls.append(1)
        return [(0, 4), (5, 9)]

    spans = tm.LazySpans(compute, 9)
    assert not calls
    assert list(spans) == [(0, 4), (5, 9)] == [spans[0], spans[1]] and len(spans) == 2
    assert [start for start, _ in spans] == [0, 5] and calls == [1]
    assert list(tm.LazySpans(lambda: None, 7)) == [(0, 7)]


def test_lines_holding_gives_the_lines_of_the_offsets_in_order() -> None:
    text = "In 2024.\n\nThe Children Act 1989\nnothing\nMarch 2025"
    lines = text_lines(text)
    held = lines_holding(lines, [text.index("2025"), text.index("1989"), text.index("Act")])
    assert [text[line.start : line.end] for line in held] == ["The Children Act 1989", "March 2025"]
    assert lines_holding(lines, [text.index("\n")]) == []  # a line break is on no line
    assert lines_holding([], [3]) == []


@pytest.mark.parametrize("profile", ["answers", "timeml"])
def test_rules_by_line_is_rules_to_run_line_by_line(nlp: Language, profile: str) -> None:
    rules = nlp.get_pipe("pct_timex").rules.patterns
    text = (
        "We will publish the strategy in spring 2025.\n"
        "The Department does not hold this information.\n"
        "Over the last three financial years, 1,200 staff were trained."
    )
    lines = text_lines(text)
    planned = rules_by_line(rules, profile, lines)
    ids = {rule.id for line in lines for rule in rules_to_run(rules, profile, line.words)}
    assert [rule for rule, _ in planned] == [rule for rule in rules if rule.id in ids]
    for rule, spans in planned:
        assert spans == [
            (line.start, line.end)
            for line in lines
            if rule in rules_to_run(rules, profile, line.words)
        ]


def test_a_rule_runs_only_on_the_lines_holding_its_trigger_words(nlp: Language) -> None:
    rules = nlp.get_pipe("pct_timex").rules.patterns
    # "the year" would read as a deictic date; its rule needs "year" on its own line
    text = "We will report next year.\nThe report is due in spring."
    found = {c.text for c in find_candidates(text, rules)}
    assert "next year" in found and "spring" in found
    # the same words on one line, each line searched within its bounds: matches never span
    # a line break
    assert all("\n" not in c.text for c in find_candidates("in March\n2025 we", rules))


@pytest.mark.parametrize(
    ("anchor", "year"),
    [
        ("2024-01-09", 2024),  # "early in the new year" written in January (1678587)
        ("2024-02-28", 2024),
        ("2024-03-01", 2025),
        ("2024-09-18", 2025),  # 1728047
        ("2023-12-19", 2024),  # 1674596
        ("2024-12-31", 2025),
    ],
)
def test_new_year_of(anchor: str, year: int) -> None:
    assert dates.new_year_of(dt.date.fromisoformat(anchor)) == year


def test_resolve_date_the_new_year_is_its_first_quarter() -> None:
    spec = DateSpec(unit="new_year", part="early")
    resolved = dates.resolve_date(spec, dt.date(2024, 9, 18))
    assert (resolved.timex3, resolved.start, resolved.end, resolved.mod) == (
        "2025",
        dt.date(2025, 1, 1),
        dt.date(2025, 3, 31),
        "START",
    )
    assert dates.resolve_date(spec, None).timex3 is None
