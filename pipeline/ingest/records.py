"""The answer record: one answered written question, parsed from the API's ``value`` object.

An :class:`Answer` is one *version* of one answered question (``value.id``; UINs are reused).
Its version follows the answer's life cycle as the API shows it (:func:`lifecycle_version`):

* 1 — the first answer, holding or substantive;
* 2 — a substantive answer that replaced a holding answer (``dateHoldingAnswer`` is set and the
  text is no longer a holding answer), whether or not the holding answer was ever seen;
* +1 — a correction (``answerIsCorrection``).

Two different texts at the same stage (a second correction, a silent edit) are told apart by the
lake, which gives the later one the next free version (``pipeline.lake.versions``).

Records come in three shapes (:data:`Shape`): a ``detail`` response (full HTML), a ``list`` item
(HTML stripped, question and answer clipped at 255 characters) and a ``page`` (the answer's web
page as text). A list item is a lossy view of the detail and never outranks it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from pipeline.ingest.html import Paragraph, PlainText, Table, html_to_text

Shape = Literal["detail", "list", "page"]
SHAPES: tuple[str, ...] = ("detail", "list", "page")
REQUIRED_FIELDS = ("id", "dateAnswered", "answerText")
CLIP_MARKER = "..."
LIST_CLIP_LENGTH = 255
# Every field of a written question's ``value`` the API has served (detail and list shapes,
# with and without ``expandMember``). Anything else is an *unknown field*: the record is kept,
# the field ignored, and its name noted on the answer and in the run's row.
KNOWN_VALUE_FIELDS = frozenset(
    {
        "id", "askingMemberId", "askingMember", "house", "memberHasInterest", "dateTabled",
        "dateForAnswer", "uin", "questionText", "answeringBodyId", "answeringBodyName",
        "isWithdrawn", "isNamedDay", "groupedQuestions", "answerIsHolding", "answerIsCorrection",
        "answeringMemberId", "answeringMember", "correctingMemberId", "correctingMember",
        "dateAnswered", "answerText", "originalAnswerText", "comparableAnswerText",
        "dateAnswerCorrected", "dateHoldingAnswer", "attachmentCount", "heading", "attachments",
        "groupedQuestionsDates",
    }
)  # fmt: skip
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
# The API's House values; a record naming another house is not a written answer of this
# Parliament (quarantined). Page texts carry none ("").
HOUSES = frozenset({"Commons", "Lords", "Bicameral"})
# How much a shape can be trusted, for choosing between two views of the same answer.
_SHAPE_RANK = {"detail": 2, "page": 2, "list": 1}
# A UTF-16 surrogate on its own: valid JSON (a "\ud800" escape), but not Unicode text, so no
# UTF-8 encoder (hashes, Arrow, Parquet) takes it.
_SURROGATE = re.compile("[\ud800-\udfff]")


class RecordError(ValueError):
    """A record that cannot be used; it goes to quarantine with this message."""


class Unanswered(RecordError):
    """A question without an answer (``dateAnswered`` null): skipped, not quarantined."""


@dataclass(frozen=True, slots=True)
class Answer:
    """One answered written question (one API ``value.id`` and answer version).

    Attributes:
        id: The API's ``value.id`` (UINs are reused; this is the key). Page-text records, which
            carry no id, get a stable negative id from their content.
        answer_version: The life-cycle stage (module docstring); the lake may raise it.
        uin: The question's UIN.
        house: ``Commons`` or ``Lords`` (empty when the source does not say).
        heading: The question's heading.
        question_text: The question.
        answer_html: The answer as the source serves it.
        answer_text: The answer as plain text (what offsets point into).
        date_tabled: When the question was tabled.
        date_answered: When this answer was given.
        date_corrected: When the answer was corrected; None unless corrected.
        date_holding_answer: When a holding answer was given; None when there was none.
        answering_body_id: The answering department's id.
        answering_body: The answering department's name.
        answering_member_id: The answering minister's id.
        answering_member: The answering minister's name (``expandMember=true``).
        asking_member_id: The asking member's id.
        asking_member: The asking member's name (``expandMember=true``).
        is_holding: The text is a holding answer (detected from the text; see ``html.py``).
        api_is_holding: The API's ``answerIsHolding`` flag as served.
        is_correction: This version corrects an earlier answer.
        clipped: The question or answer text was clipped by a list response.
        shape: ``detail``, ``list`` or ``page``: which kind of record it came from.
        grouped_uins: UINs answered together with this one.
        source_url: Where the record was read or fetched.
        paragraphs: Offsets of the answer text's paragraphs.
        tables: The answer's tables, kept out of the prose.
        unknown_fields: Names of fields the record carried that the API is not known to serve.
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
    date_holding_answer: dt.date | None
    answering_body_id: int | None
    answering_body: str | None
    answering_member_id: int | None
    answering_member: str | None
    asking_member_id: int | None
    asking_member: str | None
    is_holding: bool
    api_is_holding: bool
    is_correction: bool
    clipped: bool
    shape: Shape = "detail"
    grouped_uins: list[str] = field(default_factory=list)
    source_url: str = ""
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    unknown_fields: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the answer HTML: changes when the answer changes."""
        return content_hash(self.answer_html)

    @property
    def rank(self) -> int:
        """How complete this view is (:func:`view_rank`)."""
        return view_rank(clipped=self.clipped, shape=self.shape)

    @property
    def answered_month(self) -> str:
        """``YYYY-MM`` of the answer date: the lake's partition."""
        return self.date_answered.strftime("%Y-%m")


