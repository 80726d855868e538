"""Replay sources: read API-shaped files, raw archives and page texts instead of the network.

Accepted, as a file or a folder of them (read in sorted path order):

* a JSONL file (``.jsonl`` or ``.jsonl.gz``) of detail responses (``{"value": {...}}``), list
  envelopes (``{"totalResults", "results": [...]}``) or archived responses (the raw archive's
  lines, ``pipeline.ingest.archive``);
* a JSON file (``.json`` or ``.json.gz``) holding one response, a list of responses, or a list
  envelope;
* a page-text file (``.txt``), an answer copied from its web page (``pipeline.ingest.pagetext``).

Every record comes out as a :class:`RawRecord` so a bad line becomes a quarantined record, never a
crash or a silent loss; :func:`read_records` parses them into :class:`Answer`, :class:`Rejected`
(bound for quarantine) or :class:`Skipped` (valid but not an answer: an unanswered question).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.ingest.archive import is_archive_line, is_error_body, iter_lines
from pipeline.ingest.pagetext import PAGE_SUFFIXES, parse_page_text
from pipeline.ingest.records import Answer, RecordError, Unanswered, parse_answer, parse_int

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
JSON_SUFFIXES = (".json", ".json.gz")
REPLAY_SUFFIXES = JSONL_SUFFIXES + JSON_SUFFIXES + PAGE_SUFFIXES
RAW_LIMIT = 100_000
JSON_ERRORS: tuple[type[Exception], ...] = (json.JSONDecodeError, RecursionError)
"""What ``json.loads`` raises for text that is not JSON it can read: malformed, or nested deeper
than the interpreter's recursion limit (``[[[[...]]]]`` 100,000 deep: valid JSON, and a whole
run's crash were it not caught)."""
_FILE_ERRORS: tuple[type[Exception], ...] = (UnicodeDecodeError, *JSON_ERRORS)
BOM = b"\xef\xbb\xbf"  # a UTF-8 byte-order mark, as Windows editors start a file


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read from a source, before parsing.

    Attributes:
        source: File (and line) it came from.
        value: The API ``value`` object, or None when the record could not be read.
        error: Why it could not be read, or None.
        raw: The raw text of a record that could not be read (for quarantine).
        shape: ``detail``, ``list`` or ``page``: the kind of response it came in.
    """

    source: str
    value: dict[str, Any] | None
    error: str | None = None
    raw: str | None = None
    shape: str = "detail"


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record that could not be turned into an answer, bound for quarantine.

    Attributes:
        source: File and line it came from.
        error: Why it was rejected.
        raw: The raw record (JSON text), truncated to ``RAW_LIMIT`` characters.
        id: The question id, when the record got far enough to show one.
    """

    source: str
    error: str
    raw: str
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A valid record that is not an answer (an unanswered question); counted, not stored.

    Attributes:
        source: File and line it came from.
        reason: Why it was skipped.
        id: The question id.
    """

    source: str
    reason: str
    id: int | None = None


def _values(obj: Any, shape: str) -> Iterator[tuple[Any, str]]:
    """The ``value`` objects inside a detail response, list envelope or list of either."""
    if isinstance(obj, list):
        for item in obj:
            yield from _values(item, shape)
    elif isinstance(obj, dict) and isinstance(obj.get("results"), list):
        for item in obj["results"]:
            yield from _values(item, "list")
    elif isinstance(obj, dict) and "value" in obj:
        yield obj["value"], shape
    else:
        yield obj, shape


def records_from_obj(obj: Any, source: str, shape: str = "detail") -> Iterator[RawRecord]:
    """The records inside one decoded response (detail, list envelope, list, or bare value)."""
    for value, value_shape in _values(obj, shape):
        if isinstance(value, dict):
            yield RawRecord(source, value, shape=value_shape)
        else:
            raw = json.dumps(value, ensure_ascii=False)[:RAW_LIMIT]
            yield RawRecord(
                source, None, f"not an API record: {type(value).__name__}", raw, value_shape
            )


def records_from_body(body: str, source: str, kind: str) -> Iterator[RawRecord]:
    """The records of one archived response body; error bodies give none (they were retried)."""
    try:
        obj = json.loads(body)
    except JSON_ERRORS as err:
        yield RawRecord(
            source, None, f"malformed JSON in archived {kind} response: {err}", body[:RAW_LIMIT]
        )
        return
    if is_error_body(obj):
        return
    yield from records_from_obj(obj, source, "list" if kind == "list" else "detail")


def name_of(path: Path) -> str:
    """A path as text that is always UTF-8: a file name that is not (``b"caf\\xe9.jsonl"`` from a
    latin-1 system) shows its bytes as escapes (``caf\\xe9.jsonl``) instead of the lone
    surrogates ``str(path)`` holds for them, which no answer or quarantine row could store."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def not_utf8(err: UnicodeDecodeError, data: bytes) -> str:
    """Why bytes are not UTF-8, naming UTF-16 when its byte-order mark starts them."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    return f"not UTF-8{' (a UTF-16 file: save it as UTF-8)' if utf16 else ''}: {err}"


def _records_from_line(
    data: bytes, source: str, unresolved: dict[str, RawRecord] | None = None
) -> Iterator[RawRecord]:
    """The records of one JSONL line.

    ``unresolved`` collects archived 200 responses whose body is not JSON (cut short in
    transit), by URL, instead of yielding them: the client retried them as it retries error
    bodies, and a later usable response to the same URL (removed from ``unresolved`` here) means
    the run never used them. Only those still unresolved at the end of the file are rejected.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        yield RawRecord(
            source, None, not_utf8(err, data), data.decode("utf-8", "replace")[:RAW_LIMIT]
        )
        return
    if not text.strip():
        return
    try:
        obj = json.loads(text)
    except JSON_ERRORS as err:
        yield RawRecord(source, None, f"malformed JSON: {err}", text[:RAW_LIMIT])
        return
    if is_archive_line(obj):
        if obj.get("status") == 200 and isinstance(obj.get("body"), str):
            if unresolved is None:
                yield from records_from_body(obj["body"], source, str(obj.get("kind", "detail")))
            else:
                yield from _archived_body(obj, source, unresolved)
        return
    yield from records_from_obj(obj, source)


