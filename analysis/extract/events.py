"""Dated events in an article: treaties signed and ratified, incursions, confirmations, reports.

One row per event with the same provenance as a claim (``article_id``, ``sentence_index``,
``start``/``end`` of ``quote`` in the normalized text) plus ``event_type`` from the
controlled vocabulary ``data/lexicon/event_types.csv``, ``actors`` (ISO alpha-3 or an
organisation code such as NATO), ``location``, and the date interval the text gives.

How an event is found (rules kept small and explainable):

1. Sentences are cut into *segments* at dashes, semicolons and a comma before a
   subordinating word ("nachdem", "wo", "um", "after", "where", "which" ...), so that
   "Russland hat ... letzte Woche abgeschlossen, nachdem er von Putin und Kim
   unterzeichnet worden war" yields a dated ratification and an undated signing.
2. A trigger word from ``data/lexicon/<lang>/event_triggers.csv`` marks an event type;
   some need a companion word in the same segment ("bestätigten" counts as a deployment
   confirmation only with "Truppen"/"Soldaten"). A plain ``statement`` is kept only when
   nothing more specific was said in the segment. Two different triggers in one segment
   split it at the last comma between them (else right after the first trigger).
3. The date is the time expression (:mod:`analysis.extract.dates`) in the event's span nearest to
   its trigger; "seit August 2023" (a start of a count) is not the event's date. No time
   expression in the span: dates stay null — never borrowed from the next clause.
4. Actors: the countries, demonyms and named speakers before the trigger in the span (the
   subject in German and English main clauses); if none, those after it in the trigger's
   clause. Types marked ``all`` (confirmations, shipments, casualties) take every actor in
   the span (who reports and whose forces), except the host country of the location.
5. Location (only for types with ``has_location``): the first region or town in the span,
   else a country after a locative preposition ("nach Russland"); a span that begins with
   "wo"/"where" refers back to the last place before it (flag ``location_inherited``).
6. A later undated mention of an event already recorded with a date and the same or more
   actors ("die Ratifizierung des Vertrags in beiden Ländern") is not a new event.

Flags: ``expected`` (future or modal wording: "wird ... in Kraft treten", a condition
"sobald ...", or a date after publication),
``actor_unknown``, ``location_inherited``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd

from analysis.core.errors import ExtractionError
from analysis.core.tables import typed_frame
from analysis.corpus.catalog import Article
from analysis.extract import mentions as places
from analysis.extract.sentences import split_sentences
from analysis.lexicon import reader as lexicon


@dataclass(frozen=True)
class EventType:
    """One entry of the controlled vocabulary ``data/lexicon/event_types.csv``."""

    type: str
    short_label: str
    has_location: bool
    actor_source: str  # "subject" | "all"
    chart_line: bool  # drawn as a reference line on the estimates chart
    description: str


@dataclass(frozen=True)
class _Trigger:
    event_type: str
    pattern: re.Pattern
    requires: re.Pattern | None


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    codes: tuple[str, ...]
    source: str  # "actor" | "country" | "region" | "town" | "claimant"


_TRUE = {"true", "yes", "1"}

# A comma before one of these words starts a new clause that can carry its own event.
_SUBORDINATORS = {
    "de": r"nachdem|bevor|wo|als|während|sobald|weil|obwohl|um|seitdem|wobei|woraufhin|bis",
    "en": r"after|before|where|when|while|once|as soon as|because|although|whereas|which|who",
}
# English clauses often go without the comma: "... last week after Putin signed it".
_EN_BARE_CLAUSE = (
    r"\s(?=(?:after|before|when|where|while)\s+(?:[A-Z]|the\b|he\b|she\b|it\b|they\b|its\b))"
)
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
_REFERS_BACK = re.compile(r"^\W*(?:wo|wohin|where)(?!\w)", re.IGNORECASE)
# A clause that states a condition describes what will happen: "sobald beide Seiten
# Dokumente zur Ratifizierung austauschen", "once both sides exchange the instruments".
_CONDITION = re.compile(r"^\W*(?:sobald|wenn|falls|bis|once|as soon as|if|until)(?!\w)",
                        re.IGNORECASE)
# "geliefert an Russland", "shipped to Russia": the country receives, it is the location.
_RECIPIENT = re.compile(r"(?<!\w)(?:an|nach|to|into)\s+(?:(?:die|der|den|the)\s+)?$",
                        re.IGNORECASE)
_EDGE_PUNCTUATION = " \t\n,;:–—-"


@cache
def event_types() -> dict[str, EventType]:
    """The controlled vocabulary, in priority order (first = most specific)."""
    vocabulary: dict[str, EventType] = {}
    for row in lexicon.table(None, "event_types"):
        vocabulary[row["type"]] = EventType(
            type=row["type"],
            short_label=row["short_label"] or row["type"],
            has_location=row["has_location"].lower() in _TRUE,
            actor_source=row["actor_source"] or "subject",
            chart_line=row["chart_line"].lower() in _TRUE,
            description=row["description"],
        )
    return vocabulary


def event_types_frame() -> pd.DataFrame:
    """The vocabulary as a table (type, short_label, description ...) for notebooks."""
    return pd.DataFrame([vars(t) for t in event_types().values()])


@cache
def _triggers(language: str) -> tuple[_Trigger, ...]:
    lexicon.check_language(language)
    vocabulary = event_types()
    triggers = []
    for number, row in enumerate(lexicon.table(language, "event_triggers"), start=2):
        if row["event_type"] not in vocabulary:
            raise ExtractionError(
                f"data/lexicon/{language}/event_triggers.csv line {number}: event type "
                f"{row['event_type']!r} is not in data/lexicon/event_types.csv; add it there"
            )
        try:
            pattern = re.compile(rf"(?<!\w)(?:{row['pattern']})(?!\w)", re.IGNORECASE)
            requires = (
                re.compile(rf"(?<!\w)(?:{row['requires']})", re.IGNORECASE)
                if row.get("requires") else None
            )
        except re.error as exc:
            raise ExtractionError(
                f"data/lexicon/{language}/event_triggers.csv line {number}: bad pattern ({exc})"
            ) from None
        triggers.append(_Trigger(row["event_type"], pattern, requires))
    order = list(vocabulary)
    return tuple(sorted(triggers, key=lambda t: order.index(t.event_type)))


@cache
def _segment_break(language: str) -> re.Pattern:
    subordinators = _SUBORDINATORS.get(language, _SUBORDINATORS["en"])
    alternatives = [r"\s+[–—]\s+", r"\s-\s", r";\s*", rf",\s+(?=(?:{subordinators})(?!\w))"]
    if language == "en":
        alternatives.append(_EN_BARE_CLAUSE)
    if language == "de":
        # A relative clause: ", das gegenseitige Hilfe vorsieht". A capital after the
        # article is a list of names instead ("Südkorea, die USA und die Ukraine").
        alternatives.append(r",\s+(?=(?:der|die|das|den|dem|deren|dessen)\s+[a-zäöüß])")
    return re.compile("|".join(alternatives))  # case matters: see the capital rules above


def split_segments(text: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into clause-like segments (absolute offsets, trimmed)."""
    segments, cursor = [], start
    for match in _segment_break(language).finditer(text, start, end):
        segments.append((cursor, match.start()))
        cursor = match.end()
    segments.append((cursor, end))
    return [s for s in (_trim(text, a, b) for a, b in segments) if s[0] < s[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCTUATION + ".!?":
        end -= 1
    return start, end


def _find_triggers(text: str, start: int, end: int, language: str) -> list[tuple[int, int, str]]:
    """First trigger per event type in ``text[start:end]`` as (start, end, type), by offset."""
    segment = text[start:end]
    found: dict[str, tuple[int, int, str]] = {}
    for trigger in _triggers(language):
        if trigger.event_type in found:
            continue
        match = trigger.pattern.search(segment)
        if match is None:
            continue
        if trigger.requires is not None and trigger.requires.search(segment) is None:
            continue
        found[trigger.event_type] = (start + match.start(), start + match.end(), trigger.event_type)
    if len(found) > 1:
        found.pop("statement", None)
    return sorted(found.values())


def _event_spans(
    text: str, start: int, end: int, language: str
) -> list[tuple[int, int, tuple[int, int, str]]]:
    """Each trigger in a segment with its own span; re-checked until every trigger fits."""
    triggers = _find_triggers(text, start, end, language)
    while True:
        spans = []
        for index, trigger in enumerate(triggers):
            span_start = start if index == 0 else spans[-1][1]
            span_end = end
            if index + 1 < len(triggers):
                following = triggers[index + 1]
                comma = text.rfind(",", trigger[1], following[0])
                span_end = comma if comma != -1 else trigger[1]
            spans.append((span_start, span_end, trigger))
        spans = [(*_trim(text, a, b), trigger) for a, b, trigger in spans]
        misfits = [
            trigger for a, b, trigger in spans
            if len(triggers) > 1 and not _fits(text[a:b], trigger[2], language)
        ]
        if not misfits:
            return spans
        triggers = [t for t in triggers if t not in misfits] or triggers[:1]
        if len(triggers) == 1:
            return [(start, end, triggers[0])]


def _fits(span_text: str, event_type: str, language: str) -> bool:
    for trigger in _triggers(language):
        if trigger.event_type == event_type and trigger.pattern.search(span_text):
            return trigger.requires is None or trigger.requires.search(span_text) is not None
    return False


def _place_mentions(text: str, language: str) -> list[_Mention]:
    return [
        _Mention(place.start, place.end, (place.code,), place.kind)
        for place in places.find_places(text, language)
    ]


def _mentions(text: str, language: str, place_mentions: list[_Mention]) -> list[_Mention]:
    """Actors, places and claimants in the article, overlaps resolved (the longer wins)."""
    raw: list[_Mention] = list(place_mentions)
    for actor in places.find_actors(text, language):
        raw.append(_Mention(actor.start, actor.end, (actor.code,), "actor"))
    for group in places.find_claimants(text, language):
        if group.codes:
            raw.append(_Mention(group.start, group.end, tuple(group.codes), "claimant"))
    # Longest first; a shorter mention inside a kept one is part of it ("russischen Region
    # Kursk" is a place, not the actor RUS). Claimant groups win ties: they carry all codes.
    raw.sort(key=lambda m: (-(m.end - m.start), m.source != "claimant", m.start))
    kept: list[_Mention] = []  # sorted by start, never overlapping: neighbours decide
    for mention in raw:
        index = bisect.bisect_left(kept, mention.start, key=lambda m: m.start)
        before = kept[index - 1] if index > 0 else None
        after = kept[index] if index < len(kept) else None
        if (before is None or before.end <= mention.start) and (
            after is None or mention.end <= after.start
        ):
            kept.insert(index, mention)
    return kept


def _inside(mentions: list[_Mention], start: int, end: int) -> list[_Mention]:
    """Mentions within ``[start, end)``; ``mentions`` must be sorted by start."""
    found = []
    for index in range(bisect.bisect_left(mentions, start, key=lambda m: m.start), len(mentions)):
        mention = mentions[index]
        if mention.start >= end:
            break
        if mention.end <= end:
            found.append(mention)
    return found


def _codes(mentions: Iterable[_Mention]) -> list[str]:
    codes: list[str] = []
    for mention in mentions:
        codes.extend(c for c in mention.codes if c not in codes)
    return codes


def _clause_bounds(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The comma-delimited clause of ``text[start:end]`` that contains ``position``."""
    left = text.rfind(",", start, position)
    right = text.find(",", position, end)
    return (start if left == -1 else left + 1, end if right == -1 else right)


def _location(
    text: str,
    span: tuple[int, int],
    sentence_start: int,
    place_mentions: list[_Mention],
    speakers: list[_Mention],
    language: str,
) -> tuple[_Mention | None, bool]:
    """The place the event happens at (or goes to), and whether it was inherited.

    A place after a locative or recipient preposition ("in Kursk", "nach Russland", "to
    Russia") is a location. A region or town without one is, too, unless it is the
    speaker ("Seoul said ..."); a bare country name is an actor, not a location.
    """

    def after_preposition(mention: _Mention) -> bool:
        return places.is_locative(text, mention.start, language) or (
            _RECIPIENT.search(text, max(0, mention.start - 12), mention.start) is not None
        )

    def speaks(mention: _Mention) -> bool:
        return any(s.start <= mention.start and mention.end <= s.end for s in speakers)

    inside = _inside(place_mentions, *span)
    for mention in inside:
        if mention.source in ("region", "town") and (
            after_preposition(mention) or not speaks(mention)
        ):
            return mention, False
    locative = [m for m in inside if m.source == "country" and after_preposition(m)]
    if locative:
        return locative[-1], False
    if _REFERS_BACK.match(text[span[0]:span[1]]):
        before = _inside(place_mentions, sentence_start, span[0])
        finer = [m for m in before if m.source != "country"]
        if finer or before:
            return (finer or before)[-1], True
    return None, False


def _actors(
    text: str,
    span: tuple[int, int],
    trigger: tuple[int, int, str],
    mentions: list[_Mention],
    location: _Mention | None,
    source: str,
    language: str,
) -> list[str]:
    candidates = [
        m for m in _inside(mentions, *span)
        if m.source in ("actor", "country", "claimant")
        and (location is None or m.end <= location.start or m.start >= location.end)
    ]
    if source == "all":
        host = places.country_of(location.codes[0]) if location is not None else None
        chosen = [m for m in candidates if m.source == "claimant" or host not in m.codes]
        codes = _codes(chosen)
        # A claimant group naming the host ("Russland meldete") keeps it; a host that is
        # only where things are is not an actor.
        return codes
    before = [m for m in candidates if m.end <= trigger[0]]  # the subject
    if before:
        return _codes(before)
    clause = _clause_bounds(text, span[0], span[1], trigger[0])
    after = _codes(m for m in candidates if m.start >= trigger[0] and m.end <= clause[1])
    return after or _reporting_speakers(text, span, clause, mentions, language)


def _reporting_speakers(
    text: str, span: tuple[int, int], clause: tuple[int, int], mentions: list[_Mention],
    language: str,
) -> list[str]:
    """Who reports it in a trailing clause: "..., the Kremlin said" / "..., sagte der Kreml"."""
    statement = next(t for t in _triggers(language) if t.event_type == "statement")
    for match in statement.pattern.finditer(text, clause[1], span[1]):
        reporting = _clause_bounds(text, span[0], span[1], match.start())
        speakers = [
            m for m in _inside(mentions, *reporting) if m.source in ("claimant", "actor")
        ]
        if speakers:
            return _codes(speakers)
    return []


def _nearest_time(expressions: list, span: tuple[int, int], trigger: tuple[int, int, str]):
    usable = [
        e for e in expressions
        if e.start >= span[0] and e.end <= span[1]
        and (e.start_date is not None or e.end_date is not None)
    ]
    if not usable:
        return None

    def distance(expression) -> int:
        if expression.end <= trigger[0]:
            return trigger[0] - expression.end
        return max(0, expression.start - trigger[1])

    return min(usable, key=lambda e: (distance(e), e.start))


def _has_future_time(expressions: list, span: tuple[int, int]) -> bool:
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
    if not isinstance(article.published, dt.date):
        raise ExtractionError(
            f"article {article.id}: no publication date; relative dates cannot be resolved"
        )
    from analysis.extract.dates import find_time_expressions  # resolver owned by the dates stage

    language = article.language
    _triggers(language)  # unknown language -> one clear error before any work
    text = article.text
    expressions = find_time_expressions(text, language, article.published)
    place_mentions = _place_mentions(text, language)
    mentions = _mentions(text, language, place_mentions)
    speakers = [m for m in mentions if m.source == "claimant"]
    vocabulary = event_types()
    rows: list[dict] = []
    for sentence in split_sentences(text):
        for segment in split_segments(text, sentence.start, sentence.end, language):
            for span_start, span_end, trigger in _event_spans(text, *segment, language):
                if span_start >= span_end:
                    continue
                span = (span_start, span_end)
                kind = vocabulary[trigger[2]]
                location, inherited = (
                    _location(text, span, sentence.start, place_mentions, speakers, language)
                    if kind.has_location else (None, False)
                )
                actors = _actors(
                    text, span, trigger, mentions, location, kind.actor_source, language
                )
                when = _nearest_time(expressions, span, trigger)
                clause = _clause_bounds(text, span[0], span[1], trigger[0])
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
    return typed_frame(sorted(rows, key=lambda r: r["start"]), "events")


def extract_corpus_events(articles: Iterable[Article]) -> pd.DataFrame:
    """Events of many articles, in corpus order then text order: the same typed frame kind
    as :func:`analysis.extract.claims.extract_corpus_claims` returns."""
    frames = [extract_events(article) for article in articles]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return typed_frame([], "events")
    return pd.concat(frames, ignore_index=True)
