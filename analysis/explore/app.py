"""The explorer app: ipywidgets controls -> count, table, estimates chart, maps, detail.

Changing any filter (:func:`analysis.explore.filters.filter_claims`) updates the count,
the table (:func:`analysis.explore.detail.explorer_table`), the estimates chart, the
regional map and the zoomable map (:class:`analysis.viz.interactive_map.InteractiveMap`,
in an ``<iframe srcdoc>``) at once, and picking a claim shows its sentence and source
(:func:`analysis.explore.detail.claim_detail_html`).

Figures go into ``Image`` widgets as PNG bytes rather than into ``Output`` widgets: the
app then keeps all its state in widget models, so a notebook run without a browser
(papermill, nbval) stores no stray figure outputs, and nothing leaks into later cells.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import OrderedDict
from collections.abc import Callable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core.errors import AnalysisError
from analysis.core.params import check_date
from analysis.explore.detail import claim_detail_html, claim_label, explorer_table
from analysis.explore.filters import check_columns, filter_claims, filter_options, in_reading_order
from analysis.facts.known import known_by
from analysis.viz.estimates_chart import plot_estimates
from analysis.viz.figures import figure_png
from analysis.viz.interactive_map import InteractiveMap
from analysis.viz.region_map import plot_region_map

# Look of the explorer's own HTML; scoped to .nk-explorer so notebooks are not affected.
EXPLORER_CSS = """
.nk-explorer .nk-claims-table { border-collapse: collapse; font-size: 12px; width: 100%; }
.nk-explorer .nk-claims-table th, .nk-explorer .nk-claims-table td {
  padding: 2px 6px; text-align: left; vertical-align: top; line-height: 1.35;
  border-bottom: 1px solid var(--jp-border-color2, #ddd); }
.nk-explorer .nk-claims-table td:nth-child(8) { min-width: 16em; }
.nk-explorer .nk-claim-detail p, .nk-explorer .nk-claim-fields td,
.nk-explorer .nk-claim-fields th { line-height: 1.4; padding-top: 0; padding-bottom: 0; }
.nk-explorer .nk-claims-table td:first-child, .nk-explorer .nk-claims-table td:nth-child(2),
.nk-explorer .nk-claims-table td:nth-child(7) { white-space: nowrap; }
.nk-explorer .nk-claim-detail mark { background: #ffe066; padding: 0 2px; }
.nk-explorer .nk-claim-fields th { text-align: right; padding-right: 10px; font-weight: 600; }
.nk-explorer .nk-explore-problem { color: #b00020; }
.nk-explorer.nk-busy img { opacity: 0.4; transition: opacity 0.2s; }
"""

# Rendered figures kept per explorer (about 0.1-0.3 MB each).
PNG_CACHE_SIZE = 24


def _default_map(claims: pd.DataFrame, region: str, as_of: dt.date | None) -> Any:
    return plot_region_map(claims, region, as_of=as_of)


def _drawn_figures(
    drawn: Mapping[str, bytes | str | PathLike[str] | None] | None, claims: pd.DataFrame | None
) -> dict[tuple[str, tuple[str, ...]], bytes]:
    """The PNGs of ``drawn`` keyed like the PNG cache: (figure kind, claim ids of ``claims``)."""
    if not drawn:
        return {}
    if claims is None:
        raise TypeError("ClaimsExplorer: drawn figures need drawn_claims, the claims drawn")
    unknown = set(drawn) - {"chart", "map"}
    if unknown:
        raise TypeError(f"ClaimsExplorer: drawn takes 'chart' and 'map', not {sorted(unknown)}")
    claim_ids = tuple(claims["claim_id"])
    return {
        (what, claim_ids): png if isinstance(png, bytes) else Path(png).read_bytes()
        for what, png in drawn.items() if png is not None
    }


ChartFunction = Callable[[pd.DataFrame, "pd.DataFrame | None"], Any]
MapFunction = Callable[[pd.DataFrame, str, "dt.date | None"], Any]


class ClaimsExplorer:
    """ipywidgets app: filters -> count, table, estimates chart, regional map, claim detail.

    ``claims`` is a typed claims frame (``analysis.facts.store.load_claims``); ``articles`` maps
    article id -> :class:`~analysis.corpus.catalog.Article` for the metadata panel. ``as_of``
    hides claims published after that date. ``chart`` and ``region_map`` default to
    :func:`analysis.viz.estimates_chart.plot_estimates` and
    :func:`analysis.viz.region_map.plot_region_map`; pass
    other callables (same arguments) to plug in different plots.

    ``drawn`` hands over the chart and map already rendered for the claims
    ``drawn_claims`` (a notebook's static view), as PNG files or bytes:
    ``{"chart": png, "map": png}``, drawn by the same functions with the same events,
    region and ``as_of``. Whenever the explorer shows exactly those claims (in that order)
    it shows these images instead of drawing and rendering again; ``None`` is skipped.

    Display the instance (last expression of a cell) or its ``widget`` attribute.
    """

    def __init__(
        self,
        claims: pd.DataFrame,
        events: pd.DataFrame | None = None,
        *,
        articles: Mapping[str, Any] | None = None,
        region: str = "RU-KRS",
        as_of: Any = None,
        max_rows: int = 200,
        chart: ChartFunction | None = None,
        region_map: MapFunction | None = None,
        zoomable_map: bool = True,
        drawn: Mapping[str, bytes | str | PathLike[str] | None] | None = None,
        drawn_claims: pd.DataFrame | None = None,
    ) -> None:
        check_columns(claims)
        self.as_of = check_date("as_of", as_of)
        self.claims = known_by(claims, self.as_of)
        self.events = events
        self._chart = chart or plot_estimates
        self._map = region_map or _default_map
        self.zoomable_map = zoomable_map
        self.filtered = self.claims
        self.matching = len(self.claims)
        # PNGs by (figure kind, claim ids): going back to an earlier filter is instant.
        self._png_cache: OrderedDict[tuple[str, tuple[str, ...]], bytes] = OrderedDict()
        self._html_cache: OrderedDict[tuple[str, tuple[str, ...]], str] = OrderedDict()
        self._drawn = _drawn_figures(drawn, drawn_claims)
        self._build(filter_options(self.claims), articles=articles, region=region,
                    max_rows=max_rows)

    def _build(self, options: Mapping[str, list[tuple[str, Any]]], *,
               articles: Mapping[str, Any] | None, region: str, max_rows: int) -> None:
        """The widgets, their wiring and the first view (shared with the dataset explorer)."""
        import ipywidgets as widgets

        self.articles = dict(articles or {})
        self.region = region
        self.max_rows = max_rows
        self.selected_claim_id: str | None = None

        def facet(name: str, description: str) -> widgets.SelectMultiple:
            control = widgets.SelectMultiple(
                options=options[name], value=(), rows=min(5, max(2, len(options[name]))),
                description=description, layout=widgets.Layout(width="190px"),
                style={"description_width": "70px"},
            )
            control.add_class(f"nk-filter-{name}")
            return control

        self.source_select = facet("sources", "Source")
        self.unit_select = facet("units", "Unit")
        self.actor_select = facet("actors", "Actor")
        self.claimant_select = facet("claimants", "Claimant")
        self.location_select = facet("locations", "Location")
        self.language_select = facet("languages", "Language")
        self.date_from_picker = widgets.DatePicker(description="From", value=None)
        self.date_from_picker.add_class("nk-filter-date-from")
        self.date_to_picker = widgets.DatePicker(description="To", value=None)
        self.date_to_picker.add_class("nk-filter-date-to")
        self.search_box = widgets.Text(
            description="Search", placeholder='words or "a phrase" in the quote/sentence',
            continuous_update=False, layout=widgets.Layout(width="360px"),
        )
        self.search_box.add_class("nk-filter-search")
        self.reset_button = widgets.Button(description="Reset filters", icon="undo")
        self.reset_button.add_class("nk-filter-reset")

        self.count_html = widgets.HTML()
        self.count_html.add_class("nk-explore-count")
        self.table_html = widgets.HTML(
            layout=widgets.Layout(max_height="320px", overflow="auto", width="100%")
        )
        self.table_html.add_class("nk-explore-table")
        self.chart_image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.chart_image.add_class("nk-explore-chart")
        self.map_image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.map_image.add_class("nk-explore-map")
        self.figure_note = widgets.HTML()
        self.zoomable_html = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.zoomable_html.add_class("nk-explore-zoomable")
        self.claim_select = widgets.Select(
            options=[], rows=6, description="Claim", layout=widgets.Layout(width="100%")
        )
        self.claim_select.add_class("nk-explore-claim")
        self.detail_html = widgets.HTML()
        self.detail_html.add_class("nk-explore-detail")

        self._filter_controls = (
            self.unit_select, self.actor_select, self.claimant_select, self.location_select,
            self.language_select, self.source_select, self.date_from_picker,
            self.date_to_picker, self.search_box,
        )
        for control in self._filter_controls:
            control.observe(self._on_filter_change, names="value")
        self.reset_button.on_click(lambda _button: self.reset())
        self.claim_select.observe(self._on_claim_change, names="value")

        half = widgets.Layout(width="50%")
        self.widget = widgets.VBox([
            widgets.HTML(f"<style>{EXPLORER_CSS}</style>"),
            widgets.HBox([
                self.unit_select, self.actor_select, self.claimant_select,
                self.location_select, self.language_select, self.source_select,
            ], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HBox([
                self.date_from_picker, self.date_to_picker, self.search_box, self.reset_button,
            ], layout=widgets.Layout(flex_flow="row wrap")),
            self.count_html,
            self.table_html,
            self.figure_note,
            widgets.HBox([
                widgets.Box([self.chart_image], layout=half),
                widgets.Box([self.map_image], layout=half),
            ]),
            self.zoomable_html,
            self.claim_select,
            self.detail_html,
        ])
        self.widget.add_class("nk-explorer")
        self.refresh()

    # -- state -> view

    def current_filters(self) -> dict[str, Any]:
        """The keyword arguments for :func:`filter_claims` the controls currently hold."""
        return {
            "units": list(self.unit_select.value),
            "actors": list(self.actor_select.value),
            "claimants": list(self.claimant_select.value),
            "locations": list(self.location_select.value),
            "languages": list(self.language_select.value),
            "sources": list(self.source_select.value),
            "date_from": self.date_from_picker.value,
            "date_to": self.date_to_picker.value,
            "search": self.search_box.value,
        }

    def refresh(self) -> None:
        """Re-filter and redraw count, table, chart, map and the claim picker.

        While it runs the app carries the CSS class ``nk-busy`` (figures fade), so users
        and the browser test can tell a finished update from one in progress.
        """
        self.widget.add_class("nk-busy")
        try:
            self._refresh()
        finally:
            self.widget.remove_class("nk-busy")

    def _apply_filters(self) -> None:
        """Set ``filtered`` (the rows to show) and ``matching`` (how many rows match)."""
        self.filtered = filter_claims(self.claims, **self.current_filters())
        self.matching = len(self.filtered)

    def total_claims(self) -> int:
        """Claims the explorer filters (those known by ``as_of``)."""
        return len(self.claims)

    def _refresh(self) -> None:
        try:
            self._apply_filters()
            problem = ""
        except AnalysisError as exc:  # e.g. "from" after "to": say so, keep the last view
            problem = str(exc)
        total, shown = self.total_claims(), self.matching
        note = (
            f' <span class="nk-explore-problem">— {html.escape(problem)}</span>' if problem else ""
        )
        self.count_html.value = f"<b>{shown}</b> of {total} claims match{note}"
        self.table_html.value = self._table_html()
        self._draw_figures()
        self._update_claim_picker()

    def _table_html(self) -> str:
        if self.filtered.empty:
            return "<p><i>No claim matches these filters.</i></p>"
        table = explorer_table(self.filtered, limit=self.max_rows)
        cut = ""
        if self.matching > self.max_rows:
            cut = (
                f"<p><i>First {self.max_rows} of {self.matching} rows shown; "
                "narrow the filters to see the rest.</i></p>"
            )
        return table.to_html(index=False, escape=True, classes="nk-claims-table", border=0) + cut

    def _draw_figures(self) -> None:
        notes = []
        claim_ids = tuple(self.filtered["claim_id"])
        if claim_ids:
            self.figure_note.value = "<i>drawing chart and map …</i>"
        for image, draw, what in (
            (self.chart_image, lambda: self._chart(self.filtered, self.events), "chart"),
            (self.map_image, lambda: self._map(self.filtered, self.region, self.as_of), "map"),
        ):
            png = b""
            if claim_ids:
                try:
                    png = self._cached_png((what, claim_ids), draw)
                except AnalysisError as exc:  # a user-level problem with the data: show it
                    notes.append(f"{what}: {html.escape(str(exc))}")
            image.value = png
            # An empty Image widget renders as a broken-image icon; hide it instead.
            image.layout.display = None if png else "none"
        self._draw_zoomable(claim_ids, notes)
        self.figure_note.value = "<br>".join(notes)

    def _draw_zoomable(self, claim_ids: tuple[str, ...], notes: list[str]) -> None:
        """The zoomable map of the filtered claims (cached like the PNGs)."""
        if not self.zoomable_map:
            return
        key = ("zoomable", claim_ids)
        if key not in self._html_cache:
            try:
                page = InteractiveMap(self.filtered, self.region, as_of=self.as_of,
                                      articles=self.articles, height=560).iframe()
            except AnalysisError as exc:  # e.g. Leaflet not installed: say so, go on
                notes.append(f"zoomable map: {html.escape(str(exc))}")
                page = ""
            self._html_cache[key] = page
            if len(self._html_cache) > PNG_CACHE_SIZE:
                self._html_cache.popitem(last=False)
        self._html_cache.move_to_end(key)
        self.zoomable_html.value = self._html_cache[key]

    def _cached_png(self, key: tuple[str, tuple[str, ...]], draw: Callable[[], Any]) -> bytes:
        if key in self._png_cache:
            self._png_cache.move_to_end(key)
            return self._png_cache[key]
        png = self._drawn.pop(key, None)  # handed over: cached like the rest from now on
        if png is None:
            png = figure_png(draw())
        self._png_cache[key] = png
        if len(self._png_cache) > PNG_CACHE_SIZE:
            self._png_cache.popitem(last=False)
        return png

    def _update_claim_picker(self) -> None:
        # Same order and limit as the table, so the picker lists exactly the rows shown.
        ordered = in_reading_order(self.filtered).head(self.max_rows)
        options = [(claim_label(row), row["claim_id"]) for row in ordered.to_dict("records")]
        keep = self.selected_claim_id if self.selected_claim_id in {v for _, v in options} else None
        # Replacing options resets the value; set the kept or first claim explicitly.
        self.claim_select.options = options
        self.claim_select.value = keep or (options[0][1] if options else None)
        self._show_claim(self.claim_select.value)

    def _show_claim(self, claim_id: str | None) -> None:
        self.selected_claim_id = claim_id
        if claim_id is None:
            self.detail_html.value = ""
            return
        row = self._claim_row(claim_id)
        article = self.articles.get(row["article_id"])
        self.detail_html.value = claim_detail_html(row, article)

    def _claim_row(self, claim_id: str) -> pd.Series:
        return self.claims.loc[self.claims["claim_id"] == claim_id].iloc[0]

    # -- events

    def _on_filter_change(self, _change: Mapping[str, Any]) -> None:
        self.refresh()

    def _on_claim_change(self, change: Mapping[str, Any]) -> None:
        self._show_claim(change["new"])

    def reset(self) -> None:
        """Clear every filter (one redraw, not one per control)."""
        for control in self._filter_controls:
            control.unobserve(self._on_filter_change, names="value")
        try:
            for select in self._filter_controls[:6]:
                select.value = ()
            self.date_from_picker.value = None
            self.date_to_picker.value = None
            self.search_box.value = ""
        finally:
            for control in self._filter_controls:
                control.observe(self._on_filter_change, names="value")
        self.refresh()

    # -- display

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """Show the widget; plain-text fallback is fixed so stored outputs stay deterministic."""
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data)
        data["text/plain"] = (
            f"{type(self).__name__}: {self.total_claims()} claims (interactive; open in "
            "JupyterLab)"
        )
        return data
