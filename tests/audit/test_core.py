"""The audit end to end over typed rows: the seed, and one constructed case per status and link."""

from __future__ import annotations

import datetime as dt

import pytest
from audit.builders import SEED_ID, SEED_QUOTE, answer, commitment, seed_answer, timex

from pipeline.audit import AuditConfig, run_audit
from pipeline.audit.core import latest_versions
from pipeline.audit.records import AnswerRecord, DeadlineRow

AS_OF = dt.date(2026, 11, 29)
D = dt.date.fromisoformat


def row_for(rows: tuple[DeadlineRow, ...], answer_id: int) -> DeadlineRow:
    (found,) = [r for r in rows if r.id == answer_id]
    return found


def completion_report(
    text: str, date: str, words: str | None, start: str = "", end: str = ""
) -> AnswerRecord:
    """A (test) later answer of the Department for Education reporting the seed's work completed."""
    quote = text.rstrip(".")
    timexes = (timex(text, words, start, end),) if words else ()
    return answer(
        2000001,
        date,
        text,
        (commitment(text, quote, kind="done", actor="The steering group"),),
        timexes,
    )


SEED_DONE = (
    "The steering group's joint approach to SEND workforce planning was completed in October 2025."
)


def test_seed_overdue_as_of_2026_11_29_without_later_evidence() -> None:
    result = run_audit([seed_answer()], AS_OF)
    row = row_for(result.rows, SEED_ID)
    assert row.quote == SEED_QUOTE
    assert (row.schedule_status, row.due, row.due_text, row.due_basis) == (
        "overdue",
        D("2025-12-31"),
        "by 2025",
        "stated",
    )
    assert row.days_overdue == 333
    assert row.evidence == ()
    assert row.evidence_checked_through == D("2024-03-25")  # "no evidence" is bounded by a date
    assert result.overdue == [row]


def test_seed_met_on_time_when_a_later_answer_reports_completion_in_2025() -> None:
    later = completion_report(SEED_DONE, "2025-11-20", "October 2025", "2025-10-01", "2025-10-31")
    result = run_audit([seed_answer(), later], AS_OF)
    row = row_for(result.rows, SEED_ID)
    assert row.schedule_status == "met_on_time"
    assert (row.delivered_on, row.delivered_basis) == (D("2025-10-31"), "stated")
    (evidence,) = row.evidence
    assert (evidence.id, evidence.date, evidence.relation, evidence.stated_date) == (
        2000001,
        D("2025-11-20"),
        "delivered",
        D("2025-10-31"),
    )
    assert evidence.quote == SEED_DONE.rstrip(".")
    assert "same deliverable" in evidence.reason and evidence.score >= 0.5
    assert row.evidence_checked_through == D("2025-11-20")
    assert result.overdue == []


@pytest.mark.parametrize(
    ("text", "date", "words", "start", "end", "expected"),
    [
        ("The steering group's joint approach to SEND workforce planning was completed in February 2026.",
         "2026-03-02", "February 2026", "2026-02-01", "2026-02-28", ("met_late", D("2026-02-28"), "stated")),
        ("The steering group's joint approach to SEND workforce planning has been completed.",
         "2026-01-15", None, "", "", ("met_late", D("2026-01-15"), "reported_by")),
        ("The steering group's joint approach to SEND workforce planning has been completed.",
         "2025-12-15", None, "", "", ("met_on_time", D("2025-12-15"), "reported_by")),
    ],
)  # fmt: skip
def test_seed_delivery_date_stated_or_bounded_by_the_report(
    text: str,
    date: str,
    words: str | None,
    start: str,
    end: str,
    expected: tuple[str, dt.date, str],
) -> None:
    result = run_audit([seed_answer(), completion_report(text, date, words, start, end)], AS_OF)
    row = row_for(result.rows, SEED_ID)
    assert (row.schedule_status, row.delivered_on, row.delivered_basis) == expected


def test_seed_completion_reported_after_as_of_is_not_yet_known() -> None:
    later = completion_report(SEED_DONE, "2025-11-20", "October 2025", "2025-10-01", "2025-10-31")
    result = run_audit([seed_answer(), later], D("2025-11-19"))
    row = row_for(result.rows, SEED_ID)
    assert (row.schedule_status, row.evidence, row.evidence_checked_through) == (
        "due_soon",
        (),
        D("2024-03-25"),
    )


