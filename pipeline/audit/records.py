"""The audit's rows: what it reads (answers with their extracted rows) and what it writes.

Inputs are the lake's rows in typed form (:class:`AnswerRecord` holds one answer version with its
``commitments`` and ``timexes`` as the engine's :class:`~pipeline.types.Commitment` and
:class:`~pipeline.types.Timex`), so the audit is a pure function over rows and can be tested
without the lake. Outputs are named dataclasses (:class:`InitiativeRow`, :class:`EvidenceItem`,
:class:`DeadlineRow`, :class:`AuditResult`) that serialise to the ``initiatives`` and
``deadlines`` tables unchanged (dates as ISO strings, nested evidence as lists of dicts).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from pipeline.types import Commitment, Strength, Timex

ScheduleStatus = Literal[
    "no_deadline", "not_due", "due_soon", "overdue", "met_on_time", "met_late", "slipped"
]
SCHEDULE_STATUSES: tuple[str, ...] = (
    "overdue", "due_soon", "slipped", "not_due", "met_late", "met_on_time", "no_deadline"
)  # fmt: skip
"""Every status, in the order reports list them (most urgent first)."""

Relation = Literal[
    "delivered", "slipped", "brought_forward", "restated", "downgraded", "undated", "withdrawn",
    "progress",
]  # fmt: skip
RELATIONS: tuple[str, ...] = (
    "delivered", "slipped", "brought_forward", "restated", "downgraded", "undated", "withdrawn",
    "progress",
)  # fmt: skip
DueBasis = Literal["stated", "assurance_default"]
DeliveryBasis = Literal["stated", "reported_by"]
StatementSource = Literal["commitment", "pattern"]
DueShape = Literal["point", "start", "span"]
DUE_SHAPES: tuple[str, ...] = ("point", "start", "span")


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One answer version as the audit reads it.

    Attributes:
        id: The API's question id.
        answer_version: 1 for the first answer; corrections count up.
        date_answered: The answer date (what relative dates were anchored to).
        department: The answering body.
        text: The answer's plain text; every offset below points into it.
        commitments: The engine's commitments for this answer.
        timexes: The engine's time expressions for this answer.
        date_corrected: When this version (a correction) was published, else None.
        model_version: The extractor version that produced the rows ("" when unknown).
    """

    id: int
    answer_version: int
    date_answered: dt.date
    department: str | None
    text: str
    commitments: tuple[Commitment, ...] = ()
    timexes: tuple[Timex, ...] = ()
    date_corrected: dt.date | None = None
    model_version: str = ""

    @property
    def known_since(self) -> dt.date:
        """The first date on which this version was public."""
        return self.date_corrected or self.date_answered


