"""The estimates chart: claimed numbers over their as-of dates, one panel per unit family.

The encoding is decided in :mod:`analysis.viz.estimate_glyphs` (read its docstring for
what each mark means); this module draws it as small multiples (forces, losses, materiel:
units of one family per axis, the units in the axis label, a log scale in a panel whose
figures span more than :data:`LOG_SPAN` ×), places every value label where it overlaps no
other (:mod:`analysis.viz.label_layout`), puts the legends below the panels, writes the
notes (source, timing, claims left out) and lists the plotted claims as a table.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import Bbox

from analysis.core.labels import format_as_of, format_number
from analysis.core.schema import UNIT_FAMILIES
from analysis.viz.claim_checks import screen_claims, skipped_note
from analysis.viz.estimate_glyphs import (
    DETAIL_LIMIT,
    ENCODING_COLOUR,
    LABEL_LIMIT,
    OTHER_COLOUR,
    aggregate_glyphs,
    chart_events,
    colour_keys,
    dodge_offsets,
    estimate_glyphs,
    split_events,
    x_window,
)
from analysis.viz.estimates_legend import (
    claimant_handles,
    encoding_handles,
    marker_style,
    source_line,
    timing_note,
)
from analysis.viz.label_layout import LabelRequest, freeze_layout, marker_box, place_labels
from analysis.viz.tables import Column, claims_table
from analysis.viz.time_axis import ONE_DAY, style_date_axis

LOG_SPAN = 100.0  # a panel whose figures span more than this factor gets a log scale
FIGURE_WIDTH = 11.0
PANEL_HEIGHT = 3.1
ARROW_SHARE = 0.12  # an open bound's arrow: this share of the largest figure (linear)
ARROW_FACTOR = 2.2  # ... or this factor (log scale)
NOTE_WIDTH = 170  # characters per note line: the notes stay within the figure's width
LEGEND_STYLE: dict[str, Any] = {
    "fontsize": 7.5, "title_fontsize": 8, "frameon": False, "alignment": "left",
    "handletextpad": 0.4, "columnspacing": 1.4,
}


def needs_log(values: pd.Series) -> bool:
    """True when the positive figures span more than :data:`LOG_SPAN` (two orders)."""
    positive = values[values > 0].dropna()
    return len(positive) > 1 and float(positive.max()) / float(positive.min()) > LOG_SPAN


def _panel_values(glyphs: pd.DataFrame) -> pd.Series:
    return pd.concat([glyphs["y"], glyphs["y_low"], glyphs["y_high"]]).dropna()


def _style_axes(ax: Axes, log_scale: bool) -> None:
    if log_scale:
        ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _position: format_number(value)))
    style_date_axis(ax)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _fit_y(ax: Axes, glyphs: pd.DataFrame, log_scale: bool) -> None:
    values = _panel_values(glyphs)
    values = values[values > 0] if log_scale else values
    if values.empty:
        return
    top = float(values.max())
    if log_scale:
        ax.set_ylim(float(values.min()) / 3, top * 4)  # room for arrows and labels
    else:
        ax.set_ylim(0, top * 1.3 if top > 0 else 1)


def _draw_events(ax: Axes, lines: pd.DataFrame) -> None:
    for event in lines.to_dict("records"):
        start, end = event["_start"], event["_end"]
        if start == end:
            ax.axvline(start + ONE_DAY / 2, color=ENCODING_COLOUR, linestyle="--",
                       linewidth=0.9, zorder=1)
        else:
            ax.axvspan(start, end + ONE_DAY, color=ENCODING_COLOUR, alpha=0.10, zorder=0,
                       linewidth=0)
            ax.axvline(start, color=ENCODING_COLOUR, linestyle="--", linewidth=0.9, zorder=1)


def _event_requests(ax: Axes, lines: pd.DataFrame) -> list[LabelRequest]:
    """Event labels anchored at the top of their line (placed inside the axes)."""
    top = ax.get_ylim()[1]
    requests = []
    for event in lines.sort_values("_start").to_dict("records"):
        x = event["_start"] + (ONE_DAY / 2 if event["_start"] == event["_end"] else 0 * ONE_DAY)
        requests.append(LabelRequest(event["label"], (float(mdates.date2num(x)), top),
                                     color=ENCODING_COLOUR, fontsize=7,
                                     gid=f"event-{event['event_id']}"))
    return requests


def _outside_events_note(outside: pd.DataFrame, window: tuple[pd.Timestamp, ...]) -> str:
    if outside.empty:
        return ""
    listed = [f"{e['label']} {format_as_of(e['_start'], e['_end'])}"
              for e in outside.sort_values("_start").to_dict("records")]
    return "Events outside the time shown: " + "; ".join(listed) + "."


def arrow_tip(y: float, up: bool, top: float, log_scale: bool) -> float:
    """Where an open bound's arrow ends: a fixed share of the panel, never below zero."""
    if log_scale:
        return y * ARROW_FACTOR if up else y / ARROW_FACTOR
    return y + ARROW_SHARE * top if up else max(0.0, y - ARROW_SHARE * top)


