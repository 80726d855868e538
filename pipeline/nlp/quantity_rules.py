"""The quantity component's rules: typed objects built ``from_dict`` and compiled once.

Three JSONL files in ``models/<model>/pct_quantity/``:

- ``units.jsonl`` (:class:`UnitRule`): currency signs and words, per-cent spellings, measure
  units, time units (durations, which belong to the time expressions) and scale words, each
  with the unit it gives and the canonical name benchmarks use.
- ``cues.jsonl`` (:class:`CueRule`): words around a number that change what it is: hedges
  ("over", "nearly"), changes ("rose by"), reference words ("Question", "paragraph") that make
  it a name, months (dates), and the function words that end a counted noun phrase.
- ``nouns.jsonl`` (:class:`NounRule`): irregular plurals, invariant nouns and fixed compounds
  ("local authorities" -> "local authority").

:func:`compile_lexicon` turns the three lists into a :class:`QuantityLexicon` of compiled
patterns and lookup tables that the pure finder in :mod:`pipeline.nlp.quantity_find` uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any, Literal

from pipeline.nlp.rules import RuleError, check_enum, check_keys, check_type, prefix_tree

UnitKind = Literal["money", "percent", "measure", "duration", "age", "scale"]
Position = Literal["prefix", "suffix"]
Spacing = Literal["any", "glued", "spaced"]
CueKind = Literal[
    "hedge",
    "change",
    "change_after",
    "reference",
    "month",
    "stop",
    "not_plural",
    "trend",
    "adjective",
    "service_number",
    "service_context",
    "age_band",
    "idiom",
    "rounding",
    "verb",
]
NounKind = Literal["irregular", "invariant", "compound"]

UNIT_KINDS: tuple[str, ...] = ("money", "percent", "measure", "duration", "age", "scale")
POSITIONS: tuple[str, ...] = ("prefix", "suffix")
SPACINGS: tuple[str, ...] = ("any", "glued", "spaced")
CUE_KINDS: tuple[str, ...] = (
    "hedge", "change", "change_after", "reference", "month", "stop", "not_plural", "trend",
    "adjective", "service_number", "service_context", "age_band", "idiom", "rounding",
    "verb",
)  # fmt: skip
NOUN_KINDS: tuple[str, ...] = ("irregular", "invariant", "compound")

MAX_ABBREVIATION = 4
"""Reference words this long or shorter may take a period ("para.", "pp.", "No."); longer ones
followed by a period end a sentence."""

UNITS_FILE = "units.jsonl"
CUES_FILE = "cues.jsonl"
NOUNS_FILE = "nouns.jsonl"


def _strings(value: Any, *, field: str, where: str) -> tuple[str, ...]:
    check_type(value, list, field=field, where=where)
    for item in value:
        check_type(item, str, field=field, where=where)
        if not item.strip():
            raise RuleError("PCT105", f"{where}: field {field!r} holds an empty string")
    if not value:
        raise RuleError("PCT105", f"{where}: field {field!r} must not be empty")
    return tuple(value)


@dataclass(frozen=True, slots=True)
class UnitRule:
    """A unit written before or after a number.

    Attributes:
        id: Unique rule id (provenance in ``Quantity.rule``).
        kind: ``money``, ``percent``, ``measure``, ``duration`` (a time span: left to the time
            expressions), ``age`` ("35-year-old") or ``scale`` ("million", "bn").
        forms: The spellings, matched as whole words (case-insensitively unless
            ``case_sensitive``).
        unit: The ``Quantity.unit`` it gives; empty for measures, which keep the written form
            in the singular ("5kg" -> "kg", "10 miles" -> "mile").
        name: The canonical name ("kilogram", "dollar", "percentage"), used to compare with
            benchmarks that normalise units.
        position: ``prefix`` ("£5") or ``suffix`` ("5kg").
        spacing: ``glued`` (only touching the digits: "5p"), ``spaced`` (only after a space) or
            ``any``.
        factor: Multiplies the number (pence 0.01, "million" 1e6).
        case_sensitive: Match the forms exactly as written.
        note: Free text for maintainers.
    """

    id: str
    kind: UnitKind
    forms: tuple[str, ...]
    unit: str = ""
    name: str = ""
    position: Position = "suffix"
    spacing: Spacing = "any"
    factor: float = 1.0
    case_sensitive: bool = False
    note: str = ""

    REQUIRED = ("id", "kind", "forms")
    OPTIONAL = ("unit", "name", "position", "spacing", "factor", "case_sensitive", "note")

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str) -> UnitRule:
        """Validate ``data`` (one line of ``units.jsonl``) and build the rule.

        Raises:
            RuleError: PCT101-PCT105 for a malformed rule (see :mod:`pipeline.nlp.rules`).
        """
        check_keys(data, required=cls.REQUIRED, optional=cls.OPTIONAL, where=where)
        factor = check_type(data.get("factor", 1.0), (int, float), field="factor", where=where)
        return cls(
            id=check_type(data["id"], str, field="id", where=where),
            kind=check_enum(data["kind"], UNIT_KINDS, field="kind", where=where),  # type: ignore[arg-type]
            forms=_strings(data["forms"], field="forms", where=where),
            unit=check_type(data.get("unit", ""), str, field="unit", where=where),
            name=check_type(data.get("name", ""), str, field="name", where=where),
            position=check_enum(
                data.get("position", "suffix"), POSITIONS, field="position", where=where
            ),  # type: ignore[arg-type]
            spacing=check_enum(data.get("spacing", "any"), SPACINGS, field="spacing", where=where),  # type: ignore[arg-type]
            factor=float(factor),
            case_sensitive=check_type(
                data.get("case_sensitive", False), bool, field="case_sensitive", where=where
            ),
            note=check_type(data.get("note", ""), str, field="note", where=where),
        )

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form (defaults left out)."""
        return _without_defaults(self, UnitRule)


