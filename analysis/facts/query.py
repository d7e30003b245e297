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
  only the month partitions the filters can match and, within them, decodes the filter
  columns first (``benchmarks/scaling.py`` times one filter over ten million claims; see
  the README for the figure and where the time goes).

Overrides change values the filters look at (an analyst may correct ``actor``), so they are
applied before filtering: the overridden claims are fetched by id, corrected in pandas
(:func:`analysis.facts.overrides.apply_overrides`, which also finds stale overrides against
the whole table) and filtered by the same SQL as the others. ``.attrs`` carries
``overrides_in_effect`` and ``stale_overrides`` as from ``load_claims``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core import paths
from analysis.core.errors import FactsError, ParameterError
from analysis.core.params import check_date, check_date_range
from analysis.core.schema import UNITS, is_missing
from analysis.core.tables import COLUMNS, arrow_schema, coerce_types, parquet_frame
from analysis.facts.dataset import PART_FILE, PARTITION
from analysis.facts.overrides import apply_overrides as apply_overrides_to
from analysis.facts.overrides import load_overrides

KINDS: tuple[str, ...] = ("claims", "events")
# Filters that only claims have (events have actors as a list and no unit).
CLAIM_ONLY = ("units", "actors", "claimants")
SOURCES = ("extracted", "reference")
_HINT = "run `make facts` to regenerate it"


def _selection(name: str, values: Any) -> list[Any] | None:
    """None or empty -> None (no filter); a single string -> [string]."""
    if values is None:
        return None
    if isinstance(values, str):
        return [values]
    if not isinstance(values, Collection):
        raise ParameterError(f"{name} = {values!r} must be a list of values or None")
    return list(values) or None


def _sql_list(values: Sequence[Any]) -> str:
    return "[" + ", ".join(_literal(v) for v in values) + "]"


def _literal(value: Any) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _in(column: str, values: Sequence[Any]) -> str:
    """``column`` is one of ``values``; None among them also selects missing cells."""
    present = [v for v in values if not is_missing(v)]
    parts = [f'"{column}" IN ({", ".join(map(_literal, present))})'] if present else []
    if len(present) < len(values):
        parts.append(f'"{column}" IS NULL')
    return "(" + " OR ".join(parts or ["FALSE"]) + ")"


def _where(kind: str, columns: set[str], **filters: Any) -> str:
    """The SQL condition of the filters (see :func:`query_facts`)."""
    conditions = ["TRUE"]
    articles = filters["articles"]
    if articles is not None:
        if isinstance(articles, str):
            articles = [articles]
        conditions.append(_in("article_id", list(articles)) if articles else "FALSE")
    as_of = check_date("as_of", filters["as_of"])
    if as_of is not None:
        conditions.append(f"published <= DATE '{as_of.isoformat()}'")
        if PARTITION in columns:  # lets DuckDB skip whole months
            conditions.append(f"{PARTITION} <= '{as_of.year:04d}-{as_of.month:02d}'")
    units = _selection("units", filters["units"])
    if units is not None:
        unknown = [u for u in units if u not in UNITS]
        if unknown:
            raise ParameterError(
                f"unknown unit(s) {', '.join(map(repr, unknown))}; valid: {', '.join(UNITS)}"
            )
        conditions.append(_in("unit", units))
    for name, column in (("actors", "actor"), ("locations", "location"),
                         ("languages", "language")):
        values = _selection(name, filters[name])
        if values is not None:
            conditions.append(_in(column, values))
    claimants = _selection("claimants", filters["claimants"])
    if claimants is not None:
        conditions.append(f"list_has_any(claimants, {_sql_list(claimants)}::VARCHAR[])")
    sources = _selection("sources", filters["sources"])
    if sources is not None:
        unknown = [s for s in sources if s not in SOURCES]
        if unknown:
            raise ParameterError(f"unknown source(s) {', '.join(map(repr, unknown))}; "
                                 f"valid: {', '.join(SOURCES)}")
        # A table without the column holds extracted facts only.
        conditions.append(_in("source", sources) if "source" in columns
                          else ("TRUE" if "extracted" in sources else "FALSE"))
    first = check_date("date_from", filters["date_from"])
    last = check_date("date_to", filters["date_to"])
    check_date_range(first, last)
    if first is not None or last is not None:
        begin, finish = (("as_of_start", "as_of_end") if kind == "claims"
                         else ("date_start", "date_end"))
        start = f"coalesce({begin}, published)"
        end = f"coalesce({finish}, {start})"
        if first is not None:
            conditions.append(f"{end} >= DATE '{first.isoformat()}'")
        if last is not None:
            conditions.append(f"{start} <= DATE '{last.isoformat()}'")
    return " AND ".join(conditions)


def _csv_relation(path: Path, kind: str) -> str:
    """SQL reading a committed-format CSV with the table's types (lists parsed from JSON)."""
    from analysis.core.schema import TABLES

    sql_types = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN",
                 "date": "DATE", "list[str]": "VARCHAR"}
    types = ", ".join(f"{_literal(c.name)}: '{sql_types[c.type]}'" for c in TABLES[kind])
    lists = [c.name for c in TABLES[kind] if c.type == "list[str]"]
    replace = ", ".join(
        f"""coalesce(from_json("{c}", '["VARCHAR"]'), []::VARCHAR[]) AS "{c}\"""" for c in lists
    )
    reader = (f"read_csv({_literal(path)}, header = true, columns = {{{types}}}, "
              "quote = '\"', escape = '\"', auto_detect = false)")
    return f"(SELECT * REPLACE ({replace}) FROM {reader})" if lists else reader


