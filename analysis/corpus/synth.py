"""A synthetic corpus with its gold claims, for scale tests and benchmarks.

``python -m analysis synth --articles N --out DIR [--seed S]`` writes ``DIR/catalog.csv``
(the catalog format of :mod:`analysis.corpus.catalog`), one ``<id>.txt`` per article,
``DIR/gold_claims.csv`` (every numeric claim the generator wrote, with its offsets) and a
``README.md`` saying how the folder was made. ``facts build --corpus DIR`` reads it like
``seeds/``.

The articles are German and English news prose made from this module's own templates (no
news text is copied): 14-40 sentences (about 250-800 words), two to eight numeric claims
each, with a qualifier, a counted noun, a place, a claimant and often a date, as on the
topic's real coverage (the seed has five claims in 391 words). No sentence occurs twice
in a corpus: every sentence is checked against a set of 64-bit digests of those already
written, so that the corpus has the variety of real text (and no cache can fake speed).

Article ``i`` of seed ``S`` depends only on ``S``, ``i`` and the articles before it, so
``--articles 10100`` is ``--articles 10000`` plus 100 new articles (an incremental update).

**Gold.** A claim *comes out* when the extracted claims hold one with the same article,
offsets, value, lower, upper and unit (:data:`IDENTITY`); the other gold fields (actor,
location, claimants, qualifier) are what the text says and are compared as agreement rates
(:func:`check_gold`), since the attribution rules may legitimately improve on them.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.core.atomic import atomic_write_text
from analysis.core.errors import ParameterError
from analysis.core.schema import is_missing
from analysis.corpus.catalog import CATALOG_COLUMNS
from analysis.corpus.synth_templates import (
    CLAIM_TEMPLATES,
    CLAIMANTS,
    FILLER,
    FORCES,
    GOODS,
    GOODS_TEMPLATES,
    MONTHS,
    NUMBER_STEPS,
    OUTLETS,
    PLACES,
    QUALIFIERS,
)

GOLD_FILE = "gold_claims.csv"
GOLD_COLUMNS: tuple[str, ...] = (
    "claim_id", "article_id", "start", "end", "quote", "value", "lower", "upper", "qualifier",
    "unit", "actor", "location", "claimants",
)
# What makes an extracted claim the gold claim; the rest is compared as agreement.
IDENTITY: tuple[str, ...] = ("article_id", "start", "end", "value", "lower", "upper", "unit")
AGREEMENT: tuple[str, ...] = ("quote", "qualifier", "actor", "location", "claimants")
FIRST_DAY, LAST_DAY = dt.date(2023, 7, 1), dt.date(2025, 6, 30)  # 24 publication months


@dataclass
class SynthArticle:
    """One generated article: catalog row, text and gold claims (offsets into ``text``)."""

    row: dict[str, str]
    text: str
    gold: list[dict[str, Any]]


def _figure(rng: random.Random, language: str) -> tuple[str, int]:
    step = rng.choice(NUMBER_STEPS)
    value = step * rng.randint(2 if step >= 500 else 3, 24 if step >= 500 else 120)
    separator = "." if language == "de" else ","
    return (f"{value:,}".replace(",", separator) if value >= 1000 else str(value)), value


def _when(rng: random.Random, language: str, published: dt.date) -> str:
    """A time phrase before publication, or nothing (the figure is then as of publication)."""
    kind = rng.random()
    if kind < 0.3:
        return ""
    day = published - dt.timedelta(days=rng.randint(1, 60))
    month = MONTHS[language][day.month - 1]
    if kind < 0.75:
        return f"am {day.day}. {month} {day.year}" if language == "de" else \
            f"on {month} {day.day}, {day.year}"
    return f"im {month} {day.year}" if language == "de" else f"in {month} {day.year}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _claim_sentence(rng: random.Random, language: str, published: dt.date) -> tuple[str, dict]:
    """A claim sentence and its gold claim (offsets relative to the sentence)."""
    qualifier, code, bound = rng.choice(QUALIFIERS[language])
    number, value = _figure(rng, language)
    who, claimants = rng.choice(CLAIMANTS[language])
    if rng.random() < 0.8:
        what, quoted, unit = rng.choice(FORCES[language])
        actor = "PRK"
        place, location = rng.choice(PLACES[language])
        template = rng.choice(CLAIM_TEMPLATES[language])
    else:
        what, quoted, unit = rng.choice(GOODS[language])
        actor, place, location = "PRK", "", "RUS"  # shipped to Russia: the goods are there
        template = rng.choice(GOODS_TEMPLATES[language])
    when = ""
    while not when:  # a sentence opening with the time needs one
        when = _when(rng, language, published)
        if not template.startswith("{When}") and not when:
            break
    fields = {"q": qualifier, "n": number, "what": what, "place": place, "who": who,
              "when": when, "When": _cap(when), "Who": _cap(who)}
    sentence = " ".join(template.format(**fields).split())
    sentence = sentence.replace(" .", ".").replace(" ,", ",")
    quote = f"{qualifier}{number} {quoted}"
    start = sentence.index(f"{qualifier}{number} {what}")
    gold = {
        "start": start, "end": start + len(quote), "quote": quote, "value": float(value),
        "lower": float(value) if bound == "lower" else None,
        "upper": float(value) if bound == "upper" else None,
        "qualifier": code, "unit": unit, "actor": actor, "location": location,
        "claimants": claimants,
    }
    return sentence, gold


def _filler_sentence(rng: random.Random, language: str) -> str:
    parts = FILLER[language]
    verb = rng.choice(parts["verb"]).format(a=rng.choice(parts["adverb"]))
    return (f"{rng.choice(parts['subject'])} {verb} {rng.choice(parts['object'])}"
            f"{rng.choice(parts['aspect'])}{rng.choice(parts['coda'])}{rng.choice(parts['tail'])}.")


def _digest(sentence: str) -> int:
    return int.from_bytes(hashlib.blake2b(sentence.encode(), digest_size=8).digest(), "big")


def _unique(make: Any, seen: set[int], attempts: int = 200) -> Any:
    """Call ``make()`` until its sentence (first item, or the result) was not written yet."""
    for _ in range(attempts):
        made = make()
        sentence = made[0] if isinstance(made, tuple) else made
        digest = _digest(sentence)
        if digest not in seen:
            seen.add(digest)
            return made
    raise RuntimeError("the templates ran out of new sentences; add template variety")


def make_article(index: int, seed: int, seen: set[int]) -> SynthArticle:
    """Article ``index`` of corpus ``seed``; ``seen`` holds the digests of earlier sentences."""
    rng = random.Random(f"{seed}:{index}")
    language = "de" if rng.random() < 0.5 else "en"
    published = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
    article_id = f"synth-{seed}-{index:07d}"
    n_sentences = rng.randint(14, 40)
    claim_slots = set(rng.sample(range(1, n_sentences), rng.randint(2, 8)))
    lines, gold, offset = [], [], 0
    for position in range(n_sentences):
        if position in claim_slots:
            sentence, claim = _unique(lambda: _claim_sentence(rng, language, published), seen)
            gold.append({**claim, "start": offset + claim["start"], "end": offset + claim["end"],
                         "article_id": article_id})
        else:
            sentence = _unique(lambda: _filler_sentence(rng, language), seen)
        lines.append(sentence)
        offset += len(sentence) + 1  # one sentence per line, as in seeds/
    text = "\n".join(lines) + "\n"
    for claim in gold:
        claim["claim_id"] = f"{article_id}:{claim['start']}"
        assert text[claim["start"]:claim["end"]] == claim["quote"]
    row = {column: "" for column in CATALOG_COLUMNS}
    row.update({
        "id": article_id, "file": f"{article_id}.txt", "title": _cap(lines[0][:60]),
        "outlet": rng.choice(OUTLETS[language]),
        "url": f"https://example.org/synth/{seed}/{index}", "published": published.isoformat(),
        "language": language, "notes": f"synthetic: python -m analysis synth --seed {seed}",
    })
    return SynthArticle(row, text, gold)


def _gold_cell(value: Any) -> str:
    if isinstance(value, list):
        return json.dumps(value)
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_corpus(out: str | Path, articles: int, seed: int = 0) -> dict[str, int]:
    """Write ``articles`` synthetic articles, the catalog, the gold claims and a README.

    Articles already in ``out`` with the same content are left untouched (their modification
    time too); each file is written atomically. Returns counts (articles, words, claims).
    """
    if articles < 1:
        raise ParameterError(f"--articles {articles}: give at least 1")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ParameterError(f"--out {out}: is a file; give a folder")
    out.mkdir(parents=True, exist_ok=True)
    seen: set[int] = set()
    rows, gold_lines, words = [], io.StringIO(), 0
    gold_writer = csv.writer(gold_lines, lineterminator="\n")
    gold_writer.writerow(GOLD_COLUMNS)
    claims = 0
    for index in range(articles):
        article = make_article(index, seed, seen)
        path = out / article.row["file"]
        if not path.is_file() or path.read_text(encoding="utf-8") != article.text:
            atomic_write_text(path, article.text)
        rows.append(article.row)
        words += len(article.text.split())
        for claim in article.gold:
            gold_writer.writerow([_gold_cell(claim[c]) for c in GOLD_COLUMNS])
        claims += len(article.gold)
    catalog = io.StringIO()
    writer = csv.DictWriter(catalog, fieldnames=list(CATALOG_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write_text(out / GOLD_FILE, gold_lines.getvalue())
    atomic_write_text(out / "README.md", _readme(articles, seed, words, claims))
    atomic_write_text(out / "catalog.csv", catalog.getvalue())  # last: the corpus is complete
    return {"articles": articles, "words": words, "claims": claims}


def _readme(articles: int, seed: int, words: int, claims: int) -> str:
    return (
        "# Synthetic corpus (generated, not news)\n\n"
        f"Made by `python -m analysis synth --articles {articles} --seed {seed}` "
        "(`analysis/corpus/synth.py`, the project's own templates; MIT like the project). "
        f"{articles} articles, {words:,} words, {claims:,} gold claims in `{GOLD_FILE}` "
        "(offsets into each article's text). Rebuild with the same command; do not edit.\n"
    )


def read_gold(corpus_dir: str | Path) -> list[dict[str, Any]]:
    """The gold claims of a synthetic corpus, typed (numbers float or None, claimants list)."""
    path = Path(corpus_dir) / GOLD_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        for column in ("value", "lower", "upper"):
            row[column] = float(row[column]) if row[column] else None
        for column in ("qualifier", "actor", "location"):
            row[column] = row[column] or None
        row["claimants"] = json.loads(row["claimants"])
    return rows


def _key(row: Mapping[str, Any]) -> tuple:
    def number(value: Any) -> float | None:
        return None if is_missing(value) else float(value)

    return (str(row["article_id"]), int(row["start"]), int(row["end"]), number(row["value"]),
            number(row["lower"]), number(row["upper"]), str(row["unit"]))


def _same(a: Any, b: Any) -> bool:
    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    if hasattr(a, "tolist"):
        a = a.tolist()
    return list(a) == list(b) if isinstance(b, list) else a == b


def check_gold(extracted: Iterable[Mapping[str, Any]], gold: list[dict[str, Any]]) -> dict:
    """Compare extracted claims (row mappings) with the gold claims.

    Returns ``gold``, ``found`` (gold claims that came out: same :data:`IDENTITY`),
    ``missing`` (up to 20 of those that did not, for the message), ``extra`` (extracted
    claims not in the gold) and, per :data:`AGREEMENT` field, the share of found claims
    whose field equals the gold.
    """
    by_key = {_key(row): row for row in extracted}
    found, missing = 0, []
    agree = dict.fromkeys(AGREEMENT, 0)
    for claim in gold:
        match = by_key.get(_key(claim))
        if match is None:
            missing.append(claim)
            continue
        found += 1
        for field in AGREEMENT:
            agree[field] += _same(match[field], claim[field])
    return {
        "gold": len(gold), "found": found, "missing": missing[:20],
        "missing_count": len(gold) - found, "extra": len(by_key) - found,
        "agreement": {f: (agree[f] / found if found else 0.0) for f in AGREEMENT},
    }


# --- command -------------------------------------------------------------------------------


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "synth", help="write a synthetic German/English corpus with gold claims",
        description="Write N synthetic articles, catalog.csv, gold_claims.csv and a README "
                    "into DIR (for scale tests and benchmarks; not news).",
    )
    parser.add_argument("--articles", type=int, required=True, metavar="N")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    parser.add_argument("--seed", type=int, default=0, metavar="S")
    parser.set_defaults(handler=run_synth)


def run_synth(args: Any) -> int:
    counts = write_corpus(args.out, args.articles, args.seed)
    print(f"wrote {counts['articles']:,} articles ({counts['words']:,} words, "
          f"{counts['claims']:,} gold claims) to {args.out}")
    return 0
