"""Schedule status of one commitment as of a date: pure functions over dates and evidence.

The rules, in order:

1. Delivery evidenced (a linked later ``done`` statement of the same action): ``met_on_time``
   when the delivery date is on or before the ORIGINAL due date, else ``met_late``; with no due
   date, ``no_deadline`` (the delivery is still recorded in ``delivered_on``). The delivery date
   is the date the later answer states for the event (the end of its interval: "in July 2025" is
   2025-07-31), never later than that answer; with no stated date it is the later answer's own
   date, an upper bound (``delivered_basis="reported_by"``): the burden of proof is on the
   evidence, so a delivery first reported after the deadline counts as late.
2. No due date and no default (not an assurance): ``no_deadline``.
3. Slipped (a later statement moved the due date later) and the new date not yet passed:
   ``slipped`` with ``new_due``; once the new date passes without delivery: ``overdue``
   against it (``new_due`` still says it slipped).
4. ``overdue`` when ``as_of`` is after the current due date; ``due_soon`` when the due date is
   at most ``due_soon_days`` away; ``not_due`` otherwise.

Assurances with no date ("I will write to the hon. Member") get a default due date
``assurance_default_months`` after the answer, as India's Committee on Government Assurances does.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from pipeline.audit.records import DeliveryBasis, ScheduleStatus


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the month's end (31 Jan + 1: 29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def delivery_date(answer_date: dt.date, stated_end: str | None) -> tuple[dt.date, DeliveryBasis]:
    """When a delivery reported in an answer of ``answer_date`` happened, at the latest.

    Args:
        answer_date: The date of the answer reporting it.
        stated_end: The last day of the date the answer gives for it (ISO), or None.

    Returns:
        The date and its basis: ``stated`` or ``reported_by`` (the answer's date).
    """
    if stated_end:
        return min(dt.date.fromisoformat(stated_end), answer_date), "stated"
    return answer_date, "reported_by"


@dataclass(frozen=True, slots=True)
class Schedule:
    """The outcome of :func:`schedule_status`.

    Attributes:
        status: The schedule status.
        new_due: The slipped due date, when it slipped.
        days_overdue: Days past the current due date when overdue.
        days_to_due: Days from ``as_of`` to the current due date while not met.
    """

    status: ScheduleStatus
    new_due: dt.date | None = None
    days_overdue: int | None = None
    days_to_due: int | None = None


def schedule_status(
    as_of: dt.date,
    due: dt.date | None,
    current_due: dt.date | None,
    delivered_on: dt.date | None,
    *,
    due_soon_days: int = 90,
) -> Schedule:
    """The schedule status as of ``as_of`` (see the module docstring for the rules).

    Args:
        as_of: The date the status holds for.
        due: The original due date (stated, or the assurance default), or None.
        current_due: The due date after later slips or advances (``due`` when none).
        delivered_on: When delivery is evidenced, or None.
        due_soon_days: How close a due date makes a commitment ``due_soon``.
    """
    if delivered_on is not None:
        if due is None:
            return Schedule("no_deadline")
        return Schedule("met_on_time" if delivered_on <= due else "met_late")
    if due is None:
        return Schedule("no_deadline")
    current = current_due or due
    days_to_due = (current - as_of).days
    new_due = current if current > due else None
    if days_to_due < 0:
        return Schedule("overdue", new_due, -days_to_due, days_to_due)
    if new_due is not None:
        return Schedule("slipped", new_due, None, days_to_due)
    if days_to_due <= due_soon_days:
        return Schedule("due_soon", None, None, days_to_due)
    return Schedule("not_due", None, None, days_to_due)
