"""How far a report's source reaches (used by :mod:`analysis.extract.attribution` after
the cue rules have drafted a report): the apposition that goes with it, the name that opens
the sentence before an apposition subject, the agent or the document of a German passive,
and the relative pronoun that stands for it in its clause (which the SpkAtt task marks).
Each is a pattern over the phrase grammar of :mod:`analysis.extract.speech_phrases`."""

from __future__ import annotations

from analysis.extract.speech_clauses import (
    AGENT,
    CONTAINER,
    Draft,
    content_end,
)
from analysis.extract.speech_grammar import (
    OPENING_QUOTES,
    VERB_ROLES,
    SpeechGrammar,
    Token,
)
from analysis.extract.speech_phrases import (
    is_capitalised,
    phrase_end,
)
from analysis.extract.speech_subjects import PASSIVE

Span = tuple[int, int]


def passive_source(draft: Draft, tokens: list[Token], g: SpeechGrammar) -> Span | None:
    """Who speaks in a German passive without a subject source: the agent anywhere before
    the participle ("Es wurde von seinem Bruder die Vermutung geäußert", "wurde die
    Regierung vom Verband aufgefordert"), else the document it is written in ("In einer
    Erklärung wurde verkündet", "Im Bericht der Kommission war festgestellt worden")."""
    # The cue may open with the auxiliary and an impersonal "Es" (speech_extents): the
    # agent stands before the verb itself.
    verbs = [k for k in draft.cue
             if not g.has(tokens[k], "auxiliary") and not g.has(tokens[k], "expletive")]
    first_cue = min(verbs or draft.cue)
    start = draft.frame[0]
    if not any(tokens[k].lower in PASSIVE for k in range(start, max(draft.cue) + 2)
               if k < len(tokens)):
        return None
    for k in range(start, first_cue - 1):
        if tokens[k].lower in AGENT:
            stop = phrase_end(tokens, k + 1, first_cue, g, pronoun=False)
            if stop > k + 1:
                return (k + 1, stop)
    for k in range(start, first_cue - 1):
        if tokens[k].lower in CONTAINER:
            stop = phrase_end(tokens, k + 1, first_cue, g, pronoun=False)
            head = stop - 1
            while head > k + 1 and not g.is_report_noun(tokens[head]):
                head -= 1
            if stop > k + 1 and g.is_report_noun(tokens[head]):
                return (k if tokens[k].lower == "im" else k + 1, stop)
    return None


def add_apposition(draft: Draft, tokens: list[Token], g: SpeechGrammar) -> None:
    """A source with an apposition after it belongs with it: "so Anna Berger, die Leiterin
    der Beratungsstelle." / "Nach Angaben von Peter Braun, dem Direktor des Amtes, hatten
    ..." / "according to Jo Lee, a spokeswoman for the agency, ...". The apposition closes
    with a comma, the sentence's end, or (German, a source opening the clause) the finite
    verb; a Konjunktiv verb there means a reported clause ("Laut X, die Lage sei ernst")."""
    if draft.source is None:
        return
    _name_before(draft, tokens, g)
    comma = draft.source[1]
    end = content_end(tokens)
    if comma + 1 >= end or tokens[comma].text != ",":
        return
    first = tokens[comma + 1]
    if not (g.has(first, "determiner") or is_capitalised(first)) or g.has(first, "pronoun") \
            or g.has(first, "subordinator") or first.text in OPENING_QUOTES \
            or (g.has(first, "relative") and not g.has(first, "determiner")):
        return
    stop = phrase_end(tokens, comma + 1, end, g, pronoun=False)
    if stop <= comma + 1:
        return
    closing = tokens[stop].text if stop < end else "."
    verb_closes = g.language == "de" and draft.kind == "around" and stop < end \
        and g.has(tokens[stop], "auxiliary") and tokens[stop].lower not in g.words["konjunktiv"]
    if closing not in (",", ".") and not verb_closes:
        return
    if draft.message[0] <= comma < draft.message[1] and draft.kind == "after":
        return  # the phrase after the comma opens the message: "sagte Kim, die Zahl ..."
    draft.source = (draft.source[0], stop)
    frame_end = stop + 1 if closing == "," else stop
    draft.frame = (draft.frame[0], max(draft.frame[1], frame_end))
    if draft.kind == "around" and draft.message[0] >= comma:
        draft.message = (max(draft.message[0], frame_end), draft.message[1])


def _name_before(draft: Draft, tokens: list[Token], g: SpeechGrammar) -> None:
    """A subject that is an apposition of the name opening the sentence: "Peter Braun, der
    Stellvertreter von Müller(,) sagte" / "Jo Lee, a spokeswoman for the agency, said": the
    name and the apposition together are the source."""
    start = draft.source[0]
    if draft.role not in VERB_ROLES or start < 2 or tokens[start - 1].text != "," \
            or draft.frame[0] > start or draft.source[1] > min(draft.cue):
        return
    opening = start - 1
    while opening > 0 and tokens[opening - 1].text not in ",;:()–—" \
            and tokens[opening - 1].text not in OPENING_QUOTES:
        opening -= 1
    if opening > 0 and tokens[opening - 1].text not in OPENING_QUOTES:
        return  # only a phrase that opens the sentence (or a quotation)
    first = tokens[opening]
    if not (g.has(first, "determiner") or is_capitalised(first)) or g.has(first, "pronoun") \
            or g.has(first, "subordinator") or g.has(first, "preposition") \
            or g.has(first, "adverb"):
        return
    if phrase_end(tokens, opening, start - 1, g, pronoun=False, attachments=False) != start - 1:
        return
    draft.source = (opening, draft.source[1])
    draft.frame = (min(draft.frame[0], opening), draft.frame[1])


def relative_pronoun(tokens: list[Token], draft: Draft, g: SpeechGrammar) -> Span | None:
    """The relative pronoun right after the source that opens the reporting clause
    ("Anna Berger, die am Montag erklärte, ..."): the clause holds the cue, no comma between."""
    if draft.source is None or draft.role not in VERB_ROLES:
        return None
    comma = draft.source[1]
    if comma + 2 > min(draft.cue) or tokens[comma].text != "," \
            or tokens[comma + 1].lower not in _SUBJECT_RELATIVES:
        return None
    if any(tokens[k].text in ",;:" for k in range(comma + 2, min(draft.cue))):
        return None  # "Deiss, der sich dazu entschlossen hatte, sagte": the verb is outside
    return (comma + 1, comma + 2)


_SUBJECT_RELATIVES = frozenset({"der", "die", "welcher", "welche", "who"})


def trailing_message(draft: Draft, tokens: list[Token], g: SpeechGrammar) -> None:
    """A frame inside the message: "Es gebe 300 Tote, sagte der Sprecher, 40 davon seien
    Kinder." / "…, the spokesman said, and 40 of them …": what follows the frame's closing
    comma to the sentence's end is said too (not a relative or adverbial clause, not a
    second verb of the speaker: "sagte X, der ...", "sagte X, nachdem ...", "sagte X und ...")."""
    if draft.kind != "before" or draft.role not in VERB_ROLES or draft.source is None:
        return
    comma, end = draft.frame[1], content_end(tokens)
    if comma + 2 > end or tokens[comma].text != "," or draft.message[1] > draft.frame[0]:
        return
    first = tokens[comma + 1]
    if g.has(first, "relative") or g.has(first, "subordinator") \
            or g.has(first, "conjunction") or g.has(first, "preposition") \
            or first.lower in ("and", "but", "adding", "noting", "saying", "who", "which"):
        return
    draft.message = (draft.message[0], end)
