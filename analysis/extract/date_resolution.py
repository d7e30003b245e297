"""What a matched time expression means: its day interval, resolved against publication.

Resolution rules (``published`` is the article's publication day, "pub" below)
-------------------------------------------------------------------------------
Every interval is closed and never ends after pub: an interval that starts on or before
pub but would end after it is cut at pub ("diese Woche" on a Wednesday = Monday .. that
Wednesday; "Ende des Jahres" in November = 1 September .. pub). A phrase that only refers to
days after pub ("nächste Woche", "tomorrow", "am 20. November" in an article of 12 November,
"im Jahr 2026" in 2024) or is a future word of the lexicon ("bald", "künftig", "in den
kommenden Wochen", "soon", "from now on", "in the coming months") is still returned, with
``kind="future"`` and no dates, so callers can tell plans from observations. The period a
phrase names, not cut at pub, is kept apart (``period_start`` .. ``period_end``: "nächste
Woche" is next week's Monday .. Sunday; none for a future word). Words for an earlier
time that no date names ("damals", "früher", "einst", "in letzter Zeit", "back then", "in
the past") have ``kind="past"`` and no dates.

Expressions without a year or modifier ("im Dezember", "am Freitag", "Anfang Juni", "an
Weihnachten", "im Herbst") mean the latest such period, unless their clause looks ahead
(future tense, :mod:`analysis.extract.date_tense`: "Nordkorea wird im Dezember ...
schicken"): then the earliest that has not ended before pub.

* now (kind ``now``): "derzeit", "zurzeit", "aktuell", "momentan", "gegenwärtig", "jetzt",
  "heute", "heutzutage", "dieser Tage", "die heutigen", "currently", "now", "at present",
  "nowadays", "today" -> pub .. pub. ("bisher", "bislang", "inzwischen", "so far", "to
  date" are no time expressions: they make a count cumulative, see
  :func:`analysis.extract.dates.find_so_far`.)
* day offsets (``day``): "gestern"/"yesterday"/"last night" = pub - 1, "vorgestern"/"the
  day before yesterday" = pub - 2; an optional time of day is part of the phrase ("gestern
  Abend", "yesterday morning").
* weekdays (``day``): "am Montag", "Montag", "on Monday", "Monday" -> the latest such
  weekday on or before pub (so "am Dienstag" in a Tuesday's article is that day); in a
  clause that looks ahead, the earliest on or after pub. With
  "vergangenen/letzten/last/past" the latest such weekday strictly before pub; with
  "kommenden/nächsten/next" the first after pub ("Montagabend" is a Monday).
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
  "dieses Jahr", "heuer"; years 1000-2099. A bare "1994" is a year where the lexicon's
  ``bare_year`` form is on (German) and no counted noun follows it ("1994 Soldaten", "1994
  neue Panzer", "1994 km" are counts; see :func:`analysis.extract.dates.bare_year_is_count`).
* decades, centuries, millennia (``year``): "in den neunziger Jahren", "der 90er Jahre",
  "in the 1990s", "the nineties" (without a century: the latest such decade that began at
  least five years before pub); "im 20. Jahrhundert", "des 21. Jahrhunderts", "the 20th
  century", "das dritte Jahrtausend"; "dieses/letzten Jahrhunderts", "this century".
* holidays (``day``): "an Weihnachten", "zu Ostern", "Pfingstmontag", "Christmas",
  "Easter Monday", "Tag des Sieges" (fixed days or relative to Easter); without a year,
  as a day without a year.
* weeks and halves of a month: "in der ersten Juniwoche" (1-7 June), "in der letzten
  Oktoberwoche", "in der zweiten Novemberhälfte", "the first week of June", "the second
  half of October".
* parts (``month_part``, ``year_part``, ``week_part``; their days: see
  :mod:`~analysis.extract.date_periods`): "Anfang/Mitte/Ende August", "early/mid/late
  August", "mid-August", "at the end of August" (month chosen as above); "Anfang/Mitte/Ende
  des Monats", "Ende letzten Monats", "late last month" (current or previous month);
  "Anfang/Mitte/Ende 2023", "Ende des Jahres", "early last year"; "Anfang/Mitte/Ende der
  Woche"; "earlier this week/month/year"; "Mitte der siebziger Jahre", "Beginn des 19.
  Jahrhunderts", "the late 1990s".
* absolute days (``day``): "am 4. November", "4. November 2024", "am 4.11.2024", "am 4.11.",
  "2024-11-04", "Nov. 4", "November 4, 2024", "4 November", "on the 4th of November",
  "am Montag, dem 4. November" (the date wins over the weekday). Without a year: the
  month rule above, so a day later in pub's own month is future; looking ahead, the
  earliest such day on or after pub.
* ranges (``range``): "zwischen dem 4. und 9. November", "vom 4. bis 9. November",
  "4.-9. November", "from 4 to 9 November", "November 4-9", "between the 30th of October
  and the 2nd of November", "von Juni bis August 2024", "im März und April", "in March
  and April", "between 2022 and 2024", "zwischen Ende Mai und Anfang Juni", "from Monday
  to Friday"; each end is also kept as a part (:mod:`analysis.extract.date_ranges`).
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
  weeks"), dates relative to another event ("zwei Wochen zuvor", "a day later", "am
  nächsten Tag"), bare seasons, and bare years in English ("2023 shells").

The per-form resolvers are in :mod:`analysis.extract.date_forms` and
:mod:`analysis.extract.date_ranges`.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from analysis.extract.date_forms import AMBIGUOUS, PAST, first_resolved, resolve_simple
from analysis.extract.date_grammar import DateGrammar
from analysis.extract.date_periods import FUTURE, Period
from analysis.extract.date_ranges import resolve_range
from analysis.extract.date_relative import Anchor


class Resolved(NamedTuple):
    """What a matched span means (see :class:`analysis.extract.dates.TimeExpression`);
    ``parts``: (start, end, Resolved) of a range's two ends, offsets relative to the span."""

    start_date: dt.date | None
    end_date: dt.date | None
    since: dt.date | None
    kind: str
    period_start: dt.date | None
    period_end: dt.date | None
    parts: tuple[tuple[int, int, Resolved], ...] = ()


