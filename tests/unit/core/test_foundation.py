"""Shared plumbing: atomic writes, parameter validation, the CLI entry point."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.core import params
from analysis.core.atomic import atomic_path, atomic_write_text
from analysis.core.errors import ParameterError
from analysis.core.schema import is_missing, to_date


def test_atomic_write_replaces_target(tmp_path: Path) -> None:
    target = tmp_path / "out" / "table.csv"
    atomic_write_text(target, "a,b\n1,2\n")
    assert target.read_text() == "a,b\n1,2\n"
    atomic_write_text(target, "a,b\n3,4\n")
    assert target.read_text() == "a,b\n3,4\n"
    assert [p.name for p in target.parent.iterdir()] == ["table.csv"]


def test_atomic_write_gives_normal_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = atomic_write_text(tmp_path / "shared.html", "<p>report</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_atomic_path_keeps_old_file_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("precious")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half written")
        raise RuntimeError("crash while writing")
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-11-12", dt.date(2024, 11, 12)), (dt.date(2024, 1, 2), dt.date(2024, 1, 2)),
     (dt.datetime(2024, 3, 4, 5, 6), dt.date(2024, 3, 4)), (None, None), ("", None)],
)
def test_check_date_accepts(value: object, expected: dt.date | None) -> None:
    assert params.check_date("as_of", value) == expected


@pytest.mark.parametrize("value", ["12.11.2024", "yesterday", 20241112, "2024-13-01"])
def test_check_date_rejects_with_parameter_name(value: object) -> None:
    with pytest.raises(ParameterError, match="'as_of'"):
        params.check_date("as_of", value)


def test_check_date_required() -> None:
    with pytest.raises(ParameterError, match="required"):
        params.check_date("as_of", None, allow_none=False)


def test_check_choice_lists_valid_values() -> None:
    assert params.check_choice("region", "RU-KRS", ["RU-KRS", "RU-BEL"]) == "RU-KRS"
    with pytest.raises(ParameterError, match="RU-KRS, RU-BEL"):
        params.check_choice("region", "RU-XXX", ["RU-KRS", "RU-BEL"])


def test_check_choices() -> None:
    assert params.check_choices("units", "troops", ["troops", "soldiers"]) == ["troops"]
    assert params.check_choices("units", ["troops", "soldiers"], ["troops", "soldiers"]) == [
        "troops", "soldiers"]
    with pytest.raises(ParameterError, match="'tanks'"):
        params.check_choices("units", ["troops", "tanks"], ["troops", "soldiers"])
    with pytest.raises(ParameterError, match="empty"):
        params.check_choices("units", [], ["troops"])
    with pytest.raises(ParameterError, match="must be a list"):
        params.check_choices("units", 5, ["troops"])


def test_check_bool() -> None:
    assert params.check_bool("log_scale", False) is False
    with pytest.raises(ParameterError, match="True or False"):
        params.check_bool("log_scale", "yes")


def test_check_existing_file(tmp_path: Path) -> None:
    existing = tmp_path / "claims.csv"
    existing.write_text("x")
    assert params.check_existing_file("claims_path", str(existing)) == existing
    with pytest.raises(ParameterError, match="does not exist"):
        params.check_existing_file("claims_path", tmp_path / "missing.csv")


def test_cli_unknown_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["frobnicate"])
    assert excinfo.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("value", "missing"),
    [(None, True), (float("nan"), True), (pd.NaT, True), (pd.NA, True), ("", False),
     (0, False), ([], False), (["USA"], False), ([float("nan")], False), ("PRK", False),
     (dt.date(2024, 11, 12), False)],
)
def test_is_missing(value: object, missing: bool) -> None:
    assert is_missing(value) is missing


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (pd.NaT, None), (float("nan"), None),
     (dt.date(2024, 11, 4), dt.date(2024, 11, 4)),
     (pd.Timestamp("2024-11-04"), dt.date(2024, 11, 4)),
     (dt.datetime(2024, 11, 4, 13, 5), dt.date(2024, 11, 4)),
     ("2024-11-04", dt.date(2024, 11, 4)), ("2024-11-04T10:00:00", dt.date(2024, 11, 4))],
)
def test_to_date(value: object, expected: dt.date | None) -> None:
    assert to_date(value) == expected
