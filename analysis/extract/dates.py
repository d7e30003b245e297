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
from dataclasses import dataclass

from analysis.core.errors import ExtractionError
from analysis.extract.date_grammar import date_grammar
from analysis.extract.date_resolution import resolve_match
from analysis.lexicon.caches import lru_cached

KINDS: tuple[str, ...] = (
    "now", "day", "week", "weekend", "week_part", "month", "month_part", "season", "year",
    "year_part", "range", "since", "future",
)


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
    position = 0
    while True:
        match = scanner.search(lowered, position)
        if match is None:
            return tuple(found)
        span = text[match.start() : match.end()]
        try:
            resolved = resolve_match(match.lastgroup or "", grammar, span, published)
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
