"""Linking later statements to a commitment, and what each link means (one row per relation)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from pipeline.audit.linking import (
    LinkConfig,
    classify,
    deliverable_score,
    link,
    same_action,
    softer,
    term_containment,
    term_cosine,
)
from pipeline.audit.records import Statement

GENERIC = frozenset({"complete"})
COMMITMENT = Statement(
    answer_id=1,
    answer_version=1,
    date=dt.date(2024, 11, 8),
    department="Department of Health and Social Care",
    quote="We will publish a 10-Year Health Plan for the NHS in the spring",
    char_start=0,
    char_end=63,
    kind="future",
    due="2025-05-31",
    strength="firm",
    action="publish",
    initiatives=(("10 year health plan", 1.0),),
    terms=frozenset({"health", "nhs", "productivity", "taxpayer"}),
)


def later(**fields: Any) -> Statement:
    base = dataclasses.replace(
        COMMITMENT,
        answer_id=2,
        date=dt.date(2025, 7, 9),
        due=None,
        quote="later statement",
        terms=frozenset(),
    )
    return dataclasses.replace(base, **fields)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (later(kind="done", action="publish", event_end="2025-07-03"), "delivered"),
        (later(kind="done", action="publish"), "delivered"),
        (later(kind="done", action="complete"), "delivered"),
        (later(kind="done", action=None), "progress"),
        (later(kind="done", action="launch"), "progress"),
        (later(kind="done", action="publish", event_end="2023-06-30"), None),
        (later(kind="ongoing", action="develop"), "progress"),
        (later(kind="future", action="publish", due="2025-11-30"), "slipped"),
        (later(kind="future", action="publish", due="2025-03-31"), "brought_forward"),
        (later(kind="future", action="publish", due="2025-05-31"), "restated"),
        (later(kind="future", action="publish", due="2025-05-31", strength="soft"), "downgraded"),
        (later(kind="future", action="publish", due=None), "undated"),
        (later(kind="future", action="publish", due=None, strength="soft"), "downgraded"),
        (later(kind="future", action="publish", negated=True), "withdrawn"),
        (later(kind="future", action="set_out", due="2025-11-30"), None),
    ],
)
def test_classify_relation_table(statement: Statement, expected: str | None) -> None:
    assert classify(COMMITMENT, COMMITMENT.due, statement, GENERIC) == expected


def test_classify_compares_with_the_current_due_not_the_first() -> None:
    statement = later(kind="future", action="publish", due="2025-11-30")
    assert classify(COMMITMENT, "2025-11-30", statement, GENERIC) == "restated"
    assert classify(COMMITMENT, "2026-03-31", statement, GENERIC) == "brought_forward"


def test_classify_same_relative_words_re_dated_by_the_calendar_is_a_restatement() -> None:
    relative = dataclasses.replace(
        COMMITMENT, due="2029-09-06", due_text="Over the next five years", date=dt.date(2024, 9, 6)
    )
    three_days_on = later(
        kind="future",
        action="publish",
        due="2029-09-09",
        due_text="over the next five years",
        date=dt.date(2024, 9, 9),
    )
    assert classify(relative, "2029-09-06", three_days_on, GENERIC) == "restated"
    next_year = dataclasses.replace(
        COMMITMENT, due="2025-12-31", due_text="next year", date=dt.date(2024, 12, 9)
    )
    january = later(
        kind="future",
        action="publish",
        due="2026-12-31",
        due_text="next year",
        date=dt.date(2025, 1, 9),
    )
    assert classify(next_year, "2025-12-31", january, GENERIC) == "slipped"
    other_words = later(
        kind="future",
        action="publish",
        due="2029-09-09",
        due_text="by September 2029",
        date=dt.date(2024, 9, 9),
    )
    assert classify(relative, "2029-09-06", other_words, GENERIC) == "slipped"


def test_classify_no_due_commitment_dated_later() -> None:
    undated = dataclasses.replace(COMMITMENT, due=None)
    assert (
        classify(undated, None, later(kind="future", action="publish", due="2025-11-30"), GENERIC)
        == "restated"
    )


@pytest.mark.parametrize(
    ("earlier", "later_action", "expected"),
    [
        ("publish", "publish", True),
        ("publish", "launch", False),
        ("publish", "complete", True),
        ("complete", "publish", False),
        ("complete", "complete", True),
        (None, "launch", True),
        ("publish", None, True),
    ],
)
def test_same_action_generic_completion_stands_for_any(
    earlier: str | None, later_action: str | None, expected: bool
) -> None:
    assert same_action(earlier, later_action, GENERIC) is expected


def test_softer_firm_to_soft_or_negated() -> None:
    assert softer(COMMITMENT, later(strength="soft"))
    assert softer(COMMITMENT, later(negated=True))
    assert not softer(COMMITMENT, later(strength="firm"))
    assert not softer(dataclasses.replace(COMMITMENT, strength="soft"), later(strength="firm"))


def test_link_same_initiative_uses_the_weaker_context_weight() -> None:
    in_sentence = later(initiatives=(("10 year health plan", 0.7),))
    found = link(COMMITMENT, in_sentence, {}, LinkConfig())
    assert found is not None and found.score == 0.7 and found.initiative == "10 year health plan"
    assert "same initiative: 10 year health plan" in found.reason
    assert link(COMMITMENT, later(initiatives=(("cancer plan", 1.0),)), {}, LinkConfig()) is None
    assert (
        link(COMMITMENT, later(initiatives=(("10 year health plan", 0.4),)), {}, LinkConfig())
        is None
    )


def test_link_same_deliverable_needs_the_same_department_and_shared_terms() -> None:
    terms = frozenset({"health", "nhs", "productivity", "taxpayer", "money"})
    same = later(initiatives=(), terms=terms)
    found = link(COMMITMENT, same, {}, LinkConfig())
    assert found is not None and found.initiative is None
    assert "same deliverable" in found.reason and set(found.shared_terms) == set(COMMITMENT.terms)
    other_department = dataclasses.replace(same, department="Treasury")
    assert link(COMMITMENT, other_department, {}, LinkConfig()) is None
    one_word = later(initiatives=(), terms=frozenset({"health", "prisons"}))
    assert link(COMMITMENT, one_word, {}, LinkConfig()) is None


def test_term_cosine_weights_rare_terms_more() -> None:
    a = frozenset({"cancer", "plan"})
    b = frozenset({"cancer", "strategy"})
    c = frozenset({"plan", "strategy"})
    idf = {"cancer": 4.0, "plan": 1.0, "strategy": 1.0}
    assert term_cosine(a, b, idf, 1.0) > term_cosine(a, c, idf, 1.0)
    assert term_cosine(a, frozenset(), idf, 1.0) == 0.0
    assert term_cosine(a, a, idf, 1.0) == pytest.approx(1.0)


def test_deliverable_score_favours_a_later_statement_inside_the_commitment_context() -> None:
    context = frozenset(
        {"steering", "group", "joint", "send", "workforce", "planning", "board", "oversee"}
    )
    inside = frozenset({"steering", "group", "send", "workforce"})
    partly = frozenset({"steering", "group", "prison", "estate"})
    assert term_containment(context, inside, {}, 1.0) == 1.0
    assert term_containment(context, partly, {}, 1.0) == 0.5
    assert deliverable_score(context, inside, {}, 1.0) > deliverable_score(context, partly, {}, 1.0)
    assert deliverable_score(context, inside, {}, 1.0) == pytest.approx(
        (term_cosine(context, inside, {}, 1.0)) ** 0.5
    )
