"""Names of the places where the components put their results, and the per-doc context.

Components write spans to ``doc.spans[<KEY>]`` and each span's payload (the row's fields as
JSON-serialisable primitives) to ``Span._.<ATTR>``. The context a component needs beyond the
text (the anchor date, the answering body) travels on the Doc as ``Doc._.pct_anchor`` and
``Doc._.pct_answering_body`` (ISO date string and name), so docs survive ``nlp.pipe(n_process>1)``.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

TIMEX_SPANS = "pct_timexes"
QUANTITY_SPANS = "pct_quantities"
COMMITMENT_SPANS = "pct_commitments"

TIMEX_ATTR = "pct_timex"
QUANTITY_ATTR = "pct_quantity"
COMMITMENT_ATTR = "pct_commitment"

ANCHOR_ATTR = "pct_anchor"
BODY_ATTR = "pct_answering_body"


def register_extensions() -> None:
    """Register the project's Doc and Span extensions (idempotent)."""
    for name in (ANCHOR_ATTR, BODY_ATTR):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in (TIMEX_ATTR, QUANTITY_ATTR, COMMITMENT_ATTR):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def set_context(doc: Doc, anchor: dt.date | None, answering_body: str | None = None) -> Doc:
    """Attach the anchor date and answering body to ``doc`` before the pipeline runs."""
    register_extensions()
    doc._.set(ANCHOR_ATTR, anchor.isoformat() if anchor else None)
    doc._.set(BODY_ATTR, answering_body)
    return doc


def get_anchor(doc: Doc) -> dt.date | None:
    """The anchor date attached to ``doc``, or None when there is none."""
    register_extensions()
    value = doc._.get(ANCHOR_ATTR)
    return dt.date.fromisoformat(value) if value else None


def get_answering_body(doc: Doc) -> str | None:
    """The answering body attached to ``doc``, or None."""
    register_extensions()
    value = doc._.get(BODY_ATTR)
    return str(value) if value else None


register_extensions()
