"""Builders of audit inputs for tests: answers whose rows are given by quote, offsets computed.

Importable from the audit tests as ``from audit.builders import ...`` (``tests/`` is on the path).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pipeline.audit.inputs import read_records
from pipeline.audit.records import AnswerRecord
from pipeline.types import Commitment, Timex

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "audit"
SEED_DATE = dt.date(2024, 3, 25)
SEED_ID = 1679703
SEED_QUOTE = "aims to be complete by 2025"


def commitment(text: str, quote: str, kind: str = "future", **fields: Any) -> Commitment:
    """A commitment row for ``quote`` (which must occur once in ``text``)."""
    start = text.index(quote)
    assert text.find(quote, start + 1) < 0, f"ambiguous quote {quote!r}"
    return Commitment(
        quote=quote, char_start=start, char_end=start + len(quote), kind=kind, **fields
    )  # type: ignore[arg-type]


def timex(text: str, words: str, start: str, end: str, **fields: Any) -> Timex:
    """A dated time-expression row for ``words`` in ``text`` naming ``start``..``end``."""
    offset = text.index(words)
    return Timex(
        text=words,
        char_start=offset,
        char_end=offset + len(words),
        type="date",
        start=start,
        end=end,
        **fields,
    )


def answer(
    answer_id: int,
    date: str,
    text: str,
    commitments: tuple[Commitment, ...] = (),
    timexes: tuple[Timex, ...] = (),
    *,
    department: str = "Department for Education",
    version: int = 1,
    corrected: str | None = None,
) -> AnswerRecord:
    """An answer record."""
    return AnswerRecord(
        id=answer_id,
        answer_version=version,
        date_answered=dt.date.fromisoformat(date),
        department=department,
        text=text,
        commitments=commitments,
        timexes=timexes,
        date_corrected=dt.date.fromisoformat(corrected) if corrected else None,
    )


def seed_answer() -> AnswerRecord:
    """The seed answer (answered 2024-03-25) with its commitment "aims to be complete by 2025"."""
    text = (FIXTURES / "seed-answer.txt").read_text(encoding="utf-8")
    return answer(
        SEED_ID,
        SEED_DATE.isoformat(),
        text,
        (
            commitment(
                text,
                SEED_QUOTE,
                due="2025-12-31",
                due_text="by 2025",
                strength="soft",
                actor="This",
            ),
        ),
    )


def timeline_answers() -> list[AnswerRecord]:
    """The real-corpus timeline fixture (``tests/fixtures/audit/timeline.jsonl``)."""
    return list(read_records(FIXTURES / "timeline.jsonl"))


def write_timeline_lake(root: Path) -> Path:
    """Write the timeline's answers and extracted rows to a lake at ``root`` (the lake's I/O)."""
    from pipeline.lake.io import merge_rows
    from pipeline.lake.rows import extraction_rows
    from pipeline.types import Extraction

    answers = timeline_answers()
    merge_rows(
        "answers",
        [
            {
                "id": a.id,
                "answer_version": a.answer_version,
                "date_answered": a.date_answered,
                "answering_body": a.department,
                "answer_text": a.text,
                "answered_month": a.date_answered.strftime("%Y-%m"),
            }
            for a in answers
        ],
        root,
    )
    tables: dict[str, list[dict[str, Any]]] = {
        "commitments": [],
        "time_expressions": [],
        "quantities": [],
    }
    for a in answers:
        extraction = Extraction(
            a.text, a.date_answered, list(a.timexes), [], list(a.commitments), a.model_version
        )
        rows = extraction_rows(
            answer_id=a.id,
            answer_version=a.answer_version,
            date_answered=a.date_answered,
            extraction=extraction,
            run_id="test",
            extracted_at=dt.datetime(2026, 11, 29, 2, 0, tzinfo=dt.UTC),
        )
        for name, items in rows.items():
            tables[name].extend(items)
    for name in ("commitments", "time_expressions"):
        merge_rows(name, tables[name], root)
    return root
