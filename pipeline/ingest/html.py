"""Answer HTML to plain text, keeping paragraphs and their offsets; tables kept apart as rows.

The plain text is what everything is annotated on (GUIDELINES.md): paragraphs separated by a
blank line, whitespace (including ``&nbsp;``) collapsed to single spaces inside a paragraph,
entities decoded, ``<br>`` kept as a line break, tables left out of the prose and returned as
structured rows with the text offset where they stood.

The parser is the standard library's streaming ``HTMLParser``: no recursion, linear in the input,
so deeply nested or very large answers cannot exhaust the stack.
"""

from __future__ import annotations

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
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


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
    """

    rows: list[list[str]]
    char_offset: int


@dataclass(frozen=True, slots=True)
class PlainText:
    """The result of :func:`html_to_text`.

    Attributes:
        text: Paragraphs joined by a blank line.
        paragraphs: Each paragraph's offsets into ``text``, in order.
        tables: Tables found, in order.
    """

    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def normalise_space(text: str) -> str:
    """Collapse runs of horizontal whitespace (``&nbsp;`` included) to one space per line."""
    text = _ZERO_WIDTH.sub("", text)
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


class _Collector(HTMLParser):
    """Splits HTML into prose blocks and tables (cells kept as text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | list[list[str]]] = []
        self._buffer: list[str] = []
        self._skip = 0
        self._table_depth = 0
        self._rows: list[list[str]] = []
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
                self._rows = []
            self._table_depth += 1
        elif self._table_depth:
            if tag == "tr":
                self._rows.append([])
            elif tag in ("td", "th"):
                self._cell = []
            elif tag in BLOCK_TAGS or tag == "br":
                if self._cell is not None:
                    self._cell.append(" ")
        elif tag == "br":
            self._buffer.append("\n")
        elif tag in BLOCK_TAGS:
            self._flush()

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
                self._close_cell()
                self.blocks.append([row for row in self._rows if row])
                self._rows = []
        elif self._table_depth:
            if tag in ("td", "th"):
                self._close_cell()
        elif tag in BLOCK_TAGS:
            self._flush()

    def _close_cell(self) -> None:
        if self._cell is not None:
            if not self._rows:
                self._rows.append([])
            self._rows[-1].append(normalise_space("".join(self._cell)).replace("\n", " "))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._table_depth:
            if self._cell is not None:
                self._cell.append(data)
        else:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        if self._table_depth:
            self._close_cell()
            self.blocks.append([row for row in self._rows if row])
        self._flush()


def html_to_text(html: str | None) -> PlainText:
    """Turn answer HTML into plain text with paragraph offsets and tables apart.

    Args:
        html: The answer HTML (``answerText``); plain text passes through with its blank-line
            paragraphs kept. None or empty gives an empty text.

    Returns:
        The plain text, its paragraphs (offsets into the text) and its tables.
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
        if isinstance(block, list):
            if block:
                tables.append(Table(rows=block, char_offset=offset))
            continue
        for chunk in re.split(r"\n\s*\n", block):
            text = normalise_space(chunk)
            if not text:
                continue
            if parts:
                offset += len(PARAGRAPH_SEPARATOR)
            paragraphs.append(Paragraph(offset, offset + len(text)))
            parts.append(text)
            offset += len(text)
    return PlainText(PARAGRAPH_SEPARATOR.join(parts), paragraphs, tables)
