"""Run folders: reserve a new one, publish it, switch ``latest``, prune old ones, sweep the
remains of interrupted runs.

A run is built in ``<out>/.tmp-<run-id>/`` and renamed to ``<out>/<run-id>/`` when done, so a
reader never sees half a report. ``<out>/latest`` is a relative symlink switched atomically
(new symlink + rename), only to a complete run of every notebook that succeeded, and never
deleted by pruning (:func:`latest_target` reads it, relative or absolute).
run-id = UTC timestamp + short hash of the inputs; a numeric suffix keeps two runs started in
the same second apart.

Interrupted runs: a run holds an exclusive lock (``flock``) on its ``.tmp-<run-id>`` folder
while it builds; the operating system drops the lock when the process ends, however it ends
(even ``SIGKILL``). So a ``.tmp-*`` folder whose lock can be taken belongs to a dead run, and
:func:`sweep_stale_runs` (run before each new run) removes it. Reserving and sweeping both
lock ``<out>`` itself, so a sweep never sees a folder between its creation and its lock.
(Folders, not lock files, are locked: nothing is added to the report folder.)
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from analysis.core.errors import AnalysisError, ParameterError

LATEST = "latest"
TMP_PREFIX = ".tmp-"
RUN_FOLDER = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}(?:-\d+)?$")
# A temporary ``latest`` symlink lives for microseconds; one older than this is left over.
STALE_LINK_SECONDS = 600


class ReportError(AnalysisError):
    """The report cannot be run (no notebooks, unusable output folder...)."""


@dataclass
class RunFolder:
    """A reserved run: ``<out>/.tmp-<run_id>/``, locked by this process until published or
    discarded."""

    run_id: str
    tmp_dir: Path
    lock_fd: int | None

    def release(self) -> None:
        if self.lock_fd is not None:
            os.close(self.lock_fd)  # drops the flock
            self.lock_fd = None

    def discard(self) -> None:
        """Remove the unfinished folder (interrupted or failed before publishing)."""
        shutil.rmtree(self.tmp_dir, ignore_errors=True)
        self.release()


def _lock_folder(folder: Path, *, wait: bool) -> int | None:
    """An open descriptor of ``folder`` holding an exclusive ``flock`` on it; None if
    another process (or another run in this one) holds it and ``wait`` is false, or if the
    filesystem cannot lock folders (some network filesystems): then runs are not locked and
    nothing is ever swept, as before. The descriptor is not inherited by child processes
    (Python opens files close-on-exec)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held (BlockingIOError), or no locks here
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


@contextlib.contextmanager
def _folder_lock(out_dir: Path) -> Iterator[None]:
    fd = _lock_folder(out_dir, wait=True)
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)


def _make_out_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(
            f"cannot create the report folder {str(out_dir)!r} ({exc.strerror}); choose --out"
        ) from exc


def reserve_run_dir(out_dir: Path, stamp: str, digest: str) -> RunFolder:
    """Create and lock ``<out>/.tmp-<run-id>`` for a run-id not used by any run (finished or
    not).

    ``mkdir`` is atomic, so two runs started in the same second with the same inputs
    get different suffixes instead of sharing a folder.
    """
    _make_out_dir(out_dir)
    try:
        with _folder_lock(out_dir):
            for attempt in range(1, 1000):
                run_id = f"{stamp}-{digest}" + (f"-{attempt}" if attempt > 1 else "")
                if (out_dir / run_id).exists():
                    continue
                tmp = out_dir / f"{TMP_PREFIX}{run_id}"
                try:
                    tmp.mkdir()
                except FileExistsError:
                    continue
                return RunFolder(run_id, tmp, _lock_folder(tmp, wait=False))
    except OSError as exc:
        raise ReportError(
            f"cannot write in the report folder {str(out_dir)!r} ({exc.strerror}); choose --out"
        ) from exc
    raise ReportError(f"no free run folder name in {str(out_dir)!r}; clean up old .tmp-* folders")


def _is_stale(tmp: Path) -> bool:
    """True if no living run holds ``tmp``'s lock (also a folder left by a version of the
    report that did not lock)."""
    try:
        fd = _lock_folder(tmp, wait=False)
    except OSError:
        return False  # unreadable, or a filesystem without locks: not ours to judge
    if fd is None:
        return False
    os.close(fd)
    return True


