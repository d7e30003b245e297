"""Write outputs so that a crash never leaves a half-written file in place, and never write
where an output must not go.

Every writer in the project goes through here: data is written to a temporary file
in the destination folder (same filesystem) and then renamed over the target, which
POSIX guarantees to be atomic.

A rename replaces whatever has the target's name, so the target is checked first
(:func:`check_output_path`): only a regular file, or a new name in an existing folder, is
written. A device node (``/dev/null``), a FIFO, a socket or a symbolic link would be
replaced by a regular file (the link's target never sees the data), a folder cannot be
replaced, a read-only file would be overwritten against its owner's wish, and a name that is
not UTF-8 cannot be recorded in the UTF-8 files (manifests, CSV) that list outputs. Each is
refused with one line (:class:`~analysis.core.errors.OutputError`).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.core.errors import OutputError

# Longest part of the target's name used in the temporary file's name: a target name close
# to the 255-byte limit must not make the temporary name too long.
_TMP_PREFIX_CHARS = 80
# Write errors that mean the destination, not the program, is the problem.
_DESTINATION_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS})


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` quoted for a message; bytes that are not UTF-8 appear as ``\\udcXX``."""
    return repr(os.fspath(path))


def check_utf8_path(path: str | os.PathLike[str], what: str = "output") -> None:
    """Raise :class:`OutputError` if ``path`` is not valid UTF-8 (Python keeps such bytes as
    lone surrogates, which no UTF-8 file can hold)."""
    try:
        os.fspath(path).encode("utf-8")
    except UnicodeEncodeError:
        raise OutputError(
            f"{what} {shown_path(path)} is not a valid UTF-8 name; choose a name in UTF-8"
        ) from None


def _special_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _check_target(target: Path, what: str) -> None:
    """The target itself: absent, or a regular file we may write."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise OutputError(
            f"{what} {shown_path(target)} lies under a file, not a folder; choose another path"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputError(_too_long(target, what)) from None
        raise OutputError(f"cannot write {what} {shown_path(target)}: {exc.strerror}") from None
    kind = _special_kind(mode)
    if kind == "a folder":
        raise OutputError(
            f"{what} {shown_path(target)} is a folder; give a file name inside it"
        )
    if kind is not None:
        raise OutputError(
            f"{what} {shown_path(target)} is {kind}, not a regular file; it is left alone: "
            "give the path of a regular file"
        )
    if not os.access(target, os.W_OK):
        raise OutputError(
            f"{what} {shown_path(target)} is read-only; make it writable or choose another name"
        )


def _too_long(target: Path, what: str) -> str:
    """A name the filesystem refuses for its length, shown cut short (it may be very long)."""
    name = os.fsencode(target.name)
    shown = shown_path(target)
    if len(shown) > _TMP_PREFIX_CHARS:
        shown = shown[: _TMP_PREFIX_CHARS - 1] + "…'"
    return (f"{what} {shown} has a name too long for the filesystem ({len(name)} bytes; "
            "most allow 255); choose a shorter name")


def _check_parent(target: Path, what: str, create_parents: bool) -> None:
    parent = target.parent
    try:
        mode = os.stat(parent).st_mode  # a folder reached through a symlink is fine
    except FileNotFoundError:
        if create_parents:
            return  # atomic_path creates it (mkdir fails cleanly under a file)
        raise OutputError(
            f"folder {shown_path(parent)} of {what} {shown_path(target)} does not exist; "
            "create it first"
        ) from None
    except NotADirectoryError:
        mode = stat.S_IFREG
    except OSError as exc:
        raise OutputError(f"cannot write {what} {shown_path(target)}: {exc.strerror}") from None
    if not stat.S_ISDIR(mode):
        raise OutputError(
            f"{what} {shown_path(target)} lies under a file, not a folder; choose another path"
        )


def check_output_path(
    target: str | os.PathLike[str], *, create_parents: bool = True, what: str = "output file"
) -> Path:
    """Return ``target`` as a Path if an atomic write may replace it; else one-line
    :class:`OutputError` naming it.

    Refused: a name that is not UTF-8; an existing folder, symbolic link, device, FIFO or
    socket; a read-only file; a path under a file; and, unless ``create_parents``, a
    missing parent folder (commands refuse it: a typo in ``-o`` must not create folders).
    """
    target = Path(target)
    check_utf8_path(target, what)
    if target.name in ("", ".", ".."):
        raise OutputError(f"{what} {shown_path(target)} is a folder; give a file name inside it")
    _check_target(target, what)
    _check_parent(target, what, create_parents)
    return target


@contextmanager
def atomic_path(
    target: str | os.PathLike[str], suffix: str | None = None, *, create_parents: bool = True
) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; rename it onto ``target`` on success.

    ``target`` is checked first (:func:`check_output_path`). On an exception the temporary
    file is removed and ``target`` is left untouched.
    """
    target = check_output_path(target, create_parents=create_parents)
    try:
        if create_parents:
            target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name[:_TMP_PREFIX_CHARS]}.", suffix=suffix or ".tmp",
            dir=target.parent,
        )
    except OSError as exc:
        raise OutputError(f"cannot write {shown_path(target)}: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp creates 0600 files; give outputs the usual permissions (0666 less the umask).
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o666 & ~umask)
    try:
        try:
            yield tmp
        except OSError as exc:
            if exc.errno in _DESTINATION_ERRNOS:
                raise OutputError(f"cannot write {shown_path(target)}: {exc.strerror}") from None
            raise
        _check_target(target, "output file")  # again: it may have changed while we wrote
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(f"cannot write {shown_path(target)}: {exc.strerror}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically and return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def atomic_write_text(target: str | os.PathLike[str], text: str) -> Path:
    """Write UTF-8 ``text`` (LF line endings, as given) to ``target`` atomically."""
    return atomic_write_bytes(target, text.encode("utf-8"))
