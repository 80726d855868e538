"""The ``commitments`` command: thin wrappers over the library.

Each area registers its commands from its own module; ``main`` turns user mistakes into one
readable line and a non-zero exit instead of a traceback.
"""

from __future__ import annotations

import sys

import typer

from pipeline.cli import (
    audit_commands,  # noqa: F401  (registers commands)
    engine_commands,  # noqa: F401  (registers commands)
    flow_commands,  # noqa: F401  (registers commands)
    lake_commands,  # noqa: F401  (registers commands)
    newsquant_commands,  # noqa: F401  (registers commands)
    stats_commands,  # noqa: F401  (registers commands)
    timeml_commands,  # noqa: F401  (registers commands)
)
from pipeline.cli.app import UserError, app
from pipeline.settings import SettingsError

__all__ = ["UserError", "app", "main"]


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) as one space."""
    return " ".join(str(text).split())


def usage_line(err: typer.TyperException) -> str:
    """A usage error (bad option value, missing argument or path) as one readable line.

    Click and Typer print such errors as a usage block and a boxed message; unattended runs
    and log scrapers get one line naming the command and where its help is instead.
    """
    ctx = getattr(err, "ctx", None)
    command = ctx.command_path if ctx is not None else "commitments"
    hint = f" (see '{command} --help')" if ctx is not None else ""
    return f"{command}: error: {one_line(err.format_message())}{hint}"


def main() -> None:
    """Entry point of the ``commitments`` script."""
    try:
        code = app(prog_name="commitments", standalone_mode=False)
    except typer.TyperException as err:  # Click's usage errors, as Typer raises them
        if type(err).__name__ != "NoArgsIsHelpError":  # (that one printed the help)
            print(usage_line(err), file=sys.stderr)
        sys.exit(err.exit_code)
    except (UserError, SettingsError) as err:  # a bad PCT_* variable is a user mistake too
        print(f"commitments: error: {one_line(str(err))}", file=sys.stderr)
        sys.exit(2)
    except (
        FileNotFoundError,
        FileExistsError,
        IsADirectoryError,
        NotADirectoryError,
        PermissionError,
    ) as err:
        print(f"commitments: error: {one_line(str(err))}", file=sys.stderr)
        sys.exit(2)
    except (KeyboardInterrupt, typer.Abort):
        print("commitments: interrupted", file=sys.stderr)
        sys.exit(130)
    if isinstance(code, int) and code:  # typer.Exit(code) inside a command
        sys.exit(code)
