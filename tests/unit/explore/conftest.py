"""The claims fixture shared by the explorer tests."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.support.explore_claims import sample_claims


@pytest.fixture
def claims() -> pd.DataFrame:
    return sample_claims()
