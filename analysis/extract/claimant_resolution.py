"""Who states a claim, across sentences: continuation, back-reference, codes.

:class:`ArticleAttribution` holds the reports of an article's sentences
(:func:`analysis.extract.attribution.find_reports`, found once per sentence on demand) and
answers, for a number in a sentence, :meth:`ArticleAttribution.attribute`: the
:class:`Attribution` with the report, ``claimant_text``, ``claimants`` codes and the frames
where the statement's date and place are written. Rules:

* **In the sentence.** The innermost report whose message holds the number
  (:func:`analysis.extract.attribution.innermost`), unless it has no source ("hieß es").
* **Quotation closed later.** A sentence that opens a quotation still open at its end,
  closed a few sentences on right before a frame („… / …“, sagte X.), is X's
  (:meth:`ArticleAttribution.closed_later`, at most :data:`MAX_FORWARD` sentences on).
* **Continuation.** Otherwise the source of the latest report in the sentences before,
  when the sentence continues it: German reported speech (a ``konjunktiv`` form: seien,
  habe, werde), a ``source_adverb`` (Demnach), or the same paragraph (a paragraph without a
  new source keeps its source). The chain goes back over sentences that continue each
  other, at most :data:`MAX_BACK` sentences; a report noun ("bei der Vorstellung des
  Plans") names no speaker to go on with. Such a claimant is ``inferred``.
* **Pointing back.** Else a report in the next sentence whose verb follows a demonstrative
  that opens it ("Das bestätigte der Geheimdienst.", "This was confirmed by the agency.")
  states this sentence: its source is the claimant (inferred).
* **Coreference.** A source that is a pronoun or "Demnach" ("sagte er", "It also said")
  means the previous speaker: the report before it in the sentence, else the latest
  source before, else the one claimant named in the previous sentence ("Selenskyj sprach
  am Abend. Er sagte, ..."). A bare institution with a definite article and no country
  ("laut dem Geheimdienst", "the agency", "das Ministerium") means the latest earlier
  source of the same class (``class`` column of ``claimants.csv``: intelligence,
  ministry, military, government, president), else the latest source with codes.
  ``claimant_text`` is then the earlier source as written there; the claimant is inferred.
* **Codes.** The claimant mentions inside the speaker's phrase
  (:func:`analysis.extract.mentions.find_claimants`: entities, offices, demonym +
  institution, places after "in": "officials in Seoul"), in order, without duplicates.
  Else one demonym or possessive in the phrase names the speaker's state ("der Gouverneur
  der russischen Region Kursk"). A speaker the lexicon does not know keeps its text and no
  code.

Nothing here slices the article up to a sentence: lookups are bounded by
:data:`MAX_BACK` and short forms are licensed by one search per article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.extract.attribution import Report, find_reports, innermost, relayed_by
from analysis.extract.claimant_phrases import (
    classes_in,
    is_bare_institution,
    owner_codes,
    speaker_hints,
)
from analysis.extract.mentions import (
    ClaimantMention,
    find_claimants,
    short_form_keys,
)
from analysis.extract.speech_grammar import OPENING_QUOTES, VIEW_ROLES, speech_grammar

Span = tuple[int, int]
MAX_BACK = 6  # sentences a continuation or a back-reference looks back
MAX_FORWARD = 4  # sentences a quotation may run before the frame that closes it
# Opening and closing double quotation marks: German „…“ and »…«, English “…”.
_QUOTE_MARKS = {"de": ("„»", "“«"), "en": ("“", "”")}
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BACK_POINTERS = frozenset({"das", "dies", "dieses", "this", "that"})
_BACK_AUXILIARIES = frozenset({"was", "were", "has", "had", "been", "is"})


@dataclass(frozen=True)
class Speaker:
    """A resolved source: its text as written, codes, and where it is."""

    text: str
    codes: tuple[str, ...]
    sentence_index: int
    span: Span  # the source span in its sentence (the SpkAtt source)


@dataclass(frozen=True)
class Attribution:
    """Who states a claim (see the module docstring).

    ``frames``: ``(sentence_index, span)`` of the claim's report frame and of the reports
    that relay it, innermost first: where "said on Thursday" or "told reporters in
    Washington" is written. Empty when no report covers the claim.
    """

    report: Report | None
    sentence_index: int
    claimant_text: str | None
    codes: tuple[str, ...]
    inferred: bool
    frames: tuple[tuple[int, Span], ...]


class ArticleAttribution:
    """Reports and resolved speakers of one article's sentences (see the module docstring).

    ``sentences``: the texts; ``starts``: their offsets in the article (for paragraphs and
    short forms); ``paragraph``: whether sentence ``i`` begins a new paragraph (default:
    every sentence does, so only German reported speech and Demnach continue a source);
    ``views``: also the reports of decisions and content nouns (roles ``verb_view``:
    "beschloss, ...", ``content_noun``: "die Behauptung, ..."), which the SpkAtt task marks
    but which make nobody a claimant.
    """

    def __init__(self, sentences: list[str], language: str, *,
                 new_paragraph: list[bool] | None = None,
                 short_forms: dict[str, int] | None = None,
                 starts: list[int] | None = None, views: bool = False):
        self.sentences = sentences
        self.views = views  # also decisions and content nouns (the SpkAtt view), never claims
        self.language = language
        self.grammar = speech_grammar(language)
        self.new_paragraph = new_paragraph or [True] * len(sentences)
        self.short_forms = short_forms or {}
        self.starts = starts or [0] * len(sentences)
        self._reports: dict[int, tuple[Report, ...]] = {}
        self._claimants: dict[int, tuple[ClaimantMention, ...]] = {}
        self._silence: dict[int, bool] = {}
        self._speakers: dict[tuple[int, Report], Speaker | None] = {}

    def reports(self, index: int) -> tuple[Report, ...]:
        found = self._reports.get(index)
        if found is None:
            found = find_reports(self.sentences[index], self.language)
            if not self.views:
                found = tuple(r for r in found if r.role not in VIEW_ROLES)
            self._reports[index] = found
        return found

    def claimants(self, index: int) -> tuple[ClaimantMention, ...]:
        """The claimant mentions of sentence ``index`` (short forms licensed by the article
        before it), found once: speakers, pronouns and look-backs ask for them repeatedly."""
        found = self._claimants.get(index)
        if found is None:
            licensed = short_form_keys(self.short_forms, self.starts[index])
            found = tuple(find_claimants(self.sentences[index], self.language, licensed=licensed))
            self._claimants[index] = found
        return found

    def _silent(self, index: int) -> bool:
        """Whether no report of sentence ``index`` can resolve to a speaker with codes: it
        names no claimant, institution or institution class and has no pronoun, possessive
        or source adverb that could lead further back
        (:func:`analysis.extract.claimant_phrases.speaker_hints`). A look-back for a coded
        speaker passes such a sentence without finding its reports."""
        found = self._silence.get(index)
        if found is None:
            text = self.sentences[index]
            lowered = text.lower()
            named, pointers = speaker_hints(self.language)
            found = len(lowered) == len(text) and named.search(text) is None \
                and pointers.search(lowered) is None
            self._silence[index] = found
        return found

    # --- speakers ---------------------------------------------------------------------

    def _codes(self, index: int, text: str) -> tuple[str, ...]:
        licensed = short_form_keys(self.short_forms, self.starts[index])
        codes: list[str] = []
        for group in find_claimants(text, self.language, licensed=licensed, locative=True):
            codes.extend(code for code in group.codes if code not in codes)
        return tuple(codes)

    def speaker(self, index: int, report: Report) -> Speaker | None:
        """The resolved speaker of ``report`` in sentence ``index`` (None: no source)."""
        key = (index, report)
        if key in self._speakers:
            return self._speakers[key]
        self._speakers[key] = None  # a guard against cycles while resolving
        found = self._resolve(index, report)
        self._speakers[key] = found
        return found

    def _resolve(self, index: int, report: Report) -> Speaker | None:
        if report.source is None or report.holder is None:
            return None
        sentence = self.sentences[index]
        source = sentence[report.source[0]:report.source[1]]
        holder = sentence[report.holder[0]:report.holder[1]]
        own = Speaker(holder, (), index, report.source)
        if report.reflexive:  # "Russland hat nach eigenen Angaben ...": the subject speaks
            return self._subject(index, report) or own
        if report.coreferent:
            return self._previous(index, report) or own
        codes = self._codes(index, holder)
        if codes:
            return Speaker(holder, codes, index, report.source)
        codes = owner_codes(holder, self.language)  # "Gouverneur der russischen Region"
        if len(codes) == 1:
            return Speaker(holder, codes, index, report.source)
        classes = classes_in(holder, self.language)
        if classes or is_bare_institution(source, holder, self.language):
            # "laut dem Geheimdienst", "Ein Sprecher des Dienstes", "An agency spokesperson":
            # an institution named without its country is the one named before.
            earlier = self._same_class(index, report, classes)
            if earlier is not None:
                return earlier
        return own

    def _earlier_reports(self, index: int, report: Report | None, coded: bool = False
                         ) -> Iterable[tuple[int, Report]]:
        """Reports before ``report`` in its sentence (nearest first), then in earlier ones
        (``coded``: only in earlier sentences that are not :meth:`_silent`)."""
        if report is not None:
            before = [r for r in self.reports(index) if r.frame[0] < report.frame[0]]
            for other in reversed(before):
                yield index, other
        for back in range(index - 1, max(-1, index - 1 - MAX_BACK), -1):
            if coded and self._silent(back):
                continue
            for other in reversed(self.reports(back)):
                yield back, other

    def _previous(self, index: int, report: Report | None) -> Speaker | None:
        """Who a pronoun source means: a speaker before it in the sentence, else the previous
        sentence's speaker or its one named claimant ("Selenskyj sprach am Abend. Er
        sagte, ..."), else an older speaker."""
        for where, other in self._earlier_reports(index, report):
            if where < index - 1:
                break
            found = self.speaker(where, other)
            if found is not None and (found.codes or not other.coreferent):
                return found
        if index > 0:
            groups = self.claimants(index - 1)
            if len(groups) == 1:
                group = groups[0]
                return Speaker(group.text, group.codes, index - 1, (group.start, group.end))
        for where, other in self._earlier_reports(index, report):
            if where >= index - 1:
                continue
            found = self.speaker(where, other)
            if found is not None and (found.codes or not other.coreferent):
                return found
        return None

    def _subject(self, index: int, report: Report) -> Speaker | None:
        """The first claimant named in the sentence outside the report's own source."""
        for group in self.claimants(index):
            if report.source and report.source[0] <= group.start < report.source[1]:
                continue
            return Speaker(group.text, group.codes, index, (group.start, group.end))
        return None

    def _same_class(self, index: int, report: Report, classes: set[str]) -> Speaker | None:
        """The latest earlier source (else claimant named) of the same institution class."""
        fallback = None
        # Only speakers with codes count: sentences that cannot have one are passed over.
        for where, other in self._earlier_reports(index, report, coded=True):
            found = self.speaker(where, other)
            if found is None or not found.codes:
                continue
            if classes and classes & classes_in(found.text, self.language):
                return found
            fallback = fallback or found
        if classes:
            for back in range(index - 1, max(-1, index - 1 - MAX_BACK), -1):
                if self._silent(back):  # names no claimant
                    continue
                for group in reversed(self.claimants(back)):
                    if classes & classes_in(group.text, self.language):
                        return Speaker(group.text, group.codes, back, (group.start, group.end))
        return fallback if not classes else None

    # --- claims -------------------------------------------------------------------------

    def continues(self, index: int, adjacent: bool | None = None) -> bool:
        """Whether sentence ``index`` goes on with the source before it (``adjacent``: the
        sentence before has a report; None: its reports are looked up only when a rule
        below needs to know, so most sentences before a claim are never searched)."""
        if index == 0:
            return False
        if not self.new_paragraph[index]:
            return True

        def after_report() -> bool:
            return adjacent if adjacent is not None else bool(self.reports(index - 1))

        text = self.sentences[index]
        words = self.grammar.words
        if self.language == "de":
            lowered = {w.lower() for w in _WORD.findall(text)}
            if lowered & words["konjunktiv"]:
                return True
            if lowered & (words["konjunktiv2"] | words["reportative"]) and after_report():
                return True
        if self.quoted(index) and after_report():
            return True
        first = _WORD.match(text.lstrip("„“\"'»« "))
        return first is not None and "source_adverb" in self.grammar.cues.get(
            first.group(0).lower(), ())

    def quoted(self, index: int) -> bool:
        """Whether sentence ``index`` is direct speech going on from the sentence before: it
        opens with a quotation mark, or a quotation opened there is still open."""
        if index == 0:
            return False
        if self.sentences[index].lstrip()[:1] in OPENING_QUOTES:
            return True
        previous = self.sentences[index - 1]
        opening, closing = _QUOTE_MARKS.get(self.language, _QUOTE_MARKS["en"])
        return sum(map(previous.count, opening)) > sum(map(previous.count, closing)) \
            or previous.count('"') % 2 == 1

    def _balance(self, index: int) -> int:
        """Opening minus closing quotation marks in sentence ``index``."""
        text = self.sentences[index]
        opening, closing = _QUOTE_MARKS.get(self.language, _QUOTE_MARKS["en"])
        return sum(map(text.count, opening)) - sum(map(text.count, closing))

    def closed_later(self, index: int) -> tuple[int, Report] | None:
        """The report that closes a quotation opening sentence ``index`` a few sentences on
        ("„Wir haben 300 verloren. Das ist bitter“, sagte der General."): the sentences
        inside the quotation are its message (at most :data:`MAX_FORWARD` sentences on)."""
        opening, closing = _QUOTE_MARKS.get(self.language, _QUOTE_MARKS["en"])
        if self.sentences[index].lstrip()[:1] not in opening or self._balance(index) <= 0:
            return None
        for later in range(index + 1, min(len(self.sentences), index + 1 + MAX_FORWARD)):
            balance = self._balance(later)
            reports = self.reports(later)
            if balance < 0:  # the quotation closes here: right before a "before" frame?
                text = self.sentences[later]
                return next(((later, r) for r in reports if r.kind == "before" and r.cue
                             and r.source is not None and r.message[0] == 0
                             and text[:r.cue[0][0]].rstrip(" ,")[-1:] in closing), None)
            if balance > 0 or reports:
                return None
        return None

    def points_back(self, index: int) -> Report | None:
        """The report of sentence ``index`` that reports the sentence before: its verb right
        after a demonstrative that opens the sentence ("Das bestätigte der Minister.",
        "Dies teilte das Amt mit.", "This was confirmed by the agency.")."""
        text = self.sentences[index]
        first = _WORD.search(text)
        if first is None or first.group(0).lower() not in _BACK_POINTERS \
                or text[:first.start()].strip(" „“\"»«"):
            return None
        for report in self.reports(index):
            between = text[first.end():report.cue[0][0]].split() if report.cue else ["-"]
            if report.source is not None and report.source[0] >= first.end() \
                    and all(word.lower() in _BACK_AUXILIARIES for word in between):
                return report
        return None

    def inherited(self, index: int) -> tuple[int, Report, Speaker] | None:
        """The report and speaker a sentence without its own source continues, if any."""
        current = index
        for _ in range(MAX_BACK):
            previous = current - 1
            if not self.continues(current):
                return None
            for report in reversed(self.reports(previous)):
                if report.role == "report_noun":
                    continue  # "bei der Vorstellung des Programms" names no speaker
                speaker = self.speaker(previous, report)
                if speaker is not None:
                    return previous, report, speaker
            current = previous
        return None

    def attribute(self, index: int, position: int, number: int | None = None
                  ) -> Attribution | None:
        """Who states the claim at ``position`` (relative to sentence ``index``); ``number``:
        where its number begins, when a qualifier comes before it: a report whose message
        begins after the qualifier ("said at least 1,000") holds the claim too."""
        reports = self.reports(index)
        report = innermost(reports, position)
        if report is None and number is not None and number != position:
            report = innermost(reports, number)
        if report is not None and report.source is not None:
            speaker = self.speaker(index, report)
            frames = ((index, report.frame),) + tuple(
                (index, r.frame) for r in relayed_by(reports, report))
            if speaker is not None:
                inferred = speaker.sentence_index != index or speaker.span != report.source
                if speaker.sentence_index != index:
                    # "he added", "the agency also said": the statement the pronoun or
                    # short form points back to says when it was made ("said on Tuesday").
                    frames += tuple(
                        (speaker.sentence_index, r.frame)
                        for r in self.reports(speaker.sentence_index)
                        if r.source is not None
                        and r.source[0] < speaker.span[1] and speaker.span[0] < r.source[1])
                return Attribution(report, index, speaker.text, speaker.codes, inferred, frames)
        closing = self.closed_later(index)
        speaker = None if closing is None else self.speaker(*closing)
        if closing is not None and speaker is not None:  # „... / ...“, sagte X.
            where, later = closing
            return Attribution(later, where, speaker.text, speaker.codes, True,
                               ((where, later.frame),))
        if index + 1 < len(self.sentences):
            back = self.points_back(index + 1)
            speaker = None if back is None else self.speaker(index + 1, back)
            if back is not None and speaker is not None:  # "... Das bestätigte X."
                return Attribution(back, index + 1, speaker.text, speaker.codes, True,
                                   ((index + 1, back.frame),))
        found = self.inherited(index)
        if found is None:
            return None
        where, inherited_report, speaker = found
        return Attribution(inherited_report, where, speaker.text, speaker.codes, True,
                           ((where, inherited_report.frame),))
