"""The public tables: every column once, with its type, meaning and allowed values.

One source of truth for every stage: the codec (:mod:`analysis.core.tables`), the data
dictionary ``data/facts/README.md`` (generated from here by ``make facts``), the notebook
parameter choices and the validation of overrides all read these specs.

Claims and events are written to ``data/facts/*.csv`` (lists as JSON arrays, dates as
ISO ``YYYY-MM-DD``, missing as empty) and loaded back with the types below.
Character offsets (``start``, ``end``) always refer to the article's *normalized*
text (UTF-8, BOM dropped, CRLF/CR turned into LF; see :mod:`analysis.corpus.catalog`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Column types: how a cell is stored in CSV and typed in a loaded frame.
COLUMN_TYPES: dict[str, str] = {
    "str": "text (pandas string; missing: NaN)",
    "int": "whole number (int64; a column that can be missing: Int64, missing: <NA>)",
    "float": "number (float64; missing: NaN)",
    "bool": "true/false (bool)",
    "date": "ISO date YYYY-MM-DD (datetime64; missing: NaT)",
    "list[str]": "JSON array of text (Python list; empty: [])",
}


@dataclass(frozen=True)
class Format:
    """The form of a code that has no closed list: a regular expression and its meaning."""

    regex: str
    meaning: str


# The two kinds of code a location can be besides a gazetteer place name.
ALPHA3 = Format("[A-Z]{3}", "an ISO 3166-1 alpha-3 code such as PRK or RUS")
ISO_3166_2 = Format("[A-Z]{2}-[A-Z0-9]{1,3}", "an ISO 3166-2 region code such as RU-KRS")


@dataclass(frozen=True)
class Column:
    """One column of a public table.

    ``allowed`` is the controlled vocabulary (code -> meaning) when there is one; for a list
    column it applies to each item. ``pattern`` is the form every value (every item of a
    list) has, for codes without a closed list.
    """

    name: str
    type: str  # a key of COLUMN_TYPES
    description: str
    allowed: Mapping[str, str] = field(default_factory=dict)
    nullable: bool = True
    pattern: Format | None = None

    def check(self, value: str) -> None:
        """Raise ``ValueError`` saying what is expected when ``value`` (one item) does not fit."""
        if self.allowed and value not in self.allowed:
            raise ValueError(f"choose one of {', '.join(self.allowed)}")
        if self.pattern and not re.fullmatch(self.pattern.regex, value):
            raise ValueError(f"{self.pattern.meaning} is expected")


QUALIFIERS: dict[str, str] = {
    "about": "rund, etwa, about, some: the number is approximate",
    "up_to": "bis zu, up to, as many as: the number is an upper bound",
    "more_than": "mehr als, über, more than, over: the number is a lower bound (exclusive)",
    "at_least": "mindestens, at least: the number is a lower bound",
    "nearly": "fast, knapp, nearly, almost: just under the number",
    "range": "zwischen … und, from … to: both bounds given",
    "vague": "Tausende, Hunderte, thousands: a vague plural; lower = the least it admits",
}

UNITS: dict[str, str] = {
    "troops": "troops, Truppen: a force deployed or sent",
    "soldiers": "soldiers, Soldaten, personnel",
    "killed": "killed, getötet, gefallen",
    "wounded": "wounded, verwundet",
    "casualties": "casualties, Verluste: killed and wounded together (sometimes missing)",
    "captured": "captured, gefangen genommen",
    "containers": "containers, Container (of munitions and goods)",
    "shells": "artillery shells, rounds, Granaten",
    "missiles": "missiles, Raketen",
    "other": "anything else counted",
}

# Units that may share an axis: a chart never puts two families on one axis (soldiers and
# shells differ by orders of magnitude and in kind). Every unit is in exactly one family.
UNIT_FAMILIES: dict[str, tuple[str, ...]] = {
    "forces": ("troops", "soldiers"),
    "losses": ("killed", "wounded", "casualties", "captured"),
    "materiel": ("containers", "shells", "missiles", "other"),
}
FAMILY_OF_UNIT: dict[str, str] = {u: f for f, units in UNIT_FAMILIES.items() for u in units}

AS_OF_SOURCES: dict[str, str] = {
    "text": "the figure's own time expression (`im Oktober`, `last week`), resolved against the "
            "statement date when there is one",
    "statement": "the statement date: the figure has no time of its own, or only `derzeit`, "
                 "`bisher`, `so far` (the time of speaking)",
    "publication": "the publication date: as `statement`, but the text does not say when the "
                   "claim was made",
}

FLAGS: dict[str, str] = {
    "actor_inferred": "whose forces or goods: inferred from the sentence, not stated at the number",
    "actor_unknown": "whose forces or goods: not stated and not inferable",
    "claimant_inferred": "who says so: taken from the previous sentence",
    "location_conflict": (
        "the same actor's forces are placed in another country elsewhere in the article"
    ),
}

EVENT_FLAGS: dict[str, str] = {
    "expected": "future or modal wording, a condition ('sobald') or a date after publication",
    "actor_unknown": "who acted: not stated in the sentence",
    "location_inherited": "'wo'/'where' refers back to the last place named before it",
}

SOURCES: dict[str, str] = {
    "extracted": "found by nk-claims in an article of the corpus (`seeds/`): quote and offsets",
    "reference": "coded by hand from public reporting (`data/curated/reference_claims.csv`): "
                 "figures, dates, claimants and the source URL, no article text",
}

# Columns a claim of each source must fill (the schema's ``nullable`` is per column, for
# every source): an extracted claim is traced by its quote in an article, a reference
# claim by the URL of the page that reported it.
REQUIRED_BY_SOURCE: dict[str, tuple[str, ...]] = {
    "extracted": ("article_id", "sentence_index", "sentence", "sentence_start", "start", "end",
                  "quote"),
    "reference": ("outlet", "url"),
}

CLAIMS: tuple[Column, ...] = (
    Column("claim_id", "str", "`{article_id}:{start}`; reference claims: their id in "
                              "`data/curated/reference_claims.csv` (`ref-…`)", nullable=False),
    Column("source", "str", "where the claim comes from", SOURCES, nullable=False),
    Column("article_id", "str", "the article's id in `seeds/catalog.csv` (empty for reference "
                                "claims)"),
    Column("sentence_index", "int", "0-based index of the sentence in the article (empty for "
                                    "reference claims)"),
    Column("sentence", "str", "the sentence that holds the claim, as written; of a sentence "
                              "longer than 500 characters, about 500 around the quote (empty "
                              "for reference claims)"),
    Column("sentence_start", "int", "character offset of `sentence` in the article's normalized "
                                    "text: `text[sentence_start:sentence_start + len(sentence)] "
                                    "== sentence` (empty for reference claims)"),
    Column("start", "int", "character offset of the quote in the article's normalized text "
                           "(empty for reference claims)"),
    Column("end", "int", "end offset of the quote: `text[start:end] == quote` (empty for "
                         "reference claims)"),
    Column("quote", "str", "the claim phrase: qualifier + number + what is counted (empty for "
                           "reference claims: no article text is kept)"),
    Column("value", "float", "the number as stated (empty for vague plurals)"),
    Column("lower", "float", "lower bound the wording implies (`mehr als`, `at least`, ranges, "
                             "vague plurals: the least the phrase admits)"),
    Column("upper", "float", "upper bound the wording implies (`bis zu`, `up to`, `fast`, ranges)"),
    Column("approx", "bool", "the number is approximate (`rund`, `about`)", nullable=False),
    Column("qualifier", "str", "the wording's qualifier", QUALIFIERS),
    Column("vague", "bool", "a vague plural (`Tausende`, `thousands`)", nullable=False),
    Column("unit", "str", "what is counted", UNITS, nullable=False),
    Column("counted_text", "str", "the counted noun as written"),
    Column("actor", "str", "ISO 3166-1 alpha-3 of the force or owner counted",
           pattern=ALPHA3),
    Column("location", "str", "where the counted are: ISO 3166-2 region, ISO alpha-3 country or "
                              "gazetteer town (English name)"),
    Column("location_text", "str", "the place as written"),
    Column("claimants", "list[str]", "who states the figure: ISO alpha-3 or an organisation code "
                                     "(e.g. NATO); empty when the outlet states it",
           nullable=False),
    Column("claimant_text", "str", "the source as written"),
    Column("as_of_start", "date", "first day of the interval the figure refers to: its own time "
                                  "expression, else the statement date, else `published` (see "
                                  "`as_of_source`); empty for an unnamed past time (`damals`) or "
                                  "a planned figure dated in the future"),
    Column("as_of_end", "date", "last day of that interval"),
    Column("as_of_text", "str", "the time expression (or cumulative word: `bisher`, `so far`) "
                                "that times the figure, as written"),
    Column("as_of_source", "str", "where `as_of` comes from", AS_OF_SOURCES),
    Column("stated_on_start", "date", "first day of when the claim was made (`sagte am "
                                      "Donnerstag`, `said on Thursday`); empty when the text "
                                      "does not say"),
    Column("stated_on_end", "date", "last day of when the claim was made"),
    Column("since", "date", "start of a cumulative count (`seit August 2023`, `since they "
                            "entered combat in December`)"),
    Column("planned", "bool", "a plan, target or expected deployment (`bis zum Sommer`, "
                              "`as soon as next month`)", nullable=False),
    Column("increment", "bool", "an additional batch (`weitere`, `another`)", nullable=False),
    Column("published", "date", "the article's publication date (catalog; reference claims: "
                                "of the page in `url`, else the day the claim was made)",
           nullable=False),
    Column("language", "str", "ISO 639-1 code of the article (catalog)", nullable=False),
    Column("flags", "list[str]", "warnings for the analyst", FLAGS, nullable=False),
    Column("outlet", "str", "reference claims: the outlet that reported the figure; empty for "
                            "extracted claims (their article's outlet is in the catalog)"),
    Column("url", "str", "reference claims: the page that reported the figure; empty for "
                         "extracted claims (their article's URL is in `seeds/catalog.csv`)"),
)

EVENTS: tuple[Column, ...] = (
    Column("event_id", "str", "`{article_id}:{start}`", nullable=False),
    Column("article_id", "str", "the article's id in `seeds/catalog.csv`", nullable=False),
    Column("sentence_index", "int", "0-based index of the sentence in the article",
           nullable=False),
    Column("sentence", "str", "the sentence that holds the event, as written", nullable=False),
    Column("start", "int", "character offset of the quote in the article's normalized text",
           nullable=False),
    Column("end", "int", "end offset of the quote: `text[start:end] == quote`", nullable=False),
    Column("quote", "str", "the event phrase", nullable=False),
    Column("event_type", "str", "controlled vocabulary in `data/lexicon/event_types.csv`",
           nullable=False),
    Column("actors", "list[str]", "ISO 3166-1 alpha-3 codes of who acted", nullable=False,
           pattern=ALPHA3),
    Column("location", "str", "where it happened (codes as in claims)"),
    Column("date_start", "date", "first day of when it happened"),
    Column("date_end", "date", "last day of when it happened"),
    Column("date_text", "str", "the time expression as written"),
    Column("published", "date", "the article's publication date (catalog)", nullable=False),
    Column("language", "str", "ISO 639-1 code of the article (catalog)", nullable=False),
    Column("flags", "list[str]", "warnings for the analyst", EVENT_FLAGS, nullable=False),
)

TABLES: dict[str, tuple[Column, ...]] = {"claims": CLAIMS, "events": EVENTS}


def _names(kind: str, *types: str) -> tuple[str, ...]:
    return tuple(c.name for c in TABLES[kind] if not types or c.type in types)


CLAIM_COLUMNS: tuple[str, ...] = _names("claims")
EVENT_COLUMNS: tuple[str, ...] = _names("events")
DATE_COLUMNS = {kind: _names(kind, "date") for kind in TABLES}
LIST_COLUMNS = {kind: _names(kind, "list[str]") for kind in TABLES}
BOOL_COLUMNS = {kind: _names(kind, "bool") for kind in TABLES}
INT_COLUMNS = {kind: _names(kind, "int") for kind in TABLES}
FLOAT_COLUMNS = {kind: _names(kind, "float") for kind in TABLES}


def column(kind: str, name: str) -> Column:
    """The spec of one column; KeyError names the table and column."""
    for spec in TABLES[kind]:
        if spec.name == name:
            return spec
    raise KeyError(f"{kind} has no column {name!r}")


def is_missing(value: Any) -> bool:
    """True for a missing table cell: None, NaN, NaT or pandas NA.

    A list, tuple, set or dict is a value, never "missing" (an empty claimants list means
    "stated by the outlet", not "unknown"). pandas is consulted only when it is loaded (no
    pandas object can exist otherwise), so the extraction command does not import it.
    """
    if value is None:
        return True
    if isinstance(value, list | tuple | set | frozenset | dict | str | bool | int):
        return False
    if isinstance(value, float):  # also numpy.float64
        return math.isnan(value)
    pd = sys.modules.get("pandas")
    if pd is None:
        return value != value  # NaN-like values (e.g. numpy's NaT) differ from themselves
    if value is pd.NaT:
        return True
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
