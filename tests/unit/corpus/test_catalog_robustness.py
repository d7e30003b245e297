"""The catalog under concurrent adds, with columns it does not know, and hostile names
(issue 15, items 8 and 9: lost rows, dropped columns, duplicate header columns, a
300-character id, symbolic links out of the repository)."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from analysis.corpus import catalog as corpus
from tests.unit.corpus.corpus_cases import (
    HEADER,
    assert_one_line_error,
    run_cli,
    snapshot,
)


def _add_in_child(source: str, seeds: str, queue: multiprocessing.Queue) -> None:
    from analysis.cli import main

    queue.put(main(["corpus", "add", source, "--published", "2024-06-01", "--language", "de",
                    "--seeds", seeds]))


def test_ten_concurrent_adds_keep_every_row(seeds: Path, tmp_path: Path) -> None:
    sources = []
    for number in range(10):
        source = tmp_path / f"parallel-{number}.txt"
        source.write_text(f"Bericht {number}: Es wurden {number + 1}.000 Soldaten verlegt.\n",
                          encoding="utf-8")
        sources.append(source)
    # Forked workers: ten real processes racing for the catalog, without ten interpreter
    # start-ups.
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_add_in_child, args=(str(s), str(seeds), queue))
               for s in sources]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert [queue.get(timeout=5) for _ in workers] == [0] * 10
    ids = [a.id for a in corpus.check_corpus(seeds)]
    assert sorted(ids) == sorted(["a1", *(s.stem for s in sources)])


def test_unknown_columns_are_kept_when_the_catalog_is_rewritten(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seeds / "catalog.csv").write_text(
        "id,file,reviewer,title,outlet,url,published,language,notes,priority\n"
        "a1,a1.txt,Kim,Titel,Blatt,,2024-05-02,de,,hoch\n", encoding="utf-8")
    source = tmp_path / "b2.txt"
    source.write_text("Rund 400 Soldaten wurden verlegt.\n", encoding="utf-8")
    code, _, err = run_cli(["corpus", "add", str(source), "--published", "2024-06-01",
                            "--language", "de", "--seeds", str(seeds)], capsys)
    assert code == 0, err
    lines = (seeds / "catalog.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("id,file,reviewer,title,outlet,url,published,language,notes,priority,"
                        "source,fetched_at")
    assert lines[1] == "a1,a1.txt,Kim,Titel,Blatt,,2024-05-02,de,,hoch,,"
    assert lines[2].startswith("b2,b2.txt,,,,,2024-06-01,de,,,file,20")


def test_catalog_without_the_new_columns_still_loads(seeds: Path) -> None:
    (article,) = corpus.check_corpus(seeds)
    assert (article.source, article.fetched_at) == ("file", "")


def test_duplicate_header_column_is_refused(seeds: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (seeds / "catalog.csv").write_text(
        "id,file,title,outlet,url,published,language,notes,published\n"
        "a1,a1.txt,T,O,,2024-05-02,de,,2099-01-01\n", encoding="utf-8")
    before = snapshot(seeds)
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "catalog.csv", "'published'", "more than once")
    assert snapshot(seeds) == before


def test_bad_source_value(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (seeds / "catalog.csv").write_text(
        HEADER.strip() + ",source,fetched_at\na1,a1.txt,T,O,,2024-05-02,de,,ftp,\n",
        encoding="utf-8")
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "catalog.csv:2", "source 'ftp'", "file, url, feed")


def test_300_character_id_is_one_line_not_oserror(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "kurz.txt"
    source.write_text("Rund 400 Soldaten wurden verlegt.\n", encoding="utf-8")
    before = snapshot(seeds)
    code, _, err = run_cli(["corpus", "add", str(source), "--published", "2024-06-01",
                            "--language", "de", "--id", "a" * 300, "--seeds", str(seeds)],
                           capsys)
    assert_one_line_error(code, err, "300 characters", "at most 120")
    assert snapshot(seeds) == before
    long_stem = tmp_path / ("b" * 250 + ".txt")
    long_stem.write_text("Rund 400 Soldaten wurden verlegt.\n", encoding="utf-8")
    code, _, err = run_cli(["corpus", "add", str(long_stem), "--published", "2024-06-01",
                            "--language", "de", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "250 characters", "--id")


def test_300_character_id_in_the_catalog(seeds: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    (seeds / "catalog.csv").write_text(HEADER + f"{'x' * 300},a1.txt,T,O,,2024-05-02,de,\n",
                                       encoding="utf-8")
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "catalog.csv:2", "300 characters")


def test_symlink_to_a_file_outside_the_repository_is_refused(
    seeds: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "private.txt"
    elsewhere.write_text("Geheime Notiz mit 5.000 Einträgen.\n", encoding="utf-8")
    (seeds / "a1.txt").unlink()
    os.symlink(elsewhere, seeds / "a1.txt")
    with pytest.raises(corpus.CatalogValueError):
        corpus.load_corpus(seeds)
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "a1.txt", "symbolic link", "outside")


def test_uncatalogued_symlink_out_of_the_repository_is_refused(
    seeds: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink("/etc/hostname", seeds / "notes.md")
    code, _, err = run_cli(["corpus", "check", "--seeds", str(seeds)], capsys)
    assert_one_line_error(code, err, "notes.md", "symbolic link", "outside")


def test_symlink_inside_the_corpus_folder_is_followed(seeds: Path) -> None:
    archive = seeds.parent / "archive"
    archive.mkdir()
    (seeds / "a1.txt").rename(archive / "a1.txt")
    os.symlink(archive / "a1.txt", seeds / "a1.txt")
    (article,) = corpus.check_corpus(seeds)
    assert "3.000 Soldaten" in article.text
