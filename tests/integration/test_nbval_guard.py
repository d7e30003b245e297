"""nbval guards the facts: change one number in a stored fact table and nbval must fail.

``pytest --nbval`` runs as its own session, the way ``make test`` runs it on notebooks/
(current environment's kernel, tests/nbval_sanitize.cfg), on a small generated notebook
with a fact table, committed as ``make notebooks`` commits: that notebook passes, a copy
with one number changed fails. The committed notebooks are checked to hold such tables in
a form nbval compares, and to be clean runs nbval can check at all.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import nbformat
import pytest

from analysis.core import paths
from analysis.report.notebooks import (
    discover_notebooks,
    read_notebook,
    strip_volatile_metadata,
    write_notebook,
)
from analysis.report.refresh import refresh_notebooks
from tests.support.notebook_factory import (
    SHARED_PARAMETERS,
    VALIDATION,
    make_notebook,
    write_schema,
)

SANITIZE = paths.ROOT / "tests" / "nbval_sanitize.cfg"
COMMITTED = discover_notebooks(paths.NOTEBOOKS_DIR)

FACT_TABLE_CELL = textwrap.dedent(
    """\
    import pandas as pd
    claims = pd.DataFrame({
        "quote": ["Tausende nordkoreanischer Truppen", "10.000 nordkoreanische Truppen",
                  "rund 50.000 Soldaten", "bis zu 12.000 nordkoreanische Truppen",
                  "mehr als 13.000 Container"],
        "lower": [2000.0, 10000.0, 50000.0, None, 13000.0],
        "upper": [None, 10000.0, 50000.0, 12000.0, None],
        "unit": ["troops", "troops", "soldiers", "troops", "containers"],
    })
    claims
    """
)
# A table cell holding one figure: "10000.0", "10,000", "≈ 50,000", "≥ 2,000 (vague)"
# (not a date, an id or a quote: no other digits in the cell).
TABLE_FIGURE = re.compile(
    r"<td>(?P<before>[^\d<]*)(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{3,}\.\d+)"
    r"(?P<after>[^\d<]*)</td>"
)


class NbvalOutcome:
    """What one nbval session reported: test ids by outcome, and the failure texts."""

    def __init__(self) -> None:
        self.passed: list[str] = []
        self.failed: list[str] = []
        self.failure_text = ""

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" and report.passed:
            self.passed.append(report.nodeid)
        elif report.failed:
            self.failed.append(report.nodeid)
            self.failure_text += report.longreprtext + "\n"


def run_nbval(*notebooks: Path) -> tuple[int, NbvalOutcome]:
    """``pytest --nbval`` on notebooks of one folder, isolated from this project's config.

    In this process (``pytest.main``): a second interpreter would only add its start-up.
    """
    folder = notebooks[0].parent
    ini = folder / "pytest.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    outcome = NbvalOutcome()
    code = pytest.main(
        ["--nbval", "--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE),
         "-c", str(ini), "--rootdir", str(folder), "-p", "no:cacheprovider", "-p", "no:xdist",
         "-q", *map(str, notebooks)],
        plugins=[outcome],
    )
    return int(code), outcome


def tamper_with_first_table_number(notebook: nbformat.NotebookNode) -> tuple[str, str] | None:
    """Change the first digit of the first figure in a stored HTML table (and the same
    figure in the plain-text repr of that output), as a silently changed fact would.
    Returns ``(old, new)``, or None if the notebook has no such table."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            found = TABLE_FIGURE.search(data.get("text/html", ""))
            if not found:
                continue
            old = found.group("number")
            new = str(int(old[0]) % 9 + 1) + old[1:]  # 1->2 ... 8->9, 9->1
            cell_html = found.group(0)
            data["text/html"] = data["text/html"].replace(
                cell_html, cell_html.replace(old, new, 1), 1
            )
            if "text/plain" in data:
                data["text/plain"] = re.sub(
                    rf"(?<![\d.,]){re.escape(old)}(?![\d,])", new, data["text/plain"], count=1
                )
            return old, new
    return None


