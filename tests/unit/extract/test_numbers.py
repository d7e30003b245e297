"""Quantities, qualifiers and bounds (analysis.extract.numbers), German and English.

Every example sentence is written for these tests, except the seed article itself.
"""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core import paths
from analysis.core.errors import ExtractionError
from analysis.core.schema import QUALIFIERS
from analysis.corpus.catalog import read_article_text
from analysis.extract.numbers import Quantity, find_quantities, parse_number


def only(text: str, language: str) -> Quantity:
    found = find_quantities(text, language)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def texts(text: str, language: str) -> list[str]:
    return [q.text for q in find_quantities(text, language)]


# --- number formats ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "quote", "value"),
    [
        ("Man zählte 10.000 Soldaten an der Grenze.", "10.000", 10000),
        ("Es seien 10 000 Mann gewesen.", "10 000", 10000),
        ("Es seien 10\u202f000 Mann gewesen.", "10\u202f000", 10000),
        ("Es seien 10\u00a0000 Mann gewesen.", "10\u00a0000", 10000),
        ("Geliefert wurden 1.250.000 Granaten.", "1.250.000", 1250000),
        ("Geliefert wurden 1,5 Millionen Granaten.", "1,5 Millionen", 1500000),
        ("Geliefert wurden 1,5 Mio. Granaten.", "1,5 Mio.", 1500000),
        ("Die Hilfe umfasste 2 Mrd. Schuss Munition.", "2 Mrd.", 2e9),
        ("Es waren 3 Milliarden Schuss.", "3 Milliarden", 3e9),
        ("Zwölftausend Soldaten wurden verlegt.", "Zwölftausend", 12000),
        ("Die Einheit hatte zwölf Offiziere.", "zwölf", 12),
        ("Dort standen zehn Panzer.", "zehn", 10),
        ("Einhundert Arbeiter kamen an.", "Einhundert", 100),
        ("Es wurden zweihundertfünfzig Raketen gezählt.", "zweihundertfünfzig", 250),
        ("Genau dreiundzwanzig Generäle reisten mit.", "dreiundzwanzig", 23),
        ("Zwei Dutzend Offiziere nahmen teil.", "Zwei Dutzend", 24),
        ("Ein Dutzend Generäle war dabei.", "Ein Dutzend", 12),
        ("Eine Million Granaten seien geliefert worden.", "Eine Million", 1e6),
        ("Mit einer Million Schuss Munition", "einer Million", 1e6),
        ("Es sind zwei Millionen Granaten.", "zwei Millionen", 2e6),
        ("Im Jahr darauf kamen 1.234,5 Tonnen an.", "1.234,5", 1234.5),
        ("Die Einheit umfasst 10 Tausend Mann.", "10 Tausend", 10000),
        ("Es kamen zweieinhalb Millionen Granaten an.", "zweieinhalb Millionen", 2.5e6),
        ("Anderthalb Millionen Schuss wurden geliefert.", "Anderthalb Millionen", 1.5e6),
        ("Es ist von einer halben Million Granaten die Rede.", "einer halben Million", 5e5),
    ],
)
def test_german_number_formats(sentence: str, quote: str, value: float) -> None:
    quantity = only(sentence, "de")
    assert quantity.text == quote
    assert quantity.value == value
    assert quantity.qualifier is None and not quantity.approx and not quantity.vague
    assert quantity.lower is None and quantity.upper is None


