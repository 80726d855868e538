"""Security: the client talks to the configured host only, and text from answers is never
rendered as HTML, Markdown, console markup or terminal control sequences.

The client tests run against the fake API behind :class:`reliability.faults.FaultyProxy`, with a
second local server standing for "another host" that must never be contacted. The rendering
tests take answers carrying ``<script>``, ``<img onerror>``, Markdown links, rich markup and ESC
sequences through the lake and the engine into every place that shows answer text: the audit's
HTML, CSV and terminal reports (``tests/audit/test_report.py`` covers the HTML report's own
escaping), the Prefect Markdown summary and table artifacts, and the CLI's run summary.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fixtures.api.fake_api import FakeApi
from pytest_httpserver import HTTPServer
from reliability.faults import FaultyProxy, Mutate, Rule, Status, faulty_proxy
from rich.console import Console
from spacy.language import Language
from support import FIXTURES
from werkzeug import Response

from pipeline.ingest.client import ApiError, ClientConfig
from pipeline.ingest.sources import ApiSource
from pipeline.ingest.window import Window
from pipeline.lake import extract_answers, ingest_window, read_table

D9 = Window(dt.date(2024, 9, 9), dt.date(2024, 9, 9))
API_PATHS = re.compile(r"^/api/writtenquestions/questions(/\d+)?$")


@pytest.fixture
def proxy(fake_api: FakeApi) -> Iterator[FaultyProxy]:
    with faulty_proxy(fake_api.base_url) as running:
        yield running


@pytest.fixture
def other_host() -> Iterator[HTTPServer]:
    """Another server on loopback: whatever it receives is a request the client must not make."""
    server = HTTPServer(host="127.0.0.1")
    server.expect_request(re.compile(".*")).respond_with_handler(
        lambda request: Response(json.dumps({"totalResults": 0, "results": []}), 200)
    )
    server.start()
    yield server
    server.clear()
    server.stop()


def source(proxy: FaultyProxy) -> ApiSource:
    config = ClientConfig(
        base_url=proxy.base_url, page_size=10, backoff_initial=0.001, backoff_max=0.01,
        requests_per_second=1000.0, max_retries=2,
    )  # fmt: skip
    return ApiSource(config, sleep=lambda s: None)


# -- the client talks to the configured host only ------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("kind", ["list", "detail"])
def test_client_refuses_redirects_to_another_host(
    status: int, kind: str, proxy: FaultyProxy, other_host: HTTPServer, tmp_path: Path
) -> None:
    target = other_host.url_for("/api/writtenquestions/questions")
    proxy.add(Rule(kind, Status(status, "", {"Location": target}), after=1, times=None))
    with pytest.raises(ApiError) as info:
        ingest_window(source(proxy), D9.start, D9.end, lake=tmp_path, archive=tmp_path / "a")
    assert info.value.status == status
    assert other_host.log == []
    assert read_table("runs", tmp_path)["status"].tolist() == ["failed"]


def test_client_never_follows_urls_found_in_responses(
    fake_api: FakeApi, proxy: FaultyProxy, other_host: HTTPServer, tmp_path: Path
) -> None:
    """Links, ``next`` URLs and answer HTML pointing elsewhere are data, never requests."""
    elsewhere = other_host.url_for("/steal")

    def list_page(body: dict[str, Any]) -> None:
        body["nextPageUrl"] = elsewhere
        for item in body["results"]:
            item["links"] = [{"rel": "self", "href": elsewhere, "method": "GET"}]

    def detail(body: dict[str, Any]) -> None:
        body["links"] = [{"rel": "self", "href": elsewhere, "method": "GET"}]
        value = body["value"]
        value["answerText"] += f'<p><img src="{elsewhere}"><a href="{elsewhere}">see</a></p>'
        value["attachments"] = [{"url": elsewhere, "fileName": "x.pdf"}]

    proxy.add(Rule("list", Mutate(list_page), times=None))
    proxy.add(Rule("detail", Mutate(detail), times=None))
    result = ingest_window(source(proxy), D9.start, D9.end, lake=tmp_path, archive=tmp_path / "a")
    assert result.answers_inserted == 27
    assert other_host.log == []
    assert all(API_PATHS.match(path.split("?")[0]) for _, path, _ in proxy.log)


@pytest.mark.parametrize(
    "bad_id",
    ["../../../steal", "1/../../steal", "http://127.0.0.1:1/steal", "//127.0.0.1:1/x", "1?x=1",
     "1#frag", " 12 ", 1e30, True, None, {"id": 1}],
)  # fmt: skip
def test_client_question_ids_cannot_steer_a_request(
    bad_id: object, fake_api: FakeApi, proxy: FaultyProxy, tmp_path: Path
) -> None:
    """A list item's id is turned into a detail path only when it is an integer."""

    def spoil(body: dict[str, Any]) -> None:
        body["results"][0]["value"]["id"] = bad_id

    proxy.add(Rule("list", Mutate(spoil), times=1))
    result = ingest_window(source(proxy), D9.start, D9.end, lake=tmp_path, archive=tmp_path / "a")
    assert all(API_PATHS.match(path.split("?")[0]) for _, path, _ in proxy.log)
    assert result.records_read >= 27


