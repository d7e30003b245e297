"""The one gazetteer reader, and what a location code says about its country.

The gazetteer ``data/geo/gazetteer_kursk.csv`` (see ``data/geo/README.md``) lists the towns
the extractor recognises (English and German names; a claim's ``location`` is the English
name) and where they lie (``iso_a2``, ``admin1_iso``, ``lat``/``lon``). Extraction reads it
to find towns (:mod:`analysis.extract.mentions`), geo to place them on maps
(:mod:`analysis.geo.layers`, which turns these rows into points): both through
:func:`gazetteer`.

A location code is one of three kinds (:func:`place_kind`): an ISO 3166-1 alpha-3 country
(``RUS``), an ISO 3166-2 region (``RU-KRS``) or a gazetteer town (``Sudzha``).
:func:`country_of` gives the alpha-3 country of any of them, via
``data/lexicon/countries.csv`` (alpha-2 -> alpha-3).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import AnalysisError, ExtractionError
from analysis.lexicon import reader
from analysis.lexicon.caches import cached

GAZETTEER_FILE = "gazetteer_kursk.csv"
# Columns every reader relies on (the file has more: sources, population, notes ...).
GAZETTEER_COLUMNS: tuple[str, ...] = (
    "name", "name_de", "name_ru", "lat", "lon", "kind", "iso_a2", "admin1_iso",
)

_REGION_CODE = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")


def gazetteer_path(geo_dir: Path | str | None = None) -> Path:
    """The gazetteer file in ``geo_dir`` (default ``data/geo/``)."""
    return Path(geo_dir if geo_dir is not None else paths.GEO_DIR) / GAZETTEER_FILE


@cached
def _read(path: Path) -> tuple[tuple[str, ...], tuple[dict[str, str], ...]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle)
            header = tuple(rows.fieldnames or ())
            missing = [c for c in GAZETTEER_COLUMNS if c not in header]
            if missing:
                raise ExtractionError(
                    f"gazetteer {path} lacks column(s) {', '.join(sorted(missing))}; restore it"
                )
            found = []
            for row in rows:
                if None in row:
                    raise ExtractionError(
                        f"gazetteer {path}, line {rows.line_num}: more cells than columns; "
                        "quote values that contain commas"
                    )
                if None in row.values():  # csv fills a short row's missing cells with None
                    raise ExtractionError(
                        f"gazetteer {path}, line {rows.line_num}: fewer cells than columns "
                        "(is the file cut short?); restore it (see data/geo/README.md)"
                    )
                found.append({key: value or "" for key, value in row.items()})
    except FileNotFoundError:
        raise ExtractionError(
            f"gazetteer {path} is missing; copy it from the geodata bundle "
            "(see data/geo/README.md)"
        ) from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ExtractionError(f"gazetteer {path} is unreadable ({exc}); restore it") from None
    return header, tuple(found)


def gazetteer(
    geo_dir: Path | str | None = None, *, error: type[AnalysisError] = ExtractionError
) -> tuple[dict[str, str], ...]:
    """The gazetteer's rows (every column, as strings; empty cells are ``""``).

    A missing or malformed file raises ``error`` (geo passes its own error class) with a
    one-line message naming the file and what to do.
    """
    return _checked(geo_dir, error)[1]


def gazetteer_header(
    geo_dir: Path | str | None = None, *, error: type[AnalysisError] = ExtractionError
) -> tuple[str, ...]:
    """The gazetteer's columns, in file order."""
    return _checked(geo_dir, error)[0]


def _checked(
    geo_dir: Path | str | None, error: type[AnalysisError]
) -> tuple[tuple[str, ...], tuple[dict[str, str], ...]]:
    try:
        return _read(gazetteer_path(geo_dir))
    except ExtractionError as exc:
        if error is ExtractionError:
            raise
        raise error(str(exc)) from None


def place_kind(code: str) -> str:
    """``country`` for alpha-3 codes, ``region`` for ISO 3166-2, else ``town``."""
    if len(code) == 3 and code.isalpha() and code.isupper():
        return "country"
    if _REGION_CODE.fullmatch(code):
        return "region"
    return "town"


@cached
def _alpha2_to_alpha3() -> dict[str, str]:
    return {row["alpha2"]: row["alpha3"] for row in reader.table(None, "countries")}


@cached
def _town_alpha2() -> dict[str, str]:
    towns: dict[str, str] = {}
    for row in gazetteer():
        towns.setdefault(row["name"], row["iso_a2"])  # the first row of a name, as before
    return towns


def country_of(code: str | None) -> str | None:
    """Alpha-3 country of a location code: RU-KRS -> RUS, UA-59 -> UKR, Sudzha -> RUS."""
    if not code:
        return None
    kind = place_kind(code)
    if kind == "country":
        return code
    if kind == "region":
        return _alpha2_to_alpha3().get(code[:2])
    alpha2 = _town_alpha2().get(code)
    return None if alpha2 is None else _alpha2_to_alpha3().get(alpha2)
