"""Property tests (hypothesis): the engine, HTML to text, and every reader of outside bytes.

Extends ``tests/test_engine.py`` (never raises, offsets inside, on short random text) and
``tests/ingest/test_html.py`` (paragraph offsets round-trip on random text) with generated
*structure*: commitment sentences from a grammar of real answer wording, and HTML documents
with inline tags, entities, tables, scripts and nesting.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from support import PROPERTY_TEST_MARKS, assert_rows_point_into_the_text

from pipeline.engine import extract
from pipeline.ingest.archive import ArchivedResponse, ArchiveWriter, iter_lines
from pipeline.ingest.client import classify, parse_retry_after
from pipeline.ingest.html import html_to_text
from pipeline.ingest.pagetext import parse_page_text
from pipeline.ingest.records import Answer, RecordError
from pipeline.ingest.replay import RawRecord, Rejected, Skipped, iter_file, parse_record
from pipeline.nlp.commitment_logic import DEADLINE_PREPOSITIONS, FUTURE_READING_GRACE_DAYS

pytestmark = [*PROPERTY_TEST_MARKS]  # Hypothesis's random check is an error here

ENGINE = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)  # fmt: skip
ANCHORS = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2032, 12, 31))

# -- the engine ----------------------------------------------------------------------------------

# Commitment wording as written answers use it (subjects, modal groups, deliverables, times).
SUBJECTS = ["The Government", "We", "The Department", "Ministers", "NHS England", "Ofsted",
            "The Secretary of State", "This Government"]  # fmt: skip
MODALS = ["will", "intends to", "plans to", "is committed to", "expects to", "aims to",
          "has committed to", "will continue to", "remains committed to", "will not",
          "has published", "is considering whether to", "would", "may"]  # fmt: skip
DELIVERABLES = ["publish the strategy", "consult on the proposals", "respond to the consultation",
                "lay regulations", "set out next steps", "introduce legislation",
                "update the House", "recruit 6,500 new teachers", "invest £2.5 billion",
                "deliver 1.5 million homes", "review the guidance"]  # fmt: skip
TIMES = ["by 2025", "by the end of 2024", "in March", "next year", "later this year",
         "within 12 months", "by spring 2026", "in the coming weeks", "by 31 March", "by March",
         "in 2019", "by 2019", "before the summer recess", "in the autumn",
         "by the end of this Parliament", "shortly", "in due course", "this year",
         "by the end of the year", "early next year", "in 2023/24", "by 2029-30",
         "from January 2025", "over the next 15 years", "last year", "in January",
         "by the summer", "in the new year", "this month", "by the end of March", "in Q3",
         "within six weeks", "as soon as possible", "by December 2027", ""]  # fmt: skip


@st.composite
def answers(draw: st.DrawFn) -> str:
    """An answer of one to four paragraphs of commitment sentences, with some noise."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        sentences = []
        for _ in range(draw(st.integers(1, 3))):
            words = [draw(st.sampled_from(x)) for x in (SUBJECTS, MODALS, DELIVERABLES, TIMES)]
            sentence = " ".join(w for w in words if w) + draw(st.sampled_from([".", ";", "", "!"]))
            if draw(st.booleans()):
                noise = draw(st.text(max_size=25))
                sentence = draw(st.sampled_from([noise + " " + sentence, sentence + " " + noise]))
            sentences.append(sentence)
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


def governed_by_a_deadline(due_text: str) -> bool:
    """True when ``due_text`` opens with a deadline preposition ("by", "before", "within")."""
    words = due_text.lower().split()
    return any(" ".join(words[:n]) in DEADLINE_PREPOSITIONS for n in range(1, 5))


def a_duty_just_begun(due_text: str, due: dt.date, anchor: dt.date) -> bool:
    """True for "from <period>" whose period ended at most ``FUTURE_READING_GRACE_DAYS``
    before the answer ("From 16 September, we will be running ...", answered on 17 September)."""
    return due_text.lower().startswith("from") and (anchor - due).days <= FUTURE_READING_GRACE_DAYS


@ENGINE
@given(answers(), ANCHORS)
@example(
    text="The department will publish the strategy from January 2025.", anchor=dt.date(2025, 2, 15)
)
def test_engine_future_due_is_never_before_the_answer_date_but_for_a_deadline(
    nlp: Language, text: str, anchor: dt.date
) -> None:
    """The two documented exceptions (``commitment_logic.resolve_due``): a deadline already
    past when the answer was given ("will publish its review by the end of summer 2025",
    answered in September 2025) is kept, because an overdue promise is worth knowing; and a
    duty that began "from" a period ended less than a month before the answer gets that
    period's end. Every other future due is on or after the answer date."""
    result = extract(text, anchor, nlp=nlp)
    assert_rows_point_into_the_text(result)
    for c in result.commitments:
        if c.kind == "future" and c.due is not None:
            due = dt.date.fromisoformat(c.due)
            due_text = c.due_text or ""
            assert (
                due >= anchor
                or governed_by_a_deadline(due_text)
                or a_duty_just_begun(due_text, due, anchor)
            ), (c.quote, c.due)


