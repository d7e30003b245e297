"""The one way to read facts: :func:`query_facts`, filters pushed down with DuckDB.

Notebooks, the explorer and the report ask for the claims (or events) they show with the
filters they already have — articles, language, units, actor, location, claimant, the
"known by" date ``as_of``, the as-of range ``date_from``/``date_to`` and the ``sources`` of
a claim — and get a typed pandas frame of only those rows, identical to what
:func:`analysis.facts.store.load_claims` followed by the same pandas filters gives (overrides
applied, same dtypes, rows in table order: ``article_id``, then ``start``).

Where the facts come from (``source``):

* ``None``: the committed ``data/facts/<kind>.csv`` of the corpus in use
  (:mod:`analysis.core.paths`);
* a CSV file in the committed format (a notebook's ``claims_path``);
* a folder written by ``facts build --out`` (:mod:`analysis.facts.dataset`): DuckDB reads
  only the month partitions the filters can match and, within them, only the row groups
  whose statistics can match (rows are sorted by the filter columns,
  :mod:`analysis.facts.partitions`; ``benchmarks/scaling.py`` times one filter over ten
  million claims, the README quotes the figure).

:class:`FactsSource` keeps one source open for many queries (the explorer asks one per
filter change): the count of matching rows, the first rows in an order, grouped
aggregates, and the distinct values of a facet. :func:`query_facts` is one query.

Overrides change values the filters look at (an analyst may correct ``actor``), so they are
applied before filtering: the overridden claims are fetched by id, corrected in pandas
(:func:`analysis.facts.overrides.apply_overrides`, which also finds stale overrides against
the whole table) and stand in for their stored rows in every query, under the same SQL.
``.attrs`` carries ``overrides_in_effect`` and ``stale_overrides`` as from ``load_claims``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.errors import FactsError, ParameterError
from analysis.core.tables import arrow_schema, coerce_types, parquet_frame
from analysis.facts.layout import PART_GLOB, PARTITION
from analysis.facts.overrides import apply_overrides as apply_overrides_to
from analysis.facts.overrides import load_overrides
from analysis.facts.sql import HINT, literal, source_relation, where_sql

KINDS: tuple[str, ...] = ("claims", "events")
# Filters that only claims have (events have actors as a list and no unit).
CLAIM_ONLY = ("units", "actors", "claimants")
FILTERS = ("articles", "languages", "units", "actors", "locations", "claimants", "as_of",
           "date_from", "date_to", "sources", "search")
LIST_COLUMNS = ("claimants", "flags", "overridden")


def _typed(table: Any, kind: str) -> pd.DataFrame:
    """An Arrow result as the typed frame the codec's readers return."""
    frame = table.to_pandas(date_as_object=False)
    frame = coerce_types(frame, kind)
    if "overridden" in frame.columns:
        frame["overridden"] = pd.Series(
            [list(v) if v is not None else [] for v in frame["overridden"]],
            index=frame.index, dtype="object",
        )
    return frame.reset_index(drop=True)


def _overridden_rows(
    connection: Any, relation: str, stored: list[str], overrides: pd.DataFrame,
    months: list[str] | None = None,
) -> pd.DataFrame:
    """The claims named by overrides, with the overrides applied (attrs and warnings too).

    With no overrides this is an empty frame whose attrs are the empty side tables
    ``load_claims`` gives. ``months``: the month partitions that can hold them (None: any;
    see :func:`_override_months`).
    """
    ids = sorted(set(overrides["claim_id"])) or [""]
    select = ", ".join(f'"{c}"' for c in stored)
    # A constant IN list is pushed into the scan (a sub-query would read every column).
    base = connection.sql(
        f"SELECT {select} FROM {relation} WHERE {_month_in(months)} AND claim_id IN "
        f"({', '.join(map(literal, ids))}) ORDER BY article_id, start"
    ).to_arrow_table()
    return apply_overrides_to(_typed(base, "claims"), overrides=overrides)


def _month_in(months: list[str] | None) -> str:
    if months is None:
        return "TRUE"
    return f"{PARTITION} IN ({', '.join(map(literal, months)) or literal('')})"


