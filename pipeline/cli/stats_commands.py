"""Commitment commands: ``stats`` over predictions, ``evaluate vectors``, ``evaluate baseline``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipeline.cli.app import UserError, app, evaluate_app, score_cells
from pipeline.cli.engine_commands import iter_records, read_records
from pipeline.evaluate.gold import SectionScore

console = Console()


def commitment_counts(records: Iterable[Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """Count the commitments of prediction records by kind, strength, flags, department and
    due year (``--full`` records carry strength, flags and ``answering_body``; gold-format
    records count those as ``(not recorded)``).

    Args:
        records: Records as ``commitments predict`` writes them.

    Returns:
        One counter per dimension: ``kind``, ``strength``, ``flags``, ``department``,
        ``due_year``, ``rule``, plus ``answers`` (answers with and without commitments).
    """
    counts: dict[str, Counter[str]] = {
        k: Counter()
        for k in ("answers", "kind", "strength", "flags", "department", "due_year", "rule")
    }
    for record in records:
        commitments = record.get("commitments") or []
        counts["answers"]["with commitments" if commitments else "without commitments"] += 1
        department = str(record.get("answering_body") or "(not recorded)")
        for c in commitments:
            counts["kind"][str(c.get("kind"))] += 1
            counts["strength"][str(c.get("strength", "(not recorded)"))] += 1
            for flag in ("assurance", "negated"):
                if c.get(flag):
                    counts["flags"][flag] += 1
            counts["department"][department] += 1
            due = c.get("due")
            if c.get("kind") == "future":
                counts["due_year"][str(due)[:4] if due else "no due date"] += 1
            if "rule" in c:
                counts["rule"][str(c.get("rule"))] += 1
    return counts


def _table(
    title: str, counter: Counter[str], *, by_key: bool = False, limit: int | None = None
) -> Table:
    table = Table(title=title)
    table.add_column(title.split(" by ")[-1])
    table.add_column("count", justify="right")
    table.add_column("share", justify="right")
    total = sum(counter.values())
    rows = sorted(counter.items()) if by_key else counter.most_common()
    for key, n in rows[:limit] if limit else rows:
        table.add_row(Text(key), str(n), f"{n / total:.1%}" if total else "")
    if limit and len(rows) > limit:
        rest = sum(n for _, n in rows[limit:])
        table.add_row(
            f"({len(rows) - limit} more)", str(rest), f"{rest / total:.1%}" if total else ""
        )
    table.add_row("[bold]total[/bold]", str(total), "")
    return table


@app.command()
def stats(
    pred: Annotated[
        Path,
        typer.Argument(
            help="Predictions JSONL from `commitments predict` (--full adds strength, department).",
            exists=True,
            dir_okay=False,
        ),
    ],
    top: Annotated[int, typer.Option("--top", min=1, help="Departments and rules to list.")] = 25,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Counts of commitments by kind, strength, department and due year."""
    counts = commitment_counts(iter_records(pred, "prediction", key="commitments"))
    if as_json:
        print(json.dumps({k: dict(v) for k, v in counts.items()}, indent=2, sort_keys=True))
        return
    console.print(_table("answers", counts["answers"]))
    console.print(_table("commitments by kind", counts["kind"]))
    console.print(_table("commitments by strength", counts["strength"]))
    console.print(_table("commitments by flag", counts["flags"]))
    console.print(_table("future commitments by due year", counts["due_year"], by_key=True))
    console.print(_table("commitments by department", counts["department"], limit=top))
    if counts["rule"]:
        console.print(_table("commitments by rule", counts["rule"], limit=top))


