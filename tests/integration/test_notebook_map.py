"""notebooks/02_kursk_map.ipynb under papermill with non-default parameters.

The notebook records the claim ids each map shows (``*_claims.csv`` in figures_dir) and
every drawn claim carries the SVG id ``claim-<claim_id>``; both must equal the claims the
parameters select, worked out here independently from the test's own claims table.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import papermill
import pytest

from analysis.core import paths
from analysis.core.errors import ParameterError
from tests.support.geo_claims import extra_claim_rows, seed_claim_rows, write_claims_csv
from tests.support.notebook_cells import run_validation_cell

NOTEBOOK = paths.NOTEBOOKS_DIR / "02_kursk_map.ipynb"
# Which of the test claims' locations lie in which oblast (checked by hand on the map).
LOCATIONS_IN = {
    "RU-KRS": {"RU-KRS", "Sudzha", "Sudscha", "Korenevo"},
    "RU-BEL": {"RU-BEL"},
}


def _run(tmp_path, **parameters):
    rows = seed_claim_rows() + extra_claim_rows()
    claims_csv = write_claims_csv(rows, tmp_path / "claims.csv")
    figures = tmp_path / "figures"
    papermill.execute_notebook(
        str(NOTEBOOK), str(tmp_path / "out.ipynb"),
        # Without the reference claims: the expected selection is the test's own claims.
        parameters={"claims_path": str(claims_csv), "figures_dir": str(figures),
                    "reference": False, **parameters},
        kernel_name="nk-claims", cwd=str(tmp_path), progress_bar=False,
    )
    return rows, figures


def _expected(rows, region, as_of, units):
    cutoff = dt.date.fromisoformat(as_of) if as_of else dt.date.max
    return {
        r["claim_id"] for r in rows
        if dt.date.fromisoformat(r["published"]) <= cutoff and r["unit"] in units
        and r["location"] in LOCATIONS_IN[region]
    }


def _listed(path):
    with path.open(encoding="utf-8") as handle:
        return {row["claim_id"] for row in csv.DictReader(handle)}


def _svg_ids(path):
    return set(re.findall(r'id="claim-([^"]+)"', path.read_text(encoding="utf-8")))


def test_kursk_with_earlier_as_of_and_other_units(tmp_path):
    as_of, units = "2024-11-06", ["troops", "wounded"]
    rows, figures = _run(tmp_path, region="RU-KRS", as_of=as_of, units=units)
    expected = _expected(rows, "RU-KRS", as_of, units)
    assert expected == {"t_en_1:10", "t_en_4:40"}  # the fixture really exercises the filters
    for name in ("region_map_RU-KRS.png", "region_map_RU-KRS.svg", "overview_map.png",
                 "overview_map.svg", "claims_mapped.geojson"):
        assert (figures / name).stat().st_size > 0, name
    assert _listed(figures / "region_map_RU-KRS_claims.csv") == expected
    assert _svg_ids(figures / "region_map_RU-KRS.svg") == expected
    # The overview shows every North Korean flow into Russia published by the cut-off,
    # whatever the units filter.
    flows = _listed(figures / "overview_map_claims.csv")
    assert flows == {"t_en_1:10", "t_de_2:20", "t_en_3:30", "t_en_5:50"}
    assert _svg_ids(figures / "overview_map.svg") == flows


def test_belgorod_with_default_units(tmp_path):
    rows, figures = _run(tmp_path, region="RU-BEL")
    expected = _expected(rows, "RU-BEL", None, ["troops", "soldiers"])
    assert expected == {"t_en_3:30"}
    assert _listed(figures / "region_map_RU-BEL_claims.csv") == expected
    assert _svg_ids(figures / "region_map_RU-BEL.svg") == expected
    assert not (figures / "region_map_RU-KRS.png").exists()


def test_unknown_region_fails_in_the_validation_cell_listing_valid_codes():
    with pytest.raises(ParameterError) as failure:
        run_validation_cell(NOTEBOOK, region="RU-XXX")
    message = str(failure.value)
    assert "parameter 'region' = 'RU-XXX' is not valid" in message and "\n" not in message
    assert "RU-BEL, RU-BRY, RU-KRS" in message
    assert run_validation_cell(NOTEBOOK, region="RU-BEL")["region"] == "RU-BEL"
