"""Reporting verbs: the source, message and frame of a German or English speech verb (the
rules are described in :mod:`analysis.extract.attribution`)."""

from __future__ import annotations

from analysis.extract.speech_clauses import (
    AGENT,
    ATTACHED,
    BE,
    REPORTING_SUBORDINATORS,
    Draft,
    content_end,
    message_after,
    skip_adverbials,
    subject_after,
    with_apposition,
)
from analysis.extract.speech_extents import (
    COMPARATIVE,
    about_it,
    particle_after_insertion,
    reshape,
    subject_with_apposition,
    wie_clause_with_quoted_name,
)
from analysis.extract.speech_grammar import (
    CLAUSE_ROLES,
    CLOSING_QUOTES,
    SpeechGrammar,
    Token,
)
from analysis.extract.speech_phrases import (
    clause_end,
    clause_start,
    is_capitalised,
    phrase_before,
    phrase_end,
)
from analysis.extract.speech_subjects import (
    AMBIGUOUS_PRONOUNS,
    COORDINATORS,
    DEMONSTRATIVES,
    IRREGULAR_PARTICIPLES,
    NOMINATIVE_PRONOUNS,
    OBJECT_PRONOUNS,
    PASSIVE,
    conjunct_start,
    coordinated,
    coordinated_subject,
    german_cue,
    is_passive,
    relative_before,
    subject_first,
    subordinator_before_apposition,
    whole_vorfeld,
)

POSTPOSED_SO = frozenset({"so"})  # ", so sagte der Minister": part of the cue


