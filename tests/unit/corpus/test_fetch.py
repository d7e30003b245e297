"""``corpus fetch`` against the local web site: what is added, what is skipped and why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.corpus import catalog as corpus
from analysis.corpus.feeds import load_feeds
from analysis.corpus.fetch import run_fetch
from tests.support.ingest import feeds_file
from tests.support.local_web import LocalWeb
from tests.unit.corpus.corpus_cases import assert_one_line_error, run_cli, snapshot

NEWS = (("Morgenkurier", "/feeds/news.xml", "de"), ("Harbour Ledger", "/feeds/english.atom", "en"))


def _fetch(tmp_path: Path, local_web: LocalWeb, seeds: Path, *feeds, **options):  # noqa: ANN002, ANN003, ANN202
    lines: list[str] = []
    config = load_feeds(feeds_file(tmp_path, local_web.base, *feeds))
    summary = run_fetch(config, seeds_dir=seeds, say=lines.append, progress=False, **options)
    return summary, lines


def _titles(seeds: Path) -> set[str]:
    return {a.title for a in corpus.check_corpus(seeds)}


def test_new_articles_are_added_and_the_syndicated_copy_recognised(
    seeds: Path, tmp_path: Path, local_web: LocalWeb
) -> None:
    summary, lines = _fetch(tmp_path, local_web, seeds, *NEWS)
    assert _titles(seeds) == {
        "Titel", "Seoul: Mehr nordkoreanische Soldaten in Kursk",
        "Seoul says North Korean shipments to Russia keep growing",
        "Kiew: Nordkorea liefert weitere Raketen", "Ukraine reports captured North Korean soldiers",
    }
    assert len(summary.added) == 4 and not summary.skipped
    # the wire copy (text), and the English story listed in both feeds (URL, once per run)
    ((url, of, reason),) = summary.duplicates
    assert url.endswith("/wire/nordkorea-kursk-seoul.html") and reason.startswith("same text")
    assert of.startswith("kursk-truppen_")
    assert summary.off_topic == 2  # the weather and the markets entries
    assert summary.line().startswith("fetch: 4 new, 1 duplicate, 0 skipped; ")
    assert any(line.startswith("added raketen-lieferungen_") for line in lines)
    articles = {a.id: a for a in corpus.check_corpus(seeds)}
    assert {articles[i].source for i in summary.added} == {"feed"}


def test_a_second_run_downloads_no_article_again(seeds: Path, tmp_path: Path,
                                                 local_web: LocalWeb) -> None:
    _fetch(tmp_path, local_web, seeds, *NEWS)
    def article_hits() -> dict[str, int]:
        return {p: n for p, n in local_web.hits.items() if p.startswith(("/de/", "/en/", "/wire/"))}

    pages = article_hits()
    before = snapshot(seeds)
    summary, _ = _fetch(tmp_path, local_web, seeds, *NEWS)
    assert summary.added == [] and len(summary.duplicates) == 5
    assert article_hits() == pages
    assert snapshot(seeds) == before
    assert summary.line().startswith("fetch: 0 new, 5 duplicate, 0 skipped")


def test_max_and_since(seeds: Path, tmp_path: Path, local_web: LocalWeb) -> None:
    summary, _ = _fetch(tmp_path, local_web, seeds, *NEWS, max_new=1)
    assert len(summary.added) == 1
    assert {r for _, r in summary.skipped} == {"over --max 1"}
    summary, _ = _fetch(tmp_path, local_web, seeds, *NEWS, since=dt.date(2025, 2, 6))
    assert summary.older == 4  # dated 3 and 5 February (the English story in both feeds)
    assert [a.split("_")[0] for a in summary.added] == ["raketen-lieferungen",
                                                        "no-language-stated"]


def test_every_failure_is_skipped_with_its_reason(seeds: Path, tmp_path: Path,
                                                  local_web: LocalWeb) -> None:
    summary, lines = _fetch(tmp_path, local_web, seeds, ("failures", "/feeds/failures.xml", None),
                            ("broken", "/feeds/broken.xml", None),
                            ("gone", "/feeds/nothing-here.xml", None))
    reasons = {reason for _, reason in summary.skipped}
    assert reasons == {
        "feed entry without link", "HTTP 404", "HTTP 500", "redirect loop", "not an HTML page",
        "over the size limit", "not an article (no main text)", "timeout",
        "disallowed by robots.txt", "no publication date", "unreachable host", "malformed feed",
        "feed HTTP 404",
    }
    # kept: the page that answered after two 503s, and the French one (flagged)
    assert [a.split("_")[0] for a in summary.added] == ["coree-du-nord", "raketen-lieferungen"]
    assert summary.no_lexicon == [summary.added[0]]
    assert "1 new in a language without lexicon" in summary.line()
    assert all("\n" not in line for line in lines)
    corpus.check_corpus(seeds)  # consistent: every file has its row and the reverse
    assert not [p for p in seeds.rglob("*") if p.name.endswith(".tmp")]
    assert sorted(p.name for p in (seeds / "html").iterdir()) == sorted(
        f"{i}.html.gz" for i in summary.added)


def test_fetch_command_prints_the_summary(seeds: Path, tmp_path: Path, local_web: LocalWeb,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    feeds = feeds_file(tmp_path, local_web.base, NEWS[1])
    code, out, err = run_cli(["corpus", "fetch", "--feeds", str(feeds), "--seeds", str(seeds),
                              "--since", "2025-01-01", "--max", "5"], capsys)
    assert code == 0, err
    assert out.splitlines()[-1].startswith("fetch: 2 new, 0 duplicate, 0 skipped")
    # a run that adds nothing still succeeds, so that ``make update`` goes on to the report
    code, out, err = run_cli(["corpus", "fetch", "--feeds", str(feeds), "--seeds", str(seeds),
                              "--since", "2025-01-01", "--max", "5"], capsys)
    assert code == 0, err
    assert out.splitlines()[-1].startswith("fetch: 0 new, 2 duplicate, 0 skipped")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["--feeds", "{tmp}/missing.toml"], ("missing.toml", "feeds file not found")),
        (["--since", "2025-13-01"], ("--since", "2025-13-01")),
        (["--max", "0"], ("--max 0",)),
    ],
)
def test_fetch_that_cannot_start_is_one_line(args: list[str], needles: tuple[str, ...],
                                             seeds: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--feeds" not in args:
        args += ["--feeds", str(feeds_file(tmp_path, "http://127.0.0.1:9", NEWS[0]))]
    code, _, err = run_cli(["corpus", "fetch", *args, "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, *needles)


def test_fetch_into_a_broken_catalog_stops_before_any_download(
    seeds: Path, tmp_path: Path, local_web: LocalWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    (seeds / "catalog.csv").write_text("id,file\n", encoding="utf-8")
    feeds = feeds_file(tmp_path, local_web.base, ("never", "/feeds/never-fetched.xml", "de"))
    code, _, err = run_cli(["corpus", "fetch", "--feeds", str(feeds), "--seeds", str(seeds)],
                           capsys)
    assert_one_line_error(code, err, "catalog.csv", "missing column")
    assert local_web.hits["/feeds/never-fetched.xml"] == 0
