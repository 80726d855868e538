"""The ``commitments`` Typer application objects; command modules register on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from pipeline.evaluate.gold import SectionScore

app = typer.Typer(
    name="commitments",
    help="Extract, store and audit UK government commitments from written parliamentary answers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
evaluate_app = typer.Typer(
    help="Score the engine against gold data and public benchmarks; prints figures.",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")


class UserError(Exception):
    """A mistake the user can fix (bad path, bad date, bad option): one readable line, exit 2."""


def score_cells(score: SectionScore) -> list[str]:
    """A scored section as table cells: name, gold, predicted, matched, P, R, F1."""
    return [
        score.name,
        str(score.gold),
        str(score.predicted),
        str(score.matched),
        f"{score.precision:.3f}",
        f"{score.recall:.3f}",
        f"{score.f1:.3f}",
    ]