@pytest.mark.parametrize(
    ("sentence", "quote", "value"),
    [
        ("Officials counted 10,000 soldiers at the border.", "10,000", 10000),
        ("They shipped 1,250,000 shells.", "1,250,000", 1250000),
        ("They shipped 1.5 million shells.", "1.5 million", 1500000),
        ("A budget of 2 billion rounds was planned.", "2 billion", 2e9),
        ("Twelve thousand troops were moved.", "Twelve thousand", 12000),
        ("The unit had twelve officers.", "twelve", 12),
        ("Two hundred and fifty workers arrived.", "Two hundred and fifty", 250),
        ("Twenty-five generals attended.", "Twenty-five", 25),
        ("A dozen generals attended.", "A dozen", 12),
        ("Two dozen officers attended.", "Two dozen", 24),
        ("A thousand soldiers crossed the river.", "A thousand", 1000),
        ("One hundred workers left.", "One hundred", 100),
        ("Reports mention 12k troops in the area.", "12k", 12000),
        ("There were 10 000 men.", "10 000", 10000),
        ("They fired 3 bn rounds.", "3 bn", 3e9),
        ("A hundred thousand shells were shipped.", "A hundred thousand", 1e5),
        ("Half a million rounds were shipped.", "Half a million", 5e5),
        ("One and a half million shells arrived.", "One and a half million", 1.5e6),
    ],
)
def test_english_number_formats(sentence: str, quote: str, value: float) -> None:
    quantity = only(sentence, "en")
    assert (quantity.text, quantity.value) == (quote, value)
    assert quantity.qualifier is None and not quantity.vague


def test_separator_that_is_foreign_to_the_language_groups_thousands() -> None:
    # European-formatted numbers in English text and English ones in German text.
    assert only("Around 10.000 troops were seen.", "en").value == 10000
    assert only("Es waren 10,000 Soldaten.", "de").value == 10000
    # ...unless it is the language's decimal mark before a scale word.
    assert only("They sent 1.500 million rounds.", "en").value == 1.5e6
    assert only("Es waren 1,500 Millionen Schuss.", "de").value == 1.5e6
    assert only("Es waren 1.500 Millionen Schuss.", "de").value == 1.5e9
    assert only("Es waren 1.5 Millionen Schuss.", "de").value == 1.5e6


# --- qualifiers -------------------------------------------------------------------------

