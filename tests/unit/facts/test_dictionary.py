"""The data dictionary data/facts/README.md: generated from the schema, committed fresh."""

from __future__ import annotations

from analysis.core import paths
from analysis.core.schema import COLUMN_TYPES, EVENT_FLAGS, FLAGS, QUALIFIERS, TABLES, UNITS
from analysis.facts.dictionary import dictionary_text, event_types
from analysis.facts.store import dictionary_path


def test_committed_dictionary_is_fresh() -> None:
    committed = dictionary_path().read_text(encoding="utf-8")
    assert committed == dictionary_text(), (
        f"{dictionary_path()} is stale (the schema or data/lexicon/event_types.csv changed): "
        "run `make facts` and commit the result"
    )


def test_dictionary_lives_at_the_project_root_whatever_the_corpus() -> None:
    # It documents the schema, not a corpus: the reference corpus has no copy of its own.
    assert dictionary_path() == paths.ROOT / "data" / "facts" / "README.md"
    assert not (paths.FACTS_DIR / "README.md").exists()


def _rows(text: str, section: str) -> dict[str, list[str]]:
    """The rows of the first table after the heading ``section``, by their first cell."""
    lines = text[text.index(section):].splitlines()[2:]
    rows: dict[str, list[str]] = {}
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        rows[cells[0].strip("`")] = cells
    return rows


def test_every_column_with_type_nullability_and_meaning() -> None:
    text = dictionary_text()
    for kind, title in (("claims", "## Claims columns"), ("events", "## Events columns")):
        rows = _rows(text, title)
        assert list(rows) == [spec.name for spec in TABLES[kind]]
        for spec in TABLES[kind]:
            name, type_, missing, meaning, _allowed = rows[spec.name]
            assert type_ == spec.type and type_ in COLUMN_TYPES
            assert missing == ("yes" if spec.nullable else "no")
            assert meaning == " ".join(spec.description.split())


def test_every_allowed_value_with_its_meaning() -> None:
    text = dictionary_text()
    for heading, vocabulary in (
        ("### claims: `qualifier` values", QUALIFIERS),
        ("### claims: `unit` values", UNITS),
        ("### claims: `flags` values", FLAGS),
        ("### events: `flags` values", EVENT_FLAGS),
        ("### events: `event_type` values", event_types()),
    ):
        rows = _rows(text, heading)
        assert {code: cells[1] for code, cells in rows.items()} == dict(vocabulary), heading
    assert "statement" in event_types()  # read from data/lexicon/event_types.csv
    claims = _rows(text, "## Claims columns")
    assert "#claims-unit-values" in claims["unit"][4]
    assert "alpha-3" in claims["actor"][4]  # a code with a form but no closed list


def test_table_rows_have_five_cells() -> None:
    for line in dictionary_text().splitlines():
        if line.startswith("| `") and line.count(" | ") >= 4:
            assert line.replace("\\|", "").count("|") == 6, line
