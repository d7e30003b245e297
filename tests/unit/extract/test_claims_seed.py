"""Acceptance on the seed article (issue 3): exactly five claims with the listed fields."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from analysis.core.schema import CLAIM_COLUMNS
from analysis.corpus.catalog import load_corpus
from analysis.extract.claims import extract_claims

SEED_ID = "000_01afb6bfc0e7695c"


@pytest.fixture(scope="module")
def seed_claims() -> pd.DataFrame:
    (article,) = [a for a in load_corpus() if a.id == SEED_ID]
    return extract_claims(article)


def _date(value) -> dt.date | None:
    return None if pd.isna(value) else value.date()


def _claim(claims: pd.DataFrame, needle: str) -> pd.Series:
    rows = claims[claims["quote"].str.contains(needle, regex=False)]
    assert len(rows) == 1, f"expected one claim containing {needle!r}, got {len(rows)}"
    return rows.iloc[0]


def _null(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value)


def test_exactly_five_claims_with_the_schema_columns(seed_claims: pd.DataFrame) -> None:
    assert tuple(seed_claims.columns) == CLAIM_COLUMNS
    assert len(seed_claims) == 5
    (article,) = [a for a in load_corpus() if a.id == SEED_ID]
    for row in seed_claims.itertuples():
        assert article.text[row.start:row.end] == row.quote
        assert row.claim_id == f"{SEED_ID}:{row.start}"
        assert row.published == pd.Timestamp("2024-11-12")
        assert row.language == "de"


def test_claim_1_thousands_of_troops(seed_claims: pd.DataFrame) -> None:
    claim = _claim(seed_claims, "Tausende")
    assert "Truppen" in claim.quote
    assert _null(claim.value) and claim.vague and claim.qualifier == "vague"
    assert claim.lower == 2000 and _null(claim.upper)
    assert (claim.unit, claim.actor, claim.location) == ("troops", "PRK", "RUS")
    assert set(claim.claimants) == {"KOR", "USA", "UKR"}
    # No time of its own and no statement date (issue 11): as of publication.
    assert (_date(claim.as_of_start), _date(claim.as_of_end)) == (
        dt.date(2024, 11, 12), dt.date(2024, 11, 12))
    assert claim.as_of_source == "publication" and _null(claim.stated_on_start)
    assert "location_conflict" not in claim["flags"]


def test_claim_2_ten_thousand_in_kursk(seed_claims: pd.DataFrame) -> None:
    claim = _claim(seed_claims, "10.000")
    assert claim.value == 10000 and _null(claim.lower) and _null(claim.upper)
    assert claim.qualifier is None or _null(claim.qualifier)
    assert (claim.unit, claim.actor, claim.location) == ("troops", "PRK", "RU-KRS")
    assert set(claim.claimants) == {"USA"}
    assert (_date(claim.as_of_start), _date(claim.as_of_end)) == (
        dt.date(2024, 11, 4), dt.date(2024, 11, 10))
    assert claim.as_of_text == "Letzte Woche"
    assert claim.as_of_source == "statement"  # "Letzte Woche bestätigten die USA, dass ..."
    assert (_date(claim.stated_on_start), _date(claim.stated_on_end)) == (
        dt.date(2024, 11, 4), dt.date(2024, 11, 10))


def test_claim_3_fifty_thousand_held_in_kursk(seed_claims: pd.DataFrame) -> None:
    claim = _claim(seed_claims, "50.000")
    assert claim.quote.startswith("rund 50.000")
    assert claim.value == 50000 and claim.approx and claim.qualifier == "about"
    assert (claim.unit, claim.location) == ("soldiers", "RU-KRS")
    assert set(claim.claimants) == {"UKR"}
    assert (_date(claim.as_of_start), _date(claim.as_of_end)) == (
        dt.date(2024, 11, 11), dt.date(2024, 11, 11))
    assert claim.actor != "UKR"
    assert (claim.actor == "RUS" and "actor_inferred" in claim["flags"]) or (
        _null(claim.actor) and "actor_unknown" in claim["flags"])


def test_claim_4_up_to_twelve_thousand_in_ukraine(seed_claims: pd.DataFrame) -> None:
    claim = _claim(seed_claims, "12.000")
    assert claim.quote.startswith("bis zu 12.000")
    assert claim.value == 12000 and claim.upper == 12000 and _null(claim.lower)
    assert claim.qualifier == "up_to"
    assert (claim.unit, claim.actor, claim.location) == ("troops", "PRK", "UKR")
    assert "location_conflict" in claim["flags"]
    assert set(claim.claimants) == {"USA", "KOR", "UKR"}
    assert (_date(claim.as_of_start), _date(claim.as_of_end)) == (
        dt.date(2024, 11, 12), dt.date(2024, 11, 12))


def test_claim_5_containers_since_august_2023(seed_claims: pd.DataFrame) -> None:
    claim = _claim(seed_claims, "13.000")
    assert claim.quote.startswith("mehr als 13.000") and "Container" in claim.quote
    assert claim.value == 13000 and claim.lower == 13000 and _null(claim.upper)
    assert claim.qualifier == "more_than"
    assert (claim.unit, claim.actor, claim.location) == ("containers", "PRK", "RUS")
    assert set(claim.claimants) == {"KOR"}
    assert (_date(claim.as_of_start), _date(claim.as_of_end)) == (
        dt.date(2024, 10, 1), dt.date(2024, 10, 31))
    assert _date(claim.since) == dt.date(2023, 8, 1)
    assert claim.as_of_source == "statement"  # "Letzten Monat teilte ... mit, dass ..."
