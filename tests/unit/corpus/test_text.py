"""Article text: normalization, and every kind of bad file (analysis.corpus.text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.corpus import catalog as corpus
from analysis.corpus import text
from tests.unit.corpus.corpus_cases import (
    SEED_ID,
    assert_one_line_error,
    run_cli,
    snapshot,
)

# --- normalization --------------------------------------------------------------------------


def test_bom_and_crlf_are_normalized_not_errors(seeds: Path) -> None:
    (seeds / "a1.txt").write_bytes(b"\xef\xbb\xbfErste Zeile.\r\nZweite.\rDritte.")
    article = corpus.load_corpus(seeds)[0]
    assert article.text == "Erste Zeile.\nZweite.\nDritte."


# --- bad input: each gives a specific exception and a one-line CLI error, seeds untouched ----

BAD_FILES = {
    "empty": (b"", text.EmptyArticleError, "empty"),
    "whitespace": (b"  \n\t \n", text.EmptyArticleError, "whitespace"),
    "binary": (b"abc\x00def", text.BinaryArticleError, "NUL"),
    "latin1": ("Die Truppen überquerten".encode("latin-1"), text.ArticleEncodingError,
               "byte offset 12"),
    "html": (b"<html><body><p>Text</p></body></html>", text.HtmlArticleError, "HTML"),
    "paragraph_markup": (b"Ein Satz.\n<p>Noch ein Absatz.</p>", text.HtmlArticleError, "<p"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_article_file(case: str, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data, error_class, needle = BAD_FILES[case]
    (seeds / "a1.txt").write_bytes(data)
    before = snapshot(seeds)
    with pytest.raises(error_class):
        corpus.load_corpus(seeds)
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "a1.txt", needle)
    assert snapshot(seeds) == before


def test_encoding_error_suggests_reencoding(seeds: Path) -> None:
    (seeds / "a1.txt").write_bytes("Grüße".encode("cp1252"))
    with pytest.raises(text.ArticleEncodingError, match="re-encode"):
        corpus.load_corpus(seeds)


def test_file_over_limit(seeds: Path, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    # Shrink the limit rather than writing 20 MB in a unit test; the check is the same code.
    monkeypatch.setattr(text, "MAX_FILE_BYTES", 64)
    (seeds / "a1.txt").write_text("Wort " * 40, encoding="utf-8")
    with pytest.raises(text.ArticleTooLargeError):
        corpus.load_corpus(seeds)
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "a1.txt", "limit")


def test_real_20mb_limit_constant() -> None:
    assert text.MAX_FILE_BYTES == 20 * 1024 * 1024


# --- Unicode NFC (issue 15, item 3) ---------------------------------------------------------


def test_decomposed_text_is_composed_to_nfc(seeds: Path) -> None:
    decomposed = "Die Fu\u0308hrung in Pjo\u0308ngjang schickt Soldaten.\r\n"
    (seeds / "a1.txt").write_bytes(b"\xef\xbb\xbf" + decomposed.encode("utf-8"))
    article = corpus.load_corpus(seeds)[0]
    assert article.text == "Die Führung in Pjöngjang schickt Soldaten.\n"
    assert len(article.text) == len(decomposed) - 2 - 1  # two marks composed, CR dropped


def test_seed_in_nfd_yields_the_same_five_claims(tmp_path: Path) -> None:
    import unicodedata

    from analysis.extract.claims import extract_claims

    seed = next(a for a in corpus.load_corpus() if a.id == SEED_ID)
    nfd = tmp_path / "seed_nfd.txt"
    nfd.write_text(unicodedata.normalize("NFD", seed.text), encoding="utf-8")
    assert len(nfd.read_text(encoding="utf-8")) > len(seed.text)  # really decomposed
    from_nfd = corpus.article_from_file(nfd, published=seed.published, language="de",
                                        article_id=SEED_ID)
    assert from_nfd.text == seed.text  # offsets refer to the same stored, normalized text
    fields = ["start", "end", "quote", "value", "lower", "upper", "unit", "actor",
              "location", "claimants", "as_of_start", "as_of_end", "flags"]
    expected = extract_claims(seed)[fields]
    got = extract_claims(from_nfd)[fields]
    assert len(expected) == 5
    assert got.astype(str).values.tolist() == expected.astype(str).values.tolist()
