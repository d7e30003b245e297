"""Notebook execution: papermill in worker processes, progress lines, one result per notebook.

Each notebook runs in a worker process (``jobs`` at a time, see :func:`worker_context`) with
its own kernel; a failing cell, a dead kernel or a crashed worker becomes a failed
:class:`NotebookResult` (with the error), never an exception, so the other notebooks still
run. While notebooks run, a heartbeat line every ``heartbeat_seconds`` says how far each got.

Kernels import the ``analysis`` package of the checkout the run was started from
(``PYTHONPATH``, :attr:`NotebookTask.package_root`), not whichever checkout the environment
was installed from.

No process outlives the run: if the run is interrupted (Ctrl-C, ``SIGTERM``: an exception in
:func:`run_tasks`), the workers are stopped, and each stops its kernel first; if the run's
process is killed outright (``SIGKILL``), each worker notices at once (:func:`_watch_parent`)
and does the same; the fork server and the resource tracker then end on their own, as their
last user is gone. Workers ignore Ctrl-C themselves: the run stops them.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.core.atomic import atomic_write_text
from analysis.report.notebooks import read_notebook

Progress = Callable[[str], None]


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def first_line(text: Any) -> str:
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


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
    # folder holding the ``analysis`` package the kernel must import (None: the kernel's own)
    package_root: str | None = None


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


def _error(ename: str, evalue: Any, cell_index: int | None = None,
           execution_count: int | None = None, source: Any = "") -> dict[str, Any]:
    return {
        "cell_index": cell_index,
        "execution_count": execution_count,
        "ename": ename,
        "evalue": first_line(evalue),
        "source": first_line(source),
    }


def notebook_html(notebook: Any, title: str) -> str:
    """HTML of an executed notebook: outputs only (code hidden), figures inline."""
    from nbconvert import HTMLExporter  # heavy (jinja, bleach); only workers need it

    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return body


def kernel_pythonpath(package_root: str, current: str | None) -> str:
    """``PYTHONPATH`` with ``package_root`` first: the kernel imports that checkout's
    ``analysis`` (an editable install is found only after ``PYTHONPATH``)."""
    rest = [p for p in (current or "").split(os.pathsep) if p and p != package_root]
    return os.pathsep.join([package_root, *rest])


def execute_notebook_task(task: NotebookTask) -> dict[str, Any]:
    """Run one notebook with papermill (in a worker process); never raises.

    Returns the fields of a :class:`NotebookResult` (minus parameters). On a failing cell
    the executed notebook, with the error in it, is still written to ``task.output``.
    """
    import papermill  # imported in the worker; the parent process never runs a notebook

    if task.package_root:
        # the kernel inherits this process's environment
        os.environ["PYTHONPATH"] = kernel_pythonpath(
            task.package_root, os.environ.get("PYTHONPATH")
        )
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
        error = _error(exc.ename, exc.evalue, exc.cell_index, exc.exec_count, exc.source)
    except Exception as exc:  # kernel died, timeout, unreadable notebook: still a result
        error = _error(type(exc).__name__, exc)
    finally:
        if saved_stderr is not None:
            os.dup2(saved_stderr, 2)
            os.close(saved_stderr)
    html_name = None
    if task.html and Path(task.output).is_file():
        try:
            atomic_write_text(task.html, notebook_html(read_notebook(task.output), task.name))
            html_name = Path(task.html).name
        except Exception as exc:  # recorded as this notebook's failure, not lost
            error = error or _error(f"HTML export: {type(exc).__name__}", exc)
    return {
        "name": task.name,
        "notebook": Path(task.output).name,
        "html": html_name,
        "status": "failed" if error else "succeeded",
        "started_at": iso(started),
        "finished_at": iso(utc_now()),
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


def cell_progress(output: str) -> str:
    """'7/15 cells done', from the notebook papermill saves after each cell.

    Read while papermill may be rewriting the file, so a missing or half-written file is
    "starting", not an error.
    """
    try:
        with open(output, encoding="utf-8") as handle:
            cells = json.load(handle)["cells"]
    except (OSError, ValueError, KeyError):
        return "starting"
    code = [c for c in cells if c.get("cell_type") == "code"]
    done = sum(1 for c in code if c.get("metadata", {}).get("papermill", {}).get("status")
               in ("completed", "failed"))
    return f"{done}/{len(code)} cells done"


# Imported once by the fork server, so that forked workers start with them loaded.
WORKER_PRELOAD: tuple[str, ...] = ("analysis.report.execution", "papermill", "nbconvert")


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: clean, with no inherited threads, kernel sockets or files.

    "forkserver" (Linux, macOS) forks each worker from a server process that was itself
    started as a fresh interpreter and imported :data:`WORKER_PRELOAD` once; "spawn" (the
    fallback) starts a fresh interpreter per worker, which then pays those imports again
    (several seconds each: nbformat loads jsonschema, which compiles a URI grammar).
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(WORKER_PRELOAD))  # no effect once it runs
        return context
    return multiprocessing.get_context("spawn")


def _stop_children_and_exit(signum: int, frame: Any = None) -> None:
    """A worker's ``SIGTERM`` handler: kill its kernel (and anything else it started), wait
    for them to end, then exit. Kernels run in their own session, so they would not get
    the signal; their own check for a lost parent takes a second and may miss the run's
    folder being removed meanwhile."""
    import psutil

    try:
        children = psutil.Process().children(recursive=True)
        for child in children:
            try:
                child.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(children, timeout=5)
    finally:
        os._exit(128 + signum)


def _watch_parent() -> None:
    """End this worker (and its kernel) when the run's process ends, however it ends.

    Not Linux's ``PR_SET_PDEATHSIG``: a worker's parent is the fork server, which outlives
    the run as long as any worker holds its "alive" pipe, so neither would ever end. The
    run's process holds the write end of a pipe whose read end is the worker's
    ``parent_process().sentinel``; it becomes readable when that process is gone.
    """
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        _stop_children_and_exit(signal.SIGTERM)

    threading.Thread(target=watch, name="watch-run-process", daemon=True).start()


def _ignore(signum: int, frame: Any) -> None:
    """Ctrl-C reaches the whole terminal's process group; the run decides what stops."""


