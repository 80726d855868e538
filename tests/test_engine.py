"""The engine's Python API: the contract every evaluation relies on."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import pickle
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc
from support import SEED_ANCHOR, assert_rows_point_into_the_text

from pipeline import extract
from pipeline.engine import (
    AHEAD_PER_WORKER,
    IN_FLIGHT_PER_WORKER,
    MAX_CHUNK_CHARS,
    TextItem,
    check_chunks,
    doc_to_extraction,
    extract_batch,
    extract_isolated,
    load_model,
    make_doc,
    model_version,
    sealed_pipeline,
)
from pipeline.ingest.records import Answer
from pipeline.ingest.replay import read_answers
from pipeline.nlp.attrs import TIMEX_SPANS
from pipeline.settings import PROJECT_ROOT
from pipeline.types import Commitment, Extraction, Quantity, Timex

SEED = (
    "This feeds into the National SEND and AP Implementation Board and aims to be complete by 2025. "
    "The Improvement Plan also committed to the Change Programme which was launched in September "
    "2023, and is testing key SEND and AP reforms with 32 local authorities in each of the 9 regions."
)


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
    assert_rows_point_into_the_text(result)


def test_extract_gold_record_has_the_guidelines_shape() -> None:
    record = extract(SEED, SEED_ANCHOR).to_gold("seed")
    assert set(record) == {"id", "date_answered", "commitments", "timexes", "quantities"}
    assert record["date_answered"] == "2024-03-25"
    assert set(record["timexes"][0]) == {"text", "type", "start", "end", "value"}


def test_gold_record_leaves_negated_commitments_out_and_the_full_record_keeps_them() -> None:
    text = "We have no plans to abolish the regulator. We will publish the review by March 2026."
    result = extract(text, SEED_ANCHOR)
    negated = [c.quote for c in result.commitments if c.negated]
    assert negated, "the engine should flag the refusal as a negated commitment"
    gold = [c["quote"] for c in result.to_gold("x")["commitments"]]
    assert not set(negated) & set(gold)
    assert any("publish the review" in quote for quote in gold)
    full = result.to_dict()["commitments"]
    assert {c["quote"] for c in full if c["negated"]} == set(negated)


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
    assert_rows_point_into_the_text(result)


def test_extract_without_anchor_leaves_relative_expressions_unresolved() -> None:
    result = extract("We will publish it next year, and did so in June 2023.", None)
    by_text = {t.text: t for t in result.timexes}
    assert by_text["June 2023"].start == "2023-06-01"
    assert all(t.start is None for t in result.timexes if "next year" in t.text)


@pytest.mark.parametrize(
    "anchor",
    [
        dt.datetime(2024, 7, 22, 12, 30),
        dt.datetime(2024, 7, 22, tzinfo=dt.UTC),
        pd.Timestamp("2024-07-22"),
    ],
    ids=["datetime", "aware datetime", "pandas Timestamp"],
)
def test_extract_datetime_anchor_is_its_calendar_day(anchor: dt.datetime) -> None:
    """A datetime is a date to the type checker; the engine stored its ISO text and failed
    reading it back ("Invalid isoformat string", mutation fuzzing in docs/reliability.md)."""
    text = "We will publish the review by March. We will respond within 12 weeks."
    expected = extract(text, dt.date(2024, 7, 22)).to_dict()
    assert extract(text, anchor).to_dict() == expected
    [(_, batched)] = extract_batch([TextItem(text, anchor)])
    assert batched.to_dict() == expected


@pytest.mark.parametrize("anchor", ["2024-07-22", 20240722])
def test_extract_anchor_not_a_date_is_a_type_error(anchor: object) -> None:
    with pytest.raises(TypeError, match=r"the anchor must be a datetime\.date or None"):
        extract("We will publish it by March.", anchor)  # type: ignore[arg-type]


def test_extract_one_megabyte_of_text() -> None:
    repeats = 1_000_000 // (len(SEED) + 2)
    text = (SEED + "\n\n") * repeats
    result = extract(text, SEED_ANCHOR)
    assert len(text) >= 990_000
    assert len(result.quantities) == 2 * repeats
    assert_rows_point_into_the_text(result)


def test_extract_scales_linearly_with_text_length() -> None:
    """A text 10x longer takes well under 20x the time (ratio measured within one run, in CPU
    time of this process, so that other processes' load on the machine does not skew it)."""
    short = (SEED + "\n\n") * 20
    long = short * 10
    extract(short, SEED_ANCHOR)  # warm caches

    def best_of(text: str, n: int = 3) -> float:
        times = []
        for _ in range(n):
            start = time.process_time()
            extract(text, SEED_ANCHOR)
            times.append(time.process_time() - start)
        return min(times)

    ratio = best_of(long) / best_of(short)
    assert ratio < 20, f"10x the text took {ratio:.1f}x the time"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(max_size=400), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
)
def test_extract_never_raises_and_offsets_stay_inside(text: str, anchor: dt.date) -> None:
    assert_rows_point_into_the_text(extract(text, anchor))


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


