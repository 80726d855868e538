"""Helpers of the reliability tests: table content digests and run rows."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from urllib.parse import unquote

import pyarrow.compute as pc

from pipeline.lake.io import open_table, read_arrow
from pipeline.lake.schemas import get_spec

DATA_TABLES = ("answers", "commitments", "time_expressions", "quantities", "quarantine")


def keyed(lake: Path | str, table: str) -> set[tuple[object, ...]]:
    """Every row of a table as ``(merge key..., row_hash)``; empty when the table is absent."""
    if open_table(table, lake) is None:
        return set()
    spec = get_spec(table)
    rows = read_arrow(table, lake, columns=[*spec.merge_keys, "row_hash"]).to_pylist()
    return {tuple(row.values()) for row in rows}


def digest(lake: Path | str, table: str) -> str:
    """SHA-256 of a table's content (its rows' keys and content hashes, sorted): equal digests
    mean equal tables, whatever the files, versions and run stamps."""
    rows = sorted(repr(row) for row in keyed(lake, table))
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def digests(lake: Path | str, tables: tuple[str, ...] = DATA_TABLES) -> dict[str, str]:
    """:func:`digest` of several tables."""
    return {name: digest(lake, name) for name in tables}


def versions(lake: Path | str, tables: tuple[str, ...] = DATA_TABLES) -> dict[str, int]:
    """Each table's Delta version (-1 when absent)."""
    out = {}
    for name in tables:
        table = open_table(name, lake)
        out[name] = table.version() if table is not None else -1
    return out


def run_row(lake: Path | str, run_id: str) -> dict[str, object]:
    """The ``runs`` row of one run."""
    [row] = read_arrow("runs", lake, filter=pc.field("run_id") == run_id).to_pylist()
    return row


def runs(lake: Path | str) -> list[dict[str, object]]:
    """Every ``runs`` row, oldest first."""
    return sorted(read_arrow("runs", lake).to_pylist(), key=lambda r: str(r["started_at"]))


# -- what a table's log names and what is on disk ------------------------------------------------


def logged_files(table: Path) -> set[str]:
    """Data files any committed ``_delta_log`` entry names (added or removed)."""
    names: set[str] = set()
    log = table / "_delta_log"
    for entry in log.glob("*.json") if log.exists() else ():
        for line in entry.read_text(encoding="utf-8").splitlines():
            action = json.loads(line) if line.strip() else {}
            for kind in ("add", "remove"):
                if kind in action:
                    names.add(unquote(action[kind]["path"]))
    return names


def data_files(table: Path) -> set[str]:
    """Files under the table folder outside ``_delta_log`` (finished or being written)."""
    found: set[str] = set()
    for folder, _, files in os.walk(table):
        if "_delta_log" not in Path(folder).parts:
            found.update(os.path.relpath(os.path.join(folder, f), table) for f in files)
    return found


def commits(table: Path) -> int:
    """Committed versions of a table (its ``_delta_log`` entries)."""
    log = table / "_delta_log"
    return len(list(log.glob("*.json"))) if log.exists() else 0
