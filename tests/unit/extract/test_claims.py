"""Claim assembly (analysis.extract.claims): bounds, location conflicts, the table, batches;
example sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core.errors import ExtractionError
from analysis.core.schema import CLAIM_COLUMNS, QUALIFIERS, UNITS
from analysis.corpus.catalog import Article
from analysis.extract import claims as claims_module
from analysis.extract.claims import extract_claims, extract_corpus_claims, find_claims
from tests.unit.extract.claim_cases import PUBLISHED, article, claims, one

# --- bounds and qualifiers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "value", "lower", "upper", "qualifier", "approx", "vague"),
    [
        ("Es sind bis zu 12.000 Soldaten.", "de", 12000, None, 12000, "up_to", False, False),
        ("Es sind mehr als 13.000 Container.", "de", 13000, 13000, None, "more_than", False,
         False),
        ("Es sind rund 50.000 Soldaten.", "de", 50000, None, None, "about", True, False),
        ("Es sind knapp 11.000 Soldaten.", "de", 11000, None, 11000, "nearly", True, False),
        ("Es sind zwischen 10.000 und 12.000 Soldaten.", "de", None, 10000, 12000, "range",
         False, False),
        ("Es sind Tausende Soldaten.", "de", None, 2000, None, "vague", False, True),
        ("Es sind Zehntausende Soldaten.", "de", None, 20000, None, "vague", False, True),
        ("Es sind zwölftausend Soldaten.", "de", 12000, None, None, None, False, False),
        ("Es sind 1,5 Millionen Granaten.", "de", 1_500_000, None, None, None, False, False),
        ("There are up to 12,000 troops.", "en", 12000, None, 12000, "up_to", False, False),
        ("There are at least 3,000 troops.", "en", 3000, 3000, None, "at_least", False, False),
        ("There are thousands of troops.", "en", None, 2000, None, "vague", False, True),
        ("There are between 10,000 and 12,000 troops.", "en", None, 10000, 12000, "range",
         False, False),
        ("There are roughly 9,000 troops.", "en", 9000, None, None, "about", True, False),
        ("There are twelve thousand troops.", "en", 12000, None, None, None, False, False),
    ],
)
def test_bounds_come_from_the_quantity(text, language, value, lower, upper, qualifier, approx,
                                       vague) -> None:
    claim = one(text, language)
    assert (claim["value"], claim["lower"], claim["upper"]) == (value, lower, upper)
    assert (claim["qualifier"], claim["approx"], claim["vague"]) == (qualifier, approx, vague)
    assert claim["quote"].split()[0] == text.split()[2]  # the qualifier is part of the quote


def test_location_conflict_flags_the_odd_one_out() -> None:
    text = ("Es sind 10.000 nordkoreanische Truppen in Russland. "
            "Weitere 2.000 nordkoreanische Truppen sind in der Region Kursk. "
            "Bis zu 3.000 nordkoreanische Truppen sind in der Ukraine. "
            "Außerdem sind 5.000 russische Soldaten in der Ukraine.")
    rows = claims(text)
    flagged = [r["quote"] for r in rows if "location_conflict" in r["flags"]]
    assert flagged == ["Bis zu 3.000 nordkoreanische Truppen"]


def test_location_conflict_tie_flags_both() -> None:
    rows = claims("There are 1,000 North Korean troops in Russia. "
                  "There are 2,000 North Korean troops in Ukraine.", "en")
    assert all("location_conflict" in r["flags"] for r in rows) and len(rows) == 2


def test_no_conflict_for_containers_or_different_actors() -> None:
    rows = claims("Es sind 1.000 nordkoreanische Truppen in Russland. "
                  "Es kamen 500 nordkoreanische Container in die Ukraine. "
                  "Es sind 800 russische Soldaten in der Ukraine.")
    assert all("location_conflict" not in r["flags"] for r in rows) and len(rows) == 3


# --- table -------------------------------------------------------------------------------


def test_extract_claims_frame_columns_ids_and_types() -> None:
    text = "Es sind 10.000 Soldaten in Kursk. Letzte Woche kamen 2.000 Truppen an."
    frame = extract_claims(article(text))
    assert tuple(frame.columns) == CLAIM_COLUMNS
    assert list(frame["claim_id"]) == [f"t1:{text.index('10.000')}", f"t1:{text.index('2.000')}"]
    assert list(frame["sentence_index"]) == [0, 1]
    assert str(frame["as_of_start"].dtype).startswith("datetime64")
    assert frame["claimants"].map(type).eq(list).all()
    assert frame["approx"].dtype == bool
    assert math.isnan(frame["lower"].iloc[0])


def test_empty_article_gives_empty_frame_with_columns() -> None:
    frame = extract_claims(article("Hier steht keine Zahl."))
    assert tuple(frame.columns) == CLAIM_COLUMNS and len(frame) == 0
    full = extract_claims(article("Es sind 3.000 Soldaten."))
    assert (frame.dtypes == full.dtypes).all()


def test_corpus_claims_sorted_by_article_and_offset() -> None:
    frame = extract_corpus_claims([
        article("There are 5,000 troops.", "en", "b"),
        article("Es sind 1.000 Soldaten. Es sind 2.000 Soldaten.", "de", "a"),
    ])
    assert list(frame["article_id"]) == ["a", "a", "b"]
    assert list(frame["start"])[:2] == sorted(list(frame["start"])[:2])


def test_unknown_language_raises() -> None:
    with pytest.raises(ExtractionError, match="supported"):
        find_claims("Es sind 1.000 Soldaten.", "xx", PUBLISHED)


# --- properties ------------------------------------------------------------------------------

_pieces = st.sampled_from([
    "10.000", "1,5 Millionen", "bis zu", "mehr als", "rund", "Tausende", "zwischen", "und",
    "12,000", "up to", "thousands of", "between", "and", "Soldaten", "Truppen", "troops",
    "nordkoreanische", "North Korean", "in", "Kursk", "Russland", "Ukraine", "letzte Woche",
    "am Montag", "seit August 2023", "sagte", "said", "Pentagon", "Selenskyj", ".", ",", "–",
    "getötet", "killed", "2023", "4.", "November", "\n", "€", "%", "x",
])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_pieces, st.text(max_size=6)), max_size=30),
    st.sampled_from(["de", "en"]),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_property_never_raises_and_rows_are_consistent(parts, language, published) -> None:
    text = " ".join(parts)
    frame = extract_claims(Article(id="p", file="p.txt", title="", outlet="", url="",
                                   published=published, language=language, notes="", text=text))
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.quote
        assert row.unit in UNITS
        assert row.qualifier in QUALIFIERS or not isinstance(row.qualifier, str)
        if row.lower == row.lower and row.value == row.value:
            assert row.lower <= row.value
        if row.upper == row.upper and row.value == row.value:
            assert row.value <= row.upper
        if row.lower == row.lower and row.upper == row.upper:
            assert row.lower <= row.upper
        if row.as_of_start == row.as_of_start and row.as_of_end == row.as_of_end:
            assert row.as_of_start <= row.as_of_end


def test_corpus_extraction_in_batches_equals_one_article_at_a_time() -> None:
    sentences_de = [
        "Letzte Woche bestätigten die USA, dass 10.000 nordkoreanische Truppen in Kursk sind.",
        "Kim Jong Un schwieg. Kim sagte später, 2.000 Arbeiter seien in Russland.",
        "Laut dem Pentagon sind rund 3.000 Soldaten nach Russland gebracht worden.",
    ]
    sentences_en = [
        "According to the Pentagon, about 3,000 soldiers were sent to Russia last week.",
        "Seoul said on Monday that up to 12,000 North Korean troops were in the Kursk region.",
    ]
    articles = []
    for number in range(2 * claims_module.CORPUS_BATCH + 3):
        language = "de" if number % 3 else "en"
        pool = sentences_de if language == "de" else sentences_en
        text = " ".join(pool[(number + k) % len(pool)] for k in range(number % 4 + 1))
        articles.append(article(text, language, article_id=f"a{number:03d}"))
    together = extract_corpus_claims(list(reversed(articles)))
    one_by_one = pd.concat([extract_claims(a) for a in articles], ignore_index=True)
    assert len(together) > 2 * claims_module.CORPUS_BATCH
    assert together.map(repr).equals(one_by_one.map(repr))
