"""The commitment algorithm as pure functions over one sentence's tokens and rule matches.

The ``pct_commitment`` component runs the rule matchers over the Doc, cuts it into sentences,
and hands each sentence that holds a trigger to :func:`find_commitments` as a
:class:`SentenceInput`: token texts plus the rule matches, time expressions and quantities that
fall inside it, all as positions relative to the sentence. Everything below is plain Python over
those positions, so tests call each step directly:

1. :func:`~pipeline.nlp.clauses.split_clauses` cuts the sentence into clauses;
2. per clause, the triggers are tried in order of kind (a future trigger wins over a done one:
   "has confirmed it will be funding" is a promise) and position;
3. :func:`find_subject` finds the actor in the words before the trigger (or shares it with the
   previous clause: "My department will continue to monitor ... and will work with ...");
4. :func:`admissible` applies what the trigger demands of the actor and of the evidence, and
   the vetoes (refusals, law, references, conditional offers, soft goals);
5. :func:`modifiers_for` sets strength, assurance and negation;
6. :func:`quote_bounds` gives the shortest span that carries the commitment, and
   :func:`select_due` the time expression that gives its ``due``.

Two kinds of word list. The domain lexicons, open-class words a rule writer tunes (heads of
measures, documents and laws; reporting, effect, causative and purpose verbs; schedule, step
and elapsed words; trailing cues), are rule data: ``lexicons.jsonl``, read as
:class:`~pipeline.nlp.commitment_rules.Lexicons` and passed from ``rules.lexicons`` as
``lex``. The grammar, closed-class words that define English clause structure (auxiliaries,
be-forms, modals, pronouns, determiners, prepositions and their multi-word forms, number words,
unit tables, irregular participles), stays here as constants: the component's language data,
like spaCy's own ``spacy/lang/en/*.py``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pipeline.nlp.clauses import (
    AUXILIARIES,
    CONTRASTIVES,
    COORDINATORS,
    DASHES,
    HARD_PUNCT,
    MAX_SUBJECT_TOKENS,
    SUBJECT_PRONOUNS,
    Clause,
    count_start,
    slot_init,
    split_clauses,
    verb_starts,
)
from pipeline.nlp.commitment_rules import (
    ActorRule,
    CommitmentRules,
    Lexicons,
    ModifierRule,
    TriggerRule,
    VetoRule,
)
from pipeline.nlp.dates import NUMBER_WORDS
from pipeline.types import Timex

ActorStatus = Literal["government", "other", "unknown", "none"]
Family = Literal["trigger", "modifier", "veto", "actor"]

ANAPHORS = frozenset({"it", "they", "he", "she"})
FIRST_PERSON = frozenset({"we", "i"})
"""Subjects that speak for themselves: a passive verb group after them is a state they are in
("I have been engaged in discussions"), not an act done to them."""

# Words that open a leading adverbial before the subject ("As part of this, the Government
# intends ...", "In 2024/25 the Department will ...", "Later this month officials will ...").
LEADING_ADVERBIAL_WORDS = frozenset(
    {
        "as", "in", "at", "to", "from", "by", "following", "since", "through", "under", "on",
        "once", "after", "before", "later", "earlier", "given", "over", "within", "during",
        "for", "with", "across", "alongside", "today", "until",
        "subject", "further", "furthermore", "moreover", "additionally", "however", "separately",
        "meanwhile", "therefore", "consequently", "accordingly", "similarly", "likewise",
        "specifically", "instead", "currently", "now", "recently", "ahead", "beyond",
        "between", "among", "amongst", "against", "outside", "inside", "into", "towards",
        "throughout", "where", "when", "while", "whilst", "if", "also", "finally", "first",
        "firstly", "secondly", "thirdly", "lastly", "overall", "crucially", "importantly",
        "in addition", "because", "building", "working", "beginning", "starting",
        "early", "so", "yet", "and", "but", "then",
    }
)  # fmt: skip
# Adverbs that may stand between the subject and the verb group.
SUBJECT_TRAILING_ADVERBS = frozenset(
    {
        "also", "currently", "now", "already", "still", "further", "therefore", "then", "fully",
        "firmly", "recently", "continually", "regularly", "actively", "jointly", "similarly",
        "additionally", "furthermore", "however", "instead", "today", "shortly", "soon",
        "subsequently", "separately", "both", "all", "together", "too", "itself", "themselves",
        "himself", "herself", "myself", "ourselves", "remains", "very", "deeply", "strongly",
        "clearly", "indeed", "alone", "first", "previously", "initially", "originally",
    }
)  # fmt: skip
# Words between "the" and an actor that date it and leave it the actor ("the then Deputy Prime
# Minister", "The former Foreign Secretary").
FORMER_WORDS = frozenset({"then", "former", "previous"})
APPOSITIVE_OPENERS = frozenset(
    {",", "(", "working", "along", "alongside", "together", "with", "in", "and", "through"}
)
DANGLING_WORDS = frozenset(
    {"and", "or", "but", "with", "to", "of", "for", "at", "in", "on", "the", "a"}
)
# Tokens that keep the quote going after the trigger when the comma introduces them
# (a time expression or its preposition: "..., published on 18 July 2024, in the autumn").
IRREGULAR_PARTICIPLES = frozenset(
    {
        "set", "made", "given", "taken", "held", "laid", "put", "sent", "brought", "kept", "paid",
        "built", "shown", "known", "seen", "done", "run", "won", "met", "told", "written", "spent",
        "found", "left", "led", "begun", "chosen", "drawn", "grown", "cut", "read", "heard",
        "sought", "bought", "taught", "caught", "understood", "undertaken", "withdrawn",
        "overseen", "driven", "broken", "spoken", "frozen", "sold", "lost", "felt", "dealt",
        "meant", "bound", "struck", "rolled", "carried", "borne", "shut", "spread",
        "upheld", "withheld", "forgone", "rebuilt", "rewritten", "outlined", "split",
    }
)  # fmt: skip
NOT_PARTICIPLES = frozenset(
    {
        "need",
        "feed",
        "seed",
        "red",
        "bed",
        "speed",
        "proceed",
        "exceed",
        "succeed",
        "indeed",
        "shed",
        "hundred",
        "breed",
        "weed",
    }
)
# Prepositions that may govern a deadline, longest first when matched.
DUE_PREPOSITIONS: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(p.split())
            for p in (
                "by", "by the end of", "by end of", "before", "before the end of", "no later than",
                "not later than", "on or before", "until", "up to", "in", "during", "within",
                "within the next",
                "over", "over the next", "over the course of", "across", "across the course of",
                "throughout", "from", "starting", "starting from", "starting in", "beginning",
                "beginning in", "at", "on", "later in", "early in", "towards the end of",
                "toward the end of", "at the end of", "in time for", "ahead of", "by the start of",
                "for", "later", "earlier", "around", "towards", "toward",
                "the end of", "end of", "in the course of", "from the start of", "within the",
                "over the", "in the", "during the", "across the", "by the", "before the",
                "throughout the", "for the", "until the", "from the", "at the", "by the end of the",
                "through", "through to", "right through to",
            )
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip
_DUE_PREPOSITIONS_BY_LAST: dict[str, tuple[tuple[str, ...], ...]] = {
    last: tuple(p for p in DUE_PREPOSITIONS if p[-1] == last)
    for last in dict.fromkeys(p[-1] for p in DUE_PREPOSITIONS)
}
""":data:`DUE_PREPOSITIONS` by their last word, longest first."""
# Prepositions that name a period a thing belongs to, not when it happens ("allocations for
# 2025/26"); a time expression after them does not give a due date. Only prepositions in
# DUE_PREPOSITIONS are looked up here ("since" is handled by due_candidates).
NON_DEADLINE_PREPOSITIONS = frozenset({("for",)})
OPEN_ENDED_PREPOSITIONS = frozenset({"after", "beyond", "past"})
"""Words before a time expression that set no latest date ("funding beyond 2026", "will publish
it after 2025", "required past 2039"): the expression gives no due."""

POINT_PREPOSITIONS = frozenset(
    {
        "by", "by the end of", "by end of", "before", "before the end of", "early in", "later in",
        "early", "later", "towards the end of", "toward the end of", "at the end of",
        "in time for", "ahead of", "by the start of", "no later than", "not later than",
        "on or before", "until", "at", "on", "for", "by the", "before the", "at the",
        "the end of", "end of",
    }
)  # fmt: skip
"""Prepositions that set a point for ongoing work, not the period it runs over."""
# Determiners that open an object noun phrase right after a verb ("running *a* … process").
OBJECT_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "our", "this", "these", "new"})
MODIFIER_DETERMINERS = frozenset(
    {"its", "their", "our", "his", "her", "my", "your", "whose", "'s", "’s", "the", "a", "an"}
)


@slot_init
@dataclass(frozen=True, slots=True)
class Hit:
    """A rule match inside a sentence.

    Attributes:
        family: ``trigger``, ``modifier``, ``veto`` or ``actor``.
        index: Position of the rule in its family (``CommitmentRules.<family>s``).
        start: First token, relative to the sentence.
        end: One past the last token, relative to the sentence.
    """

    family: Family
    index: int
    start: int
    end: int


@slot_init
@dataclass(frozen=True, slots=True)
class Mention:
    """A time expression or quantity inside a sentence.

    Attributes:
        index: Its position in ``Extraction.timexes``/``Extraction.quantities``.
        start: First token, relative to the sentence.
        end: One past the last token, relative to the sentence.
        payload: The row's fields (``dataclasses.asdict`` of a Timex or Quantity).
    """

    index: int
    start: int
    end: int
    payload: Mapping[str, Any] = field(default_factory=dict)


@slot_init
@dataclass(frozen=True, slots=True)
class SentenceInput:
    """Everything the algorithm needs about one sentence.

    Attributes:
        words: Token texts.
        hits: Rule matches, positions relative to the sentence.
        timexes: Time expressions inside the sentence.
        quantities: Quantities inside the sentence.
        anchor: The answer date, or None.
        antecedent: The status of the main subject of the sentence just before (see
            :func:`main_subject`), when this sentence opens with "It"; else None.
        after_commitment: True when the sentence just before holds a commitment, which a
            sentence-initial "This" may stand for (see :func:`anaphoric_feature`).
    """

    words: Sequence[str]
    hits: Sequence[Hit] = ()
    timexes: Sequence[Mention] = ()
    quantities: Sequence[Mention] = ()
    anchor: dt.date | None = None
    antecedent: str | None = None
    after_commitment: bool = False


@slot_init
@dataclass(frozen=True, slots=True)
class Subject:
    """The actor of a clause.

    Attributes:
        status: ``government``, ``other`` (a non-government actor), ``unknown`` (a subject that
            is neither, or cannot be told) or ``none`` (no subject in the clause).
        start: First token of the actor's words (or of the subject), relative to the sentence.
        end: One past its last token.
        rule: Index of the actor rule that matched, or None.
        inherited: True when the subject was shared from a previous clause.
        adverbial_start: First token of a leading adverbial before the subject, or None.
        anaphoric: True when the subject is a sentence-initial "It" that stands for the
            previous sentence's government subject ("The Government is committed to ... It has
            invested over £405 million ...").
    """

    status: ActorStatus
    start: int = 0
    end: int = 0
    rule: int | None = None
    inherited: bool = False
    adverbial_start: int | None = None
    anaphoric: bool = False


@slot_init
@dataclass(frozen=True, slots=True)
class Draft:
    """A commitment found in a sentence, before it becomes a :class:`~pipeline.types.Commitment`.

    Positions are token positions relative to the sentence.

    Attributes:
        start: First token of the quote.
        end: One past the last token of the quote.
        kind: ``future``, ``ongoing`` or ``done``.
        strength: ``firm`` or ``soft``.
        assurance: A parliamentary assurance.
        negated: A negative commitment.
        trigger_start: First token of the trigger.
        trigger_end: One past the trigger's last token.
        rule: The trigger rule's id.
        subject: The clause's actor.
        timexes: Time expressions inside the quote.
        quantities: Quantities inside the quote.
        due: The best time expression for ``due``, or None.
        due_preposition_start: First token of its governing preposition (its own start when it
            has none).
        due_candidates: Every candidate for ``due``, best first, with its preposition's start
            (see :func:`due_candidates`).
        patient: ``subject`` undergoes the passive verb group (:func:`patient_subject`), so the
            commitment names no actor, though the subject still vouches for it.
    """

    start: int
    end: int
    kind: str
    strength: str
    assurance: bool
    negated: bool
    trigger_start: int
    trigger_end: int
    rule: str
    subject: Subject
    timexes: tuple[Mention, ...] = ()
    quantities: tuple[Mention, ...] = ()
    due: Mention | None = None
    due_preposition_start: int | None = None
    due_candidates: tuple[tuple[Mention, int], ...] = ()
    patient: bool = False


# -- small helpers ---------------------------------------------------------------------------


def is_participle(word: str) -> bool:
    """True when ``word`` looks like a past participle ("published", "set", "undertaken")."""
    if not word.islower():
        return False  # "will be United Kingdom-wide"
    w = word
    if w in IRREGULAR_PARTICIPLES:
        return True
    return len(w) > 3 and w.endswith("ed") and w not in NOT_PARTICIPLES


def is_passive(
    words: Sequence[str],
    trigger_start: int,
    trigger_end: int,
    *,
    lower: Sequence[str] | None = None,
) -> bool:
    """True when the verb group at the trigger is passive ("will be published", "was launched",
    "has been taken", "will not be required"): a form of *be* followed by a past participle.
    ``lower``: ``words`` lower-cased, when the caller has them.
    """
    return passive_participle(words, trigger_start, trigger_end, lower=lower) is not None


def passive_participle(
    words: Sequence[str],
    trigger_start: int,
    trigger_end: int,
    *,
    lower: Sequence[str] | None = None,
) -> int | None:
    """Where the past participle of a passive verb group at the trigger is ("was *launched*",
    "will not be *required*"), or None when the verb group is not passive (see
    :func:`is_passive`). ``lower``: ``words`` lower-cased, when the caller has them.
    """
    lower = lower if lower is not None else [w.lower() for w in words]
    end = min(len(lower), trigger_end + 3)
    for i in range(trigger_start, end):
        if i >= trigger_end and not _verb_group_gap(lower, trigger_end, i):
            break  # "will prevent private renters *being* exploited": the object's participle
        if lower[i] in {"be", "been", "being", "was", "were", "is", "are"}:
            for j in range(i + 1, min(len(lower), i + 4)):
                if is_participle(words[j]):
                    return j
                if lower[j] not in SUBJECT_TRAILING_ADVERBS and lower[j] not in {
                    "not",
                    "then",
                    "nationally",
                    "formally",
                    "fully",
                    "publicly",
                    "jointly",
                    "directly",
                    "properly",
                    "carefully",
                    "quickly",
                    "swiftly",
                    "widely",
                }:
                    break
    return None


def _verb_group_gap(lower: Sequence[str], start: int, end: int) -> bool:
    """True when the words in ``[start, end)`` after a trigger can still stand inside its verb
    group ("due to *be* published", "expected to *shortly be* published"), so that a form of *be*
    at ``end`` continues it; an object between them ("will prevent private renters *being*
    exploited") ends the verb group before it.
    """
    return all(
        lower[k] in _VERB_GROUP_GAP_WORDS
        or lower[k] in SUBJECT_TRAILING_ADVERBS
        or (lower[k].endswith("ly") and lower[k].isalpha())
        for k in range(start, end)
    )


_VERB_GROUP_GAP_WORDS = frozenset({"to", "not", "n't", "never", "be", "been", "being", "have"})
"""Words that may stand between a trigger's end and the *be* of its passive."""


def patient_subject(
    words: Sequence[str],
    subject: Subject,
    trigger: Hit,
    *,
    lower: Sequence[str],
    lex: Lexicons,
) -> bool:
    """True when the clause's subject undergoes the passive verb group at the trigger, so that
    it names what is acted on, not who acts: "The Community Liver Health Check programme was
    established in June 2022", "Local Housing Allowance rates will be increased from April
    2024", "The department and former Ministers were notified of the decision".

    Not a first-person subject ("I have been engaged in discussions"), an inherited one, nor a
    state or a schedule: "The Government is committed to ...", "The FCDO is expected to publish
    ...", "We are determined to ..." (:attr:`Lexicons.stative_participles`, and the schedule and
    obligation participles before "to").
    """
    if subject.status != "government" or subject.inherited or subject.rule is None:
        return False
    if subject.end > trigger.start or subject.end <= subject.start:
        return False
    if subject.end - subject.start == 1 and lower[subject.start] in FIRST_PERSON:
        return False
    if lower[trigger.start] not in AUXILIARIES and lower[trigger.start] not in _BE_FORMS:
        return False  # "The Ministry of Justice expects the data to be published"
    if any(
        w in AUXILIARIES
        or w == "that"
        or w in lex.that_clause_verbs
        or w in lex.reporting_verbs
        or is_participle(w)
        or w.endswith("ing")
        for w in lower[subject.end : trigger.start]
    ):
        # a verb of its own: the subject reports or plans the act ("The Chancellor confirmed
        # the Budget will be held on the 30th October", "The Ministry of Justice expects the
        # data to be published in December 2024")
        return False
    at = passive_participle(words, trigger.start, trigger.end, lower=lower)
    if at is None or at >= trigger.end or lower[at] in lex.stative_participles:
        return False  # the trigger's own verb group ("is ensuring pensioners are supported")
    return not (
        at + 1 < len(lower)
        and lower[at + 1] == "to"
        and lower[at] in lex.schedule_words | lex.obligation_participles
    )


