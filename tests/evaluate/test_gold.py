"""Scoring predictions against section-4a gold (``pipeline.evaluate.gold``)."""

from __future__ import annotations

from typing import Any

from pipeline.evaluate.gold import score_records

GOLD = {
    "id": 1,
    "commitments": [{"quote": "We will publish the plan by March 2026", "kind": "future"}],
    "timexes": [],
    "quantities": [],
}


def _prediction(*commitments: dict[str, Any]) -> dict[str, Any]:
    return {"id": 1, "commitments": list(commitments), "timexes": [], "quantities": []}


def test_negated_predictions_are_not_scored_as_false_alarms() -> None:
    promise = {"quote": "We will publish the plan by March 2026", "kind": "future"}
    refusal = {"quote": "We have no plans to abolish the ORR", "kind": "future", "negated": True}
    scores = score_records([GOLD], [_prediction(promise, refusal)])
    for name in ("commitments", "future_commitments"):
        assert (scores[name].predicted, scores[name].matched) == (1, 1)
        assert scores[name].false_alarms == []


def test_an_unflagged_extra_prediction_is_still_a_false_alarm() -> None:
    promise = {"quote": "We will publish the plan by March 2026", "kind": "future"}
    extra = {"quote": "We have no plans to abolish the ORR", "kind": "future", "negated": False}
    scores = score_records([GOLD], [_prediction(promise, extra)])
    assert scores["commitments"].predicted == 2
    assert [f["quote"] for f in scores["commitments"].false_alarms] == [extra["quote"]]
