"""Stage "geo": the bundled geodata and geocoding of claims.

The layers in ``data/geo/`` (see its README) are read once per process and cached;
the public loaders hand out copies, so a caller can change what it gets without
touching the cache. A claim's ``location`` is one of

* an ISO 3166-2 code of an oblast in the bundled admin-1 layer (``RU-KRS``, ``UA-59``),
* an ISO 3166-1 alpha-3 country code of the Eurasia country layer (``RUS``, ``PRK``),
* a place name of the gazetteer, in English, German or Russian (``Sudzha``, ``Sudscha``).

:func:`geocode_claims` turns a claims table into a GeoDataFrame of points (EPSG:4326)
and a table of the claims it could not place, each with the reason; nothing is dropped.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from analysis.core import paths
from analysis.core.atomic import atomic_write_text
from analysis.core.errors import AnalysisError
from analysis.lexicon.gazetteer import GAZETTEER_FILE, gazetteer, gazetteer_header

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

# Columns geocode_claims adds to the mapped claims (besides ``geometry``).
GEO_COLUMNS: tuple[str, ...] = (
    "location_name",     # English display name: "Sudzha", "Kursk Oblast", "Russia"
    "location_kind",     # place | admin1 | country
    "location_country",  # ISO alpha-3 of the country the location lies in (de jure)
    "location_region",   # ISO 3166-2 of the admin-1 unit containing it; None for countries
    "point_basis",       # what the point stands for: place | admin1 label point | capital ...
    "lon",
    "lat",
)

_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


class GeoError(AnalysisError):
    """The geodata bundle is missing or unreadable, or a geo input/output is unusable."""


@dataclass(frozen=True)
class ResolvedLocation:
    """Where a claim's ``location`` points to."""

    query: str
    code: str                # ISO 3166-2, alpha-3, or the gazetteer's English name
    name: str                # English display name
    kind: str                # "place", "admin1" or "country"
    country: str | None      # ISO alpha-3
    region: str | None       # ISO 3166-2 of the containing admin-1 unit (None for countries)
    geometry: BaseGeometry   # polygon for areas, the point itself for places
    point: Point             # where a symbol goes
    point_basis: str


# ---------------------------------------------------------------------------- layers


def _geo_dir(geo_dir: str | PathLike[str] | None) -> str:
    return str(Path(geo_dir) if geo_dir is not None else paths.GEO_DIR)


@functools.cache
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


@functools.cache
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
    admin1 = _read_layer("admin1", _geo_dir(geo_dir))
    hit = admin1[admin1["iso_3166_2"] == code]
    if hit.empty:
        return code
    row = hit.iloc[0]
    kind = str(row["type"]).rstrip("'")
    if kind == "Oblast":
        return f"{row['name_en']} Oblast"
    if kind == "Voblasts":  # Belarus: "Gomel Region" is the usual English form
        return f"{row['name_en']} Region"
    return str(row["name_en"])


# ------------------------------------------------------------------------ resolving


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: "Tëtkino" == "tetkino", "Rasŏn" == "rason"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s’'`-]+", " ", stripped)


