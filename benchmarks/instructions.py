"""Instructions the engine executes over a corpus, counted by Valgrind's callgrind: a measure
of the engine's work that the machine's load and speed do not move.

CPU seconds on a shared machine swing by ±10–40 % between identical runs
(``docs/performance.md``), which hides any change below a few per cent. Instruction counts
of the same passes are deterministic to about 0.1 % (the hash seed is fixed), so two trees can
be compared in one run each, at any load. They are a proxy for time, not time: the issue's
targets stay in CPU seconds (``throughput.py``); this script says whether a change does less
work, and where.

The script runs itself under ``valgrind --tool=callgrind`` with instrumentation off while the
model loads and warms (``--warmup`` answers, as ``throughput.py`` warms it), then switches it on
through callgrind's client requests (a few lines of C, compiled once into a temporary
directory) and counts, with the texts in memory, on the engine's own path
(``extract_batch``):

- the model's first pass over the answers and a second pass (the steady state);
- with ``--steps``, one more pass per pipeline step, counting only that step (as
  ``components.py`` splits CPU seconds);
- with ``--first-steps``, the first pass split by step: for each step, a process of its own
  (so that no memo a module keeps for the whole process, ``re``'s cache included, is already
  filled) loads a fresh model, warms it as above, then counts only that step during the model's
  first pass and again during its second; the difference is what the first pass costs that
  step beyond the steady state (lexemes and chunks the tokenizer meets for the first time,
  memos filling). Each count also says how many garbage collections of each generation ran
  inside it, which a first pass's one full collection lands in;
- with ``--dateparser``, dateparser's ``search_dates(languages=["en"])`` on the same texts
  (warmed on the same answers), for the ratio in instructions.

Needs ``valgrind`` (with its headers, ``valgrind/callgrind.h``) and a C compiler; says so and
exits 2 when either is missing. Under callgrind the engine runs ~30–60 times slower, so
``--answers`` takes a prefix of the corpus (the default 600 answers take a few minutes).

A full (generation-2) collection costs tens of millions of instructions and falls where
CPython's counts come due, which can move it from one pass to the next between two trees: each
count also gives the instructions spent collecting (``gc_collect_main``, read with
``callgrind_annotate`` when it is installed), to compare passes with them left out.

``--keep DIR`` keeps callgrind's dump files (``cg.out.N``, one per counted stretch, in the
order printed) for ``callgrind_annotate --inclusive=yes DIR/cg.out.N``, which splits a count by
function.

Usage::

    python benchmarks/instructions.py [CORPUS] [--answers 600] [--steps] [--dateparser]
    python benchmarks/instructions.py --first-steps                   # every step
    python benchmarks/instructions.py --first-steps make_doc rows     # those steps only
"""

from __future__ import annotations

import argparse
import ctypes
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

SHIM = r"""
#include <valgrind/callgrind.h>
int cg_running(void) { return RUNNING_ON_VALGRIND; }
void cg_start(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_ZERO_STATS; }
void cg_dump(const char *label) { CALLGRIND_DUMP_STATS_AT(label); }
void cg_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
"""


@dataclass(frozen=True)
class Count:
    """One counted stretch of the run: its label, the instructions executed in it and the
    garbage collections (of generations 0/1/2) that ran inside it."""

    label: str
    instructions: int
    collections: str = ""
    collecting: int | None = None  # of the instructions, those of the garbage collector


class Collector:
    """Callgrind's collection switch, with a count of the garbage collections that start while
    it is on (a ``gc.callbacks`` entry)."""

    def __init__(self, shim: ctypes.CDLL) -> None:
        self.shim = shim
        self.on = True  # as after ``cg_start``
        self.collections = [0, 0, 0]

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if self.on and phase == "start":
            self.collections[info["generation"]] += 1

    def toggle(self) -> None:
        """Switch collection off when on, on when off."""
        self.shim.cg_toggle()
        self.on = not self.on

    def dump(self, label: str) -> None:
        """Write the counts since the last dump under ``label`` (the collections appended as
        `` [gc a/b/c]``) and start again from zero."""
        gcs = "/".join(map(str, self.collections))
        self.shim.cg_dump(f"{label} [gc {gcs}]".encode())
        self.collections = [0, 0, 0]


