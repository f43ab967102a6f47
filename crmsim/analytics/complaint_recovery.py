"""Service recovery: does a well-handled complaint make a customer more loyal than no problem?

The *service recovery paradox* claims that a customer whose problem was solved
excellently ends up more loyal than one who never had a problem. The data can
test it: compare churn per customer-year and the satisfaction index of

- customers without any complaint or failed contact in the period ("no problem"),
- customers whose first complaint was resolved under the personal or the
  standardised policy (counted from the month of the complaint on),
- customers whose first complaint stayed unresolved.

Because the policy was drawn at random, the three complaint groups are
comparable with each other. The "no problem" group is not randomised: it also
differs in how much its customers bought (failures come with orders) and holds
customers who had a problem and never said so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from crmsim.analytics.complaints import complaint_outcomes, month_start
from crmsim.analytics.estimates import mean_estimate, share_estimate

#: Contact outcomes that leave the customer with a problem.
FAILED_CONTACTS = ("unresolved", "abandoned", "blocked", "not_reached")
GROUP_ORDER = (
    "no problem",
    "complaint resolved, personal",
    "complaint resolved, standardised",
    "complaint not resolved",
)


def yearly_from_monthly(share: float) -> float:
    """A monthly churn probability as the probability of churning within 12 months.

    Examples
    --------
    >>> round(yearly_from_monthly(0.01), 4)
    0.1136
    """
    return 1.0 - (1.0 - share) ** 12 if not math.isnan(share) else math.nan


def recovery_groups(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every customer-month at risk of churning, labelled with the customer's group.

    Returns
    -------
    pandas.DataFrame
        ``fact_customer_month`` rows (active or churned in the month) with a ``group``
        column (see :data:`GROUP_ORDER`); complaint groups keep only the months from the
        month of the first complaint on; customers with a problem but no complaint are
        left out.
    """
    months = tables["fact_customer_month"]
    months = months[months["is_active"] | months["churned"]]
    first = complaint_outcomes(tables, followup_months=None)
    first = first.assign(month_key=month_start(first["complaint_ts"]))
    first["group"] = "complaint not resolved"
    resolved = first["resolved"]
    first.loc[resolved & (first["policy"] == "personal"), "group"] = "complaint resolved, personal"
    first.loc[resolved & (first["policy"] == "standardised"), "group"] = (
        "complaint resolved, standardised"
    )
    first.loc[resolved & (first["policy"] == "none"), "group"] = "complaint resolved, none"
    contacts = tables["fact_interaction"]
    troubled = set(contacts.loc[contacts["outcome"].isin(FAILED_CONTACTS), "customer_id"])
    troubled |= set(tables["fact_complaint"]["customer_id"])
    calm = months[~months["customer_id"].isin(troubled)].assign(group="no problem")
    after = months.merge(
        first[["customer_id", "month_key", "group"]], on="customer_id", suffixes=("", "_complaint")
    )
    after = after[after["month_key"] >= after["month_key_complaint"]].drop(
        columns="month_key_complaint"
    )
    return pd.concat([calm, after], ignore_index=True)


def service_recovery(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Churn and satisfaction after a recovered complaint against customers without a problem.

    Returns
    -------
    pandas.DataFrame
        One row per group of :data:`GROUP_ORDER`: ``customers``, ``customer_months``,
        ``churn_per_year`` (probability of churning within 12 months, from the monthly
        churn share) with ``churn_low``/``churn_high`` (95 % Wilson interval, transformed),
        and ``satisfaction`` (mean over customers of their mean satisfaction index 0..10)
        with ``satisfaction_low``/``satisfaction_high`` (95 % t-interval).
    """
    return _summarise(recovery_groups(tables).assign(warehouse=0))


def pooled_service_recovery(warehouses: Mapping[int, dict[str, pd.DataFrame]]) -> pd.DataFrame:
    """:func:`service_recovery` over several warehouses (e.g. one per seed), pooled.

    Customers of different warehouses count as different customers even where their
    keys coincide. The columns are those of :func:`service_recovery`.
    """
    labelled = [recovery_groups(tables).assign(warehouse=key) for key, tables in warehouses.items()]
    return _summarise(pd.concat(labelled, ignore_index=True))


def _summarise(labelled: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for group in GROUP_ORDER:
        part = labelled[labelled["group"] == group]
        monthly = share_estimate(int(part["churned"].sum()), len(part))
        per_customer = part.groupby(["warehouse", "customer_id"])["satisfaction_index"].mean()
        satisfaction = mean_estimate(per_customer)
        rows.append(
            {
                "group": group,
                "customers": len(per_customer),
                "customer_months": len(part),
                "churn_per_year": yearly_from_monthly(monthly.value),
                "churn_low": yearly_from_monthly(monthly.low),
                "churn_high": yearly_from_monthly(monthly.high),
                "satisfaction": satisfaction.value,
                "satisfaction_low": satisfaction.low,
                "satisfaction_high": satisfaction.high,
            }
        )
    return pd.DataFrame(rows)
