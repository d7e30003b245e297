"""Noun phrases and clause edges over a sentence's tokens: who speaks, where a clause begins.

The source of a report is a noun phrase next to its cue. There is no parser here (the
extractor must read >= 300,000 words/s per core): phrases are read by one small grammar
over the word classes of ``function_words.csv`` (:mod:`analysis.extract.speech_grammar`):

* **Core.** German: lower-case words (adjectives) followed by capitalised words (nouns,
  names): "der südkoreanische Geheimdienst NIS"; trailing lower-case words are left out.
  English: any run of words that are neither function words nor cue verbs ("South Korea's
  National Intelligence Service", "a senior US official"). Numbers, time words
  ("Mittwoch", "week") and punctuation end a core.
* **Phrase** (:func:`phrase_end`): a pronoun alone; or an optional determiner, a core and
  attachments: a genitive ("des Ministeriums", "of the agency"), a report noun's source
  ("Angaben von", "estimates by"), German "für" before a capitalised word ("Kommissar für
  Kultur"), coordination ("Seoul und Washington", "Südkorea, die USA und die Ukraine": a
  comma list must end in a conjunction), an apposition between commas ("Kim, a lawmaker,")
  or before the end ("sagte Kim, ein Abgeordneter."), a quoted title ("„Die Zeit“") and a
  parenthesised short form ("(NIS)").
* **Backward** (:func:`phrase_before`): the longest phrase that ends exactly at a position
  (the same grammar, tried from each earlier start), so both directions read alike.
* **Clause start** (:func:`clause_start`): after the nearest comma, semicolon, colon, dash,
  bracket or quote before a position, unless that comma is inside a phrase that reaches the
  position (an apposition or a coordinated list).

Spans are token index ranges ``[start, end)``.
"""

from __future__ import annotations

import re

from analysis.extract.speech_grammar import (
    CLOSING_QUOTES,
    OPENING_QUOTES,
    VERB_ROLES,
    SpeechGrammar,
    Token,
)

# Word classes that end a core: they are never inside a speaker's name.
_STOP_ROLES = frozenset({
    "preposition", "auxiliary", "subordinator", "adverb", "time_word", "conjunction",
    "pronoun", "konjunktiv", "addressee", "determiner", "genitive", "time_modifier",
})
_BOUNDARY = frozenset(",;:()–—")
_HARD_BOUNDARY = frozenset(";:()–—") | OPENING_QUOTES | CLOSING_QUOTES
# A speaker's office: "Sprecher für Europa", "a spokesman for the ministry".
_OFFICE_PREPOSITIONS = frozenset({"für", "for"})
_MAX_BACK = 24  # tokens a backward phrase may span


def is_word(token: Token) -> bool:
    """A word; "85-jährige" (a number glued to a word) counts as one."""
    first = token.text[:1]
    return first.isalpha() or (first.isdigit() and "-" in token.text and token.text[-1:].isalpha())


def is_capitalised(token: Token) -> bool:
    """A capital first letter, or a compound whose head has one: "dpa-Meldung"."""
    text = token.text
    if text[:1].isupper():
        return True
    return "-" in text and text.rpartition("-")[2][:1].isupper()


def is_verb_cue(token: Token, grammar: SpeechGrammar) -> bool:
    roles = grammar.cues.get(token.lower, frozenset())
    return not is_capitalised(token) and bool(roles & VERB_ROLES)


def _stop(token: Token, grammar: SpeechGrammar) -> bool:
    roles = grammar.classes.get(token.lower)
    return bool(roles and roles & _STOP_ROLES)


