"""Checks of drawn maps: which claims a saved SVG shows, artists by SVG id, a crowded place."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure

from tests.support.geo_claims import _claim, typed_claims


def svg_claim_ids(path: Path) -> set[str]:
    """The claim ids of every ``claim-<id>`` element in an SVG file."""
    return set(re.findall(r'id="claim-([^"]+)"', path.read_text(encoding="utf-8")))


def artist_by_gid(fig: Figure, gid: str) -> Artist:
    """The one artist of ``fig`` with SVG id ``gid``."""
    found = [a for a in fig.findobj() if getattr(a, "get_gid", lambda: None)() == gid]
    assert len(found) == 1, gid
    return found[0]


def many_claims_at_sudzha(count: int) -> pd.DataFrame:
    """``count`` North Korean soldier claims at Sudzha, 1,000, 1,100, ... (UKR claims them)."""
    rows = [_claim(100 + i, f"{1000 + 100 * i} Soldaten bei Sudscha", value=1000.0 + 100 * i,
                   unit="soldiers", actor="PRK", location="Sudzha", claimants=["UKR"])
            for i in range(count)]
    return typed_claims(rows)
