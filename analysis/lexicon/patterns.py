"""The one builder of regular expressions from term lists: tries, alternations, word bounds.

Every finder matches vocabularies of the lexicon, and runs over millions of words, so the
terms are compiled as a *trie* ("nord(?:korea(?:s)?|...)") rather than a flat alternation:
Python's ``re`` tries every branch of an alternation at every position, but skips a trie
branch whose first character does not match in one comparison. Optional tails are greedy,
so the longest listed term wins.

Conventions, each a parameter because the callers rely on different ones:

* ``space``: what a space inside a term matches. ``\\s+`` (any white space, the default);
  the date finder passes ``[^\\S\\n]+`` because a time expression never spans a line break.
* ``fold_first``: the first letter matches in either case, the rest as written. Proper nouns
  and adjectives start with a capital in German at the start of a sentence ("Letzte",
  "Nordkoreanische") but lower case elsewhere, and "US" must never match the pronoun "us".
  Finders that run on lower-cased text (numbers, dates) pass lower-case terms and no folding.
* ``guard``: a look-ahead for the possible first characters before the top-level branches
  (used by the date scanner, whose trie is large): one set look-up rejects most positions.
* Continuations: a trie entry may be ``(literal, continuation regex)``; the continuation
  follows where the literal ends (the number finder appends "more parts of a word number" or
  "a scale word"). Longer literals are tried before a continuation.

A term list with no terms gives :data:`NEVER`, a pattern that matches nothing (an empty
alternation would match the empty string everywhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NEVER = "(?!)"  # matches nothing


class _Node:
    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.ends: list[str] = []  # continuations of the literals ending here ("" = none)


def _token(char: str, index: int, *, space: str, fold_first: bool) -> str:
    """The regex for one character of a term (see the module docstring)."""
    if char == " ":
        return space
    if fold_first and index == 0 and char.lower() != char.upper():
        return f"[{re.escape(char.lower())}{re.escape(char.upper())}]"
    return re.escape(char)


def _emit(node: _Node) -> str:
    branches = [key + _emit(child) for key, child in sorted(node.children.items())]
    if node.ends == [""] and branches:  # a term may end here: the longer ones are optional
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?"
    branches.extend(node.ends)  # after the longer literals: the longest wins
    if not branches:
        return ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def trie(
    entries: Iterable[str | tuple[str, str]],
    *,
    space: str = r"\s+",
    fold_first: bool = False,
    guard: bool = False,
) -> str:
    """One regex for many terms (or ``(literal, continuation)`` pairs), as a prefix tree.

    No outer group is added; an empty ``entries`` gives :data:`NEVER`. See the module
    docstring for ``space``, ``fold_first`` and ``guard``.
    """
    root = _Node()
    first_chars: set[str] = set()
    empty = True
    for entry in entries:
        literal, continuation = (entry, "") if isinstance(entry, str) else entry
        empty = False
        node = root
        for index, char in enumerate(literal):
            if index == 0:
                first_chars.add(char)
            key = _token(char, index, space=space, fold_first=fold_first)
            node = node.children.setdefault(key, _Node())
        if continuation not in node.ends:
            node.ends.append(continuation)
    if empty:
        return NEVER
    if not guard or len(root.children) <= 3 or root.ends:
        return _emit(root)
    first = "".join(sorted(re.escape(c) for c in first_chars if c != " "))
    return f"(?=[{first}])" + _emit(root)


def starts_any(entries: Iterable[tuple[str, str]]) -> str:
    """A look-ahead body that succeeds where any ``(literal, continuation)`` entry matches.

    Same positions as :func:`trie` (``entries``), for use inside ``(?=...)`` only: the
    literals that share a continuation form one trie, followed by that continuation once,
    behind a first-character guard. Where few continuations repeat over many literals (the
    number finder's "more word parts" after every part), the pattern is a tenth of the size
    and compiles ten times faster, and scans as fast. What it matches may be shorter than
    the trie's match (the longest-first order holds within a group only), so it must not
    be used to read a match.
    """
    entries = list(entries)
    if any(literal[:1] in ("", " ") for literal, _ in entries):
        return trie(entries)  # no first character to guard
    if not entries:
        return NEVER
    groups: dict[str, list[str]] = {}
    for literal, continuation in entries:
        groups.setdefault(continuation, []).append(literal)
    guard = "".join(sorted({re.escape(literal[0]) for literal, _ in entries}))
    alternatives = "|".join(
        f"(?:{trie(literals)}){continuation}" for continuation, literals in groups.items()
    )
    return f"(?=[{guard}])(?:{alternatives})"


def term_pattern(words: Iterable[str], *, suffix: str = "") -> str:
    """A regex matching any of ``words``, first letter in either case, a space any blanks.

    The lexicon's matching convention for claims files (``data/lexicon/README.md``); wrapped
    in a group and followed by ``suffix`` (e.g. German adjective endings).
    """
    words = {word for word in words if word}
    if not words:
        return NEVER
    return "(?:" + trie(words, fold_first=True) + ")" + suffix


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
        return NEVER
    guard = "".join(f"(?<!{body}.)" for body in not_after)
    branches = [
        _token(first, 1, space=r"\s+", fold_first=False) + guard + trie(rests)
        for first, rests in sorted(buckets.items())
    ]
    return "(?:" + "|".join(branches) + ")"


# Up to this many distinct first letters, bounded_pattern searches faster (measured).
_FEW_FIRST_LETTERS = 8


def cue_pattern(words: Iterable[str], *, prefix: str = "", suffix: str = "") -> str:
    """A whole-word search pattern for ``words``: ``prefix``, the words, ``(?!\\w)``, ``suffix``.

    Searched over whole sentences: the bounded form (:func:`bounded_pattern`) lets ``re``
    skip to the first letters, which pays off when they are few; a ``prefix`` (an anchor)
    needs the plain form.
    """
    words = list(words)
    if not prefix and len({word[:1].lower() for word in words}) <= _FEW_FIRST_LETTERS:
        return rf"{bounded_pattern(words)}(?!\w){suffix}"
    return rf"{prefix}(?<![\w-]){term_pattern(words)}(?!\w){suffix}"


def fixed_width(term: str) -> str:
    """A fixed-width regex for ``term`` (usable in a look-behind): first letter in either
    case, one white-space character per space."""
    return "".join(
        _token(char, index, space=r"\s", fold_first=True) for index, char in enumerate(term)
    )


def alternation(phrases: Iterable[str], *, space: str = r"\s+", lower: bool = True) -> str:
    """A flat alternation of ``phrases``, longest first (so "nicht mehr als" is tried before
    "mehr als"), words joined by ``space``. ``lower``: lower-case them (for lower-cased
    text); else keep their case. No phrases give :data:`NEVER`."""
    normalised = {" ".join(p.split()) for p in phrases}
    if lower:
        normalised = {p.lower() for p in normalised}
    parts = sorted(normalised, key=lambda p: (-len(p), p))
    if not parts:
        return NEVER
    return "|".join(space.join(re.escape(word) for word in p.split()) for p in parts)
