"""Calendar periods the date rules resolve to: ISO weeks, months, seasons and their parts.

* Weeks are ISO weeks (Monday .. Sunday); "the past week" is rolling (the last 7 days).
* Seasons are meteorological: spring March-May, summer June-August, autumn
  September-November, winter December-February (a winter begins in the December).
* Parts (Anfang / Mitte / Ende, early / mid / late): of a month days 1-10 / 11-20 /
  21-last (so "Ende Februar" ends on the 29th in leap years); of a year January-April /
  May-August / September-December; of a week Monday-Tuesday / Wednesday-Thursday /
  Friday-Sunday. "earlier this week/month/year" runs from the period's first day to the
  day before publication.
* A month without a year is the latest such month not after the publication month.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    """A closed day interval and the kind of expression it came from."""

    start: dt.date
    end: dt.date
    kind: str


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


def infer_year(month: int, published: dt.date) -> int:
    """Latest year in which ``month`` is not after the publication month."""
    return published.year if month <= published.month else published.year - 1


def relative_period(modifier: str, unit: str, published: dt.date) -> Period:
    """The whole week / month / year that "letzte", "diese" or "past" point at."""
    if modifier == "next":
        return FUTURE
    if modifier == "rolling":  # "the past week": the last 7 days, not the calendar week
        if unit == "week":
            return Period(published - dt.timedelta(days=7), published, "range")
        months = 1 if unit == "month" else 12
        return Period(minus_months(published, months), published, "range")
    back = 1 if modifier == "prev" else 0
    if unit == "week":
        monday, sunday = iso_week_bounds(published - dt.timedelta(weeks=back))
        return Period(monday, sunday, "week")
    if unit == "month":
        year, month = shift_month(published.year, published.month, -back)
        return Period(*month_bounds(year, month), "month")
    year = published.year - back
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def part_of(part: str, whole: Period, unit: str, published: dt.date) -> Period | None:
    """Anfang / Mitte / Ende (early / mid / late) of a week, month or year."""
    start, end = whole.start, whole.end
    if part == "earlier":  # "earlier this week": from the period's start to the day before pub
        if not start <= published <= end:
            return None
        return Period(start, max(start, published - dt.timedelta(days=1)), f"{unit}_part")
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

