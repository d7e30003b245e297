"""The restricted YAML reader of parameter files (``notebooks/params.yaml``, ``--params``).

A parameter file holds a few plain values, and may come from anywhere (a scheduled job's
configuration, a colleague's e-mail). PyYAML's safe loader runs no code, but it still
accepts what a parameter file never needs and an attacker can use: aliases (a file of about
600 bytes of nested aliases expands to gigabytes, and its error message with it), merge keys,
nesting deep enough to end in Python's ``RecursionError``, files of any size, and unquoted
dates that fail with a ``ValueError`` traceback when impossible (``2024-02-30``). Here, each
is refused with one line naming the file and line: at most :data:`MAX_FILE_BYTES` are read,
nesting is capped at :data:`MAX_DEPTH`, anchors, aliases, merge keys and duplicate keys are
errors, and dates stay text for the parameter checks to read (and to report when invalid).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from analysis.core.errors import ParameterError

# Limits of a parameter file (the project's params.yaml is a few kB, 5 levels deep).
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep; parameters are names with plain values"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Refused(Exception):
    """A construct the parameter loader does not accept; ``line`` is 1-based."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.line = mark.line + 1 if mark is not None else None


class _ParameterLoader(yaml.SafeLoader):
    """SafeLoader for parameter files: plain values only.

    Refuses anchors and aliases (a few hundred bytes of nested aliases expand to gigabytes),
    merge keys (``<<``), nesting deeper than :data:`MAX_DEPTH` (Python's recursion limit
    would end in a traceback) and duplicate keys (plain YAML keeps the last one silently, so
    a parameter documented twice would lose its first definition without a word). Dates stay
    text: the parameter checks turn them into dates, with a message for an impossible one.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def fetch_flow_collection_start(self, token_class: Any) -> None:
        # flow brackets are counted as they are read: scanning 100,000 nested "[" before
        # the composer sees the first one would take seconds
        if self.flow_level >= MAX_DEPTH:
            raise _Refused(_TOO_DEEP, self.get_mark())
        super().fetch_flow_collection_start(token_class)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                "anchors and aliases (&name, *name) are not allowed; write each value out",
                event.start_mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(_TOO_DEEP, event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                raise _Refused("merge keys (<<) are not allowed; write each value out",
                               key_node.start_mark)
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:  # a list or mapping as key: SafeLoader says so itself
                duplicate = False
            if duplicate:
                raise _Refused(f"duplicate key {shown(key)}; keep one", key_node.start_mark)
            if not isinstance(key, list | dict):
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def shown(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages about values of any size."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def read_yaml(path: Path, what: str) -> Any:
    """The YAML document in ``path`` (``what`` names it in messages), read within the limits
    above; every problem is a one-line :class:`ParameterError`."""
    where = f"{what} {shown(str(path), 200)}"
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # bounded: also for /dev/zero or a FIFO
    except FileNotFoundError as exc:
        raise ParameterError(f"{where} does not exist") from exc
    except IsADirectoryError as exc:
        raise ParameterError(f"{where} is a folder; give a YAML file") from exc
    except OSError as exc:
        raise ParameterError(f"{where} cannot be read ({exc.strerror})") from exc
    if len(data) > MAX_FILE_BYTES:
        raise ParameterError(
            f"{where} is larger than {MAX_FILE_BYTES // 1_000_000} MB; a parameter file holds "
            "a few values"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParameterError(f"{where} cannot be read as UTF-8 text; save it as UTF-8") from exc
    try:
        return yaml.load(text, Loader=_ParameterLoader)  # noqa: S506 - a SafeLoader subclass
    except _Refused as exc:
        raise ParameterError(f"{where} line {exc.line}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        detail = f" ({shown(problem, 80)[1:-1]})" if isinstance(problem, str) else ""
        raise ParameterError(f"{where}{line} is not valid YAML{detail}; fix it") from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer of 5,000 digits
        raise ParameterError(f"{where} has a value that cannot be read: {shown(str(exc), 80)}"
                             ) from None
