"""``commitments evaluate newsquant``: the quantity finder on NewsQuant-format benchmarks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.app import UserError, evaluate_app

console = Console()


@evaluate_app.command("newsquant")
def evaluate_newsquant(
    file: Annotated[
        Path,
        typer.Argument(
            help="NewsQuant.json or another CQE-format file (../shared/quantities/newsquant/).",
            exists=True,
            dir_okay=False,
        ),
    ],
    project_defaults: Annotated[
        bool,
        typer.Option(
            "--project-defaults",
            help="Use the project's knobs (no durations, no bare numbers).",
        ),
    ] = False,
    one_to_one: Annotated[
        bool,
        typer.Option(
            "--one-to-one", help="Strict one-to-one matching instead of CQE's (lenient on value)."
        ),
    ] = False,
    errors: Annotated[
        int,
        typer.Option("--errors", min=0, help="List up to N sentences with misses or false alarms."),
    ] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Value F1 and value+unit F1, matching as CQE's evaluation does."""
    from pipeline.engine import load_model
    from pipeline.evaluate.newsquant import (
        evaluate,
        read_bench,
        score_cqe,
        score_one_to_one,
        subunit_rules,
        unit_names,
    )
    from pipeline.nlp.numbers import NUMBER_WORDS
    from pipeline.nlp.quantity import QuantityTagger
    from pipeline.nlp.quantity_find import FindOptions

    try:
        sentences = read_bench(file)
    except (ValueError, KeyError, TypeError) as err:
        raise UserError(f"{file}: not a CQE-format benchmark ({err})") from err
    tagger = load_model().get_pipe("pct_quantity")
    if not isinstance(tagger, QuantityTagger):
        raise UserError("the model's pct_quantity component is not the project's QuantityTagger")
    options = (
        tagger.options
        if project_defaults
        else FindOptions(
            bare_numbers=True, durations=True, max_noun_words=tagger.options.max_noun_words
        )
    )
    score = evaluate(
        sentences,
        lambda text: tagger.find(text, options=options),
        unit_names(tagger.lexicon, tagger.singularise),
        scorer=score_one_to_one if one_to_one else score_cqe,
        singularise=tagger.singularise,
        number_words=NUMBER_WORDS,
        subunits=subunit_rules(tagger.lexicon),
    )
    if as_json:
        print(
            json.dumps(
                {"file": file.name, "sentences": len(sentences), **score.to_dict()}, indent=2
            )
        )
    else:
        scope = (
            "project defaults" if project_defaults else "benchmark scope (durations, bare numbers)"
        )
        matching = "one-to-one" if one_to_one else "CQE matching"
        table = Table(
            title=(
                f"{file.name}: {len(sentences)} sentences, {score.gold} gold, "
                f"{score.predicted} predicted; {scope}; {matching}"
            )
        )
        for col in ("figure", "correct", "P", "R", "F1"):
            table.add_column(col, justify="left" if col == "figure" else "right")
        for label, correct in (("value", score.value), ("value+unit", score.value_unit)):
            p, r, f = score.prf(correct)
            table.add_row(label, str(correct), f"{100 * p:.1f}", f"{100 * r:.1f}", f"{100 * f:.1f}")
        console.print(table)
    for row in score.errors[:errors]:
        console.print(json.dumps(row, ensure_ascii=False), markup=False)
