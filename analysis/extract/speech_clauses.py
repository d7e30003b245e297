"""What the cue rules of :mod:`analysis.extract.attribution` share: the draft of a report
(token indexes) and the pieces of a reporting clause: where the sentence's content ends,
adverbials that stand with a cue ("said on Thursday", "sagte am Mittwoch in Seoul"), the
subject after a verb (with an apposition that closes the sentence), the message after a
verb's frame. Word lists here are closed classes of the two languages' grammar; the open
vocabularies (cues, function words) are in ``data/lexicon/<lang>/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.extract.speech_grammar import (
    OPENING_QUOTES,
    SpeechGrammar,
    Token,
)
from analysis.extract.speech_phrases import (
    is_capitalised,
    phrase_end,
)

FINAL = frozenset(".!?")
BE = frozenset({"was", "were", "is", "are", "been", "be", "being", "wurde", "wurden", "worden",
                 "ist", "sind"})
AGENT = frozenset({"von", "vom", "durch"})
NOUN_SOURCE = {"de": frozenset({"des", "der", "von", "vom", "durch", "aus"}),
                "en": frozenset({"by", "from"})}
IMPERSONAL_SOURCE = frozenset({"aus", "von", "vom", "seitens", "from"})
CONTAINER = frozenset({"in", "im"})  # "In dem Bericht heißt es"
REPORTING_SUBORDINATORS = frozenset({"wie", "as"})
# Phrases a German subject may carry before the finite verb: "Ein Sprecher in Berlin".
ATTACHED = frozenset({"in", "im", "aus", "von", "vom", "bei", "beim", "für", "an", "am", "auf",
                       "mit", "(", ","})
# A capitalised first word with these endings is an adverb: "Offiziell", "Passend", "Vermutlich".
ADVERB_ENDINGS = ("lich", "ig", "ell", "weise", "mals", "falls", "end", "ens", "wärts")
THAT = frozenset({"dass", "daß", "that", "ob", "whether"})


@dataclass
class Draft:
    role: str
    cue: list[int]
    source: tuple[int, int] | None
    message: tuple[int, int]
    frame: tuple[int, int]
    kind: str


def content_end(tokens: list[Token]) -> int:
    """Index after the last token that is not sentence-final punctuation."""
    end = len(tokens)
    while end > 0 and tokens[end - 1].text in FINAL:
        end -= 1
    return end


def skip_adverbials(tokens: list[Token], k: int, limit: int, g: SpeechGrammar) -> int:
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
            k = time_end(tokens, k, limit, g)
        elif g.has(token, "preposition") or g.has(token, "addressee"):
            if k + 1 < limit and tokens[k + 1].text[:1].isdigit() and not (
                    k + 2 < limit and g.has(tokens[k + 2], "time_word")):
                return k  # "said about 3,000 troops": a number begins the message
            end = phrase_end(tokens, k + 1, limit, g)
            if end == k + 1:  # "am Montag", "on Monday": a time word after the preposition
                end = time_end(tokens, k + 1, limit, g)
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


def time_end(tokens: list[Token], k: int, limit: int, g: SpeechGrammar) -> int:
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


def subject_after(
    tokens: list[Token], k: int, limit: int, g: SpeechGrammar
) -> tuple[int, int] | None:
    limit = content_end(tokens)  # a quoted name may follow: "die Zeitschrift „Billboard“"
    k = skip_adverbials(tokens, k, limit, g)
    if k + 1 < limit and g.has(tokens[k], "expletive") and (
            is_capitalised(tokens[k + 1]) or g.has(tokens[k + 1], "determiner")):
        k = skip_adverbials(tokens, k + 1, limit, g)  # "sah es Köhler als Aufgabe an"
    end = phrase_end(tokens, k, limit, g)
    return (k, end) if end > k else None


def with_apposition(
    tokens: list[Token], source: tuple[int, int] | None, g: SpeechGrammar
) -> tuple[int, int] | None:
    """A source after its verb at the end of the sentence, with the apposition that closes
    it: "…, sagte Anna Berger, die Leiterin der Beratungsstelle." / "said Jo Lee, a
    spokeswoman for the agency." (a clause there is not an apposition)."""
    if source is None:
        return None
    comma, end = source[1], content_end(tokens)
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


def message_after(
    tokens: list[Token], k: int, end: int, g: SpeechGrammar, clause_only: bool
) -> tuple[int, int] | None:
    """Message after a verb's frame: from "dass"/"that", a comma, colon or quote after the
    adverbials that stand with the verb; else (for a ``verb``) what follows directly."""
    start = skip_adverbials(tokens, k, end, g)
    if start >= end:
        return None
    token = tokens[start]
    if token.text == ":" and start + 1 == end:
        return (end, end)  # "sagte Folgendes:": the message is the next sentence
    if token.text in (",", ":"):
        return (start + 1, end) if start + 1 < end else None
    if token.text in OPENING_QUOTES or token.lower in THAT:
        return (start, end)
    if g.language == "de":
        # An addressee or object before the clause: "sagte der „Berliner Zeitung“, dass".
        stop = phrase_end(tokens, start, end, g)
        if start < stop < end - 1 and tokens[stop].text in (",", ":"):
            return (stop + 1, end)
        # Long adverbials: "sagte nach einem Treffen mit ... in Kiew, dass".
        for position in range(start + 1, end):
            text = tokens[position].text
            if text == ":" or (tokens[position].lower in THAT and tokens[position - 1].text == ","):
                return (position + 1 if text == ":" else position, end)
            if text == ";":
                break
            if text == "," and _infinitive_clause(tokens, position + 1, end, g):
                # "warf dem Minister vor, 300 Stellen gestrichen zu haben"
                return (position + 1, end)
    if clause_only:
        return None
    return (start, end)


# Infinitive clauses of purpose or manner ("um ... zu", "ohne ... zu"): not what is reported.
_ADVERBIAL_INFINITIVE = frozenset({"um", "ohne", "statt", "anstatt", "anstelle"})


def _infinitive_clause(tokens: list[Token], start: int, end: int, g: SpeechGrammar) -> bool:
    """Whether a German "zu" infinitive clause runs from ``start`` to its comma or the end:
    the content of "warf ihm vor, ...", "forderte die Stadt auf, ...", "kritisierte sie
    dafür, ..." ("zu" before its last word)."""
    if start >= end or tokens[start].lower in _ADVERBIAL_INFINITIVE:
        return False
    stop = start
    while stop < end and tokens[stop].text not in (",", ";", ":"):
        stop += 1
    if stop - start < 2:
        return False
    last = stop - 1  # "zu streichen", "gestrichen zu haben"
    return tokens[last - 1].lower == "zu" and tokens[last].text[:1].islower()


def skip_time(tokens: list[Token], k: int, end: int, g: SpeechGrammar) -> int:
    while k < end and (g.has(tokens[k], "adverb") or g.has(tokens[k], "time_word")
                       or g.has(tokens[k], "time_modifier")):
        k += 1
    return k
