"""The claims rules' vocabulary for one language, compiled once: :func:`claim_grammar`.

Built from ``data/lexicon/<lang>/`` (see its README): ``units.csv`` (counted nouns, whole
word or German compound suffix), ``outcomes.csv`` (killed, wounded ...), ``actors.csv``
(demonyms and possessives, shared with :mod:`analysis.extract.mentions`), ``cues.csv``
(the word lists by role: plans, the hold rule's words, subordinate clauses, elliptic
counts, verbs that carry a number ...; the cues of reported speech are in
``speech_cues.csv``, :mod:`analysis.extract.speech_grammar`) and the language-independent
``opponents.csv``. A language is
supported by the claims rules when its folder holds ``units.csv``.

Cue lists are searched over whole sentences, so they are compiled with
:func:`analysis.lexicon.patterns.cue_pattern`; the rules that use each field are in
:mod:`analysis.extract.claim_units`, :mod:`analysis.extract.claim_actors` and
:mod:`analysis.extract.claim_context`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.extract.mentions import demonym_pattern, possessive_pattern
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import cue_pattern, term_pattern

PEOPLE_UNITS = frozenset({"troops", "soldiers", "other"})
CASUALTY_UNITS = frozenset({"killed", "wounded", "captured", "casualties"})
FORCE_UNITS = frozenset({"troops", "soldiers"})


@dataclass(frozen=True)
class ClaimGrammar:
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
    elliptic: re.Pattern
    elliptic_before: re.Pattern
    increment_after: re.Pattern
    amount_verb: re.Pattern
    estimate_verb: re.Pattern
    open_upper: re.Pattern
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


def _fronted(language: str) -> str:
    """Subordinators that open a sentence with a clause whose time is not the main clause's
    ("Nachdem Russland im September um Hilfe gebeten hatte, schickte ...", "After Moscow
    asked in September, ..."): role ``subclause_fronted``. "als"/"when" are not among
    them: a fronted "Als ... im Oktober eintrafen, waren es ..." times the main clause."""
    words = _words(language, "subclause_fronted")
    return term_pattern(words) if words else "(?!)"


def _qualifier_words(language: str) -> list[str]:
    return [row["phrase"] for row in lexicon.table(language, "qualifiers")]


def _increment_after(language: str) -> list[str]:
    return [row["phrase"] for row in lexicon.table(language, "number_words")
            if row["kind"] == "increment_after"]


def _regex(words: Iterable[str], prefix: str = "", suffix: str = "") -> re.Pattern:
    return re.compile(cue_pattern(words, prefix=prefix, suffix=suffix))


@cached
def claim_grammar(language: str) -> ClaimGrammar:
    """The compiled claims vocabulary of ``language``; ExtractionError if it has none."""
    lexicon.check_language(language)
    units_word: dict[str, str] = {}
    units_suffix: list[tuple[str, str]] = []
    for row in lexicon.table(language, "units"):
        units_word[row["term"].lower()] = row["unit"]
        if row["match"] == "suffix":
            units_suffix.append((row["term"].lower(), row["unit"]))
    units_suffix.sort(key=lambda item: -len(item[0]))
    outcome_rows = lexicon.table(language, "outcomes")
    outcome_units = {lexicon.term_key(r["term"]): r["unit"] for r in outcome_rows}
    outcome_terms = [r["term"] for r in outcome_rows]
    aux = term_pattern(_words(language, "aux"))
    outcome_words = term_pattern(outcome_terms)
    demonym = demonym_pattern(language)
    army = term_pattern(_words(language, "army"))
    owner = rf"(?P<pron>{term_pattern(_words(language, 'possessive_pronoun'))})"
    owner += rf"|(?P<dem>{possessive_pattern(language)}|{demonym})"
    article = r"(?:(?:die|der|das|den|dem|des|the)\s+)?"
    source_words = term_pattern(_words(language, "source"))
    return ClaimGrammar(
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
        # "killed 2,000 soldiers", "verlor Russland in einer Woche 3.000 Mann"
        outcome_before=_regex(outcome_terms, suffix=r"(?:\s+[\w.-]+){0,4}\s*$"),
        elliptic=re.compile(
            rf"[ \t\u00a0\u202f]+{term_pattern(_words(language, 'elliptic'))}(?!\w)"),
        elliptic_before=re.compile(
            rf"(?<![\w-]){term_pattern(_words(language, 'elliptic'))},?"
            rf"(?:\s+{aux})?\s+(?:{term_pattern(_qualifier_words(language))}\s+)?$"),
        increment_after=re.compile(
            rf"[ \t\u00a0\u202f]+{term_pattern(_increment_after(language))}(?!\w)"),
        amount_verb=re.compile(
            rf"(?<![\w-]){term_pattern(_words(language, 'amount_verb'))}"
            rf"(?:\s+[^\s,;:]+){{0,5}}?"
            rf"(?:\s+(?:{term_pattern(_words(language, 'amount_filler'))}))?\s+$"),
        estimate_verb=_regex(_words(language, "estimate_verb")),
        open_upper=re.compile(
            rf"[ \t\u00a0\u202f]+{term_pattern(_words(language, 'open_upper'))}(?!\w)"),
        planned=_regex(_words(language, "planned")),
        planned_modal=_regex(_words(language, "planned_modal")),
        reportative=_regex(_words(language, "reportative")),
        hold=_regex(_words(language, "hold")),
        army_owner=re.compile(
            rf"(?<![\w-])(?:{owner})\s+(?:[\w-]+\s+)?{army}(?!\w)", re.IGNORECASE
        ),
        anaphora=_regex(_words(language, "anaphora")),
        subclause=re.compile(
            rf"(?:(?:[,;(]|\s[–—-])\s*{term_pattern(_words(language, 'subclause'))}"
            rf"|^\s*{_fronted(language)})"
            r"(?!\w)[^,;:–—)]*"
        ),
        source=re.compile(rf"\s+{source_words}\s+{article}"),
        opponents={r["code"]: r["opponent"] for r in lexicon.table(None, "opponents")},
    )
