"""Selection and drawing of the regional map (and its table and claim-id file)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.core.errors import ParameterError  # noqa: E402
from analysis.viz import figures, map_symbols, region_map  # noqa: E402
from analysis.viz.figures import save_figure  # noqa: E402
from analysis.viz.tables import MAP_COLUMNS, claims_table  # noqa: E402
from tests.support.geo_claims import SEED_ID, _claim, all_claims, seed_claims, typed_claims  # noqa: E402
from tests.support.map_checks import artist_by_gid, many_claims_at_sudzha, svg_claim_ids  # noqa: E402


def test_seed_region_selection_keeps_claims_located_in_the_oblast_only():
    selected = region_map.select_region_claims(seed_claims(), "RU-KRS")
    # 800 and 2500 name only Russia, 1300 names Ukraine: not part of the oblast.
    assert set(selected["claim_id"]) == {f"{SEED_ID}:950", f"{SEED_ID}:1180"}
    assert list(selected["map_key"]) == [1, 2]
    assert list(selected["magnitude"]) == [50000.0, 10000.0]  # same place: largest first


def test_region_selection_includes_places_inside_the_oblast():
    selected = region_map.select_region_claims(all_claims(), "RU-KRS")
    assert set(selected["location"]) == {"RU-KRS", "Sudzha", "Sudscha", "Korenevo"}
    # keys run from north to south: the oblast label point lies north of Korenevo and Sudzha
    assert list(selected["location_name"]) == [
        "Kursk Oblast", "Kursk Oblast", "Korenevo", "Sudzha", "Sudzha"]


def test_other_region():
    selected = region_map.select_region_claims(all_claims(), "RU-BEL")
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
    selected = region_map.select_region_claims(all_claims(), "RU-KRS", as_of=as_of)
    assert set(selected["claim_id"]) == expected


def test_unknown_region_lists_the_valid_codes():
    with pytest.raises(ParameterError, match=r"'RU-XYZ'.*choose one of: RU-BEL, RU-BRY"):
        region_map.select_region_claims(seed_claims(), "RU-XYZ")
    with pytest.raises(ParameterError):
        region_map.plot_region_map(seed_claims(), "RUS")


def test_bad_as_of_is_a_parameter_error():
    with pytest.raises(ParameterError, match="not an ISO date"):
        region_map.plot_region_map(seed_claims(), "RU-KRS", as_of="last tuesday")


def test_region_map_draws_exactly_the_selected_claims(tmp_path):
    claims = all_claims()
    fig = region_map.plot_region_map(claims, "RU-KRS", as_of="2024-11-12")
    png, svg = save_figure(fig, tmp_path, "kursk")
    assert png.stat().st_size > 50_000 and png.read_bytes()[:4] == b"\x89PNG"
    expected = set(region_map.select_region_claims(claims, "RU-KRS")["claim_id"])
    assert svg_claim_ids(svg) == expected
    big = artist_by_gid(fig, f"claim-{SEED_ID}:1180").get_sizes()[0]
    small = artist_by_gid(fig, f"claim-{SEED_ID}:950").get_sizes()[0]
    assert big / small == pytest.approx(5.0)
    text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    # The callout names whose forces, from the actor code (data/lexicon/countries.csv).
    assert "≈ 50,000 Russian soldiers · claimed by UKR · as of 2024-11-11" in text
    assert "10,000 North Korean troops · claimed by USA · as of 2024-11-04–10" in text
    assert "Natural Earth (public domain)" in text and "GeoNames (CC BY 4.0)" in text
    assert "claims published up to 2024-11-12" in text


def test_vague_claims_are_hatched_and_hollow():
    rows = [_claim(5, "Tausende Soldaten bei Sudscha", lower=2000.0, qualifier="vague",
                   vague=True, unit="soldiers", actor="PRK", location="Sudzha",
                   claimants=["UKR"])]
    fig = region_map.plot_region_map(typed_claims(rows), "RU-KRS")
    symbol = artist_by_gid(fig, f"claim-{SEED_ID}:5")
    assert symbol.get_hatch() == "////"
    assert symbol.get_facecolor().size == 0 or symbol.get_facecolor()[0][3] == 0
    text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "≥ 2,000 soldiers (vague)" not in text  # unit comes after the whole figure
    assert "≥ 2,000 (vague) North Korean soldiers · claimed by UKR" in text


def test_region_without_claims_still_draws_and_says_so(tmp_path):
    fig = region_map.plot_region_map(seed_claims(), "UA-63")
    _, svg = save_figure(fig, tmp_path, "kharkiv")
    assert svg_claim_ids(svg) == set()
    text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "No claims located in this oblast" in text


def test_saved_figures_are_byte_identical_across_runs(tmp_path):
    first = save_figure(region_map.plot_region_map(seed_claims()), tmp_path, "a")
    second = save_figure(region_map.plot_region_map(seed_claims()), tmp_path, "b")
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes(), one.suffix
    svg = first[1].read_text(encoding="utf-8")
    assert "Reported numbers in Kursk Oblast (RU-KRS)" in svg  # text stays editable text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.png", "a.svg", "b.png", "b.svg"]


def test_claims_table_and_claim_id_file(tmp_path):
    selected = region_map.select_region_claims(seed_claims(), "RU-KRS")
    table = claims_table(selected, MAP_COLUMNS)
    assert list(table["key"]) == [1, 2]
    assert list(table["figure"]) == ["≈ 50,000", "10,000"]
    assert list(table["as of"]) == ["2024-11-11", "2024-11-04–10"]
    assert list(table["mapped to"]) == ["Kursk Oblast", "Kursk Oblast"]
    path = figures.write_claim_ids(selected, tmp_path / "ids.csv")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "claim_id", f"{SEED_ID}:1180", f"{SEED_ID}:950"]
    empty = figures.write_claim_ids(selected.iloc[0:0], tmp_path / "none.csv")
    assert empty.read_text(encoding="utf-8") == "claim_id\n"


def test_crowded_place_keeps_callout_short_but_draws_every_symbol(tmp_path):
    claims = many_claims_at_sudzha(12)
    fig = region_map.plot_region_map(claims, "RU-KRS")
    _, svg = save_figure(fig, tmp_path, "crowded")
    assert svg_claim_ids(svg) == set(claims["claim_id"])
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    callout = next(t for t in texts if t.startswith("Sudzha\n"))
    assert callout.count("\n") == map_symbols.MAX_CALLOUT_LINES + 1
    assert callout.splitlines()[1].startswith("[1] 2,100 North Korean soldiers")  # largest first
    assert callout.splitlines()[-1] == "[9–12] 4 more: see the table"
    assert "1–12" in texts  # one key range next to the symbol instead of 12 numbers


def test_town_label_and_key_numbers_stay_outside_the_symbols_that_cover_the_town():
    import math

    import matplotlib.pyplot
    import matplotlib.text

    fig = region_map.plot_region_map(seed_claims(), "RU-KRS")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    biggest = artist_by_gid(fig, f"claim-{SEED_ID}:1180")  # 50,000 soldiers: covers Kursk
    centre = ax.transData.transform(biggest.get_offsets()[0])
    radius = math.sqrt(biggest.get_sizes()[0] / math.pi) * fig.dpi / 72

    def clear_of_symbol(box) -> bool:
        nearest_x = min(max(centre[0], box.x0), box.x1)
        nearest_y = min(max(centre[1], box.y0), box.y1)
        return math.hypot(centre[0] - nearest_x, centre[1] - nearest_y) > radius

    labels = {a.get_text(): a.get_window_extent(renderer)
              for a in fig.findobj(matplotlib.text.Annotation) if a.get_text() in
              {"Kursk", "1", "2"}}
    assert set(labels) == {"Kursk", "1", "2"}
    assert all(clear_of_symbol(box) for box in labels.values()), labels
    matplotlib.pyplot.close(fig)


def _towns_under_leader_lines(fig) -> list[str]:
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    lines = region_map.leader_lines(ax)
    frame = ax.get_window_extent(renderer)
    towns = [t for t in ax.texts if isinstance(t, matplotlib.text.Annotation) and t.get_visible()
             and not (t.get_gid() or "").startswith("callout-") and t.get_fontsize() >= 7.5
             and t.get_text() and not t.get_text()[0].isdigit()]
    hit = []
    for town in towns:
        box = town.get_window_extent(renderer)
        clipped = not (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1))
        if any(region_map.crosses(box, line) for line in lines) or clipped:
            hit.append(town.get_text())
    return hit


@pytest.mark.parametrize("region", ["RU-KRS", "RU-BEL"])
def test_callout_lines_never_run_through_a_town_label(region):
    # Voronezh sat on the Kursk callout's line, east of the oblast, near the map's edge.
    claims = all_claims()
    for selection in (claims, many_claims_at_sudzha(11)):
        fig = region_map.plot_region_map(selection, region)
        fig.canvas.draw()
        assert _towns_under_leader_lines(fig) == []
        plt.close(fig)