def test_extract_batch_repeated_texts_get_the_same_rows_in_order(sample_path: Path) -> None:
    answers = [a for a in read_answers(sample_path)][:12]
    items = [TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id) for a in answers]
    later = SEED_ANCHOR + dt.timedelta(days=400)
    repeated = [
        *items[:5],
        TextItem(items[1].text, items[1].anchor, items[1].answering_body, key="again-1"),
        *items[5:9],
        TextItem(items[1].text, items[1].anchor, items[1].answering_body, key="again-2"),
        TextItem(items[7].text, items[7].anchor, items[7].answering_body, key="again-7"),
        TextItem(SEED, SEED_ANCHOR, key="seed"),
        TextItem(SEED, later, key="seed-later"),  # another anchor: analysed again
        TextItem(SEED, SEED_ANCHOR, "Department for Education", key="seed-body"),
        TextItem(SEED, SEED_ANCHOR, key="seed-again"),
        *items[9:],
    ]
    repeated.append(TextItem(SEED, SEED_ANCHOR, key="seed-last"))  # a repeat ends the stream
    kept = list(extract_batch(repeated, batch_size=3))
    each = list(extract_batch(repeated, batch_size=3, repeats_kept=0))
    small = list(extract_batch(repeated, batch_size=3, repeats_kept=2))
    workers = list(extract_batch(repeated, batch_size=2, n_process=2))
    keys = [i.key for i in repeated]
    assert [i.key for i, _ in kept] == keys == [i.key for i, _ in small]
    assert [i.key for i, _ in workers] == keys
    for (_, mine), (_, alone), (_, few), (_, apart) in zip(kept, each, small, workers, strict=True):
        assert mine == alone == few == apart
    by_key = {item.key: result for item, result in kept}
    assert by_key["seed-later"].anchor == later and by_key["seed-again"].anchor == SEED_ANCHOR
    by_key["again-1"].commitments.clear()  # a caller's change reaches no other item
    assert by_key[items[1].key].commitments == by_key["again-2"].commitments
    assert by_key["again-2"].commitments == each[10][1].commitments


def test_extract_batch_two_processes_gives_the_same_rows(sample_path: Path) -> None:
    answers = [a for a in read_answers(sample_path)][:30]
    items = [TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id) for a in answers]
    serial = [r.to_dict() for _, r in extract_batch(items)]
    parallel = [r.to_dict() for _, r in extract_batch(items, n_process=2, batch_size=8)]
    assert parallel == serial


HASH_SEED_SCRIPT = """
import json, sys
from pipeline.engine import TextItem, extract_batch
from pipeline.ingest.replay import read_answers
items = [
    TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id)
    for a in read_answers(sys.argv[1])
]
for item, result in extract_batch(items):
    print(json.dumps({"id": item.key, **result.to_dict()}, sort_keys=True))
"""


