"""Exception classes for everything a user can get wrong.

The CLI turns any :class:`AnalysisError` into one line on stderr and exit status 2,
so messages must name the file, row or value at fault and say what to do.
"""

from __future__ import annotations


class AnalysisError(Exception):
    """Base class: a problem with the user's input, reported without a traceback."""

    def _render_traceback_(self) -> list[str]:
        """IPython shows this instead of a traceback: in a notebook (and in papermill's
        error) a bad parameter or file is its one line, as on the command line."""
        return [f"{type(self).__name__}: {self}"]


class CorpusError(AnalysisError):
    """The catalog or an article file is unusable."""


class ExtractionError(AnalysisError):
    """Claims or events cannot be extracted from the given input (e.g. no publication date)."""


class ParameterError(AnalysisError):
    """A notebook, report or CLI parameter is unknown or has a bad value."""


class OutputError(AnalysisError):
    """An output path cannot be written safely: a special file, a symlink, a folder, a
    missing parent folder or a name that is not UTF-8."""


class Interrupted(KeyboardInterrupt):
    """The process got SIGTERM or SIGINT; ``signum`` says which. A ``KeyboardInterrupt``,
    so every ``finally`` and cleanup handler runs as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class FactsError(AnalysisError):
    """Committed facts or curated overrides are missing, malformed or stale."""
