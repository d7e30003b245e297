"""Interactive exploration of the claims in JupyterLab (notebook ``00_explore.ipynb``).

Two layers:

* pure functions, unit-tested without a browser: :func:`filter_claims` (the filters the
  widgets offer), :func:`claims_table` (the table shown), :func:`highlight_quote_html`
  and :func:`claim_detail_html` (a claim's sentence with the quote marked, plus its
  article metadata), :func:`filter_options` (what the controls list);
* :class:`ClaimsExplorer`, an ipywidgets app wiring those together: changing any filter
  updates the count, the table, the estimates chart and the regional map at once, and
  picking a claim shows its sentence and source.

Figures go into ``Image`` widgets as PNG bytes rather than into ``Output`` widgets: the
app then keeps all its state in widget models, so a notebook run without a browser
(papermill, nbval) stores no stray figure outputs, and nothing leaks into later cells.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

import pandas as pd

from analysis.core.errors import AnalysisError, FactsError, ParameterError
from analysis.core.labels import format_as_of, format_claimants, format_estimate
from analysis.core.params import check_date
from analysis.core.schema import UNITS, is_missing
from analysis.facts.known import known_by

# Label used in the controls for a missing actor or location (value ``None``).
UNKNOWN_LABEL = "(not stated)"

# Columns every function here reads; a frame without them is not a claims table.
_REQUIRED_COLUMNS: tuple[str, ...] = (
    "claim_id", "article_id", "sentence", "start", "end", "quote", "value", "lower", "upper",
    "approx", "qualifier", "vague", "unit", "actor", "location", "claimants",
    "as_of_start", "as_of_end", "published", "language",
)

# Columns of the table the explorer shows, in order.
TABLE_COLUMNS: tuple[str, ...] = (
    "published", "estimate", "unit", "actor", "location", "claimants", "as_of", "quote",
    "flags", "claim_id",
)

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

# A search term is either a "quoted phrase" or a run of non-blank characters.
_SEARCH_TERM = re.compile(r'"([^"]*)"|(\S+)')


# --------------------------------------------------------------------------- helpers


def _as_list(value: Any) -> list[Any]:
    """A list column cell as a list (``None``/NaN -> ``[]``, a lone string -> ``[s]``)."""
    if is_missing(value):
        return []
    if isinstance(value, str):
        return [value] if value else []
    return list(value)


def _as_date(name: str, value: Any) -> dt.date | None:
    """Accept a date, datetime, pandas Timestamp, ISO string or None/NaT (= open end)."""
    return check_date(name, None if is_missing(value) else value)


def _as_selection(name: str, values: Any) -> list[Any] | None:
    """Normalize a facet selection: None or empty -> None (no filter); a string -> [string]."""
    if values is None:
        return None
    if isinstance(values, str):
        return [values]
    if not isinstance(values, Iterable):
        raise ParameterError(f"{name} = {values!r} must be a list of values or None")
    values = list(values)
    return values or None


def _check_columns(claims: pd.DataFrame) -> None:
    missing = [column for column in _REQUIRED_COLUMNS if column not in claims.columns]
    if missing:
        raise FactsError(
            f"claims table lacks column(s) {', '.join(missing)}; load it with "
            "analysis.facts.store.load_claims() or rebuild data/facts/claims.csv"
        )


def _matches_value(column: pd.Series, wanted: Collection[Any]) -> pd.Series:
    """Cells equal to one of ``wanted``; ``None`` in ``wanted`` also matches missing cells."""
    present = [value for value in wanted if not is_missing(value)]
    mask = column.isin(present)
    if any(is_missing(value) for value in wanted):
        mask |= column.isna()
    return mask


def _day_series(column: pd.Series) -> pd.Series:
    """A date column (datetime64, date objects or ISO strings) as normalized Timestamps."""
    return pd.to_datetime(column, errors="coerce").dt.normalize()


def search_terms(search: str) -> list[str]:
    """Split a search string into case-folded terms; ``"..."`` keeps a phrase together.

    >>> search_terms('Kursk "nordkoreanische Truppen"')
    ['kursk', 'nordkoreanische truppen']
    """
    terms = []
    for phrase, word in _SEARCH_TERM.findall(search or ""):
        term = " ".join((phrase or word).split()).casefold()
        if term:
            terms.append(term)
    return terms


# --------------------------------------------------------------------------- filtering


def filter_claims(
    claims: pd.DataFrame,
    *,
    units: Collection[str] | str | None = None,
    actors: Collection[str | None] | str | None = None,
    claimants: Collection[str] | str | None = None,
    locations: Collection[str | None] | str | None = None,
    date_from: Any = None,
    date_to: Any = None,
    languages: Collection[str] | str | None = None,
    search: str | None = None,
) -> pd.DataFrame:
    """Return the claims that pass every given filter (rows keep their index and order).

    Each facet takes a collection of accepted values; None or an empty collection means
    "no restriction", a single string is one value.

    * ``units``: values of :data:`analysis.core.schema.UNITS` (an unknown unit is an error).
    * ``actors`` / ``locations``: codes as stored (``PRK``, ``RU-KRS``); ``None`` in the
      collection selects claims where the field is missing.
    * ``claimants``: a claim passes if *any* of its claimants is selected.
    * ``date_from`` / ``date_to``: the claim's as-of interval (``as_of_start`` ..
      ``as_of_end``; the publication date when the article gives none) must overlap
      ``[date_from, date_to]``. Either end may be None (open).
    * ``languages``: ISO 639-1 codes of the articles.
    * ``search``: case-insensitive; every term must occur in the quote or its sentence;
      ``"double quotes"`` keep a phrase together.
    """
    _check_columns(claims)
    mask = pd.Series(True, index=claims.index)

    unit_values = _as_selection("units", units)
    if unit_values is not None:
        unknown = [unit for unit in unit_values if unit not in UNITS]
        if unknown:
            raise ParameterError(
                f"unknown unit(s) {', '.join(map(repr, unknown))}; valid: {', '.join(UNITS)}"
            )
        mask &= claims["unit"].isin(unit_values)

    for name, column, selection in (
        ("actors", "actor", actors),
        ("locations", "location", locations),
        ("languages", "language", languages),
    ):
        values = _as_selection(name, selection)
        if values is not None:
            mask &= _matches_value(claims[column], values)

    claimant_values = _as_selection("claimants", claimants)
    if claimant_values is not None:
        wanted = set(claimant_values)
        mask &= claims["claimants"].map(lambda cell: bool(wanted.intersection(_as_list(cell))))

    first, last = _as_date("date_from", date_from), _as_date("date_to", date_to)
    if first is not None and last is not None and first > last:
        raise ParameterError(
            f"date_from {first.isoformat()} is after date_to {last.isoformat()}; swap them"
        )
    if first is not None or last is not None:
        published = _day_series(claims["published"])
        start = _day_series(claims["as_of_start"]).fillna(published)
        end = _day_series(claims["as_of_end"]).fillna(start)
        if first is not None:
            mask &= end >= pd.Timestamp(first)
        if last is not None:
            mask &= start <= pd.Timestamp(last)

    terms = search_terms(search or "")
    if terms:
        quotes = claims["quote"].fillna("").astype(str)
        sentences = claims["sentence"].fillna("").astype(str)
        # Whitespace is collapsed so a phrase matches across line breaks.
        haystack = (quotes + "\n" + sentences).map(lambda text: " ".join(text.split()).casefold())
        for term in terms:
            mask &= haystack.str.contains(term, regex=False)

    return claims[mask.astype(bool)]


def filter_options(claims: pd.DataFrame) -> dict[str, list[tuple[str, Any]]]:
    """(label, value) choices for each facet, from the values present in ``claims``.

    Units follow the schema order; codes are sorted; a missing actor/location is offered
    as :data:`UNKNOWN_LABEL` with value ``None``.
    """
    _check_columns(claims)

    def codes(column: str, *, with_missing: bool) -> list[tuple[str, Any]]:
        present = sorted({str(v) for v in claims[column] if not is_missing(v)})
        options: list[tuple[str, Any]] = [(code, code) for code in present]
        if with_missing and claims[column].isna().any():
            options.append((UNKNOWN_LABEL, None))
        return options

    units_present = set(claims["unit"].dropna())
    claimants_present = sorted({c for cell in claims["claimants"] for c in _as_list(cell)})
    return {
        "units": [(unit, unit) for unit in UNITS if unit in units_present],
        "actors": codes("actor", with_missing=True),
        "claimants": [(code, code) for code in claimants_present],
        "locations": codes("location", with_missing=True),
        "languages": codes("language", with_missing=False),
    }


# --------------------------------------------------------------------------- presentation


def _estimate_text(row: Mapping[str, Any]) -> str:
    return format_estimate(
        row.get("value"), row.get("lower"), row.get("upper"),
        row.get("approx", False), row.get("vague", False), row.get("qualifier"),
    )


def _date_text(value: Any) -> str:
    return "" if is_missing(value) else pd.Timestamp(value).date().isoformat()


def _in_reading_order(claims: pd.DataFrame) -> pd.DataFrame:
    """By publication date, then article, then position in the article."""
    return claims.assign(_published=_day_series(claims["published"])).sort_values(
        ["_published", "article_id", "start"], kind="stable"
    )


def claims_table(claims: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The explorer's table: one row per claim, readable columns (see :data:`TABLE_COLUMNS`).

    ``estimate`` renders value and bounds with the qualifier ("≤ 12,000"), ``as_of`` the
    interval the claim refers to; lists become comma-separated text. Sorted by
    publication date, then position in the article; ``limit`` keeps the first rows.
    """
    _check_columns(claims)
    ordered = _in_reading_order(claims)
    if limit is not None:
        ordered = ordered.head(limit)
    rows = []
    for _, row in ordered.iterrows():
        rows.append({
            "published": _date_text(row["published"]),
            "estimate": _estimate_text(row),
            "unit": row["unit"],
            "actor": "" if is_missing(row["actor"]) else row["actor"],
            "location": "" if is_missing(row["location"]) else row["location"],
            "claimants": format_claimants(_as_list(row["claimants"])),
            "as_of": format_as_of(row["as_of_start"], row["as_of_end"]),
            "quote": row["quote"],
            "flags": ", ".join(map(str, _as_list(row.get("flags")))),
            "claim_id": row["claim_id"],
        })
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS))