def _lexicon_rows(language: str) -> list[dict[str, str]]:
    with (paths.LEXICON_DIR / language / "qualifiers.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_qualifier_in_the_lexicon_sets_the_bound_it_declares(language: str) -> None:
    rows = _lexicon_rows(language)
    assert rows
    template = "Es sind {} 3.000 Soldaten." if language == "de" else "There are {} 3,000 troops."
    for row in rows:
        quantity = only(template.format(row["phrase"]), language)
        assert quantity.text.startswith(row["phrase"]), row
        assert quantity.value == 3000
        assert quantity.qualifier == row["qualifier"] in QUALIFIERS
        assert quantity.approx is (row["approx"] == "true"), row
        assert quantity.lower == (3000 if row["sets"] == "lower" else None), row
        assert quantity.upper == (3000 if row["sets"] == "upper" else None), row


@pytest.mark.parametrize(
    ("sentence", "language", "quote", "qualifier", "lower", "upper", "approx"),
    [
        ("Derzeit sind bis zu 12.000 Soldaten im Einsatz.", "de", "bis zu 12.000", "up_to",
         None, 12000, False),
        ("Es dürften höchstens 700 Mann sein.", "de", "höchstens 700", "up_to", None, 700, False),
        ("Seoul meldet mehr als 13.000 Container.", "de", "mehr als 13.000", "more_than",
         13000, None, False),
        ("Über 4.000 wurden verletzt.", "de", "Über 4.000", "more_than", 4000, None, False),
        ("Mindestens 400 Soldaten fielen.", "de", "Mindestens 400", "at_least", 400, None,
         False),
        ("Knapp 3.000 Soldaten kamen an.", "de", "Knapp 3.000", "nearly", None, 3000, True),
        ("Fast fünfhundert Offiziere reisten.", "de", "Fast fünfhundert", "nearly", None, 500,
         True),
        ("Gut 3.000 Soldaten kamen an.", "de", "Gut 3.000", "more_than", 3000, None, True),
        ("Er sprach von rund 50.000 Soldaten.", "de", "rund 50.000", "about", None, None, True),
        ("Ca. 5.000 Mann sollen es sein.", "de", "Ca. 5.000", "about", None, None, True),
        ("Es sind schätzungsweise 8.000 Soldaten.", "de", "schätzungsweise 8.000", "about",
         None, None, True),
        ("Es könnten an die 2.000 Soldaten sein.", "de", "an die 2.000", "about", None, None,
         True),
        ("Up to 12,000 troops are deployed.", "en", "Up to 12,000", "up_to", None, 12000,
         False),
        ("As many as 800 soldiers died.", "en", "As many as 800", "up_to", None, 800, False),
        ("More than 13,000 containers were sent.", "en", "More than 13,000", "more_than", 13000,
         None, False),
        ("Over 4,000 were wounded.", "en", "Over 4,000", "more_than", 4000, None, False),
        ("Upwards of 900 officers trained there.", "en", "Upwards of 900", "more_than", 900,
         None, False),
        ("At least 400 soldiers were killed.", "en", "At least 400", "at_least", 400, None,
         False),
        ("Nearly 3,000 troops arrived.", "en", "Nearly 3,000", "nearly", None, 3000, True),
        ("Almost five hundred officers came.", "en", "Almost five hundred", "nearly", None, 500,
         True),
        ("Just under 3,000 troops arrived.", "en", "Just under 3,000", "nearly", None, 3000,
         True),
        ("Some 50,000 soldiers are tied down.", "en", "Some 50,000", "about", None, None, True),
        ("An estimated 12,000 troops are there.", "en", "An estimated 12,000", "about", None,
         None, True),
        ("Roughly 2,000 soldiers remain.", "en", "Roughly 2,000", "about", None, None, True),
        ("There are ~300 men.", "en", "~300", "about", None, None, True),
        ("Fewer than 50 soldiers returned.", "en", "Fewer than 50", "up_to", None, 50, False),
    ],
)
def test_qualifier_sentences(
    sentence: str,
    language: str,
    quote: str,
    qualifier: str,
    lower: float | None,
    upper: float | None,
    approx: bool,
) -> None:
    quantity = only(sentence, language)
    assert quantity.text == quote
    assert quantity.qualifier == qualifier
    assert (quantity.lower, quantity.upper, quantity.approx) == (lower, upper, approx)
    assert quantity.value is not None
    assert sentence[quantity.number_start : quantity.number_end] in quote


def test_stacked_qualifiers_keep_the_bound_and_the_approximation() -> None:
    quantity = only("Nach Schätzungen sind es schätzungsweise bis zu 12.000 Soldaten.", "de")
    assert quantity.text == "schätzungsweise bis zu 12.000"
    assert (quantity.qualifier, quantity.upper, quantity.approx) == ("up_to", 12000, True)
    # "nicht mehr als" is one phrase, not "mehr als" with a stray "nicht".
    quantity = only("Es waren nicht mehr als 60 Soldaten.", "de")
    assert (quantity.qualifier, quantity.upper, quantity.lower) == ("up_to", 60, None)


def test_qualifier_must_be_a_whole_word() -> None:
    # "gegenüber" ends in "über", "Stunde" ends in "und": neither qualifies the number.
    quantity = only("Das ist gegenüber 300 im Vorjahr viel.", "de")
    assert quantity.qualifier is None and quantity.text == "300"


# --- ranges -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "language", "quote", "lower", "upper", "approx"),
    [
        ("Zwischen 10.000 und 12.000 Soldaten wurden verlegt.", "de",
         "Zwischen 10.000 und 12.000", 10000, 12000, False),
        ("Es sollen 10.000 bis 12.000 Soldaten sein.", "de", "10.000 bis 12.000", 10000, 12000,
         False),
        ("Rund 10.000–12.000 Soldaten stehen bereit.", "de", "Rund 10.000–12.000", 10000, 12000,
         True),
        ("Es sind 10.000 - 12.000 Soldaten.", "de", "10.000 - 12.000", 10000, 12000, False),
        ("Es sind 300-400 Offiziere.", "de", "300-400", 300, 400, False),
        ("Von 1,5 bis 2 Millionen Granaten ist die Rede.", "de", "Von 1,5 bis 2 Millionen",
         1.5e6, 2e6, False),
        ("Zehn- bis zwölftausend Soldaten kamen an.", "de", "Zehn- bis zwölftausend", 10000,
         12000, False),
        ("Zwischen zehn und zwölf Generäle reisten mit.", "de", "Zwischen zehn und zwölf", 10,
         12, False),
        ("Between 10,000 and 12,000 troops were deployed.", "en",
         "Between 10,000 and 12,000", 10000, 12000, False),
        ("From 10,000 to 12,000 troops are expected.", "en", "From 10,000 to 12,000", 10000,
         12000, False),
        ("Some 10,000-12,000 troops are expected.", "en", "Some 10,000-12,000", 10000, 12000,
         True),
        ("They estimate 1.5 to 2 million shells.", "en", "1.5 to 2 million", 1.5e6, 2e6, False),
        ("Between five and ten thousand soldiers", "en", "Between five and ten thousand",
         5000, 10000, False),
    ],
)
def test_ranges(
    sentence: str, language: str, quote: str, lower: float, upper: float, approx: bool
) -> None:
    quantity = only(sentence, language)
    assert quantity.text == quote
    assert quantity.qualifier == "range"
    assert quantity.value is None
    assert (quantity.lower, quantity.upper, quantity.approx) == (lower, upper, approx)


