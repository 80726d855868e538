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

The tokenizer is :class:`AffixTokenizer`, spaCy's ``Tokenizer`` with one method replaced:
``find_suffix`` answers "no suffix" without searching when the chunk's last character is one
that no match of the suffix pattern can end with (:func:`suffix_ends`). spaCy's suffix pattern
is an alternation of 82 pieces, each ending in ``$``, which ``re`` tries at every position of
the chunk: about 29,000 instructions a search on a first pass, where most searches find
nothing ("COVID-19", "2025-26"). Every match ends with the chunk's last character (a ``$`` can
also match before a final newline, so a chunk ending in one is always searched), so the answer
is the same; a pattern it cannot read that way is always searched.
"""

from __future__ import annotations

import re
import re._constants as sre  # a pattern's parsed form: which characters its matches end with
import re._parser as sre_parse
from collections.abc import Callable
from typing import Any

from spacy import util
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

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
        tokenizer = affix_tokenizer(nlp)
        tokenizer.max_cache_size = max_cache_size
        if keep_plain_chunks and tokenizer.token_match is None:
            tokenizer.token_match = PLAIN_CHUNK.match
        if fast_lexeme_attrs:
            vocab: Any = nlp.vocab  # ``lex_attr_getters`` is missing from spaCy's stub
            vocab.lex_attr_getters = fast_getters(vocab.lex_attr_getters)
        return tokenizer

    return make


def suffix_ends(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can end with, when every branch of it ends with
    ``$`` (or ``\\Z``) after an item that consumes a character: a literal, a class of literals
    and ranges, a group or alternation of such, a repeat of at least one. The final newline
    before which ``$`` also matches is among them. None when the pattern is not of that form
    (or is case-insensitive or multi-line), for it can then end with anything."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    items = list(parsed)
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is sre.BRANCH else [parsed]
    ends: set[str] = {"\n"}
    for branch in branches:
        body = list(branch)
        if not body or body[-1] not in ((sre.AT, sre.AT_END), (sre.AT, sre.AT_END_STRING)):
            return None
        last = _last_chars(body[:-1])
        if last is None:
            return None
        ends |= last
    return frozenset(ends)


def _last_chars(items: list[Any]) -> set[str] | None:
    """The characters a match of the parsed sequence ``items`` can end with (None: any, or the
    sequence may end without consuming one)."""
    if not items:
        return None
    op, av = items[-1]
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a negated class, a category
                return None
        return chars
    if op is sre.BRANCH:
        found: set[str] = set()
        for alternative in av[1]:
            last = _last_chars(list(alternative))
            if last is None:
                return None
            found |= last
        return found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
        return _last_chars(list(av[2]))
    if op is sre.SUBPATTERN and not av[1] and not av[2]:
        return _last_chars(list(av[3]))
    return None


class AffixTokenizer(Tokenizer):
    """spaCy's ``Tokenizer`` whose :meth:`find_suffix` does not search a chunk whose last
    character no suffix can end with (see the module docstring). Serialised, pickled and
    loaded as spaCy's; the characters are read off whatever suffix search it holds."""

    _suffix_search: Any = None  # the suffix search that ``_suffix_ends`` was read off
    _suffix_ends: frozenset[str] | None = None

    def find_suffix(self, string: str) -> int:
        """spaCy's ``find_suffix``: the length of the suffix to split off ``string`` (0 for
        none)."""
        search = self.suffix_search
        if search is None:
            return 0
        if search is not self._suffix_search:
            owner = getattr(search, "__self__", None)
            self._suffix_ends = (
                suffix_ends(owner)
                if isinstance(owner, re.Pattern) and search == owner.search
                else None
            )
            self._suffix_search = search
        ends = self._suffix_ends
        if ends is not None and string and string[-1] not in ends:
            return 0
        match = search(string)
        return (match.end() - match.start()) if match is not None else 0


def affix_tokenizer(nlp: Language) -> AffixTokenizer:
    """``spacy.Tokenizer.v1``'s tokenizer for ``nlp`` (the language's affix patterns, special
    cases, token and URL matches), as an :class:`AffixTokenizer`."""
    defaults = nlp.Defaults
    prefixes, suffixes, infixes = defaults.prefixes, defaults.suffixes, defaults.infixes
    return AffixTokenizer(
        nlp.vocab,
        rules=defaults.tokenizer_exceptions,
        prefix_search=util.compile_prefix_regex(prefixes).search if prefixes else None,
        suffix_search=util.compile_suffix_regex(suffixes).search if suffixes else None,
        infix_finditer=util.compile_infix_regex(infixes).finditer if infixes else None,
        token_match=defaults.token_match,
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
