"""Cues other than verbs: prepositions (laut, according to, citing, unter Berufung auf),
"nach" before a report noun, postpositions (zufolge; ", so der Minister"), impersonal cues
(hieß es), source adverbs (Demnach), "quoted X as saying" and report nouns with a source
("a briefing by the NIS"); the rules are described in :mod:`analysis.extract.attribution`."""

from __future__ import annotations

from analysis.extract.speech_clauses import (
    CONTAINER,
    IMPERSONAL_SOURCE,
    NOUN_SOURCE,
    THAT,
    Draft,
    content_end,
    skip_time,
)
from analysis.extract.speech_grammar import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    SpeechGrammar,
    Token,
)
from analysis.extract.speech_phrases import (
    clause_end,
    clause_start,
    is_capitalised,
    is_word,
    phrase_before,
    phrase_end,
)


def preposition(
    tokens: list[Token], c: int, width: int, g: SpeechGrammar, role: str
) -> Draft | None:
    """laut X, according to X, citing X, unter Berufung auf X, nach Angaben X, so X."""
    end = content_end(tokens)
    stop = phrase_end(tokens, c + width, end, g, nominal=True)
    if stop == c + width and role != "noun_preposition":
        stop = _loose_source(tokens, c + width, end, g)
    if g.language == "de":
        stop = _noun_phrase_done(tokens, c + width, stop, g)
    if tokens[c].lower == "per" and not (
            g.has(tokens[c + width], "determiner") or is_capitalised(tokens[c + width])):
        return None  # "per day": no source; "per a British update", "per Ukraine's army"
    if role == "noun_preposition":  # "nach" only with a report noun: "nach Angaben des ..."
        if not _heads_report_noun(tokens, c + width, min(stop, c + width + 3), g):
            return noun_postposition(tokens, c, g, role)
    if stop == c + width:
        return None
    if role == "postposed":  # ", so der Minister." / "– so der eigene Wunsch –"
        before = tokens[c - 1].text if c else ""
        if c == 0 or not (before in (",", "–", "—") or before in CLOSING_QUOTES):
            return None
        if stop == c + width + 1 and not is_capitalised(tokens[c + width]) \
                and not g.has(tokens[c + width], "pronoun"):
            return None  # ", so müsste er ...", "– so scheint es –": a verb, nobody's name
        opening = c - 1
        if before in (",", "–", "—") and stop + 1 < end and tokens[stop].text == before \
                and not g.has(tokens[stop + 1], "relative") \
                and not g.has(tokens[stop + 1], "subordinator"):
            # "Der Plan sei, so der Minister, gescheitert": the frame stands inside the message
            return Draft(role, list(range(c, c + width)), (c + width, stop), (0, end),
                         (opening, stop + 1), "around")
        return Draft(role, list(range(c, c + width)), (c + width, stop), (0, opening),
                      (opening, stop), "before")
    return Draft(role, list(range(c, c + width)), (c + width, stop), (0, end), (c, stop), "around")


def _heads_report_noun(tokens: list[Token], start: int, stop: int, g: SpeechGrammar) -> bool:
    """Whether the phrase after "nach" is headed by a report noun ("nach Angaben des Amtes",
    "nach neuesten Erkenntnissen", "nach Moskaus Darstellung"), not a report noun in an
    attribute of another noun ("nach Abschluss der Ermittlungen": after, not according to)."""
    for k in range(start, stop):
        token = tokens[k]
        if g.is_report_noun(token):
            return True
        if is_capitalised(token) and not g.has(token, "determiner") \
                and not g.has(token, "possessive") \
                and not (token.lower.endswith("s") and k + 1 < stop
                         and g.is_report_noun(tokens[k + 1])):
            return False  # another noun heads the phrase
    return False


def _noun_phrase_done(tokens: list[Token], start: int, stop: int, g: SpeechGrammar) -> int:
    """A German source after "laut"/"nach" ends after its noun: a lower-case adjective
    after it opens the clause's own phrase ("laut BBC britische Staatsbürger")."""
    for k in range(start + 1, stop):
        token, before = tokens[k], tokens[k - 1]
        if token.text[:1].islower() and token.lower not in g.classes and is_word(token) \
                and is_capitalised(before) and before.lower not in g.classes \
                and not g.is_report_noun(before) and "-" not in token.text:
            return k
    return stop


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


