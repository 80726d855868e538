"""The audit as one pure function: answers (with their extracted rows) in, deadlines out.

:func:`run_audit` takes the answers known by a date, finds their initiatives and statements,
links every later statement to each earlier ``future`` commitment it concerns, and computes each
commitment's schedule status with its evidence. Nothing here reads or writes tables: see
:mod:`pipeline.audit.store` for that.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from pipeline.audit.initiatives import find_initiatives
from pipeline.audit.lexicon import Lexicon, load_lexicon
from pipeline.audit.linking import (
    LinkConfig,
    classify,
    document_frequencies,
    idf_weights,
    link,
    named_link,
    normalised_quote,
    repetition,
    same_act_under_way,
    same_verb,
    softer,
)
from pipeline.audit.records import (
    SCHEDULE_STATUSES,
    AnswerRecord,
    AuditResult,
    DeadlineRow,
    DeliveryBasis,
    DueBasis,
    EvidenceItem,
    InitiativeMention,
    InitiativeRow,
    Relation,
    Statement,
)
from pipeline.audit.statements import answer_statements
from pipeline.audit.status import add_months, delivery_date, schedule_status


@dataclass(frozen=True, slots=True)
class AuditConfig:
    """The audit's knobs.

    Attributes:
        due_soon_days: A commitment due within this many days is ``due_soon``.
        assurance_default_months: Due date given to an undated assurance, in months after the
            answer.
        link: Thresholds of the linker.
        max_term_share: Terms used by more than this share of statements are not used to find
            candidate links (they still count in the score).
        schedule_threshold: Least link score for an item that moves the schedule
            (``delivered``, ``slipped``, ``brought_forward``, ``withdrawn``).
        progress_threshold: Least link score for an item that does not move the schedule
            (``progress``, ``undated``), so that passing mentions do not crowd the evidence.
        unknown_action_threshold: Least link score when either statement's action is unknown
            (no action word: "will provide updates on this"), since then any action matches;
            not for a restatement with the same due and the same governed verb
            (:func:`~pipeline.audit.linking.same_verb`: "The employer National Insurance rise
            will be implemented in April 2025").
        under_way_threshold: Least link score for ``progress`` that reports the commitment's
            own action under way in its own words
            (:func:`~pipeline.audit.linking.same_act_under_way`): as for a schedule move, not
            ``progress_threshold``.
        under_way_share: Least share of the shorter quote's content words that the other quote
            must have for that.
    """

    due_soon_days: int = 90
    assurance_default_months: int = 3
    link: LinkConfig = field(default_factory=LinkConfig)
    max_term_share: float = 0.02
    schedule_threshold: float = 0.7
    progress_threshold: float = 0.9
    unknown_action_threshold: float = 0.9
    under_way_threshold: float = 0.7
    under_way_share: float = 0.6


def latest_versions(answers: Iterable[AnswerRecord], as_of: dt.date) -> list[AnswerRecord]:
    """The latest version of each answer that was public by ``as_of``, oldest answer first."""
    latest: dict[int, AnswerRecord] = {}
    for answer in answers:
        if answer.known_since > as_of or answer.date_answered > as_of:
            continue
        current = latest.get(answer.id)
        if current is None or answer.answer_version > current.answer_version:
            latest[answer.id] = answer
    return sorted(latest.values(), key=lambda a: (a.date_answered, a.id))


def audited(statement: Statement) -> bool:
    """True for the statements the audit tracks: the engine's non-negated ``future`` commitments."""
    return statement.source == "commitment" and statement.kind == "future" and not statement.negated


def due_of(statement: Statement, config: AuditConfig) -> tuple[dt.date | None, DueBasis | None]:
    """A commitment's due date and its basis (stated, or the default for an undated assurance)."""
    if statement.due:
        return dt.date.fromisoformat(statement.due), "stated"
    if statement.assurance:
        return add_months(statement.date, config.assurance_default_months), "assurance_default"
    return None, None


class _Candidates:
    """Later statements indexed by initiative and by (department, term), for linking."""

    def __init__(self, statements: list[Statement], max_term_share: float) -> None:
        self.statements = statements
        counts, total = document_frequencies(statements)
        self.idf = idf_weights(counts, total)
        self.default_idf = math.log(total + 1) + 1.0
        limit = max(2, int(max_term_share * total))
        self.by_initiative: dict[str, list[int]] = defaultdict(list)
        self.by_term: dict[tuple[str | None, str], list[int]] = defaultdict(list)
        for index, statement in enumerate(statements):
            if not statement.evidence:
                continue
            for key in statement.initiative_keys:
                self.by_initiative[key].append(index)
            for term in statement.terms:
                if counts[term] <= limit:
                    self.by_term[(statement.department, term)].append(index)

    def for_commitment(self, commitment: Statement, as_of: dt.date) -> list[Statement]:
        """Statements of answers after the commitment's and up to ``as_of``, in date order."""
        found: set[int] = set()
        for key in commitment.initiative_keys:
            found.update(self.by_initiative.get(key, ()))
        for term in commitment.terms:
            found.update(self.by_term.get((commitment.department, term), ()))
        picked = [self.statements[i] for i in found]
        return sorted(
            (
                s
                for s in picked
                if commitment.date < s.date <= as_of and s.answer_id != commitment.answer_id
            ),
            key=lambda s: (s.date, s.answer_id, s.char_start),
        )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _evidence(later: Statement, relation: Relation, link_score: float, reason: str) -> EvidenceItem:
    return EvidenceItem(
        id=later.answer_id,
        answer_version=later.answer_version,
        date=later.date,
        quote=later.quote,
        char_start=later.char_start,
        char_end=later.char_end,
        relation=relation,
        reason=reason,
        score=link_score,
        kind=later.kind,
        strength=later.strength,
        due=_date(later.due),
        stated_date=_date(later.event_end) if relation == "delivered" else None,
        source=later.source,
    )


SCHEDULE_RELATIONS = frozenset({"delivered", "slipped", "brought_forward", "withdrawn"})
INFORMATIONAL_RELATIONS = frozenset({"progress", "undated"})


def _least_score(relation: Relation, config: AuditConfig, *, under_way: bool = False) -> float:
    """The link score a relation needs: more for what moves the schedule or says little, but
    no more for ``progress`` that reports the commitment's own action ``under_way`` than for a
    schedule move."""
    if relation == "progress" and under_way:
        return config.under_way_threshold
    if relation in INFORMATIONAL_RELATIONS:
        return config.progress_threshold
    if relation in SCHEDULE_RELATIONS:
        return config.schedule_threshold
    return config.link.link_threshold


def audit_commitment(
    commitment: Statement,
    candidates: list[Statement],
    as_of: dt.date,
    checked_through: dt.date,
    *,
    idf: dict[str, float],
    default_idf: float,
    config: AuditConfig,
    generic_actions: frozenset[str],
    department: str | None = None,
    model_version: str = "",
    own_text: str = "",
    covers: Mapping[str, frozenset[str]] | None = None,
) -> DeadlineRow:
    """One commitment's deadline row from the later statements that may concern it.

    Args:
        commitment: The audited commitment.
        candidates: Later statements (after the commitment's answer, up to ``as_of``), oldest first.
        as_of: The date the status holds for.
        checked_through: The last answer date searched.
        idf: Term weights for the deliverable score.
        default_idf: Weight of an unseen term.
        config: Thresholds and defaults.
        generic_actions: Action families that stand for any action ("completed").
        department: The department as recorded on the answer (the statement holds the canonical
            one).
        model_version: The extractor version of the commitment row.
        own_text: The normalised words of the commitment's answer: a later statement that only
            repeats some of them is a re-sent template (:func:`repetition`).
        covers: Action family -> the other families it stands for ("publish" -> "set_out"), used
            when the link rests on an initiative the commitment names (:func:`named_link`).
    """
    due, due_basis = due_of(commitment, config)
    current = due.isoformat() if due else None
    evidence: list[EvidenceItem] = []
    delivered: tuple[dt.date, DeliveryBasis] | None = None
    downgraded = False
    for later in candidates:
        found = link(commitment, later, idf, config.link, default_idf)
        if found is None:
            continue
        repeated = repetition(commitment, later, own_text)
        if repeated == "sibling":
            continue
        relation = classify(
            commitment,
            current,
            later,
            generic_actions,
            covers if named_link(commitment, found) else None,
        )
        if repeated == "self" and relation in ("slipped", "brought_forward"):
            relation = "restated"
        if relation is None or found.score < _least_score(
            relation,
            config,
            under_way=relation == "progress"
            and same_act_under_way(commitment, later, config.under_way_share),
        ):
            continue
        if (
            (commitment.action is None or later.action is None)
            and found.score < config.unknown_action_threshold
            and not (
                relation == "restated" and later.due == current and same_verb(commitment, later)
            )
        ):
            continue
        if relation in ("slipped", "brought_forward"):
            current = later.due
        if later.kind == "future" and softer(commitment, later):
            downgraded = True
        if relation == "delivered":
            when = delivery_date(later.date, later.event_end)
            if delivered is None or when[0] < delivered[0]:
                delivered = when
        evidence.append(_evidence(later, relation, found.score, found.reason))
    schedule = schedule_status(
        as_of,
        due,
        _date(current),
        delivered[0] if delivered else None,
        due_soon_days=config.due_soon_days,
    )
    return DeadlineRow(
        as_of=as_of,
        commitment_id=commitment.key,
        id=commitment.answer_id,
        answer_version=commitment.answer_version,
        date_answered=commitment.date,
        department=department if department is not None else commitment.department,
        actor=commitment.actor,
        quote=commitment.quote,
        char_start=commitment.char_start,
        char_end=commitment.char_end,
        strength=commitment.strength,
        assurance=commitment.assurance,
        due=due,
        due_text=commitment.due_text,
        due_basis=due_basis,
        current_due=_date(current),
        schedule_status=schedule.status,
        new_due=schedule.new_due,
        days_overdue=schedule.days_overdue,
        days_to_due=schedule.days_to_due,
        delivered_on=delivered[0] if delivered else None,
        delivered_basis=delivered[1] if delivered else None,
        downgraded=downgraded,
        initiatives=commitment.initiative_keys,
        evidence=tuple(evidence),
        evidence_checked_through=checked_through,
        model_version=model_version,
    )


def sort_key(row: DeadlineRow) -> tuple[int, int, str, str]:
    """Most urgent first: overdue (most days first), due soon (soonest first), slipped, ..."""
    rank = SCHEDULE_STATUSES.index(row.schedule_status)
    if row.schedule_status == "overdue":
        urgency = -(row.days_overdue or 0)
    elif row.days_to_due is not None:
        urgency = row.days_to_due
    else:
        urgency = 0
    return rank, urgency, row.date_answered.isoformat(), row.commitment_id


def initiative_rows(
    answer: AnswerRecord, mentions: Iterable[InitiativeMention]
) -> list[InitiativeRow]:
    """The ``initiatives`` table rows of one answer."""
    return [
        InitiativeRow(
            id=answer.id,
            answer_version=answer.answer_version,
            date_answered=answer.date_answered,
            department=answer.department,
            text=m.text,
            char_start=m.char_start,
            char_end=m.char_end,
            name=m.name,
            key=m.key,
            category=m.category,
            alias_of=m.alias_of,
            rule=m.rule,
        )
        for m in mentions
    ]


def run_audit(
    answers: Iterable[AnswerRecord],
    as_of: dt.date,
    *,
    config: AuditConfig | None = None,
    lexicon: Lexicon | None = None,
) -> AuditResult:
    """Audit every ``future`` commitment of the answers known by ``as_of``.

    Args:
        answers: Answer versions with their commitments and time expressions (any order; later
            versions supersede earlier ones, answers after ``as_of`` are ignored).
        as_of: The date statuses hold for.
        config: Thresholds and defaults; :class:`AuditConfig` defaults when None.
        lexicon: The audit rules; the bundled lexicon when None.

    Returns:
        The deadline rows (most overdue first), the initiative mentions, and the last answer
        date searched.
    """
    config = config or AuditConfig()
    lexicon = lexicon or load_lexicon()
    if lexicon.document_words and not config.link.document_words:
        config = replace(config, link=replace(config.link, document_words=lexicon.document_words))
    known = latest_versions(answers, as_of)
    statements: list[Statement] = []
    initiatives: list[InitiativeRow] = []
    origin: dict[int, AnswerRecord] = {}
    own_text: dict[int, str] = {}
    for answer in known:
        mentions = find_initiatives(answer.text, lexicon)
        initiatives.extend(initiative_rows(answer, mentions))
        found = answer_statements(answer, mentions, lexicon)
        statements.extend(found)
        origin[answer.id] = answer
        if any(audited(s) for s in found):
            own_text[answer.id] = normalised_quote(answer.text)
    checked_through = known[-1].date_answered if known else None
    candidates = _Candidates(statements, config.max_term_share)
    rows = []
    for statement in statements:
        if not audited(statement):
            continue
        answer = origin[statement.answer_id]
        rows.append(
            audit_commitment(
                statement,
                candidates.for_commitment(statement, as_of),
                as_of,
                checked_through or as_of,
                idf=candidates.idf,
                default_idf=candidates.default_idf,
                config=config,
                generic_actions=lexicon.generic_families,
                department=answer.department,
                model_version=answer.model_version,
                own_text=own_text[statement.answer_id],
                covers=lexicon.covers,
            )
        )
    rows.sort(key=sort_key)
    return AuditResult(
        as_of=as_of,
        rows=tuple(rows),
        initiatives=tuple(initiatives),
        evidence_checked_through=checked_through,
        answers=len(known),
    )