def sweep_stale_runs(out_dir: Path) -> list[str]:
    """Remove the ``.tmp-*`` folders of runs that died (killed, machine crashed) and their
    left-over temporary ``latest`` links; return the names removed."""
    if not out_dir.is_dir():
        return []
    removed: list[str] = []
    with _folder_lock(out_dir):
        for path in sorted(out_dir.iterdir()):
            if path.name.startswith(TMP_PREFIX) and path.is_dir() and not path.is_symlink():
                if _is_stale(path):
                    shutil.rmtree(path, ignore_errors=True)
                    removed.append(path.name)
            elif path.name.startswith(f".{LATEST}-") and path.is_symlink():
                if time.time() - path.lstat().st_mtime > STALE_LINK_SECONDS:
                    path.unlink(missing_ok=True)
                    removed.append(path.name)
    return removed


def make_readable(folder: Path) -> None:
    """Make files world-readable (atomic writes create them 0600), so a report folder can
    be served or shared like any other output. (Not via os.umask: reading it means
    setting it, which races with other threads creating files.)"""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o644)


def publish_run_dir(folder: RunFolder, out_dir: Path) -> Path:
    """Rename the finished temporary folder to ``<out>/<run-id>`` and drop its lock."""
    final = out_dir / folder.run_id
    try:
        os.rename(folder.tmp_dir, final)
    except OSError as exc:
        raise ReportError(
            f"cannot rename {str(folder.tmp_dir)!r} to {str(final)!r}: {exc.strerror}"
        ) from exc
    folder.release()
    return final


def latest_target(out_dir: Path) -> Path | None:
    """The folder ``<out>/latest`` points to (resolved; the link may be relative or
    absolute), or None if there is no link."""
    link = out_dir / LATEST
    if not link.is_symlink():
        return None
    return (out_dir / os.readlink(link)).resolve()


def check_latest(out_dir: Path) -> None:
    """Pre-flight: ``<out>/latest`` must be absent or a symlink to a folder in ``<out>``, so
    that a successful run can switch it; found before any notebook runs."""
    link = out_dir / LATEST
    if not os.path.lexists(link):
        return
    if not link.is_symlink():
        raise ReportError(
            f"{str(link)!r} is not a symlink, so runs cannot update it; move it away "
            "(it is never deleted by the report)"
        )
    target = latest_target(out_dir)
    if target is not None and target.parent != out_dir.resolve():
        raise ReportError(
            f"{str(link)!r} points outside the report folder (to {str(target)!r}); "
            f"remove the link or point it at a run in {str(out_dir)!r}"
        )


def switch_latest(out_dir: Path, run_id: str) -> bool:
    """Point ``<out>/latest`` at ``run_id`` atomically, unless it already shows a newer run.

    Returns True if switched. Run-ids start with a sortable UTC timestamp, so of two
    runs finishing out of order the later-started one stays ``latest``.
    """
    check_latest(out_dir)
    current = latest_target(out_dir)
    if current is not None and current.is_dir() and current.name > run_id:
        return False
    tmp_link = out_dir / f".{LATEST}-{uuid.uuid4().hex}"
    os.symlink(run_id, tmp_link)
    try:
        os.replace(tmp_link, out_dir / LATEST)
    except OSError:
        tmp_link.unlink(missing_ok=True)
        raise
    return True


def prune_runs(out_dir: Path, keep: int) -> list[str]:
    """Delete all but the ``keep`` newest run folders; never the one ``latest`` points to
    (relative or absolute link).

    Only folders named like run-ids are touched (not ``.tmp-*`` of runs in progress).
    Returns the names removed, oldest first.
    """
    if keep < 1:
        raise ParameterError(f"--keep {keep} must be at least 1")
    protected = latest_target(out_dir)
    runs = sorted(
        p.name for p in out_dir.iterdir()
        if RUN_FOLDER.match(p.name) and p.is_dir() and not p.is_symlink()
    )
    removed = [
        name for name in runs[: max(0, len(runs) - keep)]
        if (out_dir / name).resolve() != protected
    ]
    for name in removed:
        shutil.rmtree(out_dir / name)
    return removed
