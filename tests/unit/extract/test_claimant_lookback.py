"""The look-back for an earlier speaker of the same class passes sentences that cannot name
one (analysis.extract.claimant_resolution.ArticleAttribution._silent) and gives what the
full search gives; corpus extraction collects cycles less often and restores the collector.
Example sentences written for these tests."""

from __future__ import annotations

import gc

import pytest

from analysis.extract import claimant_phrases
from analysis.extract.claimant_resolution import ArticleAttribution
from analysis.extract.claims import _fewer_collections, corpus_claim_rows
from tests.unit.extract.claim_cases import article, claims


@pytest.mark.parametrize(
    ("sentence", "language", "silent"),
    [
        ("Die Opposition verlangte am Abend eine Sitzung.", "de", True),
        ("Der Ausschuss vertagte die Beratung, sagte Paul Weber.", "de", True),
        ("The committee postponed the debate, said Paul Webber.", "en", True),
        ("Er sagte am Abend nichts dazu.", "de", False),  # a pronoun: a speaker further back
        ("Nach seiner Darstellung ist das offen.", "de", False),  # a possessive
        ("Demnach ist die Lage offen.", "de", False),  # a source adverb
        ("Das Ministerium schwieg am Abend.", "de", False),  # an institution
        ("Im Verteidigungsministerium wurde beraten.", "de", False),  # a class word
        ("Seoul äußerte sich nicht.", "de", False),  # a claimant
        ("They gave no details.", "en", False),
        ("The agency gave no details.", "en", False),
        ("The Pentagon gave no details.", "en", False),
    ],
)
def test_a_sentence_is_silent_only_without_any_name_or_pointer(
    sentence: str, language: str, silent: bool
) -> None:
    assert ArticleAttribution([sentence], language)._silent(0) is silent


LOOK_BACKS = [
    ("Der südkoreanische Geheimdienst teilte am Morgen mit, die Lage sei unklar.\n"
     "Die Opposition verlangte eine Sitzung, sagte Paul Weber.\n"
     "Der Ausschuss vertagte die Beratung.\n"
     "Laut dem Geheimdienst wurden 2.000 Soldaten verletzt.", "de"),
    ("Das ukrainische Verteidigungsministerium erklärte, die Front halte.\n"
     "Er sagte außerdem, es gebe Nachschub.\n"
     "Die Beobachter reisten ab, sagte Lea Brand.\n"
     "Ein Sprecher des Ministeriums sagte, 900 Soldaten seien gefallen.", "de"),
    ("South Korea's spy agency said on Monday that the situation was unclear.\n"
     "The committee postponed the debate, said Paul Webber.\n"
     "Observers left the region.\n"
     "According to the agency, 2,000 soldiers were wounded.", "en"),
    ("Ukraine's defence ministry said the front was holding.\n"
     "The committee postponed the debate.\n"
     "The ministry said 700 soldiers had been killed.", "en"),
]


@pytest.mark.parametrize(("text", "language"), LOOK_BACKS)
def test_passing_silent_sentences_finds_the_same_speaker(
    text: str, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = claims(text, language)
    monkeypatch.setattr(ArticleAttribution, "_silent", lambda self, index: False)
    assert claims(text, language) == fast
    assert fast and all(row["claimants"] for row in fast)


def test_the_hints_come_from_the_lexicon() -> None:
    named, pointers = claimant_phrases.speaker_hints("de")
    assert named.search("im Geheimdienst") and pointers.search("sie sagte")
    assert pointers.search("sieben") is None  # words, not parts of words


def test_corpus_extraction_collects_less_often_and_restores_the_collector() -> None:
    before = gc.get_threshold()
    with _fewer_collections():
        inside = gc.get_threshold()
        with _fewer_collections():
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == inside
    assert inside[0] >= 10_000 and inside[1:] == before[1:]
    assert gc.get_threshold() == before
    rows = corpus_claim_rows([article("Laut dem Pentagon sind 3.000 Soldaten dort.")])
    assert [row["claimants"] for row in rows] == [["USA"]]
    assert gc.get_threshold() == before


def test_a_collector_switched_off_stays_off() -> None:
    before = gc.get_threshold()
    try:
        gc.set_threshold(0)
        with _fewer_collections():
            assert gc.get_threshold()[0] == 0
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
