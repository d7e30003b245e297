"""analysis.report.execution: failure lines and progress, without running a kernel.

Notebook runs themselves are in tests/integration/test_report.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.report.execution import NotebookResult, cell_progress, describe_failure


def _result(error: dict | None) -> NotebookResult:
    return NotebookResult(name="02_broken", notebook="02_broken.ipynb", html=None,
                          status="failed", started_at="", finished_at="", seconds=0.0,
                          error=error)


def test_describe_failure_names_the_cell_when_known() -> None:
    base = {"ename": "ValueError", "evalue": "bad", "source": "", "cell_index": None,
            "execution_count": None}
    assert describe_failure(_result(base)) == (
        "02_broken failed before any cell ran: ValueError: bad"
    )
    assert describe_failure(_result({**base, "cell_index": 3})) == (
        "02_broken failed at cell 3: ValueError: bad"
    )
    long_source = "raise ValueError('" + "x" * 80 + "')"
    line = describe_failure(_result({**base, "cell_index": 3, "execution_count": 4,
                                     "source": long_source}))
    assert line.startswith("02_broken failed at cell In [4] (raise ValueError('xxx")
    assert f"({long_source[:60]}): ValueError: bad" in line


def test_cell_progress_counts_finished_code_cells(tmp_path: Path) -> None:
    output = tmp_path / "out.ipynb"
    assert cell_progress(str(output)) == "starting"  # papermill has not written it yet
    output.write_text('{"cells": [', encoding="utf-8")  # being rewritten
    assert cell_progress(str(output)) == "starting"
    cells = [
        {"cell_type": "code", "metadata": {"papermill": {"status": "completed"}}},
        {"cell_type": "markdown", "metadata": {"papermill": {"status": "completed"}}},
        {"cell_type": "code", "metadata": {"papermill": {"status": "running"}}},
        {"cell_type": "code", "metadata": {}},
    ]
    output.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    assert cell_progress(str(output)) == "1/3 cells done"
