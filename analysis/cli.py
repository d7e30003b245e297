"""nk-claims command line: ``python -m analysis <command> ...``.

The command table below is in data-flow order. Each stage that has commands keeps them in
its own ``cli`` module exposing ``register(subparsers)``; the parsers it adds set
``handler=callable(args) -> int``. Only the module of the command being run is imported, so
``extract`` does not pay for the report stack (nbformat, jsonschema) or the plotting libraries.
Any :class:`~analysis.core.errors.AnalysisError` becomes one line on stderr and exit status 2;
an interruption (Ctrl-C, or ``SIGTERM`` during a report) one line and 128 + the signal number.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from analysis.core.errors import AnalysisError, Interrupted


def _corpus() -> ModuleType:
    from analysis.corpus import cli

    return cli


def _synth() -> ModuleType:
    from analysis.corpus import synth

    return synth


def _extract() -> ModuleType:
    from analysis.extract import cli

    return cli


def _facts() -> ModuleType:
    from analysis.facts import cli

    return cli


def _report() -> ModuleType:
    from analysis.report import cli

    return cli


# name -> (one-line help, the stage's command module); in data-flow order.
COMMANDS: dict[str, tuple[str, Callable[[], ModuleType]]] = {
    "corpus": ("validate, list and add articles", _corpus),
    "synth": ("write a synthetic corpus with gold claims (tests, benchmarks)", _synth),
    "extract": ("extract numeric claims from catalogued or other article files", _extract),
    "events": ("extract dated events (treaties, incursions, reports) from articles", _extract),
    "facts": ("rebuild or check the committed facts (data/facts/)", _facts),
    "report": ("run every notebook with papermill into reports/<run-id>/", _report),
    "notebooks": ("re-run the committed notebooks in place with default parameters", _report),
}


class _Parser(argparse.ArgumentParser):
    """argparse exits with status 2 on usage errors already; keep its message to one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _chosen_command(argv: Sequence[str]) -> str | None:
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser; the chosen command (first word of ``argv``) gets its full arguments."""
    parser = _Parser(prog="python -m analysis", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    chosen = _chosen_command(argv)
    chosen_module = COMMANDS[chosen][1] if chosen else None
    for name, (help_text, module) in COMMANDS.items():
        if name in subparsers.choices:
            continue  # registered together with the chosen command by its module
        if module is chosen_module:
            module().register(subparsers)  # all of that module's commands, in their order
        else:
            subparsers.add_parser(name, help=help_text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv).parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        # Ctrl-C, or SIGTERM where a command turns it into Interrupted (the report does):
        # exit as a shell reports a process ended by that signal (130, 143)
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        name = signal.Signals(signum).name
        print(f"error: interrupted ({name})", file=sys.stderr)
        return 128 + int(signum)
