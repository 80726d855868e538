"""Window planning: the nightly window from the watermark, back-fill windows within months."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from flows.windows import explicit_window, nightly_window, split_windows
from pipeline.ingest.window import Window

D = dt.date


@pytest.mark.parametrize(
    ("watermark", "today", "first_day", "expected"),
    [
        # the day after the watermark up to yesterday
        (D(2024, 3, 20), D(2024, 3, 25), None, Window(D(2024, 3, 21), D(2024, 3, 24))),
        # up to date through yesterday: nothing to do
        (D(2024, 3, 24), D(2024, 3, 25), None, None),
        (D(2024, 3, 26), D(2024, 3, 25), None, None),
        # no watermark: yesterday only, or from the first day given
        (None, D(2024, 3, 25), None, Window(D(2024, 3, 24), D(2024, 3, 24))),
        (None, D(2024, 3, 25), D(2023, 12, 1), Window(D(2023, 12, 1), D(2024, 3, 24))),
        # a watermark wins over the first day
        (D(2024, 3, 1), D(2024, 3, 25), D(2023, 12, 1), Window(D(2024, 3, 2), D(2024, 3, 24))),
        # a year boundary
        (D(2024, 12, 31), D(2025, 1, 2), None, Window(D(2025, 1, 1), D(2025, 1, 1))),
    ],
)
def test_nightly_window_from_watermark_to_yesterday(
    watermark: dt.date | None, today: dt.date, first_day: dt.date | None, expected: Window | None
) -> None:
    assert nightly_window(watermark, today, first_day=first_day) == expected


def test_split_windows_never_straddles_a_month() -> None:
    windows = split_windows(Window(D(2024, 1, 25), D(2024, 3, 10)), days=14)
    assert windows == [
        Window(D(2024, 1, 25), D(2024, 1, 31)),
        Window(D(2024, 2, 1), D(2024, 2, 14)),
        Window(D(2024, 2, 15), D(2024, 2, 28)),
        Window(D(2024, 2, 29), D(2024, 2, 29)),
        Window(D(2024, 3, 1), D(2024, 3, 10)),
    ]


@pytest.mark.parametrize("days", [1, 3, 7, 31, 400])
def test_split_windows_covers_every_day_once(days: int) -> None:
    whole = Window(D(2023, 11, 17), D(2025, 2, 3))
    windows = split_windows(whole, days)
    assert windows[0].start == whole.start and windows[-1].end == whole.end
    assert sum(w.days for w in windows) == whole.days
    for before, after in itertools.pairwise(windows):
        assert after.start == before.end + dt.timedelta(days=1)
        assert before.days <= days
        assert (before.start.year, before.start.month) == (before.end.year, before.end.month)


def test_split_windows_rejects_a_non_positive_length() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        split_windows(Window(D(2024, 1, 1), D(2024, 1, 2)), 0)


def test_explicit_window_needs_both_ends_or_none() -> None:
    assert explicit_window(None, None) is None
    assert explicit_window(D(2024, 1, 1), D(2024, 1, 31)) == Window(D(2024, 1, 1), D(2024, 1, 31))
    with pytest.raises(ValueError, match="both the start and the end"):
        explicit_window(D(2024, 1, 1), None)
    with pytest.raises(ValueError, match="before it starts"):
        explicit_window(D(2024, 2, 1), D(2024, 1, 31))