def _archived_body(
    line: dict[str, Any], source: str, unresolved: dict[str, RawRecord]
) -> Iterator[RawRecord]:
    """:func:`records_from_body` of an archive line, a body that is not JSON held back in
    ``unresolved`` (by URL) and a usable body clearing its URL from it."""
    kind, url, body = str(line.get("kind", "detail")), str(line.get("url", "")), line["body"]
    try:
        obj = json.loads(body)
    except JSON_ERRORS as err:
        error = f"malformed JSON in archived {kind} response: {err}"
        unresolved[url] = RawRecord(source, None, error, body[:RAW_LIMIT])
        return
    if is_error_body(obj):
        return
    unresolved.pop(url, None)
    yield from records_from_obj(obj, source, "list" if kind == "list" else "detail")


def iter_file(path: Path) -> Iterator[RawRecord]:
    """Yield the records of one replay file, a bad line giving a record with its error."""
    path = Path(path)
    name = path.name
    where = name_of(path)
    if name.endswith(JSONL_SUFFIXES):
        unresolved: dict[str, RawRecord] = {}
        for line in iter_lines(path):
            source = f"{where}:{line.number}"
            if line.data is None:
                yield from unresolved.values()
                yield RawRecord(source, None, line.error or "unreadable", "")
                return
            data = line.data.removeprefix(BOM) if line.number == 1 else line.data
            yield from _records_from_line(data, source, unresolved)
        yield from unresolved.values()
    elif name.endswith(PAGE_SUFFIXES):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
            value = parse_page_text(text)
        except UnicodeDecodeError as err:
            yield RawRecord(
                where,
                None,
                not_utf8(err, data),
                data.decode("utf-8", "replace")[:RAW_LIMIT],
                "page",
            )
            return
        except RecordError as err:
            yield RawRecord(where, None, str(err), text[:RAW_LIMIT], "page")
            return
        yield RawRecord(where, value, shape="page")
    else:
        chunks: list[bytes] = []
        for line in iter_lines(path):
            if line.data is None:
                yield RawRecord(
                    where,
                    None,
                    line.error or "unreadable",
                    b"".join(chunks)[:RAW_LIMIT].decode("utf-8", "replace"),
                )
                return
            chunks.append(line.data)
        data = b"".join(chunks)
        try:
            obj = json.loads(data.decode("utf-8-sig"))
        except _FILE_ERRORS as err:
            raw = data[:RAW_LIMIT].decode("utf-8", "replace")
            yield RawRecord(where, None, f"unreadable JSON file: {err}", raw)
            return
        yield from records_from_obj(obj, where)


def replay_files(path: Path) -> list[Path]:
    """The replay files of a source: the file itself, or every replay file under a folder."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"replay source not found: {path}")
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*") if p.is_file() and p.name.endswith(REPLAY_SUFFIXES)
        )
    return [path]


def iter_source(path: Path) -> Iterator[RawRecord]:
    """Yield the records of a replay file or of every replay file in a folder (sorted)."""
    for file in replay_files(path):
        yield from iter_file(file)


def _record_id(value: dict[str, Any]) -> int | None:
    """The record's id for its quarantine row, when it is a usable int64."""
    try:
        return parse_int(value.get("id"), "id")
    except RecordError:
        return None


def parse_record(record: RawRecord) -> Answer | Rejected | Skipped:
    """Parse one raw record into an answer, a rejection (for quarantine) or a skip."""
    if record.value is None:
        return Rejected(record.source, record.error or "unreadable", record.raw or "")
    try:
        return parse_answer(record.value, source_url=record.source, shape=record.shape)
    except Unanswered as err:
        return Skipped(record.source, str(err), _record_id(record.value))
    except RecordError as err:
        raw = json.dumps(record.value, ensure_ascii=False)[:RAW_LIMIT]
        return Rejected(record.source, str(err), raw, _record_id(record.value))


def read_records(path: Path) -> Iterator[Answer | Rejected | Skipped]:
    """Parse every record of a replay source into an answer, a rejection or a skip."""
    for record in iter_source(path):
        yield parse_record(record)


def read_answers(path: Path) -> Iterator[Answer | Rejected]:
    """Parse every record of a replay source into an :class:`Answer` or a :class:`Rejected`.

    Unanswered questions (valid records, but not answers) are left out.
    """
    for item in read_records(path):
        if not isinstance(item, Skipped):
            yield item
