"""Wall and CPU time of the test suite as ``make test`` runs it (prints, never asserts).

    .venv/bin/python benchmarks/test_suite_time.py [--runs 1] [-- PYTEST ARGS]

Runs ``pytest -n auto`` (or the given pytest arguments) ``--runs`` times and prints
``test_suite_wall_seconds`` (median) and ``test_suite_cpu_seconds``: user + system time of
pytest and of every process it started (xdist workers, report workers, kernels, JupyterLab,
chromium). On Linux this process becomes their "child subreaper", so descendants whose
parent exits without waiting for them are still counted here; elsewhere such processes are
missed and the CPU figure is a lower bound. The load average is printed too: on a shared
machine other jobs' CPU use shows up in the wall time, not in the CPU time.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PYTEST_ARGS = ["-n", "auto", "-q", "-p", "no:cacheprovider"]
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux), so their CPU time reaches our rusage."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def reap_orphans() -> None:
    """Wait for adopted descendants that are still running or unreaped."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="suite runs (default 1)")
    parser.add_argument("pytest_args", nargs="*", help="after --: arguments for pytest")
    args = parser.parse_args()
    command = [sys.executable, "-m", "pytest", *(args.pytest_args or DEFAULT_PYTEST_ARGS)]
    complete = become_subreaper()
    walls, cpus, outcomes = [], [], []
    for _ in range(args.runs):
        load = os.getloadavg()[0]
        cpu_before = children_cpu()
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        reap_orphans()
        cpus.append(children_cpu() - cpu_before)
        summary = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
        outcomes.append(f"exit {done.returncode}: {summary}")
        print(f"run wall={walls[-1]:.1f}s cpu={cpus[-1]:.1f}s load_before={load:.2f} "
              f"{outcomes[-1]}", flush=True)
    print(f"test_suite_wall_seconds={statistics.median(walls):.1f}")
    print(f"test_suite_cpu_seconds={statistics.median(cpus):.1f}"
          + ("" if complete else " (lower bound: no subreaper on this platform)"))
    print(f"cpus={os.cpu_count()} command={' '.join(command[1:])}")


if __name__ == "__main__":
    main()
