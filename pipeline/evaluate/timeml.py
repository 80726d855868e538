"""TempEval-3 evaluation of the time-expression component on TimeML (``.tml``) documents.

The TE3 definitions (UzZaman et al. 2013, "SemEval-2013 Task 1: TempEval-3"):

- **strict**: a predicted expression matches a gold one when their extents are identical;
- **relaxed**: when their extents overlap;
- **value F1**: precision and recall of relaxed matches whose TIMEX3 ``value`` is also right
  (precision over all predicted expressions, recall over all gold expressions);
- **type accuracy**: the share of relaxed matches with the right TIMEX3 ``type``.

Only expressions inside ``<TEXT>`` are scored; the document creation time (``<DCT>``) is the
anchor every relative expression resolves against, exactly as a written answer's date is.
Matching is one-to-one, largest overlap first.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)((?:\s+[^>]*?)?)\s*(/?)>")
_ATTR = re.compile(r"([A-Za-z_:]+)\s*=\s*\"([^\"]*)\"")
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True, slots=True)
class TimemlTimex:
    """One TIMEX3 of a TimeML document (gold) or of the engine's output mapped to TimeML.

    Attributes:
        char_start: Offset of the first character in the document's plain text.
        char_end: Offset one past the last character.
        text: The expression as written.
        type: TIMEX3 ``type`` (``DATE``, ``TIME``, ``DURATION``, ``SET``).
        value: TIMEX3 ``value`` (``1998-01-08``, ``P3Y``, ``PRESENT_REF``), or "" when absent.
    """

    char_start: int
    char_end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimemlDocument:
    """A TimeML document reduced to what the evaluation needs.

    Attributes:
        name: The file's stem.
        dct: The document creation time (the anchor).
        text: The plain text of ``<TEXT>`` (tags removed, entities decoded).
        timexes: The gold TIMEX3s inside ``<TEXT>``, with offsets into ``text``.
    """

    name: str
    dct: dt.date | None
    text: str
    timexes: tuple[TimemlTimex, ...]


def parse_tml(source: str, name: str = "") -> TimemlDocument:
    """Parse the text of one ``.tml`` file.

    Args:
        source: The file's content.
        name: The document's name, for reports.

    Returns:
        The document: its DCT (None when missing or not a calendar date), the plain text of
        ``<TEXT>`` and the gold TIMEX3s found in it.
    """
    dct: dt.date | None = None
    dct_match = _DCT.search(source)
    if dct_match:
        attrs = dict(_ATTR.findall(dct_match.group(1)))
        dct = _iso_date(attrs.get("value", ""))
    body_match = _TEXT.search(source)
    body = body_match.group(1) if body_match else ""
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[TimemlTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, tag_name = tag.group(1) == "/", tag.group(2)
        if tag_name != "TIMEX3":
            continue
        if not closing and tag.group(4) != "/":
            open_timex = (length, dict(_ATTR.findall(tag.group(3))))
        elif closing and open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            timexes.append(
                TimemlTimex(start, length, text, attrs.get("type", ""), attrs.get("value", ""))
            )
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    return TimemlDocument(name, dct, "".join(parts), tuple(timexes))


def _iso_date(value: str) -> dt.date | None:
    match = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def read_tml_dir(path: Path) -> list[TimemlDocument]:
    """Read every ``.tml`` file under ``path`` (recursively, sorted by path).

    Raises:
        FileNotFoundError: When ``path`` does not exist or holds no ``.tml`` file.
    """
    path = Path(path)
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no .tml files under {path}")
    return [parse_tml(f.read_text(encoding="utf-8"), f.stem) for f in files]


@dataclass(slots=True)
class TimemlScore:
    """TE3 counts over a set of documents.

    Attributes:
        gold: Gold expressions.
        predicted: Predicted expressions.
        strict: Predicted expressions whose extent equals a gold one.
        relaxed: Predicted expressions that overlap a gold one (one-to-one).
        value: Relaxed matches with the right ``value``.
        type: Relaxed matches with the right ``type``.
        misses: Gold expressions with no relaxed match, as ``(document, timex)``.
        false_alarms: Predicted expressions with no relaxed match.
        wrong_values: Relaxed matches with a wrong value, as ``(document, gold, predicted)``.
    """

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    misses: list[tuple[str, TimemlTimex]] = field(default_factory=list)
    false_alarms: list[tuple[str, TimemlTimex]] = field(default_factory=list)
    wrong_values: list[tuple[str, TimemlTimex, TimemlTimex]] = field(default_factory=list)

    def prf(self, matched: int) -> tuple[float, float, float]:
        """Precision, recall and F1 for ``matched`` true positives."""
        p = matched / self.predicted if self.predicted else 0.0
        r = matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed matches with the right type."""
        return self.type / self.relaxed if self.relaxed else 0.0

    def rows(self) -> list[tuple[str, float, float, float]]:
        """``(measure, P, R, F1)`` for strict, relaxed and value."""
        return [
            ("strict", *self.prf(self.strict)),
            ("relaxed", *self.prf(self.relaxed)),
            ("value", *self.prf(self.value)),
        ]


