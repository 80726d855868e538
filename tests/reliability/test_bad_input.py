"""Bad input at every entry point: API JSON (served over real HTTP), replay and page-text files,
and flow parameters. (CLI arguments: ``test_cli_errors.py``.)

Every bad record ends as a clear error or a quarantined row holding its raw text; every good
record around it is ingested and extracted; nothing is dropped without a trace: records read =
answers written + quarantined + skipped.
"""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.api.fake_api import FakeApi
from reliability.faults import FaultyProxy, Mutate, Rule, faulty_proxy
from reliability.helpers import DATA_TABLES, keyed
from spacy.language import Language
from support import FIXTURES

from pipeline.ingest.client import ClientConfig
from pipeline.ingest.sources import ApiSource
from pipeline.lake import extract_answers, ingest_window, read_table
from pipeline.settings import PROJECT_ROOT

D12 = dt.date(2024, 9, 12)  # four real answers in the fixture listing
PAGE = FIXTURES / "api" / "pages" / "seed-page.txt"
DETAIL = FIXTURES / "api" / "aws-samples-detail.json"
PROMISE = "The Government will publish the review by March 2025."

# -- API JSON ------------------------------------------------------------------------------------

# id -> (changes to a real detail value, expected outcome: "ingested" or an error fragment)
API_CASES: dict[int, tuple[dict[str, Any], str]] = {
    9_100_001: ({"dateAnswered": "2024-09-31T00:00:00"}, "field 'dateAnswered': not a date"),
    9_100_002: ({"dateAnswered": "yesterday"}, "field 'dateAnswered': not a date"),
    9_100_003: ({"dateAnswered": 20240912}, "expected a date string"),
    9_100_004: ({"dateTabled": "2024-02-30"}, "field 'dateTabled': not a date"),
    9_100_005: ({"answerText": ""}, "holds no text"),
    9_100_006: ({"answerText": "<p>&nbsp;</p><p> </p><p><strong> </strong></p>"}, "holds no text"),
    9_100_007: ({"answerText": None}, "holds no text"),
    9_100_008: ({"answerText": {"html": "<p>x</p>"}}, "field 'answerText': expected a string"),
    9_100_009: ({"house": "Senate"}, "field 'house': 'Senate' is not one of"),
    9_100_010: ({"answeringBodyId": "DfE"}, "field 'answeringBodyId': expected an integer"),
    9_100_011: ({"askingMemberId": [4821]}, "field 'askingMemberId': expected an integer"),
    # A department the lexicon has never seen (machinery-of-government changes make new ones):
    # ingested as served; refusing it would lose real answers.
    9_100_012: (
        {"answeringBodyId": 99_999, "answeringBodyName": "Department for Time Travel"},
        "ingested",
    ),
    # HTML bombs: 100,000 nested elements; 5 MB of answer.
    9_100_013: ({"answerText": "<div>" * 100_000 + PROMISE + "</div>" * 100_000}, "ingested"),
    9_100_014: ({"answerText": f"<p>{PROMISE}</p>" * 95_000}, "ingested"),
    9_100_015: ({"answerText": f"<p>{PROMISE}<script>{'x' * 50}</script></p>"}, "ingested"),
    # Lone surrogates ("\ud800" escapes: valid JSON, not Unicode). Were: the whole ingest
    # crashed (UnicodeEncodeError hashing the answer, or converting the row to Arrow).
    9_100_016: ({"answerText": f"<p>{PROMISE}\ud800</p>"}, "field 'answerText' at offset"),
    9_100_017: ({"heading": "Flexi-job \udc80 Apprenticeships"}, "lone UTF-16 surrogate"),
    # "<![" in the words: was AssertionError from Python 3.11's HTML parser, ending the ingest.
    9_100_018: ({"answerText": f"<p>We will act <![at once.</p><p>{PROMISE}</p>"}, "ingested"),
    # A run of 50,000 "=" without whitespace: spaCy's tokenizer would take minutes on it
    # (quadratic in the run); ingested, its extraction refused and quarantined at once.
    9_100_019: ({"answerText": f"<p>{PROMISE}</p><p>{'=' * 50_000}</p>"}, "ingested"),
}


