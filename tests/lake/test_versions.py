from __future__ import annotations

import dataclasses
import json

from support import FIXTURES

from pipeline.ingest.records import Answer, parse_answer
from pipeline.lake.versions import StoredVersion, assign_versions, stored_of

API = FIXTURES / "api"


def detail() -> Answer:
    value = json.loads((API / "aws-samples-detail.json").read_text(encoding="utf-8"))["value"]
    return parse_answer(value)


def with_text(answer: Answer, html: str, **changes: object) -> Answer:
    return dataclasses.replace(answer, answer_html=html, **changes)  # type: ignore[arg-type]


def list_view(answer: Answer) -> Answer:
    return dataclasses.replace(
        answer, answer_html="The department is supporting ...", shape="list", clipped=True
    )


def actions(decisions: list) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    return [(d.action, d.answer.answer_version) for d in decisions]


def test_assign_versions_new_answer_is_inserted_at_its_stage() -> None:
    assert actions(assign_versions([detail()], {})) == [("insert", 1)]


def test_assign_versions_same_content_is_unchanged() -> None:
    a = detail()
    assert actions(assign_versions([a], {a.id: [stored_of(a)]})) == [("unchanged", 1)]


def test_assign_versions_detail_upgrades_a_stored_list_item() -> None:
    a = detail()
    stored = {a.id: [stored_of(list_view(a))]}
    assert actions(assign_versions([a], stored)) == [("upgrade", 1)]


def test_assign_versions_list_item_never_replaces_a_detail() -> None:
    a = detail()
    assert actions(assign_versions([list_view(a)], {a.id: [stored_of(a)]})) == [("unchanged", 1)]


def test_assign_versions_list_then_detail_in_one_batch_is_one_insert() -> None:
    a = detail()
    decisions = assign_versions([list_view(a), a], {})
    assert actions(decisions) == [("insert", 1)]
    assert decisions[0].answer.shape == "detail"


def test_assign_versions_correction_is_the_next_version() -> None:
    a = detail()
    corrected = with_text(a, "<p>Corrected.</p>", is_correction=True, answer_version=2)
    assert actions(assign_versions([corrected], {a.id: [stored_of(a)]})) == [("insert", 2)]


def test_assign_versions_a_second_different_text_gets_the_next_free_version() -> None:
    a = detail()
    v2 = with_text(a, "<p>First correction.</p>", is_correction=True, answer_version=2)
    v3 = with_text(a, "<p>Second correction.</p>", is_correction=True, answer_version=2)
    stored = {a.id: [stored_of(a), stored_of(v2)]}
    assert actions(assign_versions([v3], stored)) == [("insert", 3)]


def test_assign_versions_replaying_old_state_after_a_correction_is_unchanged() -> None:
    a = detail()
    v2 = with_text(a, "<p>Corrected.</p>", is_correction=True, answer_version=2)
    stored = {a.id: [stored_of(a), stored_of(v2)]}
    assert actions(assign_versions([a, v2, list_view(a)], stored)) == [
        ("unchanged", 1),
        ("unchanged", 2),
        ("unchanged", 1),
    ]


def test_assign_versions_is_idempotent_over_its_own_output() -> None:
    a = detail()
    batch = [
        list_view(a),
        a,
        with_text(a, "<p>Corrected.</p>", is_correction=True, answer_version=2),
    ]
    first = assign_versions(batch, {})
    stored: dict[int, list[StoredVersion]] = {}
    for d in first:
        stored.setdefault(d.answer.id, []).append(stored_of(d.answer))
    assert all(d.action == "unchanged" for d in assign_versions(batch, stored))