def build_shim(directory: Path) -> Path:
    """Compile the client-request shim into ``directory``; the path of the shared library."""
    source = directory / "cgshim.c"
    library = directory / "cgshim.so"
    source.write_text(SHIM, encoding="utf-8")
    subprocess.run(
        ["cc", "-O1", "-shared", "-fPIC", "-o", str(library), str(source)],
        check=True,
        capture_output=True,
    )
    return library


def dump_files(directory: Path, prefix: str) -> list[Path]:
    """The dumps callgrind wrote for ``prefix`` (``prefix.N`` files), in order."""
    return sorted(
        directory.glob(f"{prefix}.*"),
        key=lambda p: int(p.suffix[1:]) if p.suffix[1:].isdigit() else 0,
    )


def collecting(path: Path) -> int | None:
    """The instructions of a dump spent in CPython's garbage collector (``gc_collect_main``,
    inclusive), read with ``callgrind_annotate``; None without it."""
    annotate = shutil.which("callgrind_annotate")
    if annotate is None:
        return None
    done = subprocess.run(
        [annotate, "--inclusive=yes", "--threshold=100", str(path)],
        capture_output=True,
        text=True,
    )
    found = re.search(r"^\s*([\d,]+) .*:gc_collect_main[ \[]", done.stdout, re.M)
    return int(found.group(1).replace(",", "")) if found else 0


def read_counts(directory: Path, prefix: str) -> list[Count]:
    """The dumps callgrind wrote (``prefix.N`` files, in order): each one's trigger label, its
    total instruction count, the collections its label carries and the collector's share."""
    counts = []
    for path in dump_files(directory, prefix):
        text = path.read_text(encoding="utf-8", errors="replace")
        trigger = re.search(r"^desc: Trigger: Client Request: (.*)$", text, re.M)
        total = re.search(r"^(?:totals|summary): (\d+)", text, re.M)
        if trigger and total:
            label, _, gcs = trigger.group(1).strip().partition(" [gc ")
            counts.append(Count(label, int(total.group(1)), gcs.rstrip("]"), collecting(path)))
    return counts


def _millions(count: int | None) -> str:
    return "" if count is None else f"{count / 1e6:,.1f}"


def step_pass(nlp: Any, items: list[Any], step: str, collector: Collector) -> None:
    """One pass over ``items`` Doc by Doc, the engine's own way (``components.walk_steps``),
    with callgrind collecting only while ``step`` runs (``make_doc``, a pipe's name or
    ``rows``). Collection is off on entry and on return."""
    from components import walk_steps

    def counted(name: str, call: Callable[[], Any]) -> Any:
        if name != step:
            return call()
        collector.toggle()
        try:
            return call()
        finally:
            collector.toggle()

    walk_steps(nlp, items, counted)


