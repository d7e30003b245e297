"""The estimates chart's encoding (pure functions) and what the figures actually draw."""

from __future__ import annotations

import datetime as dt
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from analysis.core.errors import ParameterError  # noqa: E402
from analysis.viz.charts import (  # noqa: E402
    DETAIL_LIMIT,
    FACET_LIMIT,
    FIXED_COLOURS,
    GLYPH_COLUMNS,
    OTHER_CLAIMANTS,
    OTHER_COLOUR,
    UNATTRIBUTED,
    VAGUE_BAND_FACTOR,
    aggregate_glyphs,
    chart_events,
    check_actor,
    check_date_range,
    check_location,
    claimant_key,
    colour_keys,
    dodge_offsets,
    estimate_glyphs,
    events_table,
    facet_keys,
    plot_estimates,
    plot_timeline,
    plotted_claims_table,
    split_events,
    timeline_rows,
    x_window,
)

PUBLISHED = pd.Timestamp("2024-11-12")


def claim(claim_id: str = "a:1", **fields) -> dict:
    base = {
        "claim_id": claim_id, "article_id": "a", "value": math.nan, "lower": math.nan,
        "upper": math.nan, "approx": False, "qualifier": None, "vague": False,
        "unit": "troops", "claimants": [], "as_of_start": pd.NaT, "as_of_end": pd.NaT,
        "published": PUBLISHED, "quote": "q",
    }
    base.update(fields)
    return base


