"""What a matched time expression means: its day interval, resolved against publication.

Resolution rules (``published`` is the article's publication day, "pub" below)
-------------------------------------------------------------------------------
Every interval is closed and never ends after pub: an interval that starts on or before
pub but would end after it is cut at pub ("diese Woche" on a Wednesday = Monday .. that
Wednesday; "Ende des Jahres" in November = 1 September .. pub). A phrase that only refers to
days after pub ("nächste Woche", "tomorrow", "am 20. November" in an article of 12 November,
"im Jahr 2026" in 2024) or is a future word of the lexicon ("bald", "künftig", "in den
kommenden Wochen", "soon", "from now on", "in the coming months") is still returned, with
``kind="future"`` and no dates, so callers can tell plans from observations.

* now (kind ``now``): "derzeit", "zurzeit", "aktuell", "momentan", "gegenwärtig", "jetzt",
  "bislang", "heute", "currently", "now", "at present", "so far", "today" -> pub .. pub.
* day offsets (``day``): "gestern"/"yesterday"/"last night" = pub - 1, "vorgestern"/"the
  day before yesterday" = pub - 2; an optional time of day is part of the phrase ("gestern
  Abend", "yesterday morning").
* weekdays (``day``): "am Montag", "Montag", "on Monday", "Monday" -> the latest such
  weekday on or before pub (so "am Dienstag" in a Tuesday's article is that day).
  With "vergangenen/letzten/last/past" the latest such weekday strictly before pub; with
  "kommenden/nächsten/next" the phrase is future ("Montagabend" is a Monday).
* weeks (``week``): "letzte/vergangene Woche", "in der vergangenen Woche", "last week",
  "Vorwoche" -> Monday .. Sunday of the previous ISO week; "diese Woche"/"this week" ->
  Monday of pub's week .. pub. "past week" and "in den letzten zwei Wochen"/"over the last
  two weeks" (kind ``range``) are rolling: pub - 7 days (14 days) .. pub.
* weekends (``weekend``): "am (vergangenen) Wochenende", "over the weekend", "last
  weekend" -> Saturday .. Sunday before pub's week; on a Saturday or Sunday "am
  Wochenende" is the current weekend (cut at pub).
* months (``month``): "letzten/vergangenen Monat", "im vergangenen Monat", "last month",
  "Vormonat" -> first .. last day of the previous month; "diesen Monat"/"this month" ->
  first day .. pub. "im Oktober", "in October", "October 2024", "im Oktober 2024" -> that
  whole month; without a year, the latest such month not after pub's month (a January
  article's "im Dezember" is the previous December).
* seasons (``season``, meteorological, see :mod:`~analysis.extract.date_periods`): "im
  Sommer", "im Frühjahr 2023", "letzten
  Winter", "in the spring", "last summer", "summer 2023" -> the latest such season that began
  on or before pub; "letzten/last" skips the season pub lies in, "diesen/this" is the season
  pub lies in (or the one beginning in pub's year). A bare season ("Der Sommer war heiß") and
  "Winter 2023" (2022/23 or 2023/24?) are not resolved; English "fall" is left out ("the
  fall of Bakhmut").
* years (``year``): "im Jahr 2023", "in 2023", "letztes Jahr", "last year", "Vorjahr",
  "dieses Jahr" (a bare "2023" is not matched).
* parts (``month_part``, ``year_part``, ``week_part``; their days: see
  :mod:`~analysis.extract.date_periods`): "Anfang/Mitte/Ende August", "early/mid/late
  August", "mid-August", "at the end of August" (month chosen as above); "Anfang/Mitte/Ende
  des Monats", "Ende letzten Monats", "late last month" (current or previous month);
  "Anfang/Mitte/Ende 2023", "Ende des Jahres", "early last year"; "Anfang/Mitte/Ende der
  Woche"; "earlier this week/month/year".
* absolute days (``day``): "am 4. November", "4. November 2024", "am 4.11.2024",
  "2024-11-04", "Nov. 4", "November 4, 2024", "4 November", "on the 4th of November",
  "am Montag, dem 4. November" (the date wins over the weekday). Without a year: the
  month rule above; a day later in pub's own month is future.
* ranges (``range``): "zwischen dem 4. und 9. November", "vom 4. bis 9. November",
  "4.-9. November", "from 4 to 9 November", "November 4-9", "between the 30th of October
  and the 2nd of November", "von Juni bis August 2024", "between 2022 and 2024".
* ago (``day``, ``week``, ``month``): "vor drei Tagen"/"3 days ago" -> the day pub - 3;
  "vor zwei Wochen"/"two weeks ago" -> the ISO week containing pub - 14 days; "vor einem
  Monat"/"a month ago" -> the calendar month one month before pub's month; "vor einem
  Jahr"/"a year ago" -> the calendar month twelve months before pub's month (a year ago
  means "around this time last year", not the whole previous year). Approximators
  ("vor etwa drei Wochen", "about two weeks ago") are part of the phrase and do not widen
  the interval. Number words up to twelve (and 15, 20, 30) or digits.
* hours: "vor drei Stunden"/"3 hours ago" -> pub (the day pub - hours // 24); "in den
  vergangenen 24 Stunden"/"in the past 24 hours" (``range``) -> pub - 1 day .. pub.
* since (kind ``since``, ``start_date``/``end_date`` None): "seit"/"since" + any of the
  forms above gives ``since`` = the first day of that period: "seit August 2023" ->
  2023-08-01, "seit Anfang 2023" -> 2023-01-01, "since last year" -> 1 January of the
  previous year, "seit Montag" -> that Monday. A duration after "seit" counts back from
  pub: "seit zwei Wochen" -> pub - 14 days, "seit einem Monat" -> the same day a month
  earlier. Without "seit", durations ("einen Monat lang", "two weeks") are not matched.
* not resolved (no invented precision): vague spans ("in den letzten Tagen", "in recent
  weeks"), dates relative to another event ("zwei Wochen zuvor", "a day later"), bare years
  and bare seasons.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from analysis.extract.date_grammar import DateGrammar
from analysis.extract.date_lexicon import DateLexicon
from analysis.extract.date_periods import (
    FUTURE,
    Period,
    infer_year,
    iso_week_bounds,
    minus_months,
    month_bounds,
    part_of,
    relative_period,
    season_instance,
    shift_month,
)

Groups = dict[str, str | None]


def _month_value(lexicon: DateLexicon, groups: Groups, key: str = "mon") -> int:
    if groups.get(key):
        return int(lexicon.value("month", groups[key]))  # type: ignore[arg-type]
    return int(groups["m"])  # type: ignore[arg-type]


def _year_of_month(lexicon: DateLexicon, groups: Groups, month: int, published: dt.date) -> int:
    """The year written after a month ("2023", "letzten Jahres"), else inferred from pub."""
    if groups.get("y"):
        return int(groups["y"])  # type: ignore[arg-type]
    if groups.get("ymod"):
        modifier = lexicon.value("modifier", groups["ymod"])  # type: ignore[arg-type]
        offsets = {"prev": -1, "this": 0, "next": 1}
        if lexicon.value("unit", groups["yunit"]) != "year" or modifier not in offsets:  # type: ignore
            raise ValueError("only a year can follow a month")  # "Oktober letzten Monats"
        return published.year + offsets[str(modifier)]
    return infer_year(month, published)


def _day_period(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period:
    month = _month_value(lexicon, groups)
    year = _year_of_month(lexicon, groups, month, published)
    day = dt.date(year, month, int(groups["d"]))  # type: ignore[arg-type]
    return Period(day, day, "day")


def _month_period(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period:
    month = _month_value(lexicon, groups)
    year = _year_of_month(lexicon, groups, month, published)
    return Period(*month_bounds(year, month), "month")


def _year_period(groups: Groups, published: dt.date) -> Period:
    year = int(groups["y"])  # type: ignore[arg-type]
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _resolve_part(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period | None:
    part = str(lexicon.value("part", groups["part"]))  # type: ignore[arg-type]
    if groups.get("mon"):
        if part == "earlier":
            return None
        return part_of(part, _month_period(lexicon, groups, published), "month", published)
    if groups.get("y2"):
        if part == "earlier":
            return None
        return part_of(part, _year_period({"y": groups["y2"]}, published), "year", published)
    unit = str(lexicon.value("unit", groups["unit"]))  # type: ignore[arg-type]
    modifier = str(lexicon.value("modifier", groups["mod"])) if groups.get("mod") else "this"
    if modifier == "rolling":
        return None
    if modifier == "next":
        return FUTURE
    if part == "earlier" and modifier != "this":
        return None
    return part_of(part, relative_period(modifier, unit, published), unit, published)


def _resolve_period_word(value: str, published: dt.date) -> Period | None:
    pieces = value.split(":")
    if len(pieces) == 2:
        return relative_period(pieces[0], pieces[1], published)
    part, modifier, unit = pieces
    return part_of(part, relative_period(modifier, unit, published), unit, published)


def _resolve_weekday(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period:
    weekday = int(lexicon.value("weekday", groups["wd"]))  # type: ignore[arg-type]
    modifier = str(lexicon.value("modifier", groups["mod"])) if groups.get("mod") else "this"
    if modifier == "next":
        return FUTURE
    back = (published.weekday() - weekday) % 7
    if back == 0 and modifier in ("prev", "rolling"):  # "last Tuesday" on a Tuesday
        back = 7
    day = published - dt.timedelta(days=back)
    return Period(day, day, "day")


def _resolve_weekend(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period:
    modifier = str(lexicon.value("modifier", groups["mod"])) if groups.get("mod") else "this"
    if modifier == "next":
        return FUTURE
    monday = iso_week_bounds(published)[0]
    if published.weekday() >= 5 and modifier == "this":
        saturday = monday + dt.timedelta(days=5)
    else:
        saturday = monday - dt.timedelta(days=2)
    return Period(saturday, saturday + dt.timedelta(days=1), "weekend")


def _resolve_season(
    lexicon: DateLexicon, groups: Groups, published: dt.date, *, bare_ok: bool
) -> Period | None:
    """"im Sommer", "letzten Winter", "im Frühjahr 2023", "last summer", "seit dem Herbst".

    Without a year: the latest such season that began on or before pub ("im Winter" in a
    November article is the winter that began last December); "letzten/last" skips the
    season pub lies in ("last summer" in July is the year before); "diesen/this" is the
    season pub lies in, else the one beginning in pub's year (future if after pub). A year
    is the year the season begins in, except for winter, which is left unresolved ("Winter
    2023" may mean 2022/23 or 2023/24).
    """
    start_month = int(lexicon.value("season", groups["season"]))  # type: ignore[arg-type]
    modifier = str(lexicon.value("modifier", groups["mod"])) if groups.get("mod") else None
    if groups.get("y"):
        if start_month == 12 or modifier is not None:
            return None
        return season_instance(start_month, int(groups["y"]))  # type: ignore[arg-type]
    if modifier is None and not groups.get("prep") and not bare_ok:
        return None  # "Der Sommer war heiß": a season as a topic, not as a time
    if modifier == "next":
        return FUTURE
    latest = season_instance(
        start_month, published.year if start_month <= published.month else published.year - 1
    )
    current = latest.start <= published <= latest.end
    if modifier in ("prev", "rolling") and current:
        return season_instance(start_month, latest.start.year - 1)
    if modifier == "this" and not current:
        return season_instance(start_month, published.year)
    return latest


def _count(lexicon: DateLexicon, groups: Groups) -> tuple[int, str]:
    raw = groups["num"] or ""
    number = int(raw) if raw.isdigit() else int(lexicon.value("number", raw))  # type: ignore
    return number, str(lexicon.value("count_unit", groups["cunit"]))  # type: ignore[arg-type]


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


def _resolve_rolling(lexicon: DateLexicon, groups: Groups, published: dt.date) -> Period | None:
    """"in den letzten zwei Wochen", "over the past 3 days", and "seit zwei Wochen"."""
    if groups.get("mod"):
        modifier = lexicon.value("modifier", groups["mod"])  # type: ignore[arg-type]
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
    offset = int(lexicon.value("day_offset", groups["off"]))  # type: ignore[arg-type]
    if offset > 0:
        return FUTURE
    day = published + dt.timedelta(days=offset)
    return Period(day, day, "now" if offset == 0 else "day")


def _resolve_simple(
    name: str, lexicon: DateLexicon, groups: Groups, published: dt.date
) -> Period | None:
    """Resolve one of the forms shared by standalone phrases and "seit ..." targets."""
    if name in ("numeric", "iso", "day_month", "month_day"):
        return _day_period(lexicon, groups, published)
    if name == "part":
        return _resolve_part(lexicon, groups, published)
    if name == "month_in" or name == "month_year":
        return _month_period(lexicon, groups, published)
    if name == "year_in":
        return _year_period(groups, published)
    if name == "relative":
        return relative_period(
            str(lexicon.value("modifier", groups["mod"])),  # type: ignore[arg-type]
            str(lexicon.value("unit", groups["unit"])),  # type: ignore[arg-type]
            published,
        )
    if name in ("season", "season_target"):
        return _resolve_season(lexicon, groups, published, bare_ok=name == "season_target")
    if name == "weekend":
        return _resolve_weekend(lexicon, groups, published)
    if name == "period_word":
        value = str(lexicon.value("period_word", groups["pw"]))  # type: ignore[arg-type]
        return _resolve_period_word(value, published)
    if name == "weekday":
        return _resolve_weekday(lexicon, groups, published)
    if name == "day_offset":
        return _resolve_day_offset(lexicon, groups, published)
    if name in ("count", "rolling"):
        return _resolve_rolling(lexicon, groups, published)
    if name in ("ago_prefix", "ago_suffix"):
        return _resolve_ago(lexicon, groups, published)
    if name == "now":
        return Period(published, published, "now")
    if name == "future":
        return FUTURE
    raise AssertionError(f"no resolver for form {name!r}")  # a grammar bug, not a user error


def _first_resolved(
    patterns: Iterable[tuple[str, re.Pattern[str]]], lexicon: DateLexicon, text: str,
    published: dt.date,
) -> Period | None:
    for name, pattern in patterns:
        match = pattern.fullmatch(text)
        if match:
            period = _resolve_simple(name, lexicon, match.groupdict(), published)
            if period is not None:
                return period
    return None


def _day_tuple(
    grammar: DateGrammar, text: str
) -> tuple[int, int, int | None] | None:
    for _name, pattern in grammar.day_dates():
        match = pattern.fullmatch(text)
        if match:
            groups = match.groupdict()
            year = int(groups["y"]) if groups.get("y") else None
            return int(groups["d"]), _month_value(grammar.lexicon, groups), year  # type: ignore
    return None


def _range_years(
    m1: int, y1: int | None, m2: int, y2: int | None, wraps: bool, published: dt.date
) -> tuple[int, int]:
    """Years of a range's two ends. A missing year follows from the other end, or, with no
    year at all, from the start month (latest not after pub): "zwischen Oktober und Dezember"
    in a November article is this October .. (cut at pub), not last year's."""
    if y1 is None and y2 is None:
        y1 = infer_year(m1, published)
    if y1 is None:
        y1 = y2 - wraps  # type: ignore[operator]
    if y2 is None:
        y2 = y1 + wraps
    return y1, y2


def _resolve_range_full(grammar: DateGrammar, groups: Groups, published: dt.date) -> Period | None:
    first = _day_tuple(grammar, groups["a"] or "")
    last = _day_tuple(grammar, groups["b"] or "")
    if first is None or last is None:
        return None
    (d1, m1, y1), (d2, m2, y2) = first, last
    wraps = (m1, d1) > (m2, d2)  # "28. Dezember bis 3. Januar" crosses a new year
    y1, y2 = _range_years(m1, y1, m2, y2, wraps, published)
    return Period(dt.date(y1, m1, d1), dt.date(y2, m2, d2), "range")


def _resolve_range(
    name: str, grammar: DateGrammar, groups: Groups, published: dt.date
) -> Period | None:
    lexicon = grammar.lexicon
    if name == "range_full":
        return _resolve_range_full(grammar, groups, published)
    if name in ("range_day_month", "range_month_day"):
        month = _month_value(lexicon, groups)
        year = int(groups["y"]) if groups.get("y") else infer_year(month, published)
        first = dt.date(year, month, int(groups["d1"]))  # type: ignore[arg-type]
        return Period(first, dt.date(year, month, int(groups["d2"])), "range")  # type: ignore
    if name == "range_month":
        m1, m2 = _month_value(lexicon, groups, "m1"), _month_value(lexicon, groups, "m2")
        y1 = int(groups["y1"]) if groups.get("y1") else None
        y2 = int(groups["y2"]) if groups.get("y2") else None
        y1, y2 = _range_years(m1, y1, m2, y2, m1 > m2, published)
        return Period(month_bounds(y1, m1)[0], month_bounds(y2, m2)[1], "range")
    first_year, last_year = int(groups["y1"]), int(groups["y2"])  # type: ignore[arg-type]
    return Period(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31), "range")


def resolve_match(
    name: str, grammar: DateGrammar, text: str, published: dt.date
) -> tuple[dt.date | None, dt.date | None, dt.date | None, str] | None:
    """(start_date, end_date, since, kind) for a matched span, or None if it is no date."""
    match = grammar.form(name).fullmatch(text)
    if match is None:  # cannot happen: the scanner matched the same pattern
        return None
    groups = match.groupdict()
    if name == "since":
        rest = groups["rest"] or ""
        period = _first_resolved(grammar.targets(), grammar.lexicon, rest, published)
        if period is None:
            return None
        if period is FUTURE or period.start > published:
            return None, None, None, "future"
        return None, None, period.start, "since"
    if name.startswith("range_"):
        period = _resolve_range(name, grammar, groups, published)
    else:
        period = _resolve_simple(name, grammar.lexicon, groups, published)
    if period is None or period.start > period.end:
        return None
    if period is FUTURE or period.start > published:
        return None, None, None, "future"
    return period.start, min(period.end, published), None, period.kind

