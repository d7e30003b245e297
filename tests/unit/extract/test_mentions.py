"""Places, actors and claimants resolved to codes."""

from __future__ import annotations

import pytest

from analysis.extract.mentions import find_actors, find_claimants, find_places


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


@pytest.mark.parametrize(
    ("text", "language", "codes"),
    [
        ("According to the Pentagon, the convoy left on time.", "en", ["USA"]),
        ("The figure is too high, according to Kyiv.", "en", ["UKR"]),
        ("according to  the White House the talks failed", "en", ["USA"]),
        ("Laut dem Pentagon verließ der Konvoi pünktlich das Lager.", "de", ["USA"]),
        ("Nach Angaben des Pentagons war die Zahl zu hoch.", "de", ["USA"]),
    ],
)
def test_according_to_introduces_a_speaker_not_a_place(
    text: str, language: str, codes: list[str]
) -> None:
    assert [list(group.codes) for group in find_claimants(text, language)] == [codes]


def test_to_is_still_locative_outside_the_claim_cue() -> None:
    assert find_claimants("The shells were shipped to Russia by train.", "en") == []
    assert find_claimants("He travelled to Kyiv on Friday.", "en") == []


@pytest.mark.parametrize(
    ("text", "language", "context", "expected"),
    [
        # A bare "Kim" names North Korea after "Kim Jong Un" was named earlier ...
        ("Kim sagte, die Lieferungen gingen weiter.", "de", "Kim Jong Un reiste ab. ", [["PRK"]]),
        ("Kim insisted the deal was fair.", "en", "Kim Jong Un met envoys. ", [["PRK"]]),
        ("Kim Jong Un kam an, und Kim lächelte.", "de", "", [["PRK"], ["PRK"]]),
        # ... or coordinated with another claimant, even without it ...
        ("Putin und Kim erklärten, der Vertrag gelte sofort.", "de", "", [["RUS", "PRK"]]),
        ("Putin and Kim announced the treaty.", "en", "", [["RUS", "PRK"]]),
        # ... but not alone, nor as the family name of someone else.
        ("Kim sagte, die Lieferungen gingen weiter.", "de", "", []),
        ("Kim Yong Hyun said the figure was too low.", "en", "Kim Jong Un met envoys. ", []),
    ],
)
def test_short_form_kim(
    text: str, language: str, context: str, expected: list[list[str]]
) -> None:
    found = find_claimants(text, language, context)
    assert [list(group.codes) for group in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein Berater des Weißen Hauses deutete das an.", {"USA"}),
        ("Im Weißen Haus sah man das anders.", {"USA"}),  # locative: kept inside a speaker
        ("Nach Einschätzung westlicher Beamter ist das zu hoch.", {"WEST"}),
        ("Der Sprecher des russischen Generalstabschefs widersprach.", {"RUS"}),
        ("Die Analyse des US-Verteidigungsministeriums liegt vor.", {"USA"}),
    ],
)
def test_inflected_claimants(text: str, expected: set[str]) -> None:
    codes = {code for group in find_claimants(text, "de", locative=True) for code in group.codes}
    assert codes == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ein ranghoher US-Beamter bestätigte das.", {"USA"}),
        ("Zwei US-Beamte widersprachen.", {"USA"}),
        ("Ein Papier des US-Außenministeriums liegt vor.", {"USA"}),
        ("Ein Sprecher des US-Militärs schwieg.", {"USA"}),
    ],
)
def test_a_demonym_joined_to_its_institution_by_a_hyphen(text: str, expected: set[str]) -> None:
    codes = {code for group in find_claimants(text, "de") for code in group.codes}
    assert codes == expected


def test_us_prefix_names_american_forces() -> None:
    assert [(m.text, m.code) for m in find_actors("Die US-Truppen blieben.", "de")] == [
        ("US", "USA")]
