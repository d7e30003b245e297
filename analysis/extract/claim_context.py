"""What the sentence around a claim says: who claims it, where, as of when, and whether planned.

Mentions come from :mod:`analysis.extract.mentions` and :mod:`analysis.extract.dates`,
found once per article sentence (:class:`ArticleMentions`). Rules:

* **Claimant.** The source of the innermost report whose message holds the number, or
  the source a continuing sentence inherits (:mod:`analysis.extract.attribution` finds the
  reports of a sentence, :mod:`analysis.extract.claimant_resolution` resolves continuation,
  pronouns, bare institutions and codes): :meth:`ArticleMentions.attribution`. An inherited
  or back-referenced claimant gets the flag ``claimant_inferred``. No report: an empty
  list, the outlet states the figure itself. A country that is only the subject
  ("Pyongyang intends to send"), the location or an addressee ("told Russia's ...") is
  never the claimant: only a report's source is.
* **Location** (:func:`choose_location`). The nearest place after a locative preposition
  ("in der russischen Region Kursk", "nach Russland", "in the Kursk region") after the
  quote in the same sentence, else the nearest one before it, leaving out places in a
  report's frame or source (where a statement was made: "told reporters in Washington",
  "nach einer Unterrichtung in Seoul"), places after "from"/"aus" (the origin), and the
  place of "the war in Ukraine" (``war_context`` words before the locative phrase). None
  in the sentence: the location of the previous sentence's claim when this sentence
  continues it (same paragraph, no place of its own) and counts the same actor's forces or
  losses, else the article's main place for that kind of count (the place most claims of
  the topic force name: deployment for troops, fighting for losses). Codes: see
  :mod:`analysis.extract.mentions`.
* **Time** (``stated_on``, ``as_of``, ``since``): :mod:`analysis.extract.claim_time`.
* **Planned**: a ``planned`` cue in the sentence ("plant", "plans to", "will send"); a
  modal ("soll", "sollen") only when no ``reportative`` word follows it ("sollen ...
  getötet worden sein" is reportedly killed, not planned).

Subordinate clauses that do not contain the claim (:meth:`ArticleMentions.blocked`) hold neither its
location, nor its date, nor its actor.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from analysis.extract.attribution import Report
from analysis.extract.claim_grammar import ClaimGrammar
from analysis.extract.claim_units import Candidate
from analysis.extract.claimant_resolution import ArticleAttribution, Attribution
from analysis.extract.dates import TimeExpression, find_time_expressions
from analysis.extract.mentions import (
    ActorMention,
    ClaimantMention,
    PlaceMention,
    find_actors,
    find_places,
    is_locative,
    short_form_positions,
)
from analysis.extract.sentences import Sentence

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
        self._times: dict[int, tuple[TimeExpression, ...]] = {}
        self._short_forms: dict[str, int] | None = None
        self._attribution: ArticleAttribution | None = None
        self._paragraphs: list[int] | None = None
        self._attributions: dict[Span, Attribution | None] = {}
        self._planned: dict[int, bool] = {}
        self._locative: dict[Span, bool] = {}
        self._subclauses: dict[int, list[Span]] = {}
        self._memo: dict[tuple[str, int], Any] = {}
        self._claim_memo: dict[tuple[str, int, int], Any] = {}

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
        # Short forms ("Kim") count after their full form ("Kim Jong Un") was named; one
        # search per sentence, shared with the speaker resolution.
        return self.attribution.claimants(index)

    @property
    def short_forms(self) -> dict[str, int]:
        """Where each short form's full form is first named (one search per article)."""
        if self._short_forms is None:
            self._short_forms = short_form_positions(self.article_text, self.language)
        return self._short_forms

    @property
    def paragraphs(self) -> list[int]:
        """The paragraph number of each sentence (a line break starts a paragraph)."""
        if self._paragraphs is None:
            text, sentences = self.article_text, self.sentences
            numbers, current = [], 0
            for index, sentence in enumerate(sentences):
                if index and "\n" in text[sentences[index - 1].end:sentence.start]:
                    current += 1
                numbers.append(current)
            self._paragraphs = numbers
        return self._paragraphs

    @property
    def attribution(self) -> ArticleAttribution:
        """Reports and speakers of the article's sentences (built on first use)."""
        if self._attribution is None:
            paragraphs = self.paragraphs
            new_paragraph = [i == 0 or paragraphs[i] != paragraphs[i - 1]
                             for i in range(len(paragraphs))]
            self._attribution = ArticleAttribution(
                [sentence.text for sentence in self.sentences], self.language,
                new_paragraph=new_paragraph, short_forms=self.short_forms,
                starts=[sentence.start for sentence in self.sentences],
            )
        return self._attribution

    def reports(self, index: int) -> tuple[Report, ...]:
        return self.attribution.reports(index)

    def attribute(self, found: Candidate) -> Attribution | None:
        """Who states the claim ``found`` (see the module docstring); cached per claim."""
        key = (found.sentence.index, found.start)
        if key not in self._attributions:
            # The message of a report holds the number; a qualifier may be read as part of
            # the frame ("said at least 1,000 ..."), so the number's own start also counts.
            number = found.quantity.number_start - found.sentence.start  # article offsets
            self._attributions[key] = self.attribution.attribute(
                *key, number if found.start <= number < found.end else None)
        return self._attributions[key]

    def memo(self, name: str, index: int, compute: Callable[[str], Any]) -> Any:
        """``compute(sentence text)``, once per sentence ``index`` and ``name`` (for the rules
        of other modules that look at a sentence once per claim)."""
        key = (name, index)
        if key not in self._memo:
            self._memo[key] = compute(self.text(index))
        return self._memo[key]

    def claim_memo(self, name: str, found: Candidate, compute: Callable[[], Any]) -> Any:
        """``compute()``, once per claim ``found`` and ``name`` (for a rule that both the
        article context and the claim's row ask)."""
        key = (name, found.sentence.index, found.start)
        if key not in self._claim_memo:
            self._claim_memo[key] = compute()
        return self._claim_memo[key]

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


def _planned(sentence: str, grammar: ClaimGrammar) -> bool:
    """A plan or target (see the module docstring)."""
    if grammar.planned.search(sentence):
        return True
    modal = grammar.planned_modal.search(sentence)
    return bool(modal) and not grammar.reportative.search(sentence, modal.end())
