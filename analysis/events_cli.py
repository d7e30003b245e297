"""``python -m analysis events [PATH ...]``: dated events as CSV, JSON lines or Parquet.

The same pattern as ``extract`` (inputs and outputs: :mod:`analysis.cli_io`).
"""

from __future__ import annotations

import argparse
import sys

from analysis import cli_io
from analysis.events import extract_corpus_events


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "events", help="extract dated events (treaties, incursions, reports) from articles",
        description="Extract dated events. No PATH: every article of the catalog.",
    )
    cli_io.add_input_output_arguments(parser)
    parser.set_defaults(handler=run_events)


def run_events(args: argparse.Namespace) -> int:
    cli_io.check_output_format(args.format, args.output)
    articles = cli_io.articles_from_paths(args.paths, args.published, args.language)
    events = extract_corpus_events(articles)
    cli_io.write_table(events, "events", args.format, args.output)
    print(f"{len(events)} event(s) from {len(articles)} article(s)", file=sys.stderr)
    return 0