def german_verb(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> Draft | None:
    draft = _german_verb_draft(tokens, c, g, role, subject_end, width)
    if draft is not None:
        start = min(draft.frame[0], c)
        source = draft.source
        extended = german_cue(tokens, draft.cue, start, c, g)
        draft.cue = [k for k in extended if (not source or not source[0] <= k < source[1])
                     and not about_it(tokens, k, c)]
        last = max(draft.cue)
        if draft.kind == "after" and draft.message[0] <= last < draft.message[1]:
            # the cue grew over the message's start ("äußerte sich"): what is left, if any
            if last + 1 >= draft.message[1]:
                return None
            draft.message = (last + 1, draft.message[1])
        reshape(tokens, draft, g)
    return draft


def _german_verb_draft(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> Draft | None:
    end = content_end(tokens)
    if c > 0 and tokens[c - 1].lower in COMPARATIVE and clause_end(tokens, c + width) == c + width:
        return None  # "früher als erwartet": a comparison, nobody speaks
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
        later = particle_after_insertion(tokens, boundary, particles - {""})
        if later is None:
            return None
        cue.append(later)  # "Dies teilte der Vorsitzende, Max Muster, mit."
    after_cue = max(cue) + 1
    s = clause_start(tokens, subject_end, g) if subject_end < c else clause_start(tokens, c, g)
    if s >= 2 and g.has(tokens[s], "relative") and g.has(tokens[s - 1], "preposition") \
            and tokens[s - 2].text == ",":
        s -= 1  # ", an dem Südkorea, die USA und die Ukraine erklärt haben"
    while s < c and g.has(tokens[s], "conjunction"):
        s += 1  # ", doch Kiew spricht von ...": the conjunction opens the clause
    s = subordinator_before_apposition(tokens, s, g)
    first = tokens[s]
    intro = 0
    verb_final = all(g.has(tokens[k], "auxiliary") or k in cue for k in range(c, boundary))
    if s < c and g.has(first, "subordinator") and verb_final:
        intro = 1
    elif s < c and s > 0 and tokens[s - 1].text == ",":
        if g.has(first, "relative") and not coordinated(tokens, s, c, g):
            intro = 1
        elif g.has(first, "preposition") and s + 1 < c and g.has(tokens[s + 1], "relative"):
            intro = 2
    clause_only = role in CLAUSE_ROLES
    if s + 1 == c and s > 1 and tokens[s].lower in POSTPOSED_SO \
            and tokens[s - 1].text in (",", "–", "—"):
        # "..., so urteilte das Gericht": "so" and the verb, the subject after them
        source = with_apposition(tokens, subject_after(tokens, c + 1, boundary, g), g)
        if source is not None:
            stop = clause_end(tokens, max(after_cue, source[1]))
            return Draft(role, [s, *cue], source, (0, s - 1), (s - 1, max(stop, after_cue)),
                         "before")
    if intro:
        source = subject_after(tokens, s + intro, c, g)
        if source is None and intro == 1 and g.has(first, "relative") and s >= 2:
            source = phrase_before(tokens, s - 1, 0, g)  # ", der sagte": who "der" is
        if first.lower in REPORTING_SUBORDINATORS and intro == 1:
            frame_end = clause_end(tokens, after_cue)
            if s == 0:
                message = message_after(tokens, frame_end, end, g, False)
                if message is None:
                    return None
                return Draft(role, cue, source, message, (0, message[0]), "after")
            opening = s - 1 if tokens[s - 1].text == "," else s
            return Draft(role, cue, source, (0, opening), (opening, frame_end), "before")
        message = message_after(tokens, after_cue, end, g, clause_only)
        if message is None:
            return None
        return Draft(role, cue, source, message, (s, message[0]), "after")
    relative = relative_before(tokens, s, g) if s == c else None
    if relative is not None:  # "Deiss, der sich ... entschlossen hatte, sagte, er wolle ..."
        message = message_after(tokens, after_cue, end, g, clause_only)
        if message is None:
            return None
        return Draft(role, cue, relative, message, (relative[0], message[0]), "after")
    if s == c:  # first in its clause: "„...“, sagte der Minister"
        quoted_source = wie_clause_with_quoted_name(tokens, c, g)
        if quoted_source is not None:  # "Wie „Die Welt“ berichtet, sind 30 ..."
            frame_end = clause_end(tokens, after_cue)
            message = message_after(tokens, frame_end, end, g, False)
            w = quoted_source[0] - 1
            if message is not None and message[0] < message[1]:
                return Draft(role, [w, *cue], quoted_source, message, (w, message[0]),
                             "after")
            if w > 1:  # "..., wie die „Rundschau“ meldet.": the clause before is the message
                return Draft(role, [w, *cue], quoted_source, (0, w - 1),
                             (w - 1, max(frame_end, after_cue)), "before")
        source = with_apposition(tokens, subject_after(tokens, c + 1, boundary, g), g)
        fronted = subject_with_apposition(tokens, s, g) if source is None else None
        if fronted is not None:  # "Karl Muster, Sprecher der Stadt, sprach von ..."
            message = message_after(tokens, after_cue, end, g, clause_only)
            if message is None and after_cue < end:
                message = (after_cue, end)  # no clause: the object is what is reported
            if message is not None:
                return Draft(role, cue, fronted, message, (0, message[0]), "after")
        if s > 0:
            opening = s - 1 if tokens[s - 1].text == "," else s
            stop = clause_end(tokens, max(after_cue, source[1] if source else after_cue))
            return Draft(role, cue, source, (0, opening), (opening, max(stop, after_cue)),
                          "before")
        message = message_after(tokens, after_cue, end, g, clause_only)
        if message is None:
            return None
        return Draft(role, cue, source, message, (0, message[0]), "after")
    agent = phrase_before(tokens, c, s, g)
    if agent is not None and agent[0] > s and tokens[agent[0] - 1].lower in AGENT:
        # Passive: "Die Zahl wurde vom Pentagon bestätigt".
        auxiliary = next((k for k in range(s, agent[0]) if g.has(tokens[k], "auxiliary")),
                         agent[0] - 1)
        return Draft(role, cue, agent, (s, auxiliary), (auxiliary, clause_end(tokens, c)),
                      "before")
    finite = next(k for k in range(s, c + 1) if k == c or g.has(tokens[k], "auxiliary"))
    if tokens[s].lower in AGENT and finite < c and tokens[finite].lower in PASSIVE:
        # Passive with the agent first: "Von der Opposition wurde der Plan kritisiert".
        agent_end = phrase_end(tokens, s + 1, finite, g)
        if agent_end == finite and finite + 1 < c:
            return Draft(role, cue, (s + 1, finite), (finite + 1, c), (s, finite + 1), "after")
    conjunct = conjunct_start(tokens, s, c, g)
    if conjunct is not None:  # "Die Preise waren stabil und die Händler hoffen, ..."
        s = conjunct
        finite = next(k for k in range(s, c + 1) if k == c or g.has(tokens[k], "auxiliary"))
    vorfeld_end = min(finite, subject_end)
    source = coordinated_subject(tokens, s, c, cue, g)
    if source is None and s < finite and finite + 1 < boundary:
        after = tokens[finite + 1]
        if after.lower in NOMINATIVE_PRONOUNS or (
                after.lower in AMBIGUOUS_PRONOUNS and g.has(tokens[s], "oblique")
                and not g.has(tokens[s], "genitive")):
            # "Den Bürgern riet er, ...": a nominative pronoun right after the finite verb
            # is the subject; what stands before the verb is an object.
            source = (finite + 1, finite + 2)
    if source is None and vorfeld_end > s + 1 and g.has(tokens[s], "adverb") \
            and not g.has(tokens[s], "determiner") \
            and subject_first(tokens, s + 1, vorfeld_end, g) \
            and phrase_end(tokens, s + 1, vorfeld_end, g) == vorfeld_end:
        source = (s + 1, vorfeld_end)  # "Auch einige kleinere Parteien haben angekündigt"
    if source is None and vorfeld_end > s and subject_first(tokens, s, vorfeld_end, g):
        # German main clauses hold one phrase before the finite verb: all of it is the
        # subject ("Ein Regierungssprecher in Berlin sagte").
        stop = vorfeld_end - 1 if tokens[vorfeld_end - 1].text == "," else vorfeld_end
        while stop > s + 1 and g.has(tokens[stop - 1], "adverb"):
            stop -= 1  # "Die Kanadier hingegen sagen"
        reach = phrase_end(tokens, s, stop, g)
        if reach > s and (reach == stop or tokens[reach].lower in ATTACHED):
            source = (s, stop)
    if source is None:  # after the whole cue: "Einige vertreten die Auffassung, ..."
        source = subject_after(tokens, c + width if finite == c else finite + 1, boundary, g)
    if source is None and vorfeld_end == finite:
        source = whole_vorfeld(tokens, s, vorfeld_end, g)
    if source is not None and (
            is_passive(tokens, s, c, boundary) or tokens[source[0]].lower in OBJECT_PRONOUNS):
        # "Die Zahl muss noch bestätigt werden": a passive's subject undergoes the act and
        # "Ihm drohen 20 Jahre Haft": a dative pronoun is nobody's subject
        source = None
    frame_from = max(after_cue, source[1] if source else after_cue)
    message = message_after(tokens, frame_from, end, g, clause_only)
    if message is None and source is not None and frame_from < end:
        # No clause: the object is what is reported ("forderte den Rücktritt des Ministers")
        message = message_after(tokens, frame_from, end, g, False) or (frame_from, end)
    if message is None and source is not None and finite == s + 1 \
            and tokens[s].lower in DEMONSTRATIVES:
        message = (s, s + 1)  # "Das sagte ein Sprecher.": it reports what "Das" stands for
    if message is None and len(cue) > width and frame_from > cue[-1] > c + 1:
        # "forderte die Regierung zu Gesprächen auf", "kündigte er seine Kandidatur an":
        # the object inside the verb's bracket is what is reported
        start = source[1] if source is not None and c < source[0] < cue[-1] else c + width
        if start < cue[-1]:
            message = (start, cue[-1])
    if message is None:
        return None
    return Draft(role, cue, source, message, (s, message[0]), "after")


def english_verb(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> Draft | None:
    end = content_end(tokens)
    clause_only = role in CLAUSE_ROLES
    last = c + width - 1
    auxiliary = c - 1
    while auxiliary > 0 and g.has(tokens[auxiliary], "adverb"):
        auxiliary -= 1  # "was later confirmed by"
    if auxiliary >= 0 and tokens[auxiliary].lower in BE and last + 1 < end \
            and tokens[last + 1].lower == "by":
        stop = phrase_end(tokens, last + 2, end, g)
        if stop > last + 2:
            return Draft(role, list(range(c, last + 1)), (last + 2, stop), (0, auxiliary),
                          (auxiliary, stop), "before")
    previous = tokens[c - 1] if c > 0 else None
    cue = list(range(c, last + 1))
    if subject_end == c and previous is not None and (
            previous.text == "," or previous.text in CLOSING_QUOTES):
        source = with_apposition(tokens, subject_after(tokens, last + 1, end, g), g)
        if source is not None and tokens[source[0]].lower != "that":
            stop = clause_end(tokens, source[1])
            return Draft(role, cue, source, (0, c - 1), (c - 1, stop), "before")
    k = subject_end - 1
    while k >= 0 and (g.has(tokens[k], "auxiliary") or g.has(tokens[k], "adverb")
                      or tokens[k].lower in ("not", "n't")):
        k -= 1
    source = phrase_before(tokens, k + 1, 0, g)
    if any(tokens[j].lower in BE for j in range(k + 1, c)) and (
            tokens[c].lower.endswith("ed") or tokens[c].lower in IRREGULAR_PARTICIPLES):
        source = None  # "The toll has been estimated at 300": a passive's subject is no speaker
    if k > 0 and tokens[k].lower in COORDINATORS:  # "The ministry denied it and said"
        source = coordinated_subject(tokens, clause_start(tokens, k, g), k + 1, [k + 1], g)
    start = _skip_addressee(tokens, last + 1, end, g, tokens[c].lower)
    message = message_after(tokens, start, end, g, clause_only)
    if message is None and clause_only and start < end and (
            is_capitalised(tokens[start]) or g.has(tokens[start], "determiner")
            or g.has(tokens[start], "pronoun") or tokens[start].text[:1].isdigit()):
        message = (start, end)  # "believes North Korea has shipped ...": a clause
    if message is not None and message[0] < end:
        frame_start = source[0] if source else c
        return Draft(role, cue, source, message, (frame_start, message[0]), "after")
    if source is not None and source[0] > 0 \
            and tokens[source[0] - 1].text in {","} | CLOSING_QUOTES:
        opening = source[0] - 1
        return Draft(role, cue, source, (0, opening), (opening, end), "before")
    return None


def _skip_addressee(tokens: list[Token], k: int, end: int, g: SpeechGrammar, form: str) -> int:
    """After "told", "informed", "briefed": the addressee ("told reporters in Washington")."""
    k = skip_adverbials(tokens, k, end, g)
    if form in ("told", "tell", "tells", "informed", "briefed") and k < end:
        stop = phrase_end(tokens, k, end, g)
        if stop > k:
            k = skip_adverbials(tokens, stop, end, g)
    return k
