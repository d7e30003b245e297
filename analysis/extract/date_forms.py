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
from collections.abc import Callable, Iterable

from analysis.extract.date_lexicon import DateLexicon
from analysis.extract.date_periods import (
    FUTURE,
    LONG_UNITS,
    Period,
    holiday,
    infer_year,
    instance,
    iso_week_bounds,
    minus_months,
    month_bounds,
    month_split,
    part_of,
    relative_period,
    season_instance,
    shift_month,
    span_years,
)

Groups = dict[str, str | None]
PAST = Period(dt.date.min, dt.date.min, "past")  # an earlier time no date names ("damals")
# A phrase that is a time but cannot be pinned down ("Winter 2023": 2022/23 or 2023/24?):
# no date, and no shorter expression inside it either.
AMBIGUOUS = Period(dt.date.min, dt.date.min, "ambiguous")
DECADE_LAG_YEARS = 5  # "die zwanziger Jahre" in 2024 are the 1920s, in 2026 the 2020s


class Story:
    """The days a text has named so far, for what counts from them ("am nächsten Tag",
    "zwei Tage später", "in der dritten Woche"): the last day (or week start) named, and
    the last day named by an explicit date ("am 1. Juli") where a story began."""

    __slots__ = ("day", "begun", "told_at")

    def __init__(self) -> None:
        self.day: dt.date | None = None
        self.begun: dt.date | None = None
        self.told_at = -1  # where in the text the last day was named (its end offset)

    def tell(self, form: str, start: dt.date | None, end: dt.date | None, offset: int) -> None:
        """Remember what an expression of ``form`` ending at ``offset`` named (its period)."""
        if start is None or end is None or form in ("since", "now", "clock"):
            return
        if (end - start).days <= 6:  # a day or a week
            self.day = start
            self.told_at = offset
            if form in EXPLICIT_FORMS:
                self.begun = start

    def day_just_named(self, offset: int) -> dt.date | None:
        """The day named right before ``offset`` ("am Montag um 14 Uhr"), if any."""
        return self.day if 0 <= offset - self.told_at <= CLOCK_REACH else None


CLOCK_REACH = 40  # characters between a day and the clock time that refers to it


EXPLICIT_FORMS = frozenset({"numeric", "numeric_dm", "iso", "day_month", "month_day", "holiday"})


class Anchor:
    """The publication day and, asked at most once, whether the expression looks ahead;
    ``story``: what the text named before it (None: nothing counts from it)."""

    __slots__ = ("published", "_ahead", "_ask", "story", "at")

    def __init__(
        self, published: dt.date, ask: Callable[[], bool] | None = None,
        story: Story | None = None, at: int = 0,
    ) -> None:
        self.published = published
        self._ask = ask
        self._ahead: bool | None = None if ask else False
        self.story = story
        self.at = at  # where the expression starts in the text

    @property
    def ahead(self) -> bool:
        if self._ahead is None:
            self._ahead = bool(self._ask())  # type: ignore[misc]
        return self._ahead

    def looking_back(self) -> Anchor:
        """The same day, never ahead ("seit ..." always looks back)."""
        return Anchor(self.published)


def _value(lexicon: DateLexicon, kind: str, groups: Groups, key: str) -> object:
    return lexicon.value(kind, groups[key])  # type: ignore[arg-type]


def month_value(lexicon: DateLexicon, groups: Groups, key: str = "mon") -> int:
    if groups.get(key):
        return int(_value(lexicon, "month", groups, key))  # type: ignore[arg-type]
    return int(groups["m"])  # type: ignore[arg-type]


def _year_offset(lexicon: DateLexicon, groups: Groups) -> int:
    """"letzten Jahres" -> -1; a unit other than a year is not a year ("Oktober letzten
    Monats")."""
    modifier = _value(lexicon, "modifier", groups, "ymod")
    offsets = {"prev": -1, "this": 0, "next": 1}
    if _value(lexicon, "unit", groups, "yunit") != "year" or modifier not in offsets:
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
    unit = str(_value(lexicon, "unit", groups, "cunit"))
    if unit not in ("century", "millennium"):
        return None
    if groups.get("cn"):
        number = int(groups["cn"])  # type: ignore[arg-type]
    else:
        number = int(_value(lexicon, "ordinal", groups, "cw"))  # type: ignore[arg-type]
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
        tens = int(_value(lexicon, kind, groups, key))  # type: ignore[arg-type]
    latest = anchor.published.year - DECADE_LAG_YEARS
    start = latest // 100 * 100 + tens * 10
    if start > latest:
        start -= 100
    return span_years(start, 10, "year")


