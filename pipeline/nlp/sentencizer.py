"""The ``pct_sentencizer`` component: spaCy's rule-based ``sentencizer``, read off token columns.

spaCy's ``Sentencizer.predict`` walks the Doc token by token, building a ``Token`` object for
each to read its text and ``is_punct`` flag; over the shared corpus (534k tokens) that is
0.10-0.11 s of CPU a pass. This component is that sentencizer with ``predict`` reading the two
columns it needs (``ORTH`` and ``IS_PUNCT``) with one ``Doc.to_array`` per Doc and deciding on
integers (:func:`sentence_starts`): 0.06 s, the same sentence starts
(``tests/nlp/test_sentencizer.py`` compares the two on the bundled answers and on edge cases).
Everything else (``set_annotations``, ``punct_chars``, ``overwrite``, serialisation, scoring) is
spaCy's.

Config (knobs only; spaCy's own): ``punct_chars`` (None: spaCy's default list), ``overwrite``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import Any

from spacy.attrs import IS_PUNCT, ORTH
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc


def sentence_starts(
    orth: Sequence[int], punct: Sequence[int], enders: AbstractSet[int]
) -> list[bool]:
    """Which tokens start a sentence, by spaCy's sentencizer rule: after a token whose text is
    one of the sentence-ending characters, the next token that is neither punctuation nor such a
    character starts a new sentence; the first token always starts one.

    Args:
        orth: Per token, the string id of its text.
        punct: Per token, 1 when its lexeme is punctuation (``IS_PUNCT``).
        enders: The string ids of the sentence-ending characters (``punct_chars``).
    """
    guesses = [False] * len(orth)
    if not guesses:
        return guesses
    guesses[0] = True
    start = 0
    seen_ender = False
    for i, text in enumerate(orth):
        ender = text in enders
        if seen_ender and not punct[i] and not ender:
            guesses[start] = True
            start = i
            seen_ender = False
        elif ender:
            seen_ender = True
    guesses[start] = True
    return guesses


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
                columns = doc.to_array([ORTH, IS_PUNCT])
                guesses.append(
                    sentence_starts(columns[:, 0].tolist(), columns[:, 1].tolist(), enders)
                )
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
