"""Committed facts: freshness, round trip, typed loading, clear errors."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from analysis.core import paths, tables
from analysis.core.errors import FactsError
from analysis.core.schema import CLAIM_COLUMNS
from analysis.corpus.catalog import Article
from analysis.facts import store as facts


def _article(text: str, article_id: str = "a1", language: str = "de") -> Article:
    return Article(id=article_id, file=f"{article_id}.txt", title="", outlet="", url="",
                   published=dt.date(2024, 11, 12), language=language, notes="", text=text)


def test_reference_facts_are_fresh() -> None:
    """The reference corpus's tables equal a fresh build from its seeds (tests/reference/)."""
    fresh = facts.build_tables()
    for kind, path in (("claims", facts.claims_path()), ("events", facts.events_path())):
        assert path.is_relative_to(paths.REFERENCE_CORPUS_DIR)
        assert path.read_text(encoding="utf-8") == tables.to_csv_text(fresh[kind], kind), (
            f"{path} is stale (the extractor or a lexicon changed): run `make facts`, "
            "then `make notebooks`, and commit the result"
        )


def test_stale_facts_is_empty_for_the_reference_corpus() -> None:
    assert facts.stale_facts() == []


def test_stale_facts_notices_a_change(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(facts, "claims_path", lambda: tmp_path / "claims.csv")
    monkeypatch.setattr(facts, "events_path", lambda: tmp_path / "events.csv")
    monkeypatch.setattr(facts, "dictionary_path", lambda: tmp_path / "README.md")
    articles = [_article("Es sind 1.000 Soldaten in Kursk.")]
    assert facts.stale_facts(articles) == [
        str(tmp_path / name) for name in ("claims.csv", "events.csv", "README.md")
    ]  # all missing
    written = facts.build_facts(articles)
    assert sorted(p.name for p in written) == ["README.md", "claims.csv", "events.csv"]
    assert facts.stale_facts(articles) == []
    changed = [_article("Es sind 2.000 Soldaten in Kursk.")]
    assert facts.stale_facts(changed) == [str(tmp_path / "claims.csv")]
    (tmp_path / "README.md").write_text("# edited by hand\n", encoding="utf-8")
    assert facts.stale_facts(articles) == [str(tmp_path / "README.md")]


def test_round_trip_keeps_types_and_values(tmp_path) -> None:
    from analysis.extract.claims import extract_corpus_claims

    frame = extract_corpus_claims([
        _article("Letzte Woche bestätigten die USA bis zu 1.500 nordkoreanische Truppen in "
                 "Kursk. Es sind rund 2,5 Soldaten."),
        _article("Thousands of troops are in Russia, Seoul said.", "b1", "en"),
    ])
    path = tmp_path / "claims.csv"
    path.write_text(tables.to_csv_text(frame), encoding="utf-8")
    loaded = tables.read_table_csv(path, "claims")
    assert tuple(loaded.columns) == CLAIM_COLUMNS
    pd.testing.assert_frame_equal(loaded, frame, check_dtype=False)
    assert str(loaded["as_of_start"].dtype).startswith("datetime64")
    assert loaded["as_of_start"].iloc[0] == pd.Timestamp("2024-11-04")
    # No time in the text, no statement date: as of publication; the date stays typed.
    assert pd.isna(loaded["stated_on_start"].iloc[-1])
    assert loaded["as_of_source"].iloc[-1] == "publication"
    assert loaded["claimants"].iloc[-1] == ["KOR"]
    assert loaded["vague"].dtype == bool and loaded["value"].dtype == float


def test_csv_format_lists_dates_bools_numbers() -> None:
    from analysis.extract.claims import extract_corpus_claims

    frame = extract_corpus_claims([_article("Letzte Woche bestätigten die USA 10.000 Truppen.")])
    text = tables.to_csv_text(frame)
    header, row = text.splitlines()
    assert header.split(",") == list(CLAIM_COLUMNS)
    assert ',10000,,,false,' in row and '"[""USA""]"' in row and ",2024-11-04,2024-11-10," in row
    assert text.endswith("\n") and "\r" not in text


def test_jsonl_has_exactly_the_columns_and_nulls() -> None:
    from analysis.extract.claims import extract_corpus_claims

    frame = extract_corpus_claims([_article("Es sind 10.000 Truppen.")])
    (line,) = tables.to_jsonl_text(frame).splitlines()
    record = json.loads(line)
    assert list(record) == list(CLAIM_COLUMNS)
    assert record["stated_on_start"] is None and record["claimants"] == []
    assert record["as_of_start"] == "2024-11-12" and record["as_of_source"] == "publication"
    assert record["published"] == "2024-11-12" and record["value"] == 10000


def test_load_claims_is_typed_and_has_overridden() -> None:
    claims = facts.load_claims(apply_overrides=False)
    assert len(claims) == 5  # the reference corpus: the seed's five claims
    assert claims["overridden"].map(lambda v: v == []).all()
    assert str(claims["published"].dtype).startswith("datetime64")
    assert claims["flags"].map(type).eq(list).all()
    with_overrides = facts.load_claims()
    assert "overridden" in with_overrides.columns and len(with_overrides) == 5


def test_load_events_is_typed() -> None:
    events = facts.load_events()
    assert str(events["date_start"].dtype).startswith("datetime64")
    assert events["actors"].map(type).eq(list).all()


def test_missing_file_says_run_make_facts(tmp_path) -> None:
    with pytest.raises(FactsError, match="make facts") as info:
        facts.load_claims(tmp_path / "nope.csv")
    assert "nope.csv" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "columns"),
        (",".join(CLAIM_COLUMNS) + "\nx,y\n", "cells"),
        (",".join(CLAIM_COLUMNS) + "\n" + ",".join(["1"] * len(CLAIM_COLUMNS)) + "\n",
         "bad value|JSON list"),
    ],
)
def test_malformed_file_is_a_facts_error(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "claims.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FactsError, match=message) as info:
        facts.load_claims(path, apply_overrides=False)
    assert "make facts" in str(info.value) and str(path) in str(info.value)
