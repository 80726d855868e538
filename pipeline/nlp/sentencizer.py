"""The ``pct_sentencizer`` component: spaCy's rule-based ``sentencizer``, read off token columns.

spaCy's ``Sentencizer.predict`` walks the Doc token by token, building a ``Token`` object for
each to read its text and ``is_punct`` flag; over the shared corpus (534k tokens) that is
0.10-0.11 s of CPU a pass. This component is that sentencizer with ``predict`` reading the ``ORTH``
column with one ``Doc.to_array`` per Doc (:func:`~pipeline.nlp.attrs.token_column`, which keeps
it on a sealed Doc for the components after it) and deciding on integers (:func:`sentence_starts`),
which looks for the enders by a set lookup and reads ``is_punct`` only for the tokens right
after one: 0.045 s (0.057 s with the ``IS_PUNCT`` column read too), the same sentence starts
(``tests/nlp/test_sentencizer.py`` compares the two on the bundled answers and on edge cases).
Everything else (``set_annotations``, ``punct_chars``, ``overwrite``, serialisation, scoring) is
spaCy's.

Config (knobs only; spaCy's own): ``punct_chars`` (None: spaCy's default list), ``overwrite``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from itertools import compress
from typing import Any, Protocol

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

from pipeline.nlp.attrs import token_column


class Flags(Protocol):
    """Per-token flags read by position (a list, or :class:`_PunctFlags`)."""

    def __getitem__(self, i: int, /) -> int | bool: ...


def sentence_starts(orth: Sequence[int], punct: Flags, enders: AbstractSet[int]) -> list[bool]:
    """Which tokens start a sentence, by spaCy's sentencizer rule: after a token whose text is
    one of the sentence-ending characters, the next token that is neither punctuation nor such a
    character starts a new sentence; the first token always starts one.

    The tokens are read from each ender on (enders are found by a set lookup over ``orth``), so
    ``punct`` is read only at the few tokens that follow one.

    Args:
        orth: Per token, the string id of its text.
        punct: Per token, 1 when its lexeme is punctuation (``IS_PUNCT``).
        enders: The string ids of the sentence-ending characters (``punct_chars``).
    """
    n = len(orth)
    guesses = [False] * n
    if not n:
        return guesses
    guesses[0] = True
    after = 0  # the start found after the last ender looked at: enders before it lead to it
    for ender in compress(range(n), map(enders.__contains__, orth)):
        if ender < after:
            continue
        i = ender + 1
        while i < n and (punct[i] or orth[i] in enders):
            i += 1
        if i == n:
            break
        guesses[i] = True
        after = i
    return guesses


class _PunctFlags:
    """``IS_PUNCT`` of a Doc's tokens, read per token when asked (``sentence_starts`` asks for a
    few tokens per sentence, not for the whole column)."""

    __slots__ = ("_doc",)

    def __init__(self, doc: Doc) -> None:
        self._doc = doc

    def __getitem__(self, i: int) -> bool:
        return bool(self._doc[i].is_punct)


class ColumnSentencizer(Sentencizer):
    """spaCy's ``Sentencizer`` whose ``predict`` reads token columns (see the module docstring).

    The string ids of ``punct_chars`` are worked out again whenever ``punct_chars`` is replaced
    (``from_disk``, ``from_bytes`` or an assignment); a set changed in place is not noticed.
    """

    _enders_of: Any = None
    _enders: frozenset[int] = frozenset()

    def _ender_ids(self) -> frozenset[int]:
        if self._enders_of is not self.punct_chars:
            self._enders = frozenset(get_string_id(c) for c in self.punct_chars)
            self._enders_of = self.punct_chars
        return self._enders

    def predict(self, docs: Iterable[Doc]) -> list[list[bool]]:
        """Sentence starts per Doc, as spaCy's ``Sentencizer.predict`` gives them."""
        enders = self._ender_ids()
        guesses = []
        for doc in docs:
            if len(doc):
                orth = token_column(doc, ORTH)
                guesses.append(sentence_starts(orth, _PunctFlags(doc), enders))
            else:
                guesses.append([])
        return guesses


@Language.factory(
    "pct_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={
        "punct_chars": None,
        "overwrite": False,
        "scorer": {"@scorers": "spacy.senter_scorer.v1"},
    },
    default_score_weights={"sents_f": 1.0, "sents_p": 0.0, "sents_r": 0.0},
)
def make_sentencizer(
    nlp: Language,
    name: str,
    punct_chars: list[str] | None,
    overwrite: bool,
    scorer: Callable[..., Any] | None,
) -> ColumnSentencizer:
    """Build the ``pct_sentencizer`` component (spaCy's ``sentencizer`` knobs)."""
    return ColumnSentencizer(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)
