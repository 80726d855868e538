"""Sentence-level scoring over the commitment vectors (:mod:`pipeline.evaluate.vectors`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from support import FIXTURES

from pipeline.evaluate.vectors import Vector, read_vectors, score_vectors


def _vector(sentence: str, commitments: list[dict[str, Any]]) -> Vector:
    return Vector(1, dt.date(2024, 9, 10), "Department for Testing", sentence, tuple(commitments))


def _item(quote: str, **kw: Any) -> dict[str, Any]:
    return {
        "quote": quote,
        "kind": "future",
        "due": None,
        "strength": "firm",
        "assurance": False,
        "negated": False,
        **kw,
    }


def test_score_vectors_counts_matches_attributes_and_detection() -> None:
    vectors = [
        _vector(
            "We will publish it by 2025.", [_item("We will publish it by 2025", due="2025-12-31")]
        ),
        _vector("We aim to consult.", [_item("We aim to consult", strength="soft")]),
        _vector("The information is not held centrally.", []),
        _vector(
            "We have no plans to do so.",
            [_item("We have no plans to do so", negated=True, strength="soft")],
        ),
    ]
    predictions = [
        [_item("We will publish it by 2025", due="2025-12-31")],
        [_item("We aim to consult", strength="firm")],
        [_item("The information is not held centrally")],
        [],
    ]
    scores = score_vectors(vectors, predictions)
    assert (scores.commitments.gold, scores.commitments.predicted, scores.commitments.matched) == (
        3,
        3,
        2,
    )
    assert scores.commitments.attributes["strength"] == [1, 2]
    assert scores.commitments.attributes["due"] == [1, 1]
    assert [e["attribute"] for e in scores.attribute_errors] == ["strength"]
    d = scores.detection
    assert (d.true_positive, d.false_positive, d.false_negative, d.true_negative) == (2, 1, 1, 0)
    assert d.false_alarm_rate == 1.0 and d.accuracy == 0.5
    assert scores.to_dict()["detection"]["negatives"] == 1


def test_read_vectors_reads_the_bundled_gold() -> None:
    vectors = read_vectors(FIXTURES / "commitment" / "vectors-commitment.jsonl")
    assert len(vectors) == 200
    assert all(isinstance(v.date_answered, dt.date) and v.sentence for v in vectors)
    assert sum(1 for v in vectors if not v.commitments) == 40