def due_preposition(before: Sequence[str]) -> int:
    """How many of the words ``before`` a time expression form its governing preposition.

    Args:
        before: The words before the time expression, in order (only the last few matter).

    Returns:
        The number of trailing words that form the longest known preposition ("by the end of"
        -> 4), or 0 when there is none.
    """
    if not before:
        return 0
    last = before[-1].lower()
    candidates = _DUE_PREPOSITIONS_BY_LAST.get(last)
    if candidates is None:
        return 0
    lower = tuple(w.lower() for w in before[-6:])
    for prep in candidates:
        if len(prep) <= len(lower) and lower[len(lower) - len(prep) :] == prep:
            return len(prep)
    return 0


def open_ended_before(lower: Sequence[str], start: int) -> bool:
    """True when the words before position ``start`` make the time expression there a lower
    bound: an :data:`OPEN_ENDED_PREPOSITIONS` word, or "earlier than" ("no earlier than April
    2027")."""
    if start <= 0:
        return False
    if lower[start - 1] in OPEN_ENDED_PREPOSITIONS:
        return True
    return start >= 2 and lower[start - 1] == "than" and lower[start - 2] == "earlier"


def open_ended_after(lower: Sequence[str], end: int) -> bool:
    """True when the words after a time expression ending at ``end`` make it a lower bound:
    "at the earliest" ("to deliver these new entitlements by April 2025 at the earliest",
    "evaluations ... likely to take place in 2026 at the earliest")."""
    return tuple(lower[end : end + 3]) == ("at", "the", "earliest")


COORDINATING_TOKENS = frozenset({"and", "or", ","})
"""A token that joins two time expressions sharing one governor ("milestones implemented in
2023 *and* 2024", "For next year*,* 2025/26, ...")."""


def coordination_heads(timexes: Sequence[Mention], lower: Sequence[str]) -> list[int]:
    """For each time expression, the index (in ``timexes``) of the first of the coordinated
    run it ends: itself, or an earlier expression joined to it by "and", "or" or a comma alone
    ("in 2024/25 and 2025/26" -> both governed by "in"; "implemented in 2023 and 2024" -> both
    dated by the participle). A later conjunct says when, or what, as its head does.

    Args:
        timexes: Time expressions of a sentence, in order.
        lower: The sentence's words, lower-cased.
    """
    heads: list[int] = []
    for k, t in enumerate(timexes):
        head = k
        if k and t.start == timexes[k - 1].end + 1 and lower[t.start - 1] in COORDINATING_TOKENS:
            head = heads[k - 1]
        heads.append(head)
    return heads


BEFORE_NOUN_OPENERS: Mapping[str, tuple[tuple[str, ...], ...]] = {
    "of": (("ahead", "of"), ("in", "advance", "of")),
    "to": (("prior", "to"),),
}
"""Prepositions, by their last word, that open a noun phrase naming an event the commitment
comes before ("ahead of the next ... meeting on 6 March 2024", "well in advance of the
projected launch of waves two and three in 2027"); not "before", which is also a place ("lay
secondary legislation before Parliament in 2024")."""
_BEFORE_NOUN_STOPS = frozenset(
    {
        ",", ";", ":", ".", "–", "—", "will", "would", "shall", "is", "are", "was", "were",
        "be", "been", "has", "have", "had", "which", "that", "who", "to", "by", "after",
    }
)  # fmt: skip
"""Words a noun phrase after :data:`BEFORE_NOUN_OPENERS` does not cross (a verb group, a clause
or punctuation: the time expression beyond them is the commitment's own)."""


def before_noun_start(lower: Sequence[str], floor: int, position: int) -> int | None:
    """Where a "before"-type preposition starts whose noun phrase holds the time expression
    governed from ``position`` (its own preposition's start): "It will report *ahead of* the
    next Service Justice Executive Group (SJEG) meeting on 6 March 2024". Such an expression
    dates the event the commitment comes before, so the due is the day before it, and a time
    the commitment states for itself comes first ("share the updated versions in early 2026,
    well in advance of the projected launch ... in 2027").

    Args:
        lower: The sentence's words, lower-cased.
        floor: The quote's first token (the search does not go before it).
        position: Where the time expression's governing preposition starts (or the expression
            itself, without one).

    Returns:
        The first word of the opening preposition, or None. The noun phrase between holds at
        least one word and at most thirteen, none of them in :data:`_BEFORE_NOUN_STOPS`.
    """
    k = position - 2  # at least one word of the noun phrase
    while k >= floor and position - k <= 14:
        word = lower[k]
        if word in _BEFORE_NOUN_STOPS and word not in BEFORE_NOUN_OPENERS:
            return None
        for opener in BEFORE_NOUN_OPENERS.get(word, ()):
            first = k - len(opener) + 1
            if first >= floor and tuple(lower[first : k + 1]) == opener:
                return first
        if word in _BEFORE_NOUN_STOPS:
            return None
        k -= 1
    return None


def is_modifier_timex(
    words: Sequence[str], mention: Mention, *, lower: Sequence[str] | None = None, lex: Lexicons
) -> bool:
    """True when a time expression names what something is, not when it happens.

    "its April 2025 rate recommendations", "the 2026 revaluation", "allocations for 2025/26",
    "the report published in April 2024": a determiner or possessive before it and a noun after
    it, a period-of preposition ("for", "since"), or a participle of a past act just before it.
    ``lower``: ``words`` lower-cased, when the caller has them.
    """
    lower_all = lower if lower is not None else [w.lower() for w in words]
    before = lower_all[max(0, mention.start - 3) : mention.start]
    after = words[mention.end] if mention.end < len(words) else ""
    text = " ".join(words[mention.start : mention.end]).lower()
    prep = due_preposition(words[: mention.start])

    def reduced_relative(k: int) -> bool:
        # "the report published in April 2024": a participle that is not the clause's own
        # passive verb ("is due to be published this month", "will be introduced in 2025").
        return (
            k >= 0
            and lower_all[k] in lex.past_participle_cues
            and (k == 0 or lower_all[k - 1] not in _BE_FORMS)
        )

    noun_after = (
        bool(after) and after[:1].isalpha() and after.islower() and after not in _FUNCTION_WORDS
    )
    if text.startswith("the ") and noun_after and not any(ch.isdigit() for ch in text):
        return True  # "as set out in the Autumn budget", "the summer recess"
    if prep:
        preposition = tuple(w.lower() for w in words[mention.start - prep : mention.start])
        scheduled = mention.start - prep - 1 >= 0 and (
            lower_all[mention.start - prep - 1] in lex.schedule_words
        )
        if preposition in NON_DEADLINE_PREPOSITIONS and not scheduled:
            return True  # "allocations for 2025/26"; not "scheduled for Autumn 2025"
        if preposition[-1] in {"the", "a", "an"} and noun_after:
            return True  # "from the 2026 revaluation"
        return reduced_relative(mention.start - prep - 1)
    if reduced_relative(mention.start - 1):
        return True
    if (
        before
        and before[-1] in MODIFIER_DETERMINERS
        and not text.startswith(("the ", "this ", "next ", "last "))
    ):
        return noun_after or before[-1] not in {"the", "a", "an"}
    return noun_after and text.split()[0] not in {"this", "next", "later", "early", "the", "last"}


_BE_FORMS = frozenset({"be", "been", "being", "is", "are", "was", "were", "am"})
_FUNCTION_WORDS = frozenset(
    {
        "and", "or", "but", "to", "in", "on", "at", "by", "for", "of", "with", "from", "as",
        "which", "that", "when", "will", "is", "are", "was", "were", "has", "have", "onwards",
        "onward", "until", "before", "after", "through", "into", "so", "if", "than",
        "then", "while", "whilst", "where", "who", "we", "i", "they", "it", "there", "under",
        "across", "during", "within", "over", "up", "via", "following", "alongside", "not",
        "be", "can", "could", "would", "should", "may", "might", "must", "shall", "also",
        "the", "a", "an", "this", "these", "those", "its", "their", "our",
    }
)  # fmt: skip


def has_evidence(
    draft_start: int,
    draft_end: int,
    sentence: SentenceInput,
    *,
    lower: Sequence[str] | None = None,
    lex: Lexicons,
) -> bool:
    """True when the span holds something checkable: a quantity or a resolved time expression
    (``lower``: the sentence's words lower-cased, when the caller has them). A deictic present
    ("now", "currently", "today": TIMEX3 ``PRESENT_REF``) restates the answer date and checks
    nothing ("All sites ... currently under consideration, will comply with ... standards")."""
    for q in sentence.quantities:
        if draft_start <= q.start and q.end <= draft_end:
            return True
    for t in sentence.timexes:
        if draft_start <= t.start and t.end <= draft_end:
            p = t.payload
            if p.get("timex3") == "PRESENT_REF":
                continue
            resolved = (
                p.get("start") or p.get("end") or (p.get("type") == "duration" and p.get("timex3"))
            )
            elapsed = p.get("type") == "duration" and any(
                w.lower() in lex.elapsed_words
                for w in sentence.words[max(0, t.start - 4) : t.start]
            )  # "For the first time in over 50 years": a span looked back on
            if (
                resolved
                and not elapsed
                and not is_modifier_timex(sentence.words, t, lower=lower, lex=lex)
            ):
                return True
    return False


# -- subjects ----------------------------------------------------------------------------------


_PRONOUNS_AND_I = SUBJECT_PRONOUNS | {"i"}


def _actor_hits(hits: Sequence[Hit]) -> list[Hit]:
    return [h for h in hits if h.family == "actor"]


BULLETS = frozenset({"·", "•", "▪", "◦", "●", "*"})
"""List bullets that open a sentence of a list ("· The Home Office has provided over £19m of
dedicated funding ..."): not part of its subject."""


def _strip_region(
    words: Sequence[str], start: int, end: int, lower: Sequence[str] | None = None
) -> tuple[int, int]:
    """Trim leading coordinators/commas/list bullets and trailing adverbs/commas from a subject
    region."""
    lower = lower if lower is not None else [w.lower() for w in words]
    while start < end and (
        lower[start] in COORDINATORS or lower[start] in {",", "then"} or lower[start] in BULLETS
    ):
        start += 1
    while end > start and (lower[end - 1] in SUBJECT_TRAILING_ADVERBS or lower[end - 1] == ","):
        end -= 1
    return start, end


def _hit_at(hits: Sequence[Hit], start: int, limit: int) -> Hit | None:
    """The longest actor hit starting at ``start`` and ending by ``limit``."""
    best: Hit | None = None
    for h in hits:
        if h.start != start or h.end > limit:
            continue
        if best is None or h.end > best.end:
            best = h
    return best


def _hit_ending(hits: Sequence[Hit], end: int, floor: int) -> Hit | None:
    """The longest actor hit ending at ``end`` and starting at or after ``floor``."""
    best: Hit | None = None
    for h in hits:
        if h.end == end and h.start >= floor and (best is None or h.start < best.start):
            best = h
    return best


def _trim_hit(lower: Sequence[str], hit: Hit) -> Hit:
    """An actor match without a dangling joining word ("the Secretary of State for" | "the
    Environment ...": a greedy optional "for" with nothing after it)."""
    end = hit.end
    while end - 1 > hit.start and lower[end - 1] in {"for", "of", "and", "&", ",", "the"}:
        end -= 1
    return Hit(hit.family, hit.index, hit.start, end)


def _appositive_only(words: Sequence[str], start: int, end: int) -> bool:
    """True when ``words[start:end]`` is empty or an aside that leaves the subject standing
    (", working with its Delivery Partner, REACh,", " (LPC)", ", along with X,")."""
    if start >= end:
        return True
    first = words[start].lower()
    if first in APPOSITIVE_OPENERS:
        return True
    return all(w.lower() in SUBJECT_TRAILING_ADVERBS for w in words[start:end])


def find_subject(
    words: Sequence[str],
    start: int,
    end: int,
    hits: Sequence[Hit],
    roles: Sequence[str],
    *,
    complement: bool = True,
    lower: Sequence[str] | None = None,
    lex: Lexicons,
) -> Subject:
    """Find the actor in the words of a clause before its verb group.

    Args:
        words: The sentence's token texts.
        start: First token after the clause's opener.
        end: The trigger's first token.
        hits: Rule matches in the sentence (only actor matches are used).
        roles: Each actor rule's role, by rule index.
        complement: Look past a complementizer ("I hope *that* the Hon. Gentleman will ...")
            to the complement clause's own subject; False gives the matrix subject.
        lower: ``words`` lower-cased, when the caller has them.

    Returns:
        The subject. A leading adverbial ("As part of this,", "In 2024/25", "Later this month")
        is skipped and its start recorded; an actor must stand at the start of the subject
        (followed by nothing but an aside), so "the Government's plan" and "the letter from DfT
        officials" are ``unknown``, not government.
    """
    actors = _actor_hits(hits)
    lower = lower if lower is not None else [w.lower() for w in words]
    s, e = _strip_region(words, start, end, lower)
    if s >= e:
        return Subject("none", end, end)
    # A complement clause: the subject of "I hope that the Hon. Gentleman will understand" or
    # "I can confirm that we will publish" is the one after "that".
    for k in range(e - 1, s, -1):
        if not complement:
            break
        if lower[k] == "that" and lower[k - 1] in lex.that_clause_verbs:
            return find_subject(words, k + 1, end, hits, roles, lower=lower, lex=lex)
        if (
            lower[k] in lex.thatless_verbs
            and lower[k - 1] in {"we", "i"}
            and k - 1 == s
            and k + 1 < e
            and lower[k + 1] not in {"that", "to", "how", "why", "what", "whether"}
        ):
            # "We understand Network Rail delivered a final plan ...": the complement's subject.
            return find_subject(words, k + 1, end, hits, roles, lower=lower, lex=lex)
    adverbial: int | None = None
    first = lower[s]
    if first in LEADING_ADVERBIAL_WORDS and _hit_at(actors, s, e) is None:
        commas = [i for i in range(s, e) if lower[i] == ","]
        # The subject follows the leading adverbial: after its comma (adverbials may be chained:
        # "To support with bill increases, at the Budget, the Government introduced ..."), or,
        # without a comma, it is the actor (or pronoun) that ends right before the verb group.
        tail_hit = _hit_ending(actors, e, s + 1)
        if commas and tail_hit is not None and lower[tail_hit.start - 1] == ",":
            # The actor right after the adverbial's last comma ("In 'Stable Homes, Built on
            # Love', the department committed ..."): commas inside the adverbial do not count.
            adverbial = s
            s = tail_hit.start
        elif commas:
            adverbial = s
            k = 0
            s = commas[0] + 1
            while (
                k + 1 < len(commas)
                and s < e
                and lower[s] in LEADING_ADVERBIAL_WORDS
                and _hit_at(actors, s, e) is None
            ):
                k += 1
                s = commas[k] + 1
        elif tail_hit is not None:
            adverbial = s
            s = tail_hit.start
        elif lower[e - 1] in SUBJECT_PRONOUNS:
            return Subject("unknown", e - 1, e, adverbial_start=s)
        else:
            return Subject("unknown", s, e, adverbial_start=None)
        s, e = _strip_region(words, s, e, lower)
        if s >= e:
            return Subject("none", end, end, adverbial_start=adverbial)
    hit = _hit_at(actors, s, e)
    if hit is None and (lower[s] in {"the", "this", "our", "my"} or lower[s][:1].isdigit()):
        hit = _hit_at(actors, s + 1, e)  # "the Government", "10 mortgage lenders"
    if hit is None and lower[s] in lex.rank_adjectives:
        hit = _hit_at(actors, s + 1, e)  # "senior Foreign Office officials"
        if hit is not None:
            hit = Hit(hit.family, hit.index, s, hit.end)
    if hit is None and lower[s] == "the" and s + 2 < e and lower[s + 1] in FORMER_WORDS:
        hit = _hit_at(actors, s + 2, e)  # "the then Deputy Prime Minister"
        if hit is not None:
            hit = Hit(hit.family, hit.index, s, hit.end)
    if hit is not None:
        hit = _trim_hit(lower, hit)
        if (
            hit.end < e
            and (lower[hit.end] in lex.personnel_nouns or lower[hit.end] == "[")
            and roles[hit.index] == "government"
        ):
            hit = with_own_people(words, hit, e, lower=lower, lex=lex)
    if hit is not None and (
        _appositive_only(words, hit.end, e)
        or lower[hit.start] in _PRONOUNS_AND_I
        or _finite_verb_like(words[hit.end])
    ):
        return Subject(roles[hit.index], hit.start, hit.end, hit.index, adverbial_start=adverbial)  # type: ignore[arg-type]
    # A non-government actor anywhere at the head of the subject ("Local authorities in
    # England", "Airports across the UK") still makes it theirs.
    if hit is not None and roles[hit.index] == "other":
        return Subject("other", hit.start, hit.end, hit.index, adverbial_start=adverbial)
    # An appositive naming the actor just before the verb ("My Rt hon. Friend, the Secretary
    # of State for Health and Social Care, has commissioned ..."), or "we"/"I" right before it
    # in a contact clause ("the £2.1 billion we are spending on ...", "The long-term plan the
    # Home Secretary has announced").
    tail = _hit_ending(actors, e, s + 1)
    if (
        hit is None
        and tail is not None
        and (
            lower[tail.start - 1] == ","
            or (tail.end - tail.start == 1 and lower[tail.start] in {"we", "i"})
            or (
                roles[tail.index] == "government"
                and lower[tail.start] in {"the", "my", "our"}
                and _contact_head(lower[tail.start - 1], lex=lex)
            )
        )
    ):
        lead = adverbial if adverbial is not None else s
        return Subject(roles[tail.index], tail.start, tail.end, tail.index, adverbial_start=lead)  # type: ignore[arg-type]
    return Subject("unknown", s, e, adverbial_start=adverbial)


