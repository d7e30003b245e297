"""What the sentence around a claim says: who claims it, where, as of when, and whether planned.

Mentions come from :mod:`analysis.extract.mentions` and :mod:`analysis.extract.dates`,
found once per article sentence (:class:`ArticleMentions`). Rules:

* **Claimant.** The group of claimant mentions (:func:`analysis.extract.mentions.find_claimants`)
  nearest to a claim cue ("sagte", "bestätigten", "nach Schätzungen", "laut", "said",
  "according to"; within 40 characters) anywhere in the sentence, before or after the
  number, active or passive. None in the sentence, but the sentence continues the
  previous one ("Demnach ...", "sagte er", "he added", or a pronoun subject with a saying
  verb: "Er sagte ...", "She said ...") -> the previous sentence's claimant (its only
  claimant group, if it has no cue) with flag ``claimant_inferred``. Otherwise an empty
  list: the outlet states the figure itself. "According to the Pentagon" is a claimant,
  not a place; a bare "Kim" counts after "Kim Jong Un" earlier in the article or next to
  another claimant ("Putin und Kim"), see :func:`analysis.extract.mentions.find_claimants`.
* **Location.** The nearest place after a locative preposition ("in der russischen Region
  Kursk", "nach Russland", "in the Kursk region") after the quote in the same sentence,
  else the nearest one before it. Codes: see :mod:`analysis.extract.mentions`.
* **As of.** Time expressions of the sentence (:mod:`analysis.extract.dates`), leaving out
  those in another subordinate clause ("– wo die Ukraine Anfang August ..."): the nearest
  one before the number, else the nearest after; "seit ..." sets ``since``. No
  expression: null.
* **Planned**: a ``planned`` cue in the sentence ("plant", "plans to", "will send"); a
  modal ("soll", "sollen") only when no ``reportative`` word follows it ("sollen ...
  getötet worden sein" is reportedly killed, not planned).

Subordinate clauses that do not contain the claim (:func:`blocked_spans`) hold neither its
location, nor its date, nor its actor.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from analysis.extract.claim_grammar import ClaimGrammar
from analysis.extract.claim_units import Candidate
from analysis.extract.dates import TimeExpression, find_time_expressions
from analysis.extract.mentions import (
    ActorMention,
    ClaimantMention,
    PlaceMention,
    find_actors,
    find_claimants,
    find_places,
    first_full_forms,
    is_locative,
)
from analysis.extract.sentences import Sentence

CLAIMANT_CUE_DISTANCE = 40

Span = tuple[int, int]


class ArticleMentions:
    """Mentions of one article's sentences, computed on first use and kept by sentence index.

    Several claims of one sentence, several rules per claim, and the neighbouring sentence
    (inferred claimants, "sie"/"they" actors) look at the same mentions: each is found once
    per article. Nothing is kept across articles. Results are tuples, never mutated.
    """

    def __init__(
        self, text: str, sentences: list[Sentence], grammar: ClaimGrammar, published: dt.date
    ):
        self.article_text = text
        self.sentences = sentences
        self.grammar = grammar
        self.language = grammar.language
        self.published = published
        self._actors: dict[int, tuple[ActorMention, ...]] = {}
        self._places: dict[int, tuple[PlaceMention, ...]] = {}
        self._claimants: dict[int, tuple[ClaimantMention, ...]] = {}
        self._times: dict[int, tuple[TimeExpression, ...]] = {}
        self._cues: dict[int, list[Span]] = {}
        self._planned: dict[int, bool] = {}
        self._locative: dict[Span, bool] = {}
        self._subclauses: dict[int, list[Span]] = {}
        self._memo: dict[tuple[str, int], Any] = {}
        self._full_forms: list[tuple[int, str]] | None = None

    def text(self, index: int) -> str:
        return self.sentences[index].text

    def actors(self, index: int) -> tuple[ActorMention, ...]:
        found = self._actors.get(index)
        if found is None:
            found = self._actors[index] = tuple(find_actors(self.text(index), self.language))
        return found

    def places(self, index: int) -> tuple[PlaceMention, ...]:
        found = self._places.get(index)
        if found is None:
            found = self._places[index] = tuple(find_places(self.text(index), self.language))
        return found

    def claimants(self, index: int) -> tuple[ClaimantMention, ...]:
        found = self._claimants.get(index)
        if found is None:
            found = tuple(find_claimants(self.text(index), self.language, self._context(index)))
            self._claimants[index] = found
        return found

    def _context(self, index: int) -> str:
        """What of the text before sentence ``index`` licenses short forms ("Kim" after "Kim
        Jong Un"): the first full form of each short form, if it ends before the sentence.
        The same answer as the whole text before it, in time independent of its length (a
        slice per sentence made a 19 MB article quadratic)."""
        if self._full_forms is None:
            self._full_forms = first_full_forms(self.article_text, self.language)
        start = self.sentences[index].start
        return "\n".join(written for end, written in self._full_forms if end <= start)

    def memo(self, name: str, index: int, compute: Callable[[str], Any]) -> Any:
        """``compute(sentence text)``, once per sentence ``index`` and ``name`` (for the rules
        of other modules that look at a sentence once per claim)."""
        key = (name, index)
        if key not in self._memo:
            self._memo[key] = compute(self.text(index))
        return self._memo[key]

    def blocked(self, index: int, keep: Span) -> Blocked:
        """The subordinate clauses of sentence ``index`` that do not contain ``keep``."""
        spans = self._subclauses.get(index)
        if spans is None:
            found = self.grammar.subclause.finditer(self.text(index))
            spans = self._subclauses[index] = [(m.start(), m.end()) for m in found]
        return Blocked(spans, keep)

    def times(self, index: int) -> tuple[TimeExpression, ...]:
        found = self._times.get(index)
        if found is None:
            found = tuple(find_time_expressions(self.text(index), self.language, self.published))
            self._times[index] = found
        return found

    def claim_cues(self, index: int) -> list[Span]:
        found = self._cues.get(index)
        if found is None:
            cue = self.grammar.claim_cue
            found = [(m.start(), m.end()) for m in cue.finditer(self.text(index))]
            self._cues[index] = found
        return found

    def planned(self, index: int) -> bool:
        found = self._planned.get(index)
        if found is None:
            found = self._planned[index] = _planned(self.text(index), self.grammar)
        return found

    def is_locative(self, index: int, start: int) -> bool:
        key = (index, start)
        found = self._locative.get(key)
        if found is None:
            found = is_locative(self.text(index), start, self.language)
            self._locative[key] = found
        return found


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


class Blocked:
    """Subordinate clauses ("– wo ...", ", when ...") of a sentence that do not contain the
    claim at ``keep``: sorted, non-overlapping spans, asked by binary search, so that a
    sentence with thousands of claims costs no more per claim than a short one."""

    __slots__ = ("spans", "starts", "keep")

    def __init__(self, spans: list[Span], keep: Span) -> None:
        self.spans = spans
        self.starts = [start for start, _ in spans]
        self.keep = keep

    def covers(self, position: int) -> bool:
        index = bisect_right(self.starts, position) - 1
        if index < 0:
            return False
        start, end = self.spans[index]
        return start <= position < end and not overlaps(start, end, *self.keep)

    def __iter__(self) -> Iterator[Span]:
        return (span for span in self.spans if not overlaps(*span, *self.keep))


def inside(position: int, spans: Blocked | list[Span]) -> bool:
    if isinstance(spans, Blocked):
        return spans.covers(position)
    return any(start <= position < end for start, end in spans)


def blocked_spans(sentence: str, grammar: ClaimGrammar, keep: Span) -> list[Span]:
    """Subordinate clauses ("– wo ...", ", when ...") that do not contain the claim."""
    spans = []
    for match in grammar.subclause.finditer(sentence):
        if not overlaps(match.start(), match.end(), *keep):
            spans.append((match.start(), match.end()))
    return spans


def _planned(sentence: str, grammar: ClaimGrammar) -> bool:
    """A plan or target (see the module docstring)."""
    if grammar.planned.search(sentence):
        return True
    modal = grammar.planned_modal.search(sentence)
    return bool(modal) and not grammar.reportative.search(sentence, modal.end())


def sentence_claimant(
    mentions: ArticleMentions, index: int, exclude: Span | None,
    speaker_without_cue: bool = False,
) -> ClaimantMention | None:
    """The claimant group nearest to a claim cue in sentence ``index`` (offsets relative to it).

    ``speaker_without_cue``: for the sentence before a continuation ("Selenskyj sprach am
    Abend. Er sagte, ..."), its only claimant group counts even without a cue.
    """
    cues = mentions.claim_cues(index)
    if not cues:
        if speaker_without_cue:
            groups = mentions.claimants(index)
            return groups[0] if len(groups) == 1 else None
        return None
    best: tuple[int, int, ClaimantMention] | None = None
    for group in mentions.claimants(index):
        if exclude is not None and overlaps(group.start, group.end, *exclude):
            continue
        for cue_start, cue_end in cues:
            if overlaps(group.start, group.end, cue_start, cue_end):
                distance = 0  # "nach britischen Schätzungen": the cue is part of the group
            elif group.end <= cue_start:
                distance = cue_start - group.end
            else:
                distance = group.start - cue_end
            if distance <= CLAIMANT_CUE_DISTANCE and (best is None or distance < best[0]):
                best = (distance, group.start, group)
    return best[2] if best else None


def inferred_claimant(mentions: ArticleMentions, found: Candidate) -> ClaimantMention | None:
    """The previous sentence's claimant when this one continues it (no claimant of its own)."""
    sentence = found.sentence
    stext, grammar = sentence.text, mentions.grammar
    if sentence.index > 0 and (
        grammar.continuation_start.search(stext)
        or grammar.continuation_any.search(stext)
        or (grammar.pronoun_start.search(stext) and grammar.claim_cue.search(stext))
    ):
        return sentence_claimant(mentions, sentence.index - 1, None, speaker_without_cue=True)
    return None


def choose_location(
    mentions: ArticleMentions, found: Candidate, exclude: list[Span], blocked: list[Span],
) -> tuple[str, str, int, int] | None:
    """(code, text, start, end) of the claim's location, or None (see the module docstring)."""
    index = found.sentence.index
    before: tuple[str, str, int, int] | None = None
    for place in mentions.places(index):
        if any(overlaps(place.start, place.end, *span) for span in exclude):
            continue
        if inside(place.start, blocked) or not mentions.is_locative(index, place.start):
            continue
        if place.start >= found.end:
            return place.code, place.text, place.start, place.end
        if place.end <= found.start:
            before = (place.code, place.text, place.start, place.end)
    return before


def choose_dates(
    mentions: ArticleMentions, found: Candidate, blocked: list[Span],
) -> tuple[TimeExpression | None, TimeExpression | None]:
    """(as_of expression, since expression) for a claim, or None each."""
    expressions = [
        e for e in mentions.times(found.sentence.index)
        if not inside(e.start, blocked) and not overlaps(e.start, e.end, found.start, found.end)
    ]
    since = [e for e in expressions if e.since is not None]
    dated = [e for e in expressions if e.since is None and e.start_date is not None]

    def nearest(items: list[Any]) -> Any:
        before = [e for e in items if e.end <= found.start]
        if before:
            return before[-1]
        after = [e for e in items if e.start >= found.end]
        return after[0] if after else None

    return nearest(dated), nearest(since)
