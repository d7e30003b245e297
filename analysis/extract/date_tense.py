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

# Clause marks; a period ends a sentence only when it does not follow a digit ("4. Mai")
# or an initial. Each pattern begins with a character class, so re skips ahead in C.
# A comma between digits ("6,000") is a thousands separator, not a clause mark.
_CLAUSE_MARK = re.compile(r"[,;:()\[\]\"„“”«»\n–—](?<!\d,(?=\d))|[.!?](?<!\d[.!?])(?=\s)")
_SENTENCE_MARK = re.compile(r"\n|[.!?](?<!\d[.!?])(?<!\b\w[.!?])(?=\s+[\"„“«]?[A-ZÄÖÜ0-9])")
_WINDOW = 300  # characters read on each side at most
Span = tuple[int, int]

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


class TenseIndex:
    """The tense rules over one text (and its same-length lower-cased form); each question
    reads only the window around the expression (at most :data:`_WINDOW` characters on
    each side), so a long text with a few dates costs no more than a short one."""

    def __init__(self, text: str, lowered: str, language: str) -> None:
        self.text = text
        self.lowered = lowered
        self.rules = tense_rules(language)

    def _bounds(self, marks: re.Pattern[str], start: int, end: int) -> Span:
        left = max(0, start - _WINDOW)
        found = list(marks.finditer(self.text, left, start))
        before = found[-1] if found else None
        after = marks.search(self.text, end, min(len(self.text), end + _WINDOW))
        high = after.start() if after else min(len(self.text), end + _WINDOW)
        return (before.end() if before else left), high

    def _direction(self, start: int, end: int, low: int, high: int) -> bool | None:
        """True ahead, False back, None when ``low:high`` holds no tense word."""
        rules = self.rules
        markers: list[tuple[int, bool]] = []  # (position, ahead)
        auxiliaries: list[int] = []
        for match in rules.words.finditer(self.lowered, low, high):
            kind = match.lastgroup
            if kind == "tense_perfect":
                return False
            if kind == "perfect_aux":
                auxiliaries.append(match.start())
            else:
                markers.append((match.start(), kind != "tense_past"))
        if auxiliaries and rules.participle is not None:
            participles = [
                m.start() for m in rules.participle.finditer(self.lowered, low, high)
                if not start <= m.start() < end  # not a word of the expression itself
            ]
            if participles:  # a perfect: "hat ... geschickt", "sind ... eingetroffen"
                markers.extend((position, False) for position in auxiliaries + participles)
        if not markers:
            return None
        return min(markers, key=lambda m: start - m[0] if m[0] < start else m[0] - end)[1]

    def looks_ahead(self, start: int, end: int) -> bool:
        """Whether the expression at ``start:end`` refers ahead (module docstring)."""
        low, high = self._bounds(_CLAUSE_MARK, start, end)
        found = self._direction(start, end, low, high)
        if found is None:
            low, high = self._bounds(_SENTENCE_MARK, start, end)
            found = self._direction(start, end, low, high)
        return bool(found)


def looks_ahead(text: str, start: int, end: int, language: str) -> bool:
    """Whether the expression at ``text[start:end]`` refers ahead (module docstring); for
    many expressions of one text, build one :class:`TenseIndex` instead."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return TenseIndex(text, lowered, language).looks_ahead(start, end)
