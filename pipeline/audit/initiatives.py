"""Named initiatives: programmes, plans, strategies, funds, reviews, boards, partnerships.

Why pure functions over text rather than a ``pct_initiative`` spaCy component: the audit reads
answers from the lake, long after the engine ran; initiatives matter only to the audit and link
answers to each other, so finding them here (1) keeps the engine's contract and its
ten-second budget for the three extraction components unchanged, (2) lets the audit re-run with
an improved lexicon without re-extracting the corpus, and (3) needs no tokeniser: a name is a run
of capitalised words ending in a head noun. The rules are still data (``initiatives.jsonl``,
validated on load) and the functions take offsets, so a component could wire them unchanged.

A name is found from its head ("Plan", "Programme", "Fund", ... as written, capitalised) by
walking back over capitalised words, digits, parenthesised abbreviations and connectors ("and",
"for", "of") until punctuation, a lower-case word or a possessive ("the Government's") stops it;
leading words that are not part of names ("The", "In", "Our") are stripped. Then:

- abbreviation definitions in the answer ("Alternative Provision (AP)") are applied, so "SEND and
  Alternative Provision (AP) Improvement Plan" and "SEND and AP Improvement Plan" share the key
  ``send and ap improvement plan``;
- a short reference ("the Improvement Plan") takes the key of the latest longer mention in the
  same answer that it ends ("SEND and AP Improvement Plan");
- names still matching an ``exclude`` rule after that (fiscal events, standing bodies, bare or
  common heads) are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.audit.lexicon import Lexicon
from pipeline.audit.records import InitiativeMention

_TOKEN = re.compile(r"\([A-Z][A-Za-z&]{0,9}\)|[A-Za-z0-9](?:[\w’'\-]*\w)?|&")
_AMOUNT = re.compile(r"^\d+(?:\.\d+)?(?:m|bn|k)$")
_YEAR = re.compile(r"^\d{4}$")
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z&]{1,9})\)")
_POSSESSIVE = re.compile(r"[’']s?$")
MAX_NAME_TOKENS = 10
WINDOW_BACK = 400
WINDOW_AHEAD = 300
"""Characters around a head searched for its name (more than MAX_NAME_TOKENS words either way)."""


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    start: int
    end: int


def _is_name_word(token: str) -> bool:
    return token[0].isupper() or token[0].isdigit() or token.startswith("(")


def _joined(text: str, left: _Token, right: _Token) -> bool:
    """True when only spaces (no punctuation, no line break) separate two tokens."""
    gap = text[left.end : right.start]
    return bool(gap) and gap.strip(" ") == "" and len(gap) <= 2


def find_abbreviations(
    text: str, connectors: frozenset[str] = frozenset({"and", "of", "for", "&"})
) -> dict[str, str]:
    """Abbreviations defined in ``text`` as ``Long Form (LF)``, mapped long form -> short form.

    The long form is the shortest run of words before the parenthesis whose capital initials
    spell the abbreviation (connectors skipped), as scispacy's ``find_abbreviation`` does for
    the general case: "Special Educational Needs and Disabilities (SEND)" -> {"Special
    Educational Needs and Disabilities": "SEND"}.
    """
    found: dict[str, str] = {}
    for match in _ABBREVIATION.finditer(text):
        short = match.group(1)
        letters = [c for c in short if c.isupper()]
        window = text[max(0, match.start() - 160) : match.start()].rstrip()
        words = list(re.finditer(r"[\w’'\-]+", window))
        initials: list[str] = []
        for index in range(len(words) - 1, -1, -1):
            word = words[index].group(0)
            if word.lower() in connectors:
                continue
            if not word[0].isupper():
                break
            initials.insert(0, word[0])
            if initials == letters:
                long_form = window[words[index].start() :].strip()
                if len(long_form.split()) > 1:
                    found[long_form] = short
                break
            if len(initials) >= len(letters):
                break
    return found


def normalise_key(name: str, prefixes: frozenset[str] = frozenset()) -> str:
    """The key that links mentions of one initiative.

    Lower case, '&' as 'and', hyphens as spaces, punctuation dropped, and leading ``prefixes``
    ("nhs", "uk") left off while two words remain: "NHS Long Term Workforce Plan" and "Long-Term
    Workforce Plan" share ``long term workforce plan``.
    """
    key = name.lower().replace("’", "'").replace("&", " and ")
    key = re.sub(r"[-‐‑–]", " ", key)
    key = re.sub(r"[^\w' ]", "", key)
    words = key.split()
    while len(words) > 2 and words[0] in prefixes:
        words = words[1:]
    return " ".join(words)


def display_name(name: str, abbreviations: dict[str, str]) -> str:
    """``name`` with defined abbreviations applied: "Alternative Provision (AP)" -> "AP".

    A name that is itself the long form keeps it: "National Planning Policy Framework (NPPF)"
    is displayed as "National Planning Policy Framework", not "NPPF".
    """
    bare = re.sub(r"\s+", " ", _ABBREVIATION.sub("", name)).strip()
    for long_form, short in sorted(abbreviations.items(), key=lambda kv: -len(kv[0])):
        if long_form != bare:
            name = name.replace(f"{long_form} ({short})", short).replace(long_form, short)
    name = _ABBREVIATION.sub("", name)
    return re.sub(r"\s+", " ", name).strip()


def _walk_back(text: str, tokens: list[_Token], head_first: int, lexicon: Lexicon) -> int:
    """Index of the first token of the name whose head starts at token ``head_first``."""
    first = head_first
    j = head_first - 1
    while j >= 0 and head_first - j <= MAX_NAME_TOKENS and _joined(text, tokens[j], tokens[j + 1]):
        word = tokens[j].text
        if (
            _POSSESSIVE.search(word) and not word.startswith("(")
        ) or word.lower() in lexicon.barrier_words:
            break
        if _is_name_word(word) or word == "&":
            first = j
        elif word.lower() in lexicon.connectors:
            if (
                j == 0
                or not _joined(text, tokens[j - 1], tokens[j])
                or not _is_name_word(tokens[j - 1].text)
            ):
                break
        else:
            break
        j -= 1
    after_barrier = first > 0 and tokens[first - 1].text.lower() in lexicon.barrier_words
    while first < head_first and (
        tokens[first].text.lower() in lexicon.strip_words
        or tokens[first].text.lower() in lexicon.connectors
        or tokens[first].text == "&"
        or tokens[first].text.startswith("(")
        or (_AMOUNT.match(tokens[first].text) and not _YEAR.match(tokens[first].text))
        or (after_barrier and _YEAR.match(tokens[first].text))
    ):
        first += 1
    return first


def _walk_forward(text: str, tokens: list[_Token], head_last: int, lexicon: Lexicon) -> int:
    """Index of the last token of a bare head's complement ("Plan for Change"), or ``head_last``."""
    k = head_last + 1
    if k + 1 >= len(tokens) or tokens[k].text.lower() not in lexicon.post_words:
        return head_last
    if not _joined(text, tokens[k - 1], tokens[k]):
        return head_last
    last = head_last
    j = k + 1
    while (
        j < len(tokens)
        and j - head_last <= MAX_NAME_TOKENS
        and _joined(text, tokens[j - 1], tokens[j])
    ):
        word = tokens[j].text
        if word[0].isupper() and word.lower() not in lexicon.strip_words:
            last = j
            if _POSSESSIVE.search(word):
                break
        elif word.lower() in lexicon.connectors and last == j - 1:
            pass
        else:
            break
        j += 1
    return last


def _window_tokens(text: str, start: int, end: int) -> list[_Token]:
    """The tokens of ``text[start:end]`` (clamped), without a word cut by the window's start."""
    start, end = max(0, start), min(len(text), end)
    tokens = [_Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    if (
        tokens
        and start > 0
        and tokens[0].start == start
        and (text[start - 1].isalnum() or text[start - 1] in "’'-")
    ):
        tokens = tokens[1:]
    return tokens


def find_initiatives(text: str, lexicon: Lexicon) -> list[InitiativeMention]:
    """Every named initiative in ``text``, in text order, with offsets and normalised names.

    Args:
        text: Plain text (an answer).
        lexicon: The audit lexicon (head nouns, connectors, strip words, exclusions).

    Returns:
        Mentions that do not overlap; short references resolved to the longer name they end.
    """
    if not lexicon.heads:
        return []
    heads = list(lexicon.head_regex.finditer(text))
    if not heads:
        return []
    abbreviations = find_abbreviations(text)
    candidates: list[InitiativeMention] = []
    for match in heads:
        tokens = _window_tokens(text, match.start() - WINDOW_BACK, match.end() + WINDOW_AHEAD)
        starts = {t.start: i for i, t in enumerate(tokens)}
        ends = {t.end: i for i, t in enumerate(tokens)}
        head_first = starts.get(match.start())
        head_last = ends.get(match.end())
        if head_first is None or head_last is None:
            continue
        following = tokens[head_last + 1] if head_last + 1 < len(tokens) else None
        if (
            following is not None
            and following.text[0].isupper()
            and _joined(text, tokens[head_last], following)
        ):
            continue  # the name goes on ("Protector Review Note"): not an initiative's head
        first = _walk_back(text, tokens, head_first, lexicon)
        last = head_last
        if first == head_first:
            last = _walk_forward(text, tokens, head_last, lexicon)
            if last == head_last:
                continue
        start, end = tokens[first].start, tokens[last].end
        surface = text[start:end]
        name = display_name(surface, abbreviations)
        key = normalise_key(name, lexicon.key_prefixes)
        if not key:
            continue
        rule = lexicon.heads.get(match.group(0))
        candidates.append(
            InitiativeMention(
                text=surface,
                char_start=start,
                char_end=end,
                name=name,
                key=key,
                category=(rule.category or "") if rule else "",
                rule=rule.id if rule else "",
            )
        )
    resolved = resolve_short_references(_outermost(candidates))
    return [m for m in resolved if not lexicon.is_excluded(m.key)]


def _outermost(mentions: list[InitiativeMention]) -> list[InitiativeMention]:
    """Drop mentions inside a longer one ("Industrial Strategy" inside "... Strategy Board")."""
    ordered = sorted(mentions, key=lambda m: (m.char_start, -m.char_end))
    kept: list[InitiativeMention] = []
    for mention in ordered:
        if kept and mention.char_start < kept[-1].char_end:
            previous = kept[-1]
            if mention.char_end - mention.char_start > previous.char_end - previous.char_start:
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def resolve_short_references(
    mentions: list[InitiativeMention], max_words: int = 2
) -> list[InitiativeMention]:
    """Give a short mention the name of the latest longer earlier mention whose key it ends.

    "the Improvement Plan" after "SEND and AP Improvement Plan" becomes a mention of
    ``send and ap improvement plan`` with ``alias_of`` naming the full mention's text.
    """
    resolved: list[InitiativeMention] = []
    for mention in mentions:
        words = mention.key.split()
        if len(words) <= max_words:
            for earlier in reversed(resolved):
                earlier_words = earlier.key.split()
                if len(earlier_words) > len(words) and earlier_words[-len(words) :] == words:
                    mention = replace(
                        mention, name=earlier.name, key=earlier.key, alias_of=earlier.text
                    )
                    break
        resolved.append(mention)
    return resolved
