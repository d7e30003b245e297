"""Quantities in text: the number, the qualifier before it and the bounds that wording implies.

``find_quantities(text, language)`` returns every count-like number in ``text`` with
character offsets into ``text``: "bis zu 12.000" -> value 12000, upper 12000, qualifier
``up_to``; "zwischen 10.000 und 12.000" -> lower/upper, qualifier ``range``; "Tausende" ->
vague, lower 2000. What is counted is decided later (:mod:`analysis.extract.claims`), from the noun
after the quantity.

Vocabulary is data, one folder per language (adding a term is a data change):

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

Decisions (documented here because they are judgement calls):

* Separators. German groups thousands with ``.`` (or a space, U+00A0, U+202F) and writes
  decimals with ``,``; English the other way round. A lone separator followed by exactly
  three digits is read as grouping in either language ("10.000 troops" in English text is
  a European-formatted 10000; "10,000 Soldaten" in German text is 10000), except when the
  separator is the language's decimal mark and a scale word follows ("1,500 Millionen" is
  1.5 million, "1.500 million" is 1.5 million). Any other lone separator is a decimal mark
  ("1.5 Millionen" in German text is 1.5 million).
* "12k" (English lexicon only) is 12000.
* Vague plurals admit at least two of their scale: Tausende / thousands / mehrere tausend /
  several thousand / a few thousand -> 2000, Hunderte -> 200, Zehntausende -> 20000,
  Dutzende -> 24, Millionen (alone) -> 2,000,000.
* "gut 3.000" (a good 3,000, i.e. a bit over) -> qualifier ``more_than``, approx, lower.
  "weniger als" / "less than" / "fewer than" / "under" -> ``up_to`` (the schema has no
  "less than"). German "unter" is left out: it also means "among".
* Not quantities (never returned): years (a bare 1900-2100 after a month, "seit", "im Jahr",
  "in", "Ende" ... or followed by punctuation, and year ranges "2022-2024"), day numbers
  next to a month ("4. November", "Nov. 4"), ordinals ("3.", "4th", "zum 3. Mal"), times
  ("14:30", "14 Uhr", "10 a.m."), percentages ("30 Prozent", "5%"), money after a currency
  sign or before a currency ("$500", "500 Millionen Euro"), page/article/resolution
  numbers, numbers glued to letters ("F-16", "1990er", "3D"), and articles ("ein",
  "eine", "one" alone). A year-sized number before a noun stays a count ("2000 Soldaten").
* A descending pair ("12.000 bis 10.000") is two numbers, not a range; "und" / "and" join
  a range only after "zwischen" / "between"; "von" / "from" open one only if "bis" / "to"
  follows. A range's scale word applies to both ends ("1,5 bis 2 Millionen",
  "zehn- bis zwölftausend").
* Spans: ``start``/``end`` cover increment words and qualifiers before the number
  ("weitere bis zu 6.000"), a range opener ("zwischen") and the whole range; an increment
  word after the number ("6.000 weitere") sets ``increment`` but is not part of the span.

Speed (the extractor must read >= 300,000 words/s per core): candidates are found by two
compiled scans per language -- digits, and a trie of every word that can start a number,
run case-sensitively over the lower-cased text -- so the regex engine skips ordinary words
in C. Context rules, qualifiers and ranges are only looked at around candidates, and
text2num is only called for word numbers (cached). If lower-casing changes the text's
length ("İ"), a slower case-insensitive scan keeps the offsets exact.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from text_to_num import text2num

from analysis.core import paths
from analysis.core.errors import ExtractionError
from analysis.core.schema import QUALIFIERS


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


@dataclass(frozen=True)
class _Qualifier:
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
_SPACES = " \u00a0\u202f"
_NEVER = "(?!)"  # a pattern that matches nothing
_DAY_JOINERS = frozenset({"und", "and", "oder", "or", "bis", "to", "-", "–"})
_YEAR_PAIR_AFTER = re.compile(
    r"(?i)\s*(?:und|and|oder|or|bis|to|[–/-])\s*(?:19|20)[0-9]{2}(?![0-9])"
)
_YEAR_PAIR_BEFORE = re.compile(
    r"(?i)(?<![0-9])(?:19|20)[0-9]{2}\s*(?:und|and|oder|or|bis|to|[–,/-])\s*\Z"
)
_PREFIX_WINDOW = 60  # characters searched before a number for qualifiers
# At most this many parts in a word number ("zwei|hundert|fünfzig|tausend", "two hundred and
# fifty"): real numbers need fewer, and the cap keeps runs of number words linear, not
# quadratic (every word in a run is a candidate start).
_MAX_WORD_PARTS = 12


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alternation(phrases: list[str] | set[str] | frozenset[str]) -> str:
    """Longest first, so the regex prefers "nicht mehr als" over "mehr als"."""
    parts = sorted({_norm(p) for p in phrases}, key=lambda p: (-len(p), p))
    if not parts:
        return _NEVER  # an empty alternation would match the empty string everywhere
    return "|".join(r"\s+".join(re.escape(word) for word in p.split()) for p in parts)


def _trie(entries: list[tuple[str, str]]) -> str:
    """One regex for many literal prefixes, as a trie: "zwei|zwölf" -> "zw(?:ei|ölf)".

    ``entries`` are (literal, continuation regex) pairs. Python's regex engine skips an
    alternative whose first literal does not match in one comparison, so a trie costs a
    few comparisons per word start where a flat alternation costs one per phrase.
    """
    if not entries:
        return _NEVER
    root: dict = {}
    for literal, continuation in entries:
        node = root
        for char in literal:
            node = node.setdefault(char, {})
        node.setdefault(None, []).append(continuation)

    def emit(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted((k, v) for k, v in node.items() if k is not None)
        ]
        branches.extend(node.get(None, []))  # longer literals are tried first
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(root)


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise ExtractionError(
                    f"lexicon file {path} lacks column(s) {', '.join(missing)}; fix its header"
                )
            return [{k: (v or "").strip() for k, v in row.items()} for row in reader]
    except FileNotFoundError:
        raise ExtractionError(f"lexicon file {path} is missing; restore it from git") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ExtractionError(f"lexicon file {path} is unreadable ({exc}); fix the CSV") from None


@dataclass(frozen=True)
class _Patterns:
    """Anchored patterns run at candidate positions; groups are named as in ``_read_number``."""

    digits: re.Pattern[str]  # a number written with digits (+ scale word)
    words: re.Pattern[str]  # vague plural | article + scale | word number (+ scale word)
    number: re.Pattern[str]  # digits | article + scale | word number (no vague)


@dataclass(frozen=True)
class _Grammar:
    language: str
    decimal_mark: str  # "," (de) or "." (en)
    word_scales: tuple[tuple[str, float], ...]  # word parts that are scales: ("tausend", 1e3)
    exact: _Patterns  # for lower-cased text (the usual case)
    folded: _Patterns  # case-insensitive, for text whose lower-casing changes its length
    core: re.Pattern[str]  # any candidate start, case-insensitive (the slow fallback scan)
    scan_digits: re.Pattern[str]
    scan_words: re.Pattern[str]  # on lower-cased text: one non-word character + lookahead
    scan_words_at_start: re.Pattern[str]
    prefix: re.Pattern[str]  # on reversed text
    joiner: re.Pattern[str]
    increment_after: re.Pattern[str]
    not_count_after: re.Pattern[str]
    qualifiers: dict[str, _Qualifier]
    scales: dict[str, float]
    vague: dict[str, float]
    fractions: dict[str, float]
    suffix_scales: dict[str, float]
    words: dict[str, frozenset[str]]  # kind -> normalized phrases
    currency_signs: tuple[str, ...]
    prefix_last_words: frozenset[str]  # last word of every prefix phrase: a cheap pre-check


def _languages() -> list[str]:
    if not paths.LEXICON_DIR.is_dir():
        return []
    return sorted(p.name for p in paths.LEXICON_DIR.iterdir() if (p / "qualifiers.csv").is_file())


@cache
def _grammar(language: str) -> _Grammar:
    folder = paths.LEXICON_DIR / str(language)
    if (
        not re.fullmatch(r"[a-z]{2,3}", str(language))
        or not (folder / "qualifiers.csv").is_file()
        and not (folder / "number_words.csv").is_file()
    ):
        raise ExtractionError(
            f"language {language!r} has no number lexicon in {folder}; supported: "
            + (", ".join(_languages()) or "none")
        )
    qualifier_rows = _read_csv(folder / "qualifiers.csv", ("phrase", "qualifier", "approx", "sets"))
    word_rows = _read_csv(folder / "number_words.csv", ("phrase", "kind", "value"))

    qualifiers: dict[str, _Qualifier] = {}
    for row in qualifier_rows:
        where = f"{folder / 'qualifiers.csv'}: phrase {row['phrase']!r}"
        if row["qualifier"] not in QUALIFIERS or row["sets"] not in ("lower", "upper", "none"):
            raise ExtractionError(
                f"{where} has qualifier {row['qualifier']!r} / sets {row['sets']!r}; "
                f"use one of {', '.join(QUALIFIERS)} and lower|upper|none"
            )
        qualifiers[_norm(row["phrase"])] = _Qualifier(
            row["qualifier"], row["approx"].lower() == "true", row["sets"]
        )

    words: dict[str, set[str]] = {kind: set() for kind in _KINDS}
    numeric: dict[str, dict[str, float]] = {
        "scale": {}, "suffix_scale": {}, "vague": {}, "fraction": {}
    }
    settings: dict[str, str] = {}
    where = folder / "number_words.csv"
    for row in word_rows:
        kind, phrase = row["kind"], _norm(row["phrase"])
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

    scale_alt = _alternation(words["scale"])
    # "Mio." ends in a dot, so the end of a phrase is "not followed by a word character".
    end = r"(?!\w)"
    # "10 000" (space-grouped) is tried before "10.000" / "1,5" / "2023".
    digit_token = r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?![0-9])|[0-9]+(?:[.,][0-9]+)*"
    # "12k": a scale glued to the digits (only where the lexicon has one).
    suffix = (
        rf"(?P<k>{_alternation(words['suffix_scale'])}){end}|" if words["suffix_scale"] else ""
    )
    digits = (
        rf"(?<![\w.,/:])(?P<digits>{digit_token})"
        rf"(?:{suffix}[ \u00a0\u202f]?(?P<dscale>{scale_alt}){end})?"
    )
    parts = f"(?:{_alternation(words['word_part'])})"
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
        joiners = _alternation(words["inner_joiner"])
        inner = rf"|(?:{after_scale})\s+(?:{joiners})\s+" if after_scale and joiners else ""
        more = rf"(?:(?:[ \-]{inner}){part})"
    word_number = f"{part}{more}{{0,{_MAX_WORD_PARTS - 1}}}"
    words_alt = rf"(?P<words>{word_number})(?:\s+(?P<wscale>{scale_alt}))?{end}"
    scale_trie = _trie([(sc, "") for sc in words["scale"]])
    # "eine Million", "a hundred thousand": the article stands for one.
    article_alt = rf"(?P<article>{_trie([(a, '') for a in words['article']])})" + (
        rf"\s+(?P<ascale>{scale_trie}(?:\s+{scale_trie})?){end}"
    )
    fraction_alt = (
        rf"(?P<fraction>{_trie([(f, '') for f in words['fraction']])})"
        rf"(?:\s+(?P<fscale>{scale_trie}))?{end}"
    )
    vague_alt = rf"(?P<vague>{_trie([(v, '') for v in words['vague']])}){end}"
    word_core = rf"(?<!\w)(?:{vague_alt}|{fraction_alt}|{article_alt}|{words_alt})"
    number_only = rf"{digits}|(?<!\w)(?:{fraction_alt}|{article_alt}|{words_alt})"

    def patterns(flags: int) -> _Patterns:
        return _Patterns(
            re.compile(digits, flags), re.compile(word_core, flags), re.compile(number_only, flags)
        )

    # Fast candidate scan (see find_quantities): the same phrases as ``core`` as a trie
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
    word_trie = _trie(entries)

    prefix_phrases = set(qualifiers) | words["increment_before"] | words["range_open"]
    # Matched on the reversed text before a number, so the search is anchored ("match")
    # instead of scanning the whole window.
    reversed_trie = _trie([(_norm(p)[::-1], "") for p in prefix_phrases])
    prefix = re.compile(rf"(?i)[ \t\n\u00a0\u202f]*(?P<p>{reversed_trie})(?![\w~])")
    dash = _alternation({p for p in words["range_join"] if not p[0].isalpha()})
    word_join = _alternation(
        {p for p in words["range_join"] | words["range_join_paired"] if p[0].isalpha()}
    )
    # German "zehn- bis zwölftausend": a truncated compound before the joiner.
    word_range_joins = _alternation({p for p in words["range_join"] if p[0].isalpha()})
    truncated = rf"(?P<trunc>-\s+(?:{word_range_joins})\s+)|" if compound else ""
    joiner = re.compile(
        rf"(?i){truncated}[ \u00a0\u202f]*(?P<dash>{dash})[ \u00a0\u202f]*"
        rf"|\s+(?P<word>{word_join})\s+"
    )
    return _Grammar(
        language=language,
        decimal_mark=settings["decimal_mark"],
        word_scales=tuple(
            sorted(((w, scales[w]) for w in words["word_part"] if w in scales), key=lambda x: -x[1])
        ),
        exact=patterns(0),
        folded=patterns(re.IGNORECASE),
        core=re.compile(f"(?=(?:{digits}|{word_core}))", re.IGNORECASE),
        scan_digits=re.compile(r"[0-9](?<![\w.,/:][0-9])"),
        scan_words=re.compile(rf"[^\w](?={word_trie})"),
        scan_words_at_start=re.compile(word_trie),
        prefix=prefix,
        joiner=joiner,
        increment_after=re.compile(
            rf"(?i)\s+(?:{_alternation(words['increment_after'])}){end}"
        ),
        not_count_after=re.compile(
            rf"(?i)[ \u00a0\u202f]*(?:{_alternation(words['not_count_after'])})(?![^\W\d_])"
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


def _digits_value(token: str, decimal_mark: str, scaled: bool) -> float | None:
    """Read a digit token by the separator rules in the module docstring; None if malformed."""
    if token.isdigit():  # the common case: "500", "2023"
        return float(token)
    for space in _SPACES:
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


@cache
def _words_value(words: str, language: str) -> float | None:
    """text2num's reading of a word number; None if it is not one."""
    try:
        return float(text2num(" ".join(words.lower().split()), language))
    except (ValueError, KeyError, NotImplementedError):  # not a number / unknown language
        return None


