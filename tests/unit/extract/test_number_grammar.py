"""The number vocabulary as data: new terms and languages, malformed files
(analysis.extract.number_grammar)."""

from __future__ import annotations

import pytest

from analysis.core import paths
from analysis.core.errors import ExtractionError
from analysis.extract.numbers import find_quantities
from analysis.lexicon.caches import clear_caches
from tests.unit.extract.number_cases import only

# --- lexicon errors ---------------------------------------------------------------------


@pytest.fixture
def lexicon_copy(tmp_path, monkeypatch):
    """A writable copy of data/lexicon; every lexicon cache is cleared around the test."""
    import shutil

    copy = tmp_path / "lexicon"
    for language in ("de", "en"):
        (copy / language).mkdir(parents=True)
        for name in ("qualifiers.csv", "number_words.csv"):
            shutil.copy(paths.LEXICON_DIR / language / name, copy / language / name)
    monkeypatch.setattr(paths, "LEXICON_DIR", copy)
    clear_caches()
    yield copy
    clear_caches()


def test_a_new_qualifier_is_a_data_change(lexicon_copy) -> None:
    with (lexicon_copy / "de" / "qualifiers.csv").open("a", encoding="utf-8") as handle:
        handle.write("grob geschätzt,about,true,none\n")
    quantity = only("Es sind grob geschätzt 4.000 Soldaten.", "de")
    assert (quantity.text, quantity.qualifier, quantity.approx) == (
        "grob geschätzt 4.000", "about", True,
    )


def test_bad_qualifier_row_names_the_file_and_value(lexicon_copy) -> None:
    with (lexicon_copy / "en" / "qualifiers.csv").open("a", encoding="utf-8") as handle:
        handle.write("give or take,roughly,true,none\n")
    with pytest.raises(ExtractionError, match=r"qualifiers\.csv.*'roughly'"):
        find_quantities("give or take 5 troops", "en")


def test_missing_lexicon_file_is_a_user_error(lexicon_copy) -> None:
    (lexicon_copy / "de" / "number_words.csv").unlink()
    with pytest.raises(ExtractionError, match=r"number_words\.csv is missing"):
        find_quantities("10.000 Soldaten", "de")


def test_a_new_language_is_a_data_change(lexicon_copy) -> None:
    spanish = lexicon_copy / "es"
    spanish.mkdir()
    (spanish / "qualifiers.csv").write_text(
        "phrase,qualifier,approx,sets\nmás de,more_than,false,lower\nhasta,up_to,false,upper\n",
        encoding="utf-8",
    )
    (spanish / "number_words.csv").write_text(
        "phrase,kind,value\n"
        'decimal_mark,setting,","\ncompound_words,setting,false\n'
        "mil,scale,1000\nmillones,scale,1000000\n"
        "doce,word_part,\ndiez,word_part,\nmil,word_part,\n"
        "miles,vague,2000\nentre,range_open,\ny,range_join_paired,\n",
        encoding="utf-8",
    )
    sentence = "Hay más de 10.000 soldados, hasta doce mil, entre 1,5 y 2 millones, miles."
    found = [(q.text, q.value, q.lower, q.upper, q.qualifier) for q in find_quantities(
        sentence, "es"
    )]
    assert found == [
        ("más de 10.000", 10000, 10000, None, "more_than"),
        ("hasta doce mil", 12000, None, 12000, "up_to"),
        ("entre 1,5 y 2 millones", None, 1.5e6, 2e6, "range"),
        ("miles", None, 2000, None, "vague"),
    ]


def test_lexicon_without_settings_is_a_user_error(lexicon_copy) -> None:
    path = lexicon_copy / "en" / "number_words.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines()
            if ",setting," not in line]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="decimal_mark"):
        find_quantities("10,000 troops", "en")
