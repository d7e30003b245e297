"""The report: run every notebook with papermill and publish one run folder.

``run_report`` checks the parameters (:mod:`analysis.report.params`) before anything runs,
reserves a run folder (:mod:`analysis.report.folders`), exports the facts
(:mod:`analysis.report.export`), executes the notebooks (:mod:`analysis.report.execution`),
writes ``index.html`` (:mod:`analysis.report.index`) and ``manifest.json`` (with the
provenance of :mod:`analysis.report.provenance`), then publishes the folder and, if every
notebook succeeded, switches ``latest`` to it. A failed run keeps its folder (with the
failing notebook and its error) but leaves ``latest`` where it was.

Run folder::

    manifest.json        parameters, input hashes, versions, git commit, timings, status
    index.html           links and a one-paragraph summary
    NN_name.ipynb/.html  executed notebooks, and HTML without code (figures inline)
    figures/NN_name/     figures each notebook saved (its ``figures_dir``)
    facts/               claims and events (CSV, Parquet), geocoded claims (GeoJSON),
                         unmapped claims, contradictions
    logs/NN_name.log     kernel stderr, for debugging a failed run

Each notebook runs with the run folder as its working directory, so relative output paths
land inside the run. ``keep`` prunes old run folders after a run (never the one ``latest``
points to), for scheduled runs.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from analysis.core import paths
from analysis.core.atomic import atomic_write_text
from analysis.core.errors import AnalysisError, ParameterError
from analysis.report.execution import (
    NotebookResult,
    NotebookTask,
    Progress,
    describe_failure,
    first_line,
    iso,
    run_tasks,
    stderr_progress,
    utc_now,
)
from analysis.report.export import export_facts
from analysis.report.folders import (
    ReportError,
    make_readable,
    prune_runs,
    publish_run_dir,
    reserve_run_dir,
    switch_latest,
)
from analysis.report.index import index_html
from analysis.report.notebooks import discover_notebooks, notebook_defaults, select_notebooks
from analysis.report.params import (
    ParameterSchema,
    check_declared,
    load_schema,
    load_user_parameters,
    resolve_parameters,
)
from analysis.report.provenance import git_state, input_hashes, package_versions, short_hash

FIGURES_PARAMETER = "figures_dir"


@dataclass(frozen=True)
class ReportOptions:
    """What ``python -m analysis report`` was asked to do."""

    out_dir: Path = paths.REPORTS_DIR
    notebooks_dir: Path = paths.NOTEBOOKS_DIR
    schema_path: Path | None = None  # None: <notebooks_dir>/params.yaml
    params_file: Path | None = None
    as_of: str | None = None
    only: tuple[str, ...] = ()
    jobs: int = 1
    cell_timeout: int | None = 1800
    heartbeat_seconds: float = 20.0
    keep: int | None = None  # keep only this many newest run folders (None: keep all)


@dataclass(frozen=True)
class RunResult:
    run_id: str
    run_dir: Path
    status: str
    manifest: dict[str, Any]

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


def _prepare_parameters(
    options: ReportOptions, selected: list[Path], schema: ParameterSchema, run_dir: Path
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    shared_values: dict[str, Any] = {}
    notebook_values: dict[str, dict[str, Any]] = {}
    if options.params_file is not None:
        shared_values, notebook_values = load_user_parameters(options.params_file)
    if options.as_of is not None:
        shared_values["as_of"] = options.as_of
    resolved = resolve_parameters(
        schema,
        [p.stem for p in selected],
        shared_values=shared_values,
        notebook_values=notebook_values,
        run_dir=run_dir,
        out_dir=options.out_dir,
    )
    injected: dict[str, dict[str, Any]] = {}
    for notebook in selected:
        declared = notebook_defaults(notebook)
        own = resolved.notebooks.get(notebook.stem, {})
        check_declared(notebook.stem, declared, own)
        values = {k: v for k, v in resolved.shared.items() if k in declared}
        if FIGURES_PARAMETER in values and values[FIGURES_PARAMETER] is not None:
            # one sub-folder per notebook, so parallel notebooks never overwrite each other
            values[FIGURES_PARAMETER] = f"{values[FIGURES_PARAMETER]}/{notebook.stem}"
        injected[notebook.stem] = {**values, **own}
    return resolved.shared, injected


def _build_run(
    options: ReportOptions,
    run_id: str,
    tmp_dir: Path,
    selected: list[Path],
    shared: dict[str, Any],
    injected: dict[str, dict[str, Any]],
    inputs: tuple[dict[str, str], str],
    started: dt.datetime,
    clock: float,
    progress: Progress,
) -> dict[str, Any]:
    """Fill ``tmp_dir`` (facts, executed notebooks, HTML, index, manifest); return the manifest."""
    hashes, digest = inputs
    out_dir = options.out_dir
    warnings: list[str] = []
    facts_record: dict[str, Any] | None = None
    facts_error: dict[str, Any] | None = None
    try:
        facts_record = export_facts(
            tmp_dir / "facts", claims_path=shared.get("claims_path"), as_of=shared.get("as_of")
        )
        warnings += facts_record["warnings"]
        progress(f"facts: {', '.join(facts_record['files'])}")
    except AnalysisError:
        raise  # bad or missing facts: the caller removes the folder, the CLI says why
    except Exception as exc:  # a bug in a stage: keep going, the run is marked failed
        facts_error = {"ename": type(exc).__name__, "evalue": first_line(exc)}
        progress(f"facts: FAILED: {facts_error['ename']}: {facts_error['evalue']}")
    for warning in warnings:
        progress(f"warning: {warning}")

    tasks = [
        NotebookTask(
            name=nb.stem,
            source=str(nb.resolve()),
            output=str(tmp_dir / nb.name),
            parameters=injected[nb.stem],
            cwd=str(tmp_dir),
            html=str(tmp_dir / f"{nb.stem}.html"),
            log=str(tmp_dir / "logs" / f"{nb.stem}.log"),
            cell_timeout=options.cell_timeout,
        )
        for nb in selected
    ]
    (tmp_dir / "figures").mkdir(exist_ok=True)
    raw_results = run_tasks(
        tasks, options.jobs, progress, heartbeat_seconds=options.heartbeat_seconds
    )
    results = [NotebookResult(**r, parameters=injected[r["name"]]) for r in raw_results]
    failed = [r for r in results if r.status != "succeeded"]
    if facts_error:
        progress(f"error: facts export failed: {facts_error['ename']}: {facts_error['evalue']}")
    for result in failed:
        progress(f"error: {describe_failure(result)}")
    status = "failed" if failed or facts_error else "succeeded"

    figures = sorted(
        p.relative_to(tmp_dir / "figures").as_posix()
        for p in (tmp_dir / "figures").rglob("*") if p.is_file()
    )
    finished = utc_now()
    manifest: dict[str, Any] = {
        "run_id": run_id,
        "status": status,
        "started_at": iso(started),
        "finished_at": iso(finished),
        "total_seconds": round(time.perf_counter() - clock, 3),
        "jobs": options.jobs,
        "parameters": {"shared": shared, "notebooks": injected},
        "notebooks": [asdict(r) for r in results],
        "facts": facts_record or {"error": facts_error},
        "figures": figures,
        "warnings": warnings,
        "inputs": hashes,
        "input_hash": digest,
        "git": git_state(),
        "packages": package_versions(),
        "command": {
            "out": str(out_dir),
            "params_file": str(options.params_file) if options.params_file else None,
            "only": list(options.only),
            "as_of": options.as_of,
        },
    }
    atomic_write_text(tmp_dir / "index.html", index_html(manifest))
    atomic_write_text(
        tmp_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    )
    return manifest


def run_report(options: ReportOptions, progress: Progress = stderr_progress) -> RunResult:
    """Execute the notebooks and publish a run folder; see the module docstring.

    Raises :class:`AnalysisError` (nothing written) for bad parameters or unusable inputs;
    returns a failed :class:`RunResult` if a notebook fails.
    """
    started = utc_now()
    clock = time.perf_counter()
    if options.jobs < 1:
        raise ParameterError(f"--jobs {options.jobs} must be at least 1")
    if options.keep is not None and options.keep < 1:
        raise ParameterError(f"--keep {options.keep} must be at least 1")
    out_dir = Path(options.out_dir).absolute()
    options = replace(options, out_dir=out_dir)
    notebooks_dir = Path(options.notebooks_dir)
    schema_path = Path(options.schema_path or notebooks_dir / "params.yaml")
    schema = load_schema(schema_path)
    selected = select_notebooks(discover_notebooks(notebooks_dir), options.only)
    if not selected:
        raise ReportError(f"no notebooks named NN_name.ipynb in {str(notebooks_dir)!r}")
    existing = {p.stem for p in discover_notebooks(notebooks_dir)}
    undocumented = sorted(set(schema.notebooks) - existing)
    if undocumented:
        raise ParameterError(
            f"{schema_path.name} documents notebook {undocumented[0]!r}, which does not exist"
        )
    # parameters are validated against a placeholder run folder: the real one is only
    # created once everything checked out
    shared, injected = _prepare_parameters(options, selected, schema, out_dir / "RUN")

    hashes = input_hashes(
        [*selected, schema_path, options.params_file, shared.get("claims_path")]
    )
    digest = short_hash(hashes, injected)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    run_id, tmp_dir = reserve_run_dir(out_dir, stamp, digest)
    progress(
        f"report {run_id}: {len(selected)} notebook(s), {options.jobs} at a time, "
        f"building {tmp_dir}"
    )
    try:
        manifest = _build_run(
            options, run_id, tmp_dir, selected, shared, injected, (hashes, digest),
            started, clock, progress,
        )
    except BaseException:
        # interrupted (Ctrl-C), bad facts, or a bug: leave no half-built folder behind
        shutil.rmtree(tmp_dir, ignore_errors=True)
        raise
    status = manifest["status"]
    make_readable(tmp_dir)
    run_dir = publish_run_dir(tmp_dir, out_dir, run_id)
    if status == "succeeded":
        switched = switch_latest(out_dir, run_id)
        note = "latest -> this run" if switched else "latest kept (a newer run finished first)"
    else:
        note = "latest unchanged"
    if options.keep is not None:
        removed = prune_runs(out_dir, options.keep)
        if removed:
            progress(f"removed {len(removed)} old run folder(s) (--keep {options.keep})")
    progress(f"report {status} in {manifest['total_seconds']:.1f} s: {run_dir} ({note})")
    return RunResult(run_id=run_id, run_dir=run_dir, status=status, manifest=manifest)
