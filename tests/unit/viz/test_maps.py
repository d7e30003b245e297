"""Selection and drawing of the regional and overview maps."""

from __future__ import annotations

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.core.errors import ParameterError  # noqa: E402
from analysis.viz import maps  # noqa: E402
from analysis.viz.figures import save_figure
from tests.support.geo_claims import SEED_ID, _claim, all_claims, seed_claims, typed_claims  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _svg_claim_ids(path) -> set[str]:
    return set(re.findall(r'id="claim-([^"]+)"', path.read_text(encoding="utf-8")))


def _artist_by_gid(fig, gid):
    found = [a for a in fig.findobj() if getattr(a, "get_gid", lambda: None)() == gid]
    assert len(found) == 1, gid
    return found[0]


# ------------------------------------------------------------------- selection


def test_seed_region_selection_keeps_claims_located_in_the_oblast_only():
    selected = maps.select_region_claims(seed_claims(), "RU-KRS")
    # 800 and 2500 name only Russia, 1300 names Ukraine: not part of the oblast.
    assert set(selected["claim_id"]) == {f"{SEED_ID}:950", f"{SEED_ID}:1180"}
    assert list(selected["map_key"]) == [1, 2]
    assert list(selected["magnitude"]) == [50000.0, 10000.0]  # same place: largest first


def test_region_selection_includes_places_inside_the_oblast():
    selected = maps.select_region_claims(all_claims(), "RU-KRS")
    assert set(selected["location"]) == {"RU-KRS", "Sudzha", "Sudscha", "Korenevo"}
    # keys run from north to south: the oblast label point lies north of Korenevo and Sudzha
    assert list(selected["location_name"]) == [
        "Kursk Oblast", "Kursk Oblast", "Korenevo", "Sudzha", "Sudzha"]


def test_other_region():
    selected = maps.select_region_claims(all_claims(), "RU-BEL")
    assert list(selected["claim_id"]) == ["t_en_3:30"]


@pytest.mark.parametrize(("as_of", "expected"), [
    ("2024-11-12", {"t_en_1:10", "t_de_2:20", "t_en_4:40", f"{SEED_ID}:950",
                    f"{SEED_ID}:1180"}),
    ("2024-11-11", {"t_en_1:10", "t_de_2:20", "t_en_4:40"}),
    ("2024-11-01", {"t_en_1:10", "t_de_2:20"}),           # published that day: kept
    (pd.Timestamp("2024-10-31"), {"t_en_1:10"}),
    ("2024-10-01", set()),
])
def test_as_of_leaves_out_later_publications(as_of, expected):
    selected = maps.select_region_claims(all_claims(), "RU-KRS", as_of=as_of)
    assert set(selected["claim_id"]) == expected


def test_unknown_region_lists_the_valid_codes():
    with pytest.raises(ParameterError, match=r"'RU-XYZ'.*choose one of: RU-BEL, RU-BRY"):
        maps.select_region_claims(seed_claims(), "RU-XYZ")
    with pytest.raises(ParameterError):
        maps.plot_region_map(seed_claims(), "RUS")


def test_bad_as_of_is_a_parameter_error():
    with pytest.raises(ParameterError, match="not an ISO date"):
        maps.plot_region_map(seed_claims(), "RU-KRS", as_of="last tuesday")


def test_seed_flows():
    flows = maps.select_flows(seed_claims())
    by_id = flows.set_index("claim_id")["flow"].to_dict()
    assert by_id == {f"{SEED_ID}:800": "troops", f"{SEED_ID}:950": "troops",
                     f"{SEED_ID}:2500": "munitions"}
    # 1180 is about soldiers of Russia (actor RUS); 1300 is placed in Ukraine.
    rest = maps.unplotted_prk_claims(seed_claims())
    assert list(rest["claim_id"]) == [f"{SEED_ID}:1300"]
    assert list(rest["reason"]) == ["location not in Russia"]


def test_flows_respect_as_of_and_units():
    flows = maps.select_flows(all_claims(), as_of="2024-10-31")
    assert dict(zip(flows["claim_id"], flows["flow"], strict=True)) == {
        "t_en_1:10": "troops", "t_en_5:50": "munitions"}
    rest = maps.unplotted_prk_claims(all_claims())
    assert dict(zip(rest["claim_id"], rest["reason"], strict=True)) == {
        f"{SEED_ID}:1300": "location not in Russia", "t_en_6:60": "location unknown",
        "t_de_7:70": "location unknown"}


