"""Run folders: reserve a new one, publish it, switch ``latest``, prune old ones.

A run is built in ``<out>/.tmp-<run-id>/`` and renamed to ``<out>/<run-id>/`` when done, so a
reader never sees half a report. ``<out>/latest`` is a relative symlink switched atomically
(new symlink + rename) and only after a run succeeded completely. run-id = UTC timestamp +
short hash of the inputs; a numeric suffix keeps two runs started in the same second apart.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

from analysis.core.errors import AnalysisError, ParameterError

LATEST = "latest"
TMP_PREFIX = ".tmp-"
RUN_FOLDER = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}(?:-\d+)?$")


class ReportError(AnalysisError):
    """The report cannot be run (no notebooks, unusable output folder...)."""


def reserve_run_dir(out_dir: Path, stamp: str, digest: str) -> tuple[str, Path]:
    """Create ``<out>/.tmp-<run-id>`` for a new run-id not used by any run (finished or not).

    ``mkdir`` is atomic, so two runs started in the same second with the same inputs
    get different suffixes instead of sharing a folder.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(
            f"cannot create the report folder {str(out_dir)!r} ({exc.strerror}); choose --out"
        ) from exc
    for attempt in range(1, 1000):
        run_id = f"{stamp}-{digest}" + (f"-{attempt}" if attempt > 1 else "")
        if (out_dir / run_id).exists():
            continue
        tmp = out_dir / f"{TMP_PREFIX}{run_id}"
        try:
            tmp.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise ReportError(
                f"cannot write in the report folder {str(out_dir)!r} ({exc.strerror}); choose --out"
            ) from exc
        return run_id, tmp
    raise ReportError(f"no free run folder name in {str(out_dir)!r}; clean up old .tmp-* folders")


def make_readable(folder: Path) -> None:
    """Make files world-readable (atomic writes create them 0600), so a report folder can
    be served or shared like any other output. (Not via os.umask: reading it means
    setting it, which races with other threads creating files.)"""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o644)


def publish_run_dir(tmp_dir: Path, out_dir: Path, run_id: str) -> Path:
    """Rename the finished temporary folder to ``<out>/<run-id>``."""
    final = out_dir / run_id
    try:
        os.rename(tmp_dir, final)
    except OSError as exc:
        raise ReportError(
            f"cannot rename {str(tmp_dir)!r} to {str(final)!r}: {exc.strerror}"
        ) from exc
    return final


def switch_latest(out_dir: Path, run_id: str) -> bool:
    """Point ``<out>/latest`` at ``run_id`` atomically, unless it already shows a newer run.

    Returns True if switched. Run-ids start with a sortable UTC timestamp, so of two
    runs finishing out of order the later-started one stays ``latest``.
    """
    link = out_dir / LATEST
    if link.exists() and not link.is_symlink():
        raise ReportError(f"{str(link)!r} is not a symlink; move it away so runs can update it")
    if link.is_symlink():
        current = os.readlink(link)
        if (out_dir / current).is_dir() and Path(current).name > run_id:
            return False
    tmp_link = out_dir / f".{LATEST}-{uuid.uuid4().hex}"
    os.symlink(run_id, tmp_link)
    try:
        os.replace(tmp_link, link)
    except OSError:
        tmp_link.unlink(missing_ok=True)
        raise
    return True


def prune_runs(out_dir: Path, keep: int) -> list[str]:
    """Delete all but the ``keep`` newest run folders; never the one ``latest`` points to.

    Only folders named like run-ids are touched (not ``.tmp-*`` of runs in progress).
    Returns the names removed, oldest first.
    """
    if keep < 1:
        raise ParameterError(f"--keep {keep} must be at least 1")
    link = out_dir / LATEST
    protected = os.readlink(link) if link.is_symlink() else None
    runs = sorted(
        p.name for p in out_dir.iterdir()
        if RUN_FOLDER.match(p.name) and p.is_dir() and not p.is_symlink()
    )
    removed = [name for name in runs[: max(0, len(runs) - keep)] if name != protected]
    for name in removed:
        shutil.rmtree(out_dir / name)
    return removed
