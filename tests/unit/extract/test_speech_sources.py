"""How far a source reaches and which earlier report a sentence goes on with
(analysis.extract.attribution, speech_phrases, speech_document): appositions, quoted names,
the outermost report, quotations opened anew; example sentences written for these tests
(none copied from news or benchmark text)."""

from __future__ import annotations

import pytest

from analysis.extract.attribution import find_reports, innermost
from analysis.extract.claimant_resolution import ArticleAttribution
from analysis.extract.speech_document import document_reports


def _source(sentence: str, language: str) -> str | None:
    reports = find_reports(sentence, language)
    assert len(reports) == 1, reports
    report = reports[0]
    return sentence[slice(*report.source)] if report.source else None


@pytest.mark.parametrize(
    ("sentence", "language", "source"),
    [
        # an apposition closed by the sentence's end, a comma or (German) the finite verb
        ("Rund 300 Menschen starben, so der Bürgermeister, ein Mitglied der Grünen.", "de",
         "der Bürgermeister, ein Mitglied der Grünen"),
        ("Laut Anna Berger, der Sprecherin der Feuerwehr, wurden 40 Häuser zerstört.", "de",
         "Anna Berger, der Sprecherin der Feuerwehr"),
        ("Nach Angaben von Peter Braun, dem Leiter des Amtes hatten 200 Bauern Anträge "
         "gestellt.", "de", "Angaben von Peter Braun, dem Leiter des Amtes"),
        ("According to Jo Lee, a spokeswoman for the agency, 300 people died.", "en",
         "Jo Lee, a spokeswoman for the agency"),
        ("About 50 homes burned down, according to Sam Hill, the county fire chief.", "en",
         "Sam Hill, the county fire chief"),
        # the name that opens the sentence and its apposition speak together
        ("Klaus Weber, ein Klimaexperte der Stiftung erklärte, der Bericht zähle 90 Seiten.",
         "de", "Klaus Weber, ein Klimaexperte der Stiftung"),
        ("Maria Vogt, die Vorsitzende des Vereins, sagte, es gebe 120 Mitglieder.", "de",
         "Maria Vogt, die Vorsitzende des Vereins"),
        # a quoted name after a genitive article belongs to the source
        ("Laut einem Bericht der „Neuen Tageszeitung“ fehlen 70 Lehrer.", "de",
         "einem Bericht der „Neuen Tageszeitung“"),
        ("Nach einer Umfrage des „Instituts Nord“ sind 60 Prozent dafür.", "de",
         "einer Umfrage des „Instituts Nord“"),
        # a quotation right after the name is what is said, not a title
        ("Die Lücke werde laut Berger „auch in 20 Jahren bestehen“.", "de", "Berger"),
        ("Das bestätigte die Zeitung „Neue Presse“ am Montag.", "de",
         "die Zeitung „Neue Presse“"),
    ],
)
def test_a_source_with_its_apposition_or_quoted_name(sentence: str, language: str,
                                                     source: str) -> None:
    assert _source(sentence, language) == source


@pytest.mark.parametrize(
    ("sentence", "language", "source"),
    [
        # what follows the comma is the reported clause, not an apposition
        ("Laut Peter Braun, die Lage sei ernst.", "de", "Peter Braun"),
        ("Der Minister sagte, die Armee habe 500 Soldaten verlegt.", "de", "Der Minister"),
        ("Jo Lee said, the agency had counted 300 cases.", "en", "Jo Lee"),
        # a relative clause is not an apposition
        ("Laut dem Amt, das am Montag tagte, fehlen 30 Busse.", "de", "dem Amt"),
        # a time phrase before the clause is nobody's name
        ("Am Montag, dem ersten Tag der Messe, sagte der Veranstalter, es kämen 900 "
         "Besucher.", "de", "der Veranstalter"),
    ],
)
def test_no_apposition_where_the_clause_goes_on(sentence: str, language: str,
                                                source: str) -> None:
    reports = find_reports(sentence, language)
    sources = [sentence[slice(*r.source)] for r in reports if r.source]
    assert sources == [source]


def _continued_source(sentences: list[str]) -> str | None:
    found = ArticleAttribution(sentences, "de").inherited(len(sentences) - 1)
    assert found is not None
    where, _, speaker = found
    return sentences[where][slice(*speaker.span)]


