"""Parameter values from the command line: ``report --only NAME --param name=value ...``.

A value on the command line is text; it is read by the documented type of the parameter
(``notebooks/params.yaml``), then checked with every other value before anything runs, so
``--param regoin=RU-BEL`` fails at once with one line (and the closest name), not after
the notebooks ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from analysis.core.errors import ParameterError
from analysis.report.params import ParameterSchema, ParameterSpec, did_you_mean
from analysis.report.yaml_reader import shown

_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


def parse_cli_value(spec: ParameterSpec, text: str) -> Any:
    """The value that ``--param NAME=TEXT`` gives, read by the parameter's type.

    ``null`` (or ``None``) is null for a nullable parameter; int and float are numbers; bool
    is true/false (yes/no, on/off, 1/0); ``list[str]`` is comma-separated (``a,b`` or
    ``[a, b]``; empty: no items); every other type takes the text as it is. Text that does
    not read as the type is returned unchanged, so :func:`coerce_value` names the problem.
    """
    raw = text.strip()
    if spec.nullable and raw in ("null", "None"):
        return None
    if spec.type == "int":
        try:
            return int(raw)
        except ValueError:
            return text
    if spec.type == "float":
        try:
            return float(raw)
        except ValueError:
            return text
    if spec.type == "bool":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        return text
    if spec.type == "list[str]":
        inner = raw[1:-1] if raw.startswith("[") and raw.endswith("]") else raw
        return [item.strip().strip("'\"") for item in inner.split(",") if item.strip()]
    return text


def apply_cli_parameters(
    schema: ParameterSchema,
    notebook_names: Sequence[str],
    assignments: Sequence[str],
    shared_values: dict[str, Any],
    notebook_values: dict[str, dict[str, Any]],
) -> None:
    """Add ``--param`` values (``NAME=VALUE`` or ``NOTEBOOK.NAME=VALUE``) to the values.

    A plain NAME is a shared parameter, or the parameter of that name of every selected
    notebook that has one (``units`` of the map and the estimates); NOTEBOOK (a name or its
    number, ``02``) limits it to one notebook. A name no selected notebook documents fails
    with one line, with the closest documented name; values are checked afterwards, with
    all the others, by :func:`resolve_parameters`.
    """
    for assignment in assignments:
        name, sep, text = assignment.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParameterError(
                f"--param {shown(assignment)} is not NAME=VALUE (e.g. --param region=RU-BEL)"
            )
        targets = list(notebook_names)
        notebook, dot, short = name.rpartition(".")
        if dot:
            targets = [n for n in notebook_names if notebook in (n, n.split("_", 1)[0])]
            if not targets:
                raise ParameterError(
                    f"--param {shown(name)}: no notebook {shown(notebook)} in this run; "
                    f"notebooks: {', '.join(notebook_names)}"
                )
            name = short
        if name in schema.shared:
            if dot:
                raise ParameterError(
                    f"--param {shown(name)} is shared by every notebook; give it without "
                    f"{shown(notebook + '.')}"
                )
            shared_values[name] = parse_cli_value(schema.shared[name], text)
            continue
        owners = [n for n in targets if name in schema.notebooks.get(n, {})]
        if not owners:
            known = sorted({*schema.shared, *(p for n in targets
                                              for p in schema.notebooks.get(n, {}))})
            raise ParameterError(
                f"--param {shown(name)}: no such parameter for {', '.join(targets)}; "
                f"{did_you_mean(name, known)}known: {', '.join(known)}"
            )
        for owner in owners:
            spec = schema.notebooks[owner][name]
            notebook_values.setdefault(owner, {})[name] = parse_cli_value(spec, text)
