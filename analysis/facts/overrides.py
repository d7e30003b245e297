"""Analyst overrides: corrections to machine-extracted claims, kept apart from generated facts.

Analysts never edit ``data/facts/claims.csv`` (it is regenerated from ``seeds/``). They add
a row to ``data/curated/overrides.csv`` instead::

    claim_id,field,value,reason,reviewer,date
    000_01afb6bfc0e7695c:1234,actor,RUS,"the 50,000 are Russian soldiers ...",jdoe,2024-11-20

:func:`apply_overrides` replaces the value when facts are loaded, records in an
``overridden`` column which fields of each claim came from an override, and reports
overrides whose claim no longer exists (*stale*: the text or the extractor changed the
claim's offsets) in ``.attrs["stale_overrides"]`` and with a warning, never silently.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.errors import FactsError
from analysis.core.paths import CURATED_DIR
from analysis.core.schema import CLAIM_COLUMNS, Column, column

OVERRIDES_PATH: Path = CURATED_DIR / "overrides.csv"
OVERRIDE_COLUMNS: tuple[str, ...] = ("claim_id", "field", "value", "reason", "reviewer", "date")

# Provenance is what makes a claim traceable; an analyst corrects the interpretation,
# never where the claim was found or when the article appeared.
PROTECTED_FIELDS: frozenset[str] = frozenset(
    {"claim_id", "source", "article_id", "sentence_index", "sentence", "start", "end", "quote",
     "published", "language", "outlet", "url"}
)
OVERRIDABLE_FIELDS: tuple[str, ...] = tuple(c for c in CLAIM_COLUMNS if c not in PROTECTED_FIELDS)

# Analysts write booleans in either language of the corpus.
_TRUE = {"true", "yes", "1", "ja", "wahr"}
_FALSE = {"false", "no", "0", "nein", "falsch"}


class StaleOverrideWarning(UserWarning):
    """An override names a claim that is not in the loaded facts."""


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        isinstance(value, str) and value.strip() == ""
    )


def _parse_float(text: str) -> float:
    number = float(text.replace("_", ""))
    if math.isnan(number):
        raise ValueError("NaN is not a value; leave the cell empty for 'no value'")
    if math.isinf(number):
        raise ValueError("an infinite number is not a count; write the figure or leave it empty")
    return number


def _parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


def _parse_list(text: str) -> list[str]:
    text = text.strip()
    if text.startswith("["):
        items = json.loads(text)
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise ValueError("a JSON list of strings is expected, e.g. [\"USA\", \"KOR\"]")
        return [i.strip() for i in items if i.strip()]
    return [part.strip() for part in text.split(";") if part.strip()]


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError("write true or false")


# How the text of an override becomes a value, by the column's type in the schema.
_PARSERS: dict[str, Callable[[str], Any]] = {
    "str": str.strip,
    "int": lambda text: int(text.strip().replace("_", "")),
    "float": _parse_float,
    "bool": _parse_bool,
    "date": _parse_date,
    "list[str]": _parse_list,
}


# Every number of a claim counts something (people, shells, containers): never below zero.
COUNT_FIELDS: frozenset[str] = frozenset({"value", "lower", "upper"})
# Pairs that must stay ordered on a claim once its overrides are applied: (first, second).
ORDERED_PAIRS: tuple[tuple[str, str], ...] = (("lower", "upper"), ("as_of_start", "as_of_end"))


def _checked(spec: Column, value: Any) -> Any:
    """``value`` if it (each item of a list) is allowed by the column's vocabulary or form."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            spec.check(item)
    if spec.name in COUNT_FIELDS and value is not None and value < 0:
        raise ValueError("a count cannot be negative")
    return value


def parse_override_value(field: str, text: Any) -> Any:
    """Turn the CSV text of an override into the typed value for ``field``.

    The claims column's type, allowed values and form (:mod:`analysis.core.schema`) decide
    what fits. Empty text means "no value" (None) for nullable fields and the empty list for
    lists. Raises ``ValueError`` with a short explanation when the text does not fit.
    """
    if field not in OVERRIDABLE_FIELDS:
        raise ValueError(f"field {field!r} cannot be overridden")
    spec = column("claims", field)
    if _empty(text):
        if spec.type == "list[str]":
            return []
        if not spec.nullable:
            raise ValueError(f"{field} cannot be empty")
        return None
    return _checked(spec, _PARSERS[spec.type](str(text)))


