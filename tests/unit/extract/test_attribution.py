"""Reports of speech in one sentence (analysis.extract.attribution): cue, source, message,
the Reported form, the innermost report of a number; example sentences written for these
tests (none copied from news or benchmark text)."""

from __future__ import annotations

import pytest

from analysis.extract.attribution import find_reports, innermost
from tests.support.speech import only_report, report_texts


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "message"),
    [
        # main clause: the phrase before the finite verb speaks
        ("Der Sprecher des Generalstabs sagte am Dienstag, rund 400 Soldaten seien verlegt "
         "worden.", ["sagte"], "Der Sprecher des Generalstabs",
         "rund 400 Soldaten seien verlegt worden"),
        # the verb after the message: the phrase after it speaks
        ("Rund 400 Soldaten seien verlegt worden, sagte ein Sprecher des Generalstabs.",
         ["sagte"], "ein Sprecher des Generalstabs", "Rund 400 Soldaten seien verlegt worden"),
        # ... with the apposition that closes the sentence
        ("Die Zahl der Verletzten liege bei 30, erklärte Jonas Weber, der Leiter der Feuerwehr.",
         ["erklärte"], "Jonas Weber, der Leiter der Feuerwehr",
         "Die Zahl der Verletzten liege bei 30"),
        # a subject with an apposition before the verb
        ("Karl Huber, Vorsitzender des Vereins für das Oberland, sagte, man werde klagen.",
         ["sagte"], "Karl Huber, Vorsitzender des Vereins für das Oberland",
         "man werde klagen"),
        # particle verb, particle at the end of the clause
        ("Das Innenministerium teilte am Abend mit, dass 25 Menschen evakuiert wurden.",
         ["teilte", "mit"], "Das Innenministerium", "dass 25 Menschen evakuiert wurden"),
        # particle verb last in a subordinate clause: the particle comes first
        ("Wie das Verteidigungsministerium am Freitag bekannt gab, sind 40 Panzer zerstört "
         "worden.", ["Wie", "bekannt", "gab"], "das Verteidigungsministerium",
         "sind 40 Panzer zerstört worden"),
        ("Wie die Behörde gestern bekannt gab, wurden 90 Häuser geräumt.",
         ["Wie", "bekannt", "gab"], "die Behörde", "wurden 90 Häuser geräumt"),
    ],
)
def test_german_verbs(sentence: str, cue: list[str], source: str, message: str) -> None:
    assert only_report(sentence, "de") == (cue, source, message)


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        ("Laut der Polizei wurden 12 Menschen verletzt.", ["Laut"], "der Polizei"),
        ("Den Behörden zufolge wurden 12 Menschen verletzt.", ["zufolge"], "Den Behörden"),
        ("Nach Angaben der Küstenwache wurden 14 Seeleute gerettet.", ["Nach"],
         "Angaben der Küstenwache"),
        ("Nach bisherigem Kenntnisstand der Ermittler brannten 20 Hallen.", ["Nach"],
         "bisherigem Kenntnisstand der Ermittler"),
        ("Nach einem Fernsehbericht des Senders wurden 40 Häuser zerstört.", ["Nach"],
         "einem Fernsehbericht des Senders"),
        ("Die Firma will laut einer dpa-Meldung 300 Stellen streichen.", ["laut"],
         "einer dpa-Meldung"),
        ("According to the police, 12 people were injured.", ["According", "to"],
         "the police"),
    ],
)
def test_prepositions_cover_their_clause(sentence: str, cue: list[str], source: str) -> None:
    language = "en" if sentence.startswith("According") else "de"
    found_cue, found_source, message = only_report(sentence, language)
    assert (found_cue, found_source) == (cue, source)
    number = next(word for word in sentence.split() if word[0].isdigit())
    assert number in message


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("In der Mitteilung heißt es, die Firma wolle 300 Stellen streichen.",
         "der Mitteilung"),
        ("Im Jahresbericht hieß es, 70 Schulen seien geschlossen worden.", "Jahresbericht"),
        ("Die Zahl sei gestiegen, so heißt es in einer Erklärung des Verbandes.",
         "einer Erklärung des Verbandes"),
        # a place is where it was said, not who said it
        ("In Berlin hieß es, man prüfe den Fall.", None),
        ("Es heißt, die Firma wolle 300 Stellen streichen.", None),
    ],
)
def test_impersonal_cue_takes_the_document_as_source(sentence: str, source: str | None) -> None:
    reports = [r for r in find_reports(sentence, "de") if r.role == "impersonal"]
    assert len(reports) == 1
    assert report_texts(sentence, reports[0])[1] == source


