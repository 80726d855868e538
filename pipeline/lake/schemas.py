"""Table schemas and the registry of tables: what each table holds, how it is keyed and laid out.

Every table is described by one :class:`TableSpec` in :data:`TABLES`: its name (the folder under
the lake root), an explicit pyarrow schema, its partition columns and its merge keys. The I/O
module (:mod:`pipeline.lake.io`) does everything else from the spec: it creates the Delta table
with the table properties, merges rows on the keys, reads, time-travels and exports.

Adding a table is adding a spec here, e.g. a table of deadline statuses partitioned by the day
they were computed::

    DEADLINE_SCHEMA = pa.schema([
        pa.field("id", pa.int64(), nullable=False),
        pa.field("answer_version", pa.int64(), nullable=False),
        pa.field("as_of", pa.date32(), nullable=False),
        pa.field("char_start", pa.int64(), nullable=False),
        pa.field("char_end", pa.int64(), nullable=False),
        pa.field("status", pa.string()),
    ])
    register_table(TableSpec(
        name="deadlines",
        schema=DEADLINE_SCHEMA,                     # or schema_from_dataclass(MyRow, ...)
        partition_by=("as_of",),
        merge_keys=("id", "answer_version", "as_of", "char_start", "char_end"),
        description="Deadline status of each dated commitment, per audit day.",
    ))

then ``pipeline.lake.io.merge_rows(lake, "deadlines", rows)`` and
``pipeline.lake.read_table("deadlines")`` work. Rules a spec must follow (checked by
:func:`validate_spec` and the tests):

* the schema holds ``id`` and ``answer_version`` when the rows belong to an answer version
  (``answer_keyed=True``, the default) — ``current_only`` reads rely on them;
* every merge key and partition column is a column; partition columns must be a function of
  the merge key (the merge joins on them too, which lets Delta skip other partitions);
* a ``row_hash`` column is added by :func:`with_row_hash`: rows whose content did not change
  are not rewritten, so re-runs leave the table at its version.

Derived row types: the extracted-row columns are generated from the dataclasses of
``pipeline.types`` (:func:`schema_from_dataclass`) so the tables cannot drift from the contract;
the ``runs`` and ``quarantine`` tables from :class:`RunRecord` and :class:`QuarantineRecord`.
Any change to an existing table's columns changes its fingerprint; bump :data:`SCHEMA_VERSION`
(written to every table's properties) and refresh ``schema.lock.json`` with
``python -m pipeline.lake --lock`` (``tests/lake/test_schemas.py`` fails until then).
New columns reach existing tables through Delta's schema evolution (``schema_mode="merge"``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sys
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa

from pipeline.audit.records import DeadlineRow, InitiativeRow
from pipeline.ingest.records import Answer
from pipeline.types import Commitment, Quantity, Timex

# 2: runs gained host, pid and updated_at (the heartbeat); 3: runs gained process_start
SCHEMA_VERSION = 3
LOCK_FILE = Path(__file__).with_name("schema.lock.json")
ROW_HASH = "row_hash"
PARTITION_MONTH = "answered_month"
TIMESTAMP = pa.timestamp("us", tz="UTC")

# Column name -> arrow type for the few Python types that have no single obvious mapping.
_SCALARS: dict[Any, pa.DataType] = {
    int: pa.int64(),
    float: pa.float64(),
    str: pa.string(),
    bool: pa.bool_(),
    dt.date: pa.date32(),
    dt.datetime: TIMESTAMP,
}


def arrow_type(hint: Any) -> tuple[pa.DataType, bool]:
    """The arrow type of a Python type hint, and whether it is nullable.

    ``int``/``float``/``str``/``bool``/``date``/``datetime``, ``X | None``, ``Literal[...]``
    (strings), ``list[X]``/``tuple[X, ...]`` and dataclasses (structs).

    Raises:
        TypeError: For a hint with no mapping.
    """
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"no arrow type for union {hint!r}")
        return arrow_type(args[0])[0], True
    if origin is Literal:
        return pa.string(), False
    if origin in (list, tuple):
        args = [a for a in get_args(hint) if a is not Ellipsis]
        if len(args) != 1:
            raise TypeError(f"no arrow type for {hint!r}")
        return pa.list_(arrow_type(args[0])[0]), False
    if hint in _SCALARS:
        return _SCALARS[hint], False
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return pa.struct(list(dataclass_fields(hint))), False
    raise TypeError(f"no arrow type for {hint!r}")


def dataclass_fields(cls: type, *, exclude: tuple[str, ...] = ()) -> list[pa.Field]:
    """Arrow fields for a dataclass's fields, in order (``X | None`` fields nullable)."""
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    fields = []
    for f in dataclasses.fields(cls):
        if f.name in exclude:
            continue
        kind, _ = arrow_type(hints[f.name])
        fields.append(pa.field(f.name, kind, nullable=True))
    return fields


