"""The one quote highlighter: a claim's sentence as HTML with its exact quote marked.

The claims table stores the quote's offsets in the *article*, not in the sentence, so the
quote is found in its sentence by text; when it occurs more than once there, the article
text (if given) decides which occurrence the offsets point at. All text is HTML-escaped:
articles contain ``<``, ``&`` and quotes that must show as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from analysis.core.labels import format_as_of_phrase, format_claimants, format_figure
from analysis.core.schema import is_missing
from analysis.corpus.catalog import Article


def quote_span(
    sentence: str, quote: str, start: Any = None, article_text: str | None = None
) -> tuple[int, int] | None:
    """Where ``quote`` sits in ``sentence`` (begin, end), or None if it is not there.

    ``start`` is the quote's offset in the article. Without ``article_text`` (or without
    ``start``) the first occurrence is used.
    """
    if not quote:
        return None
    occurrences = [m.start() for m in re.finditer(re.escape(quote), sentence)]
    if not occurrences:
        return None
    if len(occurrences) > 1 and article_text is not None and not is_missing(start):
        claim_start = int(start)
        for offset in occurrences:
            sentence_start = claim_start - offset
            if article_text[sentence_start:sentence_start + len(sentence)] == sentence:
                return offset, offset + len(quote)
    return occurrences[0], occurrences[0] + len(quote)


def highlight_quote(
    sentence: Any, quote: Any, start: Any = None, article_text: str | None = None
) -> str:
    """``sentence`` as escaped HTML with ``quote`` wrapped in ``<mark>``.

    If the quote is not in the sentence (a data defect), the sentence is shown unmarked,
    followed by the quote in a ``nk-quote-missing`` note, so nothing is hidden.
    """
    sentence = "" if is_missing(sentence) else str(sentence)
    quote = "" if is_missing(quote) else str(quote)
    span = quote_span(sentence, quote, start, article_text)
    if span is None:
        return (
            f'{html.escape(sentence)} <span class="nk-quote-missing">(quote not found in its '
            f"sentence: <mark>{html.escape(quote)}</mark>)</span>"
        )
    begin, end = span
    return (
        f"{html.escape(sentence[:begin])}<mark>{html.escape(sentence[begin:end])}</mark>"
        f"{html.escape(sentence[end:])}"
    )


def claims_html(claims: pd.DataFrame, articles: Iterable[Article] = ()) -> str:
    """Each claim's sentence with the quote highlighted, grouped by article (HTML).

    Under each sentence: figure and unit, actor, location, claimants, as-of date, flags.
    """
    by_id = {a.id: a for a in articles}
    parts: list[str] = []
    for article_id, group in claims.groupby("article_id", sort=True):
        article = by_id.get(article_id)
        title = f" — {html.escape(article.title)}" if article and article.title else ""
        parts.append(f"<h4>{html.escape(str(article_id))}{title}</h4><ol>")
        for _, row in group.sort_values("start").iterrows():
            marked = highlight_quote(row["sentence"], row["quote"], row["start"],
                                     article.text if article else None)
            details = " · ".join(
                part for part in (
                    f"{format_figure(row)} {row['unit']}",
                    "" if is_missing(row["actor"]) else f"actor {row['actor']}",
                    "" if is_missing(row["location"]) else f"location {row['location']}",
                    f"claimants {format_claimants(row['claimants'])}",
                    format_as_of_phrase(
                        row["as_of_start"], row["as_of_end"], row.get("as_of_source")
                    ),
                    f"flags {', '.join(row['flags'])}" if len(row["flags"]) else "",
                ) if part
            )
            parts.append(f"<li>{marked}<br><small>{html.escape(details)}</small></li>")
        parts.append("</ol>")
    return "\n".join(parts) if parts else "<p>No claims selected.</p>"
