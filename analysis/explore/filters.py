"""Filters of the claims table: what the explorer's controls and the notebooks select.

Pure functions on typed claims frames (as :func:`analysis.facts.store.load_claims` returns
them), tested without a browser. "Known by date X" (publication cut-off) is the one filter
:func:`analysis.facts.known.known_by`; :func:`filter_claims` adds the facets (unit, actor,
claimant, location, language), the as-of date range and a text search.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import pandas as pd

from analysis.core.errors import FactsError, ParameterError
from analysis.core.params import check_date, check_date_range, check_selection
from analysis.core.schema import SOURCES, UNITS, is_missing
from analysis.corpus.catalog import Article
from analysis.facts.known import known_by
from analysis.facts.sql import search_terms
from analysis.viz.tables import list_cell

# Label used in the controls for a missing actor or location (value ``None``).
UNKNOWN_LABEL = "(not stated)"

# Columns every function here reads; a frame without them is not a claims table.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "claim_id", "article_id", "sentence", "start", "end", "quote", "value", "lower", "upper",
    "approx", "qualifier", "vague", "unit", "actor", "location", "claimants",
    "as_of_start", "as_of_end", "published", "language",
)
# Read when present: claims loaded before the schema had them count as extracted.
OPTIONAL_COLUMNS: tuple[str, ...] = ("source",)


def check_columns(claims: pd.DataFrame) -> None:
    """Fail with a hint when ``claims`` lacks a column of :data:`REQUIRED_COLUMNS`."""
    missing = [column for column in REQUIRED_COLUMNS if column not in claims.columns]
    if missing:
        raise FactsError(
            f"claims table lacks column(s) {', '.join(missing)}; load it with "
            "analysis.facts.store.load_claims() or rebuild data/facts/claims.csv"
        )


def _matches_value(column: pd.Series, wanted: Collection[Any]) -> pd.Series:
    """Cells equal to one of ``wanted``; ``None`` in ``wanted`` also matches missing cells."""
    present = [value for value in wanted if not is_missing(value)]
    mask = column.isin(present)
    if any(is_missing(value) for value in wanted):
        mask |= column.isna()
    return mask


def _sources(claims: pd.DataFrame) -> pd.Series:
    if "source" in claims.columns:
        return claims["source"].fillna("extracted")
    return pd.Series("extracted", index=claims.index)


def day_series(column: pd.Series) -> pd.Series:
    """A date column (datetime64, date objects or ISO strings) as normalized Timestamps."""
    return pd.to_datetime(column, errors="coerce").dt.normalize()


def filter_claims(
    claims: pd.DataFrame,
    *,
    units: Collection[str] | str | None = None,
    actors: Collection[str | None] | str | None = None,
    claimants: Collection[str] | str | None = None,
    locations: Collection[str | None] | str | None = None,
    date_from: Any = None,
    date_to: Any = None,
    languages: Collection[str] | str | None = None,
    search: str | None = None,
    sources: Collection[str] | str | None = None,
) -> pd.DataFrame:
    """Return the claims that pass every given filter (rows keep their index and order).

    Each facet takes a collection of accepted values; None or an empty collection means
    "no restriction", a single string is one value.

    * ``units``: values of :data:`analysis.core.schema.UNITS` (an unknown unit is an error).
    * ``actors`` / ``locations``: codes as stored (``PRK``, ``RU-KRS``); ``None`` in the
      collection selects claims where the field is missing.
    * ``claimants``: a claim passes if *any* of its claimants is selected.
    * ``date_from`` / ``date_to``: the claim's as-of interval (``as_of_start`` ..
      ``as_of_end``; the publication date when the article gives none) must overlap
      ``[date_from, date_to]``. Either end may be None (open).
    * ``languages``: ISO 639-1 codes of the articles.
    * ``sources``: ``extracted`` and/or ``reference`` (:data:`analysis.core.schema.SOURCES`).
    * ``search``: case-insensitive; every term must occur in the quote or its sentence;
      ``"double quotes"`` keep a phrase together.
    """
    check_columns(claims)
    mask = pd.Series(True, index=claims.index)

    unit_values = check_selection("units", units)
    if unit_values is not None:
        unknown = [unit for unit in unit_values if unit not in UNITS]
        if unknown:
            raise ParameterError(
                f"unknown unit(s) {', '.join(map(repr, unknown))}; valid: {', '.join(UNITS)}"
            )
        mask &= claims["unit"].isin(unit_values)

    for name, column, selection in (
        ("actors", "actor", actors),
        ("locations", "location", locations),
        ("languages", "language", languages),
    ):
        values = check_selection(name, selection)
        if values is not None:
            mask &= _matches_value(claims[column], values)

    source_values = check_selection("sources", sources)
    if source_values is not None:
        unknown = [source for source in source_values if source not in SOURCES]
        if unknown:
            raise ParameterError(f"unknown source(s) {', '.join(map(repr, unknown))}; valid: "
                                 f"{', '.join(SOURCES)}")
        mask &= _sources(claims).isin(source_values)

    claimant_values = check_selection("claimants", claimants)
    if claimant_values is not None:
        wanted = set(claimant_values)
        mask &= claims["claimants"].map(lambda cell: bool(wanted.intersection(list_cell(cell))))

    first, last = check_date("date_from", date_from), check_date("date_to", date_to)
    check_date_range(first, last)
    if first is not None or last is not None:
        published = day_series(claims["published"])
        start = day_series(claims["as_of_start"]).fillna(published)
        end = day_series(claims["as_of_end"]).fillna(start)
        if first is not None:
            mask &= end >= pd.Timestamp(first)
        if last is not None:
            mask &= start <= pd.Timestamp(last)

    terms = search_terms(search or "")
    if terms:
        quotes = claims["quote"].fillna("").astype(str)
        sentences = claims["sentence"].fillna("").astype(str)
        # Whitespace is collapsed so a phrase matches across line breaks.
        haystack = (quotes + "\n" + sentences).map(lambda text: " ".join(text.split()).casefold())
        for term in terms:
            mask &= haystack.str.contains(term, regex=False)

    return claims[mask.astype(bool)]


def filter_options(claims: pd.DataFrame) -> dict[str, list[tuple[str, Any]]]:
    """(label, value) choices for each facet, from the values present in ``claims``.

    Units follow the schema order; codes are sorted; a missing actor/location is offered
    as :data:`UNKNOWN_LABEL` with value ``None``.
    """
    check_columns(claims)

    def codes(column: str, *, with_missing: bool) -> list[tuple[str, Any]]:
        present = sorted({str(v) for v in claims[column] if not is_missing(v)})
        options: list[tuple[str, Any]] = [(code, code) for code in present]
        if with_missing and claims[column].isna().any():
            options.append((UNKNOWN_LABEL, None))
        return options

    units_present = set(claims["unit"].dropna())
    claimants_present = sorted({c for cell in claims["claimants"] for c in list_cell(cell)})
    return {
        "units": [(unit, unit) for unit in UNITS if unit in units_present],
        "actors": codes("actor", with_missing=True),
        "claimants": [(code, code) for code in claimants_present],
        "locations": codes("location", with_missing=True),
        "languages": codes("language", with_missing=False),
        "sources": [(source, source) for source in SOURCES
                    if (_sources(claims) == source).any()],
    }


def in_reading_order(claims: pd.DataFrame) -> pd.DataFrame:
    """By publication date, then article, then position in the article."""
    return claims.assign(_published=day_series(claims["published"])).sort_values(
        ["_published", "article_id", "start"], kind="stable"
    ).drop(columns="_published")


def select_claims(
    claims: pd.DataFrame,
    *,
    articles: Sequence[str] | None = None,
    language: str | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Claims of the given article ids and language, published on or before ``as_of``.

    ``None`` means no filter; an empty list of articles selects none. The result keeps the
    table's order and columns, with a fresh index.
    """
    known = known_by(claims, as_of)
    if articles is not None:
        known = known[known["article_id"].isin(list(articles))]
    return filter_claims(known, languages=language).reset_index(drop=True)


def select_articles(
    articles: Iterable[Article],
    *,
    ids: Sequence[str] | None = None,
    language: str | None = None,
    as_of: dt.date | None = None,
) -> list[Article]:
    """The same filter as :func:`select_claims`, for catalogued articles."""
    return [
        a for a in articles
        if (ids is None or a.id in ids)
        and (language is None or a.language == language)
        and (as_of is None or a.published <= as_of)
    ]
