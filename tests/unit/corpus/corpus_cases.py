"""Shared helpers of the corpus tests (the ``seeds`` fixture is in conftest.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.corpus.adding import LOCK_NAME

SEED_ID = "000_01afb6bfc0e7695c"
HEADER = "id,file,title,outlet,url,published,language,notes\n"
GOOD_TEXT = "Laut einer Schätzung sind 3.000 Soldaten verlegt worden.\nEin zweiter Satz.\n"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (html/ too) with its hash; the catalog lock file aside
    (it stays once created, empty, like any lock file)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK_NAME
    }


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
