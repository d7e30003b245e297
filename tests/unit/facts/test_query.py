"""query_facts: the filters the notebooks use, pushed down, with the loaders' exact frames."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analysis.core import paths
from analysis.core.errors import FactsError, ParameterError
from analysis.core.tables import write_table
from analysis.explore.filters import filter_claims, in_reading_order, select_claims
from analysis.facts.dataset import build_dataset
from analysis.facts.known import known_by
from analysis.facts.partitions import CLUSTER_ORDER, ROW_GROUP_ROWS
from analysis.facts.query import FactsSource, query_facts
from analysis.facts.store import load_claims, load_events

HEADER = "claim_id,field,value,reason,reviewer,date\n"


@pytest.fixture(scope="module")
def reference_dataset(tmp_path_factory):
    """The reference corpus built as a Parquet dataset (what `facts build --out` writes)."""
    out = tmp_path_factory.mktemp("dataset") / "facts"
    build_dataset(paths.SEEDS_DIR, out, scheduler="sync")
    return out


def same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True))


def test_unfiltered_query_is_the_loaders_frame_with_its_side_tables():
    loaded, queried = load_claims(), query_facts()
    same(loaded, queried)
    for key in ("overrides_in_effect", "stale_overrides"):
        pd.testing.assert_frame_equal(loaded.attrs[key], queried.attrs[key])
    assert queried.attrs["table_rows"] == len(loaded)
    same(load_events(), query_facts("events"))
    assert query_facts(apply_overrides=False)["overridden"].map(len).sum() == 0


@pytest.mark.parametrize(
    "filters",
    [
        {"units": ["troops", "soldiers"]},
        {"units": "troops", "actors": ["PRK"]},
        {"actors": [None, "RUS"]},
        {"locations": ["RU-KRS"]},
        {"claimants": ["USA"]},
        {"languages": "de", "date_from": "2024-11-05"},
        {"date_to": "2024-11-10"},
        {"date_from": "2024-11-11", "date_to": "2024-11-11"},
        {"as_of": "2024-11-11"},
        {"as_of": dt.date(2024, 11, 12), "units": ["troops"], "locations": ["RUS", None]},
    ],
)
def test_filters_select_what_the_pandas_filters_select(filters):
    as_of = filters.get("as_of")
    facets = {k: v for k, v in filters.items() if k != "as_of"}
    expected = filter_claims(known_by(load_claims(), as_of), **facets)
    same(expected, query_facts(**filters))


def test_articles_language_and_as_of_select_like_select_claims():
    claims = load_claims()
    article = claims["article_id"].iloc[0]
    for kwargs in ({"articles": [article]}, {"articles": []}, {"language": "en"},
                   {"articles": [article], "language": "de", "as_of": dt.date(2024, 11, 12)}):
        expected = select_claims(claims, **kwargs)
        language = kwargs.pop("language", None)
        same(expected, query_facts(languages=language, **kwargs))


def test_events_are_cut_by_the_known_by_date():
    same(known_by(load_events(), "2024-11-11"), query_facts("events", as_of="2024-11-11"))
    assert len(query_facts("events", as_of="2020-01-01")) == 0


def test_parquet_dataset_gives_the_same_frames_as_the_committed_csv(reference_dataset):
    same(query_facts(), query_facts(source=reference_dataset))
    same(query_facts("events"), query_facts("events", source=reference_dataset))
    same(query_facts(units=["troops"], as_of="2024-11-12"),
         query_facts(source=reference_dataset, units=["troops"], as_of="2024-11-12"))


def test_overrides_are_applied_before_the_filters(tmp_path):
    claims = load_claims(apply_overrides=False)
    target = claims[claims["actor"] == "PRK"]["claim_id"].iloc[0]
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(HEADER + f"{target},actor,RUS,they are Russian units,ana,2024-12-01\n",
                         encoding="utf-8")
    as_russian = query_facts(actors=["RUS"], overrides_path=overrides)
    assert target in set(as_russian["claim_id"])
    row = as_russian.set_index("claim_id").loc[target]
    assert row["actor"] == "RUS" and row["overridden"] == ["actor"]
    assert target not in set(query_facts(actors=["PRK"], overrides_path=overrides)["claim_id"])
    same(apply_overrides_frame(claims, overrides)[lambda f: f["actor"] == "RUS"],
         as_russian)


def apply_overrides_frame(claims, overrides):
    from analysis.facts.overrides import apply_overrides

    return apply_overrides(claims, overrides)


def test_stale_overrides_are_found_against_the_whole_table(tmp_path):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(HEADER + "gone:1,actor,RUS,claim vanished,ana,2024-12-01\n",
                         encoding="utf-8")
    with pytest.warns(UserWarning, match="gone:1"):
        result = query_facts(units=["troops"], overrides_path=overrides)
    assert list(result.attrs["stale_overrides"]["claim_id"]) == ["gone:1"]


def test_sources_select_by_the_source_column_when_there_is_one(reference_dataset, tmp_path):
    everything = query_facts()
    same(everything, query_facts(sources=["extracted"]))
    assert query_facts(sources=["reference"]).empty
    out = tmp_path / "facts"
    shutil.copytree(reference_dataset, out)
    part = next((out / "claims").glob("*/part-0.parquet"))
    table = pq.read_table(part)
    sources = ["reference"] + ["extracted"] * (table.num_rows - 1)
    column = table.schema.get_field_index("source")
    pq.write_table(table.set_column(column, "source", pa.array(sources)), part)
    chosen = query_facts(source=out, sources="reference", apply_overrides=False)
    assert list(chosen["source"]) == ["reference"]
    assert len(query_facts(source=out, sources=["extracted", "reference"])) == len(everything)
    with pytest.raises(ParameterError, match="unknown source"):
        query_facts(sources=["rumour"])


def test_columns_and_row_count_of_the_whole_table():
    only = query_facts(columns=["claim_id", "unit"], units=["troops"])
    assert list(only.columns) == ["claim_id", "unit"]
    assert only.attrs["table_rows"] == len(load_claims()) > len(only)
    assert str(only["unit"].dtype) == str(load_claims()["unit"].dtype)


def test_bad_sources_and_filters_are_one_line_errors(tmp_path):
    with pytest.raises(FactsError, match="does not exist"):
        query_facts(source=tmp_path / "absent.csv")
    (tmp_path / "wrong.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FactsError, match="does not have the claims columns"):
        query_facts(source=tmp_path / "wrong.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FactsError, match="facts build --out"):
        query_facts(source=tmp_path / "empty")
    with pytest.raises(ParameterError, match="unknown unit"):
        query_facts(units=["tanks"])
    with pytest.raises(ParameterError, match="not of events"):
        query_facts("events", units=["troops"])
    with pytest.raises(ParameterError, match="not in"):
        query_facts(columns=["colour"])
    with pytest.raises(ParameterError, match="reversed"):
        query_facts(date_from="2024-12-01", date_to="2024-11-01")
    with pytest.raises(ParameterError, match="as_of"):
        query_facts(as_of="yesterday")


# --- FactsSource: one source, many queries (the explorer over a large dataset) ------------


def test_search_is_pushed_down_like_filter_claims_searches():
    claims = load_claims()
    quote = claims["quote"].iloc[0]
    word = max(quote.split(), key=len)
    phrase = " ".join(quote.split()[:2])
    with FactsSource() as table:
        for search in (word.upper(), f'"{phrase.replace(" ", "   ")}"', f"{word} absentword",
                       "  "):
            expected = filter_claims(claims, search=search)
            assert table.count(search=search) == len(expected)
            same(expected, table.frame(search=search))


def test_german_sharp_s_folds_as_casefold_does(tmp_path):
    claims = load_claims(apply_overrides=False).head(2).copy()
    claims["quote"] = ["Truppen an der Grenzstraße", "Truppen an der Grenzstrasse"]
    claims["sentence"] = ["Die Truppen an der Grenzstraße.", "Die Truppen an der Grenzstrasse."]
    write_table(claims.drop(columns="overridden", errors="ignore"), tmp_path / "claims.csv",
                kind="claims")
    with FactsSource(source=tmp_path / "claims.csv", apply_overrides=False) as table:
        for search in ("GRENZSTRASSE", "grenzstraße"):
            assert table.count(search=search) == len(filter_claims(claims, search=search)) == 2


def test_count_first_rows_aggregates_and_distinct_values(reference_dataset):
    claims = load_claims()
    with FactsSource(source=reference_dataset) as table:
        assert table.total == len(claims)
        assert table.count(units=["troops"]) == (claims["unit"] == "troops").sum()
        first = table.frame(order=("published", "article_id", "start"), limit=3,
                            units=["troops", "soldiers"])
        expected = in_reading_order(filter_claims(claims, units=["troops", "soldiers"]))
        assert list(first["claim_id"]) == list(expected["claim_id"].head(3))
        counts = table.aggregate("unit, count(*) AS n", "unit")
        assert dict(zip(counts["unit"], counts["n"], strict=True)) == (
            claims["unit"].value_counts().to_dict())
        values = table.distinct("claimants", "actor", "unit")
        assert values["claimants"] == sorted({c for cell in claims["claimants"] for c in cell})
        actors = set(claims["actor"].where(claims["actor"].notna(), None))
        assert set(values["actor"]) == actors and len(values["actor"]) == len(actors)
        assert values["unit"] == sorted(set(claims["unit"]))
        with pytest.raises(ParameterError, match="unknown filter"):
            table.count(unit=["troops"])


def test_dataset_overrides_are_found_through_the_articles_months(reference_dataset, tmp_path):
    claims = load_claims(apply_overrides=False)
    target = claims[claims["actor"] == "PRK"]["claim_id"].iloc[-1]
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(HEADER + f"{target},actor,RUS,they are Russian units,ana,2024-12-01\n"
                         "gone:1,actor,RUS,claim vanished,ana,2024-12-01\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="gone:1"):
        from_csv = query_facts(actors=["RUS"], overrides_path=overrides)
    with pytest.warns(UserWarning, match="gone:1"):
        from_dataset = query_facts(source=reference_dataset, actors=["RUS"],
                                   overrides_path=overrides)
    same(from_csv, from_dataset)
    assert target in set(from_dataset["claim_id"])
    assert list(from_dataset.attrs["stale_overrides"]["claim_id"]) == ["gone:1"]


def test_month_partitions_are_sorted_by_the_filter_columns(reference_dataset):
    for part in (reference_dataset / "claims").glob("*/part-0.parquet"):
        frame = pq.read_table(part).to_pandas()
        order = list(CLUSTER_ORDER["claims"])
        resorted = frame.sort_values(order, na_position="last", kind="stable")
        assert list(frame["claim_id"]) == list(resorted["claim_id"])
        metadata = pq.ParquetFile(part).metadata
        assert all(metadata.row_group(i).num_rows <= ROW_GROUP_ROWS
                   for i in range(metadata.num_row_groups))


def test_a_claim_without_a_source_counts_as_extracted(reference_dataset, tmp_path):
    out = tmp_path / "facts"
    shutil.copytree(reference_dataset, out)
    part = next((out / "claims").glob("*/part-0.parquet"))
    table = pq.read_table(part)
    sources = pa.array(["reference"] + [None] * (table.num_rows - 1), pa.string())
    if "source" in table.schema.names:
        table = table.drop_columns(["source"])
    pq.write_table(table.append_column("source", sources), part)
    total = len(query_facts(source=out, apply_overrides=False))
    with FactsSource(source=out, apply_overrides=False) as facts:
        assert facts.count(sources="extracted") == total - 1
        assert facts.count(sources=["reference"]) == 1


def test_overridden_claims_are_looked_up_in_their_articles_months_only(reference_dataset,
                                                                      tmp_path):
    import duckdb

    from analysis.facts.overrides import load_overrides
    from analysis.facts.query import _override_months

    claims = load_claims(apply_overrides=False)
    target = claims.iloc[-1]
    month = f"{target['published']:%Y-%m}"
    rows = HEADER + f"{target['claim_id']},actor,RUS,they are Russian units,ana,2024-12-01\n"
    path = tmp_path / "overrides.csv"
    with duckdb.connect() as connection:
        path.write_text(rows, encoding="utf-8")
        assert _override_months(connection, reference_dataset, load_overrides(path)) == [month]
        path.write_text(rows + "gone:1,actor,RUS,claim vanished,ana,2024-12-01\n",
                        encoding="utf-8")
        # An id naming no recorded article: every month is searched.
        assert _override_months(connection, reference_dataset, load_overrides(path)) is None
