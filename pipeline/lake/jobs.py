"""The library API the CLI and the Prefect flows call: ingest, extract, record runs, export.

Each job is one plain function with a typed result; a flow wraps each in a thin ``@task``:

* :func:`ingest_window` — read a source (the API or replay files) for a window, archive raw
  responses (API), quarantine bad records, assign answer versions and merge ``answers``;
* :func:`extract_answers` — run the engine (``pipeline.engine.extract_batch``) over the answers
  given or corrected in a window and merge ``commitments``, ``time_expressions`` and
  ``quantities`` (the rows of each re-extracted answer are replaced as a whole);
* :func:`record_run` / :func:`last_completed_window` — the ``runs`` table and its watermark;
* :func:`mark_abandoned_runs` — ``running`` rows of runs that died (SIGKILL, OOM, a lost
  machine) become ``abandoned``;
* :func:`lake_tables` / :func:`export_lake` — describe and export the tables.

Every job writes its ``runs`` row when it starts (``running``, with its host, pid and the
process's start time), again
as a heartbeat while it works (``updated_at``, at most every :data:`HEARTBEAT_EVERY`), and when
it ends (``completed`` or ``failed``, with counts, duration and every table write). A run
killed outright cannot write its end; the next job (or ``commitments runs`` / ``tables``) marks
it ``abandoned`` when its process is gone from this host (or its pid now belongs to a process
that started later) or its heartbeat is older than the
staleness limit (``PCT_STALE_AFTER_MINUTES``, default :data:`STALE_AFTER`). Re-running a job
is safe: merges are keyed, so the tables end the same. The engine is imported only by
:func:`extract_answers`, so ingestion never loads spaCy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import socket
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.ingest.records import Answer, view_rank
from pipeline.ingest.replay import RAW_LIMIT, Rejected, Skipped, parse_record
from pipeline.ingest.sources import ApiSource, Source, in_window, open_source
from pipeline.ingest.window import Window
from pipeline.lake.io import (
    ExportResult,
    Lake,
    LakeError,
    LakeLike,
    TableInfo,
    WriteResult,
    export_table,
    merge_rows,
    open_table,
    read_arrow,
    resolve_lake,
    table_info,
)
from pipeline.lake.rows import answer_row, extraction_rows, quarantine_record, record_row
from pipeline.lake.schemas import EXTRACTION_TABLES, TABLES, RunRecord
from pipeline.lake.versions import StoredVersion, assign_versions
from pipeline.settings import DEFAULT_STALE_AFTER, get_settings

if TYPE_CHECKING:
    from spacy.language import Language


logger = logging.getLogger(__name__)

# The extraction tables in commit order: each Delta commit is atomic per table, so the tables
# a commitment points into (``commitments.timexes`` / ``.quantities`` hold their ordinals) are
# committed first, and a run killed between two of a flush's commits never shows a commitment
# whose time expressions or quantities are missing.
WRITE_ORDER: tuple[str, ...] = ("time_expressions", "quantities", "commitments")

# Progress hook: called with (items done since the last call, total items when known).
Progress = Callable[[int, int | None], None]

# A running job rewrites its ``runs`` row (``updated_at``) at most this often, after a batch
# write or while it reads or extracts, so that a row whose heartbeat stopped can be told dead.
HEARTBEAT_EVERY = dt.timedelta(seconds=30)
# A ``running`` row whose heartbeat is older than this is abandoned, wherever it ran, unless
# ``PCT_STALE_AFTER_MINUTES`` (``Settings.stale_after``) sets another limit.
STALE_AFTER = DEFAULT_STALE_AFTER
ABANDONED = "abandoned"


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What :func:`ingest_window` did.

    Attributes:
        run_id: The run's id (its row in ``runs``).
        source: ``api`` or the replay path.
        window: The window, None for "everything the source has".
        records_read: Raw records read.
        answers_inserted: New answer versions written.
        answers_upgraded: Stored versions replaced by a fuller view (list item -> detail).
        answers_unchanged: Records that matched a stored version.
        skipped_unanswered: Questions without an answer.
        skipped_out_of_window: Answers neither given nor corrected in the window.
        quarantined: Records sent to ``quarantine``.
        unknown_fields: Unknown API fields seen, with how many records carried each (kept:
            the record is ingested, the field ignored).
        archive_path: The raw archive written (API source), else None.
        writes: Every table write (path, version, row counts).
        duration_s: Seconds.
    """

    run_id: str
    source: str
    window: Window | None
    records_read: int
    answers_inserted: int
    answers_upgraded: int
    answers_unchanged: int
    skipped_unanswered: int
    skipped_out_of_window: int
    quarantined: int
    unknown_fields: dict[str, int]
    archive_path: Path | None
    writes: tuple[WriteResult, ...]
    duration_s: float


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """What :func:`extract_answers` did.

    Attributes:
        run_id: The run's id (its row in ``runs``).
        window: The window, None for every answer in the lake.
        answers_selected: Answer versions given or corrected in the window (all versions of
            their questions).
        answers_extracted: Answer versions run through the engine.
        skipped_clipped: Answer versions left out because only a clipped list view is stored.
        quarantined: Answer versions the engine failed on (sent to ``quarantine``).
        commitments: Commitment rows produced.
        time_expressions: Time-expression rows produced.
        quantities: Quantity rows produced.
        extractor_version: The rule model's ``<name>-<version>``.
        writes: Every table write (path, version, row counts).
        duration_s: Seconds.
    """

    run_id: str
    window: Window | None
    answers_selected: int
    answers_extracted: int
    skipped_clipped: int
    quarantined: int
    commitments: int
    time_expressions: int
    quantities: int
    extractor_version: str
    writes: tuple[WriteResult, ...]
    duration_s: float


