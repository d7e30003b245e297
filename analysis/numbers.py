"""Quantities in text: the number, the qualifier before it and the bounds that wording implies.

``find_quantities(text, language)`` returns every count-like number in ``text`` with
character offsets into ``text``: "bis zu 12.000" -> value 12000, upper 12000, qualifier
``up_to``; "zwischen 10.000 und 12.000" -> lower/upper, qualifier ``range``; "Tausende" ->
vague, lower 2000. What is counted is decided later (:mod:`analysis.claims`), from the noun
after the quantity.

Vocabulary is data, one folder per language (adding a term is a data change):

* ``data/lexicon/<lang>/qualifiers.csv`` -- ``phrase,qualifier,approx,sets``: a phrase before
  the number, its schema qualifier, whether it makes the number approximate, and which
  bound the number becomes (``lower``, ``upper`` or ``none``).
* ``data/lexicon/<lang>/number_words.csv`` -- ``phrase,kind,value``: scale words
  (``Millionen`` 1e6, ``Dutzend`` 12), vague plurals (``Tausende``: value = the least the
  phrase admits), articles that stand for one before a scale ("eine Million"), increment
  words ("weitere", "another", "3,000 more"), range syntax, and the context words that
  make a number a date, an ordinal, a page number, a time, a percentage or money.

Decisions (documented here because they are judgement calls):

* Separators. German groups thousands with ``.`` (or a space, U+00A0, U+202F) and writes
  decimals with ``,``; English the other way round. A lone separator followed by exactly
  three digits is read as grouping in either language ("10.000 troops" in English text is
  a European-formatted 10000; "10,000 Soldaten" in German text is 10000), except when the
  separator is the language's decimal mark and a scale word follows ("1,500 Millionen" is
  1.5 million, "1.500 million" is 1.5 million). Any other lone separator is a decimal mark
  ("1.5 Millionen" in German text is 1.5 million).
* "12k" (English only) is 12000.
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
  sign ("$500"), page/article/resolution numbers, numbers glued to letters ("F-16",
  "1990er", "3D"), and articles ("ein", "eine", "one" alone).
* Spans: ``start``/``end`` cover increment words and qualifiers before the number
  ("weitere bis zu 6.000"), a range opener ("zwischen") and the whole range; an increment
  word after the number ("6.000 weitere") sets ``increment`` but is not part of the span.

Speed: one compiled pattern per language finds candidates; the context checks run only
on candidates, and text2num is called only for word numbers (cached).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from text_to_num import text2num

from analysis import paths
from analysis.errors import ExtractionError
from analysis.schema import QUALIFIERS


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


# Number words text2num reads. German compounds are built from these morphemes
# ("zweihundertfünfzigtausend"); the whole word must consist of them.
_DE_MORPHEMES = (
    "ein", "eins", "zwei", "zwo", "drei", "vier", "fünf", "sech", "sechs", "sieb", "sieben",
    "acht", "neun", "zehn", "elf", "zwölf", "zwanzig", "dreißig", "dreissig", "vierzig",
    "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig", "hundert", "tausend", "und",
)
_EN_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand",
)
# Word numbers that are (almost always) articles or conjunctions, not counts.
_NOT_WORD_NUMBERS = {"de": frozenset({"ein", "eins", "und"}), "en": frozenset({"one"})}
_DECIMAL_MARK = {"de": ",", "en": "."}
_WORD_SCALES = {
    "de": (("tausend", 1000.0), ("hundert", 100.0)),
    "en": (("thousand", 1000.0), ("hundred", 100.0)),
}
_KINDS = (
    "scale", "vague", "article", "increment_before", "increment_after", "range_open",
    "range_join", "range_join_paired", "year_before", "month", "ordinal_before",
    "not_count_before", "not_count_after", "currency",
)
_SPACES = " \u00a0\u202f"
_PREFIX_WINDOW = 60  # characters searched before a number for qualifiers


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _alternation(phrases: list[str] | set[str] | frozenset[str]) -> str:
    """Longest first, so the regex prefers "nicht mehr als" over "mehr als"."""
    parts = sorted({_norm(p) for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(word) for word in p.split()) for p in parts)


def _trie(entries: list[tuple[str, str]]) -> str:
    """One regex for many literal prefixes, as a trie: "zwei|zwölf" -> "zw(?:ei|ölf)".

    ``entries`` are (literal, continuation regex) pairs. Python's regex engine skips an
    alternative whose first literal does not match in one comparison, so a trie costs a
    few comparisons per word start where a flat alternation costs one per phrase.
    """
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
    exact: _Patterns  # for lower-cased text (the usual case)
    folded: _Patterns  # case-insensitive, for text whose lower-casing changes its length
    core: re.Pattern[str]  # any candidate, case-insensitive (the slow, exact fallback scan)
    scan_digits: re.Pattern[str]
    scan_words: re.Pattern[str]  # on lower-cased text, after one non-word character
    scan_words_at_start: re.Pattern[str]
    prefix: re.Pattern[str]  # on reversed text
    joiner: re.Pattern[str]
    increment_after: re.Pattern[str]
    not_count_after: re.Pattern[str]
    qualifiers: dict[str, _Qualifier]
    scales: dict[str, float]
    vague: dict[str, float]
    words: dict[str, frozenset[str]]  # kind -> normalized phrases


def supported_languages() -> tuple[str, ...]:
    """Languages with a ``qualifiers.csv`` under ``data/lexicon/<lang>/``."""
    if not paths.LEXICON_DIR.is_dir():
        return ()
    return tuple(
        sorted(
            p.name
            for p in paths.LEXICON_DIR.iterdir()
            if (p / "qualifiers.csv").is_file() and p.name in _DECIMAL_MARK
        )
    )


@cache
def _grammar(language: str) -> _Grammar:
    if language not in _DECIMAL_MARK:
        raise ExtractionError(
            f"language {language!r} has no number grammar; supported: "
            + ", ".join(sorted(_DECIMAL_MARK))
        )
    folder = paths.LEXICON_DIR / language
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
    scales: dict[str, float] = {}
    vague: dict[str, float] = {}
    for row in word_rows:
        kind, phrase = row["kind"], _norm(row["phrase"])
        if kind not in words:
            raise ExtractionError(
                f"{folder / 'number_words.csv'}: phrase {row['phrase']!r} has unknown kind "
                f"{kind!r}; use one of {', '.join(_KINDS)}"
            )
        words[kind].add(phrase)
        if kind in ("scale", "vague"):
            try:
                (scales if kind == "scale" else vague)[phrase] = float(row["value"])
            except ValueError:
                raise ExtractionError(
                    f"{folder / 'number_words.csv'}: {kind} {row['phrase']!r} needs a numeric "
                    f"value, got {row['value']!r}"
                ) from None

    scale_alt = _alternation(words["scale"])
    # "Mio." ends in a dot, so the end of a phrase is "not followed by a word character".
    end = r"(?!\w)"
    # "10 000" (space-grouped) is tried before "10.000" / "1,5" / "2023".
    digit_token = r"[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?![0-9])|[0-9]+(?:[.,][0-9]+)*"
    thousand_k = rf"(?P<k>[kK]){end}|" if language == "en" else ""
    digits = (
        rf"(?<![\w.,/:])(?P<digits>{digit_token})"
        rf"(?:{thousand_k}[ \u00a0\u202f]?(?P<dscale>{scale_alt}){end})?"
    )
    if language == "de":
        word_number = "(?:" + "|".join(sorted(_DE_MORPHEMES, key=lambda w: -len(w))) + ")+"
    else:
        one = "(?:" + "|".join(sorted(_EN_WORDS, key=lambda w: -len(w))) + r")(?!\w)"
        word_number = rf"{one}(?:(?:[ \-]|(?<=hundred)\s+and\s+){one})*"
    words_alt = rf"(?P<words>{word_number})(?:\s+(?P<wscale>{scale_alt}))?{end}"
    article_alt = rf"(?P<article>{_trie([(a, '') for a in words['article']])})" + (
        rf"\s+(?P<ascale>{_trie([(sc, '') for sc in words['scale']])}){end}"
    )
    vague_alt = rf"(?P<vague>{_trie([(v, '') for v in words['vague']])}){end}"
    word_core = rf"(?<!\w)(?:{vague_alt}|{article_alt}|{words_alt})"
    number_only = rf"{digits}|(?<!\w)(?:{article_alt}|{words_alt})"

    def patterns(flags: int) -> _Patterns:
        return _Patterns(
            re.compile(digits, flags), re.compile(word_core, flags), re.compile(number_only, flags)
        )

    # Fast candidate scan (see find_quantities): the same phrases as ``core`` as a trie
    # over lower-cased text, anchored after a non-word character instead of a lookbehind,
    # which lets the engine jump between candidate positions in C.
    scale_tail = rf"(?:\s+(?:{scale_alt}))?{end}"
    if language == "de":
        morphemes = "(?:" + "|".join(sorted(_DE_MORPHEMES, key=lambda w: -len(w))) + ")"
        entries = [
            (m, f"{morphemes}{'+' if m == 'ein' else '*'}{scale_tail}")
            for m in _DE_MORPHEMES
            if m not in ("und", "eins")  # never the start of a number
        ]
    else:
        more = rf"(?:(?:[ \-]|(?<=hundred)\s+and\s+){one})"
        entries = [
            (w, f"{end}{more}{'+' if w == 'one' else '*'}{scale_tail}") for w in _EN_WORDS
        ]
    entries += [(v, end) for v in words["vague"]]
    entries += [(f"{a} {sc}", end) for a in words["article"] for sc in words["scale"]]
    word_trie = _trie(entries)

    prefix_phrases = set(qualifiers) | words["increment_before"] | words["range_open"]
    # Matched on the reversed text before a number, so the search is anchored ("match")
    # instead of scanning the whole window.
    reversed_trie = _trie([(_norm(p)[::-1], "") for p in prefix_phrases])
    prefix = re.compile(rf"(?i)[ \t\n\u00a0\u202f]*(?P<p>{reversed_trie})(?![\w~])")
    dash = "|".join(re.escape(p) for p in words["range_join"] if not p[0].isalpha())
    word_join = _alternation(
        {p for p in words["range_join"] | words["range_join_paired"] if p[0].isalpha()}
    )
    truncated = r"(?P<trunc>-\s+bis\s+)|" if language == "de" else ""
    joiner = re.compile(
        rf"(?i){truncated}[ \u00a0\u202f]*(?P<dash>{dash})[ \u00a0\u202f]*"
        rf"|\s+(?P<word>{word_join})\s+"
    )
    return _Grammar(
        language=language,
        exact=patterns(0),
        folded=patterns(re.IGNORECASE),
        core=re.compile(f"{digits}|{word_core}", re.IGNORECASE),
        scan_digits=re.compile(r"[0-9](?<![\w.,/:][0-9])"),
        scan_words=re.compile(rf"[^\w]{word_trie}"),
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
        vague=vague,
        words={kind: frozenset(v) for kind, v in words.items()},
    )


def _digits_value(token: str, language: str, scaled: bool) -> float | None:
    """Read a digit token by the separator rules in the module docstring; None if malformed."""
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
        and not (scaled and separator == _DECIMAL_MARK[language])
    ):
        return float(head + tail)
    return float(head + "." + tail)


@cache
def _words_value(words: str, language: str) -> float | None:
    phrase = " ".join(words.lower().split())
    if phrase in _NOT_WORD_NUMBERS[language]:
        return None
    try:
        return float(text2num(phrase, language))
    except ValueError:
        return None


@dataclass(frozen=True)
class _Number:
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
            scale = 1000.0
        base = _digits_value(digits, language, scale is not None)
        if base is None:
            return None
        plain = digits if scale is None else None
        words = None
    elif groups.get("article") is not None:
        base, scale, plain, words = 1.0, grammar.scales[_norm(groups["ascale"])], None, None
    else:
        words = groups["words"]
        base = _words_value(words, language)
        if base is None:
            return None
        scale_word = groups["wscale"]
        scale = grammar.scales[_norm(scale_word)] if scale_word else None
        plain = None
    value = base * scale if scale is not None else base
    return _Number(match.start(), match.end(), value, base, scale, plain, words, digits is not None)


def _prev_word(text: str, index: int) -> str:
    i = index
    while i > 0 and text[i - 1] in _SPACES + "\n\t":
        i -= 1
    j = i
    while j > 0 and i - j < 30 and not text[j - 1].isspace():
        j -= 1
    return text[j:i].lower().lstrip("([„“\"'‚")


def _next_word(text: str, index: int) -> str:
    i = index
    n = len(text)
    while i < n and text[i] in _SPACES + "\n\t":
        i += 1
    j = i
    while j < n and j - i < 30 and not text[j].isspace():
        j += 1
    return text[i:j].lower().rstrip(",;:)]“”\"'!?")


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


def _not_a_count(text: str, number: _Number, grammar: _Grammar) -> bool:
    """Context rules that make a number a date, ordinal, time, percentage, money or label."""
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
                if (
                    grammar.language == "de"
                    and number.value < 1000
                    and _prev_word(text, start) in grammar.words["ordinal_before"]
                ):
                    return True  # "die 3. Armee", "zum 2. Mal"
        prev = _prev_word(text, start)
        if any(prev.endswith(sign) for sign in grammar.words["currency"]):
            return True
        if prev.rstrip(":") in grammar.words["not_count_before"]:
            return True
    if grammar.not_count_after.match(text, end):
        return True
    small_integer = number.value <= 31 and number.value == int(number.value)
    if small_integer or _is_year_like(number):
        if _is_month(_prev_word(text, start), grammar):  # "Nov. 4", "August 2023"
            return True
    if small_integer and number.plain is not None:
        nxt = _next_word(text, end + 1 if text[end : end + 1] == "." else end)
        if _is_month(nxt, grammar):  # "4. November", "4 November"
            return True
    return False


def _year_context(text: str, number: _Number, grammar: _Grammar) -> bool:
    """A bare 1900-2100 is a year after "seit", "im Jahr", "Ende" ... or before punctuation."""
    if not _is_year_like(number):
        return False
    previous = _prev_word(text, number.start)
    if previous in grammar.words["year_before"]:
        return True
    if previous[-1:] == "," and previous[:-1].isdigit() and len(previous) <= 3:
        return True  # "November 4, 2024"
    following = text[number.end : number.end + 2].lstrip(_SPACES)
    return not following or not following[0].isalpha()


def _prefixes(text: str, start: int, grammar: _Grammar) -> list[tuple[int, str]]:
    """Qualifier / increment / range-opener phrases directly before ``start``, nearest first."""
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
    truncated = grammar.language == "de" and join.group("trunc") is not None
    if truncated and first.words is None:
        return None, False
    match = patterns.number.match(source, join.end())
    if match is None:
        return None, False
    second = _read_number(match, grammar)
    if second is None:
        return None, False
    if _not_a_count(text, second, grammar):
        return None, True
    return second, False


def _scale_first(first: _Number, second: _Number) -> float:
    """"1,5 bis 2 Millionen": the scale of the second number also applies to the first."""
    if first.scale is None and second.scale is not None and first.base <= second.base:
        return first.base * second.scale
    return first.value


def _leading_word_value(words: str, language: str) -> tuple[float, float] | None:
    """("zwölftausend") -> (12, 1000): the count before a final hundred/thousand word part."""
    lowered = words.lower().rstrip()
    for suffix, factor in _WORD_SCALES[language]:
        if lowered.endswith(suffix) and len(lowered) > len(suffix):
            head = _words_value(lowered[: -len(suffix)].strip(" -"), language)
            if head is not None:
                return head, factor
    return None


def _word_range_first(first: _Number, second: _Number, language: str) -> float:
    """"zehn- bis zwölftausend", "five to ten thousand": the first borrows the scale part."""
    if first.words is None or second.words is None or first.scale is not None:
        return first.value
    leading = _leading_word_value(second.words, language)
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
        prefixes = [p for p in _prefixes(text, match.start(), grammar) if p[0] >= last_end]
        if match.groupdict().get("vague") is not None:
            kept = []
            for position, phrase in prefixes:  # only "weitere Tausende" makes sense here
                if phrase not in grammar.words["increment_before"]:
                    break
                kept.append(position)
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
        if first is None or _not_a_count(text, first, grammar):
            last_end = match.end()  # "500 Millionen Euro": "Millionen" is no count either
            continue
        opener_index = next(
            (i for i, (_, p) in enumerate(prefixes) if p in grammar.words["range_open"]), None
        )
        second, range_of_non_counts = _read_range(
            text, source, patterns, first, grammar, opener_index is not None
        )
        if range_of_non_counts:
            last_end = match.end()
            continue
        if second is not None:
            lower = _scale_first(first, second)
            if lower == first.value:
                lower = _word_range_first(first, second, grammar.language)
            if _is_year_like(first) and _is_year_like(second):
                last_end = second.end  # "2022-2024", "von 2022 bis 2024": years
                continue
            if lower > second.value:
                second = None
        if second is None and opener_index is not None:
            prefixes = prefixes[:opener_index]  # "eine Armee von 10.000": "von" opens nothing
        if second is None and not prefixes and _year_context(text, first, grammar):
            continue

        qualifier_rows = [
            (position, grammar.qualifiers[p]) for position, p in prefixes if p in grammar.qualifiers
        ]
        increment = any(p in grammar.words["increment_before"] for _, p in prefixes)
        approx = any(q.approx for _, q in qualifier_rows)
        number_end = second.end if second is not None else first.end
        if second is not None:
            value, low, high, qualifier = None, lower, second.value, "range"
        else:
            value, low, high = first.value, None, None
            bounding = [q for _, q in qualifier_rows if q.sets != "none"]
            chosen = bounding[0] if bounding else (qualifier_rows[0][1] if qualifier_rows else None)
            qualifier = chosen.qualifier if chosen else None
            if chosen is not None and chosen.sets == "lower":
                low = value
            elif chosen is not None and chosen.sets == "upper":
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
