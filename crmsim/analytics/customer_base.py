"""The "leaky bucket": what churn and acquisition cost do to a customer base over five years.

A customer base is a bucket: acquisition pours customers in, churn lets them
leak out. Year by year (``t = 1 .. years``)

.. math::

    N_t = N_{t-1} (1 - c) + W, \\qquad
    \\text{profit}_t = (m - r)\\,Y_t - A\\,W, \\qquad
    \\text{value}_t = N_t \\frac{m - r}{d + c}

with churn rate :math:`c` per year, :math:`W` customers won per year at an
acquisition cost :math:`A` (EUR each), margin :math:`m` and retention cost
:math:`r` per customer-year (EUR), customer-years served
:math:`Y_t = N_{t-1} - cN_{t-1}/2 + W/2` (leavers and newcomers count half a
year), and discount rate :math:`d`. The value of the base is what its
customers will still earn, discounted: a customer who stays with probability
:math:`1 - c` each year brings :math:`(m - r)/(d + c)`. Without change the base
drifts towards :math:`W / c` customers: at high churn acquisition only refills
the leak.

The panel :class:`crmsim.widgets.LeakyBucketPanel` puts churn and acquisition cost on
sliders; the model is a few lines of arithmetic, so the panel answers at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class BucketSettings:
    """The figures of a customer base.

    Attributes
    ----------
    start_customers
        Customers at the start.
    churn_rate
        Share of the customers lost per year (0..1).
    acquisition_cost_eur
        Cost of winning one new customer (EUR).
    new_customers_per_year
        Customers won per year.
    margin_per_customer_year_eur
        Gross margin a customer brings per year (EUR).
    retention_cost_per_customer_year_eur
        Cost of looking after a customer for a year (service, loyalty offers; EUR).
    discount_rate
        Yearly discount rate for the value of the base.
    years
        Years projected.
    """

    start_customers: int = 1000
    churn_rate: float = 0.2
    acquisition_cost_eur: float = 300.0
    new_customers_per_year: int = 200
    margin_per_customer_year_eur: float = 300.0
    retention_cost_per_customer_year_eur: float = 30.0
    discount_rate: float = 0.08
    years: int = 5

    def __post_init__(self) -> None:
        checks = (
            ("start_customers", self.start_customers >= 0, "≥ 0"),
            ("churn_rate", 0.0 <= self.churn_rate <= 1.0, "a share from 0 to 1"),
            ("acquisition_cost_eur", self.acquisition_cost_eur >= 0, "≥ 0 EUR"),
            ("new_customers_per_year", self.new_customers_per_year >= 0, "≥ 0"),
            ("discount_rate", 0.0 <= self.discount_rate <= 1.0, "a share from 0 to 1"),
            ("years", 1 <= self.years <= 50, "a whole number from 1 to 50"),
        )
        for name, ok, allowed in checks:
            if not ok:
                raise ValueError(f'"{name}" must be {allowed}, got {getattr(self, name)}')
        if self.churn_rate + self.discount_rate == 0:
            raise ValueError('"churn_rate" and "discount_rate" cannot both be 0')


def leaky_bucket(settings: BucketSettings) -> pd.DataFrame:
    """Project the customer base year by year.

    Returns
    -------
    pandas.DataFrame
        One row per year ``0 .. years`` with ``customers`` (at the year's end), ``won``,
        ``lost``, ``customer_years``, ``margin_eur``, ``acquisition_spend_eur``,
        ``retention_spend_eur``, ``profit_eur``, ``cumulative_profit_eur`` and
        ``base_value_eur`` (discounted future margin of the customers at the year's end).

    Examples
    --------
    >>> one = leaky_bucket(BucketSettings(start_customers=100, churn_rate=0.1,
    ...     new_customers_per_year=10, acquisition_cost_eur=50, margin_per_customer_year_eur=20,
    ...     retention_cost_per_customer_year_eur=0, discount_rate=0.1, years=1))
    >>> columns = ["customers", "lost", "customer_years", "profit_eur", "base_value_eur"]
    >>> one[columns].iloc[1].tolist()
    [100.0, 10.0, 100.0, 1500.0, 10000.0]
    """
    s = settings
    net_margin = s.margin_per_customer_year_eur - s.retention_cost_per_customer_year_eur
    value_per_customer = net_margin / (s.discount_rate + s.churn_rate)
    customers = float(s.start_customers)
    rows = [
        {"year": 0, "customers": customers, "won": 0.0, "lost": 0.0, "customer_years": 0.0}
        | dict.fromkeys(
            (
                "margin_eur",
                "acquisition_spend_eur",
                "retention_spend_eur",
                "profit_eur",
                "cumulative_profit_eur",
            ),
            0.0,
        )
        | {"base_value_eur": customers * value_per_customer}
    ]
    cumulative = 0.0
    for year in range(1, s.years + 1):
        lost = customers * s.churn_rate
        won = float(s.new_customers_per_year)
        served = customers - lost / 2 + won / 2
        margin = s.margin_per_customer_year_eur * served
        retention = s.retention_cost_per_customer_year_eur * served
        acquisition = s.acquisition_cost_eur * won
        profit = margin - retention - acquisition
        cumulative += profit
        customers = customers - lost + won
        rows.append(
            {
                "year": year,
                "customers": customers,
                "won": won,
                "lost": lost,
                "customer_years": served,
                "margin_eur": margin,
                "acquisition_spend_eur": acquisition,
                "retention_spend_eur": retention,
                "profit_eur": profit,
                "cumulative_profit_eur": cumulative,
                "base_value_eur": customers * value_per_customer,
            }
        )
    return pd.DataFrame(rows)


def lever_comparison(settings: BucketSettings) -> pd.DataFrame:
    """Profit and base value after ``years`` for the settings, with churn halved, with
    acquisition cost halved.

    Returns
    -------
    pandas.DataFrame
        Index ``as set``, ``churn halved``, ``acquisition cost halved``; columns
        ``customers``, ``cumulative_profit_eur``, ``base_value_eur`` (last year).
    """
    variants = {
        "as set": settings,
        "churn halved": replace(settings, churn_rate=settings.churn_rate / 2),
        "acquisition cost halved": replace(
            settings, acquisition_cost_eur=settings.acquisition_cost_eur / 2
        ),
    }
    last = {name: leaky_bucket(s).iloc[-1] for name, s in variants.items()}
    table = pd.DataFrame(last).T[["customers", "cumulative_profit_eur", "base_value_eur"]]
    return table.astype(float)


def bucket_settings_from_warehouse(tables: dict[str, pd.DataFrame]) -> BucketSettings:
    """The bucket's figures as measured in a warehouse.

    Start customers are those who were customers at the start of the period; the churn rate is
    :math:`1 - e^{-\\lambda}` for :math:`\\lambda` churn events per customer-year; new
    customers per year count every acquisition in the period (campaigns and own
    initiative); acquisition and retention cost come from
    :func:`crmsim.analytics.acquisition_retention.acquisition_vs_retention`; the margin is
    revenue minus cost of goods per customer-year (EUR).
    """
    from crmsim.analytics.acquisition_retention import acquisition_vs_retention

    months = tables["fact_customer_month"]
    customer_years = float(months["is_active"].sum()) / 12.0
    orders = tables["fact_order"]
    customers = tables["dim_customer"]
    period_years = months["month_key"].nunique() / 12.0
    prospects = customers[customers["initial_status"] == "prospect"]
    won = int(prospects["acquisition_date"].notna().sum())
    costs = acquisition_vs_retention(tables)
    return BucketSettings(
        start_customers=int((customers["initial_status"] == "customer").sum()),
        churn_rate=float(1.0 - np.exp(-months["churned"].sum() / customer_years)),
        acquisition_cost_eur=round(costs.acquisition_cost_per_customer_eur, 2),
        new_customers_per_year=round(won / period_years),
        margin_per_customer_year_eur=round(
            float((orders["revenue_eur"] - orders["cost_eur"]).sum()) / customer_years, 2
        ),
        retention_cost_per_customer_year_eur=round(costs.retention_cost_per_customer_year_eur, 2),
    )
