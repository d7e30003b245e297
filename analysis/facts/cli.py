"""Command ``facts build|check``: rebuild the committed facts, or say whether they are stale."""

from __future__ import annotations

import argparse
import sys

from analysis.facts import store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("facts", help="rebuild or check data/facts/*.csv")
    sub = parser.add_subparsers(dest="facts_command", required=True)
    build = sub.add_parser("build", help="rewrite data/facts/ from seeds/")
    build.set_defaults(handler=run_facts_build)
    check = sub.add_parser("check", help="exit 1 and list the stale files if data/facts/ is stale")
    check.set_defaults(handler=run_facts_check)


def run_facts_build(args: argparse.Namespace) -> int:
    for path in store.build_facts():
        print(f"wrote {path}")
    return 0


def run_facts_check(args: argparse.Namespace) -> int:
    stale = store.stale_facts()
    if stale:
        for path in stale:
            print(f"stale: {path}", file=sys.stderr)
        print("facts are stale: run `make facts` and commit the result", file=sys.stderr)
        return 1
    print("facts are up to date")
    return 0
