"""Stage "maps": the regional map (an oblast such as Kursk) and the Eurasia overview.

Both maps take the claims table (columns of :data:`analysis.core.schema.CLAIM_COLUMNS`, typed
as :func:`analysis.facts.store.load_claims` returns it) and an optional ``as_of`` date: claims
published after it are left out. Selection lives in :func:`select_region_claims` and
:func:`select_flows`, which the notebook also uses for its tables, so the tables and the
drawings always show the same claims. Every claim symbol or label carries the SVG id
``claim-<claim_id>``, which makes "what was drawn" checkable from the SVG file.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib.patheffects as path_effects
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle
from pyproj import Transformer

from analysis.core.atomic import atomic_write_text
from analysis.core.errors import ParameterError
from analysis.core.labels import format_as_of, format_claim, format_claimants, format_estimate
from analysis.core.params import check_date
from analysis.core.schema import is_missing
from analysis.facts.known import known_by
from analysis.geo import geocoding
from analysis.geo import layers as geo

# Symbol area in points² per counted unit; shrunk when the largest claim would exceed
# MAX_SYMBOL_AREA. Areas (not radii) are proportional, so 50,000 looks 5x as big as 10,000.
SYMBOL_AREA_PER_UNIT = 0.05
MAX_SYMBOL_AREA = 3000.0
MIN_SYMBOL_AREA = 14.0
# Claims listed per callout (region map) or per arrow (overview); the rest go to the table.
MAX_CALLOUT_LINES = 8

TROOP_UNITS = ("troops", "soldiers")
MUNITION_UNITS = ("containers", "shells", "missiles")

_HALO = [path_effects.withStroke(linewidth=2.6, foreground="white")]
_COUNTRY_FILL = {"RU": "#f3ede4", "UA": "#e6eef5", "BY": "#ececec"}
_REGION_FILL, _REGION_EDGE = "#f4b27f", "#a0522d"
_SYMBOL_COLOR = {"troops": "#b2182b", "soldiers": "#2166ac"}
_DEFAULT_SYMBOL_COLOR = "#5e3c99"
_FLOW_COLOR = {"troops": "#b2182b", "munitions": "#e08214"}


# ----------------------------------------------------------------------- selection


def claim_magnitude(row: Any) -> float:
    """The number a symbol is sized by: the value, else the upper, else the lower bound."""
    for column in ("value", "upper", "lower"):
        number = row.get(column)
        if number is not None and not pd.isna(number):
            return float(number)
    return math.nan


def select_region_claims(
    claims: pd.DataFrame, region: str = "RU-KRS", *, as_of: Any = None
) -> gpd.GeoDataFrame:
    """Mapped claims located in ``region`` (the oblast itself or a place inside it).

    Country-level claims (``RUS``) are not part of any region. Adds ``map_key`` (1..n,
    the number shown next to each symbol), ordered by place from north to south and
    by figure, largest first.
    """
    _check_region(region)
    mapped, _ = geocoding.geocode_claims(known_by(claims, as_of))
    inside = mapped[
        (mapped["location_region"] == region) & (mapped["location_kind"] != "country")
    ].copy()
    inside["magnitude"] = [claim_magnitude(row) for _, row in inside.iterrows()]
    inside = inside.sort_values(
        ["lat", "lon", "magnitude", "claim_id"], ascending=[False, True, False, True],
        na_position="last", kind="stable",
    ).reset_index(drop=True)
    inside["map_key"] = np.arange(1, len(inside) + 1)
    return inside


def _figure(row: Any) -> str:
    return format_estimate(row["value"], row["lower"], row["upper"], row["approx"],
                           row["vague"], row["qualifier"])


def _as_of_phrase(row: Any) -> str:
    when = format_as_of(row["as_of_start"], row["as_of_end"])
    return "as-of date not stated" if when == "undated" else f"as of {when}"


def _location_text(location: Any) -> str:
    if location is None or (not isinstance(location, str) and pd.isna(location)):
        return "no location"
    return str(location)


def _missing_text(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def _flow_category(unit: Any) -> str | None:
    if unit in TROOP_UNITS:
        return "troops"
    if unit in MUNITION_UNITS:
        return "munitions"
    return None


def select_flows(claims: pd.DataFrame, *, as_of: Any = None) -> gpd.GeoDataFrame:
    """Claims that describe a flow from North Korea into Russia.

    A flow claim has actor ``PRK``, a troop unit (troops, soldiers -> ``flow`` "troops")
    or a munitions unit (containers, shells, missiles -> "munitions"), and a location in
    Russia (the country, an oblast or a place). North Korean troops located elsewhere
    (e.g. the seed's "in der Ukraine") are not flows into Russia; see
    :func:`unplotted_prk_claims`.
    """
    mapped, _ = geocoding.geocode_claims(known_by(claims, as_of))
    flows = mapped[(mapped["actor"] == "PRK") & (mapped["location_country"] == "RUS")].copy()
    flows["flow"] = [_flow_category(unit) for unit in flows["unit"]]
    flows = flows[flows["flow"].notna()].copy()
    flows["magnitude"] = [claim_magnitude(row) for _, row in flows.iterrows()]
    return flows.sort_values(["flow", "magnitude", "claim_id"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


def unplotted_prk_claims(claims: pd.DataFrame, *, as_of: Any = None) -> pd.DataFrame:
    """North Korean troop/munition claims that are not drawn as flows, with the reason."""
    selected = known_by(claims, as_of)
    candidates = selected[
        (selected["actor"] == "PRK") & selected["unit"].map(_flow_category).notna()
    ]
    drawn = set(select_flows(claims, as_of=as_of)["claim_id"])
    rest = candidates[~candidates["claim_id"].isin(drawn)].copy()
    rest["reason"] = [
        "location not in Russia" if geocoding.resolve_location(loc) is not None
        else "location unknown"
        for loc in rest["location"]
    ]
    return rest.reset_index(drop=True)


def _check_region(region: str) -> None:
    valid = geo.valid_region_codes()
    if region not in valid:
        raise ParameterError(
            f"region {region!r} is not a mappable oblast; choose one of: {', '.join(valid)}"
        )


# ------------------------------------------------------------------------- helpers


def laea_crs(lon: float, lat: float) -> str:
    """Lambert azimuthal equal-area projection centred on (lon, lat), as a proj string."""
    return (f"+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} +x_0=0 +y_0=0 "
            "+datum=WGS84 +units=m +no_defs")


EURASIA_CRS = ("+proj=lcc +lat_1=40 +lat_2=60 +lat_0=50 +lon_0=80 +x_0=0 +y_0=0 "
               "+datum=WGS84 +units=m +no_defs")


def symbol_scale(magnitudes: Sequence[float]) -> float:
    """Points² per unit for this map: the default unless the largest symbol gets too big."""
    finite = [m for m in magnitudes if m is not None and math.isfinite(m) and m > 0]
    if not finite:
        return SYMBOL_AREA_PER_UNIT
    return min(SYMBOL_AREA_PER_UNIT, MAX_SYMBOL_AREA / max(finite))


def symbol_area(magnitude: float, scale: float) -> float:
    if magnitude is None or not math.isfinite(magnitude) or magnitude <= 0:
        return MIN_SYMBOL_AREA
    return max(MIN_SYMBOL_AREA, magnitude * scale)


def _reference_values(largest: float) -> list[float]:
    """Two or three round numbers for the size legend, the largest not above ``largest``."""
    steps = [m * 10**e for e in range(1, 8) for m in (1, 2, 5)]
    fitting = [s for s in steps if s <= largest * 1.05]
    if not fitting:
        return [steps[0]]
    top = fitting[-1]
    return sorted({float(p) for p in (top, top / 5) if p >= 10})


def _describe_as_of(claims: pd.DataFrame, as_of: Any) -> str:
    cutoff = check_date("as_of", None if is_missing(as_of) else as_of)
    if cutoff is not None:
        return f"claims published up to {cutoff.isoformat()}"
    if len(claims) and claims["published"].notna().any():
        latest = pd.to_datetime(claims["published"]).max().date().isoformat()
        return f"all claims (latest published {latest})"
    return "all claims"


def _new_axes(ax: Axes | None, size: tuple[float, float], rect: Sequence[float]) -> Axes:
    if ax is not None:
        return ax
    fig = plt.figure(figsize=size)
    return fig.add_axes(rect)


def _fit_extent(ax: Axes, minx: float, miny: float, maxx: float, maxy: float) -> None:
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


def _finish_axes(ax: Axes, x0: float, x1: float, y0: float, y1: float) -> None:
    """Undo what GeoDataFrame.plot changes: limits, aspect mode, CRS axis labels."""
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xlabel("")
    ax.set_ylabel("")


def _credit(ax: Axes, extra: str = "") -> None:
    text = geo.CREDIT_LINE + (f"\n{extra}" if extra else "")
    ax.text(0.0, -0.012, text, transform=ax.transAxes, ha="left", va="top",
            fontsize=7, color="#555555")


@functools.cache
def _international_borders(crs: str) -> tuple[gpd.GeoSeries, gpd.GeoSeries]:
    """(Russia–Ukraine border, other borders between the bundle's countries), projected."""
    admin1 = geo.load_admin1()
    by_country = admin1.dissolve(by="country_iso")["geometry"]
    outlines = {code: shapely.boundary(geom) for code, geom in by_country.items()}
    ru_ua = shapely.intersection(outlines["RU"], outlines["UA"])
    others = [shapely.intersection(outlines[a], outlines[b])
              for a, b in (("RU", "BY"), ("UA", "BY")) if a in outlines and b in outlines]
    to_series = functools.partial(gpd.GeoSeries, crs=geo.WGS84)
    return to_series([shapely.line_merge(ru_ua)]).to_crs(crs), to_series(others).to_crs(crs)


def _scale_bar(ax: Axes, length_km: float) -> None:
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    left, base = x0 + 0.03 * (x1 - x0), y0 + 0.035 * (y1 - y0)
    half = length_km * 500.0
    for i, color in enumerate(("#333333", "white", "#333333")):
        ax.add_patch(Rectangle((left + i * half / 1.5 * 1.0, base), half / 1.5,
                               0.006 * (y1 - y0), facecolor=color, edgecolor="#333333",
                               linewidth=0.6, zorder=20))
    ax.text(left, base + 0.012 * (y1 - y0), "0", fontsize=7, ha="center", zorder=20,
            path_effects=_HALO)
    ax.text(left + 2 * half, base + 0.012 * (y1 - y0), f"{length_km:g} km", fontsize=7,
            ha="center", zorder=20, path_effects=_HALO)


# ----------------------------------------------------------------------- region map


def _stack_positions(wanted: list[float], heights: list[float], top: float = 0.99,
                     bottom: float = 0.01) -> list[float]:
    """Centre y (axes fraction) for label boxes: near their wish, never overlapping."""
    order = sorted(range(len(wanted)), key=lambda i: -wanted[i])
    placed: dict[int, float] = {}
    ceiling = top
    for i in order:  # from the top down, push boxes below the previous one
        centre = min(wanted[i], ceiling - heights[i] / 2)
        placed[i] = centre
        ceiling = centre - heights[i] / 2 - 0.015
    floor = bottom
    for i in reversed(order):  # if the stack ran off the bottom, push it back up
        if placed[i] - heights[i] / 2 < floor:
            placed[i] = floor + heights[i] / 2
        floor = placed[i] + heights[i] / 2 + 0.015
    return [placed[i] for i in range(len(wanted))]


def plot_region_map(
    claims: pd.DataFrame, region: str = "RU-KRS", *, ax: Axes | None = None, as_of: Any = None
) -> Figure:
    """Claims located in one oblast as proportional symbols, among its neighbours.

    Symbol area is proportional to the claim's figure (value, else its bound); vague
    claims are hatched and hollow. Claims at one place share a callout box on the right
    listing ``[key] figure unit · claimants · as of``. Country-level claims are left out
    (they belong on :func:`plot_overview_map`).
    """
    selected = select_region_claims(claims, region, as_of=as_of)
    target = geocoding.resolve_location(region)
    assert target is not None  # _check_region passed
    centre = target.geometry.centroid
    crs = laea_crs(centre.x, centre.y)

    ax = _new_axes(ax, (12.5, 8.2), (0.02, 0.08, 0.60, 0.82))
    fig = ax.figure
    admin1 = geo.load_admin1().to_crs(crs)
    countries = geo.load_countries().to_crs(crs)
    rivers = geo.load_rivers().to_crs(crs)
    places = geo.load_gazetteer().to_crs(crs)
    region_shape = admin1[admin1["iso_3166_2"] == region]

    minx, miny, maxx, maxy = region_shape.total_bounds
    pad = 0.2 * max(maxx - minx, maxy - miny)
    _fit_extent(ax, minx - pad, miny - pad, maxx + pad, maxy + pad)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    ax.set_facecolor("#dde8ef")

    # Under the oblasts, so areas outside the admin-1 layer still get their country's tint.
    by_alpha3 = {"RUS": "RU", "UKR": "UA", "BLR": "BY"}
    countries.plot(ax=ax, color=[_COUNTRY_FILL.get(by_alpha3.get(c, ""), "#eeeeee")
                                 for c in countries["adm0_a3"]],
                   edgecolor="white", linewidth=0.5, zorder=1)
    fills = [_COUNTRY_FILL.get(code, "#eeeeee") for code in admin1["country_iso"]]
    admin1.plot(ax=ax, color=fills, edgecolor="white", linewidth=0.9, zorder=2)
    region_shape.plot(ax=ax, color=_REGION_FILL, edgecolor=_REGION_EDGE, linewidth=1.6,
                      alpha=0.85, zorder=3)
    widths = np.clip(1.6 - 0.1 * rivers["scalerank"].astype(float), 0.4, 1.4)
    rivers.plot(ax=ax, color="#4a90c2", linewidth=widths, zorder=4)
    ru_ua, other_borders = _international_borders(crs)
    other_borders.plot(ax=ax, color="#444444", linewidth=1.1, linestyle=(0, (4, 2)), zorder=5)
    ru_ua.plot(ax=ax, color="#7f0000", linewidth=2.6, zorder=5)
    _finish_axes(ax, x0, x1, y0, y1)
    view = shapely.box(x0, y0, x1, y1)

    taken = _label_oblasts(ax, admin1, region, view)
    _label_rivers(ax, rivers, view, taken)
    claim_places = set(selected["location_name"]) if len(selected) else set()
    _draw_places(ax, places, view, claim_places)
    legend = _region_legend(ax, selected)
    _draw_region_claims(ax, selected, crs, bottom=_top_of(legend, ax) + 0.02)
    _scale_bar(ax, 50 if (x1 - x0) < 700_000 else 100)

    units = sorted(set(selected["unit"])) if len(selected) else []
    region_title = f"{target.name} ({region})"
    ax.set_title(
        f"Reported numbers in {region_title}\n"
        f"{_describe_as_of(known_by(claims, as_of), as_of)} · "
        f"{len(selected)} claim(s) located in the oblast"
        + (f" · units: {', '.join(units)}" if units else ""),
        loc="left", fontsize=12, fontweight="bold", pad=8,
    )
    _credit(ax, "Country-level claims (e.g. 'in Russia') are not drawn here; see the "
                "overview map. Borders at 1:10m: not for village-scale distances.")
    if not len(selected):
        ax.text(0.5, 0.5, "No claims located in this oblast\nfor the selected parameters",
                transform=ax.transAxes, ha="center", va="center", fontsize=12,
                color="#333333", zorder=30, bbox=dict(boxstyle="round", fc="white", alpha=0.9))
    return fig


def _label_oblasts(ax: Axes, admin1: gpd.GeoDataFrame, region: str, view: Any) -> list[Any]:
    """Write neighbour names; return their anchor points so other labels can keep clear."""
    anchors = []
    for row in admin1.itertuples(index=False):
        clipped = row.geometry.intersection(view)
        if clipped.is_empty or clipped.area < 0.06 * view.area:
            continue
        if row.iso_3166_2 == region:
            continue
        # Keep the label away from the frame so it is not cut off.
        inner = clipped.buffer(-0.06 * math.sqrt(view.area))
        point = (inner if not inner.is_empty else clipped).representative_point()
        name = geo.region_name(row.iso_3166_2)
        ax.text(point.x, point.y, f"{name.upper()}\n{row.iso_3166_2}", fontsize=7.5,
                color="#8a8a8a", ha="center", va="center", style="italic", zorder=6,
                path_effects=_HALO, clip_on=True)
        anchors.append(point)
    return anchors


def _label_rivers(ax: Axes, rivers: gpd.GeoDataFrame, view: Any, taken: list[Any]) -> None:
    named = rivers[rivers["name"].notna()].copy()
    named["clipped"] = named.geometry.intersection(view)
    named["length"] = named["clipped"].length
    keep_clear = 0.09 * math.sqrt(view.area)
    inner = view.buffer(-0.05 * math.sqrt(view.area))
    for name, group in named.groupby("name"):
        best = group.sort_values("length").iloc[-1]
        if best["length"] < 0.12 * math.sqrt(view.area):
            continue
        # Try spots along the river until one is clear of other labels and the frame.
        for fraction in (0.5, 0.35, 0.65, 0.2, 0.8):
            point = best["clipped"].interpolate(fraction, normalized=True)
            if inner.contains(point) and all(point.distance(p) > keep_clear for p in taken):
                break
        else:
            continue
        taken.append(point)
        ax.text(point.x, point.y, str(name), fontsize=7, color="#2c6d9e", style="italic",
                ha="center", va="bottom", zorder=6, path_effects=_HALO, clip_on=True)


def _draw_places(ax: Axes, places: gpd.GeoDataFrame, view: Any, claim_places: set[str]) -> None:
    # Villages cluster within a few km of Sudzha; label them only where a claim sits.
    shown = places[
        places.geometry.within(view)
        & (places["kind"].isin(["national_capital", "admin1_capital", "city", "town"])
           | places["name"].isin(claim_places))
    ]
    x0, x1 = ax.get_xlim()
    for row in shown.itertuples(index=False):
        capital = row.kind in ("national_capital", "admin1_capital")
        near_right_edge = row.geometry.x > x1 - 0.1 * (x1 - x0)
        ax.plot(row.geometry.x, row.geometry.y, marker="s" if capital else "o",
                markersize=5 if capital else 3.2, color="#222222", zorder=8,
                markeredgecolor="white", markeredgewidth=0.6)
        ax.annotate(row.name, (row.geometry.x, row.geometry.y),
                    xytext=(-4, 2) if near_right_edge else (4, 2),
                    ha="right" if near_right_edge else "left",
                    textcoords="offset points", fontsize=8.5 if capital else 7.5,
                    fontweight="bold" if capital else "normal", color="#222222",
                    zorder=13, path_effects=_HALO, clip_on=True)


def _top_of(legend: Any, ax: Axes) -> float:
    """Top edge of ``legend`` in axes fraction (so callouts can stay above it)."""
    renderer = ax.figure.canvas.get_renderer()
    box = legend.get_window_extent(renderer).transformed(ax.transAxes.inverted())
    return float(min(box.y1, 0.9))


def _draw_region_claims(ax: Axes, selected: gpd.GeoDataFrame, crs: str, *,
                        bottom: float = 0.01) -> None:
    if not len(selected):
        return
    scale = symbol_scale(list(selected["magnitude"]))
    projected = selected.to_crs(crs)
    groups: dict[tuple[float, float], list[int]] = {}
    for i, point in enumerate(projected.geometry):
        groups.setdefault((round(point.x), round(point.y)), []).append(i)

    for i in sorted(range(len(projected)), key=lambda i: -np.nan_to_num(
            projected["magnitude"].iloc[i], nan=0.0)):  # big first, so small ones stay visible
        row = projected.iloc[i]
        color = _SYMBOL_COLOR.get(row["unit"], _DEFAULT_SYMBOL_COLOR)
        vague = bool(row["vague"])
        whole_oblast = row["location_kind"] == "admin1"
        artist = ax.scatter(
            [row.geometry.x], [row.geometry.y], s=symbol_area(row["magnitude"], scale),
            facecolor="none" if vague else color, edgecolor=color,
            alpha=1.0 if vague else 0.55, hatch="////" if vague else None,
            linewidth=1.4, zorder=12, linestyle="--" if whole_oblast else "-",
        )
        artist.set_gid(f"claim-{row['claim_id']}")

    axes_box = ax.get_window_extent()
    line_height = 8.2 * 1.45 / (axes_box.height * 72.0 / ax.figure.dpi)
    entries = []
    for (x, y), members in groups.items():
        rows = projected.iloc[members]
        header = rows["location_name"].iloc[0]
        if rows["location_kind"].iloc[0] == "admin1":
            header += " (oblast as a whole)"
        keys = list(rows["map_key"])
        lines = [header] + [f"[{r['map_key']}] {format_claim(r)}"
                            for _, r in rows.head(MAX_CALLOUT_LINES).iterrows()]
        if len(rows) > MAX_CALLOUT_LINES:
            lines.append(f"[{keys[MAX_CALLOUT_LINES]}–{keys[-1]}] "
                         f"{len(rows) - MAX_CALLOUT_LINES} more: see the table")
        _, y_fraction = ax.transLimits.transform((x, y))
        entries.append((x, y, "\n".join(lines), len(lines), y_fraction))
        # The key numbers next to the symbol, stacked upwards (a range when there are many).
        tags = [str(k) for k in keys] if len(keys) <= 4 else [f"{keys[0]}–{keys[-1]}"]
        for level, tag in enumerate(tags):
            ax.annotate(tag, (x, y), xytext=(-8, 6 + 10 * level),
                        textcoords="offset points", fontsize=7.5, ha="right",
                        fontweight="bold", zorder=14, path_effects=_HALO)
    heights = [n * line_height + 0.02 for *_, n, _ in entries]
    centres = _stack_positions([e[4] for e in entries], heights, bottom=bottom)
    for (x, y, text, _, _), centre in zip(entries, centres, strict=True):
        ax.annotate(
            text, (x, y), xycoords="data", xytext=(1.03, centre), textcoords="axes fraction",
            ha="left", va="center", fontsize=8.2, zorder=15, annotation_clip=False,
            bbox=dict(boxstyle="round,pad=0.4", fc="white", ec="#999999", lw=0.7),
            arrowprops=dict(arrowstyle="-", color="#666666", lw=0.7,
                            shrinkA=0, shrinkB=3, connectionstyle="arc3,rad=0"),
        )


def _region_legend(ax: Axes, selected: gpd.GeoDataFrame) -> Any:
    handles: list[Any] = [
        Patch(facecolor=_REGION_FILL, edgecolor=_REGION_EDGE, label="selected oblast"),
        Patch(facecolor=_COUNTRY_FILL["RU"], edgecolor="#bbbbbb", label="Russia (oblasts)"),
        Patch(facecolor=_COUNTRY_FILL["UA"], edgecolor="#bbbbbb", label="Ukraine (oblasts)"),
        Line2D([], [], color="#7f0000", lw=2.6, label="Russia–Ukraine border"),
        Line2D([], [], color="#444444", lw=1.1, ls=(0, (4, 2)), label="other state border"),
        Line2D([], [], color="#4a90c2", lw=1.0, label="river"),
        Line2D([], [], marker="s", color="#222222", ls="", markersize=5, label="oblast capital"),
        Line2D([], [], marker="o", color="#222222", ls="", markersize=3.2, label="town"),
    ]
    if len(selected):
        scale = symbol_scale(list(selected["magnitude"]))
        finite = [m for m in selected["magnitude"] if math.isfinite(m)]
        for unit in sorted(set(selected["unit"])):
            color = _SYMBOL_COLOR.get(unit, _DEFAULT_SYMBOL_COLOR)
            handles.append(Line2D([], [], marker="o", ls="", markersize=8, alpha=0.55,
                                  markerfacecolor=color, markeredgecolor=color, label=unit))
        if (selected["location_kind"] == "admin1").any():
            handles.append(Patch(facecolor="none", edgecolor="#555555", linestyle="--",
                                 label="claim for the whole oblast"))
        if selected["vague"].astype(bool).any():
            handles.append(Patch(facecolor="none", edgecolor="#444444", hatch="////",
                                 label="vague figure (lower bound)"))
    legend = ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(1.02, -0.01),
                       fontsize=7.5, frameon=False, labelspacing=0.8, borderpad=0.2,
                       title="Legend", title_fontproperties={"weight": "bold", "size": 8},
                       alignment="left")
    if len(selected):
        ax.add_artist(legend)  # a second legend would otherwise replace the first
        sizes, widest = [], 0.0
        for reference in _reference_values(max(finite) if finite else 1000.0):
            size = math.sqrt(symbol_area(reference, scale))
            widest = max(widest, size)
            sizes.append(Line2D([], [], marker="o", ls="", markersize=size,
                                markerfacecolor="none", markeredgecolor="#555555",
                                label=format_estimate(reference)))
        ax.legend(handles=sizes, loc="lower left", bbox_to_anchor=(1.31, -0.01), fontsize=7.5,
                  frameon=False, labelspacing=2.2, borderpad=1.2, handletextpad=0.8,
                  handlelength=widest / 7.5 + 0.5,
                  title="Symbol area ∝ figure", alignment="left",
                  title_fontproperties={"weight": "bold", "size": 8})
    return legend


# --------------------------------------------------------------------- overview map


def plot_overview_map(claims: pd.DataFrame, *, ax: Axes | None = None, as_of: Any = None) -> Figure:
    """North Korea, Russia and Ukraine with the flows the claims describe.

    One arrow per kind of flow: troops from Pyongyang, munitions from the port of Rason,
    each to the most specific Russian location the claims name (Kursk Oblast for the
    seed), labelled with every claim's figure, unit, claimants, as-of date and location.
    Crimea is hatched as Ukrainian territory occupied by Russia.
    """
    flows = select_flows(claims, as_of=as_of)
    crs = EURASIA_CRS
    ax = _new_axes(ax, (13.0, 8.0), (0.02, 0.07, 0.96, 0.84))
    fig = ax.figure
    countries = geo.load_countries().to_crs(crs)
    crimea = geo.load_crimea().to_crs(crs)
    admin1 = geo.load_admin1().to_crs(crs)
    places = geo.load_gazetteer().to_crs(crs)

    to_map = Transformer.from_crs(geo.WGS84, crs, always_xy=True)
    frame_lon, frame_lat = np.meshgrid(np.linspace(26, 136, 60), np.linspace(37, 63, 30))
    xs, ys = to_map.transform(frame_lon.ravel(), frame_lat.ravel())
    _fit_extent(ax, min(xs), min(ys), max(xs), max(ys))
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    ax.set_facecolor("#dde8ef")

    focus_fill = {"RUS": "#f3e2cf", "UKR": "#d6e6f4", "PRK": "#f2c4c4"}
    fills = [focus_fill.get(code, "#ececec") for code in countries["adm0_a3"]]
    countries.plot(ax=ax, color=fills, edgecolor="white", linewidth=0.6, zorder=1)
    crimea.plot(ax=ax, facecolor="none", edgecolor="#7f0000", hatch="/////", linewidth=0.4,
                zorder=2)
    kursk = admin1[admin1["iso_3166_2"] == "RU-KRS"]
    kursk.plot(ax=ax, color=_REGION_FILL, edgecolor=_REGION_EDGE, linewidth=0.8, zorder=3)
    _finish_axes(ax, x0, x1, y0, y1)

    names = {"RUS": "RUSSIA", "UKR": "UKRAINE", "PRK": "NORTH\nKOREA", "CHN": "CHINA",
             "KAZ": "KAZAKHSTAN", "MNG": "MONGOLIA", "KOR": "SOUTH\nKOREA", "BLR": "BELARUS"}
    anchors = {"RUS": (121, 61.5), "UKR": (31, 49), "PRK": (127.2, 40.6), "CHN": (103, 36.5),
               "KAZ": (67, 48), "MNG": (106, 46.2), "KOR": (128.2, 36.7),
               "BLR": (28, 53.5)}
    for code, (lon, lat) in anchors.items():
        x, y = to_map.transform(lon, lat)
        ax.text(x, y, names[code], fontsize=10 if code in ("RUS", "CHN", "KAZ") else 7.5,
                color="#7a7a7a", ha="center", va="center", fontweight="bold", zorder=4,
                path_effects=_HALO)

    shown_places = ["Pyongyang", "Rason", "Moscow", "Kyiv", "Seoul", "Vladivostok", "Kursk"]
    for row in places[places["name"].isin(shown_places)].itertuples(index=False):
        ax.plot(row.geometry.x, row.geometry.y, marker="o", markersize=3.5, color="#222222",
                markeredgecolor="white", markeredgewidth=0.5, zorder=8)
        left = row.name in ("Kursk", "Kyiv", "Pyongyang")
        ax.annotate(row.name, (row.geometry.x, row.geometry.y),
                    xytext=(-4, 2) if left else (4, 2), textcoords="offset points",
                    ha="right" if left else "left", fontsize=7.5, zorder=9, path_effects=_HALO)

    drawn_flows = _draw_flows(ax, flows, crs)
    missing = unplotted_prk_claims(claims, as_of=as_of)
    note = ""
    if len(missing):
        keys = "; ".join(
            f"{_figure(r)} {r['unit']} ({_location_text(r['location'])}: {r['reason']})"
            for _, r in missing.iterrows())
        note = f"Not drawn as flows into Russia: {keys}."
    ax.set_title(
        "North Korean troops and munitions sent to Russia, as reported\n"
        f"{_describe_as_of(known_by(claims, as_of), as_of)} · "
        f"{len(flows)} claim(s) drawn as {drawn_flows} flow(s)",
        loc="left", fontsize=12, fontweight="bold", pad=8,
    )
    handles = [
        Line2D([], [], color=_FLOW_COLOR["troops"], lw=2.5, label="troops (from Pyongyang)"),
        Line2D([], [], color=_FLOW_COLOR["munitions"], lw=2.5,
               label="munitions (from the port of Rason)"),
        Patch(facecolor="none", edgecolor="#7f0000", hatch="/////",
              label="Crimea: Ukrainian, occupied by Russia since 2014"),
        Patch(facecolor=_REGION_FILL, edgecolor=_REGION_EDGE, label="Kursk Oblast"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=7.5, framealpha=0.92)
    _credit(ax, "Arrows show what was reported, not routes; an arrow ends in the oblast most of "
                "its claims name (at Moscow when they name only Russia)."
            + (f"\n{note}" if note else ""))
    return fig


def _flow_destination(rows: pd.DataFrame) -> tuple[float, float, str]:
    """Where a flow's arrow ends: the oblast most of its claims are located in.

    Places count for the oblast they lie in; ties go to the larger total figure. When
    every claim names only the country, the arrow ends at the country's point (Moscow).
    """
    regional = rows[rows["location_region"].notna()]
    if len(regional):
        totals = regional.groupby("location_region").agg(
            claims=("claim_id", "size"), figure=("magnitude", "sum"))
        best = totals.sort_values(["claims", "figure"], ascending=False, kind="stable").index[0]
        place = geocoding.resolve_location(best)
        if place is not None:
            return float(place.point.x), float(place.point.y), place.name
    first = rows.iloc[0]
    return float(first["lon"]), float(first["lat"]), str(first["location_name"])


def _draw_flows(ax: Axes, flows: gpd.GeoDataFrame, crs: str) -> int:
    to_map = Transformer.from_crs(geo.WGS84, crs, always_xy=True)
    origins = {"troops": "Pyongyang", "munitions": "Rason"}
    bend = {"troops": 0.28, "munitions": -0.30}
    gazetteer = geo.load_gazetteer().set_index("name")
    count = 0
    for kind in ("troops", "munitions"):
        rows = flows[flows["flow"] == kind]
        if not len(rows):
            continue
        count += 1
        origin = gazetteer.loc[origins[kind]]
        start = to_map.transform(float(origin["lon"]), float(origin["lat"]))
        lon, lat, destination = _flow_destination(rows)
        end = to_map.transform(lon, lat)
        color = _FLOW_COLOR[kind]
        arrow = FancyArrowPatch(start, end, connectionstyle=f"arc3,rad={bend[kind]}",
                                arrowstyle="-|>,head_length=9,head_width=5", lw=2.6,
                                color=color, alpha=0.9, zorder=10, shrinkA=4, shrinkB=4)
        arrow.set_gid(f"flow-{kind}")
        ax.add_patch(arrow)
        # Apex of matplotlib's arc3 curve: chord midpoint + rad/2 * (dy, -dx).
        (sx, sy), (ex, ey) = start, end
        half_bend = bend[kind] / 2
        apex = ((sx + ex) / 2 + half_bend * (ey - sy), (sy + ey) / 2 - half_bend * (ex - sx))
        lines = [(f"North Korean {kind} → {destination}", None)] + [
            (f"{_figure(row)} {row['unit']} in {row['location_name']} · "
             f"{format_claimants(row['claimants'])} · {_as_of_phrase(row)}", row["claim_id"])
            for _, row in rows.head(MAX_CALLOUT_LINES).iterrows()
        ]
        if len(rows) > MAX_CALLOUT_LINES:  # largest first; the rest are in the table
            lines.append((f"… and {len(rows) - MAX_CALLOUT_LINES} more claims (see the table)",
                          ""))
        above = bend[kind] > 0  # labels go on the outer side of the curve
        for i, (text, claim_id) in enumerate(lines):
            offset = 8 + 12 * (len(lines) - 1 - i) if above else -8 - 12 * i
            label = ax.annotate(
                text, apex, xytext=(0, offset), textcoords="offset points", ha="center",
                va="bottom" if above else "top", fontsize=9 if claim_id is None else 8,
                fontweight="bold" if claim_id is None else "normal",
                color=color if claim_id is None else "#222222", zorder=12, path_effects=_HALO)
            if claim_id:
                label.set_gid(f"claim-{claim_id}")
    return count


# -------------------------------------------------------------------------- tables


def claims_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A readable table of claims for notebooks: the figure as text, dates as ISO strings.

    Keeps ``map_key``, ``location_name`` and ``reason`` when the frame has them.
    """
    table = pd.DataFrame(index=frame.index)
    if "map_key" in frame.columns:
        table["key"] = frame["map_key"]
    table["claim_id"] = frame["claim_id"]
    table["quote"] = frame["quote"]
    table["figure"] = [_figure(row) for _, row in frame.iterrows()]
    table["unit"] = frame["unit"]
    table["actor"] = frame["actor"]
    table["location"] = [_location_text(loc) if not _missing_text(loc) else ""
                         for loc in frame["location"]]
    if "location_name" in frame.columns:
        table["mapped to"] = frame["location_name"]
    table["claimants"] = [format_claimants(c) for c in frame["claimants"]]
    table["as of"] = [format_as_of(s, e) for s, e in zip(frame["as_of_start"],
                                                         frame["as_of_end"], strict=True)]
    table["published"] = [format_as_of(p, p) for p in frame["published"]]
    table["flags"] = [", ".join(f) if isinstance(f, list) else "" for f in frame["flags"]]
    if "overridden" in frame.columns:  # fields an analyst corrected (data/curated)
        table["overridden"] = [", ".join(f) if isinstance(f, list) else ""
                               for f in frame["overridden"]]
    if "reason" in frame.columns:
        table["reason"] = frame["reason"]
    return table.reset_index(drop=True)


def write_claim_ids(frame: pd.DataFrame, path: str | PathLike[str]) -> Path:
    """Write the ``claim_id`` column (one per line, with a header) atomically.

    The notebook records which claims each map shows, so a test (or a reader) can check
    the drawing against the parameters without parsing the image.
    """
    ids = [str(c) for c in frame["claim_id"]] if len(frame) else []
    return atomic_write_text(path, "claim_id\n" + "".join(f"{c}\n" for c in ids))