@pytest.mark.parametrize(
    ("sentence", "language", "form"),
    [
        ("Das Rote Kreuz bezifferte die Zahl der Vertriebenen auf 5.000.", "de", "reported"),
        ("Die Opposition forderte den Rücktritt des Ministers.", "de", "reported"),
        ("Die Regierung kritisierte die Verlegung von 2.000 Soldaten.", "de", "reported"),
        ("Der Minister sagte, 300 Soldaten seien verlegt worden.", "de", "speech"),
        ("Der Minister sagte: „Wir haben 300 Soldaten verlegt.“", "de", "speech"),
        ("The ministry confirmed 300 casualties.", "en", "reported"),
        ("The ministry said that 300 soldiers had been moved.", "en", "speech"),
    ],
)
def test_reported_form_when_the_object_is_all_that_is_said(
    sentence: str, language: str, form: str
) -> None:
    reports = find_reports(sentence, language)
    assert [r.form for r in reports] == [form]
    assert reports[0].source is not None


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Als wichtigste Aufgabe bezeichnete es die Ministerin, die Renten zu sichern.",
         "die Ministerin"),
        ("Gestern bestätigte es der Sprecher der Stadt, dass 40 Akten fehlen.",
         "der Sprecher der Stadt"),
        ("Es ist nicht zu erwarten, dass die Preise sinken.", None),
    ],
)
def test_expletive_es_is_no_source(sentence: str, source: str | None) -> None:
    (report,) = find_reports(sentence, "de")
    assert report_texts(sentence, report)[1] == source


def test_a_relay_is_not_the_innermost_report() -> None:
    sentence = "The agency, citing the defence ministry, reported that 300 troops had arrived."
    reports = find_reports(sentence, "en")
    report = innermost(reports, sentence.index("300"))
    assert report is not None
    assert report_texts(sentence, report)[1] == "the defence ministry"


def test_no_cue_no_report() -> None:
    assert find_reports("Am Montag wurden 300 Soldaten nach Kursk verlegt.", "de") == ()
    # a reflexive cue that reports nothing: "sich" belongs to the cue, not to a message
    assert find_reports("Die Stadtverwaltung äußerte sich.", "de") == ()
    assert find_reports("About 300 soldiers were moved to Kursk on Monday.", "en") == ()


@pytest.mark.parametrize(("sentence", "language", "source"), [
    ("About 400 troops arrived, a spokesman for the defence ministry said on Monday.", "en",
     "a spokesman for the defence ministry"),
    ("A spokeswoman for Ukraine's navy said that 30 boats were hit.", "en",
     "A spokeswoman for Ukraine's navy"),
    ("Rund 400 Soldaten kamen an, sagte ein Sprecher für Verteidigung.", "de",
     "ein Sprecher für Verteidigung"),
])
def test_an_office_for_a_body_belongs_to_the_source(sentence: str, language: str,
                                                    source: str) -> None:
    assert only_report(sentence, language)[1] == source


def _source_of(sentence: str, language: str, cue_word: str) -> str | None:
    """The source of the report whose cue holds ``cue_word``."""
    for report in find_reports(sentence, language):
        if any(sentence[a:b] == cue_word for a, b in report.cue):
            return sentence[slice(*report.source)] if report.source else None
    raise AssertionError(f"no report with cue {cue_word!r} in {sentence!r}")


