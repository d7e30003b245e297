"""analysis.report.params: the parameter schema (notebooks/params.yaml) and its checks."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.core.errors import ParameterError
from analysis.core.schema import UNITS
from analysis.geo.layers import valid_region_codes
from analysis.lexicon import reader
from analysis.report.notebooks import discover_notebooks, notebook_defaults
from analysis.report.params import (
    CHOICE_SOURCES,
    ParameterSpec,
    coerce_value,
    load_schema,
    resolve_output_dir,
    resolve_parameters,
)

SHARED = "shared:\n  as_of: {type: date, nullable: true, default: null}\n"


def _schema(tmp_path: Path, text: str):
    path = tmp_path / "params.yaml"
    path.write_text(text, encoding="utf-8")
    return load_schema(path)


def test_schema_problems_are_reported_by_name(tmp_path: Path) -> None:
    for text, named in (
        ("shared:\n  x: {type: colour}\n", "'x'"),
        ("shared:\n  x: {type: int, default: zero}\n", "'x'"),
        ("shared:\n  x: {type: int, default: 1, colour: red}\n", "colour"),
        ("shared:\n  x: {type: int, default: 1}\nnotebooks:\n  00_a:\n    x: {type: int}\n",
         "redefines"),
        ("shared: [\n", "line"),
        ("shared:\n  x: {type: int, default: 1}\n  x: {type: str, default: a}\n",
         "line 3: duplicate key 'x'"),
        ("other: {}\n", "'shared' and 'notebooks'"),
    ):
        with pytest.raises(ParameterError, match=re.escape(named)):
            _schema(tmp_path, text)


def test_choices_from_units_are_the_schema_units(tmp_path: Path) -> None:
    schema = _schema(tmp_path, SHARED + (
        "notebooks:\n  00_a:\n"
        "    units:\n      type: list[str]\n      default: [troops]\n"
        "      choices: {from: units}\n"
    ))
    spec = schema.notebooks["00_a"]["units"]
    assert spec.choices == tuple(UNITS)
    assert coerce_value(spec, ["killed", "missiles"]) == ["killed", "missiles"]
    with pytest.raises(ParameterError, match="'tanks' is not valid; choose one of: troops, "):
        coerce_value(spec, ["troops", "tanks"])


def test_choices_from_languages_follow_the_lexicon_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SHARED + (
        "notebooks:\n  00_a:\n"
        "    language: {type: str, nullable: true, default: null, choices: {from: languages}}\n"
    )
    assert _schema(tmp_path, text).notebooks["00_a"]["language"].choices == (
        reader.supported_languages()
    )
    # a new language is a data change: a folder with units.csv, and params.yaml accepts it
    lexicon = tmp_path / "lexicon"
    for language in ("de", "en", "uk"):
        (lexicon / language).mkdir(parents=True)
        (lexicon / language / "units.csv").write_text("term,unit\n", encoding="utf-8")
    (lexicon / "drafts").mkdir()  # no units.csv: not a language
    monkeypatch.setattr(paths, "LEXICON_DIR", lexicon)  # the reader's caches are per folder
    spec = _schema(tmp_path, text).notebooks["00_a"]["language"]
    assert spec.choices == ("de", "en", "uk")
    assert coerce_value(spec, "uk") == "uk"
    with pytest.raises(ParameterError, match="'fr' is not valid; choose one of: de, en, uk"):
        coerce_value(spec, "fr")


def test_a_default_outside_choices_from_fails_when_the_schema_is_read(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"'units'.*'tanks' is not valid"):
        _schema(tmp_path, SHARED + (
            "notebooks:\n  00_a:\n"
            "    units:\n      type: list[str]\n      default: [tanks]\n"
            "      choices: {from: units}\n"
        ))


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("{from: colours}", "takes choices from 'colours', which is not a source; use one of: "
                            "units, languages, regions"),
        ("{from: units, also: x}", "give a list or {from: NAME}"),
        ("troops", "give a list or {from: NAME}"),
    ],
)
def test_bad_choices_name_the_parameter_and_the_sources(
    tmp_path: Path, choices: str, message: str
) -> None:
    with pytest.raises(ParameterError) as caught:
        _schema(tmp_path, SHARED + (
            f"notebooks:\n  00_a:\n    units: {{type: str, default: troops, choices: {choices}}}\n"
        ))
    assert "'units'" in str(caught.value) and message in str(caught.value)
    assert set(CHOICE_SOURCES) == {"units", "languages", "regions"}


def test_empty_choice_source_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CHOICE_SOURCES, "languages", lambda: ())
    with pytest.raises(ParameterError, match="'languages', which is empty"):
        _schema(tmp_path, SHARED + (
            "notebooks:\n  00_a:\n"
            "    language: {type: str, nullable: true, default: null, "
            "choices: {from: languages}}\n"
        ))


def test_project_params_yaml_copies_no_vocabulary() -> None:
    """Units and languages come from the schema and lexicon, not from a list in the file."""
    schema = load_schema(paths.NOTEBOOKS_DIR / "params.yaml")
    text = (paths.NOTEBOOKS_DIR / "params.yaml").read_text(encoding="utf-8")
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "choices: [" not in code and "containers" not in code
    specs = [spec for nb in schema.notebooks.values() for spec in nb.values()]
    assert {spec.choices for spec in specs if spec.name == "units"} == {tuple(UNITS)}
    language = schema.notebooks["01_claims"]["language"]
    assert language.choices == reader.supported_languages()
    regions = {schema.notebooks[nb]["region"].choices for nb in ("00_explore", "02_kursk_map")}
    assert regions == {tuple(valid_region_codes())} and "RU-KRS" in next(iter(regions))


def test_resolve_parameters_checks_values_against_resolved_choices(tmp_path: Path) -> None:
    schema = load_schema(paths.NOTEBOOKS_DIR / "params.yaml")
    names = [p.stem for p in discover_notebooks(paths.NOTEBOOKS_DIR)]
    with pytest.raises(ParameterError, match="'units' .*'tanks' is not valid"):
        resolve_parameters(
            schema, names, notebook_values={"02_kursk_map": {"units": ["tanks"]}},
            run_dir=tmp_path / "RUN",
        )
    resolved = resolve_parameters(
        schema, names, notebook_values={"02_kursk_map": {"units": ["captured"]}},
        run_dir=tmp_path / "RUN",
    )
    assert resolved.notebooks["02_kursk_map"]["units"] == ["captured"]


REAL_NOTEBOOKS = discover_notebooks(paths.NOTEBOOKS_DIR)


@pytest.mark.parametrize("notebook", REAL_NOTEBOOKS, ids=lambda p: p.stem)
def test_params_yaml_documents_every_notebook_parameter(notebook: Path) -> None:
    schema = load_schema(paths.NOTEBOOKS_DIR / "params.yaml")
    declared = notebook_defaults(notebook)
    specs = schema.specs_for(notebook.stem)
    assert set(schema.shared) <= set(declared), "every notebook takes the shared parameters"
    assert set(declared) == set(specs), f"params.yaml and {notebook.name} disagree"
    for name, default in declared.items():
        assert specs[name].default == default, f"{notebook.stem}.{name}: default differs"


FLOAT = ParameterSpec(name="scale", type="float", default=1.0)
DATE = ParameterSpec(name="as_of", type="date", nullable=True)
FIGURES = ParameterSpec(name="figures_dir", type="output_dir", default="figures")


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, 10**400])
def test_a_float_parameter_must_be_finite(value: float) -> None:
    """Issue 15, item 2 at the report's boundary: ``.inf`` or a 400-digit number in a
    parameter file would reach the charts as infinity."""
    with pytest.raises(ParameterError, match="'scale' .* must be a finite number"):
        coerce_value(FLOAT, value)
    assert coerce_value(FLOAT, 2) == 2.0


@pytest.mark.parametrize(
    ("value", "reason"),
    [("2024-02-30", "day is out of range for month"), ("2024-13-01", "month must be in 1..12"),
     ("12.11.2024", "")],
)
def test_an_impossible_date_is_named_with_the_reason(value: str, reason: str) -> None:
    with pytest.raises(ParameterError) as caught:
        coerce_value(DATE, value, "shared")
    message = str(caught.value)
    assert message.startswith(f"parameter 'as_of' (shared) = '{value}' is not a valid date")
    assert reason in message and message.endswith("give YYYY-MM-DD")


def test_a_huge_value_is_cut_short_in_the_message() -> None:
    with pytest.raises(ParameterError) as caught:
        coerce_value(DATE, ["x" * 10_000] * 1000)
    assert len(str(caught.value)) < 200


@pytest.mark.parametrize("value", ["../latest", "../20241112T000000Z-aaaaaaaa/figures",
                                   "figures/../../shared", "..", ".", "/tmp/elsewhere"])
def test_an_output_folder_must_lie_inside_the_run_folder(tmp_path: Path, value: str) -> None:
    """Issue 15, item 7: ``figures_dir: ../latest`` wrote into an earlier published run."""
    with pytest.raises(ParameterError) as caught:
        resolve_output_dir(FIGURES, value, tmp_path / "reports" / "RUN")
    assert "is not inside the run folder" in str(caught.value)


def test_an_output_folder_inside_the_run_folder_is_kept(tmp_path: Path) -> None:
    for value in ("figures", "figures/maps", "a/../figures"):
        assert resolve_output_dir(FIGURES, value, tmp_path / "RUN") == value
