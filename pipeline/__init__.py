"""Policy-commitment tracker: extract, store and audit commitments in UK written answers.

The contract every evaluation relies on::

    from pipeline import extract
    result = extract(text, anchor=datetime.date(2024, 3, 25))
    result.timexes, result.quantities, result.commitments

Submodules: ``engine`` (spaCy rule model), ``ingest`` (API client, replay, HTML to text),
``lake`` (Delta Lake tables), ``audit`` (deadline statuses), ``cli`` (the ``commitments``
command). The engine is imported lazily so that data-only users do not pay for spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.types import Commitment, Extraction, Quantity, Timex

__version__ = "0.1.0"
__all__ = [
    "Commitment",
    "Extraction",
    "Quantity",
    "Timex",
    "__version__",
    "extract",
    "extract_batch",
]

if TYPE_CHECKING:
    from pipeline.engine import extract, extract_batch


def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_batch", "load_model", "TextItem"):
        from pipeline import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
