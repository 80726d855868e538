"""Engine commands: ``predict`` and ``evaluate gold``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from pipeline.cli.app import UserError, app, evaluate_app, score_cells
from pipeline.ingest.records import Answer
from pipeline.ingest.replay import Rejected, read_answers

console = Console()
err_console = Console(stderr=True)


def _read_ids(path: Path | None) -> set[str] | None:
    if path is None:
        return None
    try:
        ids = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise UserError(f"{path}: not a JSON list of ids ({err})") from err
    if not isinstance(ids, list):
        raise UserError(f"{path}: expected a JSON list of ids, got {type(ids).__name__}")
    return {str(i) for i in ids}


def iter_records(path: Path, what: str, key: str = "id") -> Iterator[dict[str, Any]]:
    """The records of a JSONL file, each an object with ``key`` (gold or predictions), read as
    they are needed; a :class:`UserError` naming the file and line when one is not."""
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    raise UserError(f"{path} line {number}: not JSON ({err})") from err
                if not isinstance(record, dict) or key not in record:
                    raise UserError(f"{path} line {number}: not a {what} record (no {key!r})")
                yield record
    except UnicodeDecodeError as err:
        raise UserError(f"{path}: not UTF-8 text ({err})") from err


def read_records(path: Path, what: str) -> list[dict[str, Any]]:
    """A JSONL file of records with an ``id`` each (gold or predictions); a :class:`UserError`
    naming the file and line when it is not one."""
    return list(iter_records(path, what))


def _answers(corpus: Path, ids: set[str] | None, rejected: list[Rejected]) -> Iterator[Answer]:
    for item in read_answers(corpus):
        if isinstance(item, Rejected):
            rejected.append(item)
        elif ids is None or str(item.id) in ids:
            yield item


@app.command()
def predict(
    corpus: Annotated[
        Path, typer.Argument(help="API-shaped JSONL(.gz) corpus, JSON file or folder.", exists=True)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the predictions (JSONL).")
    ],
    ids: Annotated[
        Path | None,
        typer.Option(
            "--ids",
            help="JSON list of answer ids to keep; all when omitted.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    n_process: Annotated[
        int,
        typer.Option("--n-process", min=1, help="Extraction processes: this one and N-1 workers."),
    ] = 1,
    full: Annotated[
        bool,
        typer.Option(
            "--full/--gold-format",
            help=(
                "Write every field (offsets, roles, strengths, and the negated commitments, "
                "flagged) instead of the gold format only, which leaves negated commitments out."
            ),
        ),
    ] = False,
) -> None:
    """Run the engine over a corpus and write one record per answer in the gold format.

    An answer the engine fails on (longer than spaCy's ``max_length``, a run of more than
    5,000 characters without whitespace) gets no record; it is reported at the end with the
    error, and every other answer is written."""
    from pipeline.engine import TextItem, extract_isolated

    wanted = _read_ids(ids)
    rejected: list[Rejected] = []
    items = (
        TextItem(a.answer_text, a.date_answered, a.answering_body, key=a.id)
        for a in _answers(corpus, wanted, rejected)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    failed: list[tuple[Any, Exception]] = []
    tmp = out.with_name(out.name + ".tmp")
    with (
        tmp.open("w", encoding="utf-8") as handle,
        Progress(
            console=err_console, transient=True, disable=not err_console.is_terminal
        ) as progress,
    ):
        task = progress.add_task("predicting", total=len(wanted) if wanted else None)
        for item, result in extract_isolated(items, n_process=n_process):
            progress.advance(task)
            if isinstance(result, Exception):
                failed.append((item.key, result))
                continue
            record = result.to_gold(item.key)
            if full:
                record = {"id": item.key, "answering_body": item.answering_body, **result.to_dict()}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    tmp.replace(out)
    err_console.print(
        f"wrote {written} records to {out}"
        + (f"; {len(rejected)} rejected records" if rejected else "")
        + (f"; the engine failed on {len(failed)} answers (no record)" if failed else "")
    )
    for r in rejected[:10]:
        err_console.print(f"  rejected {r.source}: {r.error}", markup=False, highlight=False)
    for key, err in failed[:10]:
        err_console.print(
            f"  engine failed on {key}: {type(err).__name__}: {err}", markup=False, highlight=False
        )


@evaluate_app.command("gold")
def evaluate_gold(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold JSONL (GUIDELINES.md section 4a).", exists=True, dir_okay=False),
    ],
    pred: Annotated[
        Path,
        typer.Argument(
            help="Predictions JSONL from `commitments predict`.", exists=True, dir_okay=False
        ),
    ],
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help=(
                "Count gold answers with no prediction as all misses (default: score only "
                "answers that were predicted, and say which were left out)."
            ),
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[
        int,
        typer.Option("--errors", min=0, help="List up to N misses and false alarms per section."),
    ] = 0,
    bootstrap: Annotated[
        int,
        typer.Option(
            "--bootstrap",
            min=0,
            help=(
                "Resamples of the answers (with replacement) for a 95% interval of each F1; "
                "0 leaves the intervals out."
            ),
        ),
    ] = 1000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the resampling (same seed, same intervals).")
    ] = 0,
) -> None:
    """P/R/F1 and attribute accuracy per section, as GUIDELINES.md section 5 defines, with a
    bootstrap interval of each F1 (the answers resampled)."""
    from pipeline.evaluate.bootstrap import per_answer_counts, section_intervals
    from pipeline.evaluate.gold import score_records

    gold_records = read_records(gold, "gold")
    pred_records = read_records(pred, "prediction")
    predicted_ids = {str(r["id"]) for r in pred_records}
    left_out = [str(g["id"]) for g in gold_records if str(g["id"]) not in predicted_ids]
    if left_out and not strict:
        gold_records = [g for g in gold_records if str(g["id"]) in predicted_ids]
    try:
        scores = score_records(gold_records, pred_records)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise UserError(f"{gold} / {pred}: records not in the gold format ({err!r})") from err
    intervals = (
        section_intervals(
            per_answer_counts(gold_records, pred_records), resamples=bootstrap, seed=seed
        )
        if bootstrap and gold_records
        else {}
    )
    if as_json:
        payload = {k: s.to_dict() for k, s in scores.items()}
        for name, interval in intervals.items():
            payload[name].update(
                f1_low=round(interval.low, 4), f1_high=round(interval.high, 4), resamples=bootstrap
            )
        print(json.dumps(payload, indent=2))
        return
    table = Table(title=f"{gold.name}: {len(gold_records)} answers")
    columns = ["section", "gold", "pred", "match", "P", "R", "F1"]
    columns += ["F1 95% interval"] if intervals else []
    for col in columns:
        table.add_column(col, justify="left" if col == "section" else "right")
    attributes = Table(title="matched items with the right attribute")
    for col in ("section", "attribute", "right", "of", "share"):
        attributes.add_column(col, justify="left" if col in ("section", "attribute") else "right")
    for s in scores.values():
        ci = intervals.get(s.name)
        table.add_row(*score_cells(s), *([f"{ci.low:.3f}-{ci.high:.3f}"] if ci else []))
        for name, (right, total) in s.attributes.items():
            if total:
                attributes.add_row(s.name, name, str(right), str(total), f"{right / total:.3f}")
    console.print(table)
    if intervals:
        console.print(
            f"intervals: {bootstrap} resamples of the {len(gold_records)} answers "
            f"(percentile bootstrap, seed {seed})"
        )
    console.print(attributes)
    if left_out:
        note = (
            "counted as misses (--strict)"
            if strict
            else "left out (no prediction; --strict counts them)"
        )
        console.print(f"{len(left_out)} gold answers {note}: {', '.join(left_out)}")
    for s in scores.values():
        for label, rows in (("miss", s.misses), ("false alarm", s.false_alarms)):
            for row in rows[:errors]:
                console.print(
                    f"[{s.name}] {label}: {json.dumps(row, ensure_ascii=False)}", markup=False
                )


@evaluate_app.command("compare")
def evaluate_compare(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold JSONL (GUIDELINES.md section 4a).", exists=True, dir_okay=False),
    ],
    pred_a: Annotated[
        Path,
        typer.Argument(
            help="Predictions A (`commitments predict`), e.g. before a change.",
            exists=True,
            dir_okay=False,
        ),
    ],
    pred_b: Annotated[
        Path,
        typer.Argument(
            help="Predictions B on the same answers, e.g. after it.", exists=True, dir_okay=False
        ),
    ],
    bootstrap: Annotated[
        int,
        typer.Option(
            "--bootstrap", min=1, help="Resamples of the answers (the same draws for A and B)."
        ),
    ] = 2000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the resampling (same seed, same figures).")
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Whether B scores better than A on the same gold answers: per section, the F1 of each,
    their difference with a paired bootstrap 95% interval, and the share of resamples in which B
    is not better (small: B's gain is unlikely to be luck of the sample). Only gold answers that
    both files predicted are scored."""
    from pipeline.evaluate.bootstrap import SECTIONS, f1_difference, per_answer_counts

    gold_records = read_records(gold, "gold")
    records_a = read_records(pred_a, "prediction")
    records_b = read_records(pred_b, "prediction")
    ids = {str(r["id"]) for r in records_a} & {str(r["id"]) for r in records_b}
    scored = [g for g in gold_records if str(g["id"]) in ids]
    if not scored:
        raise UserError(f"{gold}: no gold answer is predicted in both {pred_a} and {pred_b}")
    try:
        counts_a = per_answer_counts(scored, records_a)
        counts_b = per_answer_counts(scored, records_b)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise UserError(f"{gold}: records not in the gold format ({err!r})") from err
    results = {
        name: f1_difference(counts_a[name], counts_b[name], resamples=bootstrap, seed=seed)
        for name in SECTIONS
    }
    if as_json:
        payload = {
            name: {
                "f1_a": round(d.a, 4),
                "f1_b": round(d.b, 4),
                "delta": round(d.delta, 4),
                "delta_low": round(d.interval.low, 4),
                "delta_high": round(d.interval.high, 4),
                "share_not_better": round(d.share_not_better, 4),
            }
            for name, d in results.items()
        }
        print(json.dumps({"answers": len(scored), "resamples": bootstrap, **payload}, indent=2))
        return
    table = Table(
        title=f"{gold.name}: {len(scored)} answers, B ({pred_b.name}) - A ({pred_a.name})"
    )
    for col in ("section", "F1 A", "F1 B", "B - A", "95% interval", "B not better in"):
        table.add_column(col, justify="left" if col == "section" else "right")
    for name, d in results.items():
        table.add_row(
            name,
            f"{d.a:.3f}",
            f"{d.b:.3f}",
            f"{d.delta:+.3f}",
            f"[{d.interval.low:+.3f}, {d.interval.high:+.3f}]",
            f"{d.share_not_better:.1%}",
        )
    console.print(table)
    console.print(
        f"paired bootstrap: {bootstrap} resamples of the {len(scored)} answers, the same draws "
        f"for A and B (seed {seed})"
    )
    left_out = len(gold_records) - len(scored)
    if left_out:
        console.print(f"{left_out} gold answers left out (not predicted by both files)")


