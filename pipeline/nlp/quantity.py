"""The ``pct_quantity`` component: finds what is counted, priced or measured, and how much.

It wires the pure finder (:func:`pipeline.nlp.quantity_find.find_quantities`) to a Doc: the
rules come from ``units.jsonl``, ``cues.jsonl`` and ``nouns.jsonl`` in the component's folder
of the model (validated on load, see :mod:`pipeline.nlp.quantity_rules`), numbers inside the
time expressions that ``pct_timex`` found before it (dates, durations, sets) are skipped, and
each quantity becomes a span in ``doc.spans["pct_quantities"]`` with its row in
``Span._.pct_quantity``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.attrs import (
    QUANTITY_ATTR,
    QUANTITY_SPANS,
    TIMEX_ATTR,
    TIMEX_SPANS,
    doc_text,
    register_extensions,
    span_payloads,
    store_rows,
    stored_rows,
)
from pipeline.nlp.quantity_find import FindOptions, Singulariser, find_quantities
from pipeline.nlp.quantity_rules import (
    CUES_FILE,
    NOUNS_FILE,
    UNITS_FILE,
    CueRule,
    NounRule,
    QuantityLexicon,
    UnitRule,
    compile_lexicon,
)
from pipeline.nlp.rules import load_rules, write_jsonl
from pipeline.types import Quantity

DEFAULT_SKIP_TIMEX_TYPES = ("date", "duration", "set")
NO_RULES_WARNING = (
    "[PCT201] pct_quantity has no rules loaded: it finds nothing. "
    "Load the model's rule files with from_disk."
)


@Language.factory(
    "pct_quantity",
    assigns=["doc.spans", "span._.pct_quantity"],
    default_config={
        "bare_numbers": False,
        "durations": False,
        "max_noun_words": 5,
        "skip_timex_types": list(DEFAULT_SKIP_TIMEX_TYPES),
    },
)
def make_quantity_tagger(
    nlp: Language,
    name: str,
    bare_numbers: bool,
    durations: bool,
    max_noun_words: int,
    skip_timex_types: list[str],
) -> QuantityTagger:
    """Build the ``pct_quantity`` component (knobs: see :class:`QuantityTagger`)."""
    return QuantityTagger(
        nlp,
        name,
        options=FindOptions(
            bare_numbers=bare_numbers, durations=durations, max_noun_words=max_noun_words
        ),
        skip_timex_types=skip_timex_types,
    )


def timex_skip_spans(doc: Doc, types: Iterable[str]) -> list[tuple[int, int]]:
    """Character ranges of the time expressions in ``doc`` whose type is one of ``types`` (in
    no particular order).

    On a sealed Doc (:func:`~pipeline.nlp.attrs.is_sealed`) the time expressions are read from
    the rows ``pct_timex`` stored (:func:`~pipeline.nlp.attrs.stored_rows`), without their
    spans (the same payloads; a ``Timex`` payload always holds its type and offsets).
    """
    wanted = set(types)
    stored = stored_rows(doc, TIMEX_ATTR)
    if stored is not None:
        return [
            (s.payload["char_start"], s.payload["char_end"])
            for s in stored
            if s.payload["type"] in wanted
        ]
    spans: list[tuple[int, int]] = []
    for span, value in span_payloads(doc, TIMEX_SPANS, TIMEX_ATTR):
        payload = value or {}
        if payload.get("type") in wanted:
            spans.append(
                (
                    int(payload.get("char_start", span.start_char)),
                    int(payload.get("char_end", span.end_char)),
                )
            )
    return spans


class QuantityTagger:
    """Finds quantities and stores them in ``doc.spans[QUANTITY_SPANS]``.

    Attributes:
        name: The component's name in the pipeline.
        options: The finder's knobs (bare numbers and durations off for the project).
        skip_timex_types: Time expression types whose numbers are left alone.
        lexicon: The compiled rules (empty until :meth:`from_disk` or :meth:`set_rules`).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "pct_quantity",
        *,
        options: FindOptions | None = None,
        skip_timex_types: Sequence[str] = DEFAULT_SKIP_TIMEX_TYPES,
    ) -> None:
        register_extensions()
        self.name = name
        self.options = options or FindOptions()
        self.skip_timex_types = tuple(skip_timex_types)
        self.lexicon = QuantityLexicon()
        self.singularise = Singulariser()
        self._warned = False

    def set_rules(
        self, units: Sequence[UnitRule], cues: Sequence[CueRule], nouns: Sequence[NounRule]
    ) -> None:
        """Replace the rules (validated rule objects) and compile them."""
        self.lexicon = compile_lexicon(units, cues, nouns)

    def find(
        self, text: str, skip: Iterable[tuple[int, int]] = (), options: FindOptions | None = None
    ) -> list[Quantity]:
        """The quantities in ``text`` with this component's rules (``options`` overrides knobs)."""
        return find_quantities(
            text,
            self.lexicon,
            skip=skip,
            options=options or self.options,
            singularise=self.singularise,
        )

    def __call__(self, doc: Doc) -> Doc:
        """Find the quantities of ``doc`` and store them as spans with their rows."""
        if self.lexicon.empty and not self._warned:
            warnings.warn(NO_RULES_WARNING, UserWarning, stacklevel=2)
            self._warned = True
        rows = (
            self.find(doc_text(doc), timex_skip_spans(doc, self.skip_timex_types))
            if not self.lexicon.empty
            else []
        )
        store_rows(doc, QUANTITY_SPANS, QUANTITY_ATTR, rows)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Any = ()) -> None:
        """Write the rules as canonical JSONL (one file per rule family)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        write_jsonl(path / UNITS_FILE, (r.to_dict() for r in self.lexicon.units))
        write_jsonl(path / CUES_FILE, (r.to_dict() for r in self.lexicon.cues))
        write_jsonl(path / NOUNS_FILE, (r.to_dict() for r in self.lexicon.nouns))

    def from_disk(self, path: str | Path, *, exclude: Any = ()) -> QuantityTagger:
        """Read and validate the rule files in ``path`` (a missing file: no rules of that family).

        Raises:
            RuleError: For a malformed rule, naming file, line, field and value.
        """
        path = Path(path)

        def read(name: str, cls: Any) -> list[Any]:
            return load_rules(path / name, cls.from_dict) if (path / name).exists() else []

        self.set_rules(
            read(UNITS_FILE, UnitRule), read(CUES_FILE, CueRule), read(NOUNS_FILE, NounRule)
        )
        return self
