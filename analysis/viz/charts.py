"""Estimates over time, with their uncertainty, and a timeline of dated events.

The encoding (a pure function, :func:`estimate_glyphs`, decides it; the plot only draws):

* x is the claim's as-of interval: a point for a single day, a bar across the days for a
  week ("letzte Woche") or a month ("letzten Monat"). A claim without a time expression
  is placed at its article's publication date with a *hollow* marker.
* y is the figure: a dot for a plain number, a diamond for an approximate one ("rund"),
  a vertical interval for a range, an arrow open upwards for "more than" / "at least",
  downwards for "up to", and a hatched band open at the top for vague counts
  ("Tausende" = at least 2,000; the band reaches the next order of magnitude the word
  names, ×:data:`VAGUE_BAND_FACTOR`).
* colour: who makes the claim (claimants), "unattributed" when the outlet itself says it.
* dashed vertical lines: events whose type is marked ``chart_line`` in
  ``data/lexicon/event_types.csv`` (incursions, treaty signing / ratification).

Many claims overplot, so above :data:`DETAIL_LIMIT` claims the chart aggregates them per
ISO week and claimant (median and min–max of the figures, count printed) and, when it owns
the figure, facets by claimant (one panel each for the :data:`FACET_LIMIT` most frequent,
the rest together).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from analysis.core.errors import ParameterError
from analysis.core.labels import format_as_of, format_estimate
from analysis.core.schema import is_missing

DETAIL_LIMIT = 60
LABEL_LIMIT = 20  # up to this many glyphs each gets its figure written next to it
FACET_LIMIT = 6
VAGUE_BAND_FACTOR = 5.0
UNATTRIBUTED = "unattributed"
OTHER_CLAIMANTS = "other claimants"
ONE_DAY = pd.Timedelta(days=1)
# The chart shows at least this much time, so a single week of claims still has context.
MIN_WINDOW = pd.Timedelta(days=21)

GLYPH_COLUMNS: tuple[str, ...] = (
    "claim_id", "article_id", "x_start", "x_end", "is_point", "hollow", "y", "y_low",
    "y_high", "open_up", "open_down", "vague_band", "approx", "colour_key", "label",
)
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


def _day(value: Any) -> pd.Timestamp | None:
    if is_missing(value):
        return None
    return pd.Timestamp(value).normalize()


def claimant_key(claimants: Any) -> str:
    """The colour key of a claim: its claimant codes joined with '+', or 'unattributed'."""
    if isinstance(claimants, str):
        claimants = [claimants] if claimants else []
    if claimants is None or (not isinstance(claimants, Iterable)) or is_missing(claimants):
        return UNATTRIBUTED
    codes = sorted({str(c) for c in claimants if not is_missing(c) and str(c)})
    return "+".join(codes) if codes else UNATTRIBUTED


def estimate_glyphs(claims: pd.DataFrame) -> pd.DataFrame:
    """How each claim is drawn: one row per claim with :data:`GLYPH_COLUMNS`.

    ``x_start``/``x_end`` are the first and last day (inclusive) of the as-of interval
    (the publication day, ``hollow``, when there is none); ``is_point`` when they are
    the same day. ``y`` is where the marker sits; ``y_low``/``y_high`` the drawn
    interval (NaN where open); ``open_up``/``open_down`` draw an arrow; ``vague_band``
    a hatched band from ``y_low`` to ``y_high``. Claims without any figure are left out.
    """
    rows = []
    for claim in claims.to_dict("records"):
        value, lower, upper = (_number(claim.get(k)) for k in ("value", "lower", "upper"))
        qualifier = None if is_missing(claim.get("qualifier")) else str(claim.get("qualifier"))
        vague = bool(claim.get("vague")) if not is_missing(claim.get("vague")) else False
        vague = vague or qualifier == "vague"
        approx = bool(claim.get("approx")) if not is_missing(claim.get("approx")) else False
        start, end = _day(claim.get("as_of_start")), _day(claim.get("as_of_end"))
        hollow = start is None and end is None
        if hollow:
            start = end = _day(claim.get("published"))
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
            "label": format_estimate(
                claim.get("value"), claim.get("lower"), claim.get("upper"),
                claim.get("approx", False), claim.get("vague", False), claim.get("qualifier"),
            ),
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


def _thousands(value: float, _position: Any) -> str:
    return f"{value:,.0f}"


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
    from analysis.extract.events import event_types

    vocabulary = event_types()
    rows = []
    for event in events.to_dict("records"):
        kind = vocabulary.get(event.get("event_type"))
        start, end = _day(event.get("date_start")), _day(event.get("date_end"))
        if kind is None or not kind.chart_line or (start is None and end is None):
            continue
        actors = event.get("actors")
        actors = [] if actors is None or _missing_list(actors) else list(actors)
        who = f" ({', '.join(actors)})" if actors else ""
        rows.append({"event_id": event.get("event_id"), "event_type": kind.type,
                     "label": f"{kind.short_label}{who}", "_start": start or end,
                     "_end": end or start})
    frame = pd.DataFrame(rows, columns=columns)
    # One line per (type, label, dates) even if several articles report it.
    return frame.drop_duplicates(["event_type", "label", "_start", "_end"]).reset_index(drop=True)


def _missing_list(value: Any) -> bool:
    return not isinstance(value, list | tuple | np.ndarray) and is_missing(value)


def _draw_events(ax: Axes, lines: pd.DataFrame, label_text: bool = True) -> None:
    transform = ax.get_xaxis_transform()
    for event in lines.to_dict("records"):
        start, end = event["_start"], event["_end"]
        if start == end:
            ax.axvline(start + ONE_DAY / 2, color=ENCODING_COLOUR, linestyle="--",
                       linewidth=0.9, zorder=1)
        else:
            ax.axvspan(start, end + ONE_DAY, color=ENCODING_COLOUR, alpha=0.10, zorder=0,
                       linewidth=0)
            ax.axvline(start, color=ENCODING_COLOUR, linestyle="--", linewidth=0.9, zorder=1)
        if label_text:
            # Vertical, along its line: neighbouring events' labels do not collide.
            x = start + ONE_DAY / 2 if start == end else start
            ax.text(x, 0.99, f"{event['label']} ", transform=transform, rotation=90,
                    ha="right", va="top", fontsize=7, color=ENCODING_COLOUR, zorder=5)


def _note_outside_events(ax: Axes, outside: pd.DataFrame, window: tuple[pd.Timestamp, ...]) -> None:
    before = outside[outside["_end"] < window[0]]
    after = outside[outside["_start"] > window[1]]
    for frame, x, arrow, align in ((before, 0.0, "◀", "left"), (after, 1.0, "▶", "right")):
        if frame.empty:
            continue
        lines = [f"{arrow} {e['label']}, {format_as_of(e['_start'], e['_end'])}"
                 for e in frame.sort_values("_start").to_dict("records")]
        ax.text(x, 0.99, "\n".join(lines), transform=ax.transAxes, ha=align, va="top",
                fontsize=7, color=ENCODING_COLOUR, zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})


def dodge_offsets(glyphs: pd.DataFrame, step: pd.Timedelta) -> pd.Series:
    """Horizontal offsets so glyphs centred on the same day sit side by side, not on top."""
    middle = glyphs["x_start"] + (glyphs["x_end"] + ONE_DAY - glyphs["x_start"]) / 2
    offsets = pd.Series([pd.Timedelta(0)] * len(glyphs), index=glyphs.index)
    for _, group in glyphs.groupby(middle, sort=False):
        count = len(group)
        for rank, index in enumerate(group.sort_values(["colour_key", "y"]).index):
            offsets[index] = step * (rank - (count - 1) / 2)
    return offsets


def _draw_glyphs(ax: Axes, glyphs: pd.DataFrame, colours: dict[str, str], *, labels: bool,
                 step: pd.Timedelta) -> None:
    offsets = dodge_offsets(glyphs, step)
    for index, glyph in zip(glyphs.index, glyphs.to_dict("records"), strict=True):
        colour = colours.get(glyph["colour_key"], OTHER_COLOUR)
        start, end = glyph["x_start"], glyph["x_end"] + ONE_DAY
        middle = start + (end - start) / 2 + offsets[index]
        y = glyph["y"]
        if not glyph["is_point"]:
            ax.plot([start, end], [y, y], color=colour, linewidth=4, alpha=0.45,
                    solid_capstyle="butt", zorder=2)
        if glyph["vague_band"]:
            half = max((end - start) / 2, step)
            ax.fill_between([middle - half, middle + half], glyph["y_low"], glyph["y_high"],
                            facecolor="none", edgecolor=colour, hatch="///", linewidth=0,
                            alpha=0.6, zorder=1)
            ax.plot([middle - half, middle + half], [glyph["y_low"]] * 2, color=colour,
                    linewidth=1.2, zorder=2)
        elif not math.isnan(glyph["y_low"]) and not math.isnan(glyph["y_high"]) and (
            glyph["y_low"] != glyph["y_high"]
        ):
            ax.plot([middle, middle], [glyph["y_low"], glyph["y_high"]], color=colour,
                    linewidth=1.6, zorder=3)
            for bound in (glyph["y_low"], glyph["y_high"]):
                ax.plot([middle], [bound], marker="_", markersize=10, color=colour, zorder=3)
        if glyph["open_up"] or glyph["open_down"]:
            direction = 1 if glyph["open_up"] else -1
            # The arrow runs from the marker (xy) to the open end (head at xytext).
            ax.annotate("", xy=(middle, y), xytext=(0, 26 * direction),
                        textcoords="offset points",
                        arrowprops={"arrowstyle": "<|-", "color": colour, "linewidth": 1.4,
                                    "shrinkA": 0, "shrinkB": 0}, zorder=3)
        marker = "D" if glyph["approx"] else "o"
        ax.plot([middle], [y], marker=marker, markersize=7 if marker == "o" else 6,
                markerfacecolor="white" if glyph["hollow"] else colour,
                markeredgecolor=colour, markeredgewidth=1.6, linestyle="none", zorder=4)
        if labels:
            ax.annotate(glyph["label"], xy=(middle, y), xytext=(7, 3), textcoords="offset points",
                        fontsize=7.5, color=colour, zorder=5)


def _encoding_handles(glyphs: pd.DataFrame, has_events: bool) -> list[Any]:
    grey = ENCODING_COLOUR
    handles: list[Any] = [
        Line2D([], [], marker="o", color=grey, linestyle="none", label="figure for one day"),
    ]
    if not glyphs["is_point"].all():
        handles.append(Line2D([], [], marker="o", color=grey, linewidth=4, alpha=0.6,
                              label="bar: as of a week / month"))
    if glyphs["approx"].any():
        handles.append(Line2D([], [], marker="D", color=grey, linestyle="none",
                              label="approximate (rund, about)"))
    ranged = (glyphs["y_low"] != glyphs["y_high"]) & glyphs["y_low"].notna() & glyphs[
        "y_high"].notna() & ~glyphs["vague_band"]
    if ranged.any():
        handles.append(Line2D([], [], marker="_", markersize=10, color=grey, linewidth=1.6,
                              label="range: between two figures"))
    if glyphs["open_up"].any():
        handles.append(Line2D([], [], marker="^", color=grey, linestyle="none",
                              label="arrow up: more than / at least"))
    if glyphs["open_down"].any():
        handles.append(Line2D([], [], marker="v", color=grey, linestyle="none",
                              label="arrow down: up to"))
    if glyphs["vague_band"].any():
        handles.append(Patch(facecolor="none", edgecolor=grey, hatch="///",
                             label=f"vague (\"thousands\"): from the least it admits,\n"
                                   f"band to ×{VAGUE_BAND_FACTOR:g}, open above"))
    if glyphs["hollow"].any():
        handles.append(Line2D([], [], marker="o", markerfacecolor="white", color=grey,
                              linestyle="none",
                              label="hollow: no date in the text,\nshown at publication"))
    if has_events:
        handles.append(Line2D([], [], color=grey, linestyle="--",
                              label="event (shaded: its date range)"))
    return handles


def _source_line(claims: pd.DataFrame, shown: int) -> str:
    articles = sorted(claims["article_id"].dropna().astype(str).unique())
    published = pd.to_datetime(claims["published"]).dropna()
    when = format_as_of(published.min(), published.max()) if not published.empty else "undated"
    which = ", ".join(articles) if len(articles) <= 2 else f"{len(articles)} articles"
    return (f"Source: {shown} claim(s) from {which} (published {when}); numbers, dates and "
            "claimants extracted by nk-claims, each traceable by claim_id to its quote.")


def _style_axes(ax: Axes, log_scale: bool) -> None:
    if log_scale:
        ax.set_yscale("log")
    else:
        ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _fit_y(ax: Axes, glyphs: pd.DataFrame, log_scale: bool) -> None:
    values = pd.concat([glyphs["y"], glyphs["y_low"], glyphs["y_high"]]).dropna()
    values = values[values > 0] if log_scale else values
    if values.empty:
        return
    top = float(values.max())
    if log_scale:
        ax.set_ylim(float(values.min()) / 2, top * 3)
    else:
        ax.set_ylim(0, top * 1.25)  # room for upward arrows and labels


def _draw_aggregated(ax: Axes, summary: pd.DataFrame, colours: dict[str, str], by: str) -> None:
    for row in summary.to_dict("records"):
        colour = colours.get(row[by], OTHER_COLOUR)
        middle = row["week_start"] + pd.Timedelta(days=3.5)
        ax.plot([middle, middle], [row["y_min"], row["y_max"]], color=colour, linewidth=2,
                alpha=0.7, zorder=2)
        ax.plot([middle], [row["y_median"]], marker="o", color=colour, markersize=5, zorder=3)
        if row["n"] > 1:
            ax.annotate(str(row["n"]), xy=(middle, row["y_max"]), xytext=(0, 2),
                        textcoords="offset points", ha="center", fontsize=6, color=colour)


def plot_estimates(
    claims: pd.DataFrame,
    events: pd.DataFrame | None = None,
    *,
    ax: Axes | None = None,
    log_scale: bool = False,
    title: str | None = None,
) -> Figure:
    """Chart the claims' figures over their as-of dates (see the module docstring).

    ``claims``: a claims table (typed as from :func:`analysis.facts.store.load_claims`, or as
    extracted); filter it first (actor, units ...), the chart draws every row it gets.
    ``events``: an events table; its chart-line types become dashed reference lines.
    With ``ax`` the chart is drawn into it (never faceted); the figure is returned.
    """
    glyphs = estimate_glyphs(claims)
    lines = chart_events(events)
    many = len(glyphs) > DETAIL_LIMIT
    facets = facet_keys(glyphs) if many and ax is None else None
    panel_names = sorted(set(facets.values()), key=lambda k: (k == OTHER_CLAIMANTS, k)) if (
        facets) else [None]

    owns_figure = ax is None
    if ax is None:
        height = 5.2 if facets is None else 1.9 * len(panel_names) + 1.2
        fig, axes = plt.subplots(len(panel_names), 1, figsize=(11, height), sharex=True,
                                 sharey=True, squeeze=False, layout="constrained")
        axes = list(axes[:, 0])
    else:
        fig, axes = ax.figure, [ax]

    if glyphs.empty:
        axes[0].text(0.5, 0.5, "no claims with a figure match the selection",
                     transform=axes[0].transAxes, ha="center", va="center", color="#777777")
        axes[0].set_axis_off()
        if title:
            axes[0].set_title(title, loc="left")
        return fig

    colours = colour_keys(glyphs)
    window = x_window(glyphs)
    drawn_lines, outside_lines = split_events(lines, window)
    for index, axis in enumerate(axes):
        _style_axes(axis, log_scale)
        if facets is None:
            shown = glyphs
        else:
            shown = glyphs[glyphs["colour_key"].map(facets) == panel_names[index]]
            axis.set_title(f"claimed by {panel_names[index]} ({len(shown)})", loc="left",
                           fontsize=9)
        _draw_events(axis, drawn_lines, label_text=index == 0)
        if index == 0:
            _note_outside_events(axis, outside_lines, window)
        if many:
            summary = aggregate_glyphs(shown)
            _draw_aggregated(axis, summary, colours, "colour_key")
        else:
            _draw_glyphs(axis, shown, colours, labels=len(glyphs) <= LABEL_LIMIT,
                         step=(window[1] - window[0]) / 70)
        _fit_y(axis, glyphs, log_scale)
        axis.set_xlim(*window)
        axis.set_ylabel("claimed number")

    claimant_handles = [
        Line2D([], [], marker="s", markersize=9, color=colour, linestyle="none", label=key)
        for key, colour in colours.items() if colour != OTHER_COLOUR
    ]
    if OTHER_COLOUR in colours.values():
        claimant_handles.append(Line2D([], [], marker="s", markersize=9, color=OTHER_COLOUR,
                                       linestyle="none", label=OTHER_CLAIMANTS))
    if many:
        encoding = [
            Line2D([], [], marker="o", color=ENCODING_COLOUR, linewidth=2,
                   label="week: median (dot) and min–max of\nthe figures; number = claims"),
        ]
        if not drawn_lines.empty:
            encoding.append(Line2D([], [], color=ENCODING_COLOUR, linestyle="--",
                                   label="event (shaded: its date range)"))
    else:
        encoding = _encoding_handles(glyphs, not drawn_lines.empty)
    first = axes[0]
    # One legend, two sections: a single box cannot overlap itself however many claimants.
    spacer = Line2D([], [], linestyle="none", label=" ")
    heading = Line2D([], [], linestyle="none", label="how to read:")
    legend_style = {"title": "claimed by:", "fontsize": 7.5, "title_fontsize": 8,
                    "frameon": False, "labelspacing": 0.7, "alignment": "left"}
    handles = [*claimant_handles, spacer, heading, *encoding]
    if owns_figure:  # beside all panels, laid out by the figure
        fig.legend(handles=handles, loc="outside right upper", **legend_style)
    else:
        first.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                     **legend_style)
    if facets is None:
        first.set_title(title or "Claimed numbers over time", loc="left", fontsize=11)
    else:
        fig.suptitle(title or "Claimed numbers over time", x=0.01, ha="left", fontsize=11)
    notes = [_source_line(claims, len(glyphs))]
    if glyphs["hollow"].any() and not many:
        notes.insert(0, f"{int(glyphs['hollow'].sum())} claim(s) have no time expression in "
                        "their sentence: shown hollow at the publication date.")
    if many:
        notes.insert(0, f"{len(glyphs)} claims: aggregated per ISO week and claimant.")
    axes[-1].annotate("\n".join(notes), xy=(0, 0), xycoords="axes fraction", xytext=(0, -28),
                      textcoords="offset points", ha="left", va="top", fontsize=7,
                      color="#555555")
    return fig


# ------------------------------------------------------------------------------ timeline

TIMELINE_COLOURS: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00",
                                     "#56B4E9", "#332288", "#882255")
TIMELINE_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", "lane", "x_start", "x_end", "is_point", "dated", "label",
)


def timeline_rows(events: pd.DataFrame) -> pd.DataFrame:
    """How each event is drawn on the timeline: lane per type (vocabulary order), interval.

    ``lane`` 0 is the top lane (the vocabulary's first type with a dated event); undated
    events get ``dated=False`` and lane -1: they are listed beside the chart instead.
    """
    from analysis.extract.events import event_types

    order = list(event_types())
    if events is None or events.empty:
        return pd.DataFrame(columns=list(TIMELINE_COLUMNS))
    dated_types = set(events.loc[
        events["date_start"].notna() | events["date_end"].notna(), "event_type"])
    present = [t for t in order if t in dated_types]
    present += sorted(dated_types - set(order))
    rows = []
    for event in events.to_dict("records"):
        start, end = _day(event.get("date_start")), _day(event.get("date_end"))
        start, end = start or end, end or start
        actors = event.get("actors")
        actors = [] if actors is None or _missing_list(actors) else list(actors)
        location = event.get("location")
        where = "" if is_missing(location) else f" in {location}"
        who = ", ".join(actors) if actors else "actor unknown"
        flags = event.get("flags")
        if isinstance(flags, list | tuple | np.ndarray) and "expected" in list(flags):
            who += " (expected)"
        rows.append({
            "event_id": event.get("event_id"), "event_type": event["event_type"],
            "lane": present.index(event["event_type"]) if start is not None else -1,
            "x_start": start, "x_end": end,
            "is_point": start is not None and start == end, "dated": start is not None,
            "label": f"{who}{where}" + (f" ({format_as_of(start, end)})" if start else ""),
        })
    frame = pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS))
    for column in ("x_start", "x_end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def plot_timeline(events: pd.DataFrame, *, ax: Axes | None = None) -> Figure:
    """Dated events on one lane per event type; undated ones listed on the right."""
    from analysis.extract.events import event_types

    vocabulary = event_types()
    rows = timeline_rows(events)
    lanes = rows[rows["dated"].astype(bool)].drop_duplicates("lane").sort_values("lane")
    if ax is None:
        undated_lines = min(12, int((~rows["dated"].astype(bool)).sum())) if len(rows) else 0
        height = max(2.4, 0.55 * len(lanes) + 1.6) + 0.16 * undated_lines
        fig, ax = plt.subplots(figsize=(11, height), layout="constrained")
    else:
        fig = ax.figure
    if rows.empty or not rows["dated"].any():
        message = "no events" if rows.empty else "no dated events"
        ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
                color="#777777")
        ax.set_axis_off()
        if rows.empty:
            return fig
    dated = rows[rows["dated"].astype(bool)].sort_values(["lane", "x_start"])
    # Within a lane, labels alternate above and below so neighbours do not overwrite.
    rank_in_lane = dated.groupby("lane").cumcount()
    for rank, row in zip(rank_in_lane, dated.to_dict("records"), strict=True):
        y = -row["lane"]
        colour = TIMELINE_COLOURS[row["lane"] % len(TIMELINE_COLOURS)]
        if row["is_point"]:
            ax.plot([row["x_start"] + ONE_DAY / 2], [y], marker="o", color=colour, zorder=3)
        else:
            ax.plot([row["x_start"], row["x_end"] + ONE_DAY], [y, y], color=colour,
                    linewidth=6, solid_capstyle="butt", alpha=0.8, zorder=3)
        if len(dated) <= LABEL_LIMIT * 2:
            above = rank % 2 == 0
            ax.annotate(row["label"], xy=(row["x_start"], y), xytext=(0, 7 if above else -8),
                        textcoords="offset points", fontsize=7.5, color=colour,
                        va="bottom" if above else "top")
    if not dated.empty:
        ax.set_yticks([-lane for lane in lanes["lane"]])
        ax.set_yticklabels([
            vocabulary[t].short_label if t in vocabulary else t for t in lanes["event_type"]
        ])
        ax.set_ylim(-len(lanes) + 0.4, 0.8)
        first, last = dated["x_start"].min(), dated["x_end"].max() + ONE_DAY
        pad = max(pd.Timedelta(days=3), (last - first) * 0.06)
        # Labels run to the right of their event: leave room after the last one.
        ax.set_xlim(first - pad, last + max(pad * 2, (last - first) * 0.18))
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.grid(axis="x", color="#eeeeee")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.tick_params(axis="y", length=0)
        ax.set_title("Dated events", loc="left", fontsize=11)
    undated = rows[~rows["dated"].astype(bool)]
    if not undated.empty:
        listed = [
            f"• {vocabulary[t].short_label if t in vocabulary else t}: {label}"
            for t, label in zip(undated["event_type"], undated["label"], strict=True)
        ]
        if len(listed) > 12:
            listed = listed[:11] + [f"… and {len(listed) - 11} more"]
        # Below the axes, where the dated labels cannot reach.
        ax.annotate("Undated (no time expression in their clause):\n" + "\n".join(listed),
                    xy=(0, 0), xycoords="axes fraction", xytext=(0, -30),
                    textcoords="offset points", ha="left", va="top", fontsize=7.5,
                    color="#444444")
    return fig


# -------------------------------------------------------------------------------- tables


def _list_text(value: Any) -> str:
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(str(v) for v in value)
    return "" if is_missing(value) else str(value)


def plotted_claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims the chart draws, in its order (as-of date, then claimant), for a notebook.

    Columns: ``as of`` (with "(publication date)" where the text gives none), ``figure``,
    ``unit``, ``claimed by``, ``quote``, ``actor``, ``location``, ``article``, ``claim_id``,
    ``flags``, ``overridden`` (fields an analyst corrected; empty if none).
    """
    columns = ["as of", "figure", "unit", "claimed by", "quote", "actor", "location",
               "article", "claim_id", "flags", "overridden"]
    glyphs = estimate_glyphs(claims)
    if glyphs.empty:
        return pd.DataFrame(columns=columns)
    by_id = claims.set_index("claim_id")
    rows = []
    for glyph in glyphs.sort_values(["x_start", "x_end", "colour_key", "claim_id"]).to_dict(
        "records"
    ):
        claim = by_id.loc[glyph["claim_id"]]
        when = format_as_of(glyph["x_start"], glyph["x_end"])
        rows.append({
            "as of": f"{when} (publication date)" if glyph["hollow"] else when,
            "figure": glyph["label"],
            "unit": claim["unit"],
            "claimed by": glyph["colour_key"],
            "quote": claim["quote"],
            "actor": _list_text(claim.get("actor")),
            "location": _list_text(claim.get("location")),
            "article": claim["article_id"],
            "claim_id": glyph["claim_id"],
            "flags": _list_text(claim.get("flags")),
            "overridden": _list_text(claim.get("overridden")),
        })
    return pd.DataFrame(rows, columns=columns)


def events_table(events: pd.DataFrame) -> pd.DataFrame:
    """Events for a notebook: date (or "undated"), type, actors, location, quote, ids."""
    columns = ["date", "date text", "event", "actors", "location", "quote", "article",
               "event_id", "flags"]
    if events is None or events.empty:
        return pd.DataFrame(columns=columns)
    from analysis.extract.events import event_types

    vocabulary = event_types()
    ordered = events.assign(
        _start=pd.to_datetime(events["date_start"]),
    ).sort_values(["_start", "article_id", "start"], na_position="last", kind="stable")
    rows = []
    for event in ordered.to_dict("records"):
        kind = vocabulary.get(event["event_type"])
        rows.append({
            "date": format_as_of(event.get("date_start"), event.get("date_end")),
            "date text": _list_text(event.get("date_text")),
            "event": kind.short_label if kind else event["event_type"],
            "actors": _list_text(event.get("actors")),
            "location": _list_text(event.get("location")),
            "quote": event["quote"],
            "article": event["article_id"],
            "event_id": event["event_id"],
            "flags": _list_text(event.get("flags")),
        })
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------------------- parameters


def check_actor(name: str, value: Any) -> str | None:
    """An ISO 3166-1 alpha-3 code (``PRK``) or None (any actor)."""
    if value is None or value == "":
        return None
    if isinstance(value, str) and len(value) == 3 and value.isalpha() and value.isupper():
        return value
    raise ParameterError(
        f"parameter {name!r} = {value!r} is not an ISO alpha-3 code such as PRK or RUS "
        "(None = any actor)"
    )


def check_location(name: str, value: Any) -> str | None:
    """A location code as the claims table stores it, or None (any location).

    Accepted: ISO alpha-3 (``RUS``), ISO 3166-2 (``RU-KRS``) or a gazetteer town (``Sudzha``).
    """
    if value is None or value == "":
        return None
    from analysis.lexicon.gazetteer import country_of, place_kind

    if isinstance(value, str) and (place_kind(value) != "town" or country_of(value)):
        return value
    raise ParameterError(
        f"parameter {name!r} = {value!r} is not a location code: use ISO alpha-3 (RUS), "
        "ISO 3166-2 (RU-KRS) or a town of data/geo/gazetteer_kursk.csv (None = any)"
    )


def check_date_range(date_from: Any, date_to: Any) -> None:
    """Fail when the range is reversed (both already checked as dates)."""
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ParameterError(
            f"parameter 'date_from' = {date_from.isoformat()} is after 'date_to' = "
            f"{date_to.isoformat()}; swap them"
        )
