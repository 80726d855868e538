"""Schedule status as pure functions of dates: one constructed case per status."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.audit.status import Schedule, add_months, delivery_date, schedule_status

D = dt.date.fromisoformat
AS_OF = D("2026-11-29")


@pytest.mark.parametrize(
    ("due", "current_due", "delivered_on", "expected"),
    [
        (None, None, None, Schedule("no_deadline")),
        (None, None, D("2025-01-10"), Schedule("no_deadline")),
        (D("2027-06-30"), None, None, Schedule("not_due", days_to_due=213)),
        (D("2027-02-27"), None, None, Schedule("due_soon", days_to_due=90)),
        (D("2027-02-28"), None, None, Schedule("not_due", days_to_due=91)),
        (D("2026-11-29"), None, None, Schedule("due_soon", days_to_due=0)),
        (D("2025-12-31"), None, None, Schedule("overdue", days_overdue=333, days_to_due=-333)),
        (D("2025-12-31"), D("2025-12-31"), D("2025-10-31"), Schedule("met_on_time")),
        (D("2025-12-31"), D("2025-12-31"), D("2025-12-31"), Schedule("met_on_time")),
        (D("2025-05-31"), D("2025-05-31"), D("2025-07-03"), Schedule("met_late")),
        (
            D("2025-12-31"),
            D("2027-03-31"),
            None,
            Schedule("slipped", new_due=D("2027-03-31"), days_to_due=122),
        ),
        (
            D("2025-12-31"),
            D("2026-03-31"),
            None,
            Schedule("overdue", new_due=D("2026-03-31"), days_overdue=243, days_to_due=-243),
        ),
        (D("2025-05-31"), D("2026-03-31"), D("2025-07-03"), Schedule("met_late")),
        (D("2027-12-31"), D("2027-01-31"), None, Schedule("due_soon", days_to_due=63)),
    ],
)
def test_schedule_status_constructed_cases(
    due: dt.date | None,
    current_due: dt.date | None,
    delivered_on: dt.date | None,
    expected: Schedule,
) -> None:
    assert schedule_status(AS_OF, due, current_due, delivered_on, due_soon_days=90) == expected


def test_schedule_status_due_soon_window_is_configurable() -> None:
    assert schedule_status(AS_OF, D("2027-01-28"), None, None, due_soon_days=30).status == "not_due"
    assert (
        schedule_status(AS_OF, D("2027-01-28"), None, None, due_soon_days=60).status == "due_soon"
    )


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2024-03-25", 3, "2024-06-25"),
        ("2024-11-30", 3, "2025-02-28"),
        ("2023-11-30", 3, "2024-02-29"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-12-15", 12, "2025-12-15"),
        ("2024-05-31", 0, "2024-05-31"),
    ],
)
def test_add_months_clamps_to_month_end(day: str, months: int, expected: str) -> None:
    assert add_months(D(day), months) == D(expected)


@pytest.mark.parametrize(
    ("answer_date", "stated_end", "expected"),
    [
        ("2025-07-09", "2025-07-03", (D("2025-07-03"), "stated")),
        ("2025-11-12", "2025-07-31", (D("2025-07-31"), "stated")),
        ("2025-07-09", "2025-07-31", (D("2025-07-09"), "stated")),
        ("2025-09-05", None, (D("2025-09-05"), "reported_by")),
    ],
)
def test_delivery_date_never_after_the_reporting_answer(
    answer_date: str, stated_end: str | None, expected: tuple[dt.date, str]
) -> None:
    assert delivery_date(D(answer_date), stated_end) == expected
