"""Shared helpers of the claims tests."""

from __future__ import annotations

import datetime as dt

from analysis.corpus.catalog import Article
from analysis.extract.claims import find_claims

PUBLISHED = dt.date(2024, 11, 12)  # a Tuesday


def claims(text: str, language: str = "de", published: dt.date = PUBLISHED) -> list[dict]:
    rows = find_claims(text, language, published, "t")
    for row in rows:
        assert text[row["start"]:row["end"]] == row["quote"]
    return rows


def one(text: str, language: str = "de", published: dt.date = PUBLISHED) -> dict:
    rows = claims(text, language, published)
    assert len(rows) == 1, [r["quote"] for r in rows]
    return rows[0]


def article(text: str, language: str = "de", article_id: str = "t1") -> Article:
    return Article(id=article_id, file=f"{article_id}.txt", title="", outlet="", url="",
                   published=PUBLISHED, language=language, notes="", text=text)
