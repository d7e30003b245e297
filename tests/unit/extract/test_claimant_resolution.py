"""Sources across sentences (analysis.extract.speech_document.document_reports): German
reported speech, "soll", direct speech going on, nested quotations; example sentences
written for these tests."""

from __future__ import annotations

import pytest

from analysis.extract.claimant_resolution import ArticleAttribution
from analysis.extract.speech_document import DocumentReport, document_reports


def _source(sentences: list[str], found: DocumentReport) -> str | None:
    if found.source_span is None:
        return None
    return sentences[found.source_sentence][slice(*found.source_span)]


def _by_sentence(sentences: list[str], language: str) -> dict[int, list[DocumentReport]]:
    grouped: dict[int, list[DocumentReport]] = {}
    for found in document_reports(sentences, language):
        grouped.setdefault(found.sentence_index, []).append(found)
    return grouped


@pytest.mark.parametrize(
    "sentences",
    [
        ["Die Sprecherin der Feuerwehr sagte, das Feuer sei gelöscht.",
         "Rund 30 Häuser seien beschädigt worden."],
        ["Der Landrat erklärte am Morgen, die Straße bleibe gesperrt.",
         "Die Räumung werde mindestens zwei Tage dauern."],
        ["Laut dem Wetterdienst fiel in der Nacht ein halber Meter Schnee.",
         "Mehrere Dörfer seien von der Außenwelt abgeschnitten."],
    ],
)
def test_konjunktiv_carries_the_source(sentences: list[str]) -> None:
    grouped = _by_sentence(sentences, "de")
    first = grouped[0][0]
    (carried,) = grouped[1]
    assert carried.report.role == "continuation"
    assert _source(sentences, carried) == _source(sentences, first)


def test_indicative_sentence_does_not_continue() -> None:
    sentences = ["Die Sprecherin der Feuerwehr sagte, das Feuer sei gelöscht.",
                 "Am Abend regnete es in der ganzen Region."]
    assert 1 not in _by_sentence(sentences, "de")


@pytest.mark.parametrize(
    ("sentences", "carried"),
    [
        (["Der Bürgermeister sagte, die Lage sei ruhig.",
          "Zwei Brücken sollen gesperrt werden."], True),
        (["Der Verband teilte mit, die Saison sei beendet.",
          "Der Trainer soll den Verein verlassen."], True),
        # "soll" right after a sentence without a report is a plan or an order, not speech
        (["Am Wochenende wird gewählt.", "Zwei Brücken sollen gesperrt werden."], False),
    ],
)
def test_soll_continues_only_right_after_a_report(sentences: list[str], carried: bool) -> None:
    assert (1 in _by_sentence(sentences, "de")) is carried


@pytest.mark.parametrize(
    ("sentences", "language", "cue", "source"),
    [
        (["Der Kommandeur sagte: „Wir haben die Stellung gehalten.",
          "Rund 50 Soldaten wurden verwundet.“"], "de", "sagte", "Der Kommandeur"),
        (["Die Ärztin berichtete: „Die Klinik ist voll.", "Wir brauchen Hilfe.“"], "de",
         "berichtete", "Die Ärztin"),
        (["The commander said: “We held the position.", "About 50 soldiers were wounded.”"],
         "en", "said", "The commander"),
        # the cue ends its sentence: the words are the next one
        (["Die Kommandantin sagte am Abend:", "„Wir haben 50 Soldaten verloren.“"], "de",
         "sagte", "Die Kommandantin"),
    ],
)
def test_direct_speech_going_on_keeps_source_and_cue(
    sentences: list[str], language: str, cue: str, source: str
) -> None:
    (carried,) = _by_sentence(sentences, language)[1]
    assert carried.cue_sentence == 0
    assert [sentences[0][a:b] for a, b in carried.report.cue] == [cue]
    assert _source(sentences, carried) == source


def test_a_closed_quotation_does_not_go_on() -> None:
    sentences = ["The commander said: “We held the position.”", "It rained all night."]
    assert 1 not in _by_sentence(sentences, "en")


