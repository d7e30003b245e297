"""DatasetExplorer: the explorer's filters pushed down to the facts stage, aggregates drawn.

The claims are the explorer tests' own frame, written as a claims CSV (a source
``query_facts`` reads like a ``facts build --out`` folder); the in-memory explorer over the
same frame is the reference for what each filter selects.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.core.tables import write_table
from analysis.explore.app import ClaimsExplorer
from analysis.explore.large import DatasetExplorer
from tests.support.explore_claims import sample_claims
from tests.unit.explore.test_app import table_quotes

NO_OVERRIDES = "claim_id,field,value,reason,reviewer,date\n"


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    claims = sample_claims()
    write_table(claims, folder / "claims.csv", kind="claims")
    (folder / "overrides.csv").write_text(NO_OVERRIDES, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def explorer(source):
    app = DatasetExplorer(source / "claims.csv", overrides_path=source / "overrides.csv")
    yield app
    app.close()


@pytest.fixture(scope="module")
def in_memory():
    return ClaimsExplorer(sample_claims(), chart=_no_figure, region_map=_no_map)


def _no_figure(claims, events):
    from matplotlib.figure import Figure

    return Figure()


def _no_map(claims, region, as_of):
    return _no_figure(claims, None)


def _set(app, **values):
    app.reset()
    for name, value in values.items():
        getattr(app, name).value = value


@pytest.mark.parametrize("values", [
    {},
    {"unit_select": ("containers",)},
    {"language_select": ("en",), "search_box": "wounded"},
    {"claimant_select": ("USA",), "date_from_picker": dt.date(2024, 11, 1),
     "date_to_picker": dt.date(2024, 11, 10)},
    {"actor_select": (None,)},
    {"search_box": '"nordkoreanische  TRUPPEN"'},
])
def test_each_filter_shows_what_the_in_memory_explorer_shows(explorer, in_memory, values,
                                                            monkeypatch):
    # What is compared here is not drawn; the figures have their own test.
    monkeypatch.setattr(explorer, "_draw_figures", lambda: None)
    monkeypatch.setattr(in_memory, "_draw_figures", lambda: None)
    _set(explorer, **values)
    _set(in_memory, **values)
    assert explorer.count_html.value == in_memory.count_html.value
    assert table_quotes(explorer) == table_quotes(in_memory)
    assert explorer.claim_select.options == in_memory.claim_select.options
    assert explorer.detail_html.value == in_memory.detail_html.value


def test_chart_and_map_are_drawn_from_aggregates_and_hidden_when_empty(explorer):
    _set(explorer, unit_select=("troops", "soldiers"))
    assert bytes(explorer.chart_image.value).startswith(b"\x89PNG")
    assert bytes(explorer.map_image.value).startswith(b"\x89PNG")
    chart = explorer._chart_figure.axes[0]
    title = f"Claimed numbers per week: {explorer.matching:,} claims"
    assert chart.get_title(loc="left") == title
    located = explorer._map_figure.axes[0].get_title(loc="left")
    assert f"of {explorer.matching:,} matching claims located" in located
    _set(explorer, unit_select=("containers",), language_select=("en",))
    assert explorer.matching == 0 and bytes(explorer.chart_image.value) == b""
    assert explorer.chart_image.layout.display == "none"


def test_reversed_dates_keep_the_last_view_and_explain(explorer, monkeypatch):
    monkeypatch.setattr(explorer, "_draw_figures", lambda: None)
    _set(explorer, date_from_picker=dt.date(2024, 12, 1))
    shown = explorer.matching
    explorer.date_to_picker.value = dt.date(2024, 11, 1)
    assert "after date_to" in explorer.count_html.value
    assert explorer.matching == shown


def test_as_of_and_the_row_limit(source):
    app = DatasetExplorer(source / "claims.csv", overrides_path=source / "overrides.csv",
                          as_of="2024-12-31", max_rows=1)
    try:
        app._draw_figures = lambda: None  # not what this test is about
        app.refresh()
        memory = ClaimsExplorer(sample_claims(), as_of="2024-12-31", max_rows=1,
                                chart=_no_figure, region_map=_no_map)
        assert app.count_html.value == memory.count_html.value
        assert app.total_claims() == 4 and "<b>4</b> of 4" in app.count_html.value
        assert len(app.filtered) == 1 and "First 1 of 4 rows" in app.table_html.value
        assert repr(app.total_claims()) in app._repr_mimebundle_()["text/plain"]
    finally:
        app.close()
