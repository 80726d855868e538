"""The ``pct_commitment`` component: finds commitments (frame; rules are filled in by the commitment issue)."""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.attrs import COMMITMENT_ATTR, COMMITMENT_SPANS, register_extensions
from pipeline.types import Commitment

logger = logging.getLogger(__name__)


@Language.factory(
    "pct_commitment",
    assigns=["doc.spans", "span._.pct_commitment"],
    default_config={},
)
def make_commitment_tagger(nlp: Language, name: str) -> CommitmentTagger:
    """Build the ``pct_commitment`` component."""
    return CommitmentTagger(nlp, name)


class CommitmentTagger:
    """Finds commitments and stores them in ``doc.spans[COMMITMENT_SPANS]``."""

    def __init__(self, nlp: Language, name: str = "pct_commitment") -> None:
        register_extensions()
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        rows: list[Commitment] = []
        spans = []
        for row in rows:
            span = doc.char_span(row.char_start, row.char_end, alignment_mode="expand")
            if span is not None:
                span._.set(COMMITMENT_ATTR, asdict(row))
                spans.append(span)
        doc.spans[COMMITMENT_SPANS] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> CommitmentTagger:
        return self
