"""Finding time expressions: what the grammar matches and what it leaves alone (rules in
analysis/extract/date_grammar.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.extract.dates import find_time_expressions
from tests.unit.extract.date_cases import TUE, only


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Die Montagsdemonstration fand statt."),
        ("de", "Montags ist das Büro geschlossen."),
        ("de", "Die Sitzungen finden montags statt."),
        ("en", "Mondays are quiet at the ministry."),
    ],
)
def test_weekday_inside_other_words_is_not_a_date(language: str, sentence: str) -> None:
    assert find_time_expressions(sentence, language, TUE) == []


def test_aktuell_as_adjective_is_not_a_time_expression() -> None:
    assert find_time_expressions("Die aktuellen Zahlen sind hoch.", "de", TUE) == []


def test_morgen_lowercase_is_tomorrow_but_capitalised_after_heute_is_morning() -> None:
    assert only("Die Delegation reist morgen ab.", "de").kind == "future"
    assert only("Heute Morgen reiste sie ab.", "de").kind == "now"
    assert only("Tomorrow the talks resume.", "en").kind == "future"


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Officials may 4 times revise the figure."),
        ("en", "The troops march through the city."),
        ("en", "Soldiers may arrive by road."),
        ("de", "August Müller schreibt über die Lage."),
        ("de", "Im Jahr wurden viele Soldaten verlegt."),
    ],
)
def test_month_words_that_are_not_months(language: str, sentence: str) -> None:
    assert find_time_expressions(sentence, language, TUE) == []


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Es wurden 10.000 Soldaten und 12.500 Container gezählt."),
        ("de", "Am 31. Februar geschah nichts."),
        ("de", "Version 1.2.3 wurde im Büro installiert."),
        ("en", "Some 12,000 troops and 1,500 vehicles were counted."),
        ("en", "November 12,000 troops"),
    ],
)
def test_numbers_and_impossible_dates_are_not_days(language: str, sentence: str) -> None:
    days = [e for e in find_time_expressions(sentence, language, TUE) if e.kind == "day"]
    assert days == []


def test_ordinary_numbers_near_a_month_keep_their_meaning() -> None:
    found = find_time_expressions("Im August 12.000 Soldaten", "de", TUE)
    assert [(e.text, e.kind) for e in found] == [("Im August", "month")]


def test_durations_are_not_points_in_time() -> None:
    assert find_time_expressions("Die Offensive dauerte einen Monat.", "de", TUE) == []
    assert find_time_expressions("The offensive lasted two weeks.", "en", TUE) == []


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Es wurden 2023 Granaten gezählt."),
        ("de", "Insgesamt kamen 1950 neue Rekruten an."),
        ("de", "Dort stehen 2000 Mann bereit."),
        ("de", "Die Kolonne war 1500 km lang."),
        ("de", "Zwischen 1500 und 2000 Soldaten wurden verlegt."),
        ("de", "Die Kosten lagen zwischen 1450 und 1850 Euro."),
        ("de", "Davon starben 2000 im Jahr 2011."),
        ("en", "There were 2023 shells counted."),
        ("en", "The brigade moved 1999 vehicles."),
    ],
)
def test_bare_numbers_that_count_are_not_years(language: str, sentence: str) -> None:
    years = [e.text for e in find_time_expressions(sentence, language, TUE) if e.kind == "year"]
    assert years in ([], ["im Jahr 2011"])


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Er kam 1994 nach Berlin.", 1994),
        ("Die Brigade 2022 wurde verlegt.", 2022),
        ("Der Vertrag von 1953 gilt bis heute.", 1953),
        ("Der Autor, geboren 1937, lebt in Paris.", 1937),
        ("Das Buch erschien 1988 in Stuttgart.", 1988),
        ("Das war 1944, nicht 1945.", 1944),
        ("Schon 1798 wollte er Deutschland verändern.", 1798),
        ("Das Abkommen wurde 1938 geschlossen. Danach kam der Krieg.", 1938),
    ],
)
def test_german_bare_years_are_years(sentence: str, year: int) -> None:
    found = [e for e in find_time_expressions(sentence, "de", TUE) if e.kind == "year"]
    assert found and (found[0].period_start, found[0].period_end) == (
        dt.date(year, 1, 1), dt.date(year, 12, 31)
    )


# --------------------------------------------------------------------------- several, offsets


def test_several_expressions_are_sorted_with_exact_offsets() -> None:
    text = (
        "Letzte Woche bestätigten die USA, dass sich seit Oktober rund 10.000 Soldaten in der "
        "Region befinden.\nAm Montag sagte der Präsident, derzeit seien es mehr."
    )
    found = find_time_expressions(text, "de", TUE)
    assert [e.text for e in found] == ["Letzte Woche", "seit Oktober", "Am Montag", "derzeit"]
    assert [e.start for e in found] == sorted(e.start for e in found)
    for expression in found:
        assert text[expression.start : expression.end] == expression.text


def test_expression_never_spans_a_line_break() -> None:
    found = find_time_expressions("Es war im\nOktober.", "de", TUE)
    assert found == []