@dataclass(frozen=True, slots=True)
class CueRule:
    """Words next to a number that change what it is.

    Attributes:
        id: Unique rule id.
        kind: ``hedge`` (before: "over", "nearly"; kept out of the quantity text), ``change``
            (before: "rose by"), ``change_after`` (after: "a 5% increase"), ``reference``
            (before: "Question 1642" is a name, not a quantity), ``month`` (dates), ``stop``
            (words that end a counted noun phrase), ``not_plural`` (words in -s that are not
            plural nouns: "was", "this"), ``trend`` (words before "from X to Y" that make it a
            change rather than a range: "increased"), ``adjective`` (modifiers skipped before
            the head after "one": "one particular demand"), ``service_number`` (short phone
            numbers: "999"), ``service_context`` (words after such a number that make it the
            phone number: "999 control rooms", "999 calls") or ``age_band`` (age ranges written
            "16-19" before a noun: "16-19 learners" are of an age, not a count) or ``idiom``
            (phrases that start with a number and count nothing: "one-to-one", "one-off").
        phrases: The words, matched whole and case-insensitively (``reference`` phrases are
            matched as written when they start with a capital: "Year 3" but "year").
        value: A normalised value: for hedges ``>``, ``<`` or ``~``; for changes ``up``/``down``.
        note: Free text for maintainers.
    """

    id: str
    kind: CueKind
    phrases: tuple[str, ...]
    value: str = ""
    note: str = ""

    REQUIRED = ("id", "kind", "phrases")
    OPTIONAL = ("value", "note")

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str) -> CueRule:
        """Validate ``data`` (one line of ``cues.jsonl``) and build the rule.

        Raises:
            RuleError: PCT101-PCT105 for a malformed rule.
        """
        check_keys(data, required=cls.REQUIRED, optional=cls.OPTIONAL, where=where)
        rule = cls(
            id=check_type(data["id"], str, field="id", where=where),
            kind=check_enum(data["kind"], CUE_KINDS, field="kind", where=where),  # type: ignore[arg-type]
            phrases=_strings(data["phrases"], field="phrases", where=where),
            value=check_type(data.get("value", ""), str, field="value", where=where),
            note=check_type(data.get("note", ""), str, field="note", where=where),
        )
        if rule.kind == "age_band":
            for phrase in rule.phrases:
                _age_band(phrase, where)
        return rule

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form (defaults left out)."""
        return _without_defaults(self, CueRule)


@dataclass(frozen=True, slots=True)
class NounRule:
    """A noun whose singular is not regular, or a fixed compound kept whole as a unit.

    Attributes:
        id: Unique rule id.
        kind: ``irregular`` (plural with its own singular: "people" -> "person"), ``invariant``
            (same in both numbers: "staff", "personnel") or ``compound`` (a fixed phrase kept
            whole: "local authorities" -> "local authority").
        forms: The written forms (lower case).
        singular: The unit it gives.
        note: Free text for maintainers.
    """

    id: str
    kind: NounKind
    forms: tuple[str, ...]
    singular: str
    note: str = ""

    REQUIRED = ("id", "kind", "forms", "singular")
    OPTIONAL = ("note",)

    @classmethod
    def from_dict(cls, data: dict[str, Any], where: str) -> NounRule:
        """Validate ``data`` (one line of ``nouns.jsonl``) and build the rule.

        Raises:
            RuleError: PCT101-PCT105 for a malformed rule.
        """
        check_keys(data, required=cls.REQUIRED, optional=cls.OPTIONAL, where=where)
        return cls(
            id=check_type(data["id"], str, field="id", where=where),
            kind=check_enum(data["kind"], NOUN_KINDS, field="kind", where=where),  # type: ignore[arg-type]
            forms=tuple(f.lower() for f in _strings(data["forms"], field="forms", where=where)),
            singular=check_type(data["singular"], str, field="singular", where=where),
            note=check_type(data.get("note", ""), str, field="note", where=where),
        )

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON form (defaults left out)."""
        return _without_defaults(self, NounRule)