def _run_with_hash_seed(sample: Path, seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", HASH_SEED_SCRIPT, str(sample)],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_extract_batch_output_does_not_depend_on_the_hash_seed(sample_path: Path) -> None:
    """Set iteration order (which PYTHONHASHSEED changes) decides nothing: the bundled sample's
    ~300 answers give the same rows in two interpreters with different hash seeds."""
    first = _run_with_hash_seed(sample_path, "1")
    second = _run_with_hash_seed(sample_path, "3")
    assert len(first) >= 250
    assert sum(len(json.loads(line)["commitments"]) for line in first) > 100
    assert first == second


LOAD_SCRIPT = """
import sys
from pipeline.engine import extract
result = extract("The council will build 32 homes and 9 schools by 2027.", __import__("datetime").date(2025, 1, 6))
print(sorted(q.unit for q in result.quantities))
print("typeguard" in sys.modules)
"""


def test_loading_the_model_and_singularising_imports_no_run_time_type_checker() -> None:
    """inflect from 7.2 on instruments its methods with typeguard at import, which takes
    seconds (pyproject.toml holds it below 7.2): a fresh interpreter that loads the model and
    singularises counted nouns must not import typeguard."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", LOAD_SCRIPT],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    units, typeguard_loaded = done.stdout.splitlines()
    assert units == "['home', 'school']"
    assert typeguard_loaded == "False"


def _offsets(rows: list[Any]) -> list[tuple[int, int]]:
    return [(r.char_start, r.char_end) for r in rows]


def test_extract_no_component_emits_two_rows_with_the_same_offsets(sample_path: Path) -> None:
    texts = [(a.answer_text, a.date_answered) for a in read_answers(sample_path)]
    # answer 1818223: "3%" and "£5" lie in one token ("3%/£5"), which spaCy keys one payload by
    texts.append(
        (
            "For the shire district and fire precept, the Spending Review assumes that precept "
            "levels increase in line with those in 2025/26 over the coming SR period (3%/£5, and "
            "£5 respectively). The SR assumes a fire precept level of £5.",
            dt.date(2025, 7, 8),
        )
    )
    for text, anchor in texts:
        result = extract(text, anchor)
        for rows in (result.timexes, result.quantities, result.commitments):
            offsets = _offsets(rows)
            assert len(offsets) == len(set(offsets)), text[:80]
    assert [q.text for q in result.quantities] == ["3%", "£5", "£5"]


def test_extract_batch_workers_match_one_process_on_the_sample(sample_path: Path) -> None:
    items = [
        TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id)
        for a in read_answers(sample_path)
    ]
    serial = [(i.key, r.to_dict()) for i, r in extract_batch(items)]
    parallel = [(i.key, r.to_dict()) for i, r in extract_batch(items, n_process=2, batch_size=16)]
    every_cpu = [(i.key, r.to_dict()) for i, r in extract_batch(items[:20], n_process=-1)]
    assert parallel == serial
    assert every_cpu == serial[:20]


def test_nlp_pipe_two_processes_gives_the_same_rows(nlp: Language, sample_path: Path) -> None:
    """spaCy's own multiprocessing (Docs with their context sent to the workers and back)."""
    answers = [a for a in read_answers(sample_path)][:24]
    items = [TextItem(a.answer_text, a.date_answered, a.answering_body) for a in answers]
    one = [doc_to_extraction(d).to_dict() for d in nlp.pipe(make_doc(nlp, i) for i in items)]
    two = [
        doc_to_extraction(d).to_dict()
        for d in nlp.pipe((make_doc(nlp, i) for i in items), n_process=2, batch_size=6)
    ]
    assert two == one
    assert sum(len(r["commitments"]) for r in one) > 5


_QUICK_TEXTS_DONE = multiprocessing.get_context().Value("i", 0)
"""How many quick texts have been analysed, here or in a worker (shared with forked workers)."""
QUICK_TEXTS_BEFORE_SLOW = 3


@Language.component("pct_test_slow_until_quick")
def _slow_until_quick(doc: Doc) -> Doc:
    """Test-only component: holds a long text until the other processes have analysed
    ``QUICK_TEXTS_BEFORE_SLOW`` quick ones (30 s at most), so that "one worker is slow" does not
    depend on how busy the machine's cores are; counts the quick ones."""
    if len(doc.text) > 2_000:
        deadline = time.monotonic() + 30
        while _QUICK_TEXTS_DONE.value < QUICK_TEXTS_BEFORE_SLOW and time.monotonic() < deadline:
            time.sleep(0.005)
    else:
        with _QUICK_TEXTS_DONE.get_lock():
            _QUICK_TEXTS_DONE.value += 1
    return doc


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork",
    reason="the test component shares its counter with workers forked from the test process",
)
def test_extract_batch_workers_do_not_wait_on_a_slow_batch(nlp: Language) -> None:
    """A worker slow on one long text does not hold the rest: with two processes, the worker is
    dealt the long text first and this process analyses the next batches meanwhile (reading
    ahead no further than ``AHEAD_PER_WORKER`` batches per process), and the results still come
    back in input order. The long text is held until three quick texts are done elsewhere (a
    test component), so the figures do not depend on the machine's load; were the quick texts
    only dealt to the busy worker, none would be done and the long one would wait out its 30 s."""
    paced = load_model.__wrapped__()
    paced.add_pipe("pct_test_slow_until_quick")
    _QUICK_TEXTS_DONE.value = 0
    slow = TextItem(SEED * 20, SEED_ANCHOR, key="slow")
    quick = [
        TextItem(f"We will publish the {n}th report by March {2030 + n % 9}.", SEED_ANCHOR, key=n)
        for n in range(60)
    ]
    read: list[Any] = []

    def items() -> Any:
        for item in [slow, *quick]:
            read.append(item.key)
            yield item

    stream = extract_batch(items(), nlp=paced, n_process=2, batch_size=1)
    first, result = next(stream)
    read_before_first = len(read)
    rest = list(stream)
    assert first.key == "slow" and result.commitments
    assert [item.key for item, _ in rest] == list(range(60))
    assert [r.to_dict() for _, r in rest] == [r.to_dict() for _, r in extract_batch(quick, nlp=nlp)]
    # this process ran ahead while the slow text was held, as far as the bound allows (the
    # worker holds the slow batch and the next; this process took the batches after them)
    assert IN_FLIGHT_PER_WORKER * 2 + 1 < read_before_first <= AHEAD_PER_WORKER * 2


