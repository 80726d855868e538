"""Stored rows (JSON records, lake rows) become typed audit inputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipeline.audit.inputs import InputError, answer_from_dict, answers_from_rows, read_records
from pipeline.types import Commitment, Timex


def test_answer_from_dict_predict_full_shape() -> None:
    record = {
        "id": 7,
        "answering_body": "Home Office",
        "text": "We will publish the plan by 2025.",
        "anchor": "2024-03-25",
        "model_version": "commitments-0.1.0",
        "timexes": [
            {
                "text": "2025",
                "char_start": 28,
                "char_end": 32,
                "type": "date",
                "start": "2025-01-01",
                "end": "2025-12-31",
                "role": "deadline",
                "extra": 1,
            }
        ],
        "quantities": [],
        "commitments": [
            {
                "quote": "We will publish the plan by 2025",
                "char_start": 0,
                "char_end": 32,
                "kind": "future",
                "due": "2025-12-31",
                "timexes": [0],
                "quantities": [],
            }
        ],
    }
    answer = answer_from_dict(record)
    assert (answer.id, answer.answer_version, answer.date_answered, answer.department) == (
        7,
        1,
        dt.date(2024, 3, 25),
        "Home Office",
    )
    assert answer.commitments == (
        Commitment(
            "We will publish the plan by 2025", 0, 32, "future", due="2025-12-31", timexes=(0,)
        ),
    )
    assert answer.timexes[0] == Timex(
        "2025", 28, 32, "date", start="2025-01-01", end="2025-12-31", role="deadline"
    )
    assert answer.model_version == "commitments-0.1.0"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "x", "anchor": "2024-01-01"}, "'id'"),
        ({"id": "seven", "text": "x", "anchor": "2024-01-01"}, "'id'"),
        ({"id": 1, "text": "x"}, "date_answered"),
        ({"id": 1, "text": "x", "date_answered": "25/03/2024"}, "not a date"),
        ({"id": 1, "anchor": "2024-01-01"}, "'text'"),
    ],
)
def test_answer_from_dict_bad_record_names_the_field(
    record: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        answer_from_dict(record, "f.jsonl line 3")


def test_read_records_reports_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(
        json.dumps({"id": 1, "text": "x", "anchor": "2024-01-01"}) + "\n\n{not json\n",
        encoding="utf-8",
    )
    reader = read_records(path)
    assert next(reader).id == 1
    with pytest.raises(InputError, match=r"records\.jsonl line 3: invalid JSON"):
        next(reader)


def test_answers_from_rows_joins_on_id_and_version() -> None:
    answers = [
        {
            "id": 1,
            "answer_version": 1,
            "date_answered": dt.date(2024, 3, 25),
            "answering_body": "DfE",
            "answer_text": "Old text.",
            "date_corrected": None,
        },
        {
            "id": 1,
            "answer_version": 2,
            "date_answered": dt.date(2024, 3, 25),
            "answering_body": "DfE",
            "answer_text": "We will do it by 2025.",
            "date_corrected": dt.date(2024, 4, 2),
        },
    ]
    commitments = [
        {"id": 1, "answer_version": 2, "quote": "We will do it by 2025", "char_start": 0, "char_end": 21, "kind": "future", "due": "2025-12-31",
         "timexes": [0], "quantities": [], "extractor_version": "commitments-0.2.0", "ordinal": 0, "answered_month": "2024-03", "row_hash": "h"},
    ]  # fmt: skip
    timexes = [
        {
            "id": 1,
            "answer_version": 2,
            "text": "2025",
            "char_start": 17,
            "char_end": 21,
            "type": "date",
            "start": "2025-01-01",
            "end": "2025-12-31",
        }
    ]
    old, new = answers_from_rows(answers, commitments, timexes)
    assert (old.answer_version, old.commitments, old.timexes, old.model_version) == (1, (), (), "")
    assert (new.answer_version, new.date_corrected, new.model_version) == (
        2,
        dt.date(2024, 4, 2),
        "commitments-0.2.0",
    )
    assert new.commitments[0].timexes == (0,) and new.commitments[0].due == "2025-12-31"
    assert new.timexes[0].end == "2025-12-31"
