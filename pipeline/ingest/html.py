"""Answer HTML to plain text, keeping paragraphs and their offsets; tables kept apart as rows.

The plain text is what everything is annotated on (GUIDELINES.md): paragraphs separated by a
blank line, whitespace (including ``&nbsp;``) collapsed to single spaces inside a paragraph,
entities decoded (and a second time for the doubly escaped ``&amp;nbsp;`` that some answers
carry), invisible format characters (zero-width spaces, soft hyphens, direction marks) removed,
``<br>`` kept as a line break, tables left out of the prose and returned as structured rows with
the text offset where they stood. Holding answers ("it will not be possible to answer this
question within the usual time period") are flagged: the API's own ``answerIsHolding`` flag is
not reliable on its own (it stays set on some substantive answers).

The parser is the standard library's streaming ``HTMLParser``: no recursion, linear in the input,
so deeply nested or very large answers cannot exhaust the stack.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "section", "article", "header", "footer", "dl", "dt", "dd", "pre", "hr", "caption",
    }
)  # fmt: skip
SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template"})
PARAGRAPH_SEPARATOR = "\n\n"
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# C0 and C1 control characters other than tab, line feed, vertical tab, form feed and carriage
# return (which are whitespace here): no answer means them, and ESC sequences in an answer would
# reach the terminal of whoever prints it (rich passes ESC through).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_DOUBLE_ESCAPED = re.compile(
    r"&(?:nbsp|amp|quot|apos|lt|gt|pound|euro|#\d{1,7}|#x[0-9a-f]{1,6});", re.I
)
# Holding answers, as the API serves them (real wording, Commons and Lords): the text says the
# question cannot be answered yet. Matched on the first 600 characters of the plain text only.
HOLDING_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\bnot be possible to (?:answer|respond to) this question (?:within|in) the usual time",
        re.I,
    ),
    re.compile(r"\ban answer is being prepared and will be provided as soon as", re.I),
    re.compile(
        r"\ba (?:full |substantive )?(?:answer|reply|response) will be (?:provided|sent|given)"
        r" as soon as (?:it is|possible)",
        re.I,
    ),
)
HOLDING_WINDOW = 600
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the plain text: ``text[char_start:char_end]``."""

    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the answer, kept out of the prose.

    Attributes:
        rows: Cell texts, row by row.
        char_offset: Offset in the plain text where the table stood (between paragraphs).
        caption: The table's ``<caption>``, or None.
    """

    rows: list[list[str]]
    char_offset: int
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class PlainText:
    """The result of :func:`html_to_text`.

    Attributes:
        text: Paragraphs joined by a blank line.
        paragraphs: Each paragraph's offsets into ``text``, in order.
        tables: Tables found, in order.
        is_holding: The text is a holding answer (see :func:`is_holding_answer`).
    """

    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    is_holding: bool = False


def is_holding_answer(text: str) -> bool:
    """True when ``text`` (plain text) says the question cannot be answered yet.

    Only the opening of the text is examined: a holding answer says so at once, while a
    substantive answer may quote the phrase much later.
    """
    head = text[:HOLDING_WINDOW]
    return any(pattern.search(head) for pattern in HOLDING_PATTERNS)


def _unescape_twice(text: str) -> str:
    """Decode entities the parser left (``&amp;nbsp;`` -> ``&nbsp;`` -> a space)."""
    if "&" not in text:
        return text
    return _DOUBLE_ESCAPED.sub(lambda m: html_lib.unescape(m.group(0)), text)


def clean_characters(text: str) -> str:
    """Remove invisible format and control characters and turn every line-break convention
    into ``\\n``.

    Carriage returns and U+2028 become a line break, U+2029 a paragraph break (a blank line);
    doubly escaped entities are decoded.
    """
    text = _CONTROL.sub("", _ZERO_WIDTH.sub("", _unescape_twice(text)))
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        text = text.replace("\u2029", "\n\n")
    return text


def normalise_space(text: str) -> str:
    """Collapse runs of horizontal whitespace (``&nbsp;`` included) to one space per line."""
    text = _ZERO_WIDTH.sub("", text)
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


@dataclass(slots=True)
class _TableBuffer:
    rows: list[list[str]] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)
    in_caption: bool = False


class _Collector(HTMLParser):
    """Splits HTML into prose blocks and tables (cells kept as text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | Table] = []
        self._buffer: list[str] = []
        self._skip = 0
        self._table_depth = 0
        self._table = _TableBuffer()
        self._cell: list[str] | None = None

    def _flush(self) -> None:
        if self._buffer:
            self.blocks.append("".join(self._buffer))
            self._buffer = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag == "table":
            if self._table_depth == 0:
                self._flush()
                self._table = _TableBuffer()
            self._table_depth += 1
        elif self._table_depth:
            if tag == "tr":
                self._close_cell()
                self._table.rows.append([])
            elif tag in ("td", "th"):
                self._close_cell()
                self._cell = []
            elif tag == "caption" and self._table_depth == 1:
                self._table.in_caption = True
            elif (tag in BLOCK_TAGS or tag == "br") and self._cell is not None:
                self._cell.append(" ")
        elif tag == "br":
            self._buffer.append("\n")
        elif tag in BLOCK_TAGS:
            self._flush()

    def parse_html_declaration(self, i: int) -> int:
        """``<![`` not opening a CDATA section is a bogus comment up to the next ``>``, as HTML
        reads it (and Python's parser from 3.14, gh-77057); 3.11's took it for an SGML marked
        section and raised AssertionError ("unknown status keyword", "expected name token") on
        "<![litter." or "<![ illegal", which no answer's words should be able to do."""
        if self.rawdata.startswith("<![", i) and not self.rawdata.startswith("<![CDATA[", i):
            return self.parse_bogus_comment(i)
        return int(super().parse_html_declaration(i))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "hr", "img", "wbr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == "table" and self._table_depth:
            self._table_depth -= 1
            if self._table_depth == 0:
                self._close_table()
        elif self._table_depth:
            if tag in ("td", "th"):
                self._close_cell()
            elif tag == "caption":
                self._table.in_caption = False
        elif tag in BLOCK_TAGS:
            self._flush()

    def _close_cell(self) -> None:
        if self._cell is not None:
            if not self._table.rows:
                self._table.rows.append([])
            text = normalise_space(clean_characters("".join(self._cell)))
            self._table.rows[-1].append(text.replace("\n", " "))
            self._cell = None

    def _close_table(self) -> None:
        self._close_cell()
        caption = (
            normalise_space(clean_characters("".join(self._table.caption))).replace("\n", " ")
            or None
        )
        rows = [row for row in self._table.rows if row]
        if rows or caption:
            self.blocks.append(Table(rows=rows, char_offset=0, caption=caption))
        self._table = _TableBuffer()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._table_depth:
            if self._cell is not None:
                self._cell.append(data)
            elif self._table.in_caption:
                self._table.caption.append(data)
        else:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        if self._table_depth:
            self._close_table()
        self._flush()


def html_to_text(html: str | None) -> PlainText:
    """Turn answer HTML into plain text with paragraph offsets and tables apart.

    Args:
        html: The answer HTML (``answerText``); plain text passes through with its blank-line
            paragraphs kept. None or empty gives an empty text.

    Returns:
        The plain text, its paragraphs (offsets into the text), its tables (each with the
        offset where it stood) and whether it is a holding answer.
    """
    if not html:
        return PlainText("")
    collector = _Collector()
    collector.feed(html)
    collector.close()
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    tables: list[Table] = []
    offset = 0
    for block in collector.blocks:
        if isinstance(block, Table):
            tables.append(Table(rows=block.rows, char_offset=offset, caption=block.caption))
            continue
        for chunk in _PARAGRAPH_BREAK.split(clean_characters(block)):
            text = normalise_space(chunk)
            if not text:
                continue
            if parts:
                offset += len(PARAGRAPH_SEPARATOR)
            paragraphs.append(Paragraph(offset, offset + len(text)))
            parts.append(text)
            offset += len(text)
    text = PARAGRAPH_SEPARATOR.join(parts)
    return PlainText(text, paragraphs, tables, is_holding_answer(text))