def test_seed_unrelated_later_answer_is_searched_but_not_linked() -> None:
    text = "The department has published statistics on pupil absence in the autumn term."
    other = answer(
        2000002,
        "2026-06-01",
        text,
        (
            commitment(
                text, "The department has published statistics on pupil absence", kind="done"
            ),
        ),
    )
    result = run_audit([seed_answer(), other], AS_OF)
    row = row_for(result.rows, SEED_ID)
    assert (row.schedule_status, row.evidence, row.evidence_checked_through) == (
        "overdue",
        (),
        D("2026-06-01"),
    )


PLAN = "We will publish the Widget Safety Plan by {due}."


def plan_answer(
    answer_id: int,
    date: str,
    due_words: str,
    due: str,
    *,
    strength: str = "firm",
    department: str = "Department for Transport",
) -> AnswerRecord:
    text = PLAN.format(due=due_words)
    quote = text.rstrip(".")
    return answer(
        answer_id,
        date,
        text,
        (
            commitment(
                text, quote, due=due, due_text=f"by {due_words}", strength=strength, actor="We"
            ),
        ),
        department=department,
    )


@pytest.mark.parametrize(
    ("due_words", "due", "expected", "days_overdue", "days_to_due"),
    [
        ("the end of 2028", "2028-12-31", "not_due", None, 763),
        ("February 2027", "2027-02-28", "not_due", None, 91),
        ("January 2027", "2027-01-31", "due_soon", None, 63),
        ("March 2026", "2026-03-31", "overdue", 243, -243),
    ],
)
def test_single_commitment_status_by_due_date(
    due_words: str, due: str, expected: str, days_overdue: int | None, days_to_due: int
) -> None:
    result = run_audit([plan_answer(1, "2025-01-10", due_words, due)], AS_OF)
    (row,) = result.rows
    assert (row.schedule_status, row.days_overdue, row.days_to_due) == (
        expected,
        days_overdue,
        days_to_due,
    )


def test_slipped_then_overdue_against_the_new_due() -> None:
    answers = [
        plan_answer(1, "2025-01-10", "March 2026", "2026-03-31"),
        plan_answer(2, "2026-02-10", "March 2027", "2027-03-31"),
    ]
    row = row_for(run_audit(answers, AS_OF).rows, 1)
    assert (row.schedule_status, row.due, row.current_due, row.new_due) == (
        "slipped",
        D("2026-03-31"),
        D("2027-03-31"),
        D("2027-03-31"),
    )
    assert [e.relation for e in row.evidence] == ["slipped"]
    later = row_for(run_audit(answers, D("2027-06-30")).rows, 1)
    assert (later.schedule_status, later.new_due, later.days_overdue) == (
        "overdue",
        D("2027-03-31"),
        91,
    )


def test_restated_keeps_status_and_softer_wording_downgrades() -> None:
    answers = [
        plan_answer(1, "2025-01-10", "March 2026", "2026-03-31"),
        plan_answer(2, "2025-06-10", "March 2026", "2026-03-31"),
        plan_answer(3, "2025-09-10", "March 2026", "2026-03-31", strength="soft"),
    ]
    row = row_for(run_audit(answers, dt.date(2025, 10, 1)).rows, 1)
    assert row.schedule_status == "not_due"
    assert [e.relation for e in row.evidence] == ["restated", "downgraded"]
    assert row.downgraded


def test_brought_forward_moves_the_current_due_earlier() -> None:
    answers = [
        plan_answer(1, "2025-01-10", "March 2027", "2027-03-31"),
        plan_answer(2, "2025-06-10", "December 2026", "2026-12-31"),
    ]
    row = row_for(run_audit(answers, AS_OF).rows, 1)
    assert (row.schedule_status, row.current_due, row.new_due) == (
        "due_soon",
        D("2026-12-31"),
        None,
    )
    assert [e.relation for e in row.evidence] == ["brought_forward"]


# 1753110 (2025-01-13) and 1753277 (2025-01-14), Cabinet Office: the same answer re-sent
NSI_TEXT = (
    "The NSI Annual Report 2023-24 was published on 10 September 2024. The period from 1 April "
    "2024 to 31 March 2025 will be covered in the next annual report, which will be published "
    "later this year."
)


