"""Run, strip and check the project's notebooks; render the figures shown in ``docs/``.

The notebooks (``explore_commitments.ipynb``, ``deadline_audit.ipynb``) start with a cell tagged
``parameters`` (papermill's convention). :func:`set_parameters` replaces that cell's values,
:func:`execute` runs a notebook top to bottom with nbclient in the ``python3`` kernel (the
interpreter running this module, when it is the project's ``.venv``), and the tests
(``tests/notebooks/``) use both against a lake built from the bundled sample.

Usage (from the repository root)::

    # the figures in docs/figures: a fresh lake of the shared corpus, audited as of 2025-12-10
    .venv/bin/python notebooks/nbrun.py figures --as-of 2025-12-10 \
        --source ../shared/corpus/commons-written-answers-2023-2025.jsonl.gz
    .venv/bin/python notebooks/nbrun.py figures --lake data/lake  # the lake `commitments run` built
    .venv/bin/python notebooks/nbrun.py strip  # clear outputs before committing
    .venv/bin/python notebooks/nbrun.py check  # exit 1 when a notebook has outputs

``figures`` executes both notebooks with ``figures_dir`` set (``docs/figures`` by default); with
``--source`` it first builds a fresh lake from that replay file in a temporary folder
(:func:`build_lake`: ingest, extract, and the deadline snapshot as of ``--as-of``).
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NOTEBOOKS: tuple[Path, ...] = (HERE / "explore_commitments.ipynb", HERE / "deadline_audit.ipynb")
PARAMETERS_TAG = "parameters"
KERNEL = "python3"
Scalar = str | int | float | bool | None


def parameters_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook's cell tagged ``parameters``.

    Raises:
        ValueError: When no cell, or more than one, carries the tag.
    """
    cells = [c for c in nb.cells if PARAMETERS_TAG in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ValueError(f"expected one cell tagged {PARAMETERS_TAG!r}, found {len(cells)}")
    return cells[0]


def parameter_names(source: str) -> list[str]:
    """The names a parameters cell assigns (``name = value`` statements), in order."""
    names = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                names.append(target.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return names


def _literal(value: Any) -> Scalar:
    """A parameter value as a Python literal: paths and dates become strings."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"parameter values must be str, int, float, bool or None, not {value!r}")


def set_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, Any]) -> None:
    """Replace the values of the parameters cell in place; other assignments keep their source.

    Raises:
        ValueError: When a parameter is not assigned in the cell (a renamed or misspelt
            parameter would otherwise be ignored silently).
    """
    cell = parameters_cell(nb)
    source = cell.source
    known = parameter_names(source)
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        raise ValueError(f"unknown parameter(s) {unknown}; the notebook's are {known}")
    lines = ["# Parameters injected by notebooks/nbrun.py (the notebook's own cell replaced)."]
    for node in ast.parse(source).body:
        name = parameter_names(ast.unparse(node))
        if name and name[0] in parameters:
            lines.append(f"{name[0]} = {_literal(parameters[name[0]])!r}")
        else:
            lines.append(ast.get_source_segment(source, node) or ast.unparse(node))
    cell.source = "\n".join(lines) + "\n"


def execute(
    path: Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    cwd: Path | None = None,
    timeout: int = 600,
) -> nbformat.NotebookNode:
    """Execute a notebook top to bottom in the ``python3`` kernel and return it with outputs.

    The notebook file is not changed.

    Args:
        path: The ``.ipynb`` file.
        parameters: Values for the parameters cell.
        cwd: The kernel's working directory (the notebook's folder when None, as in Jupyter).
        timeout: Seconds any one cell may run.

    Raises:
        nbclient.exceptions.CellExecutionError: When a cell raises (the traceback included).
    """
    nb = nbformat.read(path, as_version=4)
    if parameters:
        set_parameters(nb, parameters)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(cwd or Path(path).parent)}},
    )
    client.execute()
    return nb


def has_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """What a committed notebook must not carry: one line per code cell with outputs or an
    execution count (empty when the notebook is clean)."""
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {index}: {len(cell.outputs)} output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {index}: execution_count {cell.execution_count}")
        if "execution" in cell.get("metadata", {}):
            problems.append(f"cell {index}: execution timings in its metadata")
    return problems


def strip_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without outputs, execution counts or execution timings (in place)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.get("metadata", {}).pop("execution", None)
    nb.metadata.pop("widgets", None)
    return nb


def build_lake(source: Path, lake: Path, as_of: dt.date) -> dict[str, int]:
    """A lake from a replay file with the library API (no Prefect): ingest, extract, and the
    deadline snapshot as of ``as_of``. Returns row counts."""
    from pipeline.audit.store import compute_deadlines
    from pipeline.lake import extract_answers, ingest_window

    ingested = ingest_window(source, lake=lake)
    extracted = extract_answers(lake)
    audited = compute_deadlines(lake, as_of)
    return {
        "answers": ingested.answers_inserted,
        "commitments": extracted.commitments,
        "deadlines": len(audited.rows),
    }


def _notebooks(paths: Sequence[str]) -> Iterable[Path]:
    return [Path(p) for p in paths] if paths else NOTEBOOKS


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="notebooks/nbrun.py", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    figures = commands.add_parser("figures", help="execute both notebooks and save their figures")
    where = figures.add_mutually_exclusive_group()
    where.add_argument("--lake", type=Path, default=ROOT / "data" / "lake", help="lake to read")
    where.add_argument("--source", type=Path, help="build a fresh lake from this replay file")
    figures.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
    figures.add_argument("--out", type=Path, default=ROOT / "docs" / "figures")
    for name, text in (("strip", "clear outputs in place"), ("check", "fail on outputs")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("notebooks", nargs="*", help="default: every project notebook")
    args = parser.parse_args(argv)

    if args.command == "strip":
        for path in _notebooks(args.notebooks):
            nb = strip_outputs(nbformat.read(path, as_version=4))
            nbformat.validate(nb)
            nbformat.write(nb, path)
            print(f"stripped {path}")
        return 0
    if args.command == "check":
        dirty = 0
        for path in _notebooks(args.notebooks):
            for problem in has_outputs(nbformat.read(path, as_version=4)):
                print(f"{path}: {problem}")
                dirty += 1
        return 1 if dirty else 0

    if args.source is None and "://" not in str(args.lake) and not (args.lake / "answers").is_dir():
        print(f"no lake at {args.lake}: run `.venv/bin/commitments run`, or pass --source FILE")
        return 2
    with tempfile.TemporaryDirectory(prefix="pct-nb-") as scratch:
        lake = args.lake
        if args.source is not None:
            lake = Path(scratch) / "lake"
            counts = build_lake(args.source, lake, args.as_of or dt.date.today())
            print(f"built {lake} from {args.source}: {counts}")
        audit_parameters = {"as_of": args.as_of} if args.as_of else {}
        for path, extra in zip(NOTEBOOKS, ({}, audit_parameters), strict=True):
            execute(path, {"lake": lake, "figures_dir": args.out.resolve(), **extra}, cwd=ROOT)
            print(f"executed {path.name}; figures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
