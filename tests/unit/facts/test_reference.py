"""Reference claims: the curated file passes the schema, bad rows get one line, and they
join the extracted claims in one place."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.core.errors import FactsError
from analysis.core.schema import CLAIM_COLUMNS, REQUIRED_BY_SOURCE, column
from analysis.facts import reference
from analysis.facts.reference import (
    REFERENCE_COLUMNS,
    convert_public_reporting,
    load_reference_claims,
    parse_reference_csv,
    with_reference,
)
from analysis.facts.store import load_claims

HEADER = ",".join(REFERENCE_COLUMNS)


def _row(**cells: str) -> str:
    base = {name: "" for name in REFERENCE_COLUMNS}
    base.update(claim_id="tv-001", stated_on="2025-02-03", outlet="Channel Nine",
                url="https://example.org/evening-news", language="en",
                claimant_text="a defence ministry spokesman", claimants="UKR", value="1200",
                unit="killed", actor="PRK", location="RU-KRS")
    base.update(cells)
    return ",".join(f'"{base[name]}"' for name in REFERENCE_COLUMNS)


def _parse(*rows: str) -> pd.DataFrame:
    return parse_reference_csv("\n".join([HEADER, *rows]) + "\n", "my_claims.csv")


@pytest.fixture(scope="module")
def committed() -> pd.DataFrame:
    return load_reference_claims()


def test_committed_reference_claims_pass_the_schema(committed):
    assert len(committed) >= 60
    assert set(CLAIM_COLUMNS) <= set(committed.columns)
    assert (committed["source"] == "reference").all()
    for name in REQUIRED_BY_SOURCE["reference"]:
        assert committed[name].notna().all(), name
    assert committed["claim_id"].is_unique
    assert committed["quote"].isna().all() and committed["start"].isna().all()
    for name in ("unit", "actor", "qualifier"):
        spec = column("claims", name)
        for value in committed[name].dropna():
            spec.check(value)
    assert committed["url"].str.match(r"https?://").all()
    assert committed["published"].notna().all()
    assert (committed["as_of_start"] <= committed["as_of_end"]).all()
    assert str(committed["start"].dtype) == "Int64"


def test_committed_file_keeps_no_article_text(committed):
    text = reference.reference_claims_path().read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(REFERENCE_COLUMNS)
    assert "note" not in REFERENCE_COLUMNS
    assert committed["counted_text"].str.len().max() < 60  # a few words, not sentences


def test_bounds_imply_the_qualifier_and_months_become_intervals():
    frame = _parse(
        _row(claim_id="tv-001", value="12000", upper="12000"),
        _row(claim_id="tv-002", value="", lower="11000", upper="12000"),
        _row(claim_id="tv-003", value="3000", lower="3000", as_of_end="2024-11"),
        _row(claim_id="tv-004", value="", vague="true", lower="2000"),
        _row(claim_id="tv-005", value="500", approx="true", stated_on="", published="2025-04"),
    ).set_index("claim_id")
    assert list(frame["qualifier"]) == ["up_to", "range", "at_least", "vague", "about"]
    assert frame.loc["tv-003", "as_of_start"] == pd.Timestamp("2024-11-01")
    assert frame.loc["tv-003", "as_of_end"] == pd.Timestamp("2024-11-30")
    assert frame.loc["tv-003", "as_of_source"] == "text"
    # No as-of in the source: placed at the day it was stated ...
    assert frame.loc["tv-001", "as_of_source"] == "statement"
    assert frame.loc["tv-001", "as_of_start"] == pd.Timestamp("2025-02-03")
    assert frame.loc["tv-001", "stated_on_start"] == pd.Timestamp("2025-02-03")
    # ... or, without that, at its publication (a month counts from its last day).
    assert frame.loc["tv-005", "as_of_source"] == "publication"
    assert frame.loc["tv-005", "published"] == pd.Timestamp("2025-04-30")


@pytest.mark.parametrize("cells, message", [
    ({"unit": "tanks"}, "column 'unit' = 'tanks': choose one of troops"),
    ({"value": "inf"}, "column 'value' = 'inf': a count is a finite number"),
    ({"value": "-3"}, "a count is a finite number ≥ 0"),
    ({"lower": "900", "upper": "100"}, "lower 900 is above upper 100"),
    ({"url": "example.org/x"}, "is not an http(s) address"),
    ({"claim_id": "000_abc:12"}, "is not like ref-001"),
    ({"claimants": "ukraine"}, "claimants 'ukraine' is not a code"),
    ({"stated_on": "", "published": ""}, "stated_on and published are both empty"),
    ({"stated_on": "03.02.2025"}, "write a date as YYYY-MM-DD"),
    ({"as_of_start": "2025-03-01", "as_of_end": "2025-02-01"}, "is after as_of_end"),
    ({"approx": "maybe"}, "write true or false"),
    ({"outlet": ""}, "column 'outlet' is empty"),
])
def test_a_bad_row_stops_loading_with_one_line_naming_file_and_line(cells, message):
    with pytest.raises(FactsError) as error:
        _parse(_row(claim_id="tv-001"), _row(**{"claim_id": "tv-002", **cells}))
    text = str(error.value)
    assert text.startswith("my_claims.csv:3: ") and message in text
    assert "\n" not in text


def test_duplicate_ids_and_wrong_header_are_refused():
    with pytest.raises(FactsError, match="already used on line 2"):
        _parse(_row(), _row())
    with pytest.raises(FactsError, match="the header must be exactly"):
        parse_reference_csv("claim_id,value\n", "my_claims.csv")


def test_missing_files(tmp_path, monkeypatch):
    with pytest.raises(FactsError, match="does not exist"):
        load_reference_claims(tmp_path / "none.csv")
    monkeypatch.setattr(reference, "reference_claims_path", lambda: tmp_path / "none.csv")
    assert load_reference_claims().empty


def test_with_reference_puts_both_together_in_one_place(committed):
    extracted = load_claims()
    both = with_reference(extracted)
    assert len(both) == len(extracted) + len(committed)
    assert set(both["source"]) == {"extracted", "reference"}
    seed = both[both["source"] == "extracted"]
    # Extracted claims keep their own timing; reference claims get theirs from the file.
    timing = dict(zip(seed["claim_id"], seed["as_of_source"], strict=True))
    assert timing == dict(zip(extracted["claim_id"], extracted["as_of_source"], strict=True))
    # A table written before the time columns existed: timed by text when dated, else
    # by publication.
    old = extracted.drop(columns=["as_of_source"])
    old.loc[old.index[0], ["as_of_start", "as_of_end"]] = pd.NaT
    derived = with_reference(old, False)
    assert derived["as_of_source"].iloc[0] == "publication"
    assert set(derived["as_of_source"].iloc[1:]) == {"text"}
    assert str(both["start"].dtype) == "Int64" and not math.isnan(float(seed["start"].iloc[0]))
    only = with_reference(extracted, False)
    assert len(only) == len(extracted) and (only["source"] == "extracted").all()


def test_with_reference_refuses_an_id_used_twice():
    extracted = load_claims()
    clash = _parse(_row(claim_id="tv-001")).assign(claim_id=extracted["claim_id"].iloc[0])
    with pytest.raises(FactsError, match="both extracted and a reference claim"):
        with_reference(extracted, clash)


def test_conversion_of_the_shared_timeline_keeps_facts_and_drops_undated_rows():
    shared = (
        "claim_date,published,outlet,url,language,claimant,claimant_code,value,lower,upper,"
        "approx,vague,unit,counted,actor,location,as_of_start,as_of_end,planned,note\n"
        "2025-01-05,2025-01-06,Outlet A,https://example.org/a,en,A spokesman,UKR,3800,,,"
        "false,false,casualties,killed or wounded,PRK,,,2025-01-05,false,a paraphrase\n"
        ",,Outlet B,https://example.org/b,de,An agency,,15809,,15809,false,false,"
        "containers,containers,PRK,RUS,2023-09-01,2025-03-31,false,another paraphrase\n"
    )
    converted, skipped = convert_public_reporting(shared)
    frame = parse_reference_csv(converted, "converted")
    assert list(frame["claim_id"]) == ["ref-001"]
    assert "paraphrase" not in converted
    assert skipped == ["line 3: Outlet B, 15809 containers (no date)"]


def test_a_claims_file_with_empty_source_and_timing_counts_as_extracted():
    # As a claims file written before these columns existed reads back: empty cells.
    extracted = load_claims().assign(source=math.nan, as_of_source=math.nan)
    both = with_reference(extracted)
    assert (both["source"] == "extracted").sum() == len(extracted)
    seed = both[both["source"] == "extracted"]
    assert set(seed["as_of_source"]) <= {"text", "publication"}
    kept = load_claims().assign(as_of_source="statement")
    assert set(with_reference(kept, False)["as_of_source"]) == {"statement"}