@pytest.mark.parametrize(
    ("sentence", "language", "cue", "source"),
    [
        # the one constituent before a German finite verb, where no subject follows it:
        # a name with lower-case words, a lower-case title, a demonstrative
        ("Reporter ohne Grenzen teilte am Abend mit, zwölf Journalisten seien verhaftet "
         "worden.", "de", "teilte", "Reporter ohne Grenzen"),
        ("Die junge Welt berichtet, dass 40 Häuser zerstört seien.", "de", "berichtet",
         "Die junge Welt"),
        ("Diese besagt, dass die Firma 300 Stellen streichen darf.", "de", "besagt", "Diese"),
        # but a subject after the verb still wins over an object before it
        ("Das bestätigte der Bürgermeister, es seien 20 Wohnungen betroffen.", "de",
         "bestätigte", "der Bürgermeister"),
        # a focus particle before the subject is not part of it
        ("Auch mehrere kleine Verbände haben erklärt, sie würden 500 Helfer schicken.", "de",
         "erklärt", "mehrere kleine Verbände"),
        ("Sogar die Opposition hat bestätigt, dass 80 Abgeordnete zustimmen.", "de",
         "bestätigt", "die Opposition"),
        # coordinated verbs share the subject that opens the clause
        ("Die Ministerin besuchte das Lager und sagte, dort lebten 2.000 Menschen.", "de",
         "sagte", "Die Ministerin"),
        ("Ein Sprecher der Feuerwehr kam am Morgen an und erklärte, 14 Menschen seien "
         "gerettet worden.", "de", "erklärte", "Ein Sprecher der Feuerwehr"),
        ("The ministry denied the claim and said that 300 soldiers had been wounded.", "en",
         "said", "The ministry"),
        ("Officials toured the port and told reporters that 12 ships had docked.", "en",
         "told", "Officials"),
        # a list of subjects is not a coordinated verb
        ("Polen und die Slowakei erklärten, sie nähmen 900 Flüchtlinge auf.", "de",
         "erklärten", "Polen und die Slowakei"),
    ],
)
def test_subject_of_a_reporting_verb(sentence: str, language: str, cue: str, source: str) -> None:
    assert _source_of(sentence, language, cue) == source


@pytest.mark.parametrize(
    ("sentence", "language", "cue", "source", "message"),
    [
        # a "zu" infinitive clause after the verb's object is what is reported
        ("Die Gewerkschaft warf der Firmenleitung vor, 400 Stellen gestrichen zu haben.", "de",
         ["warf", "vor"], "Die Gewerkschaft", "400 Stellen gestrichen zu haben"),
        ("Der Landrat forderte die Bewohner am Abend auf, die 30 Häuser zu räumen.", "de",
         ["forderte", "auf"], "Der Landrat", "die 30 Häuser zu räumen"),
        # opinions and states of mind with a clause
        ("Der Verband ist der Ansicht, dass 300 Stellen wegfallen.", "de",
         ["ist", "der", "Ansicht"], "Der Verband", "dass 300 Stellen wegfallen"),
        ("Die Ärzte waren der Auffassung, die Klinik brauche 40 Betten mehr.", "de",
         ["waren", "der", "Auffassung"], "Die Ärzte", "die Klinik brauche 40 Betten mehr"),
        ("Die Ministerin zeigte sich überzeugt, dass 2.000 Helfer genügen.", "de",
         ["zeigte", "sich"], "Die Ministerin", "dass 2.000 Helfer genügen"),
        ("The agency is of the view that 3,000 troops were sent.", "en",
         ["is", "of", "the", "view"], "The agency", "that 3,000 troops were sent"),
    ],
)
def test_clause_reported_after_an_object_or_an_opinion(
    sentence: str, language: str, cue: list[str], source: str, message: str,
) -> None:
    assert only_report(sentence, language) == (cue, source, message)


def test_an_infinitive_of_purpose_is_not_the_message() -> None:
    sentence = "Der Minister bestätigte 10.000 Soldaten, um die Front zu stärken."
    (report,) = find_reports(sentence, "de")
    assert sentence[slice(*report.message)].startswith("10.000 Soldaten")


@pytest.mark.parametrize(
    ("sentence", "language", "cue", "source"),
    [
        # a name's initial and a title keep their full stop inside the source
        ("Der Vorsitzende Karl B. Steiner erklärte, 70 Mitglieder seien ausgetreten.", "de",
         "erklärte", "Der Vorsitzende Karl B. Steiner"),
        ("Laut Prof. Dr. Anna Hofer wurden 35 Proben untersucht.", "de", "Laut",
         "Prof. Dr. Anna Hofer"),
        ("About 60 patients were treated, said Dr. Mary J. Collins.", "en", "said",
         "Dr. Mary J. Collins"),
    ],
)
def test_initials_and_titles_stay_in_the_source(
    sentence: str, language: str, cue: str, source: str,
) -> None:
    assert _source_of(sentence, language, cue) == source


