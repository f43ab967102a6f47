"""ABC analysis and the Pareto question: how unequally is customer value spread?

Customers are sorted by value (revenue or contribution margin in EUR), the
cumulative share of value is computed, and each customer gets a class:
A for the customers who together bring the first 80 % of the value, B for the
next 15 %, C for the rest (the thresholds are parameters). The Lorenz curve
and the Gini coefficient describe the same concentration in one picture and
one number; :func:`top_share` answers "the top x % of customers bring y % of the
revenue" for any x.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from crmsim.errors import InputError

VALUE_MEASURES = ("revenue", "contribution")


def customer_value(orders: pd.DataFrame, measure: str = "revenue") -> pd.Series:
    """Value per customer from order lines, highest first.

    Parameters
    ----------
    orders
        Order lines with ``customer_id``, ``revenue_eur`` and ``cost_eur`` (``fact_order``).
    measure
        ``"revenue"`` (sum of ``revenue_eur``) or ``"contribution"`` (revenue − cost).

    Returns
    -------
    pandas.Series
        Value per customer in EUR, indexed by ``customer_id``, sorted descending;
        only customers with at least one order line.

    Examples
    --------
    >>> lines = pd.DataFrame({"customer_id": [1, 1, 2], "revenue_eur": [100.0, 50.0, 80.0],
    ...                       "cost_eur": [60.0, 30.0, 10.0]})
    >>> customer_value(lines, "contribution").to_dict()
    {2: 70.0, 1: 60.0}
    """
    if measure not in VALUE_MEASURES:
        raise InputError(f"measure must be one of {', '.join(VALUE_MEASURES)}, got {measure!r}")
    value = orders["revenue_eur"]
    if measure == "contribution":
        value = value - orders["cost_eur"]
    per_customer = value.groupby(orders["customer_id"]).sum()
    return per_customer.sort_values(ascending=False, kind="stable").rename(f"{measure}_eur")


def abc_classes(value: pd.Series, thresholds: tuple[float, float] = (0.80, 0.95)) -> pd.DataFrame:
    """Cumulative value share and A/B/C class per customer.

    A customer is in class A while the cumulative share *before* them is below
    the first threshold (so the customer who crosses 80 % is still A), in B
    while it is below the second, otherwise in C.

    Parameters
    ----------
    value
        Value per customer in EUR (any order), indexed by customer.
    thresholds
        Cumulative value shares where A ends and B ends; the default 0.80, 0.95
        gives the classic 80/15/5 split.

    Returns
    -------
    pandas.DataFrame
        Indexed by customer, sorted by value descending, with columns
        ``value_eur``, ``rank`` (1 = most valuable), ``customer_share`` (share of
        customers up to and including this one), ``cumulative_share`` (share of
        the total value up to and including this one) and ``abc_class``.

    Examples
    --------
    >>> table = abc_classes(pd.Series({"x": 70.0, "y": 20.0, "z": 6.0, "w": 4.0}))
    >>> table["abc_class"].to_dict()
    {'x': 'A', 'y': 'A', 'z': 'B', 'w': 'C'}
    """
    low, high = thresholds
    if not 0 < low < high < 1:
        raise InputError(f"thresholds must satisfy 0 < A < B < 1, got {thresholds}")
    if (value < 0).any():
        raise InputError("values must not be negative for an ABC analysis")
    ordered = value.sort_values(ascending=False, kind="stable").astype(float)
    total = ordered.sum()
    if total <= 0:
        raise InputError("the values sum to zero; there is nothing to classify")
    cumulative = ordered.cumsum() / total
    before = cumulative - ordered / total
    classes = np.where(before < low - 1e-12, "A", np.where(before < high - 1e-12, "B", "C"))
    count = len(ordered)
    return pd.DataFrame(
        {
            "value_eur": ordered,
            "rank": np.arange(1, count + 1),
            "customer_share": np.arange(1, count + 1) / count,
            "cumulative_share": cumulative,
            "abc_class": classes,
        },
        index=ordered.index,
    )


def lorenz_curve(value: pd.Series) -> pd.DataFrame:
    """Points of the Lorenz curve, from the least to the most valuable customer.

    Parameters
    ----------
    value
        Value per customer in EUR.

    Returns
    -------
    pandas.DataFrame
        Columns ``customer_share`` and ``value_share``, starting at (0, 0) and
        ending at (1, 1); the diagonal would mean every customer is worth the same.

    Examples
    --------
    >>> lorenz_curve(pd.Series([1.0, 3.0])).round(2).values.tolist()
    [[0.0, 0.0], [0.5, 0.25], [1.0, 1.0]]
    """
    ordered = np.sort(value.to_numpy(dtype=float))
    count = len(ordered)
    return pd.DataFrame(
        {
            "customer_share": np.arange(count + 1) / count,
            "value_share": np.concatenate([[0.0], ordered.cumsum() / ordered.sum()]),
        }
    )


def gini(value: pd.Series) -> float:
    r"""Gini coefficient of the value distribution (0 equal, towards 1 concentrated).

    Twice the area between the diagonal and the Lorenz curve; for sorted values
    :math:`x_1 \le \dots \le x_n`,
    :math:`G = \frac{2\sum_i i\,x_i}{n\sum_i x_i} - \frac{n+1}{n}`.

    Examples
    --------
    >>> gini(pd.Series([5.0, 5.0, 5.0]))
    0.0
    >>> round(gini(pd.Series([0.0, 0.0, 0.0, 10.0])), 2)
    0.75
    """
    ordered = np.sort(value.to_numpy(dtype=float))
    count = len(ordered)
    ranks = np.arange(1, count + 1)
    return float(2.0 * (ranks * ordered).sum() / (count * ordered.sum()) - (count + 1) / count)


def top_share(value: pd.Series, top: float = 0.2) -> float:
    """Share of the total value brought by the top ``top`` share of customers.

    The top group has ``round(top × customers)`` members (at least one).

    Parameters
    ----------
    value
        Value per customer in EUR.
    top
        Share of customers, from 0 to 1 (0.2 = the top 20 %).

    Returns
    -------
    float
        Their share of the total value, from 0 to 1.

    Examples
    --------
    >>> top_share(pd.Series([50.0, 20.0, 10.0, 10.0, 10.0]), 0.2)
    0.5
    """
    if not 0 < top <= 1:
        raise InputError(f"top must be a share from 0 (exclusive) to 1, got {top}")
    ordered = value.sort_values(ascending=False, kind="stable")
    members = max(1, round(top * len(ordered)))
    return float(ordered.iloc[:members].sum() / ordered.sum())


class ShareInterval(NamedTuple):
    """A value share with a bootstrap percentile interval (all from 0 to 1)."""

    share: float
    low: float
    high: float


def top_share_interval(
    value: pd.Series, top: float = 0.2, resamples: int = 500, seed: int = 0
) -> ShareInterval:
    """:func:`top_share` with a 95 % bootstrap interval over resampled customers.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> result = top_share_interval(pd.Series(rng.gamma(0.5, 100.0, 2000)), 0.2, seed=2)
    >>> result.low < result.share < result.high
    True
    """
    if not 0 < top <= 1:
        raise InputError(f"top must be a share from 0 (exclusive) to 1, got {top}")
    values = value.to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    samples = np.sort(values[rng.integers(0, len(values), (resamples, len(values)))], axis=1)
    members = max(1, round(top * len(values)))
    shares = samples[:, -members:].sum(axis=1) / samples.sum(axis=1)
    low, high = np.percentile(shares, [2.5, 97.5])
    return ShareInterval(top_share(value, top), float(low), float(high))
