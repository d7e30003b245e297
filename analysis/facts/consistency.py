"""Contradictions among claims: where sources (or one article) cannot all be right.

Two rules, each finding naming both claims and why:

``location_conflict``
    Within one article, the same actor's forces (troops, soldiers) are placed in
    different countries, e.g. the seed puts North Korean troops in Russia (Kursk) in one
    sentence and "in der Ukraine" in another. Regions count as their country
    (``RU-KRS`` is in ``RUS``), via :func:`analysis.lexicon.gazetteer.country_of`.

``interval_conflict``
    Two estimates of the same actor, unit and location whose as-of intervals overlap, but
    whose admissible ranges of values do not, e.g. "up to 5,000" and "more than 8,000"
    for the same week. Plain and approximate numbers are news figures, usually rounded,
    so they admit ±:data:`ROUNDING_TOLERANCE` around the number; claims without an as-of
    date, plans ("soll schicken") and increments ("weitere 3.000") are not compared.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from analysis.core.labels import format_as_of, format_estimate
from analysis.core.schema import is_missing, to_date

CONTRADICTION_COLUMNS: tuple[str, ...] = ("claim_id_a", "claim_id_b", "rule", "reason")
RULES: tuple[str, ...] = ("location_conflict", "interval_conflict")

# Units that describe where a force is; casualty or shipment counts are not placements.
FORCE_UNITS: frozenset[str] = frozenset({"troops", "soldiers"})
# A rounded figure like "10,000 troops" is read as 9,000..11,000 when compared.
ROUNDING_TOLERANCE: float = 0.10


def _float(value: Any) -> float | None:
    return None if is_missing(value) else float(value)


def admissible_interval(claim: Any) -> tuple[float, float] | None:
    """The values a claim admits, as a closed interval ``(low, high)``; None if it has no figure.

    up to X -> (0, X); more than / at least X -> (X, inf); range -> (lower, upper);
    vague (Tausende: lower 2000) -> (lower, inf); nearly X -> (X·(1-tol), X);
    plain or approximate X -> (X·(1-tol), X·(1+tol)). Explicit bounds always win.
    """
    value, lower, upper = (_float(claim.get(k)) for k in ("value", "lower", "upper"))
    qualifier = None if is_missing(claim.get("qualifier")) else str(claim.get("qualifier"))
    if qualifier == "up_to":
        bound = upper if upper is not None else value
        return None if bound is None else (0.0, bound)
    if qualifier in ("more_than", "at_least", "vague"):
        bound = lower if lower is not None else value
        return None if bound is None else (bound, math.inf)
    if qualifier == "nearly":
        bound = upper if upper is not None else value
        return None if bound is None else (bound * (1 - ROUNDING_TOLERANCE), bound)
    if lower is not None or upper is not None:
        if value is None and (lower is None or upper is None):
            return (lower, math.inf) if upper is None else (0.0, upper)
        low = lower if lower is not None else value * (1 - ROUNDING_TOLERANCE)
        high = upper if upper is not None else value * (1 + ROUNDING_TOLERANCE)
        return (low, high)
    if value is None:
        return None
    return (value * (1 - ROUNDING_TOLERANCE), value * (1 + ROUNDING_TOLERANCE))


def as_of_interval(claim: Any) -> tuple[dt.date, dt.date] | None:
    """The claim's as-of day interval, or None when the text gives no time for it."""
    start, end = to_date(claim.get("as_of_start")), to_date(claim.get("as_of_end"))
    if start is None and end is None:
        return None
    return (start or end, end or start)


def _describe(claim: Any) -> str:
    figure = format_estimate(
        claim.get("value"), claim.get("lower"), claim.get("upper"),
        claim.get("approx", False), claim.get("vague", False), claim.get("qualifier"),
    )
    return f"{claim['claim_id']} '{claim.get('quote', '')}' ({figure})"


def _place_text(claim: Any) -> str:
    text = claim.get("location_text")
    return str(claim["location"]) if is_missing(text) or not str(text) else str(text)