def core_end(
    tokens: list[Token], start: int, limit: int, grammar: SpeechGrammar, nominal: bool = False,
) -> int:
    """End of the adjectives-and-nouns run from ``start`` (``start`` if there is none).
    ``nominal``: after a preposition, where a report noun cannot be a verb ("according
    to British estimates")."""
    german = grammar.language == "de"
    end = position = start
    while position < limit:
        token = tokens[position]
        if not is_word(token) or _stop(token, grammar):
            break
        if is_verb_cue(token, grammar) and not (
                (position == start or nominal) and grammar.is_report_noun(token)):
            break  # "the NIS estimates", but "according to estimates by"
        if _WEB_NAME.search(token.text):  # a site speaks: "t-online.de", "heise.de"
            position += 1
            end = position
            continue
        if german and (not is_capitalised(token) or _ADJECTIVE_TAIL.search(token.text)):
            # "südkoreanischen, US-amerikanischen und ukrainischen Geheimdienste"
            if position + 2 < limit and (tokens[position + 1].text == ","
                                         or grammar.has(tokens[position + 1], "conjunction")):
                following = tokens[position + 2]
                if not is_capitalised(following) or _ADJECTIVE_TAIL.search(following.text):
                    position += 2
                    continue
            if grammar.cues.get(token.lower) and not grammar.is_report_noun(token):
                break  # a cue word ("laut", "nach") is no adjective
            position += 1  # an adjective if a noun follows
            continue
        position += 1
        end = position
    return end


def _enclosed(tokens: list[Token], start: int, limit: int, closing: frozenset[str]) -> int:
    """End (after the closing mark) of a short quoted or bracketed name at ``start``."""
    for position in range(start + 1, min(limit, start + 8)):
        text = tokens[position].text
        if text in closing:
            return position + 1 if position > start + 1 else start
        if not is_word(tokens[position]) and text not in "-.&'’":
            return start
    return start


def _bare_name(tokens: list[Token], start: int, end: int) -> bool:
    """A person's or body's name without an article: two or more capitalised words that
    are no adjectives ("Anna Berger", "Minister Jan Ohm") or an acronym ("WWF"); not an
    office or group ("ein Sprecher", "Militärkreise", "Südkoreanische Diplomaten")."""
    words = [tokens[k].text for k in range(start, end)]
    if not all(is_capitalised(tokens[k]) and is_word(tokens[k]) for k in range(start, end)):
        return False
    if len(words) == 1:
        return len(words[0]) > 1 and words[0].isupper()
    return not any(_ADJECTIVE_TAIL.search(word) for word in words)


def _quoted_name(tokens: list[Token], start: int, limit: int) -> int:
    """End of a quoted name at ``start`` ("„Neue Zeitung“", "„Ärzte ohne Grenzen“"): at
    most one lower-case word, else it is a quotation ("„Gedanken sind bei allen“")."""
    end = _enclosed(tokens, start, limit, CLOSING_QUOTES)
    lower = sum(1 for k in range(start + 1, end - 1) if tokens[k].text[:1].islower())
    return end if lower <= 1 else start


def _list_end(tokens: list[Token], comma: int, limit: int, grammar: SpeechGrammar) -> int:
    """End of ", B und C" / ", B, C or D" after a comma; ``comma`` if it is no list."""
    position = comma
    while position < limit and tokens[position].text == ",":
        item = phrase_end(tokens, position + 1, limit, grammar, attachments=False)
        if item == position + 1:
            return comma
        position = item
        if position < limit and grammar.has(tokens[position], "conjunction"):
            last = phrase_end(tokens, position + 1, limit, grammar, attachments=False)
            return last if last > position + 1 else comma
    return comma


