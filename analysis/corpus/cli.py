"""``python -m analysis corpus check|add``: validate and list the corpus, add an article."""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.corpus import catalog as corpus


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("corpus", help="validate, list and add articles")
    sub = parser.add_subparsers(dest="corpus_command", required=True)

    check = sub.add_parser("check", help="validate the whole corpus and list it")
    check.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    check.set_defaults(handler=run_check)

    add = sub.add_parser("add", help="copy a UTF-8 text file into seeds/ and catalog it")
    add.add_argument("file", type=Path)
    add.add_argument("--published", required=True, help="publication date YYYY-MM-DD")
    add.add_argument("--language", required=True, help="ISO 639-1 code, e.g. de or en")
    add.add_argument("--id", dest="article_id", default=None, help="id (default: file stem)")
    add.add_argument("--title", default="")
    add.add_argument("--outlet", default="")
    add.add_argument("--url", default="")
    add.add_argument("--notes", default="")
    add.add_argument("--replace", action="store_true", help="overwrite an article with this id")
    add.add_argument("--seeds", type=Path, default=None, help="seeds folder (default: seeds/)")
    add.set_defaults(handler=run_add)


def run_check(args: argparse.Namespace) -> int:
    articles = corpus.check_corpus(args.seeds)
    frame = corpus.corpus_frame(articles)
    shown = frame[["id", "published", "language", "words", "outlet", "title"]].copy()
    shown["published"] = shown["published"].dt.strftime("%Y-%m-%d")
    print(shown.to_string(index=False))
    print(f"corpus ok: {len(articles)} article(s), {int(frame['words'].sum()):,} words")
    return 0


def run_add(args: argparse.Namespace) -> int:
    article = corpus.add_article(
        args.file, published=args.published, language=args.language,
        article_id=args.article_id, title=args.title, outlet=args.outlet, url=args.url,
        notes=args.notes, replace=args.replace, seeds_dir=args.seeds,
    )
    verb = "replaced" if args.replace else "added"
    print(f"{verb} {article.id} ({article.file}, {article.language}, {article.published}, "
          f"{len(article.text.split()):,} words)")
    return 0
