"""Inflected forms of the claimants lexicon (analysis.lexicon.inflection): German case
endings on adjectives and the last noun; acronyms, short forms and English as written."""

from __future__ import annotations

import pytest

from analysis.lexicon.inflection import _endings, claimant_rows, forms


@pytest.mark.parametrize(
    ("term", "kind", "wanted"),
    [
        ("Weiße Haus", "entity", {"Weißen Hauses", "Weiße Haus", "Weißes Haus"}),
        ("westliche Beamte", "entity", {"westlicher Beamter", "westlichen Beamten"}),
        ("Generalstabschef", "institution", {"Generalstabschefs"}),
        ("Nachrichtendienst", "institution", {"Nachrichtendienstes", "Nachrichtendiensten"}),
        ("Abgeordnete", "institution", {"Abgeordneter", "Abgeordneten"}),
        ("Pentagon", "entity", {"Pentagons"}),
    ],
)
def test_german_forms(term: str, kind: str, wanted: set[str]) -> None:
    assert wanted <= set(forms(term, kind, _endings("de")))


@pytest.mark.parametrize(
    ("term", "kind", "unwanted"),
    [
        ("NIS", "entity", {"NISs", "NISes"}),  # acronyms stay as written
        ("Kim", "short", {"Kims"}),  # short forms have rules of their own
        ("Ukraine", "entity", {"Ukrainer"}),  # a person, not the state
        ("Weiße Haus", "entity", {"Weiße Hauss", "Weißen Hausn"}),  # no ending after -s
        ("US-Geheimdienst", "entity", {"US-Geheimdienstn"}),
    ],
)
def test_no_forms_that_are_not_german(term: str, kind: str, unwanted: set[str]) -> None:
    assert not unwanted & set(forms(term, kind, _endings("de")))


def test_a_language_without_an_inflection_file_is_matched_as_written() -> None:
    assert _endings("en") == {}
    assert forms("White House", "entity", _endings("en")) == ["White House"]


def test_listed_rows_keep_their_own_entry() -> None:
    rows = claimant_rows("de")
    terms = [row["term"] for row in rows]
    assert len(terms) == len(set(terms))
    hauses = [row for row in rows if row["term"] == "Weißen Hauses"]
    assert [row["codes"] for row in hauses] == ["USA"]


def test_a_compound_headed_by_an_adjectival_noun_inflects_like_it() -> None:
    made = forms("US-Beamte", "entity", _endings("de"), frozenset({"Beamte"}))
    assert {"US-Beamter", "US-Beamten"} <= set(made)
    assert "Ukrainer" not in forms("Ukraine", "entity", _endings("de"), frozenset({"Beamte"}))
