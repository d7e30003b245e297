"""Stage 2, claims: numeric claims with bounds, unit, actor, location, claimant and date.

A claim is a quantity (:func:`analysis.extract.numbers.find_quantities`) followed by what it
counts. The rules, in the order they run (vocabularies in ``data/lexicon/<lang>/``):

* **Counted noun.** After the quantity come up to three adjective-like words (German:
  lower-case words; English: lower-case words or demonyms such as "North Korean"; a
  leading "von"/"of" is allowed) and then a noun of ``units.csv`` ("Truppen",
  "Artilleriegranaten" by suffix, "troops"). The bare form "über 4.000 verletzt" / "more
  than 4,000 were wounded" (auxiliaries allowed) uses ``outcomes.csv``. Anything else is
  not a claim: years, distances ("25 Meilen") and durations ("einen Monat") have no
  counted noun.
* **What happened to them** overrides the noun's unit for people (troops, soldiers,
  other): an outcome word later in the same clause ("2.000 Soldaten ... getötet"),
  an outcome adjective before the noun ("getötete Soldaten") or an outcome verb just
  before the number ("killed 2,000 soldiers"). Two different outcomes ("killed or
  wounded") make ``casualties``.
* **Actor.** A demonym inside the quote ("nordkoreanische Truppen"), a possessive right
  before the number ("Pyongyang's 10,000 troops") or a source right after the noun
  ("Truppen aus Nordkorea", "soldiers of North Korea", "Soldaten Nordkoreas").
  Otherwise inferred (flag ``actor_inferred``):
  - *hold rule*: "X's army holds / ties down N soldiers" (``hold`` cues): the soldiers
    are the opponent's (``data/lexicon/opponents.csv``); X is a demonym before the army
    noun, or, for a possessive pronoun ("seine Armee", "its forces"), the sentence's
    claimant. Seed: "seine Armee rund 50.000 Soldaten in Kursk festhält" said by
    Selenskyj -> RUS.
  - the nearest country or demonym mention in the sentence that is neither the claimant,
    nor the location, nor after a locative preposition, nor in a subordinate clause
    (preferring mentions before the number);
  - the previous sentence's only such country, if this sentence refers back ("sie",
    "diese", "they", "these").
  If none: null with flag ``actor_unknown``.
* **Location.** The nearest place after a locative preposition ("in der russischen Region
  Kursk", "nach Russland", "in the Kursk region") after the quote in the same sentence,
  else the nearest one before it. Codes: see :mod:`analysis.extract.mentions`.
* **Claimant.** The group of claimant mentions (:func:`analysis.extract.mentions.find_claimants`)
  nearest to a claim cue ("sagte", "bestätigten", "nach Schätzungen", "laut", "said",
  "according to"; within 40 characters) anywhere in the sentence, before or after the
  number, active or passive. None in the sentence, but the sentence continues the
  previous one ("Demnach ...", "sagte er", "he added", or a pronoun subject with a saying
  verb: "Er sagte ...", "She said ...") -> the previous sentence's claimant (its only
  claimant group, if it has no cue) with flag ``claimant_inferred``. Otherwise an empty
  list: the outlet states the figure itself. "According to the Pentagon" is a claimant,
  not a place; a bare "Kim" counts after "Kim Jong Un" earlier in the article or next to
  another claimant ("Putin und Kim"), see :func:`analysis.extract.mentions.find_claimants`.
* **As of.** Time expressions of the sentence (:mod:`analysis.extract.dates`), leaving out those
  in another subordinate clause ("– wo die Ukraine Anfang August ..."): the nearest one
  before the number, else the nearest after; "seit ..." sets ``since``. No expression:
  null.
* **Planned**: a ``planned`` cue in the sentence ("soll", "plant", "plans to", "will
  send"). **Increment**: from the quantity ("weitere", "another").
* **location_conflict** (per article): troops/soldiers of one actor placed in more than
  one country. The claims in the minority country are flagged (the odd one out; the
  seed's "in der Ukraine"); on a tie every claim involved is flagged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from analysis.core.tables import typed_frame
from analysis.corpus.catalog import Article
from analysis.extract.dates import find_time_expressions
from analysis.extract.mentions import (
    ActorMention,
    ClaimantMention,
    PlaceMention,
    actor_code,
    country_of,
    find_actors,
    find_claimants,
    find_places,
    is_locative,
)
from analysis.extract.numbers import Quantity, find_quantities
from analysis.extract.sentences import Sentence, sentence_at, split_sentences
from analysis.lexicon import reader as lexicon

PEOPLE_UNITS = frozenset({"troops", "soldiers", "other"})
CASUALTY_UNITS = frozenset({"killed", "wounded", "captured", "casualties"})
_PAIR = re.compile(r"\s+(?:und|oder|and|or)\s+([^\W\d_][\w-]*)")
FORCE_UNITS = frozenset({"troops", "soldiers"})
CLAIMANT_CUE_DISTANCE = 40


@dataclass(frozen=True)
class _Counted:
    end: int
    counted_text: str
    unit: str
    demonyms: tuple[ActorMention, ...]
    outcome_unit: str | None


@dataclass(frozen=True)
class _Grammar:
    """Everything compiled once per language."""

    language: str
    word: re.Pattern
    units_word: dict[str, str]
    units_suffix: tuple[tuple[str, str], ...]
    stop: frozenset[str]
    demonym: re.Pattern
    bare_outcome: re.Pattern
    outcome: re.Pattern
    outcome_units: dict[str, str]
    outcome_before: re.Pattern
    claim_cue: re.Pattern
    continuation_start: re.Pattern
    continuation_any: re.Pattern
    pronoun_start: re.Pattern
    planned: re.Pattern
    planned_modal: re.Pattern
    reportative: re.Pattern
    hold: re.Pattern
    army_owner: re.Pattern
    anaphora: re.Pattern
    subclause: re.Pattern
    source: re.Pattern
    opponents: dict[str, str]


def _words(language: str, role: str) -> list[str]:
    return lexicon.terms(language, "cues", role)


def _regex(words: Iterable[str], prefix: str = "", suffix: str = "") -> re.Pattern:
    words = list(words)
    # Searched over whole sentences: the bounded form of the same pattern lets re skip to
    # the first letters, which pays off when they are few (measured: up to about eight).
    if not prefix and len({word[:1].lower() for word in words}) <= 8:
        return re.compile(rf"{lexicon.bounded_pattern(words)}(?!\w){suffix}")
    return re.compile(rf"{prefix}(?<![\w-]){lexicon.term_pattern(words)}(?!\w){suffix}")


@cache
def _grammar(language: str) -> _Grammar:
    lexicon.check_language(language)
    units_word: dict[str, str] = {}
    units_suffix: list[tuple[str, str]] = []
    for row in lexicon.table(language, "units"):
        units_word[row["term"].lower()] = row["unit"]
        if row["match"] == "suffix":
            units_suffix.append((row["term"].lower(), row["unit"]))
    units_suffix.sort(key=lambda item: -len(item[0]))
    outcome_rows = lexicon.table(language, "outcomes")
    outcome_units = {" ".join(r["term"].lower().split()): r["unit"] for r in outcome_rows}
    outcome_terms = [r["term"] for r in outcome_rows]
    aux = lexicon.term_pattern(_words(language, "aux"))
    outcome_words = lexicon.term_pattern(outcome_terms)
    actor_rows = lexicon.table(language, "actors")
    ending = "(?:e|en|er|es|em)?" if language == "de" else ""
    demonym = lexicon.term_pattern(
        [r["term"] for r in actor_rows if r["form"] == "adjective"], suffix=ending
    )
    army = lexicon.term_pattern(_words(language, "army"))
    possessive = lexicon.term_pattern([r["term"] for r in actor_rows if r["form"] == "possessive"])
    owner = rf"(?P<pron>{lexicon.term_pattern(_words(language, 'possessive_pronoun'))})"
    owner += rf"|(?P<dem>{possessive}|{demonym})"
    article = r"(?:(?:die|der|das|den|dem|des|the)\s+)?"
    source_words = lexicon.term_pattern(_words(language, "source"))
    return _Grammar(
        language=language,
        word=re.compile(r"[ \t\u00a0\u202f]+([^\W\d_][\w'’-]*)"),
        units_word=units_word,
        units_suffix=tuple(units_suffix),
        stop=frozenset(w.lower() for w in _words(language, "stop")),
        demonym=re.compile(rf"[ \t\u00a0\u202f]+({demonym})(?!\w)"),
        bare_outcome=re.compile(
            rf"(?:\s+{aux}){{0,2}}\s+({outcome_words})(?!\w)"
            rf"(?:\s+(?:und|oder|and|or)\s+({outcome_words})(?!\w))?"
        ),
        outcome=_regex(outcome_terms),
        outcome_units=outcome_units,
        outcome_before=_regex(outcome_terms, suffix=r"(?:\s+[\w-]+)?\s*$"),
        claim_cue=_regex(_words(language, "claim")),
        continuation_start=_regex(_words(language, "continuation"), prefix=r"^[\W]*"),
        continuation_any=_regex(
            [w for w in _words(language, "continuation") if " " in w or w[0].islower()]
        ),
        pronoun_start=_regex(_words(language, "pronoun"), prefix=r"^[\W]*"),
        planned=_regex(_words(language, "planned")),
        planned_modal=_regex(_words(language, "planned_modal")),
        reportative=_regex(_words(language, "reportative")),
        hold=_regex(_words(language, "hold")),
        army_owner=re.compile(
            rf"(?<![\w-])(?:{owner})\s+(?:[\w-]+\s+)?{army}(?!\w)", re.IGNORECASE
        ),
        anaphora=_regex(_words(language, "anaphora")),
        subclause=re.compile(
            rf"(?:[,;(]|\s[–—-])\s*{lexicon.term_pattern(_words(language, 'subclause'))}"
            r"(?!\w)[^,;:–—)]*"
        ),
        source=re.compile(rf"\s+{source_words}\s+{article}"),
        opponents={r["code"]: r["opponent"] for r in lexicon.table(None, "opponents")},
    )


class _ArticleMentions:
    """Mentions of one article's sentences, computed on first use and kept by sentence index.

    Several claims of one sentence, several rules per claim, and the neighbouring sentence
    (inferred claimants, "sie"/"they" actors) look at the same mentions: each is found once
    per article. Nothing is kept across articles. Results are tuples, never mutated.
    """

    def __init__(
        self, text: str, sentences: list[Sentence], grammar: _Grammar, published: dt.date
    ):
        self.article_text = text
        self.sentences = sentences
        self.grammar = grammar
        self.language = grammar.language
        self.published = published
        self._actors: dict[int, tuple[ActorMention, ...]] = {}
        self._places: dict[int, tuple[PlaceMention, ...]] = {}
        self._claimants: dict[int, tuple[ClaimantMention, ...]] = {}
        self._times: dict[int, tuple[Any, ...]] = {}
        self._cues: dict[int, list[tuple[int, int]]] = {}
        self._planned: dict[int, bool] = {}
        self._locative: dict[tuple[int, int], bool] = {}

    def text(self, index: int) -> str:
        return self.sentences[index].text

    def actors(self, index: int) -> tuple[ActorMention, ...]:
        found = self._actors.get(index)
        if found is None:
            found = self._actors[index] = tuple(find_actors(self.text(index), self.language))
        return found

    def places(self, index: int) -> tuple[PlaceMention, ...]:
        found = self._places.get(index)
        if found is None:
            found = self._places[index] = tuple(find_places(self.text(index), self.language))
        return found

    def claimants(self, index: int) -> tuple[ClaimantMention, ...]:
        found = self._claimants.get(index)
        if found is None:
            # The text before the sentence licenses short forms ("Kim" after "Kim Jong Un").
            context = self.article_text[: self.sentences[index].start]
            found = tuple(find_claimants(self.text(index), self.language, context))
            self._claimants[index] = found
        return found

    def times(self, index: int) -> tuple[Any, ...]:
        found = self._times.get(index)
        if found is None:
            found = tuple(find_time_expressions(self.text(index), self.language, self.published))
            self._times[index] = found
        return found

    def claim_cues(self, index: int) -> list[tuple[int, int]]:
        found = self._cues.get(index)
        if found is None:
            cue = self.grammar.claim_cue
            found = [(m.start(), m.end()) for m in cue.finditer(self.text(index))]
            self._cues[index] = found
        return found

    def planned(self, index: int) -> bool:
        found = self._planned.get(index)
        if found is None:
            found = self._planned[index] = _planned(self.text(index), self.grammar)
        return found

    def is_locative(self, index: int, start: int) -> bool:
        key = (index, start)
        found = self._locative.get(key)
        if found is None:
            found = is_locative(self.text(index), start, self.language)
            self._locative[key] = found
        return found


def _unit_of(word: str, grammar: _Grammar) -> str | None:
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


def _outcome_unit(found: Iterable[str], grammar: _Grammar) -> str | None:
    units = {grammar.outcome_units.get(" ".join(f.lower().split())) for f in found} - {None}
    if not units:
        return None
    return units.pop() if len(units) == 1 else "casualties"


def _outcome_stem_unit(word: str, grammar: _Grammar) -> str | None:
    """Outcome adjectives before the noun: "getötete", "verwundeten", "wounded"."""
    lowered = word.lower()
    for term, unit in grammar.outcome_units.items():
        if " " not in term and lowered.startswith(term) and len(lowered) - len(term) <= 2:
            return unit
    return None


def _counted(text: str, position: int, limit: int, grammar: _Grammar) -> _Counted | None:
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
                    return _Counted(pair.end(), text[match.start(1):pair.end()], "casualties",
                                    tuple(demonyms), None)
            return _Counted(end, word, unit, tuple(demonyms), outcome)
        lowered = word.lower()
        connector = step == 0 and lowered in ("von", "of")
        if connector or (word[0].islower() and lowered not in grammar.stop and step < 4):
            outcome = outcome or _outcome_stem_unit(word, grammar)
            position = match.end()
            continue
        break
    return None


def _bare_outcome(text: str, position: int, limit: int, grammar: _Grammar) -> _Counted | None:
    match = grammar.bare_outcome.match(text, position, limit)
    if match is None:
        return None
    found = [word for word in match.groups() if word]
    unit = _outcome_unit(found, grammar) or "casualties"
    counted_text = text[match.start(1):match.end()]  # "getötet", "killed and wounded"
    return _Counted(match.end(), counted_text, unit, (), None)


_CLAUSE_END = re.compile(r"[,;:–—()]")


def _clause_end(text: str, start: int, limit: int) -> int:
    match = _CLAUSE_END.search(text, start, limit)
    return match.start() if match else limit


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _blocked_spans(
    sentence: str, grammar: _Grammar, keep: tuple[int, int]
) -> list[tuple[int, int]]:
    """Subordinate clauses ("– wo ...", ", when ...") that do not contain the claim."""
    spans = []
    for match in grammar.subclause.finditer(sentence):
        if not _overlaps(match.start(), match.end(), *keep):
            spans.append((match.start(), match.end()))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _sentence_claimant(
    mentions: _ArticleMentions, index: int, exclude: tuple[int, int] | None,
    speaker_without_cue: bool = False,
) -> ClaimantMention | None:
    """The claimant group nearest to a claim cue in sentence ``index`` (offsets relative to it).

    ``speaker_without_cue``: for the sentence before a continuation ("Selenskyj sprach am
    Abend. Er sagte, ..."), its only claimant group counts even without a cue.
    """
    cues = mentions.claim_cues(index)
    if not cues:
        if speaker_without_cue:
            groups = mentions.claimants(index)
            return groups[0] if len(groups) == 1 else None
        return None
    best: tuple[int, int, ClaimantMention] | None = None
    for group in mentions.claimants(index):
        if exclude is not None and _overlaps(group.start, group.end, *exclude):
            continue
        for cue_start, cue_end in cues:
            if _overlaps(group.start, group.end, cue_start, cue_end):
                distance = 0  # "nach britischen Schätzungen": the cue is part of the group
            elif group.end <= cue_start:
                distance = cue_start - group.end
            else:
                distance = group.start - cue_end
            if distance <= CLAIMANT_CUE_DISTANCE and (best is None or distance < best[0]):
                best = (distance, group.start, group)
    return best[2] if best else None


@dataclass
class _Found:
    """A claim being assembled; offsets relative to the sentence."""

    sentence: Sentence
    start: int
    end: int
    quantity: Quantity
    counted: _Counted
    actor: str | None = None
    actor_inferred: bool = False
    location: str | None = None
    location_text: str | None = None


def _direct_actor(sentence: str, found: _Found, grammar: _Grammar) -> str | None:
    """The actor named in or right next to the quote (see the module docstring)."""
    language = grammar.language
    for mention in found.counted.demonyms:
        code = actor_code(language, mention.text, "adjective")
        if code:
            return code
    # Possessive right before the number: "Nordkoreas 10.000 Soldaten". Only a short window
    # is scanned: this runs for every claim.
    window_start = max(0, found.start - 40)
    before = sentence[window_start:found.start].rstrip()
    possessive_before = before.endswith(("s", "'s", "’s", "e"))  # Nordkoreas, der Ukraine
    for mention in find_actors(before, language) if possessive_before else ():
        if mention.form == "possessive" and 0 <= found.start - window_start - mention.end <= 2:
            if not is_locative(sentence, window_start + mention.start, language):
                return mention.code
    # Possessive or source right after the noun: "Soldaten Nordkoreas", "troops from North Korea".
    after = found.end
    following = sentence[after:after + 40]
    next_word = following.lstrip()[:4]
    possessive_after = next_word[:1].isupper() or next_word in ("der ", "des ")
    for mention in find_actors(following, language) if possessive_after else ():
        gap = sentence[after:after + mention.start]
        if mention.form == "possessive" and 1 <= len(gap) <= 2 and gap.isspace():
            return mention.code
    source = grammar.source.match(sentence, after)
    if source is not None:
        for place in find_places(sentence[source.end():source.end() + 40], language):
            if place.start == 0 and place.kind == "country":
                return place.code
    return None


def _hold_actor(
    sentence: str, found: _Found, grammar: _Grammar, claimant: ClaimantMention | None
) -> tuple[bool, str | None]:
    """The hold rule: "seine Armee hält N Soldaten fest" -> the soldiers are the opponent's.

    Returns (the rule applies, actor). When it applies but the army's owner is unknown the
    actor stays unknown: guessing from other mentions would name the holding side.
    """
    if not grammar.hold.search(sentence):
        return False, None
    owners = list(grammar.army_owner.finditer(sentence, 0, found.start))
    if not owners:
        return False, None
    owner = owners[-1]
    owner_code = None
    if owner.group("dem"):
        owner_code = next((a.code for a in find_actors(owner.group("dem"), grammar.language)), None)
    elif claimant is not None and claimant.codes:
        owner_code = claimant.codes[0]
    return True, grammar.opponents.get(owner_code) if owner_code else None


def _candidate_actors(
    mentions: _ArticleMentions,
    index: int,
    exclude: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
) -> list[tuple[int, str]]:
    """Country and demonym mentions that may name the owner of the counted things."""
    found: list[tuple[int, str]] = []
    spans = [(a.start, a.end, a.code) for a in mentions.actors(index)]
    spans += [(p.start, p.end, p.code) for p in mentions.places(index) if p.kind == "country"]
    # Capitals and leaders name a state too ("Pyongyang sent 10,000 troops").
    spans += [
        (g.start, g.end, g.codes[0]) for g in mentions.claimants(index)
        if len(g.codes) == 1 and country_of(g.codes[0]) == g.codes[0]
    ]
    for start, end, code in spans:
        if any(_overlaps(start, end, *span) for span in exclude) or _inside(start, blocked):
            continue
        if mentions.is_locative(index, start):
            continue
        found.append((start, code))
    return sorted(found)


def _choose_location(
    mentions: _ArticleMentions, found: _Found, exclude: list[tuple[int, int]],
    blocked: list[tuple[int, int]],
) -> tuple[str, str, int, int] | None:
    index = found.sentence.index
    before: tuple[str, str, int, int] | None = None
    for place in mentions.places(index):
        if any(_overlaps(place.start, place.end, *span) for span in exclude):
            continue
        if _inside(place.start, blocked) or not mentions.is_locative(index, place.start):
            continue
        if place.start >= found.end:
            return place.code, place.text, place.start, place.end
        if place.end <= found.start:
            before = (place.code, place.text, place.start, place.end)
    return before


def _choose_dates(
    mentions: _ArticleMentions, found: _Found, blocked: list[tuple[int, int]],
) -> tuple[Any, Any, Any]:
    """(as_of expression, since expression) for a claim, or None each."""
    expressions = [
        e for e in mentions.times(found.sentence.index)
        if not _inside(e.start, blocked) and not _overlaps(e.start, e.end, found.start, found.end)
    ]
    since = [e for e in expressions if e.since is not None]
    dated = [e for e in expressions if e.since is None and e.start_date is not None]

    def nearest(items: list[Any]) -> Any:
        before = [e for e in items if e.end <= found.start]
        if before:
            return before[-1]
        after = [e for e in items if e.start >= found.end]
        return after[0] if after else None

    return nearest(dated), nearest(since), None


def _assemble(
    found: _Found, text: str, mentions: _ArticleMentions, article_id: str
) -> dict[str, Any]:
    grammar = mentions.grammar
    published = mentions.published
    sentence = found.sentence
    index = sentence.index
    stext = sentence.text
    language = grammar.language
    flags: list[str] = []
    claim_span = (found.start, found.end)
    blocked = _blocked_spans(stext, grammar, claim_span)

    claimant = _sentence_claimant(mentions, index, claim_span)
    claimants: list[str] = list(claimant.codes) if claimant else []
    claimant_text = claimant.text if claimant else None
    if claimant is None and sentence.index > 0 and (
        grammar.continuation_start.search(stext)
        or grammar.continuation_any.search(stext)
        or (grammar.pronoun_start.search(stext) and grammar.claim_cue.search(stext))
    ):
        previous = _sentence_claimant(mentions, index - 1, None, speaker_without_cue=True)
        if previous is not None:
            claimants, claimant_text = list(previous.codes), previous.text
            flags.append("claimant_inferred")

    exclude: list[tuple[int, int]] = [claim_span]
    if claimant is not None:
        exclude.append((claimant.start, claimant.end))
    location = _choose_location(mentions, found, exclude, blocked)
    if location is not None:
        exclude.append((location[2], location[3]))

    actor = _direct_actor(stext, found, grammar)
    if actor is None:
        held, actor = _hold_actor(stext, found, grammar, claimant)
        if not held:
            candidates = _candidate_actors(mentions, index, exclude, blocked)
            before = [code for start, code in candidates if start < found.start]
            after = [code for start, code in candidates if start >= found.end]
            actor = before[-1] if before else (after[0] if after else None)
        if actor is None and not held and sentence.index > 0 and grammar.anaphora.search(stext):
            previous_claimant = _sentence_claimant(mentions, index - 1, None)
            skip = [(previous_claimant.start, previous_claimant.end)] if previous_claimant else []
            codes = {code for _, code in _candidate_actors(mentions, index - 1, skip, [])}
            if len(codes) == 1:
                actor = codes.pop()
        flags.append("actor_inferred" if actor else "actor_unknown")

    as_of, since, _ = _choose_dates(mentions, found, blocked)
    quantity = found.quantity
    start = sentence.start + found.start
    end = sentence.start + found.end
    return {
        "claim_id": f"{article_id}:{start}",
        "article_id": article_id,
        "sentence_index": sentence.index,
        "sentence": stext,
        "start": start,
        "end": end,
        "quote": text[start:end],
        "value": quantity.value,
        "lower": quantity.lower,
        "upper": quantity.upper,
        "approx": bool(quantity.approx),
        "qualifier": quantity.qualifier,
        "vague": bool(quantity.vague),
        "unit": found.counted.unit,
        "counted_text": found.counted.counted_text,
        "actor": actor,
        "location": location[0] if location else None,
        "location_text": location[1] if location else None,
        "claimants": claimants,
        "claimant_text": claimant_text,
        "as_of_start": as_of.start_date if as_of else None,
        "as_of_end": as_of.end_date if as_of else None,
        "as_of_text": as_of.text if as_of else None,
        "since": since.since if since else None,
        "planned": mentions.planned(index),
        "increment": bool(quantity.increment),
        "published": published,
        "language": language,
        "flags": flags,
    }


def _planned(sentence: str, grammar: _Grammar) -> bool:
    """A plan or target: "plant", "plans to"; a modal ("soll", "sollen") only when it is not
    reportative ("sollen ... getötet worden sein" = reportedly killed, not planned)."""
    if grammar.planned.search(sentence):
        return True
    modal = grammar.planned_modal.search(sentence)
    return bool(modal) and not grammar.reportative.search(sentence, modal.end())


def _unit_with_outcome(
    stext: str, q_start: int, counted: _Counted, limit: int, grammar: _Grammar
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


def find_claims(
    text: str, language: str, published: dt.date, article_id: str = ""
) -> list[dict[str, Any]]:
    """Claims in ``text`` as dicts with the keys of ``schema.CLAIM_COLUMNS``, in text order."""
    candidates = _candidates(text, language, published, article_id)
    _find_mentions([candidates])
    return candidates.rows()


@dataclass
class _ArticleClaims:
    """Stage one of an article: its quantities with a counted noun, not yet assembled."""

    article_id: str
    mentions: _ArticleMentions
    claims: list[_Found]

    def rows(self) -> list[dict[str, Any]]:
        text = self.mentions.article_text
        rows = [_assemble(found, text, self.mentions, self.article_id) for found in self.claims]
        _flag_location_conflicts(rows)
        return rows


def _candidates(
    text: str, language: str, published: dt.date, article_id: str,
    quantities: list[Quantity] | None = None, sentences: list[Sentence] | None = None,
) -> _ArticleClaims:
    """Quantities followed by what they count (the rules of the module docstring).

    ``quantities`` and ``sentences`` may come precomputed (see extract_corpus_claims).
    """
    grammar = _grammar(language)
    if quantities is None:
        quantities = find_quantities(text, language)
    if sentences is None:
        sentences = split_sentences(text) if quantities else []
    mentions = _ArticleMentions(text, sentences, grammar, published)
    claims: list[_Found] = []
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
            counted = _Counted(counted.end, counted.counted_text, unit, counted.demonyms, None)
        claims.append(_Found(sentence, q_start, counted.end, quantity, counted))
    return _ArticleClaims(article_id, mentions, claims)


_BATCHED_FINDERS = ("times", "claimants", "places", "actors", "claim_cues", "planned")


def _find_mentions(batch: list[_ArticleClaims]) -> None:
    """Find the dates, claimants, places and actors of every claim sentence in ``batch``.

    The rules would find them on demand with the same results; running one finder at a time
    over many sentences of one language keeps its large regular expression hot in the CPU
    caches, which measured 5-10% faster on the benchmark corpus.
    """
    ordered = sorted(batch, key=lambda item: item.mentions.language)
    for finder in _BATCHED_FINDERS:
        for item in ordered:
            find = getattr(item.mentions, finder)
            for index in sorted({found.sentence.index for found in item.claims}):
                find(index)


def _flag_location_conflicts(rows: list[dict[str, Any]]) -> None:
    """Flag the same actor's forces placed in different countries (see module docstring)."""
    by_actor: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for row in rows:
        country = country_of(row["location"])
        if row["unit"] in FORCE_UNITS and row["actor"] and country:
            by_actor.setdefault(row["actor"], []).append((row, country))
    for placed in by_actor.values():
        counts = Counter(country for _, country in placed)
        if len(counts) < 2:
            continue
        ranked = counts.most_common()
        majority = ranked[0][0] if ranked[0][1] > ranked[1][1] else None
        for row, country in placed:
            if country != majority and "location_conflict" not in row["flags"]:
                row["flags"].append("location_conflict")


def claims_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows (dicts) to the typed claims table (the types :mod:`analysis.core.tables` defines)."""
    return typed_frame(rows, "claims")


def extract_claims(article: Article) -> pd.DataFrame:
    """All claims of one article (columns exactly ``schema.CLAIM_COLUMNS``; may be empty)."""
    rows = find_claims(article.text, article.language, article.published, article.id)
    for row in rows:
        assert article.text[row["start"]:row["end"]] == row["quote"]
    return claims_frame(rows)


# Articles whose mentions extract_corpus_claims finds together (see _find_mentions). Small
# batches measured best: large ones hold more data than the CPU caches keep.
CORPUS_BATCH = 8


def extract_corpus_claims(articles: Iterable[Article]) -> pd.DataFrame:
    """Claims of every article, sorted by article id and offset."""
    ordered = sorted(articles, key=lambda a: a.id)
    rows: list[dict[str, Any]] = []
    for first in range(0, len(ordered), CORPUS_BATCH):
        articles_batch = ordered[first:first + CORPUS_BATCH]
        # Stage by stage over the batch, for the same cache reasons as in _find_mentions.
        quantities = [find_quantities(a.text, a.language) for a in articles_batch]
        sentences = [
            split_sentences(a.text) if q else []
            for a, q in zip(articles_batch, quantities, strict=True)
        ]
        batch = [
            _candidates(a.text, a.language, a.published, a.id, q, s)
            for a, q, s in zip(articles_batch, quantities, sentences, strict=True)
        ]
        _find_mentions(batch)
        for item in batch:
            rows.extend(item.rows())
    return claims_frame(rows)
