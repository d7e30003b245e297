"""Claim symbols and callouts of the regional map.

A claim is a circle (a square for a reference claim from public reporting) whose *area*
is proportional to its figure (value, else its bound), so 50,000 looks five times as big
as 10,000; vague figures are hatched and hollow, claims for a whole oblast dashed. Smaller
symbols are drawn above larger ones, so a 10,000 at the same place as a 50,000 stays
visible. Claims at one place share a callout box beside the map that lists
``[key] figure whose unit · claimed by … · as of`` ("≈ 50,000 Russian soldiers · claimed by
UKR"), at most :data:`MAX_CALLOUT_LINES` of them (the rest are in the notebook's table).
Every symbol carries the SVG id ``claim-<claim_id>``, every callout ``callout-<n>``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgba
from matplotlib.legend import Legend
from matplotlib.lines import Line2D

from analysis.core.labels import format_claim_callout, format_number
from analysis.core.schema import is_missing
from analysis.lexicon import reader
from analysis.lexicon.caches import cached
from analysis.viz.map_frame import HALO

# Symbol area in points² per counted unit; shrunk when the largest claim would exceed
# MAX_SYMBOL_AREA. Areas (not radii) are proportional, so 50,000 looks 5x as big as 10,000.
SYMBOL_AREA_PER_UNIT = 0.05
MAX_SYMBOL_AREA = 3000.0
MIN_SYMBOL_AREA = 14.0
# Claims listed per callout (region map) or per arrow (overview); the rest go to the table.
MAX_CALLOUT_LINES = 8
SYMBOL_COLOR = {"troops": "#b2182b", "soldiers": "#2166ac"}
DEFAULT_SYMBOL_COLOR = "#5e3c99"


@cached
def _adjectives() -> dict[str, str]:
    return {row["alpha3"]: row.get("adjective") or row["name"]
            for row in reader.table(None, "countries")}


def actor_adjective(code: Any) -> str | None:
    """"North Korean" for ``PRK`` (``data/lexicon/countries.csv``); None when unknown."""
    return None if is_missing(code) else _adjectives().get(str(code))


def callout_line(row: Any) -> str:
    """A claim's callout text: ``≈ 50,000 Russian soldiers · claimed by UKR · as of …``."""
    return format_claim_callout(row, actor_adjective(row.get("actor")))


def symbol_marker(row: Any) -> str:
    """A square for a reference claim, a circle for an extracted one."""
    return "s" if row.get("source") == "reference" else "o"


def claim_magnitude(row: Any) -> float:
    """The number a symbol is sized by: the value, else the upper, else the lower bound."""
    for column in ("value", "upper", "lower"):
        number = row.get(column)
        if not is_missing(number):
            return float(number)
    return math.nan


def symbol_scale(magnitudes: Sequence[float]) -> float:
    """Points² per unit for this map: the default unless the largest symbol gets too big."""
    finite = [m for m in magnitudes if m is not None and math.isfinite(m) and m > 0]
    if not finite:
        return SYMBOL_AREA_PER_UNIT
    return min(SYMBOL_AREA_PER_UNIT, MAX_SYMBOL_AREA / max(finite))


def symbol_area(magnitude: float, scale: float) -> float:
    """Marker area in points² for a figure; missing or non-positive figures get the minimum."""
    if magnitude is None or not math.isfinite(magnitude) or magnitude <= 0:
        return MIN_SYMBOL_AREA
    return max(MIN_SYMBOL_AREA, magnitude * scale)


def reference_values(largest: float) -> list[float]:
    """Two or three round numbers for the size legend, the largest not above ``largest``."""
    steps = [m * 10**e for e in range(1, 8) for m in (1, 2, 5)]
    fitting = [s for s in steps if s <= largest * 1.05]
    if not fitting:
        return [steps[0]]
    top = fitting[-1]
    return sorted({float(p) for p in (top, top / 5) if p >= 10})


