"""Fixtures: the fake Written Questions API on a real local HTTP server (tests/fixtures/api/)."""

from __future__ import annotations

from fixtures.api.fake_api import api_server, fake_api

__all__ = ["api_server", "fake_api"]
