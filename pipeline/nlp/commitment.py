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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, overload

from spacy.attrs import IS_SPACE, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pipeline.nlp import attrs
from pipeline.nlp.attrs import COMMITMENT_ATTR, COMMITMENT_SPANS, register_extensions, store_rows
from pipeline.nlp.clauses import sentence_ranges
from pipeline.nlp.commitment_logic import (
    Draft,
    Hit,
    Mention,
    SentenceInput,
    abbreviation_hits,
    defined_abbreviations,
    find_commitments,
    future_reading,
    horizon_reading,
    main_subject,
    resolve_actor,
    resolve_due,
)
from pipeline.nlp.commitment_rules import (
    CommitmentRules,
    anchor_token,
    match_extent,
    with_apostrophe_twins,
)
from pipeline.nlp.rules import write_jsonl
from pipeline.nlp.token_match import (
    COLUMN_INDEX,
    AnchoredPattern,
    BoundedMemo,
    TokenColumns,
    compile_anchored,
    lexeme_flags,
    lexeme_texts,
    longest_first,
    matches_at,
)
from pipeline.types import Commitment, Timex

logger = logging.getLogger(__name__)

FAMILIES = ("trigger", "modifier", "veto", "actor")
NO_RULES_WARNING = (
    "[PCT139] The pct_commitment component has no trigger rules loaded, so it finds nothing. "
    "Load them with from_disk(path) or set_rules(...)."
)
DeadlineFunction = Callable[[Timex, dt.date, str | None], dt.date | None]
_TIMEX_FIELDS = frozenset(f.name for f in fields(Timex))
_BY_SPAN = itemgetter(2, 3)


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


class _Words(Sequence[str]):
    """A Doc's token texts as a lazy sequence over its ``ORTH`` ids (only the tokens looked at
    are read, through the component's memo of lexeme strings)."""

    def __init__(self, orth: Sequence[int], texts: BoundedMemo[str]) -> None:
        self.orth = orth
        self.texts = texts

    def __len__(self) -> int:
        return len(self.orth)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self.texts[o] for o in self.orth[index]]
        return self.texts[self.orth[index]]


def clause_words(words: Sequence[str], spaces: Sequence[int], start: int) -> list[str]:
    """A sentence's token texts for the clause logic: a hyphen with spaces on both sides ("in
    Gaza - we are providing") is a dash, so it is given as one ("–").

    Args:
        words: The sentence's token texts.
        spaces: Per token of the Doc, 1 when whitespace follows it.
        start: The sentence's first token in the Doc.
    """
    out = list(words)
    if "-" not in out:
        return out
    for k, word in enumerate(out):
        i = start + k
        if word == "-" and i > 0 and spaces[i] and spaces[i - 1]:
            out[k] = "–"
    return out


def _mentions_inside(
    mentions: Sequence[tuple[int, int, dict[str, Any]]], starts: Sequence[int], s: int, e: int
) -> list[Mention]:
    """The mentions lying inside tokens ``[s, e)``, positions relative to ``s``, with their
    indexes (``mentions``: ``(first token, end token, payload)``; ``starts``: their first
    tokens, sorted, as ``mentions`` is)."""
    out = []
    for i in range(bisect_left(starts, s), bisect_left(starts, e)):
        start, end, payload = mentions[i]
        if end <= e:
            out.append(Mention(i, start - s, end - s, payload))
    return out


def timex_from_payload(payload: dict[str, Any]) -> Timex:
    """Rebuild a :class:`~pipeline.types.Timex` from its span payload."""
    return Timex(**{k: v for k, v in payload.items() if k in _TIMEX_FIELDS})


def _sorted_mentions(doc: Doc, key: str, attr: str) -> list[tuple[int, int, dict[str, Any]]]:
    """A component's spans as ``(first token, end token, payload)``, in ``Extraction`` order
    (by char offsets; the components' spans do not overlap, so this is also token order).
    On a sealed Doc they are read from the rows the component stored
    (:func:`~pipeline.nlp.attrs.stored_rows`: the group's spans and payloads, without a
    ``Span`` built per row), on any other from the span group."""
    stored = attrs.stored_rows(doc, attr)
    if stored is not None:
        triples = [(row.start, row.end, row.payload) for row in stored]
    else:
        triples = [
            (span.start, span.end, payload)
            for span, payload in attrs.span_payloads(doc, key, attr)
            if payload is not None
        ]
    triples.sort(key=lambda t: (t[2]["char_start"], t[2]["char_end"]))
    return triples


