"""The date finder on KRAUTS (German news, TimeML), against HeidelTime, in one run (not a test).

    .venv/bin/python benchmarks/dates_krauts.py DIR [--errors N]

DIR is a folder of KRAUTS-style TimeML (``.tml``) files, or a folder of such folders (for
example ``../shared/bench/krauts``). A folder whose name ends in ``_Heideltime`` holds
HeidelTime's output for the folder of the same name without the suffix; ``*_raw-text``
folders are not annotated and are left out. Any folder of that format works: nothing here
depends on which documents it finds (the corpus is never copied into the repository).

For every gold file: the text of ``<TEXT>`` with the tags removed, the ``<DCT>`` as the
publication date, and the gold ``TIMEX3`` elements with their character offsets. The
project's date finder (:func:`analysis.extract.dates.find_time_expressions`, language
``de``) runs on the text; HeidelTime's tags are read from the sibling file.

Scoring (the same for both systems):

* Gold: the TIMEX3 of type **DATE** that cover some text (an empty TIMEX3 is TimeML's
  anchor of a duration, "vor <fünfzig Jahren>": no span to match, counted as
  ``skipped_empty``). Types DURATION, SET and TIME are **not scored**: their
  counts are printed, and a system's expression that overlaps only such gold expressions
  counts neither for nor against it. (The project's finder does not tag durations or clock
  times; HeidelTime's DURATION/SET tags that overlap no gold expression are left out too.)
* Relaxed span: a system expression matches a gold DATE when their character spans
  overlap; matching is one to one, in text order. span P = matched / system expressions,
  R = matched / gold, F1 their harmonic mean.
* Span + value: a matched pair whose values denote the same day interval. TIMEX3 values
  map to closed day intervals: a day (``1995-04-07``, also with a time ``T…``), an ISO
  week (``1995-W14``; ``-WE`` its weekend), a month, a season (``SP`` March-May, ``SU``
  June-August, ``FA``/``AU`` September-November, ``WI`` December-February, the
  meteorological seasons the project uses), a quarter ``Q1``-``Q4``, a half ``H1``/``H2``,
  a year (``1995``), a decade (``199``), a century (``19``), a millennium (``2``), and
  ``PRESENT_REF`` the
  publication day. ``mod`` START/MID/END takes that part of the period by the project's
  convention (:func:`analysis.extract.date_periods.part_of`); other mods are ignored.
  ``PAST_REF`` and ``FUTURE_REF`` (an unnamed earlier or later time: "damals", "bald")
  are compared as such, as TimeML compares value strings: the project's ``past`` and
  (undated) ``future`` expressions are those. Underspecified values (``XXXX-…``) have no
  interval: they can be matched by span, never by value. The project's expressions are scored by
  the period they name (``period_start`` .. ``period_end``: not cut at publication; for
  "seit …" the period after "seit"); a range counts as its two ends (``parts``), which
  TimeML tags apart ("von <1983> bis <1990>").

Prints one line per folder and a total line::

    KRAUTS_DieZeit files=50 gold_dates=… skipped_duration=… … ours_span_f1=… …
    total files=… ours_span_f1=… ours_value_f1=… heideltime_span_f1=… heideltime_value_f1=…

and one line and exit status 0 when DIR does not exist (the public data is optional).
``--errors N`` also prints up to N of the project's misses and wrong values per folder
(to the terminal only) for development.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.extract.date_periods import (  # noqa: E402
    month_bounds,
    part_of_span,
    season_instance,
)
from analysis.extract.dates import TimeExpression, find_time_expressions  # noqa: E402

HEIDELTIME_SUFFIX = "_Heideltime"
UNANNOTATED_SUFFIX = "_raw-text"
SCORED_TYPE = "DATE"
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}
PARTS = {"START": "start", "MID": "mid", "END": "end"}

Interval = tuple[dt.date, dt.date]
# What a value means: a day interval, or one of these references to an unnamed time.
REFERENCES = ("PAST_REF", "FUTURE_REF")
Meaning = Interval | str


@dataclass(frozen=True)
class Timex:
    """One tagged expression: its span in the text, TimeML type and value interval."""

    start: int
    end: int
    text: str
    type: str
    value: str
    interval: Meaning | None


@dataclass(frozen=True)
class Document:
    name: str
    published: dt.date
    text: str
    timexes: tuple[Timex, ...]


def timex_interval(value: str, mod: str | None, published: dt.date) -> Meaning | None:
    """The closed day interval a TIMEX3 value denotes (module docstring), or None."""
    if value in REFERENCES:
        return value
    interval = _bare_interval(value, published)
    if interval is None or mod not in PARTS:
        return interval
    return part_of_span(PARTS[mod], *interval)


def _bare_interval(value: str, published: dt.date) -> Interval | None:
    if value == "PRESENT_REF":
        return published, published
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", value)
    if match:
        day = dt.date(*map(int, match.groups()))
        return day, day
    match = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value)
    if match:
        year, week = int(match.group(1)), int(match.group(2))
        monday = dt.date.fromisocalendar(year, week, 1)
        if match.group(3):
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    match = re.fullmatch(r"(\d{4})-(\d\d)", value)
    if match:
        return month_bounds(int(match.group(1)), int(match.group(2)))
    match = re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value)
    if match:
        period = season_instance(SEASON_START[match.group(2)], int(match.group(1)))
        return period.start, period.end
    match = re.fullmatch(r"(\d{4})-([QH])([1-4])", value)
    if match:
        year, months = int(match.group(1)), 3 if match.group(2) == "Q" else 6
        first = (int(match.group(3)) - 1) * months + 1
        if first > 12:
            return None
        return month_bounds(year, first)[0], month_bounds(year, first + months - 1)[1]
    match = re.fullmatch(r"\d{1,4}", value)
    if match:
        width = 10 ** (4 - len(value))  # 1995: a year, 199: a decade, 19: a century, 2: 2000s
        first = int(value) * width
        if first < 1:
            return None
        return dt.date(first, 1, 1), dt.date(first + width - 1, 12, 31)
    return None


def _read(path: Path) -> tuple[dt.date, str, list[tuple[int, int, str, dict[str, str]]]]:
    """(DCT, text of <TEXT> without tags, [(start, end, tagged text, attributes)])."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None:
        raise ValueError(f"{path}: no <DCT><TIMEX3> or no <TEXT>: not KRAUTS TimeML")
    published = dt.date.fromisoformat(dct.get("value", "")[:10])
    pieces = [body.text or ""]
    position = len(pieces[0])
    tags = []
    for element in body:  # KRAUTS tags are not nested; nested text is kept as text
        inner = "".join(element.itertext())
        if element.tag == "TIMEX3":
            tags.append((position, position + len(inner), inner, dict(element.attrib)))
        pieces.append(inner)
        position += len(inner)
        pieces.append(element.tail or "")
        position += len(element.tail or "")
    return published, "".join(pieces), tags


