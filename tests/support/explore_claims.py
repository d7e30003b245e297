"""Claims frames for the explorer tests, typed like analysis.facts.store.load_claims() output
(dates as datetime64, lists as Python lists). German rows use sentences of the seed article;
English rows are sentences written for these tests.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.core.schema import CLAIM_COLUMNS
from tests.support.geo_claims import typed_claims

SEED_SENTENCES = {
    "thousands": (
        "Der Vertrag zwischen den beiden Ländern kommt zu einem Zeitpunkt zustande, an dem "
        "Südkorea, die USA und die Ukraine erklärt haben, dass sich Tausende nordkoreanischer "
        "Truppen in Russland auf den Kampf gegen ukrainische Soldaten vorbereiten."
    ),
    "ten_thousand": (
        "Letzte Woche bestätigten die USA, dass sich 10.000 nordkoreanische Truppen in der "
        "russischen Region Kursk befanden – wo die Ukraine Anfang August einen überraschenden "
        "Einmarsch startete."
    ),
    "fifty_thousand": (
        "Der ukrainische Präsident Wolodymyr Selenskyj sagte in seiner täglichen Ansprache am "
        "Montag, dass seine Armee rund 50.000 Soldaten in Kursk festhält."
    ),
    "containers": (
        "Letzten Monat teilte der südkoreanische Geheimdienst mit, dass Nordkorea seit August "
        "2023 mehr als 13.000 Container mit Artillerie, Raketen und anderen Waffen nach Russland "
        "geschickt habe, um seine schwindenden Waffenvorräte aufzufüllen."
    ),
}


def make_claim(article_id: str, sentence: str, quote: str, offset: int = 0, **fields: Any) -> dict:
    """One claim row; ``offset`` is where the sentence starts in its (imagined) article."""
    start = offset + sentence.index(quote)
    row: dict[str, Any] = {column: None for column in CLAIM_COLUMNS}
    row.update(
        claim_id=f"{article_id}:{start}", article_id=article_id, sentence_index=0,
        sentence=sentence, sentence_start=offset, start=start, end=start + len(quote), quote=quote,
        value=float("nan"), lower=float("nan"), upper=float("nan"), approx=False,
        vague=False, unit="troops", counted_text="", claimants=[], planned=False,
        increment=False, language="de", flags=[], published="2024-11-12",
    )
    row.update(fields)
    return row


def sample_claims() -> pd.DataFrame:
    """Four seed claims and two English ones (wounded, captured)."""
    s = SEED_SENTENCES
    return typed_claims([
        make_claim(
            "seed", s["thousands"], "Tausende nordkoreanischer Truppen", offset=500,
            lower=2000.0, vague=True, qualifier="vague", actor="PRK", location="RUS",
            location_text="in Russland", claimants=["KOR", "USA", "UKR"],
            flags=["vague_number"],
        ),
        make_claim(
            "seed", s["ten_thousand"], "10.000 nordkoreanische Truppen", offset=800,
            value=10000.0, lower=10000.0, upper=10000.0, actor="PRK", location="RU-KRS",
            claimants=["USA"], as_of_start="2024-11-04", as_of_end="2024-11-10",
            as_of_text="Letzte Woche",
        ),
        make_claim(
            "seed", s["fifty_thousand"], "rund 50.000 Soldaten", offset=1000,
            value=50000.0, approx=True, qualifier="about", unit="soldiers", actor=None,
            location="RU-KRS", claimants=["UKR"], as_of_start="2024-11-11",
            as_of_end="2024-11-11", flags=["actor_unknown"],
        ),
        make_claim(
            "seed", s["containers"], "mehr als 13.000 Container", offset=2000,
            value=13000.0, lower=13000.0, qualifier="more_than", unit="containers",
            actor="PRK", location="RUS", claimants=["KOR"], as_of_start="2024-10-01",
            as_of_end="2024-10-31", since="2023-08-01",
        ),
        make_claim(
            "en1",
            "Officials in Seoul said on Friday that about 1,500 North Korean troops had been "
            "wounded near the border.",
            "about 1,500 North Korean troops had been wounded", value=1500.0, approx=True,
            qualifier="about", unit="wounded", actor="PRK", location="RU-BEL",
            claimants=["KOR"], as_of_start="2025-01-10", as_of_end="2025-01-10",
            language="en", published="2025-01-12",
        ),
        make_claim(
            "en2",
            "A Kyiv spokesman put the number of captured soldiers at two.",
            "captured soldiers at two", value=2.0, unit="captured", actor="PRK",
            location=None, claimants=["UKR"], language="en", published="2025-01-20",
        ),
    ])
