"""Cue words and cue extents (the speech lexicon, analysis.extract.speech_verbs and
speech_prepositions): verbs of decision that only the SpkAtt view reports, the predicative
"als" and the expletive "es" inside a cue, a particle after an inserted apposition, "nach"
only before a report noun that heads its phrase. Example sentences written for these tests
(none copied from news or benchmark text)."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.extract.attribution import find_reports
from analysis.extract.claimant_resolution import ArticleAttribution
from analysis.extract.claims import find_claims
from analysis.extract.speech_document import document_reports
from tests.support.speech import only_report, report_texts


@pytest.mark.parametrize(
    ("sentence", "cue", "message"),
    [
        ("Der Landrat bezeichnete den Neubau als „ein Geschenk für die ganze Region“.",
         ["bezeichnete", "als"], "„ein Geschenk für die ganze Region“"),
        ("Die Gewerkschaft würdigte den Abschluss als „großen Schritt nach vorn“.",
         ["würdigte", "als"], "„großen Schritt nach vorn“"),
        ("Die Trainerin bezeichnete die Niederlage gestern als „bitter, aber verdient“.",
         ["bezeichnete", "als"], "„bitter, aber verdient“"),
    ],
)
def test_the_predicative_als_belongs_to_the_cue(sentence: str, cue: list[str],
                                                message: str) -> None:
    found, _, said = only_report(sentence)
    assert (found, said) == (cue, message)


def test_als_opening_a_clause_after_a_comma_stays_in_the_message() -> None:
    sentence = "Die Ärztin sagte, als sie ankam, seien 20 Menschen verletzt gewesen."
    assert only_report(sentence) == (["sagte"], "Die Ärztin",
                               "als sie ankam, seien 20 Menschen verletzt gewesen")


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Es wird befürchtet, dass der Pegel weiter steigt.", ["Es", "wird", "befürchtet"]),
        ("Doch es wird vermutet, dass 300 Hektar Wald verbrannt sind.",
         ["es", "wird", "vermutet"]),
        ("Es wurde angenommen, dass die Brücke hält.", ["Es", "wurde", "angenommen"]),
    ],
)
def test_the_expletive_es_of_an_impersonal_passive_belongs_to_the_cue(
        sentence: str, cue: list[str]) -> None:
    found, source, _ = only_report(sentence)
    assert (found, source) == (cue, None)


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        ("Dies teilte die Leiterin der Kommission, Anna Beispiel, mit.", ["teilte", "mit"],
         "die Leiterin der Kommission, Anna Beispiel"),
        ("Das gab der Verband, der die Bauern vertritt, am Montag bekannt.",
         ["gab", "bekannt"], "der Verband"),
    ],
)
def test_a_particle_after_an_inserted_phrase_closes_the_cue(
        sentence: str, cue: list[str], source: str) -> None:
    found, speaker, _ = only_report(sentence)
    assert found == cue
    assert speaker is not None and speaker.startswith(source)


def test_a_comma_phrase_not_closed_by_the_particle_is_no_cue() -> None:
    assert find_reports("Er teilte das Brot, das sie gebacken hatte, mit seinem Bruder.",
                        "de") == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Anklage beantragte nach Abschluss der Ermittlungen einen Prozess.",
        "Nach Auflösung der Berichte kam es zu neuen Gesprächen.",
        "Nach Ende der Untersuchung wurden 14 Personen entlassen.",
        "Nach der Nachricht vom Rücktritt stiegen die Kurse um sieben Prozent.",
    ],
)
def test_nach_before_a_noun_that_only_has_a_report_noun_in_its_attribute(
        sentence: str) -> None:
    assert not any(r.role == "noun_preposition" for r in find_reports(sentence, "de"))


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Nach Angaben des Ministeriums wurden 30 Menschen verletzt.", "Angaben des Ministeriums"),
        ("Nach neuesten Erkenntnissen der Polizei flohen drei Täter.",
         "neuesten Erkenntnissen der Polizei"),
        ("Nach Moskaus Darstellung wurden 12 Drohnen abgefangen.", "Moskaus Darstellung"),
        ("Nach einer Mitteilung der Agentur sind 40 Häuser zerstört.",
         "einer Mitteilung der Agentur"),
        ("Nach einem internen Dokument der Behörde fehlen 200 Stellen.",
         "einem internen Dokument der Behörde"),
    ],
)
def test_nach_before_a_report_noun_heading_its_phrase(sentence: str, source: str) -> None:
    reports = [r for r in find_reports(sentence, "de") if r.role == "noun_preposition"]
    assert [report_texts(sentence, r)[1] for r in reports] == [source]


@pytest.mark.parametrize(
    ("sentence", "cue", "message"),
    [
        ("Der Zeuge sagte vor Gericht aus, er habe niemanden gesehen.", ["sagte", "aus"],
         "er habe niemanden gesehen"),
        ("Die Partei vertritt die Auffassung, dass die Steuer zu hoch sei.",
         ["vertritt", "die", "Auffassung"], "dass die Steuer zu hoch sei"),
        ("Die Gutachter kamen zu dem Ergebnis, dass 40 Brücken saniert werden müssen.",
         ["kamen", "zu", "dem", "Ergebnis"], "dass 40 Brücken saniert werden müssen"),
        ("Der Vorstand ließ verlauten, man prüfe alle Angebote.", ["ließ", "verlauten"],
         "man prüfe alle Angebote"),
        ("Die Forscherin machte klar, dass die Daten vorläufig seien.", ["machte", "klar"],
         "dass die Daten vorläufig seien"),
        ("Die Bürgermeisterin hob hervor, die Stadt habe 300 Wohnungen gebaut.",
         ["hob", "hervor"], "die Stadt habe 300 Wohnungen gebaut"),
        ("Der Gutachter hält es für möglich, dass 30 Brücken marode sind.",
         ["hält", "es", "für", "möglich"], "dass 30 Brücken marode sind"),
    ],
)
def test_more_reporting_verbs(sentence: str, cue: list[str], message: str) -> None:
    found, _, said = only_report(sentence)
    assert (found, said) == (cue, message)


DECISIONS = [
    "Die Regierung beschloss am Montag, 500 Soldaten an die Grenze zu verlegen.",
    "Der Rat entschied, dass 2.000 Soldaten in die Region geschickt werden.",
    "Die Minister einigten sich darauf, 300 Fahrzeuge zu liefern.",
    "Das Gericht ordnete an, dass 40 Gefangene freigelassen werden.",
]


@pytest.mark.parametrize("sentence", DECISIONS)
def test_a_decision_is_a_report_only_in_the_benchmark_view(sentence: str) -> None:
    assert [r.role for r in find_reports(sentence, "de")] == ["verb_view"]
    assert ArticleAttribution([sentence], "de").reports(0) == ()
    assert ArticleAttribution([sentence], "de", views=True).reports(0) != ()
    assert [d.report.role for d in document_reports([sentence], "de")] == ["verb_view"]


@pytest.mark.parametrize("sentence", DECISIONS)
def test_a_decider_is_never_a_claimant(sentence: str) -> None:
    rows = find_claims(sentence, "de", dt.date(2024, 11, 12))
    assert rows, sentence
    assert all(not row["claimants"] and not row["claimant_text"] for row in rows)


def test_a_decision_inside_a_report_keeps_the_speaker_as_claimant() -> None:
    sentence = ("Ein Sprecher des Verteidigungsministeriums sagte, die Regierung habe "
                "beschlossen, 500 Soldaten zu verlegen.")
    rows = find_claims(sentence, "de", dt.date(2024, 11, 12))
    assert rows and all("Sprecher" in row["claimant_text"] for row in rows)


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("Der Hersteller kündigte ein neues Modell an, das im Mai erscheint.",
         "ein neues Modell an, das im Mai erscheint"),
        ("Die Aktionäre forderten den Rücktritt des Vorstands, weil die Zahlen schlecht waren.",
         "den Rücktritt des Vorstands, weil die Zahlen schlecht waren"),
        ("Die Feuerwehr berichtete von zwei Bränden, die in der Nacht ausbrachen.",
         "von zwei Bränden, die in der Nacht ausbrachen"),
        ("Der Verein sprach von 40 Mitgliedern, in deren Namen er handle.",
         "40 Mitgliedern, in deren Namen er handle"),  # "sprach von" is the cue
    ],
)
def test_an_object_with_a_clause_about_it_is_the_reported_message(
        sentence: str, message: str) -> None:
    reports = find_reports(sentence, "de")
    assert len(reports) == 1
    assert report_texts(sentence, reports[0])[2] == message
    assert reports[0].form == "reported"


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("Sie sagte den Reportern, die 300 Soldaten seien abgezogen.",
         "die 300 Soldaten seien abgezogen"),
        ("Der Landrat forderte die Anwohner auf, die 20 Häuser zu verlassen.",
         "die 20 Häuser zu verlassen"),
        ("Der Minister sagte am Montag, die Truppen seien verlegt worden.",
         "die Truppen seien verlegt worden"),
    ],
)
def test_a_clause_after_an_addressee_stays_the_message(sentence: str, message: str) -> None:
    reports = find_reports(sentence, "de")
    assert len(reports) == 1
    assert report_texts(sentence, reports[0])[2] == message
    assert reports[0].form == "speech"


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("Der Sprecher erklärte hingegen, damit solle ein Streit vermieden werden.",
         "damit solle ein Streit vermieden werden"),
        ("Die Ärztin riet den Urlaubern, der Küste vorerst fernzubleiben.",
         "der Küste vorerst fernzubleiben"),
    ],
)
def test_an_adverb_or_an_infinitive_after_the_comma_is_still_the_message(
        sentence: str, message: str) -> None:
    reports = find_reports(sentence, "de")
    assert [report_texts(sentence, r)[2] for r in reports] == [message]


def test_als_of_another_verb_after_und_is_not_in_the_cue() -> None:
    sentence = "Die Ministerin zeigte sich bestürzt und verurteilte den Anschlag als „feige“."
    cues = [report_texts(sentence, r)[0] for r in find_reports(sentence, "de")]
    assert all("als" not in cue for cue in cues)


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Gruppe nennt sich seit Jahren nach ihrem Gründer.",
        "Der Verdacht bestätigte sich am Montag nicht.",
        "Der Pegel stieg früher als erwartet.",
        "Die Kosten lagen höher als befürchtet.",
        "Die Autorin war durch Bücher bekannt geworden, die Aufsehen erregten.",
    ],
)
def test_cue_words_that_report_nothing(sentence: str) -> None:
    assert find_reports(sentence, "de") == ()


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("Es hieß, die Truppen seien abgezogen.", "die Truppen seien abgezogen"),
        ("Wie bekannt wurde, sind 30 Menschen verletzt.", "sind 30 Menschen verletzt"),
    ],
)
def test_impersonal_cues_still_report(sentence: str, message: str) -> None:
    assert [report_texts(sentence, r)[2] for r in find_reports(sentence, "de")] == [message]


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "message"),
    [
        ("Fritz Beispiel, Agrarexperte der Partei im Landtag, kritisierte, die Kommission habe "
         "versagt.", ["kritisierte"], "Fritz Beispiel, Agrarexperte der Partei im Landtag",
         "die Kommission habe versagt"),
        ("Karla Muster, Dezernentin der Stadt, sprach von 40 beschädigten Häusern.",
         ["sprach", "von"], "Karla Muster, Dezernentin der Stadt", "40 beschädigten Häusern"),
        ("Hans von Beispiel (SPD), Bürgermeister der Stadt, kritisiert seit Wochen die 300 "
         "neuen Parkplätze.", ["kritisiert"], "Hans von Beispiel (SPD), Bürgermeister der Stadt",
         "seit Wochen die 300 neuen Parkplätze"),
    ],
)
def test_a_name_with_its_apposition_before_the_verb_is_the_source(
        sentence: str, cue: list[str], source: str, message: str) -> None:
    assert only_report(sentence) == (cue, source, message)


def test_a_message_before_the_verb_is_still_read_as_one() -> None:
    sentence = "Die Lage sei ernst, sagte der Minister."
    assert only_report(sentence) == (["sagte"], "der Minister", "Die Lage sei ernst")


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Der Sprecher sagte dazu, es gebe keine Pläne.", ["sagte"]),
        ("Die Ministerin erklärte dazu: „Wir prüfen alle 40 Anträge.“", ["erklärte"]),
        ("Nachdem bekannt geworden war, dass 300 Stellen wegfallen, kam es zu Protesten.",
         ["bekannt", "geworden", "war"]),
        ("Dann war bekannt geworden, dass die Firma schließt.", ["war", "bekannt", "geworden"]),
    ],
)
def test_cue_extent_of_adverbials_and_auxiliaries(sentence: str, cue: list[str]) -> None:
    assert report_texts(sentence, find_reports(sentence, "de")[0])[0] == cue


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "message"),
    [
        ("Die Ärztin widersprach der Behauptung, die Impfung sei gefährlich.",
         ["der", "Behauptung"], None, "die Impfung sei gefährlich"),
        ("Die Forderung des Verbands, dass 300 Stellen bleiben, wurde abgelehnt.",
         ["Die", "Forderung"], "des Verbands", "dass 300 Stellen bleiben"),
        ("Der Bitte, die Straße zu räumen, folgten alle.", ["Der", "Bitte"], None,
         "die Straße zu räumen"),
    ],
)
def test_a_content_noun_with_its_clause_is_a_report_in_the_benchmark_view(
        sentence: str, cue: list[str], source: str | None, message: str) -> None:
    reports = [r for r in find_reports(sentence, "de") if r.role == "content_noun"]
    assert [report_texts(sentence, r) for r in reports] == [(cue, source, message)]
    assert all(r.role != "content_noun"
               for r in ArticleAttribution([sentence], "de").reports(0))


@pytest.mark.parametrize(
    "sentence",
    ["Der Hinweis auf die Kosten kam spät.", "Die Forderung wurde am Montag abgelehnt.",
     "Nach der Warnung, die am Morgen kam, blieben 40 Schulen geschlossen."],
)
def test_a_content_noun_without_a_content_clause_reports_nothing(sentence: str) -> None:
    assert all(r.role != "content_noun" for r in find_reports(sentence, "de"))


def test_the_claimant_of_a_number_in_a_content_clause_is_unchanged() -> None:
    sentence = ("Der Minister wies die Behauptung zurück, 3.000 Soldaten seien an die Front "
                "verlegt worden.")
    rows = find_claims(sentence, "de", dt.date(2024, 11, 12))
    assert rows and all("Minister" in row["claimant_text"] for row in rows)


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "message"),
    [
        ("Wie die Zeitung „Der Bote“ berichtete, sei der Befehl aus dem Ausland gekommen.",
         ["Wie", "berichtete"], "die Zeitung „Der Bote“",
         "sei der Befehl aus dem Ausland gekommen"),
        ("Wie „Die Abendpost“ meldet, sind 30 Menschen verletzt.", ["Wie", "meldet"],
         "„Die Abendpost“", "sind 30 Menschen verletzt"),
        ("Die Polizei war mit 40 Beamten vor Ort, wie das Blatt „Rundschau“ meldet.",
         ["wie", "meldet"], "das Blatt „Rundschau“", "Die Polizei war mit 40 Beamten vor Ort"),
    ],
)
def test_a_wie_clause_whose_source_holds_a_quoted_name(
        sentence: str, cue: list[str], source: str, message: str) -> None:
    assert only_report(sentence) == (cue, source, message)


def test_the_quoted_outlet_of_a_wie_clause_is_the_claimant() -> None:
    sentence = "Wie die Zeitung „Der Bote“ berichtete, wurden 300 Soldaten an die Grenze verlegt."
    rows = find_claims(sentence, "de", dt.date(2024, 11, 12))
    assert rows and all(row["claimant_text"] == "Zeitung „Der Bote“" for row in rows)


def test_reported_speech_after_adverbials_the_grammar_does_not_read() -> None:
    sentence = ("Die Forscherin berichtete im Magazin „Neue Wissenschaft“ (NW), es seien nur "
                "70 Proben gefunden worden.")
    assert only_report(sentence)[2] == "es seien nur 70 Proben gefunden worden"


def test_a_relative_clause_after_a_report_noun_is_no_content_clause() -> None:
    sentence = "Der Minister kritisierte den Plan, der 300 Millionen Euro koste."
    assert all(r.role != "content_noun" for r in find_reports(sentence, "de"))
