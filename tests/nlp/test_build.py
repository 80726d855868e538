"""The committed rule model and its sources must not drift apart (STYLE.md: derived data keeps
its generator and a test that fails when the two drift)."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from pipeline.nlp.build import VOLATILE_META_KEYS, build, rules_digest
from pipeline.settings import get_settings


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def _meta(data: bytes) -> dict[str, object]:
    meta = json.loads(data)
    for key in VOLATILE_META_KEYS:
        meta.pop(key, None)
    return meta


def test_build_committed_model_matches_its_sources(tmp_path: Path) -> None:
    model = get_settings().model
    built = _files(build(model, tmp_path / "model"))
    committed = _files(model)
    assert sorted(built) == sorted(committed), "run `make model` and commit the result"
    for name, data in built.items():
        if name == "meta.json":
            assert _meta(data) == _meta(committed[name])
        else:
            assert data == committed[name], f"{name} differs: run `make model` and commit"


def test_build_model_loads_with_spacy_load() -> None:
    nlp = spacy.load(get_settings().model)
    assert nlp.pipe_names[:1] == ["sentencizer"]
    assert {"pct_timex", "pct_quantity", "pct_commitment"} <= set(nlp.pipe_names)
    assert nlp.meta["name"] == "commitments"


def test_model_version_fingerprints_its_rules() -> None:
    model = get_settings().model
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    digest = rules_digest(model)
    assert meta.get("rules_digest") == digest, (
        f"the rule files changed since commitments-{meta['version']}: give the model a new "
        f"version in meta.json, record rules_digest {digest} there (`make model` prints it) and "
        "add the version to docs/model-versions.md"
    )
    versions = (Path(__file__).parents[2] / "docs" / "model-versions.md").read_text("utf-8")
    assert f"| {meta['version']} | `{digest}` |" in versions, (
        f"docs/model-versions.md has no entry for {meta['version']} with digest {digest}"
    )


def test_rules_digest_sees_a_changed_rule_file(tmp_path: Path) -> None:
    model = get_settings().model
    copy = tmp_path / "model"
    for name, data in _files(model).items():
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        (copy / name).write_bytes(data)
    before = rules_digest(copy)
    blocks = copy / "pct_timex" / "blocks.jsonl"
    blocks.write_bytes(blocks.read_bytes() + b"\n")
    assert rules_digest(copy) != before
    (copy / "meta.json").write_text("{}", encoding="utf-8")  # not a rule source
    blocks.write_bytes(blocks.read_bytes()[:-1])
    assert rules_digest(copy) == before