def child(args: argparse.Namespace) -> int:
    """The run under callgrind: load, warm, then count the passes (see the module docstring)."""
    import gc
    import time

    from components import read_items

    from pipeline.engine import extract_batch, load_model

    shim = ctypes.CDLL(str(args.shim))
    shim.cg_dump.argtypes = [ctypes.c_char_p]
    if not shim.cg_running():
        print("not running under valgrind", file=sys.stderr)
        return 2
    items = read_items(args.corpus)
    stop = args.warmup + args.answers if args.answers > 0 else None
    warm, counted = items[: args.warmup], items[args.warmup : stop]
    nlp = load_model.__wrapped__()  # a fresh vocabulary, as throughput.py's cold_model
    steps = ["make_doc", *nlp.pipe_names, "rows"]
    if args.child_step is None:
        (args.shim.parent / "steps.txt").write_text("\n".join(steps), encoding="utf-8")
    elif args.child_step not in steps:
        print(f"no step {args.child_step!r}; the steps are {', '.join(steps)}", file=sys.stderr)
        return 2
    for _ in extract_batch(warm, nlp=nlp):
        pass

    def engine_pass() -> None:
        for _ in extract_batch(counted, nlp=nlp):
            pass

    collector = Collector(shim)
    gc.callbacks.append(collector)
    began = time.process_time()
    shim.cg_start()
    if args.child_step is not None:  # --first-steps: this step alone, in a fresh process
        collector.toggle()
        for label in ("first pass", "second pass"):
            step_pass(nlp, counted, args.child_step, collector)
            collector.dump(f"{label}, step {args.child_step}")
        print(f"counted in {time.process_time() - began:.0f} s of CPU", file=sys.stderr)
        return 0
    engine_pass()
    collector.dump("engine, first pass")
    engine_pass()
    collector.dump("engine, second pass")
    if args.steps:
        collector.toggle()  # collection off; on only around the step being counted
        for step in steps:
            step_pass(nlp, counted, step, collector)
            collector.dump(f"step {step}")
        collector.toggle()
    if args.dateparser:
        from dateparser.search import search_dates

        collector.toggle()
        for item in warm:
            search_dates(item.text, languages=["en"])
        collector.toggle()
        collector.dump("(dateparser warm-up, not counted)")
        for item in counted:
            search_dates(item.text, languages=["en"])
        collector.dump("dateparser search_dates")
    print(f"counted in {time.process_time() - began:.0f} s of CPU under callgrind", file=sys.stderr)
    return 0


def run_child(
    valgrind: str, directory: Path, prefix: str, argv: list[str], shim: Path, step: str | None
) -> int:
    """Run :func:`child` under callgrind, its dumps written as ``directory/prefix.N``; its
    return code (with the end of its error output printed when it failed)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(HERE.parent), env.get("PYTHONPATH", "")) if p
    )
    command = [
        valgrind,
        "--tool=callgrind",
        "--instr-atstart=no",
        f"--callgrind-out-file={directory / prefix}",
        sys.executable,
        str(Path(__file__).resolve()),
        *argv,
        "--child",
        str(shim),
        *(["--child-step", step] if step is not None else []),
    ]
    done = subprocess.run(command, env=env, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        print(done.stderr[-3000:], file=sys.stderr)
    return done.returncode


def print_counts(counts: list[Count], words: int) -> None:
    """The table of the main run's counts, and the ratio to dateparser when it was counted."""
    print(
        "| pass | instructions (millions) | per word | collections (gen. 0/1/2) "
        "| of it, collecting (millions) |"
    )
    print("| --- | ---: | ---: | --- | ---: |")
    by_label = {c.label: c.instructions for c in counts}
    for c in counts:
        if "not counted" in c.label:
            continue
        print(
            f"| {c.label} | {c.instructions / 1e6:,.1f} | {c.instructions / words:,.0f} "
            f"| {c.collections} | {_millions(c.collecting)} |"
        )
    dateparser = by_label.get("dateparser search_dates")
    if dateparser:
        print()
        for label in ("engine, first pass", "engine, second pass"):
            if by_label.get(label):
                print(f"dateparser / {label}: {dateparser / by_label[label]:.2f}×")


def print_first_steps(by_step: dict[str, list[Count]]) -> None:
    """The table of ``--first-steps``: each step's first and second pass and the difference."""
    print("| step | first pass (M) | second pass (M) | first − second (M) | collections, first |")
    print("| --- | ---: | ---: | ---: | --- |")
    totals = [0, 0]
    for step, counts in by_step.items():
        found = {c.label.partition(",")[0]: c for c in counts}
        first, second = found["first pass"], found["second pass"]
        totals[0] += first.instructions
        totals[1] += second.instructions
        print(
            f"| {step} | {first.instructions / 1e6:,.1f} | {second.instructions / 1e6:,.1f} "
            f"| {(first.instructions - second.instructions) / 1e6:+,.1f} | {first.collections} |"
        )
    print(
        f"| total | {totals[0] / 1e6:,.1f} | {totals[1] / 1e6:,.1f} "
        f"| {(totals[0] - totals[1]) / 1e6:+,.1f} | |"
    )