def test_client_does_not_take_the_detail_of_another_question(
    fake_api: FakeApi, proxy: FaultyProxy, tmp_path: Path
) -> None:
    """A detail response for another question (a cache or proxy mix-up) is not filed under the
    question asked: that question keeps its list item, nothing is overwritten, nothing lost."""
    day = [v for v in fake_api.list_views.values() if str(v["dateAnswered"])[:10] == "2024-09-09"]
    listed = sorted(day, key=lambda v: (str(v["dateAnswered"]), v["id"]), reverse=True)
    asked, other = int(listed[2]["id"]), int(listed[5]["id"])
    wrong = copy.deepcopy(fake_api.details[other])

    def swap(body: dict[str, Any]) -> None:
        if body.get("value", {}).get("id") == asked:
            body["value"] = copy.deepcopy(wrong)

    proxy.add(Rule("detail", Mutate(swap), times=None))
    ingest_window(source(proxy), D9.start, D9.end, lake=tmp_path, archive=tmp_path / "a")
    answers = read_table("answers", tmp_path).set_index("id")
    assert asked in answers.index and other in answers.index
    assert answers.index.is_unique
    assert answers.loc[other, "answer_html"] == fake_api.details[other]["answerText"]


# -- answer text is never rendered ---------------------------------------------------------------

# (No colon before the due: it would end the clause, and the due, for the engine.)
ATTACK = (
    "<p>The Government will publish the &lt;script&gt;alert(1)&lt;/script&gt; guidance [/bold] "
    "[red]red[/red] [click](//evil.example/x) "
    "&lt;img src=//evil.example/i.png onerror=alert(2)&gt; by March 2026.</p>"
    "<p>The Department will respond to the consultation \x1b[2J\x1b]8;;//evil.example"
    "\x1b\\ by the end of 2026.</p><script>alert(3)</script>"
)
RENDERED_HTML = re.compile(r"<\s*(script|img|iframe)\b|onerror\s*=|javascript:", re.I)
MARKDOWN_LINK = re.compile(r"(?<!\\)\]\(")  # "](" not escaped as "\](": a link or an image


