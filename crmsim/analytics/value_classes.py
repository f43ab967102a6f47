"""Economics per customer value class: margin, complaints and churn per customer-year.

The value class (A, B, C) is the one the interaction center routes by
(``fact_interaction.value_class``, from the customer's segment). The figures
feed the complaint-policy widget, which needs to know what a customer of each
class is worth and how often such customers complain.
"""

from __future__ import annotations

import pandas as pd

#: Value class of each customer segment (the routing classes of the interaction center).
VALUE_CLASS_OF_SEGMENT = {
    "business_key": "A",
    "private_premium": "A",
    "business_small": "B",
    "private_standard": "C",
}


def value_class_economics(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Margin, complaints and churn per customer-year for each value class.

    Parameters
    ----------
    tables
        Warehouse tables (``dim_customer``, ``fact_order``, ``fact_complaint``,
        ``fact_customer_month``).

    Returns
    -------
    pandas.DataFrame
        One row per class (A, B, C) with ``customers``, ``customer_years`` (active
        customer-months / 12), ``margin_per_customer_year_eur`` (revenue minus cost of goods,
        EUR), ``complaints_per_customer_year`` and ``churn_per_customer_year`` (churn events
        per customer-year).

    Examples
    --------
    >>> tables = {
    ...     "dim_customer": pd.DataFrame({"customer_id": [1, 2], "segment": ["private_premium",
    ...                                   "private_standard"]}),
    ...     "fact_order": pd.DataFrame({"customer_id": [1, 1, 2], "revenue_eur": [500.0, 100.0,
    ...                                 80.0], "cost_eur": [300.0, 60.0, 50.0]}),
    ...     "fact_complaint": pd.DataFrame({"customer_id": [1]}),
    ...     "fact_customer_month": pd.DataFrame({"customer_id": [1] * 12 + [2] * 6,
    ...         "is_active": [True] * 12 + [True] * 5 + [False], "churned": [False] * 17 + [True]}),
    ... }
    >>> table = value_class_economics(tables)
    >>> table[["value_class", "margin_per_customer_year_eur"]].values.tolist()
    [['A', 240.0], ['C', 72.0]]
    """
    classes = tables["dim_customer"].set_index("customer_id")["segment"].map(VALUE_CLASS_OF_SEGMENT)
    orders = tables["fact_order"]
    margin = (orders["revenue_eur"] - orders["cost_eur"]).groupby(
        orders["customer_id"].map(classes)
    )
    complaints = tables["fact_complaint"]["customer_id"].map(classes).value_counts()
    months = tables["fact_customer_month"]
    month_class = months["customer_id"].map(classes)
    years = months["is_active"].groupby(month_class).sum() / 12.0
    churned = months["churned"].groupby(month_class).sum()
    customers = months.groupby(month_class)["customer_id"].nunique()
    table = pd.DataFrame(
        {
            "customers": customers,
            "customer_years": years,
            "margin_per_customer_year_eur": margin.sum().reindex(years.index, fill_value=0.0)
            / years,
            "complaints_per_customer_year": complaints.reindex(years.index, fill_value=0) / years,
            "churn_per_customer_year": churned / years,
        }
    )
    table.index.name = "value_class"
    return table.sort_index().reset_index()
