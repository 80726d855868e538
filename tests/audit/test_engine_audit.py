"""The audit on the engine's own rows: the rule model extracts the timeline's answers, the audit
finds the same outcomes as on the hand-annotated rows (the integration of pct_timex,
pct_commitment and the audit)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from audit.builders import timeline_answers
from spacy.language import Language

from pipeline.audit import run_audit
from pipeline.audit.records import AnswerRecord, AuditResult, DeadlineRow
from pipeline.engine import extract

AS_OF = dt.date(2025, 12, 9)
D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def engine_result(nlp: Language) -> tuple[AuditResult, dict[int, AnswerRecord]]:
    hand = {a.id: a for a in timeline_answers()}
    extracted = []
    for answer in hand.values():
        result = extract(
            answer.text, answer.date_answered, answering_body=answer.department, nlp=nlp
        )
        extracted.append(
            dataclasses.replace(
                answer,
                commitments=tuple(result.commitments),
                timexes=tuple(result.timexes),
                model_version=result.model_version,
            )
        )
    return run_audit(extracted, AS_OF), hand


def engine_row(
    result: AuditResult, hand: dict[int, AnswerRecord], answer_id: int, words: str
) -> DeadlineRow:
    """The engine's audited commitment that overlaps the hand-annotated one containing ``words``."""
    (gold,) = [c for c in hand[answer_id].commitments if words in c.quote]
    rows = [
        r
        for r in result.rows
        if r.id == answer_id
        and r.char_start < gold.char_end
        and gold.char_start < r.char_end
        and r.due
    ]
    assert rows, f"the engine has no dated commitment over {gold.quote!r} in answer {answer_id}"
    return rows[0]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("answer_id", "words", "status", "current_due", "delivered_on"),
    [
        (1739379, "10-Year Health Plan", "met_late", "2025-05-31", "2025-07-03"),
        (1827146, "Financial Inclusion Strategy", "met_on_time", "2025-12-31", "2025-11-05"),
        (1818869, "National Cancer Plan", "slipped", "2026-03-31", None),
        (1819271, "Defence Investment Plan", "slipped", "2025-12-31", None),
        (1830743, "published in the autumn", "slipped", "2025-12-31", None),
    ],
)
def test_engine_rows_give_the_timeline_outcomes(
    engine_result: tuple[AuditResult, dict[int, AnswerRecord]],
    answer_id: int,
    words: str,
    status: str,
    current_due: str,
    delivered_on: str | None,
) -> None:
    result, hand = engine_result
    row = engine_row(result, hand, answer_id, words)
    assert (row.schedule_status, row.current_due) == (status, D(current_due))
    assert row.delivered_on == (D(delivered_on) if delivered_on else None)
    assert row.model_version.startswith("commitments-")
