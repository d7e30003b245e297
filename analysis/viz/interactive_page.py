"""The standalone HTML page of the zoomable map: layout, style and the script that draws it.

:mod:`analysis.viz.interactive_map` builds the data (layers, symbols, popups, the list of
country-level claims); :func:`page_html` puts it into one self-contained page with Leaflet
inlined (:mod:`analysis.viz.leaflet_assets`). Element ids are fixed (each map is its own
document: a file, or an ``<iframe srcdoc>`` in a notebook), so the page has no generated ids
and the same selection gives the same bytes.
"""

from __future__ import annotations

import html
import json
from typing import Any

from analysis.viz.leaflet_assets import leaflet_assets

PAGE_CSS = """
html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, sans-serif; color: #222; }
.nk-page { display: flex; height: 100%; }
#nk-map { flex: 1 1 70%; min-width: 0; background: #dde8ef; }
.nk-side { flex: 0 0 30%; max-width: 360px; overflow-y: auto; padding: 8px 12px;
  border-left: 1px solid #ccc; box-sizing: border-box; }
.nk-side h1 { font-size: 15px; margin: 0 0 4px; }
.nk-side h2 { font-size: 13px; margin: 12px 0 4px; }
.nk-side p { margin: 4px 0; } .nk-side ol { padding-left: 18px; margin: 4px 0; }
.nk-side li { margin-bottom: 6px; } .nk-muted { color: #666; font-size: 12px; }
.nk-symbol { box-sizing: border-box; border: 2px solid; cursor: pointer; }
.nk-symbol.nk-circle { border-radius: 50%; } .nk-symbol.nk-dashed { border-style: dashed; }
.nk-symbol.nk-vague { background-image: repeating-linear-gradient(45deg, transparent 0 3px,
  currentColor 3px 4px); }
.nk-town { background: none; border: none; box-shadow: none; font-size: 11px; padding: 0 4px;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 2px #fff; color: #222; }
.nk-town::before { display: none; }
.nk-legend { background: rgba(255,255,255,.92); padding: 6px 8px; font-size: 12px;
  line-height: 1.5; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.nk-legend i { display: inline-block; width: 14px; height: 10px; margin-right: 5px;
  vertical-align: middle; border: 1px solid #777; }
.nk-legend .nk-key-circle { border-radius: 50%; width: 11px; height: 11px; }
.nk-popup mark { background: #ffe066; padding: 0 2px; }
.nk-popup table { border-collapse: collapse; } .nk-popup th { text-align: right;
  padding-right: 8px; vertical-align: top; font-weight: 600; }
.nk-popup td, .nk-popup th { padding-top: 0; padding-bottom: 1px; }
.nk-popup .nk-sentence { margin: 0 0 6px; }
"""

# Draws the layers and symbols from the JSON in #nk-map-data; popups are ready-made HTML.
PAGE_SCRIPT = r"""
(function () {
  var data = JSON.parse(document.getElementById('nk-map-data').textContent);
  var map = L.map('nk-map', {zoomSnap: 0.25, zoomControl: true});
  map.fitBounds(data.view);  // a view first: vector layers and labels need one
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.credit);
  if (data.tiles) {
    L.tileLayer(data.tiles, {attribution: data.tiles_credit, maxZoom: 18}).addTo(map);
  }
  L.geoJSON(data.oblasts, {
    style: function (f) {
      var selected = f.properties.code === data.selected;
      return {color: selected ? '#a0522d' : '#ffffff', weight: selected ? 2.5 : 1,
              fillColor: selected ? '#f4b27f'
                                  : (data.country_fill[f.properties.country] || '#eeeeee'),
              fillOpacity: data.tiles ? (selected ? 0.35 : 0.1) : 0.9};
    },
    onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name, {sticky: true}); }
  }).addTo(map);
  L.geoJSON(data.rivers, {style: {color: '#4a90c2', weight: 1.2}, interactive: false}).addTo(map);
  L.geoJSON(data.border, {style: {color: '#7f0000', weight: 3}, interactive: false}).addTo(map);
  data.towns.forEach(function (t) {
    L.circleMarker([t.lat, t.lon], {radius: t.capital ? 4 : 2.5, color: '#ffffff', weight: 1,
                                    fillColor: '#222222', fillOpacity: 1, interactive: false})
      .bindTooltip(t.name, {permanent: true, direction: 'right', className: 'nk-town',
                            offset: [3, 0]})
      .addTo(map);
  });
  data.symbols.forEach(function (s, rank) {
    var classes = 'nk-symbol nk-' + s.shape + (s.dashed ? ' nk-dashed' : '') +
                  (s.vague ? ' nk-vague' : '');
    var icon = L.divIcon({
      className: '', iconSize: [s.size, s.size],
      html: '<div class="' + classes + '" data-claim-id="' + s.id_attr + '" style="width:' +
            s.size + 'px;height:' + s.size + 'px;border-color:' + s.color +
            ';color:' + s.color + ';background-color:' + s.fill + '"></div>'
    });
    // Larger first and lower: a smaller symbol at the same place stays on top, clickable.
    L.marker([s.lat, s.lon], {icon: icon, zIndexOffset: 10 * rank, keyboard: true,
                              title: s.title, riseOnHover: true})
      .bindPopup(s.popup, {maxWidth: 380, className: 'nk-popup'})
      .addTo(map);
  });
  var legend = L.control({position: 'bottomright'});
  legend.onAdd = function () {
    var div = L.DomUtil.create('div', 'nk-legend');
    div.innerHTML = data.legend;
    return div;
  };
  legend.addTo(map);
  L.control.scale({imperial: false}).addTo(map);
  // In a notebook the page may load before its frame has a size (a widget not yet on
  // screen), which fits the view to nothing: fit again whenever the frame is resized,
  // until the reader has moved the map.
  var moved = false;
  ['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function (name) {
    map.getContainer().addEventListener(name, function () { moved = true; }, {passive: true});
  });
  if (window.ResizeObserver) {
    new ResizeObserver(function () {
      map.invalidateSize();
      if (!moved) { map.fitBounds(data.view); }
    }).observe(map.getContainer());
  }
  window.nkMap = map;  // for tests and the curious: the Leaflet map object
})();
"""


def json_for_script(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</`` can close it)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def page_html(data: dict[str, Any], side_html: str, title: str) -> str:
    """The whole page: Leaflet inlined, the data as JSON, the side panel, the script."""
    assets = leaflet_assets()
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"nk-claims; Leaflet {html.escape(assets.version)}\">\n"
        f"<title>{html.escape(title)}</title>\n"
        f"<style>\n{assets.css}\n</style>\n<style>{PAGE_CSS}</style>\n"
        "</head><body><div class=\"nk-page\"><div id=\"nk-map\"></div>"
        f"<aside class=\"nk-side\">{side_html}</aside></div>\n"
        f"<script>\n{assets.javascript}\n</script>\n"
        f"<script type=\"application/json\" id=\"nk-map-data\">{json_for_script(data)}</script>\n"
        f"<script>{PAGE_SCRIPT}</script>\n</body></html>\n"
    )
