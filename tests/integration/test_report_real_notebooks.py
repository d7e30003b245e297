"""The report on the real notebooks and the real facts, as `make report` runs it.

nbval (``make test``) already executes every committed notebook with its defaults, and
test_notebook_{explore,map,estimates}.py run 00, 02 and 03 under papermill with injected
parameters outside notebooks/. What only a report adds is covered here without running
those three again: 01_claims (the one no other test injects parameters into) runs through
the report on the real facts, and the stored outputs of every committed notebook go
through the report's HTML export.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from nbconvert import HTMLExporter

from analysis.core import paths
from analysis.facts.store import load_claims
from analysis.report.execution import notebook_html
from analysis.report.notebooks import discover_notebooks, read_notebook
from analysis.report.runner import ReportOptions, run_report

COMMITTED = discover_notebooks(paths.NOTEBOOKS_DIR)


@pytest.mark.integration
def test_a_real_notebook_makes_a_complete_report_from_the_real_facts(tmp_path: Path) -> None:
    messages: list[str] = []
    out = tmp_path / "reports"
    result = run_report(
        ReportOptions(out_dir=out, notebooks_dir=paths.NOTEBOOKS_DIR, only=("01_claims",),
                      as_of="2024-11-12"),
        progress=messages.append,
    )
    assert result.succeeded, [m for m in messages if m.startswith("error:")]
    run = result.run_dir
    assert (run / "index.html").is_file()
    assert not (out / "latest").exists()  # an --only run is partial: never latest
    page = (run / "01_claims.html").read_text(encoding="utf-8")
    assert "<table" in page and "Traceback" not in page
    injected = result.manifest["parameters"]["notebooks"]["01_claims"]
    assert injected["as_of"] == "2024-11-12" and injected["figures_dir"] == "figures/01_claims"

    # the export is the facts the notebooks read, through the one table codec
    claims = load_claims()
    exported = pd.read_parquet(run / "facts" / "claims.parquet")
    assert list(exported["claim_id"]) == list(claims["claim_id"])
    summary = result.manifest["facts"]["summary"]
    assert summary["claims_total"] == len(claims) and summary["claims"] >= 1
    assert summary["articles"] >= 1
    assert summary["mapped_claims"] + summary["unmapped_claims"] == summary["claims"]
    assert summary["newest_claim"]["label"]  # a real claim gets a real label
    index = (run / "index.html").read_text(encoding="utf-8")
    assert f"{summary['claims']} numeric claim" in index


@pytest.mark.parametrize("notebook", COMMITTED, ids=lambda p: p.stem)
def test_committed_outputs_export_to_html_without_code(notebook: Path) -> None:
    stored = read_notebook(notebook)
    page = notebook_html(stored, notebook.stem)
    images = sum("image/png" in output.get("data", {})
                 for cell in stored.cells if cell.cell_type == "code" for output in cell.outputs)
    assert page.count("data:image/png;base64,") >= images  # every figure inline
    assert "hl-ipython3" not in page  # no highlighted code cell: the code is hidden
    assert "hl-ipython3" in HTMLExporter().from_notebook_node(stored)[0]  # (it would show)
