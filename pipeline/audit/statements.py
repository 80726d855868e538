"""Statements of one answer: its commitments in context, and evidence patterns around initiatives.

Two sources, one row type (:class:`~pipeline.audit.records.Statement`):

- the engine's commitment rows, each placed in its context: the initiatives named in its quote
  (weight 1.0), elsewhere in its sentence (0.7) or, when the sentence opens with an anaphor
  ("This feeds into ... and aims to be complete by 2025"), in the sentence before (0.6); the
  content words of that context (the deliverable); and the action family of its verb;
- the audit's evidence patterns (``cues.jsonl``) next to an initiative mention, for what is not a
  commitment clause but still dates a deliverable: "the 10-Year Health Plan published on 3 July",
  "The National Cancer Plan, due for publication early next year". Their dates come from the
  engine's time expressions that follow the cue (``date_gap`` rules say what may stand between).

Pattern statements are evidence only; the audited commitments are the engine's rows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.audit.lexicon import Lexicon
from pipeline.audit.records import AnswerRecord, DueShape, InitiativeMention, Statement
from pipeline.audit.text import (
    Sentence,
    content_terms,
    sentence_index,
    split_sentences,
    starts_with_anaphor,
    stem,
)
from pipeline.types import Commitment, Timex

IN_QUOTE = 1.0
IN_SENTENCE = 0.7
IN_ANTECEDENT = 0.6
CITED = 0.4
"""Factor for a name the clause only cites ("As set out in the 10-Year Health Plan, we ...")."""
_ATTACHED = re.compile(r"[\s,]*(?:(?:which|that)\s+)?$", re.IGNORECASE)
"""What may separate a name from a clause about it that the engine quoted without it
("the Defence Investment Plan, [which will be published in the autumn]")."""
_GOVERNED = re.compile(
    r"\b(?:will|shall|to|be|been|must|would)\s+(?:(?:be|have|been|now|then|also|formally|fully|finally|first)\s+)*$",
    re.IGNORECASE,
)


_PURPOSE = re.compile(r"^\s*(?:in\s+order\s+)?to\s+[^,;.]{1,120}[,;]", re.IGNORECASE)
"""An opening purpose clause ("To deliver our pledge, ..."): its verb is not the action."""


def without_purpose(text: str) -> str:
    """``text`` with an opening purpose clause blanked out (offsets kept): in "To deliver our
    manifesto pledge, from 2026/27, we intend to introduce permanently lower tax rates" the
    action is "introduce"."""
    match = _PURPOSE.match(text)
    return " " * match.end() + text[match.end() :] if match else text


FORM_PREFERENCE: dict[str, tuple[str, ...]] = {
    "future": ("base", "past", "noun"),
    "done": ("past", "base", "noun"),
}


def action_family(text: str, lexicon: Lexicon, kind: str | None = None) -> str | None:
    """The action family of ``text``, or None when it has no action word.

    A ``future`` statement's action is its first base form ("will publish"), else its first past
    participle ("to be published"), else a nominalisation ("due for publication"); a ``done``
    statement's is its first past form first. Mask initiative names out of ``text`` first
    (:func:`mask`) so that "Defence Investment Plan" does not read as "invest".
    """
    for form in FORM_PREFERENCE.get(kind or "", ()):
        match = lexicon.form_regexes[form].search(text) if form in lexicon.form_regexes else None
        if match:
            return lexicon.family_of(match.group(0))
    match = lexicon.action_regex.search(text)
    return lexicon.family_of(match.group(0)) if match else None


def governing_action(
    text: str, lexicon: Lexicon, kind: str | None = None, anchor: str | None = None
) -> str | None:
    """The action a statement's date governs.

    Before ``anchor`` (its due or event words), the last action word after a modal or an
    infinitive ("will publish", "to be published"), else the last action word; with no anchor in
    ``text``, the first action word after a modal or infinitive; else :func:`action_family`. A
    ``done`` statement's action is its past form ("has announced its intention to introduce" is
    an announcement), never one governed by "to", and None without one ("has engaged ... ahead
    of publication" reports no publication).

    In "The National Cancer Plan, due for publication early next year, will set out further
    details" the date belongs to "publication", not to "set out". An opening purpose clause is
    skipped (:func:`without_purpose`).
    """
    text = without_purpose(text)
    if kind == "done" and not anchor:
        past = lexicon.form_regexes["past"].search(text) if "past" in lexicon.form_regexes else None
        return lexicon.family_of(past.group(0)) if past else None
    governed = [
        m
        for m in lexicon.action_regex.finditer(text)
        if _GOVERNED.search(text[max(0, m.start() - 40) : m.start()])
    ]
    if kind == "done":
        governed = []
    position = text.find(anchor) if anchor else -1
    if position > 0:
        for candidates in (
            [m for m in governed if m.end() <= position],
            [m for m in lexicon.action_regex.finditer(text, 0, position)],
        ):
            if candidates:
                return lexicon.family_of(candidates[-1].group(0))
    if governed:
        return lexicon.family_of(governed[0].group(0))
    return action_family(text, lexicon, kind)


_MODAL_VERB = re.compile(
    r"\b(?:will|shall|must|would"
    r"|(?:expected|due|set|going|planned|scheduled|intends?|aims?|plans?|expects?)\s+to)\s+"
    r"(?:(?:be|have|been|not|now|then|also|still|only|on\s+average"
    r"|(?!(?:apply|supply|reply|rely|comply|multiply)\b)[a-z]+ly)\s+)*"
    r"([a-z][a-z-]*[a-z])\b",
    re.IGNORECASE,
)
"""A modal or a planning infinitive ("is expected to"), the auxiliaries and adverbs after it,
and the verb it governs."""


def governed_verb(text: str) -> str | None:
    """The verb the first modal or planning infinitive of ``text`` governs, lower-cased and
    stemmed, for a statement with no action word: "The employer National Insurance rise will be
    implemented in April 2025" -> ``implemented``; "865,000 employers will pay no NICs at all
    next year" -> ``pay``; "such data is expected to be available from 2024" -> ``available``.
    None without one. An opening purpose clause is skipped (:func:`without_purpose`); mask
    initiative names out of ``text`` first (:func:`mask`)."""
    match = _MODAL_VERB.search(without_purpose(text))
    return stem(match.group(1)) if match else None


def due_shape(due_text: str | None, lexicon: Lexicon) -> DueShape:
    """What a due date is the end of: ``span`` ("from 1 October 2024 until 31 March 2025"),
    ``start`` ("from October": when something begins to apply) or ``point`` (a deadline, and
    anything the lexicon's ``due_span``/``due_start`` rules do not match, in that order)."""
    if due_text:
        for shape, regex in lexicon.due_shapes:
            if regex.match(due_text.strip()):
                return "span" if shape == "span" else "start"
    return "point"


def mask(text: str, start: int, end: int, mentions: Sequence[InitiativeMention]) -> str:
    """``text[start:end]`` with every initiative mention inside it blanked out (offsets kept)."""
    chars = list(text[start:end])
    for mention in mentions:
        for offset in range(max(mention.char_start, start), min(mention.char_end, end)):
            chars[offset - start] = " "
    return "".join(chars)


def is_cited(
    text: str, mention: InitiativeMention, sentence: Sentence, lexicon: Lexicon, kind: str
) -> bool:
    """True when the words before ``mention`` only cite it ("as set out in the", "as part of the"),
    or the words after it say what it contains ("The 10-Year Health Plan sets out ambitious
    plans to ...", "The Strategic Defence Review (SDR) recommended that ..."), and no cue of the
    statement's ``kind`` follows it (", to be published in autumn 2025" makes it the subject of a
    future statement again)."""
    before = text[max(sentence.char_start, mention.char_start - 80) : mention.char_start]
    after = text[mention.char_end : sentence.char_end]
    if not any(regex.search(before) for regex in lexicon.citations) and not any(
        regex.match(after) for regex in lexicon.citations_after
    ):
        return False
    return not any(
        cue.rule.side == "after" and cue.rule.kind == kind and cue.regex.match(after)
        for cue in lexicon.cues
    )


@functools.cache
def term_exclusions(lexicon: Lexicon) -> frozenset[str]:
    """Words left out of deliverable terms: generic vocabulary and single-word action forms."""
    actions = {form for form in lexicon.action_family if " " not in form}
    return lexicon.generic_words | frozenset(actions)


def context_initiatives(
    start: int,
    end: int,
    sentences: Sequence[Sentence],
    mentions: Sequence[InitiativeMention],
    text: str,
    lexicon: Lexicon | None = None,
    kind: str = "future",
) -> tuple[tuple[str, float], ...]:
    """Initiative keys a span ``[start, end)`` concerns, with weights, strongest first.

    Args:
        start: Offset of the span's first character.
        end: Offset one past its end.
        sentences: The text's sentences.
        mentions: The text's initiative mentions.
        text: The text the offsets point into.
        lexicon: With it, a name only cited (:func:`is_cited`) weighs ``CITED`` times less.
        kind: The statement's kind (decides which cues make a cited name the subject again).
    """
    index = sentence_index(sentences, start)
    sentence = sentences[index] if sentences else Sentence(start, end)
    anaphoric = starts_with_anaphor(
        text[sentence.char_start : sentence.char_end]
    ) or starts_with_anaphor(text[start:end])
    previous = sentences[index - 1] if anaphoric and index > 0 else None
    weights: dict[str, float] = {}
    for mention in mentions:
        if (mention.char_start < end and mention.char_end > start) or (
            sentence.char_start <= mention.char_start
            and mention.char_end <= start
            and _ATTACHED.match(text, mention.char_end, start)
        ):
            weight = IN_QUOTE
        elif mention.char_start >= sentence.char_start and mention.char_end <= sentence.char_end:
            weight = IN_SENTENCE
        elif (
            previous
            and mention.char_start >= previous.char_start
            and mention.char_end <= previous.char_end
        ):
            weight = IN_ANTECEDENT
        else:
            continue
        if lexicon is not None:
            home = (
                sentences[sentence_index(sentences, mention.char_start)] if sentences else sentence
            )
            if is_cited(text, mention, home, lexicon, kind):
                weight *= CITED
        weights[mention.key] = max(weights.get(mention.key, 0.0), weight)
    return tuple(sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])))


