"""Linking a later statement to an earlier commitment, and what the link means for its deadline.

A later statement is linked to a commitment when they concern

- the same initiative: both name it (score: the product of the two context weights: 1.0 in
  the quote, 0.7 in the sentence, 0.6 in the sentence before an anaphor, times 0.4 when cited), or
- the same deliverable: the same (canonical) department and content words in common (at least
  ``min_shared_terms``), scored as the geometric mean of their IDF-weighted cosine and of the
  share of the later statement's words found in the commitment's context (a later statement is
  usually shorter than the sentence, or two, that give a commitment its object).

The two scores combine as a noisy-or; a link needs ``link_threshold``. Its relation then follows
from the later statement's kind, date and wording, provided the two concern the same action
(``publish`` is not evidence for ``launch``; a generic completion such as "has been completed" is
evidence for any action, but only as a report of what was done: a future "will achieve X by
2030" dates the achieving only):

========== ==================================== ==============================
later kind  condition                             relation
========== ==================================== ==============================
done        event dated before the commitment     none (old news, whatever its action)
done        same action                           ``delivered``
done        other or no action word               ``progress``
done        commitment's action unknown, later    ``progress`` (``delivered`` only for a
            one not a generic completion          generic completion: "has been completed")
ongoing     any                                   ``progress``
future      negated ("no plans to")               ``withdrawn``
future      another due of another shape (a      ``undated`` (``downgraded`` when softer)
            start, a period, a deadline)
future      due later than the current due        ``slipped`` (``restated`` when the same
                                                  relative words only moved with the calendar)
future      due earlier                           ``brought_forward``
future      same due, softer wording              ``downgraded``
future      same due                              ``restated``
future      no due, softer wording                ``downgraded``
future      no due                                ``undated``
========== ==================================== ==============================
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pipeline.audit.records import Relation, Statement

STRENGTH_RANK = {"firm": 1, "soft": 0}


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Knobs of the linker.

    Attributes:
        link_threshold: Least combined score for a link.
        min_shared_terms: Least number of shared content words for a deliverable match.
        document_words: Kinds of document ("report", "interim", "assessment"): a deliverable
            match needs a shared word that is not one of them ("an interim report" of the ADHD
            taskforce is not one of a research study's "interim reports").
    """

    link_threshold: float = 0.5
    min_shared_terms: int = 2
    document_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Link:
    """Why a later statement was linked to a commitment.

    Attributes:
        score: Combined score in [0, 1].
        reason: Human-readable reason ("same initiative: 10 year health plan").
        initiative: The shared initiative key, or None.
        shared_terms: The shared content words (highest IDF first), for deliverable matches.
    """

    score: float
    reason: str
    initiative: str | None = None
    shared_terms: tuple[str, ...] = ()


def document_frequencies(statements: Iterable[Statement]) -> tuple[Counter[str], int]:
    """How many statements use each term, and how many statements there are."""
    counts: Counter[str] = Counter()
    total = 0
    for statement in statements:
        counts.update(statement.terms)
        total += 1
    return counts, total


