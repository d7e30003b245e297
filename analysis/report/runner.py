"""Stage 7, the report: run every notebook with papermill and publish one run folder.

A run is built in ``<out>/.tmp-<run-id>/`` and renamed to ``<out>/<run-id>/`` when done, so a
reader never sees half a report. ``<out>/latest`` is a symlink that is switched atomically
(new symlink + rename) and only after a run succeeded completely; a failed run keeps its
folder (with the failing notebook and its error) but leaves ``latest`` where it was.

Run folder::

    manifest.json        parameters, input hashes, versions, git commit, timings, status
    index.html           links and a one-paragraph summary
    NN_name.ipynb/.html  executed notebooks, and HTML without code (figures inline)
    figures/NN_name/     figures each notebook saved (its ``figures_dir``)
    facts/               claims and events (CSV, Parquet), geocoded claims (GeoJSON),
                         unmapped claims, contradictions
    logs/NN_name.log     kernel stderr, for debugging a failed run

run-id = UTC timestamp + short hash of the inputs (seeds, data, code, notebooks,
parameters); a numeric suffix keeps two runs started in the same second apart.
Notebooks run in worker processes (``jobs`` at a time); each runs with the run folder as
its working directory, so relative output paths land inside the run. ``keep`` prunes old
run folders after a run (never the one ``latest`` points to), for scheduled runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import multiprocessing
import os
import platform
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from analysis.core import paths
from analysis.core.atomic import atomic_write_text
from analysis.core.errors import AnalysisError, ParameterError
from analysis.core.tables import write_table
from analysis.facts.known import known_by
from analysis.report.notebooks import discover_notebooks, read_notebook
from analysis.report.params import (
    ParameterSchema,
    check_declared,
    load_schema,
    load_user_parameters,
    notebook_defaults,
    resolve_parameters,
)

Progress = Callable[[str], None]

# Versions recorded in the manifest: what shapes the numbers, figures and HTML.
RECORDED_PACKAGES: tuple[str, ...] = (
    "nk-claims", "pandas", "numpy", "pyarrow", "matplotlib", "geopandas", "shapely", "pyproj",
    "pyogrio", "text2num", "dateparser", "papermill", "nbclient", "nbconvert", "nbformat",
    "ipykernel", "pyyaml",
)
# Inputs whose content defines a run (hashed into the run-id and listed in the manifest).
INPUT_GLOBS: tuple[tuple[Path, str], ...] = (
    (paths.SEEDS_DIR, "**/*"),
    (paths.FACTS_DIR, "**/*"),
    (paths.CURATED_DIR, "**/*"),
    (paths.LEXICON_DIR, "**/*"),
    (paths.GEO_DIR, "**/*"),
    (paths.ROOT / "analysis", "*.py"),
)
FIGURES_PARAMETER = "figures_dir"
MAX_LISTED_CONTRADICTIONS = 20  # index.html lists them; contradictions.csv has all
LATEST = "latest"
TMP_PREFIX = ".tmp-"


class ReportError(AnalysisError):
    """The report cannot be run (missing stage module, unusable output folder...)."""


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- options


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


@dataclass
class NotebookResult:
    """How one notebook went; stored in the manifest."""

    name: str
    notebook: str
    html: str | None
    status: str  # "succeeded" | "failed"
    started_at: str
    finished_at: str
    seconds: float
    parameters: dict[str, Any] = field(default_factory=dict)
    error: dict[str, Any] | None = None


@dataclass(frozen=True)
class RunResult:
    run_id: str
    run_dir: Path
    status: str
    manifest: dict[str, Any]

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"


# --------------------------------------------------------------------------- helpers


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _display_path(path: Path) -> str:
    """Path relative to the project root when inside it (stable across clones)."""
    path = Path(path).resolve()
    try:
        return path.relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:
        return str(path)


def input_hashes(extra_files: Iterable[Path]) -> dict[str, str]:
    """sha256 of every input of a run, keyed by project-relative path, sorted."""
    files: set[Path] = set()
    for folder, pattern in INPUT_GLOBS:
        if folder.is_dir():
            files.update(
                p for p in folder.glob(pattern) if p.is_file() and "__pycache__" not in p.parts
            )
    files.update(Path(p) for p in extra_files if p is not None and Path(p).is_file())
    hashes = {_display_path(p): sha256_file(p) for p in files}
    return dict(sorted(hashes.items()))


def short_hash(hashes: dict[str, str], parameters: Any) -> str:
    payload = json.dumps({"inputs": hashes, "parameters": parameters}, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:8]


def package_versions(names: Sequence[str] = RECORDED_PACKAGES) -> dict[str, str | None]:
    versions: dict[str, str | None] = {"python": platform.python_version()}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def git_state(root: Path = paths.ROOT) -> dict[str, Any]:
    """Commit and whether tracked files differ from it; nulls outside a git checkout."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=20
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": bool(status) if status is not None else None}