@functools.cache
def _location_index(geo_dir: str) -> Mapping[str, ResolvedLocation]:
    admin1 = _read_layer("admin1", geo_dir)
    countries = _read_layer("countries", geo_dir)
    gazetteer = _read_gazetteer(geo_dir)
    alpha3_by_alpha2 = {
        str(a2): str(a3)
        for a2, a3 in zip(countries["iso_a2"], countries["adm0_a3"], strict=True)
        if isinstance(a2, str)
    }
    index: dict[str, ResolvedLocation] = {}

    for row in admin1.itertuples(index=False):
        code = str(row.iso_3166_2)
        index[code] = ResolvedLocation(
            query=code, code=code, name=region_name(code, geo_dir), kind="admin1",
            country=alpha3_by_alpha2.get(str(row.country_iso)), region=code,
            geometry=row.geometry, point=Point(float(row.label_lon), float(row.label_lat)),
            point_basis="admin-1 label point (Natural Earth)",
        )

    capitals = gazetteer[gazetteer["kind"] == "national_capital"]
    capital_by_alpha2 = {str(r.iso_a2): r for r in capitals.itertuples(index=False)}
    for row in countries.itertuples(index=False):
        code = str(row.adm0_a3)
        capital = capital_by_alpha2.get(str(row.iso_a2))
        # A country's symbol sits on its capital when the gazetteer has it: a polygon's
        # representative point for Russia would land somewhere in Siberia.
        if capital is not None:
            point = Point(float(capital.lon), float(capital.lat))
            basis = f"capital ({capital.name})"
        else:
            point, basis = row.geometry.representative_point(), "representative point of country"
        index[code] = ResolvedLocation(
            query=code, code=code, name=str(row.name_en), kind="country", country=code,
            region=None, geometry=row.geometry, point=point, point_basis=basis,
        )

    for row in gazetteer.itertuples(index=False):
        place = ResolvedLocation(
            query=str(row.name), code=str(row.name), name=str(row.name), kind="place",
            country=alpha3_by_alpha2.get(str(row.iso_a2)),
            region=str(row.admin1_iso) if isinstance(row.admin1_iso, str) else None,
            geometry=row.geometry, point=row.geometry, point_basis="place (gazetteer)",
        )
        for name in (row.name, row.name_de, row.name_ru):
            if isinstance(name, str) and name:
                index.setdefault(_fold(name), place)
    return index


def _unresolved_reason(location: str) -> str:
    if _ISO_3166_2.match(location):
        return (
            f"ISO 3166-2 code {location!r} is not in the bundled admin-1 layer "
            f"(data/geo/{LAYER_FILES['admin1']} covers oblasts around Kursk only); "
            "give a gazetteer place or the country code instead"
        )
    if _ALPHA3.match(location):
        return (
            f"country code {location!r} is not in the bundled country layer "
            f"(data/geo/{LAYER_FILES['countries']}, Eurasia only)"
        )
    return (
        f"place {location!r} is not in data/geo/{GAZETTEER_FILE}; add it there with its "
        "source, or correct the claim's location"
    )


def resolve_location_or_reason(
    location: Any, geo_dir: str | PathLike[str] | None = None
) -> tuple[ResolvedLocation | None, str | None]:
    """Resolve ``location``; return ``(resolved, None)`` or ``(None, reason)``."""
    if location is None or (not isinstance(location, str) and pd.isna(location)):
        return None, "claim has no location"
    text = str(location).strip()
    if not text:
        return None, "claim has no location"
    index = _location_index(_geo_dir(geo_dir))
    hit = index.get(text.upper()) if (_ISO_3166_2.match(text.upper())
                                      or _ALPHA3.match(text)) else None
    if hit is None:
        hit = index.get(_fold(text))
    if hit is None:
        return None, _unresolved_reason(text)
    return dataclasses.replace(hit, query=text), None


def resolve_location(
    location: Any, geo_dir: str | PathLike[str] | None = None
) -> ResolvedLocation | None:
    """Resolve an ISO 3166-2 code, an alpha-3 country code or a gazetteer place; else None."""
    return resolve_location_or_reason(location, geo_dir)[0]