def test_extract_batch_worker_failure_is_raised(nlp: Language) -> None:
    items = [TextItem("We will publish it by 2025.", SEED_ANCHOR, key=i) for i in range(4)]
    broken = [*items, TextItem(None, SEED_ANCHOR, key="bad")]  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="extraction worker"):
        list(extract_batch(broken, nlp=nlp, n_process=2, batch_size=2))


def test_extract_batch_stopping_early_ends_the_workers(nlp: Language, sample_path: Path) -> None:
    items = (TextItem(a.answer_text, a.date_answered, key=a.id) for a in read_answers(sample_path))
    stream = extract_batch(items, nlp=nlp, n_process=3, batch_size=4)
    first = next(stream)
    assert first[1].text
    # three processes run the pipeline: this one and two workers
    workers = [p for p in multiprocessing.active_children() if p.name.startswith("pct-extract")]
    assert len(workers) == 2
    stream.close()
    assert not [p for p in multiprocessing.active_children() if p.name.startswith("pct-extract")]


def test_components_pickle_and_give_the_same_rows(nlp: Language) -> None:
    """The Language pickles (spawned workers receive it so); the commitment matchers are
    compiled again from the rules."""
    restored = pickle.loads(pickle.dumps(nlp))
    assert restored.pipe_names == nlp.pipe_names
    for text in (SEED, "We will publish the strategy by March 2026, backed by £2.6 billion."):
        expected = extract(text, SEED_ANCHOR, nlp=nlp).to_dict()
        assert extract(text, SEED_ANCHOR, nlp=restored).to_dict() == expected
    assert len(pickle.dumps(nlp.get_pipe("pct_commitment"))) < 2_000_000


def test_extract_batch_rows_are_those_of_the_span_groups(nlp: Language, sample_path: Path) -> None:
    """``extract_batch`` reads the model's rows from the payloads in the Doc's user data (a
    sealed pipeline): the same rows as reading the span groups, on every sample answer."""
    assert sealed_pipeline(nlp)
    answers = [a for a in read_answers(sample_path) if isinstance(a, Answer)]
    items = [TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id) for a in answers]
    batch = [result.to_dict() for _, result in extract_batch(items, nlp=nlp, repeats_kept=0)]
    version = model_version(nlp)
    groups = [doc_to_extraction(nlp(make_doc(nlp, item)), version).to_dict() for item in items]
    assert batch == groups
    assert sum(len(r["timexes"]) + len(r["quantities"]) for r in batch) > 100


@Language.component("pct_test_drop_first_timex")
def _drop_first_timex(doc: Doc) -> Doc:
    """Test-only component: takes the first span out of the time-expression group, leaving its
    payload in the Doc's user data."""
    doc.spans[TIMEX_SPANS] = list(doc.spans[TIMEX_SPANS])[1:]
    return doc