@pytest.mark.parametrize(
    ("sentence", "nested"),
    [
        # speech quoted inside indirect speech: a report of its own
        ("Der Minister sagte, man habe „alles getan, was möglich war“.", 1),
        ("Die Ministerin erklärte, die Lage sei „Mitte der Woche wieder stabil“.", 1),
        ("Die Sprecherin sagte, die Kürzung sei ein „schwerer Fehler“.", 1),
        # a quoted term, title or name is not speech
        ("Der Minister sagte, der Plan sei „alternativlos“.", 0),
        ("Der Minister sagte, die Zeitung „Die Abendpost“ habe falsch berichtet.", 0),
        ("Laut der Zeitung „Die Abendpost“ wurden 30 Menschen verletzt.", 0),
    ],
)
def test_nested_quotations(sentence: str, nested: int) -> None:
    found = document_reports([sentence], "de")
    assert len(found) == 1 + nested


def test_demnach_is_the_marked_source_and_refers_to_the_one_before() -> None:
    sentences = ["Das Gesundheitsamt berichtete am Montag über die Lage in den Kliniken.",
                 "Demnach wurden 30 neue Fälle gemeldet."]
    (found,) = _by_sentence(sentences, "de")[1]
    # the task marks the adverb that stands for the source ...
    assert found.source_sentence == 1 and _source(sentences, found) == "Demnach"
    # ... and a claim in the sentence is the earlier speaker's
    claim = ArticleAttribution(sentences, "de").attribute(1, sentences[1].index("30"))
    assert claim is not None and claim.claimant_text == "Gesundheitsamt"


@pytest.mark.parametrize(
    ("sentence", "language", "claimant_text"),
    [
        # a source that names no known institution keeps its own words as claimant_text
        ("The mediator said on Monday that 4,000 workers had left the city.", "en", "mediator"),
        ("About 4,000 workers had left the city, a local priest said.", "en", "local priest"),
        ("Rund 4.000 Arbeiter hätten die Stadt verlassen, sagte der Vermittler.", "de",
         "Vermittler"),
        ("Laut dem Schlichter haben 4.000 Arbeiter die Stadt verlassen.", "de", "Schlichter"),
    ],
)
def test_unknown_source_keeps_its_words(sentence: str, language: str, claimant_text: str) -> None:
    from analysis.extract.claimant_resolution import ArticleAttribution

    article = ArticleAttribution([sentence], language)
    position = next(k for k, ch in enumerate(sentence) if ch.isdigit())
    attribution = article.attribute(0, position)
    assert attribution is not None
    assert attribution.codes == ()
    assert attribution.claimant_text == claimant_text


@pytest.mark.parametrize(
    ("sentences", "language", "claimant_text"),
    [
        # a report opened by a demonstrative states the sentence before
        (["Die Fähre hatte 240 Fahrgäste an Bord.", "Das bestätigte die Reederei am Abend."],
         "de", "Reederei"),
        (["Die Fähre hatte 240 Fahrgäste an Bord.", "Dies teilte die Küstenwache mit."], "de",
         "Küstenwache"),
        (["Die Fähre hatte 240 Fahrgäste an Bord.", "Das sagte ein Sprecher des Hafens."], "de",
         "Sprecher des Hafens"),
        (["The ferry carried 240 passengers.", "This was confirmed by the port authority."],
         "en", "port authority"),
    ],
)
def test_a_report_pointing_back_states_the_sentence_before(
    sentences: list[str], language: str, claimant_text: str,
) -> None:
    from analysis.extract.claimant_resolution import ArticleAttribution

    article = ArticleAttribution(sentences, language)
    position = next(k for k, ch in enumerate(sentences[0]) if ch.isdigit())
    attribution = article.attribute(0, position)
    assert attribution is not None and attribution.claimant_text == claimant_text
    grouped = _by_sentence(sentences, language)
    (found,) = grouped[0]
    assert found.cue_sentence == 1 and _source(sentences, found) is not None
    assert 1 not in grouped


def test_a_demonstrative_that_does_not_open_a_report_points_nowhere() -> None:
    from analysis.extract.claimant_resolution import ArticleAttribution

    sentences = ["Die Fähre hatte 240 Fahrgäste an Bord.", "Das Schiff ist 90 Meter lang."]
    article = ArticleAttribution(sentences, "de")
    assert article.attribute(0, sentences[0].index("240")) is None


@pytest.mark.parametrize(
    "second",
    [
        # more Konjunktiv I forms carry the source on
        "Der Schaden betrage rund 40.000 Euro.",
        "Die Firma schicke 12 Techniker in die Region.",
        "Die Rechnung basiere auf 30 Messungen aus dem Vorjahr.",
        "Ohne Hilfe verliere die Stadt 300 Arbeitsplätze.",
    ],
)
def test_more_konjunktiv_forms_continue_the_source(second: str) -> None:
    sentences = ["Die Bürgermeisterin sagte am Montag, die Lage sei ernst.", second]
    grouped = _by_sentence(sentences, "de")
    (found,) = grouped[1]
    assert _source(sentences, found) == "Die Bürgermeisterin"


