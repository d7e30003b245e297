"""``corpus add`` with saved web pages and URLs (served by the local web site)."""

from __future__ import annotations

import csv
import gzip
import os
import signal
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.corpus import adding
from analysis.corpus import catalog as corpus
from tests.support.ingest import feeds_file
from tests.support.local_web import LocalWeb
from tests.unit.corpus.corpus_cases import assert_one_line_error, run_cli, snapshot


@pytest.fixture
def fast(tmp_path: Path, local_web: LocalWeb) -> list[str]:
    """``--feeds`` with the local site's politeness settings (no pauses, short timeouts)."""
    return ["--feeds", str(feeds_file(tmp_path, local_web.base, ("x", "/feeds/news.xml", "de")))]


def _rows(seeds: Path) -> dict[str, dict[str, str]]:
    with (seeds / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def _add(capsys: pytest.CaptureFixture[str], seeds: Path, *args: str) -> tuple[int, str, str]:
    return run_cli(["corpus", "add", *args, "--seeds", str(seeds)], capsys)


def test_saved_page_is_added_with_its_metadata(
    seeds: Path, tmp_path: Path, local_web: LocalWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "Seoul – Mehr Soldaten.html"
    saved.write_bytes(local_web.render("de/kursk-truppen.html"))
    code, out, err = _add(capsys, seeds, str(saved))
    assert code == 0, err
    (new_id,) = set(_rows(seeds)) - {"a1"}
    row = _rows(seeds)[new_id]
    assert new_id.startswith("kursk-truppen_")  # from the canonical URL
    assert f"added {new_id}" in out
    assert row["url"] == local_web.url("/de/kursk-truppen.html")
    assert (row["published"], row["language"], row["source"]) == ("2025-02-03", "de", "file")
    assert row["title"] == "Seoul: Mehr nordkoreanische Soldaten in Kursk"
    assert row["outlet"] == "Morgenkurier" and row["fetched_at"].endswith("Z")
    kept = gzip.decompress((seeds / "html" / f"{new_id}.html.gz").read_bytes())
    assert kept == saved.read_bytes()  # the original page, for a later re-extraction
    article = {a.id: a for a in corpus.check_corpus(seeds)}[new_id]
    assert "rund 11.500 nordkoreanische Soldaten" in article.text
    assert "Cookies" not in article.text


def test_url_is_added(seeds: Path, fast: list[str], local_web: LocalWeb,
                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _add(capsys, seeds, local_web.url("/en/troops-and-shells.html"), *fast)
    assert code == 0, err
    (row,) = [r for r in _rows(seeds).values() if r["id"] != "a1"]
    assert (row["source"], row["language"], row["published"]) == ("url", "en", "2025-02-05")
    assert row["outlet"] == "The Harbour Ledger"


def test_flags_override_what_the_page_says(
    seeds: Path, fast: list[str], local_web: LocalWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _add(capsys, seeds, local_web.url("/de/raketen-lieferungen.html"), *fast,
                        "--published", "2025-02-08", "--language", "de", "--title", "Eigener Titel",
                        "--outlet", "Eigenes Blatt", "--id", "raketen", "--notes", "geprüft")
    assert code == 0, err
    row = _rows(seeds)["raketen"]
    assert (row["published"], row["title"], row["outlet"], row["notes"]) == (
        "2025-02-08", "Eigener Titel", "Eigenes Blatt", "geprüft")


def test_page_without_date_needs_published(
    seeds: Path, fast: list[str], local_web: LocalWeb, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    saved = tmp_path / "analysis.htm"
    saved.write_bytes(local_web.render("en/undated-analysis.html"))
    before = snapshot(seeds)
    code, _, err = _add(capsys, seeds, str(saved))
    assert_one_line_error(code, err, "analysis.htm", "no publication date", "--published")
    assert snapshot(seeds) == before
    code, _, err = _add(capsys, seeds, str(saved), "--published", "2025-02-11")
    assert code == 0, err


def test_same_url_twice_is_a_duplicate(seeds: Path, fast: list[str], local_web: LocalWeb,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    url = local_web.url("/en/troops-and-shells.html")
    assert _add(capsys, seeds, url, *fast)[0] == 0
    (first,) = set(_rows(seeds)) - {"a1"}
    before = snapshot(seeds)
    code, out, _ = _add(capsys, seeds, url + "?utm_source=newsletter#top", *fast)
    assert code == 1
    assert f"is already in the corpus as {first} (same URL); not added" in out
    assert snapshot(seeds) == before


def test_syndicated_copy_is_a_duplicate_of_the_first(
    seeds: Path, fast: list[str], local_web: LocalWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(capsys, seeds, local_web.url("/de/kursk-truppen.html"), *fast)[0] == 0
    (first,) = set(_rows(seeds)) - {"a1"}
    wire = local_web.url("/wire/nordkorea-kursk-seoul.html")
    code, out, _ = _add(capsys, seeds, wire, *fast)
    assert code == 1
    assert f"as {first} (same text under another URL)" in out
    assert set(_rows(seeds)) == {"a1", first}
    recorded = (seeds / adding.DUPLICATES_NAME).read_text(encoding="utf-8")
    assert wire in recorded and first in recorded
    hits = local_web.hits["/wire/nordkorea-kursk-seoul.html"]
    code, out, _ = _add(capsys, seeds, wire, *fast)
    assert code == 1 and "recorded on" in out
    assert local_web.hits["/wire/nordkorea-kursk-seoul.html"] == hits + 1  # add still looks


def test_same_text_file_twice_is_a_duplicate(seeds: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes((seeds / "a1.txt").read_bytes().replace(b"\n", b"\r\n"))
    code, out, _ = _add(capsys, seeds, str(copy), "--published", "2024-05-02", "--language", "de")
    assert code == 1 and "as a1 (same text under another URL)" in out


def test_language_without_lexicon_is_added_flagged_and_skipped_by_extraction(
    seeds: Path, fast: list[str], local_web: LocalWeb, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, err = _add(capsys, seeds, local_web.url("/fr/coree-du-nord.html"), *fast)
    assert code == 0, err
    (french,) = set(_rows(seeds)) - {"a1"}
    assert f"flagged: {french}: no lexicon for 'fr'" in out and "no claims" in out
    code, out, _ = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert code == 0
    assert f"flagged: no lexicon for 'fr' (have: de, en): 1 article(s) kept without claims: " \
           f"{french}" in out
    from analysis.facts.store import build_tables

    tables = build_tables(corpus.load_corpus(seeds))
    assert french not in set(tables["claims"]["article_id"]) | set(tables["events"]["article_id"])
    assert "a1" in set(tables["claims"]["article_id"])
    monkeypatch.setattr(paths, "SEEDS_DIR", seeds)
    code, out, err = run_cli(["extract"], capsys)
    assert code == 0 and f"skipped (see corpus check): {french}" in err
    assert "a1" in out and french not in out


@pytest.mark.parametrize(
    ("path", "needles"),
    [
        ("/section.html", ("section.html", "not an article")),
        ("/files/bericht.pdf", ("bericht.pdf", "not an HTML page", "application/pdf")),
        ("/img/karte.png", ("karte.png", "not an HTML page", "image/png")),
        ("/de/geloescht.html", ("geloescht.html", "HTTP 404")),
        ("/status/500", ("/status/500", "HTTP 500")),
        ("/loop/a", ("/loop/a", "redirect loop")),
        ("/huge.html", ("huge.html", "over the size limit")),
        ("/en/private/members-only.html", ("members-only", "robots.txt")),
    ],
)
def test_url_failures_are_one_line(path: str, needles: tuple[str, ...], seeds: Path,
                                   fast: list[str], local_web: LocalWeb,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(seeds)
    code, _, err = _add(capsys, seeds, local_web.url(path), *fast)
    assert_one_line_error(code, err, *needles)
    assert snapshot(seeds) == before


def test_unreachable_host_is_one_line(seeds: Path, fast: list[str], local_web: LocalWeb,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _add(capsys, seeds, local_web.closed_base + "/a.html", *fast)
    assert_one_line_error(code, err, "unreachable host")


@pytest.mark.parametrize("bad", ["ftp://example.org/a.html", "https:///a.html"])
def test_not_an_http_url(bad: str, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _add(capsys, seeds, bad)
    assert_one_line_error(code, err, repr(bad), "not an http(s) URL")


def test_many_inputs_one_bad_keeps_the_good_ones(
    seeds: Path, fast: list[str], local_web: LocalWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _add(capsys, seeds, local_web.url("/de/geloescht.html"),
                          local_web.url("/en/troops-and-shells.html"), *fast)
    assert code == 2
    assert err.count("\n") == 1 and "HTTP 404" in err
    assert "added troops-and-shells_" in out
    assert len(corpus.check_corpus(seeds)) == 2


def test_id_with_many_inputs_is_refused(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _add(capsys, seeds, "a.txt", "b.txt", "--id", "x")
    assert_one_line_error(code, err, "--id names one article")


# --- committing: interrupts and failures leave the corpus consistent ----------------------


def _new(seeds: Path, tmp_path: Path, local_web: LocalWeb) -> adding.NewArticle:
    from analysis.corpus.pages import parse_page

    html = local_web.render("de/raketen-lieferungen.html")
    page = parse_page(html, "raketen.html", url=local_web.url("/de/raketen-lieferungen.html"))
    return adding.prepare_page(page, html, adding.Overrides(article_id="raketen"),
                               origin="raketen.html", source="file")


def test_ctrl_c_during_the_commit_waits_until_the_article_is_complete(
    seeds: Path, tmp_path: Path, local_web: LocalWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = corpus.write_catalog

    def interrupted_write(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C between the files and the catalog
        return real_write(*args, **kwargs)

    monkeypatch.setattr(corpus, "write_catalog", interrupted_write)
    with pytest.raises(KeyboardInterrupt):
        adding.commit(_new(seeds, tmp_path, local_web), seeds)
    assert {a.id for a in corpus.check_corpus(seeds)} == {"a1", "raketen"}
    assert (seeds / "html" / "raketen.html.gz").is_file()
    assert not [p for p in seeds.rglob("*.tmp")]


def test_a_failed_catalog_write_takes_the_new_files_away(
    seeds: Path, tmp_path: Path, local_web: LocalWeb, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(seeds)

    def full_disk(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(corpus, "write_catalog", full_disk)
    with pytest.raises(OSError):
        adding.commit(_new(seeds, tmp_path, local_web), seeds)
    assert snapshot(seeds) == before
    corpus.check_corpus(seeds)


def test_kept_page_can_be_extracted_again_keeping_its_row(
    seeds: Path, fast: list[str], local_web: LocalWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(capsys, seeds, local_web.url("/de/raketen-lieferungen.html"), *fast,
                "--published", "2025-02-08", "--notes", "Datum geprüft")[0] == 0
    (article_id,) = set(_rows(seeds)) - {"a1"}
    row = _rows(seeds)[article_id]
    (seeds / row["file"]).write_text("Von Hand verdorbener Text.\n", encoding="utf-8")
    archive = seeds / "html" / f"{article_id}.html.gz"
    code, out, err = _add(capsys, seeds, str(archive), "--replace")
    assert code == 0, err
    assert f"replaced {article_id}" in out
    assert _rows(seeds)[article_id] == row  # same metadata, provenance and fetch time
    text = (seeds / row["file"]).read_text(encoding="utf-8")
    assert "bis zu 150 ballistische Raketen" in text
