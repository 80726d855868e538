"""Build the serialised rule model from its sources in ``models/<name>/``.

The sources are the model's ``config.cfg`` (knobs), ``meta.json`` (name, version, licence) and
each component's rule files (``<component>/*.jsonl``). Building assembles the pipeline, loads the
rules through the components' own validating ``from_disk`` and writes everything back with
``nlp.to_disk``, adding what spaCy needs to ``spacy.load`` the folder (``tokenizer``, filled
config and meta). Building twice gives the same bytes; ``tests/nlp/test_build.py`` fails when the
committed model and its sources drift apart.

Usage: ``python -m pipeline.nlp.build [MODEL_DIR] [--out DIR]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.settings import get_settings

META_KEYS = (
    "lang",
    "name",
    "version",
    "description",
    "author",
    "email",
    "url",
    "license",
    "sources",
    "rules_digest",
)
VOLATILE_META_KEYS = ("spacy_version", "spacy_git_version")


def rules_digest(src: Path) -> str:
    """A short SHA-256 of the model's rule sources: ``config.cfg`` and every component's
    ``*.jsonl`` rule file, by relative path and bytes. ``meta.json`` records it beside the
    version, so that a change to the rules without a new version fails
    ``tests/nlp/test_build.py`` (docs/model-versions.md)."""
    digest = hashlib.sha256()
    files = [src / "config.cfg", *sorted(src.glob("*/*.jsonl"))]
    for path in files:
        digest.update(path.relative_to(src).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def assemble(src: Path) -> Language:
    """Assemble the pipeline described by ``src/config.cfg`` and load its rules from ``src``."""
    import pipeline.nlp  # noqa: F401  (registers factories)

    config = spacy.util.load_config(src / "config.cfg")
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    meta = json.loads((src / "meta.json").read_text(encoding="utf-8"))
    nlp.meta.update({k: meta[k] for k in META_KEYS if k in meta})
    for name, component in nlp.pipeline:
        if hasattr(component, "from_disk") and (src / name).exists():
            component.from_disk(src / name)
    return nlp


def _canonicalise_sentencizer(path: Path) -> None:
    """spaCy's sentencizer writes its ``punct_chars`` set in hash order; sort it so that building
    twice gives the same bytes."""
    if not path.exists():
        return
    cfg = json.loads(path.read_text(encoding="utf-8"))
    cfg["punct_chars"] = sorted(cfg.get("punct_chars", []))
    path.write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def build(src: Path, out: Path) -> Path:
    """Assemble the model in ``src`` and write the loadable model to ``out`` (may equal src)."""
    nlp = assemble(src)
    nlp.to_disk(out, exclude=["vocab"])
    for name, _ in nlp.pipeline:
        if nlp.get_pipe_meta(name).factory in ("sentencizer", "pct_sentencizer"):
            _canonicalise_sentencizer(out / f"{name}.json")
    return out


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "model",
        nargs="?",
        type=Path,
        default=get_settings().model,
        help="model source folder (default: the configured model)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="where to write the built model (default: in place)"
    )
    args = parser.parse_args(argv)
    out = build(args.model, args.out or args.model)
    print(f"built {out}; rules digest {rules_digest(args.model)}")


if __name__ == "__main__":
    main()
