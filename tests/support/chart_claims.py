"""Small claims and events frames for the chart and table tests (typed as the facts are).

``seed_like`` holds four claims shaped like the seed article's (vague thousands, a week,
an approximate day, an upper bound); ``seed_events`` five of its events.
"""

from __future__ import annotations

import math

import pandas as pd

PUBLISHED = pd.Timestamp("2024-11-12")


def claim(claim_id: str = "a:1", **fields) -> dict:
    base = {
        "claim_id": claim_id, "article_id": "a", "value": math.nan, "lower": math.nan,
        "upper": math.nan, "approx": False, "qualifier": None, "vague": False,
        "unit": "troops", "claimants": [], "as_of_start": pd.NaT, "as_of_end": pd.NaT,
        "published": PUBLISHED, "quote": "q",
    }
    base.update(fields)
    return base


def claims(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    for column in ("as_of_start", "as_of_end", "published"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def seed_like() -> pd.DataFrame:
    return claims(
        claim("s:1", lower=2000.0, qualifier="vague", vague=True,
              claimants=["KOR", "USA", "UKR"]),
        claim("s:2", value=10000.0, claimants=["USA"], as_of_start="2024-11-04",
              as_of_end="2024-11-10"),
        claim("s:3", value=50000.0, approx=True, qualifier="about", unit="soldiers",
              claimants=["UKR"], as_of_start="2024-11-11", as_of_end="2024-11-11"),
        claim("s:4", value=12000.0, upper=12000.0, qualifier="up_to",
              claimants=["USA", "KOR", "UKR"], as_of_start="2024-11-12",
              as_of_end="2024-11-12"),
    )


def seed_events() -> pd.DataFrame:
    rows = [
        ("e:1", "incursion_launched", ["UKR"], "2024-08-01", "2024-08-10"),
        ("e:2", "treaty_ratified", ["PRK"], "2024-11-12", "2024-11-12"),
        ("e:3", "treaty_ratified", ["RUS"], "2024-11-04", "2024-11-10"),
        ("e:4", "treaty_signed", ["RUS", "PRK"], None, None),
        ("e:5", "statement", ["UKR"], "2024-11-11", "2024-11-11"),
    ]
    frame = pd.DataFrame(rows, columns=["event_id", "event_type", "actors", "date_start",
                                        "date_end"])
    frame["location"] = None
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


# Six claimants, four units (two families and materiel), 40 claims over five months with
# clusters on the same days: the corpus an analyst builds, not a showcase.
CROWD_CLAIMANTS: tuple[list[str], ...] = (["USA"], ["UKR"], ["KOR"], ["RUS"], ["GBR"],
                                          ["NATO"])
CROWD_UNITS: tuple[str, ...] = ("troops", "soldiers", "killed", "shells")


def crowded_claims(count: int = 40) -> pd.DataFrame:
    """``count`` claims in :data:`CROWD_UNITS` from :data:`CROWD_CLAIMANTS`, every encoding:
    plain, about, up to, at least, range, vague; day, week and month intervals; timed by
    text, by statement and by publication; extracted and reference."""
    scale = {"troops": 1000.0, "soldiers": 1500.0, "killed": 60.0, "shells": 250_000.0}
    qualifiers = (None, "about", "up_to", "at_least", "range", "vague")
    rows = []
    for index in range(count):
        unit = CROWD_UNITS[index % len(CROWD_UNITS)]
        day = pd.Timestamp("2024-10-01") + pd.Timedelta(days=(index * 37) % 150 // 3 * 3)
        span = (0, 0, 6, 29)[index % 4]
        value = scale[unit] * (1 + (index * 7) % 13)
        qualifier = qualifiers[index % len(qualifiers)]
        row = claim(f"crowd:{index}", value=value, qualifier=qualifier, unit=unit,
                    claimants=CROWD_CLAIMANTS[index % len(CROWD_CLAIMANTS)],
                    as_of_start=day, as_of_end=day + pd.Timedelta(days=span),
                    published=day + pd.Timedelta(days=span + 2), article_id=f"art{index % 9}",
                    source="reference" if index % 5 == 0 else "extracted",
                    as_of_source=("text", "statement", "text", "publication")[index % 4],
                    outlet="Example Outlet" if index % 5 == 0 else None,
                    url="https://example.org/n" if index % 5 == 0 else None)
        if qualifier == "up_to":
            row["upper"] = value
        elif qualifier in ("at_least", "vague"):
            row["lower"] = value
            row["value"] = math.nan if qualifier == "vague" else value
            row["vague"] = qualifier == "vague"
        elif qualifier == "range":
            row.update(value=math.nan, lower=value, upper=value * 1.4)
        elif qualifier == "about":
            row["approx"] = True
        if row["as_of_source"] == "publication":
            row["as_of_start"] = row["as_of_end"] = pd.NaT
        rows.append(row)
    return claims(*rows)
