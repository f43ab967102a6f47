"""The 360° view of one customer: all four data kinds of the customer database on one page.

Master data (Grunddaten: who the customer is), potential data (Potenzialdaten:
what they could spend), action data (Aktionsdaten: what the company did to
them: campaign contacts) and reaction data (Reaktionsdaten: what they did:
orders, service contacts, complaints, survey answers).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from crmsim.errors import InputError

MASTER_COLUMNS = (
    "customer_type", "name", "age_band", "postcode", "region", "segment",
    "initial_status", "acquisition_date", "marketing_consent",
)  # fmt: skip
POTENTIAL_COLUMNS = ("income_class", "company_size_class", "estimated_wallet_eur")


@dataclass(frozen=True)
class Customer360:
    """Everything the warehouse knows about one customer (never the hidden truth).

    Attributes
    ----------
    customer_id
        The customer.
    master, potential
        Master data and potential data, as ``{column: value}``.
    orders
        One row per order: ``order_id``, ``order_ts``, ``products`` (product
        codes), ``order_value_eur``, ``campaign_id``.
    contacts
        Service contacts: ``arrival_ts``, ``channel_code``, ``reason``, ``outcome``, ``wait_min``.
    campaigns
        Campaign contacts: ``campaign_name``, ``campaign_type``, ``is_control``, ``responded``.
    complaints
        ``complaint_ts``, ``trigger``, ``handling_policy``, ``resolved``, ``compensation_eur``.
    surveys
        ``response_ts``, ``survey_type``, ``score``.
    key_figures
        Revenue (EUR), orders, share of wallet, days since the last order (at the
        last day of the data), contacts, complaints, mean NPS.
    """

    customer_id: int
    master: dict[str, object]
    potential: dict[str, object]
    orders: pd.DataFrame
    contacts: pd.DataFrame
    campaigns: pd.DataFrame
    complaints: pd.DataFrame
    surveys: pd.DataFrame
    key_figures: dict[str, float]


def customer_360(tables: dict[str, pd.DataFrame], customer_id: int) -> Customer360:
    """Collect one customer's master, potential, action and reaction data.

    Parameters
    ----------
    tables
        The warehouse tables by name (:func:`crmsim.warehouse.read_tables`);
        ``truth_customer`` is not used.
    customer_id
        The customer to show.

    Returns
    -------
    Customer360
        The customer's page; share of wallet is revenue per year ÷ estimated wallet.

    Examples
    --------
    >>> from pathlib import Path
    >>> import crmsim
    >>> from crmsim.warehouse import read_tables
    >>> tables = read_tables(Path(crmsim.__file__).parents[1] / "data")
    >>> view = customer_360(tables, 1)
    >>> sorted(view.key_figures)[:3]
    ['complaints', 'contacts', 'days_since_last_order']
    """
    customers = tables["dim_customer"].set_index("customer_id")
    if customer_id not in customers.index:
        raise InputError(f"customer_id {customer_id} is not in dim_customer")
    row = customers.loc[customer_id]
    channels = tables["dim_channel"].set_index("channel_id")["channel_code"]
    products = tables["dim_product"].set_index("product_id")["product_code"]

    lines = tables["fact_order"][tables["fact_order"]["customer_id"] == customer_id]
    orders = (
        lines.assign(product=lines["product_id"].map(products))
        .groupby("order_id")
        .agg(
            order_ts=("order_ts", "first"),
            products=("product", ", ".join),
            order_value_eur=("revenue_eur", "sum"),
            campaign_id=("campaign_id", "first"),
        )
        .reset_index()
        .sort_values("order_ts", ignore_index=True)
    )
    interactions = tables["fact_interaction"]
    contacts = interactions[interactions["customer_id"] == customer_id].assign(
        channel_code=lambda frame: frame["channel_id"].map(channels)
    )[["arrival_ts", "channel_code", "reason", "outcome", "wait_min"]]
    campaigns = _campaign_history(tables, customer_id)
    complaint_rows = tables["fact_complaint"][
        tables["fact_complaint"]["customer_id"] == customer_id
    ]
    complaints = complaint_rows[
        ["complaint_ts", "trigger", "handling_policy", "resolved", "compensation_eur"]
    ]
    survey_rows = tables["fact_survey_response"]
    surveys = survey_rows[survey_rows["customer_id"] == customer_id][
        ["response_ts", "survey_type", "score"]
    ]
    dates = tables["dim_date"]["date"]
    years = (dates.max() - dates.min()).days / 365.25 + 1 / 365.25
    revenue = float(orders["order_value_eur"].sum())
    last_order = orders["order_ts"].max() if len(orders) else pd.NaT
    nps = surveys.loc[surveys["survey_type"] == "nps", "score"]
    key_figures = {
        "revenue_eur": round(revenue, 2),
        "orders": float(len(orders)),
        "share_of_wallet": round(revenue / years / float(row["estimated_wallet_eur"]), 3),
        "days_since_last_order": float((dates.max() - last_order).days) if len(orders) else None,
        "contacts": float(len(contacts)),
        "complaints": float(len(complaints)),
        "mean_nps": float(nps.mean()) if len(nps) else None,
    }
    return Customer360(
        customer_id=int(customer_id),
        master={column: row[column] for column in MASTER_COLUMNS},
        potential={column: row[column] for column in POTENTIAL_COLUMNS},
        orders=orders,
        contacts=contacts.reset_index(drop=True),
        campaigns=campaigns,
        complaints=complaints.reset_index(drop=True),
        surveys=surveys.reset_index(drop=True),
        key_figures=key_figures,
    )


def _campaign_history(tables: dict[str, pd.DataFrame], customer_id: int) -> pd.DataFrame:
    """The customer's campaign contacts with campaign name, type and whether they responded."""
    contacts = tables["fact_campaign_contact"]
    mine = contacts[contacts["customer_id"] == customer_id]
    responses = tables["fact_campaign_response"]
    answered = set(responses.loc[responses["customer_id"] == customer_id, "campaign_contact_id"])
    campaigns = tables["dim_campaign"].set_index("campaign_id")
    return pd.DataFrame(
        {
            "campaign_name": mine["campaign_id"].map(campaigns["campaign_name"]).to_numpy(),
            "campaign_type": mine["campaign_id"].map(campaigns["campaign_type"]).to_numpy(),
            "is_control": mine["is_control"].to_numpy(),
            "responded": mine["campaign_contact_id"].isin(answered).to_numpy(),
        }
    )