def worker_init() -> None:
    """Set up a worker process: the run stops it (not Ctrl-C), it stops its kernel when
    stopped, and it ends when the run's process ends."""
    # a handler, not SIG_IGN: an ignored signal stays ignored in the kernels it starts
    signal.signal(signal.SIGINT, _ignore)
    signal.signal(signal.SIGTERM, _stop_children_and_exit)
    _watch_parent()


def stop_workers(pool: ProcessPoolExecutor, grace_seconds: float = 10.0) -> None:
    """Stop a pool's workers now (each stops its kernel); ``SIGKILL`` any that lingers.

    Uses the pool's private ``_processes`` (Python 3.14 adds ``terminate_workers()``).
    """
    # taken before shutdown(), which forgets them
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + grace_seconds
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(5)


def _worker_died(task: NotebookTask, exc: BaseException) -> dict[str, Any]:
    now = iso(utc_now())
    return {
        "name": task.name, "notebook": Path(task.output).name, "html": None,
        "status": "failed", "started_at": now, "finished_at": now, "seconds": 0.0,
        "error": _error(type(exc).__name__, exc),
    }


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
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, total), mp_context=worker_context(), initializer=worker_init
    )
    try:

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
                    f"{task.name} {cell_progress(task.output)} ({time.perf_counter() - t:.0f} s)"
                    for _, task, t in running.values()
                )
                progress(f"  ... {len(results)}/{total} done, running: {states}")
                continue
            for future in done:
                number, task, _started = running.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # the worker process itself died
                    result = _worker_died(task, exc)
                results[task.name] = result
                outcome = "ok" if result["status"] == "succeeded" else "FAILED"
                progress(
                    f"[{number}/{total}] {task.name}: {outcome} in {result['seconds']:.1f} s"
                    f" ({len(results)}/{total} done, {time.perf_counter() - clock:.0f} s elapsed)"
                )
                if pending:
                    start_next()
    except BaseException:
        # interrupted (Ctrl-C, SIGTERM) or a bug: no notebook may outlive the run
        stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True)
    return [results[task.name] for task in tasks]
