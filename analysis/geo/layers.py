"""The bundled geodata layers of ``data/geo/`` (see its README), read once and cached.

Boundaries and rivers are Natural Earth layers around Kursk and Eurasia; places come from
the gazetteer. Each layer is read once per process and cached (``clear_caches()`` of
:mod:`analysis.lexicon.caches` forgets them); the public loaders hand out copies, so a
caller can change what it gets without touching the cache. Geocoding claims is
:mod:`analysis.geo.geocoding`, writing GeoJSON :mod:`analysis.geo.geojson`.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

import geopandas as gpd
import pandas as pd

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.lexicon.caches import cached
from analysis.lexicon.gazetteer import gazetteer, gazetteer_header

CREDIT_LINE = (
    "Boundaries and rivers: Natural Earth (public domain). Places: GeoNames (CC BY 4.0)"
)

LAYER_FILES: dict[str, str] = {
    "admin1": "kursk_region_admin1_ne10m.geojson",
    "countries": "countries_eurasia_ne10m_simplified.geojson",
    "crimea": "crimea_disputed_ne10m.geojson",
    "rivers": "kursk_region_rivers_ne10m.geojson",
}
WGS84 = "EPSG:4326"


class GeoError(AnalysisError):
    """The geodata bundle is missing or unreadable, or a geo input/output is unusable."""


def _geo_dir(geo_dir: str | PathLike[str] | None) -> str:
    return str(Path(geo_dir) if geo_dir is not None else paths.GEO_DIR)


@cached
def _read_layer(name: str, geo_dir: str) -> gpd.GeoDataFrame:
    if name not in LAYER_FILES:
        raise GeoError(f"unknown geo layer {name!r}; choose one of: {', '.join(LAYER_FILES)}")
    path = Path(geo_dir) / LAYER_FILES[name]
    if not path.is_file():
        raise GeoError(
            f"geodata file {path} is missing; copy it from the geodata bundle "
            "(see data/geo/README.md)"
        )
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types; the user needs the file name
        raise GeoError(f"geodata file {path} cannot be read ({exc}); restore it") from exc
    if frame.crs is None:
        frame = frame.set_crs(WGS84)
    return frame


@cached
def _read_gazetteer(geo_dir: str) -> gpd.GeoDataFrame:
    # The one gazetteer reader (shared with extraction) checks the file; here its rows
    # become points, typed as pandas would read the CSV (numbers, booleans, missing = NaN).
    header = gazetteer_header(geo_dir, error=GeoError)
    rows = [tuple(row[c] or None for c in header) for row in gazetteer(geo_dir, error=GeoError)]
    table = pd.DataFrame.from_records(rows, columns=list(header))
    for column in ("lat", "lon", "population"):
        if column in table:
            table[column] = pd.to_numeric(table[column])
    if "requested" in table:
        flags = table["requested"].str.lower().map({"true": True, "false": False})
        table["requested"] = flags.astype(bool) if flags.notna().all() else flags
    if "geonameid" in table:
        table["geonameid"] = table["geonameid"].astype("string")
    points = gpd.points_from_xy(table["lon"], table["lat"], crs=WGS84)
    return gpd.GeoDataFrame(table, geometry=points, crs=WGS84)


def load_layer(name: str, geo_dir: str | PathLike[str] | None = None) -> gpd.GeoDataFrame:
    """A copy of one bundled layer: ``admin1``, ``countries``, ``crimea`` or ``rivers``."""
    return _read_layer(name, _geo_dir(geo_dir)).copy()


def load_admin1(geo_dir: str | PathLike[str] | None = None) -> gpd.GeoDataFrame:
    """Oblasts of Russia, Ukraine and Belarus around Kursk (``iso_3166_2``, ``focus``...)."""
    return load_layer("admin1", geo_dir)


def load_countries(geo_dir: str | PathLike[str] | None = None) -> gpd.GeoDataFrame:
    """Simplified country polygons of Eurasia (``adm0_a3``); Crimea counted as Ukraine."""
    return load_layer("countries", geo_dir)


def load_crimea(geo_dir: str | PathLike[str] | None = None) -> gpd.GeoDataFrame:
    """Crimea and Sevastopol, for an "occupied" overlay."""
    return load_layer("crimea", geo_dir)


def load_rivers(geo_dir: str | PathLike[str] | None = None) -> gpd.GeoDataFrame:
    """Natural Earth rivers clipped to the Kursk area."""
    return load_layer("rivers", geo_dir)


def load_gazetteer(geo_dir: str | PathLike[str] | None = None) -> gpd.GeoDataFrame:
    """Gazetteer places as points (``name``, ``name_de``, ``name_ru``, ``kind``, ``admin1_iso``)."""
    return _read_gazetteer(_geo_dir(geo_dir)).copy()


def valid_region_codes(geo_dir: str | PathLike[str] | None = None) -> list[str]:
    """ISO 3166-2 codes a regional map can be drawn for (the bundle's focus oblasts), sorted.

    Only these have their neighbours on every side and their towns in the gazetteer.
    """
    admin1 = _read_layer("admin1", _geo_dir(geo_dir))
    return sorted(admin1.loc[admin1["focus"].astype(bool), "iso_3166_2"].astype(str))


def region_name(code: str, geo_dir: str | PathLike[str] | None = None) -> str:
    """``"RU-KRS"`` -> ``"Kursk Oblast"``; unknown codes come back unchanged."""
    return _region_names(_geo_dir(geo_dir)).get(code, code)


@cached
def _region_names(geo_dir: str) -> dict[str, str]:
    # One pass over the attribute columns: filtering the GeoDataFrame per call copied every
    # geometry, and each map asks for its region's name several times.
    admin1 = _read_layer("admin1", geo_dir)
    names: dict[str, str] = {}
    for code, kind, name in zip(
        admin1["iso_3166_2"], admin1["type"], admin1["name_en"], strict=True
    ):
        if code in names:  # the first row of a code names it, as before
            continue
        kind = str(kind).rstrip("'")
        if kind == "Oblast":
            names[code] = f"{name} Oblast"
        elif kind == "Voblasts":  # Belarus: "Gomel Region" is the usual English form
            names[code] = f"{name} Region"
        else:
            names[code] = str(name)
    return names
