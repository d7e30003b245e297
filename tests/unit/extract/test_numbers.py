"""Quantities, qualifiers, ranges and bounds (analysis.extract.numbers), German and English.

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
from analysis.corpus.text import read_article_text
from analysis.extract.numbers import find_quantities, parse_number
from tests.unit.extract.number_cases import only, texts

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
