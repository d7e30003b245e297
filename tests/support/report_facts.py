"""The facts as the report's export sees them, without the user's corpus or facts.

:class:`FakeFacts` stands in for the loaders :mod:`analysis.report.export` imports (claims,
events, staleness, the catalog): two typed claims of the seed with a location conflict, one
event, the overrides side table the real loader attaches, one catalogued article, facts up
to date. Geocoding, contradictions and the table writer stay real.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.core.schema import CLAIM_COLUMNS, EVENT_COLUMNS
from analysis.corpus.catalog import Article
from analysis.report import export

SEED_ID = "000_01afb6bfc0e7695c"


def claims_frame() -> pd.DataFrame:
    """Two typed claims (as analysis.facts.store.load_claims returns them), from the seed."""
    base = {
        "article_id": "000_01afb6bfc0e7695c", "sentence_index": 3, "sentence": "s",
        "sentence_start": 0,
        "approx": False, "vague": False, "counted_text": "Truppen", "actor": "PRK",
        "claimant_text": None, "since": pd.NaT, "planned": False, "increment": False,
        "published": pd.Timestamp("2024-11-12"), "language": "de",
    }
    rows = [
        {**base, "claim_id": "000_01afb6bfc0e7695c:400", "start": 400, "end": 430,
         "quote": "10.000 nordkoreanische Truppen", "value": 10000.0, "lower": 10000.0,
         "upper": 10000.0, "qualifier": None, "unit": "troops", "location": "RU-KRS",
         "location_text": "Kursk", "claimants": ["USA"], "as_of_start": pd.Timestamp("2024-11-04"),
         "as_of_end": pd.Timestamp("2024-11-10"), "as_of_text": "Letzte Woche", "flags": []},
        {**base, "claim_id": "000_01afb6bfc0e7695c:900", "start": 900, "end": 938,
         "quote": "bis zu 12.000 nordkoreanische Truppen", "value": 12000.0, "lower": None,
         "upper": 12000.0, "qualifier": "up_to", "unit": "troops", "location": "UKR",
         "location_text": "in der Ukraine", "claimants": ["USA", "KOR", "UKR"],
         "as_of_start": pd.Timestamp("2024-11-12"), "as_of_end": pd.Timestamp("2024-11-12"),
         "as_of_text": "derzeit", "flags": ["location_conflict"]},
    ]
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    for column in ("value", "lower", "upper"):
        frame[column] = frame[column].astype(float)
    return frame


def events_frame() -> pd.DataFrame:
    row = {
        "event_id": "000_01afb6bfc0e7695c:10", "article_id": "000_01afb6bfc0e7695c",
        "sentence_index": 0, "sentence": "s", "start": 10, "end": 30, "quote": "ratifiziert",
        "event_type": "treaty_ratified", "actors": ["PRK"], "location": None,
        "date_start": pd.Timestamp("2024-11-12"), "date_end": pd.Timestamp("2024-11-12"),
        "date_text": "am Dienstag", "published": pd.Timestamp("2024-11-12"), "language": "de",
        "flags": [],
    }
    return pd.DataFrame([row], columns=list(EVENT_COLUMNS))


class FakeFacts:
    """Loaders with the frames above; set ``stale`` or ``claims_error`` to change them."""

    def __init__(self) -> None:
        self.stale: list[str] = []
        self.claims_error: Exception | None = None
        self.corpus_error: Exception | None = None
        self.claims_paths: list[str | None] = []

    def load_claims(self, path: str | None = None, **kwargs) -> pd.DataFrame:
        self.claims_paths.append(path)
        if self.claims_error is not None:
            raise self.claims_error
        claims = claims_frame()
        # like the real loader, which keeps the applied overrides as a side table
        claims.attrs["overrides"] = pd.DataFrame({"claim_id": [claims.loc[0, "claim_id"]]})
        return claims

    def load_events(self, path: str | None = None) -> pd.DataFrame:
        return events_frame()

    def query_facts(self, kind: str = "claims", *, source: str | None = None,
                    **filters) -> pd.DataFrame:
        """Like analysis.facts.query.query_facts, which the export reads through."""
        assert not filters, "the export reads whole tables"
        return self.load_claims(source) if kind == "claims" else self.load_events(source)

    def stale_facts(self) -> list[str]:
        return list(self.stale)

    def load_corpus(self) -> list[Article]:
        if self.corpus_error is not None:
            raise self.corpus_error
        return [Article(id=SEED_ID, file=f"{SEED_ID}.txt", title="t", outlet="o", url="",
                        published=dt.date(2024, 11, 12), language="de", notes="", text="s")]


def install_fake_facts(monkeypatch: pytest.MonkeyPatch) -> FakeFacts:
    """Point the report export at a new :class:`FakeFacts` (``monkeypatch`` undoes it)."""
    fake = FakeFacts()
    for name in ("query_facts", "stale_facts", "load_corpus"):
        monkeypatch.setattr(export, name, getattr(fake, name))
    return fake
