"""Tables and HTML for reading claims (used by ``notebooks/01_claims.ipynb``).

Nothing here extracts anything: it selects, formats and highlights rows of the claims
table loaded by :func:`analysis.facts.store.load_claims`.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from analysis.core.schema import FLAGS
from analysis.corpus.catalog import Article
from analysis.facts.known import known_by


def select_claims(
    claims: pd.DataFrame,
    *,
    articles: Sequence[str] | None = None,
    language: str | None = None,
    as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Claims of the given article ids and language, published on or before ``as_of``.

    ``None`` means no filter. The result keeps the table's order and columns.
    """
    keep = pd.Series(True, index=claims.index)
    if articles is not None:
        keep &= claims["article_id"].isin(list(articles))
    if language is not None:
        keep &= claims["language"] == language
    return known_by(claims.loc[keep], as_of).reset_index(drop=True)


def select_articles(
    articles: Iterable[Article],
    *,
    ids: Sequence[str] | None = None,
    language: str | None = None,
    as_of: dt.date | None = None,
) -> list[Article]:
    """The same filter as :func:`select_claims`, for catalogued articles."""
    return [
        a for a in articles
        if (ids is None or a.id in ids)
        and (language is None or a.language == language)
        and (as_of is None or a.published <= as_of)
    ]


def corpus_table(articles: Iterable[Article], claims: pd.DataFrame) -> pd.DataFrame:
    """One row per article: metadata, words and the number of claims (0 if none)."""
    counts = claims.groupby("article_id").size() if len(claims) else pd.Series(dtype=int)
    rows = [
        {
            "id": a.id, "published": a.published.isoformat(), "language": a.language,
            "title": a.title, "outlet": a.outlet, "words": len(a.text.split()),
            "claims": int(counts.get(a.id, 0)),
        }
        for a in articles
    ]
    columns = ["id", "published", "language", "title", "outlet", "words", "claims"]
    return pd.DataFrame(rows, columns=columns)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def figure_text(row: Any) -> str:
    """The claim's number as a reader would say it: "≤ 12,000", "> 13,000", "≥ 2,000 (vague)"."""
    value, lower, upper = (row["value"], row["lower"], row["upper"])
    has = {k: not (v is None or (isinstance(v, float) and math.isnan(v)))
           for k, v in (("value", value), ("lower", lower), ("upper", upper))}
    approx = "≈ " if row["approx"] and row["qualifier"] == "about" else ""
    if row["vague"] and has["lower"]:
        return f"≥ {_number(lower)} (vague)"
    if has["lower"] and has["upper"] and not has["value"]:
        return f"{_number(lower)}–{_number(upper)}"
    if has["value"]:
        if has["upper"]:
            return f"≤ {_number(value)}"
        if has["lower"]:
            return f"{'≥' if row['qualifier'] == 'at_least' else '>'} {_number(value)}"
        return approx + _number(value)
    return ""


def _date_text(start: Any, end: Any) -> str:
    if pd.isna(start):
        return ""
    first, last = pd.Timestamp(start).date(), pd.Timestamp(end).date()
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """A readable view of the claims: figure, unit, actor, location, claimants, as of, flags."""
    rows = []
    for _, row in claims.iterrows():
        rows.append({
            "claim_id": row["claim_id"],
            "quote": row["quote"],
            "figure": figure_text(row),
            "unit": row["unit"],
            "actor": "" if pd.isna(row["actor"]) else row["actor"],
            "location": "" if pd.isna(row["location"]) else row["location"],
            "claimants": ", ".join(row["claimants"]) or "(outlet)",
            "as of": _date_text(row["as_of_start"], row["as_of_end"]),
            "since": "" if pd.isna(row["since"]) else pd.Timestamp(row["since"]).date().isoformat(),
            "flags": ", ".join(row["flags"]),
            # Fields an analyst corrected in data/curated/overrides.csv (load_claims adds this).
            "overridden": ", ".join(row["overridden"]) if "overridden" in row.index else "",
        })
    columns = ["claim_id", "quote", "figure", "unit", "actor", "location", "claimants", "as of",
               "since", "flags", "overridden"]
    return pd.DataFrame(rows, columns=columns)


def quote_offset_in_sentence(
    sentence: str, quote: str, start: int, text: str | None = None
) -> int:
    """Where ``quote`` starts in ``sentence``, using the article text when available.

    With the text, the sentence is located in it (it must cover ``start``), so a quote that
    occurs twice in the sentence is still highlighted at the right place.
    """
    if text is not None:
        sentence_start = text.find(sentence, max(0, start + len(quote) - len(sentence)))
        if 0 <= sentence_start <= start:
            offset = start - sentence_start
            if sentence[offset:offset + len(quote)] == quote:
                return offset
    return sentence.find(quote)


def highlight_quote(sentence: str, offset: int, quote: str) -> str:
    """The sentence as HTML (escaped) with the quote wrapped in ``<mark>``."""
    if offset < 0 or sentence[offset:offset + len(quote)] != quote:
        return html.escape(sentence)
    before, after = sentence[:offset], sentence[offset + len(quote):]
    return f"{html.escape(before)}<mark>{html.escape(quote)}</mark>{html.escape(after)}"


def claims_html(claims: pd.DataFrame, articles: Iterable[Article] = ()) -> str:
    """Each claim's sentence with the quote highlighted, grouped by article (HTML)."""
    by_id = {a.id: a for a in articles}
    parts: list[str] = []
    for article_id, group in claims.groupby("article_id", sort=True):
        article = by_id.get(article_id)
        title = f" — {html.escape(article.title)}" if article and article.title else ""
        parts.append(f"<h4>{html.escape(str(article_id))}{title}</h4><ol>")
        for _, row in group.sort_values("start").iterrows():
            offset = quote_offset_in_sentence(
                row["sentence"], row["quote"], int(row["start"]), article.text if article else None
            )
            as_of = _date_text(row["as_of_start"], row["as_of_end"])
            details = " · ".join(
                part for part in (
                    f"{figure_text(row)} {row['unit']}",
                    "" if pd.isna(row["actor"]) else f"actor {row['actor']}",
                    "" if pd.isna(row["location"]) else f"location {row['location']}",
                    f"claimants {', '.join(row['claimants']) or '(outlet)'}",
                    f"as of {as_of}" if as_of else "",
                    f"flags {', '.join(row['flags'])}" if row["flags"] else "",
                ) if part
            )
            parts.append(
                f"<li>{highlight_quote(row['sentence'], offset, row['quote'])}"
                f"<br><small>{html.escape(details)}</small></li>"
            )
        parts.append("</ol>")
    return "\n".join(parts) if parts else "<p>No claims selected.</p>"


def flag_summary(claims: pd.DataFrame) -> pd.DataFrame:
    """How many claims carry each flag, with what the flag means and the claim ids."""
    rows = []
    for flag in sorted({f for flags in claims["flags"] for f in flags}):
        ids = [cid for cid, flags in zip(claims["claim_id"], claims["flags"], strict=True)
               if flag in flags]
        rows.append({"flag": flag, "claims": len(ids),
                     "meaning": FLAGS.get(flag, ""), "claim_ids": ", ".join(ids)})
    return pd.DataFrame(rows, columns=["flag", "claims", "meaning", "claim_ids"])


def plot_claims_per_unit(claims: pd.DataFrame, *, ax: Any = None) -> Any:
    """Horizontal bar chart: number of claims per unit (a quick overview of the selection)."""
    import matplotlib.pyplot as plt

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


