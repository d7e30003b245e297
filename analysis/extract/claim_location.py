"""Where the counted are: a claim's location, in its sentence or carried over.

Rules (vocabulary in ``data/lexicon/<lang>/cues.csv``, places in ``places.csv`` and the
gazetteer, see :mod:`analysis.extract.mentions`):

* **In the sentence** (:func:`sentence_location`): the nearest place after a locative
  preposition ("in der russischen Region Kursk", "nach Russland", "in western Russia")
  after the quote, else the nearest one before it. Left out: places in a report's frame or
  source (where a statement was made: "told reporters in Washington", "nach einer
  Unterrichtung in Seoul", "officials in Seoul said"), places in a subordinate clause that
  does not hold the claim, places that are no destination or position ("from Pyongyang",
  "aus Nordkorea": not locative), and the place of a war named as such ("the war in
  Ukraine", "im Krieg gegen die Ukraine": a ``war_context`` word right before the
  preposition). A region keeps its code (``RU-KRS``), a country its alpha-3.
* **Carried over** (:class:`LocationMemory`, flag ``location_inferred``): a claim of forces
  (troops, soldiers) or losses (killed, wounded, casualties, captured) with no place in its
  sentence takes the place of the latest earlier claim of the same kind in its paragraph,
  else the article's main place for that kind (the place most of its claims of that kind
  name; a tie: none). Only for the article's topic actor or an unknown actor: another
  side's losses are not placed where the topic force fights.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from analysis.extract.claim_context import ArticleMentions, Span, inside, overlaps
from analysis.extract.claim_grammar import CASUALTY_UNITS, FORCE_UNITS
from analysis.extract.claim_units import Candidate
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import term_pattern

Place = tuple[str, str, int, int]  # code, text as written, start, end (in the sentence)


@cached
def _war_context(language: str) -> re.Pattern:
    """A war noun and a preposition right before a place: "Krieg in der", "war in"."""
    words = term_pattern(lexicon.terms(language, "cues", "war_context"))
    return re.compile(
        rf"(?<![\w-]){words}\s+(?:[\w-]+\s+){{0,2}}$"
    )


def _frames(mentions: ArticleMentions, index: int) -> list[Span]:
    spans: list[Span] = []
    for report in mentions.reports(index):
        spans.append(report.frame)
        if report.source is not None:
            spans.append(report.source)
    return spans


def sentence_location(
    mentions: ArticleMentions, found: Candidate, exclude: list[Span], blocked: list[Span],
) -> Place | None:
    """The claim's place in its own sentence, or None (see the module docstring)."""
    index = found.sentence.index
    text = found.sentence.text
    frames = _frames(mentions, index)
    war = _war_context(mentions.language)
    before: Place | None = None
    for place in mentions.places(index):
        if any(overlaps(place.start, place.end, *span) for span in exclude):
            continue
        if inside(place.start, blocked) or not mentions.is_locative(index, place.start):
            continue
        if any(start <= place.start < end for start, end in frames):
            continue  # where a statement was made
        if war.search(text, max(0, place.start - 40), place.start):
            continue  # "the war in Ukraine"
        if place.start >= found.end:
            return place.code, place.text, place.start, place.end
        if place.end <= found.start:
            before = (place.code, place.text, place.start, place.end)
    return before


def count_kind(unit: str) -> str | None:
    """"forces" or "losses" for the units whose place carries over, else None."""
    if unit in FORCE_UNITS:
        return "forces"
    if unit in CASUALTY_UNITS:
        return "losses"
    return None


@dataclass
class LocationMemory:
    """The places of an article's claims so far, and its main place per kind of count."""

    main: dict[str, Place | None] = field(default_factory=dict)
    latest: dict[str, tuple[int, Place]] = field(default_factory=dict)  # kind -> (paragraph, place)

    @classmethod
    def of_article(cls, kinds_and_places: list[tuple[str | None, Place | None]]) -> LocationMemory:
        """Main places from the claims' own places (``(kind, place)`` per claim)."""
        memory = cls()
        for kind in ("forces", "losses"):
            counts = Counter(place[0] for k, place in kinds_and_places if k == kind and place)
            ranked = counts.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                code = ranked[0][0]
                memory.main[kind] = next(
                    place for k, place in kinds_and_places
                    if k == kind and place and place[0] == code)
        return memory

    def remember(self, kind: str | None, paragraph: int, place: Place | None) -> None:
        if kind is not None and place is not None:
            self.latest[kind] = (paragraph, place)

    def carried(self, kind: str | None, paragraph: int) -> Place | None:
        """The place a claim of ``kind`` in ``paragraph`` without one of its own takes."""
        if kind is None:
            return None
        latest = self.latest.get(kind)
        if latest is not None and latest[0] == paragraph:
            return latest[1]
        return self.main.get(kind) or self.main.get("losses" if kind == "forces" else "forces")
