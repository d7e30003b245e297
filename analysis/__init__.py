"""Traceable numeric claims from news on North Korea's military support for Russia.

Stages, one module each, in data-flow order:

corpus -> text -> numbers / dates / places -> claims, events -> facts
(committed tables, overrides, consistency) -> geo / maps / charts -> report.
"""

__version__ = "0.1.0"
