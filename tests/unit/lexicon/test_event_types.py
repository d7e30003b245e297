"""The controlled vocabulary of event types (data/lexicon/event_types.csv)."""

from __future__ import annotations

from analysis.lexicon import reader
from analysis.lexicon.event_types import EventType, event_types, event_types_frame


def test_vocabulary_in_file_order_with_typed_columns() -> None:
    vocabulary = event_types()
    rows = reader.table(None, "event_types")
    assert list(vocabulary) == [row["type"] for row in rows]
    assert all(isinstance(kind, EventType) for kind in vocabulary.values())
    assert vocabulary["incursion_launched"].has_location is True
    assert {kind.actor_source for kind in vocabulary.values()} <= {"subject", "all"}
    assert all(kind.short_label for kind in vocabulary.values())


def test_vocabulary_as_a_table() -> None:
    frame = event_types_frame()
    assert list(frame["type"]) == list(event_types())
    assert {"short_label", "has_location", "actor_source", "chart_line", "description"} <= set(
        frame.columns
    )
