"""Actors and location of an event (analysis.extract.event_participants); sentences written
for these tests."""

from __future__ import annotations

from tests.unit.extract.event_cases import only_event


def test_speaker_city_is_not_the_location():
    event = only_event("Kyiv confirmed on Monday that North Korean troops were in Kursk.", "en")
    assert event["location"] == "RU-KRS"
    assert event["actors"][0] == "UKR"
