"""Commands ``report`` (run all notebooks into a report folder) and ``notebooks``
(re-run the committed notebooks in place, for ``make notebooks``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from analysis.core import paths
from analysis.core.params import check_date
from analysis.report.notebooks import discover_notebooks, strip_notebook_file
from analysis.report.refresh import refresh_notebooks
from analysis.report.runner import ReportOptions, run_report

# Notebooks are independent; each runs its own kernel (a few hundred MB), so cap at 4.
DEFAULT_JOBS = max(1, min(4, os.cpu_count() or 1))


def _report(args: argparse.Namespace) -> int:
    as_of = check_date("--as-of", args.as_of)
    options = ReportOptions(
        out_dir=Path(args.out),
        notebooks_dir=Path(args.notebooks),
        params_file=Path(args.params) if args.params else None,
        as_of=as_of.isoformat() if as_of else None,
        only=tuple(args.only or ()),
        parameters=tuple(args.param or ()),
        jobs=args.jobs,
        cell_timeout=args.cell_timeout or None,
        keep=args.keep,
    )
    result = run_report(options)
    print(result.run_dir)
    return 0 if result.succeeded else 1


def _notebooks(args: argparse.Namespace) -> int:
    folder = Path(args.notebooks)
    if args.strip_only:
        changed = [p.name for p in discover_notebooks(folder) if strip_notebook_file(p)]
        print(f"stripped volatile metadata from {len(changed)} notebook(s) {' '.join(changed)}")
        return 0
    results = refresh_notebooks(
        folder, only=tuple(args.only or ()), jobs=args.jobs, cell_timeout=args.cell_timeout or None
    )
    return 0 if all(r.status == "succeeded" for r in results) else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser(
        "report",
        help="run every notebook with papermill into reports/<run-id>/ (HTML, facts, manifest)",
        description=(
            "Run notebooks/NN_*.ipynb in order with papermill into <out>/<run-id>/ and switch "
            "<out>/latest to it if all ran and succeeded (never after --only). Parameters are "
            "checked against notebooks/params.yaml before anything runs. Exit status: 0 ok, "
            "1 a notebook failed, 2 bad parameters or inputs (nothing run), 130/143 "
            "interrupted by Ctrl-C/SIGTERM (cleaned up)."
        ),
        epilog=(
            "Example, one notebook with its own values: python -m analysis report --only 03 "
            "--param actor=null --param units=troops,soldiers"
        ),
    )
    report.add_argument(
        "--as-of", metavar="YYYY-MM-DD",
        help="show what was known on this date (shared parameter as_of; default: all claims)",
    )
    report.add_argument(
        "--params", metavar="FILE.yaml",
        help="parameter values (layout: shared: {...}, notebooks: {NAME: {...}}); "
        "documented in notebooks/params.yaml",
    )
    report.add_argument(
        "--out", default=str(paths.REPORTS_DIR), metavar="DIR",
        help="report folder (default: reports/)",
    )
    report.add_argument(
        "--jobs", type=int, default=DEFAULT_JOBS, metavar="N",
        help=f"notebooks run in parallel (default {DEFAULT_JOBS}: CPUs, at most 4)",
    )
    report.add_argument(
        "--only", nargs="+", metavar="NAME",
        help="run only these notebooks (name, file name or number, e.g. 02); "
        "latest is not switched to such a run",
    )
    report.add_argument(
        "--param", "-p", action="append", metavar="NAME=VALUE",
        help="set a parameter documented in notebooks/params.yaml (repeat for more; lists "
        "comma-separated, null for none); NOTEBOOK.NAME=VALUE for one notebook only. "
        "Overrides --params",
    )
    report.add_argument(
        "--keep", type=int, metavar="N",
        help="afterwards delete all but the N newest run folders (never latest's); "
        "for scheduled runs",
    )
    report.add_argument(
        "--notebooks", default=str(paths.NOTEBOOKS_DIR), metavar="DIR",
        help="notebook folder (default: notebooks/)",
    )
    report.add_argument(
        "--cell-timeout", type=int, default=1800, metavar="SECONDS",
        help="fail a cell that runs longer (default 1800; 0 = no limit)",
    )
    report.set_defaults(handler=_report)

    notebooks = subparsers.add_parser(
        "notebooks",
        help="re-run the committed notebooks in place with default parameters",
        description=(
            "Execute notebooks/NN_*.ipynb in place (working directory notebooks/, as nbval "
            "does), then strip volatile metadata. A failing notebook is left as committed."
        ),
    )
    notebooks.add_argument("--only", nargs="+", metavar="NAME", help="only these notebooks")
    notebooks.add_argument("--jobs", type=int, default=DEFAULT_JOBS, metavar="N")
    notebooks.add_argument(
        "--strip-only", action="store_true",
        help="do not execute; only strip volatile metadata from the notebooks",
    )
    notebooks.add_argument(
        "--notebooks", default=str(paths.NOTEBOOKS_DIR), metavar="DIR",
        help="notebook folder (default: notebooks/)",
    )
    notebooks.add_argument("--cell-timeout", type=int, default=1800, metavar="SECONDS")
    notebooks.set_defaults(handler=_notebooks)
