"""The ``commitments`` command: thin wrappers over the library.

Each area registers its commands from its own module; ``main`` turns user mistakes into one
readable line and a non-zero exit instead of a traceback.
"""

from __future__ import annotations

import sys

from pipeline.cli import audit_commands  # noqa: F401  (registers commands)
from pipeline.cli import engine_commands  # noqa: F401  (registers commands)
from pipeline.cli import flow_commands  # noqa: F401  (registers commands)
from pipeline.cli import lake_commands  # noqa: F401  (registers commands)
from pipeline.cli import timeml_commands  # noqa: F401  (registers commands)
from pipeline.cli import newsquant_commands  # noqa: F401  (registers commands)
from pipeline.cli import stats_commands  # noqa: F401  (registers commands)
from pipeline.cli.app import UserError, app

__all__ = ["UserError", "app", "main"]


def main() -> None:
    """Entry point of the ``commitments`` script."""
    try:
        app()
    except UserError as err:
        print(f"commitments: error: {err}", file=sys.stderr)
        sys.exit(2)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError) as err:
        print(f"commitments: error: {err}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("commitments: interrupted", file=sys.stderr)
        sys.exit(130)
