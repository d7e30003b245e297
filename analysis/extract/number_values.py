"""The value of one number as written: digits, word numbers, scale words.

Decisions (judgement calls):

* Separators. German groups thousands with ``.`` (or a space of any width: U+00A0, U+202F,
  U+2009, U+2007, U+2008; or an apostrophe, Swiss "12'000", "12’000") and writes
  decimals with ``,``; English the other way round. A lone separator followed by exactly
  three digits is read as grouping in either language ("10.000 troops" in English text is
  a European-formatted 10000; "10,000 Soldaten" in German text is 10000), except when the
  separator is the language's decimal mark and a scale word follows ("1,500 Millionen" is
  1.5 million, "1.500 million" is 1.5 million). Any other lone separator is a decimal mark
  ("1.5 Millionen" in German text is 1.5 million). Several separators must group
  consistently ("4.11.2024" and "1.2.3" are a date and a version, not numbers).
* "12k" (English lexicon only) is 12000.
* Word numbers ("zwölftausend", "two hundred and fifty") are read by text2num (imported
  only when an article has one, and cached); "ein" / "one" alone are articles, not numbers.
* A scale word multiplies ("1,5 Millionen", "zwei Dutzend"); an article before a scale is
  one ("eine Million", "a hundred thousand"); a fraction counts only before a scale
  ("half a million", but not "half a day").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from analysis.extract.number_grammar import GROUP_SPACES, NumberGrammar
from analysis.lexicon.caches import cached
from analysis.lexicon.reader import term_key

SPACES = " \u00a0\u202f\u2009\u2007\u2008"  # blanks that may stand next to a number


def digits_value(token: str, decimal_mark: str, scaled: bool) -> float | None:
    """Read a digit token by the separator rules in the module docstring; None if malformed."""
    if token.isdigit():  # the common case: "500", "2023"
        return float(token)
    for space in GROUP_SPACES:
        token = token.replace(space, "")
    has_dot, has_comma = "." in token, "," in token
    if not has_dot and not has_comma:
        return float(token)
    if has_dot and has_comma:
        decimal = "." if token.rfind(".") > token.rfind(",") else ","
        grouping = "," if decimal == "." else "."
        if token.count(decimal) != 1:
            return None
        head, tail = token.split(decimal)
        groups = head.split(grouping)
        if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            return None
        return float("".join(groups) + "." + tail)
    separator = "." if has_dot else ","
    parts = token.split(separator)
    if len(parts) > 2:
        if len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]):
            return float("".join(parts))
        return None  # "4.11.2024", "1.2.3": a date or a version, not a count
    head, tail = parts
    if (
        len(tail) == 3
        and len(head) <= 3
        and head != "0"
        and not (scaled and separator == decimal_mark)
    ):
        return float(head + tail)
    return float(head + "." + tail)


@cached
def words_value(words: str, language: str) -> float | None:
    """text2num's reading of a word number; None if it is not one."""
    from text_to_num import text2num  # only articles with word numbers need it

    try:
        return float(text2num(term_key(words), language))
    except (ValueError, KeyError, NotImplementedError):  # not a number / unknown language
        return None


class Number(NamedTuple):  # a NamedTuple: built once per candidate, so it must be cheap
    """One number read at a candidate position (offsets into the text)."""

    start: int
    end: int
    value: float
    base: float  # value before the scale word
    scale: float | None
    plain: str | None  # the bare digit token if there is no scale, else None
    words: str | None
    digits: bool  # written with digits (then glued letters or signs matter)


def read_number(match: re.Match[str], grammar: NumberGrammar) -> Number | None:
    """Value of a digit, article+scale or word-number match (not vague); None if unreadable."""
    language = grammar.language
    groups = match.groupdict()
    digits = groups.get("digits")
    if digits is not None:
        scale_word = groups["dscale"]
        scale = grammar.scales[term_key(scale_word)] if scale_word else None
        if groups.get("k"):
            scale = grammar.suffix_scales[groups["k"].lower()]
        base = digits_value(digits, grammar.decimal_mark, scale is not None)
        if base is None:
            return None
        plain = digits if scale is None else None
        words = None
    elif groups.get("article") is not None:
        base, scale, plain, words = 1.0, 1.0, None, None
        for scale_word in groups["ascale"].split():
            scale *= grammar.scales[scale_word.lower()]
    elif groups.get("fraction") is not None:
        base = grammar.fractions[term_key(groups["fraction"])]
        scale_word = groups["fscale"]
        scale = grammar.scales[term_key(scale_word)] if scale_word else None
        if scale is None and base < 1:
            return None  # "half a day", "einen halben Monat": no count
        plain, words = None, None
    else:
        words = groups["words"]
        if term_key(words) in grammar.words["not_alone"]:
            return None  # "ein", "one": an article
        base = words_value(words, language)
        if base is None:
            return None
        scale_word = groups["wscale"]
        scale = grammar.scales[term_key(scale_word)] if scale_word else None
        plain = None
    value = base * scale if scale is not None else base
    return Number(match.start(), match.end(), value, base, scale, plain, words, digits is not None)

