"""Fault injection against a real local API server: the ingest finishes with every answer, or
stops with a clear error, a failed ``runs`` row, an unmoved watermark and no half-written table;
running it again completes the window with the same tables as an uninterrupted run.

The fake API (``tests/fixtures/api/fake_api.py``, real responses) sits behind
:class:`reliability.faults.FaultyProxy` on loopback; the client keeps its own transport,
timeouts and retries, configured tiny (``ClientConfig``) so the tests stay fast. Sleeps (backoff,
``Retry-After``) are recorded rather than slept.
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.api.fake_api import FakeApi
from reliability.faults import (
    CutBody,
    FaultyProxy,
    Mutate,
    Reset,
    Rule,
    Slow,
    Status,
    TruncatedJson,
    faulty_proxy,
)
from reliability.helpers import digests, keyed, run_row, versions

from pipeline.ingest.archive import iter_lines
from pipeline.ingest.client import ApiError, ClientConfig
from pipeline.ingest.sources import ApiSource
from pipeline.ingest.window import Window
from pipeline.lake import ingest_window, last_completed_window, read_table

EARLY = Window(dt.date(2024, 9, 1), dt.date(2024, 9, 8))  # 4 answers
D9 = Window(dt.date(2024, 9, 9), dt.date(2024, 9, 9))  # 27 answers: 3 pages of 10
ERROR_500 = {"status": 500, "title": "An error occurred"}


@pytest.fixture
def proxy(fake_api: FakeApi) -> Iterator[FaultyProxy]:
    with faulty_proxy(fake_api.base_url) as running:
        yield running


def source(proxy: FaultyProxy, sleeps: list[float] | None = None, **config: Any) -> ApiSource:
    """An API source through the proxy: pages of 10, tiny timeouts and backoffs."""
    settings: dict[str, Any] = {
        "base_url": proxy.base_url,
        "page_size": 10,
        "timeout": 0.4,
        "connect_timeout": 0.4,
        "backoff_initial": 0.001,
        "backoff_max": 0.01,
        "max_retries": 4,
        "requests_per_second": 1000.0,
        **config,
    }
    record: Callable[[float], None] = sleeps.append if sleeps is not None else (lambda s: None)
    return ApiSource(ClientConfig(**settings), sleep=record)


def ingest(
    proxy: FaultyProxy, window: Window, lake: Path, **config: Any
) -> tuple[str, list[float]]:
    """Ingest a window through the proxy; (run id, sleeps)."""
    sleeps: list[float] = []
    result = ingest_window(
        source(proxy, sleeps, **config), window.start, window.end,
        lake=lake, archive=lake.parent / "archive",
    )  # fmt: skip
    return result.run_id, sleeps


@pytest.fixture
def reference(proxy: FaultyProxy, tmp_path: Path) -> dict[str, str]:
    """The tables after uninterrupted ingests of EARLY and D9 (no faults)."""
    lake = tmp_path / "reference" / "lake"
    ingest(proxy, EARLY, lake)
    ingest(proxy, D9, lake)
    assert len(read_table("answers", lake)) == 31
    proxy.log.clear()
    return digests(lake)


def served_ids(api: FakeApi, day: dt.date) -> list[int]:
    """Ids the fake API lists for ``day``, in its order (newest first, then id descending)."""
    views = [v for v in api.list_views.values() if str(v["dateAnswered"])[:10] == day.isoformat()]
    views.sort(key=lambda v: (str(v["dateAnswered"]), v["id"]), reverse=True)
    return [int(v["id"]) for v in views]


# -- faults the client rides out -----------------------------------------------------------------


def test_api_5xx_bursts_within_the_retry_budget_lose_nothing(
    proxy: FaultyProxy, reference: dict[str, str], tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    ingest(proxy, EARLY, lake)
    proxy.add(Rule("list", Status(500, ERROR_500), times=3))
    bad_gateway = "<html><h1>502 Bad Gateway</h1></html>"
    proxy.add(Rule("detail", Status(502, bad_gateway), after=4, times=4))
    proxy.add(Rule("detail", Status(200, ERROR_500), after=12, times=2))  # a 200 saying 500
    proxy.add(Rule("list", Status(504, ""), after=5, times=2))
    run_id, sleeps = ingest(proxy, D9, lake)
    assert digests(lake) == reference
    assert run_row(lake, run_id)["status"] == "completed"
    assert proxy.count("list", "Status") == 5 and proxy.count("detail", "Status") == 6
    assert len(sleeps) >= 11  # one backoff per retry
    archive = Path(str(run_row(lake, run_id)["archive_path"]))
    statuses = [json.loads(line.data)["status"] for line in iter_lines(archive) if line.data]
    assert statuses.count(502) == 4 and statuses.count(504) == 2 and statuses.count(500) == 3


def test_api_429_storm_waits_as_long_as_retry_after_asks(
    proxy: FaultyProxy, reference: dict[str, str], tmp_path: Path
) -> None:
    soon = email.utils.format_datetime(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30), True)
    too_many = {"status": 429, "title": "Too Many Requests"}
    lake = tmp_path / "lake"
    ingest(proxy, EARLY, lake)
    proxy.add(Rule("detail", Status(429, too_many, {"Retry-After": "3"}), after=2, times=4))
    proxy.add(Rule("list", Status(429, too_many, {"Retry-After": soon}), after=1, times=1))
    _, sleeps = ingest(proxy, D9, lake)
    assert digests(lake) == reference
    assert sum(1 for s in sleeps if s >= 3.0) >= 5  # every 429 waited at least what it asked
    assert any(25.0 <= s <= 31.0 for s in sleeps)  # the HTTP-date form, read against the clock


def test_api_connection_resets_are_retried(
    proxy: FaultyProxy, reference: dict[str, str], tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    ingest(proxy, EARLY, lake)
    proxy.add(Rule("list", Reset(), times=2))
    proxy.add(Rule("detail", Reset(), after=3, times=3))
    proxy.add(Rule("list", Reset(), after=4, times=1))
    ingest(proxy, D9, lake)
    assert digests(lake) == reference
    assert proxy.count("list", "Reset") == 3 and proxy.count("detail", "Reset") == 3


def test_api_slow_responses_past_the_timeout_are_retried(
    proxy: FaultyProxy, reference: dict[str, str], tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    ingest(proxy, EARLY, lake, timeout=0.25)
    proxy.add(Rule("list", Slow(1.0), times=1))
    proxy.add(Rule("detail", Slow(1.0), after=6, times=2))
    ingest(proxy, D9, lake, timeout=0.25)
    assert digests(lake) == reference
    assert proxy.count("list", "Slow") == 1 and proxy.count("detail", "Slow") == 2


def test_api_truncated_bodies_are_retried_and_the_archive_replays_the_same(
    proxy: FaultyProxy, reference: dict[str, str], tmp_path: Path
) -> None:
    lake = tmp_path / "lake"
    ingest(proxy, EARLY, lake)
    proxy.add(Rule("list", TruncatedJson(0.6), times=1))  # a complete 200 with half a JSON
    proxy.add(Rule("detail", TruncatedJson(0.3), after=2, times=2))
    proxy.add(Rule("detail", CutBody(0.5), after=9, times=2))  # the connection drops mid-body
    run_id, _ = ingest(proxy, D9, lake)
    assert digests(lake) == reference
    # Replaying the run's raw archive (which holds the truncated bodies the client retried)
    # gives the same answers and quarantines nothing: the run never used those bodies.
    archive = Path(str(run_row(lake, run_id)["archive_path"]))
    replayed = tmp_path / "replayed"
    result = ingest_window(archive, D9.start, D9.end, lake=replayed)
    assert result.quarantined == 0
    assert keyed(replayed, "answers") == keyed(lake, "answers") - keyed_early(lake)
    assert keyed(replayed, "quarantine") == set()


def keyed_early(lake: Path) -> set[tuple[object, ...]]:
    """The answers rows of the EARLY window."""
    early = read_table("answers", lake, columns=["id", "answer_version", "date_answered"])
    ids = {(row.id, row.answer_version) for row in early.itertuples() if row.date_answered in EARLY}
    return {row for row in keyed(lake, "answers") if (row[0], row[1]) in ids}


# -- listings that change under the client -------------------------------------------------------


def test_api_total_results_shrinking_mid_paging_loses_nothing(
    fake_api: FakeApi, proxy: FaultyProxy, tmp_path: Path
) -> None:
    """A question leaves the listing between pages 1 and 2 (withdrawn, re-dated): with plain
    skip/take paging every later item moves up one place and the first of page 2 is skipped."""
    order = served_ids(fake_api, D9.start)
    leaving, shifted = order[3], order[10]
    proxy.add(Rule("list", after=1, times=1, before=lambda: withdraw(fake_api, leaving)))
    lake = tmp_path / "lake"
    ingest(proxy, D9, lake)
    stored = set(read_table("answers", lake)["id"])
    assert shifted in stored
    assert set(served_ids(fake_api, D9.start)) <= stored
    answers = read_table("answers", lake)
    assert len(answers) == answers["id"].nunique()


def test_api_total_results_growing_mid_paging_loses_nothing(
    fake_api: FakeApi, proxy: FaultyProxy, tmp_path: Path
) -> None:
    """A new answer appears at the top of the listing between pages: page 2 repeats the last
    item of page 1, and the newcomer is on a page already read."""
    template = next(v for v in fake_api.details.values() if not v.get("dateAnswerCorrected"))
    newcomer = copy.deepcopy(template)
    newcomer.update(
        id=9_000_001,
        uin="999999",
        dateAnswered="2024-09-09T00:00:00",
        answerText="<p>A late answer, added mid-paging.</p>",
    )
    proxy.add(Rule("list", after=1, times=1, before=lambda: fake_api.add(newcomer)))
    lake = tmp_path / "lake"
    ingest(proxy, D9, lake)
    answers = read_table("answers", lake)
    assert set(served_ids(fake_api, D9.start)) <= set(answers["id"])
    assert 9_000_001 in set(answers["id"]) and len(answers) == answers["id"].nunique() == 28


def test_api_duplicate_ids_across_pages_lose_nothing(
    fake_api: FakeApi, proxy: FaultyProxy, reference: dict[str, str], tmp_path: Path
) -> None:
    """Page 2 serves page 1's last item again in place of its own first (an unstable sort):
    the listing holds fewer distinct questions than ``totalResults``, so the client lists the
    window again."""
    order = served_ids(fake_api, D9.start)
    repeat = fake_api.list_views[order[9]]
    lake = tmp_path / "lake"
    ingest(proxy, EARLY, lake)
    proxy.add(Rule("list", Mutate(lambda body: replace_first(body, repeat)), after=1, times=1))
    ingest(proxy, D9, lake)
    assert digests(lake) == reference
    answers = read_table("answers", lake)
    assert order[10] in set(answers["id"]) and len(answers) == answers["id"].nunique()


def withdraw(api: FakeApi, qid: int) -> None:
    api.details.pop(qid)
    api.list_views.pop(qid)


def replace_first(body: dict[str, Any], value: dict[str, Any]) -> None:
    body["results"][0] = {"value": copy.deepcopy(value), "links": []}


def repeat_last(body: dict[str, Any]) -> None:
    body["results"][0] = body["results"][-1]


# -- faults the client cannot ride out: a clear stop, a resumable watermark ----------------------

TOO_MANY = {"Retry-After": "3600"}
STOPS = {
    "5xx burst": (Rule("detail", Status(503, {"status": 503}), after=5, times=None), "HTTP 503"),
    "429 storm": (
        Rule("detail", Status(429, {"status": 429}, {"Retry-After": "2"}), after=5, times=None),
        "HTTP 429",
    ),
    "429 asking for an hour": (
        Rule("list", Status(429, {"status": 429}, TOO_MANY), after=1, times=None),
        "asks to wait 3600 s",
    ),
    "connection resets": (Rule("list", Reset(), after=1, times=None), "connection error"),
    "slow server": (Rule("detail", Slow(1.0), after=5, times=None), "timeout"),
    "truncated JSON": (Rule("list", TruncatedJson(0.5), after=2, times=None), "HTTP 200"),
    "body cut short": (Rule("detail", CutBody(0.4), after=5, times=None), "connection error"),
    "client error": (Rule("detail", Status(400, {"status": 400}), after=5, times=None), "400"),
    "duplicates every time": (
        Rule("list", Mutate(lambda body: repeat_last(body)), after=1, times=None),
        "distinct",
    ),
}


@pytest.mark.parametrize("fault", STOPS, ids=list(STOPS))
def test_api_fault_past_retries_stops_cleanly_and_the_rerun_completes(
    fault: str, proxy: FaultyProxy, reference: dict[str, str], tmp_path: Path
) -> None:
    rule, message = STOPS[fault]
    lake = tmp_path / "lake"
    ingest(proxy, EARLY, lake)
    before, watermark = versions(lake), last_completed_window(lake)
    assert watermark == EARLY
    proxy.add(rule)
    with pytest.raises(ApiError) as info:
        ingest_window(
            source(proxy, timeout=0.25, max_retries=2), D9.start, D9.end,
            lake=lake, archive=tmp_path / "archive", run_id="ingest-failed",
        )  # fmt: skip
    assert message in str(info.value) and "\n" not in str(info.value)
    failed = run_row(lake, "ingest-failed")
    assert failed["status"] == "failed" and message in str(failed["error"])
    assert failed["finished_at"] is not None and failed["archive_path"]
    # Nothing half-written: every data table is at the version it had before the run.
    assert versions(lake) == before
    assert last_completed_window(lake) == EARLY
    # The watermark is where the next run starts: it completes the window.
    proxy.rules.clear()
    ingest(proxy, D9, lake)
    assert digests(lake) == reference
    assert last_completed_window(lake) == D9


def test_api_failed_window_holds_the_watermark_back_until_it_is_covered(
    proxy: FaultyProxy, tmp_path: Path
) -> None:
    """A later window completing after a failed one (a back-fill, an explicit run) does not
    carry the watermark past the failure: the nightly run starts at the failed window again."""
    from flows.windows import nightly_window

    late = Window(dt.date(2024, 9, 12), dt.date(2024, 9, 12))
    lake = tmp_path / "lake"
    ingest(proxy, EARLY, lake)
    proxy.add(Rule("detail", Status(503, {"status": 503}), after=3, times=None))
    with pytest.raises(ApiError):
        ingest_window(source(proxy, max_retries=1), D9.start, D9.end, lake=lake,
                      archive=tmp_path / "archive")  # fmt: skip
    proxy.rules.clear()
    ingest(proxy, late, lake)
    assert last_completed_window(lake) == EARLY
    watermark = last_completed_window(lake)
    assert watermark is not None
    next_night = nightly_window(watermark.end, dt.date(2024, 9, 13))
    assert next_night is not None and D9.start in next_night
    ingest(proxy, D9, lake)
    assert last_completed_window(lake) == late
    assert len(read_table("answers", lake)) == 4 + 27 + 4