def geocode_claims(
    claims: pd.DataFrame, geo_dir: str | PathLike[str] | None = None
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Split claims into ``(mapped, unmapped)``.

    ``mapped`` keeps every input column, adds :data:`GEO_COLUMNS` and has one point
    geometry per claim (EPSG:4326). ``unmapped`` keeps every input column plus
    ``reason``. Both keep the input order and get a fresh 0..n-1 index.
    """
    if "location" not in claims.columns:
        raise GeoError(
            "claims table has no 'location' column; expected the columns of "
            "analysis.core.schema.CLAIM_COLUMNS (load it with analysis.facts.store.load_claims)"
        )
    resolved: list[ResolvedLocation | None] = []
    reasons: list[str | None] = []
    for location in claims["location"]:
        place, reason = resolve_location_or_reason(location, geo_dir)
        resolved.append(place)
        reasons.append(reason)
    is_mapped = np.array([place is not None for place in resolved], dtype=bool)

    mapped = claims.loc[is_mapped].reset_index(drop=True).copy()
    hits = [place for place in resolved if place is not None]
    mapped["location_name"] = [p.name for p in hits]
    mapped["location_kind"] = [p.kind for p in hits]
    mapped["location_country"] = [p.country for p in hits]
    mapped["location_region"] = [p.region for p in hits]
    mapped["point_basis"] = [p.point_basis for p in hits]
    mapped["lon"] = [float(p.point.x) for p in hits]
    mapped["lat"] = [float(p.point.y) for p in hits]
    for column in ("location_name", "location_kind", "location_country", "location_region",
                   "point_basis"):
        mapped[column] = mapped[column].astype(object)
    geometry = gpd.GeoSeries([p.point for p in hits], crs=WGS84)
    mapped_gdf = gpd.GeoDataFrame(mapped, geometry=geometry, crs=WGS84)

    unmapped = claims.loc[~is_mapped].reset_index(drop=True).copy()
    unmapped["reason"] = pd.Series(
        [r for r in reasons if r is not None], index=unmapped.index, dtype=object
    )
    return mapped_gdf, unmapped


# ------------------------------------------------------------------------- GeoJSON


def _json_value(value: Any) -> Any:
    """Turn a cell into a JSON value: lists stay arrays, dates become ISO strings."""
    if isinstance(value, list | tuple | np.ndarray):
        return [_json_value(item) for item in value]
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, bool | int | str):
        return value
    return str(value)


def _rounded(coords: Any, digits: int) -> Any:
    if isinstance(coords, float | int):
        return round(float(coords), digits)
    return [_rounded(part, digits) for part in coords]


def _geojson_geometry(geometry: BaseGeometry | None, digits: int) -> dict[str, Any] | None:
    if geometry is None or geometry.is_empty:
        return None
    # RFC 7946 section 3.1.6: exterior rings counterclockwise, holes clockwise.
    if geometry.geom_type == "Polygon":
        geometry = orient(geometry, 1.0)
    elif geometry.geom_type == "MultiPolygon":
        geometry = shapely.MultiPolygon([orient(part, 1.0) for part in geometry.geoms])
    shape = mapping(geometry)
    if "coordinates" in shape:
        return {"type": shape["type"], "coordinates": _rounded(shape["coordinates"], digits)}
    return {"type": shape["type"],
            "geometries": [_geojson_geometry(g, digits) for g in geometry.geoms]}


def export_geojson(
    gdf: gpd.GeoDataFrame, path: str | PathLike[str], *, precision: int = 6
) -> Path:
    """Write ``gdf`` as an RFC 7946 GeoJSON FeatureCollection (WGS84 lon/lat, no ``crs``).

    List columns (``claimants``, ``flags``) stay JSON arrays, dates become ISO strings,
    missing values ``null``. Coordinates are rounded to ``precision`` decimals (1e-6° is
    about 0.1 m). Written atomically; returns the path.
    """
    if not isinstance(gdf, gpd.GeoDataFrame):
        raise GeoError("export_geojson needs a GeoDataFrame (e.g. the first result of "
                       "geocode_claims)")
    if gdf.crs is None:
        raise GeoError("the GeoDataFrame has no CRS; set one (e.g. gdf.set_crs('EPSG:4326')) "
                       "before exporting GeoJSON")
    frame = gdf.to_crs(WGS84) if not gdf.crs.equals(WGS84) else gdf
    geometry_name = frame.geometry.name
    columns = [c for c in frame.columns if c != geometry_name]
    features = []
    for row, geometry in zip(
        frame[columns].itertuples(index=False, name=None), frame.geometry, strict=True
    ):
        features.append({
            "type": "Feature",
            "properties": {col: _json_value(val) for col, val in zip(columns, row, strict=True)},
            "geometry": _geojson_geometry(geometry, precision),
        })
    collection = {"type": "FeatureCollection", "features": features}
    text = json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return atomic_write_text(path, text + "\n")
