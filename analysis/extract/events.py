"""Dated events in an article: treaties signed and ratified, incursions, confirmations, reports.

One row per event with the same provenance as a claim (``article_id``, ``sentence_index``,
``start``/``end`` of ``quote`` in the normalized text) plus ``event_type`` from the
controlled vocabulary (:mod:`analysis.lexicon.event_types`), ``actors`` (ISO alpha-3 or an
organisation code such as NATO), ``location``, and the date interval the text gives.

How an event is found (rules kept small and explainable; 1-2 in
:mod:`analysis.extract.event_segments`, 4-5 in :mod:`analysis.extract.event_participants`):

1. Sentences are cut into clause-like *segments*.
2. A trigger word marks an event type in a segment; each trigger gets its own span.
3. The date is the time expression (:mod:`analysis.extract.dates`) in the event's span nearest to
   its trigger; "seit August 2023" (a start of a count) is not the event's date. No time
   expression in the span: dates stay null — never borrowed from the next clause.
4. Actors: who does it (the subject), or who reports it.
5. Location, for types with ``has_location``.
6. A later undated mention of an event already recorded with a date and the same or more
   actors ("die Ratifizierung des Vertrags in beiden Ländern") is not a new event; nor is a
   dated one repeating the type, actors and dates of one already recorded.

Flags: ``expected`` (future or modal wording: "wird ... in Kraft treten", a condition
"sobald ...", or a date after publication),
``actor_unknown``, ``location_inherited``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from analysis.core.errors import ExtractionError
from analysis.core.tables import typed_frame
from analysis.corpus.catalog import Article
from analysis.extract.dates import TimeExpression, find_time_expressions
from analysis.extract.event_participants import (
    article_mentions,
    clause_bounds,
    event_actors,
    event_location,
    find_place_mentions,
)
from analysis.extract.event_segments import (
    TriggerHit,
    event_spans,
    event_triggers,
    split_segments,
)
from analysis.extract.sentences import split_sentences
from analysis.lexicon.event_types import event_types

if TYPE_CHECKING:  # frames are built by core.tables; the extract command needs none
    import pandas as pd

_FUTURE = {
    "de": re.compile(
        r"(?<!\w)(?:wird|werden|würde|würden|soll|sollen|sollte|plant|planen|geplant|"
        r"könnte|könnten|dürfte|erwartet)(?!\w)",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"(?<!\w)(?:will|would|shall|plans?|planned|expected|could|may|might|set to)(?!\w)",
        re.IGNORECASE,
    ),
}
# A clause that states a condition describes what will happen: "sobald beide Seiten
# Dokumente zur Ratifizierung austauschen", "once both sides exchange the instruments".
_CONDITION = re.compile(r"^\W*(?:sobald|wenn|falls|bis|once|as soon as|if|until)(?!\w)",
                        re.IGNORECASE)


def _nearest_time(
    expressions: list[TimeExpression], span: tuple[int, int], trigger: TriggerHit
) -> TimeExpression | None:
    usable = [
        e for e in expressions
        if e.start >= span[0] and e.end <= span[1]
        and (e.start_date is not None or e.end_date is not None)
    ]
    if not usable:
        return None

    def distance(expression: TimeExpression) -> int:
        if expression.end <= trigger[0]:
            return trigger[0] - expression.end
        return max(0, expression.start - trigger[1])

    return min(usable, key=lambda e: (distance(e), e.start))


def _has_future_time(expressions: list[TimeExpression], span: tuple[int, int]) -> bool:
    return any(
        e.kind == "future" and e.start >= span[0] and e.end <= span[1] for e in expressions
    )


def _is_repeat(event: dict, kept: list[dict]) -> bool:
    """Whether ``event`` repeats one in ``kept``.

    Dated: the same type, actors and dates again. Undated: a same-type event whose actors
    include this one's and that has a date (or this one names no actor at all).
    """
    if event["date_start"] is not None or event["date_end"] is not None:
        return any(
            k["event_type"] == event["event_type"] and k["actors"] == event["actors"]
            and (k["date_start"], k["date_end"]) == (event["date_start"], event["date_end"])
            for k in kept
        )
    return any(
        k["event_type"] == event["event_type"] and set(event["actors"]) <= set(k["actors"])
        and (k["date_start"] is not None or k["date_end"] is not None or not event["actors"])
        for k in kept
    )


def extract_events(article: Article) -> pd.DataFrame:
    """Events of one article: a typed frame with exactly the schema's ``EVENT_COLUMNS``."""
    return typed_frame(event_rows(article), "events")


def event_rows(article: Article) -> list[dict]:
    """Events of one article as row dicts in text order (no pandas)."""
    if not isinstance(article.published, dt.date):
        raise ExtractionError(
            f"article {article.id}: no publication date; relative dates cannot be resolved"
        )
    language = article.language
    event_triggers(language)  # unknown language -> one clear error before any work
    text = article.text
    expressions = find_time_expressions(text, language, article.published)
    place_mentions = find_place_mentions(text, language)
    mentions = article_mentions(text, language, place_mentions)
    speakers = [m for m in mentions if m.source == "claimant"]
    vocabulary = event_types()
    rows: list[dict] = []
    for sentence in split_sentences(text):
        for segment in split_segments(text, sentence.start, sentence.end, language):
            for span_start, span_end, trigger in event_spans(text, *segment, language):
                if span_start >= span_end:
                    continue
                span = (span_start, span_end)
                kind = vocabulary[trigger[2]]
                location, inherited = (
                    event_location(text, span, sentence.start, place_mentions, speakers, language)
                    if kind.has_location else (None, False)
                )
                actors = event_actors(
                    text, span, trigger, mentions, location, kind.actor_source, language
                )
                when = _nearest_time(expressions, span, trigger)
                clause = clause_bounds(text, span[0], span[1], trigger[0])
                flags = []
                future = _FUTURE[language if language in _FUTURE else "en"]
                if (
                    future.search(text[clause[0]:clause[1]])
                    or _CONDITION.match(text[span[0]:span[1]])
                    or _has_future_time(expressions, span)
                ):
                    flags.append("expected")
                if not actors:
                    flags.append("actor_unknown")
                if inherited:
                    flags.append("location_inherited")
                event = {
                    "event_id": f"{article.id}:{span_start}",
                    "article_id": article.id,
                    "sentence_index": sentence.index,
                    "sentence": sentence.text,
                    "start": span_start,
                    "end": span_end,
                    "quote": text[span_start:span_end],
                    "event_type": kind.type,
                    "actors": actors,
                    "location": location.codes[0] if location is not None else None,
                    "date_start": None if when is None else (when.start_date or when.end_date),
                    "date_end": None if when is None else (when.end_date or when.start_date),
                    "date_text": None if when is None else when.text,
                    "published": article.published,
                    "language": language,
                    "flags": flags,
                }
                if not _is_repeat(event, rows):
                    rows.append(event)
    # A dated mention later in the text makes an earlier undated one a repeat, too.
    rows = [r for r in rows if not _is_repeat(r, [k for k in rows if k is not r and (
        k["date_start"] is not None or k["date_end"] is not None)])]
    return sorted(rows, key=lambda r: r["start"])


def corpus_event_rows(articles: Iterable[Article]) -> list[dict]:
    """Events of many articles as row dicts, in corpus order then text order."""
    return [row for article in articles for row in event_rows(article)]


def extract_corpus_events(articles: Iterable[Article]) -> pd.DataFrame:
    """Events of many articles, in corpus order then text order: the same typed frame kind
    as :func:`analysis.extract.claims.extract_corpus_claims` returns."""
    return typed_frame(corpus_event_rows(articles), "events")