MIN_ABBREVIATION = 2
"""The shortest abbreviation :func:`defined_abbreviations` reads ("EA", "VMD")."""


def defined_abbreviations(
    words: Sequence[str], hits: Sequence[Hit], roles: Sequence[str], *, lex: Lexicons
) -> dict[str, int]:
    """The abbreviations a sentence defines for government bodies: capitals in brackets that
    close a government actor's match ("The Veterinary Medicines Directorate (VMD) authorises
    ..."), each with that actor rule's index. Not a document's ("the National Planning Policy
    Framework (NPPF)": its head is one of ``lex.document_heads``), nor a match that starts inside
    a longer name ("the Northern *Ireland Executive (NIE)*", a devolved executive).

    Args:
        words: The sentence's token texts.
        hits: Rule matches in the sentence (only actor matches are used).
        roles: Each actor rule's role, by rule index.
    """
    defined: dict[str, int] = {}
    for h in hits:
        if h.family != "actor" or roles[h.index] != "government" or h.end - h.start < 4:
            continue
        short = words[h.end - 2]
        if (
            words[h.end - 1] == ")"
            and words[h.end - 3] == "("
            and len(short) >= MIN_ABBREVIATION
            and short.isalpha()
            and short.isupper()
            and words[h.end - 4].lower() not in lex.document_heads
            and not (h.start and words[h.start - 1].istitle())
        ):
            defined.setdefault(short, h.index)
    return defined


def abbreviation_hits(
    words: Sequence[str], defined: Mapping[str, int], hits: Sequence[Hit]
) -> list[Hit]:
    """Actor matches for the abbreviations an answer defined earlier
    (:func:`defined_abbreviations`), used on their own: "The VMD have established the
    cross-government Pharmaceuticals in the Environment (PiE) Group" names the Veterinary
    Medicines Directorate. A use in brackets (a definition again) or inside another actor's
    match gives none.

    Args:
        words: The sentence's token texts.
        defined: Abbreviations defined before this sentence, with their actor rule's index.
        hits: Rule matches in the sentence.
    """
    found: list[Hit] = []
    for i, word in enumerate(words):
        index = defined.get(word)
        if index is None or (i and words[i - 1] == "("):
            continue
        start = i - 1 if i and words[i - 1].lower() == "the" else i
        if any(h.family == "actor" and h.start <= i < h.end for h in hits):
            continue
        found.append(Hit("actor", index, start, i + 1))
    return found


def with_own_people(
    words: Sequence[str], hit: Hit, end: int, *, lower: Sequence[str], lex: Lexicons
) -> Hit:
    """A government actor's match widened over what follows it and still names it, up to
    ``end``: its people ("Treasury officials", "Ministry of Defence officials", `personnel_nouns`)
    and then a bracketed aside naming the speaker ("I [Minister Rutley] visited Peru").

    Args:
        words: The sentence's token texts.
        hit: The actor match (a government actor).
        end: The subject region's end (the verb group's first token).
        lower: ``words`` lower-cased.
        lex: The lexicons.

    Returns:
        ``hit``, or a copy that ends after the people or the aside.
    """
    stop = hit.end
    if stop < end and lower[stop] in lex.personnel_nouns:
        stop += 1
    if stop < end and words[stop] == "[":
        close = next((k for k in range(stop + 1, end) if words[k] == "]"), None)
        if close is not None:
            stop = close + 1
    return hit if stop == hit.end else Hit(hit.family, hit.index, hit.start, stop)


def _finite_verb_like(word: str) -> bool:
    """True for a lower-case word that looks like a finite verb after a subject ("enforces",
    "recognises", "launched"), so that "HSE enforces these regulations" has HSE as subject."""
    if not word.isalpha() or not word.islower() or len(word) < 4:
        return False
    return (word.endswith("s") and not word.endswith(("ss", "us", "is"))) or word.endswith("ed")


def first_verb(lower: Sequence[str], start: int, end: int, starts: frozenset[int]) -> int:
    """The first verb-group position in ``[start, end)``, or ``end``."""
    for i in range(start, end):
        if i in starts:
            return i
    return end


# -- gating ------------------------------------------------------------------------------------


def _in_scope(
    hit: Hit,
    rule_scope: str,
    clause: Clause,
    trigger: Hit,
    subject_start: int,
    named_actor_end: int | None = None,
) -> bool:
    if rule_scope == "sentence":
        return True
    if rule_scope == "clause":
        return clause.start <= hit.start and hit.end <= clause.end
    if rule_scope == "subject":
        if named_actor_end is not None and named_actor_end <= hit.start:
            return False  # inside an aside after a named actor ("Defra, in line with the
            # regulations taken forward last year ..., has introduced ...")
        return (
            min(subject_start, trigger.start) <= hit.start < trigger.start
            and clause.start <= hit.start
        )
    if rule_scope == "trigger":
        return hit.start < trigger.end and hit.end > trigger.start
    # complement: starts inside the trigger or within two tokens after it
    return trigger.start <= hit.start <= trigger.end + 1 and hit.start < clause.end


def vetoed(
    sentence: SentenceInput,
    rules: CommitmentRules,
    clause: Clause,
    trigger: Hit,
    subject: Subject,
    kind: str,
    evidence: bool,
    timed: bool = False,
    *,
    lower: Sequence[str] | None = None,
) -> str | None:
    """The id of the first veto that applies to a commitment, or None (``evidence``: the span
    holds a quantity or a resolved date; ``timed``: it holds a time expression of any kind;
    ``lower``: the sentence's words lower-cased, computed when None)."""
    lex = rules.lexicons
    lower = lower if lower is not None else [w.lower() for w in sentence.words]
    for hit in sentence.hits:
        if hit.family != "veto":
            continue
        rule: VetoRule = rules.vetoes[hit.index]
        named = (
            subject.end
            if subject.rule is not None and not subject.inherited and subject.end > subject.start
            else None
        )
        if not _in_scope(hit, rule.scope, clause, trigger, subject.start, named):
            continue
        if rule.kinds and kind not in rule.kinds:
            continue
        if rule.subjects == "non_government" and subject.status == "government":
            continue
        if rule.unless == "evidence" and evidence:
            continue
        if rule.unless == "time" and (evidence or timed):
            continue
        if rule.unless == "counted" and counted_subject(
            lower, subject.start, trigger.start, lex=lex
        ):
            continue
        if rule.unless == "named" and inside_name(sentence.words, hit.start):
            continue
        if (
            rule.unless == "step"
            and kind == "done"
            and evidence
            and is_passive(sentence.words, trigger.start, trigger.end)
        ):
            continue
        if rule.unless == "means" and (
            evidence or names_means(lower, trigger.end, clause.end, lex=lex)
        ):
            continue
        if rule.unless == "directive" and (
            evidence
            or directive_complement(lower, sentence.hits, rules.actors, hit.end, clause.end)
        ):
            continue
        return rule.id
    return None


DIRECTIVE_BREAKS = frozenset(
    {"to", "by", "for", "about", "whether", "if", "that", "why", "how", "what", "when", "where"}
    | {";", ":", ".", "–", "—"}
)
"""Words after a verb of asking that leave no object before "to": a passive ("was asked *to*
provide", "asked *by* ..."), a request for something ("asked *for* an urgent report"), a question
("asked *whether* ..."), or the clause going on. A comma may list the object's parts
("representatives of the Conservatives, the Liberal Democrats, Reform UK and the Green Party"),
not open it."""

NOT_INFINITIVES = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "which", "whom", "what", "date", "its"}
    | {"their", "his", "her", "our", "my", "your", "all", "any", "some", "each", "every", "no"}
)
"""Words after "to" that make it a preposition, not an infinitive marker ("to date", "to the
Committee")."""

DIRECTIVE_REACH = 16
"""How many tokens the object of a verb of asking may take before its "to"."""


def directive_complement(
    lower: Sequence[str],
    hits: Sequence[Hit],
    actors: Sequence[ActorRule],
    start: int,
    end: int,
) -> bool:
    """True when ``[start, end)``, the words after a verb of asking, hold an object and then an
    infinitive: the government sets someone to work ("has also asked *Matt Clifford to draft* an
    AI Action Plan", "NHS England has asked *the integrated care boards (ICBs) to act* ...", "we
    asked *the independent Migration Advisory Committee to advise* ..."), a delivered step.

    Not a passive or a request for something ("was asked to provide", "asked for an urgent
    report"), and not an appeal to a body that acts for itself: an ``other`` actor that is not a
    recipient of the government's acts in the object ("asked the Israeli authorities to ...", a
    foreign government or a court) keeps the speech act.

    Args:
        lower: The sentence's words, lower-cased.
        hits: The sentence's rule matches.
        actors: The component's actor rules (actor hits index into them).
        start: The first token after the verb of asking.
        end: One past the clause's last token.
    """
    if start >= end or lower[start] in DIRECTIVE_BREAKS or lower[start] == ",":
        return False
    for i in range(start + 1, min(end - 1, start + DIRECTIVE_REACH)):
        word = lower[i]
        if word == "to":
            following = lower[i + 1]
            if not following.isalpha() or following in NOT_INFINITIVES:
                return False
            return not any(
                h.family == "actor"
                and start <= h.start
                and h.end <= i
                and actors[h.index].role == "other"
                and not actors[h.index].recipient
                for h in hits
            )
        if word in DIRECTIVE_BREAKS:
            return False
    return False


MEANS_PREPOSITIONS = frozenset({"by", "through"})

NAME_CONNECTORS = frozenset({"and", "&", "of"})
"""Words that may join the capitalised words of one name ("Tax Impact *and* Information Note",
"Central Digital *&* Data Office")."""

NAME_OPENERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "our", "its", "their", "his", "her"}
)
"""Capitalised only when they open the sentence: no name before the word they precede."""


def inside_name(words: Sequence[str], position: int) -> bool:
    """True when ``words[position]`` is capitalised and stands inside a capitalised name: the
    words on both sides of it, past :data:`NAME_CONNECTORS`, are capitalised, and the one before
    is not a determiner ("Tax *Information* and Impact Note", "Central Digital & *Data* Office").
    A name's first or last word is not inside it ("*Data* for August 2023 has been provided",
    "the Accredited Official *Statistics* for State Pension", "Expenditure *Guidance* published
    on 14 May").

    Args:
        words: The sentence's words.
        position: The word's index.
    """
    if not words[position][:1].isupper():
        return False
    i = position - 1
    while i >= 0 and words[i].lower() in NAME_CONNECTORS:
        i -= 1
    j = position + 1
    while j < len(words) and words[j].lower() in NAME_CONNECTORS:
        j += 1
    return (
        i >= 0
        and j < len(words)
        and words[i][:1].isupper()
        and words[i].lower() not in NAME_OPENERS
        and words[j][:1].isupper()
    )


def counted_subject(lower: Sequence[str], start: int, end: int, *, lex: Lexicons) -> bool:
    """True when the subject in ``[start, end)`` opens with a count: hedges
    (``subject_hedges``), then a number or a currency sign ("1.2 million households", "over
    99% of current UK goods exports", "approximately 60,000 parents").

    Args:
        lower: The sentence's words, lower-cased.
        start: The subject's first token.
        end: The verb group's first token.
        lex: The lexicons.
    """
    return count_start(lower, start, end, lex=lex) is not None


def names_means(lower: Sequence[str], start: int, end: int, *, lex: Lexicons) -> bool:
    """True when ``[start, end)`` names a concrete means: "by" or "through" and a gerund ("...
    alcohol labelling *by introducing* a mandatory requirement", "*through exploring* options
    to standardise ...").

    Args:
        lower: The sentence's words, lower-cased.
        start: First token to look at (after the trigger).
        end: One past the last token (the clause's end).
    """
    not_means = lex.not_means_gerunds
    return any(
        lower[i] in MEANS_PREPOSITIONS
        and lower[i + 1].endswith("ing")
        and len(lower[i + 1]) > 5
        and lower[i + 1] not in not_means
        and lower[i - 1] != "including"  # an example, not the means
        for i in range(start, min(end, len(lower)) - 1)
    )


def passive_agent(
    words: Sequence[str], hits: Sequence[Hit], roles: Sequence[str], start: int, end: int
) -> Subject | None:
    """The actor of a passive after "by" ("was agreed and signed by the Cabinet Office",
    "will be nationally commissioned by the NHS"), searched in ``[start, end)``, or None."""
    for by in range(start, end):
        if words[by].lower() != "by":
            continue
        agents = [
            h for h in hits if h.family == "actor" and by < h.start <= by + 4 and h.end <= end
        ]
        if agents:
            hit = min(agents, key=lambda h: (h.start, -h.end))
            end = hit.end
            while end - 1 > hit.start and words[end - 1].lower() in AGENT_DANGLING:
                end -= 1  # "by the current Secretary of State and | launched in February 2023"
            return Subject(roles[hit.index], hit.start, end, hit.index)  # type: ignore[arg-type]
        return None
    return None


AGENT_DANGLING = frozenset({"and", "&", "of", "for", "the"})
"""Words an actor rule's optional tail can leave at the end of an agent when no name follows
("commissioned by the current Secretary of State *and* launched ...", "drafted by Natural
England *and* will set clear standards")."""


MEASURE_WORDS = frozenset({"this", "these", "it", "that"})
"""A bare demonstrative subject stands for the measure just described ("This will create
60,000 places")."""
_HEAD_ENDERS = frozenset(
    {"of", "in", "for", "from", "to", "across", "on", "at", "with", ",", "(", "who", "which",
     "that", "–", "—", "under", "through", "by", "and", "or"}
)  # fmt: skip


def subject_head(lower: Sequence[str], start: int, end: int) -> str | None:
    """The head noun of the subject in ``lower[start:end]``: its last word before a
    preposition, comma or relative ("the remaining funding" -> funding, "investment in clean
    heat" -> investment), or None when the subject is empty."""
    head = None
    for i in range(start, end):
        if lower[i] in _HEAD_ENDERS and head is not None:
            break
        head = lower[i]
    return head


def has_horizon(draft_start: int, draft_end: int, sentence: SentenceInput) -> bool:
    """True when a time expression in the role of a horizon ("over this Parliament", "over the
    next five years") lies inside the span: it dates a measure's effect even when it has no
    calendar value."""
    return any(
        draft_start <= t.start and t.end <= draft_end and t.payload.get("role") == "horizon"
        for t in sentence.timexes
    )


def splice_end(lower: Sequence[str], trigger_end: int, end: int) -> int:
    """Where a quote ends before a comma splice: a comma followed by a new subject and its own
    "will" ("employers will pay no NICs at all next year, | more than half of employers will
    see no change"); ``end`` when there is none."""
    for i in range(trigger_end, end - 1):
        if lower[i] != ",":
            continue
        for j in range(i + 1, min(end, i + 2 + MAX_SUBJECT_TOKENS)):
            if lower[j] in {",", ";", ":"} | DASHES or lower[j] in COORDINATORS:
                break
            if lower[j] in {"will", "shall"} and j > i + 1:
                return i
    return end


