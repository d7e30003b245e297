"""pytest plugin: every test and every nbval run uses the reference corpus in tests/reference/.

Loaded by ``-p tests.corpus_plugin`` in ``pyproject.toml``'s ``addopts``, so it applies to
the notebooks collected from ``notebooks/`` as well (``tests/conftest.py`` does not reach
them); ``tests/conftest.py`` imports it too, for runs that override ``addopts``. The
variable is set at import, before any ``analysis`` module is imported, because
:mod:`analysis.core.paths` reads it once; kernels, subprocesses and xdist workers inherit it.
"""

from __future__ import annotations

import os
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent / "reference"

os.environ["NK_CLAIMS_CORPUS"] = str(REFERENCE)

from analysis.core import paths  # noqa: E402  (must come after the variable is set)

if paths.CORPUS_ENV != "NK_CLAIMS_CORPUS" or paths.CORPUS_DIR != REFERENCE:
    raise RuntimeError(
        f"the tests would read the corpus in {paths.CORPUS_DIR}, not {REFERENCE}: "
        "analysis.core.paths was imported before tests.corpus_plugin set the corpus "
        "(load it first: `-p tests.corpus_plugin` in pyproject addopts)"
    )
