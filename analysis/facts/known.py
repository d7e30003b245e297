"""What was on record by a date: the one "known by date X" filter.

Every notebook, the explorer, the maps and the report cut the facts the same way: a claim
(or event) is known by ``as_of`` when its article was published on or before that day.
The as-of interval of a claim (the time its count refers to) plays no part here; that is
a filter of its own (``date_from``/``date_to`` in :mod:`analysis.explore`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.core.params import check_date
from analysis.core.schema import is_missing


def known_by(frame: pd.DataFrame, as_of: Any, *, name: str = "as_of") -> pd.DataFrame:
    """Rows of ``frame`` published on or before ``as_of``; ``None`` or ``""`` keeps all.

    ``as_of`` is a date, a datetime/Timestamp or an ISO ``YYYY-MM-DD`` string; anything else
    is a :class:`~analysis.core.errors.ParameterError` naming the parameter ``name``.
    The frame keeps its order, index and columns.
    """
    cutoff = check_date(name, None if is_missing(as_of) else as_of)
    if cutoff is None:
        return frame
    published = pd.to_datetime(frame["published"], errors="coerce").dt.normalize()
    return frame.loc[published <= pd.Timestamp(cutoff)]