def _draw_glyphs(ax: Axes, glyphs: pd.DataFrame, colours: dict[str, str],
                 step: pd.Timedelta, log_scale: bool
                 ) -> tuple[dict[Any, tuple[float, float]], list[tuple]]:
    """Draw each claim; return where each marker sits (by glyph index) and the lines and
    arrows drawn, in data coordinates ``(x0, y0, x1, y1)``, so labels keep clear of them."""
    top = float(_panel_values(glyphs).max())
    offsets = dodge_offsets(glyphs, step)
    where: dict[Any, tuple[float, float]] = {}
    shapes: list[tuple] = []
    as_number = mdates.date2num
    for index, glyph in zip(glyphs.index, glyphs.to_dict("records"), strict=True):
        colour = colours.get(glyph["colour_key"], OTHER_COLOUR)
        start, end = glyph["x_start"], glyph["x_end"] + ONE_DAY
        middle = start + (end - start) / 2 + offsets[index]
        y = glyph["y"]
        if not glyph["is_point"]:
            ax.plot([start, end], [y, y], color=colour, linewidth=4, alpha=0.40,
                    solid_capstyle="butt", zorder=2)
            shapes.append((as_number(start), y, as_number(end), y))
        if glyph["vague_band"]:
            half = max((end - start) / 2, step)
            ax.fill_between([middle - half, middle + half], glyph["y_low"], glyph["y_high"],
                            facecolor="none", edgecolor=colour, hatch="///", linewidth=0,
                            alpha=0.6, zorder=1)
        elif not math.isnan(glyph["y_low"]) and not math.isnan(glyph["y_high"]) and (
            glyph["y_low"] != glyph["y_high"]
        ):
            ax.plot([middle, middle], [glyph["y_low"], glyph["y_high"]], color=colour,
                    linewidth=1.6, zorder=3)
            shapes.append((as_number(middle), glyph["y_low"], as_number(middle),
                           glyph["y_high"]))
            for bound in (glyph["y_low"], glyph["y_high"]):
                ax.plot([middle], [bound], marker="_", markersize=10, color=colour, zorder=3)
        if glyph["open_up"] or glyph["open_down"]:
            # In data units, so an "up to" near zero never dips below the axis.
            tip = arrow_tip(y, glyph["open_up"], top, log_scale)
            ax.annotate("", xy=(middle, y), xytext=(middle, tip),
                        arrowprops={"arrowstyle": "<|-", "color": colour, "linewidth": 1.3,
                                    "shrinkA": 0, "shrinkB": 0}, zorder=3)
            shapes.append((as_number(middle), y, as_number(middle), tip))
        on_top = 5 if glyph["source"] == "extracted" else 4  # the corpus above the context
        (marker,) = ax.plot([middle], [y], zorder=on_top,
                            **marker_style(colour, glyph["source"], glyph["timing"]))
        marker.set_gid(f"claim-{glyph['claim_id']}")
        where[index] = (float(as_number(middle)), float(y))
    return where, shapes


def _draw_aggregated(ax: Axes, glyphs: pd.DataFrame, colours: dict[str, str]) -> None:
    for row in aggregate_glyphs(glyphs).to_dict("records"):
        colour = colours.get(row["colour_key"], OTHER_COLOUR)
        middle = row["week_start"] + pd.Timedelta(days=3.5)
        ax.plot([middle, middle], [row["y_min"], row["y_max"]], color=colour, linewidth=2,
                alpha=0.7, zorder=2)
        ax.plot([middle], [row["y_median"]], marker="o", color=colour, markersize=5, zorder=3)
        if row["n"] > 1:
            ax.annotate(str(row["n"]), xy=(middle, row["y_max"]), xytext=(0, 2),
                        textcoords="offset points", ha="center", fontsize=6, color=colour)


def _panels(glyphs: pd.DataFrame) -> list[str]:
    return [family for family in UNIT_FAMILIES if (glyphs["family"] == family).any()]


def _axis_label(shown: pd.DataFrame, family: str, log_scale: bool) -> str:
    units = [u for u in UNIT_FAMILIES[family] if (shown["unit"] == u).any()]
    scale = " (log scale)" if log_scale else ""
    return f"{family}: {', '.join(units)}{scale}"


