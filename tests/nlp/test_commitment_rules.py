"""The typed rules of ``pct_commitment`` (:mod:`pipeline.nlp.commitment_rules`): validation with
coded messages, canonical round trips, and the anchor words and match windows the component
uses to keep the ``Matcher`` off most of the text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.nlp.commitment_rules import (
    REPEAT_ALLOWANCE,
    ActorRule,
    CommitmentRules,
    ModifierRule,
    TriggerRule,
    VetoRule,
    anchor_token,
    anchor_words,
    match_extent,
)
from pipeline.nlp.rules import RuleError
from pipeline.settings import get_settings

WILL = [{"LOWER": "will"}]


@pytest.mark.parametrize(
    ("cls", "data", "code", "words"),
    [
        (
            TriggerRule,
            {"id": "x", "kind": "later", "pattern": WILL},
            "PCT104",
            ["'kind'", "'later'", "future, ongoing, done"],
        ),
        (
            TriggerRule,
            {"id": "x", "kind": "future", "strength": "weak", "pattern": WILL},
            "PCT104",
            ["'strength'", "firm, soft"],
        ),
        (
            TriggerRule,
            {"id": "x", "kind": "future", "pattern": WILL, "colour": "red"},
            "PCT103",
            ["'colour'"],
        ),
        (TriggerRule, {"id": "x", "pattern": WILL}, "PCT102", ["'kind'"]),
        (TriggerRule, {"id": "x", "kind": "future", "pattern": []}, "PCT105", ["'pattern'"]),
        (
            TriggerRule,
            {"id": "x", "kind": "future", "pattern": [{"LOWER": {"IN": "will"}}]},
            "PCT130",
            ["'pattern'"],
        ),
        (TriggerRule, {"id": 3, "kind": "future", "pattern": WILL}, "PCT105", ["'id'"]),
        (
            ModifierRule,
            {"id": "x", "effect": "louder", "pattern": WILL},
            "PCT104",
            ["'effect'", "soft, firm, assurance, negated"],
        ),
        (
            ModifierRule,
            {"id": "x", "effect": "soft", "scope": "paragraph", "pattern": WILL},
            "PCT104",
            ["'scope'", "trigger, subject, clause"],
        ),
        (
            VetoRule,
            {"id": "x", "category": "rudeness", "pattern": WILL},
            "PCT104",
            ["'category'", "refusal"],
        ),
        (
            VetoRule,
            {"id": "x", "category": "law", "unless": "quantity", "pattern": WILL},
            "PCT104",
            ["'unless'", "evidence"],
        ),
        (
            VetoRule,
            {"id": "x", "category": "law", "kinds": ["past"], "pattern": WILL},
            "PCT104",
            ["'kinds'", "'past'"],
        ),
        (
            VetoRule,
            {"id": "x", "category": "law", "subjects": "all", "pattern": WILL},
            "PCT104",
            ["'subjects'", "any, non_government"],
        ),
        (
            ActorRule,
            {"id": "x", "role": "charity", "pattern": WILL},
            "PCT104",
            ["'role'", "government, other"],
        ),
    ],
)
def test_rule_from_dict_rejects_with_coded_messages(
    cls: Any, data: dict[str, Any], code: str, words: list[str]
) -> None:
    with pytest.raises(RuleError) as err:
        cls.from_dict(data, "rules.jsonl line 7")
    assert err.value.code == code
    assert "rules.jsonl line 7" in str(err.value)
    for word in words:
        assert word in str(err.value)


def test_rules_round_trip_through_canonical_dicts() -> None:
    rules = CommitmentRules.from_dir(get_settings().model / "pct_commitment")
    again = CommitmentRules.from_dicts(
        **{
            "triggers": [r.to_dict() for r in rules.triggers],
            "modifiers": [r.to_dict() for r in rules.modifiers],
            "vetoes": [r.to_dict() for r in rules.vetoes],
            "actors": [r.to_dict() for r in rules.actors],
        }
    )
    assert again == rules
    assert len(rules) == len(rules.triggers) + len(rules.modifiers) + len(rules.vetoes) + len(
        rules.actors
    )


def test_rules_defaults_are_left_out_of_the_canonical_form() -> None:
    rule = TriggerRule.from_dict(
        {
            "id": "x",
            "kind": "future",
            "strength": "firm",
            "actor": "government",
            "negated": False,
            "pattern": WILL,
        }
    )
    assert rule.to_dict() == {"id": "x", "kind": "future", "pattern": WILL}


def test_rules_duplicate_ids_across_families_raise() -> None:
    with pytest.raises(RuleError, match=r"PCT131.*'same'"):
        CommitmentRules.from_dicts(
            triggers=[{"id": "same", "kind": "future", "pattern": WILL}],
            actors=[{"id": "same", "role": "government", "pattern": [{"LOWER": "we"}]}],
        )


def test_rules_missing_files_give_empty_families(tmp_path: Path) -> None:
    assert len(CommitmentRules.from_dir(tmp_path)) == 0


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ([{"LOWER": {"IN": ["will", "shall"]}}, {"LOWER": "be"}], {"will", "shall"}),
        (
            [{"LOWER": {"IN": ["is", "are"]}, "OP": "?"}, {"LOWER": "committed"}, {"LOWER": "to"}],
            {"committed"},
        ),
        (
            [{"LOWER": {"IN": ["has", "have"]}}, {"LOWER": {"IN": ["launched", "published"]}}],
            {"launched", "published"},
        ),
        (
            [{"LOWER": "the", "OP": "?"}, {"ORTH": {"IN": ["NHS"]}}, {"IS_TITLE": True, "OP": "?"}],
            {"nhs"},
        ),
        ([{"LOWER": {"IN": ["is", "are"]}}, {"LOWER": {"REGEX": "ing$"}}], {"is", "are"}),
        ([{"IS_TITLE": True, "OP": "+"}], None),
    ],
)
def test_anchor_words_pick_the_most_selective_required_token(
    pattern: list[dict[str, Any]], words: set[str] | None
) -> None:
    assert anchor_words(pattern) == (frozenset(words) if words is not None else None)


def test_match_extent_sizes_the_window_around_the_anchor() -> None:
    pattern = [
        {"LOWER": {"IN": ["is", "are"]}, "OP": "?"},
        {"LOWER": "also", "OP": "*"},
        {"LOWER": "committed"},
        {"LOWER": "to"},
        {"IS_ALPHA": True, "OP": "{1,3}"},
    ]
    found = anchor_token(pattern)
    assert found == (2, frozenset({"committed"}))
    assert match_extent(pattern, 2) == (1 + REPEAT_ALLOWANCE, 1 + 3)


def test_every_model_rule_has_an_anchor() -> None:
    rules = CommitmentRules.from_dir(get_settings().model / "pct_commitment")
    for family in (rules.triggers, rules.modifiers, rules.vetoes, rules.actors):
        for rule in family:
            assert anchor_words(rule.pattern), (
                f"{rule.id} has no anchor word: the component would match it everywhere"
            )
