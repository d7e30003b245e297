"""Time expressions in German and English news, resolved against the publication date.

``find_time_expressions(text, language, published)`` finds phrases such as "letzte Woche",
"am Montag", "Anfang August", "seit August 2023", "two weeks ago" or "Nov. 4" and turns each
into a :class:`TimeExpression`: the exact span (``text[start:end] == expression.text``), a
closed day interval ``start_date .. end_date`` and/or a ``since`` date, and a ``kind``
(:data:`KINDS`). ``resolve_relative_date(expression, language, published)`` does the same
for one phrase.

The pieces, each specified in its module's docstring: the vocabulary
(:mod:`analysis.extract.date_lexicon`, ``data/lexicon/<language>/dates.csv``), the grammar
that finds the phrases (:mod:`analysis.extract.date_grammar`), the rules that resolve
them (:mod:`analysis.extract.date_resolution`) and the calendar periods they resolve to
(:mod:`analysis.extract.date_periods`). A phrase that only refers to days after
publication is returned with ``kind="future"`` and no dates, so callers can tell plans
from observations. The last 128 results are remembered, as callers ask once per claim.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial

from analysis.core.errors import ExtractionError
from analysis.extract.date_grammar import DateGrammar, date_grammar
from analysis.extract.date_lexicon import DateLexicon
from analysis.extract.date_periods import span_unit
from analysis.extract.date_relative import Anchor, Story
from analysis.extract.date_resolution import Resolved, resolve_match
from analysis.extract.date_tense import TenseIndex
from analysis.lexicon.caches import lru_cached
from analysis.lexicon.patterns import term_pattern
from analysis.lexicon.reader import term_key

KINDS: tuple[str, ...] = (
    "now", "day", "week", "weekend", "week_part", "month", "month_part", "season", "year",
    "year_part", "range", "since", "future", "past", "time",
)


@dataclass(frozen=True)
class TimeExpression:
    """One time expression found in a text, with offsets relative to that text.

    ``start_date`` .. ``end_date``: the as-of interval (never after publication; None for
    ``future``, ``past`` and ``since``). ``period_start`` .. ``period_end``: the period the
    phrase names, not cut at publication (also for a future period: "nächste Woche"; for
    "seit ..." the period after "seit"). ``parts``: a range's two ends, each a
    TimeExpression of its own.
    """

    start: int
    end: int
    text: str
    start_date: dt.date | None
    end_date: dt.date | None
    since: dt.date | None
    kind: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    parts: tuple[TimeExpression, ...] = ()


def _check_published(published: object) -> dt.date:
    if isinstance(published, dt.datetime):
        published = published.date()  # also turns a pandas Timestamp into a date ...
    if type(published) is dt.date:  # ... but pandas' NaT stays NaT and fails here
        return published
    raise ExtractionError(
        f"publication date {published!r} is not a date; relative dates cannot be resolved "
        "without one (give --published YYYY-MM-DD or fill the catalog's published column)"
    )


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
@lru_cached(maxsize=128)
def _find_cached(text: str, language: str, published: dt.date) -> tuple[TimeExpression, ...]:
    grammar = date_grammar(language)
    found: list[TimeExpression] = []
    scanner = grammar.scanner
    lowered = _lower_same_length(text)
    story = Story()
    tense = TenseIndex(text, lowered, language)
    last_form = ""
    position = 0
    while True:
        match = scanner.search(lowered, position)
        if match is None:
            return tuple(found)
        start, end = match.start(), match.end()
        form = match.lastgroup or ""
        if form == "not_time" or (form != "year_bare" and _counts(text, form, start, end, grammar)):
            position = end  # "früher oder später"; "zwischen 1500 und 2000 Soldaten"
            continue
        resolved = _resolve(text, grammar, form, start, end, published, story, tense)
        if form == "anchored":  # "the day before" inside "the day before yesterday"
            for later, later_end in grammar.later_forms(form, lowered, start):
                if later_end > end:
                    longer = _resolve(text, grammar, later, start, later_end, published, story,
                                      tense)
                    if longer is not None:
                        resolved, form, end = longer, later, later_end
                        break
        if resolved is None:  # a later form may match here ("in der letzten Woche")
            for later, end in grammar.later_forms(form, lowered, start):
                resolved = _resolve(text, grammar, later, start, end, published, story, tense)
                if resolved is not None:
                    form = later
                    break
        if resolved is None:
            position = start + 1  # a shorter expression may still start inside
            continue
        if resolved.kind == "ambiguous":  # "Winter 2023": a time, but which one?
            position = end
            continue
        if found and _counts_before_a_year(found[-1], last_form, text, start, resolved):
            found.pop()  # "davon 2000 im Jahr 2011": 2000 counted something in 2011
        story.tell(form, resolved.period_start, resolved.period_end, end)
        found.append(_expression(text, start, end, resolved))
        last_form = form
        position = end


def _resolve(
    text: str, grammar: DateGrammar, form: str, start: int, end: int, published: dt.date,
    story: Story, tense: TenseIndex,
) -> Resolved | None:
    if form == "not_time":
        return None
    if _counts(text, form, start, end, grammar):
        return None  # "1994 Soldaten"
    anchor = Anchor(published, partial(tense.looks_ahead, start, end), story, start)
    try:
        return resolve_match(form, grammar, text[start:end], anchor)
    except (ValueError, OverflowError):  # 31. Februar, or years outside the calendar
        return None


# German plural nouns end so ("Soldaten", "Panzer", "Tote", "Drohnen", "Autos"); a singular
# noun after a year is no count of it ("1945 Zwangsarbeit leisten", "1798 Deutschland").
_PLURAL_ENDINGS = ("e", "en", "er", "el", "n", "s")
# Forms that may end in a bare year-sized number, which may count something ("Herbst 1998
# Lehrer" is a season of a year, but "von 1450 bis 1850 Mark" two amounts).
_BARE_YEAR_FORMS = frozenset({"year_bare", "range_year", "range_any"})
_ENDS_IN_YEAR = re.compile(r"(?<![\d.,])\d{4}$")


def _counts(text: str, form: str, start: int, end: int, grammar: DateGrammar) -> bool:
    """Whether a form ending in a bare year-sized number counts something with it."""
    return (
        form in _BARE_YEAR_FORMS and _ENDS_IN_YEAR.search(text, start, end) is not None
        and bare_year_is_count(text, start, end, grammar.lexicon)
    )


def _counts_before_a_year(
    previous: TimeExpression, previous_form: str, text: str, start: int, resolved: Resolved
) -> bool:
    """A bare year right before a whole year ("davon 2000 im Jahr 2011", "1700 im
    vergangenen Jahr") is a count: one year does not follow another."""
    if previous_form != "year_bare" or text[previous.end:start].strip():
        return False
    first, last = resolved.period_start, resolved.period_end
    return first is not None and last is not None and span_unit(first, last) == "year"


def _expression(text: str, start: int, end: int, resolved: Resolved) -> TimeExpression:
    parts = tuple(
        _expression(text, start + part_start, start + part_end, part)
        for part_start, part_end, part in resolved.parts
    )
    return TimeExpression(start, end, text[start:end], *resolved[:6], parts)


_NEXT_WORDS = re.compile(r"[^\S\n]*([^\W\d_][\w.%€$-]*|[%€$])(?:[^\S\n]+([^\W\d_][\w-]*))?")


def bare_year_is_count(text: str, start: int, end: int, lexicon: DateLexicon) -> bool:
    """Whether a bare year-sized number counts something, by the words after it: a
    capitalised noun that looks plural ("1994 Soldaten"; not "1798 Deutschland"), a unit or
    measure noun of the lexicon ("1994 km", "1994 Prozent", "2000 Mann"), or a lower-case
    word with a German adjective ending before such a noun ("1994 neue Panzer"),
    unless that word is an article, preposition or function word of the lexicon ("1994
    einen Preis", "1981 die Gründer")."""
    following = _NEXT_WORDS.match(text, end)
    if following is None:
        return False
    word, second = following.group(1), following.group(2)
    if lexicon_has(lexicon, "not_year_after", word):
        return True
    if word.endswith("."):  # "1938 betrieben. Damals ...": the sentence ends
        word, second = word.rstrip("."), None
        if lexicon_has(lexicon, "not_year_after", word):
            return True
    if word[0].isupper():
        return word.endswith(_PLURAL_ENDINGS)
    return bool(
        second and second[0].isupper() and second.endswith(_PLURAL_ENDINGS)
        and word.endswith(("e", "en", "er", "es", "em"))
        and not any(
            lexicon_has(lexicon, kind, word) for kind in ("function_word", "article", "preposition")
        )
    )


def lexicon_has(lexicon: DateLexicon, kind: str, word: str) -> bool:
    return term_key(word) in lexicon.values[kind]


@lru_cached(maxsize=16)
def _so_far_pattern(language: str) -> re.Pattern[str]:
    terms = [term for term, _ in date_grammar(language).lexicon.terms["so_far"]]
    return re.compile(rf"(?<!\w){term_pattern(terms)}(?!\w)") if terms else re.compile("(?!)")


def find_so_far(text: str, language: str) -> list[tuple[int, int]]:
    """Spans of the words that make a count cumulative up to the time of speaking
    ("bisher", "bislang", "inzwischen", "bereits", "so far", "to date", "already"; lexicon
    kind ``so_far``). They are no time expressions (no date is named), but a count they
    qualify holds as of when it was said."""
    return [(m.start(), m.end()) for m in _so_far_pattern(language).finditer(text)]


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
