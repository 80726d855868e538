"""Scoring predictions against section-4a gold (``pipeline.evaluate.gold``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from pipeline.evaluate.gold import gold_format_timex, score_records

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


def test_full_and_gold_format_predictions_score_alike_on_time_expressions() -> None:
    from pipeline.engine import extract

    text = "We review it twice a year. The plan runs for two years from August 2022."
    extraction = extract(text, dt.date(2023, 12, 8))
    assert {t.type for t in extraction.timexes} >= {"set", "duration", "date"}
    gold = {"id": 1, **{k: v for k, v in extraction.to_gold(1).items() if k != "id"}}
    full = {"id": 1, "timexes": [dataclasses.asdict(t) for t in extraction.timexes]}
    assert all("value" not in t for t in full["timexes"])  # a `predict --full` row
    for prediction in (extraction.to_gold(1), full):
        scores = score_records([gold], [prediction])["timexes"]
        assert scores.matched == len(extraction.timexes)
        assert scores.accuracy("interval_or_value") == 1.0


def test_a_full_row_keeps_the_gold_value_of_dates_empty() -> None:
    row = {"text": "August 2022", "type": "date", "timex3": "2022-08", "start": "2022-08-01"}
    assert gold_format_timex(row)["value"] is None
    assert gold_format_timex({**row, "type": "set", "timex3": "P1Y"})["value"] == "P1Y"
    gold_row = {"text": "a year", "type": "set", "value": "P1Y"}
    assert gold_format_timex(gold_row) is gold_row
