"""The ``pct_commitment`` component: who promised what, by when, and what was done.

Runs after ``sentencizer``, ``pct_timex`` and ``pct_quantity``. It matches the rule families of
:mod:`pipeline.nlp.commitment_rules` over the Doc with one spaCy ``Matcher``, repairs the
sentence boundaries of written answers (:func:`pipeline.nlp.clauses.sentence_ranges`), and hands
each sentence that holds a trigger to :func:`pipeline.nlp.commitment_logic.find_commitments`.
Each commitment becomes a :class:`~pipeline.types.Commitment` row stored as a span in
``doc.spans["pct_commitments"]`` with its fields in ``Span._.pct_commitment``.

``due`` comes from the time expressions ``pct_timex`` found inside the commitment's clause,
through ``pipeline.nlp.calendar.deadline_of`` (the latest date a deadline expression allows).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import warnings
from collections.abc import Callable, Iterable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline.nlp import attrs
from pipeline.nlp.attrs import COMMITMENT_ATTR, COMMITMENT_SPANS, register_extensions
from pipeline.nlp.clauses import sentence_ranges
from pipeline.nlp.commitment_logic import (
    Draft,
    Hit,
    Mention,
    SentenceInput,
    find_commitments,
    future_reading,
    horizon_reading,
    resolve_actor,
)
from pipeline.nlp.commitment_rules import CommitmentRules
from pipeline.nlp.rules import write_jsonl
from pipeline.types import Commitment, Timex

logger = logging.getLogger(__name__)

FAMILIES = ("trigger", "modifier", "veto", "actor")
NO_RULES_WARNING = (
    "[PCT139] The pct_commitment component has no trigger rules loaded, so it finds nothing. "
    "Load them with from_disk(path) or set_rules(...)."
)
DeadlineFunction = Callable[[Timex, dt.date, str | None], dt.date | None]
_TIMEX_FIELDS = frozenset(f.name for f in fields(Timex))


@Language.factory(
    "pct_commitment",
    assigns=["doc.spans", "span._.pct_commitment"],
    requires=["token.is_sent_start"],
    default_config={"max_sentence_tokens": 250},
)
def make_commitment_tagger(nlp: Language, name: str, max_sentence_tokens: int) -> CommitmentTagger:
    """Build the ``pct_commitment`` component.

    Args:
        nlp: The pipeline.
        name: The component's name.
        max_sentence_tokens: Sentences longer than this are split into windows of this size
            (text run together without punctuation, such as lists, costs quadratic time).
    """
    return CommitmentTagger(nlp, name, max_sentence_tokens=max_sentence_tokens)


def load_deadline_function() -> DeadlineFunction | None:
    """``pipeline.nlp.calendar.deadline_of`` when it is available, else None (no due dates)."""
    try:
        module = importlib.import_module("pipeline.nlp.calendar")
    except ImportError:
        return None
    function = getattr(module, "deadline_of", None)
    return function if callable(function) else None


def timex_from_payload(payload: dict[str, Any]) -> Timex:
    """Rebuild a :class:`~pipeline.types.Timex` from its span payload."""
    return Timex(**{k: v for k, v in payload.items() if k in _TIMEX_FIELDS})


def _sorted_mentions(doc: Doc, key: str, attr: str) -> list[tuple[Span, dict[str, Any]]]:
    """A component's spans with their payloads, in ``Extraction`` order (by char offsets)."""
    pairs = []
    for span in doc.spans.get(key, []):
        payload = span._.get(attr)
        if payload is not None:
            pairs.append((span, payload))
    pairs.sort(key=lambda p: (p[1]["char_start"], p[1]["char_end"]))
    return pairs


