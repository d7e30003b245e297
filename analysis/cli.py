"""nk-claims command line: corpus, claims and events extraction, facts, reports.

Usage: ``python -m analysis <command> ...``.

Each stage that has a command keeps it in its own ``*_cli`` module exposing
``register(subparsers)``; the parser it adds sets ``handler=callable(args) -> int``.
Any :class:`~analysis.errors.AnalysisError` becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from analysis.errors import AnalysisError

# Stage order, as in the data flow: corpus -> claims/events -> facts -> report.
COMMAND_MODULES: tuple[str, ...] = (
    "analysis.corpus_cli",
    "analysis.claims_cli",
    "analysis.events_cli",
    "analysis.report_cli",
)


class _Parser(argparse.ArgumentParser):
    """argparse exits with status 2 on usage errors already; keep its message to one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m analysis", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
