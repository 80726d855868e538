"""Mutated real sentences through the engine (hypothesis): the CI guard of the mutation fuzzing
of ``docs/reliability.md``.

The sentences are those of the bundled sample (``data/samples/``, 296 real answers) that hold a
likely date or amount; ``reliability/mutations.py`` changes one of those in a targeted way
(digits of other scripts, case-fold twins, odd spaces, impossible and extreme dates, numbers no
float holds, repeats, brackets) and the answer date is the sentence's own, None, or one at the
ends of the calendar. Every extraction keeps :func:`mutations.problems`'s invariants.
"""

from __future__ import annotations

import datetime as dt
import functools
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability.mutations import (
    ANCHORS,
    Seed,
    analyse,
    mutate,
    mutate_html,
    refused,
    seeds_by_pattern,
)
from spacy.language import Language
from support import PROPERTY_TEST_MARKS, SAMPLES

from pipeline.engine import TextItem, extract, extract_batch
from pipeline.ingest.html import html_to_text
from pipeline.ingest.records import Answer
from pipeline.ingest.replay import read_answers

pytestmark = [*PROPERTY_TEST_MARKS]  # Hypothesis's random check is an error here


@functools.cache
def sample_answers() -> tuple[Answer, ...]:
    """The bundled sample's answers (read once per session)."""
    answers = read_answers(SAMPLES / "answers-sample.jsonl.gz")
    return tuple(a for a in answers if isinstance(a, Answer))


@functools.cache
def sample_seeds() -> tuple[Seed, ...]:
    """The sample's sentences with a likely date or amount."""
    return tuple(seeds_by_pattern((a.answer_text, a.date_answered) for a in sample_answers()))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str, dt.date | None]:
    """``(mutation names, text, answer date)`` of one mutated sample sentence."""
    seeds = sample_seeds()
    seed = seeds[draw(st.integers(0, len(seeds) - 1))]
    rng: random.Random = draw(st.randoms(use_true_random=False))
    name, text = mutate(rng, seed)
    anchor = draw(st.one_of(st.just(seed.anchor), st.none(), st.sampled_from(ANCHORS)))
    return name, text, anchor


def test_sample_seeds_are_many_and_point_at_their_sentences() -> None:
    seeds = sample_seeds()
    assert len(seeds) > 300
    assert all(0 <= a < b <= len(s.text) for s in seeds for a, b in s.spans)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_engine_on_mutated_real_sentences_keeps_every_invariant(
    nlp: Language, case: tuple[str, str, dt.date | None]
) -> None:
    """Found by this fuzzing and fixed (each also a row in its module's table): the 0th
    century, "2025 years ago", "within 999999999 days", a 310-digit amount, and 'next year' or
    'Christmas' answered on 9999-12-31 raised; an amount scaled past a float's range was inf."""
    name, text, anchor = case
    assert analyse(text, anchor, nlp) == [], name


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutated(), min_size=1, max_size=6))
def test_engine_batch_on_mutated_sentences_is_extract_and_deterministic(
    nlp: Language, cases: list[tuple[str, str, dt.date | None]]
) -> None:
    items = [TextItem(text, anchor) for _, text, anchor in cases if not refused(text)]
    one_by_one = [extract(i.text, i.anchor, nlp=nlp).to_dict() for i in items]
    batched = [result.to_dict() for _, result in extract_batch(items, nlp=nlp, batch_size=4)]
    assert batched == one_by_one
    assert [extract(i.text, i.anchor, nlp=nlp).to_dict() for i in items] == one_by_one


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_html_to_text_of_mutated_real_answers_never_raises(data: st.DataObject) -> None:
    """Markup fragments inserted into real answers' HTML: a text whose paragraphs point into it,
    without the characters html_to_text removes. "<![" raised AssertionError in Python 3.11's
    parser, which ended the whole ingest (fixed in ``pipeline/ingest/html.py``)."""
    answers = sample_answers()
    answer = answers[data.draw(st.integers(0, len(answers) - 1))]
    html = mutate_html(data.draw(st.randoms(use_true_random=False)), answer.answer_html)
    plain = html_to_text(html)
    assert all(0 <= p.char_start < p.char_end <= len(plain.text) for p in plain.paragraphs)
    assert all(0 <= t.char_offset <= len(plain.text) for t in plain.tables)
    assert not any(c in plain.text for c in "\x00\r\u2028\u2029")