def test_up_to_is_not_a_range() -> None:
    quantity = only("Es sind bis zu 12.000 Soldaten.", "de")
    assert (quantity.qualifier, quantity.value, quantity.lower) == ("up_to", 12000, None)
    found = find_quantities("Es sind 10.000 bis zu 12.000 Soldaten.", "de")
    assert [q.qualifier for q in found] == [None, "up_to"]


def test_and_without_between_joins_two_numbers_not_a_range() -> None:
    assert texts("Es kamen 10.000 und 12.000 Soldaten.", "de") == ["10.000", "12.000"]
    assert texts("They sent 10,000 and 12,000 troops.", "en") == ["10,000", "12,000"]
    # "von" only opens a range when "bis" follows.
    assert texts("Eine Armee von rund 10.000 Soldaten.", "de") == ["rund 10.000"]
    assert texts("Die Zahl stieg von 10.000 auf 12.000.", "de") == ["10.000", "12.000"]


def test_descending_pair_is_not_a_range() -> None:
    found = find_quantities("Es waren 12.000 bis 10.000 Soldaten.", "de")
    assert [q.value for q in found] == [12000, 10000]
    assert all(q.qualifier is None for q in found)


# --- vague quantities -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "language", "quote", "lower"),
    [
        ("Tausende nordkoreanische Soldaten sind dort.", "de", "Tausende", 2000),
        ("Es sind tausende Soldaten.", "de", "tausende", 2000),
        ("Es sind mehrere tausend Soldaten.", "de", "mehrere tausend", 2000),
        ("Es sind mehrere Tausend Soldaten.", "de", "mehrere Tausend", 2000),
        ("Es sind einige tausend Soldaten.", "de", "einige tausend", 2000),
        ("Hunderte Soldaten flohen.", "de", "Hunderte", 200),
        ("Zehntausende Menschen flohen.", "de", "Zehntausende", 20000),
        ("Hunderttausende Granaten kamen an.", "de", "Hunderttausende", 200000),
        ("Dutzende Offiziere wurden befördert.", "de", "Dutzende", 24),
        ("Millionen Granaten wurden geliefert.", "de", "Millionen", 2e6),
        ("Thousands of North Korean troops are there.", "en", "Thousands", 2000),
        ("Several thousand troops are there.", "en", "Several thousand", 2000),
        ("Hundreds of soldiers fled.", "en", "Hundreds", 200),
        ("Tens of thousands of soldiers fled.", "en", "Tens of thousands", 20000),
        ("Hundreds of thousands of shells arrived.", "en", "Hundreds of thousands", 200000),
        ("Dozens of officers were promoted.", "en", "Dozens", 24),
        ("A few hundred workers left.", "en", "A few hundred", 200),
        ("Abertausende Soldaten marschierten.", "de", "Abertausende", 2000),
        ("Einige hunderttausend Granaten fehlen.", "de", "Einige hunderttausend", 200000),
        ("Several hundred thousand shells are missing.", "en", "Several hundred thousand",
         200000),
        ("A couple of thousand troops stayed.", "en", "A couple of thousand", 2000),
    ],
)
def test_vague_quantities(sentence: str, language: str, quote: str, lower: float) -> None:
    quantity = only(sentence, language)
    assert quantity.text == quote
    assert quantity.vague and quantity.qualifier == "vague"
    assert (quantity.value, quantity.lower, quantity.upper) == (None, lower, None)


