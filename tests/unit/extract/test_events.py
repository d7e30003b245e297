"""Event extraction (analysis.extract.events): the seed's events, own sentences in German
and English."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.core.errors import ExtractionError
from analysis.core.schema import EVENT_COLUMNS
from analysis.corpus.catalog import Article, load_corpus
from analysis.extract.events import extract_corpus_events, extract_events
from analysis.lexicon.event_types import event_types
from tests.unit.extract.event_cases import PUBLISHED, SEED_ID, article, day, events_of, only_event

# ------------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_events() -> pd.DataFrame:
    seed = next(a for a in load_corpus() if a.id == SEED_ID)
    return extract_events(seed)


def find(events: pd.DataFrame, event_type: str, actor: str) -> dict:
    rows = events[(events["event_type"] == event_type)
                  & events["actors"].map(lambda codes: actor in codes)]
    assert len(rows) == 1, events[["event_type", "actors", "quote"]].to_string()
    return rows.iloc[0].to_dict()


def test_seed_north_korea_ratified_on_tuesday(seed_events):
    event = find(seed_events, "treaty_ratified", "PRK")
    assert event["actors"] == ["PRK"]
    assert (event["date_start"], event["date_end"]) == (day("2024-11-12"), day("2024-11-12"))
    assert event["date_text"] == "am Dienstag"


def test_seed_russia_ratified_last_week(seed_events):
    event = find(seed_events, "treaty_ratified", "RUS")
    assert event["actors"] == ["RUS"]
    assert (event["date_start"], event["date_end"]) == (day("2024-11-04"), day("2024-11-10"))
    assert event["date_text"] == "letzte Woche"


def test_seed_treaty_signed_by_putin_and_kim_has_no_date(seed_events):
    event = find(seed_events, "treaty_signed", "RUS")
    assert set(event["actors"]) == {"RUS", "PRK"}
    assert pd.isna(event["date_start"]) and pd.isna(event["date_end"])
    assert "unterzeichnet" in event["quote"]


def test_seed_incursion_into_kursk_early_august(seed_events):
    event = find(seed_events, "incursion_launched", "UKR")
    assert event["location"] == "RU-KRS"
    assert (event["date_start"], event["date_end"]) == (day("2024-08-01"), day("2024-08-10"))
    assert event["date_text"] == "Anfang August"
    assert "location_inherited" in event["flags"]


def test_seed_us_confirmation_of_troops_in_kursk(seed_events):
    event = find(seed_events, "deployment_confirmed", "USA")
    assert event["actors"] == ["USA", "PRK"]
    assert event["location"] == "RU-KRS"
    assert (event["date_start"], event["date_end"]) == (day("2024-11-04"), day("2024-11-10"))


def test_seed_zelensky_statement_on_monday(seed_events):
    statements = seed_events[seed_events["event_type"] == "statement"]
    dated = statements[statements["date_start"].notna()]
    assert len(dated) == 1
    event = dated.iloc[0]
    assert event["actors"] == ["UKR"]
    assert event["date_start"] == event["date_end"] == day("2024-11-11")
    assert "Selenskyj" in event["quote"]


def test_seed_south_korean_report_on_shipments(seed_events):
    event = find(seed_events, "shipment_reported", "KOR")
    assert event["actors"] == ["KOR", "PRK"]
    assert event["location"] == "RUS"
    # The report's date (October), not the start of the count ("seit August 2023").
    assert (event["date_start"], event["date_end"]) == (day("2024-10-01"), day("2024-10-31"))
    assert event["date_text"] == "Letzten Monat"
    assert "seit August 2023" in event["quote"]


def test_seed_speculative_mention_of_ratification_is_not_a_new_event(seed_events):
    ratified = seed_events[seed_events["event_type"] == "treaty_ratified"]
    assert len(ratified) == 2


def test_seed_entry_into_force_is_expected_not_dated(seed_events):
    event = seed_events[seed_events["event_type"] == "treaty_in_force"].iloc[0]
    assert "expected" in event["flags"]
    assert pd.isna(event["date_start"])


def test_seed_provenance(seed_events):
    seed = next(a for a in load_corpus() if a.id == SEED_ID)
    assert tuple(seed_events.columns) == EVENT_COLUMNS
    for event in seed_events.to_dict("records"):
        assert seed.text[event["start"]:event["end"]] == event["quote"]
        assert event["event_id"] == f"{SEED_ID}:{event['start']}"
        assert event["quote"] in event["sentence"]
        assert event["event_type"] in event_types()
    assert seed_events["event_id"].is_unique


# ------------------------------------------------------------------- own sentences, German


@pytest.mark.parametrize(
    ("text", "event_type", "actors", "dates"),
    [
        ("Russlands Parlament hat den Vertrag am Mittwoch ratifiziert.",
         "treaty_ratified", ["RUS"], ("2024-11-06", "2024-11-06")),
        ("Das Abkommen wurde gestern von Nordkorea ratifiziert.",
         "treaty_ratified", ["PRK"], ("2024-11-11", "2024-11-11")),
        ("Die Ukraine startete Anfang August eine Offensive in die Region Kursk.",
         "incursion_launched", ["UKR"], ("2024-08-01", "2024-08-10")),
        ("Mitte August drangen ukrainische Einheiten in die Region Belgorod ein.",
         "incursion_launched", ["UKR"], ("2024-08-11", "2024-08-20")),
        ("Das Pentagon bestätigte am Montag, dass nordkoreanische Soldaten in der Region Kursk "
         "stationiert sind.", "deployment_confirmed", ["USA", "PRK"],
         ("2024-11-11", "2024-11-11")),
        ("Nach Angaben Kiews wurden in der vergangenen Woche 500 nordkoreanische Soldaten "
         "getötet oder verwundet.", "casualty_report", ["UKR", "PRK"],
         ("2024-11-04", "2024-11-10")),
        ("Südkoreas Geheimdienst meldete gestern, dass Nordkorea Granaten an Russland "
         "geliefert habe.", "shipment_reported", ["KOR", "PRK"], ("2024-11-11", "2024-11-11")),
        ("Der Kreml teilte am Montag mit, dass der Vertrag in Kraft getreten sei.",
         "treaty_in_force", ["RUS"], ("2024-11-11", "2024-11-11")),
        ("Selenskyj sagte im Oktober, die Lage an der Front sei schwierig.",
         "statement", ["UKR"], ("2024-10-01", "2024-10-31")),
        ("Putin und Kim Jong Un unterzeichneten den Pakt im Juni.",
         "treaty_signed", ["RUS", "PRK"], ("2024-06-01", "2024-06-30")),
    ],
)
def test_german_sentences(text, event_type, actors, dates):
    event = only_event(text, "de")
    assert event["event_type"] == event_type
    assert event["actors"] == actors
    assert (event["date_start"], event["date_end"]) == (day(dates[0]), day(dates[1]))
    assert event["language"] == "de"


def test_german_two_events_in_one_sentence_take_their_own_dates():
    frame = events_of(
        "Putin und Kim Jong Un unterzeichneten den Vertrag im Juni, Russland ratifizierte "
        "ihn letzte Woche.", "de")
    by_type = {row["event_type"]: row for row in frame.to_dict("records")}
    assert set(by_type) == {"treaty_signed", "treaty_ratified"}
    assert by_type["treaty_signed"]["date_start"] == day("2024-06-01")
    assert by_type["treaty_ratified"]["date_start"] == day("2024-11-04")
    assert by_type["treaty_ratified"]["actors"] == ["RUS"]


def test_german_date_of_another_clause_is_not_borrowed():
    frame = events_of(
        "Moskau hat den Vertrag am Montag ratifiziert, nachdem Putin ihn unterschrieben hatte.",
        "de")
    signed = frame[frame["event_type"] == "treaty_signed"].iloc[0]
    assert pd.isna(signed["date_start"])
    ratified = frame[frame["event_type"] == "treaty_ratified"].iloc[0]
    assert ratified["date_start"] == day("2024-11-11")


def test_german_future_entry_into_force_is_expected():
    event = only_event("Der Vertrag soll nächste Woche in Kraft treten.", "de")
    assert event["event_type"] == "treaty_in_force"
    assert "expected" in event["flags"]
    assert pd.isna(event["date_start"])  # a future date is not when it happened


@pytest.mark.parametrize(
    "text",
    [
        "Das Wetter war am Montag schön.",
        "Die Entscheidung ist gefallen, sagen Beobachter nicht.",  # "gefallen" needs soldiers
        "Der Container stand im Hafen.",
    ],
)
def test_german_sentences_without_events(text):
    frame = events_of(text, "de")
    assert frame[frame["event_type"] != "statement"].empty


# ------------------------------------------------------------------ own sentences, English


@pytest.mark.parametrize(
    ("text", "event_type", "actors", "location", "dates"),
    [
        ("North Korea's parliament ratified the defence pact with Moscow on Tuesday.",
         "treaty_ratified", ["PRK"], None, ("2024-11-12", "2024-11-12")),
        ("Ukraine launched a surprise incursion into Russia's Kursk region in early August.",
         "incursion_launched", ["UKR"], "RU-KRS", ("2024-08-01", "2024-08-10")),
        ("Last week the Pentagon confirmed that 10,000 North Korean troops were in the Kursk "
         "region.", "deployment_confirmed", ["USA", "PRK"], "RU-KRS",
         ("2024-11-04", "2024-11-10")),
        ("Zelensky said in his nightly address on Monday that the front was holding.",
         "statement", ["UKR"], None, ("2024-11-11", "2024-11-11")),
        ("Seoul said last month that Pyongyang had sent artillery shells to Russia.",
         "shipment_reported", ["KOR", "PRK"], "RUS", ("2024-10-01", "2024-10-31")),
        ("Ukraine's military intelligence reported on Monday that 200 North Korean soldiers "
         "were killed in the Kursk region.", "casualty_report", ["UKR", "PRK"], "RU-KRS",
         ("2024-11-11", "2024-11-11")),
        ("The treaty came into force yesterday, the Kremlin said.",
         "treaty_in_force", ["RUS"], None, ("2024-11-11", "2024-11-11")),
    ],
)
def test_english_sentences(text, event_type, actors, location, dates):
    event = only_event(text, "en")
    assert event["event_type"] == event_type
    assert event["actors"] == actors
    assert (event["location"] if isinstance(event["location"], str) else None) == location
    assert (event["date_start"], event["date_end"]) == (day(dates[0]), day(dates[1]))


def test_english_condition_clause_is_expected():
    frame = events_of(
        "The treaty will enter into force once both sides exchange the instruments of "
        "ratification.", "en")
    assert (frame["flags"].map(lambda f: "expected" in f)).all()
    assert frame["date_start"].isna().all()


def test_repeated_undated_mention_is_dropped_but_a_new_one_is_kept():
    frame = events_of(
        "North Korea ratified the treaty on Tuesday. Observers said the ratification was a "
        "signal. Belarus also ratified a treaty.", "en")
    ratified = frame[frame["event_type"] == "treaty_ratified"]
    assert [r for r in ratified["actors"]] == [["PRK"], ["BLR"]]


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ExtractionError, match="xx"):
        events_of("Irgendein Text.", "xx")


def test_corpus_events_concatenate_in_order():
    first = article("Nordkorea ratifizierte am Dienstag den Vertrag.", "de")
    second = Article(id="t2", file="t2.txt", title="", outlet="", url="", published=PUBLISHED,
                     language="en", notes="", text="Russia ratified the pact last week.")
    frame = extract_corpus_events([first, second])
    assert list(frame["article_id"]) == ["t1", "t2"]
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert extract_corpus_events([]).empty


_WORDS = st.sampled_from([
    "ratifizierte", "Nordkorea", "Russland", "am", "Montag", "letzte", "Woche", "bestätigte",
    "Truppen", "in", "Kursk", ",", "nachdem", "–", "unterzeichnet", "Anfang", "August",
    "ratified", "signed", "confirmed", "troops", "last", "week", "after", "where", "Ukraine",
    "said", "Container", "geliefert", "nach", "12.000", "getötet", "Soldaten", ".", "\n",
])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(_WORDS, max_size=40), language=st.sampled_from(["de", "en"]))
def test_property_never_raises_and_keeps_offsets(words, language):
    text = " ".join(words)
    frame = events_of(text, language)
    assert tuple(frame.columns) == EVENT_COLUMNS
    assert frame["event_id"].is_unique
    for event in frame.to_dict("records"):
        assert text[event["start"]:event["end"]] == event["quote"]
        if not pd.isna(event["date_start"]):
            assert event["date_start"] <= event["date_end"]
