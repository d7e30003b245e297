"""Figure and date labels shared by the maps, charts and report."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from analysis.core.labels import (
    format_as_of,
    format_as_of_phrase,
    format_claim,
    format_claimants,
    format_date,
    format_estimate,
    format_figure,
    format_list,
    format_number,
)

NAN = math.nan


@pytest.mark.parametrize(
    ("value", "lower", "upper", "approx", "vague", "qualifier", "expected"),
    [
        # bis zu 12.000 / up to 12,000
        (12000.0, NAN, 12000.0, False, False, "up_to", "≤ 12,000"),
        # mehr als 13.000 / more than 13,000
        (13000.0, 13000.0, NAN, False, False, "more_than", "> 13,000"),
        # rund 50.000 / about 50,000
        (50000.0, NAN, NAN, True, False, "about", "≈ 50,000"),
        # Tausende / thousands: only a lower bound, marked vague
        (NAN, 2000.0, NAN, False, True, "vague", "≥ 2,000 (vague)"),
        # mindestens 1.000 / at least 1,000
        (1000.0, 1000.0, NAN, False, False, "at_least", "≥ 1,000"),
        # fast 5.000 / nearly 5,000
        (5000.0, NAN, 5000.0, True, False, "nearly", "≲ 5,000"),
        # zwischen 2.000 und 3.000 / 2,000 to 3,000
        (NAN, 2000.0, 3000.0, False, False, "range", "2,000–3,000"),
        # a plain count
        (10000.0, 10000.0, 10000.0, False, False, None, "10,000"),
        # approx flag without a qualifier
        (700.0, NAN, NAN, True, False, None, "≈ 700"),
        # bounds only, no qualifier
        (NAN, 300.0, NAN, False, False, None, "≥ 300"),
        (NAN, NAN, 300.0, False, False, None, "≤ 300"),
        (NAN, 4000.0, 6000.0, False, False, None, "4,000–6,000"),
        # nothing to show
        (NAN, NAN, NAN, False, False, None, "no figure"),
        (None, None, None, None, None, None, "no figure"),
    ],
)
def test_format_estimate(value, lower, upper, approx, vague, qualifier, expected):
    assert format_estimate(value, lower, upper, approx, vague, qualifier) == expected


def test_format_estimate_bound_falls_back_to_value_when_the_bound_is_missing():
    assert format_estimate(12000.0, None, None, False, False, "up_to") == "≤ 12,000"
    assert format_estimate(13000.0, None, None, False, False, "more_than") == "> 13,000"


def test_format_estimate_accepts_pandas_missing_values():
    assert format_estimate(pd.NA, 2000, pd.NA, pd.NA, True, pd.NA) == "≥ 2,000 (vague)"


@pytest.mark.parametrize(
    ("number", "expected"),
    [(12000.0, "12,000"), (1_000_000, "1,000,000"), (1.5, "1.5"), (0.25, "0.25"),
     (7, "7"), (NAN, "?"), (None, "?")],
)
def test_format_number(number, expected):
    assert format_number(number) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2024, 11, 11), dt.date(2024, 11, 11), "2024-11-11"),      # am Montag
        (dt.date(2024, 10, 1), dt.date(2024, 10, 31), "2024-10"),          # Letzten Monat
        (dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024-02"),            # leap February
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "2023"),              # last year
        (dt.date(2024, 11, 4), dt.date(2024, 11, 10), "2024-11-04–10"),    # Letzte Woche
        (dt.date(2024, 10, 28), dt.date(2024, 11, 3), "2024-10-28–11-03"),
        (dt.date(2023, 12, 25), dt.date(2024, 1, 7), "2023-12-25–2024-01-07"),
        (dt.date(2024, 10, 1), dt.date(2024, 11, 30), "2024-10-01–11-30"),  # two months
        (dt.date(2024, 8, 1), None, "from 2024-08-01"),
        (None, dt.date(2024, 11, 12), "until 2024-11-12"),
        (None, None, "undated"),
        (pd.NaT, pd.NaT, "undated"),
        (pd.Timestamp("2024-11-04"), pd.Timestamp("2024-11-10"), "2024-11-04–10"),
        ("2024-11-11", "2024-11-11", "2024-11-11"),
        (dt.date(2024, 11, 10), dt.date(2024, 11, 4), "2024-11-04–10"),    # swapped ends
    ],
)
def test_format_as_of(start, end, expected):
    assert format_as_of(start, end) == expected


def test_format_claimants():
    assert format_claimants(["USA", "KOR", "UKR"]) == "USA, KOR, UKR"
    assert format_claimants([]) == "unattributed"
    assert format_claimants(None) == "unattributed"
    assert format_claimants(NAN) == "unattributed"
    assert format_claimants("UKR") == "UKR"


def test_format_claim_reads_figure_unit_claimants_and_date():
    row = pd.Series({
        "value": 12000.0, "lower": NAN, "upper": 12000.0, "approx": False, "vague": False,
        "qualifier": "up_to", "unit": "troops", "claimants": ["USA", "KOR", "UKR"],
        "as_of_start": pd.Timestamp("2024-11-12"), "as_of_end": pd.Timestamp("2024-11-12"),
    })
    assert format_claim(row) == "≤ 12,000 troops · USA, KOR, UKR · as of 2024-11-12"


def test_format_claim_without_date_or_claimant_says_so():
    row = {"value": 3000.0, "approx": True, "qualifier": "about", "unit": "soldiers",
           "claimants": [], "as_of_start": None, "as_of_end": None}
    assert format_claim(row) == "≈ 3,000 soldiers · unattributed · as of date not stated"


def test_format_figure_reads_a_claim_row():
    # "fast 3.000" / nearly 3,000: just under, roughly ("≲"), never "≤" (that is "up to").
    nearly = {"value": 3000.0, "lower": NAN, "upper": 3000.0, "approx": True, "vague": False,
              "qualifier": "nearly"}
    assert format_figure(nearly) == "≲ 3,000"
    assert format_figure(pd.Series({**nearly, "qualifier": "up_to", "approx": False})) == "≤ 3,000"
    assert format_figure({"value": 1.5}) == "1.5"


def test_format_as_of_phrase():
    assert format_as_of_phrase(dt.date(2024, 10, 1), dt.date(2024, 10, 31)) == "as of 2024-10"
    assert format_as_of_phrase(None, pd.NaT) == "as of date not stated"
    said = format_as_of_phrase(dt.date(2024, 11, 11), dt.date(2024, 11, 11), "statement")
    assert said == "as of 2024-11-11 (statement date)"
    assert format_as_of_phrase(dt.date(2024, 10, 1), dt.date(2024, 10, 31), "text") == (
        "as of 2024-10"
    )
    assert format_as_of_phrase(None, None, "publication") == "as of date not stated"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(dt.date(2024, 11, 12), "2024-11-12"), (pd.Timestamp("2024-11-12 13:00"), "2024-11-12"),
     ("2024-11-12", "2024-11-12"), (None, ""), (pd.NaT, "")],
)
def test_format_date(value, expected):
    assert format_date(value) == expected
    assert format_date(None, missing="—") == "—"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(["a", "b"], "a, b"), (("a",), "a"), (np.array(["x", "y"]), "x, y"), ([], ""),
     ("RU-KRS", "RU-KRS"), (None, ""), (NAN, ""), (7, "7")],
)
def test_format_list(value, expected):
    assert format_list(value) == expected
