"""Location resolution (codes, places, exonyms) and geocoding of claims tables."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.core import paths
from analysis.geo import geocoding
from analysis.geo import layers as geo
from analysis.lexicon.gazetteer import GAZETTEER_FILE
from tests.support.geo_claims import SEED_ID, all_claims, seed_claims


def _point(place):
    return (round(place.point.x, 4), round(place.point.y, 4))


@pytest.mark.parametrize("code", ["RU-KRS", "ru-krs", " RU-KRS "])
def test_iso_3166_2_resolves_to_the_oblast_polygon(code):
    place = geocoding.resolve_location(code)
    assert place is not None
    assert (place.code, place.kind, place.country, place.region) == (
        "RU-KRS", "admin1", "RUS", "RU-KRS")
    assert place.name == "Kursk Oblast"
    assert place.geometry.geom_type in {"Polygon", "MultiPolygon"}
    assert place.geometry.contains(place.point)


def test_ukrainian_oblast_resolves_with_ukraine_as_country():
    place = geocoding.resolve_location("UA-59")
    assert (place.kind, place.country, place.name) == ("admin1", "UKR", "Sumy Oblast")


@pytest.mark.parametrize(("code", "capital"), [("RUS", "Moscow"), ("PRK", "Pyongyang"),
                                               ("UKR", "Kyiv"), ("KOR", "Seoul")])
def test_country_codes_resolve_with_the_capital_as_point(code, capital):
    place = geocoding.resolve_location(code)
    gazetteer = geo.load_gazetteer().set_index("name")
    assert (place.kind, place.country, place.region) == ("country", code, None)
    assert place.point.x == pytest.approx(gazetteer.loc[capital, "lon"])
    assert place.point.y == pytest.approx(gazetteer.loc[capital, "lat"])
    assert capital in place.point_basis


def test_country_without_capital_in_gazetteer_uses_a_point_inside_it():
    place = geocoding.resolve_location("KAZ")
    assert place.kind == "country"
    assert place.geometry.contains(place.point)


@pytest.mark.parametrize("name", ["Sudzha", "Sudscha", "Суджа", "sudzha", "  SUDZHA "])
def test_town_names_in_english_german_and_russian(name):
    place = geocoding.resolve_location(name)
    assert (place.code, place.kind, place.region, place.country) == (
        "Sudzha", "place", "RU-KRS", "RUS")
    assert _point(place) == (35.271, 51.191)


@pytest.mark.parametrize(("name", "expected"), [
    ("Tetkino", "Tetkino"), ("Tjotkino", "Tetkino"), ("Тёткино", "Tetkino"),
    ("Rasŏn", "Rason"), ("Rason", "Rason"), ("Pjöngjang", "Pyongyang"),
    ("Kiew", "Kyiv"), ("Bolshoe Soldatskoe", "Bolshoe Soldatskoe"),
    ("Malaja Loknja", "Malaya Loknya"), ("Charkiw", "Kharkiv"),
])
def test_accents_and_exonyms(name, expected):
    assert geocoding.resolve_location(name).code == expected


def test_query_is_kept_as_given():
    assert geocoding.resolve_location("Sudscha").query == "Sudscha"


@pytest.mark.parametrize(("location", "fragment"), [
    ("RU-PRI", "ISO 3166-2 code 'RU-PRI' is not in the bundled admin-1 layer"),
    ("USA", "country code 'USA' is not in the bundled country layer"),
    ("Pogrebki", "place 'Pogrebki' is not in data/geo/gazetteer_kursk.csv"),
    (None, "claim has no location"),
    ("", "claim has no location"),
    (float("nan"), "claim has no location"),
])
def test_unknown_locations_come_back_with_a_reason(location, fragment):
    place, reason = geocoding.resolve_location_or_reason(location)
    assert place is None
    assert fragment in reason
    assert geocoding.resolve_location(location) is None


def test_other_geo_dir_is_used(tmp_path):
    for name in [*geo.LAYER_FILES.values(), GAZETTEER_FILE]:
        shutil.copy(paths.GEO_DIR / name, tmp_path / name)
    gazetteer = pd.read_csv(tmp_path / GAZETTEER_FILE)
    gazetteer.loc[gazetteer["name"] == "Sudzha", "lon"] = 35.5
    gazetteer.to_csv(tmp_path / GAZETTEER_FILE, index=False)
    assert geocoding.resolve_location("Sudzha", tmp_path).point.x == 35.5
    assert geocoding.resolve_location("Sudzha").point.x == 35.271


def test_seed_claims_are_all_mapped():
    claims = seed_claims()
    mapped, unmapped = geocoding.geocode_claims(claims)
    assert unmapped.empty
    assert list(mapped["claim_id"]) == list(claims["claim_id"])
    assert mapped.crs.to_epsg() == 4326
    by_id = mapped.set_index("claim_id")
    assert by_id.loc[f"{SEED_ID}:950", "location_region"] == "RU-KRS"
    assert by_id.loc[f"{SEED_ID}:800", "location_kind"] == "country"
    assert by_id.loc[f"{SEED_ID}:1300", "location_country"] == "UKR"
    for column in geocoding.GEO_COLUMNS:
        assert column in mapped.columns
    kursk = geocoding.resolve_location("RU-KRS").geometry
    assert kursk.contains(by_id.loc[f"{SEED_ID}:950", "geometry"])


def test_geocoding_splits_without_losing_claims():
    claims = all_claims()
    before = claims.copy(deep=True)
    mapped, unmapped = geocoding.geocode_claims(claims)
    assert len(mapped) + len(unmapped) == len(claims)
    assert set(mapped["claim_id"]) | set(unmapped["claim_id"]) == set(claims["claim_id"])
    assert list(unmapped["claim_id"]) == ["t_en_6:60", "t_de_7:70"]
    assert "Atlantis" in unmapped["reason"].iloc[0]
    assert unmapped["reason"].iloc[1] == "claim has no location"
    assert list(unmapped.columns) == [*claims.columns, "reason"]
    pd.testing.assert_frame_equal(claims, before)  # input untouched


def test_places_and_oblast_claims_share_the_region():
    mapped, _ = geocoding.geocode_claims(all_claims())
    in_kursk = mapped[mapped["location_region"] == "RU-KRS"]
    assert set(in_kursk["location"]) == {"RU-KRS", "Sudzha", "Sudscha", "Korenevo"}
    sudzha = mapped[mapped["location"].isin(["Sudzha", "Sudscha"])]
    assert set(sudzha["location_name"]) == {"Sudzha"}
    assert sudzha.geometry.x.nunique() == 1


def test_geocoding_empty_and_malformed_tables():
    empty = seed_claims().iloc[0:0]
    mapped, unmapped = geocoding.geocode_claims(empty)
    assert len(mapped) == 0 and len(unmapped) == 0
    assert mapped.crs.to_epsg() == 4326
    with pytest.raises(geo.GeoError, match="no 'location' column"):
        geocoding.geocode_claims(pd.DataFrame({"claim_id": ["x"]}))