def _without_defaults(rule: Any, cls: type) -> dict[str, Any]:
    data = asdict(rule)
    defaults = {f.name: f.default for f in fields(cls) if f.default is not MISSING}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, tuple):
            value = list(value)
        if key in defaults and defaults[key] == value:
            continue
        out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class UnitMatch:
    """A unit found next to a number.

    Attributes:
        rule: The unit rule that matched.
        form: The text as written.
        start: Offset of its first character.
        end: Offset one past its last character.
    """

    rule: UnitRule
    form: str
    start: int
    end: int


def flat_alternation(forms: Iterable[str]) -> str:
    """A regex alternation of ``forms``, longest first, with flexible inner spaces."""
    unique = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in unique)


def alternation(forms: Iterable[str], *, ignore_case: bool = False) -> str:
    """:func:`flat_alternation` as a tree of shared prefixes (``prefix_tree``), which matches
    what the flat alternation matches, with the same preference.

    The context patterns are tried at every position of a window before or after each number;
    there a flat alternation of a hundred phrases costs the regex engine a hundred comparisons
    per position, the tree one or two (``pct_quantity`` 0.352 -> 0.29 s over the corpus).

    Args:
        forms: The phrases.
        ignore_case: The pattern is compiled with ``re.IGNORECASE``: ASCII forms are
            lower-cased first, so that "UIN" and "uin" share a branch (the tree's preference is
            the flat one's only when all forms that can start a match at one character share a
            branch). First characters that one character can match alike under
            ``re.IGNORECASE`` (non-ASCII ones: "µ" and "μ") are kept together: the forms they
            open stay a flat alternation, in its order, beside the tree of the others (only
            one of the two can match at a character, so the preference is the flat one's).
    """
    if ignore_case:
        forms = {f.lower() if f.isascii() else f for f in forms}
    unique = sorted(set(forms), key=lambda f: (-len(f), f))
    firsts = list(dict.fromkeys(f[:1] for f in unique))
    if not unique or "" in firsts:
        return flat_alternation(unique)
    classes = _fold_classes(firsts) if ignore_case else [[c] for c in firsts]
    if len(classes) == len(firsts):
        return prefix_tree(unique)
    if len(classes) == 1:
        return flat_alternation(unique)
    parts = []
    for chars in classes:
        members = [f for f in unique if f[:1] in chars]
        parts.append(prefix_tree(members) if len(chars) == 1 else flat_alternation(members))
    return "(?:" + "|".join(parts) + ")"


