"""The ``commitments`` Typer application objects; command modules register on them."""

from __future__ import annotations

import typer

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
