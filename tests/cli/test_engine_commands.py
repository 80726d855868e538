"""The ``predict`` command (:mod:`pipeline.cli.engine_commands`) on a corpus with an answer the
engine refuses."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from support import SAMPLES
from typer.testing import CliRunner

from pipeline.cli import app


def test_predict_writes_every_answer_but_the_one_the_engine_fails_on(tmp_path: Path) -> None:
    """A run of 50,000 "=" in one answer: that answer gets no record and is reported with the
    engine's error; the answers around it are written (the command used to stop at it)."""
    with gzip.open(SAMPLES / "answers-sample.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for _, line in zip(range(3), handle, strict=False)]
    bad = records[1]["value"]
    bad["answerText"] = f"<p>We will act.</p><p>{'=' * 50_000}</p>"
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(app, ["predict", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == [records[0]["value"]["id"], records[2]["value"]["id"]]
    said = " ".join(result.output.split())  # the console wraps long lines
    assert "wrote 2 records" in said and "the engine failed on 1 answers (no record)" in said
    assert f"engine failed on {bad['id']}: ValueError: [PCT150]" in said


def test_predict_help_names_the_engines_chunk_limit() -> None:
    """``predict``'s help states the refused run length as a number (the command imports the
    engine lazily, so the text cannot read the constant): it must follow
    :data:`pipeline.engine.MAX_CHUNK_CHARS`."""
    from pipeline.cli.engine_commands import predict
    from pipeline.engine import MAX_CHUNK_CHARS

    assert predict.__doc__ is not None
    assert f"{MAX_CHUNK_CHARS:,} characters without whitespace" in " ".join(predict.__doc__.split())