@dataclass(frozen=True, slots=True)
class InitiativeMention:
    """A named initiative found in a text.

    Attributes:
        text: The words as written, without a leading determiner or possessive.
        char_start: Offset of the first character.
        char_end: Offset one past the last character.
        name: The display name (abbreviation definitions removed: "SEND and AP Improvement Plan").
        key: The normalised name that links mentions across answers
            ("send and ap improvement plan").
        category: The head noun's category (``plan``, ``programme``, ``fund``, ...).
        alias_of: For a short reference ("the Improvement Plan"), the text of the earlier full
            mention in the same answer it was resolved to; else None.
        rule: Identifier of the head rule that found it.
    """

    text: str
    char_start: int
    char_end: int
    name: str
    key: str
    category: str
    alias_of: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class InitiativeRow:
    """One row of the ``initiatives`` table: a mention with the answer it came from."""

    id: int
    answer_version: int
    date_answered: dt.date
    department: str | None
    text: str
    char_start: int
    char_end: int
    name: str
    key: str
    category: str
    alias_of: str | None
    rule: str


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement of an answer about something to be done, being done or done.

    Built from the engine's commitment rows (``source="commitment"``) and, for evidence only, from
    the audit's own patterns around initiative mentions (``source="pattern"``: "the 10-Year
    Health Plan published on 3 July", "X, due for publication early next year").

    Attributes:
        answer_id: The question id.
        answer_version: The answer version.
        date: The answer date.
        department: The answering body, canonicalised (renamed departments mapped to successors).
        quote: The statement's words.
        char_start: Offset of ``quote`` in the answer text.
        char_end: Offset one past its end.
        kind: ``future``, ``ongoing`` or ``done``.
        due: For ``future``: the latest date it should be done (ISO), else None.
        due_text: The words that gave ``due``.
        strength: ``firm`` or ``soft``.
        assurance: A parliamentary assurance ("I will write to the hon. Member").
        negated: "we have no plans to ...".
        actor: The actor as written.
        action: The action family ("publish", "launch", "complete", ...), None when unknown.
        event_start: For ``done``: first day of the stated date of the event (ISO), else None.
        event_end: For ``done``: last day of the stated date of the event (ISO), else None.
        initiatives: ``(key, weight)`` of the initiatives it concerns; weight 1.0 when named in
            the quote, less when only in its sentence or the sentence before.
        terms: Content words of what it is about (actor + object), for deliverable matching.
        source: ``commitment`` (an engine row) or ``pattern`` (an audit evidence pattern).
        rule: The engine's or the pattern's rule id.
        evidence: False when a pattern statement over the same words stands in for it as evidence
            (it dates what the engine's row left undated); the commitment is still audited.
        due_shape: What ``due`` is the end of: ``point`` (a deadline: "by 2025", "in the
            spring"), ``start`` (when something begins to apply: "from October") or ``span``
            (a period it runs for: "from 1 October 2024 until 31 March 2025"). Only dues of one
            shape are compared for a slip.
        quote_terms: Content words of ``quote`` alone (``terms`` are those of its context).
        verb: For a statement with no action word, the verb its modal or infinitive governs
            ("will be implemented" -> ``implemented``, "will pay" -> ``pay``), else None: two
            such statements with one verb and one due restate one thing.
    """

    answer_id: int
    answer_version: int
    date: dt.date
    department: str | None
    quote: str
    char_start: int
    char_end: int
    kind: str
    due: str | None = None
    due_text: str | None = None
    strength: Strength = "firm"
    assurance: bool = False
    negated: bool = False
    actor: str | None = None
    action: str | None = None
    event_start: str | None = None
    event_end: str | None = None
    initiatives: tuple[tuple[str, float], ...] = ()
    terms: frozenset[str] = frozenset()
    source: StatementSource = "commitment"
    rule: str = ""
    evidence: bool = True
    due_shape: DueShape = "point"
    verb: str | None = None
    quote_terms: frozenset[str] = frozenset()

    @property
    def key(self) -> str:
        """Stable identifier: ``<id>:<answer_version>:<char_start>-<char_end>``."""
        return f"{self.answer_id}:{self.answer_version}:{self.char_start}-{self.char_end}"

    @property
    def initiative_keys(self) -> tuple[str, ...]:
        """The keys of the initiatives it concerns, strongest first."""
        return tuple(k for k, _ in self.initiatives)


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """A later statement linked to a commitment, with why and what it means for the deadline.

    Attributes:
        id: The later answer's question id.
        answer_version: Its version.
        date: Its answer date.
        quote: The linked statement's words.
        char_start: Offset of ``quote`` in that answer's text.
        char_end: Offset one past its end.
        relation: ``delivered``, ``slipped``, ``brought_forward``, ``restated``, ``downgraded``,
            ``undated``, ``withdrawn`` or ``progress``.
        reason: Why it was linked ("same initiative: 10-year health plan").
        score: The link's score in [0, 1].
        kind: The later statement's kind.
        strength: The later statement's strength.
        due: The later statement's due date when it gives one.
        stated_date: For ``delivered``: the last day of the date the statement gives for the
            event, or None.
        source: ``commitment`` or ``pattern``.
    """

    id: int
    answer_version: int
    date: dt.date
    quote: str
    char_start: int
    char_end: int
    relation: Relation
    reason: str
    score: float
    kind: str
    strength: str
    due: dt.date | None = None
    stated_date: dt.date | None = None
    source: str = "commitment"


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """One audited commitment's schedule as of a date: one row of the ``deadlines`` snapshot.

    Attributes:
        as_of: The date the status holds for; the snapshot's partition.
        commitment_id: ``<id>:<answer_version>:<char_start>-<char_end>`` of the commitment.
        id: The question id of the answer that made the commitment.
        answer_version: Its answer version.
        date_answered: When the commitment was made.
        department: The answering body as recorded on the answer.
        actor: Who committed, as written.
        quote: The commitment's words.
        char_start: Offset of ``quote`` in that answer's text.
        char_end: Offset one past its end.
        strength: ``firm`` or ``soft``.
        assurance: A parliamentary assurance.
        due: The due date as first stated, or the assurance default; None for no deadline.
        due_text: The words that gave ``due``, or None.
        due_basis: ``stated`` or ``assurance_default``; None with no deadline.
        current_due: The due date after later slips or advances; equals ``due`` otherwise.
        schedule_status: ``no_deadline``, ``not_due``, ``due_soon``, ``overdue``, ``met_on_time``,
            ``met_late`` or ``slipped``.
        new_due: The later due date when the commitment slipped, else None.
        days_overdue: Days past ``current_due`` for ``overdue``, else None.
        days_to_due: Days from ``as_of`` to ``current_due`` while not met (negative when past).
        delivered_on: The date delivery is evidenced by, or None.
        delivered_basis: ``stated`` (the later answer gives the date) or ``reported_by`` (the
            later answer's own date, an upper bound), or None.
        downgraded: A later statement of the same thing used softer wording.
        initiatives: Keys of the initiatives the commitment concerns.
        evidence: The linked later statements, oldest first.
        evidence_checked_through: The last answer date searched for evidence.
        model_version: The extractor version of the commitment row.
    """

    as_of: dt.date
    commitment_id: str
    id: int
    answer_version: int
    date_answered: dt.date
    department: str | None
    actor: str | None
    quote: str
    char_start: int
    char_end: int
    strength: str
    assurance: bool
    due: dt.date | None
    due_text: str | None
    due_basis: DueBasis | None
    current_due: dt.date | None
    schedule_status: ScheduleStatus
    new_due: dt.date | None
    days_overdue: int | None
    days_to_due: int | None
    delivered_on: dt.date | None
    delivered_basis: DeliveryBasis | None
    downgraded: bool
    initiatives: tuple[str, ...]
    evidence: tuple[EvidenceItem, ...]
    evidence_checked_through: dt.date
    model_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        """All fields as JSON-ready primitives: dates as ISO strings, evidence as dicts."""
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class AuditResult:
    """The audit as of one date.

    Attributes:
        as_of: The date statuses hold for.
        rows: One row per audited commitment, most overdue first.
        initiatives: Every initiative mention in the answers known by ``as_of``.
        evidence_checked_through: The last answer date searched (None when there were no answers).
        answers: How many answer versions were read.
        written: Where the snapshot was written (table path and version), when it was.
    """

    as_of: dt.date
    rows: tuple[DeadlineRow, ...]
    initiatives: tuple[InitiativeRow, ...] = ()
    evidence_checked_through: dt.date | None = None
    answers: int = 0
    written: dict[str, Any] = field(default_factory=dict)

    @property
    def overdue(self) -> list[DeadlineRow]:
        """The overdue commitments, most overdue first: what the nightly flow publishes."""
        return [r for r in self.rows if r.schedule_status == "overdue"]

    def counts(self) -> dict[str, int]:
        """Rows per schedule status, every status present (zero when none)."""
        counter: Counter[str] = Counter(r.schedule_status for r in self.rows)
        return {status: counter.get(status, 0) for status in SCHEDULE_STATUSES}