def phrase_end(
    tokens: list[Token], start: int, limit: int, grammar: SpeechGrammar, *,
    attachments: bool = True, pronoun: bool = True, nominal: bool = False,
) -> int:
    """End of the noun phrase starting at ``start`` (``start`` if none; see the docstring)."""
    if start >= limit:
        return start
    first = tokens[start]
    if grammar.has(first, "pronoun"):
        return start + 1 if pronoun else start
    position = start
    if grammar.has(first, "determiner") or grammar.has(first, "genitive"):
        position += 1
    end = core_end(tokens, position, limit, grammar, nominal)
    if end == position and position > start and position < limit \
            and tokens[position].text in OPENING_QUOTES:
        end = _quoted_name(tokens, position, limit)  # Das „National Centre“
    if end == position:
        return start
    report_head = grammar.is_report_noun(tokens[end - 1])
    while attachments and end < limit:
        token = tokens[end]
        text = token.text
        if grammar.has(token, "genitive") or (
                (report_head or grammar.language == "de") and token.lower in _SOURCE_PREPOSITIONS):
            after = phrase_end(tokens, end + 1, limit, grammar, attachments=False)
            if grammar.language == "de" and grammar.has(token, "genitive"):
                after = core_end(tokens, end + 1, limit, grammar)  # the article is the genitive
                if after == end + 1 and end + 1 < limit and tokens[end + 1].text in OPENING_QUOTES:
                    after = _quoted_name(tokens, end + 1, limit)  # der „Times“
                    after = after if after > end + 1 else end + 1
            if after > end + 1:
                end = after
                continue
            break
        if token.lower in _PLACE_PREPOSITIONS and end + 1 < limit \
                and is_capitalised(tokens[end + 1]) \
                and not grammar.has(tokens[end + 1], "time_word") \
                and not grammar.has(tokens[end + 1], "determiner") \
                and not (token.lower == "in" and _bare_name(tokens, start, end)):
            # "ein Sprecher des Zentrums in Brisbane", "officials in Seoul": a named place
            # or body right after the head belongs to the speaker; after a bare name it is
            # where the person spoke ("sagte Ministerin Anna Berger in Bonn").
            after = core_end(tokens, end + 1, limit, grammar)
            if after > end + 1:
                end = after
                continue
            break
        if token.lower in _OFFICE_PREPOSITIONS and end + 1 < limit and (
                is_capitalised(tokens[end + 1]) or grammar.has(tokens[end + 1], "determiner")):
            # "Sprecher für Europa", "Vorsitzender der Gewerkschaft für das Münsterland",
            # "a spokesman for Ukraine's intelligence service"
            after = phrase_end(tokens, end + 1, limit, grammar, attachments=False)
            if after > end + 1:
                end = after
                continue
            break
        if grammar.has(token, "conjunction"):
            after = phrase_end(tokens, end + 1, limit, grammar, attachments=False, pronoun=False)
            if after > end + 1:
                end = after
                continue
            break
        if text == ",":
            listed = _list_end(tokens, end, limit, grammar)
            if listed > end:
                end = listed
                continue
            apposition = phrase_end(tokens, end + 1, limit, grammar, pronoun=False)
            # An apposition closes with a comma or the sentence's end ("sagte Kim, a lawmaker.").
            closes = apposition == len(tokens) or (
                apposition < limit and tokens[apposition].text in ",.;!?)")
            if apposition > end + 1 and closes:
                end = apposition
                continue
            break
        if text in OPENING_QUOTES or text == "(":
            enclosed = _enclosed(tokens, end, limit, frozenset(")")) if text == "(" \
                else _quoted_name(tokens, end, limit)
            if enclosed > end:
                end = enclosed
                continue
        break
    return end


_SOURCE_PREPOSITIONS = frozenset({"von", "vom", "aus", "by", "from"})
_PLACE_PREPOSITIONS = frozenset({"in", "aus", "at", "from"})
# A German adjective written with a capital: "US-amerikanischen", "Nordkoreanische".
_WEB_NAME = re.compile(r"^[^\W_][\w-]*\.(?:de|com|org|net|at|ch|eu|info|uk)$")
_ADJECTIVE_TAIL = re.compile(r"isch(?:e|en|er|es|em)?$")


