"""The ``stats`` and ``evaluate vectors``/``evaluate baseline`` commands (:mod:`pipeline.cli.stats_commands`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import FIXTURES, shared_path
from typer.testing import CliRunner

from pipeline.cli import UserError, app
from pipeline.cli.stats_commands import commitment_counts

RECORDS = [
    {
        "id": 1,
        "answering_body": "Home Office",
        "commitments": [
            {
                "kind": "future",
                "strength": "firm",
                "due": "2025-12-31",
                "rule": "future.will",
                "assurance": True,
            },
            {
                "kind": "future",
                "strength": "soft",
                "due": None,
                "rule": "future.aim_to",
                "negated": True,
            },
            {"kind": "done", "strength": "firm", "due": None, "rule": "done.past"},
        ],
    },
    {"id": 2, "answering_body": "Treasury", "commitments": []},
    {"id": 3, "commitments": [{"kind": "ongoing", "due": None}]},
]


def test_commitment_counts_by_dimension() -> None:
    counts = commitment_counts(RECORDS)
    assert counts["answers"] == {"with commitments": 2, "without commitments": 1}
    assert counts["kind"] == {"future": 2, "done": 1, "ongoing": 1}
    assert counts["strength"] == {"firm": 2, "soft": 1, "(not recorded)": 1}
    assert counts["department"] == {"Home Office": 3, "(not recorded)": 1}
    assert counts["due_year"] == {"2025": 1, "no due date": 1}
    assert counts["flags"] == {"assurance": 1, "negated": 1}
    assert counts["rule"]["future.will"] == 1


def test_stats_command_prints_tables_and_json(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stats", str(pred)])
    assert result.exit_code == 0, result.output
    for words in ("commitments by kind", "future commitments by due year", "Home Office", "2025"):
        assert words in result.output
    as_json = CliRunner().invoke(app, ["stats", str(pred), "--json"])
    assert json.loads(as_json.output)["kind"] == {"done": 1, "future": 2, "ongoing": 1}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": 1}\n', "line 1: not a prediction record (no 'commitments')"),
        (b"{not json\n", "line 1: not JSON"),
        (b'\xff\xfe{"commitments": []}\n', "not UTF-8 text"),
    ],
    ids=["no-commitments", "not-json", "not-utf8"],
)
def test_stats_command_rejects_a_file_that_is_not_predictions(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(content)
    result = CliRunner().invoke(app, ["stats", str(bad)])
    assert isinstance(result.exception, UserError)  # main() prints it as one line, exit 2
    assert message in str(result.exception)


def test_evaluate_vectors_command_scores_the_bundled_gold(tmp_path: Path) -> None:
    lines = (
        (FIXTURES / "commitment" / "vectors-commitment.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    small = tmp_path / "vectors.jsonl"
    small.write_text("\n".join(lines[:5] + lines[-5:]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "vectors", str(small), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["sentences"] == 10 and scores["commitments"]["gold"] == 5
    assert scores["commitments"]["f1"] > 0.8 and scores["detection"]["negatives"] == 5


def test_evaluate_baseline_command_on_the_dev_gold() -> None:
    gold = shared_path("gold", "dev.jsonl")
    corpus = shared_path("corpus", "commons-written-answers-2023-2025.jsonl.gz")
    result = CliRunner().invoke(app, ["evaluate", "baseline", str(gold), str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["baseline"]
    assert scores["future_commitments"]["gold"] > 0
    assert (
        scores["future_commitments"]["due_accuracy"] is not None
        and scores["future_commitments"]["due_accuracy"] < 0.5
    )
