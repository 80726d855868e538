"""Where the components put their results (:mod:`pipeline.nlp.attrs`): the per-Doc text, the
rows as spans with payloads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

import pytest
import spacy
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.attrs import (
    ANCHOR_ATTR,
    BODY_ATTR,
    COMMITMENT_ATTR,
    QUANTITY_ATTR,
    QUANTITY_SPANS,
    TEXT_ATTR,
    TIMEX_ATTR,
    TIMEX_SPANS,
    doc_text,
    get_anchor,
    get_answering_body,
    row_builder,
    row_payload,
    set_context,
    span_payloads,
    span_value,
    store_rows,
    stored_rows,
    token_column,
)
from pipeline.types import Commitment, Quantity, Timex


def test_doc_text_is_joined_once_and_kept() -> None:
    nlp = spacy.blank("en")
    doc = nlp.make_doc("We will publish it by 2025.  Then more.")
    assert doc._.get(TEXT_ATTR) is None
    assert doc_text(doc) == doc.text
    assert doc._.get(TEXT_ATTR) == doc.text


def test_doc_text_given_with_the_context_is_used_and_a_stale_one_is_not() -> None:
    nlp = spacy.blank("en")
    text = "From 16 September, we will be running a campaign."
    doc = set_context(nlp.make_doc(text), dt.date(2024, 9, 17), "DWP", text=text)
    assert doc_text(doc) is text
    assert get_anchor(doc) == dt.date(2024, 9, 17)
    other = Doc(nlp.vocab, words=["Short", "one"])
    other._.set(TEXT_ATTR, text)  # user data copied from another Doc
    assert doc_text(other) == "Short one "


def test_context_read_from_user_data_is_what_the_extensions_give() -> None:
    nlp = spacy.blank("en")
    text = "We will write to the hon. Member."
    bare = nlp.make_doc(text)
    assert (get_anchor(bare), get_answering_body(bare)) == (None, None)
    doc = set_context(nlp.make_doc(text), dt.date(2024, 9, 17), "DWP", text=text)
    assert doc._.get(ANCHOR_ATTR) == "2024-09-17" and get_anchor(doc) == dt.date(2024, 9, 17)
    assert doc._.get(BODY_ATTR) == "DWP" == get_answering_body(doc)
    doc._.set(BODY_ATTR, "HM Treasury")  # set through spaCy, read here
    assert get_answering_body(doc) == "HM Treasury"
    assert doc_text(doc) is doc._.get(TEXT_ATTR)


def test_row_payload_is_the_rows_fields() -> None:
    row = Commitment(
        quote="We will publish it",
        char_start=0,
        char_end=18,
        kind="future",
        timexes=(0, 1),
        quantities=(),
    )
    payload = row_payload(row)
    assert payload["timexes"] == (0, 1)
    assert Commitment(**payload) == row


def test_row_builder_builds_what_the_dataclass_builds() -> None:
    rows: list[Any] = [
        Commitment(quote="We will publish it", char_start=0, char_end=18, kind="future"),
        Commitment(
            "we will",
            1,
            5,
            "future",
            "we",
            "DWP",
            "2025-12-31",
            "by 2025",
            "soft",
            True,
            True,
            "will",
            (1, 2),
            (0,),
            "future.will",
        ),
        Quantity(text="£5", char_start=3, char_end=5, value=5.0, unit="GBP", kind="money"),
        Timex(text="2025", char_start=0, char_end=4, type="date", start="2025-01-01"),
    ]
    for row in rows:
        built = row_builder(type(row))(row_payload(row))
        assert type(built) is type(row) and built == row
        assert [getattr(built, n) for n in row_payload(row)] == list(row_payload(row).values())
        with pytest.raises(AttributeError):  # still frozen
            built.char_start = 9
    with pytest.raises(KeyError):
        row_builder(Quantity)({"text": "£5"})


def test_row_builder_of_a_class_with_post_init_calls_it() -> None:
    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    assert row_builder(Checked)({"a": 1}) == Checked(1)
    with pytest.raises(ValueError, match="negative"):
        row_builder(Checked)({"a": -1})


def test_store_rows_keeps_one_row_per_token_span(nlp: Language) -> None:
    """spaCy keys a span's payload by its character offsets: two rows inside one token would
    share it. Answer 1818223: "3%/£5" is one token."""
    text = "over the coming SR period (3%/£5, and £5 respectively)."
    doc = nlp.make_doc(text)
    rows = [
        Quantity("3%", 27, 29, 3.0, "percent", "percent"),
        Quantity("£5", 30, 32, 5.0, "GBP", "money"),
        Quantity("£5", 38, 40, 5.0, "GBP", "money"),
    ]
    spans = store_rows(doc, QUANTITY_SPANS, QUANTITY_ATTR, rows)
    payloads = [s._.get(QUANTITY_ATTR) for s in doc.spans[QUANTITY_SPANS]]
    assert len(spans) == 2
    assert [(p["text"], p["char_start"]) for p in payloads] == [("3%", 27), ("£5", 38)]
    assert [span_value(s, QUANTITY_ATTR) for s in doc.spans[QUANTITY_SPANS]] == payloads
    other = doc[0:2]
    other._.set(QUANTITY_ATTR, {"text": "over the"})  # set through spaCy, read here
    assert span_value(other, QUANTITY_ATTR) == {"text": "over the"}
    assert span_value(doc[2:4], QUANTITY_ATTR) is None
    doc.spans[QUANTITY_SPANS] = [*doc.spans[QUANTITY_SPANS], doc[2:4]]  # a span with no payload
    assert [(s.text, p) for s, p in span_payloads(doc, QUANTITY_SPANS, QUANTITY_ATTR)] == [
        *((s.text, p) for s, p in zip(spans, payloads, strict=True)),
        ("coming SR", None),
    ]
    assert list(span_payloads(doc, "no such group", QUANTITY_ATTR)) == []


def test_stored_rows_are_the_groups_rows_on_a_sealed_doc(nlp: Language) -> None:
    """On a sealed Doc ``store_rows`` keeps what it stored (the spans' tokens and characters,
    the rows, their payloads): the group's spans and payloads, in its order; on any other Doc
    there is nothing kept (None: read the group)."""
    text = "over the coming SR period (3%/£5, and £5 respectively) by 2025."
    quantities = [
        Quantity("3%", 27, 29, 3.0, "percent", "percent"),
        Quantity("£5", 30, 32, 5.0, "GBP", "money"),
        Quantity("£5", 38, 40, 5.0, "GBP", "money"),
    ]
    timexes = [Timex("2025", 58, 62, "date", "2025", "2025-01-01", "2025-12-31")]
    plain = set_context(nlp.make_doc(text), dt.date(2024, 5, 1), text=text)
    doc = set_context(nlp.make_doc(text), dt.date(2024, 5, 1), text=text, sealed=True)
    for d in (plain, doc):
        store_rows(d, QUANTITY_SPANS, QUANTITY_ATTR, quantities)
        store_rows(d, TIMEX_SPANS, TIMEX_ATTR, timexes)
    assert stored_rows(plain, QUANTITY_ATTR) is None
    for key, attr in ((QUANTITY_SPANS, QUANTITY_ATTR), (TIMEX_SPANS, TIMEX_ATTR)):
        stored = stored_rows(doc, attr)
        assert stored is not None
        group = list(span_payloads(doc, key, attr))
        assert [(s.start, s.end, s.start_char, s.end_char, s.payload) for s in stored] == [
            (span.start, span.end, span.start_char, span.end_char, p) for span, p in group
        ]
        assert [s.row for s in stored] == [
            type(s.row)(**p) for s, (_, p) in zip(stored, group, strict=True)
        ]
    assert [s.row for s in stored_rows(doc, QUANTITY_ATTR) or []] == quantities[::2]
    assert stored_rows(doc, COMMITMENT_ATTR) == []


def test_token_column_is_kept_on_a_sealed_doc_only_for_lexical_columns(nlp: Language) -> None:
    text = "We will publish it by 2025. Then more."
    sealed = set_context(nlp.make_doc(text), None, text=text, sealed=True)
    plain = set_context(nlp.make_doc(text), None, text=text)
    for doc in (sealed, plain):
        for attr in (ORTH, LOWER, SENT_START):
            assert token_column(doc, attr) == doc.to_array(attr).tolist()
    assert token_column(sealed, ORTH) is token_column(sealed, ORTH)
    assert token_column(plain, ORTH) is not token_column(plain, ORTH)
    before = token_column(sealed, SENT_START)
    nlp.get_pipe("sentencizer")(sealed)
    assert token_column(sealed, SENT_START) != before  # read again: the sentencizer set it
    assert token_column(sealed, SENT_START) == sealed.to_array(SENT_START).tolist()
    assert token_column(nlp.make_doc(""), ORTH) == []


def test_row_payload_reads_every_field_in_order() -> None:
    @dataclass(frozen=True)
    class Other:
        _private: int
        value: str = "x"

    rows: list[Any] = [
        Timex("2025", 58, 62, "date", "2025", "2025-01-01", "2025-12-31", "deadline"),
        Quantity("£5", 30, 32, 5.0, "GBP", "money", approx="about"),
        Commitment("we will", 1, 5, "future", timexes=(0,), quantities=(1, 2)),
        Other(3),
    ]
    for row in rows:
        expected = [(f.name, getattr(row, f.name)) for f in fields(row)]
        assert list(row_payload(row).items()) == expected
        assert row_payload(row) is not row_payload(row)  # a new dict each time


def test_doc_text_of_a_sealed_doc_is_the_kept_text(nlp: Language) -> None:
    text = "We will publish it by 2025.  Then more."
    doc = set_context(nlp.make_doc(text), None, text=text, sealed=True)
    assert doc_text(doc) is text
    plain = set_context(nlp.make_doc(text), None, text=text[:-5])  # a stale text
    assert doc_text(plain) == text
