"""Numerals in digits and in words (pipeline.nlp.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.nlp.numbers import parse_digits, parse_number_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,618", 1618.0),
        ("346,300", 346300.0),
        ("2.6", 2.6),
        ("0.75", 0.75),
        ("3,754", 3754.0),
        ("8010016", 8010016.0),
        ("1,23", None),
        ("1.2.3", None),
        ("12a", None),
        ("", None),
        ("9" * 308, float("9" * 308)),  # the longest run of nines a float holds
        ("9" * 309, None),  # was inf: "cannot convert float infinity to integer" in the finder
        ("9" * 5000, None),
    ],
)
def test_parse_digits_values(text: str, expected: float | None) -> None:
    assert parse_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one", 1.0),
        ("Ten", 10.0),
        ("forty-nine", 49.0),
        ("twenty six", 26.0),
        ("twenty-six", 26.0),
        ("one hundred and twenty", 120.0),
        ("three million", 3_000_000.0),
        ("one hundred and twenty thousand", 120_000.0),
        ("twenty-eight thousand six hundred forty-two", 28_642.0),
        ("dozen", 12.0),
        ("two dozen", 24.0),
        ("thousands", None),
        ("first", None),
        ("one two", None),
        ("twenty thirty", None),
        ("and", None),
        ("million", 1_000_000.0),
        ("million thousand", None),
    ],
)
def test_parse_number_words_values(text: str, expected: float | None) -> None:
    assert parse_number_words(text) == expected


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_digits_round_trips_grouped_integers(n: int) -> None:
    assert parse_digits(f"{n:,}") == float(n)
    assert parse_digits(str(n)) == float(n)


@given(st.text(max_size=40))
def test_parse_number_words_never_raises(text: str) -> None:
    result = parse_number_words(text)
    assert result is None or result >= 0