COMPLEMENT_WH = frozenset({"how", "whether", "what", "which", "where"})
"""Words that open the object of a verb of deciding or considering ("We are currently
considering *how* to ensure communities benefit ...", "Ofgem is reviewing *whether* amendments
are required ...")."""


OBJECT_WH = frozenset({"how", "whether", "what"})
"""Words that open an object clause wherever a quote stops before them ("will set out | how we
will improve cancer prevention", "to review | what further action needs to be taken")."""
OBJECT_PREPOSITIONS = frozenset({"at", "by", "on", "about", "over", "of", "into"})
"""Prepositions whose object a wh-clause can be ("will be determined by | where they will have
the most impact")."""


def complement_end(
    lower: Sequence[str],
    trigger_end: int,
    limit: int,
    timexes: Sequence[Mention] = (),
    *,
    words: Sequence[str],
    lex: Lexicons,
) -> int:
    """Where a quote that stops at its trigger (or before :data:`OBJECT_WH`, or on a
    preposition before a wh-word) ends when the object is a wh-clause the clause splitter cut
    off ("We are currently considering | how to ensure communities benefit from living near new
    onshore electricity transmission infrastructure", "The department is looking | at what the
    changes ... will mean", "will set out | how we will improve cancer prevention"): at the
    clause's end, before a
    sentence stop, a dash, a comma with a coordinator or a coordinator before a new verb group
    or subject ("We are considering what changes we wish to make in order to achieve this | and
    will bring forward ...", "We are currently reviewing which National Policy Statements to
    update | but we aim to consult on at least two"). ``trigger_end`` (where the quote stops)
    when no wh-clause follows.
    """
    k = trigger_end
    if k < limit and lower[k] == "at":
        k += 1
    if k >= limit or lower[k] not in COMPLEMENT_WH:
        return trigger_end
    stop = k + 1
    while stop < limit:
        w = lower[stop]
        if w in SENTENCE_ENDERS or w in HARD_PUNCT or w in DASHES:
            break
        if w == "," and stop + 1 < limit and lower[stop + 1] in COORDINATORS:
            break
        if (
            w in COORDINATORS
            and stop + 1 < limit
            and (lower[stop + 1] in AUXILIARIES or lower[stop + 1] in SUBJECT_PRONOUNS)
        ):
            break
        stop += 1
    return quote_end(words, trigger_end, stop, timexes, lower=lower, lex=lex)


def names_measure(lower: Sequence[str], start: int, end: int, *, lex: Lexicons) -> bool:
    """True when the subject ``lower[start:end]`` names a measure ("This", "These measures",
    "The remaining funding", "The fund") or its beneficiaries ("over 12 million pensioners",
    "households in England"), whose predicted effects count when quantified or dated."""
    if end - start == 1 and lower[start] in MEASURE_WORDS:
        return True
    head = subject_head(lower, start, end)
    return head in lex.measure_heads or head in lex.beneficiary_heads


def admissible(
    rule: TriggerRule, subject: Subject, *, passive: bool, evidence: bool, measure: bool = False
) -> bool:
    """Whether a trigger's demands on the actor and the evidence are met.

    Args:
        rule: The trigger rule.
        subject: The clause's actor.
        passive: The verb group is passive ("will be published").
        evidence: The clause holds a quantity or a resolved date.
        measure: The subject names a measure or its beneficiaries (:func:`names_measure`).
    """
    if subject.status == "other":
        return False
    if rule.actor == "effect":
        return subject.status == "government" or (measure and evidence)
    if rule.evidence and not evidence and not (passive and subject.status == "government"):
        return False
    if rule.actor == "government":
        return subject.status == "government"
    if rule.actor == "any":
        return subject.status == "government" or passive or evidence
    return True


def coordinate_break(words: Sequence[str], start: int, end: int) -> bool:
    """True when a comma or a dash and a coordinator (", and", "– and") stand in ``[start,
    end)``: what comes before them is a clause of its own, so a "no" that opens it does not
    reach a verb after them ("*No* leaseholder ... should wait a day longer for remediation
    than necessary, and under our plan by the end of 2029 all 18m+ (high-rise) buildings ...
    will have been remediated"; "*No* council will see a reduction – and new funding will be
    available to rural areas in 2025-26").

    Args:
        words: The sentence's token texts.
        start: One past the negative word.
        end: The trigger's first token.
    """
    return any(
        (words[k] == "," or words[k] in DASHES) and words[k + 1].lower() in COORDINATORS
        for k in range(start, end - 1)
    )


def modifiers_for(
    sentence: SentenceInput,
    rules: CommitmentRules,
    trigger: Hit,
    span_start: int,
    span_end: int,
    subject: Subject,
) -> list[ModifierRule]:
    """The modifier rules that apply to a commitment (in rule order)."""
    out: list[tuple[int, ModifierRule]] = []
    for hit in sentence.hits:
        if hit.family != "modifier":
            continue
        rule = rules.modifiers[hit.index]
        if rule.scope == "trigger":
            ok = hit.start < trigger.end + 1 and hit.end > trigger.start
            ok = ok or trigger.end <= hit.start <= trigger.end + 1
        elif rule.scope == "subject":
            # the subject opens with it ("*No* council will see a reduction"), not a word inside
            # it ("the Fund, for which the previous government made *no* plans ..., will be
            # extended", "savings in fees *no* longer payable ... are expected to be ...")
            ok = (
                subject.status != "none"
                and not subject.inherited
                and subject.start == hit.start < trigger.start
                and not coordinate_break(sentence.words, hit.end, trigger.start)
            )
        else:
            ok = span_start <= hit.start and hit.end <= span_end
        if ok:
            out.append((hit.index, rule))
    return [r for _, r in sorted(out, key=lambda x: x[0])]


# -- quotes and dues ---------------------------------------------------------------------------


def quote_end(
    words: Sequence[str],
    trigger_end: int,
    clause_end: int,
    timexes: Sequence[Mention] = (),
    *,
    lower: Sequence[str] | None = None,
    lex: Lexicons,
) -> int:
    """Where the quote ends: the clause's end, less a trailing modifier after the trigger.

    A comma after the trigger followed by a cue ("meaning", "following", "which", "with",
    "including"...) or a spaced dash starts a modifier that the quote leaves out, unless what
    follows the comma is a time expression (the due: "..., published on 18 July 2024, in the
    autumn"). Trailing punctuation is dropped. ``lower``: ``words`` lower-cased, when the caller
    has them.
    """
    lower = lower if lower is not None else [w.lower() for w in words]
    word_cues, cues = lex.trailing_word_cues, lex.trailing_cues
    timex_starts = {t.start for t in timexes}
    end = clause_end
    if trigger_end < clause_end and lower[trigger_end] in MATRIX_VERBS:
        # The trigger ends a contact clause; the matrix verb follows ("The long-term plan the
        # Home Secretary has announced | would mean ...").
        clause_end = trigger_end
        end = trigger_end
    for i in range(trigger_end, clause_end):
        w = lower[i]
        if w in word_cues or w in {"–", "—", "--"}:
            end = i
            break
        if w == "," and i + 1 < clause_end:
            nxt = lower[i + 1]
            if timex_starts and any(
                j in timex_starts and due_preposition(words[i + 1 : j]) == j - i - 1
                for j in range(i + 1, min(clause_end, i + 6))
            ):
                continue  # the due follows the comma: "..., starting early 2026"
            if nxt in cues or nxt in AUXILIARIES or is_gerund(nxt):
                end = i
                break
            if (
                nxt == "to"
                and i + 3 < clause_end
                and lower[i + 2] == "be"
                and (is_participle(words[i + 3]))
            ):
                end = i  # "..., to be published in autumn 2025": a step of its own
                break
    if end > trigger_end and _opens_next_sentence(lower, end):
        end -= 1
    # Trailing punctuation, and a conjunction or preposition left before a cut ("We will
    # publish more information about the Fund and | how local areas can get involved").
    while end > trigger_end and (
        (
            not any(ch.isalnum() for ch in lower[end - 1])
            and lower[end - 1] not in {")", "’", "'", "%"}
        )
        or lower[end - 1] in DANGLING_WORDS
    ):
        end -= 1
    return end


QUOTE_MARKS = frozenset({"'", "’", "‘", '"', "“", "”"})
"""Quotation marks as tokens (spaCy splits them off the words they enclose)."""
SENTENCE_ENDERS = frozenset({".", "?", "!"})


def _opens_next_sentence(lower: Sequence[str], end: int) -> bool:
    """True when the token before ``end`` is a quotation mark that opens the next sentence, left
    at this one's end by the sentencizer (punctuation after a full stop stays with the sentence
    before it): "... Construction Corps. *'*Secondary sanctions' can be ...". It follows a
    sentence ender and closes no quotation opened before it in the sentence (an odd count of
    marks in ``lower[:end]``); "... said 'we will act.*'*" keeps its closing mark.

    Args:
        lower: The sentence's words, lower-cased.
        end: The quote's end so far.
    """
    if end < 2 or lower[end - 1] not in QUOTE_MARKS or lower[end - 2] not in SENTENCE_ENDERS:
        return False
    return sum(w in QUOTE_MARKS for w in lower[:end]) % 2 == 1


MATRIX_VERBS = frozenset(
    {
        "will",
        "would",
        "shall",
        "can",
        "could",
        "may",
        "might",
        "must",
        "should",
        "is",
        "are",
        "was",
        "were",
    }
)
"""Finite verbs that cannot follow a complete verb group inside its own clause."""


def is_gerund(word: str) -> bool:
    """True for a lower-case word in -ing (a participle opening a trailing modifier)."""
    return (
        len(word) > 5
        and word.endswith("ing")
        and word.islower()
        and word
        not in {
            "during",
            "morning",
            "evening",
            "spring",
            "funding",
            "building",
            "planning",
            "training",
            "housing",
            "including",
        }
    )


HORIZON_WORDS = frozenset({"next", "coming", "following"})
COUNT_WORDS = frozenset(
    {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "18", "24"}
)


_MODALS = frozenset({"will", "would", "shall", "can", "could", "may", "might", "must", "should"})


def _elapsed_before(words: Sequence[str], position: int, *, lex: Lexicons) -> bool:
    """True when an elapsed word ("first", "ever", "last", ...) comes shortly before "in
    <duration>" at ``position``: among the five words before it ("the first time in 50
    years"), or further back in the same noun phrase ("the first multi-year settlement for
    local government in a decade"; at most ten words, not across punctuation or a modal: "The
    first of the new regional hubs *will* open in two years" keeps its horizon)."""
    elapsed = lex.elapsed_words
    if any(w.lower() in elapsed for w in words[max(0, position - 5) : position]):
        return True
    for k in range(position - 1, max(-1, position - 11), -1):
        word = words[k].lower()
        if word in _MODALS or (not any(ch.isalnum() for ch in word) and word != "-"):
            return False
        if word in elapsed:
            return True
    return False


def _duration_deadline(words: Sequence[str], mention: Mention, *, lex: Lexicons) -> bool:
    """True when a duration is a deadline or horizon: "within 12 weeks", "within the next
    year", "over the next 15 years", "in the coming six months"; not a length or an amount
    ("15 years of service", "17-year-olds", "for the first time in over 50 years")."""
    before = [w.lower() for w in words[max(0, mention.start - 3) : mention.start]]
    text = " ".join(words[mention.start : mention.end]).lower().split()
    horizon = bool(set(text[:2]) & HORIZON_WORDS)
    while before and before[-1] in HORIZON_WORDS | {"the", "a", "further"}:
        horizon = horizon or before[-1] in HORIZON_WORDS
        before.pop()
    if not before:
        return False
    after = words[mention.end].lower() if mention.end < len(words) else ""
    if after in {"of", "after", "from", "following", "since"}:
        return False  # "within 65 days of receipt of an application": from another event
    if before[-1] == "within":
        return True
    if (
        before[-1] == "in"
        and not horizon
        and text[0] in COUNT_WORDS | {"a", "one"} | {t for t in text[:1] if t[:1].isdigit()}
        and not _elapsed_before(words, mention.start, lex=lex)
    ):
        return True  # "Progress will be reviewed in three years"; not "the first time in 50 years"
    return horizon and before[-1] in {"over", "in", "during", "across", "throughout"}


def until_end(lower: Sequence[str], timexes: Sequence[Mention], end: int, clause_end: int) -> int:
    """The quote's end, taken over "until <time>" right after its clause: the clause splitter
    opens a clause at "until", but before a time expression it is the preposition of the
    commitment's end date ("The consultation will remain open *until 12 March 2024*", "will be
    invested to extend the Household Support Fund in England by a full year *until 31 March
    2026*"). Called once the commitment is admitted: the time is its due, not its evidence.

    Args:
        lower: The sentence's words, lower-cased.
        timexes: Time expressions of the sentence.
        end: One past the quote's last token.
        clause_end: One past the clause's last token.

    Returns:
        One past the time expression after "until", or ``end``.
    """
    if end != clause_end or end + 1 >= len(lower) or lower[end] != "until":
        return end
    return next((t.end for t in timexes if t.start == end + 1), end)


def due_candidates(
    words: Sequence[str],
    timexes: Sequence[Mention],
    start: int,
    end: int,
    anchor: dt.date | None = None,
    *,
    lower: Sequence[str] | None = None,
    lex: Lexicons,
) -> list[tuple[Mention, int]]:
    """The time expressions that may give a commitment's ``due``, best first, each with the
    position where its governing preposition starts.

    Candidates are the time expressions inside the quote that say when it happens, not what
    something is ("its April 2025 rate recommendations", "allocations for 2025/26", "the
    report published in April 2024"); sets, lengths ("17-year-olds"), centuries, past starts
    ("since 2020"), open-ended times ("beyond 2026", "after April 2024", "no earlier than April
    2027", "by April 2025 at the earliest", with every expression before them) and periods
    that end on the answer date ("now", "currently", "earlier in the year") are left out. A
    time coordinated with the one before it is read where their run starts ("in 2024/25 and
    2025/26": both after "in"; "milestones implemented in 2023 and 2024": both name what the
    milestones are; see :func:`coordination_heads`). The last one in the quote comes first:
    "will be introduced in 2025 through the Bill", "the budget in 2025/26 in due course" (a
    vague last expression means no due; see :func:`resolve_due`); a time inside the noun phrase
    of the event the commitment comes before ("ahead of the next ... meeting on 6 March 2024",
    see :func:`before_noun_start`) comes after the others, its position that of "ahead of".

    Args:
        words: The sentence's token texts.
        timexes: Time expressions of the sentence.
        start: First token of the quote.
        end: One past the last token of the quote.
        anchor: The answer date.
        lower: ``words`` lower-cased, when the caller has them.
    """
    today = anchor.isoformat() if anchor is not None else None
    lower_all = lower if lower is not None else [w.lower() for w in words]
    out: list[tuple[Mention, int, bool]] = []  # with: inside a noun after "ahead of" & co.
    open_ended: int | None = None
    heads = coordination_heads(timexes, lower_all)
    for k, t in enumerate(timexes):
        if not (start <= t.start and t.end <= end) or t.payload.get("type") == "set":
            continue
        if today is not None and t.payload.get("end") == today:
            continue  # "now", "currently", "earlier in the year": up to the answer, no deadline
        if "centur" in str(t.payload.get("text", "")).lower():
            continue
        head = timexes[heads[k]] if timexes[heads[k]].start >= start else t
        # a conjunct is read where its run starts ("implemented in 2023 and 2024")
        run = replace(t, start=head.start) if head is not t else t
        if is_modifier_timex(words, run, lower=lower_all, lex=lex):
            continue
        if open_ended_before(lower_all, head.start) or open_ended_after(lower_all, t.end):
            open_ended = t.end if open_ended is None else max(open_ended, t.end)
            continue
        if head.start > 0 and lower_all[head.start - 1] == "since":
            continue  # "in place since the start of this academic year": a past start
        if t.payload.get("type") == "duration" and not _duration_deadline(words, t, lex=lex):
            continue
        prep_start = head.start - due_preposition(words[max(start, head.start - 6) : head.start])
        opener = before_noun_start(lower_all, start, prep_start)
        out.append((t, prep_start if opener is None else opener, opener is not None))
    if open_ended is not None:
        # an open-ended time says when as the last one would: those before it give no due
        out = [c for c in out if c[0].end > open_ended]
    # the last first; an event the commitment comes before only after the commitment's own times
    out.sort(key=lambda c: (not c[2], c[0].end, -c[0].start), reverse=True)
    return [(t, prep_start) for t, prep_start, _ in out]


CONTACT_PRONOUNS = frozenset({"we", "i", "they", "he", "she", "you"})


