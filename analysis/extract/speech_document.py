"""The SpkAtt benchmark's view of an article's reports (``benchmarks/attribution_spkatt.py``):
every report of every sentence as the task annotates it, plus the sentences that go on with
a source (German reported speech, direct speech going on), nested quotations as reports of
their own, and a report that points back ("Das bestätigte der Minister.") on the sentence
it points to; the sentences of a quotation whose frame closes it later („… / …“, sagte X.)
go with that frame. Where the task marks a word that stands for the speaker, so does this
view: "Demnach" and the relative pronoun of a reporting clause (", der angab") are the
source here, while the claims resolve them to the speaker. The claims use
:class:`analysis.extract.claimant_resolution.ArticleAttribution` directly; this module only
lays its answers out per annotation."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from analysis.extract.attribution import Report
from analysis.extract.claimant_resolution import ArticleAttribution
from analysis.extract.speech_grammar import CLOSING_QUOTES, OPENING_QUOTES

Span = tuple[int, int]


@dataclass(frozen=True)
class DocumentReport:
    """A report of a document for the SpkAtt benchmark (continuations included)."""

    sentence_index: int
    report: Report
    source_sentence: int
    source_span: Span | None
    cue_sentence: int | None = None  # where the cue is, when not in ``sentence_index``
    # direct speech going on: True when the quotation was open at the end of the sentence
    # before (one annotation with it), False when a new quotation opens here (its own)
    goes_on: bool = False



def document_reports(sentences: list[str], language: str) -> list[DocumentReport]:
    """Every report of a document's sentences, plus one per sentence that continues a
    source without a report of its own (the benchmark's view; no paragraphs known)."""
    article = ArticleAttribution(sentences, language, views=True)
    found: list[DocumentReport] = []
    for index in range(len(sentences)):
        reports = article.reports(index)
        back = article.points_back(index) if index else None
        if back is not None and not any(f.sentence_index == index - 1 for f in found):
            # "Das bestätigte der Minister.": what is confirmed is the sentence before
            previous = sentences[index - 1]
            whole = (len(previous) - len(previous.lstrip()), len(previous.rstrip()))
            found.append(DocumentReport(index - 1, replace(back, message=whole,
                                                           frame=(whole[0], whole[0])),
                                        index, back.source, index))
            reports = tuple(r for r in reports if r is not back)
        for report in reports:
            if report.message[0] == report.message[1]:
                continue  # "sagte:" at the end: its message is the next sentence (below)
            if report.role == "report_noun":
                continue  # "ein Bericht der Behörde" names a source, it reports nothing itself
            if report.form == "reported":
                # the task's "Reported" form: the whole clause is the message, no cue
                start = min(report.frame[0], *(report.source or report.frame))
                whole = replace(report, cue=(), message=(start, report.message[1]),
                                frame=(start, start))
                found.append(DocumentReport(index, whole, index, report.source))
                for quote in _quotes(sentences[index], whole.message, report.source):
                    # a quotation in the object: "nannte den Plan „ein riskantes Spiel“"
                    nested = replace(report, message=quote, frame=(quote[0], quote[0]))
                    found.append(DocumentReport(index, nested, index, report.source))
                continue
            # "Demnach" stands for the source: the task marks the adverb itself (the claims
            # resolve it to the speaker it refers to, ArticleAttribution.speaker)
            source = report.relative or report.source  # ", der sagte": the task marks "der"
            found.append(DocumentReport(index, report, index, source))
            for quote in _quotes(sentences[index], report.message, report.source):
                # the task marks a nested quotation as a report of its own
                nested = replace(report, message=quote, frame=(quote[0], quote[0]))
                found.append(DocumentReport(index, nested, index, source))
        if any(r.message[0] < r.message[1] for r in reports):
            continue
        text = sentences[index]
        whole = (len(text) - len(text.lstrip()), len(text.rstrip()))
        closing = article.closed_later(index)
        if closing is not None:  # „... / ...“, sagte X.: one annotation with X's report
            where, later = closing
            continuation = Report("continuation", later.cue, None, None, whole,
                                  (whole[0], whole[0]), False, "around")
            found.append(DocumentReport(index, continuation, where, later.source, where,
                                        goes_on=True))
            continue
        inherited = article.inherited(index)
        if inherited is None:
            continue
        where, report, speaker = inherited
        if article.quoted(index):  # the task gives quoted speech going on its first cue
            continuation = Report("continuation", report.cue, None, None, whole,
                                  (whole[0], whole[0]), True, "around")
            found.append(DocumentReport(index, continuation, where, report.source, where,
                                        goes_on=not _opens_quotation(sentences, index)))
            continue
        continuation = Report("continuation", (), None, None, whole, (whole[0], whole[0]),
                              True, "around")
        found.append(DocumentReport(index, continuation, where, report.source))
        for quote in _quotes(text, whole, None):
            # a quotation inside reported speech going on: its own report with the cue
            nested = replace(continuation, cue=report.cue, message=quote,
                             frame=(quote[0], quote[0]))
            found.append(DocumentReport(index, nested, where, report.source, where))
    return found


def _opens_quotation(sentences: list[str], index: int) -> bool:
    """Whether a new quotation opens at the start of sentence ``index`` (its first mark, or
    an opening mark the sentence splitter left at the end of the sentence before)."""
    text = sentences[index].lstrip()
    previous = sentences[index - 1].rstrip()
    return text[:1] in OPENING_QUOTES or (
        previous[-1:] in OPENING_QUOTES and previous[-1:] not in CLOSING_QUOTES)


_QUOTE = re.compile(r"[„“\"»]([^„“”\"»«]+)[“”\"«]")
_QUOTED_WORD = re.compile(r"\w+")
MIN_QUOTED_WORDS = 2  # "innere Angelegenheit"; one quoted word is a term, not speech
MIN_QUOTED_NAME_WORDS = 5  # a capitalised quotation this short is a title or a name


def _is_speech(quoted: str) -> bool:
    words = _QUOTED_WORD.findall(quoted)
    if len(words) < MIN_QUOTED_WORDS:
        return False
    return words[0][0].islower() or len(words) >= MIN_QUOTED_NAME_WORDS


def _quotes(sentence: str, message: Span, source: Span | None) -> list[Span]:
    """Quotations of speech inside a message (not a term, a title or a quoted name in the
    source): the task marks them as reports of their own (direct speech nested in indirect
    speech)."""
    return [(m.start(), m.end()) for m in _QUOTE.finditer(sentence, message[0], message[1])
            if m.end() - m.start() < message[1] - message[0] - 2 and _is_speech(m.group(1))
            and not (source and m.start() < source[1] and source[0] < m.end())]
