"""The engine's Python API: load the rule model and turn text into an :class:`Extraction`.

``extract(text, anchor)`` is the contract every evaluation relies on. ``extract_batch`` streams
many texts through ``nlp.pipe`` for throughput, in this process or in worker processes.

With several processes, ``extract_batch`` does not use ``nlp.pipe(n_process=...)``: spaCy's
workers send every processed Doc back with ``Doc.to_bytes`` and the main process rebuilds it
with ``Doc.from_bytes``; for these Docs (spans with payloads) that costs more than running the
pipeline (measured: 4 ms to serialise and 4 ms to rebuild an answer the pipeline analyses in
1 ms), so two processes ran five times slower than one. Here each worker receives plain texts
with their anchors in batches, runs ``nlp.pipe`` itself and sends back only the rows; the calling
process reads the input, puts the results in order and, whenever the workers hold enough work,
analyses batches itself: ``n_process`` processes run the pipeline, ``n_process - 1`` of them
workers (``docs/performance.md``).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import multiprocessing
import multiprocessing.connection
import re
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp import attrs
from pipeline.nlp.tokenizer import with_configured_cache
from pipeline.settings import get_settings
from pipeline.types import Commitment, Extraction, Quantity, Timex

T = TypeVar("T")

logger = logging.getLogger(__name__)

REPEATS_KEPT = 1024
"""Distinct texts ``extract_batch`` remembers to recognise a repeat (see :func:`extract_batch`).
In the shared corpus 534 of 4,431 answers repeat an earlier answer's text, date and department
word for word (one reply to several grouped questions), nearly always within the next two
answers (113 apart at most)."""

IN_FLIGHT_PER_WORKER = 2
"""Batches a worker holds (the one it works on and the next): a worker that sends back a batch's
rows is dealt the next batch at once, so that none waits on another, nor on the calling process
analysing a batch of its own (4 and 8 showed no gain on two cores)."""

AHEAD_PER_WORKER = 4
"""Batches per worker read and not yet handed back, at most: a worker slow on one batch lets the
others run this far ahead (their rows wait to be handed back in order), no further."""


MAX_CHUNK_CHARS = 5_000
"""Longest run of characters without whitespace the engine tokenises (:func:`check_chunks`).

