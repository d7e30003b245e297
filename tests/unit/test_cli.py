"""analysis.cli: the command table in flow order, and only the chosen command is built.

``python -m analysis extract FILE`` must not pay for the report stack or the plotting
libraries, so the table imports a stage's command module only when one of its commands is
chosen; the other commands are one-line placeholders for ``--help``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.cli import COMMANDS, build_parser, main

FLOW_ORDER = ["corpus", "synth", "extract", "events", "facts", "report", "notebooks"]


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (a clean sys.modules) and return its stdout."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return done.stdout


def _subcommand(parser, name: str):
    subparsers = next(a for a in parser._actions if a.dest == "command")
    return subparsers.choices[name]


def _option_names(parser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings}


def test_help_lists_the_commands_in_flow_order() -> None:
    assert list(COMMANDS) == FLOW_ORDER
    done = subprocess.run([sys.executable, "-m", "analysis", "--help"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    listed = [line.split()[0] for line in done.stdout.splitlines()
              if line.startswith("    ") and line.split()[0] in COMMANDS]
    assert listed == FLOW_ORDER, done.stdout
    for name, (help_text, _module) in COMMANDS.items():
        assert help_text.split()[0] in done.stdout, f"{name}: its help line is missing"


@pytest.mark.parametrize(
    ("argv", "built"),
    [
        (["extract", "x.txt"], {"analysis.extract.cli"}),
        (["events"], {"analysis.extract.cli"}),
        (["--help"], set()),
        (["corpus", "check"], {"analysis.corpus.cli"}),
    ],
)
def test_only_the_chosen_commands_module_is_imported(argv: list[str], built: set[str]) -> None:
    loaded = json.loads(_python(
        "import json, sys\n"
        "from analysis.cli import build_parser\n"
        f"build_parser({argv!r})\n"
        "print(json.dumps(sorted(sys.modules)))"
    ))
    assert {m for m in loaded if m.startswith("analysis.") and m.endswith(".cli")
            and m != "analysis.cli"} == built
    # none of them pays for the report stack or the plotting libraries
    heavy = {"nbformat", "papermill", "matplotlib", "geopandas", "jsonschema"}
    assert heavy.isdisjoint(loaded), sorted(heavy & set(loaded))


def test_arguments_are_parsed_only_for_the_chosen_command() -> None:
    parser = build_parser(["extract"])
    assert {"--format", "--out"} & _option_names(_subcommand(parser, "extract"))
    # the other commands are placeholders without their options
    assert _option_names(_subcommand(parser, "report")) == {"-h", "--help"}
    assert _option_names(_subcommand(parser, "corpus")) == {"-h", "--help"}
    # a command module registers all of its commands: notebooks comes with report
    parser = build_parser(["notebooks"])
    assert "--as-of" in _option_names(_subcommand(parser, "report"))
    assert "--strip-only" in _option_names(_subcommand(parser, "notebooks"))
    assert _option_names(_subcommand(parser, "extract")) == {"-h", "--help"}
    args = parser.parse_args(["notebooks", "--strip-only", "--jobs", "2"])
    assert args.strip_only is True and args.jobs == 2 and callable(args.handler)


def test_options_of_another_command_are_a_one_line_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["extract", "--as-of", "2024-11-12", "x.txt"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --as-of" in err and err.strip().endswith("(see --help)")


def test_unknown_command_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["plot"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'plot'" in err and "'corpus', 'synth', 'extract'" in err
