"""Shared helpers of the date tests: the seed's publication day and one-expression lookups."""

from __future__ import annotations

import datetime as dt

from analysis.extract.dates import TimeExpression, find_time_expressions

D = dt.date
TUE = D(2024, 11, 12)  # the seed's publication day, a Tuesday
PREVIOUS_WEEK = (D(2024, 11, 4), D(2024, 11, 10))


def only(sentence: str, language: str, published: dt.date = TUE) -> TimeExpression:
    """The single time expression in ``sentence``."""
    found = find_time_expressions(sentence, language, published)
    assert len(found) == 1, [e.text for e in found]
    expression = found[0]
    assert sentence[expression.start : expression.end] == expression.text
    return expression


def interval(expression: TimeExpression) -> tuple[dt.date | None, dt.date | None]:
    return expression.start_date, expression.end_date
