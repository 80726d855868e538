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
- with ``--dateparser``, dateparser's ``search_dates(languages=["en"])`` on the same texts
  (warmed on the same answers), for the ratio in instructions.

Needs ``valgrind`` (with its headers, ``valgrind/callgrind.h``) and a C compiler; says so and
exits 2 when either is missing. Under callgrind the engine runs ~30–60 times slower, so
``--answers`` takes a prefix of the corpus (the default 600 answers take a few minutes).

Usage::

    python benchmarks/instructions.py [CORPUS] [--answers 600] [--steps] [--dateparser]
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
from dataclasses import dataclass
from pathlib import Path

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
    """One counted stretch of the run: its label and the instructions executed in it."""

    label: str
    instructions: int


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


def read_counts(directory: Path, prefix: str) -> list[Count]:
    """The dumps callgrind wrote (``prefix.N`` files, in order): each one's trigger label and
    its total instruction count."""
    counts = []
    files = sorted(
        directory.glob(f"{prefix}.*"),
        key=lambda p: int(p.suffix[1:]) if p.suffix[1:].isdigit() else 0,
    )
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        trigger = re.search(r"^desc: Trigger: Client Request: (.*)$", text, re.M)
        total = re.search(r"^(?:totals|summary): (\d+)", text, re.M)
        if trigger and total:
            counts.append(Count(trigger.group(1).strip(), int(total.group(1))))
    return counts


def child(args: argparse.Namespace) -> int:
    """The run under callgrind: load, warm, then count the passes (see the module docstring)."""
    import time

    from components import read_items

    from pipeline.engine import (
        _make_doc,
        doc_to_extraction,
        extract_batch,
        load_model,
        model_version,
        sealed_pipeline,
    )

    shim = ctypes.CDLL(str(args.shim))
    shim.cg_dump.argtypes = [ctypes.c_char_p]
    if not shim.cg_running():
        print("not running under valgrind", file=sys.stderr)
        return 2
    items = read_items(args.corpus)
    stop = args.warmup + args.answers if args.answers > 0 else None
    warm, counted = items[: args.warmup], items[args.warmup : stop]
    nlp = load_model.__wrapped__()  # a fresh vocabulary, as throughput.py's cold_model
    for _ in extract_batch(warm, nlp=nlp):
        pass

    def engine_pass() -> None:
        for _ in extract_batch(counted, nlp=nlp):
            pass

    began = time.process_time()
    shim.cg_start()
    engine_pass()
    shim.cg_dump(b"engine, first pass")
    engine_pass()
    shim.cg_dump(b"engine, second pass")
    if args.steps:
        version = model_version(nlp)
        sealed = sealed_pipeline(nlp)
        shim.cg_toggle()  # collection off; on only around the step being counted
        for step in ["make_doc", *nlp.pipe_names, "rows"]:
            for item in counted:
                if step == "make_doc":
                    shim.cg_toggle()
                doc = _make_doc(nlp, item, sealed=sealed)
                if step == "make_doc":
                    shim.cg_toggle()
                for name, proc in nlp.pipeline:
                    if name == step:
                        shim.cg_toggle()
                    doc = proc(doc)
                    if name == step:
                        shim.cg_toggle()
                if step == "rows":
                    shim.cg_toggle()
                doc_to_extraction(doc, version)
                if step == "rows":
                    shim.cg_toggle()
            shim.cg_dump(f"step {step}".encode())
        shim.cg_toggle()
    if args.dateparser:
        from dateparser.search import search_dates

        shim.cg_toggle()
        for item in warm:
            search_dates(item.text, languages=["en"])
        shim.cg_toggle()
        shim.cg_dump(b"(dateparser warm-up, not counted)")
        for item in counted:
            search_dates(item.text, languages=["en"])
        shim.cg_dump(b"dateparser search_dates")
    print(f"counted in {time.process_time() - began:.0f} s of CPU under callgrind", file=sys.stderr)
    return 0


def parent(args: argparse.Namespace, argv: list[str]) -> int:
    """Check the tools, build the shim, run :func:`child` under callgrind and print the counts."""
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
        env = dict(os.environ, PYTHONHASHSEED="0")
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(HERE.parent), env.get("PYTHONPATH", "")) if p
        )
        command = [
            valgrind,
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={directory / 'cg.out'}",
            sys.executable,
            str(Path(__file__).resolve()),
            *argv,
            "--child",
            str(shim),
        ]
        done = subprocess.run(command, env=env, stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            return done.returncode
        counts = read_counts(directory, "cg.out")
    from components import read_items

    stop = args.warmup + args.answers if args.answers > 0 else None
    counted = read_items(args.corpus)[args.warmup : stop]
    words = sum(len(item.text.split()) for item in counted)
    print(
        f"{len(counted)} answers ({words:,} words) after {args.warmup} warm-up answers; "
        "instructions counted by callgrind, PYTHONHASHSEED=0"
    )
    print()
    print("| pass | instructions (millions) | per word |")
    print("| --- | ---: | ---: |")
    by_label = {c.label: c.instructions for c in counts}
    for c in counts:
        if "not counted" in c.label:
            continue
        print(f"| {c.label} | {c.instructions / 1e6:,.1f} | {c.instructions / words:,.0f} |")
    dateparser = by_label.get("dateparser search_dates")
    if dateparser:
        print()
        for label in ("engine, first pass", "engine, second pass"):
            if by_label.get(label):
                print(f"dateparser / {label}: {dateparser / by_label[label]:.2f}×")
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
        "--steps", action="store_true", help="also count each pipeline step alone, one pass each"
    )
    parser.add_argument(
        "--dateparser",
        action="store_true",
        help="also count dateparser's search_dates on the same texts (slow: ~5x the engine)",
    )
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        args.shim = args.child
        return child(args)
    return parent(args, argv)


if __name__ == "__main__":
    sys.exit(main())
