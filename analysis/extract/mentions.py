"""Places, actors and claimants mentioned in a text, resolved to codes.

* Places (``find_places``) come from ``data/lexicon/<lang>/places.csv`` (regions, countries)
  plus the towns of the gazetteer ``data/geo/gazetteer_kursk.csv`` (English and German
  names, read by :mod:`analysis.lexicon.gazetteer`). Codes: ISO 3166-2 for an admin-1
  region (``RU-KRS``), ISO 3166-1 alpha-3 for a country (``RUS``), and the gazetteer's
  English name for a town (``Sudzha``): a town is finer than its oblast, and
  ``analysis.geo.layers`` resolves gazetteer names to points. The country of any code:
  :func:`analysis.lexicon.gazetteer.country_of`.
  The lexicon wins over the gazetteer, so "Kursk", "Belgorod" and "Sumy" (both a city and
  a region) mean the region, as news mostly uses them.
* Actors (``find_actors``): demonym adjectives ("nordkoreanische", "North Korean") and
  possessives ("Nordkoreas", "Pyongyang's") from ``actors.csv``.
* Claimants (``find_claimants``): who speaks, as groups of codes. A group is a run of
  coordinated mentions ("Südkorea, die USA und die Ukraine"; "der US-amerikanischen,
  südkoreanischen und ukrainischen Geheimdienste"; "Der ukrainische Präsident Wolodymyr
  Selenskyj"), built from the entities and institution nouns of ``claimants.csv`` and the
  demonyms of ``actors.csv``. A place after a locative preposition ("in der Ukraine") is a
  location, not a speaker, and is left out; a preposition that ends a claim cue ("according
  to the Pentagon") is not locative.
  Short forms (``kind=short``, e.g. "Kim") name a state only where they cannot mean someone
  else: coordinated with another claimant ("Putin und Kim"), or after their full form (an
  entity starting with the short form and a space: "Kim Jong Un") has been named earlier in
  the article (``context``). A short form followed by another capitalised word ("Kim
  Yong-hyun") is a different person and is never matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached, lru_cached
from analysis.lexicon.gazetteer import gazetteer, place_kind
from analysis.lexicon.inflection import claimant_rows
from analysis.lexicon.patterns import bounded_pattern, fixed_width, term_pattern


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    code: str
    kind: str  # "country" | "region" | "town"


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    code: str
    form: str = "adjective"  # "adjective" | "possessive"


@dataclass(frozen=True)
class ClaimantMention:
    """A group of coordinated claimant mentions; iterable as (start, end, text, codes)."""

    start: int
    end: int
    text: str
    codes: tuple[str, ...]

    def __iter__(self):
        return iter((self.start, self.end, self.text, self.codes))


@cached
def _place_lookup(language: str) -> tuple[re.Pattern, dict[str, str]]:
    codes: dict[str, str] = {}
    towns = gazetteer()
    for row in towns:
        for column in ("name", "name_de") if language == "de" else ("name",):
            if row.get(column):
                codes[row[column].lower()] = row["name"]
    for row in lexicon.table(language, "places"):
        codes[row["term"].lower()] = row["code"]  # the lexicon wins over the gazetteer
    originals = [row["term"] for row in lexicon.table(language, "places")]
    originals += [row[c] for row in towns for c in ("name", "name_de") if row.get(c)]
    # German genitive: "Russlands", "Kursks".
    genitive = "s?" if language == "de" else ""
    pattern = term_pattern(originals)
    return re.compile(rf"(?<![\w-])({pattern}){genitive}(?![\w])"), codes


def find_places(text: str, language: str) -> list[PlaceMention]:
    """Place mentions in ``text``, leftmost-longest, non-overlapping, sorted by offset."""
    regex, codes = _place_lookup(language)
    found = []
    for match in regex.finditer(text):
        code = codes.get(lexicon.term_key(match.group(1)))
        if code is None:
            continue
        kind = place_kind(code)
        found.append(PlaceMention(match.start(), match.end(), match.group(0), code, kind))
    return found


def demonym_pattern(language: str) -> str:
    """The demonym adjectives of ``actors.csv`` as a pattern (no word bounds).

    German adjectives are listed as stems: nordkoreanisch + e/en/er/es/em.
    """
    rows = lexicon.table(language, "actors")
    ending = "(?:e|en|er|es|em)?" if language == "de" else ""
    return term_pattern([r["term"] for r in rows if r["form"] == "adjective"], suffix=ending)


def possessive_pattern(language: str) -> str:
    """The possessives of ``actors.csv`` ("Nordkoreas", "Pyongyang's") as a pattern."""
    rows = lexicon.table(language, "actors")
    return term_pattern([r["term"] for r in rows if r["form"] == "possessive"])


@cached
def _actor_lookup(language: str) -> tuple[re.Pattern, list[tuple[str, str, str]]]:
    rows = [(r["term"], r["code"], r["form"]) for r in lexicon.table(language, "actors")]
    adjectives, possessives = demonym_pattern(language), possessive_pattern(language)
    regex = re.compile(rf"(?<![\w-])(?:(?P<poss>{possessives})|(?P<adj>{adjectives}))(?![\w])")
    return regex, rows


def actor_code(language: str, written: str, form: str) -> str | None:
    """Code of a demonym (``form='adjective'``, inflected) or possessive as written."""
    return _actor_code(language, lexicon.term_key(written), form)


@lru_cached(maxsize=4096)
def _actor_code(language: str, lowered: str, form: str) -> str | None:
    _, rows = _actor_lookup(language)
    best = None
    for term, code, term_form in rows:
        if term_form != form:
            continue
        term_lower = term.lower()
        if lowered == term_lower or (form == "adjective" and lowered.startswith(term_lower)):
            if best is None or len(term) > len(best[0]):
                best = (term, code)
    return best[1] if best else None


def find_actors(text: str, language: str) -> list[ActorMention]:
    """Demonym adjectives and possessives naming a country's forces, sorted by offset."""
    regex, _ = _actor_lookup(language)
    found = []
    for match in regex.finditer(text):
        form = "possessive" if match.group("poss") else "adjective"
        code = actor_code(language, match.group(0), form)
        if code:
            found.append(ActorMention(match.start(), match.end(), match.group(0), code, form))
    return found


