"""Small generated notebooks for the report and nbval tests (fast: a few cells each)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pandas as pd

from analysis.core.schema import CLAIM_COLUMNS, EVENT_COLUMNS

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


def claims_frame() -> pd.DataFrame:
    """Two typed claims (as analysis.facts.store.load_claims returns them), from the seed."""
    base = {
        "article_id": "000_01afb6bfc0e7695c", "sentence_index": 3, "sentence": "s",
        "approx": False, "vague": False, "counted_text": "Truppen", "actor": "PRK",
        "claimant_text": None, "since": pd.NaT, "planned": False, "increment": False,
        "published": pd.Timestamp("2024-11-12"), "language": "de",
    }
    rows = [
        {**base, "claim_id": "000_01afb6bfc0e7695c:400", "start": 400, "end": 430,
         "quote": "10.000 nordkoreanische Truppen", "value": 10000.0, "lower": 10000.0,
         "upper": 10000.0, "qualifier": None, "unit": "troops", "location": "RU-KRS",
         "location_text": "Kursk", "claimants": ["USA"], "as_of_start": pd.Timestamp("2024-11-04"),
         "as_of_end": pd.Timestamp("2024-11-10"), "as_of_text": "Letzte Woche", "flags": []},
        {**base, "claim_id": "000_01afb6bfc0e7695c:900", "start": 900, "end": 938,
         "quote": "bis zu 12.000 nordkoreanische Truppen", "value": 12000.0, "lower": None,
         "upper": 12000.0, "qualifier": "up_to", "unit": "troops", "location": "UKR",
         "location_text": "in der Ukraine", "claimants": ["USA", "KOR", "UKR"],
         "as_of_start": pd.Timestamp("2024-11-12"), "as_of_end": pd.Timestamp("2024-11-12"),
         "as_of_text": "derzeit", "flags": ["location_conflict"]},
    ]
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    for column in ("value", "lower", "upper"):
        frame[column] = frame[column].astype(float)
    return frame


def events_frame() -> pd.DataFrame:
    row = {
        "event_id": "000_01afb6bfc0e7695c:10", "article_id": "000_01afb6bfc0e7695c",
        "sentence_index": 0, "sentence": "s", "start": 10, "end": 30, "quote": "ratifiziert",
        "event_type": "treaty_ratified", "actors": ["PRK"], "location": None,
        "date_start": pd.Timestamp("2024-11-12"), "date_end": pd.Timestamp("2024-11-12"),
        "date_text": "am Dienstag", "published": pd.Timestamp("2024-11-12"), "language": "de",
        "flags": [],
    }
    return pd.DataFrame([row], columns=list(EVENT_COLUMNS))


