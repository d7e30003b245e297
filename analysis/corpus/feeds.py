"""The feeds ``corpus fetch`` follows (``data/feeds.toml``) and reading one feed.

The file (TOML) has a ``[fetch]`` table of politeness settings, a ``[keywords]`` table of
keyword lists per language, and one ``[[feeds]]`` table per feed::

    [[feeds]]
    name = "Tagesschau"                       # shown in the summary
    url = "https://www.tagesschau.de/xml/rss2/"
    language = "de"                           # picks [keywords].de; pages say their own
    outlet = "tagesschau.de"                  # when a page names no site
    keywords = ["Nordkorea", "Kursk"]         # optional: replaces [keywords].<language>;
                                              # [] takes every entry

An entry is kept when a keyword starts a word of its title, summary or tags, ignoring
case ("Nordkorea" matches "nordkoreanische"; "North Korean troops" matches across line
breaks). Feeds are read with feedparser (RSS 0.9x-2.0, Atom, RDF); a feed it cannot parse
at all is skipped with its reason, one with minor errors (a wrong encoding declaration)
is read as far as possible.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from analysis.core.errors import CorpusError
from analysis.corpus.catalog import validate_language
from analysis.corpus.download import Politeness
from analysis.corpus.identity import check_web_url

_TAG = re.compile(r"<[^>]+>")
_SETTINGS = {f.name: f.type for f in fields(Politeness)}
_FEED_KEYS = {"name", "url", "language", "outlet", "keywords"}


class FeedsFileError(CorpusError):
    """``feeds.toml`` is missing, not TOML, or has a bad value."""


class FeedError(CorpusError):
    """One feed cannot be read (its entries are skipped; the run goes on)."""


@dataclass(frozen=True)
class Feed:
    name: str
    url: str
    language: str | None
    outlet: str
    keywords: tuple[str, ...]  # empty: every entry

    def matches(self, text: str) -> bool:
        """Whether ``text`` (an entry's title, summary and tags) holds one of the keywords."""
        return not self.keywords or any(_keyword_pattern(k).search(text) for k in self.keywords)


@dataclass(frozen=True)
class FeedsConfig:
    feeds: tuple[Feed, ...]
    politeness: Politeness
    max_articles: int | None


@dataclass(frozen=True)
class Entry:
    """One feed entry: its link (may be empty), title, date, and the text to filter on."""

    feed: Feed
    link: str
    title: str
    published: dt.date | None
    text: str


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in keyword.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words), re.IGNORECASE)


def load_feeds(path: Path) -> FeedsConfig:
    """Read and validate ``feeds.toml``; every problem is one line naming file and key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FeedsFileError(f"{path}: feeds file not found; copy data/feeds.toml or give "
                             "--feeds FILE") from None
    except (UnicodeDecodeError, IsADirectoryError, PermissionError) as exc:
        raise FeedsFileError(f"{path}: cannot read it ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise FeedsFileError(f"{path}: not valid TOML ({exc}); fix that line") from None
    unknown = set(data) - {"fetch", "keywords", "feeds"}
    if unknown:
        raise FeedsFileError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}; "
                             "allowed: [fetch], [keywords], [[feeds]]")
    settings = dict(data.get("fetch", {}))
    max_articles = settings.pop("max_articles", None)
    if max_articles is not None and (not isinstance(max_articles, int) or max_articles < 1):
        raise FeedsFileError(f"{path}: [fetch] max_articles must be a positive whole number")
    politeness = Politeness(**{k: _setting(path, k, v) for k, v in settings.items()})
    keywords = data.get("keywords", {})
    if not isinstance(keywords, dict):
        raise FeedsFileError(f"{path}: [keywords] must be a table of lists, e.g. de = [...]")
    defaults = {lang: _keywords(path, f"[keywords] {lang}", words)
                for lang, words in keywords.items()}
    raw_feeds = data.get("feeds", [])
    if not isinstance(raw_feeds, list) or not raw_feeds:
        raise FeedsFileError(f"{path}: no [[feeds]] table; add at least one feed (see README)")
    feeds = tuple(_feed(path, n, raw, defaults) for n, raw in enumerate(raw_feeds, start=1))
    return FeedsConfig(feeds=feeds, politeness=politeness, max_articles=max_articles)


def _setting(path: Path, key: str, value: object) -> object:
    if key not in _SETTINGS:
        allowed = ", ".join([*_SETTINGS, "max_articles"])
        raise FeedsFileError(f"{path}: unknown setting [fetch] {key}; allowed: {allowed}")
    wanted = str(_SETTINGS[key])
    ok = (isinstance(value, str) and value.strip()) if wanted == "str" else (
        isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        and (wanted != "int" or isinstance(value, int))
    )
    if not ok:
        kind = "text" if wanted == "str" else "a number >= 0"
        raise FeedsFileError(f"{path}: [fetch] {key} = {value!r} must be {kind}")
    return value


def _keywords(path: Path, where: str, words: object) -> tuple[str, ...]:
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise FeedsFileError(f"{path}: {where} must be a list of non-empty strings")
    return tuple(w.strip() for w in words)


def _feed(path: Path, number: int, raw: object, defaults: dict[str, tuple[str, ...]]) -> Feed:
    where = f"{path}: feed {number}"
    if not isinstance(raw, dict):
        raise FeedsFileError(f"{where} must be a [[feeds]] table")
    unknown = set(raw) - _FEED_KEYS
    if unknown:
        raise FeedsFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: "
                             f"{', '.join(sorted(_FEED_KEYS))}")
    name = str(raw.get("name") or f"feed {number}")
    url = raw.get("url")
    if not isinstance(url, str) or not url.strip():
        raise FeedsFileError(f"{where} ({name}) has no url; add url = \"https://...\"")
    try:
        url = check_web_url(url)
    except CorpusError as exc:
        raise FeedsFileError(f"{where} ({name}): {exc}") from None
    language = raw.get("language")
    if language is not None:
        try:
            language = validate_language(str(language), f"{where} ({name})")
        except CorpusError as exc:
            raise FeedsFileError(str(exc)) from None
    if "keywords" in raw:
        keywords = _keywords(path, f"feed {number} ({name}) keywords", raw["keywords"])
    elif language in defaults:
        keywords = defaults[language]
    else:
        keywords = tuple(dict.fromkeys(w for words in defaults.values() for w in words))
    return Feed(name=name, url=url, language=language, outlet=str(raw.get("outlet") or ""),
                keywords=keywords)


def parse_feed(feed: Feed, body: bytes) -> list[Entry]:
    """The entries of a downloaded feed; :class:`FeedError` if it is no feed at all."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries:
        if parsed.get("bozo"):
            problem = str(parsed.get("bozo_exception", "unreadable"))[:100]
            raise FeedError(f"{feed.url}: malformed feed ({problem})")
        if not parsed.get("version"):
            raise FeedError(f"{feed.url}: not an RSS or Atom feed")
        return []
    return [_entry(feed, item) for item in parsed.entries]


def _entry(feed: Feed, item: dict) -> Entry:
    link = str(item.get("link") or "").strip()
    title = " ".join(str(item.get("title") or "").split())
    summary = _TAG.sub(" ", str(item.get("summary") or ""))
    tags = " ".join(str(t.get("term") or "") for t in item.get("tags") or [])
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    published = dt.date(*stamp[:3]) if stamp else None
    return Entry(feed=feed, link=link, title=title, published=published,
                 text=f"{title}\n{summary}\n{tags}")
