"""Command ``facts build|check``: rebuild the committed facts, or say whether they are stale.

``check`` is the data check of ``make check`` and ``make report``: the tables and the data
dictionary must equal a fresh build from the corpus (else: ``make facts``), and every
analyst override must name a claim that still exists (else: fix ``overrides.csv``).
Each failure ends with one line naming the command or file that fixes it.
"""

from __future__ import annotations

import argparse
import sys
import warnings

from analysis.facts import overrides, store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("facts", help="rebuild or check data/facts/*.csv")
    sub = parser.add_subparsers(dest="facts_command", required=True)
    build = sub.add_parser(
        "build", help="rewrite data/facts/ (tables and data dictionary) from seeds/"
    )
    build.set_defaults(handler=run_facts_build)
    check = sub.add_parser(
        "check",
        help="exit 1 and list what is stale: data/facts/ against seeds/, overrides against claims",
    )
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", overrides.StaleOverrideWarning)  # listed below instead
        claims = store.load_claims()
    orphans = overrides.stale_overrides_table(claims)
    if not orphans.empty:
        for row in orphans.to_dict("records"):
            print(f"stale override: claim {row['claim_id']} ({row['field']}) no longer exists",
                  file=sys.stderr)
        print(f"overrides are stale: update or remove them in {overrides.OVERRIDES_PATH}",
              file=sys.stderr)
        return 1
    print("facts are up to date")
    return 0
