"""SQL for :mod:`analysis.facts.query`: where the facts are, and the filters as a condition.

The filters mean what they mean in :func:`analysis.explore.filters.filter_claims` and
:func:`analysis.facts.known.known_by`; ``tests/unit/facts/test_query.py`` checks the two
agree on the reference corpus.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analysis.core import paths
from analysis.core.errors import FactsError, ParameterError
from analysis.core.params import check_date, check_date_range, check_selection
from analysis.core.schema import SOURCES, UNITS, is_missing
from analysis.core.tables import COLUMNS
from analysis.facts.layout import PART_GLOB, PARTITION

HINT = "run `make facts` to regenerate it"
# A search term is either a "quoted phrase" or a run of non-blank characters.
# What Python's str.split() splits on, as an RE2 class (DuckDB's regular expressions).
_BLANKS = r"[\s\v\pZ\x{1c}-\x{1f}\x{85}]+"
_SEARCH_TERM = re.compile(r'"([^"]*)"|(\S+)')


def search_terms(search: str) -> list[str]:
    """Split a search string into case-folded terms; ``"..."`` keeps a phrase together.

    >>> search_terms('Kursk "nordkoreanische Truppen"')
    ['kursk', 'nordkoreanische truppen']
    """
    terms = []
    for phrase, word in _SEARCH_TERM.findall(search or ""):
        term = " ".join((phrase or word).split()).casefold()
        if term:
            terms.append(term)
    return terms


def sql_list(values: Sequence[Any]) -> str:
    return "[" + ", ".join(literal(v) for v in values) + "]"


def literal(value: Any) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _in(column: str, values: Sequence[Any]) -> str:
    """``column`` (a name, or an expression with parentheses) is one of ``values``; None
    among them also selects missing cells."""
    present = [v for v in values if not is_missing(v)]
    term = column if "(" in column else f'"{column}"'
    parts = [f'{term} IN ({", ".join(map(literal, present))})'] if present else []
    if len(present) < len(values):
        parts.append(f'{term} IS NULL')
    return "(" + " OR ".join(parts or ["FALSE"]) + ")"


def where_sql(kind: str, columns: set[str], **filters: Any) -> str:
    """The SQL condition of the filters (see :func:`analysis.facts.query.query_facts`)."""
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
    units = check_selection("units", filters["units"])
    if units is not None:
        unknown = [u for u in units if u not in UNITS]
        if unknown:
            raise ParameterError(
                f"unknown unit(s) {', '.join(map(repr, unknown))}; valid: {', '.join(UNITS)}"
            )
        conditions.append(_in("unit", units))
    for name, column in (("actors", "actor"), ("locations", "location"),
                         ("languages", "language")):
        values = check_selection(name, filters[name])
        if values is not None:
            conditions.append(_in(column, values))
    claimants = check_selection("claimants", filters["claimants"])
    if claimants is not None:
        conditions.append(f"list_has_any(claimants, {sql_list(claimants)}::VARCHAR[])")
    sources = check_selection("sources", filters["sources"])
    if sources is not None:
        unknown = [s for s in sources if s not in SOURCES]
        if unknown:
            raise ParameterError(f"unknown source(s) {', '.join(map(repr, unknown))}; "
                                 f"valid: {', '.join(SOURCES)}")
        # A table without the column, or a row without a value (a partition written
        # before the column existed), holds extracted facts, as filter_claims reads them.
        conditions.append(_in("coalesce(source, 'extracted')", sources) if "source" in columns
                          else ("TRUE" if "extracted" in sources else "FALSE"))
    first = check_date("date_from", filters["date_from"])
    last = check_date("date_to", filters["date_to"])
    check_date_range(first, last)
    if first is not None or last is not None:
        begin, finish = (("as_of_start", "as_of_end") if kind == "claims"
                         else ("date_start", "date_end"))
        start = f"coalesce({begin}, published)"
        end = f"coalesce({finish}, {start})"
        # Each exact condition comes with one it implies on a single column (a stored end
        # is the end; a stored start is the start): DuckDB pushes those into the scan,
        # where row-group statistics skip whole groups; it cannot push a coalesce().
        if first is not None:
            conditions.append(f"{end} >= DATE '{first.isoformat()}'")
            conditions.append(f"({finish} >= DATE '{first.isoformat()}' OR {finish} IS NULL)")
        if last is not None:
            conditions.append(f"{start} <= DATE '{last.isoformat()}'")
            conditions.append(f"({begin} <= DATE '{last.isoformat()}' OR {begin} IS NULL)")
    terms = search_terms(filters.get("search") or "")
    if terms:
        # As filter_claims: every term in the quote or its sentence, whitespace collapsed,
        # case folded (lower() plus the one German fold, ß -> ss).
        # A term without blanks cannot span quote and sentence nor a run of blanks, so it
        # is looked for in each column alone, without the (costly) regular expression.
        text = ("replace(lower(regexp_replace(coalesce(quote, '') || ' ' || "
                f"coalesce(sentence, ''), '{_BLANKS}', ' ', 'g')), 'ß', 'ss')")
        for term in terms:
            if " " in term:
                conditions.append(f"contains({text}, {literal(term)})")
            else:
                conditions.append("(" + " OR ".join(
                    f"contains(replace(lower(coalesce({column}, '')), 'ß', 'ss'), "
                    f"{literal(term)})" for column in ("quote", "sentence")) + ")")
    return " AND ".join(conditions)


def csv_relation(path: Path, kind: str) -> str:
    """SQL reading a committed-format CSV with the table's types (lists parsed from JSON)."""
    from analysis.core.schema import TABLES

    sql_types = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN",
                 "date": "DATE", "list[str]": "VARCHAR"}
    types = ", ".join(f"{literal(c.name)}: '{sql_types[c.type]}'" for c in TABLES[kind])
    lists = [c.name for c in TABLES[kind] if c.type == "list[str]"]
    replace = ", ".join(
        f"""coalesce(from_json("{c}", '["VARCHAR"]'), []::VARCHAR[]) AS "{c}\"""" for c in lists
    )
    reader = (f"read_csv({literal(path)}, header = true, columns = {{{types}}}, "
              "quote = '\"', escape = '\"', auto_detect = false)")
    return f"(SELECT * REPLACE ({replace}) FROM {reader})" if lists else reader


def source_relation(source: str | Path | None, kind: str) -> tuple[str, Path]:
    """SQL for the table and the path it reads (for messages)."""
    if source is None:
        path = paths.FACTS_DIR / f"{kind}.csv"
    else:
        path = Path(source)
    if path.is_dir():
        files = sorted((path / kind).glob(f"{PARTITION}=*/{PART_GLOB}"))
        if not files:
            raise FactsError(f"{path}: no {kind} in this folder; build it with "
                             f"`python -m analysis facts build --out {path}`")
        pattern = path / kind / f"{PARTITION}=*" / PART_GLOB
        return (f"read_parquet({literal(pattern)}, hive_partitioning = true, "
                "union_by_name = true)"), path
    if not path.is_file():
        raise FactsError(f"facts file {path} does not exist; {HINT}")
    _check_csv_header(path, kind)
    return csv_relation(path, kind), path


def _check_csv_header(path: Path, kind: str) -> None:
    try:
        with path.open(encoding="utf-8") as handle:
            header = handle.readline().rstrip("\n").split(",")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactsError(f"facts file {path} is unreadable ({exc}); {HINT}") from None
    if header != list(COLUMNS[kind]):
        raise FactsError(
            f"facts file {path} does not have the {kind} columns (got {header!r:.80}); {HINT}"
        )
