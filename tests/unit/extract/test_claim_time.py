"""When a claim was made and what time its count refers to (issue 11, item 4).

Own sentences, German and English; publication day Thursday 2024-11-14.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.corpus.catalog import Article
from analysis.extract.claims import corpus_claim_rows

PUBLISHED = dt.date(2024, 11, 14)


def _claim(text: str, language: str) -> dict:
    article = Article(id="t", file="t.txt", title="", outlet="", url="", published=PUBLISHED,
                      language=language, notes="", text=text)
    (row,) = corpus_claim_rows([article])
    return row


def _days(row: dict, prefix: str) -> tuple[str | None, str | None]:
    def iso(value: object) -> str | None:
        return value.isoformat() if isinstance(value, dt.date) else value  # type: ignore[return-value]

    return iso(row[f"{prefix}_start"]), iso(row[f"{prefix}_end"])


@pytest.mark.parametrize(("language", "text", "said"), [
    ("de", "Das Ministerium teilte am Dienstag mit, 2.500 Soldaten seien in Kursk.", "2024-11-12"),
    ("de", "Wie der Abgeordnete am Mittwoch sagte, sind 700 Soldaten verwundet.", "2024-11-13"),
    ("en", "The agency said on Monday that 4,200 soldiers were in Kursk.", "2024-11-11"),
    ("en", "About 900 troops were wounded, the ministry said on Tuesday.", "2024-11-12"),
])
def test_statement_date_is_stated_on_and_the_fallback_for_as_of(language, text, said) -> None:
    row = _claim(text, language)
    assert _days(row, "stated_on") == (said, said)
    assert _days(row, "as_of") == (said, said) and row["as_of_source"] == "statement"


@pytest.mark.parametrize(("language", "text", "as_of"), [
    ("de", "Zwischen Ende Mai und Anfang Juni kamen 1.800 Arbeiter nach Russland.",
     ("2024-05-21", "2024-06-10")),
    ("en", "In March and April, 2,600 workers were moved to Russia.",
     ("2024-03-01", "2024-04-30")),
    ("de", "In der ersten Juniwoche trafen 650 Soldaten in Kursk ein.",
     ("2024-06-01", "2024-06-07")),
    ("en", "In the first week of June, 650 soldiers reached Kursk.",
     ("2024-06-01", "2024-06-07")),
    ("en", "Early this year some 3,300 workers arrived in Russia.",
     ("2024-01-01", "2024-04-30")),
    ("de", "Im Oktober waren es 7.400 Soldaten, teilte das Ministerium am Montag mit.",
     ("2024-10-01", "2024-10-31")),
])
def test_the_counts_own_time_comes_from_the_text(language, text, as_of) -> None:
    row = _claim(text, language)
    assert _days(row, "as_of") == as_of and row["as_of_source"] == "text"


def test_own_time_next_to_a_statement_date_keeps_both() -> None:
    row = _claim("Im Oktober waren es 7.400 Soldaten, teilte das Ministerium am Montag mit.", "de")
    assert _days(row, "stated_on") == ("2024-11-11", "2024-11-11")


@pytest.mark.parametrize(("language", "text", "word"), [
    ("de", "Inzwischen seien 1.300 Soldaten getötet worden, sagte der Minister am Montag.",
     "Inzwischen"),
    ("de", "Bislang seien 1.300 Soldaten getötet worden, teilte Kiew am Montag mit.", "Bislang"),
    ("en", "So far 1,300 soldiers have been killed, the minister said on Monday.", None),
])
def test_so_far_words_hold_as_of_the_statement(language, text, word) -> None:
    row = _claim(text, language)
    assert row["as_of_source"] == "statement"
    assert _days(row, "as_of") == ("2024-11-11", "2024-11-11")
    if word:
        assert row["as_of_text"] == word


def test_so_far_without_a_statement_date_holds_as_of_publication() -> None:
    row = _claim("Bereits 5.000 Soldaten sind in Russland stationiert.", "de")
    assert row["as_of_source"] == "publication" and row["stated_on_start"] is None
    assert _days(row, "as_of") == ("2024-11-14", "2024-11-14")


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Nordkorea will bis zum Sommer weitere 6.000 Soldaten schicken."),
    ("de", "Bis Ende des Jahres sollen 3.000 Arbeiter folgen."),
    ("en", "Pyongyang could send another 6,000 troops as soon as next month."),
    ("en", "By the end of next year, 3,000 workers are to follow."),
])
def test_targets_and_windows_are_planned(language, text) -> None:
    row = _claim(text, language)
    assert row["planned"] is True


@pytest.mark.parametrize(("language", "text"), [
    ("en", "North Korean units have lost 3,100 soldiers since they entered combat in December."),
    ("de", "Seit sie im Dezember in die Kämpfe eingriffen, verloren die Einheiten 3.100 Mann."),
])
def test_a_since_clause_gives_since_not_as_of(language, text) -> None:
    row = _claim(text, language)
    assert str(row["since"]) == "2023-12-01"
    assert row["as_of_source"] == "publication"


@pytest.mark.parametrize(("language", "text", "said"), [
    ("de", "Der Minister, der im Oktober in Seoul war, sagte am Freitag, 9.100 Soldaten "
           "seien in Russland.", "2024-11-08"),
    ("en", "The envoy, who visited Kyiv in October, said on Friday that 9,100 troops were "
           "in Russia.", "2024-11-08"),
    ("en", "The general, whose visit ended in September, said on Friday that 9,100 troops "
           "were in Russia.", "2024-11-08"),
    ("de", "Die Beamtin, die bereits im August gewarnt hatte, sagte am Freitag, 9.100 "
           "Soldaten seien in Russland.", "2024-11-08"),
])
def test_a_time_in_another_clause_is_not_the_counts(language, text, said) -> None:
    row = _claim(text, language)
    assert _days(row, "as_of") == (said, said) and row["as_of_source"] == "statement"


def test_an_article_before_a_noun_is_no_relative_clause() -> None:
    row = _claim("Er sagte, die Soldaten seien im Oktober gekommen, 4.100 Mann.", "de")
    assert _days(row, "as_of") == ("2024-10-01", "2024-10-31")


@pytest.mark.parametrize(("language", "text", "said", "as_of"), [
    # the count's time right before a trailing reporting clause ("..., X said on Monday")
    ("en", "Some 1,700 soldiers were wounded last month, the general staff said on Monday.",
     "2024-11-11", ("2024-10-01", "2024-10-31")),
    ("en", "Roughly 2,300 shells were fired in October, officials told reporters on Tuesday.",
     "2024-11-12", ("2024-10-01", "2024-10-31")),
    ("de", "Rund 1.700 Soldaten wurden im Oktober verwundet, sagte der Sprecher am Montag.",
     "2024-11-11", ("2024-10-01", "2024-10-31")),
    # right after a leading reporting clause that ends in a comma; relative to the statement
    ("de", "Das Ministerium erklärte am Freitag, in der Vorwoche seien 900 Soldaten "
           "gefallen.", "2024-11-08", ("2024-10-28", "2024-11-03")),
    ("en", "The ministry said on Friday that in the previous week 900 soldiers were killed.",
     "2024-11-08", ("2024-10-28", "2024-11-03")),
])
def test_a_time_beside_a_frame_across_a_comma_is_the_counts(language, text, said, as_of) -> None:
    row = _claim(text, language)
    assert _days(row, "stated_on") == (said, said)
    assert _days(row, "as_of") == as_of and row["as_of_source"] == "text"


@pytest.mark.parametrize(("language", "text", "as_of"), [
    ("de", "Die Armee hat im September laut Kiew 2.100 Soldaten verloren.",
     ("2024-09-01", "2024-09-30")),
    ("de", "Moskau erhielt im August nach Angaben aus Seoul 4.000 Granaten.",
     ("2024-08-01", "2024-08-31")),
    ("en", "The army lost 2,100 soldiers in September according to Kyiv.",
     ("2024-09-01", "2024-09-30")),
])
def test_a_time_before_a_preposition_cue_is_not_the_statements(language, text, as_of) -> None:
    row = _claim(text, language)
    assert _days(row, "stated_on") == (None, None)
    assert _days(row, "as_of") == as_of and row["as_of_source"] == "text"


@pytest.mark.parametrize(("language", "text", "said"), [
    ("en", "The agency said on Tuesday that troops had moved. Some 600 soldiers were wounded, "
           "it added.", "2024-11-12"),
    ("en", "The minister said on Monday that the fighting went on. She also said that "
           "1,100 soldiers had been killed.", "2024-11-11"),
    ("en", "A spokesman for the general staff told reporters on Tuesday that units attacked. "
           "About 350 soldiers were captured, he said.", "2024-11-12"),
])
def test_a_pronoun_source_continues_the_statement_date(language, text, said) -> None:
    row = _claim(text, language)
    assert _days(row, "stated_on") == (said, said)
    assert _days(row, "as_of") == (said, said) and row["as_of_source"] == "statement"


@pytest.mark.parametrize(("language", "text"), [
    ("de", "Nachdem Pjöngjang im Juli einen Vertrag unterzeichnet hatte, kamen 3.100 Arbeiter "
           "nach Russland."),
    ("de", "Weil die Front im August nachgab, verlegte Moskau laut Kiew 2.700 Soldaten."),
    ("en", "After the treaty was signed in July, 3,100 workers came to Russia."),
    ("en", "Because the front gave way in August, Moscow moved 2,700 soldiers, Kyiv said."),
])
def test_a_time_in_a_fronted_subordinate_clause_is_not_the_counts(language, text) -> None:
    row = _claim(text, language)
    published = PUBLISHED.isoformat()
    assert _days(row, "as_of") == (published, published)
    assert row["as_of_source"] == "publication" and _days(row, "stated_on") == (None, None)


def test_a_fronted_when_clause_still_times_the_count() -> None:
    row = _claim("When the offensive began in August, 2,900 soldiers were at the front.", "en")
    assert _days(row, "as_of") == ("2024-08-01", "2024-08-31")


@pytest.mark.parametrize(("language", "text", "day"), [
    # resolved against the statement day of the reporting clause or the one continued
    ("de", "Der Stab teilte am Dienstag mit, am Vortag seien 420 Soldaten gefallen.",
     "2024-11-11"),
    ("de", "Die Armee sagte am Montag, die Lage sei ruhig. Am Tag zuvor seien 80 Soldaten "
           "verwundet worden.", "2024-11-10"),
    ("en", "The day before, 260 soldiers were captured, the agency said on Tuesday.",
     "2024-11-11"),
    # no statement: the day before publication
    ("de", "Am Vortag wurden 75 Soldaten verwundet.", "2024-11-13"),
])
def test_the_day_before_counts_from_the_reference_day(language, text, day) -> None:
    row = _claim(text, language)
    assert _days(row, "as_of") == (day, day) and row["as_of_source"] == "text"


@pytest.mark.parametrize("text", [
    # "expects"/"aims" look ahead; the comma of "4,500" is no clause mark that hides them
    "Moscow expects to take in 4,500 more workers by the spring, the ministry said.",
    "Kyiv aims to train 12,000 recruits by the summer, officials said.",
    "The army expects 1,800 new drones in December.",
])
def test_an_expected_figure_with_a_season_is_planned(text) -> None:
    assert _claim(text, "en")["planned"]


@pytest.mark.parametrize(("language", "text", "planned"), [
    # a deadline in a clause that looks ahead is a target, though its period has begun
    ("de", "Russland werde bis Jahresende 2.400 weitere Arbeiter aufnehmen.", True),
    ("de", "Pjöngjang soll bis Ende November 1.300 Soldaten entsenden.", True),
    ("en", "Russia will take in 2,400 more workers by the end of the year.", True),
    ("en", "Pyongyang is expected to send 1,300 soldiers before the end of November.", True),
    # the same deadline in a clause that looks back is no plan
    ("de", "Bis diese Woche waren 1.300 Soldaten in Kursk stationiert.", False),
    ("en", "Until this week, 1,300 soldiers had been stationed in Kursk.", False),
])
def test_a_deadline_ahead_is_planned(language, text, planned) -> None:
    assert bool(_claim(text, language)["planned"]) is planned