def test_a_plain_thousand_is_not_vague() -> None:
    quantity = only("Mehr als tausend Soldaten kamen.", "de")
    assert (quantity.value, quantity.lower, quantity.vague) == (1000, 1000, False)


# --- increments -------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "language", "quote", "value"),
    [
        ("Nordkorea schickte weitere 6.000 Soldaten.", "de", "weitere 6.000", 6000),
        ("Es kamen 3.000 weitere Arbeiter.", "de", "3.000", 3000),
        ("Pjöngjang plant zusätzliche 2.000 Soldaten.", "de", "zusätzliche 2.000", 2000),
        ("Nordkorea schickte weitere bis zu 6.000 Soldaten.", "de", "weitere bis zu 6.000",
         6000),
        ("North Korea sent another 3,000 troops.", "en", "another 3,000", 3000),
        ("North Korea sent 3,000 more troops.", "en", "3,000", 3000),
        ("An additional 2,000 soldiers arrived.", "en", "An additional 2,000", 2000),
        ("A further 1,500 workers arrived.", "en", "A further 1,500", 1500),
    ],
)
def test_increments(sentence: str, language: str, quote: str, value: float) -> None:
    quantity = only(sentence, language)
    assert (quantity.text, quantity.value, quantity.increment) == (quote, value, True)


def test_plain_numbers_are_not_increments() -> None:
    assert not only("Nordkorea schickte 6.000 Soldaten.", "de").increment
    # "more" only marks a batch right after the number ("3,000 more troops").
    assert not only("North Korea sent 3,000 troops more quickly.", "en").increment
    assert not only("Die 6.000 Soldaten kamen weitere Tage nicht.", "de").increment


# --- not quantities ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Nordkorea schickt seit August 2023 Waffen.", "de"),
        ("Seit 2022 tobt der Krieg.", "de"),
        ("Im Jahr 2023 begann die Lieferung.", "de"),
        ("Der Vertrag wurde Ende 2024 ratifiziert.", "de"),
        ("Die Lieferungen liefen von 2022 bis 2024.", "de"),
        ("Die Lieferungen liefen 2022-2024.", "de"),
        ("In den Jahren 2022 und 2023 kam es zu Lieferungen.", "de"),
        ("Ob 2023 oder 2024 spielt keine Rolle.", "de"),
        ("Am 4. November bestätigten die USA den Bericht.", "de"),
        ("Am 4.11. bestätigten die USA den Bericht.", "de"),
        ("Am 4.11.2024 bestätigten die USA den Bericht.", "de"),
        ("Es geschah am 4 November in Kursk.", "de"),
        ("Er sprach zum 2. Mal vor der Presse.", "de"),
        ("Die 3. Armee rückte vor.", "de"),
        ("Es kam zum ersten Mal ein Drittland hinzu.", "de"),
        ("Die Sitzung begann um 14:30 Uhr.", "de"),
        ("Die Sitzung begann um 14 Uhr.", "de"),
        ("Die Zustimmung lag bei 30 Prozent.", "de"),
        ("Die Zustimmung lag bei 30 %.", "de"),
        ("Sie lag zwischen 10 und 20 Prozent.", "de"),
        ("Der Pakt verweist auf Artikel 4 der Charta.", "de"),
        ("Siehe Seite 12 des Berichts.", "de"),
        ("Die Hilfe beträgt 500 Millionen Euro.", "de"),
        ("Die F-16 und die Su-34 und KN-23-Raketen", "de"),
        ("In den 1990er Jahren war das anders.", "de"),
        ("Ein Soldat und ein Offizier sprachen.", "de"),
        ("Er blieb einen halben Monat.", "de"),
        ("Das war einer der Gründe.", "de"),
        ("Der Verein und der Bund stimmten zu.", "de"),
        ("North Korea has sent weapons since August 2023.", "en"),
        ("Since 2022 the war has raged.", "en"),
        ("In 2023 the deliveries began.", "en"),
        ("On November 4, 2024 the US confirmed it.", "en"),
        ("On Nov. 4 the US confirmed it.", "en"),
        ("It was the 4th of July.", "en"),
        ("For the first time a third country is involved.", "en"),
        ("The meeting began at 10 a.m. sharp.", "en"),
        ("Support stood at 30 percent.", "en"),
        ("Support stood at 5%.", "en"),
        ("The aid is worth $500 million.", "en"),
        ("See page 12 of the report.", "en"),
        ("One of the soldiers spoke.", "en"),
        ("Half a day later they left.", "en"),
        ("It happened in the 1990s.", "en"),
        ("The ratification was completed by 2025.", "en"),
        ("Deliveries in 2022 and 2023 were large.", "en"),
        ("The attacks came on January 7 and 8.", "en"),
        ("The 47th brigade and the T-72B3 tanks and the S-400 systems", "en"),
        ("Die Soldaten der 47. Brigade kämpfen dort.", "de"),
        ("Die Granaten vom Typ 2S19 und Hwasong-18 Raketen", "de"),
    ],
)
def test_not_quantities(sentence: str, language: str) -> None:
    assert find_quantities(sentence, language) == []