def contact_clause_start(
    lower: Sequence[str], verbs: Collection[int], after: int, end: int
) -> int | None:
    """Where a contact relative clause with its own subject starts inside ``[after, end)``: a
    personal pronoun and a verb group right after a noun, without "that" ("the transformed
    health service *we will build* over the next decade"). What follows belongs to that
    clause's verb, not to the commitment's, so it gives no due.

    Args:
        lower: The sentence's words, lower-cased.
        verbs: Positions where a verb group starts (auxiliaries and triggers).
        after: One past the commitment's trigger.
        end: One past the quote's last token.

    Returns:
        The pronoun's position, or None.
    """
    for v in range(after + 2, end):
        if v not in verbs:
            continue
        pronoun, head = lower[v - 1], lower[v - 2]
        if (
            pronoun in CONTACT_PRONOUNS
            and head.isalpha()
            and head not in _FUNCTION_WORDS
            and head not in SUBJECT_PRONOUNS
        ):
            return v - 1
    return None


LEADING_REPORT_OPENERS = frozenset({"as", "in", "at", "following", "on"})
"""First words of a leading adverbial that cites an earlier statement ("As stated in the
Answer of 24 July, ...")."""


def dates_a_report(
    lower: Sequence[str], mention: Mention, trigger_start: int, *, lex: Lexicons
) -> bool:
    """True when a time expression before the trigger dates the announcement of the plan, not
    the plan: a reporting verb stands between them ("On 7 August we *announced* our plans to
    introduce ...", "On 8 October, the Department *announced* plans to create ..."), or opens
    the leading adverbial it stands in ("As *stated* in the Answer of 24 July, the Government
    intends to ...").

    Args:
        lower: The sentence's words, lower-cased.
        mention: The time expression.
        trigger_start: The commitment's trigger.
    """
    if mention.end > trigger_start:
        return False
    reporting = lex.reporting_verbs
    if any(w in reporting for w in lower[mention.end : trigger_start + 1]):
        return True
    if "," not in lower[mention.end : trigger_start]:
        return False
    k = mention.start - 1
    while k >= 0 and lower[k] not in {",", ";", ":", "that"}:
        k -= 1
    if k >= 0 or lower[0] not in LEADING_REPORT_OPENERS:
        return False  # not a leading adverbial ("announced that from 1 April 2025, ...")
    return any(w in reporting or w == "stated" for w in lower[: mention.start])


def in_participle_aside(words: Sequence[str], mention: Mention, trigger_start: int) -> bool:
    """True when a time expression before the trigger dates a participle set off by commas
    ("The Strategic Defence Review, *launched by the Prime Minister on 16 July*, will determine
    ..."): it dates that step, not the commitment.

    Args:
        words: The sentence's token texts.
        mention: The time expression.
        trigger_start: The commitment's trigger.
    """
    if mention.end > trigger_start:
        return False
    k = mention.start - 1
    while k >= 0 and words[k] != ",":
        k -= 1
    if k < 0 or k + 1 >= mention.start:
        return False
    return is_participle(words[k + 1]) and "," in words[mention.end : trigger_start + 1]


def _inside_clause(lower: Sequence[str], clause_start: int, position: int) -> bool:
    """True when ``position`` follows ``clause_start`` with no comma or other punctuation
    between them (a comma ends a contact clause: "... the progress we are making to respond to
    the Inquiry's recommendations, including ..., by the end of the year")."""
    return clause_start <= position and not any(
        not any(ch.isalnum() for ch in w) for w in lower[clause_start:position]
    )


def select_due(
    words: Sequence[str],
    timexes: Sequence[Mention],
    start: int,
    end: int,
    anchor: dt.date | None = None,
    *,
    lex: Lexicons,
) -> tuple[Mention | None, int | None]:
    """The best of :func:`due_candidates` (same arguments), or ``(None, None)``."""
    candidates = due_candidates(words, timexes, start, end, anchor, lex=lex)
    return candidates[0] if candidates else (None, None)


DEADLINE_PREPOSITIONS = frozenset(
    {
        "by",
        "by the end of",
        "by end of",
        "before",
        "before the end of",
        "no later than",
        "not later than",
        "on or before",
        "within",
        "by the",
    }
)


def resolve_due(
    candidates: Sequence[tuple[Timex, str | None]],
    anchor: dt.date,
    deadline: DeadlineFn,
) -> tuple[int, dt.date] | None:
    """Pick the due among ranked candidates.

    Each candidate is a time expression (already read for a future commitment, see
    :func:`future_reading`) with its governing preposition. The first one whose deadline is on
    or after the answer date wins. A vague one ("in due course") ends the search with no due. A
    date before the answer date is skipped ("As set out in the King's Speech in July 2024, the
    Government will introduce ...") unless a deadline preposition governs it ("is expected to
    publish its review by the end of summer 2025", answered in September 2025: overdue, which
    is worth knowing).

    Args:
        candidates: ``(timex, preposition)`` pairs, best first.
        anchor: The answer date.
        deadline: The deadline function (``pipeline.nlp.calendar.deadline_of``).

    Returns:
        ``(index of the candidate, due date)``, or None.
    """
    for index, (timex, preposition) in enumerate(candidates):
        date = deadline(timex, anchor, preposition)
        if date is None:
            return None
        prep = " ".join((preposition or "").lower().split())
        if date >= anchor or prep in DEADLINE_PREPOSITIONS:
            return index, date
        if prep.startswith("from") and (anchor - date).days <= FUTURE_READING_GRACE_DAYS:
            # The start of a new duty just begun ("From 16 September, we will be running a
            # national marketing campaign", answered on 17 September): GUIDELINES.md gives the
            # end of the named period as the due.
            return index, date
    return None


# -- the algorithm -----------------------------------------------------------------------------


REDUCED_RELATIVE_NEXT = frozenset(
    {
        "in",
        "on",
        "at",
        "by",
        "during",
        "under",
        "for",
        "from",
        "with",
        "last",
        "earlier",
        "alongside",
    }
)
"""Words after a participle that mark it as a reduced relative, not a finite verb."""


REPORTED_BREAKS = frozenset(
    {
        "as", "because", "since", "if", "unless", "which", "who", "where", "when", "whether",
        "so", "while", "whilst", "although", "though", ";", ":", "but",
    }
)  # fmt: skip
"""Words between a reporting verb and a "would" that put the "would" outside the reported
complement ("A decision was made to cease operations ... *as* major upgrades would offer only
limited scientific value")."""
OFFER_AFTER_WOULD = frozenset({"like", "love", "prefer", "welcome", "be happy", "be pleased",
                               "be glad", "be willing", "be delighted"})  # fmt: skip
"""What follows "would" in an offer or a wish, not a reported step ("would be happy to")."""


def reported_would(lower: Sequence[str], trigger_end: int, end: int) -> int | None:
    """Where the "would" of a reported future step stands in ``[trigger_end, end)``: the
    complement of a reporting verb in the past ("the Government announced that it would consult
    on ...", "On 1 September, the Home Secretary announced in parliament that the Ukraine
    Permission Extension scheme (UPE) would be extended for an additional 24 months"), not a
    "would" after a subordinator or in an offer.

    Args:
        lower: The sentence's words, lower-cased.
        trigger_end: One past the reporting verb.
        end: One past the quote's last token.

    Returns:
        The position of "would", or None.
    """
    for k in range(trigger_end, end):
        word = lower[k]
        if word in REPORTED_BREAKS:
            return None
        if word != "would":
            continue
        after = lower[k + 1] if k + 1 < end else ""
        two = " ".join(lower[k + 1 : k + 3])
        if after in OFFER_AFTER_WOULD or two in OFFER_AFTER_WOULD:
            return None
        return k
    return None


VIEW_WORDS = frozenset(
    {
        "aware", "clear", "mindful", "confident", "conscious", "sure", "honest", "sorry",
        "noted", "notes", "noting", "reported", "reports", "showing", "shows", "satisfied",
        "concerned",
    }
)  # fmt: skip
"""Words after which "that" opens what the clause's subject knows, sees or is told about,
whose own subject does what follows: "The UK is clear that *the border* was settled in 1899",
"We are mindful that *permission* will start to expire", "TPR reports that *the UK pension
sector* is increasingly playing a role" (not reporting verbs: "the Chancellor announced that
the rate ... will increase" is the government's measure)."""


def view_complement(lower: Sequence[str], start: int, end: int) -> int | None:
    """Where the complement of a view word opens in ``[start, end)`` (the position after its
    "that"), or None: the last "that" right after a :data:`VIEW_WORDS` word.

    Args:
        lower: The sentence's words, lower-cased.
        start: One past the clause's subject.
        end: The trigger's first token.
    """
    for k in range(end - 1, start, -1):
        if lower[k] == "that" and lower[k - 1] in VIEW_WORDS:
            return k + 1 if k + 1 < end else None
    return None


INTENTION_NOUNS = frozenset({"intention", "intentions", "intent"})


def reported_intention(lower: Sequence[str], trigger_end: int, end: int) -> bool:
    """True when a reporting verb's object is the reporter's own intention to act ("The
    Government has announced its intention to legislate to abolish Section 21 repossessions",
    "We have set out our intention to expand the devolution of powers", "the Department has
    recently consulted upon and indicated its intention to proceed with changes", devextra2 case
    6): the stated intention is the commitment (held-out case 3), not a delivered step. Plans
    count after "announced" ("we announced our plans to introduce further regulation"); a plan
    set out or published is a document (``noun.plan_to``).

    Args:
        lower: The sentence's words, lower-cased.
        trigger_end: One past the reporting verb.
        end: One past the quote's last token.
    """
    k = trigger_end
    if k < end and lower[k] == "out":
        k += 1
    if k < end and lower[k] in INTENTION_POSSESSIVES:
        k += 1
    elif k < end and lower[k] == "the":
        mark = next(
            (j for j in range(k + 1, min(k + 5, end)) if lower[j] in POSSESSIVE_MARKERS), None
        )
        if mark is None:
            return False
        k = mark + 1
    else:
        return False
    if k < end and lower[k] in ("clear", "firm", "stated", "continued"):
        k += 1
    if k + 1 >= end or lower[k + 1] != "to":
        return False
    return lower[k] in INTENTION_NOUNS or (
        lower[k] == "plans" and lower[trigger_end - 1] == "announced"
    )


def dated_in_past(timexes: Sequence[Mention], after: int, end: int, anchor: dt.date | None) -> bool:
    """True when the time expressions in ``(after, end)`` all end before the answer date (and
    there is one): the reported step has happened ("the government confirmed that from 1
    November 2024, the Energy Profits Levy (EPL) rate would increase ...", answered in November
    2025).

    Args:
        timexes: The sentence's time expressions.
        after: Where the reported complement starts ("that", or "would").
        end: One past the quote's last token.
        anchor: The answer date.
    """
    if anchor is None:
        return False
    ends = [
        str(t.payload["end"])
        for t in timexes
        if after < t.start and t.end <= end and t.payload.get("end")
    ]
    return bool(ends) and all(e < anchor.isoformat() for e in ends)


def _reports(words: Sequence[str], rule: TriggerRule, hit: Hit, *, lex: Lexicons) -> bool:
    """True when a trigger's verb reports another promise ("has confirmed it will ...")."""
    return rule.kind == "future" or words[hit.end - 1].lower() in lex.reporting_verbs


def _contact_head(word: str, *, lex: Lexicons) -> bool:
    """True when ``word`` can head a noun phrase that a contact clause follows ("groups | they
    have supported"), not a complementizer or a verb that takes a clause ("announced that |
    it", "confirming | they")."""
    return (
        word.isalpha()
        and word not in _FUNCTION_WORDS
        and word not in lex.that_clause_verbs
        and not word.endswith(("ing", "ed"))
        and word not in lex.reporting_verbs
    )


def _pronoun_before(lower: Sequence[str], position: int) -> int | None:
    """Position of a personal pronoun standing right before ``position`` (adverbs between are
    skipped: "they have *also* supported"), or None."""
    k = position - 1
    while k >= 0 and lower[k] in SUBJECT_TRAILING_ADVERBS:
        k -= 1
    return k if k >= 0 and lower[k] in _PRONOUNS_AND_I else None


MAX_ASIDE_WORDS = 10
"""The longest aside :func:`subject_aside` lets stand between a subject and its verb."""
ASIDE_OPENERS = APPOSITIVE_OPENERS - {",", "(", "and"}
"""Words that open an aside naming a partner or a means ("alongside Norway", "together with
the wider Government", "working with its Delivery Partner")."""


def subject_aside(lower: Sequence[str], start: int, end: int) -> bool:
    """True when ``lower[start:end]``, between a subject and its verb, is one aside set off by
    commas that names a partner or a means, followed by nothing but adverbs: "The UK*, alongside
    Norway,* jointly funded the Sudan Humanitarian Conference".

    Args:
        lower: The sentence's words, lower-cased.
        start: The subject's end.
        end: The trigger's start.
    """
    while end > start and lower[end - 1] in SUBJECT_TRAILING_ADVERBS:
        end -= 1
    inner = lower[start + 1 : end - 1]
    return (
        end - start >= 3
        and lower[start] == ","
        and lower[end - 1] == ","
        and lower[start + 1] in ASIDE_OPENERS
        and len(inner) <= MAX_ASIDE_WORDS
        and not any(w in {",", ";", ":", "(", ")"} or w in COORDINATORS for w in inner[1:])
    )


CLOSING_OPENERS: Mapping[str, str] = {")": "(", "’": "‘", "”": "“"}
"""Closing brackets and quotation marks with the mark that opens them."""


def opening_of_closed_title(words: Sequence[str], i: int, lo: int, reach: int = 20) -> int:
    """The index of the mark that opens the closing mark at ``i``, or ``i`` if none is near.

    A dated participle after a bracketed acronym or a quoted title ("the Growth Delivery Plan
    (CBGDP), published in October", "‘Restoring Control over the Immigration System’,
    published on 12 May") quotes from the opening mark, not from the closing one.

    Args:
        words: the sentence's words.
        i: the index of a closing mark.
        lo: the first index the search may reach (the clause's start).
        reach: how many words back to look.

    Returns:
        The opening mark's index, or ``i``.
    """
    opener = CLOSING_OPENERS.get(words[i])
    if opener is None:
        return i
    for j in range(i - 1, max(lo, i - reach) - 1, -1):
        if words[j] == opener:
            return j
        if words[j] in CLOSING_OPENERS:
            return i
    return i


def _directly_after(words: Sequence[str], subject: Subject, trigger: Hit) -> bool:
    """True when only adverbs (or an aside, :func:`subject_aside`) stand between the subject's
    end and the trigger, and the trigger is not a participle set off by a comma ("The Strategic
    Defence Review, *launched by* the Prime Minister on 16 July, will determine ..." is a reduced
    relative, not the verb)."""
    if subject.status != "government" or subject.inherited or subject.end > trigger.start:
        return False
    if (
        "," in words[subject.end : trigger.start]
        and trigger.end < len(words)
        and words[trigger.end].lower() in REDUCED_RELATIVE_NEXT
    ):
        return False
    between = [w.lower() for w in words[subject.end : trigger.start]]
    return all(w in SUBJECT_TRAILING_ADVERBS or w == "," for w in between) or subject_aside(
        between, 0, len(between)
    )


def appositive_verbs(lower: Sequence[str], hits: Sequence[Hit]) -> frozenset[int]:
    """The positions right after the closing comma of an appositive actor, where a verb is the
    verb of the sentence's subject: "My right hon. Friend*, the Secretary of State for
    Education,* announced that ...". An actor that opens the clause ("The Department, ...") is
    not an appositive.

    Args:
        lower: The sentence's words, lower-cased.
        hits: Rule matches in the sentence (only actor matches are used).
    """
    return frozenset(
        h.end + 1
        for h in hits
        if h.family == "actor"
        and h.start >= 1
        and h.end < len(lower)
        and lower[h.end] == ","
        and lower[h.start - 1] == ","
    )


def coordinated_actors(
    lower: Sequence[str], hits: Sequence[Hit], subject: Subject, trigger: Hit
) -> bool:
    """True when a government subject is coordinated with another actor right before the
    trigger ("the UK and Scottish Governments announced a joint £100 million investment
    package"), so that a bare past tense after them is still their step.

    Args:
        lower: The sentence's words, lower-cased.
        hits: Rule matches in the sentence (only actor matches are used).
        subject: The clause's subject.
        trigger: The trigger.
    """
    if subject.status != "government" or subject.inherited or subject.end >= trigger.start:
        return False
    if lower[subject.end] not in {"and", "&"}:
        return False
    end = trigger.start
    while end > subject.end and lower[end - 1] in SUBJECT_TRAILING_ADVERBS:
        end -= 1
    return any(
        h.family == "actor" and h.end == end and subject.end < h.start <= subject.end + 2
        for h in hits
    )


def _acting_antecedent(lower: Sequence[str], clause: Clause, *, lex: Lexicons) -> bool:
    """True when a relative clause follows a comma (it comments on what came before, often the
    whole clause) or a noun in :attr:`~pipeline.nlp.commitment_rules.Lexicons.process_heads`."""
    k = clause.start - 1
    return k >= 0 and (lower[k] == "," or lower[k] in lex.process_heads)


