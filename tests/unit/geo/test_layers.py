"""Geodata loading, location resolution, geocoding of claims and GeoJSON export."""

from __future__ import annotations

import json
import shutil

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from analysis.core.errors import AnalysisError
from analysis.geo import layers as geo
from tests.support.geo_claims import SEED_ID, all_claims, seed_claims


def _point(place):
    return (round(place.point.x, 4), round(place.point.y, 4))


# ------------------------------------------------------------------ resolution


@pytest.mark.parametrize("code", ["RU-KRS", "ru-krs", " RU-KRS "])
def test_iso_3166_2_resolves_to_the_oblast_polygon(code):
    place = geo.resolve_location(code)
    assert place is not None
    assert (place.code, place.kind, place.country, place.region) == (
        "RU-KRS", "admin1", "RUS", "RU-KRS")
    assert place.name == "Kursk Oblast"
    assert place.geometry.geom_type in {"Polygon", "MultiPolygon"}
    assert place.geometry.contains(place.point)


def test_ukrainian_oblast_resolves_with_ukraine_as_country():
    place = geo.resolve_location("UA-59")
    assert (place.kind, place.country, place.name) == ("admin1", "UKR", "Sumy Oblast")


@pytest.mark.parametrize(("code", "capital"), [("RUS", "Moscow"), ("PRK", "Pyongyang"),
                                               ("UKR", "Kyiv"), ("KOR", "Seoul")])
def test_country_codes_resolve_with_the_capital_as_point(code, capital):
    place = geo.resolve_location(code)
    gazetteer = geo.load_gazetteer().set_index("name")
    assert (place.kind, place.country, place.region) == ("country", code, None)
    assert place.point.x == pytest.approx(gazetteer.loc[capital, "lon"])
    assert place.point.y == pytest.approx(gazetteer.loc[capital, "lat"])
    assert capital in place.point_basis


def test_country_without_capital_in_gazetteer_uses_a_point_inside_it():
    place = geo.resolve_location("KAZ")
    assert place.kind == "country"
    assert place.geometry.contains(place.point)


@pytest.mark.parametrize("name", ["Sudzha", "Sudscha", "Суджа", "sudzha", "  SUDZHA "])
def test_town_names_in_english_german_and_russian(name):
    place = geo.resolve_location(name)
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
    assert geo.resolve_location(name).code == expected


def test_query_is_kept_as_given():
    assert geo.resolve_location("Sudscha").query == "Sudscha"


@pytest.mark.parametrize(("location", "fragment"), [
    ("RU-PRI", "ISO 3166-2 code 'RU-PRI' is not in the bundled admin-1 layer"),
    ("USA", "country code 'USA' is not in the bundled country layer"),
    ("Pogrebki", "place 'Pogrebki' is not in data/geo/gazetteer_kursk.csv"),
    (None, "claim has no location"),
    ("", "claim has no location"),
    (float("nan"), "claim has no location"),
])
def test_unknown_locations_come_back_with_a_reason(location, fragment):
    place, reason = geo.resolve_location_or_reason(location)
    assert place is None
    assert fragment in reason
    assert geo.resolve_location(location) is None


def test_gazetteer_places_lie_in_their_oblast():
    admin1 = geo.load_admin1().set_index("iso_3166_2")
    gazetteer = geo.load_gazetteer()
    checked = 0
    for row in gazetteer.itertuples():
        if row.admin1_iso in admin1.index:
            assert admin1.loc[row.admin1_iso, "geometry"].contains(row.geometry), row.name
            checked += 1
    assert checked >= 20


def test_valid_region_codes_are_the_focus_oblasts_sorted():
    codes = geo.valid_region_codes()
    assert codes == sorted(codes)
    assert {"RU-KRS", "RU-BEL", "RU-BRY", "UA-59", "UA-63"} <= set(codes)
    assert "RU-MOW" not in codes  # in the layer, but at its edge: no neighbours on all sides
    assert all(geo.resolve_location(code).kind == "admin1" for code in codes)


