"""Shared helpers of the event tests."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analysis.corpus.catalog import Article
from analysis.extract.events import extract_events

PUBLISHED = dt.date(2024, 11, 12)  # a Tuesday
SEED_ID = "000_01afb6bfc0e7695c"


def article(text: str, language: str, published: dt.date = PUBLISHED) -> Article:
    return Article(id="t1", file="t1.txt", title="", outlet="", url="", published=published,
                   language=language, notes="", text=text)


def events_of(text: str, language: str, published: dt.date = PUBLISHED) -> pd.DataFrame:
    return extract_events(article(text, language, published))


def only_event(text: str, language: str) -> dict:
    frame = events_of(text, language)
    assert len(frame) == 1, frame[["event_type", "quote"]].to_string()
    return frame.iloc[0].to_dict()


def day(text: str) -> pd.Timestamp:
    """Dates in the typed events frame are Timestamps (missing: NaT)."""
    return pd.Timestamp(text)