def _quote_span_in_sentence(
    sentence: str, quote: str, start: Any, article_text: str | None
) -> tuple[int, int] | None:
    """Where the quote sits in its sentence, or None if it is not there.

    The schema stores the quote's offsets in the *article*, not in the sentence. When the
    quote occurs more than once in the sentence, the article text (if given) decides
    which occurrence the offsets point at; otherwise the first one is used.
    """
    if not quote:
        return None
    occurrences = [m.start() for m in re.finditer(re.escape(quote), sentence)]
    if not occurrences:
        return None
    if len(occurrences) > 1 and article_text is not None and not is_missing(start):
        claim_start = int(start)
        for offset in occurrences:
            sentence_start = claim_start - offset
            if article_text[sentence_start:sentence_start + len(sentence)] == sentence:
                return offset, offset + len(quote)
    return occurrences[0], occurrences[0] + len(quote)


def highlight_quote_html(claim_row: Mapping[str, Any], article_text: str | None = None) -> str:
    """The claim's sentence as HTML with the quote wrapped in ``<mark>``; all text escaped.

    If the quote is not found in the sentence (a data defect), the sentence is shown
    unmarked followed by the quote, so nothing is hidden.
    """
    sentence = "" if is_missing(claim_row.get("sentence")) else str(claim_row["sentence"])
    quote = "" if is_missing(claim_row.get("quote")) else str(claim_row["quote"])
    span = _quote_span_in_sentence(sentence, quote, claim_row.get("start"), article_text)
    if span is None:
        return (
            f'<p class="nk-sentence">{html.escape(sentence)}</p>'
            f'<p class="nk-quote-missing">quote not found in its sentence: '
            f"<mark>{html.escape(quote)}</mark></p>"
        )
    begin, end = span
    return (
        f'<p class="nk-sentence">{html.escape(sentence[:begin])}'
        f"<mark>{html.escape(sentence[begin:end])}</mark>"
        f"{html.escape(sentence[end:])}</p>"
    )