@evaluate_app.command("diff")
def evaluate_diff(
    old: Annotated[
        Path,
        typer.Argument(
            help="Predictions before a change (`commitments predict --full`).",
            exists=True,
            dir_okay=False,
        ),
    ],
    new: Annotated[
        Path,
        typer.Argument(
            help="Predictions after it, over the same answers.", exists=True, dir_okay=False
        ),
    ],
    section: Annotated[
        str,
        typer.Option("--section", help="Rows to compare: commitments, timexes or quantities."),
    ] = "commitments",
    hide_ids: Annotated[
        Path | None,
        typer.Option(
            "--hide-ids",
            help="JSON list of answer ids never to show (test sets): counted, not printed.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    parity: Annotated[
        str | None,
        typer.Option(
            "--parity",
            help="Show only odd or even ids ('odd': the answers rule writers may read).",
        ),
    ] = None,
) -> None:
    """Every row that changed between two runs over the same answers, answer by answer: '-' only
    before, '+' only after, on the fields a reader judges (a commitment's quote, kind, actor, due,
    negation and rule; a time expression's or quantity's text and value). Ends with the counts.
    Read every changed row before merging a rule change (docs/quality.md)."""
    from pipeline.evaluate.diff import SECTION_FIELDS, diff_records

    if section not in SECTION_FIELDS:
        raise UserError(f"--section: one of {', '.join(SECTION_FIELDS)}, not {section!r}")
    if parity not in (None, "odd", "even"):
        raise UserError(f"--parity: 'odd' or 'even', not {parity!r}")
    hidden = frozenset(_read_ids(hide_ids) or ())
    result = diff_records(
        iter_records(old, "prediction"), iter_records(new, "prediction"), section, hidden
    )
    shown = [
        a
        for a in result.answers
        if parity is None or not a.id.isdigit() or int(a.id) % 2 == (parity == "odd")
    ]
    for answer in shown:
        print(f"## {answer.id}")
        for mark, rows in (("-", answer.removed), ("+", answer.added)):
            for row in rows:
                print(f"  {mark} {json.dumps(row, ensure_ascii=False)}")
        if not answer.removed and not answer.added:
            print("  (the same rows in another order)")
    removed = sum(len(a.removed) for a in shown)
    added = sum(len(a.added) for a in shown)
    summary = f"{section}: {len(shown)} answers changed ({removed} rows out, {added} in)"
    if len(shown) != len(result.answers):
        summary += f"; {len(result.answers) - len(shown)} more of the other parity not shown"
    if result.hidden:
        summary += f"; {result.hidden} hidden answers changed, not shown"
    for name, ids in (("old", result.only_old), ("new", result.only_new)):
        if ids:
            summary += f"; {len(ids)} answers only in the {name} file"
    print(summary)
