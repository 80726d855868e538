"""The API client against a real local HTTP server serving real responses (tests/fixtures/api/)."""

from __future__ import annotations

import datetime as dt
import json
import random

import httpx
import pytest
from fixtures.api.fake_api import FakeApi, Fault

from pipeline.ingest.archive import ArchiveWriter, iter_lines
from pipeline.ingest.client import (
    ApiError,
    ClientConfig,
    QuestionsClient,
    RateLimiter,
    backoff_delay,
    classify,
    parse_retry_after,
)
from pipeline.ingest.records import parse_answer
from pipeline.ingest.window import Window

DAY = Window(dt.date(2024, 9, 9), dt.date(2024, 9, 9))
NOW = dt.datetime(2024, 9, 10, 6, 0, tzinfo=dt.UTC)


def make_client(
    api: FakeApi, sleeps: list[float], archive: ArchiveWriter | None = None, **config: object
) -> QuestionsClient:
    settings = {
        "base_url": api.base_url,
        "page_size": 10,
        "timeout": 2.0,
        "backoff_initial": 0.5,
        **config,
    }
    return QuestionsClient(
        ClientConfig(**settings), archive=archive, sleep=sleeps.append, rng=random.Random(0)
    )  # type: ignore[arg-type]


def test_fetch_window_pages_to_total_results(fake_api: FakeApi) -> None:
    records = list(make_client(fake_api, []).fetch_window(DAY, corrections=False))
    answered_that_day = [
        v for v in fake_api.details.values() if v["dateAnswered"].startswith("2024-09-09")
    ]
    assert len(records) == len(answered_that_day) == 27
    assert len({r.value["id"] for r in records if r.value}) == 27
    skips = [
        int(args["skip"][0]) for path, args in fake_api.requests if path.endswith("/questions")
    ]
    assert skips == [0, 10, 20]


def test_fetch_window_fetches_detail_for_clipped_items_only(fake_api: FakeApi) -> None:
    records = list(make_client(fake_api, [], detail="clipped").fetch_window(DAY, corrections=False))
    views = [v for v in fake_api.list_views.values() if v["dateAnswered"].startswith("2024-09-09")]
    clipped_answers = [v for v in views if v["answerText"].endswith("...")]
    clipped_questions = [
        v for v in views if len(v["questionText"]) == 255 and v not in clipped_answers
    ]
    assert (len(clipped_answers), len(clipped_questions)) == (20, 1)
    assert fake_api.count("detail") == 21
    answers = [parse_answer(r.value, shape=r.shape) for r in records if r.value]
    assert not any(a.clipped for a in answers)
    assert sum(1 for a in answers if a.shape == "detail") == 21
    detail = next(a for a in answers if a.shape == "detail")
    assert detail.answer_html.startswith("<p>") and len(detail.answer_text) > 258


def test_fetch_window_detail_always_and_never(fake_api: FakeApi) -> None:
    records = list(
        make_client(fake_api, []).fetch_window(DAY, corrections=False)
    )  # default: always
    assert fake_api.count("detail") == 27
    assert {r.shape for r in records} == {"detail"}
    fake_api.requests.clear()
    records = list(make_client(fake_api, [], detail="never").fetch_window(DAY, corrections=False))
    assert fake_api.count("detail") == 0
    assert sum(parse_answer(r.value, shape=r.shape).clipped for r in records if r.value) == 21


def test_fetch_window_sends_filters_and_expand_member(fake_api: FakeApi) -> None:
    client = make_client(fake_api, [], house="Commons", answering_bodies=(17, 60))
    list(client.fetch_window(DAY, corrections=True))
    listings = [args for path, args in fake_api.requests if path.endswith("/questions")]
    assert listings[0]["answeredWhenFrom"] == ["2024-09-09"] and listings[0]["answeredWhenTo"] == [
        "2024-09-09"
    ]
    assert listings[0]["house"] == ["Commons"]
    assert listings[0]["answeringBodies"] == ["17", "60"]
    assert listings[0]["expandMember"] == ["true"]
    assert any("correctedWhenFrom" in args for args in listings)
    details = [args for path, args in fake_api.requests if not path.endswith("/questions")]
    assert details and all(args.get("expandMember") == ["true"] for args in details)


