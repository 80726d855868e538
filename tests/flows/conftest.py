"""Flow-test fixtures: one Prefect test harness per session, and a real Prefect server for the
integration tests.

``prefect_test_harness`` starts a temporary API server (15-18 s measured here), so every flow
test shares one; tests of task bodies call ``.fn()`` and need neither.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

BIN = Path(sys.executable).parent
QUIET_ENV = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
SLICE_START, SLICE_END = dt.date(2024, 9, 1), dt.date(2024, 12, 31)
#: Two records that cannot be used: they go to quarantine, and the run goes on.
BAD_LINES = (
    '{"value": {"id": 999000001, "uin": "1", "answerText": "<p>No date.</p>"}}',
    '{"value": {"id": 999000002, "dateAnswered": "2024-10-0',
)


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Flows run against a temporary SQLite-backed Prefect server for the whole session."""
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    storage = tmp_path_factory.mktemp("prefect-storage")
    with (
        prefect_test_harness(server_startup_timeout=90),
        temporary_settings(updates={PREFECT_LOCAL_STORAGE_PATH: storage}),
    ):
        yield


@pytest.fixture(scope="session")
def replay_slice(tmp_path_factory: pytest.TempPathFactory, sample_path: Path) -> Path:
    """The bundled sample's answers of September-December 2024 (real answers, about a hundred),
    plus :data:`BAD_LINES`: a small replay file that needs no shared material."""
    lines = []
    with gzip.open(sample_path, "rt", encoding="utf-8") as handle:
        for line in handle:
            answered = json.loads(line)["value"]["dateAnswered"][:10]
            if SLICE_START.isoformat() <= answered <= SLICE_END.isoformat():
                lines.append(line.rstrip("\n"))
    path = tmp_path_factory.mktemp("replay") / "answers-2024-09-12.jsonl"
    path.write_text("\n".join([*lines, *BAD_LINES]) + "\n", encoding="utf-8")
    return path


def table_content(lake: Path | str, name: str) -> list[dict[str, object]]:
    """A table's rows without its volatile columns (run ids, stamps), sorted by its merge key:
    two lakes with equal content give equal lists."""
    from pipeline.lake import read_arrow
    from pipeline.lake.schemas import get_spec

    spec = get_spec(name)
    columns = [c for c in spec.columns if c not in spec.volatile]
    rows = read_arrow(name, lake, columns=columns).to_pylist()
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in spec.merge_keys))


def table_versions(lake: Path | str) -> dict[str, int]:
    """Each table's Delta version (-1 when absent)."""
    from pipeline.lake import lake_tables

    return {t.name: t.version for t in lake_tables(lake)}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_process(proc: subprocess.Popen[bytes], *, grace: float = 15.0) -> None:
    """Stop a process started with ``start_new_session=True``, and its children, by its PID.

    SIGTERM to its process group, then SIGKILL after ``grace`` seconds; always reaped.
    """
    if proc.poll() is None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
    else:
        # the leader exited; make sure nothing it started outlives it
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def start_logged(
    args: list[str], *, env: dict[str, str], log: Path, cwd: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start ``args`` in a new session (stoppable with its children); output goes to ``log``."""
    with log.open("wb") as handle:
        return subprocess.Popen(
            args, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_until(
    predicate: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    proc: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
) -> None:
    """Poll ``predicate`` until it is true; fail with the process log on timeout or early exit."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(errors="replace")[-4000:] if log else ""
            pytest.fail(f"{what}: process exited with {proc.returncode}\n{tail}")
        try:
            if predicate():
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    tail = log.read_text(errors="replace")[-4000:] if log else ""
    pytest.fail(f"{what}: not ready after {timeout:.0f} s\n{tail}")


@dataclass
class PrefectServer:
    """A ``prefect server start`` subprocess on 127.0.0.1, and the processes tests start
    against it (stopped by their PIDs when the fixture ends, also after a failure).

    Attributes:
        api_url: Its API root (``http://127.0.0.1:<port>/api``).
        env: Environment for processes that should report to it.
        home: Its ``PREFECT_HOME`` (holds the SQLite database).
        log: File its output goes to.
        bin: The virtualenv's ``bin`` folder (``prefect``, ``commitments``, ``python``).
        children: Processes started with :meth:`spawn`.
    """

    api_url: str
    env: dict[str, str]
    home: Path
    log: Path
    bin: Path = BIN
    children: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def get(self, path: str) -> httpx.Response:
        """GET ``<api_url><path>``."""
        return httpx.get(f"{self.api_url}{path}", timeout=10)

    def post(self, path: str, payload: dict[str, object]) -> httpx.Response:
        """POST JSON to ``<api_url><path>``."""
        return httpx.post(f"{self.api_url}{path}", json=payload, timeout=10)

    def spawn(
        self, args: list[str], *, log: Path, cwd: Path | None = None
    ) -> subprocess.Popen[bytes]:
        """Start a process reporting to this server; it is stopped when the fixture ends."""
        proc = start_logged(args, env=self.env, log=log, cwd=cwd)
        self.children.append(proc)
        return proc

    def run(
        self, args: list[str], *, cwd: Path | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        """Run a command reporting to this server to completion; its output captured."""
        return subprocess.run(
            args, env=self.env, cwd=cwd, capture_output=True, text=True, timeout=timeout,
            check=False,
        )  # fmt: skip

    stop = staticmethod(stop_process)
    """Stop one process (and its children) by its PID (:func:`stop_process`)."""
    wait_until = staticmethod(wait_until)
    """Poll until a predicate holds (:func:`wait_until`)."""


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    """A real ``prefect server start`` on a free port of 127.0.0.1, SQLite in a temp dir."""
    if shutil.which("prefect", path=str(BIN)) is None:
        pytest.skip(f"no prefect executable next to {sys.executable}")
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env = {
        **base_env,
        **QUIET_ENV,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'prefect.db'}",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
    }
    log = home / "server.log"
    proc = start_logged(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        log=log,
    )
    api_url = f"http://127.0.0.1:{port}/api"
    client_env = {k: v for k, v in env.items() if not k.startswith("PREFECT_SERVER_")}
    server = PrefectServer(
        api_url=api_url, env={**client_env, "PREFECT_API_URL": api_url}, home=home, log=log
    )
    try:
        wait_until(
            lambda: server.get("/health").status_code == 200,
            timeout=90,
            what="prefect server",
            proc=proc,
            log=log,
        )
        yield server
    finally:
        for child in reversed(server.children):
            stop_process(child)
        stop_process(proc)


@pytest.fixture(scope="session")
def lake_content() -> Callable[[Path | str, str], list[dict[str, object]]]:
    """:func:`table_content`, for tests."""
    return table_content


@pytest.fixture(scope="session")
def lake_versions() -> Callable[[Path | str], dict[str, int]]:
    """:func:`table_versions`, for tests."""
    return table_versions
