"""Acquisition versus retention cost, measured from the warehouse tables.

The lecture states that winning a new customer costs about 7-10 times as much
as keeping one. In the model this is not a constant: it follows from contact
costs, response rates, incentives and complaint handling. Here both sides are
measured the way a controller would:

- cost per acquired customer: everything spent on acquisition campaigns
  (contacts and welcome discounts) divided by the customers they won;
- cost of keeping a customer for a year: everything spent on existing
  customers to keep them (retention and win-back campaigns, complaint
  handling and compensation) divided by the customer-years kept
  (active customer-months / 12).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd


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


def acquisition_vs_retention(tables: dict[str, pd.DataFrame]) -> CostComparison:
    """Measure both costs from ``dim_campaign``, the campaign facts, complaints and snapshots."""
    campaigns = tables["dim_campaign"].set_index("campaign_id")["campaign_type"]
    contacts = tables["fact_campaign_contact"]
    responses = tables["fact_campaign_response"]
    contact_type = contacts["campaign_id"].map(campaigns)
    response_type = responses["campaign_id"].map(campaigns)

    def spend(kinds: tuple[str, ...]) -> float:
        return float(
            contacts.loc[contact_type.isin(kinds), "cost_eur"].sum()
            + responses.loc[response_type.isin(kinds), "incentive_cost_eur"].sum()
        )

    won = int((responses["response_type"] == "became_customer").sum())
    complaints = tables["fact_complaint"]
    keeping = spend(("retention", "win_back")) + float(
        complaints["handling_cost_eur"].sum() + complaints["compensation_eur"].sum()
    )
    years = float(tables["fact_customer_month"]["is_active"].sum()) / 12.0
    return CostComparison(spend(("acquisition",)) / max(won, 1), keeping / years, won, years)
