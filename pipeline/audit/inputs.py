"""Turning stored rows into the audit's typed input, :class:`~pipeline.audit.records.AnswerRecord`.

Two shapes are read:

- JSON records of one answer with its extraction, as ``commitments predict --full`` writes them
  (``id``, ``answering_body``, ``text``, ``anchor``, ``model_version``, ``commitments``,
  ``timexes``), optionally with ``answer_version``, ``date_answered``, ``department`` and
  ``date_corrected`` (the test fixtures in ``tests/fixtures/audit/`` have them all);
- the lake's tables as pandas frames (``answers``, ``commitments``, ``time_expressions``), joined
  on (``id``, ``answer_version``).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from pipeline.audit.records import AnswerRecord
from pipeline.types import Commitment, Timex

T = TypeVar("T", Commitment, Timex)

_COMMITMENT_FIELDS = frozenset(f.name for f in fields(Commitment))
_TIMEX_FIELDS = frozenset(f.name for f in fields(Timex))


class InputError(ValueError):
    """A stored row the audit cannot read (names the source and the field)."""


def _date(value: Any, name: str, where: str) -> dt.date | None:
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        return value.date()
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as err:
        raise InputError(f"{where}: field {name!r} is not a date: {value!r}") from err


def _none_if_missing(value: Any) -> Any:
    if isinstance(value, float) and value != value:
        return None
    return value


def row_to(cls: type[T], row: Mapping[str, Any]) -> T:
    """Build a :class:`Commitment` or :class:`Timex` from a stored row, ignoring extra columns.

    Lists (from JSON or Arrow) become tuples and missing values (NaN) become None.
    """
    names = _COMMITMENT_FIELDS if cls is Commitment else _TIMEX_FIELDS
    data: dict[str, Any] = {}
    for key, value in row.items():
        if key not in names:
            continue
        value = _none_if_missing(value)
        if key in ("timexes", "quantities"):
            value = tuple(int(v) for v in value) if value is not None else ()
        elif key in ("char_start", "char_end") and value is not None:
            value = int(value)
        elif key in ("assurance", "negated") and value is not None:
            value = bool(value)
        data[key] = value
    return cls(**data)


def answer_from_dict(record: Mapping[str, Any], where: str = "record") -> AnswerRecord:
    """One :class:`AnswerRecord` from a JSON record (see the module docstring for the shape).

    Raises:
        InputError: When the id, the date or the text is missing or malformed.
    """
    try:
        answer_id = int(record["id"])
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(f"{where}: field 'id' is missing or not an integer") from err
    date = _date(record.get("date_answered") or record.get("anchor"), "date_answered", where)
    if date is None:
        raise InputError(f"{where}: no 'date_answered' or 'anchor'")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: field 'text' is missing or not a string")
    return AnswerRecord(
        id=answer_id,
        answer_version=int(record.get("answer_version") or 1),
        date_answered=date,
        department=record.get("department") or record.get("answering_body"),
        text=text,
        commitments=tuple(row_to(Commitment, c) for c in record.get("commitments") or ()),
        timexes=tuple(row_to(Timex, t) for t in record.get("timexes") or ()),
        date_corrected=_date(record.get("date_corrected"), "date_corrected", where),
        model_version=str(record.get("model_version") or ""),
    )


def read_records(path: Path) -> Iterator[AnswerRecord]:
    """Read a JSONL(.gz) file of answer records (``commitments predict --full`` output)."""
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path.name} line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise InputError(f"{where}: invalid JSON: {err}") from err
            yield answer_from_dict(record, where)


def answers_from_rows(
    answers: Iterable[Mapping[str, Any]],
    commitments: Iterable[Mapping[str, Any]],
    timexes: Iterable[Mapping[str, Any]] = (),
) -> list[AnswerRecord]:
    """Join the lake's rows into answer records on (``id``, ``answer_version``).

    Args:
        answers: Rows of the ``answers`` table (``id``, ``answer_version``, ``date_answered``,
            ``answering_body_name`` or ``answering_body``, ``answer_text``, optionally
            ``date_corrected``).
        commitments: Rows of the ``commitments`` table (the :class:`Commitment` fields plus
            ``id``, ``answer_version`` and optionally ``model_version``/``extractor_version``).
        timexes: Rows of the ``time_expressions`` table (the :class:`Timex` fields plus keys).
    """
    by_answer: dict[tuple[int, int], list[Commitment]] = defaultdict(list)
    versions: dict[tuple[int, int], str] = {}
    for row in commitments:
        key = (int(row["id"]), int(row["answer_version"]))
        by_answer[key].append(row_to(Commitment, row))
        version = row.get("model_version") or row.get("extractor_version")
        if version and key not in versions:
            versions[key] = str(version)
    timex_by_answer: dict[tuple[int, int], list[Timex]] = defaultdict(list)
    for row in timexes:
        timex_by_answer[(int(row["id"]), int(row["answer_version"]))].append(row_to(Timex, row))
    records = []
    for row in answers:
        key = (int(row["id"]), int(row["answer_version"]))
        where = f"answers row {key}"
        date = _date(row.get("date_answered"), "date_answered", where)
        if date is None:
            raise InputError(f"{where}: no 'date_answered'")
        department = row.get("answering_body_name", row.get("answering_body"))
        records.append(
            AnswerRecord(
                id=key[0],
                answer_version=key[1],
                date_answered=date,
                department=_none_if_missing(department),
                text=str(row.get("answer_text") or row.get("text") or ""),
                commitments=tuple(sorted(by_answer.get(key, ()), key=lambda c: c.char_start)),
                timexes=tuple(sorted(timex_by_answer.get(key, ()), key=lambda t: t.char_start)),
                date_corrected=_date(row.get("date_corrected"), "date_corrected", where),
                model_version=versions.get(key, ""),
            )
        )
    return records
