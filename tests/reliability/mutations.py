"""Mutations of real sentences that reach the engine's rule code, and the invariants its output
keeps (``docs/reliability.md``, "Mutation fuzzing").

Random text rarely gets past the rules' gates; a real sentence whose date or amount is changed in
one targeted way does: digits from other scripts ("２０２５", "²⁰²⁵", "٢٠٢٥"), letters that
``re.IGNORECASE`` equates with ASCII ("ſ", "K"), ligatures, odd spaces and invisible characters
inside an expression, impossible or extreme dates ("the 0th century", "31 February 2025",
"Christmas" answered on 9999-12-31), numbers no float holds, words glued together, repeats and
brackets. :func:`mutate` makes one from a ``random.Random`` (Hypothesis's ``st.randoms()`` in
``test_mutations.py``, a seeded one in the long run below); :func:`problems` lists what an
extraction breaks.

The long run over the shared corpus (its sentences where the engine finds something)::

    PYTHONPATH=. .venv/bin/python tests/reliability/mutations.py --seconds 600 --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.nlp.commitment_logic import DEADLINE_PREPOSITIONS, FUTURE_READING_GRACE_DAYS
from pipeline.types import Commitment, Extraction, Quantity, Timex

DIGITS: dict[str, str] = {
    # str.isdigit() holds and int() refuses
    "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹", "subscript": "₀₁₂₃₄₅₆₇₈₉", "circled": "⓪①②③④⑤⑥⑦⑧⑨",
    "parenthesised": "0⑴⑵⑶⑷⑸⑹⑺⑻⑼", "full stop": "0⒈⒉⒊⒋⒌⒍⒎⒏⒐", "dingbat": "⓿➊➋➌➍➎➏➐➑➒",
    # int() takes (Unicode decimal digits, matched by \d)
    "fullwidth": "０１２３４５６７８９", "arabic-indic": "٠١٢٣٤٥٦٧٨٩", "devanagari": "०१२३४५६७८९",
    "mathematical bold": "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
}  # fmt: skip
"""Ten digits of another script or style, 0 first."""

FOLDS = {"s": "ſ", "S": "ſ", "i": "ı", "I": "İ", "k": "K", "K": "K"}
"""Letters ``re.IGNORECASE`` equates with an ASCII one (``pipeline.nlp.rules``)."""

LIGATURES = {"ffi": "ﬃ", "fi": "ﬁ", "fl": "ﬂ", "ff": "ﬀ", "st": "ﬆ"}
SPACES = ("\u00a0", "\u2009", "\u202f", "\u200b", "\u00ad", "\r", "\t", "\f", "\v", "\u2028",
          "\u2029", "\x85", "\r\n", "\n\n", "  ", "\u3000", "\ufeff", "\x00", "\u200d")  # fmt: skip
INSERTS = ("\u200b", "\u00ad", "\u200d", "\ufeff", "\u0301", "\x00", "\u202e", "-", "’", ".",
           ",", "/", "(", ")", "%", "£", "\U0001f600")  # fmt: skip
NUMBERS = ("0", "00", "0000", "9999", "10000", "99999", "1e400", "10^400", "-0", "½", "3½",
           "1/0", "1.2.3", "1,,000", ".5", "1,0000", "²⁰²⁵", "２０２５", "٢٠٢٥", "9" * 400,
           "999,999,999,999,999,999,999", "12345678901234567890123456789", "−5", "1\u00a0000")  # fmt: skip
TIMES = ("31 February 2025", "29 February 2023", "0 January 2025", "week 53 of 2025", "Q5 2025",
         "FY 2099-00", "financial year 9999-10000", "the 2020s", "the 1900s", "the 0s",
         "the 0th century", "the 99th century", "spring 0000", "Christmas 9999", "Easter 0000",
         "31 December 9999", "1 January 0001", "2025 years ago", "99999 years ago",
         "999999999 days", "the next 99999999999999999999 years", "9999999999 weeks",
         "the year after 9999", "the end of 9999", "late 9999", "next year", "the new year",
         "October 30", "this financial year", "25:00", "every 0 years")  # fmt: skip
AMOUNTS = ("£1e400", "£" + "9" * 400, "£" + "9" * 300 + " trillion", "£1.2.3m", "-0%",
           "½ per cent", "£-5 million", "between 10 and 5 per cent", "£٣ million", "£３ billion",
           "1,000,000,000,000,000,000,000,000 people", "£2.5 billion billion", "1 in 0")  # fmt: skip
PREPOSITIONS = ("by ", "before ", "within ", "by the end of ", "from ", "in ", "until ", "over ")
ANCHORS = (dt.date.min, dt.date.max, dt.date(1900, 1, 1), dt.date(2099, 12, 31),
           dt.date(2024, 2, 29))  # fmt: skip
"""Answer dates at the edges, besides each sentence's own and None."""

