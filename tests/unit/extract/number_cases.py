"""Shared helpers of the number tests."""

from __future__ import annotations

from analysis.extract.numbers import Quantity, find_quantities


def only(text: str, language: str) -> Quantity:
    found = find_quantities(text, language)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def texts(text: str, language: str) -> list[str]:
    return [q.text for q in find_quantities(text, language)]
