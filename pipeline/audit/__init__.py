"""The deadline audit: initiatives, links between answers, schedule statuses with evidence.

``run_audit(answers, as_of)`` is the pure core over typed rows; ``compute_deadlines(lake, as_of)``
reads the lake, runs it and writes the ``initiatives`` and ``deadlines`` snapshots (what the
nightly flow calls); :mod:`pipeline.audit.report` renders a result as a table, CSV or HTML.
"""

from pipeline.audit.core import AuditConfig, run_audit
from pipeline.audit.records import (
    SCHEDULE_STATUSES,
    AnswerRecord,
    AuditResult,
    DeadlineRow,
    EvidenceItem,
    InitiativeMention,
    InitiativeRow,
)

__all__ = [
    "SCHEDULE_STATUSES",
    "AnswerRecord",
    "AuditConfig",
    "AuditResult",
    "DeadlineRow",
    "EvidenceItem",
    "InitiativeMention",
    "InitiativeRow",
    "compute_deadlines",
    "run_audit",
]


def __getattr__(name: str) -> object:
    # compute_deadlines lives with the lake I/O; imported lazily so the pure core stays light.
    if name == "compute_deadlines":
        from pipeline.audit.store import compute_deadlines

        return compute_deadlines
    raise AttributeError(f"module 'pipeline.audit' has no attribute {name!r}")