def reserve_run_dir(out_dir: Path, stamp: str, digest: str) -> tuple[str, Path]:
    """Create ``<out>/.tmp-<run-id>`` for a new run-id not used by any run (finished or not).

    ``mkdir`` is atomic, so two runs started in the same second with the same inputs
    get different suffixes instead of sharing a folder.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(
            f"cannot create the report folder {str(out_dir)!r} ({exc.strerror}); choose --out"
        ) from exc
    for attempt in range(1, 1000):
        run_id = f"{stamp}-{digest}" + (f"-{attempt}" if attempt > 1 else "")
        if (out_dir / run_id).exists():
            continue
        tmp = out_dir / f"{TMP_PREFIX}{run_id}"
        try:
            tmp.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise ReportError(
                f"cannot write in the report folder {str(out_dir)!r} ({exc.strerror}); choose --out"
            ) from exc
        return run_id, tmp
    raise ReportError(f"no free run folder name in {str(out_dir)!r}; clean up old .tmp-* folders")


def _make_readable(folder: Path) -> None:
    """Make files world-readable (atomic writes create them 0600), so a report folder can
    be served or shared like any other output. (Not via os.umask: reading it means
    setting it, which races with other threads creating files.)"""
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o644)


def publish_run_dir(tmp_dir: Path, out_dir: Path, run_id: str) -> Path:
    """Rename the finished temporary folder to ``<out>/<run-id>``."""
    final = out_dir / run_id
    try:
        os.rename(tmp_dir, final)
    except OSError as exc:
        raise ReportError(
            f"cannot rename {str(tmp_dir)!r} to {str(final)!r}: {exc.strerror}"
        ) from exc
    return final


def switch_latest(out_dir: Path, run_id: str) -> bool:
    """Point ``<out>/latest`` at ``run_id`` atomically, unless it already shows a newer run.

    Returns True if switched. Run-ids start with a sortable UTC timestamp, so of two
    runs finishing out of order the later-started one stays ``latest``.
    """
    link = out_dir / LATEST
    if link.exists() and not link.is_symlink():
        raise ReportError(f"{str(link)!r} is not a symlink; move it away so runs can update it")
    if link.is_symlink():
        current = os.readlink(link)
        if (out_dir / current).is_dir() and Path(current).name > run_id:
            return False
    tmp_link = out_dir / f".{LATEST}-{uuid.uuid4().hex}"
    os.symlink(run_id, tmp_link)
    try:
        os.replace(tmp_link, link)
    except OSError:
        tmp_link.unlink(missing_ok=True)
        raise
    return True


RUN_FOLDER = re.compile(r"^\d{8}T\d{6}Z-[0-9a-f]{8}(?:-\d+)?$")


def prune_runs(out_dir: Path, keep: int) -> list[str]:
    """Delete all but the ``keep`` newest run folders; never the one ``latest`` points to.

    Only folders named like run-ids are touched (not ``.tmp-*`` of runs in progress).
    Returns the names removed, oldest first.
    """
    if keep < 1:
        raise ParameterError(f"--keep {keep} must be at least 1")
    link = out_dir / LATEST
    protected = os.readlink(link) if link.is_symlink() else None
    runs = sorted(
        p.name for p in out_dir.iterdir()
        if RUN_FOLDER.match(p.name) and p.is_dir() and not p.is_symlink()
    )
    removed = [name for name in runs[: max(0, len(runs) - keep)] if name != protected]
    for name in removed:
        shutil.rmtree(out_dir / name)
    return removed


def select_notebooks(available: Sequence[Path], only: Sequence[str]) -> list[Path]:
    """Pick notebooks by name (``02_kursk_map``), file name or number (``02``), keeping order."""
    if not only:
        return list(available)
    chosen: set[Path] = set()
    for wanted in only:
        key = wanted.removesuffix(".ipynb")
        matches = [p for p in available if p.stem == key or p.stem.split("_", 1)[0] == key]
        if not matches:
            names = ", ".join(p.stem for p in available) or "none"
            raise ParameterError(f"--only {wanted!r} matches no notebook; notebooks: {names}")
        chosen.update(matches)
    return [p for p in available if p in chosen]


# --------------------------------------------------------------------------- execution


@dataclass(frozen=True)
class NotebookTask:
    """One notebook execution, picklable for a worker process."""

    name: str
    source: str
    output: str
    parameters: dict[str, Any] | None
    cwd: str
    html: str | None = None
    log: str | None = None
    cell_timeout: int | None = None


def _first_line(text: Any) -> str:
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


def notebook_html(notebook: Any, title: str) -> str:
    """HTML of an executed notebook: outputs only (code hidden), figures inline."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body


