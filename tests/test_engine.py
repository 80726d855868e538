"""The engine's Python API: the contract every evaluation relies on."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import SEED_ANCHOR

from pipeline import Extraction, extract
from pipeline.engine import TextItem, extract_batch
from pipeline.ingest.replay import read_answers
from pipeline.types import Commitment, Quantity, Timex

SEED = (
    "This feeds into the National SEND and AP Implementation Board and aims to be complete by 2025. "
    "The Improvement Plan also committed to the Change Programme which was launched in September "
    "2023, and is testing key SEND and AP reforms with 32 local authorities in each of the 9 regions."
)


def _assert_offsets(result: Extraction) -> None:
    text = result.text
    for row in [*result.timexes, *result.quantities]:
        assert 0 <= row.char_start < row.char_end <= len(text)
        assert text[row.char_start : row.char_end] == row.text
    for c in result.commitments:
        assert 0 <= c.char_start < c.char_end <= len(text)
        assert text[c.char_start : c.char_end] == c.quote
        assert all(0 <= i < len(result.timexes) for i in c.timexes)
        assert all(0 <= i < len(result.quantities) for i in c.quantities)


def test_extract_fills_all_three_lists_with_rows_into_the_text() -> None:
    result = extract(SEED, SEED_ANCHOR)
    assert result.anchor == SEED_ANCHOR
    assert result.model_version.startswith("commitments-")
    assert all(isinstance(t, Timex) for t in result.timexes)
    assert all(isinstance(q, Quantity) for q in result.quantities)
    assert all(isinstance(c, Commitment) for c in result.commitments)
    assert {"2025", "September 2023"} <= {t.text for t in result.timexes}
    assert {"32 local authorities", "9 regions"} <= {q.text for q in result.quantities}
    due = [c for c in result.commitments if c.due]
    assert [(c.due, c.due_text) for c in due] == [("2025-12-31", "by 2025")]
    _assert_offsets(result)


def test_extract_gold_record_has_the_guidelines_shape() -> None:
    record = extract(SEED, SEED_ANCHOR).to_gold("seed")
    assert set(record) == {"id", "date_answered", "commitments", "timexes", "quantities"}
    assert record["date_answered"] == "2024-03-25"
    assert set(record["timexes"][0]) == {"text", "type", "start", "end", "value"}


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\n ",
        "<p>We will <b>publish</b> the plan by <i>March 2026</i>.</p>",
        "\x00\x01\x02 will \x1b[31m by 2025 \x7f",
        "Le gouvernement publiera le plan en mars 2026. Die Regierung wird 2025 handeln.",
        "政府将于2025年发布计划。",
        "٣٢ سلطة محلية",
    ],
)
def test_extract_bad_input_gives_sensible_output(text: str) -> None:
    result = extract(text, SEED_ANCHOR)
    _assert_offsets(result)


def test_extract_without_anchor_leaves_relative_expressions_unresolved() -> None:
    result = extract("We will publish it next year, and did so in June 2023.", None)
    by_text = {t.text: t for t in result.timexes}
    assert by_text["June 2023"].start == "2023-06-01"
    assert all(t.start is None for t in result.timexes if "next year" in t.text)


def test_extract_one_megabyte_of_text() -> None:
    repeats = 1_000_000 // (len(SEED) + 2)
    text = (SEED + "\n\n") * repeats
    result = extract(text, SEED_ANCHOR)
    assert len(text) >= 990_000
    assert len(result.quantities) == 2 * repeats
    _assert_offsets(result)


def test_extract_scales_linearly_with_text_length() -> None:
    """A text 10x longer takes well under 20x the time (ratio measured within one run)."""
    short = (SEED + "\n\n") * 20
    long = short * 10
    extract(short, SEED_ANCHOR)  # warm caches

    def best_of(text: str, n: int = 3) -> float:
        times = []
        for _ in range(n):
            start = time.perf_counter()
            extract(text, SEED_ANCHOR)
            times.append(time.perf_counter() - start)
        return min(times)

    ratio = best_of(long) / best_of(short)
    assert ratio < 20, f"10x the text took {ratio:.1f}x the time"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_extract_never_raises_and_offsets_stay_inside(text: str, anchor: dt.date) -> None:
    _assert_offsets(extract(text, anchor))


def test_extract_batch_matches_extract_in_order(sample_path: Path) -> None:
    answers = [a for a in read_answers(sample_path)][:40]
    items = [TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id) for a in answers]
    batch = list(extract_batch(items, batch_size=7))
    assert [item.key for item, _ in batch] == [a.id for a in answers]
    for item, result in batch[:10]:
        single = extract(item.text, item.anchor, answering_body=item.answering_body)
        assert result.timexes == single.timexes
        assert result.quantities == single.quantities
        assert result.commitments == single.commitments


def test_extract_batch_two_processes_gives_the_same_rows(sample_path: Path) -> None:
    answers = [a for a in read_answers(sample_path)][:30]
    items = [TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id) for a in answers]
    serial = [r.to_dict() for _, r in extract_batch(items)]
    parallel = [r.to_dict() for _, r in extract_batch(items, n_process=2, batch_size=8)]
    assert parallel == serial
