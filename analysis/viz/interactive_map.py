"""The zoomable map: the regional map's selection as a standalone, offline Leaflet page.

Same claims as :func:`analysis.viz.region_map.plot_region_map` (the selection of
:func:`~analysis.viz.region_map.select_region_claims`): proportional symbols (area ∝
figure; circles for extracted claims, squares for reference claims; smaller ones above
larger ones) on the oblast polygons of ``data/geo/`` with the selected oblast highlighted,
the Russia–Ukraine border, rivers and towns. Each symbol opens a popup: figure, unit, actor,
claimants, as-of, the quote in its sentence (or what a reference claim counts), and the
article or source link. Claims that name only a country are listed beside the map; claims
that cannot be drawn are named. A legend and the layers' credit line are on the map.

The page works offline from disk: Leaflet is inlined and there is no tile server unless a
``tiles_url`` is given. :class:`InteractiveMap` shows it in a notebook (an ``<iframe
srcdoc>``, with a deterministic text summary naming the claim ids for nbval) and writes it
to a file.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from analysis.core.atomic import atomic_write_text
from analysis.core.labels import (
    format_as_of,
    format_claimants,
    format_figure,
    format_list,
)
from analysis.core.schema import is_missing
from analysis.facts.known import known_by
from analysis.geo import geocoding
from analysis.geo import layers as geo
from analysis.lexicon.caches import cached
from analysis.viz.claim_checks import screen_claims, skipped_note
from analysis.viz.interactive_page import page_html
from analysis.viz.map_frame import COUNTRY_FILL, describe_as_of, international_borders
from analysis.viz.map_symbols import (
    actor_adjective,
    callout_line,
    symbol_area,
    symbol_color,
    symbol_marker,
    symbol_scale,
)
from analysis.viz.quotes import highlight_quote
from analysis.viz.region_map import select_region_claims

PX_PER_PT = 96 / 72
VIEW_PAD = 0.35  # share of the oblast's size shown around it
SIMPLIFY_DEG = 0.002
TOWN_KINDS = ("national_capital", "admin1_capital", "city", "town")
TIMING_WORDS = {"text": "as the text says", "statement": "timed by when it was stated",
                "publication": "publication date: the text gives no time"}


def _rounded_geojson(frame: gpd.GeoDataFrame, columns: list[str]) -> dict[str, Any]:
    shapes = shapely.set_precision(frame.geometry.simplify(SIMPLIFY_DEG).values, 1e-4)
    features = [
        {"type": "Feature", "properties": {c: row[c] for c in columns},
         "geometry": json.loads(shapely.to_geojson(shape))}
        for shape, row in zip(shapes, frame[columns].to_dict("records"), strict=True)
        if shape is not None and not shape.is_empty
    ]
    return {"type": "FeatureCollection", "features": features}


def _view(region: str) -> tuple[Any, list[list[float]]]:
    admin1 = geo.load_admin1()
    minx, miny, maxx, maxy = admin1[admin1["iso_3166_2"] == region].total_bounds
    pad_x, pad_y = VIEW_PAD * (maxx - minx), VIEW_PAD * (maxy - miny)
    box = shapely.box(minx - 2 * pad_x, miny - 2 * pad_y, maxx + 2 * pad_x, maxy + 2 * pad_y)
    return box, [[miny - pad_y, minx - pad_x], [maxy + pad_y, maxx + pad_x]]


@cached
def _base_layers(region: str) -> tuple[Any, list[list[float]], dict[str, Any]]:
    """(clip box, initial view, oblasts/rivers/border as GeoJSON) of one region: the same
    for every selection, built once per process."""
    box, view = _view(region)
    admin1 = geo.load_admin1()
    near = admin1[admin1.intersects(box)].copy()
    near["geometry"] = near.geometry.intersection(box)
    near["code"] = near["iso_3166_2"].astype(str)
    names = {code: geo.region_name(code) for code in near["code"]}
    near["name"] = near["code"].map(names)
    near["country"] = near["country_iso"].astype(str)
    rivers = geo.load_rivers()
    rivers = rivers[rivers.intersects(box)].copy()
    rivers["geometry"] = rivers.geometry.intersection(box)
    rivers["name"] = rivers["name"].astype(object).where(rivers["name"].notna(), None)
    ru_ua, _ = international_borders(geo.WGS84)
    border = gpd.GeoDataFrame({"name": ["Russia–Ukraine border"]},
                              geometry=[ru_ua.iloc[0].intersection(box)], crs=geo.WGS84)
    layers = {
        "oblasts": _rounded_geojson(near.sort_values("code"), ["code", "name", "country"]),
        "rivers": _rounded_geojson(rivers.sort_values("name", na_position="last"), ["name"]),
        "border": _rounded_geojson(border, ["name"]),
    }
    return box, view, layers


def _towns(box: Any, claim_places: set[str]) -> list[dict[str, Any]]:
    """Cities and towns in the box, and villages where a claim sits."""
    places = geo.load_gazetteer()
    places = places[places.geometry.within(box)
                    & (places["kind"].isin(TOWN_KINDS) | places["name"].isin(claim_places))]
    return [{"name": str(row.name), "lat": round(row.geometry.y, 4),
             "lon": round(row.geometry.x, 4),
             "capital": row.kind in ("national_capital", "admin1_capital")}
            for row in places.sort_values("name").itertuples(index=False)]


def _source_link(row: Mapping[str, Any], articles: Mapping[str, Any]) -> str:
    """HTML link to the article (extracted) or the reporting page (reference)."""
    if row.get("source") == "reference":
        url, text = row.get("url"), row.get("outlet") or row.get("url")
    else:
        article = articles.get(str(row.get("article_id")))
        url = getattr(article, "url", None) if article is not None else None
        title = getattr(article, "title", None) if article is not None else None
        text = f"{row.get('article_id')}" + (f": {title}" if title else "")
    if is_missing(url) or not str(url).startswith(("http://", "https://")):
        return html.escape(str(text))
    return (f'<a href="{html.escape(str(url), quote=True)}" target="_blank" '
            f'rel="noopener noreferrer">{html.escape(str(text))}</a>')


def popup_html(row: Mapping[str, Any], articles: Mapping[str, Any] | None = None) -> str:
    """A claim's popup: its sentence with the quote marked (or what a reference claim
    counts), then figure, actor, claimants, as-of, location, source link and claim id."""
    articles = articles or {}
    if row.get("source") == "reference":
        counted = row.get("counted_text")
        lead = ("Reference claim coded from public reporting" +
                (f": {html.escape(str(counted))}" if not is_missing(counted) else "") + ".")
    else:
        article = articles.get(str(row.get("article_id")))
        lead = highlight_quote(row.get("sentence"), row.get("quote"), row.get("start"),
                               getattr(article, "text", None))
    actor = row.get("actor")
    adjective = actor_adjective(actor)
    claimant_text = row.get("claimant_text")
    timing = row.get("as_of_source")
    when = format_as_of(row.get("as_of_start"), row.get("as_of_end"))
    if not is_missing(timing) and str(timing) in TIMING_WORDS:
        when += f" ({TIMING_WORDS[str(timing)]})"
    fields = [
        ("figure", f"{format_figure(row)} {row.get('unit', '')}".strip()),
        ("actor", "not stated" if is_missing(actor)
         else f"{actor} ({adjective})" if adjective else str(actor)),
        ("claimed by", format_claimants(row.get("claimants"))
         + ("" if is_missing(claimant_text) else f" — {claimant_text}")),
        ("as of", when),
        ("location", str(row.get("location_name") or format_list(row.get("location")))),
    ]
    cells = "".join(f"<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>"
                    for name, value in fields)
    cells += f"<tr><th>source</th><td>{_source_link(row, articles)}</td></tr>"
    cells += f"<tr><th>claim</th><td><code>{html.escape(str(row.get('claim_id')))}</code></td></tr>"
    return f'<p class="nk-sentence">{lead}</p><table>{cells}</table>'


def _symbol(row: Mapping[str, Any], scale: float, articles: Mapping[str, Any]) -> dict[str, Any]:
    area_pt = symbol_area(row["magnitude"], scale)
    shape = "square" if symbol_marker(row) == "s" else "circle"
    side = math.sqrt(area_pt) if shape == "square" else 2 * math.sqrt(area_pt / math.pi)
    color = symbol_color(row["unit"])
    vague = bool(row.get("vague"))
    red, green, blue = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return {
        "id": str(row["claim_id"]), "id_attr": html.escape(str(row["claim_id"]), quote=True),
        "lat": round(float(row["lat"]), 5), "lon": round(float(row["lon"]), 5),
        "size": max(8, round(side * PX_PER_PT)), "shape": shape, "color": color,
        "fill": "transparent" if vague else f"rgba({red},{green},{blue},0.22)",
        "dashed": row.get("location_kind") == "admin1", "vague": vague,
        "title": f"[{row['map_key']}] {callout_line(row)}",
        "popup": popup_html(row, articles),
    }


def country_level_claims(claims: pd.DataFrame, *, as_of: Any = None,
                         screened: bool = False) -> pd.DataFrame:
    """Drawable claims whose location is a whole country (listed beside the map).

    ``screened``: the claims are already known by ``as_of`` and drawable."""
    drawable = claims if screened else screen_claims(known_by(claims, as_of))[0]
    mapped, _ = geocoding.geocode_claims(drawable)
    countries = mapped[mapped["location_kind"] == "country"]
    return pd.DataFrame(countries.drop(columns="geometry")).sort_values(
        ["location_name", "as_of_end", "claim_id"], na_position="last", kind="stable"
    ).reset_index(drop=True)


def _legend_html(selected: pd.DataFrame) -> str:
    rows = ['<b>Legend</b>',
            '<i style="background:#f4b27f;border-color:#a0522d"></i>selected oblast',
            '<i style="background:none;border:0;border-top:3px solid #7f0000;height:0"></i>'
            'Russia–Ukraine border']
    for unit in sorted(set(selected["unit"])) if len(selected) else []:
        rows.append(f'<i class="nk-key-circle" style="border:2px solid {symbol_color(unit)}">'
                    f'</i>{html.escape(str(unit))}')
    rows.append('<i class="nk-key-circle"></i>circle: extracted · '
                '<i></i>square: reference claim')
    rows.append('symbol area ∝ figure; dashed: whole oblast; hatched: vague')
    return "<br>".join(rows)


def _side_html(title: str, scope: str, selected: pd.DataFrame, countries: pd.DataFrame,
               skipped: pd.DataFrame, articles: Mapping[str, Any]) -> str:
    items = "".join(
        f"<li>{html.escape(callout_line(row))} · <b>{html.escape(str(row['location_name']))}"
        f"</b> · {_source_link(row, articles)}</li>"
        for row in countries.to_dict("records"))
    country_part = (f"<ol>{items}</ol>" if items
                    else "<p class=\"nk-muted\">No claim of the selection names only a "
                         "country.</p>")
    note = skipped_note(skipped)
    return (
        f"<h1>{html.escape(title)}</h1><p class=\"nk-muted\">{html.escape(scope)}</p>"
        f"<p><b>{len(selected)}</b> claim(s) located in the oblast: click a symbol for its "
        "figure, sentence and source.</p>"
        f"<h2>Claims for a whole country ({len(countries)})</h2>{country_part}"
        + (f"<h2>Not drawn</h2><p>{html.escape(note)}</p>" if note else "")
        + f"<p class=\"nk-muted\">{html.escape(geo.CREDIT_LINE)}. Map: Leaflet.</p>"
    )


class InteractiveMap:
    """The zoomable map of one selection: its HTML page and a text summary.

    In a notebook it shows as an ``<iframe srcdoc>`` (plain-text form: :attr:`summary`);
    :meth:`save` writes the standalone file.
    """

    def __init__(self, claims: pd.DataFrame, region: str = "RU-KRS", *, as_of: Any = None,
                 articles: Mapping[str, Any] | None = None, tiles_url: str | None = None,
                 tiles_credit: str = "", height: int = 620) -> None:
        articles = dict(articles or {})
        self.region = region
        self.height = height
        drawable, self.skipped = screen_claims(known_by(claims, as_of))
        self.selected = select_region_claims(drawable, region)
        self.countries = country_level_claims(drawable, screened=True)
        box, view, layers = _base_layers(region)
        names = set(self.selected["location_name"]) if len(self.selected) else set()
        scale = symbol_scale(list(self.selected["magnitude"])) if len(self.selected) else 1.0
        ordered = self.selected.sort_values(["magnitude", "claim_id"], ascending=[False, True],
                                            na_position="first", kind="stable")
        self.title = f"Reported numbers in {geo.region_name(region)} ({region})"
        scope = describe_as_of(claims, as_of)
        data = {
            **layers, "towns": _towns(box, names), "view": view, "selected": region,
            "symbols": [_symbol(row, scale, articles) for row in ordered.to_dict("records")],
            "credit": geo.CREDIT_LINE, "country_fill": COUNTRY_FILL,
            "legend": _legend_html(self.selected),
            "tiles": tiles_url, "tiles_credit": tiles_credit,
        }
        side = _side_html(self.title, scope, self.selected, self.countries, self.skipped,
                          articles)
        self.html = page_html(data, side, self.title)
        self.summary = self._summary(scope)

    def _summary(self, scope: str) -> str:
        def ids(frame: pd.DataFrame) -> str:
            return ", ".join(sorted(map(str, frame["claim_id"]))) or "none"

        lines = [f"Zoomable map: {self.title}; {scope}",
                 f"{len(self.selected)} symbol(s): {ids(self.selected)}",
                 f"{len(self.countries)} country-level claim(s) listed beside it: "
                 f"{ids(self.countries)}"]
        if len(self.skipped):
            lines.append(skipped_note(self.skipped))
        return "\n".join(lines)

    def iframe(self) -> str:
        """The page in an ``<iframe srcdoc>``: scripts run in their own document."""
        return (f'<iframe class="nk-interactive-map" title="{html.escape(self.title)}" '
                f'srcdoc="{html.escape(self.html, quote=True)}" '
                'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
                f'style="width:100%;height:{self.height}px;border:1px solid #ccc"></iframe>')

    def save(self, path: str | Path) -> Path:
        """Write the standalone page (atomically)."""
        return atomic_write_text(path, self.html)

    def _repr_mimebundle_(self, **_kwargs: Any) -> dict[str, str]:
        return {"text/html": self.iframe(), "text/plain": self.summary}
