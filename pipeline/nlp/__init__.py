"""The rule engine: spaCy components over ``spacy.blank("en")`` and the pure functions they wire.

Importing this package registers the project's factories (``pct_sentencizer``, ``pct_timex``,
``pct_quantity``, ``pct_commitment``) and its tokenizer (``pct.Tokenizer.v1``); the
``spacy_factories`` and ``spacy_tokenizers`` entry points do the same for ``spacy.load``.
"""

from pipeline.nlp import (  # noqa: F401  (registers them)
    commitment,
    quantity,
    sentencizer,
    timex,
    tokenizer,
)
