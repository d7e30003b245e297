"""Places, actors and claimants resolved to codes."""

from __future__ import annotations

import pytest

from analysis.places import country_of, find_actors, find_claimants, find_places, place_kind


def place_codes(text: str, language: str) -> list[tuple[str, str]]:
    return [(p.text, p.code) for p in find_places(text, language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Sie stehen in der russischen Region Kursk.", "de",
         [("russischen Region Kursk", "RU-KRS")]),
        ("Kämpfe in der Region Kursk.", "de", [("Region Kursk", "RU-KRS")]),
        ("Sie kämpfen in Kursk.", "de", [("Kursk", "RU-KRS")]),
        ("Sie wurden nach Russland gebracht.", "de", [("Russland", "RUS")]),
        ("Einheiten in der Ukraine.", "de", [("Ukraine", "UKR")]),
        ("Angriffe auf Belgorod und Sumy.", "de", [("Belgorod", "RU-BEL"), ("Sumy", "UA-59")]),
        ("Gefechte bei Sudscha.", "de", [("Sudscha", "Sudzha")]),
        ("Truppen aus Nordkorea.", "de", [("Nordkorea", "PRK")]),
        ("They are in the Kursk region.", "en", [("Kursk region", "RU-KRS")]),
        ("Fighting in Kursk Oblast continues.", "en", [("Kursk Oblast", "RU-KRS")]),
        ("They moved to Russia's Kursk region.", "en", [("Russia's Kursk region", "RU-KRS")]),
        ("Troops near Sudzha and in Sumy.", "en", [("Sudzha", "Sudzha"), ("Sumy", "UA-59")]),
        ("North Korea sent them to Russia.", "en", [("North Korea", "PRK"), ("Russia", "RUS")]),
    ],
)
def test_find_places(text: str, language: str, expected: list[tuple[str, str]]) -> None:
    assert place_codes(text, language) == expected


def test_places_do_not_match_inside_words() -> None:
    assert place_codes("Die nordkoreanischen Einheiten", "de") == []
    assert place_codes("Russlanddeutsche", "de") == []


def test_offsets_and_kinds() -> None:
    text = "Sie sind in Russland und bei Korenewo."
    for mention in find_places(text, "de"):
        assert text[mention.start:mention.end] == mention.text
    assert [p.kind for p in find_places(text, "de")] == ["country", "town"]


@pytest.mark.parametrize(
    ("code", "country"),
    [("RU-KRS", "RUS"), ("UA-59", "UKR"), ("RUS", "RUS"), ("Sudzha", "RUS"), ("Sumy", "UKR"),
     ("Atlantis", None), (None, None), ("KP-01", "PRK")],
)
def test_country_of(code: str | None, country: str | None) -> None:
    assert country_of(code) == country


def test_place_kind() -> None:
    assert [place_kind(c) for c in ("RUS", "RU-KRS", "Sudzha")] == ["country", "region", "town"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Die nordkoreanische Armee", "de", [("nordkoreanische", "PRK")]),
        ("Tausende nordkoreanischer Soldaten", "de", [("nordkoreanischer", "PRK")]),
        ("Nordkoreanische Einheiten", "de", [("Nordkoreanische", "PRK")]),
        ("Nordkoreas Truppen", "de", [("Nordkoreas", "PRK")]),
        ("russischen und ukrainischen Soldaten", "de",
         [("russischen", "RUS"), ("ukrainischen", "UKR")]),
        ("North Korean troops and Russian units", "en",
         [("North Korean", "PRK"), ("Russian", "RUS")]),
        ("Pyongyang's soldiers", "en", [("Pyongyang's", "PRK")]),
        ("let us see", "en", []),
    ],
)
def test_find_actors(text: str, language: str, expected: list[tuple[str, str]]) -> None:
    assert [(a.text, a.code) for a in find_actors(text, language)] == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Letzte Woche bestätigten die USA, dass es stimmt.", "de", [("USA", {"USA"})]),
        ("Südkorea, die USA und die Ukraine erklärten es.", "de",
         [("Südkorea, die USA und die Ukraine", {"KOR", "USA", "UKR"})]),
        ("Nach Schätzungen der US-amerikanischen, südkoreanischen und ukrainischen "
         "Geheimdienste ist das so.", "de",
         [("US-amerikanischen, südkoreanischen und ukrainischen Geheimdienste",
           {"USA", "KOR", "UKR"})]),
        ("Der ukrainische Präsident Wolodymyr Selenskyj sagte das.", "de",
         [("ukrainische Präsident Wolodymyr Selenskyj", {"UKR"})]),
        ("Das teilte der südkoreanische Geheimdienst mit.", "de",
         [("südkoreanische Geheimdienst", {"KOR"})]),
        ("Das Pentagon und Kiew widersprachen.", "de", [("Pentagon und Kiew", {"USA", "UKR"})]),
        ("Laut NATO-Generalsekretär Mark Rutte ist es so.", "de",
         [("NATO-Generalsekretär Mark Rutte", {"NATO"})]),
        ("According to South Korea's spy agency, it is true.", "en",
         [("South Korea's spy agency", {"KOR"})]),
        ("Ukrainian President Volodymyr Zelensky said so.", "en",
         [("Ukrainian President Volodymyr Zelensky", {"UKR"})]),
        ("The Pentagon and Seoul agree.", "en", [("Pentagon and Seoul", {"USA", "KOR"})]),
    ],
)
def test_find_claimants(text: str, language: str, expected: list[tuple[str, set[str]]]) -> None:
    found = find_claimants(text, language)
    assert [(g.text, set(g.codes)) for g in found] == expected
    for start, end, written, _codes in found:
        assert text[start:end] == written


def test_a_place_after_a_locative_preposition_is_no_claimant() -> None:
    assert find_claimants("Die Truppen sind in der Ukraine.", "de") == []
    assert find_claimants("The troops are in Ukraine.", "en") == []


def test_claimant_codes_keep_order_of_mention() -> None:
    (group,) = find_claimants("Die Ukraine, Südkorea und die USA warnten.", "de")
    assert group.codes == ("UKR", "KOR", "USA")
