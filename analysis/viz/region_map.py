"""The regional map: claims located in one oblast (such as Kursk) among its neighbours.

It takes the claims table (columns of :data:`analysis.core.schema.CLAIM_COLUMNS`, typed as
:func:`analysis.facts.store.load_claims` returns it) and an optional ``as_of`` date: claims
published after it are left out. Selection lives in :func:`select_region_claims`, which the
notebook also uses for its table, so the table and the drawing always show the same
claims. Symbols and callouts: :mod:`analysis.viz.map_symbols`.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.core.errors import ParameterError
from analysis.facts.known import known_by
from analysis.geo import geocoding
from analysis.geo import layers as geo
from analysis.viz.claim_checks import screen_claims, skipped_note
from analysis.viz.map_frame import (
    COUNTRY_FILL,
    HALO,
    REGION_EDGE,
    REGION_FILL,
    credit,
    describe_as_of,
    finish_axes,
    fit_extent,
    international_borders,
    laea_crs,
    layers_without_redraws,
    new_axes,
    scale_bar,
)
from analysis.viz.map_symbols import (
    claim_magnitude,
    draw_claim_symbols,
    size_legend,
    symbol_color,
    top_of,
)


def check_region(region: str) -> None:
    """Fail unless ``region`` is an ISO 3166-2 oblast code of the admin-1 layer."""
    valid = geo.valid_region_codes()
    if region not in valid:
        raise ParameterError(
            f"region {region!r} is not a mappable oblast; choose one of: {', '.join(valid)}"
        )


def select_region_claims(
    claims: pd.DataFrame, region: str = "RU-KRS", *, as_of: Any = None
) -> gpd.GeoDataFrame:
    """Mapped claims located in ``region`` (the oblast itself or a place inside it).

    Country-level claims (``RUS``) are not part of any region, and claims that cannot be
    drawn (:func:`analysis.viz.claim_checks.screen_claims`) are left out. Adds ``map_key`` (1..n,
    the number shown next to each symbol), ordered by place from north to south and
    by figure, largest first.
    """
    check_region(region)
    drawable, _ = screen_claims(known_by(claims, as_of))
    mapped, _ = geocoding.geocode_claims(drawable)
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
    _, skipped = screen_claims(known_by(claims, as_of))
    target = geocoding.resolve_location(region)
    assert target is not None  # check_region passed
    centre = target.geometry.centroid
    crs = laea_crs(centre.x, centre.y)

    ax = new_axes(ax, (12.5, 8.2), (0.02, 0.08, 0.60, 0.82))
    fig = ax.figure
    admin1 = geo.load_admin1().to_crs(crs)
    countries = geo.load_countries().to_crs(crs)
    rivers = geo.load_rivers().to_crs(crs)
    places = geo.load_gazetteer().to_crs(crs)
    region_shape = admin1[admin1["iso_3166_2"] == region]

    minx, miny, maxx, maxy = region_shape.total_bounds
    pad = 0.2 * max(maxx - minx, maxy - miny)
    fit_extent(ax, minx - pad, miny - pad, maxx + pad, maxy + pad)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    ax.set_facecolor("#dde8ef")

    # Under the oblasts, so areas outside the admin-1 layer still get their country's tint.
    by_alpha3 = {"RUS": "RU", "UKR": "UA", "BLR": "BY"}
    with layers_without_redraws(ax):
        countries.plot(ax=ax, color=[COUNTRY_FILL.get(by_alpha3.get(c, ""), "#eeeeee")
                                     for c in countries["adm0_a3"]],
                       edgecolor="white", linewidth=0.5, zorder=1)
        fills = [COUNTRY_FILL.get(code, "#eeeeee") for code in admin1["country_iso"]]
        admin1.plot(ax=ax, color=fills, edgecolor="white", linewidth=0.9, zorder=2)
        region_shape.plot(ax=ax, color=REGION_FILL, edgecolor=REGION_EDGE, linewidth=1.6,
                          alpha=0.85, zorder=3)
        widths = np.clip(1.6 - 0.1 * rivers["scalerank"].astype(float), 0.4, 1.4)
        rivers.plot(ax=ax, color="#4a90c2", linewidth=widths, zorder=4)
        ru_ua, other_borders = international_borders(crs)
        other_borders.plot(ax=ax, color="#444444", linewidth=1.1, linestyle=(0, (4, 2)),
                           zorder=5)
        ru_ua.plot(ax=ax, color="#7f0000", linewidth=2.6, zorder=5)
    finish_axes(ax, x0, x1, y0, y1)
    view = shapely.box(x0, y0, x1, y1)

    taken = _label_oblasts(ax, admin1, region, view)
    _label_rivers(ax, rivers, view, taken)
    claim_places = set(selected["location_name"]) if len(selected) else set()
    legend = _region_legend(ax, selected)
    symbols = draw_claim_symbols(ax, selected, crs, bottom=top_of(legend, ax) + 0.02)
    town_labels = _draw_places(ax, places, view, claim_places, symbols)
    _clear_leader_lines(ax, town_labels)
    scale_bar(ax, 50 if (x1 - x0) < 700_000 else 100)

    units = sorted(set(selected["unit"])) if len(selected) else []
    region_title = f"{target.name} ({region})"
    ax.set_title(
        f"Reported numbers in {region_title}\n"
        f"{describe_as_of(claims, as_of)} · "
        f"{len(selected)} claim(s) located in the oblast"
        + (f" · units: {', '.join(units)}" if units else ""),
        loc="left", fontsize=12, fontweight="bold", pad=8,
    )
    note = skipped_note(skipped)
    credit(ax, "Country-level claims (e.g. 'in Russia') are not drawn here; see the "
                "overview map. Borders at 1:10m: not for village-scale distances."
           + (f"\n{textwrap.fill(note, 150)}" if note else ""))
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
                path_effects=HALO, clip_on=True)
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
                ha="center", va="bottom", zorder=6, path_effects=HALO, clip_on=True)


def _label_offset(ax: Axes, point: Any, symbols: list[tuple[float, float, float]],
                  default: tuple[float, float]) -> tuple[tuple[float, float], str, str]:
    """Offset (points), ha, va of a town label: ``default`` unless a claim symbol covers
    the town; then below right of that symbol, outside it (the key numbers sit above
    left, the callout line leaves to the right)."""
    to_pt = 72.0 / ax.figure.dpi
    tx, ty = ax.transData.transform((point.x, point.y))
    for x, y, radius in symbols:
        sx, sy = ax.transData.transform((x, y))
        if math.hypot(sx - tx, sy - ty) * to_pt < radius + 6:
            corner = 0.71 * radius + 2
            return ((sx - tx) * to_pt + corner, (sy - ty) * to_pt - corner), "left", "top"
    return default, "right" if default[0] < 0 else "left", "baseline"


def _draw_places(ax: Axes, places: gpd.GeoDataFrame, view: Any, claim_places: set[str],
                 symbols: list[tuple[float, float, float]]) -> list[Any]:
    """Draw the towns; returns their labels (annotations)."""
    labels = []
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
        offset, ha, va = _label_offset(ax, row.geometry, symbols,
                                       (-4, 2) if near_right_edge else (4, 2))
        labels.append(ax.annotate(
            row.name, (row.geometry.x, row.geometry.y), xytext=offset, ha=ha, va=va,
            textcoords="offset points", fontsize=8.5 if capital else 7.5,
            fontweight="bold" if capital else "normal", color="#222222",
            zorder=13, path_effects=HALO, clip_on=True))
    return labels


def leader_lines(ax: Axes) -> list[np.ndarray]:
    """Points (display coordinates) along each callout's leader line, from the claim's
    symbol to the left edge of its box (the callouts carry the gid ``callout-N``)."""
    lines = []
    for text in ax.texts:
        gid = text.get_gid() or ""
        if not gid.startswith("callout-"):
            continue
        start = ax.transData.transform(text.xy)
        # The box's anchor, left middle (callouts are placed in axes fraction; their
        # drawn extent is only known after a draw).
        end = ax.transAxes.transform(text.xyann)
        lines.append(start + np.linspace(0, 1, 120)[:, None] * (end - start))
    return lines


def crosses(box: Any, points: np.ndarray) -> bool:
    """Whether any of ``points`` lies inside the display-space ``box``."""
    x, y = points[:, 0], points[:, 1]
    return bool(((x >= box.x0) & (x <= box.x1) & (y >= box.y0) & (y <= box.y1)).any())


# Where a town label may go instead (offset in points, ha, va) when a leader line crosses it.
_OTHER_PLACES = (((4, 2), "left", "baseline"), ((-4, 2), "right", "baseline"),
                 ((4, -9), "left", "baseline"), ((-4, -9), "right", "baseline"),
                 ((0, 5), "center", "bottom"), ((0, -5), "center", "top"),
                 ((0, 12), "center", "bottom"), ((0, -12), "center", "top"),
                 ((-6, -16), "right", "baseline"), ((6, -16), "left", "baseline"))


def _clear_leader_lines(ax: Axes, labels: list[Any]) -> None:
    """Move a town label that a callout's leader line crosses to the first free place
    around its town (see ``_OTHER_PLACES``); with none free the label is left out (the
    town's marker stays): a line through a name makes both unreadable."""
    renderer = ax.figure.canvas.get_renderer()
    lines = leader_lines(ax)
    if not lines:
        return
    frame = ax.get_window_extent(renderer)

    def free(label: Any) -> bool:
        box = label.get_window_extent(renderer)
        inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
        return inside and not any(crosses(box, line) for line in lines)

    for label in labels:
        if not any(crosses(label.get_window_extent(renderer), line) for line in lines):
            continue
        for offset, ha, va in _OTHER_PLACES:
            label.xyann = offset
            label.set_ha(ha)
            label.set_va(va)
            if free(label):
                break
        else:
            label.set_visible(False)


def _region_legend(ax: Axes, selected: gpd.GeoDataFrame) -> Legend:
    handles: list[Any] = [
        Patch(facecolor=REGION_FILL, edgecolor=REGION_EDGE, label="selected oblast"),
        Patch(facecolor=COUNTRY_FILL["RU"], edgecolor="#bbbbbb", label="Russia (oblasts)"),
        Patch(facecolor=COUNTRY_FILL["UA"], edgecolor="#bbbbbb", label="Ukraine (oblasts)"),
        Line2D([], [], color="#7f0000", lw=2.6, label="Russia–Ukraine border"),
        Line2D([], [], color="#444444", lw=1.1, ls=(0, (4, 2)), label="other state border"),
        Line2D([], [], color="#4a90c2", lw=1.0, label="river"),
        Line2D([], [], marker="s", color="#222222", ls="", markersize=5, label="oblast capital"),
        Line2D([], [], marker="o", color="#222222", ls="", markersize=3.2, label="town"),
    ]
    if len(selected):
        for unit in sorted(set(selected["unit"])):
            color = symbol_color(unit)
            handles.append(Line2D([], [], marker="o", ls="", markersize=8, alpha=0.55,
                                  markerfacecolor=color, markeredgecolor=color, label=unit))
        if "source" in selected and (selected["source"] == "reference").any():
            handles.append(Line2D([], [], marker="s", ls="", markersize=8,
                                  markerfacecolor="none", markeredgecolor="#555555",
                                  label="square: reference claim\n(public reporting)"))
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
        size_legend(ax, list(selected["magnitude"]), (1.31, -0.01))
    return legend