def context_terms(
    start: int, end: int, sentences: Sequence[Sentence], text: str, exclude: frozenset[str]
) -> frozenset[str]:
    """Content words of what a span is about: its sentence, and the one before after an anaphor."""
    if not sentences:
        return content_terms(text[start:end], exclude=exclude)
    index = sentence_index(sentences, start)
    sentence = sentences[index]
    span_start = min(start, sentence.char_start)
    span_end = max(end, sentence.char_end)
    sentence_text = text[sentence.char_start : sentence.char_end]
    if (starts_with_anaphor(sentence_text) or starts_with_anaphor(text[start:end])) and index > 0:
        span_start = sentences[index - 1].char_start
    return content_terms(text[span_start:span_end], exclude=exclude)


def _event_dates(
    start: int, end: int, timexes: Sequence[Timex]
) -> tuple[str | None, str | None, str | None]:
    """The first dated time expression inside ``[start, end)``: its ISO start, end and words."""
    for timex in timexes:
        if (
            timex.char_start >= start
            and timex.char_end <= end
            and timex.type == "date"
            and timex.end
        ):
            return timex.start, timex.end, timex.text
    return None, None, None


def commitment_statement(
    answer: AnswerRecord,
    commitment: Commitment,
    sentences: Sequence[Sentence],
    mentions: Sequence[InitiativeMention],
    lexicon: Lexicon,
) -> Statement:
    """One engine commitment as a :class:`Statement`, placed in its answer's context."""
    start, end = commitment.char_start, commitment.char_end
    event_start, event_end, anchor = None, None, commitment.due_text
    if commitment.kind == "done":
        event_start, event_end, anchor = _event_dates(start, end, answer.timexes)
    masked = mask(answer.text, start, end, mentions)
    action = governing_action(masked, lexicon, commitment.kind, anchor)
    return Statement(
        answer_id=answer.id,
        answer_version=answer.answer_version,
        date=answer.date_answered,
        department=lexicon.department(answer.department),
        quote=commitment.quote,
        char_start=start,
        char_end=end,
        kind=commitment.kind,
        due=commitment.due,
        due_text=commitment.due_text,
        due_shape=due_shape(commitment.due_text, lexicon),
        strength=commitment.strength,
        assurance=commitment.assurance,
        negated=commitment.negated,
        actor=commitment.actor_resolved or commitment.actor,
        action=action,
        verb=governed_verb(masked) if action is None else None,
        event_start=event_start,
        event_end=event_end,
        initiatives=context_initiatives(
            start, end, sentences, mentions, answer.text, lexicon, commitment.kind
        ),
        terms=context_terms(start, end, sentences, answer.text, term_exclusions(lexicon)),
        quote_terms=content_terms(commitment.quote, exclude=term_exclusions(lexicon)),
        source="commitment",
        rule=commitment.rule,
    )