def test_region_name():
    assert geo.region_name("RU-BEL") == "Belgorod Oblast"
    assert geo.region_name("UA-63") == "Kharkiv Oblast"
    assert geo.region_name("BY-HO") == "Gomel Region"
    assert geo.region_name("RU-MOW") == "Moscow"  # a federal city, not an oblast
    assert geo.region_name("XX-YY") == "XX-YY"


# ---------------------------------------------------------------------- layers


def test_layers_are_wgs84_and_cached_copies_are_independent():
    first = geo.load_admin1()
    assert first.crs.to_epsg() == 4326
    first.loc[:, "name_en"] = "changed"
    first.loc[first.index[0], "iso_3166_2"] = "XX-XX"
    again = geo.load_admin1()
    assert "changed" not in set(again["name_en"])
    assert "XX-XX" not in set(again["iso_3166_2"])
    assert geo.resolve_location("RU-KRS").name == "Kursk Oblast"


@pytest.mark.parametrize("name", ["admin1", "countries", "crimea", "rivers"])
def test_every_layer_loads(name):
    layer = geo.load_layer(name)
    assert len(layer) > 0 and layer.crs.to_epsg() == 4326
    assert layer.geometry.is_valid.all()


def test_missing_geodata_is_a_user_error_naming_the_file(tmp_path):
    with pytest.raises(geo.GeoError, match="kursk_region_rivers_ne10m.geojson is missing"):
        geo.load_rivers(tmp_path)
    with pytest.raises(geo.GeoError, match="gazetteer_kursk.csv is missing"):
        geo.load_gazetteer(tmp_path)
    assert issubclass(geo.GeoError, AnalysisError)


def test_unreadable_geodata_is_a_user_error(tmp_path):
    (tmp_path / geo.LAYER_FILES["crimea"]).write_text("{not json", encoding="utf-8")
    with pytest.raises(geo.GeoError, match="cannot be read"):
        geo.load_crimea(tmp_path)


def test_other_geo_dir_is_used(tmp_path):
    for name in [*geo.LAYER_FILES.values(), geo.GAZETTEER_FILE]:
        shutil.copy(geo.paths.GEO_DIR / name, tmp_path / name)
    gazetteer = pd.read_csv(tmp_path / geo.GAZETTEER_FILE)
    gazetteer.loc[gazetteer["name"] == "Sudzha", "lon"] = 35.5
    gazetteer.to_csv(tmp_path / geo.GAZETTEER_FILE, index=False)
    assert geo.resolve_location("Sudzha", tmp_path).point.x == 35.5
    assert geo.resolve_location("Sudzha").point.x == 35.271


# -------------------------------------------------------------------- geocoding


def test_seed_claims_are_all_mapped():
    claims = seed_claims()
    mapped, unmapped = geo.geocode_claims(claims)
    assert unmapped.empty
    assert list(mapped["claim_id"]) == list(claims["claim_id"])
    assert mapped.crs.to_epsg() == 4326
    by_id = mapped.set_index("claim_id")
    assert by_id.loc[f"{SEED_ID}:950", "location_region"] == "RU-KRS"
    assert by_id.loc[f"{SEED_ID}:800", "location_kind"] == "country"
    assert by_id.loc[f"{SEED_ID}:1300", "location_country"] == "UKR"
    for column in geo.GEO_COLUMNS:
        assert column in mapped.columns
    kursk = geo.resolve_location("RU-KRS").geometry
    assert kursk.contains(by_id.loc[f"{SEED_ID}:950", "geometry"])


def test_geocoding_splits_without_losing_claims():
    claims = all_claims()
    before = claims.copy(deep=True)
    mapped, unmapped = geo.geocode_claims(claims)
    assert len(mapped) + len(unmapped) == len(claims)
    assert set(mapped["claim_id"]) | set(unmapped["claim_id"]) == set(claims["claim_id"])
    assert list(unmapped["claim_id"]) == ["t_en_6:60", "t_de_7:70"]
    assert "Atlantis" in unmapped["reason"].iloc[0]
    assert unmapped["reason"].iloc[1] == "claim has no location"
    assert list(unmapped.columns) == [*claims.columns, "reason"]
    pd.testing.assert_frame_equal(claims, before)  # input untouched


