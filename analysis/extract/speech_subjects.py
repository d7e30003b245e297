"""The subject side of a German or English reporting clause: passives, the Vorfeld the
phrase grammar cannot read, coordinated verbs sharing a subject, relative pronouns and the
German cue's particles and correlates (used by :mod:`analysis.extract.speech_verbs`)."""

from __future__ import annotations

from analysis.extract.speech_clauses import (
    ADVERB_ENDINGS,
    REPORTING_SUBORDINATORS,
)
from analysis.extract.speech_grammar import (
    OPENING_QUOTES,
    SpeechGrammar,
    Token,
)
from analysis.extract.speech_phrases import (
    clause_start,
    is_capitalised,
    is_verb_cue,
    phrase_before,
    phrase_end,
)

PASSIVE = frozenset({"wurde", "wurden", "wird", "werden", "worden"})
IRREGULAR_PARTICIPLES = frozenset({"told", "said", "thought", "known", "shown", "written"})
DEMONSTRATIVES = frozenset({"das", "dies", "dieses"})
# Pronominal adverbs that stand for the reported clause: part of the cue, as SpkAtt marks it.
_CORRELATES = frozenset({"dafür", "damit", "darauf", "dazu", "davon", "darüber", "daran",
                         "darum", "dagegen"})
OBJECT_PRONOUNS = frozenset({"ihm", "ihn", "ihnen", "mir", "mich", "dir", "dich", "uns",
                              "euch"})


def is_passive(tokens: list[Token], s: int, c: int, boundary: int) -> bool:
    """A German passive clause: a form of "werden" with the participle cue ("wurde ...
    bestätigt", "muss bestätigt werden"), no agent handled here (the callers take one
    first)."""
    cue = tokens[c].lower
    if not (cue.startswith("ge") or cue.endswith("t")) or cue.endswith(("te", "ten")):
        return False
    return any(tokens[k].lower in PASSIVE for k in range(s, boundary) if k != c)


NOMINATIVE_PRONOUNS = frozenset({"er", "ich", "wir"})
AMBIGUOUS_PRONOUNS = frozenset({"sie"})  # the subject only after an object in the Vorfeld
_MAX_VORFELD = 8  # tokens of a subject the phrase grammar does not read, taken whole


def whole_vorfeld(tokens: list[Token], s: int, finite: int, g: SpeechGrammar
                   ) -> tuple[int, int] | None:
    """A German main clause holds one constituent before its finite verb; when no subject
    follows the verb, that constituent is the subject even where the phrase grammar cannot
    read it: a name with lower-case words ("Ärzte ohne Grenzen", "die taz", "t-online.de"),
    a demonstrative ("Diese besagt"), a quoted title ("Die „Süddeutsche Zeitung“")."""
    if not 0 < finite - s <= _MAX_VORFELD or not subject_first(tokens, s, finite, g):
        return None
    first = tokens[s]
    if not (is_capitalised(first) or g.has(first, "determiner")) or g.has(first, "pronoun"):
        return None
    for k in range(s, finite):
        token = tokens[k]
        if token.text in (",", ";", ":") or g.has(token, "auxiliary") \
                or g.has(token, "subordinator") \
                or (g.has(token, "relative") and not g.has(token, "determiner")) \
                or token.text[:1].isdigit() or (k > s and g.has(token, "time_word")):
            return None
        if is_verb_cue(token, g) and not g.is_report_noun(token):
            return None
    return (s, finite)


COORDINATORS = frozenset({"und", "sowie", "and"})


def subordinator_before_apposition(tokens: list[Token], s: int, g: SpeechGrammar) -> int:
    """Where a reporting clause starts whose subject has an apposition between commas:
    "Wie Peter Braun, ein Sprecher der Kommission, in Brüssel mitteilte" (``s`` is after
    the apposition's closing comma); else ``s``."""
    if s < 4 or tokens[s - 1].text != "," or g.has(tokens[s], "subordinator"):
        return s
    opening = next((k for k in range(s - 2, max(0, s - 16), -1) if tokens[k].text == ","), None)
    if opening is None or phrase_end(tokens, opening + 1, s - 1, g) != s - 1:
        return s
    start = opening - 1
    while start > 0 and tokens[start - 1].text not in {",", ";", ":", "(", "–"}:
        start -= 1
    if tokens[start].lower in REPORTING_SUBORDINATORS and start + 1 < opening \
            and phrase_end(tokens, start + 1, opening, g, attachments=False) == opening:
        return start
    return s


def conjunct_start(tokens: list[Token], s: int, c: int, g: SpeechGrammar) -> int | None:
    """Start of a clause coordinated by "und" right before the verb at ``c``, when what
    precedes "und" is a clause of its own (not one phrase of a list: "Polen und die Slowakei
    erklärten") and a subject phrase stands between "und" and the verb."""
    for j in range(c - 2, s, -1):
        if tokens[j].lower not in COORDINATORS:
            continue
        finite = next(k for k in range(j + 1, c + 1) if k == c or g.has(tokens[k], "auxiliary"))
        if phrase_end(tokens, j + 1, finite, g) != finite or finite == j + 1 \
                or not subject_first(tokens, j + 1, finite, g):
            return None
        if phrase_end(tokens, s, j, g) == j or any(tokens[k].text == "," for k in range(s, j)):
            return None
        return j + 1
    return None


