"""Scaling of ``facts build --out`` and of the query layer (figures, not a test).

    .venv/bin/python benchmarks/scaling.py [--sizes 10000 20000 40000] [--workers 1 2]
        [--query-claims 10000000] [--work-dir DIR] [--plot benchmarks/scaling.png]
        [--query-only] [--explorer-claims N] [--reuse]

For each corpus size (synthetic articles, ``analysis.corpus.synth``, seed 0) and each number
of workers, a fresh ``dask.distributed.LocalCluster`` (one thread per worker, worker
processes warmed up by importing the extractor) runs
:func:`analysis.facts.dataset.build_dataset` through its address into an empty folder.
Printed per run: articles/s, words/s, wall time, CPU time per article (workers and the
driver together: on a shared machine the wall time also shows the other jobs), peak resident
memory of the scheduler process (which is also the driver of the build) and of each worker
(VmHWM, reset when the run starts), and whether every gold claim of the synthetic corpus
came out. Then: time per article of the largest run over the smallest (per worker count;
linear cost is 1.0), the speed-up from 1 to 2 workers, an incremental re-run after adding 1
% new articles to the largest corpus (as a share of its full build), and
:func:`analysis.facts.query.query_facts` with one filter (unit, actor, location, as-of
range, known-by date, with overrides) over a Parquet dataset of ``--query-claims`` synthetic
claims written directly, laid out as the build lays out its output
(:func:`analysis.facts.partitions.write_sorted`, an ``articles`` record). A plot of time and
memory against corpus size goes to ``--plot``. ``--explorer-claims N`` also times the
explorer over a dataset of N claims (:class:`analysis.explore.large.DatasetExplorer`, each
filter change pushed down to DuckDB; the query dataset itself when N equals ``--query-
claims``): one filter change after another, each redrawing count, table, chart and map.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.synth import AGREEMENT, IDENTITY, check_gold, read_gold, write_corpus  # noqa: E402
from analysis.facts.dataset import build_dataset  # noqa: E402
from analysis.facts.layout import PARTITION, RECORD_FILE, articles_schema, part_name  # noqa: E402
from analysis.facts.partitions import CLUSTER_ORDER, write_sorted  # noqa: E402
from analysis.facts.query import query_facts  # noqa: E402


def peak_rss_mb() -> float:
    """Peak resident memory of this process's address space (Linux VmHWM).

    Not ``ru_maxrss``: that survives ``execve``, so a spawned worker would report the peak of
    the process it was forked from.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> bool:
    """Start a new VmHWM peak for this process (Linux >= 4.0: ``5 > /proc/self/clear_refs``).

    The scheduler of a LocalCluster runs in this process, which also ran the earlier
    builds; without a reset its peak would be the largest so far, not this run's.
    """
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def cpu_seconds() -> float:
    """User + system CPU time of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def warm_up() -> bool:
    import analysis.extract.claims  # noqa: F401
    import analysis.extract.events  # noqa: F401

    return True


def write_corpus_apart(corpus: Path, articles: int) -> dict:
    """:func:`write_corpus` (seed 0) in a child process: what the generator holds (a digest
    per sentence written, ~60 MB for 40,000 articles) stays out of the scheduler + driver
    process, whose peak memory is measured."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(write_corpus, corpus, articles, 0).result()


# Dask's statistical profiler samples every worker's stack every 10 ms and keeps up to an
# hour of it, so a worker's memory grows with the run's length whatever the build does
# (measured: worker peak 199 -> 294 MB from 10,000 to 40,000 articles with it, 193 -> 209
# MB without). The figures are about the build, so the benchmark's clusters run without it;
# a long build on your own cluster can do the same
# (DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False in the workers' environment).
def without_profiler():  # noqa: ANN201 - a dask.config.set context
    import dask

    os.environ["DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"] = "False"
    return dask.config.set({"distributed.worker.profile.enabled": False})


