"""GeoJSON export: geocoded claims (or any GeoDataFrame) as an RFC 7946 FeatureCollection."""

from __future__ import annotations

import json
import math
from os import PathLike
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from analysis.core.atomic import atomic_write_text
from analysis.geo.layers import WGS84, GeoError


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