def _override_months(connection: Any, folder: Path, overrides: pd.DataFrame) -> list[str] | None:
    """The month partitions that can hold the overridden claims (None: unknown, any).

    A claim id is ``{article_id}:{start}`` (:mod:`analysis.core.schema`) and the dataset's
    ``articles`` table (one small row per article) says which month holds an article, so
    the claims' ``claim_id`` column is read in those months only, not over the whole table.
    Without an ``articles`` table, or when an id names no recorded article (an id of
    another form, or a claim that is gone): every month, so such a claim is still found
    if it exists and reported stale only if it does not.
    """
    files = sorted((folder / "articles").glob(f"{PARTITION}=*/{PART_GLOB}"))
    if not files:
        return None
    if overrides.empty:
        return []
    articles = sorted({str(c).rsplit(":", 1)[0] for c in overrides["claim_id"]})
    pattern = literal(str(folder / "articles" / f"{PARTITION}=*" / PART_GLOB))
    rows = connection.execute(
        f"SELECT DISTINCT article_id, {PARTITION} FROM read_parquet({pattern}, "
        "hive_partitioning = true, union_by_name = true) "
        f"WHERE article_id IN ({', '.join(map(literal, articles))})"
    ).fetchall()
    if {row[0] for row in rows} != set(articles):
        return None
    return sorted({row[1] for row in rows})


def _as_arrow(frame: pd.DataFrame, columns: list[str]) -> Any:
    """Overridden rows back to Arrow with the table's types (to filter them by SQL too).

    Columns the schema does not know (e.g. ``source``) keep the type Arrow infers.
    """
    import pyarrow as pa

    schema = arrow_schema("claims")
    table = pa.Table.from_pandas(parquet_frame(frame[columns]), preserve_index=False)
    for name in columns:
        wanted = (schema.field(name).type if name in schema.names
                  else pa.list_(pa.string()) if name == "overridden" else None)
        if wanted is not None and table.schema.field(name).type != wanted:
            index = table.schema.get_field_index(name)
            table = table.set_column(index, name, table.column(name).cast(wanted))
    return table


TABLE_ORDER = ("article_id", "start")


