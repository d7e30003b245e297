"""The explorer over a facts dataset of any size: filters pushed down, aggregates drawn.

:class:`analysis.explore.app.ClaimsExplorer` filters a frame in memory and draws every
claim it keeps; over millions of claims neither fits. :class:`DatasetExplorer` shows the
same controls, count, table, claim detail, chart and map, but each filter change asks
the facts stage (:class:`analysis.facts.query.FactsSource`, DuckDB over the Parquet
dataset) for

* the number of matching claims,
* the first ``max_rows`` of them in reading order (the table and the claim picker),
* per ISO week and unit: how many claims and the mean, smallest and largest figure
  (the chart), and
* per location inside ``region``: how many claims and the largest figure (the map),

so what crosses into Python is a few hundred rows whatever the size of the data. The
chart and the map keep one Matplotlib figure each: the map's oblasts are drawn once, a
filter change only replaces the marks. ``benchmarks/scaling.py --explorer-claims N``
times a filter change over N claims (README).

Unlike the in-memory explorer, the chart draws no event lines and no per-claim glyphs:
at this scale a chart shows distributions, and the table and detail show the claims.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.schema import SOURCES, UNITS
from analysis.explore.app import ClaimsExplorer
from analysis.explore.filters import UNKNOWN_LABEL
from analysis.facts.query import FactsSource

READING_ORDER = ("published", "article_id", "start")
# The number a claim is drawn by: its value, else its upper, else its lower bound (as the
# region map's symbols, analysis.viz.map_symbols.claim_magnitude).
FIGURE_SQL = "coalesce(value, upper, lower)"
# The chart's rows (per week and unit) and the map's (per location) in one scan. The mean,
# not the median: a median keeps every value of its group; over two million matching claims
# (of ten million) this query took 0.48 s CPU with the median, 0.30 s with the mean.
SUMMARY_SQL = (
    "grouping(location) = 1 AS chart, "
    "date_trunc('week', coalesce(as_of_start, published)) AS week, unit, location, "
    f"count(*) AS n, avg({FIGURE_SQL}) AS middle, min({FIGURE_SQL}) AS low, "
    f"max({FIGURE_SQL}) AS high"
)
SUMMARY_GROUPS = "GROUPING SETS ((week, unit), (location))"
SUMMARY_ORDER = "chart, week, unit, location"
MAX_SYMBOL_POINTS2 = 1800.0  # area of the largest map symbol


def dataset_filter_options(source: FactsSource) -> dict[str, list[tuple[str, Any]]]:
    """The facet choices of :func:`analysis.explore.filters.filter_options`, by SQL."""

    facets = ["unit", "actor", "location", "language", "claimants"]
    has_source = "source" in source.columns
    values = source.distinct(*facets, *(["source"] if has_source else []))

    def codes(column: str, *, with_missing: bool) -> list[tuple[str, Any]]:
        options: list[tuple[str, Any]] = [(str(v), v) for v in values[column] if v is not None]
        if with_missing and None in values[column]:
            options.append((UNKNOWN_LABEL, None))
        return options

    units = set(values["unit"])
    # As filter_options: a claim without a source (or a table without the column) counts as
    # extracted; the in-memory explorer shows this facet when the schema has the column.
    kinds = ({"extracted" if v is None else v for v in values["source"]}
             if has_source else {"extracted"})
    return {
        "sources": [(kind, kind) for kind in SOURCES if kind in kinds],
        "units": [(unit, unit) for unit in UNITS if unit in units],
        "actors": codes("actor", with_missing=True),
        "claimants": codes("claimants", with_missing=False),
        "locations": codes("location", with_missing=True),
        "languages": codes("language", with_missing=False),
    }


class DatasetExplorer(ClaimsExplorer):
    """The explorer over ``source`` (a ``facts build --out`` folder or a claims CSV).

    ``as_of``, ``region``, ``max_rows`` and ``articles`` as in
    :class:`~analysis.explore.app.ClaimsExplorer`; ``overrides_path`` as in
    :func:`analysis.facts.query.query_facts`. Call :meth:`close` when done (or let it be
    collected).
    """

    def __init__(
        self,
        source: str | Path,
        *,
        articles: Mapping[str, Any] | None = None,
        region: str = "RU-KRS",
        as_of: Any = None,
        max_rows: int = 200,
        overrides_path: str | Path | None = None,
    ) -> None:
        from analysis.core.params import check_date
        from analysis.viz.region_map import check_region

        check_region(region)
        self.as_of = check_date("as_of", as_of)
        self.source = FactsSource("claims", source, overrides_path=overrides_path)
        self.events = None
        self.zoomable_map = False  # a zoomable map of every claim does not scale
        self._known = self.source.count(as_of=self.as_of)
        self.filtered = pd.DataFrame()
        self.matching = 0
        self._chart_figure: Any = None
        self._map_figure: Any = None
        self._map_base: tuple[int, ...] = (0, 0)
        self._summary = pd.DataFrame(columns=["chart", "n"])
        self._build(dataset_filter_options(self.source), articles=articles, region=region,
                    max_rows=max_rows)

    def close(self) -> None:
        self.source.close()

    def total_claims(self) -> int:
        return self._known

    def _query_filters(self) -> dict[str, Any]:
        return {**self.current_filters(), "as_of": self.as_of}

    def _apply_filters(self) -> None:
        filters = self._query_filters()
        summary = self.source.aggregate(SUMMARY_SQL, SUMMARY_GROUPS, order_by=SUMMARY_ORDER,
                                        **filters)
        self.filtered = self.source.frame(order=READING_ORDER, limit=self.max_rows, **filters)
        # Every matching claim is in exactly one (week, unit) group.
        self._summary = summary
        self.matching = int(summary.loc[summary["chart"], "n"].sum())

    def _claim_row(self, claim_id: str) -> pd.Series:
        return self.filtered.loc[self.filtered["claim_id"] == claim_id].iloc[0]

    def _draw_figures(self) -> None:
        summary = self._summary  # of the last valid filters
        weekly = summary[summary["chart"]]
        places = summary[~summary["chart"]].rename(columns={"high": "largest"})
        self.figure_note.value = ""
        for image, png in ((self.chart_image, self._chart_png(weekly)),
                           (self.map_image, self._map_png(places))):
            image.value = png
            image.layout.display = None if png else "none"

    # -- the chart

    def _chart_png(self, weekly: pd.DataFrame) -> bytes:
        import matplotlib.dates as mdates
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter, NullFormatter

        weekly = weekly.dropna(subset=["middle"])
        if weekly.empty:
            return b""
        if self._chart_figure is None:
            # Fixed margins: a layout engine would measure every label on every redraw.
            self._chart_figure = Figure(figsize=(7, 4.2))
            ax = self._chart_figure.add_axes((0.12, 0.2, 0.85, 0.72))
            locator = mdates.AutoDateLocator(minticks=3, maxticks=8, interval_multiples=False)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
            ax.set_ylabel("claimed number")
            ax.annotate("dot: mean of the week's figures (value, else a bound); line: "
                        "smallest to largest.\nWeek of the as-of date (publication day when "
                        f"none). Source: nk-claims facts, {self.source.path}", xy=(0, 0),
                        xycoords="axes fraction", xytext=(0, -30), textcoords="offset points",
                        fontsize=6.5, color="#555555", va="top")
        ax = self._chart_figure.axes[0]
        # The axes, ticks and notes stay; only the marks of the last filter go.
        for artist in [*ax.lines, *ax.collections]:
            artist.remove()
        for index, (unit, rows) in enumerate(weekly.groupby("unit", sort=True)):
            colour = f"C{index % 10}"
            middle = pd.to_datetime(rows["week"]) + pd.Timedelta(days=3.5)
            ax.vlines(middle, rows["low"], rows["high"], colors=colour, linewidth=2, alpha=0.5)
            ax.plot(middle, rows["middle"], "o", color=colour, markersize=4,
                    label=f"{unit} ({int(rows['n'].sum())} claims)")
        low, high = float(weekly["low"].min()), float(weekly["high"].max())
        logarithmic = low > 0 and high > 50 * low
        ax.set_yscale("log" if logarithmic else "linear")
        # Plain numbers (the scale resets them): log labels (10^4) would go through mathtext.
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: f"{y:,.0f}"))
        ax.yaxis.set_minor_formatter(NullFormatter())
        # Limits from the data: relim() would not see the vertical lines (a collection).
        ax.set_ylim(*((low / 1.3, high * 1.3) if logarithmic
                      else (min(0.0, low), (high or 1.0) * 1.1)))
        ax.relim()
        ax.autoscale_view(scaley=False)
        ax.set_title(f"Claimed numbers per week: {self.matching:,} claims", loc="left",
                     fontsize=10)
        ax.legend(fontsize=7, frameon=False, loc="upper left")
        return _png(self._chart_figure)

    # -- the map

    def _map_png(self, places: pd.DataFrame) -> bytes:
        from analysis.geo.geocoding import resolve_location

        if self._map_figure is None:  # the oblasts once; then only the marks change
            self._map_figure, *counts = _region_base(self.region)
            self._map_base = tuple(counts)
        ax = self._map_figure.axes[0]
        collections, texts = self._map_base
        for artist in [*ax.collections[collections:], *ax.texts[texts:]]:
            artist.remove()
        points = []
        for row in places.to_dict("records"):
            place = resolve_location(row["location"])
            if place is None or place.region != self.region or place.kind == "country":
                continue
            points.append((place.point.x, place.point.y, place.name, row["n"], row["largest"]))
        located = sum(p[3] for p in points)
        if points:
            largest = max((p[4] for p in points if p[4] is not None and p[4] > 0), default=1.0)
            sizes = [MAX_SYMBOL_POINTS2 * (p[4] / largest if p[4] and p[4] > 0 else 0.02)
                     for p in points]
            ax.scatter([p[0] for p in points], [p[1] for p in points], s=sizes,
                       color="#b2182b", alpha=0.45, edgecolor="#67001f", zorder=5)
            for x, y, name, n, big in points:
                figure = "no figure" if big is None or math.isnan(big) else f"max {big:,.0f}"
                ax.annotate(f"{name}: {n:,} claims, {figure}", (x, y), xytext=(6, 4),
                            textcoords="offset points", fontsize=7, zorder=6)
        ax.set_title(f"{self.region}: {located:,} of {self.matching:,} matching claims located "
                     "in the oblast\n(area: the largest figure at the place)", loc="left",
                     fontsize=9)
        return _png(self._map_figure)


def _region_base(region: str) -> tuple[Any, int, int]:
    """A figure with the oblasts around ``region`` drawn, and its base collections and texts.
    """
    from matplotlib.figure import Figure

    from analysis.geo import layers

    admin1 = layers.load_admin1()
    shape = admin1[admin1["iso_3166_2"] == region]
    minx, miny, maxx, maxy = shape.total_bounds
    pad = 0.25 * max(maxx - minx, maxy - miny)
    figure = Figure(figsize=(6, 5))
    ax = figure.add_axes((0.02, 0.08, 0.96, 0.84))
    admin1.plot(ax=ax, color="#f2efe9", edgecolor="#999999", linewidth=0.6)
    shape.plot(ax=ax, color="#fde0c5", edgecolor="#7f3b08", linewidth=1.4)
    ax.set_xlim(minx - pad, maxx + pad)
    ax.set_ylim(miny - pad, maxy + pad)
    ax.set_aspect(1 / math.cos(math.radians((miny + maxy) / 2)))
    ax.set_axis_off()
    ax.text(0, -0.02, layers.CREDIT_LINE, transform=ax.transAxes, fontsize=6,
            color="#555555", va="top")
    return figure, len(ax.collections), len(ax.texts)


def _png(figure: Any, dpi: int = 72) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()

