"""The NewsQuant evaluation: CQE's matching, the adapter from rows to CQE's form, and the
figures on the shared benchmark (skipped without ``../shared/``; the data is never copied)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language
from support import shared_path
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate.newsquant import (
    BenchItem,
    BenchSentence,
    evaluate,
    parse_value,
    read_bench,
    score_cqe,
    score_one_to_one,
    subunit_rules,
    to_bench,
    unit_names,
    values_match,
)
from pipeline.nlp.numbers import NUMBER_WORDS
from pipeline.nlp.quantity import QuantityTagger
from pipeline.nlp.quantity_find import FindOptions
from pipeline.types import Quantity


def _q(
    text: str,
    start: int,
    value: float,
    unit: str,
    kind: str = "count",
    value_max: float | None = None,
    rule: str = "count",
) -> Quantity:
    return Quantity(
        text, start, start + len(text), value, unit, kind, value_max=value_max, rule=rule
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1.0),
        ("6.0", 6.0),
        ("7-9", (7.0, 9.0)),
        ("3.0 - 4.0", (3.0, 4.0)),
        ("-5", -5.0),
        ("1E+06", 1e6),
        (12, 12.0),
    ],
)
def test_parse_value_numbers_and_ranges(raw: object, expected: object) -> None:
    assert parse_value(raw) == expected


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (5.0, 5.0, True),
        (5.0, 5.00001, True),
        (5.0, 5.1, False),
        ((1.0, 2.0), (1.0, 2.0), True),
        ((1.0, 2.0), 1.0, False),
        (1.0, (1.0, 2.0), False),
    ],
)
def test_values_match_like_cqe(gold: object, pred: object, expected: bool) -> None:
    assert values_match(gold, pred) is expected  # type: ignore[arg-type]


def test_score_cqe_counts_value_and_unit() -> None:
    gold = [BenchItem(5.0, "dollar"), BenchItem(40.0, "yard")]
    pred = [BenchItem(40.0, "yard"), BenchItem(5.0, "-"), BenchItem(21.0, "-")]
    assert score_cqe(gold, pred) == (2, 1)


def test_score_cqe_is_lenient_on_value_where_one_to_one_is_not() -> None:
    gold = [BenchItem(5.0, "dollar"), BenchItem(5.0, "euro")]
    pred = [BenchItem(5.0, "-")]
    assert score_cqe(gold, pred) == (2, 0)  # one prediction counts for both gold values
    assert score_one_to_one(gold, pred) == (1, 0)


def test_to_bench_joins_ranges_and_names_units() -> None:
    text = "between 110,000 and 130,000 affordable homes at $52 a barrel"
    rows = [
        _q("110,000", 8, 110000, "home", value_max=130000, rule="count+range"),
        _q("130,000 affordable homes", 20, 130000, "home"),
        _q("$52", text.index("$52"), 52, "USD", "money", rule="usd_sign"),
    ]
    items = to_bench(rows, {"usd": "dollar"}, text, lambda w: w.rstrip("s"), NUMBER_WORDS)
    assert [(i.value, i.unit) for i in items] == [
        ((110000.0, 130000.0), "home"),
        (52.0, "dollar per barrel"),
    ]


def test_to_bench_keeps_subunits_as_cqe_does() -> None:
    rows = [_q("164p", 0, 1.64, "GBP", "money", rule="pence")]
    (item,) = to_bench(rows, {}, "164p", subunits={"pence": (0.01, "point")})
    assert item.unit == "point"
    assert item.value == pytest.approx(164.0)


def test_to_bench_names_people_and_bare_numbers() -> None:
    rows = [_q("600 people", 0, 600, "person"), _q("27,349.19", 20, 27349.19, "", rule="number")]
    items = to_bench(rows, {})
    assert [i.unit for i in items] == ["people", "-"]


def test_evaluate_adds_up_sentences(nlp: Language) -> None:
    tagger = nlp.get_pipe("pct_quantity")
    assert isinstance(tagger, QuantityTagger)
    sentences = [
        BenchSentence(
            "Nvidia advanced 8%, and Broadcom gained 3%.",
            (BenchItem(8.0, "percentage"), BenchItem(3.0, "percentage")),
        ),
        BenchSentence("The MacBook Pro costs $2000.", (BenchItem(2000.0, "dollar"),)),
    ]
    score = evaluate(
        sentences,
        lambda text: tagger.find(text, options=FindOptions(bare_numbers=True, durations=True)),
        unit_names(tagger.lexicon, tagger.singularise),
        singularise=tagger.singularise,
        number_words=NUMBER_WORDS,
        subunits=subunit_rules(tagger.lexicon),
    )
    assert (score.gold, score.predicted, score.value, score.value_unit) == (3, 3, 3, 3)
    assert score.prf(score.value_unit) == (1.0, 1.0, 1.0)


def test_read_bench_rejects_a_non_list(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"text": "x"}), encoding="utf-8")
    with pytest.raises(ValueError, match="JSON list"):
        read_bench(path)


def test_cli_evaluate_newsquant_prints_figures(tmp_path: Path) -> None:
    path = tmp_path / "mini.json"
    rows = [
        {
            "text": "Nvidia advanced 8%, Qualcomm rose under 4%, and Broadcom gained 3%.",
            "quantities": [
                {"value": "8", "normalized_unit": "percentage"},
                {"value": "4", "normalized_unit": "percentage"},
                {"value": "3", "normalized_unit": "percentage"},
            ],
        }
    ]
    path.write_text(json.dumps(rows), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "newsquant", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["value"]["f1"] == 1.0
    assert data["value_unit"]["f1"] == 1.0


@pytest.mark.shared
def test_newsquant_meets_the_targets(nlp: Language) -> None:
    """Regression floor on the shared benchmark (figures: docs/quality.md)."""
    path = shared_path("quantities", "newsquant", "NewsQuant.json")
    tagger = nlp.get_pipe("pct_quantity")
    assert isinstance(tagger, QuantityTagger)
    score = evaluate(
        read_bench(path),
        lambda text: tagger.find(text, options=FindOptions(bare_numbers=True, durations=True)),
        unit_names(tagger.lexicon, tagger.singularise),
        singularise=tagger.singularise,
        number_words=NUMBER_WORDS,
        subunits=subunit_rules(tagger.lexicon),
    )
    assert score.gold == 904
    assert score.prf(score.value)[2] >= 0.90
    assert score.prf(score.value_unit)[2] >= 0.80