def read_document(path: Path) -> Document:
    published, text, tags = _read(path)
    timexes = tuple(
        Timex(
            start, end, inner, attrs.get("type", ""), attrs.get("value", ""),
            timex_interval(attrs.get("value", ""), attrs.get("mod"), published),
        )
        for start, end, inner, attrs in tags
    )
    return Document(path.name, published, text, timexes)


def our_expressions(document: Document) -> list[Timex]:
    """The project's time expressions as Timex (type DATE, the period they name)."""
    found = []
    for whole in find_time_expressions(document.text, "de", document.published):
        for expression in whole.parts or (whole,):  # TimeML tags a range's ends apart
            found.append(_timex(expression))
    return found


def _timex(expression: TimeExpression) -> Timex:
    interval: Meaning | None = None
    if expression.period_start is not None and expression.period_end is not None:
        interval = (expression.period_start, expression.period_end)
    elif expression.kind == "past":
        interval = "PAST_REF"
    elif expression.kind == "future":
        interval = "FUTURE_REF"
    return Timex(
        expression.start, expression.end, expression.text, SCORED_TYPE, expression.kind,
        interval,
    )


@dataclass
class Score:
    """Counts of one system on one folder."""

    system: int = 0
    gold: int = 0
    span: int = 0
    value: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.system += other.system
        self.gold += other.gold
        self.span += other.span
        self.value += other.value

    @staticmethod
    def f1(hits: int, system: int, gold: int) -> float:
        if hits == 0:
            return 0.0
        precision, recall = hits / system, hits / gold
        return 2 * precision * recall / (precision + recall)

    def span_f1(self) -> float:
        return self.f1(self.span, self.system, self.gold)

    def value_f1(self) -> float:
        return self.f1(self.value, self.system, self.gold)


