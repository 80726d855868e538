"""Replay sources: read API-shaped files instead of the network.

Accepted: a JSONL file (``.jsonl`` or ``.jsonl.gz``) of detail responses (``{"value": {...}}``)
or list envelopes (``{"totalResults", "results": [...]}``); a JSON file holding one response,
a list of responses, or a list envelope; or a folder of such files. Every record comes out as a
:class:`RawRecord` so a bad line becomes a quarantined record, never a crash or a silent loss.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.ingest.records import Answer, RecordError, parse_answer

REPLAY_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz")


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read from a source, before parsing.

    Attributes:
        source: File (and line) it came from.
        value: The API ``value`` object, or None when the record could not be read.
        error: Why it could not be read, or None.
        raw: The raw text of a record that could not be read (for quarantine).
    """

    source: str
    value: dict[str, Any] | None
    error: str | None = None
    raw: str | None = None


def _open_text(path: Path) -> Iterator[str]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:  # type: ignore[operator]
        for line in handle:
            yield line


def _values(obj: Any) -> Iterator[dict[str, Any] | Any]:
    """The ``value`` objects inside a detail response, list envelope or list of either."""
    if isinstance(obj, list):
        for item in obj:
            yield from _values(item)
    elif isinstance(obj, dict) and isinstance(obj.get("results"), list):
        for item in obj["results"]:
            yield from _values(item)
    elif isinstance(obj, dict) and "value" in obj:
        yield obj["value"]
    else:
        yield obj


def _records_from_obj(obj: Any, source: str) -> Iterator[RawRecord]:
    for value in _values(obj):
        if isinstance(value, dict):
            yield RawRecord(source, value)
        else:
            yield RawRecord(source, None, f"not an API record: {type(value).__name__}", str(value)[:2000])


def iter_file(path: Path) -> Iterator[RawRecord]:
    """Yield the records of one replay file, a bad line giving a record with its error."""
    name = path.name
    if name.endswith((".jsonl", ".jsonl.gz")):
        for number, line in enumerate(_open_text(path), start=1):
            source = f"{path}:{number}"
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as err:
                yield RawRecord(source, None, f"not UTF-8: {err}", line.decode("utf-8", "replace")[:2000])
                continue
            if not text.strip():
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as err:
                yield RawRecord(source, None, f"malformed JSON: {err}", text[:2000])
                continue
            yield from _records_from_obj(obj, source)
    else:
        data = b"".join(_open_text(path))
        try:
            obj = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            yield RawRecord(str(path), None, f"unreadable JSON file: {err}", data[:2000].decode("utf-8", "replace"))
            return
        yield from _records_from_obj(obj, str(path))


def iter_source(path: Path) -> Iterator[RawRecord]:
    """Yield the records of a replay file or of every replay file in a folder (sorted)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"replay source not found: {path}")
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(REPLAY_SUFFIXES)):
            yield from iter_file(child)
    else:
        yield from iter_file(path)


@dataclass(frozen=True, slots=True)
class Rejected:
    """A record that could not be turned into an answer, bound for quarantine.

    Attributes:
        source: File and line it came from.
        error: Why it was rejected.
        raw: The raw record (JSON text), truncated to 2,000 characters.
    """

    source: str
    error: str
    raw: str


def read_answers(path: Path) -> Iterator[Answer | Rejected]:
    """Parse every record of a replay source into an :class:`Answer` or a :class:`Rejected`."""
    for record in iter_source(path):
        if record.value is None:
            yield Rejected(record.source, record.error or "unreadable", record.raw or "")
            continue
        try:
            yield parse_answer(record.value, source_url=record.source)
        except RecordError as err:
            yield Rejected(record.source, str(err), json.dumps(record.value, ensure_ascii=False)[:2000])
