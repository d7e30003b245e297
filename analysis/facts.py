"""Stage 3, facts: the committed tables ``data/facts/claims.csv`` and ``data/facts/events.csv``.

They are generated from ``seeds/`` by ``make facts`` (``python -m analysis facts build``)
and never edited by hand: analysts correct values in ``data/curated/overrides.csv``,
applied by :func:`load_claims`. ``python -m analysis facts check`` (and a test) fail when a
committed file differs from a fresh build.

CSV format: columns exactly :data:`analysis.schema.CLAIM_COLUMNS` / ``EVENT_COLUMNS``,
rows sorted by ``article_id`` then ``start``; lists as JSON arrays, dates ISO
``YYYY-MM-DD``, booleans ``true``/``false``, whole numbers without ``.0``, missing as empty.
Loaded frames are typed: dates datetime64 (NaT), lists Python lists, bools bool, numbers
float (NaN), offsets int.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import paths
from analysis.atomic import atomic_write_text
from analysis.errors import FactsError
from analysis.schema import (
    BOOL_COLUMNS,
    CLAIM_COLUMNS,
    DATE_COLUMNS,
    EVENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    LIST_COLUMNS,
    is_missing,
)

COLUMNS = {"claims": CLAIM_COLUMNS, "events": EVENT_COLUMNS}


def claims_path() -> Path:
    return paths.FACTS_DIR / "claims.csv"


def events_path() -> Path:
    return paths.FACTS_DIR / "events.csv"


# --- serialisation -----------------------------------------------------------------------


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def cell_value(kind: str, column: str, value: Any) -> Any:
    """One cell as a JSON-compatible value: ISO date str, list, bool, int, float, str or None."""
    if column in LIST_COLUMNS[kind]:
        if is_missing(value) if not isinstance(value, list | tuple) else False:
            return []
        return [str(item) for item in value]
    if is_missing(value):
        return None
    if column in DATE_COLUMNS[kind]:
        if isinstance(value, pd.Timestamp | dt.datetime):
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


def records(frame: pd.DataFrame, kind: str = "claims") -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts with exactly the table's columns (see :func:`cell_value`)."""
    columns = COLUMNS[kind]
    out = []
    for row in frame.loc[:, list(columns)].itertuples(index=False, name=None):
        out.append({c: cell_value(kind, c, v) for c, v in zip(columns, row, strict=True)})
    return out


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return _number(value)
    return str(value)


def to_csv_text(frame: pd.DataFrame, kind: str = "claims") -> str:
    """The table as CSV text in the committed format (LF line endings)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    columns = COLUMNS[kind]
    writer.writerow(columns)
    for record in records(frame, kind):
        writer.writerow([_csv_cell(record[c]) for c in columns])
    return buffer.getvalue()


def to_jsonl_text(frame: pd.DataFrame, kind: str = "claims") -> str:
    """One JSON object per row, exactly the table's columns, missing values null."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(frame, kind))


# --- parsing -----------------------------------------------------------------------------


def _parse_cell(kind: str, column: str, text: str, where: str) -> Any:
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
    columns = COLUMNS[kind]
    rows = list(rows)
    # Column-wise construction: several times faster than a list of dicts.
    frame = pd.DataFrame({c: [row[c] for row in rows] for c in columns}, columns=list(columns))
    for column in DATE_COLUMNS[kind]:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in FLOAT_COLUMNS[kind]:
        frame[column] = frame[column].astype("float64")
    for column in INT_COLUMNS[kind]:
        frame[column] = frame[column].astype("int64")
    for column in BOOL_COLUMNS[kind]:
        frame[column] = frame[column].astype("bool")
    for column in LIST_COLUMNS[kind]:
        frame[column] = pd.Series(
            [list(v) if isinstance(v, list | tuple) else [] for v in frame[column]],
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


def read_facts_csv(path: str | Path, kind: str) -> pd.DataFrame:
    """Read a facts CSV into a typed frame; FactsError names the file and says what to do."""
    path = Path(path)
    hint = "run `make facts` to regenerate it"
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
            f"facts file {path} does not have the {kind} columns "
            f"(got {header!r:.80}); {hint}"
        )
    rows = []
    for line_number, cells in enumerate(reader, start=2):
        where = f"{path}:{line_number}"
        if len(cells) != len(expected):
            raise FactsError(f"{where}: {len(cells)} cells, expected {len(expected)}; {hint}")
        try:
            rows.append(
                {c: _parse_cell(kind, c, v, where) for c, v in zip(expected, cells, strict=True)}
            )
        except FactsError as exc:
            raise FactsError(f"{exc}; {hint}") from None
    return typed_frame(rows, kind)


# --- build / check / load ----------------------------------------------------------------


def _events_module() -> Any | None:
    try:
        from analysis import events
    except ImportError:
        return None
    return events


def build_tables(articles: Iterable[Any] | None = None) -> dict[str, pd.DataFrame]:
    """Fresh claims (and events, if :mod:`analysis.events` exists) from the corpus, in memory."""
    from analysis.claims import extract_corpus_claims
    from analysis.corpus import load_corpus

    articles = sorted(load_corpus() if articles is None else articles, key=lambda a: a.id)
    tables = {"claims": extract_corpus_claims(articles)}
    events = _events_module()
    if events is not None:
        frames = [events.extract_events(article) for article in articles]
        frames = [f for f in frames if len(f)]
        table = (
            pd.concat(frames, ignore_index=True) if frames
            else pd.DataFrame(columns=list(EVENT_COLUMNS))
        )
        rows = records(table, "events") if len(table) else []
        rows.sort(key=lambda r: (r["article_id"], r["start"]))
        tables["events"] = typed_frame(
            [_from_record("events", r) for r in rows], "events"
        )
    return tables


def _from_record(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    out = dict(record)
    for column in DATE_COLUMNS[kind]:
        if out[column] is not None:
            out[column] = dt.date.fromisoformat(out[column])
    return out


def _targets() -> dict[str, Path]:
    return {"claims": claims_path(), "events": events_path()}


def build_facts(articles: Iterable[Any] | None = None) -> list[Path]:
    """Rewrite data/facts/claims.csv (and events.csv) from seeds/; return the files written."""
    written = []
    for kind, table in build_tables(articles).items():
        target = _targets()[kind]
        atomic_write_text(target, to_csv_text(table, kind))
        written.append(target)
    return written


def stale_facts(articles: Iterable[Any] | None = None) -> list[str]:
    """Committed facts files that differ from a fresh build (or are missing), as paths."""
    stale = []
    for kind, table in build_tables(articles).items():
        target = _targets()[kind]
        fresh = to_csv_text(table, kind)
        try:
            current = target.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            current = None
        if current != fresh:
            stale.append(str(target))
    return stale


def load_claims(path: str | Path | None = None, *, apply_overrides: bool = True) -> pd.DataFrame:
    """The claims table, typed; with ``apply_overrides`` the analysts' overrides are applied.

    The result always has an ``overridden`` column (list of field names changed per row).
    """
    frame = read_facts_csv(path or claims_path(), "claims")
    if apply_overrides:
        try:
            from analysis.overrides import apply_overrides as apply
        except ImportError:
            apply = None
        if apply is not None:
            return apply(frame)
    frame["overridden"] = pd.Series([[] for _ in range(len(frame))], index=frame.index,
                                    dtype="object")
    return frame


def load_events(path: str | Path | None = None) -> pd.DataFrame:
    """The events table, typed."""
    return read_facts_csv(path or events_path(), "events")
