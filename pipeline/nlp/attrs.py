"""Names of the places where the components put their results, and the per-doc context.

Components write spans to ``doc.spans[<KEY>]`` and each span's payload (the row's fields as
JSON-serialisable primitives) to ``Span._.<ATTR>``. The context a component needs beyond the
text (the anchor date, the answering body) travels on the Doc as ``Doc._.pct_anchor`` and
``Doc._.pct_answering_body`` (ISO date string and name), so docs survive ``nlp.pipe(n_process>1)``.

``doc.text`` joins every token's text each time it is read (a Python loop over the tokens); the
components read the text through :func:`doc_text`, which keeps it in ``Doc._.pct_text`` after
the first time (a Doc's text never changes: retokenizing merges and splits tokens, not
characters). The engine sets it when it makes the Doc, since it has the text then.

Reading a span group builds a ``Span`` per span (and spaCy's ``Span`` makes three ``Token``
objects to do it). A Doc the engine makes and runs through a pipeline of the model's own
components, and never hands out, is *sealed* (:func:`is_sealed`): its groups are written only
by :func:`store_rows`, which on such a Doc also keeps the rows it stored, with their spans'
offsets and payloads (:func:`stored_rows`), and the lexical token columns read through
:func:`token_column` are kept for the next reader. Any other Doc is read through its groups,
as a user's component may have edited them.
"""

from __future__ import annotations

import datetime as dt
import functools
import keyword
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import fields
from typing import Any, NamedTuple, Protocol, TypeVar

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Span

TIMEX_SPANS = "pct_timexes"
QUANTITY_SPANS = "pct_quantities"
COMMITMENT_SPANS = "pct_commitments"

TIMEX_ATTR = "pct_timex"
QUANTITY_ATTR = "pct_quantity"
COMMITMENT_ATTR = "pct_commitment"

ANCHOR_ATTR = "pct_anchor"
BODY_ATTR = "pct_answering_body"
TEXT_ATTR = "pct_text"
SEALED_ATTR = "pct_sealed"


def _doc_key(name: str) -> tuple[str, str, None, None]:
    """Where spaCy keeps a Doc extension's value in ``Doc.user_data`` (``Underscore._get_key``
    of a Doc: no character offsets)."""
    return ("._.", name, None, None)


_Row = TypeVar("_Row")

_ANCHOR_KEY = _doc_key(ANCHOR_ATTR)
_BODY_KEY = _doc_key(BODY_ATTR)
_TEXT_KEY = _doc_key(TEXT_ATTR)
_SEALED_KEY = _doc_key(SEALED_ATTR)


def _doc_value(doc: Doc, key: tuple[str, str, None, None]) -> Any:
    """The value of a Doc extension registered here (a plain attribute with default None): what
    ``doc._.get(name)`` gives, read without building an ``Underscore`` object (a few
    microseconds, and the components read the context several times per Doc)."""
    user_data: dict[Any, Any] = doc.user_data  # keyed by tuples, not the str of spaCy's stub
    return user_data.get(key)


def span_value(span: Span, attr: str) -> Any:
    """The value of a Span extension registered here (a plain attribute with default None):
    what ``span._.get(attr)`` gives, read from ``Doc.user_data`` under the span's character
    offsets, where spaCy keeps it, without building an ``Underscore`` object."""
    user_data: dict[Any, Any] = span.doc.user_data
    return user_data.get(("._.", attr, span.start_char, span.end_char))


def span_payloads(doc: Doc, key: str, attr: str) -> Iterator[tuple[Span, Any]]:
    """Each span of ``doc.spans[key]``, in the group's order, with its ``attr`` value
    (:func:`span_value`: None when unset); one lookup in ``Doc.user_data`` per span."""
    user_data: dict[Any, Any] = doc.user_data
    for span in doc.spans.get(key, ()):
        yield span, user_data.get(("._.", attr, span.start_char, span.end_char))


class StoredRow(NamedTuple):
    """A row as :func:`store_rows` stored it on a sealed Doc: its span's tokens
    (``doc[start:end]``) and characters, the row itself and its payload (``Span._.<attr>``)."""

    start: int
    end: int
    start_char: int
    end_char: int
    row: Any
    payload: dict[str, Any]


def _rows_key(attr: str) -> tuple[str, str]:
    return ("pct.rows", attr)


def stored_rows(doc: Doc, attr: str) -> list[StoredRow] | None:
    """On a sealed Doc (:func:`is_sealed`), the rows :func:`store_rows` stored with the Span
    extension ``attr``, in the group's order (``[]`` when it stored none); on any other Doc,
    None: read the span group (:func:`span_payloads`).

    On a sealed Doc they are exactly the group's spans and payloads, without a ``Span`` built
    per row: ``store_rows`` wrote the group and the record together, once, and nothing edits
    either afterwards (no group exists on a sealed Doc but through ``store_rows``, or empty).
    The list and its payloads are shared: a caller must not change them.
    """
    if not is_sealed(doc):
        return None
    user_data: dict[Any, Any] = doc.user_data
    stored: list[StoredRow] = user_data.get(_rows_key(attr), [])
    return stored