def relative_antecedent(hits: Sequence[Hit], rules: CommitmentRules, clause: Clause) -> str | None:
    """The role of the actor a relative clause attaches to (an actor match ending right before
    the clause, or before its comma), or None when its antecedent is no actor.

    Args:
        hits: Rule matches in the sentence (only actor matches are used).
        rules: The component's rules.
        clause: The relative clause.
    """
    for h in hits:
        if h.family == "actor" and h.end in (clause.start, clause.start - 1):
            return rules.actors[h.index].role
    return None


RELATIVE_SKIP = frozenset({"will", "shall", "also", "then", "both", "now", "initially", "each"})
"""Words between a relative pronoun (or "It") and the main verb of its "will" group."""


def feature_of_commitment(
    lower: Sequence[str],
    clause: Clause,
    previous: Draft | None,
    previous_clause: Clause | None,
    *,
    lex: Lexicons,
) -> bool:
    """True when a relative clause with its own "will" adds a checkable feature of what the
    government commitment just before it names (blind2 case 3, GUIDELINES.md section 1: one
    record per clause with its own auxiliary): "We are setting up the Forced Labour Forum,
    *which will include* representatives from government, civil society organisations ...",
    "we will publish a new national cancer plan, *which will include* further details on ...",
    "We will publish a 10-Year Health Plan for the NHS in the spring *which will focus on* ...".
    The commitment's subject is the government or one of its instruments (a programme, plan,
    scheme: :attr:`~pipeline.nlp.commitment_rules.Lexicons.process_heads`).

    Not a predicted effect (:data:`EFFECT_VERBS`: "..., which will support investment in
    insulation"), nor what a bill or law will do (:data:`LAW_HEADS`).

    Args:
        lower: The sentence's words, lower-cased.
        clause: The relative clause.
        previous: The commitment found last in the sentence, or None.
        previous_clause: The clause just before ``clause``, or None.
    """
    if clause.role != "relative" or clause.opener not in {"which", "that"}:
        return False
    if previous is None or previous_clause is None:
        return False
    owner = previous.subject
    instrument = owner.status == "unknown" and (
        subject_head(lower, owner.start, owner.end) in lex.process_heads
    )  # "a bespoke Agri-Tech Export Accelerator Programme is under development, which will ..."
    if owner.status != "government" and not instrument:
        return False
    if not (previous_clause.start <= previous.trigger_start < previous_clause.end):
        return False
    k = clause.start - 1
    if k >= 0 and lower[k] == ",":
        k -= 1
    if previous.end < k + 1 or lower[k] in lex.law_heads:
        return False
    if k < previous.trigger_end and not (instrument and k == previous.trigger_end - 1):
        return False  # the relative names the instrument itself when it ends its verb group
    i = clause.body
    if i >= clause.end or lower[i] not in {"will", "shall"}:
        return False
    while i < clause.end and (lower[i] in RELATIVE_SKIP or lower[i].endswith("ly")):
        i += 1
    if i >= clause.end or lower[i] in lex.effect_verbs or not lower[i].isalpha():
        return False
    # a copula describes the noun ("which will be the first ever GB-wide spatial energy
    # plan"); a passive is a step ("which will be chaired by ...")
    return lower[i] != "be" or (i + 1 < clause.end and is_participle(lower[i + 1]))


GAP_PRONOUNS = frozenset({"which", "that", "whom"})
"""Relative pronouns that can stand for the object of their clause's verb."""


FEATURE_DETERMINERS = frozenset({"this", "these", "the", "any"})


def design_feature(
    lower: Sequence[str], start: int, end: int, trigger: Hit, *, lex: Lexicons
) -> bool:
    """Whether ``lower[start:end]`` is a reform named by a determiner alone ("This reform",
    "Any changes to PIP eligibility") and the "will" group after it a feature of its design
    ("This change will decouple entitlement ...", "Any changes ... will follow a comprehensive
    review"), not a predicted effect (:data:`EFFECT_VERBS`: "This change will help ...")."""
    if end - start < 2 or lower[start] not in FEATURE_DETERMINERS:
        return False
    if (
        subject_head(lower, start, end) not in lex.reform_heads
        or lower[start + 1] not in lex.reform_heads
    ):
        return False
    if lower[trigger.start] not in {"will", "shall"}:
        return False
    i = trigger.start + 1
    while i < len(lower) and (
        lower[i] in RELATIVE_SKIP or lower[i] in {"of", "course"} or lower[i].endswith("ly")
    ):  # "will of course take time"
        i += 1
    if i + 1 < len(lower) and lower[i] == "move" and lower[i + 1] == "away":
        return True  # "This reform will move away from categorising individuals ..."
    return (
        i < len(lower)
        and lower[i].isalpha()
        and lower[i] not in lex.effect_verbs
        and lower[i] not in lex.not_feature_verbs
    )


ANAPHORIC_FEATURE_HEADS = frozenset({"work"})
"""Nouns after a sentence-initial "This" that still stand for the step just named ("This work
will look at a range of themes")."""


def anaphoric_feature(
    lower: Sequence[str], start: int, end: int, trigger: Hit, *, lex: Lexicons
) -> bool:
    """Whether ``lower[start:end]`` is a sentence-initial "This" (or "This work") and the "will"
    group after it says what the commitment of the sentence before will comprise
    (:attr:`~pipeline.nlp.commitment_rules.Lexicons.content_verbs`): "The commission will set
    out a vision for adult social care ... *This will include* setting out the plan for how to
    implement a National Care Service", "The FSA is planning to review dietary lead ... *This
    will include* consideration of areas where exposure is likely to be higher". The same
    feature as a relative clause's (:func:`feature_of_commitment`, blind2 case 3), in a sentence
    of its own; the caller checks that the sentence before holds a commitment. Not a predicted
    effect ("This will significantly accelerate the determination of ...", "This will help to
    ..."), nor "This will not include ...".
    """
    if start != 0 or not lower or lower[0] != "this":
        return False
    if end - start > 2 or (end - start == 2 and lower[1] not in ANAPHORIC_FEATURE_HEADS):
        return False
    if lower[trigger.start] not in {"will", "shall"}:
        return False
    i = trigger.start + 1
    while i < len(lower) and lower[i] in RELATIVE_SKIP:
        i += 1
    return i < len(lower) and lower[i] in lex.content_verbs


def object_gap(words: Sequence[str], clause: Clause, draft: Draft) -> bool:
    """Whether a relative clause's commitment is its verb group alone, its object being the
    relative pronoun ("a comprehensive review of the benefit, which *I am leading*"): a fragment
    that says nothing of its own, the step being the antecedent's. Only after a comma: a
    restrictive clause's quote takes in its antecedent ("declarations of incompatibility with
    the ECHR which the government is currently considering")."""
    if clause.role != "relative" or words[clause.start].lower() not in GAP_PRONOUNS:
        return False  # not "..., to which the Government will formally respond"
    if draft.trigger_end < draft.end or clause.start == 0 or words[clause.start - 1] != ",":
        return False
    if is_passive(words, draft.trigger_start, draft.trigger_end):
        return False  # "..., at which point the savings ... will be confirmed"
    return any(_is_wordlike(w) for w in words[clause.body : draft.trigger_start])


def _is_wordlike(word: str) -> bool:
    """Whether a token is a word (letters), not punctuation or a number."""
    return any(c.isalpha() for c in word)


def anaphoric_step(
    lower: Sequence[str], kind: str, trigger: Hit, *, passive: bool, lex: Lexicons
) -> bool:
    """True when a verb group after a sentence-initial "It" that stands for the government (or
    its programme) is the government's own step: an active perfect ("It has invested over £405
    million"), an active "will" with an action verb ("The review will be a neutral appraisal
    ... *It will consider* the effectiveness of ...", "The department welcomes ... *It will
    work with* Ofsted") or a progressive with its own object ("Great British Nuclear was
    established in 2023 ... *It is currently running a* small modular reactor technology
    selection process"); not "It will have an extra territorial impact", "It will ensure ..."
    (:data:`EFFECT_VERBS`), "It is looking at whether ..." (a law, a trial) or "It is taking
    time to collate the information".

    Args:
        lower: The sentence's words, lower-cased.
        kind: The trigger rule's kind.
        trigger: The trigger.
        passive: The verb group is passive.
    """
    if passive:
        return False
    first = lower[trigger.start]
    if kind == "done":
        return first in {"has", "have"}
    if kind == "ongoing" and first in {"is", "are"}:
        # a progressive with its own object: "It is currently running a small modular reactor
        # technology selection process", not "It is looking at whether ..." (a trial) or "It
        # is taking time to collate the information"
        i = trigger.start + 1
        while i < len(lower) and (lower[i] in RELATIVE_SKIP or lower[i].endswith("ly")):
            i += 1
        return i + 1 < len(lower) and is_gerund(lower[i]) and lower[i + 1] in OBJECT_DETERMINERS
    if kind != "future" or first not in {"will", "shall"}:
        return False
    i = trigger.start + 1
    while i < len(lower) and (lower[i] in RELATIVE_SKIP or lower[i].endswith("ly")):
        i += 1
    return (
        i < len(lower)
        and lower[i].isalpha()
        and lower[i] not in lex.effect_verbs
        and lower[i] not in {"be", "not", "never"}
    )


def main_subject(sentence: SentenceInput, rules: CommitmentRules) -> Subject:
    """The subject of a sentence's first main clause (the matrix subject, not a complement's).

    Used to resolve a sentence-initial "It" in the sentence after (see
    :attr:`SentenceInput.antecedent`).
    """
    lex = rules.lexicons
    words = sentence.words
    lower = [w.lower() for w in words]
    trigger_starts = {h.start for h in sentence.hits if h.family == "trigger"}
    auxiliaries = verb_starts(words, lower=lower)
    splitting = auxiliaries | {i for i in trigger_starts if not is_participle(words[i])}
    protected = [(h.start, h.end) for h in sentence.hits if h.family == "actor"]
    # a time expression is never cut ("from 1 October 2024 until 31 March 2025" is one period,
    # not a clause opened by "until")
    periods = [(t.start, t.end) for t in sentence.timexes]
    roles = rules.actor_roles
    for clause in split_clauses(
        words, splitting, protected, trigger_starts, lower=lower, unbroken=periods, lex=lex
    ):
        if clause.role != "main":
            continue
        end = first_verb(lower, clause.body, clause.end, auxiliaries | trigger_starts)
        return find_subject(
            words, clause.body, end, sentence.hits, roles, complement=False, lower=lower, lex=lex
        )
    return Subject("none")


POSSESSIVE_MARKERS = frozenset({"’s", "'s"})
# Possessive pronouns for the speaker, who answers for the government ("Our intention is to
# ..."), and for a third party, who is the clause's subject ("signalled his intention to ...").
SPEAKER_POSSESSIVES = frozenset({"our", "my"})
SUBJECT_POSSESSIVES = frozenset({"his", "her", "its", "their"})
INTENTION_POSSESSIVES = SPEAKER_POSSESSIVES | SUBJECT_POSSESSIVES
"""Whose intention a reporting verb may announce (:func:`reported_intention`)."""
LEADING_SUBORDINATORS = frozenset({"as", "since", "given", "after", "before", "whereas"})
RESULT_OPENERS = frozenset({"so"})
"""Coordinators after which a pronoun names those affected, not the acting government ("...
help us reach eligible pensioners, *so they* continue to receive ...")."""
DETACHED_CONDITION_OPENERS = frozenset({"that", "or", "and"})
"""Words before an "if" clause that tie it to something other than the clause before it."""


def conditions_previous(
    lower: Sequence[str], conditional: Clause, previous: Clause | None = None, *, lex: Lexicons
) -> bool:
    """True when a conditional clause conditions the clause before it ("will take action *if
    the evidence shows*"); False when it sits inside a complement ("in order to ensure *that if
    they are eligible* they will ..."), is coordinated with a subordinate clause ("as
    contracts expire, after they reach their break point *or if* the right to terminate is
    met"), or follows what the clause has others do ("we will introduce a new Community Right
    to Buy *to help local people to acquire* valued community spaces, such as pubs, *if they
    come up for sale*"; "launched Jess's Rule, an initiative that *asks general practitioners
    (GPs) to think again if* ...").

    Args:
        lower: The sentence's words, lower-cased.
        conditional: The conditional clause.
        previous: The clause before it, when known.
    """
    k = conditional.body - 2  # the word before "if"
    while k >= conditional.start - 1 and k >= 0 and lower[k] == ",":
        k -= 1
    if k >= 0 and lower[k] in DETACHED_CONDITION_OPENERS:
        return False
    if previous is not None:
        causative = lex.causative_verbs
        for i in range(previous.body, min(k, len(lower) - 1)):
            if lower[i] in causative and any(
                lower[j] == "to" and lower[j + 1].isalpha() for j in range(i + 1, min(i + 8, k))
            ):
                return False
    return True


def purpose_complement(
    lower: Sequence[str], subject_start: int, body: int, *, lex: Lexicons
) -> bool:
    """True when a clause's subject opens the complement of a purpose verb ("to ensure (that)
    *we* are supporting them", "ensuring *the department* has ..."): an aim, not a commitment.

    Args:
        lower: The sentence's words, lower-cased.
        subject_start: First token of the clause's subject.
        body: First token of the clause after its opener.
    """
    k = subject_start - 1
    if k >= body and lower[k] == "that":
        k -= 1
    return k >= body and lower[k] in lex.purpose_verbs


def leading_clause_end(
    lower: Sequence[str], clause: Clause, verbs: Collection[int], triggers: Collection[int]
) -> int:
    """Where the subject search of a clause starts: after a leading subordinate clause with its
    own verb ("As the Laboratory for AI Security Research is a cross-Government initiative, |
    it will involve ..."), else at the clause's body. "As part of this, the Government will"
    has no verb before its comma and is left to :func:`find_subject`.

    Args:
        lower: The sentence's words, lower-cased.
        clause: The clause.
        verbs: Positions where a verb group starts.
        triggers: Positions where a trigger starts.
    """
    body = clause.body
    if body >= clause.end or lower[body] not in LEADING_SUBORDINATORS:
        return body
    comma = next((i for i in range(body + 1, clause.end) if lower[i] == ","), None)
    if comma is None or not any(body < v < comma for v in verbs):
        return body  # "Since then, work has been underway ...": a phrase, not a clause
    return comma + 1


LEADING_REFERENCE_OPENERS = frozenset({"as", "further", "following"})
"""Words that open a leading adverbial pointing to an earlier answer ("As set out in my answer
to Question UIN 13192, ...", "Further to the answer given to Question UIN 155257, ...")."""

LEADING_REFERENCE_WORDS = 25
"""The longest leading adverbial :func:`leading_reference_end` looks through for its comma."""


def leading_reference_end(lower: Sequence[str]) -> int | None:
    """The comma that ends a leading adverbial pointing to an earlier answer, or None: the
    sentence opens with one of :data:`LEADING_REFERENCE_OPENERS`, and a comma follows within
    :data:`LEADING_REFERENCE_WORDS` words. What comes after it is a statement of its own ("As set
    out in my answer to Question UIN 13192, on 11 November 2024 the Deputy Prime Minister wrote
    to ..."), so a reference veto inside the adverbial does not veto it.

    Args:
        lower: The sentence's words, lower-cased.
    """
    if not lower or lower[0] not in LEADING_REFERENCE_OPENERS:
        return None
    limit = min(len(lower), LEADING_REFERENCE_WORDS)
    return next((i for i in range(1, limit) if lower[i] == ","), None)


def without_leading_references(
    sentence: SentenceInput, rules: CommitmentRules, comma: int | None
) -> SentenceInput:
    """``sentence`` without the reference vetoes (category ``reference``) that lie inside a
    leading adverbial pointing to an earlier answer, and without the triggers inside it, which
    state nothing ("Further to the answer *I gave* on 29 October to Question 83265, ...").

    Args:
        sentence: The sentence.
        rules: The component's rules (the hits index into them).
        comma: The comma that ends the adverbial (:func:`leading_reference_end`), or None.
    """
    if comma is None:
        return sentence
    vetoes = rules.vetoes
    references = [
        h for h in sentence.hits if h.family == "veto" and vetoes[h.index].category == "reference"
    ]
    if not references:
        return sentence
    dropped = {h for h in references if h.end <= comma}
    if not dropped:
        return sentence
    dropped.update(h for h in sentence.hits if h.family == "trigger" and h.start < comma)
    return replace(sentence, hits=[h for h in sentence.hits if h not in dropped])


