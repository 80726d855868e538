"""The audit and the lake: read extracted rows, write the ``initiatives`` and ``deadlines`` tables.

Every read and write goes through the lake's one I/O module (:mod:`pipeline.lake.io`), which
records each write's table, version and row counts. :func:`compute_deadlines` is what the nightly
flow calls: it reads the answers known by ``as_of``, runs :func:`~pipeline.audit.core.run_audit`,
writes the snapshot and returns the result, whose ``overdue`` property is the overdue list.

The ``deadlines`` table is partitioned by ``as_of``: writing a snapshot replaces that one
partition (rows of the same ``as_of`` no longer produced are deleted in the same commit), so an
auditor can read what was known on any audited day, and Delta's history keeps every rewrite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

import pyarrow.compute as pc

from pipeline.audit.core import AuditConfig, run_audit, sort_key
from pipeline.audit.inputs import answers_from_rows
from pipeline.audit.lexicon import Lexicon, load_lexicon
from pipeline.audit.records import (
    AnswerRecord,
    AuditResult,
    DeadlineRow,
    EvidenceItem,
    InitiativeRow,
)
from pipeline.lake.io import LakeLike, WriteResult, merge_rows, open_table, read_arrow, resolve_lake

ANSWER_COLUMNS = (
    "id",
    "answer_version",
    "date_answered",
    "date_corrected",
    "answering_body",
    "answer_text",
)
DEADLINES = "deadlines"
INITIATIVES = "initiatives"


def load_answers(lake: LakeLike = None, as_of: dt.date | None = None) -> list[AnswerRecord]:
    """Every answer version answered by ``as_of`` (all when None), with its commitments and
    time expressions, from the lake's ``answers``, ``commitments`` and ``time_expressions`` tables.

    Raises:
        pipeline.lake.io.LakeError: When the ``answers`` table does not exist.
    """
    target = resolve_lake(lake)
    where = (pc.field("date_answered") <= as_of) if as_of is not None else None
    answers = read_arrow("answers", target, columns=list(ANSWER_COLUMNS), filter=where).to_pylist()
    extracted: dict[str, list[dict[str, Any]]] = {}
    for name in ("commitments", "time_expressions"):
        extracted[name] = (
            read_arrow(name, target, filter=where).to_pylist() if open_table(name, target) else []
        )
    return answers_from_rows(answers, extracted["commitments"], extracted["time_expressions"])


def deadline_rows(
    result: AuditResult, lexicon_version: str, computed_at: dt.datetime
) -> list[dict[str, Any]]:
    """The ``deadlines`` table rows of a result (dates kept as dates, evidence as structs)."""
    return [
        {**dataclasses.asdict(row), "lexicon_version": lexicon_version, "computed_at": computed_at}
        for row in result.rows
    ]


def initiative_table_rows(
    rows: Iterable[InitiativeRow], lexicon_version: str, computed_at: dt.datetime
) -> list[dict[str, Any]]:
    """The ``initiatives`` table rows (with the ``answered_month`` partition column)."""
    return [
        {
            **dataclasses.asdict(row),
            "answered_month": row.date_answered.strftime("%Y-%m"),
            "lexicon_version": lexicon_version,
            "computed_at": computed_at,
        }
        for row in rows
    ]


def write_snapshot(
    result: AuditResult,
    lake: LakeLike = None,
    *,
    lexicon_version: str = "",
    run_id: str | None = None,
) -> dict[str, WriteResult]:
    """Write ``result`` to the ``deadlines`` (its ``as_of`` partition) and ``initiatives`` tables.

    Args:
        result: An audit result.
        lake: The lake; the configured one when None.
        lexicon_version: The audit lexicon's version, stored with every row.
        run_id: Recorded in the Delta commits.

    Returns:
        Each table's write (path, version, rows inserted/updated/deleted).
    """
    target = resolve_lake(lake)
    now = dt.datetime.now(dt.UTC)
    written = {
        DEADLINES: merge_rows(
            DEADLINES,
            deadline_rows(result, lexicon_version, now),
            target,
            scope={"as_of": [result.as_of]},
            run_id=run_id,
        ),
    }
    ids = sorted({row.id for row in result.initiatives})
    written[INITIATIVES] = merge_rows(
        INITIATIVES,
        initiative_table_rows(result.initiatives, lexicon_version, now),
        target,
        scope={"id": ids} if ids else None,
        run_id=run_id,
    )
    return written


def compute_deadlines(
    lake: LakeLike = None,
    as_of: dt.date | None = None,
    *,
    config: AuditConfig | None = None,
    lexicon: Lexicon | None = None,
    write: bool = True,
    run_id: str | None = None,
) -> AuditResult:
    """Compute the deadline snapshot as of a date from the lake, write it, and return it.

    This is what the nightly flow calls; ``result.overdue`` is the overdue list (most overdue
    first) to publish as an artifact.

    Args:
        lake: The lake; the configured one when None.
        as_of: The date statuses hold for; today when None.
        config: Audit thresholds and defaults.
        lexicon: The audit rules; the bundled lexicon when None.
        write: Write the ``deadlines`` and ``initiatives`` tables (False: compute only).
        run_id: Recorded in the Delta commits.

    Returns:
        The result, with ``written`` naming each table's path, version and row counts.
    """
    as_of = as_of or dt.date.today()
    lexicon = lexicon or load_lexicon()
    result = run_audit(load_answers(lake, as_of), as_of, config=config, lexicon=lexicon)
    if not write:
        return result
    writes = write_snapshot(result, lake, lexicon_version=lexicon.version, run_id=run_id)
    return dataclasses.replace(
        result,
        written={
            name: {
                "path": w.path,
                "version": w.version,
                "rows": w.rows_source,
                "inserted": w.rows_inserted,
                "updated": w.rows_updated,
                "deleted": w.rows_deleted,
            }
            for name, w in writes.items()
        },
    )


def read_snapshot(lake: LakeLike = None, as_of: dt.date | None = None) -> list[DeadlineRow]:
    """The stored ``deadlines`` rows of one ``as_of`` (the latest snapshot when None).

    Raises:
        pipeline.lake.io.LakeError: When the table does not exist.
    """
    target = resolve_lake(lake)
    if as_of is None:
        dates = read_arrow(DEADLINES, target, columns=["as_of"]).column("as_of").to_pylist()
        if not dates:
            return []
        as_of = max(dates)
    table = read_arrow(DEADLINES, target, filter=pc.field("as_of") == as_of)
    names = {f.name for f in dataclasses.fields(DeadlineRow)}
    rows = []
    for record in table.to_pylist():
        data = {k: v for k, v in record.items() if k in names}
        data["initiatives"] = tuple(data.get("initiatives") or ())
        data["evidence"] = tuple(EvidenceItem(**e) for e in data.get("evidence") or ())
        rows.append(DeadlineRow(**data))
    return sorted(rows, key=sort_key)