def _resolve_part(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period | None:
    part = str(_value(lexicon, "part", groups, "part"))
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
        unit = str(_value(lexicon, "unit", groups, "unit"))
        modifier = str(_value(lexicon, "modifier", groups, "mod")) if groups.get("mod") else "this"
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


def _modifier(lexicon: DateLexicon, groups: Groups, key: str = "mod") -> str | None:
    return str(_value(lexicon, "modifier", groups, key)) if groups.get(key) else None


def _resolve_weekday(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period:
    weekday = int(_value(lexicon, "weekday", groups, "wd"))  # type: ignore[arg-type]
    published = anchor.published
    modifier = _modifier(lexicon, groups)
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
    modifier = _modifier(lexicon, groups) or ("next" if anchor.ahead else "this")
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
    start_month = int(_value(lexicon, "season", groups, "season"))  # type: ignore[arg-type]
    modifier = _modifier(lexicon, groups)
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
    value = str(_value(lexicon, "holiday", groups, "hol"))
    if groups.get("y"):
        return holiday(value, int(groups["y"]))  # type: ignore[arg-type]
    published = anchor.published
    modifier = _modifier(lexicon, groups, "hmod")
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
    ordinal = int(_value(lexicon, "ordinal", groups, "ord"))  # type: ignore[arg-type]
    split_key = "split" if groups.get("split") else "split2"
    split = str(_value(lexicon, "month_split", groups, split_key))
    return month_split(ordinal, split, month.start.year, month.start.month)


def _count(lexicon: DateLexicon, groups: Groups) -> tuple[int, str]:
    raw = groups["num"] or ""
    number = int(raw) if raw.isdigit() else int(lexicon.value("number", raw))  # type: ignore
    return number, str(_value(lexicon, "count_unit", groups, "cunit"))


def _resolve_ago(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period | None:
    number, unit = _count(lexicon, groups)
    if number < 1:
        return None
    if unit in ("hour", "day"):  # the time of day of pub is unknown: "vor 3 Stunden" is pub
        day = published - dt.timedelta(days=number if unit == "day" else number // 24)
        return Period(day, day, "day")
    if unit == "week":
        return Period(*iso_week_bounds(published - dt.timedelta(weeks=number)), "week")
    months = number if unit == "month" else 12 * number
    year, month = shift_month(published.year, published.month, -months)
    return Period(*month_bounds(year, month), "month")


def _resolve_ahead(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period | None:
    """"in zwei Wochen", "in a year": the day, ISO week, month or year that far after pub,
    if the clause looks ahead (else it is a duration: "in zwei Wochen schaffte er es")."""
    number, unit = _count(lexicon, groups)
    if number < 1 or unit == "hour" or not anchor.ahead:
        return None
    return _shifted(anchor.published, unit, number)


def _shifted(day: dt.date, unit: str, steps: int) -> Period:
    """The day, ISO week, month or year ``steps`` units from ``day``."""
    if unit == "day":
        moved = day + dt.timedelta(days=steps)
        return Period(moved, moved, "day")
    if unit == "week":
        return Period(*iso_week_bounds(day + dt.timedelta(weeks=steps)), "week")
    if unit == "month":
        year, month = shift_month(day.year, day.month, steps)
        return Period(*month_bounds(year, month), "month")
    return span_years(day.year + steps, 1, "year")


def _resolve_story(
    name: str, lexicon: DateLexicon, groups: Groups, anchor: Anchor
) -> Period | None:
    """"am nächsten Tag", "zwei Tage später", "in der dritten Woche": from the story's days."""
    story = anchor.story
    if story is None or story.day is None:
        if name == "anchored":
            # "Am Vortag seien ...", "the day before": no day named before it in the text
            # read, so the reference day (publication, or the statement day the claim
            # rules resolve against) is the one it counts from.
            unit, steps = str(_value(lexicon, "anchored", groups, "anc")).split(":")
            return _shifted(anchor.published, unit, int(steps))
        return None
    if name == "anchored":
        unit, steps = str(_value(lexicon, "anchored", groups, "anc")).split(":")
        return _shifted(story.day, unit, int(steps))
    if name == "later":
        number, unit = _count(lexicon, groups)
        direction = int(_value(lexicon, "later", groups, "later"))  # type: ignore[arg-type]
        return None if unit == "hour" else _shifted(story.day, unit, direction * number)
    unit = str(_value(lexicon, "unit", groups, "unit"))
    ordinal = int(_value(lexicon, "ordinal", groups, "ord"))  # type: ignore[arg-type]
    if story.begun is None or ordinal < 1 or unit not in ("week", "month", "year"):
        return None
    return _shifted(story.begun, unit, ordinal - 1)


def _resolve_rolling(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period | None:
    """"in den letzten zwei Wochen", "over the past 3 days", and "seit zwei Wochen"."""
    if groups.get("mod"):
        modifier = _modifier(lexicon, groups)
        if modifier == "next":
            return FUTURE
        if modifier not in ("prev", "rolling"):
            return None
    number, unit = _count(lexicon, groups)
    if number < 1:
        return None
    if unit == "hour":  # "in den vergangenen 24 Stunden": the days these hours may touch
        start = published - dt.timedelta(days=-(-number // 24))
    elif unit == "day":
        start = published - dt.timedelta(days=number)
    elif unit == "week":
        start = published - dt.timedelta(weeks=number)
    else:
        start = minus_months(published, number if unit == "month" else 12 * number)
    return Period(start, published, "range")


def _resolve_day_offset(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period:
    offset = int(_value(lexicon, "day_offset", groups, "off"))  # type: ignore[arg-type]
    day = published + dt.timedelta(days=offset)
    return Period(day, day, "now" if offset == 0 else "day")


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
        unit = str(_value(lexicon, "unit", groups, "unit"))
        return relative_period(_modifier(lexicon, groups) or "this", unit, published)
    if name in ("season", "season_target"):
        return _resolve_season(lexicon, groups, anchor, bare_ok=name == "season_target")
    if name == "weekend":
        return _resolve_weekend(lexicon, groups, anchor)
    if name == "period_word":
        return _resolve_period_word(str(_value(lexicon, "period_word", groups, "pw")), published)
    if name == "weekday":
        return _resolve_weekday(lexicon, groups, anchor)
    if name == "day_offset":
        return _resolve_day_offset(lexicon, groups, published)
    if name in ("count", "rolling"):
        return _resolve_rolling(lexicon, groups, published)
    if name in ("ago_prefix", "ago_suffix"):
        return _resolve_ago(lexicon, groups, published)
    if name == "ahead":
        return _resolve_ahead(lexicon, groups, anchor)
    if name == "clock":  # on the day named right before it, else the publication day
        day = (anchor.story.day_just_named(anchor.at) if anchor.story else None) or published
        return Period(day, day, "time")
    if name in ("anchored", "later", "ordinal_unit"):
        return _resolve_story(name, lexicon, groups, anchor)
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
