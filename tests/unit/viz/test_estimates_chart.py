"""What the estimates chart actually draws: panels by unit family, markers, labels that
never overlap, legends outside the data, claims left out, the table of what it plots."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.text import Annotation, Text  # noqa: E402

from analysis.viz.estimate_glyphs import DETAIL_LIMIT, estimate_glyphs  # noqa: E402
from analysis.viz.estimates_chart import (  # noqa: E402
    needs_log,
    plot_estimates,
    plotted_claims_table,
)
from analysis.viz.label_layout import overlapping_pairs  # noqa: E402
from tests.support.chart_claims import (  # noqa: E402
    CROWD_CLAIMANTS,
    CROWD_UNITS,
    claim,
    claims,
    crowded_claims,
    seed_events,
    seed_like,
)


def _rendered(fig):
    if not hasattr(fig.canvas, "get_renderer"):  # closed by the per-test cleanup
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _labels(fig) -> list[Annotation]:
    return [t for ax in fig.axes for t in ax.texts
            if (t.get_gid() or "").startswith(("label-", "event-"))]


def _markers(fig) -> dict[str, tuple]:
    found = {}
    for ax in fig.axes:
        for line in ax.lines:
            if (line.get_gid() or "").startswith("claim-"):
                found[line.get_gid()] = (ax, line)
    return found


@pytest.fixture(scope="module")
def crowded_figure():
    frame = crowded_claims(40)
    fig = plot_estimates(frame, seed_events(), title="Forty claims")
    yield frame, fig
    plt.close(fig)


def test_crowded_fixture_has_forty_claims_in_four_units_from_six_claimants(crowded_figure):
    frame, _ = crowded_figure
    assert len(frame) >= 40
    assert set(frame["unit"]) == set(CROWD_UNITS)
    assert {c[0] for c in frame["claimants"]} == {c[0] for c in CROWD_CLAIMANTS}


def test_one_panel_per_unit_family_with_its_units_in_the_axis_label(crowded_figure):
    _, fig = crowded_figure
    panels = [ax for ax in fig.axes if ax.lines]
    assert [ax.get_title(loc="left").split(" (")[0] for ax in panels] == [
        "Forces", "Losses", "Materiel"]
    assert panels[0].get_ylabel().startswith("forces: troops, soldiers")
    assert panels[1].get_ylabel().startswith("losses: killed")
    assert panels[2].get_ylabel().startswith("materiel: shells")
    markers = _markers(fig)
    for claim_row in crowded_figure[0].to_dict("records"):
        ax, _ = markers[f"claim-{claim_row['claim_id']}"]
        family = {"troops": "Forces", "soldiers": "Forces", "killed": "Losses",
                  "shells": "Materiel"}[claim_row["unit"]]
        assert ax.get_title(loc="left").startswith(family)


def test_no_two_labels_overlap_and_every_claim_is_labelled_inside_its_axes(crowded_figure):
    frame, fig = crowded_figure
    renderer = _rendered(fig)
    labels = _labels(fig)
    # The text itself (an Annotation's own extent also covers its leader line).
    boxes = [Text.get_window_extent(label, renderer) for label in labels]
    assert not overlapping_pairs(boxes), [
        (labels[i].get_text(), labels[j].get_text()) for i, j in overlapping_pairs(boxes)]
    claim_labels = {label.get_gid() for label in labels if label.get_gid().startswith("label-")}
    assert claim_labels == {f"label-{c}" for c in frame["claim_id"]}
    for label, box in zip(labels, boxes, strict=True):
        frame_box = label.axes.get_window_extent(renderer)
        assert frame_box.x0 <= box.x0 and box.x1 <= frame_box.x1, label.get_text()
        assert frame_box.y0 <= box.y0 and box.y1 <= frame_box.y1, label.get_text()
    for gid, (ax, line) in _markers(fig).items():
        x, y = ax.transData.transform((line.get_xdata()[0], line.get_ydata()[0])
                                      if not isinstance(line.get_xdata()[0], pd.Timestamp)
                                      else (matplotlib.dates.date2num(line.get_xdata()[0]),
                                            line.get_ydata()[0]))
        assert ax.get_window_extent(renderer).contains(x, y), gid


def test_legends_sit_outside_the_data_and_leave_it_two_thirds_of_the_width(crowded_figure):
    _, fig = crowded_figure
    renderer = _rendered(fig)
    whole = fig.get_tightbbox(renderer)  # what a saved figure shows (inches)
    width_px = whole.width * fig.dpi
    panels = [ax for ax in fig.axes if ax.lines]
    for ax in panels:
        assert ax.get_window_extent(renderer).width >= 2 / 3 * width_px
    for legend in fig.legends:
        box = legend.get_window_extent(renderer)
        assert all(not box.overlaps(ax.get_window_extent(renderer)) for ax in panels)


def test_reference_claims_get_squares_extracted_circles_and_the_legend_says_so(crowded_figure):
    frame, fig = crowded_figure
    markers = _markers(fig)
    for row in frame.to_dict("records"):
        _, line = markers[f"claim-{row['claim_id']}"]
        assert line.get_marker() == ("s" if row["source"] == "reference" else "o")
    legend_text = " | ".join(t.get_text() for legend in fig.legends for t in legend.get_texts())
    assert "square: reference (public reporting)" in legend_text
    assert "circle: extracted from the corpus" in legend_text


def test_statement_timed_claims_are_half_filled_and_explained(crowded_figure):
    frame, fig = crowded_figure
    markers = _markers(fig)
    fills = {}
    for row in frame.to_dict("records"):
        _, line = markers[f"claim-{row['claim_id']}"]
        fills[row["as_of_source"]] = (line.get_fillstyle(), line.get_markerfacecolor())
    assert fills["statement"][0] == "left"
    assert fills["text"][0] == "full" and fills["text"][1] != "white"
    assert fills["publication"][1] == "white"
    legend_text = " | ".join(t.get_text() for legend in fig.legends for t in legend.get_texts())
    assert "half: timed by its statement" in legend_text
    notes = " ".join(t.get_text() for t in fig.texts)
    assert "timed by the day they were stated (half-filled)" in notes


def test_a_claim_without_the_time_columns_is_timed_by_its_text():
    fig = plot_estimates(seed_like())
    markers = _markers(fig)
    assert markers["claim-s:2"][1].get_fillstyle() == "full"
    assert markers["claim-s:1"][1].get_markerfacecolor() == "white"  # no date: publication


def test_log_scale_per_panel_when_figures_span_more_than_two_orders():
    assert needs_log(pd.Series([10.0, 5000.0])) and not needs_log(pd.Series([100.0, 9000.0]))
    frame = claims(
        claim("a:1", value=12.0, unit="killed", as_of_start="2024-11-01", as_of_end="2024-11-01"),
        claim("a:2", value=3000.0, unit="killed", as_of_start="2024-11-05",
              as_of_end="2024-11-05"),
        claim("a:3", value=9000.0, unit="troops", as_of_start="2024-11-05",
              as_of_end="2024-11-05"),
        claim("a:4", value=12000.0, unit="troops", as_of_start="2024-11-08",
              as_of_end="2024-11-08"),
    )
    fig = plot_estimates(frame)
    scales = {ax.get_title(loc="left").split(" ")[0]: ax.get_yscale()
              for ax in fig.axes if ax.lines}
    assert scales == {"Forces": "linear", "Losses": "log"}


def test_bad_claims_are_left_out_and_listed_never_fatal():
    frame = claims(
        claim("ok:1", value=10000.0, as_of_start="2024-11-04", as_of_end="2024-11-04"),
        claim("bad:inf", value=math.inf),
        claim("bad:nan", lower=math.nan, upper=5.0, value=float("nan"), qualifier="up_to"),
        claim("bad:reversed", lower=900.0, upper=100.0, qualifier="range"),
        claim("bad:negative", value=-5.0),
    )
    fig = plot_estimates(frame)
    assert set(_markers(fig)) == {"claim-ok:1", "claim-bad:nan"}  # upper 5 is a figure
    notes = " ".join(t.get_text() for t in fig.texts)
    assert "3 claims not drawn" in notes
    for reason in ("value is infinite", "lower bound 900 is above upper bound 100",
                   "value is negative"):
        assert reason in notes.replace("\n", " ")
    all_bad = plot_estimates(frame[frame["claim_id"].str.startswith("bad:i")])
    assert "bad:inf (value is infinite)" in all_bad.axes[0].texts[0].get_text()


def test_events_are_labelled_inside_the_top_panel():
    fig = plot_estimates(seed_like(), seed_events())
    renderer = _rendered(fig)
    events = [t for t in fig.axes[0].texts if (t.get_gid() or "").startswith("event-")]
    assert {t.get_text() for t in events} == {"ratified (PRK)", "ratified (RUS)"}
    frame_box = fig.axes[0].get_window_extent(renderer)
    for text in events:
        box = text.get_window_extent(renderer)
        assert frame_box.x0 <= box.x0 and box.x1 <= frame_box.x1
        assert frame_box.y0 <= box.y0 and box.y1 <= frame_box.y1
    notes = " ".join(t.get_text() for t in fig.texts)
    assert "Events outside the time shown: incursion (UKR) 2024-08-01–10" in notes


def test_an_existing_axes_takes_one_family_only():
    fig, ax = plt.subplots()
    troops = seed_like()[seed_like()["unit"] == "troops"]
    assert plot_estimates(troops, ax=ax, log_scale=True) is fig
    assert ax.get_yscale() == "log"
    mixed = claims(claim("a:1", value=5.0, unit="killed"), claim("a:2", value=9.0))
    with pytest.raises(ValueError, match="several unit families"):
        plot_estimates(mixed, ax=plt.subplots()[1])


def test_empty_selection_says_so():
    fig = plot_estimates(claims(claim()).iloc[0:0])
    assert "no claims" in fig.axes[0].texts[0].get_text()


def test_hundreds_of_claims_in_a_panel_are_aggregated_per_week():
    rng = np.random.default_rng(3)
    rows = [claim(f"m:{i}", value=float(rng.integers(1, 50)) * 1000,
                  claimants=[["USA"], ["UKR"]][i % 2],
                  as_of_start=pd.Timestamp("2024-10-01") + pd.Timedelta(days=int(i % 90)),
                  as_of_end=pd.Timestamp("2024-10-01") + pd.Timedelta(days=int(i % 90)))
            for i in range(DETAIL_LIMIT * 3)]
    fig = plot_estimates(claims(*rows))
    panel = fig.axes[0]
    assert len([line for line in panel.lines if (line.get_gid() or "").startswith("claim-")]) == 0
    assert len(panel.lines) < len(rows)
    assert "aggregated per ISO week" in " ".join(t.get_text() for t in fig.texts)
    assert not _labels(fig)


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


def test_plotted_table_names_the_source_of_a_reference_claim():
    frame = claims(claim("ref-001", value=11000.0, source="reference", outlet="Outlet A",
                         url="https://example.org/a", quote=None, article_id=None,
                         as_of_start="2024-10-18", as_of_end="2024-10-18",
                         as_of_source="statement"))
    row = plotted_claims_table(frame).iloc[0]
    assert row["source"] == "Outlet A https://example.org/a"
    assert row["as of"] == "2024-10-18 (statement date)"
    assert row["quote"] == ""


def test_labels_name_the_unit_when_a_panel_mixes_units():
    frame = claims(
        claim("a:1", value=300.0, unit="killed", as_of_start="2024-11-01", as_of_end="2024-11-01"),
        claim("a:2", value=900.0, unit="wounded", as_of_start="2024-11-02",
              as_of_end="2024-11-02"),
    )
    texts = {t.get_text() for t in _labels(plot_estimates(frame))}
    assert texts == {"300 killed", "900 wounded"}
    one_unit = {t.get_text() for t in _labels(plot_estimates(frame.assign(unit="killed")))}
    assert one_unit == {"300", "900"}


def test_glyph_table_knows_family_source_and_timing():
    glyphs = estimate_glyphs(crowded_claims(12)).set_index("claim_id")
    assert glyphs.loc["crowd:0", "source"] == "reference"
    assert glyphs.loc["crowd:1", "timing"] == "statement"
    assert glyphs.loc["crowd:2", "family"] == "losses"
    assert isinstance(Line2D, type)
