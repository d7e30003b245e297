"""Summaries of a selection of claims: per article, per flag and per unit.

Used by ``notebooks/01_claims.ipynb`` beside the claims table (:mod:`analysis.viz.tables`)
and the highlighted sentences (:mod:`analysis.viz.quotes`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from analysis.core.labels import format_date
from analysis.core.schema import FLAGS
from analysis.corpus.catalog import Article


def corpus_table(articles: Iterable[Article], claims: pd.DataFrame) -> pd.DataFrame:
    """One row per article: metadata, words and the number of claims (0 if none)."""
    counts = claims.groupby("article_id").size() if len(claims) else pd.Series(dtype=int)
    rows = [
        {
            "id": a.id, "published": format_date(a.published), "language": a.language,
            "title": a.title, "outlet": a.outlet, "words": len(a.text.split()),
            "claims": int(counts.get(a.id, 0)),
        }
        for a in articles
    ]
    columns = ["id", "published", "language", "title", "outlet", "words", "claims"]
    return pd.DataFrame(rows, columns=columns)


def flag_summary(claims: pd.DataFrame) -> pd.DataFrame:
    """How many claims carry each flag, with what the flag means and the claim ids."""
    rows = []
    for flag in sorted({f for flags in claims["flags"] for f in flags}):
        ids = [cid for cid, flags in zip(claims["claim_id"], claims["flags"], strict=True)
               if flag in flags]
        rows.append({"flag": flag, "claims": len(ids),
                     "meaning": FLAGS.get(flag, ""), "claim_ids": ", ".join(ids)})
    return pd.DataFrame(rows, columns=["flag", "claims", "meaning", "claim_ids"])


def plot_claims_per_unit(claims: pd.DataFrame, *, ax: Any = None) -> Figure:
    """Horizontal bar chart: number of claims per unit (a quick overview of the selection)."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 2.8))
    counts = claims["unit"].value_counts().sort_index(ascending=False)
    ax.barh(counts.index.tolist(), counts.to_numpy(), color="#4c72b0")
    ax.set_xlabel("claims")
    ax.set_title("Claims per unit")
    ax.xaxis.get_major_locator().set_params(integer=True)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    ax.figure.tight_layout()
    return ax.figure
