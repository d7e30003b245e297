"""Stage 6, viz: figures and tables for people.

In: claims and events frames, geocoded claims and layers.
Out: quote highlighting, claims tables, charts
(estimates over time, event timeline), maps (regional, overview) and reproducible
figure files (PNG + SVG).
"""
