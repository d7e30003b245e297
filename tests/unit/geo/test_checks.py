"""The location parameter is checked against the place vocabulary."""

from __future__ import annotations

import pytest

from analysis.core.errors import ParameterError
from analysis.geo.checks import check_location


def test_check_location_accepts_codes_and_gazetteer_towns():
    assert check_location("location", "RU-KRS") == "RU-KRS"
    assert check_location("location", "RUS") == "RUS"
    assert check_location("location", "Sudzha") == "Sudzha"
    assert check_location("location", None) is None
    with pytest.raises(ParameterError, match="gazetteer"):
        check_location("location", "Atlantis")
