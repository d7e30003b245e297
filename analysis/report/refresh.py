"""``make notebooks``: re-run the committed notebooks in place with default parameters.

Each notebook runs with ``notebooks/`` as working directory, exactly as nbval runs it in
``make test``, importing the ``analysis`` package of this checkout; its volatile metadata
(timestamps, widget ids) is stripped before it is written back, so ``git diff`` shows only
real changes in the outputs. ``SIGTERM`` stops it as Ctrl-C does (workers and kernels end,
nothing is written back).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import ParameterError
from analysis.report.execution import (
    NotebookResult,
    NotebookTask,
    Progress,
    describe_failure,
    run_tasks,
    stderr_progress,
)
from analysis.report.interrupts import interrupt_on_signals
from analysis.report.notebooks import (
    discover_notebooks,
    read_notebook,
    select_notebooks,
    strip_volatile_metadata,
    write_notebook,
)
from analysis.report.provenance import package_root


def refresh_notebooks(
    notebooks_dir: Path = paths.NOTEBOOKS_DIR,
    *,
    only: Sequence[str] = (),
    jobs: int = 1,
    progress: Progress = stderr_progress,
    cell_timeout: int | None = 1800,
) -> list[NotebookResult]:
    """Re-run notebooks in place with default parameters and strip volatile metadata.

    Each runs with ``notebooks_dir`` as working directory, exactly as nbval runs it; a
    notebook that fails keeps its committed version (the failure is reported).
    """
    if jobs < 1:
        raise ParameterError(f"--jobs {jobs} must be at least 1")
    selected = select_notebooks(discover_notebooks(notebooks_dir), only)
    with interrupt_on_signals(), tempfile.TemporaryDirectory(prefix="nk-notebooks-") as scratch:
        tasks = [
            NotebookTask(
                name=nb.stem,
                source=str(nb.resolve()),
                output=str(Path(scratch) / nb.name),
                parameters=None,  # defaults: no injected-parameters cell in committed notebooks
                cwd=str(Path(notebooks_dir).resolve()),
                log=str(Path(scratch) / f"{nb.stem}.log"),
                cell_timeout=cell_timeout,
                package_root=str(package_root()),
            )
            for nb in selected
        ]
        results = [NotebookResult(**r) for r in run_tasks(tasks, jobs, progress)]
        for task, result in zip(tasks, results, strict=True):
            if result.status == "succeeded":
                write_notebook(strip_volatile_metadata(read_notebook(task.output)), task.source)
            else:
                progress(f"error: {describe_failure(result)} (committed notebook kept)")
    return results
