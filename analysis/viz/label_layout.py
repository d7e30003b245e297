"""Label placement that never lets two labels overlap: candidates, then leader lines.

Written here rather than taken from adjustText: adjustText moves labels by repulsion until
overlaps are *small*, which the figures' tests cannot rely on (they assert none), and it
needs SciPy. This placer is greedy and deterministic (the same figure gives the same
SVG): each label tries positions around its anchor, nearest first, and takes the first
whose box stays inside the axes and clear of every box placed before it and of the
obstacles (markers, other text); far positions get a thin leader line to the anchor. A
label that finds no room anywhere is not drawn and is reported, so the caller can say so.

Work in display pixels after the figure's layout is final: call :func:`freeze_layout`
first (it runs the layout engine once, then turns it off so nothing moves afterwards).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

# Distances (points) from the anchor to the label's near edge, tried in this order.
RINGS_PT: tuple[float, ...] = (4, 10, 18, 30, 46, 66, 90, 120)
# Directions tried on each ring: right, upper right, lower right, left, above, below ...
DIRECTIONS: tuple[float, ...] = (0, 30, -30, 180, 150, -150, 90, -90, 60, -60, 120, -120)
# From this ring on, a leader line joins the label to its anchor.
LEADER_FROM_PT = 18
GAP_PX = 3.5  # kept between two boxes (about 2.5 pt at 100 dpi: labels visibly apart)


@dataclass
class LabelRequest:
    """A label to place at ``anchor`` (data coordinates of ``ax``)."""

    text: str
    anchor: tuple[float, float]
    color: str = "#222222"
    fontsize: float = 7.5
    gid: str | None = None
    weight: str = "normal"
    extra: dict = field(default_factory=dict)


def freeze_layout(fig: Figure) -> None:
    """Lay the figure out once and keep it: later artists must not move the axes.

    Without rendering: only the layout and the artists' positions are needed here, and
    rasterising the whole figure would cost as much again.
    """
    fig.draw_without_rendering()
    fig.set_layout_engine("none")


def text_size_px(fig: Figure, text: str, fontsize: float, weight: str = "normal"
                 ) -> tuple[float, float]:
    """Width and height in display pixels of ``text`` at ``fontsize``."""
    renderer = fig.canvas.get_renderer()
    probe = fig.text(0, 0, text, fontsize=fontsize, fontweight=weight)
    box = probe.get_window_extent(renderer)
    probe.remove()
    return box.width, box.height


def _box_at(x: float, y: float, width: float, height: float, angle: float,
            distance: float) -> Bbox:
    """The label box whose near edge is ``distance`` px from the anchor towards ``angle``."""
    dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    cx = x + dx * distance + (math.copysign(width / 2, dx) if abs(dx) > 0.01 else 0.0)
    cy = y + dy * distance + (math.copysign(height / 2, dy) if abs(dy) > 0.01 else 0.0)
    return Bbox.from_bounds(cx - width / 2, cy - height / 2, width, height)


def _extents(boxes: Iterable[Bbox]) -> np.ndarray:
    """Boxes as rows ``x0, y0, x1, y1`` with each pair in order, as Bbox.overlaps sees them."""
    points = np.array([box.get_points() for box in boxes], dtype=float).reshape(-1, 2, 2)
    return np.hstack([points.min(axis=1), points.max(axis=1)])


def _clear(box: Bbox, others: np.ndarray) -> bool:
    """True when ``box``, padded by :data:`GAP_PX`, overlaps none of ``others`` (rows of
    :func:`_extents`): ``Bbox.overlaps`` (edges touching count) for all of them at once."""
    (x0, y0), (x1, y1) = np.sort(box.padded(GAP_PX).get_points(), axis=0)
    return not np.any((x0 <= others[:, 2]) & (others[:, 0] <= x1)
                      & (y0 <= others[:, 3]) & (others[:, 1] <= y1))


def _inside(box: Bbox, frame: Bbox) -> bool:
    return (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
            and box.y1 <= frame.y1)


def place_labels(ax: Axes, requests: Iterable[LabelRequest], *,
                 obstacles: Iterable[Bbox] = (), taken: list[Bbox] | None = None
                 ) -> tuple[list[Annotation], list[LabelRequest]]:
    """Draw each request's label where it fits; return (drawn labels, labels with no room).

    ``obstacles`` are display-pixel boxes labels must avoid (markers); ``taken`` (a list
    the caller may share between calls on one figure) collects every placed label's box.
    """
    fig = ax.figure
    dpi_scale = fig.dpi / 72.0
    frame = ax.get_window_extent().padded(-2)
    taken = [] if taken is None else taken
    taken_extents = _extents(taken)
    blocked = _extents(obstacles)
    drawn: list[Annotation] = []
    unplaced: list[LabelRequest] = []
    for request in requests:
        width, height = text_size_px(fig, request.text, request.fontsize, request.weight)
        x, y = ax.transData.transform(request.anchor)
        chosen = None
        for ring in RINGS_PT:
            for angle in DIRECTIONS:
                box = _box_at(x, y, width, height, angle, ring * dpi_scale)
                if (_inside(box, frame) and _clear(box, taken_extents)
                        and _clear(box, blocked)):
                    chosen = (box, ring)
                    break
            if chosen:
                break
        if chosen is None:
            unplaced.append(request)
            continue
        box, ring = chosen
        centre = ((box.x0 + box.x1) / 2 - x, (box.y0 + box.y1) / 2 - y)
        leader = ring >= LEADER_FROM_PT
        label = ax.annotate(
            request.text, xy=request.anchor, xytext=(centre[0] / dpi_scale, centre[1] / dpi_scale),
            textcoords="offset points", ha="center", va="center", fontsize=request.fontsize,
            fontweight=request.weight, color=request.color, zorder=6, annotation_clip=False,
            arrowprops=({"arrowstyle": "-", "color": request.color, "lw": 0.5, "alpha": 0.7,
                         "shrinkA": 0, "shrinkB": 2} if leader else None),
            **request.extra,
        )
        label.set_in_layout(False)
        if request.gid:
            label.set_gid(request.gid)
        taken.append(box)
        taken_extents = np.vstack([taken_extents, _extents([box])])
        drawn.append(label)
    return drawn, unplaced


def marker_box(ax: Axes, point: tuple[float, float], size_pt: float) -> Bbox:
    """Display-pixel box of a marker of ``size_pt`` points centred on ``point`` (data)."""
    x, y = ax.transData.transform(point)
    half = size_pt * ax.figure.dpi / 72.0 / 2
    return Bbox.from_extents(x - half, y - half, x + half, y + half)


def overlapping_pairs(boxes: Sequence[Bbox]) -> list[tuple[int, int]]:
    """Index pairs of boxes that overlap (for tests and checks)."""
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if boxes[i].overlaps(boxes[j])]
