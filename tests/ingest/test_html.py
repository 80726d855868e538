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
    assert "\n\n".join(result.text[p.char_start : p.char_end] for p in result.paragraphs) == result.text
