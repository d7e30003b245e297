"""Per-article, per-flag and per-unit summaries of a selection (notebook 01)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from analysis.viz.summaries import corpus_table, flag_summary, plot_claims_per_unit  # noqa: E402
from tests.support.small_corpus import ARTICLES, CLAIMS  # noqa: E402


def test_corpus_table_counts_claims_including_zero() -> None:
    table = corpus_table(ARTICLES, CLAIMS)
    assert table.set_index("id")["claims"].to_dict() == {"a": 3, "b": 1, "c": 0}
    assert list(table.columns) == ["id", "published", "language", "title", "outlet", "words",
                                   "claims"]
    assert table.iloc[0]["published"] == "2024-11-12"


def test_flag_summary() -> None:
    summary = flag_summary(CLAIMS)
    # the two later counts of article a take Kursk from the sentence before (carried over)
    assert list(summary["flag"]) == ["actor_unknown", "location_inferred"]
    assert list(summary["claims"]) == [4, 2]
    assert flag_summary(CLAIMS.iloc[0:0]).empty


def test_claims_per_unit_bars() -> None:
    fig = plot_claims_per_unit(CLAIMS)
    bars = {label.get_text(): patch.get_width()
            for label, patch in zip(fig.axes[0].get_yticklabels(), fig.axes[0].patches,
                                    strict=True)}
    assert bars == {"troops": 1, "soldiers": 3}
    plt.close(fig)
