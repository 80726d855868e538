"""The ``pct_quantity`` component: finds quantities (frame; rules are filled in by the quantity issue)."""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.attrs import QUANTITY_ATTR, QUANTITY_SPANS, register_extensions
from pipeline.types import Quantity

logger = logging.getLogger(__name__)


@Language.factory(
    "pct_quantity",
    assigns=["doc.spans", "span._.pct_quantity"],
    default_config={},
)
def make_quantity_tagger(nlp: Language, name: str) -> QuantityTagger:
    """Build the ``pct_quantity`` component."""
    return QuantityTagger(nlp, name)


class QuantityTagger:
    """Finds quantities and stores them in ``doc.spans[QUANTITY_SPANS]``."""

    def __init__(self, nlp: Language, name: str = "pct_quantity") -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        rows: list[Quantity] = []
        spans = []
        for row in rows:
            span = doc.char_span(row.char_start, row.char_end, alignment_mode="expand")
            if span is not None:
                span._.set(QUANTITY_ATTR, asdict(row))
                spans.append(span)
        doc.spans[QUANTITY_SPANS] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> QuantityTagger:
        return self
