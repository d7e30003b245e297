"""Extraction accuracy in one table (not a test): what `make accuracy` prints.

    .venv/bin/python benchmarks/accuracy.py [--bench DIR]

Runs, each in its own interpreter, the project's development set
(``benchmarks/devset_score.py``: detection and per-attribute accuracy on
``tests/data/devset``), speaker attribution on SpkAtt (``benchmarks/attribution_spkatt.py
DIR/spkatt/train``) and dates on KRAUTS against HeidelTime (``benchmarks/dates_krauts.py
DIR/krauts``, when that script is in the repository). ``DIR`` defaults to
``../shared/bench`` beside the repository; a missing benchmark or data folder is one line
saying so, never an error. Every ``key=value`` figure a benchmark prints becomes a row of a
Markdown table (benchmark, subset, figure, value, target where the project set one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Targets of issue 11 (figures the benchmarks print; "> heideltime" = above HeidelTime's).
TARGETS = {
    ("devset", "detection", "f1"): ">= 0.95",
    ("devset", "attribute", "accuracy"): ">= 0.90",
    ("spkatt", "", "cue_f1"): ">= 0.75",
    ("spkatt", "", "source_f1"): ">= 0.70",
    ("spkatt", "", "source_f1_numeric"): "> source_f1",
    ("krauts", "", "ours_span_f1"): "> heideltime_span_f1",
    ("krauts", "", "ours_value_f1"): "> heideltime_value_f1",
}
# The figures shown (the benchmarks print more: counts, precision and recall, timings).
SHOWN = {
    "devset": {"f1", "accuracy", "precision", "recall"},
    "spkatt": {"cue_f1", "source_f1", "source_f1_numeric", "cue_f1_numeric"},
    "krauts": {"ours_span_f1", "ours_value_f1", "heideltime_span_f1", "heideltime_value_f1"},
}


def _benchmarks(bench: Path) -> list[tuple[str, Path, list[str]]]:
    return [
        ("devset", ROOT / "benchmarks" / "devset_score.py", []),
        ("spkatt", ROOT / "benchmarks" / "attribution_spkatt.py",
         [str(bench / "spkatt" / "train")]),
        ("krauts", ROOT / "benchmarks" / "dates_krauts.py", [str(bench / "krauts")]),
    ]


def _rows(name: str, output: str) -> list[tuple[str, str, str]]:
    """(subset, figure, value) for every ``key=value`` in the output; the subset is the
    line's first word that is no figure ("detection", "attribute actor", "KRAUTS_DieZeit")."""
    rows = []
    for line in output.splitlines():
        words = line.split()
        labels = [w for w in words if "=" not in w and not w.startswith("(")]
        subset = " ".join(labels)
        for word in words:
            key, _, value = word.partition("=")
            if value and key in SHOWN[name]:
                rows.append((subset, key, value))
    return rows


def _target(name: str, subset: str, key: str) -> str:
    first = subset.split(" ")[0] if name == "devset" else ""
    return TARGETS.get((name, first, key), "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench",
                        help="the folder of public benchmark data (default ../shared/bench)")
    args = parser.parse_args(argv)
    table = [f"Extraction accuracy, {dt.date.today().isoformat()} (make accuracy)", "",
             "| benchmark | subset | figure | value | target |", "|---|---|---|---|---|"]
    notes = []
    for name, script, script_args in _benchmarks(args.bench):
        if not script.is_file():
            notes.append(f"{name}: skipped, {script.relative_to(ROOT)} is not in this checkout")
            continue
        run = subprocess.run([sys.executable, str(script), *script_args], capture_output=True,
                             text=True, cwd=ROOT, check=False)
        if run.returncode != 0:
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            notes.append(f"{name}: failed (exit {run.returncode}): {last}")
            continue
        rows = _rows(name, run.stdout)
        if not rows:
            notes.append(f"{name}: " + (run.stdout.strip().splitlines() or ["no figures"])[-1])
        for subset, key, value in rows:
            table.append(f"| {name} | {subset} | {key} | {value} | {_target(name, subset, key)} |")
    print("\n".join(table + ([""] + notes if notes else [])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
