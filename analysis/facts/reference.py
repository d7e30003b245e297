"""Reference claims: figures from public reporting, coded by hand, beside the extracted ones.

``data/curated/reference_claims.csv`` (see its README) holds claims an analyst coded from
sources the corpus does not contain: who stated which figure, when, about what, with the
URL of the page that reported it (no article text). Analysts add their own rows the same
way, e.g. for television, Telegram or paywalled articles.

:func:`load_reference_claims` validates the file (one line naming the file, line and
column on any fault) and returns the claims as a typed frame with the claims columns of
:mod:`analysis.core.schema` (``source = "reference"``; quote, sentence and offsets empty).
:func:`with_reference` is the one place that puts extracted and reference claims together
for the notebooks, the explorer and the report.

Time: a figure's as-of interval is the one the source gives (``as_of_start``/``as_of_end``;
an end alone is that day); without it the figure is placed at the day it was stated
(``stated_on``), and failing that at its publication day; the column ``as_of_source`` says
which (``text`` | ``statement`` | ``publication``), with ``stated_on_start``/``_end``.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.core import paths
from analysis.core.errors import FactsError
from analysis.core.schema import CLAIM_COLUMNS, REQUIRED_BY_SOURCE, SOURCES, column
from analysis.core.tables import typed_frame

# The columns of the curated file, in order. Dates are YYYY-MM-DD or YYYY-MM (a month).
REFERENCE_COLUMNS: tuple[str, ...] = (
    "claim_id", "stated_on", "published", "outlet", "url", "language", "claimant_text",
    "claimants", "value", "lower", "upper", "approx", "vague", "qualifier", "unit",
    "counted_text", "actor", "location", "as_of_start", "as_of_end", "planned",
)
REQUIRED_CELLS: tuple[str, ...] = ("claim_id", "outlet", "url", "language", "unit", "actor")
# Ids of reference claims: a lower-case prefix, a dash and a name; no ":" (extracted claims'
# ids are "{article_id}:{start}", so the two can never collide).
CLAIM_ID = re.compile(r"[a-z]+-[A-Za-z0-9_.-]+")
CLAIMANT_CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
URL = re.compile(r"https?://\S+")
LANGUAGE = re.compile(r"[a-z]{2}")
PARTIAL_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
# Time columns the extractor adds with issue 11; reference claims fill them already.
TIME_COLUMNS: tuple[str, ...] = ("stated_on_start", "stated_on_end", "as_of_source")
AS_OF_SOURCES: tuple[str, ...] = ("text", "statement", "publication")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


def reference_claims_path() -> Path:
    """``data/curated/reference_claims.csv`` of the project (not of a relocated corpus).

    Public reporting is context for any corpus, so it is read from the project root even
    when ``NK_CLAIMS_CORPUS`` points the articles, facts and overrides elsewhere.
    """
    return paths.DATA_DIR / "curated" / "reference_claims.csv"


def _interval(text: str) -> tuple[dt.date, dt.date] | None:
    """``2024-11-04`` -> that day; ``2024-11`` -> the whole month; "" -> None."""
    if not text:
        return None
    match = PARTIAL_DATE.fullmatch(text)
    if not match:
        raise ValueError("write a date as YYYY-MM-DD or a month as YYYY-MM")
    year, month = int(match[1]), int(match[2])
    if match[3]:
        day = dt.date(year, month, int(match[3]))
        return day, day
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def _number(text: str) -> float | None:
    if not text:
        return None
    number = float(text.replace("_", "").replace(",", ""))
    if not math.isfinite(number) or number < 0:
        raise ValueError("a count is a finite number ≥ 0")
    return number


def _flag(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE or lowered in _FALSE:
        return lowered in _TRUE
    if not lowered:
        return False
    raise ValueError("write true or false")


def _qualifier(cells: dict[str, str], value: float | None, lower: float | None,
               upper: float | None, approx: bool, vague: bool) -> str | None:
    """The qualifier the bounds imply, unless the coder wrote one."""
    if cells["qualifier"]:
        column("claims", "qualifier").check(cells["qualifier"])
        return cells["qualifier"]
    if vague:
        return "vague"
    if lower is not None and upper is not None and lower != upper:
        return "range"
    if upper is not None and lower is None and value in (None, upper):
        return "up_to"
    if lower is not None and upper is None and value in (None, lower):
        return "at_least"
    return "about" if approx else None


def _claim(cells: dict[str, str]) -> dict[str, Any]:
    """One row of the curated file as a claims row (ValueError names the column)."""

    def field(name: str, parse: Any) -> Any:
        try:
            return parse(cells[name])
        except ValueError as exc:
            raise ValueError(f"column {name!r} = {cells[name]!r}: {exc}") from None

    for name in REQUIRED_CELLS:
        if not cells[name]:
            raise ValueError(f"column {name!r} is empty; it is required")
    if not CLAIM_ID.fullmatch(cells["claim_id"]):
        raise ValueError(f"claim_id {cells['claim_id']!r} is not like ref-001 (a lower-case "
                         "prefix, a dash, then letters, digits, '.', '_' or '-')")
    if not URL.fullmatch(cells["url"]):
        raise ValueError(f"url {cells['url']!r} is not an http(s) address")
    if not LANGUAGE.fullmatch(cells["language"]):
        raise ValueError(f"language {cells['language']!r} is not an ISO 639-1 code such as en")
    for name in ("unit", "actor"):
        try:
            column("claims", name).check(cells[name])
        except ValueError as exc:
            raise ValueError(f"column {name!r} = {cells[name]!r}: {exc}") from None
    codes = [c.strip() for c in cells["claimants"].split(";") if c.strip()]
    bad = [c for c in codes if not CLAIMANT_CODE.fullmatch(c)]
    if bad:
        raise ValueError(f"claimants {bad[0]!r} is not a code such as USA or NATO "
                         "(several: USA;KOR; empty: the outlet states it)")
    value, lower, upper = (field(n, _number) for n in ("value", "lower", "upper"))
    if lower is not None and upper is not None and lower > upper:
        raise ValueError(f"lower {cells['lower']} is above upper {cells['upper']}")
    approx, vague, planned = (field(n, _flag) for n in ("approx", "vague", "planned"))
    stated, published = field("stated_on", _interval), field("published", _interval)
    if stated is None and published is None:
        raise ValueError("stated_on and published are both empty; give at least one")
    start, end = field("as_of_start", _interval), field("as_of_end", _interval)
    if start is not None or end is not None:
        as_of = ((start or end)[0], (end or start)[1])
        if as_of[0] > as_of[1]:
            raise ValueError(f"as_of_start {cells['as_of_start']} is after as_of_end "
                             f"{cells['as_of_end']}")
        as_of_source = "text"
    elif stated is not None:
        as_of, as_of_source = stated, "statement"
    else:
        as_of, as_of_source = published, "publication"
    # Known from the day the page appeared; a month-only date counts from its last day.
    published_day = (published or stated)[1]
    return {
        "claim_id": cells["claim_id"], "source": "reference", "article_id": None,
        "sentence_index": None, "sentence": None, "sentence_start": None, "start": None,
        "end": None, "quote": None,
        "value": value, "lower": lower, "upper": upper, "approx": approx,
        "qualifier": _qualifier(cells, value, lower, upper, approx, vague), "vague": vague,
        "unit": cells["unit"], "counted_text": cells["counted_text"] or None,
        "actor": cells["actor"], "location": cells["location"] or None,
        "location_text": None, "claimants": codes,
        "claimant_text": cells["claimant_text"] or None,
        "as_of_start": as_of[0], "as_of_end": as_of[1], "as_of_text": None, "since": None,
        "planned": planned, "increment": False, "published": published_day,
        "language": cells["language"], "flags": [], "outlet": cells["outlet"],
        "url": cells["url"],
        "stated_on_start": stated[0] if stated else None,
        "stated_on_end": stated[1] if stated else None,
        "as_of_source": as_of_source,
    }


def parse_reference_csv(text: str, where: str) -> pd.DataFrame:
    """Claims from the text of a reference file; :class:`FactsError` names ``where:line``."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != list(REFERENCE_COLUMNS):
        raise FactsError(f"{where}: the header must be exactly {','.join(REFERENCE_COLUMNS)}")
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(REFERENCE_COLUMNS):
            raise FactsError(f"{where}:{line}: {len(cells)} cells, expected "
                             f"{len(REFERENCE_COLUMNS)}")
        named = {n: c.strip() for n, c in zip(REFERENCE_COLUMNS, cells, strict=True)}
        try:
            row = _claim(named)
        except ValueError as exc:
            raise FactsError(f"{where}:{line}: {exc}; fix the row (see "
                             "data/curated/README.md)") from None
        if row["claim_id"] in seen:
            raise FactsError(f"{where}:{line}: claim_id {row['claim_id']!r} is already used "
                             f"on line {seen[row['claim_id']]}; give each claim its own id")
        seen[row["claim_id"]] = line
        rows.append(row)
    return reference_frame(rows)


