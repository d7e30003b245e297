"""The one claims table builder (columns per view) and the events table."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.viz.tables import (
    CLAIM_FIELDS,
    MAP_COLUMNS,
    READING_COLUMNS,
    Column,
    claims_table,
    events_table,
    list_cell,
)
from tests.support.chart_claims import seed_events
from tests.support.small_corpus import CLAIMS


def test_claims_table_is_readable() -> None:
    table = claims_table(CLAIMS)
    assert tuple(table.columns) == READING_COLUMNS
    first = table.iloc[0]
    assert first["figure"] == "≤ 12,000" and first["location"] == "RU-KRS"
    assert table.iloc[-1]["claimants"] == "KOR"
    assert (table["claimants"] == "unattributed").sum() == 3
    # No time in these sentences, no statement date: as of the publication day, marked so.
    assert table["as of"].str.endswith(" (publication date)").all()
    assert (table["since"] == "").all()
    assert (table["overridden"] == "").all()
    with_overrides = CLAIMS.assign(overridden=[["as_of_end"], [], [], []])
    assert claims_table(with_overrides)["overridden"].tolist() == ["as_of_end", "", "", ""]


def test_nearly_reads_as_just_under_in_every_table() -> None:
    # "fast 3.000" (qualifier nearly): the one formatter's "≲", not "≤" ("up to").
    nearly = CLAIMS.iloc[:1].assign(value=3000.0, lower=math.nan, upper=3000.0,
                                    approx=True, qualifier="nearly")
    assert claims_table(nearly)["figure"].tolist() == ["≲ 3,000"]
    assert claims_table(nearly, MAP_COLUMNS)["figure"].tolist() == ["≲ 3,000"]


def test_views_choose_columns_and_optional_ones_follow_the_frame() -> None:
    table = claims_table(CLAIMS, MAP_COLUMNS)
    # No map key, mapped place or reason on a plain claims frame: those columns are left out.
    assert list(table.columns) == ["claim_id", "quote", "figure", "unit", "actor", "location",
                                   "claimants", "as of", "published", "flags", "overridden"]
    keyed = CLAIMS.assign(map_key=np.arange(1, 5), location_name="Kursk Oblast",
                          reason="location unknown")
    table = claims_table(keyed, MAP_COLUMNS)
    assert list(table.columns) == list(MAP_COLUMNS)
    assert table["key"].tolist() == [1, 2, 3, 4]
    own = claims_table(CLAIMS, ["claim_id", Column("chars", lambda row: len(row["quote"]))])
    assert list(own.columns) == ["claim_id", "chars"]
    assert own["chars"].tolist() == [len(q) for q in CLAIMS["quote"]]


def test_unknown_column_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="'estimate'.*known: key, claim_id"):
        claims_table(CLAIMS, ["claim_id", "estimate"])
    assert "figure" in CLAIM_FIELDS


def test_empty_frame_gives_the_header_only() -> None:
    table = claims_table(CLAIMS.iloc[0:0])
    assert table.empty and tuple(table.columns) == READING_COLUMNS


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(["USA", "KOR"], ["USA", "KOR"]), (np.array(["UKR"]), ["UKR"]), (("a",), ["a"]),
     ("PRK", ["PRK"]), ("", []), (None, []), (math.nan, []), (pd.NA, [])],
)
def test_list_cell(cell, expected) -> None:
    assert list_cell(cell) == expected


def test_events_table_sorts_dated_first_and_names_types():
    events = seed_events().assign(article_id="a", start=range(5), quote="q", flags=[[]] * 5,
                                  date_text=None)
    table = events_table(events)
    assert list(table["event"]) == ["incursion", "ratified", "statement", "ratified",
                                    "treaty signed"]
    assert table.iloc[-1]["date"] == "undated"
    assert table.iloc[0]["actors"] == "UKR"
    assert events_table(None).empty and "event_id" in events_table(None).columns
