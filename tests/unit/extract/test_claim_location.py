"""Where the counted are (analysis.extract.claim_location, claim_setting): statement settings,
place anaphora, motion verbs, occupied areas, and which claims take a carried place.
Example sentences written for these tests (publication day Tuesday 2024-11-12)."""

from __future__ import annotations

import pytest

from tests.unit.extract.claim_cases import claims, one


@pytest.mark.parametrize(
    ("text", "language", "location"),
    [
        ("Speaking in Warsaw, the minister said 6,000 North Korean troops were in Russia.",
         "en", "RUS"),
        ("Addressing lawmakers in Tokyo, the envoy said 900 soldiers had been killed.",
         "en", None),
        ("At a press conference in Berlin, he said 2,500 soldiers had arrived.", "en", None),
        ("In einer Rede in Kiew sagte der Minister, 4.000 Soldaten seien getötet worden.",
         "de", None),
        ("Der General sagte vor Journalisten in Riga, 1.200 Soldaten seien in Russland.",
         "de", "RUS"),
        ("Der Minister sagte vor dem Parlament in Tallinn, 3.000 Soldaten seien getötet "
         "worden.", "de", None),
    ],
)
def test_a_statement_setting_is_not_where_the_counted_are(text, language, location) -> None:
    assert one(text, language)["location"] == location


def test_a_setting_without_comma_does_not_swallow_the_message() -> None:
    row = one("Speaking in Oslo he said 7,000 troops had been moved to the Kursk region.", "en")
    assert row["location"] == "RU-KRS"


@pytest.mark.parametrize(
    ("text", "language", "location"),
    [
        ("North Korean units are fighting in the Bryansk region. About 300 soldiers were "
         "wounded there.", "en", "RU-BRY"),
        ("Ukraine says the battle moved to the Belgorod region. Some 80 soldiers died there "
         "last week.", "en", "RU-BEL"),
        ("Nordkoreanische Truppen stehen im Gebiet Brjansk. Dort wurden 400 Soldaten "
         "verwundet.", "de", "RU-BRY"),
        ("Die Kämpfe verlagerten sich in die Region Belgorod. Rund 90 Soldaten fielen dort.",
         "de", "RU-BEL"),
    ],
)
def test_there_points_to_the_previous_sentence_place(text, language, location) -> None:
    rows = claims(text, language)
    assert [row["location"] for row in rows] == [location]
    assert "location_inferred" not in rows[0]["flags"]


def test_existential_there_is_not_a_place() -> None:
    rows = claims("Fighting goes on in the Bryansk region. There are 2,000 soldiers waiting.",
                  "en")
    assert rows[0]["location"] != "RU-BRY" or "location_inferred" in rows[0]["flags"]


@pytest.mark.parametrize(
    ("text", "language", "location"),
    [
        ("About 700 North Korean soldiers reached the Bryansk region.", "en", "RU-BRY"),
        ("Some 1,100 troops entered Russia's Kursk region in October.", "en", "RU-KRS"),
        ("Up to 300 officers are in occupied areas of Ukraine.", "en", "UKR"),
        ("Rund 250 Offiziere sind in den besetzten Gebieten der Ukraine.", "de", "UKR"),
        ("Etwa 400 Pioniere arbeiten in besetzten Teilen der Ukraine.", "de", "UKR"),
    ],
)
def test_motion_verbs_and_occupied_areas(text, language, location) -> None:
    assert one(text, language)["location"] == location


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Ukrainian army said 500 North Korean soldiers were killed in the Kursk region. "
         "The US State Department said 1,800 North Korean soldiers had been killed or "
         "wounded.", "en"),
        ("Die ukrainische Armee sagte, 500 nordkoreanische Soldaten seien im Gebiet Kursk "
         "getötet worden. Das US-Außenministerium sagte, 1.800 nordkoreanische Soldaten "
         "seien getötet oder verwundet worden.", "de"),
    ],
)
def test_a_new_source_does_not_take_another_source_place(text, language) -> None:
    first, second = claims(text, language)
    assert first["location"] == "RU-KRS"
    assert second["location"] is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Ukrainian army said 500 North Korean soldiers were killed in the Kursk region. "
         "Another 200 were wounded, the US State Department said.", "en"),
        ("Die ukrainische Armee sagte, 500 nordkoreanische Soldaten seien im Gebiet Kursk "
         "getötet worden. Weitere 200 seien verwundet worden, sagte das "
         "US-Außenministerium.", "de"),
        ("The Ukrainian army said 500 North Korean soldiers were killed in the Kursk region. "
         "The State Department said 200 of them were officers.", "en"),
    ],
)
def test_a_continued_count_keeps_the_place(text, language) -> None:
    first, second = claims(text, language)
    assert second["location"] == "RU-KRS"
    assert "location_inferred" in second["flags"]


@pytest.mark.parametrize(
    ("text", "language", "location"),
    [
        ("Losses mount near the Bryansk border\n\nThe Ukrainian army said 500 North Korean "
         "soldiers were killed in the Kursk region. The US State Department said 1,800 North "
         "Korean soldiers had been killed or wounded.", "en", "RU-BRY"),
        ("Verluste im Gebiet Brjansk\n\nDie ukrainische Armee sagte, 500 nordkoreanische "
         "Soldaten seien im Gebiet Kursk getötet worden. Das US-Außenministerium sagte, "
         "1.800 nordkoreanische Soldaten seien getötet oder verwundet worden.", "de", "RU-BRY"),
        # A headline with a figure is a source's claim, not the article's frame.
        ("Losses near the Bryansk border reach 2,000\n\nThe Ukrainian army said 500 North "
         "Korean soldiers were killed in the Kursk region. The US State Department said 1,800 "
         "North Korean soldiers had been killed or wounded.", "en", None),
    ],
)
def test_a_headline_without_figure_places_every_source(text, language, location) -> None:
    rows = claims(text, language)
    assert rows[-1]["location"] == location


@pytest.mark.parametrize(
    ("text", "location"),
    [
        ("Im Oktober erreichten rund 2.000 nordkoreanische Soldaten das Gebiet Belgorod.",
         "RU-BEL"),
        ("Nach Angaben Kiews betraten etwa 600 Soldaten den Oblast Kursk.", "RU-KRS"),
        ("Etwa 500 Soldaten haben inzwischen die Region Brjansk erreicht.", "RU-BRY"),
    ],
)
def test_a_destination_verb_object_is_the_place(text, location) -> None:
    assert one(text, "de")["location"] == location


def test_an_object_without_destination_verb_is_no_place() -> None:
    assert one("Rund 300 Soldaten verteidigen das Gebiet Belgorod.", "de")["location"] is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The soldiers trained in the Bryansk region. From there, 900 soldiers were flown out.",
         "en"),
        ("Die Soldaten übten im Gebiet Brjansk. Von dort wurden 900 Soldaten ausgeflogen.", "de"),
    ],
)
def test_from_there_is_an_origin(text, language) -> None:
    row = claims(text, language)[-1]
    assert row["location"] is None or "location_inferred" in row["flags"]
