"""The model's tokenizer: spaCy's English tokenizer with a chunk cache sized for a corpus.

spaCy's tokenizer caches how it split each whitespace-separated chunk ("2025.", "(a)",
"Department's"), but only the first ``max_cache_size`` distinct chunks (10,000 by default);
every later new chunk goes through the prefix, suffix and infix regexes again each time it is
met. The 4,431 answers of the shared corpus hold about 28,500 distinct chunks; with the default,
the one chunk in ten met after the first 10,000 distinct ones was split again on every pass, three
quarters of the tokenizer's time on a warm pass (0.43 s of CPU over the corpus; 0.10 s with them
cached). ``pct.Tokenizer.v1`` is ``spacy.Tokenizer.v1`` (the same rules, the same tokens) with
the cache size a config knob::

    [nlp.tokenizer]
    @tokenizers = "pct.Tokenizer.v1"
    max_cache_size = 500000
    keep_plain_chunks = true
    fast_lexeme_attrs = true

A cached chunk costs about 50 bytes (half a million: about 25 MB at most).

``keep_plain_chunks`` (on in the model) gives the tokenizer a ``token_match`` for chunks of
ASCII letters only or digits only ("Department", "2025"): spaCy's own hook for strings that are
never split, which lets such a chunk skip the prefix, suffix, URL and infix searches the first
time it is met. spaCy's English rules never split such a chunk (every prefix, suffix and infix
rule needs a character or a neighbour of another kind, and the special cases, "cannot" or
"dont", are looked up before ``token_match``), so the tokens are the same; the first pass over
the corpus takes 0.54 -> 0.45 s of CPU (28,500 new chunks, half of them plain), later passes
read the cache as before.

``fast_lexeme_attrs`` (on in the model) swaps the vocabulary's lexical attribute getters, which
spaCy calls for every word form it meets for the first time (17,143 in the corpus's first pass),
for the exact equivalents of :mod:`pipeline.nlp.lexeme_attrs`: the same lexemes; the
tokenizer's first pass over the corpus takes 0.345-0.373 -> 0.277-0.299 s of CPU.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    registry,
)

from pipeline.nlp.lexeme_attrs import fast_getters

DEFAULT_MAX_CACHE_SIZE = 500_000
"""Distinct chunks the tokenizer keeps (spaCy's default is 10,000)."""

PLAIN_CHUNK = re.compile(r"(?:[A-Za-z]+|[0-9]+)\Z")
"""A chunk of ASCII letters only or digits only: one token under spaCy's English rules."""


@registry.tokenizers("pct.Tokenizer.v1")
def create_tokenizer(
    max_cache_size: int = DEFAULT_MAX_CACHE_SIZE,
    keep_plain_chunks: bool = False,
    fast_lexeme_attrs: bool = False,
) -> Callable[[Language], Tokenizer]:
    """spaCy's ``spacy.Tokenizer.v1`` with a chunk cache of ``max_cache_size`` entries.

    Args:
        max_cache_size: Distinct chunks to cache (0 caches none).
        keep_plain_chunks: Give the tokenizer :data:`PLAIN_CHUNK` as its ``token_match`` when
            the language has none (see the module docstring).
        fast_lexeme_attrs: Replace the vocabulary's lexical attribute getters by their exact
            faster equivalents (:func:`pipeline.nlp.lexeme_attrs.fast_getters`).

    Raises:
        ValueError: For a negative size.
    """
    if isinstance(max_cache_size, bool) or not isinstance(max_cache_size, int):
        raise ValueError(
            f"[PCT140] pct.Tokenizer.v1: max_cache_size must be an integer, not {max_cache_size!r}"
        )
    if max_cache_size < 0:
        raise ValueError(
            f"[PCT140] pct.Tokenizer.v1: max_cache_size must be 0 or more, not {max_cache_size}"
        )

    def make(nlp: Language) -> Tokenizer:
        tokenizer = english_defaults_tokenizer(nlp, keep_plain_chunks=keep_plain_chunks)
        tokenizer.max_cache_size = max_cache_size
        if fast_lexeme_attrs:
            vocab: Any = nlp.vocab  # ``lex_attr_getters`` is missing from spaCy's stub
            vocab.lex_attr_getters = fast_getters(vocab.lex_attr_getters)
        return tokenizer

    return make


def english_defaults_tokenizer(nlp: Language, *, keep_plain_chunks: bool) -> Tokenizer:
    """What ``spacy.Tokenizer.v1`` builds from ``nlp``'s language defaults, with
    :data:`PLAIN_CHUNK` as the ``token_match`` when ``keep_plain_chunks`` and the language has
    none.

    The ``token_match`` is given to the constructor: setting it afterwards makes spaCy's
    ``Tokenizer`` load its ~1,900 special cases again (0.2-0.3 s of the model's start-up).
    """
    defaults = nlp.Defaults
    token_match = defaults.token_match
    if keep_plain_chunks and token_match is None:
        token_match = PLAIN_CHUNK.match
    return Tokenizer(
        nlp.vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
        suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
        infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
        token_match=token_match,
        url_match=defaults.url_match,
    )


def configured_cache_size(nlp: Language) -> int | None:
    """The ``max_cache_size`` of ``nlp``'s config (None when its tokenizer is not
    ``pct.Tokenizer.v1``)."""
    settings = nlp.config["nlp"]["tokenizer"]
    if settings.get("@tokenizers") != "pct.Tokenizer.v1":
        return None
    return int(settings.get("max_cache_size", DEFAULT_MAX_CACHE_SIZE))


def with_configured_cache(nlp: Language) -> Language:
    """``nlp`` with its tokenizer's cache size as configured: spaCy's ``Tokenizer`` pickles
    without it (a process started by spawn gets spaCy's default back); returns ``nlp``."""
    size = configured_cache_size(nlp)
    tokenizer = nlp.tokenizer
    if size is not None and isinstance(tokenizer, Tokenizer) and tokenizer.max_cache_size != size:
        tokenizer.max_cache_size = size
    return nlp