def test_a_report_noun_names_no_speaker_to_go_on_with() -> None:
    # "bei der Vorstellung des Plans" only names an occasion
    sentences = ["„Wir bauen 30 Wohnungen“, erklärte Jan Ohm bei der Vorstellung des Plans.",
                 "„Die ersten werden im Mai fertig.“"]
    assert _continued_source(sentences) == "Jan Ohm"


def test_a_new_quotation_after_the_frame_is_its_own_annotation() -> None:
    sentences = ["„Das Dorf hat 300 Einwohner“, sagte die Bürgermeisterin.",
                 "„Im Sommer kommen 2.000 Gäste dazu.“"]
    found = [f for f in document_reports(sentences, "de") if f.sentence_index == 1]
    assert len(found) == 1 and found[0].report.role == "continuation"
    assert not found[0].goes_on  # a quotation opens here: the task marks it on its own


def test_a_quotation_going_on_joins_the_one_before() -> None:
    sentences = ["Die Bürgermeisterin sagte: „Das Dorf hat 300 Einwohner.",
                 "Im Sommer kommen 2.000 Gäste dazu.“"]
    found = [f for f in document_reports(sentences, "de") if f.sentence_index == 1]
    assert len(found) == 1 and found[0].goes_on


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # the agent of a German passive, wherever it stands before the participle
        ("Zudem wurde die Stadt vom Landesverband aufgefordert, 40 Plätze zu schaffen.",
         "Landesverband"),
        ("Es wurde von seinem Anwalt die Vermutung geäußert, es gebe 300 Zeugen.",
         "seinem Anwalt"),
        # else the document it is written in ("Im" holds the article)
        ("In einer Mitteilung wurde verkündet, dass 200 Stellen wegfallen.", "einer Mitteilung"),
        ("Im Bericht der Kommission war festgestellt worden, dass 40 Schulen fehlen.",
         "Im Bericht der Kommission"),
    ],
)
def test_who_speaks_in_a_german_passive(sentence: str, source: str) -> None:
    sources = [sentence[slice(*r.source)] for r in find_reports(sentence, "de")
               if r.role != "report_noun" and r.source]
    assert sources == [source]


@pytest.mark.parametrize(
    "sentence",
    [
        # a place is no document, a passive subject no speaker
        "In Berlin wurde bestätigt, dass 30 Busse fehlen.",
        "Die Zahl von 300 Opfern muss noch bestätigt werden.",
    ],
)
def test_no_source_for_a_passive_without_agent_or_document(sentence: str) -> None:
    assert all(r.source is None for r in find_reports(sentence, "de"))


@pytest.mark.parametrize(
    ("sentence", "antecedent", "relative"),
    [
        ("Es sprach Anna Berger, die am Montag erklärte, es gebe 300 Fälle.", "Anna Berger",
         "die"),
        ("Der Minister traf einen Bauern, der angab, 40 Kühe verloren zu haben.",
         "einen Bauern", "der"),
    ],
)
def test_the_relative_pronoun_is_marked_and_the_claim_keeps_its_antecedent(
        sentence: str, antecedent: str, relative: str) -> None:
    (report,) = [r for r in find_reports(sentence, "de") if r.relative]
    assert sentence[slice(*report.source)] == antecedent
    assert sentence[slice(*report.relative)] == relative
    (found,) = [f for f in document_reports([sentence], "de") if f.report.relative]
    assert sentence[slice(*found.source_span)] == relative


def test_no_relative_pronoun_when_the_verb_is_outside_the_relative_clause() -> None:
    sentence = "Peter Lenz, der sich dazu entschlossen hatte, sagte, es seien 40."
    assert all(r.relative is None for r in find_reports(sentence, "de"))


@pytest.mark.parametrize(
    ("sentences", "language", "claimant"),
    [
        (["Der Verband tagte am Montag.",
          "„Wir haben 300 Mitglieder verloren.",
          "Das ist bitter“, sagte die Vorsitzende Anna Berger."], "de", "Anna Berger"),
        (["Die Feuerwehr sagte, der Brand sei gelöscht.",
          "„In der Halle lagen 40 Fässer.",
          "Keines ist geplatzt.",
          "Wir hatten Glück“, erklärte Einsatzleiter Jan Ohm."], "de", "Jan Ohm"),
        (["The council met on Monday.",
          "“We lost 300 members.",
          "That hurts,” said the chair, Jo Lee."], "en", "Jo Lee"),
    ],
)
def test_a_quotation_belongs_to_the_frame_that_closes_it(
        sentences: list[str], language: str, claimant: str) -> None:
    article = ArticleAttribution(sentences, language)
    claim = article.attribute(1, sentences[1].index("300" if "300" in sentences[1] else "40"))
    assert claim is not None and claim.claimant_text.endswith(claimant)
    view = [f for f in document_reports(sentences, language) if f.sentence_index == 1]
    assert len(view) == 1 and view[0].source_sentence == len(sentences) - 1


