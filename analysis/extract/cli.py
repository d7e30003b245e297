"""Commands ``extract`` (numeric claims) and ``events`` (dated events).

Input: article files named on the command line. A catalogued file uses its catalog row
(id, publication date, language); any other file needs ``--published`` (relative dates like
"letzte Woche" are resolved against it) and ``--language`` (if missing, it is detected from
stopwords and said on stderr). No file named: every catalogued article.

Output: CSV or JSON lines exactly like the committed ``data/facts/*.csv`` (to stdout or a
file), or Parquet (a file only), through the one table codec :mod:`analysis.core.tables`.
Files are written atomically, and ``-o`` is checked before any work
(:func:`analysis.core.atomic.check_output_path`): a folder, a device, a FIFO, a symbolic
link, a missing folder or a name that is not UTF-8 is refused with one line. A file named
twice is read once (its claim ids would repeat).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path
from typing import Any

from analysis.core import paths
from analysis.core.atomic import check_output_path, check_utf8_path, shown_path
from analysis.core.errors import ExtractionError, OutputError
from analysis.core.tables import FORMATS, to_csv_text, to_jsonl_text, write_table
from analysis.corpus import catalog as corpus
from analysis.extract.sentences import detect_language
from analysis.lexicon import reader as lexicon


def register(subparsers: argparse._SubParsersAction) -> None:
    extract = subparsers.add_parser(
        "extract",
        help="extract numeric claims from catalogued or other article files",
        description="Extract numeric claims. No PATH: every article of the catalog.",
    )
    add_input_output_arguments(extract)
    extract.set_defaults(handler=run_extract, kind="claims")
    events = subparsers.add_parser(
        "events", help="extract dated events (treaties, incursions, reports) from articles",
        description="Extract dated events. No PATH: every article of the catalog.",
    )
    add_input_output_arguments(events)
    events.set_defaults(handler=run_extract, kind="events")


def run_extract(args: argparse.Namespace) -> int:
    """Both commands: read the articles, extract ``args.kind``, write the table."""
    check_output_format(args.format, args.output)
    if args.output is not None:
        check_output_path(args.output, create_parents=False)
    articles = articles_from_paths(args.paths, args.published, args.language)
    # Only the extractor of this command is imported: ``extract`` never loads the events
    # rules, nor ``events`` the claims rules.
    # The rows go to the one codec as dicts: CSV and JSON lines need no pandas.
    if args.kind == "claims":
        from analysis.extract.claims import SkippedNumberWarning, corpus_claim_rows

        # A number that is not read (too large, shown reversed) is said in one line each.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", SkippedNumberWarning)
            table = corpus_claim_rows(articles)
        for warning in caught:
            if issubclass(warning.category, SkippedNumberWarning):
                print(f"warning: {warning.message}", file=sys.stderr)
            else:
                warnings.warn_explicit(
                    warning.message, warning.category, warning.filename, warning.lineno
                )
    else:
        from analysis.extract.events import corpus_event_rows

        table = corpus_event_rows(articles)
    write_output(table, args.kind, args.format, args.output)
    noun = "claim(s)" if args.kind == "claims" else "event(s)"
    print(f"{len(table)} {noun} from {len(articles)} article(s)", file=sys.stderr)
    return 0


def add_input_output_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments ``extract`` and ``events`` share: PATH..., --published, --language, ..."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article text files (default: the whole catalog)")
    parser.add_argument("--published", default=None,
                        help="publication date YYYY-MM-DD (required for files not in the catalog)")
    parser.add_argument("--language", default=None,
                        help="language code (de, en); detected from stopwords if missing")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="output format")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="output file (default: stdout; parquet needs a file)")


def articles_from_paths(
    file_paths: list[Path], published: str | None, language: str | None
) -> list[corpus.Article]:
    """The articles a command line names (catalog metadata when the file is catalogued)."""
    if language is not None:
        lexicon.check_language(language)
    if not file_paths:
        articles = corpus.load_corpus()
        articles = [a for a in articles if language is None or a.language == language]
        # Catalogued articles in a language without a lexicon are kept without claims.
        unsupported = [a.id for a in articles if a.language not in lexicon.supported_languages()]
        if unsupported:
            print(f"note: {len(unsupported)} article(s) in a language without lexicon skipped "
                  f"(see corpus check): {', '.join(unsupported)}", file=sys.stderr)
            articles = [a for a in articles if a.id not in unsupported]
    else:
        catalog = {(paths.SEEDS_DIR / row["file"]).resolve(): row for row in corpus.read_catalog()}
        named = {path: _article_for(path, published, language, catalog)
                 for path in _distinct(file_paths)}
        _check_distinct_ids(named)
        articles = list(named.values())
    for article in articles:
        lexicon.check_language(article.language)
    return articles


def _distinct(file_paths: list[Path]) -> list[Path]:
    """The files in the order given, each once (the same file twice, by any path, would
    repeat its claim ids)."""
    seen: dict[Path, Path] = {}
    for path in file_paths:
        key = path.resolve()
        if key in seen:
            print(f"note: {path} is the same file as {seen[key]}; it is read once",
                  file=sys.stderr)
            continue
        seen[key] = path
    return list(seen.values())


def _check_distinct_ids(named: dict[Path, corpus.Article]) -> None:
    """Two different files must not give the same article id (``a/x.txt`` and ``b/x.txt``
    both become ``x``): their claim ids would collide."""
    first: dict[str, Path] = {}
    for path, article in named.items():
        if article.id in first:
            raise ExtractionError(
                f"{first[article.id]} and {path} both give article id {article.id!r}, so their "
                "claim ids would collide; rename one, or catalog them with `corpus add --id`"
            )
        first[article.id] = path


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
    try:
        check_utf8_path(path.stem)
    except OutputError:
        raise ExtractionError(
            f"{shown_path(path)} is not in the catalog and its name, the article id, is not "
            "valid UTF-8; rename the file"
        ) from None
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


def check_output_format(output_format: str, output: Path | None) -> None:
    """Fail before any work when Parquet (binary) would go to the terminal."""
    if output_format == "parquet" and output is None:
        raise ExtractionError("--format parquet writes binary data: give an output file with -o")


def write_output(
    rows: list[dict[str, Any]], kind: str, output_format: str, output: Path | None
) -> None:
    """Write a claims or events table (``kind``, as row dicts) to ``output`` or stdout."""
    check_output_format(output_format, output)
    if output is not None:
        write_table(rows, output, output_format, kind)
        return
    text = to_csv_text(rows, kind) if output_format == "csv" else to_jsonl_text(rows, kind)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error. Point stdout at devnull
        # so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
