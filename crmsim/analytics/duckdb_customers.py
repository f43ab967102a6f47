"""ABC, RFM and customer-month snapshots in DuckDB, for customer bases too large for pandas.

The functions take DuckDB relations, e.g. from
:func:`crmsim.warehouse.partition_database.duckdb_tables` over a partitioned dataset
(``read_parquet('fact_order/*.parquet')``), and run the whole computation in DuckDB,
out of core: only the result (one row per customer, or per customer and month) comes
back as a DataFrame. They give the same results as the pandas functions of
:mod:`crmsim.analytics.abc_analysis` and :mod:`crmsim.analytics.rfm`, which stay the
choice for the small datasets of the notebooks; a test compares both on the
committed dataset. Money is summed as exact decimals (cents), so a result does not
depend on the order in which DuckDB's threads add up the rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from crmsim.analytics.abc_analysis import VALUE_MEASURES
from crmsim.analytics.rfm import SEGMENT_RULES
from crmsim.errors import InputError

if TYPE_CHECKING:
    import duckdb

EUR = "DECIMAL(18, 2)"
"""Exact type for sums of money (EUR, to the cent)."""


def query_frame(
    relation: duckdb.DuckDBPyRelation,
    name: str,
    sql: str,
    **others: duckdb.DuckDBPyRelation,
) -> pd.DataFrame:
    """Run ``sql`` on ``relation`` (called ``name`` in it) and return the result as a DataFrame.

    ``others`` are further relations the query reads, by the names it uses; they
    enter it as common table expressions (their own SQL), so they may come from any
    connection that can read the same files.
    """
    if others:
        ctes = ", ".join(f"{key} AS ({other.sql_query()})" for key, other in others.items())
        body = sql.strip()
        sql = (
            f"WITH {ctes}, {body[5:]}"
            if body.upper().startswith("WITH ")
            else f"WITH {ctes} {body}"
        )
    result = relation.query(name, sql)
    if result is None:
        raise ValueError("the query returned no result set")
    return result.df()


def _value_sql(measure: str) -> str:
    if measure not in VALUE_MEASURES:
        raise InputError(f"measure must be one of {', '.join(VALUE_MEASURES)}, got {measure!r}")
    if measure == "revenue":
        return f"revenue_eur::{EUR}"
    return f"revenue_eur::{EUR} - cost_eur::{EUR}"


def duckdb_abc_classes(
    orders: duckdb.DuckDBPyRelation,
    measure: str = "revenue",
    thresholds: tuple[float, float] = (0.80, 0.95),
) -> pd.DataFrame:
    """ABC classes of customers by value, computed in DuckDB.

    Parameters
    ----------
    orders
        ``fact_order`` as a relation (customer_id, revenue_eur, cost_eur).
    measure
        ``"revenue"`` or ``"contribution"`` (revenue − cost), in EUR.
    thresholds
        Cumulative value shares where A and B end.

    Returns
    -------
    pandas.DataFrame
        As :func:`crmsim.analytics.abc_analysis.abc_classes` of
        :func:`~crmsim.analytics.abc_analysis.customer_value`: indexed by
        ``customer_id``, most valuable first, with ``value_eur``, ``rank``,
        ``customer_share``, ``cumulative_share`` and ``abc_class``.
    """
    low, high = thresholds
    if not 0 < low < high < 1:
        raise InputError(f"thresholds must satisfy 0 < A < B < 1, got {thresholds}")
    value = _value_sql(measure)
    table = query_frame(
        orders,
        "orders",
        f"""
        WITH per_customer AS (
            SELECT customer_id, sum({value}) AS value FROM orders GROUP BY customer_id
        ), running AS (
            SELECT customer_id, value,
                row_number() OVER w AS rank,
                count(*) OVER () AS customers,
                sum(value) OVER w AS cumulative,
                sum(value) OVER () AS total
            FROM per_customer
            WINDOW w AS (ORDER BY value DESC, customer_id
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
        )
        SELECT customer_id, value::DOUBLE AS value_eur, rank,
            rank / customers AS customer_share,
            cumulative::DOUBLE / total::DOUBLE AS cumulative_share,
            CASE WHEN (cumulative - value)::DOUBLE / total::DOUBLE < {low} - 1e-12 THEN 'A'
                 WHEN (cumulative - value)::DOUBLE / total::DOUBLE < {high} - 1e-12 THEN 'B'
                 ELSE 'C' END AS abc_class,
            value < 0 AS negative, total
        FROM running ORDER BY rank
        """,
    )
    if table["negative"].any():
        raise InputError("values must not be negative for an ABC analysis")
    if table.empty or float(table["total"].iloc[0]) <= 0:
        raise InputError("the values sum to zero; there is nothing to classify")
    table["rank"] = table["rank"].astype("int64")
    return table.drop(columns=["negative", "total"]).set_index("customer_id")


def _quintile_sql(column: str, higher_is_better: bool) -> str:
    """Score 1-5 from the average percentile rank, as :func:`~crmsim.analytics.rfm.rfm_scores`."""
    direction = "ASC" if higher_is_better else "DESC"
    average_rank = (
        f"(rank() OVER (ORDER BY {column} {direction}) "
        f"+ (count(*) OVER (PARTITION BY {column}) - 1) / 2.0)"
    )
    return f"least(greatest(ceil({average_rank} / count(*) OVER () * 5), 1), 5)::INTEGER"


def _segment_sql() -> str:
    cases = " ".join(
        f"WHEN r_score BETWEEN {rule.r_range[0]} AND {rule.r_range[1]} "
        f"AND fm_score BETWEEN {rule.fm_range[0]} AND {rule.fm_range[1]} THEN '{rule.name}'"
        for rule in SEGMENT_RULES
    )
    return f"CASE {cases} END"


def duckdb_rfm_scores(orders: duckdb.DuckDBPyRelation, cutoff: str | pd.Timestamp) -> pd.DataFrame:
    """Recency, frequency, monetary value, their scores and the segment per buyer, in DuckDB.

    Parameters
    ----------
    orders
        ``fact_order`` as a relation (order_id, customer_id, order_ts, revenue_eur).
    cutoff
        The analysis date; orders at or after it are ignored.

    Returns
    -------
    pandas.DataFrame
        As :func:`crmsim.analytics.rfm.rfm_scores` of
        :func:`~crmsim.analytics.rfm.rfm_table`: indexed by ``customer_id`` (ascending)
        with ``recency_days``, ``frequency``, ``monetary_eur``, ``r_score``,
        ``f_score``, ``m_score``, ``fm_score`` and ``segment``.
    """
    stamp = pd.Timestamp(cutoff).strftime("%Y-%m-%d %H:%M:%S")
    table = query_frame(
        orders,
        "orders",
        f"""
        WITH totals AS (
            SELECT order_id, any_value(customer_id) AS customer_id, min(order_ts) AS order_ts,
                sum(revenue_eur::{EUR}) AS value
            FROM orders WHERE order_ts < TIMESTAMP '{stamp}' GROUP BY order_id
        ), buyers AS (
            SELECT customer_id,
                round_even(date_diff('second', max(order_ts), TIMESTAMP '{stamp}') / 86400.0
                           * 1000.0, 0) / 1000.0 AS recency_days,
                count(*) AS frequency,
                sum(value)::DOUBLE AS monetary_eur
            FROM totals GROUP BY customer_id
        ), scored AS (
            SELECT *,
                {_quintile_sql("recency_days", higher_is_better=False)} AS r_score,
                {_quintile_sql("frequency", higher_is_better=True)} AS f_score,
                {_quintile_sql("monetary_eur", higher_is_better=True)} AS m_score
            FROM buyers
        ), combined AS (
            SELECT *, floor((f_score + m_score) / 2 + 0.5)::INTEGER AS fm_score FROM scored
        )
        SELECT *, {_segment_sql()} AS segment FROM combined ORDER BY customer_id
        """,
    )
    if table.empty:
        raise InputError("no buyers before the cut-off: choose a later cut-off date")
    for column in ("frequency", "r_score", "f_score", "m_score", "fm_score"):
        table[column] = table[column].astype("int64")
    return table.set_index("customer_id")


def duckdb_customer_months(
    customers: duckdb.DuckDBPyRelation,
    orders: duckdb.DuckDBPyRelation,
    interactions: duckdb.DuckDBPyRelation,
    complaints: duckdb.DuckDBPyRelation,
    dates: duckdb.DuckDBPyRelation,
) -> pd.DataFrame:
    """The customer-month snapshot's activity, rebuilt from the facts in DuckDB.

    One row per customer and calendar month from the month of acquisition (or the
    first month of the period) to its last month, as in ``fact_customer_month``.

    Parameters
    ----------
    customers, orders, interactions, complaints, dates
        ``dim_customer``, ``fact_order``, ``fact_interaction``, ``fact_complaint`` and
        ``dim_date`` as relations.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_id``, ``month_key`` (YYYYMM01), ``tenure_months``,
        ``orders`` (distinct orders), ``revenue_eur`` (EUR), ``contacts`` (service
        contacts) and ``complaints``, sorted by customer and month.
    """
    return query_frame(
        customers,
        "customers",
        f"""
        WITH period AS (
            SELECT date_trunc('month', min(date)) AS first, date_trunc('month', max(date)) AS last
            FROM dates
        ), grid AS (
            SELECT c.customer_id, date_trunc('month', c.acquisition_date) AS acquired,
                unnest(generate_series(greatest(date_trunc('month', c.acquisition_date), p.first),
                                       p.last, INTERVAL 1 MONTH)) AS month
            FROM customers c, period p WHERE c.acquisition_date IS NOT NULL
        ), bought AS (
            SELECT customer_id, date_trunc('month', strptime(date_key::VARCHAR, '%Y%m%d')) AS month,
                count(DISTINCT order_id) AS orders, sum(revenue_eur::{EUR}) AS revenue
            FROM orders GROUP BY ALL
        ), served AS (
            SELECT customer_id, date_trunc('month', strptime(date_key::VARCHAR, '%Y%m%d')) AS month,
                count(*) AS contacts
            FROM interactions GROUP BY ALL
        ), complained AS (
            SELECT customer_id, date_trunc('month', strptime(date_key::VARCHAR, '%Y%m%d')) AS month,
                count(*) AS complaints
            FROM complaints GROUP BY ALL
        )
        SELECT g.customer_id,
            (year(g.month) * 10000 + month(g.month) * 100 + 1)::INTEGER AS month_key,
            date_diff('month', g.acquired, g.month)::INTEGER AS tenure_months,
            coalesce(b.orders, 0)::INTEGER AS orders,
            coalesce(b.revenue, 0)::DOUBLE AS revenue_eur,
            coalesce(s.contacts, 0)::INTEGER AS contacts,
            coalesce(x.complaints, 0)::INTEGER AS complaints
        FROM grid g
        LEFT JOIN bought b USING (customer_id, month)
        LEFT JOIN served s USING (customer_id, month)
        LEFT JOIN complained x USING (customer_id, month)
        ORDER BY g.customer_id, g.month
        """,
        orders=orders,
        interactions=interactions,
        complaints=complaints,
        dates=dates,
    )
