"""Contradiction rules: forces placed in two countries in one article; incompatible estimates."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.facts.consistency import (
    CONTRADICTION_COLUMNS,
    admissible_interval,
    as_of_interval,
    find_contradictions,
)

SEED_ID = "000_01afb6bfc0e7695c"


def claim(claim_id: str, **fields) -> dict:
    base = {
        "claim_id": claim_id, "article_id": claim_id.split(":")[0], "start": int(
            claim_id.split(":")[1]), "quote": f"quote {claim_id}", "value": math.nan,
        "lower": math.nan, "upper": math.nan, "approx": False, "qualifier": None,
        "vague": False, "unit": "troops", "actor": "PRK", "location": "RU-KRS",
        "location_text": None, "as_of_start": pd.NaT, "as_of_end": pd.NaT, "planned": False,
        "increment": False,
    }
    base.update(fields)
    return base


def frame(*claims: dict) -> pd.DataFrame:
    result = pd.DataFrame(list(claims))
    for column in ("as_of_start", "as_of_end"):
        result[column] = pd.to_datetime(result[column])
    return result


WEEK = {"as_of_start": "2024-11-04", "as_of_end": "2024-11-10"}


# ---------------------------------------------------------------------- rule 1: locations


def test_seed_location_conflict_names_the_ukraine_sentence():
    from analysis.facts.store import load_claims

    claims = load_claims()
    found = find_contradictions(claims)
    conflicts = found[found["rule"] == "location_conflict"]
    assert not conflicts.empty
    ukraine = claims.loc[claims["location"] == "UKR", "claim_id"].tolist()
    assert len(ukraine) == 1
    for row in conflicts.to_dict("records"):
        assert ukraine[0] in (row["claim_id_a"], row["claim_id_b"])
        assert "UKR" in row["reason"] and "RUS" in row["reason"]
    russia = set(claims.loc[
        (claims["actor"] == "PRK") & claims["unit"].isin(["troops", "soldiers"])
        & (claims["location"] != "UKR"), "claim_id"])
    paired = set(conflicts["claim_id_a"]) | set(conflicts["claim_id_b"])
    assert russia <= paired


def test_region_counts_as_its_country():
    claims = frame(
        claim("a:1", value=10000.0, location="RU-KRS", location_text="in Kursk"),
        claim("a:2", value=3000.0, location="RUS", location_text="in Russland"),
    )
    assert find_contradictions(claims).empty


def test_two_countries_in_one_article_conflict_with_reason():
    claims = frame(
        claim("a:1", value=10000.0, location="RU-KRS", location_text="in Kursk"),
        claim("a:9", upper=12000.0, value=12000.0, qualifier="up_to", location="UKR",
              location_text="in der Ukraine"),
    )
    found = find_contradictions(claims)
    assert list(found.columns) == list(CONTRADICTION_COLUMNS)
    assert found.to_dict("records")[0]["claim_id_a"] == "a:1"
    row = found.iloc[0]
    assert (row["claim_id_b"], row["rule"]) == ("a:9", "location_conflict")
    assert "in Kursk" in row["reason"] and "in der Ukraine" in row["reason"]
    assert "≤ 12,000" in row["reason"]


@pytest.mark.parametrize(
    "change",
    [
        {"article_id": "b"},  # a different article may report a later move
        {"actor": "RUS"},  # a different actor
        {"unit": "containers"},  # shipments are not a placement of forces
        {"planned": True},  # a plan to send troops elsewhere is not a placement
        {"location": None},
    ],
)
def test_no_location_conflict_when(change):
    other = claim("a:9", value=12000.0, location="UKR")
    other.update(change)
    claims = frame(claim("a:1", value=10000.0, location="RU-KRS"), other)
    assert find_contradictions(claims).query("rule == 'location_conflict'").empty


# ---------------------------------------------------------------------- rule 2: intervals


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"value": 5000.0, "upper": 5000.0, "qualifier": "up_to"}, (0.0, 5000.0)),
        ({"value": 8000.0, "lower": 8000.0, "qualifier": "more_than"}, (8000.0, math.inf)),
        ({"value": 8000.0, "lower": 8000.0, "qualifier": "at_least"}, (8000.0, math.inf)),
        ({"lower": 2000.0, "qualifier": "vague", "vague": True}, (2000.0, math.inf)),
        ({"lower": 10000.0, "upper": 12000.0, "qualifier": "range"}, (10000.0, 12000.0)),
        ({"value": 10000.0}, (9000.0, 11000.0)),
        ({"value": 50000.0, "approx": True, "qualifier": "about"}, (45000.0, 55000.0)),
        ({"value": 5000.0, "upper": 5000.0, "qualifier": "nearly"}, (4500.0, 5000.0)),
        ({}, None),
    ],
)
def test_admissible_interval(fields, expected):
    result = admissible_interval(claim("a:1", **fields))
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


def test_as_of_interval_handles_open_ends():
    assert as_of_interval(claim("a:1")) is None
    one_sided = as_of_interval(claim("a:1", as_of_start=pd.Timestamp("2024-11-04")))
    assert one_sided[0] == one_sided[1]


def test_up_to_versus_more_than_in_the_same_week():
    claims = frame(
        claim("a:1", value=5000.0, upper=5000.0, qualifier="up_to", **WEEK),
        claim("b:7", value=8000.0, lower=8000.0, qualifier="more_than",
              as_of_start="2024-11-08", as_of_end="2024-11-08"),
    )
    found = find_contradictions(claims)
    assert list(found["rule"]) == ["interval_conflict"]
    reason = found.iloc[0]["reason"]
    assert "≤ 5,000" in reason and "> 8,000" in reason and "cannot both be true" in reason
    assert "2024-11-04–10" in reason and "2024-11-08" in reason


@pytest.mark.parametrize(
    ("second", "conflict"),
    [
        ({"value": 10500.0}, False),  # rounding: 10,000 and 10,500 agree
        ({"value": 14000.0}, True),
        ({"value": 9000.0, "lower": 9000.0, "qualifier": "more_than"}, False),
        ({"value": 15000.0, "lower": 15000.0, "qualifier": "more_than"}, True),
        ({"lower": 2000.0, "qualifier": "vague", "vague": True}, False),
        ({"value": 14000.0, "as_of_start": "2024-12-01", "as_of_end": "2024-12-01"}, False),
        ({"value": 14000.0, "as_of_start": None, "as_of_end": None}, False),  # no date
        ({"value": 14000.0, "location": "RU-BEL"}, False),
        ({"value": 14000.0, "unit": "soldiers"}, False),
        ({"value": 14000.0, "increment": True}, False),  # "weitere 14.000"
        ({"value": 14000.0, "planned": True}, False),
    ],
)
def test_interval_rule_cases(second, conflict):
    fields = {"value": 14000.0, **WEEK}
    fields.update(second)
    claims = frame(claim("a:1", value=10000.0, **WEEK), claim("b:2", **fields))
    found = find_contradictions(claims)
    assert (found["rule"] == "interval_conflict").any() == conflict


def test_empty_claims():
    empty = frame(claim("a:1")).iloc[0:0]
    result = find_contradictions(empty)
    assert result.empty and list(result.columns) == list(CONTRADICTION_COLUMNS)


def test_accepts_claims_with_python_dates_and_none():
    import datetime as dt

    claims = pd.DataFrame([
        claim("a:1", value=5000.0, upper=5000.0, qualifier="up_to",
              as_of_start=dt.date(2024, 11, 4), as_of_end=dt.date(2024, 11, 10)),
        claim("b:1", value=9000.0, lower=9000.0, qualifier="more_than",
              as_of_start=dt.date(2024, 11, 5), as_of_end=dt.date(2024, 11, 5)),
    ])
    assert list(find_contradictions(claims)["rule"]) == ["interval_conflict"]


def test_contradictions_table_and_involving():
    from analysis.facts.consistency import contradictions_table, involving

    claims = frame(
        claim("a:1", value=5000.0, upper=5000.0, qualifier="up_to", **WEEK),
        claim("b:7", value=8000.0, lower=8000.0, qualifier="more_than", **WEEK),
        claim("c:3", value=100.0, actor="RUS", **WEEK),
    )
    found = find_contradictions(claims)
    table = contradictions_table(found, claims)
    assert list(table.columns) == ["claim_id_a", "quote_a", "claim_id_b", "quote_b", "rule",
                                   "reason"]
    assert table.iloc[0]["quote_b"] == "quote b:7"
    assert len(involving(found, ["b:7"])) == 1
    assert involving(found, ["c:3"]).empty
