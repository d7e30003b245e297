"""The label placer: no two labels ever overlap, all stay inside the axes, far ones get a
leader line, and a label with no room is reported instead of drawn on top of another."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from analysis.viz.label_layout import (  # noqa: E402
    LabelRequest,
    freeze_layout,
    marker_box,
    overlapping_pairs,
    place_labels,
)


def _axes():
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    freeze_layout(fig)
    return fig, ax


def test_labels_around_one_crowded_spot_never_overlap_and_stay_inside():
    fig, ax = _axes()
    requests = [LabelRequest(f"≈ {1000 * i:,} troops", (50 + i % 3, 50 + i % 2), gid=f"l{i}")
                for i in range(18)]
    obstacles = [marker_box(ax, r.anchor, 8) for r in requests]
    drawn, missed = place_labels(ax, requests, obstacles=obstacles)
    assert len(drawn) + len(missed) == 18 and len(drawn) >= 12
    fig.canvas.draw()  # an annotation's text is positioned when drawn
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in drawn]
    assert not overlapping_pairs(boxes)
    frame = ax.get_window_extent()
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1
               for b in boxes)
    assert not any(b.overlaps(o) for b in boxes for o in obstacles)
    assert any(t.arrow_patch is not None for t in drawn)  # the far ones have leader lines
    assert {t.get_gid() for t in drawn} <= {f"l{i}" for i in range(18)}


def test_a_label_at_the_edge_is_pulled_inside_and_one_without_room_is_reported():
    fig, ax = _axes()
    drawn, missed = place_labels(ax, [LabelRequest("right edge label", (99.5, 99.5))])
    fig.canvas.draw()
    box = Text.get_window_extent(drawn[0], fig.canvas.get_renderer())
    assert ax.get_window_extent().contains(box.x1 - 0.5, box.y1 - 0.5) and not missed
    everything = [ax.get_window_extent()]
    drawn, missed = place_labels(ax, [LabelRequest("no room", (50, 50))], obstacles=everything)
    assert not drawn and [r.text for r in missed] == ["no room"]


def test_placement_is_deterministic():
    positions = []
    for _ in range(2):
        fig, ax = _axes()
        drawn, _ = place_labels(ax, [LabelRequest(str(i), (50, 50)) for i in range(6)])
        positions.append([t.xyann for t in drawn])
        plt.close(fig)
    assert positions[0] == positions[1]
