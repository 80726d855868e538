"""``commitments evaluate timeml``: TempEval-3 scores of the time-expression component."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.app import UserError, evaluate_app

console = Console()


@evaluate_app.command("timeml")
def evaluate_timeml(
    directory: Annotated[
        Path,
        typer.Argument(
            help="Folder of TimeML .tml files (searched recursively), or one file.", exists=True
        ),
    ],
    profile: Annotated[
        str,
        typer.Option(
            "--profile",
            help="Annotation scheme: timeml (TE3 conventions) or answers (GUIDELINES.md).",
        ),
    ] = "timeml",
    errors: Annotated[
        int,
        typer.Option("--errors", min=0, help="List up to N misses, false alarms and wrong values."),
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """TempEval-3 strict/relaxed/value F1, each document's DCT as the anchor."""
    from pipeline.evaluate.timeml import evaluate, predict, read_tml_dir
    from pipeline.nlp.timex_rules import PROFILES

    if profile not in PROFILES:
        raise UserError(f"--profile {profile!r}: choose one of {', '.join(PROFILES)}")
    try:
        documents = read_tml_dir(directory)
    except FileNotFoundError as err:
        raise UserError(str(err)) from err
    score = evaluate(documents, predict(documents, profile=profile))
    if as_json:
        print(
            json.dumps(
                {
                    "documents": len(documents),
                    "gold": score.gold,
                    "predicted": score.predicted,
                    **{
                        name: {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
                        for name, p, r, f in score.rows()
                    },
                    "type_accuracy": round(score.type_accuracy, 4),
                },
                indent=2,
            )
        )
        return
    table = Table(
        title=(
            f"{directory}: {len(documents)} documents, {score.gold} gold, "
            f"{score.predicted} predicted"
        )
    )
    for col in ("measure", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for name, p, r, f in score.rows():
        table.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    table.add_row("type accuracy", "", "", f"{score.type_accuracy:.3f}")
    console.print(table)
    for doc_name, miss in score.misses[:errors]:
        console.print(f"miss {doc_name}: {miss.text!r} {miss.type} {miss.value}", markup=False)
    for doc_name, alarm in score.false_alarms[:errors]:
        console.print(
            f"false alarm {doc_name}: {alarm.text!r} {alarm.type} {alarm.value}", markup=False
        )
    for doc_name, gold_timex, predicted in score.wrong_values[:errors]:
        console.print(
            f"wrong value {doc_name}: {gold_timex.text!r} gold {gold_timex.value} / "
            f"{predicted.text!r} predicted {predicted.value}",
            markup=False,
        )
