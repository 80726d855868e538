"""Engine throughput over a corpus, against dateparser's ``search_dates`` on the same texts; and
the end-to-end path (replay ingest -> extract -> Delta tables, and the nightly flow).

Default mode: streams the corpus (never holds it in memory) through the rule engine with 1 and N
processes and prints answers/s, words/s, CPU seconds, peak RSS, the speed-up from more
processes, and the ratio to dateparser's ``search.search_dates(languages=["en"])`` timed in the
same run (on every text, or on the first ``--dateparser-answers``: its rate is per word, so a
prefix is a fair sample and saves minutes). dateparser is timed twice by default: as issue 8
names the call, and with each answer's date as ``RELATIVE_BASE`` (what the engine resolves
against), with which it runs about 20 % faster on this corpus; the ratio to the second is the
stricter (``--dateparser-call``).

Both sides are timed warm: each first processes the first ``--warmup`` answers untimed
(dateparser's locale data and time-zone patterns, the engine's first-call set-up). The engine's
first full pass still meets most of the corpus's words for the first time (spaCy builds a lexeme
for each new word form, the singulariser and the tokenizer fill their caches); ``--repeat N``
times N more one-process passes, the steady state of a long backfill, where new word forms are
rare. Each process count's pass is a first pass: the passes after the first run a model loaded
afresh and warmed the same way, since workers forked from the model that ran the one-process
pass would inherit its vocabulary and caches (the speed-up from more processes then compares
like with like). The engine's passes stream the corpus, so reading
the gzip file and turning HTML into text happens inside them; that time is measured as it
happens (the text generator's own time) and reported apart, so that the engine's rate and
dateparser's are over the same work: texts already read. Taking the reading time out does not
take out its effect on the caches (the HTML parser runs between the engine's texts): with
``--in-memory`` the corpus is read before the passes and the engine is handed the texts in
memory, as dateparser is: the like-for-like comparison (on the development machine it gave
the same ratios as the default, within the runs' ±5 %).
Each pass also prints what the garbage collector did in this process meanwhile (collections
per generation and their time, through ``gc.callbacks``): a first pass can trigger a full
collection that a later pass does not.

``--alternate N`` times the ratio to dateparser another way: the engine's first pass and
dateparser's calls over the same texts (in memory) in alternating blocks of N answers, and the
ratio of the sums. The development machine's host drifts in speed by 1.5–2× within minutes (a
fixed pure-Python loop took 0.77 s and 1.30 s a few seconds apart), so sides timed minutes apart
can give a ratio that is the hour's; interleaved, both sides meet the same hours. It also prints
the per-block spread, which shows the drift.

``--end-to-end`` times, in temporary lakes, (1) the library path with no Prefect: replay ingest
of the bundled sample, extraction, the deadline snapshot; (2) the nightly flow as
``commitments run`` calls it, in a fresh process (imports, model load, Prefect's ephemeral
server, the run), and splits its wall time into the jobs' own time (from the ``runs`` table)
and the rest.

Usage::

    python benchmarks/throughput.py [CORPUS] [--processes 1,2] [--repeat N] [--dateparser-answers N]
    python benchmarks/throughput.py --in-memory --repeat 1
    python benchmarks/throughput.py --end-to-end [--sample PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language

from pipeline.engine import TextItem, extract_batch, load_model
from pipeline.ingest.records import Answer
from pipeline.ingest.replay import read_answers
from pipeline.settings import get_settings

DEFAULT_CORPUS = get_settings().shared / "corpus" / "commons-written-answers-2023-2025.jsonl.gz"
PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLE = PROJECT_ROOT / "data" / "samples" / "answers-sample.jsonl.gz"


@dataclass(slots=True)
class GcTally:
    """The garbage collector's work in this process during a pass (``gc.callbacks``).

    Attributes:
        collections: Collections per generation (0, 1, 2; generation 2 is a full collection).
        seconds: Wall time spent collecting, all generations.
    """

    collections: list[int] = field(default_factory=lambda: [0, 0, 0])
    seconds: float = 0.0

    def describe(self) -> str:
        young, middle, full = self.collections
        return (
            f"{sum(self.collections)} collections (generations 0/1/2: {young}/{middle}/{full}), "
            f"{self.seconds:.3f} s"
        )


@contextmanager
def gc_tally() -> Iterator[GcTally]:
    """Count the collections made and the time they take while the block runs."""
    tally = GcTally()
    started = 0.0

    def record(phase: str, info: dict[str, int]) -> None:
        nonlocal started
        if phase == "start":
            started = time.perf_counter()
        else:
            tally.collections[info["generation"]] += 1
            tally.seconds += time.perf_counter() - started

    gc.callbacks.append(record)
    try:
        yield tally
    finally:
        gc.callbacks.remove(record)


@dataclass(frozen=True, slots=True)
class Timing:
    """One timed pass over the corpus.

    Attributes:
        label: What was timed.
        answers: Answers processed.
        words: Their words (whitespace-separated tokens of the plain text).
        seconds: Wall time of the work counted.
        cpu_seconds: CPU time of this process over the pass (workers not included), or None.
        reading_seconds: Wall time spent reading the corpus inside the pass (in ``seconds``).
        reading_cpu_seconds: CPU time of this process spent reading it (in ``cpu_seconds``; on a
            loaded machine the wall time of reading is far above its CPU time, so each is taken
            from its own clock).
        gc: The garbage collector's work in this process over the pass (in ``seconds``), or
            None.
    """

    label: str
    answers: int
    words: int
    seconds: float
    cpu_seconds: float | None = None
    reading_seconds: float = 0.0
    reading_cpu_seconds: float = 0.0
    gc: GcTally | None = None

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def answers_per_second(self) -> float:
        return self.answers / self.seconds if self.seconds else 0.0


def answers(corpus: Path, limit: int | None = None) -> Iterator[Answer]:
    """The corpus's answers, streamed; at most ``limit``."""
    n = 0
    for item in read_answers(corpus):
        if isinstance(item, Answer):
            if limit is not None and n >= limit:
                return
            n += 1
            yield item


