"""The whole-corpus diff: what changed between two runs, row by row (``evaluate diff``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.cli.app import UserError
from pipeline.evaluate.diff import diff_records


def _commitment(quote: str, kind: str = "future", actor: str | None = "We") -> dict[str, Any]:
    return {"quote": quote, "kind": kind, "actor": actor, "due": None, "negated": False,
            "rule": "future.will", "char_start": 0, "char_end": len(quote)}  # fmt: skip


def _record(answer_id: int, *quotes: str, **fields: Any) -> dict[str, Any]:
    return {"id": answer_id, "commitments": [_commitment(q, **fields) for q in quotes]}


OLD = [
    _record(1, "We will publish the plan"),
    _record(2, "We will consult"),
    _record(3, "We will act"),
    _record(4),
]

# (new records, expected changed ids, rows out, rows in)
DIFF_ROWS: list[tuple[list[dict[str, Any]], list[str], int, int]] = [
    (OLD, [], 0, 0),  # the same run
    (  # a quote made longer: one row out, one in
        [_record(1, "We will publish the plan in 2025"), OLD[1], OLD[2], OLD[3]],
        ["1"], 1, 1,
    ),
    (  # a row lost and a row found
        [OLD[0], _record(2), OLD[2], _record(4, "We will report")],
        ["2", "4"], 1, 1,
    ),
    (  # only the actor differs: a change a reader must see
        [OLD[0], OLD[1], _record(3, "We will act", actor=None), OLD[3]],
        ["3"], 1, 1,
    ),
]  # fmt: skip


@pytest.mark.parametrize(("new", "changed", "rows_out", "rows_in"), DIFF_ROWS)
def test_diff_records_finds_each_changed_row(
    new: list[dict[str, Any]], changed: list[str], rows_out: int, rows_in: int
) -> None:
    result = diff_records(OLD, new)
    assert [a.id for a in result.answers] == changed
    assert (result.rows_removed, result.rows_added) == (rows_out, rows_in)


def test_diff_records_counts_hidden_answers_without_returning_them() -> None:
    new = [_record(1, "We will publish it"), _record(2, "We will consult widely"), OLD[2], OLD[3]]
    result = diff_records(OLD, new, hide=frozenset({"2"}))
    assert [a.id for a in result.answers] == ["1"]
    assert result.hidden == 1


def test_diff_records_ignores_offsets_and_lists_unmatched_answers() -> None:
    moved = _record(1, "We will publish the plan")
    moved["commitments"][0]["char_start"] = 99
    result = diff_records(OLD, [moved, OLD[1], OLD[2], _record(5)])
    assert result.answers == ()
    assert (result.only_old, result.only_new) == (("4",), ("5",))


def test_diff_records_rejects_an_unknown_section() -> None:
    with pytest.raises(ValueError, match="unknown section"):
        diff_records(OLD, OLD, section="dues")


def _write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_evaluate_diff_prints_rows_hides_ids_and_filters_parity(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.jsonl", OLD)
    new = _write(
        tmp_path / "new.jsonl",
        [_record(1, "We will publish it"), _record(2), _record(3, "We will act now"), OLD[3]],
    )
    hide = tmp_path / "hide.json"
    hide.write_text("[3]", encoding="utf-8")
    args = ["evaluate", "diff", str(old), str(new), "--hide-ids", str(hide)]
    result = CliRunner().invoke(app, [*args, "--parity", "odd"])
    assert result.exit_code == 0, result.output
    assert "## 1" in result.output and "## 2" not in result.output and "## 3" not in result.output
    assert '- {"quote": "We will publish the plan"' in result.output
    assert '+ {"quote": "We will publish it"' in result.output
    assert result.output.rstrip().endswith(
        "commitments: 1 answers changed (1 rows out, 1 in); 1 more of the other parity not shown;"
        " 1 hidden answers changed, not shown"
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [(["--section", "dues"], "--section"), (["--parity", "three"], "--parity")],
)
def test_evaluate_diff_rejects_bad_options(tmp_path: Path, option: list[str], message: str) -> None:
    old = _write(tmp_path / "old.jsonl", OLD)
    result = CliRunner().invoke(app, ["evaluate", "diff", str(old), str(old), *option])
    assert isinstance(result.exception, UserError)
    assert str(result.exception).startswith(message)
