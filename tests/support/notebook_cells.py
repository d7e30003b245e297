"""Run a committed notebook's parameter validation in this process, without a kernel.

Every notebook's second code cell starts with ``# Validate the parameters`` and must stop
a bad value with one line naming it, before anything is computed or written. Testing that
needs no kernel: :func:`run_validation_cell` runs the ``parameters`` cell, the values as
papermill injects them (a cell of assignments right after it), and the validation cell.
Runs with good values go through papermill (tests/integration/test_notebook_*.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis.report.notebooks import read_notebook

VALIDATION_MARK = "# Validate the parameters"


def run_validation_cell(notebook: Path, **parameters: Any) -> dict[str, Any]:
    """Run the parameters cell, ``parameters`` and the validation cell; return the names."""
    cells = [cell for cell in read_notebook(notebook).cells if cell.cell_type == "code"]
    first = next(i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", []))
    validation = cells[first + 1]
    # nothing runs between the parameters and their check, so a bad value stops before output
    assert validation.source.startswith(VALIDATION_MARK), validation.source[:80]
    namespace: dict[str, Any] = {"__name__": f"notebook_{Path(notebook).stem}"}
    exec(compile(cells[first].source, f"{notebook}:parameters", "exec"), namespace)
    injected = "\n".join(f"{name} = {value!r}" for name, value in parameters.items())
    exec(compile(injected, f"{notebook}:injected-parameters", "exec"), namespace)
    exec(compile(validation.source, f"{notebook}:validation", "exec"), namespace)
    return namespace
