"""Rows of the tables, built from the project's dataclasses (so they follow the contract)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from pipeline.ingest.records import Answer
from pipeline.ingest.replay import Rejected
from pipeline.lake.schemas import PARTITION_MONTH, QuarantineRecord
from pipeline.types import Extraction


def answer_row(
    answer: Answer, *, source: str, run_id: str, ingested_at: dt.datetime
) -> dict[str, Any]:
    """One ``answers`` row: the answer's fields plus hash, partition and provenance."""
    row = {f.name: getattr(answer, f.name) for f in dataclasses.fields(answer)}
    row["paragraphs"] = [dataclasses.asdict(p) for p in answer.paragraphs]
    row["tables"] = [dataclasses.asdict(t) for t in answer.tables]
    row.update(
        content_hash=answer.content_hash,
        answered_month=answer.answered_month,
        source=source,
        run_id=run_id,
        ingested_at=ingested_at,
    )
    return row


def extraction_rows(
    *,
    answer_id: int,
    answer_version: int,
    date_answered: dt.date,
    extraction: Extraction,
    run_id: str,
    extracted_at: dt.datetime,
) -> dict[str, list[dict[str, Any]]]:
    """The ``commitments``, ``time_expressions`` and ``quantities`` rows of one extraction.

    ``ordinal`` is the row's index in its list of the extraction: ``commitments.timexes`` and
    ``commitments.quantities`` hold ordinals of the same answer version's rows.
    """
    common = {
        "id": answer_id,
        "answer_version": answer_version,
        PARTITION_MONTH: date_answered.strftime("%Y-%m"),
        "date_answered": date_answered,
        "extractor_version": extraction.model_version,
        "run_id": run_id,
        "extracted_at": extracted_at,
    }
    lists: dict[str, Sequence[Any]] = {
        "commitments": extraction.commitments,
        "time_expressions": extraction.timexes,
        "quantities": extraction.quantities,
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for table, items in lists.items():
        rows = []
        for ordinal, item in enumerate(items):
            payload = dataclasses.asdict(item)
            for key in ("timexes", "quantities"):
                if key in payload:
                    payload[key] = list(payload[key])
            rows.append({**common, "ordinal": ordinal, **payload})
        out[table] = rows
    return out


def storable(text: str) -> str:
    """``text`` with any lone surrogate written as its escape (``"\\ud800"``), so that it can
    be encoded as UTF-8 (hashed, stored in Parquet); any other text is returned as it is.

    A quarantined record's raw JSON can hold one (a ``"\\ud800"`` escape decoded): escaped
    again, it stays the same JSON. A file name that is not UTF-8 decodes to them too.
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def quarantine_key(stage: str, source: str, raw: str) -> str:
    """The stable key of a quarantined record."""
    text = "\x1f".join((stage, source, raw))
    return hashlib.sha256(storable(text).encode("utf-8")).hexdigest()


def quarantine_record(
    rejected: Rejected,
    *,
    stage: str,
    run_id: str,
    at: dt.datetime,
    answer_version: int | None = None,
) -> QuarantineRecord:
    """A quarantine row for a rejected record (its texts made :func:`storable`)."""
    return QuarantineRecord(
        quarantine_key=quarantine_key(stage, rejected.source, rejected.raw),
        id=rejected.id,
        answer_version=answer_version,
        stage=stage,
        source=storable(rejected.source),
        error=storable(rejected.error),
        raw=storable(rejected.raw),
        run_id=run_id,
        quarantined_at=at,
    )


def record_row(record: Any) -> dict[str, Any]:
    """A dataclass row (``RunRecord``, ``QuarantineRecord``) as a mapping, nested ones too; its
    top-level texts made :func:`storable` (a run's error can quote what it failed on)."""
    row = dataclasses.asdict(record)
    return {k: storable(v) if isinstance(v, str) else v for k, v in row.items()}
