"""The audit's rules are data: validated on load with coded errors, canonical on disk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline.audit.lexicon import (
    DEFAULT_LEXICON,
    ActionRule,
    CueRule,
    InitiativeRule,
    Lexicon,
    NoRulesWarning,
    VocabularyRule,
    load_lexicon,
)
from pipeline.nlp.rules import RuleError

FILES = (
    "initiatives.jsonl",
    "actions.jsonl",
    "cues.jsonl",
    "departments.jsonl",
    "vocabulary.jsonl",
)


def test_load_lexicon_bundled_rules_compile() -> None:
    lexicon = load_lexicon()
    assert "Plan" in lexicon.heads and lexicon.heads["Plan"].category == "plan"
    assert lexicon.family_of("Published") == "publish"
    assert lexicon.family_of("rolled  out") == "launch"
    assert "complete" in lexicon.generic_families
    assert {"report", "interim", "copy", "library"} <= lexicon.document_words
    assert "report" not in lexicon.generic_words
    assert lexicon.covers == {"publish": frozenset({"set_out"})}
    assert lexicon.department("Department for Levelling Up, Housing and Communities") == (
        "Ministry of Housing, Communities and Local Government"
    )
    assert lexicon.department("Treasury") == "Treasury"
    assert lexicon.is_excluded("spending review 2025") and not lexicon.is_excluded(
        "10 year health plan"
    )


@pytest.mark.parametrize(
    ("builder", "data", "code", "fragment"),
    [
        (
            InitiativeRule.from_dict,
            {"id": "x", "kind": "head", "words": ["Plan"], "category": "plan", "colour": "red"},
            "PCT103",
            "'colour'",
        ),
        (
            InitiativeRule.from_dict,
            {"id": "x", "kind": "heads", "words": ["Plan"]},
            "PCT104",
            "'kind' has value 'heads'; allowed: head, connector",
        ),
        (
            InitiativeRule.from_dict,
            {"id": "x", "kind": "head", "words": ["Plan"], "category": "plans"},
            "PCT104",
            "allowed: programme, plan",
        ),
        (
            InitiativeRule.from_dict,
            {"id": "x", "kind": "head", "words": ["Plan"]},
            "PCT102",
            "'category'",
        ),
        (
            InitiativeRule.from_dict,
            {"id": "x", "kind": "connector", "words": []},
            "PCT601",
            "at least one word",
        ),
        (
            InitiativeRule.from_dict,
            {"id": "x", "kind": "exclude", "pattern": "(unclosed"},
            "PCT106",
            "not a valid regex",
        ),
        (
            ActionRule.from_dict,
            {"id": "x", "family": "publish", "base": ["publish"], "past": "published"},
            "PCT105",
            "'past' must be list",
        ),
        (
            ActionRule.from_dict,
            {
                "id": "x",
                "family": "publish",
                "base": ["publish"],
                "past": ["published"],
                "generic": "yes",
            },
            "PCT105",
            "'generic' must be bool",
        ),
        (
            CueRule.from_dict,
            {"id": "x", "kind": "done", "side": "after", "pattern": "^published"},
            "PCT602",
            "no action placeholder",
        ),
        (
            CueRule.from_dict,
            {"id": "x", "kind": "done", "side": "middle", "pattern": "^{past}"},
            "PCT104",
            "'side' has value 'middle'; allowed: before, after",
        ),
        (
            CueRule.from_dict,
            {
                "id": "x",
                "kind": "future",
                "side": "after",
                "pattern": "^{past}",
                "strength": "strong",
            },
            "PCT104",
            "allowed: firm, soft",
        ),
        (
            CueRule.from_dict,
            {"id": "x", "kind": "future", "side": "after", "pattern": "^({past}"},
            "PCT106",
            "not a valid regex",
        ),
        (
            VocabularyRule.from_dict,
            {"id": "x", "kind": "stop", "words": ["a"]},
            "PCT104",
            "allowed: generic",
        ),
    ],
)
def test_rule_from_dict_bad_rule_raises_coded_error(
    builder: Any, data: dict[str, Any], code: str, fragment: str
) -> None:
    with pytest.raises(RuleError) as err:
        builder(data, "test.jsonl line 1")
    assert err.value.code == code
    assert "test.jsonl line 1" in str(err.value) and fragment in str(err.value)


def test_lexicon_action_covering_an_unknown_family_raises() -> None:
    rule = ActionRule.from_dict(
        {
            "id": "p",
            "family": "publish",
            "base": ["publish"],
            "past": ["published"],
            "covers": ["set-out"],
        }
    )
    with pytest.raises(RuleError, match=r"\[PCT604\].*'set-out'; allowed: publish"):
        Lexicon(action_rules=(rule,))


def test_lexicon_duplicate_rule_id_raises() -> None:
    rule = InitiativeRule.from_dict({"id": "same", "kind": "connector", "words": ["and"]})
    with pytest.raises(RuleError, match=r"\[PCT603\].*'same'"):
        Lexicon(initiative_rules=(rule, rule))


def test_from_disk_bad_line_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    shutil.copytree(DEFAULT_LEXICON, folder)
    with (folder / "cues.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(
            json.dumps(
                {"id": "bad", "kind": "done", "side": "after", "pattern": "^x", "strength": "firm"}
            )
            + "\n"
        )
    lines = (folder / "cues.jsonl").read_text(encoding="utf-8").count("\n")
    with pytest.raises(
        RuleError, match=rf"cues.jsonl line {lines}: .*PCT602|\[PCT602\] cues.jsonl line {lines}"
    ):
        Lexicon.from_disk(folder)


def test_from_disk_no_rules_warns(tmp_path: Path) -> None:
    with pytest.warns(NoRulesWarning, match="no rules loaded"):
        lexicon = Lexicon.from_disk(tmp_path)
    assert lexicon.heads == {}


def test_to_disk_from_disk_round_trips_and_bundled_files_are_canonical(tmp_path: Path) -> None:
    lexicon = Lexicon.from_disk(DEFAULT_LEXICON)
    lexicon.to_disk(tmp_path)
    again = Lexicon.from_disk(tmp_path)
    assert again.initiative_rules == lexicon.initiative_rules
    assert again.action_rules == lexicon.action_rules
    assert again.cue_rules == lexicon.cue_rules
    assert again.version == lexicon.version
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (DEFAULT_LEXICON / name).read_bytes(), (
            f"{name} is not in canonical form"
        )


def test_version_changes_with_a_rule(tmp_path: Path) -> None:
    lexicon = Lexicon.from_disk(DEFAULT_LEXICON)
    extra = InitiativeRule.from_dict(
        {"id": "head-compact", "kind": "head", "words": ["Covenant"], "category": "partnership"}
    )
    changed = Lexicon(
        (*lexicon.initiative_rules, extra),
        lexicon.action_rules,
        lexicon.cue_rules,
        lexicon.department_rules,
        lexicon.vocabulary_rules,
    )
    assert changed.version != lexicon.version
    assert "Covenant" in changed.heads