def coordinated_subject(tokens: list[Token], s: int, c: int, cue: list[int], g: SpeechGrammar
                         ) -> tuple[int, int] | None:
    """The shared subject of coordinated verbs: "Der Minister besuchte die Front und sagte,
    ..." / "The ministry denied the report and said ...": the phrase that opens the clause,
    when it is a subject and the reporting verb (or its auxiliary) follows "und"/"and"."""
    first_cue = min(cue)
    if first_cue - s < 3 or tokens[first_cue - 1].lower not in COORDINATORS:
        return None
    if not subject_first(tokens, s, first_cue - 1, g):
        return None
    first = tokens[s]
    if not (is_capitalised(first) or g.has(first, "determiner") or g.has(first, "pronoun")):
        return None
    end = phrase_end(tokens, s, first_cue - 1, g)
    if g.language == "en":  # the English core reads on over a regular past verb
        end = next((k for k in range(s + 1, end) if tokens[k].lower.endswith("ed")
                    and not is_capitalised(tokens[k])), end)
    if end <= s or end >= first_cue - 2:
        return None
    following = tokens[end]
    # the phrase must be followed by its own finite verb, not by a list ("A und B sagten")
    if not following.text[:1].islower() or g.has(following, "conjunction") \
            or following.lower in COORDINATORS or g.has(following, "preposition"):
        return None
    return (s, end)


def relative_before(tokens: list[Token], s: int, g: SpeechGrammar) -> tuple[int, int] | None:
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
        if not subject_first(tokens, found[0], start - 1, g):
            return None
    return found


def german_cue(tokens: list[Token], cue: list[int], s: int, c: int, g: SpeechGrammar) -> list[int]:
    """The whole cue as the task marks it: the finite auxiliary of a participle ("hatte
    gesagt", "wird zitiert"), "wie" of a reporting clause, "davon"/"darauf" before a
    particle ("geht davon aus"), a reflexive right after the verb ("äußerte sich")."""
    found = set(cue)
    for k in range(s, min(len(tokens), max(cue) + 3)):
        token = tokens[k]
        if k < c and g.has(token, "auxiliary") and k > s - 1 and not any(
                tokens[j].lower in COORDINATORS or tokens[j].text == ","
                for j in range(k + 1, c)):
            found.add(k)  # not across "und": "Die Preise waren stabil und wir hoffen"
            if tokens[k + 1].lower == "sich":
                found.add(k + 1)  # "hat sich ... geäußert": the reflexive after the auxiliary
        elif k > max(cue) and g.has(token, "auxiliary") and tokens[k - 1].text not in ",":
            if all(j in found or g.has(tokens[j], "auxiliary") for j in range(c, k)):
                found.add(k)
    if len(cue) > 1 and cue[-1] >= 1 and tokens[cue[-1] - 1].lower in ("davon", "darauf", "damit",
                                                                      "dazu"):
        found.add(cue[-1] - 1)
    if len(cue) == 1 and c >= 2 and tokens[c - 1].lower in _CORRELATES \
            and c + 1 < len(tokens) and tokens[c + 1].text in (",", ":"):
        found.add(c - 1)  # "hatten dazu aufgerufen, ...", "war davon ausgegangen, dass"
    if c + 1 < len(tokens) and tokens[c + 1].lower == "sich":
        found.add(c + 1)
    for k in range(c + 1, len(tokens) - 1):
        if tokens[k].text in (",", ":", ";", "."):
            break
        if tokens[k].lower in _CORRELATES and (tokens[k + 1].text in (",", ":")
                                               or k + 1 in found):
            found.add(k)  # "kritisierte ihn dafür, ...", "wies darauf hin, dass"
    if tokens[s].text == "," and s + 1 < c:
        s += 1  # a frame after the message opens with its comma: ", wie X sagte"
    if tokens[s].lower in REPORTING_SUBORDINATORS and s < c:
        found.add(s)
    return sorted(found)


def coordinated(tokens: list[Token], s: int, c: int, g: SpeechGrammar) -> bool:
    """", die USA und die Ukraine erklärten": a list, not a relative clause."""
    return any(g.has(tokens[k], "conjunction") for k in range(s, c))


def subject_first(tokens: list[Token], s: int, finite: int, g: SpeechGrammar) -> bool:
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
    if s == 0 and finite == 1 and first.lower.endswith(ADVERB_ENDINGS):
        return False
    if s == 0 and finite > 1 and first.lower.endswith(("end", "lich")) and \
            g.has(tokens[1], "preposition"):
        return False  # "Passend zu den Gefahren warnte ..."
    return True
