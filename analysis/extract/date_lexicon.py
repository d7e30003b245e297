"""The dates vocabulary of one language: ``data/lexicon/<language>/dates.csv``.

Weekday and month names with their abbreviations, relative words, period words, number
words and prepositions; adding a language or a synonym is a data change (a language is
supported by the date finder when its folder holds ``dates.csv``).

Format: ``kind,term,value,match``. Kinds: ``form`` (the date orders a language writes:
``day_month`` "4. November", ``month_day`` "Nov. 4", ``numeric_dmy`` "4.11.2024", ``iso``
"2024-11-04"), ``weekday`` (0 = Monday), ``month`` (1-12), ``time_of_day``, ``now``,
``future``, ``day_offset`` (days from pub, e.g. gestern = -1), ``modifier`` (prev / this /
next / rolling), ``unit`` (week / month / year), ``weekend``, ``season`` (first month: 3,
6, 9, 12), ``period_word`` (e.g. prev:year, start:this:year), ``part`` (start / mid / end /
earlier), ``number``, ``count_unit`` (hour / day / week / month / year), ``approx``,
``ago_prefix``, ``ago_suffix``, ``since``, ``range_open``, ``range_join``, ``article``,
``preposition``, ``year_prefix``, ``ordinal_suffix``, ``day_of``. ``match`` is empty
(case-insensitive) or ``exact`` (case-sensitive: English "May", "March", which are also
verbs or names; German "morgen", tomorrow, where "Morgen" is the morning). Multi-word
terms match any blanks between their words. A malformed row stops with an error naming
file and line; a term listed twice under one kind must have the same value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analysis.core.errors import ExtractionError
from analysis.lexicon import reader as lexicon

LEXICON_FILE = "dates.csv"
UNITS = ("week", "month", "year")
PARTS = ("start", "mid", "end", "earlier")
FORMS = ("day_month", "month_day", "numeric_dmy", "iso")


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
