"""Vocabularies as data: ``data/lexicon/<language>/*.csv`` (see ``data/lexicon/README.md``).

Adding a term or a language is a data change. Each file is read once per process
(``functools.cache``) and term lists are compiled into one regular expression per
(language, file, role), also cached, because the extractor runs over millions of words.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import ExtractionError


@cache
def supported_languages() -> tuple[str, ...]:
    """Language codes that have a claims lexicon (a folder holding ``units.csv``)."""
    if not paths.LEXICON_DIR.is_dir():
        return ()
    return tuple(
        sorted(p.name for p in paths.LEXICON_DIR.iterdir() if (p / "units.csv").is_file())
    )


def check_language(language: str) -> str:
    """Return ``language`` if it has a lexicon, else raise ExtractionError listing valid ones."""
    if language not in supported_languages():
        shown = ", ".join(supported_languages()) or "none"
        raise ExtractionError(
            f"language {language!r} has no lexicon in {paths.LEXICON_DIR}; supported: {shown}"
        )
    return language


def _read(path: Path) -> tuple[dict[str, str], ...]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = []
            for row in reader:
                if None in row:  # more cells than the header has columns
                    raise ExtractionError(
                        f"lexicon file {path}, line {reader.line_num}: more cells than columns; "
                        "quote values that contain commas"
                    )
                rows.append({key: (value or "").strip() for key, value in row.items()})
    except FileNotFoundError:
        raise ExtractionError(f"lexicon file {path} is missing; restore it from git") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ExtractionError(f"lexicon file {path} is unreadable ({exc}); fix the CSV") from None
    return tuple(rows)


@cache
def table(language: str | None, name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/lexicon/<language>/<name>.csv`` (or ``data/lexicon/<name>.csv`` for None)."""
    if language is None:
        return _read(paths.LEXICON_DIR / f"{name}.csv")
    check_language(language)
    return _read(paths.LEXICON_DIR / language / f"{name}.csv")


def terms(language: str, name: str, role: str | None = None, column: str = "role") -> list[str]:
    """The ``term`` column of a lexicon file, optionally only rows whose ``column == role``."""
    return [
        row["term"]
        for row in table(language, name)
        if row.get("term") and (role is None or row.get(column) == role)
    ]


def term_pattern(words: Iterable[str], *, suffix: str = "") -> str:
    """A regex matching any of ``words`` (longest first), first letter in either case.

    Proper nouns and adjectives start with a capital in German at the start of a sentence
    ("Letzte", "Nordkoreanische") but lower case elsewhere; the rest of a word keeps its
    case, so "US" never matches the English pronoun "us". A space matches any white space.

    The words are compiled as a trie ("nord(?:korea(?:s)?|...)") rather than a flat
    alternation: Python's ``re`` tries every branch at every position, and the lexicons
    run over millions of words. Optional tails are greedy, so the longest word wins.
    """
    trie: dict = {}
    for word in set(words):
        if not word:
            continue
        node = trie
        for index, char in enumerate(word):
            if char == " ":
                key = r"\s+"
            elif index == 0 and char.lower() != char.upper():
                key = f"[{re.escape(char.lower())}{re.escape(char.upper())}]"
            else:
                key = re.escape(char)
            node = node.setdefault(key, {})
        node[""] = {}
    if not trie:
        return "(?!x)x"  # matches nothing
    return "(?:" + _emit(trie) + ")" + suffix


def _emit(node: dict) -> str:
    branches = [key + _emit(child) for key, child in sorted(node.items()) if key]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return "(?:" + body + ")?"
    return body


def _remainder_trie(words: Iterable[str]) -> dict:
    """A trie like :func:`term_pattern`'s, over word remainders (no case folding)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(r"\s+" if char == " " else re.escape(char), {})
        node[""] = {}
    return trie


def bounded_pattern(words: Iterable[str], *, not_after: tuple[str, ...] = (r"[\w-]",)) -> str:
    """``(?<![\\w-])`` + :func:`term_pattern` (``words``), written so that searching is fast.

    Python's ``re`` can skip ahead to the possible first characters of a match only when the
    pattern begins with literal characters; a leading look-behind (the word boundary) makes
    it try the whole alternation at every position instead. Here each branch begins with one
    literal first character (both cases of a letter), and the look-behinds ``not_after``
    (fixed-width pattern bodies that must not end right before the match) are checked after
    it, widened by that character. Same matches; two to three times faster for a few first
    letters (cue words), but slower for large vocabularies (places, entities: measured), where
    re then tries every branch at almost every letter.
    """
    buckets: dict[str, list[str]] = {}
    for word in set(words):
        if not word:
            continue
        first = word[0]
        variants = {first, first.lower(), first.upper()}
        variants = {v for v in variants if len(v) == 1}  # "ß".upper() is "SS"
        for variant in variants:
            buckets.setdefault(variant, []).append(word[1:])
    if not buckets:
        return "(?!x)x"
    guard = "".join(f"(?<!{body}.)" for body in not_after)
    branches = [
        (r"\s+" if first == " " else re.escape(first)) + guard + _emit(_remainder_trie(rests))
        for first, rests in sorted(buckets.items())
    ]
    return "(?:" + "|".join(branches) + ")"


@cache
def word_regex(language: str, name: str, role: str | None = None, suffix: str = "") -> re.Pattern:
    """Compiled whole-word regex for the terms of one lexicon file (and role)."""
    pattern = term_pattern(terms(language, name, role), suffix=suffix)
    return re.compile(rf"(?<![\w-]){pattern}(?![\w])")


def clear_caches() -> None:
    """Forget loaded lexicons (tests that point paths elsewhere call this)."""
    supported_languages.cache_clear()
    table.cache_clear()
    word_regex.cache_clear()
