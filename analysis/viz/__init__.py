"""Stage 6, viz: figures and tables for people.

In: claims and events frames, geocoded claims and layers.
Out: readable tables (:mod:`.tables`: the one claims table builder; :mod:`.summaries`),
quote highlighting (:mod:`.quotes`), charts (estimates over time: :mod:`.estimate_glyphs`
decides the encoding, :mod:`.estimates_chart` draws it; :mod:`.timeline_chart`), maps
(:mod:`.region_map`, :mod:`.overview_map`, sharing :mod:`.map_frame` and
:mod:`.map_symbols`) and figure output (:mod:`.figures`: PNG + SVG files, PNG bytes).
"""
