"""Figure output: files for notebooks and reports, PNG bytes for widgets, claim-id lists.

Files: PNG + SVG with reproducible bytes. Dates and software versions are left out of the
file metadata and SVG ids use a fixed salt, so the same figure gives the same bytes on
every run (diffs show real changes). SVG text stays text, not outlines, so labels can be
edited in Inkscape or Illustrator. Files are written atomically (temporary file, then
rename).

Saving draws each format once. ``bbox_inches="tight"`` would first draw the figure once
more per format (without output) just to run its layout engine and measure it; a figure
with no layout left to run (none, or frozen by
:func:`analysis.viz.label_layout.freeze_layout`) is measured directly instead, with the
same renderer settings, so the files are byte for byte what ``"tight"`` gives.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.transforms import Bbox

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
                _save_tight(fig, tmp, fmt, dpi, metadata=metadata, facecolor="white")
            written.append(target)
    return written


def _save_tight(fig: Figure, target: Any, fmt: str, dpi: float, **options: Any) -> None:
    """``fig.savefig(..., bbox_inches="tight")``, without its extra draw when the figure
    has no layout left to run (see the module docstring)."""
    if not _is_laid_out(fig):
        fig.savefig(target, format=fmt, dpi=dpi, bbox_inches="tight", **options)
        return
    box = _tight_box(fig, fmt, dpi)
    with _without_layout(fig):
        fig.savefig(target, format=fmt, dpi=dpi, bbox_inches=box, **options)


def _is_laid_out(fig: Figure) -> bool:
    """True when drawing would not move anything: no layout engine, or a frozen one."""
    engine = fig.get_layout_engine()
    return engine is None or isinstance(engine, PlaceHolderLayoutEngine)


def _tight_box(fig: Figure, fmt: str, dpi: float) -> Bbox:
    """The box (inches) ``bbox_inches="tight"`` finds, measured with the renderer that
    ``savefig`` would use for ``fmt``: Agg at ``dpi`` for PNG, the SVG renderer in points
    (the figure at 72 dpi) for SVG. Text extents differ between the two, so each format
    gets its own box, as with ``"tight"``."""
    original = fig.dpi
    try:
        if fmt == "png":
            fig.dpi = dpi
            width, height = fig.bbox.size
            renderer = RendererAgg(width, height, dpi)
        else:
            fig.dpi = 72
            width, height = fig.get_size_inches() * 72
            renderer = RendererSVG(width, height, io.StringIO(), image_dpi=dpi)
        # padded() copies: the tight box is in inches only while the dpi is this one.
        return fig.get_tightbbox(renderer).padded(plt.rcParams["savefig.pad_inches"])
    finally:
        fig.dpi = original


@contextmanager
def _without_layout(fig: Figure) -> Iterator[None]:
    """No layout engine while saving a laid out figure: with one (even a frozen one)
    ``savefig`` draws the whole figure once more before drawing it into the file."""
    engine = fig.get_layout_engine()
    if engine is None:
        yield
        return
    with plt.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        fig.set_layout_engine(None)  # (with these rc values: no engine at all)
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


def figure_png(fig: Figure, *, dpi: int = 90) -> bytes:
    """Render a Matplotlib figure to PNG bytes (no software/date metadata) and close it.

    Closing matters: a figure left open in pyplot would be shown again by the inline
    backend at the end of the next cell.
    """
    buffer = io.BytesIO()
    try:
        _save_tight(fig, buffer, "png", dpi, metadata={"Software": None})
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