def nsi_answer(answer_id: int, date: str) -> AnswerRecord:
    period = (
        "The period from 1 April 2024 to 31 March 2025 will be covered in the next annual report"
    )
    return answer(
        answer_id,
        date,
        NSI_TEXT,
        (
            commitment(
                NSI_TEXT, period, due="2025-03-31", due_text="from 1 April 2024 to 31 March 2025"
            ),
            commitment(
                NSI_TEXT,
                "will be published later this year",
                due="2025-12-31",
                due_text="later this year",
            ),
        ),
        department="Cabinet Office",
    )


def test_a_re_sent_answer_restates_each_clause_and_moves_no_due() -> None:
    # two answers only: every word is "common", so let terms find candidates anyway
    rows = run_audit(
        [nsi_answer(1753110, "2025-01-13"), nsi_answer(1753277, "2025-01-14")],
        AS_OF,
        config=AuditConfig(max_term_share=1.0),
    ).rows
    by_quote = {r.quote: r for r in rows if r.id == 1753110}
    published = by_quote["will be published later this year"]
    assert [(e.relation, e.quote) for e in published.evidence] == [
        ("restated", "will be published later this year")
    ]
    assert published.current_due == D("2025-12-31")
    period = by_quote[
        "The period from 1 April 2024 to 31 March 2025 will be covered in the next annual report"
    ]
    assert [e.relation for e in period.evidence] == ["restated"]
    assert period.current_due == D("2025-03-31") and period.new_due is None


def test_a_re_sent_answer_across_new_year_is_no_slip() -> None:
    # 1746927 (2024-12-09) re-sent as 1752398 (2025-01-09): "next year" now reads as 2026
    text = "This means that 865,000 employers will pay no NICs at all next year."
    quote = "865,000 employers will pay no NICs at all next year"
    answers = [
        answer(
            1,
            "2024-12-09",
            text,
            (commitment(text, quote, due="2025-12-31", due_text="next year"),),
            department="Treasury",
        ),
        answer(
            2,
            "2025-01-09",
            text,
            (commitment(text, quote, due="2026-12-31", due_text="next year"),),
            department="Treasury",
        ),
    ]
    row = row_for(run_audit(answers, AS_OF, config=AuditConfig(max_term_share=1.0)).rows, 1)
    assert [e.relation for e in row.evidence] == ["restated"]
    assert (row.schedule_status, row.current_due, row.new_due) == ("overdue", D("2025-12-31"), None)


# 1741079 (2024-11-20) and 1747361 (2024-12-12), Department of Health and Social Care: no action
# word in either ("implemented"), so only their one verb and one due vouch for the restatement
NI_RISE = "The employer National Insurance rise will be implemented in April 2025"
NI_RISE_AGAIN = (
    "The employer National Insurance contributions rise will be implemented in April 2025"
)


@pytest.mark.parametrize(
    ("later_quote", "later_due", "expected"),
    [
        (NI_RISE_AGAIN, "2025-04-30", ["restated"]),
        # another verb: nothing says it is the same act
        (NI_RISE_AGAIN.replace("be implemented", "be felt"), "2025-04-30", []),
        # another due: a slip needs an action word (or the 0.9 an unknown action needs)
        (NI_RISE_AGAIN.replace("April 2025", "April 2026"), "2026-04-30", []),
    ],
)
def test_same_verb_and_due_restate_without_an_action_word(
    later_quote: str, later_due: str, expected: list[str]
) -> None:
    answers = [
        answer(
            1741079,
            "2024-11-20",
            NI_RISE + ".",
            (commitment(NI_RISE + ".", NI_RISE, due="2025-04-30", due_text="in April 2025"),),
            department="Department of Health and Social Care",
        ),
        answer(
            1747361,
            "2024-12-12",
            later_quote + ".",
            (commitment(later_quote + ".", later_quote, due=later_due, due_text="in April"),),
            department="Department of Health and Social Care",
        ),
    ]
    rows = run_audit(answers, AS_OF, config=AuditConfig(max_term_share=1.0)).rows
    row = row_for(rows, 1741079)
    assert [e.relation for e in row.evidence] == expected
    assert row.current_due == D("2025-04-30")


# 1753231 (2025-01-13) and 1752741 (2025-01-16), Department of Health and Social Care
COMMISSION = (
    "We also announced that in April 2025 we will be launching an independent commission into "
    "adult social care as part of our critical first steps towards delivering a National Care "
    "Service."
)
COMMISSION_QUOTE = (
    "in April 2025 we will be launching an independent commission into adult social care as part "
    "of our critical first steps towards delivering a National Care Service"
)
UNDER_WAY = (
    "We are launching an independent commission into adult social care as part of delivering a "
    "National Care Service and adult social care reform."
)


