"""The overview map: North Korea, Russia and Ukraine with the flows the claims describe.

It takes the claims table and an optional ``as_of`` date, like the regional map.
Selection lives in :func:`select_flows` (and :func:`unplotted_prk_claims` for what is not
drawn, with the reason), which the notebook also uses for its table. Every claim label on
an arrow carries the SVG id ``claim-<claim_id>``.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from pyproj import Transformer

from analysis.core.labels import format_figure, format_list
from analysis.facts.known import known_by
from analysis.geo import geocoding
from analysis.geo import layers as geo
from analysis.viz.claim_checks import screen_claims
from analysis.viz.map_frame import (
    EURASIA_CRS,
    HALO,
    REGION_EDGE,
    REGION_FILL,
    credit,
    describe_as_of,
    finish_axes,
    fit_extent,
    layers_without_redraws,
    new_axes,
)
from analysis.viz.map_symbols import MAX_CALLOUT_LINES, callout_line, claim_magnitude

TROOP_UNITS = ("troops", "soldiers")
MUNITION_UNITS = ("containers", "shells", "missiles")
FLOW_COLOR = {"troops": "#b2182b", "munitions": "#e08214"}


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
    drawable, _ = screen_claims(known_by(claims, as_of))
    mapped, _ = geocoding.geocode_claims(drawable)
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
    skipped = screen_claims(rest)[1]
    problems = dict(zip(skipped["claim_id"], skipped["reason"], strict=True))
    rest["reason"] = [
        problems[claim_id] if claim_id in problems
        else "location not in Russia" if geocoding.resolve_location(loc) is not None
        else "location unknown"
        for claim_id, loc in zip(rest["claim_id"], rest["location"], strict=True)
    ]
    return rest.reset_index(drop=True)



def plot_overview_map(claims: pd.DataFrame, *, ax: Axes | None = None, as_of: Any = None) -> Figure:
    """North Korea, Russia and Ukraine with the flows the claims describe.

    One arrow per kind of flow: troops from Pyongyang, munitions from the port of Rason,
    each to the most specific Russian location the claims name (Kursk Oblast for the
    seed), labelled with every claim's figure, unit, claimants, as-of date and location.
    Crimea is hatched as Ukrainian territory occupied by Russia.
    """
    flows = select_flows(claims, as_of=as_of)
    crs = EURASIA_CRS
    ax = new_axes(ax, (13.0, 8.0), (0.02, 0.07, 0.96, 0.84))
    fig = ax.figure
    countries = geo.load_countries().to_crs(crs)
    crimea = geo.load_crimea().to_crs(crs)
    admin1 = geo.load_admin1().to_crs(crs)
    places = geo.load_gazetteer().to_crs(crs)

    to_map = Transformer.from_crs(geo.WGS84, crs, always_xy=True)
    frame_lon, frame_lat = np.meshgrid(np.linspace(26, 136, 60), np.linspace(37, 63, 30))
    xs, ys = to_map.transform(frame_lon.ravel(), frame_lat.ravel())
    fit_extent(ax, min(xs), min(ys), max(xs), max(ys))
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    ax.set_facecolor("#dde8ef")

    focus_fill = {"RUS": "#f3e2cf", "UKR": "#d6e6f4", "PRK": "#f2c4c4"}
    fills = [focus_fill.get(code, "#ececec") for code in countries["adm0_a3"]]
    kursk = admin1[admin1["iso_3166_2"] == "RU-KRS"]
    with layers_without_redraws(ax):
        countries.plot(ax=ax, color=fills, edgecolor="white", linewidth=0.6, zorder=1)
        crimea.plot(ax=ax, facecolor="none", edgecolor="#7f0000", hatch="/////",
                    linewidth=0.4, zorder=2)
        kursk.plot(ax=ax, color=REGION_FILL, edgecolor=REGION_EDGE, linewidth=0.8, zorder=3)
    finish_axes(ax, x0, x1, y0, y1)

    shown_places = ["Pyongyang", "Rason", "Moscow", "Kyiv", "Seoul", "Vladivostok", "Kursk"]
    for row in places[places["name"].isin(shown_places)].itertuples(index=False):
        ax.plot(row.geometry.x, row.geometry.y, marker="o", markersize=3.5, color="#222222",
                markeredgecolor="white", markeredgewidth=0.5, zorder=8)
        left = row.name in ("Kursk", "Kyiv", "Pyongyang")
        ax.annotate(row.name, (row.geometry.x, row.geometry.y),
                    xytext=(-4, 2) if left else (4, 2), textcoords="offset points",
                    ha="right" if left else "left", fontsize=7.5, zorder=9, path_effects=HALO)

    drawn_flows = _draw_flows(ax, flows, crs)
    missing = unplotted_prk_claims(claims, as_of=as_of)
    note = ""
    if len(missing):
        keys = "; ".join(
            f"{format_figure(r)} {r['unit']} ({format_list(r['location']) or 'no location'}: "
            f"{r['reason']})"
            for _, r in missing.iterrows())
        note = f"Not drawn as flows into Russia: {keys}."
    ax.set_title(
        "North Korean troops and munitions sent to Russia, as reported\n"
        f"{describe_as_of(claims, as_of)} · "
        f"{len(flows)} claim(s) drawn as {drawn_flows} flow(s)",
        loc="left", fontsize=12, fontweight="bold", pad=8,
    )
    handles = [
        Line2D([], [], color=FLOW_COLOR["troops"], lw=2.5, label="troops (from Pyongyang)"),
        Line2D([], [], color=FLOW_COLOR["munitions"], lw=2.5,
               label="munitions (from the port of Rason)"),
        Patch(facecolor="none", edgecolor="#7f0000", hatch="/////",
              label="Crimea: Ukrainian, occupied by Russia since 2014"),
        Patch(facecolor=REGION_FILL, edgecolor=REGION_EDGE, label="Kursk Oblast"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=7.5, framealpha=0.92)
    _label_countries(ax, to_map)
    credit(ax, "Arrows show what was reported, not routes; an arrow ends in the oblast most of "
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


COUNTRY_NAMES = {"RUS": "RUSSIA", "UKR": "UKRAINE", "PRK": "NORTH\nKOREA", "CHN": "CHINA",
                 "KAZ": "KAZAKHSTAN", "MNG": "MONGOLIA", "KOR": "SOUTH\nKOREA",
                 "BLR": "BELARUS"}
# Where a country's name may stand (lon, lat), in order of preference: the first place where
# it covers no callout, town label or arrow is taken; a name with no free place is left out
# (the country is still drawn and named by its towns).
COUNTRY_ANCHORS: dict[str, tuple[tuple[float, float], ...]] = {
    "RUS": ((121, 61.5), (132, 63.5), (100, 67), (62, 62), (48, 59)),
    "UKR": ((31, 49), (33, 47.5)),
    "PRK": ((127.2, 40.6), (126.5, 40.2)),
    "CHN": ((103, 36.5), (112, 33), (95, 33)),
    "KAZ": ((67, 48), (72, 46.5), (62, 46)),
    "MNG": ((106, 46.2), (100, 48.5), (111, 44.5)),
    "KOR": ((128.2, 36.7), (129.3, 35.8)),
    "BLR": ((28, 53.5), (27.5, 52.8)),
}


def _obstacles(ax: Axes, renderer: Any) -> tuple[list[Any], list[np.ndarray]]:
    """Window extents of the texts already on the map, and points along its arrows."""
    boxes = [text.get_window_extent(renderer) for text in ax.texts if text.get_visible()]
    legend = ax.get_legend()
    if legend is not None:
        boxes.append(legend.get_window_extent(renderer))
    points = []
    for patch in ax.patches:
        if isinstance(patch, FancyArrowPatch):
            path = patch.get_path().interpolated(80)  # data coordinates
            points.append(ax.transData.transform(path.vertices))
    return boxes, points


def _covers(box: Any, points: np.ndarray) -> bool:
    x, y = points[:, 0], points[:, 1]
    return bool(((x >= box.x0) & (x <= box.x1) & (y >= box.y0) & (y <= box.y1)).any())


def _label_countries(ax: Axes, to_map: Transformer) -> None:
    """Country names where they overlap no callout, town label or arrow (see above)."""
    renderer = ax.figure.canvas.get_renderer()
    boxes, arrows = _obstacles(ax, renderer)
    for code, anchors in COUNTRY_ANCHORS.items():
        label = ax.text(0, 0, COUNTRY_NAMES[code],
                        fontsize=10 if code in ("RUS", "CHN", "KAZ") else 7.5,
                        color="#7a7a7a", ha="center", va="center", fontweight="bold",
                        zorder=4, path_effects=HALO)
        for lon, lat in anchors:
            label.set_position(to_map.transform(lon, lat))
            box = label.get_window_extent(renderer).expanded(1.05, 1.15)
            frame = ax.get_window_extent(renderer)
            inside_axes = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            free = inside_axes and not any(box.overlaps(other) for other in boxes) and not any(
                _covers(box, points) for points in arrows)
            if free:
                boxes.append(box)
                break
        else:
            label.remove()


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
        color = FLOW_COLOR[kind]
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
            (f"{callout_line(row)} · in {row['location_name']}", row["claim_id"])
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
                color=color if claim_id is None else "#222222", zorder=12, path_effects=HALO)
            if claim_id:
                label.set_gid(f"claim-{claim_id}")
    return count
