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
from pathlib import Path

from analysis.core.errors import ParameterError
from analysis.facts import overrides, store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("facts", help="rebuild or check data/facts/*.csv")
    sub = parser.add_subparsers(dest="facts_command", required=True)
    build = sub.add_parser(
        "build", help="rewrite data/facts/ (tables and data dictionary) from seeds/; with "
                      "--out, build Parquet facts of any corpus in batches",
        description="Without --out: rewrite the committed data/facts/ from seeds/. With --out "
                    "DIR: build (or update: only changed articles) Parquet facts partitioned "
                    "by publication month in DIR, in batches on local cores or a Dask cluster.",
    )
    build.add_argument("--corpus", type=Path, default=None, metavar="DIR_OR_CATALOG",
                       help="folder with catalog.csv and the article files, or that catalog "
                            "(default: seeds/; needs --out)")
    build.add_argument("--out", type=Path, default=None, metavar="DIR",
                       help="folder of the Parquet dataset (created; updated on a re-run)")
    build.add_argument("--scheduler", default=None, metavar="sync|processes|tcp://HOST:PORT",
                       help="where batches run: this process, all local cores (default) or "
                            "an existing Dask cluster (needs --out)")
    build.add_argument("--batch-size", type=int, default=None, metavar="N",
                       help="articles per task (default 100; needs --out)")
    build.set_defaults(handler=run_facts_build)
    check = sub.add_parser(
        "check",
        help="exit 1 and list what is stale: data/facts/ against seeds/, overrides against claims",
    )
    check.set_defaults(handler=run_facts_check)


def run_facts_build(args: argparse.Namespace) -> int:
    if args.out is not None:
        return run_dataset_build(args)
    given = [name for name, value in (("--corpus", args.corpus), ("--scheduler", args.scheduler),
                                      ("--batch-size", args.batch_size)) if value is not None]
    if given:
        raise ParameterError(
            f"{', '.join(given)} need(s) --out DIR: without it `facts build` rewrites the "
            "committed data/facts/ from seeds/"
        )
    for path in store.build_facts():
        print(f"wrote {path}")
    return 0


def run_dataset_build(args: argparse.Namespace) -> int:
    from analysis.core import paths
    from analysis.facts.dataset import DEFAULT_BATCH_SIZE, build_dataset

    summary = build_dataset(
        args.corpus or paths.SEEDS_DIR, args.out, scheduler=args.scheduler or "processes",
        batch_size=DEFAULT_BATCH_SIZE if args.batch_size is None else args.batch_size,
    )
    print(f"{summary['out']}: {summary['articles']:,} articles, {summary['extracted']:,} "
          f"extracted now, {summary['months_rewritten']} of {summary['months']} month(s) "
          f"written, {summary['seconds']:.1f} s")
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
