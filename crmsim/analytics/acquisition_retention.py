"""Acquisition versus retention cost, measured from the warehouse tables.

The lecture states that winning a new customer costs about 7-10 times as much
as keeping one. In the model this is not a constant: it follows from contact
costs, response rates, incentives and complaint handling. Here both sides are
measured the way a controller would:

- cost per acquired customer (EUR): everything spent on acquisition campaigns
  (contacts and welcome discounts) divided by the customers they won;
- cost of keeping a customer for a year (EUR per customer-year): everything
  spent on existing customers to keep them (retention and win-back campaigns,
  complaint handling and compensation) divided by the customer-years kept
  (active customer-months / 12).

.. math:: \\text{ratio} = \\frac{\\text{acquisition spend} / \\text{customers won}}
          {\\text{retention spend} / \\text{customer-years kept}}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from crmsim.analytics.estimates import Estimate


class CostComparison(NamedTuple):
    """Acquisition and retention cost (EUR) and their ratio."""

    acquisition_cost_per_customer_eur: float
    retention_cost_per_customer_year_eur: float
    customers_acquired: int
    customer_years_kept: float

    @property
    def ratio(self) -> float:
        """How many times dearer acquiring a customer is than keeping one for a year."""
        return self.acquisition_cost_per_customer_eur / self.retention_cost_per_customer_year_eur


def cost_comparison(
    acquisition_spend_eur: float,
    customers_won: int,
    retention_spend_eur: float,
    customer_years_kept: float,
) -> CostComparison:
    """Both costs from the four totals a controller knows.

    Parameters
    ----------
    acquisition_spend_eur
        Everything spent to win new customers (EUR).
    customers_won
        New customers won with it.
    retention_spend_eur
        Everything spent to keep existing customers (EUR).
    customer_years_kept
        Customer-years the existing customers stayed (customer-months / 12).

    Examples
    --------
    >>> costs = cost_comparison(12_000.0, 40, 30_000.0, 1_000.0)
    >>> costs.acquisition_cost_per_customer_eur, costs.retention_cost_per_customer_year_eur
    (300.0, 30.0)
    >>> costs.ratio
    10.0
    """
    if customers_won < 1 or customer_years_kept <= 0:
        raise ValueError(
            "need at least one customer won and a positive number of customer-years, got "
            f"customers_won={customers_won}, customer_years_kept={customer_years_kept}"
        )
    return CostComparison(
        acquisition_spend_eur / customers_won,
        retention_spend_eur / customer_years_kept,
        int(customers_won),
        float(customer_years_kept),
    )


def campaign_spend(tables: dict[str, pd.DataFrame], kinds: tuple[str, ...]) -> float:
    """Contact costs plus incentives (EUR) of the campaigns of the given ``campaign_type``\\ s."""
    campaigns = tables["dim_campaign"].set_index("campaign_id")["campaign_type"]
    contacts = tables["fact_campaign_contact"]
    responses = tables["fact_campaign_response"]
    contact_kind = contacts["campaign_id"].map(campaigns)
    response_kind = responses["campaign_id"].map(campaigns)
    return float(
        contacts.loc[contact_kind.isin(kinds), "cost_eur"].sum()
        + responses.loc[response_kind.isin(kinds), "incentive_cost_eur"].sum()
    )


def acquisition_vs_retention(tables: dict[str, pd.DataFrame]) -> CostComparison:
    """Measure both costs from ``dim_campaign``, the campaign facts, complaints and snapshots.

    Parameters
    ----------
    tables
        Warehouse tables by name (``dim_campaign``, ``fact_campaign_contact``,
        ``fact_campaign_response``, ``fact_complaint``, ``fact_customer_month``).

    Returns
    -------
    CostComparison
        Cost per acquired customer and per retained customer-year (EUR), with the counts.
    """
    won = int((tables["fact_campaign_response"]["response_type"] == "became_customer").sum())
    complaints = tables["fact_complaint"]
    keeping = campaign_spend(tables, ("retention", "win_back")) + float(
        complaints["handling_cost_eur"].sum() + complaints["compensation_eur"].sum()
    )
    years = float(tables["fact_customer_month"]["is_active"].sum()) / 12.0
    return CostComparison(
        campaign_spend(tables, ("acquisition",)) / max(won, 1), keeping / years, won, years
    )


def cost_ratio_over_seeds(
    seeds: Iterable[int], customers: int = 3000, years: int = 2
) -> tuple[pd.DataFrame, Estimate]:
    """The acquisition/retention cost ratio in one simulated warehouse per seed.

    Returns
    -------
    tuple of (pandas.DataFrame, Estimate)
        The ratio per seed (columns ``seed``, ``value``) and its mean with a 95 % interval.
    """
    # Imported here: the warehouse generator itself imports this module.
    from crmsim.analytics.replications import measure_over_seeds

    return measure_over_seeds(
        lambda tables: acquisition_vs_retention(tables).ratio, seeds, customers, years
    )
