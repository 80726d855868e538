"""CPU seconds per pipeline step over a corpus, texts already read (the profile behind
``docs/performance.md``).

Reads the corpus into memory once, warms the model on it, then runs the tokenizer and each
component Doc by Doc, timing each step with ``time.process_time``; prints the best of
``--passes`` passes per step. ``--cprofile FILE`` also writes a cProfile of one more pass.

Usage::

    python benchmarks/components.py [CORPUS] [--passes 3] [--cprofile /tmp/engine.prof]
    python benchmarks/components.py --first-pass     # a fresh model's first pass against its second
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from pipeline.engine import (
    TextItem,
    _make_doc,  # the engine's own path: Docs sealed as extract_batch seals them
    doc_to_extraction,
    load_model,
    model_version,
    sealed_pipeline,
)
from pipeline.ingest.records import Answer
from pipeline.ingest.replay import read_answers
from pipeline.settings import get_settings

DEFAULT_CORPUS = get_settings().shared / "corpus" / "commons-written-answers-2023-2025.jsonl.gz"


def read_items(corpus: Path) -> list[TextItem]:
    """The corpus's answers as engine inputs."""
    return [
        TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id)
        for a in read_answers(corpus)
        if isinstance(a, Answer)
    ]


def walk_steps(
    nlp: Language, items: Iterable[TextItem], run: Callable[[str, Callable[[], Any]], Any]
) -> None:
    """One pass over ``items`` Doc by Doc, the engine's own way: ``_make_doc`` (sealed, as
    ``extract_batch`` seals), each component in order, then the rows. Every step goes through
    ``run(step, call)``, which must return ``call()``; the steps are ``make_doc``, each pipe's
    name and ``rows``. What ``run`` does around a call is the caller's measure (a clock here,
    callgrind's collection in ``instructions.py``)."""
    version = model_version(nlp)
    sealed = sealed_pipeline(nlp)
    for item in items:
        doc = run("make_doc", functools.partial(_make_doc, nlp, item, sealed=sealed))
        for name, proc in nlp.pipeline:
            doc = run(name, functools.partial(proc, doc))
        run("rows", functools.partial(doc_to_extraction, doc, version))


def one_pass(items: list[TextItem], nlp: Language | None = None) -> dict[str, float]:
    """CPU seconds per step for one pass over ``items`` (with ``nlp``, else the cached model)."""
    nlp = nlp or load_model()
    steps: dict[str, float] = dict.fromkeys(["make_doc", *nlp.pipe_names, "rows"], 0.0)
    clock = time.process_time

    def timed(step: str, call: Callable[[], Any]) -> Any:
        began = clock()
        result = call()
        steps[step] += clock() - began
        return result

    walk_steps(nlp, items, timed)
    return steps


def first_and_warm(items: list[TextItem], warmup: int) -> tuple[dict[str, float], dict[str, float]]:
    """CPU seconds per step of a freshly loaded model's first pass over ``items`` (after
    ``warmup`` items untimed, as ``throughput.py`` warms it) and of the pass after it."""
    nlp = load_model.__wrapped__()  # load_model without its per-path cache: a fresh vocabulary
    one_pass(items[:warmup], nlp)
    return one_pass(items, nlp), one_pass(items, nlp)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--passes", type=int, default=3, help="passes to take the best of")
    parser.add_argument(
        "--cprofile", type=Path, default=None, help="also write a cProfile of one more pass"
    )
    parser.add_argument(
        "--first-pass",
        action="store_true",
        help="instead, time a fresh model's first pass and the pass after it, step by step "
        "(what the first pass costs beyond a warm one)",
    )
    parser.add_argument(
        "--warmup", type=int, default=100, help="answers run untimed first with --first-pass"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    items = read_items(args.corpus)
    if args.first_pass:
        first, warm = first_and_warm(items, args.warmup)
        print("| step | first pass CPU s | warm pass CPU s | first - warm |")
        print("| --- | ---: | ---: | ---: |")
        for step in first:
            extra = first[step] - warm[step]
            print(f"| {step} | {first[step]:.3f} | {warm[step]:.3f} | {extra:+.3f} |")
        total_first, total_warm = sum(first.values()), sum(warm.values())
        print(f"| total | {total_first:.3f} | {total_warm:.3f} | {total_first - total_warm:+.3f} |")
        return 0
    load_model()
    best: dict[str, float] = {}
    for _ in range(args.passes):
        for step, seconds in one_pass(items).items():
            best[step] = min(best.get(step, seconds), seconds)
    print(f"| step | CPU s (best of {args.passes}) |")
    print("| --- | ---: |")
    for step, seconds in best.items():
        print(f"| {step} | {seconds:.2f} |")
    print(f"| total | {sum(best.values()):.2f} |")
    if args.cprofile is not None:
        profiler = cProfile.Profile()
        profiler.enable()
        one_pass(items)
        profiler.disable()
        profiler.dump_stats(str(args.cprofile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
