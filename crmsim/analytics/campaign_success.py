"""Campaign success measured honestly (Erfolgsanalyse): treatment against control group.

Every campaign holds back a random control group (Kontrollgruppe) that is not
contacted. Because the control group gets no mailing, it cannot "respond" to it:
the response rate exists only for the treatment group and says nothing about
what the campaign *caused*. What the campaign caused is the difference between
the two groups in something both can do in the response window: buy, spend,
churn. That difference is the uplift.

For a campaign with n_T contacted and n_C held back, and a behaviour measured
per person (bought in the window: yes/no; contribution in EUR):

.. math::

    \\text{uplift} = \\hat p_T - \\hat p_C, \\qquad
    \\text{incremental contribution} = n_T\\,(\\bar m_T - \\bar m_C), \\qquad
    \\text{ROI} = \\frac{\\text{incremental contribution} - \\text{cost}}{\\text{cost}}

The cost is the contact cost plus incentives granted without an order (a discount
on an order is already netted out of that order's revenue).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from crmsim.analytics.group_differences import mean_difference, share_difference

OUTCOME_COLUMNS = [
    "campaign_id",
    "customer_id",
    "is_control",
    "bought",
    "revenue_eur",
    "contribution_eur",
    "churned",
]
"""Columns of :func:`campaign_outcomes`, one row per selected person."""


def _date(key: pd.Series) -> pd.Series:
    return pd.to_datetime(key.astype("int64").astype(str), format="%Y%m%d")


def _segment_of(customer_ids: pd.Series, segments: pd.Series | None) -> pd.Series:
    if segments is None:
        return pd.Series("all", index=customer_ids.index)
    return customer_ids.map(segments).fillna("(none)").astype(str)


def campaign_outcomes(
    campaign_contacts: pd.DataFrame,
    campaigns: pd.DataFrame,
    orders: pd.DataFrame,
    customer_months: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """What every selected person did in the campaign's response window.

    Parameters
    ----------
    campaign_contacts
        ``fact_campaign_contact``: campaign_id, customer_id, date_key, is_control.
    campaigns
        ``dim_campaign``: campaign_id, end_date.
    orders
        ``fact_order``: customer_id, date_key, revenue_eur, cost_eur.
    customer_months
        ``fact_customer_month`` (customer_id, month_key, churned); without it the
        ``churned`` column is missing values.

    Returns
    -------
    pandas.DataFrame
        One row per selected person with the columns :data:`OUTCOME_COLUMNS`:
        ``bought`` (any order from the contact day to the end of the window),
        ``revenue_eur`` and ``contribution_eur`` (revenue − cost of goods, EUR) of
        those orders, and ``churned`` (churned in a month overlapping the window).
    """
    selected = campaign_contacts[["campaign_id", "customer_id", "date_key", "is_control"]].merge(
        campaigns[["campaign_id", "end_date"]], on="campaign_id", how="left"
    )
    selected["window_start"] = _date(selected["date_key"])
    selected["window_end"] = pd.to_datetime(selected["end_date"])
    selected["row"] = np.arange(len(selected))
    bought = orders[["customer_id", "date_key", "revenue_eur", "cost_eur"]].copy()
    bought["day"] = _date(bought["date_key"])
    pairs = selected[["row", "customer_id", "window_start", "window_end"]].merge(
        bought[["customer_id", "day", "revenue_eur", "cost_eur"]], on="customer_id"
    )
    inside = pairs[(pairs["day"] >= pairs["window_start"]) & (pairs["day"] <= pairs["window_end"])]
    sums = inside.groupby("row")[["revenue_eur", "cost_eur"]].sum()
    revenue = sums["revenue_eur"].reindex(selected["row"], fill_value=0.0).to_numpy()
    cost = sums["cost_eur"].reindex(selected["row"], fill_value=0.0).to_numpy()
    result = pd.DataFrame(
        {
            "campaign_id": selected["campaign_id"].to_numpy(),
            "customer_id": selected["customer_id"].to_numpy(),
            "is_control": selected["is_control"].astype(bool).to_numpy(),
            "bought": np.isin(selected["row"].to_numpy(), inside["row"].to_numpy()),
            "revenue_eur": revenue,
            "contribution_eur": revenue - cost,
        }
    )
    result["churned"] = _churned_in_window(selected, customer_months)
    return result[OUTCOME_COLUMNS]


def _churned_in_window(selected: pd.DataFrame, months: pd.DataFrame | None) -> np.ndarray:
    if months is None:
        return np.full(len(selected), np.nan)
    churn = months.loc[months["churned"].astype(bool), ["customer_id", "month_key"]].copy()
    churn["month_start"] = _date(churn["month_key"])
    pairs = selected[["row", "customer_id", "window_start", "window_end"]].merge(
        churn, on="customer_id"
    )
    month_end = pairs["month_start"] + pd.offsets.MonthEnd(0)
    inside = pairs[
        (month_end >= pairs["window_start"]) & (pairs["month_start"] <= pairs["window_end"])
    ]
    return np.isin(selected["row"].to_numpy(), inside["row"].to_numpy()).astype(float)


RESULT_COLUMNS = [
    "campaign_id",
    "campaign_name",
    "campaign_type",
    "segment",
    "treated",
    "control",
    "response_rate",
    "buy_rate_treatment",
    "buy_rate_control",
    "uplift",
    "uplift_low",
    "uplift_high",
    "incremental_contribution_eur",
    "incremental_contribution_low_eur",
    "incremental_contribution_high_eur",
    "cost_eur",
    "roi",
    "churn_rate_treatment",
    "churn_rate_control",
    "churn_change",
    "churn_change_low",
    "churn_change_high",
]
"""Columns of :func:`campaign_results`."""


def campaign_results(
    outcomes: pd.DataFrame,
    campaigns: pd.DataFrame,
    campaign_contacts: pd.DataFrame,
    responses: pd.DataFrame,
    segments: pd.Series | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Response, uplift, incremental contribution, cost and ROI per campaign (and segment).

    Parameters
    ----------
    outcomes
        :func:`campaign_outcomes`.
    campaigns
        ``dim_campaign`` (campaign_id, campaign_name, campaign_type).
    campaign_contacts
        ``fact_campaign_contact`` (campaign_id, customer_id, cost_eur).
    responses
        ``fact_campaign_response`` (campaign_id, customer_id, order_id, incentive_cost_eur).
    segments
        Optional segment per customer (index customer_id), e.g. RFM segments; the
        results are then split by campaign and segment.
    confidence
        Confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per campaign (and segment) with the columns :data:`RESULT_COLUMNS`:
        ``response_rate`` responses ÷ contacted; ``buy_rate_*`` share who bought in
        the window; ``uplift`` their difference (share points, with interval);
        ``incremental_contribution_eur`` contacted × difference in contribution per
        head (EUR, with interval); ``cost_eur`` contact cost plus incentives without
        an order; ``roi`` (incremental contribution − cost) ÷ cost; ``churn_change``
        churn share treatment − control (negative: the campaign kept customers).
    """
    data = outcomes.assign(segment=_segment_of(outcomes["customer_id"], segments))
    keys = ["campaign_id", "segment"]
    contacts = campaign_contacts.assign(
        segment=_segment_of(campaign_contacts["customer_id"], segments)
    )
    answers = responses.assign(segment=_segment_of(responses["customer_id"], segments))
    contact_cost = contacts.groupby(keys)["cost_eur"].sum()
    incentives = answers[answers["order_id"].isna()].groupby(keys)["incentive_cost_eur"].sum()
    answered = answers.groupby(keys)["customer_id"].count()
    rows = []
    for (campaign_id, segment), group in data.groupby(keys, sort=True):
        treated, held = group[~group["is_control"]], group[group["is_control"]]
        uplift = share_difference(
            int(treated["bought"].sum()),
            len(treated),
            int(held["bought"].sum()),
            len(held),
            confidence,
        )
        per_head = mean_difference(
            treated["contribution_eur"].to_numpy(), held["contribution_eur"].to_numpy(), confidence
        )
        spent = float(contact_cost.get((campaign_id, segment), 0.0)) + float(
            incentives.get((campaign_id, segment), 0.0)
        )
        incremental = len(treated) * per_head.value
        churn = _churn_change(treated, held, confidence)
        rows.append(
            {
                "campaign_id": campaign_id,
                "segment": segment,
                "treated": len(treated),
                "control": len(held),
                "response_rate": answered.get((campaign_id, segment), 0) / max(len(treated), 1),
                "buy_rate_treatment": float(treated["bought"].mean()) if len(treated) else np.nan,
                "buy_rate_control": float(held["bought"].mean()) if len(held) else np.nan,
                "uplift": uplift.value,
                "uplift_low": uplift.low,
                "uplift_high": uplift.high,
                "incremental_contribution_eur": incremental,
                "incremental_contribution_low_eur": len(treated) * per_head.low,
                "incremental_contribution_high_eur": len(treated) * per_head.high,
                "cost_eur": spent,
                "roi": (incremental - spent) / spent if spent > 0 else np.nan,
                **churn,
            }
        )
    table = pd.DataFrame(
        rows, columns=[c for c in RESULT_COLUMNS if c not in ("campaign_name", "campaign_type")]
    )
    names = campaigns[["campaign_id", "campaign_name", "campaign_type"]]
    return table.merge(names, on="campaign_id", how="left")[RESULT_COLUMNS]


def _churn_change(treated: pd.DataFrame, held: pd.DataFrame, confidence: float) -> dict[str, float]:
    if treated["churned"].isna().all():
        nan = math.nan
        return {
            "churn_rate_treatment": nan,
            "churn_rate_control": nan,
            "churn_change": nan,
            "churn_change_low": nan,
            "churn_change_high": nan,
        }
    change = share_difference(
        int(treated["churned"].sum()),
        len(treated),
        int(held["churned"].sum()),
        len(held),
        confidence,
    )
    return {
        "churn_rate_treatment": float(treated["churned"].mean()) if len(treated) else math.nan,
        "churn_rate_control": float(held["churned"].mean()) if len(held) else math.nan,
        "churn_change": change.value,
        "churn_change_low": change.low,
        "churn_change_high": change.high,
    }
