"""The explorer's filters: facets, as-of date range, text search, options."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.core.errors import FactsError, ParameterError
from analysis.explore.filters import (
    UNKNOWN_LABEL,
    filter_claims,
    filter_options,
    search_terms,
    select_articles,
    select_claims,
)
from tests.support.small_corpus import ARTICLES, CLAIMS


def test_no_filters_returns_every_claim_in_order(claims):
    result = filter_claims(claims)
    assert list(result["claim_id"]) == list(claims["claim_id"])


def test_units_filter_keeps_only_those_units(claims):
    result = filter_claims(claims, units=["soldiers", "containers"])
    assert sorted(result["unit"]) == ["containers", "soldiers"]
    assert list(filter_claims(claims, units="wounded")["article_id"]) == ["en1"]


def test_unknown_unit_is_a_parameter_error_listing_valid_units(claims):
    with pytest.raises(ParameterError, match="'tanks'.*troops"):
        filter_claims(claims, units=["tanks"])


def test_empty_selection_means_no_restriction(claims):
    assert len(filter_claims(claims, units=[], actors=(), languages=[])) == len(claims)


def test_actor_none_selects_claims_without_actor(claims):
    result = filter_claims(claims, actors=[None])
    assert list(result["quote"]) == ["rund 50.000 Soldaten"]
    both = filter_claims(claims, actors=["PRK", None])
    assert len(both) == len(claims)


def test_claimants_match_if_any_claimant_selected(claims):
    usa = filter_claims(claims, claimants=["USA"])
    assert set(usa["quote"]) == {
        "Tausende nordkoreanischer Truppen", "10.000 nordkoreanische Truppen",
    }
    kor_or_usa = filter_claims(claims, claimants=["KOR", "USA"])
    assert len(kor_or_usa) == 4


def test_location_filter_is_exact_and_none_matches_missing(claims):
    assert len(filter_claims(claims, locations=["RU-KRS"])) == 2
    assert list(filter_claims(claims, locations=[None])["article_id"]) == ["en2"]


def test_language_filter(claims):
    assert set(filter_claims(claims, languages=["en"])["article_id"]) == {"en1", "en2"}
    assert len(filter_claims(claims, languages="de")) == 4


def test_date_range_overlaps_as_of_interval(claims):
    # 2024-11-08 lies inside "letzte Woche" (2024-11-04..10) only.
    one_day = filter_claims(claims, date_from="2024-11-08", date_to="2024-11-08")
    assert list(one_day["quote"]) == ["10.000 nordkoreanische Truppen"]
    # October 2024 touches the container claim only.
    october = filter_claims(
        claims, date_from=dt.date(2024, 10, 15), date_to=dt.date(2024, 10, 20)
    )
    assert list(october["unit"]) == ["containers"]


def test_date_range_falls_back_to_publication_date(claims):
    # "Tausende ..." has no as-of date: it counts as of its publication, 2024-11-12.
    result = filter_claims(claims, date_from="2024-11-12", date_to="2024-11-12")
    assert "Tausende nordkoreanischer Truppen" in set(result["quote"])
    assert "10.000 nordkoreanische Truppen" not in set(result["quote"])


def test_open_ended_date_range(claims):
    after = filter_claims(claims, date_from=pd.Timestamp("2025-01-01"))
    assert set(after["article_id"]) == {"en1", "en2"}
    before = filter_claims(claims, date_to="2024-10-31")
    assert list(before["unit"]) == ["containers"]


def test_reversed_or_bad_dates_are_parameter_errors(claims):
    with pytest.raises(ParameterError, match="after date_to"):
        filter_claims(claims, date_from="2024-12-01", date_to="2024-11-01")
    with pytest.raises(ParameterError, match="'date_from' = '12.11.2024'"):
        filter_claims(claims, date_from="12.11.2024")


def test_search_is_case_insensitive_and_covers_sentence(claims):
    # "Kursk" is in the sentence of two claims, not in their quotes.
    assert len(filter_claims(claims, search="kURSK")) == 2
    assert list(filter_claims(claims, search="container")["unit"]) == ["containers"]


def test_search_terms_all_required_and_phrases_kept_together(claims):
    assert len(filter_claims(claims, search="Truppen Russland")) == 1
    assert len(filter_claims(claims, search='"nordkoreanische Truppen"')) == 1
    assert len(filter_claims(claims, search='"Truppen nordkoreanische"')) == 0
    assert len(filter_claims(claims, search='"  north   korean "')) == 1


def test_search_terms_parsing():
    assert search_terms('Kursk "Nordkoreanische  Truppen" 10.000') == [
        "kursk", "nordkoreanische truppen", "10.000",
    ]
    assert search_terms('  "" ') == []


def test_filters_combine(claims):
    result = filter_claims(
        claims, units=["troops", "wounded"], actors=["PRK"], languages=["de"], search="Truppen",
        date_to="2024-11-30",
    )
    assert list(result["quote"]) == [
        "Tausende nordkoreanischer Truppen", "10.000 nordkoreanische Truppen",
    ]


def test_filter_keeps_index_and_does_not_modify_input(claims):
    before = claims.copy()
    result = filter_claims(claims, units=["soldiers"])
    assert list(result.index) == [2]
    pd.testing.assert_frame_equal(claims, before)


def test_missing_columns_are_reported(claims):
    with pytest.raises(FactsError, match="claimants"):
        filter_claims(claims.drop(columns=["claimants"]))


def test_filter_options_list_present_values(claims):
    options = filter_options(claims)
    assert [value for _, value in options["units"]] == [
        "troops", "soldiers", "wounded", "captured", "containers",
    ]
    assert options["actors"] == [("PRK", "PRK"), (UNKNOWN_LABEL, None)]
    assert [value for _, value in options["claimants"]] == ["KOR", "UKR", "USA"]
    assert (UNKNOWN_LABEL, None) in options["locations"]
    assert [value for _, value in options["languages"]] == ["de", "en"]


# ------------------------------------------------------------------ the claims notebook's selection


def test_select_claims_filters() -> None:
    assert set(select_claims(CLAIMS)["article_id"]) == {"a", "b"}
    assert set(select_claims(CLAIMS, articles=["b"])["article_id"]) == {"b"}
    assert set(select_claims(CLAIMS, language="de")["article_id"]) == {"a"}
    assert set(select_claims(CLAIMS, as_of=dt.date(2024, 11, 30))["article_id"]) == {"a"}
    assert len(select_claims(CLAIMS, articles=[])) == 0


def test_select_articles_matches_select_claims() -> None:
    chosen = select_articles(ARTICLES, language="de", as_of=dt.date(2024, 11, 30))
    assert [a.id for a in chosen] == ["a", "c"]


def test_select_keeps_columns() -> None:
    assert list(select_claims(CLAIMS, language="en").columns) == list(CLAIMS.columns)
    assert isinstance(select_claims(CLAIMS), pd.DataFrame)
    assert list(select_claims(CLAIMS, language="en").index) == [0]
