"""Helpers of the reliability tests: table content digests and run rows."""

from __future__ import annotations

import hashlib
from pathlib import Path

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
