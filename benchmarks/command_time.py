"""Wall time of the command line on one short article (not a test: it prints, never asserts).

    .venv/bin/python benchmarks/command_time.py [--runs 5] [FILE]

Runs ``python -m analysis extract FILE`` (default: the seed article) ``--runs`` times in a
fresh interpreter each and prints ``cli_extract_seconds`` (the median wall time) and the
single runs. Most of it is start-up: importing the package and the command's stage, which is
why the command table imports only the chosen command's module.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_01afb6bfc0e7695c.txt"


def time_command(command: list[str], runs: int) -> list[float]:
    """Wall seconds of ``runs`` executions; output discarded, a failure stops with its error."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        seconds.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(SEED), help="article file to extract")
    parser.add_argument("--runs", type=int, default=5, help="executions (default 5)")
    args = parser.parse_args()
    command = [sys.executable, "-m", "analysis", "extract", args.file]
    time_command(command, 1)  # warm the file cache and __pycache__, not counted
    seconds = time_command(command, args.runs)
    print(f"cli_extract_seconds={statistics.median(seconds):.2f}")
    print(f"cli_extract_runs={','.join(f'{s:.2f}' for s in seconds)}")
    print(f"load_average={','.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