@pytest.fixture
def bad_api(fake_api: FakeApi) -> Iterator[FaultyProxy]:
    """The fake API listing the records of :data:`API_CASES` on 2024-09-12, behind a proxy
    that serves their details with the bad values (the list items look right; the details are
    what is wrong)."""
    template = next(v for v in fake_api.details.values() if not v.get("dateAnswerCorrected"))
    for qid in API_CASES:
        listed = copy.deepcopy(template)
        listed.update(id=qid, uin=str(qid), dateAnswered=f"{D12.isoformat()}T00:00:00")
        fake_api.add(
            {**listed, "answerText": "<p>Listed.</p>"}, {**listed, "answerText": "Listed."}
        )

    def spoil(body: dict[str, Any]) -> None:
        value = body.get("value") or {}
        value.update(API_CASES.get(value.get("id"), ({}, ""))[0])

    with faulty_proxy(fake_api.base_url) as proxy:
        proxy.add(Rule("detail", Mutate(spoil), times=None))
        yield proxy


def test_api_bad_records_are_quarantined_and_the_rest_ingested_and_extracted(
    bad_api: FaultyProxy, tmp_path: Path, nlp: Language
) -> None:
    config = ClientConfig(base_url=bad_api.base_url, page_size=10, requests_per_second=1000.0)
    lake = tmp_path / "lake"
    result = ingest_window(ApiSource(config, sleep=lambda s: None), D12, D12, lake=lake,
                           archive=tmp_path / "archive")  # fmt: skip
    expected_bad = {q: e for q, (_, e) in API_CASES.items() if e != "ingested"}
    expected_good = {q for q, (_, e) in API_CASES.items() if e == "ingested"}
    # Every record is accounted for.
    assert result.records_read == 4 + len(API_CASES)
    assert result.answers_inserted == 4 + len(expected_good)
    assert result.quarantined == len(expected_bad)
    quarantine = read_table("quarantine", lake).set_index("id")
    for qid, fragment in expected_bad.items():
        row = quarantine.loc[qid]
        assert row["stage"] == "parse" and fragment in row["error"], (qid, row["error"])
        assert json.loads(row["raw"])["id"] == qid  # the raw record is kept
    answers = read_table("answers", lake).set_index("id")
    assert expected_good <= set(answers.index)
    assert answers.loc[9_100_012, "answering_body"] == "Department for Time Travel"
    assert answers.loc[9_100_013, "answer_text"] == PROMISE
    assert len(answers.loc[9_100_014, "answer_text"]) > 5_000_000
    assert answers.loc[9_100_015, "answer_text"] == PROMISE
    assert answers.loc[9_100_018, "answer_text"] == f"We will act\n\n{PROMISE}"
    # The engine: the 5 MB answer is past spaCy's max_length and the 50,000 "=" past the
    # engine's longest run without whitespace, so their extractions are quarantined (their
    # answer rows stay); every other answer is extracted.
    extracted = extract_answers(lake, D12, D12, nlp=nlp)
    assert (extracted.answers_extracted, extracted.quarantined) == (len(answers) - 2, 2)
    failed = read_table("quarantine", lake).query("stage == 'extract'").set_index("id")["error"]
    assert sorted(failed.index) == [9_100_014, 9_100_019]
    assert "E088" in failed[9_100_014]
    assert "[PCT150] the text holds a run of 50,000 characters" in failed[9_100_019]
    commitments = read_table("commitments", lake)
    nested = commitments[commitments["id"] == 9_100_013]
    assert nested["quote"].tolist() == [PROMISE.rstrip(".")]
    assert nested["due"].tolist() == ["2025-03-31"]


# -- replay and page-text files ------------------------------------------------------------------


