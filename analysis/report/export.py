"""Export the facts a run uses into ``<run>/facts/``, and summarise them for the index.

Through the facts stage: :mod:`analysis.facts.query` loads (with curated overrides),
:mod:`analysis.facts.store` checks staleness, :mod:`analysis.facts.known` is the "known
by date X" filter and
:mod:`analysis.facts.consistency` finds contradictions; :mod:`analysis.geo.geocoding`
places claims on the map and :mod:`analysis.geo.geojson` writes them; and
:mod:`analysis.core.tables` is the one table writer (CSV cells as in the committed facts,
Parquet dates as ``date32``).

Written: ``claims`` and ``events`` (CSV + Parquet), ``claims_<side table>.csv`` (e.g. the
overrides in effect), ``claims.geojson``, ``claims_unmapped.csv``, ``contradictions.csv``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.errors import AnalysisError
from analysis.core.labels import format_claim
from analysis.core.tables import write_table
from analysis.corpus.catalog import load_corpus
from analysis.facts.consistency import find_contradictions
from analysis.facts.known import known_by
from analysis.facts.query import query_facts
from analysis.facts.store import stale_facts
from analysis.geo.geocoding import geocode_claims
from analysis.geo.geojson import export_geojson

MAX_LISTED_CONTRADICTIONS = 20  # index.html lists them; contradictions.csv has all


def write_frame(frame: pd.DataFrame, folder: Path, stem: str, *, parquet: bool = True) -> list[str]:
    """Write ``frame`` as ``stem.csv`` (and ``stem.parquet``) atomically; return file names.

    Extra columns (e.g. ``overridden``) are kept.
    """
    write_table(frame, folder / f"{stem}.csv", "csv")
    names = [f"{stem}.csv"]
    if parquet:
        write_table(frame, folder / f"{stem}.parquet", "parquet")
        names.append(f"{stem}.parquet")
    return names


def _claim_date(row: pd.Series) -> pd.Timestamp:
    for column in ("as_of_end", "as_of_start", "published"):
        value = row.get(column)
        if value is not None and not pd.isna(value):
            return pd.Timestamp(value)
    return pd.NaT


def newest_claim(claims: pd.DataFrame | None) -> dict[str, Any] | None:
    """The claim with the latest as-of date (publication date when it has none)."""
    if claims is None or len(claims) == 0:
        return None
    dated = claims.assign(_when=claims.apply(_claim_date, axis=1))
    dated = dated[dated["_when"].notna()]
    if dated.empty:
        return None
    dated = dated.sort_values(["_when", "article_id", "start"], kind="stable")
    row = dated.iloc[-1]
    return {
        "claim_id": str(row.get("claim_id")),
        "article_id": str(row.get("article_id")),
        "quote": str(row.get("quote")),
        "date": pd.Timestamp(row["_when"]).date().isoformat(),
        "label": format_claim(row),
    }


def _article_count(known: pd.DataFrame, as_of: str | None, warnings: list[str]) -> int:
    """Articles in the corpus published by ``as_of``; from the claims if the catalog fails."""
    cutoff = dt.date.fromisoformat(as_of) if as_of else None
    try:
        return sum(1 for a in load_corpus() if cutoff is None or a.published <= cutoff)
    except AnalysisError as exc:
        # the facts are what the report shows; an unreadable catalog only costs the count
        warnings.append(f"articles counted from the claims: {exc}")
        return int(known["article_id"].nunique()) if "article_id" in known else 0


def export_facts(
    facts_dir: Path, *, claims_path: str | None, as_of: str | None
) -> dict[str, Any]:
    """Write the facts this run uses into ``facts_dir``; return files, summary and warnings.

    Raises the stages' own :class:`AnalysisError` (e.g. ``FactsError`` naming
    ``make facts``, ``GeoError`` naming the missing geodata file) when inputs are unusable.
    """
    claims = query_facts(source=claims_path or None)
    events = query_facts("events")
    files = write_frame(claims, facts_dir, "claims") + write_frame(events, facts_dir, "events")
    for key, side_table in sorted(claims.attrs.items()):
        # e.g. the curated overrides in effect: part of what this run's facts are
        if isinstance(side_table, pd.DataFrame):
            files += write_frame(side_table, facts_dir, f"claims_{key}", parquet=False)

    mapped, unmapped = geocode_claims(claims)
    export_geojson(mapped, facts_dir / "claims.geojson")  # writes atomically itself
    files.append("claims.geojson")
    files += write_frame(unmapped, facts_dir, "claims_unmapped", parquet=False)

    known = known_by(claims, as_of)
    contradictions = find_contradictions(known)
    files += write_frame(contradictions, facts_dir, "contradictions", parquet=False)

    warnings: list[str] = []
    if not claims_path:  # a user's own claims file has no committed build to be stale against
        stale = stale_facts()
        if stale:
            warnings.append(
                f"committed facts are out of date for {len(stale)} item(s) "
                f"({', '.join(map(str, stale[:3]))}); run `make facts`"
            )
    articles = _article_count(known, as_of, warnings)
    mapped_known = mapped
    if "claim_id" in mapped.columns and "claim_id" in known.columns:
        mapped_known = mapped[mapped["claim_id"].isin(known["claim_id"])]
    summary = {
        "as_of": as_of,
        "articles": articles,
        "claims": int(len(known)),
        "claims_total": int(len(claims)),
        "events": int(len(events)),
        "mapped_claims": int(len(mapped_known)),
        "unmapped_claims": int(len(known) - len(mapped_known)),
        "newest_claim": newest_claim(known),
        "contradictions": int(len(contradictions)),
        "contradiction_reasons": [
            str(reason) for reason in contradictions.get("reason", pd.Series(dtype=object))
        ][:MAX_LISTED_CONTRADICTIONS],
        "contradiction_rules": {
            str(rule): int(count)
            for rule, count in (
                contradictions["rule"].value_counts().sort_index().items()
                if "rule" in contradictions.columns else []
            )
        },
    }
    return {"files": files, "summary": summary, "warnings": warnings}
