"""A model version means one set of predictions: what the engine extracts from the bundled sample
is recorded with the version (``pipeline.nlp.fingerprint``), and a change in the engine's code
that alters it without a new version fails here (docs/model-versions.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from spacy.language import Language

from pipeline.engine import model_version
from pipeline.nlp.fingerprint import (
    RECORD,
    Fingerprint,
    fingerprint,
    read_record,
    summarise,
    write_record,
)
from pipeline.types import Commitment, Extraction, Quantity, Timex


def _extraction(**changes: object) -> Extraction:
    commitment = Commitment("we will publish it by 2025", 0, 26, "future", actor="we")
    commitment = dataclasses.replace(commitment, **changes)  # type: ignore[arg-type]
    return Extraction(
        text="we will publish it by 2025; 5 sites",
        anchor=dt.date(2024, 3, 25),
        timexes=[Timex("2025", 22, 26, "date", "2025", "2025-01-01", "2025-12-31", "deadline")],
        quantities=[Quantity("5 sites", 28, 35, 5.0, "site", "count")],
        commitments=[commitment],
        model_version="commitments-0.0.0",
    )


def test_predictions_on_the_sample_change_only_with_a_new_model_version(
    nlp: Language, sample_path: Path
) -> None:
    recorded = read_record()
    found = fingerprint(nlp, sample_path)
    assert found.model == model_version(nlp)
    if found.model == recorded.model:
        assert found == recorded, (
            f"{found.model} now predicts differently on the bundled sample ({found} against the "
            f"recorded {recorded}): a change that alters predictions needs a new model version "
            "(models/en_commitments/meta.json and docs/model-versions.md, after reading the "
            "whole-corpus diff), then `make fingerprint`"
        )
    else:
        raise AssertionError(
            f"the model is {found.model} but {RECORD.name} records {recorded.model}: run "
            "`make fingerprint` and commit it with the new version"
        )


def test_a_changed_row_changes_the_digest_and_the_version_does_not() -> None:
    base = summarise("m", [(1, _extraction())])
    assert summarise("m", [(1, _extraction(due="2025-12-31"))]).digest != base.digest
    assert summarise("m", [(1, _extraction(actor="the department"))]).digest != base.digest
    assert summarise("m", [(2, _extraction())]).digest != base.digest  # another answer
    relabelled = dataclasses.replace(_extraction(), model_version="commitments-9.9.9")
    assert summarise("m", [(1, relabelled)]).digest == base.digest
    assert (base.answers, base.commitments, base.timexes, base.quantities) == (1, 1, 1, 1)


def test_a_recorded_fingerprint_reads_back(tmp_path: Path) -> None:
    found = Fingerprint("commitments-0.0.0", 2, 3, 4, 5, "0123456789abcdef")
    write_record(found, tmp_path / "record.json")
    assert read_record(tmp_path / "record.json") == found
