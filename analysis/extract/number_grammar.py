"""The number vocabulary of one language, compiled once: :func:`number_grammar`.

Vocabulary is data, one folder per language (adding a term is a data change; a language
is supported by the number reader when its folder holds ``qualifiers.csv``):

* ``data/lexicon/<lang>/qualifiers.csv`` -- ``phrase,qualifier,approx,sets``: a phrase before
  the number, its schema qualifier, whether it makes the number approximate, and which
  bound the number becomes (``lower``, ``upper`` or ``none``).
* ``data/lexicon/<lang>/number_words.csv`` -- ``phrase,kind,value``: the settings
  ``decimal_mark`` ("," / ".") and ``compound_words`` (German glues "zweihundertfünfzig",
  English writes "two hundred and fifty"); the parts word numbers are made of
  (``word_part``; ``not_alone``: "ein" / "one" alone are articles; ``not_first``;
  ``inner_joiner``: the "and" after "hundred"); scale words (``Millionen`` 1e6, ``Dutzend``
  12; ``suffix_scale``: the "k" of "12k"), vague plurals (``Tausende``: value = the least
  the phrase admits), fractions ("zweieinhalb" 2.5, "half a" 0.5; below one only before a
  scale: "half a million"), articles that stand for one before a scale ("eine Million",
  "a hundred thousand"), increment words ("weitere", "another", "3,000 more"), range
  syntax, and the context words that make a number a date, an ordinal, a page number, a
  time, a percentage or money.

Word numbers ("zwölftausend", "two hundred and fifty") are read with text2num, so a new
language needs a folder of these two files and text2num support for its number words.

Speed (the extractor must read >= 300,000 words/s per core): candidates are found by two
compiled scans per language -- digits, and a trie of every word that can start a number,
run case-sensitively over the lower-cased text -- so the regex engine skips ordinary words
in C. The case-insensitive patterns (for text whose lower-casing changes its length, and
for :func:`~analysis.extract.numbers.parse_number`) are compiled on first use only: a
short article pays for the compilation of what it needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from analysis.core.errors import ExtractionError
from analysis.core.schema import QUALIFIERS
from analysis.lexicon import reader as lexicon
from analysis.lexicon.caches import cached
from analysis.lexicon.patterns import alternation, starts_any, trie

# What may group the thousands of "12 000" besides "." and ",": a space, a no-break, thin,
# narrow no-break, figure or punctuation space, or an apostrophe (Swiss "12'000", typeset
# "12’000"). Read by number_values.digits_value.
GROUP_SPACES = " \u00a0\u202f\u2009\u2007\u2008'\u2019"
# No count reaches this; floats stop holding every whole number at 2**53 (about 9e15), and
# a 400-digit number would become infinity. Such numbers are refused (find_quantities).
MAX_COUNT = 1e15


@dataclass(frozen=True)
class Qualifier:
    """One row of ``qualifiers.csv``."""

    qualifier: str
    approx: bool
    sets: str  # "lower" | "upper" | "none"


_KINDS = (
    "word_part", "not_alone", "not_first", "inner_joiner", "scale", "suffix_scale", "vague",
    "fraction", "article", "increment_before", "increment_after", "range_open", "range_join",
    "range_join_paired", "year_before", "month", "ordinal_before", "not_count_before",
    "not_count_after", "currency", "setting",
)
_SETTINGS = ("decimal_mark", "compound_words")
# At most this many parts in a word number ("zwei|hundert|fünfzig|tausend", "two hundred and
# fifty"): real numbers need fewer, and the cap keeps runs of number words linear, not
# quadratic (every word in a run is a candidate start).
_MAX_WORD_PARTS = 12


@dataclass(frozen=True)
class Patterns:
    """Anchored patterns run at candidate positions; groups are named as in ``read_number``."""

    digits: re.Pattern[str]  # a number written with digits (+ scale word)
    words: re.Pattern[str]  # vague plural | article + scale | word number (+ scale word)
    number: re.Pattern[str]  # digits | article + scale | word number (no vague)


@dataclass(frozen=True)
class NumberGrammar:
    """Everything compiled once per language (see the module docstring)."""

    language: str
    decimal_mark: str  # "," (de) or "." (en)
    word_scales: tuple[tuple[str, float], ...]  # word parts that are scales: ("tausend", 1e3)
    sources: tuple[str, str, str]  # pattern text of Patterns' digits, words, number
    scan_digits: re.Pattern[str]
    scan_words: re.Pattern[str]  # on lower-cased text: one non-word character + lookahead
    prefix: re.Pattern[str]  # on reversed text
    joiner: re.Pattern[str]
    increment_after: re.Pattern[str]
    not_count_after: re.Pattern[str]
    qualifiers: dict[str, Qualifier]
    scales: dict[str, float]
    vague: dict[str, float]
    fractions: dict[str, float]
    suffix_scales: dict[str, float]
    words: dict[str, frozenset[str]]  # kind -> normalized phrases
    currency_signs: tuple[str, ...]
    prefix_last_words: frozenset[str]  # last word of every prefix phrase: a cheap pre-check

    @cached_property
    def exact(self) -> Patterns:
        """For lower-cased text (the usual case)."""
        return Patterns(*(re.compile(source) for source in self.sources))

    @cached_property
    def folded(self) -> Patterns:
        """Case-insensitive, for text whose lower-casing changes its length."""
        return Patterns(*(re.compile(source, re.IGNORECASE) for source in self.sources))

    @cached_property
    def core(self) -> re.Pattern[str]:
        """Any candidate start, case-insensitive (the slow fallback scan)."""
        digits, words, _ = self.sources
        return re.compile(f"(?=(?:{digits}|{words}))", re.IGNORECASE)

    def starts_with_words(self, lowered: str) -> bool:
        """Whether a number word may start at the beginning of the lower-cased text."""
        return self.scan_words.match(" " + lowered) is not None


@cached
def number_grammar(language: str) -> NumberGrammar:
    """The compiled number vocabulary of ``language``; ExtractionError if it has none."""
    lexicon.check_language(language, "qualifiers.csv", "number")
    qualifier_columns = ("phrase", "qualifier", "approx", "sets")
    qualifier_rows = lexicon.table(language, "qualifiers", qualifier_columns)
    word_rows = lexicon.table(language, "number_words", ("phrase", "kind", "value"))

    qualifiers: dict[str, Qualifier] = {}
    for row in qualifier_rows:
        where = f"{lexicon.table_path(language, 'qualifiers')}: phrase {row['phrase']!r}"
        if row["qualifier"] not in QUALIFIERS or row["sets"] not in ("lower", "upper", "none"):
            raise ExtractionError(
                f"{where} has qualifier {row['qualifier']!r} / sets {row['sets']!r}; "
                f"use one of {', '.join(QUALIFIERS)} and lower|upper|none"
            )
        qualifiers[lexicon.term_key(row["phrase"])] = Qualifier(
            row["qualifier"], row["approx"].lower() == "true", row["sets"]
        )

    words: dict[str, set[str]] = {kind: set() for kind in _KINDS}
    numeric: dict[str, dict[str, float]] = {
        "scale": {}, "suffix_scale": {}, "vague": {}, "fraction": {}
    }
    settings: dict[str, str] = {}
    where = lexicon.table_path(language, "number_words")
    for row in word_rows:
        kind, phrase = row["kind"], lexicon.term_key(row["phrase"])
        if kind not in words:
            raise ExtractionError(
                f"{where}: phrase {row['phrase']!r} has unknown kind {kind!r}; "
                f"use one of {', '.join(_KINDS)}"
            )
        words[kind].add(phrase)
        if kind == "setting":
            settings[phrase] = row["value"]
        elif kind in numeric:
            try:
                numeric[kind][phrase] = float(row["value"])
            except ValueError:
                raise ExtractionError(
                    f"{where}: {kind} {row['phrase']!r} needs a numeric value, "
                    f"got {row['value']!r}"
                ) from None
    missing = [name for name in _SETTINGS if name not in settings]
    if missing or settings["decimal_mark"] not in (".", ","):
        raise ExtractionError(
            f"{where} needs the settings {', '.join(_SETTINGS)} (kind 'setting'; "
            f"decimal_mark is \".\" or \",\", compound_words true or false)"
        )
    compound = settings["compound_words"].lower() == "true"
    scales = numeric["scale"]

    scale_alt = alternation(words["scale"])
    # "Mio." ends in a dot, so the end of a phrase is "not followed by a word character".
    end = r"(?!\w)"
    # "10 000" (grouped by a space of any width or an apostrophe, see number_values) is
    # tried before "10.000" / "1,5" / "2023".
    digit_token = rf"[0-9]{{1,3}}(?:[{GROUP_SPACES}][0-9]{{3}})+(?![0-9])|[0-9]+(?:[.,][0-9]+)*"
    # "12k": a scale glued to the digits (only where the lexicon has one).
    suffix = (
        rf"(?P<k>{alternation(words['suffix_scale'])}){end}|" if words["suffix_scale"] else ""
    )
    digits = (
        rf"(?<![\w.,/:])(?P<digits>{digit_token})"
        rf"(?:{suffix}[ \u00a0\u202f]?(?P<dscale>{scale_alt}){end})?"
    )
    parts = f"(?:{alternation(words['word_part'])})"
    if compound:
        # German style: one word of parts, "zweihundertfünfzigtausend".
        part, more = parts, parts
    else:
        # English style: parts separated by space or hyphen; "and" after a scale part
        # ("two hundred and fifty").
        part = rf"{parts}(?!\w)"
        after_scale = "|".join(
            f"(?<={re.escape(w)})" for w in sorted(words["word_part"] & set(scales))
        )
        joiners = alternation(words["inner_joiner"])
        inner = rf"|(?:{after_scale})\s+(?:{joiners})\s+" if after_scale and joiners else ""
        more = rf"(?:(?:[ \-]{inner}){part})"
    word_number = f"{part}{more}{{0,{_MAX_WORD_PARTS - 1}}}"
    words_alt = rf"(?P<words>{word_number})(?:\s+(?P<wscale>{scale_alt}))?{end}"
    scale_trie = trie([(sc, "") for sc in words["scale"]])
    # "eine Million", "a hundred thousand": the article stands for one.
    article_alt = rf"(?P<article>{trie([(a, '') for a in words['article']])})" + (
        rf"\s+(?P<ascale>{scale_trie}(?:\s+{scale_trie})?){end}"
    )
    fraction_alt = (
        rf"(?P<fraction>{trie([(f, '') for f in words['fraction']])})"
        rf"(?:\s+(?P<fscale>{scale_trie}))?{end}"
    )
    vague_alt = rf"(?P<vague>{trie([(v, '') for v in words['vague']])}){end}"
    word_core = rf"(?<!\w)(?:{vague_alt}|{fraction_alt}|{article_alt}|{words_alt})"
    number_only = rf"{digits}|(?<!\w)(?:{fraction_alt}|{article_alt}|{words_alt})"

    # Fast candidate scan (see find_quantities): the same phrases as ``words`` (tries)
    # over lower-cased text, anchored after a non-word character instead of a lookbehind,
    # which lets the engine jump between candidate positions in C.
    scale_tail = rf"(?:\s+(?:{scale_alt}))?{end}"
    # "ein" / "one" alone are articles: they need a further part ("einhundert").
    entries = [
        (
            w,
            ("" if compound else end)
            + f"{more}{{{1 if w in words['not_alone'] else 0},{_MAX_WORD_PARTS - 1}}}"
            + scale_tail,
        )
        for w in words["word_part"]
        if w not in words["not_first"]
    ]
    entries += [(v, end) for v in words["vague"]]
    entries += [(f, scale_tail) for f in words["fraction"]]
    entries += [
        (f"{a} {sc}", scale_tail) for a in words["article"] for sc in words["scale"]
    ]
    word_starts = starts_any(entries)

    prefix_phrases = set(qualifiers) | words["increment_before"] | words["range_open"]
    # Matched on the reversed text before a number, so the search is anchored ("match")
    # instead of scanning the whole window.
    reversed_trie = trie([(lexicon.term_key(p)[::-1], "") for p in prefix_phrases])
    prefix = re.compile(rf"(?i)[ \t\n\u00a0\u202f]*(?P<p>{reversed_trie})(?![\w~])")
    dash = alternation({p for p in words["range_join"] if not p[0].isalpha()})
    word_join = alternation(
        {p for p in words["range_join"] | words["range_join_paired"] if p[0].isalpha()}
    )
    # German "zehn- bis zwölftausend": a truncated compound before the joiner.
    word_range_joins = alternation({p for p in words["range_join"] if p[0].isalpha()})
    truncated = rf"(?P<trunc>-\s+(?:{word_range_joins})\s+)|" if compound else ""
    joiner = re.compile(
        rf"(?i){truncated}[ \u00a0\u202f\u2009]*(?P<dash>{dash})[ \u00a0\u202f\u2009]*"
        rf"|\s+(?P<word>{word_join})\s+"
    )
    return NumberGrammar(
        language=language,
        decimal_mark=settings["decimal_mark"],
        word_scales=tuple(
            sorted(((w, scales[w]) for w in words["word_part"] if w in scales), key=lambda x: -x[1])
        ),
        sources=(digits, word_core, number_only),
        scan_digits=re.compile(r"[0-9](?<![\w.,/:][0-9])"),
        scan_words=re.compile(rf"[^\w](?={word_starts})"),
        prefix=prefix,
        joiner=joiner,
        increment_after=re.compile(
            rf"(?i)\s+(?:{alternation(words['increment_after'])}){end}"
        ),
        not_count_after=re.compile(
            rf"(?i)[ \u00a0\u202f]*(?:{alternation(words['not_count_after'])})(?![^\W\d_])"
        ),
        qualifiers=qualifiers,
        scales=scales,
        vague=numeric["vague"],
        fractions=numeric["fraction"],
        suffix_scales=numeric["suffix_scale"],
        words={kind: frozenset(v) for kind, v in words.items()},
        currency_signs=tuple(sorted(words["currency"])),
        prefix_last_words=frozenset(p.split()[-1] for p in prefix_phrases),
    )
