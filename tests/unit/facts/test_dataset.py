"""``facts build --out``: Parquet by month, incremental, atomic, resumable (sync and processes)."""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analysis.cli import main
from analysis.core.errors import FactsError, ParameterError
from analysis.corpus.synth import check_gold, read_gold, write_corpus
from analysis.facts import dataset, months
from analysis.facts.dataset import build_dataset
from tests.support.facts_datasets import assert_same_rows, dataset_rows

ARTICLES = 14


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, ARTICLES, seed=11)
    return folder


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "facts"
    summary = build_dataset(corpus, out, scheduler="sync", batch_size=3)
    assert summary["articles"] == summary["extracted"] == ARTICLES
    return out


def copy_corpus(corpus: Path, target: Path) -> Path:
    shutil.copytree(corpus, target)
    return target


def test_every_gold_claim_comes_out_partitioned_by_month(corpus, built):
    rows = dataset_rows(built)
    report = check_gold(rows["claims"].to_dict("records"), read_gold(corpus))
    assert report["missing_count"] == 0 and report["found"] > 3 * ARTICLES
    months = {p.name for p in (built / "claims").iterdir()}
    published = {f"published_month={d:%Y-%m}" for d in rows["claims"]["published"]}
    assert published <= months and all(name.startswith("published_month=") for name in months)
    articles = pq.read_table(built / "articles").to_pylist()
    assert len(articles) == ARTICLES
    assert {len(a["content_hash"]) for a in articles} == {64}
    assert {a["extractor_version"] for a in articles} == {dataset.extractor_version()}
    assert sum(a["claims"] for a in articles) == len(rows["claims"])


def test_re_run_extracts_nothing_and_rewrites_nothing(corpus, built):
    files = sorted(built.glob("*/*/*.parquet"))
    before = [p.stat().st_mtime_ns for p in files]
    summary = build_dataset(corpus, built, scheduler="sync", batch_size=3)
    assert (summary["extracted"], summary["months_rewritten"]) == (0, 0)
    assert [p.stat().st_mtime_ns for p in files] == before


def test_changed_added_and_removed_articles_are_all_that_is_redone(corpus, built, tmp_path):
    changed = copy_corpus(corpus, tmp_path / "corpus")
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    lines = (changed / "catalog.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    first, removed = lines[1].split(",")[1], lines[2].split(",")[0]
    text = (changed / first).read_text(encoding="utf-8")
    (changed / first).write_text(text.replace("\n", "\nA new line without figures.\n", 1),
                                 encoding="utf-8")
    (changed / "catalog.csv").write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    write_corpus_extra = tmp_path / "extra"  # one new article, from another seed
    write_corpus(write_corpus_extra, 1, seed=99)
    extra_row = (write_corpus_extra / "catalog.csv").read_text(encoding="utf-8").splitlines()[1]
    shutil.copy(next(write_corpus_extra.glob("*.txt")), changed)
    with (changed / "catalog.csv").open("a", encoding="utf-8") as handle:
        handle.write(extra_row + "\n")

    summary = build_dataset(changed, out, scheduler="sync", batch_size=3)
    assert summary["extracted"] == 2 and summary["months_rewritten"] <= 3
    fresh = tmp_path / "fresh"
    build_dataset(changed, fresh, scheduler="sync", batch_size=5)
    assert_same_rows(out, fresh)
    assert removed not in set(dataset_rows(out)["claims"]["article_id"])


def test_a_new_extractor_version_re_extracts_everything(corpus, built, tmp_path, monkeypatch):
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    monkeypatch.setattr(dataset, "extractor_version", lambda: "rules-changed")
    summary = build_dataset(corpus, out, scheduler="sync", batch_size=3)
    assert summary["extracted"] == ARTICLES
    assert_same_rows(out, built)


def test_interrupted_build_is_finished_by_the_next_run_without_duplicates(
    corpus, built, tmp_path, monkeypatch
):
    out = tmp_path / "facts"
    written = []
    real = months._write_record

    def dies_on_the_third_month(out, month, final):
        if len(written) == 2:
            raise KeyboardInterrupt  # as Ctrl-C between two partitions
        written.append(month)
        real(out, month, final)

    monkeypatch.setattr(months, "_write_record", dies_on_the_third_month)
    with pytest.raises(KeyboardInterrupt):
        build_dataset(corpus, out, scheduler="sync", batch_size=3)
    assert not list(out.glob(".staging-*"))
    # a run killed outright (SIGKILL) leaves its staging behind: the next run sweeps it
    (out / ".staging-killed" / "claims").mkdir(parents=True)
    monkeypatch.setattr(months, "_write_record", real)
    summary = build_dataset(corpus, out, scheduler="sync", batch_size=3)
    assert 0 < summary["extracted"] < ARTICLES
    assert not list(out.glob(".staging-*"))
    assert_same_rows(out, built)


def test_processes_scheduler_gives_the_same_rows(corpus, built, tmp_path):
    out = tmp_path / "facts"
    build_dataset(corpus, out, scheduler="processes", batch_size=4, workers=2)
    assert_same_rows(out, built)


def test_a_second_build_into_the_same_folder_waits_its_turn(corpus, built, tmp_path):
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    with open(out / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(FactsError, match="another facts build"):
            build_dataset(corpus, out, scheduler="sync")


def test_bad_arguments_are_one_line_errors_and_touch_nothing(corpus, tmp_path, capsys):
    def run(*argv: str) -> tuple[int, str]:
        code = main(["facts", "build", *argv])
        return code, capsys.readouterr().err

    code, err = run("--corpus", str(corpus))
    assert code == 2 and "need(s) --out" in err and err.count("\n") == 1
    code, err = run("--corpus", str(corpus), "--out", str(tmp_path / "o"), "--scheduler", "gpu")
    assert code == 2 and "sync, processes" in err and not (tmp_path / "o").exists()
    code, err = run("--corpus", str(corpus), "--out", str(tmp_path / "o"), "--batch-size", "0")
    assert code == 2 and "--batch-size 0" in err
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", encoding="utf-8")
    code, err = run("--corpus", str(corpus), "--out", str(mine))
    assert code == 2 and "holds other files" in err
    assert [p.name for p in mine.iterdir()] == ["notes.txt"]
    code, err = run("--corpus", str(tmp_path / "absent"), "--out", str(tmp_path / "o"))
    assert code == 2 and "absent" in err
    with pytest.raises(ParameterError, match="tcp://HOST:PORT"):
        dataset.check_scheduler("tcp://no-port")


def test_command_builds_and_says_what_it_did(corpus, tmp_path, capsys):
    out = tmp_path / "facts"
    code = main(["facts", "build", "--corpus", str(corpus / "catalog.csv"), "--out", str(out),
                 "--scheduler", "sync", "--batch-size", "5"])
    assert code == 0
    assert f"{ARTICLES} articles, {ARTICLES} extracted now" in capsys.readouterr().out
    assert (out / "dataset.json").is_file()
