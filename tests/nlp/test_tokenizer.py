"""``pct.Tokenizer.v1``: spaCy's English tokenizer with a corpus-sized chunk cache."""

from __future__ import annotations

import itertools
import os
import pickle
import string
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from pipeline.nlp.tokenizer import (
    DEFAULT_MAX_CACHE_SIZE,
    PLAIN_CHUNK,
    configured_cache_size,
    create_tokenizer,
    with_configured_cache,
)
from pipeline.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]

TEXTS = [
    "The Department's plan (published 12 March 2025) will be delivered by 2026-27.",
    "I refer the hon. Member to the answer given on 3 June 2024 to Question UIN 1234.",
    "£2.5bn, 3%/£5 and https://www.gov.uk/guidance e.g. Mr. Smith's “Plan for Change”.",
    "",
]


def test_the_model_tokenizer_is_configured_from_the_config(nlp: Language) -> None:
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == "pct.Tokenizer.v1"
    assert nlp.tokenizer.max_cache_size == configured_cache_size(nlp) == DEFAULT_MAX_CACHE_SIZE


@pytest.mark.parametrize("text", TEXTS)
def test_it_splits_exactly_as_spacys_english_tokenizer(nlp: Language, text: str) -> None:
    reference = spacy.blank("en").tokenizer
    for _ in range(2):  # the second time from the cache
        ours = nlp.tokenizer(text)
        assert [(t.text, t.whitespace_) for t in ours] == [
            (t.text, t.whitespace_) for t in reference(text)
        ]


def test_the_model_keeps_plain_chunks_whole(nlp: Language) -> None:
    assert nlp.config["nlp"]["tokenizer"]["keep_plain_chunks"] is True
    # spaCy stores the pattern's text and compiles it again on load, so the loaded model holds an
    # equal pattern, the same object only while `re`'s cache still holds it (the full suite's
    # order; after test_build's many patterns it does not)
    pattern = nlp.tokenizer.token_match.__self__
    assert (pattern.pattern, pattern.flags) == (PLAIN_CHUNK.pattern, PLAIN_CHUNK.flags)
    assert spacy.blank("en").tokenizer.token_match is None  # nothing of spaCy's is replaced


def _short_plain_chunks() -> list[str]:
    letters = string.ascii_letters
    chunks = ["".join(p) for n in (1, 2) for p in itertools.product(letters, repeat=n)]
    chunks += ["".join(p) for p in itertools.product(string.ascii_lowercase, repeat=3)]
    chunks += ["".join(p) for n in (1, 2, 3, 4) for p in itertools.product(string.digits, repeat=n)]
    return chunks


def test_plain_chunks_split_as_spacys_english_tokenizer_splits_them() -> None:
    """Every chunk of one or two ASCII letters, three lower-case letters, one to four digits
    (special cases such as "Im" included), in a sentence with punctuation around it, gives the
    tokens of spaCy's English tokenizer; and no prefix, suffix, infix or URL rule of spaCy's
    matches any of them, which is why ``token_match`` may skip those searches."""
    reference = spacy.blank("en").tokenizer
    ours = create_tokenizer(max_cache_size=0, keep_plain_chunks=True)(spacy.blank("en"))
    chunks = _short_plain_chunks()
    text = " ".join(f"({c}) {c}, {c}." if i % 7 == 0 else c for i, c in enumerate(chunks))
    assert [t.text for t in ours(text)] == [t.text for t in reference(text)]
    for chunk in chunks:
        assert reference.prefix_search(chunk) is None, chunk
        assert reference.suffix_search(chunk) is None, chunk
        assert list(reference.infix_finditer(chunk)) == [], chunk
        assert not reference.url_match(chunk), chunk


@given(
    chunk=st.one_of(
        st.text(alphabet=string.ascii_letters, min_size=1, max_size=40),
        st.text(alphabet=string.digits, min_size=1, max_size=25),
    )
)
def test_no_affix_rule_of_spacy_matches_a_plain_chunk(chunk: str) -> None:
    reference = _ENGLISH.tokenizer
    assert reference.prefix_search(chunk) is None
    assert reference.suffix_search(chunk) is None
    assert list(reference.infix_finditer(chunk)) == []
    assert not reference.url_match(chunk)
    assert PLAIN_CHUNK.match(chunk)
    assert [t.text for t in reference(chunk)] == [t.text for t in _PLAIN(chunk)]


_ENGLISH = spacy.blank("en")
_PLAIN = create_tokenizer(max_cache_size=0, keep_plain_chunks=True)(spacy.blank("en"))


def test_a_small_cache_gives_the_same_tokens() -> None:
    blank = spacy.blank("en")
    tokenizer = create_tokenizer(max_cache_size=0)(blank)
    assert tokenizer.max_cache_size == 0
    for text in TEXTS:
        assert [t.text for t in tokenizer(text)] == [t.text for t in blank.tokenizer(text)]


@pytest.mark.parametrize("keep_plain_chunks", [False, True])
def test_it_is_spacys_english_tokenizer_in_every_serialised_setting(
    keep_plain_chunks: bool,
) -> None:
    """Built with the constructor (not spaCy's factory and a setter), the tokenizer holds the
    same rules, affix patterns, URL match and heuristics as ``spacy.Tokenizer.v1``'s; only
    ``token_match`` differs, and only when plain chunks are kept."""
    made = create_tokenizer(max_cache_size=0, keep_plain_chunks=keep_plain_chunks)
    ours = made(spacy.blank("en")).to_bytes(exclude=["vocab", "token_match"])
    assert ours == spacy.blank("en").tokenizer.to_bytes(exclude=["vocab", "token_match"])
    token_match = made(spacy.blank("en")).token_match
    assert (token_match.__self__ is PLAIN_CHUNK) if keep_plain_chunks else token_match is None


@pytest.mark.parametrize("size", [-1, 1.5, "many", True])
def test_a_bad_cache_size_is_refused(size: object) -> None:
    with pytest.raises(ValueError, match="PCT140"):
        create_tokenizer(max_cache_size=size)  # type: ignore[arg-type]


def test_the_cache_size_comes_back_after_pickling(nlp: Language) -> None:
    # spaCy's Tokenizer pickles without its cache size: a spawned worker restores it
    copy = pickle.loads(pickle.dumps(nlp))
    assert copy.tokenizer.max_cache_size != DEFAULT_MAX_CACHE_SIZE
    assert with_configured_cache(copy) is copy
    assert copy.tokenizer.max_cache_size == DEFAULT_MAX_CACHE_SIZE


def test_spacy_load_finds_the_tokenizer_through_its_entry_point() -> None:
    # a fresh interpreter that never imports ``pipeline``: only the installed entry points
    # (pyproject.toml: spacy_factories, spacy_tokenizers) can register what the model names
    code = (
        "import sys, spacy; nlp = spacy.load(sys.argv[1]); "
        "print(type(nlp.tokenizer).__name__, nlp.tokenizer.max_cache_size)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [sys.executable, "-c", code, str(get_settings().model)],
        capture_output=True,
        text=True,
        cwd=ROOT.parent,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["Tokenizer", str(DEFAULT_MAX_CACHE_SIZE)]
