"""Which claims a chart or map can draw; the others are left out and listed, never fatal.

A figure must never fail because of one bad claim (an infinite value from a 400-digit
number, bounds the wrong way round, a negative count): :func:`screen_claims` splits a
selection into the drawable claims and the skipped ones with the reason, and
:func:`skipped_note` says which were left out, for the figure's note and the notebook.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from analysis.core.schema import is_missing

SKIPPED_COLUMNS: tuple[str, ...] = ("claim_id", "reason")
# Listed by id in a figure's note up to this many; beyond, only the count.
NOTE_LIMIT = 4


def _number(value: Any) -> float | None:
    if is_missing(value):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def problem(claim: Any) -> str | None:
    """Why ``claim`` (a row mapping) cannot be drawn, or None when it can."""
    numbers = {name: _number(claim.get(name)) for name in ("value", "lower", "upper")}
    for name, number in numbers.items():
        if number is None:
            continue
        if math.isnan(number):
            return f"{name} is not a number"
        if math.isinf(number):
            return f"{name} is infinite"
        if number < 0:
            return f"{name} is negative ({number:g})"
    lower, upper = numbers["lower"], numbers["upper"]
    if lower is not None and upper is not None and lower > upper:
        return f"lower bound {lower:g} is above upper bound {upper:g}"
    if all(number is None for number in numbers.values()):
        return "no figure, only a vague word"
    return None


def screen_claims(claims: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(drawable claims, skipped claims with ``claim_id`` and ``reason``); order kept."""
    reasons = [problem(row) for row in claims.to_dict("records")] if len(claims) else []
    bad = pd.Series([r is not None for r in reasons], index=claims.index, dtype=bool)
    skipped = pd.DataFrame(
        {"claim_id": claims.loc[bad, "claim_id"].astype(str).tolist() if len(claims) else [],
         "reason": [r for r in reasons if r is not None]},
        columns=list(SKIPPED_COLUMNS),
    )
    return claims.loc[~bad], skipped


def skipped_note(skipped: pd.DataFrame, what: str = "drawn") -> str:
    """One sentence naming the skipped claims and why ("" when none were skipped)."""
    if skipped is None or skipped.empty:
        return ""
    count = len(skipped)
    listed = "; ".join(f"{row['claim_id']} ({row['reason']})"
                       for row in skipped.head(NOTE_LIMIT).to_dict("records"))
    more = f"; and {count - NOTE_LIMIT} more" if count > NOTE_LIMIT else ""
    claims_word = "claim" if count == 1 else "claims"
    return f"{count} {claims_word} not {what}: {listed}{more}."