def _dating_timex(
    text: str, offset: int, limit: int, timexes: Sequence[Timex], lexicon: Lexicon
) -> Timex | None:
    """The first dated time expression after ``offset`` (before ``limit``) joined by a date gap."""
    for timex in timexes:
        if (
            timex.char_start < offset
            or timex.char_end > limit
            or timex.type != "date"
            or not timex.end
        ):
            continue
        gap = text[offset : timex.char_start]
        if any(regex.match(gap) for regex in lexicon.date_gaps):
            return timex
        return None
    return None


def pattern_statements(
    answer: AnswerRecord,
    sentences: Sequence[Sentence],
    mentions: Sequence[InitiativeMention],
    lexicon: Lexicon,
) -> list[Statement]:
    """Evidence statements found by the cue rules next to each initiative mention.

    Args:
        answer: The answer (text, timexes, date, department).
        sentences: Its sentences.
        mentions: Its initiative mentions.
        lexicon: The cue rules and action families.

    Returns:
        At most one statement per mention (the first cue rule that matches), in text order.
    """
    text = answer.text
    timexes = sorted(answer.timexes, key=lambda t: t.char_start)
    exclude = term_exclusions(lexicon)
    found: list[Statement] = []
    for mention in mentions:
        sentence = sentences[sentence_index(sentences, mention.char_start)]
        before = text[sentence.char_start : mention.char_start]
        after = text[mention.char_end : sentence.char_end]
        for cue in lexicon.cues:
            if cue.rule.side == "after":
                match = cue.regex.match(after)
                if match is None:
                    continue
                cue_start, cue_end = (
                    mention.char_end + match.start(),
                    mention.char_end + match.end(),
                )
                date_from = cue_end
            else:
                match = cue.regex.search(before)
                if match is None:
                    continue
                cue_start, cue_end = (
                    sentence.char_start + match.start(),
                    sentence.char_start + match.end(),
                )
                date_from = mention.char_end
            timex = _dating_timex(text, date_from, sentence.char_end, timexes, lexicon)
            start = min(mention.char_start, cue_start)
            end = max(mention.char_end, cue_end, timex.char_end if timex else 0)
            while start < end and text[start] in " ,":
                start += 1
            kind = cue.rule.kind
            due = due_text = event_start = event_end = None
            if timex is not None:
                if kind == "future":
                    due = timex.end
                    due_text = re.sub(r"^[\s,]+", "", text[date_from : timex.char_end])
                else:
                    event_start, event_end = timex.start, timex.end
            found.append(
                Statement(
                    answer_id=answer.id,
                    answer_version=answer.answer_version,
                    date=answer.date_answered,
                    department=lexicon.department(answer.department),
                    quote=text[start:end],
                    char_start=start,
                    char_end=end,
                    kind=kind,
                    due=due,
                    due_text=due_text,
                    due_shape=due_shape(due_text, lexicon),
                    strength="soft" if cue.rule.strength == "soft" else "firm",
                    action=action_family(mask(text, cue_start, cue_end, mentions), lexicon, kind),
                    event_start=event_start,
                    event_end=event_end,
                    initiatives=((mention.key, IN_QUOTE),),
                    terms=content_terms(text[start:end], exclude=exclude)
                    | content_terms(mention.name, exclude=exclude),
                    quote_terms=content_terms(text[start:end], exclude=exclude),
                    source="pattern",
                    rule=cue.rule.id,
                )
            )
            break
    return found


