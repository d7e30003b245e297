"""What a speaker's phrase says by its words: institution classes, whether it can name
a speaker at all, and the state a genitive demonym gives it.

Helpers of :mod:`analysis.extract.claimant_resolution` (see its docstring for the rules):

* :func:`institution_classes`, :func:`classes_in`: the ``class`` column of
  ``claimants.csv`` (intelligence, ministry, military, government, president), inflected
  forms included (:func:`analysis.lexicon.inflection.claimant_rows`).
* :func:`is_bare_institution`: "dem Geheimdienst", "the agency".
* :func:`speaker_hints`: what a sentence needs for a report of it to resolve to a coded
  speaker (the look-back passes sentences without).
* :func:`owner_codes`: a demonym or possessive in a genitive of the phrase ("der
  Gouverneur der russischen Region Kursk", "the head of a Ukrainian drone unit", "the
  governor of Russia's Belgorod region"), not one naming a topic ("ein Experte für
  russische Militärgeschichte", "an expert on North Korean history").
"""

from __future__ import annotations

import re

from analysis.extract.mentions import claimant_anywhere, find_actors, without_bounds
from analysis.extract.speech_grammar import speech_grammar
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.inflection import claimant_rows
from analysis.lexicon.patterns import term_pattern

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des", "the"})
# Right before a demonym or possessive: a genitive ("der russischen Region", "of Russia's").
# "of" without an article ("an analyst of Russian affairs") names a topic, except before a
# possessive ("the governor of Russia's Kursk region").
_OWNED_BY = re.compile(r"(?<!\w)(?:der|des|einer|eines|of\s+(?:the|a|an))\s+$")
_OWNED_BY_POSSESSIVE = re.compile(r"(?<!\w)of\s+$")


@cached
def institution_classes(language: str) -> tuple[dict[str, str], re.Pattern]:
    rows = claimant_rows(language)
    classes = {lexicon.term_key(r["term"]): r.get("class", "") for r in rows
               if r["kind"] in ("institution", "entity") and r.get("class")}
    institutions = [r["term"] for r in rows if r["kind"] == "institution"]
    return classes, re.compile(rf"(?<![\w-])(?:{term_pattern(institutions)})(?!\w)")


def classes_in(text: str, language: str) -> set[str]:
    classes, _ = institution_classes(language)
    found = set()
    for match in _WORD.finditer(text):
        key = match.group(0).lower()
        if key in classes:
            found.add(classes[key])
    for key, value in classes.items():
        if " " in key and key in text.lower():
            found.add(value)
    return found


@cached
def speaker_hints(language: str) -> tuple[re.Pattern, re.Pattern]:
    """What a sentence needs for one of its reports to resolve to a speaker with codes
    (``ArticleAttribution._silent`` of :mod:`analysis.extract.claimant_resolution`): in its
    text, a claimant unit or an institution noun, unbounded; in its lower-case text, a
    pronoun, possessive or source adverb (a speaker further back) or an institution-class
    word, unbounded."""
    _, institution = institution_classes(language)
    named = without_bounds(institution.pattern, r"(?<![\w-])", r"(?!\w)")
    grammar = speech_grammar(language)
    pointers = sorted(grammar.words["pronoun"] | grammar.words["possessive"] | {
        key for key, roles in grammar.cues.items() if "source_adverb" in roles})
    classes, _ = institution_classes(language)
    words = "|".join(r"\s+".join(map(re.escape, w.split())) for w in pointers)
    keys = "|".join(map(re.escape, sorted(classes, key=len, reverse=True)))
    return (re.compile(f"{claimant_anywhere(language).pattern}|{named}"),
            re.compile(rf"(?<!\w)(?:{words})(?!\w)" + (f"|{keys}" if keys else "")))


def is_bare_institution(source: str, holder: str, language: str) -> bool:
    """"dem Geheimdienst", "the agency": a definite article and an institution noun."""
    words = source.split()
    if len(words) < 2 or words[0].lower() not in _DEFINITE:
        return False
    _, pattern = institution_classes(language)
    return pattern.search(holder) is not None


def owner_codes(holder: str, language: str) -> tuple[str, ...]:
    """Codes of the demonyms and possessives in a genitive of ``holder`` (see the module
    docstring), in order, without duplicates."""
    return tuple(dict.fromkeys(
        m.code for m in find_actors(holder, language)
        if _OWNED_BY.search(holder, 0, m.start) or m.form == "possessive" and (
            m.start == 0 or _OWNED_BY_POSSESSIVE.search(holder, 0, m.start))))
