"""The one quote highlighter and the claims notebook's highlighted sentences."""

from __future__ import annotations

from analysis.viz.quotes import claims_html, highlight_quote, quote_span
from tests.support.explore_claims import SEED_SENTENCES
from tests.support.small_corpus import ARTICLES, CLAIMS


def test_highlight_marks_exact_quote_and_keeps_the_rest():
    out = highlight_quote(SEED_SENTENCES["fifty_thousand"], "rund 50.000 Soldaten", 1000)
    assert "dass seine Armee <mark>rund 50.000 Soldaten</mark> in Kursk festhält." in out
    assert out.count("<mark>") == 1


def test_highlight_escapes_html():
    sentence = 'The <b>report</b> said "up to 300 & more" drones & 40 tanks.'
    out = highlight_quote(sentence, "up to 300 & more", 0)
    assert "<b>" not in out
    assert "&lt;b&gt;report&lt;/b&gt;" in out
    assert "<mark>up to 300 &amp; more</mark>" in out
    assert highlight_quote("a <b> c", "c") == "a &lt;b&gt; <mark>c</mark>"


def test_highlight_picks_the_occurrence_the_offsets_point_to():
    sentence = "Es waren 500 Soldaten im Norden und 500 Soldaten im Süden."
    article_text = "Vorspann. " + sentence
    second = article_text.index("500 Soldaten im Süden")
    out = highlight_quote(sentence, "500 Soldaten", second, article_text)
    assert "im Norden und <mark>500 Soldaten</mark> im Süden" in out
    first_only = highlight_quote(sentence, "500 Soldaten", second)  # without the text: first
    assert "Es waren <mark>500 Soldaten</mark> im Norden" in first_only


def test_highlight_picks_the_right_occurrence_in_an_extracted_article():
    article = ARTICLES[0]
    rows = CLAIMS[CLAIMS["quote"] == "500 Soldaten"]
    assert len(rows) == 2
    row = rows.iloc[1]  # the second of two identical quotes in one sentence
    html = highlight_quote(row["sentence"], row["quote"], row["start"], article.text)
    assert html.count("<mark>") == 1
    assert html.endswith("&amp; danach <mark>500 Soldaten</mark>.")


def test_highlight_reports_quote_missing_from_sentence():
    out = highlight_quote("Some 20 ships left port.", "30 ships", 3)
    assert "quote not found" in out
    assert "<mark>30 ships</mark>" in out
    assert "Some 20 ships left port." in out


def test_quote_span():
    assert quote_span("a b a", "a") == (0, 1)
    assert quote_span("a b a", "a", 12, "0123456789a b a") == (0, 1)
    assert quote_span("a b a", "a", 14, "0123456789a b a") == (4, 5)
    assert quote_span("a b", "") is None and quote_span("a b", "c") is None


def test_claims_html_groups_by_article():
    html = claims_html(CLAIMS, ARTICLES)
    assert html.index("<h4>a — A &amp; B</h4>") < html.index("<h4>b</h4>")
    assert html.count("<li>") == 4 and "&lt;da&gt;" in html
    assert ("≤ 12,000 soldiers · location RU-KRS · claimants unattributed · "
            "as of 2024-11-12 (publication date) · flags actor_unknown") in html
    assert "claimants KOR" in html
    assert claims_html(CLAIMS.iloc[0:0]) == "<p>No claims selected.</p>"