def test_extract_reads_the_groups_when_a_component_edits_them(nlp: Language) -> None:
    """A pipeline with a component of its own is not sealed: what the groups hold is what the
    engine gives (here one time expression fewer), in one process and with workers."""
    edited = load_model.__wrapped__()
    edited.add_pipe("pct_test_drop_first_timex")
    text = "We will publish the report by March 2025 and review it in 2026."
    assert not sealed_pipeline(edited)
    full = extract(text, SEED_ANCHOR, nlp=nlp)
    assert [t.text for t in full.timexes] == ["March 2025", "2026"]
    assert [t.text for t in extract(text, SEED_ANCHOR, nlp=edited).timexes] == ["2026"]
    for n_process in (1, 2):
        [(_, result)] = extract_batch(
            [TextItem(text, SEED_ANCHOR)], nlp=edited, n_process=n_process
        )
        assert [t.text for t in result.timexes] == ["2026"]


def test_sealed_pipeline_wants_each_own_component_once(nlp: Language) -> None:
    twice = load_model.__wrapped__()
    twice.add_pipe("pct_timex", name="pct_timex_again", source=nlp)
    assert not sealed_pipeline(twice)
    assert sealed_pipeline(load_model.__wrapped__())


@pytest.mark.parametrize(
    ("text", "limit", "found"),
    [
        ("a b", 1, None),
        ("ab", 1, (0, 2)),
        ("x\n====\ty", 3, (2, 4)),
        ("x\n===\ty", 3, None),
        ("run\u2003on", 3, None),  # an em space is whitespace to spaCy's tokenizer (isspace)
        ("run\u200bon", 3, (0, 6)),  # a zero-width space is not
        ("", 0, None),
    ],
)
def test_check_chunks_finds_the_first_run_longer_than_the_limit(
    text: str, limit: int, found: tuple[int, int] | None
) -> None:
    if found is None:
        check_chunks(text, limit)
        return
    offset, length = found
    with pytest.raises(
        ValueError, match=rf"\[PCT150\] .* run of {length} characters .* offset {offset} "
    ):
        check_chunks(text, limit)


def test_extract_refuses_a_run_the_tokenizer_would_take_hours_on(nlp: Language) -> None:
    """spaCy's tokenizer takes time quadratic in a run of affix characters (4,000 "=" take
    seconds; a million, days): a text with a run past the limit is refused at once, naming the
    run (without the check, the first call takes seconds and then returns); a run at the limit
    is analysed."""
    promise = "We will publish the review by March 2025. "
    with pytest.raises(ValueError, match=r"PCT150.* 5,001 characters .*offset 42"):
        extract(promise + "=" * (MAX_CHUNK_CHARS + 1), SEED_ANCHOR, nlp=nlp)
    with pytest.raises(ValueError, match="PCT150"):
        list(extract_batch([TextItem(promise + "a" * (MAX_CHUNK_CHARS + 1), SEED_ANCHOR)], nlp=nlp))
    result = extract(promise + "a" * MAX_CHUNK_CHARS, SEED_ANCHOR, nlp=nlp)
    assert [c.due for c in result.commitments] == ["2025-03-31"]


@pytest.mark.parametrize("n_process", [1, 2])
def test_extract_isolated_pins_a_failure_on_its_item(nlp: Language, n_process: int) -> None:
    """One refused text among good ones: it comes back with its error, in its place, and every
    other text with the extraction ``extract`` gives (with workers too)."""
    texts = [
        "We will publish the review by March 2025.",
        "The Department will consult in the autumn. " + "=" * (MAX_CHUNK_CHARS + 1),
        "The Government will introduce legislation next year.",
        "We have committed to 32 new schools.",
    ]
    items = [TextItem(t, SEED_ANCHOR) for t in texts]
    out = list(extract_isolated(iter(items), nlp=nlp, n_process=n_process, batch_size=2))
    assert [item for item, _ in out] == items
    bad = out[1][1]
    assert isinstance(bad, ValueError) and "PCT150" in str(bad)
    for (item, result), text in zip(out, texts, strict=True):
        if item is not items[1]:
            assert isinstance(result, Extraction)
            assert result.to_dict() == extract(text, SEED_ANCHOR, nlp=nlp).to_dict()


def test_extract_isolated_lets_a_failing_input_raise(nlp: Language) -> None:
    """An error of the input itself is not an item's failure: it propagates."""

    def items() -> Iterator[TextItem]:
        yield TextItem("We will publish the review by March 2025.", SEED_ANCHOR)
        raise OSError("the corpus file went away")

    with pytest.raises(OSError, match="went away"):
        list(extract_isolated(items(), nlp=nlp))
