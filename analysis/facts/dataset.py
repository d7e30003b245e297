"""Facts of a corpus of any size: ``facts build --corpus DIR --out OUT``, Parquet by month.

The committed ``data/facts/*.csv`` are built in one process (:mod:`.store`); a corpus of tens
of thousands to millions of articles is built here, in batches, so that memory stays
bounded whatever its size:

* **Batches.** The catalog's articles are grouped by publication month and cut into
  batches of ``batch_size`` files. Each batch is one ``dask.delayed`` task: it reads its
  files, hashes them, extracts claims and events of the articles that changed and writes
  them to a staging Parquet file; it returns only per-article bookkeeping. Dask runs the
  tasks in this process (``sync``), on all local cores (``processes``, the default) or on
  an existing Dask distributed cluster (``tcp://HOST:PORT``; its workers must see the corpus
  and ``OUT`` at the same paths). Retries of tasks whose worker died are Dask's.
* **Output.** ``OUT/{claims,events,articles}/published_month=YYYY-MM/part-0.parquet``, a
  hive-partitioned pyarrow dataset (types: :func:`analysis.core.tables.arrow_schema`), and
  ``OUT/dataset.json``. One task per month merges the month's staging files with the rows
  it keeps from the previous build, streaming record batches, into a temporary file that is
  renamed over the partition file: each partition file is replaced atomically. Claims and
  events are replaced first and the ``articles`` table (the record of what is built) last,
  so an interrupted build leaves every file either old or new, and the next run redoes
  exactly the articles the ``articles`` table does not record.
* **Incremental.** ``articles`` holds per article the SHA-256 of its file
  (``content_hash``), the catalog's ``published`` and ``language`` and the
  :func:`extractor_version`. A re-run extracts only articles where one of them differs (and
  drops the rows of articles no longer in the catalog); a month without such articles is
  not rewritten. A daily update costs the new articles, not the corpus.

:mod:`.query` reads the result (``query_facts(source=OUT, ...)``).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.core import paths
from analysis.core.atomic import atomic_path, atomic_write_text
from analysis.core.errors import AnalysisError, FactsError, ParameterError
from analysis.core.tables import arrow_schema, arrow_table
from analysis.corpus.catalog import (
    CatalogError,
    parse_published,
    read_catalog,
    validate_language,
)
from analysis.corpus.text import decode_article_bytes
from analysis.facts.partitions import CLUSTER_ORDER, write_sorted

TABLES: tuple[str, ...] = ("claims", "events", "articles")
PARTITION = "published_month"
PART_FILE = "part-0.parquet"
MANIFEST = "dataset.json"
DEFAULT_BATCH_SIZE = 100
CONNECT_TIMEOUT = "10s"  # to reach the scheduler of --scheduler tcp://...
SCHEDULERS = ("sync", "processes")
_ADDRESS = re.compile(r"tcp://[\w.\-\[\]:]+:\d+\Z")
# The files whose content decides what the extractor finds: a change re-extracts everything.
_EXTRACTOR_SOURCES = ("analysis/extract/*.py", "analysis/lexicon/*.py", "analysis/corpus/text.py",
                      "data/lexicon/**/*.csv", "data/geo/gazetteer*.csv")


@dataclass(frozen=True)
class Entry:
    """One catalog row as a batch task needs it (small: the driver holds one per article)."""

    article_id: str
    path: str
    published: dt.date
    language: str


def extractor_version() -> str:
    """A digest of the extraction rules and their vocabularies (the files they are read from)."""
    digest = hashlib.sha256(b"nk-claims extractor")
    for pattern in _EXTRACTOR_SOURCES:
        for path in sorted(paths.ROOT.glob(pattern)):
            digest.update(str(path.relative_to(paths.ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def articles_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("file", pa.string(), nullable=False),
        pa.field("published", pa.date32(), nullable=False),
        pa.field("language", pa.string(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("extractor_version", pa.string(), nullable=False),
        pa.field("claims", pa.int64(), nullable=False),
        pa.field("events", pa.int64(), nullable=False),
    ])


def schema_of(table: str) -> Any:
    return articles_schema() if table == "articles" else arrow_schema(table)


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def partition_file(out: Path, table: str, month: str) -> Path:
    return out / table / f"{PARTITION}={month}" / PART_FILE


# --- the corpus --------------------------------------------------------------------------


def corpus_entries(corpus: str | Path) -> list[Entry]:
    """The articles of a corpus folder (``catalog.csv`` inside) or of a ``catalog.csv`` file."""
    corpus = Path(corpus)
    if corpus.is_file():
        if corpus.name != "catalog.csv":
            raise ParameterError(
                f"--corpus {corpus}: a catalog file must be named catalog.csv (its folder "
                "holds the article files); or give the folder"
            )
        corpus = corpus.parent
    elif not corpus.is_dir():
        raise ParameterError(f"--corpus {corpus}: no such folder or catalog.csv")
    rows = read_catalog(corpus)
    entries = []
    for row in rows:
        where = row["_where"]
        entries.append(Entry(row["id"], str(corpus / row["file"]),
                             parse_published(row["published"], where),
                             validate_language(row["language"], where)))
    if not entries:
        raise CatalogError(f"{corpus / 'catalog.csv'}: no articles; add rows to the catalog")
    return entries


def _batches(entries: Sequence[Entry], batch_size: int) -> dict[str, list[list[Entry]]]:
    """Articles grouped by month (sorted by id inside), cut into batches of ``batch_size``."""
    by_month: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_month[month_of(entry.published)].append(entry)
    return {
        month: [group[i:i + batch_size] for i in range(0, len(group), batch_size)]
        for month, group in sorted(by_month.items())
        for group in [sorted(group, key=lambda e: e.article_id)]
    }


# --- one batch (a task) ------------------------------------------------------------------


def extract_rules(articles: list[Any]) -> tuple[list[dict], list[dict]]:
    """Claims and events of a batch of :class:`~analysis.corpus.catalog.Article` (row dicts)."""
    from analysis.extract.claims import corpus_claim_rows
    from analysis.extract.events import corpus_event_rows

    return corpus_claim_rows(articles), corpus_event_rows(articles)


Extractor = Callable[[list[Any]], tuple[list[dict], list[dict]]]


def extract_batch(
    batch: list[Entry], known: dict[str, tuple[str, str, str, str]], version: str,
    staging: str, name: str, extract: Extractor = extract_rules,
) -> list[dict[str, Any]]:
    """Hash the batch's files; extract the articles whose file, metadata or extractor changed.

    ``known`` maps article id -> (content_hash, published, language, extractor_version) of
    the previous build. Writes ``staging/{claims,events}/<name>.parquet`` when anything was
    extracted. Returns one bookkeeping record per article (``changed`` says whether it was
    extracted now).
    """
    from analysis.corpus.catalog import Article

    records, articles = [], []
    for entry in batch:
        try:
            data = Path(entry.path).read_bytes()
        except OSError as exc:
            raise FactsError(f"{entry.path}: cannot read the article ({exc.strerror}); "
                             "fix the file or its catalog row") from None
        content_hash = hashlib.sha256(data).hexdigest()
        state = (content_hash, entry.published.isoformat(), entry.language, version)
        record = {"article_id": entry.article_id, "file": Path(entry.path).name,
                  "published": entry.published, "language": entry.language,
                  "content_hash": content_hash, "extractor_version": version,
                  "changed": known.get(entry.article_id) != state, "claims": 0, "events": 0}
        records.append(record)
        if record["changed"]:
            text = decode_article_bytes(data, entry.path)
            articles.append(Article(id=entry.article_id, file=record["file"], title="",
                                    outlet="", url="", published=entry.published,
                                    language=entry.language, notes="", text=text))
    if articles:
        claims, events = extract(articles)
        by_id = {r["article_id"]: r for r in records}
        for kind, rows in (("claims", claims), ("events", events)):
            for row in rows:
                by_id[row["article_id"]][kind] += 1
            _write_table(arrow_table(rows, kind), Path(staging) / kind / f"{name}.parquet")
    return records


def _write_table(table: Any, target: Path) -> None:
    import pyarrow.parquet as pq

    with atomic_path(target, suffix=".parquet") as tmp:
        pq.write_table(table, tmp)


# --- one month (a task) ------------------------------------------------------------------


def finalize_month(
    out: str, staging: str, month: str, batch_records: list[list[dict[str, Any]]],
) -> dict[str, int]:
    """Replace the month's partition files: kept rows of the last build plus new ones.

    Rows of articles re-extracted now or no longer in the catalog are dropped; claims and
    events are written first, the ``articles`` record last (see the module docstring).
    """
    records = [r for batch in batch_records for r in batch]
    changed = {r["article_id"] for r in records if r["changed"]}
    present = {r["article_id"] for r in records}
    out_path = Path(out)
    old_ids = _partition_ids(partition_file(out_path, "articles", month))
    if not changed and old_ids == present:
        return {"month_rewritten": 0, "extracted": 0}
    if not present:  # every article of the month left the catalog
        for table in TABLES:
            shutil.rmtree(partition_file(out_path, table, month).parent, ignore_errors=True)
        return {"month_rewritten": 1, "extracted": 0}
    keep = present - changed
    for table in ("claims", "events"):
        staged = sorted((Path(staging) / table).glob(f"{month}-*.parquet"))
        _merge_partition(partition_file(out_path, table, month), table, keep, staged)
    _write_articles(partition_file(out_path, "articles", month), records)
    return {"month_rewritten": 1, "extracted": len(changed)}


def _partition_ids(path: Path) -> set[str]:
    import pyarrow.parquet as pq

    if not path.is_file():
        return set()
    return set(pq.read_table(path, columns=["article_id"]).column(0).to_pylist())


def _merge_partition(target: Path, table: str, keep: set[str], staged: list[Path]) -> None:
    """The kept rows of ``target`` and the staged files, sorted, into a new ``target``."""
    import pyarrow as pa

    sources = ([target] if target.is_file() else []) + staged
    if not sources:
        _write_table(pa.Table.from_pylist([], schema_of(table)), target)
        return
    kept = pa.table({"article_id": pa.array(sorted(keep), pa.string())})
    write_sorted(target, schema_of(table).names, CLUSTER_ORDER[table], sources,
                 keep=kept if target.is_file() else None)


def _write_articles(target: Path, records: list[dict[str, Any]]) -> None:
    import pyarrow as pa

    schema = articles_schema()
    rows = sorted(records, key=lambda r: r["article_id"])
    if target.is_file():  # unchanged articles keep their counts from the last build
        import pyarrow.parquet as pq

        old = {r["article_id"]: r for r in pq.read_table(target).to_pylist()}
        for row in rows:
            if not row["changed"] and row["article_id"] in old:
                row["claims"], row["events"] = (old[row["article_id"]]["claims"],
                                                old[row["article_id"]]["events"])
    _write_table(pa.Table.from_pylist([{k: r[k] for k in schema.names} for r in rows], schema),
                 target)


# --- the build ---------------------------------------------------------------------------


def _known_articles(out: Path) -> dict[str, tuple[str, str, str, str]]:
    """article id -> (content_hash, published, language, extractor_version) of the last build."""
    import pyarrow.parquet as pq

    known = {}
    for path in sorted((out / "articles").glob(f"{PARTITION}=*/{PART_FILE}")):
        for row in pq.read_table(path).to_pylist():
            known[row["article_id"]] = (row["content_hash"], row["published"].isoformat(),
                                        row["language"], row["extractor_version"])
    return known


def _existing_months(out: Path) -> set[str]:
    return {p.name.split("=", 1)[1] for t in TABLES for p in (out / t).glob(f"{PARTITION}=*")}


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
    import dask

    check_scheduler(scheduler)
    if batch_size < 1:
        raise ParameterError(f"--batch-size {batch_size}: give at least 1")
    started = time.perf_counter()
    out = Path(out).resolve()
    entries = corpus_entries(corpus)
    version = extractor_version()
    with _locked(out):
        known = _known_articles(out)
        staging = out / f".staging-{uuid.uuid4().hex[:12]}"
        batches = _batches(entries, batch_size)
        months = sorted(set(batches) | _existing_months(out))
        tasks = []
        for month in months:
            month_batches = [
                dask.delayed(extract_batch, pure=False)(
                    batch, {e.article_id: known[e.article_id] for e in batch
                            if e.article_id in known},
                    version, str(staging), f"{month}-{index:06d}", extract,
                    dask_key_name=f"extract-{month}-{index:06d}",
                )
                for index, batch in enumerate(batches.get(month, []))
            ]
            tasks.append(dask.delayed(finalize_month, pure=False)(
                str(out), str(staging), month, month_batches,
                dask_key_name=f"finalize-{month}"))
        try:
            results = _compute(tasks, scheduler, workers)
        except AnalysisError:
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        atomic_write_text(out / MANIFEST, json.dumps({
            "format": "nk-claims facts dataset", "partitioning": PARTITION,
            "tables": list(TABLES), "extractor_version": version,
            "corpus": str(Path(corpus).resolve()), "articles": len(entries),
        }, indent=2) + "\n")
    return {
        "articles": len(entries),
        "extracted": sum(r["extracted"] for r in results),
        "months": len(batches),
        "months_rewritten": sum(r["month_rewritten"] for r in results),
        "seconds": time.perf_counter() - started,
        "out": out,
    }
