"""analysis.report.cli_params: ``report --only NAME --param name=value`` (issue 14).

Values are read by the documented type of each parameter in the project's
notebooks/params.yaml; names must be documented for a selected notebook. Whole runs
(nothing executes) are in tests/unit/report/test_runner.py.
"""

from __future__ import annotations

import pytest

from analysis.core import paths
from analysis.core.errors import ParameterError
from analysis.report.cli_params import apply_cli_parameters, parse_cli_value
from analysis.report.params import ParameterSpec, load_schema

SCHEMA = load_schema(paths.NOTEBOOKS_DIR / "params.yaml")
ALL = ["00_explore", "01_claims", "02_kursk_map", "03_estimates_over_time"]


def _apply(names: list[str], *assignments: str) -> tuple[dict, dict]:
    shared: dict = {}
    per_notebook: dict = {}
    apply_cli_parameters(SCHEMA, names, assignments, shared, per_notebook)
    return shared, per_notebook


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("int", "3", 3), ("int", "three", "three"), ("float", "2.5", 2.5),
        ("bool", "true", True), ("bool", "No", False), ("bool", "maybe", "maybe"),
        ("list[str]", "troops,soldiers", ["troops", "soldiers"]),
        ("list[str]", "[killed, wounded]", ["killed", "wounded"]), ("list[str]", "", []),
        ("str", " 2024 ", " 2024 "), ("date", "2024-11-05", "2024-11-05"),
    ],
)
def test_values_are_read_by_the_documented_type(kind: str, text: str, value: object) -> None:
    assert parse_cli_value(ParameterSpec(name="x", type=kind), text) == value


def test_null_is_none_only_where_none_is_allowed() -> None:
    assert parse_cli_value(ParameterSpec(name="x", type="str", nullable=True), "null") is None
    assert parse_cli_value(ParameterSpec(name="x", type="str"), "null") == "null"


def test_a_notebook_parameter_and_a_shared_one() -> None:
    shared, per_notebook = _apply(["02_kursk_map"], "region=RU-BEL", "as_of=2024-11-12")
    assert shared == {"as_of": "2024-11-12"}
    assert per_notebook == {"02_kursk_map": {"region": "RU-BEL"}}


def test_a_name_several_notebooks_have_goes_to_each_unless_one_is_named() -> None:
    _, per_notebook = _apply(ALL, "units=killed,wounded")
    assert sorted(per_notebook) == ["00_explore", "02_kursk_map", "03_estimates_over_time"]
    _, per_notebook = _apply(ALL, "03.units=killed")
    assert per_notebook == {"03_estimates_over_time": {"units": ["killed"]}}


@pytest.mark.parametrize(
    ("names", "assignment", "expected"),
    [
        (["02_kursk_map"], "regoin=RU-BEL", "--param 'regoin': no such parameter for "
                                            "02_kursk_map; did you mean 'region'?"),
        (["01_claims"], "region=RU-BEL", "no such parameter for 01_claims"),
        (["02_kursk_map"], "region", "is not NAME=VALUE"),
        (["02_kursk_map"], "=RU-BEL", "is not NAME=VALUE"),
        (["02_kursk_map"], "03.units=killed", "no notebook '03' in this run"),
        (ALL, "02.as_of=2024-11-12", "is shared by every notebook"),
    ],
)
def test_unknown_names_fail_with_one_line(names: list[str], assignment: str, expected: str
                                          ) -> None:
    with pytest.raises(ParameterError) as caught:
        _apply(names, assignment)
    assert expected in str(caught.value) and "\n" not in str(caught.value)