@pytest.mark.parametrize(
    ("sentence", "language", "cue", "source"),
    [
        # a website named in lower case is a speaker
        ("Wie nordblick.de berichtet, wurden 300 Konten gesperrt.", "de", "berichtet",
         "nordblick.de"),
        ("Laut wetterdienst-info.at fielen 80 Liter Regen.", "de", "Laut",
         "wetterdienst-info.at"),
        ("According to harborwatch.org, 40 ships were held.", "en", "According",
         "harborwatch.org"),
    ],
)
def test_a_website_is_a_source(sentence: str, language: str, cue: str, source: str) -> None:
    assert _source_of(sentence, language, cue) == source


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        # a nominative pronoun right after the finite verb is the subject; the phrase
        # before the verb is an object
        ("Der Gemeinde schlug er vor, 300 Bäume zu pflanzen.", "schlug", "er"),
        ("Den Anwohnern hatte sie erklärt, dass 40 Wohnungen geräumt würden.", "erklärt",
         "sie"),
        ("Diese Zahl bestätigten wir am Abend: 120 Verletzte.", "bestätigten", "wir"),
        # a sentence-opening adverb is no source: the subject follows the verb
        ("Unterdessen haben einige Abgeordnete angekündigt, 12 Anträge zu stellen.",
         "angekündigt", "einige Abgeordnete"),
        ("Daraufhin erklärte die Behörde, 300 Pässe seien ungültig.", "erklärte",
         "die Behörde"),
        # but "sie" after a subject is an object
        ("Die Polizei warnte sie, dass 300 Autos betroffen seien.", "warnte", "Die Polizei"),
    ],
)
def test_german_subject_after_the_finite_verb(sentence: str, cue: str, source: str) -> None:
    assert _source_of(sentence, "de", cue) == source


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "message"),
    [
        # a German particle verb with no clause: its object, inside the verb's bracket, is
        # what is reported (the Reported form)
        ("Der Verband kündigte 40 neue Stellen an.", ["kündigte", "an"], "Der Verband",
         "40 neue Stellen"),
        ("Gestern gab die Reederei den Verlust von 12 Containern bekannt.", ["gab", "bekannt"],
         "die Reederei", "den Verlust von 12 Containern"),
        ("Die Gewerkschaft forderte die 300 Beschäftigten zum Streik auf.",
         ["forderte", "auf"], "Die Gewerkschaft", "die 300 Beschäftigten zum Streik"),
    ],
)
def test_object_of_a_particle_verb_is_reported(
    sentence: str, cue: list[str], source: str, message: str,
) -> None:
    (report,) = find_reports(sentence, "de")
    assert report_texts(sentence, report) == (cue, source, message)
    assert report.form == "reported"


@pytest.mark.parametrize(
    ("sentence", "source", "message"),
    [
        # a German passive whose agent opens the clause
        ("Vom Verteidigungsministerium wurden 300 Verletzte bestätigt.",
         "Verteidigungsministerium", "300 Verletzte"),
        ("Von der Küstenwache wurde die Zahl von 14 Vermissten gemeldet.", "der Küstenwache",
         "die Zahl von 14 Vermissten"),
    ],
)
def test_german_passive_with_the_agent_first(sentence: str, source: str, message: str) -> None:
    (report,) = find_reports(sentence, "de")
    _, found_source, found_message = report_texts(sentence, report)
    assert (found_source, found_message) == (source, message)


@pytest.mark.parametrize(
    ("sentence", "cue", "source", "cue_words"),
    [
        # a clause coordinated by "und" has its own subject and its own finite verb
        ("Die Preise waren stabil und die Händler hoffen, dass 300 Tonnen reichen.", "hoffen",
         "die Händler", ["hoffen"]),
        ("Das Wetter war gut und die Veranstalter haben erklärt, 300 Gäste seien gekommen.",
         "erklärt", "die Veranstalter", ["haben", "erklärt"]),
    ],
)
def test_german_coordinated_clause_keeps_its_subject(
    sentence: str, cue: str, source: str, cue_words: list[str],
) -> None:
    assert _source_of(sentence, "de", cue) == source
    report = next(r for r in find_reports(sentence, "de")
                  if any(sentence[a:b] == cue for a, b in r.cue))
    assert [sentence[a:b] for a, b in report.cue] == cue_words


