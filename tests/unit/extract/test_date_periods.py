"""Calendar periods: ISO weeks and months (analysis/extract/date_periods.py)."""

from __future__ import annotations

from analysis.extract.date_periods import iso_week_bounds, month_bounds
from tests.unit.extract.date_cases import TUE, D

# --------------------------------------------------------------------------- helpers, errors


def test_iso_week_bounds() -> None:
    assert iso_week_bounds(TUE) == (D(2024, 11, 11), D(2024, 11, 17))
    assert iso_week_bounds(D(2024, 11, 11)) == (D(2024, 11, 11), D(2024, 11, 17))
    assert iso_week_bounds(D(2024, 11, 17)) == (D(2024, 11, 11), D(2024, 11, 17))
    assert iso_week_bounds(D(2025, 1, 1)) == (D(2024, 12, 30), D(2025, 1, 5))


def test_month_bounds() -> None:
    assert month_bounds(2024, 2) == (D(2024, 2, 1), D(2024, 2, 29))
    assert month_bounds(2023, 2) == (D(2023, 2, 1), D(2023, 2, 28))
    assert month_bounds(2024, 12) == (D(2024, 12, 1), D(2024, 12, 31))
