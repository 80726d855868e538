"""A client for the Written Questions API (``questions-statements-api.parliament.uk``).

It lists answered questions by ``answeredWhenFrom/To`` windows and, separately, corrections by
``correctedWhenFrom/To``; pages with ``skip``/``take`` until ``totalResults``; fetches the detail
of every item (:attr:`ClientConfig.detail`: ``always``, the default, or only when the list clipped
the text, or never); asks for member names (``expandMember=true``); filters by ``house`` and
``answeringBodies``.

Why ``always`` by default: a list item is a lossy view even when it is not clipped. The list
strips the HTML without separating paragraphs ("...Annual Report and Accounts.The 2023/2024
Annual Report..."), which glues sentences together and shifts every offset; 3 of the 25 short,
unclipped items of mySociety's 2024-08 list that are also in the shared corpus are such
multi-paragraph answers. About 85% of items are clipped anyway, so fetching every detail costs
some 15% more requests for texts that are right.

Being a good citizen and surviving a flaky server:

* one request at a time, at most :attr:`ClientConfig.requests_per_second` (default 10);
* a timeout on every request;
* retries with exponential backoff (and jitter) on timeouts, connection errors, 5xx, a 200 or
  500 whose JSON body says ``"status": 500``, a body that is not JSON, and 429 (waiting at least
  the ``Retry-After`` the server asked for);
* only the configured host: absolute URLs elsewhere are refused and redirects are not followed;
* offset paging over a listing that moves (``totalResults`` changing between pages, fewer
  distinct questions than ``totalResults``) reads the listing again, and fails the window with
  :class:`ApiError` when it will not settle, rather than miss an answer.

Every response (errors included) is handed to the archive *before* it is parsed
(:mod:`pipeline.ingest.archive`), so a run can be replayed without the network.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import logging
import random
import re
import time
from collections.abc import Callable, Generator, Hashable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import httpx

from pipeline.ingest.archive import ArchivedResponse, ArchiveWriter, is_error_body
from pipeline.ingest.records import needs_detail
from pipeline.ingest.replay import JSON_ERRORS, RawRecord, records_from_obj
from pipeline.ingest.window import Window
from pipeline.settings import get_settings

logger = logging.getLogger(__name__)

LIST_PATH = "/api/writtenquestions/questions"
DETAIL_PATH = "/api/writtenquestions/questions/{id}"
DetailPolicy = Literal["clipped", "always", "never"]
DETAIL_POLICIES: tuple[str, ...] = ("clipped", "always", "never")
MAX_PAGE_SIZE = 100
# The API's ``house`` filter values (its House enum); anything else is a user mistake.
HOUSES: tuple[str, ...] = ("Commons", "Lords", "Bicameral")


class ApiError(RuntimeError):
    """The API could not be read: retries exhausted, a client error, or a refused URL.

    Attributes:
        status: The last HTTP status, or None when no response came.
        url: The request's path and query.
    """

    def __init__(self, message: str, *, status: int | None = None, url: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.url = url


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """How to talk to the API; every knob has a safe default.

    Attributes:
        base_url: Scheme and host (``pipeline.settings``); the only host the client talks to.
        timeout: Seconds to wait for a response (read, write, pool).
        connect_timeout: Seconds to wait for a connection.
        requests_per_second: Upper bound on the request rate (retries included).
        max_retries: Retries after the first attempt before giving up.
        backoff_initial: Delay before the first retry, in seconds; doubles each retry.
        backoff_max: Upper bound on one backoff delay.
        max_retry_after: Longest ``Retry-After`` honoured; a longer one fails the request.
        page_size: ``take`` per list page (the API serves at most 100).
        detail: ``always`` (fetch every item's detail), ``clipped`` (only when the list clipped
            the question or answer) or ``never`` (keep the list items).
        house: ``Commons``, ``Lords`` (or ``Bicameral``; :data:`HOUSES`), None for all.
        answering_bodies: Answering body ids to keep; all when empty.
        expand_member: Ask for member names (``expandMember=true``).
        extra_params: Further query parameters sent with every list request.
        max_pages: Safety bound on pages per listing.
        max_relists: Further passes over a listing that changed while it was paged
            (:meth:`QuestionsClient.iter_list`) before the window fails.
        user_agent: The ``User-Agent`` header.
    """

    base_url: str = field(default_factory=lambda: get_settings().api_base)
    timeout: float = 30.0
    connect_timeout: float = 10.0
    requests_per_second: float = 10.0
    max_retries: int = 6
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    max_retry_after: float = 300.0
    page_size: int = MAX_PAGE_SIZE
    detail: DetailPolicy = "always"
    house: str | None = None
    answering_bodies: tuple[int, ...] = ()
    expand_member: bool = True
    extra_params: tuple[tuple[str, str], ...] = (("sessionStatus", "Any"),)
    max_pages: int = 10_000
    max_relists: int = 2
    user_agent: str = "commitments-tracker/0.1 (policy-commitment tracker; httpx)"

    def __post_init__(self) -> None:
        if self.detail not in DETAIL_POLICIES:
            raise ValueError(f"detail {self.detail!r} is not one of {', '.join(DETAIL_POLICIES)}")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ValueError(
                f"page_size must be between 1 and {MAX_PAGE_SIZE}, got {self.page_size}"
            )
        if self.requests_per_second <= 0:
            raise ValueError("requests_per_second must be positive")
        if self.max_retries < 0:
            raise ValueError("max_retries must not be negative")
        if self.max_relists < 0:
            raise ValueError("max_relists must not be negative")
        if self.house is not None and self.house not in HOUSES:
            raise ValueError(f"house {self.house!r} is not one of {', '.join(HOUSES)}")
        bad_bodies = [b for b in self.answering_bodies if isinstance(b, bool) or b < 1]
        if bad_bodies:
            raise ValueError(f"answering body ids must be positive integers, got {bad_bodies}")
        url = httpx.URL(self.base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"base_url must be an http(s) URL with a host, got {self.base_url!r}")

    def with_(self, **changes: Any) -> ClientConfig:
        """A copy with some fields changed."""
        return replace(self, **changes)


class RateLimiter:
    """Spaces calls at least ``1 / rate`` seconds apart (one caller at a time).

    Args:
        rate: Calls per second.
        clock: Monotonic clock in seconds.
        sleep: Sleeps for the given seconds.
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next: float | None = None

    def wait(self) -> float:
        """Block until the next call is allowed; return the seconds waited."""
        now = self._clock()
        waited = 0.0
        if self._next is not None and now < self._next:
            waited = self._next - now
            self._sleep(waited)
            now = self._next
        self._next = now + self.interval
        return waited


