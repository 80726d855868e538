"""Sentence-level evaluation over the commitment vectors (``gold/vectors-commitment.jsonl``).

Each vector is one sentence, verbatim from a real answer, with its gold commitments and their
``strength``, ``assurance`` and ``negated`` (GUIDELINES.md section 4). The engine runs on the
sentence alone, anchored to the answer date and told the answering department; predicted and
gold commitments are matched as in GUIDELINES.md section 5 (:func:`pipeline.evaluate.gold.match`).

Reported: P/R/F1 for all commitments and for future ones; for matched commitments the share
with the right ``kind``, ``due`` (over gold items with a due), ``strength``, ``assurance`` and
``negated``; and sentence-level detection (does the sentence hold any commitment?) with the
false-alarm rate on the negative sentences (refusals, law, references, offers, effects).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.evaluate.gold import SectionScore, score_section

Item = dict[str, Any]
VECTOR_ATTRIBUTES: dict[str, Callable[[Item, Item], bool | None]] = {
    "kind": lambda g, p: g.get("kind") == p.get("kind"),
    "due": lambda g, p: None if g.get("due") is None else g.get("due") == p.get("due"),
    "due_all": lambda g, p: g.get("due") == p.get("due"),
    "strength": lambda g, p: g.get("strength") == p.get("strength"),
    "assurance": lambda g, p: bool(g.get("assurance")) == bool(p.get("assurance")),
    "negated": lambda g, p: bool(g.get("negated")) == bool(p.get("negated")),
}


@dataclass(frozen=True, slots=True)
class Vector:
    """One gold sentence.

    Attributes:
        id: The answer's id.
        date_answered: The answer date (the anchor).
        department: The answering body.
        sentence: The sentence, verbatim.
        commitments: Its gold commitments.
    """

    id: int | str
    date_answered: dt.date
    department: str | None
    sentence: str
    commitments: tuple[Item, ...]


@dataclass(slots=True)
class SentenceDetection:
    """Sentence-level detection counts: does a sentence hold any commitment?"""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    false_alarms: list[Item] = field(default_factory=list)

    @property
    def negatives(self) -> int:
        """Sentences without any gold commitment."""
        return self.false_positive + self.true_negative

    @property
    def false_alarm_rate(self) -> float:
        """Share of negative sentences where something was predicted."""
        return self.false_positive / self.negatives if self.negatives else 0.0

    @property
    def accuracy(self) -> float:
        """Share of sentences classified right."""
        total = self.true_positive + self.false_positive + self.false_negative + self.true_negative
        return (self.true_positive + self.true_negative) / total if total else 0.0


@dataclass(slots=True)
class VectorScores:
    """The evaluation's results."""

    sentences: int
    commitments: SectionScore
    future: SectionScore
    detection: SentenceDetection
    attribute_errors: list[Item] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary."""
        d = self.detection
        return {
            "sentences": self.sentences,
            "commitments": self.commitments.to_dict(),
            "future_commitments": self.future.to_dict(),
            "detection": {
                "accuracy": round(d.accuracy, 4),
                "negatives": d.negatives,
                "false_alarm_rate": round(d.false_alarm_rate, 4),
                "true_positive": d.true_positive,
                "false_positive": d.false_positive,
                "false_negative": d.false_negative,
                "true_negative": d.true_negative,
            },
        }


def read_vectors(path: Path) -> list[Vector]:
    """Read a vectors file (one JSON object per line)."""
    out = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            out.append(
                Vector(
                    id=row["id"],
                    date_answered=dt.date.fromisoformat(row["date_answered"]),
                    department=row.get("department"),
                    sentence=row["sentence"],
                    commitments=tuple(row.get("commitments", [])),
                )
            )
    return out


def predict_vectors(vectors: Sequence[Vector], *, nlp: Any = None) -> list[list[Item]]:
    """Run the engine on each sentence; each prediction with all its fields.

    Args:
        vectors: The gold sentences.
        nlp: A loaded rule model; the configured default when None.
    """
    from pipeline.engine import TextItem, extract_batch

    items = (
        TextItem(v.sentence, v.date_answered, v.department, key=i) for i, v in enumerate(vectors)
    )
    out: list[list[Item]] = [[] for _ in vectors]
    for item, result in extract_batch(items, nlp=nlp):
        out[item.key] = [
            {
                **c.to_gold(),
                "strength": c.strength,
                "assurance": c.assurance,
                "negated": c.negated,
                "rule": c.rule,
            }
            for c in result.commitments
        ]
    return out


def score_vectors(
    vectors: Sequence[Vector], predictions: Sequence[Iterable[Mapping[str, Any]]]
) -> VectorScores:
    """Score predictions against the vectors (same order).

    Args:
        vectors: The gold sentences.
        predictions: For each sentence, its predicted commitments (gold format plus
            ``strength``, ``assurance``, ``negated``).
    """
    scores = SectionScore("commitments")
    future = SectionScore("future_commitments")
    detection = SentenceDetection()
    errors: list[Item] = []
    for vector, predicted in zip(vectors, predictions, strict=True):
        gold = [dict(c) for c in vector.commitments]
        pred = [dict(c) for c in predicted]
        errors += _score(scores, gold, pred, VECTOR_ATTRIBUTES, vector)
        _score(
            future,
            [c for c in gold if c.get("kind") == "future"],
            [c for c in pred if c.get("kind") == "future"],
            {"due": VECTOR_ATTRIBUTES["due"]},
            vector,
        )
        if gold and pred:
            detection.true_positive += 1
        elif gold:
            detection.false_negative += 1
        elif pred:
            detection.false_positive += 1
            detection.false_alarms.append(
                {"id": vector.id, "sentence": vector.sentence, "predicted": pred}
            )
        else:
            detection.true_negative += 1
    return VectorScores(len(vectors), scores, future, detection, errors)


def _score(
    score: SectionScore,
    gold: list[Item],
    pred: list[Item],
    attributes: Mapping[str, Callable[[Item, Item], bool | None]],
    vector: Vector,
) -> list[Item]:
    """Add one sentence to ``score``; returns the matched pairs whose attributes disagree."""
    context = {"id": vector.id, "sentence": vector.sentence}
    wrong = score_section(score, gold, pred, "quote", attributes, context)
    return [
        {"id": vector.id, "attribute": name, "gold": g, "pred": p}
        for name, g, p in wrong
        if name != "due_all"
    ]
