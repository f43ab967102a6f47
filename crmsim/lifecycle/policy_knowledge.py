"""What the company knows at a moment of a running shard: warehouse-like tables, never the truth.

A targeting policy (:mod:`crmsim.lifecycle.policy_run`) is shown these tables at
every quarter start. They are built from the shard's event log up to now and
from the master data a company keeps; hidden parameters (purchase rate,
satisfaction, who has silently lapsed) are not in them. Column names follow the
warehouse (``fact_order``, ``fact_campaign_contact`` …), so the analytics work on
them unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmsim.lifecycle.records import log_frame
from crmsim.lifecycle.state import ShardState
from crmsim.time_units import MINUTES_PER_DAY

#: Master-data columns that the company knows about every person (as in ``dim_customer``).
KNOWN_COLUMNS = [
    "customer_id",
    "customer_type",
    "age_band",
    "segment",
    "preferred_channel",
    "marketing_consent",
]

COMPLAINT_COLUMNS = [
    "customer_id",
    "date_key",
    "trigger",
    "resolved",
    "handling_cost_eur",
    "compensation_eur",
]
RESPONSE_COLUMNS = [
    "campaign_id",
    "customer_id",
    "date_key",
    "response_type",
    "order_id",
    "incentive_cost_eur",
]


@dataclass(frozen=True)
class CompanyKnowledge:
    """The company's tables at one moment (all money EUR).

    Attributes
    ----------
    as_of
        The moment (timestamp) the tables describe.
    customers
        One row per person: :data:`KNOWN_COLUMNS` plus ``status`` ("prospect",
        "active" or "cancelled": what the company knows, a silent lapse looks
        active), ``days_since_order`` (NaN without an order), ``orders``,
        ``revenue_eur`` and ``open_complaints`` (complaints not resolved).
    orders
        Order lines like ``fact_order``: order_id, customer_id, product_id,
        date_key, order_ts, campaign_id (0 for none), quantity, revenue_eur, cost_eur.
    campaigns
        Campaigns run so far like ``dim_campaign``: campaign_id, quarter,
        campaign_type, channel_code, start_date, end_date, product_line (−1 none),
        offer_share, cost_per_contact_eur, control_share.
    campaign_contacts
        Like ``fact_campaign_contact``: campaign_id, customer_id, date_key,
        channel_code, is_control, cost_eur.
    campaign_responses
        Like ``fact_campaign_response``: campaign_id, customer_id, date_key,
        response_type, order_id (NaN without an order), incentive_cost_eur.
    complaints
        Like ``fact_complaint``: customer_id, date_key, trigger, resolved,
        handling_cost_eur, compensation_eur.
    """

    as_of: pd.Timestamp
    customers: pd.DataFrame
    orders: pd.DataFrame
    campaigns: pd.DataFrame
    campaign_contacts: pd.DataFrame
    campaign_responses: pd.DataFrame
    complaints: pd.DataFrame


class LogFrames:
    """The shard's logs as DataFrames, converting only records added since the last call."""

    def __init__(self, shard: ShardState) -> None:
        self.shard = shard
        self.frames: dict[str, pd.DataFrame] = {}

    def __call__(self, name: str) -> pd.DataFrame:
        """The log ``name`` so far (columns: the record's fields)."""
        records = getattr(self.shard.log, name)
        known = self.frames.get(name)
        done = 0 if known is None else len(known)
        if known is not None and done == len(records):
            return known
        fresh = log_frame(name, records[done:])
        if known is not None and len(known):
            fresh.index = pd.RangeIndex(done, len(records))
            fresh = pd.concat([known, fresh])
        self.frames[name] = fresh
        return fresh


def _timestamps(start: pd.Timestamp, minutes: np.ndarray) -> pd.Series:
    return pd.Series(start + pd.to_timedelta(np.asarray(minutes, dtype=float), unit="min"))


def _date_keys(start: pd.Timestamp, minutes: np.ndarray) -> np.ndarray:
    """YYYYMMDD of each time (minutes since ``start``), through a table of the days."""
    days = np.floor(np.asarray(minutes, dtype=float) / MINUTES_PER_DAY).astype(np.int64)
    if len(days) == 0:
        return days
    calendar = pd.date_range(start, periods=int(days.max()) + 1, freq="D")
    keys = (calendar.year * 10000 + calendar.month * 100 + calendar.day).to_numpy(np.int64)
    return keys[days]