def find_commitments(sentence: SentenceInput, rules: CommitmentRules) -> list[Draft]:
    """Find the commitments of one sentence.

    Args:
        sentence: The sentence's tokens, rule matches, time expressions and quantities.
        rules: The component's rules (the hits index into them).

    Returns:
        One draft per committing clause, in order.
    """
    lex = rules.lexicons
    words = sentence.words
    lower = [w.lower() for w in words]
    # the comma after a leading reference to an earlier answer: the quote starts after it
    reference_end: int | None = leading_reference_end(lower)
    unreferenced = without_leading_references(sentence, rules, reference_end)
    if unreferenced is sentence:
        reference_end = None
    sentence = unreferenced
    found = sorted(
        (h for h in sentence.hits if h.family == "trigger"), key=lambda h: (h.start, -h.end)
    )
    # Nominal triggers ("the commitment to ...", "with the intention to ...") are not verb
    # groups: they neither end a subject nor open a clause.
    nominals = [h for h in found if rules.triggers[h.index].nominal]
    triggers = [h for h in found if not rules.triggers[h.index].nominal]
    if not found:
        return []
    for hit in sentence.hits:
        if (
            hit.family == "veto"
            and rules.vetoes[hit.index].scope == "sentence"
            and not rules.vetoes[hit.index].kinds
        ):
            return []  # one with kinds is read per commitment (:func:`vetoed`)
    roles = rules.actor_roles
    actor_hits = _actor_hits(sentence.hits)  # all find_subject reads of the hits
    trigger_starts = {h.start for h in triggers}
    # A trigger that starts with a bare participle ("and completed projects") does not open a
    # coordinated clause by itself; auxiliaries and other triggers do.
    auxiliaries = verb_starts(words, lower=lower)
    splitting = auxiliaries | {i for i in trigger_starts if not is_participle(words[i])}
    starts = auxiliaries | trigger_starts
    protected = [(h.start, h.end) for h in sentence.hits if h.family == "actor"]
    # a time expression is never cut ("from 1 October 2024 until 31 March 2025" is one period,
    # not a clause opened by "until")
    periods = [(t.start, t.end) for t in sentence.timexes]
    clauses = split_clauses(
        words, splitting, protected, trigger_starts, lower=lower, unbroken=periods, lex=lex
    )
    actor_ends = {h.end for h in sentence.hits if h.family == "actor"}
    appositive = (
        appositive_verbs(lower, actor_hits)
        if any(i > 1 and lower[i - 1] == "," and i - 1 in actor_ends for i in trigger_starts)
        else frozenset()
    )
    subject_ends = splitting | {
        i
        for i in trigger_starts
        if (i in actor_ends or i in appositive)
        and (i + 1 >= len(lower) or lower[i + 1] not in REDUCED_RELATIVE_NEXT)
    }  # "DWP launched the ...", "My right hon. Friend, the Secretary of State for Education,
    # announced ...", not "the Clean Maritime Plan published in 2019"
    drafts: list[Draft] = []
    previous: Subject | None = None
    embedded: Subject | None = None
    for ci, clause in enumerate(clauses):
        body = leading_clause_end(lower, clause, starts, trigger_starts)
        # A bare participle does not end the subject ("As set out in the Clean Maritime Plan
        # *published* in 2019, we have committed ..."); "DWP launched" still has DWP as subject.
        subject_end = first_verb(lower, body, clause.end, subject_ends)
        matrix = find_subject(
            words, body, subject_end, actor_hits, roles, complement=False, lower=lower, lex=lex
        )
        # the same subject unless a complement clause may open in the region ("that", or a
        # verb of knowing: what find_subject looks past with complement=True)
        region = lower[body:subject_end]
        subject = (
            matrix
            if "that" not in region and lex.thatless_verbs.isdisjoint(region)
            else find_subject(words, body, subject_end, actor_hits, roles, lower=lower, lex=lex)
        )
        if (
            reference_end is not None
            and subject.adverbial_start is not None
            and subject.adverbial_start <= reference_end < subject.start
        ):
            subject = replace(subject, adverbial_start=reference_end + 1)
        pronoun = (
            subject.status == "unknown"
            and subject.end - subject.start == 1
            and lower[subject.start] in ANAPHORS
        )
        if (
            pronoun
            and matrix.status == "government"
            and "that" in lower[matrix.end : subject.start]
        ):
            # A complement's pronoun stands for the reporting subject: "the Government announced
            # that it intends to introduce ...".
            subject = replace(subject, status="government")
            pronoun = False
        if (
            pronoun
            and subject.start == 0
            and lower[0] == "it"
            and sentence.antecedent == "government"
        ):
            subject = replace(subject, status="government", anaphoric=True)
            if (matrix.start, matrix.end) == (subject.start, subject.end):
                matrix = subject
            pronoun = False
        shared = subject.status == "none" or (
            pronoun
            and previous is not None
            and previous.status == "government"
            and clause.opener not in RESULT_OPENERS
        )
        if clause.role == "coordinate" and embedded is not None and subject.status == "none":
            # The verb group continues the relative clause just before, with its own
            # non-government subject ("..., which means that 865,000 employers will pay no NICs
            # ..., more than half of employers will see no change *or will gain* overall").
            subject = replace(embedded, inherited=True)
        elif clause.role == "coordinate" and previous is not None and shared:
            # A shared subject ("... and will work with ...") or a pronoun for it ("The
            # Government acknowledges ... and it will continue to engage with ...").
            subject = Subject(
                previous.status, previous.start, previous.end, previous.rule, inherited=True
            )
        elif clause.role in ("main", "coordinate") and matrix.status != "none":
            previous = matrix
        embedded = (
            subject
            if clause.role == "relative" and subject.status not in ("none", "government")
            else None
        )
        if subject.status == "none" and feature_of_commitment(
            lower, clause, drafts[-1] if drafts else None, clauses[ci - 1] if ci else None, lex=lex
        ):
            # "We are setting up the Forced Labour Forum, which will include ...": the
            # government's programme, so the government's commitment (blind2 case 3).
            owner = drafts[-1].subject
            subject = Subject("government", owner.start, owner.end, owner.rule, inherited=True)
        conditional = (
            ci + 1 < len(clauses)
            and clauses[ci + 1].role == "conditional"
            and conditions_previous(lower, clauses[ci + 1], clause, lex=lex)
        ) or (ci > 0 and clauses[ci - 1].role == "conditional")
        contrastive = clause.role == "subordinate" and clause.opener in CONTRASTIVES
        if conditional or (clause.role in ("subordinate", "conditional") and not contrastive):
            # A concessive clause still states what it states ("While we will be launching a
            # call for evidence as soon as possible, ..."); "if", "when", "until" ... do not.
            continue
        if subject.status == "government" and purpose_complement(
            lower, subject.start, body, lex=lex
        ):
            continue  # "... to ensure we are supporting them": the aim of a step, not a step
        # a trigger inside a leading subordinate clause states nothing ("As the review remains
        # ongoing, | I cannot comment further")
        in_clause = [h for h in triggers if body <= h.start < clause.end]
        # The clause's own verb group comes first ("we introduced a £3 cap ... to help
        # passengers continue to access ...", "we are targeting areas we know will make a
        # difference"), unless it reports a promise: "has confirmed it will be funding".
        ordered = in_clause  # in start order already, as ``triggers`` is
        if ordered and _reports(words, rules.triggers[ordered[0].index], ordered[0], lex=lex):
            ordered.sort(key=lambda h: rules.triggers[h.index].kind != "future")
        # A verb group sharing the subject of a commitment just found is one too ("has engaged
        # 2,000 schools and will continue to do so", "will start at the end of August 2024, and
        # will run for six weeks").
        carried = (
            subject.inherited
            and bool(drafts)
            and ci > 0
            and clauses[ci - 1].start <= drafts[-1].trigger_start < clauses[ci - 1].end
            # not after a passive: "Our new VAWG strategy will be published next year and will
            # set out our continued recognition of ..." describes the document
            and not is_passive(words, drafts[-1].trigger_start, drafts[-1].trigger_end, lower=lower)
        )
        for trigger in ordered:
            draft = _draft(
                sentence, rules, clause, trigger, subject, lower, starts, carried=carried
            )
            if draft is not None and object_gap(words, clause, draft):
                break  # "a comprehensive review of the benefit, which I am leading"
            if draft is not None:
                drafts.append(draft)
                break
        for trigger in nominals:
            if not clause.body <= trigger.start < clause.end:
                continue
            if any(d.trigger_start <= trigger.start < d.end for d in drafts):
                continue  # inside the verbal commitment's quote already
            if rules.triggers[trigger.index].listed:
                drafts.extend(listed_drafts(sentence, rules, trigger, lower, starts))
                continue
            end_at: int | None = None
            if rules.triggers[trigger.index].dated:
                date = next((t for t in sentence.timexes if t.start == trigger.end), None)
                if date is None or not (date.payload.get("start") or date.payload.get("end")):
                    continue
                participle = trigger.end - 2
                # the name before the participle, past an aside's comma
                head_end = participle - 1 if lower[participle - 1] == "," else participle
                if any(
                    h.family == "actor"
                    and h.end == head_end
                    and lex.document_heads.isdisjoint(lower[h.start : h.end])
                    for h in sentence.hits
                ):
                    # a finite verb after its actor ("the Committee published on ..."), or what
                    # a body published ("the overall rating from the Care Quality Commission,
                    # published in May 2024"); not a document's name ("The Energy Security Plan
                    # Update, published in December 2023")
                    continue
                end_at = date.end
            if rules.triggers[trigger.index].actor == "government":
                # The clause's actor, shared ("The Home Office is reviewing the route, with the
                # intention to ..."); the quote still starts at the trigger.
                own = replace(subject, inherited=True, anaphoric=False)
            elif lower[trigger.start] in SUBJECT_POSSESSIVES:
                # "the Secretary of State signalled his intention to ...": the pronoun is the
                # clause's subject, who must be the government ("PCS ... their intention to
                # ballot" is not).
                if subject.status != "government":
                    continue
                own = replace(subject, inherited=True, anaphoric=False)
            elif words[trigger.start] in POSSESSIVE_MARKERS:
                # "The UK Government's commitment to phase out ...": the possessor is the actor,
                # and must be the government ("France's commitment to ..." is not).
                possessor = next(
                    (h for h in sentence.hits if h.family == "actor" and h.end == trigger.start),
                    None,
                )
                if possessor is None or rules.actors[possessor.index].role != "government":
                    continue
                own = Subject("government", possessor.start, possessor.end, possessor.index)
            else:
                own = Subject("none", trigger.start, trigger.start)
            draft = _draft(sentence, rules, clause, trigger, own, lower, starts, end_at)
            if draft is not None:
                drafts.append(draft)
    return drafts


def _step_word(word: str, *, lex: Lexicons) -> bool:
    """Whether a lower-cased word can open a gerund step ("launching", "building")."""
    return (
        len(word) > 4 and word.endswith("ing") and word.isalpha() and word not in lex.not_step_words
    )


def listed_steps(
    lower: Sequence[str], first: int, end: int, *, lex: Lexicons
) -> list[tuple[int, int]]:
    """The gerund steps of a list that opens at ``lower[first]`` ("launching the Domestic Abuse
    Protection Orders ... on 27th November, introducing domestic abuse specialists ... from
    early 2025, and ..."), as ``(start, end)`` spans: each step runs to the comma or "and"
    before the next gerund, the last to hard punctuation, the full stop or ``end``."""
    items: list[tuple[int, int]] = []
    start, i = first, first + 1
    while i < end and lower[i] not in HARD_PUNCT and lower[i] not in SENTENCE_ENDERS:
        j = i + 1 if lower[i] in {",", "and", "or"} else end
        if lower[i] == "," and j < end and lower[j] in {"and", "or"}:
            j += 1
        if j < end and _step_word(lower[j], lex=lex):
            items.append((start, i))
            start, i = j, j + 1
            continue
        i += 1
    items.append((start, i))
    return items


def listed_drafts(
    sentence: SentenceInput,
    rules: CommitmentRules,
    trigger: Hit,
    lower: Sequence[str],
    verbs: Collection[int] = frozenset(),
) -> list[Draft]:
    """The dated steps of a gerund list a ``listed`` trigger introduces, each a record of its
    own (GUIDELINES: gerunds listed under one introducing verb are separate records when
    specific or dated; devextra2 case 5, blind3 case 4): ``done`` when its date has passed,
    ``future`` when it lies ahead or is a horizon ("over the next parliament"); an undated
    step, or one whose date spans the answer date, gives none."""
    lex = rules.lexicons
    anchor = sentence.anchor
    if anchor is None:
        return []
    today = anchor.isoformat()
    out: list[Draft] = []
    for start, end in listed_steps(lower, trigger.end - 1, len(lower), lex=lex):
        kind: str | None = None
        for t in sentence.timexes:
            if not (start <= t.start and t.end <= end):
                continue
            first, last = t.payload.get("start"), t.payload.get("end")
            if t.payload.get("role") == "horizon" or (first and str(first) > today):
                kind = "future"
            elif last and str(last) < today:
                kind = "done"
        if kind is None:
            continue
        step = Hit("trigger", trigger.index, start, start + 1)
        clause = Clause(start, end, "main", None, start)
        own = Subject("none", start, start)
        draft = _draft(sentence, rules, clause, step, own, lower, verbs, end)
        if draft is None:
            continue
        if kind == "done":
            draft = replace(
                draft, kind="done", due=None, due_preposition_start=None, due_candidates=()
            )
        out.append(draft)
    return out


