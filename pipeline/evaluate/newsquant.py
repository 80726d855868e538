"""Score the quantity finder on NewsQuant (and the Recognizers-Text specs in the same format).

The benchmark (CQE_Evaluation, ``data/formatted_test_set/``) is a JSON list of sentences
``{"text", "quantities": [{"value", "normalized_unit", ...}]}``; a value is a number or, for a
range, ``"low-high"``. The data has no licence, so it is read from ``../shared/`` at evaluation
time and never copied into the project.

Scoring follows CQE's own evaluation (``evaluate_models.py``: ``calculate_metrics``): per
sentence, predictions and gold are sorted by normalised unit; for each gold quantity the
predictions are scanned in order; a prediction whose value matches (``numpy.isclose`` with
rtol 1e-5, atol 1e-8; a range only matches a range) counts towards *value* (at most as many
times per sentence as the sentence has gold quantities), and if its lower-cased normalised unit
is equal too it counts towards *value+unit*, is used up and the scan stops. Precision divides by
the number of predictions, recall by the number of gold quantities. Because a prediction that
matches only the value is not used up, that figure is lenient; :func:`score_one_to_one` gives a
strict one-to-one figure beside it.

The project's units are mapped to CQE's normalised names through the rules themselves (each
unit rule's ``name``: ``USD`` -> ``dollar``, ``kg`` -> ``kilogram``, ``percent`` ->
``percentage``); a counted noun is its own name except "person", which CQE calls "people"; a
number with no unit is ``-``. NewsQuant annotates what the project leaves to others: durations
("15 years") and bare numbers ("to end at 27,349.19"), so the finder runs with
``FindOptions(bare_numbers=True, durations=True)`` here; ``--project-defaults`` shows the
figures with the project's own knobs.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.nlp.quantity_rules import QuantityLexicon
from pipeline.types import Quantity

Value = float | tuple[float, float]

BARE_UNIT = "-"
COUNT_NAMES = {"person": "people"}


@dataclass(frozen=True, slots=True)
class BenchItem:
    """One quantity in CQE's comparison form.

    Attributes:
        value: The value, or ``(low, high)`` for a range.
        unit: The normalised unit, lower case (``-`` when there is none).
        text: The text it came from (predictions only; for error listings).
    """

    value: Value
    unit: str
    text: str = ""


@dataclass(frozen=True, slots=True)
class BenchSentence:
    """One benchmark sentence with its gold quantities."""

    text: str
    gold: tuple[BenchItem, ...]


@dataclass(slots=True)
class BenchScore:
    """Counts for one benchmark file.

    Attributes:
        gold: Gold quantities.
        predicted: Predicted quantities.
        value: Gold quantities whose value was found.
        value_unit: Gold quantities whose value and unit were found.
        errors: Sentences where value+unit was not perfect, for listings.
    """

    gold: int = 0
    predicted: int = 0
    value: int = 0
    value_unit: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def prf(self, correct: int) -> tuple[float, float, float]:
        """Precision, recall and F1 for ``correct`` matches."""
        p = correct / self.predicted if self.predicted else 0.0
        r = correct / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def to_dict(self) -> dict[str, Any]:
        """The counts and P/R/F1 (as fractions) for value and value+unit."""
        out: dict[str, Any] = {"gold": self.gold, "predicted": self.predicted}
        for name, correct in (("value", self.value), ("value_unit", self.value_unit)):
            p, r, f = self.prf(correct)
            out[name] = {
                "correct": correct,
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(f, 4),
            }
        return out


def parse_value(raw: Any) -> Value:
    """A benchmark value: a number, or ``"low-high"`` for a range (CQE's ``decode_dictionary``)."""
    if isinstance(raw, str) and "E" not in raw and not raw.startswith("-") and "-" in raw:
        low, high = raw.split("-")[:2]
        return float(low), float(high)
    return float(raw)


def read_bench(path: Path) -> list[BenchSentence]:
    """Read a CQE-format benchmark file (a JSON list of ``{"text", "quantities"}``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of sentences")
    return [
        BenchSentence(
            text=str(row["text"]),
            gold=tuple(
                BenchItem(parse_value(q["value"]), str(q["normalized_unit"]).lower().strip())
                for q in row.get("quantities", [])
            ),
        )
        for row in data
    ]


def subunit_rules(lexicon: QuantityLexicon) -> dict[str, tuple[float, str]]:
    """Money rules for a sub-unit (pence, cents): rule id -> (factor, canonical name)."""
    return {
        r.id: (r.factor, r.name)
        for r in lexicon.units
        if r.kind == "money" and r.factor < 1 and r.name
    }


def unit_names(lexicon: QuantityLexicon, singularise: Callable[[str], str]) -> dict[str, str]:
    """Map the project's units to canonical names, from the unit rules' ``name`` fields."""
    names: dict[str, str] = {}
    for rule in lexicon.units:
        if not rule.name or (rule.kind == "money" and rule.factor < 1):
            continue
        if rule.unit:
            names.setdefault(rule.unit.lower(), rule.name)
        for form in rule.forms:
            low = " ".join(form.lower().split())
            names.setdefault(low, rule.name)
            names.setdefault(singularise(low), rule.name)
    return names


_RATE = re.compile(r"[ \t]+(?:per|a|an)[ \t]+((?:square[ \t]+)?[A-Za-z]+)\b", re.IGNORECASE)
_LEADING_NUMBER = re.compile(r"^\W*(?:[\d.,]+\w*|[A-Za-z]+-?)?[\s-]*", re.UNICODE)
_NOT_RATE = re.compile(r"[ \t]+(?:earlier|ago|later|before|after|on)\b", re.IGNORECASE)
_NP_SKIP = frozenset({"and", "or", "of", "the", "a", "an", "'s", "’s"})


def noun_phrase_name(
    row: Quantity, singularise: Callable[[str], str], number_words: frozenset[str]
) -> str:
    """CQE's normalised unit for a counted noun: the noun phrase after the number, lower case,
    joining words dropped, the last word singular ("seven European countries" -> "european
    country"); "people" stays "people"."""
    words = [w for w in re.split(r"[\s]+", row.text.lower()) if w]
    while words and (
        words[0] in number_words
        or words[0][:1].isdigit()
        or words[0] in ("thousand", "million", "billion")
    ):
        words.pop(0)
    words = [w.strip(".,;:()") for w in words if w not in _NP_SKIP]
    words = [w for w in words if w]
    if not words:
        return row.unit.lower()
    last = words[-1]
    words[-1] = "people" if last == "people" else singularise(last)
    return " ".join(words)


def rate_suffix(text: str, row: Quantity, singularise: Callable[[str], str]) -> str:
    """ " per <thing>" when the quantity is followed by "per X" / "a X" ("$52 a barrel")."""
    m = _RATE.match(text, row.char_end)
    if not m or _NOT_RATE.match(text, m.end()):
        return ""
    word = " ".join(m.group(1).lower().split())
    if word in _NP_SKIP or word in ("few", "lot", "bit", "total", "further", "record", "share"):
        return "" if word != "share" else " per share"
    return f" per {singularise(word)}"


def to_bench(
    rows: Sequence[Quantity],
    names: dict[str, str],
    text: str = "",
    singularise: Callable[[str], str] | None = None,
    number_words: frozenset[str] = frozenset(),
    subunits: dict[str, tuple[float, str]] | None = None,
) -> list[BenchItem]:
    """The finder's rows in CQE's form: a range's two rows become one ``(low, high)`` item; with
    ``text`` and ``singularise``, a counted noun is named by its noun phrase and a rate ("per
    barrel") joins the unit, as CQE normalises them."""
    out: list[BenchItem] = []
    skip: set[int] = set()
    subunits = subunits or {}
    for i, row in enumerate(rows):
        if i in skip:
            continue
        value: Value = row.value
        if row.value_max is not None:
            for j in range(i + 1, min(i + 3, len(rows))):
                if math.isclose(rows[j].value, row.value_max, rel_tol=1e-9):
                    skip.add(j)
                    value = (row.value, row.value_max)
                    break
        unit = row.unit.lower()
        sub = subunits.get(row.rule.split("+")[0])
        if sub is not None:  # CQE keeps "164p" as 164 points, "19 cents" as 19 cents
            value = (
                (value[0] / sub[0], value[1] / sub[0])
                if isinstance(value, tuple)
                else value / sub[0]
            )
            name = sub[1]
        elif not unit:
            name = BARE_UNIT
        elif row.kind == "count":
            name = COUNT_NAMES.get(unit, names.get(unit, unit))
            if singularise is not None and row.rule == "count":
                name = noun_phrase_name(row, singularise, number_words)
        else:
            name = names.get(unit, unit)
        if text and singularise is not None and name != BARE_UNIT and " per " not in name:
            name += rate_suffix(text, row, singularise)
        out.append(BenchItem(value, name.lower(), row.text))
    return out


def values_match(gold: Value, pred: Value) -> bool:
    """CQE's value test: both numbers or both ranges, equal to rtol 1e-5 / atol 1e-8."""

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-8 + 1e-5 * abs(b)

    if isinstance(gold, tuple) and isinstance(pred, tuple):
        return close(gold[0], pred[0]) and close(gold[1], pred[1])
    if isinstance(gold, tuple) or isinstance(pred, tuple):
        return False
    return close(gold, pred)


def score_cqe(gold: Sequence[BenchItem], pred: Sequence[BenchItem]) -> tuple[int, int]:
    """``(value matches, value+unit matches)`` for one sentence, as CQE's evaluation counts them."""
    tags = sorted(pred, key=lambda q: q.unit)
    remaining = len(gold)
    value = value_unit = 0
    for g in sorted(gold, key=lambda q: q.unit):
        for t in list(tags):
            if not values_match(g.value, t.value):
                continue
            if remaining > 0:
                value += 1
                remaining -= 1
            if t.unit == g.unit:
                value_unit += 1
                tags.remove(t)
                break
    return value, value_unit


def score_one_to_one(gold: Sequence[BenchItem], pred: Sequence[BenchItem]) -> tuple[int, int]:
    """``(value matches, value+unit matches)`` with each prediction used at most once per figure
    (value+unit pairs first, then the rest by value)."""
    free = list(pred)
    value_unit = 0
    unmatched = []
    for g in gold:
        hit = next((t for t in free if values_match(g.value, t.value) and t.unit == g.unit), None)
        if hit is None:
            unmatched.append(g)
        else:
            free.remove(hit)
            value_unit += 1
    value = value_unit
    for g in unmatched:
        hit = next((t for t in free if values_match(g.value, t.value)), None)
        if hit is not None:
            free.remove(hit)
            value += 1
    return value, value_unit


def evaluate(
    sentences: Iterable[BenchSentence],
    find: Callable[[str], Sequence[Quantity]],
    names: dict[str, str],
    *,
    scorer: Callable[[Sequence[BenchItem], Sequence[BenchItem]], tuple[int, int]] = score_cqe,
    singularise: Callable[[str], str] | None = None,
    number_words: frozenset[str] = frozenset(),
    subunits: dict[str, tuple[float, str]] | None = None,
) -> BenchScore:
    """Run ``find`` over every sentence and add up the scores (see :func:`to_bench` for
    ``singularise`` and ``number_words``)."""
    score = BenchScore()
    for sentence in sentences:
        pred = to_bench(
            find(sentence.text), names, sentence.text, singularise, number_words, subunits
        )
        value, value_unit = scorer(sentence.gold, pred)
        score.gold += len(sentence.gold)
        score.predicted += len(pred)
        score.value += value
        score.value_unit += value_unit
        if value_unit < len(sentence.gold) or len(pred) > value_unit:
            score.errors.append(
                {
                    "text": sentence.text,
                    "gold": [f"{_show(g.value)} {g.unit}" for g in sentence.gold],
                    "pred": [f"{_show(p.value)} {p.unit} ({p.text})" for p in pred],
                }
            )
    return score


def _show(value: Value) -> str:
    if isinstance(value, tuple):
        return f"{value[0]:g}-{value[1]:g}"
    return f"{value:g}"
