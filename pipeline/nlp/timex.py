"""The ``pct_timex`` component: time expressions, normalised against the answer date.

The component only wires: it reads the anchor date off the Doc, hands the text and sentence
spans to :func:`pipeline.nlp.timex_match.find_timexes` with its rules, and stores each
:class:`~pipeline.types.Timex` as a span in ``doc.spans["pct_timexes"]`` with the row's fields in
``Span._.pct_timex``. Rules are data (``models/<model>/pct_timex/*.jsonl``, see
:mod:`pipeline.nlp.timex_rules`), read and validated by ``from_disk``.

Config (knobs only):

- ``profile``: ``answers`` (GUIDELINES.md section 2: a range is one expression) or ``timeml``
  (TimeML/TempEval-3: a range's ends are separate expressions, adjectives such as "current" are
  marked).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.attrs import (
    TIMEX_ATTR,
    TIMEX_SPANS,
    doc_text,
    get_anchor,
    register_extensions,
    store_rows,
)
from pipeline.nlp.timex_match import LazySpans, MatchReadings, compile_plan, find_timexes
from pipeline.nlp.timex_rules import PROFILES, TimexRuleSet
from pipeline.types import Timex

NO_RULES_WARNING = (
    "[W-PCT001] The pct_timex component has no pattern rules loaded, so it finds nothing. "
    "Load them with from_disk (models/<model>/pct_timex/) or set_rules."
)


def sentence_spans(doc: Doc) -> list[tuple[int, int]] | None:
    """Character spans of the sentences of ``doc`` (None when no sentence boundaries are set),
    read from the token arrays rather than ``doc.sents`` (which builds a Span per sentence)."""
    if len(doc) == 0:
        return None
    array = doc.to_array([SENT_START, IDX])
    flags = array[:, 0]
    if not flags.any():
        return None
    starts = array[flags == 1, 1].tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = [*starts[1:], len(doc_text(doc))]
    return list(zip(starts, ends, strict=True))


@Language.factory(
    "pct_timex",
    assigns=["doc.spans", "span._.pct_timex"],
    default_config={"profile": "answers"},
)
def make_timex_tagger(nlp: Language, name: str, profile: str) -> TimexTagger:
    """Build the ``pct_timex`` component (rules come from ``from_disk``)."""
    return TimexTagger(nlp, name, profile=profile)


class TimexTagger:
    """Finds time expressions and stores them in ``doc.spans[TIMEX_SPANS]``.

    Args:
        nlp: The pipeline.
        name: The component's name.
        profile: ``answers`` or ``timeml`` (see the module docstring).
        rules: The rules; none until ``from_disk`` or ``set_rules``.

    Raises:
        ValueError: For an unknown profile.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "pct_timex",
        *,
        profile: str = "answers",
        rules: TimexRuleSet | None = None,
    ) -> None:
        if profile not in PROFILES:
            raise ValueError(
                f"[PCT104] pct_timex: config 'profile' has value {profile!r}; "
                f"allowed: {', '.join(PROFILES)}"
            )
        register_extensions()
        self.name = name
        self.profile = profile
        self.set_rules(rules or TimexRuleSet())

    def set_rules(self, rules: TimexRuleSet) -> None:
        """Replace the rules (and build their plan, :func:`compile_plan`); the readings of
        matches kept for the old ones (:class:`MatchReadings`) are dropped."""
        self.rules = rules
        self.readings = MatchReadings()
        compile_plan(rules.patterns, self.profile)

    def find(self, doc: Doc) -> list[Timex]:
        """The time expressions of ``doc``, resolved against its anchor."""
        text = doc_text(doc)
        sentences = LazySpans(lambda: sentence_spans(doc), len(text))  # read if ever needed
        return find_timexes(
            text,
            get_anchor(doc),
            self.rules,
            sentences,
            profile=self.profile,
            readings=self.readings,
        )

    def __call__(self, doc: Doc) -> Doc:
        """Find the time expressions of ``doc`` and store them; returns the Doc."""
        if not self.rules.patterns:
            warnings.warn(NO_RULES_WARNING, UserWarning, stacklevel=2)
        store_rows(doc, TIMEX_SPANS, TIMEX_ATTR, self.find(doc))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        """Write the rules as canonical JSONL files in ``path``."""
        Path(path).mkdir(parents=True, exist_ok=True)
        self.rules.to_disk(Path(path))

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> TimexTagger:
        """Read and validate the rules in ``path`` (a malformed rule raises a coded RuleError)."""
        self.set_rules(TimexRuleSet.from_disk(Path(path)))
        return self
