"""The audit's rules, kept as data: typed rule objects read from JSONL and validated on load.

Five files in a lexicon folder (the default is ``pipeline/audit/data/``):

- ``initiatives.jsonl``: head nouns of initiative names with their category ("Plan" -> ``plan``),
  connectors allowed inside a name, words stripped from its start, exclusions (regexes over the
  normalised name).
- ``actions.jsonl``: action families ("publish": publish/published/publication) that decide
  whether a later statement concerns the same action as a commitment.
- ``cues.jsonl``: regexes around an initiative mention that make an evidence statement
  ("X, published on 3 July"; "X, due for publication early next year").
- ``departments.jsonl``: renamed departments mapped to their successors.
- ``vocabulary.jsonl``: words too common to say what a deliverable is, and kinds of document that
  say it only with a subject ("an interim report" of what?).

Every rule is built ``from_dict``: unknown keys, missing keys and bad enum values raise
:class:`~pipeline.nlp.rules.RuleError` naming the file, line, field, value and what is allowed.
Audit-specific codes: PCT601 (a rule with an empty word list), PCT602 (a cue pattern without its
action placeholder), PCT603 (duplicate rule id), PCT604 (an action family covering an unknown one).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.nlp.rules import (
    RuleError,
    check_enum,
    check_keys,
    check_regex,
    check_type,
    load_rules,
    write_jsonl,
)

DEFAULT_LEXICON = Path(__file__).resolve().parent / "data"

INITIATIVE_KINDS: tuple[str, ...] = (
    "head",
    "connector",
    "post",
    "strip",
    "barrier",
    "key_prefix",
    "exclude",
)
INITIATIVE_CATEGORIES: tuple[str, ...] = (
    "programme", "plan", "strategy", "fund", "review", "board", "partnership", "scheme",
    "framework", "taskforce", "initiative", "white_paper",
)  # fmt: skip
CUE_KINDS: tuple[str, ...] = ("done", "future", "date_gap", "citation", "due_start", "due_span")
CUE_SIDES: tuple[str, ...] = ("before", "after")
VOCABULARY_KINDS: tuple[str, ...] = ("generic", "document")
STRENGTHS: tuple[str, ...] = ("firm", "soft")
ACTION_FORMS: tuple[str, ...] = ("base", "past", "noun")
PLACEHOLDERS: tuple[str, ...] = tuple("{" + f + "}" for f in ACTION_FORMS)


class NoRulesWarning(UserWarning):
    """A lexicon file holds no rules: the audit runs but finds nothing of that kind."""


def _words(
    data: Mapping[str, Any], key: str, where: str, *, allow_empty: bool = False
) -> tuple[str, ...]:
    value = check_type(data.get(key, []), list, field=key, where=where)
    for item in value:
        check_type(item, str, field=key, where=where)
        if not item.strip():
            raise RuleError("PCT601", f"{where}: field {key!r} holds an empty string")
    if not value and not allow_empty:
        raise RuleError("PCT601", f"{where}: field {key!r} must list at least one word")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class InitiativeRule:
    """One rule of ``initiatives.jsonl``.

    Attributes:
        id: Unique identifier (provenance of a mention).
        kind: ``head`` (name-final nouns), ``connector`` (lower-case words inside a name),
            ``post`` (words that start a complement after a bare head: "Plan for Change"),
            ``strip`` (leading words that are not part of a name), ``barrier`` (capitalised words
            a name never runs back over, such as month names), ``key_prefix`` (leading words left
            off the key, not the name: "NHS"), ``exclude`` (names that are not initiatives).
        words: The words, as written (heads are capitalised; others matched case-insensitively).
        category: For ``head``: the category of initiative it names.
        pattern: For ``exclude``: a regex matched against the normalised key.
        note: Free text for the reader.
    """

    id: str
    kind: str
    words: tuple[str, ...] = ()
    category: str | None = None
    pattern: str | None = None
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "initiatives.jsonl") -> InitiativeRule:
        """Build and validate a rule; raise RuleError naming the field and allowed values."""
        check_keys(
            data,
            required=("id", "kind"),
            optional=("words", "category", "pattern", "note"),
            where=where,
        )
        check_type(data["id"], str, field="id", where=where)
        kind = check_enum(data["kind"], INITIATIVE_KINDS, field="kind", where=where)
        category = pattern = None
        words: tuple[str, ...] = ()
        if kind == "exclude":
            check_keys(data, required=("id", "kind", "pattern"), optional=("note",), where=where)
            pattern = check_regex(data["pattern"], field="pattern", where=where).pattern
        else:
            words = _words(data, "words", where)
            if kind == "head":
                check_keys(
                    data,
                    required=("id", "kind", "words", "category"),
                    optional=("note",),
                    where=where,
                )
                category = check_enum(
                    data["category"], INITIATIVE_CATEGORIES, field="category", where=where
                )
            else:
                check_keys(data, required=("id", "kind", "words"), optional=("note",), where=where)
        return cls(data["id"], kind, words, category, pattern, str(data.get("note", "")))

    def to_dict(self) -> dict[str, Any]:
        """The rule in its canonical JSONL form."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind}
        if self.words:
            out["words"] = list(self.words)
        if self.category is not None:
            out["category"] = self.category
        if self.pattern is not None:
            out["pattern"] = self.pattern
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class ActionRule:
    """One action family of ``actions.jsonl``.

    Attributes:
        id: Unique identifier.
        family: The family name two statements must share to concern the same action.
        base: Base and -ing forms, lower case ("publish", "roll out").
        past: Past and participle forms ("published", "rolled out").
        noun: Nominalisations ("publication").
        generic: A completion family ("completed", "delivered") that is evidence for any family.
        covers: Other families this one delivers too: a document "published" has been "set out".
        note: Free text for the reader.
    """

    id: str
    family: str
    base: tuple[str, ...]
    past: tuple[str, ...]
    noun: tuple[str, ...] = ()
    generic: bool = False
    covers: tuple[str, ...] = ()
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "actions.jsonl") -> ActionRule:
        """Build and validate a rule; raise RuleError naming the field and allowed values."""
        check_keys(
            data,
            required=("id", "family", "base", "past"),
            optional=("noun", "generic", "covers", "note"),
            where=where,
        )
        check_type(data["id"], str, field="id", where=where)
        check_type(data["family"], str, field="family", where=where)
        generic = check_type(data.get("generic", False), bool, field="generic", where=where)
        return cls(
            id=data["id"],
            family=data["family"],
            base=tuple(w.lower() for w in _words(data, "base", where)),
            past=tuple(w.lower() for w in _words(data, "past", where)),
            noun=tuple(w.lower() for w in _words(data, "noun", where, allow_empty=True)),
            generic=generic,
            covers=_words(data, "covers", where, allow_empty=True),
            note=str(data.get("note", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        """The rule in its canonical JSONL form."""
        out: dict[str, Any] = {"id": self.id, "family": self.family}
        if self.generic:
            out["generic"] = True
        out.update(base=list(self.base), past=list(self.past), noun=list(self.noun))
        if self.covers:
            out["covers"] = list(self.covers)
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class CueRule:
    """One rule of ``cues.jsonl``: a regex next to an initiative mention.

    Attributes:
        id: Unique identifier (provenance of a pattern statement).
        kind: ``done``, ``future``, ``date_gap`` (what may separate a cue from its date) or
            ``citation`` (words that cite a name rather than deliver it: before it, "as set out
            in"; after it, what it contains: "sets out", "recommended that"), ``due_start`` or
            ``due_span`` (due words, matched from their start, that give when something begins
            to apply, "from October", or the period it runs for, "from 1 October 2024 until 31
            March 2025", rather than a deadline).
        side: ``after`` (matched at the start of the text after the mention, anchored with ``^``)
            or ``before`` (matched at the end of the text before it, anchored with ``$``).
        pattern: The regex; ``{base}``, ``{past}`` and ``{noun}`` stand for the action forms.
        strength: ``firm`` or ``soft`` wording.
        note: Free text for the reader.
    """

    id: str
    kind: str
    side: str
    pattern: str
    strength: str = "firm"
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "cues.jsonl") -> CueRule:
        """Build and validate a rule; raise RuleError naming the field and allowed values."""
        check_keys(
            data,
            required=("id", "kind", "side", "pattern"),
            optional=("strength", "note"),
            where=where,
        )
        check_type(data["id"], str, field="id", where=where)
        kind = check_enum(data["kind"], CUE_KINDS, field="kind", where=where)
        side = check_enum(data["side"], CUE_SIDES, field="side", where=where)
        strength = check_enum(
            data.get("strength", "firm"), STRENGTHS, field="strength", where=where
        )
        pattern = check_type(data["pattern"], str, field="pattern", where=where)
        if kind in ("done", "future") and not any(p in pattern for p in PLACEHOLDERS):
            raise RuleError(
                "PCT602",
                f"{where}: field 'pattern' has no action placeholder; "
                f"allowed: {', '.join(PLACEHOLDERS)}",
            )
        check_regex(_fill(pattern, {f: "x" for f in ACTION_FORMS}), field="pattern", where=where)
        return cls(data["id"], kind, side, pattern, strength, str(data.get("note", "")))

    def to_dict(self) -> dict[str, Any]:
        """The rule in its canonical JSONL form."""
        out: dict[str, Any] = {
            "id": self.id, "kind": self.kind, "side": self.side, "pattern": self.pattern,
            "strength": self.strength,
        }  # fmt: skip
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class DepartmentRule:
    """A renamed department: ``name`` is audited as ``canonical``."""

    id: str
    name: str
    canonical: str
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "departments.jsonl") -> DepartmentRule:
        """Build and validate a rule; raise RuleError naming the field."""
        check_keys(data, required=("id", "name", "canonical"), optional=("note",), where=where)
        for key in ("id", "name", "canonical"):
            check_type(data[key], str, field=key, where=where)
        return cls(data["id"], data["name"], data["canonical"], str(data.get("note", "")))

    def to_dict(self) -> dict[str, Any]:
        """The rule in its canonical JSONL form."""
        out = {"id": self.id, "name": self.name, "canonical": self.canonical}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class VocabularyRule:
    """Words left out of deliverable terms (``kind="generic"``), or kinds of document
    (``kind="document"``: "report", "impact assessment") that name no deliverable on their own."""

    id: str
    kind: str
    words: tuple[str, ...]
    note: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str = "vocabulary.jsonl") -> VocabularyRule:
        """Build and validate a rule; raise RuleError naming the field and allowed values."""
        check_keys(data, required=("id", "kind", "words"), optional=("note",), where=where)
        check_type(data["id"], str, field="id", where=where)
        kind = check_enum(data["kind"], VOCABULARY_KINDS, field="kind", where=where)
        words = tuple(w.lower() for w in _words(data, "words", where))
        return cls(data["id"], kind, words, str(data.get("note", "")))

    def to_dict(self) -> dict[str, Any]:
        """The rule in its canonical JSONL form."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "words": list(self.words)}
        if self.note:
            out["note"] = self.note
        return out


def _fill(pattern: str, forms: Mapping[str, str]) -> str:
    for name, alternation in forms.items():
        pattern = pattern.replace("{" + name + "}", alternation)
    return pattern


def _alternation(words: Iterable[str]) -> str:
    """A regex group matching any of ``words`` (longest first, spaces as ``\\s+``)."""
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    if not unique:
        return "(?!x)x"
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) + ")"


@dataclass(frozen=True, slots=True)
class CompiledCue:
    """A cue rule with its action placeholders filled in and compiled."""

    rule: CueRule
    regex: re.Pattern[str]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Every audit rule, validated, with the regexes built from them compiled once.

    Attributes:
        initiative_rules: Rules of ``initiatives.jsonl``.
        action_rules: Rules of ``actions.jsonl``.
        cue_rules: Rules of ``cues.jsonl``.
        department_rules: Rules of ``departments.jsonl``.
        vocabulary_rules: Rules of ``vocabulary.jsonl``.
    """

    initiative_rules: tuple[InitiativeRule, ...] = ()
    action_rules: tuple[ActionRule, ...] = ()
    cue_rules: tuple[CueRule, ...] = ()
    department_rules: tuple[DepartmentRule, ...] = ()
    vocabulary_rules: tuple[VocabularyRule, ...] = ()
    heads: dict[str, InitiativeRule] = field(init=False, repr=False)
    head_regex: re.Pattern[str] = field(init=False, repr=False)
    connectors: frozenset[str] = field(init=False, repr=False)
    post_words: frozenset[str] = field(init=False, repr=False)
    strip_words: frozenset[str] = field(init=False, repr=False)
    barrier_words: frozenset[str] = field(init=False, repr=False)
    key_prefixes: frozenset[str] = field(init=False, repr=False)
    exclude_regexes: tuple[re.Pattern[str], ...] = field(init=False, repr=False)
    action_regex: re.Pattern[str] = field(init=False, repr=False)
    action_family: dict[str, str] = field(init=False, repr=False)
    form_regexes: dict[str, re.Pattern[str]] = field(init=False, repr=False)
    generic_families: frozenset[str] = field(init=False, repr=False)
    covers: dict[str, frozenset[str]] = field(init=False, repr=False)
    cues: tuple[CompiledCue, ...] = field(init=False, repr=False)
    date_gaps: tuple[re.Pattern[str], ...] = field(init=False, repr=False)
    citations: tuple[re.Pattern[str], ...] = field(init=False, repr=False)
    citations_after: tuple[re.Pattern[str], ...] = field(init=False, repr=False)
    due_shapes: tuple[tuple[str, re.Pattern[str]], ...] = field(init=False, repr=False)
    departments: dict[str, str] = field(init=False, repr=False)
    generic_words: frozenset[str] = field(init=False, repr=False)
    document_words: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _check_unique(self.initiative_rules, "initiatives.jsonl")
        _check_unique(self.action_rules, "actions.jsonl")
        _check_unique(self.cue_rules, "cues.jsonl")
        _check_unique(self.department_rules, "departments.jsonl")
        _check_unique(self.vocabulary_rules, "vocabulary.jsonl")
        set_ = functools.partial(object.__setattr__, self)
        heads = {w: r for r in self.initiative_rules if r.kind == "head" for w in r.words}
        set_("heads", heads)
        set_("head_regex", re.compile(r"(?<![\w-])" + _alternation(heads) + r"(?![\w-])"))
        for kind, attr in (
            ("connector", "connectors"),
            ("post", "post_words"),
            ("strip", "strip_words"),
            ("barrier", "barrier_words"),
            ("key_prefix", "key_prefixes"),
        ):
            set_(
                attr,
                frozenset(
                    w.lower() for r in self.initiative_rules if r.kind == kind for w in r.words
                ),
            )
        set_(
            "exclude_regexes",
            tuple(
                re.compile(r.pattern)
                for r in self.initiative_rules
                if r.kind == "exclude" and r.pattern
            ),
        )
        family: dict[str, str] = {}
        for rule in self.action_rules:
            for form in (*rule.base, *rule.past, *rule.noun):
                family.setdefault(form, rule.family)
        set_("action_family", family)
        set_(
            "action_regex",
            re.compile(r"(?<![\w-])" + _alternation(family) + r"(?![\w-])", re.IGNORECASE),
        )
        set_("generic_families", frozenset(r.family for r in self.action_rules if r.generic))
        set_("covers", _covers(self.action_rules))
        forms = {
            name: _alternation(w for r in self.action_rules for w in getattr(r, name))
            for name in ACTION_FORMS
        }
        set_(
            "form_regexes",
            {
                name: re.compile(r"(?<![\w-])" + alternation + r"(?![\w-])", re.IGNORECASE)
                for name, alternation in forms.items()
            },
        )
        set_(
            "cues",
            tuple(
                CompiledCue(r, re.compile(_fill(r.pattern, forms), re.IGNORECASE))
                for r in self.cue_rules
                if r.kind in ("done", "future")
            ),
        )
        for side, attr in (("before", "citations"), ("after", "citations_after")):
            set_(
                attr,
                tuple(
                    re.compile(r.pattern, re.IGNORECASE)
                    for r in self.cue_rules
                    if r.kind == "citation" and r.side == side
                ),
            )
        set_(
            "due_shapes",
            tuple(
                (r.kind.removeprefix("due_"), re.compile(r.pattern, re.IGNORECASE))
                for r in self.cue_rules
                if r.kind in ("due_span", "due_start")
            ),
        )
        set_(
            "date_gaps",
            tuple(
                re.compile(r.pattern, re.IGNORECASE) for r in self.cue_rules if r.kind == "date_gap"
            ),
        )
        set_("departments", {r.name: r.canonical for r in self.department_rules})
        for kind, attr in (("generic", "generic_words"), ("document", "document_words")):
            set_(
                attr,
                frozenset(w for r in self.vocabulary_rules if r.kind == kind for w in r.words),
            )

    def family_of(self, form: str) -> str | None:
        """The action family of a matched form ("Published" -> ``publish``), or None."""
        return self.action_family.get(re.sub(r"\s+", " ", form.lower()))

    def department(self, name: str | None) -> str | None:
        """The department ``name`` is audited as (its successor when it was renamed)."""
        return self.departments.get(name, name) if name else name

    def is_excluded(self, key: str) -> bool:
        """True when a normalised initiative name is excluded by a rule."""
        return any(regex.search(key) for regex in self.exclude_regexes)

    def to_disk(self, folder: Path) -> None:
        """Write every rule file to ``folder`` in canonical form (what ``from_disk`` reads)."""
        for name, rules in self._files().items():
            write_jsonl(Path(folder) / name, (r.to_dict() for r in rules))

    @property
    def version(self) -> str:
        """A short hash of every rule in canonical form: changes whenever a rule changes."""
        payload = {name: [r.to_dict() for r in rules] for name, rules in self._files().items()}
        digest = hashlib.sha256(
            json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()
        return f"audit-lexicon-{digest[:12]}"

    def _files(self) -> dict[str, tuple[Any, ...]]:
        return {
            "initiatives.jsonl": self.initiative_rules,
            "actions.jsonl": self.action_rules,
            "cues.jsonl": self.cue_rules,
            "departments.jsonl": self.department_rules,
            "vocabulary.jsonl": self.vocabulary_rules,
        }

    @classmethod
    def from_disk(cls, folder: Path) -> Lexicon:
        """Read and validate every rule file of ``folder``; warn for each file with no rules.

        Raises:
            RuleError: For a malformed rule (the message names file, line, field and value).
        """
        folder = Path(folder)
        loaded: dict[str, Any] = {}
        for name, builder in (
            ("initiatives.jsonl", InitiativeRule.from_dict),
            ("actions.jsonl", ActionRule.from_dict),
            ("cues.jsonl", CueRule.from_dict),
            ("departments.jsonl", DepartmentRule.from_dict),
            ("vocabulary.jsonl", VocabularyRule.from_dict),
        ):
            path = folder / name
            rules = tuple(load_rules(path, builder)) if path.exists() else ()
            if not rules:
                warnings.warn(
                    f"audit lexicon {path}: no rules loaded; the audit will find nothing it needs",
                    NoRulesWarning,
                    stacklevel=2,
                )
            loaded[name] = rules
        return cls(
            loaded["initiatives.jsonl"],
            loaded["actions.jsonl"],
            loaded["cues.jsonl"],
            loaded["departments.jsonl"],
            loaded["vocabulary.jsonl"],
        )


def _covers(rules: Iterable[ActionRule]) -> dict[str, frozenset[str]]:
    """Family -> the other families it delivers too; raise PCT604 for an unknown family."""
    rules = tuple(rules)
    families = {r.family for r in rules}
    covers: dict[str, set[str]] = {}
    for rule in rules:
        for other in rule.covers:
            if other not in families:
                raise RuleError(
                    "PCT604",
                    f"actions.jsonl rule {rule.id!r}: field 'covers' has value {other!r}; "
                    f"allowed: {', '.join(sorted(families))}",
                )
            covers.setdefault(rule.family, set()).add(other)
    return {family: frozenset(others) for family, others in covers.items()}


def _check_unique(rules: Iterable[Any], name: str) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError("PCT603", f"{name}: duplicate rule id {rule.id!r}")
        seen.add(rule.id)


@functools.cache
def load_lexicon(folder: str | Path | None = None) -> Lexicon:
    """The lexicon in ``folder`` (default: the bundled ``pipeline/audit/data``), cached per path."""
    return Lexicon.from_disk(Path(folder) if folder is not None else DEFAULT_LEXICON)
