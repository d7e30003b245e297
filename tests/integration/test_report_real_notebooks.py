"""The report on the real notebooks and the real facts, as `make report` runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.core import paths
from analysis.report.notebooks import discover_notebooks
from analysis.report.runner import ReportOptions, run_report


@pytest.mark.integration
def test_real_notebooks_make_a_complete_report(tmp_path: Path) -> None:
    notebooks = discover_notebooks(paths.NOTEBOOKS_DIR)
    messages: list[str] = []
    result = run_report(
        ReportOptions(out_dir=tmp_path / "reports", notebooks_dir=paths.NOTEBOOKS_DIR, jobs=4),
        progress=messages.append,
    )
    failures = [m for m in messages if m.startswith("error:")]
    assert result.succeeded, failures
    run = result.run_dir
    for notebook in notebooks:
        assert (run / f"{notebook.stem}.html").stat().st_size > 0
    assert (tmp_path / "reports" / "latest" / "index.html").is_file()
    summary = result.manifest["facts"]["summary"]
    assert summary["articles"] >= 1 and summary["claims"] >= 5
    print("\nreal report timings:", {n["name"]: n["seconds"] for n in result.manifest["notebooks"]},
          "total", result.manifest["total_seconds"])
