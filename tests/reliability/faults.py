"""A fault-injecting HTTP proxy on loopback, in front of the fake Written Questions API.

The fake API (``tests/fixtures/api/fake_api.py``) serves real responses; this proxy forwards
each request to it and, when a scripted :class:`Rule` matches, misbehaves the way servers and
networks do: a status burst (5xx, 429 with ``Retry-After``), a connection reset (TCP RST), a
response cut short mid-body, a slow or silent server, a body whose JSON is truncated, or a body
changed on the way (``totalResults`` changing between pages, duplicate ids across pages).

Every request really crosses a socket: the client under test talks to ``proxy.base_url`` with
its own httpx transport, timeouts and retries.
"""

from __future__ import annotations

import http.client
import json
import socket
import socketserver
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

LIST_PATH = "/api/writtenquestions/questions"


@dataclass(frozen=True)
class Status:
    """Answer with this status, body and headers instead of forwarding."""

    code: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reset:
    """Close the connection with a TCP reset before answering."""


@dataclass(frozen=True)
class CutBody:
    """Forward, but send only the first ``keep`` share of the body (Content-Length kept), then
    close: the client sees the connection drop mid-body."""

    keep: float = 0.5


@dataclass(frozen=True)
class TruncatedJson:
    """Forward, but serve a complete 200 response whose JSON body is cut at ``keep``."""

    keep: float = 0.5


@dataclass(frozen=True)
class Slow:
    """Wait ``seconds`` before forwarding (past the client's timeout: it gives up first)."""

    seconds: float


@dataclass(frozen=True)
class Mutate:
    """Forward, then change the decoded JSON body with ``change(body)`` (in place)."""

    change: Callable[[Any], None]


Fault = Status | Reset | CutBody | TruncatedJson | Slow | Mutate


@dataclass
class Rule:
    """Apply ``fault`` to requests of ``kind`` (``list`` or ``detail``): skip the first
    ``after`` of them, then misbehave ``times`` times (``None``: for ever).

    ``before`` runs before the request is forwarded (e.g. to change the fake API's state
    between two pages).
    """

    kind: str
    fault: Fault | None = None
    after: int = 0
    times: int | None = 1
    before: Callable[[], None] | None = None
    seen: int = 0
    fired: int = 0

    def take(self, kind: str) -> tuple[bool, Fault | None]:
        """Count one request of ``kind``; (does the rule fire, its fault)."""
        if kind != self.kind:
            return False, None
        self.seen += 1
        if self.seen <= self.after or (self.times is not None and self.fired >= self.times):
            return False, None
        self.fired += 1
        return True, self.fault


def request_kind(path: str) -> str:
    """``list`` for the listing endpoint, ``detail`` for a question's detail."""
    return "list" if urlsplit(path).path.rstrip("/") == LIST_PATH else "detail"


class FaultyProxy:
    """A threaded TCP proxy: ``GET`` requests forwarded to ``upstream`` with scripted faults.

    Args:
        upstream: Base URL of the real (fake) API server, ``http://127.0.0.1:<port>``.
    """

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.rules: list[Rule] = []
        self.log: list[tuple[str, str, str]] = []  # (kind, path, what happened)
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self._server = Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FaultyProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def add(self, rule: Rule) -> Rule:
        """Script a misbehaviour; rules are tried in the order they were added."""
        with self._lock:
            self.rules.append(rule)
        return rule

    def count(self, kind: str, what: str | None = None) -> int:
        """Requests of ``kind`` received (only those that ended as ``what``, when given)."""
        return sum(1 for k, _, w in self.log if k == kind and (what is None or w == what))

    # -- the connection ------------------------------------------------------------------------

    def _handle(self, conn: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = conn.recv(65536)
            if not chunk:
                return
            head += chunk
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        method, path, _ = request_line.split(" ", 2)
        kind = request_kind(path)
        fault: Fault | None = None
        before: list[Callable[[], None]] = []
        with self._lock:
            for rule in self.rules:
                fires, rule_fault = rule.take(kind)
                if fires:
                    if rule.before is not None:
                        before.append(rule.before)
                    if rule_fault is not None and fault is None:
                        fault = rule_fault
        for hook in before:
            hook()
        what = type(fault).__name__ if fault is not None else "forwarded"
        self.log.append((kind, path, what))
        if isinstance(fault, Reset):
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            return
        if isinstance(fault, Status):
            body = fault.body if isinstance(fault.body, str) else json.dumps(fault.body)
            self._send(conn, fault.code, body.encode("utf-8"), fault.headers)
            return
        if isinstance(fault, Slow):
            time.sleep(fault.seconds)
        status, data, headers = self._forward(method, path)
        if isinstance(fault, CutBody):
            keep = int(len(data) * fault.keep)
            self._send(conn, status, data, headers, send_only=keep)
            return
        if isinstance(fault, TruncatedJson):
            data = data[: int(len(data) * fault.keep)]
        elif isinstance(fault, Mutate):
            body = json.loads(data)
            fault.change(body)
            data = json.dumps(body).encode("utf-8")
        self._send(conn, status, data, headers)

    def _forward(self, method: str, path: str) -> tuple[int, bytes, dict[str, str]]:
        upstream = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            upstream.request(method, path, headers={"Accept": "application/json"})
            response = upstream.getresponse()
            data = response.read()
            kept = {k: v for k, v in response.getheaders() if k.lower() in {"retry-after"}}
            return response.status, data, kept
        finally:
            upstream.close()

    @staticmethod
    def _send(
        conn: socket.socket,
        status: int,
        data: bytes,
        headers: dict[str, str],
        *,
        send_only: int | None = None,
    ) -> None:
        lines = [f"HTTP/1.1 {status} {http.client.responses.get(status, 'Status')}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        lines += [
            "Content-Type: application/json; charset=utf-8",
            f"Content-Length: {len(data)}",
            "Connection: close",
        ]
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (
            data if send_only is None else data[:send_only]
        )
        try:
            conn.sendall(payload)
        except OSError:
            pass
        finally:
            conn.close()


@contextmanager
def faulty_proxy(upstream: str) -> Iterator[FaultyProxy]:
    """A started :class:`FaultyProxy`, stopped afterwards."""
    proxy = FaultyProxy(upstream).start()
    try:
        yield proxy
    finally:
        proxy.stop()
