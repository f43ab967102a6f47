"""The customer value × satisfaction portfolio (Kundenwert-Kundenzufriedenheits-Portfolio).

Two dimensions, two thresholds, four fields: key or "star" customers (high
value, high satisfaction), risk customers (high value, low satisfaction),
"ballast" customers (low value, high satisfaction) and critical customers
(low value, low satisfaction). Customer value is not a fixed fact: it can be
steered, and each field has its own recommended action (:data:`FIELDS`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from crmsim.errors import InputError

#: Highest answer of each survey scale (CSAT 1-5, NPS 0-10) and its lowest.
SURVEY_SCALES = {"csat": (1.0, 5.0), "nps": (0.0, 10.0)}


class PortfolioField(NamedTuple):
    """One field of the portfolio: its names and the recommended action."""

    name: str
    name_de: str
    high_value: bool
    high_satisfaction: bool
    action: str


#: The four fields of the lecture, in the order key, risk, ballast, critical.
FIELDS: tuple[PortfolioField, ...] = (
    PortfolioField(
        "key",
        "Schlüssel-/Star-Kunden",
        True,
        True,
        "keep and develop: personal contact, loyalty rewards, ask for referrals",
    ),
    PortfolioField(
        "risk",
        "Risiko-Kunden",
        True,
        False,
        "act first: find and fix the cause of dissatisfaction, personal retention offer",
    ),
    PortfolioField(
        "ballast",
        "Ballast-Kunden",
        False,
        True,
        "serve efficiently: no over-servicing, self-service channels, raise value by cross-selling",
    ),
    PortfolioField(
        "critical",
        "Kritische Kunden",
        False,
        False,
        "check cost to serve: standard service only, fix cheap causes, accept that some leave",
    ),
)


def satisfaction_per_customer(surveys: pd.DataFrame) -> pd.Series:
    """Mean survey answer per customer on a common 0–10 scale.

    CSAT answers (1–5) are mapped linearly to 0–10 (1 → 0, 5 → 10); NPS answers
    (0–10) are taken as they are; the mean of all of a customer's answers is taken.

    Parameters
    ----------
    surveys
        ``fact_survey_response`` with ``customer_id``, ``survey_type``, ``score``.

    Returns
    -------
    pandas.Series
        ``satisfaction_0_10`` per ``customer_id`` (customers without an answer are absent).

    Examples
    --------
    >>> s = pd.DataFrame({"customer_id": [1, 1, 2], "survey_type": ["csat", "nps", "nps"],
    ...                   "score": [5, 6, 3]})
    >>> satisfaction_per_customer(s).to_dict()
    {1: 8.0, 2: 3.0}
    """
    unknown = set(surveys["survey_type"]) - set(SURVEY_SCALES)
    if unknown:
        raise InputError(f"unknown survey_type {sorted(unknown)}; known: csat, nps")
    low = surveys["survey_type"].map({k: v[0] for k, v in SURVEY_SCALES.items()})
    high = surveys["survey_type"].map({k: v[1] for k, v in SURVEY_SCALES.items()})
    scaled = (surveys["score"] - low) / (high - low) * 10.0
    return scaled.groupby(surveys["customer_id"]).mean().rename("satisfaction_0_10")


def value_satisfaction_portfolio(
    value: pd.Series,
    satisfaction: pd.Series,
    value_threshold: float,
    satisfaction_threshold: float,
) -> pd.DataFrame:
    """Place every customer with both a value and a satisfaction in one of the four fields.

    Parameters
    ----------
    value
        Customer value in EUR (revenue, contribution or CLV) per customer.
    satisfaction
        Satisfaction on a 0–10 scale per customer (e.g. :func:`satisfaction_per_customer`).
    value_threshold
        Value (EUR) from which a customer counts as high-value (inclusive).
    satisfaction_threshold
        Satisfaction (0–10) from which a customer counts as satisfied (inclusive).

    Returns
    -------
    pandas.DataFrame
        Indexed by customer: ``value_eur``, ``satisfaction_0_10``, ``field``
        (key, risk, ballast, critical), ``action``.

    Examples
    --------
    >>> v = pd.Series({1: 900.0, 2: 900.0, 3: 50.0, 4: 50.0})
    >>> s = pd.Series({1: 9.0, 2: 3.0, 3: 8.0, 4: 2.0})
    >>> value_satisfaction_portfolio(v, s, 500.0, 6.0)["field"].tolist()
    ['key', 'risk', 'ballast', 'critical']
    """
    if not 0.0 <= satisfaction_threshold <= 10.0:
        raise InputError(
            f"satisfaction_threshold must lie on the 0-10 scale, got {satisfaction_threshold}"
        )
    both = pd.concat(
        [value.rename("value_eur"), satisfaction.rename("satisfaction_0_10")], axis=1, join="inner"
    )
    high_value = both["value_eur"].to_numpy() >= value_threshold
    satisfied = both["satisfaction_0_10"].to_numpy() >= satisfaction_threshold
    names = np.select(
        [high_value & satisfied, high_value & ~satisfied, ~high_value & satisfied],
        ["key", "risk", "ballast"],
        "critical",
    )
    both["field"] = names
    both["action"] = both["field"].map({f.name: f.action for f in FIELDS})
    return both


def portfolio_summary(portfolio: pd.DataFrame) -> pd.DataFrame:
    """Customers, value share and recommended action per field.

    Returns
    -------
    pandas.DataFrame
        Indexed by field (key, risk, ballast, critical): ``name_de``,
        ``customers``, ``value_share`` (share of the portfolio's total value), ``action``.

    Examples
    --------
    >>> p = value_satisfaction_portfolio(pd.Series({1: 900.0, 2: 100.0}),
    ...                                  pd.Series({1: 9.0, 2: 9.0}), 500.0, 6.0)
    >>> portfolio_summary(p)["customers"].tolist()
    [1, 0, 1, 0]
    """
    grouped = portfolio.groupby("field")
    summary = pd.DataFrame(
        {
            "name_de": [f.name_de for f in FIELDS],
            "customers": grouped.size().reindex([f.name for f in FIELDS]).fillna(0).astype(int),
            "value_share": (
                grouped["value_eur"].sum().reindex([f.name for f in FIELDS]).fillna(0.0)
                / portfolio["value_eur"].sum()
            ),
            "action": [f.action for f in FIELDS],
        },
        index=pd.Index([f.name for f in FIELDS], name="field"),
    )
    return summary
