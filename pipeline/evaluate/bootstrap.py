"""Confidence intervals for the gold scores: the answers resampled with replacement.

A gold set of 24 or 31 answers gives an F1 whose uncertainty is wide, and two engines (or one
engine before and after a round of rules) scored on the same answers differ by less than that
uncertainty more often than not. The unit that was sampled is the answer, so the answers are
what is resampled (the percentile bootstrap, Efron & Tibshirani 1993, ch. 13): each resample
draws as many answers as the set holds, with replacement, and sums their counts of gold,
predicted and matched items per section before computing P, R and F1, exactly as
:class:`~pipeline.evaluate.gold.SectionScore` does for the whole set. A paired comparison draws
the same answers for both prediction files (Koehn 2004's paired bootstrap), so what the two have
in common cancels out.

Everything here is a pure function of its inputs and its ``seed``: the same call gives the same
interval.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.evaluate.gold import Item, score_records

SECTIONS = ("commitments", "future_commitments", "timexes", "quantities")
"""The scored sections, in report order."""


@dataclass(frozen=True, slots=True)
class Counts:
    """One answer's items in one section.

    Attributes:
        gold: Gold items.
        predicted: Predicted items.
        matched: Gold items matched one-to-one by a predicted item.
    """

    gold: int
    predicted: int
    matched: int


@dataclass(frozen=True, slots=True)
class Interval:
    """A percentile bootstrap interval.

    Attributes:
        low: Lower bound.
        high: Upper bound.
        level: Coverage, e.g. 0.95.
        resamples: Resamples drawn.
    """

    low: float
    high: float
    level: float
    resamples: int


@dataclass(frozen=True, slots=True)
class Difference:
    """F1 of prediction file B minus that of A on the same answers, with its paired interval.

    Attributes:
        a: F1 of A on the whole set.
        b: F1 of B on the whole set.
        interval: Interval of ``b - a``.
        share_not_better: Share of resamples in which B's F1 is not above A's (a one-sided
            bootstrap p-value for "B is better").
    """

    a: float
    b: float
    interval: Interval
    share_not_better: float

    @property
    def delta(self) -> float:
        """``b - a``."""
        return self.b - self.a


def f1_scores(gold: np.ndarray, predicted: np.ndarray, matched: np.ndarray) -> np.ndarray:
    """F1 per row of summed counts, with the conventions of ``SectionScore``: precision is 1
    with nothing predicted and nothing to find, 0 with nothing predicted and something to find;
    recall likewise; F1 is 0 when both are 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(
            predicted > 0, matched / np.maximum(predicted, 1), np.where(gold > 0, 0.0, 1.0)
        )
        recall = np.where(
            gold > 0, matched / np.maximum(gold, 1), np.where(predicted > 0, 0.0, 1.0)
        )
        total = precision + recall
        return np.where(total > 0, 2 * precision * recall / np.where(total > 0, total, 1), 0.0)


def per_answer_counts(
    gold_records: Iterable[Item], pred_records: Iterable[Item]
) -> dict[str, list[Counts]]:
    """Per section, each gold answer's counts (in the gold's order), scored one answer at a time
    by :func:`~pipeline.evaluate.gold.score_records` (whose sums they are)."""
    predicted = {str(r["id"]): r for r in pred_records}
    out: dict[str, list[Counts]] = {name: [] for name in SECTIONS}
    for g in gold_records:
        p = predicted.get(str(g["id"]))
        scores = score_records([g], [p] if p is not None else [])
        for name in SECTIONS:
            s = scores[name]
            out[name].append(Counts(s.gold, s.predicted, s.matched))
    return out


def _columns(counts: Sequence[Counts]) -> np.ndarray:
    return np.array([[c.gold, c.predicted, c.matched] for c in counts], dtype=np.int64).reshape(
        -1, 3
    )


def _resampled_f1(columns: np.ndarray, draws: np.ndarray) -> np.ndarray:
    sums = columns[draws].sum(axis=1)  # (resamples, 3)
    return f1_scores(sums[:, 0], sums[:, 1], sums[:, 2])


def _draws(n: int, resamples: int, seed: int) -> np.ndarray:
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, not {resamples}")
    if n == 0:
        raise ValueError("no answers to resample")
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n))


def _interval(values: np.ndarray, level: float, resamples: int) -> Interval:
    if not 0 < level < 1:
        raise ValueError(f"level must lie between 0 and 1, not {level}")
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(values, [tail, 100 - tail])
    return Interval(float(low), float(high), level, resamples)


def f1_interval(
    counts: Sequence[Counts], *, resamples: int = 2000, seed: int = 0, level: float = 0.95
) -> Interval:
    """The percentile bootstrap interval of a section's F1 over its answers.

    Raises:
        ValueError: For no answers, fewer than one resample, or a level outside (0, 1).
    """
    columns = _columns(counts)
    draws = _draws(len(columns), resamples, seed)
    return _interval(_resampled_f1(columns, draws), level, resamples)


def f1_difference(
    a: Sequence[Counts],
    b: Sequence[Counts],
    *,
    resamples: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> Difference:
    """B's F1 minus A's on the same answers, with the paired bootstrap interval.

    Args:
        a: Per-answer counts of prediction file A.
        b: The same answers' counts for B, in the same order.

    Raises:
        ValueError: When ``a`` and ``b`` do not hold the same answers' gold counts, and as
            :func:`f1_interval`.
    """
    ca, cb = _columns(a), _columns(b)
    if ca.shape != cb.shape or not np.array_equal(ca[:, 0], cb[:, 0]):
        raise ValueError("the two prediction files must be scored on the same gold answers")
    draws = _draws(len(ca), resamples, seed)
    deltas = _resampled_f1(cb, draws) - _resampled_f1(ca, draws)
    whole_a = float(f1_scores(*ca.sum(axis=0, keepdims=True).T)[0])
    whole_b = float(f1_scores(*cb.sum(axis=0, keepdims=True).T)[0])
    return Difference(
        whole_a,
        whole_b,
        _interval(deltas, level, resamples),
        float(np.mean(deltas <= 0)),
    )


def section_intervals(
    counts: Mapping[str, Sequence[Counts]],
    *,
    resamples: int = 2000,
    seed: int = 0,
    level: float = 0.95,
) -> dict[str, Interval]:
    """:func:`f1_interval` for each section (each with the same draws of answers)."""
    return {
        name: f1_interval(rows, resamples=resamples, seed=seed, level=level)
        for name, rows in counts.items()
    }
