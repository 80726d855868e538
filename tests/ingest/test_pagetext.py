from __future__ import annotations

import datetime as dt

import pytest
from support import FIXTURES, shared_path

from pipeline.ingest.pagetext import parse_page_text
from pipeline.ingest.records import RecordError, parse_answer

PAGE = FIXTURES / "api" / "pages" / "seed-page.txt"


def test_parse_page_text_metadata() -> None:
    value = parse_page_text(PAGE.read_text(encoding="utf-8"))
    assert value["heading"] == "Special Educational Needs"
    assert value["dateTabled"] == "2024-03-15"
    assert value["dateAnswered"] == "2024-03-25"
    assert value["answeringBodyName"] == "Department for Education"
    assert value["answeringMember"] == {"name": "David Johnston"}
    assert value["questionText"].startswith("To ask the Secretary of State for Education")
    assert value["id"] < 0


def test_parse_page_text_answer_drops_page_furniture() -> None:
    answer = parse_answer(parse_page_text(PAGE.read_text(encoding="utf-8")), shape="page")
    assert answer.answer_text.startswith(
        "Local authorities already have existing statutory responsibilities"
    )
    assert answer.answer_text.endswith("identifying required changes.")
    assert "Reticulating Splines" not in answer.answer_text
    assert len(answer.paragraphs) == 4
    assert answer.date_answered == dt.date(2024, 3, 25) and answer.rank == 2


def test_parse_page_text_matches_the_gold_text() -> None:
    gold = shared_path("gold", "seed-answer.txt").read_text(encoding="utf-8").strip()
    answer = parse_answer(parse_page_text(PAGE.read_text(encoding="utf-8")), shape="page")
    assert answer.answer_text == gold


def test_parse_page_text_id_is_stable_and_content_bound() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert parse_page_text(text)["id"] == parse_page_text(text)["id"]
    assert (
        parse_page_text(text.replace("32 local", "33 local"))["id"] != parse_page_text(text)["id"]
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Heading\n\nQuestion to the Cabinet Office:\n\nTo ask...\n\nAnswered by\nX\n",
            "answered on",
        ),
        (
            "Heading\n\nAnswered by\nX\nThis question was answered on 31st Febtember 2024\n\nText",
            "answered on|not a date",
        ),
        (
            "Heading\n\nQuestion to the Home Office:\nQ\nAnswered by\nX\n"
            "This question was answered on 1st May 2024\n\n",
            "no answer",
        ),
    ],
)
def test_parse_page_text_bad_pages_raise(text: str, message: str) -> None:
    with pytest.raises(RecordError, match=message):
        parse_page_text(text)