def elements(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element of an HTML page with its attributes, as a browser's parser sees them."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(page)
    return found


@pytest.fixture(scope="module")
def attack_lake(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> tuple[Path, str]:
    """A lake holding one real answer whose text attacks every renderer; (lake, extract run)."""
    record = json.loads((FIXTURES / "api" / "aws-samples-detail.json").read_text("utf-8"))
    record["value"].update(answerText=ATTACK, dateAnswered="2025-01-10T00:00:00",
                           answeringBodyName="<b>Cabinet</b> Office [/]")  # fmt: skip
    root = tmp_path_factory.mktemp("attack")
    replay = root / "attack.jsonl"
    replay.write_text(json.dumps(record) + "\n", encoding="utf-8")
    lake = root / "lake"
    ingest_window(replay, lake=lake)
    result = extract_answers(lake, nlp=nlp)
    return lake, result.run_id


def test_answer_text_keeps_the_attack_as_text_without_control_characters(
    attack_lake: tuple[Path, str],
) -> None:
    lake, _ = attack_lake
    [text] = read_table("answers", lake)["answer_text"].tolist()
    assert "<script>alert(1)</script>" in text  # an answer quoting HTML keeps its words
    assert "alert(3)" not in text  # a real script element is not text
    assert "\x1b" not in text and "[2J" in text
    quotes = read_table("commitments", lake)["quote"].tolist()
    assert any("<script>" in q for q in quotes) and any("[2J" in q for q in quotes)


def test_audit_html_and_csv_reports_render_no_answer_html(
    attack_lake: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pipeline.cli import main

    lake, _ = attack_lake
    for fmt in ("html", "csv", "table"):
        out = tmp_path / f"report.{fmt}"
        args = ["commitments", "audit", "--as-of", "2025-06-01", "--lake", str(lake),
                "--format", fmt, "--out", str(out)]  # fmt: skip
        monkeypatch.setattr(sys, "argv", args)
        main()
        text = out.read_text(encoding="utf-8")
        assert "\x1b" not in text
        if fmt == "html":
            for tag, attrs in elements(text):
                assert tag not in {"script", "img", "iframe", "object", "embed"}, tag
                for name, value in attrs:
                    assert not name.startswith("on"), (tag, name)
                    assert "evil" not in (value or "") and "javascript:" not in (value or "")
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        else:
            assert "alert(1)" in text  # shown as text
    capsys.readouterr()


def test_prefect_markdown_summary_renders_no_answer_text(attack_lake: tuple[Path, str]) -> None:
    from flows.summary import QuarantinedRecord, RunSummary, WindowReport, summary_markdown
    from flows.tasks import new_deadlines

    lake, run_id = attack_lake
    deadlines = new_deadlines.fn(str(lake), [run_id])
    assert any("<script>" in d.quote for d in deadlines)
    bad = QuarantinedRecord("<img src=x onerror=alert(1)>", "parse", "[x](javascript:alert(1))")
    report = WindowReport(D9, "ingest-run", run_id, commitments=len(deadlines), quarantined=1)
    summary = RunSummary("nightly", str(lake), "api", D9, windows=(report,),
                         new_deadlines=deadlines, quarantined=(bad,))  # fmt: skip
    markdown = summary_markdown(summary)
    assert not re.search(r"<\s*(script|img|iframe)\b", markdown, re.I), markdown
    assert not MARKDOWN_LINK.search(markdown)  # no Markdown link or image survives
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown


def test_prefect_table_artifacts_render_no_answer_markup(attack_lake: tuple[Path, str]) -> None:
    from flows.summary import deadline_rows
    from flows.tasks import new_deadlines

    lake, run_id = attack_lake
    rows = deadline_rows(new_deadlines.fn(str(lake), [run_id]))
    cells = [str(v) for row in rows for v in row.values()]
    assert any("evil.example" in c for c in cells)  # the attack is there, as text
    # no raw angle bracket can open a tag, no unescaped "](" can make a link or an image
    assert not any("<" in c or ">" in c or MARKDOWN_LINK.search(c) for c in cells), cells


def test_cli_run_summary_prints_answer_text_literally(attack_lake: tuple[Path, str]) -> None:
    """Rich reads ``[red]`` as a style and ``[/bold]`` as an error unless the text is Text: the
    summary shows the words as written and cannot crash on them."""
    from flows.summary import RunSummary
    from flows.tasks import new_deadlines
    from pipeline.cli.flow_commands import summary_tables

    lake, run_id = attack_lake
    deadlines = new_deadlines.fn(str(lake), [run_id])
    summary = RunSummary("nightly", str(lake), "api", D9, new_deadlines=deadlines)
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=400, color_system="truecolor")
    for table in summary_tables(summary):
        console.print(table)
    shown = buffer.getvalue()
    assert "[/bold]" in shown and "[red]red[/red]" in shown
    assert "\x1b]8;" not in shown  # no hyperlink escape from the answer


def test_stats_prints_prediction_keys_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pipeline.cli import main

    pred = tmp_path / "pred.jsonl"
    record = {
        "id": 1,
        "answering_body": "[/] [link=https://evil.example]Office[/link]",
        "commitments": [{"kind": "[/kind]", "strength": "[bold]firm", "due": None}],
    }
    pred.write_text(json.dumps(record) + "\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setattr(sys, "argv", ["commitments", "stats", str(pred)])
    main()
    out = capsys.readouterr().out
    assert "[/] [link=https://evil.example]Office[/link]" in out and "[/kind]" in out