@pytest.mark.parametrize(
    ("sentence", "language", "cue", "source"),
    [
        # reporting verbs added to the cue lexicon
        ("Der Bürgermeister widersprach, es seien nur 40 Häuser beschädigt.", "de",
         "widersprach", "Der Bürgermeister"),
        ("Die Ärztin riet, mindestens 2 Liter am Tag zu trinken.", "de", "riet", "Die Ärztin"),
        ("Der Prüfer bemängelte, dass 17 Akten fehlten.", "de", "bemängelte", "Der Prüfer"),
        ("Die Kommission konstatiert, dass 60 Prozent der Anträge unvollständig sind.", "de",
         "konstatiert", "Die Kommission"),
        ("The ministry conceded that 40 soldiers had been killed.", "en", "conceded",
         "The ministry"),
        ("Analysts reckon 3,000 troops are still deployed.", "en", "reckon", "Analysts"),
        ("The governor maintained that 500 shells were delivered.", "en", "maintained",
         "The governor"),
    ],
)
def test_added_reporting_verbs(sentence: str, language: str, cue: str, source: str) -> None:
    assert _source_of(sentence, language, cue) == source


@pytest.mark.parametrize(
    "sentence",
    [
        # the subject of a German passive undergoes the act: it does not speak
        "Die Zahl von 300 Toten wurde am Montag bestätigt.",
        "Der Bericht über 40 Verletzte muss noch bestätigt werden.",
        # a dative pronoun opening the clause is no subject
        "Ihm drohen bis zu 20 Jahre Haft.",
    ],
)
def test_no_source_for_a_passive_subject_or_an_object_pronoun(sentence: str) -> None:
    assert all(report.source is None for report in find_reports(sentence, "de"))


def test_the_agent_of_a_german_passive_still_speaks() -> None:
    sentence = "Die Zahl von 300 Toten wurde vom Ministerium bestätigt."
    (report,) = find_reports(sentence, "de")
    assert sentence[slice(*report.source)] == "Ministerium"


@pytest.mark.parametrize(
    "sentence",
    [
        # the subject of an English passive without "by" is no speaker
        "The toll has been estimated at 300.",
        "Lawmakers were told that 300 troops had arrived.",
        "About 40 launches were reported on Sunday.",
    ],
)
def test_no_source_for_an_english_passive_subject(sentence: str) -> None:
    assert all(report.source is None for report in find_reports(sentence, "en"))


