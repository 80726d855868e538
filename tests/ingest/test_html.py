from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest.html import html_to_text


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("<p>A&nbsp;&nbsp;B &amp; C</p>", "A B & C"),
        ("<p> </p><p>Only</p><p>\u00a0</p>", "Only"),
        ("<p>30<sup>th</sup> August 2023</p>", "30th August 2023"),
        ("<p>line<br>break</p>", "line\nbreak"),
        ("<ul><li>first</li><li>second</li></ul>", "first\n\nsecond"),
        ("plain text\n\nsecond paragraph", "plain text\n\nsecond paragraph"),
        ("<p>x<script>alert(1)</script>y</p>", "xy"),
        ("", ""),
        # "<![" not opening CDATA is a bogus comment to the next ">", as a browser reads it;
        # Python 3.11's parser raised AssertionError, ending the whole ingest (mutation fuzzing)
        ("<p>tackle <![litter. Any decisions.</p><p>Next.</p>", "tackle\n\nNext."),
        ("<p>for its<![ illegal actions</p><p>Next.</p>", "for its\n\nNext."),
        ("<p>x <![CDATA[y]]> z</p>", "x z"),
        ("<p>x <![if !supportLists]>1.<![endif]> z</p>", "x 1. z"),
        ("<p>x <![", "x <!["),
    ],
)
def test_html_to_text_shapes(html: str, expected: str) -> None:
    assert html_to_text(html).text == expected


def test_html_to_text_tables_kept_apart() -> None:
    result = html_to_text(
        "<p>Before.</p><table><tbody><tr><td><p>Year</p></td><td>Total</td></tr>"
        "<tr><td>2020</td><td>291</td></tr></tbody></table><p>After.</p>"
    )
    assert result.text == "Before.\n\nAfter."
    assert result.tables[0].rows == [["Year", "Total"], ["2020", "291"]]
    assert result.tables[0].char_offset == len("Before.")


def test_html_to_text_deep_nesting_does_not_recurse() -> None:
    html = "<div>" * 50_000 + "deep" + "</div>" * 50_000
    assert html_to_text(html).text == "deep"


@given(st.text())
def test_html_to_text_paragraph_offsets_round_trip(html: str) -> None:
    result = html_to_text(html)
    for para in result.paragraphs:
        chunk = result.text[para.char_start : para.char_end]
        assert chunk and chunk == chunk.strip()
    assert (
        "\n\n".join(result.text[p.char_start : p.char_end] for p in result.paragraphs)
        == result.text
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>R&amp;D &pound;5&nbsp;million</p>", "R&D £5 million"),
        ("<p>A&amp;nbsp;B</p>", "A B"),
        ("<p>&#8216;boots&#8217; &#x2013; on</p>", "‘boots’ – on"),
        ("<p>soft\u00adhyphen and\u200e mark\u200b</p>", "softhyphen and mark"),
        ("<p>one\u2029two</p>", "one\n\ntwo"),
        ("<p>line\r\nbreak</p>", "line\nbreak"),
        ("<p>x < 5 and y > 3</p>", "x < 5 and y > 3"),
        ("<p></p><p> </p><p>Only</p>", "Only"),
    ],
)
def test_html_to_text_entities_and_invisible_characters(html: str, expected: str) -> None:
    assert html_to_text(html).text == expected


def test_html_to_text_table_caption_and_offsets() -> None:
    result = html_to_text(
        "<p>Figures:</p><table><caption>Starts, <b>2023</b></caption>"
        "<tr><th>Region</th><th>Starts</th></tr><tr><td>North&nbsp;East</td><td>1,200</td></tr>"
        "</table><p>After.</p><table><tr><td>x</td></tr></table>"
    )
    assert result.text == "Figures:\n\nAfter."
    assert [t.caption for t in result.tables] == ["Starts, 2023", None]
    assert result.tables[0].rows == [["Region", "Starts"], ["North East", "1,200"]]
    assert [t.char_offset for t in result.tables] == [len("Figures:"), len("Figures:\n\nAfter.")]


# Real holding answers (clquestions, 2021-02-01) and real substantive answers that mention
# similar words (corpus answers 1748640 and 1725876).
@pytest.mark.parametrize(
    ("text", "holding"),
    [
        (
            "The Department of Health and Social Care has indicated that it will not be possible "
            "to answer this question within the usual time period. An answer is being prepared "
            "and will be provided as soon as it is available.",
            True,
        ),
        ("<p>An answer is being prepared and will be provided as soon as it is available.", True),
        (
            "<p>The Department is carefully considering the responses to the consultation, and "
            "will make an announcement on the way forward as soon as possible.</p>",
            False,
        ),
        (
            "<p>The review will be completed as soon as possible this autumn. Once concluded, "
            "Parliament will be updated on the next steps for the Programme.</p>",
            False,
        ),
        ("", False),
    ],
)
def test_html_to_text_flags_holding_answers(text: str, holding: bool) -> None:
    assert html_to_text(text).is_holding is holding