@dataclass(frozen=True)
class _ShortForms:
    """Short forms of claimant entities ("Kim") and the full forms that license them."""

    codes: dict[str, str]  # short form (normalised) -> codes
    full: dict[str, re.Pattern]  # short form (normalised) -> regex of its full forms


@cached
def _short_forms(language: str) -> _ShortForms:
    rows = claimant_rows(language)
    entities = [r["term"] for r in rows if r["kind"] == "entity"]
    codes: dict[str, str] = {}
    full: dict[str, re.Pattern] = {}
    for row in rows:
        if row["kind"] != "short":
            continue
        key = lexicon.term_key(row["term"])
        codes[key] = row["codes"]
        long_forms = [t for t in entities if lexicon.term_key(t).startswith(key + " ")]
        full[key] = re.compile(rf"(?<![\w-]){term_pattern(long_forms)}(?![\w])")
    return _ShortForms(codes, full)


@cached
def _claimant_lookup(language: str) -> tuple[re.Pattern, re.Pattern, re.Pattern, dict[str, str]]:
    rows = claimant_rows(language)
    entity_codes = {lexicon.term_key(r["term"]): r["codes"] for r in rows if r["kind"] == "entity"}
    # Short forms ("Kim") share the entities' trie (one pass; the longest form wins) and are
    # told apart by their key in find_claimants.
    entities = term_pattern([r["term"] for r in rows if r["kind"] in ("entity", "short")])
    institutions = term_pattern([r["term"] for r in rows if r["kind"] == "institution"])
    actor_rows = lexicon.table(language, "actors")
    demonym, possessive = demonym_pattern(language), possessive_pattern(language)
    conjunction = r"(?:und|sowie|oder|and|or)"
    # "der US-amerikanischen, südkoreanischen und ukrainischen Geheimdienste"; a demonym
    # joined to the institution by a hyphen: "US-Außenministerium", "US-Beamter".
    demonym_group = rf"{demonym}(?:\s*,\s*{demonym}|,?\s+{conjunction}\s+{demonym})*"
    unit = re.compile(
        rf"(?<![\w-])(?:(?P<group>(?:{demonym_group}|{possessive})(?:\s+(?:[\w-]+\s+)?|-)"
        rf"{institutions})"
        rf"|(?P<entity>{entities}))(?![\w])"
    )
    article = r"(?:die|der|das|den|dem|des|the)"
    # Between two mentions of one group: a comma or conjunction (plus article), or up to
    # two capitalised name words ("Präsident Wolodymyr Selenskyj"). Used with fullmatch.
    separator = re.compile(
        rf"(?:\s*,\s*|,?\s+{conjunction}\s+)(?:{article}\s+)?|\s+(?:[A-ZÄÖÜ][\w.-]+\s+){{1,2}}"
    )
    locative_words = lexicon.terms(language, "cues", "locative")
    # A claim cue ending in a locative word ("according to") introduces a speaker, not a place.
    cue_words = lexicon.terms(language, "speech_cues")
    locative_keys = {word.lower() for word in locative_words}
    cue_tails = [w for w in cue_words if " " in w and w.split()[-1].lower() in locative_keys]
    # Python's look-behind needs a fixed width: each head ("according ") is written literally.
    not_after = (r"[\w-]",) + tuple(
        fixed_width(" ".join(w.split()[:-1]) + " ") for w in cue_tails
    )
    locative = re.compile(
        rf"{bounded_pattern(locative_words, not_after=not_after)}\s+(?:{article}\s+)?"
        rf"(?:[a-zäöüß][\w-]*\s+)?$"
    )
    codes = dict(entity_codes)
    for row in actor_rows:
        codes[row["term"].lower()] = row["code"]
    return unit, separator, locative, codes


