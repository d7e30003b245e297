"""Whose forces a claim counts (analysis.extract.claim_actors); example sentences written
for these tests."""

from __future__ import annotations

import pytest

from tests.unit.extract.claim_cases import claims, one

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


def test_bare_kim_as_actor_after_kim_jong_un() -> None:
    text = "Kim Jong Un inspected a factory. Later Kim sent 2,000 engineers to Russia."
    row = one(text, "en")
    assert row["actor"] == "PRK" and "actor_inferred" in row["flags"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # "told journalists that ..." may also be read as a report whose frame holds the
        # number; that frame is no speaker's phrase, so its sender still counts.
        ("Senator Mark Hollis, briefed by the CIA, told journalists that Pyongyang had "
         "handed Moscow some 70 rocket launchers.", "PRK"),
        ("An aide, after meeting the minister, told the newspaper that Russia had moved "
         "40 tanks to the border.", "RUS"),
        ("A diplomat, speaking after the talks, told the agency that North Korea had "
         "flown 300 more soldiers to Russia.", "PRK"),
    ],
)
def test_a_frame_around_the_number_does_not_hide_the_sender(text: str, actor: str) -> None:
    assert one(text, "en")["actor"] == actor


@pytest.mark.parametrize(
    ("text", "language", "actor"),
    [
        # The owner on the losses noun, not the first country of the clause (the speaker).
        ("Britain's defence ministry put Moscow's overall casualties at 40,000 soldiers.",
         "en", "RUS"),
        ("Kyiv's estimate puts Russia's combined losses at about 9,000 soldiers.", "en", "RUS"),
        ("Kiews Generalstab setzte die russischen Verluste mit 38.000 Soldaten an.", "de",
         "RUS"),
        ("Seouls Schätzung setzt Nordkoreas Verluste bei etwa 3.000 Soldaten an.", "de", "PRK"),
    ],
)
def test_the_owner_of_the_losses(text: str, language: str, actor: str) -> None:
    assert one(text, language)["actor"] == actor
