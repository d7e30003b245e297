"""`extract -o` / `events -o`: where the table may go, and the same article named twice.

Issue 15, items 4 and 9: the output path is checked before any work (one line, exit 2,
nothing created or replaced), and an article given twice yields each claim id once.
The writer's own checks are in tests/unit/core/test_atomic.py.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.core import paths
from analysis.lexicon.caches import clear_caches

ARTICLE = (
    "Am Montag sagte ein Sprecher in Kiew, dass 3.000 nordkoreanische Soldaten bei Sudscha "
    "eingesetzt worden seien. Zwei Tage später ratifizierte das Parlament den Vertrag.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kiew_note.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _run(command: str, article: Path, output: Path | str, capsys) -> tuple[int, str]:
    code = main([command, str(article), "--published", "2024-11-12", "--language", "de",
                 "-o", str(output)])
    err = capsys.readouterr().err
    return code, err


def _refused(code: int, err: str, expected: str) -> None:
    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1 and expected in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["extract", "events"])
def test_output_to_a_fifo_or_symlink_is_refused_and_left_alone(
    tmp_path: Path, article: Path, capsys, command: str
) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    _refused(*_run(command, article, fifo, capsys), "is a FIFO (named pipe)")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    kept = tmp_path / "kept.csv"
    kept.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(kept)
    _refused(*_run(command, article, link, capsys), "is a symbolic link")
    assert link.is_symlink() and kept.read_text(encoding="utf-8") == "mine\n"


def test_output_to_a_folder_or_under_a_file_is_one_line(
    tmp_path: Path, article: Path, capsys
) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    _refused(*_run("extract", article, folder, capsys), "is a folder")
    assert list(folder.iterdir()) == []
    _refused(*_run("extract", article, article / "claims.csv", capsys),
             "lies under a file, not a folder")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_output_into_a_missing_folder_is_refused_not_created(
    tmp_path: Path, article: Path, capsys
) -> None:
    _refused(*_run("extract", article, tmp_path / "reslts" / "claims.csv", capsys),
             "does not exist; create it first")
    assert not (tmp_path / "reslts").exists()


def test_output_name_that_is_not_utf8_is_one_line(tmp_path: Path, article: Path, capsys) -> None:
    target = tmp_path / os.fsdecode(b"claims-\xe9.csv")  # Latin-1 "é"
    _refused(*_run("extract", article, target, capsys), "is not a valid UTF-8 name")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiew_note.txt"]


def test_an_input_whose_name_is_not_utf8_is_one_line(tmp_path: Path, capsys) -> None:
    source = tmp_path / os.fsdecode(b"notiz-\xe9.txt")
    source.write_text(ARTICLE, encoding="utf-8")
    code, err = _run("extract", source, tmp_path / "claims.csv", capsys)
    _refused(code, err, "its name, the article id, is not valid UTF-8; rename the file")
    assert not (tmp_path / "claims.csv").exists()


def test_a_good_output_path_is_written(tmp_path: Path, article: Path, capsys) -> None:
    target = tmp_path / "claims.csv"
    code, err = _run("extract", article, target, capsys)
    assert code == 0 and "1 claim(s) from 1 article(s)" in err
    assert target.read_text(encoding="utf-8").count("kiew_note:") == 1


def test_the_same_file_twice_gives_each_claim_id_once(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["extract", str(article), f"./{article.name}", str(article), "--published",
                 "2024-11-12", "--language", "de", "--format", "jsonl"])
    out, err = capsys.readouterr()
    assert code == 0
    assert out.count('"claim_id": "kiew_note:') == 1
    assert "1 claim(s) from 1 article(s)" in err and "it is read once" in err


def test_two_files_with_the_same_article_id_are_refused(tmp_path: Path, capsys) -> None:
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "note.txt").write_text(ARTICLE, encoding="utf-8")
    code = main(["extract", str(tmp_path / "monday" / "note.txt"),
                 str(tmp_path / "tuesday" / "note.txt"), "--published", "2024-11-12",
                 "--language", "de"])
    out, err = capsys.readouterr()
    _refused(code, err, "both give article id 'note'")
    assert out == ""


def test_a_missing_gazetteer_fails_instead_of_losing_towns(
    tmp_path: Path, article: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Without the gazetteer, "Sudscha" would not be found: the claim would lose its place
    silently. The command stops with one line naming the file (issue 15, item 9)."""
    monkeypatch.setattr(paths, "GEO_DIR", tmp_path / "no-geo")
    clear_caches()
    try:
        code, err = _run("extract", article, tmp_path / "claims.csv", capsys)
    finally:
        monkeypatch.undo()
        clear_caches()
    _refused(code, err, "gazetteer_kursk.csv is missing; copy it from the geodata bundle")
    assert str(tmp_path / "no-geo") in err
    assert not (tmp_path / "claims.csv").exists()