def without_bounds(pattern: str, head: str, tail: str) -> str:
    """``pattern`` without its leading look-behind ``head`` and trailing look-ahead ``tail``."""
    if not (pattern.startswith(head) and pattern.endswith(tail)):
        raise ValueError(f"pattern does not start with {head!r} and end with {tail!r}")
    return pattern[len(head):len(pattern) - len(tail)]


@cached
def claimant_anywhere(language: str) -> re.Pattern:
    """The claimant units of :func:`find_claimants` without their word bounds: where this
    finds nothing, no part of the text (a speaker's phrase cut out of it included) names a
    claimant. A cheap test before costlier searches."""
    unit = _claimant_lookup(language)[0].pattern
    return re.compile(without_bounds(unit, r"(?<![\w-])", r"(?![\w])"))


# A capitalised word right after a short form makes it part of another name.
_NAME_GOES_ON = re.compile(r"\s+[A-ZÄÖÜ]")


def _demonym_codes(language: str, written: str) -> list[str]:
    """Codes of every demonym or possessive inside a group phrase, in order of mention."""
    return [mention.code for mention in find_actors(written, language)]


def is_locative(text: str, start: int, language: str) -> bool:
    """True if the words before ``start`` are a locative preposition ("in der", "nach")."""
    _, _, locative, _ = _claimant_lookup(language)
    return locative.search(text[max(0, start - 40):start]) is not None


def find_claimants(
    text: str, language: str, context: str = "", *, licensed: frozenset[str] | None = None,
    locative: bool = False,
) -> list[ClaimantMention]:
    """Groups of claimant mentions (start, end, text, codes), sorted by offset.

    Codes keep the order of mention, without duplicates. ``context`` is the article text
    before ``text``: a short form ("Kim") counts after its full form was named there;
    ``licensed`` (short forms, as :func:`short_form_keys`), when given, says the same
    without searching a context. ``locative=True`` keeps an entity after a locative
    preposition: inside a speaker's phrase, "officials in Seoul" names the speaker.
    """
    unit_regex, separator, _, codes = _claimant_lookup(language)
    units: list[tuple[int, int, list[str], bool]] = []
    tentative: set[int] = set()  # short forms that count only inside a group
    for match in unit_regex.finditer(text):
        entity = match.group("entity")
        if entity:
            if not locative and is_locative(text, match.start(), language):
                continue
            key = lexicon.term_key(entity)
            entry = codes.get(key)
            if entry is None:  # a short form ("Kim")
                forms = _short_forms(language)
                if _NAME_GOES_ON.match(text, match.end()):
                    continue  # "Kim Yong Hyun": someone else
                entry = forms.codes.get(key, "")
                full = forms.full[key]
                known = key in licensed if licensed is not None else bool(full.search(context))
                if not known and not full.search(text, 0, match.start()):
                    tentative.add(match.start())
            found = entry.split()
        else:
            found = _demonym_codes(language, match.group("group"))
        if found:
            units.append((match.start(), match.end(), found, bool(match.group("group"))))
    groups: list[ClaimantMention] = []
    current: list[tuple[int, int, list[str], bool]] = []

    for unit in units:
        between = text[current[-1][1]:unit[0]] if current else ""
        # An institution directly followed by a name: "Präsident Selenskyj".
        follows_institution = current and current[-1][3] and between.isspace()
        if current and (follows_institution or separator.fullmatch(between)):
            current.append(unit)
            continue
        if current and _names_someone(current, tentative):
            groups.append(_group(text, current))
        current = [unit]
    if current and _names_someone(current, tentative):
        groups.append(_group(text, current))
    return groups


def short_form_positions(text: str, language: str) -> dict[str, int]:
    """Short form key -> offset where one of its full forms is first named in ``text``.

    One search per short form over the article; a sentence starting at ``offset`` licenses
    the short forms whose full form was named before it (see :func:`find_claimants`).
    """
    forms = _short_forms(language)
    found = {}
    for key, full in forms.full.items():
        match = full.search(text)
        if match is not None:
            found[key] = match.start()
    return found


def short_form_keys(positions: dict[str, int], offset: int) -> frozenset[str]:
    """The short forms licensed before ``offset`` (``positions``: :func:`short_form_positions`)."""
    return frozenset(key for key, first in positions.items() if first < offset)


def _names_someone(units: list[tuple[int, int, list[str], bool]], tentative: set[int]) -> bool:
    """False for a lone short form ("Kim sagte") whose full form was not named before."""
    return not tentative or any(unit[0] not in tentative for unit in units)


def _group(text: str, units: list[tuple[int, int, list[str], bool]]) -> ClaimantMention:
    start, end = units[0][0], units[-1][1]
    codes: list[str] = []
    for _, _, unit_codes, _ in units:
        codes.extend(code for code in unit_codes if code not in codes)
    return ClaimantMention(start, end, text[start:end], tuple(codes))