@evaluate_app.command("vectors")
def evaluate_vectors(
    vectors: Annotated[
        Path,
        typer.Argument(
            help="Sentence vectors JSONL (gold/vectors-commitment.jsonl).",
            exists=True,
            dir_okay=False,
        ),
    ],
    errors: Annotated[
        int,
        typer.Option(
            "--errors", min=0, help="List up to N misses, false alarms and attribute errors."
        ),
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Sentence-level P/R/F1, attribute accuracy (kind, due, strength, assurance, negated) and
    false alarms on negative sentences, over the commitment vectors."""
    from pipeline.evaluate.vectors import predict_vectors, read_vectors, score_vectors

    try:
        gold = read_vectors(vectors)
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as err:
        raise UserError(f"{vectors}: not a vectors file ({err!r})") from err
    if not gold:
        raise UserError(f"{vectors}: no vectors")
    scores = score_vectors(gold, predict_vectors(gold))
    if as_json:
        print(json.dumps(scores.to_dict(), indent=2))
        return
    table = Table(title=f"{vectors.name}: {scores.sentences} sentences")
    for col in ("section", "gold", "pred", "match", "P", "R", "F1", "attributes"):
        table.add_column(col, justify="left" if col in ("section", "attributes") else "right")
    for s in (scores.commitments, scores.future):
        table.add_row(*score_cells(s), _attribute_shares(s))
    console.print(table)
    d = scores.detection
    console.print(
        f"sentence detection: accuracy {d.accuracy:.3f}; false alarms on {d.false_positive} of "
        f"{d.negatives} negative sentences ({d.false_alarm_rate:.3f}); missed {d.false_negative} "
        f"of {d.true_positive + d.false_negative} positive sentences"
    )
    for label, rows in (
        ("miss", scores.commitments.misses),
        ("false alarm", scores.commitments.false_alarms),
        ("attribute", scores.attribute_errors),
    ):
        for row in rows[:errors]:
            console.print(f"[{label}] {json.dumps(row, ensure_ascii=False)}", markup=False)


def _score_table(title: str, scores: Mapping[str, Any], sections: tuple[str, ...]) -> Table:
    table = Table(title=title)
    for col in ("section", "gold", "pred", "match", "P", "R", "F1", "attributes"):
        table.add_column(col, justify="left" if col in ("section", "attributes") else "right")
    for name in sections:
        s = scores[name]
        table.add_row(*score_cells(s), _attribute_shares(s))
    return table


@evaluate_app.command("baseline")
def evaluate_baseline(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold JSONL (GUIDELINES.md section 4a).", exists=True, dir_okay=False),
    ],
    corpus: Annotated[
        Path, typer.Argument(help="API-shaped corpus holding the gold answers.", exists=True)
    ],
    engine: Annotated[
        Path | None,
        typer.Option(
            "--engine",
            help="The engine's predictions (`commitments predict`) to score beside the baseline.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the naive baseline (a sentence with "will/committed to/plans to/aims to" is a future
    commitment; dateparser for dates) on the gold answers found in the corpus."""
    from pipeline.evaluate.baseline import baseline_records
    from pipeline.evaluate.gold import score_records
    from pipeline.ingest.replay import Rejected, read_answers

    gold_records = read_records(gold, "gold")
    wanted = {str(g["id"]) for g in gold_records}
    answers = [
        (a.id, a.answer_text, a.date_answered)
        for a in read_answers(corpus)
        if not isinstance(a, Rejected) and str(a.id) in wanted and a.date_answered is not None
    ]
    found = {str(a[0]) for a in answers}
    gold_records = [g for g in gold_records if str(g["id"]) in found]
    if not gold_records:
        raise UserError(f"none of the answers of {gold} are in {corpus}")
    sections = ("commitments", "future_commitments", "timexes")
    results = {"baseline": score_records(gold_records, baseline_records(answers))}
    if engine is not None:
        results["engine"] = score_records(gold_records, read_records(engine, "prediction"))
    if as_json:
        print(
            json.dumps(
                {
                    k: {n: s.to_dict() for n, s in v.items() if n in sections}
                    for k, v in results.items()
                },
                indent=2,
            )
        )
        return
    for label, scores in results.items():
        console.print(
            _score_table(f"{label}: {gold.name}, {len(gold_records)} answers", scores, sections)
        )
    left_out = sorted(wanted - found)
    if left_out:
        console.print(
            f"{len(left_out)} gold answers not in the corpus, left out: {', '.join(left_out)}"
        )


def _attribute_shares(score: SectionScore) -> str:
    """The matched items' attribute accuracies in one cell: ``kind 0.950 (19/20), ...``."""
    return ", ".join(
        f"{k} {right / total:.3f} ({right}/{total})"
        for k, (right, total) in score.attributes.items()
        if total
    )
