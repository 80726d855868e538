"""Faster getters for spaCy's lexical attributes, giving the same values as spaCy's own.

spaCy makes a lexeme the first time it meets a word form, and fills its attributes by calling
each of the vocabulary's ``lex_attr_getters`` on the form: 23 Python functions (``like_num``,
``word_shape``, ``like_url``, ``is_punct``...). Over the shared corpus's first pass that is
17,143 new forms and about 0.13 s of CPU; a later pass meets few new forms and pays nothing.
Some of spaCy's getters are slow for what they compute: ``like_num`` scans two lists of 42
words, ``is_ascii``, ``is_punct`` and ``is_currency`` loop over characters in Python, the
bracket and quote tests scan tuples.

:func:`fast_getters` swaps each getter that is exactly one of spaCy's (by identity, or a
``functools.partial`` of one with the same bound arguments) for a function here that gives the
same value for every string: a C-level ``str`` method or set membership where spaCy's is a thin
wrapper around one, a fast answer for the common case with spaCy's function for the rest
otherwise (``tests/nlp/test_lexeme_attrs.py`` compares every getter on the corpus's word forms,
Unicode edge cases and generated strings). A getter it does not know (a user's own) is kept. The
norm getter (a lookup table, else ``str.lower``) is the ``__getitem__`` of a ``dict`` whose
``__missing__`` is ``str.lower``, and the language getter (``get_lang`` with a keyword, a
partial call of ~1,800 instructions) is the language code's own ``format``: both C calls, no
Python frame. ``word_shape`` (1.4 us a form, the slowest) is kept per shape class:
for an ASCII form its value depends only on the form with its letters and digits replaced by
their classes, so the replaced form keys a bounded memo of each vocabulary's getter (563
keys for the corpus's 17,143 new forms).
"""

from __future__ import annotations

import functools
import operator
import string
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from spacy.lang import lex_attrs as base
from spacy.lang.en import lex_attrs as english
from spacy.util import _get_attr_unless_lookup

Getter = Callable[[str], Any]


def _chars_of_category(test: Callable[[str], bool]) -> str:
    """The ASCII characters whose Unicode category passes ``test``."""
    return "".join(c for c in map(chr, range(128)) if test(unicodedata.category(c)))


_ASCII_PUNCT = _chars_of_category(lambda category: category.startswith("P"))
_ASCII_CURRENCY = _chars_of_category(lambda category: category == "Sc")


def is_punct(text: str) -> bool:
    """spaCy's ``is_punct``: every character's Unicode category is punctuation (``P*``)."""
    if text.isascii():
        return not text.strip(_ASCII_PUNCT)
    return base.is_punct(text)


def is_currency(text: str) -> bool:
    """spaCy's ``is_currency``: every character is a currency sign (category ``Sc``)."""
    if text.isascii():
        return not text.strip(_ASCII_CURRENCY)
    return base.is_currency(text)


def like_url(text: str) -> bool:
    """spaCy's ``like_url``; a form without a point is a URL only when it opens with a scheme
    (every later test of spaCy's answers False without one)."""
    if text and "." not in text:
        return text.startswith(("http://", "https://"))
    return base.like_url(text)


def like_email(text: str) -> bool:
    """spaCy's ``like_email``; its pattern needs an "@"."""
    return "@" in text and base.like_email(text)


_SHAPE_CLASSES = str.maketrans(
    {
        **dict.fromkeys(string.ascii_uppercase, "X"),
        **dict.fromkeys(string.ascii_lowercase, "x"),
        **dict.fromkeys(string.digits, "d"),
    }
)
SHAPE_MEMO_LIMIT = 100_000
"""Shape classes a ``word_shape`` getter keeps (it forgets them all when it holds this many)."""


class ShapeMemo(dict[str, str]):
    """A ``word_shape`` getter's memo; it pickles empty (a vocabulary sent to a spawned worker
    does not carry it)."""

    def __reduce__(self) -> tuple[type[ShapeMemo], tuple[()]]:
        return (ShapeMemo, ())


def word_shape(memo: dict[str, str], text: str) -> str:
    """spaCy's ``word_shape``, kept in ``memo`` by shape class for ASCII forms under 100
    characters: for those, ``isalpha``/``isupper``/``isdigit`` are the ASCII letter and digit
    ranges, so the shape depends only on ``text`` with its upper-case letters, lower-case
    letters and digits replaced by ``X``, ``x`` and ``d`` (the other characters are their own
    shape)."""
    if len(text) >= 100 or not text.isascii():
        return base.word_shape(text)
    key = text.translate(_SHAPE_CLASSES)
    shape = memo.get(key)
    if shape is None:
        if len(memo) >= SHAPE_MEMO_LIMIT:
            memo.clear()
        shape = memo[key] = base.word_shape(text)
    return shape


