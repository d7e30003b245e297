"""Calendar periods the date rules resolve to: ISO weeks, months, seasons and their parts.

* Weeks are ISO weeks (Monday .. Sunday); "the past week" is rolling (the last 7 days).
* Seasons are meteorological: spring March-May, summer June-August, autumn
  September-November, winter December-February (a winter begins in the December).
* Decades, centuries and millennia are the calendar's: the 1990s are 1990-1999, the 20th
  century is 1900-1999 and the third millennium 2000-2999 (TimeML's values 199, 19, 2).
* Parts (Anfang / Mitte / Ende, early / mid / late): of a month days 1-10 / 11-20 /
  21-last (so "Ende Februar" ends on the 29th in leap years); of a year January-April /
  May-August / September-December; of a week Monday-Tuesday / Wednesday-Thursday /
  Friday-Sunday; of a decade its first 3 / middle 4 / last 3 years, of a century years
  0-29 / 30-69 / 70-99. "earlier this week/month/year" runs from the period's first day to
  the day before publication.
* Weeks and halves of a month ("erste Juniwoche", "second half of October"): days 1-7,
  8-14, 15-21, 22-28, the last 7 days; 1-15 and 16-last.
* Holidays: fixed days (``MM-DD``) or days relative to Western Easter (dateutil's
  ``easter``).
* Which instance an expression without a year means (:func:`instance`): looking back, the
  latest that began on or before publication; looking ahead (future tense, see
  :mod:`analysis.extract.date_tense`), the earliest that has not ended before it.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.easter import easter


@dataclass(frozen=True)
class Period:
    """A closed day interval and the kind of expression it came from.

    ``parts``: for a range, its two ends as (start, end) offsets into the matched span with
    their own periods ("vom 5. bis 9. Juni": "5." and "9. Juni").
    """

    start: dt.date
    end: dt.date
    kind: str
    parts: tuple[tuple[int, int, Period], ...] = ()


FUTURE = Period(dt.date.max, dt.date.max, "future")  # refers only to days after pub


def iso_week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of ``month`` in ``year`` (leap years included)."""
    return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def minus_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` earlier, clamped to that month's last day."""
    year, month = shift_month(day.year, day.month, -months)
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def infer_year(month: int, published: dt.date, ahead: bool = False) -> int:
    """Latest year in which ``month`` is not after the publication month; with ``ahead``,
    the earliest in which it is not before it."""
    if ahead:
        return published.year if month >= published.month else published.year + 1
    return published.year if month <= published.month else published.year - 1


def span_years(first: int, years: int, kind: str) -> Period:
    """``years`` whole years from ``first`` on (a decade, a century ...)."""
    return Period(dt.date(first, 1, 1), dt.date(first + years - 1, 12, 31), kind)


LONG_UNITS = {"decade": 10, "century": 100, "millennium": 1000}


def relative_period(modifier: str, unit: str, published: dt.date) -> Period:
    """The whole week / month / year that "letzte", "diese", "nächste" or "past" point at."""
    if modifier == "rolling":  # "the past week": the last 7 days, not the calendar week
        if unit == "week":
            return Period(published - dt.timedelta(days=7), published, "range")
        months = 1 if unit == "month" else 12
        return Period(minus_months(published, months), published, "range")
    back = {"prev": 1, "this": 0, "next": -1}[modifier]
    if unit in LONG_UNITS:
        years = LONG_UNITS[unit]
        return span_years((published.year // years - back) * years, years, "year")
    if unit == "week":
        monday, sunday = iso_week_bounds(published - dt.timedelta(weeks=back))
        return Period(monday, sunday, "week")
    if unit == "month":
        year, month = shift_month(published.year, published.month, -back)
        return Period(*month_bounds(year, month), "month")
    year = published.year - back
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def part_of(part: str, whole: Period, unit: str, published: dt.date) -> Period | None:
    """Anfang / Mitte / Ende (early / mid / late) of a week, month, year, decade or century."""
    start, end = whole.start, whole.end
    if part == "earlier":  # "earlier this week": from the period's start to the day before pub
        if not start <= published <= end:
            return None
        return Period(start, max(start, published - dt.timedelta(days=1)), f"{unit}_part")
    if unit in ("decade", "century"):
        years = end.year - start.year + 1
        third, two_thirds = years * 3 // 10, years * 7 // 10
        first, last = {
            "start": (0, third - 1), "mid": (third, two_thirds - 1), "end": (two_thirds, years - 1)
        }[part]
        return Period(
            dt.date(start.year + first, 1, 1), dt.date(start.year + last, 12, 31), "year_part"
        )
    if unit == "week":
        offsets = {"start": (0, 1), "mid": (2, 3), "end": (4, 6)}[part]
        return Period(
            start + dt.timedelta(days=offsets[0]), start + dt.timedelta(days=offsets[1]),
            "week_part",
        )
    if unit == "month":
        first = {"start": 1, "mid": 11, "end": 21}[part]
        last = {"start": 10, "mid": 20, "end": end.day}[part]
        return Period(start.replace(day=first), start.replace(day=last), "month_part")
    months = {"start": (1, 4), "mid": (5, 8), "end": (9, 12)}[part]
    return Period(
        month_bounds(start.year, months[0])[0], month_bounds(start.year, months[1])[1],
        "year_part",
    )


def season_instance(start_month: int, year: int) -> Period:
    """The meteorological season beginning in ``start_month`` of ``year`` (winter: Dec-Feb)."""
    end_year, end_month = shift_month(year, start_month, 2)
    return Period(dt.date(year, start_month, 1), month_bounds(end_year, end_month)[1], "season")



def span_unit(start: dt.date, end: dt.date) -> str | None:
    """The calendar unit a day interval is exactly one of: week, month, year, decade,
    century (aligned as the calendar aligns them), or None."""
    if (end - start).days == 6 and start.weekday() == 0:
        return "week"
    if start.day == 1 and (start.year, start.month) == (end.year, end.month):
        return "month" if end == month_bounds(end.year, end.month)[1] else None
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        return None
    years = end.year - start.year + 1
    unit = {1: "year", 10: "decade", 100: "century"}.get(years)
    return unit if unit and start.year % years == 0 else None


def part_of_span(part: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """Anfang / Mitte / Ende of the calendar period ``start .. end`` (:func:`part_of`), or
    None when the interval is no single calendar period."""
    unit = span_unit(start, end)
    if unit is None:
        return None
    period = part_of(part, Period(start, end, unit), unit, start)
    return (period.start, period.end) if period else None


def month_split(ordinal: int, split: str, year: int, month: int) -> Period | None:
    """Week ``ordinal`` (1-5, -1 = the last) or half (1, 2, -1) of a month."""
    first, last = month_bounds(year, month)
    if split == "half":
        if ordinal not in (1, 2, -1):
            return None
        if ordinal == 1:
            return Period(first, first.replace(day=15), "month_part")
        return Period(first.replace(day=16), last, "month_part")
    if ordinal == -1:
        return Period(last - dt.timedelta(days=6), last, "week")
    if not 1 <= ordinal <= 5:
        return None
    start = first + dt.timedelta(days=7 * (ordinal - 1))
    end = min(start + dt.timedelta(days=6), last)
    return Period(start, end, "week") if start <= last else None


def holiday(value: str, year: int) -> Period:
    """The day of a holiday (``MM-DD`` or ``easter+N``, see the lexicon) in ``year``."""
    if value.startswith("easter"):
        day = easter(year) + dt.timedelta(days=int(value[len("easter"):]))
    else:
        month, day_of_month = value.split("-")
        day = dt.date(year, int(month), int(day_of_month))
    return Period(day, day, "day")


def instance(
    make: Callable[[int], Period], published: dt.date, ahead: bool
) -> Period:
    """The instance of a yearly period (``make(year)``) an expression without a year means:
    the latest that began on or before ``published``, or with ``ahead`` the earliest that
    has not ended before it."""
    current = make(published.year)
    if ahead:
        return current if current.end >= published else make(published.year + 1)
    return current if current.start <= published else make(published.year - 1)
