"""Notebook files: find and select them, read their parameters cell, strip what changes
on every run, write them the way Jupyter does.

Notebooks are committed with the outputs of a clean run with default parameters, so that
nbval can compare a fresh run against them. Execution also leaves metadata that differs
on every run (papermill and nbclient timestamps, durations, widget model ids); stripping it
keeps ``git diff`` down to real changes in the outputs.

Kept on purpose: outputs and ``execution_count``. nbval does not compare execution counts,
but it *skips* the output check of any cell whose count is null ("unrun reference"), so
stripping them would silently turn strict nbval into a smoke test. A clean top-to-bottom
run numbers cells 1..n deterministically, so they cost nothing in diffs.
"""

from __future__ import annotations

import ast
import copy
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nbformat

from analysis.core.atomic import atomic_write_text
from analysis.core.errors import AnalysisError, ParameterError

# Notebooks run in reading order: "00_explore.ipynb", "01_claims.ipynb", ...
NOTEBOOK_NAME = re.compile(r"^(\d{2})_[A-Za-z0-9_\-]+\.ipynb$")

# Top-level metadata written by tools at run time.
VOLATILE_NOTEBOOK_METADATA: tuple[str, ...] = ("papermill", "widgets", "execution")
# Per-cell metadata written by tools at run time ("execution" holds nbclient's iopub
# timestamps, "papermill" start/end times, durations and status).
VOLATILE_CELL_METADATA: tuple[str, ...] = ("papermill", "execution", "collapsed", "scrolled")
# Tags papermill adds to the banner cell it inserts above a failing cell.
PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"


class NotebookError(AnalysisError):
    """A notebook file is missing, unreadable or not named NN_name.ipynb."""


def discover_notebooks(notebooks_dir: str | os.PathLike[str]) -> list[Path]:
    """Return ``notebooks_dir/NN_*.ipynb`` in reading order (by number, then name)."""
    folder = Path(notebooks_dir)
    if not folder.is_dir():
        raise NotebookError(f"notebook folder {str(folder)!r} does not exist")
    found = [p for p in folder.iterdir() if p.is_file() and NOTEBOOK_NAME.match(p.name)]
    return sorted(found, key=lambda p: (int(NOTEBOOK_NAME.match(p.name).group(1)), p.name))


def select_notebooks(available: Sequence[Path], only: Sequence[str]) -> list[Path]:
    """Pick notebooks by name (``02_kursk_map``), file name or number (``02``), keeping order."""
    if not only:
        return list(available)
    chosen: set[Path] = set()
    for wanted in only:
        key = wanted.removesuffix(".ipynb")
        matches = [p for p in available if p.stem == key or p.stem.split("_", 1)[0] == key]
        if not matches:
            names = ", ".join(p.stem for p in available) or "none"
            raise ParameterError(f"--only {wanted!r} matches no notebook; notebooks: {names}")
        chosen.update(matches)
    return [p for p in available if p in chosen]


def read_notebook(path: str | os.PathLike[str]) -> nbformat.NotebookNode:
    """Read a notebook (nbformat 4), failing with one line if it is not valid JSON."""
    try:
        return nbformat.read(str(path), as_version=4)
    except FileNotFoundError as exc:
        raise NotebookError(f"notebook {str(path)!r} does not exist") from exc
    except Exception as exc:  # nbformat raises several JSON/validation types
        raise NotebookError(f"notebook {str(path)!r} is not a readable notebook: {exc}") from exc


def strip_volatile_metadata(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of ``notebook`` without run-specific metadata.

    Removes papermill's notebook and cell metadata (timestamps, durations, parameters),
    nbclient's per-cell execution timestamps, widget state, and papermill's error banner
    cells. Outputs and execution counts stay. Idempotent.
    """
    clean = copy.deepcopy(notebook)
    for key in VOLATILE_NOTEBOOK_METADATA:
        clean.metadata.pop(key, None)
    cells = []
    for cell in clean.cells:
        tags = cell.metadata.get("tags", [])
        if PAPERMILL_ERROR_TAG in tags:
            continue
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        # papermill adds an empty tag list to every cell; drop it so untouched cells
        # stay byte-identical to how their author wrote them.
        if "tags" in cell.metadata and not cell.metadata["tags"]:
            del cell.metadata["tags"]
        if cell.cell_type == "code":
            for output in cell.get("outputs", []):
                # widget views carry random model ids; nbval skips them, git should too
                output.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)
        cells.append(cell)
    clean.cells = cells
    return clean


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """Serialize the way Jupyter does (1-space indent, sorted keys) plus a final newline."""
    text = nbformat.writes(notebook, version=4)
    return text if text.endswith("\n") else text + "\n"


def write_notebook(notebook: nbformat.NotebookNode, path: str | os.PathLike[str]) -> Path:
    """Write ``notebook`` atomically (temporary file + rename)."""
    return atomic_write_text(path, notebook_text(notebook))


def strip_notebook_file(path: str | os.PathLike[str]) -> bool:
    """Strip volatile metadata from the notebook at ``path`` in place; True if it changed."""
    path = Path(path)
    before = path.read_text(encoding="utf-8")
    after = notebook_text(strip_volatile_metadata(read_notebook(path)))
    if after == before:
        return False
    atomic_write_text(path, after)
    return True


def notebook_defaults(notebook_path: str | os.PathLike[str]) -> dict[str, Any]:
    """Names assigned in a notebook's ``parameters`` cell, with their literal defaults.

    Parsed with :mod:`ast` (papermill's own inspection gives up on some lines with
    comments). A default that is not a plain literal is returned as its source text.
    """
    notebook = read_notebook(notebook_path)
    cells = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    if not cells:
        return {}
    try:
        tree = ast.parse(cells[0].source)
    except SyntaxError as exc:
        raise ParameterError(
            f"the parameters cell of {Path(notebook_path).name} is not valid Python "
            f"(line {exc.lineno}); fix it"
        ) from exc
    defaults: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name):
                try:
                    defaults[target.id] = ast.literal_eval(value)
                except ValueError:
                    defaults[target.id] = ast.unparse(value)
    return defaults
