"""Traceable numeric claims from news on North Korea's military support for Russia.

One subpackage per stage, in data-flow order; a stage imports only ``core`` and earlier
stages (``tests/unit/test_layering.py`` enforces it):

``core`` → ``corpus`` → ``lexicon`` → ``extract`` → ``facts`` → ``geo`` → ``viz`` →
``explore`` → ``report``.

Each stage's ``__init__`` says what it takes in and what it gives out. ``analysis.cli`` is
the command table (``python -m analysis <command>``).
"""

__version__ = "0.1.0"
