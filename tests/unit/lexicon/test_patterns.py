"""The one pattern builder: tries, alternations and word bounds, each convention a parameter."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.lexicon.patterns import (
    NEVER,
    alternation,
    bounded_pattern,
    cue_pattern,
    fixed_width,
    starts_any,
    term_pattern,
    trie,
)

WORDS = st.lists(st.text(alphabet="abcäß-.", min_size=1, max_size=5), min_size=1, max_size=12)


def longest_prefix(words: list[str], text: str) -> str | None:
    found = [w for w in words if text.startswith(w)]
    return max(found, key=len) if found else None


@settings(max_examples=300, deadline=None)
@given(words=WORDS, text=st.text(alphabet="abcäß-.x", max_size=8))
def test_a_trie_matches_the_longest_listed_word(words: list[str], text: str) -> None:
    for guard in (False, True):
        match = re.compile(trie(words, guard=guard)).match(text)
        assert (match.group(0) if match else None) == longest_prefix(words, text)


@settings(max_examples=200, deadline=None)
@given(words=WORDS, text=st.text(alphabet="abcäß-.x", max_size=8))
def test_an_alternation_matches_like_the_trie(words: list[str], text: str) -> None:
    flat = re.compile(alternation(words, lower=False)).match(text)
    tree = re.compile(trie(words)).match(text)
    assert (flat and flat.group(0)) == (tree and tree.group(0))


CONTINUATIONS = st.sampled_from(["", "!", r"(?:\s+x)?", r"(?:[ab]-){1,3}", r"(?!\w)"])


@settings(max_examples=300, deadline=None)
@given(
    entries=st.lists(st.tuples(st.text(alphabet="abc ä-", max_size=4), CONTINUATIONS), max_size=10),
    text=st.text(alphabet="abcä- !x", max_size=10),
)
def test_starts_any_succeeds_exactly_where_the_trie_matches(
    entries: list[tuple[str, str]], text: str
) -> None:
    ahead = re.compile(f"(?={starts_any(entries)})")
    for start in range(len(text) + 1):
        expected = re.compile(trie(entries)).match(text, start) is not None
        assert (ahead.match(text, start) is not None) == expected


def test_starts_any_writes_each_continuation_once() -> None:
    more = r"(?:[ -](?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)){0,11}"
    entries = [(word, more) for word in ("eins", "zwei", "drei", "vier", "fünf", "sechs")]
    pattern = starts_any(entries + [("tausende", "")])
    assert pattern.count(more) == 1 and trie(entries).count(more) == len(entries)
    assert pattern.startswith("(?=[defstvz])")


def test_no_terms_match_nothing() -> None:
    for pattern in (trie([]), term_pattern([]), term_pattern([""]), bounded_pattern([]),
                    alternation([]), starts_any([])):
        assert pattern == NEVER
        assert re.compile(pattern).search("any text at all, even empty: ") is None


def test_continuations_follow_their_literal_and_longer_literals_come_first() -> None:
    pattern = re.compile(trie([("zwei", r"(?:\s+tausend)?"), ("zweihundert", ""), ("zwölf", "!")]))
    assert pattern.match("zwei tausend").group(0) == "zwei tausend"
    assert pattern.match("zweihundert").group(0) == "zweihundert"
    assert pattern.match("zwölf!").group(0) == "zwölf!"
    assert pattern.match("zwölf") is None


def test_the_space_parameter() -> None:
    blanks = re.compile(trie(["letzte woche"], space=r"[^\S\n]+"))
    assert blanks.match("letzte \t woche") and not blanks.match("letzte\nwoche")
    anywhite = re.compile(trie(["letzte woche"]))
    assert anywhite.match("letzte\nwoche")
    assert re.compile(alternation(["nicht mehr als"], space=r"[^\S\n]+")).match("nicht  mehr als")


def test_the_guard_only_adds_a_first_character_lookahead() -> None:
    words = ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"]
    guarded = trie(words, guard=True)
    assert guarded == "(?=[dfms])" + trie(words)
    assert trie(words[:5], guard=True) == trie(words[:5])  # three first letters: no guard


def test_term_pattern_folds_only_the_first_letter() -> None:
    pattern = re.compile(rf"(?<![\w-]){term_pattern(['US', 'Letzte Woche'])}(?!\w)")
    assert [m.group(0) for m in pattern.finditer("US, us, letzte  Woche, Letzte woche")] == [
        "US", "letzte  Woche",
    ]
    assert term_pattern(["nordkoreanisch"], suffix="(?:e|en)?").endswith(")(?:e|en)?")


def test_alternation_is_longest_first_and_lower_cases_unless_asked() -> None:
    assert alternation(["mehr als", "nicht  mehr als", "über"]) == (
        r"nicht\s+mehr\s+als|mehr\s+als|über"
    )
    assert alternation(["May", "Mar"], lower=False) == "Mar|May"
    assert alternation(["May"]) == "may"


def test_fixed_width_fits_a_lookbehind() -> None:
    head = fixed_width("according ")
    assert head == r"[aA]ccording\s"
    to = re.compile(rf"(?<!{head})\bto\b")
    assert [m.start() for m in to.finditer("According to Kyiv, sent to Russia")] == [24]


@pytest.mark.parametrize("prefix", ["", r"^[\W]*"])
def test_cue_pattern_matches_whole_words_with_either_form(prefix: str) -> None:
    few = ["soll", "sollen", "plant"]  # few first letters: the bounded form
    pattern = re.compile(cue_pattern(few, prefix=prefix))
    text = "Soll er? Sie sollen, unsoll, Plantage, plant."
    found = [m.group(0) for m in pattern.finditer(text)]
    assert found == (["Soll"] if prefix else ["Soll", "sollen", "plant"])
    many = [f"{letter}x" for letter in "abcdefghij"]  # many first letters: the plain form
    assert cue_pattern(many) == rf"(?<![\w-]){term_pattern(many)}(?!\w)"
    assert cue_pattern(few).startswith("(?:")


# --- the fast word-boundary pattern for cue words (analysis.lexicon.patterns.bounded_pattern)


def test_bounded_pattern_matches_like_a_leading_word_boundary() -> None:
    import re

    from analysis.lexicon import patterns as lexicon

    words = ["soll", "sollen", "plant", "plans to", "according to", "Ukraine", "-x", "über"]
    plain = re.compile(rf"(?<![\w-]){lexicon.term_pattern(words)}(?!\w)")
    fast = re.compile(rf"{lexicon.bounded_pattern(words)}(?!\w)")
    texts = [
        "Nordkorea soll Truppen schicken; sie sollen bald kommen.",
        "Soll er? Pyongyang plans to send more, according  to Seoul.",
        "Die Ukraine-Hilfe und die Ukraine; Überweisung über Kiew.",
        "sollte, unsoll, -x, a-x, x-x, plant, Plantage, soll",
        "",
    ]
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group(0) for m in fast.finditer(texts[0])] == ["soll", "sollen"]


def test_bounded_pattern_checks_extra_lookbehinds() -> None:
    import re

    from analysis.lexicon import patterns as lexicon

    not_after = (r"[\w-]", r"[aA]ccording\s")
    to = re.compile(lexicon.bounded_pattern(["to"], not_after=not_after))
    assert [m.start() for m in to.finditer("according to Kyiv, sent to Russia")] == [24]