_EXPRESSION = re.compile(
    r"\d[\d,.]*|£|%|\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|spring|summer|autumn|winter|year|month|week|day|quarter|million|"
    r"billion|per cent)\b",
    re.IGNORECASE,
)
"""Where a sentence likely holds a time expression or a quantity: the mutations' targets."""


@dataclass(frozen=True, slots=True)
class Seed:
    """A real sentence to mutate.

    Attributes:
        text: The sentence.
        anchor: Its answer's date.
        spans: ``(start, end)`` of what the engine found in it, or of :data:`_EXPRESSION`
            matches; the targets of :func:`mutate`.
    """

    text: str
    anchor: dt.date
    spans: tuple[tuple[int, int], ...]


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    for match in re.finditer(r"[^\n]+?(?:[.!?](?=\s)|$)", text, re.MULTILINE):
        yield match.span()


def seeds_by_pattern(answers: Iterable[tuple[str, dt.date]]) -> list[Seed]:
    """The sentences of ``(text, answer date)`` pairs that hold a likely time expression or
    quantity (:data:`_EXPRESSION`), each with those spans."""
    out = []
    for text, anchor in answers:
        for start, end in _sentences(text):
            sentence = text[start:end]
            spans = tuple(m.span() for m in _EXPRESSION.finditer(sentence))
            if spans:
                out.append(Seed(sentence, anchor, spans))
    return out


def seeds_by_extraction(items: Iterable[tuple[str, dt.date, Extraction]]) -> list[Seed]:
    """The sentences of extracted answers where the engine found something, each with the
    spans of its rows (time expressions, quantities, commitments)."""
    out = []
    for text, anchor, result in items:
        rows: list[Timex | Quantity | Commitment] = [
            *result.timexes,
            *result.quantities,
            *result.commitments,
        ]
        found = [(r.char_start, r.char_end) for r in rows]
        for start, end in _sentences(text):
            spans = tuple((a - start, b - start) for a, b in found if start <= a and b <= end)
            if spans:
                out.append(Seed(text[start:end], anchor, spans))
    return out


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _digits(rng: random.Random, part: str) -> str:
    table = DIGITS[rng.choice(sorted(DIGITS))]
    every = rng.random() < 0.5
    out = []
    for ch in part:
        if "0" <= ch <= "9" and (every or rng.random() < 0.3):
            out.append(table[int(ch)])
        else:
            out.append(ch)
    return "".join(out)


def _fold(rng: random.Random, part: str) -> str:
    return "".join(FOLDS[c] if c in FOLDS and rng.random() < 0.6 else c for c in part)


def _ligatures(rng: random.Random, part: str) -> str:
    for plain, ligature in LIGATURES.items():
        part = part.replace(plain, ligature)
    return part


def _spaces(rng: random.Random, part: str) -> str:
    return part.replace(" ", rng.choice(SPACES))


def _insert(rng: random.Random, part: str) -> str:
    at = rng.randrange(len(part) + 1)
    return part[:at] + rng.choice(INSERTS) + part[at:]


def _number(rng: random.Random, part: str) -> str:
    return re.sub(r"\d[\d,.]*", lambda m: rng.choice(NUMBERS), part, count=1)


def _time(rng: random.Random, part: str) -> str:
    return (rng.choice(PREPOSITIONS) if rng.random() < 0.5 else "") + rng.choice(TIMES)


def _amount(rng: random.Random, part: str) -> str:
    return rng.choice(AMOUNTS)


def _repeat(rng: random.Random, part: str) -> str:
    return rng.choice((" ", "", ", ", " and ")).join([part] * rng.choice((2, 20, 200)))


def _brackets(rng: random.Random, part: str) -> str:
    opening, closing = rng.choice((("(", ")"), ("[", "]"), ("“", "”"), ("'", "'")))
    n = rng.choice((1, 10, 100))
    return opening * n + part + closing * n


def _case(rng: random.Random, part: str) -> str:
    return rng.choice((str.upper, str.lower, str.title))(part)


