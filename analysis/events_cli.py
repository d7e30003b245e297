"""``python -m analysis events [PATH ...]``: dated events as CSV, JSON lines or Parquet.

No PATH: every catalogued article. A PATH inside ``seeds/`` that the catalog names uses
the catalog's metadata; any other file needs ``--published`` (relative dates like
"letzte Woche" are resolved against it) and ``--language`` (if missing, the language is
guessed from common function words and the guess is reported on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import corpus, paths
from analysis.atomic import atomic_path, atomic_write_text
from analysis.errors import ExtractionError
from analysis.events import extract_corpus_events
from analysis.schema import DATE_COLUMNS, LIST_COLUMNS

FORMATS = ("csv", "jsonl", "parquet")
_FUNCTION_WORDS = {
    "de": {"der", "die", "das", "und", "nicht", "mit", "sich", "dass", "ist", "von", "den"},
    "en": {"the", "and", "of", "to", "that", "with", "is", "was", "for", "on", "by"},
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "events", help="extract dated events (treaties, incursions, reports) from articles"
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="article text files (default: the whole catalog)")
    parser.add_argument("--published", default=None,
                        help="publication date YYYY-MM-DD for files not in the catalog")
    parser.add_argument("--language", default=None,
                        help="language (de, en) for files not in the catalog")
    parser.add_argument("--format", choices=FORMATS, default="csv", help="output format")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="output file (default: stdout; required for parquet)")
    parser.set_defaults(handler=run_events)


def guess_language(text: str) -> str:
    """``de`` or ``en`` by counting common function words (ties: ``en``)."""
    words = re.findall(r"[a-zäöüß]+", text.lower())
    scores = {lang: sum(w in vocab for w in words) for lang, vocab in _FUNCTION_WORDS.items()}
    return "de" if scores["de"] > scores["en"] else "en"


def _catalogued(path: Path) -> corpus.Article | None:
    try:
        resolved = path.resolve()
        if resolved.parent != paths.SEEDS_DIR.resolve():
            return None
    except OSError:
        return None
    for row in corpus.read_catalog():
        if row["file"] == resolved.name:
            return corpus.load_article(row["id"])
    return None


def articles_from_args(
    file_paths: list[Path], published: str | None, language: str | None
) -> list[corpus.Article]:
    """The articles a command line names (catalog metadata when the file is catalogued)."""
    if not file_paths:
        return corpus.load_corpus()
    articles = []
    for path in file_paths:
        article = _catalogued(path)
        if article is not None:
            articles.append(article)
            continue
        if not published:
            raise ExtractionError(
                f"{path}: not in the catalog, so give --published YYYY-MM-DD "
                "(relative dates cannot be resolved without it)"
            )
        chosen = language
        if not chosen:
            chosen = guess_language(corpus.read_article_text(path))
            print(f"note: {path}: no --language given, detected {chosen!r}", file=sys.stderr)
        articles.append(corpus.article_from_file(path, published=published, language=chosen))
    return articles


def _json_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return list(value)
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def frame_to_text(frame: pd.DataFrame, table: str, output_format: str) -> str:
    """CSV (lists as JSON arrays, ISO dates, empty for missing) or JSON lines."""
    if output_format == "jsonl":
        lines = [
            json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False)
            for record in frame.to_dict("records")
        ]
        return "".join(line + "\n" for line in lines)
    shown = frame.copy()
    for column in LIST_COLUMNS[table]:
        shown[column] = shown[column].map(lambda v: json.dumps(list(v), ensure_ascii=False))
    for column in DATE_COLUMNS[table]:
        shown[column] = shown[column].map(lambda v: _json_value(v) or "")
    buffer = io.StringIO()
    shown.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def write_frame(frame: pd.DataFrame, table: str, output_format: str, output: Path | None) -> None:
    if output_format == "parquet":
        if output is None:
            raise ExtractionError(
                "--format parquet writes binary data: give an output file with -o"
            )
        typed = frame.copy()
        for column in DATE_COLUMNS[table]:
            typed[column] = pd.to_datetime(typed[column]).dt.date
        with atomic_path(output, suffix=".parquet") as tmp:
            typed.to_parquet(tmp, index=False)
        return
    text = frame_to_text(frame, table, output_format)
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write_text(output, text)


def run_events(args: argparse.Namespace) -> int:
    articles = articles_from_args(args.paths, args.published, args.language)
    events = extract_corpus_events(articles)
    write_frame(events, "events", args.format, args.output)
    if args.output is not None:
        print(f"wrote {len(events)} event(s) from {len(articles)} article(s) to {args.output}",
              file=sys.stderr)
    return 0