def page(**replace: str) -> str:
    """The seed page's text with some words replaced (``{old: new}``)."""
    text = PAGE.read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def detail_line(**changes: Any) -> bytes:
    record = json.loads(DETAIL.read_text(encoding="utf-8"))
    record["value"].update(changes)
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


SEED_TEXT = page()
LATIN = SEED_TEXT.replace("‘boots on the ground’", "£5 million").encode("latin-1", "replace")
FILES: dict[str, tuple[Callable[[Path], Path], int, str | None]] = {
    # name: (writer, answers expected, error fragment of the quarantined record(s))
    "page latin-1": (
        lambda d: write(d / "p.txt", LATIN), 0, "not UTF-8"
    ),
    "page UTF-16": (
        lambda d: write(d / "p.txt", SEED_TEXT.encode("utf-16")), 0, "a UTF-16 file"
    ),
    "page UTF-8 with BOM": (
        lambda d: write(d / "p.txt", b"\xef\xbb\xbf" + SEED_TEXT.encode()), 1, None
    ),
    "page CRLF": (
        lambda d: write(d / "p.txt", SEED_TEXT.replace("\n", "\r\n").encode()), 1, None
    ),
    "page 31st February": (
        lambda d: write(d / "p.txt", page(**{"25th March 2024": "31st February 2024"}).encode()),
        0, "not a date",
    ),
    "page empty": (lambda d: write(d / "p.txt", b""), 0, "no 'This question was answered"),
    "page no answer": (
        lambda d: write(d / "p.txt", SEED_TEXT.split("This question was answered")[0].encode()),
        0, "no 'This question was answered",
    ),
    "page 5 MB": (
        lambda d: write(d / "p.txt", (SEED_TEXT + ("\n\n" + PROMISE) * 95_000).encode()), 1, None
    ),
    "jsonl with BOM": (
        lambda d: write(d / "a.jsonl", b"\xef\xbb\xbf" + detail_line() + b"\n"), 1, None
    ),
    "json with BOM": (lambda d: write(d / "a.json", b"\xef\xbb\xbf" + detail_line()), 1, None),
    "jsonl UTF-16": (
        lambda d: write(d / "a.jsonl", detail_line().decode().encode("utf-16")), 0, "not UTF-8"
    ),
    "jsonl latin-1 line": (
        lambda d: write(d / "a.jsonl", detail_line(id=7).decode().replace("flexi-job", "£")
                        .encode("latin-1", "replace") + b"\n" + detail_line(id=8) + b"\n"),
        1, "not UTF-8",
    ),
    "jsonl truncated gzip": (
        lambda d: write(d / "a.jsonl.gz", gzip.compress(
            b"\n".join(detail_line(id=i) for i in range(1, 40)) + b"\n")[:-400]),
        None, "unreadable from line",
    ),
    "jsonl binary garbage": (
        lambda d: write(d / "a.jsonl", bytes(range(256)) * 40), 0, None
    ),
    "json values that are not records": (
        lambda d: write(d / "a.json", json.dumps([None, 3, "x", {"value": [1]}]).encode()),
        0, "not an API record",
    ),
    # Were: a crash of the whole run (RecursionError in json.loads; UnicodeEncodeError writing
    # the rows). Mutation fuzzing, docs/reliability.md.
    "jsonl nested 100,000 deep": (
        lambda d: write(d / "a.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n" + detail_line()),
        1, "malformed JSON",
    ),
    "jsonl lone surrogates": (
        lambda d: write(d / "a.jsonl", b"\n".join([
            detail_line(id=31, heading="SURROGATE"),
            detail_line(id=32, SURROGATE=1),
            detail_line(id=33),
        ]).replace(b"SURROGATE", b"\\ud800") + b"\n"),
        1, "lone UTF-16 surrogate",
    ),
    "jsonl named in latin-1": (
        lambda d: write(d / os.fsdecode(b"r\xe9ponses.jsonl"), detail_line() + b"\n{cut"),
        1, "malformed JSON",
    ),
    "jsonl malformed dates and empty answers": (
        lambda d: write(d / "a.jsonl", b"\n".join([
            detail_line(id=21, dateAnswered="2024-13-01T00:00:00"),
            detail_line(id=22, dateAnswered="31/01/2024"),
            detail_line(id=23, answerText="   "),
            detail_line(id=24, house="House of Keys"),
            detail_line(id=25),
        ]) + b"\n"),
        1, "holds no text",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", FILES, ids=list(FILES))
def test_replay_bad_files_quarantine_clearly_and_lose_nothing(case: str, tmp_path: Path) -> None:
    make, answers, fragment = FILES[case]
    source = make(tmp_path / "input")
    lake = tmp_path / "lake"
    result = ingest_window(source, lake=lake)
    accounted = (
        result.answers_inserted + result.quarantined + result.skipped_unanswered
        + result.answers_unchanged + result.skipped_out_of_window
    )  # fmt: skip
    assert accounted == result.records_read
    if answers is not None:
        assert result.answers_inserted == answers
    else:
        assert result.answers_inserted > 0
    if answers == 0 or fragment is not None:
        assert result.quarantined > 0
        errors = read_table("quarantine", lake)["error"].tolist()
        if fragment is not None:
            assert any(fragment in e for e in errors), errors
        assert all(e and "\n" not in e for e in errors)
    stored = read_table("answers", lake) if result.answers_inserted else None
    if stored is not None:
        assert not stored["heading"].str.startswith("\ufeff").any()
        assert stored["answer_text"].str.len().min() > 0


def test_replay_page_with_bom_is_the_same_answer_as_without(tmp_path: Path) -> None:
    """A byte-order mark is not content: the page gets the same id (from its heading) either
    way, so a page saved by a Windows editor does not become a second answer."""
    plain = write(tmp_path / "a" / "p.txt", SEED_TEXT.encode())
    marked = write(tmp_path / "b" / "p.txt", b"\xef\xbb\xbf" + SEED_TEXT.encode())
    lake = tmp_path / "lake"
    ingest_window(plain, lake=lake)
    again = ingest_window(marked, lake=lake)
    assert (again.answers_inserted, again.answers_unchanged) == (0, 1)


def test_ingest_and_extract_refuse_counts_below_one(tmp_path: Path, nlp: Language) -> None:
    """``n_process=0`` reached spaCy as "not enough values to unpack"; now a usage error."""
    with pytest.raises(ValueError, match="batch_size must be a whole number of at least 1"):
        ingest_window(PAGE, lake=tmp_path, batch_size=0)
    with pytest.raises(ValueError, match="n_process must be"):
        extract_answers(tmp_path, nlp=nlp, n_process=0)
    with pytest.raises(ValueError, match="write_every must be"):
        extract_answers(tmp_path, nlp=nlp, write_every=-5)
    assert not (tmp_path / "runs").exists()  # usage errors record no run


# -- flow parameters -----------------------------------------------------------------------------

BAD_TYPES = [
    ("nightly", {"start": "2024-13-01", "end": "2024-12-31"}, "start"),
    ("nightly", {"run_date": "tomorrow"}, "run_date"),
    ("nightly", {"n_process": "two"}, "n_process"),
    ("nightly", {"run_audit": "maybe"}, "run_audit"),
    ("backfill", {"start": "2024-02-30", "end": "2024-03-31"}, "start"),
    ("backfill", {"start": "2024-01-01"}, "end"),
    ("backfill", {"start": "2024-01-01", "end": "2024-01-31", "window_days": "x"}, "window_days"),
    ("backfill", {"start": "2024-01-01", "end": "2024-01-31", "rerun": "please"}, "rerun"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "parameters", "field"), BAD_TYPES)
def test_flow_parameters_of_the_wrong_type_are_refused_before_the_run(
    name: str, parameters: dict[str, Any], field: str
) -> None:
    """What a deployment run (``prefect deployment run ... --param``) is validated with."""
    from prefect.exceptions import ParameterTypeError

    from flows.backfill import backfill
    from flows.nightly import nightly

    flow = {"nightly": nightly, "backfill": backfill}[name]
    with pytest.raises(ParameterTypeError) as info:
        flow.validate_parameters(parameters)
    assert field in str(info.value)


FLOW_SCRIPT = r"""
import json, sys, datetime as dt
from pathlib import Path
from prefect.testing.utilities import prefect_test_harness
from flows.backfill import backfill
from flows.nightly import nightly

lake = Path(sys.argv[1])
d = dt.date
cases = {
    "nightly: end before start": lambda: nightly(lake=str(lake / "a"), start=d(2024, 9, 10),
                                                 end=d(2024, 9, 1), run_audit=False),
    "nightly: start without end": lambda: nightly(lake=str(lake / "b"), start=d(2024, 9, 10),
                                                  run_audit=False),
    "nightly: missing source": lambda: nightly(lake=str(lake / "c"), source="/nonexistent/x",
                                               run_audit=False),
    "nightly: n_process 0": lambda: nightly(lake=str(lake / "d"), source=sys.argv[2],
                                            start=d(2024, 9, 12), end=d(2024, 9, 12),
                                            n_process=0, run_audit=False),
    "backfill: end before start": lambda: backfill(start=d(2024, 9, 10), end=d(2024, 9, 1),
                                                   lake=str(lake / "e")),
    "backfill: window_days 0": lambda: backfill(start=d(2024, 9, 1), end=d(2024, 9, 10),
                                                lake=str(lake / "f"), window_days=0),
    "backfill: bad dask": lambda: backfill(start=d(2024, 9, 1), end=d(2024, 9, 10),
                                           lake=str(lake / "g"), dask="local:none"),
}
out = {}
with prefect_test_harness(server_startup_timeout=90):
    for name, call in cases.items():
        try:
            call()
            out[name] = None
        except BaseException as err:
            out[name] = [type(err).__name__, str(err)]
print("RESULT " + json.dumps(out))
"""
FLOW_EXPECT = {
    "nightly: end before start": ("ValueError", "ends (2024-09-01) before it starts"),
    "nightly: start without end": ("ValueError", "give both the start and the end"),
    "nightly: missing source": ("FileNotFoundError", "replay source not found"),
    "nightly: n_process 0": ("ValueError", "n_process must be a whole number of at least 1"),
    "backfill: end before start": ("ValueError", "before it starts"),
    "backfill: window_days 0": ("ValueError", "at least one day"),
    "backfill: bad dask": ("ValueError", "--dask"),
}


@pytest.mark.integration
@pytest.mark.slow
def test_flow_parameter_mistakes_fail_the_run_clearly_and_write_no_data(tmp_path: Path) -> None:
    """Real flow runs (a temporary Prefect server) with parameters a deployment run could be
    given: each fails with a readable error, and no data row is written (a back-fill given a
    bad ``dask`` fails after creating the empty tables; the nightly given ``n_process=0``
    fails in its extract, after a completed ingest, so the window is read again next time)."""
    replay = FIXTURES / "api" / "commons-2024-09-list.json"
    done = subprocess.run(
        [sys.executable, "-c", FLOW_SCRIPT, str(tmp_path), str(replay)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=600, check=False,
    )  # fmt: skip
    [line] = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")]
    outcome = json.loads(line.removeprefix("RESULT "))
    for case, (kind, fragment) in FLOW_EXPECT.items():
        assert outcome[case] is not None, f"{case}: the run did not fail"
        assert outcome[case][0] == kind and fragment in outcome[case][1], (case, outcome[case])
        assert "\n" not in outcome[case][1].strip(), case
    for folder in "abcefg":  # (d: its ingest completed before the extract failed)
        lake = tmp_path / folder
        assert all(len(keyed(lake, t)) == 0 for t in DATA_TABLES), folder