class CommitmentTagger:
    """Finds commitments and stores them in ``doc.spans[COMMITMENT_SPANS]``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "pct_commitment",
        *,
        max_sentence_tokens: int = 250,
        rules: CommitmentRules | None = None,
        deadline: DeadlineFunction | None = None,
    ) -> None:
        """Create the component.

        Args:
            nlp: The pipeline (its vocab is used for the matcher).
            name: The component's name.
            max_sentence_tokens: Longest sentence processed as one unit.
            rules: Rules to start with; none until ``from_disk``/``set_rules`` when None.
            deadline: The deadline function; ``pipeline.nlp.calendar.deadline_of`` when None.
        """
        register_extensions()
        self.nlp = nlp
        self.name = name
        self.max_sentence_tokens = max_sentence_tokens
        self.deadline = deadline or load_deadline_function()
        self.rules = CommitmentRules()
        self.matcher = Matcher(nlp.vocab, validate=False)
        self._keys: dict[int, tuple[str, int]] = {}
        if rules is not None:
            self.set_rules(rules)

    def set_rules(self, rules: CommitmentRules) -> None:
        """Replace the rules and recompile the matcher."""
        self.rules = rules
        self.matcher = Matcher(self.nlp.vocab, validate=False)
        self._keys = {}
        families: Iterable[tuple[str, tuple[Any, ...]]] = (
            ("trigger", rules.triggers),
            ("modifier", rules.modifiers),
            ("veto", rules.vetoes),
            ("actor", rules.actors),
        )
        for family, items in families:
            for index, rule in enumerate(items):
                key = f"pct_commitment/{family}/{rule.id}"
                self.matcher.add(key, [rule.pattern], greedy="LONGEST")
                self._keys[self.nlp.vocab.strings[key]] = (family, index)

    def __call__(self, doc: Doc) -> Doc:
        """Find the commitments of ``doc`` and store them in ``doc.spans``."""
        if not self.rules.triggers:
            warnings.warn(NO_RULES_WARNING, stacklevel=2)
            doc.spans[COMMITMENT_SPANS] = []
            return doc
        rows = self.find(doc)
        spans = []
        for row in rows:
            span = doc.char_span(row.char_start, row.char_end, alignment_mode="expand")
            if span is not None:
                span._.set(COMMITMENT_ATTR, asdict(row))
                spans.append(span)
        doc.spans[COMMITMENT_SPANS] = spans
        return doc

    def hits(self, doc: Doc) -> list[Hit]:
        """Every rule match in ``doc`` (positions relative to the Doc)."""
        out = []
        for key, start, end in self.matcher(doc):
            family, index = self._keys[key]
            out.append(Hit(family, index, start, end))  # type: ignore[arg-type]
        out.sort(key=lambda h: (h.start, h.end))
        return out

    def sentences(self, doc: Doc) -> list[tuple[int, int]]:
        """The Doc's sentences as token ranges, repaired for written answers."""
        words = [t.text for t in doc]
        starts = [t.i for t in doc if t.is_sent_start]
        breaks = [t.i for t in doc if t.is_space and "\n" in t.text]
        out = []
        for s, e in sentence_ranges(words, starts, line_breaks=breaks):
            while e - s > self.max_sentence_tokens:
                out.append((s, s + self.max_sentence_tokens))
                s += self.max_sentence_tokens
            out.append((s, e))
        return out

    def find(self, doc: Doc) -> list[Commitment]:
        """The commitments of ``doc``, in text order."""
        hits = self.hits(doc)
        if not any(h.family == "trigger" for h in hits):
            return []
        anchor = attrs.get_anchor(doc)
        body = attrs.get_answering_body(doc)
        timexes = _sorted_mentions(doc, attrs.TIMEX_SPANS, attrs.TIMEX_ATTR)
        quantities = _sorted_mentions(doc, attrs.QUANTITY_SPANS, attrs.QUANTITY_ATTR)
        trigger_starts = sorted({h.start for h in hits if h.family == "trigger"})
        rows: list[Commitment] = []
        for s, e in self.sentences(doc):
            if not any(s <= t < e for t in trigger_starts):
                continue
            sentence = SentenceInput(
                words=[t.text for t in doc[s:e]],
                hits=[Hit(h.family, h.index, h.start - s, h.end - s) for h in hits if s <= h.start and h.end <= e],
                timexes=[
                    Mention(i, span.start - s, span.end - s, payload)
                    for i, (span, payload) in enumerate(timexes)
                    if s <= span.start and span.end <= e
                ],
                quantities=[
                    Mention(i, span.start - s, span.end - s, payload)
                    for i, (span, payload) in enumerate(quantities)
                    if s <= span.start and span.end <= e
                ],
                anchor=anchor,
            )
            for draft in find_commitments(sentence, self.rules):
                rows.append(self.row(doc, s, draft, anchor, body))
        rows.sort(key=lambda r: (r.char_start, r.char_end))
        return rows

    def row(self, doc: Doc, offset: int, draft: Draft, anchor: dt.date | None, body: str | None) -> Commitment:
        """Turn a sentence-relative draft into a :class:`~pipeline.types.Commitment`."""
        text = doc.text
        first, last = doc[offset + draft.start], doc[offset + draft.end - 1]
        char_start, char_end = first.idx, last.idx + len(last.text)
        actor_text, actor_rule = self._actor(doc, offset, draft)
        due: str | None = None
        due_text: str | None = None
        if draft.due is not None and anchor is not None and self.deadline is not None:
            timex = timex_from_payload(dict(draft.due.payload))
            prep_start = draft.due_preposition_start if draft.due_preposition_start is not None else draft.due.start
            preposition = doc[offset + prep_start : offset + draft.due.start].text or None
            reading = future_reading(horizon_reading(timex, preposition), anchor)
            date = self.deadline(reading, anchor, preposition)
            if date is not None:
                due = date.isoformat()
                due_text = text[doc[offset + prep_start].idx : timex.char_end]
        trigger = doc[offset + draft.trigger_start : offset + draft.trigger_end].text
        return Commitment(
            quote=text[char_start:char_end],
            char_start=char_start,
            char_end=char_end,
            kind=draft.kind,  # type: ignore[arg-type]
            actor=actor_text,
            actor_resolved=resolve_actor(actor_text, actor_rule, body),
            due=due,
            due_text=due_text,
            strength=draft.strength,  # type: ignore[arg-type]
            assurance=draft.assurance,
            negated=draft.negated,
            trigger=trigger,
            timexes=tuple(t.index for t in draft.timexes),
            quantities=tuple(q.index for q in draft.quantities),
            rule=draft.rule,
        )

    def _actor(self, doc: Doc, offset: int, draft: Draft) -> tuple[str | None, Any]:
        subject = draft.subject
        if subject.status in ("government", "other") and subject.rule is not None and subject.end > subject.start:
            span = doc[offset + subject.start : offset + subject.end]
            return span.text, self.rules.actors[subject.rule]
        return None, None

    # -- serialisation -------------------------------------------------------------------------

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        """Write the rules as canonical JSONL files into the folder ``path``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in self.rules.files().items():
            write_jsonl(folder / name, rows)

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> CommitmentTagger:
        """Read and validate the rule files in the folder ``path``."""
        self.set_rules(CommitmentRules.from_dir(Path(path)))
        return self