def _overlaps(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def _days(interval: Meaning | None) -> str:
    if isinstance(interval, tuple):
        return f"{interval[0]}..{interval[1]}"
    return interval or "-"


def _context(document: Document, timex: Timex) -> str:
    """The words around a tagged expression, for --errors (printed, never stored)."""
    text = document.text[max(0, timex.start - 60):timex.end + 40]
    return f"(pub {document.published}) …{' '.join(text.split())}…"


def score(document: Document, predicted: Iterable[Timex], keep_misses: bool) -> Score:
    """Relaxed span and span + value counts of one system on one document."""
    # An empty TIMEX3 (TimeML's anchor of a duration, "vor <fünfzig Jahren>") has no span.
    gold = [t for t in document.timexes if t.type == SCORED_TYPE and t.text.strip()]
    unscored = [t for t in document.timexes if t.type != SCORED_TYPE]
    result = Score(gold=len(gold))
    matched: set[int] = set()
    for guess in sorted(predicted, key=lambda t: (t.start, t.end)):
        partner = next(
            (i for i, g in enumerate(gold) if i not in matched and _overlaps(guess, g)), None
        )
        if partner is None:
            if any(_overlaps(guess, other) for other in unscored):
                continue  # overlaps a duration, set or clock time only: not scored
            if guess.type not in (SCORED_TYPE, "TIME"):
                continue  # a system's own duration or set tag: no date claimed
            result.system += 1
            if keep_misses:
                where = _context(document, guess)
                shown = f"{guess.text!r} -> {_days(guess.interval)}"
                result.misses.append(f"  extra   {shown}  {where}")
            continue
        matched.add(partner)
        result.system += 1
        result.span += 1
        expected = gold[partner]
        if expected.interval is not None and guess.interval == expected.interval:
            result.value += 1
        elif keep_misses:
            result.misses.append(
                f"  value   {guess.text!r} -> {_days(guess.interval)}; gold {expected.text!r} "
                f"{expected.value} -> {_days(expected.interval)}  {_context(document, guess)}"
            )
    if keep_misses:
        for index, expected in enumerate(gold):
            if index not in matched:
                result.misses.append(
                    f"  missed  {expected.text!r} {expected.value}  {_context(document, expected)}"
                )
    return result


def gold_folders(root: Path) -> list[Path]:
    """Annotated folders under ``root`` (``root`` itself if it holds .tml files)."""
    candidates = [root] + sorted(p for p in root.iterdir() if p.is_dir())
    return [
        folder for folder in candidates
        if not folder.name.endswith((HEIDELTIME_SUFFIX, UNANNOTATED_SUFFIX))
        and any(folder.glob("*.tml"))
    ]


def _line(name: str, fields: dict[str, object]) -> str:
    return name + " " + " ".join(f"{key}={value}" for key, value in fields.items())


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("folder", type=Path, help="KRAUTS folder (e.g. ../shared/bench/krauts)")
    options.add_argument(
        "--errors", type=int, default=0, metavar="N",
        help="print up to N of the project's misses per folder (terminal only)",
    )
    args = options.parse_args(argv)
    if not args.folder.is_dir():
        print(f"dates_krauts: skipped: {args.folder} does not exist (KRAUTS is optional; "
              "see ../shared/bench/README.md)")
        return 0
    folders = gold_folders(args.folder)
    if not folders:
        print(f"dates_krauts: skipped: no .tml files in {args.folder} or its folders")
        return 0
    total_ours, total_theirs, total_files, any_heideltime = Score(), Score(), 0, False
    for folder in folders:
        theirs_folder = folder.with_name(folder.name + HEIDELTIME_SUFFIX)
        ours, theirs = Score(), Score()
        skipped: dict[str, int] = {}
        files = sorted(folder.glob("*.tml"))
        missing_heideltime = 0
        for path in files:
            document = read_document(path)
            for timex in document.timexes:
                if timex.type != SCORED_TYPE:
                    skipped[timex.type] = skipped.get(timex.type, 0) + 1
                elif not timex.text.strip():
                    skipped["EMPTY"] = skipped.get("EMPTY", 0) + 1
            ours.add(found := score(document, our_expressions(document), args.errors > 0))
            ours.misses.extend(found.misses)
            heideltime_path = theirs_folder / path.name
            if heideltime_path.is_file():
                tagged = read_document(heideltime_path)
                if tagged.text != document.text:
                    raise SystemExit(f"{heideltime_path}: its text differs from {path}")
                theirs.add(score(document, tagged.timexes, False))
            else:
                missing_heideltime += 1
        fields: dict[str, object] = {"files": len(files), "gold_dates": ours.gold}
        for kind in ("DURATION", "SET", "TIME", "EMPTY"):
            fields[f"skipped_{kind.lower()}"] = skipped.get(kind, 0)
        fields["ours_span_f1"] = f"{ours.span_f1():.3f}"
        fields["ours_value_f1"] = f"{ours.value_f1():.3f}"
        if missing_heideltime < len(files):
            any_heideltime = True
            fields["heideltime_span_f1"] = f"{theirs.span_f1():.3f}"
            fields["heideltime_value_f1"] = f"{theirs.value_f1():.3f}"
        if missing_heideltime:
            fields["heideltime_missing_files"] = missing_heideltime
        print(_line(folder.name, fields))
        if args.errors:
            for name, counts in (("ours", ours), ("heideltime", theirs)):
                print(f"  {name}: system={counts.system} gold={counts.gold} "
                      f"span_matches={counts.span} value_matches={counts.value}")
        for miss in ours.misses[: args.errors]:
            print(miss)
        total_ours.add(ours)
        total_theirs.add(theirs)
        total_files += len(files)
    totals: dict[str, object] = {
        "files": total_files,
        "ours_span_f1": f"{total_ours.span_f1():.3f}",
        "ours_value_f1": f"{total_ours.value_f1():.3f}",
    }
    if any_heideltime:
        totals["heideltime_span_f1"] = f"{total_theirs.span_f1():.3f}"
        totals["heideltime_value_f1"] = f"{total_theirs.value_f1():.3f}"
    print(_line("total", totals))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
