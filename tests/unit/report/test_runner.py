"""analysis.report.runner: everything that must stop a run before any notebook executes.

No kernel starts here: bad parameters, bad options and unusable inputs fail in
``run_report`` (and ``python -m analysis report``) with one line, and leave nothing
behind. Runs that execute notebooks are in tests/integration/test_report.py.
"""

from __future__ import annotations

import os
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
        # a run writes only inside its own folder (issue 15, item 7)
        ({"shared": {"figures_dir": "../latest"}}, "'figures_dir' = '../latest' is not inside"),
        ({"shared": {"figures_dir": "../shared-figures"}}, "'figures_dir'"),
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
        # issue 14: one notebook with its own values, checked before anything runs
        (["--only", "00", "--param", "repet=2"], "did you mean 'repeat'?"),
        (["--only", "00", "--param", "repeat=many"], "'repeat' (00_first) = 'many' has the "
                                                     "wrong type; expected int"),
        (["--only", "01", "--param", "repeat=2"], "no such parameter for 01_second"),
        (["--param", "as_of=2024-02-30"], "day is out of range for month"),
        (["--param", "figures_dir=../latest"], "is not inside the run folder"),
    ):
        assert main(base + extra) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and named in err and err.count("\n") == 1
    assert main(["report", "--out", str(out), "--notebooks", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not out.exists()


def test_a_region_the_map_cannot_draw_fails_before_any_notebook_runs(
    tmp_path: Path, no_execution, capsys: pytest.CaptureFixture[str]
) -> None:
    """The project's own notebooks: region codes come from the geodata (issue 14)."""
    out = tmp_path / "reports"
    assert main(["report", "--out", str(out), "--only", "02", "--param", "region=RU-XYZ"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: parameter 'region' (02_kursk_map) = 'RU-XYZ' is not valid; "
                          "choose one of: ") and "RU-KRS" in err and err.count("\n") == 1
    assert not out.exists() and no_execution == []


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


def test_an_unquoted_impossible_date_in_a_parameter_file_is_one_line(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 15, item 5: ``as_of: 2024-02-30`` gave a ValueError traceback."""
    params = tmp_path / "run.yaml"
    params.write_text("shared:\n  as_of: 2024-02-30\n", encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["report", "--out", str(out), "--notebooks", str(notebooks),
                 "--params", str(params)]) == 2
    err = capsys.readouterr().err
    assert err == ("error: parameter 'as_of' (shared) = '2024-02-30' is not a valid date "
                   "(day is out of range for month); give YYYY-MM-DD\n")
    assert not out.exists()


def test_an_alias_bomb_is_one_short_line(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 15, item 5 (a small bomb: today's main prints a 4 MB error for it)."""
    levels = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 6)
    ]
    params = tmp_path / "bomb.yaml"
    params.write_text("shared:\n  figures_dir:\n" + "".join(f"    {x}\n" for x in levels),
                      encoding="utf-8")
    assert main(["report", "--out", str(tmp_path / "reports"), "--notebooks", str(notebooks),
                 "--params", str(params)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 300 and "aliases" in err


def test_a_report_folder_name_that_is_not_utf8_is_one_line(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 15, item 9: the manifest (UTF-8) could not record the folder, after the run."""
    out = tmp_path / os.fsdecode(b"reports-\xe9t\xe9")
    assert main(["report", "--out", str(out), "--notebooks", str(notebooks)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a valid UTF-8 name" in err
    assert not out.exists()


@pytest.mark.parametrize("latest", ["folder", "outside"])
def test_a_latest_that_cannot_be_switched_fails_before_any_notebook_runs(
    tmp_path: Path, notebooks: Path, fake_facts, no_execution, latest: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 15, item 7: found only after a full run (folder), or never switched (outside)."""
    out = tmp_path / "reports"
    out.mkdir()
    if latest == "folder":
        (out / "latest").mkdir()
        (out / "latest" / "index.html").write_text("kept", encoding="utf-8")
        expected = "is not a symlink"
    else:
        (tmp_path / "old-reports" / "20991231T000000Z-ffffffff").mkdir(parents=True)
        (out / "latest").symlink_to(tmp_path / "old-reports" / "20991231T000000Z-ffffffff")
        expected = "points outside the report folder"
    assert main(["report", "--out", str(out), "--notebooks", str(notebooks)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and expected in err and err.count("\n") == 1
    assert sorted(p.name for p in out.iterdir()) == ["latest"]  # nothing reserved
    assert fake_facts.claims_paths == []


# --- runs whose notebooks "execute" instantly (run_tasks replaced) --------------------------


@pytest.fixture
def instant_execution(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Notebooks "run" without a kernel; ``outcome["status"]`` decides how they end."""
    outcome = {"status": "succeeded", "runs": []}

    def run_tasks(tasks, jobs, progress, **kwargs):
        outcome["runs"].append([task.name for task in tasks])
        now = "2024-11-12T00:00:00.000Z"
        error = None if outcome["status"] == "succeeded" else {
            "cell_index": 3, "execution_count": 3, "ename": "ValueError", "evalue": "no",
            "source": "raise ValueError('no')",
        }
        return [{"name": task.name, "notebook": Path(task.output).name, "html": None,
                 "status": outcome["status"], "started_at": now, "finished_at": now,
                 "seconds": 0.01, "error": error} for task in tasks]

    monkeypatch.setattr(runner, "run_tasks", run_tasks)
    return outcome


def test_only_runs_never_switch_latest(
    tmp_path: Path, notebooks: Path, fake_facts, instant_execution
) -> None:
    """Issue 15, item 7: ``--only 01`` made latest show a one-notebook report."""
    out = tmp_path / "reports"
    full, _ = report_run(notebooks, out)
    assert os.readlink(out / "latest") == full.run_id and full.manifest["complete"]
    partial, messages = report_run(notebooks, out, only=("01",))
    assert partial.succeeded and not partial.manifest["complete"]
    assert os.readlink(out / "latest") == full.run_id
    assert messages[-1].endswith("(latest unchanged: only part of the notebooks ran (--only))")
    every, _ = report_run(notebooks, out, only=("00", "01"))  # all of them: a full run
    assert os.readlink(out / "latest") == every.run_id


def test_keep_never_deletes_what_an_absolute_latest_points_to(
    tmp_path: Path, notebooks: Path, fake_facts, instant_execution
) -> None:
    """Issue 15, item 7: ``--keep 1`` with an absolute link deleted latest's run."""
    out = tmp_path / "reports"
    good, older = "20241110T000000Z-aaaaaaaa", "20241111T000000Z-aaaaaaaa"
    for name in (good, older):
        (out / name).mkdir(parents=True)
    (out / "latest").symlink_to(out / good)  # absolute, as `ln -s "$PWD/..."` makes it
    instant_execution["status"] = "failed"
    failed, messages = report_run(notebooks, out, keep=1)
    assert not failed.succeeded
    assert sorted(p.name for p in out.iterdir()) == sorted([good, failed.run_id, "latest"])
    assert (out / "latest").resolve() == out / good
    assert "removed 1 old run folder(s) (--keep 1)" in messages


def test_the_next_run_sweeps_the_folder_of_a_killed_run(
    tmp_path: Path, notebooks: Path, fake_facts, instant_execution
) -> None:
    """Issue 15, item 6 (the kill itself: tests/integration/test_report_interrupted.py)."""
    out = tmp_path / "reports"
    stale = out / ".tmp-20241111T000000Z-deadbeef"
    (stale / "logs").mkdir(parents=True)
    result, messages = report_run(notebooks, out)
    assert result.succeeded and not stale.exists()
    assert f"removed 1 folder(s) of interrupted runs: {stale.name}" in messages
