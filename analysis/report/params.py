"""Report parameters: the documented schema (``notebooks/params.yaml``) and their validation.

The schema lists every parameter a notebook accepts, with type, default and help. A run's
values come from, in increasing priority: the schema defaults, a user YAML file
(``--params``), and CLI flags (``--as-of``). Everything is checked *before* any notebook
runs, so a typo fails in a second with one line naming the parameter, not after ten
minutes of execution.

User parameter file (same layout as the schema's values)::

    shared:                 # passed to every notebook
      as_of: 2024-11-12
    notebooks:
      02_kursk_map:         # notebook name without .ipynb
        region: RU-KRS

Values given on the command line (``--param name=value``, see :func:`apply_cli_parameters`)
override the file's.

Types: ``str``, ``int``, ``float`` (finite), ``bool``, ``date`` (ISO ``YYYY-MM-DD``),
``list[str]``, ``input_file`` (must exist; made absolute, since notebooks run in the run
folder) and ``output_dir`` (relative to the run folder; must stay inside it: a run writes
only inside its own folder, never into an earlier run or ``latest``). ``nullable: true``
allows ``null``; ``choices`` restricts the values, either listed (``choices: [a, b]``) or
taken from the one place that defines them (``choices: {from: units}``, see
:data:`CHOICE_SOURCES`), so the schema never holds a copy that can fall behind.

Both files are read by the restricted YAML reader :mod:`analysis.report.yaml_reader` (size,
depth, no aliases or merge keys, dates as text); command-line values by
:mod:`analysis.report.cli_params`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.core.errors import ParameterError
from analysis.core.schema import UNITS
from analysis.lexicon.reader import supported_languages
from analysis.report.yaml_reader import read_yaml, shown

PARAMETER_TYPES: tuple[str, ...] = (
    "str", "int", "float", "bool", "date", "list[str]", "input_file", "output_dir",
)
SPEC_KEYS: frozenset[str] = frozenset({"type", "default", "nullable", "choices", "help"})
# ``choices: {from: NAME}``: NAME -> the allowed values, read where they are defined.
def _region_codes() -> tuple[str, ...]:
    # imported when a schema asks for it: reading geodata is not needed for other choices
    from analysis.geo.layers import valid_region_codes

    return tuple(valid_region_codes())


CHOICE_SOURCES: dict[str, Callable[[], tuple[str, ...]]] = {
    "units": lambda: tuple(UNITS),  # analysis.core.schema.UNITS: the units claims can have
    "languages": supported_languages,  # languages with a lexicon under data/lexicon/
    "regions": _region_codes,  # oblasts a regional map can be drawn for (data/geo/)
}


_ISO_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class ParameterSpec:
    """One documented parameter."""

    name: str
    type: str
    default: Any = None
    nullable: bool = False
    choices: tuple[Any, ...] | None = None
    help: str = ""


@dataclass(frozen=True)
class ParameterSchema:
    """``shared`` parameters (every notebook) and per-notebook ones, by notebook name."""

    shared: dict[str, ParameterSpec]
    notebooks: dict[str, dict[str, ParameterSpec]] = field(default_factory=dict)

    def specs_for(self, notebook: str) -> dict[str, ParameterSpec]:
        return {**self.shared, **self.notebooks.get(notebook, {})}


def _parse_choices(name: str, raw: Any, where: str) -> tuple[Any, ...] | None:
    """``[a, b]`` as listed, ``{from: NAME}`` resolved through :data:`CHOICE_SOURCES`."""
    if raw is None:
        return None
    if isinstance(raw, list):
        return tuple(raw)
    sources = ", ".join(CHOICE_SOURCES)
    if not isinstance(raw, Mapping) or set(raw) != {"from"}:
        raise ParameterError(
            f"{where}: parameter {name!r} has choices {raw!r}; "
            f"give a list or {{from: NAME}} with NAME one of: {sources}"
        )
    source = raw["from"]
    if source not in CHOICE_SOURCES:
        raise ParameterError(
            f"{where}: parameter {name!r} takes choices from {source!r}, which is not a "
            f"source; use one of: {sources}"
        )
    choices = CHOICE_SOURCES[source]()
    if not choices:
        raise ParameterError(
            f"{where}: parameter {name!r} takes choices from {source!r}, which is empty; "
            "check data/lexicon/ (see data/lexicon/README.md)"
        )
    return tuple(choices)


def _parse_spec(name: str, raw: Any, where: str) -> ParameterSpec:
    if not isinstance(raw, Mapping):
        raise ParameterError(f"{where}: parameter {name!r} must be a mapping with a 'type'")
    extra = sorted(set(raw) - SPEC_KEYS)
    if extra:
        raise ParameterError(f"{where}: parameter {name!r} has unknown key(s) {extra}")
    kind = raw.get("type")
    if kind not in PARAMETER_TYPES:
        raise ParameterError(
            f"{where}: parameter {name!r} has type {kind!r}; "
            f"use one of {', '.join(PARAMETER_TYPES)}"
        )
    spec = ParameterSpec(
        name=name,
        type=kind,
        default=raw.get("default"),
        nullable=bool(raw.get("nullable", False)),
        choices=_parse_choices(name, raw.get("choices"), where),
        help=str(raw.get("help", "")),
    )
    # a schema whose own default is invalid would fail every run; say so up front
    if spec.type not in ("input_file", "output_dir"):
        coerce_value(spec, spec.default, f"{where} default")
    return spec


def load_schema(path: str | os.PathLike[str]) -> ParameterSchema:
    """Read and check the parameter schema (``notebooks/params.yaml``)."""
    path = Path(path)
    raw = read_yaml(path, "parameter schema") or {}
    if not isinstance(raw, Mapping) or set(raw) - {"shared", "notebooks"}:
        raise ParameterError(
            f"parameter schema {str(path)!r} must have only 'shared' and 'notebooks' sections"
        )
    shared_raw = raw.get("shared") or {}
    shared = {n: _parse_spec(n, s, f"{path.name} shared") for n, s in shared_raw.items()}
    notebooks: dict[str, dict[str, ParameterSpec]] = {}
    for notebook, specs in (raw.get("notebooks") or {}).items():
        notebook = str(notebook)
        clash = sorted(set(specs or {}) & set(shared))
        if clash:
            raise ParameterError(
                f"{path.name}: notebook {notebook!r} redefines shared parameter(s) {clash}"
            )
        notebooks[notebook] = {
            n: _parse_spec(n, s, f"{path.name} notebooks.{notebook}")
            for n, s in (specs or {}).items()
        }
    return ParameterSchema(shared=shared, notebooks=notebooks)


def load_user_parameters(path: str | os.PathLike[str]) -> tuple[dict, dict[str, dict]]:
    """Read a ``--params`` file: ``(shared values, {notebook: values})``."""
    path = Path(path)
    raw = read_yaml(path, "parameter file") or {}
    if not isinstance(raw, Mapping):
        raise ParameterError(f"parameter file {str(path)!r} must be a mapping")
    unknown = sorted(set(raw) - {"shared", "notebooks"})
    if unknown:
        raise ParameterError(
            f"parameter file {str(path)!r}: unknown section {unknown[0]!r}; "
            "put values under 'shared:' or 'notebooks: {NAME: ...}'"
        )
    shared = raw.get("shared") or {}
    notebooks = raw.get("notebooks") or {}
    if not isinstance(shared, Mapping) or not isinstance(notebooks, Mapping):
        raise ParameterError(f"parameter file {str(path)!r}: sections must be mappings")
    per_notebook: dict[str, dict] = {}
    for name, values in notebooks.items():
        if not isinstance(values, Mapping):
            raise ParameterError(
                f"parameter file {str(path)!r}: notebooks.{name} must be a mapping of values"
            )
        per_notebook[str(name)] = dict(values)
    return dict(shared), per_notebook


def coerce_value(spec: ParameterSpec, value: Any, where: str = "") -> Any:
    """Check ``value`` against ``spec``; return it in the form passed to the notebook.

    Dates are passed as ISO strings (papermill writes them into a code cell, and every
    notebook validates them with :func:`analysis.core.params.check_date`).
    """
    label = f"parameter {shown(spec.name)}" + (f" ({where})" if where else "")
    if value is None:
        if spec.nullable:
            return None
        raise ParameterError(f"{label} must not be null; expected {spec.type}")
    kind = spec.type
    if kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "float":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok:
            try:
                value = float(value)
            except OverflowError:  # an int too large for a float
                value = math.inf
            if not math.isfinite(value):
                raise ParameterError(f"{label} = {shown(value)} must be a finite number")
    elif kind == "list[str]":
        if isinstance(value, str):
            value = [value]
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value.strip())
            except ValueError as exc:
                # the shape is right but the day is not (2024-02-30): say what is wrong
                reason = f" ({exc})" if _ISO_DATE_SHAPE.fullmatch(value.strip()) else ""
                raise ParameterError(
                    f"{label} = {shown(value)} is not a valid date{reason}; give YYYY-MM-DD"
                ) from None
        ok = isinstance(value, dt.date)
        value = value.isoformat() if ok else value
    elif kind == "str":
        ok = isinstance(value, str)
    else:  # input_file, output_dir: an empty path would mean the working directory
        ok = isinstance(value, str) and value.strip() != ""
    if not ok:
        raise ParameterError(f"{label} = {shown(value)} has the wrong type; expected {kind}")
    if spec.choices is not None:
        values = value if isinstance(value, list) else [value]
        bad = [v for v in values if v not in spec.choices]
        if bad:
            allowed = ", ".join(map(str, spec.choices))
            raise ParameterError(
                f"{label} = {shown(bad[0])} is not valid; choose one of: {allowed}"
            )
    return value


def resolve_output_dir(spec: ParameterSpec, value: str, run_dir: Path) -> str:
    """Check that output folder ``value`` (relative to ``run_dir``) stays inside the run
    folder: a run writes only into its own folder, never into an earlier run or ``latest``."""
    if "\0" in value:
        raise ParameterError(f"parameter {shown(spec.name)} = {shown(value)} is not a path")
    root = os.path.abspath(run_dir)
    target = os.path.normpath(os.path.join(root, value))
    if os.path.commonpath([target, root]) != root or target == root:
        raise ParameterError(
            f"parameter {shown(spec.name)} = {shown(value)} is not inside the run folder "
            "(a run writes only into its own folder); give a sub-folder such as 'figures'"
        )
    return value


def resolve_input_file(spec: ParameterSpec, value: str, base: Path) -> str:
    """Return input file ``value`` (relative to ``base``) as an absolute path; it must exist."""
    path = Path(value)
    path = path if path.is_absolute() else Path(base) / path
    try:
        found = path.is_file()
    except (OSError, ValueError):  # a name too long, a NUL byte
        found = False
    if not found:
        raise ParameterError(f"parameter {shown(spec.name)}: file {shown(value)} does not exist")
    return str(path.resolve())


@dataclass(frozen=True)
class ResolvedParameters:
    """Validated values per notebook, exactly as they will be injected."""

    shared: dict[str, Any]
    notebooks: dict[str, dict[str, Any]]


def did_you_mean(name: Any, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def resolve_parameters(
    schema: ParameterSchema,
    notebook_names: Iterable[str],
    *,
    shared_values: Mapping[str, Any] | None = None,
    notebook_values: Mapping[str, Mapping[str, Any]] | None = None,
    run_dir: Path,
    base_dir: Path | None = None,
) -> ResolvedParameters:
    """Merge defaults and user values, and validate them all; raise on the first problem.

    ``notebook_values`` may only name notebooks in ``notebook_names`` (the selected run)
    or notebooks documented in the schema; every value name must be documented. Output
    folders must lie inside ``run_dir`` (a placeholder for the run folder to be made).
    """
    names = list(notebook_names)
    shared_values = dict(shared_values or {})
    notebook_values = {k: dict(v) for k, v in (notebook_values or {}).items()}
    base_dir = Path(base_dir or Path.cwd())

    def check(spec: ParameterSpec, value: Any, where: str) -> Any:
        value = coerce_value(spec, value, where)
        if value is None:
            return None
        if spec.type == "output_dir":
            return resolve_output_dir(spec, value, run_dir)
        if spec.type == "input_file":
            return resolve_input_file(spec, value, base_dir)
        return value

    for name in shared_values:
        if name not in schema.shared:
            per_notebook = sorted(nb for nb, specs in schema.notebooks.items() if name in specs)
            hint = (
                f"it belongs to notebooks.{per_notebook[0]}"
                if per_notebook
                else did_you_mean(name, schema.shared)
                + f"known shared parameters: {', '.join(schema.shared)}"
            )
            raise ParameterError(f"unknown shared parameter {shown(name)}; {hint}")
    shared = {
        n: check(spec, shared_values.get(n, spec.default), "shared")
        for n, spec in schema.shared.items()
    }

    for notebook in notebook_values:
        if notebook not in names and notebook not in schema.notebooks:
            raise ParameterError(
                f"parameters given for unknown notebook {shown(notebook)}; "
                f"notebooks: {', '.join(names)}"
            )
    per_notebook: dict[str, dict[str, Any]] = {}
    for notebook in names:
        specs = schema.notebooks.get(notebook, {})
        given = notebook_values.get(notebook, {})
        for name in given:
            if name in schema.shared:
                raise ParameterError(
                    f"parameter {shown(name)} is shared; "
                    f"set it under 'shared:', not notebooks.{notebook}"
                )
            if name not in specs:
                known = ", ".join(specs) or "none besides the shared ones"
                raise ParameterError(
                    f"unknown parameter {shown(name)} for notebook {notebook}; "
                    f"{did_you_mean(name, specs)}known: {known}"
                )
        per_notebook[notebook] = {
            n: check(spec, given.get(n, spec.default), notebook) for n, spec in specs.items()
        }
    return ResolvedParameters(shared=shared, notebooks=per_notebook)


def check_declared(notebook: str, declared: Iterable[str], passed: Iterable[str]) -> None:
    """Fail if a parameter would be injected that the notebook's parameters cell lacks."""
    declared = set(declared)
    missing = [name for name in passed if name not in declared]
    if missing:
        raise ParameterError(
            f"parameter {shown(missing[0])} is documented for {notebook} in params.yaml but its "
            "parameters cell does not define it; add it there or remove it from params.yaml"
        )
