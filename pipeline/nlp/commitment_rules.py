"""Typed rules of the ``pct_commitment`` component, built ``from_dict`` and validated on load.

Four rule families and the lexicons, one JSONL file each in
``models/en_commitments/pct_commitment/``:

- ``triggers.jsonl`` (:class:`TriggerRule`): the verb groups that carry a commitment ("will",
  "is committed to", "aims to", "is currently reviewing", "has established"), with the kind,
  strength and flags they give and what they demand of the actor;
- ``modifiers.jsonl`` (:class:`ModifierRule`): words that change a commitment found by a
  trigger ("will *consider*" is soft, "will *not*" is negated, "write to the hon. Member" is
  a parliamentary assurance);
- ``vetoes.jsonl`` (:class:`VetoRule`): what must not fire (refusals, references to other
  answers, statements of law, conditional offers, soft goals, predicted effects);
- ``actors.jsonl`` (:class:`ActorRule`): who acts: the government and public bodies acting for
  it, and the others whose plans are not government commitments;
- ``lexicons.jsonl`` (:class:`Lexicons`): the domain word lists the algorithm tests tokens
  against (heads of measures, documents and laws; reporting, effect and causative verbs...),
  one named row each.

Patterns are spaCy ``Matcher`` token patterns over the blank English pipeline (``LOWER``,
``ORTH``, ``IS_TITLE``, ``REGEX``...; no POS or lemma). Errors are :class:`RuleError` with a
stable code: the shared ``PCT101``-``PCT107`` (see :mod:`pipeline.nlp.rules`) and ``PCT130``
for a token pattern spaCy rejects, ``PCT131`` for a duplicate rule id, and ``PCT132``-``PCT136``
for the lexicon file (unknown, missing or duplicate lexicon; a bad or duplicate word).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any, Literal

from spacy.schemas import validate_token_pattern

from pipeline.nlp.rules import (
    RuleError,
    check_enum,
    check_keys,
    check_type,
    load_rules,
    read_jsonl,
)
from pipeline.settings import get_settings
from pipeline.types import COMMITMENT_KINDS, STRENGTHS, CommitmentKind, Strength

ActorDemand = Literal["government", "any", "none", "effect"]
ModifierEffect = Literal["soft", "firm", "assurance", "negated"]
ModifierScope = Literal["trigger", "subject", "clause"]
VetoScope = Literal["sentence", "clause", "subject", "complement", "trigger"]
VetoCategory = Literal[
    "refusal", "reference", "law", "conditional", "effect", "vague", "routine", "obligation",
    "opinion", "ability", "past", "other",
]  # fmt: skip
ActorRole = Literal["government", "other"]

ACTOR_DEMANDS: tuple[str, ...] = ("government", "any", "none", "effect")
MODIFIER_EFFECTS: tuple[str, ...] = ("soft", "firm", "assurance", "negated")
MODIFIER_SCOPES: tuple[str, ...] = ("trigger", "subject", "clause")
VETO_SCOPES: tuple[str, ...] = ("sentence", "clause", "subject", "complement", "trigger")
VETO_CATEGORIES: tuple[str, ...] = (
    "refusal", "reference", "law", "conditional", "effect", "vague", "routine", "obligation",
    "opinion", "ability", "past", "other",
)  # fmt: skip
VETO_UNLESS_VALUES: tuple[str, ...] = (
    "evidence",
    "time",
    "means",
    "counted",
    "named",
    "step",
    "directive",
)
VETO_UNLESS: tuple[str | None, ...] = (None, *VETO_UNLESS_VALUES)
VETO_SUBJECTS: tuple[str, ...] = ("any", "non_government")
ACTOR_ROLES: tuple[str, ...] = ("government", "other")

TRIGGERS_FILE = "triggers.jsonl"
MODIFIERS_FILE = "modifiers.jsonl"
VETOES_FILE = "vetoes.jsonl"
ACTORS_FILE = "actors.jsonl"
LEXICONS_FILE = "lexicons.jsonl"

Pattern = list[dict[str, Any]]


def check_pattern(value: Any, *, field: str, where: str) -> Pattern:
    """Return ``value`` if it is a valid spaCy ``Matcher`` token pattern, else raise.

    Raises:
        RuleError: PCT105 when it is not a non-empty list, PCT130 when spaCy rejects it.
    """
    check_type(value, list, field=field, where=where)
    if not value:
        raise RuleError("PCT105", f"{where}: field {field!r} must be a non-empty list of tokens")
    errors = validate_token_pattern(value)
    if errors:
        raise RuleError(
            "PCT130", f"{where}: field {field!r} is not a valid token pattern: {'; '.join(errors)}"
        )
    return [dict(token) for token in value]


APOSTROPHES = ("'", "\u2019")
"""The straight and the curly (right single quotation mark) apostrophe: answers use both."""

_TEXT_ATTRS = ("ORTH", "LOWER", "TEXT", "NORM")


POSSESSIVE_S = frozenset({"'s", "\u2019s"})
""""'s" is left as written: after a noun it is nearly always the possessive ("the Government\u2019s
costing", "Ofcom\u2019s Broadcasting Code"), so a rule's "'s" (for "is") gets no twin."""


def apostrophe_twin(word: str) -> str | None:
    """``word`` with its apostrophes swapped, straight for curly and curly for straight
    ("'ll" -> "\u2019ll", "n\u2019t" -> "n't"), or None when it has none or is an "'s"
    (:data:`POSSESSIVE_S`)."""
    if word.lower() in POSSESSIVE_S:
        return None
    if APOSTROPHES[0] in word:
        return word.replace(APOSTROPHES[0], APOSTROPHES[1])
    if APOSTROPHES[1] in word:
        return word.replace(APOSTROPHES[1], APOSTROPHES[0])
    return None


def with_apostrophe_twins(pattern: Pattern) -> Pattern:
    """``pattern`` with every word that holds an apostrophe also accepted with the other one
    (except "'s", see :func:`apostrophe_twin`): a rule written with "'ll", "'re", "'ve" or
    "n't" also matches "we\u2019ll", "we\u2019re", "we\u2019ve" and "won\u2019t". spaCy's
    tokenizer keeps the apostrophe the text has, and written answers use both. The rule files
    keep what their authors wrote; the component compiles this form."""
    out: Pattern = []
    for token in pattern:
        token = dict(token)
        for attr in _TEXT_ATTRS:
            value = token.get(attr)
            if isinstance(value, str):
                twin = apostrophe_twin(value)
                if twin is not None:
                    token[attr] = {"IN": [value, twin]}
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                words = list(value["IN"])
                twins = [t for w in words if isinstance(w, str) and (t := apostrophe_twin(w))]
                if twins:
                    token[attr] = {**value, "IN": words + [t for t in twins if t not in words]}
        out.append(token)
    return out


COMMON_WORDS = frozenset(
    {
        "is", "are", "am", "'s", "'re", "'m", "has", "have", "'ve", "had", "was", "were", "be",
        "been", "being", "to", "the", "a", "an", "of", "in", "on", "for", "and", "or", "not",
        "n't", "there", "it", "this", "that", "by", "with", "at", "as", "do", "does", "did",
        "no", "under", "remains", "remain",
        "\u2019s", "\u2019re", "\u2019m", "\u2019ve", "n\u2019t",
    }
)  # fmt: skip
"""Closed-class words too frequent to anchor a rule (see :func:`anchor_words`), with both
apostrophes."""


REPEAT_ALLOWANCE = 6
"""How many tokens a ``*``/``+`` token is assumed to cover when sizing a match window."""


def anchor_words(pattern: Pattern) -> frozenset[str] | None:
    """The lower-case words one of which every match of ``pattern`` must contain.

    Picks the required token (no ``?``/``*`` operator) whose ``LOWER``/``ORTH`` value or ``IN``
    set (lower-cased: the anchor search is case-insensitive, the rule's own match is not) is
    the most selective: sets that avoid :data:`COMMON_WORDS` first, then smaller sets. The
    component finds these words with a ``PhraseMatcher`` and runs the rule's ``Matcher`` only
    over the sentences that hold one, which keeps the whole corpus in a few seconds.

    Returns:
        The words, or None when no required token is a ``LOWER``/``ORTH`` comparison (the rule
        then runs everywhere).
    """
    found = anchor_token(pattern)
    return found[1] if found is not None else None


def anchor_token(pattern: Pattern) -> tuple[int, frozenset[str]] | None:
    """The position and words of the token :func:`anchor_words` picks, or None."""
    best: tuple[int, int, int, frozenset[str]] | None = None
    for position, token in enumerate(pattern):
        if token.get("OP") in ("?", "*"):
            continue
        attr = "LOWER" if "LOWER" in token else "ORTH" if "ORTH" in token else None
        value = token.get(attr) if attr else None
        if isinstance(value, str):
            words = frozenset({value.lower()})
        elif isinstance(value, dict) and set(value) == {"IN"}:
            words = frozenset(str(v).lower() for v in value["IN"])
        else:
            continue
        key = (int(bool(words & COMMON_WORDS)), len(words), position, words)
        if best is None or key[:2] < best[:2]:
            best = key
    return (best[2], best[3]) if best is not None else None


def match_extent(pattern: Pattern, position: int) -> tuple[int, int]:
    """How many tokens a match may reach before and after the token at ``position``.

    Optional tokens count one, ``{n,m}`` tokens ``m``, ``*``/``+`` tokens
    :data:`REPEAT_ALLOWANCE` (a longer run of adverbs is not matched); the component
    matches the rule on the window ``[anchor - before, anchor + 1 + after)`` only.
    """

    def width(tokens: Sequence[Mapping[str, Any]]) -> int:
        total = 0
        for token in tokens:
            op = str(token.get("OP") or "")
            if op in ("*", "+"):
                total += REPEAT_ALLOWANCE
            elif op.startswith("{"):  # "{n}", "{n,m}", "{n,}", "{,m}"
                bounds = op.strip("{}").split(",")
                top = bounds[-1].strip()
                total += int(top) if top else REPEAT_ALLOWANCE
            else:
                total += 1
        return total

    return width(pattern[:position]), width(pattern[position + 1 :])


def _optional_bool(data: Mapping[str, Any], key: str, where: str) -> bool:
    return bool(check_type(data.get(key, False), bool, field=key, where=where))


def _optional_str(data: Mapping[str, Any], key: str, where: str) -> str:
    return str(check_type(data.get(key, ""), str, field=key, where=where))


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """A verb group that carries a commitment.

    Attributes:
        id: Unique rule id (provenance on every commitment it finds).
        pattern: spaCy ``Matcher`` token pattern of the trigger words.
        kind: ``future``, ``ongoing`` or ``done``.
        strength: ``firm`` or ``soft``.
        actor: What the clause's actor must be: ``government`` (a government actor, stated or
            shared with the previous clause), ``any`` (a government actor, or no identifiable
            actor when the clause is passive or carries evidence: a quantity or a date), or
            ``none`` (anyone but a non-government actor), or ``effect`` (a government actor, or
            a subject naming a measure or its beneficiaries when the clause carries evidence:
            a predicted effect counts only when quantified or dated, GUIDELINES.md section 1).
        evidence: True when the clause must also hold a quantity or a date ("committed to the
            target of a 75% increase by 2050", not "committed to pensioners").
        assurance: True for a parliamentary assurance ("remains under consideration").
        negated: True for a negative commitment ("has no plans to").
        nominal: True for a noun phrase that carries a commitment without a finite verb ("the
            commitment to the ambition of diagnosing 75% of cancers ... by 2028", "with the
            intention to set out and implement those changes"): its quote starts at the trigger,
            the clause's subject is not its actor, and it may stand beside the clause's verbal
            commitment.
        dated: True when a time expression must follow the trigger at once and ends the quote
            (a reduced relative: "the Clean Maritime Plan published in 2019", "the technical
            note published on 29 July 2024"); implies ``nominal``.
        listed: True when the trigger introduces a list of gerund steps ("This included
            launching the Domestic Abuse Protection Orders ... on 27th November, ..."): each
            dated step is a record of its own, done or future by its date; implies
            ``nominal``.
        note: Free-text rationale or example.
    """

    id: str
    pattern: Pattern
    kind: CommitmentKind
    strength: Strength = "firm"
    actor: ActorDemand = "government"
    evidence: bool = False
    assurance: bool = False
    negated: bool = False
    nominal: bool = False
    dated: bool = False
    listed: bool = False
    note: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "trigger") -> TriggerRule:
        """Build and validate a rule from its JSON object.

        Raises:
            RuleError: For unknown or missing keys, bad enum values, wrong types or a bad pattern.
        """
        check_keys(
            data,
            required=("id", "pattern", "kind"),
            optional=(
                "strength",
                "actor",
                "evidence",
                "assurance",
                "negated",
                "nominal",
                "dated",
                "listed",
                "note",
            ),
            where=where,
        )
        return cls(
            id=str(check_type(data["id"], str, field="id", where=where)),
            pattern=check_pattern(data["pattern"], field="pattern", where=where),
            kind=check_enum(data["kind"], COMMITMENT_KINDS, field="kind", where=where),  # type: ignore[arg-type]
            strength=check_enum(
                data.get("strength", "firm"), STRENGTHS, field="strength", where=where
            ),  # type: ignore[arg-type]
            actor=check_enum(
                data.get("actor", "government"), ACTOR_DEMANDS, field="actor", where=where
            ),  # type: ignore[arg-type]
            evidence=_optional_bool(data, "evidence", where),
            assurance=_optional_bool(data, "assurance", where),
            negated=_optional_bool(data, "negated", where),
            nominal=_optional_bool(data, "nominal", where)
            or _optional_bool(data, "dated", where)
            or _optional_bool(data, "listed", where),
            dated=_optional_bool(data, "dated", where),
            listed=_optional_bool(data, "listed", where),
            note=_optional_str(data, "note", where),
        )

    def to_dict(self) -> dict[str, Any]:
        """The rule as its canonical JSON object (defaults left out)."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind}
        if self.strength != "firm":
            out["strength"] = self.strength
        if self.actor != "government":
            out["actor"] = self.actor
        for key in ("evidence", "assurance", "negated", "nominal", "dated", "listed"):
            if getattr(self, key):
                out[key] = True
        if self.note:
            out["note"] = self.note
        out["pattern"] = self.pattern
        return out


@dataclass(frozen=True, slots=True)
class ModifierRule:
    """Words that change a commitment a trigger found.

    Attributes:
        id: Unique rule id.
        pattern: spaCy ``Matcher`` token pattern.
        effect: ``soft``/``firm`` (sets the strength), ``assurance`` or ``negated`` (sets the flag).
        scope: ``trigger`` (the match must overlap the trigger or start right after it),
            ``subject`` (opening the clause's own subject: "*No* assessment has been made") or
            ``clause`` (anywhere in the commitment's clause).
        note: Free-text rationale or example.
    """

    id: str
    pattern: Pattern
    effect: ModifierEffect
    scope: ModifierScope = "trigger"
    note: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "modifier") -> ModifierRule:
        """Build and validate a rule from its JSON object.

        Raises:
            RuleError: For unknown or missing keys, bad enum values, wrong types or a bad pattern.
        """
        check_keys(
            data, required=("id", "pattern", "effect"), optional=("scope", "note"), where=where
        )
        return cls(
            id=str(check_type(data["id"], str, field="id", where=where)),
            pattern=check_pattern(data["pattern"], field="pattern", where=where),
            effect=check_enum(data["effect"], MODIFIER_EFFECTS, field="effect", where=where),  # type: ignore[arg-type]
            scope=check_enum(
                data.get("scope", "trigger"), MODIFIER_SCOPES, field="scope", where=where
            ),  # type: ignore[arg-type]
            note=_optional_str(data, "note", where),
        )

    def to_dict(self) -> dict[str, Any]:
        """The rule as its canonical JSON object (defaults left out)."""
        out: dict[str, Any] = {"id": self.id, "effect": self.effect}
        if self.scope != "trigger":
            out["scope"] = self.scope
        if self.note:
            out["note"] = self.note
        out["pattern"] = self.pattern
        return out


@dataclass(frozen=True, slots=True)
class VetoRule:
    """Words that stop a commitment from being recorded.

    Attributes:
        id: Unique rule id.
        pattern: spaCy ``Matcher`` token pattern.
        category: Why it must not fire (``refusal``, ``reference``, ``law``, ``conditional``,
            ``effect``, ``vague``, ``routine``, ``obligation``, ``opinion``, ``ability``,
            ``past``, ``other``).
        scope: ``sentence`` (a match anywhere in the sentence vetoes all its clauses),
            ``clause`` (anywhere in the clause), ``subject`` (in the words before the trigger),
            ``complement`` (starting inside the trigger or within two tokens after it), or
            ``trigger`` (overlapping the trigger's words: "our *plan to* achieve this" is a
            noun, not the verb "plan to").
        unless: ``evidence`` when a quantity or a date in the clause lifts the veto
            ("will benefit over 750,000 properties"), ``time`` when any time expression does,
            a vague one too ("The profile of spend will be determined in due course" is a
            promise, "Final prices will be identified during contract negotiation" a process),
            ``means`` when evidence does or the clause names a concrete means after the trigger
            ("committed to reducing emissions from diesel cars *by reinstating* the 2030
            phase-out date"), ``counted`` when the clause's subject is counted, so that the
            clause is a quantified effect on a measure's beneficiaries ("1.2 million households
            will be eligible for Winter Fuel Payments"), ``named`` when the matched word is
            inside a capitalised name ("A Tax Information and Impact Note (TIIN) was published
            ...", "The Central Digital & Data Office has worked with HM Treasury ..."),
            ``step`` when the verb group is a past passive (``done``) and evidence is there: a
            dated step taken on the law, not what the law does ("The Mental Health Bill was
            introduced in the House of Lords on 6 November 2024"), ``directive`` when evidence
            does or a verb of asking has an object and an infinitive, the government setting
            someone to work ("has asked Matt Clifford to draft an AI Action Plan"), else None.
        kinds: The commitment kinds it applies to; all kinds when empty.
        subjects: ``any`` (default) or ``non_government``: applies only when no government actor
            stands as the subject ("this will accelerate delivery" but not "we will accelerate
            delivery of 1.5 million homes").
        note: Free-text rationale or example.
    """

    id: str
    pattern: Pattern
    category: str
    scope: VetoScope = "clause"
    unless: str | None = None
    kinds: tuple[str, ...] = ()
    subjects: str = "any"
    note: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "veto") -> VetoRule:
        """Build and validate a rule from its JSON object.

        Raises:
            RuleError: For unknown or missing keys, bad enum values, wrong types or a bad pattern.
        """
        check_keys(
            data,
            required=("id", "pattern", "category"),
            optional=("scope", "unless", "kinds", "subjects", "note"),
            where=where,
        )
        unless = data.get("unless")
        if unless not in VETO_UNLESS:
            check_enum(unless, VETO_UNLESS_VALUES, field="unless", where=where)
        kinds = check_type(data.get("kinds", []), list, field="kinds", where=where)
        for kind in kinds:
            check_enum(kind, COMMITMENT_KINDS, field="kinds", where=where)
        return cls(
            id=str(check_type(data["id"], str, field="id", where=where)),
            pattern=check_pattern(data["pattern"], field="pattern", where=where),
            category=check_enum(data["category"], VETO_CATEGORIES, field="category", where=where),
            scope=check_enum(data.get("scope", "clause"), VETO_SCOPES, field="scope", where=where),  # type: ignore[arg-type]
            unless=unless,
            kinds=tuple(str(k) for k in kinds),
            subjects=check_enum(
                data.get("subjects", "any"), VETO_SUBJECTS, field="subjects", where=where
            ),
            note=_optional_str(data, "note", where),
        )

    def to_dict(self) -> dict[str, Any]:
        """The rule as its canonical JSON object (defaults left out)."""
        out: dict[str, Any] = {"id": self.id, "category": self.category}
        if self.scope != "clause":
            out["scope"] = self.scope
        if self.unless is not None:
            out["unless"] = self.unless
        if self.kinds:
            out["kinds"] = list(self.kinds)
        if self.subjects != "any":
            out["subjects"] = self.subjects
        if self.note:
            out["note"] = self.note
        out["pattern"] = self.pattern
        return out


@dataclass(frozen=True, slots=True)
class ActorRule:
    """Who acts.

    Attributes:
        id: Unique rule id.
        pattern: spaCy ``Matcher`` token pattern of the actor's words.
        role: ``government`` (the government, a minister, or a public body acting for it) or
            ``other`` (companies, charities, airports, police forces, councils, courts...).
        resolve: True for deictic actors ("we", "I", "the department") that stand for the
            answering body.
        canonical: The body's full name when the words abbreviate it ("DWP"), else "".
        recipient: True for ``other`` actors that the government acts on (people, councils,
            companies): as the subject of a passive or of "receive" they undergo its act ("Care
            workers were added in February 2022", "The West Midlands Combined Authority will
            receive almost £2.4bn"), unlike institutions that act for themselves (courts,
            foreign governments).
        note: Free-text rationale or example.
    """

    id: str
    pattern: Pattern
    role: ActorRole
    resolve: bool = False
    canonical: str = ""
    recipient: bool = False
    note: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "actor") -> ActorRule:
        """Build and validate a rule from its JSON object.

        Raises:
            RuleError: For unknown or missing keys, bad enum values, wrong types or a bad pattern.
        """
        check_keys(
            data,
            required=("id", "pattern", "role"),
            optional=("resolve", "canonical", "recipient", "note"),
            where=where,
        )
        return cls(
            id=str(check_type(data["id"], str, field="id", where=where)),
            pattern=check_pattern(data["pattern"], field="pattern", where=where),
            role=check_enum(data["role"], ACTOR_ROLES, field="role", where=where),  # type: ignore[arg-type]
            resolve=_optional_bool(data, "resolve", where),
            canonical=_optional_str(data, "canonical", where),
            recipient=_optional_bool(data, "recipient", where),
            note=_optional_str(data, "note", where),
        )

    def to_dict(self) -> dict[str, Any]:
        """The rule as its canonical JSON object (defaults left out)."""
        out: dict[str, Any] = {"id": self.id, "role": self.role}
        if self.resolve:
            out["resolve"] = True
        if self.canonical:
            out["canonical"] = self.canonical
        if self.recipient:
            out["recipient"] = True
        if self.note:
            out["note"] = self.note
        out["pattern"] = self.pattern
        return out


@dataclass(frozen=True, slots=True)
class Lexicons:
    """The domain lexicons: open-class words the algorithm tests tokens against, one named,
    lower-case set per row of ``lexicons.jsonl`` (each row's ``note`` says what it is for).

    Closed-class grammar (auxiliaries, pronouns, determiners, conjunctions, prepositions) stays
    in :mod:`pipeline.nlp.clauses` and :mod:`pipeline.nlp.commitment_logic` as the component's
    language data.
    """

    trailing_cues: frozenset[str]
    trailing_word_cues: frozenset[str]
    schedule_words: frozenset[str]
    past_participle_cues: frozenset[str]
    thatless_verbs: frozenset[str]
    not_means_gerunds: frozenset[str]
    measure_heads: frozenset[str]
    beneficiary_heads: frozenset[str]
    elapsed_words: frozenset[str]
    recipient_verbs: frozenset[str]
    document_heads: frozenset[str]
    obligation_participles: frozenset[str]
    reporting_verbs: frozenset[str]
    effect_verbs: frozenset[str]
    law_heads: frozenset[str]
    reform_heads: frozenset[str]
    not_feature_verbs: frozenset[str]
    purpose_verbs: frozenset[str]
    causative_verbs: frozenset[str]
    not_step_words: frozenset[str]
    process_nouns: frozenset[str]
    complement_verbs: frozenset[str]
    that_verbs: frozenset[str]
    if_complement_verbs: frozenset[str]
    hedge_adjectives: frozenset[str]
    subject_hedges: frozenset[str]
    personnel_nouns: frozenset[str]
    rank_adjectives: frozenset[str]
    content_verbs: frozenset[str]
    stative_participles: frozenset[str]
    notes: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)
    """Each lexicon's ``(id, note)``: what it is for, with an example."""
    process_heads: frozenset[str] = field(init=False, repr=False, compare=False)
    """Nouns naming the government's own instruments and processes: ``document_heads`` and
    ``process_nouns`` (derived)."""
    that_clause_verbs: frozenset[str] = field(init=False, repr=False, compare=False)
    """Words after which "that" opens a complement clause whose subject acts:
    ``complement_verbs`` and ``that_verbs`` (derived)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "process_heads", self.document_heads | self.process_nouns)
        object.__setattr__(self, "that_clause_verbs", self.complement_verbs | self.that_verbs)

    @classmethod
    def ids(cls) -> tuple[str, ...]:
        """The lexicon ids, in field order (each row of ``lexicons.jsonl`` names one)."""
        return tuple(f.name for f in fields(cls) if f.init and f.name != "notes")

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[str, Mapping[str, Any]]], *, source: str = LEXICONS_FILE
    ) -> Lexicons:
        """Build and validate the lexicons from ``(where, row)`` pairs, one row per lexicon.

        Each row is ``{"id": ..., "words": [...], "note": ...}``; ``note`` is optional.

        Raises:
            RuleError: PCT101-PCT105 for a malformed row, PCT132 for an unknown lexicon id,
                PCT133 for a lexicon missing from ``source``, PCT134 for a duplicate id, PCT135
                for a word that is not a non-empty lower-case string, PCT136 for a duplicate word.
        """
        known = cls.ids()
        words: dict[str, frozenset[str]] = {}
        notes: dict[str, str] = {}
        for where, row in rows:
            check_keys(row, required=("id", "words"), optional=("note",), where=where)
            lexicon = check_type(row["id"], str, field="id", where=where)
            if lexicon not in known:
                raise RuleError(
                    "PCT132", f"{where}: unknown lexicon {lexicon!r}; allowed: {', '.join(known)}"
                )
            if lexicon in words:
                raise RuleError("PCT134", f"{where}: duplicate lexicon {lexicon!r}")
            items = check_type(row["words"], list, field="words", where=where)
            seen: set[str] = set()
            for word in items:
                if not isinstance(word, str) or not word or word != word.lower():
                    raise RuleError(
                        "PCT135",
                        f"{where}: lexicon {lexicon!r} has word {word!r}; "
                        "words must be non-empty lower-case strings",
                    )
                if word in seen:
                    raise RuleError("PCT136", f"{where}: lexicon {lexicon!r} lists {word!r} twice")
                seen.add(word)
            words[lexicon] = frozenset(seen)
            notes[lexicon] = str(check_type(row.get("note", ""), str, field="note", where=where))
        missing = [k for k in known if k not in words]
        if missing:
            raise RuleError(
                "PCT133", f"{source}: missing lexicon(s) {', '.join(map(repr, missing))}"
            )
        return cls(**words, notes=tuple(notes.items()))

    @classmethod
    def from_file(cls, path: Path) -> Lexicons:
        """Read and validate ``path`` (a ``lexicons.jsonl``)."""
        return cls.from_rows(
            ((f"{path.name} line {n}", row) for n, row in read_jsonl(path)), source=path.name
        )

    def to_rows(self) -> list[dict[str, Any]]:
        """The canonical rows: one per lexicon in field order, words sorted, notes kept."""
        notes = dict(self.notes)
        rows: list[dict[str, Any]] = []
        for name in self.ids():
            row: dict[str, Any] = {"id": name}
            if notes.get(name):
                row["note"] = notes[name]
            row["words"] = sorted(getattr(self, name))
            rows.append(row)
        return rows


@cache
def shipped_lexicons() -> Lexicons:
    """The lexicons of the configured model (its ``pct_commitment/lexicons.jsonl``): the one
    source of the words, and the default of :class:`CommitmentRules` built in code."""
    return Lexicons.from_file(get_settings().model / "pct_commitment" / LEXICONS_FILE)


@dataclass(frozen=True, slots=True)
class CommitmentRules:
    """All rules of the component, by family."""

    triggers: tuple[TriggerRule, ...] = ()
    modifiers: tuple[ModifierRule, ...] = ()
    vetoes: tuple[VetoRule, ...] = ()
    actors: tuple[ActorRule, ...] = ()
    lexicons: Lexicons = field(default_factory=shipped_lexicons)
    """The domain lexicons (default: the configured model's ``lexicons.jsonl``)."""
    actor_roles: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """Each actor rule's role, by rule index (derived from ``actors``)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "actor_roles", tuple(a.role for a in self.actors))
        seen: set[str] = set()
        for family in (self.triggers, self.modifiers, self.vetoes, self.actors):
            for rule in family:
                if rule.id in seen:
                    raise RuleError("PCT131", f"duplicate rule id {rule.id!r}")
                seen.add(rule.id)

    def __len__(self) -> int:
        return len(self.triggers) + len(self.modifiers) + len(self.vetoes) + len(self.actors)

    @classmethod
    def from_dicts(
        cls,
        *,
        triggers: Iterable[Mapping[str, Any]] = (),
        modifiers: Iterable[Mapping[str, Any]] = (),
        vetoes: Iterable[Mapping[str, Any]] = (),
        actors: Iterable[Mapping[str, Any]] = (),
        lexicons: Lexicons | None = None,
    ) -> CommitmentRules:
        """Build and validate every family from JSON objects (as tests and callers write them);
        ``lexicons`` defaults to the configured model's."""
        return cls(
            lexicons=lexicons if lexicons is not None else shipped_lexicons(),
            triggers=tuple(
                TriggerRule.from_dict(d, f"trigger {i}") for i, d in enumerate(triggers)
            ),
            modifiers=tuple(
                ModifierRule.from_dict(d, f"modifier {i}") for i, d in enumerate(modifiers)
            ),
            vetoes=tuple(VetoRule.from_dict(d, f"veto {i}") for i, d in enumerate(vetoes)),
            actors=tuple(ActorRule.from_dict(d, f"actor {i}") for i, d in enumerate(actors)),
        )

    @classmethod
    def from_dir(cls, path: Path) -> CommitmentRules:
        """Read and validate the rule files in ``path`` (missing files give empty families, a
        missing ``lexicons.jsonl`` the configured model's lexicons)."""

        def read(name: str, build: Any) -> tuple[Any, ...]:
            file = path / name
            return tuple(load_rules(file, build)) if file.exists() else ()

        return cls(
            triggers=read(TRIGGERS_FILE, TriggerRule.from_dict),
            modifiers=read(MODIFIERS_FILE, ModifierRule.from_dict),
            vetoes=read(VETOES_FILE, VetoRule.from_dict),
            actors=read(ACTORS_FILE, ActorRule.from_dict),
            lexicons=(
                Lexicons.from_file(path / LEXICONS_FILE)
                if (path / LEXICONS_FILE).exists()
                else shipped_lexicons()
            ),
        )

    def files(self) -> dict[str, Sequence[Mapping[str, Any]]]:
        """Each rule file's name and canonical rows, as ``to_disk`` writes them."""
        return {
            TRIGGERS_FILE: [r.to_dict() for r in self.triggers],
            MODIFIERS_FILE: [r.to_dict() for r in self.modifiers],
            VETOES_FILE: [r.to_dict() for r in self.vetoes],
            ACTORS_FILE: [r.to_dict() for r in self.actors],
            LEXICONS_FILE: self.lexicons.to_rows(),
        }
