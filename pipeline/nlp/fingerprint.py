"""What the rule model predicts on the bundled sample, as one digest: the guard that a model
version always means the same predictions (docs/model-versions.md).

``meta.json``'s ``rules_digest`` catches a rule file changed without a new version, but not a
change in the engine's Python code (``pipeline/nlp/``) that alters what it extracts. The
fingerprint does: the engine is run over ``data/samples/`` (the answers every user has), every
row of every answer goes into one SHA-256, and ``tests/nlp/test_fingerprint.py`` fails when the
digest is not the one recorded for the model's version in
``tests/fixtures/model/sample-fingerprint.json``. It only sees changes that reach a sample
answer; the whole-corpus diff (docs/quality.md) stays the check before a version is given.

Usage::

    python -m pipeline.nlp.fingerprint                   # print the fingerprint
    python -m pipeline.nlp.fingerprint --write FILE      # and record it (``make fingerprint``)
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from pipeline.settings import get_settings
from pipeline.types import Extraction

SAMPLE_NAME = "answers-sample.jsonl.gz"
RECORD = Path(__file__).resolve().parents[2] / "tests/fixtures/model/sample-fingerprint.json"
"""Where the fingerprint of the model's current version is recorded (read by the test)."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The model's predictions on a sample, summed up.

    Attributes:
        model: ``<name>-<version>`` of the model that made them.
        answers: Answers of the sample analysed.
        commitments: Commitment rows over all answers.
        timexes: Time-expression rows.
        quantities: Quantity rows.
        digest: SHA-256 (hex, first 16 characters) of every row, answer by answer.
    """

    model: str
    answers: int
    commitments: int
    timexes: int
    quantities: int
    digest: str


def extraction_lines(key: object, extraction: Extraction) -> list[bytes]:
    """One canonical JSON line per row of ``extraction`` (sorted keys; the model version left
    out, since the fingerprint is what decides whether it must change), each led by ``key``."""
    lines = []
    for section in ("timexes", "quantities", "commitments"):
        for row in getattr(extraction, section):
            record = {"key": key, "section": section, **dataclasses.asdict(row)}
            lines.append(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
    return lines


def fingerprint(nlp: Language, sample: Path) -> Fingerprint:
    """Run ``nlp`` over the answers of ``sample`` (a replay file) and sum up its rows."""
    from pipeline.engine import TextItem, extract_batch, model_version
    from pipeline.ingest.records import Answer
    from pipeline.ingest.replay import read_answers

    items = (
        TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id)
        for a in read_answers(sample)
        if isinstance(a, Answer)
    )
    results = ((item.key, extraction) for item, extraction in extract_batch(items, nlp=nlp))
    return summarise(model_version(nlp), results)


def summarise(model: str, results: Iterable[tuple[object, Extraction]]) -> Fingerprint:
    """The :class:`Fingerprint` of ``results``: each answer's key and extraction, in order."""
    digest = hashlib.sha256()
    answers = commitments = timexes = quantities = 0
    for key, extraction in results:
        answers += 1
        commitments += len(extraction.commitments)
        timexes += len(extraction.timexes)
        quantities += len(extraction.quantities)
        for line in extraction_lines(key, extraction):
            digest.update(line + b"\n")
    return Fingerprint(model, answers, commitments, timexes, quantities, digest.hexdigest()[:16])


def read_record(path: Path = RECORD) -> Fingerprint:
    """The fingerprint recorded in ``path``."""
    return Fingerprint(**json.loads(path.read_text(encoding="utf-8")))


def write_record(found: Fingerprint, path: Path = RECORD) -> None:
    """Record ``found`` in ``path`` (indented JSON)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dataclasses.asdict(found), indent=2) + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sample",
        type=Path,
        default=get_settings().samples / SAMPLE_NAME,
        help="replay file of answers to run the model over (default: the bundled sample)",
    )
    parser.add_argument(
        "--write",
        type=Path,
        nargs="?",
        const=RECORD,
        default=None,
        help=f"record the fingerprint in this file (without a value: {RECORD.name} in "
        "tests/fixtures/model/, the one the test reads)",
    )
    args = parser.parse_args(argv)
    from pipeline.engine import load_model

    found = fingerprint(load_model(), args.sample)
    print(json.dumps(dataclasses.asdict(found), indent=2))
    if args.write is not None:
        write_record(found, args.write)
        print(f"recorded in {args.write}")


if __name__ == "__main__":
    main()