def stack_positions(wanted: list[float], heights: list[float], top: float = 0.99,
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


def top_of(legend: Any, ax: Axes) -> float:
    """Top edge of ``legend`` in axes fraction (so callouts can stay above it)."""
    renderer = ax.figure.canvas.get_renderer()
    box = legend.get_window_extent(renderer).transformed(ax.transAxes.inverted())
    return float(min(box.y1, 0.9))


def symbol_radius_pt(area_pt2: float, marker: str) -> float:
    """Half the width (points) of a scatter symbol of ``area_pt2`` (matplotlib's ``s``)."""
    return math.sqrt(area_pt2) / 2 if marker == "s" else math.sqrt(area_pt2 / math.pi)


def draw_claim_symbols(ax: Axes, selected: gpd.GeoDataFrame, crs: str, *,
                       bottom: float = 0.01) -> list[tuple[float, float, float]]:
    """Draw each claim's symbol, its key number, and one callout per place beside the map.

    ``selected`` comes from :func:`analysis.viz.region_map.select_region_claims`; callouts
    stack on the right of the axes, above ``bottom`` (axes fraction, above the legend).
    Returns each place's ``(x, y, radius)``: data coordinates and the radius in points of
    its largest symbol, so that town labels can keep clear of it.
    """
    if not len(selected):
        return []
    scale = symbol_scale(list(selected["magnitude"]))
    projected = selected.to_crs(crs)
    groups: dict[tuple[float, float], list[int]] = {}
    for i, point in enumerate(projected.geometry):
        groups.setdefault((round(point.x), round(point.y)), []).append(i)

    by_size = sorted(range(len(projected)), key=lambda i: -np.nan_to_num(
        projected["magnitude"].iloc[i], nan=0.0))
    radius = [0.0] * len(projected)
    for rank, i in enumerate(by_size):  # big first and below: small ones stay visible
        row = projected.iloc[i]
        radius[i] = symbol_radius_pt(symbol_area(row["magnitude"], scale), symbol_marker(row))
        color = symbol_color(row["unit"])
        vague = bool(row["vague"])
        whole_oblast = row["location_kind"] == "admin1"
        artist = ax.scatter(
            [row.geometry.x], [row.geometry.y], s=symbol_area(row["magnitude"], scale),
            # A light fill and a solid outline: symbols at one place nest, every outline
            # stays visible (a half-opaque fill would stack into one dark blob).
            facecolor="none" if vague else to_rgba(color, 0.18), edgecolor=color,
            hatch="////" if vague else None,
            linewidth=1.4, zorder=12 + rank / 1000, linestyle="--" if whole_oblast else "-",
            marker=symbol_marker(row),
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
        lines = [header] + [f"[{r['map_key']}] {callout_line(r)}"
                            for _, r in rows.head(MAX_CALLOUT_LINES).iterrows()]
        if len(rows) > MAX_CALLOUT_LINES:
            lines.append(f"[{keys[MAX_CALLOUT_LINES]}–{keys[-1]}] "
                         f"{len(rows) - MAX_CALLOUT_LINES} more: see the table")
        _, y_fraction = ax.transLimits.transform((x, y))
        entries.append((x, y, "\n".join(lines), len(lines), y_fraction))
        # The key numbers at the upper left of the largest symbol, outside it, stacked
        # upwards (a range when there are many).
        tags = [str(k) for k in keys] if len(keys) <= 4 else [f"{keys[0]}–{keys[-1]}"]
        corner = 0.71 * max(radius[m] for m in members) + 1
        for level, tag in enumerate(tags):
            ax.annotate(tag, (x, y), xytext=(-corner, corner + 10 * level),
                        textcoords="offset points", fontsize=7.5, ha="right", va="bottom",
                        fontweight="bold", zorder=14, path_effects=HALO)
    heights = [n * line_height + 0.02 for *_, n, _ in entries]
    centres = stack_positions([e[4] for e in entries], heights, bottom=bottom)
    for number, ((x, y, text, _, _), centre) in enumerate(zip(entries, centres, strict=True)):
        callout = ax.annotate(
            text, (x, y), xycoords="data", xytext=(1.03, centre), textcoords="axes fraction",
            ha="left", va="center", fontsize=8.2, zorder=15, annotation_clip=False,
            bbox=dict(boxstyle="round,pad=0.4", fc="white", ec="#999999", lw=0.7),
            arrowprops=dict(arrowstyle="-", color="#666666", lw=0.7,
                            shrinkA=0, shrinkB=3, connectionstyle="arc3,rad=0"),
        )
        callout.set_gid(f"callout-{number + 1}")
    return [(x, y, max(radius[m] for m in members)) for (x, y), members in groups.items()]


def symbol_color(unit: Any) -> str:
    """The symbol colour of a unit (troops red, soldiers blue, anything else purple)."""
    return SYMBOL_COLOR.get(unit, DEFAULT_SYMBOL_COLOR)


def size_legend(ax: Axes, magnitudes: Sequence[float], anchor: tuple[float, float]) -> Legend:
    """Legend of two or three round reference sizes, at ``anchor`` (axes fraction)."""
    scale = symbol_scale(list(magnitudes))
    finite = [m for m in magnitudes if math.isfinite(m)]
    sizes, widest = [], 0.0
    for reference in reference_values(max(finite) if finite else 1000.0):
        size = math.sqrt(symbol_area(reference, scale))
        widest = max(widest, size)
        sizes.append(Line2D([], [], marker="o", ls="", markersize=size,
                            markerfacecolor="none", markeredgecolor="#555555",
                            label=format_number(reference)))
    return ax.legend(handles=sizes, loc="lower left", bbox_to_anchor=anchor, fontsize=7.5,
                     frameon=False, labelspacing=2.2, borderpad=1.2, handletextpad=0.8,
                     handlelength=widest / 7.5 + 0.5,
                     title="Symbol area ∝ figure", alignment="left",
                     title_fontproperties={"weight": "bold", "size": 8})
