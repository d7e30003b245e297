"""Inflected forms of the claimants lexicon (``claimants.csv``), for languages that inflect.

News names an institution in whatever case the sentence needs: "das Weiße Haus" is "ein
Sprecher des Weißen Hauses", "westliche Beamte" is "nach Schätzung westlicher Beamter", the
"Generalstabschef" is "des Generalstabschefs". The lexicon lists one form; this module adds
the others from the endings in ``data/lexicon/<lang>/inflection.csv`` (a language without
that file is matched as written):

* ``adjective``: a word of a multi-word term that ends in one of these endings and is not
  the last word ("Weiße", "westliche", "Vereinigten") is an adjective: its stem takes every
  adjective ending.
* The last word takes the noun endings of its final sound (genitive, dative, plural):
  ``noun_after_sibilant`` after s, ß, x, z ("Hauses"), ``noun_after_e`` after -e
  ("Behörden"), ``noun_after_vowel`` after any vowel ("Pentagons" is a consonant:
  ``noun_after_consonant``: "Generalstabschefs", "Dienstes", "Diensten").
* ``adjectival_noun``: a last word ending in ``-e`` that follows an adjective or belongs to
  an ``institution`` row is an adjectival noun ("Beamte" → "Beamter", "Abgeordnete" →
  "Abgeordneter") and also takes these; so does a compound whose head is such a noun
  ("US-Beamte" → "US-Beamter"). Entities of one word are left alone here, so
  "Ukraine" never becomes "Ukrainer" (a person).

Short forms (``kind=short``) are never inflected: their matching has its own rules. A form
already listed as a term keeps its own row.
"""

from __future__ import annotations

from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached

FILE = "inflection"


def _endings(language: str) -> dict[str, tuple[str, ...]]:
    if language not in lexicon.supported_languages(f"{FILE}.csv"):
        return {}
    found: dict[str, list[str]] = {}
    for row in lexicon.table(language, FILE, ("term", "role")):
        found.setdefault(row["role"], []).append(row["term"])
    # Longest ending first, so "Weißen" is stem "Weiß" + "en", not "Weiße" + "n".
    return {role: tuple(sorted(terms, key=len, reverse=True)) for role, terms in found.items()}


def _stem(word: str, endings: tuple[str, ...]) -> str | None:
    for ending in endings:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)]
    return None


def _final_sound(word: str) -> str:
    last = word[-1:].lower()
    if last in "sßxz":
        return "noun_after_sibilant"
    if last == "e":
        return "noun_after_e"
    if last in "aiouäöüy":
        return "noun_after_vowel"
    return "noun_after_consonant"


def forms(term: str, kind: str, endings: dict[str, tuple[str, ...]],
          adjectival: frozenset[str] = frozenset()) -> list[str]:
    """``term`` and its inflected forms (see the module docstring), ``term`` first;
    ``adjectival``: institution nouns ending in -e, the heads of compounds such as
    "US-Beamte" that inflect like them."""
    words = term.split()
    if kind == "short" or not endings or not words:
        return [term]
    adjective = endings.get("adjective", ())
    choices: list[list[str]] = []
    follows_adjective = False
    for position, word in enumerate(words):
        last = position == len(words) - 1
        stem = None if last or "-" in word else _stem(word, adjective)
        if stem is not None and word[:1].isalpha():
            choices.append([word] + [stem + e for e in adjective if stem + e != word])
            follows_adjective = True
        elif last:
            tails = list(endings.get(_final_sound(word), ()))
            head = word.rsplit("-", 1)[-1]
            if word.endswith("e") and (follows_adjective or kind == "institution"
                                       or head in adjectival):
                tails += endings.get("adjectival_noun", ())
            if word[-1:].isalpha() and not word.isupper():
                choices.append([word] + [word + t for t in tails])
            else:  # an acronym (NIS, CIA) or a dotted form: as written
                choices.append([word])
        else:
            choices.append([word])
    found = [""]
    for options in choices:
        found = [f"{head} {option}".strip() for head in found for option in options]
    return found


@cached
def claimant_rows(language: str) -> tuple[dict[str, str], ...]:
    """The rows of ``claimants.csv`` plus one row per inflected form (same codes, kind and
    class); a form listed as a term of its own keeps that row."""
    rows = lexicon.table(language, "claimants")
    endings = _endings(language)
    if not endings:
        return rows
    listed = {lexicon.term_key(row["term"]) for row in rows}
    adjectival = frozenset(row["term"] for row in rows
                           if row["kind"] == "institution" and row["term"].endswith("e"))
    seen = set(listed)
    extra = []
    for row in rows:
        for form in forms(row["term"], row["kind"], endings, adjectival)[1:]:
            key = lexicon.term_key(form)
            if key not in seen:
                seen.add(key)
                extra.append({**row, "term": form})
    return rows + tuple(extra)
