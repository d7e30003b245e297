"""analysis.report.notebooks: finding, selecting and reading notebooks (no kernel runs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.core.errors import ParameterError
from analysis.report.notebooks import (
    NotebookError,
    discover_notebooks,
    notebook_defaults,
    read_notebook,
    select_notebooks,
)
from tests.support.notebook_factory import make_notebook


def test_discovery_keeps_reading_order_and_only_selects(tmp_path: Path) -> None:
    for name in ("10_late.ipynb", "02_map.ipynb", "00_explore.ipynb", "draft.ipynb",
                 "1_bad.ipynb", "03_estimates.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    found = discover_notebooks(tmp_path)
    assert [p.name for p in found] == ["00_explore.ipynb", "02_map.ipynb", "10_late.ipynb"]
    assert [p.stem for p in select_notebooks(found, ["10_late", "00"])] == [
        "00_explore", "10_late"
    ]
    assert [p.stem for p in select_notebooks(found, ["02_map.ipynb"])] == ["02_map"]
    assert select_notebooks(found, []) == found
    with pytest.raises(ParameterError, match="'04'.*00_explore, 02_map, 10_late"):
        select_notebooks(found, ["04"])
    with pytest.raises(NotebookError, match="does not exist"):
        discover_notebooks(tmp_path / "nowhere")


def test_unreadable_notebooks_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(NotebookError, match="does not exist"):
        read_notebook(tmp_path / "00_x.ipynb")
    (tmp_path / "00_x.ipynb").write_text("{not json", encoding="utf-8")
    with pytest.raises(NotebookError, match="is not a readable notebook"):
        read_notebook(tmp_path / "00_x.ipynb")


def test_notebook_defaults_reads_the_parameters_cell(tmp_path: Path) -> None:
    notebook = make_notebook(
        tmp_path / "00_x.ipynb", ["not_a_parameter = 1"],
        'region = "RU-KRS"  # a comment\nunits: list[str] = ["troops"]\n'
        "limit = 2 * 10\nimport os\nas_of = None\n",
    )
    assert notebook_defaults(notebook) == {
        "region": "RU-KRS", "units": ["troops"], "limit": "2 * 10", "as_of": None,
    }
    assert notebook_defaults(make_notebook(tmp_path / "01_y.ipynb", ["x = 1"], "")) == {}
    broken = make_notebook(tmp_path / "02_z.ipynb", [], "region = (\n")
    with pytest.raises(ParameterError, match="parameters cell of 02_z.ipynb is not valid Python"):
        notebook_defaults(broken)
