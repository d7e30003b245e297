"""Whose forces, losses or goods a claim counts: the actor.

Values: an ISO alpha-3 code, ``both_sides`` or ``civilians``. Rules, in order (word lists
in ``data/lexicon/<lang>/cues.csv``):

* **Both sides and civilians.** "auf beiden Seiten", "on both sides" (``both_sides``) in
  the claim's clause, or two opposing demonyms on the counted noun ("russische und
  ukrainische Soldaten", ``data/lexicon/opponents.csv``) -> ``both_sides``; a counted noun
  that names civilians ("Zivilisten", ``civilian``) -> ``civilians``.
* **Named.** A demonym inside the quote ("nordkoreanische Truppen"), a possessive right
  before the number ("Pyongyang's 10,000 troops", "Nordkoreas 10.000 Soldaten") or a
  possessive or source right after the noun ("Soldaten Nordkoreas", "Truppen aus
  Nordkorea", "soldiers of North Korea").
* Otherwise **inferred** (flag ``actor_inferred``):

  - *hold rule*: "X's army holds / ties down N soldiers" (``hold`` cues): the soldiers
    are the opponent's; X is a demonym before the army noun, or, for a possessive pronoun
    ("seine Armee", "its forces"), the claimant. When the rule applies but the army's
    owner is unknown, the actor stays unknown: guessing would name the holding side.
  - *loss owner*: for a count of losses, a demonym or possessive on a ``loss_noun``
    before the number ("put Russia's total losses at 770,000");
  - *subject force*: a demonym on a force noun before the number in the sentence ("North
    Korean troops fighting for Russia have suffered around 3,000 casualties");
  - *subject country*: the nearest country, demonym or state-naming speaker before the
    number ("Nordkorea will weitere 2.000 Mann schicken", "Pyongyang has sent"), else
    after it, that is neither in the claim's report frame or source (the claimant's
    country is never the actor by default), nor the location, nor after a locative
    preposition, nor after a ``beneficiary`` word ("fighting for Russia", "gegen die
    Ukraine"), nor in a subordinate clause;
  - *anaphora*: the sentence refers back ("of them", "davon", "these", "sie"): the actor
    of the previous claim in the article, else the previous sentence's only country;
  - *topic force*: a count of forces or losses takes the article's topic force (the
    actor most of its named force claims have).

If none: null with flag ``actor_unknown``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from analysis.extract.claim_context import (
    ArticleMentions,
    Span,
    inside,
    overlaps,
)
from analysis.extract.claim_grammar import CASUALTY_UNITS, FORCE_UNITS, ClaimGrammar
from analysis.extract.claim_units import Candidate
from analysis.extract.claimant_resolution import Attribution
from analysis.extract.mentions import actor_code, find_actors, find_places, is_locative
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.gazetteer import country_of
from analysis.lexicon.patterns import cue_pattern, term_pattern

BOTH_SIDES = "both_sides"
CIVILIANS = "civilians"
# A capitalised noun right before a German genitive: "Osten Russlands", "Angaben Kiews".
_GENITIVE_OF_NOUN = re.compile(r"(?<![\w-])(?!(?:Laut|Nach|Von|Aus|In|Im)\s)[A-ZÄÖÜ][a-zäöüß]+\s+$")


@dataclass(frozen=True)
class _ActorWords:
    both_sides: re.Pattern
    civilian: frozenset[str]
    beneficiary: re.Pattern
    origin: re.Pattern
    force_noun: re.Pattern
    nationality: dict[str, str]  # "Nordkoreaner", "North Koreans" -> code
    loss_noun: re.Pattern  # "losses", "Verluste", right after an owner and one word at most


@cached
def _actor_words(language: str) -> _ActorWords:
    def terms(role: str) -> list[str]:
        return lexicon.terms(language, "cues", role)

    force_nouns = [r["term"] for r in lexicon.table(language, "units") if r["unit"] in FORCE_UNITS]
    force_nouns += terms("force_noun")
    article = r"(?:(?:die|der|den|dem|the)\s+)?"
    return _ActorWords(
        both_sides=re.compile(cue_pattern(terms("both_sides"))),
        civilian=frozenset(lexicon.term_key(t) for t in terms("civilian")),
        beneficiary=re.compile(rf"(?<![\w-]){term_pattern(terms('beneficiary'))}\s+"
                               rf"{article}(?:\w+\s+)?$"),
        origin=re.compile(rf"(?<![\w-]){term_pattern(terms('origin'))}\s+{article}$"),
        force_noun=re.compile(rf"\s+(?:[\w-]+\s+)?{term_pattern(force_nouns)}(?!\w)"),
        nationality={lexicon.term_key(r["term"]): r["code"]
                     for r in lexicon.table(language, "actors") if r["form"] == "noun"},
        loss_noun=re.compile(rf"\s+(?:[\w-]+\s+)?{term_pattern(terms('loss_noun'))}(?!\w)"),
    )


def _direct_actor(
    sentence: str, found: Candidate, grammar: ClaimGrammar, skip: list[Span] = (),
) -> str | None:
    """The actor named in or right next to the quote (see the module docstring)."""
    language = grammar.language
    codes = []
    for mention in found.counted.demonyms:
        code = actor_code(language, mention.text, "adjective")
        if code and code not in codes:
            codes.append(code)
    if len(codes) > 1 and grammar.opponents.get(codes[0]) in codes:
        return BOTH_SIDES  # "russische und ukrainische Soldaten"
    if codes:
        return codes[0]
    # Possessive right before the number: "Nordkoreas 10.000 Soldaten". Only a short window
    # is scanned: this runs for every claim.
    window_start = max(0, found.start - 40)
    before = sentence[window_start:found.start].rstrip()
    possessive_before = before.endswith(("s", "'s", "’s", "e"))  # Nordkoreas, der Ukraine
    for mention in find_actors(before, language) if possessive_before else ():
        start = window_start + mention.start
        if mention.form == "possessive" and 0 <= found.start - window_start - mention.end <= 2:
            if any(a <= start < b for a, b in skip):
                continue  # "nach Angaben Kiews 1.000 Soldaten": the source, not the owner
            if _GENITIVE_OF_NOUN.search(sentence, max(0, start - 30), start):
                continue  # "im Osten Russlands rund 12.000": a place, not the owner
            if not is_locative(sentence, start, language):
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
    sentence: str, found: Candidate, grammar: ClaimGrammar, claimant_codes: tuple[str, ...],
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
    elif claimant_codes:
        owner_code = claimant_codes[0]
    return True, grammar.opponents.get(owner_code) if owner_code else None


def _subject_force(
    mentions: ArticleMentions, found: Candidate, skip: list[Span], blocked: list[Span]
) -> str | None:
    """A demonym on a force noun before the number: "North Korean troops ... suffered"."""
    index, text = found.sentence.index, found.sentence.text
    words = _actor_words(mentions.language)
    chosen = None
    for mention in mentions.actors(index):
        if mention.form != "adjective" or mention.end > found.start:
            continue
        if inside(mention.start, blocked) or any(
                overlaps(mention.start, mention.end, *s) for s in skip):
            continue
        if words.beneficiary.search(text, max(0, mention.start - 30), mention.start):
            continue  # "fighting alongside Russian forces"
        if words.force_noun.match(text, mention.end, found.start):
            chosen = chosen or mention.code  # the first: the clause's subject
    return chosen


def _loss_owner(mentions: ArticleMentions, found: Candidate, skip: list[Span]) -> str | None:
    """Whose losses a count is: a demonym or possessive on a ``loss_noun`` before the
    number ("put Russia's total losses at 770,000", "die russischen Verluste auf rund
    2.000 beziffert"), outside the report frames and sources."""
    index, text = found.sentence.index, found.sentence.text
    loss_noun = _actor_words(mentions.language).loss_noun
    for mention in reversed(mentions.actors(index)):
        if mention.end > found.start or any(overlaps(mention.start, mention.end, *span)
                                            for span in skip):
            continue
        if loss_noun.match(text, mention.end, found.start):
            return mention.code
    return None


def _origin(mentions: ArticleMentions, found: Candidate, skip: list[Span]) -> str | None:
    """A state the counted come from: "aus Pjöngjang", "from North Korea"."""
    index, text = found.sentence.index, found.sentence.text
    origin = _actor_words(mentions.language).origin
    spans = [(p.start, p.end, p.code) for p in mentions.places(index)]
    spans += [(g.start, g.end, g.codes[0]) for g in mentions.claimants(index) if len(g.codes) == 1]
    for start, end, code in sorted(spans):
        if any(overlaps(start, end, *span) for span in skip):
            continue
        country = country_of(code)
        if country and origin.search(text, max(0, start - 20), start):
            return country
    return None


def _candidate_actors(
    mentions: ArticleMentions, index: int, exclude: list[Span], blocked: list[Span],
) -> list[tuple[int, str]]:
    """Country and demonym mentions that may name the owner of the counted things."""
    text = mentions.text(index)
    beneficiary = _actor_words(mentions.language).beneficiary
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
        if beneficiary.search(text, max(0, start - 30), start):
            continue  # "fighting for Russia": Russia is not whose forces they are
        found.append((start, code))
    return sorted(found)


@dataclass
class ActorMemory:
    """The actors of an article's claims so far and its topic force."""

    topic: str | None = None
    previous: str | None = None

    @classmethod
    def of_article(cls, named: list[tuple[str, str | None]], mentions: ArticleMentions
                   ) -> ActorMemory:
        """Topic force: the actor most force and loss claims name (``(unit, actor)``), else
        the demonym most often on a force noun in the article ("nordkoreanische Truppen")."""
        counts = Counter(actor for unit, actor in named
                         if actor and actor not in (BOTH_SIDES, CIVILIANS)
                         and (unit in FORCE_UNITS or unit in CASUALTY_UNITS))
        topic = _leader(counts)
        if topic is None and not counts:
            text = mentions.article_text
            force_noun = _actor_words(mentions.language).force_noun
            counts = Counter(m.code for m in find_actors(text, mentions.language)
                             if m.form == "adjective" and force_noun.match(text, m.end))
            topic = _leader(counts)
        return cls(topic=topic)


def _leader(counts: Counter) -> str | None:
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _sentence_frames(mentions: ArticleMentions, index: int, claim: int | None = None
                     ) -> list[Span]:
    """The frames and sources of the sentence's reports: the speaker's words, not the
    owner's. A frame around the ``claim`` position is left out with its source: the number
    is in its message, so that reading of the frame ("told reporters that ...") is wrong."""
    return [span for report in mentions.reports(index)
            if claim is None or not report.frame[0] <= claim < report.frame[1]
            for span in (report.frame, report.source) if span is not None]


def direct_actor(mentions: ArticleMentions, found: Candidate) -> str | None:
    """The actor named at the number: its noun, a possessive or an origin next to it
    (found once per claim: the topic force and the claim's own actor both ask)."""
    return mentions.claim_memo("direct_actor", found, lambda: _find_direct_actor(mentions, found))


def _find_direct_actor(mentions: ArticleMentions, found: Candidate) -> str | None:
    words = _actor_words(mentions.language)
    key = lexicon.term_key(found.counted.counted_text or "")
    if key in words.civilian:
        return CIVILIANS
    if key in words.nationality:  # "4.000 verletzte Nordkoreaner"
        return words.nationality[key]
    skip = _sentence_frames(mentions, found.sentence.index)
    return _direct_actor(found.sentence.text, found, mentions.grammar, skip)


def named_force(mentions: ArticleMentions, found: Candidate) -> str | None:
    """The actor named at the number, else a force named before it (for the topic force)."""
    actor = direct_actor(mentions, found)
    if actor is None:
        blocked = mentions.blocked(found.sentence.index, (found.start, found.end))
        actor = _subject_force(mentions, found, _sentence_frames(mentions, found.sentence.index),
                               blocked)
    return actor


_CLAUSE_MARK = re.compile(r"[,;:–—(]")


def _clause_start(mentions: ArticleMentions, index: int, position: int) -> int:
    """Start of the clause holding ``position`` in sentence ``index`` (after the last comma,
    colon or dash): the marks are found once per sentence and looked up by bisection, so a
    sentence with thousands of numbers costs no more per claim than a short one."""
    marks = mentions.memo("clause_marks", index,
                          lambda text: [m.end() for m in _CLAUSE_MARK.finditer(text)])
    at = bisect_left(marks, position + 1) - 1
    return marks[at] if at >= 0 else 0


def _report_spans(attribution: Attribution | None, index: int) -> list[Span]:
    if attribution is None or attribution.report is None or attribution.sentence_index != index:
        return []
    report = attribution.report
    spans = [report.frame]
    if report.source is not None:
        spans.append(report.source)
    return spans


def choose_actor(
    mentions: ArticleMentions, found: Candidate, attribution: Attribution | None,
    exclude: list[Span], blocked: list[Span], memory: ActorMemory,
) -> tuple[str | None, str | None]:
    """(actor, flag): the flag is None for a named actor, else ``actor_inferred`` or
    ``actor_unknown``. ``exclude``: the quote and location spans."""
    grammar = mentions.grammar
    sentence = found.sentence
    index, stext = sentence.index, sentence.text
    words = _actor_words(mentions.language)
    sides = mentions.memo("both_sides", index, words.both_sides.search)
    if sides is not None and not inside(sides.start(), blocked):
        return BOTH_SIDES, None  # "auf beiden Seiten", "on both sides"
    actor = direct_actor(mentions, found)
    if actor is not None:
        return actor, None
    has_hold = mentions.memo("hold", index, lambda text: bool(grammar.hold.search(text)))
    codes = attribution.codes if attribution else ()
    held, actor = _hold_actor(stext, found, grammar, codes, has_hold)
    skip = exclude + _sentence_frames(mentions, index, found.start)
    if not held:
        actor = _loss_owner(mentions, found, skip) or _subject_force(
            mentions, found, skip, blocked) or _origin(mentions, found, skip)
    if actor is None and not held:
        candidates = _candidate_actors(mentions, index, skip, blocked)
        clause = _clause_start(mentions, index, found.start)
        in_clause = [code for start, code in candidates if clause <= start < found.start]
        before = [code for start, code in candidates if start < found.start]
        after = [code for start, code in candidates if start >= found.end]
        # The first in the number's clause: the subject ("Nordkorea stellte Russland 500
        # Container bereit"), not a recipient after it; else the nearest before (a list:
        # "North Korea sent 20 deminers, 150 engineers").
        actor = in_clause[0] if in_clause else (
            before[-1] if before else (after[0] if after else None))
    has_anaphor = mentions.memo("anaphora", index, lambda text: bool(grammar.anaphora.search(text)))
    if actor is None and not held and has_anaphor:
        actor = memory.previous
        if actor is None and index > 0:
            codes_before = {code for _, code in _candidate_actors(
                mentions, index - 1, _report_spans(None, index - 1), [])}
            if len(codes_before) == 1:
                actor = codes_before.pop()
    unit = found.counted.unit
    if actor is None and not held and (unit in FORCE_UNITS or unit in CASUALTY_UNITS):
        actor = memory.topic
        paragraphs = mentions.paragraphs
        if actor is None and index > 0 and paragraphs[index] == paragraphs[index - 1]:
            # "Nordkorea bereite weitere Truppen vor. Es gehe um 3.000 bis 4.000 Soldaten."
            codes_before = {code for _, code in _candidate_actors(
                mentions, index - 1, _sentence_frames(mentions, index - 1), [])}
            if len(codes_before) == 1:
                actor = codes_before.pop()
    return actor, "actor_inferred" if actor else "actor_unknown"
