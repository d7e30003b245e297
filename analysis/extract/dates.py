"""Time expressions in German and English news, resolved against the publication date.

``find_time_expressions(text, language, published)`` finds phrases such as "letzte Woche",
"am Montag", "Anfang August", "seit August 2023", "two weeks ago" or "Nov. 4" and turns each
into a :class:`TimeExpression`: the exact span (``text[start:end] == expression.text``), a
closed day interval ``start_date .. end_date`` and/or a ``since`` date, and a ``kind``.
``resolve_relative_date(expression, language, published)`` does the same for one phrase.

The vocabulary (weekday and month names with their abbreviations, relative words, period
words, number words, prepositions) lives in ``data/lexicon/<language>/dates.csv``; adding a
language or a synonym is a data change. The grammar below is shared by all languages; the
CSV's ``form`` rows switch the date orders a language uses on (``day_month`` "4. November",
``month_day`` "Nov. 4", ``numeric_dmy`` "4.11.2024", ``iso`` "2024-11-04").

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
  "kommenden/nächsten/next" the phrase is future. German compounds with a time of day
  ("Montagabend", "am Dienstagmorgen") count as that weekday; adverbs such as "montags"
  (every Monday) and other compounds ("Montagsdemo") are not dates and are not matched.
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
* seasons (``season``, meteorological: spring March-May, summer June-August, autumn
  September-November, winter December-February): "im Sommer", "im Frühjahr 2023", "letzten
  Winter", "in the spring", "last summer", "summer 2023" -> the latest such season that began
  on or before pub; "letzten/last" skips the season pub lies in, "diesen/this" is the season
  pub lies in (or the one beginning in pub's year). A bare season ("Der Sommer war heiß") and
  "Winter 2023" (2022/23 or 2023/24?) are not resolved; English "fall" is left out ("the
  fall of Bakhmut").
* years (``year``): "im Jahr 2023", "in 2023", "letztes Jahr", "last year", "Vorjahr",
  "dieses Jahr". A bare number such as "2023" is *not* a time expression: it needs
  im Jahr / in / seit / since / Anfang / Mitte / Ende / early / mid / late before it.
* parts (``month_part``, ``year_part``, ``week_part``): "Anfang/Mitte/Ende August",
  "early/mid/late August", "mid-August", "at the end of August" -> days 1-10 / 11-20 /
  21-last of that month (month chosen as above; "Ende Februar" ends on the 29th in leap
  years); "Anfang/Mitte/Ende des Monats", "Ende letzten Monats", "late last month" -> the
  same parts of the current or previous month; "Anfang/Mitte/Ende 2023", "Ende des
  Jahres", "early last year" -> January-April / May-August / September-December;
  "Anfang/Mitte/Ende der Woche" -> Monday-Tuesday / Wednesday-Thursday / Friday-Sunday;
  "earlier this week/month/year" -> first day of that period .. the day before pub.
* absolute days (``day``): "am 4. November", "4. November 2024", "am 4.11.2024",
  "2024-11-04", "Nov. 4", "November 4, 2024", "4 November", "on the 4th of November",
  "am Montag, dem 4. November" (the date wins over the weekday). Without a year: the
  month rule above; a day later in pub's own month is future. Slash dates ("4/11/2024") are
  left out: they read differently in the US and the UK.
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

Matching is case-insensitive (a sentence may start with "Letzte Woche") except for terms
marked ``exact`` in the lexicon: English "May", "March", "Mar", "Jan" (which are also verbs or
names) and German "morgen" (tomorrow; "Morgen" is the morning). Matches never start or end
inside a word, never span a line break, and are returned sorted and non-overlapping. At a
given position the forms are tried from the most specific (since, ranges, full dates) to the
least, so "am Montag, dem 4. November" is one expression, not a weekday and a date. A leading
preposition belongs to the phrase ("am Montag", "in der vergangenen Woche", "on Monday"); a
bare article does not ("die Angaben der vorigen Woche" -> "vorigen Woche").

Lexicon format: ``kind,term,value,match``. Kinds: ``form`` (date orders, see above),
``weekday`` (0 = Monday), ``month`` (1-12), ``time_of_day``, ``now``, ``future``,
``day_offset`` (days from pub, e.g. gestern = -1), ``modifier`` (prev / this / next /
rolling), ``unit`` (week / month / year), ``weekend``, ``season`` (first month: 3, 6, 9, 12),
``period_word`` (e.g. prev:year, start:this:year), ``part`` (start / mid / end / earlier),
``number``, ``count_unit`` (hour / day / week / month / year), ``approx``, ``ago_prefix``,
``ago_suffix``, ``since``, ``range_open``, ``range_join``, ``article``, ``preposition``,
``year_prefix``, ``ordinal_suffix``, ``day_of``. ``match`` is empty (case-insensitive) or
``exact``. Multi-word terms match any blanks between their words. A malformed row stops
with an error naming file and line.

Speed (this runs over every sentence of every article): each language's grammar is compiled
once (cached) into one scanning regex. It runs over the lower-cased text without
IGNORECASE, its vocabularies are prefix trees, and a look-ahead guard rejects at once every
word that cannot begin an expression (the cheap pre-check). Only matched spans are parsed
again, by a per-form pattern with named groups on the original text, which also enforces the
case-sensitive terms. The last 128 results are remembered, as callers ask once per claim.
dateparser is not used: it resolves none of the relative German forms, and the absolute
forms above are simpler to read off the same grammar. Measured: 1.2-1.4 million words/s per
core on the benchmark corpus of benchmarks/extract_throughput.py, per sentence or per article.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from calendar import monthrange
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import ExtractionError

__all__ = [
    "KINDS",
    "TimeExpression",
    "find_time_expressions",
    "iso_week_bounds",
    "month_bounds",
    "resolve_relative_date",
    "supported_languages",
]

KINDS: tuple[str, ...] = (
    "now", "day", "week", "weekend", "week_part", "month", "month_part", "season", "year",
    "year_part", "range", "since", "future",
)

LEXICON_FILE = "dates.csv"


@dataclass(frozen=True)
class TimeExpression:
    """One time expression found in a text, with offsets relative to that text."""

    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    since: dt.date | None
    kind: str


# --------------------------------------------------------------------------- calendar helpers


def iso_week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of ``month`` in ``year`` (leap years included)."""
    return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _minus_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` earlier, clamped to that month's last day."""
    year, month = _shift_month(day.year, day.month, -months)
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


# --------------------------------------------------------------------------- lexicon


def _int_in(low: int, high: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        number = int(value)
        if not low <= number <= high:
            raise ValueError(f"must be between {low} and {high}")
        return number

    return parse


def _one_of(*allowed: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return value

    return parse


def _period_word(value: str) -> str:
    parts = value.split(":")
    ok = (len(parts) == 2 and parts[0] in ("prev", "this") and parts[1] in _UNITS) or (
        len(parts) == 3 and parts[0] in _PARTS and parts[1] in ("prev", "this")
        and parts[2] in _UNITS
    )
    if not ok:
        raise ValueError("must look like prev:year or start:this:month")
    return value


_UNITS = ("week", "month", "year")
_PARTS = ("start", "mid", "end", "earlier")
_FORMS = ("day_month", "month_day", "numeric_dmy", "iso")

# kind -> parser of the CSV ``value`` column (None: the kind has no value; it is ignored)
_VALUE_PARSERS: dict[str, Callable[[str], object] | None] = {
    "form": None,
    "weekday": _int_in(0, 6),
    "time_of_day": None,
    "month": _int_in(1, 12),
    "now": None,
    "future": None,
    "day_offset": _int_in(-7, 7),
    "modifier": _one_of("prev", "this", "next", "rolling"),
    "unit": _one_of(*_UNITS),
    "weekend": None,
    "season": _one_of("3", "6", "9", "12"),
    "period_word": _period_word,
    "part": _one_of(*_PARTS),
    "number": _int_in(1, 999),
    "count_unit": _one_of("hour", "day", *_UNITS),
    "approx": None,
    "ago_prefix": None,
    "ago_suffix": None,
    "since": None,
    "range_open": None,
    "range_join": None,
    "article": None,
    "preposition": None,
    "year_prefix": None,
    "ordinal_suffix": None,
    "day_of": None,
}


def _key(term: str) -> str:
    """Lookup key of a matched or listed term: lower case, single spaces."""
    return " ".join(term.split()).lower()


@dataclass(frozen=True)
class _Lexicon:
    language: str
    terms: dict[str, tuple[tuple[str, bool], ...]]  # kind -> ((term, exact_case), ...)
    values: dict[str, dict[str, object]]  # kind -> key(term) -> value
    forms: frozenset[str]

    def value(self, kind: str, matched: str) -> object:
        return self.values[kind][_key(matched)]


def supported_languages() -> list[str]:
    """Languages that have a ``data/lexicon/<language>/dates.csv``."""
    if not paths.LEXICON_DIR.is_dir():
        return []
    return sorted(p.parent.name for p in paths.LEXICON_DIR.glob(f"*/{LEXICON_FILE}"))


_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _load_lexicon(language: str) -> _Lexicon:
    path: Path = paths.LEXICON_DIR / language / LEXICON_FILE
    if not _LANGUAGE_CODE.fullmatch(language) or not path.is_file():
        supported = ", ".join(supported_languages()) or "none"
        raise ExtractionError(
            f"language {language!r} is not supported for dates (no {path}); "
            f"supported: {supported}"
        )
    terms: dict[str, list[tuple[str, bool]]] = {kind: [] for kind in _VALUE_PARSERS}
    values: dict[str, dict[str, object]] = {kind: {} for kind in _VALUE_PARSERS}
    forms: set[str] = set()
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ExtractionError(f"cannot read {path}: {exc}") from exc
    if rows and not {"kind", "term", "value", "match"} <= set(rows[0]):
        raise ExtractionError(f"{path}: header must be kind,term,value,match")
    for line, row in enumerate(rows, start=2):
        kind = (row.get("kind") or "").strip()
        term = " ".join((row.get("term") or "").split())
        raw_value = (row.get("value") or "").strip()
        match = (row.get("match") or "").strip()
        where = f"{path}:{line}"
        if kind not in _VALUE_PARSERS:
            raise ExtractionError(
                f"{where}: unknown kind {kind!r}; use one of {', '.join(_VALUE_PARSERS)}"
            )
        if not term:
            raise ExtractionError(f"{where}: empty term")
        if match not in ("", "exact"):
            raise ExtractionError(f"{where}: match must be empty or 'exact', not {match!r}")
        if kind == "form":
            if term not in _FORMS:
                raise ExtractionError(f"{where}: unknown form {term!r}; use {', '.join(_FORMS)}")
            forms.add(term)
            continue
        parser = _VALUE_PARSERS[kind]
        try:
            value: object = parser(raw_value) if parser else None
        except ValueError as exc:
            raise ExtractionError(f"{where}: bad value {raw_value!r} for {kind}: {exc}") from exc
        previous = values[kind].get(_key(term), value)
        if previous != value:
            raise ExtractionError(f"{where}: {term!r} listed twice as {kind} with other values")
        values[kind][_key(term)] = value
        terms[kind].append((term, match == "exact"))
    return _Lexicon(
        language=language,
        terms={kind: tuple(found) for kind, found in terms.items()},
        values=values,
        forms=frozenset(forms),
    )


# --------------------------------------------------------------------------- regex building

_SPACE = r"[^\S\n]+"  # blanks, but a time expression never runs across a line break
_OPT_SPACE = r"[^\S\n]*"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DIGITS = r"\d{1,3}(?!\d)(?![.,]\d)"
_DASH = r"[-/\u2013\u2014]"  # "4.-9. November", "4./5. November", "2022–2023"
_NEVER = r"(?!)"


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (lower case), factored as a prefix tree for speed."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict], top: bool = False) -> str:
        branches = [
            (_SPACE if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if top and len(branches) > 3:
            # One set look-up rejects most words before the branches are tried one by one.
            first = "".join(sorted(re.escape(c) for c in node if c and c != " "))
            body = f"(?=[{first}]){body}"
        # Optional rest, greedy: the longest listed term is tried first.
        return f"(?:{body})?" if "" in node else body

    return emit(trie, top=True)


def _alternation(entries: Iterable[tuple[str, bool]], *, for_lowered_text: bool) -> str:
    """Alternation of lexicon terms. The scanner runs on lower-cased text without
    IGNORECASE (twice as fast), so there every term is lower case; the verifying patterns run
    with IGNORECASE on the original text and keep ``exact`` terms case-sensitive."""
    entries = list(entries)
    if not entries:
        return _NEVER
    if for_lowered_text:
        return "(?:" + _trie_pattern({term.lower() for term, _ in entries}) + ")"
    folded = {term.lower() for term, exact in entries if not exact}
    exact = sorted({term for term, is_exact in entries if is_exact}, key=len, reverse=True)
    parts = []
    if folded:
        parts.append(_trie_pattern(folded))
    if exact:
        parts.append("(?-i:" + "|".join(re.escape(t).replace(r"\ ", _SPACE) for t in exact) + ")")
    return "(?:" + "|".join(parts) + ")"


# Grammar. ``@kind@`` is replaced by the alternation of that lexicon kind, ``@S@`` by blanks,
# ``@_@`` by optional blanks. Named groups are read by the resolvers; the scanning regex uses
# the same text with the names dropped.
# An article belongs to the phrase only after a preposition ("in der vergangenen Woche");
# in "die Angaben der vorigen Woche" the phrase is "vorigen Woche".
_PREP = r"(?:(?P<prep>@preposition@)@S@(?:(?P<art>@article@)@S@)?)?"
_WEEKDAY_PREFIX = r"(?:(?P<wd>@weekday@),?@S@(?:@article@@S@)?)?"
_ORD = r"(?:@ordinal_suffix@)?"

# The year after a month: "Oktober 2023", "October 4, 2023", or relative: "August vergangenen
# Jahres", "im Oktober letzten Jahres", "in August last year".
_MONTH_YEAR = (
    rf"(?:,?@S@(?P<y>{_YEAR})"
    r"|@S@(?:@article@@S@)?(?P<ymod>@modifier@)@S@(?P<yunit>@unit@))?"
)
_BODY_DAY_MONTH = rf"(?P<d>{_DAY}){_ORD}@_@(?:@day_of@@S@)?(?P<mon>@month@){_MONTH_YEAR}"
_BODY_MONTH_DAY = rf"(?P<mon>@month@)@_@(?P<d>{_DAY}){_ORD}(?![.,]?\d){_MONTH_YEAR}"
_BODY_NUMERIC = rf"(?P<d>{_DAY})\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>{_YEAR})"
_BODY_ISO = r"(?P<y>(?:19|20)\d\d)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"
_BODY_PART = (
    rf"(?P<part>@part@)(?:@S@|-)(?:"
    rf"(?P<mon>@month@){_MONTH_YEAR}"
    rf"|(?:@year_prefix@@S@)?(?P<y2>{_YEAR})"
    rf"|(?:(?P<art2>@article@)@S@)?(?:(?P<mod>@modifier@)@S@)?(?P<unit>@unit@))"
)
_BODY_COUNT = rf"(?:@approx@@S@)?(?P<num>{_DIGITS}|@number@)@S@(?P<cunit>@count_unit@)"
_BODY_MONTH = rf"(?P<mon>@month@){_MONTH_YEAR}"
_BODY_YEAR = rf"(?P<y>{_YEAR})"
_BODY_REL = r"(?:(?P<mod>@modifier@)@S@)(?P<unit>@unit@)"
_BODY_WEEKEND = r"(?:(?P<mod>@modifier@)@S@)?(?P<we>@weekend@)"
_BODY_SEASON = rf"(?:(?P<mod>@modifier@)@S@)?(?P<season>@season@)(?:@S@(?P<y>{_YEAR}))?"
_BODY_PERIOD_WORD = r"(?P<pw>@period_word@)"
_BODY_WEEKDAY = (
    r"(?:(?P<mod>@modifier@)@S@)?(?P<wd>@weekday@)(?:-?(?:@time_of_day@)|@S@(?:@time_of_day@))?"
)
_BODY_DAY_OFFSET = r"(?P<off>@day_offset@)(?:@S@(?:@time_of_day@))?"
_RANGE_SEP = r"@_@(?:(?P<join>@range_join@)|" + _DASH + r")@_@"


def _range_day(suffix: str) -> str:
    return rf"(?P<d{suffix}>{_DAY}){_ORD}"


# Standalone forms in the order they are tried at one position (longer / more specific first).
# ``requires`` names a lexicon ``form`` that must be switched on for the language.
_FORM_SPECS: tuple[tuple[str, str, str | None], ...] = (
    ("since", r"(?P<kw>@since@)@S@(?:@article@@S@)?(?P<rest>@TARGET@)", None),
    (
        "range_full",
        r"(?P<open>@range_open@)@S@(?:@article@@S@)?(?P<a>@DAYDATE@)@S@(?:@range_join@)@S@"
        r"(?:@article@@S@)?(?P<b>@DAYDATE@)",
        None,
    ),
    (
        "range_day_month",
        rf"(?:(?:@range_open@|@preposition@)@S@(?:@article@@S@)?)?{_range_day('1')}"
        rf"{_RANGE_SEP}(?:@article@@S@)?{_range_day('2')}@_@(?:@day_of@@S@)?(?P<mon>@month@)"
        rf"(?:,?@S@(?P<y>{_YEAR}))?",
        "day_month",
    ),
    (
        "range_month_day",
        rf"(?:(?:@range_open@|@preposition@)@S@)?(?P<mon>@month@)@_@{_range_day('1')}"
        rf"{_RANGE_SEP}{_range_day('2')}(?![.,]?\d)(?:,?@S@(?P<y>{_YEAR}))?",
        "month_day",
    ),
    (
        "range_month",
        rf"@range_open@@S@(?P<m1>@month@)(?:,?@S@(?P<y1>{_YEAR}))?@S@(?:@range_join@)@S@"
        rf"(?P<m2>@month@)(?:,?@S@(?P<y2>{_YEAR}))?",
        None,
    ),
    ("range_year", rf"@range_open@@S@(?P<y1>{_YEAR}){_RANGE_SEP}(?P<y2>{_YEAR})", None),
    ("numeric", _PREP + _WEEKDAY_PREFIX + _BODY_NUMERIC, "numeric_dmy"),
    ("iso", _PREP + _BODY_ISO, "iso"),
    ("day_month", _PREP + _WEEKDAY_PREFIX + _BODY_DAY_MONTH, "day_month"),
    ("month_day", _PREP + _WEEKDAY_PREFIX + _BODY_MONTH_DAY, "month_day"),
    ("part", _PREP + _BODY_PART, None),
    ("ago_prefix", r"(?P<kw>@ago_prefix@)@S@" + _BODY_COUNT, None),
    ("ago_suffix", _BODY_COUNT + r"@S@(?P<kw>@ago_suffix@)", None),
    (
        "rolling",
        _PREP + rf"(?P<mod>@modifier@)@S@(?P<num>{_DIGITS}|@number@)@S@"
        r"(?P<cunit>@count_unit@)",
        None,
    ),
    ("month_in", r"(?P<prep>@preposition@)@S@" + _BODY_MONTH, None),
    ("month_year", rf"(?P<mon>@month@),?@S@(?P<y>{_YEAR})", None),
    ("year_in", rf"(?P<yp>@year_prefix@)@S@(?P<y>{_YEAR})", None),
    ("relative", _PREP + _BODY_REL, None),
    ("weekend", _PREP + _BODY_WEEKEND, None),
    ("season", _PREP + _BODY_SEASON, None),
    ("period_word", _PREP + _BODY_PERIOD_WORD, None),
    ("weekday", _PREP + _BODY_WEEKDAY, None),
    ("day_offset", _BODY_DAY_OFFSET, None),
    ("future", r"(?P<fw>@future@)", None),
    ("now", r"(?P<now>@now@)", None),
)

# What may follow "seit" / "since" (no leading preposition there).
_TARGET_SPECS: tuple[tuple[str, str, str | None], ...] = (
    ("numeric", _WEEKDAY_PREFIX + _BODY_NUMERIC, "numeric_dmy"),
    ("iso", _BODY_ISO, "iso"),
    ("day_month", _WEEKDAY_PREFIX + _BODY_DAY_MONTH, "day_month"),
    ("month_day", _WEEKDAY_PREFIX + _BODY_MONTH_DAY, "month_day"),
    ("part", _BODY_PART, None),
    ("count", _BODY_COUNT, None),
    ("month_in", _BODY_MONTH, None),
    ("year_in", _BODY_YEAR, None),
    ("relative", _BODY_REL, None),
    ("weekend", _BODY_WEEKEND, None),
    ("season_target", _BODY_SEASON, None),
    ("period_word", _BODY_PERIOD_WORD, None),
    ("weekday", _BODY_WEEKDAY, None),
    ("day_offset", _BODY_DAY_OFFSET, None),
)

# Day dates inside "zwischen dem 30. Oktober und dem 2. November".
_DAYDATE_SPECS: tuple[tuple[str, str, str | None], ...] = (
    ("day_month", _BODY_DAY_MONTH, "day_month"),
    ("month_day", _BODY_MONTH_DAY, "month_day"),
)

# The scanner's cheap look-ahead guard: every form begins with an optional preposition (and
# article) followed by one of these "core" words or a digit, except "two weeks ago", which
# begins with a (very common) number word and is checked as a whole.
_CORE_KINDS = (
    "since", "range_open", "weekday", "month", "part", "ago_prefix", "modifier", "weekend",
    "period_word", "day_offset", "now", "future", "season",
)
_GUARD = (
    r"(?=(?:(?:@preposition@|@year_prefix@)@S@(?:@article@@S@)?)?(?:@CORE@|\d)"
    r"|(?:@approx@@S@)?@number@@S@@count_unit@@S@@ago_suffix@)"
)

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _unnamed(pattern: str) -> str:
    return _NAMED_GROUP.sub("(?:", pattern)


@dataclass(frozen=True)
class _Grammar:
    lexicon: _Lexicon
    scanner: re.Pattern[str]
    forms: dict[str, re.Pattern[str]]
    targets: tuple[tuple[str, re.Pattern[str]], ...]
    day_dates: tuple[tuple[str, re.Pattern[str]], ...]


def _expand(template: str, alternations: dict[str, str]) -> str:
    return re.sub(r"@(\w+)@", lambda m: alternations[m.group(1)], template)


def _grammar_patterns(lexicon: _Lexicon, *, for_lowered_text: bool) -> dict[str, object]:
    alternations = {
        kind: _alternation(lexicon.terms[kind], for_lowered_text=for_lowered_text)
        for kind in _VALUE_PARSERS
    }
    alternations["S"] = _SPACE
    alternations["_"] = _OPT_SPACE

    def enabled(specs: tuple[tuple[str, str, str | None], ...]) -> list[tuple[str, str]]:
        return [
            (name, _expand(template, alternations))
            for name, template, requires in specs
            if requires is None or requires in lexicon.forms
        ]

    targets = enabled(_TARGET_SPECS)
    day_dates = enabled(_DAYDATE_SPECS)
    alternations["TARGET"] = "(?:" + "|".join(_unnamed(p) for _, p in targets) + ")"
    alternations["DAYDATE"] = "(?:" + "|".join(_unnamed(p) for _, p in day_dates) + ")"
    alternations["CORE"] = _alternation(
        (entry for kind in _CORE_KINDS for entry in lexicon.terms[kind]),
        for_lowered_text=for_lowered_text,
    )
    forms = enabled(_FORM_SPECS)
    body = "|".join(f"(?P<{name}>{_unnamed(pattern)})" for name, pattern in forms)
    guard = _expand(_GUARD, alternations)
    return {
        "scanner": rf"(?<!\w)(?<!\d[.,]){guard}(?:{body})(?!\w)",
        "forms": forms,
        "targets": targets,
        "day_dates": day_dates,
    }


@cache
def _grammar(language: str) -> _Grammar:
    lexicon = _load_lexicon(language)
    scanning = _grammar_patterns(lexicon, for_lowered_text=True)
    verifying = _grammar_patterns(lexicon, for_lowered_text=False)

    def compile_all(found: object) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in found)

    return _Grammar(
        lexicon=lexicon,
        scanner=re.compile(str(scanning["scanner"])),
        forms=dict(compile_all(verifying["forms"])),
        targets=compile_all(verifying["targets"]),
        day_dates=compile_all(verifying["day_dates"]),
    )


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class _Period:
    start: dt.date
    end: dt.date
    kind: str


_FUTURE = _Period(dt.date.max, dt.date.max, "future")  # refers only to days after pub

_Groups = dict[str, str | None]


def _infer_year(month: int, published: dt.date) -> int:
    """Latest year in which ``month`` is not after the publication month."""
    return published.year if month <= published.month else published.year - 1


def _month_value(lexicon: _Lexicon, groups: _Groups, key: str = "mon") -> int:
    if groups.get(key):
        return int(lexicon.value("month", groups[key]))  # type: ignore[arg-type]
    return int(groups["m"])  # type: ignore[arg-type]


def _year_of_month(lexicon: _Lexicon, groups: _Groups, month: int, published: dt.date) -> int:
    """The year written after a month ("2023", "letzten Jahres"), else inferred from pub."""
    if groups.get("y"):
        return int(groups["y"])  # type: ignore[arg-type]
    if groups.get("ymod"):
        modifier = lexicon.value("modifier", groups["ymod"])  # type: ignore[arg-type]
        offsets = {"prev": -1, "this": 0, "next": 1}
        if lexicon.value("unit", groups["yunit"]) != "year" or modifier not in offsets:  # type: ignore
            raise ValueError("only a year can follow a month")  # "Oktober letzten Monats"
        return published.year + offsets[str(modifier)]
    return _infer_year(month, published)


def _day_period(lexicon: _Lexicon, groups: _Groups, published: dt.date) -> _Period:
    month = _month_value(lexicon, groups)
    year = _year_of_month(lexicon, groups, month, published)
    day = dt.date(year, month, int(groups["d"]))  # type: ignore[arg-type]
    return _Period(day, day, "day")


def _month_period(lexicon: _Lexicon, groups: _Groups, published: dt.date) -> _Period:
    month = _month_value(lexicon, groups)
    year = _year_of_month(lexicon, groups, month, published)
    return _Period(*month_bounds(year, month), "month")


def _year_period(groups: _Groups, published: dt.date) -> _Period:
    year = int(groups["y"])  # type: ignore[arg-type]
    return _Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _relative_period(modifier: str, unit: str, published: dt.date) -> _Period:
    """The whole week / month / year that "letzte", "diese" or "past" point at."""
    if modifier == "next":
        return _FUTURE
    if modifier == "rolling":  # "the past week": the last 7 days, not the calendar week
        if unit == "week":
            return _Period(published - dt.timedelta(days=7), published, "range")
        months = 1 if unit == "month" else 12
        return _Period(_minus_months(published, months), published, "range")
    back = 1 if modifier == "prev" else 0
    if unit == "week":
        monday, sunday = iso_week_bounds(published - dt.timedelta(weeks=back))
        return _Period(monday, sunday, "week")
    if unit == "month":
        year, month = _shift_month(published.year, published.month, -back)
        return _Period(*month_bounds(year, month), "month")
    year = published.year - back
    return _Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _part_of(part: str, whole: _Period, unit: str, published: dt.date) -> _Period | None:
    """Anfang / Mitte / Ende (early / mid / late) of a week, month or year."""
    start, end = whole.start, whole.end
    if part == "earlier":  # "earlier this week": from the period's start to the day before pub
        if not start <= published <= end:
            return None
        return _Period(start, max(start, published - dt.timedelta(days=1)), f"{unit}_part")
    if unit == "week":
        offsets = {"start": (0, 1), "mid": (2, 3), "end": (4, 6)}[part]
        return _Period(
            start + dt.timedelta(days=offsets[0]), start + dt.timedelta(days=offsets[1]),
            "week_part",
        )
    if unit == "month":
        first = {"start": 1, "mid": 11, "end": 21}[part]
        last = {"start": 10, "mid": 20, "end": end.day}[part]
        return _Period(start.replace(day=first), start.replace(day=last), "month_part")
    months = {"start": (1, 4), "mid": (5, 8), "end": (9, 12)}[part]
    return _Period(
        month_bounds(start.year, months[0])[0], month_bounds(start.year, months[1])[1],
        "year_part",
    )


def _resolve_part(lexicon: _Lexicon, groups: _Groups, published: dt.date) -> _Period | None:
    part = str(lexicon.value("part", groups["part"]))  # type: ignore[arg-type]
    if groups.get("mon"):
        if part == "earlier":
            return None
        return _part_of(part, _month_period(lexicon, groups, published), "month", published)
    if groups.get("y2"):
        if part == "earlier":
            return None
        return _part_of(part, _year_period({"y": groups["y2"]}, published), "year", published)
    unit = str(lexicon.value("unit", groups["unit"]))  # type: ignore[arg-type]
    modifier = str(lexicon.value("modifier", groups["mod"])) if groups.get("mod") else "this"
    if modifier == "rolling":
        return None
    if modifier == "next":
        return _FUTURE
    if part == "earlier" and modifier != "this":
        return None
    return _part_of(part, _relative_period(modifier, unit, published), unit, published)


def _resolve_period_word(value: str, published: dt.date) -> _Period | None:
    pieces = value.split(":")
    if len(pieces) == 2:
        return _relative_period(pieces[0], pieces[1], published)
    part, modifier, unit = pieces
    return _part_of(part, _relative_period(modifier, unit, published), unit, published)


def _resolve_weekday(lexicon: _Lexicon, groups: _Groups, published: dt.date) -> _Period:
    weekday = int(lexicon.value("weekday", groups["wd"]))  # type: ignore[arg-type]
    modifier = str(lexicon.value("modifier", groups["mod"])) if groups.get("mod") else "this"
    if modifier == "next":
        return _FUTURE
    back = (published.weekday() - weekday) % 7
    if back == 0 and modifier in ("prev", "rolling"):  # "last Tuesday" on a Tuesday
        back = 7
    day = published - dt.timedelta(days=back)
    return _Period(day, day, "day")


def _resolve_weekend(lexicon: _Lexicon, groups: _Groups, published: dt.date) -> _Period:
    modifier = str(lexicon.value("modifier", groups["mod"])) if groups.get("mod") else "this"
    if modifier == "next":
        return _FUTURE
    monday = iso_week_bounds(published)[0]
    if published.weekday() >= 5 and modifier == "this":
        saturday = monday + dt.timedelta(days=5)
    else:
        saturday = monday - dt.timedelta(days=2)
    return _Period(saturday, saturday + dt.timedelta(days=1), "weekend")


def _season_instance(start_month: int, year: int) -> _Period:
    """The meteorological season beginning in ``start_month`` of ``year`` (winter: Dec-Feb)."""
    end_year, end_month = _shift_month(year, start_month, 2)
    return _Period(dt.date(year, start_month, 1), month_bounds(end_year, end_month)[1], "season")


def _resolve_season(
    lexicon: _Lexicon, groups: _Groups, published: dt.date, *, bare_ok: bool
) -> _Period | None:
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
        return _season_instance(start_month, int(groups["y"]))  # type: ignore[arg-type]
    if modifier is None and not groups.get("prep") and not bare_ok:
        return None  # "Der Sommer war heiß": a season as a topic, not as a time
    if modifier == "next":
        return _FUTURE
    latest = _season_instance(
        start_month, published.year if start_month <= published.month else published.year - 1
    )
    current = latest.start <= published <= latest.end
    if modifier in ("prev", "rolling") and current:
        return _season_instance(start_month, latest.start.year - 1)
    if modifier == "this" and not current:
        return _season_instance(start_month, published.year)
    return latest


def _count(lexicon: _Lexicon, groups: _Groups) -> tuple[int, str]:
    raw = groups["num"] or ""
    number = int(raw) if raw.isdigit() else int(lexicon.value("number", raw))  # type: ignore
    return number, str(lexicon.value("count_unit", groups["cunit"]))  # type: ignore[arg-type]


def _resolve_ago(lexicon: _Lexicon, groups: _Groups, published: dt.date) -> _Period | None:
    number, unit = _count(lexicon, groups)
    if number < 1:
        return None
    if unit in ("hour", "day"):  # the time of day of pub is unknown: "vor 3 Stunden" is pub
        day = published - dt.timedelta(days=number if unit == "day" else number // 24)
        return _Period(day, day, "day")
    if unit == "week":
        return _Period(*iso_week_bounds(published - dt.timedelta(weeks=number)), "week")
    months = number if unit == "month" else 12 * number
    year, month = _shift_month(published.year, published.month, -months)
    return _Period(*month_bounds(year, month), "month")


def _resolve_rolling(lexicon: _Lexicon, groups: _Groups, published: dt.date) -> _Period | None:
    """"in den letzten zwei Wochen", "over the past 3 days", and "seit zwei Wochen"."""
    if groups.get("mod"):
        modifier = lexicon.value("modifier", groups["mod"])  # type: ignore[arg-type]
        if modifier == "next":
            return _FUTURE
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
        start = _minus_months(published, number if unit == "month" else 12 * number)
    return _Period(start, published, "range")


def _resolve_day_offset(lexicon: _Lexicon, groups: _Groups, published: dt.date) -> _Period:
    offset = int(lexicon.value("day_offset", groups["off"]))  # type: ignore[arg-type]
    if offset > 0:
        return _FUTURE
    day = published + dt.timedelta(days=offset)
    return _Period(day, day, "now" if offset == 0 else "day")


def _resolve_simple(
    name: str, lexicon: _Lexicon, groups: _Groups, published: dt.date
) -> _Period | None:
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
        return _relative_period(
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
        return _Period(published, published, "now")
    if name == "future":
        return _FUTURE
    raise AssertionError(f"no resolver for form {name!r}")  # a grammar bug, not a user error


def _first_resolved(
    patterns: tuple[tuple[str, re.Pattern[str]], ...], lexicon: _Lexicon, text: str,
    published: dt.date,
) -> _Period | None:
    for name, pattern in patterns:
        match = pattern.fullmatch(text)
        if match:
            period = _resolve_simple(name, lexicon, match.groupdict(), published)
            if period is not None:
                return period
    return None


def _day_tuple(
    grammar: _Grammar, text: str
) -> tuple[int, int, int | None] | None:
    for _name, pattern in grammar.day_dates:
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
        y1 = _infer_year(m1, published)
    if y1 is None:
        y1 = y2 - wraps  # type: ignore[operator]
    if y2 is None:
        y2 = y1 + wraps
    return y1, y2


def _resolve_range_full(grammar: _Grammar, groups: _Groups, published: dt.date) -> _Period | None:
    first = _day_tuple(grammar, groups["a"] or "")
    last = _day_tuple(grammar, groups["b"] or "")
    if first is None or last is None:
        return None
    (d1, m1, y1), (d2, m2, y2) = first, last
    wraps = (m1, d1) > (m2, d2)  # "28. Dezember bis 3. Januar" crosses a new year
    y1, y2 = _range_years(m1, y1, m2, y2, wraps, published)
    return _Period(dt.date(y1, m1, d1), dt.date(y2, m2, d2), "range")


def _resolve_range(
    name: str, grammar: _Grammar, groups: _Groups, published: dt.date
) -> _Period | None:
    lexicon = grammar.lexicon
    if name == "range_full":
        return _resolve_range_full(grammar, groups, published)
    if name in ("range_day_month", "range_month_day"):
        month = _month_value(lexicon, groups)
        year = int(groups["y"]) if groups.get("y") else _infer_year(month, published)
        first = dt.date(year, month, int(groups["d1"]))  # type: ignore[arg-type]
        return _Period(first, dt.date(year, month, int(groups["d2"])), "range")  # type: ignore
    if name == "range_month":
        m1, m2 = _month_value(lexicon, groups, "m1"), _month_value(lexicon, groups, "m2")
        y1 = int(groups["y1"]) if groups.get("y1") else None
        y2 = int(groups["y2"]) if groups.get("y2") else None
        y1, y2 = _range_years(m1, y1, m2, y2, m1 > m2, published)
        return _Period(month_bounds(y1, m1)[0], month_bounds(y2, m2)[1], "range")
    first_year, last_year = int(groups["y1"]), int(groups["y2"])  # type: ignore[arg-type]
    return _Period(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31), "range")


def _resolve_match(
    name: str, grammar: _Grammar, text: str, published: dt.date
) -> tuple[dt.date | None, dt.date | None, dt.date | None, str] | None:
    """(start_date, end_date, since, kind) for a matched span, or None if it is no date."""
    match = grammar.forms[name].fullmatch(text)
    if match is None:  # cannot happen: the scanner matched the same pattern
        return None
    groups = match.groupdict()
    if name == "since":
        period = _first_resolved(grammar.targets, grammar.lexicon, groups["rest"] or "", published)
        if period is None:
            return None
        if period is _FUTURE or period.start > published:
            return None, None, None, "future"
        return None, None, period.start, "since"
    if name.startswith("range_"):
        period = _resolve_range(name, grammar, groups, published)
    else:
        period = _resolve_simple(name, grammar.lexicon, groups, published)
    if period is None or period.start > period.end:
        return None
    if period is _FUTURE or period.start > published:
        return None, None, None, "future"
    return period.start, min(period.end, published), None, period.kind


# --------------------------------------------------------------------------- public API


def _check_published(published: object) -> dt.date:
    if isinstance(published, dt.datetime):
        published = published.date()  # also turns a pandas Timestamp into a date ...
    if type(published) is dt.date:  # ... but pandas' NaT stays NaT and fails here
        return published
    raise ExtractionError(
        f"publication date {published!r} is not a date; relative dates cannot be resolved "
        "without one (give --published YYYY-MM-DD or fill the catalog's published column)"
    )


def _clear_caches() -> None:
    """Forget compiled grammars and remembered results (after a lexicon file changed)."""
    _grammar.cache_clear()
    _find_cached.cache_clear()


def _lower_same_length(text: str) -> str:
    """``text.lower()``, keeping the few characters whose lower case is longer (e.g. "İ") as
    they are, so that offsets in the lowered text are offsets in ``text``."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low) == 1 else char for char in text for low in (char.lower(),))


def find_time_expressions(
    text: str, language: str, published: dt.date
) -> list[TimeExpression]:
    """All time expressions in ``text``, sorted and non-overlapping, resolved against
    ``published``. Raises ExtractionError for a language without a dates lexicon."""
    if not isinstance(language, str):
        raise ExtractionError(f"language {language!r} is not a language code such as 'de'")
    if not isinstance(text, str):
        raise ExtractionError(f"dates can only be searched in a string, not {type(text).__name__}")
    return list(_find_cached(text, language, _check_published(published)))


# Callers often ask again for the same sentence (once per claim in it); remember a few.
@lru_cache(maxsize=128)
def _find_cached(text: str, language: str, published: dt.date) -> tuple[TimeExpression, ...]:
    grammar = _grammar(language)
    found: list[TimeExpression] = []
    scanner = grammar.scanner
    lowered = _lower_same_length(text)
    position = 0
    while True:
        match = scanner.search(lowered, position)
        if match is None:
            return tuple(found)
        span = text[match.start() : match.end()]
        try:
            resolved = _resolve_match(match.lastgroup or "", grammar, span, published)
        except (ValueError, OverflowError):  # 31. Februar, or years outside the calendar
            resolved = None
        if resolved is None:
            position = match.start() + 1  # a shorter expression may still start inside
            continue
        start_date, end_date, since, kind = resolved
        found.append(
            TimeExpression(match.start(), match.end(), span, start_date, end_date, since, kind)
        )
        position = match.end()


def resolve_relative_date(
    expression: str, language: str, published: dt.date
) -> tuple[dt.date, dt.date] | None:
    """The day interval of one time expression (e.g. "letzte Woche"), or None when the
    phrase is not a single dated expression (unknown, future, or a "seit ..." start)."""
    stripped = expression.strip()
    found = find_time_expressions(stripped, language, published)
    # Trailing sentence punctuation may come along ("letzte Woche."), nothing else may.
    whole = found and found[0].text in (stripped, stripped.rstrip(".,;:!?)\"'»“”"))
    if len(found) != 1 or not whole or found[0].start_date is None:
        return None
    return found[0].start_date, found[0].end_date  # type: ignore[return-value]
