"""The typed rules of ``pct_commitment`` (:mod:`pipeline.nlp.commitment_rules`): validation with
coded messages, canonical round trips, and the anchor words and match windows the component
uses to keep the ``Matcher`` off most of the text."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pipeline.nlp.commitment_rules import (
    LEXICONS_FILE,
    REPEAT_ALLOWANCE,
    ActorRule,
    CommitmentRules,
    Lexicons,
    ModifierRule,
    TriggerRule,
    VetoRule,
    anchor_token,
    anchor_words,
    apostrophe_twin,
    match_extent,
    with_apostrophe_twins,
)
from pipeline.nlp.rules import RuleError, write_jsonl
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


MODEL_LEXICONS = get_settings().model / "pct_commitment" / LEXICONS_FILE
Rows = list[dict[str, Any]]


def _model_lexicon_rows() -> Rows:
    return [json.loads(line) for line in MODEL_LEXICONS.read_text(encoding="utf-8").splitlines()]


def _with_words(rows: Rows, lexicon: str, words: list[Any]) -> Rows:
    return [{**r, "words": words} if r["id"] == lexicon else r for r in rows]


@pytest.mark.parametrize(
    ("edit", "code", "words"),
    [
        (lambda rows: [*rows, {"id": "colour_words", "words": ["red"]}], "PCT132",
         [f"line {len(_model_lexicon_rows()) + 1}", "'colour_words'", "document_heads"]),
        (lambda rows: [r for r in rows if r["id"] != "document_heads"], "PCT133",
         [LEXICONS_FILE, "'document_heads'"]),
        (lambda rows: [*rows, rows[0]], "PCT134",
         [f"line {len(_model_lexicon_rows()) + 1}", f"{_model_lexicon_rows()[0]['id']!r}"]),
        (lambda rows: _with_words(rows, "law_heads", ["bill", 3]), "PCT135",
         ["'law_heads'", "3", "lower-case"]),
        (lambda rows: _with_words(rows, "law_heads", ["bill", "Act"]), "PCT135",
         ["'law_heads'", "'Act'"]),
        (lambda rows: _with_words(rows, "law_heads", ["bill", ""]), "PCT135", ["'law_heads'", "''"]),
        (lambda rows: _with_words(rows, "law_heads", ["bill", "act", "bill"]), "PCT136",
         ["'law_heads'", "'bill' twice"]),
        (lambda rows: _with_words(rows, "law_heads", "bill"), "PCT105", ["'words'", "list"]),
        (lambda rows: [{**rows[0], "colour": "red"}, *rows[1:]], "PCT103", ["line 1", "'colour'"]),
        (lambda rows: [{"words": ["bill"]}, *rows], "PCT102", ["line 1", "'id'"]),
    ],
)  # fmt: skip
def test_lexicons_bad_file_raises_with_coded_messages(
    tmp_path: Path, edit: Callable[[Rows], Rows], code: str, words: list[str]
) -> None:
    path = tmp_path / LEXICONS_FILE
    write_jsonl(path, edit(_model_lexicon_rows()))
    with pytest.raises(RuleError) as err:
        Lexicons.from_file(path)
    assert err.value.code == code
    message = str(err.value)
    assert LEXICONS_FILE in message and "\n" not in message
    for word in words:
        assert word in message


def test_lexicons_bad_file_fails_the_rules_load(tmp_path: Path) -> None:
    write_jsonl(tmp_path / LEXICONS_FILE, _with_words(_model_lexicon_rows(), "law_heads", ["Bill"]))
    with pytest.raises(RuleError, match="PCT135"):
        CommitmentRules.from_dir(tmp_path)


def test_lexicons_round_trip_through_canonical_rows(tmp_path: Path) -> None:
    lexicons = Lexicons.from_file(MODEL_LEXICONS)
    assert [r["id"] for r in lexicons.to_rows()] == list(Lexicons.ids())
    assert all(r["note"] for r in lexicons.to_rows())
    write_jsonl(tmp_path / LEXICONS_FILE, lexicons.to_rows())
    assert (tmp_path / LEXICONS_FILE).read_bytes() == MODEL_LEXICONS.read_bytes()
    assert Lexicons.from_file(tmp_path / LEXICONS_FILE) == lexicons
    rules = CommitmentRules.from_dir(MODEL_LEXICONS.parent)
    assert rules.files()[LEXICONS_FILE] == lexicons.to_rows()
    assert CommitmentRules().lexicons == rules.lexicons  # the default is the model's file


def test_lexicons_derived_sets_follow_their_sources() -> None:
    lexicons = Lexicons.from_file(MODEL_LEXICONS)
    assert lexicons.process_heads == lexicons.document_heads | lexicons.process_nouns
    assert lexicons.that_clause_verbs == lexicons.complement_verbs | lexicons.that_verbs
    fewer = dataclasses.replace(lexicons, document_heads=lexicons.document_heads - {"plan"})
    assert "plan" in lexicons.process_heads and "plan" not in fewer.process_heads


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


@pytest.mark.parametrize(
    ("word", "twin"),
    [
        ("'ll", "\u2019ll"),
        ("n\u2019t", "n't"),
        ("'ve", "\u2019ve"),
        ("majesty's", "majesty\u2019s"),
        ("'s", None),  # nearly always the possessive after a noun
        ("\u2019S", None),
        ("will", None),
    ],
)
def test_apostrophe_twin(word: str, twin: str | None) -> None:
    assert apostrophe_twin(word) == twin


def test_with_apostrophe_twins_widens_words_and_sets_and_leaves_the_rule_alone() -> None:
    pattern = [
        {"LOWER": {"IN": ["will", "'ll"]}},
        {"ORTH": "n't", "OP": "?"},
        {"LOWER": {"IN": ["'s", "is"]}},
        {"IS_TITLE": True},
    ]
    original = json.loads(json.dumps(pattern))
    widened = with_apostrophe_twins(pattern)
    assert widened == [
        {"LOWER": {"IN": ["will", "'ll", "\u2019ll"]}},
        {"ORTH": {"IN": ["n't", "n\u2019t"]}, "OP": "?"},
        {"LOWER": {"IN": ["'s", "is"]}},
        {"IS_TITLE": True},
    ]
    assert pattern == original
