"""Sentences and clauses without a parser: pure functions over token texts.

The rule model runs over ``spacy.blank("en")``: no tagger, no parser. Commitments are clauses
("one record per clause with its own finite verb or auxiliary", GUIDELINES.md section 1), so
this module finds clause boundaries from closed-class words alone:

- hard punctuation (``;``, ``:``, a spaced dash between words);
- coordinating conjunctions (``and``, ``but``, ...) when what follows opens a new finite clause:
  an auxiliary or trigger straight after the conjunction ("has engaged 2,000 schools *and will*
  continue to do so"), or a short subject followed by one ("... *and we will* ..."). Verbs that
  share one auxiliary stay together ("will continue to fund X and work closely with Y");
- relative pronouns (``which``, ``who``, ``that`` followed by a verb group) and subordinators
  (``if``, ``when``, ``once``, ``until``, ``because``, ...), which open clauses of their own;
- a comma that closes a leading subordinate clause ("Once available, I will write ...").

Which token positions start a finite verb group is the caller's knowledge (the trigger
matches plus auxiliaries); :func:`verb_starts` gives the auxiliary part. Everything here works
on plain sequences of strings so that tests call it directly.

Grammar words are closed classes (auxiliaries, coordinators, subordinators, relatives,
wh-words, pronouns, determiners, prepositions, punctuation, abbreviations) and live here as the
component's language data, like spaCy's own ``spacy/lang/en/*.py``. Open-class words a rule
writer tunes for the domain (the verbs that take a "that" or an "if" complement, the hedges)
are rule data: :class:`~pipeline.nlp.commitment_rules.Lexicons`, read from ``lexicons.jsonl``
and passed in as ``lex``, like the triggers, actors and vetoes.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from itertools import compress
from typing import TYPE_CHECKING, Any, Literal, TypeVar

if TYPE_CHECKING:
    from pipeline.nlp.commitment_rules import Lexicons

_Class = TypeVar("_Class", bound=type)

ClauseRole = Literal["main", "coordinate", "relative", "subordinate", "conditional"]

AUXILIARIES = frozenset(
    {
        "will", "shall", "would", "can", "could", "may", "might", "must", "should",
        "is", "are", "am", "was", "were", "has", "have", "had", "does", "do", "did",
        "wo", "'ll", "'s", "'re", "'ve", "\u2019ll", "\u2019re", "\u2019ve", "remains",
        "remain", "continues", "continue",
    }
)  # fmt: skip
"""Words that start a finite verb group; the contractions with both apostrophes, except the
curly "\u2019s", which in answers is the possessive."""
POSSESSIVE_TITLES = frozenset({"majesty"})
"""Words after which a straight "'s" is always the possessive, never "is" or "has": "His
Majesty's Government continues ..." (the Government acts, not His Majesty)."""
COORDINATORS = frozenset({"and", "but", "or", "yet", "so", "nor"})
CONTRASTIVES = frozenset({"whilst", "while", "whereas", "although", "though"})
RELATIVES = frozenset({"which", "who", "whom", "whose"})
SUBORDINATORS = frozenset(
    {"when", "once", "until", "unless", "because", "whether", "where", "what", "how", "why"}
)
CONDITIONALS = frozenset({"if"})
CONJUNCTIVE_ADVERBS = frozenset({"however"})
"""Adverbs that join two main clauses after a comma ("..., however we will include ...")."""
# Words that open a subordinate clause only when a subject and verb follow ("as they take
# action", "before this is concluded"); otherwise they are prepositions ("as set out",
# "since 2010").
WEAK_SUBORDINATORS = frozenset({"as", "since", "before", "after"})
PREPOSITIONS_BEFORE_RELATIVE = frozenset(
    {"in", "by", "of", "for", "to", "with", "through", "under", "from", "on", "at", "during"}
)
WH_WORDS = frozenset({"how", "what", "why", "whether", "where", "when", "who", "which", "whom"})
SUBJECT_PRONOUNS = frozenset(
    {"we", "i", "they", "he", "she", "it", "this", "these", "those", "there", "you"}
)
NP_DETERMINERS = frozenset(
    {
        "the", "a", "an", "this", "these", "those", "that", "our", "my", "its", "their", "his",
        "her", "some", "all", "each", "every", "no", "many", "most", "any", "both", "other",
        "further", "several", "such", "another", "more",
    }
)  # fmt: skip
# Words that may stand between a conjunction and the verb group it coordinates.
INTERVENING_ADVERBS = frozenset(
    {
        "also", "currently", "now", "then", "therefore", "further", "still", "already",
        "so", "thus", "hence", "consequently", "additionally", "not", "jointly",
        "separately", "subsequently", "similarly", "likewise", "accordingly", "moreover",
        "furthermore", "indeed", "fully", "firmly", "actively", "recently",
    }
)  # fmt: skip
ADVERB_DETERMINERS = INTERVENING_ADVERBS & NP_DETERMINERS
"""Words that may open a subject noun phrase as well as stand before a verb ("further")."""
DASHES = frozenset({"–", "—", "--"})  # a bare "-" is a hyphen split off inside a word
HARD_PUNCT = frozenset({";", ":"})
_NOT_IN_NOUN_PHRASE = (
    PREPOSITIONS_BEFORE_RELATIVE
    | NP_DETERMINERS
    | COORDINATORS
    | RELATIVES
    | SUBORDINATORS
    | CONDITIONALS
    | WEAK_SUBORDINATORS
    | SUBJECT_PRONOUNS
    | {"that", "not"}
)
"""Words that do not stand inside a short noun phrase after a demonstrative."""
MAX_SUBJECT_TOKENS = 8