def _delete(rng: random.Random, part: str) -> str:
    at = rng.randrange(len(part))
    return part[:at] + part[at + 1 :]


MUTATIONS: dict[str, Callable[[random.Random, str], str]] = {
    "digits": _digits, "fold": _fold, "ligatures": _ligatures, "spaces": _spaces,
    "insert": _insert, "number": _number, "time": _time, "amount": _amount, "repeat": _repeat,
    "brackets": _brackets, "case": _case, "delete": _delete,
}  # fmt: skip
"""Each mutation rewrites the part of the sentence it is given (a found expression)."""


def mutate(rng: random.Random, seed: Seed) -> tuple[str, str]:
    """One mutation of one of the seed's spans, or of two when the draw says so (glued to its
    neighbours half of the time). Returns ``(the mutations' names, the text)``."""
    text, names = seed.text, []
    for _ in range(1 + (rng.random() < 0.2)):
        start, end = rng.choice(seed.spans)
        start, end = min(start, len(text)), min(end, len(text))
        if start >= end:
            continue
        name = rng.choice(sorted(MUTATIONS))
        new = MUTATIONS[name](rng, text[start:end])
        if rng.random() < 0.1:  # glued to the words around it
            name += "+glued"
            left = start - 1 if start and text[start - 1] == " " else start
            right = end + 1 if end < len(text) and text[end] == " " else end
            start, end = left, right
        text = _replace(text, start, end, new)
        names.append(name)
        seed = Seed(text, seed.anchor, seed.spans)
    return "+".join(names), text


MARKUP = ("<", ">", "</", "<!", "<![", "<![ x", "<!--", "-->", "<?", "&", "&#", "&#x", "&#xD800;",
          "&#0;", "&#1114112;", "&#9999999999999999999999;", "&amp", "&nbsp", "<p", "</p",
          "<table>", "</table>", "<td>", "<tr>", "<caption>", "<script>", "</script>", "<br/>",
          "<br", "\x00", "\r", "\u2028", "\u2029", "<![CDATA[", "]]>", "<a href='", "'", '"',
          "<svg>", "<textarea>", "<plaintext>", "<li>", "<div>" * 50, "</div>" * 50)  # fmt: skip
"""Markup fragments :func:`mutate_html` inserts into an answer's HTML."""


def mutate_html(rng: random.Random, html: str) -> str:
    """``html`` with one to four :data:`MARKUP` fragments inserted anywhere."""
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(html) + 1)
        html = html[:at] + rng.choice(MARKUP) + html[at:]
    return html


def _deadline(due_text: str) -> bool:
    words = due_text.lower().split()
    return any(" ".join(words[:n]) in DEADLINE_PREPOSITIONS for n in range(1, 5))


def refused(text: str) -> bool:
    """Whether the engine refuses ``text`` (``engine.check_chunks``): it holds a run of more than
    ``engine.MAX_CHUNK_CHARS`` characters without whitespace (``str.split``'s whitespace, which
    is spaCy's tokenizer's). Repeats and glued amounts can make one."""
    from pipeline.engine import MAX_CHUNK_CHARS

    return max(map(len, text.split()), default=0) > MAX_CHUNK_CHARS


def analyse(text: str, anchor: dt.date | None, nlp: Any) -> list[str]:
    """:func:`problems` of extracting ``text``; for a text the engine must refuse
    (:func:`refused`), ``[]`` when it is refused with ``[PCT150]``, else what happened."""
    from pipeline.engine import extract

    if not refused(text):
        return problems(text, anchor, extract(text, anchor, nlp=nlp))
    try:
        extract(text, anchor, nlp=nlp)
    except ValueError as err:
        return [] if "[PCT150]" in str(err) else [f"refused without PCT150: {err}"]
    return ["a run past MAX_CHUNK_CHARS was analysed"]


