"""``python -m analysis extract ...`` and ``python -m analysis facts build|check``."""

from __future__ import annotations

import argparse
import sys

from analysis import cli_io, facts
from analysis.claims import extract_corpus_claims


def register(subparsers: argparse._SubParsersAction) -> None:
    extract = subparsers.add_parser(
        "extract",
        help="extract numeric claims from catalogued or other article files",
        description="Extract numeric claims. No PATH: every article of the catalog.",
    )
    cli_io.add_input_output_arguments(extract)
    extract.set_defaults(handler=run_extract)

    parser = subparsers.add_parser("facts", help="rebuild or check data/facts/*.csv")
    sub = parser.add_subparsers(dest="facts_command", required=True)
    build = sub.add_parser("build", help="rewrite data/facts/ from seeds/")
    build.set_defaults(handler=run_facts_build)
    check = sub.add_parser("check", help="exit 1 and list the stale files if data/facts/ is stale")
    check.set_defaults(handler=run_facts_check)


def run_extract(args: argparse.Namespace) -> int:
    cli_io.check_output_format(args.format, args.output)
    articles = cli_io.articles_from_paths(args.paths, args.published, args.language)
    claims = extract_corpus_claims(articles)
    cli_io.write_table(claims, "claims", args.format, args.output)
    print(f"{len(claims)} claim(s) from {len(articles)} article(s)", file=sys.stderr)
    return 0


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
