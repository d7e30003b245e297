"""Accuracy of the claims extractor on the project's development set (not a test).

    .venv/bin/python benchmarks/devset_score.py [FILE_OR_DIR ...] [--errors]

Reads the annotated articles of ``tests/data/devset/*.json`` (format: ``tests/data/README.md``;
other files or folders may be given), runs :func:`analysis.extract.claims.find_claims` on
each and prints one table: detection precision, recall and F1 (a gold claim is found when
an extracted claim's span overlaps its quote; one to one, in text order) and, over the
found claims, the accuracy of every attribute the gold claims carry (``bounds`` = value,
lower and upper; ``as_of`` and ``stated_on`` = their start and end; ``claimants`` as a
set; any other claims column on its own). ``--errors`` lists every miss.
Targets (issue 11): detection F1 >= 0.95, every attribute >= 0.90.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.core.schema import CLAIM_COLUMNS  # noqa: E402
from analysis.extract.claims import find_claims  # noqa: E402

DEVSET = ROOT / "tests" / "data" / "devset"
GROUPS = {
    "bounds": ("value", "lower", "upper"),
    "as_of": ("as_of_start", "as_of_end"),
    "stated_on": ("stated_on_start", "stated_on_end"),
}
ARTICLE_KEYS = frozenset({"id", "language", "published", "text", "claims", "title", "note"})
CLAIM_EXTRA_KEYS = frozenset({"quote", "occurrence", "note"})


class DevsetError(ValueError):
    """A development-set file that does not follow tests/data/README.md."""


@dataclass
class Result:
    found: int = 0
    missed: int = 0
    spurious: int = 0
    attributes: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]
    errors: list[str] = field(default_factory=list)

    def precision(self) -> float:
        return self.found / (self.found + self.spurious) if self.found + self.spurious else 1.0

    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        right, total = self.attributes[name]
        return right / total if total else 1.0


def load(paths: list[Path]) -> list[tuple[Path, dict[str, Any]]]:
    """The articles of every JSON file under ``paths``, checked against the format."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    articles, ids = [], set()
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise DevsetError(f"{file}: not readable JSON ({exc})") from None
        for article in data.get("articles", []):
            _check(file, article, ids)
            articles.append((file, article))
    return articles


def _check(file: Path, article: dict[str, Any], ids: set[str]) -> None:
    where = f"{file.name}: article {article.get('id')!r}"
    unknown = set(article) - ARTICLE_KEYS
    if unknown or not {"id", "language", "published", "text", "claims"} <= set(article):
        raise DevsetError(f"{where}: needs id, language, published, text, claims (unknown: "
                          f"{sorted(unknown)})")
    if article["id"] in ids:
        raise DevsetError(f"{where}: id used twice")
    ids.add(article["id"])
    dt.date.fromisoformat(article["published"])
    for claim in article["claims"]:
        keys = set(claim) - CLAIM_EXTRA_KEYS
        bad = keys - set(CLAIM_COLUMNS)
        if bad:
            raise DevsetError(
                f"{where}: claim {claim.get('quote')!r} has unknown keys {sorted(bad)}")
        if span_of(article["text"], claim) is None:
            raise DevsetError(f"{where}: quote {claim.get('quote')!r} is not in the text")


def span_of(text: str, claim: dict[str, Any]) -> tuple[int, int] | None:
    quote, occurrence = claim.get("quote", ""), claim.get("occurrence", 1)
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            return None
    return start, start + len(quote)


def _normal(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return float(value)
    return value


def _same(name: str, gold: Any, system: Any) -> bool:
    if name == "claimants":
        return set(gold or []) == set(system or [])
    gold, system = _normal(gold), _normal(system)
    if isinstance(gold, float) and isinstance(system, float):
        return abs(gold - system) < 1e-6
    return gold == system


def score(articles: list[tuple[Path, dict[str, Any]]]) -> Result:
    result = Result()
    for _, article in articles:
        published = dt.date.fromisoformat(article["published"])
        rows = find_claims(article["text"], article["language"], published, article["id"])
        used: set[int] = set()
        for claim in article["claims"]:
            start, end = span_of(article["text"], claim)
            match = next((i for i, row in enumerate(rows) if i not in used
                          and row["start"] < end and start < row["end"]), None)
            if match is None:
                result.missed += 1
                result.errors.append(f"{article['id']}: missed {claim['quote']!r}")
                continue
            used.add(match)
            result.found += 1
            _attributes(article["id"], claim, rows[match], result)
        for i, row in enumerate(rows):
            if i not in used:
                result.spurious += 1
                result.errors.append(f"{article['id']}: spurious {row['quote']!r}")
    return result


def _attributes(
    article_id: str, claim: dict[str, Any], row: dict[str, Any], result: Result
) -> None:
    grouped = {key for keys in GROUPS.values() for key in keys}
    names = [name for name, keys in GROUPS.items() if any(k in claim for k in keys)]
    names += [key for key in claim
              if key not in grouped and key not in CLAIM_EXTRA_KEYS]
    for name in names:
        keys = [k for k in GROUPS.get(name, (name,)) if k in claim]
        right = all(_same(k, claim[k], row.get(k)) for k in keys)
        tally = result.attributes.setdefault(name, [0, 0])
        tally[0] += right
        tally[1] += 1
        if not right:
            shown = {k: _normal(row.get(k)) if k != "claimants" else row.get(k) for k in keys}
            wanted = {k: claim[k] for k in keys}
            result.errors.append(f"{article_id}: {claim['quote']!r} {name}: got {shown}, "
                                 f"want {wanted}")


def table(result: Result, articles: int) -> list[str]:
    lines = [f"devset articles={articles} gold={result.found + result.missed} "
             f"extracted={result.found + result.spurious}",
             f"detection precision={result.precision():.3f} recall={result.recall():.3f} "
             f"f1={result.f1():.3f}"]
    for name in sorted(result.attributes):
        right, total = result.attributes[name]
        lines.append(f"attribute {name:<14} accuracy={result.accuracy(name):.3f} ({right}/{total})")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEVSET])
    parser.add_argument("--errors", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"devset_score: skipped, not found: {', '.join(missing)}")
        return 0
    try:
        articles = load(args.paths)
    except DevsetError as exc:
        print(f"devset_score: {exc}", file=sys.stderr)
        return 2
    result = score(articles)
    print("\n".join(table(result, len(articles))))
    if args.errors:
        print("\n".join(result.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
