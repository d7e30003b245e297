"""The report: run every notebook with papermill and publish one run folder.

``run_report`` checks the parameters (:mod:`analysis.report.params`) before anything runs,
reserves a run folder (:mod:`analysis.report.folders`), exports the facts
(:mod:`analysis.report.export`), executes the notebooks (:mod:`analysis.report.execution`),
writes ``index.html`` (:mod:`analysis.report.index`) and ``manifest.json`` (with the
provenance of :mod:`analysis.report.provenance`), then publishes the folder and, if every
notebook ran (no ``--only``) and succeeded, switches ``latest`` to it. A failed or partial
run keeps its folder (with the failing notebook and its error) but leaves ``latest`` where
it was.

Pre-flight, before any notebook runs: the parameters (the ``--params`` file and the
``--param`` values), the report folder's name, and ``latest`` (absent, or a link to a run in
``--out``); the folders of interrupted runs are swept (:func:`folders.sweep_stale_runs`).
While the run builds, ``SIGTERM`` and ``SIGINT`` stop it cleanly: workers and kernels are
stopped and the temporary folder removed (:mod:`analysis.report.interrupts`).

Run folder::

    manifest.json        parameters, input hashes, versions, git commit, timings, status
    index.html           links and a one-paragraph summary
    NN_name.ipynb/.html  executed notebooks, and HTML without code (figures inline)
    figures/NN_name/     figures each notebook saved (its ``figures_dir``)
    facts/               claims and events (CSV, Parquet), geocoded claims (GeoJSON),
                         unmapped claims, contradictions
    logs/NN_name.log     kernel stderr, for debugging a failed run

Each notebook runs with the run folder as its working directory, so relative output paths
land inside the run (output folder parameters must stay inside it). ``keep`` prunes old run
folders after a run (never the one ``latest`` points to), for scheduled runs.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from analysis.core import paths
from analysis.core.atomic import atomic_write_text, check_utf8_path, shown_path
from analysis.core.errors import AnalysisError, Interrupted, OutputError, ParameterError
from analysis.report.cli_params import apply_cli_parameters
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
    check_latest,
    make_readable,
    prune_runs,
    publish_run_dir,
    reserve_run_dir,
    sweep_stale_runs,
    switch_latest,
)
from analysis.report.index import index_html
from analysis.report.interrupts import interrupt_on_signals, signal_name
from analysis.report.notebooks import discover_notebooks, notebook_defaults, select_notebooks
from analysis.report.params import (
    ParameterSchema,
    check_declared,
    load_schema,
    load_user_parameters,
    resolve_parameters,
)
from analysis.report.provenance import (
    input_hashes,
    package_record,
    package_root,
    package_versions,
    short_hash,
)

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
    parameters: tuple[str, ...] = ()  # --param NAME=VALUE (or NOTEBOOK.NAME=VALUE)
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
    apply_cli_parameters(
        schema, [p.stem for p in selected], options.parameters, shared_values, notebook_values
    )
    if options.as_of is not None:
        shared_values["as_of"] = options.as_of
    resolved = resolve_parameters(
        schema,
        [p.stem for p in selected],
        shared_values=shared_values,
        notebook_values=notebook_values,
        run_dir=run_dir,
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
            package_root=str(package_root()),
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

    package = package_record()
    complete = not options.only or len(selected) == len(discover_notebooks(options.notebooks_dir))
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
        "git": package["git"],
        "package": {"path": package["path"], "root": package["root"]},
        "packages": package_versions(),
        "command": {
            "out": str(out_dir),
            "params_file": str(options.params_file) if options.params_file else None,
            "only": list(options.only),
            "param": list(options.parameters),
            "as_of": options.as_of,
        },
        "complete": complete,
    }
    atomic_write_text(tmp_dir / "index.html", index_html(manifest))
    atomic_write_text(
        tmp_dir / "manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    )
    return manifest


def _preflight(out_dir: Path, progress: Progress) -> None:
    """What can be known about the report folder before anything runs."""
    try:
        check_utf8_path(out_dir, "report folder")
    except OutputError:
        raise ReportError(
            f"report folder {shown_path(out_dir)} is not a valid UTF-8 name (the manifest "
            "records it); choose --out"
        ) from None
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError(f"report folder {str(out_dir)!r} is not a folder; choose --out")
    check_latest(out_dir)
    swept = sweep_stale_runs(out_dir)
    if swept:
        progress(f"removed {len(swept)} folder(s) of interrupted runs: {', '.join(swept)}")


def run_report(options: ReportOptions, progress: Progress = stderr_progress) -> RunResult:
    """Execute the notebooks and publish a run folder; see the module docstring.

    Raises :class:`AnalysisError` (nothing written) for bad parameters or unusable inputs;
    returns a failed :class:`RunResult` if a notebook fails; raises
    :class:`~analysis.core.errors.Interrupted` on ``SIGTERM``/``SIGINT`` (after cleaning up).
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
    available = discover_notebooks(notebooks_dir)
    selected = select_notebooks(available, options.only)
    if not selected:
        raise ReportError(f"no notebooks named NN_name.ipynb in {str(notebooks_dir)!r}")
    undocumented = sorted(set(schema.notebooks) - {p.stem for p in available})
    if undocumented:
        raise ParameterError(
            f"{schema_path.name} documents notebook {undocumented[0]!r}, which does not exist"
        )
    # parameters are validated against a placeholder run folder: the real one is only
    # created once everything checked out
    shared, injected = _prepare_parameters(options, selected, schema, out_dir / "RUN")
    _preflight(out_dir, progress)

    hashes = input_hashes(
        [*selected, schema_path, options.params_file, shared.get("claims_path")]
    )
    digest = short_hash(hashes, injected)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    with interrupt_on_signals():
        folder = reserve_run_dir(out_dir, stamp, digest)
        run_id, tmp_dir = folder.run_id, folder.tmp_dir
        progress(
            f"report {run_id}: {len(selected)} notebook(s), "
            f"{min(options.jobs, len(selected))} at a time, "
            f"building {tmp_dir}"
        )
        try:
            manifest = _build_run(
                options, run_id, tmp_dir, selected, shared, injected, (hashes, digest),
                started, clock, progress,
            )
            make_readable(tmp_dir)
            run_dir = publish_run_dir(folder, out_dir)
        except BaseException as exc:
            # interrupted (Ctrl-C, SIGTERM), bad facts, or a bug: no half-built folder
            folder.discard()
            if isinstance(exc, Interrupted):
                progress(f"interrupted by {signal_name(exc.signum)}: workers stopped, "
                         f"{tmp_dir.name} removed")
            raise
        status = manifest["status"]
        if status != "succeeded":
            note = "latest unchanged"
        elif not manifest["complete"]:
            note = "latest unchanged: only part of the notebooks ran (--only)"
        elif switch_latest(out_dir, run_id):
            note = "latest -> this run"
        else:
            note = "latest kept (a newer run finished first)"
        if options.keep is not None:
            removed = prune_runs(out_dir, options.keep)
            if removed:
                progress(f"removed {len(removed)} old run folder(s) (--keep {options.keep})")
    progress(f"report {status} in {manifest['total_seconds']:.1f} s: {run_dir} ({note})")
    return RunResult(run_id=run_id, run_dir=run_dir, status=status, manifest=manifest)
