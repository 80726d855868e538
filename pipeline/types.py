"""The extraction contract: named row types that every part of the project relies on.

Every row carries ``char_start``/``char_end`` into the plain text it was extracted from, so
that any figure in a table traces back to the words that produced it. Dates are ISO strings
(``YYYY-MM-DD``) so that rows serialise to JSON, Parquet and spaCy's msgpack unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

TimexType = Literal["date", "duration", "set", "time"]
TimexRole = Literal["deadline", "event", "horizon", "reference"]
QuantityKind = Literal["money", "percent", "count", "measure"]
CommitmentKind = Literal["future", "ongoing", "done"]
Strength = Literal["firm", "soft"]

TIMEX_TYPES: tuple[str, ...] = ("date", "duration", "set", "time")
TIMEX_ROLES: tuple[str, ...] = ("deadline", "event", "horizon", "reference")
QUANTITY_KINDS: tuple[str, ...] = ("money", "percent", "count", "measure")
COMMITMENT_KINDS: tuple[str, ...] = ("future", "ongoing", "done")
STRENGTHS: tuple[str, ...] = ("firm", "soft")


def gold_timex_value(type_: str, timex3: str | None) -> str | None:
    """The gold format's ``value`` of a time expression (GUIDELINES.md 4a): its TimeML value
    when it is a ``duration`` or a ``set``, else None (a date is given by its interval)."""
    return timex3 if type_ in ("duration", "set") else None


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression, normalised against the anchor (answer) date.

    Attributes:
        text: The exact substring of the source text, without a governing preposition.
        char_start: Offset of the first character in the source text.
        char_end: Offset one past the last character.
        type: ``date`` (a point or calendar period), ``duration``, ``set`` (recurring), ``time``.
        timex3: The TimeML ``value`` (``2023-09``, ``2024-SP``, ``P15Y``, ``PRESENT_REF``), or
            None when it cannot be resolved.
        start: First day of the interval named (ISO date), None when unresolved or not a date.
        end: Last day of the interval named (ISO date), None when unresolved or not a date.
        role: ``deadline`` after "by/before/no later than/within/by the end of", ``horizon`` for
            "over the next ...", ``event`` for a dated happening, ``reference`` otherwise.
        mod: TimeML ``mod`` (``START``, ``END``, ``MID``, ``APPROX``, ...), or None.
        rule: Identifier of the rule that found it (provenance).
    """

    text: str
    char_start: int
    char_end: int
    type: TimexType
    timex3: str | None = None
    start: str | None = None
    end: str | None = None
    role: TimexRole = "reference"
    mod: str | None = None
    rule: str = ""

    @property
    def value(self) -> str | None:
        """The gold-format ``value``: the ISO duration of a duration or set, else None."""
        return gold_timex_value(self.type, self.timex3)

    def to_gold(self) -> dict[str, Any]:
        """This expression in the format of GUIDELINES.md section 4a."""
        return {
            "text": self.text,
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number that counts, measures or prices something.

    Attributes:
        text: Exact substring including the currency sign or counted noun phrase, without hedges.
        char_start: Offset of the first character in the source text.
        char_end: Offset one past the last character.
        value: The number as a float ("£2.6 billion" -> 2.6e9, "5%" -> 5.0).
        unit: ``GBP``/``USD``/``EUR``/``percent``, or the counted noun's singular head.
        kind: ``money``, ``percent``, ``count`` or ``measure``.
        approx: The hedge as written ("over", "nearly", "around"), or None.
        change: The change wording ("rose by", "an increase of"), or None.
        value_max: Upper bound of a range ("between 10 and 15" -> value 10, value_max 15).
        rule: Identifier of the rule that found it (provenance).
    """

    text: str
    char_start: int
    char_end: int
    value: float
    unit: str
    kind: QuantityKind
    approx: str | None = None
    change: str | None = None
    value_max: float | None = None
    rule: str = ""

    def to_gold(self) -> dict[str, Any]:
        """This quantity in the format of GUIDELINES.md section 4a."""
        return {"text": self.text, "value": self.value, "unit": self.unit}


@dataclass(frozen=True, slots=True)
class Commitment:
    """A checkable statement of what the government will do, is doing, or has done.

    Attributes:
        quote: The shortest exact substring that carries the commitment (one clause).
        char_start: Offset of the first character of ``quote`` in the source text.
        char_end: Offset one past the last character of ``quote``.
        kind: ``future``, ``ongoing`` or ``done``.
        actor: Who commits, as written, or None when not stated.
        actor_resolved: The actor resolved through "we"/"the department" to the answering
            body when the pipeline knows it, else None.
        due: For ``future``: latest date by which it should be done (ISO), else None.
        due_text: The words that gave ``due``, with their preposition, or None.
        strength: ``firm`` ("will", "committed to") or ``soft`` ("aim to", "plan to").
        assurance: True for a parliamentary assurance ("I will write to the hon. Member").
        negated: True for "we have no plans to", "there will be no ...".
        trigger: The trigger words that fired, as written.
        timexes: Indexes into ``Extraction.timexes`` of the time expressions inside it.
        quantities: Indexes into ``Extraction.quantities`` of the quantities inside it.
        rule: Identifier of the rule that found it (provenance).
    """

    quote: str
    char_start: int
    char_end: int
    kind: CommitmentKind
    actor: str | None = None
    actor_resolved: str | None = None
    due: str | None = None
    due_text: str | None = None
    strength: Strength = "firm"
    assurance: bool = False
    negated: bool = False
    trigger: str = ""
    timexes: tuple[int, ...] = ()
    quantities: tuple[int, ...] = ()
    rule: str = ""

    def to_gold(self) -> dict[str, Any]:
        """This commitment in the format of GUIDELINES.md section 4a."""
        return {
            "quote": self.quote,
            "kind": self.kind,
            "actor": self.actor,
            "due": self.due,
            "due_text": self.due_text,
        }


@dataclass(slots=True)
class Extraction:
    """Everything the engine found in one text.

    Attributes:
        text: The text that was analysed; every offset points into it.
        anchor: The date relative expressions were resolved against (the answer date).
        timexes: Time expressions in text order.
        quantities: Quantities in text order.
        commitments: Commitments in text order.
        model_version: ``<model name>-<version>`` of the rule model that produced it.
    """

    text: str
    anchor: dt.date
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    model_version: str = ""

    def to_gold(self, answer_id: int | str) -> dict[str, Any]:
        """One record in the gold format of GUIDELINES.md section 4a.

        Negated commitments ("has no plans to", "will not publish") are left out. The format
        has no ``negated`` field to tell them from promises, and its gold does not annotate
        refusals (dev 1847580, "There are no plans to consult on ...", and every set annotated
        here). ``to_dict`` and the tables keep them, flagged, for the audit's withdrawals.
        """
        return {
            "id": answer_id,
            "date_answered": self.anchor.isoformat(),
            "commitments": [c.to_gold() for c in self.commitments if not c.negated],
            "timexes": [t.to_gold() for t in self.timexes],
            "quantities": [q.to_gold() for q in self.quantities],
        }

    def to_dict(self) -> dict[str, Any]:
        """All fields, JSON-serialisable."""
        return {
            "text": self.text,
            "anchor": self.anchor.isoformat(),
            "model_version": self.model_version,
            "timexes": [asdict(t) for t in self.timexes],
            "quantities": [asdict(q) for q in self.quantities],
            "commitments": [asdict(c) for c in self.commitments],
        }