def execute_notebook_task(task: NotebookTask) -> dict[str, Any]:
    """Run one notebook with papermill (in a worker process); never raises.

    Returns the fields of a :class:`NotebookResult` (minus parameters). On a failing cell
    the executed notebook, with the error in it, is still written to ``task.output``.
    """
    import papermill

    started = utc_now()
    clock = time.perf_counter()
    error: dict[str, Any] | None = None
    saved_stderr = None
    if task.log:
        # Kernels inherit fd 2; send their start-up chatter to the run's log, not the console.
        Path(task.log).parent.mkdir(parents=True, exist_ok=True)
        saved_stderr = os.dup(2)
        log_fd = os.open(task.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log_fd, 2)
        os.close(log_fd)
    try:
        papermill.execute_notebook(
            task.source,
            task.output,
            parameters=task.parameters,
            cwd=task.cwd,
            progress_bar=False,
            log_output=False,
            execution_timeout=task.cell_timeout,
        )
    except papermill.PapermillExecutionError as exc:
        error = {
            "cell_index": exc.cell_index,
            "execution_count": exc.exec_count,
            "ename": exc.ename,
            "evalue": _first_line(exc.evalue),
            "source": _first_line(exc.source),
        }
    except Exception as exc:  # kernel died, timeout, unreadable notebook: still a result
        error = {
            "cell_index": None,
            "execution_count": None,
            "ename": type(exc).__name__,
            "evalue": _first_line(exc),
            "source": "",
        }
    finally:
        if saved_stderr is not None:
            os.dup2(saved_stderr, 2)
            os.close(saved_stderr)
    html_name = None
    if task.html and Path(task.output).is_file():
        try:
            atomic_write_text(task.html, notebook_html(read_notebook(task.output), task.name))
            html_name = Path(task.html).name
        except Exception as exc:
            error = error or {
                "cell_index": None,
                "execution_count": None,
                "ename": f"HTML export: {type(exc).__name__}",
                "evalue": _first_line(exc),
                "source": "",
            }
    return {
        "name": task.name,
        "notebook": Path(task.output).name,
        "html": html_name,
        "status": "failed" if error else "succeeded",
        "started_at": _iso(started),
        "finished_at": _iso(utc_now()),
        "seconds": round(time.perf_counter() - clock, 3),
        "error": error,
    }


