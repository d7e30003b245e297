"""What a quantity counts: the counted noun and the outcome (analysis.extract.claim_units);
example sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.extract.claim_cases import claims, one

# --- what is counted ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "quote", "unit", "counted"),
    [
        ("Dort stehen 10.000 nordkoreanische Truppen.", "de", "10.000 nordkoreanische Truppen",
         "troops", "Truppen"),
        ("Man zählte 3.000 gut ausgebildete Soldaten.", "de", "3.000 gut ausgebildete Soldaten",
         "soldiers", "Soldaten"),
        ("Pjöngjang lieferte 13.000 Container.", "de", "13.000 Container", "containers",
         "Container"),
        ("Es kamen 2 Millionen Artilleriegranaten an.", "de", "2 Millionen Artilleriegranaten",
         "shells", "Artilleriegranaten"),
        ("Man fand 50 ballistische Raketen.", "de", "50 ballistische Raketen", "missiles",
         "Raketen"),
        ("Es reisten 300 Offiziere an.", "de", "300 Offiziere", "other", "Offiziere"),
        ("Es gab 1.200 Verluste.", "de", "1.200 Verluste", "casualties", "Verluste"),
        ("Sie meldeten 400 Gefangene.", "de", "400 Gefangene", "captured", "Gefangene"),
        ("Russia received 3,000 North Korean soldiers.", "en", "3,000 North Korean soldiers",
         "soldiers", "soldiers"),
        ("About 12,000 troops arrived.", "en", "About 12,000 troops", "troops", "troops"),
        ("It shipped 8,000 containers.", "en", "8,000 containers", "containers", "containers"),
        ("They fired 5,000 artillery shells.", "en", "5,000 artillery shells", "shells", "shells"),
        ("It sent 100 missiles.", "en", "100 missiles", "missiles", "missiles"),
        ("There were 2,000 casualties.", "en", "2,000 casualties", "casualties", "casualties"),
        ("Some 500 engineers came too.", "en", "Some 500 engineers", "other", "engineers"),
    ],
)
def test_counted_noun_and_unit(text: str, language: str, quote: str, unit: str, counted: str):
    claim = one(text, language)
    assert (claim["quote"], claim["unit"], claim["counted_text"]) == (quote, unit, counted)


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("Dabei wurden 2.000 Soldaten getötet.", "de", "killed"),
        ("Es heißt, dass 2.000 nordkoreanische Soldaten bei Kursk getötet worden seien.", "de",
         "killed"),
        ("Über 4.000 verletzt, hieß es aus Kiew.", "de", "wounded"),
        ("Mehr als 300 Soldaten wurden verwundet.", "de", "wounded"),
        ("Rund 500 Soldaten sind gefallen oder verwundet worden.", "de", "casualties"),
        ("200 nordkoreanische Soldaten wurden gefangen genommen.", "de", "captured"),
        ("Man zählte 150 getötete Soldaten.", "de", "killed"),
        ("More than 4,000 were wounded in the fighting.", "en", "wounded"),
        ("Around 3,000 soldiers have been killed or wounded.", "en", "casualties"),
        ("Ukrainian forces killed 1,000 North Korean soldiers.", "en", "killed"),
        ("At least 200 soldiers were captured.", "en", "captured"),
        ("Up to 700 troops were injured.", "en", "wounded"),
        ("Losses exceeded 3,000 killed and wounded.", "en", "casualties"),
        ("Es gab über 900 Tote und Verletzte.", "de", "casualties"),
        ("There were 400 dead and wounded.", "en", "casualties"),
        ("Es gab 100 Tote.", "de", "killed"),
    ],
)
def test_what_happened_to_them_decides_the_unit(text: str, language: str, unit: str) -> None:
    assert one(text, language)["unit"] == unit


def test_outcome_does_not_change_containers() -> None:
    assert one("Es wurden 500 Container verloren.")["unit"] == "containers"


def test_outcome_in_the_next_clause_belongs_to_the_next_number() -> None:
    rows = claims("3.000 Soldaten kamen an, 200 Soldaten wurden getötet.")
    assert [r["unit"] for r in rows] == ["soldiers", "killed"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Truppen rückten 25 Meilen vor.", "de"),
        ("Das dauerte einen Monat.", "de"),
        ("Im Jahr 2023 begann es.", "de"),
        ("Seit August 2023 ist das so.", "de"),
        ("Zum ersten Mal ist ein Drittland beteiligt.", "de"),
        ("Am 4. November trafen Truppen ein.", "de"),
        ("Auf Seite 12 steht nichts über Soldaten.", "de"),
        ("Es kostete 30 Prozent mehr.", "de"),
        ("The troops advanced 25 miles in 2023.", "en"),
        ("It lasted a month and then 3 weeks more.", "en"),
        ("On Nov. 4 the troops arrived.", "en"),
        ("For the first time a third country joined.", "en"),
        ("There were 4,000 people at the rally.", "en"),
    ],
)
def test_numbers_without_a_counted_noun_are_not_claims(text: str, language: str) -> None:
    assert claims(text, language) == []