def run_build(corpus: Path, out: Path, workers: int, batch_size: int) -> dict:
    from distributed import Client, LocalCluster

    shutil.rmtree(out, ignore_errors=True)
    with without_profiler(), LocalCluster(n_workers=workers, threads_per_worker=1,
                                          processes=True, dashboard_address=":0",
                                          memory_limit=0) as cluster, \
            Client(cluster) as client:
        client.run(warm_up)
        reset_peak_rss()
        client.run(reset_peak_rss)
        cpu_before = sum(client.run(cpu_seconds).values()) + cpu_seconds()
        started = time.perf_counter()
        summary = build_dataset(corpus, out, scheduler=cluster.scheduler_address,
                                batch_size=batch_size)
        seconds = time.perf_counter() - started
        cpu = sum(client.run(cpu_seconds).values()) + cpu_seconds() - cpu_before
        workers_rss = sorted(client.run(peak_rss_mb).values())
        scheduler_rss = client.run_on_scheduler(peak_rss_mb)
    return {"seconds": seconds, "summary": summary, "workers_rss": workers_rss,
            "scheduler_rss": scheduler_rss, "cpu": cpu}


def gold_ok(corpus: Path, out: Path) -> str:
    extracted = query_facts(source=out, columns=[*IDENTITY, *AGREEMENT], apply_overrides=False)
    report = check_gold(extracted.to_dict("records"), read_gold(corpus))
    return f"{report['found']}/{report['gold']}"


