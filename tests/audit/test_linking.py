"""Linking later statements to a commitment, and what each link means (one row per relation)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from pipeline.audit.lexicon import load_lexicon
from pipeline.audit.linking import (
    Link,
    LinkConfig,
    classify,
    deliverable_score,
    link,
    named_link,
    normalised_quote,
    own_words_share,
    repetition,
    same_act_under_way,
    same_action,
    same_verb,
    softer,
    term_containment,
    term_cosine,
)
from pipeline.audit.records import Statement
from pipeline.audit.statements import term_exclusions
from pipeline.audit.text import content_terms

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
        # 1753656 (2025-01-14) for 1739379 (2024-11-08): an event dated before the commitment is
        # old news, whatever its action ("launched a national engagement exercise")
        (later(kind="done", action="launch", event_end="2024-10-21"), None),
        (later(kind="done", action=None, event_end="2024-10-21"), None),
        (later(kind="ongoing", action="develop"), "progress"),
        (later(kind="future", action="publish", due="2025-11-30"), "slipped"),
        (later(kind="future", action="publish", due="2025-03-31"), "brought_forward"),
        (later(kind="future", action="publish", due="2025-05-31"), "restated"),
        (later(kind="future", action="publish", due="2025-05-31", strength="soft"), "downgraded"),
        (later(kind="future", action="publish", due=None), "undated"),
        (later(kind="future", action="publish", due=None, strength="soft"), "downgraded"),
        (later(kind="future", action="publish", negated=True), "withdrawn"),
        (later(kind="future", action="set_out", due="2025-11-30"), None),
        # 1746922 "The Solar Roadmap will set out ... its mission to achieve Clean Power by 2030":
        # a future completion dates only itself, not the publication the commitment promised
        (later(kind="future", action="complete", due="2025-03-31"), None),
    ],
)
def test_classify_relation_table(statement: Statement, expected: str | None) -> None:
    assert classify(COMMITMENT, COMMITMENT.due, statement, GENERIC) == expected


# 1725763 (2024-09-09): "the Household Support Fund is being extended for a further 6 months,
# from 1 October 2024 until 31 March 2025"; 1727597 (2024-09-30): "Support includes delivering
# the £150 Warm Home Discount for low-income households from October, extending the Household
# Support Fund with £421 million": a start is no new date for a period's end
HSF = dataclasses.replace(
    COMMITMENT,
    action=None,
    due="2025-03-31",
    due_text="from 1 October 2024 until 31 March 2025",
    due_shape="span",
)


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (later(kind="future", action="complete", due="2024-10-31", due_text="from October", due_shape="start"), "undated"),
        (later(kind="future", action="complete", due="2024-10-31", due_shape="start", strength="soft"), "downgraded"),
        (later(kind="future", action=None, due="2025-03-31", due_text="from 1 October 2024 until 31 March 2025", due_shape="span"), "restated"),
        (later(kind="future", action=None, due="2026-03-31", due_text="until 31 March 2026", due_shape="span"), "slipped"),
        # 1741059 "will be implemented from April 2025" / 1741079 "... in April 2025": one day
        (later(kind="future", action=None, due="2025-03-31", due_shape="point"), "restated"),
    ],
)  # fmt: skip
def test_classify_dues_of_other_shapes_table(statement: Statement, expected: str) -> None:
    assert classify(HSF, HSF.due, statement, GENERIC) == expected


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


COVERS = {"publish": frozenset({"set_out"})}


@pytest.mark.parametrize(
    ("earlier", "later_action", "expected"),
    [
        # 1739176 "The Get Britain Working White Paper, to be set out in the Autumn" ->
        # 1745973 "the Get Britain Working White Paper published 26 November 2024"
        ("set_out", "publish", True),
        # a plan "set out" is not yet "published" (announce, confirm, outline, update)
        ("publish", "set_out", False),
        ("launch", "publish", False),
    ],
)
def test_same_action_covers(earlier: str, later_action: str, expected: bool) -> None:
    assert same_action(earlier, later_action, GENERIC, COVERS) is expected
    assert same_action(earlier, later_action, GENERIC) is (earlier == later_action)


def test_named_link_needs_the_initiative_in_the_commitment_s_own_words() -> None:
    # 1748295 "will provide updates on this in due course" names the 10-Year Health Plan only
    # elsewhere in its sentence: the Plan's publication is no update on the cancer plan
    in_sentence = dataclasses.replace(COMMITMENT, initiatives=(("10 year health plan", 0.7),))
    found = Link(0.7, "same initiative", "10 year health plan")
    assert named_link(COMMITMENT, found)
    assert not named_link(in_sentence, found)
    assert not named_link(COMMITMENT, Link(0.8, "same deliverable"))


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


# (the commitment's quote, its whole answer, the later quote, expected): real rows of answers
# re-sent, word for word or with retouched punctuation, to the next Member who asked
REPETITION_TABLE = [
    # 1746927 (2024-12-09) -> 1752398 (2025-01-09): "next year" now reads as 2026
    ("865,000 employers will pay no NICs at all next year",
     "The Government has protected the smallest businesses and charities from the impact of the increase to Employer National Insurance by increasing the Employment Allowance from £5,000 to £10,500, which means that 865,000 employers will pay no NICs at all next year.",
     "865,000 employers will pay no NICs at all next year", "self"),
    # 1753110 (2025-01-13) -> 1753277 (2025-01-14): the other clause of the same sentence
    ("will be published later this year",
     "The period from 1 April 2024 to 31 March 2025 will be covered in the next annual report, which will be published later this year.",
     "The period from 1 April 2024 to 31 March 2025 will be covered in the next annual report", "sibling"),
    # 1726812 (2024-09-10) -> 1728930 (2024-10-07)
    ("will make Regulations as soon as reasonably practicable",
     "The Secretary of State for Science, Innovation and Technology is carefully considering Ofcom’s categorisation research and advice and will make Regulations as soon as reasonably practicable.",
     "The Secretary of State for Science, Innovation and Technology is carefully considering Ofcom's categorisation research and advice", "sibling"),
    # 1726297 (2024-09-09) -> 1729456 (2024-10-09): two sentences joined by a comma
    ("any next steps will be set out in due course",
     "The Secretary of State has received the independent Best Value inspection team’s report. This is being considered carefully and any next steps will be set out in due course.",
     "The Secretary of State has received the independent Best Value inspection team’s report, this is being considered carefully", "sibling"),
    # 1818869 (2025-07-10) -> 1847656 (2025-11-10): new words, a real slip
    ("The National Cancer Plan, due to be published in the second half of this year, will have a focus on research and innovation",
     "The National Cancer Plan, due to be published in the second half of this year, will have a focus on research and innovation.",
     "The National Cancer Plan, due for publication early next year, will set out further details on the work of the taskforce", None),
    # a short quote is compared whole only: "will continue" stands in any answer
    ("We will continue to monitor the situation", "We will continue to monitor the situation.", "will continue", None),
]  # fmt: skip


@pytest.mark.parametrize(("quote", "answer_text", "later_quote", "expected"), REPETITION_TABLE)
def test_repetition_of_the_commitment_s_own_answer_table(
    quote: str, answer_text: str, later_quote: str, expected: str | None
) -> None:
    commitment = dataclasses.replace(COMMITMENT, quote=quote)
    own = normalised_quote(answer_text)
    assert repetition(commitment, later(quote=later_quote), own) == expected


def test_normalised_quote_ignores_case_punctuation_and_apostrophes() -> None:
    assert normalised_quote("Ofcom’s  research, and advice.") == normalised_quote(
        "ofcom's research and advice"
    )
    assert normalised_quote("21st December") != normalised_quote("21 December")


DOCUMENT_WORDS = frozenset({"interim", "report", "copy", "library", "letter", "available"})

# (earlier quote's context terms, later quote's terms, linked?): real rows; a deliverable match
# needs a shared word that is not a kind of document
DOCUMENT_TABLE = [
    # 1674644 "All study outputs, including interim reports, will be published" (an ICB research
    # study) / 1818559 "An interim report was published on 20 June" (the ADHD taskforce)
    (frozenset({"study", "output", "interim", "report"}), frozenset({"interim", "report"}), False),
    # 1675506 / 1678363 (Ministry of Defence): one letter per Member asking ("write" and
    # "letter" are action words, left out of terms)
    (frozenset({"copy", "library", "available"}), frozenset({"copy", "library", "available"}), False),
    # 1723199 / 1746300: the same sight-test funding
    (frozenset({"sight", "test", "optical", "voucher", "special", "educational", "setting", "annually"}),
     frozenset({"sight", "test", "optical", "voucher", "special", "educational", "setting", "annually"}), True),
]  # fmt: skip


@pytest.mark.parametrize(("earlier_terms", "later_terms", "linked"), DOCUMENT_TABLE)
def test_link_deliverable_needs_more_than_kinds_of_document(
    earlier_terms: frozenset[str], later_terms: frozenset[str], linked: bool
) -> None:
    config = LinkConfig(document_words=DOCUMENT_WORDS)
    earlier = dataclasses.replace(COMMITMENT, initiatives=(), terms=earlier_terms)
    found = link(earlier, later(initiatives=(), terms=later_terms), {}, config)
    assert (found is not None) is linked
    # without the document words every row links
    assert link(earlier, later(initiatives=(), terms=later_terms), {}, LinkConfig()) is not None


@pytest.mark.parametrize(
    ("earlier", "later_fields", "expected"),
    [
        # 1741079 / 1747361: "will be implemented" in both, no action word
        (dataclasses.replace(COMMITMENT, action=None, verb="implemented"), {"action": None, "verb": "implemented"}, True),
        (dataclasses.replace(COMMITMENT, action=None, verb="implemented"), {"action": None, "verb": "felt"}, False),
        (dataclasses.replace(COMMITMENT, action=None, verb=None), {"action": None, "verb": None}, False),
        # an action word on either side: the action families decide
        (COMMITMENT, {"action": None, "verb": "publish"}, False),
        (dataclasses.replace(COMMITMENT, action=None, verb="pay"), {"action": "publish", "verb": None}, False),
    ],
)  # fmt: skip
def test_same_verb_table(earlier: Statement, later_fields: dict[str, Any], expected: bool) -> None:
    assert same_verb(earlier, later(**later_fields)) is expected


def _quoted(quote: str, kind: str, action: str | None) -> Statement:
    terms = content_terms(quote, exclude=term_exclusions(load_lexicon()))
    return dataclasses.replace(COMMITMENT, quote=quote, kind=kind, action=action, quote_terms=terms)


# (commitment quote, later quote, later kind, later action, expected): corpus quotes verbatim
UNDER_WAY_TABLE = [
    # 1753231 (2025-01-13) / 1752741 (2025-01-16)
    ("in April 2025 we will be launching an independent commission into adult social care as part of our critical first steps towards delivering a National Care Service",
     "We are launching an independent commission into adult social care as part of delivering a National Care Service and adult social care reform",
     "ongoing", "launch", True),
    # 1754063 (2025-01-17) / 1858727 (2025-12-04)
    ("From 2026-27 we intend to introduce permanently lower tax rates for retail, hospitality",
     "The Government is doing this by introducing permanently lower tax rates for eligible retail, hospitality and leisure (RHL) properties",
     "ongoing", "launch", True),
    # the other measure of the package: the sentences are shared, the clauses' own words not
    ("we intend to introduce a higher rate on the most valuable properties on 2026-27",
     "The Government is doing this by introducing permanently lower tax rates for eligible retail, hospitality and leisure (RHL) properties",
     "ongoing", "launch", False),
    # another action, or no action word
    ("in April 2025 we will be launching an independent commission into adult social care as part of our critical first steps towards delivering a National Care Service",
     "We are funding an independent commission into adult social care", "ongoing", "fund", False),
    ("in April 2025 we will be launching an independent commission into adult social care as part of our critical first steps towards delivering a National Care Service",
     "We are considering an independent commission into adult social care", "ongoing", None, False),
    # not under way: a future restatement or a report of the act are other relations
    ("in April 2025 we will be launching an independent commission into adult social care as part of our critical first steps towards delivering a National Care Service",
     "We will be launching an independent commission into adult social care", "future", "launch", False),
]  # fmt: skip


@pytest.mark.parametrize(("quote", "later_quote", "kind", "action", "expected"), UNDER_WAY_TABLE)
def test_same_act_under_way_table(
    quote: str, later_quote: str, kind: str, action: str | None, expected: bool
) -> None:
    commitment = _quoted(quote, "future", "launch")
    assert same_act_under_way(commitment, _quoted(later_quote, kind, action), 0.6) is expected


def test_own_words_share_of_the_shorter_quote() -> None:
    a = dataclasses.replace(
        COMMITMENT, quote_terms=frozenset({"adult", "social", "care", "commission"})
    )
    b = dataclasses.replace(
        COMMITMENT,
        quote_terms=frozenset({"adult", "social", "care", "reform", "service", "national"}),
    )
    assert own_words_share(a, b) == own_words_share(b, a) == 0.75
    assert own_words_share(a, dataclasses.replace(COMMITMENT, quote_terms=frozenset())) == 0.0
