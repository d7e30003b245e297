"""``make notebooks`` (analysis.report.refresh) on small generated notebooks."""

from __future__ import annotations

from pathlib import Path

from analysis.report.notebooks import read_notebook
from analysis.report.refresh import refresh_notebooks
from tests.support.notebook_factory import make_notebook_folder


def test_refresh_notebooks_runs_in_place_with_defaults_and_keeps_failures(
    tmp_path: Path,
) -> None:
    folder = make_notebook_folder(tmp_path / "notebooks", failing=True)
    broken_before = (folder / "02_broken.ipynb").read_bytes()
    messages: list[str] = []
    results = refresh_notebooks(folder, jobs=2, progress=messages.append)
    assert [r.status for r in results] == ["succeeded", "succeeded", "failed"]
    assert (folder / "02_broken.ipynb").read_bytes() == broken_before
    assert any("02_broken failed" in m and "committed notebook kept" in m for m in messages)
    first = read_notebook(folder / "00_first.ipynb")
    assert "papermill" not in first.metadata
    assert not any("injected-parameters" in c.metadata.get("tags", []) for c in first.cells)
    table = next(c for c in first.cells if "CODE-ONLY-MARKER" in c.source)
    assert "50000.0" in table.outputs[0]["data"]["text/plain"]
    assert (folder / "figures" / "bars.png").is_file()  # cwd = the notebooks folder
    # a second refresh changes nothing but volatile parts, which are stripped
    again = (folder / "01_second.ipynb").read_bytes()
    refresh_notebooks(folder, only=["01"], progress=messages.append)
    assert (folder / "01_second.ipynb").read_bytes() == again
