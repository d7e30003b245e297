"""The anchors relative dates count from, and the forms that count: :class:`Anchor` (the
publication day, whether the clause looks ahead), :class:`Story` (the days the text named
before), and the resolvers of "vor drei Wochen", "in zwei Wochen", "am nächsten Tag",
"in den letzten zwei Wochen" and "heute" (moved out of :mod:`analysis.extract.date_forms`,
which dispatches every form; the rules are listed in
:mod:`analysis.extract.date_resolution`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from analysis.extract.date_lexicon import DateLexicon
from analysis.extract.date_periods import (
    FUTURE,
    Period,
    iso_week_bounds,
    minus_months,
    month_bounds,
    shift_month,
    span_years,
)

Groups = dict[str, str | None]


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


def group_value(lexicon: DateLexicon, kind: str, groups: Groups, key: str) -> object:
    return lexicon.value(kind, groups[key])  # type: ignore[arg-type]


def group_modifier(lexicon: DateLexicon, groups: Groups, key: str = "mod") -> str | None:
    return str(group_value(lexicon, "modifier", groups, key)) if groups.get(key) else None


def _count(lexicon: DateLexicon, groups: Groups) -> tuple[int, str]:
    raw = groups["num"] or ""
    number = int(raw) if raw.isdigit() else int(lexicon.value("number", raw))  # type: ignore
    return number, str(group_value(lexicon, "count_unit", groups, "cunit"))


def resolve_ago(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period | None:
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


def resolve_ahead(lexicon: DateLexicon, groups: Groups, anchor: Anchor) -> Period | None:
    """"in zwei Wochen", "in a year": the day, ISO week, month or year that far after pub,
    if the clause looks ahead (else it is a duration: "in zwei Wochen schaffte er es")."""
    number, unit = _count(lexicon, groups)
    if number < 1 or unit == "hour" or not anchor.ahead:
        return None
    return shifted(anchor.published, unit, number)


def shifted(day: dt.date, unit: str, steps: int) -> Period:
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


def resolve_story(
    name: str, lexicon: DateLexicon, groups: Groups, anchor: Anchor
) -> Period | None:
    """"am nächsten Tag", "zwei Tage später", "in der dritten Woche": from the story's days."""
    story = anchor.story
    if story is None or story.day is None:
        if name == "anchored":
            # "Am Vortag seien ...", "the day before": no day named before it in the text
            # read, so the reference day (publication, or the statement day the claim
            # rules resolve against) is the one it counts from.
            unit, steps = str(group_value(lexicon, "anchored", groups, "anc")).split(":")
            return shifted(anchor.published, unit, int(steps))
        return None
    if name == "anchored":
        unit, steps = str(group_value(lexicon, "anchored", groups, "anc")).split(":")
        return shifted(story.day, unit, int(steps))
    if name == "later":
        number, unit = _count(lexicon, groups)
        direction = int(group_value(lexicon, "later", groups, "later"))  # type: ignore[arg-type]
        return None if unit == "hour" else shifted(story.day, unit, direction * number)
    unit = str(group_value(lexicon, "unit", groups, "unit"))
    ordinal = int(group_value(lexicon, "ordinal", groups, "ord"))  # type: ignore[arg-type]
    if story.begun is None or ordinal < 1 or unit not in ("week", "month", "year"):
        return None
    return shifted(story.begun, unit, ordinal - 1)


def resolve_rolling(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period | None:
    """"in den letzten zwei Wochen", "over the past 3 days", and "seit zwei Wochen"."""
    if groups.get("mod"):
        modifier = group_modifier(lexicon, groups)
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


def resolve_day_offset(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period:
    offset = int(group_value(lexicon, "day_offset", groups, "off"))  # type: ignore[arg-type]
    day = published + dt.timedelta(days=offset)
    return Period(day, day, "now" if offset == 0 else "day")
