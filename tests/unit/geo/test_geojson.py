"""GeoJSON export: RFC 7946, arrays and dates kept, atomic, refuses frames without CRS."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely

from analysis.geo import geocoding
from analysis.geo.geojson import export_geojson
from analysis.geo.layers import GeoError
from tests.support.geo_claims import SEED_ID, all_claims, seed_claims


def test_geojson_export_re_reads_with_same_rows_and_crs(tmp_path):
    mapped, _ = geocoding.geocode_claims(all_claims())
    path = export_geojson(mapped, tmp_path / "out" / "claims.geojson")
    again = gpd.read_file(path)
    assert again.crs.to_epsg() == 4326
    assert list(again["claim_id"]) == list(mapped["claim_id"])
    assert (again.geometry.x - mapped.geometry.x).abs().max() < 1e-6
    assert (again.geometry.y - mapped.geometry.y).abs().max() < 1e-6
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # no temp files left


def test_geojson_is_rfc7946_with_arrays_dates_and_nulls(tmp_path):
    mapped, _ = geocoding.geocode_claims(seed_claims())
    path = export_geojson(mapped, tmp_path / "claims.geojson")
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
    kursk = geocoding.resolve_location("RU-KRS").geometry
    clockwise = shapely.Polygon(list(kursk.exterior.coords)[::-1])
    frame = gpd.GeoDataFrame({"code": ["RU-KRS"]}, geometry=[clockwise], crs=4326)
    path = export_geojson(frame.to_crs(3857), tmp_path / "region.geojson")
    ring = json.loads(path.read_text(encoding="utf-8"))["features"][0]["geometry"]
    exterior = shapely.LinearRing(ring["coordinates"][0])
    assert exterior.is_ccw  # RFC 7946: exterior rings counterclockwise
    assert abs(ring["coordinates"][0][0][0] - clockwise.exterior.coords[0][0]) < 1e-5


def test_geojson_export_refuses_frames_without_crs(tmp_path):
    frame = gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(35, 51)])
    with pytest.raises(GeoError, match="no CRS"):
        export_geojson(frame, tmp_path / "x.geojson")
    assert not (tmp_path / "x.geojson").exists()
