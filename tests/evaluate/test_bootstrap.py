"""Bootstrap intervals of the gold scores (:mod:`pipeline.evaluate.bootstrap`) and the
``evaluate gold`` / ``evaluate compare`` commands that print them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.cli.app import UserError
from pipeline.evaluate.bootstrap import (
    Counts,
    f1_difference,
    f1_interval,
    f1_scores,
    per_answer_counts,
)
from pipeline.evaluate.gold import SectionScore, score_records

QUOTES = [
    "The Department will publish the strategy in 2025.",
    "We have committed to reviewing the guidance.",
    "The scheme opened in March 2024.",
    "Funding of £5 million will be provided.",
]


def _answer(i: int, quotes: list[str]) -> dict[str, Any]:
    return {"id": i, "commitments": [{"quote": q, "kind": "future"} for q in quotes]}


def _sets(n: int, found: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``n`` gold answers of two commitments each; the predictions find both in the first
    ``found`` answers and only one, plus a false alarm, in the rest."""
    gold = [_answer(i, QUOTES[:2]) for i in range(n)]
    pred = [_answer(i, QUOTES[:2] if i < found else [QUOTES[0], QUOTES[2]]) for i in range(n)]
    return gold, pred


@given(
    gold=st.integers(0, 30),
    predicted=st.integers(0, 30),
    matched=st.integers(0, 30),
)
def test_f1_scores_follow_the_section_score_conventions(
    gold: int, predicted: int, matched: int
) -> None:
    matched = min(matched, gold, predicted)
    expected = SectionScore("s", gold=gold, predicted=predicted, matched=matched).f1
    found = f1_scores(np.array([gold]), np.array([predicted]), np.array([matched]))[0]
    assert found == pytest.approx(expected)


def test_per_answer_counts_sum_to_the_whole_set_scores() -> None:
    gold, pred = _sets(12, 7)
    pred = pred[:-1]  # one answer without a prediction: all misses
    counts = per_answer_counts(gold, pred)
    whole = score_records(gold, pred)
    for name, rows in counts.items():
        assert len(rows) == 12
        assert sum(c.gold for c in rows) == whole[name].gold
        assert sum(c.predicted for c in rows) == whole[name].predicted
        assert sum(c.matched for c in rows) == whole[name].matched
    assert counts["commitments"][-1] == Counts(2, 0, 0)


def test_f1_interval_holds_the_estimate_and_narrows_with_more_answers() -> None:
    small_gold, small_pred = _sets(8, 4)
    large_gold, large_pred = _sets(80, 40)
    small = per_answer_counts(small_gold, small_pred)["commitments"]
    large = per_answer_counts(large_gold, large_pred)["commitments"]
    f1 = score_records(small_gold, small_pred)["commitments"].f1
    a = f1_interval(small, resamples=500, seed=1)
    b = f1_interval(large, resamples=500, seed=1)
    assert a.low <= f1 <= a.high
    assert a.low < a.high
    assert b.high - b.low < a.high - a.low
    assert f1_interval(small, resamples=500, seed=1) == a  # the seed fixes the draws
    assert f1_interval(small, resamples=500, seed=2) != a


def test_f1_interval_of_a_perfect_engine_is_a_point() -> None:
    gold, _ = _sets(10, 10)
    interval = f1_interval(per_answer_counts(gold, gold)["commitments"], resamples=200)
    assert (interval.low, interval.high) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"resamples": 0}, "resamples"), ({"level": 1.0}, "level")],
)
def test_f1_interval_rejects_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        f1_interval([Counts(1, 1, 1)], **kwargs)
    with pytest.raises(ValueError, match="no answers"):
        f1_interval([])


def test_f1_difference_of_a_file_with_itself_is_zero() -> None:
    gold, pred = _sets(10, 5)
    counts = per_answer_counts(gold, pred)["commitments"]
    d = f1_difference(counts, counts, resamples=300)
    assert d.delta == 0 and (d.interval.low, d.interval.high) == (0.0, 0.0)
    assert d.share_not_better == 1.0


def test_f1_difference_sees_a_better_file() -> None:
    gold, worse = _sets(20, 2)
    _, better = _sets(20, 18)
    a = per_answer_counts(gold, worse)["commitments"]
    b = per_answer_counts(gold, better)["commitments"]
    d = f1_difference(a, b, resamples=1000)
    assert d.delta > 0.3
    assert 0 < d.interval.low <= d.delta <= d.interval.high
    assert d.share_not_better == 0.0
    reverse = f1_difference(b, a, resamples=1000)
    assert reverse.delta == pytest.approx(-d.delta) and reverse.share_not_better == 1.0


def test_f1_difference_needs_the_same_answers() -> None:
    with pytest.raises(ValueError, match="same gold answers"):
        f1_difference([Counts(2, 1, 1)], [Counts(3, 1, 1)])


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_evaluate_gold_prints_intervals(tmp_path: Path) -> None:
    gold, pred = _sets(15, 9)
    args = [str(_write(tmp_path / "g.jsonl", gold)), str(_write(tmp_path / "p.jsonl", pred))]
    result = CliRunner().invoke(app, ["evaluate", "gold", *args, "--json", "--bootstrap", "300"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["commitments"]
    assert scores["f1_low"] <= scores["f1"] <= scores["f1_high"]
    assert scores["resamples"] == 300
    plain = CliRunner().invoke(app, ["evaluate", "gold", *args, "--bootstrap", "0", "--json"])
    assert "f1_low" not in json.loads(plain.output)["commitments"]
    table = CliRunner().invoke(app, ["evaluate", "gold", *args])
    assert "F1 95%" in table.output and "1000 resamples of the 15 answers" in table.output


def test_evaluate_compare_reports_the_paired_difference(tmp_path: Path) -> None:
    gold, worse = _sets(20, 2)
    _, better = _sets(20, 18)
    paths = [
        str(_write(tmp_path / "g.jsonl", gold)),
        str(_write(tmp_path / "a.jsonl", worse)),
        str(_write(tmp_path / "b.jsonl", better[:-1])),  # B leaves one answer out
    ]
    result = CliRunner().invoke(app, ["evaluate", "compare", *paths, "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["answers"] == 19
    commitments = figures["commitments"]
    assert commitments["delta"] > 0 and commitments["delta_low"] > 0
    assert commitments["share_not_better"] == 0.0
    table = CliRunner().invoke(app, ["evaluate", "compare", *paths])
    assert "B not better in" in table.output and "1 gold answers left out" in table.output


def test_evaluate_compare_without_common_answers_is_a_clear_error(tmp_path: Path) -> None:
    gold, pred = _sets(3, 1)
    other = [{**r, "id": r["id"] + 100} for r in pred]
    paths = [
        str(_write(tmp_path / "g.jsonl", gold)),
        str(_write(tmp_path / "a.jsonl", pred)),
        str(_write(tmp_path / "b.jsonl", other)),
    ]
    result = CliRunner().invoke(app, ["evaluate", "compare", *paths])
    assert isinstance(result.exception, UserError)  # main() prints it as one line, exit 2
    assert "no gold answer is predicted in both" in str(result.exception)