def _draft(
    sentence: SentenceInput,
    rules: CommitmentRules,
    clause: Clause,
    trigger: Hit,
    subject: Subject,
    lower: Sequence[str],
    verbs: Collection[int] = frozenset(),
    end_at: int | None = None,
    *,
    carried: bool = False,
) -> Draft | None:
    """The commitment a trigger makes of its clause, or None when it is not admissible
    (``lower``: the sentence's words lower-cased; ``verbs``: where verb groups start;
    ``end_at``: where the quote ends, when the trigger fixes it; ``carried``: the clause shares
    the subject of a commitment found in the clause before, which vouches for its actor)."""
    lex = rules.lexicons
    words = sentence.words
    rule = rules.triggers[trigger.index]
    passive_form = is_passive(words, trigger.start, trigger.end, lower=lower)
    if (
        subject.status in ("unknown", "none")
        and not subject.inherited
        and not rule.nominal
        and trigger.start > clause.body
    ):
        # The clause's first verb may belong to an adverbial ("To help harmonise these tools and
        # how they are used, Defra is currently funding ..."): look again up to the trigger.
        nearer = find_subject(
            words,
            clause.body,
            trigger.start,
            sentence.hits,
            rules.actor_roles,
            lower=lower,
            lex=lex,
        )
        if nearer.status == "government":
            subject = nearer
    if not subject.inherited and subject.status != "none" and subject.end < trigger.start:
        own = _pronoun_before(lower, trigger.start)
        if (
            own is not None
            and own > subject.end
            and lower[own] in ANAPHORS
            and (
                _contact_head(lower[own - 1], lex=lex)
                or (
                    lower[own - 1] == "that" and own >= 2 and _contact_head(lower[own - 2], lex=lex)
                )
            )
        ):
            # The trigger has its own pronoun subject: "Iran bears responsibility for the actions
            # of groups *they have supported*" is not the UK's step.
            subject = Subject("unknown", own, own + 1)
    if subject.status == "government" and not subject.inherited and subject.end < trigger.start:
        opens = view_complement(lower, subject.end, trigger.start)
        if opens is not None:
            # "We are clear that Iran continues to destabilise the region": the complement's own
            # subject acts, not the one who holds the view; a pronoun for the holder ("the
            # Government has been clear that it will ...") keeps it.
            inner = find_subject(
                words, opens, trigger.start, sentence.hits, rules.actor_roles, lower=lower, lex=lex
            )
            if inner.status != "none" and not (
                inner.end - inner.start == 1 and lower[inner.start] in ANAPHORS
            ):
                subject = inner
    if subject.anaphoric and not anaphoric_step(
        lower, rule.kind, trigger, passive=passive_form, lex=lex
    ):
        # "It has invested over £405 million" after a government subject; not "It will have an
        # extra territorial impact" or "It is looking at whether ..." (a law, a trial).
        subject = replace(subject, status="unknown", anaphoric=False)
    if (
        is_participle(words[trigger.start])
        and not _directly_after(words, subject, trigger)
        and not coordinated_actors(lower, sentence.hits, subject, trigger)
    ):
        # A bare past tense is a commitment only right after a government subject ("DWP
        # launched ..."), not as a participle elsewhere ("the technology implemented at ...").
        return None
    passive = passive_form
    end = quote_end(words, trigger.end, clause.end, sentence.timexes, lower=lower, lex=lex)
    if end_at is not None:
        end = end_at
    elif rule.nominal:
        # A noun phrase ends at its comma ("As part of our commitment to protect the triple
        # lock, | over 12 million pensioners will benefit").
        # ... or at "and" with a new pronoun subject ("the Government's intention to realise
        # ... published on 23 August | and I visited the city").
        end = next(
            (
                i
                for i in range(trigger.end, end)
                if lower[i] == ","
                or (lower[i] == "and" and i + 1 < end and lower[i + 1] in CONTACT_PRONOUNS)
            ),
            end,
        )
    start = trigger.start if subject.status == "none" or subject.inherited else subject.start
    if rule.nominal and start == trigger.start:
        start = opening_of_closed_title(words, start, clause.start)
    while start < end and words[start] in {",", ";", ":", "–", "—", "-"}:
        start += 1  # a nominal trigger may open on its comma (", to be published in ...")
    if subject.adverbial_start is not None and not subject.inherited:
        lead = subject.adverbial_start
        if any(lead <= t.start and t.end <= start for t in sentence.timexes):
            start = lead
    beneficiary = (
        subject.status == "other"
        and subject.rule is not None
        and rules.actors[subject.rule].recipient
    )  # "pensioners", "households": they undergo the measure, they do not act
    measure = (subject.status in ("unknown", "government") or beneficiary) and names_measure(
        lower, subject.start, subject.end, lex=lex
    )  # shared subjects too: "This represents ... and is expected to benefit over 3 million"
    if measure and not subject.inherited:
        # A quantified subject: "Over 12 million pensioners will benefit", "865,000 employers
        # will pay no NICs at all next year" (the quantity opens the subject).
        lead = subject.adverbial_start if subject.adverbial_start is not None else clause.body
        first = min(
            (q.start for q in sentence.quantities if lead <= q.start < subject.start < q.end),
            default=None,
        )
        if first is not None:
            start = subject.adverbial_start if subject.adverbial_start is not None else first
        end = splice_end(lower, trigger.end, end)
    evidence = has_evidence(start, end, sentence, lower=lower, lex=lex) or (
        measure and has_horizon(start, end, sentence)
    )
    if (
        measure
        and not evidence
        and end_at is None
        and end + 1 < len(words)
        and lower[end] in DASHES
        and is_gerund(lower[end + 1])
    ):
        # A dash elaborates the effect: "This will support investment in clean heat –
        # upgrading millions of homes over this Parliament" (up to the next dash or colon).
        limit = next(
            (i for i in range(end + 1, len(words)) if lower[i] in DASHES | HARD_PUNCT),
            len(words),
        )
        longer = quote_end(words, end + 1, limit, sentence.timexes, lower=lower, lex=lex)
        if has_evidence(start, longer, sentence, lower=lower, lex=lex) or has_horizon(
            start, longer, sentence
        ):
            end, evidence = longer, True
    if measure and not evidence and end_at is None and end + 1 < len(words) and lower[end] == ":":
        # A colon gives the amount: "This will include the largest ever budget directed at
        # sustainable food production ...: £1.8 billion for environmental land management
        # schemes in 2025/26" (up to the next colon or dash).
        limit = next(
            (i for i in range(end + 1, len(words)) if lower[i] in DASHES | HARD_PUNCT),
            len(words),
        )
        longer = quote_end(words, end + 1, limit, sentence.timexes, lower=lower, lex=lex)
        if has_evidence(start, longer, sentence, lower=lower, lex=lex):
            end, evidence = longer, True
    if (
        measure
        and rule.kind == "future"
        and end_at is None
        and end + 2 < clause.end
        and lower[end] == ","
        and lower[end + 1] == "with"
    ):
        # A "with" phrase that dates the effect belongs to it: "over 12 million pensioners will
        # benefit, with many expected to see their State Pension increase by around a thousand
        # pounds over the next five years" (blind2 case 6: its due is the horizon's end).
        longer = quote_end(words, end + 2, clause.end, sentence.timexes, lower=lower, lex=lex)
        if any(
            end < t.start
            and t.end <= longer
            and (t.payload.get("role") == "horizon" or t.payload.get("end"))
            for t in sentence.timexes
        ):
            end, evidence = longer, True
    if measure and beneficiary and evidence and not passive and not subject.inherited:
        # A quantified or dated effect on beneficiaries ("over 12 million pensioners will
        # benefit", "households will save £150 a year") is the measure's, not theirs.
        subject = replace(subject, status="unknown", rule=None)
    if (
        not passive
        and subject.status == "other"
        and not subject.inherited
        and subject.rule is not None
        and rules.actors[subject.rule].recipient
        and lower[trigger.end - 1] in lex.recipient_verbs
    ):
        # A recipient is not the actor: "The West Midlands Combined Authority will receive
        # almost £2.4bn in Transport for City Region funding" (the government gives; the
        # trigger still needs a quantity or a date, as a passive would).
        subject = replace(subject, status="unknown", rule=None)
    grammatical = subject  # the agent below may act, but a "no" opening the subject negates
    patient = False
    if passive:
        agent = passive_agent(words, sentence.hits, rules.actor_roles, trigger.end, end)
        if agent is not None and agent.status == "other":
            return None  # "will be determined by the Grenfell community"
        patient = patient_subject(words, subject, trigger, lower=lower, lex=lex)
        if patient and agent is not None:
            # "The Ethics and Integrity Commission will be established in Autumn by the
            # Government": the agent acts.
            subject = Subject(agent.status, agent.start, agent.end, agent.rule)
            patient = False
        if (
            subject.status == "other"
            and not subject.inherited
            and subject.rule is not None
            and rules.actors[subject.rule].recipient
            and not any(w in lex.obligation_participles for w in lower[trigger.start : end])
        ):
            # The subject of a passive undergoes the act: "Care workers were added in February
            # 2022", "Local authorities will be allocated £5 million" (the government acts);
            # not when it is put under a duty ("Landlords will be required to respond ...").
            subject = replace(subject, status="unknown", rule=None)
        if agent is not None and subject.status in ("unknown", "none"):
            subject = Subject(
                agent.status, agent.start, agent.end, agent.rule, inherited=subject.inherited
            )
    if (
        clause.role == "relative"
        and subject.status == "none"
        and not passive
        and not rule.nominal
        and relative_antecedent(sentence.hits, rules, clause) != "government"
        and not _acting_antecedent(lower, clause, lex=lex)
    ):
        # An active restrictive relative clause acts for its noun: "the mix of roles which will
        # make up those 13,000 additional personnel", "the EU targets that will require ..." are
        # not the government's acts; "the Department, which will publish ...", "a multi-year
        # spending review which will conclude in spring 2025" and a clause's ", which will
        # create around 150,000 additional test slots" are.
        return None
    feature = (
        rule.kind == "future"
        and not passive
        and not subject.inherited
        and (
            design_feature(lower, subject.start, subject.end, trigger, lex=lex)
            or (
                sentence.after_commitment
                and anaphoric_feature(lower, subject.start, subject.end, trigger, lex=lex)
            )
        )
    )  # "This change will decouple entitlement to the UC health element from employment status"
    if not admissible(
        rule, subject, passive=passive, evidence=evidence or carried or feature, measure=measure
    ):
        return None
    kind = rule.kind
    would = (
        reported_would(lower, trigger.end, end)
        if kind == "done" and lower[trigger.end - 1] in lex.reporting_verbs
        else None
    )
    if would is not None and dated_in_past(
        sentence.timexes,
        next((k for k in range(trigger.end, would) if lower[k] == "that"), would),
        end,
        sentence.anchor,
    ):
        would = None  # a reported step dated before the answer has been taken
    intention = kind == "done" and (
        (
            lower[trigger.end - 1] in lex.reporting_verbs
            and reported_intention(lower, trigger.end, end)
        )
        or any(
            # a coordinated report under the same auxiliary (devextra2 case 6): "the Department
            # has recently consulted upon and indicated its intention to proceed with changes"
            lower[k - 1] == "and"
            and lower[k] in lex.reporting_verbs
            and reported_intention(lower, k + 1, end)
            for k in range(trigger.end + 1, end)
        )
    )
    if intention:
        kind = "future"  # "has announced its intention to legislate ..." (held-out case 3)
    if would is not None:
        # The announced step is the commitment (held-out case 3, as "announced that DWP will
        # establish a panel"): "the MOD confirmed that it would carry out an in-year re-rating".
        kind = "future"
    timed = any(  # a vague time of action: "in due course", "shortly"
        start <= t.start
        and t.end <= end
        and t.payload.get("type") == "date"
        and not t.payload.get("start")
        for t in sentence.timexes
    )
    if vetoed(sentence, rules, clause, trigger, subject, kind, evidence, timed, lower=lower):
        return None
    strength, assurance, negated = rule.strength, rule.assurance, rule.negated
    if intention:
        strength = "soft"  # an intention, as future.possessive_intention
    for mod in modifiers_for(sentence, rules, trigger, clause.start, clause.end, grammatical):
        if mod.effect in ("soft", "firm"):
            strength = mod.effect
        elif mod.effect == "assurance":
            assurance = True
        elif mod.effect == "negated":
            negated = True
    if would is not None and would + 1 < end and lower[would + 1] in ("not", "n't"):
        negated = True  # "announced that it would not ..."
    if negated and kind != "future":
        return None
    if kind == "future":
        end = until_end(lower, sentence.timexes, end, clause.end)
    candidates: list[tuple[Mention, int]] = []
    if kind != "done":  # a step taken has no due (only a future or an ongoing one reads them)
        candidates = due_candidates(
            words, sentence.timexes, start, end, sentence.anchor, lower=lower, lex=lex
        )
        contact = contact_clause_start(lower, verbs, trigger.end, end)
        if contact is not None:
            candidates = [c for c in candidates if not _inside_clause(lower, contact, c[0].start)]
        candidates = [
            c
            for c in candidates
            if not dates_a_report(lower, c[0], trigger.start, lex=lex)
            and not in_participle_aside(words, c[0], trigger.start)
            and (would is None or c[0].start > would)  # not the announcement's own date
        ]
    due, prep_start = candidates[0] if candidates else (None, None)
    if kind == "ongoing" and due is not None and sentence.anchor is not None:
        # Work over a period that has not begun is a promise ("We are investing £4.2 billion
        # over three years (2026/27 to 2028/29)", "is reforming the Grant from the 2026/27
        # academic year"); work towards a later point stays ongoing ("is being prepared for
        # Defra Investment Committee consideration early in the new year", held-out case 2).
        due_start = due.payload.get("start")
        preposition = " ".join(lower[prep_start : due.start]) if prep_start is not None else ""
        if (
            due_start
            and str(due_start) > sentence.anchor.isoformat()
            and preposition not in POINT_PREPOSITIONS
        ):
            kind = "future"
    if (
        end_at is None
        and not rule.nominal
        and end < len(lower)
        and (
            end == trigger.end
            or lower[end] in OBJECT_WH
            or (lower[end - 1] in OBJECT_PREPOSITIONS and lower[end] in COMPLEMENT_WH)
        )
    ):
        # The object of a verb of deciding joins the quote; its dates are its own, not the due
        # ("are deciding how their departmental budgets are allocated ... in 2025/26").
        end = complement_end(lower, end, len(lower), sentence.timexes, words=words, lex=lex)
    if kind != "future":
        # A step's or a current programme's "until <time>" is part of what it states ("DBT have
        # subsequently extended the contract until June 2024", "The Government has published a
        # consultation running until 18 February 2026"); read after the due, which only a
        # promise takes from it (above).
        end = until_end(lower, sentence.timexes, end, clause.end)
    return Draft(
        start=start,
        end=end,
        kind=kind,
        strength=strength,
        assurance=assurance,
        negated=negated,
        trigger_start=trigger.start,
        trigger_end=trigger.end,
        rule=rule.id,
        subject=subject,
        timexes=tuple(t for t in sentence.timexes if start <= t.start and t.end <= end),
        quantities=tuple(q for q in sentence.quantities if start <= q.start and q.end <= end),
        due=due if kind == "future" else None,
        due_preposition_start=prep_start if kind == "future" else None,
        due_candidates=tuple(candidates) if kind == "future" else (),
        patient=patient,
    )


_EXPLICIT_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b|\b\d{2}\s*[/-]\s*\d{2}\b")
_PAST_WORDS = re.compile(
    r"\b(?:last|previous|past|earlier|ago|recent(?:ly)?|since)\b", re.IGNORECASE
)
_NEXT_UNIT = re.compile(
    r"^(?:the\s+)?next\s+(?:(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+)?"
    r"(?P<unit>year|month|week|day|decade)s?$",
    re.IGNORECASE,
)
HORIZON_PREPOSITIONS = frozenset(
    {"within", "within the", "over", "over the", "in the", "during the", "across the"}
)


FUTURE_READING_GRACE_DAYS = 31


def _shift_year(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years, keeping month ends at month ends (28 Feb -> 29 Feb)."""
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    at_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return dt.date(year, day.month, last if at_end else min(day.day, last))


def future_reading(timex: Timex, anchor: dt.date) -> Timex:
    """Read an underspecified date in a future commitment as its next occurrence.

    "The Government will set out the provisions in January" (answered in December 2023) means
    January 2024; a month, season or quarter named without a year that ended more than a month
    before the answer date is moved forward a year at a time until it ends on or after it (one
    that ended within the month is read as it stands: "From 16 September", answered on 17
    September, is that September). Expressions
    with an explicit year or a past word ("last spring", "earlier this year") stay as they are.

    Args:
        timex: The time expression as ``pct_timex`` resolved it.
        anchor: The answer date.
    """
    if timex.type != "date" or not timex.start or not timex.end:
        return timex
    if _EXPLICIT_YEAR.search(timex.text) or _PAST_WORDS.search(timex.text):
        return timex
    start, end = dt.date.fromisoformat(timex.start), dt.date.fromisoformat(timex.end)
    if (anchor - end).days <= FUTURE_READING_GRACE_DAYS:
        return timex  # "From 16 September ..." answered on 17 September is that September
    years = 0
    try:
        while end < anchor and years < 2:
            years += 1
            end = _shift_year(dt.date.fromisoformat(timex.end), years)
    except ValueError:  # the next occurrence is past the calendar's end (the year 9999)
        return timex
    if not years or end < anchor:
        return timex
    start = _shift_year(start, years)
    return replace(timex, start=start.isoformat(), end=end.isoformat(), timex3=None)


_HORIZON_UNITS: Mapping[str, tuple[int, str]] = {
    "year": (1, "Y"),
    "month": (1, "M"),
    "week": (1, "W"),
    "day": (1, "D"),
    "decade": (10, "Y"),
}


def horizon_reading(timex: Timex, preposition: str | None) -> Timex:
    """Read "within the next year" / "over the next five years" / "in the next decade" as a
    duration from the answer date (GUIDELINES.md: "within 12 weeks" -> answer date + 84 days,
    "over the next 15 years" -> answer date + 15 years), not as the calendar period "next year"
    or "the next decade" (the 2030s) names.

    Args:
        timex: The time expression as ``pct_timex`` resolved it.
        preposition: Its governing preposition, or None.
    """
    prep = " ".join((preposition or "").lower().split())
    match = _NEXT_UNIT.match(timex.text.strip())
    if timex.type != "date" or prep not in HORIZON_PREPOSITIONS or match is None:
        return timex
    raw = match.group("n")
    n = 1 if raw is None else int(raw) if raw.isdigit() else NUMBER_WORDS[raw.lower()]
    per, unit = _HORIZON_UNITS[match.group("unit").lower()]
    return replace(timex, type="duration", timex3=f"P{n * per}{unit}", start=None, end=None)


def resolve_actor(
    text: str | None, rule: ActorRule | None, answering_body: str | None
) -> str | None:
    """The actor resolved to a body: deictic actors ("we", "I", "the department") to the
    answering body, abbreviations to their canonical name, other actors as written.

    Args:
        text: The actor as written, or None.
        rule: The actor rule that matched it, or None.
        answering_body: The answering department, when known.
    """
    if text is None:
        return None
    if rule is not None and rule.resolve:
        return answering_body
    if rule is not None and rule.canonical:
        return rule.canonical
    return text


DeadlineFn = Callable[[Any, dt.date, str | None], dt.date | None]
__all__ = [
    "AUXILIARIES",
    "SUBJECT_PRONOUNS",
    "DeadlineFn",
    "Draft",
    "Hit",
    "Mention",
    "SentenceInput",
    "Subject",
    "admissible",
    "before_noun_start",
    "coordinated_actors",
    "coordination_heads",
    "due_candidates",
    "due_preposition",
    "find_commitments",
    "find_subject",
    "has_horizon",
    "is_modifier_timex",
    "is_participle",
    "is_passive",
    "main_subject",
    "modifiers_for",
    "names_measure",
    "open_ended_after",
    "open_ended_before",
    "passive_participle",
    "patient_subject",
    "quote_end",
    "resolve_actor",
    "resolve_due",
    "select_due",
    "splice_end",
    "subject_head",
    "until_end",
    "vetoed",
]
