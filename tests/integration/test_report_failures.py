"""Report runs where things go wrong, and the progress lines of a slow notebook.

``troubled_run`` is one run through ``python -m analysis report`` in which a cell raises, a
kernel dies and the facts export has a bug (shared by the tests that follow, so the
kernels start once); the notebooks are small generated ones
(tests/support/notebook_factory.py), the facts loaders stand-ins
(tests/support/report_facts.py). What fails before any notebook runs is in
tests/unit/report/test_runner.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from analysis.cli import main
from analysis.report.notebooks import read_notebook, strip_notebook_file, strip_volatile_metadata
from tests.support.notebook_factory import (
    SHARED_PARAMETERS,
    VALIDATION,
    make_notebook,
    make_notebook_folder,
    report_run,
    write_schema,
)
from tests.support.report_facts import install_fake_facts

RUN_ID = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}(-\d+)?$")


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
    (folder / "00_first.ipynb").unlink()  # one notebook that succeeds is enough here
    write_schema(folder, "")
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
    assert by_name["01_second"]["status"] == "succeeded"  # the others ran all the same
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


def test_progress_reports_the_cell_of_a_running_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_fake_facts(monkeypatch)
    folder = tmp_path / "notebooks"
    make_notebook(
        folder / "00_slow.ipynb",
        [VALIDATION, "import time\ntime.sleep(1.5)", "print('done')"],
        SHARED_PARAMETERS,
    )
    write_schema(folder, "")
    result, messages = report_run(folder, tmp_path / "reports", heartbeat_seconds=0.25)
    assert result.succeeded
    beats = [m for m in messages if m.startswith("  ... 0/1 done, running: 00_slow")]
    # while it sleeps, 3 of 5 code cells are done: parameters, injected parameters, validation
    assert any(re.search(r"00_slow 3/5 cells done \(\d+ s\)", m) for m in beats), messages
