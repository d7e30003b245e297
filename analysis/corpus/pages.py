"""A web page (downloaded, or saved by a browser) to an article: main text and metadata.

* **Main text and metadata** come from trafilatura, which drops navigation, cookie
  banners, related links, bylines and footers, and reads title, site name and the
  canonical URL (``<link rel=canonical>``, ``og:url``). Its text has one paragraph per
  line, which the sentence splitter treats as a boundary.
* **Publication date.** First what trafilatura finds in the page's structured metadata
  (JSON-LD ``datePublished``, ``article:published_time``, ``<time>`` elements, the URL);
  only if there is none, htmldate's extensive search of the page text, which can guess
  wrong, so the catalog notes say so. ``--published`` always wins.
* **Language.** What the page says (``<html lang>``, ``content-language``, ``og:locale``,
  JSON-LD ``inLanguage``); only if it says nothing, py3langid on the main text (a small
  offline model; a guess under :data:`MIN_LANGUAGE_PROBABILITY` is refused and
  ``--language`` asked for). ``--language`` always wins.

A page without main text (a section front, a login wall, an error page) is refused as
"not an article". Saved pages may be ``.html``/``.htm``/``.xhtml`` files, gzip-compressed
(``.html.gz``, as the corpus keeps them in ``seeds/html/``) or single-file web archives
(``.mhtml``/``.mht``, Chrome's "Webpage, single file").
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import functools
import gzip
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from analysis.core.errors import CorpusError
from analysis.corpus.text import normalize_text

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".mhtml", ".mht")
# The longest page read, before decompression (saved file or download). News pages with
# inline scripts and styles reach a few MB; anything far larger is not one article.
MAX_PAGE_BYTES = 10 * 1024 * 1024
# Shorter main text than this is a teaser, a caption or an error message, not an article.
MIN_ARTICLE_CHARS = 200
MIN_LANGUAGE_PROBABILITY = 0.9


class PageError(CorpusError):
    """A page cannot become an article (no main text, unreadable, no date, no language)."""


class NotAnArticleError(PageError):
    """trafilatura found no main text in the page."""


class PageTooLargeError(PageError):
    """The page is over :data:`MAX_PAGE_BYTES`."""


class NoPublicationDateError(PageError):
    """Neither the page nor the user gives a publication date."""


class UnknownLanguageError(PageError):
    """The page does not state its language and the detector is unsure."""


@dataclass(frozen=True)
class Page:
    """What a page yields: its main text (normalized) and the metadata found in it."""

    text: str
    title: str
    site_name: str
    canonical_url: str
    published: dt.date | None
    date_from_text: bool  # the date is htmldate's guess from the page text
    language: str | None
    language_detected: float | None  # py3langid's probability when the page did not say


def is_page_path(path: Path) -> bool:
    """Whether ``path`` names a saved web page (by suffix, ``.gz`` looked through)."""
    name = path.name.lower()
    name = name[:-3] if name.endswith(".gz") else name
    return name.endswith(HTML_SUFFIXES)


def read_saved_page(path: Path) -> tuple[bytes, str]:
    """The HTML of a saved page and the URL it was saved from, if the file records it."""
    try:
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise PageTooLargeError(
                f"{path}: {size:,} bytes is over the {MAX_PAGE_BYTES // 2**20} MB page limit; "
                "is it really one article?"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise PageError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise PageError(f"{path}: is a folder; give the saved page's .html file") from None
    except PermissionError:
        raise PageError(f"{path}: permission denied; make the file readable") from None
    if path.name.lower().endswith(".gz"):
        data = _gunzip(data, path)
    if path.name.lower().removesuffix(".gz").endswith((".mhtml", ".mht")):
        return _html_from_mhtml(data, path)
    return data, ""


def _gunzip(data: bytes, path: Path) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_PAGE_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise PageError(f"{path}: not a readable gzip file ({exc}); decompress it first") from None
    if len(out) > MAX_PAGE_BYTES:
        raise PageTooLargeError(f"{path}: over the {MAX_PAGE_BYTES // 2**20} MB page limit "
                                "when decompressed")
    return out


def _html_from_mhtml(data: bytes, path: Path) -> tuple[bytes, str]:
    """The first text/html part of a web archive (MIME multipart), re-encoded as UTF-8."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_content()
            html = html.encode("utf-8") if isinstance(html, str) else html
            location = part.get("Content-Location") or message.get("Snapshot-Content-Location")
            return html, str(location or "")
    raise PageError(f"{path}: a web archive without an HTML part; save the page as HTML")


