"""Three tiny articles (German with HTML-like text and a repeated quote, English, one
without numbers) and the claims extracted from them, for the claims notebook's views."""

from __future__ import annotations

import datetime as dt

from analysis.corpus.catalog import Article
from analysis.extract.claims import extract_corpus_claims


def _article(article_id: str, text: str, language: str = "de",
             published: dt.date = dt.date(2024, 11, 12), title: str = "") -> Article:
    return Article(id=article_id, file=f"{article_id}.txt", title=title, outlet="o", url="",
                   published=published, language=language, notes="", text=text)


ARTICLES = [
    _article("a", "Es sind bis zu 12.000 Soldaten <da> in Kursk. Dann kamen 500 Soldaten & "
                  "danach 500 Soldaten.", title="A & B"),
    _article("b", "Thousands of troops are in Russia, Seoul said.", "en", dt.date(2024, 12, 1)),
    _article("c", "Keine Zahl hier.", "de", dt.date(2024, 10, 1)),
]
CLAIMS = extract_corpus_claims(ARTICLES)
