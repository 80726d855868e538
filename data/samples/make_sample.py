"""Regenerate ``data/samples/answers-sample.jsonl.gz`` from the shared corpus.

The sample is every 15th answer of ``../shared/corpus/commons-written-answers-2023-2025.jsonl.gz``
in id order (about 300 real answers spread over 2023-2025 and all departments), written as
deterministic gzip (mtime 0) so regeneration gives the same bytes.
``tests/ingest/test_sample.py`` fails when the committed sample and this generator drift apart.

Usage: ``python data/samples/make_sample.py [CORPUS] [OUT]``
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = (
    HERE.parent.parent.parent / "shared" / "corpus" / "commons-written-answers-2023-2025.jsonl.gz"
)
DEFAULT_OUT = HERE / "answers-sample.jsonl.gz"
STRIDE = 15


def make_sample(corpus: Path, stride: int = STRIDE) -> bytes:
    """The sample's bytes: every ``stride``-th corpus line in id order, gzip with mtime 0."""
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip()]
    lines.sort(key=lambda line: json.loads(line)["value"]["id"])
    chosen = lines[::stride]
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as out:
        out.write(("\n".join(chosen) + "\n").encode("utf-8"))
    return buffer.getvalue()


if __name__ == "__main__":
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_OUT
    out.write_bytes(make_sample(corpus))
    print(f"wrote {out}")
