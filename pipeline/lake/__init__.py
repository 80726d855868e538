"""The lake: Delta Lake tables of answers, extractions, runs and quarantine.

Tables (``<lake>/<table>/``, Delta Lake: Parquet files plus a ``_delta_log`` transaction log):
``answers``, ``commitments``, ``time_expressions``, ``quantities`` (partitioned by
``answered_month=YYYY-MM``), ``runs`` and ``quarantine``. Schemas and the table registry are in
:mod:`pipeline.lake.schemas`, every read and write in :mod:`pipeline.lake.io`; ``docs/lake.md``
describes the columns.

Reading::

    from pipeline.lake import read_table, dataset
    answers = read_table("answers", current_only=True)        # pandas, corrections applied
    known_then = read_table("commitments", as_of=datetime.date(2025, 1, 31))  # time travel
    ds = dataset("commitments")                               # pyarrow dataset for DuckDB

The library API the CLI and the Prefect flows call (:mod:`pipeline.lake.jobs`)::

    ingest_window(source, start=None, end=None, *, lake=None, archive=None, batch_size=2000,
                  run_id=None, progress=None) -> IngestResult
    extract_answers(lake=None, start=None, end=None, *, nlp=None, n_process=1, batch_size=64,
                    write_every=500, run_id=None, progress=None) -> ExtractResult
    record_run(run: RunRecord, lake=None) -> WriteResult
    last_completed_window(lake=None, *, kind="ingest", source=None) -> Window | None
    mark_abandoned_runs(lake=None, *, stale_after=None) -> list[AbandonedRun]  # None: configured
    lake_tables(lake=None) -> list[TableInfo]
    export_lake(out_dir, lake=None, *, tables=None, current_only=True) -> list[ExportResult]
    compact_table(name, lake=None) -> CompactResult        # Delta OPTIMIZE, rows unchanged

``progress`` is called with ``(items done since the last call, total or None)``.

``source`` is ``"api"``, a replay path, or a :class:`pipeline.ingest.Source`; ``lake`` a path,
an object-store URL or a :class:`Lake` (with ``storage_options``; a bare URL takes them from the
``AWS_*`` environment variables), the configured root (``PCT_LAKE``, default ``data/lake``) when
None. A store that cannot be reached raises :class:`LakeStorageError` (an ``OSError``). Every
job records its row in ``runs`` and is safe to re-run (keyed merges); results are frozen
dataclasses with the counts and every table write (:class:`WriteResult`: table, path, version,
row counts).
"""

from __future__ import annotations

from pipeline.lake.io import (
    CompactResult,
    ExportResult,
    Lake,
    LakeError,
    LakeStorageError,
    TableInfo,
    WriteResult,
    compact_table,
    dataset,
    export_table,
    merge_rows,
    read_arrow,
    read_table,
    resolve_lake,
    table_info,
)
from pipeline.lake.jobs import (
    STALE_AFTER,
    AbandonedRun,
    ExtractResult,
    IngestResult,
    export_lake,
    extract_answers,
    ingest_window,
    lake_tables,
    last_completed_window,
    mark_abandoned_runs,
    new_run_id,
    record_run,
)
from pipeline.lake.schemas import SCHEMA_VERSION, TABLES, RunRecord, TableSpec, register_table

__all__ = [
    "SCHEMA_VERSION",
    "STALE_AFTER",
    "TABLES",
    "AbandonedRun",
    "CompactResult",
    "ExportResult",
    "ExtractResult",
    "IngestResult",
    "Lake",
    "LakeError",
    "LakeStorageError",
    "RunRecord",
    "TableInfo",
    "TableSpec",
    "WriteResult",
    "compact_table",
    "dataset",
    "export_lake",
    "export_table",
    "extract_answers",
    "ingest_window",
    "lake_tables",
    "last_completed_window",
    "mark_abandoned_runs",
    "merge_rows",
    "new_run_id",
    "read_arrow",
    "read_table",
    "record_run",
    "register_table",
    "resolve_lake",
    "table_info",
]
