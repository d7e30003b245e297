"""Reports of speech, thought and writing in a sentence: cue, source, message (and frame).

:func:`find_reports` returns every report in one sentence, as data-driven rules over the cue
lexicon ``data/lexicon/<lang>/speech_cues.csv`` (:mod:`analysis.extract.speech_grammar`)
and the phrase scanner (:mod:`analysis.extract.speech_phrases`). Offsets are relative to
the sentence. A :class:`Report` has

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

from analysis.extract.speech_grammar import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    VERB_ROLES,
    SpeechGrammar,
    Token,
    speech_grammar,
    tokenize,
)
from analysis.extract.speech_phrases import (
    clause_end,
    clause_start,
    is_capitalised,
    phrase_before,
    phrase_end,
)
from analysis.lexicon.caches import cached

Span = tuple[int, int]
_FINAL = frozenset(".!?")
_BE = frozenset({"was", "were", "is", "are", "been", "be", "being", "wurde", "wurden", "worden",
                 "ist", "sind"})
_AGENT = frozenset({"von", "vom", "durch"})
_NOUN_SOURCE = {"de": frozenset({"des", "der", "von", "vom", "durch", "aus"}),
                "en": frozenset({"by", "from"})}
_IMPERSONAL_SOURCE = frozenset({"aus", "von", "vom", "seitens", "from"})
_CONTAINER = frozenset({"in", "im"})  # "In dem Bericht heißt es"
_REPORTING_SUBORDINATORS = frozenset({"wie", "as"})
# Phrases a German subject may carry before the finite verb: "Ein Sprecher in Berlin".
_ATTACHED = frozenset({"in", "im", "aus", "von", "vom", "bei", "beim", "für", "an", "am", "auf",
                       "mit", "(", ","})
# A capitalised first word with these endings is an adverb: "Offiziell", "Passend", "Vermutlich".
_ADVERB_ENDINGS = ("lich", "ig", "ell", "weise", "mals", "falls", "end", "ens", "wärts")


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


@dataclass
class _Draft:
    role: str
    cue: list[int]
    source: tuple[int, int] | None
    message: tuple[int, int]
    frame: tuple[int, int]
    kind: str


@cached
def _multiword(language: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word -> the multi-word cues starting with it, longest first."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for key in speech_grammar(language).cues:
        words = tuple(key.split())
        if len(words) > 1:
            found.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(v, key=len, reverse=True)) for w, v in found.items()}


def _content_end(tokens: list[Token]) -> int:
    """Index after the last token that is not sentence-final punctuation."""
    end = len(tokens)
    while end > 0 and tokens[end - 1].text in _FINAL:
        end -= 1
    return end


def _skip_adverbials(tokens: list[Token], k: int, limit: int, g: SpeechGrammar) -> int:
    """Skip adverbs, time phrases, prepositional phrases and German dative/accusative
    phrases from ``k``; return the first index that is none of them."""
    for _ in range(6):
        if k >= limit:
            return k
        token = tokens[k]
        if g.has(token, "adverb") or g.has(token, "konjunktiv") or token.lower == "not":
            k += 1
        elif g.has(token, "time_word") or (
            g.has(token, "time_modifier") and k + 1 < limit and g.has(tokens[k + 1], "time_word")
        ):
            k = _time_end(tokens, k, limit, g)
        elif g.has(token, "preposition") or g.has(token, "addressee"):
            if k + 1 < limit and tokens[k + 1].text[:1].isdigit() and not (
                    k + 2 < limit and g.has(tokens[k + 2], "time_word")):
                return k  # "said about 3,000 troops": a number begins the message
            end = phrase_end(tokens, k + 1, limit, g)
            if end == k + 1:  # "am Montag", "on Monday": a time word after the preposition
                end = _time_end(tokens, k + 1, limit, g)
            if end == k + 1:
                return k
            k = end
        elif g.has(token, "oblique") and g.has(token, "determiner"):
            end = phrase_end(tokens, k, limit, g)
            if end == k:
                return k
            k = end
        else:
            return k
    return k


def _time_end(tokens: list[Token], k: int, limit: int, g: SpeechGrammar) -> int:
    """End of a time phrase at ``k`` ("letzte Woche", "Freitag", "4. November"); a number
    belongs to it only before a time word ("am Freitag 40 Gefangene": 40 is no date)."""
    while k < limit:
        token = tokens[k]
        if g.has(token, "time_word") or g.has(token, "time_modifier"):
            k += 1
        elif token.text[:1].isdigit() and k + 1 < limit and (
                g.has(tokens[k + 1], "time_word") or tokens[k + 1].text == "."):
            k += 1
        elif token.text == "." and k > 0 and tokens[k - 1].text[:1].isdigit():
            k += 1
        else:
            break
    return k


def _subject_after(tokens: list[Token], k: int, limit: int, g: SpeechGrammar) -> tuple[int, int] | None:
    limit = _content_end(tokens)  # a quoted name may follow: "die Zeitschrift „Billboard“"
    k = _skip_adverbials(tokens, k, limit, g)
    end = phrase_end(tokens, k, limit, g)
    return (k, end) if end > k else None


def _with_apposition(
    tokens: list[Token], source: tuple[int, int] | None, g: SpeechGrammar
) -> tuple[int, int] | None:
    """A source after its verb at the end of the sentence, with the apposition that closes
    it: "…, sagte Anna Berger, die Leiterin der Beratungsstelle." / "said Jo Lee, a
    spokeswoman for the agency." (a clause there is not an apposition)."""
    if source is None:
        return None
    comma, end = source[1], _content_end(tokens)
    if comma + 1 >= end or tokens[comma].text != ",":
        return source
    first = tokens[comma + 1]
    relative = g.has(first, "relative") and not g.has(first, "determiner")  # who, which
    if not (g.has(first, "determiner") or is_capitalised(first)) or relative \
            or g.has(first, "subordinator") or g.has(first, "pronoun"):
        return source
    if phrase_end(tokens, comma + 1, end, g) != end:
        return source
    return (source[0], end)


