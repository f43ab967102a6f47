"""Campaign results (treatment against control group) in DuckDB, for large customer bases.

The heavy part of :func:`crmsim.analytics.campaign_success.campaign_results` is the
join of every selected person with their orders and churn months in the campaign's
response window. Here DuckDB does that join out of core and returns only a few
figures per campaign and group: size, buyers, churned, and the mean and variance of
the contribution per head (EUR). The intervals are then computed from these
moments with the same formulas (Newcombe's interval for the buy and churn shares,
Welch's t interval for the contribution per head), so the result equals the pandas
path's (one segment, ``"all"``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd
from scipy import stats

from crmsim.analytics.campaign_success import RESULT_COLUMNS
from crmsim.analytics.duckdb_customers import query_frame
from crmsim.analytics.estimates import Estimate
from crmsim.analytics.group_differences import share_difference

if TYPE_CHECKING:
    import duckdb

GROUP_SQL = """
WITH selected AS (
    SELECT row_number() OVER () AS row, k.campaign_id, k.customer_id, k.is_control,
        strptime(k.date_key::VARCHAR, '%Y%m%d')::DATE AS window_start,
        c.end_date::DATE AS window_end
    FROM contacts k JOIN campaigns c USING (campaign_id)
), bought AS (
    SELECT s.row, sum(o.revenue_eur::DECIMAL(18, 2)) AS revenue,
        sum(o.cost_eur::DECIMAL(18, 2)) AS cost
    FROM selected s JOIN orders o ON o.customer_id = s.customer_id
        AND strptime(o.date_key::VARCHAR, '%Y%m%d')::DATE BETWEEN s.window_start AND s.window_end
    GROUP BY s.row
), churn AS (
    SELECT DISTINCT s.row
    FROM selected s JOIN months m ON m.customer_id = s.customer_id AND m.churned
        AND last_day(strptime(m.month_key::VARCHAR, '%Y%m%d')::DATE) >= s.window_start
        AND strptime(m.month_key::VARCHAR, '%Y%m%d')::DATE <= s.window_end
), outcomes AS (
    SELECT s.campaign_id, s.is_control, b.row IS NOT NULL AS bought,
        coalesce(b.revenue - b.cost, 0)::DOUBLE AS contribution, h.row IS NOT NULL AS churned
    FROM selected s LEFT JOIN bought b USING (row) LEFT JOIN churn h USING (row)
)
SELECT campaign_id, is_control, count(*) AS people, sum(bought::INTEGER) AS buyers,
    avg(contribution) AS mean_contribution, var_samp(contribution) AS var_contribution,
    sum(churned::INTEGER) AS churned
FROM outcomes GROUP BY campaign_id, is_control ORDER BY campaign_id, is_control
"""

SPEND_SQL = """
SELECT c.campaign_id,
    (SELECT coalesce(sum(cost_eur::DECIMAL(18, 2)), 0) FROM contacts k
        WHERE k.campaign_id = c.campaign_id)::DOUBLE AS contact_cost,
    (SELECT coalesce(sum(incentive_cost_eur::DECIMAL(18, 2)), 0) FROM responses r
        WHERE r.campaign_id = c.campaign_id AND r.order_id IS NULL)::DOUBLE AS incentives,
    (SELECT count(*) FROM responses r WHERE r.campaign_id = c.campaign_id) AS answered
