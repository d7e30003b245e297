"""Numbers written in ways the web produces, and inputs made to be large (issue 15, 1-3).

Separators and invisible characters are read, or the number is refused with one warning line
naming the article; a claim's stored sentence is capped, so output grows linearly.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
import warnings

import pytest

from analysis.core import tables
from analysis.corpus.catalog import Article
from analysis.extract.claims import SkippedNumberWarning, corpus_claim_rows, extract_corpus_claims


def _article(text: str, language: str = "de", article_id: str = "h1") -> Article:
    return Article(id=article_id, file=f"{article_id}.txt", title="", outlet="", url="",
                   published=dt.date(2024, 11, 14), language=language, notes="", text=text)


def _rows(text: str, language: str = "de") -> tuple[list[dict], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SkippedNumberWarning)
        rows = corpus_claim_rows([_article(text, language)])
    return rows, [str(w.message) for w in caught if w.category is SkippedNumberWarning]


@pytest.mark.parametrize("separator", ["\u2009", "\u202f", "\u2007", "'", "\u2019"])
@pytest.mark.parametrize(("language", "template"), [
    ("de", "Nach Angaben Kiews kämpfen inzwischen rund 14{sep}500 Soldaten in Kursk."),
    ("en", "Kyiv says roughly 14{sep}500 soldiers are now fighting in Kursk."),
])
def test_thousands_separators_are_read(separator, language, template) -> None:
    text = template.format(sep=separator)
    (row,), skipped = _rows(text, language)
    assert row["value"] == 14500 and row["qualifier"] == "about" and not skipped
    assert text[row["start"]:row["end"]] == row["quote"] and row["quote"].startswith("r")


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff"])
def test_invisible_characters_inside_a_number_are_read_through(invisible) -> None:
    text = f"Seoul zufolge sind mehr als 11.{invisible}200 Soldaten verlegt worden."
    (row,), _ = _rows(text)
    assert row["value"] == 11200 and row["qualifier"] == "more_than"
    assert text[row["start"]:row["end"]] == row["quote"]  # offsets into the stored text


def test_a_number_shown_reversed_is_refused_with_one_line() -> None:
    rows, skipped = _rows("Laut Seoul sind \u202e008.31\u202c Soldaten und 900 Arbeiter dort.")
    assert [row["value"] for row in rows] == [900]
    (line,) = skipped
    assert "h1" in line and "right-to-left" in line and "\n" not in line


@pytest.mark.parametrize("digits", [16, 400])
def test_absurdly_large_numbers_are_refused_not_infinite(digits) -> None:
    rows, skipped = _rows(f"Es sollen {'7' * digits} Soldaten und 800 Arbeiter sein.")
    assert [row["value"] for row in rows] == [800]
    assert len(skipped) == 1 and "h1" in skipped[0] and "too large" in skipped[0]
    with pytest.warns(SkippedNumberWarning, match="h1"):
        frame = extract_corpus_claims([_article(f"Es sind {'9' * 400} Soldaten.")])
    assert "Infinity" not in tables.to_jsonl_text(frame)


def test_nfd_text_gives_the_claims_of_nfc_text() -> None:
    text = ("Der südkoreanische Geheimdienst erklärte am Dienstag, dass Tausende "
            "nordkoreanische Soldaten in Russland seien. Laut Präsident Selenskyj kämpfen "
            "rund 11.000 Soldaten in der Region Kursk.")
    keys = ("value", "claimants", "actor", "location", "as_of_start")
    nfc, _ = _rows(text)
    nfd, _ = _rows(unicodedata.normalize("NFD", text))
    assert [[row[k] for k in keys] for row in nfd] == [[row[k] for k in keys] for row in nfc]


def test_one_sentence_with_thousands_of_numbers_gives_linear_output() -> None:
    numbers = 3000
    sentence = "Laut Kiew am Montag: " + ", ".join(
        f"{n}.{n % 1000:03d} Soldaten" for n in range(1000, 1000 + numbers)
    ) + "."
    frame = extract_corpus_claims([_article(sentence)])
    assert len(frame) == numbers
    text = tables.to_jsonl_text(frame)
    # Every row carries a capped slice of the sentence, not all 60,000 characters of it.
    assert len(text) < numbers * 2000
    for record in map(json.loads, text.splitlines()[::500]):
        start = record["sentence_start"]
        assert sentence[start:start + len(record["sentence"])] == record["sentence"]
        assert record["quote"] in record["sentence"]
