"""Claim assembly rules (issue 3), with example sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.core.errors import ExtractionError
from analysis.core.schema import CLAIM_COLUMNS, QUALIFIERS, UNITS
from analysis.corpus.catalog import Article
from analysis.extract.claims import extract_claims, extract_corpus_claims, find_claims

PUBLISHED = dt.date(2024, 11, 12)  # a Tuesday


def claims(text: str, language: str = "de", published: dt.date = PUBLISHED) -> list[dict]:
    rows = find_claims(text, language, published, "t")
    for row in rows:
        assert text[row["start"]:row["end"]] == row["quote"]
    return rows


def one(text: str, language: str = "de", published: dt.date = PUBLISHED) -> dict:
    rows = claims(text, language, published)
    assert len(rows) == 1, [r["quote"] for r in rows]
    return rows[0]


def article(text: str, language: str = "de", article_id: str = "t1") -> Article:
    return Article(id=article_id, file=f"{article_id}.txt", title="", outlet="", url="",
                   published=PUBLISHED, language=language, notes="", text=text)


# --- what is counted ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "quote", "unit", "counted"),
    [
        ("Dort stehen 10.000 nordkoreanische Truppen.", "de", "10.000 nordkoreanische Truppen",
         "troops", "Truppen"),
        ("Man zählte 3.000 gut ausgebildete Soldaten.", "de", "3.000 gut ausgebildete Soldaten",
         "soldiers", "Soldaten"),
        ("Pjöngjang lieferte 13.000 Container.", "de", "13.000 Container", "containers",
         "Container"),
        ("Es kamen 2 Millionen Artilleriegranaten an.", "de", "2 Millionen Artilleriegranaten",
         "shells", "Artilleriegranaten"),
        ("Man fand 50 ballistische Raketen.", "de", "50 ballistische Raketen", "missiles",
         "Raketen"),
        ("Es reisten 300 Offiziere an.", "de", "300 Offiziere", "other", "Offiziere"),
        ("Es gab 1.200 Verluste.", "de", "1.200 Verluste", "casualties", "Verluste"),
        ("Sie meldeten 400 Gefangene.", "de", "400 Gefangene", "captured", "Gefangene"),
        ("Russia received 3,000 North Korean soldiers.", "en", "3,000 North Korean soldiers",
         "soldiers", "soldiers"),
        ("About 12,000 troops arrived.", "en", "About 12,000 troops", "troops", "troops"),
        ("It shipped 8,000 containers.", "en", "8,000 containers", "containers", "containers"),
        ("They fired 5,000 artillery shells.", "en", "5,000 artillery shells", "shells", "shells"),
        ("It sent 100 missiles.", "en", "100 missiles", "missiles", "missiles"),
        ("There were 2,000 casualties.", "en", "2,000 casualties", "casualties", "casualties"),
        ("Some 500 engineers came too.", "en", "Some 500 engineers", "other", "engineers"),
    ],
)
def test_counted_noun_and_unit(text: str, language: str, quote: str, unit: str, counted: str):
    claim = one(text, language)
    assert (claim["quote"], claim["unit"], claim["counted_text"]) == (quote, unit, counted)


@pytest.mark.parametrize(
    ("text", "language", "unit"),
    [
        ("Dabei wurden 2.000 Soldaten getötet.", "de", "killed"),
        ("Es heißt, dass 2.000 nordkoreanische Soldaten bei Kursk getötet worden seien.", "de",
         "killed"),
        ("Über 4.000 verletzt, hieß es aus Kiew.", "de", "wounded"),
        ("Mehr als 300 Soldaten wurden verwundet.", "de", "wounded"),
        ("Rund 500 Soldaten sind gefallen oder verwundet worden.", "de", "casualties"),
        ("200 nordkoreanische Soldaten wurden gefangen genommen.", "de", "captured"),
        ("Man zählte 150 getötete Soldaten.", "de", "killed"),
        ("More than 4,000 were wounded in the fighting.", "en", "wounded"),
        ("Around 3,000 soldiers have been killed or wounded.", "en", "casualties"),
        ("Ukrainian forces killed 1,000 North Korean soldiers.", "en", "killed"),
        ("At least 200 soldiers were captured.", "en", "captured"),
        ("Up to 700 troops were injured.", "en", "wounded"),
        ("Losses exceeded 3,000 killed and wounded.", "en", "casualties"),
        ("Es gab über 900 Tote und Verletzte.", "de", "casualties"),
        ("There were 400 dead and wounded.", "en", "casualties"),
        ("Es gab 100 Tote.", "de", "killed"),
    ],
)
def test_what_happened_to_them_decides_the_unit(text: str, language: str, unit: str) -> None:
    assert one(text, language)["unit"] == unit


def test_outcome_does_not_change_containers() -> None:
    assert one("Es wurden 500 Container verloren.")["unit"] == "containers"


def test_outcome_in_the_next_clause_belongs_to_the_next_number() -> None:
    rows = claims("3.000 Soldaten kamen an, 200 Soldaten wurden getötet.")
    assert [r["unit"] for r in rows] == ["soldiers", "killed"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Die Truppen rückten 25 Meilen vor.", "de"),
        ("Das dauerte einen Monat.", "de"),
        ("Im Jahr 2023 begann es.", "de"),
        ("Seit August 2023 ist das so.", "de"),
        ("Zum ersten Mal ist ein Drittland beteiligt.", "de"),
        ("Am 4. November trafen Truppen ein.", "de"),
        ("Auf Seite 12 steht nichts über Soldaten.", "de"),
        ("Es kostete 30 Prozent mehr.", "de"),
        ("The troops advanced 25 miles in 2023.", "en"),
        ("It lasted a month and then 3 weeks more.", "en"),
        ("On Nov. 4 the troops arrived.", "en"),
        ("For the first time a third country joined.", "en"),
        ("There were 4,000 people at the rally.", "en"),
    ],
)
def test_numbers_without_a_counted_noun_are_not_claims(text: str, language: str) -> None:
    assert claims(text, language) == []


# --- bounds and qualifiers -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "value", "lower", "upper", "qualifier", "approx", "vague"),
    [
        ("Es sind bis zu 12.000 Soldaten.", "de", 12000, None, 12000, "up_to", False, False),
        ("Es sind mehr als 13.000 Container.", "de", 13000, 13000, None, "more_than", False,
         False),
        ("Es sind rund 50.000 Soldaten.", "de", 50000, None, None, "about", True, False),
        ("Es sind knapp 11.000 Soldaten.", "de", 11000, None, 11000, "nearly", True, False),
        ("Es sind zwischen 10.000 und 12.000 Soldaten.", "de", None, 10000, 12000, "range",
         False, False),
        ("Es sind Tausende Soldaten.", "de", None, 2000, None, "vague", False, True),
        ("Es sind Zehntausende Soldaten.", "de", None, 20000, None, "vague", False, True),
        ("Es sind zwölftausend Soldaten.", "de", 12000, None, None, None, False, False),
        ("Es sind 1,5 Millionen Granaten.", "de", 1_500_000, None, None, None, False, False),
        ("There are up to 12,000 troops.", "en", 12000, None, 12000, "up_to", False, False),
        ("There are at least 3,000 troops.", "en", 3000, 3000, None, "at_least", False, False),
        ("There are thousands of troops.", "en", None, 2000, None, "vague", False, True),
        ("There are between 10,000 and 12,000 troops.", "en", None, 10000, 12000, "range",
         False, False),
        ("There are roughly 9,000 troops.", "en", 9000, None, None, "about", True, False),
        ("There are twelve thousand troops.", "en", 12000, None, None, None, False, False),
    ],
)
def test_bounds_come_from_the_quantity(text, language, value, lower, upper, qualifier, approx,
                                       vague) -> None:
    claim = one(text, language)
    assert (claim["value"], claim["lower"], claim["upper"]) == (value, lower, upper)
    assert (claim["qualifier"], claim["approx"], claim["vague"]) == (qualifier, approx, vague)
    assert claim["quote"].split()[0] == text.split()[2]  # the qualifier is part of the quote


# --- actor -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "actor", "flags"),
    [
        ("Es sind 10.000 nordkoreanische Truppen.", "de", "PRK", []),
        ("Nordkoreas 10.000 Soldaten sind dort.", "de", "PRK", []),
        ("Es sind 10.000 Soldaten aus Nordkorea.", "de", "PRK", []),
        ("Es sind 5.000 Soldaten Nordkoreas.", "de", "PRK", []),
        ("Nordkorea hat 5.000 Soldaten nach Russland geschickt.", "de", "PRK",
         ["actor_inferred"]),
        ("Es sind 5.000 Soldaten.", "de", None, ["actor_unknown"]),
        ("There are 3,000 North Korean soldiers.", "en", "PRK", []),
        ("Pyongyang's 11,000 soldiers arrived.", "en", "PRK", []),
        ("There are 12,000 troops from North Korea.", "en", "PRK", []),
        ("Russia moved 7,000 soldiers to Kursk.", "en", "RUS", ["actor_inferred"]),
        ("Then 300 soldiers arrived.", "en", None, ["actor_unknown"]),
        ("In October, Pyongyang sent 10,000 troops to Russia.", "en", "PRK",
         ["actor_inferred"]),
        ("Nach britischen Schätzungen hat Russland 1.000 Soldaten verloren.", "de", "RUS",
         ["actor_inferred"]),
    ],
)
def test_actor(text: str, language: str, actor: str | None, flags: list[str]) -> None:
    claim = one(text, language)
    assert (claim["actor"], claim["flags"]) == (actor, flags)


def test_claimant_nationality_is_not_the_actor() -> None:
    claim = one("Mehr als 4.000 verletzt, teilte das ukrainische Militär mit.")
    assert claim["actor"] is None and claim["flags"] == ["actor_unknown"]
    assert claim["claimants"] == ["UKR"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Selenskyj sagte, dass seine Armee 40.000 Soldaten in Kursk festhält.", "de"),
        ("Die ukrainische Armee bindet laut Kiew rund 30.000 Soldaten in der Region Kursk.",
         "de"),
        ("Zelensky said his army was tying down 50,000 soldiers in Kursk.", "en"),
        ("Ukraine's forces are pinning down some 45,000 troops in the Kursk region.", "en"),
    ],
)
def test_hold_rule_gives_the_opponent(text: str, language: str) -> None:
    claim = one(text, language)
    assert claim["actor"] == "RUS" and "actor_inferred" in claim["flags"]


def test_hold_rule_with_unknown_owner_leaves_the_actor_unknown() -> None:
    claim = one("Die Armee hält 20.000 Soldaten fest, in Russland.")
    assert claim["actor"] != "RUS" or "actor_inferred" in claim["flags"]
    claim = one("Seine Armee hält 20.000 Soldaten in Russland fest.")
    assert claim["actor"] is None and claim["flags"] == ["actor_unknown"]


def test_actor_from_previous_sentence_when_referred_back() -> None:
    rows = claims("Nordkorea rüstet auf. Sie schickten 3.000 Soldaten.")
    assert rows[0]["actor"] == "PRK" and rows[0]["flags"] == ["actor_inferred"]


# --- location ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "location", "location_text"),
    [
        ("Es sind 10.000 Truppen in der russischen Region Kursk.", "de", "RU-KRS",
         "russischen Region Kursk"),
        ("Es sind 10.000 Truppen in Kursk.", "de", "RU-KRS", "Kursk"),
        ("Sie haben 13.000 Container nach Russland geschickt.", "de", "RUS", "Russland"),
        ("In der Ukraine kämpfen 12.000 Soldaten.", "de", "UKR", "Ukraine"),
        ("Bei Sudscha stehen 800 Soldaten.", "de", "Sudzha", "Sudscha"),
        ("Es sind 900 Soldaten im Gebiet Belgorod.", "de", "RU-BEL", "Gebiet Belgorod"),
        ("They sent 3,000 troops into the Kursk region.", "en", "RU-KRS", "Kursk region"),
        ("There are 2,000 troops in Sumy Oblast.", "en", "UA-59", "Sumy Oblast"),
        ("Some 500 soldiers are near Sudzha.", "en", "Sudzha", "Sudzha"),
        ("Russia received 1,000 missiles.", "en", None, None),
    ],
)
def test_location(text: str, language: str, location: str | None, location_text: str | None):
    claim = one(text, language)
    assert (claim["location"], claim["location_text"]) == (location, location_text)


def test_source_country_is_not_the_location() -> None:
    claim = one("Es sind 10.000 Soldaten aus Nordkorea in Russland.")
    assert (claim["actor"], claim["location"]) == ("PRK", "RUS")


def test_location_conflict_flags_the_odd_one_out() -> None:
    text = ("Es sind 10.000 nordkoreanische Truppen in Russland. "
            "Weitere 2.000 nordkoreanische Truppen sind in der Region Kursk. "
            "Bis zu 3.000 nordkoreanische Truppen sind in der Ukraine. "
            "Außerdem sind 5.000 russische Soldaten in der Ukraine.")
    rows = claims(text)
    flagged = [r["quote"] for r in rows if "location_conflict" in r["flags"]]
    assert flagged == ["Bis zu 3.000 nordkoreanische Truppen"]


def test_location_conflict_tie_flags_both() -> None:
    rows = claims("There are 1,000 North Korean troops in Russia. "
                  "There are 2,000 North Korean troops in Ukraine.", "en")
    assert all("location_conflict" in r["flags"] for r in rows) and len(rows) == 2


def test_no_conflict_for_containers_or_different_actors() -> None:
    rows = claims("Es sind 1.000 nordkoreanische Truppen in Russland. "
                  "Es kamen 500 nordkoreanische Container in die Ukraine. "
                  "Es sind 800 russische Soldaten in der Ukraine.")
    assert all("location_conflict" not in r["flags"] for r in rows) and len(rows) == 3


# --- claimants -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "codes", "claimant_text"),
    [
        ("Die USA bestätigten, dass 10.000 Soldaten in Kursk sind.", "de", {"USA"}, "USA"),
        ("10.000 Soldaten sind in Kursk, sagte das Pentagon.", "de", {"USA"}, "Pentagon"),
        ("Die Zahl von 10.000 Soldaten wurde vom Pentagon bestätigt.", "de", {"USA"},
         "Pentagon"),
        ("Nach Angaben des südkoreanischen Geheimdienstes sind 3.000 Soldaten dort.", "de",
         {"KOR"}, "südkoreanischen Geheimdienstes"),
        ("Südkorea, die USA und die Ukraine erklärten, dass 8.000 Soldaten in Kursk sind.",
         "de", {"KOR", "USA", "UKR"}, "Südkorea, die USA und die Ukraine"),
        ("Laut Selenskyj sind 4.000 Soldaten verwundet.", "de", {"UKR"}, "Selenskyj"),
        ("Rund 9.000 Soldaten sind Kiew zufolge dort.", "de", {"UKR"}, "Kiew"),
        ("NATO-Generalsekretär Mark Rutte sagte, 10.000 Soldaten seien in Kursk.", "de",
         {"NATO"}, "NATO-Generalsekretär Mark Rutte"),
        ("Es sind 5.000 Soldaten in Kursk.", "de", set(), None),
        ("According to South Korea's spy agency, 3,000 troops are in Russia.", "en", {"KOR"},
         "South Korea's spy agency"),
        ("Ukrainian President Volodymyr Zelensky said 50,000 troops were in Kursk.", "en",
         {"UKR"}, "Ukrainian President Volodymyr Zelensky"),
        ("About 10,000 troops are in Kursk, the Pentagon said on Monday.", "en", {"USA"},
         "Pentagon"),
        ("The figure of 12,000 troops was confirmed by Seoul and Washington.", "en",
         {"KOR", "USA"}, "Seoul and Washington"),
        ("US, South Korean and Ukrainian intelligence estimate that 11,000 troops are there.",
         "en", {"USA", "KOR", "UKR"}, "US, South Korean and Ukrainian intelligence"),
        ("There are 5,000 troops in Kursk.", "en", set(), None),
        ("Nach britischen Schätzungen hat Russland 1.000 Soldaten verloren.", "de", {"GBR"},
         "britischen Schätzungen"),
        ("Laut dem ukrainischen Militärgeheimdienstes HUR sind 3.000 Soldaten dort.", "de",
         {"UKR"}, "ukrainischen Militärgeheimdienstes HUR"),
    ],
)
def test_claimants(text: str, language: str, codes: set[str], claimant_text: str | None):
    claim = one(text, language)
    assert set(claim["claimants"]) == codes
    assert claim["claimant_text"] == claimant_text
    assert "claimant_inferred" not in claim["flags"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Selenskyj sprach am Abend. Er sagte, 300 Soldaten seien gefallen.", "de"),
        ("Das Pentagon äußerte sich. Demnach sind 2.000 Soldaten in Kursk.", "de"),
        ("The Pentagon briefed reporters. He said 2,000 troops were in Kursk.", "en"),
    ],
)
def test_claimant_inferred_from_the_previous_sentence(text: str, language: str) -> None:
    claim = one(text, language)
    assert claim["claimants"] and "claimant_inferred" in claim["flags"]


def test_no_claimant_inferred_without_continuation() -> None:
    claim = one("Das Pentagon äußerte sich. Es sind 2.000 Soldaten in Kursk.")
    assert claim["claimants"] == [] and "claimant_inferred" not in claim["flags"]


# --- dates, planned, increment -------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "start", "end", "as_of_text"),
    [
        ("Letzte Woche bestätigten die USA 10.000 Soldaten in Kursk.", "de",
         dt.date(2024, 11, 4), dt.date(2024, 11, 10), "Letzte Woche"),
        ("Selenskyj sagte am Montag, dass 5.000 Soldaten in Kursk sind.", "de",
         dt.date(2024, 11, 11), dt.date(2024, 11, 11), "am Montag"),
        ("Derzeit sind bis zu 12.000 Soldaten dort.", "de", PUBLISHED, PUBLISHED, "Derzeit"),
        ("Im Oktober kamen 3.000 Soldaten.", "de", dt.date(2024, 10, 1), dt.date(2024, 10, 31),
         "Im Oktober"),
        ("Die USA sagten letzte Woche, dass 8.000 Soldaten in Kursk sind – wo die Ukraine "
         "Anfang August angriff.", "de", dt.date(2024, 11, 4), dt.date(2024, 11, 10),
         "letzte Woche"),
        ("Last month 8,000 troops arrived.", "en", dt.date(2024, 10, 1), dt.date(2024, 10, 31),
         "Last month"),
        ("About 10,000 troops are in Kursk, the Pentagon said on Monday.", "en",
         dt.date(2024, 11, 11), dt.date(2024, 11, 11), "on Monday"),
        ("There are currently 11,000 troops in Kursk.", "en", PUBLISHED, PUBLISHED,
         "currently"),
        ("Anfang August waren 3.000 Soldaten dort.", "de", dt.date(2024, 8, 1),
         dt.date(2024, 8, 10), "Anfang August"),
        ("Ende August standen 2.000 Soldaten in Sudscha.", "de", dt.date(2024, 8, 21),
         dt.date(2024, 8, 31), "Ende August"),
        ("Gestern kamen 500 Soldaten an.", "de", dt.date(2024, 11, 11), dt.date(2024, 11, 11),
         "Gestern"),
        ("Am 4. November kamen 500 Soldaten an.", "de", dt.date(2024, 11, 4),
         dt.date(2024, 11, 4), "Am 4. November"),
        ("Vor zwei Wochen kamen 500 Soldaten an.", "de", dt.date(2024, 10, 28),
         dt.date(2024, 11, 3), "Vor zwei Wochen"),
        ("On Nov. 4, 500 troops arrived.", "en", dt.date(2024, 11, 4), dt.date(2024, 11, 4),
         "On Nov. 4"),
        ("Yesterday 500 troops arrived.", "en", dt.date(2024, 11, 11), dt.date(2024, 11, 11),
         "Yesterday"),
        ("In early August 3,000 troops crossed.", "en", dt.date(2024, 8, 1),
         dt.date(2024, 8, 10), "In early August"),
        ("In October, Pyongyang sent 10,000 troops, the Pentagon said last week.", "en",
         dt.date(2024, 10, 1), dt.date(2024, 10, 31), "In October"),
    ],
)
def test_as_of(text: str, language: str, start: dt.date, end: dt.date, as_of_text: str) -> None:
    claim = one(text, language)
    assert (claim["as_of_start"], claim["as_of_end"], claim["as_of_text"]) == (
        start, end, as_of_text)


def test_no_time_expression_means_null_as_of() -> None:
    claim = one("Es sind 5.000 Soldaten in Kursk.")
    assert claim["as_of_start"] is None and claim["as_of_end"] is None
    assert claim["as_of_text"] is None and claim["since"] is None


def test_since() -> None:
    claim = one("Letzten Monat hieß es, Nordkorea habe seit August 2023 mehr als 13.000 "
                "Container geliefert.")
    assert claim["since"] == dt.date(2023, 8, 1)
    assert claim["as_of_start"] == dt.date(2024, 10, 1)
    claim = one("Since August 2023 North Korea has sent 13,000 containers.", "en")
    assert claim["since"] == dt.date(2023, 8, 1) and claim["as_of_start"] is None


@pytest.mark.parametrize(
    ("text", "language", "planned", "increment"),
    [
        ("Nordkorea soll weitere 6.000 Soldaten schicken.", "de", True, True),
        ("Russland plant, 2.000 Soldaten zu verlegen.", "de", True, False),
        ("Es sind 2.000 Soldaten angekommen.", "de", False, False),
        ("North Korea plans to send another 3,000 troops.", "en", True, True),
        ("Pyongyang is expected to send 5,000 troops.", "en", True, False),
        ("Pyongyang sent 5,000 troops.", "en", False, False),
        ("Dort sollen 300 Soldaten getötet worden sein.", "de", False, False),
        ("Nordkorea sollen 500 Soldaten in Kursk sein.", "de", False, False),
        ("Some 8,000 troops are in Kursk and are expected to join combat.", "en", False, False),
    ],
)
def test_planned_and_increment(text: str, language: str, planned: bool, increment: bool):
    claim = one(text, language)
    assert (claim["planned"], claim["increment"]) == (planned, increment)


# --- table -------------------------------------------------------------------------------

def test_extract_claims_frame_columns_ids_and_types() -> None:
    text = "Es sind 10.000 Soldaten in Kursk. Letzte Woche kamen 2.000 Truppen an."
    frame = extract_claims(article(text))
    assert tuple(frame.columns) == CLAIM_COLUMNS
    assert list(frame["claim_id"]) == [f"t1:{text.index('10.000')}", f"t1:{text.index('2.000')}"]
    assert list(frame["sentence_index"]) == [0, 1]
    assert str(frame["as_of_start"].dtype).startswith("datetime64")
    assert frame["claimants"].map(type).eq(list).all()
    assert frame["approx"].dtype == bool
    assert math.isnan(frame["lower"].iloc[0])


def test_empty_article_gives_empty_frame_with_columns() -> None:
    frame = extract_claims(article("Hier steht keine Zahl."))
    assert tuple(frame.columns) == CLAIM_COLUMNS and len(frame) == 0
    full = extract_claims(article("Es sind 3.000 Soldaten."))
    assert (frame.dtypes == full.dtypes).all()


def test_corpus_claims_sorted_by_article_and_offset() -> None:
    frame = extract_corpus_claims([
        article("There are 5,000 troops.", "en", "b"),
        article("Es sind 1.000 Soldaten. Es sind 2.000 Soldaten.", "de", "a"),
    ])
    assert list(frame["article_id"]) == ["a", "a", "b"]
    assert list(frame["start"])[:2] == sorted(list(frame["start"])[:2])


def test_unknown_language_raises() -> None:
    with pytest.raises(ExtractionError, match="supported"):
        find_claims("Es sind 1.000 Soldaten.", "xx", PUBLISHED)


# --- properties ------------------------------------------------------------------------------

_pieces = st.sampled_from([
    "10.000", "1,5 Millionen", "bis zu", "mehr als", "rund", "Tausende", "zwischen", "und",
    "12,000", "up to", "thousands of", "between", "and", "Soldaten", "Truppen", "troops",
    "nordkoreanische", "North Korean", "in", "Kursk", "Russland", "Ukraine", "letzte Woche",
    "am Montag", "seit August 2023", "sagte", "said", "Pentagon", "Selenskyj", ".", ",", "–",
    "getötet", "killed", "2023", "4.", "November", "\n", "€", "%", "x",
])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_pieces, st.text(max_size=6)), max_size=30),
    st.sampled_from(["de", "en"]),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_property_never_raises_and_rows_are_consistent(parts, language, published) -> None:
    text = " ".join(parts)
    frame = extract_claims(Article(id="p", file="p.txt", title="", outlet="", url="",
                                   published=published, language=language, notes="", text=text))
    for row in frame.itertuples():
        assert text[row.start:row.end] == row.quote
        assert row.unit in UNITS
        assert row.qualifier in QUALIFIERS or not isinstance(row.qualifier, str)
        if row.lower == row.lower and row.value == row.value:
            assert row.lower <= row.value
        if row.upper == row.upper and row.value == row.value:
            assert row.value <= row.upper
        if row.lower == row.lower and row.upper == row.upper:
            assert row.lower <= row.upper
        if row.as_of_start == row.as_of_start and row.as_of_end == row.as_of_end:
            assert row.as_of_start <= row.as_of_end


# --- claimant edge cases: "according to", short forms --------------------------------------

@pytest.mark.parametrize(
    ("text", "language", "claimants", "location"),
    [
        ("According to the Pentagon, about 3,000 soldiers were sent to Russia last week.",
         "en", ["USA"], "RUS"),
        ("About 3,000 soldiers were sent to Russia, according to the United States.",
         "en", ["USA"], "RUS"),
        ("Laut dem Pentagon wurden rund 3.000 Soldaten nach Russland gebracht.",
         "de", ["USA"], "RUS"),
        ("Nach Angaben des Pentagons sind 4.000 Soldaten in der Region Kursk.",
         "de", ["USA"], "RU-KRS"),
    ],
)
def test_according_to_gives_the_claimant_not_a_location(
    text: str, language: str, claimants: list[str], location: str
) -> None:
    row = one(text, language)
    assert row["claimants"] == claimants
    assert row["location"] == location


def test_bare_kim_after_kim_jong_un_is_north_korea() -> None:
    text = ("Kim Jong Un empfing am Abend eine Delegation aus Moskau. "
            "Kim sagte, 3.000 Arbeiter seien bereits nach Russland gereist.")
    row = one(text)
    assert row["claimants"] == ["PRK"] and row["claimant_text"] == "Kim"
    english = ("Kim Jong Un hosted a delegation from Moscow. "
               "Kim said that 3,000 workers had already gone to Russia.")
    assert one(english, "en")["claimants"] == ["PRK"]


def test_bare_kim_as_actor_after_kim_jong_un() -> None:
    text = "Kim Jong Un inspected a factory. Later Kim sent 2,000 engineers to Russia."
    row = one(text, "en")
    assert row["actor"] == "PRK" and "actor_inferred" in row["flags"]


def test_putin_and_kim_state_a_figure_together() -> None:
    row = one("Putin und Kim erklärten, dass 5.000 Arbeiter nach Russland gehen.")
    assert row["claimants"] == ["RUS", "PRK"]
    assert one("Putin and Kim said 5,000 workers would go to Russia.", "en")["claimants"] == [
        "RUS", "PRK"]


def test_bare_kim_without_context_is_nobody() -> None:
    row = one("Kim sagte, 3.000 Arbeiter seien bereits nach Russland gereist.")
    assert row["claimants"] == []


def test_corpus_extraction_in_batches_equals_one_article_at_a_time() -> None:
    from analysis.extract import claims as claims_module

    sentences_de = [
        "Letzte Woche bestätigten die USA, dass 10.000 nordkoreanische Truppen in Kursk sind.",
        "Kim Jong Un schwieg. Kim sagte später, 2.000 Arbeiter seien in Russland.",
        "Laut dem Pentagon sind rund 3.000 Soldaten nach Russland gebracht worden.",
    ]
    sentences_en = [
        "According to the Pentagon, about 3,000 soldiers were sent to Russia last week.",
        "Seoul said on Monday that up to 12,000 North Korean troops were in the Kursk region.",
    ]
    articles = []
    for number in range(2 * claims_module.CORPUS_BATCH + 3):
        language = "de" if number % 3 else "en"
        pool = sentences_de if language == "de" else sentences_en
        text = " ".join(pool[(number + k) % len(pool)] for k in range(number % 4 + 1))
        articles.append(article(text, language, article_id=f"a{number:03d}"))
    together = extract_corpus_claims(list(reversed(articles)))
    one_by_one = pd.concat([extract_claims(a) for a in articles], ignore_index=True)
    assert len(together) > 2 * claims_module.CORPUS_BATCH
    assert together.map(repr).equals(one_by_one.map(repr))