def problems(text: str, anchor: dt.date | None, result: Extraction) -> list[str]:
    """What an extraction of ``text`` breaks, as short labels (the rule that made the row after
    a colon); empty when it keeps every invariant.

    Every row points into the text (its slice is its words); a time expression's start and end
    are ISO dates, both or neither, start <= end; quantities are finite; a future commitment's
    due is on or after the answer date unless a deadline preposition governs it, or "from" a
    period ended within the grace (``commitment_logic.resolve_due``); the extraction is JSON.
    """
    found = []
    if result.text != text:
        found.append("text changed")
    try:
        json.dumps(result.to_dict(), allow_nan=False)
    except ValueError:
        found.append("not JSON")
    rows: list[Timex | Quantity] = [*result.timexes, *result.quantities]
    for row in rows:
        inside = 0 <= row.char_start < row.char_end <= len(text)
        if not inside or text[row.char_start : row.char_end] != row.text:
            found.append(f"offsets of {type(row).__name__}:{row.rule}")
    for timex in result.timexes:
        try:
            start = dt.date.fromisoformat(timex.start) if timex.start else None
            end = dt.date.fromisoformat(timex.end) if timex.end else None
        except ValueError:
            found.append(f"timex not ISO:{timex.rule}")
            continue
        if (start is None) != (end is None):
            found.append(f"timex half an interval:{timex.rule}")
        elif start is not None and end is not None and start > end:
            found.append(f"timex start after end:{timex.rule}")
    for quantity in result.quantities:
        values = [quantity.value, quantity.value_max]
        if not all(v is None or math.isfinite(v) for v in values):
            found.append(f"quantity not finite:{quantity.rule}")
    for c in result.commitments:
        inside = 0 <= c.char_start < c.char_end <= len(text)
        if not inside or text[c.char_start : c.char_end] != c.quote:
            found.append(f"offsets of commitment:{c.rule}")
        if not all(0 <= i < len(result.timexes) for i in c.timexes) or not all(
            0 <= i < len(result.quantities) for i in c.quantities
        ):
            found.append(f"commitment ordinals:{c.rule}")
        if (c.due is None) != (c.due_text is None) or (c.due_text and c.due_text not in text):
            found.append(f"due_text:{c.rule}")
        if c.due is None or c.kind != "future" or anchor is None:
            continue
        due = dt.date.fromisoformat(c.due)
        late = (anchor - due).days
        grace = (c.due_text or "").lower().startswith("from") and late <= FUTURE_READING_GRACE_DAYS
        if late > 0 and not _deadline(c.due_text or "") and not grace:
            found.append(f"due before the answer:{c.rule}")
    return found


def _corpus_seeds(corpus: Path) -> list[Seed]:
    from pipeline.engine import TextItem, extract_batch
    from pipeline.ingest.records import Answer
    from pipeline.ingest.replay import read_answers

    answers = [a for a in read_answers(corpus) if isinstance(a, Answer)]
    items = (TextItem(a.answer_text, a.date_answered) for a in answers)
    return seeds_by_extraction(
        (item.text, item.anchor or dt.date.min, result) for item, result in extract_batch(items)
    )


def main(argv: list[str] | None = None) -> int:
    """Mutate the shared corpus's sentences for ``--seconds``; print what broke, smallest
    example first. Exit 1 when anything did."""
    from pipeline.engine import load_model
    from pipeline.settings import get_settings

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=get_settings().shared / "corpus" / "commons-written-answers-2023-2025.jsonl.gz",
    )
    parser.add_argument("--slow", type=float, default=1.0, help="seconds a call may take")
    args = parser.parse_args(argv)
    nlp, rng = load_model(), random.Random(args.seed)
    seeds = _corpus_seeds(args.corpus)
    found: dict[str, tuple[int, str, dt.date | None]] = {}
    counts: Counter[str] = Counter()
    started = time.monotonic()
    while time.monotonic() - started < args.seconds:
        seed = rng.choice(seeds)
        name, text = mutate(rng, seed)
        anchor = seed.anchor if rng.random() < 0.7 else rng.choice((None, *ANCHORS))
        counts[name] += 1
        clock = time.monotonic()
        try:
            labels = analyse(text, anchor, nlp)
        except Exception as err:  # every exception is a finding
            frame = traceback.extract_tb(err.__traceback__)[-1]
            labels = [f"{type(err).__name__} at {Path(frame.filename).name}:{frame.lineno}"]
        if time.monotonic() - clock > args.slow:
            labels.append(f"slower than {args.slow} s")
        for label in labels:
            n, example, example_anchor = found.get(label, (0, text, anchor))
            if len(text) < len(example):
                example, example_anchor = text, anchor
            found[label] = (n + 1, example, example_anchor)
    print(f"{sum(counts.values())} inputs from {len(seeds)} sentences in {args.seconds:.0f} s")
    for label, (n, example, anchor) in sorted(found.items(), key=lambda kv: -kv[1][0]):
        print(f"{n:6d}  {label}  {anchor}  {example[:300]!r}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