def view_rank(*, clipped: bool, shape: str) -> int:
    """How complete a view is: a detail or page (2) beats an unclipped list item (1), which
    beats a clipped one (0)."""
    return 0 if clipped else _SHAPE_RANK.get(shape, 1)


def lone_surrogate(value: Any, name: str = "value") -> str | None:
    """Where a decoded JSON value holds a lone surrogate, or None when it holds none.

    JSON may escape any UTF-16 code unit (``"\\ud800"``), so a valid record can hold half a
    surrogate pair, which is not Unicode text: hashing or storing it as UTF-8 fails.

    Args:
        value: A decoded JSON value; keys and strings at every depth are searched.
        name: How to call ``value`` itself in the answer.

    Returns:
        ``"field 'heading' at offset 13: '\\ud800'"``-like (a key is named ``key 'x'``, a
        nested place by its path: ``'askingMember.name'``, ``'groupedQuestions[2]'``), or None.
    """
    stack: list[tuple[str, Any]] = [(name, value)]
    while stack:  # no recursion: a record can be nested as deep as the JSON parser allows
        path, item = stack.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found is not None:
                return f"field {path!r} at offset {found.start()}: {found.group()!r}"
        elif isinstance(item, dict):
            for key, child in item.items():
                found = _SURROGATE.search(key)
                if found is not None:
                    return f"key {key!r} of {path!r} at offset {found.start()}"
                stack.append((key if path == name else f"{path}.{key}", child))
        elif isinstance(item, list):
            stack.extend((f"{path}[{i}]", child) for i, child in enumerate(item))
    return None


def content_hash(answer_html: str) -> str:
    """SHA-256 (hex) of an answer's HTML."""
    return hashlib.sha256(answer_html.encode("utf-8")).hexdigest()


def parse_date(value: Any, field_name: str) -> dt.date | None:
    """Parse an API date (``2024-03-25T00:00:00``, or ISO 8601 with a zone or none) or None;
    raise RecordError on anything else.

    The whole string must be ISO 8601: a value with trailing garbage ("2023-12-06\x00") or an
    end-of-day time ("2023-12-06T24:00:00", which ISO reads as the next day's midnight) is not
    read as its first ten characters' date.
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordError(f"field {field_name!r}: expected a date string, got {value!r}")
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError as err:
        raise RecordError(f"field {field_name!r}: not a date: {value!r}") from err


def _member_name(member: Any) -> str | None:
    if isinstance(member, dict):
        name = member.get("name") or member.get("listAs")
        return str(name) if name else None
    return None


def parse_int(value: Any, field_name: str) -> int | None:
    """An integer field (the lake stores them as int64); RecordError for anything else,
    including a fraction (1725706.5 is not question 1725706) and a number out of int64 range."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise RecordError(f"field {field_name!r}: expected an integer, got {value!r}")
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError) as err:
        raise RecordError(f"field {field_name!r}: expected an integer, got {value!r}") from err
    if not INT64_MIN <= number <= INT64_MAX:
        raise RecordError(f"field {field_name!r}: {value!r} is out of range")
    return number


def _str_or_none(value: Any, field_name: str) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, (dict, list)):
        raise RecordError(f"field {field_name!r}: expected a string, got {type(value).__name__}")
    return str(value)


def is_clipped(answer_text: str) -> bool:
    """True when a list response clipped the text (255 characters and "...", HTML stripped)."""
    return (
        answer_text.endswith(CLIP_MARKER)
        and len(answer_text) <= LIST_CLIP_LENGTH + len(CLIP_MARKER)
        and "<" not in answer_text
    )


def is_clipped_question(question_text: str) -> bool:
    """True when a list response may have clipped the question (exactly 255 characters)."""
    return len(question_text) == LIST_CLIP_LENGTH


def needs_detail(value: dict[str, Any]) -> bool:
    """True when a list item's question or answer text was clipped: fetch the detail."""
    answer = value.get("answerText")
    question = value.get("questionText")
    return (isinstance(answer, str) and is_clipped(answer)) or (
        isinstance(question, str) and is_clipped_question(question)
    )


def lifecycle_version(
    *, is_holding: bool, date_holding_answer: dt.date | None, is_correction: bool
) -> int:
    """The answer version a record's state implies (see the module docstring)."""
    version = 1
    if date_holding_answer is not None and not is_holding:
        version += 1
    if is_correction:
        version += 1
    return version


