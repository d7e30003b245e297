"""analysis.report.folders: run-ids, atomic ``latest``, pruning."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.core.errors import ParameterError
from analysis.report.folders import (
    ReportError,
    make_readable,
    prune_runs,
    publish_run_dir,
    reserve_run_dir,
    switch_latest,
)


def test_reserve_run_dir_never_hands_out_a_name_twice(tmp_path: Path) -> None:
    ids = [reserve_run_dir(tmp_path, "20241112T000000Z", "abcdef12")[0] for _ in range(3)]
    assert ids == ["20241112T000000Z-abcdef12", "20241112T000000Z-abcdef12-2",
                   "20241112T000000Z-abcdef12-3"]
    (tmp_path / ".tmp-20241112T000000Z-abcdef12").rename(tmp_path / "20241112T000000Z-abcdef12")
    assert reserve_run_dir(tmp_path, "20241112T000000Z", "abcdef12")[0].endswith("-4")


def test_unusable_out_folder_is_a_report_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ReportError, match="cannot create the report folder.*choose --out"):
        reserve_run_dir(blocker / "reports", "20241112T000000Z", "abcdef12")


def test_publish_renames_and_files_become_readable(tmp_path: Path) -> None:
    run_id, tmp = reserve_run_dir(tmp_path, "20241112T000000Z", "abcdef12")
    (tmp / "index.html").write_text("x", encoding="utf-8")
    (tmp / "index.html").chmod(0o600)  # as atomic writes leave them
    make_readable(tmp)
    final = publish_run_dir(tmp, tmp_path, run_id)
    assert final == tmp_path / run_id and not tmp.exists()
    assert (final / "index.html").stat().st_mode & 0o777 == 0o644
    with pytest.raises(ReportError, match="cannot rename"):
        publish_run_dir(tmp, tmp_path, run_id)


def test_latest_is_switched_atomically_and_never_back_to_an_older_run(tmp_path: Path) -> None:
    older, newer = "20241112T000000Z-aaaaaaaa", "20241112T000005Z-bbbbbbbb"
    for name in (older, newer):
        (tmp_path / name).mkdir()
    assert switch_latest(tmp_path, newer)
    assert not switch_latest(tmp_path, older)  # finished later, but started earlier
    assert os.readlink(tmp_path / "latest") == newer
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    (tmp_path / "latest").unlink()
    (tmp_path / "latest").mkdir()
    with pytest.raises(ReportError, match="not a symlink"):
        switch_latest(tmp_path, newer)


def test_prune_keeps_the_newest_runs_and_latest(tmp_path: Path) -> None:
    names = [f"2024111{day}T000000Z-aaaaaaaa" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).mkdir()
    (tmp_path / ".tmp-20241116T000000Z-bbbbbbbb").mkdir()  # a run in progress
    (tmp_path / "notes").mkdir()  # not a run folder
    os.symlink(names[0], tmp_path / "latest")  # e.g. the newer ones failed
    assert prune_runs(tmp_path, 2) == names[1:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [names[0], *names[3:], ".tmp-20241116T000000Z-bbbbbbbb", "notes", "latest"]
    )
    with pytest.raises(ParameterError, match="--keep 0"):
        prune_runs(tmp_path, 0)
