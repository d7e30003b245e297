"""The one reader of the vocabularies: languages per file, tables, and every bad file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.core.errors import ExtractionError
from analysis.lexicon import reader
from analysis.lexicon.caches import clear_caches


@pytest.fixture
def lexicon_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty lexicon folder in place of data/lexicon; caches cleared around the test."""
    monkeypatch.setattr(paths, "LEXICON_DIR", tmp_path)
    clear_caches()
    yield tmp_path
    clear_caches()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_project_languages_are_supported_by_every_extractor() -> None:
    for file in ("units.csv", "qualifiers.csv", "dates.csv"):
        assert {"de", "en"} <= set(reader.supported_languages(file))
    assert reader.supported_languages() == reader.supported_languages("units.csv")


def test_supported_is_asked_per_file(lexicon_dir: Path) -> None:
    write(lexicon_dir / "de" / "units.csv", "term,unit,match\n")
    write(lexicon_dir / "de" / "dates.csv", "kind,term,value,match\n")
    write(lexicon_dir / "nl" / "dates.csv", "kind,term,value,match\n")
    (lexicon_dir / "fr").mkdir()
    write(lexicon_dir / "notes.csv", "x\n")  # a file, not a language folder
    assert reader.supported_languages("units.csv") == ("de",)
    assert reader.supported_languages("dates.csv") == ("de", "nl")
    assert reader.supported_languages("qualifiers.csv") == ()


def test_check_language_names_the_supported_ones() -> None:
    assert reader.check_language("de") == "de"
    with pytest.raises(ExtractionError, match=r"'xx' has no number lexicon.*supported: de, en"):
        reader.check_language("xx", "qualifiers.csv", "number")
    for bad in ("../de", "de/..", "", None, 3):
        with pytest.raises(ExtractionError, match="supported"):
            reader.check_language(bad)  # type: ignore[arg-type]


def test_table_reads_stripped_rows_and_checks_columns(lexicon_dir: Path) -> None:
    write(lexicon_dir / "de" / "cues.csv", "term,role\n sagte , claim\nlaut,claim\nwo,subclause\n")
    assert reader.table("de", "cues") == (
        {"term": "sagte", "role": "claim"},
        {"term": "laut", "role": "claim"},
        {"term": "wo", "role": "subclause"},
    )
    assert reader.terms("de", "cues", "claim") == ["sagte", "laut"]
    assert reader.table("de", "cues", ("term", "role")) == reader.table("de", "cues")
    with pytest.raises(ExtractionError, match=r"cues\.csv: header must be term,kind.*lacks kind"):
        reader.table("de", "cues", ("term", "kind"))


def test_language_independent_tables() -> None:
    codes = {row["alpha2"]: row["alpha3"] for row in reader.table(None, "countries")}
    assert codes["KP"] == "PRK" and codes["RU"] == "RUS"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, r"cues\.csv is missing; restore it from git"),
        ("term,role\n\"sagte, laut\",claim,extra\n", r"line 2: more cells than columns"),
        (b"term,role\n\xff\xfe,claim\n", r"cues\.csv is unreadable"),
    ],
)
def test_bad_files_are_one_line_errors_naming_the_file(
    lexicon_dir: Path, content: str | bytes | None, message: str
) -> None:
    path = lexicon_dir / "de" / "cues.csv"
    path.parent.mkdir()
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractionError, match=message) as caught:
        reader.table("de", "cues")
    assert "\n" not in str(caught.value)


def test_a_language_must_be_a_lexicon_folder_never_a_path(lexicon_dir: Path) -> None:
    write(lexicon_dir / "units.csv", "term,unit,match\n")  # data/lexicon/units.csv itself
    write(lexicon_dir / "de" / "units.csv", "term,unit,match\nTruppen,troops,word\n")
    for language in ("..", ".", "de/..", "../de"):
        with pytest.raises(ExtractionError, match="supported: de"):
            reader.table(language, "units")
    assert reader.table_path("de", "units") == lexicon_dir / "de" / "units.csv"


def test_tables_are_cached_per_folder_and_cleared_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    write(first / "de" / "cues.csv", "term,role\nsagte,claim\n")
    write(second / "de" / "cues.csv", "term,role\nlaut,claim\n")
    monkeypatch.setattr(paths, "LEXICON_DIR", first)
    try:
        assert reader.terms("de", "cues") == ["sagte"]
        monkeypatch.setattr(paths, "LEXICON_DIR", second)  # another folder: read anew
        assert reader.terms("de", "cues") == ["laut"]
        write(second / "de" / "cues.csv", "term,role\nbetonte,claim\n")
        assert reader.terms("de", "cues") == ["laut"]  # read once per process ...
        clear_caches()
        assert reader.terms("de", "cues") == ["betonte"]  # ... until the caches are cleared
    finally:
        clear_caches()


def test_term_key_maps_every_spelling_a_pattern_matches_to_one_key() -> None:
    assert reader.term_key("Nordkorea") == "nordkorea"
    assert reader.term_key("Kim  Jong\nUn") == "kim jong un"
    assert reader.term_key(" nicht mehr als ") == "nicht mehr als"
    assert reader.term_key("Mio.") == "mio."