@pytest.mark.parametrize(
    ("later_text", "kind", "expected"),
    [
        (UNDER_WAY, "ongoing", ["progress"]),
        # the same words reporting another act under way: below the informational 0.9
        (UNDER_WAY.replace("launching", "reviewing"), "ongoing", []),
    ],
)
def test_progress_in_the_commitment_s_own_words_needs_a_schedule_score(
    later_text: str, kind: str, expected: list[str]
) -> None:
    answers = [
        answer(
            1753231,
            "2025-01-13",
            COMMISSION,
            (commitment(COMMISSION, COMMISSION_QUOTE, due="2025-04-30", due_text="in April 2025"),),
            department="Department of Health and Social Care",
        ),
        answer(
            1752741,
            "2025-01-16",
            later_text,
            (commitment(later_text, later_text.rstrip("."), kind=kind),),
            department="Department of Health and Social Care",
        ),
    ]
    result = run_audit(answers, AS_OF, config=AuditConfig(max_term_share=1.0))
    row = row_for(result.rows, 1753231)
    assert [e.relation for e in row.evidence] == expected
    if expected:
        assert 0.7 <= row.evidence[0].score < 0.9
    under_way_off = AuditConfig(max_term_share=1.0, under_way_threshold=0.9)
    assert not row_for(run_audit(answers, AS_OF, config=under_way_off).rows, 1753231).evidence


def test_a_document_to_be_set_out_is_delivered_by_its_publication() -> None:
    # 1739176 (2024-11-12) and 1745973 (2024-12-05), Department for Work and Pensions
    promise = (
        "The Get Britain Working White Paper, to be set out in the Autumn, will develop measures "
        "to reduce inactivity and help people to find better paid and more secure jobs."
    )
    report = (
        "As announced in the Get Britain Working White Paper published 26 November 2024 Get "
        "Britain Working White Paper - GOV.UK, the new voluntary, locally led, supported "
        "employment programme Connect to Work will be the first programme under the Government's "
        "new Get Britain Working Strategy."
    )
    answers = [
        answer(
            1739176,
            "2024-11-12",
            promise,
            (commitment(promise, promise.rstrip("."), due="2024-11-30", due_text="in the Autumn"),),
            department="Department for Work and Pensions",
        ),
        answer(
            1745973,
            "2024-12-05",
            report,
            timexes=(timex(report, "26 November 2024", "2024-11-26", "2024-11-26"),),
            department="Department for Work and Pensions",
        ),
    ]
    row = row_for(run_audit(answers, AS_OF).rows, 1739176)
    assert [e.relation for e in row.evidence] == ["delivered"]
    assert (row.schedule_status, row.delivered_on) == ("met_on_time", D("2024-11-26"))


def test_withdrawn_is_evidence_but_not_delivery() -> None:
    text = "We will not publish the Widget Safety Plan."
    withdrawn = answer(
        2,
        "2025-06-10",
        text,
        (commitment(text, text.rstrip("."), negated=True, actor="We"),),
        department="Department for Transport",
    )
    row = row_for(
        run_audit(
            [plan_answer(1, "2025-01-10", "March 2026", "2026-03-31"), withdrawn], AS_OF
        ).rows,
        1,
    )
    assert row.schedule_status == "overdue"
    assert [e.relation for e in row.evidence] == ["withdrawn"] and row.downgraded


def test_delivered_by_pattern_evidence_without_a_commitment_row() -> None:
    text = (
        "As set out in the Widget Safety Plan, published on 3 March, we are working with industry."
    )
    later = answer(
        2,
        "2026-03-10",
        text,
        timexes=(timex(text, "3 March", "2026-03-03", "2026-03-03"),),
        department="Department for Transport",
    )
    row = row_for(
        run_audit([plan_answer(1, "2025-01-10", "March 2026", "2026-03-31"), later], AS_OF).rows, 1
    )
    assert (row.schedule_status, row.delivered_on, row.delivered_basis) == (
        "met_on_time",
        D("2026-03-03"),
        "stated",
    )
    assert row.evidence[0].source == "pattern" and row.evidence[0].reason.startswith(
        "same initiative: widget safety plan"
    )


