"""Churn features from the history before a cut-off date, labels from the time after it.

The one rule of churn modelling: a feature may only use what the company knew
at the cut-off. :func:`churn_features` therefore reads only rows dated before
the cut-off from the order, contact, complaint and survey facts plus the
master data, and never a ``truth_*`` table or the monthly snapshot (whose
``is_active`` and ``satisfaction_index`` come from the hidden model).
:func:`churn_labels` looks at the months after the cut-off.
"""

from __future__ import annotations

import pandas as pd

from crmsim.analytics.rfm import order_totals
from crmsim.errors import InputError

#: Tables (and their date columns) the features may read, all cut at the cut-off.
FEATURE_SOURCES = {
    "fact_order": "order_ts",
    "fact_interaction": "arrival_ts",
    "fact_complaint": "complaint_ts",
    "fact_survey_response": "response_ts",
}

#: What each feature means (units in brackets).
FEATURE_MEANINGS = {
    "days_since_last_order": "days from the last order to the cut-off [days]",
    "orders": "orders before the cut-off",
    "orders_last_90_days": "orders in the 90 days before the cut-off",
    "revenue_eur": "revenue before the cut-off [EUR]",
    "tenure_days": "days from acquisition to the cut-off [days]",
    "contacts_last_90_days": "service contacts in the 90 days before the cut-off",
    "mean_wait_min": "mean wait of the customer's service contacts [minutes]",
    "unresolved_contacts": "service contacts whose concern was not solved",
    "complaints": "complaints before the cut-off",
    "open_complaints": "complaints not resolved",
    "last_nps": "last NPS answer (0-10; 7 if never asked)",
    "mean_csat": "mean CSAT answer (1-5; 4 if never asked)",
    "is_business": "business customer (1) or private (0)",
}


def _before(tables: dict[str, pd.DataFrame], name: str, cutoff: pd.Timestamp) -> pd.DataFrame:
    frame = tables[name]
    return frame[frame[FEATURE_SOURCES[name]] < cutoff]


def churn_features(tables: dict[str, pd.DataFrame], cutoff: str | pd.Timestamp) -> pd.DataFrame:
    """One row of features per customer who ordered before ``cutoff``.

    Parameters
    ----------
    tables
        Warehouse tables by name; only ``dim_customer`` and the facts in
        :data:`FEATURE_SOURCES` are read, and of the facts only rows before ``cutoff``.
    cutoff
        The day the model is built (exclusive end of the history).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``customer_id``; the columns of :data:`FEATURE_MEANINGS`.

    Examples
    --------
    >>> from pathlib import Path
    >>> import crmsim
    >>> from crmsim.warehouse import read_tables
    >>> tables = read_tables(Path(crmsim.__file__).parents[1] / "data")
    >>> features = churn_features(tables, "2025-01-01")
    >>> list(features.columns) == list(FEATURE_MEANINGS)
    True
    """
    cutoff = pd.Timestamp(cutoff)
    orders = order_totals(_before(tables, "fact_order", cutoff))
    if orders.empty:
        raise InputError(f"no orders before the cut-off {cutoff.date()}: choose a later date")
    by_customer = orders.groupby("customer_id")
    recent = orders[orders["order_ts"] >= cutoff - pd.Timedelta(days=90)]
    features = pd.DataFrame(
        {
            "days_since_last_order": (cutoff - by_customer["order_ts"].max()).dt.days,
            "orders": by_customer.size(),
            "orders_last_90_days": recent.groupby("customer_id").size(),
            "revenue_eur": by_customer["order_value_eur"].sum(),
        }
    )
    customers = tables["dim_customer"].set_index("customer_id").reindex(features.index)
    features["tenure_days"] = (cutoff - customers["acquisition_date"]).dt.days.clip(lower=0)
    contacts = _before(tables, "fact_interaction", cutoff)
    contacts_recent = contacts[contacts["arrival_ts"] >= cutoff - pd.Timedelta(days=90)]
    features["contacts_last_90_days"] = contacts_recent.groupby("customer_id").size()
    features["mean_wait_min"] = contacts.groupby("customer_id")["wait_min"].mean()
    features["unresolved_contacts"] = (~contacts["resolved"]).groupby(contacts["customer_id"]).sum()
    complaints = _before(tables, "fact_complaint", cutoff)
    features["complaints"] = complaints.groupby("customer_id").size()
    features["open_complaints"] = (~complaints["resolved"]).groupby(complaints["customer_id"]).sum()
    surveys = _before(tables, "fact_survey_response", cutoff).sort_values("response_ts")
    nps = surveys[surveys["survey_type"] == "nps"].groupby("customer_id")["score"].last()
    csat = surveys[surveys["survey_type"] == "csat"].groupby("customer_id")["score"].mean()
    features["last_nps"] = nps
    features["mean_csat"] = csat
    features["is_business"] = (customers["customer_type"] == "business").astype(int)
    fill = {"last_nps": 7.0, "mean_csat": 4.0}
    features = features.fillna({name: fill.get(name, 0.0) for name in FEATURE_MEANINGS})
    return features[list(FEATURE_MEANINGS)].astype(float)


def churn_labels(
    tables: dict[str, pd.DataFrame], customers: pd.Index, cutoff: str | pd.Timestamp, months: int
) -> pd.Series:
    """1 if the customer is no longer a customer ``months`` months after ``cutoff``, else 0.

    The label is read at the end of the window, after the cut-off: it counts a
    customer who lapsed silently before the cut-off (the company did not see it
    then) as well as one who leaves during the window.

    Parameters
    ----------
    tables
        Warehouse tables; reads ``is_active`` of the window's last month in
        ``fact_customer_month``.
    customers
        The customers to label (the index of :func:`churn_features`).
    cutoff
        The cut-off day (first day of a month).
    months
        Length of the label window in months.

    Returns
    -------
    pandas.Series
        ``churned`` (0/1) per customer.
    """
    cutoff = pd.Timestamp(cutoff)
    if cutoff.day != 1:
        raise InputError(f"the cut-off must be the first day of a month, got {cutoff.date()}")
    end = cutoff + pd.DateOffset(months=months)
    monthly = tables["fact_customer_month"]
    first_day = pd.to_datetime(monthly["month_key"].astype(str), format="%Y%m%d")
    last_month = monthly[first_day == end - pd.DateOffset(months=1)]
    if last_month.empty:
        raise InputError(f"the label window ends after the data ({end.date()}): use fewer months")
    active = last_month.set_index("customer_id")["is_active"].reindex(customers, fill_value=False)
    return pd.Series((~active).astype(int).to_numpy(), index=customers, name="churned")
