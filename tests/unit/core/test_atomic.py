"""analysis.core.atomic: outputs are written by atomic rename, and only where a file belongs.

Issue 15, items 4 and 9: a device node, a FIFO, a symbolic link or a folder at the output
path, a missing or file parent, and a name that is not UTF-8 are refused with one line, and
whatever was at the path is left exactly as it was. (No test writes to /dev/null: as root,
a writer that replaced it would break the machine; a device node is made in tmp_path.)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from analysis.core.atomic import atomic_path, atomic_write_text, check_output_path
from analysis.core.errors import AnalysisError, OutputError

NOT_UTF8 = os.fsdecode(b"claims-\xff.csv")  # a name Python can pass but UTF-8 cannot hold


def _one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message and isinstance(exc.value, AnalysisError)
    return message


def test_a_fifo_is_refused_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as caught:
        atomic_write_text(fifo, "a,b\n")
    assert "is a FIFO (named pipe), not a regular file" in _one_line(caught)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary file left


def test_a_device_node_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("making a device node needs root")
    with pytest.raises(OutputError) as caught:
        atomic_write_text(device, "a,b\n")
    assert "is a device, not a regular file; it is left alone" in _one_line(caught)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_symlink_is_refused_and_neither_it_nor_its_target_changes(tmp_path: Path) -> None:
    target = tmp_path / "precious.csv"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "out.csv"
    link.symlink_to(target.name)
    with pytest.raises(OutputError) as caught:
        atomic_write_text(link, "a,b\n")
    assert "is a symbolic link" in _one_line(caught)
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("name", ["folder", "folder/", "."])
def test_a_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    (tmp_path / "folder").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as caught:
        atomic_write_text(name, "a,b\n")
    assert "is a folder; give a file name inside it" in _one_line(caught)


def test_a_path_under_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    for target in (tmp_path / "notes.txt" / "claims.csv", tmp_path / "notes.txt" / "a" / "b.csv"):
        with pytest.raises(OutputError) as caught:
            atomic_write_text(target, "a,b\n")
        assert "lies under a file, not a folder" in _one_line(caught)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "x"


def test_a_missing_folder_is_refused_when_asked_and_created_otherwise(tmp_path: Path) -> None:
    target = tmp_path / "tpyo" / "claims.csv"
    with pytest.raises(OutputError) as caught:
        check_output_path(target, create_parents=False)
    assert "folder" in _one_line(caught) and "does not exist; create it first" in str(caught.value)
    assert not (tmp_path / "tpyo").exists()
    with pytest.raises(OutputError), atomic_path(target, create_parents=False) as tmp:
        tmp.write_text("never")
    assert not (tmp_path / "tpyo").exists()
    atomic_write_text(target, "a,b\n")  # the writers of a report build their own folders
    assert target.read_text(encoding="utf-8") == "a,b\n"


def test_a_name_that_is_not_utf8_is_refused_readably(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        atomic_write_text(tmp_path / NOT_UTF8, "a,b\n")
    message = _one_line(caught)
    assert "claims-\\udcff.csv" in message and "is not a valid UTF-8 name" in message
    message.encode("utf-8")  # printable as it is
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root may write any file")
    target = tmp_path / "final.csv"
    target.write_text("signed off\n", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(OutputError, match="is read-only"):
        atomic_write_text(target, "a,b\n")
    assert target.read_text(encoding="utf-8") == "signed off\n"


def test_a_name_too_long_is_one_line_and_a_long_name_still_works(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        atomic_write_text(tmp_path / ("x" * 300 + ".csv"), "a,b\n")
    message = _one_line(caught)
    assert "has a name too long for the filesystem (304 bytes;" in message
    assert "choose a shorter name" in message and len(message) < 200
    longest = tmp_path / ("y" * 251 + ".csv")  # 255 bytes: the limit, with room for no suffix
    atomic_write_text(longest, "a,b\n")
    assert longest.read_text(encoding="utf-8") == "a,b\n"


def test_a_regular_file_is_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "claims.csv"
    target.write_text("old\n", encoding="utf-8")
    inode = target.stat().st_ino
    atomic_write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_ino != inode  # renamed into place, not rewritten in place
