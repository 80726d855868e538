"""DuckDB over the lake's pyarrow dataset: the way the README and the notebooks read it.

Scanning a dataset built on deltalake's Python filesystem handler from DuckDB hung or crashed the
interpreter at exit; the crash happens after the script's last line, so the scan runs in a
subprocess and the test checks its exit status and output.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from pipeline.lake import extract_answers, ingest_window, read_table

SCRIPT = textwrap.dedent(
    """
    import sys
    import duckdb
    from pipeline.lake import dataset
    ds = dataset("commitments", lake=sys.argv[1])
    rows = duckdb.sql("select quote, char_start, char_end from ds").fetchall()
    kinds = duckdb.sql("select count(*) from ds").fetchall()[0][0]
    print(len(rows), kinds)
    """
)


def test_duckdb_scan_of_dataset_reads_every_row_and_exits_cleanly(
    tmp_path: Path, sample_path: Path
) -> None:
    lake = tmp_path / "lake"
    ingest_window(sample_path, lake=lake)
    extract_answers(lake)
    expected = len(read_table("commitments", lake))
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(lake)], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.split() == [str(expected), str(expected)]
