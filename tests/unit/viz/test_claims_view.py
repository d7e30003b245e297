"""Selection, formatting and highlighting of claims for notebook 01."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.corpus.catalog import Article
from analysis.extract.claims import extract_corpus_claims
from analysis.viz import claims_view as view


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


def test_select_claims_filters() -> None:
    assert set(view.select_claims(CLAIMS)["article_id"]) == {"a", "b"}
    assert set(view.select_claims(CLAIMS, articles=["b"])["article_id"]) == {"b"}
    assert set(view.select_claims(CLAIMS, language="de")["article_id"]) == {"a"}
    assert set(view.select_claims(CLAIMS, as_of=dt.date(2024, 11, 30))["article_id"]) == {"a"}
    assert len(view.select_claims(CLAIMS, articles=[])) == 0


def test_select_articles_matches_select_claims() -> None:
    chosen = view.select_articles(ARTICLES, language="de", as_of=dt.date(2024, 11, 30))
    assert [a.id for a in chosen] == ["a", "c"]


def test_corpus_table_counts_claims_including_zero() -> None:
    table = view.corpus_table(ARTICLES, CLAIMS)
    assert table.set_index("id")["claims"].to_dict() == {"a": 3, "b": 1, "c": 0}
    assert list(table.columns) == ["id", "published", "language", "title", "outlet", "words",
                                   "claims"]


def test_figure_text() -> None:
    def row(**kw):
        base = {"value": float("nan"), "lower": float("nan"), "upper": float("nan"),
                "approx": False, "qualifier": None, "vague": False}
        base.update(kw)
        return base
    assert view.figure_text(row(value=12000.0, upper=12000.0, qualifier="up_to")) == "≤ 12,000"
    assert view.figure_text(row(value=13000.0, lower=13000.0, qualifier="more_than")) == "> 13,000"
    assert view.figure_text(row(value=3000.0, lower=3000.0, qualifier="at_least")) == "≥ 3,000"
    assert view.figure_text(row(lower=2000.0, vague=True, qualifier="vague")) == "≥ 2,000 (vague)"
    assert view.figure_text(row(lower=10.0, upper=12.0, qualifier="range")) == "10–12"
    assert view.figure_text(row(value=50000.0, approx=True, qualifier="about")) == "≈ 50,000"
    assert view.figure_text(row(value=1.5)) == "1.50"


def test_claims_table_is_readable() -> None:
    table = view.claims_table(CLAIMS)
    first = table.iloc[0]
    assert first["figure"] == "≤ 12,000" and first["location"] == "RU-KRS"
    assert table.iloc[-1]["claimants"] == "KOR"
    assert (table["claimants"] == "(outlet)").sum() == 3
    assert (table["overridden"] == "").all()
    with_overrides = CLAIMS.assign(overridden=[["as_of_end"], [], [], []])
    assert view.claims_table(with_overrides)["overridden"].tolist() == ["as_of_end", "", "", ""]


def test_highlight_escapes_and_marks_the_right_occurrence() -> None:
    article = ARTICLES[0]
    rows = CLAIMS[CLAIMS["quote"] == "500 Soldaten"]
    assert len(rows) == 2
    row = rows.iloc[1]  # the second of two identical quotes in one sentence
    offset = view.quote_offset_in_sentence(row["sentence"], row["quote"], int(row["start"]),
                                           article.text)
    html = view.highlight_quote(row["sentence"], offset, row["quote"])
    assert html.count("<mark>") == 1
    assert html.endswith("&amp; danach <mark>500 Soldaten</mark>.")
    assert view.highlight_quote("a <b> c", 6, "c") == "a &lt;b&gt; <mark>c</mark>"
    assert view.highlight_quote("x y", -1, "z") == "x y"


def test_claims_html_groups_by_article() -> None:
    html = view.claims_html(CLAIMS, ARTICLES)
    assert html.index("<h4>a — A &amp; B</h4>") < html.index("<h4>b</h4>")
    assert html.count("<li>") == 4 and "&lt;da&gt;" in html
    assert "≤ 12,000 soldiers · location RU-KRS · claimants (outlet) · flags actor_unknown" in html
    assert "claimants KOR" in html
    assert view.claims_html(CLAIMS.iloc[0:0]) == "<p>No claims selected.</p>"


def test_flag_summary() -> None:
    summary = view.flag_summary(CLAIMS)
    assert list(summary["flag"]) == ["actor_unknown"]
    assert summary.iloc[0]["claims"] == 4
    assert view.flag_summary(CLAIMS.iloc[0:0]).empty


def test_select_keeps_columns() -> None:
    assert list(view.select_claims(CLAIMS, language="en").columns) == list(CLAIMS.columns)
    assert isinstance(view.select_claims(CLAIMS), pd.DataFrame)
