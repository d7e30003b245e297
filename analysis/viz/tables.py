"""The one builder of readable tables of claims (and events) for notebooks and the explorer.

A view asks for the columns it needs by name, from :data:`CLAIM_FIELDS` (or passes a
:class:`Column` of its own, e.g. the chart's plotted date); the builder renders every cell
with the one formatter (:mod:`analysis.core.labels`), so a figure, a date or a list of
claimants reads the same in every table, map and chart. Rows keep the frame's order: a
view sorts before it builds.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.core.labels import (
    format_as_of,
    format_as_of_timed,
    format_claimants,
    format_date,
    format_figure,
    format_list,
)
from analysis.core.schema import is_missing
from analysis.lexicon.event_types import event_types


@dataclass(frozen=True)
class Column:
    """One column of a table: its header and how a row (a mapping) renders into a cell.

    An ``optional`` column is left out when the frame lacks its ``source`` column (the map
    key exists only on claims selected for a map, the reason only on unmapped claims).
    """

    header: str
    render: Callable[[Mapping[str, Any]], Any]
    source: str | None = None
    optional: bool = False


def list_cell(value: Any) -> list[Any]:
    """A list column cell as a list (``None``/NaN -> ``[]``, a lone string -> ``[s]``)."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return list(value)
    return [] if is_missing(value) else [value]


def _verbatim(column: str) -> Callable[[Mapping[str, Any]], Any]:
    """The cell as it is; a missing text (a reference claim's quote) reads as ""."""
    return lambda row: "" if is_missing(row.get(column)) else row.get(column)


def _listed(column: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda row: format_list(row.get(column))


_FIELDS: tuple[Column, ...] = (
    Column("key", _verbatim("map_key"), "map_key", optional=True),  # number on the map
    Column("claim_id", _verbatim("claim_id")),
    Column("article", _verbatim("article_id")),
    Column("quote", _verbatim("quote")),
    Column("figure", format_figure),
    Column("unit", _verbatim("unit")),
    Column("actor", _listed("actor")),
    Column("location", _listed("location")),
    Column("mapped to", _verbatim("location_name"), "location_name", optional=True),
    Column("claimants", lambda row: format_claimants(row.get("claimants"))),
    Column("as of", lambda row: format_as_of_timed(
        row.get("as_of_start"), row.get("as_of_end"), row.get("as_of_source")
    )),
    Column("since", lambda row: format_date(row.get("since"))),
    Column("published", lambda row: format_date(row.get("published"))),
    Column("flags", _listed("flags")),
    # Fields an analyst corrected in data/curated/overrides.csv (load_claims adds the column).
    Column("overridden", _listed("overridden")),
    Column("reason", _verbatim("reason"), "reason", optional=True),  # why not mapped/drawn
)
CLAIM_FIELDS: dict[str, Column] = {column.header: column for column in _FIELDS}

# The claims notebook's view: every field of a claim, in reading order of the row.
READING_COLUMNS: tuple[str, ...] = (
    "claim_id", "quote", "figure", "unit", "actor", "location", "claimants", "as of",
    "since", "flags", "overridden",
)
# The maps' view: the key on the map and the place a location was mapped to.
MAP_COLUMNS: tuple[str, ...] = (
    "key", "claim_id", "quote", "figure", "unit", "actor", "location", "mapped to",
    "claimants", "as of", "published", "flags", "overridden", "reason",
)


def _build(frame: pd.DataFrame, columns: Sequence[Column]) -> pd.DataFrame:
    shown = [c for c in columns if not (c.optional and c.source not in frame.columns)]
    rows = [[column.render(row) for column in shown] for row in frame.to_dict("records")]
    return pd.DataFrame(rows, columns=[column.header for column in shown])


def claims_table(
    claims: pd.DataFrame, columns: Sequence[str | Column] = READING_COLUMNS
) -> pd.DataFrame:
    """A readable table of ``claims``: one row per claim, the given columns in order.

    ``columns`` holds names of :data:`CLAIM_FIELDS` (see :data:`READING_COLUMNS`,
    :data:`MAP_COLUMNS`) or :class:`Column` objects for a view's own columns.
    """
    unknown = [c for c in columns if not isinstance(c, Column) and c not in CLAIM_FIELDS]
    if unknown:
        raise ValueError(
            f"unknown claims table column(s) {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(CLAIM_FIELDS)}"
        )
    return _build(claims, [c if isinstance(c, Column) else CLAIM_FIELDS[c] for c in columns])


def events_table(events: pd.DataFrame | None) -> pd.DataFrame:
    """Events for a notebook: date (or "undated"), type, actors, location, quote, ids.

    Dated events first, by date, then article and position.
    """
    vocabulary = event_types()

    def event_label(row: Mapping[str, Any]) -> str:
        kind = vocabulary.get(row["event_type"])
        return kind.short_label if kind else row["event_type"]

    columns = (
        Column("date", lambda row: format_as_of(row.get("date_start"), row.get("date_end"))),
        Column("date text", _listed("date_text")),
        Column("event", event_label),
        Column("actors", _listed("actors")),
        Column("location", _listed("location")),
        Column("quote", _verbatim("quote")),
        Column("article", _verbatim("article_id")),
        Column("event_id", _verbatim("event_id")),
        Column("flags", _listed("flags")),
    )
    if events is None or events.empty:
        return pd.DataFrame(columns=[column.header for column in columns])
    ordered = events.assign(_start=pd.to_datetime(events["date_start"])).sort_values(
        ["_start", "article_id", "start"], na_position="last", kind="stable"
    )
    return _build(ordered, columns)


# Columns whose cells must not wrap: a date interval broken at its hyphen ("2024-11-/12")
# or a figure broken after "≤" reads wrong.
NOWRAP_COLUMNS: frozenset[str] = frozenset(
    {"as of", "as_of", "published", "since", "date", "figure", "estimate", "key", "claim_id"}
)
TABLE_CLASS = "nk-table"


class ReadableTable:
    """A table for a notebook: HTML whose date and figure cells never wrap, plain text the
    same as pandas'; an empty table shows as the sentence given instead.

    nbval compares both forms, so they are deterministic (no ids, no addresses).
    """

    def __init__(self, frame: pd.DataFrame, empty: str) -> None:
        self.frame = frame
        self.empty = empty

    def _repr_html_(self) -> str:
        if self.frame.empty:
            return f"<p><i>{html.escape(self.empty)}</i></p>"
        styled = self.frame.to_html(index=False, escape=True, border=0,
                                    classes=TABLE_CLASS, na_rep="")
        nowrap = [i + 1 for i, c in enumerate(self.frame.columns) if c in NOWRAP_COLUMNS]
        rules = " ".join(
            f".{TABLE_CLASS} td:nth-child({i}), .{TABLE_CLASS} th:nth-child({i}) "
            "{ white-space: nowrap; }" for i in nowrap)
        return f"<style>{rules}</style>\n{styled}" if rules else styled

    def __repr__(self) -> str:
        return self.empty if self.frame.empty else self.frame.to_string(index=False)

    def __len__(self) -> int:
        return len(self.frame)


def show_table(frame: pd.DataFrame, empty: str) -> ReadableTable:
    """``frame`` for display in a notebook; ``empty`` is the sentence shown when it is empty
    (e.g. "Every selected claim was mapped.")."""
    return ReadableTable(frame, empty)