class FactsSource:
    """One facts table opened for many queries, with the analysts' overrides applied.

    ``kind``, ``source``, ``apply_overrides`` and ``overrides_path`` are those of
    :func:`query_facts`. Filters (keyword arguments of the methods) are those of
    :func:`query_facts` plus ``search`` (as in
    :func:`analysis.explore.filters.filter_claims`). ``attrs`` holds the side tables
    ``overrides_in_effect`` and ``stale_overrides``; ``total`` the rows of the table. Use it
    as a context manager or call :meth:`close`.
    """

    def __init__(self, kind: str = "claims", source: str | Path | None = None, *,
                 apply_overrides: bool = True, overrides_path: str | Path | None = None) -> None:
        import duckdb

        if kind not in KINDS:
            raise ParameterError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        self.kind = kind
        relation, self.path = source_relation(source, kind)
        self.connection = duckdb.connect()
        self.attrs: dict[str, Any] = {}
        try:
            # Footers are read once, not once per query.
            self.connection.execute("SET parquet_metadata_cache = true")
            # The first rows of a large result (the explorer's table): sort on the order
            # columns, then fetch the other columns of those rows only.
            self.connection.execute("SET late_materialization_max_rows = 1000")
            available = [c for c in self.connection.sql(f"SELECT * FROM {relation}").columns]
            self.stored = [c for c in available if c != PARTITION]
            self.total = int(self._scalar(f"SELECT count(*) FROM {relation}"))
            self.columns = set(available) | ({"overridden"} if kind == "claims" else set())
            extra = [PARTITION] if PARTITION in available else []
            every = ", ".join(f'"{c}"' for c in [*self.stored, *extra])
            if kind == "events":
                self.relation = relation
            elif not apply_overrides:
                self.relation = f"(SELECT {every}, []::VARCHAR[] AS overridden FROM {relation})"
            else:
                self.relation = self._with_overrides(relation, every, extra,
                                                     load_overrides(overrides_path))
        except duckdb.Error as exc:
            self.close()
            raise self._error(exc) from None
        except BaseException:
            self.close()
            raise

    def _with_overrides(self, relation: str, every: str, extra: list[str],
                        overrides: pd.DataFrame) -> str:
        """The table with the overridden claims replaced by their corrected rows."""
        stored_in = _override_months(self.connection, self.path, overrides) if extra else None
        overridden = _overridden_rows(self.connection, relation, self.stored, overrides,
                                      stored_in)
        self.attrs.update(overridden.attrs)
        plain = f"SELECT {every}, []::VARCHAR[] AS overridden FROM {relation}"
        if overridden.empty:
            return f"({plain})"
        table = _as_arrow(overridden, [*self.stored, "overridden"])
        if extra:  # the month column the partitions have, for the same pruning condition
            import pyarrow as pa
            import pyarrow.compute as pc

            months = pc.strftime(table.column("published").cast(pa.timestamp("s")),
                                 format="%Y-%m")
            table = table.append_column(PARTITION, months)
        self.connection.register("overridden_claims", table)
        ids = ", ".join(map(literal, sorted(set(overridden["claim_id"]))))
        replaced = f"SELECT {every}, overridden FROM overridden_claims"
        if stored_in is None:
            return f"({plain} WHERE claim_id NOT IN ({ids}) UNION ALL {replaced})"
        # Months without overridden claims need no claim_id test: their partitions are
        # read without decoding that column (it is unique, so it is the costliest).
        return (f"({plain} WHERE NOT {_month_in(stored_in)} UNION ALL "
                f"{plain} WHERE {_month_in(stored_in)} AND claim_id NOT IN ({ids}) "
                f"UNION ALL {replaced})")

    # -- queries

    def where(self, **filters: Any) -> str:
        """The SQL condition of ``filters`` over this table."""
        if self.kind == "events":
            used = [name for name in CLAIM_ONLY if filters.get(name) is not None]
            if used:
                raise ParameterError(f"{', '.join(used)}: filters of claims, not of events")
        given = {name: filters.get(name) for name in FILTERS}
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise ParameterError(f"unknown filter(s) {', '.join(sorted(unknown))}; "
                                 f"valid: {', '.join(FILTERS)}")
        return where_sql(self.kind, self.columns, **given)

    def frame(self, *, columns: Sequence[str] | None = None,
              order: Sequence[str] = TABLE_ORDER, limit: int | None = None,
              **filters: Any) -> pd.DataFrame:
        """The rows passing ``filters``, typed, in ``order`` (the first ``limit`` of them).

        Columns default to every stored one (claims: plus ``overridden``).
        """
        wanted = list(columns) if columns is not None else [
            *self.stored, *(["overridden"] if self.kind == "claims" else [])]
        unknown = [c for c in wanted if c not in self.columns or c == PARTITION]
        if unknown:
            raise ParameterError(f"columns {', '.join(unknown)} are not in {self.path}")
        select = ", ".join(f'"{c}"' for c in wanted)
        ordering = ", ".join(f'"{c}"' for c in order if c in self.columns)
        sql = (f"SELECT {select} FROM {self.relation} WHERE {self.where(**filters)}"
               + (f" ORDER BY {ordering}" if ordering else "")
               + (f" LIMIT {int(limit)}" if limit is not None else ""))
        result = _typed(self._arrow(sql), self.kind)
        result.attrs.update(self.attrs)
        result.attrs["table_rows"] = self.total
        return result

    def count(self, **filters: Any) -> int:
        """How many rows pass ``filters``."""
        return int(self._scalar(f"SELECT count(*) FROM {self.relation} "
                                f"WHERE {self.where(**filters)}"))

    def aggregate(self, select: str, group_by: str, *, order_by: str | None = None,
                  **filters: Any) -> pd.DataFrame:
        """``SELECT {select} ... GROUP BY {group_by}`` over the rows passing ``filters``.

        ``select``, ``group_by`` and ``order_by`` (default: ``group_by``) are SQL over the
        table's columns (the caller's own expressions, not user input), e.g.
        ``"unit, count(*) AS n"`` and ``"unit"``; ``GROUPING SETS`` answer several
        groupings in one scan.
        """
        sql = (f"SELECT {select} FROM {self.relation} WHERE {self.where(**filters)} "
               f"GROUP BY {group_by} ORDER BY {order_by or group_by}")
        return self._arrow(sql).to_pandas()

    def distinct(self, *columns: str) -> dict[str, list[Any]]:
        """The values of each of ``columns`` (lists: of their items) in the table, sorted.

        Plain columns are answered together, in one scan (GROUPING SETS).
        """
        unknown = [c for c in columns if c not in self.columns or c == PARTITION]
        if unknown:
            raise ParameterError(f"columns {', '.join(unknown)} are not in {self.path}")
        found: dict[str, set[Any]] = {column: set() for column in columns}
        plain = [c for c in columns if c not in LIST_COLUMNS]
        if plain:
            sets = ", ".join(f'("{c}")' for c in plain)
            select = ", ".join([*(f'"{c}"' for c in plain),
                                *(f'grouping("{c}") AS "g_{c}"' for c in plain)])
            table = self._arrow(f"SELECT {select} FROM {self.relation} "
                                f"GROUP BY GROUPING SETS ({sets})").to_pylist()
            for row in table:
                for column in plain:
                    if row[f"g_{column}"] == 0:  # the row of this column's grouping set
                        found[column].add(row[column])
        for column in columns:
            if column in LIST_COLUMNS:
                rows = self._arrow(f'SELECT DISTINCT unnest("{column}") AS v '
                                   f"FROM {self.relation}").column("v").to_pylist()
                found[column].update(rows)
        return {column: sorted(values, key=lambda v: (v is None, "" if v is None else v))
                for column, values in found.items()}

    def _scalar(self, sql: str) -> Any:
        return self._run(lambda: self.connection.execute(sql).fetchall()[0][0])

    def _arrow(self, sql: str) -> Any:
        return self._run(lambda: self.connection.sql(sql).to_arrow_table())

    def _run(self, query: Any) -> Any:
        import duckdb

        try:
            return query()
        except duckdb.Error as exc:
            raise self._error(exc) from None

    def _error(self, exc: Exception) -> FactsError:
        return FactsError(f"{self.path}: cannot read the {self.kind} "
                          f"({str(exc).splitlines()[0]}); {HINT}")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> FactsSource:
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.close()


