"""The development set (tests/data/devset/): well-formed, and the extractor reaches the
issue's targets on it (detection F1 >= 0.95, every attribute >= 0.90). The figures
themselves are printed by benchmarks/devset_score.py (make accuracy)."""

from __future__ import annotations

import pytest

from benchmarks.devset_score import DEVSET, Result, load, score

DETECTION_F1 = 0.95
ATTRIBUTE_ACCURACY = 0.90


@pytest.fixture(scope="module")
def result() -> Result:
    return score(load([DEVSET]))


def test_devset_covers_both_languages() -> None:
    articles = [article for _, article in load([DEVSET])]
    assert {article["language"] for article in articles} == {"de", "en"}
    assert sum(len(article["claims"]) for article in articles) >= 100


def test_detection(result: Result) -> None:
    assert result.f1() >= DETECTION_F1, result.errors


def test_every_attribute(result: Result) -> None:
    low = {name: result.accuracy(name) for name in result.attributes
           if result.accuracy(name) < ATTRIBUTE_ACCURACY}
    assert not low, (low, result.errors)
    assert {"claimants", "claimant_text", "actor", "location", "unit"} <= set(result.attributes)
    # the time columns (tests/data/devset/time_*.json)
    assert {"as_of", "as_of_source", "stated_on", "since", "planned"} <= set(result.attributes)
