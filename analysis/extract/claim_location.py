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
  preposition), and places in a statement's setting ("Speaking in Brussels, ...", "vor
  Abgeordneten in Seoul": :mod:`analysis.extract.claim_setting`). A locative word may be a
  motion verb whose object is the destination ("reached the Kursk region", cues role
  ``locative``). A region keeps its code (``RU-KRS``), a country its alpha-3.
* **Pointed to** ("dort", "there": cues role ``place_anaphora``): a sentence without a place
  of its own takes the last place its paragraph's previous sentence names, claim or not
  ("... fighting in the Kursk region. About 200 were killed there"); not flagged, the text
  says so.
* **Carried over** (:class:`LocationMemory`, flag ``location_inferred``): a claim of forces
  (troops, soldiers) or losses (killed, wounded, casualties, captured) with no place in its
  sentence takes the place of the latest earlier claim of the same kind in its paragraph,
  else the article's main place for that kind (the place most of its claims of that kind
  name; a tie: none). Only for the article's topic actor or an unknown actor: another
  side's losses are not placed where the topic force fights. And only from the same
  source: a claim whose own named claimants share none with the claims that gave the place
  does not take it ("Zelensky said last week that more than 4,000 were killed or wounded"
  after the NIS's figures for Kursk), unless it continues a count ("weitere 1.000", "200 of
  them", "another 40") or a report; it takes the place of a headline without a figure
  instead, the outlet's own framing of the article, if there is one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from analysis.extract.claim_context import ArticleMentions, Span, inside, overlaps
from analysis.extract.claim_grammar import CASUALTY_UNITS, FORCE_UNITS
from analysis.extract.claim_setting import setting_spans
from analysis.extract.claim_units import Candidate
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import term_pattern

Place = tuple[str, str, int, int]  # code, text as written, start, end (in the sentence)
_DIGIT = re.compile(r"\d")


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


@cached
def _place_anaphora(language: str) -> re.Pattern:
    """A word that points back to a place ("dort", "there"; cues role ``place_anaphora``).
    English "there" before a form of be, have or a modal is the existential "there is",
    not a place (grammar, not vocabulary: the same in every text)."""
    words = term_pattern(lexicon.terms(language, "cues", "place_anaphora"))
    existential = (
        r"(?!\s+(?:is|are|was|were|be|been|have|has|had|seem|seems|seemed|appear|appears|"
        r"remain|remains|remained|may|might|could|would|will|must|should)\b)"
        if language == "en" else ""
    )
    # "from there", "von dort": an origin (cues role ``origin``), not where the counted are.
    origin = term_pattern(lexicon.terms(language, "cues", "origin"))
    return re.compile(
        rf"(?P<origin>(?<![\w-]){origin}\s+)?(?<![\w-]){words}(?![\w-]){existential}"
    )


@cached
def _destination_verbs(language: str) -> tuple[re.Pattern, re.Pattern]:
    """A verb whose object is a destination ("erreichten", "betraten": cues role
    ``destination_verb``), and a place's object article right before it ("das russische
    Gebiet Kursk", "den Oblast")."""
    verbs = term_pattern(lexicon.terms(language, "cues", "destination_verb"))
    return (re.compile(rf"(?<![\w-]){verbs}(?![\w-])"),
            re.compile(r"(?<![\w-])(?:das|den|die)\s+(?:[a-zäöüß][\w-]*\s+)?$"))


def _reached_object(mentions: ArticleMentions, index: int, start: int) -> bool:
    """Whether the place at ``start`` is the object of a destination verb of its clause:
    German puts the verb second and the object last ("In der ersten Woche erreichten rund
    1.000 Arbeiter das Gebiet Kursk"), or the participle last ("haben die Region Brjansk
    erreicht"), so the verb is anywhere in the clause."""
    verb, article = _destination_verbs(mentions.language)
    text = mentions.text(index)
    if article.search(text, max(0, start - 30), start) is None:
        return False
    clause_start = max(text.rfind(mark, 0, start) for mark in ",;:") + 1
    ends = [at for at in (text.find(mark, start) for mark in ",;:") if at >= 0]
    return verb.search(text, clause_start, min(ends, default=len(text))) is not None


def _own_places(
    mentions: ArticleMentions, index: int, exclude: list[Span], blocked: list[Span],
    claim: Span | None,
) -> list[tuple[str, str, int, int]]:
    """The places of sentence ``index`` that can be where counted things are, in order."""
    text = mentions.text(index)
    frames = _frames(mentions, index)
    frames += setting_spans(mentions, index, claim)
    war = _war_context(mentions.language)
    found = []
    for place in mentions.places(index):
        if any(overlaps(place.start, place.end, *span) for span in exclude):
            continue
        if inside(place.start, blocked):
            continue
        if not mentions.is_locative(index, place.start) and not _reached_object(
            mentions, index, place.start
        ):
            continue
        if any(start <= place.start < end for start, end in frames):
            continue  # where a statement was made
        if war.search(text, max(0, place.start - 40), place.start):
            continue  # "the war in Ukraine"
        found.append((place.code, place.text, place.start, place.end))
    return found


def sentence_location(
    mentions: ArticleMentions, found: Candidate, exclude: list[Span], blocked: list[Span],
) -> Place | None:
    """The claim's place in its own sentence, or None (see the module docstring)."""
    index = found.sentence.index
    before: Place | None = None
    for place in _own_places(mentions, index, exclude, blocked, (found.start, found.end)):
        if place[2] >= found.end:
            return place
        if place[3] <= found.start:
            before = place
    paragraphs = mentions.paragraphs
    if before is None and index > 0 and paragraphs[index - 1] == paragraphs[index]:
        anaphor = next((match for match in _place_anaphora(mentions.language).finditer(
            found.sentence.text) if not match.group("origin")), None)
        if anaphor is not None and not inside(anaphor.start(), blocked):
            # "... fighting in the Kursk region. About 200 were killed there": the place the
            # previous sentence names last, at the word that points to it.
            earlier = _own_places(mentions, index - 1, [], [], None)
            if earlier:
                return earlier[-1][0], earlier[-1][1], anaphor.start(), anaphor.end()
    return before


@cached
def _continuing_words(language: str) -> re.Pattern:
    """Words that make a count continue an earlier one: increments ("weitere", "another",
    "200 more": ``number_words.csv``) and partitives ("von ihnen", "of them": cues role
    ``elliptic``)."""
    words = [row["phrase"] for row in lexicon.table(language, "number_words")
             if row["kind"] in ("increment_before", "increment_after")]
    words += lexicon.terms(language, "cues", "elliptic")
    # "more than 4,000" is a bound, not an increment.
    return re.compile(rf"(?<![\w-]){term_pattern(words)}(?![\w-])(?!\s+than\b)")


# Characters after the quote where "of them" / "more" still belong to the count.
CONTINUATION_REACH = 16


def continues_count(found: Candidate, language: str) -> bool:
    """Whether the claim's words say it continues an earlier count ("weitere 1.000",
    "Etwa 300 von ihnen", "200 more", "another 40")."""
    text = found.sentence.text
    return _continuing_words(language).search(
        text, found.start, min(len(text), found.end + CONTINUATION_REACH)) is not None


def claim_sources(found: Candidate, attribution: Any, language: str) -> tuple[str, ...]:
    """Who a claim's place belongs to (for :meth:`LocationMemory.carried`): the claimants it
    names itself; none when it continues an earlier count ("weitere 1.000", "of them") or
    report (its claimant is inferred), so that it keeps their places; a source the lexicon
    has no code for stands for itself (its text)."""
    if continues_count(found, language) or attribution is None or attribution.inferred:
        return ()
    if attribution.codes:
        return tuple(attribution.codes)
    return (f"text:{attribution.claimant_text}",) if attribution.claimant_text else ()


def count_kind(unit: str) -> str | None:
    """"forces" or "losses" for the units whose place carries over, else None."""
    if unit in FORCE_UNITS:
        return "forces"
    if unit in CASUALTY_UNITS:
        return "losses"
    return None


# Who named a place: the claimants of the claims that gave it, or None when one of them is
# the outlet's own statement (no claimant), which sets the scene for every source.
Sources = frozenset[str] | None


def _joined(first: Sources, second: Sources) -> Sources:
    return None if first is None or second is None else first | second


@dataclass
class LocationMemory:
    """The places of an article's claims so far, and its main place per kind of count."""

    main: dict[str, tuple[Place, Sources]] = field(default_factory=dict)
    # The place of a headline without a figure: the outlet's own framing, every source's.
    headline: Place | None = None
    # kind -> (paragraph, place, who named it)
    latest: dict[str, tuple[int, Place, Sources]] = field(default_factory=dict)

    @classmethod
    def of_article(
        cls, kinds_and_places: list[tuple[str | None, Place | None, tuple[str, ...]]],
    ) -> LocationMemory:
        """Main places from the claims' own places (``(kind, place, claimants)`` per claim)."""
        memory = cls()
        for kind in ("forces", "losses"):
            counts = Counter(place[0] for k, place, _ in kinds_and_places if k == kind and place)
            ranked = counts.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                code = ranked[0][0]
                naming = [(place, claimants) for k, place, claimants in kinds_and_places
                          if k == kind and place and place[0] == code]
                sources: Sources = frozenset()
                for _, claimants in naming:
                    sources = _joined(sources, frozenset(claimants) if claimants else None)
                memory.main[kind] = (naming[0][0], sources)
        return memory

    def remember(
        self, kind: str | None, paragraph: int, place: Place | None,
        claimants: tuple[str, ...] = (),
    ) -> None:
        if kind is not None and place is not None:
            self.latest[kind] = (paragraph, place, frozenset(claimants) if claimants else None)

    def carried(
        self, kind: str | None, paragraph: int, claimants: tuple[str, ...] = (),
    ) -> Place | None:
        """The place a claim of ``kind`` in ``paragraph`` without one of its own takes.

        ``claimants``: the claim's own sources (empty when it has none, continues an earlier
        report or continues an earlier count: "weitere 1.000", "of them"). A place that only
        other named sources gave is theirs: a new source's figure without a place
        ("Zelensky said more than 4,000 were killed or wounded") does not take it, unless a
        headline without a figure names the article's place."""
        if kind is None:
            return None
        latest = self.latest.get(kind)
        if latest is not None and latest[0] == paragraph:
            return latest[1] if _shared(latest[2], claimants) else self.headline
        main = self.main.get(kind) or self.main.get("losses" if kind == "forces" else "forces")
        if main is None:
            return None
        return main[0] if _shared(main[1], claimants) else self.headline


def _shared(sources: Sources, claimants: tuple[str, ...]) -> bool:
    return sources is None or not claimants or not sources.isdisjoint(claimants)


def headline_place(mentions: ArticleMentions, claims: list[Candidate]) -> Place | None:
    """The place a headline names when it holds no figure ("Seoul meldet hohe Verluste in
    Kursk"): a first paragraph of one sentence, in an article of more paragraphs. A headline
    with a figure is that figure's source's claim, like any other."""
    paragraphs = mentions.paragraphs
    if len(paragraphs) < 2 or paragraphs[1] == 0 or paragraphs[-1] == 0:
        return None
    if any(found.sentence.index == 0 for found in claims) or _DIGIT.search(mentions.text(0)):
        return None  # a figure, extracted or not ("... rise to 3,000, Seoul says")
    places = _own_places(mentions, 0, [], [], None)
    return places[0] if places else None
