"""The researcher and auditor notebooks: committed clean, and executed top to bottom (nbclient,
the ``python3`` kernel of this interpreter) against a lake built from the bundled sample, with
their computed figures compared to values computed here straight from the tables.

Each executed notebook writes a JSON summary of what it computed (its ``summary_path``
parameter); the tests read it back.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import matplotlib.image
import nbformat
import pandas as pd
import pyarrow.compute as pc
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from pipeline.audit import SCHEDULE_STATUSES
from pipeline.audit.store import compute_deadlines
from pipeline.lake import read_table, table_info
from pipeline.settings import PROJECT_ROOT

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
EXPLORE = "explore_commitments.ipynb"
AUDIT = "deadline_audit.ipynb"
NOTEBOOK_NAMES = (EXPLORE, AUDIT)
KEYS = ["id", "answer_version"]
#: A day with no stored snapshot: the audit notebook computes it.
EARLIER = dt.date(2025, 6, 30)

kernel = pytest.mark.integration  # starts a Jupyter kernel (a subprocess)


def run(
    nbrun: ModuleType, name: str, tmp_path: Path, cwd: Path, **parameters: Any
) -> dict[str, Any]:
    """Execute a notebook with ``parameters`` and a summary path; its summary."""
    summary = tmp_path / f"{name}.summary.json"
    nbrun.execute(NOTEBOOK_DIR / name, {**parameters, "summary_path": summary}, cwd=cwd)
    return dict(json.loads(summary.read_text(encoding="utf-8")))


def current(name: str, lake: Path) -> pd.DataFrame:
    return read_table(name, lake, current_only=True)


def with_department(rows: pd.DataFrame, lake: Path) -> pd.DataFrame:
    answers = current("answers", lake)[[*KEYS, "answering_body"]]
    joined = rows.merge(answers, on=KEYS, how="left")
    return joined.assign(department=joined.answering_body.fillna("(unknown)"))


# --- committed notebooks --------------------------------------------------------------------


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_committed_without_outputs(nbrun: ModuleType, name: str) -> None:
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    nbformat.validate(nb)
    assert nbrun.has_outputs(nb) == [], (
        f"{name} carries outputs: run `.venv/bin/python notebooks/nbrun.py strip` before committing"
    )
    assert nb.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_starts_with_its_parameters_cell(nbrun: ModuleType, name: str) -> None:
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert first_code is nbrun.parameters_cell(nb)
    names = nbrun.parameter_names(first_code.source)
    assert {"lake", "figures_dir", "summary_path"} <= set(names)
    assert 'lake = "data/lake"' in first_code.source
    if name == AUDIT:
        assert {"as_of", "department"} <= set(names)


def test_nbrun_notebooks_are_every_notebook(nbrun: ModuleType) -> None:
    assert sorted(p.name for p in nbrun.NOTEBOOKS) == sorted(
        p.name for p in NOTEBOOK_DIR.glob("*.ipynb")
    )


# --- the runner's helpers ------------------------------------------------------------------


def test_set_parameters_replaces_only_the_given_values(nbrun: ModuleType) -> None:
    nb = nbformat.read(NOTEBOOK_DIR / AUDIT, as_version=4)
    before = nbrun.parameters_cell(nb).source
    nbrun.set_parameters(nb, {"lake": Path("/x/lake"), "as_of": dt.date(2025, 1, 31)})
    after = nbrun.parameters_cell(nb).source
    assert "lake = '/x/lake'" in after and "as_of = '2025-01-31'" in after
    assert "department = None" in before and "department = None" in after
    assert nbrun.parameter_names(after) == nbrun.parameter_names(before)


def test_set_parameters_rejects_an_unknown_parameter(nbrun: ModuleType) -> None:
    nb = nbformat.read(NOTEBOOK_DIR / EXPLORE, as_version=4)
    with pytest.raises(ValueError, match=r"unknown parameter\(s\) \['lake_path'\]"):
        nbrun.set_parameters(nb, {"lake_path": "/x"})


def test_parameters_cell_must_be_unique(nbrun: ModuleType) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    with pytest.raises(ValueError, match="found 0"):
        nbrun.parameters_cell(nb)


def test_strip_outputs_clears_what_has_outputs_reports(nbrun: ModuleType) -> None:
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3, metadata={"execution": {}})
    result = nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)
    cell.outputs = [result]
    nb = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("text")])
    assert len(nbrun.has_outputs(nb)) == 3
    assert nbrun.has_outputs(nbrun.strip_outputs(nb)) == []
    assert nb.cells[0].source == "1 + 1"


# --- the lake path parameter ---------------------------------------------------------------


@kernel
@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
@pytest.mark.parametrize("cwd", [PROJECT_ROOT, NOTEBOOK_DIR], ids=["from-root", "from-notebooks"])
def test_notebook_resolves_the_default_lake_against_the_repository_root(
    nbrun: ModuleType, name: str, cwd: Path, tmp_path: Path
) -> None:
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    start = nb.cells.index(nbrun.parameters_cell(nb))
    setup = nb.cells[start + 1]
    assert "LAKE = resolve(lake)" in setup.source
    out = tmp_path / "lake.json"
    nb.cells = [
        *nb.cells[: start + 2],
        nbformat.v4.new_code_cell(f"import json; open({str(out)!r}, 'w').write(json.dumps(LAKE))"),
    ]
    resources = {"metadata": {"path": str(cwd)}}
    NotebookClient(nb, timeout=120, kernel_name="python3", resources=resources).execute()
    assert json.loads(out.read_text()) == str(PROJECT_ROOT / "data" / "lake")


# --- explore_commitments.ipynb -------------------------------------------------------------


@pytest.fixture(scope="module")
def explore(
    nbrun: ModuleType, sample_lake: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The researcher notebook run from ``notebooks/`` (as Jupyter does), figures saved."""
    tmp = tmp_path_factory.mktemp("explore")
    summary = run(nbrun, EXPLORE, tmp, NOTEBOOK_DIR, lake=sample_lake, figures_dir=tmp / "figures")
    return {**summary, "figures_dir": str(tmp / "figures")}


