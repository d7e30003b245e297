"""What a quantity counts: the counted noun and what happened to the counted people.

Rules (vocabularies in ``data/lexicon/<lang>/``, compiled in
:mod:`analysis.extract.claim_grammar`):

* **Counted noun.** After the quantity come up to three adjective-like words (German:
  lower-case words; English: lower-case words or demonyms such as "North Korean"; a
  leading "von"/"of" is allowed) and then a noun of ``units.csv`` ("Truppen",
  "Artilleriegranaten" by suffix, "troops"). German nouns are capitalised, so a lower-case
  word is never the noun ("tote" before a noun is an adjective). "Tote und Verletzte" /
  "dead and wounded" is one count of ``casualties``. The bare form "über 4.000 verletzt" /
  "more than 4,000 were wounded" (auxiliaries allowed) uses ``outcomes.csv``. Anything
  else is not a claim: years, distances ("25 Meilen") and durations ("einen Monat") have
  no counted noun. A quantity's noun must come before the next quantity.
* **What happened to them** overrides the noun's unit for people (troops, soldiers,
  other): an outcome word later in the same clause ("2.000 Soldaten ... getötet"),
  an outcome verb just before the number ("killed 2,000 soldiers") or an outcome
  adjective before the noun ("getötete Soldaten"). Two different outcomes ("killed or
  wounded") make ``casualties``.

Demonyms met on the way to the noun ("nordkoreanische Truppen") are kept: they name the
actor (:mod:`analysis.extract.claim_actors`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.extract.claim_grammar import CASUALTY_UNITS, PEOPLE_UNITS, ClaimGrammar
from analysis.extract.mentions import ActorMention
from analysis.extract.numbers import Quantity
from analysis.extract.sentences import Sentence, sentence_at
from analysis.lexicon.reader import term_key

_PAIR = re.compile(r"\s+(?:und|oder|and|or)\s+([^\W\d_][\w-]*)")
_CLAUSE_END = re.compile(r"[,;:–—()]")
_CLOSING_QUOTES = frozenset("“”\"«»")
_COUNTED_PEOPLE = PEOPLE_UNITS | CASUALTY_UNITS
# A calibre between the number and the noun: "122-mm-Granaten", "152 mm shells".
_CALIBRE = re.compile(r"[ \t\u00a0\u202f]+\d+(?:[.,]\d+)?[ -]?(?:mm|cm|Millimeter|millimeter|"
                      r"millimetre|Zentimeter|Kaliber|caliber|calibre)(?![^\W\d_])-?")
_GLUED_WORD = re.compile(r"[ \t\u00a0\u202f]*([^\W\d_][\w'’-]*)")
_CLAUSE_START = re.compile(r"[,;:–—(]\s*|^", re.MULTILINE)
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Counted:
    """The counted noun after a quantity (offsets relative to the sentence)."""

    end: int
    counted_text: str
    unit: str
    demonyms: tuple[ActorMention, ...]
    outcome_unit: str | None


@dataclass(frozen=True)
class Candidate:
    """A quantity with a counted noun: a claim to assemble; offsets relative to the sentence.

    ``open_upper``: "or more" / "oder mehr" follows the number (a lower bound).
    """

    sentence: Sentence
    start: int
    end: int
    quantity: Quantity
    counted: Counted
    open_upper: bool = False


def _unit_of(word: str, grammar: ClaimGrammar) -> str | None:
    lowered = word.lower()
    if grammar.language == "de" and not word[0].isupper():
        return None  # German nouns are capitalised; "tote" before a noun is an adjective
    unit = grammar.units_word.get(lowered)
    if unit is not None:
        return unit
    for suffix, suffix_unit in grammar.units_suffix:
        if lowered.endswith(suffix):
            return suffix_unit
    return None


def _outcome_unit(found: Iterable[str], grammar: ClaimGrammar) -> str | None:
    units = {grammar.outcome_units.get(term_key(f)) for f in found} - {None}
    if not units:
        return None
    return units.pop() if len(units) == 1 else "casualties"


def _outcome_stem_unit(word: str, grammar: ClaimGrammar) -> str | None:
    """Outcome adjectives before the noun: "getötete", "verwundeten", "wounded"."""
    lowered = word.lower()
    for term, unit in grammar.outcome_units.items():
        if " " not in term and lowered.startswith(term) and len(lowered) - len(term) <= 2:
            return unit
    return None


def _counted(text: str, position: int, limit: int, grammar: ClaimGrammar) -> Counted | None:
    """The counted noun after a quantity ending at ``position`` (see module docstring)."""
    demonyms: list[ActorMention] = []
    outcome: str | None = None
    if text[position:position + 1] in _CLOSING_QUOTES:
        position += 1  # „einige tausend“ Soldaten
    previous = ""
    for step in range(5):
        calibre = _CALIBRE.match(text, position, limit)
        if calibre is not None:  # "122-mm-Granaten", "152-mm shells": a calibre, no count
            position = calibre.end()
            glued = _GLUED_WORD.match(text, position, limit)
            if glued is not None and glued.start(1) == position:
                unit = _unit_of(glued.group(1), grammar)
                if unit is not None:
                    return Counted(glued.end(), glued.group(1), unit, tuple(demonyms), outcome)
            continue
        demonym = grammar.demonym.match(text, position, limit)
        if demonym is not None:
            demonyms.append(
                ActorMention(demonym.start(1), demonym.end(1), demonym.group(1), "", "adjective")
            )
            position = demonym.end()
            joined = _PAIR.match(text, position, limit)  # "russische und ukrainische Soldaten"
            if joined is not None and grammar.demonym.match(text, joined.start(1) - 1, limit):
                position = joined.start(1) - 1
            continue
        match = grammar.word.match(text, position, limit)
        if match is None:
            break
        word = match.group(1)
        unit = grammar.units_word.get(f"{previous} {word.lower()}") if previous else None
        unit = unit or _unit_of(word, grammar)  # "artillery pieces" before "pieces"
        previous = word.lower()
        if unit is not None:
            end = match.end()
            # "Tote und Verletzte", "dead and wounded": one count of casualties.
            pair = _PAIR.match(text, end, limit)
            if pair is not None and unit in CASUALTY_UNITS:
                other = _unit_of(pair.group(1), grammar)
                if other in CASUALTY_UNITS and other != unit:
                    return Counted(pair.end(), text[match.start(1):pair.end()], "casualties",
                                   tuple(demonyms), None)
            return Counted(end, word, unit, tuple(demonyms), outcome)
        lowered = word.lower()
        connector = step == 0 and lowered in ("von", "of")
        if connector or (word[0].islower() and lowered not in grammar.stop and step < 4):
            outcome = outcome or _outcome_stem_unit(word, grammar)
            position = match.end()
            continue
        break
    return None


def _bare_outcome(text: str, position: int, limit: int, grammar: ClaimGrammar) -> Counted | None:
    match = grammar.bare_outcome.match(text, position, limit)
    if match is None:
        return None
    found = [word for word in match.groups() if word]
    unit = _outcome_unit(found, grammar) or "casualties"
    counted_text = text[match.start(1):match.end()]  # "getötet", "killed and wounded"
    return Counted(match.end(), counted_text, unit, (), None)


def _clause_end(text: str, start: int, limit: int) -> int:
    match = _CLAUSE_END.search(text, start, limit)
    return match.start() if match else limit


def _unit_with_outcome(
    stext: str, q_start: int, counted: Counted, limit: int, grammar: ClaimGrammar
) -> str:
    if counted.unit not in PEOPLE_UNITS:
        return counted.unit
    clause_end = _clause_end(stext, counted.end, limit)
    found = [m.group(0) for m in grammar.outcome.finditer(stext, counted.end, clause_end)]
    unit = _outcome_unit(found, grammar)
    if unit is None:
        before = grammar.outcome_before.search(stext, max(0, q_start - 40), q_start)
        if before is not None:
            unit = _outcome_unit([grammar.outcome.search(before.group(0)).group(0)], grammar)
    return unit or counted.outcome_unit or counted.unit


def _elliptic(text: str, position: int, limit: int, grammar: ClaimGrammar,
              antecedent: str | None) -> Counted | None:
    """"300 von ihnen seien verwundet worden", "200 of them were wounded": the noun is an
    earlier one; what happened to them (or the earlier claim's unit) is the unit."""
    match = grammar.elliptic.match(text, position, limit)
    if match is None:
        return None
    outcome = _bare_outcome(text, match.end(), limit, grammar)
    if outcome is not None:
        return Counted(outcome.end, outcome.counted_text, outcome.unit, (), None)
    if antecedent in PEOPLE_UNITS:
        return Counted(match.end(), match.group(0).strip(), antecedent, (), None)
    return None


def _carried_by_verb(text: str, start: int, grammar: ClaimGrammar) -> Counted | None:
    """"Casualties topped 1,200", "Die Zahl der Toten überstieg die Marke von 500", "put
    North Korean losses at 800": the counted noun is in the clause before the verb."""
    verb = grammar.amount_verb.search(text, max(0, start - 80), start)
    head_end = verb.start() if verb is not None else None
    if head_end is None:  # "estimated the losses at 800", "bezifferte die Verluste auf 800"
        before = text[max(0, start - 6):start].rstrip().lower()
        if before.endswith((" at", " auf")):
            estimate = list(grammar.estimate_verb.finditer(text, max(0, start - 80), start))
            if estimate:
                verb = estimate[-1]
                # "put the losses at 800"; "Die Zahl der Granaten schätzt X auf vier Millionen"
                clause = max(m.end() for m in _CLAUSE_START.finditer(text, 0, verb.start() + 1))
                return _noun_between(text, verb.end(), start, grammar) or _noun_between(
                    text, clause, verb.start(), grammar)
        return None
    clause = max(m.end() for m in _CLAUSE_START.finditer(text, 0, head_end + 1))
    return _noun_between(text, clause, head_end, grammar)


def _noun_between(text: str, start: int, end: int, grammar: ClaimGrammar) -> Counted | None:
    """The first counted noun between ``start`` and ``end`` (the subject's head comes first:
    "Casualties among North Korean troops"), refined by an outcome in between."""
    words = list(_WORDS.finditer(text, start, end))
    demonyms = tuple(
        ActorMention(m.start(1), m.end(1), m.group(1), "", "adjective")
        for m in grammar.demonym.finditer(text, max(0, start - 1), end)
    )
    for number, word in enumerate(words):
        previous = words[number - 1].group(0).lower() if number else ""
        unit = grammar.units_word.get(f"{previous} {word.group(0).lower()}") or _unit_of(
            word.group(0), grammar)
        if unit is None:
            continue
        if unit in PEOPLE_UNITS:
            outcome = _outcome_unit(
                [m.group(0) for m in grammar.outcome.finditer(text, start, end)], grammar)
            stem = next((u for w in words[:number]
                         if (u := _outcome_stem_unit(w.group(0), grammar))), None)
            unit = outcome or stem or unit
        return Counted(end, word.group(0), unit, demonyms, None)
    return None


def counted_quantities(
    quantities: list[Quantity], sentences: list[Sentence], grammar: ClaimGrammar
) -> list[Candidate]:
    """The quantities (offsets into the article) followed by what they count, in order."""
    candidates: list[Candidate] = []
    for number, quantity in enumerate(quantities):
        sentence = sentence_at(sentences, quantity.start)
        if sentence is None or quantity.end > sentence.end:
            continue
        stext = sentence.text
        q_start = quantity.start - sentence.start
        q_end = quantity.end - sentence.start
        limit = len(stext)
        if number + 1 < len(quantities):
            limit = min(limit, max(q_end, quantities[number + 1].start - sentence.start))
        open_upper = grammar.open_upper.match(stext, q_end, limit)
        after = open_upper.end() if open_upper else q_end
        increment = grammar.increment_after.match(stext, after, limit)
        if increment is not None:  # "200 more had been wounded"
            after = increment.end()
        counted = _counted(stext, after, limit, grammar) or _bare_outcome(
            stext, after, limit, grammar
        )
        carried = False
        if counted is None:
            antecedent = None
            if candidates and candidates[-1].sentence.index >= sentence.index - 1:
                previous = candidates[-1].counted
                antecedent = _unit_of(previous.counted_text.split()[-1], grammar) or previous.unit
            counted = _elliptic(stext, after, limit, grammar, antecedent)
            if counted is None and antecedent in _COUNTED_PEOPLE and grammar.elliptic_before.search(
                    stext, max(0, q_start - 30), q_start):
                # "davon wurden 2 nach Kiew gebracht", "Of those, 900 ...": the earlier noun
                counted = Counted(q_end, stext[q_start:q_end], antecedent, (), None)
            if counted is None and antecedent in _COUNTED_PEOPLE and quantity.increment:
                # "Up to 1,000 more could arrive": more of what the sentence before counted
                counted = Counted(q_end, stext[q_start:q_end], antecedent, (), None)
        if counted is None:
            counted = _carried_by_verb(stext, q_start, grammar)
            carried = counted is not None
        if counted is None:
            continue
        if not carried:
            unit = _unit_with_outcome(stext, q_start, counted, limit, grammar)
            if unit != counted.unit:
                counted = Counted(counted.end, counted.counted_text, unit, counted.demonyms, None)
        end = q_end if carried else counted.end
        candidates.append(Candidate(sentence, q_start, end, quantity, counted, bool(open_upper)))
    return candidates
