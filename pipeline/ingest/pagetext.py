"""Page-text records: an answer copied from its web page as text (``../shared/seed/*.txt``).

The page reads::

    <heading>

    (asked on 15th March 2024) - View Source

    Question to the Department for Education:

    <question>

    Answered by
    <member> Portrait
    <member>
    <role>
    This question was answered on 25th March 2024

    <answer paragraphs, separated by blank lines>

    <page furniture such as "Reticulating Splines">

:func:`parse_page_text` turns it into an API-shaped ``value`` (answer paragraphs as ``<p>``
elements, so the plain text is the page's paragraphs exactly). A page carries no question id:
the record gets a stable negative id from its heading, dates and answer, which can never collide
with the API's positive ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from typing import Any

from pipeline.ingest.records import RecordError

PAGE_SUFFIXES = (".txt",)
# Lines of the web page's furniture that are not part of the answer.
PAGE_FURNITURE = frozenset({"Reticulating Splines", "View Source", "Share", "Print"})

_DATE = r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})"
_ASKED = re.compile(r"\(asked on " + _DATE + r"\)", re.I)
_QUESTION_TO = re.compile(r"^Question to (?:the )?(.+?):\s*$", re.I)
_ANSWERED_BY = re.compile(r"^Answered by\s*$", re.I)
_ANSWERED_ON = re.compile(r"^This question was answered on " + _DATE + r"\s*$", re.I)
_PORTRAIT = re.compile(r"\s+Portrait$")


def parse_page_date(day: str, month: str, year: str) -> dt.date:
    """``("15", "March", "2024")`` -> ``date(2024, 3, 15)``; RecordError when not a date."""
    try:
        return dt.datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
    except ValueError as err:
        raise RecordError(f"page text: not a date: {day} {month} {year}") from err


def page_id(heading: str, asked: str, answered: str, answer: str) -> int:
    """A stable negative id for a page record (pages carry no API id)."""
    digest = hashlib.sha256(
        "\x1f".join((heading, asked, answered, answer)).encode("utf-8")
    ).hexdigest()
    return -int(digest[:15], 16)


def parse_page_text(text: str) -> dict[str, Any]:
    """Turn an answer's web page (as text) into an API-shaped ``value`` object.

    Raises:
        RecordError: When the page lacks the "answered on" line or the answer.
    """
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    heading = next((line.strip() for line in lines if line.strip()), "")
    asked = _ASKED.search(text)
    body: str | None = None
    question: list[str] = []
    member: str | None = None
    answered: dt.date | None = None
    answer_start: int | None = None
    state = "head"
    for number, line in enumerate(lines):
        stripped = line.strip()
        if state == "head":
            match = _QUESTION_TO.match(stripped)
            if match:
                body, state = match.group(1), "question"
        elif state == "question":
            if _ANSWERED_BY.match(stripped):
                state = "member"
            else:
                question.append(stripped)
        elif state == "member":
            match = _ANSWERED_ON.match(stripped)
            if match:
                answered = parse_page_date(*match.groups())
                answer_start, state = number + 1, "answer"
                break
            if stripped and member is None:
                member = _PORTRAIT.sub("", stripped)
    if answered is None or answer_start is None:
        raise RecordError("page text: no 'This question was answered on <date>' line")
    paragraphs = _paragraphs(lines[answer_start:])
    if not paragraphs:
        raise RecordError("page text: no answer after the 'answered on' line")
    tabled = parse_page_date(*asked.groups()) if asked else None
    answer_html = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return {
        "id": page_id(
            heading, tabled.isoformat() if tabled else "", answered.isoformat(), answer_html
        ),
        "uin": None,
        "house": None,
        "heading": heading,
        "questionText": " ".join(q for q in question if q),
        "answeringBodyName": body,
        "answeringMember": {"name": member} if member else None,
        "dateTabled": tabled.isoformat() if tabled else None,
        "dateAnswered": answered.isoformat(),
        "answerText": answer_html,
    }


def _paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs, page furniture dropped."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        stripped = line.strip()
        if stripped and stripped not in PAGE_FURNITURE:
            current.append(stripped)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs
