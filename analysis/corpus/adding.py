"""Adding an article to the corpus: validate, check for duplicates, write, catalog.

Every add is prepared first (file read, page parsed, metadata decided: nothing written)
and then committed in one step (:func:`commit`) that

* holds the catalog lock (``seeds/.catalog.csv.lock``, :func:`catalog_lock`), so that
  concurrent ``corpus add`` / ``corpus fetch`` runs each see the other's rows and none is
  lost;
* re-reads the catalog under the lock and refuses a duplicate: the same URL (by
  :func:`~analysis.corpus.identity.url_key`, against each row's ``url`` and the URLs
  recorded in ``seeds/duplicates.csv``) or the same text (by
  :func:`~analysis.corpus.identity.text_fingerprint`), naming the article it duplicates;
  a duplicate page's URLs are recorded in ``duplicates.csv`` so that the next fetch
  recognises them without downloading;
* writes ``seeds/<id>.txt``, ``seeds/html/<id>.html.gz`` (the original page, for pages)
  and the catalog, each atomically, with Ctrl-C / SIGTERM held back until all three are
  in place (:func:`deferred_interrupts`): an interrupted run leaves the corpus as it was
  before or after the article, never in between.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from analysis.core import paths
from analysis.core.atomic import atomic_write_bytes, atomic_write_text
from analysis.core.errors import CorpusError
from analysis.core.languages import lexicon_languages
from analysis.corpus import catalog as corpus
from analysis.corpus.identity import id_for_url, slug, text_fingerprint, url_key
from analysis.corpus.pages import NoPublicationDateError, Page, UnknownLanguageError
from analysis.corpus.text import read_article_text

LOCK_NAME = ".catalog.csv.lock"
DUPLICATES_NAME = "duplicates.csv"
DUPLICATES_COLUMNS = ("url", "duplicate_of", "reason", "seen_at")
HTML_DIR = "html"
# How long an add waits for another add or fetch to finish writing the catalog.
LOCK_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class Overrides:
    """What the user stated on the command line; wins over what a page says."""

    article_id: str | None = None
    published: str | None = None
    language: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class NewArticle:
    """An article ready to commit: validated metadata and the bytes to write."""

    origin: str  # what the user gave (file or URL), for messages
    row: dict[str, str]  # the catalog row
    text: str  # normalized text (for the fingerprint)
    data: bytes  # the bytes of seeds/<id>.txt
    html: bytes | None = None  # the original page (stored gzip-compressed)
    url_keys: tuple[str, ...] = ()
    notes_for_user: tuple[str, ...] = field(default=())

    @property
    def article_id(self) -> str:
        return self.row["id"]


@dataclass(frozen=True)
class AddResult:
    """What :func:`commit` did: ``added``, ``replaced`` or ``duplicate`` (of ``article_id``)."""

    status: str
    article_id: str
    reason: str = ""
    article: corpus.Article | None = None
    no_lexicon: bool = False  # added, but its language has no lexicon: no claims extracted


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --- preparing --------------------------------------------------------------------------


def prepare_text_file(path: Path, meta: Overrides, *, fetched_at: str = "") -> NewArticle:
    """A plain-text article file: its bytes are kept unchanged (loading normalizes them)."""
    where = str(path)
    article_id = corpus.validate_id(meta.article_id or path.stem,
                                    f"{where} (use --id to choose one)")
    if not meta.published:
        raise corpus.CatalogValueError(f"{where}: a text file carries no date; give "
                                       "--published YYYY-MM-DD")
    if not meta.language:
        raise corpus.CatalogValueError(f"{where}: give --language (ISO 639-1, e.g. de or en)")
    published = corpus.parse_published(meta.published, where)
    language = corpus.validate_language(meta.language, where)
    text = read_article_text(path)  # validates size, NULs, UTF-8, emptiness, HTML
    row = _row(article_id, meta.title or "", meta.outlet or "", meta.url or "", published,
               language, meta.notes or "", "file", fetched_at or now_utc())
    return NewArticle(origin=where, row=row, text=text, data=path.read_bytes(),
                      url_keys=tuple(k for k in [url_key(meta.url or "")] if k))


def prepare_page(
    page: Page, html: bytes, meta: Overrides, *, origin: str, source: str,
    urls: tuple[str, ...] = (), fallback_published: dt.date | None = None,
    fallback_outlet: str = "", fallback_id: str = "", fetched_at: str = "",
) -> NewArticle:
    """A parsed page; ``urls`` are where it was fetched from (requested, final)."""
    published = meta.published or page.published or fallback_published
    if not published:
        raise NoPublicationDateError(
            f"{origin}: no publication date found in the page (metadata, JSON-LD, URL or "
            "text); give it with --published YYYY-MM-DD"
        )
    published = corpus.parse_published(
        published if isinstance(published, str) else published.isoformat(), origin
    )
    language = meta.language or page.language
    if not language:
        raise UnknownLanguageError(
            f"{origin}: the page does not state its language and the detector is unsure; "
            "give it with --language (ISO 639-1, e.g. de or en)"
        )
    language = corpus.validate_language(language, origin)
    url = meta.url or page.canonical_url or (urls[-1] if urls else "")
    article_id = meta.article_id or (id_for_url(url) if url else fallback_id or "page")
    article_id = corpus.validate_id(article_id, f"{origin} (use --id to choose one)")
    notes = [meta.notes] if meta.notes else []
    if not meta.published and page.published is None and fallback_published:
        notes.append("published: the feed entry's date (the page states none)")
    elif not meta.published and page.date_from_text:
        notes.append("published: guessed from the page text by htmldate; check it")
    if not meta.language and page.language_detected is not None:
        notes.append(f"language: detected by py3langid (p={page.language_detected:.2f})")
    outlet = meta.outlet or page.site_name or fallback_outlet or _host(url)
    row = _row(article_id, meta.title or page.title, outlet, url, published, language,
               "; ".join(notes), source, fetched_at or now_utc())
    keys = {url_key(u) for u in (*urls, page.canonical_url, meta.url or "")} - {""}
    return NewArticle(origin=origin, row=row, text=page.text,
                      data=(page.text + "\n").encode("utf-8"), html=html,
                      url_keys=tuple(sorted(keys)))


def archived_row(path: Path, seeds_dir: Path | None = None) -> dict[str, str] | None:
    """The catalog row whose kept page ``path`` is (``seeds/html/<id>.html.gz``), if any.

    Adding that file again (with ``--replace``) re-extracts the text and keeps the row's
    metadata and provenance.
    """
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR)
    if path.parent.resolve() != (seeds_dir / HTML_DIR).resolve() or \
            not path.name.endswith(".html.gz"):
        return None
    article_id = path.name.removesuffix(".html.gz")
    return next((r for r in corpus.read_catalog(seeds_dir) if r["id"] == article_id), None)


def saved_page_id(path: Path) -> str:
    """Default id of a saved page without a URL: its file name, made a safe id."""
    name = path.name.lower()
    for suffix in (".gz", ".mhtml", ".mht", ".xhtml", ".html", ".htm"):
        name = name.removesuffix(suffix)
    return slug(name) or "page"


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "") if url else ""


def _row(article_id: str, title: str, outlet: str, url: str, published: dt.date,
         language: str, notes: str, source: str, fetched_at: str) -> dict[str, str]:
    return {
        "id": article_id, "file": f"{article_id}.txt", "title": title, "outlet": outlet,
        "url": url, "published": published.isoformat(), "language": language, "notes": notes,
        "source": source, "fetched_at": fetched_at,
    }


# --- locking and interrupts -------------------------------------------------------------


@contextmanager
def catalog_lock(seeds_dir: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold the catalog's file lock (filelock: fcntl on POSIX, also across processes)."""
    from filelock import FileLock, Timeout

    if not seeds_dir.is_dir():
        raise corpus.CatalogError(f"{seeds_dir}: no such seeds folder; create it with a "
                                  f"catalog.csv ({','.join(corpus.CATALOG_COLUMNS)})")
    lock = FileLock(seeds_dir / LOCK_NAME, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise CorpusError(
            f"{seeds_dir / LOCK_NAME}: another corpus add or fetch has held the catalog for "
            f"{timeout:.0f} s; wait for it to finish and try again"
        ) from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM until the block is done, then act on them.

    Only the main thread can set signal handlers; elsewhere the block runs unprotected.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _frame: received.append(signum))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if received:
            signal.raise_signal(received[0])  # SIGINT: KeyboardInterrupt from here


# --- duplicates ---------------------------------------------------------------------------

# Fingerprints of catalogued texts, keyed by (path, size, mtime): a fetch commits many
# articles, and each commit compares with every text the corpus holds.
_FINGERPRINTS: dict[tuple[str, int, int], str] = {}


def _stored_fingerprint(path: Path, title: str) -> str | None:
    try:
        stat = path.stat()
        key = (f"{path}\0{title}", stat.st_size, stat.st_mtime_ns)
        if key not in _FINGERPRINTS:
            _FINGERPRINTS[key] = text_fingerprint(read_article_text(path), title)
        return _FINGERPRINTS[key]
    except (OSError, CorpusError):
        return None  # a broken file is corpus check's business, not a duplicate


@dataclass
class CorpusIndex:
    """URL keys and text fingerprints of the corpus, to recognise duplicates."""

    urls: dict[str, tuple[str, str]]  # url key -> (article id, reason)
    texts: dict[str, str]  # fingerprint -> article id
    ids: frozenset[str]

    @classmethod
    def build(cls, seeds_dir: Path, rows: list[dict[str, str]] | None = None,
              exclude: str | None = None) -> CorpusIndex:
        rows = corpus.read_catalog(seeds_dir) if rows is None else rows
        ids = frozenset(r["id"] for r in rows)
        urls: dict[str, tuple[str, str]] = {}
        for record in read_duplicates(seeds_dir):
            if record["duplicate_of"] in ids and record["duplicate_of"] != exclude:
                urls[url_key(record["url"])] = (
                    record["duplicate_of"],
                    f"recorded on {record['seen_at'][:10]} as a copy ({record['reason']})",
                )
        texts: dict[str, str] = {}
        for row in rows:
            if row["id"] == exclude:
                continue
            if key := url_key(row["url"]):
                urls[key] = (row["id"], "same URL")
            fingerprint = _stored_fingerprint(seeds_dir / row["file"], row["title"])
            if fingerprint:
                texts.setdefault(fingerprint, row["id"])
        return cls(urls=urls, texts=texts, ids=ids)

    def known_url(self, *urls: str) -> tuple[str, str] | None:
        """(article id, reason) if one of ``urls`` is in the corpus or recorded as a copy."""
        for url in urls:
            if (key := url_key(url)) and key in self.urls:
                return self.urls[key]
        return None

    def duplicate_of(self, new: NewArticle) -> tuple[str, str] | None:
        found = self.known_url(*new.url_keys)
        if found:
            return found
        same_text = self.texts.get(text_fingerprint(new.text, new.row["title"]))
        return (same_text, "same text under another URL") if same_text else None


