"""The report runner: parameters, run folders, failure handling, latest, facts, index.

Runs use small generated notebooks (tests/support/notebook_factory.py) and a stand-in for
``analysis.facts.store`` so they take seconds; one marked integration test runs the real
notebooks against the committed facts.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import threading
import types
from pathlib import Path

import geopandas as gpd
import nbformat
import pandas as pd
import papermill
import pytest
import yaml

from analysis.cli import main
from analysis.core import paths
from analysis.core.errors import ParameterError
from analysis.core.tables import to_csv_text
from analysis.report.notebooks import (
    discover_notebooks,
    read_notebook,
    strip_notebook_file,
    strip_volatile_metadata,
)
from analysis.report.params import load_schema, notebook_defaults
from analysis.report.runner import (
    ReportError,
    ReportOptions,
    git_state,
    input_hashes,
    newest_claim,
    prune_runs,
    refresh_notebooks,
    reserve_run_dir,
    run_report,
    select_notebooks,
    summary_paragraph,
    switch_latest,
)
from tests.support.notebook_factory import (
    SHARED_PARAMETERS,
    VALIDATION,
    claims_frame,
    events_frame,
    make_notebook,
    make_notebook_folder,
    write_schema,
)

RUN_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}(-\d+)?$")


@pytest.fixture
def fake_facts(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """``analysis.facts.store`` stand-in: two seed claims and one event, facts up to date."""
    module = types.ModuleType("analysis.facts.store")
    try:  # keep the real module's other names: the CLI imports stages that use them
        import analysis.facts.store as real

        module.__dict__.update({k: v for k, v in vars(real).items() if not k.startswith("__")})
    except ImportError:
        pass

    def load_claims(path=None, **kwargs):
        claims = claims_frame()
        # like the real loader, which keeps the applied overrides as a side table
        claims.attrs["overrides"] = pd.DataFrame({"claim_id": [claims.loc[0, "claim_id"]]})
        return claims

    module.load_claims = load_claims
    module.load_events = lambda path=None: events_frame()
    module.stale_facts = lambda: []
    monkeypatch.setitem(sys.modules, "analysis.facts.store", module)
    return module


@pytest.fixture
def notebooks(tmp_path: Path) -> Path:
    return make_notebook_folder(tmp_path / "notebooks")


def _run(notebooks: Path, out: Path, messages: list[str] | None = None, **options):
    messages = [] if messages is None else messages
    result = run_report(
        ReportOptions(out_dir=out, notebooks_dir=notebooks, heartbeat_seconds=60, **options),
        progress=messages.append,
    )
    return result, messages


# --------------------------------------------------------------------------- a good run


def test_successful_run_publishes_everything_and_switches_latest(
    tmp_path: Path, notebooks: Path, fake_facts
) -> None:
    out = tmp_path / "reports"
    result, messages = _run(notebooks, out, jobs=2)

    assert result.succeeded
    run = result.run_dir
    assert RUN_ID.match(run.name) and run.parent == out
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary folder left"
    assert os.readlink(out / "latest") == run.name  # relative, survives moving reports/
    assert (out / "latest" / "index.html").is_file()

    for name in ("00_first", "01_second"):
        executed = read_notebook(run / f"{name}.ipynb")
        injected = [
            c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])
        ]
        assert f'figures_dir = "figures/{name}"' in injected[0].source
        page = (run / f"{name}.html").read_text(encoding="utf-8")
        assert "CODE-ONLY-MARKER" not in page and "check_date" not in page  # code hidden
    first = (run / "00_first.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in first  # the figure is inline
    assert "50000.0" in first  # the table output is there
    assert (run / "figures" / "00_first" / "bars.png").is_file()
    assert not (run / "figures" / "01_second").exists()

    claims = pd.read_parquet(run / "facts" / "claims.parquet")
    assert list(claims["quote"]) == list(claims_frame()["quote"])
    assert list(claims.loc[1, "claimants"]) == ["USA", "KOR", "UKR"]
    csv = pd.read_csv(run / "facts" / "claims.csv", dtype=str, keep_default_na=False)
    assert json.loads(csv.loc[1, "claimants"]) == ["USA", "KOR", "UKR"]
    assert csv.loc[0, "as_of_start"] == "2024-11-04" and csv.loc[0, "approx"] == "false"
    assert len(pd.read_parquet(run / "facts" / "events.parquet")) == 1
    geojson = gpd.read_file(run / "facts" / "claims.geojson")
    assert len(geojson) == 2 and set(geojson["location"]) == {"RU-KRS", "UKR"}
    overrides = pd.read_csv(run / "facts" / "claims_overrides.csv")
    assert list(overrides["claim_id"]) == ["000_01afb6bfc0e7695c:400"]
    contradictions = pd.read_csv(run / "facts" / "contradictions.csv")
    assert list(contradictions["rule"]) == ["location_conflict"]

    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run_id"] == run.name and manifest["status"] == "succeeded"
    assert [n["name"] for n in manifest["notebooks"]] == ["00_first", "01_second"]
    assert all(n["status"] == "succeeded" and n["seconds"] > 0 for n in manifest["notebooks"])
    assert manifest["notebooks"][0]["parameters"]["repeat"] == 1
    assert manifest["total_seconds"] >= max(n["seconds"] for n in manifest["notebooks"])
    assert manifest["started_at"] < manifest["finished_at"]
    source = notebooks / "00_first.ipynb"
    assert manifest["inputs"][str(source.resolve())] == hashlib.sha256(
        source.read_bytes()
    ).hexdigest()
    seeds = paths.SEEDS_DIR.relative_to(paths.ROOT).as_posix()  # the corpus in use
    assert any(key.startswith(f"{seeds}/") for key in manifest["inputs"])
    assert manifest["packages"]["pandas"] == pd.__version__
    assert manifest["packages"]["papermill"] == papermill.__version__
    assert "commit" in manifest["git"]
    assert manifest["facts"]["summary"]["claims"] == 2
    assert manifest["facts"]["summary"]["contradictions"] == 1
    assert manifest["figures"] == ["00_first/bars.png"]
    assert run.name.split("-")[1] == manifest["input_hash"]

    index = (run / "index.html").read_text(encoding="utf-8")
    for link in ("00_first.html", "01_second.html", "00_first.ipynb", "manifest.json",
                 "facts/claims.csv", "facts/claims.parquet", "facts/events.csv",
                 "facts/claims.geojson", "figures/00_first/bars.png"):
        assert f'href="{link}"' in index
    assert "1 article with 2 numeric claims" in index
    assert "“bis zu 12.000 nordkoreanische Truppen”" in index  # newest (as of 2024-11-12)
    assert "1 contradiction found" in index

    assert messages[0].startswith(f"report {run.name}: 2 notebook(s), 2 at a time")
    assert {m.split(":")[0] for m in messages if ": ok in" in m} == {"[1/2] 00_first",
                                                                      "[2/2] 01_second"}
    assert sum("2/2 done" in m for m in messages) == 1
    assert messages[-1].startswith("report succeeded in")


def test_run_id_hash_follows_the_inputs(
    tmp_path: Path, notebooks: Path, fake_facts, monkeypatch: pytest.MonkeyPatch
) -> None:
    # hash a fixed stand-in for seeds/ and data/: the shared tree may change during the test
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "catalog.csv").write_text("id\n", encoding="utf-8")
    monkeypatch.setattr("analysis.report.runner.INPUT_GLOBS", ((tmp_path / "inputs", "*"),))
    out = tmp_path / "reports"
    first, _ = _run(notebooks, out, only=("01",))
    again, _ = _run(notebooks, out, only=("01",))
    other, _ = _run(notebooks, out, only=("01",), as_of="2024-11-11")
    digest = lambda result: result.run_id.split("-")[1]  # noqa: E731
    assert digest(first) == digest(again)
    assert first.run_id != again.run_id  # a new folder per run, even within one second
    assert digest(other) != digest(first)  # parameters are part of the inputs
    assert other.manifest["parameters"]["notebooks"]["01_second"]["as_of"] == "2024-11-11"
    # the notebook received the date
    executed = read_notebook(other.run_dir / "01_second.ipynb")
    assert "as of 2024-11-11" in executed.cells[-1].outputs[0]["text"]


def test_progress_reports_the_cell_of_a_running_notebook(
    tmp_path: Path, fake_facts
) -> None:
    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "00_slow.ipynb",
        [VALIDATION, "import time\ntime.sleep(4)", "print('done')"],
        SHARED_PARAMETERS,
    )
    write_schema(folder, "")
    messages: list[str] = []
    result = run_report(
        ReportOptions(out_dir=tmp_path / "reports", notebooks_dir=folder, heartbeat_seconds=0.5),
        progress=messages.append,
    )
    assert result.succeeded
    beats = [m for m in messages if m.startswith("  ... 0/1 done, running: 00_slow")]
    # while it sleeps, 3 of 5 code cells are done: parameters, injected parameters, validation
    assert any(re.search(r"00_slow 3/5 cells done \(\d+ s\)", m) for m in beats), messages


def test_git_state_outside_a_checkout_is_null(tmp_path: Path) -> None:
    assert git_state(tmp_path) == {"commit": None, "dirty": None}
    state = git_state(paths.ROOT)
    if state["commit"] is not None:  # the project checkout itself
        assert re.fullmatch(r"[0-9a-f]{40}", state["commit"]) and isinstance(state["dirty"], bool)


def test_input_hashes_change_with_file_content(tmp_path: Path) -> None:
    extra = tmp_path / "x.ipynb"
    extra.write_text("one", encoding="utf-8")
    before = input_hashes([extra])
    extra.write_text("two", encoding="utf-8")
    after = input_hashes([extra])
    assert before[str(extra.resolve())] != after[str(extra.resolve())]
    assert {k: v for k, v in before.items() if k != str(extra.resolve())} == {
        k: v for k, v in after.items() if k != str(extra.resolve())
    }


# --------------------------------------------------------------------------- failure


def test_failing_notebook_keeps_error_fails_run_and_leaves_latest(
    tmp_path: Path, fake_facts, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_notebook_folder(tmp_path / "notebooks", failing=True)
    out = tmp_path / "reports"
    good, _ = _run(folder, out, only=("00_first",))
    assert good.succeeded and os.readlink(out / "latest") == good.run_id

    code = main(["report", "--out", str(out), "--notebooks", str(folder), "--jobs", "3"])
    captured = capsys.readouterr()
    assert code == 1
    assert os.readlink(out / "latest") == good.run_id  # untouched
    failed_runs = [p for p in out.iterdir() if not p.is_symlink() and p.name != good.run_id]
    assert len(failed_runs) == 1 and not failed_runs[0].name.startswith(".")
    failed = failed_runs[0]
    assert captured.out.strip() == str(failed)
    assert ("error: 02_broken failed at cell In [" in captured.err
            and "ValueError: deliberate failure for the test" in captured.err)
    assert "latest unchanged" in captured.err

    manifest = json.loads((failed / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed"
    by_name = {n["name"]: n for n in manifest["notebooks"]}
    assert by_name["00_first"]["status"] == by_name["01_second"]["status"] == "succeeded"
    broken = by_name["02_broken"]
    assert broken["status"] == "failed"
    assert broken["error"]["ename"] == "ValueError"
    assert broken["error"]["evalue"] == "deliberate failure for the test"
    assert broken["error"]["source"].startswith("raise ValueError")
    # the executed notebook is kept, with the error in the failing cell and "before" printed
    executed = read_notebook(failed / "02_broken.ipynb")
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors and errors[0]["evalue"] == "deliberate failure for the test"
    assert errors and executed.cells[0].cell_type == "markdown"  # papermill's error banner
    assert (failed / "02_broken.html").is_file()
    index = (failed / "index.html").read_text(encoding="utf-8")
    assert 'class="failed"' in index and "deliberate failure for the test" in index
    assert "This run failed" in index and "02_broken failed at cell In [" in index


def test_dead_kernel_is_a_failed_notebook_not_a_crash(tmp_path: Path, fake_facts) -> None:
    folder = tmp_path / "notebooks"
    make_notebook(folder / "00_dies.ipynb", ["import os\nos._exit(3)"], SHARED_PARAMETERS)
    write_schema(folder, "")
    result, messages = _run(folder, tmp_path / "reports")
    assert not result.succeeded
    error = result.manifest["notebooks"][0]["error"]
    assert error["ename"] == "DeadKernelError"
    assert any(m.startswith("error: 00_dies failed") for m in messages)
    assert not (tmp_path / "reports" / "latest").exists()


# --------------------------------------------------------------------------- parameters


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
    tmp_path: Path, notebooks: Path, fake_facts, user_params: dict, named: str
) -> None:
    params = tmp_path / "run.yaml"
    params.write_text(yaml.safe_dump(user_params), encoding="utf-8")
    out = tmp_path / "reports"
    messages: list[str] = []
    with pytest.raises(ParameterError) as caught:
        _run(notebooks, out, messages, params_file=params)
    message = str(caught.value)
    assert named in message and "\n" not in message
    assert messages == [] and not out.exists()  # nothing ran, nothing written


def test_output_folder_inside_out_and_dates_from_yaml_are_accepted(
    tmp_path: Path, notebooks: Path, fake_facts
) -> None:
    params = tmp_path / "run.yaml"
    params.write_text(
        "shared:\n  as_of: 2024-11-12\n  figures_dir: ../shared-figures\n"
        "notebooks:\n  00_first:\n    repeat: 3\n",
        encoding="utf-8",
    )
    out = tmp_path / "reports"
    # --as-of (the CLI flag) wins over the file's shared.as_of
    result, _ = _run(notebooks, out, params_file=params, only=("00_first",), as_of="2024-11-11")
    assert result.succeeded
    assert (out / "shared-figures" / "00_first" / "bars.png").is_file()
    assert result.manifest["parameters"]["notebooks"]["00_first"] == {
        "claims_path": None, "figures_dir": "../shared-figures/00_first",
        "as_of": "2024-11-11", "repeat": 3,
    }
    executed = read_notebook(result.run_dir / "00_first.ipynb")
    table = next(c for c in executed.cells if "CODE-ONLY-MARKER" in c.source)
    assert "150000.0" in table.outputs[0]["data"]["text/plain"]  # repeat reached the notebook


def test_cli_bad_values_are_one_line_and_exit_2(
    tmp_path: Path, notebooks: Path, fake_facts, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    base = ["report", "--out", str(out), "--notebooks", str(notebooks)]
    for extra, named in (
        (["--as-of", "2024-13-45"], "--as-of"),
        (["--only", "07_nothing"], "07_nothing"),
        (["--jobs", "0"], "--jobs"),
        (["--params", str(tmp_path / "missing.yaml")], "missing.yaml"),
    ):
        assert main(base + extra) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and named in err and err.count("\n") == 1
    assert not out.exists()


def test_unusable_out_folder_is_one_line(
    tmp_path: Path, notebooks: Path, fake_facts, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["report", "--out", str(blocker / "reports"), "--notebooks", str(notebooks)])
    err = capsys.readouterr().err
    assert code == 2 and "cannot create the report folder" in err and err.count("\n") == 1


def test_schema_problems_are_reported_by_name(tmp_path: Path) -> None:
    schema = tmp_path / "params.yaml"
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
        schema.write_text(text, encoding="utf-8")
        with pytest.raises(ParameterError, match=re.escape(named)):
            load_schema(schema)


def test_schema_must_match_existing_notebooks_and_their_parameters_cells(
    tmp_path: Path, notebooks: Path, fake_facts
) -> None:
    schema = notebooks / "params.yaml"
    original = schema.read_text(encoding="utf-8")
    schema.write_text(original + "  05_gone:\n    x: {type: int, default: 1}\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="'05_gone'"):
        _run(notebooks, tmp_path / "reports")
    schema.write_text(
        original + "  01_second:\n    region: {type: str, default: RU-KRS}\n", encoding="utf-8"
    )
    with pytest.raises(ParameterError, match="'region' is documented for 01_second"):
        _run(notebooks, tmp_path / "reports")
    assert not (tmp_path / "reports").exists()


# --------------------------------------------------------------------------- concurrency


def test_two_runs_started_at_once_both_complete_in_separate_folders(
    tmp_path: Path, notebooks: Path, fake_facts
) -> None:
    out = tmp_path / "reports"
    results: list = []
    barrier = threading.Barrier(2)

    def run() -> None:
        barrier.wait()
        results.append(_run(notebooks, out, only=("01_second",))[0])

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2 and all(r.succeeded for r in results)
    assert results[0].run_dir != results[1].run_dir
    assert all((r.run_dir / "01_second.html").is_file() for r in results)
    assert os.readlink(out / "latest") in {r.run_id for r in results}
    assert sorted(p.name for p in out.iterdir()) == sorted([*(r.run_id for r in results), "latest"])


def test_reserve_run_dir_never_hands_out_a_name_twice(tmp_path: Path) -> None:
    ids = [reserve_run_dir(tmp_path, "20241112T000000Z", "abcdef12")[0] for _ in range(3)]
    assert ids == ["20241112T000000Z-abcdef12", "20241112T000000Z-abcdef12-2",
                   "20241112T000000Z-abcdef12-3"]
    (tmp_path / ".tmp-20241112T000000Z-abcdef12").rename(tmp_path / "20241112T000000Z-abcdef12")
    assert reserve_run_dir(tmp_path, "20241112T000000Z", "abcdef12")[0].endswith("-4")


def test_latest_is_switched_atomically_and_never_back_to_an_older_run(tmp_path: Path) -> None:
    older, newer = "20241112T000000Z-aaaaaaaa", "20241112T000005Z-bbbbbbbb"
    for name in (older, newer):
        (tmp_path / name).mkdir()
    assert switch_latest(tmp_path, newer)
    assert not switch_latest(tmp_path, older)  # finished later, but started earlier
    assert os.readlink(tmp_path / "latest") == newer
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    (tmp_path / "latest").unlink()
    (tmp_path / "latest").mkdir()
    with pytest.raises(ReportError, match="not a symlink"):
        switch_latest(tmp_path, newer)


def test_prune_keeps_the_newest_runs_and_latest(tmp_path: Path) -> None:
    names = [f"2024111{day}T000000Z-aaaaaaaa" for day in range(1, 6)]
    for name in names:
        (tmp_path / name).mkdir()
    (tmp_path / ".tmp-20241116T000000Z-bbbbbbbb").mkdir()  # a run in progress
    (tmp_path / "notes").mkdir()  # not a run folder
    os.symlink(names[0], tmp_path / "latest")  # e.g. the newer ones failed
    assert prune_runs(tmp_path, 2) == names[1:3]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [names[0], *names[3:], ".tmp-20241116T000000Z-bbbbbbbb", "notes", "latest"]
    )
    with pytest.raises(ParameterError, match="--keep 0"):
        prune_runs(tmp_path, 0)


def test_keep_option_prunes_after_a_run(tmp_path: Path, notebooks: Path, fake_facts) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    for day in (1, 2):
        (out / f"2024111{day}T000000Z-aaaaaaaa").mkdir()
    result, messages = _run(notebooks, out, only=("01",), keep=2)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["20241112T000000Z-aaaaaaaa", result.run_id, "latest"]
    )
    assert "removed 1 old run folder(s) (--keep 2)" in messages


# --------------------------------------------------------------------------- facts, summary


def test_missing_stage_module_is_a_clear_error_and_leaves_nothing(
    tmp_path: Path, notebooks: Path, fake_facts, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "analysis.geo.layers", None)  # import fails
    out = tmp_path / "reports"
    with pytest.raises(ReportError, match=r"analysis\.geo is missing.*GeoJSON"):
        _run(notebooks, out)
    assert list(out.iterdir()) == []


def test_facts_that_cannot_be_loaded_stop_the_run_with_their_message(
    tmp_path: Path, notebooks: Path, fake_facts
) -> None:
    from analysis.core.errors import FactsError

    def no_facts(path=None, **kwargs):
        raise FactsError("data/facts/claims.csv does not exist; run `make facts`")

    fake_facts.load_claims = no_facts
    with pytest.raises(FactsError, match="make facts"):
        _run(notebooks, tmp_path / "reports")
    assert list((tmp_path / "reports").iterdir()) == []


def test_bug_in_a_facts_stage_fails_the_run_but_runs_the_notebooks(
    tmp_path: Path, notebooks: Path, fake_facts, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(claims, **kwargs):
        raise KeyError("location_name")

    monkeypatch.setattr("analysis.geo.geocoding.geocode_claims", broken)
    result, messages = _run(notebooks, tmp_path / "reports", only=("01",))
    assert result.status == "failed" and result.run_dir.is_dir()
    assert result.manifest["notebooks"][0]["status"] == "succeeded"
    assert result.manifest["facts"]["error"] == {"ename": "KeyError", "evalue": "'location_name'"}
    assert "error: facts export failed: KeyError: 'location_name'" in messages
    assert "facts export failed: KeyError" in (result.run_dir / "index.html").read_text()
    assert not (tmp_path / "reports" / "latest").exists()


def test_interrupted_run_leaves_no_folder(
    tmp_path: Path, notebooks: Path, fake_facts, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("analysis.report.runner.run_tasks", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _run(notebooks, tmp_path / "reports")
    assert list((tmp_path / "reports").iterdir()) == []


def test_as_of_limits_the_summary_to_claims_published_by_then(
    tmp_path: Path, notebooks: Path, fake_facts
) -> None:
    result, messages = _run(notebooks, tmp_path / "reports", only=("01",), as_of="2024-11-11")
    summary = result.manifest["facts"]["summary"]
    assert summary["claims"] == 0 and summary["claims_total"] == 2
    assert summary["newest_claim"] is None and summary["contradictions"] == 0
    assert summary["mapped_claims"] == 0
    assert "As of 2024-11-11, the corpus has 0 articles with 0 numeric claims" in (
        result.run_dir / "index.html"
    ).read_text(encoding="utf-8")


def test_stale_facts_are_a_warning_in_progress_and_index(
    tmp_path: Path, notebooks: Path, fake_facts
) -> None:
    fake_facts.stale_facts = lambda: ["000_01afb6bfc0e7695c"]
    result, messages = _run(notebooks, tmp_path / "reports", only=("01",))
    assert result.succeeded
    assert any(m.startswith("warning: committed facts are out of date") for m in messages)
    assert "make facts" in (result.run_dir / "index.html").read_text(encoding="utf-8")


def test_newest_claim_uses_as_of_end_then_publication_date() -> None:
    claims = claims_frame()
    assert newest_claim(claims)["claim_id"].endswith(":900")
    claims.loc[1, ["as_of_start", "as_of_end"]] = pd.NaT
    claims.loc[1, "published"] = pd.Timestamp("2024-11-09")
    newest = newest_claim(claims)
    assert newest["claim_id"].endswith(":400") and newest["date"] == "2024-11-10"
    assert newest_claim(claims.iloc[0:0]) is None


def test_summary_paragraph_reads_naturally() -> None:
    summary = {
        "as_of": None, "articles": 3, "claims": 1, "mapped_claims": 1, "contradictions": 2,
        "contradiction_rules": {"interval_conflict": 1, "location_conflict": 1},
        "newest_claim": {"date": "2024-11-11", "quote": "rund 50.000 Soldaten", "label": "",
                         "article_id": "a1"},
    }
    text = summary_paragraph(summary)
    assert text.startswith("The corpus has 3 articles with 1 numeric claim (1 placed")
    assert "dated 2024-11-11, is “rund 50.000 Soldaten” in article a1" in text
    assert text.endswith("2 contradictions found (1 interval_conflict, 1 location_conflict).")
    assert "No contradictions found." in summary_paragraph({**summary, "contradictions": 0})


def test_csv_is_in_the_committed_facts_format() -> None:
    frame = pd.DataFrame({
        "claimants": [["USA", "KOR"], []],
        "as_of_end": pd.to_datetime(["2024-11-10", None]),
        "value": [10000.0, float("nan")],
        "share": [0.25, 1.0],
        "approx": [True, False],
        "qualifier": ["up_to", None],
        "start": [831, 1224],
    })
    lines = to_csv_text(frame, None).splitlines()
    assert lines == [
        "claimants,as_of_end,value,share,approx,qualifier,start",
        '"[""USA"", ""KOR""]",2024-11-10,10000,0.25,true,up_to,831',
        "[],,,1,false,,1224",
    ]
    facts = pytest.importorskip("analysis.facts.store")
    committed = paths.FACTS_DIR / "claims.csv"
    if committed.is_file():  # same bytes as the committed table when nothing was overridden
        claims = facts.load_claims(apply_overrides=False)
        claims = claims.drop(columns=["overridden"], errors="ignore")
        assert to_csv_text(claims, None) == committed.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- notebooks


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
    with pytest.raises(ParameterError, match="'04'.*00_explore, 02_map, 10_late"):
        select_notebooks(found, ["04"])


def test_strip_volatile_metadata_keeps_outputs_and_is_idempotent(tmp_path: Path) -> None:
    source = make_notebook(
        tmp_path / "00_x.ipynb", [VALIDATION, 'print("hello")', "1 / 0"], SHARED_PARAMETERS
    )
    executed = tmp_path / "executed.ipynb"
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(str(source), str(executed), parameters={"as_of": "2024-11-12"},
                                   progress_bar=False, cwd=str(tmp_path))
    raw = read_notebook(executed)
    assert "papermill" in raw.metadata and "execution" in raw.cells[1].metadata
    clean = strip_volatile_metadata(raw)
    text = nbformat.writes(clean)
    assert '"papermill"' not in text and "iopub" not in text and "start_time" not in text
    assert "papermill-error-cell-tag" not in text
    hello = next(c for c in clean.cells if c.source == 'print("hello")')
    assert hello.outputs[0]["text"] == "hello\n" and hello.execution_count == 4
    assert "injected-parameters" in text  # what ran is still visible
    assert strip_volatile_metadata(clean) == clean
    assert strip_notebook_file(executed) is True
    assert strip_notebook_file(executed) is False
    nbformat.validate(read_notebook(executed))


def test_notebooks_command_strip_only_cleans_without_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "notebooks"
    source = make_notebook(folder / "00_x.ipynb", ['print("hi")'], SHARED_PARAMETERS)
    papermill.execute_notebook(str(source), str(source), progress_bar=False, cwd=str(folder))
    assert "papermill" in read_notebook(source).metadata
    assert main(["notebooks", "--notebooks", str(folder), "--strip-only"]) == 0
    assert "1 notebook(s) 00_x.ipynb" in capsys.readouterr().out
    cleaned = read_notebook(source)
    assert "papermill" not in cleaned.metadata
    assert cleaned.cells[1].outputs[0]["text"] == "hi\n"


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


# --------------------------------------------------------------------------- the real notebooks


REAL_NOTEBOOKS = discover_notebooks(paths.NOTEBOOKS_DIR) if paths.NOTEBOOKS_DIR.is_dir() else []


@pytest.mark.skipif(not REAL_NOTEBOOKS, reason="no notebooks committed yet")
@pytest.mark.parametrize("notebook", REAL_NOTEBOOKS, ids=lambda p: p.stem)
def test_params_yaml_documents_every_notebook_parameter(notebook: Path) -> None:
    schema = load_schema(paths.NOTEBOOKS_DIR / "params.yaml")
    declared = notebook_defaults(notebook)
    specs = schema.specs_for(notebook.stem)
    assert set(schema.shared) <= set(declared), "every notebook takes the shared parameters"
    assert set(declared) == set(specs), f"params.yaml and {notebook.name} disagree"
    for name, default in declared.items():
        assert specs[name].default == default, f"{notebook.stem}.{name}: default differs"


@pytest.mark.integration
@pytest.mark.skipif(not REAL_NOTEBOOKS, reason="no notebooks committed yet")
def test_real_notebooks_make_a_complete_report(tmp_path: Path) -> None:
    pytest.importorskip("analysis.facts.store")
    result, messages = _run(paths.NOTEBOOKS_DIR, tmp_path / "reports", jobs=4)
    failures = [m for m in messages if m.startswith("error:")]
    assert result.succeeded, failures
    run = result.run_dir
    for notebook in REAL_NOTEBOOKS:
        assert (run / f"{notebook.stem}.html").stat().st_size > 0
    assert (tmp_path / "reports" / "latest" / "index.html").is_file()
    summary = result.manifest["facts"]["summary"]
    assert summary["articles"] >= 1 and summary["claims"] >= 5
    print("\nreal report timings:", {n["name"]: n["seconds"] for n in result.manifest["notebooks"]},
          "total", result.manifest["total_seconds"])
