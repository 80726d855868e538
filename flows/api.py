"""Which Prefect API a run reports to, and the concurrency limit that guards the Written
Questions API.

With ``PREFECT_API_URL`` set, flows report to that server. Without it Prefect runs "ephemeral":
the first flow run in a process starts a temporary local server. That is right for one process,
but Dask worker processes only inherit settings, not that server, so each would start its own
on the same SQLite file; :func:`shared_api` starts the temporary server up front and puts its
URL into the settings that Prefect hands to every task runner.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from prefect.client.orchestration import get_client
from prefect.exceptions import ObjectNotFound
from prefect.settings import PREFECT_API_URL, temporary_settings

#: Global concurrency limit held by every task that talks to the Written Questions API. With one
#: slot, one client at a time, and each client keeps its own rate limit (10 requests/s by default),
#: so parallel back-fill windows cannot multiply the request rate.
API_LIMIT_NAME = "written-questions-api"
API_LIMIT_SLOTS = 1


def configured_api_url() -> str | None:
    """The ``PREFECT_API_URL`` in effect (environment, profile or temporary settings), or None."""
    value = PREFECT_API_URL.value()
    return str(value) if value else None


@contextmanager
def shared_api() -> Iterator[str]:
    """Make sure every process of a run reports to one Prefect API; yield its URL.

    Uses the configured ``PREFECT_API_URL`` when there is one; otherwise starts Prefect's
    temporary local server (the same one an ephemeral run would start) and sets
    ``PREFECT_API_URL`` to it for the duration, so task runners pass it on to their workers.
    """
    url = configured_api_url()
    if url:
        yield url
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start()
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield server.api_url


def ensure_api_limit(name: str = API_LIMIT_NAME, slots: int = API_LIMIT_SLOTS) -> bool:
    """Create the global concurrency limit ``name`` with ``slots`` slots unless it exists.

    An existing limit is left as the operator set it.

    Returns:
        True when the limit was created, False when it already existed.
    """
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate

    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(name)
            return False
        except ObjectNotFound:
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=name, limit=slots)
            )
            return True
