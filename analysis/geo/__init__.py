"""Stage 5, geo: from claim locations to geometry.

In: claims frames (``location`` codes) and the offline layers in ``data/geo/``.
Out: GeoDataFrames of the layers (:mod:`.layers`), geocoded claims plus the unmapped ones
with a reason (:mod:`.geocoding`), and RFC 7946 GeoJSON export (:mod:`.geojson`).
"""
