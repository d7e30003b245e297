"""Reporting verbs: the source, message and frame of a German or English speech verb (the
rules are described in :mod:`analysis.extract.attribution`)."""

from __future__ import annotations

from analysis.extract.speech_clauses import (
    ADVERB_ENDINGS,
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
    is_verb_cue,
    phrase_before,
    phrase_end,
)


def german_verb(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> Draft | None:
    draft = _german_verb_draft(tokens, c, g, role, subject_end, width)
    if draft is not None:
        start = min(draft.frame[0], c)
        source = draft.source
        extended = _german_cue(tokens, draft.cue, start, c, g)
        draft.cue = [k for k in extended if not source or not source[0] <= k < source[1]]
        last = max(draft.cue)
        if draft.kind == "after" and draft.message[0] <= last < draft.message[1]:
            # the cue grew over the message's start ("äußerte sich"): what is left, if any
            if last + 1 >= draft.message[1]:
                return None
            draft.message = (last + 1, draft.message[1])
    return draft


def _german_verb_draft(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> Draft | None:
    end = content_end(tokens)
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
    s = _subordinator_before_apposition(tokens, s, g)
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
    relative = _relative_before(tokens, s, g) if s == c else None
    if relative is not None:  # "Deiss, der sich ... entschlossen hatte, sagte, er wolle ..."
        message = message_after(tokens, after_cue, end, g, clause_only)
        if message is None:
            return None
        return Draft(role, cue, relative, message, (relative[0], message[0]), "after")
    if s == c:  # first in its clause: "„...“, sagte der Minister"
        source = with_apposition(tokens, subject_after(tokens, c + 1, boundary, g), g)
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
    if tokens[s].lower in AGENT and finite < c and tokens[finite].lower in _PASSIVE:
        # Passive with the agent first: "Von der Opposition wurde der Plan kritisiert".
        agent_end = phrase_end(tokens, s + 1, finite, g)
        if agent_end == finite and finite + 1 < c:
            return Draft(role, cue, (s + 1, finite), (finite + 1, c), (s, finite + 1), "after")
    conjunct = _conjunct_start(tokens, s, c, g)
    if conjunct is not None:  # "Die Preise waren stabil und die Händler hoffen, ..."
        s = conjunct
        finite = next(k for k in range(s, c + 1) if k == c or g.has(tokens[k], "auxiliary"))
    vorfeld_end = min(finite, subject_end)
    source = _coordinated_subject(tokens, s, c, cue, g)
    if source is None and s < finite and finite + 1 < boundary:
        after = tokens[finite + 1]
        if after.lower in _NOMINATIVE_PRONOUNS or (
                after.lower in _AMBIGUOUS_PRONOUNS and g.has(tokens[s], "oblique")
                and not g.has(tokens[s], "genitive")):
            # "Den Bürgern riet er, ...": a nominative pronoun right after the finite verb
            # is the subject; what stands before the verb is an object.
            source = (finite + 1, finite + 2)
    if source is None and vorfeld_end > s + 1 and g.has(tokens[s], "adverb") \
            and not g.has(tokens[s], "determiner") \
            and _subject_first(tokens, s + 1, vorfeld_end, g) \
            and phrase_end(tokens, s + 1, vorfeld_end, g) == vorfeld_end:
        source = (s + 1, vorfeld_end)  # "Auch einige kleinere Parteien haben angekündigt"
    if source is None and vorfeld_end > s and _subject_first(tokens, s, vorfeld_end, g):
        # German main clauses hold one phrase before the finite verb: all of it is the
        # subject ("Ein Regierungssprecher in Berlin sagte").
        stop = vorfeld_end - 1 if tokens[vorfeld_end - 1].text == "," else vorfeld_end
        while stop > s + 1 and g.has(tokens[stop - 1], "adverb"):
            stop -= 1  # "Die Kanadier hingegen sagen"
        reach = phrase_end(tokens, s, stop, g)
        if reach > s and (reach == stop or tokens[reach].lower in ATTACHED):
            source = (s, stop)
    if source is None:
        source = subject_after(tokens, finite + 1, boundary, g)
    if source is None and vorfeld_end == finite:
        source = _whole_vorfeld(tokens, s, vorfeld_end, g)
    if source is not None and (
            _is_passive(tokens, s, c, boundary) or tokens[source[0]].lower in _OBJECT_PRONOUNS):
        # "Die Zahl muss noch bestätigt werden": a passive's subject undergoes the act and
        # "Ihm drohen 20 Jahre Haft": a dative pronoun is nobody's subject
        source = None
    frame_from = max(after_cue, source[1] if source else after_cue)
    message = message_after(tokens, frame_from, end, g, clause_only)
    if message is None and source is not None and frame_from < end:
        # No clause: the object is what is reported ("forderte den Rücktritt des Ministers")
        message = message_after(tokens, frame_from, end, g, False) or (frame_from, end)
    if message is None and source is not None and finite == s + 1 \
            and tokens[s].lower in _DEMONSTRATIVES:
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


_PASSIVE = frozenset({"wurde", "wurden", "wird", "werden", "worden"})
_IRREGULAR_PARTICIPLES = frozenset({"told", "said", "thought", "known", "shown", "written"})
_DEMONSTRATIVES = frozenset({"das", "dies", "dieses"})
# Pronominal adverbs that stand for the reported clause: part of the cue, as SpkAtt marks it.
_CORRELATES = frozenset({"dafür", "damit", "darauf", "dazu", "davon", "darüber", "daran",
                         "darum", "dagegen"})
_OBJECT_PRONOUNS = frozenset({"ihm", "ihn", "ihnen", "mir", "mich", "dir", "dich", "uns",
                              "euch"})


def _is_passive(tokens: list[Token], s: int, c: int, boundary: int) -> bool:
    """A German passive clause: a form of "werden" with the participle cue ("wurde ...
    bestätigt", "muss bestätigt werden"), no agent handled here (the callers take one
    first)."""
    cue = tokens[c].lower
    if not (cue.startswith("ge") or cue.endswith("t")) or cue.endswith(("te", "ten")):
        return False
    return any(tokens[k].lower in _PASSIVE for k in range(s, boundary) if k != c)


_NOMINATIVE_PRONOUNS = frozenset({"er", "ich", "wir"})
_AMBIGUOUS_PRONOUNS = frozenset({"sie"})  # the subject only after an object in the Vorfeld
_MAX_VORFELD = 8  # tokens of a subject the phrase grammar does not read, taken whole


def _whole_vorfeld(tokens: list[Token], s: int, finite: int, g: SpeechGrammar
                   ) -> tuple[int, int] | None:
    """A German main clause holds one constituent before its finite verb; when no subject
    follows the verb, that constituent is the subject even where the phrase grammar cannot
    read it: a name with lower-case words ("Ärzte ohne Grenzen", "die taz", "t-online.de"),
    a demonstrative ("Diese besagt"), a quoted title ("Die „Süddeutsche Zeitung“")."""
    if not 0 < finite - s <= _MAX_VORFELD or not _subject_first(tokens, s, finite, g):
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


_COORDINATORS = frozenset({"und", "sowie", "and"})


def _subordinator_before_apposition(tokens: list[Token], s: int, g: SpeechGrammar) -> int:
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


def _conjunct_start(tokens: list[Token], s: int, c: int, g: SpeechGrammar) -> int | None:
    """Start of a clause coordinated by "und" right before the verb at ``c``, when what
    precedes "und" is a clause of its own (not one phrase of a list: "Polen und die Slowakei
    erklärten") and a subject phrase stands between "und" and the verb."""
    for j in range(c - 2, s, -1):
        if tokens[j].lower not in _COORDINATORS:
            continue
        finite = next(k for k in range(j + 1, c + 1) if k == c or g.has(tokens[k], "auxiliary"))
        if phrase_end(tokens, j + 1, finite, g) != finite or finite == j + 1 \
                or not _subject_first(tokens, j + 1, finite, g):
            return None
        if phrase_end(tokens, s, j, g) == j or any(tokens[k].text == "," for k in range(s, j)):
            return None
        return j + 1
    return None


def _coordinated_subject(tokens: list[Token], s: int, c: int, cue: list[int], g: SpeechGrammar
                         ) -> tuple[int, int] | None:
    """The shared subject of coordinated verbs: "Der Minister besuchte die Front und sagte,
    ..." / "The ministry denied the report and said ...": the phrase that opens the clause,
    when it is a subject and the reporting verb (or its auxiliary) follows "und"/"and"."""
    first_cue = min(cue)
    if first_cue - s < 3 or tokens[first_cue - 1].lower not in _COORDINATORS:
        return None
    if not _subject_first(tokens, s, first_cue - 1, g):
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
            or following.lower in _COORDINATORS or g.has(following, "preposition"):
        return None
    return (s, end)


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
        if k < c and g.has(token, "auxiliary") and k > s - 1 and not any(
                tokens[j].lower in _COORDINATORS or tokens[j].text == ","
                for j in range(k + 1, c)):
            found.add(k)  # not across "und": "Die Preise waren stabil und wir hoffen"
        elif k > max(cue) and g.has(token, "auxiliary") and tokens[k - 1].text not in ",":
            if all(j in found or g.has(tokens[j], "auxiliary") for j in range(c, k)):
                found.add(k)
    if len(cue) > 1 and cue[-1] >= 1 and tokens[cue[-1] - 1].lower in ("davon", "darauf", "damit",
                                                                      "dazu"):
        found.add(cue[-1] - 1)
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
    if s == 0 and finite == 1 and first.lower.endswith(ADVERB_ENDINGS):
        return False
    if s == 0 and finite > 1 and first.lower.endswith(("end", "lich")) and \
            g.has(tokens[1], "preposition"):
        return False  # "Passend zu den Gefahren warnte ..."
    return True


def english_verb(
    tokens: list[Token], c: int, g: SpeechGrammar, role: str, subject_end: int, width: int = 1,
) -> Draft | None:
    end = content_end(tokens)
    clause_only = role == "verb_clause"
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
            tokens[c].lower.endswith("ed") or tokens[c].lower in _IRREGULAR_PARTICIPLES):
        source = None  # "The toll has been estimated at 300": a passive's subject is no speaker
    if k > 0 and tokens[k].lower in _COORDINATORS:  # "The ministry denied it and said"
        source = _coordinated_subject(tokens, clause_start(tokens, k, g), k + 1, [k + 1], g)
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
