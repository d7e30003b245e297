"""``corpus fetch``: follow the feeds, download what is new, add each article atomically.

For every feed of ``data/feeds.toml``: download and parse it; keep the entries whose
title, summary or tags hold a keyword (and, with ``--since``, that are not older);
normalise their links (courlan) and drop those the corpus already has (by URL, or
recorded as a copy); then download each page politely (:mod:`.download`), extract it
(:mod:`.pages`) and commit it (:func:`analysis.corpus.adding.commit`), which recognises
a syndicated copy of an article already held by its text. A failure of one feed or one
page is a line in the summary and never stops the run; Ctrl-C stops it between two
articles, keeping every article added so far.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import CorpusError
from analysis.corpus import adding
from analysis.corpus.download import Downloader, DownloadError
from analysis.corpus.feeds import Entry, FeedError, FeedsConfig, parse_feed
from analysis.corpus.identity import url_key
from analysis.corpus.pages import (
    NoPublicationDateError,
    NotAnArticleError,
    PageTooLargeError,
    UnknownLanguageError,
    parse_page,
)


@dataclass
class FetchSummary:
    """What a fetch did; :meth:`line` is the summary printed at the end."""

    added: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, str]] = field(default_factory=list)  # url, of id, reason
    skipped: list[tuple[str, str]] = field(default_factory=list)  # url, reason
    no_lexicon: list[str] = field(default_factory=list)
    off_topic: int = 0
    older: int = 0
    interrupted: bool = False

    def skip(self, url: str, reason: str) -> None:
        self.skipped.append((url, reason))

    def line(self) -> str:
        reasons = Counter(reason for _, reason in self.skipped)
        shown = ", ".join(f"{reason}: {n}" for reason, n in sorted(reasons.items()))
        text = (f"fetch: {len(self.added)} new, {len(self.duplicates)} duplicate, "
                f"{len(self.skipped)} skipped" + (f" ({shown})" if shown else ""))
        if self.no_lexicon:
            text += (f"; {len(self.no_lexicon)} new in a language without lexicon "
                     "(no claims extracted)")
        text += f"; {self.off_topic} entries without a keyword"
        if self.older:
            text += f", {self.older} older than --since"
        return text + ("; interrupted" if self.interrupted else "")


def _reason(exc: CorpusError) -> str:
    if isinstance(exc, DownloadError):
        return exc.reason
    for kind, reason in ((NotAnArticleError, "not an article (no main text)"),
                         (PageTooLargeError, "over the size limit"),
                         (NoPublicationDateError, "no publication date"),
                         (UnknownLanguageError, "language unknown")):
        if isinstance(exc, kind):
            return reason
    return "refused (" + str(exc).rsplit(": ", 1)[-1][:80] + ")"


def _feed_entries(config: FeedsConfig, downloader: Downloader, summary: FetchSummary,
                  say: Callable[[str], None]) -> list[Entry]:
    entries = []
    for feed in config.feeds:
        try:
            body = downloader.fetch_feed(feed.url).body
            found = parse_feed(feed, body)
        except (DownloadError, FeedError) as exc:
            reason = f"feed {exc.reason}" if isinstance(exc, DownloadError) else "malformed feed"
            summary.skip(feed.url, reason)
            say(f"skipped feed {feed.name}: {exc}")
            continue
        entries.extend(found)
    return entries


def _candidates(entries: list[Entry], index: adding.CorpusIndex, since: dt.date | None,
                summary: FetchSummary, say: Callable[[str], None]) -> list[Entry]:
    """Entries worth downloading: on topic, new, not older than ``since``, each URL once."""
    chosen, seen = [], set()
    for entry in entries:
        if not entry.link:
            summary.skip(f"{entry.feed.url} ({entry.title[:40]!r})", "feed entry without link")
            continue
        if not entry.feed.matches(entry.text):
            summary.off_topic += 1
            continue
        if since and entry.published and entry.published < since:
            summary.older += 1
            continue
        if not entry.link.lower().startswith(("http://", "https://")):
            summary.skip(entry.link, "not an http(s) link")
            continue
        key = url_key(entry.link)
        if key in seen:
            continue  # the same article in two feeds
        seen.add(key)
        known = index.known_url(entry.link)
        if known:
            summary.duplicates.append((entry.link, *known))
            continue
        chosen.append(entry)
    return chosen


def _fetch_one(entry: Entry, downloader: Downloader, index: adding.CorpusIndex,
               seeds_dir: Path, since: dt.date | None, summary: FetchSummary,
               say: Callable[[str], None]) -> None:
    url = entry.link
    try:
        page_download = downloader.fetch_page(url)
        known = index.known_url(page_download.final_url)  # redirected to a page we hold
        if known:
            summary.duplicates.append((url, *known))
            return
        page = parse_page(page_download.body, url, url=page_download.final_url)
        new = adding.prepare_page(
            page, page_download.body, adding.Overrides(), origin=url, source="feed",
            urls=(url, page_download.final_url), fallback_published=entry.published,
            fallback_outlet=entry.feed.outlet,
        )
        if since and dt.date.fromisoformat(new.row["published"]) < since:
            summary.older += 1
            return
        result = adding.commit(new, seeds_dir)
    except CorpusError as exc:
        summary.skip(url, _reason(exc))
        say(f"skipped: {exc}")
        return
    for key in new.url_keys:
        index.urls[key] = (result.article_id, "same URL")
    if result.status == "duplicate":
        summary.duplicates.append((url, result.article_id, result.reason))
        say(f"duplicate: {url} is article {result.article_id} ({result.reason})")
        return
    summary.added.append(result.article_id)
    article = result.article
    note = ""
    if result.no_lexicon:
        summary.no_lexicon.append(result.article_id)
        note = f"; no lexicon for {article.language!r}: kept, no claims extracted"
    say(f"added {result.article_id} ({article.language}, {article.published}, "
        f"{len(article.text.split()):,} words) from {entry.feed.name}{note}")


def run_fetch(
    config: FeedsConfig, *, seeds_dir: Path | None = None, since: dt.date | None = None,
    max_new: int | None = None, downloader: Downloader | None = None,
    say: Callable[[str], None] | None = None, progress: bool | None = None,
) -> FetchSummary:
    """Fetch every feed of ``config`` into ``seeds_dir``; never raises for one bad item.

    Raises :class:`CorpusError` only when nothing can be done (a broken catalog).
    ``progress``: a progress bar (None: only when stderr is a terminal).
    """
    from tqdm import tqdm

    seeds_dir = Path(seeds_dir or paths.SEEDS_DIR)
    max_new = max_new or config.max_articles
    summary = FetchSummary()
    index = adding.CorpusIndex.build(seeds_dir)  # a broken catalog stops here (exit 2)
    own_downloader = downloader is None
    downloader = downloader or Downloader(config.politeness)
    write = say or print
    try:
        entries = _feed_entries(config, downloader, summary, write)
        candidates = _candidates(entries, index, since, summary, write)
        bar = tqdm(candidates, desc="articles", unit="page", file=sys.stderr,
                   disable=not progress if progress is not None else None, leave=False)
        # Lines go above the bar while it is shown.
        shout = write if say is not None or bar.disable else tqdm.write
        for entry in bar:
            if max_new and len(summary.added) >= max_new:
                summary.skip(entry.link, f"over --max {max_new}")
                continue
            _fetch_one(entry, downloader, index, seeds_dir, since, summary, shout)
        bar.close()
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if own_downloader:
            downloader.close()
    return summary
