"""`python -m analysis extract|events` (and `facts check`): outputs, exit codes, errors."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.cli import main
from analysis.core import paths
from analysis.core.schema import CLAIM_COLUMNS, EVENT_COLUMNS

SEED_ID = "000_01afb6bfc0e7695c"
SEED = paths.SEEDS_DIR / f"{SEED_ID}.txt"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_whole_catalog_as_csv(capsys) -> None:
    code, out, err = run(["extract"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split(",") == list(CLAIM_COLUMNS)
    assert len(lines) == 6 and "5 claim(s) from 1 article(s)" in err


def test_extract_jsonl_matches_the_committed_facts(capsys) -> None:
    code, out, _ = run(["extract", "--format", "jsonl"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [list(r) for r in records] == [list(CLAIM_COLUMNS)] * 5
    committed = pd.read_csv(paths.FACTS_DIR / "claims.csv", dtype=str)
    assert [r["claim_id"] for r in records] == list(committed["claim_id"])
    # Sentence 4 dates its statement ("Letzte Woche bestätigten"); sentence 3 dates nothing,
    # so its count holds as of the publication day.
    assert records[1]["as_of_start"] == "2024-11-04" and records[1]["as_of_source"] == "statement"
    assert records[1]["stated_on_start"] == "2024-11-04"
    assert records[0]["as_of_start"] == "2024-11-12" and records[0]["as_of_source"] == "publication"
    assert records[0]["stated_on_start"] is None


def test_extract_catalogued_path_uses_the_catalog(capsys) -> None:
    code, out, _ = run(["extract", str(SEED), "--format", "jsonl"], capsys)
    assert code == 0
    first = json.loads(out.splitlines()[0])
    assert first["article_id"] == "000_01afb6bfc0e7695c" and first["published"] == "2024-11-12"


def test_extract_outside_file_with_published_and_output(tmp_path, capsys) -> None:
    source = tmp_path / "note.txt"
    source.write_text("Last week the Pentagon said 10,000 North Korean troops were in Kursk.",
                      encoding="utf-8")
    target = tmp_path / "out" / "claims.parquet"
    target.parent.mkdir()  # -o never creates folders (a typo would go unnoticed)
    code, out, err = run(["extract", str(source), "--published", "2024-11-12",
                          "--format", "parquet", "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert "detected 'en'" in err  # no --language: detected and said so
    frame = pd.read_parquet(target)
    assert list(frame.columns) == list(CLAIM_COLUMNS)
    assert frame["value"].tolist() == [10000.0] and frame["article_id"].tolist() == ["note"]
    # Parquet keeps dates as dates (date32), for claims as for events.
    assert frame["as_of_start"].iloc[0] == dt.date(2024, 11, 4)


def test_extract_csv_to_file(tmp_path, capsys) -> None:
    source = tmp_path / "de.txt"
    source.write_text("Es sind 3.000 Soldaten in Kursk.", encoding="utf-8")
    target = tmp_path / "c.csv"
    code, out, _ = run(["extract", str(source), "--published", "2024-11-12", "--language", "de",
                        "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("de:")


def _one_line_error(code: int, err: str) -> str:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_missing_published_is_exit_2(tmp_path, capsys) -> None:
    source = tmp_path / "x.txt"
    source.write_text("Es sind 3.000 Soldaten.", encoding="utf-8")
    code, out, err = run(["extract", str(source), "--language", "de"], capsys)
    line = _one_line_error(code, err)
    assert "--published" in line and str(source) in line and out == ""


def test_unknown_language_is_exit_2(tmp_path, capsys) -> None:
    source = tmp_path / "x.txt"
    source.write_text("Es sind 3.000 Soldaten.", encoding="utf-8")
    code, _, err = run(["extract", str(source), "--published", "2024-11-12",
                        "--language", "xx"], capsys)
    line = _one_line_error(code, err)
    assert "'xx'" in line and "de" in line and "en" in line


@pytest.mark.parametrize("kind", ["missing", "binary", "latin1", "folder"])
def test_unreadable_file_is_exit_2(tmp_path, capsys, kind: str) -> None:
    source = tmp_path / "bad.txt"
    if kind == "binary":
        source.write_bytes(b"\x00\x01\x02 binary")
    elif kind == "latin1":
        source.write_bytes("Soldaten in Köln".encode("latin-1"))
    elif kind == "folder":
        source.mkdir()
    code, _, err = run(["extract", str(source), "--published", "2024-11-12",
                        "--language", "de"], capsys)
    assert str(source) in _one_line_error(code, err)


def test_bad_published_is_exit_2(tmp_path, capsys) -> None:
    source = tmp_path / "x.txt"
    source.write_text("Es sind 3.000 Soldaten.", encoding="utf-8")
    code, _, err = run(["extract", str(source), "--published", "12.11.2024",
                        "--language", "de"], capsys)
    _one_line_error(code, err)


def test_parquet_needs_output(capsys) -> None:
    code, _, err = run(["extract", "--format", "parquet"], capsys)
    assert "-o" in _one_line_error(code, err)


def test_facts_check_passes_on_the_committed_tree(capsys) -> None:
    code, out, _ = run(["facts", "check"], capsys)
    assert code == 0 and "up to date" in out


def test_facts_check_exits_1_and_lists_stale_files(tmp_path, monkeypatch, capsys) -> None:
    from analysis.facts import store as facts

    stale = tmp_path / "claims.csv"
    stale.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(facts, "claims_path", lambda: stale)
    monkeypatch.setattr(facts, "events_path", lambda: paths.FACTS_DIR / "events.csv")
    code, _, err = run(["facts", "check"], capsys)
    assert code == 1 and f"stale: {stale}" in err


def test_module_entry_point_subprocess(tmp_path) -> None:
    source = tmp_path / "x.txt"
    source.write_text("Es sind 3.000 Soldaten.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(source), "--language", "de"],
        capture_output=True, text=True, cwd=paths.ROOT, check=False,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "--published" in result.stderr


# --- events (the same command module) ---------------------------------------------------
def test_cli_jsonl_for_a_file_outside_the_catalog(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text("Nordkorea ratifizierte am Dienstag den Vertrag.", encoding="utf-8")
    status = main(["events", str(path), "--published", "2024-11-12", "--language", "de",
                   "--format", "jsonl"])
    assert status == 0
    lines = capsys.readouterr().out.splitlines()
    record = json.loads(lines[0])
    assert list(record) == list(EVENT_COLUMNS)
    assert record["event_type"] == "treaty_ratified"
    assert record["actors"] == ["PRK"]
    assert record["date_start"] == "2024-11-12"


def test_cli_detects_language_and_says_so(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text("Russia ratified the treaty with North Korea last week.", encoding="utf-8")
    assert main(["events", str(path), "--published", "2024-11-12"]) == 0
    captured = capsys.readouterr()
    assert "detected 'en'" in captured.err
    assert "treaty_ratified" in captured.out


def test_cli_needs_published_for_uncatalogued_file(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text("Nordkorea ratifizierte den Vertrag.", encoding="utf-8")
    assert main(["events", str(path), "--language", "de"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--published" in err


def test_cli_unknown_language_exits_2(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text("Text.", encoding="utf-8")
    assert main(["events", str(path), "--published", "2024-11-12", "--language", "xx"]) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_cli_whole_catalog_to_csv_and_parquet(tmp_path):
    target = tmp_path / "events.csv"
    assert main(["events", "-o", str(target)]) == 0
    frame = pd.read_csv(target)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert (frame["article_id"] == SEED_ID).any()
    assert json.loads(frame.loc[0, "actors"]) == ["PRK"]
    # Same format as the committed table (which `make facts` writes from the same code).
    committed = paths.FACTS_DIR / "events.csv"
    assert target.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
    parquet = tmp_path / "events.parquet"
    assert main(["events", "--format", "parquet", "-o", str(parquet)]) == 0
    assert len(pd.read_parquet(parquet)) == len(frame)


def test_cli_catalogued_file_uses_catalog_metadata(capsys):
    seed = paths.SEEDS_DIR / f"{SEED_ID}.txt"
    assert main(["events", str(seed), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["article_id"] for r in records} == {SEED_ID}
    assert {r["published"] for r in records} == {"2024-11-12"}


def test_cli_parquet_needs_output(capsys):
    assert main(["events", "--format", "parquet"]) == 2
    assert "-o" in capsys.readouterr().err


# --- what the commands import ------------------------------------------------------------

# Libraries of later stages (plots, maps, notebooks, reports), extractors' optional ones, and
# pandas/numpy/pyarrow: CSV and JSON lines are written from row dicts (half a second saved).
HEAVY = (
    "matplotlib", "geopandas", "shapely", "pyogrio", "nbformat", "nbclient", "jsonschema",
    "papermill", "ipywidgets", "IPython", "dateparser", "pyarrow", "text_to_num", "pandas",
    "numpy",
)
LATER_STAGES = ("analysis.facts", "analysis.geo", "analysis.viz", "analysis.explore",
                "analysis.report")

_IMPORTS_OF = """
import contextlib, io, json, sys
from analysis.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    status = main(sys.argv[1:])
print(json.dumps([status, sorted(sys.modules)]))
"""


@pytest.mark.parametrize(("command", "not_needed"), [
    ("extract", "analysis.extract.events"), ("events", "analysis.extract.claims"),
])
def test_extract_commands_import_neither_later_stages_nor_heavy_libraries(
    tmp_path, command: str, not_needed: str
) -> None:
    source = tmp_path / "note.txt"
    source.write_text("Es sind 3.000 Soldaten in Kursk.", encoding="utf-8")  # no word numbers
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTS_OF, command, str(source), "--published", "2024-11-12",
         "--language", "de"],
        capture_output=True, text=True, cwd=paths.ROOT, check=True,
    )
    status, modules = json.loads(result.stdout)
    assert status == 0
    assert "analysis.extract.cli" in modules  # the command really ran
    loaded = [m for m in modules if m.startswith(HEAVY + LATER_STAGES + (not_needed,))]
    assert loaded == []


def test_a_number_not_read_is_one_warning_line_naming_the_article(tmp_path, capsys) -> None:
    source = tmp_path / "big.txt"
    source.write_text(f"Es sind {'8' * 400} Soldaten und 900 Arbeiter.", encoding="utf-8")
    code, out, err = run(["extract", str(source), "--published", "2024-11-12",
                          "--language", "de", "--format", "jsonl"], capsys)
    assert code == 0 and "Infinity" not in out
    assert [json.loads(line)["value"] for line in out.splitlines()] == [900]
    (warning,) = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert "too large" in warning and "Traceback" not in err
