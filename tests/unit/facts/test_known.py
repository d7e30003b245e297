"""The one "known by date X" filter."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.core.errors import ParameterError
from analysis.facts.known import known_by

FRAME = pd.DataFrame(
    {
        "claim_id": ["a:1", "b:1", "c:1"],
        "published": pd.to_datetime(["2024-11-12", "2024-12-19", "2025-01-14"]),
    },
    index=[10, 20, 30],
)


@pytest.mark.parametrize(
    "as_of", ["2024-12-19", dt.date(2024, 12, 19), dt.datetime(2024, 12, 19, 23, 59),
              pd.Timestamp("2024-12-19")],
)
def test_keeps_what_was_published_on_or_before_the_day(as_of):
    assert list(known_by(FRAME, as_of)["claim_id"]) == ["a:1", "b:1"]


@pytest.mark.parametrize("as_of", [None, "", pd.NaT, float("nan")])
def test_no_cut_off_keeps_everything(as_of):
    assert known_by(FRAME, as_of) is FRAME


def test_keeps_index_order_and_columns():
    kept = known_by(FRAME, "2025-01-01")
    assert list(kept.index) == [10, 20] and list(kept.columns) == list(FRAME.columns)


def test_a_day_before_everything_leaves_an_empty_frame_with_the_columns():
    kept = known_by(FRAME, "2024-01-01")
    assert kept.empty and list(kept.columns) == list(FRAME.columns)


def test_works_on_text_dates_as_well():
    frame = FRAME.assign(published=["2024-11-12", "2024-12-19", "2025-01-14"])
    assert list(known_by(frame, "2024-11-30")["claim_id"]) == ["a:1"]


@pytest.mark.parametrize("bad", ["last tuesday", "2024-02-30", 20241219])
def test_a_bad_date_names_the_parameter(bad):
    with pytest.raises(ParameterError, match="'cut_off'"):
        known_by(FRAME, bad, name="cut_off")
