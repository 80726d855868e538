from __future__ import annotations

import dataclasses
import typing

import pyarrow as pa
import pytest

from pipeline.ingest.records import Answer
from pipeline.lake import schemas
from pipeline.lake.schemas import (
    EXTRACTION_TABLES,
    ROW_HASH,
    SCHEMA_VERSION,
    TABLES,
    TableSpec,
    arrow_type,
    read_lock,
    register_table,
    validate_spec,
)
from pipeline.types import Commitment, Quantity, Timex

ANSWER_COLUMNS = {
    "id", "answer_version", "uin", "house", "heading", "question_text", "answer_text",
    "answer_html", "answering_body_id", "answering_body", "answering_member_id",
    "answering_member", "asking_member_id", "asking_member", "date_tabled", "date_answered",
    "date_corrected", "is_holding", "is_correction", "grouped_uins", "source_url",
    "content_hash", "ingested_at", "answered_month",
}  # fmt: skip


def test_answers_table_has_the_issue_columns() -> None:
    assert set(TABLES["answers"].schema.names) >= ANSWER_COLUMNS
    assert TABLES["answers"].merge_keys == ("id", "answer_version")
    assert TABLES["answers"].partition_by == ("answered_month",)


@pytest.mark.parametrize("name", ["commitments", "time_expressions", "quantities"])
def test_extraction_tables_follow_the_dataclasses(name: str) -> None:
    cls = EXTRACTION_TABLES[name]
    schema = TABLES[name].schema
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        assert f.name in schema.names, f"{name} lacks {cls.__name__}.{f.name}"
        assert schema.field(f.name).type == arrow_type(hints[f.name])[0]
    for column in (
        "id",
        "answer_version",
        "char_start",
        "char_end",
        "extractor_version",
        "answered_month",
    ):
        assert column in schema.names
    assert set(TABLES[name].merge_keys) == {"id", "answer_version", "char_start", "char_end"}


def test_extraction_tables_cover_the_contract() -> None:
    assert set(EXTRACTION_TABLES.values()) == {Commitment, Timex, Quantity}


def test_every_answer_keyed_table_has_id_and_answer_version() -> None:
    for spec in TABLES.values():
        validate_spec(spec)
        if spec.answer_keyed:
            assert {"id", "answer_version"} <= set(spec.schema.names), spec.name
        assert spec.schema.names[-1] == ROW_HASH


def test_answer_columns_follow_the_answer_dataclass() -> None:
    for f in dataclasses.fields(Answer):
        assert f.name in TABLES["answers"].schema.names


def test_schema_lock_matches_or_schema_version_was_bumped() -> None:
    lock = read_lock()
    assert lock["schema_version"] == SCHEMA_VERSION, (
        "SCHEMA_VERSION changed: run python -m pipeline.lake --lock"
    )
    for name, fingerprint in lock["tables"].items():
        assert name in TABLES, f"table {name} left the registry"
        assert TABLES[name].fingerprint() == fingerprint, (
            f"table {name}'s schema changed: bump SCHEMA_VERSION in pipeline/lake/schemas.py "
            "and run python -m pipeline.lake --lock"
        )


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        (int, (pa.int64(), False)),
        (str | None, (pa.string(), True)),
        (typing.Literal["a", "b"], (pa.string(), False)),
        (tuple[int, ...], (pa.list_(pa.int64()), False)),
        (list[str], (pa.list_(pa.string()), False)),
        (bool, (pa.bool_(), False)),
        (float | None, (pa.float64(), True)),
    ],
)
def test_arrow_type_table(hint: object, expected: tuple[pa.DataType, bool]) -> None:
    assert arrow_type(hint) == expected


def test_arrow_type_rejects_unmapped_hints() -> None:
    with pytest.raises(TypeError):
        arrow_type(dict[str, int])
    with pytest.raises(TypeError):
        arrow_type(int | str)


def test_register_table_checks_the_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schemas, "TABLES", dict(TABLES))
    schema = pa.schema([pa.field("as_of", pa.date32()), pa.field("status", pa.string())])
    with pytest.raises(ValueError, match="id' and 'answer_version"):
        register_table(TableSpec("deadlines_x", schema, merge_keys=("as_of",)))
    with pytest.raises(ValueError, match="not in the schema"):
        register_table(TableSpec("deadlines_x", schema, merge_keys=("day",), answer_keyed=False))
    spec = register_table(
        TableSpec(
            "deadlines_x",
            schema,
            merge_keys=("as_of",),
            partition_by=("as_of",),
            answer_keyed=False,
        )
    )
    assert spec.schema.names == ["as_of", "status", ROW_HASH]
    with pytest.raises(ValueError, match="already registered"):
        register_table(TableSpec("deadlines_x", schema, merge_keys=("status",), answer_keyed=False))