def slot_init(cls: _Class) -> _Class:
    """Give a ``@dataclass(frozen=True, slots=True)`` class a faster ``__init__``, same signature.

    The dataclass's own ``__init__`` of a frozen class sets each field through
    ``object.__setattr__`` (a lookup and a call through the generic setter per field); this one
    stores each field through its slot's member descriptor, bound once (~390 -> ~245 ns for a
    four-field object). The logic builds hundreds of thousands of these per corpus pass (hits,
    mentions, clauses, subjects, drafts). Defaults and default factories behave as the
    dataclass's; a class with ``__post_init__``, keyword-only or ``init=False`` fields is
    returned unchanged.

    Args:
        cls: The dataclass (apply this above ``@dataclass``).

    Returns:
        ``cls``, its ``__init__`` replaced.
    """
    items = fields(cls)
    if hasattr(cls, "__post_init__") or any(f.kw_only or not f.init for f in items):
        return cls
    namespace: dict[str, Any] = {"_MISSING": MISSING}
    params, body = [], []
    for f in items:
        namespace[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        if f.default is not MISSING:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(f"    if {f.name} is _MISSING: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
        body.append(f"    _set_{f.name}(self, {f.name})")
    source = f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body)
    exec(source, namespace)  # source built here from the class's own fields
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__  # type: ignore[misc]
    cls.__init__ = init  # type: ignore[misc]
    return cls


@slot_init
@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of a sentence, as token positions relative to the sentence.

    Attributes:
        start: Position of the first token (the opener, when there is one).
        end: Position one past the last token.
        role: ``main`` (the first clause, or one after hard punctuation), ``coordinate``
            (opened by a coordinator), ``relative``, ``subordinate`` or ``conditional``.
        opener: The lower-cased boundary word or punctuation that opened it, or None.
        body: Position of the first token after the opener (``start`` when there is none).
    """

    start: int
    end: int
    role: ClauseRole
    opener: str | None = None
    body: int = 0


def verb_starts(
    words: Sequence[str], extra: Collection[int] = (), *, lower: Sequence[str] | None = None
) -> frozenset[int]:
    """Positions where a finite verb group may start: auxiliaries, plus ``extra`` (triggers).

    Args:
        words: The sentence's token texts.
        extra: Further positions known to start a verb group (trigger matches).
        lower: ``words`` lower-cased, when the caller has them.
    """
    lower = lower if lower is not None else [w.lower() for w in words]
    found = set(compress(range(len(lower)), map(AUXILIARIES.__contains__, lower)))
    found.difference_update(
        [i for i in found if i and lower[i] == "'s" and lower[i - 1] in POSSESSIVE_TITLES]
    )
    found.update(extra)
    return frozenset(found)


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _next_verb(
    lower: Sequence[str],
    starts: frozenset[int],
    i: int,
    limit: int,
    *,
    allow_subject: bool,
    words_original_case: Sequence[str] | None = None,
    named: Mapping[int, int] | None = None,
    lex: Lexicons | None = None,
) -> int | None:
    """Position of the verb group that a boundary at ``i`` opens, or None.

    From ``i`` (the first token after the boundary word), skip intervening adverbs; a verb
    start there opens a clause with an elided subject. With ``allow_subject``, a pronoun or a
    short noun phrase (no punctuation, no other boundary word) followed by a verb start opens a
    clause with its own subject; so does an actor's name that ``named`` lists (its start and
    end) when the verb group follows it directly: "..., and *ministers intend* to look at ...".
    With ``lex``, the noun phrase may end in a relative clause of a pronoun and its verb
    (:func:`pronoun_relative_verb`) when the verb group follows that verb directly: "..., and
    *the premises from which they operate will* also need to be licensed".
    """
    j = i
    while j < limit and lower[j] in INTERVENING_ADVERBS and j not in starts:
        j += 1
    if j < limit and j in starts:
        return j
    if not allow_subject or j >= limit:
        return None
    if j > i and lower[i] in ADVERB_DETERMINERS and lower[j] not in SUBJECT_PRONOUNS:
        # "further" determines the subject rather than modifying the verb: "..., and *further
        # details* on the proposed scheme *will* be provided at that time".
        j = i
    if lower[j] in WH_WORDS:
        return None
    if lower[j] in SUBJECT_PRONOUNS:
        k = j + 1
        while k < limit and lower[k] in INTERVENING_ADVERBS and k not in starts:
            k += 1
        return k if k < limit and k in starts else None
    # A noun-phrase subject starts with a determiner, a name or a number ("and the Department
    # will", "and NHS England has"); "and environmental potential of rail freight is" coordinates
    # adjectives inside one noun phrase.
    head = words_original_case[j] if words_original_case is not None else lower[j]
    if named and j in named and lower[j] not in NP_DETERMINERS and not head[:1].isupper():
        k = named[j]
        while k < limit and lower[k] in INTERVENING_ADVERBS and k not in starts:
            k += 1
        return k if k < limit and k in starts and lower[k] not in {"'s", "’s"} else None
    if lower[j] not in NP_DETERMINERS and not head[:1].isupper() and not head[:1].isdigit():
        return None
    for k in range(j, min(limit, j + MAX_SUBJECT_TOKENS + 1)):
        word = lower[k]
        if k in starts and k > j:
            return k
        if not _is_word(word) and word not in {"(", ")", "'s", "’s", "&", "-"}:
            return None
        if (word in RELATIVES or word == "that") and lex is not None and k > j:
            own = pronoun_relative_verb(lower, k, lex=lex)
            if own is None:
                return None
            m = own + 1
            while m < limit and lower[m] in INTERVENING_ADVERBS and m not in starts:
                m += 1
            return m if m < limit and m in starts else None
        if word in RELATIVES or word in COORDINATORS or word in SUBORDINATORS or word == "that":
            return None
    return None


MAX_BARE_SUBJECT_TOKENS = 7
"""The most words a bare noun-phrase subject (no determiner) may hold before its "will"."""


def bare_subject_will(lower: Sequence[str], starts: Collection[int], j: int, limit: int) -> bool:
    """Whether a bare noun phrase at ``j`` (no determiner: "next steps", "decisions on the future
    of the programme") is followed by a verb group that opens with "will".

    The phrase opens with an alphabetic word of no closed class and not an adverb in "-ly", and
    holds only alphabetic words; prepositions and determiners may follow its first word.

    Args:
        lower: The sentence's words, lower-cased.
        starts: Positions where a finite verb group starts.
        j: The position after the coordinator.
        limit: Where the search stops.
    """
    if j >= limit or j in starts:
        return False
    first = lower[j]
    if (
        not first.isalpha()
        or first.endswith("ly")
        or first in _NOT_IN_NOUN_PHRASE
        or first in AUXILIARIES
        or first in INTERVENING_ADVERBS
        or first in WH_WORDS
    ):
        return False
    for k in range(j + 1, min(limit, j + MAX_BARE_SUBJECT_TOKENS + 1)):
        if k in starts:
            return lower[k] == "will"
        word = lower[k]
        if not word.isalpha() or word in COORDINATORS or word in RELATIVES or word == "that":
            return False
        if word in SUBORDINATORS or word in CONDITIONALS or word in SUBJECT_PRONOUNS:
            return False
    return False


DEMONSTRATIVES = frozenset({"this", "these", "those"})
"""Pronouns that may also determine a noun phrase ("this increase", "these standards")."""
MAX_DEMONSTRATIVE_NOUNS = 3
"""The most words a noun phrase after a demonstrative may hold before its verb group."""


def _demonstrative_subject(
    lower: Sequence[str], starts: Collection[int], j: int, limit: int
) -> int | None:
    """Position of the verb group after a subject that a demonstrative determines ("in full and
    *this increase will* boost ...", "..., and *this Government has* allocated £2.4bn ..."),
    or None.

    :func:`_next_verb` reads "this", "these" and "those" as pronouns, whose verb group follows
    at once. As determiners they take one to three words of a noun phrase first; a preposition,
    a determiner, a boundary word or punctuation among them means the phrase is no subject
    ("and *those operating on* the ground to do all we can").

    Args:
        lower: The sentence's words, lower-cased.
        starts: Positions where a finite verb group starts.
        j: The position after the coordinator.
        limit: Where the search stops.
    """
    if j >= limit or lower[j] not in DEMONSTRATIVES:
        return None
    for k in range(j + 1, min(limit, j + MAX_DEMONSTRATIVE_NOUNS + 2)):
        if k in starts:
            return k if k > j + 1 else None
        word = lower[k]
        if not word.isalpha() or word in _NOT_IN_NOUN_PHRASE:
            return None
    return None


def _is_number_like(token: str) -> bool:
    return bool(token) and (token[0].isdigit() or token.lower() in {"to", "and"})


def _title(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() if len(word) > 1 else word.isupper()


def _relative_has_trigger(lower: Sequence[str], i: int, triggers: Collection[int] | None) -> bool:
    """Whether the relative clause opened at ``i`` holds a trigger before the next comma or
    hard punctuation (always True when triggers are not given)."""
    if triggers is None:
        return True
    for j in range(i + 1, len(lower)):
        if lower[j] in HARD_PUNCT or lower[j] == ",":
            return False
        if j in triggers:
            return True
    return False


NOT_BEFORE_RELATIVE_THAT = frozenset({",", "than", "as", "and", "or", "but"})
"""Words after which a "that" before a participle is no relative pronoun."""


def _relative_past_trigger(
    lower: Sequence[str], verbs: Collection[int], triggers: Collection[int] | None, i: int
) -> bool:
    """Whether the "that" at ``i`` opens a relative clause whose own verb is a trigger in the
    past tense ("a policy statement on 28 November 2024 *that confirmed* that local government
    will receive ...") and holds a further trigger before the next comma: a step that reports
    a second verb group, which may be a commitment of its own.

    Such a trigger looks like a participle, so it is not among the positions that split a
    sentence (``verbs``); straight after a relative "that" it is finite. A relative clause with
    no further trigger stays in its noun phrase ("engage with the organisations *that
    responded*"). Not after a preposition, a determiner, a comma or a coordinator, where "that"
    is a pronoun ("similar to *that published* by ..."), nor when a noun and a verb group follow
    the participle, which then modifies that noun ("to the level *that published data has*
    been").

    Args:
        lower: The sentence's words, lower-cased.
        verbs: Positions where a finite verb group starts.
        triggers: Positions where a commitment trigger starts, or None.
        i: The position of "that".
    """
    if triggers is None or (i + 1) not in triggers or i == 0:
        return False
    prev = lower[i - 1]
    if prev in PREPOSITIONS_BEFORE_RELATIVE or prev in NP_DETERMINERS:
        return False
    if prev in NOT_BEFORE_RELATIVE_THAT:
        return False
    if (i + 3) in verbs and i + 2 < len(lower) and lower[i + 2] not in SUBJECT_PRONOUNS:
        return False
    return _relative_has_trigger(lower, i + 1, triggers)


def _hedge_if(lower: Sequence[str], i: int, *, lex: Lexicons) -> bool:
    """True when the "if" at ``i`` only hedges ("... into transition planning *if
    appropriate*.", "if necessary,"): one adjective, then punctuation or the end."""
    return (
        i + 1 < len(lower)
        and lower[i + 1] in lex.hedge_adjectives
        and (i + 2 >= len(lower) or not any(ch.isalnum() for ch in lower[i + 2]))
    )


TITLE_COLON_OPENERS = frozenset({"in", "under", "through", "within", "as", "from"})
"""Prepositions that open a leading adverbial naming a publication whose title may hold a colon."""


def _title_colon(lower: Sequence[str], verbs: Collection[int], start: int, i: int) -> bool:
    """True when the colon at ``i`` sits inside a publication's title in a leading adverbial
    ("In Fit for the Future: 10-Year Health Plan for England, the Government committed ..."): the
    text from ``start`` opens with a preposition, holds no verb group, and a comma follows the
    colon before any verb group."""
    if lower[i] != ":" or start >= i or lower[start] not in TITLE_COLON_OPENERS:
        return False
    if any(start <= v < i for v in verbs):
        return False
    for j in range(i + 1, len(lower)):
        if j in verbs or lower[j] in HARD_PUNCT:
            return False
        if lower[j] == ",":
            return True
    return False


TITLE_JOINING_WORDS = frozenset({"of", "on", "in", "to", "for", "and", "the", "&", "-"})
"""Lower-case words that may stand between the capitalised words of a title ("Statistics on
International Development", "Help to Grow")."""

OPENING_QUOTES = frozenset({"‘", "“"})
CLOSING_QUOTES = frozenset({"’", "”"})


def _capitalised(word: str) -> bool:
    """A word that may be part of a title: it opens with a capital ("LGBT", "Veterans")."""
    return word[:1].isupper()


def inner_title_colon(
    words: Sequence[str],
    verbs: Collection[int],
    protected: Sequence[tuple[int, int]],
    i: int,
) -> bool:
    """True when the colon at ``i`` sits inside the title of a publication named after the verb
    group ("Final figures for 2024 will be published in Statistics on International Development:
    Final UK ODA Spend 2024 on 18 September 2025", "will continue to keep the 'Permitted
    development rights for householders: technical guidance' under review"), not before a list
    or an explanation. A word follows on the same line, and either a quotation opened before
    the colon is still open, or the colon ends a run of at least two capitalised words (only
    :data:`TITLE_JOINING_WORDS` between them) that is no actor's name ("funded by the
    Department for Education: Barnardo's ..."); no verb group follows before the next comma or
    stop."""
    n = len(words)
    if words[i] != ":" or i == 0 or i + 1 >= n or not words[i + 1][:1].isalnum():
        return False
    opened = sum(w in OPENING_QUOTES for w in words[:i]) > sum(
        w in CLOSING_QUOTES for w in words[:i]
    )
    if not opened:
        if any(e == i for s, e in protected):
            return False  # an actor's name ends at the colon
        capitals = 0
        k = i - 1
        while k >= 0 and (_capitalised(words[k]) or words[k].lower() in TITLE_JOINING_WORDS):
            capitals += _capitalised(words[k])
            k -= 1
        if capitals < 2 or not _capitalised(words[i - 1]) or k < 0:
            return False  # not a title, or the title opens the sentence (a heading)
    for j in range(i + 1, n):
        if j in verbs:
            return False
        if words[j] in {",", ";", ":", ".", "?", "!"} or words[j] in DASHES:
            break
    return True


def _opens_main_without_comma(
    lower: Sequence[str],
    verbs: Collection[int],
    protected: Sequence[tuple[int, int]],
    start: int,
    i: int,
) -> bool:
    """True when a named actor (a protected span) starting at ``i`` and followed by a verb group
    opens the main clause after a leading subordinate clause that already has its own verb group
    (from ``start``)."""
    name_end = None  # the first name at i (or after "the" at i)
    for s, e in protected:
        if s == i or (s == i + 1 and lower[i] == "the"):
            name_end = e
            break
    if name_end is None:
        return False  # no name: no main clause opens here
    has_verb = any(start < v < i for v in verbs)
    if not has_verb and i - start < 3:
        return False
    k = name_end
    while k < len(lower) and lower[k] in INTERVENING_ADVERBS and k not in verbs:
        k += 1
    if k not in verbs or lower[k] in {"is", "are", "was", "were", "has", "have"}:
        return False
    return has_verb or lower[k] in {"will", "shall"}


CURRENCY_SIGNS = frozenset({"£", "$", "€"})
"""Currency signs that open a counted noun phrase as a number does ("£2 million")."""


def count_start(lower: Sequence[str], i: int, n: int, *, lex: Lexicons) -> int | None:
    """Where the number (or currency sign) of a counted noun phrase opening at ``i`` stands,
    after its hedges (``subject_hedges``: "over 12 million pensioners", "approximately 60,000
    parents"), or None when the words from ``i`` up to ``n`` do not open with a count."""
    j = i
    while j < n and lower[j] in lex.subject_hedges:
        j += 1
    if j < n and (lower[j][:1].isdigit() or lower[j] in CURRENCY_SIGNS):
        return j
    return None


def _quantified_splice(
    lower: Sequence[str], verbs: Collection[int], i: int, n: int, *, lex: Lexicons
) -> bool:
    """True when the words from ``i`` are a counted noun phrase (a hedge, then a number) and a
    "will" right after it: "over 12 million pensioners will benefit"."""
    j = count_start(lower, i, n, lex=lex)
    if j is None:
        return False
    for k in range(j + 1, min(n, j + MAX_SUBJECT_TOKENS + 1)):
        if lower[k] in {"will", "shall"} and k in verbs:
            return True
        if not _is_word(lower[k]) and not _is_number_like(lower[k]):
            return False
        if lower[k] in RELATIVES or lower[k] in COORDINATORS or lower[k] in SUBORDINATORS:
            return False
    return False


_BOUNDARY_WORDS = (
    HARD_PUNCT
    | DASHES
    | COORDINATORS
    | CONJUNCTIVE_ADVERBS
    | CONTRASTIVES
    | RELATIVES
    | CONDITIONALS
    | SUBORDINATORS
    | WEAK_SUBORDINATORS
    | {",", "that", "why", "how"}
)
"""Every word at which :func:`clause_boundaries` may open a clause when the open clause is not
a leading subordinate or conditional one (the words its branches test; keep the two in step)."""
_LEADING_ROLES = frozenset({"subordinate", "conditional"})


RELATIVE_OWN_SUBJECTS = frozenset({"i", "we", "they", "he", "she", "you", "it"})
"""Personal pronouns that, straight after a relative pronoun, are the relative clause's own
subject ("the department which *I* lead", "the premises from which *they* operate")."""


def pronoun_relative_verb(lower: Sequence[str], i: int, *, lex: Lexicons) -> int | None:
    """Position of the own verb of a relative clause opened at ``i`` whose subject is a personal
    pronoun, or None.

    A relative pronoun (or relative "that") followed by a subject pronoun has its own verb
    straight after that pronoun, often no auxiliary ("The department which I *lead* will
    publish ...", "the premises from which they *operate* will also need ..."): the relative
    clause ends there and the main verb group follows. Not after a verb of knowing or saying
    (``thatless_verbs``, ``complement_verbs``), whose complement holds the relative's gap and
    its own verb group ("areas that we know *will make* a difference").

    Args:
        lower: The sentence's words, lower-cased.
        i: Position of the relative pronoun or "that".
    """
    p = i + 1
    if p >= len(lower) or lower[p] not in RELATIVE_OWN_SUBJECTS:
        return None
    v = p + 1
    while v < len(lower) and lower[v] in INTERVENING_ADVERBS:
        v += 1
    if v >= len(lower) or not lower[v].isalpha():
        return None
    if lower[v] in lex.thatless_verbs or lower[v] in lex.complement_verbs:
        return None
    return v


def _in_subject(
    lower: Sequence[str],
    verbs: Collection[int],
    out: Sequence[tuple[int, ClauseRole, str | None, int]],
    role: ClauseRole,
    i: int,
    *,
    lex: Lexicons,
) -> bool:
    """True when the relative pronoun at ``i`` is restrictive (no comma before it) and stands in
    the subject of the sentence's first main clause (no boundary and no verb group before it).

    A relative clause whose own subject is a pronoun (:func:`pronoun_relative_verb`) is plain
    to see, so it may also follow a preposition ("the premises *from which they* operate") and
    stand in the subject of any main or coordinate clause (no verb group between the clause's
    opener and it): "..., and the premises from which they operate | will also need ..."."""
    prev = lower[i - 1]
    if prev == ",":
        return False
    if pronoun_relative_verb(lower, i, lex=lex) is not None:
        if role not in ("main", "coordinate"):
            return False
        body = out[-1][3] if out else 0
    elif out or role != "main" or prev in PREPOSITIONS_BEFORE_RELATIVE:
        return False
    else:
        body = 0
    return not any(k in verbs for k in range(body, i))


def _pronoun_relative_in_subject(
    lower: Sequence[str],
    verbs: Collection[int],
    out: Sequence[tuple[int, ClauseRole, str | None, int]],
    role: ClauseRole,
    i: int,
    *,
    lex: Lexicons,
) -> bool:
    """True when the "that" at ``i`` opens a restrictive relative clause with a pronoun subject
    inside the subject of the sentence's first main clause, and the main verb group follows
    it ("The Department *that I lead* will publish ..."). After a preposition, a determiner,
    a comma or a coordinator "that" is no relative pronoun."""
    prev = lower[i - 1]
    if prev in PREPOSITIONS_BEFORE_RELATIVE or prev in NP_DETERMINERS:
        return False
    if prev in NOT_BEFORE_RELATIVE_THAT or not prev.isalpha():
        return False
    return (
        pronoun_relative_verb(lower, i, lex=lex) is not None
        and _in_subject(lower, verbs, out, role, i, lex=lex)
        and subject_relative_end(lower, verbs, i, len(lower), lex=lex) is not None
    )


def subject_relative_end(
    lower: Sequence[str], verbs: Collection[int], i: int, n: int, *, lex: Lexicons
) -> int | None:
    """Where the main verb group resumes after a restrictive relative clause inside the
    subject, or None.

    The relative pronoun (or relative "that") at ``i`` opens a clause whose own verb group is
    the first in ``verbs`` after it; a second verb group that follows before any comma, colon,
    coordinator or further clause opener, and is not led by a pronoun of its own, is the main
    clause's: "Over 1,000 Afghans *who have arrived* in the UK since October 2023 | *will be
    housed* ...", "The Defence Investors' Advisory Group *that will be supporting* the strategy
    | *will formally meet* in early autumn". When a subject pronoun follows the relative
    pronoun, the relative clause's own verb is the word after that pronoun, an auxiliary or not
    (:func:`pronoun_relative_verb`: "The department which I lead | *will publish* ...").

    Args:
        lower: The sentence's words, lower-cased.
        verbs: Positions where a finite verb group may start.
        i: Position of the relative pronoun.
        n: The sentence's length.
    """
    stops = {
        ",", *HARD_PUNCT, *DASHES, *COORDINATORS, *RELATIVES, *SUBORDINATORS,
        *WEAK_SUBORDINATORS, *CONDITIONALS, *CONTRASTIVES, "that", "than",
    }  # fmt: skip
    first = pronoun_relative_verb(lower, i, lex=lex)
    if first is None:
        first = next((j for j in range(i + 1, n) if j in verbs or lower[j] in stops), None)
        if first is None or first not in verbs:
            return None
    for j in range(first + 1, n):
        if lower[j] in stops and (
            lower[j] not in WEAK_SUBORDINATORS
            or _next_verb(lower, frozenset(verbs), j + 1, n, allow_subject=True) is not None
        ):
            return None  # not "who have arrived in the UK *since* October 2023 will be ..."
        if j not in verbs or lower[j] in {"'s", "’s"}:
            continue
        k = j - 1
        while lower[k] in INTERVENING_ADVERBS:
            k -= 1
        if k not in verbs and lower[k] not in SUBJECT_PRONOUNS:
            return j
    return None


NONRESTRICTIVE_STOPS = frozenset(
    {*HARD_PUNCT, *DASHES, *RELATIVES, *SUBORDINATORS, *CONDITIONALS, *CONTRASTIVES, "(", ")"}
)
"""Words that end a search for the comma closing a non-restrictive relative clause."""


def nonrestrictive_subject_end(
    lower: Sequence[str],
    verbs: Collection[int],
    out: Sequence[tuple[int, ClauseRole, str | None, int]],
    role: ClauseRole,
    i: int,
) -> int | None:
    """Where the main verb group resumes after a non-restrictive relative clause set off by
    commas inside the subject of the sentence's first main clause, or None.

    The relative pronoun at ``i`` follows a comma, no clause boundary and no verb group stand
    before it, the relative clause has a verb group of its own, and the comma that closes it is
    followed (adverbs aside) by an auxiliary: "The National Cancer Plan*, which will be published
    in the new year,* | *will include* further details ...", "The 2025 Annual Report on Special
    Advisers*, which will relate to the 2024/25 financial year,* | *will be published* before
    the end of this year". Not a relative clause after a verb ("..., which *will* ...": a verb
    group stands before it), nor one whose closing comma is followed by a subject ("..., which
    was published in 2023, *we will* ...").

    Args:
        lower: The sentence's words, lower-cased.
        verbs: Positions where a finite verb group may start.
        out: The clause boundaries found so far.
        role: The role of the clause open at ``i``.
        i: Position of the relative pronoun.
    """
    n = len(lower)
    if i < 2 or lower[i - 1] != "," or out or role != "main":
        return None
    if any(k in verbs for k in range(i)):
        return None
    own = False
    for j in range(i + 1, n):
        if lower[j] in NONRESTRICTIVE_STOPS:
            return None
        if j in verbs:
            own = True
        if lower[j] != ",":
            continue
        k = j + 1
        while k < n and lower[k] in INTERVENING_ADVERBS:
            k += 1
        if (
            own
            and k < n
            and k in verbs
            and lower[k] in AUXILIARIES
            and lower[k] not in {"'s", "’s"}
        ):
            return k
        return None
    return None


def clause_boundaries(
    words: Sequence[str],
    starts: Collection[int] | None = None,
    protected: Sequence[tuple[int, int]] = (),
    triggers: Collection[int] | None = None,
    *,
    lower: Sequence[str] | None = None,
    unbroken: Sequence[tuple[int, int]] = (),
    lex: Lexicons,
) -> list[tuple[int, ClauseRole, str | None, int]]:
    """Where clauses begin: ``(position, role, opener, body)`` for every clause after the first.

    Args:
        words: The sentence's token texts.
        starts: Positions where a finite verb group starts (see :func:`verb_starts`); computed
            from auxiliaries alone when None.
        protected: ``(start, end)`` token ranges that no boundary may cut (names such as "the
            Secretary of State for Health and Social Care"); a name right after a coordinator
            and followed by its verb group opens a clause ("..., and ministers intend to ...").
        triggers: Positions where a commitment trigger starts. When given, a relative pronoun
            (or a relative "that") opens a clause only if a trigger follows it ("the Change
            Programme *which was launched* in September 2023"), so that "a universal offer for
            all who would benefit from them by 2035" stays whole; when None, every relative
            pronoun does.
        lower: ``words`` lower-cased, when the caller has them.
        unbroken: Further ``(start, end)`` ranges that no boundary may cut, not names (time
            expressions: "from 1 October 2024 *until* 31 March 2025" is one period).
    """
    lower = lower if lower is not None else [w.lower() for w in words]
    complement_verbs, if_complement_verbs = lex.complement_verbs, lex.if_complement_verbs
    verbs = frozenset(starts) if starts is not None else verb_starts(words, lower=lower)
    n = len(lower)
    inside = {i for s, e in (*protected, *unbroken) for i in range(s + 1, e)}
    named = dict(sorted(protected))  # the longest name at each start
    out: list[tuple[int, ClauseRole, str | None, int]] = []
    resume: int | None = None  # where the main clause resumes after a relative in the subject
    open_role: ClauseRole = "main"
    if n and lower[0] in CONDITIONALS:
        open_role = "conditional"
    elif n and (lower[0] in SUBORDINATORS or lower[0] in CONTRASTIVES):
        open_role = "subordinate"
    for i in range(1, n):
        word = lower[i]
        if i == resume and i not in inside:
            # The main clause's verb group after a relative clause inside its subject: a
            # coordinate clause without an opener, sharing the subject before the pronoun
            # (not a word inside a time expression: "published on 14 May").
            out.append((i, "coordinate", None, i))
            open_role, resume = "coordinate", None
            continue
        if word not in _BOUNDARY_WORDS and open_role not in _LEADING_ROLES:
            continue  # no branch below can open a clause here
        if i in inside:
            continue
        prev = lower[i - 1]
        boundary: tuple[int, ClauseRole, str | None, int] | None = None
        if word in HARD_PUNCT and _title_colon(lower, verbs, out[-1][3] if out else 0, i):
            continue  # "In Fit for the Future: 10-Year Health Plan for England, the Government ..."
        if word == ":" and inner_title_colon(words, verbs, protected, i):
            continue  # "... published in Statistics on International Development: Final UK ..."
        if word in HARD_PUNCT:
            boundary = (i, "main", word, i + 1)
        elif word in DASHES and i + 1 < n and prev not in DASHES:
            # A spaced dash between words, not a range ("2019 – 2022", "1st January – 31st March").
            if not (_is_number_like(prev) or _is_number_like(lower[i + 1])):
                boundary = (i, "main", word, i + 1)
        elif (
            word in COORDINATORS
            and i + 2 < n
            and lower[i + 1] == "that"
            and _next_verb(lower, verbs, i + 2, n, allow_subject=True, words_original_case=words)
        ):
            # A second complement clause: "I can confirm that we are continuing the plans ...
            # *and that* this will be implemented in up to 30 prisons ...".
            boundary = (i - 1 if prev == "," else i, "coordinate", word, i + 2)
        elif word in COORDINATORS and (
            _next_verb(
                lower,
                verbs,
                i + 1,
                n,
                allow_subject=True,
                words_original_case=words,
                named=named,
                lex=lex,
            )
            or _demonstrative_subject(lower, verbs, i + 1, n)
        ):
            if i + 1 < n and _title(words[i - 1]) and _title(words[i + 1]):
                continue  # inside a name: "the Work and Pensions Select Committee has"
            start = i - 1 if prev == "," else i
            boundary = (start, "coordinate", word, i + 1)
        elif (
            word in COORDINATORS
            and prev == ","
            and any(v in verbs for v in range(out[-1][3] if out else 0, i - 1))
            and bare_subject_will(lower, verbs, i + 1, n)
        ):
            # A second clause whose subject is a bare plural noun phrase, after a first clause
            # with its own verb: "Policy development is ongoing, *and next steps will* be set out
            # ...", "..., *and costings will* be refined through the ... process".
            boundary = (i - 1, "coordinate", word, i + 1)
        elif word == "," and _quantified_splice(lower, verbs, i + 1, n, lex=lex):
            # A comma splice whose new subject is counted: "... through our commitment to
            # protect the Triple Lock, *over 12 million pensioners will benefit*" (its own
            # clause, as a predicted effect of the measure).
            boundary = (i, "main", word, i + 1)
        elif (
            word in CONJUNCTIVE_ADVERBS
            and prev == ","
            and i + 1 < n
            and lower[i + 1] != ","
            and _next_verb(lower, verbs, i + 1, n, allow_subject=True, words_original_case=words)
        ):
            # A comma splice joined by "however": "... is not currently reported as part of the
            # Monthly Data Release, *however we will include* full fund data ..." (a new clause
            # with its own subject; not "will, however, publish").
            boundary = (i - 1, "main", word, i + 1)
        elif word in CONTRASTIVES and _next_verb(
            lower, verbs, i + 1, n, allow_subject=True, words_original_case=words
        ):
            start = i - 1 if prev == "," else i
            boundary = (start, "subordinate", word, i + 1)
        elif word in RELATIVES and _relative_has_trigger(lower, i, triggers):
            start = i - 1 if prev in PREPOSITIONS_BEFORE_RELATIVE else i
            boundary = (start, "relative", word, i + 1)
            if _in_subject(lower, verbs, out, open_role, i, lex=lex):
                resume = subject_relative_end(lower, verbs, i, n, lex=lex)
            else:
                resume = nonrestrictive_subject_end(lower, verbs, out, open_role, i)
        elif word == "that" and prev not in complement_verbs and prev not in {"so", "such"}:
            if (
                i + 1 < n
                and (
                    (i + 1) in verbs
                    or _relative_past_trigger(lower, verbs, triggers, i)
                    or _pronoun_relative_in_subject(lower, verbs, out, open_role, i, lex=lex)
                )
                and _relative_has_trigger(lower, i, triggers)
            ):
                boundary = (i, "relative", word, i + 1)
                if _in_subject(lower, verbs, out, open_role, i, lex=lex):
                    resume = subject_relative_end(lower, verbs, i, n, lex=lex)
        elif word in CONDITIONALS and _hedge_if(lower, i, lex=lex):
            continue  # "if appropriate", "if necessary": a hedge, not a condition
        elif word in CONDITIONALS:
            role_if: ClauseRole = "subordinate" if prev in if_complement_verbs else "conditional"
            boundary = (i - 1 if prev == "," else i, role_if, word, i + 1)
        elif word in {"why", "how"} and prev in {"is", "was", "'s", "reason", "reasons"}:
            # "That is why we will introduce the Tobacco and Vapes Bill ...": the clause after
            # "why" carries the statement.
            boundary = (i, "main", word, i + 1)
        elif word in SUBORDINATORS:
            boundary = (i - 1 if prev == "," else i, "subordinate", word, i + 1)
        elif word in WEAK_SUBORDINATORS and _next_verb(
            lower, verbs, i + 1, n, allow_subject=True, words_original_case=words
        ):
            nxt = lower[i + 1] if i + 1 < n else ""
            if nxt in SUBJECT_PRONOUNS or word != "as":
                boundary = (i - 1 if prev == "," else i, "subordinate", word, i + 1)
        elif (
            word != ","
            and open_role in ("subordinate", "conditional")
            and _opens_main_without_comma(lower, verbs, protected, out[-1][3] if out else 0, i)
        ):
            # A leading subordinate clause without its comma: "Once this is complete *the
            # Government will* move quickly to review ..." (a named actor and a verb group).
            boundary = (i, "main", None, i)
        elif (
            word == ","
            and open_role in ("subordinate", "conditional")
            and i + 1 < n
            and _next_verb(lower, verbs, i + 1, n, allow_subject=True, words_original_case=words)
            is not None
        ):
            # A leading subordinate clause ends at the comma before the main clause.
            boundary = (i, "main", ",", i + 1)
        if boundary is not None:
            if out and boundary[0] <= out[-1][0]:
                continue
            out.append(boundary)
            open_role = boundary[1]
    return out


def split_clauses(
    words: Sequence[str],
    starts: Collection[int] | None = None,
    protected: Sequence[tuple[int, int]] = (),
    triggers: Collection[int] | None = None,
    *,
    lower: Sequence[str] | None = None,
    unbroken: Sequence[tuple[int, int]] = (),
    lex: Lexicons,
) -> list[Clause]:
    """Split a sentence into clauses that cover it without gaps.

    Args:
        words: The sentence's token texts.
        starts: Positions where a finite verb group starts (see :func:`verb_starts`).
        protected: Token ranges that no boundary may cut (names found by the actor rules).
        triggers: Positions where a commitment trigger starts (see :func:`clause_boundaries`).
        lower: ``words`` lower-cased, when the caller has them.
        unbroken: Further ranges no boundary may cut (see :func:`clause_boundaries`).

    Returns:
        The clauses in order; a sentence without boundaries is one ``main`` clause.

    Example:
        >>> [c.role for c in split_clauses("We have engaged schools and will continue".split())]
        ['main', 'coordinate']
    """
    n = len(words)
    if not n:
        return []
    lower0 = words[0].lower()
    first_role: ClauseRole = "main"
    first_opener: str | None = None
    if lower0 in CONDITIONALS:
        first_role, first_opener = "conditional", lower0
    elif lower0 in SUBORDINATORS or lower0 in CONTRASTIVES:
        first_role, first_opener = "subordinate", lower0
    bounds = clause_boundaries(
        words, starts, protected, triggers, lower=lower, unbroken=unbroken, lex=lex
    )
    clauses: list[Clause] = []
    start, role, opener, body = 0, first_role, first_opener, (1 if first_opener else 0)
    for b_start, b_role, b_opener, b_body in bounds:
        if b_start > start:
            clauses.append(Clause(start, b_start, role, opener, min(body, b_start)))
        start, role, opener, body = b_start, b_role, b_opener, b_body
    clauses.append(Clause(start, n, role, opener, min(body, n)))
    return clauses


ABBREVIATIONS = frozenset(
    {
        "hon", "rt", "no", "nos", "st", "dr", "mr", "mrs", "ms", "prof", "cllr", "sir",
        "e.g", "i.e", "etc", "approx", "para", "paras", "cf", "vs", "co", "gov", "dept",
        "govt", "fig", "vol", "art", "sec", "ch", "pp", "op", "cit", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip


def _abbreviation_before(words: Sequence[str], s: int) -> bool:
    """True when the period before position ``s`` closes an abbreviation, not a sentence."""
    abbreviation = words[s - 2].lower()
    if abbreviation not in ABBREVIATIONS:
        return False
    if abbreviation in {"no", "nos"}:  # "Question No. 3703", not "the answer is no."
        return words[s][:1].isdigit()
    return True


def sentence_ranges(
    words: Sequence[str], sent_starts: Collection[int], *, line_breaks: Collection[int] = ()
) -> list[tuple[int, int]]:
    """Repair sentence boundaries for written answers: ``(start, end)`` token ranges.

    A boundary after an abbreviation ("the hon. Member", "My Rt hon. Friend") is removed when
    the next sentence does not look like one (its first word is capitalised but the period
    belonged to an abbreviation); a line break (a whitespace token holding a newline) always
    ends a sentence, since paragraphs and list items often end without a full stop.

    Args:
        words: The document's token texts.
        sent_starts: Positions that start a sentence (from the sentencizer).
        line_breaks: Positions of whitespace tokens that contain a newline.
    """
    n = len(words)
    if not n:
        return []
    breaks = set(line_breaks)
    starts = {0}
    for s in sent_starts:
        if 0 < s < n:
            if s >= 2 and words[s - 1] == "." and _abbreviation_before(words, s):
                continue
            starts.add(s)
    for b in breaks:
        starts.add(b)
        if b + 1 < n:
            starts.add(b + 1)
    ordered = sorted(starts)
    ranges = []
    for k, s in enumerate(ordered):
        e = ordered[k + 1] if k + 1 < len(ordered) else n
        if s in breaks:
            continue
        if e > s:
            ranges.append((s, e))
    return ranges
