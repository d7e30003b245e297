"""Validation of notebook and report parameters.

Every notebook's second cell calls these on the values papermill injected, so a bad
parameter stops the run at once with one line naming the parameter and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from analysis.core.errors import ParameterError
from analysis.core.schema import ALPHA3


def _is_blank(value: Any) -> bool:
    """None, "", NaN, NaT or pandas NA (checked without importing pandas: NaN != NaN)."""
    if value is None or isinstance(value, str):
        return value is None or value == ""
    try:
        return bool(value != value)
    except TypeError:  # pandas NA: its comparisons are NA, which has no truth value
        return True


def check_date(name: str, value: Any, *, allow_none: bool = True) -> dt.date | None:
    """Return ``value`` as a date; accept a date or an ISO ``YYYY-MM-DD`` string.

    None, "" and missing table cells (NaN, NaT) mean "no date".
    """
    if _is_blank(value):
        if allow_none:
            return None
        raise ParameterError(f"parameter {name!r} is required: give an ISO date YYYY-MM-DD")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ParameterError(f"parameter {name!r} = {value!r} is not an ISO date (YYYY-MM-DD)")


def check_choice(name: str, value: Any, allowed: Iterable[Any], *, allow_none: bool = False) -> Any:
    """Return ``value`` if it is one of ``allowed``; else fail listing the valid values."""
    allowed = list(allowed)
    if value is None and allow_none:
        return None
    if value not in allowed:
        shown = ", ".join(map(str, allowed))
        raise ParameterError(f"parameter {name!r} = {value!r} is not valid; choose one of: {shown}")
    return value


def check_choices(
    name: str, values: Any, allowed: Iterable[Any], *, allow_empty: bool = False
) -> list[Any]:
    """Return a list of values, each one of ``allowed``; a single string is a one-item list."""
    if values is None:
        values = []
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Sequence):
        raise ParameterError(f"parameter {name!r} = {values!r} must be a list")
    allowed = list(allowed)
    bad = [v for v in values if v not in allowed]
    if bad:
        shown = ", ".join(map(str, allowed))
        raise ParameterError(
            f"parameter {name!r} has unknown value(s) {', '.join(map(repr, bad))}; valid: {shown}"
        )
    if not values and not allow_empty:
        raise ParameterError(f"parameter {name!r} is empty; give at least one value")
    return list(values)


def check_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ParameterError(f"parameter {name!r} = {value!r} must be True or False")


def check_existing_file(name: str, value: Any) -> Path:
    path = Path(str(value))
    if not path.is_file():
        raise ParameterError(f"parameter {name!r}: file {str(value)!r} does not exist")
    return path


def check_date_range(date_from: dt.date | None, date_to: dt.date | None) -> None:
    """Fail when the range is reversed (both already checked as dates; None is an open end)."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ParameterError(
            f"date range reversed: date_from = {date_from.isoformat()} is after date_to = "
            f"{date_to.isoformat()}; swap them"
        )


def check_actor(name: str, value: Any) -> str | None:
    """An ISO 3166-1 alpha-3 code (``PRK``) or None (any actor)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and re.fullmatch(ALPHA3.regex, value):
        return value
    raise ParameterError(
        f"parameter {name!r} = {value!r} is not {ALPHA3.meaning} (None = any actor)"
    )


def check_selection(name: str, values: Any) -> list[Any] | None:
    """A facet selection: None or empty -> None (no filter); a string -> [string]; any other
    iterable -> its list (the one normaliser of the query layer and the explorer filters)."""
    if values is None:
        return None
    if isinstance(values, str):
        return [values]
    if not isinstance(values, Iterable):
        raise ParameterError(f"{name} = {values!r} must be a list of values or None")
    return list(values) or None