def test_fetch_window_answered_and_corrected_listings_give_one_record_per_question(
    fake_api: FakeApi,
) -> None:
    # 1725706 was answered and corrected on 2024-09-09: both listings show it.
    records = list(make_client(fake_api, []).fetch_window(DAY, corrections=True))
    ids = [r.value["id"] for r in records if r.value]
    assert ids.count(1725706) == 1
    assert len(ids) == len(set(ids))


def test_get_json_retries_a_500_json_body(fake_api: FakeApi) -> None:
    sleeps: list[float] = []
    fake_api.fail_next("list", Fault(500, {"status": 500, "title": "An error occurred"}))
    records = list(make_client(fake_api, sleeps).fetch_window(DAY, corrections=False))
    assert len(records) == 27
    assert fake_api.count("list") == 4  # one failure, three pages
    assert any(s >= 0.25 for s in sleeps)  # a backoff, not only rate-limit spacing


def test_get_json_retries_a_200_whose_body_says_500(fake_api: FakeApi) -> None:
    fake_api.fail_next(
        "detail", Fault(200, {"status": 500, "title": "Internal Server Error"}), times=2
    )
    client = make_client(fake_api, [])
    records = list(client.fetch_window(DAY, corrections=False))
    assert client.retries == 2
    assert all(r.value and "status" not in r.value for r in records)


def test_get_json_honours_retry_after_on_429(fake_api: FakeApi) -> None:
    sleeps: list[float] = []
    fake_api.fail_next("list", Fault(429, {"status": 429}, headers={"Retry-After": "7"}))
    client = make_client(fake_api, sleeps)
    assert len(list(client.fetch_window(DAY, corrections=False))) == 27
    assert 7.0 in sleeps
    assert client.retries == 1


def test_get_json_refuses_a_retry_after_beyond_the_limit(fake_api: FakeApi) -> None:
    fake_api.fail_next("list", Fault(429, {"status": 429}, headers={"Retry-After": "3600"}))
    with pytest.raises(ApiError, match="3600"):
        list(make_client(fake_api, []).fetch_window(DAY, corrections=False))


def test_get_json_retries_after_a_timeout(fake_api: FakeApi) -> None:
    fake_api.fail_next("list", Fault(200, None, delay=1.0))
    client = make_client(fake_api, [], timeout=0.3)
    assert len(list(client.fetch_window(DAY, corrections=False))) == 27
    assert client.retries == 1


def test_get_json_gives_up_after_max_retries(fake_api: FakeApi) -> None:
    fake_api.fail_next("list", Fault(503, {"status": 503}), times=10)
    sleeps: list[float] = []
    client = make_client(fake_api, sleeps, max_retries=3)
    with pytest.raises(ApiError, match="after 4 attempts") as info:
        list(client.fetch_window(DAY, corrections=False))
    assert info.value.status == 503
    assert fake_api.count("list") == 4


def test_get_json_fails_fast_on_a_client_error(fake_api: FakeApi) -> None:
    fake_api.fail_next("list", Fault(400, {"status": 400, "title": "Bad Request"}))
    client = make_client(fake_api, [])
    with pytest.raises(ApiError) as info:
        list(client.fetch_window(DAY, corrections=False))
    assert info.value.status == 400 and client.retries == 0


def test_detail_missing_keeps_the_list_item(fake_api: FakeApi) -> None:
    qid = 1725706
    fake_api.without_detail.add(qid)
    records = list(make_client(fake_api, []).fetch_window(DAY, corrections=False))
    record = next(r for r in records if r.value and r.value["id"] == qid)
    assert record.shape == "list"
    assert parse_answer(record.value, shape="list").clipped


def test_detail_returns_none_on_404(fake_api: FakeApi) -> None:
    assert make_client(fake_api, []).detail(999999999) is None


