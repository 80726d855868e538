"""What changed between two runs of the engine over the same answers, row by row.

Every rule change here is checked by running ``commitments predict --full`` before and after it
over the whole corpus and reading each row that changed. :func:`diff_records` compares the two
files answer by answer on the fields a reader judges (the quote and kind of a commitment, its
actor and due, the text and value of a time expression or quantity), and can leave out answers
that must not be read (test sets) while still counting them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: The fields compared per row, by section.
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "commitments": ("quote", "kind", "actor", "due", "negated", "rule"),
    "timexes": ("text", "type", "timex3", "role"),
    "quantities": ("text", "value", "unit"),
}


@dataclass(frozen=True)
class AnswerDiff:
    """The rows of one answer only in the old run (``removed``) or only in the new (``added``),
    each as the compared fields' values."""

    id: str
    removed: tuple[dict[str, Any], ...]
    added: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class RunDiff:
    """The changed answers that may be shown, and what was counted but not shown."""

    section: str
    answers: tuple[AnswerDiff, ...]
    hidden: int = 0
    only_old: tuple[str, ...] = field(default=())
    only_new: tuple[str, ...] = field(default=())

    @property
    def rows_removed(self) -> int:
        return sum(len(a.removed) for a in self.answers)

    @property
    def rows_added(self) -> int:
        return sum(len(a.added) for a in self.answers)


def row_key(row: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """The compared fields of one row (missing ones as None)."""
    return {name: row.get(name) for name in fields}


def _changed(
    old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    removed = tuple(row for row in old if row not in new)
    added = tuple(row for row in new if row not in old)
    return removed, added


def diff_records(
    old: Iterable[Mapping[str, Any]],
    new: Iterable[Mapping[str, Any]],
    section: str = "commitments",
    hide: frozenset[str] = frozenset(),
) -> RunDiff:
    """Compare two prediction files' records (each with an ``id`` and ``section`` rows).

    Answers in ``hide`` are compared and counted in :attr:`RunDiff.hidden` but not returned.
    An answer in one file only is listed in ``only_old`` / ``only_new``, not compared.

    Raises:
        ValueError: ``section`` is not one of :data:`SECTION_FIELDS`.
    """
    if section not in SECTION_FIELDS:
        raise ValueError(f"unknown section {section!r}; one of {', '.join(SECTION_FIELDS)}")
    fields = SECTION_FIELDS[section]
    old_by_id = {str(r["id"]): r for r in old}
    new_by_id = {str(r["id"]): r for r in new}
    answers: list[AnswerDiff] = []
    hidden = 0
    for answer_id in sorted(old_by_id.keys() & new_by_id.keys(), key=_id_order):
        before = [row_key(r, fields) for r in old_by_id[answer_id].get(section) or ()]
        after = [row_key(r, fields) for r in new_by_id[answer_id].get(section) or ()]
        if before == after:
            continue
        if answer_id in hide:
            hidden += 1
            continue
        removed, added = _changed(before, after)
        answers.append(AnswerDiff(answer_id, removed, added))
    return RunDiff(
        section=section,
        answers=tuple(answers),
        hidden=hidden,
        only_old=tuple(sorted(old_by_id.keys() - new_by_id.keys(), key=_id_order)),
        only_new=tuple(sorted(new_by_id.keys() - old_by_id.keys(), key=_id_order)),
    )


def _id_order(answer_id: str) -> tuple[int, str]:
    """Numeric ids in numeric order, others after them."""
    return (int(answer_id), "") if answer_id.isdigit() else (1 << 62, answer_id)
