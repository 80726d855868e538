"""Where answers come from: the API (archived as it is read) or replay files.

A :class:`Source` yields :class:`~pipeline.ingest.replay.RawRecord` objects for a window; the
ingestion job parses them, keeps those in the window, and writes them to the lake. Both kinds
yield the same records for the same responses: replaying a run's raw archive gives what the run
saw.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

import httpx

from pipeline.ingest.archive import ArchiveWriter, archive_path
from pipeline.ingest.client import ClientConfig, QuestionsClient
from pipeline.ingest.records import Answer
from pipeline.ingest.replay import RawRecord, iter_source, name_of
from pipeline.ingest.window import Window


@runtime_checkable
class Source(Protocol):
    """Something that yields the raw records of a window."""

    @property
    def name(self) -> str:
        """How the source is recorded in ``runs.source`` and ``answers.source``."""
        ...

    def records(
        self, window: Window | None, *, archive_root: Path | None, run_id: str
    ) -> Iterator[RawRecord]:
        """The raw records of ``window`` (None: everything the source has)."""
        ...


@dataclass(slots=True)
class ApiSource:
    """The Written Questions API, every response archived before it is parsed.

    Attributes:
        config: Client knobs (base URL, rate limit, retries, detail policy, filters).
        corrections: Also list corrections made in the window (``correctedWhenFrom/To``).
        transport: An httpx transport (tests); the network when None.
        sleep: Sleep function used for rate limiting and backoff (tests pass a recorder).
        archive_file: The archive file of the last :meth:`records` call, once it has one.
    """

    config: ClientConfig = field(default_factory=ClientConfig)
    corrections: bool = True
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] | None = None
    archive_file: Path | None = None

    @property
    def name(self) -> str:
        return "api"

    def records(
        self, window: Window | None, *, archive_root: Path | None, run_id: str
    ) -> Iterator[RawRecord]:
        """List the window's answers and corrections; archive every response first.

        Raises:
            ValueError: When ``window`` is None (the API is read one window at a time).
            ApiError: When the API cannot be read after retries.
        """
        if window is None:
            raise ValueError("the API source needs a window (--from and --to)")
        self.archive_file = (
            archive_path(archive_root, window.start, window.end, run_id) if archive_root else None
        )
        writer = ArchiveWriter(self.archive_file) if self.archive_file else None
        sleep = self.sleep if self.sleep is not None else time.sleep
        try:
            with QuestionsClient(
                self.config, archive=writer, transport=self.transport, sleep=sleep
            ) as client:
                yield from client.fetch_window(window, corrections=self.corrections)
        finally:
            if writer is not None:
                writer.close()


@dataclass(frozen=True, slots=True)
class ReplaySource:
    """Replay files: an API-shaped JSONL/JSON file, a raw archive, page texts, or a folder.

    Attributes:
        path: The file or folder.
    """

    path: Path

    @property
    def name(self) -> str:
        return name_of(self.path)

    def records(
        self, window: Window | None, *, archive_root: Path | None, run_id: str
    ) -> Iterator[RawRecord]:
        """Every record of the files; the window is applied after parsing (dates are inside)."""
        return iter_source(self.path)


def open_source(spec: str | Path | Source, *, config: ClientConfig | None = None) -> Source:
    """``"api"`` -> :class:`ApiSource`; a path -> :class:`ReplaySource`; a Source unchanged.

    Raises:
        FileNotFoundError: When a replay path does not exist.
    """
    if isinstance(spec, Source) and not isinstance(spec, (str, Path)):
        return spec
    if str(spec) == "api":
        return ApiSource(config or ClientConfig())
    path = Path(spec)
    if not path.exists():
        raise FileNotFoundError(f"replay source not found: {path}")
    return ReplaySource(path)


def in_window(answer: Answer, window: Window | None) -> bool:
    """True when the answer was given or corrected in ``window`` (always, for no window)."""
    if window is None:
        return True
    dates: tuple[dt.date | None, ...] = (answer.date_answered, answer.date_corrected)
    return any(day is not None and day in window for day in dates)
