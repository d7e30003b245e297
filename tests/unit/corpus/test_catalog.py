"""The catalog: loading, adding, listing, and every kind of bad row."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.corpus import catalog as corpus
from analysis.corpus import text
from tests.unit.corpus.corpus_cases import (
    GOOD_TEXT,
    HEADER,
    SEED_ID,
    assert_one_line_error,
    run_cli,
    snapshot,
)

# --- the real seed --------------------------------------------------------------------------


def test_seed_is_byte_identical_to_shared_copy() -> None:
    shared = paths.ROOT.parent / "shared" / "seeds" / f"{SEED_ID}.txt"
    if not shared.exists():
        pytest.skip("shared/ seeds not beside this clone")
    assert (paths.SEEDS_DIR / f"{SEED_ID}.txt").read_bytes() == shared.read_bytes()


def test_seed_bytes_are_the_received_file() -> None:
    # sha256 of the seed as received (3,016 bytes, no trailing newline); every committed
    # offset in data/facts/ depends on these exact bytes.
    data = (paths.SEEDS_DIR / f"{SEED_ID}.txt").read_bytes()
    assert len(data) == 3016
    assert hashlib.sha256(data).hexdigest() == (
        "330724ca91dd4a2db81f42b9fa5c3d0fbd7884ab402eb5e0b479197ec1736c78"
    )


def test_seed_loads_with_catalog_metadata() -> None:
    articles = corpus.check_corpus()
    seed = next(a for a in articles if a.id == SEED_ID)
    assert seed.published == dt.date(2024, 11, 12)
    assert seed.language == "de"
    assert seed.title
    assert seed.text.startswith("Der Deal gilt als")
    assert not seed.text.endswith("\n")  # no trailing newline in the source: offsets rely on it


def test_corpus_check_lists_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["corpus", "check"], capsys)
    assert code == 0, err
    assert SEED_ID in out and "2024-11-12" in out and " de " in out


def test_corpus_frame_has_metadata_and_sizes(seeds: Path) -> None:
    frame = corpus.corpus_frame(corpus.load_corpus(seeds))
    assert list(frame["id"]) == ["a1"]
    assert frame.loc[0, "words"] == len(GOOD_TEXT.split())
    assert str(frame["published"].dtype).startswith("datetime64")


BAD_ROWS = {
    "missing_file": ("a1,gone.txt,T,O,,2024-05-02,de,\n", text.MissingArticleFileError,
                     "gone.txt"),
    "duplicate_id": ("a1,a1.txt,T,O,,2024-05-02,de,\na1,a1.txt,T,O,,2024-05-03,de,\n",
                     corpus.DuplicateIdError, "duplicate id 'a1'"),
    "published_missing": ("a1,a1.txt,T,O,,,de,\n", corpus.CatalogValueError, "published"),
    "published_not_iso": ("a1,a1.txt,T,O,,12.11.2024,de,\n", corpus.CatalogValueError,
                          "12.11.2024"),
    "published_future": ("a1,a1.txt,T,O,,2999-01-01,de,\n", corpus.CatalogValueError, "future"),
    "unknown_language": ("a1,a1.txt,T,O,,2024-05-02,deu,\n", corpus.CatalogValueError, "'deu'"),
    "language_missing": ("a1,a1.txt,T,O,,2024-05-02,,\n", corpus.CatalogValueError, "language"),
    "file_escapes": ("a1,../secret.txt,T,O,,2024-05-02,de,\n", corpus.CatalogValueError,
                     "../secret.txt"),
    "file_absolute": ("a1,/etc/passwd,T,O,,2024-05-02,de,\n", corpus.CatalogValueError,
                      "/etc/passwd"),
    "id_escapes": ("../a1,a1.txt,T,O,,2024-05-02,de,\n", corpus.CatalogValueError, "../a1"),
    "id_bad_chars": ("a 1!,a1.txt,T,O,,2024-05-02,de,\n", corpus.CatalogValueError, "a 1!"),
    "file_bad_chars": ("a1,a1 (copy).txt,T,O,,2024-05-02,de,\n", corpus.CatalogValueError,
                       "a1 (copy).txt"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_bad_catalog_row(case: str, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows, error_class, needle = BAD_ROWS[case]
    (seeds / "catalog.csv").write_text(HEADER + rows, encoding="utf-8")
    before = snapshot(seeds)
    with pytest.raises(error_class):
        corpus.load_corpus(seeds)
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "catalog.csv", needle)
    assert snapshot(seeds) == before


def test_text_file_without_catalog_row(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (seeds / "stray.txt").write_text("Ein Artikel ohne Katalogeintrag.", encoding="utf-8")
    with pytest.raises(corpus.UncataloguedFileError):
        corpus.check_corpus(seeds)
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "stray.txt", "no row in catalog.csv")


def test_catalog_missing_column(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (seeds / "catalog.csv").write_text("id,file\na1,a1.txt\n", encoding="utf-8")
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "missing column", "published")


def test_catalog_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["corpus", "check", "--seeds", str(tmp_path)], capsys)
    assert_one_line_error(code, err, "catalog not found")


# --- corpus add -----------------------------------------------------------------------------


def test_add_copies_file_and_appends_row(seeds: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "new-piece.txt"
    source.write_bytes(b"Rund 1.500 Soldaten wurden verlegt.\r\n")
    code, out, err = run_cli(
        ["corpus", "add", str(source), "--published", "2024-06-01", "--language", "de",
         "--title", "Ein Titel, mit Komma", "--outlet", "Zeitung", "--seeds", str(seeds)],
        capsys,
    )
    assert code == 0, err
    assert "added new-piece" in out
    assert (seeds / "new-piece.txt").read_bytes() == source.read_bytes()
    articles = {a.id: a for a in corpus.check_corpus(seeds)}
    assert articles["new-piece"].title == "Ein Titel, mit Komma"
    assert articles["new-piece"].published == dt.date(2024, 6, 1)
    assert articles["new-piece"].text == "Rund 1.500 Soldaten wurden verlegt.\n"
    assert list(articles) == ["a1", "new-piece"]


def test_add_existing_id_refused_unless_replace(seeds: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "a1.txt"
    source.write_text("Neue Fassung mit 2.000 Soldaten.", encoding="utf-8")
    before = snapshot(seeds)
    code, _, err = run_cli(
        ["corpus", "add", str(source), "--published", "2024-06-01", "--language", "de",
         "--seeds", str(seeds)], capsys,
    )
    assert_one_line_error(code, err, "'a1' already exists", "--replace")
    assert snapshot(seeds) == before
    code, out, err = run_cli(
        ["corpus", "add", str(source), "--published", "2024-06-01", "--language", "de",
         "--replace", "--seeds", str(seeds)], capsys,
    )
    assert code == 0, err
    articles = corpus.check_corpus(seeds)
    assert len(articles) == 1
    assert articles[0].text == "Neue Fassung mit 2.000 Soldaten."
    assert articles[0].published == dt.date(2024, 6, 1)


@pytest.mark.parametrize(
    ("content", "extra", "needle"),
    [
        (b"<html><p>x</p></html>", [], "HTML"),
        (b"", [], "empty"),
        (b"\xff\xfeT\x00e\x00x\x00t\x00", [], "NUL"),
        (b"Text", ["--published", "morgen"], "not an ISO date"),
        (b"Text", ["--language", "xx"], "ISO 639-1"),
        (b"Text", ["--id", "../evil"], "../evil"),
    ],
)
def test_add_rejects_bad_input_without_touching_seeds(
    content: bytes, extra: list[str], needle: str, seeds: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "incoming.txt"
    source.write_bytes(content)
    args = {"--published": "2024-06-01", "--language": "en"}
    for flag, value in zip(extra[::2], extra[1::2], strict=True):
        args[flag] = value
    argv = ["corpus", "add", str(source), "--seeds", str(seeds)]
    for flag, value in args.items():
        argv += [flag, value]
    before = snapshot(seeds)
    code, _, err = run_cli(argv, capsys)
    assert_one_line_error(code, err, needle)
    assert snapshot(seeds) == before


def test_add_missing_source_file(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(
        ["corpus", "add", str(seeds / "nope.txt"), "--published", "2024-06-01",
         "--language", "de", "--seeds", str(seeds)], capsys,
    )
    assert_one_line_error(code, err, "nope.txt", "not found")


def test_cli_subprocess_prints_no_traceback(seeds: Path) -> None:
    (seeds / "a1.txt").write_bytes(b"\x00\x01")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "corpus", "check", "--seeds", str(seeds)],
        capture_output=True, text=True, cwd=paths.ROOT, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
