"""Which days a run covers: small pure functions over the ingestion library's
:class:`~pipeline.ingest.window.Window` (a closed interval of days, the unit it fetches,
archives and records in the ``runs`` table).
"""

from __future__ import annotations

import datetime as dt

from pipeline.ingest.window import Window

ONE_DAY = dt.timedelta(days=1)


def nightly_window(
    watermark: dt.date | None, today: dt.date, *, first_day: dt.date | None = None
) -> Window | None:
    """The window a nightly run covers: the day after the watermark up to yesterday.

    Args:
        watermark: Last day of the last completed window (from the ``runs`` table), or None
            when nothing has run yet.
        today: The run date; the window ends the day before, since today's answers are
            still arriving.
        first_day: Where to start when there is no watermark; yesterday when None.

    Returns:
        The window, or None when the lake is already up to date through yesterday.
    """
    end = today - ONE_DAY
    if watermark is not None:
        start = watermark + ONE_DAY
    else:
        start = first_day if first_day is not None else end
    return Window(start, end) if start <= end else None


def split_windows(window: Window, days: int) -> list[Window]:
    """Split ``window`` into consecutive windows of at most ``days`` days, in date order.

    Windows never straddle a calendar month, so two windows never write the same answer-month
    partition of the lake (parallel back-fill windows do not contend for the same files).

    Raises:
        ValueError: When ``days`` is not positive.
    """
    if days < 1:
        raise ValueError(f"window length must be at least one day, got {days}")
    out: list[Window] = []
    start = window.start
    while start <= window.end:
        month_end = _month_end(start)
        end = min(start + dt.timedelta(days=days - 1), month_end, window.end)
        out.append(Window(start, end))
        start = end + ONE_DAY
    return out


def _month_end(day: dt.date) -> dt.date:
    first_of_next = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first_of_next - ONE_DAY


def explicit_window(start: dt.date | None, end: dt.date | None) -> Window | None:
    """The window a caller asked for with ``start`` and ``end``; None when neither is given.

    Raises:
        ValueError: When only one is given, or the window ends before it starts.
    """
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise ValueError(
            "give both the start and the end of the window (--from and --to), or neither"
        )
    return Window(start, end)