def claim_detail_html(claim_row: Mapping[str, Any], article: Any | None = None) -> str:
    """A claim's highlighted sentence, its structured fields and its article's metadata.

    ``article`` is an :class:`analysis.corpus.catalog.Article` (or None when the claim's article
    is not in the catalog); its text disambiguates repeated quotes.
    """
    article_text = getattr(article, "text", None)
    fields: list[tuple[str, str]] = [
        ("estimate", f"{_estimate_text(claim_row)} {claim_row.get('unit', '')}".strip()),
        ("actor", _text_or_dash(claim_row.get("actor"))),
        ("location", _with_text(claim_row.get("location"), claim_row.get("location_text"))),
        (
            "claimants",
            _with_text(
                format_claimants(_as_list(claim_row.get("claimants"))),
                claim_row.get("claimant_text"),
            ),
        ),
        (
            "as of",
            _with_text(
                format_as_of(claim_row.get("as_of_start"), claim_row.get("as_of_end")),
                claim_row.get("as_of_text"),
            ),
        ),
        ("since", _text_or_dash(_date_text(claim_row.get("since")))),
        ("flags", ", ".join(map(str, _as_list(claim_row.get("flags")))) or "—"),
        (
            "overridden",
            ", ".join(map(str, _as_list(claim_row.get("overridden"))))
            or "—  (values as extracted)",
        ),
        (
            "offsets",
            f"characters {claim_row.get('start')}–{claim_row.get('end')} of "
            f"article {claim_row.get('article_id')}",
        ),
    ]
    if article is not None:
        url = str(getattr(article, "url", "") or "")
        fields += [
            ("title", _text_or_dash(getattr(article, "title", ""))),
            ("outlet", _text_or_dash(getattr(article, "outlet", ""))),
            ("published", _date_text(getattr(article, "published", None))),
            ("language", _text_or_dash(getattr(article, "language", ""))),
            ("url", url or "—"),
        ]
    else:
        fields += [
            ("published", _date_text(claim_row.get("published"))),
            ("language", _text_or_dash(claim_row.get("language"))),
            ("article", "not in the catalog (seeds/catalog.csv)"),
        ]
    rows = []
    for name, value in fields:
        if name == "url" and value.startswith(("http://", "https://")):
            shown = (
                f'<a href="{html.escape(value, quote=True)}" target="_blank" '
                f'rel="noopener noreferrer">{html.escape(value)}</a>'
            )
        else:
            shown = html.escape(value)
        # Inline alignment: JupyterLab right-aligns table cells in HTML outputs.
        rows.append(
            f'<tr><th style="text-align: right">{html.escape(name)}</th>'
            f'<td style="text-align: left">{shown}</td></tr>'
        )
    return (
        '<div class="nk-claim-detail">'
        + highlight_quote_html(claim_row, article_text)
        + '<table class="nk-claim-fields">'
        + "".join(rows)
        + "</table></div>"
    )