def write_claims_dataset(folder: Path, claims: int, seed: int = 0) -> Path:
    """A claims dataset of ``claims`` rows over 24 months, as ``facts build --out`` lays out
    (rows sorted by :func:`analysis.facts.partitions.write_sorted`, an ``articles`` record)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from analysis.core.schema import UNITS
    from analysis.core.tables import arrow_schema

    rng = np.random.default_rng(seed)
    schema = arrow_schema("claims")
    months = [dt.date(2023 + (6 + m) // 12, (6 + m) % 12 + 1, 1) for m in range(24)]
    per_month = claims // len(months)
    sentences = pa.array([f"Synthetic sentence {i} about a figure in the text, as written."
                          for i in range(5000)])
    units, actors = np.array(list(UNITS)), np.array(["PRK", "RUS", "UKR", None], dtype=object)
    places = np.array(["RU-KRS", "RUS", "UKR", "Sudzha", "RU-BEL", None], dtype=object)
    claimants = pa.array([["USA"], ["KOR"], ["UKR"], ["NATO"], [], ["USA", "KOR"]],
                         pa.list_(pa.string()))
    for index, first in enumerate(months):
        n = per_month
        article = rng.integers(0, n // 5, n)
        start = rng.integers(0, 4000, n)
        day = np.datetime64(first) + rng.integers(0, 28, n).astype("timedelta64[D]")
        as_of = day - rng.integers(0, 40, n).astype("timedelta64[D]")
        value = (rng.integers(1, 300, n) * 100).astype("float64")
        ids = np.char.add(np.char.add(f"m{index:02d}-a", article.astype(str)), ":")
        columns = {
            "claim_id": pa.array(np.char.add(ids, start.astype(str)).astype(object)),
            "article_id": pa.array(np.char.add(f"m{index:02d}-a", article.astype(str))
                                   .astype(object)),
            "sentence_index": pa.array(start // 100),
            "sentence": sentences.take(pa.array(rng.integers(0, 5000, n))),
            "start": pa.array(start), "end": pa.array(start + 25),
            "quote": pa.array(np.char.add(value.astype(int).astype(str), " soldiers")
                              .astype(object)),
            "value": pa.array(value), "lower": pa.nulls(n, pa.float64()),
            "upper": pa.nulls(n, pa.float64()), "approx": pa.array(rng.random(n) < 0.3),
            "qualifier": pa.nulls(n, pa.string()), "vague": pa.array(np.zeros(n, bool)),
            "unit": pa.array(units[rng.integers(0, len(units), n)].astype(object)),
            "counted_text": pa.nulls(n, pa.string()),
            "actor": pa.array(actors[rng.integers(0, 4, n)]),
            "location": pa.array(places[rng.integers(0, 6, n)]),
            "location_text": pa.nulls(n, pa.string()),
            "claimants": claimants.take(pa.array(rng.integers(0, 6, n))),
            "claimant_text": pa.nulls(n, pa.string()),
            "as_of_start": pa.array(as_of), "as_of_end": pa.array(as_of),
            "as_of_text": pa.nulls(n, pa.string()), "since": pa.nulls(n, pa.date32()),
            "planned": pa.array(np.zeros(n, bool)), "increment": pa.array(np.zeros(n, bool)),
            "published": pa.array(day), "language": pa.array(np.where(
                rng.random(n) < 0.5, "de", "en").astype(object)),
            "flags": pa.array([[]] * n, pa.list_(pa.string())),
        }
        # Columns this generator does not know (added to the schema later) get the value
        # of an extracted claim without them: "extracted" as its source, else missing.
        columns.setdefault("source", pa.array(["extracted"] * n))
        table = pa.table({name: (columns[name] if name in columns
                                 else pa.nulls(n, schema.field(name).type))
                          .cast(schema.field(name).type) for name in schema.names},
                         schema=schema)
        month = f"{PARTITION}={first:%Y-%m}"
        write_sorted(folder / "claims" / month / part_name(0), schema.names,
                     CLUSTER_ORDER["claims"], [table])
        # The per-article record the build writes (the query finds overridden claims by it).
        per_article = table.group_by("article_id").aggregate(
            [("published", "min"), ("language", "min"), ("claim_id", "count")])
        n_articles = per_article.num_rows
        records = pa.table({
            "article_id": per_article.column("article_id"),
            "file": pc.binary_join_element_wise(per_article.column("article_id"), ".txt", ""),
            "published": per_article.column("published_min"),
            "language": per_article.column("language_min"),
            "content_hash": pa.array(["synthetic"] * n_articles),
            "extractor_version": pa.array(["synthetic"] * n_articles),
            "claims": per_article.column("claim_id_count"),
            "events": pa.array(np.zeros(n_articles, "int64")),
            "part": pa.array(np.zeros(n_articles, "int32")),
            "size": pa.nulls(n_articles, pa.int64()),
            "mtime_ns": pa.nulls(n_articles, pa.int64()),
        }).cast(articles_schema())
        target = folder / "articles" / month / RECORD_FILE
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(records, target)
    return folder


def time_query(folder: Path, runs: int = 5) -> dict:
    overrides = folder / "overrides.csv"
    some = query_facts(source=folder, articles=["m20-a7"], apply_overrides=False)
    overrides.write_text(
        "claim_id,field,value,reason,reviewer,date\n"
        + "".join(f"{cid},actor,PRK,benchmark override,bench,2025-01-01\n"
                  for cid in some["claim_id"][:3]), encoding="utf-8")
    filters = dict(source=folder, units=["troops", "soldiers"], actors=["PRK"],
                   locations=["RU-KRS"], date_from="2025-02-01", date_to="2025-03-15",
                   as_of="2025-03-31", overrides_path=overrides)
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(query_facts(**filters))
        times.append(time.perf_counter() - started)
    return {"first": times[0], "median": statistics.median(times), "rows": rows}


def time_explorer(folder: Path) -> dict:
    """:class:`analysis.explore.large.DatasetExplorer` over every claim of ``folder``: open,
    then one filter change after another (each: count, first rows, table, claim picker and
    detail, weekly chart and map from aggregates), wall and CPU time of each."""
    from analysis.explore.large import DatasetExplorer

    started, cpu = time.perf_counter(), cpu_seconds()
    overrides = folder / "overrides.csv"  # time_query's, else none
    if not overrides.is_file():
        overrides.write_text("claim_id,field,value,reason,reviewer,date\n", encoding="utf-8")
    explorer = DatasetExplorer(folder, region="RU-KRS", overrides_path=overrides)
    opened, open_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    changes = []
    for control, value in ((explorer.unit_select, ("troops", "soldiers")),
                           (explorer.actor_select, ("PRK",)),
                           (explorer.location_select, ("RU-KRS",)),
                           (explorer.date_from_picker, dt.date(2025, 2, 1)),
                           (explorer.search_box, "soldiers"),
                           (explorer.unit_select, ())):
        started, cpu = time.perf_counter(), cpu_seconds()
        control.value = value  # observed: refresh() runs before the assignment returns
        changes.append((time.perf_counter() - started, cpu_seconds() - cpu, explorer.matching))
    total = explorer.total_claims()
    explorer.close()
    return {"rows": total, "open": opened, "open_cpu": open_cpu, "changes": changes}


def plot(results: list[dict], target: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for workers in sorted({r["workers"] for r in results}):
        runs = [r for r in results if r["workers"] == workers]
        sizes = [r["articles"] for r in runs]
        left.plot(sizes, [r["seconds"] for r in runs], "o-", label=f"{workers} worker(s)")
        right.plot(sizes, [max(r["workers_rss"]) for r in runs], "o-",
                   label=f"largest worker, {workers} worker(s)")
        right.plot(sizes, [r["scheduler_rss"] for r in runs], "s--",
                   label=f"scheduler + driver, {workers} worker(s)")
    left.set(xlabel="articles", ylabel="wall time (s)", title="facts build --out",
             ylim=(0, None))
    right.set(xlabel="articles", ylabel="peak RSS (MB)", title="memory", ylim=(0, None))
    left.legend()
    right.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(target, dpi=100)


def run_builds(args: argparse.Namespace, work: Path) -> None:
    """The builds, their ratios, the incremental re-run and the plot."""
    results = []
    for size in args.sizes:
        corpus = work / f"corpus-{size}"
        counts = write_corpus_apart(corpus, size)
        for workers in args.workers:
            run = run_build(corpus, work / f"out-{size}-{workers}", workers, args.batch_size)
            run.update(articles=size, words=counts["words"], workers=workers,
                       gold=gold_ok(corpus, work / f"out-{size}-{workers}"))
            results.append(run)
            print(f"articles={size} workers={workers} seconds={run['seconds']:.1f} "
                  f"articles_per_s={size / run['seconds']:.0f} "
                  f"words_per_s={counts['words'] / run['seconds']:.0f} "
                  f"scheduler_rss_mb={run['scheduler_rss']:.0f} workers_rss_mb="
                  f"{','.join(f'{m:.0f}' for m in run['workers_rss'])} "
                  f"cpu_ms_per_article={1000 * run['cpu'] / size:.2f} "
                  f"gold_found={run['gold']} load={os.getloadavg()[0]:.2f}", flush=True)

    for workers in args.workers:
        runs = [r for r in results if r["workers"] == workers]
        small, large = runs[0], runs[-1]
        ratio = (large["seconds"] / large["articles"]) / (small["seconds"] / small["articles"])
        cpu_ratio = (large["cpu"] / large["articles"]) / (small["cpu"] / small["articles"])
        print(f"workers={workers} time_per_article_ratio_{large['articles']}_vs_"
              f"{small['articles']}={ratio:.3f} cpu_per_article_ratio={cpu_ratio:.3f}")
    if 1 in args.workers and 2 in args.workers:
        for size in args.sizes:
            one, two = (next(r for r in results if r["articles"] == size and r["workers"] == w)
                        for w in (1, 2))
            print(f"articles={size} speedup_1_to_2_workers={one['seconds'] / two['seconds']:.2f} "
                  f"cpu_per_article_2_vs_1={two['cpu'] / one['cpu']:.3f}")

    largest, workers = args.sizes[-1], args.workers[-1]
    full = next(r for r in results if r["articles"] == largest and r["workers"] == workers)
    corpus, out = work / f"corpus-{largest}", work / f"out-{largest}-{workers}"
    write_corpus_apart(corpus, largest + largest // 100)
    from distributed import Client, LocalCluster

    with without_profiler(), LocalCluster(n_workers=workers, threads_per_worker=1,
                                          dashboard_address=":0", memory_limit=0) as cluster, \
            Client(cluster) as client:
        client.run(warm_up)
        cpu_before = sum(client.run(cpu_seconds).values()) + cpu_seconds()
        started = time.perf_counter()
        summary = build_dataset(corpus, out, scheduler=cluster.scheduler_address,
                                batch_size=args.batch_size)
        seconds = time.perf_counter() - started
        cpu = sum(client.run(cpu_seconds).values()) + cpu_seconds() - cpu_before
    print(f"incremental: +{largest // 100} articles to {largest}, workers={workers}: "
          f"seconds={seconds:.1f} cpu_s={cpu:.1f} extracted={summary['extracted']} "
          f"months_rewritten={summary['months_rewritten']} "
          f"share_of_full={seconds / full['seconds']:.3f} "
          f"cpu_share_of_full={cpu / full['cpu']:.3f} gold_found={gold_ok(corpus, out)}",
          flush=True)

    plot(results, args.plot)
    print(f"plot: {args.plot}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000, 40000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--query-claims", type=int, default=10_000_000)
    parser.add_argument("--work-dir", type=Path, default=None)
    parser.add_argument("--plot", type=Path, default=Path(__file__).parent / "scaling.png")
    parser.add_argument("--explorer-claims", type=int, default=0,
                        help="also time the explorer's filter change over this many claims")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the query dataset an earlier run wrote in --work-dir")
    parser.add_argument("--query-only", action="store_true",
                        help="skip the builds; only time the query over --query-claims claims")
    args = parser.parse_args()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="nk-scaling-"))
    print(f"machine: {os.cpu_count()} cores; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; work dir {work}", flush=True)

    if not args.query_only:
        run_builds(args, work)
    if args.query_claims:
        folder = work / "query-dataset"
        marker = folder / "written.json"  # the dataset of an earlier run, complete
        if args.reuse and marker.is_file() and json.loads(marker.read_text()) == {
                "claims": args.query_claims}:
            print(f"query dataset: {args.query_claims:,} claims of an earlier run, reused")
        else:
            started = time.perf_counter()
            shutil.rmtree(folder, ignore_errors=True)
            write_claims_dataset(folder, args.query_claims)
            marker.write_text(json.dumps({"claims": args.query_claims}))
            print(f"query dataset: {args.query_claims:,} claims written in "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
        timing = time_query(folder)
        print(f"query over {args.query_claims:,} claims (unit, actor, location, as-of range, "
              f"known-by, 3 overrides): first={timing['first']:.3f} s "
              f"median_of_5={timing['median']:.3f} s rows={timing['rows']}")
    if args.explorer_claims:
        folder = work / "query-dataset"
        if args.explorer_claims != args.query_claims:
            folder = write_claims_dataset(work / "explorer-dataset", args.explorer_claims)
        timing = time_explorer(folder)
        print(f"explorer over {timing['rows']:,} claims (dataset, filters pushed down): "
              f"open={timing['open']:.2f} s (cpu {timing['open_cpu']:.2f} s); filter changes "
              "(units troops+soldiers, +actor PRK, +location RU-KRS, +from 2025-02-01, "
              "+search 'soldiers', units cleared; each: count, table, picker, detail, chart, "
              "map) wall/cpu s [matching]: "
              + ", ".join(f"{w:.2f}/{c:.2f} [{m:,}]" for w, c, m in timing["changes"]),
              flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
