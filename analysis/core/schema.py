"""The public tables: column names, order and types. One source of truth for every stage.

Claims and events are written to ``data/facts/*.csv`` (lists as JSON arrays, dates as
ISO ``YYYY-MM-DD``, missing as empty) and loaded back with the types below.
Character offsets (``start``, ``end``) always refer to the article's *normalized*
text (UTF-8, BOM dropped, CRLF/CR turned into LF; see :mod:`analysis.corpus.catalog`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",        # str  "{article_id}:{start}"
    "article_id",      # str
    "sentence_index",  # int, 0-based
    "sentence",        # str
    "start",           # int
    "end",             # int; text[start:end] == quote
    "quote",           # str
    "value",           # float | None
    "lower",           # float | None
    "upper",           # float | None
    "approx",          # bool
    "qualifier",       # about|up_to|more_than|at_least|nearly|range|vague|None
    "vague",           # bool
    "unit",            # one of UNITS below
    "counted_text",    # str
    "actor",           # ISO alpha-3 | None
    "location",        # ISO 3166-2 | ISO alpha-3 | gazetteer town | None
    "location_text",   # str | None
    "claimants",       # list[str]
    "claimant_text",   # str | None
    "as_of_start",     # date | None
    "as_of_end",       # date | None
    "as_of_text",      # str | None
    "since",           # date | None
    "planned",         # bool
    "increment",       # bool
    "published",       # date
    "language",        # ISO 639-1
    "flags",           # list[str]
)

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",        # str "{article_id}:{start}"
    "article_id",
    "sentence_index",
    "sentence",
    "start",
    "end",
    "quote",
    "event_type",      # controlled vocabulary in data/lexicon/event_types.csv
    "actors",          # list[str] ISO alpha-3
    "location",
    "date_start",      # date | None
    "date_end",        # date | None
    "date_text",       # str | None
    "published",       # date
    "language",
    "flags",           # list[str]
)

QUALIFIERS: tuple[str, ...] = (
    "about", "up_to", "more_than", "at_least", "nearly", "range", "vague",
)
UNITS: tuple[str, ...] = (
    "troops", "soldiers", "killed", "wounded", "casualties", "captured",
    "containers", "shells", "missiles", "other",
)

DATE_COLUMNS = {
    "claims": ("as_of_start", "as_of_end", "since", "published"),
    "events": ("date_start", "date_end", "published"),
}
LIST_COLUMNS = {"claims": ("claimants", "flags"), "events": ("actors", "flags")}
BOOL_COLUMNS = {"claims": ("approx", "vague", "planned", "increment"), "events": ()}
INT_COLUMNS = {
    "claims": ("sentence_index", "start", "end"),
    "events": ("sentence_index", "start", "end"),
}
FLOAT_COLUMNS = {"claims": ("value", "lower", "upper"), "events": ()}


def is_missing(value: Any) -> bool:
    """True for a missing table cell: None, NaN, NaT or pandas NA.

    A list, tuple, set or dict is a value, never "missing" (an empty claimants list means
    "stated by the outlet", not "unknown").
    """
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, list | tuple | set | frozenset | dict):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def to_date(value: Any) -> dt.date | None:
    """A table cell as a date: None for missing; accepts date, datetime, Timestamp, ISO text."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):  # pandas Timestamp is a datetime
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip()[:10])
