"""Fixtures: the fake Written Questions API on a real local HTTP server (tests/fixtures/api/),
and a per-module copy of the rule model (``support.model_snapshot``)."""

from __future__ import annotations

from fixtures.api.fake_api import api_server, fake_api
from support import model_snapshot

__all__ = ["api_server", "fake_api", "model_snapshot"]