def _fold_classes(chars: list[str]) -> list[list[str]]:
    """``chars`` grouped so that characters one text character can match alike under
    ``re.IGNORECASE`` share a group.

    Under ``re.IGNORECASE`` a character matches a literal when it falls in the literal's case
    class; a character matching two literals makes each match the other, so the test is made on
    the pairs themselves, through ``re`` (or their case folds agreeing, to be safe).
    """
    classes: list[list[str]] = []
    for char in chars:
        joined = [
            group
            for group in classes
            if any(
                a.casefold() == char.casefold()
                or re.fullmatch(re.escape(a), char, re.IGNORECASE)
                or re.fullmatch(re.escape(char), a, re.IGNORECASE)
                for a in group
            )
        ]
        merged = [c for group in joined for c in group] + [char]
        classes = [g for g in classes if not any(g is j for j in joined)] + [merged]
    return classes


def _any_case(forms: Iterable[str]) -> str:
    """:func:`alternation` for a pattern compiled with ``re.IGNORECASE``."""
    return alternation(forms, ignore_case=True)


@dataclass(slots=True)
class QuantityLexicon:
    """The compiled rules: patterns and lookups built once from the rule lists.

    Attributes:
        units: The unit rules, in file order.
        cues: The cue rules, in file order.
        nouns: The noun rules, in file order.
        hedge_lower: ``hedge`` for the lower-cased text (:func:`lower_twin`), or None.
        change_lower: ``change`` for the lower-cased text, or None.
        reference_lower: ``reference`` for the lower-cased text, or None.
    """

    units: list[UnitRule] = field(default_factory=list)
    cues: list[CueRule] = field(default_factory=list)
    nouns: list[NounRule] = field(default_factory=list)
    suffix_ci: re.Pattern[str] | None = None
    suffix_cs: re.Pattern[str] | None = None
    prefix: re.Pattern[str] | None = None
    scale: re.Pattern[str] | None = None
    hedge: re.Pattern[str] | None = None
    change: re.Pattern[str] | None = None
    change_after: re.Pattern[str] | None = None
    reference: re.Pattern[str] | None = None
    rounding: re.Pattern[str] | None = None
    month: re.Pattern[str] | None = None
    trend: re.Pattern[str] | None = None
    service_numbers: frozenset[str] = frozenset()
    service_context: re.Pattern[str] | None = None
    age_bands: frozenset[tuple[int, int]] = frozenset()
    idiom: re.Pattern[str] | None = None
    unit_by_form: dict[str, list[UnitRule]] = field(default_factory=dict)
    unit_by_form_cs: dict[str, list[UnitRule]] = field(default_factory=dict)
    cue_value: dict[tuple[str, str], str] = field(default_factory=dict)
    stop_words: frozenset[str] = frozenset()
    not_plural: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    noun_singular: dict[str, str] = field(default_factory=dict)
    invariant: frozenset[str] = frozenset()
    compounds: dict[str, str] = field(default_factory=dict)
    compound_singulars: frozenset[str] = frozenset()
    of_compound: re.Pattern[str] | None = None
    max_compound_words: int = 1
    hedge_lower: re.Pattern[str] | None = None
    change_lower: re.Pattern[str] | None = None
    reference_lower: re.Pattern[str] | None = None

    @property
    def empty(self) -> bool:
        """True when no rules are loaded (the component then finds nothing)."""
        return not (self.units or self.cues or self.nouns)

    def unit_rules(self, form: str) -> list[UnitRule]:
        """The unit rules with spelling ``form`` (case-sensitive rules first)."""
        return self.unit_by_form_cs.get(form, []) + self.unit_by_form.get(form.lower(), [])


_AGE_BAND = re.compile(r"(\d{1,3})-(\d{1,3})")


def _age_band(phrase: str, where: str) -> tuple[int, int]:
    """An ``age_band`` phrase ("16-19") as its two ages.

    Raises:
        RuleError: PCT105 when the phrase is not two ages joined by a hyphen, lower first.
    """
    m = _AGE_BAND.fullmatch(phrase)
    if not m or int(m.group(1)) >= int(m.group(2)):
        raise RuleError(
            "PCT105", f"{where}: age_band phrase {phrase!r} is not '<low>-<high>' (e.g. '16-19')"
        )
    return int(m.group(1)), int(m.group(2))


