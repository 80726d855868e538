from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from support import FIXTURES

from pipeline.ingest.records import (
    KNOWN_VALUE_FIELDS,
    RecordError,
    Unanswered,
    is_clipped,
    lifecycle_version,
    lone_surrogate,
    needs_detail,
    parse_answer,
)

API = FIXTURES / "api"


def detail_value() -> dict[str, Any]:
    return dict(json.loads((API / "aws-samples-detail.json").read_text(encoding="utf-8"))["value"])


def clquestions() -> list[dict[str, Any]]:
    data = json.loads((API / "clquestions-answers-2021-02-01.json").read_text(encoding="utf-8"))
    return [r["value"] for r in data["results"]]


def test_parse_answer_detail_fields() -> None:
    answer = parse_answer(detail_value(), source_url="x.json")
    assert (answer.id, answer.answer_version, answer.uin, answer.house) == (
        1679416,
        1,
        "7926",
        "Commons",
    )
    assert answer.date_answered == dt.date(2024, 1, 10)
    assert answer.date_tabled == dt.date(2024, 1, 5)
    assert answer.answering_body == "Department for Education" and answer.answering_body_id == 60
    assert answer.answer_text.startswith("The department is supporting sectors")
    assert "<p>" not in answer.answer_text and "\n\n" in answer.answer_text
    for para in answer.paragraphs:
        chunk = answer.answer_text[para.char_start : para.char_end]
        assert chunk and chunk == chunk.strip()
    assert not answer.clipped and answer.shape == "detail" and answer.rank == 2
    assert answer.answered_month == "2024-01"
    assert len(answer.content_hash) == 64
    assert answer.unknown_fields == []


def test_parse_answer_expanded_members_and_holding() -> None:
    values = clquestions()
    holding = [parse_answer(v, shape="list") for v in values if v["answerIsHolding"]]
    assert len(holding) == 4
    assert all(a.is_holding and a.api_is_holding and a.answer_version == 1 for a in holding)
    assert holding[0].asking_member and holding[0].answering_member == "Helen Whately"
    substantive = [parse_answer(v, shape="list") for v in values if not v["answerIsHolding"]]
    assert not any(a.is_holding for a in substantive)


def test_parse_answer_list_item_is_clipped() -> None:
    items = json.loads((API / "commons-2024-09-list.json").read_text(encoding="utf-8"))
    answers = [parse_answer(i["value"], shape="list") for i in items]
    clipped = [a for a in answers if a.clipped]
    assert clipped and all(a.rank == 0 for a in clipped)
    assert all(a.answer_html.endswith("...") or len(a.question_text) == 255 for a in clipped)
    assert sum(needs_detail(i["value"]) for i in items) == len(clipped)


def test_parse_answer_keeps_unknown_fields_and_names_them() -> None:
    value = {**detail_value(), "sentimentScore": 0.4, "answerTextHtml": "<p>x</p>"}
    answer = parse_answer(value)
    assert answer.unknown_fields == ["answerTextHtml", "sentimentScore"]
    assert answer.answer_text == parse_answer(detail_value()).answer_text


def test_known_fields_cover_the_real_responses() -> None:
    for value in [detail_value(), *clquestions()]:
        assert set(value) <= KNOWN_VALUE_FIELDS


