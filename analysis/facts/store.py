"""The committed facts: ``data/facts/claims.csv`` and ``events.csv``, built, checked, loaded.

They are generated from ``seeds/`` by ``make facts`` (``python -m analysis facts build``,
which also writes the data dictionary ``data/facts/README.md``) and never edited by hand:
analysts correct values in ``data/curated/overrides.csv``, applied by :func:`load_claims`.
``python -m analysis facts check`` fails when a committed file differs from a fresh build.
Which corpus (seeds, facts, overrides) is used is decided by :mod:`analysis.core.paths`.

The file format is the one codec's (:mod:`analysis.core.tables`); loaded frames are typed:
dates datetime64 (NaT), lists Python lists, bools bool, numbers float (NaN), offsets int.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.atomic import atomic_write_text
from analysis.core.tables import read_table_csv, to_csv_text
from analysis.corpus.catalog import Article, load_corpus
from analysis.extract.claims import extract_corpus_claims
from analysis.extract.events import extract_corpus_events
from analysis.facts.dictionary import dictionary_text
from analysis.facts.overrides import apply_overrides as apply_overrides_to
from analysis.lexicon.reader import supported_languages


def claims_path() -> Path:
    return paths.FACTS_DIR / "claims.csv"


def events_path() -> Path:
    return paths.FACTS_DIR / "events.csv"


def dictionary_path() -> Path:
    return paths.FACTS_DICTIONARY_PATH


# --- build and staleness -----------------------------------------------------------------


def build_tables(articles: Iterable[Article] | None = None) -> dict[str, pd.DataFrame]:
    """Fresh claims and events from the corpus (default: the catalog), in memory.

    Articles in a language without a lexicon stay in the corpus (``corpus check`` lists
    them) but yield no claims or events.
    """
    articles = sorted(load_corpus() if articles is None else articles, key=lambda a: a.id)
    articles = [a for a in articles if a.language in supported_languages()]
    return {
        "claims": extract_corpus_claims(articles),
        "events": extract_corpus_events(articles),
    }


def _fresh_files(articles: Iterable[Article] | None) -> dict[Path, str]:
    """Every file ``facts build`` writes, with the text it writes."""
    tables = build_tables(articles)
    return {
        claims_path(): to_csv_text(tables["claims"], "claims"),
        events_path(): to_csv_text(tables["events"], "events"),
        dictionary_path(): dictionary_text(),
    }


def build_facts(articles: Iterable[Article] | None = None) -> list[Path]:
    """Rewrite the facts tables (and the data dictionary) from the corpus; return the files.

    Each file is written atomically, so a failure leaves the previous one in place.
    """
    return [atomic_write_text(path, text) for path, text in _fresh_files(articles).items()]


def stale_facts(articles: Iterable[Article] | None = None) -> list[str]:
    """Files ``facts build`` would change (missing or different), as paths."""
    stale = []
    for path, fresh in _fresh_files(articles).items():
        try:
            current = path.read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            current = None
        if current != fresh:
            stale.append(str(path))
    return stale


# --- loading -----------------------------------------------------------------------------


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