def backoff_delay(attempt: int, *, initial: float, maximum: float, rng: random.Random) -> float:
    """Delay before retry number ``attempt`` (1-based): exponential with "equal jitter".

    ``initial * 2 ** (attempt - 1)``, capped at ``maximum``, then a uniform draw from its upper
    half, so retries spread out but never come sooner than half the nominal delay.
    """
    nominal = min(maximum, initial * (2 ** (attempt - 1)))
    return nominal / 2 + rng.uniform(0, nominal / 2)


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # delta-seconds are ASCII digits ('²'.isdigit())
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


Verdict = Literal["ok", "retry", "fail"]


def classify(status: int, body: Any) -> Verdict:
    """What to do with a response: ``ok``, ``retry`` (transient) or ``fail`` (permanent).

    Args:
        status: HTTP status.
        body: The decoded JSON body, or None when it was not JSON.
    """
    if status == 429 or status >= 500:
        return "retry"
    if status != 200:
        return "fail"
    if body is None or is_error_body(body):
        return "retry"
    return "ok"


def _decode(text: str) -> Any:
    try:
        return json.loads(text)
    except JSON_ERRORS:  # a body nested too deep is as unusable as a malformed one
        return None


def _question_id(value: Any) -> int | None:
    """A list item's id as a positive int64, or None when it is not one (no detail is asked
    for; the record is parsed, and rejected, later). Only an integer, or a string of ASCII
    digits, becomes part of a request path."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"[0-9]{1,19}", value.strip()):
        number = int(value)
    else:
        return None
    return number if 0 < number < 2**63 else None


def _id_key(value: Any) -> Hashable:
    """A hashable stand-in for a list item's id, whatever JSON the server put there."""
    if isinstance(value, int | str) and not isinstance(value, bool):
        return value
    return f"{type(value).__name__}:{value!r}"


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class QuestionsClient:
    """Talks to the Written Questions API; see the module docstring.

    Args:
        config: Connection and paging knobs.
        archive: Where every response is archived before parsing; none when None.
        transport: An httpx transport (tests); the default network transport when None.
        sleep: Sleeps for the given seconds (tests pass a recorder).
        clock: Monotonic clock for the rate limit.
        now: Current UTC time (for ``Retry-After`` dates and archive stamps).
        rng: Random source for backoff jitter.
    """

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        archive: ArchiveWriter | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = _utcnow,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config or ClientConfig()
        self.archive = archive
        self.requests = 0
        self.retries = 0
        self._sleep = sleep
        self._now = now
        self._rng = rng or random.Random()
        self._limiter = RateLimiter(self.config.requests_per_second, clock=clock, sleep=sleep)
        self._base = httpx.URL(self.config.base_url)
        timeout = httpx.Timeout(self.config.timeout, connect=self.config.connect_timeout)
        self._http = httpx.Client(
            base_url=self._base,
            timeout=timeout,
            follow_redirects=False,
            transport=transport,
            headers={"User-Agent": self.config.user_agent, "Accept": "application/json"},
            event_hooks={"request": [self._check_host]},
        )

    def __enter__(self) -> QuestionsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def _check_host(self, request: httpx.Request) -> None:
        url = request.url
        if (url.scheme, url.host, url.port) != (
            self._base.scheme,
            self._base.host,
            self._base.port,
        ):
            raise ApiError(
                f"refusing to talk to {url.scheme}://{url.host}: "
                f"only {self._base.host} is configured",
                url=str(url),
            )

    def get_json(self, path: str, params: Sequence[tuple[str, str]], *, kind: str) -> Any:
        """GET ``path`` with retries; archive the response, then decode its JSON.

        Raises:
            ApiError: After ``max_retries`` retries, on a non-retryable status, or for a path
                that leaves the configured host.
        """
        if path.startswith(("http://", "https://", "//")):
            url = httpx.URL(path)
            if (url.scheme, url.host, url.port) != (
                self._base.scheme,
                self._base.host,
                self._base.port,
            ):
                raise ApiError(
                    f"refusing to talk to {url.host}: only {self._base.host} is configured",
                    url=path,
                )
        config = self.config
        last = ""
        status: int | None = None
        for attempt in range(1, config.max_retries + 2):
            self._limiter.wait()
            self.requests += 1
            try:
                response = self._http.get(path, params=httpx.QueryParams(list(params)))
            except httpx.TimeoutException as err:
                last, status = f"timeout ({type(err).__name__})", None
                delay = self._backoff(attempt)
            except httpx.TransportError as err:
                last, status = f"connection error ({type(err).__name__}: {err})", None
                delay = self._backoff(attempt)
            else:
                status = response.status_code
                where = response.request.url.raw_path.decode("ascii")
                text = response.text
                if self.archive is not None:
                    self.archive.write(
                        ArchivedResponse(kind, where, status, self._now(), attempt, text)
                    )
                body = _decode(text)
                verdict = classify(status, body)
                if verdict == "ok":
                    return body
                if verdict == "fail":
                    raise ApiError(
                        f"HTTP {status} from {where}: {text[:200]}", status=status, url=where
                    )
                last = f"HTTP {status}" + (" (error body)" if status == 200 else "")
                delay = self._backoff(attempt)
                retry_after = parse_retry_after(response.headers.get("Retry-After"), self._now())
                if retry_after is not None:
                    if retry_after > config.max_retry_after:
                        raise ApiError(
                            f"HTTP {status} from {where}: server asks to wait {retry_after:.0f} s "
                            f"(more than max_retry_after={config.max_retry_after:.0f} s)",
                            status=status,
                            url=where,
                        )
                    delay = max(delay, retry_after)
            if attempt > config.max_retries:
                break
            self.retries += 1
            logger.warning("%s on %s; retry %d in %.1f s", last, path, attempt, delay)
            self._sleep(delay)
        raise ApiError(
            f"giving up on {path} after {config.max_retries + 1} attempts: {last}",
            status=status,
            url=path,
        )

    def _backoff(self, attempt: int) -> float:
        return backoff_delay(
            attempt,
            initial=self.config.backoff_initial,
            maximum=self.config.backoff_max,
            rng=self._rng,
        )

    def list_params(self, window: Window, *, corrected: bool) -> list[tuple[str, str]]:
        """Query parameters (without paging) for one window's listing."""
        prefix = "correctedWhen" if corrected else "answeredWhen"
        params = [
            (f"{prefix}From", window.start.isoformat()),
            (f"{prefix}To", window.end.isoformat()),
        ]
        if self.config.house:
            params.append(("house", self.config.house))
        params.extend(("answeringBodies", str(body)) for body in self.config.answering_bodies)
        if self.config.expand_member:
            params.append(("expandMember", "true"))
        params.extend(self.config.extra_params)
        return params

    def iter_list(self, params: Sequence[tuple[str, str]]) -> Iterator[RawRecord]:
        """Page through one listing with ``skip``/``take`` until ``totalResults``.

        Offset paging is only safe over a listing that holds still. When ``totalResults``
        changes between pages (an answer added or withdrawn moves every later item by one
        place), or a pass ends with fewer distinct questions than ``totalResults`` (an item
        served on two pages, so another on none), the listing is read again from the start, up
        to :attr:`ClientConfig.max_relists` times; records already yielded are yielded again
        (:meth:`fetch_window` keeps one per question).

        Raises:
            ApiError: When the listing is still unsettled after the last pass (nothing may be
                missing silently: the run fails and the window is read again next time).
        """
        problem = ""
        for attempt in range(self.config.max_relists + 1):
            if attempt:
                logger.warning("%s; listing %s again (pass %d)", problem, LIST_PATH, attempt + 1)
            problem = yield from self._list_pass(params)
            if not problem:
                return
        raise ApiError(
            f"{problem} after {self.config.max_relists + 1} passes over {LIST_PATH}", url=LIST_PATH
        )

    def _list_pass(self, params: Sequence[tuple[str, str]]) -> Generator[RawRecord, None, str]:
        """One pass over a listing; returns what was unsettled about it ("" when nothing)."""
        take = self.config.page_size
        skip = 0
        first_total: Any = None
        ids: set[Any] = set()
        anonymous = 0
        for page in range(self.config.max_pages):
            page_params = [*params, ("skip", str(skip)), ("take", str(take))]
            body = self.get_json(LIST_PATH, page_params, kind="list")
            results = body.get("results") if isinstance(body, dict) else None
            if not isinstance(results, list):
                raise ApiError(f"list response without results at skip={skip}", url=LIST_PATH)
            total = body.get("totalResults")
            if page == 0:
                first_total = total
            elif total != first_total:
                return f"totalResults changed from {first_total} to {total} while paging"
            source = f"{LIST_PATH}?{httpx.QueryParams(list(page_params))}"
            for record in records_from_obj({"results": results}, source):
                if record.value is not None and record.value.get("id") is not None:
                    ids.add(_id_key(record.value["id"]))
                else:
                    anonymous += 1
                yield record
            skip += len(results)
            if not results or (isinstance(total, int) and skip >= total):
                seen = len(ids) + anonymous
                if isinstance(total, int) and seen < total:
                    return f"{seen} distinct questions listed of totalResults {total}"
                return ""
        logger.warning("stopped paging %s after %d pages", LIST_PATH, self.config.max_pages)
        return ""

    def detail(self, question_id: int) -> RawRecord | None:
        """The detail record of one question (full HTML), or None when the API has none (404)
        or answers with another question's detail (a cache mix-up: it is not filed under the
        question asked, whose list item is kept)."""
        params = [("expandMember", "true")] if self.config.expand_member else []
        path = DETAIL_PATH.format(id=int(question_id))
        try:
            body = self.get_json(path, params, kind="detail")
        except ApiError as err:
            if err.status == 404:
                return None
            raise
        records = list(records_from_obj(body, path, "detail"))
        record = records[0] if records else None
        if record is not None and record.value is not None:
            served = record.value.get("id")
            if _question_id(served) != question_id:
                logger.warning("asked for question %s, got the detail of %r", question_id, served)
                return None
        return record

    def fetch_window(self, window: Window, *, corrections: bool = True) -> Iterator[RawRecord]:
        """Every answer of a window: answered in it, then (optionally) corrected in it.

        List items are replaced by their detail when the policy asks for it; an item whose
        detail is missing (404) is kept as the list served it (marked clipped downstream).
        """
        listings = [False, True] if corrections else [False]
        seen: set[Hashable] = set()  # one record per question per window: listings overlap
        for corrected in listings:
            for record in self.iter_list(self.list_params(window, corrected=corrected)):
                value = record.value
                if value is None:
                    yield record
                    continue
                key = value.get("id")
                if _id_key(key) in seen:
                    continue
                seen.add(_id_key(key))
                policy = self.config.detail
                question_id = _question_id(key)
                if question_id is not None and (
                    policy == "always" or (policy == "clipped" and needs_detail(value))
                ):
                    detail = self.detail(question_id)
                    if detail is not None:
                        yield detail
                        continue
                    logger.warning("no detail for question %s; keeping the list item", key)
                yield record