@kernel
def test_explore_runs_in_this_interpreter(explore: dict[str, Any], sample_lake: Path) -> None:
    assert explore["python_prefix"] == sys.prefix
    assert explore["lake"] == str(sample_lake)


@kernel
def test_explore_counts_match_the_tables(explore: dict[str, Any], sample_lake: Path) -> None:
    answers = current("answers", sample_lake)
    commitments = with_department(current("commitments", sample_lake), sample_lake)
    assert explore["answers"] == len(answers)
    assert explore["commitments"] == len(commitments) > 0
    by_department = commitments.department.value_counts().to_dict()
    assert explore["commitments_per_department"] == by_department
    assert explore["duckdb_per_department"] == by_department
    months = {k: v for k, v in explore["commitments_per_month"].items() if v}
    assert months == commitments.answered_month.value_counts().to_dict()
    assert min(explore["commitments_per_month"]) == min(answers.answered_month)
    assert max(explore["commitments_per_month"]) == max(answers.answered_month)


@kernel
def test_explore_deadline_share_and_horizons(explore: dict[str, Any], sample_lake: Path) -> None:
    commitments = current("commitments", sample_lake)
    dated = commitments.dropna(subset=["due"])
    horizons = [
        (dt.date.fromisoformat(due) - answered).days
        for due, answered in zip(dated.due, dated.date_answered, strict=True)
    ]
    ahead = sorted(h for h in horizons if h >= 0)
    assert explore["share_with_deadline"] == pytest.approx(len(dated) / len(commitments))
    future = commitments[commitments.kind == "future"]
    assert explore["share_future_with_deadline"] == pytest.approx(
        future.due.notna().sum() / len(future)
    )
    assert explore["due_before_answer"] == sum(h < 0 for h in horizons)
    assert sum(explore["horizons"].values()) == len(ahead)
    assert explore["horizon_median_days"] == pytest.approx(pd.Series(ahead).median())


