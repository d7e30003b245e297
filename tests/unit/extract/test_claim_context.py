"""Claimant, location, as-of date and plans around a claim (analysis.extract.claim_context);
example sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.extract.claim_cases import PUBLISHED, one

# --- location ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "location", "location_text"),
    [
        ("Es sind 10.000 Truppen in der russischen Region Kursk.", "de", "RU-KRS",
         "russischen Region Kursk"),
        ("Es sind 10.000 Truppen in Kursk.", "de", "RU-KRS", "Kursk"),
        ("Sie haben 13.000 Container nach Russland geschickt.", "de", "RUS", "Russland"),
        ("In der Ukraine kämpfen 12.000 Soldaten.", "de", "UKR", "Ukraine"),
        ("Bei Sudscha stehen 800 Soldaten.", "de", "Sudzha", "Sudscha"),
        ("Es sind 900 Soldaten im Gebiet Belgorod.", "de", "RU-BEL", "Gebiet Belgorod"),
        ("They sent 3,000 troops into the Kursk region.", "en", "RU-KRS", "Kursk region"),
        ("There are 2,000 troops in Sumy Oblast.", "en", "UA-59", "Sumy Oblast"),
        ("Some 500 soldiers are near Sudzha.", "en", "Sudzha", "Sudzha"),
        ("Russia received 1,000 missiles.", "en", None, None),
    ],
)
def test_location(text: str, language: str, location: str | None, location_text: str | None):
    claim = one(text, language)
    assert (claim["location"], claim["location_text"]) == (location, location_text)


def test_source_country_is_not_the_location() -> None:
    claim = one("Es sind 10.000 Soldaten aus Nordkorea in Russland.")
    assert (claim["actor"], claim["location"]) == ("PRK", "RUS")


# --- claimants -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "codes", "claimant_text"),
    [
        ("Die USA bestätigten, dass 10.000 Soldaten in Kursk sind.", "de", {"USA"}, "USA"),
        ("10.000 Soldaten sind in Kursk, sagte das Pentagon.", "de", {"USA"}, "Pentagon"),
        ("Die Zahl von 10.000 Soldaten wurde vom Pentagon bestätigt.", "de", {"USA"},
         "Pentagon"),
        ("Nach Angaben des südkoreanischen Geheimdienstes sind 3.000 Soldaten dort.", "de",
         {"KOR"}, "südkoreanischen Geheimdienstes"),
        ("Südkorea, die USA und die Ukraine erklärten, dass 8.000 Soldaten in Kursk sind.",
         "de", {"KOR", "USA", "UKR"}, "Südkorea, die USA und die Ukraine"),
        ("Laut Selenskyj sind 4.000 Soldaten verwundet.", "de", {"UKR"}, "Selenskyj"),
        ("Rund 9.000 Soldaten sind Kiew zufolge dort.", "de", {"UKR"}, "Kiew"),
        ("NATO-Generalsekretär Mark Rutte sagte, 10.000 Soldaten seien in Kursk.", "de",
         {"NATO"}, "NATO-Generalsekretär Mark Rutte"),
        ("Es sind 5.000 Soldaten in Kursk.", "de", set(), None),
        ("According to South Korea's spy agency, 3,000 troops are in Russia.", "en", {"KOR"},
         "South Korea's spy agency"),
        ("Ukrainian President Volodymyr Zelensky said 50,000 troops were in Kursk.", "en",
         {"UKR"}, "Ukrainian President Volodymyr Zelensky"),
        ("About 10,000 troops are in Kursk, the Pentagon said on Monday.", "en", {"USA"},
         "Pentagon"),
        ("The figure of 12,000 troops was confirmed by Seoul and Washington.", "en",
         {"KOR", "USA"}, "Seoul and Washington"),
        ("US, South Korean and Ukrainian intelligence estimate that 11,000 troops are there.",
         "en", {"USA", "KOR", "UKR"}, "US, South Korean and Ukrainian intelligence"),
        ("There are 5,000 troops in Kursk.", "en", set(), None),
        ("Nach britischen Schätzungen hat Russland 1.000 Soldaten verloren.", "de", {"GBR"},
         "britischen Schätzungen"),
        ("Laut dem ukrainischen Militärgeheimdienstes HUR sind 3.000 Soldaten dort.", "de",
         {"UKR"}, "ukrainischen Militärgeheimdienstes HUR"),
    ],
)
def test_claimants(text: str, language: str, codes: set[str], claimant_text: str | None):
    claim = one(text, language)
    assert set(claim["claimants"]) == codes
    assert claim["claimant_text"] == claimant_text
    assert "claimant_inferred" not in claim["flags"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Selenskyj sprach am Abend. Er sagte, 300 Soldaten seien gefallen.", "de"),
        ("Das Pentagon äußerte sich. Demnach sind 2.000 Soldaten in Kursk.", "de"),
        ("The Pentagon briefed reporters. He said 2,000 troops were in Kursk.", "en"),
    ],
)
def test_claimant_inferred_from_the_previous_sentence(text: str, language: str) -> None:
    claim = one(text, language)
    assert claim["claimants"] and "claimant_inferred" in claim["flags"]


def test_no_claimant_inferred_without_continuation() -> None:
    claim = one("Das Pentagon äußerte sich. Es sind 2.000 Soldaten in Kursk.")
    assert claim["claimants"] == [] and "claimant_inferred" not in claim["flags"]


# --- dates, planned, increment -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "start", "end", "as_of_text"),
    [
        ("Letzte Woche bestätigten die USA 10.000 Soldaten in Kursk.", "de",
         dt.date(2024, 11, 4), dt.date(2024, 11, 10), "Letzte Woche"),
        ("Selenskyj sagte am Montag, dass 5.000 Soldaten in Kursk sind.", "de",
         dt.date(2024, 11, 11), dt.date(2024, 11, 11), "am Montag"),
        ("Derzeit sind bis zu 12.000 Soldaten dort.", "de", PUBLISHED, PUBLISHED, "Derzeit"),
        ("Im Oktober kamen 3.000 Soldaten.", "de", dt.date(2024, 10, 1), dt.date(2024, 10, 31),
         "Im Oktober"),
        ("Die USA sagten letzte Woche, dass 8.000 Soldaten in Kursk sind – wo die Ukraine "
         "Anfang August angriff.", "de", dt.date(2024, 11, 4), dt.date(2024, 11, 10),
         "letzte Woche"),
        ("Last month 8,000 troops arrived.", "en", dt.date(2024, 10, 1), dt.date(2024, 10, 31),
         "Last month"),
        ("About 10,000 troops are in Kursk, the Pentagon said on Monday.", "en",
         dt.date(2024, 11, 11), dt.date(2024, 11, 11), "on Monday"),
        ("There are currently 11,000 troops in Kursk.", "en", PUBLISHED, PUBLISHED,
         "currently"),
        ("Anfang August waren 3.000 Soldaten dort.", "de", dt.date(2024, 8, 1),
         dt.date(2024, 8, 10), "Anfang August"),
        ("Ende August standen 2.000 Soldaten in Sudscha.", "de", dt.date(2024, 8, 21),
         dt.date(2024, 8, 31), "Ende August"),
        ("Gestern kamen 500 Soldaten an.", "de", dt.date(2024, 11, 11), dt.date(2024, 11, 11),
         "Gestern"),
        ("Am 4. November kamen 500 Soldaten an.", "de", dt.date(2024, 11, 4),
         dt.date(2024, 11, 4), "Am 4. November"),
        ("Vor zwei Wochen kamen 500 Soldaten an.", "de", dt.date(2024, 10, 28),
         dt.date(2024, 11, 3), "Vor zwei Wochen"),
        ("On Nov. 4, 500 troops arrived.", "en", dt.date(2024, 11, 4), dt.date(2024, 11, 4),
         "On Nov. 4"),
        ("Yesterday 500 troops arrived.", "en", dt.date(2024, 11, 11), dt.date(2024, 11, 11),
         "Yesterday"),
        ("In early August 3,000 troops crossed.", "en", dt.date(2024, 8, 1),
         dt.date(2024, 8, 10), "In early August"),
        ("In October, Pyongyang sent 10,000 troops, the Pentagon said last week.", "en",
         dt.date(2024, 10, 1), dt.date(2024, 10, 31), "In October"),
    ],
)
def test_as_of(text: str, language: str, start: dt.date, end: dt.date, as_of_text: str) -> None:
    claim = one(text, language)
    assert (claim["as_of_start"], claim["as_of_end"], claim["as_of_text"]) == (
        start, end, as_of_text)


def test_no_time_expression_means_as_of_publication() -> None:
    claim = one("Es sind 5.000 Soldaten in Kursk.")
    assert (claim["as_of_start"], claim["as_of_end"]) == (PUBLISHED, PUBLISHED)
    assert claim["as_of_source"] == "publication"
    assert claim["as_of_text"] is None and claim["since"] is None


def test_since() -> None:
    claim = one("Letzten Monat hieß es, Nordkorea habe seit August 2023 mehr als 13.000 "
                "Container geliefert.")
    assert claim["since"] == dt.date(2023, 8, 1)
    assert claim["as_of_start"] == dt.date(2024, 10, 1)
    claim = one("Since August 2023 North Korea has sent 13,000 containers.", "en")
    assert claim["since"] == dt.date(2023, 8, 1) and claim["as_of_start"] == PUBLISHED


@pytest.mark.parametrize(
    ("text", "language", "planned", "increment"),
    [
        ("Nordkorea soll weitere 6.000 Soldaten schicken.", "de", True, True),
        ("Russland plant, 2.000 Soldaten zu verlegen.", "de", True, False),
        ("Es sind 2.000 Soldaten angekommen.", "de", False, False),
        ("North Korea plans to send another 3,000 troops.", "en", True, True),
        ("Pyongyang is expected to send 5,000 troops.", "en", True, False),
        ("Pyongyang sent 5,000 troops.", "en", False, False),
        ("Dort sollen 300 Soldaten getötet worden sein.", "de", False, False),
        ("Nordkorea sollen 500 Soldaten in Kursk sein.", "de", False, False),
        ("Some 8,000 troops are in Kursk and are expected to join combat.", "en", False, False),
    ],
)
def test_planned_and_increment(text: str, language: str, planned: bool, increment: bool):
    claim = one(text, language)
    assert (claim["planned"], claim["increment"]) == (planned, increment)


# --- claimant edge cases: "according to", short forms --------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "claimants", "location"),
    [
        ("According to the Pentagon, about 3,000 soldiers were sent to Russia last week.",
         "en", ["USA"], "RUS"),
        ("About 3,000 soldiers were sent to Russia, according to the United States.",
         "en", ["USA"], "RUS"),
        ("Laut dem Pentagon wurden rund 3.000 Soldaten nach Russland gebracht.",
         "de", ["USA"], "RUS"),
        ("Nach Angaben des Pentagons sind 4.000 Soldaten in der Region Kursk.",
         "de", ["USA"], "RU-KRS"),
    ],
)
def test_according_to_gives_the_claimant_not_a_location(
    text: str, language: str, claimants: list[str], location: str
) -> None:
    row = one(text, language)
    assert row["claimants"] == claimants
    assert row["location"] == location


def test_bare_kim_after_kim_jong_un_is_north_korea() -> None:
    text = ("Kim Jong Un empfing am Abend eine Delegation aus Moskau. "
            "Kim sagte, 3.000 Arbeiter seien bereits nach Russland gereist.")
    row = one(text)
    assert row["claimants"] == ["PRK"] and row["claimant_text"] == "Kim"
    english = ("Kim Jong Un hosted a delegation from Moscow. "
               "Kim said that 3,000 workers had already gone to Russia.")
    assert one(english, "en")["claimants"] == ["PRK"]


def test_putin_and_kim_state_a_figure_together() -> None:
    row = one("Putin und Kim erklärten, dass 5.000 Arbeiter nach Russland gehen.")
    assert row["claimants"] == ["RUS", "PRK"]
    assert one("Putin and Kim said 5,000 workers would go to Russia.", "en")["claimants"] == [
        "RUS", "PRK"]


def test_bare_kim_without_context_is_nobody() -> None:
    row = one("Kim sagte, 3.000 Arbeiter seien bereits nach Russland gereist.")
    assert row["claimants"] == []
