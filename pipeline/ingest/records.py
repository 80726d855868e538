"""The answer record: one answered written question, parsed from the API's ``value`` object."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

from pipeline.ingest.html import PlainText, html_to_text

REQUIRED_FIELDS = ("id", "dateAnswered", "answerText")
CLIP_MARKER = "..."
LIST_CLIP_LENGTH = 255


class RecordError(ValueError):
    """A record that cannot be used; it goes to quarantine with this message."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One answered written question (one API ``value.id`` and answer version).

    Attributes:
        id: The API's ``value.id`` (UINs are reused; this is the key).
        answer_version: 1 for the first answer; a correction is the next version.
        uin: The question's UIN.
        house: ``Commons`` or ``Lords``.
        heading: The question's heading.
        question_text: The question.
        answer_html: The answer as the API serves it.
        answer_text: The answer as plain text (what offsets point into).
        date_tabled, date_answered, date_corrected: Dates (``date_corrected`` None unless corrected).
        answering_body_id, answering_body: The answering department.
        answering_member_id, answering_member, asking_member_id, asking_member: Members.
        is_holding: A holding answer ("I will reply as soon as possible").
        is_correction: This version corrects an earlier answer.
        clipped: The text came from a list response, clipped at 255 characters.
        grouped_uins: UINs answered together with this one.
        source_url: Where the record can be fetched.
        tables: Rows of the answer's tables, kept out of the prose.
    """

    id: int
    answer_version: int
    uin: str
    house: str
    heading: str
    question_text: str
    answer_html: str
    answer_text: str
    date_tabled: dt.date | None
    date_answered: dt.date
    date_corrected: dt.date | None
    answering_body_id: int | None
    answering_body: str | None
    answering_member_id: int | None
    answering_member: str | None
    asking_member_id: int | None
    asking_member: str | None
    is_holding: bool
    is_correction: bool
    clipped: bool
    grouped_uins: list[str] = field(default_factory=list)
    source_url: str = ""
    tables: list[list[list[str]]] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the answer HTML: changes when the answer changes."""
        return hashlib.sha256(self.answer_html.encode("utf-8")).hexdigest()


def parse_date(value: Any, field_name: str) -> dt.date | None:
    """Parse an API date (``2024-03-25T00:00:00``) or None; raise RecordError on garbage."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f"field {field_name!r}: expected a date string, got {value!r}")
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError as err:
            raise RecordError(f"field {field_name!r}: not a date: {value!r}") from err


def _member_name(member: Any) -> str | None:
    if isinstance(member, dict):
        name = member.get("name") or member.get("listAs")
        return str(name) if name else None
    return None


def _int_or_none(value: Any, field_name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as err:
        raise RecordError(f"field {field_name!r}: expected an integer, got {value!r}") from err


def is_clipped(answer_text: str) -> bool:
    """True when a list response clipped the text (255 characters and "...", HTML stripped)."""
    return (
        answer_text.endswith(CLIP_MARKER)
        and len(answer_text) <= LIST_CLIP_LENGTH + len(CLIP_MARKER)
        and "<" not in answer_text
    )


def parse_answer(value: Any, *, answer_version: int | None = None, source_url: str = "") -> Answer:
    """Build an :class:`Answer` from the API's ``value`` object.

    Args:
        value: The ``value`` object of a detail or list response.
        answer_version: Version to record; by default 2 for a correction, else 1.
        source_url: Where it was fetched from.

    Raises:
        RecordError: When a required field is missing or malformed.
    """
    if not isinstance(value, dict):
        raise RecordError(f"expected a JSON object, got {type(value).__name__}")
    missing = [k for k in REQUIRED_FIELDS if value.get(k) in (None, "") and k != "answerText"]
    if missing or "answerText" not in value:
        raise RecordError(f"missing field(s): {', '.join(missing or ['answerText'])}")
    answer_id = _int_or_none(value["id"], "id")
    date_answered = parse_date(value["dateAnswered"], "dateAnswered")
    if answer_id is None or date_answered is None:
        raise RecordError("missing field(s): id, dateAnswered")
    html = value.get("answerText") or ""
    if not isinstance(html, str):
        raise RecordError(f"field 'answerText': expected a string, got {type(html).__name__}")
    plain: PlainText = html_to_text(html)
    is_correction = bool(value.get("answerIsCorrection"))
    grouped = value.get("groupedQuestions") or []
    return Answer(
        id=answer_id,
        answer_version=answer_version or (2 if is_correction else 1),
        uin=str(value.get("uin") or ""),
        house=str(value.get("house") or ""),
        heading=str(value.get("heading") or ""),
        question_text=str(value.get("questionText") or ""),
        answer_html=html,
        answer_text=plain.text,
        date_tabled=parse_date(value.get("dateTabled"), "dateTabled"),
        date_answered=date_answered,
        date_corrected=parse_date(value.get("dateAnswerCorrected"), "dateAnswerCorrected"),
        answering_body_id=_int_or_none(value.get("answeringBodyId"), "answeringBodyId"),
        answering_body=value.get("answeringBodyName") or None,
        answering_member_id=_int_or_none(value.get("answeringMemberId"), "answeringMemberId"),
        answering_member=_member_name(value.get("answeringMember")),
        asking_member_id=_int_or_none(value.get("askingMemberId"), "askingMemberId"),
        asking_member=_member_name(value.get("askingMember")),
        is_holding=bool(value.get("answerIsHolding")),
        is_correction=is_correction,
        clipped=is_clipped(html),
        grouped_uins=[str(g) for g in grouped if g is not None] if isinstance(grouped, list) else [],
        source_url=source_url,
        tables=[t.rows for t in plain.tables],
    )