class _Number(NamedTuple):  # a NamedTuple: built once per candidate, so it must be cheap
    start: int
    end: int
    value: float
    base: float  # value before the scale word
    scale: float | None
    plain: str | None  # the bare digit token if there is no scale, else None
    words: str | None
    digits: bool  # written with digits (then glued letters or signs matter)


def _read_number(match: re.Match[str], grammar: _Grammar) -> _Number | None:
    """Value of a digit, article+scale or word-number match (not vague); None if unreadable."""
    language = grammar.language
    groups = match.groupdict()
    digits = groups.get("digits")
    if digits is not None:
        scale_word = groups["dscale"]
        scale = grammar.scales[_norm(scale_word)] if scale_word else None
        if groups.get("k"):
            scale = grammar.suffix_scales[groups["k"].lower()]
        base = _digits_value(digits, grammar.decimal_mark, scale is not None)
        if base is None:
            return None
        plain = digits if scale is None else None
        words = None
    elif groups.get("article") is not None:
        base, scale, plain, words = 1.0, 1.0, None, None
        for scale_word in groups["ascale"].split():
            scale *= grammar.scales[scale_word.lower()]
    elif groups.get("fraction") is not None:
        base = grammar.fractions[_norm(groups["fraction"])]
        scale_word = groups["fscale"]
        scale = grammar.scales[_norm(scale_word)] if scale_word else None
        if scale is None and base < 1:
            return None  # "half a day", "einen halben Monat": no count
        plain, words = None, None
    else:
        words = groups["words"]
        if _norm(words) in grammar.words["not_alone"]:
            return None  # "ein", "one": an article
        base = _words_value(words, language)
        if base is None:
            return None
        scale_word = groups["wscale"]
        scale = grammar.scales[_norm(scale_word)] if scale_word else None
        plain = None
    value = base * scale if scale is not None else base
    return _Number(match.start(), match.end(), value, base, scale, plain, words, digits is not None)


