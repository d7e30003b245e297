"""What a run is made of: input hashes (and the run-id hash), package versions, the
``analysis`` package used and its git state.

Recorded in ``manifest.json`` so a report can be traced back to the exact seeds, data,
code, notebooks and parameters that produced it. With two checkouts sharing one
environment, :func:`package_record` says which checkout's code ran (the report's kernels
import the same one, see :mod:`analysis.report.execution`).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from collections.abc import Iterable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from analysis.core import paths

# Versions recorded in the manifest: what shapes the numbers, figures and HTML.
RECORDED_PACKAGES: tuple[str, ...] = (
    "nk-claims", "pandas", "numpy", "pyarrow", "matplotlib", "geopandas", "shapely", "pyproj",
    "pyogrio", "text2num", "dateparser", "papermill", "nbclient", "nbconvert", "nbformat",
    "ipykernel", "pyyaml",
)
# Inputs whose content defines a run (hashed into the run-id and listed in the manifest).
INPUT_GLOBS: tuple[tuple[Path, str], ...] = (
    (paths.SEEDS_DIR, "**/*"),
    (paths.FACTS_DIR, "**/*"),
    (paths.CURATED_DIR, "**/*"),
    (paths.LEXICON_DIR, "**/*"),
    (paths.GEO_DIR, "**/*"),
    (paths.ROOT / "analysis", "**/*.py"),
)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def display_path(path: Path) -> str:
    """Path relative to the project root when inside it (stable across clones)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def input_hashes(extra_files: Iterable[Path | str | None]) -> dict[str, str]:
    """sha256 of every input of a run, keyed by project-relative path, sorted."""
    files: set[Path] = set()
    for folder, pattern in INPUT_GLOBS:
        if folder.is_dir():
            files.update(
                p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts
            )
    files.update(Path(p) for p in extra_files if p is not None and Path(p).is_file())
    hashes = {display_path(p): sha256_file(p) for p in files}
    return dict(sorted(hashes.items()))


def short_hash(hashes: dict[str, str], parameters: Any) -> str:
    payload = json.dumps({"inputs": hashes, "parameters": parameters}, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:8]


def package_versions(names: Sequence[str] = RECORDED_PACKAGES) -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def package_root() -> Path:
    """The folder that holds the ``analysis`` package this process imported (a checkout's
    root): what the report's kernels must import too."""
    return Path(__file__).resolve().parents[2]  # <root>/analysis/report/provenance.py


def package_record() -> dict[str, Any]:
    """Which ``analysis`` package ran (its folder) and the git state of its checkout."""
    root = package_root()
    return {"path": os.fspath(root / "analysis"), "root": os.fspath(root), "git": git_state(root)}


def git_state(root: Path = paths.ROOT) -> dict[str, Any]:
    """Commit and whether tracked files differ from it; nulls outside a git checkout."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}