def new_run_id(kind: str) -> str:
    """``<kind>-<UTC yyyymmddThhmmss>-<8 hex>``: unique and sortable by start time."""
    return f"{kind}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _window(start: dt.date | None, end: dt.date | None) -> Window | None:
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise ValueError("give both the start and the end of the window, or neither")
    return Window(start, end)


def _at_least_one(**knobs: int) -> None:
    """Refuse counts below 1 (a usage error, raised before a run is recorded)."""
    for name, value in knobs.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}")


def record_run(run: RunRecord, lake: LakeLike = None) -> WriteResult:
    """Write (or rewrite) one run's row of ``runs``."""
    return merge_rows("runs", [record_row(run)], lake, run_id=run.run_id)


def this_host() -> str:
    """The name runs record as their ``host``."""
    return socket.gethostname()


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (a zombie counts as gone).

    A pid can be reused by a later process, so True means "some process has this pid":
    :func:`process_start` tells whether it is still the same one.
    """
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except (OSError, IndexError):  # no /proc (macOS): os.kill said it exists
        return True


BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def proc_start_ticks(stat: str) -> int:
    """Field 22 of a ``/proc/<pid>/stat`` line: the process's start, in clock ticks after boot.

    The second field (the command name, in parentheses) may itself hold spaces and
    parentheses, so the fields are counted after its last ``)``.

    Raises:
        ValueError: When the line has too few fields or field 22 is not a number.
    """
    fields = stat.rpartition(")")[2].split()  # fields 3, 4, ...
    if len(fields) < 20:
        raise ValueError(f"not a /proc/<pid>/stat line: {stat[:80]!r}")
    return int(fields[19])


def process_start(pid: int) -> str | None:
    """When the process ``pid`` of this machine started, as ``<boot id>:<ticks after boot>``.

    Linux only (``/proc``): None where there is no ``/proc`` and when the process does not
    exist. Two processes that held one pid at different times never share this value, a
    reboot included (the boot id changes), so a run records it beside its pid and
    :func:`abandoned_reason` can tell its process from a later one that reused the pid.
    """
    if pid <= 0:
        return None
    try:
        boot = BOOT_ID.read_text(encoding="ascii").strip()
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            ticks = proc_start_ticks(stat.read())
    except (OSError, ValueError):
        return None
    return f"{boot}:{ticks}"


def abandoned_reason(
    run: Mapping[str, Any],
    *,
    now: dt.datetime,
    host: str,
    stale_after: dt.timedelta = STALE_AFTER,
    alive: Callable[[int], bool] = process_alive,
    started: Callable[[int], str | None] = process_start,
) -> str | None:
    """Why a ``running`` row's run is dead, or None when it may be alive (or is not running).

    Dead: it ran on ``host`` (this machine) and its process is gone, or its pid now belongs
    to another process (one whose start differs from the row's ``process_start``), or its
    heartbeat (``updated_at``; ``started_at`` in rows of schema 1, which have none) is older
    than ``stale_after``. A run on another machine is judged by its heartbeat only; so is the
    pid's owner where the row or this machine gives no start time (rows before schema 3,
    no ``/proc``).

    Args:
        run: A row of ``runs`` (``status``, ``started_at``; ``host``, ``pid``, ``updated_at``
            and ``process_start`` when the lake has them).
        now: The time to judge at (UTC).
        host: This machine's name.
        stale_after: The heartbeat limit.
        alive: Whether a pid is a live process on this machine.
        started: The start time of a live pid on this machine (:func:`process_start`), None
            when unknown.
    """
    if run.get("status") != "running":
        return None
    pid = run.get("pid")
    if run.get("host") == host and pid is not None:
        if not alive(pid):
            return f"its process {pid} on {host} is gone"
        recorded = run.get("process_start")
        current = started(pid) if recorded is not None else None
        if current is not None and current != recorded:
            return f"its process {pid} on {host} is gone (the pid was reused by a later process)"
    beat = run.get("updated_at") or run["started_at"]
    if now - beat > stale_after:
        return f"no heartbeat since {beat:%Y-%m-%d %H:%M:%S} UTC (limit {stale_after})"
    return None


@dataclass(frozen=True, slots=True)
class AbandonedRun:
    """A ``running`` row marked ``abandoned``.

    Attributes:
        run_id: The run.
        kind: ``ingest`` or ``extract``.
        reason: Why it was judged dead (also in the row's ``error``).
    """

    run_id: str
    kind: str
    reason: str


def mark_abandoned_runs(
    lake: LakeLike = None, *, stale_after: dt.timedelta | None = None, record: bool = True
) -> list[AbandonedRun]:
    """Mark the ``running`` rows of dead runs ``abandoned`` (see :func:`abandoned_reason`).

    A live run is never touched: on this machine its process exists and its heartbeat is
    fresh; elsewhere its heartbeat is fresh. The watermark treats ``abandoned`` like
    ``failed``. Works on lakes of schema 1 (no ``host``/``pid``/``updated_at``: judged by
    ``started_at``), whose ``runs`` table gains the columns with this write.

    Args:
        lake: The lake; the configured one when None.
        stale_after: The heartbeat limit; the configured one (``PCT_STALE_AFTER_MINUTES``,
            default :data:`STALE_AFTER`) when None.
        record: Write the marks; False only finds the dead runs (a lake you may not write).

    Returns:
        The runs marked (or found), in ``run_id`` order (none when nothing was running).
    """
    limit = stale_after if stale_after is not None else get_settings().stale_after
    if open_table("runs", lake) is None:
        return []
    rows = read_arrow("runs", lake, filter=pc.field("status") == "running").to_pylist()
    now, host = _now(), this_host()
    marked: list[AbandonedRun] = []
    updates: list[dict[str, Any]] = []
    for row in sorted(rows, key=lambda r: r["run_id"]):
        reason = abandoned_reason(row, now=now, host=host, stale_after=limit)
        if reason is None:
            continue
        updates.append({**row, "status": ABANDONED, "error": f"abandoned: {reason}"})
        marked.append(AbandonedRun(row["run_id"], row["kind"], reason))
    if updates and record:
        merge_rows("runs", updates, lake)
        for run in marked:
            logger.warning("run %s marked abandoned: %s", run.run_id, run.reason)
    return marked


def _mark_abandoned_before(kind: str, lake: Lake) -> None:
    """At a job's start: mark dead runs (a bookkeeping problem does not stop the job)."""
    try:
        mark_abandoned_runs(lake)
    except LakeError as err:
        logger.warning("%s: could not check for abandoned runs: %s", kind, err)


@dataclass(slots=True)
class _Heartbeat:
    """Rewrites a running job's row with a fresh ``updated_at``, at most every
    :data:`HEARTBEAT_EVERY`."""

    run: RunRecord
    lake: Lake
    last: float = dataclasses.field(default_factory=time.monotonic)

    def beat(self) -> None:
        if time.monotonic() - self.last < HEARTBEAT_EVERY.total_seconds():
            return
        self.last = time.monotonic()
        try:
            record_run(dataclasses.replace(self.run, updated_at=_now()), self.lake)
        except LakeError as err:  # a missed beat is not worth the run
            logger.warning("run %s: heartbeat not written: %s", self.run.run_id, err)


def last_completed_window(
    lake: LakeLike = None, *, kind: str = "ingest", source: str | None = None
) -> Window | None:
    """The watermark: the window of the completed run that reached furthest (latest end), but
    never past a window that failed, was abandoned (killed) or is still running, and that no
    completed run has covered since.

    A back-fill whose March window failed while April's completed must not let the nightly
    run start after April: the watermark is then the last completed window ending before the
    first uncovered day of the failed one, so the next run covers that day again.

    Args:
        lake: The lake; the configured one when None.
        kind: ``ingest`` or ``extract``.
        source: Only runs of this source (``api`` or a replay path); any when None.

    Returns:
        That run's window, or None when no completed windowed run exists (or none ends
        before the first uncovered failed day).
    """
    if open_table("runs", lake) is None:
        return None
    expr = (pc.field("kind") == kind) & pc.field("window_end").is_valid()
    if source is not None:
        expr = expr & (pc.field("source") == source)
    columns = ["window_start", "window_end", "finished_at", "status"]
    rows = read_arrow("runs", lake, columns=columns, filter=expr).to_pylist()
    completed = [r for r in rows if r["status"] == "completed"]
    if not completed:
        return None
    covered = _merged((r["window_start"] or r["window_end"], r["window_end"]) for r in completed)
    gaps = [
        _first_uncovered(r["window_start"] or r["window_end"], r["window_end"], covered)
        for r in rows
        if r["status"] != "completed"
    ]
    first_gap = min((g for g in gaps if g is not None), default=None)
    if first_gap is not None:
        completed = [r for r in completed if r["window_end"] < first_gap]
        if not completed:
            return None
    best = max(
        completed,
        key=lambda r: (r["window_end"], r["finished_at"] or dt.datetime.min.replace(tzinfo=dt.UTC)),
    )
    return Window(best["window_start"] or best["window_end"], best["window_end"])


def _merged(windows: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Windows (first and last day) merged into sorted, disjoint, non-adjacent spans."""
    spans: list[tuple[dt.date, dt.date]] = []
    for start, end in sorted(windows):
        if spans and start <= spans[-1][1] + dt.timedelta(days=1):
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _first_uncovered(
    start: dt.date, end: dt.date, spans: Sequence[tuple[dt.date, dt.date]]
) -> dt.date | None:
    """The first day of ``start..end`` outside every span (merged, sorted); None if none."""
    day = start
    for first, last in spans:
        if last < day:
            continue
        if first > day:
            break
        day = last + dt.timedelta(days=1)
    return day if day <= end else None


def _stored_versions(lake: LakeLike, ids: Iterable[int]) -> dict[int, list[StoredVersion]]:
    """What ``answers`` holds for these ids."""
    wanted = sorted(set(ids))
    if not wanted or open_table("answers", lake) is None:
        return {}
    columns = ["id", "answer_version", "content_hash", "clipped", "shape"]
    rows = read_arrow(
        "answers", lake, columns=columns, filter=pc.field("id").isin(pa.array(wanted, pa.int64()))
    ).to_pylist()
    stored: dict[int, list[StoredVersion]] = {}
    for row in rows:
        rank = view_rank(clipped=bool(row["clipped"]), shape=row["shape"] or "detail")
        stored.setdefault(row["id"], []).append(
            StoredVersion(row["id"], row["answer_version"], row["content_hash"], rank)
        )
    return stored


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _quarantine(
    rejected: Sequence[tuple[Rejected, int | None]], *, stage: str, lake: LakeLike, run_id: str
) -> WriteResult | None:
    if not rejected:
        return None
    at = _now()
    rows = [
        record_row(quarantine_record(r, stage=stage, run_id=run_id, at=at, answer_version=v))
        for r, v in rejected
    ]
    return merge_rows("quarantine", rows, lake, run_id=run_id)


def ingest_window(
    source: Source | str | Path,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    lake: LakeLike = None,
    archive: Path | None = None,
    batch_size: int = 2000,
    run_id: str | None = None,
    progress: Progress | None = None,
) -> IngestResult:
    """Ingest the answers of a window from a source into ``answers`` (and ``quarantine``).

    Args:
        source: ``"api"``, a replay path, or a :class:`~pipeline.ingest.sources.Source`.
        start: First day of the window (answered or corrected); None with ``end`` None for
            everything a replay source has (the API needs a window).
        end: Last day of the window.
        lake: The lake; the configured one when None.
        archive: Root of the raw archive (API source); ``PCT_ARCHIVE`` / ``data/archive`` when
            None.
        batch_size: Answer rows per merge (one Delta commit each).
        run_id: The run's id; a new one when None.
        progress: Called with ``(records read since the last call, None)``.

    Returns:
        The counts, the writes and the archive path.

    Raises:
        ValueError: For half a window, a window-less API ingest, or a batch size below 1.
        FileNotFoundError: When a replay path does not exist.
        ApiError: When the API cannot be read after retries (the run is recorded ``failed``).
    """
    _at_least_one(batch_size=batch_size)
    started, clock = _now(), time.perf_counter()
    window = _window(start, end)
    src = open_source(source)
    if isinstance(src, ApiSource) and window is None:
        raise ValueError("the API source needs a window (start and end)")
    target = resolve_lake(lake)
    run_id = run_id or new_run_id("ingest")
    archive_root = Path(archive) if archive is not None else get_settings().archive
    run, writes, heartbeat = _start_run("ingest", run_id, src.name, window, started, target)
    counts: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    try:
        answers: list[Answer] = []
        rejected: list[tuple[Rejected, int | None]] = []
        for raw in src.records(window, archive_root=archive_root, run_id=run_id):
            counts["read"] += 1
            item = parse_record(raw)
            if isinstance(item, Rejected):
                rejected.append((item, None))
            elif isinstance(item, Skipped):
                counts["unanswered"] += 1
            elif not in_window(item, window):
                counts["out_of_window"] += 1
            else:
                unknown.update(item.unknown_fields)
                answers.append(item)
            if progress is not None:
                progress(1, None)
            heartbeat.beat()
        quarantined = _quarantine(rejected, stage="parse", lake=target, run_id=run_id)
        if quarantined is not None:
            writes.append(quarantined)
        decisions = assign_versions(answers, _stored_versions(target, (a.id for a in answers)))
        to_write = sorted(
            (d for d in decisions if d.action != "unchanged"),
            key=lambda d: (d.answer.answered_month, d.answer.id, d.answer.answer_version),
        )
        counts.update(d.action for d in decisions)
        for chunk in _chunks(to_write, batch_size):
            at = _now()
            rows = [
                answer_row(d.answer, source=src.name, run_id=run_id, ingested_at=at) for d in chunk
            ]
            writes.append(merge_rows("answers", rows, target, run_id=run_id))
            heartbeat.beat()
        archive_file = src.archive_file if isinstance(src, ApiSource) else None
    except BaseException as err:
        partial = src.archive_file if isinstance(src, ApiSource) else None
        _finish(
            run,
            target,
            writes,
            counts,
            unknown,
            clock,
            error=err,
            archive=str(partial) if partial else None,
        )
        raise
    duration = time.perf_counter() - clock
    _finish(
        run,
        target,
        writes,
        counts,
        unknown,
        clock,
        archive=str(archive_file) if archive_file else None,
    )
    return IngestResult(
        run_id=run_id,
        source=src.name,
        window=window,
        records_read=counts["read"],
        answers_inserted=counts["insert"],
        answers_upgraded=counts["upgrade"],
        answers_unchanged=counts["unchanged"],
        skipped_unanswered=counts["unanswered"],
        skipped_out_of_window=counts["out_of_window"],
        quarantined=len(rejected),
        unknown_fields=dict(sorted(unknown.items())),
        archive_path=archive_file,
        writes=tuple(writes),
        duration_s=duration,
    )


def _finish(
    run: RunRecord,
    lake: LakeLike,
    writes: list[WriteResult],
    counts: Counter[str],
    unknown: Counter[str],
    clock: float,
    *,
    error: BaseException | None = None,
    archive: str | None = None,
    **extra: Any,
) -> None:
    """Rewrite the run's row with its outcome (best effort when failing)."""
    finished = _now()
    final = dataclasses.replace(
        run,
        status="failed" if error is not None else "completed",
        finished_at=finished,
        updated_at=finished,
        duration_s=time.perf_counter() - clock,
        records_read=counts["read"],
        answers_inserted=counts["insert"],
        answers_upgraded=counts["upgrade"],
        answers_unchanged=counts["unchanged"],
        skipped=counts["unanswered"] + counts["out_of_window"] + counts["clipped"],
        quarantined=counts["quarantined"]
        + sum(w.rows_source for w in writes if w.table == "quarantine"),
        unknown_fields=sorted(unknown),
        archive_path=archive,
        error=f"{type(error).__name__}: {error}" if error is not None else None,
        writes=[w.record() for w in writes if w.table != "runs"],
        **extra,
    )
    try:
        record_run(final, lake)
    except Exception:
        if error is None:
            raise
        logger.exception("could not record the failure of run %s", run.run_id)


def _start_run(
    kind: str,
    run_id: str,
    source: str,
    window: Window | None,
    started: dt.datetime,
    target: Lake,
    extractor_version: str | None = None,
) -> tuple[RunRecord, list[WriteResult], _Heartbeat]:
    """Start a job's run: mark dead runs, then write its ``running`` row (this host, process and
    process start; the rule model's version for an extract run).

    Returns:
        The run, the job's list of writes (the run row's first) and the run's heartbeat.
    """
    run = RunRecord(
        run_id,
        kind,
        "running",
        source,
        window.start if window else None,
        window.end if window else None,
        started,
        host=this_host(),
        pid=os.getpid(),
        process_start=process_start(os.getpid()),
        updated_at=started,
        extractor_version=extractor_version,
    )
    _mark_abandoned_before(kind, target)
    return run, [record_run(run, target)], _Heartbeat(run, target)


@dataclass(frozen=True, slots=True)
class _Selected:
    id: int
    answer_version: int
    text: str
    date_answered: dt.date
    answering_body: str | None


def _select_answers(lake: LakeLike, window: Window | None) -> tuple[list[_Selected], int]:
    """Every version of each question given or corrected in the window; and the clipped ones."""
    columns = ["id", "answer_version", "answer_text", "date_answered", "answering_body", "clipped"]
    if window is None:
        rows = read_arrow("answers", lake, columns=columns)
    else:
        start, end = pa.scalar(window.start, pa.date32()), pa.scalar(window.end, pa.date32())
        answered = (pc.field("date_answered") >= start) & (pc.field("date_answered") <= end)
        corrected = (pc.field("date_corrected") >= start) & (pc.field("date_corrected") <= end)
        ids = read_arrow("answers", lake, columns=["id"], filter=answered | corrected).column("id")
        rows = read_arrow(
            "answers", lake, columns=columns, filter=pc.field("id").isin(pc.unique(ids))
        )
    selected: list[_Selected] = []
    clipped = 0
    for row in rows.to_pylist():
        if row["clipped"]:
            clipped += 1
            continue
        selected.append(
            _Selected(
                row["id"],
                row["answer_version"],
                row["answer_text"] or "",
                row["date_answered"],
                row["answering_body"],
            )
        )
    selected.sort(key=lambda a: (a.id, a.answer_version))
    return selected, clipped


def extract_answers(
    lake: LakeLike = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    write_every: int = 500,
    run_id: str | None = None,
    progress: Progress | None = None,
) -> ExtractResult:
    """Run the engine over ingested answers and merge the three extraction tables.

    Selects every answer version of each question given or corrected in the window (all
    answers when the window is None), leaves out clipped list views, extracts, and replaces
    each answer version's rows in ``commitments``, ``time_expressions`` and ``quantities``.

    Args:
        lake: The lake; the configured one when None.
        start: First day of the window; None with ``end`` None for every answer.
        end: Last day of the window.
        nlp: A loaded rule model; the configured default when None.
        n_process: Processes that run the extraction (``extract_batch``).
        batch_size: Docs per ``nlp.pipe`` batch.
        write_every: Answer versions per merge (one Delta commit per table).
        run_id: The run's id; a new one when None.
        progress: Called with ``(answers done since the last call, answers to do)``.

    Raises:
        LakeError: When there is no ``answers`` table yet.
        ValueError: For half a window, or a batch size, ``write_every`` or ``n_process`` below
            1 (``n_process=-1``, one process per CPU, is allowed); no run is recorded then.
    """
    from pipeline.engine import TextItem, extract_isolated, load_model, model_version

    _at_least_one(batch_size=batch_size, write_every=write_every)
    if n_process != -1:
        _at_least_one(n_process=n_process)
    started, clock = _now(), time.perf_counter()
    window = _window(start, end)
    target = resolve_lake(lake)
    run_id = run_id or new_run_id("extract")
    nlp = nlp or load_model()
    version = model_version(nlp)
    run, writes, heartbeat = _start_run(
        "extract", run_id, target.root, window, started, target, extractor_version=version
    )
    counts: Counter[str] = Counter()
    rows_out: Counter[str] = Counter()
    try:
        selected, clipped = _select_answers(target, window)
        counts["read"] = len(selected) + clipped
        counts["clipped"] = clipped
        items = [TextItem(a.text, a.date_answered, a.answering_body, key=a) for a in selected]
        pending: dict[str, list[dict[str, Any]]] = {t: [] for t in EXTRACTION_TABLES}
        scope: list[int] = []
        failed: list[tuple[Rejected, int | None]] = []
        last_id: int | None = None

        def flush() -> None:
            if not scope:
                return
            # A question whose extraction failed keeps its earlier rows: it is left out of the
            # scope whose unmatched rows the merge deletes.
            failed_ids = {r.id for r, _ in failed}
            replace = [i for i in scope if i not in failed_ids]
            for table in WRITE_ORDER:
                writes.append(
                    merge_rows(
                        table,
                        pending[table],
                        target,
                        scope={"id": replace},
                        run_id=run_id,
                        extractor_version=version,
                    )
                )
                pending[table] = []
            scope.clear()
            heartbeat.beat()

        for item, result in extract_isolated(
            items, nlp=nlp, n_process=n_process, batch_size=batch_size
        ):
            answer: _Selected = item.key
            if answer.id != last_id and len(scope) >= write_every:
                flush()
            last_id = answer.id
            if isinstance(result, BaseException):
                source = f"answers:{answer.id}/v{answer.answer_version}"
                error = f"engine failed: {type(result).__name__}: {result}"
                failed.append(
                    (
                        Rejected(source, error, answer.text[:RAW_LIMIT], answer.id),
                        answer.answer_version,
                    )
                )
                if progress is not None:
                    progress(1, len(items))
                continue
            if not scope or scope[-1] != answer.id:
                scope.append(answer.id)
            counts["extracted"] += 1
            at = _now()
            for table, rows in extraction_rows(
                answer_id=answer.id,
                answer_version=answer.answer_version,
                date_answered=answer.date_answered,
                extraction=result,
                run_id=run_id,
                extracted_at=at,
            ).items():
                pending[table].extend(rows)
                rows_out[table] += len(rows)
            if progress is not None:
                progress(1, len(items))
            heartbeat.beat()
        flush()
        quarantined = _quarantine(failed, stage="extract", lake=target, run_id=run_id)
        if quarantined is not None:
            writes.append(quarantined)
    except BaseException as err:
        _finish(
            run,
            target,
            writes,
            counts,
            Counter(),
            clock,
            error=err,
            answers_extracted=counts["extracted"],
        )
        raise
    _finish(
        run, target, writes, counts, Counter(), clock,
        answers_extracted=counts["extracted"],
        commitments=rows_out["commitments"],
        time_expressions=rows_out["time_expressions"],
        quantities=rows_out["quantities"],
    )  # fmt: skip
    return ExtractResult(
        run_id=run_id,
        window=window,
        answers_selected=counts["read"],
        answers_extracted=counts["extracted"],
        skipped_clipped=clipped,
        quarantined=len(failed),
        commitments=rows_out["commitments"],
        time_expressions=rows_out["time_expressions"],
        quantities=rows_out["quantities"],
        extractor_version=version,
        writes=tuple(writes),
        duration_s=time.perf_counter() - clock,
    )


def lake_tables(lake: LakeLike = None) -> list[TableInfo]:
    """Every registered table's row count, version and path (absent ones included)."""
    return [table_info(name, lake) for name in TABLES]


def export_lake(
    out_dir: Path,
    lake: LakeLike = None,
    *,
    tables: Sequence[str] | None = None,
    current_only: bool = True,
) -> list[ExportResult]:
    """Export tables as single Parquet files (atomic) into ``out_dir``; absent tables skipped.

    Args:
        out_dir: Folder for ``<table>.parquet`` files.
        lake: The lake; the configured one when None.
        tables: Tables to export; every existing table when None.
        current_only: Leave out superseded answer versions (answer-keyed tables).
    """
    names = list(tables) if tables is not None else list(TABLES)
    return [
        export_table(name, out_dir, lake, current_only=current_only)
        for name in names
        if open_table(name, lake) is not None
    ]
