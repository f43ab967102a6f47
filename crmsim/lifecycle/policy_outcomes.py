"""What a policy run earned: the true effect of every contact and the quarterly accounts.

The true incremental contribution of a contact (EUR) is known only in a
simulation. For a contacted person:

.. math::

    \\Delta = -c + \\mathbb 1_{\\text{responded}}\\, v_{\\text{response}}
            - \\mathbb 1_{\\text{left}}\\, v_{\\text{customer}}

with contact cost c, the expected value of a response
(:func:`~crmsim.lifecycle.policy_market.response_value`) and the value of a
customer who cancelled because of the contact
(:func:`~crmsim.lifecycle.policy_market.customer_value`). Whether the person
responded or left comes from the common random numbers, so two policies that
contact the same person in the same quarter book the same effect. Purchases the
person would have made anyway are not counted: a response order is an extra
order in this model. Control-group rows are 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmsim.lifecycle.params import LifecycleParameters
from crmsim.lifecycle.policy_knowledge import CompanyKnowledge

QUARTER_DAYS = 91

SELECTION_COLUMNS = [
    "campaign_id",
    "quarter",
    "campaign_type",
    "channel",
    "offer",
    "customer_id",
    "is_control",
    "cost_eur",
    "p_respond",
    "p_leave",
    "p_buy_without",
    "responded",
    "left_by_contact",
    "bought_if_contacted",
    "bought_if_not_contacted",
    "customer_type",
    "value_if_responding_eur",
    "value_if_leaving_eur",
    "incremental_contribution_eur",
]
"""Columns of the selections of a policy run (see :func:`value_selections`)."""


def value_selections(rows: pd.DataFrame) -> pd.DataFrame:
    """Add the customer type and the true incremental contribution to the selection rows.

    Parameters
    ----------
    rows
        One row per selected person as recorded by the run, with the potential
        outcomes and the hidden values (EUR) of a response and of a lost customer.
    """
    from crmsim.analytics.uplift import customer_type  # the analytics build on the lifecycle

    if rows.empty:
        return pd.DataFrame(columns=SELECTION_COLUMNS)
    treated = ~rows["is_control"].astype(bool)
    gain = rows["responded"] * rows["value_if_responding_eur"]
    loss = rows["left_by_contact"] * rows["value_if_leaving_eur"]
    result = rows.assign(
        customer_type=customer_type(
            rows["bought_if_contacted"].to_numpy(), rows["bought_if_not_contacted"].to_numpy()
        ),
        incremental_contribution_eur=((gain - loss) * treated - rows["cost_eur"]).round(2),
    )
    return result[SELECTION_COLUMNS]


def quarter_table(
    knowledge: CompanyKnowledge, selections: pd.DataFrame, params: LifecycleParameters
) -> pd.DataFrame:
    """Per quarter: contacts, campaign cost, responses, true incremental and total contribution."""
    start = pd.Timestamp(params.start_date)
    quarters = max(1, params.horizon_days // QUARTER_DAYS)

    def quarter_of(stamps: pd.Series) -> np.ndarray:
        days = (pd.to_datetime(stamps) - start).dt.days.to_numpy()
        return np.minimum(days // QUARTER_DAYS, quarters - 1)

    def date_of(keys: pd.Series) -> pd.Series:
        return pd.to_datetime(keys.astype("int64").astype(str), format="%Y%m%d")

    orders = knowledge.orders
    margin = (
        (orders["revenue_eur"] - orders["cost_eur"]).groupby(quarter_of(orders["order_ts"])).sum()
    )
    complaints = knowledge.complaints
    complaint_cost = (
        (complaints["handling_cost_eur"] + complaints["compensation_eur"])
        .astype(float)
        .groupby(quarter_of(date_of(complaints["date_key"])))
        .sum()
        if len(complaints)
        else pd.Series(dtype=float)
    )
    answers = knowledge.campaign_responses
    incentives = (
        answers.loc[answers["order_id"].isna(), "incentive_cost_eur"]
        .astype(float)
        .groupby(quarter_of(date_of(answers.loc[answers["order_id"].isna(), "date_key"])))
        .sum()
        if len(answers)
        else pd.Series(dtype=float)
    )
    by_quarter = selections.groupby("quarter")
    table = pd.DataFrame({"quarter": np.arange(quarters)})
    table["contacted"] = table["quarter"].map(by_quarter["is_control"].apply(lambda c: (~c).sum()))
    table["cost_eur"] = table["quarter"].map(by_quarter["cost_eur"].sum())
    table["responses"] = table["quarter"].map(by_quarter["responded"].sum())
    table["incremental_contribution_eur"] = table["quarter"].map(
        by_quarter["incremental_contribution_eur"].sum()
    )
    table = table.fillna(0.0)
    table["contribution_eur"] = (
        table["quarter"].map(margin).fillna(0.0)
        - table["cost_eur"]
        - table["quarter"].map(incentives).fillna(0.0)
        - table["quarter"].map(complaint_cost).fillna(0.0)
    )
    table["cumulative_incremental_eur"] = table["incremental_contribution_eur"].cumsum()
    table["cumulative_contribution_eur"] = table["contribution_eur"].cumsum()
    return table
