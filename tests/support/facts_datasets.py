"""Helpers for the tests of ``facts build --out``: a small synthetic corpus and its rows."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pandas as pd

from analysis.facts.dataset import extract_rules
from analysis.facts.query import query_facts


def dataset_rows(out: Path) -> dict[str, pd.DataFrame]:
    """Claims and events of a built dataset (as extracted: no overrides), in table order."""
    return {
        "claims": query_facts(source=out, apply_overrides=False),
        "events": query_facts("events", source=out),
    }


def assert_same_rows(left: Path, right: Path) -> None:
    """Two datasets hold the same claims and events, row for row, and no claim twice."""
    a, b = dataset_rows(left), dataset_rows(right)
    for kind in ("claims", "events"):
        pd.testing.assert_frame_equal(a[kind].drop(columns=["overridden"], errors="ignore"),
                                      b[kind].drop(columns=["overridden"], errors="ignore"))
    assert not a["claims"]["claim_id"].duplicated().any()
    assert not a["events"]["event_id"].duplicated().any()


def kill_worker_once(articles: list, marker: str) -> tuple[list, list]:
    """Extract a batch, but the first call anywhere kills its own process (a dying worker).

    ``marker`` is created atomically by the call that dies, so every later call (the retry
    on another worker) extracts normally.
    """
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return extract_rules(articles)
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable: the process was killed")
