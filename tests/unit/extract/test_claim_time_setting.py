"""Statement dates in a statement's setting, times after a prepositional source phrase, and
plan verbs (analysis.extract.claim_time, claim_setting). Example sentences written for these
tests; publication day Tuesday 2024-11-12."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.extract.claim_cases import one


@pytest.mark.parametrize(
    ("text", "language", "said"),
    [
        ("Speaking in Warsaw on Monday, the minister said 6,000 troops were in Russia.", "en",
         dt.date(2024, 11, 11)),
        ("At a news conference in Kyiv on Friday, the general said 1,300 soldiers had died.",
         "en", dt.date(2024, 11, 8)),
        ("In einer Rede am Montag in Riga sagte der Minister, 4.000 Soldaten seien in "
         "Russland.", "de", dt.date(2024, 11, 11)),
        ("Bei einer Pressekonferenz am Freitag sagte der General, 1.300 Soldaten seien "
         "gefallen.", "de", dt.date(2024, 11, 8)),
    ],
)
def test_a_setting_dates_the_statement(text, language, said) -> None:
    row = one(text, language)
    assert (row["stated_on_start"], row["stated_on_end"]) == (said, said)
    assert (row["as_of_start"], row["as_of_source"]) == (said, "statement")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Die Armee hat nach eigenen Angaben im Oktober 300 Soldaten getötet.",
         dt.date(2024, 10, 1), dt.date(2024, 10, 31)),
        ("Russland verlor laut der Regierung in Kiew in der vergangenen Woche 900 Soldaten.",
         dt.date(2024, 11, 4), dt.date(2024, 11, 10)),
    ],
)
def test_a_time_after_a_source_phrase_is_the_count_s(text, start, end) -> None:
    row = one(text, "de")
    assert (row["as_of_start"], row["as_of_end"], row["as_of_source"]) == (start, end, "text")
    assert row["stated_on_start"] is None


def test_a_date_tied_to_the_source_phrase_is_the_statement_s() -> None:
    row = one("Nordkorea hat nach Angaben des Ministeriums vom Freitag 2.000 Soldaten "
              "geschickt.", "de")
    assert row["stated_on_start"] == dt.date(2024, 11, 8)


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang is preparing to send 2,000 workers to Russia.",
        "North Korea prepares to send another 1,500 soldiers, officials said.",
    ],
)
def test_preparing_to_send_is_a_plan(text) -> None:
    assert one(text, "en")["planned"] is True


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Lawmakers briefed in Seoul on Friday said about 2,400 soldiers had been wounded.",
         dt.date(2024, 11, 8)),
        ("Speaking in Oslo he said on Monday 7,000 troops had been moved to Russia.",
         dt.date(2024, 11, 11)),
    ],
)
def test_a_setting_never_holds_the_count(text, said) -> None:
    row = one(text, "en")
    assert row["stated_on_start"] == said


@pytest.mark.parametrize(
    ("text", "language", "said"),
    [
        ("About 300 soldiers were killed, according to Kyiv on Friday.", "en",
         dt.date(2024, 11, 8)),
        ("Rund 300 Soldaten wurden getötet, laut der Armee am Freitag.", "de",
         dt.date(2024, 11, 8)),
    ],
)
def test_a_time_ending_the_source_phrase_is_the_statement_s(text, language, said) -> None:
    row = one(text, language)
    assert (row["stated_on_start"], row["as_of_source"]) == (said, "statement")
