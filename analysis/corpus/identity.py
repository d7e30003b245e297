"""When two articles are the same: URL keys, text fingerprints, and ids for new articles.

* **URL key**: courlan's normalisation (lower-case scheme and host, default port and
  fragment dropped, tracking parameters such as ``utm_*`` removed, query sorted), so
  ``HTTPS://Example.org:443/a?utm_source=rss#top`` and ``https://example.org/a`` match.
* **Text fingerprint**: a SHA-256 of the main text's paragraphs (lines of at least
  :data:`PARAGRAPH_WORDS` words) with case, punctuation and white space folded away, so
  that the same wire story under another URL, with another page layout, headline, kicker,
  byline or copyright line, is recognised as the article the corpus already holds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from analysis.core.errors import CorpusError

_WORDS = re.compile(r"\w+")
# A line of at least this many words is a paragraph of the story (see text_fingerprint).
PARAGRAPH_WORDS = 10
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


class UrlError(CorpusError):
    """A URL that cannot be fetched (not http(s), no host)."""


def check_web_url(url: str) -> str:
    """``url`` stripped, if it is an http(s) URL with a host; else a one-line error."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UrlError(f"{url!r} is not an http(s) URL; give a full address such as "
                       "https://example.org/article")
    return url


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_web_url(value: str) -> bool:
    """Whether ``value`` is meant as a URL (``scheme://...``), not a file name."""
    return _SCHEME.match(value.strip()) is not None


def url_key(url: str) -> str:
    """The normalised form of ``url`` duplicates are compared by ('' for no URL)."""
    from courlan import normalize_url

    url = (url or "").strip()
    if not url:
        return ""
    try:
        return normalize_url(url, strict=True)
    except ValueError:  # courlan refuses some malformed URLs (bad port, bad IPv6)
        return url


def _words(text: str) -> list[str]:
    return _WORDS.findall(unicodedata.normalize("NFC", text).casefold())


def text_fingerprint(text: str, title: str = "") -> str:
    """Hash of the normalised main text (see the module docstring)."""
    title_words = _words(title)
    lines = [words for line in text.splitlines() if (words := _words(line))
             and words != title_words]
    # Paragraphs, not the short lines around them (kicker, headline, byline, dateline,
    # copyright), which differ between two outlets printing the same wire story.
    body = [words for words in lines if len(words) >= PARAGRAPH_WORDS] or lines
    return hashlib.sha256(" ".join(w for words in body for w in words).encode()).hexdigest()


def slug(value: str, limit: int = 60) -> str:
    """ASCII, lower-case, ``-`` between words: a readable part of an id."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return _SLUG_JUNK.sub("-", ascii_text.lower()).strip("-")[:limit].strip("-")


def id_for_url(url: str) -> str:
    """An id for an article from ``url``: the last path segment, plus a hash of the URL key.

    ``https://example.org/politik/nordkorea-truppen-100.html`` ->
    ``nordkorea-truppen-100_1a2b3c4d``.
    """
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    stem = segments[-1].rsplit(".", 1)[0] if segments else ""
    readable = slug(stem) or slug(parts.hostname or "") or "page"
    digest = hashlib.sha256(url_key(url).encode("utf-8")).hexdigest()[:8]
    return f"{readable}_{digest}"
