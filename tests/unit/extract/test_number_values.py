"""The value of one number as written: separators, scale words, word numbers
(analysis.extract.number_values). Example sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.unit.extract.number_cases import only

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
