"""``python -m analysis corpus check|add|fetch``: validate and list the corpus, add articles
(text files, saved web pages, URLs), follow the feeds of ``data/feeds.toml``.

Exit status: 0 done; 1 ``add``: nothing wrong, but an input was a duplicate and not added;
2 the command cannot proceed, or an input was refused (one line each, naming it);
130 interrupted (``fetch`` keeps every article added before Ctrl-C).
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.languages import lexicon_languages
from analysis.corpus import catalog as corpus

DEFAULT_FEEDS = paths.DATA_DIR / "feeds.toml"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("corpus", help="validate, list and add articles")
    sub = parser.add_subparsers(dest="corpus_command", required=True)

    check = sub.add_parser("check", help="validate the whole corpus and list it")
    check.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    check.set_defaults(handler=run_check)

    add = sub.add_parser(
        "add", help="add articles: UTF-8 .txt files, saved web pages (.html, .htm, .mhtml, "
        ".html.gz) or http(s) URLs",
        description="Text files need --published and --language; pages and URLs give their "
        "own title, date, site, canonical URL and language, which the flags override.",
    )
    add.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
    add.add_argument("--published", default=None, help="publication date YYYY-MM-DD")
    add.add_argument("--language", default=None, help="ISO 639-1 code, e.g. de or en")
    add.add_argument("--id", dest="article_id", default=None,
                     help="id (default: file stem, or from the URL); one input only")
    add.add_argument("--title", default=None)
    add.add_argument("--outlet", default=None)
    add.add_argument("--url", default=None)
    add.add_argument("--notes", default=None)
    add.add_argument("--replace", action="store_true", help="overwrite an article with this id")
    add.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    add.add_argument("--feeds", type=Path, default=None,
                     help="take the download settings ([fetch]) of this feeds file "
                     "(default: data/feeds.toml if present)")
    add.set_defaults(handler=run_add)

    fetch = sub.add_parser("fetch", help="download new articles from the feeds of "
                           "data/feeds.toml and add them")
    fetch.add_argument("--feeds", type=Path, default=DEFAULT_FEEDS,
                       help="feeds file (default: data/feeds.toml)")
    fetch.add_argument("--since", default=None, metavar="YYYY-MM-DD",
                       help="leave out entries and pages published before this date")
    fetch.add_argument("--max", dest="max_new", type=int, default=None, metavar="N",
                       help="add at most N articles (default: [fetch] max_articles)")
    fetch.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    fetch.set_defaults(handler=run_fetch)


def run_check(args: argparse.Namespace) -> int:
    articles = corpus.check_corpus(args.seeds)
    frame = corpus.corpus_frame(articles)
    shown = frame[["id", "published", "language", "source", "words", "outlet", "title"]].copy()
    shown["published"] = shown["published"].dt.strftime("%Y-%m-%d")
    print(shown.to_string(index=False))
    print(f"corpus ok: {len(articles)} article(s), {int(frame['words'].sum()):,} words")
    supported = lexicon_languages()
    for language in sorted({a.language for a in articles} - set(supported)):
        ids = [a.id for a in articles if a.language == language]
        print(f"flagged: no lexicon for {language!r} (have: {', '.join(supported)}): "
              f"{len(ids)} article(s) kept without claims: {', '.join(ids)}")
    return 0


def _say_added(result, verb: str) -> None:  # noqa: ANN001 (adding.AddResult)
    article = result.article
    print(f"{verb} {article.id} ({article.file}, {article.language}, {article.published}, "
          f"{len(article.text.split()):,} words)")
    if result.no_lexicon:
        print(f"flagged: {article.id}: no lexicon for {article.language!r} "
              f"(have: {', '.join(lexicon_languages())}); kept in the corpus, no claims "
              "extracted")


def _politeness(feeds: Path | None):  # noqa: ANN202
    from analysis.corpus.download import Politeness
    from analysis.corpus.feeds import load_feeds

    if feeds is None:
        return load_feeds(DEFAULT_FEEDS).politeness if DEFAULT_FEEDS.is_file() else Politeness()
    return load_feeds(feeds).politeness


def _prepare(item: str, meta, downloader_factory, seeds_dir):  # noqa: ANN001, ANN202
    from dataclasses import replace

    from analysis.corpus import adding
    from analysis.corpus.identity import check_web_url, is_web_url
    from analysis.corpus.pages import is_page_path, parse_page, read_saved_page

    if is_web_url(item):
        url = check_web_url(item)
        download = downloader_factory().fetch_page(url)
        page = parse_page(download.body, url, url=download.final_url)
        return adding.prepare_page(page, download.body, meta, origin=url, source="url",
                                   urls=(url, download.final_url))
    path = Path(item)
    if is_page_path(path):
        html, saved_from = read_saved_page(path)
        page = parse_page(html, str(path), url=saved_from)
        kept = adding.archived_row(path, seeds_dir)
        if kept:  # re-extracting a kept page: its row's metadata unless a flag says else
            meta = replace(meta, **{
                key: getattr(meta, key) or kept[column] for key, column in (
                    ("article_id", "id"), ("published", "published"), ("language", "language"),
                    ("title", "title"), ("outlet", "outlet"), ("url", "url"), ("notes", "notes"))
            })
        return adding.prepare_page(page, html, meta, origin=str(path),
                                   source=kept["source"] or "file" if kept else "file",
                                   fetched_at=kept["fetched_at"] if kept else "",
                                   urls=(saved_from,) if saved_from else (),
                                   fallback_id=adding.saved_page_id(path))
    return adding.prepare_text_file(path, meta)


def run_add(args: argparse.Namespace) -> int:
    from analysis.corpus import adding
    from analysis.corpus.download import Downloader

    if args.article_id and len(args.inputs) > 1:
        raise AnalysisError("--id names one article; give one input with it, or none")
    if args.article_id is not None:
        corpus.validate_id(args.article_id, "--id")
    meta = adding.Overrides(
        article_id=args.article_id, published=args.published, language=args.language,
        title=args.title, outlet=args.outlet, url=args.url, notes=args.notes,
    )
    downloader: list[Downloader] = []

    def make_downloader() -> Downloader:
        if not downloader:
            downloader.append(Downloader(_politeness(args.feeds)))
        return downloader[0]

    failed = duplicates = 0
    for item in args.inputs:
        try:
            result = adding.commit(_prepare(item, meta, make_downloader, args.seeds),
                                   args.seeds, replace=args.replace)
        except AnalysisError as exc:
            if len(args.inputs) == 1:
                raise
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        if result.status == "duplicate":
            duplicates += 1
            print(f"duplicate: {item} is already in the corpus as {result.article_id} "
                  f"({result.reason}); not added")
        else:
            _say_added(result, result.status)
    if downloader:
        downloader[0].close()
    return 2 if failed else 1 if duplicates else 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run_fetch(args: argparse.Namespace) -> int:
    from analysis.core.params import check_date
    from analysis.corpus.feeds import load_feeds
    from analysis.corpus.fetch import run_fetch as fetch

    since = check_date("--since", args.since)
    if args.max_new is not None and args.max_new < 1:
        raise AnalysisError(f"--max {args.max_new}: give a positive number of articles")
    config = load_feeds(args.feeds)
    # A stopped service (SIGTERM) ends like Ctrl-C: between two articles, with its summary.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        summary = fetch(config, seeds_dir=args.seeds, since=since, max_new=args.max_new)
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(summary.line())
    if summary.interrupted:
        print(f"interrupted: the {len(summary.added)} article(s) added before are kept; "
              "run again to continue", file=sys.stderr)
        return 130
    return 0
