"""Fixtures of the reliability tests: the fake Written Questions API on a real local HTTP server
(``tests/fixtures/api/fake_api.py``) and a fault-injecting TCP proxy in front of it
(``reliability/faults.py``); from ``support``, a per-module copy of the rule model and the guard
of the property tests' global ``random``."""

from __future__ import annotations

from fixtures.api.fake_api import api_server, fake_api
from support import global_random_left_alone, model_snapshot

__all__ = ["api_server", "fake_api", "global_random_left_alone", "model_snapshot"]