def _message_after(
    tokens: list[Token], k: int, end: int, g: SpeechGrammar, clause_only: bool
) -> tuple[int, int] | None:
    """Message after a verb's frame: from "dass"/"that", a comma, colon or quote after the
    adverbials that stand with the verb; else (for a ``verb``) what follows directly."""
    start = _skip_adverbials(tokens, k, end, g)
    if start >= end:
        return None
    token = tokens[start]
    if token.text in (",", ":"):
        return (start + 1, end) if start + 1 < end else None
    if token.text in OPENING_QUOTES or token.lower in _THAT:
        return (start, end)
    if g.language == "de":
        # An addressee or object before the clause: "sagte der „Berliner Zeitung“, dass".
        stop = phrase_end(tokens, start, end, g)
        if start < stop < end - 1 and tokens[stop].text in (",", ":"):
            return (stop + 1, end)
        # Long adverbials: "sagte nach einem Treffen mit ... in Kiew, dass".
        for position in range(start + 1, end):
            text = tokens[position].text
            if text == ":" or (tokens[position].lower in _THAT and tokens[position - 1].text == ","):
                return (position + 1 if text == ":" else position, end)
            if text == ";":
                break
    if clause_only:
        return None
    return (start, end)


_THAT = frozenset({"dass", "daß", "that", "ob", "whether"})


