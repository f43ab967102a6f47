"""The person-level tables: ``dim_customer``, ``dim_agent`` and ``truth_customer``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.shard import ShardResult
from crmsim.time_units import MINUTES_PER_DAY
from crmsim.warehouse.dimensions import channel_ids

TASTE_NAMES = ("mobile", "office", "home_entertainment", "photo")
SECONDS_PER_DAY = 86_400


def last_event(ids: np.ndarray, event_ids: list[int]) -> np.ndarray:
    """Per person in ``ids`` the position of its last event in ``event_ids``; −1 if none."""
    position = pd.Index(ids).get_indexer(np.asarray(event_ids, dtype=np.int64))
    last = np.full(len(ids), -1, dtype=np.int64)
    known = position >= 0
    np.maximum.at(last, position[known], np.flatnonzero(known))
    return last


def _pick(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``values[rows]``, NaN where a row is −1."""
    return np.append(values, np.nan)[rows]


def acquisition_dates(people: pd.DataFrame, params: LifecycleParameters) -> pd.Series:
    """Day each person became a customer (before the start, or during the run); NaT if never."""
    during = pd.Timestamp(params.start_date) + pd.to_timedelta(
        np.floor(people["acquired_min"].to_numpy() / MINUTES_PER_DAY).clip(min=0), unit="D"
    )
    acquired_in_run = np.isfinite(people["acquired_min"].to_numpy())
    before = pd.to_datetime(people["acquisition_date"])
    dates = before.where(~acquired_in_run, pd.Series(during, index=people.index))
    return dates.astype("datetime64[s]")


def customers_table(people: pd.DataFrame, params: LifecycleParameters) -> pd.DataFrame:
    """``dim_customer`` from the concatenated shard populations."""
    columns = (
        "customer_id",
        "customer_type",
        "name",
        "age_band",
        "postcode",
        "region",
        "segment",
        "income_class",
        "company_size_class",
        "estimated_wallet_eur",
        "initial_status",
    )
    frame = pd.DataFrame(
        {
            **{column: people[column] for column in columns},
            "acquisition_date": acquisition_dates(people, params),
            "acquisition_channel_id": channel_ids(people["acquisition_channel"]).astype("Int32"),
            "preferred_channel_id": channel_ids(people["preferred_channel"]),
            "marketing_consent": people["marketing_consent"],
        }
    )
    return frame


def agents_table(results: list[ShardResult]) -> tuple[pd.DataFrame, dict[int, int]]:
    """``dim_agent`` and per shard the offset of its agent keys (key = offset + center id + 1)."""
    frames, offsets, offset = [], {}, 0
    for result in results:
        agents = result.agents
        offsets[result.shard_index] = offset
        frames.append(
            pd.DataFrame(
                {
                    "agent_id": offset + agents["agent_id"].to_numpy() + 1,
                    "agent_name": [f"b{result.shard_index:03d}-{name}" for name in agents["agent"]],
                    "team": agents["group"].to_numpy(),
                    "customer_block": result.shard_index,
                    "channels": agents["channels"].to_numpy(),
                }
            )
        )
        offset += len(agents)
    return pd.concat(frames, ignore_index=True), offsets


def truth_table(
    people: pd.DataFrame, results: list[ShardResult], params: LifecycleParameters
) -> pd.DataFrame:
    """``truth_customer``: hidden parameters and the final churn state of every person."""
    start = np.datetime64(pd.Timestamp(params.start_date).as_unit("s").asm8, "s")
    churns = [event for r in results for event in r.log.churn_events]
    backs = [event for r in results for event in r.log.win_backs]
    ids = people["customer_id"]
    last_churn = last_event(ids.to_numpy(), [event.customer_id for event in churns])
    last_back = last_event(ids.to_numpy(), [event.customer_id for event in backs])
    churn_min = _pick(np.asarray([event.t_min for event in churns], dtype=float), last_churn)
    back_min = _pick(np.asarray([event.t_min for event in backs], dtype=float), last_back)
    churned_at_end = np.isfinite(churn_min) & ~(back_min > churn_min)
    acquired = (
        np.isfinite(people["acquired_min"].to_numpy())
        | (people["initial_status"] == "customer").to_numpy()
    )
    reasons = np.asarray([event.reason for event in churns] + [None], dtype=object)
    churn_reason = pd.array(reasons[np.where(churned_at_end, last_churn, -1)], dtype="str")

    def day(minutes: np.ndarray, keep: np.ndarray) -> np.ndarray:
        days = np.floor(np.nan_to_num(minutes) / MINUTES_PER_DAY).astype(np.int64)
        stamps = start + (days * SECONDS_PER_DAY).astype("timedelta64[s]")
        return np.where(keep, stamps, np.datetime64("NaT", "s"))

    return pd.DataFrame(
        {
            "customer_id": ids.to_numpy(),
            "purchase_rate_per_year": people["purchase_rate_per_year"].to_numpy(),
            "dropout_probability": people["dropout_probability"].to_numpy(),
            "mean_order_value_eur": people["mean_order_value_eur"].to_numpy(),
            "patience_min": people["patience_min"].to_numpy(),
            "baseline_satisfaction": people["baseline_satisfaction"].to_numpy(),
            "complaint_propensity": people["complaint_propensity"].to_numpy(),
            "taste_group": np.asarray(TASTE_NAMES)[people["taste_group"].to_numpy()],
            "is_active_at_end": acquired & ~churned_at_end,
            "churn_date": day(churn_min, churned_at_end),
            "churn_reason": churn_reason,
            "won_back_date": day(back_min, np.isfinite(back_min)),
        }
    )