def describe_failure(result: NotebookResult) -> str:
    """One line: which notebook and cell failed, with the error."""
    error = result.error or {}
    where = "before any cell ran"
    if error.get("execution_count") is not None:
        where = f"at cell In [{error['execution_count']}]"
        if error.get("source"):
            where += f" ({error['source'][:60]})"
    elif error.get("cell_index") is not None:
        where = f"at cell {error['cell_index']}"
    return f"{result.name} failed {where}: {error.get('ename')}: {error.get('evalue')}"


def _cell_progress(output: str) -> str:
    """'7/15 cells done', from the notebook papermill saves after each cell (best effort)."""
    try:
        with open(output, encoding="utf-8") as handle:
            cells = json.load(handle)["cells"]
    except (OSError, ValueError, KeyError):
        return "starting"
    code = [c for c in cells if c.get("cell_type") == "code"]
    done = sum(1 for c in code if c.get("metadata", {}).get("papermill", {}).get("status")
               in ("completed", "failed"))
    return f"{done}/{len(code)} cells done"


def run_tasks(
    tasks: Sequence[NotebookTask],
    jobs: int,
    progress: Progress,
    *,
    heartbeat_seconds: float = 20.0,
) -> list[dict[str, Any]]:
    """Execute ``tasks`` in ``jobs`` worker processes; results in task order."""
    total = len(tasks)
    results: dict[str, dict[str, Any]] = {}
    if not total:
        return []
    clock = time.perf_counter()
    pending = deque(enumerate(tasks, 1))
    running: dict[Future, tuple[int, NotebookTask, float]] = {}
    # "spawn": a clean interpreter per worker, no inherited threads or kernel sockets.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context) as pool:

        def start_next() -> None:
            number, task = pending.popleft()
            running[pool.submit(execute_notebook_task, task)] = (number, task, time.perf_counter())
            progress(f"[{number}/{total}] {task.name}: running")

        while pending and len(running) < jobs:
            start_next()
        while running:
            done, _ = wait(list(running), timeout=heartbeat_seconds, return_when=FIRST_COMPLETED)
            if not done:
                states = ", ".join(
                    f"{task.name} {_cell_progress(task.output)} ({time.perf_counter() - t:.0f} s)"
                    for _, task, t in running.values()
                )
                progress(f"  ... {len(results)}/{total} done, running: {states}")
                continue
            for future in done:
                number, task, _started = running.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # the worker process itself died
                    now = _iso(utc_now())
                    result = {
                        "name": task.name, "notebook": Path(task.output).name, "html": None,
                        "status": "failed", "started_at": now, "finished_at": now,
                        "seconds": 0.0,
                        "error": {"cell_index": None, "execution_count": None,
                                  "ename": type(exc).__name__, "evalue": _first_line(exc),
                                  "source": ""},
                    }
                results[task.name] = result
                outcome = "ok" if result["status"] == "succeeded" else "FAILED"
                progress(
                    f"[{number}/{total}] {task.name}: {outcome} in {result['seconds']:.1f} s"
                    f" ({len(results)}/{total} done, {time.perf_counter() - clock:.0f} s elapsed)"
                )
                if pending:
                    start_next()
    return [results[task.name] for task in tasks]


# --------------------------------------------------------------------------- facts