def _german_verb(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> _Draft | None:
    draft = _german_verb_draft(tokens, c, g, role, subject_end, width)
    if draft is not None:
        start = min(draft.frame[0], c)
        source = draft.source
        extended = _german_cue(tokens, draft.cue, start, c, g)
        draft.cue = [k for k in extended if not source or not source[0] <= k < source[1]]
    return draft


def _german_verb_draft(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> _Draft | None:
    end = _content_end(tokens)
    cue = list(range(c, c + width))  # "spricht von": the object follows
    key = " ".join(t.lower for t in tokens[c:c + width])
    particles = g.particles.get(key, frozenset({""}))
    boundary = clause_end(tokens, c + width)
    last = boundary - 1
    if last > c and tokens[last].lower in particles - {""}:
        cue.append(last)  # "teilte … mit", "fordern … dazu auf"
    elif c > 0 and tokens[c - 1].lower in particles - {""}:
        cue.insert(0, c - 1)  # verb last in a subordinate clause: "wie sie bekannt gab"
    elif "" not in particles:
        return None
    after_cue = max(cue) + 1
    s = clause_start(tokens, subject_end, g) if subject_end < c else clause_start(tokens, c, g)
    if s >= 2 and g.has(tokens[s], "relative") and g.has(tokens[s - 1], "preposition") \
            and tokens[s - 2].text == ",":
        s -= 1  # ", an dem Südkorea, die USA und die Ukraine erklärt haben"
    while s < c and g.has(tokens[s], "conjunction"):
        s += 1  # ", doch Kiew spricht von ...": the conjunction opens the clause
    first = tokens[s]
    intro = 0
    verb_final = all(g.has(tokens[k], "auxiliary") or k in cue for k in range(c, boundary))
    if s < c and g.has(first, "subordinator") and verb_final:
        intro = 1
    elif s < c and s > 0 and tokens[s - 1].text == ",":
        if g.has(first, "relative") and not _coordinated(tokens, s, c, g):
            intro = 1
        elif g.has(first, "preposition") and s + 1 < c and g.has(tokens[s + 1], "relative"):
            intro = 2
    clause_only = role == "verb_clause"
    if intro:
        source = _subject_after(tokens, s + intro, c, g)
        if source is None and intro == 1 and g.has(first, "relative") and s >= 2:
            source = phrase_before(tokens, s - 1, 0, g)  # ", der sagte": who "der" is
        if first.lower in _REPORTING_SUBORDINATORS and intro == 1:
            frame_end = clause_end(tokens, after_cue)
            if s == 0:
                message = _message_after(tokens, frame_end, end, g, False)
                if message is None:
                    return None
                return _Draft(role, cue, source, message, (0, message[0]), "after")
            opening = s - 1 if tokens[s - 1].text == "," else s
            return _Draft(role, cue, source, (0, opening), (opening, frame_end), "before")
        message = _message_after(tokens, after_cue, end, g, clause_only)
        if message is None:
            return None
        return _Draft(role, cue, source, message, (s, message[0]), "after")
    relative = _relative_before(tokens, s, g) if s == c else None
    if relative is not None:  # "Deiss, der sich ... entschlossen hatte, sagte, er wolle ..."
        message = _message_after(tokens, after_cue, end, g, clause_only)
        if message is None:
            return None
        return _Draft(role, cue, relative, message, (relative[0], message[0]), "after")
    if s == c:  # first in its clause: "„...“, sagte der Minister"
        source = _with_apposition(tokens, _subject_after(tokens, c + 1, boundary, g), g)
        if s > 0:
            opening = s - 1 if tokens[s - 1].text == "," else s
            stop = clause_end(tokens, max(after_cue, source[1] if source else after_cue))
            return _Draft(role, cue, source, (0, opening), (opening, max(stop, after_cue)),
                          "before")
        message = _message_after(tokens, after_cue, end, g, clause_only)
        if message is None:
            return None
        return _Draft(role, cue, source, message, (0, message[0]), "after")
    agent = phrase_before(tokens, c, s, g)
    if agent is not None and agent[0] > s and tokens[agent[0] - 1].lower in _AGENT:
        # Passive: "Die Zahl wurde vom Pentagon bestätigt".
        auxiliary = next((k for k in range(s, agent[0]) if g.has(tokens[k], "auxiliary")),
                         agent[0] - 1)
        return _Draft(role, cue, agent, (s, auxiliary), (auxiliary, clause_end(tokens, c)),
                      "before")
    finite = next(k for k in range(s, c + 1) if k == c or g.has(tokens[k], "auxiliary"))
    vorfeld_end = min(finite, subject_end)
    source = None
    if vorfeld_end > s and _subject_first(tokens, s, vorfeld_end, g):
        # German main clauses hold one phrase before the finite verb: all of it is the
        # subject ("Ein Regierungssprecher in Berlin sagte").
        stop = vorfeld_end - 1 if tokens[vorfeld_end - 1].text == "," else vorfeld_end
        while stop > s + 1 and g.has(tokens[stop - 1], "adverb"):
            stop -= 1  # "Die Kanadier hingegen sagen"
        reach = phrase_end(tokens, s, stop, g)
        if reach > s and (reach == stop or tokens[reach].lower in _ATTACHED):
            source = (s, stop)
    if source is None:
        source = _subject_after(tokens, finite + 1, boundary, g)
    frame_from = max(after_cue, source[1] if source else after_cue)
    message = _message_after(tokens, frame_from, end, g, clause_only)
    if message is None and source is not None:
        # No clause: the object is what is reported ("forderte eine Untersuchung")
        message = _message_after(tokens, frame_from, end, g, False)
    if message is None:
        return None
    return _Draft(role, cue, source, message, (s, message[0]), "after")


def _relative_before(tokens: list[Token], s: int, g: SpeechGrammar) -> tuple[int, int] | None:
    """The subject before a relative clause that ends right before a verb at ``s``:
    "Deiss, der sich dazu entschlossen hatte, sagte" / "Kim, who chairs it, said"."""
    if s < 4 or tokens[s - 1].text != ",":
        return None
    start = clause_start(tokens, s - 1, g)
    if start < 2 or tokens[start - 1].text != "," or not g.has(tokens[start], "relative"):
        return None
    found = phrase_before(tokens, start - 1, 0, g)
    if found is None or found[1] != start - 1:
        return None
    if found[0] > 0 and tokens[found[0] - 1].text not in frozenset(",:;") | OPENING_QUOTES:
        if not _subject_first(tokens, found[0], start - 1, g):
            return None
    return found


def _german_cue(tokens: list[Token], cue: list[int], s: int, c: int, g: SpeechGrammar) -> list[int]:
    """The whole cue as the task marks it: the finite auxiliary of a participle ("hatte
    gesagt", "wird zitiert"), "wie" of a reporting clause, "davon"/"darauf" before a
    particle ("geht davon aus"), a reflexive right after the verb ("äußerte sich")."""
    found = set(cue)
    for k in range(s, min(len(tokens), max(cue) + 3)):
        token = tokens[k]
        if k < c and g.has(token, "auxiliary") and k > s - 1:
            found.add(k)
        elif k > max(cue) and g.has(token, "auxiliary") and tokens[k - 1].text not in ",":
            if all(j in found or g.has(tokens[j], "auxiliary") for j in range(c, k)):
                found.add(k)
    if len(cue) > 1 and cue[-1] >= 1 and tokens[cue[-1] - 1].lower in ("davon", "darauf", "damit",
                                                                      "dazu"):
        found.add(cue[-1] - 1)
    if c + 1 < len(tokens) and tokens[c + 1].lower == "sich":
        found.add(c + 1)
    if tokens[s].lower in _REPORTING_SUBORDINATORS and s < c:
        found.add(s)
    return sorted(found)


def _coordinated(tokens: list[Token], s: int, c: int, g: SpeechGrammar) -> bool:
    """", die USA und die Ukraine erklärten": a list, not a relative clause."""
    return any(g.has(tokens[k], "conjunction") for k in range(s, c))


def _subject_first(tokens: list[Token], s: int, finite: int, g: SpeechGrammar) -> bool:
    """Whether the phrase before the finite verb can be its subject (not an adverbial)."""
    first = tokens[s]
    if first.text in OPENING_QUOTES:
        return False
    for role in ("preposition", "adverb", "time_word", "subordinator", "oblique"):
        if g.has(first, role) and not (role == "oblique" and g.has(first, "genitive")):
            if role == "oblique" and not g.has(first, "determiner"):
                continue
            return False
    if g.has(first, "time_modifier") and s + 1 < finite and g.has(tokens[s + 1], "time_word"):
        return False
    if s == 0 and finite == 1 and first.lower.endswith(_ADVERB_ENDINGS):
        return False
    if s == 0 and finite > 1 and first.lower.endswith(("end", "lich")) and \
            g.has(tokens[1], "preposition"):
        return False  # "Passend zu den Gefahren warnte ..."
    return True


def _english_verb(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> _Draft | None:
    end = _content_end(tokens)
    clause_only = role == "verb_clause"
    last = c + width - 1
    auxiliary = c - 1
    while auxiliary > 0 and g.has(tokens[auxiliary], "adverb"):
        auxiliary -= 1  # "was later confirmed by"
    if auxiliary >= 0 and tokens[auxiliary].lower in _BE and last + 1 < end \
            and tokens[last + 1].lower == "by":
        stop = phrase_end(tokens, last + 2, end, g)
        if stop > last + 2:
            return _Draft(role, list(range(c, last + 1)), (last + 2, stop), (0, auxiliary),
                          (auxiliary, stop), "before")
    previous = tokens[c - 1] if c > 0 else None
    cue = list(range(c, last + 1))
    if subject_end == c and previous is not None and (
            previous.text == "," or previous.text in CLOSING_QUOTES):
        source = _with_apposition(tokens, _subject_after(tokens, last + 1, end, g), g)
        if source is not None and tokens[source[0]].lower != "that":
            stop = clause_end(tokens, source[1])
            return _Draft(role, cue, source, (0, c - 1), (c - 1, stop), "before")
    k = subject_end - 1
    while k >= 0 and (g.has(tokens[k], "auxiliary") or g.has(tokens[k], "adverb")
                      or tokens[k].lower in ("not", "n't")):
        k -= 1
    source = phrase_before(tokens, k + 1, 0, g)
    start = _skip_addressee(tokens, last + 1, end, g, tokens[c].lower)
    message = _message_after(tokens, start, end, g, clause_only)
    if message is None and clause_only and start < end and (
            is_capitalised(tokens[start]) or g.has(tokens[start], "determiner")
            or g.has(tokens[start], "pronoun")):
        message = (start, end)  # "believes North Korea has shipped ...": a clause
    if message is not None and message[0] < end:
        frame_start = source[0] if source else c
        return _Draft(role, cue, source, message, (frame_start, message[0]), "after")
    if source is not None and source[0] > 0 and tokens[source[0] - 1].text in {","} | CLOSING_QUOTES:
        opening = source[0] - 1
        return _Draft(role, cue, source, (0, opening), (opening, end), "before")
    return None


def _skip_addressee(tokens: list[Token], k: int, end: int, g: SpeechGrammar, form: str) -> int:
    """After "told", "informed", "briefed": the addressee ("told reporters in Washington")."""
    k = _skip_adverbials(tokens, k, end, g)
    if form in ("told", "tell", "tells", "informed", "briefed") and k < end:
        stop = phrase_end(tokens, k, end, g)
        if stop > k:
            k = _skip_adverbials(tokens, stop, end, g)
    return k


def _preposition(tokens: list[Token], c: int, width: int, g: SpeechGrammar, role: str) -> _Draft | None:
    """laut X, according to X, citing X, unter Berufung auf X, nach Angaben X, so X."""
    end = _content_end(tokens)
    stop = phrase_end(tokens, c + width, end, g, nominal=True)
    if stop == c + width and role != "noun_preposition":
        stop = _loose_source(tokens, c + width, end, g)
    if tokens[c].lower == "per" and not (
            g.has(tokens[c + width], "determiner") or is_capitalised(tokens[c + width])):
        return None  # "per day": no source; "per a British update", "per Ukraine's army"
    if role == "noun_preposition":  # "nach" only with a report noun: "nach Angaben des ..."
        if not any(g.is_report_noun(tokens[k]) for k in range(c + width, min(stop, c + width + 3))):
            return _noun_postposition(tokens, c, g, role)
    if stop == c + width:
        return None
    if role == "postposed":  # ", so der Minister." / "– so der eigene Wunsch –"
        if c == 0 or not (tokens[c - 1].text in (",", "–", "—") or tokens[c - 1].text in CLOSING_QUOTES):
            return None
        opening = c - 1
        return _Draft(role, list(range(c, c + width)), (c + width, stop), (0, opening),
                      (opening, stop), "before")
    return _Draft(role, list(range(c, c + width)), (c + width, stop), (0, end), (c, stop), "around")


def _loose_source(tokens: list[Token], k: int, end: int, g: SpeechGrammar) -> int:
    """A source the phrase grammar does not read: a quoted title ("laut „Welt“") or one
    lower-case name ("laut taz", "laut ndr.de", "laut el-Baradei") and the names after it."""
    if k >= end:
        return k
    token = tokens[k]
    if token.text in OPENING_QUOTES:
        for position in range(k + 1, min(end, k + 8)):
            if tokens[position].text in CLOSING_QUOTES:
                return position + 1
        return k
    if not token.text[:1].isalpha() or token.lower in g.classes or g.cues.get(token.lower):
        return k
    stop = k + 1
    while stop < end and is_capitalised(tokens[stop]) and tokens[stop].lower not in g.classes:
        stop += 1
    return stop


def _noun_postposition(tokens: list[Token], c: int, g: SpeechGrammar, role: str) -> _Draft | None:
    """"Seiner Meinung nach", "Dem Vernehmen nach": a report noun before "nach"."""
    found = phrase_before(tokens, c, 0, g)
    if found is None or found[1] != c or not g.is_report_noun(tokens[c - 1]):
        return None
    return _Draft(role, [c], found, (0, _content_end(tokens)), (found[0], c + 1), "around")


def _postposition(tokens: list[Token], c: int, g: SpeechGrammar, role: str) -> _Draft | None:
    """Kiew zufolge, Angaben des Ministeriums zufolge."""
    found = phrase_before(tokens, c, 0, g)
    if found is None or found[1] != c:
        return None
    return _Draft(role, [c], found, (0, _content_end(tokens)), (found[0], c + 1), "around")


def _impersonal(tokens: list[Token], c: int, width: int, g: SpeechGrammar, role: str) -> _Draft:
    """hieß es (aus Kreisen um X), es heißt: the source is whoever "aus"/"von" names."""
    end = _content_end(tokens)
    k = _skip_time(tokens, c + width, end, g)
    source = None
    if k < end and tokens[k].lower in _IMPERSONAL_SOURCE:
        stop = phrase_end(tokens, k + 1, end, g)
        if stop > k + 1:
            source = (k, stop)
    if source is None and c >= 2:  # "In der Erklärung des Amtes heißt es": the document
        s = clause_start(tokens, c, g)
        if tokens[s].lower in _CONTAINER and s + 1 < c and phrase_end(tokens, s + 1, c, g) == c \
                and (tokens[s].lower == "im" or g.has(tokens[s + 1], "determiner")):
            source = (s + 1, c)  # but not a place: "In Berlin hieß es"
    frame_end = clause_end(tokens, source[1] if source else c + width)
    cue = list(range(c, c + width))
    if c > 0 and (tokens[c - 1].text == "," or tokens[c - 1].text in CLOSING_QUOTES):
        return _Draft(role, cue, source, (0, c - 1), (c - 1, frame_end), "before")
    message = (min(frame_end + 1, end), end)
    return _Draft(role, cue, source, message, (c, message[0]), "after")


def _skip_time(tokens: list[Token], k: int, end: int, g: SpeechGrammar) -> int:
    while k < end and (g.has(tokens[k], "adverb") or g.has(tokens[k], "time_word")
                       or g.has(tokens[k], "time_modifier")):
        k += 1
    return k


def _source_adverb(tokens: list[Token], c: int, g: SpeechGrammar, role: str) -> _Draft:
    """Demnach (the previous source); ", wonach ..." (the phrase before the comma)."""
    end = _content_end(tokens)
    if tokens[c].lower == "wonach" and c > 1 and tokens[c - 1].text == ",":
        found = phrase_before(tokens, c - 1, 0, g)
        if found is not None:
            return _Draft(role, [c], found, (c + 1, end), (found[0], c + 1), "after")
    return _Draft(role, [c], (c, c + 1), (0, end), (c, c + 1), "around")


def _quote_object(tokens: list[Token], c: int, g: SpeechGrammar, role: str) -> _Draft | None:
    """"The senator quoted the agency chief as saying", "Ein Abgeordneter zitierte den
    Geheimdienstchef mit den Worten": the source is the object, the subject relays it."""
    end = _content_end(tokens)
    stop = phrase_end(tokens, c + 1, end, g)
    if stop == c + 1 or stop + 1 >= end:
        return None
    if tokens[stop].lower == "as" and tokens[stop + 1].lower.endswith("ing"):
        cue = [c, stop, stop + 1]
        message_start = stop + 2
    elif [t.lower for t in tokens[stop:stop + 3]] in (["mit", "den", "worten"],
                                                      ["mit", "der", "aussage"]):
        cue = [c, stop, stop + 1, stop + 2]
        message_start = stop + 3
    else:
        return None
    while message_start < end and (tokens[message_start].text in (",", ":")
                                   or tokens[message_start].lower in _THAT):
        message_start += 1
    message = (message_start, end)
    return _Draft(role, cue, (c + 1, stop), message, (c, message_start), "after")


def _report_noun(tokens: list[Token], c: int, g: SpeechGrammar) -> _Draft | None:
    """A report noun with its source attached: "a briefing by the NIS", "Angaben des Heeres"."""
    end = _content_end(tokens)
    k = c + 1
    if k >= end or tokens[k].lower not in _NOUN_SOURCE.get(g.language, frozenset()):
        return None
    stop = phrase_end(tokens, k + 1, end, g) if tokens[k].lower not in ("des", "der") else 0
    if tokens[k].lower in ("des", "der"):
        stop = phrase_end(tokens, k, end, g)
    if stop <= k + 1 or not any(is_capitalised(tokens[j]) for j in range(k + 1, stop)):
        return None
    start = c
    while start > 0 and (g.has(tokens[start - 1], "determiner") or (
            not is_capitalised(tokens[start - 1]) and tokens[start - 1].text[:1].isalpha()
            and tokens[start - 1].lower not in g.classes and not g.cues.get(tokens[start - 1].lower))):
        start -= 1
        if g.has(tokens[start], "determiner"):
            break
    return _Draft("report_noun", [], (start, stop), (0, end), (start, stop), "around")


_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "the", "ein", "eine", "einer",
                       "eines", "einem", "einen", "a", "an"})
_RELAYS = frozenset({"relay", "report_noun", "quote_object"})
_OWN = frozenset({"eigenen", "eigene", "eigener", "own"})


def _holder(tokens: list[Token], source: tuple[int, int], g: SpeechGrammar) -> tuple[int, int]:
    """The speaker inside a source: without its article, report noun or preposition."""
    start, end = source
    if tokens[start].lower in _IMPERSONAL_SOURCE:
        start += 1
    attached = _NOUN_SOURCE.get(g.language, frozenset())
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


def _subject_end(tokens: list[Token], i: int, drafts: list[_Draft]) -> int:
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
              subject_end: int) -> _Draft | None:
    token = tokens[i]
    if "quote_object" in roles:
        draft = _quote_object(tokens, i, g, "quote_object")
        if draft is not None:
            return draft
    if roles & VERB_ROLES and not is_capitalised(token):
        role = "verb" if "verb" in roles else "verb_clause"
        verb = _german_verb if g.language == "de" else _english_verb
        draft = verb(tokens, i, g, role, subject_end, width)
        if draft is not None:
            return draft
    for role in ("preposition", "relay", "noun_preposition", "postposed"):
        if role in roles:
            return _preposition(tokens, i, width, g, role)
    if "postposition" in roles:
        return _postposition(tokens, i, g, "postposition")
    if "impersonal" in roles:
        return _impersonal(tokens, i, width, g, "impersonal")
    if "source_adverb" in roles:
        return _source_adverb(tokens, i, g, "source_adverb")
    if g.is_report_noun(token) or "briefing_noun" in roles:
        return _report_noun(tokens, i, g)
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


