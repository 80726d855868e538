from __future__ import annotations

import datetime as dt
import itertools

import pytest

from pipeline.ingest.window import Window, parse_day

D = dt.date


def test_window_contains_both_ends() -> None:
    window = Window(D(2024, 9, 1), D(2024, 9, 30))
    assert D(2024, 9, 1) in window and D(2024, 9, 30) in window
    assert D(2024, 10, 1) not in window and "2024-09-02" not in window
    assert window.days == 30 and str(window) == "2024-09-01..2024-09-30"


def test_window_split_covers_it_without_overlap() -> None:
    parts = Window(D(2024, 1, 30), D(2024, 3, 2)).split(14)
    assert parts[0] == Window(D(2024, 1, 30), D(2024, 2, 12))
    assert parts[-1].end == D(2024, 3, 2)
    assert sum(p.days for p in parts) == 33
    assert all(a.end + dt.timedelta(days=1) == b.start for a, b in itertools.pairwise(parts))


def test_window_rejects_reversed_ends() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Window(D(2024, 2, 1), D(2024, 1, 1))


@pytest.mark.parametrize("text", ["2024-13-01", "yesterday", "01/02/2024", ""])
def test_parse_day_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day(text)