LEXICAL_COLUMNS = frozenset({ORTH, LOWER})
"""The token columns :func:`token_column` keeps on a sealed Doc: attributes of a token's
lexeme (its text's id and its lower-cased text's id), which change only when the tokens do."""


def _column_key(attr: int) -> tuple[str, int]:
    return ("pct.column", attr)


def token_column(doc: Doc, attr: int) -> list[int]:
    """``doc.to_array(attr)`` as a list of ints (``[]`` for an empty Doc).

    On a sealed Doc (:func:`is_sealed`), a column of :data:`LEXICAL_COLUMNS` is read once and
    kept in the Doc's user data, for every later reader of it (the sentencizer reads ``ORTH``
    first; the other components may read it again): on a sealed Doc no component retokenizes
    and none changes a lexeme, so the column stays what ``to_array`` gives. Other columns, and
    any column of other Docs, are read each time. The list is shared: a caller must not
    change it.

    Args:
        doc: The Doc.
        attr: A token attribute id (``spacy.attrs.ORTH``...).
    """
    if not len(doc):
        return []
    if attr not in LEXICAL_COLUMNS or not is_sealed(doc):
        column: list[int] = doc.to_array(attr).tolist()
        return column
    user_data: dict[Any, Any] = doc.user_data
    key = _column_key(attr)
    kept = user_data.get(key)
    if kept is None:
        kept = user_data[key] = doc.to_array(attr).tolist()
    return kept


def register_extensions() -> None:
    """Register the project's Doc and Span extensions (idempotent)."""
    for name in (ANCHOR_ATTR, BODY_ATTR, TEXT_ATTR, SEALED_ATTR):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in (TIMEX_ATTR, QUANTITY_ATTR, COMMITMENT_ATTR):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def set_context(
    doc: Doc,
    anchor: dt.date | None,
    answering_body: str | None = None,
    *,
    text: str | None = None,
    sealed: bool = False,
) -> Doc:
    """Attach the anchor date and answering body to ``doc`` before the pipeline runs.

    Args:
        doc: The Doc, fresh from the tokenizer.
        anchor: The answer date, or None.
        answering_body: The answering department, or None.
        text: The text the Doc was made from, when the caller has it (saves :func:`doc_text`
            joining the tokens); it must be ``doc.text``.
        sealed: Mark the Doc sealed (:func:`is_sealed`): only a caller that runs it through a
            pipeline of the model's own components and keeps it to itself may (the engine).
    """
    register_extensions()
    # what ``doc._.set`` stores for a plain extension, without an ``Underscore`` per call
    user_data: dict[Any, Any] = doc.user_data
    user_data[_ANCHOR_KEY] = anchor.isoformat() if anchor else None
    user_data[_BODY_KEY] = answering_body
    if text is not None:
        user_data[_TEXT_KEY] = text
    if sealed:
        user_data[_SEALED_KEY] = True
    return doc


