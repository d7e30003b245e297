"""Figure output: files for notebooks and reports, PNG bytes for widgets, claim-id lists.

Files: PNG + SVG with reproducible bytes. Dates and software versions are left out of the
file metadata and SVG ids use a fixed salt, so the same figure gives the same bytes on
every run (diffs show real changes). SVG text stays text, not outlines, so labels can be
edited in Inkscape or Illustrator. Files are written atomically (temporary file, then
rename).
"""

from __future__ import annotations

import io
from os import PathLike
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from analysis.core import paths
from analysis.core.atomic import atomic_path, atomic_write_text


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


def figure_png(fig: Figure, *, dpi: int = 90) -> bytes:
    """Render a Matplotlib figure to PNG bytes (no software/date metadata) and close it.

    Closing matters: a figure left open in pyplot would be shown again by the inline
    backend at the end of the next cell.
    """
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    finally:
        plt.close(fig)
    return buffer.getvalue()


def write_claim_ids(frame: pd.DataFrame, path: str | PathLike[str]) -> Path:
    """Write the ``claim_id`` column (one per line, with a header) atomically.

    The notebooks record which claims each figure shows, so a test (or a reader) can check
    the drawing against the parameters without parsing the image.
    """
    ids = [str(c) for c in frame["claim_id"]] if len(frame) else []
    return atomic_write_text(path, "claim_id\n" + "".join(f"{c}\n" for c in ids))


def figures_folder(figures_dir: str | PathLike[str]) -> Path:
    """Where a notebook saves its figures: ``figures_dir``, created if missing.

    A relative folder is taken from the working directory, except in the project root
    itself (a direct ``papermill notebooks/… out.ipynb`` from a checkout): there it goes
    under ``notebooks/`` (``notebooks/figures/`` is git-ignored), so a run never leaves a
    stray folder in the repository root. The report passes its own run folder.
    """
    folder = Path(figures_dir)
    if not folder.is_absolute() and Path.cwd().resolve() == paths.ROOT.resolve():
        folder = paths.NOTEBOOKS_DIR / folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder
