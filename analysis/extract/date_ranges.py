"""The period of a range form, and its two ends as parts with their own offsets.

"zwischen dem 30. Oktober und dem 2. November", "vom 5. bis 9. Juni", "November 4-9",
"von Juni bis August 2024", "im März und April", "in March and April", "between 2022 and
2024", and any two expressions the "seit" targets know, joined ("zwischen Ende Mai und
Anfang Juni", "from Monday to Friday"). The range is one interval (first day of the first
end .. last day of the second); each end is also kept as a part (its offsets in the matched
span and its own period), since annotation schemes such as TimeML tag the two ends
separately. A missing year follows from the other end ("von Oktober bis Dezember 2023"),
or, with no year at all, from the first end (:func:`~analysis.extract.date_periods.infer_year`);
an end before the start ("28. Dezember bis 3. Januar") crosses into the next year.
"""

from __future__ import annotations

import datetime as dt
import re

from analysis.extract.date_forms import first_resolved, month_value
from analysis.extract.date_grammar import DateGrammar
from analysis.extract.date_periods import Period, infer_year, month_bounds, span_years
from analysis.extract.date_relative import Anchor, Groups


def _range_years(
    m1: int, y1: int | None, m2: int, y2: int | None, wraps: bool, anchor: Anchor
) -> tuple[int, int]:
    if y1 is None and y2 is None:
        y1 = infer_year(m1, anchor.published, anchor.ahead)
    if y1 is None:
        y1 = y2 - wraps  # type: ignore[operator]
    if y2 is None:
        y2 = y1 + wraps
    return y1, y2


def _day_tuple(grammar: DateGrammar, text: str) -> tuple[int, int, int | None] | None:
    for _name, pattern in grammar.day_dates():
        match = pattern.fullmatch(text)
        if match:
            groups = match.groupdict()
            year = int(groups["y"]) if groups.get("y") else None
            return int(groups["d"]), month_value(grammar.lexicon, groups), year  # type: ignore
    return None


def _optional_int(groups: Groups, key: str) -> int | None:
    return int(groups[key]) if groups.get(key) else None  # type: ignore[arg-type]


def _day(year: int, month: int, day: int) -> Period:
    date = dt.date(year, month, day)
    return Period(date, date, "day")


def _month(year: int, month: int) -> Period:
    return Period(*month_bounds(year, month), "month")


def _ends(
    match: re.Match[str], first: str, second: str, periods: tuple[Period, Period],
    first_to_start: bool = False, second_to_end: bool = True,
) -> Period:
    """The range of two end periods, with the ends' spans (relative to the match) as parts."""
    base = match.start()
    first_span = (0 if first_to_start else match.start(first) - base, match.end(first) - base)
    end = match.end() if second_to_end else match.end(second)
    second_span = (match.start(second) - base, end - base)
    return Period(
        periods[0].start, periods[1].end, "range",
        ((*first_span, periods[0]), (*second_span, periods[1])),
    )


def resolve_range(
    name: str, grammar: DateGrammar, match: re.Match[str], anchor: Anchor
) -> Period | None:
    """The period of a range form (module docstring), or None."""
    lexicon = grammar.lexicon
    groups = match.groupdict()
    if name == "range_full":
        first = _day_tuple(grammar, groups["a"] or "")
        last = _day_tuple(grammar, groups["b"] or "")
        if first is None or last is None:
            return None
        (d1, m1, y1), (d2, m2, y2) = first, last
        y1, y2 = _range_years(m1, y1, m2, y2, (m1, d1) > (m2, d2), anchor)
        return _ends(match, "a", "b", (_day(y1, m1, d1), _day(y2, m2, d2)))
    if name in ("range_day_month", "range_month_day"):
        month = month_value(lexicon, groups)
        year = _optional_int(groups, "y") or infer_year(month, anchor.published, anchor.ahead)
        periods = (_day(year, month, int(groups["d1"])), _day(year, month, int(groups["d2"])))  # type: ignore[arg-type]
        if name == "range_month_day":  # "November 4-9": the month belongs to the first end
            return _ends(match, "d1", "d2", periods, first_to_start=True)
        return _ends(match, "d1", "d2", periods)
    if name in ("range_month", "range_month_pair"):
        m1, m2 = month_value(lexicon, groups, "m1"), month_value(lexicon, groups, "m2")
        y1, y2 = _range_years(
            m1, _optional_int(groups, "y1"), m2, _optional_int(groups, "y2"), m1 > m2, anchor
        )
        periods = (_month(y1, m1), _month(y2, m2))
        if groups.get("y1"):
            return _ends_with_year(match, periods)
        return _ends(match, "m1", "m2", periods)
    if name == "range_year":
        years = (span_years(int(groups["y1"]), 1, "year"), span_years(int(groups["y2"]), 1, "year"))  # type: ignore[arg-type]
        return _ends(match, "y1", "y2", years, second_to_end=False)
    # range_any: each end resolved on its own ("zwischen Ende Mai und Anfang Juni")
    ends = []
    for key in ("a", "b"):
        period = first_resolved(grammar.targets(), lexicon, groups[key] or "", anchor)
        if period is None or period.kind in ("future", "past"):
            return None
        ends.append(period)
    return _ends(match, "a", "b", (ends[0], ends[1]))


def _ends_with_year(match: re.Match[str], periods: tuple[Period, Period]) -> Period:
    """"von Oktober 2023 bis März 2024": the first end runs from its month to its year."""
    base = match.start()
    first = (match.start("m1") - base, match.end("y1") - base)
    second = (match.start("m2") - base, match.end() - base)
    return Period(
        periods[0].start, periods[1].end, "range", ((*first, periods[0]), (*second, periods[1]))
    )
