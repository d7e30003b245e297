"""The events timeline: lanes, labels and the undated list."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from matplotlib.text import Annotation  # noqa: E402

from analysis.viz.timeline_chart import (  # noqa: E402
    plot_timeline,
    timeline_rows,
)
from tests.support.chart_claims import (  # noqa: E402
    seed_events,
)


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
