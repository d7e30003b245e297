"""The articles of a corpus as a build needs them, and one batch of them extracted (a task).

:func:`corpus_entries` streams the catalog into one small :class:`Entry` per article. The
build (:mod:`.dataset`) plans each month (:func:`analysis.facts.months.plan_month`: which
articles to extract, written to ``staging/plan/<month>.parquet``) and runs
:func:`extract_batch` over slices of that plan: the task reads its slice, hashes the files,
extracts the articles whose content changed and writes rows and per-article bookkeeping to
staging Parquet files. It returns only a count, so no per-article result passes through the
scheduler or the driver.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.core import paths
from analysis.core.atomic import atomic_path
from analysis.core.errors import FactsError, ParameterError
from analysis.core.tables import arrow_table
from analysis.corpus.catalog import CatalogError, iter_catalog, parse_published, validate_language
from analysis.corpus.text import decode_article_bytes
from analysis.facts.layout import articles_schema, month_of

# Catalog entries the driver holds before writing them out (MonthlyEntries): what keeps its
# memory flat whatever the size of the catalog.
FLUSH_ENTRIES = 5_000

# The files whose content decides what the extractor finds: a change re-extracts everything.
_EXTRACTOR_SOURCES = ("analysis/extract/*.py", "analysis/lexicon/*.py", "analysis/corpus/text.py",
                      "data/lexicon/**/*.csv", "data/geo/gazetteer*.csv")


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalog row as the build needs it (small: the driver holds one per article)."""

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


def corpus_entries(corpus: str | Path) -> Iterator[Entry]:
    """The articles of a corpus folder (``catalog.csv`` inside) or of a ``catalog.csv`` file.

    Streamed: the catalog is read row by row (:func:`analysis.corpus.catalog.iter_catalog`).
    """
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
    folder, count = str(corpus), 0
    for row in iter_catalog(corpus)[1]:
        where = row["_where"]
        count += 1
        yield Entry(row["id"], os.path.join(folder, row["file"]),
                    parse_published(row["published"], where),
                    validate_language(row["language"], where))
    if not count:
        raise CatalogError(f"{corpus / 'catalog.csv'}: no articles; add rows to the catalog")


def _entries_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("article_id", pa.string()), ("path", pa.string()),
                      ("published", pa.date32()), ("language", pa.string())])


class MonthlyEntries:
    """The catalog's entries by publication month, written to a Parquet file per month in
    ``folder`` every :data:`FLUSH_ENTRIES` entries, so that the driver never holds more; read
    back one month at a time (:meth:`month`). ``count``: entries; ``months``: their months."""

    def __init__(self, entries: Iterator[Entry], folder: Path) -> None:
        import pyarrow.parquet as pq

        self.folder, self.count, self.months = folder, 0, set()
        buffers: dict[str, list[Entry]] = {}
        writers: dict[str, Any] = {}
        try:
            for entry in entries:
                buffers.setdefault(month_of(entry.published), []).append(entry)
                self.count += 1
                if self.count % FLUSH_ENTRIES == 0:
                    self._flush(buffers, writers, pq)
            self._flush(buffers, writers, pq)
        finally:
            for writer in writers.values():
                writer.close()

    def _flush(self, buffers: dict[str, list[Entry]], writers: dict[str, Any], pq: Any) -> None:
        import pyarrow as pa

        for month, rows in buffers.items():
            if month not in writers:
                writers[month] = pq.ParquetWriter(self.folder / f"{month}.parquet",
                                                  _entries_schema())
                self.months.add(month)
            columns = [list(column) for column in zip(
                *[(e.article_id, e.path, e.published, e.language) for e in rows], strict=True)]
            writers[month].write_table(pa.table(columns, schema=_entries_schema()))
        buffers.clear()

    def month(self, month: str) -> list[Entry]:
        """The entries of ``month`` (none if the catalog has none there)."""
        import pyarrow.parquet as pq

        if month not in self.months:
            return []
        table = pq.ParquetFile(self.folder / f"{month}.parquet").read()
        return [Entry(*row.values()) for row in table.to_pylist()]


def extract_rules(articles: list[Any]) -> tuple[list[dict], list[dict]]:
    """Claims and events of a batch of :class:`~analysis.corpus.catalog.Article` (row dicts)."""
    from analysis.extract.claims import corpus_claim_rows
    from analysis.extract.events import corpus_event_rows

    return corpus_claim_rows(articles), corpus_event_rows(articles)


Extractor = Callable[[list[Any]], tuple[list[dict], list[dict]]]


def plan_file(staging: str | Path, month: str) -> Path:
    return Path(staging) / "plan" / f"{month}.parquet"


def plan_schema() -> Any:
    """A month's plan: the articles to look at (``known_hash`` null: extract whatever the
    content; else extract only if the file's hash differs)."""
    import pyarrow as pa

    return pa.schema([("article_id", pa.string()), ("path", pa.string()),
                      ("published", pa.date32()), ("language", pa.string()),
                      ("known_hash", pa.string())])


def _read(path: str) -> tuple[bytes, os.stat_result]:
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())  # before reading: a later change shows next run
            return handle.read(), status
    except OSError as exc:
        raise FactsError(f"{path}: cannot read the article ({exc.strerror}); "
                         "fix the file or its catalog row") from None


def extract_batch(
    staging: str, month: str, index: int, batch_size: int, version: str,
    extract: Extractor = extract_rules,
) -> dict[str, int]:
    """Hash the files of plan rows ``index * batch_size`` onwards; extract the changed ones.

    Writes ``staging/{claims,events}/<month>-<index>.parquet`` when anything was extracted
    and always ``staging/records/<month>-<index>.parquet``: per article its record row
    (:func:`~analysis.facts.layout.articles_schema`, without ``part``) and ``extracted``.
    """
    import pyarrow.parquet as pq

    from analysis.corpus.catalog import Article

    plan = pq.ParquetFile(plan_file(staging, month)).read().slice(index * batch_size, batch_size)
    records, articles = [], []
    for row in plan.to_pylist():
        data, status = _read(row["path"])
        content_hash = hashlib.sha256(data).hexdigest()
        record = {"article_id": row["article_id"], "file": Path(row["path"]).name,
                  "published": row["published"], "language": row["language"],
                  "content_hash": content_hash, "extractor_version": version,
                  "claims": 0, "events": 0, "size": status.st_size,
                  "mtime_ns": status.st_mtime_ns,
                  "extracted": row["known_hash"] != content_hash}
        records.append(record)
        if record["extracted"]:
            text = decode_article_bytes(data, row["path"])
            articles.append(Article(id=row["article_id"], file=record["file"], title="",
                                    outlet="", url="", published=row["published"],
                                    language=row["language"], notes="", text=text))
    name = f"{month}-{index:06d}.parquet"
    if articles:
        claims, events = extract(articles)
        by_id = {r["article_id"]: r for r in records}
        for kind, rows in (("claims", claims), ("events", events)):
            for row in rows:
                by_id[row["article_id"]][kind] += 1
            write_table(arrow_table(rows, kind), Path(staging) / kind / name)
    write_table(records_table(records), Path(staging) / "records" / name)
    return {"extracted": len(articles)}


def records_table(records: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    schema = articles_schema().remove(articles_schema().get_field_index("part"))
    schema = schema.append(pa.field("extracted", pa.bool_(), nullable=False))
    return pa.Table.from_pylist([{k: r[k] for k in schema.names} for r in records], schema)


def write_table(table: Any, target: Path) -> None:
    import pyarrow.parquet as pq

    with atomic_path(target, suffix=".parquet") as tmp:
        pq.write_table(table, tmp)
