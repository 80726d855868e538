"""Engine throughput over a corpus, against dateparser's ``search_dates`` on the same texts.

Streams the corpus (never holds it in memory), runs the rule engine with 1 and N processes, and
prints answers/s, words/s, peak RSS, the speed-up from more processes, and the ratio to
dateparser's ``search.search_dates(languages=["en"])`` timed in the same run (on every text, or on
the first ``--dateparser-answers`` when that is set: its rate is per word, so a prefix is a fair
sample and saves minutes).

Usage::

    python benchmarks/throughput.py [CORPUS] [--processes 1,2] [--dateparser-answers N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.engine import TextItem, extract_batch, load_model
from pipeline.ingest.records import Answer
from pipeline.ingest.replay import read_answers
from pipeline.settings import get_settings

DEFAULT_CORPUS = get_settings().shared / "corpus" / "commons-written-answers-2023-2025.jsonl.gz"


@dataclass(frozen=True, slots=True)
class Timing:
    """One timed pass over the corpus."""

    label: str
    answers: int
    words: int
    seconds: float

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


def time_engine(corpus: Path, n_process: int, batch_size: int) -> Timing:
    """Run the engine over the corpus with ``n_process`` processes."""
    nlp = load_model()
    counted = {"answers": 0, "words": 0}

    def items() -> Iterator[TextItem]:
        for a in answers(corpus):
            counted["answers"] += 1
            counted["words"] += len(a.answer_text.split())
            yield TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id)

    start = time.perf_counter()
    for _ in extract_batch(items(), nlp=nlp, n_process=n_process, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - start
    return Timing(f"engine, {n_process} process(es)", counted["answers"], counted["words"], seconds)


def time_parsing(corpus: Path) -> Timing:
    """Reading and HTML-to-text alone (included in the engine timings)."""
    start = time.perf_counter()
    n = words = 0
    for a in answers(corpus):
        n += 1
        words += len(a.answer_text.split())
    return Timing("read + HTML to text only", n, words, time.perf_counter() - start)


def time_dateparser(corpus: Path, limit: int | None) -> Timing:
    """dateparser's search_dates over the same texts (each answer's date as base)."""
    from dateparser.search import search_dates

    texts = [(a.answer_text, a.date_answered) for a in answers(corpus, limit)]
    words = sum(len(t.split()) for t, _ in texts)
    start = time.perf_counter()
    for text, anchor in texts:
        base = dt.datetime.combine(anchor, dt.time())
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})
    return Timing("dateparser search_dates", len(texts), words, time.perf_counter() - start)


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident set size (MB) of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="API-shaped JSONL(.gz) corpus (default: the shared corpus)")
    parser.add_argument("--processes", default="1,2", help="comma-separated process counts to time (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=64, help="docs per nlp.pipe batch (default 64)")
    parser.add_argument("--dateparser-answers", type=int, default=None, help="time dateparser on the first N answers only (default: all)")
    parser.add_argument("--skip-dateparser", action="store_true", help="do not time dateparser")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    load_model()  # model loading is start-up, not throughput
    timings = [time_parsing(args.corpus)]
    for n in (int(p) for p in args.processes.split(",")):
        timings.append(time_engine(args.corpus, n, args.batch_size))
    own_rss, child_rss = peak_rss_mb()
    if not args.skip_dateparser:
        timings.append(time_dateparser(args.corpus, args.dateparser_answers))

    print(f"date: {dt.date.today().isoformat()}; machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"command: python benchmarks/throughput.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print()
    print("| pass | answers | words | seconds | answers/s | words/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for t in timings:
        print(f"| {t.label} | {t.answers:,} | {t.words:,} | {t.seconds:.2f} | {t.answers_per_second:,.0f} | {t.words_per_second:,.0f} |")
    print()
    engine = [t for t in timings if t.label.startswith("engine")]
    print(f"peak RSS: {own_rss:.0f} MB (main process, after the 1-process pass and model), {child_rss:.0f} MB (largest worker)")
    if len(engine) > 1:
        print(f"speed-up {engine[-1].label} vs {engine[0].label}: {engine[0].seconds / engine[-1].seconds:.2f}x")
    dp = [t for t in timings if t.label.startswith("dateparser")]
    if dp and engine:
        print(f"engine (1 process) vs dateparser search_dates, words/s: {engine[0].words_per_second / dp[0].words_per_second:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