def answer_statements(
    answer: AnswerRecord, mentions: Sequence[InitiativeMention], lexicon: Lexicon
) -> list[Statement]:
    """All statements of one answer: its commitments, and pattern evidence not already covered.

    A pattern statement that overlaps a commitment of the same kind is dropped (the engine's row
    stands for that clause) unless it dates what the commitment leaves undated; then the
    pattern is the evidence and the commitment is only audited (``evidence=False``).
    """
    sentences = split_sentences(answer.text)
    statements = [
        commitment_statement(answer, c, sentences, mentions, lexicon) for c in answer.commitments
    ]
    for candidate in pattern_statements(answer, sentences, mentions, lexicon):
        overlapping = [
            i
            for i, s in enumerate(statements)
            if s.source == "commitment"
            and s.kind == candidate.kind
            and s.char_start < candidate.char_end
            and candidate.char_start < s.char_end
        ]
        if not overlapping:
            statements.append(candidate)
        elif _dated(candidate) and not any(_dated(statements[i]) for i in overlapping):
            for i in overlapping:
                statements[i] = replace(statements[i], evidence=False)
            statements.append(candidate)
    statements.sort(key=lambda s: (s.char_start, s.char_end))
    return statements


def _dated(statement: Statement) -> bool:
    return bool(statement.due if statement.kind == "future" else statement.event_end)
