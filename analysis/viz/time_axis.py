"""The time axis shared by the estimates chart and the events timeline.

Both charts place intervals of whole days: a day is drawn from its midnight to the next,
so an interval's last day is included (``end + ONE_DAY``).
"""

from __future__ import annotations

from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes

from analysis.core.schema import is_missing

ONE_DAY = pd.Timedelta(days=1)


def day_of(value: Any) -> pd.Timestamp | None:
    """A date cell as a Timestamp at midnight; None when missing."""
    if is_missing(value):
        return None
    return pd.Timestamp(value).normalize()


def style_date_axis(ax: Axes) -> None:
    """Three to eight date ticks with concise labels ("Nov", "04", "2024")."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