def plot_estimates(
    claims: pd.DataFrame,
    events: pd.DataFrame | None = None,
    *,
    ax: Axes | None = None,
    log_scale: bool = False,
    title: str | None = None,
) -> Figure:
    """Chart the claims' figures over their as-of dates (see the module docstring).

    ``claims``: a claims table (typed as from :func:`analysis.facts.store.load_claims`,
    optionally with reference claims, :func:`analysis.facts.reference.with_reference`);
    filter it first, the chart draws every drawable row it gets and lists the others.
    ``events``: an events table; its chart-line types become dashed reference lines.
    ``log_scale``: True puts every panel on a log scale; False lets each panel decide.
    With ``ax`` the claims of one unit family are drawn into it (ValueError for several).
    """
    usable, skipped = screen_claims(claims)
    glyphs = estimate_glyphs(usable)
    lines = chart_events(events)
    families = _panels(glyphs) if len(glyphs) else []
    if ax is not None and len(families) > 1:
        raise ValueError("claims of several unit families (" + ", ".join(families) + ") "
                         "cannot share one axes; pass no ax to get one panel per family")
    heading = title or "Claimed numbers over time"
    if ax is None:
        fig, axes = plt.subplots(max(1, len(families)), 1, sharex=True, squeeze=False,
                                 figsize=(FIGURE_WIDTH, PANEL_HEIGHT * max(1, len(families))
                                          + 1.5), layout="constrained")
        axes = list(axes[:, 0])
        fig.suptitle(heading, x=0.01, ha="left", fontsize=12)
    else:
        fig, axes = ax.figure, [ax]
        ax.set_title(heading, loc="left", fontsize=11)
    if glyphs.empty:
        message = "no claims with a figure match the selection"
        note = skipped_note(skipped)
        axes[0].text(0.5, 0.5, message + (f"\n{note}" if note else ""),
                     transform=axes[0].transAxes, ha="center", va="center", color="#555555",
                     wrap=True)
        axes[0].set_axis_off()
        return fig

    colours = colour_keys(glyphs)
    window = x_window(glyphs)
    drawn_lines, outside_lines = split_events(lines, window)
    step = (window[1] - window[0]) / 90
    placed: dict[Axes, tuple[pd.DataFrame, dict[Any, Any], bool]] = {}
    any_aggregated = False
    for axis, family in zip(axes, families, strict=True):
        shown = glyphs[glyphs["family"] == family]
        panel_log = bool(log_scale) or needs_log(_panel_values(shown))
        _style_axes(axis, panel_log)
        _draw_events(axis, drawn_lines)
        aggregated = len(shown) > DETAIL_LIMIT
        any_aggregated |= aggregated
        where, shapes = ({}, []) if aggregated else _draw_glyphs(axis, shown, colours, step,
                                                                 panel_log)
        if aggregated:
            _draw_aggregated(axis, shown, colours)
        _fit_y(axis, shown, panel_log)
        axis.set_xlim(*window)
        axis.set_ylabel(_axis_label(shown, family, panel_log), fontsize=9)
        axis.set_title(f"{family.capitalize()} ({len(shown)} claim{'s' * (len(shown) != 1)})",
                       loc="left", fontsize=9.5, color="#333333")
        placed[axis] = (shown, where, shapes, aggregated)

    owns_figure = ax is None
    who = claimant_handles(colours)
    how = encoding_handles(glyphs, not drawn_lines.empty, any_aggregated)
    axes_bottom = 0.0
    if owns_figure:
        freeze_layout(fig)
        # Fixed from here on: the value labels placed below stay out of the layout.
        axes_bottom = axes[-1].get_tightbbox(fig.canvas.get_renderer()).y0
        _legends_below(fig, axes[-1], axes_bottom, who, how)
    else:
        axes[0].legend(handles=[*who, *how], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                       **LEGEND_STYLE)
    unplaced_total = _label_panels(axes, placed, colours, drawn_lines)

    notes = [timing_note(glyphs), skipped_note(skipped),
             _outside_events_note(outside_lines, window)]
    if any_aggregated:
        notes.append(f"Panels with over {DETAIL_LIMIT} claims: aggregated per ISO week and "
                     "claimant.")
    if unplaced_total:
        notes.append(f"{unplaced_total} value label(s) found no free room: see the table of "
                     "plotted claims.")
    notes.append(source_line(usable, len(glyphs)))
    _write_notes(fig, axes[-1], axes_bottom, [n for n in notes if n], owns_figure)
    return fig