def _item(answer: Answer) -> TextItem:
    return TextItem(answer.answer_text, answer.date_answered, answer.answering_body, key=answer.id)


def _options(repeats_kept: int | None) -> dict[str, int]:
    """``extract_batch`` keywords: ``repeats_kept`` only when asked (the default otherwise)."""
    return {} if repeats_kept is None else {"repeats_kept": repeats_kept}


def warm_up(corpus: Path, n: int, nlp: Language) -> None:
    """Run the engine over the first ``n`` answers (untimed)."""
    if n > 0:
        for _ in extract_batch((_item(a) for a in answers(corpus, n)), nlp=nlp):
            pass


def cold_model(corpus: Path, warmup: int) -> Language:
    """A newly loaded rule model (its own vocabulary, tokenizer cache and memos, none filled by
    an earlier pass), warmed like the first: workers forked from it start a first pass."""
    nlp = load_model.__wrapped__()  # load_model without its per-path cache
    warm_up(corpus, warmup, nlp)
    return nlp


def time_engine(
    corpus: Path,
    n_process: int,
    batch_size: int,
    repeats_kept: int | None = None,
    texts: list[TextItem] | None = None,
    nlp: Language | None = None,
) -> Timing:
    """Run the engine over the corpus with ``n_process`` processes; the corpus is read as the
    engine asks for texts, and the time spent reading is kept apart. ``repeats_kept=0`` makes
    the engine analyse a repeated answer again (by default it analyses it once). With
    ``texts`` (the corpus's answers read beforehand, as engine inputs), the engine is handed
    those instead and their words are counted before the pass: nothing but the engine inside
    it, as for dateparser. ``nlp``: the model to run (the cached default when None)."""
    nlp = nlp or load_model()
    counted = {"answers": 0, "words": 0}
    reading = 0.0
    reading_cpu = 0.0
    if texts is not None:
        counted = {"answers": len(texts), "words": sum(len(t.text.split()) for t in texts)}

    def items() -> Iterator[TextItem]:
        nonlocal reading, reading_cpu
        if texts is not None:
            yield from texts
            return
        stream = answers(corpus)
        while True:
            began, began_cpu = time.perf_counter(), time.process_time()
            answer = next(stream, None)
            reading += time.perf_counter() - began
            reading_cpu += time.process_time() - began_cpu
            if answer is None:
                return
            counted["answers"] += 1
            counted["words"] += len(answer.answer_text.split())
            yield _item(answer)

    cpu, start = time.process_time(), time.perf_counter()
    options = _options(repeats_kept)
    with gc_tally() as collected:
        passed = extract_batch(
            items(), nlp=nlp, n_process=n_process, batch_size=batch_size, **options
        )
        for _ in passed:
            pass
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return Timing(
        f"engine, {n_process} process{'es' if n_process > 1 else ''}"
        + (" (texts in memory)" if texts is not None else ""),
        counted["answers"],
        counted["words"],
        seconds,
        cpu,
        reading,
        reading_cpu,
        collected,
    )


