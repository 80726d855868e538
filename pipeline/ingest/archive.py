"""The raw archive: every HTTP response, as received, before anything parses it.

One gzip JSONL file per window and run: ``<archive>/<window start>_<window end>/<run id>.jsonl.gz``.
Each line is one response::

    {"archive": 1, "kind": "list" | "detail", "url": "/api/...?...", "status": 200,
     "fetched_at": "2024-09-10T06:00:01.123+00:00", "attempt": 1, "body": "<the raw body text>"}

Lines are written and flushed one by one (a ``Z_SYNC_FLUSH`` per line), so a run killed midway
leaves every response received so far readable; the reader tolerates the truncated tail. The
replay reader (``pipeline.ingest.replay``) reads archive files like any other API-shaped source,
so a run can be repeated without the network: error responses (non-200, or a JSON body whose
``status`` is 500) are skipped there, as the client retried them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

ARCHIVE_FORMAT = 1
ResponseKind = Literal["list", "detail"]


@dataclass(frozen=True, slots=True)
class ArchivedResponse:
    """One archived HTTP response.

    Attributes:
        kind: ``list`` or ``detail``.
        url: Path and query of the request.
        status: HTTP status code.
        fetched_at: When it was received (UTC).
        attempt: 1 for the first try, 2 for the first retry, ...
        body: The body text, exactly as received.
    """

    kind: str
    url: str
    status: int
    fetched_at: dt.datetime
    attempt: int
    body: str

    def to_line(self) -> str:
        """The archive line (JSON, no newline)."""
        return json.dumps(
            {
                "archive": ARCHIVE_FORMAT,
                "kind": self.kind,
                "url": self.url,
                "status": self.status,
                "fetched_at": self.fetched_at.isoformat(),
                "attempt": self.attempt,
                "body": self.body,
            },
            ensure_ascii=False,
        )


def is_archive_line(obj: Any) -> bool:
    """True when a decoded JSONL line is an archived response rather than an API response."""
    return isinstance(obj, dict) and obj.get("archive") == ARCHIVE_FORMAT and "body" in obj


def is_error_body(obj: Any) -> bool:
    """True for the API's error bodies (``{"status": 500, ...}``, served with 200 or 500)."""
    return (
        isinstance(obj, dict)
        and isinstance(obj.get("status"), int)
        and obj["status"] >= 400
        and "results" not in obj
        and "value" not in obj
    )


def archive_path(root: Path, start: dt.date, end: dt.date, run_id: str) -> Path:
    """Where a run's responses for one window are archived."""
    return Path(root) / f"{start.isoformat()}_{end.isoformat()}" / f"{run_id}.jsonl.gz"


class ArchiveWriter:
    """Appends responses to one gzip JSONL file, flushing after every line.

    Use as a context manager; :meth:`write` before parsing anything from the response.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._handle: gzip.GzipFile | None = None

    def __enter__(self) -> ArchiveWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def write(self, response: ArchivedResponse) -> None:
        """Append one response and flush it to disk."""
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = gzip.GzipFile(self.path, "ab")
        self._handle.write((response.to_line() + "\n").encode("utf-8"))
        self._handle.flush(zlib.Z_SYNC_FLUSH)
        self.count += 1

    def close(self) -> None:
        """Finish the gzip member; the file stays valid for later appends."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a replay file, or the error that ended the file early.

    Attributes:
        number: 1-based line number.
        data: The line's bytes (newline included), or None with ``error``.
        error: Why the file could not be read further (truncated or damaged gzip), or None.
    """

    number: int
    data: bytes | None
    error: str | None = None


def iter_lines(path: Path) -> Iterator[Line]:
    """Stream the lines of a plain or gzip file; a truncated or damaged gzip ends with an error.

    A file cut short by a killed writer still yields every line flushed before the cut.
    """
    path = Path(path)
    number = 0
    try:
        with gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb") as handle:
            for number, data in enumerate(handle, start=1):
                yield Line(number, data)
    except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as err:
        yield Line(
            number + 1, None, f"unreadable from line {number + 1}: {type(err).__name__}: {err}"
        )