def test_changed_number_in_a_fact_table_fails_nbval(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    make_notebook(folder / "00_facts.ipynb", [VALIDATION, FACT_TABLE_CELL], SHARED_PARAMETERS)
    write_schema(folder, "")
    # committed the way `make notebooks` commits: executed in place, volatile parts stripped
    assert [r.status for r in refresh_notebooks(folder, progress=lambda _: None)] == [
        "succeeded"
    ]
    stored = read_notebook(folder / "00_facts.ipynb")
    assert "10000.0" in stored.cells[2].outputs[0]["data"]["text/html"]
    tampered = read_notebook(folder / "00_facts.ipynb")
    old, new = tamper_with_first_table_number(tampered)
    assert old != new
    write_notebook(tampered, folder / "01_tampered.ipynb")

    # one nbval session (one start-up) checks both: the committed notebook passes, the
    # copy with one changed number fails, and nbval shows expected and actual
    code, outcome = run_nbval(folder / "00_facts.ipynb", folder / "01_tampered.ipynb")
    assert code == pytest.ExitCode.TESTS_FAILED, outcome.failure_text[-3000:]
    assert len(outcome.failed) == 1 and "01_tampered.ipynb::" in outcome.failed[0], outcome.failed
    assert {test.split("::")[0].rsplit("/", 1)[-1] for test in outcome.passed} == {
        "00_facts.ipynb", "01_tampered.ipynb"  # the other cells of the copy still match
    }
    assert len(outcome.passed) == 2 * 3 - 1
    assert new in outcome.failure_text and old in outcome.failure_text


def test_tamper_changes_exactly_one_number() -> None:
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("claims")
    cell.outputs = [nbformat.v4.new_output(
        "execute_result",
        data={"text/html": "<td>2024-11-12</td><td>id:900</td><td>≈ 90,000</td><td>90,000</td>",
              "text/plain": "as of  key  figure  value\n0  2024-11-12  id:900  ≈ 90,000  90,000"},
        execution_count=1,
    )]
    notebook.cells = [cell]
    assert tamper_with_first_table_number(notebook) == ("90,000", "10,000")
    data = cell.outputs[0]["data"]
    assert data["text/html"] == (
        "<td>2024-11-12</td><td>id:900</td><td>≈ 10,000</td><td>90,000</td>"
    )
    assert data["text/plain"].endswith("2024-11-12  id:900  ≈ 10,000  90,000")
    plain = nbformat.v4.new_notebook()
    plain.cells = [nbformat.v4.new_code_cell("x")]
    assert tamper_with_first_table_number(plain) is None


def test_committed_notebooks_keep_fact_tables_where_nbval_compares_them() -> None:
    """The guard above holds for the committed notebooks too: they store fact tables as
    text/html, which nbval compares (it skips only images, metadata and widget ids)."""
    with_tables = [nb for nb in COMMITTED if tamper_with_first_table_number(read_notebook(nb))]
    assert with_tables, "no committed notebook stores a fact table for nbval to check"


@pytest.mark.parametrize("notebook", COMMITTED, ids=lambda p: p.stem)
def test_committed_notebook_is_a_clean_run_nbval_can_check(notebook: Path) -> None:
    """nbval compares only cells with an execution count, so an unexecuted (or cleared)
    notebook would pass vacuously. Committed notebooks must be a clean top-to-bottom run
    (`make notebooks`): counts 1..n, no errors, volatile metadata stripped."""
    stored = read_notebook(notebook)
    code = [cell for cell in stored.cells if cell.cell_type == "code" and cell.source.strip()]
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1)), (
        f"{notebook.name} is not a clean run (execution counts {counts}); run `make notebooks`"
    )
    errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
    assert not errors, f"{notebook.name} has stored errors; run `make notebooks`"
    assert strip_volatile_metadata(stored) == stored, (
        f"{notebook.name} carries run timestamps; run `make notebooks` (or "
        "`python -m analysis notebooks --strip-only`)"
    )
    assert stored.metadata.get("kernelspec", {}).get("name") == "nk-claims"


NBVAL_MARKER = re.compile(r"#\s*(NBVAL_[A-Z_]+)(.*)")


def unexplained_nbval_markers(notebook: nbformat.NotebookNode) -> list[str]:
    """Markers like ``# NBVAL_IGNORE_OUTPUT`` without a reason on the same line or a comment
    on the next line. Each one switches off the check of a cell, so it must say why."""
    problems = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        lines = cell.source.splitlines()
        for number, line in enumerate(lines):
            found = NBVAL_MARKER.search(line)
            if not found:
                continue
            same_line = found.group(2).strip(" :-–—")
            next_line = lines[number + 1].strip() if number + 1 < len(lines) else ""
            if len(same_line.split()) < 2 and not (
                next_line.startswith("#") and len(next_line.split()) > 2
            ):
                problems.append(f"cell {index}: {found.group(1)}")
    return problems


def test_unexplained_nbval_markers_are_found() -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT\nprint(now())"),
        nbformat.v4.new_code_cell("# NBVAL_IGNORE_OUTPUT: prints the current time\nnow()"),
        nbformat.v4.new_code_cell("# NBVAL_SKIP\n# needs a network connection to GeoNames\nx"),
        nbformat.v4.new_markdown_cell("# NBVAL_SKIP in prose is not a marker"),
    ]
    assert unexplained_nbval_markers(notebook) == ["cell 0: NBVAL_IGNORE_OUTPUT"]


@pytest.mark.parametrize("notebook", COMMITTED, ids=lambda p: p.stem)
def test_nbval_markers_in_committed_notebooks_say_why(notebook: Path) -> None:
    assert unexplained_nbval_markers(read_notebook(notebook)) == []


def _sanitized(text: str) -> str:
    from nbval.plugin import get_sanitize_patterns

    for regex, replace in get_sanitize_patterns(SANITIZE.read_text(encoding="utf-8")):
        text = re.sub(regex, replace, text)
    return text


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("<matplotlib.lines.Line2D at 0x7f3a2c1b9d30>",
         "<matplotlib.lines.Line2D at 0x7f00aa11bb22>"),
        ("saved /home/ana/nk-claims/notebooks/figures/map.png",
         "saved /srv/build/notebooks/figures/map.png"),
        ("/work/main/.venv/lib/python3.11/site-packages/pandas/io/x.py:12: FutureWarning",
         "/opt/venv/lib/python3.12/site-packages/pandas/io/x.py:12: FutureWarning"),
        ("geocoded 5 claims in 0.84 s", "geocoded 5 claims in 1.2 s"),
    ],
)
def test_sanitize_masks_what_varies_between_machines_and_runs(first: str, second: str) -> None:
    assert _sanitized(first) == _sanitized(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("10.000 nordkoreanische Truppen  10,000  RU-KRS",
         "10.000 nordkoreanische Truppen  10,001  RU-KRS"),
        ("<td>≈ 50,000</td><td>2024-11-11</td>", "<td>≈ 50,000</td><td>2024-11-12</td>"),
        ("13000 containers in 2024", "13000 containers in 2023"),
        ("troops seen in 300 settlements", "troops seen in 301 settlements"),
        ("characters 831–861 of article 000_01afb6bfc0e7695c",
         "characters 831–862 of article 000_01afb6bfc0e7695c"),
    ],
)
def test_sanitize_leaves_facts_alone(first: str, second: str) -> None:
    assert _sanitized(first) != _sanitized(second)