def _drafts(sentence: str, tokens: list[Token], g: SpeechGrammar) -> list[_Draft]:
    multiword = _multiword(g.language)
    drafts: list[_Draft] = []
    used: set[int] = set()
    for i in _cue_tokens(sentence, tokens, g):
        token = tokens[i]
        if i in used or not token.text[:1].isalpha():
            continue
        width, roles = 1, g.cues.get(token.lower)
        for words in multiword.get(token.lower, ()):
            if tuple(t.lower for t in tokens[i:i + len(words)]) == words:
                width, roles = len(words), g.cues[" ".join(words)]
                break
        if roles is None and not g.is_report_noun(token):
            continue
        draft = _dispatch(tokens, i, width, roles or frozenset(), g, _subject_end(tokens, i, drafts))
        if draft is None:
            continue
        drafts.append(draft)
        used.update(draft.cue)
        if draft.source is not None:
            used.update(range(*draft.source))
    return drafts


def _clip(drafts: list[_Draft], tokens: list[Token], g: SpeechGrammar) -> None:
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
            if draft.kind == "around" and other.kind == "after" and other.frame[1] <= draft.frame[0]:
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
    _clip(drafts, tokens, g)
    reports = []
    for draft in drafts:
        source = holder = None
        coreferent = reflexive = False
        if draft.source is not None:
            source = _chars(tokens, draft.source)
            holder = _chars(tokens, _holder(tokens, draft.source, g))
            first = tokens[draft.source[0]]
            coreferent = (draft.source[1] - draft.source[0] == 1 and (
                g.has(first, "pronoun") or draft.role == "source_adverb")) or (
                g.has(first, "possessive") and first.lower not in _OWN)
            reflexive = any(tokens[k].lower in _OWN for k in range(*draft.source))
        reports.append(Report(
            form=_form(tokens, draft),
            role=draft.role,
            cue=tuple(_chars(tokens, (k, k + 1)) for k in sorted(draft.cue)),
            source=source, holder=holder,
            message=_chars(tokens, draft.message),
            frame=_chars(tokens, draft.frame),
            coreferent=coreferent, kind=draft.kind, reflexive=reflexive,
        ))
    return tuple(reports)


def _form(tokens: list[Token], draft: _Draft) -> str:
    """"reported" when a verb's message is its object: it follows the frame directly, with
    no comma, colon, quotation or "dass"/"that" opening a clause."""
    if draft.role not in VERB_ROLES or draft.kind != "after" \
            or not 0 < draft.message[0] < len(tokens):
        return "speech"
    first, before = tokens[draft.message[0]], tokens[draft.message[0] - 1]
    if before.text in (",", ":") or first.text in OPENING_QUOTES or first.lower in _THAT:
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
