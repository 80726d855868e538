"""The ``pct_timex`` component: finds time expressions (frame; rules are filled in by the timex issue)."""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.attrs import TIMEX_ATTR, TIMEX_SPANS, register_extensions
from pipeline.types import Timex

logger = logging.getLogger(__name__)


@Language.factory(
    "pct_timex",
    assigns=["doc.spans", "span._.pct_timex"],
    default_config={},
)
def make_timex_tagger(nlp: Language, name: str) -> TimexTagger:
    """Build the ``pct_timex`` component."""
    return TimexTagger(nlp, name)


class TimexTagger:
    """Finds time expressions and stores them in ``doc.spans[TIMEX_SPANS]``."""

    def __init__(self, nlp: Language, name: str = "pct_timex") -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        rows: list[Timex] = []
        spans = []
        for row in rows:
            span = doc.char_span(row.char_start, row.char_end, alignment_mode="expand")
            if span is not None:
                span._.set(TIMEX_ATTR, asdict(row))
                spans.append(span)
        doc.spans[TIMEX_SPANS] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> TimexTagger:
        return self