def _text_or_dash(value: Any) -> str:
    return "—" if is_missing(value) or value == "" else str(value)


def _with_text(code: Any, text: Any) -> str:
    """``RU-KRS`` + ``"in der russischen Region Kursk"`` -> ``RU-KRS ("in der ...")``."""
    shown = _text_or_dash(code)
    if is_missing(text) or not str(text):
        return shown
    return f'{shown} ("{text}")'


def claim_label(claim_row: Mapping[str, Any]) -> str:
    """Short one-line label for the claim picker: date, figure, unit and the quote's start."""
    quote = str(claim_row.get("quote", ""))
    short = quote if len(quote) <= 60 else quote[:59] + "…"
    return (
        f"{_date_text(claim_row.get('published'))} · {_estimate_text(claim_row)} "
        f"{claim_row.get('unit', '')} · {short}"
    )


# --------------------------------------------------------------------------- figures


def figure_png(fig: Any, *, dpi: int = 90) -> bytes:
    """Render a Matplotlib figure to PNG bytes (no software/date metadata) and close it.

    Closing matters: a figure left open in pyplot would be shown again by the inline
    backend at the end of the next cell.
    """
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    finally:
        plt.close(fig)
    return buffer.getvalue()


def _default_chart(claims: pd.DataFrame, events: pd.DataFrame | None) -> Any:
    from analysis.viz.charts import plot_estimates

    return plot_estimates(claims, events)


