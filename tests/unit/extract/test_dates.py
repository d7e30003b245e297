"""Time expressions: the public API (offsets, errors, one phrase) and properties of
finding and resolving them together (rules in analysis/extract/dates.py and the modules it
names)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core import paths
from analysis.core.errors import ExtractionError
from analysis.extract.date_grammar import date_grammar
from analysis.extract.dates import (
    KINDS,
    find_time_expressions,
    resolve_relative_date,
)
from tests.unit.extract.date_cases import PREVIOUS_WEEK, TUE, D, interval, only

# --------------------------------------------------------------------------- the seed


def test_seed_article_expressions() -> None:
    text = (paths.SEEDS_DIR / "000_01afb6bfc0e7695c.txt").read_text(encoding="utf-8")
    found = find_time_expressions(text, "de", TUE)
    got = [(e.text, e.start_date, e.end_date, e.since, e.kind) for e in found]
    assert got == [
        ("am Dienstag", TUE, TUE, None, "day"),
        ("letzte Woche", D(2024, 11, 4), D(2024, 11, 10), None, "week"),
        ("Letzte Woche", D(2024, 11, 4), D(2024, 11, 10), None, "week"),
        ("Anfang August", D(2024, 8, 1), D(2024, 8, 10), None, "month_part"),
        ("am Montag", D(2024, 11, 11), D(2024, 11, 11), None, "day"),
        ("derzeit", TUE, TUE, None, "now"),
        ("bald", None, None, None, "future"),  # "dass Nordkorea bald ... eintreten könnte"
        ("Letzten Monat", D(2024, 10, 1), D(2024, 10, 31), None, "month"),
        ("seit August 2023", None, None, D(2023, 8, 1), "since"),
    ]
    for expression in found:
        assert text[expression.start : expression.end] == expression.text


def test_crlf_and_unicode_before_expression_keep_offsets() -> None:
    text = "İİ Straße — am Montag"  # "İ".lower() is two characters long
    expression = only(text, "de")
    assert expression.text == "am Montag"


def test_datetime_published_is_accepted() -> None:
    assert interval(only("am Montag", "de", dt.datetime(2024, 11, 12, 18, 30))) == (
        D(2024, 11, 11),
        D(2024, 11, 11),
    )


# --------------------------------------------------------------------------- resolve_relative_date


@pytest.mark.parametrize(
    ("language", "expression", "expected"),
    [
        ("de", "letzte Woche", PREVIOUS_WEEK),
        ("de", "  Letzten Monat ", (D(2024, 10, 1), D(2024, 10, 31))),
        ("de", "am Dienstag", (TUE, TUE)),
        ("de", "Anfang August", (D(2024, 8, 1), D(2024, 8, 10))),
        ("de", "derzeit", (TUE, TUE)),
        ("en", "two weeks ago", (D(2024, 10, 28), D(2024, 11, 3))),
        ("en", "Nov. 4", (D(2024, 11, 4), D(2024, 11, 4))),
        ("de", "letzte Woche.", PREVIOUS_WEEK),
        ("en", "last week,", PREVIOUS_WEEK),
    ],
)
def test_resolve_relative_date(
    language: str, expression: str, expected: tuple[dt.date, dt.date]
) -> None:
    assert resolve_relative_date(expression, language, TUE) == expected


@pytest.mark.parametrize(
    ("language", "expression"),
    [
        ("de", "seit August 2023"),  # a start, not an interval
        ("de", "nächste Woche"),  # future
        ("de", "Truppen"),
        ("de", "letzte Woche und am Montag"),  # two expressions
        ("de", "sagte letzte Woche"),  # more than the expression
        ("en", ""),
    ],
)
def test_resolve_relative_date_none(language: str, expression: str) -> None:
    assert resolve_relative_date(expression, language, TUE) is None


def test_unknown_language_lists_supported_ones() -> None:
    with pytest.raises(ExtractionError, match=r"'fr'.*supported: de, en"):
        find_time_expressions("la semaine dernière", "fr", TUE)
    with pytest.raises(ExtractionError, match="supported"):
        resolve_relative_date("hier", "fr", TUE)


@pytest.mark.parametrize("published", [None, "2024-11-12", pd.NaT])
def test_missing_publication_date_is_a_user_error(published: object) -> None:
    with pytest.raises(ExtractionError, match="publication date"):
        find_time_expressions("am Montag", "de", published)  # type: ignore[arg-type]


def test_pandas_timestamp_published_is_accepted() -> None:
    assert interval(only("am Montag", "de", pd.Timestamp("2024-11-12"))) == (  # type: ignore
        D(2024, 11, 11),
        D(2024, 11, 11),
    )


@pytest.mark.parametrize("language", ["../de", "de/..", "DE", "", "deutsch"])
def test_language_must_be_a_known_code(language: str) -> None:
    with pytest.raises(ExtractionError, match="supported: de, en"):
        find_time_expressions("am Montag", language, TUE)


def test_non_string_language_or_text_is_a_user_error() -> None:
    with pytest.raises(ExtractionError, match="language"):
        find_time_expressions("am Montag", None, TUE)  # type: ignore[arg-type]
    with pytest.raises(ExtractionError, match="string"):
        find_time_expressions(None, "de", TUE)  # type: ignore[arg-type]


def test_results_are_fresh_lists() -> None:
    first = find_time_expressions("am Montag", "de", TUE)
    first.clear()
    assert len(find_time_expressions("am Montag", "de", TUE)) == 1


def _vocabulary(language: str) -> list[str]:
    lexicon = date_grammar(language).lexicon
    return [term for entries in lexicon.terms.values() for term, _ in entries]


_TOKENS = sorted(set(_vocabulary("de") + _vocabulary("en"))) + [
    "4.", "30.", "31.", "29.", "9", "12", "2023", "2024", "1999", "2031", "4.11.2024",
    "2024-02-30", "2024-11-04", "10.000", "12,000", "-", "–", ",", "\n", "Soldaten", "troops",
    "Montagabend", "mid-2023", "3rd",
]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_TOKENS), max_size=14),
    noise=st.text(max_size=40),
    language=st.sampled_from(["de", "en"]),
    published=st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31)),
)
def test_property_results_are_consistent(
    words: list[str], noise: str, language: str, published: dt.date
) -> None:
    text = noise + " " + " ".join(words)
    found = find_time_expressions(text, language, published)
    previous_end = 0
    for expression in found:
        assert text[expression.start : expression.end] == expression.text
        assert expression.start >= previous_end  # sorted, non-overlapping
        previous_end = expression.end
        assert expression.kind in KINDS
        if expression.start_date is not None or expression.end_date is not None:
            assert expression.start_date is not None and expression.end_date is not None
            assert expression.start_date <= expression.end_date <= published
        if expression.since is not None:
            assert expression.since <= published
            assert expression.kind == "since"
        if expression.kind == "future":
            assert (expression.start_date, expression.end_date, expression.since) == (
                None,
                None,
                None,
            )
        # Resolving the phrase alone gives the same interval when it names its year: only a
        # date without a year depends on its clause (tense), and only phrases without digits
        # count from a day named before them ("am nächsten Tag").
        if expression.start_date is not None and re.search(r"\d{4}", expression.text):
            assert resolve_relative_date(expression.text, language, published) == (
                expression.start_date,
                expression.end_date,
            )


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200), published=st.dates())
def test_property_arbitrary_text_never_raises(text: str, published: dt.date) -> None:
    for language in ("de", "en"):
        for expression in find_time_expressions(text, language, published):
            assert text[expression.start : expression.end] == expression.text
            if expression.start_date is not None:
                assert expression.start_date <= expression.end_date <= published
