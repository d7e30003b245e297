"""The estimates chart: claimed numbers over their as-of dates, with their uncertainty.

The encoding is decided in :mod:`analysis.viz.estimate_glyphs` (read its docstring for
what each mark means); this module draws it, writes the legend ("claimed by" and "how to
read") and the source line, and lists the plotted claims as a table in the chart's order.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from analysis.core.labels import format_as_of, format_number
from analysis.viz.estimate_glyphs import (
    DETAIL_LIMIT,
    ENCODING_COLOUR,
    LABEL_LIMIT,
    OTHER_CLAIMANTS,
    OTHER_COLOUR,
    VAGUE_BAND_FACTOR,
    aggregate_glyphs,
    chart_events,
    colour_keys,
    dodge_offsets,
    estimate_glyphs,
    facet_keys,
    split_events,
    x_window,
)
from analysis.viz.tables import Column, claims_table
from analysis.viz.time_axis import ONE_DAY, style_date_axis


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
                              label="hollow: no time in the text, shown when\n"
                                    "said (else at publication)"))
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
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: format_number(value)))
    style_date_axis(ax)
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
        notes.insert(0, f"{int(glyphs['hollow'].sum())} claim(s) have no time of their own in "
                        "the text: shown hollow at the statement date, else at publication.")
    if many:
        notes.insert(0, f"{len(glyphs)} claims: aggregated per ISO week and claimant.")
    axes[-1].annotate("\n".join(notes), xy=(0, 0), xycoords="axes fraction", xytext=(0, -28),
                      textcoords="offset points", ha="left", va="top", fontsize=7,
                      color="#555555")
    return fig




def _plotted_as_of(row: dict[str, Any]) -> str:
    when = format_as_of(row["x_start"], row["x_end"])
    if not row["hollow"]:
        return when
    timed_by = "statement" if row.get("timed_by") == "statement" else "publication"
    return f"{when} ({timed_by} date)"


# The plotted claims: where the chart puts them in time, who the legend says claims them.
PLOTTED_COLUMNS: tuple[str | Column, ...] = (
    Column("as of", _plotted_as_of), "figure", "unit",
    Column("claimed by", lambda row: row["colour_key"]), "quote", "actor", "location",
    "article", "claim_id", "flags", "overridden",
)


def plotted_claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims the chart draws, in its order (as-of date, then claimant), for a notebook.

    Columns: ``as of`` (with "(publication date)" where the text gives none), ``figure``,
    ``unit``, ``claimed by``, ``quote``, ``actor``, ``location``, ``article``, ``claim_id``,
    ``flags``, ``overridden`` (fields an analyst corrected; empty if none).
    """
    glyphs = estimate_glyphs(claims)[
        ["claim_id", "x_start", "x_end", "hollow", "timed_by", "colour_key"]
    ]
    ordered = glyphs.sort_values(["x_start", "x_end", "colour_key", "claim_id"])
    plotted = ordered.merge(claims, on="claim_id", how="left", sort=False)
    return claims_table(plotted, PLOTTED_COLUMNS)
