"""analysis.report.runner: everything that must stop a run before any notebook executes.

No kernel starts here: bad parameters, bad options and unusable inputs fail in
``run_report`` (and ``python -m analysis report``) with one line, and leave nothing
behind. Runs that execute notebooks are in tests/integration/test_report.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis.cli import main
from analysis.core.errors import FactsError, ParameterError
from analysis.report import runner
from analysis.report.folders import ReportError
from analysis.report.runner import ReportOptions, run_report
from tests.support.notebook_factory import make_notebook_folder, report_run
from tests.support.report_facts import FakeFacts, install_fake_facts


@pytest.fixture
def fake_facts(monkeypatch: pytest.MonkeyPatch) -> FakeFacts:
    return install_fake_facts(monkeypatch)


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    return make_notebook_folder(tmp_path / "notebooks")


@pytest.fixture
def no_execution(monkeypatch: pytest.MonkeyPatch) -> list:
    """Fail the test if a run gets as far as executing notebooks."""
    calls: list = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("a notebook was about to run")

    monkeypatch.setattr(runner, "run_tasks", refuse)
    return calls


@pytest.mark.parametrize(
    ("user_params", "named"),
    [
        ({"shared": {"colour": "red"}}, "'colour'"),
        ({"shared": {"repeat": 2}}, "notebooks.00_first"),  # per-notebook given as shared
        ({"notebooks": {"00_first": {"repeat": "many"}}}, "'repeat'"),
        ({"notebooks": {"00_first": {"repeat": 2.5}}}, "'repeat'"),
        ({"notebooks": {"00_first": {"nope": 1}}}, "'nope'"),
        ({"notebooks": {"01_second": {"repeat": 2}}}, "'repeat'"),
        ({"notebooks": {"00_first": {"as_of": "2024-11-11"}}}, "'as_of' is shared"),
        ({"notebooks": {"99_missing": {"x": 1}}}, "'99_missing'"),
        ({"shared": {"figures_dir": "../../elsewhere"}}, "'figures_dir'"),
        ({"shared": {"figures_dir": "/tmp/outside-the-reports"}}, "'figures_dir'"),
        ({"shared": {"figures_dir": 3}}, "'figures_dir'"),
        ({"shared": {"as_of": "12.11.2024"}}, "'as_of'"),
        ({"shared": {"claims_path": "no/such/claims.csv"}}, "'claims_path'"),
        ({"figures": "x"}, "'figures'"),
    ],
)
def test_bad_parameters_fail_before_any_notebook_runs(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution, user_params: dict, named: str
) -> None:
    params = tmp_path / "run.yaml"
    params.write_text(yaml.safe_dump(user_params), encoding="utf-8")
    out = tmp_path / "reports"
    messages: list[str] = []
    with pytest.raises(ParameterError) as caught:
        run_report(ReportOptions(out_dir=out, notebooks_dir=notebooks, params_file=params),
                   progress=messages.append)
    message = str(caught.value)
    assert named in message and "\n" not in message
    assert messages == [] and not out.exists()  # nothing ran, nothing written
    assert fake_facts.claims_paths == []


def test_cli_bad_values_are_one_line_and_exit_2(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "reports"
    base = ["report", "--out", str(out), "--notebooks", str(notebooks)]
    for extra, named in (
        (["--as-of", "2024-13-45"], "--as-of"),
        (["--only", "07_nothing"], "07_nothing"),
        (["--jobs", "0"], "--jobs"),
        (["--keep", "0"], "--keep"),
        (["--params", str(tmp_path / "missing.yaml")], "missing.yaml"),
    ):
        assert main(base + extra) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and named in err and err.count("\n") == 1
    assert main(["report", "--out", str(out), "--notebooks", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.exists()


def test_unusable_out_folder_is_one_line(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution,
    capsys: pytest.CaptureFixture[str],
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["report", "--out", str(blocker / "reports"), "--notebooks", str(notebooks)])
    err = capsys.readouterr().err
    assert code == 2 and "cannot create the report folder" in err and err.count("\n") == 1


def test_a_folder_without_numbered_notebooks_is_a_report_error(
    tmp_path: Path, fake_facts, no_execution
) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "params.yaml").write_text("shared: {}\n", encoding="utf-8")
    (folder / "draft.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(ReportError, match="no notebooks named NN_name.ipynb"):
        report_run(folder, tmp_path / "reports")


def test_schema_must_match_existing_notebooks_and_their_parameters_cells(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution
) -> None:
    schema = notebooks / "params.yaml"
    original = schema.read_text(encoding="utf-8")
    schema.write_text(original + "  05_gone:\n    x: {type: int, default: 1}\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="'05_gone'"):
        report_run(notebooks, tmp_path / "reports")
    schema.write_text(
        original + "  01_second:\n    region: {type: str, default: RU-KRS}\n", encoding="utf-8"
    )
    with pytest.raises(ParameterError, match="'region' is documented for 01_second"):
        report_run(notebooks, tmp_path / "reports")
    assert not (tmp_path / "reports").exists()


def test_facts_that_cannot_be_loaded_stop_the_run_with_their_message(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution
) -> None:
    fake_facts.claims_error = FactsError("data/facts/claims.csv does not exist; run `make facts`")
    with pytest.raises(FactsError, match="make facts"):
        report_run(notebooks, tmp_path / "reports")
    assert list((tmp_path / "reports").iterdir()) == []  # the reserved folder is removed


def test_missing_geodata_stops_the_run_with_the_file_name(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    from analysis.core import paths
    from analysis.lexicon.caches import clear_caches

    monkeypatch.setattr(paths, "GEO_DIR", tmp_path / "no-geo")
    clear_caches()  # the geodata of the real folder is cached
    request.addfinalizer(clear_caches)
    out = tmp_path / "reports"
    assert main(["report", "--out", str(out), "--notebooks", str(notebooks)]) == 2
    progress, error = capsys.readouterr().err.splitlines()
    assert progress.startswith("report ")  # the folder was reserved, then removed
    assert error.startswith("error: geodata file ") and "no-geo" in error
    assert error.endswith("is missing; copy it from the geodata bundle (see data/geo/README.md)")
    assert list(out.iterdir()) == []


def test_interrupted_run_leaves_no_folder(
    tmp_path: Path, notebooks: Path, fake_facts, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run_tasks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        report_run(notebooks, tmp_path / "reports")
    assert list((tmp_path / "reports").iterdir()) == []