def _default_map(claims: pd.DataFrame, region: str, as_of: dt.date | None) -> Any:
    from analysis.viz.maps import plot_region_map

    return plot_region_map(claims, region, as_of=as_of)


# --------------------------------------------------------------------------- the app


ChartFunction = Callable[[pd.DataFrame, "pd.DataFrame | None"], Any]
MapFunction = Callable[[pd.DataFrame, str, "dt.date | None"], Any]


class ClaimsExplorer:
    """ipywidgets app: filters -> count, table, estimates chart, regional map, claim detail.

    ``claims`` is a typed claims frame (``analysis.facts.store.load_claims``); ``articles`` maps
    article id -> :class:`~analysis.corpus.catalog.Article` for the metadata panel. ``as_of``
    hides claims published after that date. ``chart`` and ``region_map`` default to
    :func:`analysis.viz.charts.plot_estimates` and :func:`analysis.viz.maps.plot_region_map`; pass
    other callables (same arguments) to plug in different plots.

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
    ) -> None:
        import ipywidgets as widgets

        _check_columns(claims)
        self.as_of = _as_date("as_of", as_of)
        self.claims = known_by(claims, self.as_of)
        self.events = events
        self.articles = dict(articles or {})
        self.region = region
        self.max_rows = max_rows
        self._chart = chart or _default_chart
        self._map = region_map or _default_map
        self.filtered = self.claims
        self.selected_claim_id: str | None = None
        # PNGs by (figure kind, claim ids): going back to an earlier filter is instant.
        self._png_cache: OrderedDict[tuple[str, tuple[str, ...]], bytes] = OrderedDict()

        options = filter_options(self.claims)

        def facet(name: str, description: str) -> widgets.SelectMultiple:
            control = widgets.SelectMultiple(
                options=options[name], value=(), rows=min(5, max(2, len(options[name]))),
                description=description, layout=widgets.Layout(width="190px"),
                style={"description_width": "70px"},
            )
            control.add_class(f"nk-filter-{name}")
            return control

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
        self.claim_select = widgets.Select(
            options=[], rows=6, description="Claim", layout=widgets.Layout(width="100%")
        )
        self.claim_select.add_class("nk-explore-claim")
        self.detail_html = widgets.HTML()
        self.detail_html.add_class("nk-explore-detail")

        self._filter_controls = (
            self.unit_select, self.actor_select, self.claimant_select, self.location_select,
            self.language_select, self.date_from_picker, self.date_to_picker, self.search_box,
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
                self.location_select, self.language_select,
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

    def _refresh(self) -> None:
        try:
            self.filtered = filter_claims(self.claims, **self.current_filters())
            problem = ""
        except AnalysisError as exc:  # e.g. "from" after "to": say so, keep the last view
            problem = str(exc)
        total, shown = len(self.claims), len(self.filtered)
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
        table = claims_table(self.filtered, limit=self.max_rows)
        cut = ""
        if len(self.filtered) > self.max_rows:
            cut = (
                f"<p><i>First {self.max_rows} of {len(self.filtered)} rows shown; "
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
        self.figure_note.value = "<br>".join(notes)

    def _cached_png(self, key: tuple[str, tuple[str, ...]], draw: Callable[[], Any]) -> bytes:
        if key in self._png_cache:
            self._png_cache.move_to_end(key)
            return self._png_cache[key]
        png = figure_png(draw())
        self._png_cache[key] = png
        if len(self._png_cache) > PNG_CACHE_SIZE:
            self._png_cache.popitem(last=False)
        return png

    def _update_claim_picker(self) -> None:
        # Same order and limit as the table, so the picker lists exactly the rows shown.
        ordered = _in_reading_order(self.filtered).head(self.max_rows)
        options = [(claim_label(row), row["claim_id"]) for _, row in ordered.iterrows()]
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
        row = self.claims.loc[self.claims["claim_id"] == claim_id].iloc[0]
        article = self.articles.get(row["article_id"])
        self.detail_html.value = claim_detail_html(row, article)

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
            for select in self._filter_controls[:5]:
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
            f"ClaimsExplorer: {len(self.claims)} claims (interactive; open in JupyterLab)"
        )
        return data
