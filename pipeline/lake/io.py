"""All table I/O: create, merge, read (with time travel), describe and export Delta tables.

Nothing else in the project opens a table. Every write goes through :func:`merge_rows`, which
returns (and logs) a :class:`WriteResult` with the table's path, its version after the write and
the row counts; the jobs keep them in the run's row of ``runs``.

Writes are Delta ``MERGE`` statements joined on the table's merge keys (and partition columns,
which lets Delta skip other partitions): a row whose key is new is inserted, a row whose content
changed (``row_hash`` differs) is rewritten, an unchanged row is left alone, so a re-run commits
nothing. With a *scope* (extracted rows), rows of the scope that the new batch no longer has are
deleted in the same commit. A Delta commit is atomic: a writer killed mid-write leaves the table
at its previous version (the orphaned Parquet files are never read, and ``vacuum`` removes them).

Schema changes are explicit: merges run with ``merge_schema=True`` (Delta's
``schema_mode="merge"``), so a column added to a spec is added to the table; nothing is dropped
or retyped. Table properties carry ``pct.schema_version``, ``pct.extractor_version`` (extraction
tables) and ``pct.attribution`` (the Open Parliament Licence notice).

The lake root is a local folder (default ``data/lake``) or any URL deltalake supports
(``s3://bucket/lake`` with ``storage_options``); see :class:`Lake`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import random
import re
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from deltalake import CommitProperties, DeltaTable
from deltalake.exceptions import CommitFailedError, TableNotFoundError
from pyarrow.fs import LocalFileSystem, SubTreeFileSystem

from pipeline.lake.schemas import ROW_HASH, SCHEMA_VERSION, TableSpec, WriteRecord, get_spec
from pipeline.settings import ATTRIBUTION, get_settings

logger = logging.getLogger(__name__)

PROP_SCHEMA_VERSION = "pct.schema_version"
PROP_EXTRACTOR_VERSION = "pct.extractor_version"
PROP_ATTRIBUTION = "pct.attribution"
PROP_TABLE = "pct.table"
AsOf = int | dt.date | dt.datetime | str | None


class LakeError(RuntimeError):
    """A table cannot be read or written as asked (a readable one-line message)."""


class LakeStorageError(OSError):
    """The lake's storage failed a request: an object store that cannot be reached, a missing
    bucket, refused credentials (a readable one-line message; the store's error is chained).

    An :class:`OSError`, not a :class:`LakeError`: callers that take a ``LakeError`` to mean
    "no such table yet" must not read an outage as an empty lake, and the flows retry it.
    """


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_S3_ERROR_BODY = re.compile(
    r"<\?xml.*?<Code>(?P<code>[^<]*)</Code>\s*<Message>(?P<message>[^<]*)</Message>.*?</Error>",
    re.DOTALL,
)


def store_error_text(err: BaseException) -> str:
    """An object store's error as one readable line.

    deltalake renders the store's cause chain one cause a line, with colour codes and arrows
    (where the store's own message had ``: ``), and S3 failures end in the XML error body; this
    joins the causes with ``: `` again and keeps the body's code and message
    (``... 404 Not Found: NoSuchBucket: The specified bucket does not exist``).
    """
    text = _S3_ERROR_BODY.sub(lambda m: f"{m['code']}: {m['message']}", _ANSI.sub("", str(err)))
    causes = (" ".join(line.replace("↳", " ").split()) for line in text.splitlines())
    return ": ".join(c for c in causes if c) or type(err).__name__


@dataclass(frozen=True, slots=True)
class Lake:
    """Where the tables live.

    Attributes:
        root: A local folder or an object-store URL (``s3://bucket/lake``, ``az://...``).
        storage_options: deltalake storage options (credentials, region, endpoint) for a URL.
    """

    root: str
    storage_options: dict[str, str] | None = field(default=None, hash=False, compare=False)

    @property
    def is_local(self) -> bool:
        """True for a local folder (``file://`` or a plain path)."""
        return "://" not in self.root or self.root.startswith("file://")

    def uri(self, table: str) -> str:
        """The table's URI: ``<root>/<table>``."""
        return f"{self.root.rstrip('/')}/{table}"

    def __str__(self) -> str:
        return self.root


LakeLike = Lake | str | Path | None


def resolve_lake(lake: LakeLike = None) -> Lake:
    """A :class:`Lake` from a Lake, a path or URL, or None (the configured root)."""
    if isinstance(lake, Lake):
        return lake
    root = str(lake) if lake is not None else get_settings().lake
    if "://" not in root:
        root = str(Path(root).expanduser().resolve())
    return Lake(root)


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one write did.

    Attributes:
        table: Table name.
        path: Table URI.
        version: Delta version after the write (unchanged when nothing changed).
        rows_source: Rows handed to the write.
        rows_inserted: Rows added.
        rows_updated: Rows rewritten (content changed).
        rows_deleted: Rows removed from the scope.
        rows_dropped: Rows handed in with a key already in the batch (the last one is kept).
        seconds: Wall time of the write.
    """

    table: str
    path: str
    version: int
    rows_source: int
    rows_inserted: int
    rows_updated: int
    rows_deleted: int
    rows_dropped: int
    seconds: float

    def record(self) -> WriteRecord:
        """The write as the ``runs`` table keeps it."""
        return WriteRecord(
            self.table,
            self.path,
            self.version,
            self.rows_source,
            self.rows_inserted,
            self.rows_updated,
            self.rows_deleted,
            self.rows_dropped,
        )


@dataclass(frozen=True, slots=True)
class TableInfo:
    """A table's state.

    Attributes:
        name: Table name.
        path: Table URI.
        exists: False when nothing was written yet.
        version: Current Delta version (-1 when absent).
        rows: Row count (all answer versions).
        files: Parquet files in the current version.
        schema_version: ``pct.schema_version`` property.
        extractor_version: ``pct.extractor_version`` property, for extraction tables.
        partition_by: Partition columns.
    """

    name: str
    path: str
    exists: bool
    version: int = -1
    rows: int = 0
    files: int = 0
    schema_version: str | None = None
    extractor_version: str | None = None
    partition_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportResult:
    """One exported snapshot.

    Attributes:
        table: Table name.
        path: The Parquet file written.
        rows: Rows in it.
        delta_version: The table version exported.
        current_only: Superseded answer versions were left out.
    """

    table: str
    path: Path
    rows: int
    delta_version: int
    current_only: bool


def table_properties(spec: TableSpec, extractor_version: str | None = None) -> dict[str, str]:
    """The Delta table properties written with every table."""
    props = {
        PROP_TABLE: spec.name,
        PROP_SCHEMA_VERSION: str(SCHEMA_VERSION),
        PROP_ATTRIBUTION: ATTRIBUTION,
    }
    if extractor_version:
        props[PROP_EXTRACTOR_VERSION] = extractor_version
    return props


def open_table(name: str, lake: LakeLike = None) -> DeltaTable | None:
    """The table at its latest version, or None when it does not exist yet.

    Raises:
        LakeStorageError: When the storage fails the request (unreachable store, no bucket,
            refused credentials): such a lake is not an empty one.
    """
    target = resolve_lake(lake)
    try:
        return DeltaTable(target.uri(name), storage_options=target.storage_options)
    except TableNotFoundError:
        return None
    except OSError as err:  # deltalake's object-store failures are bare OSErrors
        raise LakeStorageError(
            f"cannot open table {name!r} at {target.uri(name)}: {store_error_text(err)}"
        ) from err


def ensure_table(
    name: str, lake: LakeLike = None, *, extractor_version: str | None = None
) -> DeltaTable:
    """The table, created empty (version 0, with its properties) when it does not exist.

    Raises:
        LakeError: When deltalake refuses to create it.
        LakeStorageError: When the storage fails the request.
    """
    target = resolve_lake(lake)
    table = open_table(name, target)
    if table is not None:
        return table
    spec = get_spec(name)
    if target.is_local:
        Path(target.uri(name).removeprefix("file://")).mkdir(parents=True, exist_ok=True)
    try:
        return DeltaTable.create(
            target.uri(name),
            spec.schema,
            mode="ignore",
            partition_by=list(spec.partition_by) or None,
            name=spec.name,
            description=spec.description,
            configuration=table_properties(spec, extractor_version),
            storage_options=target.storage_options,
            raise_if_key_not_exists=False,
        )
    except OSError as err:  # the store failed: retryable, and not a bad table
        raise LakeStorageError(
            f"cannot create table {name!r} at {target.uri(name)}: {store_error_text(err)}"
        ) from err
    except Exception as err:  # deltalake raises several types; one readable line
        raise LakeError(
            f"cannot create table {name!r} at {target.uri(name)}: {store_error_text(err)}"
        ) from err


def _jsonable(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    raise TypeError(f"cannot hash {type(value).__name__}")


def row_hashes(table: pa.Table, volatile: Iterable[str] = ()) -> pa.Array:
    """SHA-256 of each row's content (volatile columns and ``row_hash`` left out)."""
    skip = {ROW_HASH, *volatile}
    content = table.select([c for c in table.column_names if c not in skip])
    hashes = [
        hashlib.sha256(
            json.dumps(row, sort_keys=True, default=_jsonable, ensure_ascii=False).encode()
        ).hexdigest()
        for row in content.to_pylist()
    ]
    return pa.array(hashes, pa.string())


def to_arrow(name: str, rows: pa.Table | Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows as an arrow table in the table's schema, ``row_hash`` filled in.

    Raises:
        LakeError: When a row has columns the schema does not know or lacks a key.
    """
    spec = get_spec(name)
    schema = spec.schema
    loose = pa.schema([f.with_nullable(True) if f.name == ROW_HASH else f for f in schema])
    if isinstance(rows, pa.Table):
        unknown = [c for c in rows.column_names if c not in schema.names]
        if unknown:
            raise LakeError(f"table {name!r}: unknown column(s) {unknown}")
        try:
            columns = [
                rows.column(f.name).cast(f.type)
                if f.name in rows.column_names
                else pa.nulls(rows.num_rows, f.type)
                for f in loose
            ]
            table = pa.Table.from_arrays(columns, schema=loose)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as err:
            raise LakeError(f"table {name!r}: rows do not fit the schema: {err}") from err
    else:
        unknown = sorted({k for row in rows for k in row} - set(schema.names))
        if unknown:
            raise LakeError(f"table {name!r}: unknown column(s) {unknown}")
        try:
            table = pa.Table.from_pylist(list(rows), schema=loose)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as err:
            raise LakeError(f"table {name!r}: rows do not fit the schema: {err}") from err
    hashes = row_hashes(table, spec.volatile)
    table = table.set_column(
        table.schema.get_field_index(ROW_HASH),
        pa.field(ROW_HASH, pa.string(), nullable=False),
        hashes,
    )
    for key in spec.join_columns:
        if table.column(key).null_count:
            raise LakeError(f"table {name!r}: null in key column {key!r}")
    return table.cast(schema)


def dedupe(table: pa.Table, keys: Sequence[str]) -> tuple[pa.Table, int]:
    """Keep the last row of each key (a merge must not see one key twice); and how many went."""
    if table.num_rows < 2:
        return table, 0
    indexed = table.select(list(keys)).append_column(
        "_i", pa.array(range(table.num_rows), pa.int64())
    )
    last = (
        indexed.group_by(list(keys), use_threads=False).aggregate([("_i", "max")]).column("_i_max")
    )
    if len(last) == table.num_rows:
        return table, 0
    keep = pc.take(last, pc.sort_indices(last))
    return table.take(keep), table.num_rows - len(keep)


def _quote(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def scope_predicate(scope: Mapping[str, Iterable[Any]], alias: str = "t") -> str:
    """SQL for "the target row's column is one of these values", ANDed over columns.

    ``{"id": [1, 2]}`` -> ``t."id" IN (1, 2)``.
    """
    parts = []
    for column, values in scope.items():
        literals = sorted({_literal(v) for v in values})
        if not literals:
            return "false"
        parts.append(f"{alias}.{_quote(column)} IN ({', '.join(literals)})")
    return " AND ".join(parts) if parts else "true"


COMMIT_RETRIES = 8


def _backoff(attempt: int) -> float:
    """Seconds to wait before commit retry ``attempt``: exponential from 50 ms, full jitter."""
    return random.Random().uniform(0, min(2.0, 0.05 * 2**attempt))


def _merge(
    dt_table: DeltaTable,
    rows: pa.Table,
    predicate: str,
    metadata: dict[str, Any],
    scope: Mapping[str, Iterable[Any]] | None,
) -> dict[str, Any]:
    """One keyed merge commit: changed rows updated, new rows inserted, scope rows replaced."""
    merger = (
        dt_table.merge(
            rows,
            predicate=predicate,
            source_alias="s",
            target_alias="t",
            merge_schema=True,
            commit_properties=CommitProperties(custom_metadata=metadata),
        )
        .when_matched_update_all(predicate=f"t.{_quote(ROW_HASH)} <> s.{_quote(ROW_HASH)}")
        .when_not_matched_insert_all()
    )
    if scope is not None:
        merger = merger.when_not_matched_by_source_delete(scope_predicate(scope))
    return dict(merger.execute())


def merge_rows(
    name: str,
    rows: pa.Table | Sequence[Mapping[str, Any]],
    lake: LakeLike = None,
    *,
    scope: Mapping[str, Iterable[Any]] | None = None,
    run_id: str | None = None,
    extractor_version: str | None = None,
) -> WriteResult:
    """Merge rows into a table on its keys; the only way the project writes a table.

    Args:
        name: A registered table.
        rows: Rows as an arrow table or mappings (missing columns become null).
        lake: The lake; the configured one when None.
        scope: Replace a scope: target rows matching it (``{"id": [...]}``) that are not in
            ``rows`` are deleted in the same commit (the extracted rows of re-extracted answers).
        run_id: Recorded in the commit's metadata.
        extractor_version: Recorded in the commit and the table properties.

    Returns:
        The table's path, version after the write and the row counts.

    Raises:
        LakeError: When the rows do not fit the table or the write fails (the table is left at
            its previous version).
        LakeStorageError: When the storage fails the request (the table is left as it was).
    """
    started = time.perf_counter()
    spec = get_spec(name)
    target = resolve_lake(lake)
    table_rows = to_arrow(name, rows)
    table_rows, dropped = dedupe(table_rows, spec.join_columns)
    if dropped:
        logger.warning("%s: %d rows with a repeated key dropped before the merge", name, dropped)
    dt_table = ensure_table(name, target, extractor_version=extractor_version)
    before = dt_table.version()
    if table_rows.num_rows == 0 and scope is None:
        return WriteResult(
            name, target.uri(name), before, 0, 0, 0, 0, dropped, time.perf_counter() - started
        )
    predicate = " AND ".join(f"t.{_quote(c)} = s.{_quote(c)}" for c in spec.join_columns)
    metadata: dict[str, Any] = {"pct.operation": "merge"}
    if run_id:
        metadata["pct.run_id"] = run_id
    if extractor_version:
        metadata[PROP_EXTRACTOR_VERSION] = extractor_version
    attempt = 0
    while True:
        try:
            metrics = _merge(dt_table, table_rows, predicate, metadata, scope)
            break
        except CommitFailedError as err:
            # Another writer committed first (parallel back-fill windows share `runs` and the
            # extraction tables). The merge is keyed, so it is safe to reload and merge again.
            attempt += 1
            if attempt > COMMIT_RETRIES:
                raise LakeError(
                    f"merge into {name!r} failed after {attempt} commit conflicts "
                    f"(table left at version {dt_table.version()}): {err}"
                ) from err
            logger.info("%s: commit conflict, retrying (%d/%d)", name, attempt, COMMIT_RETRIES)
            time.sleep(_backoff(attempt))
            dt_table.update_incremental()
        except OSError as err:  # the store failed mid-merge; the table is unchanged
            raise LakeStorageError(
                f"merge into {name!r} failed (table left at version {before}): "
                f"{store_error_text(err)}"
            ) from err
        except Exception as err:  # deltalake raises several types; the table is unchanged
            raise LakeError(
                f"merge into {name!r} failed (table left at version {before}): "
                f"{store_error_text(err)}"
            ) from err
    _update_properties(dt_table, spec, extractor_version)
    result = WriteResult(
        table=name,
        path=target.uri(name),
        version=dt_table.version(),
        rows_source=table_rows.num_rows,
        rows_inserted=int(metrics.get("num_target_rows_inserted", 0)),
        rows_updated=int(metrics.get("num_target_rows_updated", 0)),
        rows_deleted=int(metrics.get("num_target_rows_deleted", 0)),
        rows_dropped=dropped,
        seconds=time.perf_counter() - started,
    )
    logger.info(
        "wrote %s: version %d, %d rows in (%d inserted, %d updated, %d deleted) at %s",
        name,
        result.version,
        result.rows_source,
        result.rows_inserted,
        result.rows_updated,
        result.rows_deleted,
        result.path,
    )
    return result


def _update_properties(table: DeltaTable, spec: TableSpec, extractor_version: str | None) -> None:
    """Bring the table properties up to date (a commit only when one changed)."""
    wanted = table_properties(spec, extractor_version)
    current = table.metadata().configuration
    changed = {k: v for k, v in wanted.items() if current.get(k) != v}
    if changed:
        table.alter.set_table_properties(changed, raise_if_not_exists=False)


def _to_datetime(as_of: dt.date | dt.datetime | str) -> dt.datetime:
    """A point in time: a date means the end of that day (UTC); naive datetimes are UTC."""
    if isinstance(as_of, str):
        text = as_of.strip()
        try:
            as_of = (
                dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text)
            )
        except ValueError as err:
            raise LakeError(f"as_of: not a date, datetime or version: {as_of!r}") from err
    if not isinstance(as_of, dt.datetime):
        as_of = dt.datetime.combine(as_of, dt.time.max)
    return as_of if as_of.tzinfo else as_of.replace(tzinfo=dt.UTC)


def load(name: str, lake: LakeLike = None, as_of: AsOf = None) -> DeltaTable:
    """The table at ``as_of``: a Delta version (int), a date (its end, UTC), a datetime, or
    an ISO string; the latest version when None.

    Raises:
        LakeError: When the table does not exist or has no such version.
        LakeStorageError: When the storage fails the request.
    """
    target = resolve_lake(lake)
    table = open_table(name, target)
    if table is None:
        raise LakeError(f"no table {name!r} in {target.root} (run `commitments ingest` first)")
    if as_of is None:
        return table
    try:
        if isinstance(as_of, int) and not isinstance(as_of, bool):
            table.load_as_version(as_of)
        elif isinstance(as_of, str) and as_of.strip().isdigit():
            table.load_as_version(int(as_of))
        elif isinstance(as_of, (dt.date, str)):
            table.load_as_version(_to_datetime(as_of))
        else:
            raise LakeError(f"as_of: expected a version, date, datetime or string, got {as_of!r}")
    except LakeError:
        raise
    except OSError as err:
        raise LakeStorageError(
            f"cannot read table {name!r} at {target.uri(name)}: {store_error_text(err)}"
        ) from err
    except Exception as err:
        raise LakeError(f"table {name!r} has no version at {as_of!r}: {err}") from err
    return table


def commit_time(table: DeltaTable) -> dt.datetime:
    """When the loaded version of ``table`` was committed (UTC)."""
    version = table.version()
    for entry in table.history():
        if entry.get("version") == version and "timestamp" in entry:
            return dt.datetime.fromtimestamp(entry["timestamp"] / 1000, dt.UTC)
    return dt.datetime.now(dt.UTC)


def dataset(name: str, lake: LakeLike = None, as_of: AsOf = None) -> ds.Dataset:
    """A pyarrow dataset of the table's live files (for DuckDB, Polars, Arrow scans).

    Unlike globbing ``<lake>/<table>/**/*.parquet``, it reads only the files of the version
    asked for, never those an update or delete superseded.

    For a local lake the files are read through pyarrow's own local filesystem (see
    :func:`_table_dataset`).
    """
    target = resolve_lake(lake)
    return _table_dataset(load(name, target, as_of), name, target)


def _table_dataset(table: DeltaTable, name: str, target: Lake) -> ds.Dataset:
    """The dataset of ``table``'s files; local lakes through pyarrow's own local filesystem.

    deltalake's default dataset reads through a filesystem handler written in Python: arrow's
    I/O threads call back into it, and a process that scanned it aborts at exit in about one run
    in ten ("terminate called without an active exception", seen with deltalake 1.6 and
    pyarrow's threaded scans; from DuckDB it also hangs). Object-store lakes keep the handler
    (arrow cannot reach them with deltalake's storage options); :func:`_scan` reads those
    without threads.
    """
    if target.is_local:
        root = Path(target.uri(name).removeprefix("file://")).resolve()
        return table.to_pyarrow_dataset(filesystem=SubTreeFileSystem(str(root), LocalFileSystem()))
    return table.to_pyarrow_dataset()


def current_keys(lake: LakeLike = None, as_of: dt.datetime | int | None = None) -> pa.Table:
    """``(id, answer_version)`` of each question's current (latest) answer version."""
    target = resolve_lake(lake)
    answers = _scan(
        _table_dataset(load("answers", target, as_of), "answers", target),
        ["id", "answer_version"],
        None,
    )
    return (
        answers.group_by(["id"], use_threads=False)
        .aggregate([("answer_version", "max")])
        .rename_columns(["id", "answer_version"])
    )


def _current_rows(data: pa.Table, keys: pa.Table) -> pa.Array:
    """Indexes of the rows of ``data`` whose ``(id, answer_version)`` is among ``keys``, in order.

    (Acero joins cannot carry list columns, so only the key columns and a row index are joined.)
    """
    index = data.select(["id", "answer_version"]).append_column(
        "_row", pa.array(range(data.num_rows), pa.int64())
    )
    joined = index.join(keys, ["id", "answer_version"], join_type="inner")
    rows = joined.column("_row")
    return pc.take(rows, pc.sort_indices(rows))


def _scan(
    dataset_: ds.Dataset, columns: Sequence[str] | None, filter: pc.Expression | None
) -> pa.Table:
    """Scan with the filter pushed down; where the filter compares a string column with a
    literal, filter in memory instead (delta-rs writes strings as ``string_view``, which arrow's
    scan-time comparison with a ``string`` literal does not support).

    A dataset over deltalake's Python filesystem handler (object-store lakes) is scanned
    without threads: threaded scans through it abort the process at exit (see
    :func:`_table_dataset`).
    """
    threads = isinstance(dataset_, ds.FileSystemDataset) and isinstance(
        dataset_.filesystem, (LocalFileSystem, SubTreeFileSystem)
    )
    try:
        return dataset_.to_table(columns=columns, filter=filter, use_threads=threads)
    except pa.ArrowNotImplementedError:
        if filter is None:
            raise
        data = dataset_.to_table(use_threads=threads)
        data = data.filter(filter)
        return data.select(list(columns)) if columns is not None else data


def read_arrow(
    name: str,
    lake: LakeLike = None,
    as_of: AsOf = None,
    *,
    current_only: bool = False,
    columns: Sequence[str] | None = None,
    filter: pc.Expression | None = None,
) -> pa.Table:
    """The table as an arrow table; see :func:`read_table`."""
    target = resolve_lake(lake)
    table = load(name, target, as_of)
    files = _table_dataset(table, name, target)
    spec = get_spec(name)
    wanted = list(columns) if columns is not None else None
    if wanted is not None:
        unknown = [c for c in wanted if c not in files.schema.names]
        if unknown:
            raise LakeError(f"table {name!r} has no column(s) {unknown}")
    scan = (
        list(dict.fromkeys([*(wanted or []), "id", "answer_version"]))
        if (current_only and wanted)
        else wanted
    )
    data = _scan(files, scan, filter)
    if current_only:
        if not spec.answer_keyed:
            raise LakeError(
                f"table {name!r} is not keyed by answer version; current_only does not apply"
            )
        point = (
            table.version()
            if name == "answers"
            else (commit_time(table) if as_of is not None else None)
        )
        keys = current_keys(target, point)
        data = data.take(_current_rows(data, keys))
        if wanted is not None:
            data = data.select(wanted)
    return data


def read_table(
    name: str,
    lake: LakeLike = None,
    as_of: AsOf = None,
    *,
    current_only: bool = False,
    columns: Sequence[str] | None = None,
    filter: pc.Expression | None = None,
) -> pd.DataFrame:
    """A table as a pandas DataFrame.

    Args:
        name: ``answers``, ``commitments``, ``time_expressions``, ``quantities``, ``runs``,
            ``quarantine`` or any registered table.
        lake: The lake root (path, URL or :class:`Lake`); the configured one when None.
        as_of: Time travel: a Delta version (int), a date (the table as it stood at the end of
            that day, UTC), a datetime or an ISO string; the latest version when None.
        current_only: Keep only each question's current answer version (a correction
            supersedes the answer it corrects); the history stays in the table.
        columns: Columns to read; all when None.
        filter: A pyarrow expression, e.g. ``pc.field("answered_month") == "2024-03"``.

    Raises:
        LakeError: When the table or version does not exist.
    """
    return read_arrow(
        name, lake, as_of, current_only=current_only, columns=columns, filter=filter
    ).to_pandas()


def table_info(name: str, lake: LakeLike = None) -> TableInfo:
    """Row count, version, file count, path and properties of one table."""
    target = resolve_lake(lake)
    spec = get_spec(name)
    table = open_table(name, target)
    if table is None:
        return TableInfo(name, target.uri(name), exists=False, partition_by=spec.partition_by)
    config = table.metadata().configuration
    return TableInfo(
        name=name,
        path=target.uri(name),
        exists=True,
        version=table.version(),
        rows=table.count(),
        files=len(table.file_uris()),
        schema_version=config.get(PROP_SCHEMA_VERSION),
        extractor_version=config.get(PROP_EXTRACTOR_VERSION),
        partition_by=tuple(table.metadata().partition_columns),
    )


@dataclass(frozen=True, slots=True)
class CompactResult:
    """What :func:`compact_table` did.

    Attributes:
        table: Table name.
        path: Table URI.
        version: Delta version after compaction (unchanged when there was nothing to do).
        files_removed: Small files replaced (still on disk for time travel until a vacuum).
        files_added: Files written in their place.
    """

    table: str
    path: str
    version: int
    files_removed: int
    files_added: int


def compact_table(name: str, lake: LakeLike = None) -> CompactResult:
    """Rewrite a table's small files into fewer, larger ones (Delta ``OPTIMIZE``, bin-packing).

    Every merge adds files per partition it touches; nightly runs accumulate small files.
    Compaction changes no row (the version history keeps the old files readable by time travel;
    nothing is vacuumed here).
    """
    target = resolve_lake(lake)
    table = load(name, target)
    metrics = table.optimize.compact(
        commit_properties=CommitProperties(custom_metadata={"pct.operation": "compact"})
    )
    result = CompactResult(
        table=name,
        path=target.uri(name),
        version=table.version(),
        files_removed=int(metrics.get("numFilesRemoved", 0)),
        files_added=int(metrics.get("numFilesAdded", 0)),
    )
    logger.info(
        "compacted %s: version %d, %d files into %d",
        name,
        result.version,
        result.files_removed,
        result.files_added,
    )
    return result


def export_table(
    name: str,
    out_dir: Path,
    lake: LakeLike = None,
    *,
    current_only: bool = True,
    as_of: AsOf = None,
) -> ExportResult:
    """Write one table as a single Parquet file, atomically (temp file + rename).

    The file carries key-value metadata: ``pct.schema_version``, ``pct.extractor_version``,
    ``pct.attribution``, ``pct.table``, ``pct.delta_version``, ``pct.current_only`` and
    ``pct.exported_at``.

    Args:
        name: The table.
        out_dir: Folder for ``<name>.parquet``.
        lake: The lake; the configured one when None.
        current_only: Leave out superseded answer versions (answer-keyed tables only).
        as_of: Export the table as it stood then.
    """
    target = resolve_lake(lake)
    spec = get_spec(name)
    table = load(name, target, as_of)
    version = table.version()
    data = read_arrow(name, target, version, current_only=current_only and spec.answer_keyed)
    config = table.metadata().configuration
    metadata = {
        **(data.schema.metadata or {}),
        PROP_TABLE.encode(): name.encode(),
        PROP_SCHEMA_VERSION.encode(): config.get(PROP_SCHEMA_VERSION, str(SCHEMA_VERSION)).encode(),
        PROP_ATTRIBUTION.encode(): ATTRIBUTION.encode(),
        b"pct.delta_version": str(version).encode(),
        b"pct.current_only": str(current_only and spec.answer_keyed).lower().encode(),
        b"pct.exported_at": dt.datetime.now(dt.UTC).isoformat().encode(),
    }
    if config.get(PROP_EXTRACTOR_VERSION):
        metadata[PROP_EXTRACTOR_VERSION.encode()] = config[PROP_EXTRACTOR_VERSION].encode()
    data = data.replace_schema_metadata(metadata)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / f"{name}.parquet"
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".parquet.tmp", dir=out_dir)
    os.close(fd)
    try:
        pq.write_table(data, tmp_name, compression="zstd")
        os.replace(tmp_name, final)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    logger.info("exported %s version %d: %d rows to %s", name, version, data.num_rows, final)
    return ExportResult(name, final, data.num_rows, version, current_only and spec.answer_keyed)
