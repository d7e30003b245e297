"""The events timeline: dated events on one lane per event type, undated ones listed.

Events come from :func:`analysis.extract.events.extract_events` (the facts' events table);
lane order and short labels come from the event-type vocabulary
(``data/lexicon/event_types.csv``).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.core.labels import format_as_of
from analysis.core.schema import is_missing
from analysis.lexicon.event_types import event_types
from analysis.viz.tables import list_cell
from analysis.viz.time_axis import ONE_DAY, day_of, style_date_axis

# Up to this many dated events, each gets its label written beside it.
LABEL_LIMIT = 40
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
    order = list(event_types())
    if events is None or events.empty:
        return pd.DataFrame(columns=list(TIMELINE_COLUMNS))
    dated_types = set(events.loc[
        events["date_start"].notna() | events["date_end"].notna(), "event_type"])
    present = [t for t in order if t in dated_types]
    present += sorted(dated_types - set(order))
    rows = []
    for event in events.to_dict("records"):
        start, end = day_of(event.get("date_start")), day_of(event.get("date_end"))
        start, end = start or end, end or start
        actors = list_cell(event.get("actors"))
        location = event.get("location")
        where = "" if is_missing(location) else f" in {location}"
        who = ", ".join(actors) if actors else "actor unknown"
        if "expected" in list_cell(event.get("flags")):
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
        if len(dated) <= LABEL_LIMIT:
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
        style_date_axis(ax)
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
