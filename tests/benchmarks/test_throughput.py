"""The throughput benchmark script (``benchmarks/throughput.py``) runs end to end on the bundled
sample and prints its table; no timing is asserted (figures are recorded in
``docs/performance.md``, not tested)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType

import pytest
from support import load_benchmark


@pytest.fixture(scope="module")
def throughput() -> ModuleType:
    return load_benchmark("throughput")


def test_throughput_prints_every_pass_and_the_ratios(
    throughput: ModuleType, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = throughput.main(
        [
            str(sample_path),
            "--processes",
            "1,2",
            "--repeat",
            "1",
            "--warmup",
            "5",
            "--dateparser-answers",
            "5",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    for label in (
        "| engine, 1 process | 296 |",
        "| engine, 1 process, reading left out | 296 |",
        "| engine, 2 processes | 296 |",
        "| engine, 1 process, pass 2 (steady state) | 296 |",
        "| dateparser search_dates (the issue's call) | 5 |",
        "| dateparser search_dates, answer date as base | 5 |",
        "peak RSS:",
        "engine, 1 process: the garbage collector (this process) made ",
        "repeated answers (text, date and department of an earlier one): ",
        "speed-up, engine, 2 processes vs engine, 1 process",
        "engine, 1 process (reading left out) vs dateparser search_dates (the issue's call)",
        "engine, 1 process (reading left out) vs dateparser search_dates, answer date as base",
        "pass 2 (steady state) (reading left out) vs dateparser search_dates (the issue's call)",
    ):
        assert label in out


@pytest.mark.parametrize(
    ("call", "timed"),
    [
        ("issue", ["dateparser search_dates (the issue's call)"]),
        ("answer-date", ["dateparser search_dates, answer date as base"]),
    ],
)
def test_throughput_times_the_dateparser_call_asked_for(
    throughput: ModuleType,
    sample_path: Path,
    capsys: pytest.CaptureFixture[str],
    call: str,
    timed: list[str],
) -> None:
    args = ["--processes", "1", "--warmup", "2", "--dateparser-answers", "3"]
    assert throughput.main([str(sample_path), *args, "--dateparser-call", call]) == 0
    rows = [
        line for line in capsys.readouterr().out.splitlines() if line.startswith("| dateparser")
    ]
    assert [row.split("|")[1].strip() for row in rows] == timed


def test_dateparser_calls_differ_only_in_the_answer_date_as_base(
    throughput: ModuleType, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateparser.search

    calls: list[tuple[str, object]] = []

    def record(text: str, languages: list[str], settings: object = None) -> None:
        assert languages == ["en"]
        calls.append((text, settings))

    monkeypatch.setattr(dateparser.search, "search_dates", record)
    first = next(throughput.answers(sample_path, 1))
    for call in ("issue", "answer-date"):
        calls.clear()
        timing = throughput.time_dateparser(sample_path, 1, 0, call)
        assert timing.label == throughput.DATEPARSER_CALLS[call]
        assert [text for text, _ in calls] == [first.answer_text]
        base = dt.datetime.combine(first.date_answered, dt.time())
        assert calls[0][1] == (None if call == "issue" else {"RELATIVE_BASE": base})


def test_throughput_can_analyse_repeats_again(
    throughput: ModuleType, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(sample_path), "--processes", "1", "--warmup", "0", "--skip-dateparser"]
    assert throughput.main([*args, "--analyse-repeats"]) == 0
    out = capsys.readouterr().out
    assert "| engine, 1 process | 296 |" in out
    assert "analysed again (--analyse-repeats)" in out
    assert throughput.repeated_answers(sample_path) >= 0


def test_throughput_in_memory_hands_the_engine_texts_read_beforehand(
    throughput: ModuleType, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [str(sample_path), "--processes", "1", "--repeat", "1", "--warmup", "5"]
    assert throughput.main([*args, "--dateparser-answers", "5", "--in-memory"]) == 0
    out = capsys.readouterr().out
    assert "| engine, 1 process (texts in memory) | 296 |" in out
    assert "| engine, 1 process, pass 2 (texts in memory) (steady state) | 296 |" in out
    assert "engine, 1 process (texts in memory) (reading left out) vs dateparser" in out
    # nothing is read inside the passes
    assert (
        "engine, 1 process (texts in memory): reading the corpus (gzip, JSON, HTML to text) took 0.00 s wall"
        in out
    )


def test_engine_only_leaves_the_reading_out(throughput: ModuleType) -> None:
    timing = throughput.Timing("engine, 1 process", 10, 1000, 2.0, 1.8, 0.5, 0.25)
    alone = throughput.engine_only(timing)
    assert (alone.seconds, alone.cpu_seconds, alone.words_per_second) == (1.5, 1.55, 1000 / 1.5)


def test_throughput_missing_corpus_is_a_one_line_error(
    throughput: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert throughput.main([str(tmp_path / "absent.jsonl.gz"), "--skip-dateparser"]) == 2
    assert "corpus not found" in capsys.readouterr().err


def test_each_process_count_gets_a_first_pass(throughput: ModuleType, sample_path: Path) -> None:
    """The multi-process pass runs a model loaded afresh: its vocabulary holds none of the word
    forms the one-process pass added to the cached model."""
    first = throughput.load_model()
    throughput.time_engine(sample_path, 1, 16, nlp=first)
    cold = throughput.cold_model(sample_path, 0)
    assert cold is not first
    assert len(cold.vocab) < len(first.vocab)
    assert cold.pipe_names == first.pipe_names


def test_gc_tally_counts_the_collections_made_inside_its_block(throughput: ModuleType) -> None:
    import gc

    before = len(gc.callbacks)
    with throughput.gc_tally() as tally:
        gc.collect(2)
        gc.collect(0)
    gc.collect(2)  # after the block: not counted
    assert tally.collections[2] == 1
    assert tally.collections[0] >= 1
    assert tally.seconds > 0
    assert "generations 0/1/2: " in tally.describe()
    assert len(gc.callbacks) == before  # the callback is removed


def test_alternate_times_both_sides_block_by_block_over_the_same_answers(
    throughput: ModuleType, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = throughput.alternate_blocks(sample_path, 100, 5, ["issue", "answer-date"], 16)
    assert [b.words > 0 for b in blocks] == [True, True, True]  # 296 answers: 100, 100, 96
    assert all(b.engine > 0 and set(b.dateparser) == {"issue", "answer-date"} for b in blocks)
    assert sum(b.words for b in blocks) == sum(
        len(a.answer_text.split()) for a in throughput.answers(sample_path)
    )
    assert throughput.main([str(sample_path), "--alternate", "150", "--warmup", "3"]) == 0
    out = capsys.readouterr().out
    assert "2 blocks of 150 answers" in out
    assert "| engine, 1 process, first pass |" in out
    assert "| dateparser search_dates (the issue's call) |" in out
    assert "| dateparser search_dates, answer date as base |" in out
