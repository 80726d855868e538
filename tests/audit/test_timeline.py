"""A timeline of real answers from the shared corpus (``tests/fixtures/audit/timeline.jsonl``).

Four real threads, 2024-11 to 2025-11, each a dated commitment and later answers about it:

- the 10-Year Health Plan, promised "in the spring" (1739379, 2024-11-08), "published on 3 July"
  (1818456) and "published in July 2025" (1848372): met late; the December "We have launched a
  10-Year Health Plan" (engagement on it, 1746163) is progress, not publication;
- the National Cancer Plan, "due to be published in the second half of this year" (1818869),
  then "due for publication early next year" (1847656): slipped; "in the new year" (1849193)
  restates the new date;
- the Defence Investment Plan, "to be published in autumn 2025" (1819271), "in the autumn"
  (1830743: restated), "due to be published later this year" (1831414: slipped to 31 December);
- the Financial Inclusion Strategy, "will be published later this year" (1827146), "I published
  ... on 5th November" (1847939): met on time.
"""

from __future__ import annotations

import datetime as dt

import pytest
from audit.builders import timeline_answers

from pipeline.audit import run_audit
from pipeline.audit.records import AuditResult, DeadlineRow

D = dt.date.fromisoformat


def find(result: AuditResult, answer_id: int, words: str) -> DeadlineRow:
    (row,) = [r for r in result.rows if r.id == answer_id and words in r.quote]
    return row


# (as_of, answer id, words of the commitment, status, current due, new due, delivered on)
TIMELINE = [
    ("2025-01-20", 1739379, "10-Year Health Plan", "not_due", "2025-05-31", None, None),
    ("2025-03-15", 1739379, "10-Year Health Plan", "due_soon", "2025-05-31", None, None),
    ("2025-06-30", 1739379, "10-Year Health Plan", "overdue", "2025-05-31", None, None),
    ("2025-07-09", 1739379, "10-Year Health Plan", "met_late", "2025-05-31", None, "2025-07-03"),
    ("2025-12-09", 1739379, "10-Year Health Plan", "met_late", "2025-05-31", None, "2025-07-03"),
    ("2025-08-01", 1818869, "National Cancer Plan", "not_due", "2025-12-31", None, None),
    ("2025-11-10", 1818869, "National Cancer Plan", "slipped", "2026-03-31", "2026-03-31", None),
    ("2025-12-09", 1818869, "National Cancer Plan", "slipped", "2026-03-31", "2026-03-31", None),
    ("2026-11-29", 1818869, "National Cancer Plan", "overdue", "2026-03-31", "2026-03-31", None),
    ("2025-12-09", 1847656, "National Cancer Plan", "not_due", "2026-03-31", None, None),
    ("2026-01-15", 1849193, "National Cancer Plan", "due_soon", "2026-03-31", None, None),
    ("2025-09-05", 1819271, "Defence Investment Plan", "due_soon", "2025-11-30", None, None),
    ("2025-12-09", 1819271, "Defence Investment Plan", "slipped", "2025-12-31", "2025-12-31", None),
    ("2025-12-09", 1830743, "published in the autumn", "slipped", "2025-12-31", "2025-12-31", None),
    ("2025-12-09", 1831414, "later this year", "due_soon", "2025-12-31", None, None),
    ("2026-11-29", 1819271, "Defence Investment Plan", "overdue", "2025-12-31", "2025-12-31", None),
    ("2025-10-15", 1827146, "Financial Inclusion Strategy", "due_soon", "2025-12-31", None, None),
    (
        "2025-12-09",
        1827146,
        "Financial Inclusion Strategy",
        "met_on_time",
        "2025-12-31",
        None,
        "2025-11-05",
    ),
    ("2025-12-09", 1739379, "Financial allocations", "no_deadline", None, None, None),
]


@pytest.fixture(scope="module")
def results() -> dict[str, AuditResult]:
    answers = timeline_answers()
    return {as_of: run_audit(answers, D(as_of)) for as_of in sorted({row[0] for row in TIMELINE})}


@pytest.mark.parametrize(
    ("as_of", "answer_id", "words", "status", "current_due", "new_due", "delivered_on"), TIMELINE
)
def test_timeline_status(
    results: dict[str, AuditResult],
    as_of: str,
    answer_id: int,
    words: str,
    status: str,
    current_due: str | None,
    new_due: str | None,
    delivered_on: str | None,
) -> None:
    row = find(results[as_of], answer_id, words)
    assert row.schedule_status == status
    assert row.current_due == (D(current_due) if current_due else None)
    assert row.new_due == (D(new_due) if new_due else None)
    assert row.delivered_on == (D(delivered_on) if delivered_on else None)


def test_timeline_health_plan_evidence(results: dict[str, AuditResult]) -> None:
    row = find(results["2025-12-09"], 1739379, "10-Year Health Plan")
    assert [(e.id, e.date, e.relation) for e in row.evidence] == [
        (1746163, D("2024-12-05"), "progress"),
        (1818456, D("2025-07-09"), "delivered"),
        (1848372, D("2025-11-12"), "delivered"),
    ]
    assert row.evidence[1].quote == "10-Year Health Plan published on 3 July"
    assert row.evidence[1].stated_date == D("2025-07-03") and row.delivered_basis == "stated"
    assert all(e.reason.startswith("same initiative: 10 year health plan") for e in row.evidence)


def test_timeline_cancer_plan_slip_then_restatement(results: dict[str, AuditResult]) -> None:
    row = find(results["2025-12-09"], 1818869, "National Cancer Plan")
    assert [(e.id, e.relation, e.due) for e in row.evidence] == [
        (1847656, "slipped", D("2026-03-31")),
        (1849193, "restated", D("2026-03-31")),
    ]
    assert row.due == D("2025-12-31") and row.due_text == "in the second half of this year"


def test_timeline_defence_plan_restated_then_slipped(results: dict[str, AuditResult]) -> None:
    row = find(results["2025-12-09"], 1819271, "Defence Investment Plan")
    assert [(e.id, e.relation) for e in row.evidence] == [
        (1830743, "restated"),
        (1831414, "slipped"),
    ]
    # "spending plans will be set out in the Defence Investment Plan" concerns another action
    assert 1830743 not in [
        e.id for e in find(results["2025-12-09"], 1830743, "published in the autumn").evidence
    ]


def test_timeline_evidence_checked_through_is_the_last_answer_searched(
    results: dict[str, AuditResult],
) -> None:
    assert results["2025-06-30"].evidence_checked_through == D("2024-12-05")
    assert results["2025-12-09"].evidence_checked_through == D("2025-11-12")
    row = find(results["2025-06-30"], 1739379, "10-Year Health Plan")
    assert row.evidence_checked_through == D("2024-12-05")


def test_timeline_commitments_made_after_as_of_are_not_audited(
    results: dict[str, AuditResult],
) -> None:
    ids = {r.id for r in results["2025-01-20"].rows}
    assert ids == {1739379}
