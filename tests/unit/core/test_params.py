"""Parameter validators that the notebooks' validation cells call (besides check_date,
check_choice... in test_foundation): actor codes, date ranges and missing dates."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from analysis.core.errors import ParameterError
from analysis.core.params import check_actor, check_date, check_date_range


def test_check_actor_takes_alpha3_codes_or_none():
    assert check_actor("actor", "PRK") == "PRK"
    assert check_actor("actor", None) is None
    assert check_actor("actor", "") is None
    with pytest.raises(ParameterError, match="'actor' = 'prk'"):
        check_actor("actor", "prk")
    with pytest.raises(ParameterError, match="alpha-3 code such as PRK"):
        check_actor("actor", "NKOR")


def test_check_date_range_names_both_ends_and_the_fix():
    check_date_range(None, dt.date(2024, 1, 1))
    check_date_range(dt.date(2024, 1, 1), dt.date(2024, 1, 1))
    with pytest.raises(ParameterError, match="swap") as reversed_range:
        check_date_range(dt.date(2024, 2, 1), dt.date(2024, 1, 1))
    assert "date_from = 2024-02-01 is after date_to = 2024-01-01" in str(reversed_range.value)


@pytest.mark.parametrize("missing", [None, "", math.nan, pd.NaT, pd.NA])
def test_check_date_reads_missing_table_cells_as_no_date(missing):
    assert check_date("as_of", missing) is None
    with pytest.raises(ParameterError, match="'as_of' is required"):
        check_date("as_of", missing, allow_none=False)
