"""The DuckDB analytics give the pandas results on the committed dataset cut into partitions."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from crmsim.analytics import (
    abc_classes,
    campaign_outcomes,
    campaign_results,
    customer_value,
    duckdb_abc_classes,
    duckdb_campaign_results,
    duckdb_customer_months,
    duckdb_rfm_scores,
    mean_difference,
    rfm_scores,
    rfm_table,
    welch_difference,
)
from crmsim.errors import InputError
from crmsim.warehouse import read_tables
from crmsim.warehouse.partition_database import duckdb_tables
from crmsim.warehouse.tables import TABLES
from crmsim.warehouse.writers import to_arrow

DATA = Path(__file__).resolve().parents[1] / "data"
CUTOFF = "2025-07-01"


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_tables(DATA)


@pytest.fixture(scope="module")
def partitioned(tables: dict[str, pd.DataFrame], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed dataset cut into three Parquet partitions per table."""
    folder = tmp_path_factory.mktemp("partitions")
    for name, frame in tables.items():
        (folder / name).mkdir()
        for index, part in enumerate(np.array_split(np.arange(len(frame)), 3)):
            arrow = to_arrow(frame.iloc[part], TABLES[name])
            pq.write_table(arrow, folder / name / f"part-{index:06d}.parquet")
    return folder


@pytest.fixture(scope="module")
def relations(partitioned: Path) -> dict[str, duckdb.DuckDBPyRelation]:
    """Every table of the partitioned copy as a DuckDB relation."""
    return duckdb_tables(partitioned, duckdb.connect())


def test_the_csv_files_read_as_the_same_typed_relations(
    relations: dict[str, duckdb.DuckDBPyRelation],
) -> None:
    """DuckDB reads the committed CSV files with the declared types, as the partitions."""
    from_csv = duckdb_tables(DATA, duckdb.connect())
    for name, relation in relations.items():
        assert from_csv[name].types == relation.types, name
        assert from_csv[name].columns == relation.columns, name
    [(rows, revenue)] = from_csv["fact_order"].aggregate("count(*), sum(revenue_eur)").fetchall()
    [(same_rows, same)] = relations["fact_order"].aggregate("count(*), sum(revenue_eur)").fetchall()
    assert rows == same_rows and revenue == pytest.approx(same, rel=1e-12)


@pytest.mark.parametrize("measure", ["revenue", "contribution"])
def test_abc_classes_agree(
    tables: dict[str, pd.DataFrame], relations: dict[str, duckdb.DuckDBPyRelation], measure: str
) -> None:
    expected = abc_classes(customer_value(tables["fact_order"], measure))
    found = duckdb_abc_classes(relations["fact_order"], measure)
    assert list(found.columns) == list(expected.columns)
    assert sorted(found.index) == sorted(expected.index)
    by_customer = found.loc[expected.index]
    assert (by_customer["abc_class"] == expected["abc_class"]).all()
    np.testing.assert_allclose(by_customer["value_eur"], expected["value_eur"], atol=1e-9)
    # In rank order the curves agree; customers of equal value may swap places, because
    # pandas adds their lines up in floating point and DuckDB in exact cents.
    for column in ("value_eur", "customer_share", "cumulative_share"):
        np.testing.assert_allclose(found[column], expected[column], rtol=1e-12, atol=1e-9)
    ties = expected.assign(found_rank=by_customer["rank"]).groupby(expected["value_eur"].round(2))
    for _, group in ties:
        assert sorted(group["rank"]) == sorted(group["found_rank"])


def test_rfm_scores_and_segments_agree(
    tables: dict[str, pd.DataFrame], relations: dict[str, duckdb.DuckDBPyRelation]
) -> None:
    expected = rfm_scores(rfm_table(tables["fact_order"], CUTOFF))
    found = duckdb_rfm_scores(relations["fact_order"], CUTOFF)
    assert list(found.columns) == list(expected.columns)
    assert found.index.tolist() == expected.index.tolist()
    exact = ["recency_days", "frequency", "r_score", "f_score", "m_score", "fm_score", "segment"]
    pd.testing.assert_frame_equal(found[exact], expected[exact], check_index_type=False)
    np.testing.assert_allclose(found["monetary_eur"], expected["monetary_eur"], atol=1e-9)
    assert expected["segment"].nunique() >= 5


def test_customer_month_snapshots_agree(
    tables: dict[str, pd.DataFrame], relations: dict[str, duckdb.DuckDBPyRelation]
) -> None:
    """DuckDB rebuilds the activity columns of fact_customer_month from the facts."""
    found = duckdb_customer_months(
        relations["dim_customer"],
        relations["fact_order"],
        relations["fact_interaction"],
        relations["fact_complaint"],
        relations["dim_date"],
    )
    columns = list(found.columns)
    expected = tables["fact_customer_month"][columns].sort_values(["customer_id", "month_key"])
    assert len(found) == len(expected) > 10_000
    for column in columns:
        values, wanted = found[column].to_numpy(), expected[column].to_numpy()
        np.testing.assert_allclose(values.astype(float), wanted.astype(float), atol=1e-6)
    assert found["orders"].sum() == tables["fact_order"]["order_id"].nunique()


def test_campaign_results_agree(
    tables: dict[str, pd.DataFrame], relations: dict[str, duckdb.DuckDBPyRelation]
) -> None:
    outcomes = campaign_outcomes(
        tables["fact_campaign_contact"],
        tables["dim_campaign"],
        tables["fact_order"],
        tables["fact_customer_month"],
    )
    expected = campaign_results(
        outcomes, tables["dim_campaign"], tables["fact_campaign_contact"],
        tables["fact_campaign_response"],
    )  # fmt: skip
    found = duckdb_campaign_results(
        relations["fact_campaign_contact"],
        relations["dim_campaign"],
        relations["fact_order"],
        relations["fact_customer_month"],
        relations["fact_campaign_response"],
    )
    assert list(found.columns) == list(expected.columns) and len(found) == len(expected) > 10
    for column in expected.columns:
        if expected[column].dtype.kind in "fi":
            np.testing.assert_allclose(
                found[column].astype(float), expected[column].astype(float),
                rtol=1e-9, atol=1e-9, err_msg=column,
            )  # fmt: skip
        else:
            assert found[column].astype(str).tolist() == expected[column].astype(str).tolist()
    assert expected["uplift"].notna().sum() > 10 and expected["churn_change"].notna().any()


def test_welch_difference_from_moments_matches_the_observations() -> None:
    rng = np.random.default_rng(3)
    a, b = rng.gamma(2.0, 30.0, 50), np.append(rng.gamma(2.0, 25.0, 40), 0.0)
    expected = mean_difference(a, b)
    found = welch_difference(a.mean(), a.var(ddof=1), len(a), b.mean(), b.var(ddof=1), len(b), 0.95)
    np.testing.assert_allclose(found, expected, rtol=1e-12)
    assert np.isnan(welch_difference(1.0, 0.0, 1, 0.0, 0.0, 5, 0.95).low)


def test_bad_requests_are_refused_in_words(relations: dict[str, duckdb.DuckDBPyRelation]) -> None:
    with pytest.raises(InputError, match="measure must be one of"):
        duckdb_abc_classes(relations["fact_order"], "margin")
    with pytest.raises(InputError, match="thresholds"):
        duckdb_abc_classes(relations["fact_order"], thresholds=(0.9, 0.8))
    with pytest.raises(InputError, match="choose a later cut-off"):
        duckdb_rfm_scores(relations["fact_order"], "1990-01-01")