def _location_conflicts(claims: pd.DataFrame, country_of: Callable[[str], str | None]) -> list:
    findings = []
    eligible = claims[
        claims["actor"].map(lambda a: not is_missing(a))
        & claims["location"].map(lambda x: not is_missing(x))
        & claims["unit"].isin(FORCE_UNITS)
        & ~claims["planned"].fillna(False).astype(bool)
    ]
    for (_article, actor), group in eligible.groupby(["article_id", "actor"], sort=True):
        records = group.sort_values("start").to_dict("records")
        for a, b in itertools.combinations(records, 2):
            country_a, country_b = country_of(a["location"]), country_of(b["location"])
            if not country_a or not country_b or country_a == country_b:
                continue
            findings.append({
                "claim_id_a": a["claim_id"], "claim_id_b": b["claim_id"],
                "rule": "location_conflict",
                "reason": (
                    f"article {a['article_id']} places {actor} forces in {country_a} "
                    f"({_place_text(a)}: {_describe(a)}) and in "
                    f"{country_b} ({_place_text(b)}: {_describe(b)})"
                ),
            })
    return findings


def _interval_conflicts(claims: pd.DataFrame) -> list:
    findings = []
    comparable = claims[
        claims["actor"].map(lambda a: not is_missing(a))
        & ~claims["planned"].fillna(False).astype(bool)
        & ~claims["increment"].fillna(False).astype(bool)
    ].copy()
    comparable["_location_key"] = comparable["location"].map(lambda x: "" if is_missing(x) else x)
    for (actor, unit, location), group in comparable.groupby(
        ["actor", "unit", "_location_key"], sort=True
    ):
        records = []
        for record in group.sort_values(["article_id", "start"]).to_dict("records"):
            when, values = as_of_interval(record), admissible_interval(record)
            if when is not None and values is not None:
                records.append((record, when, values))
        for (a, when_a, values_a), (b, when_b, values_b) in itertools.combinations(records, 2):
            if when_a[1] < when_b[0] or when_b[1] < when_a[0]:
                continue  # different times: a change, not a contradiction
            if values_a[1] >= values_b[0] and values_b[1] >= values_a[0]:
                continue  # both can be true
            place = location or "no stated location"
            findings.append({
                "claim_id_a": a["claim_id"], "claim_id_b": b["claim_id"],
                "rule": "interval_conflict",
                "reason": (
                    f"{actor} {unit} in {place}: {_describe(a)} as of "
                    f"{format_as_of(*when_a)} and {_describe(b)} as of "
                    f"{format_as_of(*when_b)} cannot both be true"
                ),
            })
    return findings


def find_contradictions(
    claims: pd.DataFrame, *, country_of: Callable[[str], str | None] | None = None
) -> pd.DataFrame:
    """All contradictions among ``claims`` (a claims table, typed or as extracted).

    Returns a DataFrame with :data:`CONTRADICTION_COLUMNS`, one row per pair of claims
    per rule, ``claim_id_a`` being the earlier claim (by article and offset).
    """
    if country_of is None:
        from analysis.lexicon.gazetteer import (
            country_of,  # the place vocabulary owns region -> country
        )
    if claims.empty:
        return pd.DataFrame(columns=list(CONTRADICTION_COLUMNS))
    findings = _location_conflicts(claims, country_of) + _interval_conflicts(claims)
    return pd.DataFrame(findings, columns=list(CONTRADICTION_COLUMNS))


def contradictions_table(contradictions: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Contradictions with both quotes beside the ids, for reading in a notebook."""
    quotes = dict(zip(claims["claim_id"], claims["quote"], strict=True))
    table = contradictions.copy()
    table.insert(1, "quote_a", table["claim_id_a"].map(quotes))
    table.insert(3, "quote_b", table["claim_id_b"].map(quotes))
    return table.reset_index(drop=True)


def involving(contradictions: pd.DataFrame, claim_ids: Any) -> pd.DataFrame:
    """The contradictions in which at least one of ``claim_ids`` takes part."""
    wanted = set(claim_ids)
    mask = contradictions["claim_id_a"].isin(wanted) | contradictions["claim_id_b"].isin(wanted)
    return contradictions[mask].reset_index(drop=True)
