"""``pct_sentencizer`` gives the sentence starts of spaCy's ``sentencizer``, Doc by Doc."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from pipeline.ingest.records import Answer
from pipeline.ingest.replay import read_answers
from pipeline.nlp.sentencizer import ColumnSentencizer, sentence_starts


def _starts(doc: Doc) -> list[bool]:
    return [bool(t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


EDGE_CASES = [
    "",
    "...",
    "No full stop",
    "One. Two! Three? Four",
    "He said “it is done.” Then he left.",
    "Wait!! Really?! Yes…",
    "See para. 3. It applies (from 2025).) Next.",
    "The hon. Member asked. I answered.\n\nA new paragraph. \n Another line",
    "Ends with punctuation .",
    ". Starts with a stop",
    "Is it ready ? Yes . It is .",
    "Japanese。Sentence！Mixed？ok",
]


@pytest.mark.parametrize("text", EDGE_CASES)
@pytest.mark.parametrize("punct_chars", [None, [".", ";"]])
def test_same_starts_as_spacy(blank: Language, text: str, punct_chars: list[str] | None) -> None:
    spacys = Sentencizer(punct_chars=punct_chars)
    ours = ColumnSentencizer(punct_chars=punct_chars)
    assert ours.predict([blank.make_doc(text)]) == spacys.predict([blank.make_doc(text)])
    assert _starts(ours(blank.make_doc(text))) == _starts(spacys(blank.make_doc(text)))


def test_same_starts_on_the_bundled_answers(nlp: Language, sample_path: Path) -> None:
    spacys = Sentencizer()
    ours = nlp.get_pipe("sentencizer")
    assert isinstance(ours, ColumnSentencizer)
    texts = [a.answer_text for a in read_answers(sample_path) if isinstance(a, Answer)]
    assert len(texts) > 200
    splits = 0
    for text in texts:
        expected = spacys(nlp.make_doc(text))
        found = ours(nlp.make_doc(text))
        assert _starts(found) == _starts(expected), text[:80]
        splits += sum(_starts(found))
    assert splits > len(texts)  # most answers hold more than one sentence


def test_punct_chars_replaced_by_from_disk_are_used(blank: Language, tmp_path: Path) -> None:
    ours = ColumnSentencizer()
    doc = blank.make_doc("One; two. Three")
    assert _starts(ours(doc)) == [True, False, False, False, True]
    ColumnSentencizer(punct_chars=[";"]).to_disk(tmp_path / "s")
    ours.from_disk(tmp_path / "s")
    assert _starts(ours(blank.make_doc("One; two. Three"))) == [True, False, True, False, False]


def test_sentence_starts_rule() -> None:
    stop, comma, word = 1, 2, 3
    enders = frozenset({stop})
    # word . , word : the comma is punctuation, so the next word starts the sentence
    assert sentence_starts([word, stop, comma, word], [0, 1, 1, 0], enders) == [
        True,
        False,
        False,
        True,
    ]
    assert sentence_starts([], [], enders) == []
    assert sentence_starts([stop, stop], [1, 1], enders) == [True, False]


def _token_by_token(orth: list[int], punct: list[int], enders: frozenset[int]) -> list[bool]:
    """spaCy's ``Sentencizer.predict`` loop, on integers: the readable form of the rule."""
    guesses = [False] * len(orth)
    if not guesses:
        return guesses
    guesses[0] = True
    start, seen_ender = 0, False
    for i, text in enumerate(orth):
        ender = text in enders
        if seen_ender and not punct[i] and not ender:
            guesses[start] = True
            start, seen_ender = i, False
        elif ender:
            seen_ender = True
    guesses[start] = True
    return guesses


@given(st.lists(st.sampled_from(["word", "stop", "bang", "comma", "ender_not_punct"]), max_size=40))
def test_sentence_starts_is_the_token_by_token_rule(kinds: list[str]) -> None:
    """Tokens of five kinds: a word, two enders that are punctuation, punctuation that ends
    nothing, and an ender whose lexeme is not punctuation (``punct_chars`` can name any)."""
    ids = {"word": 1, "stop": 2, "bang": 3, "comma": 4, "ender_not_punct": 5}
    orth = [ids[k] for k in kinds]
    punct = [int(k in ("stop", "bang", "comma")) for k in kinds]
    enders = frozenset({2, 3, 5})
    assert sentence_starts(orth, punct, enders) == _token_by_token(orth, punct, enders)


def test_the_model_loads_the_column_sentencizer(nlp: Language) -> None:
    assert nlp.get_pipe_meta("sentencizer").factory == "pct_sentencizer"