_NUMBER_WORDS = frozenset(english._num_words) | frozenset(english._ordinal_words)


def like_num(text: str) -> bool:
    """spaCy's English ``like_num``, with its two word lists as one set. A form of letters only
    can only be one of the words (a letter is never a digit, ``isalpha`` and ``isdigit`` take
    disjoint Unicode categories)."""
    if text.isalpha():
        return text.lower() in _NUMBER_WORDS
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    lowered = text.lower()
    if lowered in _NUMBER_WORDS:
        return True
    return lowered.endswith(("st", "nd", "rd", "th")) and lowered[:-2].isdigit()


def _lookup_or(default: Getter, table: Mapping[str, Any], string: str) -> Any:
    """``spacy.util._get_attr_unless_lookup`` for one lookup table."""
    if string in table:
        return table[string]
    return default(string)


class _LowerUnlessListed(dict[str, Any]):
    """A lookup table whose missing keys map to their lower-case form: ``__getitem__`` is
    ``_lookup_or(str.lower, table, ·)`` without a Python frame (``dict`` calls ``__missing__``
    on a miss, and ``str.lower`` is a C function)."""

    __missing__ = staticmethod(str.lower)


def _get_lang(lang: str) -> Getter:
    """spaCy's ``get_lang`` bound to ``lang`` (the language getter returns ``lang`` for any
    form): ``lang.format`` with its one positional argument, whose template has no field."""
    return (
        lang.format
        if "{" not in lang and "}" not in lang
        else functools.partial(base.get_lang, lang=lang)
    )


def _is_stop(stops: Any, string: str) -> bool:
    return string.lower() in stops


def _member_of(values: tuple[str, ...]) -> Getter:
    """``text in values`` (a tuple of strings) as a set's C-level membership test."""
    return frozenset(values).__contains__


def _bracket_and_quote_getters() -> dict[Getter, Getter]:
    """spaCy's bracket and quote tests, which test membership in a tuple built on each call,
    as set membership: the tuples are read off the functions' constants."""
    found: dict[Getter, Getter] = {}
    for function in (base.is_bracket, base.is_quote, base.is_left_punct, base.is_right_punct):
        tuples = [c for c in function.__code__.co_consts if isinstance(c, tuple)]
        if len(tuples) == 1 and all(isinstance(v, str) for v in tuples[0]):
            found[function] = _member_of(tuples[0])
    return found


_SAME: dict[Getter, Getter] = {
    base.lower: str.lower,
    base.prefix: operator.itemgetter(0),
    base.suffix: operator.itemgetter(slice(-3, None)),
    base.is_alpha: str.isalpha,
    base.is_digit: str.isdigit,
    base.is_lower: str.islower,
    base.is_space: str.isspace,
    base.is_title: str.istitle,
    base.is_upper: str.isupper,
    base.is_ascii: str.isascii,
    base.is_punct: is_punct,
    base.is_currency: is_currency,
    base.like_url: like_url,
    base.like_email: like_email,
    english.like_num: like_num,
    **_bracket_and_quote_getters(),
}
"""spaCy's getter -> the same function, faster (the plain ``str`` methods are what spaCy's
one-line wrappers call)."""


def fast_getter(getter: Getter) -> Getter:
    """The faster equivalent of one of spaCy's lexical attribute getters, or ``getter`` itself
    when there is none."""
    if isinstance(getter, functools.partial):
        if getter.func is _get_attr_unless_lookup and not getter.keywords:
            default, lookups = getter.args
            if len(lookups) == 1 and isinstance(lookups[0], dict):
                if default is str.lower or default is base.lower:
                    return _LowerUnlessListed(lookups[0]).__getitem__
                return functools.partial(_lookup_or, fast_getter(default), lookups[0])
        elif getter.func is base.get_lang and not getter.args and set(getter.keywords) == {"lang"}:
            return _get_lang(getter.keywords["lang"])
        elif getter.func is base.is_stop and not getter.args and set(getter.keywords) == {"stops"}:
            return functools.partial(_is_stop, getter.keywords["stops"])
        return getter
    if getter is base.word_shape:
        return functools.partial(word_shape, ShapeMemo())  # a memo per vocabulary
    try:
        return _SAME.get(getter, getter)
    except TypeError:  # an unhashable callable
        return getter


def fast_getters(getters: Mapping[int, Getter]) -> dict[int, Getter]:
    """``getters`` (a vocabulary's ``lex_attr_getters``) with each of spaCy's own replaced by
    :func:`fast_getter`'s equivalent."""
    return {attr: fast_getter(getter) for attr, getter in getters.items()}