def phrase_before(
    tokens: list[Token], end: int, floor: int, grammar: SpeechGrammar
) -> tuple[int, int] | None:
    """The longest phrase ``[start, stop)`` ending at ``end`` (or at a comma right before it)."""
    if end <= floor:
        return None
    appositive = tokens[end - 1].text == ","
    stop = end - 1 if appositive else end
    best = None
    commas = 0
    conjunction = False
    for start in range(stop - 1, max(floor, end - _MAX_BACK) - 1, -1):
        token = tokens[start]
        if token.text in OPENING_QUOTES or token.text in CLOSING_QUOTES or token.text in "()":
            continue  # a quoted title or bracket inside: "Die Wochenzeitung „Die Zeit“"
        if token.text in _HARD_BOUNDARY or token.text in ".!?" or token.text[:1].isdigit():
            break
        if grammar.has(token, "auxiliary"):
            break
        if is_verb_cue(token, grammar) and not (
                start == stop - 1 and grammar.is_report_noun(token)):
            break  # but "Ukrainian estimates suggest": a report noun ends the phrase
        if grammar.has(token, "subordinator") and not grammar.has(token, "determiner"):
            break
        conjunction = conjunction or grammar.has(token, "conjunction")
        if token.text == ",":
            # Only the opening comma of an apposition that ends right here, or a list.
            commas += 1
            if not conjunction and not (appositive and commas == 1):
                break
            continue
        if grammar.language == "de" and not is_capitalised(token) and start > 0:
            before = tokens[start - 1]
            if is_capitalised(before) and is_word(before) and before.lower not in grammar.classes:
                continue  # "Samstag starben behördlichen Angaben": a verb, not an adjective
        nominal = grammar.is_report_noun(tokens[stop - 1])
        if phrase_end(tokens, start, end, grammar, nominal=nominal) == stop:
            best = (start, stop)
    return best


def clause_start(tokens: list[Token], position: int, grammar: SpeechGrammar) -> int:
    """Index of the first token of the clause holding ``position`` (see the docstring)."""
    start = position
    while start > 0:
        previous = tokens[start - 1].text
        if previous == ")":  # a bracket inside the clause: "Berninger (Grüne) hat gefordert"
            opening = start - 1
            while opening > 0 and tokens[opening].text != "(":
                opening -= 1
            if tokens[opening].text == "(" and start - 1 - opening <= 8:
                start = opening
                continue
        if previous in CLOSING_QUOTES and start >= 4:  # a quoted name inside the clause:
            opening = next((k for k in range(start - 3, max(start - 8, 0), -1)  # laut „Spiegel“
                            if tokens[k].text in OPENING_QUOTES), None)
            if opening is not None and opening > 0 and tokens[opening - 1].text[:1].isalpha() \
                    and not grammar.has(tokens[opening - 1], "subordinator") \
                    and not any(tokens[k].text in _BOUNDARY or tokens[k].text in ".!?"
                                for k in range(opening + 1, start - 1)):
                start = opening - 1
                continue
        if previous in _BOUNDARY or previous in _HARD_BOUNDARY:
            break
        start -= 1
    if start == 0 or tokens[start - 1].text != ",":
        return start
    # A comma inside a phrase that reaches the position: "Kim, ein Abgeordneter, sagte",
    # "Südkorea, die USA und die Ukraine erklärten".
    floor = start - 1
    while floor > 0 and tokens[floor - 1].text not in _HARD_BOUNDARY:
        floor -= 1
    found = phrase_before(tokens, position, floor, grammar)
    if found is not None and any(tokens[k].text == "," for k in range(found[0] + 1, found[1])):
        start = found[0]
        while start > 0 and tokens[start - 1].text not in _BOUNDARY | _HARD_BOUNDARY:
            start -= 1
    return start


def clause_end(tokens: list[Token], position: int) -> int:
    """Index of the first boundary token (comma, colon, quote, final stop) from ``position``."""
    end = position
    stops = _BOUNDARY | _HARD_BOUNDARY | {".", "!", "?"}
    while end < len(tokens) and tokens[end].text not in stops:
        end += 1
    return end
