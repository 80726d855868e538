"""The engine's Python API: load the rule model and turn text into an :class:`Extraction`.

``extract(text, anchor)`` is the contract every evaluation relies on. ``extract_batch`` streams
many texts through ``nlp.pipe`` (optionally over several processes) for throughput.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp import attrs
from pipeline.settings import get_settings
from pipeline.types import Commitment, Extraction, Quantity, Timex

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class TextItem:
    """One text to analyse.

    Attributes:
        text: The plain text.
        anchor: The date relative expressions are resolved against (the answer date).
        answering_body: The answering department, for resolving "we"/"the department".
        key: Caller's identifier, handed back untouched with the result.
    """

    text: str
    anchor: dt.date | None
    answering_body: str | None = None
    key: Any = None


@functools.cache
def load_model(path: str | Path | None = None) -> Language:
    """Load the rule model (cached per path). ``None`` loads the configured default."""
    import pipeline.nlp  # noqa: F401  (registers factories when not installed as a package)

    return spacy.load(Path(path) if path is not None else get_settings().model)


def model_version(nlp: Language) -> str:
    """``<name>-<version>`` of a loaded rule model, recorded with every extracted row."""
    return f"{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0.0.0')}"


def _rows(doc: Doc, key: str, attr: str, cls: type[T]) -> list[T]:
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    rows = []
    for span in doc.spans.get(key, []):
        payload = span._.get(attr)
        if payload is None:
            continue
        data = {k: v for k, v in payload.items() if k in names}
        for k in ("timexes", "quantities"):
            if k in data and isinstance(data[k], list):
                data[k] = tuple(data[k])
        rows.append(cls(**data))
    rows.sort(key=lambda r: (r.char_start, r.char_end))  # type: ignore[attr-defined]
    return rows


def doc_to_extraction(doc: Doc, version: str = "") -> Extraction:
    """Read the components' results off a processed Doc."""
    anchor = attrs.get_anchor(doc) or dt.date.min
    return Extraction(
        text=attrs.doc_text(doc),
        anchor=anchor,
        timexes=_rows(doc, attrs.TIMEX_SPANS, attrs.TIMEX_ATTR, Timex),
        quantities=_rows(doc, attrs.QUANTITY_SPANS, attrs.QUANTITY_ATTR, Quantity),
        commitments=_rows(doc, attrs.COMMITMENT_SPANS, attrs.COMMITMENT_ATTR, Commitment),
        model_version=version,
    )


def make_doc(nlp: Language, item: TextItem) -> Doc:
    """Tokenise ``item.text`` and attach its context, ready for the pipeline."""
    return attrs.set_context(
        nlp.make_doc(item.text), item.anchor, item.answering_body, text=item.text
    )


def extract(
    text: str,
    anchor: dt.date | None,
    *,
    answering_body: str | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Extract time expressions, quantities and commitments from ``text``.

    Args:
        text: Plain text (an answer with HTML removed, paragraphs separated by blank lines).
        anchor: The answer date; relative expressions ("next year") resolve against it. With
            None, relative expressions are found but left unresolved.
        answering_body: The answering department, used to resolve "we"/"the department".
        nlp: A loaded rule model; the configured default model when None.

    Returns:
        The extraction, with offsets into ``text``.
    """
    nlp = nlp or load_model()
    doc = nlp(make_doc(nlp, TextItem(text, anchor, answering_body)))
    result = doc_to_extraction(doc, model_version(nlp))
    if anchor is not None:
        result.anchor = anchor
    return result


def extract_batch(
    items: Iterable[TextItem],
    *,
    nlp: Language | None = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[tuple[TextItem, Extraction]]:
    """Stream ``items`` through the pipeline, yielding each item with its extraction in order.

    Args:
        items: Texts with their anchors; consumed lazily.
        nlp: A loaded rule model; the configured default model when None.
        batch_size: Docs per batch handed to ``nlp.pipe``.
        n_process: Worker processes for ``nlp.pipe`` (1 = in this process).
    """
    nlp = nlp or load_model()
    version = model_version(nlp)

    def tuples() -> Iterator[tuple[Doc, TextItem]]:
        for item in items:
            yield make_doc(nlp, item), item

    for doc, item in nlp.pipe(tuples(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        result = doc_to_extraction(doc, version)
        if item.anchor is not None:
            result.anchor = item.anchor
        yield item, result
