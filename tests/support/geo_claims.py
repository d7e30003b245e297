"""Claims tables for the geo/map tests, typed like analysis.facts.store.load_claims returns them.

The five seed claims follow the acceptance list in the project brief (issue 3); the extra
claims are invented for the tests (places and figures chosen to exercise the code paths).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.core.schema import CLAIM_COLUMNS

SEED_ID = "000_01afb6bfc0e7695c"
NAN = np.nan


def _claim(start: int, quote: str, **fields) -> dict:
    row = {column: None for column in CLAIM_COLUMNS}
    row.update(
        claim_id=f"{fields.get('article_id', SEED_ID)}:{start}", article_id=SEED_ID,
        sentence_index=0, sentence=quote, sentence_start=start, start=start,
        end=start + len(quote), quote=quote,
        value=NAN, lower=NAN, upper=NAN, approx=False, qualifier=None, vague=False,
        counted_text="", actor=None, location=None, location_text=None, claimants=[],
        claimant_text=None, as_of_start=None, as_of_end=None, as_of_text=None, since=None,
        planned=False, increment=False, published="2024-11-12", language="de", flags=[],
        source="extracted",
    )
    row.update(fields)
    row["claim_id"] = f"{row['article_id']}:{start}"
    return row


def seed_claim_rows() -> list[dict]:
    return [
        _claim(800, "Tausende nordkoreanischer Truppen", lower=2000.0, qualifier="vague",
               vague=True, unit="troops", actor="PRK", location="RUS",
               claimants=["KOR", "USA", "UKR"]),
        _claim(950, "10.000 nordkoreanische Truppen", value=10000.0, lower=10000.0,
               upper=10000.0, unit="troops", actor="PRK", location="RU-KRS",
               claimants=["USA"], as_of_start="2024-11-04", as_of_end="2024-11-10",
               as_of_text="Letzte Woche"),
        _claim(1180, "rund 50.000 Soldaten", value=50000.0, approx=True, qualifier="about",
               unit="soldiers", actor="RUS", location="RU-KRS", claimants=["UKR"],
               as_of_start="2024-11-11", as_of_end="2024-11-11", as_of_text="am Montag"),
        _claim(1300, "bis zu 12.000 nordkoreanische Truppen", value=12000.0, upper=12000.0,
               qualifier="up_to", unit="troops", actor="PRK", location="UKR",
               claimants=["USA", "KOR", "UKR"], as_of_start="2024-11-12",
               as_of_end="2024-11-12", as_of_text="derzeit", flags=["location_conflict"]),
        _claim(2500, "mehr als 13.000 Container", value=13000.0, lower=13000.0,
               qualifier="more_than", unit="containers", actor="PRK", location="RUS",
               claimants=["KOR"], as_of_start="2024-10-01", as_of_end="2024-10-31",
               as_of_text="Letzten Monat", since="2023-08-01"),
    ]


def extra_claim_rows() -> list[dict]:
    """Invented claims in other places and with earlier publication dates."""
    return [
        _claim(10, "about 3,000 troops near Sudzha", value=3000.0, approx=True,
               qualifier="about", unit="troops", actor="PRK", location="Sudzha",
               claimants=["UKR"], article_id="t_en_1", published="2024-10-20", language="en",
               as_of_start="2024-10-19", as_of_end="2024-10-19"),
        _claim(20, "rund 1.500 Soldaten bei Sudscha", value=1500.0, approx=True,
               qualifier="about", unit="soldiers", actor="PRK", location="Sudscha",
               claimants=["KOR"], article_id="t_de_2", published="2024-11-01"),
        _claim(30, "5,000 troops in Belgorod region", value=5000.0, unit="troops",
               actor="PRK", location="RU-BEL", claimants=["USA"], article_id="t_en_3",
               published="2024-11-05", language="en"),
        _claim(40, "200 wounded in Korenevo", value=200.0, unit="wounded", actor="PRK",
               location="Korenevo", claimants=["UKR"], article_id="t_en_4",
               published="2024-11-06", language="en"),
        _claim(50, "at least 1 million shells", value=1_000_000.0, lower=1_000_000.0,
               qualifier="at_least", unit="shells", actor="PRK", location="RUS",
               claimants=["KOR"], article_id="t_en_5", published="2024-09-30", language="en"),
        _claim(60, "8,000 troops somewhere", value=8000.0, unit="troops", actor="PRK",
               location="Atlantis", claimants=["USA"], article_id="t_en_6",
               published="2024-11-02", language="en"),
        _claim(70, "zehntausend Soldaten", value=10000.0, unit="soldiers", actor="PRK",
               location=None, claimants=[], article_id="t_de_7", published="2024-11-03"),
    ]


def typed_claims(rows: list[dict]) -> pd.DataFrame:
    """The typed frame load_claims() returns: datetimes, float bounds, Python lists."""
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    for column in ("as_of_start", "as_of_end", "since", "published"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("value", "lower", "upper"):
        frame[column] = frame[column].astype(float)
    for column in ("approx", "vague", "planned", "increment"):
        frame[column] = frame[column].astype(bool)
    return frame


def seed_claims() -> pd.DataFrame:
    return typed_claims(seed_claim_rows())


def all_claims() -> pd.DataFrame:
    return typed_claims(seed_claim_rows() + extra_claim_rows())


def write_claims_csv(rows: list[dict], path: Path) -> Path:
    """Write rows in the committed facts format: lists as JSON arrays, missing as empty."""
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    for column in ("claimants", "flags"):
        frame[column] = [json.dumps(list(v), ensure_ascii=False) for v in frame[column]]
    for column in ("approx", "vague", "planned", "increment"):
        frame[column] = frame[column].map(lambda v: "true" if v else "false")
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path
