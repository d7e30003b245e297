"""Saving figures: one way for every notebook and report, PNG + SVG, reproducible bytes.

Dates and software versions are left out of the file metadata and SVG ids use a fixed
salt, so the same figure gives the same bytes on every run (diffs show real changes).
SVG text stays text, not outlines, so labels can be edited in Inkscape or Illustrator.
Files are written atomically (temporary file, then rename).
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from analysis.core.atomic import atomic_path


def save_figure(
    fig: Figure, figures_dir: str | PathLike[str], stem: str, *, dpi: int = 150
) -> list[Path]:
    """Save ``fig`` as ``<figures_dir>/<stem>.png`` and ``.svg``; return both paths."""
    folder = Path(figures_dir)
    written = []
    with plt.rc_context({"svg.hashsalt": "nk-claims", "svg.fonttype": "none"}):
        for fmt, metadata in (("png", {"Software": None}), ("svg", {"Date": None})):
            target = folder / f"{stem}.{fmt}"
            with atomic_path(target, suffix=f".{fmt}") as tmp:
                fig.savefig(tmp, format=fmt, dpi=dpi, bbox_inches="tight", metadata=metadata,
                            facecolor="white")
            written.append(target)
    return written
