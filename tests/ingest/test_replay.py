from __future__ import annotations

import datetime as dt
import gzip
import json
import os
from pathlib import Path

import pytest
from support import FIXTURES

from pipeline.ingest.archive import ArchivedResponse, ArchiveWriter
from pipeline.ingest.records import Answer
from pipeline.ingest.replay import Rejected, Skipped, iter_source, read_answers, read_records

API = FIXTURES / "api"
STAMP = dt.datetime(2024, 9, 10, 6, 0, tzinfo=dt.UTC)


def detail_line() -> str:
    return json.dumps(json.loads((API / "aws-samples-detail.json").read_text(encoding="utf-8")))


def write_gz(path: Path, data: bytes) -> Path:
    with gzip.open(path, "wb") as handle:
        handle.write(data)
    return path


def test_read_records_list_json_and_envelope() -> None:
    items = list(read_records(API / "commons-2024-09-list.json"))
    assert len(items) == 35 and all(isinstance(i, Answer) for i in items)
    envelope = [
        i
        for i in read_records(API / "clquestions-answers-2021-02-01.json")
        if isinstance(i, Answer)
    ]
    assert len(envelope) == 12 and all(a.shape == "list" for a in envelope)


def test_read_records_folder_reads_every_kind(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.txt").write_bytes((API / "pages" / "seed-page.txt").read_bytes())
    write_gz(tmp_path / "a.jsonl.gz", (detail_line() + "\n").encode())
    (tmp_path / "ignored.csv").write_text("id\n1\n")
    items = list(read_records(tmp_path))
    assert [type(i).__name__ for i in items] == ["Answer", "Answer"]
    assert {i.shape for i in items if isinstance(i, Answer)} == {"detail", "page"}


def test_read_records_bad_lines_become_rejections_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = detail_line().encode()
    missing = json.dumps(
        {"value": {k: v for k, v in json.loads(good)["value"].items() if k != "dateAnswered"}}
    ).encode()
    lines = [
        good,
        b'{"value": {"id": 1, "dateAnswered": "2024-01-10", "answerText": "<p>ok</p>"',  # cut short
        missing,
        good.replace(b"flexi-job", b"flexi\xff\xfejob"),  # not UTF-8
        b"[1, 2]",
        b"",
        json.dumps(
            {"value": {**json.loads(good)["value"], "dateAnswered": None, "id": 2}}
        ).encode(),
        good,
    ]
    path = write_gz(tmp_path / "mixed.jsonl.gz", b"\n".join(lines) + b"\n")
    items = list(read_records(path))
    kinds = [type(i).__name__ for i in items]
    assert kinds == [
        "Answer",
        "Rejected",
        "Rejected",
        "Rejected",
        "Rejected",
        "Rejected",
        "Skipped",
        "Answer",
    ]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert rejected[0].error.startswith("malformed JSON") and rejected[0].source.endswith(":2")
    assert "missing field(s): dateAnswered" in rejected[1].error and rejected[1].id == 1679416
    assert rejected[2].error.startswith("not UTF-8") and "\ufffd" in rejected[2].raw
    assert "not an API record" in rejected[3].error
    skipped = next(i for i in items if isinstance(i, Skipped))
    assert skipped.id == 2
    assert [type(i).__name__ for i in read_answers(path)].count("Skipped") == 0


def test_read_records_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path: Path) -> None:
    whole = write_gz(tmp_path / "whole.jsonl.gz", ((detail_line() + "\n") * 40).encode())
    data = whole.read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = list(read_records(cut))
    assert isinstance(items[-1], Rejected) and "unreadable" in items[-1].error
    assert len(items) < 41


def test_read_records_damaged_json_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"totalResults": 1, "results": [')
    [item] = list(read_records(path))
    assert isinstance(item, Rejected) and "unreadable JSON file" in item.error


def test_read_records_archive_lines_skip_error_responses(tmp_path: Path) -> None:
    items = json.loads((API / "commons-2024-09-list.json").read_text(encoding="utf-8"))[:3]
    detail = json.loads((API / "aws-samples-detail.json").read_text(encoding="utf-8"))
    path = tmp_path / "2024-09-09_2024-09-09" / "run.jsonl.gz"
    with ArchiveWriter(path) as writer:
        writer.write(
            ArchivedResponse("list", "/q?skip=0", 500, STAMP, 1, json.dumps({"status": 500}))
        )
        writer.write(
            ArchivedResponse("list", "/q?skip=0", 200, STAMP, 2, json.dumps({"status": 500}))
        )
        writer.write(
            ArchivedResponse(
                "list",
                "/q?skip=0",
                200,
                STAMP,
                3,
                json.dumps({"totalResults": 3, "results": items}),
            )
        )
        writer.write(ArchivedResponse("detail", "/q/1679416", 200, STAMP, 1, json.dumps(detail)))
        writer.write(ArchivedResponse("detail", "/q/2", 200, STAMP, 1, "<html>proxy error"))
    records = list(iter_source(tmp_path))
    assert [r.shape for r in records if r.value] == ["list", "list", "list", "detail"]
    assert records[-1].value is None and "malformed JSON in archived detail" in (
        records[-1].error or ""
    )


def test_read_records_json_nested_too_deep_is_a_rejection(tmp_path: Path) -> None:
    """Valid JSON nested 100,000 deep makes ``json.loads`` raise RecursionError, which ended the
    whole run; now that line (or file) is rejected and the next line is read."""
    deep = b"[" * 100_000 + b"]" * 100_000
    lines = tmp_path / "a.jsonl"
    lines.write_bytes(deep + b"\n" + detail_line().encode() + b"\n")
    first, second = read_records(lines)
    assert isinstance(first, Rejected) and first.error.startswith("malformed JSON: maximum")
    assert isinstance(second, Answer)
    whole = tmp_path / "b.json"
    whole.write_bytes(deep)
    [item] = read_records(whole)
    assert isinstance(item, Rejected) and "unreadable JSON file" in item.error


def test_read_records_file_name_not_utf8_is_named_by_its_bytes(tmp_path: Path) -> None:
    """``str(path)`` of a latin-1 file name holds a lone surrogate, which no answer row could
    store (the whole ingest failed in the Arrow conversion); sources show the byte instead."""
    path = tmp_path / os.fsdecode(b"caf\xe9.jsonl")
    path.write_text(detail_line() + "\n{cut\n", encoding="utf-8")
    answer, rejected = read_records(path)
    assert isinstance(answer, Answer) and isinstance(rejected, Rejected)
    assert answer.source_url == f"{tmp_path}/caf\\xe9.jsonl:1"
    assert rejected.source == f"{tmp_path}/caf\\xe9.jsonl:2"
    answer.source_url.encode("utf-8")


def test_iter_source_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(iter_source(tmp_path / "nope"))
