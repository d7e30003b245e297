"""papermill itself must read every parameter of each notebook's ``parameters`` cell.

A line it cannot parse (an ``=`` inside the comment, say) makes papermill warn "Passed
unknown parameter" for a parameter the notebook does take, which hides a real misspelling.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from papermill.translators import PythonTranslator

from analysis.core import paths
from analysis.report.notebooks import discover_notebooks, notebook_defaults


@pytest.mark.parametrize("notebook", discover_notebooks(paths.NOTEBOOKS_DIR),
                         ids=lambda p: p.stem)
def test_papermill_reads_every_declared_parameter(notebook: Path, caplog) -> None:
    import nbformat

    cells = nbformat.read(str(notebook), as_version=4).cells
    cell = next(c for c in cells if "parameters" in c.metadata.get("tags", []))
    with caplog.at_level(logging.WARNING):
        names = [p.name for p in PythonTranslator.inspect(cell)]
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    assert set(names) == set(notebook_defaults(notebook))
