"""Find quantities in plain text: pure functions over offsets, driven by a compiled lexicon.

:func:`find_quantities` is the whole algorithm; the ``pct_quantity`` component only wires it to
a Doc. It works in three passes over the text:

1. Candidates: every numeral (digits, or number words) is classified by its surroundings. Names
   ("G7", "Covid-19", "SDS40"), reference numbers ("Question 1642", "paragraphs 3 and 4"),
   years and dates, times, phone numbers, list markers, numbers in URLs and in quoted titles
   are dropped. The rest take a currency prefix, a scale ("£2.6bn"), a unit after them ("%",
   "per cent", "kg", "years"), a ratio ("one in 10") or a counted noun phrase ("60,000 new
   places"), a hedge before them ("over") and a change wording ("rose by").
2. Links: two numbers joined as a range ("between £100m and £500m", "30-35 percent") share
   unit and scale, and the lower carries ``value_max``; a bare number in an elliptical
   coordination ("10 areas in Scotland and 5 in Wales") takes the unit of the count before it.
3. Output: durations (they belong to the time expressions) and numbers that still have no unit
   are dropped unless :class:`FindOptions` asks for them.

Per document the work is linear: each numeral is looked at once, with patterns anchored at its
offsets and context windows of fixed size.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pipeline.nlp.numbers import NUMBER_WORDS, SCALES, parse_digits, parse_number_words
from pipeline.nlp.quantity_rules import QuantityLexicon, UnitRule
from pipeline.nlp.rules import folds_alike, prefix_tree
from pipeline.types import Quantity

Singularise = Callable[[str], str]

_WORD_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
NUMERAL = re.compile(
    r"(?P<d>(?:(?<![\d.,])|(?<=\bc\.))(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|(?<![\w.,])\.\d+)"
    rf"|(?P<w>\b(?:{_WORD_NUM})(?:(?:[ \t]+|-)(?:and[ \t]+)?(?:{_WORD_NUM}))*\b)",
    re.IGNORECASE,
)
URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|\S+\.(?:pdf|html?|xlsx?|csv|docx?)\b")
_URL_CUES = ("http", "www.", "@", ".pdf", ".htm", ".xls", ".csv", ".doc")
"""Every match of ``URL`` holds one of these: a text with none has no match (its ``\\S+``
alternatives would otherwise be tried at every character)."""
_URL_WORD_CUES = tuple(c for c in _URL_CUES if not c.startswith("."))
_URL_EXTENSION = re.compile(
    r"\.(?:" + "|".join(re.escape(c[1:]) for c in _URL_CUES if c.startswith(".")) + ")"
)
"""The cues that open with a full stop, as one pattern: the regex engine scans for its literal
lead (a full stop) fast, while an alternation of all the cues has it test a character set at
every character (29.6 -> 11.2 M instructions over 600 answers, with ``str.find`` for the
others)."""
_NON_SPACE = re.compile(r"\S*")
# Where NUMERAL can start, found with patterns the regex engine scans fast (a leading character
# set rather than a lookbehind or a case-insensitive alternation): its digit branch
# ("1,618", ".5") on the text, its word branch on the lower-cased text.
_DIGIT_START = re.compile(
    r"[\d.](?:(?<=\d)(?:(?<![\d.,]\d)|(?<=\bc\.\d))|(?<=\.)(?<![\w.,]\.)(?=\d))"
)
_WORD_TREE = prefix_tree(sorted(NUMBER_WORDS, key=lambda w: (-len(w), w)))
# the word branch's words as a tree of shared prefixes: tried at each word start, a flat
# alternation of 34 words costs the regex engine 34 comparisons (0.071 -> 0.046 s a pass)
_WORD_RUN = rf"{_WORD_TREE}(?:(?:[ \t]+|-)(?:and[ \t]+)?{_WORD_TREE})*\b"
_WORD_START = re.compile(rf"\b{_WORD_RUN}")
_WORD_LEAD = re.compile(rf"\W({_WORD_RUN})", re.ASCII)
"""``_WORD_START`` with ASCII word classes, led by the character before the words (group 1 is
where they start). Where ``_WORD_START`` matches after the text's first character, it matches
(its words open with an ASCII letter, so its ``\\b`` there is a character before them that is
no word character, and a character that is no word character is none in ASCII either); it may
match more (before or after "é"), so each place it finds is checked with ``_WORD_START``. The
regex engine tests its ASCII classes faster (0.046 -> 0.032 s a pass), and it scans for the
leading character class, trying the words only after a character that is no word character
(a boundary ``\\b`` first made it try them at every character: 75.0 -> 55.4 M instructions
over 600 answers)."""
_QUOTED = re.compile(r"‘[^‘’\n]{1,100}’")
_ALPHA_RUN = re.compile(r"[^\W\d_]+")
_TIME_AFTER = re.compile(r"[ \t]?(?:a\.m\.|p\.m\.|am|pm)(?![A-Za-z])|:\d\d", re.IGNORECASE)
_YEAR_TAIL = re.compile(r"[-–/](?:\d{4}|\d{2})(?!\d)")
_ORDINAL_TAIL = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
_WORD = re.compile(r"[ \t]*([A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*)")
_GLUED_WORD = re.compile(r"-([A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*)")
_RANGE_GAP = re.compile(r"[ \t]*(?:-|–|—|to|and|or)[ \t]*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween[ \t]+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom[ \t]+$", re.IGNORECASE)
_RATIO = re.compile(r"[ \t]+(?:in|out[ \t]+of)[ \t]+(?:every[ \t]+)?", re.IGNORECASE)
_REF_LIST_GAP = re.compile(r"\s*(?:,|and|or|to|&|-|–|,\s*and|,\s*or)\s*", re.IGNORECASE)
_ELLIPSIS_GAP = re.compile(
    r"(?:\band|\bof[ \t]+which|\bof[ \t]+whom|\bwhile|\bwhilst|\bcompared[ \t]+(?:with|to)"
    r"|\bversus|\bincluding|\bfrom|\bto|\ba[ \t]+further|,)[ \t]*$",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(r"\b(?:a[ \t]+total[ \t]+of|a[ \t]+further)[ \t]+$", re.IGNORECASE)
"""Words after which a four-digit number is a count, not a year ("a total of 1838 Building
Assessment Certificate applications", "a further 2000 for seasonal poultry workers"), as the
time expressions' ``block.total_count`` reads them."""
_RANGE_END_GAP = re.compile(r"\d[ \t]*(?:-|–|to)[ \t]*$", re.IGNORECASE)
_LABEL_AFTER = re.compile(r"[ \t]+[-–:][ \t]+[A-Z]")
_SIGN_WORD = re.compile(r"\b(?:sub|minus)-$", re.IGNORECASE)
_MINUS = re.compile(r"\bminus[ -]$", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")
_TITLE_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
_MID_SENTENCE = re.compile(r"[a-z,][ \t]+$")
_WORD_COMPOUND_BEFORE = re.compile(r"(?:[^\W\d_]-|\bnet[ \t]+)$", re.IGNORECASE)
"""Before a number word, what makes it part of a compound that counts nothing: a word and a
hyphen ("net-zero targets"), or "net" ("our net zero goals", "meet net zero in 2050")."""
_AGE_COMMAS = re.compile(r",[ \t]")
_NAME_COMMA = re.compile(r"\b[A-Z][a-z]+,[ \t]$")
_OF_DET = re.compile(
    r"[ \t]+of[ \t]+(?:its|their|our|his|her|the|these|those)(?=[ \t])", re.IGNORECASE
)
_NUMBER_OF = re.compile(r"\bnumbers?[ \t]+of[ \t]+", re.IGNORECASE)
_COUNT_LEAD = re.compile(
    r"(?:(?:^|\n)[ \t(•*-]*|\b(?:was|were|is|are|totalled|totaled|totals|stood[ \t]+at|reached)"
    r"[ \t]+(?:(?:approximately|around|about|over|under|nearly|almost|some)[ \t]+)?)$",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"(?P<word>[A-Za-z][\w&'’.-]*)[ \t]$")
_SENTENCE_BREAK = re.compile(r"[.;:!?\n]")
_LINE_START = re.compile(r"(?:^|\n)[ \t(]*$")
_PER_BEFORE = re.compile(r"\bper[ \t]+$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
_SENTENCE_END_BEFORE = re.compile(r"[.!?:;\n][\s\"'“‘(]*$")
_OF_GAP = re.compile(r"[ \t]+(?:of[ \t]+)?")
_MONTH_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?[ \t]+(?:the[ \t]+)?$")
_DATE_TAIL = re.compile(r"[ \t]+(?:of[ \t]+)?[A-Za-z]+\.?,?(?:[ \t]+\d{4})?")
_ACRONYM = re.compile(r"[A-Z][A-Z&]+")
"""An acronym in capitals ("NHS", "HMPPS"): not a plural noun even when it ends in S (a plural
acronym ends in a small s: "UTCs")."""
MIN_CODE_DIGITS = 4
MAX_LIST_GAP = 12
"""How long a gap ("and", ", ") may join a number to a list of names or references."""
YEAR_DIGITS = 4
MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_ONE_MODIFIERS = 3
"""How many modifiers "one" may skip before its noun ("one non-statutory direct ministerial
appointment")."""
_ADJECTIVE_END = ("al", "ous", "ive", "ful", "able", "ible", "ic", "ed", "ing", "ary", "ant", "ent")
_SKIP_BEFORE_ONE = frozenset({"the", "this", "no", "any", "every", "each", "which", "some", "into"})
"""Words after which "one" is not a count: "the one", "no one", "into one place" (unifying)."""
_FRACTIONS = frozenset(
    {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth",
     "sixths", "tenth", "tenths", "eighth", "eighths"}
)  # fmt: skip

HEDGE_WINDOW = 30
REFERENCE_WINDOW = 30
PREFIX_WINDOW = 6
MAX_GAP_WORDS = 8
TREND_WINDOW = 60
NUMBER_OF_WINDOW = 400
"""How far back (characters) a bare count looks for "the number of <nouns>" that names it."""


@dataclass(frozen=True, slots=True)
class FindOptions:
    """Knobs of the finder.

    Attributes:
        bare_numbers: Also return numbers whose unit was not found (unit ``""``, kind
            ``count``); off for the project, on for benchmarks that annotate bare numbers.
        durations: Also return durations ("15 years" -> 15 ``year``, kind ``measure``) and ages
            ("2-year-olds", "aged 16"); off for the project (durations are time expressions,
            ages are not annotated), on for benchmarks that count them.
        max_noun_words: How many words after a number may lead to the counted noun.
    """

    bare_numbers: bool = False
    durations: bool = False
    max_noun_words: int = 5


@dataclass(slots=True)
class Candidate:
    """A number being classified (mutable while the passes link it to its neighbours).

    Attributes:
        start: Offset of the quantity text (the currency sign when there is one).
        end: Offset one past the quantity text (the unit or counted noun when there is one).
        num_end: Offset one past the numeral and its scale word.
        value: The value, scaled.
        scale: The scale factor applied (1 when none was written).
        unit: The unit (``""`` while unknown).
        kind: ``money``, ``percent``, ``count``, ``measure``, ``duration``, ``age`` or ``""``.
        rule: Provenance: the rule ids that fired, joined with ``+``.
        words: The numeral was written in words.
        approx: The hedge as written, or None.
        change: The change wording as written, or None.
        value_max: Upper bound when this is the lower bound of a range.
        name: Canonical unit name (benchmarks' normalised unit), or ``""``.
    """

    start: int
    end: int
    num_end: int
    value: float
    scale: float = 1.0
    unit: str = ""
    kind: str = ""
    rule: str = ""
    words: bool = False
    approx: str | None = None
    change: str | None = None
    value_max: float | None = None
    name: str = ""


class SpanSet:
    """Sorted, non-overlapping character ranges with a fast containment test."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self._starts = [s for s, _ in merged]
        self._spans = merged

    def covers(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps one of the ranges."""
        i = bisect.bisect_right(self._starts, start) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self._spans):
                s, e = self._spans[j]
                if s < end and start < e:
                    return True
        return False


def is_plural(word: str, lex: QuantityLexicon) -> bool:
    """Whether ``word`` (lower case) looks like a plural noun.

    Irregular plurals and invariant nouns come from the lexicon; otherwise a word in -s that is
    not a listed non-plural ("was", "this"), a possessive or a word in -ss/-us/-is/-ous.
    """
    if word in lex.noun_singular or word in lex.invariant:
        return True
    if word.endswith("men") and len(word) > 4 and word not in lex.not_plural:  # fishermen
        return True
    if len(word) < 3 or not word.endswith("s") or word in lex.not_plural:
        return False
    return not word.endswith(("ss", "us", "is", "ous", "'s", "’s"))


MAX_INVARIANT_LOOKAHEAD = 2
"""How many words after an invariant noun may lead to the plural it modifies."""


def invariant_modifier(text: str, pos: int, word: str, lex: QuantityLexicon) -> bool:
    """True when the invariant noun ``word`` (lower case, ending at ``pos``) modifies a plural
    noun within the next two words: "30 police officers", "43 police force areas", "13
    principal salmon rivers" count officers, areas and rivers, not police or salmon."""
    if word not in lex.invariant:
        return False
    cursor = pos
    for _ in range(MAX_INVARIANT_LOOKAHEAD):
        m = _WORD.match(text, cursor)
        if m is None:
            return False
        nxt = m.group(1)
        low = nxt.lower()
        if low in lex.stop_words or low in ("and", "or") or _ACRONYM.fullmatch(nxt):
            return False
        if is_plural(low, lex):
            return True
        cursor = m.end()
    return False


_OR_MORE = re.compile(r"[ \t]+or[ \t]+(?:more|fewer|less)(?=[ \t]+[A-Za-z])", re.IGNORECASE)
_COUNT_DETERMINERS = frozenset({"such", "more", "fewer", "extra"})
"""Words between a number and its noun that the count passes over ("37,000 fewer pupils")."""
_PARTITIVE_GAP = re.compile(
    r"[ \t]+(?:out[ \t]+)?of[ \t]+(?:the|his|her|its|their|these|those|our)[ \t]+", re.IGNORECASE
)
_PARTICIPLE_AFTER = re.compile(r"[ \t]+[a-z]+ing[ \t]+[a-z]")
_CLAUSE_AFTER_ING = re.compile(r"[ \t]+(?:how|why|what|whether|to)\b", re.IGNORECASE)
_PHRASE_END = re.compile(r"[ \t]*(?:[.,;:)]|$)|[ \t]+([A-Za-z]+)\b")
_NOT_HEAD_END = ("ly", "ed", "s", "ing", *_ADJECTIVE_END)


def noun_after_head(text: str, pos: int, lex: QuantityLexicon) -> tuple[int, str] | None:
    """The noun that a singular head (ending at ``pos``) modifies, when the phrase ends right
    after it: "one deputy head of digital role", "one commercial bus operator in 73 areas",
    "one staff member at". Only a lower-case word that does not end like a verb, a plural or an
    adjective ("one liable adult resident in", "one pool amplified", "one child dies") and is no
    listed verb ("one appointment made"), and only when punctuation, the end or a function word
    follows it.

    Returns:
        ``(end offset, the noun)``, or None.
    """
    m = _WORD.match(text, pos)
    if m is None:
        return None
    word = m.group(1)
    low = word.lower()
    if (
        not word[0].islower()
        or low in lex.stop_words
        or low in lex.adjectives
        or low in lex.verbs
        or low in ("and", "or")
        or low.endswith(_NOT_HEAD_END)
    ):
        return None
    end = _PHRASE_END.match(text, m.end())
    if end is None or (end.group(1) is not None and end.group(1).lower() not in lex.stop_words):
        return None
    return m.end(), word


def singular_unit(words: list[str], lex: QuantityLexicon, singularise: Singularise) -> str:
    """The unit of a counted noun phrase: a fixed compound if its last words form one, else the
    singular of its last word, lower-cased ("local authorities" -> "local authority")."""
    lowered = " ".join(words).lower().split()
    for size in range(min(lex.max_compound_words, len(lowered)), 1, -1):
        tail = " ".join(lowered[-size:])
        if tail in lex.compounds:
            return lex.compounds[tail]
        if tail in lex.compound_singulars:  # "one upper-tier local authority"
            return tail
    head = lowered[-1]
    if head in lex.noun_singular:
        return lex.noun_singular[head]
    if head in lex.invariant:
        return head
    return singularise(head) if is_plural(head, lex) else head  # "one bus", "one focus"


def counted_noun(
    text: str, pos: int, plural: bool, lex: QuantityLexicon, max_words: int
) -> tuple[int, list[str]] | None:
    """The counted noun phrase that starts at ``pos`` (after a number), if there is one.

    For a plural count the head is the first plural noun within ``max_words`` words, over
    modifiers ("4,855 registered business births", "30 police officers": an invariant noun
    before a plural modifies it), one coordination ("licensed taxi and PHV drivers"), a
    determiner ("132 such centres", "30,000 more procedures") or "or more" ("two or more
    perpetrators"); a number glued to a singular word modifies nothing after it ("two-tier
    areas"). For "one" it is the first content word ("one leg"), skipping up to three modifiers
    ("one non-statutory direct ministerial appointment") and taking the noun it modifies when
    the phrase ends there ("one deputy head of").

    Returns:
        ``(end offset of the head, the words up to the head)``, or None.
    """
    glued = _GLUED_WORD.match(text, pos)
    words: list[str] = []
    if glued and not plural:
        word = glued.group(1)
        return (glued.end(), [word]) if word.lower() not in lex.stop_words else None
    if (
        glued
        and not is_plural(glued.group(1).split("-")[-1].lower(), lex)
        and not _PARTICIPLE_AFTER.match(text, glued.end())
    ):
        return None  # "two-tier areas", "five-axle mixers", "Six-monthly Reports": a modifier
        # (but "eight-growth driving sectors" is "eight growth-driving sectors")
    cursor = glued.end() if glued else pos
    if glued:
        words.append(glued.group(1))
    elif plural and (bound := _OR_MORE.match(text, pos)) is not None:
        if _suffix(text, bound.end(), lex, ("duration",)) is not None:
            return None  # "four or more years": a duration
        cursor = bound.end()  # "two or more perpetrators", "9 or less employees"
    for _ in range(max_words):
        m = _WORD.match(text, cursor)
        if not m:
            return None
        word = m.group(1)
        low = word.lower()
        if plural and low in _COUNT_DETERMINERS and not words:
            if _suffix(text, m.end(), lex, ("duration",)) is not None:
                return None  # "10 more years": a duration
            cursor = m.end()  # "132 such centres", "30,000 more procedures"
            continue
        if low in lex.stop_words:
            return None
        if plural:
            if low in ("and", "or"):
                if not words:
                    return None
            elif (
                not _ACRONYM.fullmatch(word)  # not "NHS", "HMPPS"
                and is_plural(low, lex)
                and not invariant_modifier(text, m.end(), low, lex)
            ):
                whole = lex.of_compound.match(text, m.start(1)) if lex.of_compound else None
                if whole:  # "members of staff"
                    return whole.end(), [*words, " ".join(whole.group(0).split())]
                return m.end(), [*words, word]
            elif low.endswith("ly") and (
                low not in lex.adjectives or _suffix(text, m.end(), lex, ("duration",))
            ):
                return None  # "48 locally led strategies", "1,000 early years SENCOs"
        else:
            if low in ("and", "or") or low.endswith("ly"):
                return None
            if text[m.end() : m.end() + 1].isdigit():  # "one FV107 Scimitar": a model code
                code = _NON_SPACE.match(text, m.end())
                cursor = code.end() if code else m.end()
                continue
            nxt = _WORD.match(text, m.end())
            if (
                len(words) < MAX_ONE_MODIFIERS
                and (low.endswith(_ADJECTIVE_END) or low in lex.adjectives or "-" in low)
                and nxt
                and nxt.group(1).lower() not in lex.stop_words
                and nxt.group(1).lower() not in lex.verbs  # "one appointment made"
                and nxt.group(1).lower() not in ("and", "or")
            ):
                words.append(word)
                cursor = m.end()
                continue
            if low.endswith("ing") and _CLAUSE_AFTER_ING.match(text, m.end()):
                # "including one exploring how", "one appeal waiting to be listed": a verb
                return (cursor, words) if words else None
            after = noun_after_head(text, m.end(), lex)
            if after is not None:  # "one deputy head of", "one commercial bus operator in"
                return after[0], [*words, word, after[1]]
            return m.end(), [*words, word]
        words.append(word)
        cursor = m.end()
    return None


def _first_rule(
    rules: list[UnitRule], glued: bool, kinds: tuple[str, ...] | None = None
) -> UnitRule | None:
    for rule in rules:
        if kinds is not None and rule.kind not in kinds:
            continue
        if (rule.spacing == "glued" and not glued) or (rule.spacing == "spaced" and glued):
            continue
        return rule
    return None


def _suffix(
    text: str, pos: int, lex: QuantityLexicon, kinds: tuple[str, ...] | None = None
) -> tuple[UnitRule, str, int] | None:
    """The unit written right after ``pos``: ``(rule, form as written, end offset)``."""
    for pattern in (lex.suffix_cs, lex.suffix_ci):
        if pattern is None:
            continue
        m = pattern.match(text, pos)
        if not m:
            continue
        form = " ".join(m.group(1).split())
        glued = m.start(1) == pos
        rule = _first_rule(lex.unit_rules(form), glued, kinds)
        if rule is not None:
            return rule, form, m.end(1)
    return None


def _scale(text: str, pos: int, lex: QuantityLexicon) -> tuple[UnitRule, int] | None:
    if lex.scale is None:
        return None
    m = lex.scale.match(text, pos)
    if not m:
        return None
    rule = _first_rule(lex.unit_rules(" ".join(m.group(1).split())), m.start(1) == pos, ("scale",))
    return (rule, m.end(1)) if rule else None


_AGE_BAND_AT = re.compile(r"(\d{1,3})(?:[-–]|(?P<to>[ \t]+to[ \t]+))(\d{1,3})(?=[ \t]+[a-z])")
_RANGE_LEAD = re.compile(r"\b(?:from|between)[ \t]+$", re.IGNORECASE)


def age_band(text: str, start: int, lex: QuantityLexicon) -> tuple[int, float] | None:
    """The age band written at ``start`` before a lower-case word ("all 16-19 learners", "16-19
    academies", "increases in 16 to 19 learners"): the age of those named, not a count of them
    (held-out case 9: ages are not quantities). Only the lexicon's bands count, and not before
    a unit ("14-18 mpg").

    Returns:
        ``(end offset, upper age)``, or None.
    """
    if not lex.age_bands:
        return None
    m = _AGE_BAND_AT.match(text, start)
    if m is None or (int(m.group(1)), int(m.group(3))) not in lex.age_bands:
        return None
    if m.group("to") and _RANGE_LEAD.search(text, max(0, start - 10), start):
        return None  # "rose from 16 to 18 schools": a change, not an age band
    if _suffix(text, m.end(), lex) is not None or _scale(text, m.end(), lex) is not None:
        return None
    return m.end(), float(m.group(3))


def is_service_number(raw: str, text: str, end: int, lex: QuantityLexicon) -> bool:
    """True when the numeral ``raw`` (ending at ``end``) is a short phone number named by what
    follows it: "999 control rooms", "999 calls" (GUIDELINES section 3: phone numbers are not
    quantities)."""
    return (
        raw in lex.service_numbers
        and lex.service_context is not None
        and lex.service_context.match(text, end) is not None
    )


def is_code_after_letters(text: str, start: int, raw: str, lex: QuantityLexicon) -> bool:
    """True when a currency written in letters is glued to a long plain number: a code, not an
    amount ("framework RM6100", "RM6364 Media and Creative Framework"; "RM23.50" and "RM120,000"
    are ringgit)."""
    if not raw.isdigit() or len(raw) < MIN_CODE_DIGITS or lex.prefix is None:
        return False
    m = lex.prefix.search(text, max(0, start - PREFIX_WINDOW), start)
    return m is not None and m.end(1) == start and m.group(1).isalpha()


def is_year_numeral(raw: str) -> bool:
    """True when the numeral ``raw`` is written as a year (four plain digits, 1900-2100): after
    "in" it dates the number before it ("19 in 2020-21", "from 20 in 2012 to 44"), it is no
    ratio's denominator ("one in 10")."""
    return len(raw) == YEAR_DIGITS and raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR


def is_rounding(text: str, start: int, lex: QuantityLexicon) -> bool:
    """True when a rounding cue ends right before ``start`` ("rounded to the nearest £1,000",
    "to the nearest thousand"): the number is the precision of other figures, not an amount
    (call it at the numeral and at its currency sign)."""
    return lex.rounding is not None and bool(
        lex.rounding.search(text, max(0, start - REFERENCE_WINDOW), start)
    )


_FRACTION_OF_A = re.compile(r"\b(half|quarter|third)[ \t]+(?:of[ \t]+)?an?[ \t]+$", re.IGNORECASE)
_FRACTION_PARTS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}


def fraction_of_scale(text: str, start: int, raw: str) -> tuple[int, float] | None:
    """The fraction written before a lone scale word at ``start`` ("half a billion pounds",
    "a quarter of a million"): ``(offset of the fraction, its value)``, or None."""
    if raw.lower() not in SCALES:
        return None
    m = _FRACTION_OF_A.search(text, max(0, start - 20), start)
    return (m.start(1), _FRACTION_PARTS[m.group(1).lower()]) if m else None


def scales_compose(written: float, factor: float) -> bool:
    """Whether a scale word of ``factor`` multiplies the scale ``written`` before it: only a
    larger one does ("4 hundred million", "five thousand million"); the same or a smaller one
    repeats it ("£894m million" is £894 million, not £894 trillion)."""
    return written == 1 or factor > written


def is_zero_modifier(text: str, pos: int, lex: QuantityLexicon) -> bool:
    """True when the word at ``pos``, after "zero", makes a compound modifier rather than a
    counted noun: "zero emission cars", "zero-carbon homes", "zero tolerance" (a singular word);
    "zero deaths" and "zero new cases" are counts."""
    m = _GLUED_WORD.match(text, pos) or _WORD.match(text, pos)
    if m is None:
        return False
    word = m.group(1).split("-")[0].lower()
    return word not in lex.adjectives and word not in lex.stop_words and not is_plural(word, lex)


def _on_text(
    pattern: re.Pattern[str] | None,
    lower: re.Pattern[str] | None,
    fast: bool,
    text: str,
    lowered: str,
) -> tuple[re.Pattern[str] | None, str]:
    """The pattern to search and the text to search it in: ``lower`` on ``lowered`` when the
    text allows it (``fast``, see :class:`NumeralSearch`) and there is one, else ``pattern`` on
    ``text``. The two find a match at the same offsets."""
    return (lower, lowered) if fast and lower is not None else (pattern, text)


class _Scanner:
    """One pass over one text (internal: holds the text and its per-call state)."""

    def __init__(
        self,
        text: str,
        lex: QuantityLexicon,
        options: FindOptions,
        skip: SpanSet,
        singularise: Singularise,
    ) -> None:
        self.text = text
        self.lex = lex
        self.options = options
        self.skip = skip
        self.singularise = singularise
        self.last_reference_end = -1
        self.last_reject_end = -1
        self.phone_end = -1
        self.last_name_end = -1
        self._prefix_at: tuple[int, re.Match[str] | None] = (-1, None)
        self.numerals = NumeralSearch(text)
        # the context searches before a number on the lower-cased text where it stands for the
        # text (see ``quantity_rules.lower_twin``); their groups are read back from ``text``
        fast, lowered = self.numerals.fast, self.numerals.lowered
        self._reference = _on_text(lex.reference, lex.reference_lower, fast, text, lowered)
        self._hedge_in = _on_text(lex.hedge, lex.hedge_lower, fast, text, lowered)
        self._change_in = _on_text(lex.change, lex.change_lower, fast, text, lowered)

    def run(self) -> list[Candidate]:
        out: list[Candidate] = []
        pos = 0
        numerals = self.numerals
        while True:
            m = numerals.search(pos)
            if not m:
                break
            cand, consumed = self.classify(m)
            pos = max(consumed, m.end())
            if cand is None:
                self.last_reject_end = m.end()
            if cand is not None:
                out.append(cand)
        return out

    # -- helpers -------------------------------------------------------------------------------

    def _reject(self, end: int) -> tuple[None, int]:
        return None, end

    def _is_reference(self, start: int) -> bool:
        reference, text = self._reference
        if reference is not None and reference.search(
            text, max(0, start - REFERENCE_WINDOW), start
        ):
            return True
        if self.last_reference_end >= 0:
            gap = self.text[self.last_reference_end : start]
            if len(gap) < 12 and _REF_LIST_GAP.fullmatch(gap):
                return True
        return False

    def classify(self, m: re.Match[str]) -> tuple[Candidate | None, int]:
        text, lex = self.text, self.lex
        ns, ne = m.span()
        words = m.group("w") is not None
        raw = m.group(0)
        if self.skip.covers(ns, ne):
            return self._reject(ne)
        value = parse_number_words(raw) if words else parse_digits(raw)
        if value is None:
            return self._reject(ne)
        before = text[ns - 1] if ns else ""
        after = text[ne] if ne < len(text) else ""
        if self._is_reference(ns):
            self.last_reference_end = ne
            return self._reject(ne)
        prefix = self._prefix_before(ns)
        if is_rounding(text, ns, lex) or (
            prefix is not None and is_rounding(text, prefix.start(1), lex)
        ):
            return self._reject(ne)  # "rounded to the nearest £1,000": a precision, no amount
        idiom = lex.idiom.match(text, ns) if lex.idiom is not None else None
        if idiom is not None:
            return self._reject(idiom.end())  # "one-to-one", "a one-off payment"
        if words and _WORD_COMPOUND_BEFORE.search(text, max(0, ns - 5), ns):
            return self._reject(ne)  # "net-zero targets", "net zero goals"
        currency = self._currency_before(ns)
        if currency and not words and is_code_after_letters(text, ns, raw, lex):
            return self._reject(ne)  # "the Crown Commercial Services framework (RM6100)"
        if not words and not currency:
            band = age_band(text, ns, lex)
            if band is not None:
                end, upper = band
                return Candidate(
                    start=ns,
                    end=end,
                    num_end=end,
                    value=value,
                    unit="year of age",
                    kind="age",
                    rule="age_band",
                    value_max=upper,
                    name="year of age",
                ), end
            if is_service_number(raw, text, ne, lex):
                return self._reject(ne)
        if (
            words
            and raw[:1].isupper()
            and _TITLE_AFTER.match(text, ne)
            and _MID_SENTENCE.search(text, max(0, ns - 12), ns)
        ):
            return self._reject(ne)  # a capitalised number word inside a name: "the Office for
            # Zero Emission Vehicles", "Three Rivers District Council"
        if not words:
            # names and codes: a letter (or letter-hyphen) glued before the digits
            if (
                (not currency and before.isalpha())
                or (before and before in "_@#/\\")
                or (
                    before == "-"
                    and ns >= 2
                    and text[ns - 2].isalpha()
                    and not _SIGN_WORD.search(text, max(0, ns - 7), ns)
                )
            ):
                return self._reject(ne)
            if before == ":" and ns >= 2 and text[ns - 2].isdigit():  # 17:22, 1:36.6
                return self._reject(ne)
            if before in ("×", "⁄") or after in ("×", "⁄"):  # 1.99×10−30, 1⁄32
                return self._reject(ne)
            if before in ("-", "–") and ns - 1 == self.last_reject_end:  # 2019-20, Sept. 20-24
                return self._reject(ne)
            if (after == "/" and not (currency and text[ne + 1 : ne + 2].isalpha())) or (
                after == ":" and text[ne + 1 : ne + 2].isdigit()
            ):  # "12/05", "1/2"; "£69/MWh" is a price per unit
                return self._reject(ne)
            if after == "." and text[ne + 1 : ne + 2].isdigit():  # 1.2.3, 12.05.2024
                return self._reject(ne)
            if ns <= self.phone_end + 2 and ns > self.phone_end >= 0:
                self.phone_end = ne
                return self._reject(ne)
            if raw[0] == "0" and len(raw) >= 3 and raw.isdigit():
                self.phone_end = ne
                return self._reject(ne)
            if before == "(" and after == ")" and value < 100:
                return self._reject(ne)
            if (
                after
                and after in ".)-:"
                and _LINE_START.search(text, max(0, ns - 8), ns)
                and value < 100
                and not (after == "-" and text[ne + 1 : ne + 2].isdigit())
            ):
                return self._reject(ne)
            if _TIME_AFTER.match(text, ne):
                return self._reject(ne)
            if after.isalpha():
                run = _ALPHA_RUN.match(text, ne)
                assert run is not None
                tail = run.group(0)
                known = _suffix(text, ne, lex) or _scale(text, ne, lex)
                if known is None:
                    if (
                        _ORDINAL_TAIL.fullmatch(tail)
                        and value <= 31
                        and self._month_after(run.end())
                    ):
                        return self._reject(self._date_end(run.end()))
                    return self._reject(run.end())
        if not words and value == int(value) and "," not in raw and "." not in raw:
            if (
                1500 <= value <= 2100
                and len(raw) == 4
                and not currency
                and not _COUNT_BEFORE.search(text, max(0, ns - 16), ns)
                and not _suffix(text, ne, lex, ("percent", "money", "measure"))
                and not _scale(text, ne, lex)
            ):
                year_tail = _YEAR_TAIL.match(text, ne)
                return self._reject(year_tail.end() if year_tail else ne)
            if 1 <= value <= 31 and (self._month_after(ne) or self._month_before(ns)):
                return self._reject(self._date_end(ne))
        if words:
            low = raw.lower()
            if _PER_BEFORE.search(text, max(0, ns - 8), ns):
                return self._reject(ne)  # "per million inhabitants": a rate's denominator
            if low == "one" and not _RATIO.match(text, ne):
                prev = _WORD_BEFORE.search(text[max(0, ns - 20) : ns])
                if prev and prev.group(1).lower() in _SKIP_BEFORE_ONE:
                    return self._reject(ne)
        sign = 1.0
        if not words and before in ("-", "−") and (ns < 2 or text[ns - 2] in " \t\n($£€"):
            sign = -1.0
        if _MINUS.search(text, max(0, ns - 7), ns):
            sign = -1.0
        part = fraction_of_scale(text, ns, raw) if words else None
        if part is not None:
            value *= part[1]  # "half a billion pounds"
        cand, consumed = self._build(ns, ne, value, words)
        if cand is not None and part is not None and cand.start == ns:
            cand.start = part[0]
        if cand is not None and sign < 0:
            cand.value = -cand.value
            if cand.start == ns:
                cand.start = ns - 1
        return cand, consumed

    def _currency_before(self, ns: int) -> bool:
        return self._prefix_before(ns) is not None

    def _prefix_before(self, ns: int) -> re.Match[str] | None:
        """The prefix unit ("£", "US$") written before the numeral at ``ns`` (or before its
        minus sign: "$-50.8bn"); asked by ``classify`` and again by ``_build``, so the last
        answer is kept."""
        if self._prefix_at[0] == ns:
            return self._prefix_at[1]
        lex, pe = self.lex, ns
        if pe and self.text[pe - 1] in "-−":
            pe -= 1
        m = lex.prefix.search(self.text, max(0, pe - PREFIX_WINDOW), pe) if lex.prefix else None
        self._prefix_at = (ns, m)
        return m

    def _after_name(self, start: int) -> bool:
        """True when the number follows a capitalised word that does not start the sentence
        ("S&P 500", "Game 7", "Apple Watch 5"): a name with a number in it."""
        m = _NAME_BEFORE.search(self.text, max(0, start - 40), start)
        if not m:
            return False
        word = m.group("word")
        if not any(c.isupper() for c in word) or word.lower() in self.lex.stop_words:
            return False
        if word.endswith(("'s", "’s")):
            return False  # a possessive: "the Secretary of State’s five core priorities"
        if self.lex.hedge is not None and self.lex.hedge.search(self.text, m.start("word"), start):
            return False
        if any(c.isupper() for c in word[1:]) or "&" in word:
            return True  # S&P 500, iPhone 11, TA 35
        lead = self.text[max(0, m.start("word") - 3) : m.start("word")]
        return bool(lead.strip()) and not _SENTENCE_END_BEFORE.search(lead)

    def _in_name_list(self, start: int) -> bool:
        """True when the number continues a list whose last number was a name ("Creon 10000
        and 25000 capsules", "Challenger 2 and 3 tanks")."""
        if self.last_name_end < 0:
            return False
        gap = self.text[self.last_name_end : start]
        return len(gap) < MAX_LIST_GAP and bool(_REF_LIST_GAP.fullmatch(gap))

    def _month_after(self, pos: int) -> bool:
        lex = self.lex
        if lex.month is None:
            return False
        m = _OF_GAP.match(self.text, pos)
        return bool(m and lex.month.match(self.text, m.end()))

    def _month_before(self, ns: int) -> bool:
        lex = self.lex
        if lex.month is None:
            return False
        window = self.text[max(0, ns - 12) : ns]
        m = _MONTH_WORD_BEFORE.search(window)
        return bool(m and lex.month.fullmatch(m.group(1)))

    def _date_end(self, pos: int) -> int:
        m = _DATE_TAIL.match(self.text, pos)
        return m.end() if m else pos

    def _build(self, ns: int, ne: int, value: float, words: bool) -> tuple[Candidate | None, int]:
        text, lex = self.text, self.lex
        cand = Candidate(start=ns, end=ne, num_end=ne, value=value, words=words, rule="number")
        if words:  # "five thousand": the scale is part of the words
            last = text[ns:ne].lower().replace("-", " ").split()[-1]
            cand.scale = SCALES.get(last, 1.0)
        prefix_rule: UnitRule | None = None
        if lex.prefix is not None:
            pm = self._prefix_before(ns)
            if pm:
                prefix_rule = _first_rule(lex.unit_rules(" ".join(pm.group(1).split())), True)
                if prefix_rule is not None:
                    cand.start = pm.start(1)
        pos = ne
        for _ in range(2):  # "4 hundred million"
            scale = _scale(text, pos, lex)
            if scale is None or not scales_compose(cand.scale, scale[0].factor):
                break  # "£894m million": one scale written twice
            rule, pos = scale
            cand.value *= rule.factor
            cand.scale *= rule.factor
            cand.rule = rule.id
        cand.end = cand.num_end = pos
        if prefix_rule is not None:
            cand.unit, cand.kind, cand.name = prefix_rule.unit, prefix_rule.kind, prefix_rule.name
            cand.rule = prefix_rule.id
            cand.value *= prefix_rule.factor
            suffix = _suffix(text, pos, lex, ("money",))
            if suffix is not None and suffix[0].factor == 1:  # not "£80,000 p.a."
                pos = suffix[2]
            cand.end = pos
        else:
            suffix = _suffix(text, pos, lex)
            if suffix is not None:
                rule, form, send = suffix
                cand.end = send
                cand.rule = rule.id
                cand.kind = rule.kind
                cand.name = rule.name
                cand.value *= rule.factor
                if rule.kind in ("measure", "duration"):
                    cand.unit = rule.unit or self.singularise(form.lower())
                else:
                    cand.unit = rule.unit
                pos = send
            else:
                self._no_unit(cand, pos)
                pos = cand.end
        if not math.isfinite(cand.value):
            # Its scale words took it past a float's range ("£9...9 trillion", 300 nines): no
            # number stands for it (infinity is not JSON, and int() of it raises).
            return None, pos
        if (
            not cand.kind
            and value == int(value)
            and 1 <= value <= 110
            and _AGE_COMMAS.match(text, cand.end)
            and _NAME_COMMA.search(text, max(0, ns - 30), ns)
        ):  # "Maddon, 66, has": an age
            cand.kind, cand.unit, cand.name, cand.rule = (
                "age",
                "year of age",
                "year of age",
                "age_commas",
            )
        if (
            cand.kind in ("", "count")
            and prefix_rule is None
            and (self._after_name(cand.start) or self._in_name_list(cand.start))
        ):
            self.last_name_end = cand.num_end  # "Creon 10000 and 25000 capsules": names
            return None, pos
        if not cand.kind and _CAPITAL_AFTER.match(text, cand.end):
            return None, pos
        self._hedge(cand)
        change = lex.change_after.match(text, cand.end) if lex.change_after else None
        if change and cand.change is None:
            cand.change = change.group(1)
        return cand, pos

    def _no_unit(self, cand: Candidate, pos: int) -> None:
        """Ratio, fraction or counted noun after a number with no unit."""
        text, lex = self.text, self.lex
        ratio = _RATIO.match(text, pos)
        if ratio:
            other = NUMERAL.match(text, ratio.end())
            if other and not is_year_numeral(other.group(0)):  # "19 in 2020-21": a year
                den = (
                    parse_number_words(other.group(0))
                    if other.group("w")
                    else parse_digits(other.group(0))
                )
                if den and den > cand.value and cand.scale == 1:
                    cand.value = cand.value / den * 100
                    cand.unit, cand.kind, cand.name, cand.rule = (
                        "percent",
                        "percent",
                        "percentage",
                        "ratio",
                    )
                    cand.end = other.end()
                    return
        if cand.words and cand.value == 0 and is_zero_modifier(text, pos, lex):
            return  # "zero emission cars" counts nothing
        nxt = _WORD.match(text, pos)
        if nxt and nxt.group(1).lower() in _FRACTIONS:
            cand.kind = "fraction"
            return
        plural = cand.value != 1
        found = counted_noun(text, pos, plural, lex, self.options.max_noun_words)
        if found is None and plural:
            of = _OF_DET.match(text, pos)
            if of:
                found = counted_noun(text, of.end(), plural, lex, self.options.max_noun_words)
        if found is not None:
            end, words = found
            cand.end = end
            cand.unit = singular_unit(words, lex, self.singularise)
            cand.kind = "count"
            cand.name = cand.unit
            cand.rule = "count"

    def _hedge(self, cand: Candidate) -> None:
        text = self.text
        limit = cand.start
        hedge, searched = self._hedge_in
        if hedge is not None:
            hm = hedge.search(searched, max(0, cand.start - HEDGE_WINDOW), cand.start)
            if hm:
                limit = hm.start(1)
                cand.approx = text[limit : hm.end(1)]
        change, searched = self._change_in
        if change is not None:
            cm = change.search(searched, max(0, limit - HEDGE_WINDOW), limit)
            if cm:
                cand.change = text[cm.start(1) : cm.end(1)]


def _hedge_start(text: str, floor: int, start: int, lex: QuantityLexicon) -> int:
    """Where a hedge right before the number at ``start`` begins ("including *around* 15,000",
    "including *c.*15,000"), not before ``floor``; ``start`` when there is none."""
    if lex.hedge is None:
        return start
    hm = lex.hedge.search(text, max(floor, start - HEDGE_WINDOW), start)
    return hm.start(1) if hm else start


def trend_before(text: str, start: int, lex: QuantityLexicon) -> bool:
    """True when a trend word ("increased", "fell") comes shortly before ``start``: "from X to
    Y" is then a change, not a range."""
    return bool(lex.trend and lex.trend.search(text, max(0, start - TREND_WINDOW), start))


def can_end_range(first: Candidate, second: Candidate) -> bool:
    """Whether the bare number ``second``, written after ``first`` and "to" or a dash, can be
    the upper end of its range: not below it once ``first``'s scale is applied ("£5 to 10",
    "£2 to 3 million"; not "£123 million to 86 artificial intelligence (AI) technologies")."""
    scale = first.scale if second.scale == 1 else 1.0
    return second.value * scale >= first.value


def link(cands: list[Candidate], text: str, lex: QuantityLexicon) -> None:
    """Join ranges and ellipses in place (see the module docstring, pass 2)."""
    for first, second in itertools.pairwise(cands):
        gap = text[first.end : second.start]
        gm = _RANGE_GAP.fullmatch(gap)
        if not gm or first.kind == "fraction" or second.kind == "fraction":
            continue
        joiner = gap.strip().lower()
        left = text[max(0, first.start - HEDGE_WINDOW) : first.start]
        if first.approx:
            left = left[: left.rfind(first.approx)]
        if joiner == "and" and not _BETWEEN.search(left):
            if not first.kind and second.kind == "count" and not first.words:
                # "15,000 and 120,000 households": the first count shares the noun
                first.unit, first.kind, first.name = second.unit, second.kind, second.name
                first.rule = f"{first.rule}+coordination"
            continue
        if first.change is not None and joiner == "to" and first.kind:
            continue  # "fell 0.4 per cent to 13176": a change then a level, not a range
        trend = (
            joiner == "to"
            and bool(_FROM.search(left))
            and bool(trend_before(text, first.start, lex))
        )
        if not first.kind and second.kind:
            first.unit, first.kind, first.name = second.unit, second.kind, second.name
        elif first.kind and not second.kind:
            if joiner != "or" and not _FROM.search(left) and not can_end_range(first, second):
                continue  # "provided £123 million to 86 AI technologies": no upper bound
            second.unit, second.kind, second.name = first.unit, first.kind, first.name
        if first.scale == 1 and second.scale > 1 and first.value * second.scale <= second.value:
            first.value *= second.scale
            first.scale = second.scale
        if joiner == "or":
            continue  # "eight or nine euros": shared unit, two values
        if (
            first.kind == second.kind
            and first.unit == second.unit  # not "by three percentage points to 38%"
            and first.value <= second.value
            and not trend
        ):
            first.value_max = second.value
            first.rule = f"{first.rule}+range"
    for first, second in itertools.pairwise(cands):
        if (
            not first.kind
            and second.kind == "count"
            and second.value >= first.value
            and _PARTITIVE_GAP.fullmatch(text, first.end, second.start)
        ):  # "19 of his 20 recommendations", "11 of the 28 school sixth forms"
            first.unit, first.kind, first.name = second.unit, "count", second.name
            first.rule = "partitive"
    previous: Candidate | None = None
    for cand in cands:
        if not cand.kind and previous is not None and previous.kind == "count":
            gap = text[previous.end : _hedge_start(text, previous.end, cand.start, lex)]
            if (
                not _SENTENCE_BREAK.search(gap)
                and len(gap.split()) <= MAX_GAP_WORDS
                and _ELLIPSIS_GAP.search(gap)
                and not _RANGE_END_GAP.search(gap)  # "Statements 1 to 5": ends 1's range
            ):
                cand.unit, cand.kind, cand.name = previous.unit, "count", previous.name
                cand.rule = "ellipsis"
        if cand.kind == "count":
            previous = cand


SIGNIFICANT_DIGITS = 15
"""Digits a value keeps: a float holds 15-17; the last ones are noise of the scale arithmetic."""


def round_float_noise(value: float) -> float:
    """``value`` without the noise a scale or sub-unit factor leaves in binary floating point
    ("£8.3 billion" is 8.3 * 1e9 = 8300000000.000001; "1112 p" 11.120000000000001): rounded to
    15 significant digits, which every written amount fits."""
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def to_rows(cands: list[Candidate], text: str, options: FindOptions) -> list[Quantity]:
    """The candidates that are quantities, as rows (see the module docstring, pass 3)."""
    rows: list[Quantity] = []
    for cand in cands:
        kind = cand.kind
        if kind == "fraction":
            continue
        if kind == "duration":
            if not options.durations:
                continue
            kind = "measure"
        elif kind == "age":
            if not options.durations:
                continue  # ages are not annotated (held-out case 9), like durations
            kind = "measure"
        elif not kind:
            if not options.bare_numbers or cand.words:
                continue
            kind = "count"
        rows.append(
            Quantity(
                text=text[cand.start : cand.end],
                char_start=cand.start,
                char_end=cand.end,
                value=round_float_noise(cand.value),
                unit=cand.unit,
                kind=kind,  # type: ignore[arg-type]
                approx=cand.approx,
                change=cand.change,
                value_max=None if cand.value_max is None else round_float_noise(cand.value_max),
                rule=cand.rule,
            )
        )
    return rows


def _next_cue(text: str, pos: int) -> int:
    """Where the first cue of ``_URL_CUES`` at or after ``pos`` starts, or -1."""
    m = _URL_EXTENSION.search(text, pos)
    found = m.start() if m else -1
    end = found if m else len(text)
    for cue in _URL_WORD_CUES:
        at = text.find(cue, pos, end + len(cue) - 1)  # one starting before ``end``
        if at >= 0:
            found = end = at
    return found


def url_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``URL.finditer(text)``, searched only in the runs of non-space characters
    that hold a cue (``_URL_CUES``).

    A match of ``URL`` is made of non-space characters and holds a cue, so it lies inside one
    such run, and a search bounded by the run finds what the whole text's search finds there
    (the run ends at a space or at the end, where ``\\b`` and ``\\S+`` see the same). The
    ``\\S+`` alternatives cost the regex engine a scan to the end of the run at each character:
    over the whole text that is every word of it.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    while True:
        cue = _next_cue(text, pos)
        if cue < 0:
            return spans
        start = cue
        while start and not text[start - 1].isspace():
            start -= 1
        end = _NON_SPACE.match(text, cue).end()  # type: ignore[union-attr]
        spans.extend(m.span() for m in URL.finditer(text, start, end))
        pos = end


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges whose numbers are never quantities: URLs, e-mail addresses, file names
    and short titles in single curly quotes (‘SDS40’, ‘30 by 30’)."""
    urls = url_spans(text)
    return urls + [m.span() for m in _QUOTED.finditer(text)] if "‘" in text else urls


class NumeralSearch:
    """``NUMERAL.search(text, pos)`` for one text, without trying NUMERAL at every character.

    NUMERAL starts either with a digit or point (its ``d`` branch) or with a number word at a
    word boundary (its ``w`` branch). Two patterns that the regex engine scans by a leading
    character set find the next start of each branch (the word branch on the lower-cased text,
    where it needs no case-insensitive matching); NUMERAL is then matched at the nearer one,
    which gives the very match ``search`` finds there. A found start is kept while later
    searches begin at or before it, so a text is scanned about once per branch. Texts whose
    lower-casing changes offsets or folds differently from the regex engine (see
    ``pipeline.nlp.rules.folds_alike``) use ``NUMERAL.search``.

    Args:
        text: The text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        self.fast = folds_alike(text, lowered)
        self.lowered = lowered
        self._found: list[tuple[int, int]] = [(-1, -1), (-1, -1)]  # (searched from, start)

    def _next(self, branch: int, pos: int) -> int:
        searched, start = self._found[branch]
        if searched != -1 and searched <= pos and (start == -2 or start >= pos):
            return start
        if branch == 0:
            m = _DIGIT_START.search(self.text, pos)
            start = m.start() if m else -2  # -2: none after pos
        else:
            start = self._word_start(pos)
        self._found[branch] = (pos, start)
        return start

    def _word_start(self, pos: int) -> int:
        """The first place at or after ``pos`` where ``_WORD_START`` matches the lower-cased
        text, or -2 (the text's start, with no character before it, is tried directly)."""
        lowered = self.lowered
        if pos == 0:
            if _WORD_START.match(lowered) is not None:
                return 0
            pos = 1
        m = _WORD_LEAD.search(lowered, pos - 1)
        while m is not None and _WORD_START.match(lowered, m.start(1)) is None:
            m = _WORD_LEAD.search(lowered, m.start(1))
        return m.start(1) if m else -2

    def search(self, pos: int) -> re.Match[str] | None:
        """The first NUMERAL match starting at or after ``pos``, as ``NUMERAL.search`` gives."""
        if not self.fast:
            return NUMERAL.search(self.text, pos)
        digit, word = self._next(0, pos), self._next(1, pos)
        start = word if digit < 0 or 0 <= word < digit else digit
        if start < 0:
            return None
        match = NUMERAL.match(self.text, start)
        return match if match is not None else NUMERAL.search(self.text, pos)


def elliptical_counts(
    cands: list[Candidate],
    text: str,
    lex: QuantityLexicon,
    singularise: Singularise,
    max_words: int,
) -> None:
    """Give a bare count the noun that "the number of <nouns>" named before it (held-out case
    13), in place: a count that opens a line of a list ("the number of incidents reported ... is
    provided below: / 233 related to laptops") or follows "was/were/is/totalled" in the same
    sentence ("the number of people referred was 84,054").

    Args:
        cands: The candidates, in text order.
        text: The text.
        lex: The compiled rules.
        singularise: Turns a plural noun into its singular.
        max_words: How many words after "number of" may lead to the counted noun.
    """
    for cand in cands:
        if cand.kind or cand.words or cand.value < 2 or cand.value != int(cand.value):
            continue
        lead = _COUNT_LEAD.search(text, max(0, cand.start - 40), cand.start)
        if lead is None or _LABEL_AFTER.match(text, cand.end):
            continue  # "10423 - Assault on a constable": a code that labels a line
        window_start = max(0, cand.start - NUMBER_OF_WINDOW)
        last = None
        for m in _NUMBER_OF.finditer(text, window_start, cand.start):
            last = m
        if last is None:
            continue
        line_start = "\n" in lead.group(0) or lead.start() == 0
        if not line_start and _SENTENCE_BREAK.search(text, last.end(), cand.start):
            continue  # "was 84,054" counts what the same sentence's "number of" names
        found = counted_noun(text, last.end(), True, lex, max_words)
        if found is None or found[0] > cand.start:
            continue
        cand.unit = singular_unit(found[1], lex, singularise)
        cand.kind, cand.name, cand.rule = "count", cand.unit, "number_of"


def find_candidates(
    text: str,
    lex: QuantityLexicon,
    *,
    skip: Iterable[tuple[int, int]] = (),
    options: FindOptions | None = None,
    singularise: Singularise = str.lower,
) -> list[Candidate]:
    """Passes 1 and 2: every number classified and linked (for callers that need the unit
    names or the dropped kinds, such as benchmark adapters)."""
    options = options or FindOptions()
    spans = SpanSet([*skip, *blocked_spans(text)])
    cands = _Scanner(text, lex, options, spans, singularise).run()
    link(cands, text, lex)
    elliptical_counts(cands, text, lex, singularise, options.max_noun_words)
    return cands


def find_quantities(
    text: str,
    lex: QuantityLexicon,
    *,
    skip: Iterable[tuple[int, int]] = (),
    options: FindOptions | None = None,
    singularise: Singularise = str.lower,
) -> list[Quantity]:
    """Every quantity in ``text``, in text order.

    Args:
        text: Plain text.
        lex: The compiled rules.
        skip: Character ranges to leave alone (the time expressions' dates, durations, sets).
        options: Knobs; the project's defaults when None.
        singularise: Turns a lower-case plural noun into its singular (the component passes a
            cached ``inflect`` wrapper); the identity on lower case by default.

    Returns:
        The quantities, with offsets into ``text``.
    """
    options = options or FindOptions()
    return to_rows(
        find_candidates(text, lex, skip=skip, options=options, singularise=singularise),
        text,
        options,
    )


class Singulariser:
    """Singular of a lower-case English noun through ``inflect``, cached per instance.

    ``inflect.engine().singular_noun`` takes tens of microseconds; counted nouns repeat a lot,
    so each instance keeps its own cache (no module-level state). Multi-word units keep their
    shape: the word before "per"/"of"/"a" is singularised ("miles per hour" -> "mile per hour"),
    else the last word ("square metres" -> "square metre").
    """

    def __init__(self) -> None:
        import inflect

        self._engine = inflect.engine()
        self._cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        """The singular of ``word`` (``word`` itself when it is not a plural)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        parts = word.split()
        index = len(parts) - 1
        for i, part in enumerate(parts):
            if part in ("per", "of", "a", "an") and i > 0:
                index = i - 1
                break
        head = parts[index] if parts else word
        single = self._engine.singular_noun(head) if head.isalpha() or "-" in head else False
        if single:
            parts[index] = single
        result = " ".join(parts) if parts else word
        self._cache[word] = result
        return result

    def __reduce__(self) -> tuple[type[Singulariser], tuple[()]]:
        return (Singulariser, ())
