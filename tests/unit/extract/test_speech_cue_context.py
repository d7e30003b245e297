"""Cue extents and cue words, continued from test_speech_cues.py: a separable particle after a
bracket, one adverb inside a multi-word cue, "nach" with a relative pronoun after a report
noun, postposed "so" (before a name, a pronoun or a reporting verb; not before another
verb), a correlate before a participle. Example sentences written for these tests (none
copied from news or benchmark text)."""

from __future__ import annotations

import pytest

from analysis.extract.attribution import find_reports
from tests.support.speech import only_report, report_texts


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        ("Der Trainer teilte am Abend (Ortszeit) mit, dass zwei Spieler fehlen.",
         ["teilte", "mit"], "Der Trainer"),
        ("Die Stadt gab am Freitag (Ortszeit) nach der Sitzung bekannt, dass die Brücke öffnet.",
         ["gab", "bekannt"], "Die Stadt"),
        ("Die Reederei teilte gestern (MEZ) mit, das Schiff sei leer.", ["teilte", "mit"],
         "Die Reederei"),
    ],
)
def test_a_separable_particle_after_a_bracket(sentence: str, cue: list[str],
                                              source: str) -> None:
    found, found_source, _ = only_report(sentence)
    assert (found, found_source) == (cue, source)


def test_a_bracket_without_a_particle_after_it_is_no_cue() -> None:
    assert find_reports("Die Stadt teilte die Kosten (rund 50 Euro) auf alle Mieter auf.",
                        "de") == ()


@pytest.mark.parametrize(
    ("sentence", "cue", "message"),
    [
        ("Am Dienstag wurde dann bekannt, dass die Fabrik schließt.", ["wurde", "bekannt"],
         "dass die Fabrik schließt"),
        ("Im Herbst wurde zudem bekannt, dass der Vertrag endet.", ["wurde", "bekannt"],
         "dass der Vertrag endet"),
        ("Der Bürgermeister ist auch der Ansicht, dass die Steuer steigen muss.",
         ["ist", "der", "Ansicht"], "dass die Steuer steigen muss"),
        ("Die Ärztin ist weiterhin der Ansicht, dass die Praxis zu klein sei.",
         ["ist", "der", "Ansicht"], "dass die Praxis zu klein sei"),
    ],
)
def test_one_adverb_inside_a_multi_word_cue(sentence: str, cue: list[str],
                                            message: str) -> None:
    reports = [report_texts(sentence, r) for r in find_reports(sentence, "de")]
    assert any(found == cue and found_message == message
               for found, _, found_message in reports), reports


def test_two_words_between_the_parts_of_a_multi_word_cue_are_no_cue() -> None:
    sentence = "Im Mai wurde die Firma bekannt, weil sie Räder baut."
    assert all(report_texts(sentence, r)[0] != ["wurde", "bekannt"]
               for r in find_reports(sentence, "de"))


@pytest.mark.parametrize(
    ("sentence", "source", "message"),
    [
        ("Der Verein zitierte Umfragen, nach denen die Hälfte der Mitglieder bleiben will.",
         "Umfragen", "die Hälfte der Mitglieder bleiben will"),
        ("Es gibt eine Schätzung, nach der 40 Häuser zerstört wurden.", "Schätzung",
         "40 Häuser zerstört wurden"),
        ("Sie nannte einen Bericht, nach dem die Schule 1950 gebaut wurde.", "Bericht",
         "die Schule 1950 gebaut wurde"),
    ],
)
def test_nach_with_a_relative_pronoun_after_a_report_noun(sentence: str, source: str,
                                                          message: str) -> None:
    reports = [report_texts(sentence, r) for r in find_reports(sentence, "de")]
    assert (["nach"], source, message) in reports, reports


def test_nach_with_a_relative_pronoun_after_another_noun_is_no_cue() -> None:
    sentence = "Der Schiedsrichter erklärte die Regeln, nach denen gespielt wird."
    assert all(report_texts(sentence, r)[0] != ["nach"] for r in find_reports(sentence, "de"))


