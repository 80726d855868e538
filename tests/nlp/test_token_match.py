"""Anchored token-pattern matching (:mod:`pipeline.nlp.token_match`) against spaCy's ``Matcher``.

The commitment component matches its rules with this module; its results must be spaCy's. Every
rule of the model is compared with spaCy's ``Matcher`` on random token sequences drawn from the
rule's own words (so that matches happen), with and without ``greedy="LONGEST"``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from support import PROPERTY_TEST_MARKS, global_random_left_alone  # noqa: F401 - a fixture

from pipeline.nlp.commitment_rules import anchor_token
from pipeline.nlp.token_match import (
    COLUMN_INDEX,
    FLAG_ATTRS,
    TokenColumns,
    compile_anchored,
    compile_token,
    interpret_at,
    lexeme_flags,
    lexeme_texts,
    longest_first,
    matches_at,
    quantifier,
    regex_memo,
)

pytestmark = [*PROPERTY_TEST_MARKS]  # Hypothesis's random check is an error here

FILLER = ["the", "Department", "will", "2025", ",", "and", "Plan", "NHS", "be", "(", "£5"]


def _model_rules(nlp: Language) -> list[tuple[str, list[dict[str, Any]]]]:
    rules = nlp.get_pipe("pct_commitment").rules
    return [
        (f"{family}:{rule.id}", rule.pattern)
        for family, items in (
            ("trigger", rules.triggers),
            ("modifier", rules.modifiers),
            ("veto", rules.vetoes),
            ("actor", rules.actors),
        )
        for rule in items
    ]


def _vocabulary(pattern: list[dict[str, Any]]) -> list[str]:
    words: set[str] = set()
    for token in pattern:
        for key, value in token.items():
            if key == "OP":
                continue
            if isinstance(value, str):
                words.add(value)
            elif isinstance(value, dict):
                for argument in value.values():
                    if isinstance(argument, list):
                        words.update(str(v) for v in argument[:8])
    words = {w for w in words if " " not in w}
    return sorted(words | {w.capitalize() for w in words} | set(FILLER))


def _anchored_matches(
    compiled: Any, anchors: frozenset[str], doc: Doc, lo: int, hi: int
) -> list[tuple[int, int]]:
    cols = TokenColumns(doc)
    found: set[tuple[int, int]] = set()
    for position in range(lo, hi):
        if doc[position].lower_ in anchors:
            found.update(matches_at(compiled, cols, position, lo, hi))
    return sorted(found)


def test_token_match_compiles_every_model_rule(nlp: Language) -> None:
    for name, pattern in _model_rules(nlp):
        found = anchor_token(pattern)
        assert found is not None, name
        assert compile_anchored(pattern, found[0], nlp.vocab.strings) is not None, name


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_token_match_equals_spacy_matcher_on_every_model_rule(nlp: Language, data: Any) -> None:
    for name, pattern in _model_rules(nlp):
        position, anchors = anchor_token(pattern)  # type: ignore[misc]
        compiled = compile_anchored(pattern, position, nlp.vocab.strings)
        words = data.draw(
            st.lists(st.sampled_from(_vocabulary(pattern)), min_size=1, max_size=14), label=name
        )
        doc = Doc(nlp.vocab, words=words)
        lo = data.draw(st.integers(0, len(doc) - 1))
        hi = data.draw(st.integers(lo + 1, len(doc)))
        every = Matcher(nlp.vocab)
        every.add("r", [pattern])
        longest = Matcher(nlp.vocab)
        longest.add("r", [pattern], greedy="LONGEST")
        expected = sorted((s + lo, e + lo) for _, s, e in every(doc[lo:hi]))
        mine = _anchored_matches(compiled, anchors, doc, lo, hi)
        assert mine == expected, (name, words[lo:hi])
        assert longest_first(mine) == [(s + lo, e + lo) for _, s, e in longest(doc[lo:hi])], name


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_compiled_finder_equals_the_interpreted_pattern_on_every_model_rule(
    nlp: Language, data: Any
) -> None:
    for name, pattern in _model_rules(nlp):
        position, _ = anchor_token(pattern)  # type: ignore[misc]
        compiled = compile_anchored(pattern, position, nlp.vocab.strings)
        assert compiled is not None and compiled.find is not None, name
        words = data.draw(
            st.lists(st.sampled_from(_vocabulary(pattern)), min_size=1, max_size=14), label=name
        )
        doc = Doc(nlp.vocab, words=words)
        cols = TokenColumns(doc)
        lo = data.draw(st.integers(0, len(doc) - 1))
        hi = data.draw(st.integers(lo + 1, len(doc)))
        for at in range(len(doc)):
            expected = sorted(interpret_at(compiled, cols, at, lo, hi))
            assert sorted(compiled.find(cols, at, lo, hi)) == expected, (name, words, at)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ([{"LOWER": "a", "OP": "{2,3}"}, {"LOWER": "b"}], "a a a a b b"),
        ([{"LOWER": "b"}, {"LOWER": "a", "OP": "{1,}"}], "b a a a"),
        ([{"LOWER": "b"}, {"LOWER": "a", "OP": "{,2}"}, {"LOWER": "c", "OP": "+"}], "b a a c c"),
        ([{"IS_TITLE": True, "OP": "*"}, {"LOWER": "b"}, {"IS_PUNCT": True}], "A B b ."),
        ([{"LOWER": {"REGEX": "^a+$", "NOT_IN": ["aa"]}, "OP": "?"}, {"LOWER": "b"}], "aa a b"),
    ],
)
def test_compiled_finder_handles_every_quantifier(
    nlp: Language, pattern: list[dict[str, Any]], words: str
) -> None:
    position = next(i for i, t in enumerate(pattern) if t.get("LOWER") == "b")
    compiled = compile_anchored(pattern, position, nlp.vocab.strings)
    assert compiled is not None and compiled.find is not None
    doc = Doc(nlp.vocab, words=words.split())
    cols = TokenColumns(doc)
    for lo in range(len(doc)):
        for hi in range(lo + 1, len(doc) + 1):
            for at in range(len(doc)):
                expected = sorted(interpret_at(compiled, cols, at, lo, hi))
                assert sorted(compiled.find(cols, at, lo, hi)) == expected, (lo, hi, at)
    assert any(interpret_at(compiled, cols, at, 0, len(doc)) for at in range(len(doc)))


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        (None, (1, 1)),
        ("?", (0, 1)),
        ("*", (0, None)),
        ("+", (1, None)),
        ("{2}", (2, 2)),
        ("{1,3}", (1, 3)),
        ("{2,}", (2, None)),
        ("{,4}", (0, 4)),
        ("!", None),
        ("{3,1}", None),
        (7, None),
    ],
)
def test_quantifier_reads_matcher_operators(
    op: Any, expected: tuple[int, int | None] | None
) -> None:
    assert quantifier(op) == expected


@pytest.mark.parametrize(
    "token",
    [
        {"POS": "VERB"},
        {"LEMMA": "publish"},
        {"LOWER": {"FUZZY": "publish"}},
        {"LENGTH": {">=": 3}},
        {"_": {"flag": True}},
        {"IS_ALPHA": "yes"},
        {},
    ],
)
def test_compile_token_leaves_unsupported_features_to_spacy(nlp: Language, token: Any) -> None:
    assert compile_token(token, nlp.vocab.strings) is None


def test_compile_anchored_needs_an_anchor_required_once(nlp: Language) -> None:
    pattern = [{"LOWER": "will"}, {"LOWER": "publish", "OP": "?"}]
    assert compile_anchored(pattern, 0, nlp.vocab.strings) is not None
    assert compile_anchored(pattern, 1, nlp.vocab.strings) is None
    assert compile_anchored([{"LOWER": "will", "OP": "!"}], 0, nlp.vocab.strings) is None


def test_matches_at_reads_flags_regexes_and_sets(nlp: Language) -> None:
    pattern = [
        {"ORTH": {"IN": ["The", "the"]}, "OP": "?"},
        {"LOWER": "department"},
        {"LOWER": {"REGEX": "^(?:has|have)$"}},
        {"IS_ALPHA": True, "LOWER": {"NOT_IN": ["been"]}},
    ]
    compiled = compile_anchored(pattern, 1, nlp.vocab.strings)
    assert compiled is not None
    text = "So the Department has published it and the department has been"
    doc = Doc(nlp.vocab, words=text.split(" "))
    cols = TokenColumns(doc)
    assert sorted(matches_at(compiled, cols, 2, 0, len(doc))) == [(1, 5), (2, 5)]
    assert matches_at(compiled, cols, 8, 0, len(doc)) == []  # "has been"
    assert matches_at(compiled, cols, 2, 2, 4) == []  # the window cuts the match


def test_longest_first_keeps_the_longest_then_the_earliest() -> None:
    assert longest_first([(0, 2), (1, 4), (3, 5), (5, 6)]) == [(1, 4), (5, 6)]
    assert longest_first([(2, 4), (0, 2), (1, 3)]) == [(0, 2), (2, 4)]
    assert longest_first([]) == []


def test_lexeme_flags_are_the_flags_doc_to_array_reads(nlp: Language) -> None:
    doc = nlp.make_doc("The NHS, in 2025: £5.5 billion -- Natural England's 10 Year Plan.\n")
    flags = lexeme_flags(nlp.vocab)
    orth = [t.orth for t in doc]
    for name, attr in FLAG_ATTRS.items():
        expected = doc.to_array(attr).tolist()
        assert [int(flags[o] & (1 << attr) != 0) for o in orth] == expected, name
        assert any(expected) or name in ("IS_SPACE", "IS_DIGIT"), name


def test_token_columns_read_one_or_several_columns(nlp: Language) -> None:
    doc = nlp.make_doc("The Government will publish the Plan in 2025.")
    for attrs in ([LOWER], [LOWER, ORTH]):
        cols = TokenColumns(doc)
        cols.read([COLUMN_INDEX[a] for a in attrs])  # to_array of one attr is 1-D
        for a in attrs:
            assert cols.attr(a) == doc.to_array(a).tolist()


def test_memos_stay_bounded(nlp: Language) -> None:
    flags = lexeme_flags(nlp.vocab, limit=3)
    regex = regex_memo(re.compile("ly$"), nlp.vocab.strings, limit=3)
    texts = lexeme_texts(nlp.vocab.strings, limit=3)
    for word in ("only", "early", "the", "plan", "fully"):
        key = nlp.vocab.strings.add(word)
        assert regex[key] is word.endswith("ly")
        assert flags[key] == nlp.vocab[word].flags
        assert texts[key] == word
        assert len(flags) <= 3 and len(regex) <= 3 and len(texts) <= 3