@ENGINE
@given(
    st.lists(
        st.one_of(
            answers(),
            st.text(max_size=200),
            st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
            st.sampled_from(["\x00", "\u202e", "\ufeff", "\u2028", "  \n\n\n  ", "’", "£", "…"]),
        ),
        max_size=5,
    ).map("".join),
    st.one_of(st.none(), ANCHORS),
    st.one_of(st.none(), st.sampled_from(["Department for Education", "", "[/bold]"])),
)
def test_engine_never_raises_and_every_row_points_into_the_text(
    nlp: Language, text: str, anchor: dt.date | None, body: str | None
) -> None:
    result = extract(text, anchor, answering_body=body, nlp=nlp)
    assert result.text == text
    assert_rows_point_into_the_text(result)


@settings(max_examples=40, deadline=None)
@given(answers(), ANCHORS)
def test_engine_is_deterministic(nlp: Language, text: str, anchor: dt.date) -> None:
    assert extract(text, anchor, nlp=nlp).to_dict() == extract(text, anchor, nlp=nlp).to_dict()


def test_engine_this_parliament_after_its_latest_end_gives_no_past_due(nlp: Language) -> None:
    """Found by the property: "by the end of this Parliament" answered after the last known
    Parliament's latest possible end (2029-07-08) took that Parliament, so the due was before
    the answer. A Parliament not yet known is sitting then: no due."""
    text = "The Government will introduce legislation by the end of this Parliament."
    [late] = extract(text, dt.date(2029, 12, 2), nlp=nlp).commitments
    assert late.due is None or late.due >= "2029-12-02"
    [now] = extract(text, dt.date(2025, 1, 13), nlp=nlp).commitments
    assert now.due == "2029-07-08"


def test_engine_a_deadline_already_past_is_kept_as_overdue(nlp: Language) -> None:
    """The documented exception the property allows, on its own."""
    text = "The Department expects to publish its review by the end of summer 2025."
    [c] = extract(text, dt.date(2025, 9, 20), nlp=nlp).commitments
    assert (c.kind, c.due, c.due_text) == ("future", "2025-08-31", "by the end of summer 2025")


# -- HTML to text --------------------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789£%’.,-&<>",
               min_size=1, max_size=10)  # fmt: skip


@st.composite
def inline(draw: st.DrawFn, word: str) -> str:
    """A word as HTML: escaped, maybe wrapped in an inline element."""
    tag = draw(st.sampled_from(["", "b", "i", "strong", "em", "span", "a", "sup"]))
    escaped = html.escape(word, quote=False)
    if not tag:
        return escaped
    attrs = ' href="https://example.org/?a=1&amp;b=2"' if tag == "a" else ""
    return f"<{tag}{attrs}>{escaped}</{tag}>"


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[str], list[list[str]]]:
    """HTML with paragraphs (as ``<p>``, ``<div>``, ``<li>``, nested), tables, scripts and
    comments; and the paragraphs and table words it holds."""
    parts: list[str] = []
    paragraphs: list[str] = []
    tables: list[list[str]] = []
    for n in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["p", "p", "div", "li", "table", "script", "comment"]))
        if kind == "table":
            cells = [f"zqcell{n}x{i}" for i in range(draw(st.integers(1, 3)))]
            row = "".join(f"<td><p>{c}</p></td>" for c in cells)
            parts.append(f"<table><tbody><tr>{row}</tr></tbody></table>")
            tables.append(cells)
            continue
        if kind == "script":
            parts.append(f"<script>var zqscript{n} = '<p>no</p>';</script>")
            continue
        if kind == "comment":
            parts.append(f"<!-- zqcomment{n} -->")
            continue
        words = draw(st.lists(WORD, min_size=1, max_size=8))
        body = " ".join(draw(inline(w)) for w in words)
        depth = draw(st.integers(0, 3))
        element = f"<{kind}>{body}</{kind}>"
        parts.append("<div>" * depth + element + "</div>" * depth)
        paragraphs.append(" ".join(words))
    return "".join(parts), paragraphs, tables


