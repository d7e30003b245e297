"""The date grammar: one scanning regex per language, and a verifying pattern per form.

The forms (below, in the order they are tried at one position) are shared by all
languages; the lexicon (:mod:`analysis.extract.date_lexicon`) fills in the words, and its
``form`` rows switch the date orders a language writes on. What each form means is
resolved by :mod:`analysis.extract.date_resolution`.

Matching rules: matching is case-insensitive (a sentence may start with "Letzte Woche")
except for terms marked ``exact`` in the lexicon. Matches never start or end inside a word,
never span a line break, and are returned sorted and non-overlapping. At a given position
the forms are tried from the most specific (since, ranges, full dates) to the least, so "am
Montag, dem 4. November" is one expression, not a weekday and a date. A leading preposition
belongs to the phrase ("am Montag", "in der vergangenen Woche", "on Monday"); a bare article
does not ("die Angaben der vorigen Woche" -> "vorigen Woche"). German compounds with a time
of day ("Montagabend") count as that weekday; adverbs such as "montags" and other compounds
("Montagsdemo") are not matched. A bare number such as "2023" is not a time expression: it
needs im Jahr / in / seit / since / Anfang / Mitte / Ende / early / mid / late before it.
Slash dates ("4/11/2024") are left out: they read differently in the US and the UK.

Speed (this runs over every sentence of every article): each language's grammar is compiled
once (cached) into one scanning regex. It runs over the lower-cased text without
IGNORECASE, its vocabularies are prefix trees (:func:`analysis.lexicon.patterns.trie`), and
a look-ahead guard rejects at once every word that cannot begin an expression (the cheap
pre-check). Only matched spans are parsed again, by a per-form pattern with named groups
on the original text, which also enforces the case-sensitive terms; those patterns are
compiled the first time their form matches. dateparser is not used: it resolves none of
the relative German forms, and the absolute forms are simpler to read off the same
grammar. Measured: 1.2-1.4 million words/s per core on the benchmark corpus of
benchmarks/extract_throughput.py, per sentence or per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from analysis.extract.date_lexicon import VALUE_PARSERS, DateLexicon, load_date_lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import NEVER, alternation, trie

_SPACE = r"[^\S\n]+"  # blanks, but a time expression never runs across a line break
_OPT_SPACE = r"[^\S\n]*"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_YEAR = r"(?:1\d|20)\d\d(?!\d)"  # 1000-2099
_DIGITS = r"\d{1,3}(?!\d)(?![.,]\d)"
_DASH = r"[-/\u2013\u2014]"  # "4.-9. November", "4./5. November", "2022–2023"


def _words(words: Iterable[str]) -> str:
    """Lower-case words as a prefix tree with the first-character guard (see module doc)."""
    return trie(words, space=_SPACE, guard=True)


def _alternation(entries: Iterable[tuple[str, bool]], *, for_lowered_text: bool) -> str:
    """Alternation of lexicon terms. The scanner runs on lower-cased text without
    IGNORECASE (twice as fast), so there every term is lower case; the verifying patterns run
    with IGNORECASE on the original text and keep ``exact`` terms case-sensitive."""
    entries = list(entries)
    if not entries:
        return NEVER
    if for_lowered_text:
        return "(?:" + _words({term.lower() for term, _ in entries}) + ")"
    folded = {term.lower() for term, exact in entries if not exact}
    exact = {term for term, is_exact in entries if is_exact}
    parts = []
    if folded:
        parts.append(_words(folded))
    if exact:
        parts.append("(?-i:" + alternation(exact, space=_SPACE, lower=False) + ")")
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
    rf"(?:,?@S@(?:@year_prefix@@S@)?(?P<y>{_YEAR})"
    r"|@S@(?:@article@@S@)?(?P<ymod>@modifier@)@S@(?P<yunit>@unit@))?"
)
_BODY_DAY_MONTH = rf"(?P<d>{_DAY}){_ORD}@_@(?:@day_of@@S@)?(?P<mon>@month@){_MONTH_YEAR}"
_BODY_MONTH_DAY = rf"(?P<mon>@month@)@_@(?P<d>{_DAY}){_ORD}(?![.,]?\d){_MONTH_YEAR}"
_BODY_NUMERIC = rf"(?P<d>{_DAY})\.@_@(?P<m>1[0-2]|0?[1-9])\.@_@(?P<y>{_YEAR})"
# "am 4.11." needs the preposition or a weekday: "1.2." alone may be a section number.
_BODY_NUMERIC_DM = rf"(?P<d>{_DAY})\.(?P<m>1[0-2]|0?[1-9])\.(?!@_@\d)"
_BODY_ISO = r"(?P<y>(?:19|20)\d\d)-(?P<m>1[0-2]|0[1-9])-(?P<d>3[01]|[12]\d|0[1-9])(?!\d)"
# "20. Jahrhundert", "21st century", "das dritte Jahrtausend" (the unit is checked when
# resolving: only a century or millennium has an ordinal).
_BODY_CENTURY = (
    r"(?:(?P<cn>\d{1,2})@ordinal_suffix@|(?P<cw>@ordinal@))@S@(?P<cunit>@century_unit@)"
)
# "neunziger Jahre", "90er Jahre", "1990er-Jahren", "den 90ern", "the nineties", "the 1990s".
_BODY_DECADE = (
    r"(?:(?P<dec>@decade@)(?:@S@|-)@decade_unit@|(?P<decw>@decade_word@)"
    r"|(?P<decn>(?:1\d|20)?\d0)(?P<dsuf>@decade_suffix@)(?:(?:@S@|-)(?P<du>@decade_unit@))?)"
)
_BODY_PART = (
    rf"(?P<part>@part@)(?:@S@|-)(?:"
    rf"(?P<mon>@month@){_MONTH_YEAR}"
    rf"|(?:@year_prefix@@S@)?(?P<y2>{_YEAR})"
    rf"|(?:(?P<art3>@article@)@S@)?{_BODY_CENTURY}"
    rf"|(?:(?P<art4>@article@)@S@)?{_BODY_DECADE}"
    rf"|(?:(?P<art2>@article@)@S@)?(?:(?P<mod>@modifier@)@S@)?(?P<unit>@unit@))"
)
# "in der ersten Juniwoche", "der zweiten Oktoberhälfte", "the first week of June".
_BODY_MONTH_WEEK = (
    r"(?P<ord>@ordinal@)@S@(?:(?P<mon>@month@)-?(?P<split>@month_split@)"
    rf"|(?P<split2>@month_split@)@S@@day_of@@S@(?:@article@@S@)?(?P<mon2>@month@)){_MONTH_YEAR}"
)
_BODY_HOLIDAY = rf"(?:(?P<hmod>@modifier@)@S@)?(?P<hol>@holiday@)(?:,?@S@(?P<y>{_YEAR}))?"
_BODY_COUNT = rf"(?:@approx@@S@)?(?P<num>{_DIGITS}|@number@)@S@(?P<cunit>@count_unit@)"
_BODY_MONTH = rf"(?P<mon>@month@){_MONTH_YEAR}"
_BODY_YEAR = rf"(?P<y>{_YEAR})"
_BODY_REL = r"(?:(?P<mod>@modifier@)@S@)(?P<unit>@unit@)"
_BODY_WEEKEND = r"(?:(?P<mod>@modifier@)@S@)?(?P<we>@weekend@)"
_BODY_SEASON = (
    rf"(?:(?P<mod>@modifier@)@S@)?(?P<season>@season@)(?:,?@S@(?:@year_prefix@@S@)?(?P<y>{_YEAR})"
    r"|@S@(?:@article@@S@)?(?P<ymod>@modifier@)@S@(?P<yunit>@unit@))?"
)
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
    ("not_time", r"(?P<nt>@not_time@)", None),
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
    (
        "range_month_pair",
        rf"(?P<prep>@preposition@)@S@(?P<m1>@month@)@S@(?:@range_join@)@S@(?P<m2>@month@)"
        rf"(?:,?@S@(?P<y2>{_YEAR}))?",
        None,
    ),
    (
        "range_year",
        rf"(?:@range_open@@S@)?(?P<y1>{_YEAR})(?:{_RANGE_SEP}|@S@@range_join@@S@)(?P<y2>{_YEAR})",
        None,
    ),
    (
        "range_any",
        r"(?P<open>@range_open@)@S@(?:@article@@S@)?(?P<a>@TARGET@)@S@(?:@range_join@)@S@"
        r"(?:@article@@S@)?(?P<b>@TARGET@)",
        None,
    ),
    ("numeric", _PREP + _WEEKDAY_PREFIX + _BODY_NUMERIC, "numeric_dmy"),
    (
        "numeric_dm",
        r"(?:(?P<prep>@preposition@|@range_open@)@S@(?:@weekday@,?@S@)?|(?P<wd>@weekday@),?@S@)"
        + _BODY_NUMERIC_DM,
        "numeric_dm",
    ),
    ("iso", _PREP + _BODY_ISO, "iso"),
    ("day_month", _PREP + _WEEKDAY_PREFIX + _BODY_DAY_MONTH, "day_month"),
    ("month_day", _PREP + _WEEKDAY_PREFIX + _BODY_MONTH_DAY, "month_day"),
    ("month_week", _PREP + _BODY_MONTH_WEEK, None),
    ("part", _PREP + _BODY_PART, None),
    ("century", _PREP + _BODY_CENTURY, None),
    ("decade", _PREP + _BODY_DECADE, None),
    ("holiday", _PREP + _BODY_HOLIDAY, None),
    ("ago_prefix", r"(?P<kw>@ago_prefix@)@S@" + _BODY_COUNT, None),
    ("ago_suffix", _BODY_COUNT + r"@S@(?P<kw>@ago_suffix@)", None),
    (
        "clock",  # "20.30 Uhr", "15-20 Uhr", "10 a.m."
        r"(?:(?P<h1>[01]?\d|2[0-3])(?:[.:][0-5]\d)?@_@[-\u2013]@_@)?"
        r"(?P<h>[01]?\d|2[0-3])(?:[.:][0-5]\d)?(?:@S@@clock_word@|@_@@clock_suffix@)",
        None,
    ),
    ("ahead", r"(?P<kw>@ahead_prefix@)@S@" + _BODY_COUNT, None),
    ("later", _BODY_COUNT + r"@S@(?P<later>@later@)", None),
    ("anchored", _PREP + r"(?P<anc>@anchored@)", None),
    # "in der dritten Woche" of a story that began on a day named before
    ("ordinal_unit", _PREP + r"(?P<ord>@ordinal@)@S@(?P<unit>@unit@)", None),
    (
        "rolling",
        _PREP + rf"(?P<mod>@modifier@)@S@(?P<num>{_DIGITS}|@number@)@S@"
        r"(?P<cunit>@count_unit@)",
        None,
    ),
    ("month_in", r"(?P<prep>@preposition@)@S@" + _BODY_MONTH, None),
    ("month_year", rf"(?P<mon>@month@),?@S@(?:@year_prefix@@S@)?(?P<y>{_YEAR})", None),
    (
        "month_rel",  # "Juli dieses Jahres", "dem Juni des vergangenen Jahres"
        r"(?P<mon>@month@)@S@(?:@article@@S@)?(?P<ymod>@modifier@)@S@(?P<yunit>@unit@)",
        None,
    ),
    # "im Jahr 578": after a prefix of several words a year may have three digits
    ("year_in", rf"(?P<yp>@year_prefix@)@S@(?P<y>{_YEAR}|[1-9]\d\d(?![\d.,]\d))", None),
    ("relative", _PREP + _BODY_REL, None),
    ("weekend", _PREP + _BODY_WEEKEND, None),
    ("season", _PREP + _BODY_SEASON, None),
    ("period_word", _PREP + _BODY_PERIOD_WORD, None),
    ("weekday", _PREP + _BODY_WEEKDAY, None),
    ("day_offset", _BODY_DAY_OFFSET, None),
    ("future", r"(?P<fw>@future@)", None),
    ("past", r"(?P<past>@past@)", None),
    ("now", r"(?P<now>@now@)", None),
    ("year_bare", rf"(?P<y>{_YEAR})", "bare_year"),
)

# What may follow "seit" / "since" (no leading preposition there).
_TARGET_SPECS: tuple[tuple[str, str, str | None], ...] = (
    ("numeric", _WEEKDAY_PREFIX + _BODY_NUMERIC, "numeric_dmy"),
    ("iso", _BODY_ISO, "iso"),
    ("day_month", _WEEKDAY_PREFIX + _BODY_DAY_MONTH, "day_month"),
    ("month_day", _WEEKDAY_PREFIX + _BODY_MONTH_DAY, "month_day"),
    ("month_week", _BODY_MONTH_WEEK, None),
    ("part", _BODY_PART, None),
    ("century", _BODY_CENTURY, None),
    ("decade", _BODY_DECADE, None),
    ("holiday", _BODY_HOLIDAY, None),
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
    "period_word", "day_offset", "now", "future", "season", "past", "holiday", "decade",
    "decade_word", "not_time", "anchored",
)
# Ordinals ("erste", "first", "last") are common words: only one before a month, a unit or
# a split ("ersten Juniwoche", "first week of June", "dritten Woche") may begin an
# expression.
_GUARD = (
    r"(?=(?:(?:@preposition@|@year_prefix@)@S@(?:@article@@S@)?)?"
    r"(?:@CORE@|\d|@ordinal@@S@(?:@month@|@unit@|@month_split@))"
    r"|(?:@approx@@S@)?@number@@S@@count_unit@@S@(?:@ago_suffix@|@later@)"
    r"|@ahead_prefix@@S@(?:@approx@@S@)?@number@@S@@count_unit@)"
)

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _unnamed(pattern: str) -> str:
    return _NAMED_GROUP.sub("(?:", pattern)


@dataclass(frozen=True)
class DateGrammar:
    """One language's scanner and the sources of its verifying patterns (compiled lazily)."""

    lexicon: DateLexicon
    scanner: re.Pattern[str]  # runs on lower-cased text; the group name is the form
    form_sources: dict[str, str]  # form -> pattern with named groups (IGNORECASE)
    target_sources: tuple[tuple[str, str], ...]  # what may follow "seit" / "since"
    day_date_sources: tuple[tuple[str, str], ...]  # the ends of "zwischen dem 4. und 9. ..."
    fallback_sources: tuple[tuple[str, str], ...]  # each form alone, for lower-cased text
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def _verifier(self, source: str) -> re.Pattern[str]:
        pattern = self._compiled.get(source)
        if pattern is None:  # compiled the first time a text needs it
            pattern = self._compiled[source] = re.compile(source, re.IGNORECASE)
        return pattern

    def form(self, name: str) -> re.Pattern[str]:
        """The verifying pattern of one standalone form."""
        return self._verifier(self.form_sources[name])

    def later_forms(self, name: str, lowered: str, start: int) -> Iterator[tuple[str, int]]:
        """(form, end) of each form after ``name`` in the scanner's order that also matches
        the lower-cased text at ``start``: where the first form that matched names no date
        ("in der letzten Woche" is no century), a later one may."""
        names = [form for form, _ in self.fallback_sources]
        for form, source in self.fallback_sources[names.index(name) + 1:]:
            pattern = self._compiled.get(source)
            if pattern is None:
                pattern = self._compiled[source] = re.compile(source)
            match = pattern.match(lowered, start)
            if match:
                yield form, match.end()

    def targets(self) -> Iterator[tuple[str, re.Pattern[str]]]:
        """What may follow "seit" / "since", in the order to try."""
        for name, source in self.target_sources:
            yield name, self._verifier(source)

    def day_dates(self) -> Iterator[tuple[str, re.Pattern[str]]]:
        """The day dates a range may begin or end with, in the order to try."""
        for name, source in self.day_date_sources:
            yield name, self._verifier(source)