def test_no_later_frame_when_the_quotation_closes_without_one() -> None:
    sentences = ["Die Feuerwehr sagte, der Brand sei gelöscht.",
                 "„In der Halle lagen 40 Fässer.",
                 "Keines ist geplatzt.“",
                 "Der Bürgermeister sagte, er sei erleichtert."]
    assert ArticleAttribution(sentences, "de").closed_later(1) is None


@pytest.mark.parametrize(
    ("sentence", "language", "number"),
    [
        ("Es gebe 300 Verletzte, sagte der Sprecher, 40 davon seien Kinder.", "de", "40"),
        ("Rund 90 Busse fehlten, erklärte die Verkehrsleiterin, weitere 12 seien defekt.",
         "de", "12"),
        ("About 300 were hurt, the spokesman said, 40 of them children.", "en", "40"),
    ],
)
def test_what_follows_a_frame_inside_the_message_is_said_too(
        sentence: str, language: str, number: str) -> None:
    (report,) = find_reports(sentence, language)
    position = sentence.index(number)
    assert report.message[0] <= position < report.message[1]
    assert innermost((report,), position) is report


@pytest.mark.parametrize(
    "sentence",
    [
        "„Wir siegen“, sagte der Trainer, der seit 2010 im Amt ist und 300 Spiele leitete.",
        "„Wir siegen“, sagte der Trainer, nachdem seine Elf 3 Tore geschossen hatte.",
        "„Wir siegen“, sagte der Trainer und ging mit 11 Spielern vom Platz.",
    ],
)
def test_no_trailing_message_after_a_relative_adverbial_or_second_verb(sentence: str) -> None:
    reports = find_reports(sentence, "de")
    position = next(k for k, ch in enumerate(sentence) if ch.isdigit())
    assert innermost(reports, position) is None


def test_a_quotation_after_an_apposition_comma_is_not_a_name() -> None:
    sentence = "Sie sei erschüttert, sagte die Ministerin, ihre „Gedanken sind bei allen Opfern“."
    (report,) = find_reports(sentence, "de")
    assert sentence[slice(*report.source)] == "die Ministerin"


def test_a_quotation_in_reported_speech_going_on_is_a_report_of_its_own() -> None:
    sentences = ["Die Bürgermeisterin sagte, die Brücke werde gesperrt.",
                 "Es drohe „ein Einsturz binnen weniger Wochen“, weil 30 Träger rosteten."]
    found = [f for f in document_reports(sentences, "de") if f.sentence_index == 1]
    messages = sorted(sentences[1][slice(*f.report.message)] for f in found)
    assert "„ein Einsturz binnen weniger Wochen“" in messages and len(found) == 2
    nested = next(f for f in found if f.report.message[0] > 0)
    assert nested.cue_sentence == 0 and nested.source_sentence == 0


@pytest.mark.parametrize(
    ("sentence", "language", "source"),
    [
        # after a person's name, "in Bonn" is where the statement was made ...
        ("Das bestätigte Ministerin Anna Berger in Bonn am Montag.", "de",
         "Ministerin Anna Berger"),
        ("„Wir schaffen 300 Stellen“, sagte Jan Ohm in Kiel.", "de", "Jan Ohm"),
        ("About 300 jobs will go, Jo Lee said in Leeds.", "en", "Jo Lee"),
        # ... after an office or a group it tells which one speaks
        ("„Es kommen 300 Soldaten“, sagten Militärkreise in Seoul.", "de",
         "Militärkreise in Seoul"),
        ("„Es kommen 300 Soldaten“, sagte ein Sprecher in Seoul.", "de",
         "ein Sprecher in Seoul"),
    ],
)
def test_a_place_after_a_name_is_not_part_of_the_source(
        sentence: str, language: str, source: str) -> None:
    sources = [sentence[slice(*r.source)] for r in find_reports(sentence, language) if r.source]
    assert sources == [source]
