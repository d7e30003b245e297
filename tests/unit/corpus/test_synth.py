"""The synthetic corpus: realistic shape, no repeated sentence, gold claims that come out."""

from __future__ import annotations

import csv
import re

import pytest

from analysis.cli import main
from analysis.corpus.catalog import load_corpus
from analysis.corpus.synth import check_gold, make_article, read_gold, write_corpus
from analysis.extract.claims import corpus_claim_rows
from analysis.extract.sentences import split_sentences


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    counts = write_corpus(folder, 80, seed=7)
    return folder, counts


def test_articles_have_news_length_and_claim_density(corpus):
    folder, counts = corpus
    articles = load_corpus(folder)  # the catalog and files are valid for the corpus stage
    assert len(articles) == counts["articles"] == 80
    words = [len(a.text.split()) for a in articles]
    assert 200 <= min(words) and max(words) <= 1000
    assert 300 <= sum(words) / len(words) <= 650
    per_article = counts["claims"] / counts["articles"]
    assert 3 <= per_article <= 7  # the seed: 5 claims in 391 words
    assert {a.language for a in articles} == {"de", "en"}
    months = {a.published.strftime("%Y-%m") for a in articles}
    assert len(months) >= 12


def test_no_sentence_occurs_twice_in_the_corpus(corpus):
    folder, _ = corpus
    seen: dict[str, str] = {}
    for article in load_corpus(folder):
        for sentence in split_sentences(article.text):
            text = sentence.text.strip()
            assert text not in seen, f"{article.id} repeats a sentence of {seen.get(text)}"
            seen[text] = article.id
    assert len(seen) > 1500


def test_gold_offsets_point_at_their_quotes_and_every_gold_claim_comes_out(corpus):
    folder, counts = corpus
    articles = {a.id: a for a in load_corpus(folder)}
    gold = read_gold(folder)
    assert len(gold) == counts["claims"]
    for claim in gold:
        assert articles[claim["article_id"]].text[claim["start"]:claim["end"]] == claim["quote"]
        assert re.search(r"\d", claim["quote"])
    report = check_gold(corpus_claim_rows(articles.values()), gold)
    assert report["missing_count"] == 0, report["missing"][:3]
    assert report["found"] == len(gold)
    assert report["agreement"]["quote"] == 1.0


def test_a_lost_or_changed_claim_is_reported_missing(corpus):
    folder, _ = corpus
    gold = read_gold(folder)
    extracted = [dict(claim) for claim in gold[1:]]
    extracted[0]["value"] = extracted[0]["value"] + 1
    report = check_gold(extracted, gold)
    assert report["missing_count"] == 2 and report["extra"] == 1


def test_a_larger_corpus_extends_a_smaller_one_of_the_same_seed(tmp_path):
    small, large = set(), set()
    first = [make_article(i, 3, small) for i in range(5)]
    second = [make_article(i, 3, large) for i in range(8)]
    assert [a.text for a in first] == [a.text for a in second[:5]]
    assert make_article(0, 4, set()).text != first[0].text


def test_rewriting_leaves_unchanged_articles_untouched(tmp_path):
    write_corpus(tmp_path, 4, seed=1)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.txt")}
    write_corpus(tmp_path, 5, seed=1)
    after = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.txt")}
    assert len(after) == 5 and all(after[name] == ns for name, ns in before.items())
    with (tmp_path / "catalog.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 5


def test_command_writes_the_corpus_and_refuses_bad_values(tmp_path, capsys):
    assert main(["synth", "--articles", "3", "--out", str(tmp_path / "c"), "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "wrote 3 articles" in out and "gold claims" in out
    assert (tmp_path / "c" / "README.md").read_text(encoding="utf-8").startswith("# Synthetic")
    assert main(["synth", "--articles", "0", "--out", str(tmp_path / "d")]) == 2
    assert "--articles 0" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["synth", "--articles", "2", "--out", str(tmp_path / "file")]) == 2
    assert "is a file" in capsys.readouterr().err