@kernel
def test_explore_top_initiatives(explore: dict[str, Any], sample_lake: Path) -> None:
    initiatives = current("initiatives", sample_lake)
    answers_per_key = initiatives.groupby("key").id.nunique()
    top_key, top_answers = explore["top_initiatives"][0]
    assert top_answers == answers_per_key.max()
    assert top_key == min(k for k, n in answers_per_key.items() if n == top_answers)
    counts = [n for _, n in explore["top_initiatives"]]
    assert counts == sorted(counts, reverse=True)


@kernel
def test_explore_money_per_department(explore: dict[str, Any], sample_lake: Path) -> None:
    quantities = with_department(current("quantities", sample_lake), sample_lake)
    pounds = quantities[(quantities.kind == "money") & (quantities.unit == "GBP")]
    expected = pounds.groupby("department").value.sum()
    assert explore["money_gbp_per_department"] == pytest.approx(expected.to_dict())
    assert sum(explore["money_gbp_per_department"].values()) == pytest.approx(pounds.value.sum())


@kernel
def test_explore_quotes_trace_back_to_the_answer_text(
    explore: dict[str, Any], sample_lake: Path
) -> None:
    assert explore["offsets_ok"] == 1.0
    answer_id, version, start, end = explore["example_commitment"]
    commitments = current("commitments", sample_lake)
    row = commitments[
        (commitments.id == answer_id)
        & (commitments.answer_version == version)
        & (commitments.char_start == start)
    ].iloc[0]
    text = read_table("answers", sample_lake, filter=pc.field("id") == answer_id)
    text = text[text.answer_version == version].answer_text.iloc[0]
    assert text[start:end] == row.quote
    assert row.due is not None and dt.date.fromisoformat(row.due) >= row.date_answered


@kernel
def test_explore_glob_counts_superseded_files(explore: dict[str, Any], sample_lake: Path) -> None:
    checks = {row["table"]: row for row in explore["glob_vs_delta"]}
    for name in ("answers", "commitments", "runs"):
        info = table_info(name, sample_lake)
        assert checks[name]["live files"] == info.files
        assert checks[name]["rows (Delta)"] == info.rows
    # Each job rewrites its row of ``runs`` when it ends: the superseded file stays on disk.
    assert checks["runs"]["files on disk"] > checks["runs"]["live files"]
    assert checks["runs"]["rows (glob)"] > checks["runs"]["rows (Delta)"]


@kernel
def test_explore_saves_its_figures(explore: dict[str, Any]) -> None:
    figures = Path(explore["figures_dir"])
    assert "commitments_per_month.png" in explore["figures"]
    assert sorted(explore["figures"]) == sorted(p.name for p in figures.glob("*.png"))
    for name in explore["figures"]:
        height, width, _ = matplotlib.image.imread(figures / name).shape
        assert height > 200 and width > 400


# --- deadline_audit.ipynb ------------------------------------------------------------------