def _prev_word(text: str, index: int) -> str:
    """The lower-cased word before ``index`` (opening brackets and quotes dropped)."""
    tokens = text[max(0, index - 32) : index].split()
    return tokens[-1].lower().lstrip("([„“\"'‚") if tokens else ""


def _next_word(text: str, index: int) -> str:
    """The lower-cased word from ``index`` on (closing punctuation dropped)."""
    tokens = text[index : index + 32].split(None, 1)
    return tokens[0].lower().rstrip(",;:)]“”\"'!?") if tokens else ""


def _is_month(word: str, grammar: _Grammar) -> bool:
    months = grammar.words["month"]
    return word in months or word.rstrip(".") in months


def _is_year_like(number: _Number) -> bool:
    return (
        number.plain is not None
        and number.plain.isdigit()
        and len(number.plain) == 4
        and 1900 <= number.value <= 2100
    )


def _not_a_count(text: str, number: _Number, grammar: _Grammar, prev: str) -> bool:
    """Context rules that make a number a date, ordinal, time, percentage, money or label.

    ``prev`` is ``_prev_word(text, number.start)``, computed once by the caller.
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
                nxt = _next_word(text, end + 1)
                initial = text[end + 1 :].lstrip()[:1]
                if initial.islower() or initial.isdigit() or _is_month(nxt, grammar):
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
    if small_integer or _is_year_like(number):
        if _is_month(prev, grammar):  # "Nov. 4", "August 2023"
            return True
    if small_integer and number.plain is not None:
        nxt = _next_word(text, end + 1 if text[end : end + 1] == "." else end)
        if _is_month(nxt, grammar):  # "4. November", "4 November"
            return True
        if prev in _DAY_JOINERS:  # "January 7 and 8", "7 or 8 March"
            before = text[max(0, start - 40) : start].split()[-4:-1]
            if (
                len(before) == 3
                and before[-1].rstrip(".,").isdigit()
                and _is_month(before[-2].lower().rstrip(","), grammar)
            ):
                return True
    return False


def _year_context(text: str, number: _Number, grammar: _Grammar, previous: str) -> bool:
    """A bare 1900-2100 is a year after "seit", "im Jahr", "Ende" ... or before punctuation."""
    if not _is_year_like(number):
        return False
    if previous in grammar.words["year_before"]:
        return True
    if previous[-1:] == "," and previous[:-1].isdigit() and len(previous) <= 3:
        return True  # "November 4, 2024"
    following = text[number.end : number.end + 2].lstrip(_SPACES)
    if not following or not following[0].isalpha():
        return True
    # "2022 und 2023", "2023 or 2024": a year next to a year.
    return bool(_YEAR_PAIR_AFTER.match(text, number.end)) or bool(
        _YEAR_PAIR_BEFORE.search(text, max(0, number.start - 12), number.start)
    )


def _prefixes(text: str, start: int, grammar: _Grammar, prev: str) -> list[tuple[int, str]]:
    """Qualifier / increment / range-opener phrases directly before ``start``, nearest first.

    ``prev`` is ``_prev_word(text, start)``: most numbers follow no qualifier, and a set
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
        found.append((phrase_start, _norm(match.group("p")[::-1])))
        position = match.end()
    return found


