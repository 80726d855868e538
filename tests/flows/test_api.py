"""The Prefect API a run reports to, and the API's global concurrency limit."""

from __future__ import annotations

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitUpdate
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.api import configured_api_url, ensure_api_limit, shared_api

pytestmark = pytest.mark.usefixtures("prefect_harness")


def test_ensure_api_limit_creates_once_and_keeps_the_operators_setting() -> None:
    name = "test-written-questions-api"
    assert ensure_api_limit(name, 1) is True
    assert ensure_api_limit(name, 1) is False
    with get_client(sync_client=True) as client:
        client.update_global_concurrency_limit(name, GlobalConcurrencyLimitUpdate(limit=3))
        assert ensure_api_limit(name, 1) is False
        assert client.read_global_concurrency_limit_by_name(name).limit == 3


def test_shared_api_uses_the_configured_server() -> None:
    url = configured_api_url()
    assert url is not None
    with shared_api() as shared:
        assert shared == url


def test_shared_api_without_a_configured_server_publishes_the_temporary_one() -> None:
    # With no PREFECT_API_URL, the run's temporary server (here the harness's, registered as
    # Prefect's default temporary server) becomes PREFECT_API_URL for the block, so task
    # runners hand it to their workers.
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        assert configured_api_url() is None
        with shared_api() as shared:
            assert configured_api_url() == shared
            assert shared.startswith("http://127.0.0.1:")
        assert configured_api_url() is None
