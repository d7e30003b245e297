"""Short, consistent text for claim figures and dates on maps, charts and tables.

One place decides how an estimate reads ("≤ 12,000", "> 13,000", "≈ 50,000",
"≥ 2,000 (vague)"), how an as-of interval reads ("2024-11-04–10"), how a day, a list
cell and the claimants read, so the maps, the charts, the tables, the explorer and the
report agree. Numbers use a comma as thousands separator because the labels are English;
the symbols carry the qualifier so a label stays short.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from analysis.core.schema import is_missing, to_date

# Symbol that stands in front of a single bound, by qualifier.
_BOUND_SYMBOL = {
    "up_to": "≤",
    "more_than": ">",
    "at_least": "≥",
    "nearly": "≲",  # "nearly 5,000": just under, roughly
}


def format_number(value: Any) -> str:
    """``12000.0`` -> ``"12,000"``; non-integers keep up to two decimals; missing -> ``"?"``."""
    if is_missing(value):
        return "?"
    number = float(value)
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def format_estimate(
    value: Any,
    lower: Any = None,
    upper: Any = None,
    approx: Any = False,
    vague: Any = False,
    qualifier: Any = None,
) -> str:
    """Render a claim's figure with its bounds, e.g. ``"≤ 12,000"`` or ``"≥ 2,000 (vague)"``.

    The qualifier decides the form; when it is missing, the bounds do:
    ``lower == upper`` or only ``value`` -> the number, only ``lower`` -> ``"≥ x"``,
    only ``upper`` -> ``"≤ x"``, both -> ``"x–y"``. ``approx`` adds ``≈`` to a plain number.
    Vague claims ("Tausende", "thousands") say so, because their bound is an interpretation.
    """
    qualifier = None if is_missing(qualifier) else str(qualifier)
    approx = not is_missing(approx) and bool(approx)
    vague = (not is_missing(vague) and bool(vague)) or qualifier == "vague"
    has_value, has_lower, has_upper = (not is_missing(x) for x in (value, lower, upper))

    if qualifier in _BOUND_SYMBOL:
        bound = {"up_to": upper, "nearly": upper, "more_than": lower, "at_least": lower}[qualifier]
        if is_missing(bound):
            bound = value
        text = f"{_BOUND_SYMBOL[qualifier]} {format_number(bound)}"
    elif qualifier == "range" or (has_lower and has_upper and float(lower) != float(upper)):
        text = f"{format_number(lower)}–{format_number(upper)}"
    elif qualifier == "about" or (approx and has_value):
        text = f"≈ {format_number(value if has_value else lower)}"
    elif has_value:
        text = format_number(value)
    elif has_lower and has_upper:  # equal bounds
        text = format_number(lower)
    elif has_lower:
        text = f"≥ {format_number(lower)}"
    elif has_upper:
        text = f"≤ {format_number(upper)}"
    else:
        text = "no figure"
    return f"{text} (vague)" if vague else text


def format_figure(row: Mapping[str, Any]) -> str:
    """:func:`format_estimate` of a claim row (mapping or pandas row with the claim columns)."""
    return format_estimate(
        row.get("value"), row.get("lower"), row.get("upper"),
        row.get("approx", False), row.get("vague", False), row.get("qualifier"),
    )


def format_as_of(start: Any, end: Any = None) -> str:
    """Render an as-of interval compactly, ISO style.

    ``(2024-11-11, 2024-11-11)`` -> ``"2024-11-11"``; a whole month -> ``"2024-10"``;
    a whole year -> ``"2024"``; same month -> ``"2024-11-04–10"``; same year ->
    ``"2024-10-28–11-03"``; open ends -> ``"from 2024-08-01"`` / ``"until 2024-11-12"``;
    nothing -> ``"undated"``. Accepts dates, datetimes, pandas Timestamps/NaT, ISO strings.
    """
    first, last = to_date(start), to_date(end)
    if first is None and last is None:
        return "undated"
    if last is None:
        return f"from {first.isoformat()}"
    if first is None:
        return f"until {last.isoformat()}"
    if last < first:
        first, last = last, first
    if first == last:
        return first.isoformat()
    next_day = last + dt.timedelta(days=1)
    same_month = (first.year, first.month) == (last.year, last.month)
    if first.day == 1 and next_day.day == 1 and same_month:
        return f"{first.year:04d}-{first.month:02d}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"{first.year:04d}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.isoformat()}–{last.day:02d}"
    if first.year == last.year:
        return f"{first.isoformat()}–{last.month:02d}-{last.day:02d}"
    return f"{first.isoformat()}–{last.isoformat()}"


# ``as_of_source`` values whose interval is not the count's own time (see core/schema.py).
_BORROWED_AS_OF = {"statement": "statement date", "publication": "publication date"}


def format_as_of_timed(start: Any, end: Any = None, source: Any = None) -> str:
    """:func:`format_as_of`, marked when the interval is borrowed from the statement or the
    publication (``as_of_source``): ``"2024-11-12 (publication date)"``."""
    when = format_as_of(start, end)
    borrowed = None if is_missing(source) else _BORROWED_AS_OF.get(str(source))
    return f"{when} ({borrowed})" if borrowed and when != "undated" else when


def format_as_of_phrase(start: Any, end: Any = None, source: Any = None) -> str:
    """``"as of 2024-11-12"`` (``"... (statement date)"`` when ``source`` says it is
    borrowed), or ``"as of date not stated"`` when there is no interval."""
    when = format_as_of_timed(start, end, source)
    return "as of date not stated" if when == "undated" else f"as of {when}"


def format_date(value: Any, missing: str = "") -> str:
    """One day as ISO text (``"2024-11-12"``); a missing value gives ``missing``."""
    day = to_date(value)
    return missing if day is None else day.isoformat()


def format_list(value: Any) -> str:
    """A list cell (list, tuple, array) as ``"a, b"``; a scalar as text; missing -> ``""``."""
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return ", ".join(str(item) for item in value)
    return "" if is_missing(value) else str(value)


def format_claimants(claimants: Any) -> str:
    """``["USA", "KOR"]`` -> ``"USA, KOR"``; empty or missing -> ``"unattributed"``."""
    if isinstance(claimants, str):
        claimants = [claimants] if claimants else []
    if claimants is None or (not isinstance(claimants, Iterable)) or is_missing(claimants):
        return "unattributed"
    names = [str(c) for c in claimants if not is_missing(c) and str(c)]
    return ", ".join(names) if names else "unattributed"


def format_claim(row: Any) -> str:
    """One-line label for a claim row (mapping or pandas row with the claim columns).

    ``"≤ 12,000 troops · USA, KOR, UKR · as of 2024-11-12"``.
    """
    unit = row.get("unit")
    unit_text = "" if is_missing(unit) else f" {unit}"
    when = format_as_of_phrase(
        row.get("as_of_start"), row.get("as_of_end"), row.get("as_of_source")
    )
    return f"{format_figure(row)}{unit_text} · {format_claimants(row.get('claimants'))} · {when}"


def format_claim_callout(row: Any, actor_adjective: str | None = None) -> str:
    """A claim for a map callout: figure, whose, unit, who claims it and when.

    ``"≈ 50,000 Russian soldiers · claimed by UKR · as of 2024-11-11"``; ``actor_adjective``
    is the actor's adjective ("Russian"); without it the actor code is named
    (``"… soldiers (actor XYZ)"``), or "actor not stated" when there is none.
    """
    unit = row.get("unit")
    unit_text = "" if is_missing(unit) else str(unit)
    actor = row.get("actor")
    if actor_adjective:
        counted = f"{actor_adjective} {unit_text}".strip()
    elif is_missing(actor):
        counted = f"{unit_text} (actor not stated)".strip()
    else:
        counted = f"{unit_text} (actor {actor})".strip()
    claimants = format_claimants(row.get("claimants"))
    who = "unattributed" if claimants == "unattributed" else f"claimed by {claimants}"
    when = format_as_of_phrase(row.get("as_of_start"), row.get("as_of_end"))
    return f"{format_figure(row)} {counted} · {who} · {when}"
