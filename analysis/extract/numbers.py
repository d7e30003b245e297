"""Quantities in text: the number, the qualifier before it and the bounds that wording implies.

``find_quantities(text, language)`` returns every count-like number in ``text`` with
character offsets into ``text``: "bis zu 12.000" -> value 12000, upper 12000, qualifier
``up_to``; "zwischen 10.000 und 12.000" -> lower/upper, qualifier ``range``; "Tausende" ->
vague, lower 2000. What is counted is decided later (:mod:`analysis.extract.claim_units`),
from the noun after the quantity.

The vocabulary and its compiled form: :mod:`analysis.extract.number_grammar`; reading one
number's value (separators, word numbers, scales): :mod:`analysis.extract.number_values`;
what makes a number no count (dates, ordinals, money ...) and the qualifiers before it:
:mod:`analysis.extract.number_context`. Decisions made here (judgement calls):

* Vague plurals admit at least two of their scale: Tausende / thousands / mehrere tausend /
  several thousand / a few thousand -> 2000, Hunderte -> 200, Zehntausende -> 20000,
  Dutzende -> 24, Millionen (alone) -> 2,000,000. Only an increment word may come before
  one ("weitere Tausende").
* Qualifiers: the nearest bound-setting qualifier decides ("schätzungsweise bis zu" is
  ``up_to``); any approximate one makes the number approximate. "gut 3.000" (a good
  3,000, i.e. a bit over) -> qualifier ``more_than``, approx, lower. "weniger als" / "less
  than" / "fewer than" / "under" -> ``up_to`` (the schema has no "less than"). German
  "unter" is left out: it also means "among".
* A descending pair ("12.000 bis 10.000") is two numbers, not a range; "und" / "and" join
  a range only after "zwischen" / "between"; "von" / "from" open one only if "bis" / "to"
  follows. A range's scale word applies to both ends ("1,5 bis 2 Millionen",
  "zehn- bis zwölftausend"). A range ending in a non-count ("10 bis 20 Prozent") is no
  count at all; a range of two years ("2022-2024") neither.
* Spans: ``start``/``end`` cover increment words and qualifiers before the number
  ("weitere bis zu 6.000"), a range opener ("zwischen") and the whole range; an increment
  word after the number ("6.000 weitere") sets ``increment`` but is not part of the span.

Speed: candidates are found by two compiled scans (digits, and a trie of the words that
can start a number, over the lower-cased text); context rules, qualifiers and ranges are
only looked at around candidates. If lower-casing changes the text's length ("İ"), a
slower case-insensitive scan keeps the offsets exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from analysis.extract.number_context import (
    is_year_like,
    not_a_count,
    prefix_phrases,
    prev_word,
    year_context,
)
from analysis.extract.number_grammar import MAX_COUNT, NumberGrammar, Patterns, number_grammar
from analysis.extract.number_values import Number, read_number, words_value
from analysis.lexicon.reader import term_key


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with what its wording says about bounds.

    ``start``/``end`` span qualifier + number (``text == source[start:end]``);
    ``number_start``/``number_end`` span the number (or the whole range) only.
    Invariant: ``lower <= value <= upper`` wherever set.
    """

    start: int
    end: int
    text: str
    number_start: int
    number_end: int
    value: float | None
    lower: float | None
    upper: float | None
    approx: bool
    qualifier: str | None
    vague: bool
    increment: bool


def _read_range(
    text: str, source: str, patterns: Patterns, first: Number, grammar: NumberGrammar,
    has_opener: bool,
) -> tuple[Number | None, bool]:
    """The second number of "X bis Y", "X–Y", "zwischen X und Y", or None.

    The flag is True when the range ends in a non-count ("10 bis 20 Prozent",
    "14 bis 16 Uhr"): then the first number is no count either.
    """
    join = grammar.joiner.match(text, first.end)
    if join is None:
        return None, False
    word = join.group("word")
    if word is not None and term_key(word) in grammar.words["range_join_paired"] and not has_opener:
        return None, False
    truncated = join.groupdict().get("trunc") is not None
    if truncated and first.words is None:
        return None, False
    match = patterns.number.match(source, join.end())
    if match is None:
        return None, False
    second = read_number(match, grammar)
    if second is None:
        return None, False
    if not_a_count(text, second, grammar, prev_word(text, second.start)):
        return None, True
    return second, False


def _scale_first(first: Number, second: Number) -> float:
    """"1,5 bis 2 Millionen": the scale of the second number also applies to the first."""
    if first.scale is None and second.scale is not None and first.base <= second.base:
        return first.base * second.scale
    return first.value


def _leading_word_value(words: str, grammar: NumberGrammar) -> tuple[float, float] | None:
    """("zwölftausend") -> (12, 1000): the count before a final hundred/thousand word part."""
    lowered = words.lower().rstrip()
    for suffix, factor in grammar.word_scales:
        if lowered.endswith(suffix) and len(lowered) > len(suffix):
            head = words_value(lowered[: -len(suffix)].strip(" -"), grammar.language)
            if head is not None:
                return head, factor
    return None


def _word_range_first(first: Number, second: Number, grammar: NumberGrammar) -> float:
    """"zehn- bis zwölftausend", "five to ten thousand": the first borrows the scale part."""
    if first.words is None or second.words is None or first.scale is not None:
        return first.value
    leading = _leading_word_value(second.words, grammar)
    if leading is not None and first.value <= leading[0]:
        return first.value * leading[1]
    return first.value


