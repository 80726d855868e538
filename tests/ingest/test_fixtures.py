"""The API fixtures must match their generator run over the shared material."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from support import FIXTURES, shared_path

API = FIXTURES / "api"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_fixtures", API / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_api_fixtures_match_generator() -> None:
    shared = shared_path("api-fixtures").parent
    for name, data in _generator().build(shared).items():
        assert (API / name).read_bytes() == data, f"{name} drifted from make_fixtures.py"


def test_api_fixtures_have_their_licence_note() -> None:
    readme = (API / "README.md").read_text(encoding="utf-8")
    assert "Open Parliament Licence v3.0" in readme
    for licence in ("MIT", "BSD-3-Clause", "MIT-0"):
        assert licence in readme
