from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from support import FIXTURES

from pipeline.ingest.records import parse_answer
from pipeline.ingest.replay import read_answers
from pipeline.ingest.sources import ApiSource, ReplaySource, Source, in_window, open_source
from pipeline.ingest.window import Window

API = FIXTURES / "api"


def test_open_source_kinds(tmp_path: Path) -> None:
    assert isinstance(open_source("api"), ApiSource)
    replay = open_source(API)
    assert isinstance(replay, ReplaySource) and replay.name == str(API)
    assert open_source(replay) is replay
    assert isinstance(replay, Source)
    with pytest.raises(FileNotFoundError):
        open_source(tmp_path / "missing")


def test_api_source_needs_a_window() -> None:
    with pytest.raises(ValueError, match="window"):
        list(ApiSource().records(None, archive_root=None, run_id="r"))


def test_in_window_answered_or_corrected() -> None:
    answer = next(
        a for a in read_answers(API / "aws-samples-detail.json") if not hasattr(a, "error")
    )
    assert answer.date_answered == dt.date(2024, 1, 10)
    assert in_window(answer, Window(dt.date(2024, 1, 10), dt.date(2024, 1, 10)))
    assert in_window(answer, None)
    assert not in_window(answer, Window(dt.date(2024, 1, 11), dt.date(2024, 2, 1)))
    corrected = dataclasses.replace(answer, date_corrected=dt.date(2024, 1, 20))
    assert in_window(corrected, Window(dt.date(2024, 1, 11), dt.date(2024, 2, 1)))


def test_api_source_archives_the_window(fake_api, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.ingest.client import ClientConfig

    source = ApiSource(ClientConfig(base_url=fake_api.base_url), sleep=lambda s: None)
    window = Window(dt.date(2024, 9, 9), dt.date(2024, 9, 9))
    records = list(source.records(window, archive_root=tmp_path, run_id="ingest-test"))
    assert source.archive_file == tmp_path / "2024-09-09_2024-09-09" / "ingest-test.jsonl.gz"
    replayed = list(ReplaySource(source.archive_file).records(None, archive_root=None, run_id="x"))
    live = [parse_answer(r.value, shape=r.shape) for r in records if r.value]
    again = {r.value["id"]: parse_answer(r.value, shape=r.shape) for r in replayed if r.value}
    # The archive holds both the list items and the details; every live record is in it.
    assert all(again.get(a.id) is not None for a in live)
    assert {a.content_hash for a in live} <= {
        parse_answer(r.value, shape=r.shape).content_hash for r in replayed if r.value
    }