def _import_stage(module: str, purpose: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ReportError(
            f"{module} is missing ({exc}); it is needed to {purpose}. Reinstall with `make install`"
        ) from exc


def _stage_function(module: Any, name: str, purpose: str) -> Callable[..., Any]:
    function = getattr(module, name, None)
    if function is None:
        raise ReportError(f"{module.__name__}.{name} is missing; it is needed to {purpose}")
    return function


def write_frame(frame: Any, folder: Path, stem: str, *, parquet: bool = True) -> list[str]:
    """Write ``frame`` as ``stem.csv`` (and ``stem.parquet``) atomically; return file names.

    Through the one table codec (:mod:`analysis.core.tables`): the CSV cells are those of the
    committed facts, extra columns (e.g. ``overridden``) kept; Parquet dates are ``date32``.
    """
    write_table(frame, folder / f"{stem}.csv", "csv")
    names = [f"{stem}.csv"]
    if parquet:
        write_table(frame, folder / f"{stem}.parquet", "parquet")
        names.append(f"{stem}.parquet")
    return names


def _claim_date(row: Any) -> Any:
    import pandas as pd

    for column in ("as_of_end", "as_of_start", "published"):
        value = row.get(column)
        if value is not None and not pd.isna(value):
            return pd.Timestamp(value)
    return pd.NaT


def newest_claim(claims: Any) -> dict[str, Any] | None:
    """The claim with the latest as-of date (publication date when it has none)."""
    if claims is None or len(claims) == 0:
        return None
    import pandas as pd

    dated = claims.assign(_when=claims.apply(_claim_date, axis=1))
    dated = dated[dated["_when"].notna()]
    if dated.empty:
        return None
    dated = dated.sort_values(["_when", "article_id", "start"], kind="stable")
    row = dated.iloc[-1]
    try:
        from analysis.core.labels import format_claim

        label = format_claim(row)
    except Exception:  # the label is a nicety; the quote and date carry the fact
        label = ""
    return {
        "claim_id": str(row.get("claim_id")),
        "article_id": str(row.get("article_id")),
        "quote": str(row.get("quote")),
        "date": pd.Timestamp(row["_when"]).date().isoformat(),
        "label": label,
    }


def export_facts(
    facts_dir: Path, *, claims_path: str | None, as_of: str | None
) -> dict[str, Any]:
    """Write the facts this run uses into ``facts_dir``; return files, summary and warnings.

    Raises :class:`ReportError` (or the stages' own errors) if a stage module is missing
    or the committed facts are unusable.
    """
    import pandas as pd

    facts = _import_stage("analysis.facts.store", "load the committed claims and events")
    load_claims = _stage_function(facts, "load_claims", "load the claims")
    load_events = _stage_function(facts, "load_events", "load the events")
    claims = load_claims(claims_path) if claims_path else load_claims()
    events = load_events()
    files = write_frame(claims, facts_dir, "claims") + write_frame(events, facts_dir, "events")
    for key, side_table in sorted(claims.attrs.items()):
        # e.g. the curated overrides in effect: part of what this run's facts are
        if isinstance(side_table, pd.DataFrame):
            files += write_frame(side_table, facts_dir, f"claims_{key}", parquet=False)

    geocoding = _import_stage("analysis.geo.geocoding", "geocode the claims")
    geojson = _import_stage("analysis.geo.geojson", "write the geocoded claims (GeoJSON)")
    geocode_claims = _stage_function(geocoding, "geocode_claims", "geocode the claims")
    export_geojson = _stage_function(geojson, "export_geojson", "write the geocoded claims")
    mapped, unmapped = geocode_claims(claims)
    export_geojson(mapped, facts_dir / "claims.geojson")  # writes atomically itself
    files.append("claims.geojson")
    files += write_frame(unmapped, facts_dir, "claims_unmapped", parquet=False)

    consistency = _import_stage("analysis.facts.consistency", "find contradictions between claims")
    find_contradictions = _stage_function(
        consistency, "find_contradictions", "find contradictions between claims"
    )
    known = known_by(claims, as_of)
    contradictions = find_contradictions(known)
    files += write_frame(contradictions, facts_dir, "contradictions", parquet=False)

    warnings: list[str] = []
    stale_facts = getattr(facts, "stale_facts", None)
    if stale_facts is not None and not claims_path:
        stale = list(stale_facts() or [])
        if stale:
            warnings.append(
                f"committed facts are out of date for {len(stale)} item(s) "
                f"({', '.join(map(str, stale[:3]))}); run `make facts`"
            )
    cutoff = dt.date.fromisoformat(as_of) if as_of else None
    try:
        from analysis.corpus.catalog import load_corpus

        articles = sum(1 for a in load_corpus() if cutoff is None or a.published <= cutoff)
    except (ImportError, AnalysisError):
        articles = int(known["article_id"].nunique()) if "article_id" in known else 0
    mapped_known = mapped
    if "claim_id" in mapped.columns and "claim_id" in known.columns:
        mapped_known = mapped[mapped["claim_id"].isin(known["claim_id"])]
    summary = {
        "as_of": as_of,
        "articles": articles,
        "claims": int(len(known)),
        "claims_total": int(len(claims)),
        "events": int(len(events)),
        "mapped_claims": int(len(mapped_known)),
        "unmapped_claims": int(len(known) - len(mapped_known)),
        "newest_claim": newest_claim(known),
        "contradictions": int(len(contradictions)),
        "contradiction_reasons": [
            str(reason) for reason in contradictions.get("reason", pd.Series(dtype=object))
        ][:MAX_LISTED_CONTRADICTIONS],
        "contradiction_rules": {
            str(rule): int(count)
            for rule, count in (
                contradictions["rule"].value_counts().sort_index().items()
                if "rule" in contradictions.columns else []
            )
        },
    }
    return {"files": files, "summary": summary, "warnings": warnings}


# --------------------------------------------------------------------------- index


def summary_paragraph(summary: dict[str, Any] | None) -> str:
    """The index's one-paragraph summary, as plain text."""
    if not summary:
        return "The facts could not be exported, so there is no summary for this run."
    as_of = summary.get("as_of")
    scope = f"As of {as_of}, the" if as_of else "The"
    text = (
        f"{scope} corpus has {summary['articles']} article"
        f"{'s' if summary['articles'] != 1 else ''} with {summary['claims']} numeric claim"
        f"{'s' if summary['claims'] != 1 else ''} ({summary['mapped_claims']} placed on the map)."
    )
    newest = summary.get("newest_claim")
    if newest:
        label = f" ({newest['label']})" if newest.get("label") else ""
        text += (
            f" The newest claim, dated {newest['date']}, is “{newest['quote']}”{label}"
            f" in article {newest['article_id']}."
        )
    count = summary["contradictions"]
    if count:
        by_rule = summary.get("contradiction_rules", {})
        rules = ", ".join(f"{n} {rule}" for rule, n in by_rule.items())
        text += f" {count} contradiction{'s' if count != 1 else ''} found ({rules})."
    else:
        text += " No contradictions found."
    return text


def index_html(manifest: dict[str, Any]) -> str:
    """The run's landing page: status, summary, and links to everything in the folder."""
    esc = html.escape
    status = manifest["status"]
    rows = []
    for nb in manifest["notebooks"]:
        link = esc(nb["name"])
        if nb["html"]:
            link = f'<a href="{esc(nb["html"])}">{link}</a>'
        problem = esc(describe_failure(NotebookResult(**nb))) if nb["error"] else ""
        rows.append(
            f"<tr><td>{link}</td><td class=\"{esc(nb['status'])}\">{esc(nb['status'])}</td>"
            f"<td>{nb['seconds']:.1f} s</td>"
            f"<td><a href=\"{esc(nb['notebook'])}\">.ipynb</a></td><td>{problem}</td></tr>"
        )
    facts = manifest.get("facts") or {}
    fact_links = " · ".join(
        f'<a href="facts/{esc(name)}">{esc(name)}</a>' for name in facts.get("files", [])
    )
    by_notebook: dict[str, list[str]] = {}
    for name in manifest.get("figures", []):
        folder, _, file_name = name.rpartition("/")
        by_notebook.setdefault(folder, []).append(
            f'<a href="figures/{esc(name)}">{esc(file_name)}</a>'
        )
    figure_links = "<br>\n".join(
        f"{esc(folder)}: " + " · ".join(links) if folder else " · ".join(links)
        for folder, links in by_notebook.items()
    )
    warnings = "".join(f"<li>{esc(w)}</li>" for w in manifest.get("warnings", []))
    reasons = (facts.get("summary") or {}).get("contradiction_reasons", [])
    contradictions = "".join(f"<li>{esc(r)}</li>" for r in reasons)
    params = esc(json.dumps(manifest["parameters"], indent=1, ensure_ascii=False))
    failure_note = ""
    if status != "succeeded":
        problems = [describe_failure(NotebookResult(**nb)) for nb in manifest["notebooks"]
                    if nb["error"]]
        if (facts.get("error") or {}).get("ename"):
            problems.insert(0, f"facts export failed: {facts['error']['ename']}: "
                               f"{facts['error']['evalue']}")
        failure_note = (
            '<p class="failed">This run failed; <code>latest</code> still shows the last '
            "complete run.</p><ul>" + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul>"
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>nk-claims report {esc(manifest['run_id'])}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #222; }}
table {{ border-collapse: collapse; }} td, th {{ padding: .25rem .75rem; text-align: left;
       border-bottom: 1px solid #ddd; }}
.succeeded {{ color: #176f2c; }} .failed {{ color: #b00020; font-weight: bold; }}
pre {{ background: #f6f6f6; padding: .5rem; overflow-x: auto; }}
</style></head><body>
<h1>North Korean support for Russia: claims report</h1>
<p>Run <code>{esc(manifest['run_id'])}</code>, <span class="{esc(status)}">{esc(status)}</span>,
started {esc(manifest['started_at'])}, took {manifest['total_seconds']:.1f} s.</p>
{failure_note}
<p>{esc(summary_paragraph(facts.get('summary')))}</p>
{f'<ul>{warnings}</ul>' if warnings else ''}
<h2>Notebooks</h2>
<table><tr><th>notebook</th><th>status</th><th>time</th><th>executed</th><th>error</th></tr>
{''.join(rows)}
</table>
{f'<h2>Contradictions</h2><ul>{contradictions}</ul>' if contradictions else ''}
<h2>Facts used</h2><p>{fact_links or 'none exported'}</p>
<h2>Figures</h2><p>{figure_links or 'none'}</p>
<h2>Run details</h2>
<p><a href="manifest.json">manifest.json</a> (inputs with sha256, package versions,
git commit {esc(str((manifest.get('git') or {}).get('commit') or 'unknown'))}, timings).</p>
<pre>{params}</pre>
</body></html>
"""


# --------------------------------------------------------------------------- run


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
        facts_error = {"ename": type(exc).__name__, "evalue": _first_line(exc)}
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
        "started_at": _iso(started),
        "finished_at": _iso(finished),
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
    _make_readable(tmp_dir)
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


# --------------------------------------------------------------------------- committed notebooks


def refresh_notebooks(
    notebooks_dir: Path = paths.NOTEBOOKS_DIR,
    *,
    only: Sequence[str] = (),
    jobs: int = 1,
    progress: Progress = stderr_progress,
    cell_timeout: int | None = 1800,
) -> list[NotebookResult]:
    """Re-run notebooks in place with default parameters and strip volatile metadata.

    Each runs with ``notebooks_dir`` as working directory, exactly as nbval runs it; a
    notebook that fails keeps its committed version (the failure is reported).
    """
    import tempfile

    from analysis.report.notebooks import strip_volatile_metadata, write_notebook

    if jobs < 1:
        raise ParameterError(f"--jobs {jobs} must be at least 1")
    selected = select_notebooks(discover_notebooks(notebooks_dir), only)
    with tempfile.TemporaryDirectory(prefix="nk-notebooks-") as scratch:
        tasks = [
            NotebookTask(
                name=nb.stem,
                source=str(nb.resolve()),
                output=str(Path(scratch) / nb.name),
                parameters=None,  # defaults: no injected-parameters cell in committed notebooks
                cwd=str(Path(notebooks_dir).resolve()),
                log=str(Path(scratch) / f"{nb.stem}.log"),
                cell_timeout=cell_timeout,
            )
            for nb in selected
        ]
        results = [NotebookResult(**r) for r in run_tasks(tasks, jobs, progress)]
        for task, result in zip(tasks, results, strict=True):
            if result.status == "succeeded":
                write_notebook(strip_volatile_metadata(read_notebook(task.output)), task.source)
            else:
                progress(f"error: {describe_failure(result)} (committed notebook kept)")
    return results

