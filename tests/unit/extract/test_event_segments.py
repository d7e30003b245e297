"""Segments and triggers (analysis.extract.event_segments); sentences written for these
tests."""

from __future__ import annotations

from analysis.extract.event_segments import split_segments
from analysis.lexicon import reader as lexicon
from analysis.lexicon.event_types import event_types
from tests.unit.extract.event_cases import day, events_of, only_event


def test_german_confirmation_without_troops_is_only_a_statement():
    event = only_event("Die USA bestätigten am Montag den Bericht.", "de")
    assert event["event_type"] == "statement"
    assert event["actors"] == ["USA"]


def test_english_clause_after_without_comma_keeps_dates_apart():
    frame = events_of(
        "Russia completed its ratification last week after Vladimir Putin and Kim Jong Un "
        "signed the treaty in June.", "en")
    by_type = {row["event_type"]: row for row in frame.to_dict("records")}
    assert by_type["treaty_ratified"]["date_start"] == day("2024-11-04")
    assert by_type["treaty_ratified"]["actors"] == ["RUS"]
    assert by_type["treaty_signed"]["date_start"] == day("2024-06-01")
    assert by_type["treaty_signed"]["actors"] == ["RUS", "PRK"]


# --------------------------------------------------------------- segments and vocabulary


def test_segments_split_at_subordinate_clause_not_at_list_commas():
    text = "Südkorea, die USA und die Ukraine erklärten, dass X kam, nachdem Y ging – wo Z."
    pieces = [text[a:b] for a, b in split_segments(text, 0, len(text), "de")]
    assert pieces == ["Südkorea, die USA und die Ukraine erklärten, dass X kam",
                      "nachdem Y ging", "wo Z"]


def test_every_trigger_type_is_in_the_vocabulary_and_every_type_has_triggers():
    vocabulary = event_types()
    assert {"treaty_signed", "treaty_ratified", "treaty_in_force", "incursion_launched",
            "deployment_confirmed", "shipment_reported", "casualty_report",
            "statement"} <= set(vocabulary)
    for language in ("de", "en"):
        rows = lexicon.table(language, "event_triggers")
        assert {r["event_type"] for r in rows} == set(vocabulary)
