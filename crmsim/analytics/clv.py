"""Customer lifetime value with BG/NBD and Gamma-Gamma (PyMC-Marketing, fitted by MAP).

BG/NBD (Fader, Hardie & Lee 2005) explains *how many* repeat purchases a
customer makes: while alive, a customer buys at a personal Poisson rate λ
(gamma-distributed across customers with shape ``r`` and rate ``alpha``); after
each purchase they drop out for good with a personal probability p
(beta-distributed with ``a`` and ``b``). Gamma-Gamma explains *how much* each
purchase is worth. Both are fitted on the literature's summary per customer:
``frequency`` (repeat purchases), ``recency`` (time of the last repeat purchase
after the first), ``T`` (time from the first purchase to the end of the
calibration period), in one time unit (weeks here), and ``monetary_value``
(mean value of the repeat purchases, EUR).

The flat priors make the MAP estimate the maximum-likelihood estimate of the
papers; fitting takes seconds once PyTensor has compiled the model (the first
run on a machine compiles for about a minute and caches the result).
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from crmsim.analytics.rfm import order_totals
from crmsim.errors import InputError

if TYPE_CHECKING:
    from pymc_marketing.clv import BetaGeoModel

DAYS_PER_WEEK = 7.0
SUMMARY_COLUMNS = ("frequency", "recency", "T")


class BgNbdParameters(NamedTuple):
    """Fitted BG/NBD population parameters (time unit: that of the summary).

    Attributes
    ----------
    r, alpha
        Shape and rate of the gamma distribution of purchase rates λ; the mean
        rate is ``r / alpha`` purchases per time unit.
    a, b
        Parameters of the beta distribution of the dropout probability p after a
        purchase; the mean is ``a / (a + b)``.
    """

    r: float
    alpha: float
    a: float
    b: float

    @property
    def mean_purchase_rate(self) -> float:
        """Mean purchase rate of alive customers, per time unit."""
        return self.r / self.alpha

    @property
    def mean_dropout_probability(self) -> float:
        """Mean chance of dropping out after a purchase."""
        return self.a / (self.a + self.b)


class GammaGammaParameters(NamedTuple):
    """Fitted Gamma-Gamma parameters; the population mean order value is ``p·v/(q−1)`` EUR."""

    p: float
    q: float
    v: float

    @property
    def mean_order_value_eur(self) -> float:
        """Expected order value of a randomly chosen customer (EUR)."""
        return self.p * self.v / (self.q - 1.0)


@dataclass(frozen=True)
class ClvResult:
    """Both fits and the predictions per customer.

    Attributes
    ----------
    bgnbd, gamma_gamma
        The fitted parameters.
    customers
        One row per customer of the summary: ``customer_id``, ``frequency``,
        ``recency``, ``T``, ``monetary_value``, ``expected_purchases`` (in the
        next ``horizon_weeks``), ``p_alive``, ``expected_order_value_eur``,
        ``clv_eur`` (discounted value of the next ``horizon_months``).
    """

    bgnbd: BgNbdParameters
    gamma_gamma: GammaGammaParameters
    customers: pd.DataFrame


def purchase_summary(
    orders: pd.DataFrame,
    calibration_end: str | pd.Timestamp,
    calibration_start: str | pd.Timestamp | None = None,
    days_per_unit: float = DAYS_PER_WEEK,
) -> pd.DataFrame:
    """Frequency, recency, T and monetary value per customer from orders in the calibration period.

    A customer's clock starts with their first order in the period (for
    customers from before the period this is the first order we can see).

    Parameters
    ----------
    orders
        Order lines (``fact_order``).
    calibration_end
        End of the calibration period (exclusive).
    calibration_start
        Start of the period (inclusive); default: all orders before the end.
    days_per_unit
        Length of the time unit in days (7: weeks, as in the CDNOW study).

    Returns
    -------
    pandas.DataFrame
        ``customer_id``, ``frequency``, ``recency``, ``T`` (time units),
        ``monetary_value`` (mean value of the repeat orders in EUR, 0 without repeats).

    Examples
    --------
    >>> lines = pd.DataFrame({"order_id": [1, 2, 3], "customer_id": [5, 5, 5],
    ...     "order_ts": pd.to_datetime(["2024-01-01", "2024-01-15", "2024-01-29"]),
    ...     "revenue_eur": [10.0, 30.0, 50.0]})
    >>> purchase_summary(lines, "2024-02-05").iloc[0].tolist()
    [5.0, 2.0, 4.0, 5.0, 40.0]
    """
    end = pd.Timestamp(calibration_end)
    mask = orders["order_ts"] < end
    if calibration_start is not None:
        mask &= orders["order_ts"] >= pd.Timestamp(calibration_start)
    totals = order_totals(orders[mask])
    if totals.empty:
        raise InputError("no orders in the calibration period: check the dates")
    first = totals.groupby("customer_id")["order_ts"].transform("min")
    totals["is_repeat"] = totals["order_ts"] > first
    grouped = totals.groupby("customer_id")
    first_ts = grouped["order_ts"].min()
    repeats = totals[totals["is_repeat"]].groupby("customer_id")
    day = pd.Timedelta(days=1)
    summary = pd.DataFrame(
        {
            "frequency": repeats.size().reindex(first_ts.index, fill_value=0),
            "recency": ((grouped["order_ts"].max() - first_ts) / day) / days_per_unit,
            "T": ((end - first_ts) / day) / days_per_unit,
            "monetary_value": repeats["order_value_eur"].mean().reindex(first_ts.index).fillna(0.0),
        }
    )
    return summary.reset_index()


def _check_summary(summary: pd.DataFrame) -> pd.DataFrame:
    missing = [column for column in SUMMARY_COLUMNS if column not in summary.columns]
    if missing:
        raise InputError(
            f"summary lacks column(s) {', '.join(missing)}; needs frequency, recency and T"
        )
    data = summary.copy()
    if "customer_id" not in data.columns:
        data["customer_id"] = np.arange(len(data))
    bad = data[(data["recency"] > data["T"] + 1e-9) | (data["frequency"] < 0)]
    if len(bad):
        raise InputError(f"row {bad.index[0]}: recency must not exceed T and frequency must be ≥ 0")
    return data


def _quietly_fit(model: object, data: pd.DataFrame) -> None:
    """Fit a PyMC-Marketing model to ``data`` by MAP without progress bars or warnings."""
    logging.getLogger("pymc").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(data=data, method="map", progressbar=False)  # type: ignore[attr-defined]


def _bgnbd_model(summary: pd.DataFrame) -> BetaGeoModel:
    from pymc_extras.prior import Prior
    from pymc_marketing import clv

    data = _check_summary(summary)
    flat = {name: Prior("HalfFlat") for name in ("r", "alpha", "a", "b")}
    model = clv.BetaGeoModel(model_config=flat)
    _quietly_fit(model, data[["customer_id", *SUMMARY_COLUMNS]].reset_index(drop=True))
    return model


def _posterior_values(model: object, names: tuple[str, ...]) -> list[float]:
    posterior = model.idata.posterior  # type: ignore[attr-defined]
    return [float(posterior[name].values.ravel()[0]) for name in names]


def fit_bgnbd(summary: pd.DataFrame) -> BgNbdParameters:
    """Fit BG/NBD by maximum likelihood (MAP with flat priors, PyMC-Marketing).

    Parameters
    ----------
    summary
        One row per customer with ``frequency`` (repeat purchases), ``recency``
        (time of the last repeat purchase since the first purchase) and ``T``
        (time since the first purchase), all in one time unit; a
        ``customer_id`` column is optional.

    Returns
    -------
    BgNbdParameters
        ``r``, ``alpha`` (in the summary's time unit), ``a``, ``b``.

    Examples
    --------
    >>> from crmsim.analytics.clv_simulation import simulate_bgnbd
    >>> data = simulate_bgnbd(BgNbdParameters(0.243, 4.414, 0.793, 2.426), 3000, seed=1)
    >>> fitted = fit_bgnbd(data)
    >>> 0.15 < fitted.r < 0.35 and 2.5 < fitted.alpha < 6.5
    True
    """
    model = _bgnbd_model(summary)
    return BgNbdParameters(*_posterior_values(model, ("r", "alpha", "a", "b")))


def probability_alive(params: BgNbdParameters, frequency: float, recency: float, T: float) -> float:
    r"""P(alive) of one customer under BG/NBD (Fader, Hardie & Lee 2005, eq. 12).

    .. math::

        P(\text{alive}) = \Big(1 + \mathbb{1}_{x>0}\,\frac{a}{b+x-1}
        \Big(\frac{\alpha+T}{\alpha+t_x}\Big)^{r+x}\Big)^{-1}

    Parameters
    ----------
    params
        Fitted BG/NBD parameters (time unit of ``recency`` and ``T``).
    frequency, recency, T
        Repeat purchases x, time of the last repeat purchase t_x, age T.

    Examples
    --------
    >>> from crmsim.analytics.clv_simulation import CDNOW_PARAMETERS
    >>> round(probability_alive(CDNOW_PARAMETERS, 4, 32.0, 39.0), 3)
    0.764
    >>> probability_alive(CDNOW_PARAMETERS, 0, 0.0, 39.0)
    1.0
    """
    if frequency == 0:
        return 1.0
    r, alpha, a, b = params
    odds = a / (b + frequency - 1) * ((alpha + T) / (alpha + recency)) ** (r + frequency)
    return float(1.0 / (1.0 + odds))


def customer_lifetime_values(
    summary: pd.DataFrame,
    horizon_weeks: float = 52.0,
    horizon_months: int = 12,
    monthly_discount_rate: float = 0.01,
) -> ClvResult:
    """Fit BG/NBD and Gamma-Gamma and predict purchases, P(alive) and CLV per customer.

    Parameters
    ----------
    summary
        :func:`purchase_summary` in weeks, with ``monetary_value`` in EUR.
    horizon_weeks
        Horizon of ``expected_purchases`` (weeks), e.g. the length of a hold-out period.
    horizon_months
        Horizon of the CLV (months).
    monthly_discount_rate
        Discount rate per month (0.01 ≈ 12.7 % a year).

    Returns
    -------
    ClvResult
        The parameters and one row per customer; the Gamma-Gamma model is fitted
        on the customers with at least one repeat purchase and applied to all.
    """
    from pymc_marketing import clv

    data = _check_summary(summary)
    if "monetary_value" not in data.columns:
        raise InputError("summary lacks column monetary_value (mean repeat order value, EUR)")
    bgnbd = _bgnbd_model(data)
    repeaters = data[(data["frequency"] > 0) & (data["monetary_value"] > 0)]
    spend_model = clv.GammaGammaModel()
    _quietly_fit(
        spend_model,
        repeaters[["customer_id", "monetary_value", "frequency"]].reset_index(drop=True),
    )
    customers = data[["customer_id", *SUMMARY_COLUMNS, "monetary_value"]].reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        purchases = bgnbd.expected_purchases(data=customers, future_t=horizon_weeks)
        alive = bgnbd.expected_probability_alive(data=customers)
        spend = spend_model.expected_customer_spend(data=customers)
        value = spend_model.expected_customer_lifetime_value(
            transaction_model=bgnbd,
            data=customers,
            future_t=horizon_months,
            discount_rate=monthly_discount_rate,
            time_unit="W",
        )
    customers["expected_purchases"] = np.asarray(purchases).ravel()
    customers["p_alive"] = np.asarray(alive).ravel()
    customers["expected_order_value_eur"] = np.asarray(spend).ravel()
    customers["clv_eur"] = np.asarray(value).ravel()
    customers = customers.drop(columns="future_spend", errors="ignore")
    return ClvResult(
        bgnbd=BgNbdParameters(*_posterior_values(bgnbd, ("r", "alpha", "a", "b"))),
        gamma_gamma=GammaGammaParameters(*_posterior_values(spend_model, ("p", "q", "v"))),
        customers=customers,
    )


def holdout_purchases(
    orders: pd.DataFrame, start: str | pd.Timestamp, end: str | pd.Timestamp
) -> pd.Series:
    """Orders per customer in the hold-out period [start, end) (customers without orders absent)."""
    mask = (orders["order_ts"] >= pd.Timestamp(start)) & (orders["order_ts"] < pd.Timestamp(end))
    return order_totals(orders[mask]).groupby("customer_id").size().rename("holdout_orders")
