"""How the estimates chart encodes claims: pure functions, tested without drawing.

:func:`estimate_glyphs` decides the encoding; :mod:`analysis.viz.estimates_chart` only draws:

* x is the claim's as-of interval: a point for a single day, a bar across the days for a
  week ("letzte Woche") or a month ("letzten Monat"). A claim whose count has no time of
  its own is placed at its statement date, else at its article's publication date (the
  extractor's ``as_of`` already falls back so; ``hollow`` marks the latter).
* y is the figure: a marker at the number, a vertical interval for a range, an arrow
  open upwards for "more than" / "at least", downwards for "up to", and a hatched band
  open at the top for vague counts
  ("Tausende" = at least 2,000; the band reaches the next order of magnitude the word
  names, ×:data:`VAGUE_BAND_FACTOR`).
* colour: who makes the claim (claimants), "unattributed" when the outlet itself says it.
* marker shape: where the claim comes from (``source``): a circle for a claim extracted
  from the corpus, a square for a reference claim coded from public reporting.
* marker fill: what times it (``as_of_source``, issue 11): filled when the text gives the
  time the figure refers to, half-filled when it is timed by its statement (the day the
  claim was made), hollow when only the publication date places it.
* panels: one per unit family (:data:`analysis.core.schema.UNIT_FAMILIES`: forces, losses,
  materiel); units of different families never share an axis.
* dashed vertical lines: events whose type is marked ``chart_line`` in
  ``data/lexicon/event_types.csv`` (incursions, treaty signing / ratification).

Many claims overplot, so above :data:`DETAIL_LIMIT` claims in a panel the chart aggregates
them per ISO week and claimant (median and min–max of the figures, count printed).
Claims that cannot be drawn (no figure, infinite or reversed bounds) are left out here and
listed by :func:`analysis.viz.claim_checks.screen_claims`.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from analysis.core.labels import format_figure
from analysis.core.schema import FAMILY_OF_UNIT, is_missing
from analysis.lexicon.event_types import event_types
from analysis.viz.claim_checks import problem
from analysis.viz.tables import list_cell
from analysis.viz.time_axis import ONE_DAY, day_of

DETAIL_LIMIT = 60  # per panel
LABEL_LIMIT = 40  # up to this many glyphs in a panel each gets its figure written beside it
FACET_LIMIT = 6
VAGUE_BAND_FACTOR = 5.0
UNATTRIBUTED = "unattributed"
OTHER_CLAIMANTS = "other claimants"
# The chart shows at least this much time, so a single week of claims still has context.
MIN_WINDOW = pd.Timedelta(days=21)

GLYPH_COLUMNS: tuple[str, ...] = (
    "claim_id", "article_id", "x_start", "x_end", "is_point", "hollow", "y", "y_low",
    "y_high", "open_up", "open_down", "vague_band", "approx", "colour_key", "label",
    "unit", "family", "source", "timing",
)
TIMINGS: tuple[str, ...] = ("text", "statement", "publication")
# Colour-blind-safe (Okabe–Ito, then Tol). Frequent single claimants keep a fixed colour
# in every figure; other keys (joint statements, rarer claimants) take the free colours by
# frequency; beyond that they share grey as "other claimants".
FIXED_COLOURS: dict[str, str] = {
    "USA": "#0072B2", "UKR": "#E69F00", "KOR": "#009E73", "RUS": "#D55E00",
    "PRK": "#CC79A7", "NATO": "#56B4E9", UNATTRIBUTED: "#000000",
}
FREE_COLOURS: tuple[str, ...] = ("#332288", "#44AA99", "#882255", "#117733", "#AA4499")
OTHER_COLOUR = "#999999"
PALETTE: tuple[str, ...] = (*FIXED_COLOURS.values(), *FREE_COLOURS, OTHER_COLOUR)
ENCODING_COLOUR = "#555555"


def _number(value: Any) -> float:
    return math.nan if is_missing(value) else float(value)


def claimant_key(claimants: Any) -> str:
    """The colour key of a claim: its claimant codes joined with '+', or 'unattributed'."""
    codes = sorted({str(c) for c in list_cell(claimants) if not is_missing(c) and str(c)})
    return "+".join(codes) if codes else UNATTRIBUTED


def timing_of(claim: dict[str, Any]) -> str:
    """What places the claim in time: ``text``, ``statement`` or ``publication``.

    The ``as_of_source`` column says it (issue 11's time columns); where it is absent or
    empty, a claim with an as-of date is timed by its text, one without by publication.
    """
    source = claim.get("as_of_source")
    if not is_missing(source) and str(source) in TIMINGS:
        return str(source)
    dated = not (is_missing(claim.get("as_of_start")) and is_missing(claim.get("as_of_end")))
    return "text" if dated else "publication"


def estimate_glyphs(claims: pd.DataFrame) -> pd.DataFrame:
    """How each claim is drawn: one row per claim with :data:`GLYPH_COLUMNS`.

    ``x_start``/``x_end`` are the first and last day (inclusive) of the as-of interval
    (the publication day, ``hollow``, when there is none); ``is_point`` when they are
    the same day. ``y`` is where the marker sits; ``y_low``/``y_high`` the drawn
    interval (NaN where open); ``open_up``/``open_down`` draw an arrow; ``vague_band``
    a hatched band from ``y_low`` to ``y_high``. ``family`` is the unit's family,
    ``source`` extracted or reference, ``timing`` one of :data:`TIMINGS`. Claims that
    cannot be drawn (see :func:`analysis.viz.claim_checks.problem`) are left out.
    """
    rows = []
    for claim in claims.to_dict("records"):
        if problem(claim) is not None:
            continue
        value, lower, upper = (_number(claim.get(k)) for k in ("value", "lower", "upper"))
        qualifier = None if is_missing(claim.get("qualifier")) else str(claim.get("qualifier"))
        vague = bool(claim.get("vague")) if not is_missing(claim.get("vague")) else False
        vague = vague or qualifier == "vague"
        approx = bool(claim.get("approx")) if not is_missing(claim.get("approx")) else False
        start, end = day_of(claim.get("as_of_start")), day_of(claim.get("as_of_end"))
        undated = start is None and end is None
        if undated:  # a table from before the time columns: placed at publication
            start = end = day_of(claim.get("published"))
        timing = "publication" if undated else timing_of(claim)
        hollow = timing == "publication"
        start, end = start or end, end or start
        if start is None:
            continue  # neither as-of nor publication date: nothing to place it at
        if end < start:
            start, end = end, start

        y = y_low = y_high = math.nan
        open_up = open_down = band = False
        if vague:
            y_low = lower if not math.isnan(lower) else value
            y = y_low
            y_high = upper if not math.isnan(upper) else y_low * VAGUE_BAND_FACTOR
            band = True
        elif qualifier in ("more_than", "at_least") or (
            math.isnan(upper) and not math.isnan(lower) and qualifier != "range"
            and (math.isnan(value) or value == lower)
        ):
            y = y_low = lower if not math.isnan(lower) else value
            open_up = True
        elif qualifier == "up_to" or (
            math.isnan(lower) and not math.isnan(upper) and qualifier != "nearly"
            and (math.isnan(value) or value == upper)
        ):
            y = y_high = upper if not math.isnan(upper) else value
            open_down = True
        elif not math.isnan(lower) and not math.isnan(upper) and lower != upper:
            y_low, y_high = lower, upper
            y = value if not math.isnan(value) else (lower + upper) / 2
        else:
            y = value if not math.isnan(value) else (upper if not math.isnan(upper) else lower)
            y_low = y_high = y
            approx = approx or qualifier in ("about", "nearly")
        if math.isnan(y):
            continue
        rows.append({
            "claim_id": claim.get("claim_id"),
            "article_id": claim.get("article_id"),
            "x_start": start,
            "x_end": end,
            "is_point": start == end,
            "hollow": hollow,
            "y": float(y),
            "y_low": float(y_low),
            "y_high": float(y_high),
            "open_up": open_up,
            "open_down": open_down,
            "vague_band": band,
            "approx": approx,
            "colour_key": claimant_key(claim.get("claimants")),
            "label": format_figure(claim),
            "unit": claim.get("unit"),
            "family": FAMILY_OF_UNIT.get(str(claim.get("unit")), "materiel"),
            "source": "reference" if claim.get("source") == "reference" else "extracted",
            "timing": timing,
        })
    frame = pd.DataFrame(rows, columns=list(GLYPH_COLUMNS))
    for column in ("x_start", "x_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def colour_keys(glyphs: pd.DataFrame) -> dict[str, str]:
    """Colour per claimant key present, most frequent first (ties by name).

    Known single claimants use :data:`FIXED_COLOURS`; the other keys take
    :data:`FREE_COLOURS` in order; keys beyond those get :data:`OTHER_COLOUR`.
    """
    counts = glyphs["colour_key"].value_counts()
    ordered = sorted(counts.index, key=lambda k: (-counts[k], k == UNATTRIBUTED, k))
    free = iter(FREE_COLOURS)
    return {key: FIXED_COLOURS.get(key) or next(free, OTHER_COLOUR) for key in ordered}


def facet_keys(glyphs: pd.DataFrame, limit: int = FACET_LIMIT) -> dict[str, str]:
    """Panel per claimant key: the ``limit - 1`` most frequent keep their own, others share."""
    counts = glyphs["colour_key"].value_counts()
    ordered = sorted(counts.index, key=lambda k: (-counts[k], k))
    if len(ordered) <= limit:
        return {k: k for k in ordered}
    return {k: (k if i < limit - 1 else OTHER_CLAIMANTS) for i, k in enumerate(ordered)}


def aggregate_glyphs(glyphs: pd.DataFrame, by: str = "colour_key") -> pd.DataFrame:
    """Weekly summary per ``by`` group: claims count, median, min and max of the figures.

    A claim belongs to the ISO week (Monday–Sunday) of the middle of its as-of interval.
    Bounds count as figures: an "up to 12,000" contributes 12,000. Columns: ``by``,
    ``week_start``, ``week_end``, ``n``, ``y_median``, ``y_min``, ``y_max``, ``hollow_share``.
    """
    columns = [by, "week_start", "week_end", "n", "y_median", "y_min", "y_max", "hollow_share"]
    if glyphs.empty:
        return pd.DataFrame(columns=columns)
    middle = glyphs["x_start"] + (glyphs["x_end"] - glyphs["x_start"]) / 2
    week_start = (middle - pd.to_timedelta(middle.dt.day_of_week, unit="D")).dt.normalize()
    work = glyphs.assign(week_start=week_start)
    grouped = work.groupby([by, "week_start"], sort=True)
    result = grouped.agg(
        n=("y", "size"), y_median=("y", "median"), y_min=("y", "min"), y_max=("y", "max"),
        hollow_share=("hollow", "mean"),
    ).reset_index()
    result["week_end"] = result["week_start"] + pd.Timedelta(days=6)
    return result[columns]


def x_window(
    glyphs: pd.DataFrame, lines: pd.DataFrame | None = None
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The x range: the claims' days, widened to at least :data:`MIN_WINDOW` (to the left,
    i.e. back in time, where the context is) and padded. Events outside are not fitted in:
    an incursion months earlier would squeeze the claims into a corner; they are noted at
    the edge instead (see :func:`split_events`).
    """
    if glyphs.empty and (lines is None or lines.empty):
        today = pd.Timestamp("2024-01-01")
        return today - MIN_WINDOW, today
    if glyphs.empty:
        first, last = lines["_start"].min(), lines["_end"].max() + ONE_DAY
    else:
        first, last = glyphs["x_start"].min(), glyphs["x_end"].max() + ONE_DAY
    if last - first < MIN_WINDOW:
        first = last - MIN_WINDOW
    pad = max(pd.Timedelta(days=3), (last - first) * 0.05)
    return first - pad, last + pad


def split_events(
    lines: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events that touch the x window (drawn) and those entirely outside it (noted)."""
    if lines.empty:
        return lines, lines
    inside = (lines["_end"] + ONE_DAY >= window[0]) & (lines["_start"] <= window[1])
    return lines[inside], lines[~inside]


def chart_events(events: pd.DataFrame | None) -> pd.DataFrame:
    """The dated events drawn as reference lines (types with ``chart_line`` in the vocabulary)."""
    columns = ["event_id", "event_type", "label", "_start", "_end"]
    if events is None or events.empty:
        return pd.DataFrame(columns=columns)
    vocabulary = event_types()
    rows = []
    for event in events.to_dict("records"):
        kind = vocabulary.get(event.get("event_type"))
        start, end = day_of(event.get("date_start")), day_of(event.get("date_end"))
        if kind is None or not kind.chart_line or (start is None and end is None):
            continue
        actors = list_cell(event.get("actors"))
        who = f" ({', '.join(actors)})" if actors else ""
        rows.append({"event_id": event.get("event_id"), "event_type": kind.type,
                     "label": f"{kind.short_label}{who}", "_start": start or end,
                     "_end": end or start})
    frame = pd.DataFrame(rows, columns=columns)
    # One line per (type, label, dates) even if several articles report it.
    return frame.drop_duplicates(["event_type", "label", "_start", "_end"]).reset_index(drop=True)


def dodge_offsets(glyphs: pd.DataFrame, step: pd.Timedelta) -> pd.Series:
    """Horizontal offsets so glyphs centred on the same day sit side by side, not on top."""
    middle = glyphs["x_start"] + (glyphs["x_end"] + ONE_DAY - glyphs["x_start"]) / 2
    offsets = pd.Series([pd.Timedelta(0)] * len(glyphs), index=glyphs.index)
    for _, group in glyphs.groupby(middle, sort=False):
        count = len(group)
        for rank, index in enumerate(group.sort_values(["colour_key", "y"]).index):
            offsets[index] = step * (rank - (count - 1) / 2)
    return offsets


