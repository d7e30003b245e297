"""The dates vocabulary: languages, data changes and malformed rows
(analysis/extract/date_lexicon.py)."""

from __future__ import annotations

import pytest

from analysis.core import paths
from analysis.core.errors import ExtractionError
from analysis.extract.dates import find_time_expressions
from analysis.lexicon.caches import clear_caches
from analysis.lexicon.reader import supported_languages
from tests.unit.extract.date_cases import TUE, D


def test_supported_languages() -> None:
    assert {"de", "en"} <= set(supported_languages("dates.csv"))


def test_adding_a_language_is_a_data_change(tmp_path, monkeypatch) -> None:
    lexicon = tmp_path / "lexicon"
    (lexicon / "nl").mkdir(parents=True)
    (lexicon / "nl" / "dates.csv").write_text(
        "kind,term,value,match\n"
        "weekday,maandag,0,\n"
        "preposition,op,,\n"
        "modifier,vorige,prev,\n"
        "unit,week,week,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "LEXICON_DIR", lexicon)
    clear_caches()
    try:
        found = find_time_expressions("Op maandag en vorige week.", "nl", TUE)
        assert [(e.text, e.start_date) for e in found] == [
            ("Op maandag", D(2024, 11, 11)),
            ("vorige week", D(2024, 11, 4)),
        ]
        assert supported_languages("dates.csv") == ("nl",)
    finally:
        clear_caches()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("colour,rot,,", "unknown kind 'colour'"),
        ("weekday,maandag,9,", "bad value '9' for weekday"),
        ("month,jan,x,", "bad value 'x' for month"),
        ("form,sideways,,", "unknown form 'sideways'"),
        ("weekday,,0,", "empty term"),
        ("weekday,maandag,0,sometimes", "match must be empty or 'exact'"),
        ("modifier,vorige,prev,\nmodifier,vorige,next,", "'vorige' listed twice"),
    ],
)
def test_bad_lexicon_rows_name_file_and_line(tmp_path, monkeypatch, row: str, message: str) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "dates.csv").write_text(f"kind,term,value,match\n{row}\n", encoding="utf-8")
    monkeypatch.setattr(paths, "LEXICON_DIR", tmp_path)
    clear_caches()
    try:
        with pytest.raises(ExtractionError, match=rf"dates.csv:[23]: {message}"):
            find_time_expressions("text", "xx", TUE)
    finally:
        clear_caches()


# --------------------------------------------------------------------------- properties


def test_bad_lexicon_header(tmp_path, monkeypatch) -> None:
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "dates.csv").write_text("art,wort\nweekday,maandag\n", encoding="utf-8")
    monkeypatch.setattr(paths, "LEXICON_DIR", tmp_path)
    clear_caches()
    try:
        with pytest.raises(ExtractionError, match="header must be kind,term,value,match"):
            find_time_expressions("text", "xx", TUE)
    finally:
        clear_caches()
