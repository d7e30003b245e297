"""Numbers that are no counts: dates, years, ordinals, times, money
(analysis.extract.number_context). Example sentences written for these tests."""

from __future__ import annotations

import pytest

from analysis.extract.numbers import find_quantities
from tests.unit.extract.number_cases import texts

# --- not quantities ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Nordkorea schickt seit August 2023 Waffen.", "de"),
        ("Seit 2022 tobt der Krieg.", "de"),
        ("Im Jahr 2023 begann die Lieferung.", "de"),
        ("Der Vertrag wurde Ende 2024 ratifiziert.", "de"),
        ("Die Lieferungen liefen von 2022 bis 2024.", "de"),
        ("Die Lieferungen liefen 2022-2024.", "de"),
        ("In den Jahren 2022 und 2023 kam es zu Lieferungen.", "de"),
        ("Ob 2023 oder 2024 spielt keine Rolle.", "de"),
        ("Am 4. November bestätigten die USA den Bericht.", "de"),
        ("Am 4.11. bestätigten die USA den Bericht.", "de"),
        ("Am 4.11.2024 bestätigten die USA den Bericht.", "de"),
        ("Es geschah am 4 November in Kursk.", "de"),
        ("Er sprach zum 2. Mal vor der Presse.", "de"),
        ("Die 3. Armee rückte vor.", "de"),
        ("Es kam zum ersten Mal ein Drittland hinzu.", "de"),
        ("Die Sitzung begann um 14:30 Uhr.", "de"),
        ("Die Sitzung begann um 14 Uhr.", "de"),
        ("Die Zustimmung lag bei 30 Prozent.", "de"),
        ("Die Zustimmung lag bei 30 %.", "de"),
        ("Sie lag zwischen 10 und 20 Prozent.", "de"),
        ("Der Pakt verweist auf Artikel 4 der Charta.", "de"),
        ("Siehe Seite 12 des Berichts.", "de"),
        ("Die Hilfe beträgt 500 Millionen Euro.", "de"),
        ("Die F-16 und die Su-34 und KN-23-Raketen", "de"),
        ("In den 1990er Jahren war das anders.", "de"),
        ("Ein Soldat und ein Offizier sprachen.", "de"),
        ("Er blieb einen halben Monat.", "de"),
        ("Das war einer der Gründe.", "de"),
        ("Der Verein und der Bund stimmten zu.", "de"),
        ("North Korea has sent weapons since August 2023.", "en"),
        ("Since 2022 the war has raged.", "en"),
        ("In 2023 the deliveries began.", "en"),
        ("On November 4, 2024 the US confirmed it.", "en"),
        ("On Nov. 4 the US confirmed it.", "en"),
        ("It was the 4th of July.", "en"),
        ("For the first time a third country is involved.", "en"),
        ("The meeting began at 10 a.m. sharp.", "en"),
        ("Support stood at 30 percent.", "en"),
        ("Support stood at 5%.", "en"),
        ("The aid is worth $500 million.", "en"),
        ("See page 12 of the report.", "en"),
        ("One of the soldiers spoke.", "en"),
        ("Half a day later they left.", "en"),
        ("It happened in the 1990s.", "en"),
        ("The ratification was completed by 2025.", "en"),
        ("Deliveries in 2022 and 2023 were large.", "en"),
        ("The attacks came on January 7 and 8.", "en"),
        ("The 47th brigade and the T-72B3 tanks and the S-400 systems", "en"),
        ("Die Soldaten der 47. Brigade kämpfen dort.", "de"),
        ("Die Granaten vom Typ 2S19 und Hwasong-18 Raketen", "de"),
    ],
)
def test_not_quantities(sentence: str, language: str) -> None:
    assert find_quantities(sentence, language) == []


def test_numbers_next_to_dates_are_still_found() -> None:
    sentence = "Seit August 2023 hat Nordkorea mehr als 13.000 Container geschickt."
    assert texts(sentence, "de") == ["mehr als 13.000"]
    sentence = "Letzte Woche, am 4. November, waren es 10.000 Soldaten."
    assert texts(sentence, "de") == ["10.000"]
    assert texts("On Nov. 4, some 10,000 troops were there.", "en") == ["some 10,000"]


def test_number_at_sentence_end_is_not_an_ordinal() -> None:
    assert texts("Es waren 500. Dann kamen mehr.", "de") == ["500"]
    assert texts("Im Jahr 2023 waren es 1500. Dann mehr.", "de") == ["1500"]


def test_a_year_sized_count_with_a_noun_is_a_count() -> None:
    assert texts("Dort kämpfen 2000 Soldaten.", "de") == ["2000"]
    assert texts("Mehr als 2000 Soldaten kämpfen.", "de") == ["Mehr als 2000"]