def _resolved(period: Period, published: dt.date) -> Resolved:
    """The as-of interval of a period: cut at pub; a period after pub is ``future``."""
    if period is FUTURE or period is PAST or period is AMBIGUOUS:
        return Resolved(None, None, None, period.kind, None, None)
    parts = tuple((start, end, _resolved(part, published)) for start, end, part in period.parts)
    if period.start > published:
        return Resolved(None, None, None, "future", period.start, period.end, parts)
    return Resolved(
        period.start, min(period.end, published), None, period.kind, period.start, period.end,
        parts,
    )


def resolve_match(
    name: str, grammar: DateGrammar, text: str, anchor: Anchor
) -> Resolved | None:
    """What a matched span means, or None if it is no date."""
    match = grammar.form(name).fullmatch(text)
    if match is None:  # cannot happen: the scanner matched the same pattern
        return None
    groups = match.groupdict()
    published = anchor.published
    if name == "since":
        rest = groups["rest"] or ""
        period = first_resolved(grammar.targets(), grammar.lexicon, rest, anchor.looking_back())
        if period is None or period is PAST or period is AMBIGUOUS:
            return None
        resolved = _resolved(period, published)
        if resolved.kind == "future":
            return resolved
        return Resolved(None, None, period.start, "since", period.start, period.end)
    if name.startswith("range_"):
        period = resolve_range(name, grammar, match, anchor)
    else:
        period = resolve_simple(name, grammar.lexicon, groups, anchor)
    if period is None or period.start > period.end:
        return None
    return _resolved(period, published)
