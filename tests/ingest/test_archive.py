from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pipeline.ingest.archive import (
    ArchivedResponse,
    ArchiveWriter,
    archive_path,
    is_archive_line,
    is_error_body,
    iter_lines,
)

STAMP = dt.datetime(2024, 9, 10, 6, 0, tzinfo=dt.UTC)


def response(n: int) -> ArchivedResponse:
    return ArchivedResponse(
        "list", f"/api/writtenquestions/questions?skip={n}", 200, STAMP, 1, json.dumps({"n": n})
    )


def test_archive_writer_round_trips_the_body_verbatim(tmp_path: Path) -> None:
    body = '{"totalResults": 1,  "results": [] }'  # spacing kept: the body is not re-serialised
    with ArchiveWriter(tmp_path / "a.jsonl.gz") as writer:
        writer.write(ArchivedResponse("list", "/x", 200, STAMP, 1, body))
    [line] = [json.loads(line.data) for line in iter_lines(tmp_path / "a.jsonl.gz") if line.data]
    assert line["body"] == body and is_archive_line(line)
    assert line["fetched_at"] == STAMP.isoformat() and line["archive"] == 1


def test_archive_writer_lines_survive_a_killed_writer(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    writer = ArchiveWriter(path)
    for n in range(25):
        writer.write(response(n))
    snapshot = path.read_bytes()  # what a SIGKILL now would leave: no gzip trailer
    writer.close()
    (tmp_path / "killed.jsonl.gz").write_bytes(snapshot)
    lines = list(iter_lines(tmp_path / "killed.jsonl.gz"))
    assert [json.loads(line.data)["body"] for line in lines if line.data] == [
        json.dumps({"n": n}) for n in range(25)
    ]
    assert lines[-1].error is not None


def test_archive_writer_appends_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    for n in range(3):
        with ArchiveWriter(path) as writer:
            writer.write(response(n))
    assert sum(1 for line in iter_lines(path) if line.data) == 3


def test_archive_path_layout(tmp_path: Path) -> None:
    path = archive_path(tmp_path, dt.date(2024, 9, 9), dt.date(2024, 9, 10), "ingest-1")
    assert path == tmp_path / "2024-09-09_2024-09-10" / "ingest-1.jsonl.gz"


def test_is_error_body_table() -> None:
    assert is_error_body({"status": 500, "title": "An error occurred"})
    assert is_error_body({"status": 429})
    assert not is_error_body({"totalResults": 0, "results": []})
    assert not is_error_body({"value": {"id": 1, "status": 500}})
    assert not is_error_body([{"status": 500}])