def query_facts(
    kind: str = "claims",
    *,
    source: str | Path | None = None,
    articles: Sequence[str] | str | None = None,
    languages: Collection[str] | str | None = None,
    units: Collection[str] | str | None = None,
    actors: Collection[str | None] | str | None = None,
    locations: Collection[str | None] | str | None = None,
    claimants: Collection[str] | str | None = None,
    as_of: Any = None,
    date_from: Any = None,
    date_to: Any = None,
    sources: Collection[str] | str | None = None,
    columns: Sequence[str] | None = None,
    apply_overrides: bool = True,
    overrides_path: str | Path | None = None,
) -> pd.DataFrame:
    """The claims (or ``kind="events"``) of ``source`` that pass every filter, typed.

    Filters mean what they mean in :func:`analysis.explore.filters.filter_claims` and
    :func:`analysis.facts.known.known_by`: a facet (``languages``, ``units``, ``actors``,
    ``locations``, ``claimants``, ``sources``) takes a collection of accepted values (None
    or empty: no restriction; a string: one value; None inside ``actors``/``locations``
    selects missing cells; a claim passes ``claimants`` when any of its claimants is
    chosen); ``articles`` is a list of ids (empty: none); ``as_of`` keeps what was
    published by that day; ``date_from``/``date_to`` keep claims whose as-of interval (the
    publication day when the text gives none) meets the range (events: their date).
    ``sources`` selects ``extracted`` and/or ``reference`` claims by the ``source`` column;
    a table without that column holds extracted claims only.

    Claims get the analysts' overrides (``overrides_path``; default
    ``data/curated/overrides.csv`` of the corpus in use) unless ``apply_overrides`` is
    False, and always an ``overridden`` column. ``columns`` returns only those columns.
    ``.attrs["table_rows"]`` is the number of rows of the whole table, before any filter.
    Rows come in table order (``article_id``, then ``start``).
    """
    if kind == "events":
        given = {"units": units, "actors": actors, "claimants": claimants}
        used = [name for name in CLAIM_ONLY if given[name] is not None]
        if used:
            raise ParameterError(f"{', '.join(used)}: filters of claims, not of events")
    with FactsSource(kind, source, apply_overrides=apply_overrides,
                     overrides_path=overrides_path) as table:
        return table.frame(columns=columns, articles=articles, languages=languages,
                           units=units, actors=actors, locations=locations,
                           claimants=claimants, as_of=as_of, date_from=date_from,
                           date_to=date_to, sources=sources)
