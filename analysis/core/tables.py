"""The one table codec: typed frames and their CSV, JSON-lines and Parquet forms.

Every table the project writes or reads goes through here: the committed facts
(``data/facts/*.csv``), the ``extract``/``events`` command output, and the tables a report
run exports. It lives in ``core`` beside the schema that drives it, because the extraction
commands write these formats and may not import the later ``facts`` stage.

Formats (the committed-facts format):

- CSV: columns exactly :data:`~analysis.core.schema.CLAIM_COLUMNS` / ``EVENT_COLUMNS`` for a
  known ``kind`` (any columns for ``kind=None``), lists as JSON arrays, dates ISO
  ``YYYY-MM-DD``, booleans ``true``/``false``, whole numbers without ``.0``, missing empty,
  LF line endings.
- JSON lines: one object per row, the same cells, missing ``null``.
- Parquet: dates as ``date32`` (never timestamps), lists as lists of strings.

Typed frames (what readers return and extractors build): dates ``datetime64[ns]`` (NaT),
lists Python lists, bools ``bool``, numbers ``float64`` (NaN), offsets ``int64`` (``Int64`` where
a column can be missing), text
pandas strings.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core.atomic import atomic_path, atomic_write_text
from analysis.core.errors import FactsError
from analysis.core.schema import (
    BOOL_COLUMNS,
    CLAIM_COLUMNS,
    DATE_COLUMNS,
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    LIST_COLUMNS,
    TABLES,
    is_missing,
)

if TYPE_CHECKING:  # pandas is imported where frames are built or read: the extract
    import pandas as pd  # command writes CSV and JSON lines from row dicts without it

COLUMNS: dict[str, tuple[str, ...]] = {"claims": CLAIM_COLUMNS, "events": EVENT_COLUMNS}
FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet")
# Whole-number columns that can be missing: typed Int64 (<NA>) instead of int64.
NULLABLE_INT: frozenset[str] = frozenset(
    c.name for cols in TABLES.values() for c in cols if c.type == "int" and c.nullable
)
# Columns that hold dates in any table (claims, events and the frames derived from them).
ALL_DATE_COLUMNS: frozenset[str] = frozenset(c for cols in DATE_COLUMNS.values() for c in cols)


# --- cells -------------------------------------------------------------------------------


def cell_value(kind: str, column: str, value: Any) -> Any:
    """One cell as a JSON-compatible value: ISO date str, list, bool, int, float, str or None."""
    if column in LIST_COLUMNS[kind]:
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        return []
    if is_missing(value):
        return None
    if column in DATE_COLUMNS[kind]:
        if isinstance(value, dt.datetime):  # pandas Timestamps are datetimes
            value = value.date()
        return value.isoformat()
    if column in BOOL_COLUMNS[kind]:
        return bool(value)
    if column in INT_COLUMNS[kind]:
        return int(value)
    if column in FLOAT_COLUMNS[kind]:
        number = float(value)
        return int(number) if number.is_integer() else number
    return str(value)


def generic_cell_value(value: Any) -> Any:
    """A cell of a frame with any columns, in the same conventions as :func:`cell_value`."""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):  # pandas Timestamps are datetimes
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, int | str):
        return value
    return str(value)


def records(
    frame: pd.DataFrame | Sequence[dict[str, Any]], kind: str | None = "claims"
) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: exactly the table's columns for a known ``kind``.

    ``frame`` is a DataFrame or, for a known ``kind``, the row dicts an extractor built
    (so the ``extract`` command writes CSV and JSON lines without importing pandas).
    """
    if not hasattr(frame, "columns"):
        if kind is None:
            raise ValueError("row dicts need a table kind (claims or events)")
        columns = COLUMNS[kind]
        return [{c: cell_value(kind, c, row[c]) for c in columns} for row in frame]
    if kind is None:
        columns = [str(c) for c in frame.columns]
        return [
            {c: generic_cell_value(v) for c, v in zip(columns, row, strict=True)}
            for row in frame.astype(object).itertuples(index=False, name=None)
        ]
    columns = COLUMNS[kind]
    return [
        {c: cell_value(kind, c, v) for c, v in zip(columns, row, strict=True)}
        for row in frame.loc[:, list(columns)].itertuples(index=False, name=None)
    ]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