def _length_then_earliest(match: tuple[int, int]) -> tuple[int, int]:
    """The order in which :func:`~pipeline.nlp.token_match.longest_first` keeps matches."""
    return match[1] - match[0], -match[0]


def _anchors_by_rule(
    lower: Sequence[int], index: dict[int, tuple[int, ...]], start: int, stop: int
) -> dict[int, list[int]]:
    """The token positions in ``start..stop`` whose lower form anchors a rule, by rule number
    (``index``: the rule numbers each anchoring ``LOWER`` id anchors), in order."""
    anchors: dict[int, list[int]] = {}
    get = anchors.get
    for i in compress(range(start, stop), map(index.__contains__, lower[start:stop])):
        for rule in index[lower[i]]:
            positions = get(rule)
            if positions is None:
                anchors[rule] = [i]
            else:
                positions.append(i)
    return anchors


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
        self.vocab = nlp.vocab
        self.name = name
        self.max_sentence_tokens = max_sentence_tokens
        self.deadline = deadline or load_deadline_function()
        self._keys: dict[int, tuple[str, int]] = {}
        self.set_rules(rules or CommitmentRules())

    def set_rules(self, rules: CommitmentRules) -> None:
        """Replace the rules and recompile the matchers.

        Matching every rule over the whole Doc costs time per pattern per token, so each rule is
        matched only around its anchor words (``commitment_rules.anchor_words``, looked up by
        lexeme id): trigger rules around every occurrence of their anchors, the other families
        only inside sentences that hold a trigger. A rule is matched on the window
        ``[anchor - before, anchor + 1 + after)`` (``commitment_rules.match_extent``, overlapping
        windows merged) by :mod:`pipeline.nlp.token_match`, outwards from the anchor token; a
        rule that module cannot compile runs spaCy's ``Matcher`` on the window, and a rule with
        no anchor on the whole range.
        """
        self.rules = rules
        strings = self.vocab.strings
        self._flags = lexeme_flags(self.vocab)
        self._texts = lexeme_texts(strings)
        self._brackets = (strings["("], strings[")"])
        self.matchers: dict[tuple[str, int], Matcher] = {}
        self.anchored: dict[tuple[str, int], AnchoredPattern] = {}
        self.unanchored: list[tuple[str, int]] = []
        self._keys = {}
        self._anchor_index: dict[int, list[tuple[str, int]]] = {}
        self.extents: dict[tuple[str, int], tuple[int, int]] = {}
        families: Iterable[tuple[str, tuple[Any, ...]]] = (
            ("trigger", rules.triggers),
            ("modifier", rules.modifiers),
            ("veto", rules.vetoes),
            ("actor", rules.actors),
        )
        for family, items in families:
            for index, rule in enumerate(items):
                pattern = with_apostrophe_twins(rule.pattern)
                matcher = Matcher(self.vocab, validate=False)
                key = f"pct_commitment/{family}/{rule.id}"
                matcher.add(key, [pattern], greedy="LONGEST")
                self._keys[strings[key]] = (family, index)
                self.matchers[(family, index)] = matcher
                found = anchor_token(pattern)
                if found is None:
                    self.unanchored.append((family, index))
                    continue
                position, words = found
                self.extents[(family, index)] = match_extent(pattern, position)
                compiled = compile_anchored(pattern, position, strings)
                if compiled is not None:
                    self.anchored[(family, index)] = compiled
                for word in sorted(words):
                    self._anchor_index.setdefault(strings.add(word), []).append((family, index))
        # whether a trigger rule has no anchor (then every Doc is matched for triggers, and the
        # context rules' hits are filtered for triggers)
        self._unanchored_triggers = any(family == "trigger" for family, _ in self.unanchored)
        self._columns = sorted(
            {COLUMN_INDEX[LOWER], COLUMN_INDEX[ORTH]}.union(
                *(pattern.columns for pattern in self.anchored.values())
            )
        )
        # The anchored rules by number (their order in ``extents``, which is rule order): the
        # matching groups anchors by these integers, not by the ``(family, index)`` keys, whose
        # tuple hash would be computed at every anchor.
        self._numbers = {rule: number for number, rule in enumerate(self.extents)}
        self._plan = [
            (
                rule[0],
                rule[1],
                *self.extents[rule],
                self.anchored.get(rule),
                None if rule not in self.anchored else self.anchored[rule].find,
                rule,
            )
            for rule in self.extents
        ]
        numbers = self._numbers
        self._trigger_index: dict[int, tuple[int, ...]] = {}
        self._context_index: dict[int, tuple[int, ...]] = {}
        for lexeme, keyed in self._anchor_index.items():
            triggers = tuple(numbers[rule] for rule in keyed if rule[0] == "trigger")
            others = tuple(numbers[rule] for rule in keyed if rule[0] != "trigger")
            if triggers:
                self._trigger_index[lexeme] = triggers
            if others:
                self._context_index[lexeme] = others
        self._actor_index = {
            lexeme: actors
            for lexeme, keyed in self._anchor_index.items()
            if (actors := tuple(numbers[rule] for rule in keyed if rule[0] == "actor"))
        }

    def anchors(
        self, doc: Doc, lower: Sequence[int] | None = None
    ) -> list[tuple[tuple[str, int], int]]:
        """Every ``(rule, position)`` where a token's lower-case form is one of the rule's anchor
        words, by position (then family and rule order).

        Args:
            doc: The Doc.
            lower: The tokens' ``LOWER`` ids, when the caller has read them.
        """
        if lower is None:
            lower = doc.to_array(LOWER).tolist() if len(doc) else []
        index = self._anchor_index
        out: list[tuple[tuple[str, int], int]] = []
        for i, word in enumerate(lower):
            rules = index.get(word)
            if rules is not None:
                out.extend((rule, i) for rule in rules)
        return out

    def __call__(self, doc: Doc) -> Doc:
        """Find the commitments of ``doc`` and store them in ``doc.spans``."""
        if not self.rules.triggers:
            warnings.warn(NO_RULES_WARNING, stacklevel=2)
            doc.spans[COMMITMENT_SPANS] = []
            return doc
        store_rows(doc, COMMITMENT_SPANS, COMMITMENT_ATTR, self.find(doc))
        return doc

    def _hits(self, matcher: Matcher, doclike: Doc | Span) -> list[Hit]:
        out = []
        for key, start, end in matcher(doclike):
            family, index = self._keys[key]
            out.append(Hit(family, index, start, end))  # type: ignore[arg-type]
        return out

    def hits(self, doc: Doc) -> list[Hit]:
        """Every rule match in ``doc`` (positions relative to the Doc), sorted."""
        out = [h for m in self.matchers.values() for h in self._hits(m, doc)]
        out.sort(key=lambda h: (h.start, h.end))
        return out

    def windowed_hits(
        self,
        doc: Doc,
        anchors: Iterable[tuple[tuple[str, int], int]],
        lo: int,
        hi: int,
        columns: TokenColumns | None = None,
    ) -> list[Hit]:
        """Match each rule on the windows around its anchors, within ``[lo, hi)``.

        Args:
            doc: The Doc.
            anchors: ``(rule, position)`` pairs; positions relative to the Doc.
            lo: First token the windows may cover.
            hi: One past the last token they may cover.
            columns: The Doc's token attributes, when the caller has read them already.

        Returns:
            The matches, positions relative to the Doc (each once), as spaCy's ``Matcher`` with
            ``greedy="LONGEST"`` finds them on each window.
        """
        cols = columns if columns is not None else TokenColumns(doc)
        return [
            Hit(family, index, start, end)  # type: ignore[arg-type]
            for family, index, start, end in self._window_matches(doc, anchors, lo, hi, cols)
        ]

    def _window_matches(
        self,
        doc: Doc,
        anchors: Iterable[tuple[tuple[str, int], int]],
        lo: int,
        hi: int,
        cols: TokenColumns,
    ) -> list[tuple[str, int, int, int]]:
        """:meth:`windowed_hits` as ``(family, index, start, end)`` tuples (the component turns
        them into sentence-relative hits)."""
        by_rule: dict[int, list[int]] = {}
        for rule, position in sorted(anchors, key=lambda a: a[1]):
            by_rule.setdefault(self._numbers[rule], []).append(position)
        return self._rule_matches(doc, by_rule, lo, hi, cols)

    def _rule_matches(
        self,
        doc: Doc,
        by_rule: dict[int, list[int]],
        lo: int,
        hi: int,
        cols: TokenColumns,
    ) -> list[tuple[str, int, int, int]]:
        """:meth:`_window_matches` with the anchors grouped by rule number (``_numbers``; each
        rule's positions in order; the rules in the order of their first position, ties in
        rule order)."""
        plan = self._plan
        out: list[tuple[str, int, int, int]] = []
        for number, positions in by_rule.items():
            family, index, before, after, pattern, find, rule = plan[number]
            if find is not None and len(positions) == 1:
                position = positions[0]
                start = position - before
                end = position + 1 + after
                found = find(cols, position, lo if start < lo else start, hi if end > hi else end)
                if len(found) == 1:
                    s, e = found[0]
                    out.append((family, index, s, e))
                elif found:
                    # every match holds the anchor token, so longest_first keeps one: the
                    # longest, the earliest of equals
                    s, e = max(found, key=_length_then_earliest)
                    out.append((family, index, s, e))
                continue
            # Overlapping windows are merged and matched as one (as spaCy's Matcher on the
            # merged window would): each window's anchors gathered, then matched.
            windows: list[tuple[int, int, list[int]]] = []
            for position in positions:
                start = position - before
                end = position + 1 + after
                if start < lo:
                    start = lo
                if end > hi:
                    end = hi
                if windows and start <= windows[-1][1]:
                    first, last, grouped = windows[-1]
                    grouped.append(position)
                    if end > last:
                        windows[-1] = (first, end, grouped)
                else:
                    windows.append((start, end, [position]))
            for start, end, grouped in windows:
                if pattern is not None:
                    found = []
                    for position in grouped:
                        if find is not None:
                            found += find(cols, position, start, end)
                        else:
                            found += matches_at(pattern, cols, position, start, end)
                    if found:
                        if len(found) > 1:
                            found = longest_first(found)
                        out += [(family, index, s, e) for s, e in found]
                    continue
                for _, s, e in self.matchers[rule](doc[start:end]):
                    out.append((family, index, s + start, e + start))
        for rule in self.unanchored:
            for key, s, e in self.matchers[rule](doc[lo:hi]):
                family, index = self._keys[key]
                out.append((family, index, s + lo, e + lo))
        return out

    def sentences(self, doc: Doc, orth: Sequence[int] | None = None) -> list[tuple[int, int]]:
        """The Doc's sentences as token ranges, repaired for written answers.

        Args:
            doc: The Doc.
            orth: The tokens' ``ORTH`` ids, when the caller has read them.
        """
        if orth is None:
            orth = doc.to_array(ORTH).tolist() if len(doc) else []
        array = doc.to_array([SENT_START, IS_SPACE])
        # the arrays' own nonzero(), not numpy.flatnonzero (a Python-level wrapper per call)
        starts = (array[:, 0] == 1).nonzero()[0].tolist()
        texts = self._texts
        breaks = [i for i in array[:, 1].nonzero()[0].tolist() if "\n" in texts[orth[i]]]
        words = _Words(orth, texts)
        out = []
        for s, e in sentence_ranges(words, starts, line_breaks=breaks):
            while e - s > self.max_sentence_tokens:
                out.append((s, s + self.max_sentence_tokens))
                s += self.max_sentence_tokens
            out.append((s, e))
        return out

    def abbreviations(
        self,
        doc: Doc,
        orth: Sequence[int],
        sentences: Sequence[tuple[int, int]],
        used_in: Sequence[int],
        columns: TokenColumns,
    ) -> list[tuple[int, dict[str, int]]]:
        """The abbreviations the Doc defines for government actors
        (:func:`~pipeline.nlp.commitment_logic.defined_abbreviations`), as (end of the defining
        sentence, abbreviations) in order. Only abbreviations used again after their definition
        in a sentence of ``used_in`` and read by no actor rule already ("DWP") are looked at, and
        only the actor rules are matched on their sentence, so that most Docs match nothing more.

        Args:
            doc: The Doc.
            orth: The tokens' ``ORTH`` ids.
            sentences: The Doc's sentences as token ranges (:meth:`sentences`).
            used_in: The indices of the sentences that hold a trigger.
            columns: The Doc's token attributes.
        """
        opening, closing = self._brackets
        texts = self._texts
        lower = columns.attr(LOWER)
        actor_anchors = self._actor_index
        last = len(orth) - 2
        candidates: dict[int, int] = {}  # orth id -> the first position of its "("
        i = -1
        while True:
            try:
                i = orth.index(opening, i + 1, last)
            except ValueError:
                break
            short = orth[i + 1]
            if (
                orth[i + 2] == closing
                and short not in candidates
                and lower[i + 1] not in actor_anchors  # an actor rule reads it already ("DWP")
                and orth.count(short) > 1
            ):
                word = texts[short]
                if len(word) >= 2 and word.isalpha() and word.isupper():
                    candidates[short] = i
        if not candidates:
            return []
        starts = [s for s, _ in sentences]
        defining: set[int] = set()
        for short, position in candidates.items():
            for k in used_in:
                s, e = sentences[k]
                if e > position + 3 and short in orth[max(s, position + 3) : e]:
                    defining.add(bisect_right(starts, position) - 1)
                    break
        out: list[tuple[int, dict[str, int]]] = []
        for j in sorted(defining):
            s, e = sentences[j]
            found = self._rule_matches(
                doc, _anchors_by_rule(lower, actor_anchors, s, e), s, e, columns
            )
            hits = [Hit(f, i, b - s, f_end - s) for f, i, b, f_end in found]  # type: ignore[arg-type]
            words = list(map(texts.__getitem__, orth[s:e]))
            defined = defined_abbreviations(
                words, hits, self.rules.actor_roles, lex=self.rules.lexicons
            )
            if defined:
                out.append((e, defined))
        return out

    def find(self, doc: Doc) -> list[Commitment]:
        """The commitments of ``doc``, in text order."""
        columns = TokenColumns(doc, self._flags)
        # the sentencizer has read the ORTH column already; a sealed Doc keeps it
        columns[COLUMN_INDEX[ORTH]] = attrs.token_column(doc, ORTH)
        columns.read(self._columns)
        lower = columns.attr(LOWER)
        trigger_anchors = _anchors_by_rule(lower, self._trigger_index, 0, len(lower))
        if not trigger_anchors and not self._unanchored_triggers:
            return []
        triggers = self._rule_matches(doc, trigger_anchors, 0, len(doc), columns)
        if not triggers:
            return []
        orth = columns.attr(ORTH)
        texts = self._texts
        sentences = self.sentences(doc, orth)
        starts = [s for s, _ in sentences]
        by_sentence: dict[int, list[tuple[str, int, int, int]]] = {}
        for hit in triggers:
            k = bisect_right(starts, hit[2]) - 1
            if k >= 0 and hit[3] <= sentences[k][1]:
                by_sentence.setdefault(k, []).append(hit)
        context_index = self._context_index
        context: dict[int, dict[int, list[int]]] = {}
        for k in by_sentence:
            # the anchors that bisect to sentence k: from its start to the next one's
            first = starts[k]
            stop = starts[k + 1] if k + 1 < len(starts) else len(lower)
            context[k] = _anchors_by_rule(lower, context_index, first, stop)
        anchor = attrs.get_anchor(doc)
        body = attrs.get_answering_body(doc)
        timexes: list[tuple[int, int, dict[str, Any]]] | None = None
        quantities: list[tuple[int, int, dict[str, Any]]] = []
        timex_starts: list[int] = []
        quantity_starts: list[int] = []
        rows: list[Commitment] = []
        last: tuple[int, SentenceInput] | None = None
        found_in = -2  # the last sentence that held a commitment
        with_triggers = sorted(by_sentence)
        defined = self.abbreviations(doc, orth, sentences, with_triggers, columns)
        for k in with_triggers:
            s, e = sentences[k]
            found = self._rule_matches(doc, context[k], s, e, columns)
            # the context index holds no trigger rule: only unanchored ones add trigger hits
            if self._unanchored_triggers:
                found = [h for h in found if h[0] != "trigger"]
            found = by_sentence[k] + found
            found.sort(key=_BY_SPAN)
            hits = [Hit(f, i, b - s, f_end - s) for f, i, b, f_end in found]  # type: ignore[arg-type]
            words = list(map(texts.__getitem__, orth[s:e]))
            if defined and defined[0][0] <= s:
                earlier = {a: i for end, d in defined if end <= s for a, i in d.items()}
                extra = abbreviation_hits(words, earlier, hits)
                if extra:
                    hits = sorted(hits + extra, key=lambda h: (h.start, h.end))
            if timexes is None:
                timexes = _sorted_mentions(doc, attrs.TIMEX_SPANS, attrs.TIMEX_ATTR)
                quantities = _sorted_mentions(doc, attrs.QUANTITY_SPANS, attrs.QUANTITY_ATTR)
                timex_starts = [m[0] for m in timexes]
                quantity_starts = [m[0] for m in quantities]
            if "-" in words:  # the whitespace column is read for the rare spaced hyphen
                words = clause_words(words, columns.attr(SPACY), s)
            antecedent = None
            if words and words[0] == "It" and last is not None and last[0] == k - 1:
                antecedent = main_subject(last[1], self.rules).status
            sentence = SentenceInput(
                words=words,
                hits=hits,
                timexes=_mentions_inside(timexes, timex_starts, s, e),
                quantities=_mentions_inside(quantities, quantity_starts, s, e),
                anchor=anchor,
                antecedent=antecedent,
                after_commitment=found_in == k - 1,
            )
            last = (k, sentence)
            for draft in find_commitments(sentence, self.rules):
                rows.append(self.row(doc, s, draft, anchor, body, columns))
                found_in = k
        rows.sort(key=lambda r: (r.char_start, r.char_end))
        return rows

    def row(
        self,
        doc: Doc,
        offset: int,
        draft: Draft,
        anchor: dt.date | None,
        body: str | None,
        columns: TokenColumns | None = None,
    ) -> Commitment:
        """Turn a sentence-relative draft into a :class:`~pipeline.types.Commitment`.

        Args:
            doc: The Doc.
            offset: The first token of the sentence the draft's positions are relative to.
            draft: The draft.
            anchor: The answer date.
            body: The answering body.
            columns: The Doc's token attributes, when the caller has read them already.
        """
        cols = columns if columns is not None else TokenColumns(doc, self._flags)
        text = attrs.doc_text(doc)
        orth = cols.attr(ORTH)
        texts = self._texts

        def span_text(start: int, end: int) -> str:
            """The text of tokens ``[start, end)`` of the Doc (``Span.text``)."""
            if end <= start:
                return ""
            return text[doc[start].idx : doc[end - 1].idx + len(texts[orth[end - 1]])]

        last = offset + draft.end - 1
        char_start, char_end = doc[offset + draft.start].idx, doc[last].idx + len(texts[orth[last]])
        actor_text, actor_rule = self._actor(offset, draft, span_text)
        due: str | None = None
        due_text: str | None = None
        if draft.due_candidates and anchor is not None and self.deadline is not None:
            readings = []
            for mention, prep_start in draft.due_candidates:
                timex = timex_from_payload(dict(mention.payload))
                preposition = span_text(offset + prep_start, offset + mention.start) or None
                readings.append(
                    (future_reading(horizon_reading(timex, preposition), anchor), preposition)
                )
            chosen = resolve_due(readings, anchor, self.deadline)
            if chosen is not None:
                index, date = chosen
                mention, prep_start = draft.due_candidates[index]
                due = date.isoformat()
                due_text = text[doc[offset + prep_start].idx : mention.payload["char_end"]]
        trigger = span_text(offset + draft.trigger_start, offset + draft.trigger_end)
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

    def _actor(
        self, offset: int, draft: Draft, span_text: Callable[[int, int], str]
    ) -> tuple[str | None, Any]:
        subject = draft.subject
        if (
            not draft.patient
            and subject.status in ("government", "other")
            and subject.rule is not None
            and subject.end > subject.start
        ):
            return (
                span_text(offset + subject.start, offset + subject.end),
                self.rules.actors[subject.rule],
            )
        return None, None

    # -- serialisation -------------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        """What pickling keeps: the vocabulary, the knobs and the rules; the matchers are
        compiled again from the rules when unpickled (they hold compiled closures)."""
        return {
            "vocab": self.vocab,
            "name": self.name,
            "max_sentence_tokens": self.max_sentence_tokens,
            "deadline": self.deadline,
            "rules": self.rules,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Restore a pickled component (see :meth:`__getstate__`)."""
        self.vocab = state["vocab"]
        self.name = state["name"]
        self.max_sentence_tokens = state["max_sentence_tokens"]
        self.deadline = state["deadline"]
        self._keys = {}
        self.set_rules(state["rules"])

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
