"""The frame both maps share: projections, extent, borders, scale bar, title and credit.

Every map is drawn in an equal-area or conformal projection (never plain lon/lat), fills
its axes exactly, and credits the layers (:data:`analysis.geo.layers.CREDIT_LINE`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import geopandas as gpd
import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from analysis.core.labels import format_date
from analysis.core.params import check_date
from analysis.facts.known import known_by
from analysis.geo import layers as geo

# White outline around map text, so labels stay readable over borders and rivers.
HALO = [path_effects.withStroke(linewidth=2.6, foreground="white")]
COUNTRY_FILL = {"RU": "#f3ede4", "UA": "#e6eef5", "BY": "#ececec"}
REGION_FILL, REGION_EDGE = "#f4b27f", "#a0522d"


def laea_crs(lon: float, lat: float) -> str:
    """Lambert azimuthal equal-area projection centred on (lon, lat), as a proj string."""
    return (f"+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} +x_0=0 +y_0=0 "
            "+datum=WGS84 +units=m +no_defs")


EURASIA_CRS = ("+proj=lcc +lat_1=40 +lat_2=60 +lat_0=50 +lon_0=80 +x_0=0 +y_0=0 "
               "+datum=WGS84 +units=m +no_defs")


def describe_as_of(claims: pd.DataFrame, as_of: Any) -> str:
    """The title's cut-off phrase: "claims published up to ..." or the latest publication."""
    cutoff = check_date("as_of", as_of)
    if cutoff is not None:
        return f"claims published up to {cutoff.isoformat()}"
    known = known_by(claims, as_of)
    if len(known) and known["published"].notna().any():
        latest = format_date(pd.to_datetime(known["published"]).max())
        return f"all claims (latest published {latest})"
    return "all claims"


def new_axes(ax: Axes | None, size: tuple[float, float], rect: Sequence[float]) -> Axes:
    """``ax`` itself, or the axes of a new figure of ``size`` inches at ``rect``."""
    if ax is not None:
        return ax
    fig = plt.figure(figsize=size)
    return fig.add_axes(rect)


@contextmanager
def layers_without_redraws(ax: Axes) -> Iterator[None]:
    """Plot several GeoDataFrame layers into ``ax`` without a whole-figure draw after each.

    geopandas ends every ``.plot()`` with ``canvas.draw_idle()``, which in a backend with no
    event loop (Agg, the notebooks' inline backend) draws the whole figure there and then:
    six draws per regional map that nobody sees. The map is drawn when it is saved or shown.
    """
    canvas = ax.figure.canvas
    own = vars(canvas).get("draw_idle")
    canvas.draw_idle = lambda *args, **kwargs: None
    try:
        yield
    finally:
        if own is None:
            del canvas.draw_idle
        else:
            canvas.draw_idle = own


def fit_extent(ax: Axes, minx: float, miny: float, maxx: float, maxy: float) -> None:
    """Widen the extent to the axes' shape so an equal-aspect map fills the frame exactly."""
    bbox = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    box_ratio = (bbox.height * fig_h) / (bbox.width * fig_w)
    width, height = maxx - minx, maxy - miny
    if height / width < box_ratio:
        grow = (width * box_ratio - height) / 2
        miny, maxy = miny - grow, maxy + grow
    else:
        grow = (height / box_ratio - width) / 2
        minx, maxx = minx - grow, maxx + grow
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])


def finish_axes(ax: Axes, x0: float, x1: float, y0: float, y1: float) -> None:
    """Undo what GeoDataFrame.plot changes: limits, aspect mode, CRS axis labels."""
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("")
    ax.set_ylabel("")


def credit(ax: Axes, extra: str = "") -> None:
    """The layers' credit line under the map, then ``extra`` notes."""
    text = geo.CREDIT_LINE + (f"\n{extra}" if extra else "")
    ax.text(0.0, -0.012, text, transform=ax.transAxes, ha="left", va="top",
            fontsize=7, color="#555555")


@functools.cache
def international_borders(crs: str) -> tuple[gpd.GeoSeries, gpd.GeoSeries]:
    """(Russia–Ukraine border, other borders between the bundle's countries), projected."""
    admin1 = geo.load_admin1()
    by_country = admin1.dissolve(by="country_iso")["geometry"]
    outlines = {code: shapely.boundary(geom) for code, geom in by_country.items()}
    ru_ua = shapely.intersection(outlines["RU"], outlines["UA"])
    others = [shapely.intersection(outlines[a], outlines[b])
              for a, b in (("RU", "BY"), ("UA", "BY")) if a in outlines and b in outlines]
    to_series = functools.partial(gpd.GeoSeries, crs=geo.WGS84)
    return to_series([shapely.line_merge(ru_ua)]).to_crs(crs), to_series(others).to_crs(crs)


def scale_bar(ax: Axes, length_km: float) -> None:
    """A ``length_km`` scale bar in the lower left (the projection's unit is the metre)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    left, base = x0 + 0.03 * (x1 - x0), y0 + 0.035 * (y1 - y0)
    half = length_km * 500.0
    for i, color in enumerate(("#333333", "white", "#333333")):
        ax.add_patch(Rectangle((left + i * half / 1.5 * 1.0, base), half / 1.5,
                               0.006 * (y1 - y0), facecolor=color, edgecolor="#333333",
                               linewidth=0.6, zorder=20))
    ax.text(left, base + 0.012 * (y1 - y0), "0", fontsize=7, ha="center", zorder=20,
            path_effects=HALO)
    ax.text(left + 2 * half, base + 0.012 * (y1 - y0), f"{length_km:g} km", fontsize=7,
            ha="center", zorder=20, path_effects=HALO)