def test_numbers_next_to_dates_are_still_found() -> None:
    sentence = "Seit August 2023 hat Nordkorea mehr als 13.000 Container geschickt."
    assert texts(sentence, "de") == ["mehr als 13.000"]
    sentence = "Letzte Woche, am 4. November, waren es 10.000 Soldaten."
    assert texts(sentence, "de") == ["10.000"]
    assert texts("On Nov. 4, some 10,000 troops were there.", "en") == ["some 10,000"]


def test_number_at_sentence_end_is_not_an_ordinal() -> None:
    assert texts("Es waren 500. Dann kamen mehr.", "de") == ["500"]
    assert texts("Im Jahr 2023 waren es 1500. Dann mehr.", "de") == ["1500"]


def test_a_year_sized_count_with_a_noun_is_a_count() -> None:
    assert texts("Dort kämpfen 2000 Soldaten.", "de") == ["2000"]
    assert texts("Mehr als 2000 Soldaten kämpfen.", "de") == ["Mehr als 2000"]


# --- spans, offsets, the seed -----------------------------------------------------------

def test_numbers_in_quotes_brackets_and_after_line_breaks() -> None:
    text = "Es hieß: „rund 10.000 Soldaten“ (bis zu 12.000)\nzwölftausend Arbeiter"
    assert texts(text, "de") == ["rund 10.000", "bis zu 12.000", "zwölftausend"]
    text = 'He said "some 10,000 troops" (up to 12,000)\nTwelve thousand workers'
    assert texts(text, "en") == ["some 10,000", "up to 12,000", "Twelve thousand"]


def test_vague_quantity_can_be_an_increment_but_keeps_no_qualifier() -> None:
    quantity = only("Es kamen weitere Tausende Soldaten.", "de")
    assert (quantity.text, quantity.increment, quantity.lower) == ("weitere Tausende", True, 2000)
    quantity = only("Es kamen mehr als Tausende Soldaten.", "de")
    assert (quantity.text, quantity.qualifier, quantity.approx) == ("Tausende", "vague", False)


