"""``pipeline.nlp.lexeme_attrs``: the faster lexical attribute getters give spaCy's values."""

from __future__ import annotations

import functools
import pickle
from pathlib import Path
from typing import Any

import pytest
import spacy
import srsly
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDS, LANG
from spacy.lang import lex_attrs as base_attrs
from spacy.language import Language

from pipeline.ingest.records import Answer
from pipeline.ingest.replay import read_answers
from pipeline.nlp import lexeme_attrs
from pipeline.nlp.lexeme_attrs import fast_getter, fast_getters
from pipeline.nlp.tokenizer import create_tokenizer

NAMES = {value: name for name, value in IDS.items()}

EDGE_CASES = [
    "",
    " ",
    "\t",
    "\u00a0",
    "a",
    "A",
    "Ab",
    "aB",
    "ǅ",
    "ǅa",
    "İ",
    "ı",
    "ſ",
    "ﬁ",
    "²",
    "½",
    "٣",
    "Ⅻ",
    "一",
    "$",
    "$$",
    "£",
    "£5",
    "$5",
    "€€",
    "¢",
    ".",
    "...",
    "…",
    "-----",
    "—",
    "“",
    "”",
    "«",
    "»",
    "''",
    "``",
    "(",
    ")]",
    "[",
    "<",
    "'",
    '"',
    "‚",
    "www.",
    "www.x",
    "http://x",
    "https://gov.uk",
    "gov.uk",
    "gov.uk.",
    ".uk",
    "a.b",
    "a@b.co",
    "@",
    "a@b",
    "x.com/",
    "x.zz",
    "1st",
    "22nd",
    "3rd",
    "4th",
    "11th",
    "1St",
    "st",
    "th",
    "+3,000",
    "-1",
    "±2",
    "~3",
    "1/2",
    "1/2/3",
    "/",
    "1.5",
    "1,000.5",
    "One",
    "TWENTY",
    "twentieth",
    "Hundredth",
    "millions",
    "aaaaa",
    "aaaaaaaa",
    "AAAAAb",
    "11111",
    "x" * 99,
    "x" * 100,
    "x" * 120,
    "Department",
    "Department's",
    "COVID-19",
    "e.g.",
    "U.K.",
    "Mr.",
    "I'm",
    "n't",
]


@pytest.fixture(scope="module")
def getters() -> dict[int, Any]:
    return _getters_of(spacy.blank("en"))


@pytest.fixture(scope="module")
def corpus_forms(sample_path: Path) -> list[str]:
    """Every word form of the bundled answers, as spaCy's English tokenizer splits them."""
    nlp = spacy.blank("en")
    forms: set[str] = set()
    for answer in read_answers(sample_path):
        if isinstance(answer, Answer):
            forms.update(token.text for token in nlp.make_doc(answer.answer_text))
    return sorted(forms)


def _getters_of(nlp: Language) -> dict[int, Any]:
    vocab: Any = nlp.vocab  # ``lex_attr_getters`` is missing from spaCy's stub
    return dict(vocab.lex_attr_getters)


def _value(getter: Any, text: str) -> Any:
    try:
        return getter(text)
    except Exception as error:  # the same exception type counts as the same value
        return type(error)


def _same(ours: Any, theirs: Any) -> bool:
    return ours == theirs and type(ours) is type(theirs)


def test_every_english_getter_is_replaced(getters: dict[int, Any]) -> None:
    fast = fast_getters(getters)
    assert fast.keys() == getters.keys()
    assert not [NAMES[attr] for attr in getters if fast[attr] is getters[attr]]
    assert fast[LANG] == "en".format  # spaCy's is a partial of ``get_lang`` with a keyword


def test_a_language_code_with_braces_keeps_spacy_getter() -> None:
    getter = functools.partial(base_attrs.get_lang, lang="x{0}")
    assert fast_getter(getter)("form") == "x{0}"


def test_same_values_on_edge_cases_and_corpus_forms(
    getters: dict[int, Any], corpus_forms: list[str]
) -> None:
    fast = fast_getters(getters)
    assert len(corpus_forms) > 3000
    for attr, getter in getters.items():
        for text in [*EDGE_CASES, *corpus_forms]:
            expected, got = _value(getter, text), _value(fast[attr], text)
            assert _same(got, expected), (NAMES[attr], text, expected, got)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("aAzZ09.,/@:-+±~$£'\"()[]«»“”!?_ "),
            st.characters(codec="utf-8"),
        ),
        max_size=12,
    )
)
def test_same_values_on_generated_forms(text: str) -> None:
    getters = _getters_of(spacy.blank("en"))
    fast = fast_getters(getters)
    for attr, getter in getters.items():
        expected, got = _value(getter, text), _value(fast[attr], text)
        assert _same(got, expected), (NAMES[attr], text, expected, got)


def test_the_shape_memo_is_bounded_and_keyed_by_shape_class(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lexeme_attrs, "SHAPE_MEMO_LIMIT", 3)
    memo: dict[str, str] = {}
    for text in ["Department", "Government", "a", "2025", "e.g.", "x" * 120, "Ünïcode"]:
        assert lexeme_attrs.word_shape(memo, text) == base_attrs.word_shape(text)
        assert len(memo) <= 3
    assert "Xxxxxxxxxx" not in memo  # forgotten when full
    assert lexeme_attrs.word_shape(memo, "Department") == "Xxxxx"
    kept = lexeme_attrs.ShapeMemo(memo)
    assert kept and pickle.loads(pickle.dumps(kept)) == {}  # not sent to a spawned worker


def test_letters_are_never_digits() -> None:
    """``like_num`` answers a form of letters from the word list alone: no character is both
    ``isalpha`` and ``isdigit``."""
    assert not any(chr(c).isalpha() and chr(c).isdigit() for c in range(0x110000))


def test_an_unknown_getter_is_kept() -> None:
    def mine(text: str) -> bool:
        return text == "x"

    assert fast_getter(mine) is mine
    assert fast_getters({1: mine}) == {1: mine}


def test_the_getters_pickle(getters: dict[int, Any]) -> None:
    fast = fast_getters(getters)
    for restored in (
        pickle.loads(pickle.dumps(fast)),
        srsly.pickle_loads(srsly.pickle_dumps(fast)),
    ):
        assert {attr: _value(g, "Twenty-one") for attr, g in restored.items()} == {
            attr: _value(g, "Twenty-one") for attr, g in fast.items()
        }


def test_the_model_makes_the_same_lexemes_as_spacy(nlp: Language) -> None:
    assert nlp.config["nlp"]["tokenizer"]["fast_lexeme_attrs"] is True
    reference = spacy.blank("en")
    ours = spacy.blank("en")
    ours.tokenizer = create_tokenizer(fast_lexeme_attrs=True)(ours)
    assert _getters_of(ours) != _getters_of(reference)
    text = " ".join(EDGE_CASES[1:]) + " Twenty-one £2.5bn, 3%/£5 and 1,618 (12.5%) in 2025-26."
    for word in text.split():
        a, b = ours.vocab[word], reference.vocab[word]
        for name in ("flags", "lower_", "norm_", "shape_", "prefix_", "suffix_", "lang_"):
            assert getattr(a, name) == getattr(b, name), (word, name)
