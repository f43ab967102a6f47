"""The records of a shard's event log: one named record per log, shared by writer and reader.

The lifecycle processes append these records while a shard runs
(:class:`~crmsim.lifecycle.state.EventLog`); the warehouse turns each log into a
DataFrame whose columns are the record's fields (:func:`log_frame`). Times are
minutes since the start date, money is EUR. A field ending in ``_index`` is a
position in another log of the same shard (−1 for none); ``contact_id`` is the
number of a contact in the shard's interaction center (−1 for none).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd


class OrderRecord(NamedTuple):
    """An order: who, when, through which sales channel, and the campaign behind it (or −1)."""

    customer_id: int
    t_min: float
    channel: str
    campaign_id: int


class OrderLineRecord(NamedTuple):
    """One line of an order: the order's position in the order log, product, quantity, prices."""

    order_index: int
    product_id: int
    quantity: int
    unit_price_eur: float
    discount_eur: float  # per unit


class ComplaintRecord(NamedTuple):
    """A complaint that reached the company and how it was handled."""

    customer_id: int
    contact_id: int
    t_min: float
    trigger: str
    order_index: int
    product_id: int  # −1: not about a product
    handling_policy: str
    handling_cost_eur: float
    compensation_eur: float
    resolved: bool
    resolution_days: float  # NaN when unresolved


class SurveyRecord(NamedTuple):
    """A survey answer: ``csat`` after a contact (with its ``contact_id``) or the yearly ``nps``."""

    customer_id: int
    t_min: float
    survey_type: str
    score: int
    contact_id: int


class CampaignContactRecord(NamedTuple):
    """A person selected for a campaign: contacted (treatment) or held back (control)."""

    campaign_id: int
    customer_id: int
    t_min: float
    channel: str
    is_control: bool
    cost_eur: float


class CampaignResponseRecord(NamedTuple):
    """A response to a campaign contact (its position in the campaign-contact log)."""

    contact_index: int
    campaign_id: int
    customer_id: int
    t_min: float
    response_type: str
    order_index: int
    incentive_cost_eur: float


class ChurnRecord(NamedTuple):
    """A customer who ends the relationship: silently (dropout) or by cancelling."""

    customer_id: int
    t_min: float
    reason: str


class WinBackRecord(NamedTuple):
    """A cancelled customer who comes back."""

    customer_id: int
    t_min: float


#: The record type of each log, by the log's name (an attribute of the event log).
LOG_RECORDS: dict[str, type[tuple[Any, ...]]] = {
    "orders": OrderRecord,
    "order_lines": OrderLineRecord,
    "complaints": ComplaintRecord,
    "surveys": SurveyRecord,
    "campaign_contacts": CampaignContactRecord,
    "campaign_responses": CampaignResponseRecord,
    "churn_events": ChurnRecord,
    "win_backs": WinBackRecord,
}


def log_columns(name: str) -> list[str]:
    """Column names of the log ``name``: the fields of its record."""
    return list(LOG_RECORDS[name]._fields)  # type: ignore[attr-defined]


def log_frame(name: str, records: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """The log ``name`` as a DataFrame, one column per record field (object columns when empty)."""
    columns = log_columns(name)
    if not records:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in columns})
    return pd.DataFrame.from_records(records, columns=columns)
