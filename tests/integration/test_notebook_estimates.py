"""notebooks/03_estimates_over_time.ipynb under papermill with non-default parameters.

The claims come from the test's own CSV (own sentences, not news text) so that every
filter has something to keep and something to drop; the expected selection is worked out
here independently of the notebook.
"""

from __future__ import annotations

import datetime as dt

import nbformat
import papermill
import pytest

from analysis.core import paths
from analysis.core.errors import ParameterError
from analysis.core.schema import CLAIM_COLUMNS
from analysis.core.tables import to_csv_text, typed_frame
from tests.support.notebook_cells import run_validation_cell

NOTEBOOK = paths.NOTEBOOKS_DIR / "03_estimates_over_time.ipynb"


def _claim(article: str, start: int, quote: str, **fields) -> dict:
    row = {column: None for column in CLAIM_COLUMNS}
    row.update({
        "claim_id": f"{article}:{start}", "article_id": article, "sentence_index": 0,
        "sentence": f"Own test sentence with {quote}.", "start": start,
        "sentence_start": 0,
        "end": start + len(quote), "quote": quote, "approx": False, "vague": False,
        "unit": "troops", "counted_text": "troops", "actor": "PRK", "location": "RU-KRS",
        "claimants": [], "planned": False, "increment": False, "language": "en",
        "flags": [], "published": dt.date(2024, 11, 20),
    })
    row.update(fields)
    return row


def _rows() -> list[dict]:
    week = {"as_of_start": dt.date(2024, 11, 4), "as_of_end": dt.date(2024, 11, 10)}
    return [
        # kept: PRK troops in RU-KRS, as of the selected window
        _claim("nb_a", 10, "up to 5,000 North Korean troops", value=5000.0, upper=5000.0,
               qualifier="up_to", claimants=["USA"], **week),
        _claim("nb_b", 20, "more than 8,000 North Korean troops", value=8000.0, lower=8000.0,
               qualifier="more_than", claimants=["UKR"], as_of_start=dt.date(2024, 11, 8),
               as_of_end=dt.date(2024, 11, 8)),
        _claim("nb_c", 30, "thousands of North Korean troops", lower=2000.0, vague=True,
               qualifier="vague", claimants=["KOR"], published=dt.date(2024, 11, 9)),
        # dropped: other unit, other actor, other location, outside the as-of window
        _claim("nb_d", 40, "3,000 North Korean soldiers", value=3000.0, unit="soldiers",
               **week),
        _claim("nb_e", 50, "50,000 Russian troops", value=50000.0, actor="RUS", **week),
        _claim("nb_f", 60, "about 1,000 North Korean troops", value=1000.0, approx=True,
               qualifier="about", location="RU-BEL", **week),
        _claim("nb_g", 70, "11,000 North Korean troops", value=11000.0,
               as_of_start=dt.date(2024, 12, 1), as_of_end=dt.date(2024, 12, 1),
               published=dt.date(2024, 12, 2)),
    ]


KEPT = {"nb_a:10", "nb_b:20", "nb_c:30"}
DROPPED = {"nb_d:40", "nb_e:50", "nb_f:60", "nb_g:70"}


def _outputs_text(notebook) -> list[str]:
    texts = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        parts = []
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
            parts.append(output.get("data", {}).get("text/html", ""))
        texts.append("\n".join(parts))
    return texts


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nb03")
    claims_csv = folder / "claims.csv"
    claims_csv.write_text(to_csv_text(typed_frame(_rows())), encoding="utf-8")
    figures = folder / "figures"
    papermill.execute_notebook(
        str(NOTEBOOK), str(folder / "out.ipynb"),
        parameters={
            "claims_path": str(claims_csv), "figures_dir": str(figures), "actor": "PRK",
            "units": ["troops"], "location": "RU-KRS", "date_from": "2024-11-01",
            "date_to": "2024-11-30", "as_of": "2024-11-25", "log_scale": True,
            "reference": False,  # the expected selection is the test's own claims
        },
        kernel_name="nk-claims", cwd=str(folder), progress_bar=False,
    )
    return nbformat.read(str(folder / "out.ipynb"), as_version=4), figures


def test_figures_are_written(executed):
    _, figures = executed
    for name in ("estimates_over_time.png", "estimates_over_time.svg",
                 "events_timeline.png", "events_timeline.svg"):
        assert (figures / name).stat().st_size > 0, name


def test_plotted_claims_are_exactly_the_selection(executed):
    notebook, _ = executed
    texts = _outputs_text(notebook)
    summary = next(t for t in texts if "published by the cut-off" in t)
    assert "7 claims (0 reference); 6 published by the cut-off (2024-11-25); 3 selected" in summary
    table = next(t for t in texts if "claimed by" in t and "nb_a:10" in t)
    for claim_id in KEPT:
        assert claim_id in table
    for claim_id in DROPPED:
        assert claim_id not in table
    assert "(publication date)" in table  # the undated vague claim


def test_interval_contradiction_is_listed(executed):
    notebook, _ = executed
    texts = _outputs_text(notebook)
    found = next(t for t in texts if "interval_conflict" in t)
    assert "nb_a:10" in found and "nb_b:20" in found
    assert "cannot both be true" in found


def test_stale_overrides_are_reported_for_a_foreign_claims_file(executed):
    notebook, _ = executed
    texts = _outputs_text(notebook)
    # The committed overrides name seed claims, which this claims file does not contain.
    stale = texts[-1]
    assert "000_01afb6bfc0e7695c:" in stale
    assert "No stale overrides" not in stale
    assert any("No overrides in effect" in t for t in texts)


def test_log_scale_is_applied(executed):
    _, figures = executed
    svg = (figures / "estimates_over_time.svg").read_text(encoding="utf-8")
    assert "10^" in svg or "1,000" in svg  # log ticks drawn with the thousands formatter


def test_bad_parameter_stops_in_the_validation_cell():
    with pytest.raises(ParameterError) as caught:
        run_validation_cell(NOTEBOOK, actor="North Korea")
    assert "'actor'" in str(caught.value) and "alpha-3" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert run_validation_cell(NOTEBOOK, actor="PRK")["actor"] == "PRK"
