"""Article text: how a file becomes the text every offset refers to.

Text normalization is defined here and nowhere else: files are decoded as UTF-8, a
leading BOM is dropped, CRLF / CR become LF, and the text is put in Unicode NFC (composed
characters: an "ü" typed as "u" plus a combining diaeresis, as some systems and copy-paste
paths store it, becomes the one character the lexicon's patterns match). **That
normalized text is the text every character offset in the project refers to**
(``start``/``end`` of claims and events): ``article.text[start:end] == quote``.

A file is refused, with a :class:`~analysis.core.errors.CorpusError` subclass whose message
names it and says what to do, when it is larger than :data:`MAX_FILE_BYTES`, holds NUL
bytes (binary), is not UTF-8, is empty or whitespace only, or holds HTML markup (a saved
web page instead of its text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from analysis.core.errors import CorpusError

MAX_FILE_BYTES = 20 * 1024 * 1024
# Markup that means someone saved a web page instead of its text.
HTML_MARKUP = re.compile(
    r"<\s*(?:!doctype|html|head|body|p|div|br|span|script|article|a\s+href)\b", re.IGNORECASE
)


class MissingArticleFileError(CorpusError):
    """A catalog row or a command names a file that does not exist."""


class EmptyArticleError(CorpusError):
    """An article file is empty or holds only whitespace."""


class BinaryArticleError(CorpusError):
    """An article file contains NUL bytes, so it is not text."""


class ArticleEncodingError(CorpusError):
    """An article file is not valid UTF-8."""


class HtmlArticleError(CorpusError):
    """An article file holds HTML markup instead of plain text."""


class ArticleTooLargeError(CorpusError):
    """An article file is larger than :data:`MAX_FILE_BYTES`."""


def normalize_text(text: str) -> str:
    """Drop a leading BOM, turn CRLF / CR into LF, compose to NFC. Offsets refer to the result."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _line_breaks_and_nfc(text)


def _line_breaks_and_nfc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # is_normalized is a fast check; most files are NFC already and are returned unchanged.
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def utf8_error_offset(path: Path) -> int | None:
    """The byte offset of the first byte of ``path`` that is not UTF-8 (None: all is UTF-8).

    Read a line at a time (a line break never falls inside a UTF-8 sequence)."""
    offset = 0
    with path.open("rb") as handle:
        for raw in handle:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(raw)
    return None


def normalized_lines(path: Path) -> Iterator[str]:
    """The :func:`normalize_text` of a UTF-8 file, read and yielded a line at a time (each
    line with its LF), so that a file of any size streams (a LF ends no CRLF nor NFC
    sequence, so line by line is the same as the whole text at once)."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle):
            text = raw.decode("utf-8")
            if number == 0 and text.startswith("\ufeff"):
                text = text[1:]
            text = _line_breaks_and_nfc(text)  # a lone CR becomes a LF: split again
            start = 0
            while start < len(text):
                end = text.find("\n", start)
                end = len(text) if end < 0 else end + 1
                yield text[start:end]
                start = end


def decode_article_bytes(data: bytes, name: str) -> str:
    """Validate raw bytes as a plain-text UTF-8 article and return the normalized text."""
    if len(data) > MAX_FILE_BYTES:
        raise ArticleTooLargeError(
            f"{name}: {len(data):,} bytes is over the {MAX_FILE_BYTES // 2**20} MB limit; "
            "split the file or check that it is really one article"
        )
    nul_at = data.find(b"\x00")
    if nul_at >= 0:
        raise BinaryArticleError(
            f"{name}: contains NUL bytes (first at byte offset {nul_at}), so it is binary, "
            "not text; export the article as a UTF-8 .txt file"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleEncodingError(
            f"{name}: not valid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x}); "
            f"re-encode it, e.g. iconv -f WINDOWS-1252 -t UTF-8 {name} > fixed.txt"
        ) from None
    text = normalize_text(text)
    if not text.strip():
        raise EmptyArticleError(f"{name}: the file is empty or whitespace only; add the text")
    match = HTML_MARKUP.search(text)
    if match:
        raise HtmlArticleError(
            f"{name}: looks like HTML ({match.group(0)!r} at character {match.start()}); "
            "rename it to .html for corpus add to extract its text, or save the plain text"
        )
    return text


def read_article_text(path: str | Path) -> str:
    """Read an article file: UTF-8, BOM dropped, CRLF/CR -> LF. Raises :class:`CorpusError`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            # Never read a huge file just to reject it.
            raise ArticleTooLargeError(
                f"{path}: {size:,} bytes is over the {MAX_FILE_BYTES // 2**20} MB limit; "
                "split the file or check that it is really one article"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissingArticleFileError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a folder, not an article file") from None
    except PermissionError:
        raise CorpusError(f"{path}: permission denied; make the file readable") from None
    return decode_article_bytes(data, str(path))