def _source_relation(source: str | Path | None, kind: str) -> tuple[str, Path]:
    """SQL for the table and the path it reads (for messages)."""
    if source is None:
        path = paths.FACTS_DIR / f"{kind}.csv"
    else:
        path = Path(source)
    if path.is_dir():
        files = sorted((path / kind).glob(f"{PARTITION}=*/{PART_FILE}"))
        if not files:
            raise FactsError(f"{path}: no {kind} in this folder; build it with "
                             f"`python -m analysis facts build --out {path}`")
        pattern = path / kind / f"{PARTITION}=*" / PART_FILE
        return (f"read_parquet({_literal(pattern)}, hive_partitioning = true, "
                "union_by_name = true)"), path
    if not path.is_file():
        raise FactsError(f"facts file {path} does not exist; {_HINT}")
    _check_csv_header(path, kind)
    return _csv_relation(path, kind), path


def _check_csv_header(path: Path, kind: str) -> None:
    try:
        with path.open(encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split(",")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactsError(f"facts file {path} is unreadable ({exc}); {_HINT}") from None
    if header != list(COLUMNS[kind]):
        raise FactsError(
            f"facts file {path} does not have the {kind} columns (got {header!r:.80}); {_HINT}"
        )


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
    connection: Any, relation: str, stored: list[str], overrides: pd.DataFrame
) -> pd.DataFrame:
    """The claims named by overrides, with the overrides applied (attrs and warnings too).

    With no overrides this is an empty frame whose attrs are the empty side tables
    ``load_claims`` gives.
    """
    ids = sorted(set(overrides["claim_id"])) or [""]
    select = ", ".join(f'"{c}"' for c in stored)
    base = connection.sql(
        f"SELECT {select} FROM {relation} WHERE claim_id IN "
        f"(SELECT unnest({_sql_list(ids)}::VARCHAR[])) ORDER BY article_id, start"
    ).to_arrow_table()
    return apply_overrides_to(_typed(base, "claims"), overrides=overrides)


def _columns(connection: Any, relation: str) -> list[str]:
    return [c for c in connection.sql(f"SELECT * FROM {relation} LIMIT 0").columns]


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
    """
    import duckdb

    if kind not in KINDS:
        raise ParameterError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    if kind == "events":
        given = {"units": units, "actors": actors, "claimants": claimants}
        used = [name for name in CLAIM_ONLY if given[name] is not None]
        if used:
            raise ParameterError(f"{', '.join(used)}: filters of claims, not of events")
    relation, path = _source_relation(source, kind)
    connection = duckdb.connect()
    try:
        available = _columns(connection, relation)
        stored = [c for c in available if c != PARTITION]
        wanted = list(columns) if columns is not None else stored
        unknown = [c for c in wanted if c not in stored and c != "overridden"]
        if unknown:
            raise ParameterError(f"columns {', '.join(unknown)} are not in {path}")
        filters = dict(articles=articles, languages=languages, units=units, actors=actors,
                       locations=locations, claimants=claimants, as_of=as_of,
                       date_from=date_from, date_to=date_to, sources=sources)
        where = _where(kind, set(available), **filters)
        select = ", ".join(f'"{c}"' for c in wanted if c != "overridden")
        order = "ORDER BY article_id, start" if {"article_id", "start"} <= set(stored) else ""
        total = connection.execute(f"SELECT count(*) FROM {relation}").fetchall()[0][0]
        if kind == "events" or not apply_overrides:
            extra = ", []::VARCHAR[] AS overridden" if kind == "claims" else ""
            sql = f"SELECT {select}{extra} FROM {relation} WHERE {where} {order}"
            return _finish(_typed(connection.sql(sql).to_arrow_table(), kind), columns, total)
        table = load_overrides(overrides_path)
        # The claims the overrides name, corrected: also says which overrides are stale.
        overridden = _overridden_rows(connection, relation, stored, table)
        connection.register("overridden_claims",
                            _as_arrow(overridden, [*stored, "overridden"]))
        ids = _sql_list(sorted(set(overridden["claim_id"])) or [""])
        every = ", ".join(f'"{c}"' for c in stored)
        sql = (
            f"SELECT {select}, overridden FROM ("
            f"SELECT {every}, []::VARCHAR[] AS overridden FROM {relation} WHERE {where} "
            f"AND claim_id NOT IN (SELECT unnest({ids}::VARCHAR[])) UNION ALL "
            f"SELECT {every}, overridden FROM overridden_claims "
            f"WHERE {_where(kind, set(stored), **filters)}) {order}"
        )
        result = _typed(connection.sql(sql).to_arrow_table(), kind)
        result.attrs.update(overridden.attrs)
        return _finish(result, columns, total)
    except duckdb.Error as exc:
        raise FactsError(f"{path}: cannot read the {kind} ({str(exc).splitlines()[0]}); "
                         f"{_HINT}") from None
    finally:
        connection.close()


def _finish(result: pd.DataFrame, columns: Sequence[str] | None, total: int) -> pd.DataFrame:
    if columns is not None and "overridden" not in columns and "overridden" in result.columns:
        result = result.drop(columns="overridden")
    result.attrs["table_rows"] = int(total)
    return result
