"""How a month's facts are laid out in its Parquet file: sorted by the filter columns.

A filter over a large dataset (one unit, actor and place; :mod:`.query`) matches a few
thousand rows among millions. Written in article order, those rows are spread over every
row group, and a query decodes every column of every row group to return them. Sorted by
the columns the notebooks and the explorer filter on, and cut into small row groups, the
matching rows sit together and the row groups' min/max statistics let DuckDB skip the rest
(``benchmarks/scaling.py`` prints the query time; the README quotes it).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.core.atomic import atomic_path

# Order of the rows inside a month's partition file: the columns the explorer and the
# notebooks filter on first (see write_sorted), then the table order (unique, deterministic).
CLUSTER_ORDER: dict[str, tuple[str, ...]] = {
    "claims": ("unit", "actor", "location", "as_of_start", "article_id", "start"),
    "events": ("article_id", "start"),
}
ROW_GROUP_ROWS = 16_384  # small enough that one facet value spans few row groups
MEMORY_LIMIT = "1GB"  # per partition writer; DuckDB spills to disk beyond it
# Up to this many rows a part is sorted in memory by Arrow: starting DuckDB costs ~60 ms a
# file, most of an incremental re-run that adds a few rows to every month
# (benchmarks/incremental.py); beyond it DuckDB sorts out of core.
IN_MEMORY_ROWS = 50_000


def write_sorted(target: Path, columns: Sequence[str], order: Sequence[str],
                 sources: Sequence[Path | Any], keep: Any = None, filtered: int = 1,
                 schema: Any = None) -> None:
    """Write the rows of ``sources`` (Parquet files or Arrow tables) to ``target``, sorted.

    Rows are ordered by ``order`` (for facts: :data:`CLUSTER_ORDER`) and cut into row groups of
    :data:`ROW_GROUP_ROWS`, so the row-group statistics of the filter columns let a query
    skip most of a month (``benchmarks/scaling.py``). The first ``filtered`` sources, when
    ``keep`` (an Arrow table with an ``article_id`` column) is given, contribute only those
    articles. ``schema``: the Arrow schema written by the in-memory sort (default: that of
    the first source).
    Up to :data:`IN_MEMORY_ROWS` rows Arrow sorts in memory; beyond, DuckDB sorts out of core
    (``MEMORY_LIMIT``, spilling next to ``target``), so a large month does not need to fit in
    memory; one thread, as the build already runs one task per core. Both put missing
    values last.
    """
    if sum(_rows(source) for source in sources) <= IN_MEMORY_ROWS:
        _write_sorted_in_memory(target, columns, order, sources, keep, filtered, schema)
        return
    import duckdb

    select = ", ".join(f'"{name}"' for name in columns)
    parts = []
    connection = duckdb.connect(config={"threads": 1, "memory_limit": MEMORY_LIMIT,
                                        "temp_directory": str(target.parent / ".spill")})
    try:
        for index, source in enumerate(sources):
            if isinstance(source, Path):
                relation = f"read_parquet({_quoted(str(source))})"
            else:
                connection.register(f"source_{index}", source)
                relation = f"source_{index}"
            condition = ""
            if index < filtered and keep is not None:
                if index == 0:
                    connection.register("kept_articles", keep)
                condition = " WHERE article_id IN (SELECT article_id FROM kept_articles)"
            parts.append(f"SELECT {select} FROM {relation}{condition}")
        ordering = ", ".join(f'"{c}"' for c in order)
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target, suffix=".parquet") as tmp:
            connection.execute(
                f"COPY ({' UNION ALL '.join(parts)} ORDER BY {ordering}) TO {_quoted(str(tmp))} "
                f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP_ROWS})"
            )
    finally:
        connection.close()
        shutil.rmtree(target.parent / ".spill", ignore_errors=True)


def _rows(source: Path | Any) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(source).metadata.num_rows if isinstance(source, Path) else \
        source.num_rows


def _write_sorted_in_memory(target: Path, columns: Sequence[str], order: Sequence[str],
                            sources: Sequence[Path | Any], keep: Any, filtered: int,
                            schema: Any) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    tables = []
    for index, source in enumerate(sources):
        table = (pq.ParquetFile(source).read(columns=list(columns)) if isinstance(source, Path)
                 else source.select(list(columns)))
        if index < filtered and keep is not None:
            table = table.filter(pc.is_in(table.column("article_id"),
                                          value_set=keep.column("article_id")))
        tables.append(table)
    schema = schema if schema is not None else tables[0].schema
    table = pa.concat_tables([t.select(schema.names).cast(schema) for t in tables])
    table = table.take(pc.sort_indices(table, options=pc.SortOptions(
        [(column, "ascending", "at_end") for column in order])))
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target, suffix=".parquet") as tmp:
        pq.write_table(table, tmp, compression="zstd", row_group_size=ROW_GROUP_ROWS)


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
