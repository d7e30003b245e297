"""Facts of a corpus of any size: ``facts build --corpus DIR --out OUT``, Parquet by month.

The committed ``data/facts/*.csv`` are built in one process (:mod:`.store`); a corpus of tens
of thousands to millions of articles is built here, in batches, so that memory stays
bounded whatever its size, and a re-run costs what changed, not the corpus:

* **Plan.** The catalog is streamed into one small entry per article, grouped by
  publication month. Each month is planned in turn (:func:`analysis.facts.months.plan_month`)
  against its record in ``OUT``: only new articles, articles whose file's size or
  modification time, ``published``, ``language`` or the :func:`extractor_version` changed,
  and those whose rows are missing are looked at again, and articles that left the month
  are dropped. No file is read to find that nothing changed.
* **Batches.** The articles to look at are cut into batches of ``batch_size``; each batch
  is one ``dask.delayed`` task (:func:`analysis.facts.batches.extract_batch`) that reads its
  slice of the month's plan, hashes the files and extracts the articles whose content
  changed, writing rows and bookkeeping to staging Parquet files; it returns a count. Dask
  runs the tasks in this process (``sync``), on all local cores (``processes``, the default)
  or on an existing Dask distributed cluster (``tcp://HOST:PORT``; its workers must see the
  corpus and ``OUT`` at the same paths). Retries of tasks whose worker died are Dask's.
* **Output.** ``OUT/{claims,events}/published_month=YYYY-MM/part-<n>.parquet``, a
  hive-partitioned pyarrow dataset (types: :func:`analysis.core.tables.arrow_schema`), the
  per-article record ``OUT/articles/...`` and ``OUT/dataset.json`` (:mod:`.layout`). One
  task per month that has work (:func:`analysis.facts.months.finalize_month`) adds the new
  rows as a new part, rewrites only the parts that lose rows and writes the record last;
  months without work are not touched. An interrupted build is finished by the next run,
  without duplicates (see :mod:`.months`).

:mod:`.query` reads the result (``query_facts(source=OUT, ...)``).
"""

from __future__ import annotations

import fcntl
import json
import math
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from analysis.core.atomic import atomic_write_text
from analysis.core.errors import FactsError, ParameterError
from analysis.facts.batches import (
    Extractor,
    MonthlyEntries,
    corpus_entries,
    extract_batch,
    extract_rules,
    extractor_version,
)
from analysis.facts.layout import (
    MANIFEST,
    PART_GLOB,
    PARTITION,
    TABLES,
    articles_schema,
    dataset_months,
)
from analysis.facts.months import finalize_month, plan_month

DEFAULT_BATCH_SIZE = 100
CONNECT_TIMEOUT = "10s"  # to reach the scheduler of --scheduler tcp://...
SCHEDULERS = ("sync", "processes")
_ADDRESS = re.compile(r"tcp://[\w.\-\[\]:]+:\d+\Z")

__all__ = ["DEFAULT_BATCH_SIZE", "MANIFEST", "PART_GLOB", "PARTITION", "TABLES",
           "articles_schema", "build_dataset", "check_scheduler", "extract_rules",
           "extractor_version"]


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One build at a time per output folder; stale staging of interrupted runs is removed."""
    if out.exists() and not out.is_dir():
        raise ParameterError(f"--out {out}: is a file; give a folder")
    if out.is_dir() and any(out.iterdir()) and not (
        (out / MANIFEST).is_file() or (out / "articles").is_dir() or (out / ".lock").is_file()
    ):
        raise ParameterError(
            f"--out {out}: the folder holds other files and no facts dataset; give a new or "
            "empty folder (nothing in it is changed)"
        )
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FactsError(f"{out}: another facts build is writing here; wait for it") from None
        for stale in out.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def check_scheduler(scheduler: str) -> str:
    if scheduler in SCHEDULERS or _ADDRESS.match(scheduler):
        return scheduler
    raise ParameterError(
        f"--scheduler {scheduler!r}: use sync, processes or the address of a Dask scheduler "
        "(tcp://HOST:PORT)"
    )


def _compute(tasks: list[Any], scheduler: str, workers: int | None) -> list[Any]:
    import dask

    if scheduler == "sync":
        return list(dask.compute(*tasks, scheduler="sync"))
    if scheduler == "processes":
        return list(dask.compute(*tasks, scheduler="processes",
                                 num_workers=workers or os.cpu_count()))
    from distributed import Client

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise FactsError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc}); "
                         "start it or check the address") from None
    with client:
        return list(client.gather(client.compute(tasks)))


def build_dataset(
    corpus: str | Path, out: str | Path, *, scheduler: str = "processes",
    batch_size: int = DEFAULT_BATCH_SIZE, workers: int | None = None,
    extract: Extractor = extract_rules,
) -> dict[str, Any]:
    """Build or update the Parquet facts of ``corpus`` in ``out``; return a summary.

    ``extract`` is the per-batch extractor (default: the claims and events rules).
    """
    check_scheduler(scheduler)
    if batch_size < 1:
        raise ParameterError(f"--batch-size {batch_size}: give at least 1")
    started = time.perf_counter()
    out = Path(out).resolve()
    version = extractor_version()
    with tempfile.TemporaryDirectory(prefix="nk-facts-catalog-") as spill:
        # A bad catalog stops here, before anything in ``out`` is touched.
        catalog = MonthlyEntries(corpus_entries(corpus), Path(spill))
        with _locked(out):
            results = _build(catalog, out, version, scheduler, batch_size, workers, extract)
        manifest = json.dumps({
            "format": "nk-claims facts dataset", "partitioning": PARTITION,
            "tables": list(TABLES), "extractor_version": version,
            "corpus": str(Path(corpus).resolve()), "articles": catalog.count,
        }, indent=2) + "\n"
        if not (out / MANIFEST).is_file() or (out / MANIFEST).read_text() != manifest:
            atomic_write_text(out / MANIFEST, manifest)
    return {
        "articles": catalog.count,
        "extracted": sum(r["extracted"] for r in results),
        "months": len(catalog.months),
        "months_rewritten": sum(r["month_rewritten"] for r in results),
        "seconds": time.perf_counter() - started,
        "out": out,
    }


def _build(catalog: MonthlyEntries, out: Path, version: str, scheduler: str, batch_size: int,
           workers: int | None, extract: Extractor) -> list[dict[str, int]]:
    """Plan every month, run the tasks of those with work; their summaries."""
    import dask

    staging = out / f".staging-{uuid.uuid4().hex[:12]}"
    (staging / "plan").mkdir(parents=True)
    tasks, to_look_at = [], 0
    try:
        for month in sorted(catalog.months | dataset_months(out)):
            plan = plan_month(out, staging, month, catalog.month(month), version)
            if not plan["touched"]:
                continue
            to_look_at += plan["extract"]
            batches = [
                dask.delayed(extract_batch, pure=False)(
                    str(staging), month, index, batch_size, version, extract,
                    dask_key_name=f"extract-{month}-{index:06d}")
                for index in range(math.ceil(plan["extract"] / batch_size))
            ]
            tasks.append(dask.delayed(finalize_month, pure=False)(
                str(out), str(staging), month, batches, dask_key_name=f"finalize-{month}"))
        if scheduler == "processes" and to_look_at <= batch_size:
            # At most one batch of work (a daily update): starting worker processes, each
            # importing the extractor, would cost more than the work; the rows are the same.
            scheduler = "sync"
        results = _compute(tasks, scheduler, workers) if tasks else []
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return results
