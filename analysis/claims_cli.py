"""``python -m analysis extract ...`` and ``python -m analysis facts build|check``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import pandas as pd

from analysis import corpus, facts, lexicon, paths
from analysis.atomic import atomic_path, atomic_write_text
from analysis.claims import extract_corpus_claims
from analysis.errors import ExtractionError
from analysis.text import detect_language

FORMATS = ("csv", "jsonl", "parquet")


def register(subparsers: argparse._SubParsersAction) -> None:
    extract = subparsers.add_parser(
        "extract",
        help="extract numeric claims from catalogued or other article files",
        description="Extract numeric claims. No PATH: every article of the catalog.",
    )
    extract.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                         help="article text files (default: the whole catalog)")
    extract.add_argument("--published", default=None,
                         help="publication date YYYY-MM-DD (required for files not in the catalog)")
    extract.add_argument("--language", default=None,
                         help="language code (de, en); detected from stopwords if missing")
    extract.add_argument("--format", choices=FORMATS, default="csv", help="output format")
    extract.add_argument("-o", "--output", type=Path, default=None,
                         help="output file (default: stdout; parquet needs a file)")
    extract.set_defaults(handler=run_extract)

    parser = subparsers.add_parser("facts", help="rebuild or check data/facts/*.csv")
    sub = parser.add_subparsers(dest="facts_command", required=True)
    build = sub.add_parser("build", help="rewrite data/facts/ from seeds/")
    build.set_defaults(handler=run_facts_build)
    check = sub.add_parser("check", help="exit 1 and list the stale files if data/facts/ is stale")
    check.set_defaults(handler=run_facts_check)


def _catalogued() -> dict[Path, dict[str, str]]:
    """Catalog rows keyed by the resolved path of their file."""
    rows = corpus.read_catalog()
    return {(paths.SEEDS_DIR / row["file"]).resolve(): row for row in rows}


def _article(path: Path, args: argparse.Namespace, catalog: dict[Path, dict[str, str]]):
    row = catalog.get(path.resolve())
    if args.language is not None:
        lexicon.check_language(args.language)
    if row is not None:
        return corpus.article_from_file(
            path, published=args.published or row["published"],
            language=args.language or row["language"], article_id=row["id"],
            title=row["title"], outlet=row["outlet"], url=row["url"], notes=row["notes"],
        )
    if args.published is None:
        raise ExtractionError(
            f"{path} is not in the catalog: give --published YYYY-MM-DD "
            "(relative dates such as 'letzte Woche' cannot be resolved without it)"
        )
    language = args.language
    if language is None:
        language = detect_language(corpus.read_article_text(path))
        if language is None:
            raise ExtractionError(
                f"{path}: could not detect the language; give --language "
                f"({', '.join(lexicon.supported_languages())})"
            )
        print(f"note: {path}: no --language given, detected {language!r} by counting "
              "stopwords; pass --language to override", file=sys.stderr)
    return corpus.article_from_file(path, published=args.published, language=language)


def run_extract(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.output is None:
        raise ExtractionError("--format parquet writes binary data: give an output file with -o")
    if args.language is not None:
        lexicon.check_language(args.language)
    if args.paths:
        catalog = _catalogued()
        articles = [_article(path, args, catalog) for path in args.paths]
    else:
        articles = corpus.load_corpus()
        if args.language is not None:
            articles = [a for a in articles if a.language == args.language]
    for article in articles:
        lexicon.check_language(article.language)
    claims = extract_corpus_claims(articles)
    _write(claims, args.format, args.output)
    count = len(claims)
    print(f"{count} claim(s) from {len(articles)} article(s)", file=sys.stderr)
    return 0


def _write(claims: pd.DataFrame, fmt: str, output: Path | None) -> None:
    if fmt == "parquet":
        with atomic_path(output, suffix=".parquet") as tmp:
            claims.to_parquet(tmp, index=False)
        return
    text = facts.to_csv_text(claims) if fmt == "csv" else facts.to_jsonl_text(claims)
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader (e.g. `| head`) stopped early: not an error. Point stdout at devnull
            # so the interpreter's final flush does not complain either.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    else:
        atomic_write_text(output, text)


def run_facts_build(args: argparse.Namespace) -> int:
    for path in facts.build_facts():
        print(f"wrote {path}")
    return 0


def run_facts_check(args: argparse.Namespace) -> int:
    stale = facts.stale_facts()
    if stale:
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        print("facts are stale: run `make facts` and commit the result", file=sys.stderr)
        return 1
    print("facts are up to date")
    return 0