@settings(max_examples=300)
@given(documents())
def test_html_to_text_keeps_every_paragraph_and_nothing_else(
    document: tuple[str, list[str], list[list[str]]],
) -> None:
    source, paragraphs, tables = document
    result = html_to_text(source)
    got = [result.text[p.char_start : p.char_end] for p in result.paragraphs]
    assert got == paragraphs
    assert "\n\n".join(got) == result.text
    assert "zqscript" not in result.text and "zqcomment" not in result.text
    assert "zqcell" not in result.text
    assert [[c for row in t.rows for c in row] for t in result.tables] == tables
    offsets = [t.char_offset for t in result.tables]
    assert offsets == sorted(offsets) and all(0 <= o <= len(result.text) for o in offsets)
    assert all(o in {0, len(result.text)} | {p.char_end for p in result.paragraphs}
               for o in offsets)  # fmt: skip


@settings(max_examples=300)
@given(st.text())
def test_html_to_text_plain_paragraphs_escaped_back_give_the_same_text(source: str) -> None:
    """Text out of ``html_to_text``, written back as escaped ``<p>`` elements (what the page
    reader does), reads back unchanged: offsets taken on one are valid on the other."""
    first = html_to_text(source)
    paragraphs = [first.text[p.char_start : p.char_end] for p in first.paragraphs]
    again = html_to_text("".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs))
    assert again.text == first.text
    assert again.paragraphs == first.paragraphs


# -- readers of outside bytes --------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
DATES = st.one_of(
    JSON_VALUES,
    st.dates().map(lambda d: d.isoformat() + "T00:00:00"),
    st.text(alphabet="0123456789-T:Z+", max_size=25),
)
RECORDS = st.fixed_dictionaries(
    {"id": st.one_of(st.integers(), JSON_VALUES), "dateAnswered": DATES,
     "answerText": st.one_of(st.text(max_size=200), JSON_VALUES)},
    optional={"dateTabled": DATES, "dateAnswerCorrected": DATES, "dateHoldingAnswer": DATES,
              "house": st.one_of(st.sampled_from(["Commons", "Lords", "Senate"]), JSON_VALUES),
              "answeringBodyId": JSON_VALUES, "answeringBodyName": JSON_VALUES,
              "answeringMember": JSON_VALUES, "groupedQuestions": JSON_VALUES,
              "answerIsCorrection": JSON_VALUES, "questionText": JSON_VALUES},
)  # fmt: skip


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(RECORDS, JSON_VALUES))
def test_parse_record_never_raises_on_any_json(value: Any) -> None:
    """Any API value becomes an answer, a rejection (quarantine) or a skip; never a crash."""
    raw = RawRecord("prop", value if isinstance(value, dict) else None, "not a record", "x")
    item = parse_record(raw)
    assert isinstance(item, Answer | Rejected | Skipped)
    if isinstance(item, Rejected):
        assert item.error and "\n" not in item.error


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2_000), st.sampled_from(["a.jsonl", "a.json", "a.txt", "a.jsonl.gz"]))
def test_replay_files_of_any_bytes_never_raise(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        records = list(iter_file(path))
    for record in records:
        assert (record.value is None) == (record.error is not None)
        item = parse_record(record)
        assert isinstance(item, Answer | Rejected | Skipped)


@settings(max_examples=200)
@given(st.text())
def test_page_text_of_any_text_is_a_value_or_a_record_error(text: str) -> None:
    try:
        value = parse_page_text(text)
    except RecordError as err:
        assert str(err).startswith("page text:")
        return
    assert value["id"] < 0 and value["dateAnswered"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=300), min_size=1, max_size=8), st.data())
def test_archive_cut_anywhere_reads_back_a_prefix_of_its_responses(
    bodies: list[str], data: st.DataObject
) -> None:
    """A run killed while archiving leaves a file cut at some byte: the reader gives the
    responses flushed before the cut, in order, then at most one error; it never raises."""
    stamp = dt.datetime(2024, 9, 10, 6, 0, tzinfo=dt.UTC)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.jsonl.gz"
        with ArchiveWriter(path) as writer:
            for n, body in enumerate(bodies):
                writer.write(ArchivedResponse("list", f"/q?skip={n}", 200, stamp, 1, body))
        whole = path.read_bytes()
        cut = data.draw(st.integers(0, len(whole)))
        path.write_bytes(whole[:cut])
        lines = list(iter_lines(path))
    read = [json.loads(line.data)["body"] for line in lines if line.data is not None]
    assert read == bodies[: len(read)]
    assert all(line.data is not None for line in lines[:-1])
    if cut == len(whole):
        assert read == bodies and len(lines) == len(bodies)


@given(st.text(max_size=60))
def test_retry_after_of_any_header_is_none_or_a_wait(header: str) -> None:
    wait = parse_retry_after(header, dt.datetime(2024, 9, 10, tzinfo=dt.UTC))
    assert wait is None or wait >= 0


@given(st.integers(0, 999), st.one_of(JSON_VALUES, st.none()))
def test_classify_any_response(status: int, body: object) -> None:
    assert classify(status, body) in {"ok", "retry", "fail"}
    if status == 429 or status >= 500:
        assert classify(status, body) == "retry"
