"""The zoomable map: the static map's selection as one offline page with popups, a side
list of country-level claims, legend and credit, and a text summary for nbval."""

from __future__ import annotations

import math
import re
from types import SimpleNamespace

import pytest

from analysis.corpus.catalog import load_corpus
from analysis.viz.interactive_map import InteractiveMap, popup_html
from analysis.viz.leaflet_assets import LEAFLET_VERSION, leaflet_assets
from analysis.viz.region_map import select_region_claims
from tests.support.geo_claims import SEED_ID, _claim, seed_claim_rows, typed_claims


def _claims():
    rows = seed_claim_rows() + [
        _claim(3000, "2.000 Soldaten bei Sudscha", value=2000.0, unit="soldiers",
               actor="PRK", location="Sudzha", claimants=["UKR"]),
        _claim(3100, "unendlich viele Soldaten", value=math.inf, unit="soldiers", actor="PRK",
               location="Sudzha"),
    ]
    reference = _claim(0, "", value=11000.0, unit="troops", actor="PRK", location="RU-KRS",
                       claimants=["KOR"], source="reference", outlet="Example Wire",
                       url="https://example.org/report?a=1&b=2", counted_text="troops in Kursk",
                       as_of_start="2024-11-20", as_of_end="2024-11-20")
    reference.update(claim_id="ref-900", quote=None, sentence=None, article_id=None,
                     start=None, end=None, sentence_index=None)
    frame = typed_claims([*rows, reference])
    frame["as_of_source"] = ["text"] * len(rows) + ["statement"]
    return frame


@pytest.fixture(scope="module")
def zoomable() -> InteractiveMap:
    articles = {a.id: a for a in load_corpus()}
    return InteractiveMap(_claims(), "RU-KRS", articles=articles)


def _data(page: str) -> str:
    return re.search(r'<script type="application/json" id="nk-map-data">(.*?)</script>',
                     page, re.S).group(1)


def test_symbols_are_the_static_maps_selection_and_the_summary_names_them(zoomable):
    expected = set(select_region_claims(_claims(), "RU-KRS")["claim_id"])
    shown = set(re.findall(r'"id":"([^"]+)"', _data(zoomable.html)))
    assert shown == expected and "ref-900" in shown
    summary = zoomable.summary
    assert f"{len(expected)} symbol(s): " + ", ".join(sorted(expected)) in summary
    assert f"{SEED_ID}:800" in summary.splitlines()[2]  # "in Russland": the side list
    assert "1 claim not drawn: " in summary and "value is infinite" in summary


def test_page_is_offline_and_self_contained(zoomable):
    page = zoomable.html
    assets = leaflet_assets()
    assert assets.javascript[:2000] in page and "leaflet-container" in page
    assert LEAFLET_VERSION in page
    assert not re.search(r'<(script|link|img)[^>]+(src|href)=', page)
    assert "url(images/" not in page and "tile.openstreetmap" not in page
    assert '"tiles":null' in _data(page)
    # The only web addresses are the sources the popups and the list link to.
    outside = set(re.findall(r'https?://[^"\'<>\s\\]+', page)) - set(
        re.findall(r'https?://[^"\'<>\s\\]+', assets.javascript + assets.css))
    assert outside <= {"https://example.org/report?a=1&amp;b=2",
                       "https://example.org/report?a=1&b=2"} | {
        a.url for a in load_corpus()}


def test_layers_legend_credit_and_side_list(zoomable):
    data = _data(zoomable.html)
    assert '"selected":"RU-KRS"' in data and '"code":"UA-59"' in data
    assert "Russia–Ukraine border" in data and '"name":"Seym"' in data
    assert '"name":"Sudzha"' in data  # a claim sits there, so its village is shown
    assert "Natural Earth (public domain)" in data and "Legend" in data
    side = zoomable.html.split('<aside class="nk-side">')[1].split("</aside>")[0]
    assert "Claims for a whole country (3)" in side  # two in Russia, one in Ukraine
    assert "North Korean troops · claimed by KOR, USA, UKR" in side
    assert "Not drawn" in side and "value is infinite" in side


def test_popups_carry_figure_actor_claimants_as_of_quote_and_link(zoomable):
    articles = {a.id: a for a in load_corpus()}
    row = select_region_claims(_claims(), "RU-KRS").set_index("claim_id").loc[
        f"{SEED_ID}:1180"].to_dict() | {"claim_id": f"{SEED_ID}:1180"}
    popup = popup_html(row, articles)
    assert "<mark>rund 50.000 Soldaten</mark>" in popup
    for text in ("≈ 50,000 soldiers", "RUS (Russian)", "UKR", "2024-11-11", "Kursk Oblast"):
        assert text in popup
    # The seed article has no URL: its id and title, no dead link.
    assert "<a " not in popup and f"{SEED_ID}: {articles[SEED_ID].title}" in popup
    seed = articles[SEED_ID]
    linked = {SEED_ID: SimpleNamespace(url="https://example.org/seed", title=seed.title,
                                       text=seed.text)}
    popup = popup_html(row, linked)
    assert 'href="https://example.org/seed"' in popup and 'rel="noopener noreferrer"' in popup
    reference = select_region_claims(_claims(), "RU-KRS").set_index("claim_id").loc[
        "ref-900"].to_dict() | {"claim_id": "ref-900"}
    popup = popup_html(reference, articles)
    assert "Reference claim coded from public reporting: troops in Kursk" in popup
    assert 'href="https://example.org/report?a=1&amp;b=2"' in popup
    assert "timed by when it was stated" in popup


def test_reference_claims_are_squares_and_small_symbols_come_last(zoomable):
    symbols = re.findall(r'"id":"([^"]+)".*?"shape":"(\w+)".*?"size":(\d+)',
                         _data(zoomable.html))
    assert dict((i, s) for i, s, _ in symbols)["ref-900"] == "square"
    areas = [int(size) ** 2 * (1 if shape == "square" else math.pi / 4)
             for _, shape, size in symbols]
    assert areas == sorted(areas, reverse=True)  # drawn big first: small ones on top


def test_same_selection_same_bytes_and_a_notebook_view(zoomable, tmp_path):
    again = InteractiveMap(_claims(), "RU-KRS", articles={a.id: a for a in load_corpus()})
    assert again.html == zoomable.html
    path = zoomable.save(tmp_path / "map.html")
    assert path.read_text(encoding="utf-8") == zoomable.html
    bundle = zoomable._repr_mimebundle_()
    assert bundle["text/plain"] == zoomable.summary
    assert bundle["text/html"].startswith('<iframe class="nk-interactive-map"')
    assert "&lt;!DOCTYPE html&gt;" in bundle["text/html"] and "<script" not in bundle["text/html"]


def test_a_tile_layer_only_when_asked():
    page = InteractiveMap(_claims().iloc[:1], "RU-KRS",
                          tiles_url="http://127.0.0.1:9/{z}/{x}/{y}.png").html
    assert '"tiles":"http://127.0.0.1:9/{z}/{x}/{y}.png"' in page