def test_flow_destination_is_the_oblast_most_claims_name():
    flows = maps.select_flows(all_claims())
    troops = flows[flows["flow"] == "troops"]
    lon, lat, name = maps._flow_destination(troops)
    assert name == "Kursk Oblast"  # Kursk: 950, Sudzha x2; Belgorod: one claim
    only_country = flows[flows["flow"] == "munitions"]
    assert maps._flow_destination(only_country)[2] == "Russia"


# ---------------------------------------------------------------------- symbols


def test_symbol_areas_are_proportional_to_the_figures():
    scale = maps.symbol_scale([50000.0, 10000.0])
    assert maps.symbol_area(50000.0, scale) / maps.symbol_area(10000.0, scale) == 5.0
    huge = maps.symbol_scale([5_000_000.0, 1000.0])
    assert maps.symbol_area(5_000_000.0, huge) == pytest.approx(maps.MAX_SYMBOL_AREA)
    assert maps.symbol_area(math.nan, huge) == maps.MIN_SYMBOL_AREA
    assert maps.symbol_scale([]) == maps.SYMBOL_AREA_PER_UNIT


def test_claim_magnitude_prefers_value_then_upper_then_lower():
    assert maps.claim_magnitude({"value": 5.0, "upper": 9.0, "lower": 1.0}) == 5.0
    assert maps.claim_magnitude({"value": math.nan, "upper": 9.0, "lower": 1.0}) == 9.0
    assert maps.claim_magnitude({"value": math.nan, "upper": math.nan, "lower": 2.0}) == 2.0
    assert math.isnan(maps.claim_magnitude({"value": None, "upper": None, "lower": None}))


@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.floats(0.02, 0.12)), min_size=1,
                max_size=7))
def test_callout_boxes_never_overlap_and_stay_in_the_band(boxes):
    wanted = [w for w, _ in boxes]
    heights = [h for _, h in boxes]
    centres = maps._stack_positions(wanted, heights, top=0.99, bottom=0.3)
    spans = sorted((c - h / 2, c + h / 2) for c, h in zip(centres, heights, strict=True))
    for (_, upper_end), (lower_start, _) in zip(spans, spans[1:], strict=False):
        assert lower_start >= upper_end - 1e-9
    if sum(heights) + 0.015 * len(heights) <= 0.69:  # they fit: all inside the band
        assert spans[0][0] >= 0.3 - 1e-9 and spans[-1][1] <= 0.99 + 1e-9


# ---------------------------------------------------------------------- drawing


def test_region_map_draws_exactly_the_selected_claims(tmp_path):
    claims = all_claims()
    fig = maps.plot_region_map(claims, "RU-KRS", as_of="2024-11-12")
    png, svg = save_figure(fig, tmp_path, "kursk")
    assert png.stat().st_size > 50_000 and png.read_bytes()[:4] == b"\x89PNG"
    expected = set(maps.select_region_claims(claims, "RU-KRS")["claim_id"])
    assert _svg_claim_ids(svg) == expected
    big = _artist_by_gid(fig, f"claim-{SEED_ID}:1180").get_sizes()[0]
    small = _artist_by_gid(fig, f"claim-{SEED_ID}:950").get_sizes()[0]
    assert big / small == pytest.approx(5.0)
    text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "≈ 50,000 soldiers · UKR · as of 2024-11-11" in text
    assert "10,000 troops · USA · as of 2024-11-04–10" in text
    assert "Natural Earth (public domain)" in text and "GeoNames (CC BY 4.0)" in text
    assert "claims published up to 2024-11-12" in text


def test_vague_claims_are_hatched_and_hollow():
    rows = [_claim(5, "Tausende Soldaten bei Sudscha", lower=2000.0, qualifier="vague",
                   vague=True, unit="soldiers", actor="PRK", location="Sudzha",
                   claimants=["UKR"])]
    fig = maps.plot_region_map(typed_claims(rows), "RU-KRS")
    symbol = _artist_by_gid(fig, f"claim-{SEED_ID}:5")
    assert symbol.get_hatch() == "////"
    assert symbol.get_facecolor().size == 0 or symbol.get_facecolor()[0][3] == 0
    text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "≥ 2,000 soldiers (vague)" not in text  # unit comes after the whole figure
    assert "≥ 2,000 (vague) soldiers · UKR" in text