# --- text forms --------------------------------------------------------------------------


def to_csv_text(
    frame: pd.DataFrame | Sequence[dict[str, Any]], kind: str | None = "claims"
) -> str:
    """The table (a frame or row dicts) as CSV text in the committed format (LF endings)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = COLUMNS[kind] if kind is not None else [str(c) for c in frame.columns]
    writer.writerow(columns)
    for record in records(frame, kind):
        writer.writerow([_csv_cell(record[c]) for c in columns])
    return buffer.getvalue()


def to_jsonl_text(
    frame: pd.DataFrame | Sequence[dict[str, Any]], kind: str | None = "claims"
) -> str:
    """One JSON object per row, missing values null."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(frame, kind))


def parquet_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy ready for Parquet: date columns as ``datetime.date`` (pyarrow ``date32``)."""
    import pandas as pd

    typed = frame.copy()
    typed.attrs = {}  # Parquet would store attrs as JSON; loaded facts keep side tables there
    for column in typed.columns:
        series = typed[column]
        is_date_column = column in ALL_DATE_COLUMNS or (
            pd.api.types.is_datetime64_any_dtype(series)
            and bool((series.dropna() == series.dropna().dt.normalize()).all())
        )
        if is_date_column and (
            pd.api.types.is_datetime64_any_dtype(series) or series.dtype == object
        ):
            days = pd.to_datetime(series)
            typed[column] = pd.Series(
                [None if pd.isna(d) else d.date() for d in days], index=typed.index, dtype=object
            )
    return typed


def write_table(
    frame: pd.DataFrame | Sequence[dict[str, Any]],
    target: str | Path,
    output_format: str = "csv",
    kind: str | None = None,
) -> Path:
    """Write ``frame`` (or a known ``kind``'s row dicts) to ``target`` atomically as CSV,
    JSON lines or Parquet."""
    target = Path(target)
    if output_format == "parquet":
        if not hasattr(frame, "columns"):
            frame = typed_frame(frame, kind or "claims")
        with atomic_path(target, suffix=".parquet") as tmp:
            parquet_frame(frame).to_parquet(tmp, index=False)
        return target
    if output_format == "csv":
        return atomic_write_text(target, to_csv_text(frame, kind))
    if output_format == "jsonl":
        return atomic_write_text(target, to_jsonl_text(frame, kind))
    raise ValueError(f"unknown table format {output_format!r}; choose one of {FORMATS}")


# --- reading -----------------------------------------------------------------------------


def parse_cell(kind: str, column: str, text: str, where: str) -> Any:
    """A CSV cell back to its value; :class:`FactsError` names ``where`` on a bad cell."""
    if column in LIST_COLUMNS[kind]:
        if text == "":
            return []
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, list):
            raise FactsError(f"{where}: column {column!r} = {text!r} is not a JSON list")
        return value
    if text == "":
        return None
    try:
        if column in DATE_COLUMNS[kind]:
            return dt.date.fromisoformat(text)
        if column in BOOL_COLUMNS[kind]:
            if text not in ("true", "false"):
                raise ValueError(text)
            return text == "true"
        if column in INT_COLUMNS[kind]:
            return int(text)
        if column in FLOAT_COLUMNS[kind]:
            return float(text)
    except ValueError:
        raise FactsError(f"{where}: column {column!r} has a bad value {text!r}") from None
    return text


def typed_frame(rows: Sequence[dict[str, Any]], kind: str = "claims") -> pd.DataFrame:
    """Build the typed table from row dicts (dates as date/None, lists, bools, numbers)."""
    import pandas as pd

    columns = COLUMNS[kind]
    rows = list(rows)
    # Column-wise construction: several times faster than a list of dicts.
    frame = pd.DataFrame({c: [row[c] for row in rows] for c in columns}, columns=list(columns))
    return coerce_types(frame, kind)


def coerce_types(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Give the table's columns present in ``frame`` their typed-frame dtypes (in place).

    Dates datetime64[ns], numbers float64, offsets int64, bools bool, lists Python lists
    (arrays, tuples and missing cells become lists), text pandas strings. Other columns are
    left alone. Returns ``frame``.
    """
    import pandas as pd

    present = set(frame.columns)
    columns = [c for c in COLUMNS[kind] if c in present]
    for column in (c for c in DATE_COLUMNS[kind] if c in present):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in (c for c in FLOAT_COLUMNS[kind] if c in present):
        frame[column] = frame[column].astype("float64")
    for column in (c for c in INT_COLUMNS[kind] if c in present):
        # A column that can be missing (e.g. offsets of reference claims) is pandas' Int64.
        frame[column] = frame[column].astype("Int64" if column in NULLABLE_INT else "int64")
    for column in (c for c in BOOL_COLUMNS[kind] if c in present):
        frame[column] = frame[column].astype("bool")
    for column in (c for c in LIST_COLUMNS[kind] if c in present):
        frame[column] = pd.Series(
            [list(v) if isinstance(v, list | tuple) else v.tolist() if hasattr(v, "tolist")
             and not isinstance(v, str | float) else [] for v in frame[column]],
            index=frame.index, dtype="object",
        )
    # Text columns are always pandas' string dtype (missing = NaN), also when a column is
    # empty or all missing (which pandas would otherwise type as float or object).
    typed = {*DATE_COLUMNS[kind], *FLOAT_COLUMNS[kind], *INT_COLUMNS[kind],
             *BOOL_COLUMNS[kind], *LIST_COLUMNS[kind]}
    for column in columns:
        if column not in typed:
            frame[column] = frame[column].astype("str")
    return frame


def read_table_csv(path: str | Path, kind: str, hint: str = "run `make facts` to regenerate it"
                   ) -> pd.DataFrame:
    """Read a claims or events CSV into a typed frame; errors name the file and ``hint``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FactsError(f"facts file {path} does not exist; {hint}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FactsError(f"facts file {path} is unreadable ({exc}); {hint}") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    expected = list(COLUMNS[kind])
    if header != expected:
        raise FactsError(
            f"facts file {path} does not have the {kind} columns (got {header!r:.80}); {hint}"
        )
    rows = []
    for line_number, cells in enumerate(reader, start=2):
        where = f"{path}:{line_number}"
        if len(cells) != len(expected):
            raise FactsError(f"{where}: {len(cells)} cells, expected {len(expected)}; {hint}")
        try:
            rows.append(
                {c: parse_cell(kind, c, v, where) for c, v in zip(expected, cells, strict=True)}
            )
        except FactsError as exc:
            raise FactsError(f"{exc}; {hint}") from None
    return typed_frame(rows, kind)


# --- Arrow (the Parquet datasets of `facts build --out`) ----------------------------------

# Column type (analysis.core.schema.COLUMN_TYPES) -> Arrow type name; the Parquet form of the
# pandas writer above gives the same types (date32, list of strings).
ARROW_TYPES: dict[str, str] = {
    "str": "string", "int": "int64", "float": "float64", "bool": "bool", "date": "date32",
    "list[str]": "list<string>",
}


def arrow_schema(kind: str) -> Any:
    """The ``pyarrow.Schema`` of a claims or events table (columns in the schema's order)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_(), "date32": pa.date32(), "list<string>": pa.list_(pa.string())}
    from analysis.core.schema import TABLES

    return pa.schema([pa.field(c.name, types[ARROW_TYPES[c.type]], nullable=c.nullable)
                      for c in TABLES[kind]])


def arrow_table(rows: Sequence[dict[str, Any]], kind: str) -> Any:
    """Row dicts (as the extractors build them) as a ``pyarrow.Table`` of :func:`arrow_schema`.

    Cells are taken as the extractors make them (date objects, lists, numbers, None); pyarrow
    converts them to the schema's types and refuses anything else.
    """
    import pyarrow as pa

    schema = arrow_schema(kind)
    columns = {name: [row[name] for row in rows] for name in schema.names}
    for name in FLOAT_COLUMNS[kind]:  # pyarrow takes no Python int for float64 in strict mode
        columns[name] = [None if v is None else float(v) for v in columns[name]]
    return pa.Table.from_pydict(columns, schema=schema)
