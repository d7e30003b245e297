"""Shared test setup: the whole suite runs on the reference corpus in tests/reference/.

Importing the plugin here as well covers runs that override ``addopts`` (``-o addopts=``);
it must stay the first import, before anything imports ``analysis``.
"""

from __future__ import annotations

import tests.corpus_plugin  # noqa: F401  (sets NK_CLAIMS_CORPUS, checks analysis.core.paths)
from tests.support.local_web import local_web  # noqa: F401  (the local web site fixture)