def _candidate_starts(text: str, lowered: str, grammar: NumberGrammar) -> list[int]:
    """Positions where a number may start, found by the fast scans; sorted."""
    if len(lowered) != len(text):  # "İ" lower-cases to two characters: offsets would drift
        return [match.start() for match in grammar.core.finditer(text)]
    starts = [match.start() for match in grammar.scan_digits.finditer(text)]
    starts.extend(match.start() + 1 for match in grammar.scan_words.finditer(lowered))
    if grammar.starts_with_words(lowered):
        starts.append(0)
    starts.sort()
    return starts


class RefusedNumber(NamedTuple):
    """A number that is not read at all, and why (offsets into the text)."""

    start: int
    end: int
    reason: str


def find_quantities(
    text: str, language: str, refused: list[RefusedNumber] | None = None
) -> list[Quantity]:
    """Every count-like number in ``text``, sorted and non-overlapping (see module docstring).

    Numbers of :data:`~analysis.extract.number_grammar.MAX_COUNT` or more (a 400-digit
    number would be infinity) are never returned; they are appended to ``refused`` when it
    is given, for the caller to report. Raises ExtractionError for a language without a
    number grammar.
    """
    grammar = number_grammar(language)
    # Patterns run on the lower-cased text (case-sensitive matching is several times
    # faster); offsets are the same as long as lower-casing keeps the length.
    lowered = text.lower()
    exact = len(lowered) == len(text)
    source, patterns = (lowered, grammar.exact) if exact else (text, grammar.folded)
    quantities: list[Quantity] = []
    last_end = 0
    for position in _candidate_starts(text, lowered, grammar):
        if position < last_end:
            continue
        if "0" <= source[position] <= "9":
            match = patterns.digits.match(source, position)
        else:
            match = patterns.words.match(source, position)
        if match is None:
            continue
        prev = prev_word(text, position)
        prefixes = [p for p in prefix_phrases(text, position, grammar, prev) if p[0] >= last_end]
        if match.lastgroup == "vague":
            kept = []
            for phrase_start, phrase in prefixes:  # only "weitere Tausende" makes sense here
                if phrase not in grammar.words["increment_before"]:
                    break
                kept.append(phrase_start)
            start = kept[-1] if kept else match.start()
            lower = grammar.vague[term_key(match.group("vague"))]
            increment = bool(kept) or bool(grammar.increment_after.match(text, match.end()))
            quantities.append(
                Quantity(
                    start, match.end(), text[start : match.end()], match.start(), match.end(),
                    None, lower, None, False, "vague", True, increment,
                )
            )
            last_end = match.end()
            continue

        first = read_number(match, grammar)
        if first is None:
            continue
        if not first.value < MAX_COUNT:  # also infinity and NaN
            if refused is not None:
                refused.append(RefusedNumber(first.start, first.end, "too large to be a count"))
            last_end = match.end()
            continue
        if not_a_count(text, first, grammar, prev):
            last_end = match.end()  # "500 Millionen Euro": "Millionen" is no count either
            continue
        opener_index = None
        for index, (_, phrase) in enumerate(prefixes):
            if phrase in grammar.words["range_open"]:
                opener_index = index
                break
        second, range_of_non_counts = _read_range(
            text, source, patterns, first, grammar, opener_index is not None
        )
        if range_of_non_counts:
            last_end = match.end()
            continue
        if second is not None and not second.value < MAX_COUNT:
            if refused is not None:
                refused.append(RefusedNumber(second.start, second.end, "too large to be a count"))
            last_end = second.end
            continue
        if second is not None:
            lower = _scale_first(first, second)
            if lower == first.value:
                lower = _word_range_first(first, second, grammar)
            if is_year_like(first) and is_year_like(second):
                last_end = second.end  # "2022-2024", "von 2022 bis 2024": years
                continue
            if lower > second.value:
                second = None
        if second is None and opener_index is not None:
            prefixes = prefixes[:opener_index]  # "eine Armee von 10.000": "von" opens nothing
        if second is None and not prefixes and year_context(text, first, grammar, prev):
            continue

        # Nearest first: the nearest bound-setting qualifier decides ("schätzungsweise bis
        # zu" is up_to); any approximate one makes the number approximate.
        found_qualifiers = [grammar.qualifiers[p] for _, p in prefixes if p in grammar.qualifiers]
        increment = False
        for _, phrase in prefixes:
            increment = increment or phrase in grammar.words["increment_before"]
        approx = any(q.approx for q in found_qualifiers)
        number_end = second.end if second is not None else first.end
        if second is not None:
            value, low, high, qualifier = None, lower, second.value, "range"
        else:
            value, low, high, qualifier = first.value, None, None, None
            if found_qualifiers:
                bounding = [q for q in found_qualifiers if q.sets != "none"]
                chosen = bounding[0] if bounding else found_qualifiers[0]
                qualifier = chosen.qualifier
                if chosen.sets == "lower":
                    low = value
                elif chosen.sets == "upper":
                    high = value
        increment = increment or bool(grammar.increment_after.match(text, number_end))
        start = prefixes[-1][0] if prefixes else first.start
        quantities.append(
            Quantity(
                start, number_end, text[start:number_end], first.start, number_end,
                value, low, high, approx, qualifier, False, increment,
            )
        )
        last_end = number_end
    return quantities


def parse_number(token: str, language: str) -> float | None:
    """The value of one number as written ("10.000", "1,5 Mio.", "zwölftausend", "a dozen").

    None for anything that is not exactly one number (vague words, ranges, other text).
    """
    grammar = number_grammar(language)
    match = grammar.folded.number.fullmatch(token.strip())
    if match is None:
        return None
    number = read_number(match, grammar)
    return None if number is None else number.value
