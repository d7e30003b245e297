"""analysis.report.folders: run-ids, atomic ``latest``, pruning, sweeping interrupted runs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from analysis.core.errors import ParameterError
from analysis.report.folders import (
    STALE_LINK_SECONDS,
    ReportError,
    check_latest,
    latest_target,
    make_readable,
    prune_runs,
    publish_run_dir,
    reserve_run_dir,
    sweep_stale_runs,
    switch_latest,
)

STAMP, DIGEST = "20241112T000000Z", "abcdef12"


def test_reserve_run_dir_never_hands_out_a_name_twice(tmp_path: Path) -> None:
    folders = [reserve_run_dir(tmp_path, STAMP, DIGEST) for _ in range(3)]
    assert [f.run_id for f in folders] == [
        "20241112T000000Z-abcdef12", "20241112T000000Z-abcdef12-2", "20241112T000000Z-abcdef12-3"
    ]
    publish_run_dir(folders[0], tmp_path)
    assert reserve_run_dir(tmp_path, STAMP, DIGEST).run_id.endswith("-4")


def test_unusable_out_folder_is_a_report_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ReportError, match="cannot create the report folder.*choose --out"):
        reserve_run_dir(blocker / "reports", STAMP, DIGEST)


def test_publish_renames_and_files_become_readable(tmp_path: Path) -> None:
    folder = reserve_run_dir(tmp_path, STAMP, DIGEST)
    (folder.tmp_dir / "index.html").write_text("x", encoding="utf-8")
    (folder.tmp_dir / "index.html").chmod(0o600)  # as atomic writes leave them
    make_readable(folder.tmp_dir)
    final = publish_run_dir(folder, tmp_path)
    assert final == tmp_path / folder.run_id and not folder.tmp_dir.exists()
    assert (final / "index.html").stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in final.iterdir()) == ["index.html"]  # nothing of the lock
    with pytest.raises(ReportError, match="cannot rename"):
        publish_run_dir(folder, tmp_path)


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


def test_latest_outside_the_report_folder_or_a_real_folder_fails_the_preflight(
    tmp_path: Path,
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    check_latest(out)  # no latest yet: fine
    elsewhere = tmp_path / "elsewhere" / "20991231T000000Z-ffffffff"
    elsewhere.mkdir(parents=True)
    (out / "latest").symlink_to(elsewhere)
    with pytest.raises(ReportError) as caught:
        check_latest(out)
    message = str(caught.value)
    assert "points outside the report folder" in message and str(elsewhere) in message
    # (today's switch_latest kept such a link forever: its name sorts after every run)
    with pytest.raises(ReportError, match="points outside"):
        switch_latest(out, "20241112T000000Z-aaaaaaaa")
    (out / "latest").unlink()
    (out / "latest").mkdir()
    (out / "latest" / "index.html").write_text("an analyst's own page", encoding="utf-8")
    with pytest.raises(ReportError, match="is not a symlink.*move it away"):
        check_latest(out)
    assert (out / "latest" / "index.html").is_file()  # never touched


def test_a_dangling_latest_inside_the_folder_is_switched(tmp_path: Path) -> None:
    (tmp_path / "latest").symlink_to("20241101T000000Z-aaaaaaaa")  # pruned by hand
    (tmp_path / "20241112T000000Z-bbbbbbbb").mkdir()
    check_latest(tmp_path)
    assert switch_latest(tmp_path, "20241112T000000Z-bbbbbbbb")
    assert latest_target(tmp_path) == (tmp_path / "20241112T000000Z-bbbbbbbb").resolve()


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


@pytest.mark.parametrize("how", ["absolute", "through another link"])
def test_prune_never_deletes_what_an_absolute_latest_points_to(tmp_path: Path, how: str) -> None:
    """Issue 15, item 7: ``--keep 1`` with an absolute ``latest`` deleted its run."""
    out = tmp_path / "reports"
    names = [f"2024111{day}T000000Z-aaaaaaaa" for day in range(1, 4)]
    for name in names:
        (out / name).mkdir(parents=True)
    if how == "absolute":
        (out / "latest").symlink_to(out / names[0])
    else:  # the report folder reached through a symlink of its own
        (tmp_path / "alias").symlink_to(out)
        (out / "latest").symlink_to(tmp_path / "alias" / names[0])
    assert prune_runs(out, 1) == [names[1]]
    assert (out / names[0]).is_dir() and (out / "latest").resolve() == (out / names[0])


def test_sweep_removes_the_folders_of_dead_runs_only(tmp_path: Path) -> None:
    """Issue 15, item 6: a killed run's ``.tmp-*`` folder stayed forever."""
    alive = reserve_run_dir(tmp_path, STAMP, DIGEST)  # held by this process
    (alive.tmp_dir / "00_first.ipynb").write_text("{}", encoding="utf-8")
    dead = tmp_path / ".tmp-20241111T000000Z-deadbeef"  # no process holds it
    (dead / "figures").mkdir(parents=True)
    old_link = tmp_path / ".latest-0123"
    old_link.symlink_to("20241111T000000Z-deadbeef")
    past = time.time() - STALE_LINK_SECONDS - 60
    os.utime(old_link, (past, past), follow_symlinks=False)
    fresh_link = tmp_path / ".latest-4567"  # a run switching latest right now
    fresh_link.symlink_to("x")
    (tmp_path / "20241110T000000Z-aaaaaaaa").mkdir()  # a finished run

    assert sweep_stale_runs(tmp_path) == [".latest-0123", dead.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.tmp_dir.name, ".latest-4567", "20241110T000000Z-aaaaaaaa"]
    )
    alive.release()  # the run ended without publishing (as if killed)
    assert sweep_stale_runs(tmp_path) == [alive.tmp_dir.name]
    assert sweep_stale_runs(tmp_path / "nothing-yet") == []


def test_discard_removes_the_folder_and_drops_the_lock(tmp_path: Path) -> None:
    folder = reserve_run_dir(tmp_path, STAMP, DIGEST)
    (folder.tmp_dir / "logs").mkdir()
    folder.discard()
    assert list(tmp_path.iterdir()) == [] and folder.lock_fd is None
