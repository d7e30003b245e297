"""Whether the clause around a time expression looks back or ahead: its tense, roughly.

A date without a year ("im Dezember", "am Freitag", "Anfang Juni", "an Weihnachten") means
a different day in "Nordkorea schickte im Dezember …" (the last December) than in "Nordkorea
wird im Dezember … schicken" (the next one). :func:`looks_ahead` reads the clause of the
expression with the words of ``dates.csv`` (kinds ``tense_past``, ``tense_future``,
``tense_present``, ``tense_perfect``, ``perfect_aux``) and the participle morphology its
``form`` rows switch on. Rules:

* The clause is the text between the nearest clause marks around the expression (comma,
  semicolon, colon, brackets, quotation marks, dashes, a sentence end); when it holds no
  tense word at all, the whole sentence is read instead.
* A perfect or passive perfect ("worden", "gewesen", "been") makes the clause past: "Am
  Montag sollen 300 Soldaten getötet worden sein" is reported, not planned.
* Otherwise the tense word nearest to the expression decides. Back: a past word ("war",
  "sagte", "said") or a perfect (an auxiliary "hat", "ist", "has" with a participle
  "geschickt", "eingetroffen", "verlegt", "stationiert", "deployed" in the clause). Ahead:
  a future word ("wird", "soll", "plant", "will", "expected") or one of the present-tense
  verbs of schedules the lexicon lists (German news announces what is scheduled in the
  present tense: "Am Samstag beginnt …", "erscheint am 1. September"). A copula alone
  ("ist", "sind") says nothing: "das ist weit weg an Palmsonntag".
* No tense word: not ahead (the resolver's default, the latest such date): a claims corpus
  reports what happened, and English reporting is in the past tense.

The caller asks only for expressions without a year or modifier, once per expression.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.date_lexicon import load_date_lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import trie

# Clause marks; a period ends a sentence only when it does not follow a digit ("4. Mai").
_CLAUSE_MARK = re.compile(r"[,;:()\[\]\"„“”«»\n–—]|(?<!\d)[.!?](?=\s)")
_SENTENCE_MARK = re.compile(r"\n|(?<![\d\s][.])(?<!\b\w)[.!?](?=\s+[\"„“«]?[A-ZÄÖÜ0-9])")
_WINDOW = 300  # characters searched on each side for the clause bounds

_PARTICIPLES = {
    # ge-participles ("geschickt", "eingetroffen", "getötet"), inseparable prefixes
    # ("verlegt", "bestätigt"), and -iert ("stationiert").
    "participle_ge": (
        r"(?:[a-zäöü]+)?ge[a-zäöüß]{2,}(?:t|en)|(?:ver|be|er|ent|zer|über|miss)[a-zäöüß]{2,}t"
        r"|[a-zäöüß]{3,}iert"
    ),
    "participle_ed": r"[a-z]{3,}ed",
}


@dataclass(frozen=True)
class TenseRules:
    words: re.Pattern[str]  # any tense word; the group name says which kind
    participle: re.Pattern[str] | None


def _group(name: str, terms: tuple[tuple[str, bool], ...]) -> str | None:
    if not terms:
        return None
    return f"(?P<{name}>{trie(sorted({term.lower() for term, _ in terms}))})"


@cached
def tense_rules(language: str) -> TenseRules:
    lexicon = load_date_lexicon(language)
    groups = [
        _group(kind, lexicon.terms[kind])
        for kind in ("tense_perfect", "tense_past", "tense_future", "perfect_aux", "tense_present")
    ]
    body = "|".join(g for g in groups if g)
    words = re.compile(rf"(?<![\w'’])(?:{body})(?![\w'’])" if body else r"(?!)")
    morphologies = [_PARTICIPLES[form] for form in sorted(lexicon.forms) if form in _PARTICIPLES]
    participle = (
        re.compile(rf"(?<![\w-])(?:{'|'.join(morphologies)})(?![\w-])") if morphologies else None
    )
    return TenseRules(words, participle)


def _bounds(text: str, start: int, end: int, marks: re.Pattern[str]) -> tuple[int, int]:
    left = max(0, start - _WINDOW)
    before = [m.end() for m in marks.finditer(text, left, start)]
    after = marks.search(text, end, min(len(text), end + _WINDOW))
    high = after.start() if after else min(len(text), end + _WINDOW)
    return (before[-1] if before else left), high


def _direction(
    text: str, start: int, end: int, low: int, high: int, rules: TenseRules
) -> bool | None:
    """True ahead, False back, None when the span ``low:high`` holds no tense word."""
    lowered = text[low:high].lower()
    markers: list[tuple[int, bool]] = []  # (position, ahead)
    auxiliaries: list[int] = []
    for match in rules.words.finditer(lowered):
        kind = match.lastgroup
        if kind == "tense_perfect":
            return False
        if kind == "perfect_aux":
            auxiliaries.append(low + match.start())
        else:
            markers.append((low + match.start(), kind != "tense_past"))
    if auxiliaries:
        found = rules.participle.finditer(lowered) if rules.participle else ()
        participles = [
            low + m.start() for m in found
            if not start <= low + m.start() < end  # not a word of the expression itself
        ]
        if participles:  # a perfect: "hat ... geschickt", "sind ... eingetroffen"
            markers.extend((position, False) for position in auxiliaries + participles)
    if not markers:
        return None
    return min(markers, key=lambda m: start - m[0] if m[0] < start else m[0] - end)[1]


def looks_ahead(text: str, start: int, end: int, language: str) -> bool:
    """Whether the expression at ``text[start:end]`` refers ahead (module docstring)."""
    rules = tense_rules(language)
    low, high = _bounds(text, start, end, _CLAUSE_MARK)
    found = _direction(text, start, end, low, high, rules)
    if found is None:
        low, high = _bounds(text, start, end, _SENTENCE_MARK)
        found = _direction(text, start, end, low, high, rules)
    return bool(found)