def compile_lexicon(
    units: Sequence[UnitRule], cues: Sequence[CueRule], nouns: Sequence[NounRule]
) -> QuantityLexicon:
    """Compile rule lists into a :class:`QuantityLexicon`.

    Raises:
        RuleError: PCT108 when two rules of one file share an id.
    """
    for rules, name in ((units, UNITS_FILE), (cues, CUES_FILE), (nouns, NOUNS_FILE)):
        seen: set[str] = set()
        for rule in rules:
            if rule.id in seen:
                raise RuleError("PCT108", f"{name}: duplicate rule id {rule.id!r}")
            seen.add(rule.id)
    lex = QuantityLexicon(units=list(units), cues=list(cues), nouns=list(nouns))
    by_ci: dict[str, list[UnitRule]] = {}
    by_cs: dict[str, list[UnitRule]] = {}
    for rule in units:
        for form in rule.forms:
            key = " ".join(form.split())
            if rule.case_sensitive:
                by_cs.setdefault(key, []).append(rule)
            else:
                by_ci.setdefault(key.lower(), []).append(rule)
    lex.unit_by_form, lex.unit_by_form_cs = by_ci, by_cs
    suffix_ci = [
        f
        for r in units
        if r.position == "suffix" and r.kind != "scale" and not r.case_sensitive
        for f in r.forms
    ]
    suffix_cs = [
        f
        for r in units
        if r.position == "suffix" and r.kind != "scale" and r.case_sensitive
        for f in r.forms
    ]
    prefix = [f for r in units if r.position == "prefix" for f in r.forms]
    scale = [f for r in units if r.kind == "scale" for f in r.forms]
    # A suffix unit: optional space or hyphen, the form, then no further letter or digit.
    end = r"(?![\w])"
    # symbols matched as written ("F", "GB") are not units inside a name such as "F-35A"
    end_cs = r"(?![\w]|-[A-Za-z0-9]*[A-Za-z])"
    if suffix_ci:
        lex.suffix_ci = re.compile(rf"[ \t]?-?[ \t]?({_any_case(suffix_ci)}){end}", re.IGNORECASE)
    if suffix_cs:
        lex.suffix_cs = re.compile(rf"[ \t]?-?[ \t]?({alternation(suffix_cs)}){end_cs}")
    if prefix:
        lex.prefix = re.compile(rf"(?<![\w$£€])({alternation(prefix)})[ \t]?$")
    if scale:
        lex.scale = re.compile(rf"[ \t]?-?[ \t]?({_any_case(scale)}){end}", re.IGNORECASE)
    words: dict[str, list[str]] = {}
    for cue in cues:
        words.setdefault(cue.kind, []).extend(cue.phrases)
        for phrase in cue.phrases:
            lex.cue_value[(cue.kind, " ".join(phrase.lower().split()))] = cue.value
    if words.get("hedge"):
        # "c.15,000": a hedge ending in a full stop may be glued to the number
        lex.hedge = re.compile(
            rf"(?<![\w])({_any_case(words['hedge'])})(?:[ \t]+|(?<=\.))$", re.IGNORECASE
        )
    if words.get("change"):
        lex.change = re.compile(rf"(?<![\w])({_any_case(words['change'])})[ \t]+$", re.IGNORECASE)
    if words.get("change_after"):
        lex.change_after = re.compile(
            rf"[ \t]+(?:[A-Za-z-]+[ \t]+)?({_any_case(words['change_after'])}){end}",
            re.IGNORECASE,
        )
    if words.get("reference"):
        # a period after an abbreviation ("para. 3", "pp. 12"), not after a word that ends a
        # sentence ("... are on schedule. 19.77% of facilities")
        short = [w for w in words["reference"] if len(w) <= MAX_ABBREVIATION]
        long = [w for w in words["reference"] if len(w) > MAX_ABBREVIATION]
        alternatives = [f"(?:{_any_case(short)})\\.?"] if short else []
        alternatives += [f"(?:{_any_case(long)})"] if long else []
        lex.reference = re.compile(
            rf"(?<![\w])(?:{'|'.join(alternatives)})[ \t]*(?:no\.?[ \t]*|number[ \t]+)?$",
            re.IGNORECASE,
        )
    if words.get("rounding"):
        lex.rounding = re.compile(
            rf"(?<![\w])(?:{_any_case(words['rounding'])})[ \t]+$", re.IGNORECASE
        )
    if words.get("month"):
        lex.month = re.compile(rf"(?<![\w])(?:{_any_case(words['month'])})\.?{end}", re.IGNORECASE)
    if words.get("trend"):
        lex.trend = re.compile(rf"(?<![\w])(?:{_any_case(words['trend'])}){end}", re.IGNORECASE)
    lex.service_numbers = frozenset(words.get("service_number", []))
    if words.get("service_context"):
        lex.service_context = re.compile(
            rf"[ \t]+(?:{_any_case(words['service_context'])}){end}", re.IGNORECASE
        )
    lex.age_bands = frozenset(_age_band(w, CUES_FILE) for w in words.get("age_band", []))
    if words.get("idiom"):
        lex.idiom = re.compile(rf"(?:{_any_case(words['idiom'])})(?![\w-])", re.IGNORECASE)
    lex.adjectives = frozenset(w.lower() for w in words.get("adjective", []))
    lex.stop_words = frozenset(w.lower() for w in words.get("stop", []))
    lex.not_plural = frozenset(w.lower() for w in words.get("not_plural", []))
    lex.verbs = frozenset(w.lower() for w in words.get("verb", []))
    for noun in nouns:
        for form in noun.forms:
            if noun.kind == "compound":
                lex.compounds[form] = noun.singular
                lex.max_compound_words = max(lex.max_compound_words, len(form.split()))
            elif noun.kind == "irregular":
                lex.noun_singular[form] = noun.singular
    lex.invariant = frozenset(f for n in nouns if n.kind == "invariant" for f in n.forms)
    lex.compound_singulars = frozenset(
        form for form in lex.compounds.values() if len(form.split()) > 1
    )
    with_of = [f for f in lex.compounds if " of " in f]
    if with_of:
        lex.of_compound = re.compile(rf"(?:{_any_case(with_of)})(?![\w])", re.IGNORECASE)
    lex.hedge_lower = lower_twin(lex.hedge)
    lex.change_lower = lower_twin(lex.change)
    lex.reference_lower = lower_twin(lex.reference)
    return lex