def test_a_noun_that_looks_like_a_konjunktiv_does_not_continue() -> None:
    sentences = ["Die Bürgermeisterin sagte am Montag, die Lage sei ernst.",
                 "An dieser Stelle stehen 40 Bäume."]
    assert 1 not in _by_sentence(sentences, "de")


def test_a_quotation_in_a_reported_object_is_a_report_of_its_own() -> None:
    # (with "bezeichnete ... als" the quotation alone is the message: see test_speech_cues)
    sentences = ["Die Ministerin kritisierte den Plan wegen „eines sehr riskanten Spiels mit "
                 "300 Jobs“."]
    found = document_reports(sentences, "de")
    messages = sorted(sentences[0][slice(*f.report.message)] for f in found)
    assert "„eines sehr riskanten Spiels mit 300 Jobs“" in messages
    assert len(found) == 2
    assert all(_source(sentences, f) == "Die Ministerin" for f in found)


# --- codes of inflected German speakers, and a qualifier read into the frame -------------

from tests.unit.extract.claim_cases import one  # noqa: E402


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Ein Berater des Weißen Hauses sagte, etwa 900 Soldaten seien verlegt worden.",
         ["USA"]),
        ("Nach Angaben westlicher Offizieller stehen 4.000 Soldaten bereit.",
         ["WEST"]),
        ("Die Stellvertreterin des britischen Verteidigungsministers erklärte, 700 Soldaten "
         "seien eingetroffen.", ["GBR"]),
    ],
)
def test_an_inflected_speaker_resolves_to_its_code(text: str, codes: list[str]) -> None:
    assert one(text)["claimants"] == codes


@pytest.mark.parametrize(
    ("text", "language", "codes"),
    [
        ("Russia's foreign ministry gave no figures. A spokesman for the Pentagon said at "
         "least 400 soldiers had arrived.", "en", ["USA"]),
        ("Britain's defence ministry gave no figures. An aide to the Ukrainian president "
         "said nearly 600 soldiers had been moved.", "en", ["UKR"]),
        ("Das Außenministerium in Moskau schwieg. Ein Sprecher der Bundesregierung sagte "
         "mindestens 300 Soldaten seien verlegt worden.", "de", ["DEU"]),
    ],
)
def test_a_qualifier_after_the_verb_stays_in_the_message(
        text: str, language: str, codes: list[str]) -> None:
    assert one(text, language)["claimants"] == codes


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nach Angaben des BND sind 800 Soldaten eingetroffen.", "de"),
        ("Der Bundesnachrichtendienst schätzt, dass 800 Soldaten eingetroffen sind.", "de"),
        ("Ein Bericht des Bundesnachrichtendienstes nennt 800 Soldaten.", "de"),
        ("The BND said 800 soldiers had arrived.", "en"),
        ("Germany's Federal Intelligence Service estimated that 800 soldiers had arrived.", "en"),
    ],
)
def test_the_german_intelligence_service_is_germany(text: str, language: str) -> None:
    assert one(text, language)["claimants"] == ["DEU"]


@pytest.mark.parametrize(
    ("text", "language", "codes"),
    [
        ("Laut dem Gouverneur der russischen Region Belgorod wurden 40 Zivilisten getötet.",
         "de", ["RUS"]),
        ("Der Kommandeur einer ukrainischen Brigade sagte, 300 russische Soldaten seien "
         "gefallen.", "de", ["UKR"]),
        ("The governor of Russia's Belgorod region said 40 civilians had been killed.", "en",
         ["RUS"]),
        ("The head of a Ukrainian drone unit said 300 Russian soldiers had been killed.", "en",
         ["UKR"]),
        # a demonym that names a topic, not whose the speaker is
        ("Ein Experte für russische Militärgeschichte sagte, 300 Soldaten seien gefallen.",
         "de", []),
        ("An expert on North Korean history said 300 soldiers had been killed.", "en", []),
    ],
)
def test_a_demonym_in_a_genitive_of_the_speaker_names_his_state(
        text: str, language: str, codes: list[str]) -> None:
    assert one(text, language)["claimants"] == codes
