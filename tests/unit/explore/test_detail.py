"""What the explorer shows: its table and a claim's detail."""

from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")


from analysis.corpus.catalog import Article  # noqa: E402
from analysis.explore.detail import TABLE_COLUMNS, claim_detail_html, explorer_table  # noqa: E402


def test_claims_table_is_readable(claims):
    table = explorer_table(claims)
    assert tuple(table.columns) == TABLE_COLUMNS
    by_quote = table.set_index("quote")
    fifty = by_quote.loc["rund 50.000 Soldaten"]
    assert fifty["estimate"] == "≈ 50,000"
    assert fifty["actor"] == ""
    assert fifty["as_of"] == "2024-11-11"
    assert fifty["flags"] == "actor_unknown"
    assert by_quote.loc["mehr als 13.000 Container", "estimate"] == "> 13,000"
    assert by_quote.loc["10.000 nordkoreanische Truppen", "claimants"] == "USA"
    assert by_quote.loc["Tausende nordkoreanischer Truppen", "claimants"] == "KOR, USA, UKR"
    assert list(table["published"]) == sorted(table["published"])


def test_claim_detail_shows_fields_and_article_metadata(claims):
    row = claims.iloc[1]
    article = Article(
        id="seed", file="seed.txt", title="Nordkorea & Russland", outlet="Test outlet",
        url="https://example.org/a?b=1&c=2", published=dt.date(2024, 11, 12), language="de",
        notes="", text="x" * 800 + row["sentence"],
    )
    out = claim_detail_html(row, article)
    assert "<mark>10.000 nordkoreanische Truppen</mark>" in out
    assert "Nordkorea &amp; Russland" in out
    assert 'href="https://example.org/a?b=1&amp;c=2"' in out
    assert "2024-11-04–10" in out and "Letzte Woche" in out
    assert f"characters {row['start']}–{row['end']} of article seed" in out


def test_claim_detail_without_article_says_so(claims):
    out = claim_detail_html(claims.iloc[4], None)
    assert "not in the catalog" in out
    assert "2025-01-12" in out


def test_claim_detail_does_not_link_non_http_urls(claims):
    article = Article(
        id="seed", file="seed.txt", title="", outlet="", url="javascript:alert(1)",
        published=dt.date(2024, 11, 12), language="de", notes="", text="",
    )
    out = claim_detail_html(claims.iloc[0], article)
    assert "<a " not in out
