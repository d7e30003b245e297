"""analysis.report.export: the facts a run writes into <run>/facts/ and its summary.

The loaders are stand-ins (tests/support/report_facts.py); geocoding, contradictions and
the table writer are the real ones.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from analysis.core import paths
from analysis.core.errors import CorpusError, FactsError
from analysis.core.tables import to_csv_text
from analysis.geo.layers import GeoError
from analysis.lexicon.caches import clear_caches
from analysis.report.export import export_facts, newest_claim
from tests.support.report_facts import FakeFacts, claims_frame, install_fake_facts


@pytest.fixture
def fake_facts(monkeypatch: pytest.MonkeyPatch) -> FakeFacts:
    return install_fake_facts(monkeypatch)


def test_export_writes_every_table_and_summarises(tmp_path: Path, fake_facts) -> None:
    record = export_facts(tmp_path, claims_path=None, as_of=None)

    assert record["files"] == [
        "claims.csv", "claims.parquet", "events.csv", "events.parquet",
        "claims_overrides.csv", "claims.geojson", "claims_unmapped.csv", "contradictions.csv",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(record["files"])
    claims = pd.read_parquet(tmp_path / "claims.parquet")
    assert list(claims["quote"]) == list(claims_frame()["quote"])
    assert list(claims.loc[1, "claimants"]) == ["USA", "KOR", "UKR"]
    csv = pd.read_csv(tmp_path / "claims.csv", dtype=str, keep_default_na=False)
    assert json.loads(csv.loc[1, "claimants"]) == ["USA", "KOR", "UKR"]
    assert csv.loc[0, "as_of_start"] == "2024-11-04" and csv.loc[0, "approx"] == "false"
    assert len(pd.read_parquet(tmp_path / "events.parquet")) == 1
    geojson = gpd.read_file(tmp_path / "claims.geojson")
    assert len(geojson) == 2 and set(geojson["location"]) == {"RU-KRS", "UKR"}
    overrides = pd.read_csv(tmp_path / "claims_overrides.csv")
    assert list(overrides["claim_id"]) == ["000_01afb6bfc0e7695c:400"]
    contradictions = pd.read_csv(tmp_path / "contradictions.csv")
    assert list(contradictions["rule"]) == ["location_conflict"]

    summary = record["summary"]
    assert summary["articles"] == 1 and summary["claims"] == summary["claims_total"] == 2
    assert summary["events"] == 1
    assert summary["mapped_claims"] == 2 and summary["unmapped_claims"] == 0
    assert summary["contradictions"] == 1
    assert summary["contradiction_rules"] == {"location_conflict": 1}
    assert len(summary["contradiction_reasons"]) == 1
    newest = summary["newest_claim"]
    assert newest["quote"] == "bis zu 12.000 nordkoreanische Truppen"
    assert newest["date"] == "2024-11-12"
    assert newest["label"] == "≤ 12,000 troops · USA, KOR, UKR · as of 2024-11-12"
    assert record["warnings"] == []


def test_parquet_dates_are_date32(tmp_path: Path, fake_facts) -> None:
    import pyarrow.parquet as pq

    export_facts(tmp_path, claims_path=None, as_of=None)
    schema = pq.read_schema(tmp_path / "claims.parquet")
    assert str(schema.field("as_of_start").type) == "date32[day]"
    assert str(pq.read_schema(tmp_path / "events.parquet").field("date_start").type) == (
        "date32[day]"
    )


def test_as_of_limits_the_summary_to_claims_published_by_then(
    tmp_path: Path, fake_facts
) -> None:
    summary = export_facts(tmp_path, claims_path=None, as_of="2024-11-11")["summary"]
    assert summary["as_of"] == "2024-11-11"
    assert summary["claims"] == 0 and summary["claims_total"] == 2
    assert summary["articles"] == 0  # the one article is published on 2024-11-12
    assert summary["newest_claim"] is None and summary["contradictions"] == 0
    assert summary["mapped_claims"] == 0 and summary["unmapped_claims"] == 0
    # the exported tables are the whole facts; only the summary is cut at as_of
    assert len(pd.read_csv(tmp_path / "claims.csv")) == 2


def test_stale_committed_facts_are_a_warning_naming_make_facts(
    tmp_path: Path, fake_facts
) -> None:
    fake_facts.stale = ["data/facts/claims.csv", "data/facts/events.csv"]
    warnings = export_facts(tmp_path, claims_path=None, as_of=None)["warnings"]
    assert warnings == [
        "committed facts are out of date for 2 item(s) "
        "(data/facts/claims.csv, data/facts/events.csv); run `make facts`"
    ]


def test_a_claims_file_of_the_user_is_loaded_and_not_checked_for_staleness(
    tmp_path: Path, fake_facts
) -> None:
    fake_facts.stale = ["data/facts/claims.csv"]
    record = export_facts(tmp_path, claims_path="/somewhere/claims.csv", as_of=None)
    assert fake_facts.claims_paths == ["/somewhere/claims.csv"]
    assert record["warnings"] == []


def test_unreadable_catalog_counts_articles_from_the_claims_and_says_so(
    tmp_path: Path, fake_facts
) -> None:
    fake_facts.corpus_error = CorpusError("seeds/catalog.csv line 3: bad date")
    record = export_facts(tmp_path, claims_path=None, as_of=None)
    assert record["summary"]["articles"] == 1
    assert record["warnings"] == [
        "articles counted from the claims: seeds/catalog.csv line 3: bad date"
    ]


def test_facts_that_cannot_be_loaded_raise_their_own_error(tmp_path: Path, fake_facts) -> None:
    fake_facts.claims_error = FactsError("data/facts/claims.csv does not exist; run `make facts`")
    with pytest.raises(FactsError, match="make facts"):
        export_facts(tmp_path, claims_path=None, as_of=None)


def test_missing_geodata_is_a_one_line_error_naming_the_file(
    tmp_path: Path, fake_facts, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    empty = tmp_path / "geo"
    empty.mkdir()
    monkeypatch.setattr(paths, "GEO_DIR", empty)
    clear_caches()  # the geodata of the real folder is cached
    request.addfinalizer(clear_caches)
    with pytest.raises(GeoError) as caught:
        export_facts(tmp_path / "facts", claims_path=None, as_of=None)
    message = str(caught.value)
    assert str(empty) in message and "is missing" in message and "\n" not in message


def test_newest_claim_uses_as_of_end_then_publication_date() -> None:
    claims = claims_frame()
    assert newest_claim(claims)["claim_id"].endswith(":900")
    claims.loc[1, ["as_of_start", "as_of_end"]] = pd.NaT
    claims.loc[1, "published"] = pd.Timestamp("2024-11-09")
    newest = newest_claim(claims)
    assert newest["claim_id"].endswith(":400") and newest["date"] == "2024-11-10"
    assert newest["label"] == "10,000 troops · USA · as of 2024-11-04–10"
    assert newest_claim(claims.iloc[0:0]) is None
    assert newest_claim(None) is None


def test_newest_claim_label_errors_are_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(row):
        raise KeyError("unit")

    monkeypatch.setattr("analysis.report.export.format_claim", broken)
    with pytest.raises(KeyError):
        newest_claim(claims_frame())


def test_csv_is_in_the_committed_facts_format() -> None:
    frame = pd.DataFrame({
        "claimants": [["USA", "KOR"], []],
        "as_of_end": pd.to_datetime(["2024-11-10", None]),
        "value": [10000.0, float("nan")],
        "share": [0.25, 1.0],
        "approx": [True, False],
        "qualifier": ["up_to", None],
        "start": [831, 1224],
    })
    lines = to_csv_text(frame, None).splitlines()
    assert lines == [
        "claimants,as_of_end,value,share,approx,qualifier,start",
        '"[""USA"", ""KOR""]",2024-11-10,10000,0.25,true,up_to,831',
        "[],,,1,false,,1224",
    ]


def test_committed_claims_are_written_back_byte_for_byte() -> None:
    """What a report exports is what was committed, when no override applies."""
    from analysis.facts import store

    claims = store.load_claims(apply_overrides=False).drop(columns=["overridden"])
    assert to_csv_text(claims, None) == store.claims_path().read_text(encoding="utf-8")