def engine_only(timing: Timing) -> Timing:
    """A one-process pass without its reading time (what the engine itself took)."""
    return Timing(
        f"{timing.label}, reading left out",
        timing.answers,
        timing.words,
        timing.seconds - timing.reading_seconds,
        None if timing.cpu_seconds is None else timing.cpu_seconds - timing.reading_cpu_seconds,
    )


DATEPARSER_CALLS = {
    "issue": "dateparser search_dates (the issue's call)",
    "answer-date": "dateparser search_dates, answer date as base",
}


def time_dateparser(corpus: Path, limit: int | None, warmup: int, call: str = "issue") -> Timing:
    """dateparser's search_dates over the same texts, warm. ``call`` is ``"issue"`` for the
    call issue 8 names, ``search_dates(text, languages=["en"])``, or ``"answer-date"`` for the
    same with each answer's date as ``RELATIVE_BASE`` (what the engine resolves against; on
    this corpus dateparser runs ~20 % faster with it, so the ratio to it is the stricter)."""
    run_dateparser([(a.answer_text, a.date_answered) for a in answers(corpus, warmup)], call)
    texts = [(a.answer_text, a.date_answered) for a in answers(corpus, limit)]
    words = sum(len(t.split()) for t, _ in texts)
    cpu, start = time.process_time(), time.perf_counter()
    run_dateparser(texts, call)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return Timing(DATEPARSER_CALLS[call], len(texts), words, seconds, cpu)


def run_dateparser(texts: Sequence[tuple[str, dt.date | None]], call: str) -> None:
    """dateparser's ``search_dates`` over ``texts`` (text, answer date): the call issue 8 names
    (``call="issue"``) or the same with the answer date as ``RELATIVE_BASE``."""
    from dateparser.search import search_dates

    for text, anchor in texts:
        if call == "issue" or anchor is None:
            search_dates(text, languages=["en"])
        else:
            base = dt.datetime.combine(anchor, dt.time())
            search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})


@dataclass(frozen=True)
class Block:
    """CPU seconds of one block of answers: the engine's and each dateparser call's."""

    words: int
    engine: float
    dateparser: dict[str, float]


def alternate_blocks(
    corpus: Path, block: int, warmup: int, calls: Sequence[str], batch_size: int
) -> list[Block]:
    """The engine's first pass and dateparser over the same texts, block by block: ``block``
    answers through the engine (a fresh model warmed on ``warmup`` answers; one pass over the
    corpus, the blocks in order), then the same answers through each dateparser call (warmed
    likewise), then the next block. Both sides are timed within seconds of each other, so a
    change in the machine's speed during the run (shared hosts drift by 1.5–2× within minutes)
    moves both alike, and the ratio of the sums is the machine's, not the hour's."""
    items = [_item(a) for a in answers(corpus)]
    nlp = cold_model(corpus, warmup)
    for call in calls:
        run_dateparser([(i.text, i.anchor) for i in items[:warmup]], call)
    blocks = []
    for start in range(0, len(items), block):
        chunk = items[start : start + block]
        began = time.process_time()
        for _ in extract_batch(chunk, nlp=nlp, batch_size=batch_size):
            pass
        engine = time.process_time() - began
        spent = {}
        for call in calls:
            began = time.process_time()
            run_dateparser([(i.text, i.anchor) for i in chunk], call)
            spent[call] = time.process_time() - began
        blocks.append(Block(sum(len(i.text.split()) for i in chunk), engine, spent))
    return blocks


