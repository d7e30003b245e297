"""``python -m analysis events [PATH ...]``: dated events as CSV, JSON lines or Parquet.

The same pattern as ``extract``: no PATH means every catalogued article; a catalogued
file uses the catalog's metadata; any other file needs ``--published`` (relative dates
like "letzte Woche" are resolved against it) and ``--language`` (if missing, detected from
stopwords and reported on stderr). CSV and JSON lines are written exactly like the
committed ``data/facts/events.csv`` (:func:`analysis.facts.to_csv_text`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from analysis import corpus, facts, lexicon, paths
from analysis.atomic import atomic_path, atomic_write_text
from analysis.errors import ExtractionError
from analysis.events import extract_corpus_events
from analysis.schema import DATE_COLUMNS
from analysis.text import detect_language

FORMATS = ("csv", "jsonl", "parquet")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "events", help="extract dated events (treaties, incursions, reports) from articles",
        description="Extract dated events. No PATH: every article of the catalog.",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article text files (default: the whole catalog)")
    parser.add_argument("--published", default=None,
                        help="publication date YYYY-MM-DD (required for files not in the catalog)")
    parser.add_argument("--language", default=None,
                        help="language code (de, en); detected from stopwords if missing")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="output format")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="output file (default: stdout; parquet needs a file)")
    parser.set_defaults(handler=run_events)


def _article_for(
    path: Path, published: str | None, language: str | None, catalog: dict[Path, dict[str, str]]
) -> corpus.Article:
    row = catalog.get(path.resolve())
    if row is not None:
        return corpus.article_from_file(
            path, published=published or row["published"], language=language or row["language"],
            article_id=row["id"], title=row["title"], outlet=row["outlet"], url=row["url"],
            notes=row["notes"],
        )
    if not published:
        raise ExtractionError(
            f"{path} is not in the catalog: give --published YYYY-MM-DD "
            "(relative dates such as 'letzte Woche' cannot be resolved without it)"
        )
    if language is None:
        language = detect_language(corpus.read_article_text(path))
        if language is None:
            raise ExtractionError(
                f"{path}: could not detect the language; give --language "
                f"({', '.join(lexicon.supported_languages())})"
            )
        print(f"note: {path}: no --language given, detected {language!r} by counting "
              "stopwords; pass --language to override", file=sys.stderr)
    return corpus.article_from_file(path, published=published, language=language)


def articles_from_args(
    file_paths: list[Path], published: str | None, language: str | None
) -> list[corpus.Article]:
    """The articles a command line names (catalog metadata when the file is catalogued)."""
    if language is not None:
        lexicon.check_language(language)
    if not file_paths:
        articles = corpus.load_corpus()
        return [a for a in articles if language is None or a.language == language]
    catalog = {(paths.SEEDS_DIR / row["file"]).resolve(): row for row in corpus.read_catalog()}
    return [_article_for(path, published, language, catalog) for path in file_paths]


def write_frame(frame: pd.DataFrame, output_format: str, output: Path | None) -> None:
    """Write events as CSV / JSON lines (stdout or file) or Parquet (file), atomically."""
    if output_format == "parquet":
        if output is None:
            raise ExtractionError(
                "--format parquet writes binary data: give an output file with -o"
            )
        typed = frame.copy()
        for column in DATE_COLUMNS["events"]:
            typed[column] = pd.to_datetime(typed[column]).dt.date
        with atomic_path(output, suffix=".parquet") as tmp:
            typed.to_parquet(tmp, index=False)
        return
    if output_format == "csv":
        text = facts.to_csv_text(frame, "events")
    else:
        text = facts.to_jsonl_text(frame, "events")
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)


def run_events(args: argparse.Namespace) -> int:
    if args.format == "parquet" and args.output is None:
        raise ExtractionError("--format parquet writes binary data: give an output file with -o")
    articles = articles_from_args(args.paths, args.published, args.language)
    events = extract_corpus_events(articles)
    write_frame(events, args.format, args.output)
    print(f"{len(events)} event(s) from {len(articles)} article(s)", file=sys.stderr)
    return 0