def test_places_and_oblast_claims_share_the_region():
    mapped, _ = geo.geocode_claims(all_claims())
    in_kursk = mapped[mapped["location_region"] == "RU-KRS"]
    assert set(in_kursk["location"]) == {"RU-KRS", "Sudzha", "Sudscha", "Korenevo"}
    sudzha = mapped[mapped["location"].isin(["Sudzha", "Sudscha"])]
    assert set(sudzha["location_name"]) == {"Sudzha"}
    assert sudzha.geometry.x.nunique() == 1


def test_geocoding_empty_and_malformed_tables():
    empty = seed_claims().iloc[0:0]
    mapped, unmapped = geo.geocode_claims(empty)
    assert len(mapped) == 0 and len(unmapped) == 0
    assert mapped.crs.to_epsg() == 4326
    with pytest.raises(geo.GeoError, match="no 'location' column"):
        geo.geocode_claims(pd.DataFrame({"claim_id": ["x"]}))


# ---------------------------------------------------------------------- GeoJSON


def test_geojson_export_re_reads_with_same_rows_and_crs(tmp_path):
    mapped, _ = geo.geocode_claims(all_claims())
    path = geo.export_geojson(mapped, tmp_path / "out" / "claims.geojson")
    again = gpd.read_file(path)
    assert again.crs.to_epsg() == 4326
    assert list(again["claim_id"]) == list(mapped["claim_id"])
    assert (again.geometry.x - mapped.geometry.x).abs().max() < 1e-6
    assert (again.geometry.y - mapped.geometry.y).abs().max() < 1e-6
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # no temp files left


def test_geojson_is_rfc7946_with_arrays_dates_and_nulls(tmp_path):
    mapped, _ = geo.geocode_claims(seed_claims())
    path = geo.export_geojson(mapped, tmp_path / "claims.geojson")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document
    first = document["features"][0]
    properties = first["properties"]
    assert properties["claimants"] == ["KOR", "USA", "UKR"]
    assert properties["flags"] == []
    assert properties["published"] == "2024-11-12"
    assert properties["as_of_start"] is None and properties["value"] is None
    assert properties["lower"] == 2000.0 and properties["vague"] is True
    assert first["geometry"]["type"] == "Point"
    by_id = {f["properties"]["claim_id"]: f for f in document["features"]}
    conflict = by_id[f"{SEED_ID}:1300"]["properties"]
    assert conflict["flags"] == ["location_conflict"]
    assert by_id[f"{SEED_ID}:950"]["properties"]["as_of_end"] == "2024-11-10"


def test_geojson_reprojects_and_orients_polygons(tmp_path):
    kursk = geo.resolve_location("RU-KRS").geometry
    clockwise = shapely.Polygon(list(kursk.exterior.coords)[::-1])
    frame = gpd.GeoDataFrame({"code": ["RU-KRS"]}, geometry=[clockwise], crs=4326)
    path = geo.export_geojson(frame.to_crs(3857), tmp_path / "region.geojson")
    ring = json.loads(path.read_text(encoding="utf-8"))["features"][0]["geometry"]
    exterior = shapely.LinearRing(ring["coordinates"][0])
    assert exterior.is_ccw  # RFC 7946: exterior rings counterclockwise
    assert abs(ring["coordinates"][0][0][0] - clockwise.exterior.coords[0][0]) < 1e-5


def test_geojson_export_refuses_frames_without_crs(tmp_path):
    frame = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(35, 51)])
    with pytest.raises(geo.GeoError, match="no CRS"):
        geo.export_geojson(frame, tmp_path / "x.geojson")
    assert not (tmp_path / "x.geojson").exists()
