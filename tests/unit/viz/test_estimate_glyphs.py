"""The estimates chart's encoding: pure functions, no drawing."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.viz.estimate_glyphs import (  # noqa: E402
    FIXED_COLOURS,
    GLYPH_COLUMNS,
    OTHER_CLAIMANTS,
    OTHER_COLOUR,
    UNATTRIBUTED,
    VAGUE_BAND_FACTOR,
    aggregate_glyphs,
    chart_events,
    claimant_key,
    colour_keys,
    dodge_offsets,
    estimate_glyphs,
    facet_keys,
    split_events,
    x_window,
)
from tests.support.chart_claims import (  # noqa: E402
    PUBLISHED,
    claim,
    claims,
    seed_events,
    seed_like,
)


def glyph_of(**fields) -> dict:
    glyphs = estimate_glyphs(claims(claim(**fields)))
    assert len(glyphs) == 1
    return glyphs.iloc[0].to_dict()


def test_glyph_columns_and_one_row_per_claim_with_a_figure():
    glyphs = estimate_glyphs(seed_like())
    assert tuple(glyphs.columns) == GLYPH_COLUMNS
    assert list(glyphs["claim_id"]) == ["s:1", "s:2", "s:3", "s:4"]
    assert estimate_glyphs(claims(claim())).empty  # no figure at all


def test_day_is_a_point_week_is_a_bar():
    day = glyph_of(value=5.0, as_of_start="2024-11-11", as_of_end="2024-11-11")
    assert day["is_point"] and not day["hollow"]
    week = glyph_of(value=5.0, as_of_start="2024-11-04", as_of_end="2024-11-10")
    assert not week["is_point"]
    assert (week["x_start"], week["x_end"]) == (pd.Timestamp("2024-11-04"),
                                                 pd.Timestamp("2024-11-10"))


def test_no_time_expression_goes_hollow_at_publication():
    glyph = glyph_of(value=5.0)
    assert glyph["hollow"] and glyph["is_point"]
    assert glyph["x_start"] == PUBLISHED


def test_a_count_timed_by_its_statement_sits_at_the_statement_date():
    said = glyph_of(value=5.0, as_of_start="2024-11-07", as_of_end="2024-11-07",
                    as_of_source="statement")
    assert said["timing"] == "statement" and not said["hollow"]  # drawn half-filled
    assert said["x_start"] == pd.Timestamp("2024-11-07")
    published = glyph_of(value=5.0, as_of_start="2024-11-12", as_of_end="2024-11-12",
                         as_of_source="publication")
    assert published["hollow"] and published["timing"] == "publication"
    own = glyph_of(value=5.0, as_of_start="2024-10-01", as_of_end="2024-10-31",
                   as_of_source="text")
    assert not own["hollow"] and own["timing"] == "text"


def test_up_to_opens_downwards_from_the_bound():
    glyph = glyph_of(value=12000.0, upper=12000.0, qualifier="up_to",
                     as_of_start="2024-11-12", as_of_end="2024-11-12")
    assert glyph["open_down"] and not glyph["open_up"]
    assert glyph["y"] == glyph["y_high"] == 12000.0
    assert math.isnan(glyph["y_low"])
    assert glyph["label"] == "≤ 12,000"


@pytest.mark.parametrize("qualifier", ["more_than", "at_least"])
def test_lower_bounds_open_upwards(qualifier):
    glyph = glyph_of(value=13000.0, lower=13000.0, qualifier=qualifier)
    assert glyph["open_up"] and not glyph["open_down"]
    assert glyph["y"] == glyph["y_low"] == 13000.0
    assert math.isnan(glyph["y_high"])


def test_range_is_a_vertical_interval():
    glyph = glyph_of(lower=10000.0, upper=12000.0, qualifier="range")
    assert (glyph["y_low"], glyph["y_high"], glyph["y"]) == (10000.0, 12000.0, 11000.0)
    assert not glyph["open_up"] and not glyph["open_down"] and not glyph["vague_band"]


def test_vague_is_a_band_from_its_least_value():
    glyph = glyph_of(lower=2000.0, qualifier="vague", vague=True)
    assert glyph["vague_band"] and not glyph["open_up"]
    assert glyph["y_low"] == glyph["y"] == 2000.0
    assert glyph["y_high"] == 2000.0 * VAGUE_BAND_FACTOR


def test_approximate_and_nearly_are_marked_approx():
    assert glyph_of(value=50000.0, approx=True, qualifier="about")["approx"]
    nearly = glyph_of(value=5000.0, upper=5000.0, qualifier="nearly", approx=True)
    assert nearly["approx"] and not nearly["open_down"]
    assert not glyph_of(value=5.0)["approx"]


def test_bounds_without_qualifier_decide():
    assert glyph_of(lower=300.0)["open_up"]
    assert glyph_of(upper=300.0)["open_down"]


def test_claimant_key():
    assert claimant_key(["USA", "KOR", "USA"]) == "KOR+USA"
    assert claimant_key([]) == UNATTRIBUTED
    assert claimant_key(None) == UNATTRIBUTED
    assert claimant_key(np.array(["UKR"], dtype=object)) == "UKR"


def test_colours_fixed_for_known_claimants_and_grey_beyond_the_palette():
    keys = ["USA"] * 3 + ["UKR", "A+B", "C+D", "E+F", "G+H", "I+J", "K+L", "M+N"]
    glyphs = pd.DataFrame({"colour_key": keys})
    colours = colour_keys(glyphs)
    assert colours["USA"] == FIXED_COLOURS["USA"] and colours["UKR"] == FIXED_COLOURS["UKR"]
    assert list(colours.values()).count(OTHER_COLOUR) == 2  # 7 joint keys, 5 free colours
    again = colour_keys(pd.DataFrame({"colour_key": ["UKR"]}))
    assert again["UKR"] == colours["UKR"]  # stable across figures


def test_facets_keep_most_frequent_and_group_the_rest():
    keys = ["USA"] * 5 + ["UKR"] * 4 + ["KOR"] * 3 + ["A"] * 2 + ["B", "C", "D"]
    facets = facet_keys(pd.DataFrame({"colour_key": keys}), limit=4)
    assert facets["USA"] == "USA" and facets["KOR"] == "KOR"
    assert facets["A"] == facets["D"] == OTHER_CLAIMANTS
    assert len(set(facets.values())) == 4


def test_weekly_aggregation():
    glyphs = estimate_glyphs(claims(
        claim("a:1", value=100.0, claimants=["USA"], as_of_start="2024-11-04",
              as_of_end="2024-11-04"),
        claim("a:2", value=300.0, claimants=["USA"], as_of_start="2024-11-10",
              as_of_end="2024-11-10"),
        claim("a:3", value=200.0, claimants=["USA"], as_of_start="2024-11-04",
              as_of_end="2024-11-10"),
        claim("a:4", value=900.0, claimants=["USA"], as_of_start="2024-11-11",
              as_of_end="2024-11-11"),
        claim("a:5", value=50.0, claimants=["UKR"], as_of_start="2024-11-05",
              as_of_end="2024-11-05"),
    ))
    summary = aggregate_glyphs(glyphs)
    usa = summary[summary["colour_key"] == "USA"].reset_index(drop=True)
    assert list(usa["week_start"]) == [pd.Timestamp("2024-11-04"), pd.Timestamp("2024-11-11")]
    assert list(usa["n"]) == [3, 1]
    assert (usa.loc[0, "y_median"], usa.loc[0, "y_min"], usa.loc[0, "y_max"]) == (200, 100, 300)
    assert usa.loc[0, "week_end"] == pd.Timestamp("2024-11-10")
    assert summary["n"].sum() == 5


def test_dodge_spreads_glyphs_on_the_same_day_only():
    glyphs = estimate_glyphs(seed_like())
    offsets = dodge_offsets(glyphs, pd.Timedelta(days=1))
    by_id = dict(zip(glyphs["claim_id"], offsets, strict=True))
    assert by_id["s:2"] == pd.Timedelta(0) and by_id["s:3"] == pd.Timedelta(0)
    assert sorted([by_id["s:1"], by_id["s:4"]]) == [pd.Timedelta(hours=-12),
                                                     pd.Timedelta(hours=12)]


def test_x_window_is_at_least_three_weeks_and_events_outside_are_split_off():
    glyphs = estimate_glyphs(seed_like())
    window = x_window(glyphs)
    assert window[1] - window[0] >= pd.Timedelta(days=21)
    assert window[0] <= pd.Timestamp("2024-11-04") and window[1] > PUBLISHED
    lines = chart_events(seed_events())
    drawn, outside = split_events(lines, window)
    assert list(outside["event_type"]) == ["incursion_launched"]
    assert set(drawn["event_type"]) == {"treaty_ratified"}


def test_chart_events_keep_line_types_with_dates_only():
    lines = chart_events(seed_events())
    assert set(lines["event_type"]) == {"incursion_launched", "treaty_ratified"}
    assert "ratified (PRK)" in set(lines["label"])
    assert chart_events(None).empty
