"""The bundled geodata layers: loading, caching, region names, clear errors."""

from __future__ import annotations

import pytest

from analysis.core.errors import AnalysisError
from analysis.geo import geocoding
from analysis.geo import layers as geo
from analysis.lexicon.caches import clear_caches


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
    assert all(geocoding.resolve_location(code).kind == "admin1" for code in codes)


def test_region_name():
    assert geo.region_name("RU-BEL") == "Belgorod Oblast"
    assert geo.region_name("UA-63") == "Kharkiv Oblast"
    assert geo.region_name("BY-HO") == "Gomel Region"
    assert geo.region_name("RU-MOW") == "Moscow"  # a federal city, not an oblast
    assert geo.region_name("XX-YY") == "XX-YY"


def test_layers_are_wgs84_and_cached_copies_are_independent():
    first = geo.load_admin1()
    assert first.crs.to_epsg() == 4326
    first.loc[:, "name_en"] = "changed"
    first.loc[first.index[0], "iso_3166_2"] = "XX-XX"
    again = geo.load_admin1()
    assert "changed" not in set(again["name_en"])
    assert "XX-XX" not in set(again["iso_3166_2"])
    assert geocoding.resolve_location("RU-KRS").name == "Kursk Oblast"


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


def test_clear_caches_forgets_the_layers_and_the_location_index():
    first = geocoding.resolve_location("RU-KRS")
    assert geocoding.resolve_location("RU-KRS").geometry is first.geometry  # cached
    clear_caches()
    again = geocoding.resolve_location("RU-KRS")
    assert again.geometry is not first.geometry and again.geometry.equals(first.geometry)
