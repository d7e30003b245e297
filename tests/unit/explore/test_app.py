"""The widget app (the notebook 00_explore.ipynb under papermill:
tests/integration/test_notebook_explore.py)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from analysis.core.errors import AnalysisError  # noqa: E402
from analysis.corpus.catalog import Article  # noqa: E402
from analysis.explore.app import ClaimsExplorer  # noqa: E402
from analysis.explore.detail import explorer_table  # noqa: E402
from analysis.explore.filters import filter_claims  # noqa: E402


class RecordingPlots:
    """Stand-in chart/map functions that record which claims they were asked to draw."""

    def __init__(self, fail_map_with: Exception | None = None) -> None:
        self.chart_calls: list[list[str]] = []
        self.map_calls: list[tuple[list[str], str, Any]] = []
        self.fail_map_with = fail_map_with

    @staticmethod
    def _figure(n: int):
        fig, ax = plt.subplots(figsize=(2, 2))
        ax.bar(range(n), range(n))
        return fig

    def chart(self, claims, events):
        self.chart_calls.append(list(claims["claim_id"]))
        return self._figure(len(claims))

    def region_map(self, claims, region, as_of):
        self.map_calls.append((list(claims["claim_id"]), region, as_of))
        if self.fail_map_with:
            raise self.fail_map_with
        return self._figure(len(claims))


def make_app(claims, plots=None, **kwargs):
    plots = plots or RecordingPlots()
    app = ClaimsExplorer(
        claims, chart=plots.chart, region_map=plots.region_map, **kwargs
    )
    return app, plots


class _TableParser(HTMLParser):
    """Collect header and body cell texts of the first HTML table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_quotes(app) -> list[str]:
    parser = _TableParser()
    parser.feed(app.table_html.value)
    if not parser.rows:
        return []
    header, *body = parser.rows
    column = header.index("quote")
    return [row[column] for row in body]


def test_app_starts_with_everything_shown(claims):
    app, plots = make_app(claims)
    assert len(app.filtered) == len(claims)
    assert "<b>6</b> of 6 claims" in app.count_html.value
    assert len(table_quotes(app)) == 6
    assert bytes(app.chart_image.value).startswith(b"\x89PNG")
    assert bytes(app.map_image.value).startswith(b"\x89PNG")
    assert plots.map_calls[-1][1] == "RU-KRS"
    # The first claim is selected and described.
    assert app.claim_select.value == app.selected_claim_id
    assert "<mark>" in app.detail_html.value
    assert not plt.get_fignums()  # every figure rendered was closed


def test_app_unit_change_updates_table_chart_map_and_picker(claims):
    app, plots = make_app(claims)
    app.unit_select.value = ("containers",)
    assert table_quotes(app) == ["mehr als 13.000 Container"]
    assert "<b>1</b> of 6" in app.count_html.value
    container_id = claims.loc[claims["unit"] == "containers", "claim_id"].item()
    assert plots.chart_calls[-1] == [container_id]
    assert plots.map_calls[-1][0] == [container_id]
    assert [value for _, value in app.claim_select.options] == [container_id]
    assert "<mark>mehr als 13.000 Container</mark>" in app.detail_html.value


def test_app_other_controls_filter_too(claims):
    app, _ = make_app(claims)
    app.language_select.value = ("en",)
    assert len(table_quotes(app)) == 2
    app.search_box.value = "wounded"
    assert len(table_quotes(app)) == 1
    app.reset()
    assert len(table_quotes(app)) == 6
    app.claimant_select.value = ("USA",)
    app.date_from_picker.value = dt.date(2024, 11, 1)
    app.date_to_picker.value = dt.date(2024, 11, 10)
    assert table_quotes(app) == ["10.000 nordkoreanische Truppen"]
    app.actor_select.value = (None,)
    assert table_quotes(app) == []
    assert "No claim matches" in app.table_html.value
    assert bytes(app.chart_image.value) == b"" and app.claim_select.value is None
    assert app.detail_html.value == ""


def test_app_reversed_dates_keep_last_view_and_explain(claims):
    app, _ = make_app(claims)
    app.date_from_picker.value = dt.date(2024, 12, 1)
    app.date_to_picker.value = dt.date(2024, 11, 1)
    assert "after date_to" in app.count_html.value
    assert len(app.filtered) == 2  # from the last valid filter (from 2024-12-01)


def test_app_selecting_a_claim_shows_its_sentence_and_article(claims):
    seed_article = Article(
        id="seed", file="seed.txt", title="Nordkorea ratifiziert Verteidigungspakt",
        outlet="CNN", url="", published=dt.date(2024, 11, 12), language="de", notes="",
        text="",
    )
    app, _ = make_app(claims, articles={"seed": seed_article})
    target = claims.loc[claims["unit"] == "soldiers", "claim_id"].item()
    app.claim_select.value = target
    assert app.selected_claim_id == target
    assert "<mark>rund 50.000 Soldaten</mark>" in app.detail_html.value
    assert "Nordkorea ratifiziert Verteidigungspakt" in app.detail_html.value
    # A filter change that keeps the claim keeps it selected.
    app.location_select.value = ("RU-KRS",)
    assert app.claim_select.value == target


