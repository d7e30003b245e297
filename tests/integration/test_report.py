"""Report runs that execute notebooks: run folders, latest, failures, parameters, refresh.

Kernels are the expensive part, so runs are shared: ``good_runs`` makes four successful
runs into one report folder (a full run, two runs started at once, and a run with a
parameter file, ``--as-of``, ``--keep`` and stale facts), ``troubled_run`` one run through
the CLI in which a cell fails, a kernel dies and the facts export has a bug. Each test then
asserts one behaviour on those runs. The notebooks are small generated ones
(tests/support/notebook_factory.py) and the facts loaders stand-ins
(tests/support/report_facts.py); one test runs the real notebooks on the real facts.
Everything that fails before a notebook runs is in tests/unit/report/.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from analysis.cli import main
from analysis.core import paths
from analysis.report import provenance
from analysis.report.notebooks import (
    discover_notebooks,
    read_notebook,
    strip_notebook_file,
    strip_volatile_metadata,
)
from analysis.report.refresh import refresh_notebooks
from analysis.report.runner import ReportOptions, RunResult, run_report
from tests.support.notebook_factory import (
    SHARED_PARAMETERS,
    VALIDATION,
    make_notebook,
    make_notebook_folder,
    write_schema,
)
from tests.support.report_facts import claims_frame, install_fake_facts

RUN_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}(-\d+)?$")
OLD_RUNS = ("20241111T000000Z-aaaaaaaa", "20241112T000000Z-aaaaaaaa")


def _run(notebooks: Path, out: Path, **options) -> tuple[RunResult, list[str]]:
    messages: list[str] = []
    options.setdefault("heartbeat_seconds", 60)
    result = run_report(
        ReportOptions(out_dir=out, notebooks_dir=notebooks, **options), progress=messages.append
    )
    return result, messages


def _digest(result: RunResult) -> str:
    return result.run_id.split("-")[1]


# --------------------------------------------------------------------------- good runs


@dataclass
class GoodRuns:
    notebooks: Path
    out: Path
    first: RunResult  # every notebook, 2 at a time
    first_messages: list[str]
    latest_after_first: str
    pair: list[RunResult]  # 01_second twice, started at the same moment
    latest_after_pair: str
    cut: RunResult  # --params file, --as-of 2024-11-11, --keep 5, stale facts
    cut_messages: list[str]


@pytest.fixture(scope="module")
def good_runs(tmp_path_factory: pytest.TempPathFactory) -> GoodRuns:
    base = tmp_path_factory.mktemp("good-runs")
    notebooks = make_notebook_folder(base / "notebooks")
    out = base / "reports"
    for name in OLD_RUNS:  # finished runs of earlier days, for --keep
        (out / name).mkdir(parents=True)
    # hash a fixed stand-in for seeds/ and data/: the project tree may change meanwhile
    (base / "inputs").mkdir()
    (base / "inputs" / "catalog.csv").write_text("id\n", encoding="utf-8")
    params = base / "run.yaml"
    params.write_text(
        "shared:\n  as_of: 2024-11-12\n  figures_dir: ../shared-figures\n"
        "notebooks:\n  00_first:\n    repeat: 3\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(provenance, "INPUT_GLOBS", ((base / "inputs", "*"),))
        facts = install_fake_facts(monkeypatch)

        first, first_messages = _run(notebooks, out, jobs=2)
        latest_after_first = os.readlink(out / "latest")

        pair: list[RunResult] = []
        barrier = threading.Barrier(2)

        def run_second() -> None:
            barrier.wait()
            pair.append(_run(notebooks, out, only=("01_second",))[0])

        threads = [threading.Thread(target=run_second) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        latest_after_pair = os.readlink(out / "latest")

        facts.stale = ["data/facts/claims.csv"]
        # --as-of (the CLI flag) wins over the file's shared.as_of
        cut, cut_messages = _run(
            notebooks, out, jobs=2, params_file=params, as_of="2024-11-11", keep=5
        )
    return GoodRuns(notebooks, out, first, first_messages, latest_after_first, pair,
                    latest_after_pair, cut, cut_messages)


def test_successful_run_publishes_everything_and_switches_latest(good_runs: GoodRuns) -> None:
    result, out, messages = good_runs.first, good_runs.out, good_runs.first_messages
    assert result.succeeded
    run = result.run_dir
    assert RUN_ID.match(run.name) and run.parent == out
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temporary folder left"
    assert good_runs.latest_after_first == run.name  # relative, survives moving reports/
    assert (out / run.name / "index.html").is_file()

    for name in ("00_first", "01_second"):
        executed = read_notebook(run / f"{name}.ipynb")
        injected = [
            c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])
        ]
        assert f'figures_dir = "figures/{name}"' in injected[0].source
        page = (run / f"{name}.html").read_text(encoding="utf-8")
        assert "CODE-ONLY-MARKER" not in page and "check_date" not in page  # code hidden
        assert (run / "logs" / f"{name}.log").is_file()
    first = (run / "00_first.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in first  # the figure is inline
    assert "50000.0" in first  # the table output is there
    assert (run / "figures" / "00_first" / "bars.png").is_file()
    assert not (run / "figures" / "01_second").exists()
    assert all((run / name).stat().st_mode & 0o777 == 0o644
               for name in ("index.html", "manifest.json", "facts/claims.csv"))

    claims = pd.read_parquet(run / "facts" / "claims.parquet")
    assert list(claims["quote"]) == list(claims_frame()["quote"])
    assert list(pd.read_csv(run / "facts" / "contradictions.csv")["rule"]) == [
        "location_conflict"
    ]

    manifest = json.loads((run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == json.loads(json.dumps(result.manifest))
    assert manifest["run_id"] == run.name and manifest["status"] == "succeeded"
    assert [n["name"] for n in manifest["notebooks"]] == ["00_first", "01_second"]
    assert all(n["status"] == "succeeded" and n["seconds"] > 0 for n in manifest["notebooks"])
    assert manifest["notebooks"][0]["parameters"]["repeat"] == 1
    assert manifest["total_seconds"] >= max(n["seconds"] for n in manifest["notebooks"])
    assert manifest["started_at"] < manifest["finished_at"]
    source = good_runs.notebooks / "00_first.ipynb"
    assert manifest["inputs"][str(source.resolve())] == hashlib.sha256(
        source.read_bytes()
    ).hexdigest()
    assert manifest["packages"]["pandas"] == pd.__version__
    assert manifest["packages"]["papermill"] == papermill.__version__
    assert "commit" in manifest["git"]
    assert manifest["facts"]["files"][:2] == ["claims.csv", "claims.parquet"]
    assert manifest["facts"]["summary"]["claims"] == 2
    assert manifest["facts"]["summary"]["contradictions"] == 1
    assert manifest["figures"] == ["00_first/bars.png"]
    assert manifest["warnings"] == []
    assert _digest(result) == manifest["input_hash"]

    index = (run / "index.html").read_text(encoding="utf-8")
    for link in ("00_first.html", "01_second.html", "00_first.ipynb", "manifest.json",
                 "facts/claims.csv", "facts/claims.parquet", "facts/events.csv",
                 "facts/claims.geojson", "figures/00_first/bars.png"):
        assert f'href="{link}"' in index
    assert "1 article with 2 numeric claims" in index
    assert "“bis zu 12.000 nordkoreanische Truppen”" in index  # newest (as of 2024-11-12)
    assert "1 contradiction found" in index

    assert messages[0].startswith(f"report {run.name}: 2 notebook(s), 2 at a time")
    assert messages[1].startswith("facts: claims.csv, claims.parquet")
    assert {m.split(":")[0] for m in messages if ": ok in" in m} == {"[1/2] 00_first",
                                                                      "[2/2] 01_second"}
    assert sum("2/2 done" in m for m in messages) == 1
    assert messages[-1].startswith("report succeeded in")
    assert messages[-1].endswith("(latest -> this run)")


def test_two_runs_started_at_once_both_complete_in_separate_folders(
    good_runs: GoodRuns,
) -> None:
    pair = good_runs.pair
    assert len(pair) == 2 and all(r.succeeded for r in pair)
    assert pair[0].run_dir != pair[1].run_dir
    assert all((r.run_dir / "01_second.html").is_file() for r in pair)
    assert good_runs.latest_after_pair in {r.run_id for r in pair}
    # the run-id hash follows the inputs: same inputs, same hash, yet a folder per run
    assert _digest(pair[0]) == _digest(pair[1])
    assert pair[0].run_id != pair[1].run_id


def test_parameter_file_and_as_of_reach_the_notebooks(good_runs: GoodRuns) -> None:
    result, out = good_runs.cut, good_runs.out
    assert result.succeeded
    # an output folder outside the run but inside --out is accepted
    assert (out / "shared-figures" / "00_first" / "bars.png").is_file()
    assert result.manifest["parameters"]["notebooks"]["00_first"] == {
        "claims_path": None, "figures_dir": "../shared-figures/00_first",
        "as_of": "2024-11-11", "repeat": 3,
    }
    executed = read_notebook(result.run_dir / "00_first.ipynb")
    table = next(c for c in executed.cells if "CODE-ONLY-MARKER" in c.source)
    assert "150000.0" in table.outputs[0]["data"]["text/plain"]  # repeat reached the notebook
    executed = read_notebook(result.run_dir / "01_second.ipynb")
    assert "as of 2024-11-11" in executed.cells[-1].outputs[0]["text"]  # so did the date
    assert _digest(result) != _digest(good_runs.first)  # parameters are part of the inputs

    summary = result.manifest["facts"]["summary"]
    assert summary["claims"] == 0 and summary["claims_total"] == 2
    assert summary["newest_claim"] is None and summary["mapped_claims"] == 0
    index = (result.run_dir / "index.html").read_text(encoding="utf-8")
    assert "As of 2024-11-11, the corpus has 0 articles with 0 numeric claims" in index


def test_stale_facts_are_a_warning_in_progress_and_index(good_runs: GoodRuns) -> None:
    result, messages = good_runs.cut, good_runs.cut_messages
    assert result.succeeded
    assert any(m.startswith("warning: committed facts are out of date") for m in messages)
    assert "make facts" in (result.run_dir / "index.html").read_text(encoding="utf-8")
    assert result.manifest["warnings"] == [
        "committed facts are out of date for 1 item(s) (data/facts/claims.csv); run `make facts`"
    ]


def test_keep_option_prunes_after_a_run(good_runs: GoodRuns) -> None:
    runs = [good_runs.first, *good_runs.pair, good_runs.cut]
    assert sorted(p.name for p in good_runs.out.iterdir()) == sorted(
        [OLD_RUNS[1], *(r.run_id for r in runs), "latest", "shared-figures"]
    )
    assert os.readlink(good_runs.out / "latest") == good_runs.cut.run_id
    assert "removed 1 old run folder(s) (--keep 5)" in good_runs.cut_messages


def test_notebooks_command_strip_only_cleans_without_running(
    good_runs: GoodRuns, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    source = folder / "00_x.ipynb"
    shutil.copy(good_runs.first.run_dir / "01_second.ipynb", source)  # executed by papermill
    assert "papermill" in read_notebook(source).metadata
    assert main(["notebooks", "--notebooks", str(folder), "--strip-only"]) == 0
    assert "1 notebook(s) 00_x.ipynb" in capsys.readouterr().out
    cleaned = read_notebook(source)
    assert "papermill" not in cleaned.metadata
    assert cleaned.cells[-1].outputs[0]["text"] == "as of None\n"
    assert main(["notebooks", "--notebooks", str(folder), "--strip-only"]) == 0
    assert "from 0 notebook(s)" in capsys.readouterr().out


# --------------------------------------------------------------------------- a troubled run


@dataclass
class TroubledRun:
    out: Path
    previous: str  # the run latest showed before
    code: int
    stdout: str
    stderr: str
    run_dir: Path
    manifest: dict


@pytest.fixture(scope="module")
def troubled_run(tmp_path_factory: pytest.TempPathFactory) -> TroubledRun:
    """``python -m analysis report`` where a cell raises, a kernel dies and geocoding has a bug."""
    base = tmp_path_factory.mktemp("troubled-run")
    folder = make_notebook_folder(base / "notebooks", failing=True)
    make_notebook(folder / "03_dies.ipynb", ["import os\nos._exit(3)"], SHARED_PARAMETERS)
    out = base / "reports"
    previous = "20241112T000000Z-aaaaaaaa"
    (out / previous).mkdir(parents=True)
    os.symlink(previous, out / "latest")

    def broken(claims, **kwargs):
        raise KeyError("location_name")

    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as monkeypatch:
        install_fake_facts(monkeypatch)
        monkeypatch.setattr("analysis.report.export.geocode_claims", broken)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(["report", "--out", str(out), "--notebooks", str(folder), "--jobs", "4"])
    runs = [p for p in out.iterdir() if not p.is_symlink() and p.name != previous]
    assert len(runs) == 1, runs
    manifest = json.loads((runs[0] / "manifest.json").read_text(encoding="utf-8"))
    return TroubledRun(out, previous, code, stdout.getvalue(), stderr.getvalue(), runs[0],
                       manifest)


def test_failing_notebook_keeps_error_fails_run_and_leaves_latest(
    troubled_run: TroubledRun,
) -> None:
    run = troubled_run
    assert run.code == 1
    assert os.readlink(run.out / "latest") == run.previous  # untouched
    assert RUN_ID.match(run.run_dir.name)  # published, not left as .tmp-
    assert run.stdout.strip() == str(run.run_dir)
    assert ("error: 02_broken failed at cell In [" in run.stderr
            and "ValueError: deliberate failure for the test" in run.stderr)
    assert "latest unchanged" in run.stderr

    assert run.manifest["status"] == "failed"
    by_name = {n["name"]: n for n in run.manifest["notebooks"]}
    assert by_name["00_first"]["status"] == by_name["01_second"]["status"] == "succeeded"
    broken = by_name["02_broken"]
    assert broken["status"] == "failed"
    assert broken["error"]["ename"] == "ValueError"
    assert broken["error"]["evalue"] == "deliberate failure for the test"
    assert broken["error"]["source"].startswith("raise ValueError")
    # the executed notebook is kept, with the error in the failing cell and "before" printed
    executed = read_notebook(run.run_dir / "02_broken.ipynb")
    errors = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors and errors[0]["evalue"] == "deliberate failure for the test"
    assert executed.cells[0].cell_type == "markdown"  # papermill's error banner
    assert (run.run_dir / "02_broken.html").is_file()
    index = (run.run_dir / "index.html").read_text(encoding="utf-8")
    assert 'class="failed"' in index and "deliberate failure for the test" in index
    assert "This run failed" in index and "02_broken failed at cell In [" in index


def test_dead_kernel_is_a_failed_notebook_not_a_crash(troubled_run: TroubledRun) -> None:
    dies = next(n for n in troubled_run.manifest["notebooks"] if n["name"] == "03_dies")
    assert dies["status"] == "failed" and dies["error"]["ename"] == "DeadKernelError"
    assert "error: 03_dies failed" in troubled_run.stderr


def test_bug_in_a_facts_stage_fails_the_run_but_runs_the_notebooks(
    troubled_run: TroubledRun,
) -> None:
    assert troubled_run.manifest["facts"] == {
        "error": {"ename": "KeyError", "evalue": "'location_name'"}
    }
    assert "facts: FAILED: KeyError: 'location_name'" in troubled_run.stderr
    assert "error: facts export failed: KeyError: 'location_name'" in troubled_run.stderr
    assert "facts export failed: KeyError" in (troubled_run.run_dir / "index.html").read_text()
    statuses = {n["name"]: n["status"] for n in troubled_run.manifest["notebooks"]}
    assert statuses["01_second"] == "succeeded"  # notebooks ran all the same


def test_strip_volatile_metadata_keeps_outputs_and_is_idempotent(
    troubled_run: TroubledRun, tmp_path: Path
) -> None:
    executed = tmp_path / "executed.ipynb"
    shutil.copy(troubled_run.run_dir / "02_broken.ipynb", executed)  # failed under papermill
    raw = read_notebook(executed)
    assert "papermill" in raw.metadata and "execution" in raw.cells[2].metadata
    clean = strip_volatile_metadata(raw)
    text = nbformat.writes(clean)
    assert '"papermill"' not in text and "iopub" not in text and "start_time" not in text
    assert "papermill-error-cell-tag" not in text
    before = next(c for c in clean.cells if c.source == 'print("before")')
    assert before.outputs[0]["text"] == "before\n" and before.execution_count == 4
    assert "injected-parameters" in text  # what ran is still visible
    assert strip_volatile_metadata(clean) == clean
    assert strip_notebook_file(executed) is True
    assert strip_notebook_file(executed) is False
    nbformat.validate(read_notebook(executed))


# --------------------------------------------------------------------------- single runs


def test_progress_reports_the_cell_of_a_running_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_facts(monkeypatch)
    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "00_slow.ipynb",
        [VALIDATION, "import time\ntime.sleep(3)", "print('done')"],
        SHARED_PARAMETERS,
    )
    write_schema(folder, "")
    result, messages = _run(folder, tmp_path / "reports", heartbeat_seconds=0.5)
    assert result.succeeded
    beats = [m for m in messages if m.startswith("  ... 0/1 done, running: 00_slow")]
    # while it sleeps, 3 of 5 code cells are done: parameters, injected parameters, validation
    assert any(re.search(r"00_slow 3/5 cells done \(\d+ s\)", m) for m in beats), messages


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


@pytest.mark.integration
def test_real_notebooks_make_a_complete_report(tmp_path: Path) -> None:
    notebooks = discover_notebooks(paths.NOTEBOOKS_DIR)
    result, messages = _run(paths.NOTEBOOKS_DIR, tmp_path / "reports", jobs=4)
    failures = [m for m in messages if m.startswith("error:")]
    assert result.succeeded, failures
    run = result.run_dir
    for notebook in notebooks:
        assert (run / f"{notebook.stem}.html").stat().st_size > 0
    assert (tmp_path / "reports" / "latest" / "index.html").is_file()
    summary = result.manifest["facts"]["summary"]
    assert summary["articles"] >= 1 and summary["claims"] >= 5
    print("\nreal report timings:", {n["name"]: n["seconds"] for n in result.manifest["notebooks"]},
          "total", result.manifest["total_seconds"])
