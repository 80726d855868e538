"""The rule engine: spaCy components over ``spacy.blank("en")`` and the pure functions they wire.

Importing this package registers the project's factories (``pct_timex``, ``pct_quantity``,
``pct_commitment``); the ``spacy_factories`` entry points do the same for ``spacy.load``.
"""

from pipeline.nlp import commitment, quantity, timex  # noqa: F401  (registers factories)