def read_duplicates(seeds_dir: Path) -> list[dict[str, str]]:
    """The recorded copies (``seeds/duplicates.csv``); none if the file is missing."""
    path = seeds_dir / DUPLICATES_NAME
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: unreadable ({exc}); fix or delete it (it only speeds up "
                          "duplicate checks)") from None
    reader = csv.DictReader(io.StringIO(content))
    return [{c: (r.get(c) or "").strip() for c in DUPLICATES_COLUMNS} for r in reader
            if r.get("url") and r.get("duplicate_of")]


def _record_duplicate(seeds_dir: Path, new: NewArticle, of: str, reason: str) -> None:
    known = {url_key(r["url"]) for r in read_duplicates(seeds_dir)}
    fresh = [k for k in new.url_keys if k not in known]
    if not fresh:
        return
    records = read_duplicates(seeds_dir)
    stamp = new.row.get("fetched_at") or now_utc()
    records += [{"url": k, "duplicate_of": of, "reason": reason, "seen_at": stamp}
                for k in fresh]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=DUPLICATES_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    atomic_write_text(seeds_dir / DUPLICATES_NAME, buffer.getvalue())


# --- committing ---------------------------------------------------------------------------


def commit(new: NewArticle, seeds_dir: Path | None = None, *, replace: bool = False
           ) -> AddResult:
    """Add ``new`` to the corpus unless it is a duplicate (see the module docstring)."""
    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR)
    article_id = new.article_id
    with catalog_lock(seeds_dir), deferred_interrupts():
        rows = corpus.read_catalog(seeds_dir)
        existing = [r for r in rows if r["id"] == article_id]
        index = CorpusIndex.build(seeds_dir, rows, exclude=article_id if replace else None)
        duplicate = index.duplicate_of(new)
        if duplicate:
            if new.html is not None and duplicate[0] != article_id:
                _record_duplicate(seeds_dir, new, *duplicate)
            return AddResult("duplicate", duplicate[0], duplicate[1])
        if existing and not replace:
            raise corpus.DuplicateIdError(
                f"{existing[0]['_where']}: id {article_id!r} already exists; pass --replace to "
                "overwrite it or --id to add it under another id"
            )
        clash = [r for r in rows if r["file"] == new.row["file"] and r["id"] != article_id]
        if clash:
            raise corpus.DuplicateIdError(f"{clash[0]['_where']}: file {new.row['file']!r} "
                                          f"already belongs to id {clash[0]['id']!r}")
        _write_article(new, rows, seeds_dir, replaced=bool(existing))
    article = corpus.Article(
        id=article_id, file=new.row["file"], title=new.row["title"], outlet=new.row["outlet"],
        url=new.row["url"], published=dt.date.fromisoformat(new.row["published"]),
        language=new.row["language"], notes=new.row["notes"],
        text=read_article_text(seeds_dir / new.row["file"]), source=new.row["source"],
        fetched_at=new.row["fetched_at"],
    )
    return AddResult("replaced" if existing else "added", article_id, article=article,
                     no_lexicon=article.language not in lexicon_languages())


def _write_article(new: NewArticle, rows: corpus.Catalog, seeds_dir: Path, *,
                   replaced: bool) -> None:
    targets = [seeds_dir / new.row["file"]]
    if new.html is not None:
        targets.append(seeds_dir / HTML_DIR / f"{new.article_id}.html.gz")
    created = [t for t in targets if not t.exists()]
    try:
        atomic_write_bytes(targets[0], new.data)
        if new.html is not None:
            atomic_write_bytes(targets[1], gzip.compress(new.html, mtime=0))
        updated = [new.row if r["id"] == new.article_id else r for r in rows]
        if not replaced:
            updated.append(new.row)
        corpus.write_catalog(updated, rows.header, seeds_dir / "catalog.csv")
    except BaseException:
        for target in created:  # no row for them: take them away again
            target.unlink(missing_ok=True)
        raise
    if replaced and new.html is None:  # a page replaced by a text file: its page is stale
        (seeds_dir / HTML_DIR / f"{new.article_id}.html.gz").unlink(missing_ok=True)
