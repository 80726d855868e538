"""Ingestion: the Written Questions API client, the raw archive, replay readers, HTML to text.

Knows nothing of spaCy or tables. The pieces:

* :mod:`~pipeline.ingest.client` — ``QuestionsClient`` / ``ClientConfig``: windows of answers
  and corrections, paging, detail fetches, rate limit, retries (5xx, error bodies, timeouts,
  429 with ``Retry-After``), one host only;
* :mod:`~pipeline.ingest.archive` — every raw response archived (gzip JSONL per window) before
  it is parsed;
* :mod:`~pipeline.ingest.replay` — API-shaped JSONL/JSON files, raw archives and page texts
  (:mod:`~pipeline.ingest.pagetext`) read as records; ``read_answers(path)`` yields ``Answer``
  or ``Rejected``;
* :mod:`~pipeline.ingest.records` — ``Answer`` (one answer version) and ``parse_answer``;
* :mod:`~pipeline.ingest.html` — answer HTML to plain text with paragraph offsets, tables as
  rows, holding answers flagged;
* :mod:`~pipeline.ingest.sources` — ``ApiSource``, ``ReplaySource`` and ``open_source("api" |
  path)``, what :func:`pipeline.lake.ingest_window` reads.

To ingest into the lake, call :func:`pipeline.lake.ingest_window` (see :mod:`pipeline.lake`).
"""

from __future__ import annotations

from pipeline.ingest.client import ApiError, ClientConfig, QuestionsClient
from pipeline.ingest.records import Answer, RecordError, parse_answer
from pipeline.ingest.replay import Rejected, Skipped, read_answers, read_records
from pipeline.ingest.sources import ApiSource, ReplaySource, Source, open_source
from pipeline.ingest.window import Window

__all__ = [
    "Answer",
    "ApiError",
    "ApiSource",
    "ClientConfig",
    "QuestionsClient",
    "RecordError",
    "Rejected",
    "ReplaySource",
    "Skipped",
    "Source",
    "Window",
    "open_source",
    "parse_answer",
    "read_answers",
    "read_records",
]
