"""Geocoding: where a claim's ``location`` is, as a point and an area.

A location is one of

* an ISO 3166-2 code of an oblast in the bundled admin-1 layer (``RU-KRS``, ``UA-59``),
* an ISO 3166-1 alpha-3 country code of the Eurasia country layer (``RUS``, ``PRK``),
* a place name of the gazetteer, in English, German or Russian (``Sudzha``, ``Sudscha``),
  matched without regard to case and accents.

:func:`geocode_claims` turns a claims table into a GeoDataFrame of points (EPSG:4326)
and a table of the claims it could not place, each with the reason; nothing is dropped.
The lookup index is built once per geodata folder and cached (``clear_caches()``).
"""

from __future__ import annotations

import dataclasses
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
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from analysis.core.schema import ALPHA3, ISO_3166_2
from analysis.geo.layers import (
    LAYER_FILES,
    WGS84,
    GeoError,
    load_admin1,
    load_countries,
    load_gazetteer,
    region_name,
)
from analysis.lexicon.caches import cached
from analysis.lexicon.gazetteer import GAZETTEER_FILE

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

_ISO_3166_2 = re.compile(ISO_3166_2.regex)
_ALPHA3 = re.compile(ALPHA3.regex)


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


def _fold(text: str) -> str:
    """Case- and accent-insensitive key: "Tëtkino" == "tetkino", "Rasŏn" == "rason"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s’'`-]+", " ", stripped)


@cached
def _location_index(geo_dir: str | None) -> Mapping[str, ResolvedLocation]:
    admin1 = load_admin1(geo_dir)
    countries = load_countries(geo_dir)
    gazetteer = load_gazetteer(geo_dir)
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
    if _ISO_3166_2.fullmatch(location):
        return (
            f"ISO 3166-2 code {location!r} is not in the bundled admin-1 layer "
            f"(data/geo/{LAYER_FILES['admin1']} covers oblasts around Kursk only); "
            "give a gazetteer place or the country code instead"
        )
    if _ALPHA3.fullmatch(location):
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
    index = _location_index(None if geo_dir is None else str(Path(geo_dir)))
    hit = index.get(text.upper()) if (_ISO_3166_2.fullmatch(text.upper())
                                      or _ALPHA3.fullmatch(text)) else None
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
