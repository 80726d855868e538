"""TempEval-3 scoring of the time-expression component (``pipeline.evaluate.timeml``).

The TimeML corpora may not be copied into the repository: the unit tests use a small document
written here, and the tests over ``../shared/timeml/`` skip when it is absent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import shared_path
from typer.testing import CliRunner

from pipeline.evaluate.timeml import (
    TimemlScore,
    TimemlTimex,
    align,
    evaluate,
    parse_tml,
    predict,
    read_tml_dir,
    score_document,
)

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>made_up_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TITLE>Not scored: <TIMEX3 tid="t9" type="DATE" value="2013">2013</TIMEX3></TITLE>
<TEXT>
The council <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> &amp; agreed a plan for <TIMEX3 tid="t2" type="DURATION" value="P3Y">the next three years</TIMEX3>.
It reports <TIMEX3 tid="t3" type="SET" value="P1M">monthly</TIMEX3>, as it has since <TIMEX3 tid="t4" type="DATE" value="2009">2009</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_tml_reads_dct_text_and_timexes() -> None:
    doc = parse_tml(TML, "made_up_1")
    assert doc.dct == dt.date(2013, 3, 22)
    assert "&" in doc.text and "<" not in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Friday", "DATE", "2013-03-22"),
        ("the next three years", "DURATION", "P3Y"),
        ("monthly", "SET", "P1M"),
        ("2009", "DATE", "2009"),
    ]
    for t in doc.timexes:
        assert doc.text[t.char_start : t.char_end] == t.text


def test_parse_tml_without_dct_or_text() -> None:
    doc = parse_tml("<TimeML><TEXT>Nothing dated.</TEXT></TimeML>")
    assert doc.dct is None and doc.timexes == () and doc.text == "Nothing dated."


def _t(start: int, end: int, value: str = "2013", kind: str = "DATE") -> TimemlTimex:
    return TimemlTimex(start, end, "x" * (end - start), kind, value)


def test_align_is_one_to_one_by_largest_overlap() -> None:
    gold = [_t(0, 10), _t(20, 25)]
    pred = [_t(5, 12), _t(0, 9), _t(24, 30), _t(40, 45)]
    assert align(gold, pred) == [(0, 1), (1, 2)]


def test_score_document_counts_strict_relaxed_and_value() -> None:
    score = TimemlScore()
    gold = [_t(0, 10, "2013"), _t(20, 25, "P3Y", "DURATION"), _t(30, 35)]
    pred = [_t(0, 10, "2013"), _t(18, 25, "P2Y", "DURATION"), _t(50, 55)]
    score_document(score, "d", gold, pred)
    assert (score.gold, score.predicted, score.strict, score.relaxed, score.value, score.type) == (
        3,
        3,
        1,
        2,
        1,
        2,
    )
    assert [g.char_start for _, g in score.misses] == [30]
    assert [p.char_start for _, p in score.false_alarms] == [50]
    assert [(g.value, p.value) for _, g, p in score.wrong_values] == [("P3Y", "P2Y")]
    (_, sp, _, _), (_, rp, _, _), (_, _, _, vf) = score.rows()
    assert (round(sp, 3), round(rp, 3), round(vf, 3)) == (0.333, 0.667, 0.333)


def test_evaluate_runs_the_component_on_a_document(tmp_path: Path) -> None:
    (tmp_path / "made_up_1.tml").write_text(TML, encoding="utf-8")
    documents = read_tml_dir(tmp_path)
    score = evaluate(documents, predict(documents))
    assert score.gold == 4
    assert score.relaxed == 4 and score.value == 4


def test_read_tml_dir_without_files_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_tml_dir(tmp_path)


def test_evaluate_timeml_command_prints_the_table(tmp_path: Path) -> None:
    from pipeline.cli import app

    (tmp_path / "made_up_1.tml").write_text(TML, encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", "timeml", str(tmp_path), "--errors", "3"])
    assert result.exit_code == 0, result.output
    assert "relaxed" in result.output and "value" in result.output
    bad = CliRunner().invoke(app, ["evaluate", "timeml", str(tmp_path), "--profile", "news"])
    assert bad.exit_code != 0


@pytest.mark.slow
def test_te3_platinum_parses_and_scores() -> None:
    documents = read_tml_dir(shared_path("timeml", "te3-platinum"))
    assert (len(documents), sum(len(d.timexes) for d in documents)) == (20, 138)
    for document in documents:
        assert document.dct is not None
        for t in document.timexes:
            assert document.text[t.char_start : t.char_end] == t.text
    score = evaluate(documents, predict(documents))
    assert score.gold == 138 and score.predicted > 0
