"""Who takes part in an event and where it happens: actors and location in its span.

Mentions are the article's countries, regions and towns (:func:`~analysis.extract.mentions.
find_places`), demonyms (:func:`~analysis.extract.mentions.find_actors`) and claimant groups
(:func:`~analysis.extract.mentions.find_claimants`); where two overlap, the longer wins
("russischen Region Kursk" is a place, not the actor RUS), claimant groups on a tie.

4. Actors: the countries, demonyms and named speakers before the trigger in the span (the
   subject in German and English main clauses); if none, those after it in the trigger's
   clause; if none, who reports it in a trailing clause ("..., the Kremlin said"). Types
   marked ``all`` (confirmations, shipments, casualties) take every actor in the span (who
   reports and whose forces), except the host country of the location.
5. Location (only for types with ``has_location``): the first region or town in the span
   that follows a locative or recipient preposition ("in Kursk", "geliefert an Russland")
   or is not the speaker ("Seoul said ..."), else a country after such a preposition
   ("nach Russland"; a bare country name is an actor); a span that begins with
   "wo"/"where" refers back to the last place before it (flag ``location_inherited``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.extract import mentions as places
from analysis.extract.event_segments import TriggerHit, event_triggers
from analysis.lexicon.gazetteer import country_of


@dataclass(frozen=True)
class Mention:
    """A place, actor or claimant group in the article (absolute offsets)."""

    start: int
    end: int
    codes: tuple[str, ...]
    source: str  # "actor" | "country" | "region" | "town" | "claimant"


_REFERS_BACK = re.compile(r"^\W*(?:wo|wohin|where)(?!\w)", re.IGNORECASE)
# "geliefert an Russland", "shipped to Russia": the country receives, it is the location.
_RECIPIENT = re.compile(r"(?<!\w)(?:an|nach|to|into)\s+(?:(?:die|der|den|the)\s+)?$",
                        re.IGNORECASE)


def find_place_mentions(text: str, language: str) -> list[Mention]:
    return [
        Mention(place.start, place.end, (place.code,), place.kind)
        for place in places.find_places(text, language)
    ]


def article_mentions(text: str, language: str, place_mentions: list[Mention]) -> list[Mention]:
    """Actors, places and claimants in the article, overlaps resolved (the longer wins)."""
    raw: list[Mention] = list(place_mentions)
    for actor in places.find_actors(text, language):
        raw.append(Mention(actor.start, actor.end, (actor.code,), "actor"))
    for group in places.find_claimants(text, language):
        if group.codes:
            raw.append(Mention(group.start, group.end, tuple(group.codes), "claimant"))
    # Longest first; a shorter mention inside a kept one is part of it ("russischen Region
    # Kursk" is a place, not the actor RUS). Claimant groups win ties: they carry all codes.
    raw.sort(key=lambda m: (-(m.end - m.start), m.source != "claimant", m.start))
    kept: list[Mention] = []  # sorted by start, never overlapping: neighbours decide
    for mention in raw:
        index = bisect.bisect_left(kept, mention.start, key=lambda m: m.start)
        before = kept[index - 1] if index > 0 else None
        after = kept[index] if index < len(kept) else None
        if (before is None or before.end <= mention.start) and (
            after is None or mention.end <= after.start
        ):
            kept.insert(index, mention)
    return kept


def _inside(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """Mentions within ``[start, end)``; ``mentions`` must be sorted by start."""
    found = []
    for index in range(bisect.bisect_left(mentions, start, key=lambda m: m.start), len(mentions)):
        mention = mentions[index]
        if mention.start >= end:
            break
        if mention.end <= end:
            found.append(mention)
    return found


def _codes(mentions: Iterable[Mention]) -> list[str]:
    codes: list[str] = []
    for mention in mentions:
        codes.extend(c for c in mention.codes if c not in codes)
    return codes


def clause_bounds(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The comma-delimited clause of ``text[start:end]`` that contains ``position``."""
    left = text.rfind(",", start, position)
    right = text.find(",", position, end)
    return (start if left == -1 else left + 1, end if right == -1 else right)


def event_location(
    text: str,
    span: tuple[int, int],
    sentence_start: int,
    place_mentions: list[Mention],
    speakers: list[Mention],
    language: str,
) -> tuple[Mention | None, bool]:
    """The place the event happens at (or goes to), and whether it was inherited.

    A place after a locative or recipient preposition ("in Kursk", "nach Russland", "to
    Russia") is a location. A region or town without one is, too, unless it is the
    speaker ("Seoul said ..."); a bare country name is an actor, not a location.
    """

    def after_preposition(mention: Mention) -> bool:
        return places.is_locative(text, mention.start, language) or (
            _RECIPIENT.search(text, max(0, mention.start - 12), mention.start) is not None
        )

    def speaks(mention: Mention) -> bool:
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


def event_actors(
    text: str,
    span: tuple[int, int],
    trigger: TriggerHit,
    mentions: list[Mention],
    location: Mention | None,
    source: str,
    language: str,
) -> list[str]:
    candidates = [
        m for m in _inside(mentions, *span)
        if m.source in ("actor", "country", "claimant")
        and (location is None or m.end <= location.start or m.start >= location.end)
    ]
    if source == "all":
        host = country_of(location.codes[0]) if location is not None else None
        chosen = [m for m in candidates if m.source == "claimant" or host not in m.codes]
        codes = _codes(chosen)
        # A claimant group naming the host ("Russland meldete") keeps it; a host that is
        # only where things are is not an actor.
        return codes
    before = [m for m in candidates if m.end <= trigger[0]]  # the subject
    if before:
        return _codes(before)
    clause = clause_bounds(text, span[0], span[1], trigger[0])
    after = _codes(m for m in candidates if m.start >= trigger[0] and m.end <= clause[1])
    return after or _reporting_speakers(text, span, clause, mentions, language)


def _reporting_speakers(
    text: str, span: tuple[int, int], clause: tuple[int, int], mentions: list[Mention],
    language: str,
) -> list[str]:
    """Who reports it in a trailing clause: "..., the Kremlin said" / "..., sagte der Kreml"."""
    statement = next(t for t in event_triggers(language) if t.event_type == "statement")
    for match in statement.pattern.finditer(text, clause[1], span[1]):
        reporting = clause_bounds(text, span[0], span[1], match.start())
        speakers = [
            m for m in _inside(mentions, *reporting) if m.source in ("claimant", "actor")
        ]
        if speakers:
            return _codes(speakers)
    return []

