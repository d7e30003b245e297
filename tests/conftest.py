"""Shared test setup: the whole suite runs on the reference corpus in tests/reference/.

Importing the plugin here as well covers runs that override ``addopts`` (``-o addopts=``);
it must stay the first import, before anything imports ``analysis``.
"""

from __future__ import annotations

import tests.corpus_plugin  # noqa: F401  (sets NK_CLAIMS_CORPUS, checks analysis.core.paths)


import pytest  # noqa: E402  (after the corpus plugin, as above)


@pytest.fixture(scope="session")
def local_web():
    """The ingestion tests' local web site (tests/support/local_web.py): one server per
    test process (xdist worker), on a free port of 127.0.0.1, in a thread."""
    from tests.support.local_web import LocalWeb

    web = LocalWeb()
    yield web
    web.close()