@pytest.mark.parametrize("field", ["id", "dateAnswered", "answerText"])
def test_parse_answer_missing_field_raises(field: str) -> None:
    value = detail_value()
    del value[field]
    with pytest.raises(RecordError, match=f"missing field.*{field}"):
        parse_answer(value)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("id", "abc"),
        ("id", True),
        # negative ids are page records' (pagetext.page_id): an API record with one could
        # overwrite a page record's answer
        ("id", -1725706),
        ("id", 0),
        ("dateAnswered", "yesterday"),
        # once read leniently as their first ten characters
        ("dateAnswered", "2023-12-06\x00"),
        ("dateAnswered", "2023-12-06T24:00:00"),
        ("dateAnswered", "2023-12-06 or thereabouts"),
        ("answerText", 5),
        ("answeringBodyId", "x"),
        ("uin", {"a": 1}),
        # lone surrogates ("\\ud800" escapes: valid JSON, not Unicode); the first two crashed the
        # whole ingest (UnicodeEncodeError in content_hash, then in the Arrow conversion)
        ("answerText", "<p>We will publish the review by March 2025.\ud800</p>"),
        ("heading", "Flexi-job \udc80 Apprenticeships"),
        ("askingMember", {"name": "Sir \ud83d"}),
        ("groupedQuestions", ["12345", "\udfff"]),
    ],
)
def test_parse_answer_malformed_field_raises(field: str, bad: object) -> None:
    value = {**detail_value(), field: bad}
    with pytest.raises(RecordError, match=field):
        parse_answer(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"heading": "ok", "answerText": "x\ud800"}, "field 'answerText' at offset 1: '\\ud800'"),
        ({"askingMember": {"name": "\udc00"}}, "field 'askingMember.name' at offset 0: '\\udc00'"),
        (
            {"groupedQuestions": ["1", "\udc00"]},
            "field 'groupedQuestions[1]' at offset 0: '\\udc00'",
        ),
        ({"x\ud800": 1}, "key 'x\\ud800' of 'value' at offset 1"),
        ({"heading": "Emoji \U0001f600 and \ufffd are text"}, None),
        (
            {"nested": [[[{"deep": "\ud800"}]]]},
            "field 'nested[0][0][0].deep' at offset 0: '\\ud800'",
        ),
    ],
)
def test_lone_surrogate_names_where(value: dict[str, Any], expected: str | None) -> None:
    assert lone_surrogate(value) == expected


def test_parse_answer_unanswered_question() -> None:
    with pytest.raises(Unanswered):
        parse_answer({**detail_value(), "dateAnswered": None})


def test_parse_answer_rejects_non_objects_and_bad_shapes() -> None:
    with pytest.raises(RecordError, match="JSON object"):
        parse_answer([1, 2])
    with pytest.raises(RecordError, match="shape"):
        parse_answer(detail_value(), shape="summary")


@pytest.mark.parametrize(
    ("holding", "held_on", "correction", "expected"),
    [
        (False, None, False, 1),
        (True, dt.date(2021, 2, 4), False, 1),
        (False, dt.date(2021, 2, 4), False, 2),
        (False, None, True, 2),
        (False, dt.date(2021, 2, 4), True, 3),
    ],
)
def test_lifecycle_version_table(
    holding: bool, held_on: dt.date | None, correction: bool, expected: int
) -> None:
    assert (
        lifecycle_version(is_holding=holding, date_holding_answer=held_on, is_correction=correction)
        == expected
    )


def test_parse_answer_substantive_after_holding_is_version_2() -> None:
    # clquestions 1282510: held on 2021-02-04, answered on 2021-03-15.
    value = {**detail_value(), "dateHoldingAnswer": "2021-02-04T00:00:00", "answerIsHolding": False}
    assert parse_answer(value).answer_version == 2
    corrected = {**value, "answerIsCorrection": True, "dateAnswerCorrected": "2021-03-20T00:00:00"}
    answer = parse_answer(corrected)
    assert (answer.answer_version, answer.is_correction, answer.date_corrected) == (
        3,
        True,
        dt.date(2021, 3, 20),
    )


@pytest.mark.parametrize(
    ("text", "clipped"),
    [
        ("x" * 255 + "...", True),
        ("Short answer...", True),
        ("<p>" + "x" * 255 + "...</p>", False),
        ("x" * 300 + "...", False),
        ("A full answer.", False),
    ],
)
def test_is_clipped_table(text: str, clipped: bool) -> None:
    assert is_clipped(text) is clipped