def load_overrides(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the overrides file; one row per override, with a typed ``parsed`` column.

    ``path=None`` reads ``data/curated/overrides.csv`` (missing file: no overrides). Any
    problem — missing column, unknown field, a value of the wrong type, an empty reason or
    reviewer, a bad date, two overrides of the same field of one claim, an infinite or
    negative count, ``lower`` above ``upper`` or ``as_of_start`` after ``as_of_end`` — raises
    :class:`~analysis.core.errors.FactsError` naming the file and row (:func:`apply_overrides`
    also refuses an override that reverses such a pair together with the claim's own value).
    """
    explicit = path is not None
    path = Path(path) if explicit else OVERRIDES_PATH
    columns = [*OVERRIDE_COLUMNS, "parsed", "where"]
    if not path.is_file():
        if explicit:
            raise FactsError(f"{path}: overrides file not found; check the path")
        return pd.DataFrame(columns=columns)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise FactsError(
            f"{path}: cannot read overrides as UTF-8 CSV ({exc}); fix the file"
        ) from exc
    missing = [c for c in OVERRIDE_COLUMNS if c not in raw.columns]
    if missing:
        raise FactsError(
            f"{path}: missing column(s) {', '.join(missing)}; "
            f"the header must be {','.join(OVERRIDE_COLUMNS)}"
        )
    rows: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for index, record in enumerate(raw.to_dict("records")):
        line = index + 2  # header is line 1
        where = f"{path} line {line}"
        record = {k: str(record[k]).strip() for k in OVERRIDE_COLUMNS}
        if not record["claim_id"]:
            raise FactsError(f"{where}: claim_id is empty; copy it from data/facts/claims.csv")
        field = record["field"]
        if field not in OVERRIDABLE_FIELDS:
            hint = "it is provenance" if field in PROTECTED_FIELDS else "unknown field"
            raise FactsError(
                f"{where}: field {field!r} cannot be overridden ({hint}); "
                f"use one of {', '.join(OVERRIDABLE_FIELDS)}"
            )
        for required in ("reason", "reviewer"):
            if not record[required]:
                raise FactsError(f"{where}: {required} is empty; say why/who for every override")
        try:
            _parse_date(record["date"])
        except ValueError:
            raise FactsError(
                f"{where}: date {record['date']!r} is not an ISO date (YYYY-MM-DD)"
            ) from None
        try:
            parsed = parse_override_value(field, record["value"])
        except (ValueError, json.JSONDecodeError) as exc:
            raise FactsError(
                f"{where}: value {record['value']!r} does not fit field {field!r}: {exc}"
            ) from None
        key = (record["claim_id"], field)
        if key in seen:
            raise FactsError(
                f"{where}: claim {key[0]} field {field!r} is already overridden on line "
                f"{seen[key]}; keep one row per claim and field"
            )
        seen[key] = line
        rows.append({**record, "parsed": parsed, "where": where})
    _check_ordered_pairs(rows)
    return pd.DataFrame(rows, columns=columns)


def _check_ordered_pairs(rows: list[dict[str, Any]]) -> None:
    """Overrides of both ends of a pair (lower/upper, as_of_start/as_of_end) of one claim
    must not put them in the wrong order."""
    by_key = {(row["claim_id"], row["field"]): row for row in rows}
    for first, second in ORDERED_PAIRS:
        for (claim_id, field), row in by_key.items():
            other = by_key.get((claim_id, second)) if field == first else None
            if other is None or row["parsed"] is None or other["parsed"] is None:
                continue
            if row["parsed"] > other["parsed"]:
                raise FactsError(
                    f"{other['where']}: claim {claim_id} {second} {other['value']} is before "
                    f"{first} {row['value']} ({row['where']}); swap or correct them"
                )


def _check_overridden_claim(result: pd.DataFrame, row: int, lines: dict[str, str]) -> None:
    """A claim with overridden fields must still have lower <= upper and start <= end;
    ``lines`` maps each overridden field of that row to its override's file and line."""
    for first, second in ORDERED_PAIRS:
        if first not in lines and second not in lines:
            continue
        if first not in result.columns or second not in result.columns:
            continue
        low, high = result[first].iloc[row], result[second].iloc[row]
        if _empty(low) or _empty(high) or low is pd.NaT or high is pd.NaT:
            continue
        if low > high:
            where = lines.get(second) or lines[first]
            claim_id = result["claim_id"].iloc[row]
            raise FactsError(
                f"{where}: with this override claim {claim_id} has {first} {_text(low)} "
                f"after {second} {_text(high)}; correct the override (or override both)"
            )


def _typed_for_column(series: pd.Series, value: Any) -> Any:
    """Match the representation the loaded frame uses (Timestamp in datetime columns, NaN)."""
    if isinstance(value, dt.date) and pd.api.types.is_datetime64_any_dtype(series.dtype):
        return pd.Timestamp(value)
    if value is None:
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            return pd.NaT
        if pd.api.types.is_float_dtype(series.dtype):
            return float("nan")
    return value


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, list) or isinstance(new, list):
        return list(old) == list(new) if isinstance(old, list) and isinstance(new, list) else False
    if _empty(old) or old is pd.NaT:
        return _empty(new) or new is pd.NaT
    try:
        return bool(old == new)
    except (TypeError, ValueError):
        return False


def apply_overrides(
    claims: pd.DataFrame, path: str | Path | None = None, *, overrides: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return a copy of ``claims`` with the analysts' overrides applied.

    Adds ``overridden`` (list of field names changed per row). ``.attrs`` gets
    ``"overrides_in_effect"`` (claim_id, field, old_value, new_value, reason, reviewer, date)
    and ``"stale_overrides"`` (overrides whose claim_id is not in ``claims``); stale ones
    also raise a :class:`StaleOverrideWarning`. ``overrides`` may be given pre-loaded.
    """
    table = load_overrides(path) if overrides is None else overrides
    result = claims.copy()
    overridden: list[list[str]] = [[] for _ in range(len(result))]
    position = {claim_id: i for i, claim_id in enumerate(result["claim_id"].tolist())}
    in_effect: list[dict[str, Any]] = []
    stale: list[dict[str, Any]] = []
    override_lines: dict[int, dict[str, str]] = {}
    for record in table.to_dict("records"):
        row = position.get(record["claim_id"])
        if row is None:
            stale.append({k: record[k] for k in OVERRIDE_COLUMNS})
            continue
        field = record["field"]
        column = result[field]
        new_value = _typed_for_column(column, record["parsed"])
        old_value = column.iloc[row]
        if isinstance(new_value, list) and column.dtype != object:
            result[field] = column.astype(object)
        result.iat[row, result.columns.get_loc(field)] = new_value
        override_lines.setdefault(row, {})[field] = str(record.get("where") or record["claim_id"])
        if not _same(old_value, new_value):
            overridden[row].append(field)
        in_effect.append(
            {"claim_id": record["claim_id"], "field": field, "old_value": old_value,
             "new_value": new_value, "reason": record["reason"], "reviewer": record["reviewer"],
             "date": record["date"]}
        )
    for row, lines in override_lines.items():
        _check_overridden_claim(result, row, lines)
    result["overridden"] = pd.Series(overridden, index=result.index, dtype=object)
    result.attrs["overrides_in_effect"] = pd.DataFrame(
        in_effect,
        columns=["claim_id", "field", "old_value", "new_value", "reason", "reviewer", "date"],
    )
    result.attrs["stale_overrides"] = pd.DataFrame(stale, columns=list(OVERRIDE_COLUMNS))
    if stale:
        ids = ", ".join(f"{s['claim_id']} ({s['field']})" for s in stale)
        warnings.warn(
            f"{len(stale)} override(s) name claims that no longer exist: {ids}; "
            "update or remove them in data/curated/overrides.csv",
            StaleOverrideWarning,
            stacklevel=2,
        )
    return result


def _text(value: Any) -> str:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def overrides_in_effect_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The overrides applied to ``claims`` (from :func:`apply_overrides`) as readable text.

    Columns: claim_id, field, machine (the extracted value), analyst (the override),
    changed (False when the analyst confirmed the machine's value), reason, reviewer, date.
    Only overrides of claims still in ``claims`` are listed (a filtered frame keeps its
    attrs, so the list is cut to its rows).
    """
    columns = ["claim_id", "field", "machine", "analyst", "changed", "reason", "reviewer",
               "date"]
    in_effect = claims.attrs.get("overrides_in_effect")
    if in_effect is None or in_effect.empty:
        return pd.DataFrame(columns=columns)
    present = in_effect[in_effect["claim_id"].isin(set(claims["claim_id"]))]
    rows = [
        {"claim_id": r["claim_id"], "field": r["field"], "machine": _text(r["old_value"]),
         "analyst": _text(r["new_value"]), "changed": not _same(r["old_value"], r["new_value"]),
         "reason": r["reason"], "reviewer": r["reviewer"], "date": r["date"]}
        for r in present.to_dict("records")
    ]
    return pd.DataFrame(rows, columns=columns)


def stale_overrides_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Overrides whose claim no longer exists (empty frame when there are none)."""
    stale = claims.attrs.get("stale_overrides")
    if stale is None:
        return pd.DataFrame(columns=list(OVERRIDE_COLUMNS))
    return stale.reset_index(drop=True)
