"""German reporting-verb reports reshaped where the phrase grammar of
:mod:`analysis.extract.speech_verbs` misses them or where the SpkAtt task marks the cue
differently: the cue's extent (the predicative "als", the expletive "es" of an impersonal
passive, the judgement after "hält es für", not "dazu" after the verb), a particle after an
inserted apposition, an object with a clause about it (the Reported form), a Konjunktiv
clause after adverbials, a fronted name with its apposition, a "wie"-clause whose source
holds a quoted name. Each is a grammar rule over tokens, not a list of sentences."""

from __future__ import annotations

from analysis.extract.speech_clauses import REPORTING_SUBORDINATORS, THAT, Draft
from analysis.extract.speech_grammar import (
    CLAUSE_ROLES,
    OPENING_QUOTES,
    SpeechGrammar,
    Token,
)
from analysis.extract.speech_phrases import clause_end, is_capitalised, phrase_end
from analysis.extract.speech_subjects import COORDINATORS


def reshape(tokens: list[Token], draft: Draft, g: SpeechGrammar) -> None:
    """The message and cue of a German verb's draft as the task marks them (in place)."""
    reported_speech_after_adverbials(tokens, draft, g)
    predicative_and_expletive(tokens, draft, g)
    object_before_an_attribute(tokens, draft, g)
    last = max(draft.cue)
    if tokens[last].lower == "für" and last + 1 < draft.message[0] \
            and tokens[last + 1].text.islower() and tokens[last + 1].lower not in g.classes:
        draft.cue.append(last + 1)  # "hält es für möglich, dass": the judgement too


# Subordinators that open a clause about the object, not what is said ("forderte den
# Rücktritt, weil ..."); conditionals are left out: they open reported speech too.
_NOT_REPORTING = frozenset({"weil", "da", "zumal", "obwohl", "obgleich", "nachdem", "bevor",
                            "während", "damit", "sodass", "seitdem", "sobald", "indem",
                            "wobei", "weshalb", "wodurch", "worauf", "woraufhin"})


def object_before_an_attribute(tokens: list[Token], draft: Draft, g: SpeechGrammar) -> None:
    """A verb's object followed by a relative or adverbial clause about it ("kündigte ein
    neues Modell an, das im Mai erscheint", "forderte den Rücktritt, weil ..."): the object
    with that clause is what is reported (the Reported form), not the clause alone."""
    first, last = draft.message
    if draft.kind != "after" or first < 2 or first + 1 >= last or tokens[first - 1].text != ",":
        return
    head, following = tokens[first], tokens[first + 1]
    after = tokens[first + 2] if first + 2 < last else following
    if head.lower in _NOT_REPORTING:
        if g.has(following, "konjunktiv") or g.has(following, "auxiliary") \
                or g.has(following, "reportative"):
            return  # an adverb before the finite verb: ", damit solle ...", ", da sei ..."
    elif not ((g.has(head, "relative") and not is_capitalised(following))
              or (g.has(head, "preposition") and g.has(following, "relative")
                  and not is_capitalised(after))):
        return
    stop = clause_end(tokens, first + 1)
    final = tokens[stop - 1].lower
    if head.lower not in _NOT_REPORTING and (
            any(g.has(tokens[k], "konjunktiv") for k in range(first, stop))
            or tokens[stop - 2].lower == "zu"
            or (final.islower() and final.endswith("en") and "zu" in final[2:-2])):
        # "sagte den Reportern, die 300 Soldaten seien abgezogen", "forderte die Bewohner
        # auf, die Häuser zu räumen", "riet den Gästen, der Stadt fernzubleiben": reported
        # speech and a zu-infinitive are the message
        return
    start = min(draft.cue)
    while start in draft.cue:
        start += 1
    if draft.source is not None and start <= draft.source[0] < first:
        start = max(start, draft.source[1])
    if all(g.has(tokens[k], "adverb") for k in range(start, first - 1)) \
            or any(tokens[k].text in ",:;" for k in range(start, first - 1)):
        return  # nothing but adverbs (or another clause) between the verb and the comma
    draft.message = (start, last)
    draft.frame = (draft.frame[0], start)


COMPARATIVE = frozenset({"als", "than"})
MAX_OBJECT = 8  # tokens of the object before a predicative "als"
MAX_INSERTION = 12  # tokens of an apposition or relative clause inside the verb's bracket


def particle_after_insertion(tokens: list[Token], boundary: int,
                              particles: frozenset[str]) -> int | None:
    """The particle that closes a clause after an inserted apposition or relative clause
    between commas ("teilte der Vorsitzende, Max Muster, mit", "gab die Firma, die ... ,
    bekannt, dass"), or after a bracket ("teilte am Abend (Ortszeit) mit"): its index, if it
    ends the sentence or its clause."""
    if boundary < len(tokens) and tokens[boundary].text == "(":
        close = next((k for k in range(boundary + 1, min(len(tokens), boundary + MAX_INSERTION))
                      if tokens[k].text in "()"), None)
        if close is None or tokens[close].text != ")":
            return None
        last = clause_end(tokens, close + 1) - 1
        return last if last > close and tokens[last].lower in particles else None
    if boundary >= len(tokens) or tokens[boundary].text != ",":
        return None
    for k in range(boundary + 2, min(len(tokens) - 1, boundary + MAX_INSERTION)):
        if tokens[k].text in ".;:":
            return None
        if tokens[k].text == ",":
            last = clause_end(tokens, k + 1) - 1
            return last if last > k and tokens[last].lower in particles else None
    return None


