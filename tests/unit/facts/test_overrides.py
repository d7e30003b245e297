"""Analyst overrides: validation, typed application, stale overrides, the committed file."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd
import pytest

from analysis.core.errors import FactsError
from analysis.facts.overrides import (
    OVERRIDES_PATH,
    StaleOverrideWarning,
    apply_overrides,
    load_overrides,
    parse_override_value,
)

HEADER = "claim_id,field,value,reason,reviewer,date\n"


def write(tmp_path, body: str):
    path = tmp_path / "overrides.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def claims_frame() -> pd.DataFrame:
    """Two typed claims as analysis.facts.store.load_claims returns them."""
    frame = pd.DataFrame({
        "claim_id": ["a:10", "a:50"],
        "article_id": ["a", "a"],
        "quote": ["rund 50.000 Soldaten", "bis zu 12.000 Truppen"],
        "value": [50000.0, 12000.0],
        "lower": [float("nan"), float("nan")],
        "upper": [float("nan"), 12000.0],
        "approx": [True, False],
        "qualifier": ["about", "up_to"],
        "unit": ["soldiers", "troops"],
        "actor": [None, "PRK"],
        "location": ["RU-KRS", "UKR"],
        "claimants": [["UKR"], ["USA", "KOR"]],
        "as_of_start": pd.to_datetime(["2024-11-11", "2024-11-12"]),
        "as_of_end": pd.to_datetime(["2024-11-11", "2024-11-12"]),
        "flags": [["actor_unknown"], []],
    })
    return frame


def test_applies_typed_values_and_records_what_changed(tmp_path):
    path = write(tmp_path, (
        "a:10,actor,RUS,the soldiers are Russian,ana,2024-11-20\n"
        "a:50,location,RUS,wire text says Russia,ana,2024-11-20\n"
        "a:50,upper,11000,typo in the translation,ben,2024-11-21\n"
        "a:50,as_of_end,2024-11-13,statement covers two days,ben,2024-11-21\n"
        'a:50,claimants,"[""USA""]",only the US said so,ben,2024-11-21\n'
        "a:10,flags,,flag resolved by the actor override,ana,2024-11-20\n"
        "a:10,approx,false,the number is exact,ana,2024-11-20\n"
    ))
    original = claims_frame()
    result = apply_overrides(original, path)
    first, second = result.iloc[0], result.iloc[1]
    assert first["actor"] == "RUS"
    assert first["flags"] == []
    assert bool(first["approx"]) is False
    assert second["location"] == "RUS"
    assert second["upper"] == 11000.0
    assert second["as_of_end"] == pd.Timestamp("2024-11-13")
    assert second["claimants"] == ["USA"]
    assert first["overridden"] == ["actor", "flags", "approx"]
    assert second["overridden"] == ["location", "upper", "as_of_end", "claimants"]
    # Types kept for downstream code.
    assert pd.api.types.is_datetime64_any_dtype(result["as_of_end"])
    assert pd.api.types.is_float_dtype(result["upper"])
    # The input is not modified.
    assert pd.isna(original.iloc[0]["actor"])
    assert "overridden" not in original.columns
    in_effect = result.attrs["overrides_in_effect"]
    assert len(in_effect) == 7
    row = in_effect[in_effect["field"] == "upper"].iloc[0]
    assert (row["old_value"], row["new_value"]) == (12000.0, 11000.0)
    assert result.attrs["stale_overrides"].empty


def test_semicolon_lists_and_empty_values(tmp_path):
    path = write(tmp_path, (
        "a:50,claimants,USA; KOR ;UKR,joint statement,ana,2024-11-20\n"
        "a:50,upper,,the bound was not stated,ana,2024-11-20\n"
    ))
    result = apply_overrides(claims_frame(), path)
    assert result.iloc[1]["claimants"] == ["USA", "KOR", "UKR"]
    assert pd.isna(result.iloc[1]["upper"])


def test_value_equal_to_the_machine_is_in_effect_but_not_a_change(tmp_path):
    path = write(tmp_path, "a:50,actor,PRK,checked against the wire,ana,2024-11-20\n")
    result = apply_overrides(claims_frame(), path)
    assert result.iloc[1]["overridden"] == []
    assert len(result.attrs["overrides_in_effect"]) == 1


def test_stale_override_is_reported_and_warned(tmp_path):
    path = write(tmp_path, (
        "a:10,actor,RUS,Russian soldiers,ana,2024-11-20\n"
        "gone:99,value,5,claim vanished after re-extraction,ana,2024-11-20\n"
    ))
    with pytest.warns(StaleOverrideWarning, match="gone:99"):
        result = apply_overrides(claims_frame(), path)
    stale = result.attrs["stale_overrides"]
    assert list(stale["claim_id"]) == ["gone:99"]
    assert list(stale.columns) == ["claim_id", "field", "value", "reason", "reviewer", "date"]
    assert result.iloc[0]["actor"] == "RUS"  # the others still apply


def test_no_warning_without_stale_overrides(tmp_path):
    path = write(tmp_path, "a:10,actor,RUS,Russian soldiers,ana,2024-11-20\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        apply_overrides(claims_frame(), path)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a:10,colour,red,why,ana,2024-11-20", "field 'colour' cannot be overridden"),
        ("a:10,quote,other,why,ana,2024-11-20", "provenance"),
        ("a:10,value,many,why,ana,2024-11-20", "value 'many' does not fit field 'value'"),
        ("a:10,as_of_end,last week,why,ana,2024-11-20", "does not fit field 'as_of_end'"),
        ("a:10,approx,maybe,why,ana,2024-11-20", "does not fit field 'approx'"),
        ("a:10,actor,Russia,why,ana,2024-11-20", "alpha-3"),
        ("a:10,qualifier,roughly,why,ana,2024-11-20", "choose one of"),
        ("a:10,unit,tanks,why,ana,2024-11-20", "choose one of"),
        ("a:10,claimants,[1],why,ana,2024-11-20", "list of strings"),
        ('a:10,flags,"[""made_up""]",why,ana,2024-11-20', "choose one of actor_inferred"),
        ("a:10,flags,actor_unknown;made_up,why,ana,2024-11-20", "choose one of"),
        ("a:10,actor,RUS,,ana,2024-11-20", "reason is empty"),
        ("a:10,actor,RUS,why,,2024-11-20", "reviewer is empty"),
        ("a:10,actor,RUS,why,ana,20.11.2024", "not an ISO date"),
        (",actor,RUS,why,ana,2024-11-20", "claim_id is empty"),
    ],
)
def test_bad_rows_name_the_line(tmp_path, row, message):
    path = write(tmp_path, "a:50,actor,PRK,fine,ana,2024-11-20\n" + row + "\n")
    with pytest.raises(FactsError) as caught:
        load_overrides(path)
    text = str(caught.value)
    assert message in text
    assert f"{path} line 3" in text
    assert "\n" not in text


def test_duplicate_field_for_one_claim_is_an_error(tmp_path):
    path = write(tmp_path, (
        "a:10,actor,RUS,first,ana,2024-11-20\n"
        "a:10,actor,UKR,second,ben,2024-11-21\n"
    ))
    with pytest.raises(FactsError, match="already overridden on line 2"):
        load_overrides(path)


def test_missing_column_is_an_error(tmp_path):
    path = tmp_path / "overrides.csv"
    path.write_text("claim_id,field,value\na:10,actor,RUS\n", encoding="utf-8")
    with pytest.raises(FactsError, match="missing column"):
        load_overrides(path)


def test_explicit_missing_file_is_an_error_default_missing_is_empty(tmp_path, monkeypatch):
    with pytest.raises(FactsError, match="not found"):
        load_overrides(tmp_path / "nope.csv")
    monkeypatch.setattr("analysis.facts.overrides.OVERRIDES_PATH", tmp_path / "absent.csv")
    assert load_overrides().empty
    result = apply_overrides(claims_frame())
    assert result["overridden"].map(len).sum() == 0


def test_parse_override_value_types():
    assert parse_override_value("lower", "2_000") == 2000.0
    assert parse_override_value("since", "2023-08-01") == dt.date(2023, 8, 1)
    assert parse_override_value("planned", "Ja") is True
    assert parse_override_value("flags", '["location_conflict"]') == ["location_conflict"]
    assert parse_override_value("location", " RU-KRS ") == "RU-KRS"
    assert parse_override_value("actor", "") is None
    with pytest.raises(ValueError):
        parse_override_value("unit", "")
    with pytest.raises(ValueError):
        parse_override_value("value", "nan")


def test_committed_overrides_are_valid_and_none_is_stale():
    from analysis.facts.store import load_claims

    assert OVERRIDES_PATH.is_file()
    table = load_overrides()
    assert not table.empty
    with warnings.catch_warnings():
        warnings.simplefilter("error", StaleOverrideWarning)
        claims = load_claims()
    assert claims.attrs["stale_overrides"].empty
    changed = claims[claims["overridden"].map(bool)]
    assert len(changed) >= 1
    # Overrides change the loaded facts, never the generated file.
    raw = load_claims(apply_overrides=False)
    for record in table.to_dict("records"):
        row = raw[raw["claim_id"] == record["claim_id"]]
        assert len(row) == 1


def test_readable_tables_of_overrides(tmp_path):
    from analysis.facts.overrides import overrides_in_effect_table, stale_overrides_table

    path = write(tmp_path, (
        "a:50,as_of_end,2024-11-13,two days,ana,2024-11-21\n"
        "a:50,actor,PRK,checked,ana,2024-11-21\n"
        "gone:1,actor,RUS,vanished,ana,2024-11-21\n"
    ))
    with pytest.warns(StaleOverrideWarning):
        result = apply_overrides(claims_frame(), path)
    table = overrides_in_effect_table(result)
    assert list(table["machine"]) == ["2024-11-12", "PRK"]
    assert list(table["analyst"]) == ["2024-11-13", "PRK"]
    assert list(table["changed"]) == [True, False]
    # A filtered frame keeps its attrs; the table lists only overrides of its rows.
    assert overrides_in_effect_table(result[result["claim_id"] == "a:10"]).empty
    assert list(stale_overrides_table(result)["claim_id"]) == ["gone:1"]
    assert stale_overrides_table(claims_frame()).empty


def test_validation_follows_the_schema():
    """Every overridable field with a vocabulary accepts exactly its allowed values."""
    from analysis.core.schema import column
    from analysis.facts.overrides import OVERRIDABLE_FIELDS

    checked = 0
    for field in OVERRIDABLE_FIELDS:
        spec = column("claims", field)
        for code in spec.allowed:
            expected = [code] if spec.type == "list[str]" else code
            assert parse_override_value(field, code) == expected
        if spec.allowed:
            with pytest.raises(ValueError, match="choose one of"):
                parse_override_value(field, "not_a_code")
            checked += 1
        if not spec.nullable and spec.type != "list[str]":
            with pytest.raises(ValueError, match="cannot be empty"):
                parse_override_value(field, "")
    assert checked == 4  # qualifier, unit, as_of_source, flags
    assert parse_override_value("actor", " KOR ") == "KOR"
    with pytest.raises(ValueError, match="alpha-3 code such as PRK"):
        parse_override_value("actor", "kor")


# --- absurd values are refused where the file is read (issue 15, item 2) --------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a:10,value,inf,the figure is unbounded,ana,2024-11-20", "infinite"),
        ("a:10,upper,-Infinity,typo,ana,2024-11-20", "infinite"),
        ("a:10,value,1e400,a number too large to hold,ana,2024-11-20", "infinite"),
        ("a:10,value,-5000,losses written as a minus,ana,2024-11-20", "cannot be negative"),
        ("a:50,lower,-1,no lower bound intended,ben,2024-11-21", "cannot be negative"),
    ],
)
def test_infinite_and_negative_counts_name_the_line(tmp_path, row, message):
    path = write(tmp_path, "a:50,actor,PRK,fine,ana,2024-11-20\n" + row + "\n")
    with pytest.raises(FactsError) as caught:
        load_overrides(path)
    text = str(caught.value)
    assert message in text and f"{path} line 3" in text and "\n" not in text


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        # both ends overridden in the file, in the wrong order
        ("a:10,lower,9000,range from the report,ana,2024-11-20\n"
         "a:10,upper,7000,range from the report,ana,2024-11-20\n", 3, "upper 7000 is before lower"),
        ("a:50,as_of_start,2024-11-20,statement dated,ben,2024-11-21\n"
         "a:50,as_of_end,2024-11-02,statement dated,ben,2024-11-21\n", 3, "as_of_end"),
    ],
)
def test_reversed_pairs_in_the_file_name_the_line(tmp_path, body, line, words):
    path = write(tmp_path, body)
    with pytest.raises(FactsError) as caught:
        load_overrides(path)
    text = str(caught.value)
    assert f"{path} line {line}" in text and words in text and "\n" not in text


@pytest.mark.parametrize(
    ("row", "words"),
    [
        # claim a:50 has upper 12000: a lower bound above it reverses the range
        ("a:50,lower,15000,read as at least,ana,2024-11-20", "lower 15000 after upper 12000"),
        # claim a:50 is as of 2024-11-12..2024-11-12: a start after the end
        ("a:50,as_of_start,2024-12-01,later statement,ana,2024-11-20",
         "as_of_start 2024-12-01 after as_of_end 2024-11-12"),
        ("a:10,as_of_end,2024-10-01,earlier statement,ana,2024-11-20",
         "as_of_start 2024-11-11 after as_of_end 2024-10-01"),
    ],
)
def test_override_that_reverses_a_claims_pair_is_refused(tmp_path, row, words):
    path = write(tmp_path, "a:10,actor,RUS,fine,ana,2024-11-20\n" + row + "\n")
    with pytest.raises(FactsError) as caught:
        apply_overrides(claims_frame(), path)
    text = str(caught.value)
    assert f"{path} line 3" in text and words in text and "\n" not in text


def test_override_of_both_ends_in_order_is_accepted(tmp_path):
    path = write(tmp_path, (
        "a:50,lower,15000,range from the report,ana,2024-11-20\n"
        "a:50,upper,18000,range from the report,ana,2024-11-20\n"
    ))
    result = apply_overrides(claims_frame(), path)
    assert (result.iloc[1]["lower"], result.iloc[1]["upper"]) == (15000.0, 18000.0)