@pytest.fixture(scope="module")
def audit_latest(
    nbrun: ModuleType, sample_lake: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The auditor notebook with its defaults (the latest stored snapshot), run from the root."""
    tmp = tmp_path_factory.mktemp("audit")
    summary = run(nbrun, AUDIT, tmp, PROJECT_ROOT, lake=sample_lake, figures_dir=tmp / "figures")
    return {**summary, "figures_dir": str(tmp / "figures")}


def stored_snapshot(lake: Path, as_of: dt.date) -> pd.DataFrame:
    return read_table("deadlines", lake, filter=pc.field("as_of") == as_of)


@pytest.fixture(scope="module")
def snapshot(sample_lake: Path, snapshot_day: dt.date) -> pd.DataFrame:
    """The deadline snapshot the session lake holds."""
    return stored_snapshot(sample_lake, snapshot_day)


@kernel
def test_audit_reads_the_latest_stored_snapshot(
    audit_latest: dict[str, Any], snapshot: pd.DataFrame, snapshot_day: dt.date
) -> None:
    assert audit_latest["python_prefix"] == sys.prefix
    assert (audit_latest["as_of"], audit_latest["source"]) == (snapshot_day.isoformat(), "stored")
    assert audit_latest["rows"] == len(snapshot) > 0
    counts = Counter(snapshot.schedule_status)
    assert audit_latest["status_counts"] == {s: counts.get(s, 0) for s in SCHEDULE_STATUSES}
    assert sum(audit_latest["status_counts"].values()) == len(snapshot)


@kernel
def test_audit_overdue_list_most_overdue_first(
    audit_latest: dict[str, Any], snapshot: pd.DataFrame
) -> None:
    overdue = snapshot[snapshot.schedule_status == "overdue"].sort_values(
        ["days_overdue", "date_answered", "commitment_id"], ascending=[False, True, True]
    )
    assert audit_latest["overdue"] == overdue.commitment_id.tolist()
    assert len(audit_latest["overdue"]) == audit_latest["status_counts"]["overdue"] > 0
    suspect = sum(due < made for due, made in zip(overdue.due, overdue.date_answered, strict=True))
    assert audit_latest["suspect_overdue"] == suspect


@kernel
def test_audit_evidence_and_slips(audit_latest: dict[str, Any], snapshot: pd.DataFrame) -> None:
    slipped = snapshot[(snapshot.schedule_status == "slipped") | snapshot.new_due.notna()]
    assert audit_latest["slipped"] == sorted(slipped.commitment_id)
    assert audit_latest["evidence_links"] == sum(len(e) for e in snapshot.evidence)
    assert audit_latest["slipped_evidence_links"] == sum(len(e) for e in slipped.evidence)


@kernel
def test_audit_saves_its_timeline(audit_latest: dict[str, Any], snapshot: pd.DataFrame) -> None:
    figures = Path(audit_latest["figures_dir"])
    assert sorted(audit_latest["figures"]) == [
        "deadline_status_counts.png",
        "deadline_timeline.png",
    ]
    assert sorted(p.name for p in figures.glob("*.png")) == sorted(audit_latest["figures"])
    plausible = sum(
        due is not None and due >= made
        for due, made in zip(snapshot.current_due, snapshot.date_answered, strict=True)
    )
    assert audit_latest["timeline_rows"] == min(40, plausible) > 0
    height, width, _ = matplotlib.image.imread(figures / "deadline_timeline.png").shape
    assert height > 300 and width > 600


@kernel
def test_audit_computes_an_unstored_day_for_one_department_without_writing(
    nbrun: ModuleType, sample_lake: Path, tmp_path: Path
) -> None:
    version = table_info("deadlines", sample_lake).version
    summary = run(
        nbrun, AUDIT, tmp_path, PROJECT_ROOT, lake=sample_lake, as_of=EARLIER, department="DEFENCE"
    )
    assert (summary["as_of"], summary["source"]) == (EARLIER.isoformat(), "computed")
    assert summary["departments"] == ["Ministry of Defence"]
    expected = [
        r for r in compute_deadlines(sample_lake, EARLIER, write=False).rows
        if r.department == "Ministry of Defence"
    ]  # fmt: skip
    counts = Counter(r.schedule_status for r in expected)
    assert summary["rows"] == len(expected) > 0
    assert summary["status_counts"] == {s: counts.get(s, 0) for s in SCHEDULE_STATUSES}
    assert summary["figures"] == []
    # Nothing written: the table is at its version, with no snapshot of that day.
    assert table_info("deadlines", sample_lake).version == version
    assert stored_snapshot(sample_lake, EARLIER).empty


@kernel
def test_audit_rejects_an_unknown_department(
    nbrun: ModuleType, sample_lake: Path, tmp_path: Path
) -> None:
    with pytest.raises(CellExecutionError, match="matches none of"):
        run(nbrun, AUDIT, tmp_path, PROJECT_ROOT, lake=sample_lake, department="Ministry of Magic")