def test_client_refuses_other_hosts(fake_api: FakeApi) -> None:
    client = make_client(fake_api, [])
    with pytest.raises(ApiError, match="refusing"):
        client.get_json("https://example.org/api/writtenquestions/questions", [], kind="list")
    assert fake_api.requests == []


def test_client_does_not_follow_redirects(fake_api: FakeApi) -> None:
    fake_api.fail_next("list", Fault(302, "", headers={"Location": "https://example.org/"}))
    with pytest.raises(ApiError) as info:
        list(make_client(fake_api, []).fetch_window(DAY, corrections=False))
    assert info.value.status == 302


def test_client_archives_every_response_before_parsing(fake_api: FakeApi, tmp_path) -> None:  # type: ignore[no-untyped-def]
    fake_api.fail_next("list", Fault(500, {"status": 500, "title": "An error occurred"}))
    fake_api.fail_next("detail", Fault(200, "not json{"))
    path = tmp_path / "archive.jsonl.gz"
    with ArchiveWriter(path) as writer:
        client = make_client(fake_api, [], archive=writer)
        list(client.fetch_window(DAY, corrections=False))
    lines = [json.loads(line.data) for line in iter_lines(path) if line.data]
    assert len(lines) == client.requests == len(fake_api.requests)
    assert lines[0]["status"] == 500 and json.loads(lines[0]["body"])["status"] == 500
    assert any(line["body"] == "not json{" for line in lines)
    assert {line["kind"] for line in lines} == {"list", "detail"}


def test_client_config_rejects_bad_knobs() -> None:
    with pytest.raises(ValueError, match="detail"):
        ClientConfig(base_url="https://x.test", detail="sometimes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="page_size"):
        ClientConfig(base_url="https://x.test", page_size=500)
    with pytest.raises(ValueError, match="base_url"):
        ClientConfig(base_url="ftp://x.test")


def test_client_default_base_url_is_the_configured_api() -> None:
    assert ClientConfig().base_url == "https://questions-statements-api.parliament.uk"


def test_client_works_over_a_mock_transport() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"totalResults": 0, "results": []})

    client = QuestionsClient(
        ClientConfig(base_url="https://api.test"),
        transport=httpx.MockTransport(handler),
        sleep=lambda s: None,
    )
    assert list(client.fetch_window(DAY)) == []


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"totalResults": 0, "results": []}, "ok"),
        (200, {"value": {"id": 1}}, "ok"),
        (200, {"status": 500, "title": "An error occurred"}, "retry"),
        (200, None, "retry"),
        (500, {"status": 500}, "retry"),
        (502, None, "retry"),
        (429, None, "retry"),
        (404, {"status": 404}, "fail"),
        (400, None, "fail"),
    ],
)
def test_classify_table(status: int, body: object, expected: str) -> None:
    assert classify(status, body) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("7", 7.0),
        (" 120 ", 120.0),
        ("Tue, 10 Sep 2024 06:00:30 GMT", 30.0),
        ("Tue, 10 Sep 2024 05:00:00 GMT", 0.0),
        ("soon", None),
        ("²", None),  # a digit to str.isdigit, not to HTTP (found by the property test)
        ("٣", None),  # delta-seconds are ASCII digits
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after_table(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, NOW) == expected


def test_backoff_delay_grows_exponentially_within_bounds() -> None:
    rng = random.Random(1)
    delays = [backoff_delay(n, initial=1.0, maximum=30.0, rng=rng) for n in range(1, 9)]
    for attempt, delay in enumerate(delays, start=1):
        nominal = min(30.0, 2 ** (attempt - 1))
        assert nominal / 2 <= delay <= nominal
    assert delays[-1] <= 30.0


def test_rate_limiter_spaces_calls() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = RateLimiter(10.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        limiter.wait()
    assert slept == pytest.approx([0.1, 0.1, 0.1, 0.1])
    now[0] += 5.0
    assert limiter.wait() == 0.0
