"""The schema declarations are consistent, and everything derived from them follows them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from crmsim.errors import InputError
from crmsim.warehouse.dictionary import data_dictionary
from crmsim.warehouse.reading import read_table, read_tables
from crmsim.warehouse.schema import TYPES, Column, Table
from crmsim.warehouse.tables import TABLE_LIST, TABLES
from crmsim.warehouse.writers import create_statement, to_arrow, to_frame

REPOSITORY = Path(__file__).resolve().parents[1]
REQUIRED = {
    "dim_customer",
    "dim_product",
    "dim_channel",
    "dim_date",
    "dim_campaign",
    "dim_agent",
    "fact_order",
    "fact_interaction",
    "fact_campaign_contact",
    "fact_campaign_response",
    "fact_complaint",
    "fact_survey_response",
    "fact_customer_month",
    "fact_web_visit",
    "truth_customer",
}


def test_the_issue_names_every_table():
    assert set(TABLES) == REQUIRED


def test_columns_are_typed_documented_and_keys_point_backwards():
    loaded: dict[str, Table] = {}
    for table in TABLE_LIST:
        names = table.column_names
        assert len(names) == len(set(names)), table.name
        for column in table.columns:
            assert column.dtype in TYPES, (table.name, column.name)
            assert len(column.description) > 10, (table.name, column.name)
        for key in table.primary_key:
            assert not table.column(key).nullable
        for column, target, target_column in table.foreign_keys:
            # Load order: a table refers only to tables loaded before it, by their primary key.
            assert target in loaded, f"{table.name}.{column} refers to {target} loaded later"
            assert loaded[target].primary_key == (target_column,)
            assert table.column(column).dtype in ("int32", "int64")
        loaded[table.name] = table


def test_money_columns_say_eur_and_are_rounded_to_cents():
    for table in TABLE_LIST:
        for column in table.columns:
            if column.name.endswith("_eur"):
                assert column.decimals == 2 and "EUR" in column.description, column.name


def test_create_statement_declares_types_and_keys():
    statement = create_statement(TABLES["fact_order"])
    assert "order_line_id BIGINT NOT NULL" in statement
    assert "PRIMARY KEY (order_line_id)" in statement
    assert "FOREIGN KEY (customer_id) REFERENCES dim_customer (customer_id)" in statement
    assert "campaign_id BIGINT," in statement  # nullable: no NOT NULL


TINY = Table(
    "tiny",
    "A table for tests.",
    (
        Column("id", "int64", "Key of the row"),
        Column("amount_eur", "float64", "Some money", decimals=2),
        Column("note", "string", "Free text", nullable=True),
        Column("day", "date", "A day"),
        Column("other", "int32", "Optional number", nullable=True),
    ),
    ("id",),
)


def test_to_arrow_types_rounds_and_keeps_missing_values():
    frame = pd.DataFrame(
        {
            "id": [1, 2],
            "amount_eur": [1.004, 2.5051],
            "note": ["a", None],
            "day": pd.to_datetime(["2024-01-01", "2024-02-29"]),
            "other": pd.array([None, 3], dtype="Int32"),
            "ignored": [0, 0],
        }
    )
    arrow = to_arrow(frame, TINY)
    assert arrow.schema.names == ["id", "amount_eur", "note", "day", "other"]
    assert arrow.schema.field("day").type == pa.date32()
    assert arrow.column("amount_eur").to_pylist() == [1.0, 2.51]
    assert arrow.column("note").to_pylist() == ["a", None]
    assert arrow.column("other").to_pylist() == [None, 3]
    assert to_frame(arrow)["other"].isna().tolist() == [True, False]


def test_to_arrow_refuses_missing_columns_and_missing_values():
    with pytest.raises(ValueError, match="lacks columns"):
        to_arrow(pd.DataFrame({"id": [1]}), TINY)
    frame = pd.DataFrame(
        {"id": [1], "amount_eur": [None], "note": ["x"], "day": ["2024-01-01"], "other": [1]}
    )
    with pytest.raises(ValueError, match="amount_eur"):
        to_arrow(frame, TINY)


def test_data_readme_is_generated_from_the_schema():
    text = data_dictionary()
    for table in TABLE_LIST:
        assert f"## {table.name}" in text
        for column in table.columns:
            assert f"| `{column.name}` |" in text
    committed = (REPOSITORY / "data" / "README.md").read_text(encoding="utf-8")
    assert committed == text, "data/README.md is outdated: regenerate the default dataset"


def test_csv_and_parquet_read_back_to_the_same_typed_frames(crm_warehouse, tmp_path):
    for name in ("dim_customer", "fact_order", "fact_complaint", "truth_customer"):
        from_parquet = read_table(name, crm_warehouse)
        (tmp_path / f"{name}.csv").write_bytes((crm_warehouse / f"{name}.csv").read_bytes())
        from_csv = read_table(name, tmp_path)
        pd.testing.assert_frame_equal(from_csv, from_parquet)
    orders = read_table("fact_order", crm_warehouse)
    assert orders["order_id"].dtype == "int64" and orders["campaign_id"].dtype == "Int64"
    assert orders["order_ts"].dtype == "datetime64[s]"
    assert set(read_tables(crm_warehouse)) == set(TABLES)
    with pytest.raises(InputError, match="unknown table"):
        read_table("fact_sales", crm_warehouse)
    with pytest.raises(InputError, match="no dim_date.parquet or dim_date.csv"):
        read_table("dim_date", tmp_path)