_CASED_SOURCE = re.compile(r"[^\x00-\x7f]|[A-Z]")


def lower_twin(pattern: re.Pattern[str] | None) -> re.Pattern[str] | None:
    """``pattern`` (compiled with ``re.IGNORECASE``) compiled without it, to be matched against
    the lower-cased text; None when ``pattern`` is None or its source holds a character that is
    not ASCII or is an upper-case letter (a class such as ``\\W`` included).

    For the patterns :func:`compile_lexicon` builds (escaped phrases, lower-cased when ASCII,
    and the classes ``\\w``, ``\\s``, ``[ \\t]``; no ranges), a twin finds on ``text.lower()``
    what ``pattern`` finds on ``text``, at the same offsets, for a text whose lower-casing keeps
    its length and that holds none of the characters ``re.IGNORECASE`` folds apart from
    ``str.lower`` (İ, ı, ſ: :data:`~pipeline.nlp.rules.IGNORECASE_ASCII_LETTERS`): each
    character then lower-cases to one character, an ASCII character that is not an upper-case
    letter matches a character under ``re.IGNORECASE`` exactly when it matches the character's
    lower case, and ``\\w``, ``\\s``, ``\\d``, ``[ \\t]`` class a character as its lower case
    (every code point tested in ``tests/nlp/test_quantity.py``). Without case folding the regex
    engine tries the branches of a prefix tree by their first character instead of entering
    each one (the reference, hedge and change searches before each number: 63.9 -> 33.0 M
    instructions over 600 answers).
    """
    if pattern is None or not pattern.flags & re.IGNORECASE:
        return None
    if _CASED_SOURCE.search(pattern.pattern):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
