"""The estimates chart's legend entries and notes: who claims, how to read, what is left out.

Kept apart from the drawing (:mod:`analysis.viz.estimates_chart`) so each stays short;
the encoding itself is decided in :mod:`analysis.viz.estimate_glyphs`.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.core.labels import format_as_of
from analysis.core.schema import UNIT_FAMILIES
from analysis.viz.estimate_glyphs import (
    ENCODING_COLOUR,
    OTHER_CLAIMANTS,
    OTHER_COLOUR,
    VAGUE_BAND_FACTOR,
)

# Marker shape by source, fill by what times the claim (see estimate_glyphs).
SOURCE_MARKER = {"extracted": "o", "reference": "s"}
TIMING_FILL = {"text": "full", "statement": "left", "publication": "none"}
MARKER_SIZE = {"o": 8.0, "s": 6.3}  # the corpus's own claims a little larger


def marker_style(colour: str, source: str, timing: str) -> dict[str, Any]:
    """Matplotlib keyword arguments for a claim's marker."""
    marker = SOURCE_MARKER.get(source, "o")
    fill = TIMING_FILL.get(timing, "full")
    return {
        "marker": marker, "markersize": MARKER_SIZE[marker], "color": colour,
        "markeredgecolor": colour, "markeredgewidth": 1.5,
        "fillstyle": "full" if fill == "none" else fill,
        "markerfacecolor": "white" if fill == "none" else colour,
        "markerfacecoloralt": "white", "linestyle": "none",
    }


def claimant_handles(colours: dict[str, str]) -> list[Any]:
    handles: list[Any] = [
        Line2D([], [], marker="s", markersize=8, color=colour, linestyle="none", label=key)
        for key, colour in colours.items() if colour != OTHER_COLOUR
    ]
    if OTHER_COLOUR in colours.values():
        handles.append(Line2D([], [], marker="s", markersize=8, color=OTHER_COLOUR,
                              linestyle="none", label=OTHER_CLAIMANTS))
    return handles


def encoding_handles(glyphs: pd.DataFrame, has_events: bool, aggregated: bool) -> list[Any]:
    """"How to read" entries for what the chart actually shows (nothing it does not)."""
    grey = ENCODING_COLOUR
    handles: list[Any] = []
    for source, text in (("extracted", "circle: extracted from the corpus"),
                         ("reference", "square: reference (public reporting)")):
        if (glyphs["source"] == source).any():
            handles.append(Line2D([], [], label=text, **marker_style(grey, source, "text")))
    shape = "s" if (glyphs["source"] == "reference").all() else "o"
    source_of_shape = "reference" if shape == "s" else "extracted"
    texts = {"text": "filled: as of the time in its text",
             "statement": "half: timed by its statement",
             "publication": "hollow: only its publication date"}
    present = [t for t in texts if (glyphs["timing"] == t).any()]
    if present != ["text"]:  # all timed by their text: nothing to tell apart
        for timing in present:
            handles.append(Line2D([], [], label=texts[timing],
                                  **marker_style(grey, source_of_shape, timing)))
    if aggregated:
        handles.append(Line2D([], [], marker="o", color=grey, linewidth=2,
                              label="week: median and min–max (n = claims)"))
    else:
        if not glyphs["is_point"].all():
            handles.append(Line2D([], [], color=grey, linewidth=4, alpha=0.45,
                                  label="bar: as of a period"))
        ranged = (glyphs["y_low"] != glyphs["y_high"]) & glyphs["y_low"].notna() & glyphs[
            "y_high"].notna() & ~glyphs["vague_band"]
        if ranged.any():
            handles.append(Line2D([], [], marker="_", markersize=10, color=grey,
                                  linewidth=1.6, label="range: between two figures"))
        if glyphs["open_up"].any():
            handles.append(Line2D([], [], marker="^", color=grey, linestyle="none",
                                  label="arrow up: more than / at least"))
        if glyphs["open_down"].any():
            handles.append(Line2D([], [], marker="v", color=grey, linestyle="none",
                                  label="arrow down: up to"))
        if glyphs["vague_band"].any():
            handles.append(Patch(facecolor="none", edgecolor=grey, hatch="///",
                                 label=f"vague (\"thousands\"): band ×{VAGUE_BAND_FACTOR:g}"))
    if has_events:
        handles.append(Line2D([], [], color=grey, linestyle="--",
                              label="event (shaded: its dates)"))
    return handles


def source_line(claims: pd.DataFrame, shown: int) -> str:
    """Where the plotted claims come from, for the line under the chart."""
    sources = claims["source"] if "source" in claims.columns else pd.Series(
        "extracted", index=claims.index)
    extracted = claims[sources != "reference"]
    reference = claims[sources == "reference"]
    parts = []
    if len(extracted):
        articles = sorted(extracted["article_id"].dropna().astype(str).unique())
        published = pd.to_datetime(extracted["published"]).dropna()
        when = format_as_of(published.min(), published.max()) if len(published) else "undated"
        which = ", ".join(articles) if len(articles) <= 2 else f"{len(articles)} articles"
        parts.append(f"{len(extracted)} extracted by nk-claims from {which} (published {when})")
    if len(reference):
        outlets = reference["outlet"].dropna().nunique() if "outlet" in reference else 0
        parts.append(f"{len(reference)} reference claims coded from public reporting "
                     f"({outlets} {'outlet' if outlets == 1 else 'outlets'}, "
                     "data/curated/reference_claims.csv)")
    return (f"Source: {shown} claim(s) drawn; " + " and ".join(parts)
            + ". Each is traceable by claim_id to its quote or source URL.")


def timing_note(glyphs: pd.DataFrame) -> str:
    """Say how many claims the text does not time (drawn half-filled or hollow)."""
    statement = int((glyphs["timing"] == "statement").sum())
    publication = int((glyphs["timing"] == "publication").sum())
    parts = []
    if statement:
        parts.append(f"{statement} timed by the day they were stated (half-filled)")
    if publication:
        parts.append(f"{publication} placed at their publication date (hollow)")
    if not parts:
        return ""
    return "No time in the text for " + " and ".join(parts) + "."


def hidden_units_note(candidates: pd.DataFrame, units: list[str], parameter: str = "units"
                      ) -> str:
    """A line saying how many of ``candidates`` the unit filter hides, by family and unit,
    and which parameter shows them ("" when it hides none)."""
    hidden = candidates[~candidates["unit"].isin(units)]
    if hidden.empty:
        return f"Every claim of the other filters has one of the units shown ({len(candidates)})."
    counts = hidden["unit"].value_counts()
    by_family = []
    for family, members in UNIT_FAMILIES.items():
        parts = [f"{unit} {counts[unit]}" for unit in members if unit in counts]
        if parts:
            by_family.append(f"{family}: {', '.join(parts)}")
    example = json.dumps([*units, *[u for u in counts.index if u not in units]])
    claims_word = "claim is" if len(hidden) == 1 else "claims are"
    return (f"{len(hidden)} more {claims_word} not shown because of their unit "
            f"({'; '.join(by_family)}). The `{parameter}` parameter shows them, e.g. "
            f"-p {parameter} '{example}'.")