FROM campaigns c
"""


def welch_difference(
    mean_a: float, var_a: float, n_a: int, mean_b: float, var_b: float, n_b: int, confidence: float
) -> Estimate:
    """Difference of two means with Welch's t interval, from each group's mean and variance.

    The same result as :func:`crmsim.analytics.group_differences.mean_difference` on
    the observations (``var_*`` the sample variances, ddof = 1).

    Examples
    --------
    >>> d = welch_difference(5.0, 4.0, 3, 2.0, 1.0, 3, 0.95)
    >>> d.value, round(d.low, 2), round(d.high, 2)
    (3.0, -1.16, 7.16)
    """
    if n_a == 0 or n_b == 0:
        return Estimate(math.nan, math.nan, math.nan, n_a + n_b)
    value = float(mean_a - mean_b)
    if n_a < 2 or n_b < 2:
        return Estimate(value, math.nan, math.nan, n_a + n_b)
    va, vb = var_a / n_a, var_b / n_b
    spread = math.sqrt(va + vb)
    if spread == 0:
        return Estimate(value, value, value, n_a + n_b)
    df = (va + vb) ** 2 / (va**2 / (n_a - 1) + vb**2 / (n_b - 1))
    half = float(stats.t.ppf(0.5 + confidence / 2, df)) * spread
    return Estimate(value, value - half, value + half, n_a + n_b)


class GroupFigures(NamedTuple):
    """One group of one campaign: people, buyers, churned, and contribution per head (EUR)."""

    people: int
    buyers: int
    mean: float
    var: float
    churned: int


def _group(groups: pd.DataFrame, campaign_id: int, control: bool) -> GroupFigures:
    row = groups[(groups["campaign_id"] == campaign_id) & (groups["is_control"] == control)]
    if row.empty:
        return GroupFigures(0, 0, math.nan, math.nan, 0)
    first = row.iloc[0]
    variance = first["var_contribution"]
    return GroupFigures(
        int(first["people"]),
        int(first["buyers"]),
        float(first["mean_contribution"]),
        0.0 if pd.isna(variance) else float(variance),
        int(first["churned"]),
    )


def duckdb_campaign_results(
    contacts: duckdb.DuckDBPyRelation,
    campaigns: duckdb.DuckDBPyRelation,
    orders: duckdb.DuckDBPyRelation,
    months: duckdb.DuckDBPyRelation,
    responses: duckdb.DuckDBPyRelation,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Response, uplift, incremental contribution, cost, ROI and churn change per campaign.

    Parameters
    ----------
    contacts, campaigns, orders, months, responses
        ``fact_campaign_contact``, ``dim_campaign``, ``fact_order``,
        ``fact_customer_month`` and ``fact_campaign_response`` as DuckDB relations.
    confidence
        Confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per campaign with the columns
        :data:`crmsim.analytics.campaign_success.RESULT_COLUMNS` (segment ``"all"``),
        as :func:`~crmsim.analytics.campaign_success.campaign_results` of
        :func:`~crmsim.analytics.campaign_success.campaign_outcomes`.
    """
    groups = query_frame(
        contacts, "contacts", GROUP_SQL, campaigns=campaigns, orders=orders, months=months
    )
    spend = query_frame(
        campaigns, "campaigns", SPEND_SQL, contacts=contacts, responses=responses
    ).set_index("campaign_id")
    names = query_frame(
        campaigns, "campaigns", "SELECT campaign_id, campaign_name, campaign_type FROM campaigns"
    )
    rows = []
    for campaign_id in sorted(groups["campaign_id"].unique().tolist()):
        treated, held = _group(groups, campaign_id, False), _group(groups, campaign_id, True)
        n_t, n_c = treated.people, held.people
        uplift = share_difference(treated.buyers, n_t, held.buyers, n_c, confidence)
        per_head = welch_difference(
            treated.mean, treated.var, n_t, held.mean, held.var, n_c, confidence
        )
        spent = float(spend.loc[campaign_id, "contact_cost"] + spend.loc[campaign_id, "incentives"])
        incremental = n_t * per_head.value
        churn = share_difference(treated.churned, n_t, held.churned, n_c, confidence)
        rows.append(
            {
                "campaign_id": campaign_id,
                "segment": "all",
                "treated": n_t,
                "control": n_c,
                "response_rate": int(spend.loc[campaign_id, "answered"]) / max(n_t, 1),
                "buy_rate_treatment": treated.buyers / n_t if n_t else np.nan,
                "buy_rate_control": held.buyers / n_c if n_c else np.nan,
                "uplift": uplift.value,
                "uplift_low": uplift.low,
                "uplift_high": uplift.high,
                "incremental_contribution_eur": incremental,
                "incremental_contribution_low_eur": n_t * per_head.low,
                "incremental_contribution_high_eur": n_t * per_head.high,
                "cost_eur": spent,
                "roi": (incremental - spent) / spent if spent > 0 else np.nan,
                "churn_rate_treatment": treated.churned / n_t if n_t else math.nan,
                "churn_rate_control": held.churned / n_c if n_c else math.nan,
                "churn_change": churn.value,
                "churn_change_low": churn.low,
                "churn_change_high": churn.high,
            }
        )
    table = pd.DataFrame(
        rows, columns=[c for c in RESULT_COLUMNS if c not in ("campaign_name", "campaign_type")]
    )
    return table.merge(names, on="campaign_id", how="left")[RESULT_COLUMNS]
