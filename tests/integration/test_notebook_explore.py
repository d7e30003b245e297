"""notebooks/00_explore.ipynb under papermill with non-default parameters.

The claims are the explorer tests' own (tests/support/explore_claims.py), so the expected
selection is known independently of the notebook. One run with good parameters is shared
by the tests that read its outputs.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import pytest

from analysis.core import paths
from analysis.core.errors import ParameterError
from analysis.core.tables import to_csv_text
from tests.support.explore_claims import sample_claims
from tests.support.notebook_cells import run_validation_cell

NOTEBOOK = paths.NOTEBOOKS_DIR / "00_explore.ipynb"


def _run_notebook(folder: Path, **parameters) -> dict:
    claims_csv = folder / "claims.csv"
    claims_csv.write_text(to_csv_text(sample_claims(), "claims"), encoding="utf-8")
    out = folder / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK), str(out),
        parameters={"claims_path": str(claims_csv), "figures_dir": str(folder / "fig"),
                    **parameters},
        kernel_name="nk-claims", cwd=str(folder), progress_bar=False,
    )
    notebook = nbformat.read(str(out), as_version=4)
    return {cell.get("id"): cell for cell in notebook.cells}


def _text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts.append(data.get("text/html", "") + data.get("text/plain", ""))
    return "\n".join(parts)



@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    folder = tmp_path_factory.mktemp("nb00")
    # Without the reference claims: the expected selection is the test's own claims.
    cells = _run_notebook(folder, units=["wounded", "captured"], as_of="2025-01-15",
                          reference=False)
    return cells, folder / "fig"


def test_notebook_static_view_follows_its_parameters(executed) -> None:
    cells, _ = executed
    # Known by 2025-01-15: the four seed claims and en1 (en2 is published 2025-01-20).
    assert ("5 extracted claims from 2 article(s) and 0 reference claims, published by "
            "2025-01-15") in _text(cells["load"])
    table = _text(cells["table"])
    assert "1 of 5 claims; units: wounded, captured" in table
    assert "about 1,500 North Korean troops had been wounded" in table
    assert "Soldaten" not in table
    trace = _text(cells["trace"])
    assert "<mark>about 1,500 North Korean troops had been wounded</mark>" in trace
    assert "not in the catalog" in trace
    assert "ClaimsExplorer: 5 claims" in _text(cells["explorer"])


def test_notebook_saves_its_figures(executed) -> None:
    _, figures = executed
    assert sorted(p.name for p in figures.iterdir()) == [
        "00_explore_estimates.png", "00_explore_estimates.svg",
        "00_explore_map.png", "00_explore_map.svg",
    ]
    assert all(p.stat().st_size > 0 for p in figures.iterdir())


def test_notebook_rejects_a_bad_parameter_in_one_line() -> None:
    with pytest.raises(ParameterError) as failure:
        run_validation_cell(NOTEBOOK, units=["tanks"])
    assert "parameter 'units' has unknown value(s) 'tanks'" in str(failure.value)
    assert "\n" not in str(failure.value)
    assert run_validation_cell(NOTEBOOK, units=["troops"])["units"] == ["troops"]
