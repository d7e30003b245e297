"""Unit tests for analysis.explore.app: filtering, table, quote highlighting and the widget app.

The claims fixture is tests/support/explore_claims.py; the notebook 00_explore.ipynb under
papermill is tested in tests/integration/test_notebook_explore.py.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.core.errors import AnalysisError, FactsError, ParameterError  # noqa: E402
from analysis.corpus.catalog import Article  # noqa: E402
from analysis.explore import app as explore  # noqa: E402
from tests.support.explore_claims import explore_claims  # noqa: E402


@pytest.fixture
def claims() -> pd.DataFrame:
    return explore_claims()


# ------------------------------------------------------------------ filter_claims


def test_no_filters_returns_every_claim_in_order(claims):
    result = explore.filter_claims(claims)
    assert list(result["claim_id"]) == list(claims["claim_id"])


def test_units_filter_keeps_only_those_units(claims):
    result = explore.filter_claims(claims, units=["soldiers", "containers"])
    assert sorted(result["unit"]) == ["containers", "soldiers"]
    assert list(explore.filter_claims(claims, units="wounded")["article_id"]) == ["en1"]


def test_unknown_unit_is_a_parameter_error_listing_valid_units(claims):
    with pytest.raises(ParameterError, match="'tanks'.*troops"):
        explore.filter_claims(claims, units=["tanks"])


def test_empty_selection_means_no_restriction(claims):
    assert len(explore.filter_claims(claims, units=[], actors=(), languages=[])) == len(claims)


def test_actor_none_selects_claims_without_actor(claims):
    result = explore.filter_claims(claims, actors=[None])
    assert list(result["quote"]) == ["rund 50.000 Soldaten"]
    both = explore.filter_claims(claims, actors=["PRK", None])
    assert len(both) == len(claims)


def test_claimants_match_if_any_claimant_selected(claims):
    usa = explore.filter_claims(claims, claimants=["USA"])
    assert set(usa["quote"]) == {
        "Tausende nordkoreanischer Truppen", "10.000 nordkoreanische Truppen",
    }
    kor_or_usa = explore.filter_claims(claims, claimants=["KOR", "USA"])
    assert len(kor_or_usa) == 4


def test_location_filter_is_exact_and_none_matches_missing(claims):
    assert len(explore.filter_claims(claims, locations=["RU-KRS"])) == 2
    assert list(explore.filter_claims(claims, locations=[None])["article_id"]) == ["en2"]


def test_language_filter(claims):
    assert set(explore.filter_claims(claims, languages=["en"])["article_id"]) == {"en1", "en2"}
    assert len(explore.filter_claims(claims, languages="de")) == 4


def test_date_range_overlaps_as_of_interval(claims):
    # 2024-11-08 lies inside "letzte Woche" (2024-11-04..10) only.
    one_day = explore.filter_claims(claims, date_from="2024-11-08", date_to="2024-11-08")
    assert list(one_day["quote"]) == ["10.000 nordkoreanische Truppen"]
    # October 2024 touches the container claim only.
    october = explore.filter_claims(
        claims, date_from=dt.date(2024, 10, 15), date_to=dt.date(2024, 10, 20)
    )
    assert list(october["unit"]) == ["containers"]


def test_date_range_falls_back_to_publication_date(claims):
    # "Tausende ..." has no as-of date: it counts as of its publication, 2024-11-12.
    result = explore.filter_claims(claims, date_from="2024-11-12", date_to="2024-11-12")
    assert "Tausende nordkoreanischer Truppen" in set(result["quote"])
    assert "10.000 nordkoreanische Truppen" not in set(result["quote"])


def test_open_ended_date_range(claims):
    after = explore.filter_claims(claims, date_from=pd.Timestamp("2025-01-01"))
    assert set(after["article_id"]) == {"en1", "en2"}
    before = explore.filter_claims(claims, date_to="2024-10-31")
    assert list(before["unit"]) == ["containers"]


def test_reversed_or_bad_dates_are_parameter_errors(claims):
    with pytest.raises(ParameterError, match="after date_to"):
        explore.filter_claims(claims, date_from="2024-12-01", date_to="2024-11-01")
    with pytest.raises(ParameterError, match="'date_from' = '12.11.2024'"):
        explore.filter_claims(claims, date_from="12.11.2024")


def test_search_is_case_insensitive_and_covers_sentence(claims):
    # "Kursk" is in the sentence of two claims, not in their quotes.
    assert len(explore.filter_claims(claims, search="kURSK")) == 2
    assert list(explore.filter_claims(claims, search="container")["unit"]) == ["containers"]


def test_search_terms_all_required_and_phrases_kept_together(claims):
    assert len(explore.filter_claims(claims, search="Truppen Russland")) == 1
    assert len(explore.filter_claims(claims, search='"nordkoreanische Truppen"')) == 1
    assert len(explore.filter_claims(claims, search='"Truppen nordkoreanische"')) == 0
    assert len(explore.filter_claims(claims, search='"  north   korean "')) == 1


def test_search_terms_parsing():
    assert explore.search_terms('Kursk "Nordkoreanische  Truppen" 10.000') == [
        "kursk", "nordkoreanische truppen", "10.000",
    ]
    assert explore.search_terms('  "" ') == []


def test_filters_combine(claims):
    result = explore.filter_claims(
        claims, units=["troops", "wounded"], actors=["PRK"], languages=["de"], search="Truppen",
        date_to="2024-11-30",
    )
    assert list(result["quote"]) == [
        "Tausende nordkoreanischer Truppen", "10.000 nordkoreanische Truppen",
    ]


def test_filter_keeps_index_and_does_not_modify_input(claims):
    before = claims.copy()
    result = explore.filter_claims(claims, units=["soldiers"])
    assert list(result.index) == [2]
    pd.testing.assert_frame_equal(claims, before)


def test_missing_columns_are_reported(claims):
    with pytest.raises(FactsError, match="claimants"):
        explore.filter_claims(claims.drop(columns=["claimants"]))


# ------------------------------------------------------------------ options and table


def test_filter_options_list_present_values(claims):
    options = explore.filter_options(claims)
    assert [value for _, value in options["units"]] == [
        "troops", "soldiers", "wounded", "captured", "containers",
    ]
    assert options["actors"] == [("PRK", "PRK"), (explore.UNKNOWN_LABEL, None)]
    assert [value for _, value in options["claimants"]] == ["KOR", "UKR", "USA"]
    assert (explore.UNKNOWN_LABEL, None) in options["locations"]
    assert [value for _, value in options["languages"]] == ["de", "en"]


def test_claims_table_is_readable(claims):
    table = explore.claims_table(claims)
    assert tuple(table.columns) == explore.TABLE_COLUMNS
    by_quote = table.set_index("quote")
    fifty = by_quote.loc["rund 50.000 Soldaten"]
    assert fifty["estimate"] == "≈ 50,000"
    assert fifty["actor"] == ""
    assert fifty["as_of"] == "2024-11-11"
    assert fifty["flags"] == "actor_unknown"
    assert by_quote.loc["mehr als 13.000 Container", "estimate"] == "> 13,000"
    assert by_quote.loc["10.000 nordkoreanische Truppen", "claimants"] == "USA"
    assert by_quote.loc["Tausende nordkoreanischer Truppen", "claimants"] == "KOR, USA, UKR"
    assert list(table["published"]) == sorted(table["published"])


# ------------------------------------------------------------------ highlighting


def test_highlight_marks_exact_quote_and_keeps_the_rest(claims):
    row = claims.iloc[2]
    out = explore.highlight_quote_html(row)
    assert "dass seine Armee <mark>rund 50.000 Soldaten</mark> in Kursk festhält." in out
    assert out.count("<mark>") == 1


def test_highlight_escapes_html():
    row = {
        "sentence": 'The <b>report</b> said "up to 300 & more" drones & 40 tanks.',
        "quote": "up to 300 & more", "start": 0,
    }
    out = explore.highlight_quote_html(row)
    assert "<b>" not in out
    assert "&lt;b&gt;report&lt;/b&gt;" in out
    assert "<mark>up to 300 &amp; more</mark>" in out


def test_highlight_picks_the_occurrence_the_offsets_point_to():
    sentence = "Es waren 500 Soldaten im Norden und 500 Soldaten im Süden."
    article_text = "Vorspann. " + sentence
    second = article_text.index("500 Soldaten im Süden")
    row = {"sentence": sentence, "quote": "500 Soldaten", "start": second}
    out = explore.highlight_quote_html(row, article_text)
    assert "im Norden und <mark>500 Soldaten</mark> im Süden" in out
    first_only = explore.highlight_quote_html(row)  # without the text: first occurrence
    assert "Es waren <mark>500 Soldaten</mark> im Norden" in first_only


def test_highlight_reports_quote_missing_from_sentence():
    row = {"sentence": "Some 20 ships left port.", "quote": "30 ships", "start": 3}
    out = explore.highlight_quote_html(row)
    assert "quote not found" in out
    assert "<mark>30 ships</mark>" in out
    assert "Some 20 ships left port." in out


def test_claim_detail_shows_fields_and_article_metadata(claims):
    row = claims.iloc[1]
    article = Article(
        id="seed", file="seed.txt", title="Nordkorea & Russland", outlet="Test outlet",
        url="https://example.org/a?b=1&c=2", published=dt.date(2024, 11, 12), language="de",
        notes="", text="x" * 800 + row["sentence"],
    )
    out = explore.claim_detail_html(row, article)
    assert "<mark>10.000 nordkoreanische Truppen</mark>" in out
    assert "Nordkorea &amp; Russland" in out
    assert 'href="https://example.org/a?b=1&amp;c=2"' in out
    assert "2024-11-04–10" in out and "Letzte Woche" in out
    assert f"characters {row['start']}–{row['end']} of article seed" in out


def test_claim_detail_without_article_says_so(claims):
    out = explore.claim_detail_html(claims.iloc[4], None)
    assert "not in the catalog" in out
    assert "2025-01-12" in out


def test_claim_detail_does_not_link_non_http_urls(claims):
    article = Article(
        id="seed", file="seed.txt", title="", outlet="", url="javascript:alert(1)",
        published=dt.date(2024, 11, 12), language="de", notes="", text="",
    )
    out = explore.claim_detail_html(claims.iloc[0], article)
    assert "<a " not in out


# ------------------------------------------------------------------ figures


def test_figure_png_closes_the_figure():
    fig, ax = plt.subplots()
    ax.bar([1, 2], [3, 4])
    data = explore.figure_png(fig)
    assert data.startswith(b"\x89PNG")
    assert not plt.fignum_exists(fig.number)


# ------------------------------------------------------------------ the widget app


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
    app = explore.ClaimsExplorer(
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
    limited = explore.claims_table(claims, limit=3)
    assert list(limited["claim_id"]) == list(explore.claims_table(claims)["claim_id"])[:3]