def parent(args: argparse.Namespace, argv: list[str]) -> int:
    """Check the tools, build the shim, run :func:`child` under callgrind (once, and once per
    step with ``--first-steps``) and print the counts."""
    valgrind, compiler = shutil.which("valgrind"), shutil.which("cc")
    if valgrind is None or compiler is None:
        missing = "valgrind" if valgrind is None else "a C compiler (cc)"
        print(f"instructions.py needs {missing}; install it or use throughput.py", file=sys.stderr)
        return 2
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="pct-callgrind-") as tmp:
        directory = Path(tmp)
        try:
            shim = build_shim(directory)
        except subprocess.CalledProcessError as error:
            print(
                "could not compile the callgrind shim (are valgrind's headers installed?):\n"
                + error.stderr.decode(errors="replace"),
                file=sys.stderr,
            )
            return 2
        code = run_child(valgrind, directory, "cg.out", argv, shim, None)
        if code != 0:
            return code
        counts = read_counts(directory, "cg.out")
        by_step: dict[str, list[Count]] = {}
        if args.first_steps is not None:
            steps = (directory / "steps.txt").read_text(encoding="utf-8").split("\n")
            unknown = [s for s in args.first_steps if s not in steps]
            if unknown:
                print(f"no step {unknown[0]!r}; the steps are {', '.join(steps)}", file=sys.stderr)
                return 2
            for step in [s for s in steps if s in args.first_steps or not args.first_steps]:
                code = run_child(valgrind, directory, f"cg-{step}.out", argv, shim, step)
                if code != 0:
                    return code
                by_step[step] = read_counts(directory, f"cg-{step}.out")
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            for prefix in ["cg.out", *(f"cg-{step}.out" for step in by_step)]:
                for path in dump_files(directory, prefix):
                    shutil.copy(path, args.keep / path.name)
    from components import read_items

    stop = args.warmup + args.answers if args.answers > 0 else None
    counted = read_items(args.corpus)[args.warmup : stop]
    words = sum(len(item.text.split()) for item in counted)
    print(
        f"{len(counted)} answers ({words:,} words) after {args.warmup} warm-up answers; "
        "instructions counted by callgrind, PYTHONHASHSEED=0"
    )
    print()
    print_counts(counts, words)
    if by_step:
        print()
        print("First pass by step (each step counted in a fresh process, after the warm-up):")
        print()
        print_first_steps(by_step)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    from components import DEFAULT_CORPUS

    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="API-shaped JSONL(.gz) corpus"
    )
    parser.add_argument(
        "--answers",
        type=int,
        default=600,
        help="answers counted, after the warm-up ones (0: all the rest)",
    )
    parser.add_argument(
        "--warmup", type=int, default=100, help="answers run uncounted first (the corpus's first)"
    )
    parser.add_argument(
        "--steps",
        action="store_true",
        help="also count each pipeline step alone in the steady state, one pass each",
    )
    parser.add_argument(
        "--first-steps",
        nargs="*",
        metavar="STEP",
        default=None,
        help="also split the first pass by step: each STEP (make_doc, a pipe's name, rows; "
        "all of them when none is named) counted alone during a fresh model's first pass and "
        "its second, each in a process of its own (one more model load and warm-up each; "
        "name a corpus before this option)",
    )
    parser.add_argument(
        "--dateparser",
        action="store_true",
        help="also count dateparser's search_dates on the same texts (slow: ~5x the engine)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        metavar="DIR",
        help="keep callgrind's dump files in DIR (for callgrind_annotate --inclusive=yes)",
    )
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--child-step", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        args.shim = args.child
        return child(args)
    return parent(args, argv)


if __name__ == "__main__":
    sys.exit(main())