def reference_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Typed claims frame of reference rows, plus the time columns the schema lacks yet."""
    rows = list(rows)
    frame = typed_frame(rows, "claims")
    frame["overridden"] = pd.Series([[] for _ in rows], index=frame.index, dtype="object")
    for name in TIME_COLUMNS:
        if name in CLAIM_COLUMNS:
            continue
        cells = [row.get(name) for row in rows]
        frame[name] = (pd.to_datetime(pd.Series(cells, dtype="object")).astype("datetime64[ns]")
                       if name.startswith("stated_on") else pd.Series(cells, dtype="str"))
    check_required_by_source(frame)
    return frame


def check_required_by_source(frame: pd.DataFrame, where: str = "claims") -> None:
    """Fail when a claim lacks a column its source needs (``schema.REQUIRED_BY_SOURCE``)."""
    for source, needed in REQUIRED_BY_SOURCE.items():
        rows = frame[frame["source"] == source]
        for name in needed:
            missing = rows[rows[name].isna()]
            if len(missing):
                raise FactsError(f"{where}: {source} claim {missing['claim_id'].iloc[0]} has "
                                 f"no {name}; {SOURCES[source]}")


def load_reference_claims(path: str | Path | None = None) -> pd.DataFrame:
    """The reference claims as a typed claims frame (``source = "reference"``).

    ``path=None`` reads :func:`reference_claims_path`; a missing default file gives an
    empty frame, a missing explicit file a :class:`FactsError`.
    """
    explicit = path is not None
    path = Path(path) if explicit else reference_claims_path()
    if not path.is_file():
        if explicit:
            raise FactsError(f"reference claims file {path} does not exist; check the path")
        return reference_frame([])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FactsError(f"reference claims file {path} is unreadable ({exc}); save it as "
                         "UTF-8 CSV") from None
    return parse_reference_csv(text, str(path))


def with_reference(claims: pd.DataFrame, reference: bool | pd.DataFrame = True) -> pd.DataFrame:
    """Extracted ``claims`` and, unless ``reference`` is False, the reference claims.

    ``reference`` is True (the committed reference file), False (extracted claims only) or
    a frame from :func:`load_reference_claims`. The result has the columns of both; an
    extracted claim without the time columns gets ``as_of_source`` from its as-of dates
    (``text`` when it has them, else ``publication``), as the extractor's time columns will
    say once they exist. Rows: extracted first, then reference, each in their own order.
    """
    extracted = claims.copy()
    # A claims file written before these columns existed (or by hand) leaves them empty:
    # its rows are extracted claims, timed by their text when they have as-of dates.
    if "source" not in extracted.columns:
        extracted["source"] = "extracted"
    else:
        extracted["source"] = extracted["source"].astype(object).where(
            extracted["source"].notna(), "extracted")
    dated = extracted["as_of_start"].notna() | extracted["as_of_end"].notna()
    derived = pd.Series(["text" if d else "publication" for d in dated],
                        index=extracted.index, dtype=object)
    if "as_of_source" not in extracted.columns:
        extracted["as_of_source"] = derived.astype("str")
    else:
        extracted["as_of_source"] = extracted["as_of_source"].astype(object).where(
            extracted["as_of_source"].notna(), derived)
    if reference is False:
        return extracted
    others = load_reference_claims() if reference is True else reference
    if others.empty:
        return extracted
    clash = set(extracted["claim_id"]) & set(others["claim_id"])
    if clash:
        raise FactsError(f"claim id {sorted(clash)[0]!r} is both extracted and a reference "
                         "claim; rename the reference claim")
    combined = pd.concat([extracted, others], ignore_index=True, sort=False)
    combined.attrs = dict(claims.attrs)
    for name in ("stated_on_start", "stated_on_end"):
        if name in combined.columns:
            combined[name] = pd.to_datetime(combined[name]).astype("datetime64[ns]")
    return combined


# --- import of the shared reference timeline ---------------------------------------------

# The shared file's columns -> ours; its `note` (a paraphrase) is not copied.
_SHARED_COLUMNS = {
    "stated_on": "claim_date", "published": "published", "outlet": "outlet", "url": "url",
    "language": "language", "claimant_text": "claimant", "claimants": "claimant_code",
    "value": "value", "lower": "lower", "upper": "upper", "approx": "approx",
    "vague": "vague", "unit": "unit", "counted_text": "counted", "actor": "actor",
    "location": "location", "as_of_start": "as_of_start", "as_of_end": "as_of_end",
    "planned": "planned",
}


def convert_public_reporting(text: str) -> tuple[str, list[str]]:
    """The shared ``claims_public_reporting.csv`` as our curated file, and the rows left out.

    Ids are ``ref-001``… in the shared file's order; a row without any date (neither the
    day it was stated nor published) cannot be placed in time and is left out, named in
    the second value.
    """
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REFERENCE_COLUMNS)
    skipped = []
    number = 0
    for line, row in enumerate(rows, start=2):
        if not (row.get("claim_date") or "").strip() and not (row.get("published") or "").strip():
            skipped.append(f"line {line}: {row.get('outlet')}, {row.get('value')} "
                           f"{row.get('unit')} (no date)")
            continue
        number += 1
        cells = {ours: (row.get(theirs) or "").strip() for ours, theirs in _SHARED_COLUMNS.items()}
        cells.update(claim_id=f"ref-{number:03d}", qualifier="")
        writer.writerow([cells[name] for name in REFERENCE_COLUMNS])
    return out.getvalue(), skipped


def _main(argv: list[str]) -> int:
    """``python -m analysis.facts.reference SHARED_CSV`` prints the curated file."""
    if len(argv) != 1:
        print("usage: python -m analysis.facts.reference "
              "../shared/reference/claims_public_reporting.csv > "
              "data/curated/reference_claims.csv", file=sys.stderr)
        return 2
    try:
        converted, skipped = convert_public_reporting(Path(argv[0]).read_text(encoding="utf-8"))
    except OSError as exc:
        print(f"{argv[0]}: cannot read ({exc.strerror})", file=sys.stderr)
        return 2
    parse_reference_csv(converted, "converted file")  # fails here, not when a notebook loads
    sys.stdout.write(converted)
    for line in skipped:
        print(f"left out: {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
