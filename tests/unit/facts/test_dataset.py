"""``facts build --out``: Parquet by month, incremental, atomic, resumable (sync and processes)."""

from __future__ import annotations

import csv
import fcntl
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analysis.cli import main
from analysis.core.errors import FactsError, ParameterError
from analysis.corpus.synth import check_gold, read_gold, write_corpus
from analysis.facts import batches, dataset, months
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


# --- incremental re-runs: only the change is read and written ----------------------------


def grown_corpus(corpus: Path, target: Path, extra: int) -> tuple[Path, list[str]]:
    """A copy of ``corpus`` (file times kept) with ``extra`` new articles of the same seed."""
    copy_corpus(corpus, target)
    write_corpus(target, ARTICLES + extra, seed=11)
    names = (target / "catalog.csv").read_text(encoding="utf-8").splitlines()[1:]
    return target, [line.split(",")[1] for line in names[ARTICLES:]]


def part_times(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in out.glob("*/*/part-*.parquet")}


def reads_of(monkeypatch) -> list[str]:
    """The article files the build reads from now on (their names)."""
    read, real = [], batches._read

    def counted(path):
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(batches, "_read", counted)
    return read


def test_new_articles_are_the_only_files_read_and_go_to_a_new_part(corpus, built, tmp_path,
                                                                   monkeypatch):
    grown, new_files = grown_corpus(corpus, tmp_path / "corpus", extra=3)
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    before = part_times(out)
    read = reads_of(monkeypatch)
    summary = build_dataset(grown, out, scheduler="sync", batch_size=2)
    assert summary["extracted"] == 3 and sorted(read) == sorted(new_files)
    untouched = [p for p in before if p.parts[-3] != "articles"]
    assert all(p.stat().st_mtime_ns == before[p] for p in untouched)  # old parts as they were
    new_parts = {p.parent.name for p in out.glob("claims/*/part-*.parquet") if p not in before}
    months_of_new = {f"published_month={r['published']:%Y-%m}"
                     for r in pq.read_table(out / "articles").to_pylist()
                     if r["file"] in new_files}
    assert new_parts == months_of_new and summary["months_rewritten"] == len(months_of_new)
    fresh = tmp_path / "fresh"
    build_dataset(grown, fresh, scheduler="sync", batch_size=5)
    assert_same_rows(out, fresh)
    read.clear()
    assert build_dataset(grown, out, scheduler="sync")["months_rewritten"] == 0
    assert read == []


def test_a_touched_file_with_the_same_text_is_hashed_again_not_extracted(corpus, built,
                                                                         tmp_path, monkeypatch):
    copy = copy_corpus(corpus, tmp_path / "corpus")
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    touched = sorted(copy.glob("*.txt"))[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    before = part_times(out)
    read = reads_of(monkeypatch)
    summary = build_dataset(copy, out, scheduler="sync")
    assert (summary["extracted"], summary["months_rewritten"], read) == (0, 1, [touched.name])
    changed = [p for p in before if p.stat().st_mtime_ns != before[p]]
    assert [p.parts[-3] for p in changed] == ["articles"]  # the record of the new file time
    read.clear()
    build_dataset(copy, out, scheduler="sync")
    assert read == []
    assert_same_rows(out, built)


def test_parts_beyond_the_limit_are_compacted_into_one(corpus, built, tmp_path, monkeypatch):
    grown, _ = grown_corpus(corpus, tmp_path / "corpus", extra=4)
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    monkeypatch.setattr(months, "MAX_PARTS", 1)
    summary = build_dataset(grown, out, scheduler="sync", batch_size=3)
    assert summary["extracted"] == 4
    for table in ("claims", "events"):
        for month in (out / table).iterdir():
            assert len(list(month.glob("part-*.parquet"))) == 1, month
    fresh = tmp_path / "fresh"
    build_dataset(grown, fresh, scheduler="sync")
    assert_same_rows(out, fresh)


def test_a_build_stopped_after_moving_rows_is_finished_even_if_the_text_went_back(
    corpus, built, tmp_path, monkeypatch
):
    copy = copy_corpus(corpus, tmp_path / "corpus")
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    article = sorted(copy.glob("*.txt"))[0]
    original = article.read_bytes()
    article.write_text(original.decode("utf-8") + "Eine neue Zeile ohne Zahlen.\n",
                       encoding="utf-8")

    def stopped(*_args):
        raise KeyboardInterrupt  # after the parts changed, before the record

    monkeypatch.setattr(months, "_write_record", stopped)
    with pytest.raises(KeyboardInterrupt):
        build_dataset(copy, out, scheduler="sync")
    rows = dataset_rows(out)["claims"]
    assert not rows["claim_id"].duplicated().any()  # never the same rows twice
    monkeypatch.undo()
    article.write_bytes(original)  # the text is back to what the record says
    summary = build_dataset(copy, out, scheduler="sync")
    assert summary["extracted"] == 1
    assert_same_rows(out, built)


def test_a_compaction_stopped_before_its_part_is_in_place_is_finished_by_the_next_run(
    corpus, built, tmp_path, monkeypatch
):
    grown, _ = grown_corpus(corpus, tmp_path / "corpus", extra=2)
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    monkeypatch.setattr(months, "MAX_PARTS", 1)

    def stopped(*_args):
        raise KeyboardInterrupt  # the record names the compacted part; it is still pending

    monkeypatch.setattr(months, "_move_into_place", stopped)
    with pytest.raises(KeyboardInterrupt):
        build_dataset(grown, out, scheduler="sync")
    assert list(out.glob("claims/*/.pending-part-*.parquet"))
    monkeypatch.undo()
    summary = build_dataset(grown, out, scheduler="sync")
    assert summary["extracted"] < 2  # the compacted month is not extracted again
    assert not list(out.glob("*/*/.pending-*"))
    fresh = tmp_path / "fresh"
    build_dataset(grown, fresh, scheduler="sync")
    assert_same_rows(out, fresh)


def test_a_month_whose_articles_all_left_is_removed(corpus, built, tmp_path):
    copy = copy_corpus(corpus, tmp_path / "corpus")
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    with (copy / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    month = rows[0]["published"][:7]
    with (copy / "catalog.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if r["published"][:7] != month)
    build_dataset(copy, out, scheduler="sync")
    assert not any((out / table / f"published_month={month}").exists()
                   for table in ("claims", "events", "articles"))
    fresh = tmp_path / "fresh"
    build_dataset(copy, fresh, scheduler="sync")
    assert_same_rows(out, fresh)


def test_an_update_of_at_most_one_batch_runs_in_this_process(corpus, built, tmp_path,
                                                              monkeypatch):
    grown, _ = grown_corpus(corpus, tmp_path / "corpus", extra=2)
    out = tmp_path / "facts"
    shutil.copytree(built, out)
    used, real = [], dataset._compute

    def recorded(tasks, scheduler, workers):
        used.append(scheduler)
        return real(tasks, scheduler, workers)

    monkeypatch.setattr(dataset, "_compute", recorded)
    assert build_dataset(grown, out, scheduler="processes", batch_size=10)["extracted"] == 2
    assert used == ["sync"]  # no worker processes started for two articles
