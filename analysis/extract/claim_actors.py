"""Whose forces or goods a claim counts: the actor (an ISO alpha-3 code).

Rules, in order:

* **Named.** A demonym inside the quote ("nordkoreanische Truppen"), a possessive right
  before the number ("Pyongyang's 10,000 troops", "Nordkoreas 10.000 Soldaten") or a
  possessive or source right after the noun ("Soldaten Nordkoreas", "Truppen aus
  Nordkorea", "soldiers of North Korea").
* Otherwise **inferred** (flag ``actor_inferred``):

  - *hold rule*: "X's army holds / ties down N soldiers" (``hold`` cues): the soldiers
    are the opponent's (``data/lexicon/opponents.csv``); X is a demonym before the army
    noun, or, for a possessive pronoun ("seine Armee", "its forces"), the sentence's
    claimant. Seed: "seine Armee rund 50.000 Soldaten in Kursk festhält" said by
    Selenskyj -> RUS. When the rule applies but the army's owner is unknown, the actor
    stays unknown: guessing from other mentions would name the holding side.
  - the nearest country, demonym or state-naming claimant ("Pyongyang sent ...") in the
    sentence that is neither the claimant, nor the location, nor after a locative
    preposition, nor in a subordinate clause (preferring mentions before the number);
  - the previous sentence's only such country, if this sentence refers back ("sie",
    "diese", "they", "these").

If none: null with flag ``actor_unknown``.
"""

from __future__ import annotations

from analysis.extract.claim_context import (
    ArticleMentions,
    Span,
    inside,
    overlaps,
    sentence_claimant,
)
from analysis.extract.claim_grammar import ClaimGrammar
from analysis.extract.claim_units import Candidate
from analysis.extract.mentions import (
    ClaimantMention,
    actor_code,
    find_actors,
    find_places,
    is_locative,
)
from analysis.lexicon.gazetteer import country_of


def _direct_actor(sentence: str, found: Candidate, grammar: ClaimGrammar) -> str | None:
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
    sentence: str, found: Candidate, grammar: ClaimGrammar, claimant: ClaimantMention | None,
    has_hold: bool | None = None,
) -> tuple[bool, str | None]:
    """The hold rule: returns (the rule applies, actor). ``has_hold``: whether the sentence
    has a hold cue, when already known (searched once per sentence, not once per claim)."""
    if not (grammar.hold.search(sentence) if has_hold is None else has_hold):
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
    mentions: ArticleMentions, index: int, exclude: list[Span], blocked: list[Span],
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
        if any(overlaps(start, end, *span) for span in exclude) or inside(start, blocked):
            continue
        if mentions.is_locative(index, start):
            continue
        found.append((start, code))
    return sorted(found)


def choose_actor(
    mentions: ArticleMentions, found: Candidate, claimant: ClaimantMention | None,
    exclude: list[Span], blocked: list[Span],
) -> tuple[str | None, str | None]:
    """(actor, flag): the flag is None for a named actor, else ``actor_inferred`` or
    ``actor_unknown``. ``exclude``: the quote, claimant and location spans."""
    grammar = mentions.grammar
    sentence = found.sentence
    index, stext = sentence.index, sentence.text
    actor = _direct_actor(stext, found, grammar)
    if actor is not None:
        return actor, None
    has_hold = mentions.memo("hold", index, lambda text: bool(grammar.hold.search(text)))
    held, actor = _hold_actor(stext, found, grammar, claimant, has_hold)
    if not held:
        candidates = _candidate_actors(mentions, index, exclude, blocked)
        before = [code for start, code in candidates if start < found.start]
        after = [code for start, code in candidates if start >= found.end]
        actor = before[-1] if before else (after[0] if after else None)
    if actor is None and not held and index > 0 and grammar.anaphora.search(stext):
        previous_claimant = sentence_claimant(mentions, index - 1, None)
        skip = [(previous_claimant.start, previous_claimant.end)] if previous_claimant else []
        codes = {code for _, code in _candidate_actors(mentions, index - 1, skip, [])}
        if len(codes) == 1:
            actor = codes.pop()
    return actor, "actor_inferred" if actor else "actor_unknown"
