"""Window planning: the nightly window from the watermark, back-fill windows within months."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.windows import DateWindow, nightly_window, split_windows

D = dt.date


@pytest.mark.parametrize(
    ("watermark", "today", "first_day", "expected"),
    [
        # the day after the watermark up to yesterday
        (D(2024, 3, 20), D(2024, 3, 25), None, DateWindow(D(2024, 3, 21), D(2024, 3, 24))),
        # up to date through yesterday: nothing to do
        (D(2024, 3, 24), D(2024, 3, 25), None, None),
        (D(2024, 3, 26), D(2024, 3, 25), None, None),
        # no watermark: yesterday only, or from the first day given
        (None, D(2024, 3, 25), None, DateWindow(D(2024, 3, 24), D(2024, 3, 24))),
        (None, D(2024, 3, 25), D(2023, 12, 1), DateWindow(D(2023, 12, 1), D(2024, 3, 24))),
        # a watermark wins over the first day
        (D(2024, 3, 1), D(2024, 3, 25), D(2023, 12, 1), DateWindow(D(2024, 3, 2), D(2024, 3, 24))),
        # a year boundary
        (D(2024, 12, 31), D(2025, 1, 2), None, DateWindow(D(2025, 1, 1), D(2025, 1, 1))),
    ],
)
def test_nightly_window_from_watermark_to_yesterday(
    watermark: dt.date | None, today: dt.date, first_day: dt.date | None, expected: DateWindow | None
) -> None:
    assert nightly_window(watermark, today, first_day=first_day) == expected


def test_split_windows_never_straddles_a_month() -> None:
    windows = split_windows(DateWindow(D(2024, 1, 25), D(2024, 3, 10)), days=14)
    assert windows == [
        DateWindow(D(2024, 1, 25), D(2024, 1, 31)),
        DateWindow(D(2024, 2, 1), D(2024, 2, 14)),
        DateWindow(D(2024, 2, 15), D(2024, 2, 28)),
        DateWindow(D(2024, 2, 29), D(2024, 2, 29)),
        DateWindow(D(2024, 3, 1), D(2024, 3, 10)),
    ]


@pytest.mark.parametrize("days", [1, 3, 7, 31, 400])
def test_split_windows_covers_every_day_once(days: int) -> None:
    whole = DateWindow(D(2023, 11, 17), D(2025, 2, 3))
    windows = split_windows(whole, days)
    assert windows[0].start == whole.start and windows[-1].end == whole.end
    assert sum(w.days for w in windows) == whole.days
    for before, after in zip(windows, windows[1:], strict=False):
        assert after.start == before.end + dt.timedelta(days=1)
        assert before.days <= days
        assert (before.start.year, before.start.month) == (before.end.year, before.end.month)


def test_split_windows_rejects_a_non_positive_length() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        split_windows(DateWindow(D(2024, 1, 1), D(2024, 1, 2)), 0)


def test_date_window_rejects_an_end_before_its_start() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        DateWindow(D(2024, 1, 2), D(2024, 1, 1))


def test_date_window_prints_as_a_range() -> None:
    assert str(DateWindow(D(2024, 1, 1), D(2024, 1, 31))) == "2024-01-01..2024-01-31"
