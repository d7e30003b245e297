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
    """A quantity with a counted noun: a claim to assemble; offsets relative to the sentence."""

    sentence: Sentence
    start: int
    end: int
    quantity: Quantity
    counted: Counted


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
    for step in range(5):
        demonym = grammar.demonym.match(text, position, limit)
        if demonym is not None:
            demonyms.append(
                ActorMention(demonym.start(1), demonym.end(1), demonym.group(1), "", "adjective")
            )
            position = demonym.end()
            continue
        match = grammar.word.match(text, position, limit)
        if match is None:
            break
        word = match.group(1)
        unit = _unit_of(word, grammar)
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
        counted = _counted(stext, q_end, limit, grammar) or _bare_outcome(
            stext, q_end, limit, grammar
        )
        if counted is None:
            continue
        unit = _unit_with_outcome(stext, q_start, counted, limit, grammar)
        if unit != counted.unit:
            counted = Counted(counted.end, counted.counted_text, unit, counted.demonyms, None)
        candidates.append(Candidate(sentence, q_start, counted.end, quantity, counted))
    return candidates
