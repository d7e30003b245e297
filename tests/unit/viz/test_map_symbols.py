"""Symbol sizes and callout stacking of the regional map."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.viz import map_symbols  # noqa: E402


def test_symbol_areas_are_proportional_to_the_figures():
    scale = map_symbols.symbol_scale([50000.0, 10000.0])
    assert map_symbols.symbol_area(50000.0, scale) / map_symbols.symbol_area(10000.0, scale) == 5.0
    huge = map_symbols.symbol_scale([5_000_000.0, 1000.0])
    assert map_symbols.symbol_area(5_000_000.0, huge) == pytest.approx(map_symbols.MAX_SYMBOL_AREA)
    assert map_symbols.symbol_area(math.nan, huge) == map_symbols.MIN_SYMBOL_AREA
    assert map_symbols.symbol_scale([]) == map_symbols.SYMBOL_AREA_PER_UNIT


def test_claim_magnitude_prefers_value_then_upper_then_lower():
    assert map_symbols.claim_magnitude({"value": 5.0, "upper": 9.0, "lower": 1.0}) == 5.0
    assert map_symbols.claim_magnitude({"value": math.nan, "upper": 9.0, "lower": 1.0}) == 9.0
    assert map_symbols.claim_magnitude({"value": math.nan, "upper": math.nan, "lower": 2.0}) == 2.0
    assert math.isnan(map_symbols.claim_magnitude({"value": None, "upper": None, "lower": None}))


@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.floats(0.02, 0.12)), min_size=1,
                max_size=7))
def test_callout_boxes_never_overlap_and_stay_in_the_band(boxes):
    wanted = [w for w, _ in boxes]
    heights = [h for _, h in boxes]
    centres = map_symbols.stack_positions(wanted, heights, top=0.99, bottom=0.3)
    spans = sorted((c - h / 2, c + h / 2) for c, h in zip(centres, heights, strict=True))
    for (_, upper_end), (lower_start, _) in zip(spans, spans[1:], strict=False):
        assert lower_start >= upper_end - 1e-9
    if sum(heights) + 0.015 * len(heights) <= 0.69:  # they fit: all inside the band
        assert spans[0][0] >= 0.3 - 1e-9 and spans[-1][1] <= 0.99 + 1e-9


def test_rendered_callouts_never_overlap_and_name_the_actor():
    import matplotlib.text

    from analysis.viz import region_map
    from tests.support.geo_claims import _claim, typed_claims

    places = ["Sudzha", "Kursk", "Rylsk", "Lgov", "Kurchatov", "Zheleznogorsk", "Korenevo",
              "Glushkovo", "Tetkino", "RU-KRS"]
    rows = [_claim(100 * i + j, f"{1000 * (j + 1)} Soldaten", value=1000.0 * (j + 1),
                   unit="soldiers", actor=("PRK", "RUS")[j % 2], location=place,
                   claimants=[["UKR"], ["USA"], ["KOR"]][j % 3])
            for i, place in enumerate(places) for j in range(3)]
    fig = region_map.plot_region_map(typed_claims(rows), "RU-KRS")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    callouts = [a for a in fig.findobj(matplotlib.text.Annotation)
                if (a.get_gid() or "").startswith("callout-")]
    assert len(callouts) == len(places)
    boxes = [a.get_bbox_patch().get_window_extent(renderer) for a in callouts]
    assert not [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
                if boxes[i].overlaps(boxes[j])]
    text = " ".join(a.get_text() for a in callouts)
    assert "North Korean soldiers · claimed by UKR" in text
    assert "Russian soldiers · claimed by USA" in text
