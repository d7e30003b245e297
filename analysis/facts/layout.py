"""How a facts dataset (``facts build --out OUT``) lies on disk, and its per-article record.

* ``OUT/{claims,events}/published_month=YYYY-MM/part-<n>.parquet``: a month's rows, in one
  or more *parts* (a re-run adds a part with the rows of the articles it extracted; see
  :mod:`.months`). Each part is sorted by :data:`analysis.facts.partitions.CLUSTER_ORDER`.
  Readers take every ``part-*.parquet`` (:data:`PART_GLOB`); temporary and pending files
  start with a dot and are never read.
* ``OUT/articles/published_month=YYYY-MM/part-0.parquet``: the month's *record*, one row per
  article built (:func:`articles_schema`): what was extracted from which file state, and
  which part holds its rows. Written last, it is what a build commits: a part that no record
  row names is a leftover of an interrupted build and is removed by the next one.
* ``OUT/dataset.json``: what the folder is (format, partitioning, extractor version).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from analysis.core.tables import arrow_schema

TABLES: tuple[str, ...] = ("claims", "events", "articles")
ROW_TABLES: tuple[str, ...] = ("claims", "events")  # the tables held in parts
PARTITION = "published_month"
PART_GLOB = "part-*.parquet"
RECORD_FILE = "part-0.parquet"  # the articles record: one file per month
MANIFEST = "dataset.json"
# Written before a month's parts are changed in place, removed when its record is written:
# the articles whose rows were being dropped (see months.finalize_month).
INTENT_FILE = ".dropping.json"
PENDING_PREFIX = ".pending-"  # a compacted part written, not yet in place (months.py)


def articles_schema() -> Any:
    """The record: per article, the state it was extracted from and where its rows are."""
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
        # The part (part-<n>.parquet of claims and events) holding the article's rows.
        pa.field("part", pa.int32(), nullable=False),
        # Size and modification time of the file when it was hashed: the same two on the
        # next run mean the same content without reading the file (as make and rsync do).
        pa.field("size", pa.int64(), nullable=True),
        pa.field("mtime_ns", pa.int64(), nullable=True),
    ])


def schema_of(table: str) -> Any:
    return articles_schema() if table == "articles" else arrow_schema(table)


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_dir(out: Path, table: str, month: str) -> Path:
    return out / table / f"{PARTITION}={month}"


def part_name(part: int) -> str:
    return f"part-{part}.parquet"


def part_path(out: Path, table: str, month: str, part: int) -> Path:
    return month_dir(out, table, month) / part_name(part)


def pending_path(out: Path, table: str, month: str, part: int) -> Path:
    return month_dir(out, table, month) / f"{PENDING_PREFIX}{part_name(part)}"


def record_path(out: Path, month: str) -> Path:
    return month_dir(out, "articles", month) / RECORD_FILE


def intent_path(out: Path, month: str) -> Path:
    return month_dir(out, "articles", month) / INTENT_FILE


def dataset_months(out: Path) -> set[str]:
    """Every month with a folder in any table (a record, parts, or leftovers)."""
    return {p.name.split("=", 1)[1] for t in TABLES for p in (out / t).glob(f"{PARTITION}=*")
            if p.is_dir()}


def read_record(out: Path, month: str) -> list[dict[str, Any]]:
    """The month's record rows (empty if none). A record of a build before parts existed
    says nothing of parts (all rows were in part 0) nor of file sizes and times."""
    import pyarrow.parquet as pq

    path = record_path(out, month)
    if not path.is_file():
        return []
    rows = pq.ParquetFile(path).read().to_pylist()
    for row in rows:
        row.setdefault("part", 0)
        row.setdefault("size", None)
        row.setdefault("mtime_ns", None)
    return rows


def parts_on_disk(out: Path, table: str, month: str) -> set[int]:
    """The part numbers of ``part-<n>.parquet`` files in a month of ``table``."""
    found = set()
    for name in _names(month_dir(out, table, month)):
        if name.startswith("part-") and name.endswith(".parquet"):
            number = name[len("part-"):-len(".parquet")]
            if number.isdigit():
                found.add(int(number))
    return found


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return []


def read_intent(out: Path, month: str) -> set[str]:
    """Articles whose rows an interrupted build was dropping in this month (none: empty)."""
    path = intent_path(out, month)
    if not path.is_file():
        return set()
    return set(json.loads(path.read_text(encoding="utf-8")))


def recover_month(out: Path, month: str, referenced: set[int]) -> set[int]:
    """Put a month's files back in the state its record describes; return missing parts.

    A pending compacted part the record names is moved into place (the build that wrote it
    committed and was stopped before the move); parts and files the record does not name
    (leftovers of an interrupted build, never read by anyone) are removed. Returns the parts
    the record names that are missing (their articles must be extracted again).
    """
    missing = set()
    for table in ROW_TABLES:
        folder = month_dir(out, table, month)
        for part in referenced:
            pending, target = pending_path(out, table, month, part), part_path(
                out, table, month, part)
            if pending.is_file() and not target.is_file():
                os.replace(pending, target)
        for name in _names(folder):
            if name.startswith(".") or (name.startswith("part-") and name.endswith(".parquet")
                                        and name not in {part_name(p) for p in referenced}):
                path = folder / name
                if path.is_file():
                    path.unlink()
        missing |= referenced - parts_on_disk(out, table, month)
    return missing
