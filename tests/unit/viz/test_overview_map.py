"""Selection of flows and drawing of the overview map."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from analysis.viz import map_symbols, overview_map, region_map  # noqa: E402
from analysis.viz.figures import save_figure  # noqa: E402
from tests.support.geo_claims import SEED_ID, all_claims, seed_claims  # noqa: E402
from tests.support.map_checks import many_claims_at_sudzha, svg_claim_ids  # noqa: E402


def test_seed_flows():
    flows = overview_map.select_flows(seed_claims())
    by_id = flows.set_index("claim_id")["flow"].to_dict()
    assert by_id == {f"{SEED_ID}:800": "troops", f"{SEED_ID}:950": "troops",
                     f"{SEED_ID}:2500": "munitions"}
    # 1180 is about soldiers of Russia (actor RUS); 1300 is placed in Ukraine.
    rest = overview_map.unplotted_prk_claims(seed_claims())
    assert list(rest["claim_id"]) == [f"{SEED_ID}:1300"]
    assert list(rest["reason"]) == ["location not in Russia"]


def test_flows_respect_as_of_and_units():
    flows = overview_map.select_flows(all_claims(), as_of="2024-10-31")
    assert dict(zip(flows["claim_id"], flows["flow"], strict=True)) == {
        "t_en_1:10": "troops", "t_en_5:50": "munitions"}
    rest = overview_map.unplotted_prk_claims(all_claims())
    assert dict(zip(rest["claim_id"], rest["reason"], strict=True)) == {
        f"{SEED_ID}:1300": "location not in Russia", "t_en_6:60": "location unknown",
        "t_de_7:70": "location unknown"}


def test_flow_destination_is_the_oblast_most_claims_name():
    flows = overview_map.select_flows(all_claims())
    troops = flows[flows["flow"] == "troops"]
    lon, lat, name = overview_map._flow_destination(troops)
    assert name == "Kursk Oblast"  # Kursk: 950, Sudzha x2; Belgorod: one claim
    only_country = flows[flows["flow"] == "munitions"]
    assert overview_map._flow_destination(only_country)[2] == "Russia"


def test_maps_draw_into_a_given_axes():
    fig, (left, right) = plt.subplots(1, 2, figsize=(16, 6))
    assert region_map.plot_region_map(seed_claims(), ax=left) is fig
    assert overview_map.plot_overview_map(seed_claims(), ax=right) is fig


def test_overview_map_labels_every_flow_claim(tmp_path):
    claims = all_claims()
    fig = overview_map.plot_overview_map(claims, as_of="2024-11-12")
    _, svg = save_figure(fig, tmp_path, "overview")
    assert svg_claim_ids(svg) == set(overview_map.select_flows(claims)["claim_id"])
    content = svg.read_text(encoding="utf-8")
    assert 'id="flow-troops"' in content and 'id="flow-munitions"' in content
    text = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    assert "North Korean troops → Kursk Oblast" in text
    assert "> 13,000 North Korean containers · claimed by KOR · as of 2024-10 · in Russia" in text
    assert "≤ 12,000 troops (UKR: location not in Russia)" in text


def test_overview_map_without_flows(tmp_path):
    early = overview_map.plot_overview_map(seed_claims(), as_of="2024-01-01")
    _, svg = save_figure(early, tmp_path, "empty")
    assert svg_claim_ids(svg) == set()
    assert "flow-troops" not in svg.read_text(encoding="utf-8")


def test_overview_lists_the_largest_flow_claims_and_counts_the_rest():
    claims = many_claims_at_sudzha(11)
    fig = overview_map.plot_overview_map(claims)
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    # The same phrase as the region map's callouts (analysis.core.labels.format_as_of_phrase).
    listed = [t for t in texts
              if t.endswith("· claimed by UKR · as of date not stated · in Sudzha")]
    assert len(listed) == map_symbols.MAX_CALLOUT_LINES
    assert listed[0].startswith("2,000 North Korean soldiers")
    assert "… and 3 more claims (see the table)" in texts


def _country_label_clashes(fig) -> list[str]:
    """Country names that overlap a callout, a town label, the legend or an arrow."""
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    names = set(overview_map.COUNTRY_NAMES.values())
    countries = [t for t in ax.texts if t.get_text() in names]
    others = [t.get_window_extent(renderer) for t in ax.texts
              if t.get_text() not in names and t.get_text()]
    others.append(ax.get_legend().get_window_extent(renderer))
    arrows = [ax.transData.transform(p.get_path().interpolated(80).vertices)
              for p in ax.patches if isinstance(p, matplotlib.patches.FancyArrowPatch)]
    clashes = []
    for label in countries:
        box = label.get_window_extent(renderer)
        if any(box.overlaps(other) for other in others) or any(
            ((pts[:, 0] >= box.x0) & (pts[:, 0] <= box.x1) & (pts[:, 1] >= box.y0)
             & (pts[:, 1] <= box.y1)).any() for pts in arrows
        ):
            clashes.append(label.get_text())
    return clashes


def test_country_names_never_sit_under_callouts_towns_or_arrows():
    for claims in (all_claims(), many_claims_at_sudzha(11), seed_claims()):
        fig = overview_map.plot_overview_map(claims)
        fig.canvas.draw()
        shown = {t.get_text() for t in fig.axes[0].texts}
        assert _country_label_clashes(fig) == []
        # Names move to another place before they are left out: the focus countries stay.
        assert {"RUSSIA", "UKRAINE", "NORTH\nKOREA"} <= shown
        plt.close(fig)
