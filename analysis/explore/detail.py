"""What the explorer shows of the selected claims: its table, a claim's detail, picker labels.

The table is the one claims table (:func:`analysis.viz.tables.claims_table`) with the
explorer's columns; the detail marks the quote with the one highlighter
(:func:`analysis.viz.quotes.highlight_quote`).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import pandas as pd

from analysis.core.labels import format_as_of, format_claimants, format_date, format_figure
from analysis.core.schema import is_missing
from analysis.explore.filters import check_columns, in_reading_order
from analysis.viz.quotes import highlight_quote
from analysis.viz.tables import CLAIM_FIELDS, Column, claims_table, list_cell


def _source(row: Mapping[str, Any]) -> str:
    """The article id of an extracted claim, the outlet of a reference claim."""
    if row.get("source") == "reference":
        return f"reference: {row.get('outlet')}"
    return str(row.get("article_id"))


# The explorer's table, in order (its own names for the figure and the as-of interval).
_COLUMNS: tuple[str | Column, ...] = (
    "published", Column("estimate", format_figure), "unit", "actor", "location", "claimants",
    Column("as_of", CLAIM_FIELDS["as of"].render), "quote", Column("source", _source), "flags",
    "claim_id",
)
TABLE_COLUMNS: tuple[str, ...] = tuple(
    c.header if isinstance(c, Column) else c for c in _COLUMNS
)


def explorer_table(claims: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The explorer's table: one row per claim, readable columns (see :data:`TABLE_COLUMNS`).

    ``estimate`` renders value and bounds with the qualifier ("≤ 12,000"), ``as_of`` the
    interval the claim refers to; lists become comma-separated text. Sorted by
    publication date, then position in the article; ``limit`` keeps the first rows.
    """
    check_columns(claims)
    ordered = in_reading_order(claims)
    if limit is not None:
        ordered = ordered.head(limit)
    return claims_table(ordered, _COLUMNS)


def _text_or_dash(value: Any) -> str:
    return "—" if is_missing(value) or value == "" else str(value)


def _with_text(code: Any, text: Any) -> str:
    """``RU-KRS`` + ``"in der russischen Region Kursk"`` -> ``RU-KRS ("in der ...")``."""
    shown = _text_or_dash(code)
    if is_missing(text) or not str(text):
        return shown
    return f'{shown} ("{text}")'


def claim_detail_html(claim_row: Mapping[str, Any], article: Any | None = None) -> str:
    """A claim's highlighted sentence, its structured fields and its article's metadata.

    ``article`` is an :class:`analysis.corpus.catalog.Article` (or None when the claim's article
    is not in the catalog); its text disambiguates repeated quotes.
    """
    article_text = getattr(article, "text", None)
    fields: list[tuple[str, str]] = [
        ("estimate", f"{format_figure(claim_row)} {claim_row.get('unit', '')}".strip()),
        ("actor", _text_or_dash(claim_row.get("actor"))),
        ("location", _with_text(claim_row.get("location"), claim_row.get("location_text"))),
        (
            "claimants",
            _with_text(format_claimants(claim_row.get("claimants")),
                       claim_row.get("claimant_text")),
        ),
        (
            "as of",
            _with_text(
                format_as_of(claim_row.get("as_of_start"), claim_row.get("as_of_end")),
                claim_row.get("as_of_text"),
            ),
        ),
        ("since", format_date(claim_row.get("since"), missing="—")),
        ("flags", ", ".join(map(str, list_cell(claim_row.get("flags")))) or "—"),
        (
            "overridden",
            ", ".join(map(str, list_cell(claim_row.get("overridden"))))
            or "—  (values as extracted)",
        ),
        (
            "offsets",
            f"characters {claim_row.get('start')}–{claim_row.get('end')} of "
            f"article {claim_row.get('article_id')}",
        ),
    ]
    if claim_row.get("source") == "reference":
        fields = [f for f in fields if f[0] != "offsets"] + [
            ("outlet", _text_or_dash(claim_row.get("outlet"))),
            ("published", format_date(claim_row.get("published"))),
            ("language", _text_or_dash(claim_row.get("language"))),
            ("url", str(claim_row.get("url") or "")),
        ]
    elif article is not None:
        url = str(getattr(article, "url", "") or "")
        fields += [
            ("title", _text_or_dash(getattr(article, "title", ""))),
            ("outlet", _text_or_dash(getattr(article, "outlet", ""))),
            ("published", format_date(getattr(article, "published", None))),
            ("language", _text_or_dash(getattr(article, "language", ""))),
            ("url", url or "—"),
        ]
    else:
        fields += [
            ("published", format_date(claim_row.get("published"))),
            ("language", _text_or_dash(claim_row.get("language"))),
            ("article", "not in the catalog (seeds/catalog.csv)"),
        ]
    rows = []
    for name, value in fields:
        if name == "url" and value.startswith(("http://", "https://")):
            shown = (
                f'<a href="{html.escape(value, quote=True)}" target="_blank" '
                f'rel="noopener noreferrer">{html.escape(value)}</a>'
            )
        else:
            shown = html.escape(value)
        # Inline alignment: JupyterLab right-aligns table cells in HTML outputs.
        rows.append(
            f'<tr><th style="text-align: right">{html.escape(name)}</th>'
            f'<td style="text-align: left">{shown}</td></tr>'
        )
    if claim_row.get("source") == "reference":
        counted = claim_row.get("counted_text")
        sentence = html.escape("Reference claim coded from public reporting (no article text "
                               "is kept)" + ("" if is_missing(counted) else f": {counted}")
                               + "; follow the url for the source.")
    else:
        sentence = highlight_quote(claim_row.get("sentence"), claim_row.get("quote"),
                                   claim_row.get("start"), article_text)
    return (
        '<div class="nk-claim-detail">'
        f'<p class="nk-sentence">{sentence}</p>'
        '<table class="nk-claim-fields">'
        + "".join(rows)
        + "</table></div>"
    )


def claim_label(claim_row: Mapping[str, Any]) -> str:
    """Short one-line label for the claim picker: date, figure, unit and the quote's start
    (for a reference claim: its outlet)."""
    quote = claim_row.get("quote")
    quote = f"[{claim_row.get('outlet')}]" if is_missing(quote) else str(quote)
    short = quote if len(quote) <= 60 else quote[:59] + "…"
    return (
        f"{format_date(claim_row.get('published'))} · {format_figure(claim_row)} "
        f"{claim_row.get('unit', '')} · {short}"
    )