def test_offsets_refer_to_the_given_text() -> None:
    text = "Vorher.\nLetzte Woche waren es rund 10.000 Soldaten, dann bis zu 12.000."
    for quantity in find_quantities(text, "de"):
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.start <= quantity.number_start < quantity.number_end <= quantity.end
    first, second = find_quantities(text, "de")
    assert text[first.number_start : first.number_end] == "10.000"
    assert text[second.number_start : second.number_end] == "12.000"


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Rund 10.000 Soldaten, zweieinhalb Millionen Granaten und Tausende Arbeiter.", "de"),
        ("Zwischen zehn und zwölf Generäle, weitere 6.000 Soldaten seit 2023.", "de"),
        ("Up to 12,000 troops, half a million shells and thousands of workers.", "en"),
    ],
)
def test_text_whose_lower_case_is_longer_gives_the_same_quantities(
    sentence: str, language: str
) -> None:
    # "İ" lower-cases to two characters; the extractor then takes its slower exact path.
    plain = find_quantities("X: " + sentence, language)
    dotted = find_quantities("İ: " + sentence, language)
    assert plain and dotted == plain


def test_seed_article_quantities() -> None:
    text = read_article_text(paths.SEEDS_DIR / "000_01afb6bfc0e7695c.txt")
    found = [
        (q.text, q.value, q.lower, q.upper, q.qualifier, q.approx, q.vague)
        for q in find_quantities(text, "de")
    ]
    assert found == [
        ("Tausende", None, 2000, None, "vague", False, True),
        ("10.000", 10000, None, None, None, False, False),
        ("rund 50.000", 50000, None, None, "about", True, False),
        ("bis zu 12.000", 12000, None, 12000, "up_to", False, False),
        ("mehr als 13.000", 13000, 13000, None, "more_than", False, False),
    ]


# --- parse_number -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("token", "language", "value"),
    [
        ("10.000", "de", 10000),
        ("1,5 Millionen", "de", 1.5e6),
        ("1,5 Mio.", "de", 1.5e6),
        ("zwölftausend", "de", 12000),
        ("eine Million", "de", 1e6),
        ("10,000", "en", 10000),
        ("1.5 million", "en", 1.5e6),
        ("twelve thousand", "en", 12000),
        ("a dozen", "en", 12),
        ("12k", "en", 12000),
        ("  42  ", "en", 42),
    ],
)
def test_parse_number(token: str, language: str, value: float) -> None:
    assert parse_number(token, language) == value


@pytest.mark.parametrize(
    "token", ["", "Tausende", "ein", "one", "10.000 Soldaten", "4.11.2024", "zehn bis zwölf"]
)
def test_parse_number_rejects_non_numbers(token: str) -> None:
    language = "en" if token == "one" else "de"
    assert parse_number(token, language) is None


def test_unknown_language_is_a_user_error() -> None:
    with pytest.raises(ExtractionError, match="xx"):
        find_quantities("10.000", "xx")
    with pytest.raises(ExtractionError):
        parse_number("10", "fr")
    with pytest.raises(ExtractionError, match="no number lexicon"):
        find_quantities("10.000", "../de")  # a language code, never a path


# --- properties -------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "10.000", "1,5", "12 000", "2023", "4.", " ", "  ", "\n", "-", "–", "~", ",", ".", "%",
        "bis zu ", "mehr als ", "zwischen ", " und ", " bis ", "rund ", "Tausende ", "tausend",
        "Millionen", "Mio.", "zwei", "zwölf", "ein ", "eine ", "Dutzend", "weitere ", "Soldaten",
        "up to ", "between ", " and ", " to ", "some ", "thousands of ", "a ", "dozen", "k",
        "million", "twenty", "-five", "hundred", "another ", "more ", "August ", "İ", "ẞ", "$",
        "Uhr", "percent", "zum ", "Nov. ", "9", "0", "99", "1.234,5", "seit ",
    ]
)
_TEXTS = st.one_of(st.text(max_size=80), st.lists(_PIECES, max_size=25).map("".join))


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, language=st.sampled_from(["de", "en"]))
def test_arbitrary_text_never_raises_and_keeps_invariants(text: str, language: str) -> None:
    found = find_quantities(text, language)
    previous_end = 0
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.text
        assert quantity.start >= previous_end
        previous_end = quantity.end
        assert quantity.start <= quantity.number_start < quantity.number_end <= quantity.end
        assert quantity.qualifier is None or quantity.qualifier in QUALIFIERS
        if quantity.value is not None:
            assert quantity.lower is None or quantity.lower <= quantity.value
            assert quantity.upper is None or quantity.value <= quantity.upper
        if quantity.lower is not None and quantity.upper is not None:
            assert quantity.lower <= quantity.upper
        assert quantity.vague == (quantity.qualifier == "vague")
        if quantity.qualifier == "range" or quantity.vague:
            assert quantity.value is None
        else:
            assert quantity.value is not None
    parse_number(text, language)


