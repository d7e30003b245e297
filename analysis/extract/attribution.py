"""Reports of speech, thought and writing in a sentence: cue, source, message (and frame).

:func:`find_reports` returns every report in one sentence, as data-driven rules over the cue
lexicon ``data/lexicon/<lang>/speech_cues.csv`` (:mod:`analysis.extract.speech_grammar`)
and the phrase scanner (:mod:`analysis.extract.speech_phrases`); the rules per cue role are
in :mod:`analysis.extract.speech_verbs` and :mod:`analysis.extract.speech_prepositions`,
what they share in :mod:`analysis.extract.speech_clauses`; how far a drafted source reaches
(appositions, a passive's agent, a frame inside the message) in
:mod:`analysis.extract.speech_sources`. Offsets are relative to the
sentence. A :class:`Report` has

* ``cue``: the cue's spans (two for a German particle verb: "teilte … mit");
* ``source``: who speaks, as the SpkAtt annotation marks it (with its article, and the
  report noun of "nach Angaben des Ministeriums"); ``holder``: the speaker proper, for a
  claim's ``claimant_text`` (no leading article, no report noun: "Ministeriums");
* ``message``: what is reported; ``frame``: the rest of the reporting clause (source, cue,
  and what stands with them: "said on Thursday", "told reporters in Washington", "wie der
  Abgeordnete am Mittwoch in Seoul sagte"). **The statement's time and place are in the
  frame**: the date rules look there for when the claim was made (``stated_on``), and a
  place in a frame is where a statement was made, never a claim's location.

Rules by cue role:

* **Verbs.** German: in a clause opened by "wie"/"so wie" (``subordinator``) the source
  follows "wie" and the message is the main clause ("..., wie der Abgeordnete sagte");
  after another subordinator or a relative the source follows it and the message follows
  the verb; a verb first in its clause after a comma or quote takes the phrase after it as
  source and the text before as message ("„...“, sagte der Minister"); in a main clause the
  source is the phrase before the finite verb (the cue or an auxiliary), unless that place
  holds an adverbial ("Letzte Woche bestätigten die USA"), then the first subject-like
  phrase after it (dative and accusative phrases, prepositional and time phrases are
  skipped). A particle verb needs its particle at the end of its clause. English: the
  phrase before the verb (auxiliaries and adverbs skipped), the phrase after it when the
  verb follows a comma or quote (", said Kim"), the agent of a passive ("was confirmed by
  Seoul"). The message follows the verb ("that", a comma, a colon, a quote or directly a
  clause; for ``verb``, also an object: "bestätigten 10.000 Soldaten") or, when only the
  frame follows ("..., the NIS said on Monday."), precedes the source.
* **Prepositions** (laut, according to, citing, unter Berufung auf), **nach** before a
  report noun, **zufolge**, **so** after a comma, **report nouns** with a source attached
  ("a briefing by the NIS", "Unterrichtung durch den Geheimdienst"), **impersonal** cues
  ("hieß es aus Kreisen um X"), **source adverbs** (Demnach) and **quote_object** ("quoted
  X as saying"): the message is the clause around the frame.

Messages are clipped by other reports: a clause-wide message ends where a later reporting
clause begins (", wie X sagte", ", X said") and starts after an earlier one's frame. A
claim's report is the **innermost** report whose message contains the number: the one with
the smallest message (:func:`innermost`). A report whose frame contains another report
("Yonhap, citing the NIS, reported", "told reporters after a briefing by the NIS") relays
it: the contained one is the claim's source (:func:`innermost` returns it), so a lawmaker or
an agency passing a briefing on is never the claimant.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from analysis.extract.speech_clauses import (
    IMPERSONAL_SOURCE,
    NOUN_SOURCE,
    THAT,
    Draft,
)
from analysis.extract.speech_grammar import (
    CLAUSE_ROLES,
    OPENING_QUOTES,
    VERB_ROLES,
    SpeechGrammar,
    Token,
    speech_grammar,
    tokenize,
)
from analysis.extract.speech_phrases import (
    is_capitalised,
)
from analysis.extract.speech_prepositions import (
    content_noun,
    impersonal,
    postposition,
    preposition,
    quote_object,
    report_noun,
    source_adverb,
)
from analysis.extract.speech_sources import (
    add_apposition,
    passive_source,
    relative_pronoun,
    trailing_message,
)
from analysis.extract.speech_verbs import (
    english_verb,
    german_verb,
)
from analysis.lexicon.caches import cached

Span = tuple[int, int]


@dataclass(frozen=True)
class Report:
    """One report in a sentence (offsets relative to the sentence; see the docstring)."""

    role: str
    cue: tuple[Span, ...]
    source: Span | None
    holder: Span | None
    message: Span
    frame: Span
    coreferent: bool  # a pronoun, "Demnach", "seiner Darstellung": an earlier speaker
    kind: str  # "after" | "before" | "around": where the message is, seen from the frame
    reflexive: bool = False  # "nach eigenen Angaben": the clause's subject speaks
    # "speech" | "reported": the verb's object is all it reports, no clause or quotation
    # ("bezifferte die Verluste auf 3.000", "forderte eine Untersuchung")
    form: str = "speech"
    # ", der sagte": the relative pronoun that stands for ``source`` (the antecedent) in the
    # reporting clause; SpkAtt marks it as the source, claims keep the antecedent
    relative: Span | None = None


@cached
def _multiword(language: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the multi-word cues starting with it, longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for key in speech_grammar(language).cues:
        words = tuple(key.split())
        if len(words) > 1:
            found.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(v, key=len, reverse=True)) for w, v in found.items()}


_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "the", "ein", "eine", "einer",
                       "eines", "einem", "einen", "a", "an"})
_RELAYS = frozenset({"relay", "report_noun", "quote_object"})
_OWN = frozenset({"eigenen", "eigene", "eigener", "own"})


def _holder(tokens: list[Token], source: tuple[int, int], g: SpeechGrammar) -> tuple[int, int]:
    """The speaker inside a source: without its article, report noun or preposition."""
    start, end = source
    if tokens[start].lower in IMPERSONAL_SOURCE:
        start += 1
    attached = NOUN_SOURCE.get(g.language, frozenset())
    for k in range(start, min(end - 1, start + 4)):
        token = tokens[k]
        if g.is_report_noun(token) or token.lower in g.briefing_nouns:
            following = tokens[k + 1]
            if g.has(following, "genitive") and g.language == "de":
                start = k + 1  # "Angaben des Ministeriums": the article goes below
            elif following.lower in attached or g.has(following, "genitive"):
                start = k + 2
            break
    while start < end - 1 and tokens[start].lower in _ARTICLES:
        start += 1
    return start, end


def _subject_end(tokens: list[Token], i: int, drafts: list[Draft]) -> int:
    """Where the subject of a verb at ``i`` ends: before a relay that stands between commas
    right before the verb ("Yonhap, citing the NIS, reported"), else at ``i``."""
    if i < 2 or tokens[i - 1].text != ",":
        return i
    for draft in drafts:
        start, end = draft.frame
        if end == i - 1 and start >= 1 and tokens[start - 1].text == ",":
            return start - 1
    return i


def _dispatch(tokens: list[Token], i: int, width: int, roles: frozenset[str], g: SpeechGrammar,
              subject_end: int) -> Draft | None:
    token = tokens[i]
    if "quote_object" in roles:
        draft = quote_object(tokens, i, g, "quote_object")
        if draft is not None:
            return draft
    if roles & VERB_ROLES and not is_capitalised(token):
        role = "verb" if "verb" in roles else min(roles & CLAUSE_ROLES)
        verb = german_verb if g.language == "de" else english_verb
        draft = verb(tokens, i, g, role, subject_end, width)
        if draft is not None:
            return draft
    for role in ("preposition", "relay", "noun_preposition", "postposed"):
        if role in roles:
            return preposition(tokens, i, width, g, role)
    if "postposition" in roles:
        return postposition(tokens, i, g, "postposition")
    if "impersonal" in roles:
        return impersonal(tokens, i, width, g, "impersonal")
    if "content_noun" in roles or g.is_report_noun(token):
        draft = content_noun(tokens, i, g)  # "die Behauptung, ...": else a report noun
        if draft is not None or "content_noun" in roles:
            return draft
    if "source_adverb" in roles:
        return source_adverb(tokens, i, g, "source_adverb")
    if g.is_report_noun(token) or "briefing_noun" in roles:
        return report_noun(tokens, i, g)
    return None


def _cue_tokens(sentence: str, tokens: list[Token], g: SpeechGrammar) -> list[int]:
    """Indexes of the tokens where the cue scan matches (in order, each once)."""
    by_start = {token.start: index for index, token in enumerate(tokens)}
    found: list[int] = []
    for match in g.scan.finditer(sentence):
        index = by_start.get(match.start())
        if index is None:  # a report-noun suffix inside a word: "Polizeiangaben"
            index = _token_at(tokens, match.start())
        if index is not None and (not found or found[-1] != index):
            found.append(index)
    return found


def _token_at(tokens: list[Token], position: int) -> int | None:
    for index, token in enumerate(tokens):
        if token.start <= position < token.end:
            return index
    return None


def _drafts(sentence: str, tokens: list[Token], g: SpeechGrammar) -> list[Draft]:
    multiword = _multiword(g.language)
    drafts: list[Draft] = []
    used: set[int] = set()
    for i in _cue_tokens(sentence, tokens, g):
        token = tokens[i]
        if i in used or not token.text[:1].isalpha():
            continue
        width, roles, gap = 1, g.cues.get(token.lower), None
        for words in multiword.get(token.lower, ()):
            if tuple(t.lower for t in tokens[i:i + len(words)]) == words:
                width, roles = len(words), g.cues[" ".join(words)]
                break
        else:  # one adverb inside a multi-word cue: "wurde dann bekannt", "ist auch der Ansicht"
            for words in multiword.get(token.lower, ()):
                if i + 1 < len(tokens) and g.has(tokens[i + 1], "adverb") and tuple(
                        t.lower for t in tokens[i + 2:i + 1 + len(words)]) == words[1:]:
                    width, roles, gap = len(words) + 1, g.cues[" ".join(words)], i + 1
                    break
        if roles is None and not g.is_report_noun(token):
            continue
        subject_end = _subject_end(tokens, i, drafts)
        draft = _dispatch(tokens, i, width, roles or frozenset(), g, subject_end)
        if draft is None:
            continue
        if gap is not None:
            draft.cue = [k for k in draft.cue if k != gap]
        drafts.append(draft)
        used.update(draft.cue)
        if draft.source is not None:
            used.update(range(*draft.source))
    return drafts


def _clip(drafts: list[Draft], tokens: list[Token], g: SpeechGrammar) -> None:
    """Clause-wide messages end at a later reporting clause and start after an earlier frame;
    a prepositional report covers its own clause only (", doch Kiew spricht von ...")."""
    for draft in drafts:
        if draft.kind == "before":
            continue
        start, end = draft.message
        if draft.kind == "around":
            for k in range(draft.frame[1], end - 1):
                if _new_clause(tokens, k, g):
                    end = k
                    break
            for k in range(draft.frame[0] - 1, start, -1):
                if _new_clause(tokens, k, g):
                    start = k + 2 if tokens[k].text == "," else k + 1
                    break
        for other in drafts:
            if other is draft:
                continue
            if other.kind == "before" and draft.frame[1] <= other.frame[0] < end:
                end = other.frame[0]
            if draft.kind == "around" and other.kind == "after" \
                    and other.frame[1] <= draft.frame[0]:
                start = max(start, other.frame[1])
        draft.message = (start, max(start, end))


_CLAUSE_CONJUNCTIONS = frozenset({"doch", "aber", "jedoch", "sondern", "während", "but",
                                  "while", "whereas", "yet"})


def _new_clause(tokens: list[Token], k: int, g: SpeechGrammar) -> bool:
    """A semicolon, or a comma before "doch"/"but": another clause, another statement."""
    text = tokens[k].text
    if text == ";":
        return True
    return text == "," and k + 1 < len(tokens) and tokens[k + 1].lower in _CLAUSE_CONJUNCTIONS


def _chars(tokens: list[Token], span: tuple[int, int]) -> Span:
    start, end = span
    if end <= start:
        position = tokens[start].start if start < len(tokens) else (tokens[-1].end if tokens else 0)
        return (position, position)
    return (tokens[start].start, tokens[end - 1].end)


def find_reports(sentence: str, language: str) -> tuple[Report, ...]:
    """Every report in ``sentence`` (see the module docstring), in order of their cues."""
    g = speech_grammar(language)
    if g.scan.search(sentence) is None:
        return ()
    tokens = tokenize(sentence)
    drafts = _drafts(sentence, tokens, g)
    for draft in drafts:
        if draft.source is None and draft.role in VERB_ROLES and g.language == "de":
            draft.source = passive_source(draft, tokens, g)
        add_apposition(draft, tokens, g)
        trailing_message(draft, tokens, g)
    _clip(drafts, tokens, g)
    reports = []
    for draft in drafts:
        source = holder = None
        coreferent = reflexive = False
        if draft.source is not None and draft.source[1] - draft.source[0] == 1 \
                and g.has(tokens[draft.source[0]], "expletive"):
            draft.source = None  # "Es ist nicht zu erwarten, dass ...": nobody speaks
        if draft.source is not None:
            source = _chars(tokens, draft.source)
            holder = _chars(tokens, _holder(tokens, draft.source, g))
            first = tokens[draft.source[0]]
            coreferent = (draft.source[1] - draft.source[0] == 1 and (
                g.has(first, "pronoun") or draft.role == "source_adverb")) or (
                g.has(first, "possessive") and first.lower not in _OWN)
            reflexive = any(tokens[k].lower in _OWN for k in range(*draft.source))
        reports.append(Report(
            relative=_relative(tokens, draft, g),
            form=_form(tokens, draft),
            role=draft.role,
            cue=tuple(_chars(tokens, (k, k + 1)) for k in sorted(draft.cue)),
            source=source, holder=holder,
            message=_chars(tokens, draft.message),
            frame=_chars(tokens, draft.frame),
            coreferent=coreferent, kind=draft.kind, reflexive=reflexive,
        ))
    return tuple(reports)


def _relative(tokens: list[Token], draft: Draft, g: SpeechGrammar) -> Span | None:
    found = relative_pronoun(tokens, draft, g)
    return None if found is None else _chars(tokens, found)


def _form(tokens: list[Token], draft: Draft) -> str:
    """"reported" when a verb's message is its object: it follows the frame directly, with
    no comma, colon, quotation or "dass"/"that" opening a clause."""
    if draft.role not in VERB_ROLES or draft.kind != "after" \
            or not 0 < draft.message[0] < len(tokens):
        return "speech"
    first, before = tokens[draft.message[0]], tokens[draft.message[0] - 1]
    if before.text in (",", ":") or first.text in OPENING_QUOTES or first.lower in THAT:
        return "speech"
    return "reported"


def _contains(span: Span, position: int) -> bool:
    return span[0] <= position < span[1]


def innermost(reports: tuple[Report, ...], position: int) -> Report | None:
    """The report of a number at ``position``: a relay's origin, else the innermost report
    whose message contains it (smallest message; see the module docstring)."""
    containing = [r for r in reports if _contains(r.message, position)
                  and not _contains(r.frame, position)]
    if not containing:
        return None
    relays = [r for r in containing if r.role in _RELAYS and r.source is not None]
    pool = relays or containing
    return min(pool, key=lambda r: (_size(r), -r.frame[0]))


def _size(report: Report) -> int:
    """Characters of the message outside the report's own frame."""
    start, end = report.message
    overlap = max(0, min(end, report.frame[1]) - max(start, report.frame[0]))
    return end - start - overlap


def relayed_by(reports: tuple[Report, ...], report: Report) -> tuple[Report, ...]:
    """Reports whose frame holds ``report``'s: who passed it on (outer first)."""
    outer = [r for r in reports if r is not report and r.frame[0] <= report.frame[0]
             and report.frame[1] <= r.frame[1]]
    outer += [r for r in reports if r is not report and r not in outer
              and _contains(r.message, report.frame[0])]
    return tuple(outer)


def with_frame(report: Report, frame: Span) -> Report:
    return replace(report, frame=frame)
