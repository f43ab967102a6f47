"""``fact_customer_month``: one row per customer and calendar month, built from the facts.

Rows run from the month of acquisition (or the first month of the period)
to the last month, so a churned customer keeps rows with ``is_active`` false;
this is the usual layout for churn models and customer lifetime value.
"""

from __future__ import annotations

from typing import NamedTuple

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

    def positions(frame: pd.DataFrame) -> np.ndarray:
        """Row of each fact's customer and month."""
        index = frame["customer_id"].to_numpy(dtype=np.int64) - first_id
        m = month_index(frame["date_key"].to_numpy(dtype=np.int64), params)
        return start[index] + m - first_month[index]

    def counts(frame: pd.DataFrame) -> np.ndarray:
        return np.bincount(positions(frame), minlength=rows)[:rows]

    lines = tables["fact_order"]
    line_rows = positions(lines)
    _, first_lines = np.unique(lines["order_id"].to_numpy(), return_index=True)
    order_rows = line_rows[np.sort(first_lines)]  # the first line of every order
    revenue = lines["revenue_eur"].to_numpy(dtype=float)
    complaints = tables.get("fact_complaint")

    satisfaction = np.hstack([r.month_satisfaction for r in results])  # (months, people)
    state = np.full((count, months), np.nan)
    status = _status_events(results, acquired_min, first_id, ends)
    state[status.person, status.month] = status.alive
    for m in range(1, months):
        gap = np.isnan(state[:, m])
        state[gap, m] = state[gap, m - 1]
    churn_person = np.asarray(
        [event.customer_id - first_id for r in results for event in r.log.churn_events],
        dtype=np.int64,
    )
    churn_month = np.searchsorted(
        ends, [event.t_min for r in results for event in r.log.churn_events], side="right"
    )
    inside = churn_month < months
    churned = np.zeros(rows, dtype=bool)
    churned[
        start[churn_person[inside]] + churn_month[inside] - first_month[churn_person[inside]]
    ] = True

    acquisition = pd.DatetimeIndex(pd.to_datetime(tables["dim_customer"]["acquisition_date"]))
    month_dates = pd.date_range(pd.Timestamp(params.start_date), periods=months, freq="MS")
    first_year, first_month_number = acquisition.year.to_numpy(), acquisition.month.to_numpy()
    month_years, month_numbers = month_dates.year.to_numpy(), month_dates.month.to_numpy()
    tenure = (month_years[month] - first_year[who]) * 12 + (
        month_numbers[month] - first_month_number[who]
    )
    month_keys = (month_dates.year * 10000 + month_dates.month * 100 + 1).to_numpy()
    return pd.DataFrame(
        {
            "customer_id": ids[who],
            "month_key": month_keys[month],
            "tenure_months": np.asarray(tenure),
            "is_active": state[who, month] == 1.0,
            "orders": np.bincount(order_rows, minlength=rows)[:rows].astype(np.int64),
            "revenue_eur": np.bincount(line_rows, weights=revenue, minlength=rows)[:rows].round(2),
            "contacts": counts(tables["fact_interaction"]).astype(np.int64),
            "complaints": (counts(complaints) if complaints is not None else np.zeros(rows)).astype(
                np.int64
            ),
            "satisfaction_index": satisfaction[month, who].astype(float).round(3),
            "churned": churned,
        }
    )


class StatusEvents(NamedTuple):
    """The last status change of each person in each month where it changed.

    ``person`` is the position in the block's population, ``month`` the month of the
    period (0 = the start month), ``alive`` 1.0 after an acquisition or a win-back and
    0.0 after a churn.
    """

    person: np.ndarray
    month: np.ndarray
    alive: np.ndarray


def _status_events(
    results: list[ShardResult], acquired_min: np.ndarray, first_id: int, ends: np.ndarray
) -> StatusEvents:
    """Acquisitions, churns and win-backs inside the period; per person and month the last one.

    Events are ordered by person and time; on equal times an acquisition comes before a
    churn and a churn before a win-back (the order of the logs).
    """
    acquired = np.flatnonzero(~np.isnan(acquired_min))
    churns = [event for r in results for event in r.log.churn_events]
    backs = [event for r in results for event in r.log.win_backs]
    person = np.concatenate(
        [
            acquired,
            np.asarray([e.customer_id - first_id for e in churns], dtype=np.int64),
            np.asarray([e.customer_id - first_id for e in backs], dtype=np.int64),
        ]
    )
    t_min = np.concatenate(
        [
            np.maximum(acquired_min[acquired], 0.0),
            np.asarray([e.t_min for e in churns], dtype=float),
            np.asarray([e.t_min for e in backs], dtype=float),
        ]
    )
    alive = np.concatenate([np.ones(len(acquired)), np.zeros(len(churns)), np.ones(len(backs))])
    order = np.lexsort((t_min, person))  # stable: equal times keep the order above
    person, alive = person[order], alive[order]
    month = np.searchsorted(ends, t_min[order], side="right")
    inside = month < len(ends)
    person, month, alive = person[inside], month[inside], alive[inside]
    last = np.ones(len(person), dtype=bool)
    last[:-1] = (person[1:] != person[:-1]) | (month[1:] != month[:-1])
    return StatusEvents(person[last], month[last], alive[last])
