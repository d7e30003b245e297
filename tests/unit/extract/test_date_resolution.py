"""Resolving time expressions against the publication date, in German and English (rules in
analysis/extract/date_resolution.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.extract.date_periods import month_bounds
from analysis.extract.dates import find_time_expressions
from tests.unit.extract.date_cases import PREVIOUS_WEEK, TUE, D, interval, only

# --------------------------------------------------------------------------- weeks


@pytest.mark.parametrize(
    ("language", "sentence", "phrase"),
    [
        ("de", "Letzte Woche meldete das Ministerium neue Zahlen.", "Letzte Woche"),
        ("de", "Das Parlament stimmte letzte Woche zu.", "letzte Woche"),
        ("de", "Die Zahl stammt aus der letzten Woche.", "letzten Woche"),
        ("de", "Vergangene Woche trafen sich die Minister.", "Vergangene Woche"),
        ("de", "In der vergangenen Woche wurden Truppen verlegt.", "In der vergangenen Woche"),
        ("de", "Die Angaben der vorigen Woche wurden korrigiert.", "vorigen Woche"),
        ("de", "Schon in der Vorwoche hieß es, die Lage sei ruhig.", "in der Vorwoche"),
        ("en", "Last week the ministry published new figures.", "Last week"),
        ("en", "The figure was confirmed last week by officials.", "last week"),
        ("en", "It had been reported the previous week, they said.", "previous week"),
    ],
)
def test_previous_week(language: str, sentence: str, phrase: str) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == PREVIOUS_WEEK
    assert expression.kind == "week"


@pytest.mark.parametrize(
    ("language", "sentence", "phrase"),
    [
        ("de", "Diese Woche gab es keine neuen Angaben.", "Diese Woche"),
        ("de", "Die Truppen trafen in dieser Woche ein.", "in dieser Woche"),
        ("en", "This week the talks resumed.", "This week"),
    ],
)
def test_this_week_runs_to_publication(language: str, sentence: str, phrase: str) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == (D(2024, 11, 11), TUE)


def test_previous_week_across_year_boundary() -> None:
    # Thursday 2 January 2025: the previous ISO week is 23..29 December 2024.
    expression = only("Letzte Woche kamen weitere Soldaten an.", "de", D(2025, 1, 2))
    assert interval(expression) == (D(2024, 12, 23), D(2024, 12, 29))


def test_past_week_is_rolling_not_calendar() -> None:
    expression = only("Over the past week, fighting intensified.", "en")
    assert interval(expression) == (D(2024, 11, 5), TUE)
    assert expression.kind == "range"


@pytest.mark.parametrize(
    ("language", "sentence", "start"),
    [
        ("de", "In den letzten zwei Wochen wurden 500 Soldaten verlegt.", D(2024, 10, 29)),
        ("de", "in den vergangenen drei Tagen", D(2024, 11, 9)),
        ("en", "Over the last 10 days, shelling continued.", D(2024, 11, 2)),
        ("en", "in the past three months", D(2024, 8, 12)),
    ],
)
def test_rolling_windows_end_at_publication(language: str, sentence: str, start: dt.date) -> None:
    expression = only(sentence, language)
    assert interval(expression) == (start, TUE)


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "day"),
    [
        ("de", "Der Präsident sprach am Montag vor dem Parlament.", "am Montag", D(2024, 11, 11)),
        ("de", "Am Dienstag ratifizierte das Land den Vertrag.", "Am Dienstag", TUE),
        ("de", "Montag wurde der Bericht veröffentlicht.", "Montag", D(2024, 11, 11)),
        ("de", "Die Lieferung kam am Freitag an.", "am Freitag", D(2024, 11, 8)),
        ("de", "Bereits am Mittwoch hatte er gewarnt.", "am Mittwoch", D(2024, 11, 6)),
        ("de", "Am Sonntag gab es Luftalarm.", "Am Sonntag", D(2024, 11, 10)),
        ("de", "Am Sonnabend wurde demonstriert.", "Am Sonnabend", D(2024, 11, 9)),
        ("de", "Am Montagabend meldete Kiew Angriffe.", "Am Montagabend", D(2024, 11, 11)),
        ("de", "Es geschah am Donnerstag früh.", "am Donnerstag früh", D(2024, 11, 7)),
        ("en", "The minister said on Monday that troops had arrived.", "on Monday",
         D(2024, 11, 11)),
        ("en", "Monday's report was disputed.", "Monday", D(2024, 11, 11)),
        ("en", "Officials confirmed it on Tuesday.", "on Tuesday", TUE),
        ("en", "On Saturday night drones were seen.", "On Saturday night", D(2024, 11, 9)),
        ("en", "Talks ended Thursday without a deal.", "Thursday", D(2024, 11, 7)),
    ],
)
def test_weekday_is_latest_on_or_before_publication(
    language: str, sentence: str, phrase: str, day: dt.date
) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == (day, day)
    assert expression.kind == "day"


def test_monday_article_and_am_montag_is_that_day() -> None:
    monday = D(2024, 11, 11)
    assert interval(only("Am Montag wurde der Pakt unterzeichnet.", "de", monday)) == (
        monday,
        monday,
    )
    assert interval(only("It was signed on Monday.", "en", monday)) == (monday, monday)


@pytest.mark.parametrize(
    ("language", "sentence", "day"),
    [
        ("de", "Am vergangenen Dienstag kam es zu Gefechten.", D(2024, 11, 5)),
        ("de", "Am letzten Montag begann die Offensive.", D(2024, 11, 11)),
        ("en", "Last Tuesday the convoy crossed the border.", D(2024, 11, 5)),
    ],
)
def test_last_weekday_is_strictly_before_publication(
    language: str, sentence: str, day: dt.date
) -> None:
    assert interval(only(sentence, language)) == (day, day)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Am kommenden Montag soll abgestimmt werden."),
        ("de", "Nächsten Freitag reist die Delegation ab."),
        ("en", "Next Monday the delegation will travel."),
    ],
)
def test_coming_weekday_is_future(language: str, sentence: str) -> None:
    expression = only(sentence, language)
    assert expression.kind == "future"
    assert (expression.start_date, expression.end_date, expression.since) == (None, None, None)


# --------------------------------------------------------------------------- now / days


@pytest.mark.parametrize(
    ("language", "sentence", "phrase"),
    [
        ("de", "Derzeit sind bis zu 12.000 Soldaten beteiligt.", "Derzeit"),
        ("de", "Es sind zurzeit etwa 3.000 Mann.", "zurzeit"),
        ("de", "Zur Zeit kämpfen dort mehrere Einheiten.", "Zur Zeit"),
        ("de", "Aktuell werden 500 Verletzte behandelt.", "Aktuell"),
        ("de", "Momentan ist die Lage unklar.", "Momentan"),
        ("de", "Gegenwärtig befinden sich dort Truppen.", "Gegenwärtig"),
        ("de", "Heute bestätigte das Ministerium die Zahl.", "Heute"),
        ("en", "Currently up to 12,000 troops are involved.", "Currently"),
        ("en", "There are now about 11,000 soldiers in the area.", "now"),
        ("en", "At present the front is stable.", "At present"),
        ("en", "Today the ministry confirmed the figure.", "Today"),
    ],
)
def test_now_is_publication_day(language: str, sentence: str, phrase: str) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == (TUE, TUE)
    assert expression.kind == "now"


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "day"),
    [
        ("de", "Gestern meldete die Armee 40 Angriffe.", "Gestern", D(2024, 11, 11)),
        ("de", "Das Treffen fand gestern Abend statt.", "gestern Abend", D(2024, 11, 11)),
        ("de", "Vorgestern wurde die Grenze geschlossen.", "Vorgestern", D(2024, 11, 10)),
        ("de", "Heute Morgen gab es Explosionen.", "Heute Morgen", TUE),
        ("en", "Yesterday the army reported 40 attacks.", "Yesterday", D(2024, 11, 11)),
        ("en", "The meeting took place yesterday evening.", "yesterday evening", D(2024, 11, 11)),
        ("en", "The day before yesterday the border closed.", "The day before yesterday",
         D(2024, 11, 10)),
        ("en", "Explosions were heard last night.", "last night", D(2024, 11, 11)),
    ],
)
def test_day_offsets(language: str, sentence: str, phrase: str, day: dt.date) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == (day, day)


# --------------------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("language", "sentence", "phrase"),
    [
        ("de", "Letzten Monat teilte der Geheimdienst mit, dass ...", "Letzten Monat"),
        ("de", "Vergangenen Monat wurden Container geliefert.", "Vergangenen Monat"),
        ("de", "Im vergangenen Monat wurden Container geliefert.", "Im vergangenen Monat"),
        ("de", "Der Bericht aus dem letzten Monat nennt 1.000 Mann.", "letzten Monat"),
        ("de", "Schon im Vormonat stieg die Zahl.", "im Vormonat"),
        ("en", "Last month the agency said shipments rose.", "Last month"),
        ("en", "Shipments rose in the previous month.", "in the previous month"),
    ],
)
def test_previous_month(language: str, sentence: str, phrase: str) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == (D(2024, 10, 1), D(2024, 10, 31))
    assert expression.kind == "month"


def test_previous_month_in_january_is_last_december() -> None:
    expression = only("Letzten Monat kamen 2.000 Soldaten.", "de", D(2025, 1, 15))
    assert interval(expression) == (D(2024, 12, 1), D(2024, 12, 31))


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("de", "Diesen Monat wurden 30 Drohnen abgeschossen."), ("en", "This month 30 drones fell.")],
)
def test_this_month_runs_to_publication(language: str, sentence: str) -> None:
    assert interval(only(sentence, language)) == (D(2024, 11, 1), TUE)


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "month"),
    [
        ("de", "Im Oktober wurden 3.000 Soldaten verlegt.", "Im Oktober", (2024, 10)),
        ("de", "Die Zahl stieg im Oktober 2023 deutlich.", "im Oktober 2023", (2023, 10)),
        ("de", "Im Jänner begannen die Lieferungen.", "Im Jänner", (2024, 1)),
        ("de", "Oktober 2024 war der verlustreichste Monat.", "Oktober 2024", (2024, 10)),
        ("de", "Bereits im Sept. hieß es, die Truppen seien unterwegs.", "im Sept.", (2024, 9)),
        ("de", "Die Zahlen vom Mrz 2023 sind veraltet.", "vom Mrz 2023", (2023, 3)),
        ("en", "In October 3,000 soldiers were moved.", "In October", (2024, 10)),
        ("en", "The numbers rose in October 2023.", "in October 2023", (2023, 10)),
        ("en", "October 2024 was the deadliest month.", "October 2024", (2024, 10)),
        ("en", "The talks began in May.", "in May", (2024, 5)),
        ("en", "Reports from March 2022 differ.", "from March 2022", (2022, 3)),
        ("en", "It was reported in Sept. that troops were moving.", "in Sept.", (2024, 9)),
    ],
)
def test_named_month(language: str, sentence: str, phrase: str, month: tuple[int, int]) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == month_bounds(*month)
    assert expression.kind == "month"


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "expected"),
    [
        ("de", "Im Oktober letzten Jahres kamen die ersten.", "Im Oktober letzten Jahres",
         (D(2023, 10, 1), D(2023, 10, 31))),
        ("de", "Im Mai dieses Jahres kamen die ersten.", "Im Mai dieses Jahres",
         (D(2024, 5, 1), D(2024, 5, 31))),
        ("de", "Am 4. Oktober vergangenen Jahres kamen sie.", "Am 4. Oktober vergangenen Jahres",
         (D(2023, 10, 4), D(2023, 10, 4))),
        ("de", "Anfang August letzten Jahres kamen sie.", "Anfang August letzten Jahres",
         (D(2023, 8, 1), D(2023, 8, 10))),
        ("en", "In October last year the first arrived.", "In October last year",
         (D(2023, 10, 1), D(2023, 10, 31))),
        ("en", "On October 4 last year they came.", "On October 4 last year",
         (D(2023, 10, 4), D(2023, 10, 4))),
    ],
)
def test_month_with_relative_year(
    language: str, sentence: str, phrase: str, expected: tuple[dt.date, dt.date]
) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == expected


def test_since_month_of_last_year() -> None:
    assert only("Seit August vergangenen Jahres wurden Container geliefert.", "de").since == D(
        2023, 8, 1
    )
    assert only("Containers were shipped since August last year.", "en").since == D(2023, 8, 1)


def test_month_after_publication_month_is_previous_year() -> None:
    january = D(2025, 1, 20)
    assert interval(only("Im Dezember kamen 1.500 Mann.", "de", january)) == (
        D(2024, 12, 1),
        D(2024, 12, 31),
    )
    assert interval(only("In December 1,500 men arrived.", "en", january)) == (
        D(2024, 12, 1),
        D(2024, 12, 31),
    )


def test_current_month_is_cut_at_publication() -> None:
    assert interval(only("Im November kamen 1.500 Mann.", "de")) == (D(2024, 11, 1), TUE)


# --------------------------------------------------------------------------- parts of periods


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "expected"),
    [
        ("de", "Anfang August startete die Ukraine einen Einmarsch.", "Anfang August",
         (D(2024, 8, 1), D(2024, 8, 10))),
        ("de", "Mitte Oktober kamen die ersten Einheiten.", "Mitte Oktober",
         (D(2024, 10, 11), D(2024, 10, 20))),
        ("de", "Ende September waren es 3.000.", "Ende September",
         (D(2024, 9, 21), D(2024, 9, 30))),
        ("de", "Anfang August 2023 begann der Transport.", "Anfang August 2023",
         (D(2023, 8, 1), D(2023, 8, 10))),
        ("de", "Zu Beginn des Monats hieß es noch anders.", "Zu Beginn des Monats",
         (D(2024, 11, 1), D(2024, 11, 10))),
        ("de", "Ende letzten Monats meldete Seoul neue Zahlen.", "Ende letzten Monats",
         (D(2024, 10, 21), D(2024, 10, 31))),
        ("de", "Mitte des vergangenen Monats", "Mitte des vergangenen Monats",
         (D(2024, 10, 11), D(2024, 10, 20))),
        ("de", "Ende 2023 waren es noch weniger.", "Ende 2023",
         (D(2023, 9, 1), D(2023, 12, 31))),
        ("de", "Anfang des Jahres stiegen die Zahlen.", "Anfang des Jahres",
         (D(2024, 1, 1), D(2024, 4, 30))),
        ("de", "Ende vergangenen Jahres begannen die Lieferungen.", "Ende vergangenen Jahres",
         (D(2023, 9, 1), D(2023, 12, 31))),
        ("de", "Anfang der Woche wurde verhandelt.", "Anfang der Woche",
         (D(2024, 11, 11), TUE)),
        ("de", "Ende letzter Woche gab es Angriffe.", "Ende letzter Woche",
         (D(2024, 11, 8), D(2024, 11, 10))),
        ("en", "In early August Ukraine launched an incursion.", "In early August",
         (D(2024, 8, 1), D(2024, 8, 10))),
        ("en", "By mid-August the front had moved.", "By mid-August",
         (D(2024, 8, 11), D(2024, 8, 20))),
        ("en", "Late September saw 3,000 arrive.", "Late September",
         (D(2024, 9, 21), D(2024, 9, 30))),
        ("en", "At the end of October the count rose.", "At the end of October",
         (D(2024, 10, 21), D(2024, 10, 31))),
        ("en", "In mid-2023 the shipments began.", "In mid-2023",
         (D(2023, 5, 1), D(2023, 8, 31))),
        ("en", "Late last year the first containers arrived.", "Late last year",
         (D(2023, 9, 1), D(2023, 12, 31))),
        ("en", "Early last month Seoul said so.", "Early last month",
         (D(2024, 10, 1), D(2024, 10, 10))),
        ("en", "Earlier this week the ministry denied it.", "Earlier this week",
         (D(2024, 11, 11), D(2024, 11, 11))),
        ("en", "Earlier this year the agency warned.", "Earlier this year",
         (D(2024, 1, 1), D(2024, 11, 11))),
        ("en", "at the beginning of the month", "at the beginning of the month",
         (D(2024, 11, 1), D(2024, 11, 10))),
    ],
)
def test_parts_of_periods(
    language: str, sentence: str, phrase: str, expected: tuple[dt.date, dt.date]
) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == expected


@pytest.mark.parametrize(
    ("year", "last_day"), [(2024, 29), (2023, 28), (2000, 29), (1900, 28)]
)
def test_ende_februar_in_leap_and_common_years(year: int, last_day: int) -> None:
    expression = only(f"Ende Februar {year} kamen sie an.", "de", D(2024, 11, 12))
    assert interval(expression) == (D(year, 2, 21), D(year, 2, last_day))
    # Without a year, the year comes from the publication date.
    published = D(year, 3, 5)
    assert interval(only("Ende Februar kamen sie an.", "de", published)) == (
        D(year, 2, 21),
        D(year, 2, last_day),
    )
    assert interval(only("in late February", "en", published)) == (
        D(year, 2, 21),
        D(year, 2, last_day),
    )


def test_part_of_month_after_publication_is_future() -> None:
    # "Ende des Monats" in an article of 12 November points at 21..30 November.
    expression = only("Ende des Monats soll der Vertrag in Kraft treten.", "de")
    assert expression.kind == "future" and expression.start_date is None


def test_seit_dem_ende_des_kalten_krieges_is_no_date() -> None:
    text = "Der Deal gilt als der größte seit dem Ende des Kalten Krieges."
    assert find_time_expressions(text, "de", TUE) == []


# --------------------------------------------------------------------------- absolute days


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "day"),
    [
        ("de", "Am 4. November bestätigten die USA die Zahl.", "Am 4. November",
         D(2024, 11, 4)),
        ("de", "Der 4. November 2024 brachte Klarheit.", "4. November 2024", D(2024, 11, 4)),
        ("de", "Die Meldung vom 4.11.2024 wurde bestätigt.", "vom 4.11.2024",
         D(2024, 11, 4)),
        ("de", "Am 04.11.2024 kam die Bestätigung.", "Am 04.11.2024", D(2024, 11, 4)),
        ("de", "Am Montag, dem 4. November, sprach der Minister.",
         "Am Montag, dem 4. November", D(2024, 11, 4)),
        ("de", "Seit dem Bericht am 2024-11-04 ist es bekannt.", "am 2024-11-04",
         D(2024, 11, 4)),
        ("de", "Am 1. Jan. wurde es gemeldet.", "Am 1. Jan.", D(2024, 1, 1)),
        ("en", "On Nov. 4 the US confirmed the figure.", "On Nov. 4", D(2024, 11, 4)),
        ("en", "The figure was confirmed November 4, 2024.", "November 4, 2024",
         D(2024, 11, 4)),
        ("en", "It was confirmed on 4 November.", "on 4 November", D(2024, 11, 4)),
        ("en", "It was confirmed on the 4th of November.", "on the 4th of November",
         D(2024, 11, 4)),
        ("en", "On Monday, November 4, officials spoke.", "On Monday, November 4",
         D(2024, 11, 4)),
        ("en", "on Nov 4 officials spoke", "on Nov 4", D(2024, 11, 4)),
        ("en", "The order was dated Sept. 30, 2023.", "Sept. 30, 2023", D(2023, 9, 30)),
    ],
)
def test_absolute_days(language: str, sentence: str, phrase: str, day: dt.date) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == (day, day)
    assert expression.kind == "day"


def test_day_without_year_takes_latest_year_not_after_publication() -> None:
    january = D(2025, 1, 10)
    assert interval(only("Am 28. Dezember kamen sie an.", "de", january)) == (
        D(2024, 12, 28),
        D(2024, 12, 28),
    )
    assert interval(only("They arrived on December 28.", "en", january)) == (
        D(2024, 12, 28),
        D(2024, 12, 28),
    )


def test_later_day_of_publication_month_is_future() -> None:
    expression = only("Am 20. November soll abgestimmt werden.", "de")
    assert expression.kind == "future"
    assert only("The vote is set for Nov. 20, 2024.", "en").kind == "future"


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "expected"),
    [
        ("de", "Zwischen dem 4. und 9. November wurde ratifiziert.",
         "Zwischen dem 4. und 9. November", (D(2024, 11, 4), D(2024, 11, 9))),
        ("de", "Vom 4. bis 9. November tagte das Parlament.", "Vom 4. bis 9. November",
         (D(2024, 11, 4), D(2024, 11, 9))),
        ("de", "Vom 4. bis zum 9. November 2023 tagte es.", "Vom 4. bis zum 9. November 2023",
         (D(2023, 11, 4), D(2023, 11, 9))),
        ("de", "Am 4.–9. November wurde gekämpft.", "Am 4.–9. November",
         (D(2024, 11, 4), D(2024, 11, 9))),
        ("de", "zwischen dem 28. Dezember und dem 3. Januar 2024",
         "zwischen dem 28. Dezember und dem 3. Januar 2024",
         (D(2023, 12, 28), D(2024, 1, 3))),
        ("de", "Von Juni bis August 2024 stiegen die Zahlen.", "Von Juni bis August 2024",
         (D(2024, 6, 1), D(2024, 8, 31))),
        ("de", "Zwischen 2022 und 2023 wurde geliefert.", "Zwischen 2022 und 2023",
         (D(2022, 1, 1), D(2023, 12, 31))),
        ("en", "From 4 to 9 November parliament met.", "From 4 to 9 November",
         (D(2024, 11, 4), D(2024, 11, 9))),
        ("en", "Between November 4 and 9, parliament met.", "Between November 4 and 9",
         (D(2024, 11, 4), D(2024, 11, 9))),
        ("en", "On November 4-9 parliament met.", "On November 4-9",
         (D(2024, 11, 4), D(2024, 11, 9))),
        ("en", "between the 30th of October and the 2nd of November",
         "between the 30th of October and the 2nd of November",
         (D(2024, 10, 30), D(2024, 11, 2))),
        ("en", "From June to August 2024 numbers rose.", "From June to August 2024",
         (D(2024, 6, 1), D(2024, 8, 31))),
    ],
)
def test_ranges(
    language: str, sentence: str, phrase: str, expected: tuple[dt.date, dt.date]
) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == expected
    assert expression.kind == "range"


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "expected"),
    [
        ("de", "Vom 30. Oktober bis 2. November wurde verhandelt.",
         "Vom 30. Oktober bis 2. November", (D(2024, 10, 30), D(2024, 11, 2))),
        ("de", "Am 4./5. November wurde verhandelt.", "Am 4./5. November",
         (D(2024, 11, 4), D(2024, 11, 5))),
        ("de", "Am 4. und 5. November wurde verhandelt.", "Am 4. und 5. November",
         (D(2024, 11, 4), D(2024, 11, 5))),
        ("en", "From October 30 to November 2 talks went on.", "From October 30 to November 2",
         (D(2024, 10, 30), D(2024, 11, 2))),
        # No year: the start month decides, and the range is cut at publication.
        ("de", "Zwischen Oktober und Dezember kamen 3.000 Mann.", "Zwischen Oktober und Dezember",
         (D(2024, 10, 1), TUE)),
        ("en", "Between October and December 3,000 arrived.", "Between October and December",
         (D(2024, 10, 1), TUE)),
    ],
)
def test_more_ranges(
    language: str, sentence: str, phrase: str, expected: tuple[dt.date, dt.date]
) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == expected


def test_range_across_new_year_without_years() -> None:
    expression = only("vom 28. Dezember bis 3. Januar", "de", D(2025, 1, 10))
    assert interval(expression) == (D(2024, 12, 28), D(2025, 1, 3))


def test_range_starting_after_publication_is_future() -> None:
    assert only("Vom 20. bis 25. November wird verhandelt.", "de").kind == "future"


def test_backwards_day_range_is_not_a_range() -> None:
    found = find_time_expressions("vom 9. bis 4. November", "de", TUE)
    assert all(e.kind != "range" for e in found)


# --------------------------------------------------------------------------- ago


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "expected", "kind"),
    [
        ("de", "Vor drei Tagen wurde angegriffen.", "Vor drei Tagen",
         (D(2024, 11, 9), D(2024, 11, 9)), "day"),
        ("de", "Das geschah vor 3 Tagen.", "vor 3 Tagen", (D(2024, 11, 9), D(2024, 11, 9)), "day"),
        ("de", "Vor zwei Wochen kamen sie an.", "Vor zwei Wochen",
         (D(2024, 10, 28), D(2024, 11, 3)), "week"),
        ("de", "Vor einer Woche kamen sie an.", "Vor einer Woche",
         (D(2024, 11, 4), D(2024, 11, 10)), "week"),
        ("de", "Vor einem Monat hieß es noch anders.", "Vor einem Monat",
         (D(2024, 10, 1), D(2024, 10, 31)), "month"),
        ("de", "Vor etwa einem Jahr begann es.", "Vor etwa einem Jahr",
         (D(2023, 11, 1), D(2023, 11, 30)), "month"),
        ("en", "Three days ago the attack began.", "Three days ago",
         (D(2024, 11, 9), D(2024, 11, 9)), "day"),
        ("en", "It happened 3 days ago.", "3 days ago", (D(2024, 11, 9), D(2024, 11, 9)), "day"),
        ("en", "Two weeks ago they arrived.", "Two weeks ago",
         (D(2024, 10, 28), D(2024, 11, 3)), "week"),
        ("en", "A month ago it was different.", "A month ago",
         (D(2024, 10, 1), D(2024, 10, 31)), "month"),
        ("en", "about two months ago", "about two months ago",
         (D(2024, 9, 1), D(2024, 9, 30)), "month"),
        ("en", "a year ago", "a year ago", (D(2023, 11, 1), D(2023, 11, 30)), "month"),
    ],
)
def test_ago(
    language: str, sentence: str, phrase: str, expected: tuple[dt.date, dt.date], kind: str
) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == expected
    assert expression.kind == kind


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "expected"),
    [
        ("de", "In den vergangenen 24 Stunden gab es 40 Angriffe.", "In den vergangenen 24 Stunden",
         (D(2024, 11, 11), TUE)),
        ("de", "Vor drei Stunden meldete Kiew Explosionen.", "Vor drei Stunden", (TUE, TUE)),
        ("en", "In the past 24 hours there were 40 attacks.", "In the past 24 hours",
         (D(2024, 11, 11), TUE)),
        ("en", "Explosions were reported 3 hours ago.", "3 hours ago", (TUE, TUE)),
    ],
)
def test_hours(
    language: str, sentence: str, phrase: str, expected: tuple[dt.date, dt.date]
) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == expected


def test_relative_to_another_event_is_not_resolved() -> None:
    # "two weeks earlier" counts from another date in the text, not from publication.
    assert find_time_expressions("3.000 Soldaten, zwei Wochen zuvor", "de", TUE) == []
    assert find_time_expressions("3,000 troops two weeks earlier", "en", TUE) == []


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "In den letzten Tagen kamen weitere Soldaten."),
        ("de", "In den vergangenen Wochen kamen weitere Soldaten."),
        ("en", "In recent weeks more soldiers arrived."),
        ("en", "In the last few days more soldiers arrived."),
    ],
)
def test_vague_spans_are_not_resolved(language: str, sentence: str) -> None:
    assert find_time_expressions(sentence, language, TUE) == []


# --------------------------------------------------------------------------- since


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "since"),
    [
        ("de", "Seit August 2023 wurden Container geliefert.", "Seit August 2023", D(2023, 8, 1)),
        ("de", "seit Anfang 2023", "seit Anfang 2023", D(2023, 1, 1)),
        ("de", "Seit Mitte Oktober kämpfen sie.", "Seit Mitte Oktober", D(2024, 10, 11)),
        ("de", "Seit dem 4. November ist es bestätigt.", "Seit dem 4. November", D(2024, 11, 4)),
        ("de", "Seit 2022 liefert das Land Munition.", "Seit 2022", D(2022, 1, 1)),
        ("de", "Seit letzter Woche wird gekämpft.", "Seit letzter Woche", D(2024, 11, 4)),
        ("de", "Seit Montag wird gekämpft.", "Seit Montag", D(2024, 11, 11)),
        ("de", "Seit Jahresbeginn wurden 5.000 Granaten geliefert.", "Seit Jahresbeginn",
         D(2024, 1, 1)),
        ("de", "Seit zwei Wochen wird gekämpft.", "Seit zwei Wochen", D(2024, 10, 29)),
        ("de", "Seit gestern wird gekämpft.", "Seit gestern", D(2024, 11, 11)),
        ("en", "Since August 2023 containers have been shipped.", "Since August 2023",
         D(2023, 8, 1)),
        ("en", "since last year", "since last year", D(2023, 1, 1)),
        ("en", "Since early 2023 shipments rose.", "Since early 2023", D(2023, 1, 1)),
        ("en", "Since the start of the year 5,000 shells arrived.", "Since the start of the year",
         D(2024, 1, 1)),
        ("en", "since Nov. 4", "since Nov. 4", D(2024, 11, 4)),
        ("en", "Since February 2022 the war has raged.", "Since February 2022", D(2022, 2, 1)),
    ],
)
def test_since(language: str, sentence: str, phrase: str, since: dt.date) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert expression.since == since
    assert (expression.start_date, expression.end_date, expression.kind) == (None, None, "since")


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("language", "sentence", "phrase", "year"),
    [
        ("de", "Im Jahr 2023 lieferte das Land Granaten.", "Im Jahr 2023", 2023),
        ("de", "im Jahre 2022", "im Jahre 2022", 2022),
        ("de", "Letztes Jahr lieferte das Land Granaten.", "Letztes Jahr", 2023),
        ("de", "Im vergangenen Jahr lieferte das Land Granaten.", "Im vergangenen Jahr", 2023),
        ("de", "Im Vorjahr waren es weniger.", "Im Vorjahr", 2023),
        ("en", "In 2023 the country shipped shells.", "In 2023", 2023),
        ("en", "Last year the country shipped shells.", "Last year", 2023),
    ],
)
def test_years(language: str, sentence: str, phrase: str, year: int) -> None:
    expression = only(sentence, language)
    assert expression.text == phrase
    assert interval(expression) == (D(year, 1, 1), D(year, 12, 31))
    assert expression.kind == "year"


def test_this_year_runs_to_publication() -> None:
    assert interval(only("Dieses Jahr wurden 300 Raketen geliefert.", "de")) == (
        D(2024, 1, 1),
        TUE,
    )


# --------------------------------------------------------------------------- weekend


@pytest.mark.parametrize(
    ("language", "sentence", "published", "expected"),
    [
        ("de", "Am Wochenende wurde gekämpft.", TUE, (D(2024, 11, 9), D(2024, 11, 10))),
        ("de", "Am vergangenen Wochenende wurde gekämpft.", TUE, (D(2024, 11, 9), D(2024, 11, 10))),
        ("en", "Over the weekend fighting continued.", TUE, (D(2024, 11, 9), D(2024, 11, 10))),
        # An article of Sunday 10 November: "am Wochenende" is this weekend, up to that day.
        ("de", "Am Wochenende wurde gekämpft.", D(2024, 11, 10),
         (D(2024, 11, 9), D(2024, 11, 10))),
        ("en", "Last weekend fighting continued.", D(2024, 11, 9),
         (D(2024, 11, 2), D(2024, 11, 3))),
    ],
)
def test_weekend(
    language: str, sentence: str, published: dt.date, expected: tuple[dt.date, dt.date]
) -> None:
    assert interval(only(sentence, language, published)) == expected


# --------------------------------------------------------------------------- seasons


@pytest.mark.parametrize(
    ("language", "sentence", "published", "phrase", "expected"),
    [
        ("de", "Im Sommer kamen die ersten Lieferungen.", TUE, "Im Sommer",
         (D(2024, 6, 1), D(2024, 8, 31))),
        ("de", "Im Frühjahr 2023 begann der Transport.", TUE, "Im Frühjahr 2023",
         (D(2023, 3, 1), D(2023, 5, 31))),
        ("de", "Im Herbst wurden Truppen verlegt.", TUE, "Im Herbst", (D(2024, 9, 1), TUE)),
        ("de", "Im Winter war es ruhiger.", TUE, "Im Winter", (D(2023, 12, 1), D(2024, 2, 29))),
        ("de", "Im vergangenen Winter war es ruhiger.", D(2025, 1, 20), "Im vergangenen Winter",
         (D(2023, 12, 1), D(2024, 2, 29))),
        ("de", "Diesen Winter ist es ruhiger.", D(2025, 1, 20), "Diesen Winter",
         (D(2024, 12, 1), D(2025, 1, 20))),
        ("en", "Last summer the first shipments came.", TUE, "Last summer",
         (D(2024, 6, 1), D(2024, 8, 31))),
        ("en", "Last summer the first shipments came.", D(2024, 7, 10), "Last summer",
         (D(2023, 6, 1), D(2023, 8, 31))),
        ("en", "In the spring troops were moved.", TUE, "In the spring",
         (D(2024, 3, 1), D(2024, 5, 31))),
        ("en", "Shipments started in summer 2023.", TUE, "in summer 2023",
         (D(2023, 6, 1), D(2023, 8, 31))),
    ],
)
def test_seasons(
    language: str, sentence: str, published: dt.date, phrase: str,
    expected: tuple[dt.date, dt.date],
) -> None:
    expression = only(sentence, language, published)
    assert expression.text == phrase
    assert interval(expression) == expected
    assert expression.kind == "season"


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Der Sommer war heiß."),
        ("de", "Die Sommeroffensive scheiterte."),
        ("de", "Winter 2023 war kalt."),
        ("en", "After the fall of the town, troops left."),
        ("en", "The spring offensive failed."),
    ],
)
def test_seasons_not_used_as_time(language: str, sentence: str) -> None:
    assert find_time_expressions(sentence, language, TUE) == []


def test_since_season() -> None:
    expression = only("Seit dem Frühjahr liefert das Land Granaten.", "de")
    assert (expression.text, expression.since) == ("Seit dem Frühjahr", D(2024, 3, 1))
    assert only("Since the autumn shells arrived.", "en").since == D(2024, 9, 1)


def test_this_winter_before_it_begins_is_future() -> None:
    assert only("This winter will be hard.", "en").kind == "future"


# --------------------------------------------------------------------------- future


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Nächste Woche sollen weitere Truppen folgen."),
        ("de", "Im kommenden Monat soll der Vertrag gelten."),
        ("de", "Übermorgen beginnt das Manöver."),
        ("de", "Im Jahr 2026 soll die Zahl steigen."),
        ("en", "Next week more troops will follow."),
        ("en", "In the coming months more troops will follow."),
        ("en", "From now on the border stays closed."),
        ("de", "Demnächst sollen mehr Soldaten kommen."),
        ("de", "In den kommenden Wochen sollen mehr Soldaten kommen."),
        ("en", "The deal takes effect next month."),
    ],
)
def test_future_references_have_no_dates(language: str, sentence: str) -> None:
    expression = only(sentence, language)
    assert expression.kind == "future"
    assert (expression.start_date, expression.end_date, expression.since) == (None, None, None)


def test_earlier_only_combines_with_this_period() -> None:
    expression = only("Earlier last week the talks failed.", "en")
    assert (expression.text, interval(expression)) == ("last week", PREVIOUS_WEEK)
