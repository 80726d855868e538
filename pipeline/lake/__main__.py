"""``python -m pipeline.lake [--lock]``: print the tables' schema fingerprints, or rewrite
``pipeline/lake/schema.lock.json`` from them (after bumping ``SCHEMA_VERSION``)."""

from __future__ import annotations

import json
import sys

from pipeline.lake.schemas import LOCK_FILE, SCHEMA_VERSION, fingerprints, write_lock


def main(argv: list[str]) -> int:
    """Print the fingerprints, or write the lock file with ``--lock``."""
    if argv == ["--lock"]:
        write_lock()
        print(f"wrote {LOCK_FILE}")
        return 0
    if argv:
        print("usage: python -m pipeline.lake [--lock]", file=sys.stderr)
        return 2
    print(json.dumps({"schema_version": SCHEMA_VERSION, "tables": fingerprints()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