@pytest.mark.parametrize(
    "sentence",
    [
        "Hätte sie den Zug genommen, so wäre sie jetzt zu Hause.",
        "Regnet es morgen, so fällt das Fest aus.",
        "Das Dach – so scheint es – hält nicht mehr lange.",
    ],
)
def test_so_before_a_verb_is_no_postposed_cue(sentence: str) -> None:
    assert all(report_texts(sentence, r)[0] != ["so"] for r in find_reports(sentence, "de"))


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Die Brücke bleibt gesperrt, so Meier.", "Meier"),
        ("Die Brücke bleibt gesperrt, so die Stadt.", "die Stadt"),
        ("Die Brücke bleibt bis Mai gesperrt, so er.", "er"),
    ],
)
def test_so_before_a_name_or_a_pronoun_is_a_postposed_cue(sentence: str, source: str) -> None:
    assert only_report(sentence)[:2] == (["so"], source)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Die Vereine hatten dazu aufgerufen, den Park sauber zu halten.",
         ["hatten", "dazu", "aufgerufen"]),
        ("Die Ärzte waren davon ausgegangen, dass die Welle abflaut.",
         ["waren", "davon", "ausgegangen"]),
        ("Die Mieter haben darum gebeten, die Heizung zu prüfen.", ["haben", "darum", "gebeten"]),
    ],
)
def test_a_correlate_right_before_a_participle_is_part_of_the_cue(sentence: str,
                                                                   cue: list[str]) -> None:
    assert only_report(sentence)[0] == cue


@pytest.mark.parametrize(
    ("sentence", "source", "message"),
    [
        ("Die Straße sei zu eng, so sagte die Planerin.", "die Planerin", "Die Straße sei zu eng"),
        ("Der Bau dauere bis Juni, so erklärte der Architekt am Freitag.", "der Architekt",
         "Der Bau dauere bis Juni"),
        ("Das Wasser sei sauber – so betonte das Amt.", "das Amt", "Das Wasser sei sauber"),
    ],
)
def test_so_before_a_reporting_verb_is_part_of_the_cue(sentence: str, source: str,
                                                       message: str) -> None:
    cue, found_source, found_message = only_report(sentence)
    assert cue[0] == "so" and (found_source, found_message) == (source, message)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Die Bürgermeisterin hat sich zuversichtlich geäußert, dass der Bau bald beginnt.",
         ["hat", "sich", "geäußert"]),
        ("Die Partei hat sich klar geäußert, dass sie in der Koalition bleibt.",
         ["hat", "sich", "geäußert"]),
        ("Der Trainer hatte sich nach dem Spiel geäußert: Die Mannschaft sei müde.",
         ["hatte", "sich", "geäußert"]),
    ],
)
def test_a_reflexive_after_the_auxiliary_is_part_of_the_cue(sentence: str,
                                                             cue: list[str]) -> None:
    assert only_report(sentence)[0] == cue


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        ("Einige vertreten die Auffassung, der Park sei zu klein.",
         ["vertreten", "die", "Auffassung"], "Einige"),
        ("Manche sind der Meinung, das Museum brauche mehr Platz.", ["sind", "der", "Meinung"],
         "Manche"),
        ("Viele waren der Ansicht, die Wahl sei zu früh.", ["waren", "der", "Ansicht"], "Viele"),
    ],
)
def test_the_noun_of_a_multi_word_cue_is_never_its_source(sentence: str, cue: list[str],
                                                          source: str) -> None:
    assert only_report(sentence)[:2] == (cue, source)


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "message"),
    [
        ("Zudem hatte sie laut „Kurier“ betont, dass die Schule bleibt.", ["hatte", "betont"],
         "sie", "dass die Schule bleibt"),
        ("Der Verein hat der „Rundschau“ bestätigt, dass das Fest ausfällt.",
         ["hat", "bestätigt"], "Der Verein", "dass das Fest ausfällt"),
        ("Er hatte den Umbau „eine Zumutung“ genannt und erklärt, er ziehe aus.",
         ["erklärt"], "Er", "er ziehe aus"),
    ],
)
def test_a_short_quotation_inside_the_clause_does_not_open_a_new_one(
        sentence: str, cue: list[str], source: str, message: str) -> None:
    reports = [report_texts(sentence, r) for r in find_reports(sentence, "de")]
    assert any(found[-len(cue):] == cue and (found_source, found_message) == (source, message)
               for found, found_source, found_message in reports), reports
