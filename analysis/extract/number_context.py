"""The words around a number: what makes it no count, and the qualifiers before it.

Not quantities (never returned by :func:`~analysis.extract.numbers.find_quantities`):
years (a bare 1900-2100 after a month, "seit", "im Jahr", "in", "Ende" ... or followed by
punctuation, and year ranges "2022-2024", "2022 und 2023"), day numbers next to a month
("4. November", "Nov. 4", "January 7 and 8"), ordinals ("3.", "4th", "zum 3. Mal"), times
("14:30", "14 Uhr", "10 a.m."), percentages ("30 Prozent", "5%"), money after a currency
sign or before a currency ("$500", "500 Millionen Euro"), page/article/resolution numbers,
numbers glued to letters ("F-16", "1990er", "3D"), and articles ("ein", "eine", "one"
alone). A year-sized number before a noun stays a count ("2000 Soldaten"). The context
words are the lexicon's (``year_before``, ``month``, ``ordinal_before``,
``not_count_before``, ``not_count_after``, ``currency``).

Qualifiers, increment words and range openers are searched in the 60 characters before a
number (up to three, nearest first), as a trie over the reversed text.
"""

from __future__ import annotations

import re

from analysis.extract.number_grammar import NumberGrammar
from analysis.extract.number_values import SPACES, Number
from analysis.lexicon.reader import term_key

_DAY_JOINERS = frozenset({"und", "and", "oder", "or", "bis", "to", "-", "–"})
_YEAR_PAIR_AFTER = re.compile(
    r"(?i)\s*(?:und|and|oder|or|bis|to|[–/-])\s*(?:19|20)[0-9]{2}(?![0-9])"
)
_YEAR_PAIR_BEFORE = re.compile(
    r"(?i)(?<![0-9])(?:19|20)[0-9]{2}\s*(?:und|and|oder|or|bis|to|[–,/-])\s*\Z"
)
_PREFIX_WINDOW = 60  # characters searched before a number for qualifiers


def prev_word(text: str, index: int) -> str:
    """The lower-cased word before ``index`` (opening brackets and quotes dropped)."""
    tokens = text[max(0, index - 32) : index].split()
    return tokens[-1].lower().lstrip("([„“\"'‚") if tokens else ""


def next_word(text: str, index: int) -> str:
    """The lower-cased word from ``index`` on (closing punctuation dropped)."""
    tokens = text[index : index + 32].split(None, 1)
    return tokens[0].lower().rstrip(",;:)]“”\"'!?") if tokens else ""


def is_month(word: str, grammar: NumberGrammar) -> bool:
    months = grammar.words["month"]
    return word in months or word.rstrip(".") in months


def is_year_like(number: Number) -> bool:
    return (
        number.plain is not None
        and number.plain.isdigit()
        and len(number.plain) == 4
        and 1900 <= number.value <= 2100
    )


def not_a_count(text: str, number: Number, grammar: NumberGrammar, prev: str) -> bool:
    """Context rules that make a number a date, ordinal, time, percentage, money or label.

    ``prev`` is ``prev_word(text, number.start)``, computed once by the caller.
    """
    start, end = number.start, number.end
    if number.digits:
        # Digits glued to a word ("F-16", "Su-34"): model names, not counts.
        if start >= 2 and text[start - 1] in "-‐" and text[start - 2].isalpha():
            return True
        after = text[end : end + 1]
        if number.plain is not None:
            if after.isalpha():  # "4th", "1990er", "3D"
                return True
            if after in (":", "/") and text[end + 1 : end + 2].isdigit():  # 14:30, 2023/24
                return True
            if after == ".":
                following = text[end + 1 : end + 2]
                if following.isalpha():  # "4.Armee"
                    return True
                nxt = next_word(text, end + 1)
                initial = text[end + 1 :].lstrip()[:1]
                if initial.islower() or initial.isdigit() or is_month(nxt, grammar):
                    return True
                if number.value < 1000 and prev in grammar.words["ordinal_before"]:
                    return True  # "die 3. Armee", "zum 2. Mal"
        if prev.endswith(grammar.currency_signs):
            return True
        if prev.rstrip(":") in grammar.words["not_count_before"]:
            return True
    if grammar.not_count_after.match(text, end):
        return True
    small_integer = number.value <= 31 and number.value == int(number.value)
    if small_integer or is_year_like(number):
        if is_month(prev, grammar):  # "Nov. 4", "August 2023"
            return True
    if small_integer and number.plain is not None:
        nxt = next_word(text, end + 1 if text[end : end + 1] == "." else end)
        if is_month(nxt, grammar):  # "4. November", "4 November"
            return True
        if prev in _DAY_JOINERS:  # "January 7 and 8", "7 or 8 March"
            before = text[max(0, start - 40) : start].split()[-4:-1]
            if (
                len(before) == 3
                and before[-1].rstrip(".,").isdigit()
                and is_month(before[-2].lower().rstrip(","), grammar)
            ):
                return True
    return False


def year_context(text: str, number: Number, grammar: NumberGrammar, previous: str) -> bool:
    """A bare 1900-2100 is a year after "seit", "im Jahr", "Ende" ... or before punctuation."""
    if not is_year_like(number):
        return False
    if previous in grammar.words["year_before"]:
        return True
    if previous[-1:] == "," and previous[:-1].isdigit() and len(previous) <= 3:
        return True  # "November 4, 2024"
    following = text[number.end : number.end + 2].lstrip(SPACES)
    if not following or not following[0].isalpha():
        return True
    # "2022 und 2023", "2023 or 2024": a year next to a year.
    return bool(_YEAR_PAIR_AFTER.match(text, number.end)) or bool(
        _YEAR_PAIR_BEFORE.search(text, max(0, number.start - 12), number.start)
    )


def prefix_phrases(
    text: str, start: int, grammar: NumberGrammar, prev: str
) -> list[tuple[int, str]]:
    """Qualifier / increment / range-opener phrases directly before ``start``, nearest first.

    ``prev`` is ``prev_word(text, start)``: most numbers follow no qualifier, and a set
    lookup of the word before them saves the regex.
    """
    if prev not in grammar.prefix_last_words and not prev.endswith("~"):
        return []
    window_start = max(0, start - _PREFIX_WINDOW)
    backwards = text[window_start:start][::-1]
    found: list[tuple[int, str]] = []
    position = 0
    for _ in range(3):
        match = grammar.prefix.match(backwards, position)
        if match is None:
            break
        phrase_start = start - match.end()
        if phrase_start == window_start and window_start > 0 and text[window_start - 1].isalnum():
            break  # the window cut a longer word
        found.append((phrase_start, term_key(match.group("p")[::-1])))
        position = match.end()
    return found

