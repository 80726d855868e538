"""Rows of the tables built from the project's dataclasses (pipeline.lake.rows)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from pipeline.ingest.replay import Rejected
from pipeline.lake import read_table
from pipeline.lake.io import merge_rows
from pipeline.lake.rows import quarantine_key, quarantine_record, record_row, storable

AT = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("£5 million – “quoted” \U0001f600 \ufffd", "£5 million – “quoted” \U0001f600 \ufffd"),
        ('{"heading": "a\ud800b"}', '{"heading": "a\\ud800b"}'),
        ("\udce9", "\\udce9"),
        ("", ""),
    ],
)
def test_storable_escapes_lone_surrogates_only(text: str, expected: str) -> None:
    assert storable(text) == expected
    storable(text).encode("utf-8")


def test_storable_raw_json_reads_back_as_the_same_value() -> None:
    value = {"id": 1, "heading": "Flexi-job \udc80 Apprenticeships", "house": "Commons"}
    raw = json.dumps(value, ensure_ascii=False)
    assert json.loads(storable(raw)) == value


def test_quarantine_record_of_a_lone_surrogate_is_stored(tmp_path: Path) -> None:
    """The quarantine itself crashed on the record it was given (UnicodeEncodeError in the key's
    hash, then in the Arrow conversion), taking the whole run with it."""
    raw = json.dumps({"id": 7, "heading": "a\ud800"}, ensure_ascii=False)
    rejected = Rejected(
        "/in/caf\udce9.jsonl:3", "field 'heading' at offset 1: '\\ud800' ...", raw, 7
    )
    record = quarantine_record(rejected, stage="parse", run_id="r1", at=AT)
    assert record.raw == storable(raw) and record.source == "/in/caf\\udce9.jsonl:3"
    assert record.quarantine_key == quarantine_key("parse", rejected.source, rejected.raw)
    merge_rows("quarantine", [record_row(record)], tmp_path, run_id="r1")
    [row] = read_table("quarantine", tmp_path).to_dict("records")
    assert json.loads(row["raw"]) == json.loads(raw)


def test_quarantine_key_is_unchanged_for_text_without_surrogates() -> None:
    """Keys of rows already in a lake stay what they were (the same record is not quarantined
    twice under two keys)."""
    raw = '{"id": 1, "heading": "£5 million"}'
    old = hashlib.sha256("\x1f".join(("parse", "a.jsonl:1", raw)).encode("utf-8")).hexdigest()
    assert quarantine_key("parse", "a.jsonl:1", raw) == old
