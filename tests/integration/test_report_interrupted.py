"""Reports stopped from outside, and a report started from a second checkout.

Issue 15, item 6: ``SIGTERM`` or ``SIGKILL`` of ``python -m analysis report`` left its
``.tmp-*`` folder forever and orphaned its worker processes, kernels and the resource
tracker. Item 10: with two checkouts sharing one environment, the kernels imported
``analysis`` from the checkout the environment was installed from.

One module fixture (``stopped_runs``) makes a second checkout (a copy of the package, the
data folder linked) and starts two reports from it at once, as a user would from a shell:
``python -m analysis report`` with the checkout as working directory. Each runs one small
notebook that writes where its kernel imported ``analysis`` from, then blocks; once both
kernels have written it, one report gets ``SIGTERM``, the other ``SIGKILL``, and the
fixture waits until every process they had started has ended (or 60 s have passed).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from analysis.core import paths
from analysis.report.folders import sweep_stale_runs
from tests.support.notebook_factory import SHARED_PARAMETERS, make_notebook, write_schema

DEADLINE_SECONDS = 120  # for both kernels to start on a loaded machine

REPORT_IMPORT = """\
import json, os, analysis
with open("kernel.json.part", "w") as handle:
    json.dump({"analysis": analysis.__file__, "kernel": os.getpid(), "cwd": os.getcwd()}, handle)
os.replace("kernel.json.part", "kernel.json")
"""
BLOCK = "import time\ntime.sleep(300)  # until the report is stopped"


@dataclass
class StoppedRun:
    out: Path
    code: int
    stderr: str
    kernel: dict  # what the notebook wrote: analysis.__file__, its pid, its cwd
    descendants: list[str]  # the processes the report had started, as "name (pid)"
    survivors: list[str]  # those still running after the report ended


def _second_checkout(base: Path) -> Path:
    checkout = base / "second-checkout"
    shutil.copytree(paths.ROOT / "analysis", checkout / "analysis",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (checkout / "data").symlink_to(paths.DATA_DIR)  # lexicon and geodata, read-only
    return checkout


def _living(processes: list[psutil.Process]) -> list[psutil.Process]:
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.NoSuchProcess:
            pass
    return alive


def _describe(processes: list[psutil.Process]) -> list[str]:
    described = []
    for process in processes:
        try:
            described.append(f"{' '.join(process.cmdline()[:4])} ({process.pid})")
        except psutil.Error:
            described.append(f"? ({process.pid})")
    return described


@pytest.fixture(scope="module")
def stopped_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, StoppedRun]:
    base = tmp_path_factory.mktemp("stopped-runs")
    checkout = _second_checkout(base)
    notebooks = base / "notebooks"
    make_notebook(notebooks / "00_blocks.ipynb", [REPORT_IMPORT, BLOCK], SHARED_PARAMETERS)
    write_schema(notebooks, "")
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    environment.pop("PYTHONPATH", None)
    started = {}
    for how in ("SIGTERM", "SIGKILL"):
        out = base / f"reports-{how}"
        log = open(base / f"{how}.stderr", "w+", encoding="utf-8")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "-m", "analysis", "report", "--notebooks", str(notebooks),
             "--out", str(out), "--jobs", "1"],
            cwd=checkout, env=environment, stdout=subprocess.DEVNULL, stderr=log,
        )
        started[how] = (process, out, log)

    kernels: dict[str, dict] = {}
    deadline = time.monotonic() + DEADLINE_SECONDS
    try:
        while len(kernels) < 2 and time.monotonic() < deadline:
            for how, (process, out, log) in started.items():
                found = list(out.glob(".tmp-*/kernel.json"))
                if how not in kernels and found:
                    kernels[how] = json.loads(found[0].read_text(encoding="utf-8"))
                if process.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"the report ended before its notebook ran: {log.read()}")
            time.sleep(0.1)
        assert len(kernels) == 2, "the kernels did not start in time"
        descendants = {how: psutil.Process(p.pid).children(recursive=True)
                       for how, (p, _, _) in started.items()}
        started["SIGTERM"][0].send_signal(signal.SIGTERM)
        started["SIGKILL"][0].send_signal(signal.SIGKILL)
        codes = {how: p.wait(timeout=60) for how, (p, _, _) in started.items()}
    finally:
        for process, _, _ in started.values():
            if process.poll() is None:
                process.kill()
    runs = {}
    for how, (_, out, log) in started.items():
        end = time.monotonic() + 60
        while _living(descendants[how]) and time.monotonic() < end:
            time.sleep(0.1)
        survivors = _living(descendants[how])
        described = _describe(survivors)
        for process in survivors:  # leave no process behind, whatever the outcome
            process.kill()
        log.seek(0)
        runs[how] = StoppedRun(out, codes[how], log.read(), kernels[how],
                               _describe(descendants[how]), described)
        log.close()
    return runs


def test_kernels_import_the_package_of_the_checkout_the_report_runs_in(
    stopped_runs: dict[str, StoppedRun],
) -> None:
    """Item 10: not the checkout the shared environment was installed from (this one)."""
    for run in stopped_runs.values():
        imported = Path(run.kernel["analysis"]).resolve()
        assert imported.parent.parent.name == "second-checkout", imported
        assert Path(run.kernel["cwd"]).parent == run.out  # notebooks run in the run folder


def test_sigterm_stops_workers_and_kernels_and_removes_the_temporary_folder(
    stopped_runs: dict[str, StoppedRun],
) -> None:
    run = stopped_runs["SIGTERM"]
    assert run.code == 128 + signal.SIGTERM, run.stderr
    lines = run.stderr.splitlines()
    assert lines[-1] == "error: interrupted (SIGTERM)"
    assert lines[-2].startswith("interrupted by SIGTERM: workers stopped, .tmp-")
    assert "Traceback" not in run.stderr
    assert sorted(p.name for p in run.out.iterdir()) == []  # no run, no .tmp-*, no latest
    assert len(run.descendants) >= 2  # at least the worker and its kernel
    assert run.survivors == []


def test_sigkill_leaves_no_process_behind_and_the_next_run_sweeps_its_folder(
    stopped_runs: dict[str, StoppedRun],
) -> None:
    run = stopped_runs["SIGKILL"]
    assert run.code == -signal.SIGKILL
    assert run.survivors == []  # worker, kernel, fork server and resource tracker ended
    left = [p.name for p in run.out.iterdir()]
    assert len(left) == 1 and left[0].startswith(".tmp-")  # nothing could remove it
    assert sweep_stale_runs(run.out) == left  # what the next report does first
    assert list(run.out.iterdir()) == []