def noun_postposition(tokens: list[Token], c: int, g: SpeechGrammar, role: str) -> Draft | None:
    """"Seiner Meinung nach", "Dem Vernehmen nach": a report noun before "nach"."""
    found = phrase_before(tokens, c, 0, g)
    if found is None or found[1] != c or not g.is_report_noun(tokens[c - 1]):
        return None
    return Draft(role, [c], found, (0, content_end(tokens)), (found[0], c + 1), "around")


def postposition(tokens: list[Token], c: int, g: SpeechGrammar, role: str) -> Draft | None:
    """Kiew zufolge, Angaben des Ministeriums zufolge."""
    found = phrase_before(tokens, c, 0, g)
    if found is None or found[1] != c:
        return None
    return Draft(role, [c], found, (0, content_end(tokens)), (found[0], c + 1), "around")


def impersonal(tokens: list[Token], c: int, width: int, g: SpeechGrammar,
               role: str) -> Draft | None:
    """hieß es (aus Kreisen um X), es heißt: the source is whoever "aus"/"von" names."""
    end = content_end(tokens)
    k = skip_time(tokens, c + width, end, g)
    source = None
    if k < end and tokens[k].lower in IMPERSONAL_SOURCE:
        stop = phrase_end(tokens, k + 1, end, g)
        if stop > k + 1:
            source = (k, stop)
    elif k + 1 < end and tokens[k].lower in CONTAINER and (
            tokens[k].lower == "im" or g.has(tokens[k + 1], "determiner")):
        stop = phrase_end(tokens, k + 1, end, g)  # "heißt es in der Erklärung des Amtes"
        if stop > k + 1:
            source = (k + 1, stop)
    if source is None and c >= 2:  # "In der Erklärung des Amtes heißt es": the document
        s = clause_start(tokens, c, g)
        if tokens[s].lower in CONTAINER and s + 1 < c and phrase_end(tokens, s + 1, c, g) == c \
                and (tokens[s].lower == "im" or g.has(tokens[s + 1], "determiner")):
            source = (s + 1, c)  # but not a place: "In Berlin hieß es"
        elif s + 1 < c and phrase_end(tokens, s + 1, c, g) == c:
            if tokens[s].lower in _AT_SOURCE and (
                    tokens[s].lower == "beim" or g.has(tokens[s + 1], "determiner")):
                source = (s + 1, c)  # "Bei der Agentur hieß es", "Auf der Website heißt es"
            elif tokens[s].lower in IMPERSONAL_SOURCE:
                source = (s, c)  # "Aus dem Ministerium hieß es", "Aus Paris hieß es"
    frame_end = clause_end(tokens, source[1] if source else c + width)
    cue = list(range(c, c + width))
    if c + width < end and g.has(tokens[c + width], "auxiliary"):
        cue.append(c + width)  # "nachdem bekannt geworden war, dass ..."
    elif c > 0 and g.has(tokens[c - 1], "auxiliary") and tokens[c].lower != "es":
        cue.insert(0, c - 1)  # "war bekannt geworden"
    if c > 0 and (tokens[c - 1].text == "," or tokens[c - 1].text in CLOSING_QUOTES):
        return Draft(role, cue, source, (0, c - 1), (c - 1, frame_end), "before")
    message = (min(frame_end + 1, end), end)
    if message[0] + 1 < end and g.has(tokens[message[0]], "relative") and not any(
            g.has(tokens[k], "konjunktiv") for k in range(message[0], end)):
        # "war durch Reden bekannt geworden, die Aufsehen erregten": a relative clause, no
        # report ("Es hieß, die Truppen seien abgezogen" is one: Konjunktiv I)
        return None
    return Draft(role, cue, source, message, (c, message[0]), "after")


_AT_SOURCE = frozenset({"bei", "beim", "auf"})