def alternate(args: argparse.Namespace, argv: list[str]) -> int:
    """``--alternate N``: the ratio to dateparser from interleaved blocks (see
    :func:`alternate_blocks`)."""
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    calls = _dateparser_calls(args.dateparser_call)
    header = machine()
    blocks = alternate_blocks(args.corpus, args.alternate, args.warmup, calls, args.batch_size)
    words = sum(b.words for b in blocks)
    engine = sum(b.engine for b in blocks)
    print(header)
    print(f"command: python benchmarks/throughput.py {' '.join(argv)}".rstrip())
    print()
    print(f"{len(blocks)} blocks of {args.alternate} answers, {words:,} words; CPU seconds")
    print()
    print("| side | CPU s | words/s | ratio to the engine | block ratios: median [min, max] |")
    print("| --- | ---: | ---: | ---: | --- |")
    rates = sorted(b.words / b.engine for b in blocks if b.engine > 0)
    print(
        f"| engine, 1 process, first pass | {engine:.2f} | {words / engine:,.0f} | | "
        f"block words/s {statistics.median(rates):,.0f} [{rates[0]:,.0f}, {rates[-1]:,.0f}] |"
    )
    for call in calls:
        spent = sum(b.dateparser[call] for b in blocks)
        ratios = sorted(b.dateparser[call] / b.engine for b in blocks if b.engine > 0)
        print(
            f"| {DATEPARSER_CALLS[call]} | {spent:.2f} | {words / spent:,.0f} | "
            f"{spent / engine:.1f}x | {statistics.median(ratios):.1f}x "
            f"[{ratios[0]:.1f}x, {ratios[-1]:.1f}x] |"
        )
    return 0


def _dateparser_calls(choice: str) -> list[str]:
    """The dateparser calls ``--dateparser-call`` asks for, in the order they are timed."""
    return list(DATEPARSER_CALLS) if choice == "both" else [choice]


