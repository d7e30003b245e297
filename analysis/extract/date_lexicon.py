"""The dates vocabulary of one language: ``data/lexicon/<language>/dates.csv``.

Weekday and month names with their abbreviations, relative words, period words, number
words and prepositions; adding a language or a synonym is a data change (a language is
supported by the date finder when its folder holds ``dates.csv``).

Format: ``kind,term,value,match``. Kinds:

* ``form``: switches a language's grammar forms on: the date orders it writes
  (``day_month`` "4. November", ``month_day`` "Nov. 4", ``numeric_dmy`` "4.11.2024",
  ``numeric_dm`` "am 4.11.", ``iso`` "2024-11-04"), ``bare_year`` (a bare "1994" is a year
  unless a counted noun follows: German capitalises nouns, so the rule is reliable there),
  and the participle morphology the tense rules read (``participle_ge`` German
  "ge...t/en", "...iert"; ``participle_ed`` English "...ed").
* names: ``weekday`` (0 = Monday), ``month`` (1-12), ``season`` (first month: 3, 6, 9, 12),
  ``holiday`` (``MM-DD`` or ``easter+N`` / ``easter-N`` days), ``time_of_day``.
* relative words: ``now`` (the time of speaking: "derzeit", "heute"), ``past`` (an earlier
  time that no date names: "damals", "früher", "back then"), ``future`` ("bald", "soon"),
  ``so_far`` (not time expressions but aspect words that make a count cumulative up to
  the time of speaking: "bisher", "inzwischen", "so far"; read by the claims rules, see
  :func:`analysis.extract.dates.find_so_far`), ``relative`` (pronouns opening a relative
  clause, "der", "welche", "who": a time in such a clause is not a count's, see
  :mod:`analysis.extract.claim_clauses`), ``day_offset`` (days from pub, e.g.
  gestern = -1), ``modifier`` (prev / this / next / rolling), ``unit`` (week / month /
  year / decade / century / millennium), ``weekend``, ``period_word`` (e.g. prev:year,
  start:this:year), ``part`` (start / mid / end / earlier).
* numbers and decades: ``number``, ``ordinal`` (1-21; -1 = the last), ``count_unit``
  (hour / day / week / month / year), ``decade`` (the tens digit of "neunziger", which needs
  a ``decade_unit`` after it: "Jahre"), ``decade_word`` (a decade on its own: "nineties"),
  ``decade_suffix`` ("90er", "1990s"), ``month_split`` (week / half: "Juniwoche", "the
  second half of October").
* glue: ``approx``, ``ago_prefix``, ``ago_suffix``, ``since``, ``range_open``,
  ``range_join``, ``article``, ``preposition``, ``year_prefix``, ``ordinal_suffix``,
  ``day_of``.
* bare-year context: ``not_year_after`` (units after a number: "km", "Prozent"),
  ``function_word`` (lower-case words that end like a German adjective but are none:
  "1994 einen ...", so the year stays a year).
* tense (:mod:`analysis.extract.date_tense`): ``tense_past`` ("war", "sagte", "said"),
  ``tense_future`` ("wird", "soll", "will"), ``tense_present`` (German finite verbs of
  schedules: "beginnt", "findet", "gibt"), ``tense_perfect`` ("worden", "been"),
  ``perfect_aux`` ("hat", "ist", "has").
* ``not_time``: phrases that contain a time word but name no time ("früher oder später",
  "zur Zeit der Besatzung"): skipped whole.
* the story's own time (:class:`analysis.extract.date_relative.Story`): ``anchored`` ("am
  nächsten Tag" day:+1, "in der Woche darauf" week:+1, "the day before" day:-1) and
  ``later`` after a duration ("zwei Tage später" 1, "a week earlier" -1) count from the
  last day named before them in the same text; nothing named before: not resolved.
* clock times (kind ``time``: they only say when on a day named elsewhere, or on the
  publication day): ``clock_word`` after the hour ("20.30 Uhr", "10 o'clock"),
  ``clock_suffix`` glued or after it ("10 a.m.", "3pm").
* ``ahead_prefix``: "in" / "binnen" before a duration, a time after publication ("in zwei
  Wochen") when the clause looks ahead; otherwise it is a duration and not returned.

``match`` is empty (case-insensitive) or ``exact`` (case-sensitive: English "May",
"March", which are also verbs or names; German "morgen", tomorrow, where "Morgen" is the
morning). Multi-word terms match any blanks between their words. A malformed row stops
with an error naming file and line; a term listed twice under one kind must have the same
value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from analysis.core.errors import ExtractionError
from analysis.lexicon import reader as lexicon

LEXICON_FILE = "dates.csv"
UNITS = ("week", "month", "year", "decade", "century", "millennium")
PARTS = ("start", "mid", "end", "earlier")
FORMS = (
    "day_month", "month_day", "numeric_dmy", "numeric_dm", "iso", "bare_year", "participle_ge",
    "participle_ed",
)


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


def _holiday(value: str) -> str:
    if re.fullmatch(r"easter[+-]\d{1,2}", value):
        return value
    month, _, day = value.partition("-")
    if not (month.isdigit() and day.isdigit()):
        raise ValueError("must look like 12-24 or easter+1")
    dt.date(2000, int(month), int(day))  # a day that exists (in a leap year)
    return value


def _anchored(value: str) -> str:
    if not re.fullmatch(r"(?:day|week|month|year):[+-]\d", value):
        raise ValueError("must look like day:+1 or week:-1")
    return value


def _period_word(value: str) -> str:
    parts = value.split(":")
    ok = (len(parts) == 2 and parts[0] in ("prev", "this") and parts[1] in UNITS) or (
        len(parts) == 3 and parts[0] in PARTS and parts[1] in ("prev", "this")
        and parts[2] in UNITS
    )
    if not ok:
        raise ValueError("must look like prev:year or start:this:month")
    return value


# kind -> parser of the CSV ``value`` column (None: the kind has no value; it is ignored)
VALUE_PARSERS: dict[str, Callable[[str], object] | None] = {
    "form": None,
    "weekday": _int_in(0, 6),
    "time_of_day": None,
    "month": _int_in(1, 12),
    "now": None,
    "future": None,
    "day_offset": _int_in(-7, 7),
    "modifier": _one_of("prev", "this", "next", "rolling"),
    "unit": _one_of(*UNITS),
    "weekend": None,
    "season": _one_of("3", "6", "9", "12"),
    "period_word": _period_word,
    "part": _one_of(*PARTS),
    "number": _int_in(1, 999),
    "ordinal": _int_in(-1, 21),
    "decade": _int_in(0, 9),
    "decade_word": _int_in(0, 9),
    "decade_unit": None,
    "decade_suffix": None,
    "month_split": _one_of("week", "half"),
    "holiday": _holiday,
    "past": None,
    "so_far": None,
    "relative": None,
    "deadline": None,
    "source_date": None,
    "not_year_after": None,
    "function_word": None,
    "tense_past": None,
    "tense_perfect": None,
    "tense_present": None,
    "not_time": None,
    "ahead_prefix": None,
    "anchored": _anchored,
    "clock_word": None,
    "clock_suffix": None,
    "later": _int_in(-1, 1),
    "tense_future": None,
    "perfect_aux": None,
    "count_unit": _one_of("hour", "day", *UNITS),
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


@dataclass(frozen=True)
class DateLexicon:
    """The parsed ``dates.csv`` of one language."""

    language: str
    terms: dict[str, tuple[tuple[str, bool], ...]]  # kind -> ((term, exact_case), ...)
    values: dict[str, dict[str, object]]  # kind -> lexicon.term_key(term) -> value
    forms: frozenset[str]

    def value(self, kind: str, matched: str) -> object:
        """The value of the term ``matched`` (as written in the text) listed under ``kind``."""
        return self.values[kind][lexicon.term_key(matched)]


def load_date_lexicon(language: str) -> DateLexicon:
    """Read and check ``dates.csv`` of ``language``; ExtractionError naming file and line."""
    lexicon.check_language(language, LEXICON_FILE, "dates")
    path = lexicon.table_path(language, "dates")
    rows = lexicon.table(language, "dates", ("kind", "term", "value", "match"))
    terms: dict[str, list[tuple[str, bool]]] = {kind: [] for kind in VALUE_PARSERS}
    values: dict[str, dict[str, object]] = {kind: {} for kind in VALUE_PARSERS}
    forms: set[str] = set()
    for line, row in enumerate(rows, start=2):
        kind = row["kind"]
        term = " ".join(row["term"].split())
        raw_value = row["value"]
        match = row["match"]
        where = f"{path}:{line}"
        if kind not in VALUE_PARSERS:
            raise ExtractionError(
                f"{where}: unknown kind {kind!r}; use one of {', '.join(VALUE_PARSERS)}"
            )
        if not term:
            raise ExtractionError(f"{where}: empty term")
        if match not in ("", "exact"):
            raise ExtractionError(f"{where}: match must be empty or 'exact', not {match!r}")
        if kind == "form":
            if term not in FORMS:
                raise ExtractionError(f"{where}: unknown form {term!r}; use {', '.join(FORMS)}")
            forms.add(term)
            continue
        parser = VALUE_PARSERS[kind]
        try:
            value: object = parser(raw_value) if parser else None
        except ValueError as exc:
            raise ExtractionError(f"{where}: bad value {raw_value!r} for {kind}: {exc}") from exc
        previous = values[kind].get(lexicon.term_key(term), value)
        if previous != value:
            raise ExtractionError(f"{where}: {term!r} listed twice as {kind} with other values")
        values[kind][lexicon.term_key(term)] = value
        terms[kind].append((term, match == "exact"))
    return DateLexicon(
        language=language,
        terms={kind: tuple(found) for kind, found in terms.items()},
        values=values,
        forms=frozenset(forms),
    )