def test_app_as_of_hides_later_claims_and_reaches_the_map(claims):
    app, plots = make_app(claims, as_of="2024-12-31", region="RU-BEL")
    assert len(app.claims) == 4
    assert plots.map_calls[-1][1:] == ("RU-BEL", dt.date(2024, 12, 31))


def test_app_shows_user_level_plot_errors_instead_of_crashing(claims):
    plots = RecordingPlots(fail_map_with=AnalysisError("no geometry for region 'XX'"))
    app, _ = make_app(claims, plots=plots)
    assert bytes(app.map_image.value) == b""
    assert "no geometry for region" in app.figure_note.value
    assert bytes(app.chart_image.value).startswith(b"\x89PNG")


def test_app_plain_text_repr_is_deterministic(claims):
    app, _ = make_app(claims)
    bundle = app._repr_mimebundle_()
    assert bundle["text/plain"] == "ClaimsExplorer: 6 claims (interactive; open in JupyterLab)"
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_app_reuses_figures_when_a_filter_returns(claims):
    app, plots = make_app(claims)
    app.unit_select.value = ("troops",)
    calls = len(plots.chart_calls), len(plots.map_calls)
    first_png = bytes(app.chart_image.value)
    app.unit_select.value = ()
    app.unit_select.value = ("troops",)
    assert (len(plots.chart_calls), len(plots.map_calls)) == calls  # both from the cache
    assert bytes(app.chart_image.value) == first_png


def test_app_hides_empty_figures_and_is_not_left_busy(claims):
    app, _ = make_app(claims)
    assert "nk-busy" not in app.widget._dom_classes
    assert app.chart_image.layout.display is None
    app.search_box.value = "no such words anywhere"
    assert app.chart_image.layout.display == "none"
    assert app.map_image.layout.display == "none"
    assert "nk-busy" not in app.widget._dom_classes
    app.reset()
    assert app.map_image.layout.display is None


def test_app_with_no_claims_shows_an_empty_state(claims):
    app, plots = make_app(claims.iloc[0:0])
    assert "<b>0</b> of 0 claims" in app.count_html.value
    assert "No claim matches" in app.table_html.value
    assert app.claim_select.value is None and app.detail_html.value == ""
    assert plots.chart_calls == [] and plots.map_calls == []


def test_table_and_picker_are_limited_to_max_rows(claims):
    app, _ = make_app(claims, max_rows=2)
    assert len(table_quotes(app)) == 2
    assert "First 2 of 6 rows shown" in app.table_html.value
    assert len(app.claim_select.options) == 2
    assert "<b>6</b> of 6" in app.count_html.value
    limited = explorer_table(claims, limit=3)
    assert list(limited["claim_id"]) == list(explorer_table(claims)["claim_id"])[:3]


def test_app_shows_figures_drawn_before_for_the_same_claims_without_drawing_again(
    claims, tmp_path
):
    chart_png, map_png = b"\x89PNG chart drawn before", tmp_path / "map.png"
    map_png.write_bytes(b"\x89PNG map drawn before")
    app, plots = make_app(claims, drawn={"chart": chart_png, "map": map_png},
                          drawn_claims=claims)
    assert plots.chart_calls == [] and plots.map_calls == []  # the first view's figures
    assert bytes(app.chart_image.value) == chart_png
    assert bytes(app.map_image.value) == map_png.read_bytes()
    app.unit_select.value = ("troops",)  # other claims: drawn as usual
    assert len(plots.chart_calls) == len(plots.map_calls) == 1
    assert bytes(app.chart_image.value) != chart_png
    app.unit_select.value = ()  # back: the images handed over, from the cache
    assert len(plots.chart_calls) == 1 and bytes(app.chart_image.value) == chart_png
    assert not plt.get_fignums()


def test_app_draws_when_the_figures_handed_over_show_other_claims(claims):
    troops = filter_claims(claims, units=["troops"])
    chart_png = b"\x89PNG troops chart"
    app, plots = make_app(claims, drawn={"chart": chart_png, "map": None},
                          drawn_claims=troops)
    assert plots.chart_calls == [list(claims["claim_id"])]  # not the claims handed over
    app.unit_select.value = ("troops",)
    assert list(app.filtered["claim_id"]) == list(troops["claim_id"])
    assert len(plots.chart_calls) == 1  # now they are: the image handed over is shown
    assert bytes(app.chart_image.value) == chart_png
    assert len(plots.map_calls) == 2  # None: the map is drawn


def test_app_rejects_drawn_figures_it_cannot_place(claims):
    with pytest.raises(TypeError, match="drawn_claims"):
        make_app(claims, drawn={"chart": None})
    with pytest.raises(TypeError, match="'chart' and 'map'"):
        make_app(claims, drawn={"table": None}, drawn_claims=claims)