def _read_range(
    text: str, source: str, patterns: _Patterns, first: _Number, grammar: _Grammar,
    has_opener: bool,
) -> tuple[_Number | None, bool]:
    """The second number of "X bis Y", "X–Y", "zwischen X und Y", or None.

    The flag is True when the range ends in a non-count ("10 bis 20 Prozent",
    "14 bis 16 Uhr"): then the first number is no count either.
    """
    join = grammar.joiner.match(text, first.end)
    if join is None:
        return None, False
    word = join.group("word")
    if word is not None and _norm(word) in grammar.words["range_join_paired"] and not has_opener:
        return None, False
    truncated = join.groupdict().get("trunc") is not None
    if truncated and first.words is None:
        return None, False
    match = patterns.number.match(source, join.end())
    if match is None:
        return None, False
    second = _read_number(match, grammar)
    if second is None:
        return None, False
    if _not_a_count(text, second, grammar, _prev_word(text, second.start)):
        return None, True
    return second, False


def _scale_first(first: _Number, second: _Number) -> float:
    """"1,5 bis 2 Millionen": the scale of the second number also applies to the first."""
    if first.scale is None and second.scale is not None and first.base <= second.base:
        return first.base * second.scale
    return first.value


def _leading_word_value(words: str, grammar: _Grammar) -> tuple[float, float] | None:
    """("zwölftausend") -> (12, 1000): the count before a final hundred/thousand word part."""
    lowered = words.lower().rstrip()
    for suffix, factor in grammar.word_scales:
        if lowered.endswith(suffix) and len(lowered) > len(suffix):
            head = _words_value(lowered[: -len(suffix)].strip(" -"), grammar.language)
            if head is not None:
                return head, factor
    return None