MAX_NAME = 4  # words of a name that opens a sentence ("Karl-Heinz M. Muster")
_NAME_PARTICLES = frozenset({"von", "zu", "van", "de", "der", "den", "da", "di", "del", "al"})


def subject_with_apposition(tokens: list[Token], s: int,
                             g: SpeechGrammar) -> tuple[int, int] | None:
    """The subject before a verb that follows a comma, when nobody follows the verb and all
    before the comma is a name and its apposition ("Karl Muster, Sprecher der Stadt,
    kritisierte, ..."): not a message before the verb ("„...“, sagte X")."""
    if s < 4 or tokens[s - 1].text != ",":
        return None
    commas = [k for k in range(1, s - 1) if tokens[k].text == ","]
    if len(commas) != 1 or commas[0] > MAX_NAME + 3:
        return None
    inner = commas[0]
    name = [k for k in range(inner) if tokens[k].lower not in _NAME_PARTICLES]
    party = inner > 3 and tokens[inner - 3].text == "(" and tokens[inner - 1].text == ")"
    if party:  # "Karla Muster (SPD), ..."
        name = [k for k in name if k < inner - 3]
    if not name or len(name) > MAX_NAME or not all(is_capitalised(tokens[k]) for k in name) \
            or phrase_end(tokens, inner + 1, s - 1, g) == inner + 1 \
            or any(g.cues.get(tokens[k].lower) for k in range(inner + 1, s - 1)):
        return None
    return (0, s - 1)


def wie_clause_with_quoted_name(tokens: list[Token], c: int,
                                 g: SpeechGrammar) -> tuple[int, int] | None:
    """The source of "Wie die Zeitung „Der Bote“ berichtete, ...": the words between "wie"
    (opening the sentence or after a comma) and the verb, when a quotation is among them
    (the phrase grammar stops at it)."""
    k = c - 1
    while k >= 0 and tokens[k].text not in ",;:" and tokens[k].lower not in REPORTING_SUBORDINATORS:
        k -= 1
    if k < 0 or tokens[k].lower not in REPORTING_SUBORDINATORS or k + 1 >= c \
            or (k > 0 and tokens[k - 1].text != ","):
        return None
    if not any(tokens[j].text in OPENING_QUOTES for j in range(k + 1, c)):
        return None
    return (k + 1, c)


KONJUNKTIV_REACH = 3  # tokens after the comma in which reported speech shows its verb


def reported_speech_after_adverbials(tokens: list[Token], draft: Draft,
                                      g: SpeechGrammar) -> None:
    """"berichtete telefonisch im Fernsehen, er warte auf Rettung": after adverbials the
    phrase grammar does not read, a comma and a clause in Konjunktiv I is the message."""
    first, last = draft.message
    if draft.kind != "after" or first < 1 or tokens[first - 1].text in ",:" \
            or tokens[first].text in OPENING_QUOTES or tokens[first].lower in THAT:
        return
    for k in range(first + 1, last - 1):
        if tokens[k].text in ";:" or g.has(tokens[k], "konjunktiv"):
            return
        if tokens[k].text == ",":
            relative = g.has(tokens[k + 1], "relative") and not is_capitalised(tokens[k + 2])
            if not relative and any(g.has(tokens[j], "konjunktiv")
                                    for j in range(k + 1, min(last, k + 1 + KONJUNKTIV_REACH))):
                draft.message = (k + 1, last)
                draft.frame = (draft.frame[0], k + 1)
            return


def about_it(tokens: list[Token], k: int, c: int) -> bool:
    """"sagte dazu, ...", "erklärte dazu:": "dazu" (about it) right after a verb without a
    particle is an adverbial, not part of the cue (the task marks "sagte")."""
    return k == c + 1 and tokens[k].lower == "dazu" and k + 1 < len(tokens) \
        and tokens[k + 1].text in (",", ":")


def predicative_and_expletive(tokens: list[Token], draft: Draft, g: SpeechGrammar) -> None:
    """The task's cue extent: the predicative "als" of a verb that names what something is
    ("bezeichnete den Angriff als „feige“", "wertete das Ergebnis als Erfolg") and the
    expletive "es" of an impersonal passive ("Es wird befürchtet, dass ...")."""
    first, last = draft.message
    if draft.kind == "after" and draft.role in CLAUSE_ROLES and tokens[first - 1].text not in ",:;":
        # the object comes first, then "als" and what it is called: that is the message
        for k in range(first, min(last - 1, first + MAX_OBJECT)):
            if tokens[k].text in ",:;" or tokens[k].text in OPENING_QUOTES \
                    or tokens[k].lower in COORDINATORS:
                break  # "zeigte sich bestürzt und verurteilte X als ...": another verb's
            if g.has(tokens[k], "predicative"):
                draft.cue.append(k)
                draft.message = (k + 1, last)
                draft.frame = (draft.frame[0], k + 1)
                break
    before = min(draft.cue) - 1
    if before >= 0 and g.has(tokens[before], "expletive") and (
            draft.source is None or draft.source == (before, before + 1)) \
            and (before == 0 or tokens[before - 1].text in ",;:"
                 or g.has(tokens[before - 1], "conjunction")):
        draft.cue.insert(0, before)
        draft.source = None
        draft.frame = (min(draft.frame[0], before), draft.frame[1])
