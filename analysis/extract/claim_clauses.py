"""Where the clauses of a sentence are, for the time rules of :mod:`analysis.extract.claim_time`.

Found once per sentence (:func:`clause_marks`, kept in
:class:`~analysis.extract.claim_context.ArticleMentions`) and asked by binary search
(:func:`clause_around`), so that a sentence with thousands of numbers costs no more per
claim than a short one: clause marks (commas, semicolons, brackets, quotes, dashes; not a
comma between digits), words opening a reported message ("dass", "that"), "seit"/"since",
cumulative words ("bisher", "so far") and relative clauses ("der im Oktober in Seoul war",
"who visited Kyiv in October").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property

from analysis.extract.claim_context import ArticleMentions, Span
from analysis.extract.dates import find_so_far
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import cue_pattern, term_pattern

# A comma between digits ("6,000") is a thousands separator, not a clause mark.
CLAUSE_MARKS = re.compile(r"[,;:()\[\]\"„“”«»–—](?<!\d,(?=\d))")
_SEMICOLON = re.compile(r";")


@cached
def _openers(language: str) -> re.Pattern[str]:
    """Words that open the reported message after a saying verb ("dass", "that")."""
    words = lexicon.terms(language, "cues", "message_opener")
    return re.compile(cue_pattern(words)) if words else re.compile("(?!)")


@cached
def _since_words(language: str) -> re.Pattern[str]:
    """"seit", "seitdem", "since": what opens a clause whose time is a count's start."""
    from analysis.extract.date_grammar import date_grammar

    terms = [term for term, _ in date_grammar(language).lexicon.terms["since"]]
    return re.compile(cue_pattern(terms)) if terms else re.compile("(?!)")


# German relative pronouns are also articles: ", der im Oktober in Seoul war," opens a
# relative clause, ", die Soldaten seien" does not. The word after a relative pronoun is
# lower case and not an inflected adjective or article ("der bereits", "die am", "das seit").
_NOT_AFTER_RELATIVE = re.compile(r"[A-ZÄÖÜ]|\w*(?:e|en|er|es|em)$")


@cached
def _relative_openers(language: str) -> re.Pattern[str]:
    """A relative clause's start: a clause mark, maybe a preposition ("in dem", "in which"),
    a relative pronoun (date lexicon kind ``relative``) and the next word."""
    from analysis.extract.date_grammar import date_grammar

    terms = [term for term, _ in date_grammar(language).lexicon.terms["relative"]]
    if not terms:
        return re.compile("(?!)")
    return re.compile(
        rf"[,(–—]\s*(?:[a-zäöü]{{1,5}}\s+)?(?<!\w)(?:{term_pattern(terms)})\s+(?P<next>\w+)",
        re.IGNORECASE,
    )


def _relative_clauses(text: str, language: str, marks: list[int]) -> list[Span]:
    """The relative clauses of a sentence ("der im Oktober in Seoul war", "who visited
    Kyiv in October"): from the pronoun to the next clause mark."""
    spans = []
    for found in _relative_openers(language).finditer(text):
        if language == "de" and _NOT_AFTER_RELATIVE.match(found["next"]):
            continue
        start = found.start() + 1
        after = bisect_left(marks, start)
        spans.append((start, marks[after] if after < len(marks) else len(text)))
    return spans


@dataclass(frozen=True)
class ClauseMarks:
    """Where one sentence's clauses and cumulative words are (found once per sentence)."""

    marks: list[int]  # clause marks: their start offsets (each is one character)
    openers: list[Span]  # words opening a reported message ("dass", "that")
    semicolons: list[int]
    so_far: list[Span]
    since_words: list[Span]
    relatives: list[Span]

    @cached_property
    def opener_starts(self) -> list[int]:
        return [opener[0] for opener in self.openers]

    @cached_property
    def since_starts(self) -> list[int]:
        return [word[0] for word in self.since_words]


def clause_marks(mentions: ArticleMentions, index: int) -> ClauseMarks:
    language = mentions.language

    def compute(text: str) -> ClauseMarks:
        marks = [m.start() for m in CLAUSE_MARKS.finditer(text)]
        return ClauseMarks(
            marks,
            [(m.start(), m.end()) for m in _openers(language).finditer(text)],
            [m.start() for m in _SEMICOLON.finditer(text)],
            find_so_far(text, language),
            [(m.start(), m.end()) for m in _since_words(language).finditer(text)],
            _relative_clauses(text, language, marks),
        )

    return mentions.memo("time_marks", index, compute)


def clause_around(marks: ClauseMarks, length: int, span: Span, *, openers: bool = True) -> Span:
    """The clause around ``span``: up to the nearest clause marks (and, with ``openers``,
    words opening a reported message) on either side; binary searches only."""
    start, end = span
    before = bisect_left(marks.marks, start)
    left = marks.marks[before - 1] + 1 if before else 0
    after = bisect_left(marks.marks, end)
    right = marks.marks[after] if after < len(marks.marks) else length
    if openers and marks.openers:
        starts = marks.opener_starts
        previous = bisect_left(starts, start) - 1
        if previous >= 0 and marks.openers[previous][0] >= left:
            left = marks.openers[previous][0]
        following = bisect_left(starts, end)
        if following < len(starts) and starts[following] < right:
            right = starts[following]
    return left, right
