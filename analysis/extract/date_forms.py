"""The period each single (non-range) form of the date grammar names.

The rules are listed in :mod:`analysis.extract.date_resolution`; the calendar arithmetic is
in :mod:`analysis.extract.date_periods`. Every resolver takes the named groups of the
form's verifying pattern and an :class:`Anchor` (the publication day, and whether the
clause looks ahead, asked only by forms without a year or modifier), and returns a
:class:`~analysis.extract.date_periods.Period`, :data:`FUTURE` / :data:`PAST` (a time no
date names), or None (not a date after all).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from analysis.extract.date_lexicon import DateLexicon
from analysis.extract.date_periods import (
    FUTURE,
    LONG_UNITS,
    Period,
    holiday,
    infer_year,
    instance,
    iso_week_bounds,
    month_bounds,
    month_split,
    part_of,
    relative_period,
    season_instance,
    span_years,
)
from analysis.extract.date_relative import (
    Anchor,
    Groups,
    group_modifier,
    group_value,
    resolve_ago,
    resolve_ahead,
    resolve_day_offset,
    resolve_rolling,
    resolve_story,
)

PAST = Period(dt.date.min, dt.date.min, "past")  # an earlier time no date names ("damals")
# A phrase that is a time but cannot be pinned down ("Winter 2023": 2022/23 or 2023/24?):
# no date, and no shorter expression inside it either.
AMBIGUOUS = Period(dt.date.min, dt.date.min, "ambiguous")
DECADE_LAG_YEARS = 5  # "die zwanziger Jahre" in 2024 are the 1920s, in 2026 the 2020s


def month_value(lexicon: DateLexicon, groups: Groups, key: str = "mon") -> int:
    if groups.get(key):
        return int(group_value(lexicon, "month", groups, key))  # type: ignore[arg-type]
    return int(groups["m"])  # type: ignore[arg-type]


def _year_offset(lexicon: DateLexicon, groups: Groups) -> int:
    """"letzten Jahres" -> -1; a unit other than a year is not a year ("Oktober letzten
    Monats")."""
    modifier = group_value(lexicon, "modifier", groups, "ymod")
    offsets = {"prev": -1, "this": 0, "next": 1}
    if group_value(lexicon, "unit", groups, "yunit") != "year" or modifier not in offsets:
        raise ValueError("only a year can follow a month")
    return offsets[str(modifier)]


def year_of_month(lexicon: DateLexicon, groups: Groups, month: int, anchor: Anchor) -> int:
    """The year written after a month ("2023", "letzten Jahres"), else inferred from pub."""
    if groups.get("y"):
        return int(groups["y"])  # type: ignore[arg-type]
    if groups.get("ymod"):
        return anchor.published.year + _year_offset(lexicon, groups)
    return infer_year(month, anchor.published, anchor.ahead)


def day_period(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period:
    month = month_value(lexicon, groups)
    day = int(groups["d"])  # type: ignore[arg-type]
    if not groups.get("y") and not groups.get("ymod") and anchor.ahead:
        return instance(lambda year: _day(year, month, day), anchor.published, True)
    return _day(year_of_month(lexicon, groups, month, anchor), month, day)


def _day(year: int, month: int, day: int) -> Period:
    date = dt.date(year, month, day)
    return Period(date, date, "day")


def _month_period(lexicon: DateLexicon, groups: Groups, anchor: Anchor, key: str = "mon") -> Period:
    month = month_value(lexicon, groups, key)
    year = year_of_month(lexicon, groups, month, anchor)
    return Period(*month_bounds(year, month), "month")


def _year_period(year: str | None) -> Period:
    return span_years(int(year), 1, "year")  # type: ignore[arg-type]


def _century(lexicon: DateLexicon, groups: Groups) -> Period | None:
    """"20. Jahrhundert" 1900-1999, "das dritte Jahrtausend" 2000-2999."""
    unit = str(group_value(lexicon, "unit", groups, "cunit"))
    if unit not in ("century", "millennium"):
        return None
    if groups.get("cn"):
        number = int(groups["cn"])  # type: ignore[arg-type]
    else:
        number = int(group_value(lexicon, "ordinal", groups, "cw"))  # type: ignore[arg-type]
    if number < 1:
        return None
    years = LONG_UNITS[unit]
    return span_years((number - 1) * years, years, "year")


def _decade(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period | None:
    """"die neunziger Jahre", "the 1990s"; a decade without its century is the latest that
    began at least DECADE_LAG_YEARS before pub; a two-digit "90er"/"90s" needs "Jahre" or an
    article ("in den 90ern", "in the 90s": "in their 90s" is an age)."""
    written = groups.get("decn")
    if written and len(written) == 4:
        return span_years(int(written), 10, "year")
    if written:
        if not (groups.get("du") or groups.get("art") or groups.get("art4")):
            return None
        tens = int(written) // 10
    else:
        kind, key = ("decade", "dec") if groups.get("dec") else ("decade_word", "decw")
        tens = int(group_value(lexicon, kind, groups, key))  # type: ignore[arg-type]
    latest = anchor.published.year - DECADE_LAG_YEARS
    start = latest // 100 * 100 + tens * 10
    if start > latest:
        start -= 100
    return span_years(start, 10, "year")


def _resolve_part(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period | None:
    part = str(group_value(lexicon, "part", groups, "part"))
    published = anchor.published
    whole: Period | None
    if groups.get("mon"):
        whole, unit = _month_period(lexicon, groups, anchor), "month"
    elif groups.get("y2"):
        whole, unit = _year_period(groups["y2"]), "year"
    elif groups.get("cunit"):
        whole, unit = _century(lexicon, groups), "century"  # a millennium splits alike
    elif groups.get("dec") or groups.get("decw") or groups.get("decn"):
        whole, unit = _decade(lexicon, groups, anchor), "decade"
    else:
        unit = str(group_value(lexicon, "unit", groups, "unit"))
        modifier = (str(group_value(lexicon, "modifier", groups, "mod")) if groups.get("mod")
                    else "this")
        if modifier == "rolling" or (part == "earlier" and modifier != "this"):
            return None
        return part_of(part, relative_period(modifier, unit, published), unit, published)
    if whole is None or part == "earlier":  # "earlier" only goes with "this week/month/year"
        return None
    return part_of(part, whole, unit, published)


def _resolve_period_word(value: str, published: dt.date) -> Period | None:
    pieces = value.split(":")
    if len(pieces) == 2:
        return relative_period(pieces[0], pieces[1], published)
    part, modifier, unit = pieces
    return part_of(part, relative_period(modifier, unit, published), unit, published)


def _resolve_weekday(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period:
    weekday = int(group_value(lexicon, "weekday", groups, "wd"))  # type: ignore[arg-type]
    published = anchor.published
    modifier = group_modifier(lexicon, groups)
    if modifier == "next" or (modifier is None and anchor.ahead):
        first = 1 if modifier == "next" else 0  # "nächsten Montag" is after pub
        day = published + dt.timedelta(days=(weekday - published.weekday() - first) % 7 + first)
        return Period(day, day, "day")
    back = (published.weekday() - weekday) % 7
    if back == 0 and modifier in ("prev", "rolling"):  # "last Tuesday" on a Tuesday
        back = 7
    day = published - dt.timedelta(days=back)
    return Period(day, day, "day")


def _resolve_weekend(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period:
    published = anchor.published
    modifier = group_modifier(lexicon, groups) or ("next" if anchor.ahead else "this")
    monday = iso_week_bounds(published)[0]
    if modifier == "next":
        saturday = monday + dt.timedelta(days=5 if published.weekday() < 5 else 12)
    elif published.weekday() >= 5 and modifier == "this":
        saturday = monday + dt.timedelta(days=5)
    else:
        saturday = monday - dt.timedelta(days=2)
    return Period(saturday, saturday + dt.timedelta(days=1), "weekend")


def _resolve_season(
    lexicon: DateLexicon, groups: Groups, anchor: Anchor, *, bare_ok: bool
) -> Period | None:
    """"im Sommer", "letzten Winter", "im Frühjahr 2023", "Sommer letzten Jahres".

    Without a year: :func:`~analysis.extract.date_periods.instance`; "letzten/last" skips
    the season pub lies in ("last summer" in July is the year before); "diesen/this" is
    the season pub lies in, else the one beginning in pub's year. A year is the year the
    season begins in, except for winter, which is left unresolved ("Winter 2023" may mean
    2022/23 or 2023/24).
    """
    start_month = int(group_value(lexicon, "season", groups, "season"))  # type: ignore[arg-type]
    modifier = group_modifier(lexicon, groups)
    published = anchor.published
    if groups.get("y") or groups.get("ymod"):
        if modifier is not None:
            return None
        if start_month == 12:
            return AMBIGUOUS
        year = (
            int(groups["y"]) if groups.get("y")  # type: ignore[arg-type]
            else published.year + _year_offset(lexicon, groups)
        )
        return season_instance(start_month, year)
    if modifier is None and not groups.get("prep") and not bare_ok:
        return None  # "Der Sommer war heiß": a season as a topic, not as a time
    latest = instance(lambda year: season_instance(start_month, year), published, False)
    if modifier == "next":
        return season_instance(start_month, latest.start.year + 1)
    current = latest.start <= published <= latest.end
    if modifier in ("prev", "rolling") and current:
        return season_instance(start_month, latest.start.year - 1)
    if modifier == "this" and not current:
        return season_instance(start_month, published.year)
    if modifier is None and anchor.ahead and not current:
        return season_instance(start_month, latest.start.year + 1)
    return latest


def _resolve_holiday(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period:
    value = str(group_value(lexicon, "holiday", groups, "hol"))
    if groups.get("y"):
        return holiday(value, int(groups["y"]))  # type: ignore[arg-type]
    published = anchor.published
    modifier = group_modifier(lexicon, groups, "hmod")
    if modifier == "this":
        return holiday(value, published.year)
    if modifier in ("prev", "rolling"):
        return instance(lambda y: holiday(value, y), published - dt.timedelta(days=1), False)
    if modifier == "next":
        return instance(lambda y: holiday(value, y), published + dt.timedelta(days=1), True)
    return instance(lambda y: holiday(value, y), published, anchor.ahead)


def _resolve_month_week(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period | None:
    key = "mon" if groups.get("mon") else "mon2"
    month = _month_period(lexicon, groups, anchor, key)
    ordinal = int(group_value(lexicon, "ordinal", groups, "ord"))  # type: ignore[arg-type]
    split_key = "split" if groups.get("split") else "split2"
    split = str(group_value(lexicon, "month_split", groups, split_key))
    return month_split(ordinal, split, month.start.year, month.start.month)


def resolve_simple(
    name: str, lexicon: DateLexicon, groups: Groups, anchor: Anchor
) -> Period | None:
    """Resolve one of the forms shared by standalone phrases and "seit ..." targets."""
    published = anchor.published
    if name in ("numeric", "numeric_dm", "iso", "day_month", "month_day"):
        return day_period(lexicon, groups, anchor)
    if name == "part":
        return _resolve_part(lexicon, groups, anchor)
    if name in ("month_in", "month_year", "month_rel"):
        return _month_period(lexicon, groups, anchor)
    if name in ("year_in", "year_bare"):
        if len(groups["y"] or "") == 3 and " " not in (groups.get("yp") or "").strip():
            return None  # "in 578 Fällen": a short prefix needs a four-digit year
        return _year_period(groups["y"])
    if name == "century":
        return _century(lexicon, groups)
    if name == "decade":
        return _decade(lexicon, groups, anchor)
    if name == "month_week":
        return _resolve_month_week(lexicon, groups, anchor)
    if name == "holiday":
        return _resolve_holiday(lexicon, groups, anchor)
    if name == "relative":
        unit = str(group_value(lexicon, "unit", groups, "unit"))
        return relative_period(group_modifier(lexicon, groups) or "this", unit, published)
    if name in ("season", "season_target"):
        return _resolve_season(lexicon, groups, anchor, bare_ok=name == "season_target")
    if name == "weekend":
        return _resolve_weekend(lexicon, groups, anchor)
    if name == "period_word":
        word = str(group_value(lexicon, "period_word", groups, "pw"))
        return _resolve_period_word(word, published)
    if name == "weekday":
        return _resolve_weekday(lexicon, groups, anchor)
    if name == "day_offset":
        return resolve_day_offset(lexicon, groups, published)
    if name in ("count", "rolling"):
        return resolve_rolling(lexicon, groups, published)
    if name in ("ago_prefix", "ago_suffix"):
        return resolve_ago(lexicon, groups, published)
    if name == "ahead":
        return resolve_ahead(lexicon, groups, anchor)
    if name == "clock":  # on the day named right before it, else the publication day
        day = (anchor.story.day_just_named(anchor.at) if anchor.story else None) or published
        return Period(day, day, "time")
    if name in ("anchored", "later", "ordinal_unit"):
        return resolve_story(name, lexicon, groups, anchor)
    if name == "now":
        return Period(published, published, "now")
    if name == "future":
        return FUTURE
    if name == "past":
        return PAST
    raise AssertionError(f"no resolver for form {name!r}")  # a grammar bug, not a user error


def first_resolved(
    patterns: Iterable[tuple[str, re.Pattern[str]]], lexicon: DateLexicon, text: str,
    anchor: Anchor,
) -> Period | None:
    """The period of ``text`` by the first of ``patterns`` that matches it whole and resolves."""
    for name, pattern in patterns:
        match = pattern.fullmatch(text)
        if match:
            period = resolve_simple(name, lexicon, match.groupdict(), anchor)
            if period is not None:
                return period
    return None
