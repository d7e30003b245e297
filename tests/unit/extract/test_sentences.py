"""Sentence splitting: boundaries, abbreviations, German dates, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.extract.sentences import detect_language, sentence_at, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_splits_on_period_question_and_exclamation() -> None:
    assert texts("Die Lage ist ernst. Wer hilft? Niemand! Dann kam Hilfe.") == [
        "Die Lage ist ernst.", "Wer hilft?", "Niemand!", "Dann kam Hilfe.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Es kamen ca. 3.000 Soldaten an.",
        "Es gab z.B. Granaten und Raketen.",
        "Das steht in Nr. 5 des Berichts.",
        "Die Kosten lagen bei 2 Mio. Euro im Monat.",
        "Die Kosten lagen bei 2 Mrd. Euro im Jahr.",
        "Laut Dr. Weber ist das falsch.",
        "Soldaten bzw. Offiziere wurden verlegt.",
        "Am 4. November trafen die Truppen ein.",
        "The U.S. Army said so.",
        "Mr. Kirby spoke on Nov. 4 about it.",
        "Kim J. Un traf Putin.",
    ],
)
def test_abbreviations_ordinals_and_initials_do_not_split(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_a_number_at_the_end_of_a_sentence_still_splits() -> None:
    assert texts("Es waren 12. Danach kamen mehr.") == ["Es waren 12.", "Danach kamen mehr."]


def test_line_breaks_end_sentences_and_blank_lines_vanish() -> None:
    assert texts("Titel ohne Punkt\n\nErster Satz. Zweiter Satz\n") == [
        "Titel ohne Punkt", "Erster Satz.", "Zweiter Satz",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert texts("Er sagte: „Wir kommen.“ Dann ging er.") == [
        "Er sagte: „Wir kommen.“", "Dann ging er.",
    ]


def test_lower_case_after_period_does_not_split() -> None:
    assert texts("Es kamen 3.000 Soldaten. und weitere folgten.") == [
        "Es kamen 3.000 Soldaten. und weitere folgten."
    ]


def test_indices_and_offsets() -> None:
    text = "  Eins. Zwei.\nDrei?"
    sentences = split_sentences(text)
    assert [s.index for s in sentences] == [0, 1, 2]
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    assert sentence_at(sentences, text.index("Zwei")).text == "Zwei."
    assert sentence_at(sentences, 0) is None  # leading white space belongs to no sentence


@given(st.text(alphabet=st.sampled_from(list("ab A.!?\n„“ 1z")), max_size=80))
def test_offsets_always_match(text: str) -> None:
    sentences = split_sentences(text)
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


def test_detect_language() -> None:
    assert detect_language("Die Truppen sind in der Region und haben sich nicht bewegt.") == "de"
    assert detect_language("The troops were in the region and they had not moved.") == "en"
    assert detect_language("12345 67890") is None