def schema_from_dataclass(
    cls: type,
    *,
    before: list[pa.Field] | tuple[pa.Field, ...] = (),
    after: list[pa.Field] | tuple[pa.Field, ...] = (),
    exclude: tuple[str, ...] = (),
) -> pa.Schema:
    """A schema of ``before`` columns, the dataclass's fields, then ``after`` columns."""
    names = {f.name for f in before} | set(exclude)
    return pa.schema([*before, *dataclass_fields(cls, exclude=tuple(names)), *after])


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table of the lake.

    Attributes:
        name: The table's name and folder under the lake root.
        schema: Its columns (a ``row_hash`` column is appended by the registry).
        merge_keys: Columns identifying a row; writes merge on them.
        partition_by: Partition columns (each a function of the merge key).
        description: What a row is (written to the Delta table's description).
        answer_keyed: Rows belong to an answer version (``id``, ``answer_version`` columns).
        volatile: Columns left out of ``row_hash`` (stamps that change on every run).
    """

    name: str
    schema: pa.Schema
    merge_keys: tuple[str, ...]
    partition_by: tuple[str, ...] = ()
    description: str = ""
    answer_keyed: bool = True
    volatile: tuple[str, ...] = ()

    @property
    def columns(self) -> list[str]:
        """Column names, in schema order."""
        return list(self.schema.names)

    @property
    def join_columns(self) -> tuple[str, ...]:
        """Columns the merge joins on: the keys, then partition columns not among them."""
        return self.merge_keys + tuple(c for c in self.partition_by if c not in self.merge_keys)

    def fingerprint(self) -> str:
        """SHA-256 of the columns, types, keys and partitions: changes with any of them."""
        payload = {
            "columns": [[f.name, str(f.type), f.nullable] for f in self.schema],
            "merge_keys": list(self.merge_keys),
            "partition_by": list(self.partition_by),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def validate_spec(spec: TableSpec) -> None:
    """Check the rules of the module docstring.

    Raises:
        ValueError: Naming the table and the rule broken.
    """
    names = set(spec.schema.names)
    missing = [c for c in (*spec.merge_keys, *spec.partition_by, *spec.volatile) if c not in names]
    if missing:
        raise ValueError(
            f"table {spec.name!r}: key, partition or volatile column(s) not in the schema: "
            f"{missing}"
        )
    if spec.answer_keyed and not {"id", "answer_version"} <= names:
        raise ValueError(
            f"table {spec.name!r}: answer-keyed tables need 'id' and 'answer_version' columns"
        )
    if ROW_HASH not in names:
        raise ValueError(
            f"table {spec.name!r}: no {ROW_HASH!r} column (register it with register_table)"
        )
    if not spec.merge_keys:
        raise ValueError(f"table {spec.name!r}: no merge keys")


def with_row_hash(schema: pa.Schema) -> pa.Schema:
    """The schema with a ``row_hash`` column at the end (unless it has one)."""
    if ROW_HASH in schema.names:
        return schema
    return schema.append(pa.field(ROW_HASH, pa.string(), nullable=False))


TABLES: dict[str, TableSpec] = {}


def register_table(spec: TableSpec) -> TableSpec:
    """Add a table to the registry (the ``row_hash`` column added) and return its final spec.

    Raises:
        ValueError: When the spec breaks a rule or the name is taken by a different spec.
    """
    spec = dataclasses.replace(spec, schema=with_row_hash(spec.schema))
    validate_spec(spec)
    existing = TABLES.get(spec.name)
    if existing is not None and existing != spec:
        raise ValueError(f"table {spec.name!r} is already registered with a different spec")
    TABLES[spec.name] = spec
    return spec


def get_spec(name: str) -> TableSpec:
    """The spec of a registered table.

    Raises:
        KeyError: With the names of the registered tables.
    """
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(f"no table {name!r}; tables: {', '.join(sorted(TABLES))}") from None


# --- the rows of the bookkeeping tables --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WriteRecord:
    """One table write, as the ``runs`` table keeps it.

    Attributes:
        table: Table name.
        path: Table URI.
        version: Delta version after the write.
        rows_source: Rows handed to the write.
        rows_inserted: Rows added.
        rows_updated: Rows rewritten because their content changed.
        rows_deleted: Rows removed (extracted rows the model no longer produces).
        rows_dropped: Rows handed in twice with one key (the last one was kept).
    """

    table: str
    path: str
    version: int
    rows_source: int
    rows_inserted: int
    rows_updated: int
    rows_deleted: int
    rows_dropped: int = 0


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run of ``ingest`` or ``extract`` (a row of ``runs``; rewritten as the run progresses).

    Attributes:
        run_id: Unique id (``<kind>-<UTC stamp>-<random>``).
        kind: ``ingest`` or ``extract``.
        status: ``running``, ``completed``, ``failed`` or ``abandoned`` (a run found dead while
            ``running``: its process gone, or its heartbeat too old; see
            :func:`pipeline.lake.jobs.mark_abandoned_runs`).
        source: ``api`` or the replay path (ingest); the lake (extract).
        window_start: First day of the window, None for "everything".
        window_end: Last day of the window, None for "everything".
        started_at: When the run started.
        finished_at: When it ended, None while running.
        duration_s: Seconds from start to end.
        records_read: Raw records read (ingest) or answer versions selected (extract).
        answers_inserted: New answer versions written.
        answers_upgraded: Answer versions replaced by a fuller view (list item -> detail).
        answers_unchanged: Records that matched a stored version.
        answers_extracted: Answer versions run through the engine.
        skipped: Records skipped (unanswered, outside the window, clipped for extraction).
        quarantined: Records sent to ``quarantine`` by this run.
        commitments: Commitment rows produced.
        time_expressions: Time-expression rows produced.
        quantities: Quantity rows produced.
        extractor_version: Rule model version (extract runs).
        schema_version: :data:`SCHEMA_VERSION` of the code that ran.
        unknown_fields: Names of unknown API fields seen (records kept, fields ignored).
        archive_path: The raw archive written (API ingest).
        error: The error that failed the run.
        writes: Every table write: table, path, version, row counts.
        host: The machine the run ran on (``socket.gethostname()``); None in rows of schema 1.
        pid: Its process id on that machine; None in rows of schema 1.
        updated_at: The heartbeat: when the run last wrote its row (at the start, during the
            run at most every ``HEARTBEAT_EVERY``, and at the end); None in rows of schema 1.
        process_start: When that process started, ``<boot id>:<clock ticks after boot>``
            (:func:`pipeline.lake.jobs.process_start`): a later process that reuses the pid
            has another; None where unknown (no ``/proc``) and in rows before schema 3.
    """

    run_id: str
    kind: str
    status: str
    source: str
    window_start: dt.date | None
    window_end: dt.date | None
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    duration_s: float | None = None
    records_read: int = 0
    answers_inserted: int = 0
    answers_upgraded: int = 0
    answers_unchanged: int = 0
    answers_extracted: int = 0
    skipped: int = 0
    quarantined: int = 0
    commitments: int = 0
    time_expressions: int = 0
    quantities: int = 0
    extractor_version: str | None = None
    schema_version: int = SCHEMA_VERSION
    unknown_fields: list[str] = dataclasses.field(default_factory=list)
    archive_path: str | None = None
    error: str | None = None
    writes: list[WriteRecord] = dataclasses.field(default_factory=list)
    host: str | None = None
    pid: int | None = None
    updated_at: dt.datetime | None = None
    process_start: str | None = None


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    """A record that could not be used (a row of ``quarantine``).

    Attributes:
        quarantine_key: SHA-256 of stage, source and raw record: the same bad record
            quarantined again by a re-run is the same row.
        id: The question id, when the record showed one.
        answer_version: The answer version, for extraction failures.
        stage: ``read`` (unreadable line), ``parse`` (missing or malformed field) or
            ``extract`` (the engine failed on it).
        source: File and line, URL, or lake row it came from.
        error: Why it was quarantined.
        raw: The raw record (truncated to 100,000 characters).
        run_id: The run that quarantined it last.
        quarantined_at: When.
    """

    quarantine_key: str
    id: int | None
    answer_version: int | None
    stage: str
    source: str
    error: str
    raw: str
    run_id: str
    quarantined_at: dt.datetime


# --- the tables ----------------------------------------------------------------------------------

KEY_FIELDS = [
    pa.field("id", pa.int64(), nullable=False),
    pa.field("answer_version", pa.int64(), nullable=False),
]
MONTH_FIELD = pa.field(PARTITION_MONTH, pa.string(), nullable=False)
EXTRACT_AFTER = [
    pa.field("date_answered", pa.date32()),
    pa.field("extractor_version", pa.string()),
    pa.field("run_id", pa.string()),
    pa.field("extracted_at", TIMESTAMP),
]
EXTRACT_KEYS = ("id", "answer_version", "char_start", "char_end")
EXTRACT_VOLATILE = ("run_id", "extracted_at")


def _extracted(name: str, cls: type, description: str) -> TableSpec:
    before = [*KEY_FIELDS, MONTH_FIELD, pa.field("ordinal", pa.int64(), nullable=False)]
    return TableSpec(
        name=name,
        schema=schema_from_dataclass(cls, before=before, after=EXTRACT_AFTER),
        merge_keys=EXTRACT_KEYS,
        partition_by=(PARTITION_MONTH,),
        description=description,
        volatile=EXTRACT_VOLATILE,
    )


ANSWERS = register_table(
    TableSpec(
        name="answers",
        schema=schema_from_dataclass(
            Answer,
            before=KEY_FIELDS,
            after=[
                pa.field("content_hash", pa.string()),
                pa.field(PARTITION_MONTH, pa.string(), nullable=False),
                pa.field("source", pa.string()),
                pa.field("run_id", pa.string()),
                pa.field("ingested_at", TIMESTAMP),
            ],
        ),
        merge_keys=("id", "answer_version"),
        partition_by=(PARTITION_MONTH,),
        description="One row per answered written question (value.id) and answer version.",
        volatile=("run_id", "ingested_at", "source", "source_url"),
    )
)
COMMITMENTS = register_table(
    _extracted("commitments", Commitment, "Commitments in an answer version (types.Commitment).")
)
TIME_EXPRESSIONS = register_table(
    _extracted("time_expressions", Timex, "Time expressions in an answer version (types.Timex).")
)
QUANTITIES = register_table(
    _extracted("quantities", Quantity, "Quantities in an answer version (types.Quantity).")
)
RUNS = register_table(
    TableSpec(
        name="runs",
        schema=schema_from_dataclass(RunRecord),
        merge_keys=("run_id",),
        description="One row per ingest or extract run: window, counts, duration, status, writes.",
        answer_keyed=False,
    )
)
QUARANTINE = register_table(
    TableSpec(
        name="quarantine",
        schema=schema_from_dataclass(QuarantineRecord),
        merge_keys=("quarantine_key",),
        description="Records that could not be used, with the error; id/answer_version when known.",
        volatile=("run_id", "quarantined_at"),
    )
)
# The audit's tables (pipeline/audit): written by pipeline.audit.store through merge_rows.
AUDIT_AFTER = [pa.field("lexicon_version", pa.string()), pa.field("computed_at", TIMESTAMP)]
INITIATIVES = register_table(
    TableSpec(
        name="initiatives",
        schema=schema_from_dataclass(
            InitiativeRow, before=KEY_FIELDS, after=[MONTH_FIELD, *AUDIT_AFTER]
        ),
        merge_keys=EXTRACT_KEYS,
        partition_by=(PARTITION_MONTH,),
        description=(
            "Named initiatives (programmes, plans, strategies, funds, reviews, boards, "
            "partnerships) mentioned in an answer version, with normalised names."
        ),
        volatile=("computed_at",),
    )
)
DEADLINES = register_table(
    TableSpec(
        name="deadlines",
        schema=schema_from_dataclass(DeadlineRow, after=AUDIT_AFTER),
        merge_keys=("as_of", "commitment_id"),
        partition_by=("as_of",),
        description=(
            "Schedule status, evidence and evidence_checked_through of each future "
            "commitment, one snapshot per as_of."
        ),
        volatile=("computed_at",),
    )
)
EXTRACTION_TABLES: dict[str, type] = {
    "commitments": Commitment,
    "time_expressions": Timex,
    "quantities": Quantity,
}


def fingerprints() -> dict[str, str]:
    """Every registered table's fingerprint."""
    return {name: spec.fingerprint() for name, spec in sorted(TABLES.items())}


def read_lock() -> dict[str, Any]:
    """The committed ``schema.lock.json``: schema version and fingerprints."""
    return dict(json.loads(LOCK_FILE.read_text(encoding="utf-8")))


def write_lock() -> None:
    """Rewrite ``schema.lock.json`` from the registry (after bumping SCHEMA_VERSION)."""
    LOCK_FILE.write_text(
        json.dumps({"schema_version": SCHEMA_VERSION, "tables": fingerprints()}, indent=2) + "\n",
        encoding="utf-8",
    )
