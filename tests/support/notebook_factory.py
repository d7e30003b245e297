"""Small generated notebooks for the report and nbval tests (fast: a few cells each), and a
report run on them that keeps its progress lines."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat

from analysis.report.runner import ReportOptions, RunResult, run_report

KERNELSPEC = {"name": "nk-claims", "display_name": "Python (nk-claims)", "language": "python"}

SHARED_PARAMETERS = 'claims_path = None\nfigures_dir = "figures"\nas_of = None\n'

VALIDATION = textwrap.dedent(
    """\
    from analysis.core.params import check_date
    as_of = check_date("as_of", as_of)
    """
)


def make_notebook(path: Path, cells: list[str | tuple[str, str]], parameters: str) -> Path:
    """Write a notebook: a ``parameters`` cell, then code cells (or ("markdown", text))."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    first = nbformat.v4.new_code_cell(parameters)
    first.metadata["tags"] = ["parameters"]
    notebook.cells = [first]
    for index, cell in enumerate(cells, 1):
        if isinstance(cell, tuple):
            new = nbformat.v4.new_markdown_cell(cell[1])
        else:
            new = nbformat.v4.new_code_cell(cell)
        new.id = f"cell-{index}"  # stable ids keep generated files reproducible
        notebook.cells.append(new)
    first.id = "cell-0"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, str(path))
    return path


TABLE_CELL = textwrap.dedent(
    """\
    # CODE-ONLY-MARKER: this comment must not appear in the HTML report
    import pandas as pd
    pd.DataFrame({"quote": ["10.000 nordkoreanische Truppen", "rund 50.000 Soldaten"],
                  "value": [10000.0, 50000.0 * repeat]})
    """
)

FIGURE_CELL = textwrap.dedent(
    """\
    import os
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    os.makedirs(figures_dir, exist_ok=True)
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.bar(["a", "b"], [1, repeat])
    fig.savefig(os.path.join(figures_dir, "bars.png"), metadata={"Software": None})
    from IPython.display import Image, display
    display(Image(filename=os.path.join(figures_dir, "bars.png")))
    plt.close(fig)
    """
)


FIRST_NOTEBOOK_SCHEMA = """\
notebooks:
  00_first:
    repeat: {type: int, default: 1, help: how often}
"""


def write_schema(folder: Path, notebooks_section: str = FIRST_NOTEBOOK_SCHEMA) -> Path:
    """A params.yaml like the project's: the three shared parameters, then
    ``notebooks_section`` (per-notebook parameters)."""
    text = textwrap.dedent(
        """\
        shared:
          claims_path: {type: input_file, nullable: true, default: null}
          figures_dir: {type: output_dir, default: figures}
          as_of: {type: date, nullable: true, default: null}
        """
    ) + notebooks_section
    path = folder / "params.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def make_notebook_folder(folder: Path, *, failing: bool = False) -> Path:
    """Two notebooks (00_first with a table and a figure, 01_second with text), a schema,
    and optionally 02_broken whose third cell raises."""
    make_notebook(
        folder / "00_first.ipynb",
        [VALIDATION, ("markdown", "## A table"), TABLE_CELL, FIGURE_CELL],
        SHARED_PARAMETERS + "repeat = 1\n",
    )
    make_notebook(
        folder / "01_second.ipynb",
        [VALIDATION, 'print("as of", as_of)'],
        SHARED_PARAMETERS,
    )
    if failing:
        make_notebook(
            folder / "02_broken.ipynb",
            [VALIDATION, 'print("before")', 'raise ValueError("deliberate failure for the test")'],
            SHARED_PARAMETERS,
        )
    (folder / "notes.ipynb").write_text("not a numbered notebook; ignored", encoding="utf-8")
    write_schema(folder)
    return folder


def report_run(notebooks: Path, out: Path, **options) -> tuple[RunResult, list[str]]:
    """``run_report`` on ``notebooks`` into ``out``; returns the result and the progress
    lines (a heartbeat only every 60 s unless ``heartbeat_seconds`` says otherwise)."""
    messages: list[str] = []
    options.setdefault("heartbeat_seconds", 60)
    result = run_report(
        ReportOptions(out_dir=out, notebooks_dir=notebooks, **options), progress=messages.append
    )
    return result, messages