def _word_range_first(first: _Number, second: _Number, grammar: _Grammar) -> float:
    """"zehn- bis zwölftausend", "five to ten thousand": the first borrows the scale part."""
    if first.words is None or second.words is None or first.scale is not None:
        return first.value
    leading = _leading_word_value(second.words, grammar)
    if leading is not None and first.value <= leading[0]:
        return first.value * leading[1]
    return first.value


def _candidate_starts(text: str, lowered: str, grammar: _Grammar) -> list[int]:
    """Positions where a number may start, found by the fast scans; sorted."""
    if len(lowered) != len(text):  # "İ" lower-cases to two characters: offsets would drift
        return [match.start() for match in grammar.core.finditer(text)]
    starts = [match.start() for match in grammar.scan_digits.finditer(text)]
    starts.extend(match.start() + 1 for match in grammar.scan_words.finditer(lowered))
    if grammar.scan_words_at_start.match(lowered):
        starts.append(0)
    starts.sort()
    return starts


def find_quantities(text: str, language: str) -> list[Quantity]:
    """Every count-like number in ``text``, sorted and non-overlapping (see module docstring).

    Raises ExtractionError for a language without a number grammar.
    """
    grammar = _grammar(language)
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
        prev = _prev_word(text, position)
        prefixes = [p for p in _prefixes(text, position, grammar, prev) if p[0] >= last_end]
        if match.lastgroup == "vague":
            kept = []
            for phrase_start, phrase in prefixes:  # only "weitere Tausende" makes sense here
                if phrase not in grammar.words["increment_before"]:
                    break
                kept.append(phrase_start)
            start = kept[-1] if kept else match.start()
            lower = grammar.vague[_norm(match.group("vague"))]
            increment = bool(kept) or bool(grammar.increment_after.match(text, match.end()))
            quantities.append(
                Quantity(
                    start, match.end(), text[start : match.end()], match.start(), match.end(),
                    None, lower, None, False, "vague", True, increment,
                )
            )
            last_end = match.end()
            continue

        first = _read_number(match, grammar)
        if first is None:
            continue
        if _not_a_count(text, first, grammar, prev):
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
        if second is not None:
            lower = _scale_first(first, second)
            if lower == first.value:
                lower = _word_range_first(first, second, grammar)
            if _is_year_like(first) and _is_year_like(second):
                last_end = second.end  # "2022-2024", "von 2022 bis 2024": years
                continue
            if lower > second.value:
                second = None
        if second is None and opener_index is not None:
            prefixes = prefixes[:opener_index]  # "eine Armee von 10.000": "von" opens nothing
        if second is None and not prefixes and _year_context(text, first, grammar, prev):
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
    grammar = _grammar(language)
    match = grammar.folded.number.fullmatch(token.strip())
    if match is None:
        return None
    number = _read_number(match, grammar)
    return None if number is None else number.value