# --- lexicon errors ---------------------------------------------------------------------

@pytest.fixture
def lexicon_copy(tmp_path, monkeypatch):
    """A writable copy of data/lexicon; the grammar cache is cleared around the test."""
    import shutil

    from analysis.extract import numbers

    copy = tmp_path / "lexicon"
    for language in ("de", "en"):
        (copy / language).mkdir(parents=True)
        for name in ("qualifiers.csv", "number_words.csv"):
            shutil.copy(paths.LEXICON_DIR / language / name, copy / language / name)
    monkeypatch.setattr(paths, "LEXICON_DIR", copy)
    numbers._grammar.cache_clear()
    yield copy
    numbers._grammar.cache_clear()


def test_a_new_qualifier_is_a_data_change(lexicon_copy) -> None:
    with (lexicon_copy / "de" / "qualifiers.csv").open("a", encoding="utf-8") as handle:
        handle.write("grob geschätzt,about,true,none\n")
    quantity = only("Es sind grob geschätzt 4.000 Soldaten.", "de")
    assert (quantity.text, quantity.qualifier, quantity.approx) == (
        "grob geschätzt 4.000", "about", True,
    )


def test_bad_qualifier_row_names_the_file_and_value(lexicon_copy) -> None:
    with (lexicon_copy / "en" / "qualifiers.csv").open("a", encoding="utf-8") as handle:
        handle.write("give or take,roughly,true,none\n")
    with pytest.raises(ExtractionError, match=r"qualifiers\.csv.*'roughly'"):
        find_quantities("give or take 5 troops", "en")


def test_missing_lexicon_file_is_a_user_error(lexicon_copy) -> None:
    (lexicon_copy / "de" / "number_words.csv").unlink()
    with pytest.raises(ExtractionError, match=r"number_words\.csv is missing"):
        find_quantities("10.000 Soldaten", "de")


def test_a_new_language_is_a_data_change(lexicon_copy) -> None:
    spanish = lexicon_copy / "es"
    spanish.mkdir()
    (spanish / "qualifiers.csv").write_text(
        "phrase,qualifier,approx,sets\nmás de,more_than,false,lower\nhasta,up_to,false,upper\n",
        encoding="utf-8",
    )
    (spanish / "number_words.csv").write_text(
        "phrase,kind,value\n"
        'decimal_mark,setting,","\ncompound_words,setting,false\n'
        "mil,scale,1000\nmillones,scale,1000000\n"
        "doce,word_part,\ndiez,word_part,\nmil,word_part,\n"
        "miles,vague,2000\nentre,range_open,\ny,range_join_paired,\n",
        encoding="utf-8",
    )
    sentence = "Hay más de 10.000 soldados, hasta doce mil, entre 1,5 y 2 millones, miles."
    found = [(q.text, q.value, q.lower, q.upper, q.qualifier) for q in find_quantities(
        sentence, "es"
    )]
    assert found == [
        ("más de 10.000", 10000, 10000, None, "more_than"),
        ("hasta doce mil", 12000, None, 12000, "up_to"),
        ("entre 1,5 y 2 millones", None, 1.5e6, 2e6, "range"),
        ("miles", None, 2000, None, "vague"),
    ]


def test_lexicon_without_settings_is_a_user_error(lexicon_copy) -> None:
    path = lexicon_copy / "en" / "number_words.csv"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines()
            if ",setting," not in line]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="decimal_mark"):
        find_quantities("10,000 troops", "en")
