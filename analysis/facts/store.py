"""Stage 3, facts: the committed tables ``data/facts/claims.csv`` and ``data/facts/events.csv``.

They are generated from ``seeds/`` by ``make facts`` (``python -m analysis facts build``)
and never edited by hand: analysts correct values in ``data/curated/overrides.csv``,
applied by :func:`load_claims`. ``python -m analysis facts check`` (and a test) fail when a
committed file differs from a fresh build.

CSV format: columns exactly :data:`analysis.core.schema.CLAIM_COLUMNS` / ``EVENT_COLUMNS``,
rows sorted by ``article_id`` then ``start``; lists as JSON arrays, dates ISO
``YYYY-MM-DD``, booleans ``true``/``false``, whole numbers without ``.0``, missing as empty.
Loaded frames are typed: dates datetime64 (NaT), lists Python lists, bools bool, numbers
float (NaN), offsets int.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core import paths
from analysis.core.atomic import atomic_write_text
from analysis.core.schema import DATE_COLUMNS
from analysis.core.tables import read_table_csv, to_csv_text
from analysis.corpus.catalog import Article, load_corpus
from analysis.extract.claims import extract_corpus_claims
from analysis.extract.events import extract_corpus_events
from analysis.facts.overrides import apply_overrides as apply_overrides_to


def claims_path() -> Path:
    return paths.FACTS_DIR / "claims.csv"


def events_path() -> Path:
    return paths.FACTS_DIR / "events.csv"


# --- build / check / load ----------------------------------------------------------------


def build_tables(articles: Iterable[Article] | None = None) -> dict[str, pd.DataFrame]:
    """Fresh claims and events from the corpus (default: the catalog), in memory."""
    articles = sorted(load_corpus() if articles is None else articles, key=lambda a: a.id)
    return {
        "claims": extract_corpus_claims(articles),
        "events": extract_corpus_events(articles),
    }


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
    frame = read_table_csv(path or claims_path(), "claims")
    if apply_overrides:
        return apply_overrides_to(frame)
    frame["overridden"] = pd.Series([[] for _ in range(len(frame))], index=frame.index,
                                    dtype="object")
    return frame


def load_events(path: str | Path | None = None) -> pd.DataFrame:
    """The events table, typed."""
    return read_table_csv(path or events_path(), "events")
