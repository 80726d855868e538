"""A window of days: what one ingestion run covers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Window:
    """Days from ``start`` to ``end``, both included.

    Attributes:
        start: First day.
        end: Last day (not before ``start``).
    """

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"window ends ({self.end}) before it starts ({self.start})")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        """Number of days covered."""
        return (self.end - self.start).days + 1

    def split(self, days: int) -> list[Window]:
        """Consecutive windows of at most ``days`` days covering this one, oldest first."""
        if days < 1:
            raise ValueError("days must be at least 1")
        parts: list[Window] = []
        start = self.start
        while start <= self.end:
            end = min(self.end, start + dt.timedelta(days=days - 1))
            parts.append(Window(start, end))
            start = end + dt.timedelta(days=1)
        return parts


def parse_day(value: str) -> dt.date:
    """``YYYY-MM-DD`` -> date; ValueError with a readable message otherwise."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as err:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {value!r}") from err