def align(gold: Sequence[TimemlTimex], predicted: Sequence[TimemlTimex]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, predicted index)`` of overlapping extents, largest
    overlap first (ties: earlier gold first)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            shared = min(g.char_end, p.char_end) - max(g.char_start, p.char_start)
            if shared > 0:
                candidates.append((-shared, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def score_document(
    score: TimemlScore, name: str, gold: Sequence[TimemlTimex], predicted: Sequence[TimemlTimex]
) -> None:
    """Add one document's counts to ``score``."""
    score.gold += len(gold)
    score.predicted += len(predicted)
    pairs = align(gold, predicted)
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        score.relaxed += 1
        score.strict += (g.char_start, g.char_end) == (p.char_start, p.char_end)
        score.type += g.type == p.type
        if same_value(g.value, p.value):
            score.value += 1
        else:
            score.wrong_values.append((name, g, p))
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    score.misses += [(name, g) for i, g in enumerate(gold) if i not in matched_g]
    score.false_alarms += [(name, p) for i, p in enumerate(predicted) if i not in matched_p]


def same_value(gold: str, predicted: str) -> bool:
    """TIMEX3 values agree (case-insensitively, as the TE3 scorer compares them)."""
    return gold.strip().upper() == predicted.strip().upper()


def evaluate(
    documents: Iterable[TimemlDocument],
    predictions: Iterable[Sequence[TimemlTimex]],
) -> TimemlScore:
    """Score predictions (one sequence per document, in the same order) against the gold."""
    score = TimemlScore()
    for doc, predicted in zip(documents, predictions, strict=True):
        score_document(score, doc.name, doc.timexes, predicted)
    return score


def to_timeml(rows: Iterable[object]) -> Iterator[TimemlTimex]:
    """Map the engine's :class:`~pipeline.types.Timex` rows to TimeML expressions."""
    from pipeline.types import Timex

    for row in rows:
        assert isinstance(row, Timex)
        yield TimemlTimex(
            row.char_start, row.char_end, row.text, row.type.upper(), row.timex3 or ""
        )


def predict(
    documents: Sequence[TimemlDocument],
    *,
    profile: str = "timeml",
    model: Path | None = None,
) -> list[list[TimemlTimex]]:
    """Run the time-expression rules (in ``profile``) over each document, anchored at its DCT.

    Only the sentencizer and ``pct_timex`` run (on ``spacy.blank("en")`` with the model's
    ``pct_timex`` rules), so the score does not depend on the other components.

    Args:
        documents: Parsed TimeML documents.
        profile: The component's annotation scheme: ``timeml`` (the TE3 conventions) or
            ``answers`` (GUIDELINES.md, to see what the project's own scheme scores).
        model: The rule model folder; the configured default when None.

    Returns:
        One list of predicted expressions per document, in order.
    """
    import spacy

    from pipeline.nlp.attrs import set_context
    from pipeline.nlp.timex import TimexTagger
    from pipeline.nlp.timex_rules import TimexRuleSet
    from pipeline.settings import get_settings

    rules = TimexRuleSet.from_disk(Path(model or get_settings().model) / "pct_timex")
    nlp = spacy.blank("en")
    sentencizer = nlp.add_pipe("sentencizer")
    tagger = TimexTagger(nlp, profile=profile, rules=rules)
    out = []
    for document in documents:
        doc = sentencizer(set_context(nlp.make_doc(document.text), document.dct))
        out.append(list(to_timeml(tagger.find(doc))))
    return out