def _expand(template: str, alternations: dict[str, str]) -> str:
    return re.sub(r"@(\w+)@", lambda m: alternations[m.group(1)], template)


class _Sources(NamedTuple):
    scanner: str
    forms: list[tuple[str, str]]
    targets: list[tuple[str, str]]
    day_dates: list[tuple[str, str]]


def _grammar_patterns(lexicon: DateLexicon, *, for_lowered_text: bool) -> _Sources:
    alternations = {
        kind: _alternation(lexicon.terms[kind], for_lowered_text=for_lowered_text)
        for kind in VALUE_PARSERS
    }
    alternations["S"] = _SPACE
    alternations["_"] = _OPT_SPACE
    alternations["century_unit"] = _alternation(
        (entry for entry in lexicon.terms["unit"]
         if lexicon.value("unit", entry[0]) in ("century", "millennium")),
        for_lowered_text=for_lowered_text,
    )

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
    scanner = rf"(?<!\w)(?<!\d[.,]){guard}(?:{body})(?!\w)"
    return _Sources(scanner, forms, targets, day_dates)


def _fallbacks(lowered: _Sources) -> tuple[tuple[str, str], ...]:
    return tuple((name, rf"(?:{_unnamed(pattern)})(?!\w)") for name, pattern in lowered.forms)


@cached
def date_grammar(language: str) -> DateGrammar:
    """The compiled date grammar of ``language``; ExtractionError if it has no dates.csv."""
    lexicon = load_date_lexicon(language)
    lowered = _grammar_patterns(lexicon, for_lowered_text=True)
    verifying = _grammar_patterns(lexicon, for_lowered_text=False)
    return DateGrammar(
        lexicon=lexicon,
        scanner=re.compile(lowered.scanner),
        fallback_sources=_fallbacks(lowered),
        form_sources=dict(verifying.forms),
        target_sources=tuple(verifying.targets),
        day_date_sources=tuple(verifying.day_dates),
    )
