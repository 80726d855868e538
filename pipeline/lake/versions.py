"""Answer versions: decide, for each parsed answer, whether it is new, a fuller view, or known.

The API serves only an answer's current state, so versions are inferred. A parsed answer arrives
with the version its state implies (``pipeline.ingest.records.lifecycle_version``). Against the
versions already stored for its id (and those assigned earlier in the same batch):

1. the same content (``content_hash``) is already stored -> ``unchanged``;
2. nothing is stored at its version -> ``insert`` at that version;
3. a poorer view is stored there (a clipped list item, now the detail) -> ``upgrade``: the row
   is replaced, the version kept;
4. a fuller view is stored there (a detail, now a clipped list item) -> ``unchanged``;
5. a different text of the same completeness is stored there (a second correction, a silent
   edit) -> ``insert`` at the next free version, so the history keeps both.

The result depends on what is stored, not on how often a batch is replayed: replaying any run
again gives only ``unchanged``. One writer per lake at a time (the flows run ingestion serially).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.ingest.records import Answer

Action = Literal["insert", "upgrade", "unchanged"]


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """What the lake holds for one answer version (enough to decide).

    Attributes:
        id: Question id.
        answer_version: Version.
        content_hash: SHA-256 of the stored answer HTML.
        rank: Completeness of the stored view (``Answer.rank``).
    """

    id: int
    answer_version: int
    content_hash: str
    rank: int


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one parsed answer.

    Attributes:
        action: ``insert``, ``upgrade`` or ``unchanged``.
        answer: The answer with its final ``answer_version``.
    """

    action: Action
    answer: Answer


def stored_of(answer: Answer) -> StoredVersion:
    """The stored form of an answer."""
    return StoredVersion(answer.id, answer.answer_version, answer.content_hash, answer.rank)


def assign_versions(
    answers: Iterable[Answer], stored: Mapping[int, Sequence[StoredVersion]]
) -> list[Decision]:
    """Decide every answer of a batch, in order (see the module docstring).

    Args:
        answers: Parsed answers, in the order they were read.
        stored: The versions the lake holds, by question id.

    Returns:
        One decision per write: for each ``(id, answer_version)`` written, the last view that
        won it (``insert`` or ``upgrade``), followed by the ``unchanged`` ones.
    """
    known: dict[int, dict[int, StoredVersion]] = {
        qid: {s.answer_version: s for s in versions} for qid, versions in stored.items()
    }
    writes: dict[tuple[int, int], Decision] = {}
    unchanged: list[Decision] = []
    for answer in answers:
        versions = known.setdefault(answer.id, {})
        digest = answer.content_hash
        same = next((s for s in versions.values() if s.content_hash == digest), None)
        if same is not None:
            if answer.rank > same.rank:
                # Same HTML, fuller view (a list item that was not clipped after all).
                decision = Decision(
                    "upgrade", dataclasses.replace(answer, answer_version=same.answer_version)
                )
                _record(writes, versions, decision)
            else:
                unchanged.append(
                    Decision(
                        "unchanged", dataclasses.replace(answer, answer_version=same.answer_version)
                    )
                )
            continue
        at = versions.get(answer.answer_version)
        if at is None:
            _record(writes, versions, Decision("insert", answer))
        elif answer.rank > at.rank:
            _record(writes, versions, Decision("upgrade", answer))
        elif answer.rank < at.rank:
            unchanged.append(Decision("unchanged", answer))
        else:
            version = max(versions) + 1
            _record(
                writes,
                versions,
                Decision("insert", dataclasses.replace(answer, answer_version=version)),
            )
    return [*writes.values(), *unchanged]


def _record(
    writes: dict[tuple[int, int], Decision], versions: dict[int, StoredVersion], decision: Decision
) -> None:
    """Keep the decision (an in-batch upgrade of an in-batch insert stays an insert)."""
    answer = decision.answer
    key = (answer.id, answer.answer_version)
    previous = writes.get(key)
    if previous is not None and previous.action == "insert":
        decision = Decision("insert", answer)
    writes[key] = decision
    versions[answer.answer_version] = stored_of(answer)
