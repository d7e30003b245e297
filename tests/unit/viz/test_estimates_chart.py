"""What the estimates chart actually draws, and the table of what it plots."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from analysis.viz.estimate_glyphs import (  # noqa: E402
    DETAIL_LIMIT,
    FACET_LIMIT,
    OTHER_CLAIMANTS,
    estimate_glyphs,
)
from analysis.viz.estimates_chart import (  # noqa: E402
    plot_estimates,
    plotted_claims_table,
)
from tests.support.chart_claims import (  # noqa: E402
    claim,
    claims,
    seed_events,
    seed_like,
)


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