def is_sealed(doc: Doc) -> bool:
    """Whether ``doc`` is sealed: its span groups and their payloads are written only by
    :func:`store_rows`, each group once, and never edited afterwards.

    The engine seals the Docs it makes and runs through a pipeline of the model's own
    components, each at most once (``pipeline.engine.sealed_pipeline``), and hands back only
    their rows. On a sealed Doc :func:`store_rows` also keeps each group's rows with their
    spans' offsets and payloads (:func:`stored_rows`), so a reader may take them from there
    instead of building a ``Span`` per row (:func:`span_payloads`); any other Doc's groups are
    read.
    """
    return _doc_value(doc, _SEALED_KEY) is True


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc and then kept in ``Doc._.pct_text``.

    A kept text whose length does not reach the end of the last token (a Doc built from another
    one's user data) is joined again. A sealed Doc's kept text is not checked
    (:func:`is_sealed`): the engine kept the very text it tokenised, on a Doc no one else
    builds or edits.
    """
    text = _doc_value(doc, _TEXT_KEY)
    if isinstance(text, str) and (is_sealed(doc) or _fits(doc, text)):
        return text
    register_extensions()
    text = doc.text
    doc._.set(TEXT_ATTR, text)
    return text


def _fits(doc: Doc, text: str) -> bool:
    if len(doc) == 0:
        return text == ""
    last = doc[-1]
    return len(text) == last.idx + len(last.text_with_ws)


def get_anchor(doc: Doc) -> dt.date | None:
    """The anchor date attached to ``doc``, or None when there is none."""
    value = _doc_value(doc, _ANCHOR_KEY)
    return dt.date.fromisoformat(value) if value else None


def get_answering_body(doc: Doc) -> str | None:
    """The answering body attached to ``doc``, or None."""
    value = _doc_value(doc, _BODY_KEY)
    return str(value) if value else None


register_extensions()


class Row(Protocol):
    """What :func:`store_rows` needs of a row: its character offsets (the rows are the
    dataclasses of :mod:`pipeline.types`)."""

    @property
    def char_start(self) -> int: ...

    @property
    def char_end(self) -> int: ...


@functools.cache
def field_names(cls: type) -> tuple[str, ...]:
    """The field names of a row dataclass, in order."""
    return tuple(f.name for f in fields(cls))


def row_payload(row: Any) -> dict[str, Any]:
    """A row dataclass's fields as a dict (what ``dataclasses.asdict`` gives for these rows,
    whose fields are strings, numbers, None and tuples of ints, without its deep copy), in
    field order: through a function made once per class that reads each field by name in one
    dict display (a quarter of the time of a loop of ``getattr``; the components store a
    payload for every row they find).
    """
    cls = row.__class__
    make = _PAYLOADS.get(cls)
    if make is None:
        make = _PAYLOADS[cls] = _make_payload(cls)
    return make(row)


_PAYLOADS: dict[type, Callable[[Any], dict[str, Any]]] = {}


def _make_payload(cls: type) -> Callable[[Any], dict[str, Any]]:
    names = field_names(cls)
    if not all(name.isidentifier() and not keyword.iskeyword(name) for name in names):
        return lambda row: {name: getattr(row, name) for name in names}
    items = ", ".join(f"{name!r}: row.{name}" for name in names)
    namespace: dict[str, Any] = {}
    exec(f"def payload(row):\n    return {{{items}}}", namespace)  # the class's own field names
    payload: Callable[[Any], dict[str, Any]] = namespace["payload"]
    payload.__qualname__ = f"row_payload.<{cls.__qualname__}>"
    return payload


_BUILDERS: dict[type, Callable[[dict[str, Any]], Any]] = {}


def row_builder(cls: type[_Row]) -> Callable[[dict[str, Any]], _Row]:
    """A function that makes a ``cls`` row from a payload holding exactly its fields (what
    :func:`row_payload` gives): ``cls(**payload)`` for a frozen slotted dataclass without
    ``__post_init__``, storing each field through its slot's member descriptor instead of the
    dataclass's ``object.__setattr__`` per field (about three times faster for these rows,
    which the engine makes from every payload it reads). Other classes get ``cls(**payload)``.
    Built once per class.
    """
    build = _BUILDERS.get(cls)
    if build is None:
        build = _BUILDERS[cls] = _make_builder(cls)
    return build


def _make_builder(cls: type[_Row]) -> Callable[[dict[str, Any]], _Row]:
    names = field_names(cls)  # type: ignore[arg-type]  # a class is hashable
    slotted = all(
        isinstance(getattr(cls, name, None), types.MemberDescriptorType) for name in names
    )
    if hasattr(cls, "__post_init__") or not slotted:
        return lambda payload: cls(**payload)
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls}
    body = ["def build(payload):", "    row = _new(_cls)"]
    for i, name in enumerate(names):
        namespace[f"_set{i}"] = getattr(cls, name).__set__
        body.append(f"    _set{i}(row, payload[{name!r}])")
    body.append("    return row")
    exec("\n".join(body), namespace)  # source built here from the class's own field names
    build: Callable[[dict[str, Any]], _Row] = namespace["build"]
    build.__qualname__ = f"row_builder.<{cls.__qualname__}>"
    return build


def store_rows(doc: Doc, key: str, attr: str, rows: Iterable[Any]) -> list[Span]:
    """Store rows as spans in ``doc.spans[key]``, each row's fields in ``Span._.<attr>``.

    A span covers whole tokens (the row's characters, expanded), and spaCy keeps a span's
    extension values under its character offsets: two rows inside the same tokens ("3%/£5" is
    one token) would share one payload, the later overwriting the earlier, and read back as the
    same row twice. The first row of such a group is kept and the others are left out, so that
    no two stored rows share offsets.

    On a sealed Doc (:func:`is_sealed`), the stored rows are also kept with their spans'
    offsets and payloads for :func:`stored_rows` (the Doc never leaves the engine, so the rows
    need not be serialisable).

    Args:
        doc: The Doc.
        key: The span group (``TIMEX_SPANS``, ...).
        attr: The span extension (``TIMEX_ATTR``, ...).
        rows: The rows (:class:`Row`), in text order.

    Returns:
        The spans stored.
    """
    if not Span.has_extension(attr):
        register_extensions()
    spans: list[Span] = []
    seen: set[tuple[int, int]] = set()
    user_data: dict[Any, Any] = doc.user_data
    record: list[StoredRow] | None = [] if is_sealed(doc) else None
    for row in rows:
        span = doc.char_span(row.char_start, row.char_end, alignment_mode="expand")
        if span is None:
            continue
        offsets = (span.start_char, span.end_char)
        if offsets in seen:
            continue
        seen.add(offsets)
        payload = user_data[("._.", attr, *offsets)] = row_payload(row)  # span._.set(...)
        spans.append(span)
        if record is not None:
            record.append(StoredRow(span.start, span.end, *offsets, row, payload))
    doc.spans[key] = spans
    if record is not None:
        user_data[_rows_key(attr)] = record
    return spans