def repeated_answers(corpus: Path) -> int:
    """Answers whose text, date and department are those of an earlier answer (one reply to
    grouped questions), which the engine analyses once unless told otherwise."""
    seen: set[tuple[str, dt.date, str | None]] = set()
    repeats = 0
    for a in answers(corpus):
        key = (a.answer_text, a.date_answered, a.answering_body)
        repeats += key in seen
        seen.add(key)
    return repeats


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident set size (MB) of this process and of its largest finished child."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def machine() -> str:
    """Date, machine, cores, Python and load, for the record."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"date: {dt.date.today().isoformat()}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average before: {load}"
    )


def _row(t: Timing) -> str:
    cpu = f"{t.cpu_seconds:.2f}" if t.cpu_seconds is not None else ""
    return (
        f"| {t.label} | {t.answers:,} | {t.words:,} | {t.seconds:.2f} | {cpu} | "
        f"{t.answers_per_second:,.0f} | {t.words_per_second:,.0f} |"
    )


def throughput(args: argparse.Namespace, argv: list[str]) -> int:
    """The default mode (see the module docstring)."""
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    header = machine()
    first = load_model()  # model loading is start-up, not throughput
    texts = [_item(a) for a in answers(args.corpus)] if args.in_memory else None
    warm_up(args.corpus, args.warmup, first)
    timings = []
    kept = 0 if args.analyse_repeats else None
    fresh = True  # the cached model has run no pass yet
    for n in (int(p) for p in args.processes.split(",")):
        # every process count gets a first pass: a worker forked from a model that has run
        # one would inherit the vocabulary and caches it filled
        nlp = first if n == 1 and fresh else cold_model(args.corpus, args.warmup)
        fresh = fresh and nlp is not first
        timings.append(time_engine(args.corpus, n, args.batch_size, kept, texts, nlp))
    for k in range(args.repeat):
        again = time_engine(args.corpus, 1, args.batch_size, kept, texts, first)
        label = again.label.replace("engine, 1 process", f"engine, 1 process, pass {k + 2}")
        timings.append(replace(again, label=f"{label} (steady state)"))
    own_rss, child_rss = peak_rss_mb()
    calls = [] if args.skip_dateparser else _dateparser_calls(args.dateparser_call)
    dateparsers = [
        time_dateparser(args.corpus, args.dateparser_answers, args.warmup, call) for call in calls
    ]
    print(header)
    print(f"command: python benchmarks/throughput.py {' '.join(argv)}".rstrip())
    print()
    print("| pass | answers | words | wall s | CPU s (this process) | answers/s | words/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    single = next(
        (t for t in timings if t.label.startswith("engine, 1 process") and "pass" not in t.label),
        None,
    )
    steady = [t for t in timings if "steady state" in t.label]
    for t in timings:
        print(_row(t))
        if t is single or t in steady:
            print(_row(engine_only(t)))
    for dateparser in dateparsers:
        print(_row(dateparser))
    print()
    for t in timings:
        reading = f"{t.reading_seconds:.2f} s wall, {t.reading_cpu_seconds:.2f} s CPU"
        print(f"{t.label}: reading the corpus (gzip, JSON, HTML to text) took {reading} of it")
        if t.gc is not None:
            print(f"{t.label}: the garbage collector (this process) made {t.gc.describe()}")
    total = next((t.answers for t in timings), 0)
    how = "analysed again (--analyse-repeats)" if args.analyse_repeats else "analysed once"
    print(
        f"repeated answers (text, date and department of an earlier one): "
        f"{repeated_answers(args.corpus):,} of {total:,}, {how}"
    )
    print(
        f"peak RSS: {own_rss:.0f} MB (main process, after the engine passes), "
        f"{child_rss:.0f} MB (largest worker process)"
    )
    if single is not None:
        for t in timings:
            if t is not single and t not in steady:
                speed_up = single.seconds / t.seconds
                pair = f"{t.label} vs {single.label}"
                print(f"speed-up, {pair} (wall, reading included): {speed_up:.2f}x")
    compared = [single, *steady] if single is not None else []
    for dateparser, t in ((d, t) for d in dateparsers for t in compared):
        assert t is not None
        alone = engine_only(t)
        wall = alone.words_per_second / dateparser.words_per_second
        cpu = ""
        if alone.cpu_seconds and dateparser.cpu_seconds:
            per_word = (dateparser.cpu_seconds / dateparser.words) / (
                alone.cpu_seconds / alone.words
            )
            cpu = f", {per_word:.1f}x CPU"
        with_reading = t.words_per_second / dateparser.words_per_second
        print(
            f"{t.label} (reading left out) vs {dateparser.label}, words/s: "
            f"{wall:.1f}x wall{cpu} (reading included: {with_reading:.1f}x wall)"
        )
    return 0


FLOW_SCRIPT = """
import sys, time
start = time.perf_counter()
from flows.nightly import nightly
print(f"IMPORT_SECONDS {time.perf_counter() - start:.3f}")
start = time.perf_counter()
summary = nightly(lake=sys.argv[1], source=sys.argv[2], n_process=1, run_audit=True)
print(f"FLOW_SECONDS {time.perf_counter() - start:.3f}")
"""


def end_to_end(args: argparse.Namespace, argv: list[str]) -> int:
    """The ``--end-to-end`` mode (see the module docstring)."""
    from pipeline.lake import extract_answers, ingest_window, read_table

    sample = args.sample
    if not sample.exists():
        print(f"sample not found: {sample}", file=sys.stderr)
        return 2
    print(machine())
    print(f"command: python benchmarks/throughput.py {' '.join(argv)}".rstrip())
    print()
    with tempfile.TemporaryDirectory(prefix="pct-bench-") as tmp:
        began = time.perf_counter()
        load_model()
        model_s = time.perf_counter() - began
        lake = Path(tmp) / "library"
        began = time.perf_counter()
        ingested = ingest_window(sample, lake=str(lake))
        ingest_s = time.perf_counter() - began
        began = time.perf_counter()
        extracted = extract_answers(str(lake))
        extract_s = time.perf_counter() - began
        audit_s: float | None = None
        try:
            from pipeline.audit.store import compute_deadlines
        except ImportError:
            pass
        else:
            began = time.perf_counter()
            compute_deadlines(str(lake), dt.date.today())
            audit_s = time.perf_counter() - began
        library_s = ingest_s + extract_s + (audit_s or 0.0)
        print("Library path, no Prefect (one process):")
        print()
        steps = [
            ("load the rule model (start-up)", model_s, ""),
            (
                "replay ingest -> answers",
                ingest_s,
                f"{ingested.records_read} records read, "
                f"{ingested.answers_inserted} answers written",
            ),
            (
                "extract -> commitments, time_expressions, quantities",
                extract_s,
                f"{extracted.answers_extracted} answers, {extracted.commitments} commitments, "
                f"{extracted.time_expressions} time expressions, "
                f"{extracted.quantities} quantities",
            ),
        ]
        if audit_s is not None:
            steps.append(("deadline snapshot", audit_s, ""))
        steps.append(("total (model load left out)", library_s, ""))
        _table(("step", "seconds", "what"), [(a, f"{b:.2f}", c) for a, b, c in steps])
        print()

        flow_lake = Path(tmp) / "flow"
        env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", FLOW_SCRIPT, str(flow_lake), str(sample)],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        wall_s = time.perf_counter() - began
        if done.returncode != 0:
            print(done.stdout[-2000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
            return 1
        marks = {
            line.split()[0]: float(line.split()[1])
            for line in done.stdout.splitlines()
            if line.startswith(("IMPORT_SECONDS", "FLOW_SECONDS"))
        }
        runs = read_table("runs", lake=str(flow_lake))
        jobs = {str(k): float(v) for k, v in runs.groupby("kind")["duration_s"].sum().items()}
        job_s = sum(jobs.values())
        print("Nightly flow as `commitments run` calls it, in a fresh process (Prefect ephemeral):")
        print()
        parts = [
            ("process wall (interpreter, imports, Prefect start-up, the run)", wall_s),
            ("importing the flow module (Prefect included)", marks["IMPORT_SECONDS"]),
            ("the flow call (ephemeral server, tasks, jobs, audit)", marks["FLOW_SECONDS"]),
            *(
                (f"{kind} job (its own timing, from `runs`)", sec)
                for kind, sec in sorted(jobs.items())
            ),
            ("everything but the jobs (start-up, Prefect, audit, summary)", wall_s - job_s),
        ]
        _table(("part", "seconds"), [(a, f"{b:.2f}") for a, b in parts])
        print()
        print(
            "the extract job includes loading the rule model in the fresh process; the deadline "
            "snapshot is timed in the library path above"
        )
    return 0


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Print a Markdown table (numbers right-aligned)."""
    print("| " + " | ".join(header) + " |")
    print("| " + " | ".join("---:" if h == "seconds" else "---" for h in header) + " |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help="API-shaped JSONL(.gz) corpus (default: the shared corpus)",
    )
    parser.add_argument(
        "--processes", default="1,2", help="comma-separated process counts to time (default 1,2)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=64, help="texts per nlp.pipe batch (default 64)"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=100,
        help="answers run untimed first by both sides (default 100)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        help="time the 1-process pass this many more times (steady state: vocabulary and caches "
        "filled by the first pass)",
    )
    parser.add_argument(
        "--dateparser-answers",
        type=int,
        default=None,
        help="time dateparser on the first N answers only (default: all)",
    )
    parser.add_argument(
        "--dateparser-call",
        choices=[*DATEPARSER_CALLS, "both"],
        default="both",
        help="which dateparser call to time: 'issue', search_dates(text, languages=['en']) as "
        "issue 8 names it; 'answer-date', the same with each answer's date as RELATIVE_BASE "
        "(what the engine resolves against; dateparser runs faster with it, so the ratio is "
        "stricter); 'both' (default), one after the other",
    )
    parser.add_argument("--skip-dateparser", action="store_true", help="do not time dateparser")
    parser.add_argument(
        "--analyse-repeats",
        action="store_true",
        help="make the engine analyse a repeated answer again (extract_batch(repeats_kept=0)); "
        "by default it analyses each distinct text, date and department once",
    )
    parser.add_argument(
        "--in-memory",
        action="store_true",
        help="read the corpus into memory before the engine passes and hand the engine those "
        "texts, as dateparser's are handed theirs (by default the engine streams the corpus "
        "and the reading time is taken out afterwards)",
    )
    parser.add_argument(
        "--end-to-end",
        action="store_true",
        help="time ingest -> extract -> Delta tables and the nightly flow instead",
    )
    parser.add_argument(
        "--sample",
        type=Path,
        default=DEFAULT_SAMPLE,
        help="replay sample for --end-to-end (default: the bundled one)",
    )
    parser.add_argument(
        "--alternate",
        type=int,
        default=0,
        metavar="N",
        help="instead of the passes, time the engine's first pass and dateparser in alternating "
        "blocks of N answers (texts in memory) and print the ratio of the sums: on a machine "
        "whose speed drifts during the run, both sides are timed in the same minutes",
    )
    args = parser.parse_args(argv)
    if args.end_to_end:
        return end_to_end(args, argv)
    return alternate(args, argv) if args.alternate > 0 else throughput(args, argv)


if __name__ == "__main__":
    sys.exit(main())