def parse_page(html: bytes | str, name: str, url: str = "") -> Page:
    """Main text and metadata of a page; ``name`` (file or URL) is used in messages."""
    import warnings

    from urllib3.exceptions import DependencyWarning

    with warnings.catch_warnings():
        # trafilatura probes urllib3's optional SOCKS support (PySocks); we do not use it.
        warnings.simplefilter("ignore", DependencyWarning)
        import trafilatura
    from trafilatura.utils import load_html

    size = len(html)
    if size > MAX_PAGE_BYTES:
        raise PageTooLargeError(
            f"{name}: {size:,} bytes is over the {MAX_PAGE_BYTES // 2**20} MB page limit"
        )
    tree = load_html(html)  # read only here; trafilatura parses (and prunes) its own copy
    if tree is None:
        raise NotAnArticleError(f"{name}: not an article: the page holds no readable HTML")
    today = dt.datetime.now(dt.UTC).date()
    document = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False,
        include_tables=False, deduplicate=False,
        # Structured metadata only; the extensive text search is the fallback below.
        date_extraction_params={"extensive_search": False, "original_date": True,
                                "max_date": today.isoformat(), "outputformat": "%Y-%m-%d"},
    )
    text = normalize_text(document.text or "").strip() if document is not None else ""
    if len(text) < MIN_ARTICLE_CHARS:
        raise NotAnArticleError(
            f"{name}: not an article: no main text found ({len(text)} characters of text "
            "outside navigation and boilerplate)"
        )
    published, from_text = _iso_date(document.date), False
    if published is None:
        published, from_text = _date_from_text(tree, url, today), True
    language, probability = _declared_language(tree), None
    if language is None:
        language, probability = detect_language(text)
    return Page(
        text=text,
        title=_clean(document.title),
        site_name=_clean(document.sitename),
        canonical_url=_absolute(_clean(document.url), url),
        published=published,
        date_from_text=from_text and published is not None,
        language=language,
        language_detected=probability,
    )


def _absolute(found: str, base: str) -> str:
    """A canonical URL as an absolute http(s) URL ('' if the page's is unusable)."""
    from urllib.parse import urljoin, urlsplit

    absolute = urljoin(base, found) if found and base else found
    parts = urlsplit(absolute)
    return absolute if parts.scheme in ("http", "https") and parts.hostname else ""


def _clean(value: str | None) -> str:
    return " ".join(normalize_text(value or "").split())


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _date_from_text(tree: object, url: str, today: dt.date) -> dt.date | None:
    from htmldate import find_date

    found = find_date(tree, url=url or None, extensive_search=True, original_date=True,
                      outputformat="%Y-%m-%d", max_date=today.isoformat())
    return _iso_date(found)


_LANGUAGE_CODE = re.compile(r"\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*\Z")


def _code(value: object) -> str | None:
    match = _LANGUAGE_CODE.match(value) if isinstance(value, str) else None
    return match.group(1).lower() if match else None


def _declared_language(tree: object) -> str | None:
    """The page's own statement of its language, ISO 639-1, or None."""
    xpaths = (
        "/html/@lang", "/html/@xml:lang",
        "//meta[translate(@http-equiv,'CONTENTLAGU','contentlagu')='content-language']/@content",
        "//meta[@property='og:locale']/@content",
    )
    for xpath in xpaths:
        for value in tree.xpath(xpath):  # type: ignore[attr-defined]
            if code := _code(str(value)):
                return code
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):  # type: ignore[attr-defined]
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and (code := _code(item.get("inLanguage"))):
                return code
    return None


@functools.cache
def _identifier():  # noqa: ANN202 (py3langid has no type hints)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """py3langid's language of ``text`` (ISO 639-1) and its probability; None if unsure."""
    language, probability = _identifier().classify(text[:20000])
    probability = float(probability)
    return (language if probability >= MIN_LANGUAGE_PROBABILITY else None), probability
