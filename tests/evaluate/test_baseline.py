"""The naive baseline (:mod:`pipeline.evaluate.baseline`): keywords and dateparser."""

from __future__ import annotations

import datetime as dt

from pipeline.evaluate.baseline import baseline_record, find_dates, sentences
from pipeline.evaluate.gold import score_records


def test_sentences_split_after_stops_and_at_newlines() -> None:
    text = "We will publish it. It is late!\n\nNext paragraph"
    assert [text[s:e] for s, e in sentences(text)] == [
        "We will publish it.",
        "It is late!",
        "Next paragraph",
    ]


def test_find_dates_offsets_point_into_the_text() -> None:
    text = "The report was published on 3 May 2024 and we will respond."
    found = find_dates(text, dt.date(2024, 6, 1))
    assert found and all(text[d.char_start : d.char_end] == d.text for d in found)
    assert dt.date(2024, 5, 3) in {d.date for d in found}


def test_baseline_record_keyword_sentences_are_future_commitments() -> None:
    text = "The information is not held centrally. We will publish the strategy on 3 May 2025. The Department plans to consult."
    record = baseline_record(7, text, dt.date(2024, 9, 10))
    assert [c["quote"] for c in record["commitments"]] == [
        "We will publish the strategy on 3 May 2025.",
        "The Department plans to consult.",
    ]
    first = record["commitments"][0]
    assert (
        first["due_text"] in first["quote"]
    )  # the first date dateparser reads in it ("We" reads as Wednesday)
    assert "2025-05-03" in {t["start"] for t in record["timexes"]}
    assert all(c["kind"] == "future" for c in record["commitments"])
    gold = {
        "id": 7,
        "commitments": [
            {
                "quote": "We will publish the strategy on 3 May 2025",
                "kind": "future",
                "due": "2025-05-03",
            }
        ],
    }
    scores = score_records([gold], [record])
    assert (scores["commitments"].matched, scores["commitments"].predicted) == (1, 2)