def claims(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    for column in ("as_of_start", "as_of_end", "published"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def seed_like() -> pd.DataFrame:
    return claims(
        claim("s:1", lower=2000.0, qualifier="vague", vague=True,
              claimants=["KOR", "USA", "UKR"]),
        claim("s:2", value=10000.0, claimants=["USA"], as_of_start="2024-11-04",
              as_of_end="2024-11-10"),
        claim("s:3", value=50000.0, approx=True, qualifier="about", unit="soldiers",
              claimants=["UKR"], as_of_start="2024-11-11", as_of_end="2024-11-11"),
        claim("s:4", value=12000.0, upper=12000.0, qualifier="up_to",
              claimants=["USA", "KOR", "UKR"], as_of_start="2024-11-12",
              as_of_end="2024-11-12"),
    )


def seed_events() -> pd.DataFrame:
    rows = [
        ("e:1", "incursion_launched", ["UKR"], "2024-08-01", "2024-08-10"),
        ("e:2", "treaty_ratified", ["PRK"], "2024-11-12", "2024-11-12"),
        ("e:3", "treaty_ratified", ["RUS"], "2024-11-04", "2024-11-10"),
        ("e:4", "treaty_signed", ["RUS", "PRK"], None, None),
        ("e:5", "statement", ["UKR"], "2024-11-11", "2024-11-11"),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "event_type", "actors", "date_start",
                                        "date_end"])
    frame["location"] = None
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# -------------------------------------------------------------------------------- glyphs


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


# ------------------------------------------------------------------------------- figures


def test_seed_chart_draws_every_encoding_and_explains_it():
    fig = plot_estimates(seed_like(), seed_events(), title="Seed")
    ax = fig.axes[0]
    arrows = [c for c in ax.get_children() if isinstance(c, Annotation) and c.arrow_patch]
    assert len(arrows) == 1  # the "up to"
    hatched = [c for c in ax.collections if c.get_hatch()]
    assert len(hatched) == 1  # the vague band
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    joined = " | ".join(labels)
    for needed in ("KOR+UKR+USA", "USA", "UKR", "arrow down: up to", "vague", "hollow",
                   "bar: as of a week", "approximate", "event"):
        assert needed in joined
    texts = " ".join(t.get_text() for t in ax.texts) + " ".join(
        c.get_text() for c in ax.get_children() if isinstance(c, Annotation))
    assert "incursion (UKR), 2024-08-01–10" in texts  # outside the window: noted
    assert "ratified (PRK)" in texts
    assert "Source: 4 claim(s)" in texts
    assert "≤ 12,000" in texts
    assert ax.get_title(loc="left") == "Seed"


def test_log_scale_and_existing_axes():
    fig, ax = plt.subplots()
    returned = plot_estimates(seed_like(), ax=ax, log_scale=True)
    assert returned is fig
    assert ax.get_yscale() == "log"


def test_empty_selection_says_so():
    fig = plot_estimates(claims(claim()).iloc[0:0])
    assert "no claims" in fig.axes[0].texts[0].get_text()


def synthetic_claims(count: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    claimant_sets = [["USA"], ["UKR"], ["KOR"], ["RUS"], ["USA", "KOR"], [], ["NATO"],
                     ["UKR", "USA"], ["GBR"]]
    qualifiers = [None, "about", "up_to", "more_than", "vague", "range"]
    rows = []
    for index in range(count):
        start = pd.Timestamp("2024-10-01") + pd.Timedelta(days=int(rng.integers(0, 120)))
        span = int(rng.choice([0, 0, 6, 30]))
        qualifier = qualifiers[index % len(qualifiers)]
        value = float(rng.integers(1, 60)) * 1000
        row = claim(f"a{index % 50}:{index}", value=value, qualifier=qualifier,
                    claimants=claimant_sets[index % len(claimant_sets)],
                    as_of_start=start, as_of_end=start + pd.Timedelta(days=span),
                    published=start + pd.Timedelta(days=span + 1))
        if qualifier == "up_to":
            row["upper"] = value
        elif qualifier in ("more_than", "vague"):
            row["lower"] = value
        elif qualifier == "range":
            row.update(value=math.nan, lower=value, upper=value * 1.5)
        if index % 11 == 0:
            row["as_of_start"] = row["as_of_end"] = pd.NaT
        rows.append(row)
    return claims(*rows)


def test_hundreds_of_claims_are_faceted_by_claimant_and_aggregated():
    many = synthetic_claims(500)
    assert len(many) > DETAIL_LIMIT
    fig = plot_estimates(many, seed_events())
    assert len(fig.axes) == FACET_LIMIT
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert any(OTHER_CLAIMANTS in t for t in titles[-1:])
    counted = sum(int(t.rsplit("(", 1)[1].rstrip(")")) for t in titles)
    assert counted == len(estimate_glyphs(many))
    # Aggregated: far fewer markers than claims, no per-claim labels.
    markers = sum(len(ax.lines) for ax in fig.axes)
    assert markers < len(many) * 2
    assert not any("≤" in t.get_text() for ax in fig.axes for t in ax.texts)


def test_hundreds_of_claims_on_a_given_axes_are_aggregated_not_faceted():
    fig, ax = plt.subplots()
    plot_estimates(synthetic_claims(300), ax=ax)
    assert len(fig.axes) == 1
    assert any("aggregated per ISO week" in c.get_text() for c in ax.get_children()
               if isinstance(c, Annotation))


# ------------------------------------------------------------------------------ timeline


def test_timeline_rows_lanes_follow_the_vocabulary_and_undated_are_apart():
    rows = timeline_rows(seed_events())
    dated = rows[rows["dated"]]
    lanes = dict(zip(dated["event_type"], dated["lane"], strict=False))
    # Vocabulary order: treaty_ratified before incursion_launched before statement.
    assert lanes["treaty_ratified"] < lanes["incursion_launched"] < lanes["statement"]
    assert sorted(set(lanes.values())) == list(range(3))
    undated = rows[~rows["dated"]]
    assert list(undated["event_type"]) == ["treaty_signed"]
    assert undated.iloc[0]["lane"] == -1
    incursion = dated[dated["event_type"] == "incursion_launched"].iloc[0]
    assert not incursion["is_point"] and "2024-08-01–10" in incursion["label"]


def test_timeline_figure_lists_undated_events():
    fig = plot_timeline(seed_events())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ratified", "incursion",
                                                            "statement"]
    notes = " ".join(c.get_text() for c in ax.get_children() if isinstance(c, Annotation))
    assert "Undated" in notes and "treaty signed: RUS, PRK" in notes


def test_timeline_without_events():
    empty = seed_events().iloc[0:0]
    fig = plot_timeline(empty)
    assert "no events" in fig.axes[0].texts[0].get_text()


# -------------------------------------------------------------------- tables, parameters


def test_plotted_claims_table_follows_the_chart_order():
    frame = seed_like().assign(actor="PRK", location="RU-KRS", flags=[[]] * 4,
                               overridden=[[], ["as_of_end"], [], []])
    table = plotted_claims_table(frame)
    assert list(table["claim_id"]) == ["s:2", "s:3", "s:1", "s:4"]
    first = table.iloc[0]
    assert (first["as of"], first["figure"], first["claimed by"]) == ("2024-11-04–10",
                                                                    "10,000", "USA")
    assert first["overridden"] == "as_of_end"
    assert table.iloc[2]["as of"] == "2024-11-12 (publication date)"
    assert plotted_claims_table(frame.iloc[0:0]).empty


def test_events_table_sorts_dated_first_and_names_types():
    events = seed_events().assign(article_id="a", start=range(5), quote="q", flags=[[]] * 5,
                                  date_text=None)
    table = events_table(events)
    assert list(table["event"]) == ["incursion", "ratified", "statement", "ratified",
                                    "treaty signed"]
    assert table.iloc[-1]["date"] == "undated"
    assert table.iloc[0]["actors"] == "UKR"


def test_parameter_checks():
    assert check_actor("actor", "PRK") == "PRK"
    assert check_actor("actor", None) is None
    with pytest.raises(ParameterError, match="'actor' = 'prk'"):
        check_actor("actor", "prk")
    assert check_location("location", "RU-KRS") == "RU-KRS"
    assert check_location("location", "RUS") == "RUS"
    assert check_location("location", "Sudzha") == "Sudzha"
    assert check_location("location", None) is None
    with pytest.raises(ParameterError, match="gazetteer"):
        check_location("location", "Atlantis")
    check_date_range(None, dt.date(2024, 1, 1))
    with pytest.raises(ParameterError, match="swap"):
        check_date_range(dt.date(2024, 2, 1), dt.date(2024, 1, 1))
