"""Score predictions against gold, as GUIDELINES.md section 5 defines.

A predicted item matches a gold item of the same answer when their texts overlap: one contains
the other, or they share at least half of the shorter one's words. Matching is one-to-one,
closest pairs first. Per section: precision, recall, F1; for matched commitments the share with
the right ``kind`` and the right ``due`` (over gold items that have a due); for time expressions
the share with the right ``start``/``end`` (dates) or ``value`` (durations, sets); for quantities
the share with the right ``value`` and ``unit`` (units agree when their last words agree once a
plural "s" is dropped).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.types import gold_timex_value

_WORD = re.compile(r"\w+")

Item = dict[str, Any]


@dataclass(slots=True)
class SectionScore:
    """Counts and attribute agreement for one section (or a slice of one)."""

    name: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def count(self, attribute: str, right: bool) -> None:
        tally = self.attributes.setdefault(attribute, [0, 0])
        tally[0] += int(right)
        tally[1] += 1

    def accuracy(self, attribute: str) -> float | None:
        right, total = self.attributes.get(attribute, [0, 0])
        return right / total if total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.name,
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            **{
                f"{k}_accuracy": round(v[0] / v[1], 4) if v[1] else None
                for k, v in self.attributes.items()
            },
            **{f"{k}_n": v[1] for k, v in self.attributes.items()},
        }


def words(text: str) -> set[str]:
    """Lower-cased word set of ``text``."""
    return set(_WORD.findall(text.lower()))


def overlap(a: str, b: str) -> float:
    """How well two texts overlap: 2 for equal, 1.5 for containment, else the shared-word share
    of the shorter text (a match needs at least 0.5); 0 when they do not overlap."""
    if not a or not b:
        return 0.0
    if a == b:
        return 2.0
    if a in b or b in a:
        return 1.5
    wa, wb = words(a), words(b)
    shorter = min(len(wa), len(wb))
    if not shorter:
        return 0.0
    share = len(wa & wb) / shorter
    return share if share >= 0.5 else 0.0


def match(gold: list[Item], pred: list[Item], key: str) -> list[tuple[int, int]]:
    """One-to-one matching of gold to predicted items by text overlap, closest pairs first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            score = overlap(str(g.get(key) or ""), str(p.get(key) or ""))
            if score:
                pairs.append((-score, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def same_value(a: Any, b: Any) -> bool:
    """Numbers equal to a relative tolerance of 1e-6."""
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def unit_head(unit: Any) -> str:
    """The comparable head of a unit: its last word, lower-cased, a plural "s" dropped."""
    parts = str(unit or "").lower().split()
    last = parts[-1] if parts else ""
    return last[:-1] if last.endswith("s") and len(last) > 3 else last


def same_unit(a: Any, b: Any) -> bool:
    """Units agree when their last words agree once a plural "s" is dropped."""
    return unit_head(a) == unit_head(b)


def score_section(
    score: SectionScore,
    gold: list[Item],
    pred: list[Item],
    key: str,
    attributes: Mapping[str, Callable[[Item, Item], bool | None]],
    context: Mapping[str, Any],
) -> list[tuple[str, Item, Item]]:
    """Add one unit's items (a section of an answer, a vector's sentence) to ``score``: the
    counts, every matched pair's attributes, and the misses and false alarms, each with the
    ``context`` fields (its id...) before its own.

    Args:
        score: The section's running score.
        gold: The unit's gold items.
        pred: Its predicted items.
        key: The field items are matched on (:func:`match`).
        attributes: Each attribute's check of a matched pair (None: not applicable).
        context: Fields that name the unit in ``misses`` and ``false_alarms``.

    Returns:
        The matched pairs an attribute check found wrong: ``(attribute, gold, predicted)``.
    """
    score.gold += len(gold)
    score.predicted += len(pred)
    pairs = match(gold, pred, key)
    score.matched += len(pairs)
    wrong: list[tuple[str, Item, Item]] = []
    for gi, pi in pairs:
        for name, check in attributes.items():
            right = check(gold[gi], pred[pi])
            if right is not None:
                score.count(name, right)
                if not right:
                    wrong.append((name, gold[gi], pred[pi]))
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    score.misses += [{**context, **gold[i]} for i in range(len(gold)) if i not in matched_g]
    score.false_alarms += [{**context, **pred[i]} for i in range(len(pred)) if i not in matched_p]
    return wrong


def _timex_right(g: Item, p: Item) -> bool:
    if g.get("type") in ("duration", "set"):
        return g.get("value") == p.get("value")
    return (g.get("start"), g.get("end")) == (p.get("start"), p.get("end"))


def _due_right(g: Item, p: Item) -> bool | None:
    return None if g.get("due") is None else g.get("due") == p.get("due")


COMMITMENT_ATTRIBUTES: dict[str, Callable[[Item, Item], bool | None]] = {
    "kind": lambda g, p: g.get("kind") == p.get("kind"),
    "due": _due_right,
    "due_all": lambda g, p: g.get("due") == p.get("due"),
}
FUTURE_ATTRIBUTES: dict[str, Callable[[Item, Item], bool | None]] = {"due": _due_right}
TIMEX_ATTRIBUTES: dict[str, Callable[[Item, Item], bool | None]] = {
    "interval_or_value": _timex_right,
    "type": lambda g, p: g.get("type") == p.get("type"),
}
QUANTITY_ATTRIBUTES: dict[str, Callable[[Item, Item], bool | None]] = {
    "value": lambda g, p: same_value(g.get("value"), p.get("value")),
    "value_unit": lambda g, p: (
        same_value(g.get("value"), p.get("value")) and same_unit(g.get("unit"), p.get("unit"))
    ),
}


def gold_format_timex(item: Item) -> Item:
    """A predicted time expression with the gold format's ``value``: a ``predict --full`` row
    carries the TimeML value of every expression as ``timex3`` and no ``value``, which the gold
    format gives durations and sets only (``Timex.value``); a gold-format row is kept as it is."""
    if "value" in item or "timex3" not in item:
        return item
    return {**item, "value": gold_timex_value(item.get("type", ""), item["timex3"])}


def score_records(gold: Iterable[Item], pred: Iterable[Item]) -> dict[str, SectionScore]:
    """Score predicted records against gold records, matched by ``id``.

    Gold records with no prediction count as all misses; predictions for ids that are not in
    the gold are ignored (the gold defines the sample). Predicted commitments flagged
    ``negated`` (``predict --full`` keeps them) are not scored, as the gold format leaves them
    out (``Extraction.to_gold``), and a full row's time-expression value is read as the gold
    format gives it (:func:`gold_format_timex`), so both kinds of prediction file score alike.
    """
    predicted = {str(r["id"]): r for r in pred}
    scores = {
        name: SectionScore(name)
        for name in ("commitments", "future_commitments", "timexes", "quantities")
    }
    for g in gold:
        p = predicted.get(str(g["id"]), {})
        answer = {"id": g["id"]}
        commitments = [c for c in p.get("commitments", []) if not c.get("negated")]
        score_section(
            scores["commitments"],
            g.get("commitments", []),
            commitments,
            "quote",
            COMMITMENT_ATTRIBUTES,
            answer,
        )
        score_section(
            scores["future_commitments"],
            [c for c in g.get("commitments", []) if c.get("kind") == "future"],
            [c for c in commitments if c.get("kind") == "future"],
            "quote",
            FUTURE_ATTRIBUTES,
            answer,
        )
        score_section(
            scores["timexes"],
            g.get("timexes", []),
            [gold_format_timex(t) for t in p.get("timexes", [])],
            "text",
            TIMEX_ATTRIBUTES,
            answer,
        )
        score_section(
            scores["quantities"],
            g.get("quantities", []),
            p.get("quantities", []),
            "text",
            QUANTITY_ATTRIBUTES,
            answer,
        )
    return scores


def read_jsonl(path: Path) -> list[Item]:
    """Read a JSONL file of records."""
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