def test_region_without_claims_still_draws_and_says_so(tmp_path):
    fig = maps.plot_region_map(seed_claims(), "UA-63")
    _, svg = save_figure(fig, tmp_path, "kharkiv")
    assert _svg_claim_ids(svg) == set()
    text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "No claims located in this oblast" in text


def test_maps_draw_into_a_given_axes():
    fig, (left, right) = plt.subplots(1, 2, figsize=(16, 6))
    assert maps.plot_region_map(seed_claims(), ax=left) is fig
    assert maps.plot_overview_map(seed_claims(), ax=right) is fig


def test_overview_map_labels_every_flow_claim(tmp_path):
    claims = all_claims()
    fig = maps.plot_overview_map(claims, as_of="2024-11-12")
    _, svg = save_figure(fig, tmp_path, "overview")
    assert _svg_claim_ids(svg) == set(maps.select_flows(claims)["claim_id"])
    content = svg.read_text(encoding="utf-8")
    assert 'id="flow-troops"' in content and 'id="flow-munitions"' in content
    text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "North Korean troops → Kursk Oblast" in text
    assert "> 13,000 containers in Russia · KOR · as of 2024-10" in text
    assert "≤ 12,000 troops (UKR: location not in Russia)" in text


def test_overview_map_without_flows(tmp_path):
    early = maps.plot_overview_map(seed_claims(), as_of="2024-01-01")
    _, svg = save_figure(early, tmp_path, "empty")
    assert _svg_claim_ids(svg) == set()
    assert "flow-troops" not in svg.read_text(encoding="utf-8")


def test_saved_figures_are_byte_identical_across_runs(tmp_path):
    first = save_figure(maps.plot_region_map(seed_claims()), tmp_path, "a")
    second = save_figure(maps.plot_region_map(seed_claims()), tmp_path, "b")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.suffix
    svg = first[1].read_text(encoding="utf-8")
    assert "Reported numbers in Kursk Oblast (RU-KRS)" in svg  # text stays editable text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "a.svg", "b.png", "b.svg"]


# ----------------------------------------------------------------------- tables


def test_claims_table_and_claim_id_file(tmp_path):
    selected = maps.select_region_claims(seed_claims(), "RU-KRS")
    table = maps.claims_table(selected)
    assert list(table["key"]) == [1, 2]
    assert list(table["figure"]) == ["≈ 50,000", "10,000"]
    assert list(table["as of"]) == ["2024-11-11", "2024-11-04–10"]
    assert list(table["mapped to"]) == ["Kursk Oblast", "Kursk Oblast"]
    path = maps.write_claim_ids(selected, tmp_path / "ids.csv")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "claim_id", f"{SEED_ID}:1180", f"{SEED_ID}:950"]
    empty = maps.write_claim_ids(selected.iloc[0:0], tmp_path / "none.csv")
    assert empty.read_text(encoding="utf-8") == "claim_id\n"


def _many_claims_at_sudzha(count: int) -> pd.DataFrame:
    rows = [_claim(100 + i, f"{1000 + 100 * i} Soldaten bei Sudscha", value=1000.0 + 100 * i,
                   unit="soldiers", actor="PRK", location="Sudzha", claimants=["UKR"])
            for i in range(count)]
    return typed_claims(rows)


def test_crowded_place_keeps_callout_short_but_draws_every_symbol(tmp_path):
    claims = _many_claims_at_sudzha(12)
    fig = maps.plot_region_map(claims, "RU-KRS")
    _, svg = save_figure(fig, tmp_path, "crowded")
    assert _svg_claim_ids(svg) == set(claims["claim_id"])
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    callout = next(t for t in texts if t.startswith("Sudzha\n"))
    assert callout.count("\n") == maps.MAX_CALLOUT_LINES + 1
    assert callout.splitlines()[1].startswith("[1] 2,100 soldiers")  # largest first
    assert callout.splitlines()[-1] == "[9–12] 4 more: see the table"
    assert "1–12" in texts  # one key range next to the symbol instead of 12 numbers


def test_overview_lists_the_largest_flow_claims_and_counts_the_rest():
    claims = _many_claims_at_sudzha(11)
    fig = maps.plot_overview_map(claims)
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    listed = [t for t in texts if t.endswith("in Sudzha · UKR · as-of date not stated")]
    assert len(listed) == maps.MAX_CALLOUT_LINES
    assert listed[0].startswith("2,000 soldiers")
    assert "… and 3 more claims (see the table)" in texts
