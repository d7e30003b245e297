"""Checks of location parameters against the place vocabulary.

A notebook's ``location`` parameter must be a code the claims table can hold: the place
vocabulary (country and region codes, the gazetteer's towns) decides, the same one the
extraction used to write the ``location`` column.
"""

from __future__ import annotations

from typing import Any

from analysis.core.errors import ParameterError
from analysis.lexicon.gazetteer import country_of, place_kind


def check_location(name: str, value: Any) -> str | None:
    """A location code as the claims table stores it, or None (any location).

    Accepted: ISO alpha-3 (``RUS``), ISO 3166-2 (``RU-KRS``) or a gazetteer town (``Sudzha``).
    """
    if value is None or value == "":
        return None
    if isinstance(value, str) and (place_kind(value) != "town" or country_of(value)):
        return value
    raise ParameterError(
        f"parameter {name!r} = {value!r} is not a location code: use ISO alpha-3 (RUS), "
        "ISO 3166-2 (RU-KRS) or a town of data/geo/gazetteer_kursk.csv (None = any)"
    )
