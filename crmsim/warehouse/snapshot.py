"""``fact_customer_month``: one row per customer and calendar month, built from the facts.

Rows run from the month of acquisition (or the first month of the period)
to the last month, so a churned customer keeps rows with ``is_active`` false;
this is the usual layout for churn models and customer lifetime value.
"""

from __future__ import annotations

from operator import itemgetter

import numpy as np
import pandas as pd

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import ShardResult, month_ends_min


def month_index(date_key: np.ndarray, params: LifecycleParameters) -> np.ndarray:
    """Calendar month of the period (0 = the start month) for YYYYMMDD keys."""
    year, month = date_key // 10000, (date_key // 100) % 100
    return (year - params.start_date.year) * 12 + (month - params.start_date.month)


def customer_months(
    results: list[ShardResult], tables: dict[str, pd.DataFrame], params: LifecycleParameters
) -> pd.DataFrame:
    """Build ``fact_customer_month`` from the shard results and the finished fact tables.

    Parameters
    ----------
    results
        Shard results in shard order (for latent satisfaction and churn events).
    tables
        Must hold ``dim_customer``, ``fact_order`` and ``fact_interaction``,
        ``fact_complaint`` is optional.
    params
        Model parameters of the run.
    """
    ends = np.asarray(month_ends_min(params))
    months = len(ends)
    people = pd.concat([r.people for r in results], ignore_index=True)
    count = len(people)
    ids = people["customer_id"].to_numpy()
    first_id = int(ids[0])
    assert (ids == np.arange(first_id, first_id + count)).all(), "customer ids must be consecutive"
    acquired_min = people["acquired_min"].to_numpy(dtype=float)
    acquired = ~np.isnan(acquired_min)
    first_month = np.where(
        np.isinf(acquired_min), 0, np.searchsorted(ends, np.nan_to_num(acquired_min), side="right")
    )
    first_month = np.minimum(first_month, months - 1)
    length = np.where(acquired, months - first_month, 0)
    start = np.concatenate([[0], np.cumsum(length)[:-1]])
    rows = int(length.sum())
    who = np.repeat(np.arange(count), length)
    month = np.arange(rows) - start[who] + first_month[who]

    def counts(frame: pd.DataFrame, weights: np.ndarray | None = None) -> np.ndarray:
        index = frame["customer_id"].to_numpy(dtype=np.int64) - first_id
        m = month_index(frame["date_key"].to_numpy(dtype=np.int64), params)
        position = start[index] + m - first_month[index]
        return np.bincount(position, weights=weights, minlength=rows)[:rows]

    orders = tables["fact_order"].drop_duplicates("order_id")
    revenue = tables["fact_order"]
    complaints = tables.get("fact_complaint")

    satisfaction = np.hstack([r.month_satisfaction for r in results])  # (months, people)
    events = _status_events(results, acquired_min, first_id, ends)
    state = np.full((count, months), np.nan)
    for index, m, alive in events:
        state[index, m] = alive
    for m in range(1, months):
        gap = np.isnan(state[:, m])
        state[gap, m] = state[gap, m - 1]
    churn_rows = [
        (event.customer_id - first_id, int(np.searchsorted(ends, event.t_min, side="right")))
        for r in results
        for event in r.log.churn_events
    ]
    churned = np.zeros(rows, dtype=bool)
    for index, m in churn_rows:
        if m < months:
            churned[start[index] + m - first_month[index]] = True

    acquisition = pd.DatetimeIndex(pd.to_datetime(tables["dim_customer"]["acquisition_date"]))
    month_dates = pd.date_range(pd.Timestamp(params.start_date), periods=months, freq="MS")
    first_year, first_month_number = acquisition.year.to_numpy(), acquisition.month.to_numpy()
    row_dates = month_dates[month]
    tenure = (row_dates.year.to_numpy() - first_year[who]) * 12 + (
        row_dates.month.to_numpy() - first_month_number[who]
    )
    month_keys = (month_dates.year * 10000 + month_dates.month * 100 + 1).to_numpy()
    return pd.DataFrame(
        {
            "customer_id": ids[who],
            "month_key": month_keys[month],
            "tenure_months": np.asarray(tenure),
            "is_active": state[who, month] == 1.0,
            "orders": counts(orders).astype(np.int64),
            "revenue_eur": counts(revenue, revenue["revenue_eur"].to_numpy(dtype=float)).round(2),
            "contacts": counts(tables["fact_interaction"]).astype(np.int64),
            "complaints": (counts(complaints) if complaints is not None else np.zeros(rows)).astype(
                np.int64
            ),
            "satisfaction_index": satisfaction[month, who].astype(float).round(3),
            "churned": churned,
        }
    )


def _status_events(
    results: list[ShardResult], acquired_min: np.ndarray, first_id: int, ends: np.ndarray
) -> list[tuple[int, int, float]]:
    """(person index, month, alive after the event) in time order, per person."""
    events: list[tuple[int, float, float]] = []
    for index in np.flatnonzero(~np.isnan(acquired_min)).tolist():
        events.append((index, max(acquired_min[index], 0.0), 1.0))
    for r in results:
        events.extend((e.customer_id - first_id, e.t_min, 0.0) for e in r.log.churn_events)
        events.extend((e.customer_id - first_id, e.t_min, 1.0) for e in r.log.win_backs)
    events.sort(key=itemgetter(0, 1))
    months = len(ends)
    month_of = np.searchsorted(ends, [t for _, t, _ in events], side="right").tolist()
    return [
        (index, m, alive)
        for (index, _, alive), m in zip(events, month_of, strict=True)
        if m < months
    ]