def _label_panels(axes: list[Axes], placed: dict[Axes, Any], colours: dict[str, str],
                  drawn_lines: pd.DataFrame) -> int:
    """Event labels (top panel), then every claim's value label; return how many found no
    room."""
    unplaced = 0
    for position, axis in enumerate(axes):
        shown, where, shapes, aggregated = placed.get(axis, (None, {}, [], True))
        taken: list[Bbox] = []
        obstacles = [marker_box(axis, point, 9) for point in where.values()]
        obstacles += [_shape_box(axis, shape) for shape in shapes]
        if position == 0 and not drawn_lines.empty:
            _, missed = place_labels(axis, _event_requests(axis, drawn_lines),
                                     obstacles=obstacles, taken=taken)
            unplaced += len(missed)
        if aggregated or shown is None or len(shown) > LABEL_LIMIT:
            continue
        several_units = shown["unit"].nunique() > 1
        requests = []
        # Highest figures first: they sit where the arrows and labels crowd.
        for index, glyph in shown.sort_values("y", ascending=False).iterrows():
            text = glyph["label"] + (f" {glyph['unit']}" if several_units else "")
            requests.append(LabelRequest(text, where[index], gid=f"label-{glyph['claim_id']}",
                                         color=colours.get(glyph["colour_key"], OTHER_COLOUR)))
        _, missed = place_labels(axis, requests, obstacles=obstacles, taken=taken)
        unplaced += len(missed)
    return unplaced


def _bottom_px(fig: Figure, axes_bottom: float) -> float:
    """The lowest pixel of the panels (``axes_bottom``) and of the legends below them."""
    renderer = fig.canvas.get_renderer()
    return min([legend.get_window_extent(renderer).y0 for legend in fig.legends]
               + [axes_bottom])


def _legends_below(fig: Figure, last: Axes, axes_bottom: float, who: list[Any],
                   how: list[Any]) -> None:
    """"claimed by" and "how to read" in rows under the panels, one below the other: the
    data keep the figure's whole width, and no legend covers a claim."""
    to_figure = fig.transFigure.inverted()
    left = to_figure.transform(last.get_window_extent())[0][0]
    for handles, title, columns in ((who, "claimed by", 10), (how, "how to read", 4)):
        if not handles:
            continue
        y = to_figure.transform((0, _bottom_px(fig, axes_bottom) - 6))[1]
        legend = fig.legend(handles=handles, title=title, loc="upper left",
                            bbox_to_anchor=(left, y), ncol=min(len(handles), columns),
                            borderaxespad=0, **LEGEND_STYLE)
        legend.set_in_layout(False)


def _shape_box(ax: Axes, shape: tuple) -> Bbox:
    """Display box of a drawn line or arrow (x0, y0, x1, y1 in data coordinates)."""
    (x0, y0), (x1, y1) = ax.transData.transform([shape[:2], shape[2:]])
    return Bbox.from_extents(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)).padded(2)


def _write_notes(fig: Figure, last: Axes, axes_bottom: float, notes: list[str],
                 owns_figure: bool) -> None:
    """The notes under everything (saved figures are cropped to their content)."""
    text = "\n".join(textwrap.fill(note, NOTE_WIDTH) for note in notes)
    if owns_figure:
        to_figure = fig.transFigure.inverted()
        left = to_figure.transform(last.get_window_extent())[0][0]
        y = to_figure.transform((0, _bottom_px(fig, axes_bottom) - 6))[1]
        fig.text(left, y, text, ha="left", va="top", fontsize=7, color="#555555")
    else:
        last.annotate(text, xy=(0, 0), xycoords="axes fraction", xytext=(0, -28),
                      textcoords="offset points", ha="left", va="top", fontsize=7,
                      color="#555555")


def _plotted_as_of(row: dict[str, Any]) -> str:
    when = format_as_of(row["x_start"], row["x_end"])
    if row["timing"] == "statement":
        return f"{when} (statement date)"
    return f"{when} (publication date)" if row["hollow"] else when


def _source_cell(row: dict[str, Any]) -> str:
    if row.get("source") == "reference":
        return f"{row.get('outlet')} {row.get('url')}"
    return str(row.get("article_id"))


# The plotted claims: where the chart puts them in time, who the legend says claims them.
PLOTTED_COLUMNS: tuple[str | Column, ...] = (
    Column("as of", _plotted_as_of), "figure", "unit",
    Column("claimed by", lambda row: row["colour_key"]), "quote", "actor", "location",
    Column("source", _source_cell), "claim_id", "flags", "overridden",
)


def plotted_claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims the chart draws, in its order (as-of date, then claimant), for a notebook.

    Columns: ``as of`` (with "(statement date)" when timed by the statement, "(publication date)"
    where nothing else dates it), ``figure``, ``unit``, ``claimed by``, ``quote``,
    ``actor``, ``location``, ``source`` (article id, or outlet and URL of a reference
    claim), ``claim_id``, ``flags``, ``overridden`` (fields an analyst corrected).
    """
    glyphs = estimate_glyphs(claims)[["claim_id", "x_start", "x_end", "hollow", "colour_key",
                                      "timing"]]
    ordered = glyphs.sort_values(["x_start", "x_end", "colour_key", "claim_id"])
    plotted = ordered.merge(claims, on="claim_id", how="left", sort=False)
    return claims_table(plotted, PLOTTED_COLUMNS)
