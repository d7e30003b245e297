"""The data dictionary ``data/facts/README.md``, generated from the schema.

Every column of ``claims.csv`` and ``events.csv`` with its type, meaning and allowed values
comes from :mod:`analysis.core.schema` (event types from ``data/lexicon/event_types.csv``),
so the documentation cannot drift from the code. ``make facts`` (``facts build``) writes it;
``facts check`` and a test fail when the committed file differs from :func:`dictionary_text`.
"""

from __future__ import annotations

from collections.abc import Mapping

from analysis.core.schema import COLUMN_TYPES, TABLES, Column
from analysis.lexicon.reader import table as lexicon_table

_INTRO = """\
# Facts: generated tables, committed

<!-- Generated from analysis/core/schema.py by `make facts`; edit the schema, not this file
(a test fails when this file is stale). -->

| file | what | the same rows as |
|---|---|---|
| `claims.csv` | one row per numeric claim | `python -m analysis extract` |
| `events.csv` | one row per dated event | `python -m analysis events` |

**Provenance.** Both files are generated from the articles in `seeds/` (catalog
`seeds/catalog.csv`) by `make facts` (= `python -m analysis facts build`, which also writes
this file). Never edit them by hand: correct a value in `data/curated/overrides.csv`
instead (applied when the facts are loaded, see `analysis.facts.overrides` and
`data/curated/README.md`). `make check` (= `python -m analysis corpus check` and
`python -m analysis facts check`) exits non-zero and names the stale file when a committed
table differs from a fresh build, so after adding or changing an article, the catalog, a
lexicon or the extractor, run `make facts` and commit the result. `make report` runs the
same checks first.

**Format.** UTF-8, LF, a header row with exactly the columns below in that order
(`analysis.core.schema.CLAIM_COLUMNS` / `EVENT_COLUMNS`); rows sorted by `article_id`, then
`start`. Lists are JSON arrays, dates ISO `YYYY-MM-DD`, booleans `true`/`false`, whole
numbers without `.0`, missing values empty. `start`/`end` are character offsets into the
article's normalized text (UTF-8, BOM dropped, CRLF/CR turned into LF; see
`analysis.corpus.catalog`): `text[start:end] == quote`. The one codec for this format (and
for the JSON-lines and Parquet forms of `extract`, `events` and `report`) is
`analysis.core.tables`.

**Loading.** `analysis.facts.store.load_claims()` and `load_events()` return typed pandas
frames (see the types below). `load_claims()` applies the overrides and adds an
`overridden` column (the fields changed per row); `load_claims(apply_overrides=False)` gives
the table as generated. `analysis.facts.known.known_by(frame, as_of)` keeps what was
published by a date. `analysis.facts.query.query_facts(kind, source=..., units=...,
as_of=..., ...)` returns the same typed frames with the notebooks' filters applied by DuckDB
(overrides first), from these files or from a Parquet dataset.

**A large corpus.** `python -m analysis facts build --corpus DIR --out OUT` writes the same
columns as Parquet (dates `date32`, lists of strings; `analysis.core.tables.arrow_schema`)
in `OUT/claims/`, `OUT/events/` and `OUT/articles/` (per article: file, `published`,
`language`, `content_hash` = SHA-256 of the file, `extractor_version`, counts, the part
holding its rows, the file's size and modification time), each partitioned by publication
month (`published_month=YYYY-MM/part-<n>.parquet`: read every part). A re-run re-extracts
only articles whose file, catalog date or language, or the extractor changed, and writes
their rows as a new part of their month.
"""

_TITLES = {"claims": "Claims columns (`claims.csv`)", "events": "Events columns (`events.csv`)"}


def _cell(text: str) -> str:
    """Text for a Markdown table cell (a pipe would end the cell)."""
    return " ".join(text.split()).replace("|", "\\|")


def event_types() -> dict[str, str]:
    """The event types of ``data/lexicon/event_types.csv`` with their descriptions."""
    return {row["type"]: row["description"] for row in lexicon_table(None, "event_types")}


def _vocabulary(kind: str, spec: Column) -> Mapping[str, str]:
    if kind == "events" and spec.name == "event_type":
        return event_types()
    return spec.allowed


def _allowed_cell(kind: str, spec: Column) -> str:
    vocabulary = _vocabulary(kind, spec)
    if vocabulary:
        return f"see [`{spec.name}` values](#{kind}-{spec.name.replace('_', '-')}-values)"
    if spec.pattern is not None:
        return _cell(spec.pattern.meaning)
    return ""


def _column_table(kind: str) -> list[str]:
    lines = ["| column | type | can be missing | meaning | allowed values |",
             "|---|---|---|---|---|"]
    for spec in TABLES[kind]:
        empty = "yes" if spec.nullable else "no"
        lines.append(
            f"| `{spec.name}` | {spec.type} | {empty} | {_cell(spec.description)} | "
            f"{_allowed_cell(kind, spec)} |"
        )
    return lines


def _vocabulary_tables(kind: str) -> list[str]:
    lines: list[str] = []
    for spec in TABLES[kind]:
        vocabulary = _vocabulary(kind, spec)
        if not vocabulary:
            continue
        each = " (each item of the list)" if spec.type == "list[str]" else ""
        lines += [
            "",
            f'<a id="{kind}-{spec.name.replace("_", "-")}-values"></a>',
            f"### {kind}: `{spec.name}` values{each}",
            "",
            "| value | meaning |",
            "|---|---|",
        ]
        lines += [f"| `{code}` | {_cell(meaning)} |" for code, meaning in vocabulary.items()]
    return lines


def dictionary_text() -> str:
    """The data dictionary as Markdown (what ``data/facts/README.md`` must contain)."""
    lines = [_INTRO.rstrip("\n"), "", "## Column types", "",
             "| type | in the CSV file and in a loaded frame |", "|---|---|"]
    lines += [f"| {name} | {_cell(meaning)} |" for name, meaning in COLUMN_TYPES.items()]
    for kind, title in _TITLES.items():
        lines += ["", f"## {title}", "", *_column_table(kind), *_vocabulary_tables(kind)]
    return "\n".join(lines) + "\n"