def idf_weights(counts: Counter[str], total: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every term: ``log((n + 1) / (df + 1)) + 1``."""
    return {term: math.log((total + 1) / (df + 1)) + 1.0 for term, df in counts.items()}


def initiative_score(earlier: Statement, later: Statement) -> tuple[float, str | None]:
    """The strongest shared initiative: the product of the two context weights, and its key.

    Named in both quotes: 1.0; in one quote and the other's sentence: 0.7; only in both
    sentences: 0.49, too weak alone (the clauses may be about other things the sentences share).
    """
    later_weights = dict(later.initiatives)
    best, best_key = 0.0, None
    for key, weight in earlier.initiatives:
        if key in later_weights:
            score = weight * later_weights[key]
            if score > best:
                best, best_key = score, key
    return best, best_key


def term_cosine(
    a: frozenset[str], b: frozenset[str], idf: dict[str, float], default_idf: float
) -> float:
    """IDF-weighted cosine of two term sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    shared = a & b
    if not shared:
        return 0.0

    def weight(term: str) -> float:
        return idf.get(term, default_idf) ** 2

    dot = sum(weight(t) for t in shared)
    return dot / math.sqrt(sum(weight(t) for t in a) * sum(weight(t) for t in b))


def term_containment(
    earlier: frozenset[str], later: frozenset[str], idf: dict[str, float], default_idf: float
) -> float:
    """IDF-weighted share of ``later``'s terms that ``earlier`` has too (0 when it has none)."""
    if not later:
        return 0.0

    def weight(term: str) -> float:
        return idf.get(term, default_idf) ** 2

    return sum(weight(t) for t in later & earlier) / sum(weight(t) for t in later)


def deliverable_score(
    earlier: frozenset[str], later: frozenset[str], idf: dict[str, float], default_idf: float
) -> float:
    """How far two term sets name one deliverable: the geometric mean of their IDF cosine and
    of the share of the later statement's (usually shorter) terms found in the earlier context."""
    return math.sqrt(
        term_cosine(earlier, later, idf, default_idf)
        * term_containment(earlier, later, idf, default_idf)
    )


def same_actor(earlier: Statement, later: Statement) -> bool:
    """True when both come from the same (canonical) department."""
    return earlier.department is not None and earlier.department == later.department


def link(
    earlier: Statement,
    later: Statement,
    idf: dict[str, float],
    config: LinkConfig,
    default_idf: float = 1.0,
) -> Link | None:
    """Link ``later`` to the commitment ``earlier``, or None when they do not concern one thing.

    Args:
        earlier: The commitment.
        later: A statement of a later answer.
        idf: Term weights over all statements.
        config: Thresholds.
        default_idf: Weight of a term missing from ``idf``.
    """
    init, key = initiative_score(earlier, later)
    deliverable = 0.0
    shared: tuple[str, ...] = ()
    if same_actor(earlier, later):
        common = earlier.terms & later.terms
        if len(common) >= config.min_shared_terms and common - config.document_words:
            deliverable = deliverable_score(earlier.terms, later.terms, idf, default_idf)
            shared = tuple(sorted(common, key=lambda t: (-idf.get(t, default_idf), t))[:5])
    score = 1.0 - (1.0 - init) * (1.0 - deliverable)
    if score < config.link_threshold:
        return None
    reasons = []
    if key is not None:
        reasons.append(f"same initiative: {key} ({init:.2f})")
    if deliverable > 0:
        reasons.append(
            f"same deliverable: {later.department}; {', '.join(shared)} ({deliverable:.2f})"
        )
    return Link(round(score, 3), "; ".join(reasons), key, shared)


def same_action(
    earlier: str | None,
    later: str | None,
    generic: frozenset[str],
    covers: Mapping[str, frozenset[str]] | None = None,
) -> bool:
    """True when a later action can stand for the earlier one.

    Unknown actions are compatible; a later generic completion ("completed", "delivered") stands
    for any action; a later action stands for the families it ``covers`` (a White Paper
    "published" on 26 November was "set out" then); otherwise the families must be equal. A
    generic earlier action ("aims to be complete") needs a later generic one.
    """
    if earlier is None or later is None:
        return True
    return earlier == later or later in generic or earlier in (covers or {}).get(later, ())


def same_verb(commitment: Statement, later: Statement) -> bool:
    """True when neither statement has an action word but both put one verb after their modal
    ("will be implemented" in both): a restatement of one thing, although no action family
    vouches for it (see :attr:`~pipeline.audit.records.Statement.verb`)."""
    return (
        commitment.action is None
        and later.action is None
        and commitment.verb is not None
        and commitment.verb == later.verb
    )


def own_words_share(commitment: Statement, later: Statement) -> float:
    """The share of the shorter quote's content words that the other quote has (0 when either
    has none): how far two clauses say the same thing in their own words, not only in the
    sentences around them ("we will be launching an independent commission into adult social
    care" / "We are launching an independent commission into adult social care": 6 of 7)."""
    if not commitment.quote_terms or not later.quote_terms:
        return 0.0
    shared = len(commitment.quote_terms & later.quote_terms)
    return shared / min(len(commitment.quote_terms), len(later.quote_terms))


def same_act_under_way(commitment: Statement, later: Statement, min_share: float) -> bool:
    """True when ``later`` reports, in the commitment's own words, the commitment's action under
    way: an ``ongoing`` statement of the same (known) action family whose quote shares at least
    ``min_share`` of the shorter quote's content words ("We are launching an independent
    commission into adult social care" for "in April 2025 we will be launching an independent
    commission into adult social care"). Two measures of one package share their sentences'
    words but not their own ("a higher rate on the most valuable properties" / "permanently lower
    tax rates for eligible retail, hospitality and leisure properties": 2 of 4)."""
    return (
        later.kind == "ongoing"
        and commitment.action is not None
        and later.action == commitment.action
        and own_words_share(commitment, later) >= min_share
    )


def softer(commitment: Statement, later: Statement) -> bool:
    """True when ``later`` words the same thing more softly ("will" -> "aims to"), or negates it."""
    return later.negated or STRENGTH_RANK.get(later.strength, 1) < STRENGTH_RANK.get(
        commitment.strength, 1
    )


_NON_WORD = re.compile(r"[^0-9a-z]+")

Repetition = Literal["self", "sibling"]


def normalised_quote(text: str) -> str:
    """``text`` lower-cased with every run of non-alphanumerics as one space, for comparing
    the words of two statements ("Spending Review," and "spending review" are equal)."""
    return _NON_WORD.sub(" ", text.lower().replace("’", "'")).strip()


def _within(words: str, text: str, min_words: int) -> bool:
    """True when ``words`` (normalised) occur whole in ``text`` (normalised): equal, or at least
    ``min_words`` long and found between word boundaries."""
    if words == text:
        return True
    return len(words.split()) >= min_words and f" {words} " in f" {text} "


def repetition(
    commitment: Statement, later: Statement, own_text: str, min_words: int = 4
) -> Repetition | None:
    """Whether ``later`` only repeats words that the commitment's own answer already held.

    Departments re-send a drafted answer, word for word or with its punctuation retouched, to
    the next Member who asks. A later statement whose words are the commitment's own, or hold
    them (``"self"``), restates it, even when its relative date words ("next year") now point one
    calendar year on; one whose words stand elsewhere in the commitment's answer (``"sibling"``:
    the other clause of the same template sentence) says nothing new about this commitment. A
    repeat of its own words never moves its schedule (the caller keeps the relation but reads a
    slip as a restatement).

    Args:
        commitment: The audited commitment.
        later: A statement of a later answer.
        own_text: :func:`normalised_quote` of the commitment's whole answer.
        min_words: Shorter words are compared whole only ("will continue" is in any answer).
    """
    words = normalised_quote(later.quote)
    own = normalised_quote(commitment.quote)
    if _within(words, own, min_words) or _within(own, words, min_words):
        return "self"
    if _within(words, own_text, min_words):
        return "sibling"
    return None


def named_link(commitment: Statement, found: Link) -> bool:
    """True when ``found`` rests on an initiative the commitment names in its own words (weight
    1.0): then its "set out" is that document's publication ("The Get Britain Working White Paper,
    to be set out in the Autumn"), not an update on something else the sentence mentions."""
    return (
        found.initiative is not None and dict(commitment.initiatives).get(found.initiative) == 1.0
    )


def reanchored(commitment: Statement, current_due: str, later: Statement) -> bool:
    """True when ``later`` repeats the commitment's own relative words ("over the next five
    years") and its due moved no further than the time between the two answers: the same
    promise re-dated by the calendar, not a slip."""
    if (
        commitment.due != current_due
        or not commitment.due_text
        or not later.due_text
        or not later.due
    ):
        return False
    if " ".join(commitment.due_text.lower().split()) != " ".join(later.due_text.lower().split()):
        return False
    moved = (dt.date.fromisoformat(later.due) - dt.date.fromisoformat(current_due)).days
    return moved <= (later.date - commitment.date).days


def classify(
    commitment: Statement,
    current_due: str | None,
    later: Statement,
    generic: frozenset[str],
    covers: Mapping[str, frozenset[str]] | None = None,
) -> Relation | None:
    """What ``later`` means for ``commitment`` whose due date is now ``current_due``.

    Args:
        commitment: The audited commitment.
        current_due: Its due date after earlier slips or advances (ISO), or None.
        later: A linked statement of a later answer.
        generic: Action families that stand for any action ("completed").
        covers: Family -> the other families it stands for too (:func:`same_action`).

    Returns:
        The relation (see the module's table), or None when the later statement is about
        another action of the same initiative and says nothing of this one.
    """
    # "has been completed" reports whatever was promised; "will achieve Clean Power by 2030"
    # dates only the achieving, not the publication of the roadmap that promises it
    compatible = same_action(
        commitment.action, later.action, generic if later.kind == "done" else frozenset(), covers
    )
    if later.kind == "done":
        if later.event_end is not None and later.event_end < commitment.date.isoformat():
            return None
        if not compatible or later.action is None:
            return "progress"
        if commitment.action is None and later.action not in generic:
            return "progress"
        return "delivered"
    if later.kind == "ongoing":
        return "progress"
    if not compatible:
        return None
    if later.negated:
        return "withdrawn"
    weaker = softer(commitment, later)
    if (
        later.due is not None
        and current_due is not None
        and later.due != current_due
        and later.due_shape != commitment.due_shape
    ):
        # "from October" (a start) says nothing of "until 31 March 2025" (a period's end); a
        # start and a deadline on one day ("from April 2025", "in April 2025") still agree
        return "downgraded" if weaker else "undated"
    if later.due is not None and current_due is not None:
        if later.due > current_due and not reanchored(commitment, current_due, later):
            return "slipped"
        if later.due > current_due:
            return "downgraded" if weaker else "restated"
        if later.due < current_due:
            return "brought_forward"
        return "downgraded" if weaker else "restated"
    if later.due is not None:
        return "restated"
    return "downgraded" if weaker else "undated"