def source_adverb(tokens: list[Token], c: int, g: SpeechGrammar, role: str) -> Draft:
    """Demnach (the previous source); ", wonach ..." (the phrase before the comma)."""
    end = content_end(tokens)
    if tokens[c].lower == "wonach" and c > 1 and tokens[c - 1].text == ",":
        found = phrase_before(tokens, c - 1, 0, g)
        if found is not None:
            return Draft(role, [c], found, (c + 1, end), (found[0], c + 1), "after")
    return Draft(role, [c], (c, c + 1), (0, end), (c, c + 1), "around")


def quote_object(tokens: list[Token], c: int, g: SpeechGrammar, role: str) -> Draft | None:
    """"The senator quoted the agency chief as saying", "Ein Abgeordneter zitierte den
    Geheimdienstchef mit den Worten": the source is the object, the subject relays it."""
    end = content_end(tokens)
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
                                   or tokens[message_start].lower in THAT):
        message_start += 1
    message = (message_start, end)
    return Draft(role, cue, (c + 1, stop), message, (c, message_start), "after")


def report_noun(tokens: list[Token], c: int, g: SpeechGrammar) -> Draft | None:
    """A report noun with its source attached: "a briefing by the NIS", "Angaben des Heeres"."""
    end = content_end(tokens)
    k = c + 1
    if k >= end or tokens[k].lower not in NOUN_SOURCE.get(g.language, frozenset()):
        return None
    stop = phrase_end(tokens, k + 1, end, g) if tokens[k].lower not in ("des", "der") else 0
    if tokens[k].lower in ("des", "der"):
        stop = phrase_end(tokens, k, end, g)
    if stop <= k + 1 or not any(is_capitalised(tokens[j]) for j in range(k + 1, stop)):
        return None
    start = c
    while start > 0 and (g.has(tokens[start - 1], "determiner") or (
            not is_capitalised(tokens[start - 1]) and tokens[start - 1].text[:1].isalpha()
            and tokens[start - 1].lower not in g.classes
            and not g.cues.get(tokens[start - 1].lower))):
        start -= 1
        if g.has(tokens[start], "determiner"):
            break
    return Draft("report_noun", [], (start, stop), (0, end), (start, stop), "around")


_AGENT_ATTRIBUTE = frozenset({"von", "vom", "durch", "aus"})


# the relative pronoun after "nach" (dative): "Umfragen, nach denen ...", "der Bericht, nach dem"
_DATIVE_RELATIVES = frozenset({"dem", "der", "denen"})


def content_noun(tokens: list[Token], c: int, g: SpeechGrammar) -> Draft | None:
    """"die Behauptung, die Zahl sei falsch", "die Forderung des Verbands, dass ...": a noun
    and the clause after its comma that says what was claimed or asked (a "dass"/"ob"
    clause, reported speech in Konjunktiv I or a zu-infinitive); its attribute is the source."""
    end = content_end(tokens)
    k, source = c + 1, None
    if k < end and g.language == "de" and tokens[k].lower in NOUN_SOURCE["de"]:
        first = k + 1 if tokens[k].lower in _AGENT_ATTRIBUTE else k
        stop = phrase_end(tokens, first, end, g)
        if stop > first + (0 if first > k else 1):
            source, k = (first, stop), stop
    if k + 2 >= end or tokens[k].text != ",":
        return None
    start = k + 1
    stop = clause_end(tokens, start + 1)
    if "noun_preposition" in g.cues.get(tokens[start].lower, ()) and g.is_report_noun(
            tokens[c]) and tokens[start + 1].lower in _DATIVE_RELATIVES and start + 2 < stop:
        # "Umfragen, nach denen die Mehrheit ...": "nach" with a relative pronoun that stands
        # for the report noun, its source
        return Draft("noun_preposition", [start], (c, k), (start + 2, stop), (start, start + 2),
                     "after")
    if g.has(tokens[start], "relative") and not is_capitalised(tokens[start + 1]):
        return None  # "den Plan, der teuer sei": a relative clause about the noun
    if not (tokens[start].lower in THAT
            or any(g.has(tokens[j], "konjunktiv") for j in range(start, stop))
            or tokens[stop - 2].lower == "zu"):
        return None
    cue = [c - 1, c] if c > 0 and g.has(tokens[c - 1], "determiner") else [c]
    return Draft("content_noun", cue, source, (start, stop), (cue[0], start), "after")