spaCy's tokenizer splits each whitespace-separated chunk by searching its prefix and suffix
rules again after every character it splits off, so a long run of affix characters takes time
quadratic in its length: 4,000 "=" take 2.2 s, 40,000 would take minutes, and the million
characters spaCy's ``max_length`` allows, days. The longest chunk in the shared corpus is a URL
of 341 characters; 5,000 "=" take about 3.4 s."""

_LONG_CHUNK = re.compile(rf"(?<!\S)\S{{{MAX_CHUNK_CHARS + 1}}}")


def check_chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> None:
    """Raise ValueError when ``text`` holds a run of more than ``limit`` characters without
    whitespace (see :data:`MAX_CHUNK_CHARS`), naming its offset and length.

    Raises:
        ValueError: ``[PCT150]``, for such a run (the lake's extraction quarantines the answer,
            as it does one past spaCy's ``max_length``).
    """
    pattern = _LONG_CHUNK if limit == MAX_CHUNK_CHARS else re.compile(rf"(?<!\S)\S{{{limit + 1}}}")
    found = pattern.search(text)
    if found is None:
        return
    start = found.start()
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    raise ValueError(
        f"[PCT150] the text holds a run of {end - start:,} characters without whitespace at "
        f"offset {start} ({text[start : start + 20]!r}...); the tokenizer's time grows with the "
        f"square of such a run, so the engine takes runs of at most {limit:,} characters"
    )


@dataclass(frozen=True, slots=True)
class TextItem:
    """One text to analyse.

    Attributes:
        text: The plain text.
        anchor: The date relative expressions are resolved against (the answer date); a
            datetime becomes its calendar day (:func:`answer_date`).
        answering_body: The answering department, for resolving "we"/"the department".
        key: Caller's identifier, handed back untouched with the result.

    Raises:
        TypeError: When ``anchor`` is neither a date nor None.
    """

    text: str
    anchor: dt.date | None
    answering_body: str | None = None
    key: Any = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "anchor", answer_date(self.anchor))


def answer_date(anchor: object) -> dt.date | None:
    """``anchor`` as a plain :class:`datetime.date` (or None), the engine's answer date.

    A :class:`datetime.datetime` (or a pandas ``Timestamp``, one too) is a ``date`` to the type
    checker but not to the engine, which stores the anchor as its ISO text and reads it back as
    a date: "2024-07-22T12:00:00" failed deep in the time-expression component with "Invalid
    isoformat string". Its calendar day is the answer date.

    Raises:
        TypeError: For anything that is not a date ("2024-07-22" as a string), naming it.
    """
    if anchor is None or type(anchor) is dt.date:
        return anchor
    if isinstance(anchor, dt.datetime):
        return anchor.date()
    if isinstance(anchor, dt.date):
        return dt.date(anchor.year, anchor.month, anchor.day)
    raise TypeError(
        f"the anchor must be a datetime.date or None, not {type(anchor).__name__}: {anchor!r}"
    )


@functools.cache
def load_model(path: str | Path | None = None) -> Language:
    """Load the rule model (cached per path). ``None`` loads the configured default."""
    import pipeline.nlp  # noqa: F401  (registers factories when not installed as a package)

    return spacy.load(Path(path) if path is not None else get_settings().model)


def model_version(nlp: Language) -> str:
    """``<name>-<version>`` of a loaded rule model, recorded with every extracted row."""
    return f"{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0.0.0')}"


_FIELDS: dict[type, frozenset[str]] = {
    cls: frozenset(f.name for f in fields(cls)) for cls in (Timex, Quantity, Commitment)
}
_TUPLE_FIELDS = ("timexes", "quantities")


def _rows(doc: Doc, key: str, attr: str, cls: type[T]) -> list[T]:
    return _rows_from([payload for _, payload in attrs.span_payloads(doc, key, attr)], cls)


def _rows_from(payloads: Iterable[Any], cls: type[T]) -> list[T]:
    """``cls`` rows from span payloads (None skipped), sorted by their offsets."""
    names = _FIELDS[cls]
    tuple_fields = [k for k in _TUPLE_FIELDS if k in names]
    build = attrs.row_builder(cls)
    rows = []
    for payload in payloads:
        if payload is None:
            continue
        exact = payload.keys() == names
        if not exact:
            payload = {k: v for k, v in payload.items() if k in names}
        for k in tuple_fields:
            if isinstance(payload.get(k), list):  # a Doc read back from bytes (msgpack)
                payload = {**payload, k: tuple(payload[k])}
        rows.append(build(payload) if exact else cls(**payload))
    rows.sort(key=_offsets)
    return rows


def _kept(stored: list[attrs.StoredRow], cls: type[T]) -> list[T]:
    """A sealed Doc's stored rows as ``cls`` rows, sorted by their offsets: what
    :func:`_rows_from` gives for their payloads. A stored row of exactly ``cls`` is kept (its
    payload is its fields, :func:`~pipeline.nlp.attrs.row_payload`, so the row built from it
    would equal it); any other is built from its payload."""
    build = attrs.row_builder(cls)
    rows = [s.row if type(s.row) is cls else build(s.payload) for s in stored]
    rows.sort(key=_offsets)
    return rows


def _offsets(row: Any) -> tuple[int, int]:
    return row.char_start, row.char_end


def doc_to_extraction(doc: Doc, version: str = "") -> Extraction:
    """Read the components' results off a processed Doc."""
    rows = _rows_of(doc)
    return Extraction(
        text=attrs.doc_text(doc),
        anchor=attrs.get_anchor(doc) or dt.date.min,
        timexes=rows.timexes,
        quantities=rows.quantities,
        commitments=rows.commitments,
        model_version=version,
    )


def extract_isolated(
    items: Iterable[TextItem],
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[tuple[TextItem, Extraction | Exception]]:
    """Each item with its extraction, in order, or with the exception the engine raised on it.

    Streams through :func:`extract_batch`; when that raises (an answer past spaCy's
    ``max_length`` or :data:`MAX_CHUNK_CHARS`, or a bug one text provokes), the items it had
    read and not handed back, then the rest, are extracted one by one with :func:`extract`, so
    the failure is pinned on its item and every other item still gets its extraction. Items are
    read lazily, as :func:`extract_batch` reads them; an error raised by ``items`` itself
    propagates (it is not an item's failure).

    Args:
        items: The texts.
        nlp: A loaded rule model; the configured default model when None.
        n_process: Processes for :func:`extract_batch`.
        batch_size: Texts per batch.
    """
    nlp = nlp or load_model()
    source = iter(items)
    pending: deque[TextItem] = deque()  # read by extract_batch, not yet handed back
    unreadable: list[Exception] = []  # the input's own failure, which is not the engine's

    def read() -> Iterator[TextItem]:
        while True:
            try:
                item = next(source)
            except StopIteration:
                return
            except Exception as err:
                unreadable.append(err)
                raise
            pending.append(item)
            yield item

    try:
        for item, result in extract_batch(
            read(), nlp=nlp, n_process=n_process, batch_size=batch_size
        ):
            pending.popleft()
            yield item, result
        return
    except Exception as err:  # the engine failed somewhere in a batch: isolate the culprit
        if unreadable:
            raise
        logger.warning(
            "engine failed in a batch (%s); extracting the remaining answers one by one", err
        )
    for item in itertools.chain(pending, source):
        try:
            yield item, extract(item.text, item.anchor, answering_body=item.answering_body, nlp=nlp)
        except Exception as err:
            yield item, err


def sealed_pipeline(nlp: Language) -> bool:
    """Whether ``nlp``'s pipeline holds only the model's own components (by exact class: the
    sentencizers, ``pct_timex``, ``pct_quantity``, ``pct_commitment``), each at most once.

    Such a pipeline writes each span group and its payloads once, through
    :func:`~pipeline.nlp.attrs.store_rows` (each component with its own row class: ``Timex``,
    ``Quantity``, ``Commitment``), and nothing in it edits a group or a payload afterwards (the
    components read each other's groups only), retokenizes the Doc or changes a lexeme. So on
    a Doc the engine made (:func:`make_doc`: no groups yet) and ran through it, what
    ``store_rows`` recorded (:func:`~pipeline.nlp.attrs.stored_rows`) is exactly each group's
    spans and payloads, and the rows can be read from there without building a ``Span`` per
    row. The engine seals such Docs (:func:`~pipeline.nlp.attrs.is_sealed`), which never leave
    it; any other pipeline's Docs (a user's component that edits a group, a component twice)
    have their groups read.
    """
    from spacy.pipeline import Sentencizer

    from pipeline.nlp.commitment import CommitmentTagger
    from pipeline.nlp.quantity import QuantityTagger
    from pipeline.nlp.sentencizer import ColumnSentencizer
    from pipeline.nlp.timex import TimexTagger

    own = {Sentencizer, ColumnSentencizer, TimexTagger, QuantityTagger, CommitmentTagger}
    kinds = [type(proc) for _, proc in nlp.pipeline]
    return all(kind in own for kind in kinds) and len(set(kinds)) == len(kinds)


def make_doc(nlp: Language, item: TextItem) -> Doc:
    """Tokenise ``item.text`` and attach its context, ready for the pipeline.

    Raises:
        ValueError: When the text holds a run without whitespace longer than
            :data:`MAX_CHUNK_CHARS` (:func:`check_chunks`).
    """
    return _make_doc(nlp, item, sealed=False)


def _make_doc(nlp: Language, item: TextItem, *, sealed: bool) -> Doc:
    """:func:`make_doc`, the Doc sealed when ``sealed`` (``nlp`` a :func:`sealed_pipeline`
    whose Docs the engine keeps to itself)."""
    check_chunks(item.text)
    return attrs.set_context(
        nlp.make_doc(item.text), item.anchor, item.answering_body, text=item.text, sealed=sealed
    )


def extract(
    text: str,
    anchor: dt.date | None,
    *,
    answering_body: str | None = None,
    nlp: Language | None = None,
) -> Extraction:
    """Extract time expressions, quantities and commitments from ``text``.

    Args:
        text: Plain text (an answer with HTML removed, paragraphs separated by blank lines).
        anchor: The answer date; relative expressions ("next year") resolve against it. With
            None, relative expressions are found but left unresolved. A datetime counts as its
            calendar day (:func:`answer_date`).
        answering_body: The answering department, used to resolve "we"/"the department".
        nlp: A loaded rule model; the configured default model when None.

    Returns:
        The extraction, with offsets into ``text``.

    Raises:
        TypeError: When ``anchor`` is neither a date nor None.
    """
    nlp = nlp or load_model()
    item = TextItem(text, anchor, answering_body)
    doc = nlp(_make_doc(nlp, item, sealed=sealed_pipeline(nlp)))
    result = doc_to_extraction(doc, model_version(nlp))
    if item.anchor is not None:
        result.anchor = item.anchor
    return result


def extract_batch(
    items: Iterable[TextItem],
    *,
    nlp: Language | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    repeats_kept: int = REPEATS_KEPT,
) -> Iterator[tuple[TextItem, Extraction]]:
    """Stream ``items`` through the pipeline, yielding each item with its extraction in order.

    An item whose text, anchor and answering body are those of one of the last
    ``repeats_kept`` distinct items is not analysed again: the extraction is a pure function of
    the three, so it gets a copy of the earlier item's (new lists, the same frozen rows).

    Args:
        items: Texts with their anchors; consumed lazily (with several processes, at most
            about ``AHEAD_PER_WORKER * n_process`` batches' worth are read and not yet handed
            back).
        nlp: A loaded rule model; the configured default model when None.
        batch_size: Texts per batch handed to ``nlp.pipe`` (and, with several processes, to a
            worker).
        n_process: Processes that run the pipeline: 1 runs it in this process; more start
            ``n_process - 1`` worker processes beside this one, which analyses batches too (see
            the module docstring); the workers end with the iteration; -1 means one process per
            CPU.
        repeats_kept: Distinct items remembered to recognise a repeat (0: every item is
            analysed).
    """
    nlp = nlp or load_model()
    version = model_version(nlp)
    if n_process == -1:
        n_process = multiprocessing.cpu_count()
    queue = _Queue(repeats_kept)
    if n_process > 1:
        yield from _extract_in_workers(nlp, queue, items, batch_size, n_process, version)
        return

    sealed = sealed_pipeline(nlp)

    def tuples() -> Iterator[tuple[Doc, tuple[TextItem, _Slot]]]:
        for item, slot in queue.distinct(items):
            yield _make_doc(nlp, item, sealed=sealed), (item, slot)

    for doc, (item, slot) in nlp.pipe(tuples(), as_tuples=True, batch_size=batch_size):
        slot.result = _extraction_of(doc, item, version)
        yield from queue.ready()
    yield from queue.ready()


def _extraction_of(doc: Doc, item: TextItem, version: str) -> Extraction:
    """The extraction of ``item``'s analysed Doc (its anchor as the item gives it)."""
    result = doc_to_extraction(doc, version)
    if item.anchor is not None:
        result.anchor = item.anchor
    return result


def _copy(result: Extraction, text: str) -> Extraction:
    """An extraction for ``text`` (equal to ``result.text``): new lists of the same frozen
    rows, so that a caller changing what it was given changes no other item's."""
    return Extraction(
        text=text,
        anchor=result.anchor,
        timexes=list(result.timexes),
        quantities=list(result.quantities),
        commitments=list(result.commitments),
        model_version=result.model_version,
    )


@dataclass(slots=True)
class _Slot:
    """Where the extraction of one distinct item lands (shared by its repeats)."""

    result: Extraction | None = None


class _Queue:
    """The items read and not yet handed back, in order, each with the slot its extraction
    lands in; the slots of the last ``size`` distinct items are kept by text, anchor and
    answering body, so that a repeat shares its original's slot."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.slots: dict[tuple[str, dt.date | None, str | None], _Slot] = {}
        self.items: deque[tuple[TextItem, _Slot]] = deque()

    def distinct(self, items: Iterable[TextItem]) -> Iterator[tuple[TextItem, _Slot]]:
        """Queue every item; yield those to analyse (no repeat of a kept one) with their slot."""
        for item in items:
            slot, seen = self._slot(item)
            self.items.append((item, slot))
            if not seen:
                yield item, slot

    def ready(self) -> Iterator[tuple[TextItem, Extraction]]:
        """The items at the head of the queue whose extraction is there, in order."""
        items = self.items
        while items and items[0][1].result is not None:
            item, slot = items.popleft()
            result = slot.result
            assert result is not None
            yield item, _copy(result, item.text)  # the kept one stays as it was made

    def _slot(self, item: TextItem) -> tuple[_Slot, bool]:
        """The item's slot, and whether an earlier item already has it."""
        if self.size <= 0:
            return _Slot(), False
        key = (item.text, item.anchor, item.answering_body)
        found = self.slots.get(key)
        if found is not None:
            return found, True
        if len(self.slots) >= self.size:
            del self.slots[next(iter(self.slots))]  # the oldest
        slot = self.slots[key] = _Slot()
        return slot, False


@dataclass(frozen=True, slots=True)
class _Rows:
    """What a worker sends back for one text: the rows, without the text."""

    timexes: list[Timex]
    quantities: list[Quantity]
    commitments: list[Commitment]


def _rows_of(doc: Doc) -> _Rows:
    """The rows of a processed Doc, read from its span groups; from a sealed Doc
    (:func:`~pipeline.nlp.attrs.is_sealed`), the rows ``store_rows`` kept (the same rows: see
    :func:`sealed_pipeline`)."""
    timexes = attrs.stored_rows(doc, attrs.TIMEX_ATTR)
    if timexes is not None:  # sealed
        quantities = attrs.stored_rows(doc, attrs.QUANTITY_ATTR) or []
        commitments = attrs.stored_rows(doc, attrs.COMMITMENT_ATTR) or []
        return _Rows(
            _kept(timexes, Timex), _kept(quantities, Quantity), _kept(commitments, Commitment)
        )
    return _Rows(
        _rows(doc, attrs.TIMEX_SPANS, attrs.TIMEX_ATTR, Timex),
        _rows(doc, attrs.QUANTITY_SPANS, attrs.QUANTITY_ATTR, Quantity),
        _rows(doc, attrs.COMMITMENT_SPANS, attrs.COMMITMENT_ATTR, Commitment),
    )


def _worker(nlp: Language, inbox: Any, outbox: Connection, batch_size: int) -> None:
    """A worker process: batches of ``(text, anchor, answering body)`` from ``inbox``, a list of
    :class:`_Rows` (or an error's traceback) per batch to ``outbox``, until ``None`` arrives."""
    with_configured_cache(nlp)  # lost when ``nlp`` was pickled to a spawned process
    sealed = sealed_pipeline(nlp)
    while True:
        batch = inbox.get()
        if batch is None:
            break
        try:
            docs = (
                _make_doc(nlp, TextItem(text, anchor, body), sealed=sealed)
                for text, anchor, body in batch
            )
            message: tuple[str, Any] = (
                "rows",
                [_rows_of(doc) for doc in nlp.pipe(docs, batch_size=batch_size)],
            )
        except Exception:
            message = ("error", traceback.format_exc())
        try:
            outbox.send(message)
        except (BrokenPipeError, EOFError):
            break
    outbox.close()


def _extract_in_workers(
    nlp: Language,
    queue: _Queue,
    items: Iterable[TextItem],
    batch_size: int,
    n_process: int,
    version: str,
) -> Iterator[tuple[TextItem, Extraction]]:
    """``extract_batch`` over ``n_process`` processes: this one and ``n_process - 1`` workers.

    Batches of distinct items are dealt to the workers, ``IN_FLIGHT_PER_WORKER`` each; rows are
    received from whichever worker has finished one (each works through its own batches in the
    order dealt) and that worker is dealt the next batch at once, so a worker never waits on a
    slower one. Whenever every worker holds its share and none has rows to send back, this
    process analyses the next batch itself: it would otherwise mostly wait, and on as many cores
    as processes the workers and their dealer would share the cores the pipeline needs.
    Results are handed back in input order; about ``AHEAD_PER_WORKER * n_process`` batches'
    worth of items at most are read and not yet handed back.
    """
    context = multiprocessing.get_context()
    n_workers = n_process - 1
    inboxes = [context.Queue() for _ in range(n_workers)]
    pipes = [context.Pipe(duplex=False) for _ in range(n_workers)]
    workers = [
        context.Process(
            target=_worker,
            args=(nlp, inbox, send, batch_size),
            daemon=True,
            name=f"pct-extract-{i}",
        )
        for i, (inbox, (_, send)) in enumerate(zip(inboxes, pipes, strict=True))
    ]
    for worker in workers:
        worker.start()
    for _, send in pipes:
        send.close()  # the workers hold the sending ends; a dead worker then reads as EOF
    receivers = {id(receive): index for index, (receive, _) in enumerate(pipes)}
    batches = _batches(queue.distinct(items), batch_size)
    dealt: list[deque[list[tuple[TextItem, _Slot]]]] = [deque() for _ in range(n_workers)]
    limit = AHEAD_PER_WORKER * n_process * max(1, batch_size)  # items read, not handed back
    exhausted = False
    sealed = sealed_pipeline(nlp)

    def deal(index: int) -> None:
        nonlocal exhausted
        batch = next(batches, None)
        if batch is None:
            exhausted = True
            return
        inboxes[index].put([(item.text, item.anchor, item.answering_body) for item, _ in batch])
        dealt[index].append(batch)

    def top_up() -> None:
        for _ in range(IN_FLIGHT_PER_WORKER):
            for index in range(n_workers):
                if (
                    not exhausted
                    and len(queue.items) < limit
                    and len(dealt[index]) < IN_FLIGHT_PER_WORKER
                ):
                    deal(index)

    def run_here() -> None:
        nonlocal exhausted
        batch = next(batches, None)
        if batch is None:
            exhausted = True
            return
        docs = (_make_doc(nlp, item, sealed=sealed) for item, _ in batch)
        for (item, slot), doc in zip(batch, nlp.pipe(docs, batch_size=batch_size), strict=True):
            slot.result = _extraction_of(doc, item, version)

    def receive(index: int) -> None:
        try:
            kind, payload = pipes[index][0].recv()
        except EOFError:
            raise RuntimeError(
                f"extraction worker {index} ended unexpectedly (exit code "
                f"{workers[index].exitcode})"
            ) from None
        if kind == "error":
            raise RuntimeError(f"extraction worker {index} failed:\n{payload}")
        batch = dealt[index].popleft()
        for (item, slot), rows in zip(batch, payload, strict=True):
            slot.result = Extraction(
                text=item.text,
                anchor=item.anchor or dt.date.min,
                timexes=rows.timexes,
                quantities=rows.quantities,
                commitments=rows.commitments,
                model_version=version,
            )

    try:
        top_up()
        while True:
            busy = [pipes[index][0] for index in range(n_workers) if dealt[index]]
            may_run_here = not exhausted and len(queue.items) < limit
            if not busy and not may_run_here:
                break
            # with a batch of its own to analyse, this process only looks for finished rows
            ready = multiprocessing.connection.wait(busy, 0 if may_run_here else None)
            for connection in ready:
                receive(receivers[id(connection)])
            if not ready and may_run_here:
                run_here()
            yield from queue.ready()
            top_up()
        yield from queue.ready()
    finally:
        for inbox in inboxes:
            inbox.put(None)
        for receive_end, _ in pipes:
            receive_end.close()
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.terminate()
                worker.join()
        for inbox in inboxes:
            inbox.close()
            inbox.join_thread()


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, max(1, size))):
        yield batch