def parse_answer(
    value: Any,
    *,
    answer_version: int | None = None,
    source_url: str = "",
    shape: str = "detail",
) -> Answer:
    """Build an :class:`Answer` from the API's ``value`` object.

    Args:
        value: The ``value`` object of a detail or list response.
        answer_version: Version to record; by default the life-cycle stage
            (:func:`lifecycle_version`).
        source_url: Where it was fetched from.
        shape: ``detail``, ``list`` or ``page``.

    Raises:
        Unanswered: When the question has no answer yet (``dateAnswered`` present but null).
        RecordError: When a required field is missing or malformed, the answer holds no text
            (nor a table), ``house`` is not one of :data:`HOUSES`, a string or key anywhere
            in the record holds a lone surrogate (:func:`lone_surrogate`), or the id's sign is
            not its shape's (positive from the API, negative for a page record).
    """
    if not isinstance(value, dict):
        raise RecordError(f"expected a JSON object, got {type(value).__name__}")
    surrogate = lone_surrogate(value)
    if surrogate is not None:
        raise RecordError(
            f"{surrogate} is a lone UTF-16 surrogate, not Unicode text: the record cannot be "
            "stored as UTF-8"
        )
    if shape not in SHAPES:
        raise RecordError(f"shape {shape!r} is not one of {', '.join(SHAPES)}")
    absent = [k for k in REQUIRED_FIELDS if k not in value]
    if absent:
        raise RecordError(f"missing field(s): {', '.join(absent)}")
    answer_id = parse_int(value["id"], "id")
    if answer_id is None:
        raise RecordError("missing field(s): id")
    if (answer_id >= 0) if shape == "page" else (answer_id <= 0):
        # the API's question ids are positive; pages, which carry none, get negative ones
        # (pagetext.page_id), so the two can never name the same answer
        kind = "a page record's" if shape == "page" else "the API's question"
        sign = "negative" if shape == "page" else "positive"
        raise RecordError(f"field 'id': {kind} ids are {sign}, got {answer_id}")
    date_answered = parse_date(value["dateAnswered"], "dateAnswered")
    if date_answered is None:
        raise Unanswered(f"question {answer_id} has no answer (dateAnswered is null)")
    html = value.get("answerText")
    if html is None:
        html = ""
    if not isinstance(html, str):
        raise RecordError(f"field 'answerText': expected a string, got {type(html).__name__}")
    plain: PlainText = html_to_text(html)
    if not plain.text and not plain.tables:
        raise RecordError(
            f"question {answer_id} is answered (dateAnswered {value['dateAnswered']!r}) but its "
            "answerText holds no text"
        )
    house = _str_or_none(value.get("house"), "house") or ""
    if house and house not in HOUSES:
        raise RecordError(f"field 'house': {house!r} is not one of {', '.join(sorted(HOUSES))}")
    question = _str_or_none(value.get("questionText"), "questionText") or ""
    is_correction = bool(value.get("answerIsCorrection"))
    date_holding = parse_date(value.get("dateHoldingAnswer"), "dateHoldingAnswer")
    grouped = value.get("groupedQuestions") or []
    return Answer(
        id=answer_id,
        answer_version=answer_version
        or lifecycle_version(
            is_holding=plain.is_holding,
            date_holding_answer=date_holding,
            is_correction=is_correction,
        ),
        uin=_str_or_none(value.get("uin"), "uin") or "",
        house=house,
        heading=_str_or_none(value.get("heading"), "heading") or "",
        question_text=question,
        answer_html=html,
        answer_text=plain.text,
        date_tabled=parse_date(value.get("dateTabled"), "dateTabled"),
        date_answered=date_answered,
        date_corrected=parse_date(value.get("dateAnswerCorrected"), "dateAnswerCorrected"),
        date_holding_answer=date_holding,
        answering_body_id=parse_int(value.get("answeringBodyId"), "answeringBodyId"),
        answering_body=_str_or_none(value.get("answeringBodyName"), "answeringBodyName"),
        answering_member_id=parse_int(value.get("answeringMemberId"), "answeringMemberId"),
        answering_member=_member_name(value.get("answeringMember")),
        asking_member_id=parse_int(value.get("askingMemberId"), "askingMemberId"),
        asking_member=_member_name(value.get("askingMember")),
        is_holding=plain.is_holding,
        api_is_holding=bool(value.get("answerIsHolding")),
        is_correction=is_correction,
        clipped=is_clipped(html) or (shape == "list" and is_clipped_question(question)),
        shape=typing.cast(Shape, shape),
        grouped_uins=[str(g) for g in grouped if g is not None]
        if isinstance(grouped, list)
        else [],
        source_url=source_url,
        paragraphs=list(plain.paragraphs),
        tables=list(plain.tables),
        unknown_fields=sorted(k for k in value if k not in KNOWN_VALUE_FIELDS),
    )
