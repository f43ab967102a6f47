"""Customer profiling: the lecture's five questions as small queries, and its working cycle.

Which customers are the most and the least profitable? Who is about to
churn? Which products suit which group? How did the campaigns perform? How
should customers be classified for direct marketing? Each answer is one
function; :data:`PROFILING_CYCLE` names the steps every such analysis goes
through (select → prepare → analyse → act → results → feedback).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from crmsim.analytics.abc_analysis import customer_value
from crmsim.analytics.rfm import SEGMENT_RULES


class CycleStep(NamedTuple):
    """One step of the profiling cycle (German term) and what it means in this chapter."""

    name: str
    name_de: str
    meaning: str


#: The customer-profiling cycle of the lecture, in order; after feedback it starts again.
PROFILING_CYCLE: tuple[CycleStep, ...] = (
    CycleStep("select", "Datenauswahl", "choose the question, customers, period and tables"),
    CycleStep("prepare", "Aufbereitung", "join, clean and aggregate to one row per customer"),
    CycleStep("analyse", "Analyse", "ABC, RFM, CLV, churn model, campaign comparison"),
    CycleStep("act", "neue Aktionen", "target a campaign, a service level or a retention offer"),
    CycleStep("results", "Ergebnisse", "measure responses, revenue and churn against a control"),
    CycleStep("feedback", "Feedback", "store the reactions; they are the next cycle's data"),
)


def most_and_least_profitable(orders: pd.DataFrame, count: int = 10) -> pd.DataFrame:
    """The ``count`` customers with the highest and the lowest contribution margin.

    Parameters
    ----------
    orders
        Order lines (``fact_order``) with revenue and cost in EUR.
    count
        Customers in each list.

    Returns
    -------
    pandas.DataFrame
        ``customer_id``, ``contribution_eur``, ``rank_group`` ("most" or "least").

    Examples
    --------
    >>> lines = pd.DataFrame({"customer_id": [1, 2, 3], "revenue_eur": [100.0, 10.0, 50.0],
    ...                       "cost_eur": [40.0, 15.0, 20.0]})
    >>> most_and_least_profitable(lines, 1)["customer_id"].tolist()
    [1, 2]
    """
    value = customer_value(orders, "contribution")
    top = value.head(count).rename("contribution_eur").reset_index().assign(rank_group="most")
    bottom = value.tail(count).rename("contribution_eur").reset_index().assign(rank_group="least")
    return pd.concat([top, bottom], ignore_index=True)


def about_to_churn(scores: pd.Series, count: int = 50) -> pd.Index:
    """The ``count`` customers with the highest churn scores, highest first.

    Examples
    --------
    >>> about_to_churn(pd.Series({7: 0.2, 8: 0.9, 9: 0.5}), 2).tolist()
    [8, 9]
    """
    return scores.sort_values(ascending=False, kind="stable").head(count).index


def products_for_groups(
    orders: pd.DataFrame, products: pd.DataFrame, customers: pd.DataFrame, group: str = "segment"
) -> pd.DataFrame:
    """Revenue share of each product category within each customer group, and its index.

    Parameters
    ----------
    orders, products, customers
        ``fact_order``, ``dim_product``, ``dim_customer``.
    group
        A column of ``dim_customer`` (segment, region, age_band, …).

    Returns
    -------
    pandas.DataFrame
        Rows: groups; columns: categories; values: the index = the category's
        share of the group's revenue ÷ its share of all revenue (above 1: the
        group buys the category more than average, a cue for targeting).
    """
    joined = orders.assign(
        category=orders["product_id"].map(products.set_index("product_id")["category"]),
        group=orders["customer_id"].map(customers.set_index("customer_id")[group]),
    )
    revenue = joined.pivot_table(
        index="group", columns="category", values="revenue_eur", aggfunc="sum", fill_value=0.0
    )
    within = revenue.div(revenue.sum(axis=1), axis=0)
    overall = revenue.sum(axis=0) / revenue.to_numpy().sum()
    index = within / overall
    index.index.name = group
    return index.round(2)


def campaign_performance(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Share of buyers among contacted versus held-back customers, per campaign type.

    The control group gets no mailing, so it cannot "respond"; what both groups
    can do is buy in the response window. The difference of the buying shares
    (the uplift) is what the campaigns caused; see
    :func:`crmsim.analytics.campaign_success.campaign_results` for one campaign
    at a time with intervals and ROI.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``campaign_type``: ``contacted``, ``held_back``,
        ``buy_rate_contacted``, ``buy_rate_held_back``, ``uplift`` (difference of
        the shares), ``cost_eur`` (contact cost), ``cost_per_extra_buyer_eur``.
    """
    from crmsim.analytics.campaign_success import campaign_outcomes

    outcomes = campaign_outcomes(
        tables["fact_campaign_contact"], tables["dim_campaign"], tables["fact_order"]
    ).merge(tables["dim_campaign"][["campaign_id", "campaign_type"]], on="campaign_id")
    grouped = outcomes.groupby(["campaign_type", "is_control"])["bought"]
    rates = grouped.mean().unstack("is_control")
    counts = grouped.size().unstack("is_control")
    contacts = tables["fact_campaign_contact"].merge(
        tables["dim_campaign"][["campaign_id", "campaign_type"]], on="campaign_id"
    )
    table = pd.DataFrame(
        {
            "contacted": counts[False],
            "held_back": counts[True],
            "buy_rate_contacted": rates[False],
            "buy_rate_held_back": rates[True],
            "cost_eur": contacts.groupby("campaign_type")["cost_eur"].sum(),
        }
    )
    table["uplift"] = table["buy_rate_contacted"] - table["buy_rate_held_back"]
    extra = table["uplift"] * table["contacted"]
    table["cost_per_extra_buyer_eur"] = (table["cost_eur"] / extra).where(extra > 0)
    return table


def direct_marketing_classes(scored_rfm: pd.DataFrame) -> pd.DataFrame:
    """Classify customers for direct marketing by their RFM segment, with the action per class.

    Parameters
    ----------
    scored_rfm
        :func:`crmsim.analytics.rfm.rfm_scores`.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer: ``segment``, ``action`` (what the mailing offers).
    """
    actions = {rule.name: rule.action for rule in SEGMENT_RULES}
    return scored_rfm[["segment"]].assign(action=scored_rfm["segment"].map(actions))
