"""Cost of an incremental ``facts build --out`` against the full build (figures, not a test).

    .venv/bin/python benchmarks/incremental.py [--articles 10000] [--new 1.0] [--workers 2]
        [--batch-size 100] [--work-dir DIR]

Writes a synthetic corpus of ``--articles`` articles (``analysis.corpus.synth``, seed 0;
files already in ``--work-dir`` with the same text are kept, with their modification
times), builds its facts from scratch on a ``dask.distributed.LocalCluster`` of
``--workers`` processes (warmed up, as in ``benchmarks/scaling.py``), then adds ``--new``
per cent new articles (``synth --articles N + N * new / 100``: the first N are unchanged)
and builds again into the same folder: the incremental re-run. Then once more with nothing
changed. Printed per run: wall time, CPU time (the workers and this process, which also runs
the scheduler: on a shared machine the CPU time is the steadier figure), articles extracted,
months written and the peak resident memory of this process (the driver and scheduler).
Last: the incremental re-run's share of the full build, by CPU and by wall time, and
whether every gold claim of the grown corpus came out.

``--driver-memory N [N ...]`` instead builds corpora of each size N (in ``--work-dir``; written
by a child process) with an extractor that finds nothing, on the same kind of cluster, and
prints the peak resident memory of this process (driver and scheduler) per size: what the
build itself holds per article, without the cost of extraction (which runs in the workers).
Give one size per run for a clean start.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scaling import cpu_seconds, gold_ok, peak_rss_mb, reset_peak_rss, warm_up  # noqa: E402

from analysis.corpus.synth import write_corpus  # noqa: E402
from analysis.facts.dataset import build_dataset  # noqa: E402


def timed_build(client, address: str, corpus: Path, out: Path, batch_size: int) -> dict:
    """One build through the cluster at ``address``: wall, CPU (workers + this process), RSS."""
    reset_peak_rss()
    client.run(reset_peak_rss)
    cpu_before = sum(client.run(cpu_seconds).values()) + cpu_seconds()
    started = time.perf_counter()
    summary = build_dataset(corpus, out, scheduler=address, batch_size=batch_size)
    seconds = time.perf_counter() - started
    cpu = sum(client.run(cpu_seconds).values()) + cpu_seconds() - cpu_before
    return {"seconds": seconds, "cpu": cpu, "summary": summary, "driver_rss": peak_rss_mb(),
            "workers_rss": sorted(client.run(peak_rss_mb).values())}


def finds_nothing(articles: list) -> tuple[list, list]:
    """An extractor without rules: the build's own bookkeeping, nothing else."""
    return [], []


def driver_memory(sizes: list[int], workers: int, batch_size: int, work: Path) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from distributed import LocalCluster

    for size in sizes:
        corpus, out = work / f"corpus-{size}", work / f"out-{size}"
        catalog = corpus / "catalog.csv"
        if not catalog.is_file() or catalog.read_text(encoding="utf-8").count("\n") != size + 1:
            # Written by another process: this one's memory is the build's alone.
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
                pool.submit(write_corpus, corpus, size, 0).result()
        shutil.rmtree(out, ignore_errors=True)
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0", memory_limit=0) as cluster:
            reset_peak_rss()
            before = peak_rss_mb()
            started, cpu = time.perf_counter(), cpu_seconds()
            build_dataset(corpus, out, scheduler=cluster.scheduler_address,
                          batch_size=batch_size, extract=finds_nothing)
            print(f"articles={size} driver_peak_rss_mb={peak_rss_mb():.0f} (before the build: "
                  f"{before:.0f}) driver_cpu_s={cpu_seconds() - cpu:.2f} "
                  f"seconds={time.perf_counter() - started:.1f} "
                  f"load={os.getloadavg()[0]:.2f}", flush=True)
        shutil.rmtree(out, ignore_errors=True)


def show(label: str, run: dict) -> None:
    summary = run["summary"]
    print(f"{label}: seconds={run['seconds']:.2f} cpu_s={run['cpu']:.2f} "
          f"articles={summary['articles']} extracted={summary['extracted']} "
          f"months_written={summary['months_rewritten']}/{summary['months']} "
          f"driver_rss_mb={run['driver_rss']:.0f} workers_rss_mb="
          f"{','.join(f'{m:.0f}' for m in run['workers_rss'])} "
          f"load={os.getloadavg()[0]:.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--new", type=float, default=1.0, help="per cent of new articles")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--work-dir", type=Path, default=None)
    parser.add_argument("--driver-memory", type=int, nargs="+", default=None, metavar="N",
                        help="only measure the driver's memory for these corpus sizes")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    work = args.work_dir or Path(tempfile.mkdtemp(prefix="nk-incremental-"))
    corpus, out = work / "corpus", work / "out"
    grown = args.articles + round(args.articles * args.new / 100)
    print(f"machine: {os.cpu_count()} cores; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; work dir {work}", flush=True)
    if args.driver_memory:
        driver_memory(args.driver_memory, args.workers, args.batch_size, work)
        return
    write_corpus(corpus, args.articles, seed=0)
    shutil.rmtree(out, ignore_errors=True)
    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", memory_limit=0) as cluster, \
            Client(cluster) as client:
        client.run(warm_up)
        address = cluster.scheduler_address
        full = timed_build(client, address, corpus, out, args.batch_size)
        show(f"full build of {args.articles} articles, {args.workers} worker(s)", full)
        write_corpus(corpus, grown, seed=0)
        again = timed_build(client, address, corpus, out, args.batch_size)
        show(f"incremental: +{grown - args.articles} articles ({args.new:g} %)", again)
        unchanged = timed_build(client, address, corpus, out, args.batch_size)
        show("re-run, nothing changed", unchanged)
    print(f"incremental share of the full build: cpu={again['cpu'] / full['cpu']:.3f} "
          f"wall={again['seconds'] / full['seconds']:.3f}; gold claims found after the "
          f"incremental run: {gold_ok(corpus, out)}", flush=True)


if __name__ == "__main__":
    main()
