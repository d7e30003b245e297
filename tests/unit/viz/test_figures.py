"""Saved figures are reproducible files in both formats; widgets get PNG bytes."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from analysis.viz.figures import figure_png, save_figure  # noqa: E402


def _draw() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [3, 1, 2])
    ax.set_title("Rund 3.000 Soldaten")
    return fig


def test_png_and_svg_are_byte_identical_across_runs(tmp_path: Path) -> None:
    runs = []
    for name in ("a", "b"):
        fig = _draw()
        runs.append([p.read_bytes() for p in save_figure(fig, tmp_path / name, "chart")])
        plt.close(fig)
    assert runs[0] == runs[1]
    assert runs[0][0].startswith(b"\x89PNG")
    assert b"<svg" in runs[0][1]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["chart.png", "chart.svg"]


def test_svg_keeps_text_editable(tmp_path: Path) -> None:
    fig = _draw()
    _, svg = save_figure(fig, tmp_path, "chart")
    plt.close(fig)
    assert "Rund 3.000 Soldaten" in svg.read_text(encoding="utf-8")


def test_figure_png_closes_the_figure():
    fig, ax = plt.subplots()
    ax.bar([1, 2], [3, 4])
    data = figure_png(fig)
    assert data.startswith(b"\x89PNG")
    assert not plt.fignum_exists(fig.number)