def test_assurance_gets_the_default_due() -> None:
    text = "I will write to the hon. Member with the figures."
    record = answer(
        1,
        "2025-11-30",
        text,
        (
            commitment(
                text, "I will write to the hon. Member with the figures", assurance=True, actor="I"
            ),
        ),
    )
    (row,) = run_audit([record], dt.date(2026, 3, 1)).rows
    assert (row.due, row.due_basis, row.schedule_status, row.days_overdue) == (
        D("2026-02-28"),
        "assurance_default",
        "overdue",
        1,
    )
    (row6,) = run_audit(
        [record], dt.date(2026, 3, 1), config=AuditConfig(assurance_default_months=6)
    ).rows
    assert (row6.due, row6.schedule_status) == (D("2026-05-30"), "due_soon")


def test_undated_commitment_has_no_deadline_and_negated_or_done_ones_are_not_audited() -> None:
    text = (
        "We will keep the scheme under review. We have no plans to change the rules. "
        "We have recruited 1,200 staff."
    )
    record = answer(
        1,
        "2025-01-10",
        text,
        (
            commitment(text, "We will keep the scheme under review"),
            commitment(text, "We have no plans to change the rules", negated=True),
            commitment(text, "We have recruited 1,200 staff", kind="done"),
        ),
    )
    (row,) = run_audit([record], AS_OF).rows
    assert (row.quote, row.schedule_status, row.due, row.due_basis) == (
        "We will keep the scheme under review",
        "no_deadline",
        None,
        None,
    )


def test_renamed_department_links_as_the_same_actor() -> None:
    old = "We will publish the revised national design code for towns by March 2024."
    new = "The revised national design code for towns was published in February 2024."
    answers = [
        answer(1, "2023-12-07", old, (commitment(old, old.rstrip("."), due="2024-03-31", due_text="by March 2024"),),
               department="Department for Levelling Up, Housing and Communities"),
        answer(2, "2024-09-10", new, (commitment(new, new.rstrip("."), kind="done"),), (timex(new, "February 2024", "2024-02-01", "2024-02-29"),),
               department="Ministry of Housing, Communities and Local Government"),
    ]  # fmt: skip
    row = row_for(run_audit(answers, AS_OF).rows, 1)
    assert (row.schedule_status, row.delivered_on) == ("met_on_time", D("2024-02-29"))
    assert row.department == "Department for Levelling Up, Housing and Communities"


def test_rows_sorted_most_overdue_first_then_soonest() -> None:
    answers = [
        plan_answer(1, "2025-01-10", "March 2026", "2026-03-31"),
        answer(2, "2025-01-10", "We will open the Harbour Fund by June 2025.",
               (commitment("We will open the Harbour Fund by June 2025.", "We will open the Harbour Fund by June 2025", due="2025-06-30"),)),
        answer(3, "2025-01-10", "We will launch the Orchard Scheme by January 2027.",
               (commitment("We will launch the Orchard Scheme by January 2027.", "We will launch the Orchard Scheme by January 2027", due="2027-01-31"),)),
    ]  # fmt: skip
    result = run_audit(answers, AS_OF)
    assert [(r.id, r.schedule_status) for r in result.rows] == [
        (2, "overdue"),
        (1, "overdue"),
        (3, "due_soon"),
    ]
    assert [r.id for r in result.overdue] == [2, 1]
    assert result.counts()["overdue"] == 2 and sum(result.counts().values()) == 3


def test_latest_versions_corrections_supersede_once_published() -> None:
    v1 = answer(1, "2025-01-10", "We will open the Harbour Fund by June 2025.")
    v2 = answer(
        1,
        "2025-01-10",
        "We will open the Harbour Fund by June 2026.",
        version=2,
        corrected="2025-02-01",
    )
    assert latest_versions([v2, v1], dt.date(2025, 1, 20)) == [v1]
    assert latest_versions([v1, v2], dt.date(2025, 3, 1)) == [v2]
    assert latest_versions([v1, v2], dt.date(2025, 1, 9)) == []


def test_initiative_rows_carry_the_answer() -> None:
    result = run_audit([seed_answer()], AS_OF)
    keys = [(r.id, r.date_answered, r.key) for r in result.initiatives]
    assert (SEED_ID, D("2024-03-25"), "send and ap improvement plan") in keys
    assert len(result.initiatives) == 5 and result.answers == 1