def order_lines(logs: LogFrames, start: pd.Timestamp, unit_cost: np.ndarray) -> pd.DataFrame:
    """All order lines so far in ``fact_order`` columns (order_id = log position + 1)."""
    heads = logs("orders")
    lines = logs("order_lines")
    if lines.empty:
        columns = ["order_id", "customer_id", "product_id", "date_key", "order_ts", "campaign_id"]
        return pd.DataFrame(
            {c: pd.Series(dtype="int64") for c in columns}
            | {c: pd.Series(dtype=float) for c in ("quantity", "revenue_eur", "cost_eur")}
        )
    position = lines["order_index"].to_numpy(dtype=np.int64)
    head = heads.iloc[position]
    minutes = head["t_min"].to_numpy(dtype=float)
    quantity = lines["quantity"].to_numpy(dtype=float)
    product = lines["product_id"].to_numpy(dtype=np.int64)
    revenue = quantity * (lines["unit_price_eur"].to_numpy() - lines["discount_eur"].to_numpy())
    return pd.DataFrame(
        {
            "order_id": position + 1,
            "customer_id": head["customer_id"].to_numpy(dtype=np.int64),
            "product_id": product,
            "date_key": _date_keys(start, minutes),
            "order_ts": _timestamps(start, minutes).to_numpy(),
            "campaign_id": np.maximum(head["campaign_id"].to_numpy(dtype=np.int64), 0),
            "quantity": quantity,
            "revenue_eur": revenue.round(2),
            "cost_eur": (quantity * unit_cost[product]).round(2),
        }
    )


def known_people(shard: ShardState) -> pd.DataFrame:
    """The master data of the shard's people (:data:`KNOWN_COLUMNS`)."""
    return pd.DataFrame(
        {
            "customer_id": shard.ids,
            "customer_type": shard.customer_type,
            "age_band": shard.age_band,
            "segment": shard.segment,
            "preferred_channel": shard.preferred,
            "marketing_consent": shard.consent.astype(bool),
        }
    )


def company_knowledge(
    shard: ShardState, campaigns: pd.DataFrame, logs: LogFrames | None = None
) -> CompanyKnowledge:
    """The tables the company has now (``shard.env.now``).

    Parameters
    ----------
    shard
        The running shard.
    campaigns
        The campaigns run so far (see :class:`CompanyKnowledge`).
    logs
        The shard's logs as frames, kept between calls (made afresh when None).
    """
    logs = logs or LogFrames(shard)
    start = pd.Timestamp(shard.params.start_date)
    now = shard.env.now
    unit_cost = np.zeros(len(shard.catalogue.price))
    products = shard.catalogue.products
    unit_cost[products["product_id"].to_numpy()] = products["unit_cost_eur"].to_numpy()
    orders = order_lines(logs, start, unit_cost)
    customers = known_people(shard)
    status = np.where(shard.acquired, "active", "prospect").astype(object)
    status[~np.isnan(shard.cancelled_min)] = "cancelled"
    customers["status"] = status
    since = (now - shard.last_purchase_min) / MINUTES_PER_DAY
    customers["days_since_order"] = np.where(np.isfinite(since), since, np.nan)
    order_count = orders.drop_duplicates("order_id")["customer_id"].value_counts()
    revenue = orders.groupby("customer_id")["revenue_eur"].sum()
    ids = customers["customer_id"]
    customers["orders"] = ids.map(order_count).fillna(0).astype(int).to_numpy()
    customers["revenue_eur"] = ids.map(revenue).fillna(0.0).to_numpy()
    complaints = logs("complaints")
    if complaints.empty:
        complaint_table = pd.DataFrame(columns=COMPLAINT_COLUMNS)
        open_count = pd.Series(dtype=float)
    else:
        complaint_table = complaints[
            ["customer_id", "trigger", "resolved", "handling_cost_eur", "compensation_eur"]
        ].assign(date_key=_date_keys(start, complaints["t_min"].to_numpy(dtype=float)))
        open_count = (~complaints["resolved"].astype(bool)).groupby(complaints["customer_id"]).sum()
    customers["open_complaints"] = ids.map(open_count).fillna(0).astype(int).to_numpy()
    contacts = logs("campaign_contacts")
    contacts = contacts.assign(
        date_key=_date_keys(start, contacts["t_min"].to_numpy(dtype=float))
    ).rename(columns={"channel": "channel_code"})
    responses = logs("campaign_responses")
    order_index = responses["order_index"].to_numpy(dtype=float)
    responses = responses.assign(
        date_key=_date_keys(start, responses["t_min"].to_numpy(dtype=float)),
        order_id=np.where(order_index >= 0, order_index + 1, np.nan),
    )
    return CompanyKnowledge(
        as_of=start + pd.Timedelta(minutes=now),
        customers=customers,
        orders=orders,
        campaigns=campaigns.copy(),
        campaign_contacts=contacts[
            ["campaign_id", "customer_id", "date_key", "channel_code", "is_control", "cost_eur"]
        ],
        campaign_responses=responses[RESPONSE_COLUMNS],
        complaints=complaint_table[COMPLAINT_COLUMNS],
    )