@pytest.mark.parametrize(
    ("sentence", "source", "inside", "outside"),
    [
        # ", so X," inside the clause: the message stands on both sides of the frame
        ("Der Damm sei, so der Landrat, an 30 Stellen beschädigt.", "der Landrat",
         "an 30 Stellen", None),
        ("Trotzdem, so Huber, habe die Firma 300 Euro gezahlt.", "Huber", "300 Euro", None),
        # at the end, or before a relative clause about the speaker, it stays before
        ("Es gebe 300 Verletzte, so der Minister, der am Abend sprach.", "der Minister",
         "300 Verletzte", "am Abend"),
    ],
)
def test_postposed_so_inside_a_clause(
    sentence: str, source: str, inside: str, outside: str | None,
) -> None:
    (report,) = find_reports(sentence, "de")
    _, found_source, message = report_texts(sentence, report)
    assert found_source == source
    assert inside in message
    assert outside is None or outside not in message


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # the source after "laut" ends with its noun; a lower-case adjective after it
        # belongs to the clause
        ("Die Reisenden sind laut ZDF deutsche Staatsbürger, 30 von ihnen Kinder.", "ZDF"),
        ("Laut Experten deutlich mehr als 400 Soldaten wurden verlegt.", "Experten"),
        # but an office with its field stays whole
        ("Laut dem Amt für Statistik wurden 300 Betriebe geschlossen.",
         "dem Amt für Statistik"),
    ],
)
def test_a_source_after_laut_ends_with_its_noun(sentence: str, source: str) -> None:
    report = find_reports(sentence, "de")[0]
    assert sentence[slice(*report.source)] == source


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        # "wie" with a subject that has an apposition between commas
        ("Wie Jana Roth, eine Sprecherin der Stadt, am Abend mitteilte, seien 300 Keller "
         "überflutet.", ["Wie", "mitteilte"], "Jana Roth, eine Sprecherin der Stadt"),
        ("Die Zahl sei auf 80 gestiegen, wie Anna Berg, die Leiterin des Amtes, sagte.",
         ["wie", "sagte"], "Anna Berg, die Leiterin des Amtes"),
        # the auxiliary of a relative clause is not part of the cue
        ("Wie die Feuerwehr, die vor Ort war, mitteilte, starben 3 Menschen.", ["mitteilte"],
         "die Feuerwehr"),
    ],
)
def test_wie_clause_with_an_apposition(sentence: str, cue: list[str], source: str) -> None:
    report = next(r for r in find_reports(sentence, "de") if r.source is not None)
    found_cue, found_source, _ = report_texts(sentence, report)
    assert (found_cue, found_source) == (cue, source)


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # a plan, a wish or a draft named after "nach" says what its owner wants
        ("Nach dem Willen der Regierung sollen 3.000 Wohnungen entstehen.",
         "dem Willen der Regierung"),
        ("Nach den Plänen des Ministeriums werden 40 Schulen saniert.",
         "den Plänen des Ministeriums"),
        ("Nach dem Gesetzentwurf der Koalition sollen 12 Behörden zusammengelegt werden.",
         "dem Gesetzentwurf der Koalition"),
    ],
)
def test_nach_with_a_plan_or_wish(sentence: str, source: str) -> None:
    report = find_reports(sentence, "de")[0]
    assert sentence[slice(*report.source)] == source


def test_nach_with_a_time_is_no_report() -> None:
    assert find_reports("Nach dem Krieg wurden 3.000 Häuser gebaut.", "de") == ()


@pytest.mark.parametrize(
    ("sentence", "cue", "source"),
    [
        # focus particles around the subject are not part of it
        ("Einzig die Bahn gab bekannt, 300 Züge zu ersetzen.", "gab", "die Bahn"),
        ("Die Ministerin selbst sagte, 30 Helfer seien im Einsatz.", "sagte", "Die Ministerin"),
    ],
)
def test_focus_particles_stay_out_of_the_source(sentence: str, cue: str, source: str) -> None:
    assert _source_of(sentence, "de", cue) == source


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # "hieß es" after a fronted source
        ("Beim Roten Kreuz hieß es, 40 Helfer seien unterwegs.", "Roten Kreuz"),
        ("Bei der Feuerwehr hieß es, 40 Helfer seien unterwegs.", "der Feuerwehr"),
        ("Auf der Website der Stadt heißt es, 40 Straßen seien gesperrt.",
         "der Website der Stadt"),
        ("Aus dem Innenministerium hieß es, 300 Beamte seien im Einsatz.",
         "Aus dem Innenministerium"),
        # a place where it was said is no source
        ("In Hamburg hieß es, 300 Beamte seien im Einsatz.", None),
    ],
)
def test_impersonal_report_after_a_fronted_source(sentence: str, source: str | None) -> None:
    (report,) = find_reports(sentence, "de")
    assert (sentence[slice(*report.source)] if report.source else None) == source


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        # a pronominal adverb standing for the reported clause belongs to the cue
        ("Die Ärztin begründete es damit, dass 300 Betten fehlten.", ["begründete", "damit"]),
        ("Der Verband kritisierte die Stadt dafür, 40 Stellen gestrichen zu haben.",
         ["kritisierte", "dafür"]),
        ("Die Polizei wies darauf hin, dass 30 Straßen gesperrt seien.",
         ["wies", "darauf", "hin"]),
    ],
)
def test_correlate_in_the_cue(sentence: str, cue: list[str]) -> None:
    (report,) = find_reports(sentence, "de")
    assert [sentence[a:b] for a, b in report.cue] == cue
