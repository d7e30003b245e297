"""Successful report runs: run folders, latest, parameters, facts, index, --keep.

Kernels are the expensive part, so the runs are shared: ``good_runs`` makes four runs into
one report folder (a full run, two runs started at the same moment, and a run with a
parameter file, ``--as-of``, ``--keep`` and stale facts), and each test asserts one
behaviour on them. The notebooks are small generated ones
(tests/support/notebook_factory.py), the facts loaders stand-ins
(tests/support/report_facts.py). Failing runs: test_report_failures.py; the real
notebooks: test_report_real_notebooks.py; what fails before any notebook runs:
tests/unit/report/.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import papermill
import pytest

import analysis
from analysis.cli import main
from analysis.report import provenance
from analysis.report.notebooks import (
    read_notebook,
)
from analysis.report.runner import RunResult
from tests.support.notebook_factory import (
    make_notebook_folder,
    report_run,
)
from tests.support.report_facts import claims_frame, install_fake_facts

RUN_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}(-\d+)?$")
OLD_RUNS = ("20241111T000000Z-aaaaaaaa", "20241112T000000Z-aaaaaaaa")


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
    pair: list[RunResult]  # --only 01_second twice, started at the same moment
    latest_after_pair: str
    cut: RunResult  # --params file, --param, --as-of 2024-11-11, --keep 5, stale facts
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
        "shared:\n  as_of: 2024-11-12\n  figures_dir: plots\n"
        "notebooks:\n  00_first:\n    repeat: 2\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(provenance, "INPUT_GLOBS", ((base / "inputs", "*"),))
        facts = install_fake_facts(monkeypatch)

        first, first_messages = report_run(notebooks, out, jobs=2)
        latest_after_first = os.readlink(out / "latest")

        pair: list[RunResult] = []
        barrier = threading.Barrier(2)

        def run_second() -> None:
            barrier.wait()
            pair.append(report_run(notebooks, out, only=("01_second",))[0])

        threads = [threading.Thread(target=run_second) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        latest_after_pair = os.readlink(out / "latest")

        facts.stale = ["data/facts/claims.csv"]
        # --as-of and --param (the CLI) win over the file's shared.as_of and repeat
        cut, cut_messages = report_run(
            notebooks, out, jobs=2, params_file=params, as_of="2024-11-11", keep=5,
            parameters=("00_first.repeat=3",),
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
    # the analysis package of this checkout ran, in this process and in the kernels
    assert manifest["package"]["path"] == str(Path(analysis.__file__).resolve().parent)
    assert manifest["complete"] is True
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
    # --only runs are partial: latest stays on the full run (issue 15, item 7)
    assert good_runs.latest_after_pair == good_runs.first.run_id
    assert all(r.manifest["complete"] is False for r in pair)
    # the run-id hash follows the inputs: same inputs, same hash, yet a folder per run
    assert _digest(pair[0]) == _digest(pair[1])
    assert pair[0].run_id != pair[1].run_id


def test_parameter_file_and_as_of_reach_the_notebooks(good_runs: GoodRuns) -> None:
    result, out = good_runs.cut, good_runs.out
    assert result.succeeded
    # an output folder of the run's own is used (one outside it is refused, test_runner.py)
    assert (result.run_dir / "plots" / "00_first" / "bars.png").is_file()
    assert not (out / "plots").exists()
    assert result.manifest["parameters"]["notebooks"]["00_first"] == {
        "claims_path": None, "figures_dir": "plots/00_first",
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
        [OLD_RUNS[1], *(r.run_id for r in runs), "latest"]
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
